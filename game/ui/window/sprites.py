"""People's pictures for the map's tokens: the PNGs that assets/tiles/make_tiles.py draws into
assets/sprites, loaded once each. A missing folder or file is not an error: the token is then
drawn as the plain coloured disc it always was, so the window works with any pack and any
install."""

from __future__ import annotations

import pygame

from game.resources import assets_dir

# where the sprites are: assets/sprites, in the checkout or in the installed wheel
FOLDERS = (assets_dir() / "sprites",)
SIZE = 16  # pixels a side, as drawn

_cache: dict[str, pygame.Surface | None] = {}
_tokens: dict[tuple[str, tuple[int, int, int], int], pygame.Surface | None] = {}


def sprite(name: str | None) -> pygame.Surface | None:
    """The picture called ``name`` (``"joel"``, ``"clementine-orange"``), or None when there is
    no such picture here."""
    if not name:
        return None
    if name not in _cache:
        found = None
        for folder in FOLDERS:
            path = folder / f"{name}.png"
            if path.is_file():
                try:
                    found = pygame.image.load(str(path))
                    if pygame.display.get_surface() is not None:
                        found = found.convert_alpha()
                except (pygame.error, OSError):
                    found = None
                break
        _cache[name] = found
    return _cache[name]


def badge(picture: pygame.Surface, ring: tuple[int, int, int], factor: int) -> pygame.Surface:
    """A token: the picture enlarged ``factor`` times (whole pixels, so it stays crisp) on a
    dark disc inside a ring of the token's colour."""
    side = SIZE * factor
    radius = side // 2 + 2
    out = pygame.Surface((2 * radius + 2, 2 * radius + 2), pygame.SRCALPHA)
    centre = (radius + 1, radius + 1)
    pygame.draw.circle(out, (20, 20, 20), centre, radius + 1)
    pygame.draw.circle(out, ring, centre, radius)
    pygame.draw.circle(out, (34, 38, 52), centre, radius - 2)
    big = pygame.transform.scale(picture, (side, side))
    framed = pygame.Surface(out.get_size(), pygame.SRCALPHA)
    framed.blit(big, big.get_rect(center=centre))
    round_ = pygame.Surface(out.get_size(), pygame.SRCALPHA)  # the picture cut to the disc
    pygame.draw.circle(round_, (255, 255, 255, 255), centre, radius - 2)
    framed.blit(round_, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    out.blit(framed, (0, 0))
    return out


def token(name: str | None, ring: tuple[int, int, int], factor: int) -> pygame.Surface | None:
    """``badge`` of the picture called ``name`` (made once per ring colour and size), or None
    when there is no such picture."""
    if not name:
        return None
    key = (name, ring, factor)
    if key not in _tokens:
        picture = sprite(name)
        _tokens[key] = None if picture is None else badge(picture, ring, factor)
    return _tokens[key]
