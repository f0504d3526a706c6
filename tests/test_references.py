"""References and the checks that span files: lookup/resolve, links, duplicate ids, unknown leads."""

from __future__ import annotations

from textwrap import dedent

import pytest

from plantool.loader import load_text
from plantool.models import Finding, Priority
from plantool.problems import PlantoolError, Problem, UnknownReference
from plantool.workspace import Item, Plan, Workspace, build_workspace

TDP = """\
plan:
  id: tdp-2023-24
  title: Trust Development Plan
priorities:
  - id: SP1
    title: Ofsted recommendations
    actions:
      - id: "1.4"
        title: Communities of Practice
        leads: [JT]
      - id: "1.5"
        title: Practice week
        leads: [DoP]
  - id: SP2
    title: Workforce
    actions:
      - id: "2"
        title: Recruitment
        leads: [JT]
"""

OFSTED = """\
plan:
  id: ofsted-ilacs-2023
  title: Ofsted ILACS action plan
findings:
  - id: domestic-abuse
    title: Domestic abuse
    leads: [GT]
    actions:
      - id: "1"
        title: Review the strategy
      - id: "2"
        title: Pursue funding
  - id: Supervision
    title: A finding with no actions, named in capitals
    leads: [GT]
"""

PEOPLE = """\
people:
  - id: JT
    aliases: [DoP]
  - id: GT
"""


def workspace(*files: tuple[str, str]) -> Workspace:
    return build_workspace([load_text(dedent(text), path) for path, text in files])


@pytest.fixture
def ws() -> Workspace:
    built = workspace(("tdp.yaml", TDP), ("ofsted.yaml", OFSTED), ("people.yaml", PEOPLE))
    assert built.problems == [], [str(p) for p in built.problems]
    return built


def problems(ws: Workspace, rule: str | None = None) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in ws.problems if rule is None or p.rule == rule]


# ---------------------------------------------------------------------------
# lookup / resolve


@pytest.mark.parametrize(
    ("text", "full", "kind"),
    [
        ("tdp-2023-24/1.4", "tdp-2023-24/1.4", Item),
        ("ofsted-ilacs-2023/domestic-abuse.1", "ofsted-ilacs-2023/domestic-abuse.1", Item),
        ("ofsted-ilacs-2023/domestic-abuse", "ofsted-ilacs-2023/domestic-abuse", Finding),
        ("ofsted-ilacs-2023/Supervision", "ofsted-ilacs-2023/Supervision", Item),  # a finding with no actions
        ("tdp-2023-24", "tdp-2023-24", Plan),
        ("ofsted-ilacs-2023", "ofsted-ilacs-2023", Plan),
        ("tdp-2023-24/SP1", "tdp-2023-24/SP1", Priority),
        # unambiguous tails
        ("1.4", "tdp-2023-24/1.4", Item),
        ("domestic-abuse.1", "ofsted-ilacs-2023/domestic-abuse.1", Item),
        ("domestic-abuse", "ofsted-ilacs-2023/domestic-abuse", Finding),
        ("SP2", "tdp-2023-24/SP2", Priority),
        ("Supervision", "ofsted-ilacs-2023/Supervision", Item),
        ("  1.5 ", "tdp-2023-24/1.5", Item),  # surrounding space is not part of a reference
    ],
)
def test_resolve(ws: Workspace, text: str, full: str, kind: type) -> None:
    found_full, target = ws.resolve(text)
    assert found_full == full
    assert isinstance(target, kind)
    assert ws.lookup(text) == [(found_full, target)]


def test_resolve_returns_the_item_itself(ws: Workspace) -> None:
    _, target = ws.resolve("domestic-abuse.2")
    assert isinstance(target, Item)
    assert (target.title, target.leads, target.plan.id) == ("Pursue funding", ("GT",), "ofsted-ilacs-2023")


def test_an_ambiguous_tail_lists_its_candidates(ws: Workspace) -> None:
    # "2" is the priority action tdp-2023-24/2 and the finding action domestic-abuse.2
    with pytest.raises(UnknownReference) as raised:
        ws.resolve("2")
    assert raised.value.candidates == ["ofsted-ilacs-2023/domestic-abuse.2", "tdp-2023-24/2"]
    assert raised.value.text == "2"
    message = str(raised.value)
    assert "'2' is ambiguous" in message
    assert "ofsted-ilacs-2023/domestic-abuse.2" in message and "tdp-2023-24/2" in message
    assert [full for full, _ in ws.lookup("2")] == raised.value.candidates


def test_the_full_reference_settles_an_ambiguous_tail(ws: Workspace) -> None:
    assert ws.resolve("tdp-2023-24/2")[0] == "tdp-2023-24/2"
    assert ws.resolve("domestic-abuse.2")[0] == "ofsted-ilacs-2023/domestic-abuse.2"


@pytest.mark.parametrize("text", ["nothing", "1.9", "tdp-2023-24/9.9", "other-plan/1.4", "", "domestic-abuse.9"])
def test_an_unknown_reference_has_no_candidates(ws: Workspace, text: str) -> None:
    assert ws.lookup(text) == []
    with pytest.raises(UnknownReference) as raised:
        ws.resolve(text)
    assert raised.value.candidates == []
    assert "no action, finding or plan matches" in str(raised.value)


