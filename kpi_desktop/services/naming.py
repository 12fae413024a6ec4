"""Finding a goal or KPI by the name a user typed: case-insensitive, with close matches."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import TypeVar

from kpi_desktop.services.errors import AmbiguousName, UnknownName

T = TypeVar("T")


def normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


def match_name(kind: str, name: str, items: Sequence[T], name_of: Callable[[T], str]) -> T:
    """The one item whose name equals `name` ignoring case and extra spaces."""
    wanted = normalise(name)
    hits = [item for item in items if normalise(name_of(item)) == wanted]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise AmbiguousName(kind, name, [name_of(h) for h in hits])
    names = [name_of(item) for item in items]
    by_norm = {normalise(n): n for n in names}
    close = difflib.get_close_matches(wanted, list(by_norm), n=3, cutoff=0.6)
    close += [n for k, n in by_norm.items() if wanted in k and n not in close][:3]
    raise UnknownName(kind, name, [by_norm.get(c, c) for c in close][:3])
