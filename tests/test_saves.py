"""Saved games: the envelope, migrations from every earlier schema (a fixture file each),
atomic writes with a backup, damaged files of every kind, other packs and versions, slots,
and autosaves."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOUSE, play, say

from game import __version__
from game.engine import atomic, savefile
from game.engine.migrations import MIGRATIONS, migrate, schema_of, v1_to_v2
from game.engine.saves import AUTOSAVE, SaveError, SaveStore, decode
from game.engine.session import Game
from game.engine.world import World
from game.packs.loader import load_pack

FIXTURES = Path(__file__).resolve().parent / "saves"
ROOT = Path(__file__).resolve().parent.parent
MEMORIES = Path(__file__).resolve().parent / "packs" / "memories"


def restore_text(game: Game, name: str) -> str:
    return say(game, f"restore {name}")


# -- the envelope ---------------------------------------------------------------------------------
def test_a_save_is_an_envelope_with_a_summary_and_a_checksum(game: Game) -> None:
    play(game, "take box", "e")
    say(game, "save one")
    assert game.saves is not None
    doc = json.loads((game.saves.directory / "one.json").read_text(encoding="utf-8"))
    assert list(doc)[:7] == ["format", "schema", "game_version", "created", "pack", "summary",
                             "checksum"]
    assert doc["format"] == "spotless-mind-save" and doc["schema"] == savefile.SCHEMA
    assert doc["game_version"] == __version__
    assert doc["pack"] == {"id": "house", "version": "1.0.0",
                           "hash": game.world.content_hash}
    assert doc["pack"]["hash"].startswith("sha256:")
    assert doc["summary"] == {"pack_title": "A Small House", "level": "house",
                              "level_title": "The House", "room": "house/Kitchen",
                              "room_title": "Kitchen", "turn": 2, "score": 0, "ended": None}
    assert doc["checksum"] == savefile.checksum(doc["state"])
    assert doc["created"].endswith("Z")


def test_the_content_hash_follows_the_texts(tmp_path: Path, house: World) -> None:
    copy = shutil.copytree(HOUSE, tmp_path / "house")
    assert load_pack(copy)[0].content_hash == house.content_hash
    toml = copy / "house.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert load_pack(copy)[0].content_hash != house.content_hash


# -- migrations: a fixture of every earlier schema ------------------------------------------------
def test_every_earlier_schema_has_a_migration_and_a_fixture() -> None:
    assert sorted(MIGRATIONS) == list(range(1, savefile.SCHEMA))
    for schema in MIGRATIONS:
        assert list(FIXTURES.glob(f"schema-{schema}-*.json")), f"no fixture of schema {schema}"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema-*.json")))
def test_a_fixture_of_an_earlier_schema_restores(fixture: str, tmp_path: Path,
                                                 house: World, prologue: World) -> None:
    world = house if "house" in fixture else prologue
    saves = SaveStore(tmp_path)
    shutil.copy(FIXTURES / fixture, tmp_path / "old.json")
    original = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    g = Game(world, seed=99, strict=True, saves=saves)
    g.start()
    out = restore_text(g, "old")
    assert out.startswith("Restored."), out
    # what the save held is all there, as it was (the campaign has grown since: things added to
    # the pack since then, and fields added to the state, come in at their defaults)
    now = g.state.model_dump(mode="json")
    then = type(g.state).model_validate(original["state"]).model_dump(mode="json")
    for key, value in then.items():
        if key == "things":
            assert {t: now[key][t] for t in value} == value
        else:
            assert now[key] == value, key
    assert g.submit("look")
    # and it lists with what schema 1 knew
    (slot,) = saves.slots()
    assert slot.ok and slot.turn == original["state"]["turn"]
    assert slot.room == original["state"]["room"].rsplit("/", 1)[-1]


def test_migrations_are_pure_dict_to_dict() -> None:
    raw = (FIXTURES / "schema-1-house.json").read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert schema_of(doc) == 1
    new = v1_to_v2(doc)
    assert json.loads(raw) == doc, "the migration changed its input"
    assert schema_of(new) == 2 and new["pack"] == {"id": "house", "version": "1.0.0",
                                                  "hash": None}
    assert new["checksum"] == savefile.checksum(doc["state"])
    assert migrate(doc, 1) == new


# -- writes ---------------------------------------------------------------------------------------
def test_the_previous_save_becomes_the_backup(game: Game) -> None:
    assert game.saves is not None
    say(game, "save slot")
    first = (game.saves.directory / "slot.json").read_bytes()
    say(game, "take box")
    say(game, "save slot")
    assert (game.saves.directory / "slot.json.bak").read_bytes() == first
    assert say(game, "restore backup slot").startswith("Restored.")
    assert game.state.things["house/box"].location == "house/Hall"
    assert say(game, "restore slot backup").startswith("Restored.")
    assert say(game, "restore backup nothere") == (
        'Could not restore: There is no backup of the saved game "nothere". The game goes on.')


def test_a_failed_write_leaves_the_old_save_and_no_temporary_file(
        game: Game, monkeypatch: pytest.MonkeyPatch) -> None:
    assert game.saves is not None
    say(game, "save slot")
    before = (game.saves.directory / "slot.json").read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    say(game, "take box")
    out = say(game, "save slot")
    assert out.startswith("The game could not be saved to ") and "No space left" in out
    monkeypatch.undo()
    assert (game.saves.directory / "slot.json").read_bytes() == before
    assert sorted(p.name for p in game.saves.directory.iterdir()) == ["slot.json"]


def test_stale_temporary_files_are_removed(tmp_path: Path, game: Game) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f"{atomic.TEMP_PREFIX}{dead.stdout.strip()}-abcd{atomic.TEMP_SUFFIX}"
    stale.write_text("half a save")
    mine = tmp_path / f"{atomic.TEMP_PREFIX}{os.getpid()}-abcd{atomic.TEMP_SUFFIX}"
    mine.write_text("being written")
    old = tmp_path / f"{atomic.TEMP_PREFIX}{os.getpid()}-old0{atomic.TEMP_SUFFIX}"
    old.write_text("ancient")
    os.utime(old, (0, 0))
    say(game, "save slot")
    assert not stale.exists() and not old.exists()
    assert mine.exists()  # a live writer's file is left alone


# -- damaged saves --------------------------------------------------------------------------------
def _deep(n: int) -> str:
    return "[" * n + "]" * n


DAMAGE = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "was cut short at line"),
    "empty": (lambda raw: b"", "was cut short at line 1"),
    "garbage": (lambda raw: os.urandom(3000).replace(b"{", b"x"), "is damaged"),
    "not JSON": (lambda raw: b"{not json", "not valid JSON at line 1"),
    "deep": (lambda raw: _deep(100_000).encode(), "nested far too deeply"),
    "deep object": (lambda raw: ('{"a":' * 100_000 + "1" + "}" * 100_000).encode(),
                    "nested far too deeply"),
    "huge number": (lambda raw: raw.replace(b'"turn": 1', b'"turn": 1' + b"0" * 1_000_000),
                    "a number of 1000001 digits"),
    "bad checksum": (lambda raw: raw.replace(b'"location": "house/Hall"',
                                             b'"location": "house/Kitchen"', 1),
                     "its checksum does not match"),
    "not a save": (lambda raw: b'{"hello": "world"}', "is not a Spotless Mind saved game"),
    "a list": (lambda raw: b"[1, 2, 3]", "is not a Spotless Mind saved game"),
    "newer": (lambda raw: raw.replace(b'"schema": 2', b'"schema": 9'),
              "saved by a newer version of Spotless Mind"),
    "not UTF-8": (lambda raw: b"\xff\xfe" + raw, "is not UTF-8 text"),
    "too large": (lambda raw: b" " * (savefile.MAX_SAVE_BYTES + 1), "is too large"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_save_is_named_the_backup_offered_and_nothing_deleted(
        game: Game, kind: str) -> None:
    assert game.saves is not None
    say(game, "save slot")  # becomes the backup
    say(game, "take box")
    say(game, "save slot")
    path = game.saves.directory / "slot.json"
    spoil, expect = DAMAGE[kind]
    damaged = spoil(path.read_bytes())
    path.write_bytes(damaged)
    before = game.state.model_dump()
    out = restore_text(game, "slot")
    assert out.startswith(f"Could not restore: {path} "), out
    assert expect in out, out
    assert "Traceback" not in out
    if kind != "newer":
        assert "The save before it is good (The House, The Hall, turn 0, saved " in out, out
        assert "type RESTORE BACKUP SLOT to go back to it." in out
    assert out.endswith("The game goes on.")
    assert game.state.model_dump() == before
    assert path.read_bytes() == damaged, "the damaged file was changed"
    assert say(game, "restore backup slot").startswith("Restored.")
    assert game.state.turn == 0
    listing = say(game, "restore")
    assert "- slot: damaged, saved " in listing


def test_saving_over_a_damaged_save_keeps_it_and_the_good_backup(game: Game) -> None:
    assert game.saves is not None
    say(game, "save slot")
    good = (game.saves.directory / "slot.json").read_bytes()
    say(game, "save slot")
    path = game.saves.directory / "slot.json"
    path.write_bytes(b"{ cut")
    say(game, "save slot")
    assert (game.saves.directory / "slot.json.bak").read_bytes() == good
    aside = list(game.saves.directory.glob("slot.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"{ cut"
    assert say(game, "restore slot").startswith("Restored.")


def test_decode_reads_the_first_schema(house: World, game: Game) -> None:
    raw = json.dumps({"format": 1, "game": "spotless-mind", "pack": "house",
                      "state": game.state.model_dump(mode="json")})
    assert decode(raw, house, "x") == game.state


# -- other packs and versions ---------------------------------------------------------------------
def test_a_save_of_another_pack_is_refused(game: Game, tmp_path: Path) -> None:
    assert game.saves is not None
    say(game, "save slot")
    path = game.saves.directory / "slot.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["pack"]["id"] = "other"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = restore_text(game, "slot")
    assert f'{path} belongs to the pack "other", not to "house".' in out


def _other_version(house: World, **changes: object) -> World:
    return dataclasses.replace(house, version="2.0.0", content_hash="sha256:other", **changes)


def test_a_save_of_another_version_that_fits_is_restored_with_a_note(
        game: Game, house: World) -> None:
    assert game.saves is not None
    say(game, "take box")
    say(game, "save slot")
    newer = Game(_other_version(house), seed=1, strict=True, saves=game.saves)
    newer.start()
    out = restore_text(newer, "slot")
    assert out.startswith("Restored.\n(This game was saved with version 1.0.0 of the pack; it "
                          "still fits version 2.0.0.)"), out
    assert newer.state.things["house/box"].location == "player"


def test_a_save_of_another_version_that_no_longer_fits_says_so(
        game: Game, house: World) -> None:
    assert game.saves is not None
    say(game, "save slot")
    rooms = {k: v for k, v in house.rooms.items() if k != "house/Hall"}
    newer = Game(_other_version(house, rooms=rooms), seed=1, strict=False, saves=game.saves)
    out = restore_text(newer, "slot")
    path = game.saves.directory / "slot.json"
    assert out == (f'Could not restore: {path} was saved with version 1.0.0 of the pack "house" '
                   "and does not fit version 2.0.0 (unknown room 'house/Hall'). "
                   "The game goes on.")


# -- slots ----------------------------------------------------------------------------------------
def test_restore_alone_lists_the_slots_newest_first(game: Game) -> None:
    assert say(game, "restore") == ("There are no saved games yet. Type SAVE and a name to save "
                                    "one.")
    say(game, "save first")
    play(game, "take box", "e")
    say(game, "save second")
    assert game.saves is not None
    os.utime(game.saves.directory / "first.json", (0, 0))
    lines = say(game, "restore").split("\n")
    assert lines[0] == "Saved games (newest first):"
    assert lines[1].startswith("- second: A Small House, The House, Kitchen, turn 2, saved ")
    assert lines[2].startswith("- first: A Small House, The House, The Hall, turn 0, saved ")
    assert lines[3] == "Type RESTORE and a name to go back to one."
    assert [s.name for s in game.saves.slots()] == ["second", "first"]
    newest = game.saves.newest()
    assert newest is not None and newest.name == "second"


def test_a_save_name_is_one_word(game: Game) -> None:
    assert "won't do" in say(game, "save my game")
    assert "won't do" in say(game, "restore a b c")


# -- autosaves ------------------------------------------------------------------------------------
def test_an_autosave_on_every_level_change_and_on_quit(tmp_path: Path) -> None:
    world = load_pack(MEMORIES)[0]
    saves = SaveStore(tmp_path)
    game = Game(world, seed=1, strict=True, saves=saves)
    game.start()
    say(game, "look")
    assert not (tmp_path / f"{AUTOSAVE}.json").exists()
    say(game, "sleep")
    assert game.state.level == "bookstore"
    slot = saves.newest()
    assert slot is not None and slot.name == AUTOSAVE and slot.level == "The bookstore"
    say(game, "z")
    say(game, "quit")
    say(game, "yes")
    assert saves.restore(AUTOSAVE, world).state == game.state
    assert saves.restore(AUTOSAVE, world, backup=True).info.turn == slot.turn < game.state.turn


def test_the_terminal_autosaves_when_its_input_ends(tmp_path: Path) -> None:
    env = dict(os.environ, SPOTLESS_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "game", "play", str(HOUSE), "--text"],
                       input="take box\ne\n", capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    world = load_pack(HOUSE)[0]
    state = SaveStore(tmp_path / "saves" / "house").restore(AUTOSAVE, world).state
    assert state.turn == 2 and state.room == "house/Kitchen"


def test_saving_fails_cleanly_where_no_folder_can_be(house: World, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = SaveStore(tmp_path / "file" / "saves")
    with pytest.raises(SaveError) as err:
        store.save("x", house, Game(house, seed=1).state)
    assert err.value.msg_id == "save.failed"


def test_a_session_that_changed_nothing_does_not_autosave(tmp_path: Path, house: World) -> None:
    saves = SaveStore(tmp_path)
    game = Game(house, seed=1, strict=True, saves=saves)
    game.start()
    assert game.autosave() is None
    assert not saves.path(AUTOSAVE).exists()
    say(game, "take box")
    assert game.autosave() is not None
    say(game, "restore autosave")
    assert game.autosave() is None  # the state is the save's: nothing new to keep


def test_a_new_game_does_not_push_a_longer_autosave_out(tmp_path: Path, house: World) -> None:
    saves = SaveStore(tmp_path)
    night = Game(house, seed=1, strict=True, saves=saves)
    night.start()
    play(night, "take box", "e", "take lamp", "w", "drop box", "e")
    night.autosave()
    for _ in range(3):  # three short games after it, each autosaved
        short = Game(house, seed=1, strict=True, saves=saves)
        short.start()
        say(short, "take box")
        short.autosave()
    kept = [s for s in saves.slots() if s.name.startswith(f"{AUTOSAVE}-")]
    assert len(kept) == 1 and kept[0].turn == night.state.turn
    restored = saves.restore(kept[0].name, house).state
    assert restored == night.state


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_or_a_device_in_the_save_folder_is_refused_unopened(game: Game) -> None:
    assert game.saves is not None
    game.saves.directory.mkdir(parents=True, exist_ok=True)
    os.mkfifo(game.saves.directory / "pipe.json")
    (game.saves.directory / "zero.json").symlink_to("/dev/zero")
    assert say(game, "restore pipe").endswith("pipe.json could not be read. The game goes on.")
    assert say(game, "restore zero").endswith("zero.json could not be read. The game goes on.")
    assert "There are no saved games yet" in say(game, "restore")


def test_only_the_newest_few_replaced_autosaves_are_kept(tmp_path: Path, house: World,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A player who starts over again and again finds a few kept nights, not dozens."""
    from game.engine import savefile
    from game.engine.saves import KEPT_AUTOSAVES

    hours = iter(range(100))
    monkeypatch.setattr(savefile, "now_text",
                        lambda: f"2026-12-04T{next(hours):02d}:00:00Z")  # a night an hour
    saves = SaveStore(tmp_path)
    for _ in range(KEPT_AUTOSAVES + 3):
        night = Game(house, seed=1, strict=True, saves=saves)
        night.start()
        play(night, "take box", "e", "take lamp", "w", "drop box", "e")
        night.autosave()
        short = Game(house, seed=1, strict=True, saves=saves)
        short.start()
        say(short, "take box")
        short.autosave()  # keeps the longer night as autosave-STAMP
    kept = [s for s in saves.slots() if s.name.startswith(f"{AUTOSAVE}-")]
    assert len(kept) == KEPT_AUTOSAVES
