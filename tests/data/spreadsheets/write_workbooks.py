#!/usr/bin/python3
"""Writes the same two-sheet workbook with openpyxl (.xlsx) and odfpy (.ods), as people who
publish agreement inventories do: an "Intro" sheet, then "Actors" with text (accents, a line
break), integers, a fraction, a date, a date with a time of day, booleans, and empty cells in the
middle and at the end of rows; and, given CSV tables, each as a one-sheet workbook of text cells
(TABLE.xlsx and TABLE.ods). tests/importers/spreadsheet_test.cc runs it at test time:
    /usr/bin/python3 write_workbooks.py OUT_DIR [TABLE.csv ...]"""
import csv
import datetime
import pathlib
import sys

OUT = pathlib.Path(sys.argv[1])
ROWS = [
    ["key", "name", "kind", "founded", "members", "share", "active", "note"],
    ["IOM", "Organisation internationale pour les migrations", "international_org",
     datetime.date(1951, 12, 5), 175, 0.25, True, "line one\nline two"],
    ["MDA", "Moldova", "state", datetime.datetime(1991, 8, 27, 12, 30), None, 1.5, False, None],
    ["TCD", "Tchad", "state", None, None, None, None, "  spaced  "],
]


def write_xlsx(rows=None, name="actors"):
    import openpyxl
    wb = openpyxl.Workbook()
    if rows is not None:
        for row in rows:
            wb.active.append(row)
        wb.save(OUT / (name + ".xlsx"))
        return
    intro = wb.active
    intro.title = "Intro"
    intro["A1"] = "see the Actors sheet"
    ws = wb.create_sheet("Actors")
    for row in ROWS:
        ws.append(row)
    wb.save(OUT / "actors.xlsx")


def write_ods_text(rows, name):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    t = Table(name=name)
    for row in rows:
        tr = TableRow()
        for v in row:
            c = TableCell(valuetype="string")
            c.addElement(P(text=v))
            tr.addElement(c)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(str(OUT / (name + ".ods")))


def write_ods():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    intro = Table(name="Intro")
    tr = TableRow()
    c = TableCell(valuetype="string")
    c.addElement(P(text="see the Actors sheet"))
    tr.addElement(c)
    intro.addElement(tr)
    doc.spreadsheet.addElement(intro)
    t = Table(name="Actors")
    for row in ROWS:
        tr = TableRow()
        empty = 0  # runs of empty cells are written once, repeated, as LibreOffice does
        for v in row:
            if v is None:
                empty += 1
                continue
            if empty:
                tr.addElement(TableCell(numbercolumnsrepeated=empty))
                empty = 0
            if isinstance(v, bool):
                c = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
                c.addElement(P(text="TRUE" if v else "FALSE"))
            elif isinstance(v, (int, float)):
                c = TableCell(valuetype="float", value=v)
                c.addElement(P(text=str(v)))
            elif isinstance(v, datetime.datetime):
                c = TableCell(valuetype="date", datevalue=v.isoformat())
                c.addElement(P(text=v.strftime("%d/%m/%Y %H:%M")))
            elif isinstance(v, datetime.date):
                c = TableCell(valuetype="date", datevalue=v.isoformat())
                c.addElement(P(text=v.strftime("%d/%m/%Y")))
            else:
                c = TableCell(valuetype="string")
                for line in v.split("\n"):
                    c.addElement(P(text=line))
            tr.addElement(c)
        if empty:
            tr.addElement(TableCell(numbercolumnsrepeated=empty + 1000))
        t.addElement(tr)
    t.addElement(TableRow(numberrowsrepeated=1048000))  # the empty rest of the sheet
    doc.spreadsheet.addElement(t)
    doc.save(str(OUT / "actors.ods"))


write_xlsx()
write_ods()
for table in sys.argv[2:]:
    path = pathlib.Path(table)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    write_xlsx(rows, path.stem)
    write_ods_text(rows, path.stem)
