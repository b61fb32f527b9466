"""The corpora the redactor is scored on, and the targets each must meet.

Used by tests/comments/test_redaction_corpora.py and bench/redaction.py, so
both hold the redactor to the same figures.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent
SHARED = DATA.parents[3] / "shared" / "pii-dev"
SCORER = SHARED / "score.py"

# (recall, precision, keep-survival, share of comments leaking at most)
GENERATED = (0.99, 0.97, 0.99, 0.01)
HAND_WRITTEN = (0.97, 0.95, 0.97, 0.03)

CORPORA: dict[str, tuple[Path, tuple[float, float, float, float]]] = {
    # The shared development corpus (generated, policy v2).
    "dev": (SHARED / "dev.jsonl", GENERATED),
    # make_heldout.py: generated with other templates and formats.
    "heldout": (DATA / "heldout.jsonl", GENERATED),
    # Written by hand: handwritten/a.txt, b.txt, c.txt.
    "handwritten": (DATA / "handwritten.jsonl", HAND_WRITTEN),
    # Written by hand, kept out of sight while the rules were written.
    "unseen": (DATA / "unseen.jsonl", HAND_WRITTEN),
}
