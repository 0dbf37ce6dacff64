#!/usr/bin/env bash
# Time `attrib check` and `attrib extract` on a generated corpus (issue 7).
#
#   scripts/bench-throughput.sh [OUT]        OUT defaults to /tmp/attrib-bench
#
# It builds the release binary, writes the corpus with scripts/make-corpus.py
# into OUT (never into the repository), and times, pinned to one core with
# `taskset -c $CORE`:
#
#   - `attrib check --format json` and `attrib extract --format json` on the
#     large file (about $MB MB): MB/s and peak memory (max RSS);
#   - `attrib check` and `attrib extract` on $SCALE (1x, 4x, 16x) to show that
#     cost is linear in input size;
#   - `attrib check --format json` and `attrib extract --format json` on a
#     folder of $FILES small files, on one core (`taskset -c $CORE`) and on
#     $CORES2 (two cores: the parallel speed-up across files);
#   - `attrib check --input jsonl` and `attrib extract --input jsonl` on
#     $JSONL JSON Lines records, one core and two cores (streaming memory).
#
# Each measurement first runs once under `/usr/bin/time` (wall time, user and
# system CPU time, max RSS) and `timeout $LIMIT`; when RUNS > 1 and that run is
# short enough, hyperfine (if installed) then runs it $RUNS times and the mean
# wall time is reported. MB/s is given both for wall time and for CPU time
# (user + system): on a machine shared with other work, CPU time is the
# steadier measure of single-core speed. The standard output of attrib goes to
# /dev/null. Results are printed as a Markdown table and saved to
# OUT/results.md; raw hyperfine JSON is kept in OUT/hyperfine/.
#
# Settings (environment): MB=200 SCALE="3 12 48" FILES=100000 JSONL=10000
# RUNS=1 LIMIT=900 CORE=1 CORES2=0,1 SKIP_BUILD=0 SKIP_CORPUS=0
# ATTRIB=target/release/attrib
set -euo pipefail

