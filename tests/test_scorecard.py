"""The scorecard: the trend rule, the rows behind the tiles, the filters over them, and the
tiles themselves (what they say, how they paint, clicks and keys)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QHoverEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from kpi_desktop.domain.types import Status
from kpi_desktop.domain.variation.forecast import fit_line
from kpi_desktop.domain.variation.trend import Trend, trend_is_good, trend_of
from kpi_desktop.services.tracking.scorecard import (
    ScorecardFilter,
    ScorecardRow,
    count_by_status,
    scorecard_rows,
)
from kpi_desktop.services.tracking.status import kpi_statuses
from kpi_desktop.services.workspace.workspace import Workspace
from kpi_desktop.ui.document import Document
from kpi_desktop.ui.scorecard.model import TileRole
from kpi_desktop.ui.scorecard.tile_layout import TileLayout, sparkline_points
from kpi_desktop.ui.scorecard.view import TILE_MIN_WIDTH, TILE_SPACING, ScorecardView
from kpi_desktop.ui.theme import STATUS_COLORS

AS_OF = dt.date(2025, 6, 15)

# Showing a top-level widget on the offscreen platform warns that it cannot pass size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def months(first: dt.date, count: int) -> list[dt.date]:
    out, y, m = [], first.year, first.month
    for _ in range(count):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# -- the trend rule, checked by hand ---------------------------------------------------------


def least_squares_slope(values: list[float]) -> float:
    fit = fit_line(range(len(values)), values)
    assert fit is not None
    return fit.slope


def mean_moving_range(values: list[float]) -> float:
    return sum(abs(b - a) for a, b in itertools.pairwise(values)) / (len(values) - 1)


def test_slope_and_moving_range_by_hand() -> None:
    # x mean 1, y mean 5; Sxy = (-1)(-3) + 0 + (1)(4) = 7; Sxx = 2 -> slope 3.5
    assert least_squares_slope([2, 4, 9]) == pytest.approx(3.5)
    # moving ranges 2, 1, 2 -> 5/3
    assert mean_moving_range([1, 3, 2, 4]) == pytest.approx(5 / 3)


def test_trend_by_hand() -> None:
    assert trend_of([1, 2, 3]) == Trend.UP  # moves 1 x 3 = 3 against a moving range of 1
    assert trend_of([3, 2, 1]) == Trend.DOWN
    assert trend_of([5, 5, 5, 5]) == Trend.FLAT
    # A zig-zag around a level has slope 0: flat however big the swings.
    assert trend_of([10, 12, 10, 12, 10]) == Trend.FLAT
    # A zig-zag of 3 on a climb of 0.05 a step: slope 0.05 -> moves 0.35 over 7 values;
    # moving ranges 3.05, 2.95, ... -> 3.0; 0.35 < 0.5 x 3.0 -> flat: the climb is hidden.
    noisy = [10.0, 13.05, 10.1, 13.15, 10.2, 13.25, 10.3]
    assert least_squares_slope(noisy) == pytest.approx(0.05)
    assert mean_moving_range(noisy) == pytest.approx(3.0)
    assert trend_of(noisy) == Trend.FLAT
    # The same climb without the zig-zag is a clear rise (0.35 >= 0.5 x 0.05).
    assert trend_of([10.0, 10.05, 10.1, 10.15, 10.2, 10.25, 10.3]) == Trend.UP


def test_trend_threshold_is_strict() -> None:
    # [1, 2, 3] moves 3 against a moving range of 1: flat only when the share is above 3.
    assert trend_of([1, 2, 3], flat_share=3.0) == Trend.UP
    assert trend_of([1, 2, 3], flat_share=3.01) == Trend.FLAT


def test_no_trend_with_fewer_than_three_values() -> None:
    assert trend_of([]) is None
    assert trend_of([1.0, 2.0]) is None


def test_constant_values_with_rounding_noise_are_flat() -> None:
    assert trend_of([0.1 + 0.2, 0.3, 0.3, 0.1 + 0.2]) == Trend.FLAT
    assert trend_of([1e9, 1e9, 1e9]) == Trend.FLAT


@pytest.mark.parametrize(
    ("trend", "direction", "good"),
    [
        (Trend.UP, "increase", True),
        (Trend.DOWN, "increase", False),
        (Trend.UP, "decrease", False),
        (Trend.DOWN, "decrease", True),
        (Trend.FLAT, "increase", None),
        (Trend.FLAT, "decrease", None),
        (None, "increase", None),
    ],
)
def test_trend_is_good_for_direction(trend: Trend | None, direction: str, good: bool) -> None:
    assert trend_is_good(trend, direction) is good


def test_trend_is_good_for_a_range_means_towards_the_middle() -> None:
    # Range 2 .. 4, middle 3.
    assert trend_is_good(Trend.DOWN, "range", latest=3.5, range_low=2, range_high=4) is True
    assert trend_is_good(Trend.UP, "range", latest=3.5, range_low=2, range_high=4) is False
    assert trend_is_good(Trend.UP, "range", latest=1.0, range_low=2, range_high=4) is True
    assert trend_is_good(Trend.UP, "range", latest=3.0, range_low=2, range_high=4) is False
    assert trend_is_good(Trend.FLAT, "range", latest=3.5, range_low=2, range_high=4) is None
    assert trend_is_good(Trend.UP, "range") is None


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(st.lists(finite, min_size=3, max_size=24))
def test_trend_mirrors_when_time_runs_backwards(values: list[float]) -> None:
    flipped = {Trend.UP: Trend.DOWN, Trend.DOWN: Trend.UP, Trend.FLAT: Trend.FLAT}
    forward, backward = trend_of(values), trend_of(values[::-1])
    assert forward is not None and backward is not None
    if abs(least_squares_slope(values) * len(values)) != pytest.approx(
        0.5 * mean_moving_range(values), rel=1e-9, abs=1e-9
    ):  # away from the threshold, where rounding could tip either way
        assert backward == flipped[forward]


@given(
    st.lists(st.floats(min_value=-1e3, max_value=1e3), min_size=3, max_size=24),
    st.floats(min_value=0.01, max_value=100),
    st.floats(min_value=-1e3, max_value=1e3),
)
def test_trend_ignores_units_and_offsets(values: list[float], scale: float, shift: float) -> None:
    slope = least_squares_slope(values)
    mmr = mean_moving_range(values)
    assert slope is not None and mmr is not None
    ratio = abs(slope * len(values)) / mmr if mmr else None
    if ratio is not None and (abs(ratio - 0.5) < 1e-6 or abs(slope) < 1e-6):
        return  # on the threshold or flat by rounding: either answer is fair
    assert trend_of([v * scale + shift for v in values]) == trend_of(values)


# -- rows of a small real workspace ----------------------------------------------------------


@pytest.fixture
def small(workspace: Workspace) -> dict[str, int]:
    """Two objectives with a perspective (one with sub-goals two levels deep), one without;
    KPIs that are achieved, off track, at risk, on track (range) and without data."""
    ws = workspace
    money = ws.goals.add("Grow revenue", perspective="financial", owner="Maria").id
    shop = ws.goals.add("Web shop", parent_id=money).id
    gifts = ws.goals.add("Gifts", parent_id=shop).id
    team = ws.goals.add("Happy team").id
    guests = ws.goals.add("Delight customers", perspective="customer").id
    ids = {
        "revenue": ws.kpis.add(
            money, "Revenue", owner="Maria", unit="EUR", unit_kind="currency",
            currency_symbol="€", baseline_value=100, baseline_date=dt.date(2024, 1, 1),
            target_value=110, target_date=dt.date(2025, 12, 1),
        ).id,
        "returns": ws.kpis.add(
            shop, "Returns", owner="Tom", unit="returns", unit_kind="count",
            direction="decrease", baseline_value=50, baseline_date=dt.date(2025, 1, 1),
            target_value=10, target_date=dt.date(2025, 12, 1),
        ).id,
        "cards": ws.kpis.add(
            gifts, "Gift cards sold", unit="cards", baseline_value=10,
            baseline_date=dt.date(2025, 1, 1), target_value=20, target_date=dt.date(2026, 1, 1),
        ).id,
        "turnover": ws.kpis.add(
            team, "Staff turnover", owner="Aylin", unit="%", unit_kind="percent",
            direction="range", range_low=5, range_high=10,
        ).id,
        "satisfaction": ws.kpis.add(
            guests, "Customer satisfaction", owner="Jonas", unit="points",
            baseline_value=70, baseline_date=dt.date(2025, 1, 1),
            target_value=90, target_date=dt.date(2025, 12, 1),
        ).id,
    }  # fmt: skip
    archived = ws.kpis.add(guests, "Old survey", owner="Jonas").id
    ws.kpis.update(archived, archived=True)
    h1 = months(dt.date(2025, 1, 1), 6)
    rows = [(ids["revenue"], d, 100.0 + i) for i, d in enumerate(months(dt.date(2024, 1, 1), 19))]
    rows += [(ids["returns"], d, v) for d, v in zip(h1, [50, 52, 55, 57, 60, 62], strict=True)]
    rows += [(ids["turnover"], d, 7.0) for d in h1[:3]]
    rows += [(ids["satisfaction"], d, v) for d, v in zip(h1, [70, 72, 73, 74, 76, 77], strict=True)]
    rows += [(archived, d, 1.0) for d in h1]
    ws.measurements.write_many(rows, source="test")
    return ids


def by_name(rows: list[ScorecardRow]) -> dict[str, ScorecardRow]:
    return {r.kpi: r for r in rows}


def test_rows_statuses_owners_and_perspectives(workspace: Workspace, small: dict) -> None:
    rows = by_name(scorecard_rows(workspace, AS_OF))
    assert set(rows) == {
        "Revenue",
        "Returns",
        "Gift cards sold",
        "Staff turnover",
        "Customer satisfaction",
    }  # the archived KPI is left out
    assert {k: r.status for k, r in rows.items()} == {
        "Revenue": Status.ACHIEVED,
        "Returns": Status.OFF_TRACK,
        "Gift cards sold": Status.NO_DATA,
        "Staff turnover": Status.ON_TRACK,
        "Customer satisfaction": Status.AT_RISK,
    }
    assert {k: r.owner for k, r in rows.items()} == {
        "Revenue": "Maria",
        "Returns": "Tom",
        "Gift cards sold": "",
        "Staff turnover": "Aylin",
        "Customer satisfaction": "Jonas",
    }
    # Web shop and Gifts have no perspective of their own: they inherit "financial".
    assert {k: r.perspective for k, r in rows.items()} == {
        "Revenue": "financial",
        "Returns": "financial",
        "Gift cards sold": "financial",
        "Staff turnover": None,
        "Customer satisfaction": "customer",
    }
    assert rows["Returns"].goal == "Web shop"
    assert rows["Returns"].progress == pytest.approx((62 - 50) / (10 - 50))
    assert rows["Revenue"].kpi_id == small["revenue"]


def test_rows_sparkline_is_the_last_twelve_values_in_order(
    workspace: Workspace, small: dict
) -> None:
    rows = by_name(scorecard_rows(workspace, AS_OF))
    # Revenue has 19 values (Jan 2024 .. Jul 2025, 100 .. 118); on 15 Jun 2025 the latest
    # is Jun 2025 (117), so the sparkline is 106 .. 117, oldest first.
    assert rows["Revenue"].sparkline == tuple(float(v) for v in range(106, 118))
    assert rows["Revenue"].latest_value == 117
    assert rows["Returns"].sparkline == (50, 52, 55, 57, 60, 62)
    assert rows["Gift cards sold"].sparkline == ()
    # Earlier as-of dates cut the history too.
    early = by_name(scorecard_rows(workspace, dt.date(2024, 3, 31)))
    assert early["Revenue"].sparkline == (100.0, 101.0, 102.0)


def test_rows_trend_and_whether_it_is_good(workspace: Workspace, small: dict) -> None:
    rows = by_name(scorecard_rows(workspace, AS_OF))
    assert (rows["Revenue"].trend, rows["Revenue"].trend_good) == (Trend.UP, True)
    # Returns should fall; they rise: a bad trend.
    assert (rows["Returns"].trend, rows["Returns"].trend_good) == (Trend.UP, False)
    assert (rows["Staff turnover"].trend, rows["Staff turnover"].trend_good) == (Trend.FLAT, None)
    assert (rows["Gift cards sold"].trend, rows["Gift cards sold"].trend_good) == (None, None)


def test_rows_of_an_empty_workspace(workspace: Workspace) -> None:
    assert scorecard_rows(workspace, AS_OF) == []


def test_rows_forecast_matches_the_status_command(workspace: Workspace, small: dict) -> None:
    statuses = {s.kpi_id: s.forecast for s in kpi_statuses(workspace, AS_OF)}
    rows = scorecard_rows(workspace, AS_OF)
    assert {r.kpi_id: r.forecast for r in rows} == statuses
    assert by_name(rows)["Revenue"].forecast is not None


# -- filters and counts over rows (no Qt) ----------------------------------------------------


def test_filter_combines_every_field(workspace: Workspace, small: dict) -> None:
    rows = scorecard_rows(workspace, AS_OF)

    def kept(**fields: object) -> list[str]:
        return [r.kpi for r in ScorecardFilter(**fields).apply(rows)]  # type: ignore[arg-type]

    assert not ScorecardFilter().is_active and len(kept()) == 5
    assert kept(status=Status.AT_RISK) == ["Customer satisfaction"]
    assert kept(owner="maria") == ["Revenue"]  # owners match in any case
    assert kept(owner="") == ["Gift cards sold"]
    assert kept(perspective="") == ["Staff turnover"]
    assert kept(perspective="financial", owner="Tom") == ["Returns"]
    assert kept(due=frozenset({small["cards"], small["returns"]})) == ["Returns", "Gift cards sold"]
    assert kept(due=frozenset()) == []
    assert ScorecardFilter(due=frozenset()).is_active


def test_count_by_status_lists_statuses_best_first(workspace: Workspace, small: dict) -> None:
    counts = count_by_status(scorecard_rows(workspace, AS_OF))
    assert list(counts) == [
        Status.ACHIEVED,
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.NO_DATA,
    ]
    assert set(counts.values()) == {1}
    assert count_by_status([]) == {}


def test_sparkline_points_oldest_left_highest_on_top() -> None:
    area = QRectF(10, 20, 100, 40)
    points = sparkline_points((5.0, 15.0, 10.0), area)
    assert [(p.x(), p.y()) for p in points] == [(10, 60), (60, 20), (110, 40)]
    flat = sparkline_points((3.0, 3.0), area)
    assert [p.y() for p in flat] == [40, 40]  # a flat line sits in the middle
    assert [(p.x(), p.y()) for p in sparkline_points((7.0,), area)] == [(110, 40)]
    assert sparkline_points((), area) == []


# -- the view --------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot, workspace: Workspace, small: dict) -> ScorecardView:
    doc = Document(workspace)
    doc.set_as_of(AS_OF)
    widget = ScorecardView(doc)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(view: ScorecardView) -> list[str]:
    return [t.name for t in view.tiles()]


def option_for(view: ScorecardView, kpi_id: int) -> QStyleOptionViewItem:
    """The style option the grid paints the tile of `kpi_id` with."""
    option = QStyleOptionViewItem()
    view.grid.initViewItemOption(option)
    option.rect = view.tile_rect(kpi_id)
    return option


def layout_of(view: ScorecardView, kpi_id: int) -> TileLayout:
    content = next(t for t in view.tiles() if t.kpi_id == kpi_id)
    fonts = view.grid.tile_delegate.fonts(view.grid.font())
    return TileLayout.of(QRectF(view.tile_rect(kpi_id)), fonts, content)


def painted(view: ScorecardView) -> QImage:
    return view.grid.viewport().grab().toImage()


def near(actual: QColor, expected: QColor, tolerance: int = 6) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def test_tiles_show_name_value_and_status_word(view: ScorecardView) -> None:
    tiles = {t.name: t for t in view.tiles()}
    assert len(tiles) == 5 and view.model.rowCount() == 5
    revenue = tiles["Revenue"]
    assert (revenue.number, revenue.unit) == ("€117", "")
    assert revenue.status_word == "Achieved"
    assert revenue.goal_line == "Grow revenue · Maria"
    assert revenue.trend_text == "↑ Improving"
    assert revenue.progress_text == "Progress 170%"
    assert revenue.sparkline == tuple(float(v) for v in range(106, 118))
    returns = tiles["Returns"]
    assert (returns.number, returns.unit) == ("62", "returns")
    assert returns.value_text == "62 returns"
    assert returns.status_word == "Off track"
    assert returns.trend_text == "↑ Worsening"
    cards = tiles["Gift cards sold"]
    assert cards.number == "—"
    assert cards.status_word == "No data"
    assert cards.trend_text == ""
    assert cards.goal_line == "Gifts"  # nobody owns it
    turnover = tiles["Staff turnover"]
    assert turnover.number == "7%"
    assert turnover.progress_text == "Keep 5–10 · stale"  # its latest value is March's
    assert turnover.trend_text == "→ Steady"
    # Every tile is laid out on screen, inside the grid.
    viewport = view.grid.viewport().rect()
    assert all(viewport.contains(view.tile_rect(t.kpi_id)) for t in view.tiles())


def test_tiles_tell_screen_readers_and_tooltips(view: ScorecardView, small: dict) -> None:
    model = view.model
    index = model.index(model.row_of(small["revenue"]), 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Revenue"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        # a steady climb of €1 a month: its limits follow the trend, so June is no surprise
        "Revenue: €117, Achieved, Progress 170%, trend improving"
    )
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>Revenue</b>" in tooltip and "Owner: Maria" in tooltip
    assert "Target: €110 by 2025-12-01" in tooltip and "Status: Achieved" in tooltip
    # Over the trend arrow, the tooltip says what the trend is judged on.
    delegate, option = view.grid.tile_delegate, option_for(view, small["revenue"])
    at = layout_of(view, small["revenue"])
    assert delegate.tooltip_at(at.trend.center(), option, index) == (
        "Trend of the last 12 values: ↑ Improving"
    )
    assert delegate.tooltip_at(at.name.center(), option, index) == tooltip


def test_tiles_paint_their_status_colour_and_badge(view: ScorecardView) -> None:
    image = painted(view)
    for tile in view.tiles():
        rect = view.tile_rect(tile.kpi_id)
        stripe = image.pixelColor(rect.center().x(), rect.top() + 2)
        assert near(stripe, QColor(STATUS_COLORS[tile.status])), tile.name
        at = layout_of(view, tile.kpi_id)
        badge = at.status.left() + 8, int(at.status.center().y())
        if tile.status != Status.NO_DATA:  # the no-data badge is a ring, hollow in the middle
            assert near(image.pixelColor(*badge), QColor(STATUS_COLORS[tile.status]), 30)


def test_tiles_follow_light_and_dark_palettes(qtbot, view: ScorecardView, small: dict) -> None:
    def background_and_ink() -> tuple[QColor, QColor]:
        """A tile's background, and the pixel of its large number that stands out most."""
        image, at = painted(view), layout_of(view, small["returns"])
        background = image.pixelColor(int(at.sparkline.right()) - 2, int(at.name.top()) + 1)
        y, left = int(at.value_baseline) - 4, int(at.inner.left())
        ink = max(
            (image.pixelColor(x, y) for x in range(left, left + 25)),
            key=lambda c: abs(c.lightness() - background.lightness()),
        )
        return background, ink

    light_bg, light_ink = background_and_ink()
    assert light_bg == view.grid.palette().color(QPalette.ColorRole.Base)
    dark = QPalette(view.palette())
    for role, color in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        dark.setColor(role, QColor(color))
    view.setPalette(dark)
    dark_bg, dark_ink = background_and_ink()
    assert dark_bg == QColor("#1e1e1e")
    assert light_ink.lightness() < 100 < 160 < dark_ink.lightness()  # the number reads on both


