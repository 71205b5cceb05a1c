#!/usr/bin/env bash
# Interop read-back: export each input with the built tool, then check every format with
# independent readers (icalendar + recurring_ical_events, Python csv, cmark-gfm); then the
# calendars of generated agendas (agenda-bench, built here in debug) against their plans.
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
# Generated agendas (four zones, three working calendars, repeat with except, for_each,
# gaps and max lags) at several seeds: every occurrence that icalendar and
# recurring-ical-events read back from the .ics starts and ends at the plan's instants.
(cd "$root" && swift build --product agenda-bench)
bench="$(cd "$root" && swift build --show-bin-path)/agenda-bench"
for seed in 11 23 37 41 59; do
    base="generated-$seed"
    echo "== $base"
    "$bench" --size 300 --seed "$seed" --write "$out/$base.yaml"
    "$agenda" export "$out/$base.yaml" --format ics,json -o "$out/$base/"
    python3 "$here/check_ics.py" "$out/$base/$base.json" "$out/$base/$base.ics"
    checks=$((checks + 1))
done

# Any failure has stopped the script above (set -e), so every check counted here passed.
echo "interop: $checks passed, 0 failed"
