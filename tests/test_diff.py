"""``plantool diff``: the pure comparison of two workspaces, and the command over real git repositories.

The first half compares workspaces loaded from YAML written in the tests
themselves: one test per kind of change and per decision in ``changes``'s
docstring. The second half builds small temporary git repositories with a
series of commits and drives the command through Typer's ``CliRunner``:
revisions, the working tree, renamed and moved files, files that do not load
at one revision, and the errors for being outside a repository or naming an
unknown revision. Git runs with a configuration of the tests' own, so the
caller's ``~/.gitconfig`` cannot change an outcome.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PEOPLE
from plantool import gitrev
from plantool.changes import Direction, Kind, diff_workspaces, load_problems
from plantool.cli import app
from plantool.loader import load_text
from plantool.workspace import Workspace, build_workspace

CONTRACT_KINDS = {"added", "removed", "completed", "status", "due", "leads", "update"}
"""The only kinds docs/git.md allows in ``diff --format json``'s ``changes``."""

TDP = """\
plan:
  id: tdp
  title: Development plan
priorities:
  - id: SP1
    title: Practice
    actions:
      - id: "1.1"
        title: Communities of practice
        leads: [JT]
        due: 2024-03
        status: GREEN
        updates:
          - date: 2023-05
            text: Pilot commissioned.
      - id: "1.2"
        title: Practice week
        leads: [JT, AB]
        due: 2023-12-31
        status: AMBER
        carried_forward: true
      - id: "1.3"
        title: Audit programme
        leads: [AB]
        status: RED
  - id: SP2
    title: Workforce
    actions:
      - id: "2.1"
        title: Recruit social workers
        leads: [AB]
        due: 2024-06
"""

ILACS = """\
plan:
  id: ilacs
  title: Ofsted action plan
findings:
  - id: domestic-abuse
    title: Response to domestic abuse
    leads: [GT]
    due: 2024-03
    status: AMBER
    actions:
      - id: "1"
        title: Review the strategy
      - id: "2"
        title: Pursue funding
        leads: [GT, JT]
"""


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced: each test says precisely what it changes."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def workspace(*texts: str) -> Workspace:
    files = [load_text(text, f"plans/{index}.yaml") for index, text in enumerate(texts)]
    for file in files:
        assert not file.problems, file.problems
    return build_workspace(files)


def flawed(*texts: str) -> Workspace:
    """Like ``workspace``, for plans with problems."""
    return build_workspace([load_text(text, f"plans/{index}.yaml") for index, text in enumerate(texts)])


def changes(before_tdp: str, after_tdp: str, before_ilacs: str = ILACS, after_ilacs: str = ILACS) -> list[tuple]:
    """``(ref, kind, before, after)`` of every change between two versions of the plans."""
    found = diff_workspaces(workspace(before_tdp, before_ilacs, PEOPLE), workspace(after_tdp, after_ilacs, PEOPLE))
    return [(c.ref, c.kind.value, c.before, c.after) for c in found]


def one(before_tdp: str, after_tdp: str, **kwargs: str):  # type: ignore[no-untyped-def]
    found = diff_workspaces(
        workspace(before_tdp, kwargs.get("before_ilacs", ILACS), PEOPLE),
        workspace(after_tdp, kwargs.get("after_ilacs", ILACS), PEOPLE),
    )
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------
# The pure comparison


def test_the_same_plans_have_no_changes() -> None:
    assert changes(TDP, TDP) == []


def test_an_added_action_is_one_change_with_its_summary_after() -> None:
    after = edit(
        TDP, "  - id: SP2\n", '      - id: "1.4"\n        title: New action\n        leads: [AB]\n  - id: SP2\n'
    )
    change = one(TDP, after)
    assert (change.ref, change.kind, change.before) == ("tdp/1.4", Kind.ADDED, None)
    assert change.after == {"title": "New action", "status": None, "due": None, "leads": ("AB",)}


def test_a_removed_action_is_one_change_with_its_summary_before() -> None:
    after = edit(
        TDP, '      - id: "1.3"\n        title: Audit programme\n        leads: [AB]\n        status: RED\n', ""
    )
    change = one(TDP, after)
    assert (change.ref, change.kind, change.after) == ("tdp/1.3", Kind.REMOVED, None)
    assert change.before == {"title": "Audit programme", "status": "RED", "due": None, "leads": ("AB",)}


def test_becoming_blue_is_completed_not_also_a_status_change() -> None:
    after = edit(TDP, "status: AMBER\n", "status: BLUE\n        completed: 2024-01-10\n")
    change = one(TDP, after)
    assert (change.kind, change.before, change.after) == (Kind.COMPLETED, "AMBER", "BLUE")
    assert change.completed_on == "2024-01-10"


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("GREEN", "RED", Direction.WORSE),
        ("GREEN", "AMBER", Direction.WORSE),
        ("RED", "AMBER", Direction.BETTER),
        ("RED", "GREEN", Direction.BETTER),
    ],
)
def test_status_direction_follows_the_rag_key(old: str, new: str, direction: Direction) -> None:
    before = edit(TDP, "status: GREEN", f"status: {old}") if old != "GREEN" else TDP
    after = edit(TDP, "status: GREEN", f"status: {new}")
    change = one(before, after)
    assert (change.ref, change.kind, change.before, change.after) == ("tdp/1.1", Kind.STATUS, old, new)
    assert change.direction is direction


