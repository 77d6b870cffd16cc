"""The pygame window: the memory's map with its erasure, a text panel, an input line.

pygame is imported only inside this package (and only when a window is wanted)."""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
