"""Loading a pack folder into an engine ``World``, collecting every problem on the way.

The loader never stops at the first mistake: each file and each object is checked, and all
problems are reported together, each naming the file, the Tiled object or TOML key, and a fix.
A mistake is reported once: what merely follows from it (a reference to a thing whose class
is misspelt, a room cut off by a broken door) is not reported again.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.actions import PACK_ACTIONS
from game.engine.world import (
    Ending,
    Level,
    LevelInfo,
    LoadedLevel,
    Room,
    Thing,
    World,
    index_rules,
    plain,
    vocabulary_of,
)
from game.packs.digest import content_hash
from game.packs.level import LevelBuilder
from game.packs.models import LevelEntry
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
from game.packs.texts import Manifest, read_manifest
from game.packs.verbs import compile_verbs
from game.packs.voice import check_messages


# -- the pack --------------------------------------------------------------------------------
def load_pack(root: Path | PackSource) -> tuple[World, list[Problem]]:
    """Load and check a whole pack, a folder or a .zip; raises PackError listing every error
    (warnings come back too).  Every file is read through the pack's source."""
    if isinstance(root, PackSource):
        return _load(root, only_start=False)
    with _open(root) as source:
        return _load(source, only_start=False)


def open_pack(root: Path) -> tuple[World, list[Problem]]:
    """Open a pack to play it: pack.toml and the start level are loaded and checked now, the
    other levels when first entered (``World.ensure_level``), so a pack of hundreds of levels
    starts as fast as one of a single level.  A level that turns out broken raises PackError
    then."""
    with _open(root) as source:
        world, problems = _load(source, only_start=True)

    def load_level(level_id: str) -> LoadedLevel:
        with _open(root) as again:
            c = Collector()
            manifest = _manifest(again, c)
            entry = next((lv for lv in manifest.levels if lv.id == level_id), None)
            if entry is None or manifest.pack is None:
                raise PackError(c.problems or [Problem(
                    display_path(root), "", f'there is no level "{level_id}" in pack.toml',
                    "add it to [[levels]]")])
            b = _build(again, entry, c, manifest)
            if any(p.severity is Severity.ERROR for p in c.problems):
                raise PackError(c.problems)
            return _loaded(b)

    world.loader = load_level
    return world, problems


def _open(root: Path) -> PackSource:
    try:
        return open_source(root)
    except BadArchive as exc:
        raise PackError([Problem(display_path(root), "", m, f) for m, f in exc.reasons]
                        ) from None
    except SourceError as exc:
        message = ("there is no pack folder here" if isinstance(exc, Missing) else
                   f"this {exc.reason}")
        raise PackError([Problem(display_path(root), "", message, exc.fix)]) from None


def _manifest(source: PackSource, c: Collector) -> Manifest:
    """pack.toml, with the checks across its levels; PackError if it can't be read at all."""
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
    if manifest.pack is not None:
        manifest.messages = check_messages(manifest.pack.messages, manifest_path, c)
    if manifest.start is not None and manifest.levels and manifest.start not in ids:
        guess = closest_name(manifest.start, ids)
        c.error(manifest_path, "start", f'the start level "{manifest.start}" is not in '
                "[[levels]]", (f'did you mean "{guess}"? ' if guess else "")
                + f"the levels are: {', '.join(ids)}")
    return manifest


def _build(source: PackSource, entry: LevelEntry, c: Collector, manifest: Manifest
           ) -> LevelBuilder:
    b = LevelBuilder(source, entry, c, manifest.endings, entry.id == manifest.start,
                     frozenset(lv.id for lv in manifest.levels))
    b.keepsakes = manifest.keepsakes
    b.pack_conditions = manifest.conditions
    b.pack_messages = {k: v for k, v in manifest.messages.items() if not isinstance(v, str)}
    b.pack_path = source.path_of("pack.toml")
    b.verb_actions = frozenset(manifest.verb_actions)
    try:
        b.build()
    except RecursionError:
        c.error(b.text_path, "", "conditions are nested too deeply",
                "nest fewer conditions inside each other")
    except Exception as exc:  # a bug of the loader: still a problem, not a traceback
        c.error(b.map_path, "", f"the level could not be checked ({type(exc).__name__}: "
                f"{exc})", "this is a bug of Spotless Mind; please report it with the pack")
    return b


