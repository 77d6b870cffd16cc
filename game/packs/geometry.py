"""Plane geometry for maps: which room contains a thing, which rooms a door joins, and which
compass direction leads from one room to another."""

from __future__ import annotations

import math

Point = tuple[float, float]
Polygon = tuple[Point, ...]

# Screen coordinates: y grows downwards, so north is negative y.
_COMPASS = ("east", "southeast", "south", "southwest", "west", "northwest", "north", "northeast")


def contains(poly: Polygon, p: Point) -> bool:
    """Even-odd rule; points on the boundary count as inside."""
    if on_boundary(poly, p):
        return True
    x, y = p
    inside = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def distance_to_boundary(poly: Polygon, p: Point) -> float:
    best = math.inf
    n = len(poly)
    for i in range(n):
        best = min(best, _segment_distance(poly[i], poly[(i + 1) % n], p))
    return best


def on_boundary(poly: Polygon, p: Point, tolerance: float = 1e-6) -> bool:
    return distance_to_boundary(poly, p) <= tolerance


def _segment_distance(a: Point, b: Point, p: Point) -> float:
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def centroid(poly: Polygon) -> Point:
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def compass(a: Point, b: Point) -> str:
    """The compass direction from a to b, to the nearest of eight."""
    angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    return _COMPASS[round(angle / 45) % 8]


def wall_direction(poly: Polygon, p: Point) -> str:
    """The compass direction of the wall of ``poly`` nearest to p, seen from inside.

    A door on the top edge of a room leads north out of it, however wide the room is.
    """
    n = len(poly)
    best_i = min(range(n), key=lambda i: _segment_distance(poly[i], poly[(i + 1) % n], p))
    (x1, y1), (x2, y2) = poly[best_i], poly[(best_i + 1) % n]
    nx, ny = y2 - y1, -(x2 - x1)
    cx, cy = centroid(poly)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if nx * (mx - cx) + ny * (my - cy) < 0:
        nx, ny = -nx, -ny
    return compass((0.0, 0.0), (nx, ny))


def rect(x: float, y: float, w: float, h: float) -> Polygon:
    return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
