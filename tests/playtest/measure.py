"""Play the blind command lists and count the replies that failed the player (issue 9).

    python tests/playtest/measure.py            # the share per list and in all
    python tests/playtest/measure.py -v         # and every failed command with its reply

"Not understood": the parser did not understand the command (an unknown verb or word, "only
understood you as far as", "didn't understand"). "Can't see": "You can't see any such thing".
"Gentle": the text mentions it but it is no thing ("not something you need to look at"). The
bookstore lists start where the walkthrough first enters the memory (the walkthrough only
carries Joel there, none of its commands is measured), with the memory's erasure paused: a
blind player who examines everything is swept out of it long before the list ends, and the
list measures the parser, not the clock.  Not a test: a measurement.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.engine.output import LevelEntered
from game.engine.session import Game
from game.packs.loader import load_pack

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LISTS = ("blind-prologue.cmd", "blind-bookstore.cmd", "blind-building.cmd",
         "heldout-prologue.cmd")
NOT_UNDERSTOOD = ("is not a verb I know", "I don't know the word", "I only understood you as far",
                  "I didn't understand that sentence", "That's not a direction")
CANT_SEE = ("You can't see any such thing",)
GENTLE = ("That's not something you need to", "That's only part of the scene")


def _commands(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _game(in_memory: bool) -> Game:
    world, _ = load_pack(ROOT / "levels" / "spotless")
    game = Game(world, seed=1)
    game.start()
    if in_memory:
        for cmd in _commands(ROOT / "tests" / "walkthroughs" / "prologue.txt"):
            game.submit(cmd)
            if any(isinstance(e, LevelEntered) and e.level == "bookstore"
                   for e in game.take_events()):
                game.state.erasure["bookstore"].running = False
                break
    return game


def measure(name: str, verbose: bool) -> tuple[int, int, int, int]:
    game = _game(in_memory="prologue" not in name)
    total = not_understood = cant_see = gentle = 0
    for cmd in _commands(HERE / name):
        if game.ended:
            break
        reply = "\n".join(line.text for line in game.submit(cmd))
        total += 1
        kind = ""
        if any(p in reply for p in NOT_UNDERSTOOD):
            not_understood += 1
            kind = "NOT UNDERSTOOD"
        elif any(p in reply for p in CANT_SEE):
            cant_see += 1
            kind = "CAN'T SEE"
        elif any(reply.startswith(p) for p in GENTLE):
            gentle += 1
            kind = "gentle"
        if verbose and kind:
            print(f"  [{kind}] > {cmd}\n      {reply.splitlines()[0] if reply else ''}")
    return total, not_understood, cant_see, gentle


def main() -> int:
    verbose = "-v" in sys.argv
    sums = [0, 0, 0, 0]
    for name in LISTS:
        if verbose:
            print(name)
        t, n, c, g = measure(name, verbose)
        sums = [a + b for a, b in zip(sums, (t, n, c, g), strict=True)]
        print(f"{name}: {t} commands, not understood {n} ({n / t:.1%}), can't see {c} "
              f"({c / t:.1%}), gentle {g}")
    t, n, c, g = sums
    print(f"all: {t} commands, not understood {n} ({n / t:.1%}), can't see {c} ({c / t:.1%}), "
          f"both {(n + c) / t:.1%}, gentle {g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
