"""The window's settings: a small validated model, kept as JSON in the platform's config folder
(``use_config_dir``, set by ``--data-dir``, or ``SPOTLESS_CONFIG_DIR`` overrides it).  A damaged
file never stops the game: it is set aside as
``settings.json.bad`` and the defaults are used."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

FILE = "settings.json"
FONT_MIN, FONT_MAX = 10, 32
MIN_SIZE = (800, 600)  # the smallest window the game lays out for (the opening text readable)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    font_size: int = Field(default=16, ge=FONT_MIN, le=FONT_MAX)
    window_width: int = Field(default=1280, ge=320, le=16384)
    window_height: int = Field(default=720, ge=240, le=16384)
    fullscreen: bool = False
    reduced_motion: bool = False
    high_contrast: bool = False
    # the arrow keys move Joel when the input line is empty (off: Up/Down recall the history,
    # as every IF player expects; the keypad moves either way)
    arrow_keys_move: bool = False

    @property
    def window_size(self) -> tuple[int, int]:
        return self.window_width, self.window_height


_chosen: Path | None = None


def use_config_dir(directory: Path | None) -> None:
    """Keep the settings in ``directory`` for this run (``--data-dir``, or a scratch folder for
    ``--screenshot``, so a headless run never reads or writes the player's own settings)."""
    global _chosen
    _chosen = directory


def config_dir() -> Path:
    """Where the settings live: the folder chosen for this run, else SPOTLESS_CONFIG_DIR, else
    SPOTLESS_DATA_DIR (a run pointed at another data folder keeps its settings there too), else
    the platform's config folder."""
    if _chosen is not None:
        return _chosen
    for var in ("SPOTLESS_CONFIG_DIR", "SPOTLESS_DATA_DIR"):
        env = os.environ.get(var)
        if env:
            return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("spotless-mind", appauthor=False))


def settings_path(directory: Path | None = None) -> Path:
    return (directory or config_dir()) / FILE


def load_settings(directory: Path | None = None) -> Settings:
    """The saved settings; the defaults when there are none or they can't be used."""
    path = settings_path(directory)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError:
        return Settings()
    try:
        return Settings.model_validate_json(raw)
    except (ValidationError, ValueError):
        with contextlib.suppress(OSError):  # keep the bad file for the curious, out of the way
            os.replace(path, path.with_name(FILE + ".bad"))
        return Settings()


def save_settings(settings: Settings, directory: Path | None = None) -> bool:
    """Write the settings atomically; False (and nothing else) when that can't be done."""
    path = settings_path(directory)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(settings.model_dump_json(indent=1))
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False
    return True
