"""The ``spotless`` command: play a pack in the terminal (or, later, a window), or check one.

Every way this can go wrong for a player (a bad option, a broken pack, a missing display) ends
in a sentence and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from game import __version__
from game.resources import builtin_pack, guide_path

EXIT_USAGE = 2
EXIT_BROKEN_PACK = 2


def data_dir(option: str | None) -> Path:
    if option:
        return Path(option)
    env = os.environ.get("SPOTLESS_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("spotless-mind", appauthor=False))


def _common(p: argparse.ArgumentParser, suppress: bool) -> None:
    d = argparse.SUPPRESS if suppress else None
    p.add_argument("--text", action="store_true", default=d if suppress else False,
                   help="play in this terminal (the default without a display)")
    p.add_argument("--window", action="store_true", default=d if suppress else False,
                   help="play in a window (the default with a display)")
    p.add_argument("--screenshot", metavar="OUT.png", default=d,
                   help="play the --commands without a window and save the window as a PNG")
    p.add_argument("--screenshot-title", action="store_true",
                   default=d if suppress else False,
                   help="with --screenshot: save the title screen instead of playing")
    p.add_argument("--commands", metavar="FILE", default=d,
                   help="with --screenshot: the commands to play, one a line (# comments)")
    p.add_argument("--size", metavar="WxH", default=d,
                   help="with --screenshot: the window's size (default 1280x720)")
    p.add_argument("--after", metavar="MS", type=float, default=d,
                   help="with --screenshot: this many milliseconds of the window's clock after "
                        "the last command (a transition midway, an ending's screen)")
    p.add_argument("--seed", type=int, default=d if suppress else 1,
                   help="seed of the game's random generator (default 1)")
    p.add_argument("--lang", default=d if suppress else "en", help="language of the game's texts")
    p.add_argument("--transcript", metavar="FILE", default=d,
                   help="also write everything shown to FILE")
    p.add_argument("--data-dir", metavar="DIR", default=d,
                   help="folder for saved games and transcripts (or set SPOTLESS_DATA_DIR)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="spotless",
        description="Spotless Mind: a text adventure inside a mind that is being erased.",
        epilog="Without a command, plays the built-in campaign.",
    )
    top.add_argument("--version", action="version", version=f"spotless {__version__}")
    _common(top, suppress=False)
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    play = sub.add_parser("play", help="play a pack (default: the built-in campaign)")
    play.add_argument("pack", nargs="?", help="folder or .zip of the pack to play, or the id "
                      "of an installed pack")
    _common(play, suppress=True)
    check = sub.add_parser("validate", help="check packs (folders or .zip) and list every "
                           "problem; exit 0 without errors, 1 with errors")
    check.add_argument("packs", nargs="+", metavar="PACK")
    check.add_argument("--json", action="store_true",
                       help="print the problems as JSON records (for editors and CI)")
    check.add_argument("--coverage", action="store_true",
                       help="also list, per room, the nouns of its texts that no thing "
                       "answers to")
    new = sub.add_parser("new-pack", help="write a small valid pack to start from")
    new.add_argument("dir", metavar="DIR", help="folder to create (must not exist or be empty)")
    guide = sub.add_parser("guide", help="print the authors' guide to making packs "
                           "(levels/README.md; try: spotless guide | less)")
    guide.add_argument("--path", action="store_true", help="print where the guide is instead")
    zip_ = sub.add_parser("pack", help="write a pack folder as a .zip to share")
    zip_.add_argument("dir", metavar="DIR")
    zip_.add_argument("-o", "--output", metavar="ZIP", help="where to write (default DIR.zip)")
    install = sub.add_parser("install", help="validate a pack, then copy it into your packs")
    install.add_argument("pack", metavar="PACK", help="a pack folder or .zip")
    install.add_argument("--data-dir", metavar="DIR", default=None,
                         help="folder for installed packs (or set SPOTLESS_DATA_DIR)")
    listing = sub.add_parser("packs", help="list the installed packs")
    listing.add_argument("--data-dir", metavar="DIR", default=None,
                         help="folder for installed packs (or set SPOTLESS_DATA_DIR)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "validate":
            from game.packs.validate import coverage_command, validate_command

            if args.coverage and not args.json:
                return coverage_command(args.packs)
            return validate_command(args.packs, as_json=args.json)
        if args.command == "guide":
            return guide_command(args.path)
        if args.command == "new-pack":
            from game.packs.scaffold import new_pack_command

            return new_pack_command(Path(args.dir))
        if args.command in ("pack", "install", "packs"):
            from game.packs import install

            if args.command == "pack":
                return install.pack_command(Path(args.dir), args.output)
            if args.command == "install":
                return install.install_command(args.pack, data_dir(args.data_dir))
            return install.list_command(data_dir(args.data_dir))
        return play(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (spotless ... | head): stop quietly, and keep Python's own
        # flush at exit from failing on the closed pipe too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if "game.ui.window.settings" in sys.modules:  # this run's choice ends with the run
            sys.modules["game.ui.window.settings"].use_config_dir(None)


def guide_command(path_only: bool) -> int:
    """The authors' guide, wherever the game is installed: the validator's fixes point to it."""
    path = guide_path()
    if path_only:
        print(path)
        return 0
    try:
        sys.stdout.write(path.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"spotless: can't read the authors' guide {path}: {exc.strerror}.", file=sys.stderr)
        return EXIT_USAGE
    return 0


def _load(path: Path):  # type: ignore[no-untyped-def]
    from game.packs.loader import open_pack
    from game.packs.problems import PackError

    try:
        world, _warnings = open_pack(path)
    except PackError as exc:
        errors = exc.errors
        print(f"The pack {path} can't be played: {len(errors)} problem(s).", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    return world


def pack_path(name: str | None, data: str | None) -> Path:
    """The pack to play: a folder or .zip, or else the id of an installed pack."""
    if not name:
        return builtin_pack()
    path = Path(name)
    if not path.exists() and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", name):
        installed = data_dir(data) / "packs" / name
        if installed.is_dir():
            return installed
    return path


def play(args: argparse.Namespace) -> int:
    from game.engine.messages import UnknownLanguage, available_languages
    from game.engine.saves import SaveStore
    from game.engine.session import Game, default_save_dir
    from game.ui.terminal import Terminal

    frontend = _frontend(args)
    if isinstance(frontend, int):
        return frontend
    pack = pack_path(getattr(args, "pack", None), args.data_dir)
    world = _load(pack)
    if world is None:
        return EXIT_BROKEN_PACK
    base = data_dir(args.data_dir)
    scratch = _private_folders(args, frontend)
    try:
        game = Game(world, seed=args.seed, lang=args.lang,
                    saves=SaveStore(default_save_dir(scratch or base, world.pack_id)))
    except UnknownLanguage:
        print(f"spotless: there are no texts in the language {args.lang!r}; available: "
              f"{', '.join(available_languages())}.", file=sys.stderr)
        return EXIT_USAGE
    transcript = None
    if args.transcript:
        try:
            transcript = open(args.transcript, "a", encoding="utf-8",  # noqa: SIM115
                              errors="replace")
        except OSError as exc:
            print(f"spotless: can't write the transcript {args.transcript}: {exc.strerror}.",
                  file=sys.stderr)
            return EXIT_USAGE
    if frontend == "screenshot":
        try:
            return _screenshot(args, game, pack)
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
    if frontend == "window":
        from game.ui.window.app import NoDisplay
        from game.ui.window.title import run_windowed

        def make_game(path: Path) -> Game | None:  # the pack chosen on the title screen
            if path == pack:
                return game
            chosen = _load(path)
            return None if chosen is None else Game(
                chosen, seed=args.seed, lang=args.lang,
                saves=SaveStore(default_save_dir(base, chosen.pack_id)))

        try:
            return run_windowed(make_game, pack, base, transcript)
        except NoDisplay as exc:
            print(f"spotless: can't open a window ({exc}); play in this terminal with --text.",
                  file=sys.stderr)
            return EXIT_USAGE
        finally:
            if transcript is not None:
                transcript.close()
    try:
        return Terminal(game, sys.stdin, sys.stdout, sys.stdin.isatty(), transcript).run()
    finally:
        if transcript is not None:
            transcript.close()


def _private_folders(args: argparse.Namespace, frontend: str) -> Path | None:
    """Where settings (and, for a screenshot, saves) go for this run. ``--data-dir`` moves the
    settings too, so a run pointed elsewhere leaves the player's own folders alone; a
    ``--screenshot`` gets a scratch folder for both (returned, to be removed afterwards), so a
    headless run never reads the player's settings nor autosaves over their game."""
    from game.ui.window.settings import use_config_dir

    if frontend == "screenshot":
        scratch = Path(tempfile.mkdtemp(prefix="spotless-screenshot-"))
        use_config_dir(scratch)
        return scratch
    use_config_dir(Path(args.data_dir) if args.data_dir else None)
    return None


