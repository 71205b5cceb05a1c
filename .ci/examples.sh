#!/usr/bin/env bash
# The examples' committed files, regenerated with the built tool into a temporary folder and
# compared with examples/ by `diff -r`: any difference, missing or extra file fails the run.
# An example is a folder examples/NAME holding NAME.yaml. Its exports (ics, csv, md) are
# regenerated, or, when it holds check-output.txt, the transcript of `agenda check` on it.
# Paths are relative to the repository root, as in the committed files.
# usage: .ci/examples.sh [path/to/agenda]   (default: .build/debug/agenda of this package)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
agenda="${1:-$root/.build/debug/agenda}"
[ -x "$agenda" ] || { echo "examples.sh: no agenda binary at $agenda" >&2; exit 2; }
agenda="$(cd "$(dirname "$agenda")" && pwd)/$(basename "$agenda")"
cd "$root"
# The text reporter, as a user sees it outside GitHub Actions.
unset GITHUB_ACTIONS

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

passed=0
failed=0
for folder in examples/*/; do
    name="$(basename "$folder")"
    file="examples/$name/$name.yaml"
    [ -f "$file" ] || continue
    mkdir -p "$out/$name"
    if [ -f "examples/$name/check-output.txt" ]; then
        status=0
        {
            echo "\$ agenda check $file"
            "$agenda" check "$file" 2>&1 || status=$?
            echo "\$ echo \$?"
            echo "$status"
        } >"$out/$name/check-output.txt"
    else
        "$agenda" export "$file" --format ics,csv,md -o "$out/$name/"
    fi
    if diff -r --exclude='*.yaml' --exclude=README.md "examples/$name" "$out/$name"; then
        echo "ok - examples/$name"
        passed=$((passed + 1))
    else
        echo "not ok - examples/$name differs from what the tool writes (see the diff above)" >&2
        failed=$((failed + 1))
    fi
done

echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
