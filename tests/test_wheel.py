"""The game as a player or packager gets it: the sdist carries everything, a wheel built from it
installs into a fresh venv, and the installed ``spotless`` plays the built-in campaign, makes and
validates a pack and takes a screenshot from a folder that has nothing to do with the repository.

Slow-ish (a build and a ``pip install``, about half a minute), and it needs what ``make test``
needs anyway: pip able to fetch the runtime dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str | Path], cwd: Path, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, input=stdin, text=True,
                          capture_output=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist, the wheel built from it (not from the checkout), and a venv with it."""
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--sdist", "--outdir", out, ROOT], cwd=out)
    assert built.returncode == 0, built.stderr[-3000:]
    sdist = next(out.glob("*.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(out / "src", filter="data")
    src = next((out / "src").iterdir())
    built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", out, src], cwd=out)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(out.glob("*.whl"))
    venv = out / "venv"
    made = _run([sys.executable, "-m", "venv", venv], cwd=out)
    assert made.returncode == 0, made.stderr
    pip = _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], cwd=out)
    assert pip.returncode == 0, pip.stderr[-3000:]
    return {"sdist": sdist, "src": src, "wheel": wheel, "bin": venv / "bin"}


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SPOTLESS_DATA_DIR=str(tmp / "d"),
               SPOTLESS_CONFIG_DIR=str(tmp / "c"))
    return env


def test_the_sdist_holds_every_file_of_the_repository(dist: dict[str, Path]) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing to compare the sdist with")
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("git can't list this checkout")
    tracked = {f for f in listed.stdout.splitlines() if (ROOT / f).is_file()}
    tracked -= {".gitignore"}
    have = {p.relative_to(dist["src"]).as_posix() for p in dist["src"].rglob("*") if p.is_file()}
    assert not tracked - have, f"missing from the sdist: {sorted(tracked - have)[:20]}"


def test_the_wheel_carries_the_campaign_the_art_and_the_guide(dist: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    for needed in ("game/_data/levels/spotless/pack.toml", "game/_data/levels/README.md",
                   "game/_data/assets/fonts/SourceSerifPro-Regular.otf",
                   "game/_data/assets/sprites/joel.png",
                   "game/engine/lang/en.toml"):
        assert needed in names
    assert not any("__pycache__" in n for n in names)


def test_the_installed_game_plays_from_an_unrelated_folder(dist: dict[str, Path],
                                                           tmp_path: Path) -> None:
    spotless = dist["bin"] / "spotless"
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = _env(tmp_path)
    for cwd in (away, Path("/")):
        played = _run([spotless, "--text", "--seed", "1"], cwd=cwd, env=env,
                      stdin="look\nexamine card\ninventory\nquit\nyes\n")
        assert played.returncode == 0, played.stderr
        assert "Your Living Room" in played.stdout, played.stdout[-2000:]
        assert "Traceback" not in played.stdout + played.stderr
    where = _run([spotless, "guide", "--path"], cwd=away, env=env)
    guide = Path(where.stdout.strip())
    assert guide.is_file() and not guide.is_relative_to(ROOT)


def test_the_installed_game_makes_and_validates_a_pack(dist: dict[str, Path],
                                                       tmp_path: Path) -> None:
    spotless = dist["bin"] / "spotless"
    env = _env(tmp_path)
    made = _run([spotless, "new-pack", "mine"], cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    checked = _run([spotless, "validate", "mine"], cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    builtin = _run([spotless, "validate", ROOT / "levels" / "spotless"], cwd=tmp_path, env=env)
    assert "0 error(s)" in builtin.stdout


def test_the_installed_game_takes_a_screenshot_and_leaves_no_files(dist: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    spotless = dist["bin"] / "spotless"
    env = _env(tmp_path)
    commands = tmp_path / "commands.txt"
    commands.write_text("\n".join(["look", "examine card"] + ["wait"] * 12) + "\n")
    shot = tmp_path / "out.png"
    taken = _run([spotless, "--screenshot", shot, "--commands", commands], cwd=tmp_path, env=env)
    assert taken.returncode == 0, taken.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # a headless run writes no save, autosave or setting anywhere the player would find it
    assert not (tmp_path / "d").exists() and not (tmp_path / "c").exists()
