//! Workbooks read safely: what kind of file it is and why it cannot be read, limits checked
//! before anything is unpacked, and cells gathered one by one so that neither a sheet's claims
//! (its "dimension", its shared-string count) nor a stray cell in the grid's far corner decide
//! how much memory is taken.
//!
//! `calamine` trusts some of those claims (it reserves what a shared-string table says it holds
//! and lays a sheet out as one rectangle from its first cell to its last), so a small file can
//! ask it for hundreds of gigabytes. This module works round that: a shared-string table whose
//! counts exceed what its size could hold is handed on without them, an `.xlsx` or `.xlsb`
//! sheet is read cell by cell, and cells right of the header row are left out. A fix belongs in
//! calamine; until then it lives here (see the README).

use super::table::{Table, TableRow};
use crate::model::Problem;
use std::io::{Cursor, Read};

/// The most any one part of a workbook may unpack to.
pub const MAX_PART_BYTES: u64 = 400 * 1024 * 1024;
/// The most all parts together may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 800 * 1024 * 1024;
/// A part this large (or larger) may not unpack to more than [`MAX_RATIO`] times its packed size.
pub const RATIO_FROM_BYTES: u64 = 10 * 1024 * 1024;
/// How much a large part may expand: real sheets pack 5 to 30 times.
pub const MAX_RATIO: u64 = 100;
/// The most cells with something in them that one sheet may have.
pub const MAX_CELLS: usize = 20_000_000;

/// The kinds of workbook, told from their first bytes and their parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xls,
    Xlsx,
    Xlsb,
    Ods,
}

fn problem(text: impl Into<String>) -> Vec<Problem> {
    vec![Problem::new("", text)]
}

fn mb(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{} MB",
            crate::model::thousands((bytes / (1024 * 1024)) as f64)
        )
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// What kind of workbook the bytes are, or why they are none.
fn kind(bytes: &[u8]) -> Result<Kind, Vec<Problem>> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        // Excel keeps a password-protected .xlsx in an OLE file with these two streams.
        let utf16 = |name: &str| -> Vec<u8> {
            name.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
        };
        let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if holds(&utf16("EncryptedPackage")) || holds(&utf16("EncryptionInfo")) {
            return Err(problem(
                "this workbook is protected by a password, so orgflow cannot read it: open it in Excel, remove the password (File ▸ Info ▸ Protect Workbook ▸ Encrypt with Password, cleared) and save a copy",
            ));
        }
        return Ok(Kind::Xls);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            problem(format!(
                "the file is cut short or damaged ({e}): a workbook is a zip archive, and this one's index at the end is missing. Was the download or copy interrupted? Save or download it again"
            ))
        })?;
        let has = |name: &str| archive.index_for_name(name).is_some();
        return if has("xl/workbook.xml") {
            Ok(Kind::Xlsx)
        } else if has("xl/workbook.bin") {
            Ok(Kind::Xlsb)
        } else if has("content.xml") {
            Ok(Kind::Ods)
        } else {
            Err(problem(
                "this is a zip archive but not a workbook: it has no sheets that Excel or LibreOffice would write",
            ))
        };
    }
    let text = bytes
        .iter()
        .take(4096)
        .all(|&b| b.is_ascii_graphic() || b.is_ascii_whitespace() || b >= 0x80);
    Err(problem(if text && !bytes.is_empty() {
        "this is not a workbook but text: if it is a CSV export, give it a name ending in .csv"
    } else {
        "this is not a workbook orgflow can read (.xlsx, .xlsm, .xls, .xlsb or .ods)"
    }))
}

