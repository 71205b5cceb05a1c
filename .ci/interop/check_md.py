#!/usr/bin/env python3
"""Render an `agenda export --format md` file with cmark-gfm and check the HTML.

usage: check_md.py PLAN.json FILE.md

cmark-gfm runs in its default safe mode, so raw HTML in the file becomes a
"raw HTML omitted" comment: any comment, or any tag the tool does not write itself,
means user text leaked into the markup.
"""
import json
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

ALLOWED = {"h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td",
           "em", "del", "ul", "li", "pre", "code"}
COLUMNS = ["Date", "Time", "Event", "Venue", "Kind"]
SUFFIXES = (" (tentative)", " (cancelled)")


def fail(msg):
    sys.exit(f"check_md: FAIL: {msg}")


class Page(HTMLParser):
    """Collects the h1 text, table headers and body rows, and code blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.bad = [], []
        self.h1, self.headers, self.rows, self.codes = [], [], [], []
        self.text = None  # the text of the h1, th or td being read

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.bad.append(f"<{tag}>")
        if tag == "code":
            self.codes.append([dict(attrs).get("class"), ""])
        if tag == "tr":
            (self.rows if "tbody" in self.stack else self.headers).append([])
        if tag in ("h1", "th", "td"):
            self.text = ""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "h1":
            self.h1.append(self.text)
        elif tag == "th":
            self.headers[-1].append(self.text)
        elif tag == "td":
            self.rows[-1].append(self.text)
        if tag in ("h1", "th", "td"):
            self.text = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.text is not None:
            self.text += data
        if self.stack and self.stack[-1] == "code":
            self.codes[-1][1] += data

    def handle_comment(self, data):
        self.bad.append(f"<!--{data}-->")  # cmark-gfm's "raw HTML omitted"

    def handle_decl(self, decl):
        self.bad.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.bad.append(f"<?{data}>")


def main(plan_path, md_path):
    plan = json.load(open(plan_path, encoding="utf-8"))
    html = subprocess.run(
        ["cmark-gfm", "--extension", "table", "--extension", "strikethrough", md_path],
        check=True, capture_output=True, text=True, encoding="utf-8").stdout
    page = Page()
    page.feed(html)
    page.close()

    if page.bad:
        fail(f"markup the tool does not write: {sorted(set(page.bad))}")
    title = plan["agenda"]["title"] or plan["agenda"]["id"]
    if page.h1 != [title]:
        fail(f"h1 {page.h1} != agenda title {title!r}")
    for header in page.headers:
        if header != COLUMNS:
            fail(f"table header {header} != {COLUMNS}")

    # Every row is one plan entry (months group by local date, so the order may differ):
    # each title takes one Event cell, written as is or with a status suffix.
    rows = page.rows
    if len(rows) != len(plan["events"]):
        fail(f"{len(rows)} table rows, plan has {len(plan['events'])} events")
    for row in rows:
        if len(row) != len(COLUMNS):
            fail(f"row with {len(row)} cells: {row}")
    cells = Counter(row[COLUMNS.index("Event")] for row in rows)
    for e in plan["events"]:
        cell = next((c for c in [e["title"]] + [e["title"] + s for s in SUFFIXES] if cells[c]), None)
        if cell is None:
            fail(f"{e['id']}: no Event cell reads {e['title']!r}")
        cells[cell] -= 1

    if not any(cls == "language-mermaid" and code.startswith("gantt") for cls, code in page.codes):
        fail("no ```mermaid block starting with 'gantt'")
    print(f"md: {len(rows)} rows in {len(page.headers)} tables match the plan; "
          f"no raw HTML; mermaid gantt present")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    main(sys.argv[1], sys.argv[2])
