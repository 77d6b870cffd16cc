"""Draw the campaign's tilesets (and people's sprites) and write them where the game reads them.

    .venv/bin/python assets/tiles/make_tiles.py             # write the PNGs and .tsx files
    .venv/bin/python assets/tiles/make_tiles.py --check     # exit 1 if a committed file differs
    .venv/bin/python assets/tiles/make_tiles.py --preview /tmp/art   # also 4x sheets to look at

Standard library only, and deterministic: the same files, byte for byte, on every run (a test
checks the committed ones against a fresh run). Change a colour in palettes.py or a drawing in
base.py, run this, look at the previews, commit the script and the PNGs together.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from base import NAMES, base_tiles  # noqa: E402
from canvas import Canvas, png_bytes, sheet  # noqa: E402
from extras import EXTRAS  # noqa: E402
from palettes import THEMES, Theme  # noqa: E402
from people import people  # noqa: E402

ROOT = HERE.parent.parent
TILES_DIR = Path("levels/spotless/tiles")
SPRITES_DIR = Path("assets/sprites")
COLUMNS = 8


def tsx(theme: Theme, count: int, height: int) -> str:
    """The Tiled tileset file for a sheet of ``count`` 16x16 tiles, eight to a row."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tileset version="1.10" tiledversion="1.10.2" name="{theme.id}" tilewidth="16" '
        f'tileheight="16" tilecount="{count}" columns="{COLUMNS}">\n'
        f' <image source="{theme.id}.png" width="{COLUMNS * 16}" height="{height}"/>\n'
        '</tileset>\n')


def extras_for(theme: Theme) -> list[tuple[str, Canvas]]:
    """The memory's own tiles after the shared 72, with their names (none for the campaign's)."""
    return EXTRAS[theme.id](theme) if theme.id in EXTRAS else []


def tiles_for(theme: Theme) -> list[Canvas]:
    return base_tiles(theme) + [t for _, t in extras_for(theme)]


README = Path("assets/README.md")
BEGIN, END = "<!-- gids:begin -->", "<!-- gids:end -->"
EXTRAS_BEGIN, EXTRAS_END = "<!-- extras:begin -->", "<!-- extras:end -->"


def gid_table(names: list[str], first: int = 1) -> str:
    """A Markdown table of gids and what they draw, four to a row."""
    lines = ["| gid | draws | gid | draws | gid | draws | gid | draws |",
             "|---|---|---|---|---|---|---|---|"]
    for i in range(0, len(names), 4):
        cells = []
        for j, name in enumerate(names[i:i + 4]):
            cells += [str(first + i + j), name]
        cells += ["", ""] * (4 - len(names[i:i + 4]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def extras_tables() -> str:
    """For each memory: its tileset, its look, and what its own gids (73 on) draw."""
    parts = []
    for theme in THEMES:
        names = [name for name, _ in extras_for(theme)]
        if not names:
            continue
        parts.append(f"#### `{theme.id}`: {theme.title}\n\n"
                     f"`tiles/{theme.id}.tsx`, {72 + len(names)} tiles.\n\n"
                     + gid_table(names, 73))
    return "\n\n".join(parts)


def readme(text: str) -> str:
    """assets/README.md with its generated parts (between the markers) made afresh."""
    for begin, end, body in ((BEGIN, END, gid_table(NAMES)),
                             (EXTRAS_BEGIN, EXTRAS_END, extras_tables())):
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        text = f"{head}{begin}\n{body}\n{end}{tail}"
    return text


def outputs() -> dict[Path, bytes]:
    """Every file this script makes, by its path relative to the repository, with its bytes."""
    out: dict[Path, bytes] = {
        README: readme((ROOT / README).read_text(encoding="utf-8")).encode()}
    for theme in THEMES:
        tiles = tiles_for(theme)
        image = sheet(tiles, COLUMNS)
        out[TILES_DIR / f"{theme.id}.png"] = png_bytes(image)
        out[TILES_DIR / f"{theme.id}.tsx"] = tsx(theme, len(tiles), image.height).encode()
    for name, image in people().items():
        out[SPRITES_DIR / f"{name}.png"] = png_bytes(image)
    return out


def preview(image: Canvas, scale: int) -> Canvas:
    """The sheet enlarged, one grey pixel line between tiles, for looking at."""
    big = image.scaled(scale)
    step = 16 * scale
    for x in range(0, big.width, step):
        big.vline(x, 0, big.height - 1, (255, 0, 255, 90))
    for y in range(0, big.height, step):
        big.hline(0, big.width - 1, y, (255, 0, 255, 90))
    back = Canvas(big.width, big.height, (60, 60, 66))
    back.over(big)
    return back


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="where to write (the repository)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 when a file differs from a fresh run")
    ap.add_argument("--preview", type=Path, metavar="DIR",
                    help="also write each sheet enlarged 4x into DIR, to look at")
    args = ap.parse_args(argv)
    stale = []
    for rel, data in outputs().items():
        path = args.root / rel
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(str(rel))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote {rel} ({len(data)} bytes)")
    if args.preview:
        args.preview.mkdir(parents=True, exist_ok=True)
        for theme in THEMES:
            image = sheet(tiles_for(theme), COLUMNS)
            (args.preview / f"{theme.id}-4x.png").write_bytes(png_bytes(preview(image, 4)))
        sprites = sheet(people().values(), len(people()))
        (args.preview / "people-4x.png").write_bytes(png_bytes(preview(sprites, 4)))
    if stale:
        print("out of date (run assets/tiles/make_tiles.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
