"""Corrective actions from the command line: `actions` lists them, `action` adds, marks
done, re-opens, edits and deletes one (by the number `actions` shows)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from kpi_desktop.cli_commands.arguments import (
    EXIT_OK,
    Declare,
    Handler,
    iso_date,
    open_workspace,
    workspace_arg,
)


def _declare_actions(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    p.add_argument("--open", action="store_true", help="only those not done (overdue too)")
    p.add_argument("--owner", metavar="NAME", help="only this owner's (any case)")
    p.add_argument("--json", action="store_true", help="a list of objects")


def run_actions(ns: argparse.Namespace) -> int:
    from kpi_desktop.services.review.action_list import action_items, matching

    with open_workspace(ns.workspace, for_reading=True) as ws:
        items = action_items(ws, dt.date.today(), open_only=ns.open)
    if ns.owner is not None:
        items = matching(items, owner=ns.owner)
    rows = [item.as_json() for item in items]
    if ns.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        print("No actions" + (" open" if ns.open else "") + ".")
    else:
        for r in rows:
            on = r["kpi"] or r["goal"] or "the workspace"
            due = f", due {r['due_date']}" if r["due_date"] else ""
            who = r["owner"] or "nobody yet"
            print(f"#{r['id']:<4} {r['state']:<8} {r['title']} ({who}{due}; on {on})")
    return EXIT_OK


def _declare_action(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", type=workspace_arg)
    verbs = p.add_subparsers(dest="verb", required=True, metavar="add|done|reopen|edit|delete")
    add = verbs.add_parser("add", help="a new action")
    add.add_argument("title")
    edit = verbs.add_parser("edit", help="change an action")
    edit.add_argument("id", type=int, metavar="ID", help="its number in `actions`")
    edit.add_argument("--title")
    for sub in (add, edit):
        sub.add_argument("--owner", metavar="NAME")
        sub.add_argument("--due", type=_due, metavar="DATE", help="a date, or 'none'")
        sub.add_argument("--kpi", metavar="NAME", help="the KPI it is for ('none' unlinks)")
        sub.add_argument("--goal", metavar="TITLE", help="the goal it is for ('none' unlinks)")
    done = verbs.add_parser("done", help="mark it done")
    done.add_argument("id", type=int, metavar="ID")
    done.add_argument("--on", type=iso_date, metavar="DATE", help="default: today")
    for verb in ("reopen", "delete"):
        verbs.add_parser(verb, help=f"{verb} it").add_argument("id", type=int, metavar="ID")


NO_DATE = "none"  # --due none: take the due date away


def _due(text: str) -> dt.date | str:
    return NO_DATE if text.strip().lower() == NO_DATE else iso_date(text)


def run_action(ns: argparse.Namespace) -> int:
    with open_workspace(ns.workspace) as ws:
        reviews = ws.reviews
        if ns.verb == "add":
            fields = _links(ws, ns)
            due = None if ns.due == NO_DATE else ns.due
            action = reviews.add_action(ns.title, owner=ns.owner or "", due_date=due, **fields)
            print(f'Added action #{action.id} "{action.title}"')
        elif ns.verb == "edit":
            fields = _links(ws, ns)
            for option, key in (("title", "title"), ("owner", "owner")):
                if getattr(ns, option) is not None:
                    fields[key] = getattr(ns, option)
            if ns.due is not None:
                fields["due_date"] = None if ns.due == NO_DATE else ns.due
            action = reviews.update_action(ns.id, **fields)
            print(f'Changed action #{action.id} "{action.title}"')
        elif ns.verb == "delete":
            reviews.delete_action(ns.id)
            print(f"Deleted action #{ns.id}")
        else:
            action = reviews.set_action_done(ns.id, ns.verb == "done", getattr(ns, "on", None))
            state = "done" if action.done else "open again"
            print(f'Action #{action.id} "{action.title}" is {state}')
    return EXIT_OK


def _links(ws: Any, ns: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if ns.kpi is not None:
        fields["kpi_id"] = None if ns.kpi.strip().lower() == "none" else ws.kpis.find(ns.kpi).id
    if ns.goal is not None:
        fields["goal_id"] = None if ns.goal.strip().lower() == "none" else ws.goals.find(ns.goal).id
    return fields


COMMANDS: dict[str, tuple[Declare, Handler, str]] = {
    "actions": (_declare_actions, run_actions, "list the corrective actions"),
    "action": (_declare_action, run_action, "add, finish, re-open, edit or delete an action"),
}
