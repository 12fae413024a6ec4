"""Python's garbage collector runs only on the GUI thread in the app (a listener thread's
collection of Qt objects deadlocked it): automatic collection is off and a timer collects."""

from __future__ import annotations

import gc
import threading
import weakref

from kpi_desktop.ui.app import collect_garbage_on_gui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_are_collected_by_the_gui_threads_timer_not_by_other_threads(qapp, qtbot) -> None:
    was_enabled = gc.isenabled()
    timer = collect_garbage_on_gui_thread(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        collected_in: list[str] = []

        def note(phase: str, _info: dict) -> None:
            if phase == "start":
                collected_in.append(threading.current_thread().name)

        gc.callbacks.append(note)
        try:
            cycle = _Cycle()
            gone = weakref.ref(cycle)
            del cycle

            def churn() -> None:  # a listener thread allocating a lot
                for _ in range(20_000):
                    _Cycle()

            worker = threading.Thread(target=churn, name="listener")
            worker.start()
            worker.join()
            assert gone() is not None  # nothing collected it in the other thread
            qtbot.waitUntil(lambda: gone() is None, timeout=2000)
            assert collected_in and set(collected_in) == {threading.main_thread().name}
        finally:
            gc.callbacks.remove(note)
    finally:
        timer.stop()
        timer.deleteLater()
        if was_enabled:
            gc.enable()