def test_blue_reopened_is_worse() -> None:
    before = edit(TDP, "status: GREEN", "status: BLUE")
    change = one(before, TDP)
    assert (change.kind, change.before, change.after, change.direction) == (
        Kind.STATUS,
        "BLUE",
        "GREEN",
        Direction.WORSE,
    )


def test_a_rating_added_or_removed_has_no_direction() -> None:
    unrated = edit(TDP, "        status: GREEN\n", "")
    rated = one(unrated, TDP)
    assert (rated.kind, rated.before, rated.after, rated.direction) == (Kind.STATUS, None, "GREEN", None)
    removed = one(TDP, unrated)
    assert (removed.kind, removed.before, removed.after, removed.direction) == (Kind.STATUS, "GREEN", None, None)


def test_a_new_red_from_not_rated_is_worse() -> None:
    """Off-track is bad news whatever came before; other first ratings have no direction."""
    unrated = edit(TDP, "        status: GREEN\n", "")
    red = one(unrated, edit(TDP, "status: GREEN", "status: RED"))
    assert (red.kind, red.before, red.after, red.direction) == (Kind.STATUS, None, "RED", Direction.WORSE)


def test_status_case_is_not_a_change() -> None:
    assert changes(TDP, edit(TDP, "status: GREEN", "status: green")) == []


def test_a_later_due_date_slips_by_days_counted_from_the_last_day_of_a_month() -> None:
    change = one(TDP, edit(TDP, "due: 2024-03\n", "due: 2024-06\n"))
    assert (change.ref, change.kind, change.before, change.after) == ("tdp/1.1", Kind.DUE, "2024-03", "2024-06")
    assert change.slip_days == 91  # 31 March to 30 June
    assert not change.repeated_slip


def test_an_earlier_due_date_has_a_negative_slip() -> None:
    change = one(TDP, edit(TDP, "due: 2024-03\n", "due: 2024-02-01\n"))
    assert change.slip_days == -59


def test_a_month_written_as_its_last_day_is_not_a_change() -> None:
    assert changes(TDP, edit(TDP, "due: 2024-03\n", "due: 2024-03-31\n")) == []


def test_a_due_date_set_or_cleared_has_no_slip() -> None:
    dated = edit(TDP, "        status: RED\n", "        status: RED\n        due: 2024-09\n")
    change = one(TDP, dated)
    assert (change.ref, change.kind, change.before, change.after, change.slip_days) == (
        "tdp/1.3",
        Kind.DUE,
        None,
        "2024-09",
        None,
    )
    assert one(dated, TDP).after is None


def test_a_carried_forward_action_that_slips_again_is_a_repeated_slip() -> None:
    change = one(TDP, edit(TDP, "due: 2023-12-31", "due: 2024-03-31"))
    assert (change.ref, change.slip_days, change.carried_forward, change.repeated_slip) == ("tdp/1.2", 91, True, True)
    brought_forward = one(TDP, edit(TDP, "due: 2023-12-31", "due: 2023-11-30"))
    assert brought_forward.carried_forward and not brought_forward.repeated_slip


def test_carrying_forward_in_the_same_change_as_the_slip_is_not_slipping_again() -> None:
    before = edit(TDP, "        carried_forward: true\n", "")
    change = one(before, edit(TDP, "due: 2023-12-31", "due: 2024-03-31"))
    assert (change.ref, change.slip_days, change.carried_forward, change.repeated_slip) == ("tdp/1.2", 91, True, False)


def test_leads_changed_lists_both_sides() -> None:
    change = one(TDP, edit(TDP, "leads: [JT, AB]", "leads: [GT]"))
    assert (change.ref, change.kind, change.before, change.after) == ("tdp/1.2", Kind.LEADS, ("JT", "AB"), ("GT",))


def test_reordered_leads_or_an_alias_for_the_same_person_is_not_a_change() -> None:
    assert changes(TDP, edit(TDP, "leads: [JT, AB]", "leads: [AB, JT]")) == []
    assert changes(TDP, edit(TDP, "leads: [JT, AB]", "leads: [DoP, AB]")) == []


def test_each_new_update_is_one_change() -> None:
    after = edit(
        TDP,
        "            text: Pilot commissioned.\n",
        "            text: Pilot commissioned.\n          - date: 2023-09\n            text: First session held.\n"
        "            status: GREEN\n            by: JT\n          - date: 2023-10\n            text: Second session.\n",
    )
    found = changes(TDP, after)
    assert found == [
        ("tdp/1.1", "update", None, {"date": "2023-09", "text": "First session held.", "status": "GREEN", "by": "JT"}),
        ("tdp/1.1", "update", None, {"date": "2023-10", "text": "Second session.", "status": None, "by": None}),
    ]


