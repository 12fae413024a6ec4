"""The KPI template library in resources/templates/ and its loader."""

from __future__ import annotations

import json

import pytest

from kpi_desktop.domain.types import Perspective, UnitKind
from kpi_desktop.paths import resource
from kpi_desktop.services.planning.kpis import KPI_FIELDS, clean_kpi_fields
from kpi_desktop.services.planning.templates import TemplateError, load_industries, parse_industry
from kpi_desktop.services.workspace.workspace import Workspace

REQUIRED_INDUSTRIES = {
    "retail",
    "webshop",
    "cafe_restaurant",
    "professional_services",
    "software_saas",
    "trades_manufacturing",
}
ALL = [t for industry in load_industries() for t in industry.templates]


def test_every_required_industry_has_at_least_8_kpis() -> None:
    industries = {i.key: i for i in load_industries()}
    assert set(industries) >= REQUIRED_INDUSTRIES
    for key in REQUIRED_INDUSTRIES:
        assert len(industries[key].templates) >= 8, key
        assert industries[key].title and industries[key].description


@pytest.mark.parametrize("template", ALL, ids=lambda t: f"{t.industry}:{t.name}")
def test_every_template_is_a_clean_kpi(template) -> None:  # type: ignore[no-untyped-def]
    fields = template.kpi_fields("USD", "$")
    cleaned = clean_kpi_fields({**KPI_FIELDS, **fields})
    for key in ("name", "key_question", "description", "formula", "data_source", "unit"):
        assert cleaned[key], key
    assert template.perspective in {p.value for p in Perspective}
    if template.unit_kind == UnitKind.CURRENCY.value:
        assert (cleaned["unit"], cleaned["currency_symbol"]) == ("USD", "$")
    # definitions only: no numbers to copy as a benchmark
    for key in ("baseline_value", "target_value", "range_low", "range_high"):
        assert cleaned[key] is None


def test_each_industry_mixes_leading_and_lagging_kpis() -> None:
    for industry in load_industries():
        kinds = {t.leading for t in industry.templates}
        assert kinds == {True, False}, industry.key


def test_the_files_hold_no_numbers_but_decimals() -> None:
    for entry in resource("templates").iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            for kpi in data["kpis"]:
                numbers = {k for k, v in kpi.items() if isinstance(v, int | float)}
                assert numbers - {"decimals", "leading"} == set(), (entry.name, kpi["name"])


def test_a_template_makes_a_kpi_in_a_workspace(workspace: Workspace) -> None:
    goal = workspace.goals.add("Grow")
    assert goal.id is not None
    for template in ALL[:10]:
        fields = template.kpi_fields()
        name = fields.pop("name")
        kpi = workspace.kpis.add_with_milestones(
            goal.id, f"{template.industry} {name}", [], **fields
        )
        assert kpi.unit


GOOD_KPI = {
    "name": "Visits",
    "key_question": "Are people coming?",
    "description": "Visits to the shop.",
    "unit": "visits",
    "unit_kind": "count",
    "decimals": 0,
    "direction": "increase",
    "frequency": "weekly",
    "aggregation": "sum",
    "formula": "Count of visits",
    "data_source": "Door counter",
    "leading": True,
    "perspective": "customer",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_value": 100}, "unknown keys target_value"),
        ({"formula": None}, "missing formula"),
        ({"direction": "sideways"}, "Direction must be one of"),
        ({"perspective": "fun"}, "unknown perspective"),
        ({"unit": "", "unit_kind": "count"}, "a unit is needed"),
        ({"leading": "yes"}, "leading must be true or false"),
        ({"key_question": "  "}, "key_question must be non-empty"),
    ],
)
def test_a_broken_template_is_refused_with_where(change: dict, message: str) -> None:
    kpi = {**GOOD_KPI, **change}
    if change.get("formula", 1) is None:
        del kpi["formula"]
    data = {"industry": "x", "title": "X", "kpis": [kpi]}
    with pytest.raises(TemplateError, match=message) as err:
        parse_industry(data, "x.json")
    assert "x.json, KPI 1" in err.value.message


def test_a_broken_file_is_refused() -> None:
    with pytest.raises(TemplateError, match="missing kpis"):
        parse_industry({"industry": "x", "title": "X"}, "x.json")
    with pytest.raises(TemplateError, match="appears twice"):
        parse_industry({"industry": "x", "title": "X", "kpis": [GOOD_KPI, GOOD_KPI]}, "x.json")
    assert parse_industry({"industry": "x", "title": "X", "kpis": [GOOD_KPI]}, "x").templates
