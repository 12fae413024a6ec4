"""The meeting deck, slide by slide: title, scorecard (split over slides as needed), one
slide per KPI with its native chart, status line and commentary (the same sentences and the
KPI's open actions in the notes), the open actions, the achievements.

16:9; every text frame is fitted by :mod:`text_fit` (shrunk, then cut with "…"), colours
come from the charts' palette. Written under a temporary name and moved into place
(``output_file.atomic_output``), so a failed or cancelled export leaves no half file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kpi_desktop.domain.formatting import format_date
from kpi_desktop.domain.types import Status
from kpi_desktop.i18n.catalogue import translate
from kpi_desktop.reports.chart_style import CHART, STATUS_COLORS
from kpi_desktop.reports.deck.native_chart import add_kpi_chart
from kpi_desktop.reports.deck.text_fit import fit_text
from kpi_desktop.reports.output_file import atomic_output
from kpi_desktop.reports.strategy_map.slide import add_map_picture
from kpi_desktop.services.errors import KpiDesktopError
from kpi_desktop.services.review.annotations import numbered
from kpi_desktop.services.review.commentary import sentences, status_line
from kpi_desktop.services.review.report_data import ReportData, gather_report
from kpi_desktop.services.tracking.chart_data import ChartData
from kpi_desktop.services.tracking.status import KpiStatus

WIDTH, HEIGHT = Emu(12192000), Inches(7.5)  # 13.333 by 7.5 inches: PowerPoint's 16:9
MARGIN = Inches(0.5)
EMU_PER_PT = 12700
SCORECARD_ROWS = 12  # table rows per scorecard slide at most (goal rows included)
ACTION_ROWS = 10
ACHIEVEMENT_LINES = 12
SYMBOLS = {
    Status.ACHIEVED: "★",
    Status.ON_TRACK: "●",
    Status.AT_RISK: "▲",
    Status.OFF_TRACK: "◆",
    Status.NO_DATA: "○",
}
FONT = "Calibri"
BOLD_WIDTH = 1.1  # bold text is about this much wider than regular

T = TypeVar("T")

#: progress(slides done, slides in all, what is being made) -> False to cancel.
Progress = Callable[[int, int, str], bool]


class DeckCancelled(KpiDesktopError):
    def __init__(self) -> None:
        super().__init__(translate("Deck", "The deck was not written: the export was cancelled."))


@dataclass(frozen=True, slots=True)
class DeckSummary:
    path: Path
    slides: int
    kpis: int


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#"))


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def add_text(
    slide: Any,
    text: str,
    left: int,
    top: int,
    width: int,
    height: int,
    *,
    size: float = 18,
    smallest: float = 10,
    bold: bool = False,
    color: str = CHART["foreground"],
    align: PP_ALIGN | None = None,
) -> Any:
    """A text box holding ``text`` fitted into it (see text_fit); returns the shape."""
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", Emu(0))
    fit = fit_text(text, _pt(width) / (BOLD_WIDTH if bold else 1.0), _pt(height), size, smallest)
    kept = "\n".join(fit.lines) if fit.lines[-1].endswith("…") else text
    for i, paragraph_text in enumerate(kept.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = paragraph_text
        run.font.size = Pt(fit.size_pt)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = _rgb(color)
        if align is not None:
            paragraph.alignment = align
        paragraph.space_after = Pt(fit.size_pt * 0.35)
    return box


def _title(slide: Any, text: str, subtitle: str = "") -> None:
    add_text(
        slide,
        text,
        MARGIN,
        Inches(0.35),
        WIDTH - 2 * MARGIN,
        Inches(0.75),
        size=30,
        smallest=16,
        bold=True,
    )
    if subtitle:
        add_text(
            slide,
            subtitle,
            MARGIN,
            Inches(1.1),
            WIDTH - 2 * MARGIN,
            Inches(0.4),
            size=14,
            smallest=10,
            color=CHART["muted"],
        )


def _day(d: dt.date | None) -> str:
    return "" if d is None else format_date(d)


def _table(
    slide: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[tuple[str, dict[str, Any]]]],
    widths: Sequence[float],
    top: int,
) -> Any:
    """A native table; each cell's text fitted to one line of its column."""
    total = WIDTH - 2 * MARGIN
    row_h = Inches(0.4)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), MARGIN, top, total, row_h * (len(rows) + 1)
    )
    table = shape.table
    for j, share in enumerate(widths):
        table.columns[j].width = Emu(int(total * share))
    all_rows = [[(h, {"bold": True, "color": "#FFFFFF"}) for h in header], *rows]
    for i, cells in enumerate(all_rows):
        table.rows[i].height = row_h
        for j, (text, look) in enumerate(cells):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.08)
            width_pt = _pt(int(total * widths[j])) - 12
            if look.get("bold"):
                width_pt /= BOLD_WIDTH  # bold letters are wider
            fit = fit_text(text, width_pt, 14 * 1.25, 14, 10)
            frame = cell.text_frame
            frame.word_wrap = False
            frame.paragraphs[0].text = ""
            run = frame.paragraphs[0].add_run()
            run.text = fit.lines[0] if fit.lines else ""
            run.font.size = Pt(fit.size_pt)
            run.font.name = FONT
            run.font.bold = bool(look.get("bold"))
            run.font.color.rgb = _rgb(look.get("color", CHART["foreground"]))
            if i == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(CHART["actual"])
            elif look.get("fill"):
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(look["fill"])
            else:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb("#FFFFFF" if i % 2 else "#F4F6F8")
    return shape


