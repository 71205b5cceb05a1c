#!/usr/bin/env bash
# The SwiftPM command plugins, end to end, in the sample package examples/ci-package (which
# depends on AgendaKit by path): agenda-check passes on its agenda files, fails with a located
# error on broken copies and gives pure SARIF on standard output; agenda-export writes the
# calendars. The sample package builds in its own .build (the first run takes minutes).
# Everything the script writes in the package (a temp folder, calendars/) is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -d /opt/swift/usr/bin ] && ! command -v swift >/dev/null 2>&1; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! pkg-config --exists yaml-0.1 2>/dev/null; then
    echo "installing: pkg-config libyaml-dev"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libyaml-dev
fi

cd examples/ci-package
# Under GitHub Actions the tool defaults to the github reporter; these checks read the text one.
unset GITHUB_ACTIONS

started=$(date +%s)
passed=0
# Inside the package, where the plugins may read it; hidden, so that their search skips it.
work=$(mktemp -d "$PWD/.tmp-plugins.XXXXXX")
cleanup() { rm -rf "$work" calendars; }
trap cleanup EXIT
rm -rf calendars

ok() { passed=$((passed + 1)); echo "ok $passed - $1"; }
fail() {
    echo "not ok - $1" >&2
    local f
    for f in "$work/out" "$work/err"; do
        if [ -s "$f" ]; then
            echo "--- $(basename "$f") of the last command (without build progress):" >&2
            grep -v '^\[[0-9]*/[0-9]*\]' "$f" | tail -n 40 >&2 || true
        fi
    done
    if grep -q "^error: fatalError\|error: emit-module command failed\|Compiling.*error:" "$work/err" 2>/dev/null; then
        echo "(the agenda tool did not build: see the compiler errors above)" >&2
    fi
    echo "plugins: $passed passed, 1 failed"
    exit 1
}
# run NAME ARGS...: runs `swift package ARGS...`, stdout to $work/out, stderr to $work/err; sets $status.
run() {
    status=0
    swift package "$@" >"$work/out" 2>"$work/err" || status=$?
}

# 1. The package's own agenda files (agenda.yaml, plans/consultations.agenda.yaml) are clean.
echo "building the agenda tool for the plugins in examples/ci-package/.build (the first time takes minutes)"
run agenda-check
[ "$status" -eq 0 ] || fail "agenda-check on the sample package exits 0 (got $status)"
grep -q '^checked 2 files, [0-9]* events: no problems$' "$work/out" \
    || fail "agenda-check finds and checks both agenda files"
ok "agenda-check passes on agenda.yaml and plans/consultations.agenda.yaml"

# 2. A broken copy: a mistyped key (invalid input, exit 2 from the tool).
rel=${work#"$PWD/"}
sed 's/^    title: CND 68th session$/    titel: CND 68th session/' agenda.yaml >"$work/broken.agenda.yaml"
cmp -s agenda.yaml "$work/broken.agenda.yaml" && fail "the broken copy differs from agenda.yaml"
run agenda-check --reporter text "$rel/broken.agenda.yaml"
[ "$status" -ne 0 ] || fail "agenda-check fails on a mistyped key"
grep -Eq "^$rel/broken\.agenda\.yaml:[0-9]+:[0-9]+: error: unknown key 'titel' in an event; did you mean 'title'\? \[AG101\]$" "$work/out" \
    || fail "agenda-check prints the located error line for the mistyped key"
grep -q "error: agenda-check: checking 1 file failed with exit 2" "$work/err" \
    || fail "agenda-check says in one line why it failed (exit 2)"
ok "agenda-check fails on a mistyped key, with a located AG101 line"

# 3. A broken copy: a document due too late for the session (a failing check, exit 1 from the tool).
sed 's/^    on: 2024-12-06$/    on: 2025-02-14/' agenda.yaml >"$work/late.agenda.yaml"
cmp -s agenda.yaml "$work/late.agenda.yaml" && fail "the late copy differs from agenda.yaml"
run agenda-check "$rel/late.agenda.yaml"
[ "$status" -ne 0 ] || fail "agenda-check fails on a document due too late"
grep -Eq "^$rel/late\.agenda\.yaml:[0-9]+:[0-9]+: error: .*\[AG307\]$" "$work/out" \
    || fail "agenda-check prints the located AG307 line"
grep -q "error: agenda-check: checking 1 file failed with exit 1: errors" "$work/err" \
    || fail "agenda-check says in one line why it failed (exit 1)"
ok "agenda-check fails on a document due too late, with a located AG307 line"

# 4. --reporter sarif: standard output is the SARIF log alone (the build messages go to stderr).
run agenda-check --reporter sarif
[ "$status" -eq 0 ] || fail "agenda-check --reporter sarif exits 0 (got $status)"
python3 - "$work/out" <<'PY' || fail "agenda-check --reporter sarif prints one valid SARIF log with no results"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log.get("version")
assert log["runs"] and not log["runs"][0].get("results"), log["runs"][0].get("results")
PY
ok "agenda-check --reporter sarif prints a clean SARIF log on stdout"

# 5. agenda-export writes every format for both agenda files into calendars/.
run --allow-writing-to-package-directory agenda-export --format ics,csv,md
[ "$status" -eq 0 ] || fail "agenda-export exits 0 (got $status)"
for base in agenda consultations; do
    for ext in ics csv md; do
        [ -s "calendars/$base.$ext" ] || fail "agenda-export writes a non-empty calendars/$base.$ext"
    done
    head -n 1 "calendars/$base.ics" | grep -q '^BEGIN:VCALENDAR' || fail "calendars/$base.ics is an iCalendar file"
done
[ "$(ls calendars | wc -l)" -eq 6 ] || fail "agenda-export writes exactly six files"
ok "agenda-export writes calendars/{agenda,consultations}.{ics,csv,md}"

echo "took $(( $(date +%s) - started ))s"
echo "plugins: $passed passed, 0 failed"
