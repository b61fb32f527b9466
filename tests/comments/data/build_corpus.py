"""Turn the hand-written comment files into scorer corpora (JSONL).

The comments in ``handwritten/*.txt`` were written by hand for this project,
by someone who had not read the redactor's rules. Each file holds comments
separated by a line that is exactly ``%%``. Inside a comment:

- ``{{kind|value}}`` marks personal data that must be removed (``kind`` is one
  of the scorer's kinds: ssn, phone, email, street_address, date_of_birth,
  id_number, credit_card, ip_address, person_name);
- ``<<value>>`` marks a look-alike that must survive verbatim.

Lines starting with ``#`` before the first comment are a header and ignored.
The markup is stripped and offsets are computed here, so nobody counts
characters by hand::

    python tests/comments/data/build_corpus.py          # writes the .jsonl files
    python tests/comments/data/build_corpus.py --check  # fails if they are stale

``unseen*.txt`` become ``unseen.jsonl``: the third kept out of sight while the
redactor was worked on; every other file goes into ``handwritten.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import make_heldout

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "handwritten"
KINDS = frozenset(make_heldout.KINDS)
MARK = re.compile(r"\{\{(?P<kind>[a-z_]+)\|(?P<pii>.+?)\}\}|<<(?P<keep>.+?)>>", re.S)


class CorpusError(ValueError):
    pass


def parse_comment(source: str, where: str) -> dict:
    """One marked-up comment as a scorer record (without its id)."""
    text, pii, keep, pos = [], [], [], 0
    length = 0
    for match in MARK.finditer(source):
        plain = source[pos : match.start()]
        text.append(plain)
        length += len(plain)
        value = match["pii"] if match["kind"] else match["keep"]
        if match["kind"]:
            if match["kind"] not in KINDS:
                raise CorpusError(f"{where}: unknown kind {match['kind']!r}")
            pii.append(
                {"kind": match["kind"], "start": length, "end": length + len(value)}
            )
        else:
            keep.append(value)
        text.append(value)
        length += len(value)
        pos = match.end()
    text.append(source[pos:])
    plain_text = "".join(text)
    if "{{" in plain_text or "<<" in plain_text or "}}" in plain_text:
        raise CorpusError(f"{where}: unbalanced markup")
    for value in keep:
        start = plain_text.find(value)
        while start != -1:
            end = start + len(value)
            if any(s["start"] < end and start < s["end"] for s in pii):
                raise CorpusError(f"{where}: keep {value!r} overlaps personal data")
            start = plain_text.find(value, start + 1)
    return {"text": plain_text, "pii": pii, "keep": list(dict.fromkeys(keep))}


def parse_file(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    chunks, current = [], []
    for line in lines:
        if line == "%%":
            chunks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    chunks.append("\n".join(current))
    records = []
    for number, chunk in enumerate(chunks, 1):
        chunk = chunk.strip("\n")
        if chunk.strip():
            records.append(parse_comment(chunk, f"{path.name} comment {number}"))
    return records


def build() -> dict[Path, str]:
    """The JSONL text of each output file."""
    groups: dict[str, list[tuple[str, dict]]] = {"handwritten": [], "unseen": []}
    for path in sorted(SOURCES.glob("*.txt")):
        group = "unseen" if path.stem.startswith("unseen") else "handwritten"
        groups[group] += [(path.stem, r) for r in parse_file(path)]
    out = {}
    for group, records in groups.items():
        rows = []
        for number, (stem, record) in enumerate(records, 1):
            rows.append(json.dumps({"id": f"{stem}-{number:04d}", **record}))
        out[HERE / f"{group}.jsonl"] = "".join(row + "\n" for row in rows)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if stale")
    args = parser.parse_args()
    try:
        outputs = build()
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, text in outputs.items():
        count = text.count("\n")
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path.name} is stale: run build_corpus.py", file=sys.stderr)
                return 1
        else:
            path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {count} comments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
