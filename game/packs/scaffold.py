"""``spotless new-pack DIR``: write a small, valid pack to start from.

The pack has the game's shape: a memory Lacuna erases, and a way to hide from it.

- ``house`` (the start level, erasure 1): a hall, a kitchen and a garden, erased from the garden
  outward (``[erasure]``: an anchor, a pace and a delay), with texts for each stage of the hall.
  Clementine waits in the garden, a companion who follows when asked and volunteers a line;
  the back door is locked and its key lies under the kitchen table; reading the letter keeps
  it (a keepsake).  A voice comes through early on; when the hall fades a hatch shows in its
  ceiling (an event reveals a hidden thing).
- ``attic`` (hidden): climbing through the hatch (a rule ``{ enter = "attic" }``) takes Joel
  into an older memory Lacuna can't see, so nothing fades, until an event finds it (a voice and
  ``{ erase = "attic" }``); then the attic is erased too and Joel falls back into the house.
- Two endings: ``spotless`` (the last room goes with Joel in it) and ``together`` (he is in the
  hall as it dissolves, with Clementine beside him); the ending lists the keepsakes kept.
  Doing nothing but WAIT reaches ``spotless`` in 21 turns.

Both maps use a tiny tileset whose PNG is made here (zlib and struct: no pygame, no display).
The ``.tiled-project`` declares the game's classes and enums (see ``tiled_types``), so the maps
open in Tiled with typed, defaulted properties.

The maps are written the way Tiled 1.10 saves them: ``class`` on each object and only the
properties that differ from the class's defaults.  ``spotless validate`` finds no problem in
the pack, not even a warning (a test keeps it so).

Nothing is ever overwritten: DIR must not exist or be empty, and each file is created with
``open(..., "x")``.
"""

from __future__ import annotations

import re
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game.packs import tiled_types as T

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
TILE = 16
TILESET = "tiles/basic.tsx"
TILESET_IMAGE = "tiles/basic.png"
FLOOR, WALL, GRASS, DOORWAY = 1, 2, 3, 4  # the tiles of the tileset (gids: firstgid 1)


