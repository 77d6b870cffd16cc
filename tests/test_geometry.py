"""Plane geometry of maps: containment, overlap, rotation, ellipses, wall directions."""

from __future__ import annotations

import pytest

from game.packs import geometry as G

SQUARE = G.rect(0, 0, 10, 10)
# an L: the square 0..20 without its top-right quarter
ELL = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (20.0, 10.0), (20.0, 20.0), (0.0, 20.0))


@pytest.mark.parametrize(("other", "expected"), [
    (G.rect(10, 0, 10, 10), False),  # shares the east wall
    (G.rect(10, 10, 5, 5), False),  # touches a corner
    (G.rect(30, 30, 5, 5), False),  # far away
    (G.rect(5, 5, 10, 10), True),  # corners cross
    (G.rect(0, 0, 10, 10), True),  # the same square
    (G.rect(0, 5, 10, 10), True),  # edges on edges, half of it overlapping
    (G.rect(2, 2, 2, 2), True),  # inside
    (G.rect(-5, -5, 20, 20), True),  # around it
    (G.rect(4, -5, 2, 20), True),  # a bar across, no corner inside
])
def test_overlap_of_rectangles(other: G.Polygon, expected: bool) -> None:
    assert G.overlap(SQUARE, other) is expected
    assert G.overlap(other, SQUARE) is expected


def test_overlap_of_a_concave_polygon() -> None:
    notch = G.rect(10, 0, 10, 10)  # fills the L's missing quarter exactly
    assert not G.overlap(ELL, notch)
    assert G.overlap(ELL, G.rect(9, 9, 2, 2))


def test_contains_and_boundary() -> None:
    assert G.contains(SQUARE, (5, 5))
    assert G.contains(SQUARE, (10, 5))  # the boundary counts
    assert not G.contains(SQUARE, (11, 5))
    assert not G.contains(ELL, (15, 5))
    assert G.on_boundary(SQUARE, (0, 3))


def test_rotate_clockwise_on_screen() -> None:
    # Tiled turns objects clockwise about their origin; y grows downwards
    turned = G.rotate(G.rect(0, 0, 10, 2), (0, 0), 90)
    xs = sorted(round(p[0], 6) for p in turned)
    ys = sorted(round(p[1], 6) for p in turned)
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (-2, 0, 0, 10)


def test_ellipse_lies_within_its_box() -> None:
    e = G.ellipse(0, 0, 20, 10)
    assert all(-1e-9 <= x <= 20 + 1e-9 and -1e-9 <= y <= 10 + 1e-9 for x, y in e)
    assert G.contains(e, (10, 5))
    assert not G.contains(e, (0.5, 0.5))  # a corner of the box is outside the ellipse


def test_area() -> None:
    assert G.area(SQUARE) == 100
    assert G.area(ELL) == 300
    assert G.area(G.rect(3, 3, 0, 0)) == 0


@pytest.mark.parametrize(("point", "direction"), [
    ((5, 0), "north"), ((10, 5), "east"), ((5, 10), "south"), ((0, 5), "west"),
])
def test_wall_direction(point: G.Point, direction: str) -> None:
    assert G.wall_direction(SQUARE, point) == direction


def test_compass() -> None:
    assert G.compass((0, 0), (1, -1)) == "northeast"
    assert G.compass((0, 0), (0, 1)) == "south"
