"""The map of a memory: its tile layers prerendered once, then per room the erasure's overlay
(faded, blurred, dissolving, gone), animated through ``animation.Animator``; the tokens of Joel,
his companion and the things he can see; scaled to fit the map area, or drawn at a readable
scale with a camera on Joel when the map is too large."""

from __future__ import annotations

import io
import math
import random
import zlib
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pygame

from game.packs.source import open_source
from game.packs.tiles import Image, ImageLayer, TileLayer, TileMap, Tileset
from game.ui.window.animation import FADE_MS, SWEEP_MS, Animator
from game.ui.window.sprites import SIZE as SPRITE_SIZE
from game.ui.window.sprites import token

MAX_IMAGE_BYTES = 32 * 1024 * 1024
BACKGROUND = (24, 22, 28)
WHITE = (255, 255, 255)
TOKEN = (230, 60, 50)  # Joel
COMPANION_TOKEN = (70, 150, 240)  # Clementine, in her blue hair
THING_TOKEN = (250, 200, 60)  # a portable thing Joel can see
PERSON_TOKEN = (150, 160, 176)  # someone else in the room who has a picture
TOKEN_EDGE = (20, 20, 20)
GLOW = (235, 245, 255)  # the locator's light
MIN_SCALE = 0.75  # below this the map is drawn at this scale with a camera instead
TOKEN_STEP = 14.0  # map pixels between token slots
PICTURE_STEP = 22.0  # the same when people are drawn as pictures (bigger tokens)
# The erasure, stage by stage (0 vivid ... 4 gone): the colour drains, then the image softens,
# then paper eats the room from its edges inward, then only paper is left. Every edge is soft and
# bleeds a little past the walls, as a stain does; nothing is a hard rectangle.
GREY_SHARE = {1: 0.72, 2: 0.9, 3: 0.96}  # how much of the colour each stage drains
WASH = {1: 38, 2: 80, 3: 90}  # and how pale it turns (alpha of a paper wash)
SOFTEN = {2: 4, 3: 6}  # how soft the image turns (the blur's reach, in map pixels)
BLEED = 10  # map pixels an effect reaches past a room's walls, fading out raggedly
PAPER = (242, 242, 241)  # the white it bleaches to: a paper, faintly grained
EATEN = 0.5  # at "dissolving", the share of the room (from its middle) not yet eaten
OUTSIDE_FROM = 0.5  # the streets between rooms start to go once this share of the memory is

Polygon = Sequence[tuple[float, float]]
Placed = tuple[pygame.Surface, tuple[int, int]]  # an image and where it goes


def load_images(root: Path, tilesets: Sequence[Tileset]) -> dict[str, pygame.Surface]:
    """Every image the tilesets use, by its path relative to the pack root."""
    wanted: dict[str, Image] = {}
    for ts in tilesets:
        if ts.image is not None:
            wanted[ts.image.path] = ts.image
        for tile in ts.tiles.values():
            if tile.image is not None:
                wanted[tile.image.path] = tile.image
    out: dict[str, pygame.Surface] = {}
    with open_source(root) as source:
        for rel, image in wanted.items():
            data = source.read_bytes(rel, MAX_IMAGE_BYTES)
            surf = pygame.image.load(io.BytesIO(data), rel)
            if image.trans is not None:
                surf = surf.convert()
                surf.set_colorkey((image.trans.r, image.trans.g, image.trans.b))
            out[rel] = surf.convert_alpha()
    return out


def _oriented(tile: pygame.Surface, flip_h: bool, flip_v: bool, flip_d: bool) -> pygame.Surface:
    if flip_d:  # anti-diagonal: swap x and y (Tiled applies it before h and v)
        tile = pygame.transform.flip(pygame.transform.rotate(tile, 90), False, True)
    if flip_h or flip_v:
        tile = pygame.transform.flip(tile, flip_h, flip_v)
    return tile