# -- a PNG, without pygame -----------------------------------------------------------------------
def png(width: int, height: int, pixel: Callable[[int, int], tuple[int, int, int]]) -> bytes:
    """An RGB PNG of ``width`` x ``height`` whose colours ``pixel(x, y)`` gives."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type 0: none
        for x in range(width):
            rows.extend(pixel(x, y))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def _tile_pixel(x: int, y: int) -> tuple[int, int, int]:
    """Four 16x16 tiles side by side: wooden floor, stone wall, grass, doorway."""
    tile, u, v = x // TILE, x % TILE, y % TILE
    if tile == FLOOR - 1:  # planks
        return (150, 108, 70) if v % 4 == 3 else (186, 140, 96)
    if tile == WALL - 1:  # bricks
        mortar = v % 8 == 7 or (u + (4 if v // 8 else 0)) % 8 == 7
        return (70, 66, 64) if mortar else (112, 104, 98)
    if tile == GRASS - 1:  # grass with a few darker blades
        return (70, 128, 56) if (u * 7 + v * 3) % 11 == 0 else (96, 164, 74)
    edge = u in (0, TILE - 1) or v in (0, TILE - 1)  # a doorway: a threshold in a frame
    return (92, 64, 40) if edge else (214, 180, 120)


def tileset_png() -> bytes:
    return png(4 * TILE, TILE, _tile_pixel)


def tileset_tsx() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tileset version="1.10" tiledversion="1.10.2" name="basic" tilewidth="16" '
        'tileheight="16" tilecount="4" columns="4">\n'
        f' <image source="{Path(TILESET_IMAGE).name}" width="{4 * TILE}" height="{TILE}"/>\n'
        "</tileset>\n"
    )


# -- maps, as Tiled writes them ------------------------------------------------------------------
@dataclass
class Obj:
    id: int
    name: str
    cls: str
    x: float
    y: float
    w: float = 0
    h: float = 0
    props: dict[str, bool | str | int] = field(default_factory=dict)  # int: an object id

    def xml(self) -> str:
        attrs = (f' id="{self.id}" name={quoteattr(self.name)} class="{self.cls}" '
                 f'x="{_num(self.x)}" y="{_num(self.y)}"')
        point = self.w == 0 and self.h == 0
        if not point:
            attrs += f' width="{_num(self.w)}" height="{_num(self.h)}"'
        body = []
        if self.props:
            body.append("   <properties>")
            cls = T.tiled_class(self.cls)
            for name in sorted(self.props):  # Tiled sorts properties by name
                value = self.props[name]
                member = cls.member(name) if cls else None
                if member is not None and member.type == "object":
                    kind = ' type="object"'
                elif isinstance(value, bool):
                    kind = ' type="bool"'
                elif member is not None and member.enum is not None:
                    kind = f' propertytype="{member.enum.name}"'
                else:
                    kind = ""
                text = str(value).lower() if isinstance(value, bool) else str(value)
                body.append(f"    <property name={quoteattr(name)}{kind} "
                            f"value={quoteattr(text)}/>")
            body.append("   </properties>")
        if point:
            body.append("   <point/>")
        if not body:
            return f"  <object{attrs}/>"
        return "\n".join([f"  <object{attrs}>", *body, "  </object>"])

    def covers(self, col: int, row: int) -> bool:
        """Whether the tile at (col, row) lies under this object's rectangle."""
        return (self.x < (col + 1) * TILE and col * TILE < self.x + self.w
                and self.y < (row + 1) * TILE and row * TILE < self.y + self.h)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def tile_layer(width: int, height: int, rooms: list[Obj], exits: list[Obj],
               outdoor: frozenset[str]) -> list[int]:
    """The picture under the rooms: walls along each room's edge, floor or grass inside, and
    a doorway where a door or passage is."""
    cells = []
    for row in range(height):
        for col in range(width):
            gid = 0
            for r in rooms:
                c0, r0 = int(r.x) // TILE, int(r.y) // TILE
                c1, r1 = c0 + int(r.w) // TILE - 1, r0 + int(r.h) // TILE - 1
                if c0 <= col <= c1 and r0 <= row <= r1:
                    edge = col in (c0, c1) or row in (r0, r1)
                    gid = WALL if edge else (GRASS if r.name in outdoor else FLOOR)
            if any(e.covers(col, row) for e in exits):
                gid = DOORWAY
            cells.append(gid)
    return cells


def tmx(width: int, height: int, rooms: list[Obj], things: list[Obj],
        outdoor: frozenset[str] = frozenset()) -> str:
    exits = [t for t in things if t.cls in ("Door", "Passage") and "to" not in t.props]
    stairs = [t for t in things if t.cls in ("Door", "Passage") and "to" in t.props]
    cells = tile_layer(width, height, rooms, exits + stairs, outdoor)
    rows = [",".join(str(c) for c in cells[i * width:(i + 1) * width]) for i in range(height)]
    next_id = max(o.id for o in rooms + things) + 1
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" '
        f'renderorder="right-down" width="{width}" height="{height}" tilewidth="{TILE}" '
        f'tileheight="{TILE}" infinite="0" nextlayerid="4" nextobjectid="{next_id}">',
        f' <tileset firstgid="1" source="{TILESET}"/>',
        f' <layer id="1" name="floor" width="{width}" height="{height}">',
        '  <data encoding="csv">',
        ",\n".join(rows),
        "</data>",
        " </layer>",
        ' <objectgroup id="2" name="rooms">',
        *(o.xml() for o in rooms),
        " </objectgroup>",
        ' <objectgroup id="3" name="things">',
        *(o.xml() for o in things),
        " </objectgroup>",
        "</map>",
        "",
    ]
    return "\n".join(out)


