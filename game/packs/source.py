"""Where a pack's files come from: a folder or a .zip, read through one small interface.

Every read of a pack file goes through a ``PackSource``, which only hands out files inside the
pack.  Paths are checked **by name** before anything is opened: an absolute path, a ``..`` that
leaves the pack, a symbolic link anywhere on the way (in a folder) or a file that is not a
regular file (a pipe, a device) is refused without the target ever being opened.  Every read
has a size cap.

A zip is read in memory, never extracted.  Its central directory is checked before a single
byte is decompressed: the number of members, each member's and the total uncompressed size,
the compression ratio, and the names (absolute, ``..``, duplicates, symbolic links).  The pack
may sit at the zip's top or in one top-level folder.

Names inside a pack are POSIX-style relative paths (``tiles/walls.tsx``).
"""

from __future__ import annotations

import os
import posixpath
import stat
import struct
import zipfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from game.packs.report import display_path

# -- caps ------------------------------------------------------------------------------------------
MAX_FILE_BYTES = 16 * 1024 * 1024  # any one file of a pack
MAX_ZIP_BYTES = 256 * 1024 * 1024  # the .zip itself
MAX_MEMBERS = 2000  # files (and folders) in a zip
MAX_MEMBER_BYTES = MAX_FILE_BYTES  # one member, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all members, uncompressed
MAX_RATIO = 200  # uncompressed size / compressed size of one member ...
RATIO_GRACE = 1024 * 1024  # ... checked for members larger than this
MAX_NAME = 400  # characters of a member's name
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024  # the zip's central directory

ZIP_FIX = "make the zip again from the pack folder with: spotless pack FOLDER"
# members a zip tool adds that are no part of the pack
_JUNK_TOPS = ("__MACOSX",)