OUT=${1:-/tmp/attrib-bench}
MB=${MB:-200}
SCALE=${SCALE:-3 12 48}
FILES=${FILES:-100000}
JSONL=${JSONL:-10000}
RUNS=${RUNS:-1}
LIMIT=${LIMIT:-900}
CORE=${CORE:-1}
CORES2=${CORES2:-0,1}
SKIP_BUILD=${SKIP_BUILD:-0}
SKIP_CORPUS=${SKIP_CORPUS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ATTRIB=${ATTRIB:-$ROOT/target/release/attrib}

if [[ $SKIP_BUILD != 1 ]]; then
    echo "== cargo build --release" >&2
    cargo build --release >&2
fi

if [[ $SKIP_CORPUS != 1 ]]; then
    echo "== generating the corpus in $OUT" >&2
    python3 scripts/make-corpus.py "$OUT" --mb "$MB" --scale "${SCALE// /,}" --files "$FILES" --jsonl "$JSONL" >&2
fi

# The CLI must work before anything is timed.
if ! "$ATTRIB" check --format json examples/port-strike.txt 2>/dev/null | grep -q '"version"'; then
    echo "bench-throughput: '$ATTRIB check --format json' gives no JSON yet; nothing timed" >&2
    exit 3
fi

HAVE_HYPERFINE=0
if command -v hyperfine >/dev/null; then
    HAVE_HYPERFINE=1
else
    echo "bench-throughput: hyperfine not found (apt-get install -y hyperfine); using single runs of /usr/bin/time" >&2
fi
mkdir -p "$OUT/hyperfine"
RESULTS="$OUT/results.md"

{
    echo "# attrib throughput ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1e6}' /proc/meminfo)"
    echo "binary: $ATTRIB ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ', dirty'))"
    echo "runs: $RUNS (hyperfine: $HAVE_HYPERFINE), limit ${LIMIT}s per run, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| what | input | MB | cores | wall (s) | CPU (s) | MB/s wall | MB/s CPU | max RSS (MB) | exit |"
    echo "|---|---|---:|---|---:|---:|---:|---:|---:|---:|"
} | tee "$RESULTS"

# measure LABEL INPUT CORES -- COMMAND...
# CORES is "1" (pinned to $CORE) or "2" (pinned to $CORES2).
measure() {
    local label=$1 input=$2 cores=$3
    shift 4
    local -a cmd=("$@")
    if [[ $cores == 1 ]]; then
        cmd=(taskset -c "$CORE" "${cmd[@]}")
    else
        cmd=(taskset -c "$CORES2" "${cmd[@]}")
    fi
    local bytes
    if [[ -d $input ]]; then
        bytes=$(find "$input" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    else
        bytes=$(stat -c %s "$input")
    fi

    local timefile rc=0
    timefile=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$timefile" timeout "$LIMIT" "${cmd[@]}" >/dev/null 2>"$OUT/stderr.log" || rc=$?
    local wall user sys rss
    # GNU time puts "Command exited with non-zero status N" before the figures.
    read -r wall user sys rss < <(tail -n 1 "$timefile") || true
    rm -f "$timefile"
    local cpu
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    local timing="$wall"
    if [[ $rc == 124 ]]; then
        timing="> $LIMIT (stopped)"
    elif [[ $rc -ge 2 ]]; then
        echo "bench-throughput: '${cmd[*]}' failed with exit $rc:" >&2
        head -5 "$OUT/stderr.log" >&2
    fi
    # A run short enough to repeat: let hyperfine take the mean.
    if [[ $rc -lt 2 && $HAVE_HYPERFINE == 1 && $RUNS -gt 1 ]] &&
        python3 -c "import sys; sys.exit(0 if $wall * $RUNS < $LIMIT else 1)"; then
        local json
        json="$OUT/hyperfine/$(echo "$label-$(basename "$input")-$cores" | tr -c 'A-Za-z0-9.\n-' '_').json"
        hyperfine --shell=none --ignore-failure --style none --runs "$RUNS" \
            --export-json "$json" "${cmd[*]}" >/dev/null 2>&1 &&
            timing=$(python3 -c "import json, sys; r = json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.3f} ± {r['stddev'] or 0:.3f}\")" "$json")
    fi
    local seconds=${timing%% *}
    local mbs="-" mbs_cpu="-"
    if [[ $rc != 124 ]]; then
        mbs=$(python3 -c "print(f'{$bytes / 1e6 / max($seconds, 1e-9):.2f}')")
        mbs_cpu=$(python3 -c "print(f'{$bytes / 1e6 / max($cpu, 1e-9):.2f}')")
    else
        mbs="< $(python3 -c "print(f'{$bytes / 1e6 / $LIMIT:.3f}')")"
    fi
    local shown_input=${input#"$OUT"/}
    printf '| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$label" "$shown_input" "$(python3 -c "print($bytes / 1e6)")" "$cores" "$timing" "$cpu" "$mbs" "$mbs_cpu" \
        "$(python3 -c "print(f'{${rss:-0} / 1024:.1f}')")" "$rc" | tee -a "$RESULTS"
}

BIG="$OUT/big-${MB}MB.txt"
if [[ $MB != 0 ]]; then
    measure check "$BIG" 1 -- "$ATTRIB" check --format json "$BIG"
    measure extract "$BIG" 1 -- "$ATTRIB" extract --format json "$BIG"
fi
for size in $SCALE; do
    measure check "$OUT/scale-${size}MB.txt" 1 -- "$ATTRIB" check --format json "$OUT/scale-${size}MB.txt"
done
for size in $SCALE; do
    measure extract "$OUT/scale-${size}MB.txt" 1 -- "$ATTRIB" extract --format json "$OUT/scale-${size}MB.txt"
done
if [[ $FILES -gt 0 ]]; then
    for what in check extract; do
        measure "$what" "$OUT/files" 1 -- "$ATTRIB" "$what" --format json "$OUT/files"
        measure "$what" "$OUT/files" 2 -- "$ATTRIB" "$what" --format json "$OUT/files"
    done
fi
if [[ $JSONL -gt 0 ]]; then
    for what in check extract; do
        measure "$what --input jsonl" "$OUT/records.jsonl" 1 -- "$ATTRIB" "$what" --input jsonl "$OUT/records.jsonl"
        measure "$what --input jsonl" "$OUT/records.jsonl" 2 -- "$ATTRIB" "$what" --input jsonl "$OUT/records.jsonl"
    done
fi

echo >&2
echo "saved to $RESULTS" >&2