def test_a_bigger_font_makes_taller_tiles(qtbot, view: ScorecardView, small: dict) -> None:
    before = view.tile_rect(small["revenue"]).height()
    font = view.grid.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.grid.setFont(font)
    qtbot.waitUntil(lambda: view.tile_rect(small["revenue"]).height() > before * 1.2)


def test_hover_and_focus_highlight_a_tile(qtbot, view: ScorecardView, small: dict) -> None:
    grid, viewport = view.grid, view.grid.viewport()
    highlight = grid.palette().color(QPalette.ColorRole.Highlight)
    returns, revenue = view.tile_rect(small["returns"]), view.tile_rect(small["revenue"])

    def border(rect: QRect) -> QColor:
        return painted(view).pixelColor(rect.left() + 1, rect.center().y())

    assert not near(border(returns), highlight, 40)
    # The mouse over a tile lights its border up.
    point = QPointF(returns.center())
    for kind in (QEvent.Type.HoverEnter, QEvent.Type.HoverMove):
        hover = QHoverEvent(kind, point, viewport.mapToGlobal(point), point)
        QApplication.sendEvent(viewport, hover)
    qtbot.waitUntil(lambda: near(border(returns), highlight, 40))
    assert not near(border(revenue), highlight, 40)
    # So does the keyboard focus on the current tile.
    grid.setFocus()
    grid.setCurrentIndex(view.model.index(view.model.row_of(small["revenue"]), 0))
    qtbot.waitUntil(lambda: near(border(revenue), highlight, 40))


