"""``plantool show REF``: one action, finding, priority or plan, as JSON or (in ``terminal/detail.py``) drawn in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from plantool.judgements import Thresholds, judge
from plantool.models import Priority, Target
from plantool.render.formats import Renderer, TextOrJson
from plantool.render.style import amount
from plantool.render.text import json_text
from plantool.workspace import Item, Named, Plan, Workspace


def target_progress(target: Target) -> str:
    """ "11 of 30: additional foster carers, 37%"; a reduction as "now 17, target 12 (from 23): ..., 55% of the way"."""

    def n(value: float) -> str:
        return amount(value, target.unit)

    if target.target is None:  # a measure kept without a figure to reach
        text = target.measure if target.current is None else f"now {n(target.current)}: {target.measure}"
    elif target.current is None:
        text = f"target {n(target.target)}: {target.measure} (no current figure)"
    elif target.reduction and target.baseline is not None:
        text = f"now {n(target.current)}, target {n(target.target)} (from {n(target.baseline)}): {target.measure}"
    else:
        text = f"{n(target.current)} of {n(target.target)}: {target.measure}"
    if target.current_as_of is not None and target.current is not None:
        text += f" (as of {target.current_as_of})"
    if target.progress is not None:
        text += f", {target.progress:.0%}" + (" of the way" if target.baseline is not None else "")
    if target.baseline is not None and not target.reduction:
        text += f" (baseline {n(target.baseline)})"
    return text


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