def test_unknown_reference_is_a_usage_error() -> None:
    assert issubclass(UnknownReference, PlantoolError)


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("TDP-2023-24/1.4", "tdp-2023-24/1.4"),
        ("Domestic-Abuse.1", "ofsted-ilacs-2023/domestic-abuse.1"),
        ("sp1", "tdp-2023-24/SP1"),
        ("supervision", "ofsted-ilacs-2023/Supervision"),
        ("OFSTED-ILACS-2023", "ofsted-ilacs-2023"),
    ],
)
def test_case_insensitive_fallback(ws: Workspace, text: str, full: str) -> None:
    assert ws.resolve(text)[0] == full


def test_exact_case_wins_over_the_fallback() -> None:
    built = workspace(
        (
            "p.yaml",
            """\
            plan: {id: p, title: T}
            priorities:
              - id: S
                title: S
                actions:
                  - {id: a, title: lower}
                  - {id: A, title: upper}
            """,
        )
    )
    assert built.resolve("a")[1].title == "lower"  # type: ignore[union-attr]
    assert built.resolve("A")[1].title == "upper"  # type: ignore[union-attr]
    # with no exact match, the case-insensitive fallback finds both
    with pytest.raises(UnknownReference) as raised:
        built.resolve("P/A")
    assert raised.value.candidates == ["p/A", "p/a"]


# ---------------------------------------------------------------------------
# Links


def test_links_that_resolve_are_fine(ws: Workspace) -> None:
    linked = TDP.replace(
        "        leads: [DoP]\n",
        "        leads: [DoP]\n        links: [domestic-abuse.1, ofsted-ilacs-2023, SP2, 1.4]\n",
    )
    built = workspace(("tdp.yaml", linked), ("ofsted.yaml", OFSTED), ("people.yaml", PEOPLE))
    assert problems(built) == []


def test_broken_links() -> None:
    linked = TDP.replace(
        "        leads: [DoP]\n", "        leads: [DoP]\n        links: [nowhere, '2', tdp-2023-24/2]\n"
    )
    built = workspace(("tdp.yaml", linked), ("ofsted.yaml", OFSTED), ("people.yaml", PEOPLE))
    # each at its own entry of "links: [nowhere, '2', tdp-2023-24/2]" (line 14), in the order written
    assert [(p.path, p.line, p.col, p.message) for p in built.problems] == [
        ("tdp.yaml", 14, 17, "link 'nowhere' matches no plan, finding or action"),
        ("tdp.yaml", 14, 26, "link '2' is ambiguous: it could be ofsted-ilacs-2023/domestic-abuse.2, tdp-2023-24/2"),
    ]
    assert {p.rule for p in built.problems} == {"broken-link"}
    assert {p.ref for p in built.problems} == {"tdp-2023-24/1.5"}


def test_a_findings_own_link_is_checked() -> None:
    linked = OFSTED.replace("    leads: [GT]\n    actions:", "    leads: [GT]\n    links: [9.9]\n    actions:")
    built = workspace(("tdp.yaml", TDP), ("ofsted.yaml", linked), ("people.yaml", PEOPLE))
    assert [(p.rule, p.line, p.col, p.ref) for p in built.problems] == [
        ("broken-link", 8, 13, "ofsted-ilacs-2023/domestic-abuse")
    ]


# ---------------------------------------------------------------------------
# Duplicate ids: each problem names both places


def dup(ws: Workspace) -> list[tuple[str, int, str]]:
    return problems(ws, "duplicate-id")


def test_duplicate_action_ids_across_priorities() -> None:
    text = TDP.replace('- id: "2"\n', '- id: "1.4"\n')
    built = workspace(("tdp.yaml", text), ("people.yaml", PEOPLE))
    assert dup(built) == [("tdp.yaml", 17, "duplicate action id '1.4': already used at line 8")]
    assert built.problems[0].ref == "tdp-2023-24/1.4"


def test_duplicate_action_ids_within_a_finding() -> None:
    text = OFSTED.replace('- id: "2"\n', '- id: "1"\n')
    built = workspace(("ofsted.yaml", text), ("people.yaml", PEOPLE))
    assert dup(built) == [("ofsted.yaml", 11, "duplicate action id '1': already used at line 9")]
    assert built.problems[0].ref == "ofsted-ilacs-2023/domestic-abuse.1"


def test_the_same_action_id_in_two_findings_is_fine(ws: Workspace) -> None:
    text = OFSTED.replace(
        "  - id: Supervision\n",
        '  - id: other\n    title: O\n    actions: [{id: "1", title: x}]\n  - id: Supervision\n',
    )
    built = workspace(("ofsted.yaml", text), ("people.yaml", PEOPLE))
    assert dup(built) == []


def test_duplicate_priority_ids() -> None:
    text = TDP.replace("- id: SP2\n", "- id: SP1\n")
    built = workspace(("tdp.yaml", text), ("people.yaml", PEOPLE))
    assert dup(built) == [("tdp.yaml", 14, "duplicate priority id 'SP1': already used at line 5")]


