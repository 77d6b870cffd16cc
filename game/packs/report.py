"""Problems from files: reading TOML safely and turning pydantic's errors into sentences with
a key path and a fix, as an author would want them."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.packs.lines import key_lines, line_of
from game.packs.problems import Problem, Severity

if TYPE_CHECKING:
    from game.packs.source import SourceFile

MAX_TOML_BYTES = 2 * 1024 * 1024
MAX_TOML_LINES = 40_000  # the TOML parser is pure Python: a file of tiny lines parses slowly
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TAGS = ("str", "list", "table", "bool")  # the branches of the unions of models


def display_path(path: Path) -> str:
    """The path as the author gave it: absolute when they named it so, else relative to the
    working directory (an absolute path below the working directory stays absolute: from ``/``
    a relative form would lose its leading slash and name nothing the author typed)."""
    if path.is_absolute():
        return str(path)
    return os.path.normpath(path)


def quote(name: str) -> str:
    """A TOML key for a name, always quoted: things."red key", rooms."Hall"."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bare_or_quoted(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else quote(key)


MAX_GUESSES = 300  # did-you-means per pack check: a pack of endless typos gets the first ones
MAX_GUESS_POOL = 2000  # names compared with a typo
_guesses = [MAX_GUESSES]  # left in this check (reset by each new Collector)


def closest_name(word: str, names: Iterable[str]) -> str | None:
    """The name the author probably meant: the same but for case, or a close spelling (the
    second only for the first MAX_GUESSES typos of a check, among at most MAX_GUESS_POOL
    names, so that a hostile file of a hundred thousand typos can't make it quadratic)."""
    pool = sorted(names)
    lower = {p.lower(): p for p in pool}
    if word.lower() in lower:
        return lower[word.lower()]
    if _guesses[0] <= 0 or len(word) > 200:
        return None
    _guesses[0] -= 1
    found = difflib.get_close_matches(word, pool[:MAX_GUESS_POOL], n=1, cutoff=0.6)
    return found[0] if found else None


# -- pydantic errors as problems -----------------------------------------------------------------
def members_of(tp: Any) -> list[Any]:
    """The alternatives of a type: Annotated and unions (Optional too) opened."""
    origin = get_origin(tp)
    if origin is Annotated:
        return members_of(get_args(tp)[0])
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(tp) for m in members_of(arg)]
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _walk(model: Any, loc: tuple[Any, ...]) -> tuple[str, Any]:
    """The TOML key path of a pydantic error location, and the type expected there.

    ``('rooms', 'Kitchen', 'description', 'list', 1, 'when', 'flg')`` becomes
    ``rooms."Kitchen".description[1].when.flg``: names chosen by the author are quoted, the
    union branches pydantic adds are left out.
    """
    parts: list[str] = []
    tp: Any = model
    for part in loc:
        members = members_of(tp) if tp is not None else []
        if isinstance(part, int):
            parts.append(f"[{part}]")
            seq = next((m for m in members if get_origin(m) is list), None)
            tp = get_args(seq)[0] if seq is not None else None
            continue
        key = str(part)
        dot = "." if parts else ""
        found = False
        for m in members:
            if _is_model(m):
                for name, info in m.model_fields.items():
                    if key in (name, info.alias):
                        parts.append(dot + key)
                        tp, found = info.annotation, True
                        break
            elif get_origin(m) is dict:
                parts.append(dot + quote(key))
                tp, found = get_args(m)[1], True
            if found:
                break
        if found:
            continue
        if key in _TAGS and len(members) > 1:
            tp = next((m for m in members if _tag_of(m) == key), None)
            continue
        parts.append(dot + bare_or_quoted(key))
        tp = None
    return "".join(parts), tp


def _tag_of(member: Any) -> str:
    """The union branch (models._value_kind) a member type of a union stands for."""
    if get_origin(member) is list:
        return "list"
    if member is bool:
        return "bool"
    if member is str:
        return "str"
    return "table"


