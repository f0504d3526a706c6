"""Property tests: any sequence of write commands, on the bundled plans and on files written every
way YAML allows (comments, flow and block styles, CRLF, a BOM, no final line break), gives a file
that loads, holds exactly the intended change (checked against the reader's own data, changed here
independently of edits.py), and keeps every other byte."""

from __future__ import annotations

import copy
import difflib
import re
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED_PLANS
from plantool import edits
from plantool.dates import parse_plan_date
from plantool.edits import EditError, InvalidEdit
from plantool.loader import load_text
from plantool.yamlread import read_yaml

BUNDLED = {path.name: path.read_text(encoding="utf-8") for path in sorted(BUNDLED_PLANS.glob("*.yaml"))}
BUNDLED.pop("people.yaml")

# Texts that YAML would read as something else if written carelessly, and plain words.
TRICKY = ["NO", "on", "yes", "1.10", "012", "1:30", "~", "null", ": #", "a: b", "- x", "#", "[x]", "{y}", "&a", "*b",
          "!t", "%", "@", "`", "|", ">", "'", '"', "it's", " lead", "trail ", "é ü", "\t", "line\nbreak", "a\n\nb\n",
          "x\u2028y", "Done.", "Meeting held with partners", "50%"]  # fmt: skip
NOTE = st.one_of(
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40),
).filter(lambda text: text.strip() != "")
PEOPLE = ["GT", "JT", "NO", "ON", "Y", "AxB", "1.5"]
STATUSES = ["GREEN", "amber", "Red", "BLUE"]
DAYS = st.dates(date(2022, 1, 1), date(2026, 12, 31))
DUES = st.one_of(DAYS.map(date.isoformat), DAYS.map(lambda d: d.strftime("%Y-%m")))


@st.composite
def written_plans(draw: st.DrawFn) -> str:
    """A plan file written in any of the ways people write YAML by hand."""

    def pick(*choices: str) -> str:
        return draw(st.sampled_from(choices))

    def comment() -> list[str]:
        return [pick("# a note", "  # indented note", "#", "")] if draw(st.booleans()) else []

    lines = [
        "# yaml-language-server: $schema=../schemas/plan.schema.json",
        "plan:",
        "  id: gen",
        "  title: 'Plan: one'",
    ]
    lines += [pick("", "  updated: 2023-05", "  updated: 2023-05-15  # round", "  updated: '2023-04'",
                   "  updated: 2023-Q1", "  updated: 2022", "  updated: 2022/23", "  updated: FY2023/24")]  # fmt: skip
    sections = draw(st.sampled_from(["priorities", "findings", "both"]))
    if sections in ("priorities", "both"):
        lines.append("priorities:")
        for p in range(1, draw(st.integers(1, 2)) + 1):
            lines += [f"  - id: SP{p}  # priority", f"    title: Priority {p}"]
            actions = draw(st.integers(0, 3))
            lines.append("    actions:" if actions else pick("    actions: []", ""))
            for a in range(1, actions + 1):
                lines += action_lines(draw, pick, comment, pick(f'"{p}.{a}"', f"'{p}.{a}'", f"{p}.{a}"), "      ")
    if sections in ("findings", "both"):
        lines.append("findings:")
        for f in range(1, draw(st.integers(1, 2)) + 1):
            lines += [f"  - id: f{f}", f"    title: Finding {f}", *comment()]
            lines += [pick("", "    leads: [GT]", "    due: 2024-03", "    due: 2024-03\n    status: AMBER")]
            actions = draw(st.integers(0, 2))
            if actions:
                lines.append("    actions:")
                for a in range(1, actions + 1):
                    lines += action_lines(draw, pick, comment, pick(f'"{a}"', str(a)), "      ")
    text = "\n".join(line for line in lines if line != "") + "\n"
    text = text.replace("\n\n", "\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def action_lines(draw: st.DrawFn, pick: Any, comment: Any, action_id: str, at: str) -> list[str]:
    inner = at + "  "
    title = pick("Do it", "yes", '"Quoted: title"', ">-")
    lines = [f"{at}- id: {action_id}", f"{inner}title: {title}"]
    if lines[-1].endswith(">-"):
        lines.append(f"{inner}  Folded title")
        lines.append(f"{inner}  over two lines")
    lines += comment()
    lines += [
        pick(
            "",
            f"{inner}leads: [GT]",
            f'{inner}leads: ["GT", "JT"]',
            f"{inner}leads: GT",
            f"{inner}leads:\n{inner}  - GT\n{inner}  - JT  # acting",
            f"{inner}leads:\n{inner}- GT",
        )
    ]
    lines += [pick("", f"{inner}due: 2024-03", f"{inner}due: 2024-03-31  # firm", f"{inner}due: '2024-06'")]
    lines += [pick("", f"{inner}status: GREEN", f'{inner}status: "amber"', f"{inner}status: ~", f"{inner}status:")]
    lines += comment()
    updates = pick("", "[]", "block", "flow")
    if updates == "[]":
        lines.append(f"{inner}updates: []")
    elif updates == "flow":
        lines.append(f"{inner}updates: [{{date: 2023-05, text: 'Begun'}}]")
    elif updates == "block":
        lines += [f"{inner}updates:", f"{inner}  # first", f"{inner}  - date: 2023-05", f"{inner}    text: |-"]
        lines += [f"{inner}      Begun,", f"{inner}      slowly.", ""]
    lines += [pick("", f"{inner}tags: [a, b]", f"{inner}carried_forward: true")]
    return lines


# ---------------------------------------------------------------------------
# The oracle: the intended change, made on the reader's data by this test's own rules


def refs(data: dict[str, Any]) -> tuple[list[tuple[str, tuple[Any, ...]]], list[tuple[str, tuple[Any, ...]]]]:
    """Every (ref, path) that carries a status, and every (ref, path) that can take a new action."""
    tracked, parents = [], []
    for i, priority in enumerate(data.get("priorities") or []):
        parents.append((priority["id"], ("priorities", i)))
        for j, action in enumerate(priority.get("actions") or []):
            tracked.append((action["id"], ("priorities", i, "actions", j)))
    for i, finding in enumerate(data.get("findings") or []):
        parents.append((finding["id"], ("findings", i)))
        tracked.append((finding["id"], ("findings", i)))
        for j, action in enumerate(finding.get("actions") or []):
            tracked.append((f"{finding['id']}.{action['id']}", ("findings", i, "actions", j)))
    return tracked, parents


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def add_update(data: dict[str, Any], path: tuple[Any, ...], entry: dict[str, str]) -> None:
    target = at(data, path)
    if isinstance(target.get("updates"), list):
        target["updates"].append(entry)
    else:
        target["updates"] = [entry]
    updated = data["plan"].get("updated")
    if updated is not None:
        old, new = parse_plan_date(updated), parse_plan_date(entry["date"])
        if not old.is_day:  # written as the plan writes it: the month, quarter or year that holds the day
            new = parse_plan_date(_same_form(updated, new.end))
        if new > old:
            data["plan"]["updated"] = str(new)


def _same_form(written: str, day: date) -> str:
    """``day`` as the month, quarter, year or (April) financial year that ``written`` is a form of."""
    if "Q" in written:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if "/" in written:
        first = day.year if day.month >= 4 else day.year - 1
        return f"{'FY' if written.startswith('FY') else ''}{first}/{(first + 1) % 100:02d}"
    if "-" in written:
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}"


