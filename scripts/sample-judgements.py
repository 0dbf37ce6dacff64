#!/usr/bin/env python3
"""Draw the stratified sample of attrib findings on PolNeAR train+dev for a standards editor
to judge, and print each one with the context needed to judge it.

Nothing is written to the repository: the sample and its contexts go to the terminal only, so
no PolNeAR text ends up in a commit (the judgements file holds document, offset, code, verdict
and a reason in the editor's own words).

    scripts/sample-judgements.py [--attrib /tmp/attrib-before] [--polnear /tmp/polnear]
        [--per-code 30] [--seed 17] [--code CODE] [--list] [--document train/x.txt]
        [--unjudged-against tests/judged/polnear-judgements.tsv]

--list prints only `document<TAB>offset<TAB>code` lines (the sample itself); without it every
finding is printed with its sentence window, the article's first line (the headline) and,
for the name checks, every line that mentions the name. --document prints every finding of
one article with the article's full text, for the whole-article reading (misses).

The sample: findings of the baseline binary on dev and train (never the test split), grouped
by code; within a code the findings are shuffled with a fixed seed and taken round-robin over
articles (at most one finding per article until every article with that code has given one),
so the sample spreads over many articles; `--per-code` findings per code (all of them when a
code has fewer).

--unjudged-against FILE draws a later round: before sampling it drops every finding whose
(document, offset, code) is already a row of FILE (a judgements file in the format of
tests/judged/README.md), so only findings no editor has judged yet are sampled.
"""

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

SPLITS = ("dev", "train")


def findings(attrib, polnear):
    """(document, offset, code, diagnostic) for every finding on the dev and train texts."""
    rows = []
    for split in SPLITS:
        folder = Path(polnear) / "data" / split / "text"
        out = subprocess.run(
            [attrib, "check", "--format", "json", str(folder)],
            capture_output=True,
            check=False,
        )
        if out.returncode not in (0, 1):
            sys.exit(f"{attrib} failed on {folder}: {out.stderr.decode(errors='replace')}")
        report = json.loads(out.stdout)
        for file in report["files"]:
            document = f"{split}/{Path(file['path']).name}"
            for diag in file["diagnostics"]:
                rows.append((document, diag["offset"], diag["code"], diag))
    return rows


def judged_keys(path):
    """The (document, offset, code) of every row of a judgements file."""
    keys = set()
    with open(path, encoding="utf-8") as tsv:
        next(tsv, None)  # the header line
        for line in tsv:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3 and fields[1].isdigit():
                keys.add((fields[0], int(fields[1]), fields[2]))
    return keys


def sample(rows, per_code, seed, only_code=None):
    by_code = defaultdict(list)
    for row in rows:
        by_code[row[2]].append(row)
    chosen = []
    for code in sorted(by_code):
        if only_code and code != only_code:
            continue
        rng = random.Random(f"{seed}:{code}")
        pool = sorted(by_code[code], key=lambda r: (r[0], r[1]))
        rng.shuffle(pool)
        by_doc = defaultdict(list)
        order = []
        for row in pool:
            if row[0] not in by_doc:
                order.append(row[0])
            by_doc[row[0]].append(row)
        picked = []
        while len(picked) < per_code and any(by_doc.values()):
            for doc in order:
                if by_doc[doc] and len(picked) < per_code:
                    picked.append(by_doc[doc].pop(0))
        chosen.extend(sorted(picked, key=lambda r: (r[0], r[1])))
    return chosen


def text_of(polnear, document):
    return (Path(polnear) / "data" / document.split("/")[0] / "text" / document.split("/")[1]).read_bytes()


def window(data, offset, length, before=500, after=400):
    start = max(0, offset - before)
    end = min(len(data), offset + length + after)
    left = data[start:offset].decode(errors="replace")
    mid = data[offset : offset + length].decode(errors="replace")
    right = data[offset + length : end].decode(errors="replace")
    return f"{left}[[{mid}]]{right}"


def show(polnear, row, whole=False):
    document, offset, code, diag = row
    data = text_of(polnear, document)
    print("=" * 100)
    print(f"{document}\t{offset}\t{code}\t{diag['message']}")
    for label in diag.get("labels", [])[1:]:
        print(f"  label @{label['offset']}: {label['text']}: "
              f"{data[label['offset']:label['offset'] + label['length']].decode(errors='replace')}")
    if whole:
        return
    headline = data.split(b"\n", 1)[0].decode(errors="replace")
    print(f"  HEADLINE: {headline}")
    print(window(data, offset, diag["length"]).replace("\n\n", "\n¶ "))
    if code in ("missing-affiliation", "late-full-name", "name-inconsistent"):
        name = data[offset : offset + diag["length"]].decode(errors="replace")
        words = [w.strip(".,’'s") for w in name.split() if w[:1].isupper()]
        key = words[-1] if words else name
        key = key.removesuffix("’s").removesuffix("'s")
        print(f"  -- lines mentioning {key!r}:")
        pos, shown = 0, 0
        for line in data.decode(errors="replace").split("\n"):
            if key in line and shown < 8:
                at = line.find(key)
                print(f"   @{pos}: {line[max(0, at - 150):at + 200]}")
                shown += 1
            pos += len(line.encode()) + 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--attrib", default="/tmp/attrib-before")
    parser.add_argument("--polnear", default="/tmp/polnear")
    parser.add_argument("--per-code", type=int, default=30)
    parser.add_argument("--seed", default="17")
    parser.add_argument("--code")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--document")
    parser.add_argument("--unjudged-against", metavar="FILE")
    args = parser.parse_args()
    rows = findings(args.attrib, args.polnear)
    if args.unjudged_against:
        judged = judged_keys(args.unjudged_against)
        rows = [r for r in rows if (r[0], r[1], r[2]) not in judged]
    if args.document:
        data = text_of(args.polnear, args.document)
        print(data.decode(errors="replace"))
        for row in sorted((r for r in rows if r[0] == args.document), key=lambda r: r[1]):
            show(args.polnear, row, whole=True)
            print(f"  >> {window(text_of(args.polnear, row[0]), row[1], row[3]['length'], 120, 80)}")
        return
    for row in sample(rows, args.per_code, args.seed, args.code):
        if args.list:
            print(f"{row[0]}\t{row[1]}\t{row[2]}")
        else:
            show(args.polnear, row)


if __name__ == "__main__":
    main()
