"""Launch to a visible main window, next to a bare PySide6 QMainWindow started the same way.

    python tests/benchmarks/bench_launch.py [--runs 5]

Each run starts a fresh Python process; the child prints the wall-clock time at which its
window was first exposed (a real X window under Xvfb when `Xvfb` is installed, else the
offscreen platform) and the parent subtracts the moment it launched the child. Prints the
median of the runs for both and their ratio. The app opens its demo workspace (made once,
before timing, in a temporary data folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
while not w.windowHandle() or not w.windowHandle().isExposed():
    app.processEvents()
print(time.time())
"""

APP = """
import os, sys, time
from kpi_desktop.ui.app import run_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
seen = []

def poll():
    app = QApplication.instance()
    for w in (app.topLevelWidgets() if app else []):
        if not seen and w.isVisible() and w.windowHandle() and w.windowHandle().isExposed():
            seen.append(time.time())
        view = getattr(w, "view", None) if type(w).__name__ == "MainWindow" else None
        if seen and view is not None and view.tree.model.rowCount() > 0:
            print(seen[0], time.time(), flush=True)
            os._exit(0)
    QTimer.singleShot(1, poll)

QTimer.singleShot(0, poll)
sys.exit(run_app([]))
"""


def one_run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to a visible window, seconds to a populated goal tree) from launch."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    stamps = [float(x) for x in out.stdout.strip().splitlines()[-1].split()]
    return stamps[0] - start, stamps[-1] - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    ns = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kpi-bench-launch-"))
    env = dict(os.environ, KPI_DESKTOP_DATA_DIR=str(tmp / "data"))
    xvfb = None
    if shutil.which("Xvfb"):
        xvfb = subprocess.Popen(
            ["Xvfb", ":97", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0)
        env.update(DISPLAY=":97", QT_QPA_PLATFORM="xcb")
        platform = "Xvfb (xcb)"
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
        platform = "offscreen"
    try:
        one_run(APP, env)  # makes the demo workspace and warms the file cache
        one_run(BARE, env)
        bare = [one_run(BARE, env) for _ in range(ns.runs)]
        ours = [one_run(APP, env) for _ in range(ns.runs)]
    finally:
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(tmp, ignore_errors=True)
    b = statistics.median(v for v, _ in bare)
    o = statistics.median(v for v, _ in ours)
    ready = statistics.median(r for _, r in ours)
    print(f"platform: {platform}, {ns.runs} runs each, median seconds")
    print(f"{'figure':44} {'ours':>7} {'floor':>7} {'ratio':>6}  target")
    print(f"{'launch to visible main window (demo)':44} {o:7.2f} {b:7.2f} {o / b:6.2f}  1.5x")
    print(f"{'launch to populated goal tree (demo)':44} {ready:7.2f} {b:7.2f} {ready / b:6.2f}  -")


if __name__ == "__main__":
    main()
