"""``spotless validate``: check packs without playing them and list every problem.

A pack is checked by loading it (everything ``load_pack`` reports: broken references,
unreachable rooms, missing texts, things no one can see, rooms without a description, ...) and
then by the checks that only matter to its author, not to a player:

- a language of ``languages`` in pack.toml, other than the first, without its texts
  (``LEVEL.LANG.toml`` next to ``LEVEL.toml``);
- a tileset a map declares but never uses (no tile layer and no tile object shows one of its
  tiles).

Exit codes: 0 when no pack has errors (warnings are allowed), 1 when one has, 2 for a usage
error: a PACK that does not exist at all (nothing is checked then; a folder without
pack.toml is a pack with an error, exit 1).

With ``--json`` the same is printed as one JSON document, a list with one record per pack in
the order given::

    [{"path": "my-pack", "errors": 1, "warnings": 0,
      "problems": [{"severity": "error", "file": "my-pack/house.tmx", "line": null,
                    "where": "object 13 \\"trapdoor\\" (layer things)",
                    "message": "...", "fix": "..."}]}]

Keys come in that order, always all of them ("where" and "fix" may be "", "line" is the
line of the key path in a TOML file, from 1, or null).
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.packs.problems import PackError, Problem, Severity
from game.packs.report import display_path
from game.resources import guide_path

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
_PACK_TOML_CAP = 2 * 1024 * 1024


@dataclass
class PackReport:
    path: str  # as given on the command line
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    def record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [problem_record(p) for p in self.problems],
        }

    def summary(self) -> str:
        verdict = "valid" if not self.errors else "not valid"
        return (f"{self.path}: {self.errors} error(s), {self.warnings} warning(s): "
                f"{verdict}")


def problem_record(p: Problem) -> dict[str, str | int | None]:
    return {"severity": str(p.severity), "file": p.file, "line": p.line, "where": p.where,
            "message": p.message, "fix": p.fix}


# -- checking one pack ---------------------------------------------------------------------------
def check_pack(path: Path) -> list[Problem]:
    """Every problem of a pack: what loading it finds, then the authoring checks."""
    from game.packs.loader import load_pack
    from game.packs.source import BadArchive, SourceError, open_source

    try:
        source = open_source(path)
    except (BadArchive, SourceError):
        source = None  # load_pack says why, in its words
    try:
        if source is None:
            try:
                _world, problems = load_pack(path)
            except PackError as exc:
                problems = list(exc.problems)
            return problems
        try:
            _world, problems = load_pack(source)
        except PackError as exc:
            problems = list(exc.problems)
        return problems + authoring_problems(source, problems)
    except Exception as exc:  # a bug of the loader: still a problem, not a traceback
        return [Problem(display_path(path), "", f"the pack could not be checked "
                        f"({type(exc).__name__}: {exc})",
                        "this is a bug of Spotless Mind; please report it with the pack")]
    finally:
        if source is not None:
            source.close()


def _manifest(source: Any) -> dict[str, Any] | None:
    """pack.toml as a table, or None if it can't be read (loading the pack said why)."""
    try:
        raw = source.read_bytes("pack.toml", _PACK_TOML_CAP)
        found = tomllib.loads(raw.decode("utf-8-sig"))
    except Exception:  # any way it fails has been reported by load_pack
        return None
    return found if isinstance(found, dict) else None


def _level_ids(manifest: dict[str, Any]) -> list[str]:
    from game.packs.models import ID_PATTERN

    ids: list[str] = []
    levels = manifest.get("levels")
    for entry in levels if isinstance(levels, list) else []:
        lid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(lid, str) and re.fullmatch(ID_PATTERN, lid) and lid not in ids:
            ids.append(lid)
    return ids


def authoring_problems(source: Any, found: list[Problem]) -> list[Problem]:
    """The warnings that matter to an author only: languages without texts, unused
    tilesets."""
    manifest = _manifest(source)
    if manifest is None:
        return []
    ids = _level_ids(manifest)
    return language_problems(source, manifest, ids) + tileset_problems(source, ids, found)