def test_a_corrected_update_text_counts_as_new_and_a_deleted_update_is_not_reported() -> None:
    corrected = edit(TDP, "text: Pilot commissioned.", "text: Pilot commissioned in May.")
    assert [(kind, after["text"]) for _, kind, _, after in changes(TDP, corrected)] == [
        ("update", "Pilot commissioned in May.")
    ]
    deleted = edit(TDP, "        updates:\n          - date: 2023-05\n            text: Pilot commissioned.\n", "")
    assert changes(TDP, deleted) == []


def test_an_action_moved_to_another_priority_is_moved_not_removed_and_added() -> None:
    action = '      - id: "1.3"\n        title: Audit programme\n        leads: [AB]\n        status: RED\n'
    moved = edit(edit(TDP, action, ""), "        due: 2024-06\n", "        due: 2024-06\n" + action)
    assert changes(TDP, moved) == [("tdp/1.3", "moved", "SP1", "SP2")]


def test_a_completed_finding_completes_each_of_its_actions_on_its_day() -> None:
    after = edit(ILACS, "    status: AMBER\n", "    status: BLUE\n    completed: 2024-02-10\n")
    found = diff_workspaces(workspace(TDP, ILACS, PEOPLE), workspace(TDP, after, PEOPLE))
    assert [(c.ref, c.kind, c.completed_on) for c in found] == [
        ("ilacs/domestic-abuse.1", Kind.COMPLETED, "2024-02-10"),
        ("ilacs/domestic-abuse.2", Kind.COMPLETED, "2024-02-10"),
    ]


def test_a_finding_s_values_are_its_actions_effective_values() -> None:
    after = edit(
        ILACS,
        "    status: AMBER\n",
        "    status: RED\n    updates:\n      - date: 2023-06\n        text: Met the PCC.\n",
    )
    found = changes(TDP, TDP, ILACS, after)
    assert [(ref, kind) for ref, kind, *_ in found] == [
        ("ilacs/domestic-abuse", "update"),  # the finding's update, once at the finding (docs/decisions.md)
        ("ilacs/domestic-abuse.1", "status"),
        ("ilacs/domestic-abuse.2", "status"),
    ]


def test_a_finding_s_new_update_is_listed_once_at_the_finding_and_an_action_s_own_at_the_action() -> None:
    finding_update = "    status: AMBER\n    updates:\n      - date: 2023-06\n        text: Met the PCC.\n"
    after = edit(ILACS, "    status: AMBER\n", finding_update)
    after = edit(
        after,
        "        leads: [GT, JT]\n",
        "        leads: [GT, JT]\n        updates:\n          - date: 2023-07\n            text: Bid sent.\n",
    )
    found = diff_workspaces(workspace(TDP, ILACS, PEOPLE), workspace(TDP, after, PEOPLE))
    assert [(c.ref, c.kind, c.title, c.after["text"]) for c in found] == [  # type: ignore[index]
        ("ilacs/domestic-abuse", Kind.UPDATE, "Response to domestic abuse", "Met the PCC."),
        ("ilacs/domestic-abuse.2", Kind.UPDATE, "Pursue funding", "Bid sent."),
    ]
    assert found[0].line == 5  # the finding's own line, for a reader to open
    # an update the finding already had is not new because another one was added
    again = edit(
        after,
        "            text: Bid sent.\n",
        "            text: Bid sent.\n          - date: 2023-08\n            text: Won.\n",
    )
    assert [c.ref for c in diff_workspaces(workspace(TDP, after, PEOPLE), workspace(TDP, again, PEOPLE))] == [
        "ilacs/domestic-abuse.2"
    ]


def test_an_action_s_own_value_wins_over_its_finding_s() -> None:
    after = edit(ILACS, "leads: [GT, JT]", "leads: [JT]")
    assert changes(TDP, TDP, ILACS, after) == [("ilacs/domestic-abuse.2", "leads", ("GT", "JT"), ("JT",))]


def test_changes_come_in_natural_reference_order_and_kind_order_within_one_action() -> None:
    more = "".join(f'      - id: "1.{n}"\n        title: Action {n}\n' for n in (9, 10))
    before = edit(TDP, "  - id: SP2\n", more + "  - id: SP2\n")
    after = edit(edit(before, "status: GREEN", "status: RED"), "due: 2024-03\n", "due: 2024-04\n")
    after = edit(after, "title: Action 9\n", "title: Action 9\n        status: RED\n")
    after = edit(after, "title: Action 10\n", "title: Action 10\n        status: RED\n")
    assert [(ref, kind) for ref, kind, *_ in changes(before, after)] == [
        ("tdp/1.1", "status"),
        ("tdp/1.1", "due"),
        ("tdp/1.9", "status"),
        ("tdp/1.10", "status"),
    ]