def _keys_of(tp: Any) -> list[str]:
    for m in members_of(tp):
        if _is_model(m):
            return [info.alias or name for name, info in m.model_fields.items()]
    return []


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f'the text "{short}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_EXPECTED = {
    "string_type": ("a text in quotes", '"..."'),
    "bool_type": ("true or false", "true"),
    "bool_parsing": ("true or false", "true"),
    "int_type": ("a whole number", "1"),
    "int_parsing": ("a whole number", "1"),
    "int_from_float": ("a whole number", "1"),
    "float_type": ("a number", "1.5"),
    "list_type": ("a list [ ... ]", "[ ... ]"),
    "dict_type": ("a table { ... }", "{ ... }"),
    "model_type": ("a table { ... }", "{ ... }"),
    "model_attributes_type": ("a table { ... }", "{ ... }"),
}


def _text_or_list(union: Any) -> str:
    """How to write a value of a ``str | list[...]`` union (models.Text, models.StrOrList)."""
    for m in members_of(union):
        if get_origin(m) is list and get_args(m)[0] is str:
            return 'a text in quotes, or a list of texts [ "...", "..." ]'
    return 'a text in quotes, or a list of variants [ { text = "..." }, ... ]'


def _example(tp: Any) -> str:
    """What to write for a missing key of type tp."""
    members = [m for m in members_of(tp) if m is not type(None)]
    for m in members:
        if get_origin(m) is list:
            return "[ ... ]"
        if get_origin(m) is dict or _is_model(m):
            return "{ ... }"
        if m is bool:
            return "true"
        if m is int:
            return "1"
    return '"..."'


