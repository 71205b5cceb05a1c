#!/usr/bin/env python3
"""Read back an `agenda export --format csv` file and check it against the plan JSON.

usage: check_csv.py PLAN.json FILE.csv
"""
import csv
import datetime as dt
import json
import sys

HEADER = ["id", "title", "kind", "start", "end", "all_day", "timezone", "venue",
          "parties", "tags", "earliest", "latest", "slack", "source"]
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # spreadsheets evaluate cells starting so


def fail(msg):
    sys.exit(f"check_csv: FAIL: {msg}")


def neutral(text):
    """What the tool must write for user text: a leading ' before a formula char."""
    return "'" + text if text.startswith(FORMULA) else text


def check_line_ends(text):
    """RFC 4180: every record ends with CRLF; CR/LF inside quoted cells are data."""
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted  # "" inside a quoted cell toggles twice: no change
        elif not quoted and ch == "\r" and text[i + 1:i + 2] != "\n":
            fail(f"bare CR outside quotes at offset {i}")
        elif not quoted and ch == "\n" and text[i - 1:i] != "\r":
            fail(f"bare LF outside quotes at offset {i}")
    if quoted:
        fail("unterminated quoted cell")
    if not text.endswith("\r\n"):
        fail("last record does not end with CRLF")


def main(plan_path, csv_path):
    entries = json.load(open(plan_path, encoding="utf-8"))["events"]
    with open(csv_path, encoding="utf-8", newline="") as f:
        text = f.read()
    check_line_ends(text)
    with open(csv_path, encoding="utf-8", newline="") as f:
        try:
            rows = list(csv.reader(f, strict=True))
        except csv.Error as e:
            fail(f"not valid CSV: {e}")
    if not rows or rows[0] != HEADER:
        fail(f"header {rows[:1]} != {HEADER}")
    rows = rows[1:]
    if len(rows) != len(entries):
        fail(f"{len(rows)} rows, plan has {len(entries)} events")

    for n, (row, e) in enumerate(zip(rows, entries), 2):
        if len(row) != len(HEADER):
            fail(f"record {n}: {len(row)} cells, expected {len(HEADER)}")
        cell = dict(zip(HEADER, row))
        for name, value in cell.items():
            if value.startswith(FORMULA):
                fail(f"record {n}: {name} cell starts with {value[0]!r} without a leading '")
        start = dt.datetime.fromisoformat(e["start"])
        end = dt.datetime.fromisoformat(e["end"])
        if e["all_day"]:
            # Local dates; the end date is the last day (inclusive), the JSON end exclusive.
            want_start = start.date().isoformat()
            want_end = (end.date() - dt.timedelta(days=1)).isoformat()
        else:
            want_start, want_end = e["start"], e["end"]
        want = {"id": neutral(e["id"]), "title": neutral(e["title"]), "kind": neutral(e["kind"]),
                "start": want_start, "end": want_end,
                "all_day": "true" if e["all_day"] else "false",
                "timezone": neutral(e["timezone"])}
        for name, value in want.items():
            if cell[name] != value:
                fail(f"record {n} ({e['id']}): {name} is {cell[name]!r}, expected {value!r}")
    print(f"csv: {len(rows)} rows match the plan in order; header, CRLF and formula quoting ok")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    main(sys.argv[1], sys.argv[2])