def test_status_filter(view: ScorecardView) -> None:
    view.set_status_filter(Status.OFF_TRACK)
    assert names(view) == ["Returns"]
    assert view.status_combo.currentText() == "Off track"
    view.set_status_filter(Status.ON_TRACK)
    assert names(view) == ["Staff turnover"]
    view.set_status_filter(None)
    assert len(view.tiles()) == 5
    # The combo drives the same filter.
    view.status_combo.setCurrentIndex(view.status_combo.findData(Status.NO_DATA))
    assert names(view) == ["Gift cards sold"]
    assert view.status_filter == Status.NO_DATA
    assert view.model.rowCount() == 1


def test_owner_filter(view: ScorecardView) -> None:
    combo = [view.owner_combo.itemText(i) for i in range(view.owner_combo.count())]
    assert combo == ["All owners", "Aylin", "Jonas", "Maria", "Tom", "No owner"]
    view.set_owner_filter("Maria")
    assert names(view) == ["Revenue"]
    view.set_owner_filter("")
    assert names(view) == ["Gift cards sold"]
    assert view.owner_combo.currentText() == "No owner"
    view.set_owner_filter("Nobody here")
    assert view.tiles() == []
    assert view.empty_label.text() == "No KPI matches these filters."
    assert view.pages.currentIndex() == 1 and not view.show_all_button.isHidden()
    view.show_all_button.click()
    assert len(view.tiles()) == 5 and view.pages.currentIndex() == 0
    assert view.owner_filter is None


