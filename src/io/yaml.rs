//! YAML team files (a company handbook's `team.yml`): a list of people, a map of people keyed
//! by their slug, or either under a `people`/`team`/`members` key. Each entry's fields are
//! read by the same header names as a CSV export's columns, so the rest of the import is the
//! CSV import's.

use super::table::{Table, TableRow};
use crate::model::Problem;
use yaml_rust2::{Yaml, YamlLoader};

/// Keys under which a YAML file may hold its people.
const LIST_KEYS: &[&str] = &["people", "team", "members", "employees", "staff", "persons"];
/// Fields that give an entry's role a slug of its own, for `reports_to` naming a role.
const ROLE_SLUG_KEYS: &[&str] = &[
    "roleslug",
    "managerroleslug",
    "positionslug",
    "roleid",
    "jobslug",
];

fn key(text: &str) -> String {
    super::csv_import::normalise(text)
}

/// A scalar as text; a list of scalars joined by "; " (skills, departments); `None` for a map.
fn text_of(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        Yaml::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Yaml::Array(_) | Yaml::Hash(_) => None,
                    v => text_of(v),
                })
                .collect();
            parts.map(|p| p.join("; "))
        }
        Yaml::Hash(_) | Yaml::Alias(_) | Yaml::BadValue => None,
    }
}

/// Reads a YAML team file as a table: one row per person entry (in file order, numbered from
/// 1), one column per field any entry has. A map keyed by slug gives each entry a `slug`
/// column from its key. A `reports_to` naming a role slug (when it names nobody's slug) is
/// read as the person who holds that role, and a note says how many.
pub fn yaml_table(bytes: &[u8]) -> Result<Table, Vec<Problem>> {
    let decoded = super::table::decode(bytes);
    let docs = YamlLoader::load_from_str(&decoded.text).map_err(|e| {
        vec![Problem::new(
            format!(
                "line {}, column {}",
                e.marker().line(),
                e.marker().col() + 1
            ),
            format!("this is not valid YAML: {}", e.info()),
        )]
    })?;
    let Some(root) = docs.into_iter().next() else {
        return Err(vec![Problem::new("", "the file is empty")]);
    };
    // The people: the root list or map, or one under a key such as `people`.
    let holder = match &root {
        Yaml::Hash(h) => h
            .iter()
            .find(|(k, v)| {
                k.as_str()
                    .is_some_and(|k| LIST_KEYS.contains(&key(k).as_str()))
                    && matches!(v, Yaml::Array(_) | Yaml::Hash(_))
            })
            .map_or(&root, |(_, v)| v),
        _ => &root,
    };
    let entries: Vec<(Option<String>, &yaml_rust2::yaml::Hash)> = match holder {
        Yaml::Array(items) => items
            .iter()
            .filter_map(|v| v.as_hash().map(|h| (None, h)))
            .collect(),
        Yaml::Hash(h) => h
            .iter()
            .filter_map(|(k, v)| Some((text_of(k), v.as_hash()?)))
            .collect(),
        _ => Vec::new(),
    };
    if entries.is_empty() {
        return Err(vec![Problem::new(
            "",
            "no people found: a YAML team file is a list of people (each with fields such as name, title, reports_to), a map of them keyed by their slug, or either under a key “people”",
        )]);
    }
    let mut headers: Vec<String> = Vec::new();
    let keyed = entries.iter().any(|(slug, h)| {
        slug.is_some()
            && !h.keys().any(|k| {
                k.as_str()
                    .is_some_and(|k| ["slug", "id"].contains(&key(k).as_str()))
            })
    });
    if keyed {
        headers.push("slug".to_owned());
    }
    let mut nested = 0usize;
    for (_, h) in &entries {
        for (k, v) in *h {
            let Some(k) = text_of(k) else { continue };
            if text_of(v).is_none() {
                nested += 1;
                continue;
            }
            if !headers.contains(&k) {
                headers.push(k);
            }
        }
    }
    let mut rows: Vec<TableRow> = entries
        .iter()
        .enumerate()
        .map(|(i, (slug, h))| {
            let cells = headers
                .iter()
                .map(|header| {
                    if keyed && header == "slug" {
                        return slug.clone().unwrap_or_default();
                    }
                    h.iter()
                        .find(|(k, _)| text_of(k).as_deref() == Some(header.as_str()))
                        .and_then(|(_, v)| text_of(v))
                        .unwrap_or_default()
                })
                .collect();
            TableRow {
                number: i + 1,
                cells,
            }
        })
        .collect();
    let mut notes = vec![format!(
        "read as YAML: {} person entries; “row N” below means the N-th entry",
        entries.len()
    )];
    if nested > 0 {
        notes.push(format!(
            "{} holding a map of its own left out (only text, numbers and lists of them are read)",
            crate::format::count(nested, "field", "fields")
        ));
    }
    if let Some(n) = resolve_role_slugs(&headers, &mut rows) {
        notes.push(n);
    }
    Ok(Table {
        headers,
        rows,
        problems: Vec::new(),
        ragged: false,
        notes,
    })
}

/// `reports_to` cells that name a role slug rather than a person: replaced by the slug (or id)
/// of the one entry holding that role. Returns the note, when any was.
fn resolve_role_slugs(headers: &[String], rows: &mut [TableRow]) -> Option<String> {
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| key(h) == *n))
    };
    let id = col(&["slug", "id", "handle", "username"])?;
    let role = col(ROLE_SLUG_KEYS)?;
    let manager = col(&["reportsto", "manager", "managerslug", "reportstoslug"])?;
    let ids: std::collections::HashSet<String> = rows
        .iter()
        .filter_map(|r| r.cells.get(id).cloned())
        .collect();
    let mut holder: std::collections::HashMap<String, Option<String>> = Default::default();
    for r in rows.iter() {
        let (Some(slug), Some(roles)) = (r.cells.get(id), r.cells.get(role)) else {
            continue;
        };
        for role in roles.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            holder
                .entry(role.to_owned())
                .and_modify(|e| {
                    if e.as_deref() != Some(slug.as_str()) {
                        *e = None;
                    }
                })
                .or_insert_with(|| Some(slug.clone()));
        }
    }
    let mut resolved = 0usize;
    for r in rows.iter_mut() {
        let Some(cell) = r.cells.get_mut(manager) else {
            continue;
        };
        if cell.is_empty() || ids.contains(cell.as_str()) {
            continue;
        }
        if let Some(Some(slug)) = holder.get(cell.as_str()) {
            *cell = slug.clone();
            resolved += 1;
        }
    }
    let header = headers.get(manager).map_or("", String::as_str);
    let role_header = headers.get(role).map_or("", String::as_str);
    (resolved > 0).then(|| {
        format!(
            "{resolved} “{header}” values named a role (“{role_header}”) rather than a person: read as the one person holding that role"
        )
    })
}
