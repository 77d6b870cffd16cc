"""A tiny pixel canvas and an indexed-PNG writer, in the standard library only.

Why not pygame's drawing and ``image.save``: the art must come out byte for byte the same on
every machine that re-runs the script (a test checks it), and pygame's antialiasing and PNG
encoder change between versions. Everything here is integer pixel work, and the PNG is written
by hand: colour type 3 (a palette), filter 0, zlib level 9, no timestamps; that keeps the files
small and identical run after run.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence

RGBA = tuple[int, int, int, int]
Colour = tuple[int, ...]  # RGB or RGBA
CLEAR: RGBA = (0, 0, 0, 0)


def rgba(colour: Colour, alpha: int | None = None) -> RGBA:
    """An RGB or RGBA colour as RGBA (with ``alpha`` replacing its own when given)."""
    if len(colour) == 4:
        r, g, b, a = colour
    else:
        (r, g, b), a = colour, 255
    return (r, g, b, a if alpha is None else alpha)


def mix(a: Colour, b: Colour, t: float) -> tuple[int, int, int]:
    """The colour ``t`` of the way from ``a`` to ``b`` (RGB, rounded)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def shade(colour: Colour, amount: float) -> tuple[int, int, int]:
    """Darker (amount < 0, towards black) or lighter (amount > 0, towards white)."""
    return mix(colour, (0, 0, 0) if amount < 0 else (255, 255, 255), abs(amount))


def noise(x: int, y: int, seed: int = 0) -> int:
    """A fixed pseudo-random number 0..255 for a pixel: the same on every run and machine."""
    h = (x * 374761393 + y * 668265263 + seed * 2246822519) & 0xFFFFFFFF
    h = ((h ^ (h >> 13)) * 1274126177) & 0xFFFFFFFF
    return (h ^ (h >> 16)) & 0xFF