def expect(data: dict[str, Any], command: tuple[Any, ...], path: tuple[Any, ...]) -> None:
    """Make ``command`` on ``data`` as the user means it."""
    name, *args = command
    target = at(data, path)
    if name == "update":
        note, day, status, by = args
        entry = {"date": day.isoformat(), "text": note}
        if status is not None:
            target["status"] = entry["status"] = status.upper()
        if by is not None:
            entry["by"] = by
        add_update(data, path, entry)
    elif name == "rate":
        target["status"] = args[0].upper()
    elif name == "complete":
        day, note = args
        target["status"], target["completed"] = "BLUE", day.isoformat()
        if note is not None:
            add_update(data, path, {"date": day.isoformat(), "text": note, "status": "BLUE"})
    elif name == "move":
        due, reason, day = args
        old = target.get("due")
        if old is None and path[0] == "findings" and len(path) > 2:
            old = at(data, path[:2]).get("due")
        target["due"] = str(parse_plan_date(due))
        said = f"Due date moved from {old} to {target['due']}: {reason}" if old else ""
        said = said or f"Due date set to {target['due']} (was undated): {reason}"
        add_update(data, path, {"date": day.isoformat(), "text": said})
    elif name == "assign":
        target["leads"] = list(args[0])
    elif name == "add":
        action_id, title, leads, due = args
        entry: dict[str, Any] = {"id": action_id, "title": title}
        if leads:
            entry["leads"] = list(leads)
        if due is not None:
            entry["due"] = str(parse_plan_date(due))
        if isinstance(target.get("actions"), list):
            target["actions"].append(entry)
        else:
            target["actions"] = [entry]


def run(text: str, command: tuple[Any, ...], ref: str) -> str:
    name, *args = command
    if name == "update":
        note, day, status, by = args
        return edits.update(text, ref, note=note, on=day, status=status, by=by)
    if name == "rate":
        return edits.rate(text, ref, args[0])
    if name == "complete":
        return edits.complete(text, ref, on=args[0], note=args[1])
    if name == "move":
        return edits.move(text, ref, due=args[0], reason=args[1], on=args[2])
    if name == "assign":
        return edits.assign(text, ref, leads=args[0])
    action_id, title, leads, due = args
    return edits.add_action(text, ref, id=action_id, title=title, leads=leads, due=due)


