#!/usr/bin/env bash
# Interop read-back: export each input with the built tool, then check every format with
# independent readers (icalendar + recurring_ical_events, Python csv, cmark-gfm).
# usage: .ci/interop/run.sh [path/to/agenda]   (default: .build/debug/agenda of this package)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
agenda="${1:-$root/.build/debug/agenda}"
[ -x "$agenda" ] || { echo "run.sh: no agenda binary at $agenda" >&2; exit 2; }
inputs=(
    "$root/Tests/AgendaCLITests/Fixtures/good/export.yaml"
    "$root/seeds/ungass-2016.yaml"
    "$root/examples/first-agenda/first-agenda.yaml"
    "$root/examples/ngo-engagement/ngo-engagement.yaml"
)

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

checks=0
for input in "${inputs[@]}"; do
    base="$(basename "$input" .yaml)"
    echo "== $base"
    "$agenda" export "$input" --format ics,csv,md,json -o "$out/$base/"
    for format in ics csv md; do
        python3 "$here/check_$format.py" "$out/$base/$base.json" "$out/$base/$base.$format"
        checks=$((checks + 1))
    done
done
# Any failure has stopped the script above (set -e), so every check counted here passed.
echo "interop: $checks passed, 0 failed"
