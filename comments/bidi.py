"""Unicode bidirectional controls, removed from what readers type.

An override such as U+202E (RIGHT-TO-LEFT OVERRIDE) reverses the text shown
after it until the end of its paragraph, so a comment could make the words that
follow it read backwards, or disguise a link or a file name ("\u202egpj.exe").
Readers writing Hebrew or Arabic never need these controls: the direction of
their letters is known from the letters themselves. The marks (U+200E, U+200F,
U+061C) change no text after them and are kept.
"""

import re

# Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI,
# FSI, PDI).
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    return CONTROLS.sub("", text)
