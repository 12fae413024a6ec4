"""Finding a goal or KPI by the name a user typed: case-insensitive, with close matches."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from kpi_desktop.services.errors import AmbiguousName, UnknownName

T = TypeVar("T")
_INVISIBLE = {"Cc", "Cf", "Co", "Cn", "Zl", "Zp"}  # control, format, private, unassigned


def clean_name(name: str) -> str:
    """A name as it is stored: control and invisible format characters dropped, runs of
    whitespace made one space, trimmed. Two names that differ only in those are one name."""
    if name.isprintable():  # the common case: only the spaces to tidy
        return " ".join(name.split())
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in name
        if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )
    return " ".join(kept.split())


def normalise(name: str) -> str:
    """The form two names are compared in: cleaned (see :func:`clean_name`), any case."""
    return clean_name(name).casefold()


def match_name(kind: str, name: str, items: Sequence[T], name_of: Callable[[T], str]) -> T:
    """The one item whose name equals `name` ignoring case and extra spaces."""
    wanted = normalise(name)
    hits = [item for item in items if normalise(name_of(item)) == wanted]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise AmbiguousName(kind, name, [name_of(h) for h in hits])
    by_norm = {normalise(name_of(item)): name_of(item) for item in items}
    keys = difflib.get_close_matches(wanted, list(by_norm), n=3, cutoff=0.6)
    keys += [k for k in by_norm if wanted in k and k not in keys]
    raise UnknownName(kind, name, [by_norm[k] for k in keys[:3]])