COMMANDS = st.one_of(
    st.tuples(
        st.just("update"), NOTE, DAYS, st.none() | st.sampled_from(STATUSES), st.none() | st.sampled_from(PEOPLE)
    ),
    st.tuples(st.just("rate"), st.sampled_from(STATUSES)),
    st.tuples(st.just("complete"), DAYS, st.none() | NOTE),
    st.tuples(st.just("move"), DUES, NOTE, DAYS),
    st.tuples(st.just("assign"), st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True)),
    st.tuples(
        st.just("add"),
        st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,6}", fullmatch=True),
        NOTE.filter(lambda t: len(t) <= 2000),
        st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True),
        st.none() | DUES,
    ),
)

_CHANGED_KEY = re.compile(r"^\s*(- )?(status|due|leads|updated|completed|updates|actions)\s*:|^\s*- ")


_HIDDEN_BREAK = re.compile("[\u0085\u2028\u2029]")

_LIST_ITEM = re.compile(r"^\s*- [^\s:#]+(\s+#.*)?\s*$")


def _comment_at(line: str) -> int | None:
    """Where a comment starts: the first " #" outside a quoted scalar (": #" in 'text' is no comment)."""
    quote = None
    for index, char in enumerate(line):
        if quote is None and char in "'\"" and (index == 0 or line[index - 1] in " [{,"):  # a quoted scalar starts
            quote = char
        elif char == quote:
            quote = None
        elif quote is None and char == "#" and index > 0 and line[index - 1] == " ":
            return index - 1
    return None


def assert_only_the_change(old: str, new: str, command: str) -> None:
    """No line of ``old`` is lost (but a lead in a block list ``assign`` replaces); a line that
    changed holds a key the command sets, its comment kept."""
    assert new.startswith("\ufeff") == old.startswith("\ufeff")
    if "\r\n" in old:
        assert "\n" not in new.replace("\r\n", ""), "a new line does not end CRLF like the file's"
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            lost = old_lines[i1:i2]
            assert command == "assign" and all(_LIST_ITEM.match(line) for line in lost), f"lines lost: {lost!r}"
        if tag != "replace":
            continue
        replaced = "".join(new_lines[j1:j2])
        for line in old_lines[i1:i2]:
            if (
                i2 == len(old_lines)
                and not line.endswith("\n")
                and line + ("\r\n" if "\r\n" in old else "\n") in new_lines[j1:j2]
            ):
                continue  # the file's unterminated last line, kept, gained the line break the lines after it need
            assert _CHANGED_KEY.match(line.lstrip("\ufeff")), f"an unrelated line changed: {line!r}"
            comment = _comment_at(line)
            if comment is not None:
                assert line[comment:].rstrip("\r\n") in replaced, f"a comment was lost: {line!r}"


def check_sequence(text: str, commands: list[tuple[Any, ...]], choose: Any) -> None:
    assert load_text(text.removeprefix("\ufeff"), "plan.yaml").problems == []
    for command in commands:
        before = read_yaml(text.removeprefix("\ufeff")).data
        tracked, parents = refs(before)
        pool = parents if command[0] == "add" else tracked
        if not pool:
            continue
        ref, path = choose(pool)
        expected = copy.deepcopy(before)
        expect(expected, command, path)
        try:
            new = run(text, command, ref)
        except EditError:
            continue  # asked wrongly (moving to the same date, a priority without status): nothing to check
        except InvalidEdit as refused:
            # Refused only for what would really be invalid: an id used twice or a title too long. Text
            # holding a line break editors do not show (U+2028...) is asked wrongly (EditError) above.
            assert command[0] == "add", str(refused)
            assert not any(isinstance(arg, str) and _HIDDEN_BREAK.search(arg) for arg in command), str(refused)
            continue
        loaded = load_text(new.removeprefix("\ufeff"), "plan.yaml")
        assert loaded.problems == [], loaded.problems
        assert read_yaml(new.removeprefix("\ufeff")).data == expected
        assert_only_the_change(text, new, command[0])
        text = new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=written_plans(), commands=st.lists(COMMANDS, min_size=1, max_size=5), data=st.data())
def test_any_commands_on_any_written_plan(text: str, commands: list[tuple[Any, ...]], data: st.DataObject) -> None:
    check_sequence(text, commands, lambda pool: data.draw(st.sampled_from(pool)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BUNDLED)), commands=st.lists(COMMANDS, min_size=1, max_size=3), data=st.data())
def test_any_commands_on_the_bundled_plans(name: str, commands: list[tuple[Any, ...]], data: st.DataObject) -> None:
    check_sequence(BUNDLED[name], commands, lambda pool: data.draw(st.sampled_from(pool)))
