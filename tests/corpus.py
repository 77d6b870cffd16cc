"""Where the shared corpus of real Tiled maps is: ``../shared/tiled-corpus`` beside the
repository (see its MANIFEST.md), found relative to this checkout so the tests run the same on
any machine. Where it is absent, the corpus tests skip and say so."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "tiled-corpus"
HAVE_CORPUS = (CORPUS / "MANIFEST.md").is_file()
ABSENT = (f"the Tiled corpus is not here: expected {CORPUS} (../shared/tiled-corpus beside the "
          "repository), so the corpus tests are skipped")
needs_corpus = pytest.mark.skipif(not HAVE_CORPUS, reason=ABSENT)
