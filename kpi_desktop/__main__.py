"""GUI entry point: `python -m kpi_desktop [WORKSPACE]` or `kpi-desktop [WORKSPACE]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from kpi_desktop.ui.app import run_app

    return run_app(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