def explain(err: Any, union: Any = None, tiled: bool = False) -> tuple[str, str]:
    """A pydantic error as (message, fix) in the words of levels/README.md; ``union`` is the
    type of the value when the error is in a branch of a ``str | list`` union."""
    kind = err["type"]
    loc = err["loc"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    names = [str(p) for p in loc if isinstance(p, str) and p not in _TAGS]
    key = names[-1] if names and not isinstance(loc[-1], int) else ""
    if kind in _EXPECTED:
        expected, example = _EXPECTED[kind]
        if loc and loc[-1] == "str" and union is not None:
            expected = _text_or_list(union)
        elif loc and loc[-1] == "table" and union is not None and str in members_of(union):
            # models.CondRef (and FlagOrCond): a condition, or the name of one
            expected = ("true or false, or " if bool in members_of(union) else "") + \
                "a condition: a table { ... } or the name of one in quotes"
        message = f"expected {expected}, found {_found(value)}"
        if tiled:
            return message, f'give the property "{key}" a {expected} value in Tiled'
        return message, (f"write {bare_or_quoted(key)} = {example}" if key
                         else f"write {expected}")
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", '"')
        several = " or " in allowed or "," in allowed
        return (f"{_found(value)} is not allowed here",
                f"use one of {allowed}" if several else f"use {allowed}")
    if kind == "string_pattern_mismatch":
        return (f'"{value}" is not a valid id',
                'use lowercase letters, digits and dashes, like "my-pack"')
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return "the text is empty", "write something, or leave the key out"
        return ("the list is empty", f"give at least {ctx.get('min_length', 1)}")
    if kind in ("too_long", "string_too_long"):
        what = "the text" if isinstance(value, str) else "the list"
        limit = ctx.get("max_length", "?")
        unit = " characters" if isinstance(value, str) else " items"
        return f"{what} is too long (at most {limit}{unit})", f"shorten {what}"
    if kind in ("greater_than_equal", "greater_than"):
        return (f"{value} is too small", f"use a number of at least {ctx.get('ge', ctx.get('gt'))}")
    if kind in ("less_than_equal", "less_than"):
        return (f"{value} is too large", f"use a number of at most {ctx.get('le', ctx.get('lt'))}")
    if "fix" in ctx:
        return err["msg"], str(ctx["fix"])
    return err["msg"].removeprefix("Value error, "), "see levels/README.md"


MAX_PROBLEMS_PER_FILE = 100  # listed; the rest of a file's problems are counted in one line


@dataclass
class Collector:
    """The problems of a pack.  At most ``MAX_PROBLEMS_PER_FILE`` are listed per file: the
    rest are counted in one last problem of that file, so a file of a hundred thousand
    mistakes is reported in a moment, and reads as "fix these first"."""

    problems: list[Problem] = field(default_factory=list)
    _listed: dict[str, int] = field(default_factory=dict, repr=False)
    _more: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # n, index

    # the text of each TOML file read (by the name problems give it), to find a key's line
    sources: dict[str, str] = field(default_factory=dict)
    _lines: dict[str, dict[Any, int]] = field(default_factory=dict)
    _seen: set[Problem] = field(default_factory=set)

    def __post_init__(self) -> None:
        _guesses[0] = MAX_GUESSES  # a new check: a new budget of did-you-means

    def full(self, file: Path | str) -> bool:
        """Whether the file's problems are no longer listed (only counted)."""
        return self._listed.get(_name(file), 0) >= MAX_PROBLEMS_PER_FILE

    def _add(self, problem: Problem) -> None:
        """Once each (a pack's named condition used by several levels is wrong once), and at
        most ``MAX_PROBLEMS_PER_FILE`` listed per file, the rest counted."""
        if problem in self._seen:
            return
        self._seen.add(problem)
        name = problem.file
        listed = self._listed.get(name, 0)
        if listed < MAX_PROBLEMS_PER_FILE:
            self._listed[name] = listed + 1
            self.problems.append(problem)
            return
        self.count_more(name, 1, problem.severity)

    def count_more(self, file: Path | str, n: int, severity: Severity = Severity.ERROR) -> None:
        """n more problems of a file that is full: counted in its summary line."""
        name = _name(file)
        before, index = self._more.get(name, (0, -1))
        total = before + n
        summary = Problem(name, "", f"{total} more problems in this file are not listed",
                          "fix the ones listed, then check the pack again", severity)
        if index < 0:
            self.problems.append(summary)
            index = len(self.problems) - 1
        elif self.problems[index].severity is Severity.ERROR:
            summary = Problem(name, "", summary.message, summary.fix, Severity.ERROR)
        self.problems[index] = summary
        self._more[name] = (total, index)

    def error(self, file: Path | str, where: str, message: str, fix: str = "") -> None:
        name = _name(file)
        self._add(Problem(name, where, message, fix, line=self.line(name, where)))

    def warn(self, file: Path | str, where: str, message: str, fix: str = "") -> None:
        name = _name(file)
        self._add(Problem(name, where, message, fix, Severity.WARNING, self.line(name, where)))

    def line(self, name: str, where: str) -> int | None:
        """The line of a key path in a TOML file this collector read; None otherwise."""
        text = self.sources.get(name)
        if text is None or not where:
            return None
        if name not in self._lines:
            self._lines[name] = key_lines(text)
        return line_of(self._lines[name], where)

    def pydantic(self, file: Path | str, exc: ValidationError, root: Any,
                 prefix: tuple[Any, ...] = ()) -> None:
        """Report a validation error of the table at ``prefix`` of a file whose type is
        ``root`` (the prefix keeps the key paths whole when a file is checked in parts)."""
        # pydantic stops at the first errors of a huge table anyway only if asked: look at
        # as many as can still be listed, and count the rest
        total = exc.error_count()
        room = max(0, MAX_PROBLEMS_PER_FILE - self._listed.get(_name(file), 0))
        errors = exc.errors(include_url=False)[: room + 1] if room else []
        # { txt = "..." } is reported as 'unknown key "txt"; did you mean "text"?', not also as
        # 'the key "text" is missing'
        implied: set[tuple[Any, ...]] = set()
        for err in errors:
            loc = prefix + tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                guess = closest_name(str(loc[-1]), _keys_of(_walk(root, loc[:-1])[1]))
                if guess:
                    implied.add((*loc[:-1], guess))
        for err in errors:
            loc = prefix + tuple(err["loc"])
            where, _ = _walk(root, loc)
            if err["type"] == "missing":
                if loc in implied:
                    continue
                parent, _ = _walk(root, loc[:-1])
                _, tp = _walk(root, loc)
                key = bare_or_quoted(str(loc[-1]))
                self.error(file, parent or where, f'the key "{loc[-1]}" is missing',
                           f"add {key} = {_example(tp)} (see levels/README.md)")
            elif err["type"] == "extra_forbidden":
                key = str(loc[-1])
                allowed = _keys_of(_walk(root, loc[:-1])[1])
                guess = closest_name(key, allowed)
                listed = ", ".join(allowed)
                self.error(file, where, f'unknown key "{key}"',
                           f'did you mean "{guess}"? (keys here: {listed})' if guess else
                           f"remove it or correct it; the keys here are: {listed}")
            else:
                union = _walk(root, loc[:-1])[1] if loc and loc[-1] in _TAGS else None
                message, fix = explain(err, union)
                self.error(file, where, message, fix)
        if total > len(errors):  # counted after the listed ones: the summary comes last
            self.count_more(file, total - len(errors))


def unsafe_texts(data: Any, path: str = "", found: list[tuple[str, str]] | None = None,
                 limit: int = MAX_PROBLEMS_PER_FILE) -> list[tuple[str, str]]:
    """(key path, what) of every text (or key) of a TOML table holding a control character or
    a bidi override, which would reach the player's screen (see engine/safetext.py)."""
    from game.engine.safetext import UNSAFE, find_unsafe

    out = [] if found is None else found
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack and len(out) < limit:
        where, value = stack.pop()
        if isinstance(value, str):
            bad = find_unsafe(value) if UNSAFE.search(value) else None
            if bad is not None:
                out.append((where, f"the text holds the control character {bad[1]} at "
                                   f"character {bad[0] + 1}"))
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                sub = f"{where}.{bare_or_quoted(key)}" if where else bare_or_quoted(key)
                bad = find_unsafe(key)
                if bad is not None:
                    out.append((sub, f"the key holds the control character {bad[1]}"))
                stack.append((sub, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return out


def _name(file: Path | str) -> str:
    return display_path(file) if isinstance(file, Path) else file


def read_toml(file: Path | SourceFile, c: Collector, missing_fix: str
              ) -> dict[str, Any] | None:
    """A TOML file of a pack (a Path is read as a file of its folder), or None with the
    problem reported; the file is read through the pack's source, with a size cap."""
    from game.packs.source import FolderSource, Missing, Refused, SourceError, SourceFile, TooLarge

    if not isinstance(file, SourceFile):
        file = SourceFile(FolderSource(file.parent), file.name)
    path = file.display
    try:
        data = file.source.read_bytes(file.rel, MAX_TOML_BYTES)
    except Missing:
        c.error(path, "", "the file is missing", missing_fix)
        return None
    except TooLarge:
        c.error(path, "", f"the file is larger than {MAX_TOML_BYTES // 1024 // 1024} MB",
                "split the text or shorten it")
        return None
    except Refused as exc:
        if "folder" in exc.reason:
            c.error(path, "", "this is a folder, not a file", missing_fix)
        else:
            c.error(path, "", f"the file {exc.reason}", exc.fix)
        return None
    except SourceError as exc:
        c.error(path, "", f"the file {exc.reason}", exc.fix)
        return None
    lines = data.count(b"\n") + 1
    if lines > MAX_TOML_LINES:
        c.error(path, "", f"the file has {lines} lines; at most {MAX_TOML_LINES}",
                "split the level, or remove what the game doesn't read")
        return None
    try:
        # utf-8-sig: Windows editors may begin the file with a byte order mark
        text = data.decode("utf-8-sig")
        c.sources[path if isinstance(path, str) else _name(path)] = text
        table = tomllib.loads(text)
        for where, message in unsafe_texts(table):
            c.error(path, where, message, "remove it: texts may hold letters, punctuation, "
                    "newlines and tabs, but no control characters or direction overrides")
        return table
    except RecursionError:
        c.error(path, "", "tables or lists are nested too deeply",
                "nest fewer tables and lists inside each other")
    except UnicodeDecodeError as exc:
        c.error(path, "", f"the file is not UTF-8 text (byte {exc.start})",
                "save it with the encoding UTF-8")
    except tomllib.TOMLDecodeError as exc:
        text = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", text)
        reason = text[: m.start()].strip() if m else text
        if m is None:
            c.error(path, "", f"TOML syntax error: {reason}", "fix the syntax")
            return None
        line, column = m.group(1), m.group(2)
        hint = ""
        if reason == "Illegal character '\\n'":
            hint = " (a text is not closed: is a quote missing?)"
        c.error(path, f"line {line}", f"TOML syntax error at column {column}: {reason}{hint}",
                f"correct line {line}")
    return None


@cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def check_part(tp: Any, value: Any, file: Path | str, c: Collector, root: Any,
           prefix: tuple[Any, ...]) -> Any:
    """Validate one table or list of a file; None (and problems) if it is wrong."""
    try:
        return _adapter(tp).validate_python(value, strict=True)
    except ValidationError as exc:
        c.pydantic(file, exc, root, prefix)
        return None

