"""Benchmark the comment redactor on the shared PII development corpus.

Runs the shared scorer (../shared/pii-dev/score.py) on dev.jsonl with five
timed passes against comments/redaction.py, prints throughput and quality in
a short table, and exits with status 1 when a quality target or the
throughput floor is missed (status 2 when the corpus is not there).

Usage, from the project root:

    .venv/bin/python bench/redaction.py [--passes N] [--min-rps N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "pii-dev"
SCORER = SHARED / "score.py"
CORPUS = SHARED / "dev.jsonl"
ADAPTER = "comments.redaction:redact"

MIN_RECALL = 0.99
MIN_PRECISION = 0.97
MIN_KEEP = 0.99
MAX_ANY_LEAK = 0.01
MIN_KIND_RECALL = 0.97
MIN_RECORDS_PER_S = 5_000.0


def run_scorer(passes: int) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(CORPUS),
            "--adapter",
            ADAPTER,
            "--passes",
            str(passes),
            "--label",
            "bench",
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


def check(summary: dict, min_rps: float) -> list[str]:
    """Return one message per missed target."""
    overall = summary["overall"]
    misses = []
    if overall["recall"] < MIN_RECALL:
        misses.append(f"recall {overall['recall']:.3f} < {MIN_RECALL}")
    if overall["precision"] < MIN_PRECISION:
        misses.append(f"precision {overall['precision']:.3f} < {MIN_PRECISION}")
    if overall["keep_survival"] < MIN_KEEP:
        misses.append(f"keep-survival {overall['keep_survival']:.3f} < {MIN_KEEP}")
    if summary["any_leak_rate"] > MAX_ANY_LEAK:
        misses.append(f"any-leak {summary['any_leak_rate']:.3f} > {MAX_ANY_LEAK}")
    for kind, row in summary["kinds"].items():
        if row["gold"] and row["recall"] < MIN_KIND_RECALL:
            misses.append(f"{kind} recall {row['recall']:.3f} < {MIN_KIND_RECALL}")
    text_check = summary.get("text_check") or {}
    if text_check.get("value_leak_rate"):
        misses.append(f"text check: {text_check['value_leak_rate']:.3f} values kept")
    rps = summary["throughput"]["records_per_s"]
    if rps < min_rps:
        misses.append(f"throughput {rps:,.0f} records/s < {min_rps:,.0f}")
    return misses


def print_table(summary: dict) -> None:
    thr = summary["throughput"]
    overall = summary["overall"]
    rows = [
        ("records/s", f"{thr['records_per_s']:,.0f}"),
        ("chars/s", f"{thr['chars_per_s']:,.0f}"),
        ("recall", f"{overall['recall']:.3f}"),
        ("precision", f"{overall['precision']:.3f}"),
        ("keep-survival", f"{overall['keep_survival']:.3f}"),
        ("any-leak rate", f"{summary['any_leak_rate']:.3f}"),
    ]
    rows += [
        (f"recall {kind}", f"{row['recall']:.3f}" if row["gold"] else "-")
        for kind, row in summary["kinds"].items()
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{summary['corpus']}: {summary['records']} records, {ADAPTER}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value:>10}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5, help="timed passes")
    parser.add_argument(
        "--min-rps",
        type=float,
        default=MIN_RECORDS_PER_S,
        help="throughput floor in records/s",
    )
    args = parser.parse_args(argv)
    if not (SCORER.exists() and CORPUS.exists()):
        print(f"shared PII corpus not found at {SHARED}", file=sys.stderr)
        return 2
    summary = run_scorer(args.passes)
    print_table(summary)
    misses = check(summary, args.min_rps)
    for miss in misses:
        print(f"FAIL: {miss}", file=sys.stderr)
    if not misses:
        print("all targets met")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
