"""The message catalogue: every sentence the engine says has a stable id.

Texts live in ``lang/<code>.toml`` so a translation is a new file, not new logic.  Placeholders
are ``{name}`` fields; the first letter of a message is capitalised, so a message may start with
a thing's name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from game.engine.logic import Variant


class UnknownLanguage(ValueError):
    pass


@cache
def _load(lang: str) -> dict[str, str]:
    try:
        data = resources.files("game.engine").joinpath(f"lang/{lang}.toml").read_text("utf-8")
    except FileNotFoundError as exc:
        raise UnknownLanguage(lang) from exc
    flat: dict[str, str] = {}

    def walk(prefix: str, table: dict[str, Any]) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}{key}.", value)
            else:
                flat[f"{prefix}{key}"] = str(value)

    walk("", tomllib.loads(data))
    return flat


def catalogue_ids(lang: str = "en") -> frozenset[str]:
    """Every message id of a language: what a pack's ``[messages]`` may override."""
    return frozenset(_load(lang))


def template_of(msg_id: str, lang: str = "en") -> str:
    return _load(lang)[msg_id]


def available_languages() -> tuple[str, ...]:
    names = resources.files("game.engine").joinpath("lang").iterdir()
    return tuple(sorted(p.name.removesuffix(".toml") for p in names if p.name.endswith(".toml")))


class Catalogue:
    """The messages of a language, with a pack's own words over them: the current level's
    ``[messages]`` first, then the pack's, then the language's, then English.  An override
    may be "" to say nothing (the "Exits:" line switched off)."""

    def __init__(self, lang: str = "en", pack: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self._texts = _load(lang)
        self._fallback = _load("en")
        self.pack: Mapping[str, str] = pack or {}
        # the session sets it to the current level's; a message that varies is chosen by
        # ``choose`` (the model's: the first variant whose condition holds)
        self.level: Mapping[str, str | tuple[Variant, ...]] = {}
        self.choose: Callable[[tuple[Variant, ...]], str] = _first_plain

    def has(self, msg_id: str) -> bool:
        return msg_id in self._texts or msg_id in self._fallback

    def _template(self, msg_id: str) -> str:
        if msg_id in self.level:
            own = self.level[msg_id]
            return own if isinstance(own, str) else self.choose(own)
        if msg_id in self.pack:
            return self.pack[msg_id]
        return self._texts.get(msg_id) or self._fallback[msg_id]

    def word(self, msg_id: str) -> str:
        """A fragment to build sentences with ("and", "or"): returned as written."""
        return self._template(msg_id)

    def __call__(self, msg_id: str, **fields: object) -> str:
        template = self._template(msg_id)
        # a pack's text is always formatted, so {{ }} mean braces in it as in every message
        own = msg_id in self.level or msg_id in self.pack
        text = template.format(**fields) if fields or own else template
        return capitalise(text)


def _first_plain(variants: tuple[Variant, ...]) -> str:
    return next((v.text for v in variants if v.when is None), "")


def capitalise(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch not in "\"'":
            return text
    return text


def join_list(items: list[str], conj: str = "and") -> str:
    """'a, b and c': the conjunction word comes from the caller's catalogue."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]
