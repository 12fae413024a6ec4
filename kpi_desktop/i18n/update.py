"""Keep the translations current: `python -m kpi_desktop.i18n.update [--check]`.

Runs `pyside6-lupdate` over every module of the package into each
resources/translations/kpi_desktop_CODE.ts (new strings arrive as "unfinished", strings no
longer in the code are dropped), then `pyside6-lrelease` into the `.qm` next to it, which is
committed so a fresh `pip install -e .` needs no build step. `--check` changes nothing and
exits 1 (listing the strings) when a `.ts` lacks a string of the code or has one unfinished.
Both tools ship in the PySide6-Essentials wheel the project pins.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kpi_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
UPDATE_COMMAND = "python -m kpi_desktop.i18n.update"


def tool(name: str) -> str:
    """The path of pyside6-lupdate / pyside6-lrelease (beside this Python, else on PATH)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("kpi_desktop_*.ts"))


def lupdate(ts: Path) -> None:
    run = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts"]
    subprocess.run([*run, str(ts)], check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    run = [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(run, check=True, capture_output=True, text=True)


def problems(ts: Path) -> list[str]:
    """The strings of the code that `ts` lacks or leaves unfinished, as "context: text"."""
    import defusedxml.ElementTree as ElementTree

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        shutil.copy(ts, fresh)
        lupdate(fresh)
        root = ElementTree.fromstring(fresh.read_bytes())
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if not _finished(message.find("translation")):
                out.append(f"{name}: {message.findtext('source')}")
    return out


def _finished(item: Element | None) -> bool:
    """A translation that is neither unfinished nor empty (each plural form filled)."""
    if item is None or item.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = list(item.iter("numerusform"))
    texts = [f.text for f in forms] if forms else [item.text]
    return all((t or "").strip() for t in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=UPDATE_COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    ns = parser.parse_args(argv)
    status = 0
    for ts in ts_files():
        if ns.check:
            left = problems(ts)
            for line in left:
                print(f"{ts.name}: {line}")
            status = status or int(bool(left))
            continue
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        left = problems(ts)
        print(f"{ts.relative_to(ROOT)}: {len(left)} string(s) to translate")
    return status


if __name__ == "__main__":
    sys.exit(main())
