//! A table read from a spreadsheet export or a workbook: a header row and numbered rows of
//! text cells. CSV (any separator, UTF-8, UTF-16 or Windows-1252) and Excel or OpenDocument
//! workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`, through `calamine`) give the same
//! table, so people and rights sheets are read the same way from either.

use crate::model::Problem;

/// One row of a table: its number as a spreadsheet shows it, and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// Spreadsheet row number (the header is row 1 in a CSV).
    pub number: usize,
    /// The cells, as text.
    pub cells: Vec<String>,
}

/// A header row and the rows below it; rows of nothing but empty cells are left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<TableRow>,
    /// Rows that could not be read at all, with their numbers.
    pub problems: Vec<(usize, Problem)>,
    /// CSV rows whose number of cells differs from the header's (spreadsheets are rectangular).
    pub ragged: bool,
    /// How the file was read, when a user might not expect it (the encoding it was read in).
    pub notes: Vec<String>,
}

/// Workbook files, by extension.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Reads a table from a CSV file's bytes.
pub fn csv_table(bytes: &[u8]) -> Result<Table, Vec<Problem>> {
    let Decoded {
        text,
        encoding,
        invalid_bytes,
    } = decode(bytes);
    // One Unicode form for every name and id (the separators are ASCII, so the whole text can
    // be composed at once).
    let text = match crate::model::nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    };
    if text.trim().is_empty() {
        return Err(vec![Problem::new("", "the file is empty")]);
    }
    let delimiter = sniff_delimiter(&text);
    if let Some((row, line)) = unclosed_quote(&text, delimiter) {
        return Err(vec![Problem::new(
            format!("row {row} (line {line})"),
            "a quote (\") opens a cell here and is never closed, so the rest of the file would be read as one cell; nothing was imported. Close the quote, or remove it",
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            return Err(vec![Problem::new(
                "header row",
                format!("cannot be read: {e}"),
            )]);
        }
    };
    let mut table = Table {
        headers,
        ragged: true,
        ..Table::default()
    };
    match encoding {
        Encoding::Utf8 if invalid_bytes > 0 => table.notes.push(format!(
            "read as UTF-8, but {} not valid UTF-8; each shows as “\u{fffd}” (the rows are listed). Save the file as UTF-8 to fix them",
            if invalid_bytes == 1 {
                "1 byte is".to_owned()
            } else {
                format!("{invalid_bytes} bytes are")
            }
        )),
        Encoding::Utf8 => {}
        Encoding::Utf16 => table
            .notes
            .push("read as UTF-16 (Excel's “Unicode text”)".to_owned()),
        Encoding::Windows1252 => table.notes.push(
            "read as Windows-1252, the encoding of older Excel exports: the file is not UTF-8. If names look wrong, save it as UTF-8".to_owned(),
        ),
    }
    for (index, result) in reader.records().enumerate() {
        // The header is row 1, as in a spreadsheet.
        let number = index + 2;
        match result {
            Ok(record) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if invalid_bytes > 0 && record.iter().any(|c| c.contains('\u{fffd}')) {
                    table.problems.push((
                        number,
                        Problem::new(
                            format!("row {number}"),
                            "has bytes that are not valid UTF-8 (the rest of the file is); they show as “\u{fffd}”. The row was read",
                        ),
                    ));
                }
                table.rows.push(TableRow {
                    number,
                    cells: record.iter().map(str::to_owned).collect(),
                });
            }
            Err(e) => table.problems.push((
                number,
                Problem::new(
                    format!("row {number}"),
                    format!("cannot be read ({e}); skipped"),
                ),
            )),
        }
    }
    Ok(table)
}

/// Reads a table from a file's bytes: a workbook or a YAML file by its extension, otherwise CSV.
pub fn read_table(
    path: &std::path::Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Table, Vec<Problem>> {
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yml" | "yaml"));
    if is_workbook(path) {
        super::workbook::sheet_table(bytes, sheet)
    } else if yaml {
        super::yaml::yaml_table(bytes)
    } else {
        csv_table(bytes)
    }
}

/// Whether the file's extension names a workbook.
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Which encoding a CSV file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, either byte order.
    Utf16,
    /// Windows-1252 (a superset of Latin-1).
    Windows1252,
}