def prerender(tmap: TileMap, images: Mapping[str, pygame.Surface]) -> pygame.Surface:
    """The map's visible tile and image layers, in Tiled's order and opacity, on one surface."""
    w, h = tmap.width * tmap.tile_width, tmap.height * tmap.tile_height
    out = pygame.Surface((w, h)).convert()
    bg = tmap.background
    out.fill((bg.r, bg.g, bg.b) if bg is not None else BACKGROUND)
    tiles: dict[tuple[int, bool, bool, bool], pygame.Surface | None] = {}

    def tile_surface(gid: int, fh: bool, fv: bool, fd: bool) -> pygame.Surface | None:
        key = (gid, fh, fv, fd)
        if key not in tiles:
            found = tmap.tile(gid)
            surf = None
            if found is not None:
                ts, local = found
                image = ts.image_for(local)
                sheet = images.get(image.path) if image is not None else None
                if sheet is not None:
                    rect = pygame.Rect(ts.source_rect(local)).clip(sheet.get_rect())
                    if rect.w and rect.h:
                        surf = _oriented(sheet.subsurface(rect).copy(), fh, fv, fd)
            tiles[key] = surf
        return tiles[key]

    for placed in tmap.leaves():
        layer = placed.layer
        if not placed.visible or placed.opacity <= 0:
            continue
        ox, oy = round(placed.offset[0]), round(placed.offset[1])
        sheet = pygame.Surface((w, h), pygame.SRCALPHA)
        if isinstance(layer, TileLayer):
            for i, cell in enumerate(layer.cells):
                if not cell.gid:
                    continue
                surf = tile_surface(cell.gid, cell.flip_h, cell.flip_v, cell.flip_d)
                if surf is None:
                    continue
                found = tmap.tile(cell.gid)
                dx, dy = found[0].tile_offset if found else (0, 0)
                x = (i % layer.width) * tmap.tile_width + ox + dx
                # tiles taller than the grid stand on the cell's bottom edge, as in Tiled
                y = (i // layer.width + 1) * tmap.tile_height - surf.get_height() + oy + dy
                sheet.blit(surf, (x, y))
        elif isinstance(layer, ImageLayer) and layer.image is not None:
            img = images.get(layer.image.path)
            if img is not None:
                sheet.blit(img, (ox, oy))
        else:
            continue
        if placed.opacity < 1:
            sheet.set_alpha(round(placed.opacity * 255))
        out.blit(sheet, (0, 0))
    return out


def inside(point: tuple[float, float], shape: Polygon) -> bool:
    """Whether a point is inside a polygon (even-odd rule)."""
    x, y = point
    hit = False
    n = len(shape)
    for i in range(n):
        (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def slots(shape: Polygon, count: int, step: float = TOKEN_STEP) -> list[tuple[float, float]]:
    """``count`` points inside the polygon, ``step`` apart on a grid around its middle, nearest
    the middle first (where the room has no room for them all, the rest share the middle)."""
    cx, cy = centre(shape)
    xs = [p[0] for p in shape]
    ys = [p[1] for p in shape]
    margin = step * 0.4
    found: list[tuple[float, float, float]] = []
    nx = int((max(xs) - min(xs)) / step) + 2
    ny = int((max(ys) - min(ys)) / step) + 2
    for j in range(-ny, ny + 1):
        for i in range(-nx, nx + 1):
            p = (cx + i * step, cy + j * step)
            if all(inside((p[0] + dx, p[1] + dy), shape)
                   for dx, dy in ((0, 0), (margin, 0), (-margin, 0), (0, margin), (0, -margin))):
                found.append((i * i + j * j, p[0], p[1]))
    found.sort()
    out = [(x, y) for _d, x, y in found[:count]]
    if not out:
        out = [(cx, cy)] if inside((cx, cy), shape) else [_inner_point(shape)]
    base = len(out)
    out.extend(out[k % base] for k in range(count - base))
    return out


def _inner_point(shape: Polygon) -> tuple[float, float]:
    """Some point inside a (possibly concave) polygon: the middle of the widest span on the
    horizontal line through its centre."""
    _cx, cy = centre(shape)
    n = len(shape)
    xs: list[float] = []
    for i in range(n):
        (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % n]
        if (y1 > cy) != (y2 > cy):
            xs.append(x1 + (cy - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    spans = [(xs[k + 1] - xs[k], (xs[k] + xs[k + 1]) / 2) for k in range(0, len(xs) - 1, 2)]
    return (max(spans)[1], cy) if spans else centre(shape)


def centre(shape: Polygon) -> tuple[float, float]:
    """The middle of a room's polygon (the mean of its corners)."""
    xs = [p[0] for p in shape]
    ys = [p[1] for p in shape]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _grey_bytes(rng: random.Random, n: int, low: int, high: int) -> bytes:
    """n random bytes spread evenly over low..high."""
    table = bytes(low + (i * (high - low + 1)) // 256 for i in range(256))
    return rng.randbytes(n).translate(table)


@lru_cache(maxsize=64)
def paper(size: tuple[int, int], seed: int = 0) -> pygame.Surface:
    """A sheet of paper: ``PAPER`` with soft blotches and a fine grain, the same every time for
    the same size and seed (made once, from the game's own bytes; not to be drawn on)."""
    rng = random.Random(seed)
    w, h = max(1, size[0]), max(1, size[1])
    sheet = pygame.Surface((w, h)).convert()
    sheet.fill(PAPER)
    for cell, low, high in ((24, 0, 10), (2, 0, 7)):  # blotches, then grain: darkened a little
        cw, ch = max(2, -(-w // cell)), max(2, -(-h // cell))
        grey = _grey_bytes(rng, cw * ch, low, high)
        small = pygame.image.frombytes(bytes(b for g in grey for b in (g, g, g)), (cw, ch), "RGB")
        sheet.blit(pygame.transform.smoothscale(small, (w, h)), (0, 0),
                   special_flags=pygame.BLEND_RGB_SUB)
    return sheet


@lru_cache(maxsize=128)
def noise(rid: str, size: tuple[int, int]) -> pygame.Surface:
    """Where paper eats a dissolving room first: a soft mottle of alpha (white, opaque in
    blotches), seeded by the room's id so the same room always goes the same way; kept per
    (room, size). Not to be drawn on: the surface is shared."""
    rng = random.Random(zlib.crc32(rid.encode("utf-8")))
    w, h = max(1, size[0]), max(1, size[1])
    cw, ch = max(2, -(-w // 12)), max(2, -(-h // 12))
    alpha = _grey_bytes(rng, cw * ch, 90, 255)
    rgba = bytes(b for a in alpha for b in (255, 255, 255, a))
    small = pygame.image.frombytes(rgba, (cw, ch), "RGBA")
    return _blur(pygame.transform.smoothscale(small, (w, h)), 6)


def _blur(image: pygame.Surface, reach: int) -> pygame.Surface:
    """The image blurred by about ``reach`` pixels: shrunk and grown back (cheap, and soft
    enough for a memory going out of focus)."""
    if reach <= 1:
        return image.copy()
    w, h = image.get_size()
    small = pygame.transform.smoothscale(image, (max(1, w // reach), max(1, h // reach)))
    return pygame.transform.smoothscale(small, (w, h))


def _soft(mask: pygame.Surface, reach: int) -> pygame.Surface:
    """An alpha mask blurred by about ``reach`` pixels, kept white (only its alpha counts)."""
    out = _blur(mask, reach)
    out.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
    return out


def _shape_mask(size: tuple[int, int], shape: Polygon, grow: int = 0) -> pygame.Surface:
    """White and opaque inside ``shape`` (grown by ``grow`` pixels), clear outside."""
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pts = [(round(x), round(y)) for x, y in shape]
    pygame.draw.polygon(mask, (255, 255, 255, 255), pts)
    if grow > 0:
        pygame.draw.polygon(mask, (255, 255, 255, 255), pts, grow * 2)
    return mask


def _shrunk(shape: Polygon, share: float) -> list[tuple[float, float]]:
    """The polygon drawn toward its middle, to ``share`` of its size."""
    cx, cy = centre(shape)
    return [(cx + (x - cx) * share, cy + (y - cy) * share) for x, y in shape]


def resizer(scale: float) -> Callable[[pygame.Surface, tuple[int, int]], pygame.Surface]:
    """Nearest neighbour for whole-number scales (crisp pixels), smooth for fractions."""
    return pygame.transform.scale if float(scale).is_integer() else pygame.transform.smoothscale


class MapView:
    """One level's map: built once, then composed with the rooms' stages when they change.

    Drawing: ``draw(target, area, stages, joel, ...)`` scales the map to fit ``area``, or, when
    that would go below ``MIN_SCALE``, draws it at ``MIN_SCALE`` with a camera centred on Joel's
    room and clamped to the map's edges. Everything scaled is cached per (room, stage, scale); a
    frame blits the cached map, then the running cross-fades (one cached room image each, with
    a surface alpha), the locator's light and the tokens.

    Hit-testing (for the mouse), in screen coordinates, as of the last ``draw``:
    ``room_at(pos)`` is the id of the room under ``pos`` (None outside the map area or between
    rooms); ``thing_at(pos)`` is the id of the thing (a visible portable thing, or the
    companion) whose token is under ``pos``, else None. ``to_map(pos)`` converts a screen point
    to map pixels and ``to_screen(point)`` back.
    """

    def __init__(self, base: pygame.Surface, rooms: Mapping[str, Polygon]) -> None:
        self.base = base
        self.rooms = {rid: tuple(shape) for rid, shape in rooms.items() if len(shape) >= 3}
        self._effects: dict[tuple[str, int], tuple[pygame.Surface, pygame.Rect]] = {}
        self._composed: tuple[tuple[tuple[str, int], ...], pygame.Surface] | None = None
        self._scaled_base: tuple[float, pygame.Surface] | None = None
        self._scaled_effects: dict[tuple[str, int, float], Placed] = {}
        self._frame: tuple[tuple[object, ...], pygame.Surface] | None = None
        self._slots: dict[tuple[str, int, float], list[tuple[float, float]]] = {}
        self._layer: pygame.Surface | None = None
        self.shown: dict[str, int] = {}  # the stage each room is shown at (its fade's target)
        # the last draw, for hit-testing
        self.scale = 1.0
        self.origin = (0, 0)  # where map pixel (0, 0) is on screen
        self.clip = pygame.Rect(0, 0, 0, 0)  # the part of the screen the map covers
        self.tokens: list[tuple[str, tuple[int, int], int]] = []  # thing id, centre, radius

    @classmethod
    def load(cls, root: Path, tmap: TileMap, rooms: Mapping[str, Polygon]) -> MapView:
        return cls(prerender(tmap, load_images(root, tmap.tilesets)), rooms)

    @property
    def size(self) -> tuple[int, int]:
        return self.base.get_size()

    # -- the erasure -----------------------------------------------------------------------------
    def _padded(self, rid: str) -> pygame.Rect:
        """The room's bounding rectangle with room for the bleed, inside the map."""
        shape = self.rooms[rid]
        xs = [p[0] for p in shape]
        ys = [p[1] for p in shape]
        rect = pygame.Rect(int(min(xs)), int(min(ys)), 0, 0)
        rect.w = int(max(xs) + 0.999) - rect.x
        rect.h = int(max(ys) + 0.999) - rect.y
        return rect.inflate(4 * BLEED, 4 * BLEED).clip(self.base.get_rect())

    def effect(self, rid: str, stage: int) -> tuple[pygame.Surface, pygame.Rect]:
        """The room as the stage shows it, with soft edges that reach ``BLEED`` pixels past its
        walls and clear beyond (cached per room and stage, at the map's own scale)."""
        key = (rid, stage)
        if key not in self._effects:
            rect = self._padded(rid)
            local = [(x - rect.x, y - rect.y) for x, y in self.rooms[rid]]
            out = self._region(rid, stage, rect, local).convert_alpha()
            out.blit(self._outline(rid, rect.size, local), (0, 0),
                     special_flags=pygame.BLEND_RGBA_MULT)
            self._effects[key] = (out, rect)
        return self._effects[key]

    def _outline(self, rid: str, size: tuple[int, int], local: Polygon) -> pygame.Surface:
        """The room's alpha: whole inside, then a soft edge on the walls and a ragged fringe
        (the room's own mottle) that bleeds up to ``BLEED`` pixels past them."""
        core = _soft(_shape_mask(size, local, BLEED // 4), BLEED // 2)
        fringe = _soft(_shape_mask(size, local, BLEED), BLEED)
        fringe.blit(self._noise(rid, size), (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        fringe.blit(fringe, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)  # sharper rags
        core.blit(fringe, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
        return core

    def _region(self, rid: str, stage: int, rect: pygame.Rect,
                local: Polygon) -> pygame.Surface:
        """The room's padded rectangle as the stage shows it, opaque."""
        if stage >= 4:
            return paper(rect.size).copy()
        region = self.base.subsurface(rect).copy()
        if stage <= 0:
            return region
        grey = pygame.transform.grayscale(region)
        grey.set_alpha(round(GREY_SHARE[stage] * 255))
        region.blit(grey, (0, 0))
        sheet = paper(rect.size)
        sheet.set_alpha(WASH[stage])
        region.blit(sheet, (0, 0))
        sheet.set_alpha(None)
        if stage in SOFTEN:
            region = _blur(region, SOFTEN[stage])
        if stage == 3:  # paper eats in from the walls, unevenly; the middle holds out longest
            kept = _soft(_shape_mask(rect.size, _shrunk(local, EATEN)),
                         max(2, min(rect.size) // 4))
            eaten = pygame.Surface(rect.size, pygame.SRCALPHA)
            eaten.fill((255, 255, 255, 255))
            eaten.blit(kept, (0, 0), special_flags=pygame.BLEND_RGBA_SUB)
            eaten.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
            eaten.blit(eaten, (0, 0), special_flags=pygame.BLEND_RGBA_ADD)  # a quicker front
            eaten.blit(self._noise(rid, rect.size), (0, 0),
                       special_flags=pygame.BLEND_RGBA_MULT)
            layer = paper(rect.size).convert_alpha()
            layer.blit(eaten, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            region.blit(layer, (0, 0))
        return region

    @staticmethod
    def _noise(rid: str, size: tuple[int, int]) -> pygame.Surface:
        """The room's mottle (built once per room and size: see ``noise``)."""
        return noise(rid, size)

    def gone_share(self, stages: Mapping[str, int]) -> float:
        """How much of the memory is gone, 0..1, from its rooms' stages."""
        if not self.rooms:
            return 0.0
        return sum(min(max(stages.get(r, 0), 0), 4) for r in self.rooms) / (4 * len(self.rooms))

    def outside_wash(self, stages: Mapping[str, int]) -> float:
        """How far the streets and walls between the rooms have gone to paper, 0..1: nothing
        until ``OUTSIDE_FROM`` of the memory is gone, all of it when every room is."""
        share = self.gone_share(stages)
        if share >= 1.0:
            return 1.0
        return max(0.0, (share - OUTSIDE_FROM) / (1 - OUTSIDE_FROM)) * 0.85

    def _washed(self, surf: pygame.Surface, wash: float) -> pygame.Surface:
        """The whole map drained and bleached by ``wash`` (the outside, before the rooms go on)."""
        if wash <= 0:
            return surf.copy()
        out = _blur(surf, 2 + round(wash * 6))  # the streets lose their edges as they go
        grey = pygame.transform.grayscale(out)
        grey.set_alpha(round(min(1.0, wash * 1.3) * 255))
        out.blit(grey, (0, 0))
        sheet = paper(out.get_size())
        sheet.set_alpha(round(wash * 255))
        out.blit(sheet, (0, 0))
        sheet.set_alpha(None)
        return out

    def compose(self, stages: Mapping[str, int]) -> pygame.Surface:
        """The map with every faded room drawn at its stage (cached until a stage changes)."""
        key = tuple(sorted((r, s) for r, s in stages.items() if s > 0 and r in self.rooms))
        if self._composed is None or self._composed[0] != key:
            wash = self.outside_wash(dict(key))
            surf = self._washed(self.base, wash)
            for rid in self.rooms if wash > 0 else ():  # the rooms still whole, back on top
                if rid not in dict(key):
                    effect, rect = self.effect(rid, 0)
                    surf.blit(effect, rect.topleft)
            for rid, stage in key:
                effect, rect = self.effect(rid, min(stage, 4))
                surf.blit(effect, rect.topleft)
            self._composed = (key, surf)
        return self._composed[1]

    # -- scaled, cached ----------------------------------------------------------------------------
    def _base_at(self, scale: float) -> pygame.Surface:
        if self._scaled_base is None or self._scaled_base[0] != scale:
            w, h = self.size
            surf = self.base if scale == 1 else resizer(scale)(
                self.base, (max(1, round(w * scale)), max(1, round(h * scale))))
            self._scaled_base = (scale, surf)
            self._scaled_effects.clear()
        return self._scaled_base[1]

    def scaled_effect(self, rid: str, stage: int, scale: float) -> Placed:
        """The room at the stage, scaled, and where it goes on the scaled map (cached). Its
        edges are soft already, so scaling the whole effect keeps them soft."""
        key = (rid, stage, scale)
        if key not in self._scaled_effects:
            effect, rect = self.effect(rid, stage)
            if scale != 1:
                x0, y0 = round(rect.x * scale), round(rect.y * scale)
                x1, y1 = round(rect.right * scale), round(rect.bottom * scale)
                size = (max(1, x1 - x0), max(1, y1 - y0))
                effect = resizer(scale)(effect, size)
                at = (x0, y0)
            else:
                effect = effect.copy()
                at = rect.topleft
            self._scaled_effects[key] = (effect, at)
        return self._scaled_effects[key]

    def frame(self, stages: Mapping[str, int], scale: float) -> pygame.Surface:
        """The scaled map with each room at the given stage (cached until one changes)."""
        shown = tuple(sorted((r, min(s, 4)) for r, s in stages.items()
                             if s > 0 and r in self.rooms))
        key = (scale, shown)
        if self._frame is None or self._frame[0] != key:
            wash = self.outside_wash(dict(shown))
            surf = self._washed(self._base_at(scale), wash)
            faded = dict(shown)
            whole = [(rid, 0) for rid in self.rooms if rid not in faded] if wash > 0 else []
            for rid, stage in whole + list(shown):
                effect, at = self.scaled_effect(rid, stage, scale)
                effect.set_alpha(255)  # (None would switch off its per-pixel alpha too)
                surf.blit(effect, at)
            self._frame = (key, surf)
        return self._frame[1]

    # -- the erasure, animated -------------------------------------------------------------------
    def stage_changed(self, rid: str, stage: int, animator: Animator | None = None) -> None:
        """A room faded to ``stage``: cross-fade its overlay from the stage it shows now."""
        if rid not in self.rooms:
            return
        old = self.shown.get(rid, 0)
        if animator is not None:
            running = animator.get("fade", rid)
            if running is not None and running.progress < 0.5:
                old = running.data["old"]
            if old != stage:
                animator.start("fade", FADE_MS, rid, old=min(old, 4), new=min(stage, 4))
        self.shown[rid] = stage

    def step_taken(self, anchors: Sequence[str], animator: Animator | None) -> None:
        """The erasure took a step: the locator's light runs outward from its anchors."""
        points = [centre(self.rooms[a]) for a in anchors if a in self.rooms]
        if animator is not None and points:
            w, h = self.size
            animator.start("sweep", SWEEP_MS, None, points=points, reach=float(max(w, h)))

    # -- on screen -------------------------------------------------------------------------------
    def fit(self, area: pygame.Rect) -> tuple[float, pygame.Rect]:
        """The scale and the rectangle the map takes, centred in ``area``."""
        w, h = self.size
        scale = min(area.w / w, area.h / h) if w and h else 1.0
        rect = pygame.Rect(0, 0, max(1, round(w * scale)), max(1, round(h * scale)))
        rect.center = area.center
        return scale, rect

    def layout(self, area: pygame.Rect, joel: str | None) -> tuple[float, pygame.Rect]:
        """The scale and the whole map's rectangle on screen.  A map that fits at 1x or more is
        drawn crisp at the whole-number scale that fills ``area`` (the next one up, nearest
        neighbour), with the camera on Joel's room where it overhangs; a smaller area fits
        the map by a fraction, down to ``MIN_SCALE``, below which it stays at ``MIN_SCALE``
        with the camera.  The camera is clamped so the map's edges never come inside the area;
        the map may overhang ``area``."""
        scale, rect = self.fit(area)
        if scale >= 1:
            scale = float(math.ceil(scale - 1e-9))
        elif scale >= MIN_SCALE:
            return scale, rect
        else:
            scale = MIN_SCALE
        w, h = self.size
        rect = pygame.Rect(0, 0, max(1, round(w * scale)), max(1, round(h * scale)))
        fx, fy = centre(self.rooms[joel]) if joel in self.rooms else (w / 2, h / 2)

        def axis(start: int, length: int, full: int, focus: float) -> int:
            if full <= length:
                return start + (length - full) // 2
            cam = min(max(focus * scale - length / 2, 0), full - length)
            return start - round(cam)

        rect.x = axis(area.x, area.w, rect.w, fx)
        rect.y = axis(area.y, area.h, rect.h, fy)
        return scale, rect

    def to_screen(self, point: tuple[float, float]) -> tuple[int, int]:
        return (self.origin[0] + round(point[0] * self.scale),
                self.origin[1] + round(point[1] * self.scale))

    def to_map(self, pos: tuple[int, int]) -> tuple[float, float]:
        return ((pos[0] - self.origin[0]) / self.scale, (pos[1] - self.origin[1]) / self.scale)

    def room_at(self, pos: tuple[int, int]) -> str | None:
        """The room under a screen position (as of the last draw), or None."""
        if not self.clip.collidepoint(pos):
            return None
        point = self.to_map(pos)
        for rid, shape in self.rooms.items():
            if inside(point, shape):
                return rid
        return None

    def thing_at(self, pos: tuple[int, int]) -> str | None:
        """The thing whose token is under a screen position (as of the last draw), or None;
        the nearest when tokens touch."""
        if not self.clip.collidepoint(pos):
            return None
        best: tuple[float, str] | None = None
        for tid, (x, y), radius in self.tokens:
            d = (pos[0] - x) ** 2 + (pos[1] - y) ** 2
            if d <= (radius + 2) ** 2 and (best is None or d < best[0]):
                best = (d, tid)
        return best[1] if best else None

    def draw(self, target: pygame.Surface, area: pygame.Rect, stages: Mapping[str, int],
             joel: str | None, companion: str | None = None, things: Sequence[str] = (),
             animator: Animator | None = None, people: Sequence[str] = (),
             looks: Mapping[str, str] | None = None,
             places: Mapping[str, tuple[float, float]] | None = None) -> pygame.Rect:
        """Draw the map into ``area``; ``companion`` is the person with Joel (a thing id),
        ``things`` the portable things he can see in his room and ``people`` the others there
        who have a picture; ``looks`` names each one's picture (``""`` for Joel's), where the
        pack gives one; ``places`` where a thing stands on the map (map pixels: where the
        author drew it), for those that have a place in Joel's room. Returns the map's screen
        rect (clipped to ``area``)."""
        scale, rect = self.layout(area, joel)
        self.scale, self.origin = scale, rect.topleft
        self.clip = rect.clip(area)
        # rooms whose stage changed without an event (undo, restore) are shown at once
        fades = {str(a.key): a for a in animator.of_kind("fade")} if animator is not None else {}
        for rid, stage in stages.items():
            if rid not in fades:
                self.shown[rid] = stage
        for rid in [r for r in self.shown if r not in stages and r not in fades]:
            del self.shown[rid]
        # the settled map: every fading room still at its old stage
        settled = {rid: s for rid, s in stages.items() if rid not in fades}
        for rid, anim in fades.items():
            settled[rid] = anim.data["old"]
        old_clip = target.get_clip()
        target.set_clip(self.clip)
        target.blit(self.frame(settled, scale), rect.topleft)
        for rid, anim in fades.items():
            effect, at = self.scaled_effect(rid, anim.data["new"], scale)
            effect.set_alpha(round(anim.eased * 255))
            target.blit(effect, (rect.x + at[0], rect.y + at[1]))
        if animator is not None:
            for anim in animator.of_kind("sweep"):
                self._draw_sweep(target, anim.eased, anim.data)
        self._draw_tokens(target, joel, companion, things, people, looks or {}, places or {})
        target.set_clip(old_clip)
        return self.clip

    def _draw_sweep(self, target: pygame.Surface, t: float, data: Mapping[str, object]) -> None:
        """A pale ring running outward from each anchor, fading as it goes."""
        clip = self.clip
        if self._layer is None or self._layer.get_size() != clip.size:
            self._layer = pygame.Surface(clip.size, pygame.SRCALPHA)
        layer = self._layer
        layer.fill((0, 0, 0, 0))
        reach = float(data["reach"]) * self.scale  # type: ignore[arg-type]
        radius = max(2, round(t * reach))
        alpha = (1 - t) * 150
        points: Sequence[tuple[float, float]] = data["points"]  # type: ignore[assignment]
        for point in points:
            x, y = self.to_screen(point)
            at = (x - clip.x, y - clip.y)
            for width, share in ((18, 0.25), (10, 0.5), (4, 1.0)):
                pygame.draw.circle(layer, (*GLOW, round(alpha * share)), at,
                                   radius + width // 2, max(1, width))
        target.blit(layer, clip.topleft)

    def _draw_tokens(self, target: pygame.Surface, joel: str | None, companion: str | None,
                     things: Sequence[str], people: Sequence[str] = (),
                     looks: Mapping[str, str] | None = None,
                     stands: Mapping[str, tuple[float, float]] | None = None) -> None:
        """Joel, his companion and the people with pictures, then the things: a person with a
        picture (see ``looks``) as a small portrait in a ring of the token's colour, anyone
        else as a disc, a thing as a square, drawn where it stands (``stands``) when that is in
        Joel's room, else in a free slot near the middle."""
        self.tokens = []
        if joel is None or joel not in self.rooms:
            return
        looks = looks or {}
        shape = self.rooms[joel]
        placed = {tid: at for tid, at in (stands or {}).items() if inside(at, shape)}
        things = [t for t in things if t not in placed]
        people_ = [("", TOKEN)] + ([(companion, COMPANION_TOKEN)] if companion else [])
        people_ += [(pid, PERSON_TOKEN) for pid in people if pid != companion]
        factor = max(1, round(self.scale))
        pictures = {tid: token(looks.get(tid), colour, factor) for tid, colour in people_}
        step = PICTURE_STEP if any(p is not None for p in pictures.values()) else TOKEN_STEP
        count = len(people_) + len(things)
        key = (joel, count, step)
        if key not in self._slots:
            self._slots[key] = slots(self.rooms[joel], count, step)
        places = self._slots[key]
        big = max(4, round(6 * self.scale))
        small = max(3, round(3 * self.scale))
        for (tid, colour), point in zip(people_, places, strict=False):
            at = self.to_screen(point)
            picture = pictures[tid]
            if picture is not None:
                target.blit(picture, picture.get_rect(center=at))
                radius = SPRITE_SIZE * factor // 2 + 2
            else:
                pygame.draw.circle(target, TOKEN_EDGE, at, big + 2)
                pygame.draw.circle(target, colour, at, big)
                radius = big
            if tid:
                self.tokens.append((tid, at, radius))
        for tid, point in [*zip(things, places[len(people_):], strict=False),
                           *placed.items()]:
            at = self.to_screen(point)
            box = pygame.Rect(0, 0, 2 * small + 1, 2 * small + 1)
            box.center = at
            pygame.draw.rect(target, TOKEN_EDGE, box.inflate(2, 2))
            pygame.draw.rect(target, THING_TOKEN, box)
            self.tokens.append((tid, at, small + 1))


_overlays: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}


def _overlay_surface(kind: str, size: tuple[int, int]) -> pygame.Surface:
    key = (kind, size)
    if key not in _overlays:
        if kind == "white":
            surf = pygame.Surface(size).convert()
            surf.fill(WHITE)
        else:  # a vignette: dark all over, darkest at the corners
            n = 32
            small = pygame.Surface((n, n), pygame.SRCALPHA)
            for y in range(n):
                for x in range(n):
                    d = min(1.0, math.hypot(x - (n - 1) / 2, y - (n - 1) / 2) / (n / 2 * 1.2))
                    small.set_at((x, y), (6, 4, 12, round(120 + 135 * d * d)))
            surf = pygame.transform.smoothscale(small, size)
        if len(_overlays) > 16:
            _overlays.clear()
        _overlays[key] = surf
    return _overlays[key]


def overlay(target: pygame.Surface, area: pygame.Rect, kind: str, strength: float) -> None:
    """Cover ``area`` with a cached "white" or "vignette" surface at ``strength`` (0..1)."""
    alpha = round(max(0.0, min(1.0, strength)) * 255)
    if alpha <= 0 or area.w <= 0 or area.h <= 0:
        return
    surf = _overlay_surface(kind, area.size)
    surf.set_alpha(alpha)
    target.blit(surf, area.topleft)
