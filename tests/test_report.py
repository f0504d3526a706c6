"""The board report: its data (``plantool.report``), its HTML checked structurally, its Markdown against a golden file.

The fixture plans in ``tests/golden/report/plans`` are fictional and hostile
on purpose: a title holding ``<script>``, a lead named in HTML, pipes in a
priority's title, formulas, and an update whose lines look like iCalendar.
Set ``PLANTOOL_UPDATE_GOLDEN=1`` to rewrite the golden files after a
deliberate change, then read the diff before committing it.
"""

from __future__ import annotations

import itertools
import re
import shutil
import sys
from collections.abc import Callable
from datetime import date
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import assert_golden
from plantool.changes import Change, Diff, Direction, Kind, Revision, Value
from plantool.cli import app
from plantool.judgements import Thresholds
from plantool.problems import PlantoolError, Problem
from plantool.queries import Counts
from plantool.render import html, report_md, report_text
from plantool.render.html import report_html
from plantool.render.report_md import report_markdown
from plantool.render.style import STATUS_WORD
from plantool.render.svg import PALETTE, contrast, doughnut, stacked_bar
from plantool.report import Report, build_report, segments
from plantool.workspace import Workspace, load_folder

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "report"
FIXTURE = GOLDEN / "plans"
FIXTURE_ARG = "tests/golden/report/plans"  # relative, so file names in the output do not depend on the checkout
AS_OF = date(2024, 10, 15)


@pytest.fixture(scope="module")
def fixture_report() -> Report:
    return build_report(load_folder(FIXTURE), AS_OF)


@pytest.fixture()
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


# ---------------------------------------------------------------------------
# Chart geometry


def _counts(by_status: dict[str, int]) -> Counts:
    counts = Counts()
    counts.by_status.update(by_status)
    return counts


def test_segments_lay_statuses_end_to_end_in_key_order() -> None:
    result = segments(_counts({"UNRATED": 1, "GREEN": 2, "RED": 1, "AMBER": 0}))
    assert [(s.status, s.count) for s in result] == [("GREEN", 2), ("RED", 1), ("UNRATED", 1)]
    assert [s.start for s in result] == [0.0, 0.5, 0.75]
    assert result[-1].start + result[-1].share == 1.0
    assert segments(Counts()) == ()


def test_svg_charts_are_escaped_and_say_what_they_show() -> None:
    parts = segments(_counts({"GREEN": 3, "AMBER": 1}))
    bar = stacked_bar(parts, 'P1 <script>alert("x")</script> & more')
    assert "<script>" not in bar
    assert "&lt;script&gt;" in bar
    assert 'role="img"' in bar and "3 GREEN, 1 AMBER" in bar
    ring = doughnut(parts, "All actions", total=4)
    assert ring.count("<circle") == 3  # the track and one per status
    assert ">4<" in ring
    assert stacked_bar((), "empty").count("<rect") == 1
    # Reproducible: numbers are rounded, so the same input draws the same bytes.
    assert doughnut(parts, "All actions", total=4) == ring


@pytest.mark.parametrize("status", list(PALETTE))
def test_status_colours_pass_wcag_aa_for_their_text(status: str) -> None:
    fill, ink = PALETTE[status]
    assert contrast(fill, ink) >= 4.5


# ---------------------------------------------------------------------------
# The report's data


PLAN = """
    plan: {id: p, title: Plan P, organisation: Org, updated: 2024-09}
    priorities:
      - id: SP1
        title: First
        actions:
          - {id: "1", title: Red one, leads: [AB], due: 2024-12, status: RED}
          - {id: "2", title: Late one, leads: [AB], due: 2024-08, status: AMBER}
          - {id: "3", title: Later one, leads: [AB], due: 2024-09-30}
          - {id: "4", title: Nobody's, due: 2025-01}
          - id: "5"
            title: Old news
            leads: [DCS]
            due: 2025-01
            updates: [{date: 2024-03, text: Started.}]
          - {id: "6", title: Done, due: 2024-01, status: BLUE, completed: 2024-01-10}
    findings:
      - id: f
        area: Area A
        title: A finding
        finding: The finding text.
        leads: [AB]
        due: 2025-03
        updates: [{date: 2024-09, text: On the finding.}]
        actions:
          - {id: "1", title: Inherits}
          - id: "2"
            title: Has its own
            updates: [{date: 2024-10-10, text: Its own.}]
"""
PEOPLE = """
    people:
      - {id: AB, name: Asha Bell, aliases: [DCS]}
"""


