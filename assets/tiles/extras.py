"""Each memory's own tiles, after the shared 72 (gid 73 on): the things only that night has.

``EXTRAS[memory]`` draws them in gid order, each with the name the gid table in
assets/README.md gives it. Furniture is drawn on clear pixels (outline and shadow, as in
base.py); the few floors (ice, sky, tracks) are opaque.
"""

from __future__ import annotations

from collections.abc import Callable

from base import (
    car,
    door_face,
    face,
    ground,
    shadowed,
    snow,
    stove_canvas,
    thing,
    tile,
    wall,
)
from canvas import Canvas, shade
from palettes import Theme

Named = list[tuple[str, Canvas]]


def one(draw: Callable[[Canvas, Theme], None], p: Theme) -> Canvas:
    return thing(draw)(p)[0]


def glow_patch(p: Theme, colour: tuple[int, ...], shape: str) -> Canvas:
    """A patch of light to lay over a floor: a pool (a soft disc) or a window's fall (a
    slanting parallelogram)."""
    c = tile()
    if shape == "pool":
        for r, a in ((8, 50), (6, 50), (4, 70)):
            c.disc(8, 8, r, (*colour[:3], a))
    else:
        for y in range(1, 15):
            x0 = 2 + (14 - y) // 3
            c.hline(x0, x0 + 8, y, (*colour[:3], 70))
        c.hline(3, 13, 8, (*colour[:3], 0))
        for y in range(1, 15):
            c.px(2 + (14 - y) // 3 + 4, y, (0, 0, 0, 0))
    return c


def person(c: Canvas, p: Theme, x: int, y: int, hair: tuple[int, ...], top: tuple[int, ...],
           facing: str) -> None:
    """Someone seated, seen from above and a little in front: the head over the shoulders,
    the face showing when they face south, only hair when they face north."""
    o = p["outline"]
    c.round_box(x, y + 6, 10, 6, top, o)
    c.hline(x + 1, x + 8, y + 7, shade(top, 0.2))
    c.disc(x + 5, y + 4, 3.6, o)
    c.disc(x + 5, y + 4, 2.8, hair)
    if facing == "south":
        c.rect(x + 3, y + 4, 5, 3, p["skin"])
        c.px(x + 4, y + 5, p["outline"])
        c.px(x + 6, y + 5, p["outline"])
        c.px(x + 3, y + 4, hair)
        c.px(x + 7, y + 4, hair)
    else:
        c.px(x + 4, y + 3, shade(hair, 0.3))


# -- the last fight: 3 a.m., the apartment, the hall, the street, the dented car -----------------

def _dented_car(p: Theme) -> list[Canvas]:
    left, right = car(p)
    clear = (0, 0, 0, 0)
    for x, y in ((1, 2), (2, 2), (3, 2), (1, 3), (2, 3), (1, 4), (1, 5)):
        left.px(x, y, clear)  # the front corner pushed in
    left.line(4, 2, 2, 4, p["outline"])
    left.line(2, 4, 2, 6, p["outline"])
    for x, y in ((3, 4), (4, 3), (3, 5), (5, 4), (4, 5), (3, 6)):
        left.px(x, y, p["car_dark"])
    left.line(5, 6, 7, 4, p["car_light"])  # a crease in the metal
    left.px(4, 8, p["car_light"])
    left.px(2, 11, p["outline"])  # and a dead headlight
    return [left, right]


def _trash_cans(c: Canvas, p: Theme) -> None:
    for cx, cy in ((5, 6), (11, 10)):
        c.disc(cx, cy, 4, p["outline"])
        c.disc(cx, cy, 3.2, p["metal"])
        c.ring(cx, cy, 2.2, p["metal_dark"])
        c.px(cx, cy, p["metal_light"])
        c.hline(cx - 1, cx, cy - 2, p["snow"])


def _hydrant(c: Canvas, p: Theme) -> None:
    c.disc(8, 8, 4.5, p["outline"])
    c.disc(8, 8, 3.6, p["car_dark"])
    c.disc(8, 8, 2, p["metal"])
    c.rect(2, 7, 3, 2, p["car_dark"])
    c.rect(12, 7, 3, 2, p["car_dark"])
    c.px(7, 7, p["snow"])


DIGITS = {"3": ["###", "..#", ".##", "..#", "###"], "0": ["###", "#.#", "#.#", "#.#", "###"],
          ":": [".", "#", ".", "#", "."]}


def _clock(c: Canvas, p: Theme) -> None:
    """The bedside clock: 3:00."""
    c.box(1, 3, 14, 10, p["outline"], p["outline"])
    c.rect(2, 4, 12, 8, (20, 10, 14))
    x = 2
    for ch in "3:00":
        c.art(x, 6, [r.replace("#", "r") for r in DIGITS[ch]], {"r": p["led_red"]})
        x += len(DIGITS[ch][0]) + 1 if ch != ":" else 2


def _blanket_heap(c: Canvas, p: Theme) -> None:
    c.art(1, 2, [
        "...ooooooo....",
        "..obbbbbbbo...",
        ".obbLbbbbbbo..",
        "obbbbLbbdbbboo",
        "obbdbbbbbdbbbo",
        "obbbdbbbbbbLbo",
        ".obbbbbLLbbbbo",
        ".obbbbbbbbdbo.",
        "..obdbbbbbbbo.",
        "..oooobbbbbo..",
        "......ooooo...",
    ], {"o": p["outline"], "b": p["blanket"], "d": p["blanket_dark"], "L": p["blanket_light"]})


def _fallen_chair(c: Canvas, p: Theme) -> None:
    """A kitchen chair knocked over on its back: the seat, the back flat on the floor, the
    legs in the air."""
    o = p["outline"]
    c.box(2, 8, 12, 6, p["wood_dark"], o)  # the back, on the floor
    c.hline(3, 12, 9, p["wood"])
    c.box(3, 3, 10, 6, p["wood"], o, p["wood_light"])  # the seat, edge-up
    for x in (3, 11):
        c.vline(x, 0, 3, o)
        c.vline(x + 1, 0, 3, p["wood_dark"])


def _phone(c: Canvas, p: Theme) -> None:
    c.box(3, 6, 9, 7, p["metal_dark"], p["outline"])
    c.rect(5, 8, 5, 3, p["metal"])
    c.box(2, 3, 11, 3, p["car_dark"], p["outline"])  # the receiver, off the hook
    c.line(12, 5, 14, 10, p["ink"])
    c.line(14, 10, 12, 14, p["ink"])


def _her_coat(c: Canvas, p: Theme) -> None:
    c.art(1, 2, [
        "....oooooo....",
        "..oocccccco...",
        ".occcCcccccoo.",
        "occccCcccccccoo",
        "occcccCccccccco",
        ".oocccCccccccco",
        "...occcccooooo.",
        "...occccco.....",
        "....oooooo.....",
    ], {"o": p["outline"], "c": p["her_chair"], "C": p["her_chair_dark"]})
    c.px(8, 5, p["knob"])
    c.px(9, 7, p["knob"])


def _wine(c: Canvas, p: Theme) -> None:
    """An empty bottle on its side, a dark spill, one glass still standing."""
    o = p["outline"]
    c.ellipse(6, 11, 5, 2.5, (*p["wine"][:3], 150))
    c.line(2, 3, 9, 9, o)
    for i in range(6):
        c.line(2 + i // 2, 4 + i // 2 + i % 2, 8, 10, o)
    c.line(3, 4, 8, 9, p["glass"])
    c.line(4, 4, 8, 8, shade(p["glass"], 0.3))
    c.line(9, 10, 11, 12, o)
    c.disc(12.5, 4.5, 2.5, o)
    c.disc(12.5, 4.5, 1.7, p["glass_light"])
    c.px(12, 5, p["wine"])
    c.px(13, 5, p["wine"])


def _numbered_door(p: Theme) -> Canvas:
    c = door_face(p)
    c.rect(6, 4, 4, 3, p["knob"])  # the number plate
    c.px(7, 5, p["door_dark"])
    c.px(8, 5, p["door_dark"])
    c.px(7, 9, p["outline"])  # the peephole
    return c


def _tyre_tracks(p: Theme) -> Canvas:
    c = snow(p)
    for y in (3, 4, 11, 12):
        c.hline(0, 15, y, p["snow_print"])
    for x in range(1, 16, 3):
        c.px(x, 3, p["snow_shade"])
        c.px(x, 11, p["snow_shade"])
    return c


def _slush_puddle(c: Canvas, p: Theme) -> None:
    c.ellipse(8, 8, 7, 4.5, p["slush"])
    c.ellipse(8, 8, 5.5, 3.2, p["road_light"])
    c.hline(5, 8, 7, p["lamp"])
    c.px(10, 9, shade(p["lamp"], -0.3))


def lastfight(p: Theme) -> Named:
    front, back = _dented_car(p)
    return [
        ("dented car (front, the dent)", front), ("dented car (back)", back),
        ("sodium light on the ground", glow_patch(p, p["lamp"], "pool")),
        ("streetlight through a window", glow_patch(p, p["lamp"], "window")),
        ("trash cans", one(_trash_cans, p)), ("fire hydrant", one(_hydrant, p)),
        ("bedside clock: 3:00", one(_clock, p)), ("blanket on the floor", one(_blanket_heap, p)),
        ("chair knocked over", one(_fallen_chair, p)), ("telephone off the hook", one(_phone, p)),
        ("her coat, dropped", one(_her_coat, p)), ("wine spilt, one glass", one(_wine, p)),
        ("apartment door with number", _numbered_door(p)),
        ("tyre tracks in snow", _tyre_tracks(p)),
        ("slush puddle, lamp reflected", one(_slush_puddle, p)),
        ("hall light on the floor", glow_patch(p, p["linen"], "pool")),
    ]


# -- the dining dead: a Chinese restaurant, the couples, the sidewalk ---------------------------

def _table_for_two(c: Canvas, p: Theme) -> None:
    c.box(1, 2, 14, 12, p["linen"], p["outline"], (255, 255, 255))
    c.hline(2, 13, 12, p["linen_shade"])
    for cx, cy in ((5, 6), (10, 10)):
        c.disc(cx, cy, 2.4, p["linen_shade"])
        c.disc(cx, cy, 1.5, p["paper"])
    c.px(5, 6, p["fruit_green"])
    c.px(10, 10, p["lantern"])
    c.disc(11, 5, 1.6, p["outline"])  # a teapot
    c.px(11, 4, p["metal"])
    c.px(4, 10, p["wood_dark"])  # chopsticks
    c.px(5, 11, p["wood_dark"])


def _diner(hair_key: str, top_key: str, facing: str) -> Callable[[Canvas, Theme], None]:
    def draw(c: Canvas, p: Theme) -> None:
        person(c, p, 3, 2, p[hair_key], p[top_key], facing)
    return draw


def _lantern(c: Canvas, p: Theme) -> None:
    c.disc(8, 8, 7.5, (*p["lantern_light"][:3], 40))
    c.ellipse(8, 8, 5, 4.5, p["outline"])
    c.ellipse(8, 8, 4.2, 3.7, p["lantern"])
    for x in (6, 10):
        c.vline(x, 5, 11, shade(p["lantern"], -0.25))
    c.hline(6, 9, 6, p["lantern_light"])
    c.hline(7, 9, 3, p["knob"])
    c.hline(7, 9, 13, p["knob"])


def _lantern_string(c: Canvas, p: Theme) -> None:
    for x in range(16):
        c.px(x, 3 + (1 if 4 <= x <= 11 else 0), p["ink"])
    for cx in (4, 12):
        c.ellipse(cx, 7, 2.6, 2.8, p["outline"])
        c.ellipse(cx, 7, 1.8, 2, p["lantern"])
        c.px(cx - 1, 6, p["lantern_light"])


def _booth(c: Canvas, p: Theme) -> None:
    c.rect(0, 2, 16, 11, p["fabric_dark"])
    c.hline(0, 15, 2, p["outline"])
    c.hline(0, 15, 12, p["outline"])
    c.rect(0, 3, 16, 3, p["wood_dark"])
    c.rect(0, 7, 16, 4, p["fabric"])
    c.hline(0, 15, 7, p["fabric_light"])
    c.vline(8, 7, 11, p["fabric_dark"])


def _teapot(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.art(1, 2, [
        "....oo......",
        "...oKKo.....",
        ".ooooooooo..",
        "oTTTTTTTTTo.",
        "oTtTTTTTTToo",
        "oTTTTTTTTTo.o",
        "oTTTTTTTTTo.o",
        ".oTTTTTTTo.o.",
        "..ooooooooo..",
    ], {"o": o, "K": p["knob"], "T": p["linen"], "t": (255, 255, 255)})
    c.line(0, 6, 0, 8, o)  # the spout
    for cx in (4, 11):
        c.box(cx - 2, 12, 5, 3, p["linen"], o)
        c.px(cx, 13, p["fruit_green"])


def _round_table(c: Canvas, p: Theme) -> None:
    c.disc(8, 8, 7.5, p["outline"])
    c.disc(8, 8, 6.6, p["linen"])
    c.disc(8, 8, 3, p["linen_shade"])
    c.disc(8, 8, 2.2, p["wood"])
    for x, y in ((3, 8), (13, 8), (8, 3), (8, 13)):
        c.px(x, y, p["lantern"])
    c.px(7, 7, p["fruit_green"])


def _fish_tank(c: Canvas, p: Theme) -> None:
    c.box(0, 3, 16, 11, p["ice"], p["outline"])
    c.hline(1, 14, 4, p["ice_light"])
    c.rect(1, 11, 14, 2, p["cardboard"])
    for x, y in ((4, 7), (10, 9)):
        c.hline(x, x + 2, y, p["lantern_light"])
        c.px(x - 1, y - 1, p["lantern_light"])
        c.px(x - 1, y + 1, p["lantern_light"])
    c.vline(13, 6, 10, p["plant"])
    c.vline(2, 8, 10, p["plant_light"])


def _host_stand(c: Canvas, p: Theme) -> None:
    c.box(3, 4, 10, 9, p["wood_dark"], p["outline"], p["wood"])
    c.rect(5, 6, 6, 5, p["lantern"])
    c.hline(6, 9, 8, p["knob"])


def _moon_window(p: Theme) -> Canvas:
    c = face(p)
    c.disc(8, 6.5, 6, p["trim"])
    c.disc(8, 6.5, 5, p["glass"])
    c.vline(8, 2, 11, p["trim_light"])
    c.hline(3, 12, 6, p["trim_light"])
    c.px(5, 3, p["glass_light"])
    c.px(6, 3, p["glass_light"])
    return c


def _kitchen_door(p: Theme) -> Canvas:
    c = face(p)
    c.rect(2, 0, 12, 16, p["metal_dark"])
    for x in (3, 8):
        c.rect(x, 1, 5, 15, p["metal"])
        c.disc(x + 2.5, 5, 1.8, p["lit"])
    c.vline(7, 1, 15, p["outline"])
    return c


def _parking_meter(c: Canvas, p: Theme) -> None:
    c.disc(8, 9, 3.5, p["outline"])
    c.disc(8, 9, 2.6, p["metal"])
    c.rect(6, 4, 5, 3, p["outline"])
    c.rect(7, 5, 3, 1, p["screen_light"])
    c.hline(7, 9, 8, p["snow"])


def _menu_board(c: Canvas, p: Theme) -> None:
    c.box(3, 2, 10, 12, p["wood_dark"], p["outline"])
    c.rect(4, 3, 8, 10, (34, 40, 38))
    for y in (5, 8, 11):
        c.hline(5, 10, y, p["linen_shade"])
    c.px(5, 4, p["lantern_light"])


def restaurant(p: Theme) -> Named:
    return [
        ("table for two, white cloth", one(_table_for_two, p)),
        ("diner, he, facing south", one(_diner("hair_dark", "fabric_dark", "south"), p)),
        ("diner, she, facing north", one(_diner("wood_dark", "awning", "north"), p)),
        ("diner, he, facing north", one(_diner("hair_dark", "metal_dark", "north"), p)),
        ("diner, she, facing south", one(_diner("wood", "plant_dark", "south"), p)),
        ("paper lantern", one(_lantern, p)), ("string of lanterns", one(_lantern_string, p)),
        ("booth seat", one(_booth, p)), ("teapot and cups", one(_teapot, p)),
        ("round table, lazy susan", one(_round_table, p)), ("fish tank", one(_fish_tank, p)),
        ("host stand", one(_host_stand, p)), ("moon window in a wall face", _moon_window(p)),
        ("kitchen swing doors", _kitchen_door(p)), ("parking meter", one(_parking_meter, p)),
        ("menu board", one(_menu_board, p)),
    ]


# -- arguments about a child: the street market, the doll, their bed at night --------------------

def _awning(part: str) -> Callable[[Canvas, Theme], None]:
    def draw(c: Canvas, p: Theme) -> None:
        x0 = 1 if part == "left" else 0
        x1 = 14 if part == "right" else 15
        for x in range(x0, x1 + 1):
            col = p["awning"] if (x // 2) % 2 == 0 else p["awning_light"]
            c.vline(x, 1, 12, col)
        for x in range(x0, x1 + 1, 2):  # the scalloped edge
            c.px(x, 13, p["awning"] if (x // 2) % 2 == 0 else p["awning_light"])
        c.hline(x0, x1, 0, p["outline"])
        c.hline(x0, x1, 1, shade(p["awning_light"], -0.2))
        if part == "left":
            c.vline(0, 0, 13, p["outline"])
        if part == "right":
            c.vline(15, 0, 13, p["outline"])
        for x in range(x0, x1 + 1, 2):
            c.px(x, 14, p["outline"])
            if x + 1 <= x1:
                c.px(x + 1, 13, p["outline"])
    return draw


def _fruit_stall(c: Canvas, p: Theme) -> None:
    c.box(0, 2, 16, 12, p["wood"], p["outline"], p["wood_light"])
    for x0, col in ((1, "fruit_red"), (8, "fruit_green")):
        c.box(x0, 3, 7, 9, p["cardboard"], p["cardboard_dark"])
        for y in (5, 8):
            for x in (x0 + 2, x0 + 4):
                c.disc(x, y, 1.3, p[col])
                c.px(x - 1, y - 1, shade(p[col], 0.35))


def doll(c: Canvas, p: Theme, x: int, y: int) -> None:
    """A porcelain doll sitting up: pale face, dark curls, a blue dress."""
    o = p["outline"]
    c.art(x, y, [
        ".ooo..",
        "ohhho.",
        "ohffho",
        "ohffho",
        ".oddo.",
        "odddDo",
        "oddddo",
        ".o..o.",
    ], {"o": o, "h": p["hair_dark"], "f": p["skin"], "d": p["awning_light"], "D": p["awning"]})


def _doll_stall(c: Canvas, p: Theme) -> None:
    c.box(0, 2, 16, 12, p["wood"], p["outline"], p["wood_light"])
    c.rect(1, 4, 14, 9, p["linen_shade"])
    doll(c, p, 5, 4)
    for x, y, col in ((1, 10, "book1"), (12, 6, "book2"), (12, 10, "book5"), (2, 5, "book3")):
        c.box(x, y, 3, 3, p[col], p["outline"])


def _veg_crate(c: Canvas, p: Theme) -> None:
    c.box(2, 3, 12, 10, p["cardboard"], p["outline"])
    for i, (x, y) in enumerate(((5, 6), (8, 6), (11, 6), (5, 9), (8, 9), (11, 9))):
        c.disc(x, y, 1.5, p["fruit_green"] if i % 2 else p["potato"])


def _clothes_rail(c: Canvas, p: Theme) -> None:
    c.hline(1, 14, 3, p["metal_dark"])
    for i, x in enumerate(range(2, 14, 3)):
        col = (p["book2"], p["linen_shade"], p["book5"], p["book4"])[i]
        c.box(x, 3, 3, 10, col, p["outline"])


def _flowers(c: Canvas, p: Theme) -> None:
    for cx, cy, col in ((5, 5, "linen"), (11, 6, "book5"), (7, 11, "awning_light")):
        c.disc(cx, cy, 3.5, p["outline"])
        c.disc(cx, cy, 2.7, p["plant"])
        for dx, dy in ((0, -1), (-1, 1), (1, 1), (0, 0)):
            c.px(cx + dx, cy + dy, p[col])


def _crates(c: Canvas, p: Theme) -> None:
    for x, y in ((1, 7), (7, 2)):
        c.box(x, y, 8, 8, p["wood_light"], p["outline"])
        c.hline(x + 1, x + 6, y + 3, p["wood_dark"])
        c.hline(x + 1, x + 6, y + 5, p["wood_dark"])


def _the_doll(c: Canvas, p: Theme) -> None:
    doll(c, p, 5, 4)


def _cobble_puddle(p: Theme) -> Canvas:
    c = ground(p)
    c.ellipse(8, 9, 6, 4, p["glass"])
    c.hline(5, 9, 8, p["lit"])
    return c


def _chalkboard(c: Canvas, p: Theme) -> None:
    c.box(2, 2, 12, 11, p["wood"], p["outline"])
    c.rect(3, 3, 10, 9, (44, 52, 50))
    c.hline(4, 10, 5, p["linen"])
    c.hline(4, 8, 8, p["linen_shade"])
    c.px(11, 8, p["fruit_red"])


def _string_lights(c: Canvas, p: Theme) -> None:
    for x in range(16):
        c.px(x, 6 + (x % 8 in (3, 4)), p["ink"])
    for x in (1, 5, 9, 13):
        c.px(x, 7 + (x % 8 in (3, 4)), p["lamp"])
        c.px(x, 8 + (x % 8 in (3, 4)), (*p["lamp"][:3], 90))


def _night_table(c: Canvas, p: Theme) -> None:
    c.box(2, 3, 12, 11, p["wood_dark"], p["outline"], p["wood"])
    c.disc(6, 7, 2, p["glass_light"])
    c.px(6, 7, p["glass"])
    c.box(8, 8, 5, 4, p["book2"], p["outline"])


def _bicycle(c: Canvas, p: Theme) -> None:
    """A bicycle leaning on its stand, seen from the side (like the walls' faces)."""
    o = p["outline"]
    for cx in (4, 12):
        c.ring(cx, 10, 3.5, o)
        c.px(cx, 10, p["metal_light"])
    c.line(4, 10, 7, 6, p["awning"])
    c.line(7, 6, 12, 6, p["awning"])
    c.line(7, 6, 8, 10, p["awning"])
    c.line(8, 10, 12, 10, p["awning"])
    c.line(12, 6, 12, 10, p["awning"])
    c.hline(6, 8, 5, o)  # the saddle
    c.line(12, 6, 13, 4, p["metal_dark"])
    c.hline(12, 14, 4, o)


def market(p: Theme) -> Named:
    return [
        ("stall awning (left)", one(_awning("left"), p)),
        ("stall awning (middle)", one(_awning("middle"), p)),
        ("stall awning (right)", one(_awning("right"), p)),
        ("fruit stall", one(_fruit_stall, p)), ("stall with the doll", one(_doll_stall, p)),
        ("crate of vegetables", one(_veg_crate, p)), ("clothes rail", one(_clothes_rail, p)),
        ("buckets of flowers", one(_flowers, p)), ("stacked crates", one(_crates, p)),
        ("the doll", one(_the_doll, p)), ("cobbles with a puddle", _cobble_puddle(p)),
        ("chalkboard sign", one(_chalkboard, p)), ("string of lights", one(_string_lights, p)),
        ("moonlight through the window", glow_patch(p, p["lit"], "window")),
        ("their nightstand at night", one(_night_table, p)), ("bicycle", one(_bicycle, p)),
    ]


# -- "Am I ugly?": her bedroom under the covers, her kitchen, the potato people -----------------

def _tent(c: Canvas, p: Theme) -> None:
    """The quilt pulled over both their heads, lit from inside by a lamp."""
    o = p["outline"]
    c.round_box(1, 1, 30, 30, p["blanket"], o)
    for y in range(2, 30):
        for x in range(2, 30):
            if (x // 7 + y // 7) % 2 == 0:
                c.px(x, y, p["blanket_dark"])
            if x % 7 == 0 or y % 7 == 0:
                c.px(x, y, p["blanket_light"] if (x + y) % 2 else p["blanket"])
    for r, a in ((11, 50), (8, 60), (5, 70)):
        c.disc(16, 16, r, (*p["lamp"][:3], a))
    c.disc(16, 16, 2, p["lamp"])


def _potato_shelf(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.rect(0, 11, 32, 3, p["wood"])
    c.hline(0, 31, 11, p["wood_light"])
    c.hline(0, 31, 14, o)
    for i, x in enumerate((2, 9, 16, 24)):
        potato(c, p, x, 4 - (i % 2))


def potato(c: Canvas, p: Theme, x: int, y: int) -> None:
    """One of her potato people: a lumpy potato, two eyes, an odd little mouth."""
    c.art(x, y, [
        ".oooo.",
        "oPPPPo",
        "oPePeo",
        "oPPPPo",
        "oPmmPo",
        "oPPPdo",
        ".oooo.",
    ], {"o": p["outline"], "P": p["potato"], "e": p["outline"], "m": p["potato_dark"],
        "d": p["potato_dark"]})


def _one_potato(c: Canvas, p: Theme) -> None:
    potato(c, p, 5, 4)
    c.px(5, 7, p["potato_dark"])  # a stick arm
    c.px(4, 6, p["potato_dark"])


def _ugly_doll(c: Canvas, p: Theme) -> None:
    """The ugly doll: a lopsided rag doll, button eyes, stitched mouth, wild yarn hair."""
    c.art(3, 1, [
        "..y.yy.y..",
        ".yoooooy..",
        "yoffffffoy",
        ".ofbffbfo.",
        ".offffffo.",
        ".ofxxxxfo.",
        "..ooooooo.",
        ".oggggggo.",
        "ooggGggggo",
        ".oggggggo.",
        ".og.oo.go.",
        ".oo....oo.",
    ], {"y": p["potato_dark"], "o": p["outline"], "f": p["linen_shade"], "b": p["outline"],
        "x": p["heart"], "g": p["fabric_light"], "G": p["fruit_green"]})


def _clothes_heap(c: Canvas, p: Theme) -> None:
    c.round_box(1, 6, 9, 7, p["book2"], p["outline"])
    c.round_box(6, 3, 9, 7, p["book5"], p["outline"])
    c.round_box(4, 8, 8, 6, p["linen_shade"], p["outline"])
    c.hline(5, 9, 10, p["linen"])


def _kettle_stove(p: Theme) -> Canvas:
    c = stove_canvas(p)
    c.disc(5.5, 5.5, 4.5, p["outline"])
    c.disc(5.5, 5.5, 3.6, p["metal_light"])
    c.disc(5.5, 5.5, 1.4, p["metal_dark"])
    c.hline(2, 9, 2, p["outline"])  # the handle
    c.line(9, 5, 12, 3, p["outline"])  # the spout
    c.px(4, 4, (255, 255, 255))
    return shadowed(c, p["shadow"])


def _tea(c: Canvas, p: Theme) -> None:
    c.rect(0, 3, 16, 10, p["wood_light"])
    c.hline(0, 15, 3, p["outline"])
    c.hline(0, 15, 12, p["outline"])
    for cx, cy, col in ((5, 7, "book1"), (11, 8, "book2")):
        c.disc(cx, cy, 2.4, p["outline"])
        c.disc(cx, cy, 1.6, p[col])
        c.px(cx, cy, p["cardboard_dark"])


def _rug(c: Canvas, p: Theme) -> None:
    c.disc(8, 8, 7.5, p["outline"])
    c.disc(8, 8, 6.6, p["book5"])
    c.ring(8, 8, 5, p["linen_shade"])
    c.disc(8, 8, 2.5, p["book2"])


def _records(c: Canvas, p: Theme) -> None:
    c.box(1, 3, 14, 10, p["wood_dark"], p["outline"])
    c.disc(6, 8, 4, p["outline"])
    c.ring(6, 8, 3, p["metal_dark"])
    c.px(6, 8, p["heart"])
    c.line(12, 4, 9, 8, p["metal_light"])
    c.rect(11, 10, 3, 2, p["metal"])


def _fairy_lights(c: Canvas, p: Theme) -> None:
    for x in range(16):
        c.px(x, 2 + (x % 8 in (3, 4)), p["ink"])
    for x, col in ((1, "lamp"), (5, "led"), (9, "heart_light"), (13, "lamp")):
        c.px(x, 3 + (x % 8 in (3, 4)), p[col])


def _hair_dye(c: Canvas, p: Theme) -> None:
    """Her hair dye on the bathroom shelf: the only warm colours in the set are hers."""
    c.rect(0, 11, 16, 3, p["linen_shade"])
    c.hline(0, 15, 14, p["outline"])
    for x, col in ((1, (64, 160, 96)), (5, (196, 48, 60)), (9, (236, 128, 40)),
                   (13, (60, 110, 210))):
        c.box(x, 4, 3, 8, col, p["outline"])
        c.rect(x, 2, 3, 2, p["outline"])
        c.px(x + 1, 5, shade(col, 0.4))


def ugly(p: Theme) -> Named:
    tent = thing(_tent, 32, 32)(p)
    shelf = thing(_potato_shelf, 32, 16)(p)
    return [
        ("quilt over their heads (top left)", tent[0]), ("quilt (top right)", tent[1]),
        ("quilt (bottom left)", tent[2]), ("quilt (bottom right)", tent[3]),
        ("shelf of potato people (left)", shelf[0]),
        ("shelf of potato people (right)", shelf[1]),
        ("a potato person", one(_one_potato, p)), ("the ugly doll", one(_ugly_doll, p)),
        ("heap of clothes", one(_clothes_heap, p)), ("stove with a kettle", _kettle_stove(p)),
        ("her kitchen table, two mugs", one(_tea, p)), ("round rag rug", one(_rug, p)),
        ("record player", one(_records, p)), ("fairy lights", one(_fairy_lights, p)),
        ("hair dye on a shelf", one(_hair_dye, p)),
        ("lamplight under the covers", glow_patch(p, p["lamp"], "pool")),
    ]


# -- the Charles on the ice: ice, cracks, snowy banks, stars ------------------------------------

def _ice(p: Theme, crack: str = "") -> Canvas:
    """Clear black ice with stars in it; and cracks across it."""
    c = tile(p["ice"])
    for x, y in ((3, 4), (11, 2), (7, 11), (14, 13)):
        c.px(x, y, p["ice_light"])
    c.px(12, 9, p["ground_speck"])
    dark = shade(p["ice"], -0.45)
    if crack in ("line", "cross"):
        for x, y in ((0, 9), (1, 9), (2, 8), (3, 8), (4, 8), (5, 7), (6, 7), (7, 7), (8, 8),
                     (9, 8), (10, 7), (11, 7), (12, 6), (13, 6), (14, 6), (15, 7)):
            c.px(x, y, dark)
            c.px(x, y - 1, p["ice_light"])
    if crack == "cross":
        for x, y in ((8, 0), (8, 1), (7, 2), (7, 3), (8, 4), (8, 5), (7, 6), (8, 9), (9, 10),
                     (9, 11), (8, 12), (8, 13), (9, 14), (9, 15)):
            c.px(x, y, dark)
            c.px(x + 1, y, p["ice_light"])
    if crack == "open":
        for x in range(16):
            y = 7 + (1 if x % 6 in (2, 3) else 0) - (1 if x % 6 == 5 else 0)
            c.vline(x, y - 1, y + 1, p["water"])
            c.px(x, y - 2, p["ice_light"])
            c.px(x, y + 2, dark)
    return c


def _bank(p: Theme, snow_above: bool) -> Canvas:
    """Where the snowy bank meets the ice: snow above (or below), a ragged edge."""
    c = _ice(p)
    for x in range(16):
        edge = 7 + (1 if x % 5 in (1, 2) else 0) - (1 if x % 7 == 4 else 0)
        if snow_above:
            c.vline(x, 0, edge, p["snow"])
            c.px(x, edge, p["snow_shade"])
            c.px(x, edge + 1, shade(p["ice"], -0.3))
        else:
            c.vline(x, edge, 15, p["snow"])
            c.px(x, edge, p["snow_shade"])
            c.px(x, edge - 1, p["ice_light"])
    return c


def _drift(c: Canvas, p: Theme) -> None:
    """A drift banked against the wind: a long low mound, its lee side in shadow."""
    c.art(0, 3, [
        "......oooo......",
        "...oooWWWWoo....",
        "..oWWWWWWWWWoo..",
        ".oWWWWWWWWWWWWo.",
        "oWWWWWWWWWWWWWWo",
        "oSWWWWWWWWWWWWSo",
        "oSSSWWWWWWWWSSSo",
        ".ooSSSSSSSSSSoo.",
        "...oooooooooo...",
    ], {"o": p["snow_print"], "W": p["snow"], "S": p["snow_shade"]})
    c.hline(6, 9, 5, (255, 255, 255))


def _reeds(c: Canvas, p: Theme) -> None:
    for x, top in ((3, 3), (5, 1), (7, 4), (9, 2), (12, 3)):
        c.vline(x, top, 13, p["cardboard_dark"])
        c.px(x, top, p["cardboard"])
        c.px(x, top + 1, p["cardboard"])
    c.hline(2, 13, 13, p["snow"])


def _bare_tree(c: Canvas, p: Theme) -> None:
    o = p["wood_dark"]
    c.disc(8, 8, 1.6, p["outline"])
    for x1, y1 in ((1, 2), (14, 3), (2, 13), (13, 14), (8, 0), (15, 9)):
        c.line(8, 8, x1, y1, o)
    for x, y in ((3, 3), (12, 4), (4, 12), (12, 12)):
        c.px(x, y, p["snow"])


def _snow_globe(c: Canvas, p: Theme) -> None:
    """The BOSTON snow globe."""
    c.box(3, 10, 10, 4, p["wood_dark"], p["outline"])
    c.hline(4, 11, 11, p["knob"])
    c.disc(8, 6.5, 5, p["outline"])
    c.disc(8, 6.5, 4.2, p["glass_light"])
    c.rect(6, 6, 4, 4, p["ice"])
    c.vline(7, 4, 6, p["ice"])
    for x, y in ((5, 4), (10, 5), (9, 3), (6, 8)):
        c.px(x, y, (255, 255, 255))


def _ice_steps(p: Theme) -> Canvas:
    c = _ice(p)
    for x, y in ((3, 1), (11, 5), (3, 9), (11, 13)):
        c.rect(x, y, 2, 3, p["snow_shade"])
    return c


def _snow_angel(p: Theme) -> Canvas:
    c = snow(p)
    c.art(2, 1, [
        "....sss.....",
        "ss.sssss.ss.",
        ".sssssssss..",
        "..sssssss...",
        "...sssss....",
        "...sssss....",
        "..sss.sss...",
        ".sss...sss..",
        "sss.....sss.",
    ], {"s": p["snow_print"]})
    return c


def _star(c: Canvas, p: Theme) -> None:
    s = p["ground_speck"]
    c.px(8, 8, (255, 255, 255))
    for d in (1, 2, 3):
        a = 200 - 50 * d
        for dx, dy in ((d, 0), (-d, 0), (0, d), (0, -d)):
            c.px(8 + dx, 8 + dy, (*s[:3], a))


def _sky(p: Theme) -> Canvas:
    c = wall(p)
    c.rect(0, 0, 16, 16, p["ground"])
    for x, y, bright in ((2, 3, 1), (9, 1, 0), (13, 6, 1), (5, 9, 0), (11, 12, 1), (1, 14, 0),
                         (7, 5, 0), (14, 15, 0)):
        c.px(x, y, p["ground_speck"] if bright else shade(p["ground_speck"], -0.45))
    return c


def _railing(c: Canvas, p: Theme) -> None:
    c.rect(0, 4, 16, 3, p["stone_light"])
    c.hline(0, 15, 4, p["snow"])
    c.hline(0, 15, 7, p["outline"])
    c.hline(0, 15, 3, p["outline"])
    for x in (2, 7, 12):
        c.rect(x, 8, 2, 5, p["stone"])
        c.px(x, 8, p["snow"])


def charles(p: Theme) -> Named:
    return [
        ("ice with stars in it", _ice(p)), ("ice, a crack", _ice(p, "line")),
        ("ice, cracks crossing", _ice(p, "cross")),
        ("the open crack, black water", _ice(p, "open")),
        ("bank above, ice below", _bank(p, True)), ("ice above, bank below", _bank(p, False)),
        ("snowdrift", one(_drift, p)), ("reeds in the snow", one(_reeds, p)),
        ("bare tree", one(_bare_tree, p)), ("the BOSTON snow globe", one(_snow_globe, p)),
        ("footprints on the ice", _ice_steps(p)), ("snow angel", _snow_angel(p)),
        ("a bright star", one(_star, p)), ("night sky", _sky(p)),
        ("stone railing, snow on it", one(_railing, p)),
        ("lamplight on the ice", glow_patch(p, p["lamp"], "pool")),
    ]


EXTRAS: dict[str, Callable[[Theme], Named]] = {
    "lastfight": lastfight, "restaurant": restaurant, "market": market, "ugly": ugly,
    "charles": charles,
}
