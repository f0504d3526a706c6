"""``plantool check [PATH...]``: the CI gate."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from plantool.cli.options import AsOfOption, DebugOption, OutputOpt, PlansOption
from plantool.render.formats import CheckFormat


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
    output: OutputOpt = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Print the rules with their default severities and exit.")
    ] = False,
    debug: DebugOption = False,
) -> int:
    """The CI gate: run the rules (overdue, unowned, unknown-lead, ...) and exit 1 when any fails."""
    import os

    from plantool.cli.common import Session, deliver
    from plantool.config import repository_root
    from plantool.problems import Severity
    from plantool.render.checks import FORMATS, CheckView, rules_text
    from plantool.rules import check_scope

    if list_rules:
        deliver(rules_text())
        return EXIT_OK
    session = Session.open(plans, as_of)
    scope = session.scope(paths or [])
    fail_on_level = Severity(fail_on.value)
    result = check_scope(scope, session.as_of, session.thresholds, session.settings.rules, rule or [], fail_on_level)
    view = CheckView(session.as_of, os.environ.get("GITHUB_WORKSPACE"), repository_root(session.folder))
    session.read += list(paths or ())  # a named path is an input too, even one that did not load: never -o's target
    session.deliver(FORMATS[format](result, view), output)
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
    return EXIT_PROBLEMS if result.failed else EXIT_OK