/// Refuses a zip whose parts unpack to more than a workbook needs, before unpacking any.
fn check_sizes(bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| problem(format!("the file is cut short or damaged ({e})")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| {
            problem(format!(
                "the file is damaged: part {} cannot be read ({e})",
                i + 1
            ))
        })?;
        let name = part
            .name()
            .map_or_else(|_| format!("part {}", i + 1), |n| n.into_owned());
        let (size, packed) = (part.size(), part.compressed_size().max(1));
        if size > MAX_PART_BYTES {
            return Err(problem(format!(
                "its part “{name}” unpacks to {}, over orgflow's limit of {} for one part of a workbook; save the sheet as CSV instead",
                mb(size),
                mb(MAX_PART_BYTES)
            )));
        }
        if size >= RATIO_FROM_BYTES && size / packed > MAX_RATIO {
            return Err(problem(format!(
                "its part “{name}” unpacks from {} to {} ({} times): a real workbook packs far less tightly, so orgflow does not unpack it (the limit is {MAX_RATIO} times for parts over {})",
                mb(packed),
                mb(size),
                crate::model::thousands((size / packed) as f64),
                mb(RATIO_FROM_BYTES)
            )));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(problem(format!(
            "it unpacks to {} in all, over orgflow's limit of {} for a workbook; save the sheet as CSV instead",
            mb(total),
            mb(MAX_TOTAL_BYTES)
        )));
    }
    Ok(())
}

/// The workbook with its shared-string table's counts dropped when they claim more strings than
/// the table's size could hold (each string takes at least five bytes), so that calamine does
/// not reserve room for them; `None` when the counts are believable.
fn without_absurd_counts(bytes: &[u8]) -> Result<Option<Vec<u8>>, Vec<Problem>> {
    const PART: &str = "xl/sharedStrings.xml";
    let damaged = |e: zip::result::ZipError| problem(format!("the file is damaged ({e})"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let Some(index) = archive.index_for_name(PART) else {
        return Ok(None);
    };
    // The start tag is at the head of the part: read that first, and the whole part only when
    // the counts are large enough to be worth checking against what it holds.
    let (declared, head) = {
        let part = archive.by_index(index).map_err(damaged)?;
        let declared = part.size();
        let mut head = Vec::new();
        part.take(HEAD_BYTES)
            .read_to_end(&mut head)
            .map_err(|e| problem(format!("the shared strings cannot be unpacked ({e})")))?;
        (declared, head)
    };
    let Some((start, end, tag)) = start_tag(&head) else {
        return Ok(None);
    };
    let claims = |attr: &str| -> Option<u64> {
        let at = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
        let digits: String = tag
            .get(at..)?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Some(digits.parse::<u64>().unwrap_or(u64::MAX))
    };
    let claimed = claims("count")
        .unwrap_or(0)
        .max(claims("uniqueCount").unwrap_or(0));
    if claimed <= (declared / 5).min(BELIEVED_STRINGS) {
        return Ok(None);
    }
    let mut xml = Vec::new();
    {
        let part = archive.by_index(index).map_err(damaged)?;
        part.take(declared.min(MAX_PART_BYTES) + 1)
            .read_to_end(&mut xml)
            .map_err(|e| problem(format!("the shared strings cannot be unpacked ({e})")))?;
    }
    let most = (xml.len() / 5) as u64;
    if claimed <= most {
        return Ok(None);
    }
    // The start tag without its counts; the strings themselves as they were.
    let mut clean_tag = tag.clone();
    for attr in ["uniqueCount", "count"] {
        if let Some(at) = clean_tag.find(&format!(" {attr}=\"")) {
            let value_end = clean_tag
                .get(at + attr.len() + 3..)
                .and_then(|rest| rest.find('"'))
                .map_or(clean_tag.len(), |q| at + attr.len() + 3 + q + 1);
            clean_tag.replace_range(at..value_end, "");
        }
    }
    let mut fixed = xml.get(..start).unwrap_or_default().to_vec();
    fixed.extend_from_slice(clean_tag.as_bytes());
    fixed.extend_from_slice(xml.get(end..).unwrap_or_default());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + fixed.len())));
    for i in 0..archive.len() {
        if i == index {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file(PART, options).map_err(damaged)?;
            std::io::Write::write_all(&mut out, &fixed)
                .map_err(|e| problem(format!("the shared strings cannot be read ({e})")))?;
        } else {
            let part = archive.by_index_raw(i).map_err(damaged)?;
            out.raw_copy_file(part).map_err(damaged)?;
        }
    }
    Ok(Some(out.finish().map_err(damaged)?.into_inner()))
}