def house_tmx() -> str:
    rooms = [
        Obj(1, "Hall", "Room", 0, 0, 160, 128),
        Obj(2, "Kitchen", "Room", 160, 0, 160, 128),
        Obj(3, "Garden", "Room", 0, 128, 320, 96),
    ]
    things = [
        Obj(4, "Joel", "Player", 80, 64),
        Obj(5, "kitchen arch", "Passage", 152, 64, 16, 16),
        Obj(6, "back door", "Door", 224, 120, 16, 16, {"key": 9, "locked": True}),
        Obj(7, "letter", "Item", 40, 88, 16, 16),
        Obj(8, "table", "Supporter", 200, 40, 48, 32),
        Obj(9, "brass key", "Item", 216, 48, 16, 16, {"hidden": True}),
        Obj(10, "biscuit tin", "Container", 208, 40, 16, 16, {"in": 8}),
        Obj(11, "biscuit", "Item", 208, 40, 8, 8, {"edible": True, "in": 10}),
        Obj(12, "Clementine", "Person", 96, 168, 16, 16,
            {"companion": "Clementine", "gender": "she"}),
        Obj(13, "apple tree", "Scenery", 224, 160, 32, 32),
        Obj(14, "hatch", "Scenery", 72, 16, 16, 16, {"hidden": True}),
    ]
    return tmx(20, 14, rooms, things, frozenset({"Garden"}))


def attic_tmx() -> str:
    rooms = [
        Obj(1, "Landing", "Room", 0, 0, 128, 96),
        Obj(2, "Attic", "Room", 160, 0, 128, 96),
    ]
    things = [
        Obj(3, "ladder", "Passage", 96, 40, 16, 16, {"direction": "up", "to": 2}),
        Obj(4, "trunk", "Container", 208, 40, 32, 16),
        Obj(5, "photograph", "Item", 216, 40, 8, 8, {"in": 4, "survives": True}),
    ]
    return tmx(18, 6, rooms, things)


# -- the texts -----------------------------------------------------------------------------------
def pack_toml(pack_id: str, title: str) -> str:
    return f'''# The manifest of the pack: see "pack.toml" in the authors' guide (levels/README.md).
format = 1
id = "{pack_id}"
title = "{title}"
version = "0.1.0"
authors = ["Your Name"]
languages = ["en"]
start = "house"
description = "One memory of a house, erased tonight, and an attic to hide in."

[[levels]]
id = "house"                  # the files house.tmx and house.toml
title = "The House"
erasure = 1                   # erased first; with no later number, it is the last memory too

[[levels]]
id = "attic"                  # hidden: Lacuna can't see Joel here until an event finds it
title = "The Attic"
hidden = true

[keepsakes.letter]            # kept with the effect {{ keepsake = "letter" }}
title = "Her note, word for word"

[endings.spotless]            # the game's own ending: the last memory erased with Joel in it
title = "Spotless"
text = """The hall goes white, and you go with it. There is no earlier memory left to fall \\
into. In the morning a man wakes up rested, with nothing missing that he could name."""

[endings.together]            # reached with the effect {{ end = "together" }}
title = "Together, for a While"
text = """The hall comes apart around you, and Clementine holds your hand until there is \\
nothing left to hold. In the morning you wake with a name on the tip of your tongue, and take \\
the train to the sea without knowing why."""
'''


