"""``plantool show REF``: one action, finding, priority or plan, as JSON or (in ``terminal/detail.py``) drawn in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from plantool.judgements import Thresholds, judge
from plantool.models import Priority
from plantool.render.formats import Renderer, TextOrJson
from plantool.render.text import json_text
from plantool.workspace import Item, Named, Plan, Workspace


def named_json(workspace: Workspace, ref: str, target: Named, as_of: date, thresholds: Thresholds) -> dict[str, Any]:
    from plantool.queries import Row
    from plantool.render.listing import row_json

    if isinstance(target, Item):
        document = row_json(Row(target, judge(target, as_of, thresholds=thresholds)), workspace.people, as_of)
        document["updates"] = [
            {"date": str(u.date), "text": u.text, "status": u.status.key if u.status else None, "by": u.by}
            for u in target.updates
        ]
        document["milestones"] = [m.model_dump(mode="json") for m in target.milestones]
        document["target"] = target.target.model_dump(mode="json") if target.target else None
        document["finding_text"] = target.finding.finding if target.finding else None
        return {"as_of": as_of.isoformat(), "kind": "finding" if target.is_finding else "action", **document}
    if isinstance(target, Plan):
        items = target.items
        return {
            "as_of": as_of.isoformat(),
            "kind": "plan",
            "ref": ref,
            "plan": target.file.plan.model_dump(mode="json"),
            "items": [i.ref for i in items],
        }
    plan = next(p for p in workspace.plans if ref.startswith(p.id + "/"))
    kind = "priority" if isinstance(target, Priority) else "finding"
    return {"as_of": as_of.isoformat(), "kind": kind, "ref": ref, "title": target.title,
            "items": [i.ref for i in plan.items if i.group is target]}  # fmt: skip


@dataclass(frozen=True)
class Shown:
    """What ``show`` found: the full reference and the thing it names."""

    ref: str
    target: Named


@dataclass(frozen=True)
class DetailView:
    workspace: Workspace
    as_of: date
    thresholds: Thresholds


def _terminal(shown: Shown, view: DetailView) -> str:
    from plantool.render.terminal.detail import named_terminal

    return named_terminal(shown.ref, shown.target, view)


def _json(shown: Shown, view: DetailView) -> str:
    return json_text(named_json(view.workspace, shown.ref, shown.target, view.as_of, view.thresholds))


FORMATS: dict[TextOrJson, Renderer[Shown, DetailView]] = {TextOrJson.text: _terminal, TextOrJson.json: _json}