class SourceError(Exception):
    """A file of the pack can't be handed out; ``reason`` completes 'the file "x" ...'."""

    def __init__(self, reason: str, fix: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.fix = fix


class Missing(SourceError):
    """There is no such file in the pack."""


class Refused(SourceError):
    """The name leaves the pack, or names a link, a folder, a pipe or a device."""


class TooLarge(SourceError):
    """The file is larger than the cap of what it is."""


class Unreadable(SourceError):
    """The file is there, but reading it failed."""


class BadArchive(Exception):
    """The zip itself is refused; ``reasons`` lists (message, fix) pairs."""

    def __init__(self, reasons: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(m for m, _ in reasons))
        self.reasons = reasons


OUTSIDE = "lies outside the pack folder"
OUTSIDE_FIX = "copy it into the pack folder and choose it again in Tiled"


def size_text(n: int) -> str:
    """A size as people write it: 300 MB, 1.5 GB, 12 KB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def clean(name: str) -> str:
    """A pack-relative name in normal form, or Refused if it leaves the pack.

    Backslashes count as separators (a Windows path must not escape on Windows either), a drive
    letter or a leading slash makes a path absolute, and ``..`` may not climb above the pack.
    """
    if not name or "\x00" in name:
        raise Refused("is not a valid file name")
    text = name.replace("\\", "/")
    first = text.split("/", 1)[0]
    if text.startswith("/") or (len(first) >= 2 and first[1] == ":"):
        raise Refused(OUTSIDE + " (it is an absolute path)", OUTSIDE_FIX)
    parts: list[str] = []
    for part in text.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise Refused(OUTSIDE, OUTSIDE_FIX)
            parts.pop()
            continue
        parts.append(part)
    if not parts:
        raise Refused("is not a file name")
    return "/".join(parts)


def join(base: str, ref: str) -> str:
    """The pack-relative name of ``ref`` written in a file of the folder ``base``."""
    text = ref.replace("\\", "/")
    first = text.split("/", 1)[0]
    if text.startswith("/") or (len(first) >= 2 and first[1] == ":"):
        raise Refused(OUTSIDE + " (it is an absolute path)", OUTSIDE_FIX)
    return clean(posixpath.join(base, text) if base else text)


def relative_to(name: str, base: str) -> str:
    """``name`` (pack-relative) as written in a file of the folder ``base``."""
    return posixpath.relpath(name, base or ".")


class PackSource(ABC):
    """The files of one pack."""

    #: how the pack is named in messages: its folder, or the .zip
    name: str

    @abstractmethod
    def check(self, rel: str) -> None:
        """Raise a SourceError unless ``rel`` (a clean name) is a regular file of the pack;
        nothing is opened."""

    @abstractmethod
    def size(self, rel: str) -> int:
        """The size of a file that passed ``check``."""

    @abstractmethod
    def _read(self, rel: str, limit: int) -> bytes:
        """At most ``limit`` bytes from the start of a file that passed ``check``."""

    @abstractmethod
    def files(self) -> list[str]:
        """Every regular file of the pack, sorted; folders, links and pipes are left out."""

    @abstractmethod
    def display(self, rel: str) -> str:
        """How a file is named in messages."""

    @abstractmethod
    def path_of(self, rel: str) -> Path:
        """A Path that names the file (for labels; it may not exist on disk)."""

    # -- the interface every reader uses -----------------------------------------------------------
    def is_file(self, rel: str) -> bool:
        try:
            self.check(clean(rel))
        except SourceError:
            return False
        return True

    def read_bytes(self, rel: str, cap: int) -> bytes:
        """The whole file, if it is at most ``cap`` bytes; SourceError otherwise."""
        name = clean(rel)
        self.check(name)
        size = self.size(name)
        if size > cap:
            raise TooLarge(f"is {size_text(size)}, more than the {size_text(cap)} allowed",
                           "make it smaller")
        data = self._read(name, cap + 1)
        if len(data) > cap:  # it grew since we looked
            raise TooLarge(f"is more than the {size_text(cap)} allowed", "make it smaller")
        return data

    def read_head(self, rel: str, n: int) -> bytes:
        """The first ``n`` bytes of a file (an image's header), whatever its size."""
        name = clean(rel)
        self.check(name)
        return self._read(name, n)

    def close(self) -> None:  # noqa: B027  # a folder has nothing to close
        """Let go of the archive, if any."""

    def __enter__(self) -> PackSource:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


@dataclass(frozen=True)
class SourceFile:
    """One file of a pack: what readers that take a single file are given."""

    source: PackSource
    rel: str

    @property
    def display(self) -> str:
        return self.source.display(self.rel)

    @property
    def name(self) -> str:
        return posixpath.basename(self.rel)


# -- a folder --------------------------------------------------------------------------------------
class FolderSource(PackSource):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = display_path(root)

    def display(self, rel: str) -> str:
        return display_path(self.root / rel)

    def path_of(self, rel: str) -> Path:
        return self.root / rel

    def _lstat(self, rel: str) -> os.stat_result:
        """lstat of the file, refusing a link in any part of the name (nothing is opened)."""
        parts = rel.split("/")
        here = self.root
        for i, part in enumerate(parts):
            here = here / part
            try:
                st = os.lstat(here)
            except FileNotFoundError as exc:
                raise Missing("does not exist", "fix the path (or restore the file)") from exc
            except NotADirectoryError as exc:
                raise Missing("does not exist", "fix the path (or restore the file)") from exc
            except OSError as exc:
                raise Unreadable(f"can't be read ({exc.strerror})") from exc
            if stat.S_ISLNK(st.st_mode):
                what = "is" if i == len(parts) - 1 else f'lies in "{"/".join(parts[:i + 1])}", ' \
                    "which is"
                raise Refused(f"{what} a symbolic link, and links are refused (they may lead "
                              "outside the pack)", "replace the link with a copy of the file")
            if i < len(parts) - 1 and not stat.S_ISDIR(st.st_mode):
                raise Missing("does not exist", "fix the path (or restore the file)")
        return st

    def check(self, rel: str) -> None:
        st = self._lstat(rel)
        if stat.S_ISDIR(st.st_mode):
            raise Refused("is a folder, not a file", "fix the path")
        if not stat.S_ISREG(st.st_mode):
            raise Refused("is not a regular file (a pipe, socket or device), and is refused",
                          "replace it with an ordinary file")

    def size(self, rel: str) -> int:
        return self._lstat(rel).st_size

    def _read(self, rel: str, limit: int) -> bytes:
        flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        try:
            fd = os.open(self.root / rel, flags)
        except OSError as exc:
            raise Unreadable(f"can't be read ({exc.strerror})") from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a pipe since check()
                raise Refused("is not a regular file, and is refused",
                              "replace it with an ordinary file")
            chunks: list[bytes] = []
            left = limit
            while left > 0:
                chunk = os.read(fd, min(left, 1024 * 1024))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        except OSError as exc:
            raise Unreadable(f"can't be read ({exc.strerror})") from exc
        finally:
            os.close(fd)

    def files(self) -> list[str]:
        out: list[str] = []

        def walk(folder: Path, prefix: str) -> None:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                return
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if len(out) < 100_000:
                        walk(Path(entry.path), rel + "/")
                elif entry.is_file(follow_symlinks=False):
                    out.append(rel)

        walk(self.root, "")
        return sorted(out)

    def links(self) -> list[str]:
        """The symbolic links in the pack folder (what ``files`` leaves out)."""
        out: list[str] = []
        for folder, dirs, names in os.walk(self.root):
            for n in sorted(dirs + names):
                p = Path(folder) / n
                if p.is_symlink():
                    out.append(p.relative_to(self.root).as_posix())
        return sorted(out)


# -- a zip -----------------------------------------------------------------------------------------
def _directory(f: BinaryIO) -> tuple[int, int]:
    """(entries, size of the central directory) from the end record, before zipfile reads the
    directory (ZIP64 archives too); BadArchive for a file that is not a zip."""
    f.seek(0, 2)
    end = f.tell()
    tail_len = min(end, 65536 + 22)
    f.seek(end - tail_len)
    tail = f.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise BadArchive([("the file is not a zip archive (or it is damaged)", ZIP_FIX)])
    _disk, _cd_disk, _here, entries, cd_size, _cd_offset = struct.unpack(
        "<HHHHLL", tail[at + 4:at + 20])
    if at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":  # ZIP64: its locator is just before
        _sig, _disk, record_at, _disks = struct.unpack("<4sLQL", tail[at - 20:at])
        f.seek(record_at)
        record = f.read(56)
        if len(record) < 56 or record[:4] != b"PK\x06\x06":
            raise BadArchive([("the zip is damaged (its ZIP64 directory can't be found)",
                               ZIP_FIX)])
        entries, cd_size = struct.unpack("<QQ", record[32:48])
    return entries, cd_size


class ZipSource(PackSource):
    """A zip's members, checked from its central directory and read in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = display_path(path)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._folders: set[str] = set()
        self.prefix = ""
        self._open()

    # -- checking the archive ----------------------------------------------------------------------
    def _open(self) -> None:
        try:
            st = self.path.stat()
        except OSError as exc:
            raise BadArchive([(f"the zip can't be read ({exc.strerror})", "")]) from exc
        if not stat.S_ISREG(st.st_mode):
            raise BadArchive([("the zip is not a regular file", "")])
        size = st.st_size
        if size > MAX_ZIP_BYTES:
            raise BadArchive([(f"the zip is {size_text(size)}; a pack may be at most "
                               f"{size_text(MAX_ZIP_BYTES)}", "make the pack smaller")])
        try:
            f = open(self.path, "rb")  # noqa: SIM115  # closed by close()
        except OSError as exc:
            raise BadArchive([(f"the zip can't be read ({exc.strerror})", "")]) from exc
        try:
            entries, cd_size = _directory(f)
            if entries > MAX_MEMBERS:
                raise BadArchive([(f"the zip has {entries} members; a pack may have at most "
                                   f"{MAX_MEMBERS}", "make the pack of fewer files")])
            if cd_size > MAX_DIRECTORY_BYTES:
                raise BadArchive([(f"the zip's directory is {size_text(cd_size)}, more than "
                                   f"{size_text(MAX_DIRECTORY_BYTES)}", ZIP_FIX)])
            f.seek(0)
            try:
                self._zip = zipfile.ZipFile(f)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
                    EOFError, struct.error) as exc:
                raise BadArchive([(f"the file is not a zip archive, or it is damaged ({exc})",
                                   ZIP_FIX)]) from exc
            self._check(self._zip.infolist())
        except BaseException:
            f.close()
            raise

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        reasons: list[tuple[str, str]] = []
        if len(infos) > MAX_MEMBERS:
            raise BadArchive([(f"the zip has {len(infos)} members; a pack may have at most "
                               f"{MAX_MEMBERS}", "make the pack of fewer files")])
        total = 0
        seen: dict[str, str] = {}
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            raw = info.filename
            shown = raw if len(raw) <= 80 else raw[:77] + "..."
            if len(raw) > MAX_NAME:
                reasons.append((f'the member "{shown}" has a name longer than {MAX_NAME} '
                                "characters", ZIP_FIX))
                continue
            try:
                name = clean(raw)
            except Refused as exc:
                why = ("its name is absolute" if "absolute" in exc.reason
                       else "its name leaves the zip (..)" if exc.reason.startswith(OUTSIDE)
                       else "its name is not a file name")
                reasons.append((f'the member "{shown}" is refused: {why}', ZIP_FIX))
                continue
            key = name.lower()
            if key in seen:
                reasons.append((f'the name "{name}" is in the zip twice'
                                + ("" if seen[key] == name else f' (as "{seen[key]}")'),
                                "keep one of them; " + ZIP_FIX))
                continue
            seen[key] = name
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                reasons.append((f'the member "{name}" is a symbolic link, and links are '
                                "refused", "replace the link with a copy of the file"))
                continue
            if info.is_dir():
                self._folders.add(name)
                continue
            if info.flag_bits & 0x1:
                reasons.append((f'the member "{name}" is encrypted', "zip it without a "
                                "password"))
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                reasons.append((f'the member "{name}" is compressed with a method the game '
                                f"doesn't read (method {info.compress_type})", ZIP_FIX))
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                reasons.append((f'the member "{name}" is {size_text(info.file_size)} '
                                f"uncompressed; a file may be at most "
                                f"{size_text(MAX_MEMBER_BYTES)}", "make it smaller"))
                continue
            if (info.file_size > RATIO_GRACE
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                ratio = info.file_size // max(info.compress_size, 1)
                reasons.append((f'the member "{name}" would unpack {ratio} times larger than '
                                f"it is packed ({size_text(info.compress_size)} to "
                                f"{size_text(info.file_size)}), which looks like a zip bomb",
                                ZIP_FIX))
                continue
            total += info.file_size
            members[name] = info
        if total > MAX_TOTAL_BYTES:
            reasons.append((f"the zip's files add up to {size_text(total)} uncompressed; a "
                            f"pack may be at most {size_text(MAX_TOTAL_BYTES)}",
                            "make the pack smaller"))
        if reasons:
            if len(reasons) > 10:
                more = len(reasons) - 10
                reasons = [*reasons[:10], (f"... and {more} more such problems", "")]
            raise BadArchive(reasons)
        # where the pack sits: at the top, or in one top-level folder
        files = {n for n in members if n.split("/", 1)[0] not in _JUNK_TOPS}
        if "pack.toml" not in files:
            tops = {n.split("/", 1)[0] for n in files if "/" in n}
            loose = [n for n in files if "/" not in n]
            if len(tops) == 1 and not loose and f"{next(iter(tops))}/pack.toml" in files:
                self.prefix = next(iter(tops)) + "/"
            else:
                raise BadArchive([("there is no pack.toml at the top of the zip or in its one "
                                   "top-level folder", "zip the pack folder itself (the one "
                                   "with pack.toml), e.g. with: spotless pack FOLDER")])
        n = len(self.prefix)
        self._members = {k[n:]: v for k, v in members.items()
                         if k.startswith(self.prefix) and k in files}
        self._folders = {f[n:] for f in self._folders if f.startswith(self.prefix)}
        for rel in self._members:
            parts = rel.split("/")
            self._folders.update("/".join(parts[:i]) for i in range(1, len(parts)))

    # -- the interface -----------------------------------------------------------------------------
    def display(self, rel: str) -> str:
        return f"{self.name}:{rel}"

    def path_of(self, rel: str) -> Path:
        return Path(f"{self.path}:{rel}")

    def check(self, rel: str) -> None:
        if rel in self._members:
            return
        if rel in self._folders:
            raise Refused("is a folder, not a file", "fix the path")
        raise Missing("does not exist", "fix the path (or add the file to the pack)")

    def size(self, rel: str) -> int:
        return self._members[rel].file_size

    def _read(self, rel: str, limit: int) -> bytes:
        assert self._zip is not None
        info = self._members[rel]
        try:
            with self._zip.open(info) as f:
                return f.read(min(limit, info.file_size))
        except Exception as exc:  # zipfile raises many kinds: BadZipFile, zlib.error, ...
            raise Unreadable(f"can't be read from the zip ({type(exc).__name__}: {exc})",
                             ZIP_FIX) from exc

    def files(self) -> list[str]:
        return sorted(self._members)

    def close(self) -> None:
        if self._zip is not None:
            fp = self._zip.fp
            self._zip.close()
            if fp is not None:
                fp.close()
            self._zip = None


def open_source(path: Path) -> PackSource:
    """A folder or a .zip as a PackSource; BadArchive (a zip refused as a whole), or Missing
    when there is neither."""
    if path.is_dir():
        return FolderSource(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return ZipSource(path)
    if path.is_file():
        raise Missing("is a file, not a pack folder or a .zip",
                      "give the path of a folder that contains pack.toml, or of a .zip")
    raise Missing("does not exist", "give the path of a folder that contains pack.toml, or of "
                  "a .zip")


def as_source(where: Path | PackSource) -> PackSource:
    return where if isinstance(where, PackSource) else FolderSource(where)