HOUSE_TOML = '''# The texts of the level house.tmx, keyed by the names of its objects.

[level]
intro = "Valentine's eve, in the house you shared with Clementine. Tonight they erase it."

# How Lacuna erases this memory: from the garden outward, one step every 3 turns, after a
# delay of 2.  Each step, every room fades a stage (faded, blurred, dissolving, gone) and the
# next ring of rooms begins: the garden first, then the kitchen, the hall last.  Joel is swept
# out when his own room goes; this is the last memory, so that is the ending "spotless".
# (entry = "ROOM" would say where Joel arrives when he comes back from the attic; without it,
# where the Player object is.)
[erasure]
anchors = ["Garden"]
pace = 3
delay = 2

[rooms.Hall]
description = "A narrow hall with a coat hook and a doormat. The kitchen is east."

[rooms.Hall.stages]           # what LOOK says as the erasure takes the hall
faded = """The hall, gone grey. Up in the ceiling is the outline of a hatch you had \\
forgotten. The kitchen is east."""
blurred = "A hall, or the blur of one. A hatch overhead. East, the kitchen."
dissolving = "Pieces of the hall are simply not there any more. East, what was the kitchen."

[rooms.Kitchen]
description = """A small kitchen with a table in the middle. The hall is west; the back door \\
leads south, to the garden."""

[rooms.Garden]
description = "A square of lawn around an old apple tree. The back door leads north."

[things.Joel]
description = "You look tired, but you are home."

[things."kitchen arch"]
description = "A plain arch between the hall and the kitchen."

[things."back door"]
description = "A green door with a brass keyhole."
words = ["green"]

[things.letter]
description = "A note in Clementine's handwriting."
initial = "A letter lies on the doormat."
text = "In her loud, looping hand: \\"Meet me by the sea. Don't think about it. C.\\""
words = ["note", "envelope"]

[things.table]
description = "A scrubbed wooden table."

[things."brass key"]
description = "A small brass key."

[things."biscuit tin"]
description = "A round tin with a lighthouse on its lid."
words = ["lighthouse"]

[things.biscuit]
description = "A ginger biscuit."
words = ["ginger", "cookie"]

[things.Clementine]           # a companion: CLEMENTINE, FOLLOW ME (or WAIT, or HIDE)
description = "Clementine, her hair the blue of a gas flame, her hands in her coat pockets."
talk = "\\"You came out,\\" says Clementine. \\"It's going, isn't it? All of it.\\""

[[things.Clementine.topics]]
words = ["letter", "note"]
text = "\\"I meant every word,\\" she says. \\"Keep it. Maybe some of it stays.\\""

[[things.Clementine.topics]]
words = ["lacuna", "erasure", "memory", "house"]
text = "\\"Hide me somewhere,\\" she says. \\"Somewhere they don't know about.\\""

[[things.Clementine.volunteer]]  # said unasked, once, the first turn its condition holds
when = { level = "attic" }
text = "\\"Your grandmother's attic,\\" Clementine whispers. \\"They'll never look here.\\""

[[things.Clementine.volunteer]]
when = { companion = "Clementine" }
text = "\\"Where are we going?\\" Clementine asks. \\"Somewhere they can't find me?\\""

[things."apple tree"]
description = "An old apple tree, bare for the winter."

[things."apple tree".stages]  # what EXAMINE says as the erasure takes its room
blurred = "A tree, or the idea of one."

[things.hatch]
description = "A square hatch in the ceiling, open, with the dark of somewhere older above it."
words = ["ceiling", "trapdoor"]

[[rules]]
action = "look_under"
object = "table"
once = true
say = "Under the table you find a brass key."
do = [ { reveal = "brass key" } ]

[[rules]]
action = "read"
object = "letter"
phase = "report"              # after the letter's text: keep it
say = "You read it again, slowly, to keep it."
do = [ { keepsake = "letter" }, { points = 1 } ]

[[rules]]
action = "enter"              # ENTER HATCH, CLIMB INTO HATCH, GO THROUGH HATCH
object = "hatch"
say = "You climb through the hatch, and it swings shut beneath you."
do = [ { remove = "hatch" }, { enter = "attic" } ]

[[events]]
when = { level_turns = 3 }
do = [ { voice = "A young man's voice, far away: \\"Okay, we're in. Start with the garden.\\"" } ]

[[events]]
when = { all = [ { room = "Hall" }, { stage = "Hall", at_least = "faded" } ] }
say = "As the colour drains out of the hall, a hatch opens in its ceiling, onto somewhere older."
do = [ { reveal = "hatch" } ]

[[events]]                    # the last room dissolving, with Clementine beside Joel
when = { all = [
  { room = "Hall" },
  { stage = "Hall", at_least = "dissolving" },
  { companion = "Clementine" },
] }
do = [ { points = 1 }, { end = "together" } ]

[[hints]]
when = { not = { visited = "Garden" } }
text = "The back door is locked. Have you looked under the kitchen table?"

[[hints]]
when = { not = { companion = "Clementine" } }
text = "Clementine is in the garden. Ask her to follow you: CLEMENTINE, FOLLOW ME."

[[hints]]
when = { not = { keepsake = "letter" } }
text = "Some things can be kept, whatever they erase. Have you read the letter?"

[[hints]]
text = "The hall goes last. Be there with Clementine when it does."
'''

