# Makes the hostile workbooks in this folder with nothing but Python's standard library: each is
# a few kilobytes and claims far more than it holds, or is cut short, locked or malformed. The
# outputs are committed; tests/corpus.rs names each with the exit code and the words expected.
# Run again (python3 tests/bad/workbooks/make.py) only to change them.
import os, zipfile, io

HERE = os.path.dirname(os.path.abspath(__file__))

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>'''
WORKBOOK = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Staff" sheetId="1" r:id="rId1"/></sheets>
</workbook>'''
WORKBOOK_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>'''

PEOPLE = [["id", "name", "manager"], ["1", "Ann Lee", ""], ["2", "Bo Chan", "1"], ["3", "Cy Diaz", "1"]]


def col(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def inline_rows(rows, first=1):
    out = []
    for r, row in enumerate(rows):
        cells = "".join(
            f'<c r="{col(c)}{r + first}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(row) if v != "")
        out.append(f'<row r="{r + first}">{cells}</row>')
    return "".join(out)


def sheet(rows_xml, dimension="A1:C4"):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>')


def strings(count="0", unique="0", body=""):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{count}" uniqueCount="{unique}">{body}</sst>')


def xlsx(name, sheet_xml, shared=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", shared if shared is not None else strings())
    data = buf.getvalue()
    if name:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    return data


# A well-formed workbook, for comparison and for cutting short.
good = xlsx("good.xlsx", sheet(inline_rows(PEOPLE)))
# Claims the whole grid (16,384 columns by 1,048,576 rows) and holds four rows.
xlsx("dimension-whole-grid.xlsx", sheet(inline_rows(PEOPLE), "A1:XFD1048576"))
# Four rows at the top and one cell in the grid's far corner: a used range of 17 billion cells.
xlsx("far-corner.xlsx", sheet(inline_rows(PEOPLE) +
     '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', "A1:XFD1048576"))
# Shared-string tables that claim more strings than any file could hold.
for label, n in [("max", "18446744073709551615"), ("1e12", "1000000000000"), ("1e9", "1000000000")]:
    xlsx(f"shared-strings-{label}.xlsx", sheet(inline_rows(PEOPLE)), strings(n, n, "<si><t>x</t></si>"))
# One cell that says it is a number and is not; the rest of the sheet is good.
bad_cell = inline_rows(PEOPLE[:3]) + '<row r="4"><c r="A4" t="inlineStr"><is><t>3</t></is></c>' \
    '<c r="B4" t="n"><v>not a number</v></c><c r="C4" t="inlineStr"><is><t>1</t></is></c></row>'
xlsx("bad-cell.xlsx", sheet(bad_cell))
# A formula error where a manager should be (#N/A from a failed VLOOKUP).
error_cell = inline_rows(PEOPLE[:3]) + '<row r="4"><c r="A4" t="inlineStr"><is><t>3</t></is></c>' \
    '<c r="B4" t="inlineStr"><is><t>Cy Diaz</t></is></c><c r="C4" t="e"><v>#N/A</v></c></row>'
xlsx("error-cell.xlsx", sheet(error_cell))
# A download cut short: the first 60% of a good workbook.
with open(os.path.join(HERE, "truncated.xlsx"), "wb") as f:
    f.write(good[: len(good) * 6 // 10])
# A compression bomb: 60 MB of one repeated row that deflates to a few dozen kilobytes.
row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
xlsx("bomb.xlsx", sheet(inline_rows(PEOPLE) + row * (60_000_000 // len(row))))
# A password-protected workbook as Excel writes one: an OLE compound file holding an
# "EncryptionInfo" and an "EncryptedPackage" stream instead of a zip.
def compound_file():
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")   # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")      # major version 3
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, "little") # little-endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")      # 512-byte sectors
    header[0x20:0x22] = (6).to_bytes(2, "little")
    header[0x2C:0x30] = (1).to_bytes(4, "little")      # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, "little")      # directory at sector 1
    header[0x38:0x3C] = (4096).to_bytes(4, "little")
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, "little")
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, "little")
    difat = [0] + [0xFFFFFFFF] * 108
    for i, v in enumerate(difat):
        header[0x4C + 4 * i:0x50 + 4 * i] = v.to_bytes(4, "little")
    fat = bytearray(b"\xff" * sector)
    fat[0:4] = (0xFFFFFFFD).to_bytes(4, "little")      # sector 0: the FAT itself
    fat[4:8] = (0xFFFFFFFE).to_bytes(4, "little")      # sector 1: the directory, one sector
    def entry(name, kind, left=0xFFFFFFFF, right=0xFFFFFFFF, child=0xFFFFFFFF):
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[0:len(raw)] = raw
        e[0x40:0x42] = len(raw).to_bytes(2, "little")
        e[0x42] = kind
        e[0x43] = 1
        e[0x44:0x48] = left.to_bytes(4, "little")
        e[0x48:0x4C] = right.to_bytes(4, "little")
        e[0x4C:0x50] = child.to_bytes(4, "little")
        e[0x74:0x78] = (0xFFFFFFFE).to_bytes(4, "little")
        return e
    directory = (entry("Root Entry", 5, child=1) + entry("EncryptionInfo", 2, right=2)
                 + entry("EncryptedPackage", 2) + bytearray(128))
    return bytes(header + fat + directory)
with open(os.path.join(HERE, "password.xlsx"), "wb") as f:
    f.write(compound_file())
# Not a workbook at all, under a workbook's name.
with open(os.path.join(HERE, "not-a-workbook.xlsx"), "wb") as f:
    f.write(b"id,name,manager\n1,Ann,\n")
# A real encrypted workbook, as Excel's "Encrypt with Password" writes it (needs
# msoffcrypto-tool; the committed copy was made with it, password "Passw0rd").
try:
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(os.path.join(HERE, "password-encrypted.xlsx"), "wb") as out:
        OOXMLFile(io.BytesIO(good)).encrypt("Passw0rd", out)
except ImportError:
    pass
# OpenDocument: a sheet with the empty rows LibreOffice writes to the grid's end (read as the
# three rows it holds), and one that repeats a filled cell 16 billion times (refused by its cell
# count before anything is laid out).
ODS_CONTENT = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Staff">{}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')


def ods(name, rows_xml):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", ODS_CONTENT.format(rows_xml))
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')


def ods_row(values):
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                    '</table:table-cell>' for v in values)
    return f"<table:table-row>{cells}</table:table-row>"


ODS_ROWS = "".join(ods_row(r) for r in PEOPLE)
ods("ods-empty-tail.ods", ODS_ROWS + '<table:table-row table:number-rows-repeated="1048572">'
    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
ods("ods-repeated-cells.ods", ODS_ROWS + '<table:table-row table:number-rows-repeated="1000000">'
    '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
    '<text:p>x</text:p></table:table-cell></table:table-row>')
# An .xls (BIFF8) whose DIMENSIONS record claims two billion rows: the riverside staff list with
# that one number changed (calamine reserved room for the stated grid: 68 GB, an abort).
with open(os.path.join(HERE, "..", "..", "sheets", "riverside-people.xls"), "rb") as f:
    xls = bytearray(f.read())
at = xls.find(b"\x00\x02\x0e\x00")
xls[at + 8:at + 12] = (0x7FFFFFFF).to_bytes(4, "little")
with open(os.path.join(HERE, "xls-two-billion-rows.xls"), "wb") as f:
    f.write(xls)
