#!/bin/sh
# Flame graphs of a step (Debian's linux-perf): the engine's thread of bench_steps, sequential
# and 100 concurrent, as SVG files and as the frames with the most samples below them.
#   tests/bench/flame.sh build/tests/bench/bench_steps [OUTPUT_FOLDER]
set -eu
bench=$1
out=${2:-flamegraphs}
here=$(dirname "$0")
mkdir -p "$out"
for case in "sequential 1 200" "concurrent 100 300"; do
    set -- $case
    data="$out/$1.perf.data"
    perf record -q -e cpu-clock -F 1000 --call-graph dwarf,32768 -o "$data" -- \
        "$bench" --runs "$3" --concurrency "$2" >/dev/null
    perf script -i "$data" 2>/dev/null >"$out/$1.stacks"
    name=$(basename "$bench")
    "$here/flamegraph.py" --thread "$name" --title "bench_steps, $1 ($2 in flight)" \
        <"$out/$1.stacks" >"$out/$1.svg"
    "$here/flamegraph.py" --thread "$name" --top 40 <"$out/$1.stacks" >"$out/$1.top.txt"
    rm -f "$data" "$out/$1.stacks"
    echo "$out/$1.svg"
done
