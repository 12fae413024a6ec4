"""Pausing Python's cycle collector while millions of small objects are made at once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while building millions of small containers (cells of a
    file, rows read from the database): it would otherwise run again and again over them,
    and over everything else alive, for nothing (they hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
