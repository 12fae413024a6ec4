"""The KPI template library: ready-made KPI definitions by industry, for the wizard.

One JSON file per industry in ``resources/templates/``::

    {"industry": "retail", "title": "Retail shop", "description": "...",
     "kpis": [{"name": ..., "key_question": ..., "description": ..., "unit": ...,
               "unit_kind": ..., "decimals": ..., "direction": ..., "frequency": ...,
               "aggregation": ..., "formula": ..., "data_source": ..., "leading": ...,
               "perspective": ...}, ...]}

Templates hold definitions only, never benchmark numbers: no baseline, target or range
values (each business sizes its own from its history). A currency KPI leaves ``unit``
empty; :meth:`KpiTemplate.kpi_fields` fills in the user's currency. Every file is checked
when loaded; a broken file raises :class:`TemplateError` naming the file and the KPI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from kpi_desktop.domain.types import Perspective, UnitKind
from kpi_desktop.paths import resource
from kpi_desktop.services.errors import KpiDesktopError, ValidationError
from kpi_desktop.services.planning.kpis import KPI_FIELDS, clean_kpi_fields

__all__ = ["Industry", "KpiTemplate", "TemplateError", "load_industries", "parse_industry"]


class TemplateError(KpiDesktopError):
    """A template file is not valid (a bug in the shipped library, or a user's own file)."""


@dataclass(frozen=True, slots=True)
class KpiTemplate:
    """A ready-made KPI definition."""

    industry: str
    name: str
    key_question: str
    description: str
    unit: str
    unit_kind: str
    decimals: int
    direction: str
    frequency: str
    aggregation: str
    formula: str
    data_source: str
    leading: bool
    perspective: str

    def kpi_fields(self, currency: str = "EUR", symbol: str = "€") -> dict[str, Any]:
        """The KPI fields this template fills in (the perspective belongs to the goal).

        A currency KPI gets ``currency`` as its unit and ``symbol`` as its symbol.
        """
        out = {
            key: getattr(self, key)
            for key in (
                "name",
                "key_question",
                "description",
                "unit",
                "unit_kind",
                "decimals",
                "direction",
                "frequency",
                "aggregation",
                "formula",
                "data_source",
                "leading",
            )
        }
        if self.unit_kind == UnitKind.CURRENCY.value:
            out["unit"] = currency
            out["currency_symbol"] = symbol
        return out


_TEMPLATE_KEYS = {f.name for f in fields(KpiTemplate)} - {"industry"}
_TEXT_KEYS = ("name", "key_question", "description", "formula", "data_source")


@dataclass(frozen=True, slots=True)
class Industry:
    key: str
    title: str
    description: str
    templates: tuple[KpiTemplate, ...]


def parse_industry(data: Any, source: str) -> Industry:
    """Check one industry's data (as read from JSON) and build it; TemplateError if bad."""
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: expected an object with industry, title and kpis")
    missing = {"industry", "title", "kpis"} - set(data)
    if missing:
        raise TemplateError(f"{source}: missing {', '.join(sorted(missing))}")
    key, title = data["industry"], data["title"]
    if not isinstance(key, str) or not key or not isinstance(title, str) or not title:
        raise TemplateError(f"{source}: industry and title must be non-empty text")
    kpis = data["kpis"]
    if not isinstance(kpis, list) or not kpis:
        raise TemplateError(f"{source}: kpis must be a non-empty list")
    seen: set[str] = set()
    templates = []
    for i, raw in enumerate(kpis, start=1):
        where = f"{source}, KPI {i}"
        if not isinstance(raw, dict):
            raise TemplateError(f"{where}: expected an object")
        where = f"{source}, KPI {i} ({raw.get('name', '?')})"
        keys = set(raw)
        if keys - _TEMPLATE_KEYS:
            extra = ", ".join(sorted(keys - _TEMPLATE_KEYS))
            raise TemplateError(f"{where}: unknown keys {extra} (templates hold no numbers)")
        if _TEMPLATE_KEYS - keys:
            raise TemplateError(f"{where}: missing {', '.join(sorted(_TEMPLATE_KEYS - keys))}")
        for text_key in _TEXT_KEYS:
            if not isinstance(raw[text_key], str) or not raw[text_key].strip():
                raise TemplateError(f"{where}: {text_key} must be non-empty text")
        if not isinstance(raw["leading"], bool):
            raise TemplateError(f"{where}: leading must be true or false")
        if raw["perspective"] not in {p.value for p in Perspective}:
            raise TemplateError(f"{where}: unknown perspective {raw['perspective']!r}")
        template = KpiTemplate(industry=key, **raw)
        try:
            clean_kpi_fields({**KPI_FIELDS, **template.kpi_fields()})
        except ValidationError as exc:
            raise TemplateError(f"{where}: {exc.message}") from None
        if template.unit_kind != UnitKind.CURRENCY.value and not template.unit.strip():
            raise TemplateError(f"{where}: a unit is needed (only currency KPIs leave it empty)")
        if template.name.casefold() in seen:
            raise TemplateError(f"{where}: the name appears twice")
        seen.add(template.name.casefold())
        templates.append(template)
    return Industry(key, title, str(data.get("description") or ""), tuple(templates))


@cache
def load_industries() -> tuple[Industry, ...]:
    """Every industry in ``resources/templates/``, ordered by title."""
    folder = resource("templates")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise TemplateError(f"{entry.name}: not valid JSON ({exc})") from None
        out.append(parse_industry(data, entry.name))
    return tuple(sorted(out, key=lambda i: i.title))
