"""Guards for the pinned Qt bindings: raise a pin only when these pass with the new one."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()


def test_emitting_a_signal_keeps_the_refcount_of_true(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6-Essentials 6.12.0 returned True from Signal.emit() without a reference: every
    emit freed one, and after a few hundred the interpreter aborted ("bool_dealloc")."""
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.happened.emit()
    assert sys.getrefcount(True) - before >= -10