@pytest.fixture()
def small_report(make_workspace: Callable[..., Workspace]) -> Report:
    workspace = make_workspace(("plans/p.yaml", PLAN), ("plans/people.yaml", PEOPLE))
    return build_report(workspace, AS_OF)


@pytest.mark.parametrize(
    ("organisations", "header"),
    [
        ([], ""),
        (["Org A"], "Org A"),
        (["Org A", "Org B"], "Org A and Org B"),
        (["Org A", "Org B", "Org C", "Org D"], "Org A, Org B, Org C and Org D"),  # never "A and B and C"
    ],
)
def test_organisations_are_listed_as_a_reader_lists_them(
    make_workspace: Callable[..., Workspace], organisations: list[str], header: str
) -> None:
    plans = [
        (f"plans/p{n}.yaml", f"plan: {{id: p{n}, title: Plan {n}, organisation: {name}}}\npriorities: []\n")
        for n, name in enumerate(organisations)
    ]
    report = build_report(
        make_workspace(*plans, ("plans/none.yaml", "plan: {id: z, title: Z}\npriorities: []\n")), AS_OF
    )
    assert report_text.organisations(report) == header
    if header:
        assert f'<p class="org">{header}</p>' in report_html(report)


def test_exceptions_worst_first_with_reasons(small_report: Report) -> None:
    refs = [row.ref for row in small_report.exceptions]
    # RED first; then overdue, longest first; then stale; then no lead. BLUE never.
    assert refs == ["p/1", "p/2", "p/3", "p/5", "p/4"]
    kinds = {row.ref: [r.kind for r in row.reasons] for row in small_report.exceptions}
    assert kinds == {"p/1": ["red"], "p/2": ["overdue"], "p/3": ["overdue"], "p/5": ["stale"], "p/4": ["unowned"]}
    overdue = small_report.exceptions[1].reasons[0]
    assert (overdue.since, overdue.days) == (date(2024, 8, 31), 45)
    assert small_report.exception_counts == {"red": 1, "overdue": 2, "stale": 1, "unowned": 1}


def test_counts_and_geometry_follow_the_rows(small_report: Report) -> None:
    assert small_report.counts.total == 8
    assert small_report.counts.by_status == {"GREEN": 0, "AMBER": 1, "RED": 1, "BLUE": 1, "UNRATED": 5}
    assert sum(s.count for s in small_report.segments) == 8
    (plan,) = small_report.plans
    assert [bar.id for bar in plan.bars] == ["SP1", "Area A"]
    assert [s.count for s in plan.bars[0].segments] == [1, 1, 1, 3]


def test_leads_by_name_with_aliases_folded(small_report: Report) -> None:
    rows = {row.ref: row for row in small_report.rows}
    assert [lead.name for lead in rows["p/5"].leads] == ["Asha Bell"]
    assert rows["p/5"].leads[0].id == "AB"
    assert rows["p/4"].leads == ()


def test_a_findings_update_is_shown_once_with_the_finding(small_report: Report) -> None:
    (plan,) = small_report.plans
    (area,) = plan.areas
    (finding,) = area.groups
    assert area.title == "Area A"
    assert finding.finding_text == "The finding text."
    assert [u.text for u in finding.updates] == ["On the finding."]
    inherits, own = finding.rows
    assert inherits.latest_update is not None and own.latest_update is not None
    assert inherits.latest_update.from_finding and inherits.latest_update.text == "On the finding."
    assert not own.latest_update.from_finding and own.latest_update.text == "Its own."


def test_unknown_plan_is_a_usage_error(make_workspace: Callable[..., Workspace]) -> None:
    workspace = make_workspace(("plans/p.yaml", PLAN), ("plans/people.yaml", PEOPLE))
    with pytest.raises(PlantoolError, match="no plan 'q'"):
        build_report(workspace, AS_OF, plan="q")
    assert [p.id for p in build_report(workspace, AS_OF, plan="p").plans] == ["p"]


def test_anchors_are_unique(fixture_report: Report) -> None:
    anchors = [row.anchor for row in fixture_report.rows]
    anchors += [plan.anchor for plan in fixture_report.plans]
    assert len(anchors) == len(set(anchors))


CLASHING = """
    plan: {id: p, title: Plan P, updated: 2024-09}
    priorities:
      - id: S.1
        title: Dotted
        actions:
          - {id: "1.4", title: Dotted action, due: 2024-01}
          - {id: "1-4", title: Dashed action, due: 2024-02, status: RED}
      - id: S-1
        title: Dashed
        actions: []
"""


