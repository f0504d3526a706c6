"""``plantool history REF``: one action's story through the commits that changed it.

Each test builds a small git repository with a series of commits (fixed
authors and dates, the tests' own git configuration) and reads the story
back through the command line, mostly as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

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
      - id: "1.2"
        title: Practice week
        leads: [JT, AB]
        due: 2023-12-31
        status: AMBER
        carried_forward: true
        updates:
          - date: 2023-05
            text: Venue booked.
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
"""

PEOPLE = """\
people:
  - id: JT
  - id: AB
  - id: GT
"""

PRACTICE_WEEK = (
    '      - id: "1.2"\n        title: Practice week\n        leads: [JT, AB]\n        due: {due}\n'
    "        status: {status}\n        carried_forward: true\n        updates:\n"
    "          - date: 2023-05\n            text: Venue booked.\n"
)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


class Repo:
    """A throwaway git repository whose commits have fixed authors and dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, author: str = "Ann Lee") -> str:
        when = f"2024-02-{1 + self.clock:02d}T09:30:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env, check=True).stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str, author: str = "Ann Lee") -> str:
        self.clock += 1
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author)
        return self.git("rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test Runner\n\temail = tests@example.org\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PLANTOOL_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    made = Repo(tmp_path / "repo")
    made.write("plans/tdp.yaml", TDP)
    made.write("plans/ilacs.yaml", ILACS)
    made.write("plans/people.yaml", PEOPLE)
    made.commit("Plans as agreed")
    monkeypatch.chdir(made.root)
    return made


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def story(ref: str, *args: str) -> dict:
    result = run("history", ref, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def steps(document: dict) -> list[tuple]:
    """``(subject or None, [kinds of change], status, due)`` per step."""
    return [
        (
            step["commit"]["subject"] if step["commit"] else None,
            [change["kind"] for change in step["changes"]],
            step["status"],
            step["due"],
        )
        for step in document["steps"]
    ]


def practice_week(due: str, status: str, moved: bool = False) -> str:
    """TDP with action 1.2 at ``due`` and ``status``, under SP2 when ``moved``."""
    action = PRACTICE_WEEK.format(due="2023-12-31", status="AMBER")
    text = edit(TDP, action, "") if moved else TDP
    if moved:
        text = edit(
            text, "        due: 2024-06\n", "        due: 2024-06\n" + PRACTICE_WEEK.format(due=due, status=status)
        )
        return text
    return edit(text, action, PRACTICE_WEEK.format(due=due, status=status))


def test_the_story_lists_only_commits_that_changed_the_action_with_who_when_and_why(repo: Repo) -> None:
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: GREEN"))
    repo.commit("Ofsted plan update", author="Bo Chen")
    december = practice_week("2024-03-31", "AMBER")
    december = edit(
        december,
        "text: Venue booked.\n",
        "text: Venue booked.\n          - date: 2023-12\n            text: Postponed to spring.\n",
    )
    repo.write("plans/tdp.yaml", december)
    repo.commit("December round", author="Cy Dee")
    repo.git("mv", "plans/tdp.yaml", "plans/development.yaml")
    repo.commit("Rename the plan file")
    march = edit(december.replace("due: 2024-03-31", "due: 2024-06-30"), "status: AMBER", "status: RED")
    repo.write("plans/development.yaml", march)
    repo.commit("March round")
    document = story("1.2")
    assert document["ref"] == "tdp/1.2"
    assert document["title"] == "Practice week"
    assert steps(document) == [
        ("Plans as agreed", ["added"], "AMBER", "2023-12-31"),
        ("December round", ["due", "update"], "AMBER", "2024-03-31"),
        ("March round", ["status", "due"], "RED", "2024-06-30"),
    ]
    authors = [step["commit"]["author"] for step in document["steps"]]
    assert authors == ["Ann Lee", "Cy Dee", "Ann Lee"]
    assert document["steps"][1]["commit"]["date"] == "2024-02-04T09:30:00+00:00"
    assert document["steps"][1]["latest_update"] == {"date": "2023-12", "text": "Postponed to spring."}
    assert document["steps"][2]["file"] == f"{document['steps'][2]['commit']['short']}:plans/development.yaml"
    status = document["steps"][2]["changes"][0]
    assert (status["before"], status["after"], status["direction"]) == ("AMBER", "RED", "worse")
    assert (document["slips"], document["slip_days_total"]) == (2, 182)


def test_text_output_tells_the_story_oldest_first_and_flags_repeated_slips(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", practice_week("2024-03-31", "AMBER"))
    repo.commit("December round", author="Cy Dee")
    repo.write("plans/tdp.yaml", practice_week("2024-06-30", "AMBER"))
    repo.commit("March round")
    result = run("history", "tdp/1.2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("History of tdp/1.2: Practice week\n")
    assert "moved later 2 times, 182 days in all (a carried-forward action slipping again)" in " ".join(out.split())
    assert out.index("Plans as agreed") < out.index("December round") < out.index("March round")
    assert "2024-02-02 09:30" in out and "Cy Dee: December round" in out
    assert "due 2024-03-31 → 2024-06-30 (+91 days)" in out
    assert "now AMBER, due 2024-06-30, leads JT, AB" in out
    assert "latest update 2023-05: Venue booked." in out


def test_a_slip_in_the_commit_that_marks_the_action_carried_forward_is_not_slipping_again(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "        carried_forward: true\n", ""))
    repo.commit("Not carried forward yet")
    repo.write("plans/tdp.yaml", practice_week("2024-03-31", "AMBER"))
    repo.commit("Carried into the new plan, a quarter later")
    document = story("1.2")
    (due,) = [change for change in document["steps"][-1]["changes"] if change["kind"] == "due"]
    assert (due["slip_days"], due["carried_forward"], due["repeated_slip"]) == (91, True, False)
    out = " ".join(run("history", "1.2").stdout.split())
    assert "due 2023-12-31 → 2024-03-31 (+91 days)" in out
    assert "slipping again" not in out and "slipped again" not in out


def test_moved_between_priorities_and_completed_are_steps_of_the_same_action(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", practice_week("2023-12-31", "AMBER", moved=True))
    repo.commit("Practice week belongs under workforce")
    repo.write("plans/tdp.yaml", practice_week("2023-12-31", "BLUE", moved=True))
    repo.commit("Done")
    document = story("1.2")
    assert steps(document) == [
        ("Plans as agreed", ["added"], "AMBER", "2023-12-31"),
        ("Practice week belongs under workforce", [], "AMBER", "2023-12-31"),  # a move is not a diff kind...
        ("Done", ["completed"], "BLUE", "2023-12-31"),
    ]
    moved = document["steps"][1]["moves"]  # ...so JSON has it beside the changes, as diff does
    assert [(m["ref"], m["before"], m["after"]) for m in moved] == [("tdp/1.2", "SP1", "SP2")]
    assert all(step["moves"] == [] for step in document["steps"][::2])
    assert "moved priority SP1 → SP2" in run("history", "1.2").stdout


def test_uncommitted_changes_are_the_last_step(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "title: Practice week", "title: Practice fortnight"))
    document = story("1.2")
    last = document["steps"][-1]
    assert (last["commit"], last["working_tree"], last["edited"], last["title"]) == (
        None,
        True,
        ["title"],
        "Practice fortnight",
    )
    assert document["title"] == "Practice fortnight"
    assert "uncommitted (working tree)" in run("history", "1.2").stdout


def test_a_removed_action_still_has_a_history(repo: Repo) -> None:
    one_one = '      - id: "1.1"\n        title: Communities of practice\n        leads: [JT]\n        due: 2024-03\n'
    repo.write("plans/tdp.yaml", edit(TDP, one_one + "        status: GREEN\n", ""))
    repo.commit("Drop 1.1")
    document = story("1.1")
    assert document["ref"] == "tdp/1.1"
    assert document["title"] == "Communities of practice"
    assert [(s[0], s[1]) for s in steps(document)] == [("Plans as agreed", ["added"]), ("Drop 1.1", ["removed"])]
    assert document["steps"][-1]["present"] is False


def test_an_action_added_only_in_the_working_tree(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "  - id: SP2\n", '      - id: "1.3"\n        title: New\n  - id: SP2\n'))
    assert steps(story("1.3")) == [(None, ["added"], None, None)]


def test_a_merge_that_takes_one_side_is_not_a_step_but_the_branch_commit_is(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    repo.commit("Side: 1.1 is RED", author="Bo Chen")
    repo.git("checkout", "-q", "main")
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: GREEN"))
    repo.commit("Main: ILACS")
    repo.clock += 1
    repo.git("merge", "-q", "--no-edit", "side")
    assert steps(story("1.1")) == [
        ("Plans as agreed", ["added"], "GREEN", "2024-03"),
        ("Side: 1.1 is RED", ["status"], "RED", "2024-03"),
    ]


def test_a_commit_where_the_plans_did_not_load_is_a_step_not_a_crash(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", "plan:\n  id: tdp\n  title: [broken\n")
    repo.commit("Broken")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    repo.commit("Mended, and 1.1 is RED")
    document = story("1.1")
    assert [(s[0], s[1], s[2]) for s in steps(document)] == [
        ("Plans as agreed", ["added"], "GREEN"),
        ("Broken", [], None),
        ("Mended, and 1.1 is RED", ["status"], "RED"),  # counted from the last state that was read
    ]
    broken = document["steps"][1]
    assert broken["readable"] is False
    assert [p["file"].split(":", 1)[1] for p in broken["problems"]] == ["plans/tdp.yaml"]
    assert "could not be read here" in run("history", "1.1").stdout


def test_a_commit_where_the_action_s_file_had_a_duplicate_key_could_not_be_read(repo: Repo) -> None:
    # The loader keeps the first of two keys: read as it was, this commit would seem not to touch 1.1.
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN\n", "status: GREEN\n        status: RED\n"))
    repo.commit("Twice over")
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: RED"))
    repo.commit("Mended, and 1.1 is RED")
    document = story("1.1")
    assert [(s[0], s[1], s[2]) for s in steps(document)] == [
        ("Plans as agreed", ["added"], "GREEN"),
        ("Twice over", [], None),
        ("Mended, and 1.1 is RED", ["status"], "RED"),
    ]
    unread = document["steps"][1]
    assert (unread["readable"], unread["present"]) == (False, False)
    assert [(p["file"].split(":", 1)[1], p["line"]) for p in unread["problems"]] == [("plans/tdp.yaml", 13)]
    assert "duplicate key 'status'" in unread["problems"][0]["message"]
    assert "could not be read here" in run("history", "1.1").stdout


def test_a_duplicate_key_in_the_working_tree_makes_the_last_step_unknown(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "due: 2024-03\n", "due: 2024-03\n        due: 2024-09\n"))
    last = story("1.1")["steps"][-1]
    assert (last["working_tree"], last["readable"], last["changes"]) == (True, False, [])
    assert "duplicate key 'due'" in last["problems"][0]["message"]


def test_an_action_id_used_twice_at_a_commit_cannot_be_told_there(repo: Repo) -> None:
    second = '      - id: "1.1"\n        title: Second communities\n        status: RED\n  - id: SP2\n'
    repo.write("plans/tdp.yaml", edit(TDP, "  - id: SP2\n", second))
    repo.commit("1.1 twice")
    last = story("1.1")["steps"][-1]
    assert (last["commit"]["subject"], last["readable"]) == ("1.1 twice", False)
    assert "tdp/1.1 is also at" in last["problems"][0]["message"]


@pytest.mark.parametrize("where", ["plans", "."])
def test_a_plans_folder_that_is_nowhere_is_a_usage_error_not_an_unknown_action(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(repo.root / where)
    result = run("history", "1.1", *(["--plans", "nonexistent"] if where == "." else []))
    assert result.exit_code == 2, result.output
    assert "no plans folder at" in result.stderr
    assert "no action" not in result.stderr


def test_a_plans_folder_deleted_from_the_working_tree_still_has_a_history(repo: Repo) -> None:
    shutil.rmtree(repo.root / "plans")
    repo.commit("Plans retired")
    assert [(s[0], s[1]) for s in steps(story("1.1"))] == [
        ("Plans as agreed", ["added"]),
        ("Plans retired", ["removed"]),
    ]


def test_max_count_looks_only_at_the_newest_commits(repo: Repo) -> None:
    for due in ("2024-03-31", "2024-06-30", "2024-09-30"):
        repo.write("plans/tdp.yaml", practice_week(due, "AMBER"))
        repo.commit(f"Slip to {due}")
    document = story("1.2", "-n", "2")
    assert [s[0] for s in steps(document)] == ["Slip to 2024-06-30", "Slip to 2024-09-30"]
    assert document["slips"] == 2


def test_a_finding_s_action_is_followed_through_its_finding_s_values(repo: Repo) -> None:
    repo.write("plans/ilacs.yaml", edit(ILACS, "status: AMBER", "status: RED"))
    repo.commit("The finding is RED")
    assert steps(story("domestic-abuse.1"))[-1] == ("The finding is RED", ["status"], "RED", "2024-03")


def test_markdown_output(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "status: AMBER"))
    repo.commit("Amber")
    result = run("history", "1.1", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# History of tdp/1.1: Communities of practice"
    assert "- status GREEN → AMBER (worse)" in lines


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("9.9", "no action, finding or plan matches '9.9'"),
        ("tdp", "history follows one action, and tdp is not one"),
        ("SP1", "history follows one action, and tdp/SP1 is not one"),
    ],
)
def test_a_reference_that_is_not_one_action_is_a_usage_error(repo: Repo, ref: str, message: str) -> None:
    result = run("history", ref)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_ambiguous_reference_lists_the_candidates(repo: Repo) -> None:
    repo.write("plans/other.yaml", edit(TDP, "id: tdp", "id: other"))
    result = run("history", "1.2")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "other/1.2" in result.stderr and "tdp/1.2" in result.stderr


def test_history_needs_a_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    made = Repo(tmp_path / "fresh")
    made.write("plans/tdp.yaml", TDP)
    monkeypatch.chdir(made.root)
    result = run("history", "1.1")
    assert result.exit_code == 2
    assert "no commits yet" in result.stderr


def test_another_plan_that_does_not_load_is_not_a_step_of_this_action(repo: Repo) -> None:
    repo.write("plans/ilacs.yaml", "plan:\n  id: ilacs\n  title: [broken\n")
    repo.commit("Ofsted plan broken")
    repo.write("plans/ilacs.yaml", ILACS)
    repo.commit("Ofsted plan mended")
    assert [s[0] for s in steps(story("1.1"))] == ["Plans as agreed"]


def test_an_action_whose_working_tree_file_does_not_load_is_unknown_there(repo: Repo) -> None:
    repo.write("plans/tdp.yaml", edit(TDP, "status: GREEN", "statut: GREEN"))
    last = story("1.1")["steps"][-1]
    assert (last["working_tree"], last["readable"], last["present"]) == (True, False, False)
    assert "did you mean 'status'" in last["problems"][0]["message"]


def test_both_commands_have_help(repo: Repo) -> None:
    for command in ("diff", "history"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "--format" in result.stdout and "--plans" in result.stdout
