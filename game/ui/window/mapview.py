"""The map of a memory: its tile layers prerendered once, then per room the erasure's overlay
(faded, blurred, dissolving, gone) and Joel's token, scaled to fit the map area."""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pygame

from game.packs.source import open_source
from game.packs.tiles import Image, ImageLayer, TileLayer, TileMap, Tileset

MAX_IMAGE_BYTES = 32 * 1024 * 1024
BACKGROUND = (24, 22, 28)
WHITE = (255, 255, 255)
TOKEN = (230, 60, 50)
# how much of the colour each stage drains (0 vivid ... 4 gone)
GREY_SHARE = {1: 0.7, 2: 0.88, 3: 0.96}
WASH = {1: 40, 2: 70, 3: 90}  # and how pale it turns (alpha of a white wash)
NOISE_BLOCK = 4  # pixels of map per cell of the dissolving noise

Polygon = Sequence[tuple[float, float]]


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


def centre(shape: Polygon) -> tuple[float, float]:
    """The middle of a room's polygon (the mean of its corners)."""
    xs = [p[0] for p in shape]
    ys = [p[1] for p in shape]
    return sum(xs) / len(xs), sum(ys) / len(ys)


class MapView:
    """One level's map: built once, then composed with the rooms' stages when they change."""

    def __init__(self, base: pygame.Surface, rooms: Mapping[str, Polygon]) -> None:
        self.base = base
        self.rooms = {rid: tuple(shape) for rid, shape in rooms.items() if len(shape) >= 3}
        self._effects: dict[tuple[str, int], tuple[pygame.Surface, pygame.Rect]] = {}
        self._composed: tuple[tuple[tuple[str, int], ...], pygame.Surface] | None = None
        self._scaled: tuple[tuple[object, ...], pygame.Surface] | None = None

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
            region = self.base.subsurface(rect).copy()
            if stage >= 4:
                region.fill(WHITE)
            else:
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
            out = region.convert_alpha()
            out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            self._effects[key] = (out, rect)
        return self._effects[key]

    @staticmethod
    def _noise(rid: str, size: tuple[int, int]) -> pygame.Surface:
        """White specks over about half the region, the same every time for the same room."""
        rng = random.Random(zlib.crc32(rid.encode("utf-8")))
        cw, ch = max(1, -(-size[0] // NOISE_BLOCK)), max(1, -(-size[1] // NOISE_BLOCK))
        small = pygame.Surface((cw, ch), pygame.SRCALPHA)
        for y in range(ch):
            for x in range(cw):
                if rng.random() < 0.5:
                    small.set_at((x, y), (255, 255, 255, 255))
        return pygame.transform.scale(small, (cw * NOISE_BLOCK, ch * NOISE_BLOCK))

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

    # -- on screen -------------------------------------------------------------------------------
    def fit(self, area: pygame.Rect) -> tuple[float, pygame.Rect]:
        """The scale and the rectangle the map takes, centred in ``area``."""
        w, h = self.size
        scale = min(area.w / w, area.h / h) if w and h else 1.0
        rect = pygame.Rect(0, 0, max(1, round(w * scale)), max(1, round(h * scale)))
        rect.center = area.center
        return scale, rect

    def draw(self, target: pygame.Surface, area: pygame.Rect, stages: Mapping[str, int],
             joel: str | None) -> pygame.Rect:
        scale, rect = self.fit(area)
        composed = self.compose(stages)
        key = (id(composed), rect.size)
        if self._scaled is None or self._scaled[0] != key:
            self._scaled = (key, pygame.transform.smoothscale(composed, rect.size))
        target.blit(self._scaled[1], rect)
        if joel is not None and joel in self.rooms:
            cx, cy = centre(self.rooms[joel])
            at = (rect.x + round(cx * scale), rect.y + round(cy * scale))
            radius = max(4, round(6 * scale))
            pygame.draw.circle(target, (20, 20, 20), at, radius + 2)
            pygame.draw.circle(target, TOKEN, at, radius)
        return rect
