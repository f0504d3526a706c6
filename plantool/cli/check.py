"""``plantool check [PATH...]``: the CI gate."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Only report problems in these files or folders (people files are still read from the plans folder).",
            show_default=False,
        ),
    ] = None,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", help="text, json, github (workflow commands) or junit (XML).")
    ] = CheckFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 on errors only, or on warnings too.")
    ] = FailOn.error,
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="Run only this rule; repeatable.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to FILE instead of stdout.", show_default=False),
    ] = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Print the rules with their default severities and exit.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """The CI gate: run the rules (overdue, unowned, unknown-lead, ...) and exit 1 when any fails."""
    from plantool.render import checks as render

    if list_rules:
        typer.echo(render.rules_text(), nl=False)
        raise typer.Exit(EXIT_OK)

    from plantool.cli.common import as_of as resolve_as_of
    from plantool.cli.common import plans_folder
    from plantool.config import load_settings
    from plantool.judgements import Thresholds
    from plantool.problems import Severity
    from plantool.rules import RULE_IDS, RULES, Context, run_rules
    from plantool.scope import load_scope

    settings = load_settings(known_rules=RULE_IDS)
    day = resolve_as_of(as_of)
    scope = load_scope(paths or [], plans_folder(plans, settings))
    thresholds = Thresholds(settings.due_soon_days, settings.stale_days)
    only = list(rule or ())
    problems = []
    for workspace in scope.workspaces:
        problems += scope.select(run_rules(Context(workspace, day, thresholds), settings.rules, only))
    threshold = Severity(fail_on.value)
    if format is CheckFormat.json:
        import json

        text = json.dumps(render.check_json(problems, day), indent=2, ensure_ascii=False) + "\n"
    elif format is CheckFormat.github:
        text = render.check_github(problems, day)
    elif format is CheckFormat.junit:
        ran = (
            [r.id for r in RULES if r.id in only]
            if only
            else [r.id for r in RULES if settings.rules.get(r.id) != "off"]
        )
        text = render.check_junit(problems, day, threshold, ran)
    else:
        text = render.check_text(problems, day)
    if output is not None:
        from plantool.problems import PlantoolError

        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise PlantoolError(f"cannot write {output}: {error.strerror or error}") from None
    else:
        typer.echo(text, nl=False)
    failing = any(p.severity is Severity.ERROR or threshold is Severity.WARNING for p in problems)
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)
