"""The scrollback: the game's lines word-wrapped and styled, newest at the bottom."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pygame

from game.engine.output import Line, Style
from game.resources import font_path

PAPER = (250, 247, 240)
INK = (34, 32, 36)
COLOURS = {
    Style.TITLE: (20, 20, 24),
    Style.TEXT: INK,
    Style.COMMAND: (40, 90, 160),
    Style.PARSER: (110, 100, 95),
    Style.VOICE: (150, 40, 120),
    Style.WARNING: (190, 60, 20),
    Style.ENDING: (20, 20, 24),
    Style.META: (100, 100, 110),
}
# high contrast (settings.high_contrast): white on black, commands and warnings in yellow
STARK_PAPER = (0, 0, 0)
STARK_INK = (255, 255, 255)
STARK_COLOURS = {
    Style.TITLE: STARK_INK,
    Style.TEXT: STARK_INK,
    Style.COMMAND: (255, 230, 0),
    Style.PARSER: (220, 220, 220),
    Style.VOICE: (120, 230, 255),
    Style.WARNING: (255, 230, 0),
    Style.ENDING: STARK_INK,
    Style.META: (220, 220, 220),
}
MARGIN = 10
COLUMN_CHARS = 75  # the longest line of text, in characters, however wide the panel
# a typical English sentence, to measure how wide COLUMN_CHARS characters of this font are
SAMPLE = "the quick brown fox jumps over the lazy dog. Joel, Clementine, Montauk? "
MORE = "more below  ·  Page Down"


def face(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """The bundled serif (assets/fonts), in its real bold and italic faces, so the text looks
    the same on every machine; pygame's own font only if the file has gone missing."""
    path = font_path(bold, italic)
    if path.is_file():
        return pygame.font.Font(path, size)
    font = pygame.font.Font(None, round(size * 1.3))
    font.bold, font.italic = bold, italic
    return font


@dataclass
class Fonts:
    """One font per style, made from one base size."""

    size: int = 16

    def __post_init__(self) -> None:
        self.by_style: dict[Style, pygame.font.Font] = {}
        for style in Style:
            big = style in (Style.TITLE, Style.ENDING)
            self.by_style[style] = face(round(self.size * (1.3 if big else 1.0)),
                                        bold=big or style is Style.WARNING,
                                        italic=style is Style.VOICE)

    def __getitem__(self, style: Style) -> pygame.font.Font:
        return self.by_style[style]


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """The text cut at spaces into rows no wider than ``width`` (a longer word is cut).

    Linear in the text's length: a row is measured only while it fits, and a word too long for
    a row is cut by a binary search over at most one row's worth of characters, so one word of
    thousands of characters costs a few measurements per row, not one per character.
    """
    rows: list[str] = []
    for para in text.split("\n"):
        row = ""
        for word in para.split(" "):
            trial = f"{row} {word}" if row else word
            if font.size(trial)[0] <= width or (not row and not word):
                row = trial
                continue
            if row:
                rows.append(row)
            row = word
            # more characters than pixels can't fit (no glyph is narrower than a pixel): cut
            # without measuring the whole rest of the word each time
            while len(row) > 1 and (len(row) > width or font.size(row)[0] > width):
                cut = _fit_chars(row, font, width)
                rows.append(row[:cut])
                row = row[cut:]
        rows.append(row)
    return rows


def _fit_chars(word: str, font: pygame.font.Font, width: int) -> int:
    """How many of the word's first characters fit in ``width`` pixels (at least one): a
    binary search over at most ``width`` characters (no glyph is narrower than a pixel)."""
    low, high = 1, min(len(word), max(width, 1))
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(word[:mid])[0] <= width:
            low = mid
        else:
            high = mid - 1
    return low


