#!/usr/bin/env bash
# SARIF read-back: `agenda check --reporter sarif` on a clean agenda and on one that breaks
# checks, each validated against the OASIS SARIF 2.1.0 schema and by sarif-pydantic.
# usage: .ci/sarif/run.sh [path/to/agenda]   (default: .build/debug/agenda of this package)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
agenda="${1:-$root/.build/debug/agenda}"
schema="$root/../shared/schemas/sarif-schema-2.1.0.json"
[ -f "$schema" ] || echo "sarif: no OASIS schema at $schema; validating with sarif-pydantic only"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
checks=0
# file and the exit code `agenda check` must give for it
for pair in "seeds/ungass-2016.yaml:0" "Tests/AgendaCLITests/Fixtures/bad/checks.yaml:1"; do
    file="${pair%:*}"
    expected="${pair##*:}"
    status=0
    (cd "$root" && "$agenda" check "$file" --reporter sarif) > "$out/report.sarif" || status=$?
    if [ "$status" != "$expected" ]; then
        echo "sarif: FAIL: agenda check $file exited $status, expected $expected" >&2
        exit 1
    fi
    python3 "$here/validate.py" "$out/report.sarif" "$schema"
    checks=$((checks + 1))
done
echo "sarif: $checks passed, 0 failed"