def _display() -> bool:
    try:
        from game.ui.window.app import display_available
    except ImportError:  # no pygame: the terminal it is
        return False
    return display_available()


def _frontend(args: argparse.Namespace) -> str | int:
    """"window", "text" or "screenshot"; or an exit code when the window can't be had."""
    if getattr(args, "screenshot", None):
        return "screenshot"
    if args.text:
        return "text"
    if args.window:
        if not _display():
            print("spotless: there is no display to open a window on; play in this terminal "
                  "with --text.", file=sys.stderr)
            return EXIT_USAGE
        return "window"
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "text"  # piped: a transcript, as before
    if _display():
        return "window"
    print("spotless: no display for a window; playing in this terminal.", file=sys.stderr)
    return "text"


def _screenshot(args: argparse.Namespace, game, pack: Path) -> int:  # type: ignore[no-untyped-def]
    size_text = getattr(args, "size", None) or "1280x720"
    m = re.fullmatch(r"(\d{2,5})x(\d{2,5})", size_text)
    if not m:
        print(f"spotless: --size {size_text!r} is not WIDTHxHEIGHT, like 1280x720.",
              file=sys.stderr)
        return EXIT_USAGE
    commands: list[str] = []
    if getattr(args, "commands", None):
        try:
            text = Path(args.commands).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"spotless: can't read the commands {args.commands}: {exc}.", file=sys.stderr)
            return EXIT_USAGE
        commands = [c.strip() for c in text.splitlines()
                    if c.strip() and not c.lstrip().startswith("#")]
    from game.ui.window.app import screenshot

    try:
        if getattr(args, "screenshot_title", False):
            from game.ui.window.title import screenshot_title

            screenshot_title((int(m[1]), int(m[2])), args.screenshot, data_dir(args.data_dir),
                             pack)
            return 0
        screenshot(lambda: game, commands, (int(m[1]), int(m[2])), args.screenshot, pack,
                   after_ms=None if getattr(args, "after", None) is None
                   else max(0.0, args.after))
    except Exception as exc:  # pygame.error, OSError: a sentence, not a traceback
        print(f"spotless: can't write the screenshot {args.screenshot}: {exc}.", file=sys.stderr)
        return EXIT_USAGE
    return 0