def _status_cell(st: KpiStatus) -> tuple[str, dict[str, Any]]:
    stale = (
        translate("Deck", " · stale") if st.stale else ""
    )  # its latest value is old: an old verdict
    return f"{SYMBOLS[st.status]} {st.status.label}{stale}", {
        "color": STATUS_COLORS[st.status],
        "bold": True,
    }


def _scorecard_rows(data: ReportData, kpi_ids: set[int]) -> list[list[tuple[str, dict[str, Any]]]]:
    rows: list[list[tuple[str, dict[str, Any]]]] = []
    for objective in data.objectives:
        kpis = [st for st in objective.kpis if st.kpi_id in kpi_ids]
        if not kpis:
            continue
        rows.append(
            [
                (objective.title, {"bold": True}),
                ("", {}),
                ("", {}),
                _status_cell_of_rollup(objective.rollup.status),
            ]
        )
        for st in kpis:
            value = st.format(st.latest_value) if st.latest_value is not None else "—"
            target = (
                st.target_text() if (st.target is not None or st.range_low is not None) else "—"
            )
            rows.append([(f"    {st.kpi}", {}), (value, {}), (target, {}), _status_cell(st)])
    return rows


def _status_cell_of_rollup(status: Status) -> tuple[str, dict[str, Any]]:
    return f"{SYMBOLS[status]} {status.label}", {"color": STATUS_COLORS[status], "bold": True}


