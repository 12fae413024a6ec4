"""The KPI quality check: is a KPI specific, measurable, attainable, relevant, time-bound?

One set of rules, used by the wizard's Review page (on a KPI being written) and by the
`check` command (on every KPI of a workspace). Each rule that fails gives a
:class:`Finding`: the SMART letter it belongs to (or ``Q`` for a general quality check),
how serious it is, what is wrong and the concrete fix, in plain words.

Severity: ``fail`` when the KPI cannot get a status at all (no target, no target date);
``warn`` for everything that makes it weaker but still usable.

The rules, letter by letter:

* **S**pecific: the KPI says exactly what is counted (a formula or a description).
* **M**easurable: a unit; a data source (where the numbers come from); at least
  ``MIN_VALUES`` values to judge the target by.
* **A**ttainable: a target, and (with enough values) one the history says is neither
  ``too_easy`` (inside the normal variation: reached without any change) nor a
  ``step_change`` (far beyond it), as judged by the sizing attainability.
* **R**elevant: a key question, the question about the objective the KPI answers.
* **T**ime-bound: a target date, not already past; a baseline date.
* **Q**uality: an owner; a review date; the KPI's objective (its top-level goal) has at
  least one leading KPI. A missing leading KPI is reported on **each** KPI of that
  objective, so that every KPI's own list (and ``check --kpi``) shows it.

Keep-within-a-range KPIs have a range instead of a target: the target, target-date and
attainability rules do not apply to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Literal

from kpi_desktop.domain.variation.sizing import MIN_HISTORY

Letter = Literal["S", "M", "A", "R", "T", "Q"]
Severity = Literal["warn", "fail"]

SMART_LETTERS: tuple[Letter, ...] = ("S", "M", "A", "R", "T")
LETTERS: tuple[Letter, ...] = (*SMART_LETTERS, "Q")
LETTER_NAMES: dict[str, str] = {
    "S": "Specific",
    "M": "Measurable",
    "A": "Attainable",
    "R": "Relevant",
    "T": "Time-bound",
    "Q": "Good practice",
}
#: What each letter asks, for the Review page's checklist.
LETTER_QUESTIONS: dict[str, str] = {
    "S": "Is it clear exactly what is counted?",
    "M": "Can it be measured, in a unit, from a known source?",
    "A": "Is the target challenging but within reach?",
    "R": "Does it answer a question that matters for the objective?",
    "T": "Is there a date to reach the target by?",
    "Q": "Does someone own it, and is it reviewed?",
}
MIN_VALUES = MIN_HISTORY


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one KPI, and what to do about it."""

    kpi: str
    letter: Letter
    severity: Severity
    message: str
    fix: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class KpiFacts:
    """What the rules look at, as plain values (a stored KPI or one being written)."""

    name: str
    direction: str = "increase"
    unit: str = ""
    key_question: str = ""
    description: str = ""
    formula: str = ""
    data_source: str = ""
    owner: str = ""
    target_value: float | None = None
    target_date: dt.date | None = None
    baseline_date: dt.date | None = None
    review_date: dt.date | None = None
    leading: bool = False
    objective: str = ""  # title of the top-level goal
    objective_has_leading: bool = True  # counting this KPI
    n_values: int = 0
    attainability: float | None = None
    verdict: str | None = None  # too_easy | attainable | step_change | None
    stretch: float | None = None  # the stretch suggestion, for the fix text
    business_as_usual: float | None = None