def test_a_file_that_loaded_with_errors_is_left_out_not_compared() -> None:
    duplicated = edit(TDP, "status: GREEN\n", "status: GREEN\n        status: RED\n")
    partly = load_text(duplicated, "plans/0.yaml")
    assert partly.plan is not None and partly.problems  # a model, and an error: the first status kept
    before = workspace(TDP, ILACS, PEOPLE)
    after = flawed(duplicated, edit(ILACS, "status: AMBER", "status: RED"), PEOPLE)
    assert {c.ref.split("/")[0] for c in diff_workspaces(before, after)} == {"ilacs"}
    assert [p.line for p in load_problems(after)] == [13]
    assert load_problems(before) == ()


def test_an_unknown_lead_does_not_keep_a_file_out_of_the_comparison() -> None:
    # Checks across files leave what the file says intact: a new lead not yet in people.yaml is still news.
    after = flawed(edit(TDP, "leads: [AB]\n        status: RED", "leads: [NEW]\n        status: RED"), ILACS, PEOPLE)
    assert any(p.rule == "unknown-lead" for p in after.problems)
    assert [(c.ref, c.kind) for c in diff_workspaces(workspace(TDP, ILACS, PEOPLE), after)] == [("tdp/1.3", Kind.LEADS)]
    assert load_problems(after) == ()


def test_a_reference_two_items_share_is_left_out_with_a_problem() -> None:
    other = edit(TDP, "title: Development plan", "title: Development plan, part two")  # the same plan id, tdp
    before = workspace(TDP, ILACS, PEOPLE)
    after = flawed(
        edit(TDP, "status: AMBER", "status: RED"), ILACS, PEOPLE, edit(other, "status: GREEN", "status: RED")
    )
    assert diff_workspaces(before, after) == []  # which tdp/1.1 or 1.2 went RED cannot be told
    problems = load_problems(after)
    assert {p.path for p in problems} == {"plans/3.yaml"}
    assert "tdp/1.1 is also at plans/0.yaml:8" in problems[0].message


def test_unsure_references_are_neither_added_nor_removed_but_other_changes_still_show() -> None:
    before = workspace(TDP, ILACS, PEOPLE)
    after = workspace(edit(TDP, "status: GREEN", "status: RED"), PEOPLE)  # ILACS did not load here
    unsure = {item.ref for item in before.items if item.plan.id == "ilacs"}
    found = diff_workspaces(before, after, unsure=unsure)
    assert [(c.ref, c.kind) for c in found] == [("tdp/1.1", Kind.STATUS)]


# ---------------------------------------------------------------------------
# Git repositories

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Repo:
    """A throwaway git repository whose commits have fixed authors and dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, author: str = "Ann Lee") -> str:
        when = f"2024-01-{1 + self.clock:02d}T10:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env, check=True)
        return done.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str, author: str = "Ann Lee") -> str:
        self.clock += 1
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git with the tests' own identity and no system or user configuration."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test Runner\n\temail = tests@example.org\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PLANTOOL_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository whose first commit holds the two plans and the people file; the current folder is its top."""
    made = Repo(tmp_path / "repo")
    made.write("plans/tdp.yaml", TDP)
    made.write("plans/ilacs.yaml", ILACS)
    made.write("plans/people.yaml", PEOPLE)
    made.write("README.md", "not a plan\n")
    made.commit("Plans as agreed")
    monkeypatch.chdir(made.root)
    return made


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def diff_json(*args: str) -> dict:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def kinds(document: dict) -> list[tuple[str, str]]:
    return [(change["ref"], change["kind"]) for change in document["changes"]]


