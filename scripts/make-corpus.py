#!/usr/bin/env python3
"""Generate a benchmark corpus from the project's own articles (issue 7).

The articles are the project's examples (examples/*.txt, examples/*.md) and the
gold corpus (tests/corpus/*.txt, tests/corpus/*.md), all written for this
project. Nothing is written into the repository: the output directory is given
on the command line (default /tmp/attrib-bench).

What it writes, in OUT:

  big-<N>MB.txt        one file of about N MB (default 50): the articles repeated
                       in a fixed order, separated by blank lines
  scale-<S>MB.txt      the same, one per size given with --scale (e.g. 3,12,48),
                       to show that cost is linear in input size
  files/NNNNNN.<ext>   with --files M: M small files, one article each, cycling
                       through the articles (extension kept: .txt or .md)
  records.jsonl        with --jsonl M: M JSON Lines records
                       {"id": ..., "text": ..., "format": "md"|"txt"}
  distinct-<S>MB.txt   with --distinct S,...: like scale-<S>MB.txt, but every
                       copy of the articles gets its own names (each capitalised
                       word inside a sentence gets a suffix numbering the copy), so
                       the cast grows with the file as in a real archive instead
                       of repeating the same twenty articles' speakers

The output is deterministic: the same arguments give the same bytes.

Examples:
  scripts/make-corpus.py                           # /tmp/attrib-bench/big-50MB.txt
  scripts/make-corpus.py --mb 200 --files 100000   # the sizes issue 7 names
  scripts/make-corpus.py /tmp/c --mb 2 --scale 3,12,48
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def articles():
    """The project's articles as (name, text), sorted by path."""
    found = []
    for folder in ("examples", "tests/corpus"):
        for path in sorted((REPO / folder).iterdir()):
            if path.suffix in (".txt", ".md") and path.name.lower() != "readme.md":
                found.append((path.name, path.read_text(encoding="utf-8")))
    if not found:
        sys.exit("make-corpus: no articles under examples/ or tests/corpus/")
    return found


def write_big(path, texts, size):
    """Write the texts repeated, separated by blank lines, until `size` bytes are reached."""
    chunk = "".join(t.rstrip() + "\n\n" for t in texts).encode("utf-8")
    written = 0
    with open(path, "wb") as out:
        while written < size:
            out.write(chunk)
            written += len(chunk)
    return written


# A capitalised word of four letters or more after a word character, a comma
# or another name word: a name, title or place inside a sentence (sentence
# openers such as "According" or "When" stay as they are).
NAME_WORD = re.compile(r"(?<=[\w,] )([A-Z][a-z]{3,})\b")


def copy_suffix(n):
    """A lowercase suffix for copy number n (0 → ""): each decimal digit as
    three equal letters, so two copies' names are at least three edits apart
    and name-inconsistent does not take them for misspellings of each other."""
    if n == 0:
        return ""
    letters = "bcdfghjkmp"
    return "".join(letters[int(d)] * 3 for d in str(n))


def write_distinct(path, texts, size):
    """Like write_big, but copy n of the articles renames its names with suffix n."""
    chunk = "".join(t.rstrip() + "\n\n" for t in texts)
    written = 0
    copy = 0
    with open(path, "wb") as out:
        while written < size:
            suffix = copy_suffix(copy)
            data = NAME_WORD.sub(lambda m: m.group(1) + suffix, chunk).encode("utf-8")
            out.write(data)
            written += len(data)
            copy += 1
    return written


def inside_repo(path):
    try:
        path.resolve().relative_to(REPO)
        return True
    except ValueError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="/tmp/attrib-bench", help="output directory (default %(default)s)")
    parser.add_argument("--mb", type=float, default=50, help="size of the large file in MB (default %(default)s; 0: none)")
    parser.add_argument("--scale", default="", help="comma-separated extra sizes in MB, e.g. 3,12,48")
    parser.add_argument("--distinct", default="", help="comma-separated sizes in MB of files whose copies use distinct names")
    parser.add_argument("--files", type=int, default=0, help="number of small files to write under OUT/files")
    parser.add_argument("--jsonl", type=int, default=0, help="number of JSON Lines records to write to OUT/records.jsonl")
    args = parser.parse_args()

    out = Path(args.out)
    if inside_repo(out):
        sys.exit(f"make-corpus: refusing to write into the repository ({out}); choose a folder outside it")
    out.mkdir(parents=True, exist_ok=True)

    arts = articles()
    texts = [t for _, t in arts]
    source_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(arts)} articles, {source_bytes} bytes", file=sys.stderr)

    if args.mb > 0:
        path = out / f"big-{args.mb:g}MB.txt"
        n = write_big(path, texts, int(args.mb * MB))
        print(f"{path}: {n} bytes", file=sys.stderr)

    for size in filter(None, (s.strip() for s in args.scale.split(","))):
        mb = float(size)
        path = out / f"scale-{mb:g}MB.txt"
        n = write_big(path, texts, int(mb * MB))
        print(f"{path}: {n} bytes", file=sys.stderr)

    for size in filter(None, (s.strip() for s in args.distinct.split(","))):
        mb = float(size)
        path = out / f"distinct-{mb:g}MB.txt"
        n = write_distinct(path, texts, int(mb * MB))
        print(f"{path}: {n} bytes", file=sys.stderr)

    if args.files > 0:
        folder = out / "files"
        folder.mkdir(exist_ok=True)
        # Clear files from an earlier, larger run so the folder holds exactly M.
        for old in folder.iterdir():
            if old.is_file():
                old.unlink()
        width = max(6, len(str(args.files)))
        total = 0
        for i in range(args.files):
            name, text = arts[i % len(arts)]
            data = text.encode("utf-8")
            (folder / f"{i:0{width}d}{Path(name).suffix}").write_bytes(data)
            total += len(data)
        print(f"{folder}: {args.files} files, {total} bytes", file=sys.stderr)

    if args.jsonl > 0:
        path = out / "records.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for i in range(args.jsonl):
                name, text = arts[i % len(arts)]
                fmt = "md" if name.endswith(".md") else "txt"
                f.write(json.dumps({"id": f"{i}-{name}", "text": text, "format": fmt}, ensure_ascii=False) + "\n")
        print(f"{path}: {args.jsonl} records, {os.path.getsize(path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
