"""``spotless pack``, ``spotless install`` and ``spotless packs``: sharing packs as .zip files
and keeping the installed ones in the user's data folder.

- ``pack DIR`` validates the folder, then writes its files into a .zip whose bytes depend only
  on the files: members in sorted order under one top-level folder named after the pack id,
  fixed timestamps and permissions, no dotfiles, ``__pycache__`` or editor leftovers.
- ``install PACK`` validates a folder or .zip, then writes its files (read through the pack's
  source, with every guard) into a fresh temporary folder beside ``packs/ID`` and swaps it in
  with renames, so a reinstall never leaves half a pack.  Nothing is written outside
  ``<data dir>/packs``: names are checked again before each file is created.
- ``packs`` lists the installed packs, each ``ok`` or ``broken: <first reason>``; one broken
  pack doesn't stop the others from being listed.

Exit codes: 0 done, 1 the pack is invalid, 2 usage (no such folder or file).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import tomllib
import zipfile
import zlib
from pathlib import Path
from typing import Any

from game.packs.loader import load_pack
from game.packs.problems import PackError, Problem, Severity
from game.packs.report import display_path
from game.packs.source import (
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_GRACE,
    BadArchive,
    FolderSource,
    PackSource,
    SourceError,
    ZipSource,
    clean,
    open_source,
    size_text,
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same for every build
_SKIP_FOLDERS = {"__pycache__"}
_SKIP_NAMES = {"Thumbs.db", "desktop.ini"}
_SKIP_ENDINGS = (".tiled-session", ".zip", ".pyc", ".pyo", "~", ".swp", ".bak")


def _err(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def pack_files(source: PackSource) -> list[str]:
    """The files that make up the pack, sorted: everything but dotfiles and dot-folders,
    ``__pycache__``, Tiled's per-user session files, editor backups and zips."""
    out = []
    for rel in source.files():
        parts = rel.split("/")
        if any(p.startswith(".") or p in _SKIP_FOLDERS for p in parts):
            continue
        if parts[-1] in _SKIP_NAMES or parts[-1].endswith(_SKIP_ENDINGS):
            continue
        out.append(rel)
    return out


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        _err(f"  {p}")


def _count(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"


# -- spotless pack ---------------------------------------------------------------------------------
def build_zip(source: PackSource, top: str, skip: set[str] | None = None) -> bytes:
    """The pack's files as zip bytes that depend only on the files' names and contents."""
    files = [rel for rel in pack_files(source) if rel not in (skip or set())]
    if len(files) > MAX_MEMBERS:
        raise SourceError(f"has {len(files)} files; a pack may have at most {MAX_MEMBERS}",
                          "remove files the pack doesn't use")
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w") as zf:
        for rel in files:
            try:
                data = source.read_bytes(rel, MAX_MEMBER_BYTES)
            except SourceError as exc:
                raise SourceError(f'has the file "{rel}", which {exc.reason}', exc.fix) from exc
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise SourceError(f"is more than {size_text(MAX_TOTAL_BYTES)} in all",
                                  "make the pack smaller")
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=ZIP_TIME)
            info.create_system = 3  # Unix, wherever the zip is made
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            # a file that packs too well would look like a zip bomb to `install`: store it
            if len(data) > RATIO_GRACE and len(data) > MAX_RATIO * len(zlib.compress(data, 9)):
                info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def pack_command(folder: Path, output: str | None) -> int:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        _err(f"spotless pack: {folder} {what}; give the folder of a pack (with pack.toml).")
        return EXIT_USAGE
    out = Path(output) if output else folder.resolve().parent / (folder.resolve().name + ".zip")
    source = FolderSource(folder)
    try:
        world, problems = load_pack(source)
    except PackError as exc:
        _err(f"{display_path(folder)} was not packed: it has {_count(exc.problems)}.")
        _print_problems(exc.problems)
        return EXIT_INVALID
    skip: set[str] = set()
    if out.resolve().is_relative_to(folder.resolve()):  # leave out the zip's older self
        skip.add(out.resolve().relative_to(folder.resolve()).as_posix())
    links = source.links()
    try:
        data = build_zip(source, world.pack_id, skip)
    except SourceError as exc:
        _err(f"{display_path(folder)} was not packed: the pack {exc.reason}.",
             *([f"  Fix: {exc.fix}"] if exc.fix else []))
        return EXIT_INVALID
    try:
        _write_atomically(out, data)
    except OSError as exc:
        _err(f"spotless pack: can't write {out}: {exc.strerror}.")
        return EXIT_USAGE
    try:  # the zip must pass the checks `install` makes
        ZipSource(out).close()
    except BadArchive as exc:  # pragma: no cover - a bug of build_zip
        _err(f"spotless pack: the zip written is refused: {exc}")
        return EXIT_INVALID
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        count = len(zf.infolist())
    for p in problems:
        print(p)
    for link in links:
        print(f"{display_path(folder / link)}: warning: a symbolic link, left out of the zip")
    print(f"wrote {display_path(out)}: {world.pack_id} {world.version}, {count} file(s), "
          f"{size_text(len(data))}")
    return EXIT_OK


