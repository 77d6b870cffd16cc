"""The look of each memory: a palette (named colours) and a few motifs, over the campaign's.

Every tile is drawn from named colours (``wood``, ``carpet``, ``glass`` ...), never from
numbers, so a memory changes its look by changing colours here, and its motifs (how the
ground, the road, the wallpaper and the carpet are patterned) by naming another pattern.
The film's palette: winter blues and greys; warm colour is Clementine's hair's (the sprites),
so the tiles keep their reds and oranges few and muted (a sodium lamp, paper lanterns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[int, ...]

# The campaign's own look: Valentine's eve, a snowy night, Joel's apartment and Lacuna's clinic.
SPOTLESS: dict[str, RGB] = {
    "outline": (24, 24, 34), "shadow": (6, 8, 20, 80),
    # outside
    "ground": (46, 52, 70), "ground_speck": (138, 152, 178), "ground_light": (58, 66, 86),
    "snow": (220, 228, 238), "snow_shade": (194, 206, 224), "snow_print": (170, 184, 206),
    "road": (50, 54, 64), "road_light": (62, 66, 78), "slush": (112, 120, 136),
    "curb": (146, 150, 160), "curb_dark": (108, 112, 124),
    # floors
    "wood": (110, 86, 72), "wood_dark": (86, 66, 58), "wood_light": (128, 102, 86),
    "tile_a": (204, 210, 218), "tile_b": (148, 160, 180),
    "carpet": (62, 78, 118), "carpet_dark": (52, 66, 102), "carpet_light": (74, 92, 134),
    "office": (104, 108, 118), "office_dark": (90, 94, 104),
    "lino": (192, 204, 200), "lino_line": (170, 184, 180),
    "stone": (126, 122, 118), "stone_dark": (100, 98, 96), "stone_light": (142, 138, 134),
    "threshold": (118, 108, 100), "threshold_dark": (96, 88, 82),
    # walls
    "wall_top": (30, 34, 46), "wall_top_light": (42, 48, 62),
    "face_home": (102, 122, 154), "face_home_dark": (88, 106, 138),
    "face_clinic": (166, 182, 178), "face_clinic_dark": (146, 162, 160),
    "trim": (58, 56, 62), "trim_light": (84, 82, 90),
    "glass": (46, 64, 98), "glass_light": (132, 164, 200), "frame": (206, 212, 222),
    "lit": (232, 216, 158), "lit_dark": (196, 176, 118),
    "brick": (104, 76, 74), "brick_dark": (84, 60, 60), "mortar": (128, 114, 112),
    "door": (106, 80, 64), "door_dark": (78, 58, 48), "knob": (212, 196, 146),
    # things
    "metal": (132, 140, 152), "metal_dark": (94, 100, 112), "metal_light": (178, 186, 198),
    "fabric": (70, 88, 130), "fabric_dark": (54, 68, 104), "fabric_light": (96, 116, 158),
    "her_chair": (118, 96, 120), "her_chair_dark": (94, 74, 98),
    "linen": (226, 230, 236), "linen_shade": (186, 194, 210),
    "blanket": (80, 100, 140), "blanket_dark": (62, 80, 116), "blanket_light": (104, 126, 166),
    "plant": (74, 118, 96), "plant_dark": (50, 86, 72), "plant_light": (108, 150, 120),
    "pot": (120, 100, 92),
    "book1": (140, 70, 78), "book2": (70, 100, 140), "book3": (196, 188, 160),
    "book4": (84, 120, 100), "book5": (116, 98, 138),
    "screen": (28, 38, 58), "screen_light": (118, 168, 208),
    "paper": (232, 230, 222), "ink": (90, 96, 110),
    "heart": (176, 70, 88), "heart_light": (210, 124, 134),
    "neon": (236, 150, 70), "sign": (24, 28, 40),  # "orange letters", says the prologue
    "lamp": (250, 226, 170), "glow": (240, 180, 110, 60),  # "drips orange light"
    "car": (92, 106, 128), "car_dark": (66, 76, 96), "car_light": (128, 144, 166),
    "cardboard": (148, 126, 98), "cardboard_dark": (118, 98, 76),
    "brain": (196, 160, 170), "brain_dark": (150, 112, 126),
    "led": (126, 220, 170), "led_red": (214, 96, 96),
    # what only some memories' extra tiles use
    "skin": (214, 188, 172), "skin_dark": (176, 148, 136), "hair_dark": (52, 44, 48),
    "awning": (84, 110, 150), "awning_light": (214, 218, 226),
    "fruit_red": (160, 62, 66), "fruit_green": (132, 160, 84),
    "lantern": (168, 64, 62), "lantern_light": (214, 120, 96),
    "potato": (176, 150, 108), "potato_dark": (132, 108, 76),
    "ice": (70, 100, 144), "ice_light": (150, 184, 220), "water": (14, 20, 40),
    "wine": (96, 36, 56),
}


@dataclass(frozen=True)
class Theme:
    """One memory's look: its id (the file name), a title, colours and motifs."""

    id: str
    title: str
    colours: dict[str, RGB]
    motifs: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> RGB:
        return self.colours[name]

    def motif(self, what: str) -> str:
        return self.motifs.get(what, "plain")