def test_perspective_filter(view: ScorecardView) -> None:
    combo = [view.perspective_combo.itemText(i) for i in range(view.perspective_combo.count())]
    assert combo == ["All perspectives", "Financial", "Customer", "No perspective"]
    view.set_perspective_filter("financial")
    assert names(view) == ["Revenue", "Returns", "Gift cards sold"]
    view.set_perspective_filter("customer")
    assert names(view) == ["Customer satisfaction"]
    view.set_perspective_filter("")
    assert names(view) == ["Staff turnover"]


def test_filters_combine_and_survive_a_refresh(view: ScorecardView) -> None:
    view.set_perspective_filter("financial")
    view.set_owner_filter("Tom")
    assert names(view) == ["Returns"]
    view.refresh()
    assert names(view) == ["Returns"]
    assert view.owner_combo.currentText() == "Tom"
    assert "1 of 5 KPIs" in view.summary_label.text()


def test_clicking_a_tile_selects_its_kpi(qtbot, view: ScorecardView, small: dict) -> None:
    rect = view.tile_rect(small["returns"])
    with qtbot.waitSignal(view.kpi_selected, timeout=1000) as blocker:
        qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [small["returns"]]
    # A click between tiles selects nothing.
    gap = QPoint(rect.right() + TILE_SPACING // 2 + 1, rect.center().y())
    with qtbot.assertNotEmitted(view.kpi_selected):
        qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=gap)


