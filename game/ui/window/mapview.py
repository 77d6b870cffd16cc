"""The map of a memory: its tile layers prerendered once, then per room the erasure's overlay
(faded, blurred, dissolving, gone), animated through ``animation.Animator``; the tokens of Joel,
his companion and the things he can see; scaled to fit the map area, or drawn at a readable
scale with a camera on Joel when the map is too large."""

from __future__ import annotations

import io
import math
import random
import zlib
from collections.abc import Mapping, Sequence
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
# how much of the colour each stage drains (0 vivid ... 4 gone)
GREY_SHARE = {1: 0.7, 2: 0.88, 3: 0.96}
WASH = {1: 40, 2: 70, 3: 90}  # and how pale it turns (alpha of a white wash)
NOISE_BLOCK = 4  # pixels of map per cell of the dissolving noise

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


_SPECK = bytes(255 if i < 128 else 0 for i in range(256))  # a random byte: a speck or not


@lru_cache(maxsize=128)
def noise(rid: str, size: tuple[int, int]) -> pygame.Surface:
    """White specks over about half of ``size``, in NOISE_BLOCK squares: made in one go from
    random bytes seeded by the room's id (so the same room always gets the same specks) and
    kept per (room, size).  Not to be drawn on: the surface is shared."""
    rng = random.Random(zlib.crc32(rid.encode("utf-8")))
    cw, ch = max(1, -(-size[0] // NOISE_BLOCK)), max(1, -(-size[1] // NOISE_BLOCK))
    specks = rng.randbytes(cw * ch).translate(_SPECK)  # 255 or 0 a cell
    rgba = bytearray(4 * cw * ch)
    for channel in range(4):  # white and opaque, or black and clear
        rgba[channel::4] = specks
    small = pygame.image.frombytes(bytes(rgba), (cw, ch), "RGBA")
    return pygame.transform.scale(small, (cw * NOISE_BLOCK, ch * NOISE_BLOCK))


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
    def _mask(self, rid: str) -> tuple[pygame.Surface, pygame.Rect]:
        shape = self.rooms[rid]
        xs = [p[0] for p in shape]
        ys = [p[1] for p in shape]
        rect = pygame.Rect(int(min(xs)), int(min(ys)), 0, 0)
        rect.w = int(max(xs) + 0.999) - rect.x
        rect.h = int(max(ys) + 0.999) - rect.y
        rect = rect.clip(self.base.get_rect())
        mask = pygame.Surface(rect.size, pygame.SRCALPHA)
        pts = [(x - rect.x, y - rect.y) for x, y in shape]
        # the surface ends before the right and bottom edges (a neighbour's first pixels), so
        # pygame's fill, which includes the edges, stays inside the room
        pygame.draw.polygon(mask, (255, 255, 255, 255), pts)
        return mask, rect

    def effect(self, rid: str, stage: int) -> tuple[pygame.Surface, pygame.Rect]:
        """The room's region as the stage shows it, transparent outside the room (cached)."""
        key = (rid, stage)
        if key not in self._effects:
            mask, rect = self._mask(rid)
            out = self._region(rid, stage, rect).convert_alpha()
            out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            self._effects[key] = (out, rect)
        return self._effects[key]

    def _region(self, rid: str, stage: int, rect: pygame.Rect) -> pygame.Surface:
        """The room's bounding rectangle as the stage shows it, opaque."""
        region = self.base.subsurface(rect).copy()
        if stage >= 4:
            region.fill(WHITE)
        elif stage > 0:
            grey = pygame.transform.grayscale(region)
            grey.set_alpha(round(GREY_SHARE[stage] * 255))
            region.blit(grey, (0, 0))
            wash = pygame.Surface(rect.size)
            wash.fill(WHITE)
            wash.set_alpha(WASH[stage])
            region.blit(wash, (0, 0))
            if stage >= 2:
                small = (max(1, rect.w // 6), max(1, rect.h // 6))
                region = pygame.transform.smoothscale(
                    pygame.transform.smoothscale(region, small), rect.size)
            if stage == 3:
                region.blit(self._noise(rid, rect.size), (0, 0))
        return region

    @staticmethod
    def _noise(rid: str, size: tuple[int, int]) -> pygame.Surface:
        """White specks over about half the region, the same every time for the same room
        (built once per room and size: see ``noise``)."""
        return noise(rid, size)

    def compose(self, stages: Mapping[str, int]) -> pygame.Surface:
        """The map with every faded room drawn at its stage (cached until a stage changes)."""
        key = tuple(sorted((r, s) for r, s in stages.items() if s > 0 and r in self.rooms))
        if self._composed is None or self._composed[0] != key:
            surf = self.base.copy()
            for rid, stage in key:
                effect, rect = self.effect(rid, min(stage, 4))
                surf.blit(effect, rect.topleft)
            self._composed = (key, surf)
        return self._composed[1]

    # -- scaled, cached ----------------------------------------------------------------------------
    def _base_at(self, scale: float) -> pygame.Surface:
        if self._scaled_base is None or self._scaled_base[0] != scale:
            w, h = self.size
            surf = self.base if scale == 1 else pygame.transform.smoothscale(
                self.base, (max(1, round(w * scale)), max(1, round(h * scale))))
            self._scaled_base = (scale, surf)
            self._scaled_effects.clear()
        return self._scaled_base[1]

    def scaled_effect(self, rid: str, stage: int, scale: float) -> Placed:
        """The room at the stage, scaled, and where it goes on the scaled map (cached)."""
        key = (rid, stage, scale)
        if key not in self._scaled_effects:
            effect, rect = self.effect(rid, stage)
            if scale != 1:  # scale the opaque region, then cut the room out at this scale
                x0, y0 = round(rect.x * scale), round(rect.y * scale)
                x1, y1 = round(rect.right * scale), round(rect.bottom * scale)
                size = (max(1, x1 - x0), max(1, y1 - y0))
                if stage >= 4:  # all white: no filter to dull it
                    effect = pygame.Surface(size, pygame.SRCALPHA)
                    effect.fill(WHITE)
                else:
                    region = self._region(rid, stage, rect)
                    effect = pygame.transform.smoothscale(region, size).convert_alpha()
                mask = pygame.Surface(size, pygame.SRCALPHA)
                pts = [(x * scale - x0, y * scale - y0) for x, y in self.rooms[rid]]
                pygame.draw.polygon(mask, (255, 255, 255, 255), pts)
                effect.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
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
            surf = self._base_at(scale).copy()
            for rid, stage in shown:
                effect, at = self.scaled_effect(rid, stage, scale)
                effect.set_alpha(None)
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
        """The scale and the whole map's rectangle on screen: fitted and centred in ``area``, or,
        if that is below ``MIN_SCALE``, at ``MIN_SCALE`` with the camera on Joel's room (clamped
        so the map's edges never come inside the area); the map may then overhang ``area``."""
        scale, rect = self.fit(area)
        if scale >= MIN_SCALE:
            return scale, rect
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
             looks: Mapping[str, str] | None = None) -> pygame.Rect:
        """Draw the map into ``area``; ``companion`` is the person with Joel (a thing id),
        ``things`` the portable things he can see in his room and ``people`` the others there
        who have a picture; ``looks`` names each one's picture (``""`` for Joel's), where the
        pack gives one. Returns the map's screen rect (clipped to ``area``)."""
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
        self._draw_tokens(target, joel, companion, things, people, looks or {})
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
                     looks: Mapping[str, str] | None = None) -> None:
        """Joel, his companion and the people with pictures, then the things: a person with a
        picture (see ``looks``) as a small portrait in a ring of the token's colour, anyone
        else as a disc, a thing as a square."""
        self.tokens = []
        if joel is None or joel not in self.rooms:
            return
        looks = looks or {}
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
        for tid, point in zip(things, places[len(people_):], strict=False):
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