def test_duplicate_finding_ids() -> None:
    text = OFSTED.replace("- id: Supervision\n", "- id: domestic-abuse\n")
    built = workspace(("ofsted.yaml", text), ("people.yaml", PEOPLE))
    assert dup(built) == [("ofsted.yaml", 13, "duplicate finding id 'domestic-abuse': already used at line 5")]


def test_duplicate_plan_ids_across_files() -> None:
    built = workspace(("a.yaml", TDP), ("b.yaml", TDP), ("people.yaml", PEOPLE))
    assert dup(built) == [("b.yaml", 2, "duplicate plan id 'tdp-2023-24': already used at a.yaml:2")]


def test_duplicate_person_ids_across_people_files() -> None:
    built = workspace(("a-people.yaml", PEOPLE), ("b-people.yaml", "people:\n  - id: X\n  - id: GT\n"))
    assert dup(built) == [("b-people.yaml", 3, "duplicate person id or alias 'GT': already used at a-people.yaml:4")]


def test_an_alias_that_is_another_persons_id() -> None:
    built = workspace(("people.yaml", PEOPLE), ("more.yaml", "people:\n  - id: XX\n    aliases: [JT]\n"))
    assert dup(built) == [("more.yaml", 2, "duplicate person id or alias 'JT': already used at people.yaml:2")]


def test_duplicate_person_within_one_file() -> None:
    built = workspace(("people.yaml", "people:\n  - id: A\n    aliases: [B]\n  - id: B\n"))
    assert dup(built) == [("people.yaml", 4, "duplicate person id or alias 'B': already used at people.yaml:2")]


def test_a_persons_alias_equal_to_their_own_id_is_not_a_duplicate() -> None:
    built = workspace(("people.yaml", "people:\n  - id: A\n    aliases: [A]\n"))
    assert dup(built) == []


def test_a_reference_shared_by_a_priority_and_an_action_is_a_duplicate() -> None:
    built = workspace(
        (
            "p.yaml",
            """\
            plan: {id: p, title: T}
            priorities:
              - id: x
                title: S
                actions:
                  - {id: x, title: a}
            """,
        )
    )
    assert [p.rule for p in built.problems] == ["duplicate-id"]


# ---------------------------------------------------------------------------
# Unknown leads


def test_unknown_leads() -> None:
    text = TDP.replace("leads: [DoP]", "leads: [DoP, ZZ]")
    ofsted = OFSTED.replace(
        "        title: Pursue funding\n",
        "        title: Pursue funding\n        leads: [QQ]\n        updates: [{date: 2023-05, text: x, by: WHO}]\n",
    )
    built = workspace(("tdp.yaml", text), ("ofsted.yaml", ofsted), ("people.yaml", PEOPLE))
    got = [(p.path, p.line, p.col, p.rule, p.ref, p.message) for p in built.problems]
    assert got == [
        (
            "ofsted.yaml",
            13,
            17,
            "unknown-lead",
            "ofsted-ilacs-2023/domestic-abuse.2",
            "lead 'QQ' is not in any people file",
        ),
        (
            "ofsted.yaml",
            14,
            48,
            "unknown-lead",
            "ofsted-ilacs-2023/domestic-abuse.2",
            "update by 'WHO': not in any people file",
        ),
        ("tdp.yaml", 13, 22, "unknown-lead", "tdp-2023-24/1.5", "lead 'ZZ' is not in any people file"),
    ]


def test_an_alias_is_a_known_lead(ws: Workspace) -> None:
    # TDP's 1.5 is led by DoP, JT's alias
    assert problems(ws, "unknown-lead") == []
    assert ws.people.label("DoP") == ws.people.label("JT") == "JT"


def test_leads_are_case_sensitive() -> None:
    text = TDP.replace("leads: [DoP]", "leads: [jt]")
    built = workspace(("tdp.yaml", text), ("people.yaml", PEOPLE))
    got = [(p.path, p.line, p.col, p.message) for p in built.problems if p.rule == "unknown-lead"]
    assert got == [("tdp.yaml", 13, 17, "lead 'jt' is not in any people file; did you mean 'JT'?")]


def test_no_people_file_says_so() -> None:
    built = workspace(("tdp.yaml", TDP))
    messages = {p.message for p in built.problems}
    assert messages == {
        "lead 'JT' is not in any people file (no people file was found beside the plans)",
        "lead 'DoP' is not in any people file (no people file was found beside the plans)",
    }


def test_problems_are_sorted_by_place() -> None:
    text = TDP.replace("leads: [DoP]", "leads: [ZZ]").replace('- id: "2"\n', '- id: "1.4"\n')
    built = workspace(("tdp.yaml", text), ("a.yaml", "nonsense: 1\n"), ("people.yaml", PEOPLE))
    assert [(p.path, p.line) for p in built.problems] == [("a.yaml", 1), ("tdp.yaml", 13), ("tdp.yaml", 17)]
    assert all(isinstance(p, Problem) for p in built.problems)
