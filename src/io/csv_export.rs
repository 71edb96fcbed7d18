//! Export of the people to CSV, safe to open in a spreadsheet.

use crate::model::Org;

/// Prefixes text a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or
/// carriage return) with an apostrophe, so it shows as text. The importer strips it again.
pub fn neutralise_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The people of `org` as CSV: id, name, title, team, manager, vacant, skills (`;`-separated).
pub fn write_csv(org: &Org) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["id", "name", "title", "team", "manager", "vacant", "skills"];
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header);
    for p in &org.people {
        let manager = p.manager.as_ref().map(|m| m.as_str()).unwrap_or("");
        let row = [
            neutralise_formula(p.id.as_str()),
            neutralise_formula(&p.name),
            neutralise_formula(&p.title),
            neutralise_formula(&p.team),
            neutralise_formula(manager),
            if p.vacant { "yes" } else { "" }.to_owned(),
            neutralise_formula(&p.skills.join("; ")),
        ];
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for text in ["=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(text), format!("'{text}"));
        }
        assert_eq!(neutralise_formula("Dana"), "Dana");
        assert_eq!(neutralise_formula(""), "");
        assert_eq!(neutralise_formula("a=b"), "a=b");
    }
}