def language_problems(source: Any, manifest: dict[str, Any], ids: list[str]) -> list[Problem]:
    """Each language after the first needs LEVEL.LANG.toml for every level."""
    languages = manifest.get("languages")
    if not isinstance(languages, list) or not ids:
        return []
    out: list[Problem] = []
    pack_toml = source.display("pack.toml")
    seen: set[str] = set()
    for i, lang in enumerate(languages):
        if i == 0 or not isinstance(lang, str) or lang in seen or "/" in lang or "\\" in lang:
            seen.add(str(lang))
            continue
        seen.add(lang)
        missing = [lid for lid in ids if not source.is_file(f"{lid}.{lang}.toml")]
        where = f"languages[{i}]"
        fix_remove = f'or remove "{lang}" from languages'
        if missing and len(missing) == len(ids) and len(ids) > 1:
            out.append(Problem(pack_toml, where,
                               f'the language "{lang}" has no texts: no level has '
                               f"LEVEL.{lang}.toml (like {ids[0]}.{lang}.toml)",
                               f"for each level write LEVEL.{lang}.toml with the texts of "
                               f"LEVEL.toml in that language, {fix_remove}",
                               Severity.WARNING))
            continue
        for lid in missing:
            out.append(Problem(pack_toml, where,
                               f'the language "{lang}" has no texts for the level "{lid}": '
                               f"{lid}.{lang}.toml is missing",
                               f"write {lid}.{lang}.toml with the texts of {lid}.toml in "
                               f"that language, {fix_remove}", Severity.WARNING))
    return out


def tileset_problems(source: Any, ids: list[str], found: list[Problem]) -> list[Problem]:
    """A tileset the map declares but no tile layer or tile object uses.  Only maps the
    loader read without an error are looked at (a broken map says so already)."""
    from game.packs.tiles import read_tilemap
    from game.packs.tmx import level_map

    broken = {p.file for p in found if p.severity is Severity.ERROR}
    out: list[Problem] = []
    for lid in ids:
        rel = level_map(source, lid)
        shown = source.display(rel)
        if shown in broken or not source.is_file(rel):
            continue
        try:
            tmap = read_tilemap(source, rel)
        except Exception:  # the loader has read this map; if the model can't,
            continue  # that is the window's business, reported when it draws it
        for ts in unused_tilesets(tmap):
            what = f'tileset "{ts.name}"' + (f" ({ts.source})" if ts.source else "")
            out.append(Problem(shown, what, "the tileset is not used: no tile layer or tile "
                               "object shows one of its tiles",
                               "draw with it, or remove it from the map in Tiled (select it "
                               "in the Tilesets panel, then Remove Tileset)", Severity.WARNING))
    return out


def unused_tilesets(tmap: Any) -> list[Any]:
    """The tilesets of a map (``tiles.TileMap``) that none of its tiles use."""
    from game.packs.tiles import ObjectLayer, TileLayer

    used: set[int] = set()
    for _depth, layer in tmap.walk():
        if isinstance(layer, TileLayer):
            used.update(c.gid for c in layer.cells if c.gid)
        elif isinstance(layer, ObjectLayer):
            used.update(o.tile.gid for o in layer.objects if o.tile is not None and o.tile.gid)
    declared = [ts for ts in tmap.tilesets if not ts.from_template]
    hit: set[int] = set()
    for gid in used:
        for ts in declared:
            if ts.local_id(gid) is not None:
                hit.add(id(ts))
                break
    return [ts for ts in declared if id(ts) not in hit]


# -- the command ---------------------------------------------------------------------------------
def coverage_command(packs: list[str]) -> int:
    """``spotless validate --coverage``: the problems, then per room the noun phrases of its
    texts that no thing answers to (see ``game.packs.coverage``); the exit code is
    validate's."""
    from game.packs.coverage import report
    from game.packs.loader import load_pack

    code = validate_command(packs)
    if code == EXIT_USAGE:
        return code
    for name in packs:
        try:
            world, _ = load_pack(Path(name))
        except PackError:
            print(f"{name}: coverage not checked: the pack has errors")
            continue
        print(f"{name}: coverage (noun phrases of the room texts that no thing answers to):")
        for line in report(world):
            print(f"  {line}")
    return code


def validate_command(packs: list[str], as_json: bool = False) -> int:
    """Exit 0 with no errors (warnings allowed), 1 with errors, 2 when a PACK does not
    exist."""
    missing = [name for name in packs if not Path(name).exists()]
    if missing:
        for name in missing:
            print(f"spotless validate: {name}: no such folder or file; give the path of a "
                  "pack folder (the one with pack.toml) or of a .zip", file=sys.stderr)
        return EXIT_USAGE
    reports = [PackReport(name, check_pack(Path(name))) for name in packs]
    if as_json:
        json.dump([r.record() for r in reports], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for r in reports:
            for p in r.problems:
                print(p)
            print(r.summary())
        if any(r.problems for r in reports):
            # on stderr: stdout is the report, its last line the summary that scripts read
            print(f"The authors' guide (levels/README.md): {guide_path()}, or run: spotless "
                  "guide", file=sys.stderr)
    return EXIT_ERRORS if any(r.errors for r in reports) else EXIT_OK
