"""Cloak of Darkness, the standard IF demo, as a pack written with the rule forms of issue 9
(tests/packs/cloak): both endings played through the real parser, and its size measured
against the 555 lines and 72 rules it took before."""

from __future__ import annotations

import tomllib
from pathlib import Path

from game.engine.session import Game
from game.packs.loader import load_pack

CLOAK = Path(__file__).resolve().parent / "packs" / "cloak"


def play(*commands: str) -> tuple[Game, str]:
    world, warnings = load_pack(CLOAK)
    assert not warnings, [str(w) for w in warnings]
    game = Game(world, seed=1, strict=True)
    lines = [ln.text for ln in game.start()]
    for c in commands:
        assert not game.ended, f"the game ended before {c!r}"
        lines.append(f"> {c}")
        lines.extend(ln.text for ln in game.submit(c))
    return game, "\n".join(lines)


def test_hang_up_the_cloak_and_read_the_message_wins() -> None:
    game, out = play("n", "w", "put cloak on hook", "x hook", "e", "s", "read message")
    assert "You've only just arrived" in out
    assert "It's just a small brass hook, with a cloak hanging on it." in out
    assert "Foyer Bar\nThe bar, much rougher" in out
    assert out.endswith("The message, neatly marked in the sawdust, reads...\n"
                        "[Your score has gone up by 1.]\n"
                        "*** You have won ***\n"
                        "You have scored 2 out of a possible 2, in 6 turns.\n"
                        "Would you like to RESTART, RESTORE a saved game, UNDO the last move "
                        "or QUIT?")
    assert game.state.ended == "won"
    assert "Exits:" not in out  # the pack switched the line off


def test_the_dark_bar_with_the_cloak_on_tramples_the_message_and_loses() -> None:
    game, out = play("s", "look", "take message", "s", "n", "w", "put cloak on hook",
                     "drop cloak", "e", "s", "x message")
    assert "Darkness\nIt is pitch dark, and you can't see a thing." in out
    assert "> look\nIn the dark? You could easily disturb something!" in out
    assert "> take message\nYou can't see any such thing here." in out  # nothing in scope
    assert "> s\nBlundering around in the dark isn't a good idea!" in out
    assert game.state.counters["disturbed"] == 3
    assert out.endswith("The message has been carelessly trampled, making it difficult to "
                        "read. You can just distinguish the words...\n"
                        "*** You have lost ***\n"
                        "You have scored 1 out of a possible 2, in 9 turns.\n"
                        "Would you like to RESTART, RESTORE a saved game, UNDO the last move "
                        "or QUIT?")


def test_one_slip_in_the_dark_still_wins() -> None:
    game, _ = play("s", "i", "n", "w", "put cloak on hook", "e", "s", "x message")
    assert game.state.ended == "won"


def test_the_cloak_stays_on_outside_the_cloakroom() -> None:
    game, out = play("drop cloak", "s", "n", "put cloak on doorway")
    assert "This isn't the best place to leave a smart cloak lying around." in out
    assert game.state.things["cloak/cloak"].location == "player"


def test_the_pack_is_short() -> None:
    """The issue measured 555 lines and 72 rules for the demo before these forms."""
    files = [CLOAK / "pack.toml", CLOAK / "cloak.toml"]
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    rules = len(tomllib.loads((CLOAK / "cloak.toml").read_text(encoding="utf-8"))["rules"])
    print(f"\nCloak of Darkness: {lines} lines of TOML, {rules} rules")
    assert lines < 150
    assert rules <= 8