@needs_git
def test_diff_defaults_to_head_against_the_working_tree(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    document = diff_json()
    assert (document["from"], document["to"]) == ("HEAD", "working tree")
    assert document["changes"] == [
        {
            "ref": "tdp/1.1",
            "kind": "status",
            "before": "GREEN",
            "after": "RED",
            "slip_days": None,
            "direction": "worse",
            "repeated_slip": False,
            "carried_forward": False,
            "completed_on": None,
            "title": "Communities of practice",
            "plan": "tdp",
            "file": "plans/tdp.yaml",
            "line": 8,
        }
    ]
    assert document["problems"] == []
    assert document["from_commit"]["subject"] == "Plans as agreed"
    assert document["to_commit"] is None


@needs_git
def test_diff_json_has_the_contract_keys_for_every_kind(repo: Repo) -> None:
    text = edit(TDP, "status: GREEN", "status: RED")
    text = edit(text, "due: 2023-12-31", "due: 2024-02-29")
    text = edit(text, "status: AMBER", "status: BLUE")
    text = edit(text, "leads: [AB]\n        status: RED", "leads: [GT]\n        status: RED")
    text = edit(
        text,
        "text: Pilot commissioned.\n",
        "text: Pilot commissioned.\n          - date: 2024-01\n            text: Going well.\n",
    )
    text = edit(
        text,
        '      - id: "2.1"\n        title: Recruit social workers\n        leads: [AB]\n        due: 2024-06\n',
        '      - id: "2.2"\n        title: Retain social workers\n',
    )
    repo.write("plans/tdp.yaml", text)
    repo.commit("January update", author="Bo Chen")
    document = diff_json("HEAD~1", "HEAD")
    assert set(document) >= {"from", "to", "changes"}
    assert (document["from"], document["to"]) == ("HEAD~1", "HEAD")
    for change in document["changes"]:
        assert set(change) >= {"ref", "kind", "before", "after"}
    assert kinds(document) == [
        ("tdp/1.1", "status"),
        ("tdp/1.1", "update"),
        ("tdp/1.2", "completed"),
        ("tdp/1.2", "due"),
        ("tdp/1.3", "leads"),
        ("tdp/2.1", "removed"),
        ("tdp/2.2", "added"),
    ]
    due = next(c for c in document["changes"] if c["kind"] == "due")
    assert (due["before"], due["after"], due["slip_days"], due["repeated_slip"]) == (
        "2023-12-31",
        "2024-02-29",
        60,
        True,
    )
    leads = next(c for c in document["changes"] if c["kind"] == "leads")
    assert (leads["before"], leads["after"]) == (["AB"], ["GT"])
    assert document["summary"]["completed"] == 1
    assert set(document["summary"]) == CONTRACT_KINDS
    assert document["moves"] == []
    assert [c["author"] for c in document["commits"]] == ["Bo Chen"]
    assert document["to_commit"]["subject"] == "January update"


@needs_git
def test_diff_between_two_older_revisions_ignores_the_working_tree(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-06", "due: 2024-09"))
    repo.commit("Slip 2.1")
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-06", "due: 2024-12"))
    repo.commit("Slip 2.1 again")
    repo.write("plans/tdp.yaml", "not: [valid")  # the working tree is mid-edit
    document = diff_json("HEAD~2", "HEAD~1")
    assert [(c["kind"], c["before"], c["after"], c["slip_days"]) for c in document["changes"]] == [
        ("due", "2024-06", "2024-09", 92)
    ]
    assert document["problems"] == []
    whole = diff_json("main~2", "main")
    assert [c["slip_days"] for c in whole["changes"]] == [184]  # 30 June to 31 December
    assert [c["subject"] for c in whole["commits"]] == ["Slip 2.1 again", "Slip 2.1"]


@needs_git
def test_diff_never_touches_the_working_tree_or_the_index(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-06", "due: 2024-09"))
    repo.commit("Slip")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    repo.git("add", "plans/tdp.yaml")
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: GREEN"))
    status = repo.git("status", "--porcelain")  # before reading the index: git status refreshes it
    index = (repo.root / ".git" / "index").read_bytes()
    files = {path: path.read_bytes() for path in (repo.root / "plans").iterdir()}
    for args in (("HEAD~1",), ("HEAD~1", "HEAD"), ()):
        assert run("diff", *args).exit_code == 0
    assert (repo.root / ".git" / "index").read_bytes() == index
    assert repo.git("status", "--porcelain") == status
    assert {path: path.read_bytes() for path in (repo.root / "plans").iterdir()} == files


@needs_git
def test_a_renamed_file_is_not_a_change(repo: Repo) -> None:
    repo.git("mv", "plans/tdp.yaml", "plans/development-plan.yaml")
    repo.commit("Rename the plan file")
    assert diff_json("HEAD~1", "HEAD")["changes"] == []
    assert diff_json("HEAD~1")["changes"] == []


@needs_git
def test_a_file_moved_into_a_subfolder_and_edited_shows_only_the_edit(repo: Repo) -> None:
    (repo.root / "plans" / "tdp.yaml").unlink()
    repo.write("plans/2023-24/tdp.yaml", edit(TDP, "status: AMBER", "status: RED"))
    repo.commit("File plans by year")
    document = diff_json("HEAD~1", "HEAD")
    assert kinds(document) == [("tdp/1.2", "status")]
    assert document["changes"][0]["file"] == "HEAD:plans/2023-24/tdp.yaml"


@needs_git
def test_an_action_moved_between_priorities_across_commits_is_moved(repo: Repo) -> None:
    action = '      - id: "1.3"\n        title: Audit programme\n        leads: [AB]\n        status: RED\n'
    repo.write(
        "plans/tdp.yaml", edit(edit(TDP, action, ""), "        due: 2024-06\n", "        due: 2024-06\n" + action)
    )
    repo.commit("Audit belongs under workforce")
    document = diff_json("HEAD~1", "HEAD")
    assert [(m["ref"], m["before"], m["after"], m["title"]) for m in document["moves"]] == [
        ("tdp/1.3", "SP1", "SP2", "Audit programme")
    ]
    assert document["moves"][0]["file"] == "HEAD:plans/tdp.yaml"
    assert document["changes"] == []  # not a change, or removed and added
    text = run("diff", "HEAD~1", "HEAD").stdout
    assert "Moved to another priority (1)" in text and "priority SP1 → SP2" in text
    assert "| tdp/1.3 | Audit programme | priority SP1 → SP2 |" in run("diff", "HEAD~1", "--format", "markdown").stdout


@needs_git
def test_json_changes_hold_only_the_kinds_cli_md_fixes_and_moves_go_beside_them(repo: Repo) -> None:
    action = '      - id: "1.3"\n        title: Audit programme\n        leads: [AB]\n        status: RED\n'
    moved = edit(
        edit(TDP, action, ""), "        due: 2024-06\n", "        due: 2024-06\n" + action.replace("RED", "AMBER")
    )
    repo.write("plans/tdp.yaml", moved)
    document = diff_json()
    assert [(m["ref"], m["before"], m["after"]) for m in document["moves"]] == [("tdp/1.3", "SP1", "SP2")]
    assert kinds(document) == [("tdp/1.3", "status")]  # the move's other changes stay changes
    assert {change["kind"] for change in document["changes"]} <= CONTRACT_KINDS
    assert "moved" not in document["summary"]


@needs_git
def test_a_plan_that_does_not_load_at_one_revision_is_reported_and_the_rest_compared(repo: Repo) -> None:
    repo.write("plans/ilacs.yaml", "plan:\n  id: ilacs\n  title: [unclosed\n")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: AMBER"))
    repo.commit("Half-finished edit")
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: GREEN"))
    repo.commit("Fixed")
    broken = diff_json("HEAD~2", "HEAD~1")
    assert kinds(broken) == [("tdp/1.1", "status")]  # ilacs's actions are not "removed"
    assert [(p["revision"], p["file"]) for p in broken["problems"]] == [("HEAD~1", "HEAD~1:plans/ilacs.yaml")]
    assert all(p["line"] >= 1 for p in broken["problems"])
    mended = diff_json("HEAD~1", "HEAD")
    assert kinds(mended) == []  # nor "added" when it loads again
    assert [p["revision"] for p in mended["problems"]] == ["HEAD~1"]
    result = run("diff", "HEAD~2", "HEAD~1")
    assert result.exit_code == 0
    assert "Not read at HEAD~1" in result.stdout
    assert "HEAD~1:plans/ilacs.yaml:3:10: error: YAML syntax: the '[' that starts here is never closed" in result.stdout


@needs_git
def test_an_invalid_working_tree_file_is_reported_not_a_mass_removal(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "statut: GREEN"))
    document = diff_json()
    assert document["changes"] == []
    assert [(p["revision"], p["file"]) for p in document["problems"]] == [("working tree", "plans/tdp.yaml")]
    assert "did you mean 'status'" in document["problems"][0]["message"]


@needs_git
def test_a_file_with_a_duplicate_key_is_not_read_so_an_edit_cannot_vanish(repo: Repo) -> None:
    # The loader keeps the first of two keys: compared, this file would say 1.1 is still GREEN.
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN\n", "status: GREEN\n        status: RED\n"))
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: GREEN"))
    document = diff_json()
    assert {ref.split("/")[0] for ref, _ in kinds(document)} == {"ilacs"}  # tdp's actions: neither changed nor gone
    assert [(p["revision"], p["file"], p["line"]) for p in document["problems"]] == [
        ("working tree", "plans/tdp.yaml", 13)
    ]
    assert "duplicate key 'status'" in document["problems"][0]["message"]
    text = run("diff")
    assert text.exit_code == 0
    assert "Not read in the working tree" in text.stdout
    assert "plans/tdp.yaml:13:9: error: duplicate key 'status'" in text.stdout
    markdown = run("diff", "--format", "markdown").stdout
    assert "Not read in the working tree" in markdown and "duplicate key 'status'" in markdown


@needs_git
def test_a_committed_file_with_a_duplicate_key_is_reported_at_its_revision_and_not_compared(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-06\n", "due: 2024-06\n        due: 2024-09\n"))
    repo.commit("Slip 2.1, twice over")
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-06", "due: 2024-09"))
    repo.commit("Mended")
    broken = diff_json("HEAD~2", "HEAD~1")
    assert (broken["changes"], [p["file"] for p in broken["problems"]]) == ([], ["HEAD~1:plans/tdp.yaml"])
    # From the revision that was not read nothing can be said; from the last one that was, the slip shows.
    assert kinds(diff_json("HEAD~1", "HEAD")) == []
    assert [(c["kind"], c["slip_days"]) for c in diff_json("HEAD~2", "HEAD")["changes"]] == [("due", 92)]


@needs_git
def test_an_action_id_used_twice_is_left_out_with_both_places_named(repo: Repo) -> None:
    second = '      - id: "1.3"\n        title: Second audit\n        status: GREEN\n  - id: SP2\n'
    repo.write("plans/tdp.yaml", edit(edit(TDP, "  - id: SP2\n", second), "status: AMBER", "status: RED"))
    document = diff_json()
    assert kinds(document) == [("tdp/1.2", "status")]  # not "1.3 went GREEN", whichever of the two stood first
    assert [(p["file"], p["line"]) for p in document["problems"]] == [("plans/tdp.yaml", 26)]
    assert "tdp/1.3 is also at plans/tdp.yaml:22" in document["problems"][0]["message"]


@needs_git
@pytest.mark.parametrize(
    ("where", "args"),
    [("plans", ()), ("plans", ("HEAD", "HEAD")), ("plans", ("HEAD~1", "HEAD")), (".", ("--plans", "nonexistent"))],
)
def test_a_plans_folder_that_is_nowhere_is_a_usage_error_not_no_changes(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, where: str, args: tuple[str, ...]
) -> None:
    repo.commit("Another")
    monkeypatch.chdir(repo.root / where)  # inside plans/, ./plans is not there, nor was it ever
    result = run("diff", *args)
    assert result.exit_code == 2, result.output
    assert "no plans folder at" in result.stderr and "not in the working tree, nor at" in result.stderr
    assert "No changes" not in result.output


@needs_git
def test_a_plans_folder_deleted_from_the_working_tree_means_everything_was_removed(repo: Repo) -> None:
    shutil.rmtree(repo.root / "plans")
    document = diff_json()
    assert {kind for _, kind in kinds(document)} == {"removed"}
    assert len(document["changes"]) == 6
    repo.commit("Plans retired")
    assert len(diff_json("HEAD~1", "HEAD")["changes"]) == 6  # and between revisions, the same
    assert run("diff", "HEAD", "--plans", "plans").exit_code == 2  # nowhere now: at HEAD nor in the working tree


@needs_git
def test_a_missing_folder_outside_any_repository_is_named_as_missing(
    tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for command in (["diff"], ["history", "1.1"]):
        result = run(*command, "--plans", str(tmp_path / "nonexist"))
        assert result.exit_code == 2, result.output
        assert f"no plans folder at {tmp_path / 'nonexist'}" in result.stderr
        assert "not in a git repository" not in result.stderr


@needs_git
def test_outside_a_git_repository_is_a_usage_error(
    tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "loose"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "tdp.yaml").write_text(TDP, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for command in (["diff"], ["history", "1.1"]):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert "not in a git repository" in result.stderr
        assert "Traceback" not in result.output


@needs_git
@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~5", "HEAD:plans", "--", "-x"])
def test_an_unknown_revision_is_a_usage_error(repo: Repo, revision: str) -> None:
    result = run("diff", "--", revision)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert revision in result.stderr or "not a revision" in result.stderr


@needs_git
def test_a_repository_without_commits_says_so(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    made = Repo(tmp_path / "fresh")
    made.write("plans/tdp.yaml", TDP)
    monkeypatch.chdir(made.root)
    result = run("diff")
    assert result.exit_code == 2
    assert "no commits yet" in result.stderr


@needs_git
def test_a_plans_folder_missing_at_the_older_revision_means_everything_was_added(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    repo.commit("Red")
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    repo.git("mv", "plans", "planning")
    repo.commit("Rename the folder")
    document = diff_json(first, "HEAD", "--plans", "planning")
    assert {kind for _, kind in kinds(document)} == {"added"}
    assert len(document["changes"]) == 6


@needs_git
def test_the_plans_folder_is_found_from_a_subfolder_and_with_plantool_toml(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    (repo.root / "docs").mkdir()
    monkeypatch.chdir(repo.root / "docs")
    assert kinds(diff_json("--plans", "../plans")) == [("tdp/1.1", "status")]
    repo.write("plantool.toml", 'plans = "plans"\n')
    assert kinds(diff_json()) == [("tdp/1.1", "status")]


@needs_git
def test_files_at_a_revision_follow_the_same_rules_as_on_disk(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("plans/.draft.yaml", "not: a plan\n")
    repo.write("plans/notes.txt", "not yaml\n")
    repo.write("plans/more/extra.yml", edit(TDP, "id: tdp", "id: extra"))
    repo.commit("Extra plan in a subfolder")
    document = diff_json("HEAD~1", "HEAD")
    assert {ref.split("/")[0] for ref, _ in kinds(document)} == {"extra"}
    assert document["problems"] == []


@needs_git
def test_a_blob_past_the_size_bound_is_reported_not_read(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("plans/tdp.yaml", TDP + "# " + "x" * 4000 + "\n")
    repo.commit("Big")
    monkeypatch.setattr(gitrev, "MAX_FILE_BYTES", 2000)
    document = diff_json("HEAD~1", "HEAD")
    assert document["changes"] == []
    assert [(p["file"], p["line"]) for p in document["problems"]] == [("HEAD:plans/tdp.yaml", 0)]
    assert "larger than" in document["problems"][0]["message"]


@needs_git
def test_a_symbolic_link_at_a_revision_is_reported(repo: Repo) -> None:
    os.symlink("tdp.yaml", repo.root / "plans" / "link.yaml")
    repo.commit("A link")
    document = diff_json("HEAD~1", "HEAD")
    assert [p["file"] for p in document["problems"]] == ["HEAD:plans/link.yaml"]
    assert "symbolic link" in document["problems"][0]["message"]


@needs_git
def test_text_output_groups_changes_by_what_a_board_asks(repo: Repo) -> None:
    text = edit(TDP, "status: GREEN", "status: RED")
    text = edit(text, "due: 2023-12-31", "due: 2024-03-31")
    text = edit(text, "title: Audit programme", "title: Audit [bold]programme[/bold]\n        due: 2024-05")
    repo.write("plans/tdp.yaml", text)
    result = run("diff")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Status worse (1)") < out.index("Due dates slipped (1)") < out.index("Due dates brought forward")
    assert "2 actions changed" not in out and "3 actions changed" in out
    assert "GREEN → RED" in out
    assert "2023-12-31 → 2024-03-31 (+91 days)" in out
    assert "slipped again" in out
    assert "Audit [bold]programme[/bold]" in out  # user text is never markup
    assert "\x1b[" not in out


@needs_git
def test_markdown_output_is_a_titled_document_with_a_table_per_section(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: AMBER", "status: BLUE"))
    result = run("diff", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Changes since HEAD"
    assert "## Completed (1)" in lines
    assert "| tdp/1.2 | Practice week | AMBER → BLUE |" in lines


@needs_git
def test_no_changes_says_so(repo: Repo) -> None:
    result = run("diff")
    assert result.exit_code == 0
    assert "No changes to actions." in result.stdout
    assert diff_json()["changes"] == []


@needs_git
def test_compare_reuses_a_working_tree_the_caller_loaded(repo: Repo) -> None:
    from plantool.workspace import load_folder

    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    loaded = load_folder(Path("plans"))
    diff = gitrev.compare(Path("plans"), "HEAD", worktree=loaded)
    assert [(c.ref, c.kind) for c in diff.changes] == [("tdp/1.1", Kind.STATUS)]


@needs_git
def test_a_file_renamed_and_broken_in_one_range_does_not_make_its_actions_removed(repo: Repo) -> None:
    # The board must not read "removed" for actions that sit, unread, in the renamed file.
    (repo.root / "plans" / "tdp.yaml").unlink()
    # Renamed and broken so badly that git cannot pair the two files as a rename.
    repo.write("plans/development.yaml", "plan: {id: tdp, title: [\n")
    repo.commit("Rename the development plan (and break it)")
    document = diff_json("HEAD~1", "HEAD")
    assert not [change for change in document["changes"] if change["kind"] == "removed"]
    assert any("development.yaml" in problem["file"] for problem in document["problems"])


@needs_git
def test_blob_name_is_git_s_own_name_for_the_bytes(repo: Repo) -> None:
    for text in ("", "plan:\n", TDP, "é\r\n"):
        (repo.root / "bytes.txt").write_bytes(text.encode("utf-8"))
        assert gitrev.blob_name(text.encode("utf-8")) == repo.git("hash-object", "bytes.txt").strip()


@needs_git
def test_a_working_tree_file_as_committed_is_loaded_once_and_keeps_its_own_name(repo: Repo) -> None:
    # diff against the working tree holds an unchanged file's plan once, shared by both sides
    # (half the memory at 100,000 actions); what is said about it still names each side's file.
    broken = edit(ILACS, "status: AMBER", "status: PURPLE")
    repo.write("plans/ilacs.yaml", broken)
    repo.commit("A status the scale does not know")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    reader = gitrev.Reader(gitrev.open_repository(Path("plans")))
    before, _ = reader.workspace(repo.git("rev-parse", "HEAD").strip(), "HEAD")
    after = gitrev._worktree(reader)
    plans_before = {plan.id: plan.file for plan in before.plans}
    plans_after = {plan.id: plan.file for plan in after.plans}
    assert plans_before.keys() == plans_after.keys() == {"tdp"}  # ilacs does not load on either side
    assert plans_before["tdp"] is not plans_after["tdp"]  # changed: loaded from each side's bytes
    assert {problem.path for problem in after.problems} == {"plans/ilacs.yaml"}
    assert {problem.path for problem in before.problems} == {"HEAD:plans/ilacs.yaml"}
    repo.write("plans/tdp.yaml", TDP)
    again = gitrev._worktree(reader)
    assert {plan.id: plan.file for plan in again.plans}["tdp"] is plans_before["tdp"]
    document = diff_json()
    assert document["changes"] == []
    assert [(p["revision"], p["file"]) for p in document["problems"]] == [
        ("HEAD", "HEAD:plans/ilacs.yaml"),
        ("working tree", "plans/ilacs.yaml"),
    ]
