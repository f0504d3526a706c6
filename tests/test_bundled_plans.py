"""Pin the shape of the bundled plans against the source document.

The bundled plans in ``plans/`` are a transcription of
``../shared/source/000_35bfaea9b2bca748.txt`` (the Trust's Development Plan
2023/24 and its Ofsted ILACS action plan). These tests read the files with
PyYAML's ``BaseLoader`` only -- every scalar stays a string, so nothing here
depends on YAML 1.1 typing or on plantool's own loader -- and pin what a
reading of the source says: how many priorities, findings and actions there
are, who leads them, when they are due, what the updates say, and that the
source's blank RAG column stays blank. The counts are literal numbers from
reading the source, not computed from the files under test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
SOURCE = ROOT.parent / "shared" / "source" / "000_35bfaea9b2bca748.txt"

TDP_FILE = PLANS / "tdp-2023-24.yaml"
OFSTED_FILE = PLANS / "ofsted-ilacs-2023.yaml"
PEOPLE_FILE = PLANS / "people.yaml"
ALL_FILES = (TDP_FILE, OFSTED_FILE, PEOPLE_FILE)


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.fixture(scope="module")
def tdp() -> dict[str, Any]:
    return load(TDP_FILE)


@pytest.fixture(scope="module")
def ofsted() -> dict[str, Any]:
    return load(OFSTED_FILE)


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return load(PEOPLE_FILE)["people"]


def tdp_actions(tdp: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for p in tdp["priorities"] for a in p["actions"]}


def finding(ofsted: dict[str, Any], fid: str) -> dict[str, Any]:
    (f,) = [f for f in ofsted["findings"] if f["id"] == fid]
    return f


# ------------------------------------------------------------ file shape

SCHEMA_LINES = {
    TDP_FILE: "# yaml-language-server: $schema=../schemas/plan.schema.json",
    OFSTED_FILE: "# yaml-language-server: $schema=../schemas/plan.schema.json",
    PEOPLE_FILE: "# yaml-language-server: $schema=../schemas/people.schema.json",
}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_first_line_points_at_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == SCHEMA_LINES[path]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_plain_yaml_only(path: Path) -> None:
    """No anchors, aliases, tags or second documents (the loader rejects them)."""
    events = list(yaml.parse(path.read_text(encoding="utf-8")))
    assert sum(isinstance(e, yaml.DocumentStartEvent) for e in events) == 1
    for e in events:
        assert not isinstance(e, yaml.AliasEvent), e
        assert getattr(e, "anchor", None) is None, e
        assert getattr(e, "tag", None) is None, e


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_no_duplicate_keys(path: Path) -> None:
    """BaseLoader keeps the last of two equal keys; check the node tree instead."""

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            assert len(keys) == len(set(keys)), (path, node.start_mark.line + 1, keys)
            for _, v in node.value:
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v)

    walk(yaml.compose(path.read_text(encoding="utf-8")))


PLAN_KEYS = {"id", "title", "organisation", "period", "updated", "rag_key"}
ACTION_KEYS = {
    "id",
    "title",
    "leads",
    "due",
    "milestones",
    "recurs",
    "status",
    "completed",
    "carried_forward",
    "source_ref",
    "target",
    "updates",
    "links",
    "tags",
}
FINDING_KEYS = {
    "id",
    "area",
    "title",
    "finding",
    "leads",
    "due",
    "status",
    "updates",
    "actions",
    "milestones",
    "recurs",
    "target",
    "tags",
    "links",
    "source_ref",
}
UPDATE_KEYS = {"date", "text", "status", "by"}
MILESTONE_KEYS = {"title", "due", "status"}
TARGET_KEYS = {"measure", "target", "current", "baseline"}
PERSON_KEYS = {"id", "name", "role", "aliases"}

MONTH_OR_DAY = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")


def check_item(item: dict[str, Any], allowed: set[str]) -> None:
    assert set(item) <= allowed, (item.get("id"), set(item) - allowed)
    assert item["id"] and item["title"]
    if "due" in item:
        assert MONTH_OR_DAY.fullmatch(item["due"]), item
    if "recurs" in item:
        assert item["recurs"] in {"monthly", "quarterly", "annually"}
    for u in item.get("updates", []):
        assert set(u) <= UPDATE_KEYS and MONTH_OR_DAY.fullmatch(u["date"]), u
        assert u["text"].strip() == u["text"] and u["text"]
    for m in item.get("milestones", []):
        assert set(m) <= MILESTONE_KEYS and MONTH_OR_DAY.fullmatch(m["due"]), m
    if "target" in item:
        assert set(item["target"]) <= TARGET_KEYS
        float(item["target"]["target"])


def test_only_known_keys(tdp: dict[str, Any], ofsted: dict[str, Any], people: list[dict[str, Any]]) -> None:
    assert set(tdp) == {"plan", "priorities"}
    assert set(ofsted) == {"plan", "findings"}
    for plan in (tdp, ofsted):
        assert set(plan["plan"]) <= PLAN_KEYS
    for p in tdp["priorities"]:
        assert set(p) == {"id", "title", "actions"}
        for a in p["actions"]:
            check_item(a, ACTION_KEYS)
    for f in ofsted["findings"]:
        check_item(f, FINDING_KEYS)
        for a in f["actions"]:
            check_item(a, ACTION_KEYS)
    for person in people:
        assert set(person) <= PERSON_KEYS, person


def test_plan_metadata(tdp: dict[str, Any], ofsted: dict[str, Any]) -> None:
    assert tdp["plan"]["id"] == "tdp-2023-24"
    assert tdp["plan"]["organisation"] == "Birmingham Children's Trust"
    assert tdp["plan"]["period"] == {"start": "2023-04-01", "end": "2024-03-31"}
    assert tdp["plan"]["updated"] == "2023-05"
    assert tdp["plan"]["rag_key"] == {
        "GREEN": "On Target for delivery",
        "AMBER": "Delays / Issues but delivery on course",
        "RED": "Major Issues preventing delivery",
        "BLUE": "Complete",
    }
    assert ofsted["plan"]["id"] == "ofsted-ilacs-2023"
    assert ofsted["plan"]["organisation"] == "Birmingham Children's Trust"
    assert "period" not in ofsted["plan"]  # the source gives none
    assert ofsted["plan"]["updated"] == "2023-05"


# ------------------------------------------------------------ counts

# Development Plan 2023/24: Strategic Priorities 1-4 and their numbered rows.
TDP_ACTIONS_PER_PRIORITY = {"SP1": 9, "SP2": 9, "SP3": 10, "SP4": 3}


def test_priority_and_action_counts(tdp: dict[str, Any]) -> None:
    assert len(tdp["priorities"]) == 4
    got = {p["id"]: len(p["actions"]) for p in tdp["priorities"]}
    assert got == TDP_ACTIONS_PER_PRIORITY
    assert sum(got.values()) == 31


def test_priority_titles(tdp: dict[str, Any]) -> None:
    assert [p["title"] for p in tdp["priorities"]] == [
        "Responding to Ofsted recommendations and continual practice improvement",
        "The support offer to the workforce and Trust development",
        "Sufficiency and Models of Care",
        "Partnerships",
    ]


# Ofsted action plan: one entry per finding row, in source order, with the
# number of numbered actions in its Action cell. "Children placed with parents
# (PWP)" appears twice in the source, once with no actions: it is one finding.
OFSTED_ACTIONS_PER_FINDING = {
    "domestic-abuse": 8,
    "pre-birth-early-permanence": 6,
    "earlier-pa-allocation": 3,
    "written-plans": 5,
    "cass-mash-initial-decisions": 1,
    "strategy-discussions": 1,
    "da-single-agency-triage": 2,
    "long-term-neglect": 5,
    "pre-proceedings": 4,
    "homeless-16-17": 2,
    "return-home-interviews": 4,
    "legal-permanence": 12,
    "children-placed-with-parents": 5,
    "connected-carers-unregulated": 2,
    "support-post-21": 1,
    "driving-lessons": 1,
    "performance-reporting": 3,
    "qa-closing-the-loop": 3,
    "supervision": 3,
    "scheme-of-delegation": 1,
    "hos-oversight-expectations": 1,
    "sgo-no-detriment-policy": 4,
    "senior-leader-audit-days": 2,
    "audit-ownership": 3,
    "panel-minutes": 2,
    "dbs-solution": 2,
    "private-fostering": 2,
}

AREAS = {
    "What needs to improve": 4,
    "Early Help and Protection": 10,
    "Care experienced young people": 2,
    "Impact of leaders": 3,
    "Additional improvement areas identified through the process of inspection": 8,
}


def test_finding_and_action_counts(ofsted: dict[str, Any]) -> None:
    findings = ofsted["findings"]
    assert len(findings) == 27
    assert [f["id"] for f in findings] == list(OFSTED_ACTIONS_PER_FINDING)
    assert {f["id"]: len(f["actions"]) for f in findings} == OFSTED_ACTIONS_PER_FINDING
    assert sum(len(f["actions"]) for f in findings) == 88


def test_action_ids_are_the_source_numbers(ofsted: dict[str, Any]) -> None:
    for f in ofsted["findings"]:
        assert [a["id"] for a in f["actions"]] == [str(i) for i in range(1, len(f["actions"]) + 1)], f["id"]


def test_areas(ofsted: dict[str, Any]) -> None:
    counts: dict[str, int] = {}
    for f in ofsted["findings"]:
        counts[f["area"]] = counts.get(f["area"], 0) + 1
    assert counts == AREAS
    # the headings come in source order, each once
    order = list(dict.fromkeys(f["area"] for f in ofsted["findings"]))
    assert order == list(AREAS)


def test_people_count(people: list[dict[str, Any]]) -> None:
    assert len(people) == 17


# ------------------------------------------------------------ ids


def test_ids_unique_in_each_scope(tdp: dict[str, Any], ofsted: dict[str, Any], people: list[dict[str, Any]]) -> None:
    pids = [p["id"] for p in tdp["priorities"]]
    assert len(pids) == len(set(pids))
    aids = [a["id"] for p in tdp["priorities"] for a in p["actions"]]
    assert len(aids) == len(set(aids)) == 31
    fids = [f["id"] for f in ofsted["findings"]]
    assert len(fids) == len(set(fids)) == 27
    for fid in fids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fid), fid
    for f in ofsted["findings"]:
        ids = [a["id"] for a in f["actions"]]
        assert len(ids) == len(set(ids)), f["id"]
    names = [p["id"] for p in people] + [a for p in people for a in p.get("aliases", [])]
    assert len(names) == len(set(names))


def test_renumbered_actions_keep_source_numbering(tdp: dict[str, Any]) -> None:
    refs = {a["id"]: a.get("source_ref") for a in tdp_actions(tdp).values()}
    # Strategic Priority 2 is numbered 1.1-1.9 in the source
    for i in range(1, 10):
        assert refs[f"2.{i}"] == f"1.{i}"
    assert refs["3.9"] == "3.09"
    assert refs["4.2"] is None and refs["4.3"] == "4.2"  # two rows numbered 4.2
    renumbered = {k for k, v in refs.items() if v is not None}
    assert renumbered == {f"2.{i}" for i in range(1, 10)} | {"3.9", "4.3"}


def test_carried_forward_are_the_starred_actions(tdp: dict[str, Any]) -> None:
    starred = {a["id"] for a in tdp_actions(tdp).values() if a.get("carried_forward") == "true"}
    # source: 1.4* 1.5*; SP2's 1.1* 1.3* 1.4* 1.5*; 3.1* 3.2* 3.4* 3.6* 3.7* 3.8*
    assert starred == {
        "1.4",
        "1.5",
        "2.1",
        "2.3",
        "2.4",
        "2.5",
        "3.1",
        "3.2",
        "3.4",
        "3.6",
        "3.7",
        "3.8",
    }
    for a in tdp_actions(tdp).values():
        assert a.get("carried_forward", "true") == "true"


# ------------------------------------------------------------ RAG


def test_no_status_anywhere(tdp: dict[str, Any], ofsted: dict[str, Any]) -> None:
    """The source's RAG / Status column is blank throughout."""

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            assert "status" not in x and "completed" not in x, x.get("id", x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(tdp["priorities"])
    walk(ofsted["findings"])


# ------------------------------------------------------------ leads


def test_every_lead_is_a_person(tdp: dict[str, Any], ofsted: dict[str, Any], people: list[dict[str, Any]]) -> None:
    known = {p["id"] for p in people} | {a for p in people for a in p.get("aliases", [])}
    used: set[str] = set()
    for a in tdp_actions(tdp).values():
        assert a["leads"], a["id"]  # every development plan action has a lead
        used |= set(a["leads"])
    for f in ofsted["findings"]:
        used |= set(f.get("leads", []))
        for a in f["actions"]:
            used |= set(a.get("leads", []))
            assert a.get("leads") or f.get("leads"), (f["id"], a["id"])
    assert used <= known, used - known
    # and every person is somebody's lead (people.yaml lists leads only)
    by_name = {a: p["id"] for p in people for a in [p["id"], *p.get("aliases", [])]}
    assert {by_name[u] for u in used} == {p["id"] for p in people}


def test_people(people: list[dict[str, Any]]) -> None:
    by_id = {p["id"]: p for p in people}
    assert by_id["JT"] == {
        "id": "JT",
        "name": "Jenny Turnross",
        "role": "Director of Practice",
        "aliases": ["DoP"],
    }
    assert by_id["GT"]["name"] == "Graham Tilby"
    assert by_id["GT"]["role"] == "Assistant Director Safeguarding"
    assert by_id["AxB"]["name"] == "Alison Brown"
    assert by_id["LYH"]["name"] == "Lee Yale Helms"
    assert by_id["AM"]["name"] == "Alison Montgomery"
    assert by_id["DP"]["name"] == "Di Partridge"
    assert by_id["CPB-CHAIR"] == {
        "id": "CPB-CHAIR",
        "role": "Chair Corporate Parenting Board",
    }
    # initials only in the source: no invented names
    for pid in ("LH", "JoR", "DM", "VK", "RB"):
        assert by_id[pid] == {"id": pid}


TDP_LEADS = {
    "1.1": ["JT"],
    "1.3": ["DP"],
    "1.4": ["JT", "AxB"],
    "1.9": ["AM", "MW"],
    "2.2": ["JT", "LYH"],
    "2.8": ["AC", "AM"],
    "3.6": ["JT", "AH", "DS"],
    "3.7": ["AM", "DS", "GT"],
    "4.1": ["DS", "JT", "AM"],
    "4.3": ["AC"],
}


@pytest.mark.parametrize("aid", TDP_LEADS)
def test_tdp_leads(tdp: dict[str, Any], aid: str) -> None:
    assert tdp_actions(tdp)[aid]["leads"] == TDP_LEADS[aid]


OFSTED_LEADS = {
    "domestic-abuse": ["GT"],
    "pre-birth-early-permanence": ["LH", "JoR", "GT", "LJ"],
    "cass-mash-initial-decisions": ["MW", "RB"],
    "legal-permanence": ["VK", "LJ", "JoR"],
    "driving-lessons": ["CPB-CHAIR"],
    "supervision": ["AxB", "LH", "VK", "DM"],
    "audit-ownership": ["DoP", "AxB"],
    "dbs-solution": ["LYH"],
}


@pytest.mark.parametrize("fid", OFSTED_LEADS)
def test_ofsted_leads(ofsted: dict[str, Any], fid: str) -> None:
    assert finding(ofsted, fid)["leads"] == OFSTED_LEADS[fid]


def test_leads_per_action_where_the_source_splits_them(ofsted: dict[str, Any]) -> None:
    # Lead cell "1. DM        2. DM/AxB"
    f = finding(ofsted, "homeless-16-17")
    assert "leads" not in f
    assert [a["leads"] for a in f["actions"]] == [["DM"], ["DM", "AxB"]]


# ------------------------------------------------------------ dates

TDP_DUE = {
    "1.1": "2023-07",
    "1.5": "2023-09",
    "2.3": "2023-06",
    "2.5": "2023-06",
    "3.2": "2026-03",
    "3.3": "2025-03",
    "3.8": "2023-10",
    "4.2": "2023-12",
    "4.3": "2023-07",
}


@pytest.mark.parametrize("aid", TDP_DUE)
def test_tdp_due(tdp: dict[str, Any], aid: str) -> None:
    assert tdp_actions(tdp)[aid]["due"] == TDP_DUE[aid]


def test_every_tdp_action_has_a_date(tdp: dict[str, Any]) -> None:
    for a in tdp_actions(tdp).values():
        assert "due" in a or "milestones" in a, a["id"]


def test_recurring_and_milestones(tdp: dict[str, Any], ofsted: dict[str, Any]) -> None:
    acts = tdp_actions(tdp)
    # "June 2023 and review annually"
    assert (acts["2.3"]["due"], acts["2.3"]["recurs"]) == ("2023-06", "annually")
    # "September 2023 (Strategy) / December 2023 (Digital portal)"
    assert "due" not in acts["2.6"]
    assert acts["2.6"]["milestones"] == [
        {"title": "Strategy", "due": "2023-09"},
        {"title": "Digital portal", "due": "2023-12"},
    ]
    # "First audit April 2023", quarterly thereafter
    f = finding(ofsted, "da-single-agency-triage")
    assert "due" not in f
    assert (f["actions"][0]["due"], f["actions"][0]["recurs"]) == (
        "2023-04",
        "quarterly",
    )
    assert "due" not in f["actions"][1]
    recurring = [a["id"] for a in acts.values() if "recurs" in a]
    assert recurring == ["2.3"]


def test_target(tdp: dict[str, Any]) -> None:
    # "Target: 30 additional" foster carers; the source states no current figure
    t = tdp_actions(tdp)["3.1"]["target"]
    assert float(t["target"]) == 30
    assert "current" not in t and "baseline" not in t
    assert [a["id"] for a in tdp_actions(tdp).values() if "target" in a] == ["3.1"]


OFSTED_DUE = {
    "domestic-abuse": "2024-03",
    "pre-birth-early-permanence": "2023-07",
    "earlier-pa-allocation": "2023-06",
    "pre-proceedings": "2023-06",
    "legal-permanence": "2023-09",
    "connected-carers-unregulated": "2023-04",
    "senior-leader-audit-days": "2023-05",
    "private-fostering": "2023-07",
}


@pytest.mark.parametrize("fid", OFSTED_DUE)
def test_ofsted_due(ofsted: dict[str, Any], fid: str) -> None:
    assert finding(ofsted, fid)["due"] == OFSTED_DUE[fid]


def test_findings_without_a_timescale_stay_undated(ofsted: dict[str, Any]) -> None:
    undated = [f["id"] for f in ofsted["findings"] if "due" not in f]
    assert undated == [
        "cass-mash-initial-decisions",
        "strategy-discussions",
        "da-single-agency-triage",
    ]
    for fid in ("cass-mash-initial-decisions", "strategy-discussions"):
        assert all("due" not in a for a in finding(ofsted, fid)["actions"])


# ------------------------------------------------------------ updates


def test_tdp_updates(tdp: dict[str, Any]) -> None:
    acts = tdp_actions(tdp)
    with_updates = {k for k, a in acts.items() if "updates" in a}
    # the progress update cell is empty for these in the source
    assert set(acts) - with_updates == {
        "1.9",
        "2.2",
        "2.7",
        "2.8",
        "3.3",
        "3.5",
        "3.9",
        "3.10",
        "4.1",
        "4.2",
        "4.3",
    }
    for a in acts.values():
        assert len(a.get("updates", [])) <= 1
    # the one dated update ("Jan 2023: ..."); undated ones are the May 2023 round
    assert acts["2.5"]["updates"][0]["date"] == "2023-01"
    assert acts["2.5"]["updates"][0]["text"].startswith(
        "Recruitment process review completed and new Recruitment Offer"
    )
    assert {a["updates"][0]["date"] for k, a in acts.items() if k in with_updates and k != "2.5"} == {"2023-05"}
    assert acts["1.1"]["updates"][0]["text"] == (
        "Action plans developed. ILACS action plan to be shared with Ofsted in the "
        "Annual Conversation (26 May). Governance through Extended Executive Meeting "
        "for ILACS action plan and YOS Board for YOS action plan"
    )
    assert acts["3.2"]["updates"][0]["text"] == (
        "Residential Strategy presented to Exec 19 April – this was deferred. Next likely schedule is 11 May but TBC"
    )
    # a multi-paragraph cell keeps its paragraphs
    assert acts["2.1"]["updates"][0]["text"].split("\n")[-1] == (
        "Next step to extend approach for all protected characteristics."
    )
    assert len(acts["2.1"]["updates"][0]["text"].split("\n")) == 6


def test_ofsted_updates(ofsted: dict[str, Any]) -> None:
    dated = {f["id"]: [(u["date"], u["text"]) for u in f["updates"]] for f in ofsted["findings"] if "updates" in f}
    assert {k: [d for d, _ in v] for k, v in dated.items()} == {
        "domestic-abuse": ["2023-05"],  # "Up-date mid May 23:"
        "pre-birth-early-permanence": ["2023-04"],  # "Update mid April 23:"
        "earlier-pa-allocation": ["2023-04"],
        "cass-mash-initial-decisions": ["2023-04"],
        "strategy-discussions": ["2023-04"],
        "da-single-agency-triage": ["2023-04"],
        "long-term-neglect": ["2023-04"],
        "pre-proceedings": ["2023-04"],
        "connected-carers-unregulated": ["2023-04"],
        "panel-minutes": ["2023-04"],  # "Update April 23:"
    }
    assert dated["domestic-abuse"][0][1] == (
        "Meeting arranged with Deputy PCC to discuss gaps in the commissioning of "
        "perpetrator programmes for high-risk offenders"
    )
    assert dated["panel-minutes"][0][1] == (
        "Timescales for each stage of completion of panel minutes have been agreed and "
        "implemented. Business support resource to support Panels has been increased."
    )
    assert dated["cass-mash-initial-decisions"][0][1].startswith("MW met with RB 18 April")
    # no action carries updates of its own: each update is the row's
    for f in ofsted["findings"]:
        assert all("updates" not in a for a in f["actions"])


# ------------------------------------------------------------ texts


def test_sample_texts(tdp: dict[str, Any], ofsted: dict[str, Any]) -> None:
    acts = tdp_actions(tdp)
    assert acts["3.1"]["title"] == (
        "Improve the numbers and capacity of foster carers to support placement "
        "choice and permanence.  Target: 30 additional"
    )
    assert acts["3.7"]["title"].endswith("\nNeeds redefining so more specific and agree one strategic lead")
    f = finding(ofsted, "domestic-abuse")
    assert f["area"] == "What needs to improve"
    assert f["title"] == "The effectiveness of the response to domestic abuse."
    assert f["finding"].startswith("The local authority and the trust have sought")
    assert f["actions"][7]["title"] == (
        "Release capacity/expertise already within the Trust or explore "
        "commissioning to deliver support to children affected by domestic abuse"
    )
    pwp = finding(ofsted, "children-placed-with-parents")
    assert pwp["title"] == "Children placed with parents (PWP)."
    assert finding(ofsted, "legal-permanence")["actions"][9]["title"] == (
        "Ensure all our family facing practitioners understand and can articulate our not detriment policy"
    )
    # the Trust's own additional areas have a heading but no Ofsted finding text
    for f in ofsted["findings"]:
        has_text = "finding" in f
        assert has_text == (f["area"] != "Additional improvement areas identified through the process of inspection"), (
            f["id"]
        )


def squash(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.skipif(not SOURCE.is_file(), reason="source document not available")
def test_every_text_is_the_sources_words(tdp: dict[str, Any], ofsted: dict[str, Any]) -> None:
    """Each title, finding and update occurs in the source (whitespace aside)."""
    source = squash(SOURCE.read_text(encoding="utf-8"))
    texts: list[str] = []
    for p in tdp["priorities"]:
        texts.append(p["title"])
        for a in p["actions"]:
            texts.append(a["title"])
            texts += [u["text"] for u in a.get("updates", [])]
    for f in ofsted["findings"]:
        texts += [f["area"], f["title"], f.get("finding", f["title"])]
        texts += [u["text"] for u in f.get("updates", [])]
        texts += [a["title"] for a in f["actions"]]
    for t in texts:
        assert squash(t) in source, t


# ---------------------------------------------------------------------------
# The same plans through plantool's own loader: they load without a single
# problem, and the board reads as the source does on the day of the Annual
# Conversation (26 May 2023) that the document was prepared for.


def test_bundled_plans_load_cleanly_through_plantool() -> None:
    from plantool.workspace import load_folder

    workspace = load_folder(PLANS)
    assert workspace.problems == []
    assert sorted(plan.id for plan in workspace.plans) == ["ofsted-ilacs-2023", "tdp-2023-24"]
    items = {plan.id: len(plan.items) for plan in workspace.plans}
    assert items == {"tdp-2023-24": 31, "ofsted-ilacs-2023": 88}


def test_bundled_board_at_the_annual_conversation() -> None:
    from datetime import date

    from plantool.queries import status_board
    from plantool.workspace import load_folder

    board = status_board(load_folder(PLANS), date(2023, 5, 26))
    assert board.counts.total == 119
    assert board.counts.by_status == {"GREEN": 0, "AMBER": 0, "RED": 0, "BLUE": 0, "UNRATED": 119}
    assert (board.counts.overdue, board.counts.due_soon) == (4, 2)
