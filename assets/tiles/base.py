"""The 72 tiles every memory shares, gid by gid (gid = index + 1, firstgid 1).

A gid means the same thing in every memory (7 is a doorway's floor, 17 a wall, 33-36 a bed),
so a map changes its look by pointing at another memory's tileset. Floors (1-13) and walls
(14, 17-28, 56, 72) are opaque and tile seamlessly; furniture is drawn on clear pixels with a
one-pixel outline and a soft shadow down and to the right, to sit on any floor.
"""

from __future__ import annotations

from collections.abc import Callable

from canvas import Canvas, noise, shade
from palettes import Theme

T = 16
Draw = Callable[[Theme], Canvas]


def tile(fill: tuple[int, ...] | None = None) -> Canvas:
    return Canvas(T, T, fill)


def shadowed(c: Canvas, colour: tuple[int, ...]) -> Canvas:
    """A soft shadow one pixel down and right of whatever is drawn, under it."""
    out = Canvas(c.width, c.height)
    for y in range(c.height):
        for x in range(c.width):
            if x and y and c.get(x - 1, y - 1)[3] == 255 and c.get(x, y)[3] == 0:
                out.px(x, y, colour)
    out.over(c)
    return out


def split(c: Canvas) -> list[Canvas]:
    """A drawing several tiles wide and high, cut into tiles, left to right, top to bottom."""
    out = []
    for ty in range(c.height // T):
        for tx in range(c.width // T):
            t = tile()
            for y in range(T):
                for x in range(T):
                    t.pixels[y * T + x] = c.get(tx * T + x, ty * T + y)
            out.append(t)
    return out


# -- floors ----------------------------------------------------------------------------------

def wood_floor(p: Theme) -> Canvas:
    """Planks four pixels wide, joints staggered, a streak of grain in each."""
    c = tile(p["wood"])
    joints = (3, 11, 7, 14)
    for row in range(4):
        y = row * 4
        c.hline(0, 15, y + 3, p["wood_dark"])
        c.vline(joints[row], y, y + 2, p["wood_dark"])
        g = (joints[row] + 5) % 16
        c.hline(g, min(15, g + 3), y + 1, p["wood_light"])
    return c


def checker_floor(p: Theme) -> Canvas:
    c = tile(p["tile_a"])
    c.rect(8, 0, 8, 8, p["tile_b"])
    c.rect(0, 8, 8, 8, p["tile_b"])
    for x, y in ((1, 1), (9, 9)):
        c.hline(x, x + 1, y, shade(p["tile_a"], 0.4))
    for x, y in ((9, 1), (1, 9)):
        c.px(x, y, shade(p["tile_b"], 0.25))
    return c


def carpet_floor(p: Theme) -> Canvas:
    c = tile(p["carpet"])
    motif = p.motif("carpet")
    if motif == "quilt":  # patchwork: four squares, stitched
        c.rect(0, 0, 8, 8, p["carpet_light"])
        c.rect(8, 8, 8, 8, p["carpet_light"])
        for i in range(0, 16, 2):
            c.px(i, 7, p["carpet_dark"])
            c.px(7, i, p["carpet_dark"])
        for x, y in ((3, 3), (11, 11), (11, 3), (3, 11)):
            c.px(x, y, p["carpet_dark"] if (x + y) % 16 else p["carpet"])
    elif motif == "diamond":  # a restaurant carpet: a small diamond grid
        for i in range(16):
            c.px(i, i, p["carpet_dark"])
            c.px(i, 15 - i, p["carpet_dark"])
        c.px(7, 3, p["carpet_light"])
        c.px(8, 12, p["carpet_light"])
        c.px(3, 8, p["carpet_light"])
        c.px(12, 7, p["carpet_light"])
    else:  # a soft diagonal weave
        for y in range(16):
            for x in range(16):
                if (x + 2 * y) % 8 == 0:
                    c.px(x, y, p["carpet_light"])
                elif (x - 2 * y) % 8 == 4:
                    c.px(x, y, p["carpet_dark"])
    return c


def office_floor(p: Theme) -> Canvas:
    c = tile(p["office"])
    for y in range(1, 16, 4):
        for x in range(1, 16, 4):
            c.px(x + (y // 4) % 2 * 2, y, p["office_dark"])
    return c


def lino_floor(p: Theme) -> Canvas:
    c = tile(p["lino"])
    c.hline(0, 15, 15, p["lino_line"])
    c.vline(15, 0, 15, p["lino_line"])
    c.hline(0, 14, 0, shade(p["lino"], 0.25))
    c.px(4, 5, p["lino_line"])
    c.px(11, 10, p["lino_line"])
    return c


def stone_floor(p: Theme) -> Canvas:
    """Flagstones: two courses of eight, the joints staggered."""
    c = tile(p["stone"])
    for y in (7, 15):
        c.hline(0, 15, y, p["stone_dark"])
    c.vline(9, 0, 6, p["stone_dark"])
    c.vline(3, 8, 14, p["stone_dark"])
    c.hline(0, 8, 0, p["stone_light"])
    c.hline(10, 15, 0, p["stone_light"])
    c.hline(4, 15, 8, p["stone_light"])
    c.hline(0, 2, 8, p["stone_light"])
    c.px(13, 4, p["stone_dark"])
    c.px(7, 12, p["stone_dark"])
    return c


def threshold_floor(p: Theme) -> Canvas:
    """A doorway's floor (and a plain, worn floor): boards running through the opening."""
    c = tile(p["threshold"])
    for x in (0, 5, 10):
        c.vline(x, 0, 15, p["threshold_dark"])
    for x, y in ((2, 3), (7, 10), (12, 6), (3, 13)):
        c.vline(x, y, y + 1, shade(p["threshold"], 0.12))
    return c


def ground(p: Theme) -> Canvas:
    """Outside, between the buildings: snow-dusted ground, cobbles, or a night full of stars."""
    c = tile(p["ground"])
    motif = p.motif("ground")
    if motif == "cobbles":
        for y in range(16):
            for x in range(16):
                if y % 4 == 3 or (x + (y // 4) % 2 * 2) % 4 == 3:
                    c.px(x, y, shade(p["ground"], -0.18))
                elif (x + y) % 4 == 0:
                    c.px(x, y, p["ground_light"])
        return c
    if motif == "stars":
        for x, y in ((3, 2), (12, 6), (6, 12), (14, 14)):
            c.px(x, y, p["ground_light"])
        c.px(9, 3, p["ground_speck"])
        c.px(2, 9, shade(p["ground_speck"], -0.4))
        for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
            c.px(12 + dx, 11 + dy, p["ground_speck"] if (dx, dy) == (0, 0) else p["ground_light"])
        return c
    for y in range(16):
        for x in range(16):
            n = noise(x, y, 8)
            if n < 9:
                c.px(x, y, p["ground_speck"])
            elif n < 40:
                c.px(x, y, p["ground_light"])
    return c


def snow(p: Theme) -> Canvas:
    c = tile(p["snow"])
    for x, y in ((2, 4), (10, 11)):  # small drifts
        c.hline(x, x + 3, y, p["snow_shade"])
        c.px(x + 4, y - 1, p["snow_shade"])
    c.px(13, 2, p["snow_shade"])
    c.px(5, 13, p["snow_shade"])
    return c


def footprints(p: Theme) -> Canvas:
    c = snow(p)
    print_ = [".pp", "ppp", "ppp", ".pp", "...", ".pp"]
    c.art(4, 1, print_, {"p": p["snow_print"]})
    c.art(9, 8, print_, {"p": p["snow_print"]})
    return c


def curb(p: Theme) -> Canvas:
    """The kerb between sidewalk and road: trodden snow, then the kerbstones' edge."""
    c = tile(p["snow_shade"])
    for x, y in ((2, 2), (9, 5), (13, 1), (5, 7)):
        c.px(x, y, p["snow_print"])
    c.hline(0, 15, 0, p["snow"])
    c.rect(0, 9, 16, 6, p["curb"])
    c.hline(0, 15, 9, shade(p["curb"], 0.3))
    c.vline(0, 9, 14, p["curb_dark"])
    c.hline(0, 15, 15, p["curb_dark"])
    return c


def gutter(p: Theme) -> Canvas:
    c = road(p)
    c.rect(0, 0, 16, 4, p["slush"])
    for x in range(0, 16, 3):
        c.px(x, 4, p["slush"])
    c.hline(0, 15, 0, shade(p["slush"], -0.2))
    return c


def road(p: Theme) -> Canvas:
    """The road (tyre tracks in the slush), or, on the river, the ice."""
    c = tile(p["road"])
    if p.motif("road") == "ice":
        for i in range(16):  # long pale streaks, the grain of the ice
            c.px(i, (i // 2 + 3) % 16, p["road_light"])
            c.px(i, (i // 2 + 11) % 16, p["road_light"])
        c.px(5, 6, p["slush"])
        c.px(12, 13, p["slush"])
        return c
    for y in (4, 5, 11, 12):
        c.hline(0, 15, y, p["road_light"])
    for x, y in ((3, 8), (11, 1), (7, 14)):
        c.px(x, y, p["slush"])
    return c


# -- walls ---------------------------------------------------------------------------------------

def wall(p: Theme) -> Canvas:
    c = tile(p["wall_top"])
    for y in range(2, 16, 4):
        for x in range((y // 4) % 2 * 4 + 1, 16, 8):
            c.px(x, y, p["wall_top_light"])
    return c


def face(p: Theme, clinic: bool = False) -> Canvas:
    """A wall's face seen just below its top: paper (or clinic paint) above a skirting board."""
    base, dark = ("face_clinic", "face_clinic_dark") if clinic else ("face_home", "face_home_dark")
    c = tile(p[base])
    motif = "rail" if clinic else p.motif("wallpaper")
    if motif == "stripes":
        for x in range(1, 16, 4):
            c.vline(x, 0, 12, p[dark])
    elif motif == "lattice":
        for y in range(0, 13):
            for x in range(16):
                if x % 8 == 0 or y % 6 == 2 or (x % 8 == 4 and y % 6 in (4, 5, 0)):
                    c.px(x, y, p[dark])
    elif motif == "sprig":
        for x, y in ((2, 2), (10, 2), (6, 7), (14, 7)):
            c.px(x, y, p[dark])
            c.px(x, y + 1, shade(p[base], 0.25))
    elif motif == "rail":
        c.hline(0, 15, 7, p[dark])
        c.hline(0, 15, 8, shade(p[base], 0.25))
    c.hline(0, 15, 0, shade(p[base], -0.3))
    c.rect(0, 13, 16, 3, p["trim"])
    c.hline(0, 15, 13, p["trim_light"])
    return c


def window_in(c: Canvas, p: Theme, x: int, y: int, w: int, h: int, lit: bool = False) -> None:
    """A four-pane window: frame, glass (night, or lit from inside), a glint, a sill."""
    c.rect(x, y, w, h, p["frame"])
    glass, light = (p["lit"], p["lit_dark"]) if lit else (p["glass"], p["glass_light"])
    c.rect(x + 1, y + 1, w - 2, h - 2, glass)
    mx, my = x + w // 2, y + h // 2
    c.vline(mx, y + 1, y + h - 2, p["frame"])
    c.hline(x + 1, x + w - 2, my, p["frame"])
    if lit:
        c.hline(x + 1, mx - 1, my - 1, light)
        c.hline(mx + 1, x + w - 2, y + h - 2, light)
    else:
        c.px(x + 2, y + 2, light)
        c.px(x + 3, y + 2, light)
        c.px(x + 2, y + 3, light)
        c.px(mx + 2, my + 2, light)
    c.hline(x - 1, x + w, y + h, shade(p["frame"], -0.35))


def face_window(p: Theme, clinic: bool = False) -> Canvas:
    c = face(p, clinic)
    window_in(c, p, 3, 2, 10, 9)
    return c


def door_face(p: Theme) -> Canvas:
    """A door in a wall's face: two panels, a knob."""
    c = face(p)
    c.rect(2, 0, 12, 16, p["door_dark"])
    c.rect(3, 1, 10, 15, p["door"])
    c.frame(4, 2, 8, 5, p["door_dark"])
    c.frame(4, 8, 8, 6, p["door_dark"])
    c.hline(5, 10, 3, shade(p["door"], 0.15))
    c.hline(5, 10, 9, shade(p["door"], 0.15))
    c.px(11, 7, p["knob"])
    c.px(11, 8, shade(p["knob"], -0.3))
    return c


def door_side(p: Theme) -> Canvas:
    """A door in a wall that runs north-south, seen from above: a slab across the opening."""
    c = threshold_floor(p)
    c.rect(0, 0, 16, 2, p["wall_top"])
    c.rect(0, 14, 16, 2, p["wall_top"])
    c.rect(6, 1, 4, 14, p["door_dark"])
    c.rect(7, 2, 2, 12, p["door"])
    c.px(9, 8, p["knob"])
    c.px(6, 8, p["knob"])
    return c


def window_side(p: Theme) -> Canvas:
    """A window in a north-south wall, seen from above: glass along the wall, a sill inside."""
    c = wall(p)
    c.rect(5, 1, 6, 14, p["frame"])
    c.rect(6, 2, 4, 12, p["glass"])
    c.vline(7, 3, 6, p["glass_light"])
    c.hline(6, 9, 8, p["frame"])
    c.vline(4, 1, 14, shade(p["frame"], -0.35))
    return c


def stairs(p: Theme) -> Canvas:
    c = tile(p["stone_dark"])
    for y in range(0, 16, 4):
        c.rect(1, y, 14, 3, p["stone_light"])
        c.hline(1, 14, y, shade(p["stone_light"], 0.25))
        c.hline(1, 14, y + 3, shade(p["stone_dark"], -0.3))
    c.vline(0, 0, 15, p["metal_dark"])
    c.vline(15, 0, 15, p["metal_dark"])
    return c


def bricks(p: Theme) -> Canvas:
    """The street front of a building, snow along its top."""
    c = tile(p["brick"])
    for y in range(0, 16, 4):
        c.hline(0, 15, y + 3, p["mortar"])
        off = 0 if (y // 4) % 2 else 4
        c.vline(off, y, y + 2, p["mortar"])
        c.vline(off + 8, y, y + 2, p["mortar"])
        c.hline(off + 1, off + 3, y, p["brick_dark"])
    c.rect(0, 0, 16, 2, p["snow"])
    for x in (2, 3, 9, 13):
        c.px(x, 2, p["snow_shade"])
    return c


def bricks_window(p: Theme) -> Canvas:
    c = bricks(p)
    window_in(c, p, 3, 4, 10, 9, lit=True)
    c.hline(2, 13, 13, p["snow"])
    return c


def storefront(p: Theme) -> Canvas:
    """A shop's glass front: one pane a tile, mullions between, snow against the bottom."""
    c = tile(p["glass"])
    c.vline(0, 0, 15, p["metal_dark"])
    c.hline(0, 15, 0, p["metal_dark"])
    for i in range(5):  # reflections
        c.px(4 + i, 9 - i, p["glass_light"])
        c.px(7 + i, 12 - i, shade(p["glass_light"], -0.3))
    c.rect(0, 13, 16, 3, p["metal"])
    c.hline(0, 15, 13, p["metal_light"])
    c.rect(1, 15, 15, 1, p["snow"])
    return c


def glass_door(p: Theme) -> Canvas:
    c = storefront(p)
    c.vline(7, 0, 12, p["metal_dark"])
    c.vline(8, 0, 12, p["metal_dark"])
    c.vline(5, 5, 8, p["metal_light"])
    c.vline(10, 5, 8, p["metal_light"])
    c.rect(1, 13, 14, 3, p["threshold_dark"])
    return c


FONT = {  # five by seven, for the LACUNA sign
    "L": ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
    "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "C": [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
    "U": ["#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "N": ["#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"],
}


def sign(p: Theme, letters: str) -> Canvas:
    """Two letters of a lit sign on a dark board; three tiles side by side spell LACUNA."""
    c = tile()
    c.rect(0, 3, 16, 11, p["sign"])
    c.hline(0, 15, 3, p["outline"])
    c.hline(0, 15, 13, p["outline"])
    for i, ch in enumerate(letters):
        x = 2 + i * 8
        c.art(x, 5, [r.replace("#", "g") for r in FONT[ch]], {"g": shade(p["neon"], -0.55)})
        c.art(x - 1, 5, [r.replace("#", "n") for r in FONT[ch]], {"n": p["neon"]})
    return c


def street_lamp(p: Theme) -> Canvas:
    c = tile()
    c.disc(8, 8, 8, p["glow"])
    c.disc(8, 8, 6, p["glow"])
    c.disc(8, 8, 4, p["glow"])
    c.disc(8, 8, 3, p["outline"])
    c.disc(8, 8, 2.2, p["lamp"])
    c.px(7, 7, (255, 255, 255))
    return c


def car(p: Theme) -> list[Canvas]:
    """A parked car, nose to the left, seen from above; snow on its roof (two tiles)."""
    c = Canvas(32, 16)
    c.round_box(1, 2, 30, 12, p["car"], p["outline"])
    c.hline(2, 29, 3, p["car_light"])
    c.hline(2, 29, 12, p["car_dark"])
    c.rect(8, 4, 3, 8, p["glass"])  # windscreen
    c.rect(23, 4, 2, 8, p["glass"])  # rear window
    c.round_box(11, 4, 12, 8, p["snow"], p["car_dark"])  # roof under snow
    c.hline(12, 21, 10, p["snow_shade"])
    c.px(2, 4, p["lamp"])
    c.px(2, 11, p["lamp"])
    c.px(29, 4, p["led_red"])
    c.px(29, 11, p["led_red"])
    return split(shadowed(c, p["shadow"]))


# -- furniture ---------------------------------------------------------------------------------

def thing(draw: Callable[[Canvas, Theme], None], w: int = 16, h: int = 16) -> Callable[
        [Theme], list[Canvas]]:
    """A furniture drawing: drawn on clear pixels, shadowed, cut into tiles."""
    def make(p: Theme) -> list[Canvas]:
        c = Canvas(w, h)
        draw(c, p)
        return split(shadowed(c, p["shadow"]))
    return make


def _bed(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.box(2, 1, 28, 29, p["wood"], o)
    c.rect(3, 2, 26, 3, p["wood_dark"])  # headboard
    c.hline(3, 28, 2, p["wood_light"])
    c.round_box(5, 6, 10, 7, p["linen"], o, (255, 255, 255))
    c.round_box(17, 6, 10, 7, p["linen"], o, (255, 255, 255))
    c.hline(6, 13, 11, p["linen_shade"])
    c.hline(18, 25, 11, p["linen_shade"])
    c.rect(3, 14, 26, 15, p["blanket"])
    c.rect(3, 14, 26, 3, p["linen"])  # the sheet turned down
    c.hline(3, 28, 16, p["linen_shade"])
    c.hline(3, 28, 17, p["blanket_dark"])
    for y in (21, 25):
        c.hline(4, 27, y, p["blanket_light"])
    c.vline(3, 14, 28, p["blanket_dark"])
    c.vline(28, 14, 28, p["blanket_dark"])


def _nightstand(c: Canvas, p: Theme) -> None:
    c.box(2, 3, 12, 11, p["wood"], p["outline"], p["wood_light"])
    c.hline(3, 12, 10, p["wood_dark"])
    c.px(8, 12, p["knob"])
    c.disc(6, 6.5, 2.6, p["outline"])
    c.disc(6, 6.5, 1.8, p["lamp"])
    c.rect(10, 5, 3, 3, p["paper"])


def _wardrobe(c: Canvas, p: Theme) -> None:
    c.box(1, 1, 14, 14, p["wood"], p["outline"], p["wood_light"])
    c.vline(7, 2, 13, p["wood_dark"])
    c.vline(8, 2, 13, p["wood_dark"])
    c.hline(2, 13, 4, p["wood_dark"])
    c.px(6, 8, p["knob"])
    c.px(9, 8, p["knob"])


def _bookshelf(c: Canvas, p: Theme) -> None:
    c.box(0, 0, 16, 15, p["wood_dark"], p["outline"])
    books = [p["book1"], p["book2"], p["book3"], p["book4"], p["book5"]]
    for shelf, y in enumerate((1, 8)):
        x = 1
        i = shelf * 2
        while x < 15:
            w = 2 if (x + shelf) % 5 else 1
            colour = books[i % 5]
            top = y + (1 if (i * 7) % 3 == 0 else 0)
            c.rect(x, top, w, 7 - (top - y) - 1, colour)
            c.px(x, top, shade(colour, 0.3))
            x += w
            i += 1
        c.hline(1, 14, y + 6, p["wood"])


def _plant(c: Canvas, p: Theme) -> None:
    c.disc(8, 10.5, 4, p["outline"])
    c.disc(8, 10.5, 3, p["pot"])
    for cx, cy, r in ((8, 6, 4.2), (4.5, 8, 3), (11.5, 8, 3), (8, 9, 3)):
        c.disc(cx, cy, r + 1, p["outline"])
    for cx, cy, r in ((8, 6, 4.2), (4.5, 8, 3), (11.5, 8, 3), (8, 9, 3)):
        c.disc(cx, cy, r, p["plant"])
    for x, y in ((7, 3), (6, 4), (4, 7), (10, 6), (11, 7), (8, 8)):
        c.px(x, y, p["plant_light"])
    for x, y in ((9, 9), (5, 10), (12, 10), (8, 11)):
        c.px(x, y, p["plant_dark"])


def _sofa(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.box(1, 2, 46, 12, p["fabric_dark"], o)  # back and arms
    c.hline(2, 45, 3, p["fabric"])
    for x in (4, 18, 32):  # three seat cushions
        c.round_box(x, 6, 13, 7, p["fabric"], p["fabric_dark"], p["fabric_light"])
    c.round_box(20, 5, 7, 4, p["her_chair"], p["her_chair_dark"])  # a throw cushion


def _armchair(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.box(2, 2, 12, 12, p["her_chair_dark"], o)
    c.hline(3, 12, 3, p["her_chair"])
    c.round_box(4, 5, 8, 8, p["her_chair"], p["her_chair_dark"], shade(p["her_chair"], 0.2))


def _coffee_table(c: Canvas, p: Theme) -> None:
    c.box(1, 4, 14, 9, p["wood"], p["outline"], p["wood_light"])
    c.rect(3, 6, 5, 4, p["paper"])
    c.hline(4, 6, 7, p["ink"])
    c.disc(11.5, 8, 1.6, p["linen"])
    c.px(11, 7, p["ink"])


def _television(c: Canvas, p: Theme) -> None:
    c.box(2, 9, 12, 6, p["wood_dark"], p["outline"], p["wood"])
    c.box(1, 2, 14, 9, p["screen"], p["outline"])
    c.frame(2, 3, 12, 7, p["metal_dark"])
    c.line(4, 5, 6, 4, p["screen_light"])
    c.px(4, 6, shade(p["screen_light"], -0.4))


def _coat_rack(c: Canvas, p: Theme) -> None:
    """A bentwood rack, a coat hung on it (seen a little from the front, like the walls)."""
    o = p["outline"]
    c.vline(8, 1, 14, p["wood_dark"])
    c.hline(5, 11, 14, p["wood_dark"])
    c.art(3, 3, [
        "...oooo...",
        "..occcco..",
        ".occcccco.",
        ".ocCcccco.",
        ".ocCccc.o.",
        ".occcccco.",
        ".occcccco.",
        ".occ.ccco.",
        "..oooooo..",
    ], {"o": o, "c": p["fabric_dark"], "C": p["fabric"]})
    c.vline(7, 5, 10, p["fabric_light"])
    c.disc(8, 2, 1.6, o)
    c.px(8, 2, p["wood_light"])


def _radiator(c: Canvas, p: Theme) -> None:
    c.box(1, 4, 14, 9, p["metal"], p["outline"])
    for x in range(3, 14, 2):
        c.vline(x, 5, 11, p["metal_dark"])
    c.hline(2, 13, 5, p["metal_light"])


def _fridge(c: Canvas, p: Theme) -> None:
    c.box(2, 0, 12, 15, p["linen"], p["outline"], (255, 255, 255))
    c.hline(3, 12, 5, p["linen_shade"])
    c.vline(11, 2, 4, p["metal_dark"])
    c.vline(11, 7, 10, p["metal_dark"])
    c.rect(4, 8, 3, 3, p["paper"])  # a note on the door
    c.hline(4, 6, 9, p["ink"])
    c.px(5, 7, p["heart"])


def _stove(c: Canvas, p: Theme) -> None:
    c.box(1, 1, 14, 14, p["linen"], p["outline"], (255, 255, 255))
    for x, y in ((5, 5), (11, 5), (5, 11), (11, 11)):
        c.disc(x, y, 2.7, p["outline"])
        c.ring(x, y, 2.7, p["metal_dark"])
        c.px(x - 1, y - 1, p["metal_dark"])


def _sink(c: Canvas, p: Theme) -> None:
    c.box(0, 1, 16, 14, p["stone_light"], p["outline"], shade(p["stone_light"], 0.2))
    c.box(3, 4, 10, 8, p["metal"], p["metal_dark"])
    c.rect(4, 5, 8, 6, p["metal_light"])
    c.px(8, 8, p["metal_dark"])
    c.vline(8, 1, 4, p["metal_dark"])
    c.px(8, 5, p["glass_light"])


def _counter(c: Canvas, p: Theme) -> None:
    c.rect(0, 1, 16, 14, p["stone_light"])
    c.hline(0, 15, 1, p["outline"])
    c.hline(0, 15, 14, p["outline"])
    c.hline(0, 15, 2, shade(p["stone_light"], 0.2))
    for x, y in ((3, 5), (10, 9), (13, 4), (6, 11)):
        c.px(x, y, p["stone"])
    c.rect(0, 12, 16, 2, p["wood_dark"])


def _cupboard(c: Canvas, p: Theme) -> None:
    c.rect(0, 2, 16, 11, p["wood"])
    c.hline(0, 15, 2, p["outline"])
    c.hline(0, 15, 12, p["outline"])
    c.hline(0, 15, 3, p["wood_light"])
    c.vline(0, 2, 12, p["wood_dark"])
    c.vline(8, 3, 11, p["wood_dark"])
    c.px(6, 7, p["knob"])
    c.px(10, 7, p["knob"])


def _kitchen_table(c: Canvas, p: Theme) -> None:
    c.rect(0, 3, 16, 10, p["wood_light"])
    c.hline(0, 15, 3, p["outline"])
    c.hline(0, 15, 12, p["outline"])
    c.hline(0, 15, 4, shade(p["wood_light"], 0.2))
    c.hline(0, 15, 11, p["wood"])
    c.rect(4, 6, 7, 4, p["linen"])
    c.disc(7.5, 8, 1.6, p["linen_shade"])


def _chair(c: Canvas, p: Theme) -> None:
    c.box(4, 3, 8, 3, p["wood_dark"], p["outline"])
    c.box(4, 5, 8, 8, p["wood"], p["outline"], p["wood_light"])


def _mailboxes(c: Canvas, p: Theme) -> None:
    c.rect(0, 0, 16, 16, p["face_home"])
    c.box(1, 2, 14, 12, p["metal_dark"], p["outline"])
    for y in (3, 8):
        for x in (2, 6, 10):
            c.box(x, y, 4, 4, p["metal"], p["metal_dark"])
            c.hline(x + 1, x + 2, y + 1, p["outline"])
    c.rect(0, 14, 16, 2, p["trim"])


def _waiting_chairs(c: Canvas, p: Theme) -> None:
    c.rect(0, 11, 16, 2, p["metal_dark"])
    for x in (1, 9):
        c.box(x, 2, 6, 4, p["fabric_dark"], p["outline"])
        c.box(x, 5, 6, 7, p["fabric"], p["outline"], p["fabric_light"])


def _desk(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.box(1, 4, 46, 10, p["metal"], o, p["metal_light"])
    c.hline(2, 45, 12, p["metal_dark"])
    c.rect(3, 6, 8, 5, p["paper"])  # papers
    c.hline(4, 9, 8, p["ink"])
    c.box(20, 1, 9, 7, p["screen"], o)  # a computer
    c.rect(21, 2, 7, 4, p["screen_light"])
    c.hline(21, 27, 2, shade(p["screen_light"], 0.3))
    c.rect(22, 9, 6, 2, p["metal_dark"])
    c.disc(40, 6, 2.6, o)  # a lamp
    c.disc(40, 6, 1.8, p["lamp"])
    c.rect(36, 9, 3, 3, p["linen"])


def _filing_cabinet(c: Canvas, p: Theme) -> None:
    c.box(2, 0, 12, 16, p["metal"], p["outline"], p["metal_light"])
    for y in (5, 10):
        c.hline(3, 12, y, p["metal_dark"])
    for y in (2, 7, 12):
        c.hline(6, 9, y, p["metal_light"])
        c.hline(6, 9, y + 1, p["metal_dark"])


def _brain_chart(c: Canvas, p: Theme) -> None:
    c.box(1, 1, 14, 13, p["paper"], p["outline"])
    c.ellipse(8, 7.5, 5, 4, p["brain_dark"])
    c.ellipse(7.7, 7.2, 4.3, 3.4, p["brain"])
    for x, y, x2, y2 in ((5, 6, 7, 8), (8, 5, 9, 7), (10, 7, 11, 9)):
        c.line(x, y, x2, y2, p["brain_dark"])
    c.px(6, 7, p["led_red"])


def _mapping_chair(c: Canvas, p: Theme) -> None:
    o = p["outline"]
    c.round_box(3, 4, 10, 12, p["fabric_dark"], o)
    c.round_box(4, 8, 8, 7, p["fabric"], p["fabric_dark"], p["fabric_light"])
    c.disc(8, 5, 4, o)  # the cap, on the headrest
    c.disc(8, 5, 3.2, p["metal_light"])
    for x, y in ((6, 4), (9, 3), (10, 6), (7, 6)):
        c.px(x, y, p["led"])
    c.line(11, 3, 14, 2, p["metal_dark"])  # its cable, to the console
    c.vline(14, 0, 2, p["metal_dark"])


def _console(c: Canvas, p: Theme) -> None:
    c.box(0, 2, 16, 12, p["metal_dark"], p["outline"])
    c.rect(2, 4, 12, 4, p["screen"])
    for i, x in enumerate(range(2, 14)):
        c.px(x, 5 + (1 if i % 4 in (1, 2) else 0) - (1 if i % 4 == 3 else 0), p["led"])
    for x in (3, 6, 9, 12):
        c.px(x, 10, p["led"] if x != 9 else p["led_red"])
    c.hline(1, 14, 12, p["metal"])


def _book_table(c: Canvas, p: Theme) -> None:
    """A low table of new books laid out flat in rows, one open."""
    c.box(0, 3, 16, 11, p["wood"], p["outline"], p["wood_light"])
    for x, y, col in ((1, 5, "book1"), (6, 5, "book1"), (1, 9, "book2"), (11, 9, "book4")):
        c.rect(x, y, 4, 3, p[col])
        c.hline(x, x + 3, y, shade(p[col], 0.35))
        c.hline(x, x + 3, y + 3, p["outline"])
    c.rect(11, 5, 4, 3, p["book1"])
    c.hline(11, 14, 5, shade(p["book1"], 0.35))
    c.hline(11, 14, 8, p["outline"])
    c.rect(6, 9, 4, 3, p["paper"])  # an open one
    c.vline(7, 9, 11, p["ink"])
    c.px(8, 10, p["ink"])
    c.hline(6, 9, 12, p["outline"])


def _book_pile(c: Canvas, p: Theme) -> None:
    for i, col in enumerate(("book4", "book1", "book3", "book2")):
        y = 11 - i * 3
        x = 3 + (i % 2) * 2
        c.box(x, y, 9 - i, 4, p[col], p["outline"])
        c.hline(x + 1, x + 6 - i, y + 1, shade(p[col], 0.35))


def _card_rack(c: Canvas, p: Theme) -> None:
    c.box(1, 1, 14, 14, p["metal_dark"], p["outline"])
    for i, (x, y) in enumerate(((2, 2), (8, 2), (2, 8), (8, 8))):
        c.rect(x, y, 6, 6, p["paper"] if i != 1 else p["heart_light"])
        c.frame(x, y, 6, 6, p["metal"])
    c.art(3, 3, [".h.h", "hhhh", ".hh."], {"h": p["heart"]})
    c.art(9, 4, ["a.a", ".a."], {"a": p["paper"]})
    c.hline(3, 6, 10, p["ink"])
    c.hline(9, 12, 11, p["book2"])


def _service_counter(c: Canvas, p: Theme) -> None:
    c.rect(0, 3, 16, 11, p["wood"])
    c.hline(0, 15, 3, p["outline"])
    c.hline(0, 15, 13, p["outline"])
    c.hline(0, 15, 4, p["wood_light"])
    c.rect(0, 11, 16, 2, p["wood_dark"])
    c.rect(3, 6, 5, 3, p["paper"])
    c.hline(4, 6, 7, p["ink"])
    c.rect(10, 5, 3, 5, p["book2"])
    c.px(10, 5, shade(p["book2"], 0.3))


def _hearts(c: Canvas, p: Theme) -> None:
    heart = [".hh.hh.", "hHhhhhh", "hhhhhhh", ".hhhhh.", "..hhh..", "...h..."]
    small = [".h.h.", "hhhhh", ".hhh.", "..h.."]
    cols = {"h": p["heart"], "H": p["heart_light"]}
    c.hline(0, 15, 1, p["ink"])  # on a thread across the shop window
    c.vline(4, 1, 2, p["ink"])
    c.vline(12, 1, 6, p["ink"])
    c.art(1, 3, heart, cols)
    c.art(10, 7, small, cols)


def _boxes(c: Canvas, p: Theme) -> None:
    for x, y, w, h in ((1, 6, 9, 9), (7, 2, 8, 8)):
        c.box(x, y, w, h, p["cardboard"], p["outline"], shade(p["cardboard"], 0.2))
        c.vline(x + w // 2, y + 1, y + h - 2, p["cardboard_dark"])


def _dinner(c: Canvas, p: Theme) -> None:
    c.box(0, 1, 16, 14, p["linen"], p["outline"], (255, 255, 255))
    for cx, cy in ((5, 5), (11, 11)):
        c.disc(cx, cy, 3, p["linen_shade"])
        c.disc(cx, cy, 2, p["paper"])
        c.px(cx, cy, p["plant"])
        c.px(cx - 1, cy, p["heart"])
    c.disc(11.5, 4.5, 1.3, p["lamp"])  # a candle
    c.px(4, 11, p["glass_light"])
    c.px(4, 12, p["glass_light"])


def elevator(p: Theme) -> Canvas:
    c = face(p)
    c.rect(2, 1, 12, 15, p["metal_dark"])
    c.rect(3, 4, 10, 12, p["metal"])
    c.vline(7, 4, 15, p["metal_dark"])
    c.vline(8, 4, 15, p["metal_light"])
    c.rect(6, 2, 4, 1, p["lamp"])
    return c


def stove_canvas(p: Theme) -> Canvas:
    """The stove, unshadowed, for a memory to put something on it."""
    c = tile()
    _stove(c, p)
    return c


def single(fn: Callable[[Canvas, Theme], None]) -> Draw:
    def make(p: Theme) -> Canvas:
        return thing(fn)(p)[0]
    return make


def base_tiles(p: Theme) -> list[Canvas]:
    """The 72 shared tiles, in gid order."""
    car_l, car_r = car(p)
    bed = thing(_bed, 32, 32)(p)
    sofa = thing(_sofa, 48, 16)(p)
    desk = thing(_desk, 48, 16)(p)
    tiles = [
        wood_floor(p), checker_floor(p), carpet_floor(p), office_floor(p),  # 1-4
        lino_floor(p), stone_floor(p), threshold_floor(p), ground(p),  # 5-8
        snow(p), footprints(p), curb(p), gutter(p),  # 9-12
        road(p), window_side(p), car_l, car_r,  # 13-16
        wall(p), face(p), face(p, clinic=True), face_window(p),  # 17-20
        face_window(p, clinic=True), door_face(p), door_side(p), stairs(p),  # 21-24
        bricks(p), bricks_window(p), storefront(p), glass_door(p),  # 25-28
        sign(p, "LA"), sign(p, "CU"), sign(p, "NA"), street_lamp(p),  # 29-32
        *bed, single(_nightstand)(p), single(_wardrobe)(p),  # 33-38
        single(_bookshelf)(p), single(_plant)(p),  # 39-40
        *sofa, single(_armchair)(p),  # 41-44
        single(_coffee_table)(p), single(_television)(p), single(_coat_rack)(p),  # 45-47
        single(_radiator)(p),  # 48
        single(_fridge)(p), single(_stove)(p), single(_sink)(p), single(_counter)(p),  # 49-52
        single(_cupboard)(p), single(_kitchen_table)(p), single(_chair)(p),  # 53-55
        single(_mailboxes)(p),  # 56
        single(_waiting_chairs)(p), *desk,  # 57-60
        single(_filing_cabinet)(p), single(_brain_chart)(p), single(_mapping_chair)(p),  # 61-63
        single(_console)(p), single(_book_table)(p), single(_book_pile)(p),  # 64-66
        single(_card_rack)(p), single(_service_counter)(p), single(_hearts)(p),  # 67-69
        single(_boxes)(p), single(_dinner)(p), elevator(p),  # 70-72
    ]
    assert len(tiles) == 72, len(tiles)
    return tiles


# What each gid is, for map authors (assets/README.md repeats it) and for tests.
NAMES = [
    "wood floor", "kitchen tiles", "carpet", "office carpet",
    "clinic linoleum", "flagstones (hall, lobby)", "doorway floor / plain boards",
    "outside ground",
    "snow (sidewalk)", "snow with footprints", "kerb", "gutter (road's top edge)",
    "road", "window in a north-south wall", "parked car (front)", "parked car (back)",
    "wall (top)", "wall face: wallpaper", "wall face: clinic paint", "wall face with window",
    "clinic wall face with window", "door in a wall face", "door in a north-south wall",
    "stairs",
    "brick street front, snow on top", "brick street front, lit window", "shop glass front",
    "shop glass doors",
    "sign: LA", "sign: CU", "sign: NA", "street lamp",
    "bed (top left)", "bed (top right)", "bed (bottom left)", "bed (bottom right)",
    "nightstand with lamp", "wardrobe", "bookshelf", "potted plant",
    "sofa (left)", "sofa (middle)", "sofa (right)", "armchair",
    "coffee table", "television", "coat rack with coat", "radiator",
    "fridge", "stove", "sink", "counter",
    "cupboard", "kitchen table", "chair", "mailboxes",
    "row of waiting chairs", "desk (left, papers)", "desk (middle, computer)",
    "desk (right, lamp)",
    "filing cabinet", "brain chart", "mapping chair with the cap", "console",
    "table of books", "pile of books", "card rack", "service counter",
    "paper hearts", "cardboard boxes", "dinner table", "elevator",
]
