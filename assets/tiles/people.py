"""People's sprites: a head and shoulders, 16x16, seen from the front, for the map's tokens.

Each person is a head (hair, face) over a body (clothes), from text art with one letter a
colour. Clementine's hair is the one warm colour in the game, and it changes with the
memory: green, red, orange, blue; everyone else is dressed in the winter greys and blues.
"""

from __future__ import annotations

from canvas import Canvas, shade

OUTLINE = (24, 24, 34)
SKIN = (222, 192, 172)
SKIN_SHADE = (188, 154, 140)
EYES = (40, 36, 48)

# Clementine's hair through the relationship (GAME.md): the names are her dyes' in the film.
HAIR = {
    "green": (62, 178, 96),  # the first days, Montauk
    "red": (212, 44, 58),  # the good years
    "orange": (246, 132, 36),  # around the turning point
    "blue": (52, 112, 232),  # now, at the bookstore
}

# the heads: H hair, h its shade, L its shine, S skin, s skin's shade, e eyes, g glasses
SHORT = [
    "................",
    ".....oooooo.....",
    "....oHHLHHHo....",
    "...oHHLHHHHHo...",
    "...oHhSSSShHo...",
    "...oHSSSSSSHo...",
    "...oSeSSSSeSo...",
    "...oSSSSSSSSo...",
    "....oSSssSSo....",
    ".....oSSSSo.....",
]
BOB = [
    "....oooooooo....",
    "...oHHHLLHHHo...",
    "..oHHHLHHHHHHo..",
    "..oHHHHHHHHHHo..",
    "..oHHSSSSSSHHo..",
    "..oHSeSSSSeSHo..",
    "..oHSSSSSSSSHo..",
    "..oHhSSssSShHo..",
    "..oHHhoSSohHHo..",
    "..ooHoSSSSoHoo..",
]
BALD = [
    "................",
    ".....oooooo.....",
    "....oSSSSSSo....",
    "...ohSSSSSShho..",
    "..ohhSSSSSShho..",
    "...oSggSSggSo...",
    "...oSgeSSegSo...",
    "...oSSSSSSSSo...",
    "....oSSssSSo....",
    ".....oSSSSo.....",
]
SHAGGY = [
    "....oooooooo....",
    "...oHHHHLHHHo...",
    "..oHHLHHHHHHHo..",
    "..oHHHHHHHHHHo..",
    "..oHhSSSSSShHo..",
    "..oHSeSSSSeSHo..",
    "...oSSSSSSSSo...",
    "...ohSSssSShHo..",
    "....ohSSSShho...",
    ".....oooooo.....",
]
PONYTAIL = [
    "..........ooo...",
    ".....ooooooHHo..",
    "....oHHLHHHoHo..",
    "...oHHLHHHHHo...",
    "...oHSSSSSShHo..",
    "...oHSSSSSSSHo..",
    "...oSeSSSSeSo...",
    "...oSSSSSSSSo...",
    "....oSSssSSo....",
    ".....oSSSSo.....",
]
MESSY = [
    "....o.oo.oo.....",
    "...oHoHHoHHo....",
    "...oHHHLHHHHo...",
    "...oHHLHHHHHo...",
    "...oHhSSSShHo...",
    "...oSSSSSSSSo...",
    "...oSeSSSSeSo...",
    "...oSSSSSSSSo...",
    "....oSSssSSo....",
    ".....oSSSSo.....",
]
# the shoulders: C clothes, c their shade, W a collar or shirt, T a tie
COAT = [
    "...ooooWWoooo...",
    "..oCCCCWWCCCCo..",
    ".oCCcCCCCCCcCCo.",
    ".oCCcCCCCCCcCCo.",
    ".oCCcCCCCCCcCCo.",
    ".oooooooooooooo.",
]
SWEATER = [
    "...oooCCCCooo...",
    "..oCCCCCCCCCCo..",
    ".oCCcCCCCCCcCCo.",
    ".oCCcCCCCCCcCCo.",
    ".oCCcCCCCCCcCCo.",
    ".oooooooooooooo.",
]
SUIT = [
    "...oooWTTWooo...",
    "..oCCCWTTWCCCo..",
    ".oCCcCCTTCCcCCo.",
    ".oCCcCCTTCCcCCo.",
    ".oCCcCCCCCCcCCo.",
    ".oooooooooooooo.",
]


def sprite(head: list[str], body: list[str], hair: tuple[int, int, int],
           clothes: tuple[int, int, int], collar: tuple[int, int, int] = (210, 214, 222),
           tie: tuple[int, int, int] = (70, 80, 110)) -> Canvas:
    c = Canvas(16, 16)
    colours = {
        "o": OUTLINE, "H": hair, "h": shade(hair, -0.3), "L": shade(hair, 0.35),
        "S": SKIN, "s": SKIN_SHADE, "e": EYES, "g": (150, 160, 176),
        "C": clothes, "c": shade(clothes, -0.25), "W": collar, "T": tie,
    }
    c.art(0, 10, body, colours)
    c.art(0, 0, head, colours)
    return c


def people() -> dict[str, Canvas]:
    """Every sprite, by file name (without .png)."""
    out = {
        "joel": sprite(SHORT, COAT, (70, 54, 46), (74, 84, 100)),
        "mary": sprite(PONYTAIL, SWEATER, (206, 186, 130), (150, 160, 190)),
        "stan": sprite(SHAGGY, SWEATER, (46, 40, 40), (60, 66, 74)),
        "patrick": sprite(MESSY, SWEATER, (112, 84, 60), (96, 112, 96)),
        "mierzwiak": sprite(BALD, SUIT, (170, 170, 176), (82, 90, 108)),
    }
    for name, colour in HAIR.items():
        out[f"clementine-{name}"] = sprite(BOB, COAT, colour, (58, 62, 84),
                                           collar=(96, 104, 126))
    return out
