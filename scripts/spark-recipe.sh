#!/usr/bin/env bash
# attrib as a pipe stage in Apache Spark, checked against a direct run (issue 7).
#
#   scripts/spark-recipe.sh [OUT]          OUT defaults to /tmp/attrib-spark
#
# 1. builds the release binary;
# 2. installs pyspark from PyPI into a virtual environment (OUT/venv; Java 17+
#    must be on the machine);
# 3. writes N (default 10,000) JSON Lines records from the project's own
#    articles with scripts/make-corpus.py;
# 4. runs `attrib check --input jsonl` and `attrib extract --input jsonl`
#    directly on the file, and again through Spark (local mode, RDD.pipe,
#    scripts/spark-pipe.py), and diffs the two outputs: they must be equal.
#
# Not part of the default test command (it downloads pyspark, ~300 MB).
# Settings: N=10000 PARTITIONS=8 MASTER='local[*]' SKIP_BUILD=0
set -euo pipefail

OUT=${1:-/tmp/attrib-spark}
N=${N:-10000}
PARTITIONS=${PARTITIONS:-8}
MASTER=${MASTER:-local[*]}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ATTRIB=$ROOT/target/release/attrib

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    cargo build --release >&2
fi
command -v java >/dev/null || { echo "spark-recipe: Java 17+ is needed (java not found)" >&2; exit 3; }

mkdir -p "$OUT"
if [[ ! -x $OUT/venv/bin/python ]]; then
    python3 -m venv "$OUT/venv"
fi
"$OUT/venv/bin/python" -c "import pyspark" 2>/dev/null || "$OUT/venv/bin/pip" install --quiet pyspark

python3 scripts/make-corpus.py "$OUT" --mb 0 --jsonl "$N" >&2
RECORDS=$OUT/records.jsonl

status=0
for command in check extract; do
    # check exits 1 when it finds problems: that is not a failure here.
    rc=0
    /usr/bin/time -f "direct $command: %e s, %M KB max RSS" \
        "$ATTRIB" --color never "$command" --input jsonl "$RECORDS" >"$OUT/direct-$command.jsonl" || rc=$?
    [[ $rc -le 1 ]] || { echo "spark-recipe: direct $command exited $rc" >&2; exit 1; }
    /usr/bin/time -f "spark $command: %e s" \
        "$OUT/venv/bin/python" scripts/spark-pipe.py "$RECORDS" "$OUT/spark-$command.jsonl" \
        --command "$command" --partitions "$PARTITIONS" --master "$MASTER" --attrib "$ATTRIB"
    lines=$(wc -l <"$OUT/direct-$command.jsonl")
    if cmp -s "$OUT/direct-$command.jsonl" "$OUT/spark-$command.jsonl"; then
        echo "$command: Spark output equals the direct run ($lines lines)"
    else
        echo "$command: Spark output DIFFERS from the direct run:" >&2
        diff "$OUT/direct-$command.jsonl" "$OUT/spark-$command.jsonl" | head -5 >&2
        status=1
    fi
done
exit $status