def theme(id: str, title: str, motifs: dict[str, str] | None = None, **colours: RGB) -> Theme:
    unknown = set(colours) - set(SPOTLESS)
    if unknown:
        raise KeyError(f"{id}: colours the tiles never use: {sorted(unknown)}")
    return Theme(id, title, SPOTLESS | colours, motifs or {})


BASE_MOTIFS = {"ground": "snow", "road": "asphalt", "wallpaper": "stripes", "carpet": "weave"}

THEMES: list[Theme] = [
    theme("spotless", "Valentine's eve: the apartment, Lacuna, the bookstore", BASE_MOTIFS),
    # 3 a.m.: lights off, the street's sodium lamp the only warm thing, everything else cold.
    theme("lastfight", "The last fight: the apartment at 3 a.m., the hall, the street",
          BASE_MOTIFS | {"wallpaper": "plain"},
          ground=(24, 26, 42), ground_speck=(92, 96, 126), ground_light=(32, 36, 54),
          snow=(150, 154, 178), snow_shade=(128, 132, 160), snow_print=(108, 112, 142),
          road=(30, 32, 44), road_light=(40, 42, 56), slush=(76, 80, 100),
          curb=(96, 98, 116), curb_dark=(70, 72, 90),
          wood=(74, 62, 66), wood_dark=(58, 48, 54), wood_light=(88, 74, 78),
          tile_a=(122, 128, 148), tile_b=(84, 92, 116),
          carpet=(42, 48, 82), carpet_dark=(34, 40, 70), carpet_light=(52, 58, 94),
          stone=(78, 78, 90), stone_dark=(62, 62, 74), stone_light=(90, 90, 104),
          threshold=(74, 68, 72), threshold_dark=(60, 54, 60),
          wall_top=(16, 18, 28), wall_top_light=(26, 28, 42),
          face_home=(62, 70, 104), face_home_dark=(52, 60, 92),
          face_clinic=(92, 98, 118), face_clinic_dark=(78, 84, 104),
          glass=(22, 26, 48), glass_light=(84, 96, 138), frame=(120, 124, 146),
          lit=(220, 160, 84), lit_dark=(170, 116, 62),
          brick=(70, 54, 62), brick_dark=(54, 42, 50), mortar=(88, 80, 90),
          door=(76, 60, 58), door_dark=(54, 42, 42), knob=(160, 140, 110),
          fabric=(46, 58, 92), fabric_dark=(36, 46, 76), fabric_light=(62, 76, 112),
          her_chair=(84, 68, 88), her_chair_dark=(66, 52, 72),
          linen=(150, 156, 178), linen_shade=(118, 126, 152),
          blanket=(54, 66, 100), blanket_dark=(42, 52, 84), blanket_light=(70, 84, 120),
          lamp=(244, 176, 90), glow=(232, 150, 70, 64),
          car=(70, 82, 104), car_dark=(48, 56, 74), car_light=(98, 112, 136)),
    # Jade walls, dark wood, white cloths and dim paper lanterns: two people with nothing to say.
    theme("restaurant", "The dining dead: the Chinese restaurant, the sidewalk",
          BASE_MOTIFS | {"wallpaper": "lattice", "carpet": "diamond"},
          wood=(92, 64, 58), wood_dark=(72, 48, 46), wood_light=(110, 80, 70),
          carpet=(38, 70, 74), carpet_dark=(30, 58, 62), carpet_light=(52, 88, 90),
          face_home=(62, 100, 94), face_home_dark=(48, 82, 78),
          face_clinic=(150, 136, 112), face_clinic_dark=(128, 114, 94),
          trim=(60, 34, 36), trim_light=(86, 52, 50),
          lino=(170, 160, 140), lino_line=(146, 136, 118),
          lit=(236, 206, 140), lit_dark=(196, 160, 100),
          fabric=(96, 52, 58), fabric_dark=(74, 38, 46), fabric_light=(120, 70, 74),
          her_chair=(96, 52, 58), her_chair_dark=(74, 38, 46),
          heart=(170, 62, 62), heart_light=(206, 110, 98),
          neon=(230, 132, 120), lamp=(240, 214, 160), glow=(240, 200, 140, 52),
          book1=(160, 58, 58), book2=(190, 160, 96), book3=(224, 220, 206),
          book4=(60, 100, 90), book5=(90, 70, 60)),
    # A grey afternoon in a street market, striped awnings; then their bed, at night.
    theme("market", "Arguments about a child: the street market, their bed",
          BASE_MOTIFS | {"ground": "cobbles", "wallpaper": "plain"},
          ground=(100, 104, 112), ground_speck=(124, 128, 136), ground_light=(116, 120, 128),
          snow=(196, 200, 204), snow_shade=(176, 180, 188), snow_print=(150, 156, 166),
          road=(70, 72, 78), road_light=(84, 86, 92), slush=(120, 122, 128),
          wood=(116, 98, 80), wood_dark=(92, 76, 62), wood_light=(136, 116, 96),
          carpet=(40, 52, 86), carpet_dark=(32, 42, 72), carpet_light=(50, 64, 100),
          face_home=(124, 132, 140), face_home_dark=(108, 116, 126),
          brick=(112, 96, 92), brick_dark=(92, 78, 76), mortar=(140, 132, 128),
          fabric=(88, 120, 120), fabric_dark=(66, 96, 98), fabric_light=(112, 146, 144),
          linen=(190, 196, 214), linen_shade=(150, 160, 186),
          blanket=(56, 70, 108), blanket_dark=(42, 54, 90), blanket_light=(72, 88, 128),
          lit=(214, 222, 236), lit_dark=(170, 182, 204), glass=(112, 130, 150),
          heart=(120, 146, 178), heart_light=(168, 188, 212),
          book1=(150, 90, 70), book2=(120, 140, 80), book3=(210, 190, 120),
          book4=(150, 70, 80), book5=(110, 90, 140)),
    # Her place: lilac walls, a patchwork quilt, a pale mint kitchen, a lamp under the covers.
    theme("ugly", "\"Am I ugly?\": Clementine's bedroom and kitchen",
          BASE_MOTIFS | {"wallpaper": "sprig", "carpet": "quilt"},
          wood=(104, 86, 86), wood_dark=(84, 68, 70), wood_light=(122, 102, 100),
          tile_a=(184, 208, 196), tile_b=(128, 160, 150),
          carpet=(92, 78, 110), carpet_dark=(76, 62, 94), carpet_light=(112, 98, 132),
          face_home=(126, 110, 142), face_home_dark=(108, 92, 124),
          face_clinic=(168, 196, 184), face_clinic_dark=(146, 174, 164),
          fabric=(102, 84, 122), fabric_dark=(82, 66, 102), fabric_light=(128, 110, 148),
          her_chair=(132, 92, 108), her_chair_dark=(106, 72, 88),
          blanket=(118, 100, 146), blanket_dark=(94, 78, 120), blanket_light=(146, 128, 170),
          linen=(224, 220, 232), linen_shade=(188, 182, 204),
          lit=(226, 214, 170), lamp=(246, 232, 180), glow=(246, 226, 170, 70),
          book1=(160, 96, 110), book2=(96, 130, 150), book3=(214, 200, 150),
          book4=(120, 150, 110), book5=(150, 120, 170)),
    # The Charles frozen over, at night: ice for the road, snowbanks, stars above and below.
    theme("charles", "The Charles River on the ice, under the stars",
          BASE_MOTIFS | {"ground": "stars", "road": "ice"},
          ground=(20, 26, 52), ground_speck=(214, 224, 246), ground_light=(34, 42, 74),
          snow=(170, 186, 216), snow_shade=(146, 162, 198), snow_print=(124, 140, 180),
          road=(86, 118, 158), road_light=(118, 152, 190), slush=(170, 200, 228),
          curb=(140, 156, 190), curb_dark=(104, 120, 158),
          stone=(96, 108, 136), stone_dark=(78, 90, 118), stone_light=(112, 124, 152),
          face_home=(72, 86, 124), face_home_dark=(60, 72, 108),
          glass=(18, 24, 50), glass_light=(90, 110, 160),
          lamp=(220, 230, 250), glow=(200, 214, 250, 50),
          car=(60, 70, 100), car_dark=(40, 48, 74), car_light=(90, 104, 140)),
]
