"""The flow layout of filter rows: one line when it fits, wrapped lines when narrow, and
never an item cut off."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from kpi_desktop.ui.widgets.flow_layout import FlowLayout


def _bar(qtbot) -> tuple[QWidget, list[QComboBox]]:  # type: ignore[no-untyped-def]
    bar = QWidget()
    layout = FlowLayout(bar, spacing=18, line_spacing=6)
    layout.setContentsMargins(0, 0, 0, 0)
    combos = []
    for text in ("All statuses", "All owners", "All perspectives"):
        combo = QComboBox()
        combo.addItem(text)
        layout.addWidget(combo)
        combos.append(combo)
    qtbot.addWidget(bar)
    return bar, combos


def test_items_share_a_line_when_they_fit(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar, combos = _bar(qtbot)
    bar.resize(bar.layout().sizeHint().width() + 10, 100)
    bar.show()
    qtbot.waitExposed(bar)
    assert len({c.geometry().top() for c in combos}) == 1
    assert combos[0].geometry().right() < combos[1].geometry().left()


def test_items_wrap_when_narrow_and_keep_their_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar, combos = _bar(qtbot)
    widest = max(c.sizeHint().width() for c in combos)
    layout = bar.layout()
    assert layout.minimumSize().width() == widest
    bar.resize(widest + 5, 200)
    bar.show()
    qtbot.waitExposed(bar)
    tops = [c.geometry().top() for c in combos]
    assert tops == sorted(tops) and len(set(tops)) == 3  # one per line
    assert all(c.width() == c.sizeHint().width() for c in combos)  # none squeezed
    assert all(c.geometry().right() <= bar.width() for c in combos)
    three_lines = layout.heightForWidth(widest + 5)
    assert three_lines == sum(c.sizeHint().height() for c in combos) + 2 * 6
    assert layout.heightForWidth(layout.sizeHint().width()) == max(
        c.sizeHint().height() for c in combos
    )