def test_keyboard_moves_between_tiles_and_opens_one(
    qtbot, view: ScorecardView, small: dict
) -> None:
    grid = view.grid
    view.resize(3 * TILE_MIN_WIDTH + 120, 700)
    qtbot.waitUntil(lambda: view.columns() == 3)
    grid.setFocus()
    grid.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.kpi_selected, timeout=1000) as blocker:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert blocker.args == [small["revenue"]]
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.currentIndex().row() == 1
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # the tile under it, a row of 3 further on
    assert grid.currentIndex().row() == 4
    with qtbot.waitSignal(view.kpi_selected, timeout=1000) as blocker:
        qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert blocker.args == [view.tiles()[4].kpi_id]


def test_grid_reflows_with_the_width(qtbot, view: ScorecardView) -> None:
    def tops() -> set[int]:
        return {view.tile_rect(t.kpi_id).top() for t in view.tiles()}

    view.resize(3 * TILE_MIN_WIDTH + 120, 700)
    qtbot.waitUntil(lambda: view.columns() == 3 and len(tops()) == 2)  # 3 + 2 tiles
    view.resize(2 * TILE_MIN_WIDTH + 90, 700)
    qtbot.waitUntil(lambda: view.columns() == 2 and len(tops()) == 3)
    rects = [view.tile_rect(t.kpi_id) for t in view.tiles()]
    assert len({r.left() for r in rects}) == 2
    assert min(r.width() for r in rects) >= TILE_MIN_WIDTH
    # The tiles fill the row: the same gap between them as at the edges.
    first, second = rects[0], rects[1]
    assert second.left() - first.right() - 1 == TILE_SPACING
    viewport = view.grid.viewport().width()
    assert abs((viewport - second.right() - 1) - first.left()) <= view.columns()  # rounding


