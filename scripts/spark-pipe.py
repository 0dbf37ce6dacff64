#!/usr/bin/env python3
"""Run attrib as a pipe stage in Apache Spark (issue 7, scale-out).

Reads JSON Lines records ({"id": ..., "text": ..., "format": "md"}) into an
RDD, pipes every partition through one `attrib check --input jsonl -` (or
`extract`) process with RDD.pipe, saves the partitions in parallel
(saveAsTextFile) and joins the part files, in input order, into one file. Each attrib process reads its partition's records on
stdin and writes one JSON line per record, so the result is the same as one
direct run over the whole file; scripts/spark-recipe.sh checks that.

  python3 scripts/spark-pipe.py RECORDS.jsonl OUT.jsonl [--command extract]
        [--partitions 8] [--master 'local[*]'] [--attrib target/release/attrib]
        [--rules attrib.yaml]

Needs pyspark (pip install pyspark) and Java 17 or later. On a cluster, give
--master and an attrib binary path that exists on every worker (ship it with
`spark-submit --files`, or install it on the image); the rest is unchanged.
"""

import argparse
import shlex
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", help="JSON Lines input, one record per line")
    parser.add_argument("output", help="file for the output lines, in input order")
    parser.add_argument("--command", choices=["check", "extract"], default="check")
    parser.add_argument("--partitions", type=int, default=8, help="RDD partitions (attrib processes); default %(default)s")
    parser.add_argument("--master", default="local[*]", help="Spark master; default %(default)s")
    parser.add_argument("--attrib", default=str(REPO / "target/release/attrib"), help="the attrib binary")
    parser.add_argument("--rules", action="append", default=[], help="rule file passed to attrib (repeatable)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession  # imported late so --help works without pyspark

    attrib = Path(args.attrib).resolve()
    if not attrib.is_file():
        sys.exit(f"spark-pipe: no attrib binary at {attrib} (cargo build --release)")
    # One thread per attrib process: Spark already runs one process per core.
    command = [str(attrib), "--color", "never"]
    for rules in args.rules:
        command += ["--rules", str(Path(rules).resolve())]
    command += [args.command, "--input", "jsonl", "--jobs", "1", "-"]

    spark = SparkSession.builder.master(args.master).appName(f"attrib-{args.command}").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.monotonic()
    records = spark.sparkContext.textFile(str(Path(args.records).resolve()), minPartitions=args.partitions)
    # attrib exits 1 when it finds problems and 2 on a bad record: both still
    # write every line, so the exit code is not a failure of the stage.
    lines = records.pipe(shlex.join(command), checkCode=False)
    # Every partition is written in parallel as its own part file; part
    # files are numbered in partition order and each keeps its line order, so
    # joining them in name order gives the lines in input order.
    parts = Path(args.output + ".parts")
    if parts.exists():
        shutil.rmtree(parts)
    lines.saveAsTextFile(str(parts.resolve()))
    count = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for part in sorted(parts.glob("part-*")):
            with open(part, encoding="utf-8") as lines_of_part:
                for line in lines_of_part:
                    out.write(line)
                    count += 1
    shutil.rmtree(parts)
    elapsed = time.monotonic() - started
    partitions = records.getNumPartitions()
    spark.stop()
    print(f"spark-pipe: {count} lines from {partitions} partitions in {elapsed:.1f} s -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
