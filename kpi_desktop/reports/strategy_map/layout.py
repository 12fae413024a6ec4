"""Where everything of the strategy map goes: bands top to bottom, goal boxes left to right
in their band (wrapping), a few KPI lines in each box, and arrows between box edges."""

from __future__ import annotations

from dataclasses import dataclass

from kpi_desktop.services.strategy_map.map_data import MapGoal, MapKpi, StrategyMap

BOX_W, HEAD_H, LINE_H, GAP, BAND_LABEL_W, PAD = 230.0, 30.0, 17.0, 26.0, 120.0, 14.0
#: KPI lines shown in a box; more are summed up in one line ("+ 12 more KPIs").
LINES_SHOWN = 6
BAND_TITLES = {
    "financial": "Financial",
    "customer": "Customer",
    "internal process": "Internal process",
    "learning and growth": "Learning and growth",
    "": "Other goals",
}


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True, slots=True)
class PlacedKpi:
    kpi: MapKpi
    rect: Rect


@dataclass(frozen=True, slots=True)
class PlacedGoal:
    goal: MapGoal
    rect: Rect
    kpis: list[PlacedKpi]
    more: int  # KPIs not listed


@dataclass(frozen=True, slots=True)
class Arrow:
    start: tuple[float, float]
    end: tuple[float, float]
    kind: str  # "drives" (a link the owner drew) or "input" (of a calculated KPI)
    link_id: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class MapLayout:
    width: float
    height: float
    bands: list[tuple[str, Rect]]
    goals: list[PlacedGoal]
    arrows: list[Arrow]

    def goal_at(self, x: float, y: float) -> PlacedGoal | None:
        return next((g for g in self.goals if g.rect.contains(x, y)), None)

    def kpi_at(self, x: float, y: float) -> MapKpi | None:
        for g in self.goals:
            if g.rect.contains(x, y):
                return next((k.kpi for k in g.kpis if k.rect.contains(x, y)), None)
        return None

    def link_at(self, x: float, y: float, tolerance: float = 5.0) -> int | None:
        for a in self.arrows:
            if a.kind == "drives" and _near_segment(a.start, a.end, (x, y), tolerance):
                return a.link_id
        return None


def lay_out(data: StrategyMap, width: float = 1200.0) -> MapLayout:
    per_row = max(1, int((width - BAND_LABEL_W - PAD) // (BOX_W + GAP)))
    y = PAD
    bands: list[tuple[str, Rect]] = []
    placed: list[PlacedGoal] = []
    for band, goals in data.bands:
        top = y
        row_h = 0.0
        x = BAND_LABEL_W
        y += PAD
        for i, goal in enumerate(goals):
            if i and i % per_row == 0:
                y += row_h + GAP
                x, row_h = BAND_LABEL_W, 0.0
            shown = goal.kpis[:LINES_SHOWN]
            more = len(goal.kpis) - len(shown)
            h = HEAD_H + LINE_H * (len(shown) + (1 if more else 0)) + 8
            rect = Rect(x, y, BOX_W, h)
            kpis = [
                PlacedKpi(k, Rect(x + 6, y + HEAD_H + LINE_H * j, BOX_W - 12, LINE_H))
                for j, k in enumerate(shown)
            ]
            placed.append(PlacedGoal(goal, rect, kpis, more))
            row_h = max(row_h, h)
            x += BOX_W + GAP
        y += row_h + PAD
        bands.append((band, Rect(0, top, width, y - top)))
        y += 4
    where = {g.goal.id: g.rect for g in placed}
    arrows = [
        Arrow(*_edge_points(where[ln.driver_goal_id], where[ln.driven_goal_id]), "drives", ln.id)
        for ln in data.links
        if ln.driver_goal_id in where and ln.driven_goal_id in where
    ]
    arrows += [
        Arrow(*_edge_points(where[a], where[b]), "input", None, name)
        for a, b, name in data.inputs
        if a in where and b in where
    ]
    return MapLayout(width, y + PAD, bands, placed, arrows)


def _edge_points(a: Rect, b: Rect) -> tuple[tuple[float, float], tuple[float, float]]:
    """From the edge of box `a` to the edge of box `b`, along the line between centres."""
    return _on_edge(a, b.centre), _on_edge(b, a.centre)


def _on_edge(r: Rect, towards: tuple[float, float]) -> tuple[float, float]:
    cx, cy = r.centre
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (r.w / 2) / abs(dx) if dx else float("inf"), (r.h / 2) / abs(dy) if dy else float("inf")
    )
    return cx + dx * scale, cy + dy * scale


def _near_segment(
    a: tuple[float, float], b: tuple[float, float], p: tuple[float, float], tol: float
) -> bool:
    (ax, ay), (bx, by), (px, py) = a, b, p
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    qx, qy = ax + t * dx, ay + t * dy
    return (px - qx) ** 2 + (py - qy) ** 2 <= tol * tol