def plan_slides(data: ReportData, kpi_ids: set[int]) -> int:
    """How many slides the deck will have (for progress)."""
    rows = len(_scorecard_rows(data, kpi_ids))
    actions = len(data.open_actions)
    return (
        1
        + max(1, -(-rows // SCORECARD_ROWS))
        + 1  # the strategy map
        + len(kpi_ids)
        + max(1, -(-actions // ACTION_ROWS))
        + 1
    )


def build_deck(
    ws: Any,
    path: Path | str,
    as_of: dt.date,
    *,
    goal: str | None = None,
    kpis: Sequence[str] = (),
    progress: Progress | None = None,
) -> DeckSummary:
    """Write the deck of ``ws`` at ``as_of`` to ``path`` (.pptx); ``goal`` keeps the KPIs
    under that goal (its sub-goals' too), ``kpis`` those KPIs by name."""
    data = gather_report(ws, as_of)
    chosen = _chosen(ws, data, goal, kpis)
    total = plan_slides(data, chosen)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and not progress(
            done, total, translate("Deck", "Slide {0} of {1}").format(done + 1, total)
        ):
            raise DeckCancelled()

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    _title_slide(prs.slides.add_slide(blank), data)
    step()
    rows = _scorecard_rows(data, chosen)
    pages = _pages(rows, SCORECARD_ROWS)
    for n, page in enumerate(pages, 1):
        slide = prs.slides.add_slide(blank)
        part = translate("Deck", " ({0} of {1})").format(n, len(pages)) if len(pages) > 1 else ""
        _title(slide, translate("Deck", "Scorecard{0}").format(part), data.summary())
        if page:
            _table(
                slide,
                (
                    translate("Deck", "Goal / KPI"),
                    translate("Deck", "Latest"),
                    translate("Deck", "Target"),
                    translate("Deck", "Status"),
                ),
                page,
                (0.46, 0.18, 0.18, 0.18),
                Inches(1.7),
            )
        step()
    slide = prs.slides.add_slide(blank)
    _title(slide, "Strategy map", "Goals by perspective; arrows: what drives what")
    add_map_picture(slide, ws, as_of, (MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(5.6)))
    step()
    for objective in data.objectives:
        for st, chart in zip(objective.kpis, objective.charts, strict=True):
            if st.kpi_id in chosen:
                _kpi_slide(prs.slides.add_slide(blank), data, st, chart)
                step()
    _actions_slides(prs, blank, data, step)
    _achievements_slide(prs.slides.add_slide(blank), data)
    step()
    with atomic_output(path, protect=(ws.path,)) as partial:
        prs.save(str(partial))
    return DeckSummary(Path(path), len(prs.slides), len(chosen))


def _chosen(ws: Any, data: ReportData, goal: str | None, kpis: Sequence[str]) -> set[int]:
    ids = {st.kpi_id for st in data.statuses}
    if goal is not None:
        top = ws.goals.find(goal)
        under = {top.id}
        changed = True
        every = ws.goals.list(include_archived=False)
        while changed:
            changed = False
            for g in every:
                if g.parent_id in under and g.id not in under:
                    under.add(g.id)
                    changed = True
        ids = {st.kpi_id for st in data.statuses if st.goal_id in under}
    if kpis:
        named = {ws.kpis.find(name).id for name in kpis}
        ids = ids & named if goal is not None else named & {st.kpi_id for st in data.statuses}
    return ids


def _pages(rows: Sequence[T], most: int) -> list[list[T]]:
    """``rows`` over as few slides as hold them, evenly (13 rows: 7 and 6, not 12 and 1)."""
    if not rows:
        return [[]]
    n = -(-len(rows) // most)
    per = -(-len(rows) // n)
    return [list(rows[i : i + per]) for i in range(0, len(rows), per)]


def _title_slide(slide: Any, data: ReportData) -> None:
    add_text(
        slide,
        data.workspace_name,
        MARGIN,
        Inches(2.2),
        WIDTH - 2 * MARGIN,
        Inches(1.3),
        size=44,
        smallest=20,
        bold=True,
        color=CHART["actual"],
    )
    lines = [f"KPI meeting · as of {_day(data.as_of)}"]
    if data.period:
        lines.append(translate("Deck", "Latest values: {0}").format(data.period))
    if data.last_review is not None:
        lines.append(
            translate("Deck", "Last review: {0} ({1})").format(
                data.last_review.title, _day(data.last_review.date)
            )
        )
    lines.append(data.summary())
    add_text(
        slide,
        "\n".join(lines),
        MARGIN,
        Inches(3.7),
        WIDTH - 2 * MARGIN,
        Inches(2.2),
        size=20,
        smallest=12,
        color=CHART["muted"],
    )


def _kpi_slide(slide: Any, data: ReportData, st: KpiStatus, chart: ChartData) -> None:
    _title(slide, st.kpi, st.goal)
    chart_w = Inches(8.3)
    top = Inches(1.6)
    if len(chart.values):
        add_kpi_chart(slide.shapes, chart, MARGIN, top, chart_w, Inches(5.4))
    else:
        add_text(
            slide, translate("Deck", "No values yet."), MARGIN, top, chart_w, Inches(1), size=20
        )
    side_left = MARGIN + chart_w + Inches(0.3)
    side_w = WIDTH - side_left - MARGIN
    add_text(
        slide,
        status_line(st, chart),
        side_left,
        top,
        side_w,
        Inches(1.2),
        size=18,
        smallest=11,
        bold=True,
        color=STATUS_COLORS[st.status],
    )
    said = sentences(st, chart)
    pinned = [f"Note {line}" for line in numbered(chart.notes)]
    add_text(
        slide,
        "\n".join([*said, *pinned]),
        side_left,
        top + Inches(1.35),
        side_w,
        Inches(4.0),
        size=15,
        smallest=10,
    )
    notes = [status_line(st, chart), *said, *pinned]
    actions = [a for a in data.open_actions if a.about in (st.kpi, st.goal)]
    if actions:
        notes.append(translate("Deck", "Open actions:"))
        notes += [
            f"- {a.title} ({a.owner or 'nobody yet'}"
            + (f", due {_day(a.due_date)}" if a.due_date else "")
            + (", overdue" if a.overdue else "")
            + ")"
            for a in actions
        ]
    revisions = data.revisions.get(st.kpi_id, [])
    notes += [translate("Deck", "Target revised: {0}").format(line) for line in revisions]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def _actions_slides(prs: Any, blank: Any, data: ReportData, step: Callable[[], None]) -> None:
    actions = data.open_actions
    pages = _pages(actions, ACTION_ROWS)
    for n, page in enumerate(pages, 1):
        slide = prs.slides.add_slide(blank)
        part = translate("Deck", " ({0} of {1})").format(n, len(pages)) if len(pages) > 1 else ""
        late = sum(1 for a in actions if a.overdue)
        _title(
            slide,
            translate("Deck", "Open actions{0}").format(part),
            translate("Deck", "{0} open, {1} overdue").format(len(actions), late),
        )
        if page:
            rows = [
                [
                    (a.title, {}),
                    (a.about or "—", {}),
                    (a.owner or translate("Deck", "nobody yet"), {}),
                    (
                        (_day(a.due_date) or translate("Deck", "no date"))
                        + (" · overdue" if a.overdue else ""),
                        {"color": STATUS_COLORS[Status.OFF_TRACK], "bold": True}
                        if a.overdue
                        else {},
                    ),
                ]
                for a in page
            ]
            _table(
                slide,
                (
                    translate("Deck", "Action"),
                    translate("Deck", "For"),
                    translate("Deck", "Owner"),
                    translate("Deck", "Due"),
                ),
                rows,
                (0.44, 0.22, 0.14, 0.20),
                Inches(1.7),
            )
        else:
            add_text(
                slide,
                translate("Deck", "No open actions."),
                MARGIN,
                Inches(1.8),
                Inches(6),
                Inches(0.6),
            )
        step()


def _achievements_slide(slide: Any, data: ReportData) -> None:
    found = data.achievements
    _title(slide, translate("Deck", "Achievements"), f"Since {_day(data.achievements_since)}")
    if not found:
        add_text(
            slide,
            translate("Deck", "No new achievements this time."),
            MARGIN,
            Inches(1.8),
            Inches(8),
            Inches(0.6),
        )
        return
    lines = [f"★ {a.kpi}: {a.text}" for a in found[:ACHIEVEMENT_LINES]]
    if len(found) > ACHIEVEMENT_LINES:
        lines.append(translate("Deck", "… and {0} more").format(len(found) - ACHIEVEMENT_LINES))
    add_text(
        slide,
        "\n".join(lines),
        MARGIN,
        Inches(1.8),
        WIDTH - 2 * MARGIN,
        Inches(5.2),
        size=18,
        smallest=11,
    )
