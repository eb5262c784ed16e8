"""Make text from files safe to show: no terminal control sequences, no bidi overrides.

A catalogue, team file or profile may hold ESC sequences (set the window title,
clear the screen, colour), other C0/C1 controls or right-to-left overrides. Every
string from data passes through `clean` before it reaches a terminal, a table file,
markdown, HTML or SVG; line breaks and tabs stay.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without control characters (bar newline and tab) and bidi overrides."""
    return _CONTROLS.sub("", text)
