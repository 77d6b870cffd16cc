"""spotless validate: every problem with file, place and fix; the warnings of things no one can
see, languages without texts and unused tilesets; exit codes; the JSON records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import cli
from game.packs.problems import Problem, Severity
from game.packs.scaffold import write_pack
from game.packs.validate import check_pack


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "my-pack"
    write_pack(folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def warnings(pack: Path) -> list[Problem]:
    found = check_pack(pack)
    assert not [p for p in found if p.severity is Severity.ERROR], "\n".join(map(str, found))
    return found


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


REVEAL_RULE = """[[rules]]
action = "look_under"
object = "table"
once = true
say = "Under the table you find a brass key."
do = [ { reveal = "brass key" } ]
"""


# -- things no one can see -----------------------------------------------------------------------
def test_hidden_thing_that_no_rule_reveals(pack: Path) -> None:
    edit(pack / "house.toml", REVEAL_RULE, "")
    w = only(warnings(pack))
    assert w.file.endswith("house.tmx")
    assert w.where == 'object 9 "brass key" (layer things)'
    assert w.message == "no one can see it: it is hidden and no rule reveals or moves it"
    assert '{ reveal = "brass key" }' in w.fix


def test_hidden_thing_that_a_rule_moves_is_seen(pack: Path) -> None:
    edit(pack / "house.toml", '{ reveal = "brass key" }', '{ move = "brass key", to = "player" }')
    assert warnings(pack) == []


def test_no_unseen_warning_when_the_revealing_rule_is_broken(pack: Path) -> None:
    edit(pack / "house.toml", 'action = "look_under"', 'action = "look_undr"')
    found = check_pack(pack)
    assert [p.message for p in found] == ['unknown action "look_undr"']


SEAL = ('name="biscuit tin" class="Container" x="208" y="40" width="16" height="16">\n'
        '   <properties>\n')


def test_thing_in_a_container_that_cannot_be_opened(pack: Path) -> None:
    edit(pack / "house.tmx", SEAL, SEAL + '    <property name="openable" type="bool" '
         'value="false"/>\n')
    w = only(warnings(pack))
    assert w.where == 'object 11 "biscuit" (layer things)'
    assert w.message == ('no one can see it: it is inside "biscuit tin", which is closed and '
                         "can't be opened")
    assert '"openable"' in w.fix


@pytest.mark.parametrize("remedy", ["transparent", "open", "rule"])
def test_sealed_container_that_is_seen_through_opened_or_opened_by_a_rule(
        pack: Path, remedy: str) -> None:
    props = '    <property name="openable" type="bool" value="false"/>\n'
    if remedy in ("transparent", "open"):
        props += f'    <property name="{remedy}" type="bool" value="true"/>\n'
    else:
        edit(pack / "house.toml", '{ reveal = "brass key" }',
             '{ reveal = "brass key" }, { open = "biscuit tin" }')
    edit(pack / "house.tmx", SEAL, SEAL + props)
    assert warnings(pack) == []


def test_thing_deep_inside_a_sealed_container(pack: Path) -> None:
    # the tin (holding the biscuit) goes into the attic's trunk, sealed
    edit(pack / "attic.tmx", 'name="trunk" class="Container" x="208" y="40" width="32" '
         'height="16"/>', 'name="trunk" class="Container" x="208" y="40" width="32" '
         'height="16">\n   <properties>\n    <property name="openable" type="bool" '
         'value="false"/>\n   </properties>\n  </object>')
    assert [p.where for p in warnings(pack)] == ['object 5 "photograph" (layer things)']


def test_room_without_a_description(pack: Path) -> None:
    edit(pack / "house.toml", '[rooms.Garden]\ndescription = "A square of lawn around an old '
         'apple tree. The back door leads north."\n', "")
    w = only(warnings(pack))
    assert (w.where, w.message) == ('rooms."Garden"', "the room has no description")
    assert w.fix == 'add [rooms."Garden"] description = "..."'


# -- languages -----------------------------------------------------------------------------------
def test_a_language_without_any_texts(pack: Path) -> None:
    edit(pack / "pack.toml", 'languages = ["en"]', 'languages = ["en", "de"]')
    w = only(warnings(pack))
    assert w.file.endswith("pack.toml") and w.where == "languages[1]"
    assert w.message == ('the language "de" has no texts: no level has LEVEL.de.toml (like '
                         "house.de.toml)")


def test_a_language_with_the_texts_of_one_level_missing(pack: Path) -> None:
    edit(pack / "pack.toml", 'languages = ["en"]', 'languages = ["en", "de", "fr"]')
    (pack / "house.de.toml").write_text("", encoding="utf-8")
    (pack / "attic.de.toml").write_text("", encoding="utf-8")
    (pack / "house.fr.toml").write_text("", encoding="utf-8")
    w = only(warnings(pack))
    assert w.where == "languages[2]"
    assert w.message == ('the language "fr" has no texts for the level "attic": attic.fr.toml '
                         "is missing")
    assert "write attic.fr.toml" in w.fix and 'remove "fr"' in w.fix


# -- tilesets ------------------------------------------------------------------------------------
def _second_tileset(pack: Path) -> None:
    tsx = (pack / "tiles" / "basic.tsx").read_text(encoding="utf-8")
    (pack / "tiles" / "extra.tsx").write_text(tsx.replace('name="basic"', 'name="extra"'),
                                              encoding="utf-8")
    edit(pack / "house.tmx", ' <tileset firstgid="1" source="tiles/basic.tsx"/>\n',
         ' <tileset firstgid="1" source="tiles/basic.tsx"/>\n'
         ' <tileset firstgid="5" source="tiles/extra.tsx"/>\n')


def test_unused_tileset(pack: Path) -> None:
    _second_tileset(pack)
    w = only(warnings(pack))
    assert w.file.endswith("house.tmx")
    assert w.where == 'tileset "extra" (tiles/extra.tsx)'
    assert w.message == ("the tileset is not used: no tile layer or tile object shows one of "
                         "its tiles")


def test_tileset_used_by_a_tile_object_only(pack: Path) -> None:
    _second_tileset(pack)
    edit(pack / "house.tmx", "</map>", ' <objectgroup id="9" name="decor">\n'
         '  <object id="50" gid="6" x="0" y="16" width="16" height="16"/>\n'
         " </objectgroup>\n</map>")
    assert warnings(pack) == []


def test_tileset_used_in_a_tile_layer_with_flipped_tiles(pack: Path) -> None:
    _second_tileset(pack)
    flipped = 0x80000000 | 7
    edit(pack / "house.tmx", '<data encoding="csv">\n2,', f'<data encoding="csv">\n{flipped},')
    assert warnings(pack) == []


# -- the command ---------------------------------------------------------------------------------
def test_text_output_and_exit_codes(pack: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    write_pack(broken)
    edit(broken / "house.toml", "once = true", 'once = "yes"')
    edit(pack / "house.toml", REVEAL_RULE, "")
    assert cli.main(["validate", str(pack)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{pack}: 0 error(s), 1 warning(s): valid"
    assert out[0].endswith('house.tmx: object 9 "brass key" (layer things): warning: no one '
                           "can see it: it is hidden and no rule reveals or moves it. Fix: "
                           'reveal it with a rule (do = [ { reveal = "brass key" } ]), or '
                           'untick its property "hidden"')
    assert cli.main(["validate", str(pack), str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{broken}: 1 error(s), 0 warning(s): not valid" in out
    text = (broken / "house.toml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, ln in enumerate(text, 1) if ln.startswith('once = "yes"'))
    assert any(ln.endswith(f'house.toml:{line}: rules[0].once: expected true or false, found '
                           'the text "yes". Fix: write once = true') for ln in out)


def test_missing_pack_is_a_usage_error(pack: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    nowhere = tmp_path / "nowhere"
    for args in (["validate", str(pack), str(nowhere)], ["validate", "--json", str(nowhere)]):
        assert cli.main(args) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert str(nowhere) in captured.err and "no such folder or file" in captured.err


def test_folder_without_pack_toml_is_an_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(tmp_path)]) == 1
    assert "pack.toml: the file is missing" in capsys.readouterr().out


def test_json_records(pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    write_pack(broken)
    edit(broken / "house.toml", "once = true", 'once = "yes"')
    edit(pack / "house.toml", REVEAL_RULE, "")
    assert cli.main(["validate", "--json", str(pack), str(broken)]) == 1
    text = capsys.readouterr().out
    records = json.loads(text)
    assert [list(r) for r in records] == [["path", "errors", "warnings", "problems"]] * 2
    ok, bad = records
    assert (ok["path"], ok["errors"], ok["warnings"]) == (str(pack), 0, 1)
    assert (bad["path"], bad["errors"], bad["warnings"]) == (str(broken), 1, 0)
    problem = bad["problems"][0]
    assert list(problem) == ["severity", "file", "line", "where", "message", "fix"]
    assert isinstance(problem["line"], int) and ok["problems"][0]["line"] is None  # TOML, TMX
    assert problem["severity"] == "error" and problem["file"].endswith("house.toml")
    assert problem["where"] == "rules[0].once"
    assert problem["message"] == 'expected true or false, found the text "yes"'
    assert problem["fix"] == "write once = true"
    assert ok["problems"][0]["severity"] == "warning"
    # the same input, the same bytes
    assert cli.main(["validate", "--json", str(pack), str(broken)]) == 1
    assert capsys.readouterr().out == text


def test_json_of_a_clean_pack(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--json", str(pack)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"path": str(pack), "errors": 0, "warnings": 0, "problems": []}]


def test_a_zipped_pack_gets_the_same_warnings(pack: Path, tmp_path: Path) -> None:
    import zipfile

    _second_tileset(pack)
    edit(pack / "pack.toml", 'languages = ["en"]', 'languages = ["en", "de"]')
    archive = tmp_path / "my-pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(pack.rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(pack).as_posix())
    found = warnings(archive)
    assert [(p.file.rsplit("/", 1)[-1], p.where) for p in found] == [
        (f"{archive.name}:pack.toml", "languages[1]"),
        (f"{archive.name}:house.tmx", 'tileset "extra" (tiles/extra.tsx)')]