def _write_atomically(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- spotless install ------------------------------------------------------------------------------
def write_inside(root: Path, rel: str, data: bytes) -> Path:
    """Create the file ``rel`` (a pack-relative name) below ``root``, and nowhere else: the
    name is checked again, folders are made one by one and never through a link, and an
    existing file is never overwritten."""
    parts = clean(rel).split("/")
    here = root
    for part in parts[:-1]:
        here = here / part
        if here.is_symlink():
            raise SourceError(f'"{rel}" would be written through a link, outside the pack')
        if not here.exists():
            here.mkdir()
        elif not here.is_dir():
            raise SourceError(f'"{rel}" would be written into a file')
    dest = here / parts[-1]
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    fd = os.open(dest, flags, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return dest


def _version_of(folder: Path) -> str | None:
    manifest = _manifest(folder)
    version = manifest.get("version")
    return version if isinstance(version, str) else None


def _swap(new: Path, target: Path) -> None:
    """Put the folder ``new`` in the place of ``target``, which may exist: renames only."""
    if not (target.exists() or target.is_symlink()):
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
    old.rmdir()
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    if old.is_symlink():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)


def install_command(pack: str, data_dir: Path) -> int:
    path = Path(pack)
    if not path.exists():
        _err(f"spotless install: {pack} does not exist; give a pack folder or a .zip.")
        return EXIT_USAGE
    try:
        source = open_source(path)
    except BadArchive as exc:
        _err(f"{pack} was not installed: the zip is refused.")
        _print_problems([Problem(display_path(path), "", m, f) for m, f in exc.reasons])
        return EXIT_INVALID
    except SourceError as exc:
        _err(f"spotless install: {pack} {exc.reason}.")
        return EXIT_USAGE
    with source:
        try:
            world, problems = load_pack(source)
        except PackError as exc:
            _err(f"{pack} was not installed: it has {_count(exc.problems)}.")
            _print_problems(exc.problems)
            return EXIT_INVALID
        packs = data_dir / "packs"
        target = packs / world.pack_id  # an id is lowercase letters, digits and dashes
        try:
            packs.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".install-{world.pack_id}-", dir=packs))
        except OSError as exc:
            _err(f"spotless install: can't write into {packs}: {exc.strerror}.")
            return EXIT_USAGE
        try:
            for rel in pack_files(source):
                write_inside(staging, rel, source.read_bytes(rel, MAX_MEMBER_BYTES))
            before = _version_of(target) if target.is_dir() else None
            _swap(staging, target)
        except SourceError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            _err(f"{pack} was not installed: {exc.reason}.")
            return EXIT_INVALID
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            _err(f"spotless install: can't write into {packs}: {exc.strerror}.")
            return EXIT_USAGE
    for p in problems:
        print(p)
    replaced = f" (replacing version {before})" if before is not None else ""
    print(f"installed {world.pack_id} {world.version}{replaced} into {display_path(target)}; "
          f"play it with: spotless play {world.pack_id}")
    return EXIT_OK


# -- spotless packs --------------------------------------------------------------------------------
def _manifest(folder: Path) -> dict[str, Any]:
    """pack.toml as far as it can be read, for listing a broken pack; {} if it can't."""
    try:
        data = FolderSource(folder).read_bytes("pack.toml", 64 * 1024)
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except (SourceError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    return raw


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    return "?"


def _reason(problem: Problem, folder: Path) -> str:
    """A problem, its file named from the pack folder."""
    text = str(problem)
    for prefix in (display_path(folder) + os.sep, str(folder) + os.sep):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def installed(data_dir: Path) -> list[tuple[str, str, str, str, str]]:
    """(id, title, version, languages, "ok" or "broken: reason") of every installed pack."""
    packs = data_dir / "packs"
    rows = []
    try:
        entries = sorted(p for p in packs.iterdir() if not p.name.startswith("."))
    except OSError:
        return []
    for folder in entries:
        raw = _manifest(folder)
        title, version, languages = (_text(raw.get(k)) for k in ("title", "version",
                                                                 "languages"))
        if not folder.is_dir() or folder.is_symlink():
            rows.append((folder.name, title, version, languages,
                         "broken: not a folder" if not folder.is_dir() else
                         "broken: a symbolic link, not a folder"))
            continue
        try:
            world, _ = load_pack(folder)
        except PackError as exc:
            first = (exc.errors or exc.problems)[0]
            status = f"broken: {_reason(first, folder)}"
        except Exception as exc:  # a bug of the loader must not hide the other packs
            status = f"broken: {type(exc).__name__}: {exc}"
        else:
            title, version = world.title, world.version
            languages = ",".join(world.languages)
            status = "ok"
            if world.pack_id != folder.name:
                status = (f'broken: its pack.toml says id = "{world.pack_id}", but it is '
                          f'installed as "{folder.name}"; install it again')
        rows.append((folder.name, title, version, languages, status))
    return rows


def list_command(data_dir: Path) -> int:
    rows = installed(data_dir)
    packs = data_dir / "packs"
    if not rows:
        print(f"No packs are installed (in {display_path(packs)}). Install one with: "
              "spotless install PACK")
        return EXIT_OK
    head = ("ID", "TITLE", "VERSION", "LANGUAGES", "STATUS")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    for row in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  "
              + row[4])
    broken = sum(1 for r in rows if r[4] != "ok")
    print(f"{len(rows)} pack(s) in {display_path(packs)}"
          + (f", {broken} broken" if broken else ""))
    return EXIT_OK
