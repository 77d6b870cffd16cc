"""Plane geometry for maps: which room contains a thing, which rooms a door joins, and which
compass direction leads from one room to another."""

from __future__ import annotations

import itertools
import math

Point = tuple[float, float]
Polygon = tuple[Point, ...]

# Screen coordinates: y grows downwards, so north is negative y.
_COMPASS = ("east", "southeast", "south", "southwest", "west", "northwest", "north", "northeast")


def contains(poly: Polygon, p: Point) -> bool:
    """Even-odd rule; points on the boundary count as inside.

    The bounding box and the ray test come first: most points are far from most rooms, and
    measuring the distance to every edge is what made loading big packs slow.
    """
    x, y = p
    eps = 1e-6
    if (x < min(q[0] for q in poly) - eps or x > max(q[0] for q in poly) + eps
            or y < min(q[1] for q in poly) - eps or y > max(q[1] for q in poly) + eps):
        return False
    return _ray_inside(poly, p) or on_boundary(poly, p)


def _ray_inside(poly: Polygon, p: Point) -> bool:
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


def rotate(poly: Polygon, origin: Point, degrees: float) -> Polygon:
    """Rotate clockwise on screen (y grows downwards) about ``origin``, as Tiled does."""
    if not degrees:
        return poly
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    ox, oy = origin
    return tuple((ox + c * (x - ox) - s * (y - oy), oy + s * (x - ox) + c * (y - oy))
                 for x, y in poly)


def ellipse(x: float, y: float, w: float, h: float, sides: int = 24) -> Polygon:
    """A polygon close to the ellipse inscribed in the rectangle (x, y, w, h)."""
    cx, cy, rx, ry = x + w / 2, y + h / 2, w / 2, h / 2
    return tuple((cx + rx * math.cos(2 * math.pi * i / sides),
                  cy + ry * math.sin(2 * math.pi * i / sides)) for i in range(sides))


def area(poly: Polygon) -> float:
    n = len(poly)
    return abs(sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1]
                   for i in range(n))) / 2


def _crossings(poly: Polygon, x: float) -> list[float]:
    """The y of every edge of ``poly`` that crosses the vertical line at x, sorted."""
    ys = []
    n = len(poly)
    for i in range(n):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
        if (x1 > x) != (x2 > x):
            ys.append(y1 + (x - x1) * (y2 - y1) / (x2 - x1))
    return sorted(ys)


def _intersection_x(a: Point, b: Point, c: Point, d: Point) -> float | None:
    rx, ry = b[0] - a[0], b[1] - a[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    denom = rx * sy - ry * sx
    if denom == 0:
        return None
    t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denom
    u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denom
    if 0 <= t <= 1 and 0 <= u <= 1:
        return a[0] + t * rx
    return None


def overlap(a: Polygon, b: Polygon, tolerance: float = 1e-6) -> bool:
    """Whether the insides of two simple polygons share some area (touching is not overlap).

    Exact: the plane is cut into vertical slabs at every vertex and edge crossing; inside a
    slab no edges cross, so the two polygons overlap there iff they overlap on the slab's
    middle line.
    """
    if len(a) < 3 or len(b) < 3:
        return False
    ax = [p[0] for p in a]
    bx = [p[0] for p in b]
    ay = [p[1] for p in a]
    by = [p[1] for p in b]
    if (min(ax) >= max(bx) - tolerance or min(bx) >= max(ax) - tolerance
            or min(ay) >= max(by) - tolerance or min(by) >= max(ay) - tolerance):
        return False
    xs = set(ax) | set(bx)
    for i in range(len(a)):
        for j in range(len(b)):
            x = _intersection_x(a[i], a[(i + 1) % len(a)], b[j], b[(j + 1) % len(b)])
            if x is not None:
                xs.add(x)
    cuts = sorted(xs)
    for x0, x1 in itertools.pairwise(cuts):
        if x1 - x0 <= tolerance:
            continue
        xm = (x0 + x1) / 2
        ya, yb = _crossings(a, xm), _crossings(b, xm)
        spans_a = list(zip(ya[::2], ya[1::2], strict=False))
        spans_b = list(zip(yb[::2], yb[1::2], strict=False))
        for lo_a, hi_a in spans_a:
            for lo_b, hi_b in spans_b:
                if min(hi_a, hi_b) - max(lo_a, lo_b) > tolerance:
                    return True
    return False
