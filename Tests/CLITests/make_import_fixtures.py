"""Writes the multi-file import fixtures of ImportManyTests and prints, as JSON,
the counts an import must report — computed from the construction below, not
from partnergraph's output.

    python3 make_import_fixtures.py DIR

DIR/csv/hr_status_<code>.csv: 12 treaties, one file each (Python's csv writer),
30 states per file, columns with spaces ("State Name", "Year Ratified"), the
year empty for non-parties, withdrawn parties marked in "Status"; CRLF line
ends in every other file, a byte order mark in one, the unused "Notes" column
missing in one, one repeated row in the first. DIR/book.xlsx (openpyxl): two
sheets, CAT and CRC, ratification dates as date cells (some empty).
"""
import csv, datetime, json, os, sys

import openpyxl

out = sys.argv[1]
os.makedirs(os.path.join(out, "csv"), exist_ok=True)
states = ["State %s%s" % (chr(65 + i // 26), chr(65 + i % 26)) for i in range(30)]
codes = ["cat", "ccpr", "cedaw", "cerd", "crc", "crpd", "cmw", "ced", "cescr", "opcat", "op1", "op2"]

expected = {"csv": {"files": {}}, "xlsx": {"files": {}}}
parties = set()
first_undated = None
for k, code in enumerate(codes):
    name = "hr_status_%s.csv" % code
    crlf, bom, has_notes = k % 2 == 0, k == 1, k != 3
    header = ["State Name", "Year Ratified", "Status"] + (["Notes"] if has_notes else [])
    rows, c = [], {"read": 0, "used": 0, "filtered": 0, "undated": 0, "merged": 0}
    for j, st in enumerate(states):
        year = str(1970 + (j * 7 + k) % 40)
        if j % 3 == k % 3:
            row = [st, "", ""]
            c["undated"] += 1
        elif (j + 2 * k) % 11 == 0:
            row = [st, year, "withdrawn"]
            c["filtered"] += 1
        else:
            row = [st, year, "ratified"]
            c["used"] += 1
            parties.add(st)
        if has_notes:
            row.append("note %d" % j if j % 4 == 0 else "")
        rows.append(row)
    if k == 0:
        rows.append(list(next(r for r in rows if r[2] == "ratified")))
        c["merged"] += 1
    c["read"] = len(rows)
    with open(os.path.join(out, "csv", name), "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        csv.writer(f, lineterminator="\r\n" if crlf else "\n").writerows([header] + rows)
    expected["csv"]["files"][name] = c

# The first undated row of the first file in sorted order: its line and the column of "Year Ratified".
first = sorted(expected["csv"]["files"])[0]
k = codes.index(first[len("hr_status_"):-len(".csv")])
j = next(j for j in range(len(states)) if j % 3 == k % 3)
expected["csv"]["firstUndated"] = {"file": first, "line": j + 2, "column": len(states[j]) + 2}
expected["csv"]["partners"] = len(parties) + len(codes)
expected["csv"]["statuses"] = sorted({"ratified", "withdrawn", ""})

wb = openpyxl.Workbook()
wb.remove(wb.active)
xparties = set()
for s, sheet in enumerate(["CAT", "CRC"]):
    ws = wb.create_sheet(sheet)
    ws.append(["State Name", "Date Ratified"])
    c = {"read": 0, "used": 0, "filtered": 0, "undated": 0, "merged": 0}
    for j in range(15 + s):
        d = None if (j + s) % 4 == 0 else datetime.date(1980 + j, 1 + (j * 5) % 12, 1 + (j * 3 + s) % 28)
        ws.append([states[j], d])
        c["read"] += 1
        if d is None:
            c["undated"] += 1
        else:
            c["used"] += 1
            xparties.add(states[j])
            if j == 5:
                expected["xlsx"]["sample"] = {"state": states[j], "sheet": sheet, "start": d.isoformat()}
    expected["xlsx"]["files"]["book.xlsx#" + sheet] = c
expected["xlsx"]["partners"] = len(xparties) + 2
wb.save(os.path.join(out, "book.xlsx"))

for part in ("csv", "xlsx"):
    e = expected[part]
    e["total"] = {key: sum(f[key] for f in e["files"].values()) for key in ("read", "used", "filtered", "undated", "merged")}
print(json.dumps(expected))