def test_rows_made_twice_say_the_same_and_clashing_ids_stay_put(make_workspace: Callable[..., Workspace]) -> None:
    """An exception's row and its plan's row are made separately, each when read: both must be the same row."""
    report = build_report(make_workspace(("plans/p.yaml", CLASHING)), AS_OF)
    (plan,) = report.plans
    rows = list(report.rows)
    # References that slug alike get numbered ids, in the page's order, however often they are read.
    assert [row.anchor for row in rows] == ["action-p-1-4", "action-p-1-4-2"]
    assert [row.anchor for row in report.rows] == ["action-p-1-4", "action-p-1-4-2"]
    assert [group.anchor for group in plan.priorities] == ["priority-p-s-1", "priority-p-s-1-2"]
    assert [row.ref for row in report.exceptions] == ["p/1-4", "p/1.4"]  # RED first
    assert list(report.exceptions) == [rows[1], rows[0]]
    assert report.exceptions[0] == rows[1] and report.exceptions[-1] == rows[0]
    assert list(report.exceptions[1:]) == [rows[0]] and len(report.exceptions) == 2
    assert plan.has_priorities and not plan.has_areas
    parsed = Page()
    parsed.feed(report_html(report))
    links = [a["href"] for tag, a, _ in parsed.tags if tag == "a" and str(a.get("href")).startswith("#action-")]
    assert links == ["#action-p-1-4-2", "#action-p-1-4"]
    assert set(parsed.rows) == {"action-p-1-4", "action-p-1-4-2"}


def test_the_page_comes_in_pieces_that_join_to_the_whole(
    fixture_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole_html, whole_markdown = report_html(fixture_report), report_markdown(fixture_report)
    monkeypatch.setattr(report_text, "CHUNK", 1000)  # both forms are handed over by report_text.in_pieces
    pieces = list(html.html_chunks(fixture_report))
    assert "".join(pieces) == whole_html
    # Each piece: CHUNK characters or more, by at most the template's last piece (a chart, the style sheet).
    assert len(pieces) > 10 and all(len(piece) >= 1000 for piece in pieces[:-1])
    assert max(len(piece) for piece in pieces) < 5000 < len(whole_html) / 5
    pieces = list(report_md.markdown_chunks(fixture_report))
    assert "".join(pieces) == whole_markdown
    assert len(pieces) > 5 and all(1000 <= len(piece) < 2000 and piece.endswith("\n") for piece in pieces[:-1])


# ---------------------------------------------------------------------------
# HTML, parsed


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A small DOM summary: every start tag with its attributes and ancestors, and each row's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.rows: dict[str, str] = {}
        self._open_rows: list[tuple[str, int]] = []
        self.style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes, tuple(self.stack)))
        if tag == "tr" and attributes.get("id"):
            self._open_rows.append((str(attributes["id"]), len(self.text)))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._open_rows and self.stack and self.stack[-1] == "tr":
            anchor, start = self._open_rows.pop()
            self.rows[anchor] = " ".join(" ".join(self.text[start:]).split())
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.style += data
        else:
            self.text.append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def page(fixture_report: Report) -> Page:
    parsed = Page()
    parsed.feed(report_html(fixture_report))
    parsed.close()
    return parsed


def test_every_action_is_present_with_its_title_and_status_in_words(page: Page, fixture_report: Report) -> None:
    rows = list(fixture_report.rows)
    assert len(rows) == 13
    for row in rows:
        text = page.rows[row.anchor]
        assert " ".join(row.title.split()) in text
        assert STATUS_WORD[row.status] in text
        for lead in row.leads:
            assert lead.name in text
    badges = [
        (a.get("class") or "") for tag, a, _ in page.tags if tag == "span" and "status-" in (a.get("class") or "")
    ]
    assert {badge.split("status-")[1] for badge in badges} == set(PALETTE)


def test_no_script_and_nothing_fetched_from_anywhere(page: Page) -> None:
    fetching = {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source", "base", "form"}
    assert not [tag for tag, _, _ in page.tags if tag in fetching]
    for tag, attributes, _ in page.tags:
        for name in ("src", "srcset", "data", "poster", "action", "formaction", "background", "xlink:href"):
            assert name not in attributes, (tag, name)
        href = attributes.get("href")
        assert href is None or href.startswith("#"), (tag, href)
    assert "url(" not in page.style and "@import" not in page.style
    csp = [a for tag, a, _ in page.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0].get("content") or "")


