# Makes the workbook fixtures in tests/sheets from the bundled examples (needs openpyxl, xlwt,
# odfpy). The outputs are committed; run again only to change them.
import csv, openpyxl, xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P
import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
people = list(csv.reader(open('assets/examples/riverside-hr-export.csv', encoding='utf-8')))
raci = list(csv.reader(open('assets/examples/riverside-raci.csv', encoding='utf-8')))
def num(v):
    try: return float(v) if '.' in v else int(v)
    except ValueError: return v
# xlsx: a cover sheet first, the people on "Staff" (so --sheet matters), the RACI on "RACI",
# with the table starting at B3 as people lay them out.
wb = openpyxl.Workbook()
cover = wb.active; cover.title = 'Read me'; cover['A1'] = 'Riverside staff list, exported from the HR system'
staff = wb.create_sheet('Staff')
for r, row in enumerate(people):
    for c, v in enumerate(row):
        staff.cell(row=r + 3, column=c + 2, value=v if r == 0 or c != 0 else v)
rs = wb.create_sheet('RACI')
for r, row in enumerate(raci):
    for c, v in enumerate(row):
        rs.cell(row=r + 1, column=c + 1, value=num(v) if r and c == len(row) - 2 else v)
wb.save('tests/sheets/riverside.xlsx')
# xls: people only, first sheet
book = xlwt.Workbook()
sh = book.add_sheet('People')
for r, row in enumerate(people):
    for c, v in enumerate(row):
        sh.write(r, c, v)
book.save('tests/sheets/riverside-people.xls')
# ods: the RACI sheet
doc = OpenDocumentSpreadsheet()
t = Table(name='Rights')
for row in raci:
    tr = TableRow()
    for v in row:
        tc = TableCell(valuetype='string'); tc.addElement(P(text=v)); tr.addElement(tc)
    t.addElement(tr)
doc.spreadsheet.addElement(t)
doc.save('tests/sheets/riverside-raci.ods')
print('ok')