def _fmt(x: float) -> str:
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def check_kpi(facts: KpiFacts, today: dt.date) -> list[Finding]:
    """Every finding for one KPI, in letter order (S, M, A, R, T, Q)."""
    out: list[Finding] = []
    is_range = facts.direction == "range"

    def add(letter: Letter, severity: Severity, message: str, fix: str) -> None:
        out.append(Finding(facts.name, letter, severity, message, fix))

    # S
    if not facts.formula.strip() and not facts.description.strip():
        add(
            "S",
            "warn",
            "It does not say exactly what is counted.",
            "Write a formula or a one-line description, for example "
            '"sum of till receipts, excluding tips and VAT".',
        )
    # M
    if not facts.unit.strip():
        add(
            "M",
            "warn",
            "It has no unit, so nobody can tell what a value of 12 means.",
            "Add a unit: a currency, %, customers, orders, hours...",
        )
    if not facts.data_source.strip():
        add(
            "M",
            "warn",
            "It does not say where the numbers come from.",
            'Add the data source, for example "the till\'s monthly export" or '
            '"accounting software, profit and loss report".',
        )
    if facts.n_values < MIN_VALUES:
        have = (
            "no values"
            if facts.n_values == 0
            else f"only {facts.n_values} value" + ("" if facts.n_values == 1 else "s")
        )
        add(
            "M",
            "warn",
            f"There are {have} so far: too few to judge the target against "
            f"(at least {MIN_VALUES} are needed).",
            f"Enter at least {MIN_VALUES} past values (type, paste or import them), "
            "then size the target again.",
        )
    # A
    if not is_range and facts.target_value is None:
        add(
            "A",
            "fail",
            "It has no target, so the app cannot tell whether you are on track.",
            "Set a target: the Size page of the KPI wizard suggests three from your history.",
        )
    elif not is_range and facts.verdict == "too_easy":
        chance = "" if facts.attainability is None else f" ({facts.attainability:.0%} chance)"
        better = (
            f" such as the stretch target {_fmt(facts.stretch)}"
            if facts.stretch is not None
            else ""
        )
        add(
            "A",
            "warn",
            f"The target is too easy: it lies inside the normal ups and downs and would "
            f"likely be reached without any change{chance}.",
            f"Raise the target to one that asks for an effort{better}.",
        )
    elif not is_range and facts.verdict == "step_change":
        chance = "" if facts.attainability is None else f" ({facts.attainability:.0%} chance)"
        usual = (
            f" (business as usual reaches about {_fmt(facts.business_as_usual)})"
            if facts.business_as_usual is not None
            else ""
        )
        add(
            "A",
            "warn",
            f"The target is far beyond the normal variation: it needs a step change in how "
            f"you work{chance}.",
            f"Lower the target towards the stretch target{usual}, or write down the change "
            "(new product, campaign, hire) that will get you there.",
        )
    # R
    if not facts.key_question.strip():
        add(
            "R",
            "warn",
            "It does not say which question it answers for the objective.",
            'Add a key question, for example "Are customers coming back more often?".',
        )
    # T
    if not is_range and facts.target_date is None:
        add(
            "T",
            "fail",
            "It has no target date: a target without a deadline cannot be tracked.",
            "Set the date by which the target should be reached, for example the end of the year.",
        )
    elif not is_range and facts.target_date is not None and facts.target_date < today:
        add(
            "T",
            "warn",
            f"The target date ({facts.target_date.isoformat()}) has passed.",
            "Record whether the target was reached, then set a new target and date.",
        )
    if not is_range and facts.target_value is not None and facts.baseline_date is None:
        add(
            "T",
            "warn",
            "It has no baseline date, so progress cannot be measured from a starting point.",
            "Set the baseline: the value you start from and its date.",
        )
    # Q
    if not facts.owner.strip():
        add(
            "Q",
            "warn",
            "Nobody owns it: KPIs without an owner tend to be forgotten.",
            "Name the person who keeps it up to date and acts on it.",
        )
    if facts.review_date is None:
        add(
            "Q",
            "warn",
            "It has no review date.",
            "Pick a date to look at it again, for example the next monthly meeting.",
        )
    if not facts.objective_has_leading:
        where = f' "{facts.objective}"' if facts.objective else ""
        add(
            "Q",
            "warn",
            f"The objective{where} has no leading KPI: it only shows results after the fact.",
            "Add a leading KPI to that objective: something you can influence this week "
            "that drives the result (for example quotes sent, or visits to the shop).",
        )
    return out


def passes(findings: list[Finding], letter: str) -> bool:
    """True when no finding belongs to ``letter``."""
    return not any(f.letter == letter for f in findings)