class TextPanel:
    def __init__(self, fonts: Fonts) -> None:
        self._cache: dict[tuple[int, int], list[tuple[str, pygame.Surface]]] = {}
        self._fonts = fonts
        self.lines: list[Line] = []
        self.scroll = 0  # pixels scrolled up from the newest line
        self._width = 0
        self._height = 0
        self.high_contrast = False  # the palette: see set_contrast
        # the first line of a block that arrived while the view followed the text: when the
        # block is taller than the panel, its start is shown (not its end), with "more below"
        self._anchor: int | None = None
        self.more_rect: pygame.Rect | None = None  # the "more below" cue as last drawn

    def set_contrast(self, high: bool) -> None:
        """High contrast on or off: every line is rendered again in the other palette."""
        if high != self.high_contrast:
            self.high_contrast = high
            self._cache.clear()

    @property
    def paper(self) -> tuple[int, int, int]:
        return STARK_PAPER if self.high_contrast else PAPER

    def colour(self, style: Style) -> tuple[int, int, int]:
        if self.high_contrast:
            return STARK_COLOURS.get(style, STARK_INK)
        return COLOURS.get(style, INK)

    def add(self, lines: Iterable[Line]) -> None:
        """New lines at the bottom.  The player's own command (or, when he was reading the
        newest text, the first new line) becomes the anchor: the view shows the new block from
        its start, and as much of it as fits; a block taller than the panel keeps going below a
        "more below" cue instead of scrolling its start away.  A player who has scrolled up to
        read stays where he is."""
        new = [line for line in lines]
        if not new:
            return
        first = len(self.lines)
        self.lines.extend(new)
        commands = [i for i, line in enumerate(new) if line.style is Style.COMMAND]
        if commands:
            self._anchor = first + commands[-1]  # the player typed: show what it did
            self.scroll = 0
        elif self._anchor is not None or self.scroll == 0:
            if self._anchor is None:
                self._anchor = first
            self.scroll = 0
        elif self._width:
            inner = self.inner(self._width)
            self.scroll += sum(sum(img.get_height() for _, img in self.rendered(i, inner))
                               + self._gap(i) for i in range(first, len(self.lines)))

    def column(self) -> int:
        """How wide COLUMN_CHARS characters of ordinary text are in this font (pixels)."""
        font = self.fonts[Style.TEXT]
        return round(font.size(SAMPLE)[0] * COLUMN_CHARS / len(SAMPLE))

    def inner(self, width: int) -> int:
        """The width the text wraps at in a panel ``width`` wide: never over the column."""
        return max(20, min(width - 2 * MARGIN, self.column()))

    def _settle(self) -> None:
        """Scroll so that the anchored block starts at the top when it doesn't all fit."""
        if self._anchor is None or not self._width or not self._height:
            return
        anchor, self._anchor = self._anchor, None
        if anchor >= len(self.lines):
            return
        inner = self.inner(self._width)
        block = sum(sum(img.get_height() for _, img in self.rendered(i, inner))
                    + (self._gap(i) if i > anchor else 0)
                    for i in range(anchor, len(self.lines)))
        self.scroll = max(0, block - (self._height - 2 * MARGIN))

    @property
    def fonts(self) -> Fonts:
        return self._fonts

    @fonts.setter
    def fonts(self, fonts: Fonts) -> None:
        """Other fonts: the cached rows are rendered again (see also ``set_fonts``)."""
        self._fonts = fonts
        self._cache.clear()

    @property
    def following(self) -> bool:
        """Whether the view shows the newest line (not scrolled up)."""
        return self.scroll == 0

    def set_fonts(self, fonts: Fonts) -> None:
        """Another font size: every line is rendered again; a view at the bottom stays there,
        one scrolled up keeps its place in proportion."""
        old_total = self.total_height(self._width) if self._width and self.scroll else 0
        ratio = self.scroll / old_total if old_total else 0.0
        self.fonts = fonts
        self._cache.clear()
        if self.scroll and self._width:
            self.scroll = round(ratio * self.total_height(self._width))
            self.scroll_by(0)

    def scroll_top(self) -> None:
        self.scroll_by(10 ** 9)

    def scroll_bottom(self) -> None:
        self.scroll = 0

    def rendered(self, index: int, width: int) -> list[tuple[str, pygame.Surface]]:
        """The rows of one line at this width (cached): text and its image."""
        key = (index, width)
        rows = self._cache.get(key)
        if rows is None:
            line = self.lines[index]
            font = self.fonts[line.style]
            colour = self.colour(line.style)
            rows = [(t, font.render(t, True, colour)) for t in wrap(line.text, font, width)]
            self._cache[key] = rows
        return rows

    def _gap(self, index: int) -> int:
        """Space above a line: a little more before a title or a command."""
        style = self.lines[index].style
        base = self.fonts[Style.TEXT].get_linesize()
        return base // 2 if style in (Style.TITLE, Style.COMMAND, Style.ENDING) else base // 4

    def _layout(self, width: int, height: int) -> list[tuple[int, str, pygame.Surface]]:
        """The rows in view, bottom up: (y, text, image)."""
        inner = self.inner(width)
        y = height - MARGIN + self.scroll
        out: list[tuple[int, str, pygame.Surface]] = []
        for index in range(len(self.lines) - 1, -1, -1):
            rows = self.rendered(index, inner)
            for text, image in reversed(rows):
                y -= image.get_height()
                if y < height:
                    out.append((y, text, image))
            y -= self._gap(index)
            if y < 0:
                break
        return out

    def total_height(self, width: int) -> int:
        inner = self.inner(width)
        return sum(sum(img.get_height() for _, img in self.rendered(i, inner)) + self._gap(i)
                   for i in range(len(self.lines))) + 2 * MARGIN

    def scroll_by(self, pixels: int) -> None:
        top = max(0, self.total_height(self._width) - self._height) if self._width else 0
        self.scroll = max(0, min(top, self.scroll + pixels))

    def page(self, pages: float) -> None:
        # a page less the rows the "more below" cue hides, so no row is ever skipped
        self.scroll_by(round(pages * max(40, self._height - 3 * MARGIN - self._cue_height())))

    def _cue_height(self) -> int:
        """The height the "more below" cue takes at the bottom of the panel."""
        return self.fonts[Style.META].get_linesize() + 12

    def handle(self, event: pygame.event.Event) -> bool:
        """Scrolling keys and the wheel; True if the view moved.  (Home and End scroll to the
        top and bottom: the app sends them here only when the input line is empty or with
        Ctrl.)"""
        before = self.scroll
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(event.y * 3 * self.fonts[Style.TEXT].get_linesize())
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_PAGEUP:
            self.page(1)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_PAGEDOWN:
            self.page(-1)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_HOME:
            self.scroll_top()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_END:
            self.scroll_bottom()
        return self.scroll != before

    def visible(self, rect: pygame.Rect) -> list[str]:
        """The rows wholly in view, top to bottom (for tests and screen readers)."""
        self.resize(rect.w, rect.h)
        self._settle()
        return [t for y, t, img in reversed(self._layout(rect.w, rect.h))
                if y >= 0 and y + img.get_height() <= rect.h]

    def resize(self, width: int, height: int) -> None:
        """A new size (the window or the split changed): the lines reflow, none is lost."""
        if (width, height) == (self._width, self._height):
            return
        if width != self._width:
            self._cache.clear()  # rows of the old width are never needed again
        self._width, self._height = width, height
        self.scroll_by(0)

    @property
    def more_below(self) -> bool:
        """Whether text lies below the view (a long block not read to its end, or the player
        scrolled up)."""
        return self.scroll > 0

    def left(self, rect: pygame.Rect) -> int:
        """Where the rows start: the column centred in a panel wider than it."""
        return rect.x + max(MARGIN, (rect.w - self.inner(rect.w)) // 2)

    def draw(self, target: pygame.Surface, rect: pygame.Rect) -> None:
        self.resize(rect.w, rect.h)
        self._settle()
        target.fill(self.paper, rect)
        clip = target.get_clip()
        target.set_clip(rect)
        x = self.left(rect)
        bottom = rect.h - (self._cue_height() if self.scroll else 0)  # none under the cue
        for y, _text, image in self._layout(rect.w, rect.h):
            if y >= 0 and y + image.get_height() <= bottom:  # whole rows only, never cut
                target.blit(image, (x, rect.y + y))
        self.more_rect = None
        if self.scroll:
            bar = (255, 230, 0) if self.high_contrast else (200, 190, 170)
            pygame.draw.rect(target, bar, (rect.x, rect.bottom - 3, rect.w, 3))
            self._draw_more(target, rect)
        target.set_clip(clip)

    def _draw_more(self, target: pygame.Surface, rect: pygame.Rect) -> None:
        """The "more below" cue: a small tab over the bottom edge, with a down arrow."""
        font = self.fonts[Style.META]
        ink = (0, 0, 0) if self.high_contrast else (250, 247, 240)
        tab_bg = (255, 230, 0) if self.high_contrast else (110, 100, 95)
        label = font.render(MORE, True, ink)
        h = label.get_height() + 6
        arrow = h // 2
        tab = pygame.Rect(0, 0, label.get_width() + arrow + 24, h)
        tab.bottomright = (rect.right - MARGIN, rect.bottom - 6)
        pygame.draw.rect(target, tab_bg, tab, border_radius=h // 2)
        ax, ay = tab.x + 10, tab.centery - arrow // 4
        pygame.draw.polygon(target, ink, [(ax, ay - arrow // 4), (ax + arrow, ay - arrow // 4),
                                          (ax + arrow // 2, ay + arrow // 2)])
        target.blit(label, (ax + arrow + 6, tab.y + 3))
        self.more_rect = tab