/// An `.xls` whose sheet states an impossible size (its DIMENSIONS record claims more rows than
/// the 65,536 or more columns than the 256 a BIFF8 sheet can have) with the claim cut down to
/// what a sheet can hold, since calamine reserves room for the stated grid (a claim of two
/// billion rows asked for 68 GB); `None` when every claim is possible.
fn xls_within_grid(bytes: &[u8]) -> Option<Vec<u8>> {
    // The record: type 0x0200, length 14, first row and last row + 1 (u32), first column and
    // last column + 1 (u16), then 2 reserved bytes.
    const HEADER: &[u8] = &[0x00, 0x02, 0x0E, 0x00];
    const ROWS: u32 = 65_536;
    const COLUMNS: u16 = 256;
    let mut fixed: Option<Vec<u8>> = None;
    let mut from = 0;
    while let Some(at) = bytes
        .get(from..)
        .and_then(|rest| find(rest, HEADER))
        .map(|i| from + i)
    {
        from = at + HEADER.len();
        let field = |k: usize, n: usize| bytes.get(at + 4 + k..at + 4 + k + n);
        let (Some(rf), Some(rl), Some(cf), Some(cl)) =
            (field(0, 4), field(4, 4), field(8, 2), field(10, 2))
        else {
            break;
        };
        let u32_of = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let u16_of = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]);
        let (rf, rl, cf, cl) = (u32_of(rf), u32_of(rl), u16_of(cf), u16_of(cl));
        if rl <= ROWS && cl <= COLUMNS && rf <= rl && cf <= cl {
            continue;
        }
        let out = fixed.get_or_insert_with(|| bytes.to_vec());
        let rl = rl.min(ROWS);
        let cl = cl.min(COLUMNS);
        let (rf, cf) = (rf.min(rl), cf.min(cl));
        out[at + 4..at + 8].copy_from_slice(&rf.to_le_bytes());
        out[at + 8..at + 12].copy_from_slice(&rl.to_le_bytes());
        out[at + 12..at + 14].copy_from_slice(&cf.to_le_bytes());
        out[at + 14..at + 16].copy_from_slice(&cl.to_le_bytes());
    }
    fixed
}

/// How much of the shared strings is read to find their start tag.
const HEAD_BYTES: u64 = 64 * 1024;
/// Shared-string counts up to this many are taken as they are when the part's stated size
/// could hold them (a larger count is checked against the strings themselves).
const BELIEVED_STRINGS: u64 = 1_000_000;

