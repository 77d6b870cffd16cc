"""Benchmarks of the pygame window (``make bench``); never part of the default test run.

At 1280x720 (fades also at 1920x1080) with SDL's dummy video driver, in one run. Figures are
printed; nothing here asserts a timing. The targets (issue 14), for reading the figures: a still
map no slower than pyscroll's BufferedRenderer on the same map; a frame with fades animating
median <= 2 ms / p95 <= 4 ms at 1280x720 and <= 4 / 8 ms at 1920x1080; every still screen
(title, game with the cursor blinking, Esc menu, a title card, the ending screen) <= 1 % of one
core; a key press drawn in the next frame; the first frame <= 1 s after start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game.engine.session import Game
from game.engine.world import World
from game.packs.loader import load_pack
from game.ui.window.app import App

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "levels" / "spotless"
TMX = PACK / "prologue.tmx"
SIZE = (1280, 720)
HZ = 30  # the window's clock


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f} ms"


def timed(fn: Callable[[], object], n: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[min(len(xs) - 1, int(len(xs) * 0.95))]


@pytest.fixture(scope="module")
def world() -> World:
    return load_pack(PACK)[0]


@pytest.fixture
def screen() -> Iterator[pygame.Surface]:
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode(SIZE)
    pygame.display.quit()


def new_app(world: World, screen: pygame.Surface, tmp: Path) -> App:
    from game.engine.saves import SaveStore

    app = App(Game(world, seed=1, saves=SaveStore(tmp)), PACK, screen)
    app.start()
    app.draw()  # loads the map: the first frame's cost is measured elsewhere
    return app


# -- 1. a still map: ours against pyscroll's ---------------------------------------------------
def test_still_map_vs_pyscroll(world: World, screen: pygame.Surface, tmp_path: Path) -> None:
    app = new_app(world, screen, tmp_path)
    _status, map_r, _text, _inp = app.areas()
    area = map_r.inflate(-16, -16)
    view = app.map_view()
    assert view is not None
    st = app.game.state
    whole = timed(app.draw, 300)
    map_only = timed(lambda: view.draw(screen, area, st.stages, st.room, None, (),
                                       app.animator), 300)
    print(f"\nstill frame, whole window (App.draw, {SIZE[0]}x{SIZE[1]}): median "
          f"{ms(statistics.median(whole))}, p95 {ms(p95(whole))}")
    print(f"still frame, map view only (MapView.draw into {area.w}x{area.h}): median "
          f"{ms(statistics.median(map_only))}, p95 {ms(p95(map_only))}")

    try:
        import pyscroll
        from pytmx.util_pygame import load_pygame
    except ImportError:
        print("pyscroll is not installed: no comparison "
              "(.venv/bin/pip install pyscroll; it is not a dependency of the game)")
        return
    tmx = load_pygame(str(TMX))
    renderer = pyscroll.BufferedRenderer(pyscroll.TiledMapData(tmx), SIZE)
    renderer.center((tmx.width * tmx.tilewidth // 2, tmx.height * tmx.tileheight // 2))
    full = screen.get_rect()
    theirs = timed(lambda: renderer.draw(screen, full), 300)
    # the same map area as ours, for a like-for-like count of pixels
    small = pyscroll.BufferedRenderer(pyscroll.TiledMapData(tmx), area.size)
    small.zoom = view.scale or 1.0
    small.center((tmx.width * tmx.tilewidth // 2, tmx.height * tmx.tileheight // 2))
    sub = screen.subsurface(area)  # with a zoom, pyscroll scales into a surface of that size
    theirs_area = timed(lambda: small.draw(sub, sub.get_rect()), 300)
    print(f"still frame, pyscroll BufferedRenderer.draw of {TMX.name} "
          f"({tmx.width}x{tmx.height} tiles of {tmx.tilewidth}px) into {SIZE[0]}x{SIZE[1]}: "
          f"median {ms(statistics.median(theirs))}, p95 {ms(p95(theirs))}")
    print(f"still frame, pyscroll into our map area {area.w}x{area.h} at zoom "
          f"{small.zoom:.3f}: median {ms(statistics.median(theirs_area))}, "
          f"p95 {ms(p95(theirs_area))}")


def _drawn_while_fading(app: App) -> list[float]:
    """The seconds of each App.draw while the fades started run their course (200 at most)."""
    frames: list[float] = []
    while app.animator.busy and len(frames) < 200:
        app.tick(1000 / HZ)
        t0 = time.perf_counter()
        app.draw()
        frames.append(time.perf_counter() - t0)
    return frames


# -- 2. fades animating in several rooms --------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_frames_with_fades_animating(world: World, screen: pygame.Surface,
                                     tmp_path: Path, size: tuple[int, int]) -> None:
    screen = pygame.display.set_mode(size)
    app = new_app(world, screen, tmp_path)
    view = app.map_view()
    assert view is not None
    level = app.game.state.level
    rooms = sorted(view.rooms)[:6]
    stages = app.game.state.stages
    frames: list[float] = []
    maps: list[float] = []
    _status, map_r, _text, _inp = app.areas()
    for cycle in range(8):  # each cycle: every room one stage further, faded in together
        for rid in rooms:
            stage = cycle % 4 + 1
            stages[rid] = stage
            view.stage_changed(rid, stage, app.animator)
        frames += _drawn_while_fading(app)
        # the map alone, fading the same rooms back one stage
        for rid in rooms:
            stages[rid] = max(1, cycle % 4)
            view.stage_changed(rid, stages[rid], app.animator)
        while app.animator.busy:
            app.tick(1000 / HZ)
            t0 = time.perf_counter()
            app._draw_map(screen, map_r.inflate(-16, -16))
            maps.append(time.perf_counter() - t0)
    assert app.game.state.level == level
    print(f"\n{size[0]}x{size[1]}: frame with fades animating in {len(rooms)} rooms "
          f"({len(frames)} frames, "
          f"App.draw): median {ms(statistics.median(frames))}, p95 {ms(p95(frames))}, "
          f"max {ms(max(frames))}")
    if maps:
        print(f"  of which the map (App._draw_map, {len(maps)} frames): median "
              f"{ms(statistics.median(maps))}, p95 {ms(p95(maps))}")


# -- 2b. every memory of the campaign, its own map and tileset, fading --------------------------
MEMORIES = ("bookstore", "lastfight", "restaurant", "market", "ugly", "charles")


@pytest.mark.parametrize("level", MEMORIES)
def test_frames_with_fades_in_each_memory(world: World, screen: pygame.Surface, tmp_path: Path,
                                          level: str) -> None:
    """App.draw at 1280x720 while every room of the memory fades a stage further, together."""
    from start_at import GameAt

    game = GameAt(world, level, seed=1, strict=True)
    app = App(game, ROOT / "levels" / "spotless", screen)
    app.start()
    for _ in range(200):  # the memory's title card first
        if app.ceremony is None and not app.animator.busy:
            break
        app.tick(1000 / HZ)
    app.draw()
    view = app.map_view()
    assert view is not None
    stages = app.game.state.stages
    frames: list[float] = []
    for cycle in range(4):
        for rid in sorted(view.rooms):
            stages[rid] = cycle + 1
            view.stage_changed(rid, cycle + 1, app.animator)
        frames += _drawn_while_fading(app)
    print(f"\n{level}: frame with all {len(view.rooms)} rooms fading ({len(frames)} frames): "
          f"median {ms(statistics.median(frames))}, p95 {ms(p95(frames))}")


# -- 3. a key press drawn in the next frame -----------------------------------------------------
def test_key_press_to_next_frame(world: World, screen: pygame.Surface, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The real App.run loop; a KEYDOWN + TEXTINPUT posted at a known loop pass; count the
    passes until a flip shows the letter in the input line."""
    app = new_app(world, screen, tmp_path)
    real_get, real_flip, real_update = pygame.event.get, pygame.display.flip, \
        pygame.display.update
    state = {"loop": 0, "posted_at": -1, "t_post": 0.0, "seen_at": -1, "t_seen": 0.0,
             "draws": 0}
    presses: list[tuple[int, float]] = []
    POST_EVERY, PRESSES = 12, 10

    def get(*a, **k):  # type: ignore[no-untyped-def]
        state["loop"] += 1
        loop = state["loop"]
        if loop % POST_EVERY == 0 and len(presses) < PRESSES and state["posted_at"] < 0:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0,
                                                 unicode="x", scancode=27))
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))
            state["posted_at"], state["t_post"] = loop, time.perf_counter()
        if len(presses) >= PRESSES or loop > POST_EVERY * (PRESSES + 4):
            app.running = False
        return real_get(*a, **k)

    def shown() -> None:
        if state["posted_at"] >= 0 and app.input.text.count("x") > len(presses):
            presses.append((int(state["loop"] - state["posted_at"]),
                            time.perf_counter() - state["t_post"]))
            state["posted_at"] = -1

    def flip() -> None:
        state["draws"] += 1
        real_flip()
        shown()

    def update(*a, **k):  # type: ignore[no-untyped-def]
        real_update(*a, **k)
        shown()

    monkeypatch.setattr(pygame.event, "get", get)
    monkeypatch.setattr(pygame.display, "flip", flip)
    monkeypatch.setattr(pygame.display, "update", update)
    t0 = time.perf_counter()
    app.run()
    loops = state["loop"]
    wall = time.perf_counter() - t0
    lat = [t for _, t in presses]
    lags = [d for d, _ in presses]
    print(f"\nkey press -> frame showing it ({len(presses)}/{PRESSES} presses, App.run at "
          f"{HZ} Hz): loop passes after the press {lags} (0 = drawn in the pass that read it), "
          f"latency median {ms(statistics.median(lat)) if lat else '-'}, "
          f"max {ms(max(lat)) if lat else '-'}")
    print(f"  {state['draws']} full redraws in {loops} loop passes ({wall:.2f} s)")


