"""``plantool check [PATH...]``: the CI gate."""

from __future__ import annotations

import os
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

    from plantool.cli.common import as_of as judged_on
    from plantool.cli.common import deliver, inputs, loading, plans_cache, plans_folder, thresholds
    from plantool.config import load_settings
    from plantool.problems import Severity
    from plantool.rules import RULE_IDS, check_scope
    from plantool.scope import load_scope

    settings = load_settings(known_rules=RULE_IDS)
    day = judged_on(as_of)
    with loading():
        scope = load_scope(
            paths or [],
            plans_folder(plans, settings),
            financial_year_start=settings.financial_year_start,
            cache=plans_cache(settings),
        )
    result = check_scope(scope, day, thresholds(settings), settings.rules, list(rule or ()))
    fail_level = Severity(fail_on.value)
    renderers = {
        CheckFormat.text: lambda: render.check_text(result.problems, day),
        CheckFormat.json: lambda: render.check_json_text(result.problems, day),
        CheckFormat.github: lambda: render.check_github(result.problems, day, os.environ.get("GITHUB_WORKSPACE")),
        CheckFormat.junit: lambda: render.check_junit(
            result.problems, day, fail_level, result.rules, repository_root(plans_folder(plans, settings))
        ),
    }
    read = [file for workspace in scope.workspaces for file in workspace.files]
    deliver(renderers[format]().encode("utf-8"), output, [*inputs(read, settings), *(paths or ())])
    # Said on stderr so no format's output changes: a gate that passes is only worth
    # something if it saw the plans.
    if result.files == 0:
        typer.echo("plantool: warning: no plan or people files were found to check", err=True)
    if result.unread:
        typer.echo(
            f"plantool: warning: {result.unread} file(s) did not load and the 'invalid' rule was not run; "
            "their actions were not checked",
            err=True,
        )
    raise typer.Exit(EXIT_PROBLEMS if result.failed(fail_level) else EXIT_OK)


def repository_root(folder: Path) -> str | None:
    """The root of the git repository that holds ``folder`` (the nearest folder above with a ``.git``), or None.

    GitLab names a JUnit test case's file by its path in the repository, wherever the job runs from;
    finding ``.git`` needs no git and costs a few ``stat`` calls.
    """
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None