def test_plan_text_is_escaped_not_obeyed(page: Page) -> None:
    text = page.all_text()
    assert '<script>alert("title")</script> & "quotes" in a title' in text
    assert '<b>Bold</b> & <script>alert("lead")</script>' in text
    assert "Workforce <stability> & practice" in text
    assert not [tag for tag, _, _ in page.tags if tag in {"b", "stability"}]


def test_internal_links_all_land(page: Page) -> None:
    ids = {a["id"] for _, a, _ in page.tags if a.get("id")}
    links = [a["href"] for _, a, _ in page.tags if a.get("href")]
    assert links
    assert all(str(link)[1:] in ids for link in links)


def test_headings_nest_without_skipping_a_level(page: Page) -> None:
    levels = [int(tag[1]) for tag, _, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_tables_have_captions_and_scoped_headers(page: Page) -> None:
    tables = sum(1 for tag, _, _ in page.tags if tag == "table")
    captions = sum(1 for tag, _, _ in page.tags if tag == "caption")
    assert tables and captions == tables
    for tag, attributes, ancestors in page.tags:
        if tag == "th":
            expected = "col" if "thead" in ancestors else "row"
            assert attributes.get("scope") == expected, (attributes, ancestors[-3:])


def test_language_and_charset_are_declared(page: Page) -> None:
    html = next(a for tag, a, _ in page.tags if tag == "html")
    assert html.get("lang") == "en-GB"
    assert any(tag == "meta" and a.get("charset") == "utf-8" for tag, a, _ in page.tags)


def test_text_colours_pass_wcag_aa_on_the_page_backgrounds(page: Page) -> None:
    variables = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", page.style))
    for name in ("ink", "muted", "link", "overdue", "soon"):
        for background in ("#ffffff", variables["shade"]):
            assert contrast(variables[name], background) >= 4.5, (name, background)


def test_print_stylesheet_for_a4_with_whole_rows_and_a_page_per_plan(page: Page) -> None:
    style = " ".join(page.style.split())
    assert "@page { size: A4;" in style
    assert re.search(r"@media print \{.*tr, [^{]*\{ break-inside: avoid;", style)
    assert re.search(r"section\.plan[^{]*\{ break-before: page;", style)
    assert "thead { display: table-header-group; }" in style


def test_the_same_plans_give_the_same_bytes(fixture_report: Report) -> None:
    again = build_report(load_folder(FIXTURE), AS_OF)
    assert report_html(again) == report_html(fixture_report)


def _change(ref: str, kind: Kind, before: Value, after: Value, title: str = "", **more: Any) -> Change:
    return Change(ref, kind, before, after, title, ref.split("/", 1)[0], "plans/x.yaml", 1, **more)


def _diff(*changes: Change, problems: tuple[Problem, ...] = ()) -> Diff:
    return Diff(Revision("v1.0", None, problems), Revision("working tree", None), list(changes))


def test_since_last_report_is_shown_only_when_given(fixture_report: Report) -> None:
    assert "Since the last report" not in report_html(fixture_report)
    assert "Since the last report" not in report_markdown(fixture_report)
    diff = _diff(
        _change(
            "example-dev/1.3", Kind.STATUS, "AMBER", "RED", "Reduce agency social workers", direction=Direction.WORSE
        ),
        _change("example-dev/1.2", Kind.DUE, "2024-10-31", "2024-11-10", slip_days=10),
        _change("example-dev/9.9", Kind.ADDED, None, {"status": None, "due": None, "leads": ()}, "<i>new</i>"),
        _change("other/1", Kind.STATUS, "AMBER", "GREEN", direction=Direction.BETTER),
    )
    workspace = load_folder(FIXTURE)
    with_changes = build_report(workspace, AS_OF, since="v1.0", diff=diff)
    assert with_changes.changes == tuple(diff.changes)  # the diff's own changes, worded by the renderers
    html = report_html(with_changes)
    assert "Since the last report (v1.0)" in html
    assert '<td class="flag">Status: AMBER → RED</td>' in html
    assert '<td class="flag">Due date: 2024-10-31 → 2024-11-10 (+10 days)</td>' in html
    assert "<td>Status: AMBER → GREEN</td>" in html  # better news is not flagged
    assert "&lt;i&gt;new&lt;/i&gt;" in html and "<i>new</i>" not in html
    markdown = report_markdown(with_changes)
    assert "## Since the last report (v1.0)" in markdown
    assert "| **Status: AMBER → RED** |" in markdown
    one_plan = build_report(workspace, AS_OF, plan="example-dev", since="v1.0", diff=diff)
    assert [change.ref for change in one_plan.changes or ()] == [
        "example-dev/1.3",
        "example-dev/1.2",
        "example-dev/9.9",
    ]
    nothing = build_report(workspace, AS_OF, since="HEAD", diff=_diff())
    assert "No changes to the plans since the last report." in report_html(nothing)
    unread = Problem("plans/broken.yaml", 3, 1, "could not parse")
    not_read = build_report(workspace, AS_OF, since="HEAD", diff=_diff(problems=(unread,)))
    assert "| plans/broken.yaml |   | **Not read: line 3: could not parse (what it holds" in report_markdown(not_read)


def test_load_errors_are_admitted_in_the_report(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("plan: {id: x, title: X}\npriorities: [\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(
        "plan: {id: good, title: Good}\npriorities: [{id: P, title: P, actions: [{id: '1', title: One}]}]\n",
        encoding="utf-8",
    )
    report = build_report(load_folder(tmp_path), AS_OF)
    assert report.load_errors == 1
    assert "may leave something out" in report_html(report)
    assert "may leave something out" in report_markdown(report)


def test_a_folder_with_no_plans_still_reports(tmp_path: Path) -> None:
    shutil.copy(FIXTURE / "people.yaml", tmp_path / "people.yaml")
    report = build_report(load_folder(tmp_path), AS_OF)
    assert report.counts.total == 0 and len(report.exceptions) == 0 and report.plans == ()
    assert "No action is RED, overdue, stale or without a lead." in report_html(report)
    assert "0 actions." in report_markdown(report)


@pytest.mark.parametrize(("count", "total", "expected"), [(1, 8, "13%"), (5, 14, "36%"), (1, 3, "33%"), (0, 0, "–")])
def test_shares_round_halves_up(count: int, total: int, expected: str) -> None:
    assert report_text.share(count, total) == expected


def test_bundled_plans_render() -> None:
    report = build_report(load_folder(ROOT / "plans"), date(2023, 10, 1), Thresholds())
    parsed = Page()
    parsed.feed(report_html(report))
    assert len(parsed.rows) == sum(1 for _ in report.rows) > 100
    assert "Ofsted" in report_markdown(report)


def test_the_template_ships_in_the_wheel() -> None:
    """An editable install finds the template anyway; a wheel has it only when pyproject.toml lists it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    assert (ROOT / "plantool" / "render" / "templates" / "report.html.j2").is_file()
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings.get("tool", {}).get("setuptools", {}).get("package-data", {}).get("plantool.render", [])
    assert any(fnmatch("templates/report.html.j2", pattern) for pattern in patterns), patterns


# ---------------------------------------------------------------------------
# The command


def test_markdown_report_matches_golden(in_repo: None) -> None:
    result = run("report", "--plans", FIXTURE_ARG, "--as-of", AS_OF.isoformat(), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert_golden("report/report.md", result.stdout)


def test_html_report_matches_golden(in_repo: None) -> None:
    # The page as the template drew it whole, before rows were made in Python and the page
    # handed over in pieces: the golden file was written by that code, and must not drift.
    result = run("report", "--plans", FIXTURE_ARG, "--as-of", AS_OF.isoformat(), "--format", "html")
    assert result.exit_code == 0, result.output
    assert_golden("report/report.html", result.stdout)


def test_html_report_to_a_file_with_format_from_its_suffix(in_repo: None, tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    result = run("report", "--plans", FIXTURE_ARG, "--as-of", AS_OF.isoformat(), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert 'Position as of <time datetime="2024-10-15">15 October 2024</time>' in text
    markdown = tmp_path / "board.md"
    assert run("report", "--plans", FIXTURE_ARG, "--as-of", "2024-10-15", "-o", str(markdown)).exit_code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# Improvement plans")


def test_report_for_one_plan_with_a_title(in_repo: None) -> None:
    result = run("report", "--plans", FIXTURE_ARG, "--as-of", "2024-10-15", "--plan", "example-inspection",
                 "--format", "markdown", "--title", "Board, 21 October")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Board, 21 October\n")
    assert "example-dev/" not in result.stdout


def test_report_usage_errors_exit_2(in_repo: None, tmp_path: Path) -> None:
    result = run("report", "--plans", FIXTURE_ARG, "--plan", "nope")
    assert result.exit_code == 2
    assert "no plan 'nope'" in result.stderr
    result = run("report", "--plans", FIXTURE_ARG, "-o", str(tmp_path / "missing" / "board.html"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert run("report", "--plans", FIXTURE_ARG, "--format", "pdf").exit_code == 2