# -- 4. a still screen's CPU and 5. time to the first frame: the real program -----------------
HARNESS = textwrap.dedent("""
    import os, sys, time
    T0 = float(sys.argv[1]); MODE = sys.argv[2]
    import pygame
    from game import cli
    from game.ui.window import app as app_mod
    cli._display = lambda: True   # the dummy driver is no display to the CLI: open it anyway
    real_flip = pygame.display.flip
    seen = {"title": False}
    def say(what):
        print(what, f"{time.time() - T0:.6f}", flush=True)
    def flip(*a, **k):
        real_flip(*a, **k)
        if not seen["title"]:
            seen["title"] = True
            say("title")           # the title screen's first frame
            if MODE != "title":
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                                     unicode="\\r", scancode=40))
    pygame.display.flip = flip
    real_draw = app_mod.App.draw
    def draw(self):
        real_draw(self)
        if not getattr(self, "_bench_seen", False):
            self._bench_seen = True
            say("game")            # the game's first frame (drawn, flipped just after)
            if MODE == "first":
                sys.stdout.flush(); os._exit(0)
            if MODE == "menu":
                from game.ui.window.menu import EscMenu
                self.overlay = EscMenu(self)
            elif MODE == "card":
                from game.ui.window import ceremony
                ceremony.CARD_MS = 10 ** 6   # a card that holds while it is measured
                self.ceremony = ceremony.for_level("asleep", "The bookstore", False)
            elif MODE == "ending":
                from game.engine.output import GameEnded
                from game.ui.window.ending import EndingScreen
                self.overlay = EndingScreen(self, GameEnded("spotless", title="Spotless",
                                            text="White.", score_text="13 of 13"))
            self.dirty = True
            say(MODE)
    app_mod.App.draw = draw
    sys.exit(cli.main(["--window"]))
""")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_frames_of_a_transition(world: World, screen: pygame.Surface, tmp_path: Path,
                                size: tuple[int, int]) -> None:
    """Falling asleep's ceremony: the fade to white, the card settling, the fade back."""
    from game.ui.window.ceremony import for_level

    screen = pygame.display.set_mode(size)
    app = new_app(world, screen, tmp_path)
    frames: list[float] = []
    for _ in range(3):
        app.ceremony = for_level("asleep", "The bookstore", False, old=app.game.state.level)
        while app.ceremony is not None:
            app.tick(1000 / HZ)
            if app.dirty:
                t0 = time.perf_counter()
                app.draw()
                frames.append(time.perf_counter() - t0)
    print(f"\n{size[0]}x{size[1]}: frame of a transition (fade, card, fade; {len(frames)} "
          f"frames): median {ms(statistics.median(frames))}, p95 {ms(p95(frames))}")