ATTIC_TOML = '''# The texts of the level attic.tmx: a hidden level, entered by the house's hatch.

[level]
intro = "You are six, at your grandmother's, hiding in the attic where nobody ever finds you."

# A hidden level is not on Lacuna's map: while Joel is here nothing is erased, until an event
# finds it ({ erase = "attic" }).  Then it fades like any memory, from the landing, a step a
# turn, and when it is gone Joel falls back into the memory he fled.
[erasure]
anchors = ["Landing"]
pace = 1
entry = "Attic"               # where Joel arrives

[rooms.Landing]
description = "A narrow landing under the roof. A ladder leads up."

[rooms.Attic]
description = "A low attic, warm and dusty, with a trunk under the eaves. A ladder leads down."

[things.ladder]
description = "A wooden ladder."

[things.trunk]
description = "A leather trunk with brass corners."

[things.photograph]           # it survives: carried out of here, it stays with Joel
description = "A faded photograph of a lighthouse."

[[events]]
when = { level_turns = 3 }
do = [
  { voice = "A new voice, calm and close: \\"There he is, in his childhood. Start there.\\"" },
  { erase = "attic" },
]

[[hints]]
text = "Nobody can find you here, for a while. Wait, and listen."
'''


def slug(name: str) -> str:
    """A pack id from a folder name: lowercase letters, digits and dashes."""
    found = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return found or "my-pack"


def files(pack_id: str, title: str) -> dict[str, bytes]:
    """Every file of the new pack, by its name in the pack."""
    text = {
        "pack.toml": pack_toml(pack_id, title),
        "house.tmx": house_tmx(),
        "house.toml": HOUSE_TOML,
        "attic.tmx": attic_tmx(),
        "attic.toml": ATTIC_TOML,
        TILESET: tileset_tsx(),
        f"{pack_id}.tiled-project": T.project_text(),
    }
    out = {name: body.encode("utf-8") for name, body in text.items()}
    out[TILESET_IMAGE] = tileset_png()
    return out


def write_pack(folder: Path) -> list[Path]:
    """Write the pack into ``folder`` (which must not exist or be empty); the files made."""
    pack_id = slug(folder.resolve().name)
    title = " ".join(w.capitalize() for w in pack_id.split("-"))
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name, body in files(pack_id, title).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as f:  # never overwrite
            f.write(body)
        made.append(path)
    return made


def new_pack_command(folder: Path) -> int:
    """Exit 0 when the pack is written, 2 when DIR exists and is not an empty folder, 1 when
    it can't be written."""
    if folder.exists() and not folder.is_dir():
        print(f"spotless new-pack: {folder} is a file; give the name of a new folder",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        if folder.is_dir() and any(folder.iterdir()):
            print(f"spotless new-pack: {folder} is not empty; give the name of a new or "
                  "empty folder (nothing was written)", file=sys.stderr)
            return EXIT_USAGE
        made = write_pack(folder)
    except OSError as exc:
        print(f"spotless new-pack: can't write {exc.filename or folder}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    project = next(p for p in made if p.suffix == ".tiled-project")
    print(f"Wrote a new pack in {folder}:")
    for p in made:
        print(f"  {p.relative_to(folder).as_posix()}")
    print("In it: a memory Lacuna erases (the house, fading from its garden), Clementine, who")
    print("follows when asked, a hidden attic behind a hatch, and two endings: spotless and")
    print("together.")
    print("Next:")
    print(f"  spotless play {folder}         play it (WAIT a few times and watch it fade)")
    print(f"  spotless validate {folder}     check it after each change")
    print(f"  open {project.name} in Tiled (File > Open File or Project) to edit the maps")
    print("  spotless guide | less          the authors' guide (levels/README.md)")
    return EXIT_OK
