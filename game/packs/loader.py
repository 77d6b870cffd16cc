"""Loading a pack folder into an engine ``World``, collecting every problem on the way.

The loader never stops at the first mistake: each file and each object is checked, and all
problems are reported together, each naming the file, the Tiled object or TOML key, and a fix.
A mistake is reported once: what merely follows from it (a reference to a thing whose class
is misspelt, a room cut off by a broken door) is not reported again.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.world import (
    Ending,
    Level,
    Room,
    Thing,
    World,
)
from game.packs.level import LevelBuilder, words_of
from game.packs.problems import PackError, Problem, Severity
from game.packs.report import Collector, closest_name, display_path, read_toml
from game.packs.source import (
    BadArchive,
    Missing,
    PackSource,
    SourceError,
    SourceFile,
    open_source,
)
from game.packs.texts import read_manifest


# -- the pack --------------------------------------------------------------------------------
def load_pack(root: Path | PackSource) -> tuple[World, list[Problem]]:
    """Load and check a pack, a folder or a .zip; raises PackError listing every error
    (warnings come back too).  Every file is read through the pack's source."""
    if isinstance(root, PackSource):
        return _load(root)
    try:
        source = open_source(root)
    except BadArchive as exc:
        raise PackError([Problem(display_path(root), "", m, f) for m, f in exc.reasons]
                        ) from None
    except SourceError as exc:
        message = ("there is no pack folder here" if isinstance(exc, Missing) else
                   f"this {exc.reason}")
        raise PackError([Problem(display_path(root), "", message, exc.fix)]) from None
    with source:
        return _load(source)


def _load(source: PackSource) -> tuple[World, list[Problem]]:
    c = Collector()
    manifest_path = source.path_of("pack.toml")
    raw = read_toml(SourceFile(source, "pack.toml"), c, "create pack.toml in the pack folder "
                    "(see levels/README.md)")
    if raw is None:
        raise PackError(c.problems)
    manifest = read_manifest(raw, manifest_path, c)
    ids = [lv.id for lv in manifest.levels]
    for i, lv in enumerate(manifest.levels):
        if ids.count(lv.id) > 1 and ids.index(lv.id) != i:
            c.error(manifest_path, f"levels[{i}].id", f'the level id "{lv.id}" is used twice',
                    "give each level its own id")
    erasures: dict[int, int] = {}
    for i, lv in enumerate(manifest.levels):
        if lv.erasure is None:
            continue
        if lv.erasure in erasures:
            j = erasures[lv.erasure]
            c.error(manifest_path, f"levels[{i}].erasure", f"levels[{j}] has the same erasure "
                    f"number {lv.erasure}",
                    "number the erased levels 1, 2, 3, ... in the order Lacuna erases them")
        erasures.setdefault(lv.erasure, i)
    if manifest.start is not None and manifest.levels and manifest.start not in ids:
        guess = closest_name(manifest.start, ids)
        c.error(manifest_path, "start", f'the start level "{manifest.start}" is not in '
                "[[levels]]", (f'did you mean "{guess}"? ' if guess else "")
                + f"the levels are: {', '.join(ids)}")
    builders: list[LevelBuilder] = []
    for i, lv in enumerate(manifest.levels):
        if ids.index(lv.id) != i:
            continue
        b = LevelBuilder(source, lv, c, manifest.endings, lv.id == manifest.start)
        builders.append(b)
        try:
            b.build()
        except RecursionError:
            c.error(b.text_path, "", "conditions are nested too deeply",
                    "nest fewer conditions inside each other")
        except Exception as exc:  # a bug of the loader: still a problem, not a traceback
            c.error(b.map_path, "", f"the level could not be checked ({type(exc).__name__}: "
                    f"{exc})", "this is a bug of Spotless Mind; please report it with the pack")
    errors = [p for p in c.problems if p.severity is Severity.ERROR]
    if errors or manifest.pack is None:
        raise PackError(c.problems)
    pack = manifest.pack
    start = next(b for b in builders if b.entry.id == pack.start)
    rooms: dict[str, Room] = {}
    things: dict[str, Thing] = {}
    levels: dict[str, Level] = {}
    for b in builders:
        rooms.update({r.id: r for r in b.rooms.values()})
        things.update({t.id: t for t in b.things.values()})
        levels[b.entry.id] = Level(b.entry.id, b.entry.title, b.intro, b.entry.erasure,
                                   b.entry.hidden, tuple(b.rules), tuple(b.events),
                                   tuple(b.hints), b.map_name)
    vocabulary: set[str] = set()
    for t in things.values():
        vocabulary |= t.words
        for topic in t.topics:
            vocabulary |= topic.words
    for r in rooms.values():
        vocabulary |= words_of(r.title)
    assert start.player_room is not None
    world = World(
        pack_id=pack.id, title=pack.title, version=pack.version, authors=tuple(pack.authors),
        languages=tuple(pack.languages), start_level=pack.start,
        start_room=start.gid(start.player_room), levels=levels, rooms=rooms, things=things,
        endings={k: Ending(k, e.title, e.text) for k, e in pack.endings.items()},
        description=pack.description, credits=pack.credits,
        max_score=sum(b.points for b in builders), vocabulary=frozenset(vocabulary),
        player_name=start.player_name, player_description=start.player_text,
    )
    return world, c.problems
