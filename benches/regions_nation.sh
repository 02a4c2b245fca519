#!/usr/bin/env bash
# The regions benchmark at nation scale: generate ~2,000,000 quarter-mesh cells and 160,000
# candidates over 1,700 2nd-level mesh squares (examples/nation_regions.rs), split them into
# one region per square, solve every region in one process on this machine's cores, then each
# region as its own task (one process, `regions solve --shard k/R`, as an array task runs it:
# start, read the table, check and read its data, solve, write), two at a time, timing each.
# From the measured task times: the total, the largest task (the critical path on a cluster),
# and the wall time of 100 and 1,000 workers (tasks handed out largest first, as Slurm's
# scheduler would fill free workers; start-up of the array itself not included).
#
#   benches/regions_nation.sh [DIR] [cells] [candidates] [squares] [sample]
#
# `sample` (default: all) times only every k-th region's task so a slow machine can finish;
# the wall-time estimates then scale the sample (said in the output). SPLIT_FLAGS sets the
# budget and radius (default `--stops-per-aged 2000`: about 11 stops a region, 500 m);
# SKIP_ALL=1 skips the one-process run (for settings too slow to run twice here).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-/tmp/mobile-stops-nation}"
cells="${2:-2000000}"; sites="${3:-160000}"; squares="${4:-1700}"; every="${5:-1}"
bin="$root/target/release/mobile-stops"
split_flags="${SPLIT_FLAGS:---stops-per-aged 2000}"
gen="$root/target/release/examples/nation_regions"
(cd "$root" && cargo build --release --quiet --example nation_regions && cargo build --release --quiet)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; split flags: $split_flags"
rm -rf "$dir"; mkdir -p "$dir"
t() { local s; s=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $s" | bc; }
echo "generate: $(t "$gen" "$dir/data" "$cells" "$sites" "$squares" 2>/dev/null) s"
echo "split:    $(t "$bin" regions split --data "$dir/data" --by mesh2 $split_flags --out "$dir/reg" 2>"$dir/split.log") s ($(cat "$dir/split.log"))"
if [ "${SKIP_ALL:-0}" = 1 ]; then
    echo "solve all regions in one process: skipped (SKIP_ALL=1)"
else
    echo "solve all regions in one process ($(nproc) threads): $(t "$bin" regions solve "$dir/reg" --format json --out "$dir/all.json") s"
fi
regions=$(( $(wc -l <"$dir/reg/regions.csv") - 1 ))
mkdir -p "$dir/shards"
task() {
    local s; s=$(date +%s.%N)
    "$bin" --threads 1 regions solve "$dir/reg" --shard "$1/$regions" --out "$dir/shards/shard-$1.json"
    echo "$1 $(echo "$(date +%s.%N) - $s" | bc)"
}
export -f task; export bin dir regions
start=$(date +%s.%N)
seq 0 "$every" $((regions - 1)) | xargs -P 2 -I{} bash -c 'task {}' >"$dir/times.txt"
echo "timed $(wc -l <"$dir/times.txt") of $regions region tasks, 2 at a time: $(echo "$(date +%s.%N) - $start" | bc) s"
if [ "$every" = 1 ] && [ -f "$dir/all.json" ]; then
    m=$(t "$bin" merge "$dir"/shards/shard-*.json --format json --out "$dir/merged.json")
    cmp "$dir/all.json" "$dir/merged.json" && echo "merge of $regions shards: $m s, byte-identical to the one-process run"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$dir/times.txt" "$regions" <<'PY'
import heapq, sys
times = sorted((float(l.split()[1]) for l in open(sys.argv[1])), reverse=True)
regions = int(sys.argv[2]); scale = regions / len(times)
total = sum(times) * scale
print(f"task times: total {total:.1f} s (one core), mean {total/regions*1000:.0f} ms, largest {times[0]*1000:.0f} ms"
      + (f" (sample of {len(times)}, scaled ×{scale:.1f})" if scale > 1 else ""))
full = [t for t in times for _ in range(round(scale))] if scale > 1 else times
for w in (2, 100, 1000):
    load = [0.0] * w
    for t in full:
        heapq.heapreplace(load, load[0] + t)
    print(f"{w:>5} workers: {max(load):.1f} s wall (lower bound {max(total / w, times[0]):.1f} s)")
PY
