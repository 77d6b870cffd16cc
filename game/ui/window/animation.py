"""Time-based animation for the window, driven by the app's clock.

Nothing here reads the wall clock or sleeps: the app calls ``Animator.step(dt_ms)`` with the
milliseconds since the last frame, so tests step time deterministically. With
``reduced_motion`` every animation is skipped and the caller draws the end state at once.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

# durations in milliseconds
FADE_MS = 600.0  # a room's overlay cross-fading from one stage to the next
SWEEP_MS = 900.0  # the locator's light running outward from the anchors
FLICKER_MS = 260.0  # a voice from the real world
SWEPT_MS = 1400.0  # swept into the next memory: fade to white, then the new map fades in
HIDDEN_MS = 800.0  # slipping into a hidden level: a dark vignette that lifts


def smooth(t: float) -> float:
    """Ease in and out (smoothstep) over 0..1."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


@dataclass
class Animation:
    """One running animation: ``kind`` and ``key`` name it, ``data`` is what it animates."""

    kind: str
    key: Hashable
    duration: float
    data: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def progress(self) -> float:
        """0 at the start, 1 at the end (linear)."""
        return 1.0 if self.duration <= 0 else min(1.0, self.elapsed / self.duration)

    @property
    def eased(self) -> float:
        return smooth(self.progress)

    @property
    def done(self) -> bool:
        return self.elapsed >= self.duration


class Animator:
    """The running animations, keyed by (kind, key): starting one again replaces it."""

    def __init__(self, reduced_motion: bool = False) -> None:
        self._reduced = reduced_motion
        self.running: dict[tuple[str, Hashable], Animation] = {}

    @property
    def reduced_motion(self) -> bool:
        return self._reduced

    @reduced_motion.setter
    def reduced_motion(self, value: bool) -> None:
        self._reduced = value
        if value:
            self.running.clear()  # everything jumps to its end state

    def start(self, kind: str, duration: float, key: Hashable = None,
              **data: Any) -> Animation | None:
        """Start (or restart) an animation; None when motion is reduced (draw the end state)."""
        if self._reduced or duration <= 0:
            self.running.pop((kind, key), None)
            return None
        anim = Animation(kind, key, duration, dict(data))
        self.running[(kind, key)] = anim
        return anim

    def get(self, kind: str, key: Hashable = None) -> Animation | None:
        return self.running.get((kind, key))

    def of_kind(self, kind: str) -> list[Animation]:
        return [a for (k, _key), a in self.running.items() if k == kind]

    def step(self, dt_ms: float) -> bool:
        """Advance every animation by ``dt_ms``; True when something changed on screen (an
        animation ran this step, including one that just ended)."""
        if not self.running:
            return False
        for anim in self.running.values():
            anim.elapsed += max(0.0, dt_ms)
        self.running = {k: a for k, a in self.running.items() if not a.done}
        return True

    def finish(self) -> None:
        """Jump every animation to its end."""
        self.running.clear()

    @property
    def busy(self) -> bool:
        return bool(self.running)
