"""The spotless command as a player meets it: options, piped play, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOUSE = ROOT / "tests" / "packs" / "house"


def spotless(
    *args: str, stdin: str = "", data: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    if data is not None:
        env["SPOTLESS_DATA_DIR"] = str(data)
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=60)


def test_version_and_help() -> None:
    v = spotless("--version")
    assert v.returncode == 0 and v.stdout.startswith("spotless ")
    h = spotless("--help")
    assert h.returncode == 0 and "--seed" in h.stdout and "validate" in h.stdout


@pytest.mark.parametrize("args", [["--seed", "x"], ["--bogus"], ["play", "a", "b"], ["frobnicate"]])
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    r = spotless(*args)
    assert r.returncode == 2
    assert "usage:" in r.stderr and "Traceback" not in r.stderr


def test_piped_play_echoes_commands_and_exits_0(tmp_path: Path) -> None:
    r = spotless("play", str(HOUSE), "--seed", "3", stdin="look\nx rug\n", data=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "> look\nThe Hall\n" in r.stdout
    assert "> x rug\nA threadbare rug.\n" in r.stdout
    assert r.stderr == ""


def test_quit_ends_the_program(tmp_path: Path) -> None:
    r = spotless("play", str(HOUSE), stdin="quit\nyes\nlook\n", data=tmp_path)
    assert r.returncode == 0
    assert "Goodbye." in r.stdout and "> look" not in r.stdout


def test_transcript_option_writes_the_session(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    r = spotless("play", str(HOUSE), "--transcript", str(out), stdin="x rug\n", data=tmp_path)
    assert r.returncode == 0
    assert "> x rug\nA threadbare rug." in out.read_text(encoding="utf-8")


def test_broken_pack_lists_problems_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('format = 1\nid = "Bad Id"\n', encoding="utf-8")
    r = spotless("play", str(tmp_path))
    assert r.returncode == 2
    assert "pack.toml" in r.stderr and "Traceback" not in r.stderr
    assert "title" in r.stderr  # a missing key is named


def test_missing_pack_folder(tmp_path: Path) -> None:
    r = spotless("play", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "pack" in r.stderr


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    r = spotless("play", str(HOUSE), "--lang", "xx", data=tmp_path)
    assert r.returncode == 2 and "xx" in r.stderr


def test_validate_exit_codes(tmp_path: Path) -> None:
    ok = spotless("validate", str(HOUSE))
    assert ok.returncode == 0 and "0 error(s)" in ok.stdout
    bad = spotless("validate", str(tmp_path))
    assert bad.returncode == 1 and "pack.toml" in bad.stdout


def test_save_and_restore_across_runs(tmp_path: Path) -> None:
    first = spotless("play", str(HOUSE), stdin="take blue key\nsave one\n", data=tmp_path)
    assert "Saved to" in first.stdout
    second = spotless("play", str(HOUSE), stdin="restore one\ni\n", data=tmp_path)
    assert "Restored." in second.stdout and "a blue key" in second.stdout


def test_builtin_campaign_starts() -> None:
    r = spotless("--text", stdin="look\n")
    assert r.returncode == 0, r.stderr
    assert "Spotless Mind" in r.stdout and "Traceback" not in r.stdout + r.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """spotless ... | head: the reader leaves early; no traceback, no error exit."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SPOTLESS_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", str(HOUSE)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdout.readline()
    proc.stdout.close()  # like head after its lines
    _, err = proc.communicate(b"look\n" * 5000, timeout=60)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_validate_keeps_an_absolute_path_whole(tmp_path: Path) -> None:
    """From ``/`` an absolute pack path used to lose its leading slash in every problem."""
    pack = tmp_path / "house"
    import shutil

    shutil.copytree(HOUSE, pack)
    with open(pack / "pack.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[endings.extra]\ntitle = "x"\nbogus = 1\n')
    env = dict(os.environ, SDL_VIDEODRIVER="dummy")
    r = subprocess.run([sys.executable, "-m", "game", "validate", str(pack)], text=True,
                       capture_output=True, env=env, cwd="/", timeout=60)
    assert r.returncode == 1
    assert f"{pack}/pack.toml:" in r.stdout and "endings." in r.stdout, r.stdout
    assert "spotless guide" in r.stderr  # and where the authors' guide is


def test_data_dir_moves_the_settings_too(tmp_path: Path) -> None:
    from game import cli
    from game.ui.window import settings

    seen: list[Path] = []
    real_play = cli.play

    def spy(args):  # type: ignore[no-untyped-def]
        cli._private_folders(args, "text")
        seen.append(settings.config_dir())
        return 0

    cli.play = spy  # type: ignore[assignment]
    try:
        assert cli.main(["--text", "--data-dir", str(tmp_path)]) == 0
    finally:
        cli.play = real_play  # type: ignore[assignment]
    assert seen == [tmp_path]
    assert settings.config_dir() != tmp_path  # the choice ended with the run


def test_guide_prints_the_authors_guide() -> None:
    r = spotless("guide")
    assert r.returncode == 0 and r.stdout.startswith("# Making level packs")
    p = spotless("guide", "--path")
    assert Path(p.stdout.strip()) == ROOT / "levels" / "README.md"
