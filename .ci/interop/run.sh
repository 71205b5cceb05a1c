#!/usr/bin/env bash
# Interop read-back: export each input with the built tool, then check every format with
# independent readers (icalendar + recurring_ical_events, Python csv, cmark-gfm).
# usage: .ci/interop/run.sh [path/to/agenda]   (run from the package root)
set -euo pipefail

agenda="${1:-.build/debug/agenda}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
inputs=(
    "$root/Tests/AgendaCLITests/Fixtures/good/export.yaml"
    "$root/seeds/ungass-2016.yaml"
)

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for input in "${inputs[@]}"; do
    base="$(basename "$input" .yaml)"
    echo "== $base"
    "$agenda" export "$input" --format ics,csv,md,json -o "$out/$base/"
    python3 "$here/check_ics.py" "$out/$base/$base.json" "$out/$base/$base.ics"
    python3 "$here/check_csv.py" "$out/$base/$base.json" "$out/$base/$base.csv"
    python3 "$here/check_md.py" "$out/$base/$base.json" "$out/$base/$base.md"
done
echo "interop: all checks passed"