/// A file's text, the encoding it was read in, and how many bytes were not valid in it.
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: Encoding,
    /// Bytes replaced by U+FFFD: only in a UTF-8 file with a few stray bytes.
    pub(crate) invalid_bytes: usize,
}

/// Text of the file, one encoding for the whole file:
/// - a byte-order mark names it (UTF-8, or UTF-16 as Excel's "Unicode text" writes);
/// - UTF-16 when every other byte is zero;
/// - UTF-8 when the file is UTF-8 as a whole: valid, or with fewer invalid sequences than valid
///   non-ASCII ones (a stray Latin-1 byte in a UTF-8 export), each bad byte shown as U+FFFD;
/// - otherwise Windows-1252 (old Excel exports: `O’Brien`, `€`, smart quotes), where every byte
///   is a character.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let whole = |text: String, encoding| Decoded {
        text,
        encoding,
        invalid_bytes: 0,
    };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return if encoding == UTF_8 {
            utf8_lossy(rest)
        } else {
            let text = encoding.decode_without_bom_handling(rest).0.into_owned();
            whole(text, Encoding::Utf16)
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return whole(text.to_owned(), Encoding::Utf8);
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .take(4096)
            .filter(|&&b| b == 0)
            .count()
    };
    let sample = bytes.len().min(8192) / 2;
    if sample > 0 && zeros_at(1) * 10 > sample * 3 {
        return whole(
            UTF_16LE.decode_without_bom_handling(bytes).0.into_owned(),
            Encoding::Utf16,
        );
    }
    if sample > 0 && zeros_at(0) * 10 > sample * 3 {
        return whole(
            UTF_16BE.decode_without_bom_handling(bytes).0.into_owned(),
            Encoding::Utf16,
        );
    }
    let (valid, invalid) = utf8_sequences(bytes);
    if valid > invalid {
        return utf8_lossy(bytes);
    }
    whole(
        WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        Encoding::Windows1252,
    )
}

/// UTF-8 with every invalid byte replaced by U+FFFD, and how many there were.
fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let (_, invalid) = utf8_sequences(bytes);
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: Encoding::Utf8,
        invalid_bytes: invalid,
    }
}

/// Valid non-ASCII UTF-8 sequences and invalid ones in `bytes`.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good)
                    .map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                // A sequence cut short by the end of the file is one bad sequence.
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = rest.get(skip..).unwrap_or_default();
            }
        }
    }
}

/// Where a quote opens that never closes, as (spreadsheet row, line of the file): such a quote
/// would swallow the rest of the file into one cell. Quotes count only at the start of a cell,
/// as the CSV reader counts them.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<(usize, usize)> {
    let delimiter = char::from(delimiter);
    let (mut row, mut line) = (0usize, 1usize);
    let mut cell_start = true;
    let mut record_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(mut c) = chars.next() {
        // A carriage return alone ends a line too (old Mac files), as the CSV reader reads it.
        if c == '\r' && chars.peek() != Some(&'\n') {
            c = '\n';
        }
        if c == '\n' {
            line += 1;
        }
        if open.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                    cell_start = false;
                }
            }
            continue;
        }
        match c {
            '\n' => {
                cell_start = true;
                record_start = true;
            }
            '\r' => {}
            _ => {
                if record_start {
                    record_start = false;
                    row += 1;
                }
                if c == delimiter {
                    cell_start = true;
                } else {
                    if c == '"' && cell_start {
                        open = Some((row, line));
                    }
                    cell_start = false;
                }
            }
        }
    }
    open
}

/// The separator the header line uses most, outside quotes: comma, semicolon, tab or bar.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], 4 - i)).unwrap_or(0);
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_the_header_uses_most() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("Sender;Recipient;EventDate\n"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c\tx\ty"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }
}
