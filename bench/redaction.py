"""Benchmark the comment redactor on every corpus, with its misses by format.

Runs the shared scorer (../shared/pii-dev/score.py) on each corpus against
``comments.redaction.redact``:

- ``dev``: the shared development corpus (generated, policy v2);
- ``heldout``: tests/comments/data/heldout.jsonl (generated, other templates);
- ``handwritten``: comments written by hand (a.txt, b.txt, c.txt);
- ``unseen``: the hand-written third kept out of sight while tuning.

For each it prints quality, throughput (one process, one core) and the
misses and false positives grouped by the shape of the value ("999-99-9999",
"aaa at aaa dot aaa"), so a family of misses shows as one line. Exits 1 when
a target is missed, 2 when a corpus is not there.

Usage, from the project root:

    .venv/bin/python bench/redaction.py [--passes N] [--min-rps N]
        [--only NAME ...] [--skip NAME ...] [--show N]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADAPTER = "comments.redaction:redact"
sys.path.insert(0, str(ROOT))

from tests.comments.data.corpora import CORPORA, SCORER  # noqa: E402

MIN_RECORDS_PER_S = 5_000.0


def run_scorer(corpus: Path, passes: int, errors: Path) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(corpus),
            "--adapter",
            ADAPTER,
            "--passes",
            str(passes),
            "--errors",
            str(errors),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"scorer failed with status {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def shape(value: str) -> str:
    """The format of a value: digits as 9, letters as a/A, runs shortened."""
    out = re.sub(r"[0-9]", "9", value)
    out = re.sub(r"[a-z]+", "a", out)
    out = re.sub(r"[A-Z]+", "A", out)
    out = re.sub(r"\s+", " ", out)
    return re.sub(r"9{5,}", "9…9", out)


def grouped(errors: Path) -> tuple[collections.Counter, collections.Counter]:
    """(kind, shape) counts of the misses and of the false positives."""
    misses: collections.Counter = collections.Counter()
    false: collections.Counter = collections.Counter()
    for line in errors.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for miss in record["missed"]:
            if miss["kind"] != "person_name":
                misses[(miss["kind"], shape(miss["value"]))] += 1
        for fp in record["false_positives"]:
            false[(fp["kind"], shape(fp["text"]))] += 1
    return misses, false


def check(summary: dict, targets: tuple, min_rps: float) -> list[str]:
    """One message per missed target."""
    recall, precision, keep, leak = targets
    overall = summary["overall"]
    failed = []
    if overall["recall"] < recall:
        failed.append(f"recall {overall['recall']:.3f} < {recall}")
    if overall["precision"] < precision:
        failed.append(f"precision {overall['precision']:.3f} < {precision}")
    if overall["keep_survival"] < keep:
        failed.append(f"keep-survival {overall['keep_survival']:.3f} < {keep}")
    if summary["any_leak_rate"] > leak:
        failed.append(f"any-leak {summary['any_leak_rate']:.3f} > {leak}")
    rps = summary["throughput"]["records_per_s"]
    if rps < min_rps:
        failed.append(f"throughput {rps:,.0f} records/s < {min_rps:,.0f}")
    return failed


def report(name: str, summary: dict, misses, false, show: int) -> None:
    overall, thr = summary["overall"], summary["throughput"]
    print(
        f"{name:<12} {summary['records']:>4} comments  "
        f"recall {overall['recall']:.3f}  precision {overall['precision']:.3f}  "
        f"keep {overall['keep_survival']:.3f}  "
        f"leaking {summary['any_leak_rate']:.1%}  "
        f"{thr['records_per_s']:,.0f} comments/s"
    )
    kinds = "  ".join(
        f"{kind} {row['recall']:.2f}"
        for kind, row in summary["kinds"].items()
        if row["gold"]
    )
    print(f"{'':<12} recall by kind: {kinds}")
    for title, counter in (("missed", misses), ("false positives", false)):
        if counter:
            print(f"{'':<12} {title} by format:")
            for (kind, form), count in counter.most_common(show):
                print(f"{'':<14}{count:>3} × {kind:<15} {form}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5, help="timed passes")
    parser.add_argument(
        "--min-rps", type=float, default=MIN_RECORDS_PER_S, help="comments/s floor"
    )
    parser.add_argument("--only", nargs="*", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--skip", nargs="*", choices=CORPORA, default=[])
    parser.add_argument("--show", type=int, default=12, help="formats listed")
    args = parser.parse_args(argv)
    names = [n for n in args.only if n not in args.skip]
    missing = [str(CORPORA[n][0]) for n in names if not CORPORA[n][0].exists()]
    if missing or not SCORER.exists():
        print(f"not found: {', '.join(missing) or SCORER}", file=sys.stderr)
        return 2
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            corpus, targets = CORPORA[name]
            errors = Path(tmp) / f"{name}.jsonl"
            summary = run_scorer(corpus, args.passes, errors)
            report(name, summary, *grouped(errors), args.show)
            failed += [f"{name}: {m}" for m in check(summary, targets, args.min_rps)]
    for message in failed:
        print(f"FAIL: {message}", file=sys.stderr)
    if not failed:
        print("all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