def test_long_names_are_elided_with_a_tooltip(qtbot, view: ScorecardView, small: dict) -> None:
    long = "Share of web-shop orders shipped within two working days of the payment"
    view._document.workspace.kpis.update(small["returns"], name=long)
    view.refresh()
    view.resize(2 * TILE_MIN_WIDTH + 90, 700)
    qtbot.waitUntil(lambda: view.columns() == 2)
    rect, at = view.tile_rect(small["returns"]), layout_of(view, small["returns"])
    fonts = view.grid.tile_delegate.fonts(view.grid.font())
    assert fonts.name_m.horizontalAdvance(long) > at.name.width()  # too long to fit
    # Nothing is painted past the tile's padding on the name's line...
    image = painted(view)
    y = int(at.name.center().y())
    background = image.pixelColor(rect.right() - 3, y)
    assert all(
        image.pixelColor(x, y) == background
        for x in range(int(at.name.right()) + 1, rect.right() - 2)
    )
    # ...and the tooltip has the whole name.
    index = view.model.index(view.model.row_of(small["returns"]), 0)
    option = option_for(view, small["returns"])
    assert f"<b>{long}</b>" in view.grid.tile_delegate.tooltip_at(at.name.center(), option, index)


def test_refreshes_when_values_change(qtbot, view: ScorecardView, small: dict) -> None:
    doc = view._document
    doc.workspace.measurements.upsert(small["cards"], dt.date(2025, 6, 1), 30.0)
    doc.measurements_changed.emit(small["cards"])
    qtbot.waitUntil(lambda: any(t.value_text == "30 cards" for t in view.tiles()), timeout=2000)
    tile = next(t for t in view.tiles() if t.kpi_id == small["cards"])
    assert tile.status_word == "Achieved"