/// The `<sst …>` start tag at the head of a shared-strings part: where it starts and ends, and
/// its text.
fn start_tag(xml: &[u8]) -> Option<(usize, usize, String)> {
    let start = find(xml, b"<sst")?;
    let end = start + find(xml.get(start..)?, b">")?;
    let tag = String::from_utf8_lossy(xml.get(start..end)?).into_owned();
    Some((start, end, tag))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Column letters of a 0-based column: 0 → A, 27 → AB.
fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell's place as a spreadsheet writes it: `Staff!C17`.
fn place(sheet: &str, (row, col): (u32, u32)) -> String {
    let sheet = if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    format!("{sheet}!{}{}", column_name(col), u64::from(row) + 1)
}

/// The cells of one sheet with something in them, each with its 0-based (row, column), and
/// what was wrong with the rest.
struct Cells {
    cells: Vec<((u32, u32), String)>,
    problems: Vec<(usize, Problem)>,
}

impl Cells {
    fn new() -> Self {
        Self {
            cells: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Keeps a cell's value; a formula error (`#N/A`, `#REF!`…) is no value and is listed.
    fn push(
        &mut self,
        sheet: &str,
        pos: (u32, u32),
        value: calamine::Data,
    ) -> Result<(), Vec<Problem>> {
        use calamine::Data;
        match value {
            Data::Empty => {}
            Data::Error(e) => self.problems.push((
                pos.0 as usize + 1,
                Problem::new(
                    place(sheet, pos),
                    format!("holds the error {e} instead of a value (a formula that failed); read as empty"),
                ),
            )),
            other => {
                let text = crate::model::nfc(other.to_string().trim()).into_owned();
                if !text.is_empty() {
                    if self.cells.len() >= MAX_CELLS {
                        return Err(vec![Problem::new(
                            format!("sheet “{sheet}”"),
                            format!(
                                "has more than {} cells with something in them, over orgflow's limit for a sheet; save the table as CSV, or split it",
                                crate::model::thousands(MAX_CELLS as f64)
                            ),
                        )]);
                    }
                    self.cells.push((pos, text));
                }
            }
        }
        Ok(())
    }

    /// The table: the first row with text is the header; cells right of its last header are
    /// left out (a note counts them), so a stray cell far right costs nothing.
    fn into_table(mut self, sheet: &str) -> Result<Table, Vec<Problem>> {
        self.cells.sort_by_key(|(pos, _)| *pos);
        let Some(first_col) = self.cells.iter().map(|((_, c), _)| *c).min() else {
            return Err(vec![Problem::new(format!("sheet “{sheet}”"), "is empty")]);
        };
        let header_row = self.cells.first().map_or(0, |((r, _), _)| *r);
        let last_header_col = self
            .cells
            .iter()
            .take_while(|((r, _), _)| *r == header_row)
            .map(|((_, c), _)| *c)
            .max()
            .unwrap_or(first_col);
        let width = (last_header_col - first_col + 1) as usize;
        let mut headers = vec![String::new(); width];
        let mut rows: Vec<TableRow> = Vec::new();
        let mut outside = 0usize;
        for ((r, c), text) in self.cells {
            let col = (c - first_col) as usize;
            if col >= width {
                outside += 1;
                continue;
            }
            if r == header_row {
                headers[col] = text;
                continue;
            }
            let number = r as usize + 1;
            if rows.last().is_none_or(|row| row.number != number) {
                rows.push(TableRow {
                    number,
                    cells: vec![String::new(); width],
                });
            }
            if let Some(row) = rows.last_mut() {
                row.cells[col] = text;
            }
        }
        let mut notes = Vec::new();
        if outside > 0 {
            notes.push(format!(
                "sheet “{sheet}”: {} right of the last header ({}) left out: they have no column name",
                if outside == 1 {
                    "1 cell".to_owned()
                } else {
                    format!("{} cells", crate::model::thousands(outside as f64))
                },
                place(sheet, (header_row, last_header_col))
            ));
        }
        self.problems.sort_by_key(|(row, _)| *row);
        Ok(Table {
            headers,
            rows,
            problems: self.problems,
            ragged: false,
            notes,
        })
    }
}

/// Reads a table from a workbook's bytes: the sheet named `sheet`, or the first one. The first
/// row with any text is the header; row numbers are the spreadsheet's own.
pub fn sheet_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Vec<Problem>> {
    use calamine::Reader;
    let kind = kind(bytes)?;
    let fixed;
    let bytes = if matches!(kind, Kind::Xlsx | Kind::Xlsb | Kind::Ods) {
        check_sizes(bytes)?;
        fixed = if kind == Kind::Xlsx {
            without_absurd_counts(bytes)?
        } else {
            None
        };
        fixed.as_deref().unwrap_or(bytes)
    } else {
        fixed = xls_within_grid(bytes);
        fixed.as_deref().unwrap_or(bytes)
    };
    let cannot = |e: &dyn std::fmt::Display| {
        let text = e.to_string();
        problem(if text.to_lowercase().contains("password") {
            "this workbook is protected by a password, so orgflow cannot read it: remove the password in Excel or LibreOffice and save a copy".to_owned()
        } else {
            format!("this workbook cannot be read: {text}")
        })
    };
    let reader = Cursor::new(bytes);
    let mut workbook: calamine::Sheets<Cursor<&[u8]>> = match kind {
        Kind::Xls => calamine::open_workbook_from_rs(reader)
            .map(calamine::Sheets::Xls)
            .map_err(|e| cannot(&e))?,
        Kind::Xlsx => calamine::open_workbook_from_rs(reader)
            .map(calamine::Sheets::Xlsx)
            .map_err(|e| cannot(&e))?,
        Kind::Xlsb => calamine::open_workbook_from_rs(reader)
            .map(calamine::Sheets::Xlsb)
            .map_err(|e| cannot(&e))?,
        Kind::Ods => calamine::open_workbook_from_rs(reader)
            .map(calamine::Sheets::Ods)
            .map_err(|e| cannot(&e))?,
    };
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                problem(format!(
                    "there is no sheet “{wanted}”; the sheets are: {}",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| problem("the workbook has no sheets"))?,
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        vec![Problem::new(
            format!("sheet “{name}”"),
            format!("cannot be read: {e}"),
        )]
    };
    let mut cells = Cells::new();
    match &mut workbook {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            let mut last: Option<(u32, u32)> = None;
            loop {
                match reader.next_cell() {
                    Ok(Some(cell)) => {
                        let pos = cell.get_position();
                        last = Some(pos);
                        cells.push(&name, pos, calamine::Data::from(cell.get_value().clone()))?;
                    }
                    Ok(None) => break,
                    // A value that is not what its cell says it is: that cell is skipped.
                    Err(
                        e @ (calamine::XlsxError::ParseFloat(_)
                        | calamine::XlsxError::ParseInt(_)
                        | calamine::XlsxError::Unexpected(_)),
                    ) if cells.problems.len() < 1_000 => {
                        let at = last.map_or_else(
                            || format!("sheet “{name}”, first cell"),
                            |pos| format!("the cell after {}", place(&name, pos)),
                        );
                        let what = match e {
                            calamine::XlsxError::ParseFloat(_)
                            | calamine::XlsxError::ParseInt(_) => {
                                "says it holds a number but holds something else".to_owned()
                            }
                            other => format!("cannot be read ({other})"),
                        };
                        cells.problems.push((
                            last.map_or(1, |(r, _)| r as usize + 1),
                            Problem::new(
                                at,
                                format!("{what}; read as empty, the rest of the sheet was read"),
                            ),
                        ));
                    }
                    // The sheet itself is damaged: nothing of it is loaded.
                    Err(e) => {
                        let after = last.map_or_else(String::new, |pos| {
                            format!(" after {}", place(&name, pos))
                        });
                        return Err(vec![Problem::new(
                            format!("sheet “{name}”"),
                            format!(
                                "is damaged{after} ({e}); nothing was loaded. Open and save it again in Excel or LibreOffice"
                            ),
                        )]);
                    }
                }
            }
        }
        calamine::Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                let pos = cell.get_position();
                cells.push(&name, pos, calamine::Data::from(cell.get_value().clone()))?;
            }
        }
        other => {
            let range = other.worksheet_range(&name).map_err(|e| unreadable(&e))?;
            for (r, c, value) in range.used_cells() {
                let (row0, col0) = range.start().unwrap_or((0, 0));
                cells.push(&name, (row0 + r as u32, col0 + c as u32), value.clone())?;
            }
        }
    }
    cells.into_table(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(place("Sheet1", (16, 2)), "Sheet1!C17");
        assert_eq!(place("Staff list", (0, 27)), "'Staff list'!AB1");
        assert_eq!(place("O'Neil", (0, 0)), "'O''Neil'!A1");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn text_and_strangers_are_told_apart_from_workbooks() {
        let said = |bytes: &[u8]| kind(bytes).expect_err("refused")[0].to_string();
        assert!(said(b"id,name\n1,Ann\n").contains("give it a name ending in .csv"));
        assert!(said(b"\x00\x01\x02").contains("not a workbook orgflow can read"));
        assert!(said(b"PK\x03\x04 cut").contains("cut short"));
    }
}