class Canvas:
    """A width x height grid of RGBA pixels, clear to start; drawing clips at the edges."""

    def __init__(self, width: int, height: int, fill: Colour | None = None) -> None:
        self.width, self.height = width, height
        start = CLEAR if fill is None else rgba(fill)
        self.pixels: list[RGBA] = [start] * (width * height)

    def get(self, x: int, y: int) -> RGBA:
        return self.pixels[y * self.width + x]

    def px(self, x: int, y: int, colour: Colour) -> None:
        """One pixel; a colour with alpha below 255 is laid over what is there."""
        if 0 <= x < self.width and 0 <= y < self.height:
            c = rgba(colour)
            if c[3] < 255:
                under = self.get(x, y)
                if under[3] == 0:
                    pass
                elif under[3] == 255:
                    t = c[3] / 255
                    c = (*mix(under, c, t), 255)
                else:
                    c = (*mix(under, c, c[3] / 255), max(under[3], c[3]))
            self.pixels[y * self.width + x] = c

    def rect(self, x: int, y: int, w: int, h: int, colour: Colour) -> None:
        for yy in range(y, y + h):
            for xx in range(x, x + w):
                self.px(xx, yy, colour)

    def frame(self, x: int, y: int, w: int, h: int, colour: Colour) -> None:
        """A one-pixel outline of the rectangle."""
        self.hline(x, x + w - 1, y, colour)
        self.hline(x, x + w - 1, y + h - 1, colour)
        self.vline(x, y, y + h - 1, colour)
        self.vline(x + w - 1, y, y + h - 1, colour)

    def box(self, x: int, y: int, w: int, h: int, fill: Colour, edge: Colour,
            light: Colour | None = None) -> None:
        """A filled rectangle with an outline, and a highlight along its inner top edge."""
        self.rect(x, y, w, h, fill)
        if light is not None and w > 2 and h > 2:
            self.hline(x + 1, x + w - 2, y + 1, light)
        self.frame(x, y, w, h, edge)

    def round_box(self, x: int, y: int, w: int, h: int, fill: Colour, edge: Colour,
                  light: Colour | None = None) -> None:
        """``box`` with its corners rounded off by one pixel, for soft things (cushions)."""
        corners = [(x, y), (x + w - 1, y), (x, y + h - 1), (x + w - 1, y + h - 1)]
        before = {c: self.get(*c) for c in corners if not self._outside(*c)}
        self.box(x, y, w, h, fill, edge, light)
        for (cx, cy), pixel in before.items():
            self.pixels[cy * self.width + cx] = pixel
        for cx, cy, dx, dy in ((x, y, 1, 1), (x + w - 1, y, -1, 1), (x, y + h - 1, 1, -1),
                               (x + w - 1, y + h - 1, -1, -1)):
            self.px(cx + dx, cy + dy, edge)

    def _outside(self, x: int, y: int) -> bool:
        return not (0 <= x < self.width and 0 <= y < self.height)

    def hline(self, x0: int, x1: int, y: int, colour: Colour) -> None:
        for x in range(min(x0, x1), max(x0, x1) + 1):
            self.px(x, y, colour)

    def vline(self, x: int, y0: int, y1: int, colour: Colour) -> None:
        for y in range(min(y0, y1), max(y0, y1) + 1):
            self.px(x, y, colour)

    def line(self, x0: int, y0: int, x1: int, y1: int, colour: Colour) -> None:
        """Bresenham's line, both ends included."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        while True:
            self.px(x0, y0, colour)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def disc(self, cx: float, cy: float, r: float, colour: Colour) -> None:
        """Every pixel whose centre lies within ``r`` of (cx, cy)."""
        for y in range(int(cy - r - 1), int(cy + r + 2)):
            for x in range(int(cx - r - 1), int(cx + r + 2)):
                if (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r:
                    self.px(x, y, colour)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: Colour) -> None:
        for y in range(int(cy - ry - 1), int(cy + ry + 2)):
            for x in range(int(cx - rx - 1), int(cx + rx + 2)):
                if ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2 <= 1:
                    self.px(x, y, colour)

    def ring(self, cx: float, cy: float, r: float, colour: Colour) -> None:
        """The pixels of the disc of radius r that are not in the disc of radius r - 1."""
        for y in range(int(cy - r - 1), int(cy + r + 2)):
            for x in range(int(cx - r - 1), int(cx + r + 2)):
                d = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2
                if (r - 1) ** 2 < d <= r * r:
                    self.px(x, y, colour)

    def art(self, x: int, y: int, rows: Sequence[str], colours: Mapping[str, Colour]) -> None:
        """Pixels from text: one string a row, one character a pixel; ``.`` and space are left
        as they are, every other character is looked up in ``colours``."""
        for dy, row in enumerate(rows):
            for dx, ch in enumerate(row):
                if ch not in ". ":
                    self.px(x + dx, y + dy, colours[ch])

    def paste(self, other: Canvas, x: int, y: int) -> None:
        """Copy ``other`` in, pixel for pixel (clear pixels included)."""
        for yy in range(other.height):
            for xx in range(other.width):
                if 0 <= x + xx < self.width and 0 <= y + yy < self.height:
                    self.pixels[(y + yy) * self.width + x + xx] = other.pixels[
                        yy * other.width + xx]

    def over(self, other: Canvas, x: int = 0, y: int = 0) -> None:
        """Lay ``other`` over this canvas (its clear pixels leave this one showing)."""
        for yy in range(other.height):
            for xx in range(other.width):
                p = other.pixels[yy * other.width + xx]
                if p[3]:
                    self.px(x + xx, y + yy, p)

    def scaled(self, factor: int) -> Canvas:
        """Each pixel as a factor x factor block (for looking at the art)."""
        out = Canvas(self.width * factor, self.height * factor)
        for y in range(out.height):
            for x in range(out.width):
                out.pixels[y * out.width + x] = self.pixels[(y // factor) * self.width
                                                            + x // factor]
        return out

    def colours(self) -> list[RGBA]:
        """The distinct colours in order of first appearance (a clear pixel is one colour)."""
        seen: dict[RGBA, None] = {}
        for p in self.pixels:
            seen.setdefault(CLEAR if p[3] == 0 else p, None)
        return list(seen)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bytes(canvas: Canvas) -> bytes:
    """The canvas as a PNG: indexed (at most 256 colours, else an error) with the alpha of
    each palette colour in a tRNS chunk; the same bytes for the same pixels, always."""
    palette = canvas.colours()
    if len(palette) > 256:
        raise ValueError(f"{len(palette)} colours: an indexed PNG holds at most 256")
    # opaque colours last, so tRNS (which lists alphas from the first entry) stays short
    palette.sort(key=lambda c: c[3] == 255)
    index = {c: i for i, c in enumerate(palette)}
    raw = bytearray()
    w = canvas.width
    for y in range(canvas.height):
        raw.append(0)
        raw.extend(index[CLEAR if p[3] == 0 else p] for p in canvas.pixels[y * w:(y + 1) * w])
    alphas = bytes(c[3] for c in palette if c[3] < 255)
    out = b"\x89PNG\r\n\x1a\n"
    out += _chunk(b"IHDR", struct.pack(">IIBBBBB", w, canvas.height, 8, 3, 0, 0, 0))
    out += _chunk(b"PLTE", b"".join(bytes(c[:3]) for c in palette))
    if alphas:
        out += _chunk(b"tRNS", alphas)
    out += _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    out += _chunk(b"IEND", b"")
    return out


def sheet(tiles: Iterable[Canvas], columns: int, size: int = 16) -> Canvas:
    """Tiles laid out left to right, top to bottom, ``columns`` to a row."""
    tiles = list(tiles)
    rows = (len(tiles) + columns - 1) // columns
    out = Canvas(columns * size, rows * size)
    for i, tile in enumerate(tiles):
        out.paste(tile, (i % columns) * size, (i // columns) * size)
    return out
