"""The line of a TOML key path in a file's text, so a problem names its line as well as its key.

tomllib gives values, not positions: this reads the text once more, as a small scanner of TOML's
structure (tables, arrays of tables, dotted keys, inline tables and arrays, strings of every
kind), and records the line where each key and each array element begins.  Only files that
tomllib has already read are scanned, so the text is well formed; still, the scanner never
raises: what it can't follow it leaves out, and a path it does not know gets the line of its
longest known prefix.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SEGMENT = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+))((?:\[\d+\])*)\s*')
_INDEX = re.compile(r"\[(\d+)\]")
_LINE = re.compile(r"line (\d+)")


def parse_path(where: str) -> Path | None:
    """``rules[3].when.all[1]``, ``things."red key".description`` as a tuple of keys and
    indexes; None when ``where`` is not a key path (a Tiled object, "line 4")."""
    out: list[str | int] = []
    pos = 0
    while pos < len(where):
        m = _SEGMENT.match(where, pos)
        if m is None:
            return None
        quoted, bare, indexes = m.groups()
        out.append(_unescape(quoted) if quoted is not None else bare)
        out.extend(int(i) for i in _INDEX.findall(indexes))
        pos = m.end()
        if pos < len(where):
            if where[pos] != ".":
                return None
            pos += 1
    return tuple(out) or None


def line_of(index: dict[Path, int], where: str) -> int | None:
    """The line of ``where`` (or of its longest prefix the index knows)."""
    m = _LINE.fullmatch(where)
    if m:
        return int(m.group(1))
    path = parse_path(where)
    while path:
        if path in index:
            return index[path]
        path = path[:-1]
    return None


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self.tables: dict[Path, int] = {}  # array of tables -> how many entries so far

    # -- characters --------------------------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.s[self.i:self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def blank(self, newlines: bool) -> None:
        """Skip spaces (and newlines and comments, where they may stand)."""
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.advance()
            elif ch == "#" and newlines:
                end = self.s.find("\n", self.i)
                self.advance((end if end >= 0 else len(self.s)) - self.i)
            else:
                return

    # -- keys and values -----------------------------------------------------------------------
    def key(self) -> list[str]:
        keys: list[str] = []
        while True:
            self.blank(False)
            ch = self.peek()
            if ch in ('"', "'"):
                keys.append(self.string())
            else:
                m = _BARE.match(self.s, self.i)
                if m is None:
                    raise ValueError("key")
                keys.append(m.group())
                self.advance(m.end() - self.i)
            self.blank(False)
            if self.peek() != ".":
                return keys
            self.advance()

    def string(self) -> str:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.s.find(quote * 3, self.i + 3)
            while quote == '"' and end > 0 and self._escaped(end):
                end = self.s.find(quote * 3, end + 1)
            end = len(self.s) - 3 if end < 0 else end
            while self.s[end + 3:end + 4] == quote:  # """a"""" ends at the last quotes
                end += 1
            value = self.s[self.i + 3:end]
            self.advance(end + 3 - self.i)
            return value
        j = self.i + 1
        while j < len(self.s) and self.s[j] != quote and self.s[j] != "\n":
            j += 2 if quote == '"' and self.s[j] == "\\" else 1
        value = self.s[self.i + 1:j]
        self.advance(j + 1 - self.i)
        return _unescape(value) if quote == '"' else value

    def _escaped(self, at: int) -> bool:
        slashes = 0
        while at - 1 - slashes >= 0 and self.s[at - 1 - slashes] == "\\":
            slashes += 1
        return slashes % 2 == 1

    def value(self, path: Path) -> None:
        self.blank(False)
        ch = self.peek()
        if ch in ('"', "'"):
            self.string()
        elif ch == "[":
            self.advance()
            n = 0
            while True:
                self.blank(True)
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                self.lines.setdefault((*path, n), self.line)
                self.value((*path, n))
                self.blank(True)
                if self.peek() == ",":
                    self.advance()
                    n += 1
        elif ch == "{":
            self.advance()
            while True:
                self.blank(True)
                if self.peek() in ("}", ""):
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.pair(path)
        else:
            m = re.compile(r"[^,\]\}\n#]*").match(self.s, self.i)
            self.advance((m.end() if m else self.i) - self.i)

    def pair(self, table: Path) -> None:
        line = self.line
        keys = self.key()
        if self.peek() != "=":
            raise ValueError("=")
        self.advance()
        path = (*table, *keys)
        self.lines.setdefault(path, line)
        self.value(path)

    # -- tables ------------------------------------------------------------------------------
    def resolve(self, keys: list[str]) -> Path:
        """Keys of a header, with each array of tables on the way at its last entry."""
        out: list[str | int] = []
        for k in keys:
            out.append(k)
            count = self.tables.get(tuple(out))
            if count:
                out.append(count - 1)
        return tuple(out)

    def header(self) -> Path:
        line = self.line
        many = self.peek(2) == "[["
        self.advance(2 if many else 1)
        keys = self.key()
        self.advance(2 if many else 1)
        if many:
            parent = self.resolve(keys[:-1])
            array = (*parent, keys[-1])
            self.tables[array] = self.tables.get(array, 0) + 1
            path: Path = (*array, self.tables[array] - 1)
            self.lines.setdefault(array, line)
        else:
            path = self.resolve(keys)
        self.lines.setdefault(path, line)
        return path

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        try:
            while True:
                self.blank(True)
                if self.i >= len(self.s):
                    break
                if self.peek() == "[":
                    table = self.header()
                else:
                    self.pair(table)
        except (ValueError, IndexError):
            pass  # keep what was found
        return self.lines


def key_lines(text: str) -> dict[Path, int]:
    """Every key path of a TOML text and the line (from 1) where it is written."""
    return _Scanner(text).scan()
