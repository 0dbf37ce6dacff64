#!/usr/bin/env python3
"""The import graph of src/: which layer each file imports, and every import that goes up.

The pipeline is the import graph: a module may use the modules below it, never one above it,
and no files import each other in a circle. This script reads every `use crate::…`,
`use super::…` and inline `crate::…` path in src/, maps it to the file that defines it, and
prints (1) imports from a lower layer into a higher one and (2) circles among files (strongly
connected components of more than one file). Exit status 1 when either exists, so CI can gate it.

    python3 scripts/import-graph.py            # report
    python3 scripts/import-graph.py --edges    # also every file-to-file edge

LAYERS below is the intended order, lowest first; a file belongs to the first prefix it matches.
"""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")

# Lowest first. A file may import files of its own layer or lower ones.
LAYERS = [
    ("text", ["text/"]),
    ("tokens", ["tokens/"]),
    ("rule data", ["rules/mod", "rules/schema", "rules/yaml", "rules/lexicon"]),
    ("document", ["document/"]),
    ("attribution", ["attribution/"]),
    ("resolve", ["resolve"]),
    ("verify", ["verify/"]),
    ("analysis", ["analysis"]),
    ("finding", ["finding"]),
    ("checks", ["checks/", "rules/custom", "rules/suppress"]),
    ("rule files", ["rules/validate", "rules/load"]),
    ("engine", ["lib.rs"]),
    ("report", ["report/"]),
    ("eval", ["eval/", "rules/examples"]),
    ("cli", ["cli/", "main.rs"]),
]

# Names lib.rs re-exports, and where they are defined.
REEXPORTS = {
    "Span": "text", "SourceFile": "text", "InputFormat": "text",
    "Attribution": "attribution", "AttributionKind": "attribution", "SpeakerClass": "attribution",
    "Document": "document", "Finding": "finding", "Label": "finding",
    "Analysis": "analysis", "Cast": "resolve", "Speaker": "resolve", "RuleSet": "rules", "Severity": "rules",
}


def layer_of(rel):
    for index, (name, prefixes) in enumerate(LAYERS):
        if any(rel.startswith(p) for p in prefixes):
            return index, name
    return len(LAYERS), "?"


def files():
    for root, _, names in os.walk(SRC):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(root, name)
                yield os.path.relpath(path, SRC).replace(os.sep, "/")


def module_path(rel):
    """src-relative file → its module path, e.g. rules/lexicon.rs → ['rules', 'lexicon']."""
    if rel in ("lib.rs", "main.rs"):
        return []
    parts = rel[:-3].split("/")
    if parts[-1] == "mod":
        parts = parts[:-1]
    return parts


def file_of(parts, known):
    """The longest prefix of a module path that is a file."""
    for n in range(len(parts), 0, -1):
        for candidate in ("/".join(parts[:n]) + ".rs", "/".join(parts[:n]) + "/mod.rs"):
            if candidate in known:
                return candidate
    return "lib.rs"


def strip_comments(code):
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return re.sub(r"//[^\n]*", "", code)


def expand_use_tree(tree):
    """`a::{b, c::{d, e}}` → [['a','b'], ['a','c','d'], ['a','c','e']]."""
    tree = tree.replace(" ", "").replace("\n", "")
    out = []

    def walk(prefix, text):
        depth, start, items = 0, 0, []
        for i, ch in enumerate(text):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                items.append(text[start:i])
                start = i + 1
        items.append(text[start:])
        for item in filter(None, items):
            if "{" in item:
                head, _, rest = item.partition("{")
                walk(prefix + [p for p in head.split("::") if p], rest[: rest.rfind("}")])
            else:
                out.append(prefix + [p.split("as")[0] if p.endswith("as") else p for p in item.split("::") if p])

    walk([], tree)
    return out


def imports(rel, known):
    code = strip_comments(open(os.path.join(SRC, rel), encoding="utf-8").read())
    # Test modules may reach anywhere; only the code that ships is layered.
    code = re.split(r"#\[cfg\(test\)\]", code)[0]
    children = set(re.findall(r"\bmod\s+(\w+)\s*;", code))
    # A module declaring its children and re-exporting their items is the module tree, not a
    # dependency: a parent's `pub use child::Item` lets callers name the item by the parent.
    code = re.sub(r"(?m)^\s*(?:pub(?:\([\w:]+\))?\s+)?mod\s+\w+\s*;", "", code)
    code = re.sub(r"(?ms)^\s*pub(?:\([\w:]+\))?\s+use\s+[^;]+;", "", code)
    here = module_path(rel)
    targets = set()
    paths = [expand_use_tree(m) for m in re.findall(r"\buse\s+((?:crate|super)::[^;]+);", code)]
    paths = [p for group in paths for p in group]
    paths += [m.split("::") for m in re.findall(r"(?<![:\w])crate::(?:\w+::)*\w+", code)]
    # A child module named without a prefix (`mod validate;` … `validate::first_problem`).
    for m in re.findall(r"(?<![:\w])(\w+)((?:::\w+)+)", code):
        if m[0] in children:
            paths.append(["crate"] + here + [m[0]] + m[1].split("::")[1:])
    paths = [["crate"] + here + p[1:] if p and p[0] == "self" else p for p in paths]
    for path in paths:
        if not path:
            continue
        if path[0] == "crate":
            rest = path[1:]
        else:
            # `super` is the parent of this file's module, whether the file is a mod.rs or not.
            ups = path.count("super")
            rest = here[: len(here) - ups] + [s for s in path if s != "super"]
        if not rest:
            continue
        if rest[0] in REEXPORTS:
            rest = [REEXPORTS[rest[0]]]
        target = file_of(rest, known)
        if target != rel:
            targets.add(target)
    return targets


def strongly_connected(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    known = set(files())
    graph = {rel: imports(rel, known) for rel in sorted(known)}
    upward = []
    for rel, targets in graph.items():
        own, own_name = layer_of(rel)
        for target in sorted(targets):
            theirs, their_name = layer_of(target)
            if theirs > own:
                upward.append((rel, own_name, target, their_name))
            if "--edges" in sys.argv:
                print(f"{rel} -> {target}")
    # A child reading its parent's shared types is the module tree, not a circle: circles are
    # counted without the edges from a file to the mod.rs (or lib.rs) of a module it is inside.
    def inside(rel, target):
        return target.endswith("mod.rs") and target != rel and rel.startswith(target[: -len("mod.rs")])

    circles = strongly_connected({rel: {t for t in ts if not inside(rel, t)} for rel, ts in graph.items()})
    print(f"{len(known)} files, {sum(map(len, graph.values()))} imports")
    print(f"{len(upward)} upward imports:")
    for rel, own_name, target, their_name in upward:
        print(f"  {rel} ({own_name}) -> {target} ({their_name})")
    print(f"{len(circles)} circles:")
    for component in circles:
        print(f"  {len(component)} files: " + ", ".join(component))
    return 1 if upward or circles else 0


if __name__ == "__main__":
    sys.exit(main())
