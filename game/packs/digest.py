"""A fingerprint of a pack's texts and maps, for saved games to say which pack they fit.

Only what defines the world counts (``.toml``, ``.tmx``, ``.tsx``, ``.tx``): retouching an image
does not make old saves look foreign.  Files that can't be read count by name alone; the loader
reports them anyway.
"""

from __future__ import annotations

import hashlib

from game.packs.source import PackSource, SourceError

WORLD_FILES = (".toml", ".tmx", ".tsx", ".tx")
CAP = 16 * 1024 * 1024


def content_hash(source: PackSource) -> str:
    h = hashlib.sha256()
    for rel in source.files():
        if not rel.lower().endswith(WORLD_FILES):
            continue
        try:
            data = source.read_bytes(rel, CAP)
        except (SourceError, OSError):
            data = b"\x00unreadable"
        h.update(rel.encode("utf-8", "replace") + b"\x00")
        h.update(len(data).to_bytes(8, "big") + data)
    return "sha256:" + h.hexdigest()
