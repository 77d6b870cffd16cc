"""Where the game's own files are: the built-in campaign, the art and fonts, the authors' guide.

Why one module: the same files live in two places. In the repository they are the top-level
folders ``levels/`` and ``assets/`` (where authors and artists work on them); in an installed
wheel they are package data under ``game/_data/`` (copied there by ``setup.py`` at build time).
Every caller asks here instead of guessing a path from ``__file__``, so a ``pip``/``pipx``
install and a clone behave the same. This module imports nothing of the game, so any layer may
use it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_MARKER = Path("levels") / "spotless" / "pack.toml"


@cache
def data_root() -> Path:
    """The folder holding ``levels/`` and ``assets/``: the installed package data when there is
    some, else the repository this module was run from."""
    packaged = Path(str(resources.files("game") / "_data"))
    if (packaged / _MARKER).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent


def builtin_pack() -> Path:
    """The built-in campaign, an ordinary pack folder."""
    return data_root() / "levels" / "spotless"


def guide_path() -> Path:
    """The authors' guide (``levels/README.md`` in the repository)."""
    return data_root() / "levels" / "README.md"


def assets_dir() -> Path:
    """The window's art and fonts, and the scripts that make the art."""
    return data_root() / "assets"


def font_path(bold: bool = False, italic: bool = False) -> Path:
    """The bundled text face (Source Serif Pro, SIL Open Font Licence), so the window's text
    looks the same on every machine whatever fonts it has."""
    style = {(False, False): "Regular", (False, True): "It",
             (True, False): "Bold", (True, True): "BoldIt"}[(bold, italic)]
    return assets_dir() / "fonts" / f"SourceSerifPro-{style}.otf"