def _loaded(b: LevelBuilder) -> LoadedLevel:
    rules = tuple(b.rules)
    level = Level(b.entry.id, b.entry.title, b.intro, b.entry.erasure, b.entry.hidden,
                  rules, tuple(b.events), tuple(b.hints), b.map_name, b.erasure_plan,
                  messages=b.messages, intro_text=b.intro_text,
                  rule_index=index_rules(rules, PACK_ACTIONS))
    start = b.gid(b.player_room) if b.player_room is not None else None
    return LoadedLevel(level, {r.id: r for r in b.rooms.values()},
                       {t.id: t for t in b.things.values()}, b.points, start)


def _check_cross_refs(builders: list[LevelBuilder], c: Collector) -> None:
    """References to things and rooms of other levels, now that every level is built."""
    kinds_of: dict[str, str] = {}
    for b in builders:
        kinds_of.update({b.gid(n): "room" for n in b.rooms})
        kinds_of.update({b.gid(n): "thing" for n in b.things})
    for b in builders:
        for where, name, kinds in b.cross_refs:
            if kinds_of.get(name) not in kinds:
                level = name.split("/", 1)[0]
                what = " or ".join(k for k in kinds if k != "player")
                c.error(b.text_path, where, f'"{name}" is not a {what} of the level "{level}"',
                        "use the Tiled name of an object of that level")


def _load(source: PackSource, only_start: bool) -> tuple[World, list[Problem]]:
    c = Collector()
    manifest = _manifest(source, c)
    verbs = compile_verbs(manifest.pack.verbs if manifest.pack else [],
                          source.path_of("pack.toml"), c)
    ids = [lv.id for lv in manifest.levels]
    builders: list[LevelBuilder] = []
    for i, lv in enumerate(manifest.levels):
        if ids.index(lv.id) != i or (only_start and lv.id != manifest.start):
            continue
        builders.append(_build(source, lv, c, manifest))
    if not only_start:
        _check_cross_refs(builders, c)
    errors = [p for p in c.problems if p.severity is Severity.ERROR]
    if errors or manifest.pack is None:
        raise PackError(c.problems)
    pack = manifest.pack
    start = next(b for b in builders if b.entry.id == pack.start)
    rooms: dict[str, Room] = {}
    things: dict[str, Thing] = {}
    levels: dict[str, Level] = {}
    points = 0
    level_start: dict[str, str] = {}
    for b in builders:
        loaded = _loaded(b)
        if loaded.start_room is not None:
            level_start[b.entry.id] = loaded.start_room
        rooms.update(loaded.rooms)
        things.update(loaded.things)
        levels[b.entry.id] = loaded.level
        points += loaded.points
    assert start.player_room is not None
    world = World(
        pack_id=pack.id, title=pack.title, version=pack.version, authors=tuple(pack.authors),
        languages=tuple(pack.languages), start_level=pack.start,
        start_room=start.gid(start.player_room), levels=levels, rooms=rooms, things=things,
        endings={k: Ending(k, e.title, e.text) for k, e in pack.endings.items()},
        messages={k: v for k, v in manifest.messages.items() if isinstance(v, str)},
        keepsakes={k: e.title for k, e in pack.keepsakes.items()},
        description=pack.description, credits=pack.credits,
        max_score=points, vocabulary=vocabulary_of(rooms, things),
        player_name=start.player_name, player_description=start.player_text,
        manifest=tuple(LevelInfo(lv.id, lv.title, lv.erasure, lv.hidden)
                       for lv in manifest.levels),
        level_start=level_start,
        content_hash=content_hash(source),
        grammar=tuple(verbs.patterns),
        verb_replies={a: plain(r) for a, r in verbs.replies.items() if r},
    )
    return world, c.problems