def test_a_refresh_keeps_the_current_tile_and_the_scroll(
    qtbot, view: ScorecardView, small: dict
) -> None:
    view.resize(TILE_MIN_WIDTH + 60, 260)  # one column, scrolled
    qtbot.waitUntil(lambda: view.grid.verticalScrollBar().maximum() > 0)
    bar = view.grid.verticalScrollBar()
    view.grid.setCurrentIndex(view.model.index(view.model.row_of(small["turnover"]), 0))
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    view.refresh()
    qtbot.wait(20)  # the grid lays itself out again on the next turn
    assert view.grid.currentIndex().data(TileRole.KPI_ID) == small["turnover"]
    assert bar.value() == kept


def test_empty_workspace_says_what_to_do(qtbot, workspace: Workspace) -> None:
    widget = ScorecardView(Document(workspace))
    qtbot.addWidget(widget)
    assert widget.tiles() == []
    assert "No KPIs yet" in widget.empty_label.text()
    assert widget.pages.currentIndex() == 1 and widget.show_all_button.isHidden()


def test_demo_workspace_tiles(qtbot, tmp_path) -> None:
    demo = pytest.importorskip("kpi_desktop.services.workspace.demo")
    ws = Workspace.create(tmp_path / "demo.kpidb")
    try:
        demo.build_demo(ws, AS_OF)
        doc = Document(ws)
        doc.set_as_of(AS_OF)
        widget = ScorecardView(doc)
        qtbot.addWidget(widget)
        rows = {r.kpi: r for r in widget.rows()}
        assert len(widget.tiles()) == len(rows) == len(demo.KPIS)
        for tile in widget.tiles():
            row = rows[tile.name]
            assert tile.status_word == row.status.label
            assert tile.value_text != "—"
            assert len(tile.sparkline) == 12
        assert rows["Average wait at the counter"].status == Status.OFF_TRACK
        widget.set_owner_filter("")  # the demo leaves one KPI without an owner on purpose
        assert [t.name for t in widget.tiles()] == ["Average web-shop basket"]
    finally:
        ws.close()
