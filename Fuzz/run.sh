#!/usr/bin/env bash
# Builds the libFuzzer targets with the address sanitizer and runs one of them.
#
#   Fuzz/run.sh pipeline 3600      # YAML bytes -> load -> plan -> checks -> exporters, one hour
#   Fuzz/run.sh time 60 -jobs=2    # the date, time and duration parsers; extra libFuzzer flags follow
#
# New inputs that reach new code go to Fuzz/.work/corpus/TARGET (not committed); the committed
# seeds in Fuzz/corpus/TARGET are read, never written. A crash, leak or timeout leaves its input
# in Fuzz/.work/artifacts/ and exits non-zero: copy it into
# Tests/AgendaFuzzingTests/Inputs/TARGET/ so `swift test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: Fuzz/run.sh pipeline|time SECONDS [libFuzzer flags...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1 seconds=$2
shift 2
case "$target" in
    pipeline) product=FuzzPipeline; extra=(-dict=pipeline.dict -max_len=16384) ;;
    time) product=FuzzTime; extra=(-max_len=64) ;;
    *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

swift build -c release --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

mkdir -p ".work/corpus/$target" .work/artifacts
# libFuzzer reports crashes itself; Swift's backtracer would stop to symbolicate each one.
export SWIFT_BACKTRACE=enable=no
# A single input may take at most 10 s and 2 GB: more is a hang or a blow-up worth keeping.
exec ".build/release/$product" "${extra[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=".work/artifacts/$target-" \
    "$@" ".work/corpus/$target" "corpus/$target"
