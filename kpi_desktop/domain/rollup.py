"""Roll a goal's status up from its KPIs and sub-goals.

The badge is the worst status among the children (by :attr:`Status.severity`), ignoring
children with no data unless every child has none. The number is the weighted mean of the
children's scores (achieved and on track 100, at risk 50, off track 0), ignoring children
without a score; a weight of 0 (or less) keeps a child out of the number but not out of the
badge. A sub-goal takes part through its own :class:`Rollup` and its weight, so goals nest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kpi_desktop.domain.types import Status

_SCORES: dict[Status, float | None] = {
    Status.ACHIEVED: 100.0,
    Status.ON_TRACK: 100.0,
    Status.AT_RISK: 50.0,
    Status.OFF_TRACK: 0.0,
    Status.NO_DATA: None,
}


def kpi_score(status: Status) -> float | None:
    """Score of one KPI: achieved 100, on track 100, at risk 50, off track 0, no data None."""
    return _SCORES[Status(status)]


@dataclass(frozen=True, slots=True)
class RollupItem:
    """One child of a goal: a KPI (score from :func:`kpi_score`) or a sub-goal's roll-up."""

    status: Status
    score: float | None
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Rollup:
    """A goal's badge (worst-of) and score (weighted mean, 0..100, None if nothing scored)."""

    status: Status
    score: float | None

    def as_item(self, weight: float = 1.0) -> RollupItem:
        """This goal as a child of its parent goal."""
        return RollupItem(self.status, self.score, weight)


def roll_up_items(items: Sequence[RollupItem]) -> Rollup:
    """Worst-of status and weighted mean score of the children (see the module notes)."""
    judged = [it.status for it in items if it.status != Status.NO_DATA]
    status = max(judged, key=lambda s: s.severity) if judged else Status.NO_DATA
    scored = [(it.score, it.weight) for it in items if it.score is not None and it.weight > 0]
    total = math.fsum(w for _, w in scored)
    score = math.fsum(s * w for s, w in scored) / total if total > 0 else None
    return Rollup(status, score)


def roll_up(children: Sequence[tuple[Status, float]]) -> Rollup:
    """Roll up (status, weight) pairs of KPIs, scoring each with :func:`kpi_score`."""
    return roll_up_items([RollupItem(s, kpi_score(s), w) for s, w in children])