def _harness(mode: str, tmp: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               SPOTLESS_DATA_DIR=str(tmp / "data"), SPOTLESS_CONFIG_DIR=str(tmp / "config"),
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    return subprocess.Popen([sys.executable, "-c", HARNESS, repr(time.time()), mode],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def test_first_frame(tmp_path: Path) -> None:
    title, game = [], []
    for i in range(7):
        proc = _harness("first", tmp_path / str(i))
        out, err = proc.communicate(timeout=60)
        marks = dict(line.split() for line in out.splitlines() if line.strip())
        if "game" not in marks:
            print(f"\nfirst frame: the harness failed: {err[-2000:]}")
            return
        title.append(float(marks["title"]))
        game.append(float(marks["game"]))
    print(f"\nstart -> first frame of the title screen (python -m game --window, "
          f"{len(title)} runs): median {statistics.median(title) * 1e3:.0f} ms, max "
          f"{max(title) * 1e3:.0f} ms")
    print(f"start -> first frame of the game (title + Return + pack to map): median "
          f"{statistics.median(game) * 1e3:.0f} ms, max {max(game) * 1e3:.0f} ms")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", "--screenshot", str(tmp_path / "s.png")],
                   cwd=ROOT, env=dict(os.environ, SDL_VIDEODRIVER="dummy"), check=True,
                   capture_output=True)
    print(f"spotless --screenshot end to end (an upper bound): "
          f"{(time.perf_counter() - t0) * 1e3:.0f} ms")


def _idle(tmp: Path, screen: str) -> str:
    proc = _harness(screen, tmp)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # wait for that screen's first frame
            if line.startswith(screen):
                break
        else:
            return f"the harness failed: {proc.stderr.read()[-2000:]}"  # type: ignore[union-attr]
        time.sleep(1.0)  # let the first frames and any start-up animation settle
        c0, t0 = _cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(5.0)
        c1, t1 = _cpu_seconds(proc.pid), time.perf_counter()
    finally:
        proc.kill()
        proc.wait(10)
    return (f"{(c1 - c0) / (t1 - t0) * 100:.2f} % of one core ({(c1 - c0) * 1e3:.0f} ms CPU "
            f"in {t1 - t0:.1f} s)")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_idle_cpu_while_the_player_thinks(tmp_path: Path) -> None:
    print(f"\nidle CPU, game screen, no input, the cursor blinking (App.run, dummy driver): "
          f"{_idle(tmp_path / 'g', 'game')}")
    print(f"idle CPU, title screen, no input: {_idle(tmp_path / 't', 'title')}")
    for screen in ("menu", "card", "ending"):
        print(f"idle CPU, {screen}: {_idle(tmp_path / screen, screen)}")
