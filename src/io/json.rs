//! The native team file: JSON, versioned, with unknown fields kept.

use crate::model::{Org, Problem, validate};

/// Parses and validates a native team file; on failure lists every problem found.
pub fn parse_json(bytes: &[u8]) -> Result<Org, Vec<Problem>> {
    // A byte-order mark names the encoding: UTF-8, or UTF-16 as Windows PowerShell writes.
    let decoded;
    let bytes = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            let rest = bytes.get(bom..).unwrap_or_default();
            decoded = encoding.decode_without_bom_handling(rest).0.into_owned();
            decoded.as_bytes()
        }
        _ => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
    };
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(vec![Problem::new("", "the file is empty")]),
        Some(b'{') => {}
        Some(_) => {
            return Err(vec![Problem::new(
                "top of the file",
                "this is not an orgflow team file: a team file is one JSON object, starting with { and marked \"orgflow\": 1",
            )]);
        }
    }
    let org: Org = serde_json::from_slice(bytes).map_err(|e| vec![json_problem(&e)])?;
    let problems = validate(&org);
    if problems.is_empty() {
        Ok(org)
    } else {
        Err(problems)
    }
}

/// The native file's text for `org`: pretty JSON, stable key order, ending in a newline.
pub fn to_json(org: &Org) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(org).unwrap_or_default();
    text.push('\n');
    text
}

fn json_problem(error: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let place = if error.line() == 0 {
        "the file".to_owned()
    } else {
        format!("line {}, column {}", error.line(), error.column())
    };
    let detail = error.to_string();
    // serde_json appends " at line L column C"; the place already says it.
    let detail = match detail.rfind(" at line ") {
        Some(cut) => detail[..cut].to_owned(),
        None => detail,
    };
    let message = match error.classify() {
        Category::Syntax if detail.contains("recursion limit") => {
            "lists or objects are nested too deeply here (more than 128 levels)".to_owned()
        }
        Category::Syntax => format!("the JSON is broken here ({detail})"),
        Category::Eof => "the file ends too early: a bracket or quote is not closed".to_owned(),
        Category::Data => format!("a value here has the wrong form ({detail})"),
        Category::Io => format!("could not be read ({detail})"),
    };
    Problem::new(place, message)
}
