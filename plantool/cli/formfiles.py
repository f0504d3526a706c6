"""Writing a round's forms into a folder: every file whole or not at all, and last month's forms never overwritten by accident."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from plantool.forms import Form, form_file_name
from plantool.problems import PlantoolError
from plantool.safeio import write_output


def write_forms(forms: Sequence[Form], folder: Path, format: str, *, force: bool) -> list[Path]:
    """Write each form as ``<lead>.<format>`` in ``folder``; refuse before writing any if one would be replaced.

    A folder of forms is where returned forms tend to be saved too, so replacing a
    file there could lose a lead's answers: that takes ``--force``.
    """
    if format == "xlsx":
        from plantool.render.forms import form_xlsx as render_xlsx

        def render(form: Form) -> bytes:
            return render_xlsx(form)
    else:
        from plantool.render.forms import form_csv

        def render(form: Form) -> bytes:
            # With a byte order mark, Excel reads the CSV as UTF-8 (and not the machine's code page).
            return ("\ufeff" + form_csv(form)).encode("utf-8")

    targets = [folder / form_file_name(form, f".{format}") for form in forms]
    _check_names(targets)
    _make_folder(folder)
    existing = [target for target in targets if os.path.lexists(target)]
    if existing and not force:
        names = ", ".join(target.name for target in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise PlantoolError(
            f"{folder} already has {len(existing)} of these forms ({names}); they may be returned forms "
            "not yet collected. Write into a new folder, or add --force to replace them"
        )
    for form, target in zip(forms, targets, strict=True):
        write_output(target, render(form))  # atomic; never through a link, never onto a folder or a FIFO
        lines = len(form.lines)
        sys.stderr.write(f"plantool: wrote {target} ({lines} action{'' if lines == 1 else 's'})\n")
    return targets


def _check_names(targets: Sequence[Path]) -> None:
    """Two leads whose ids differ only in case would share one file on Windows and macOS."""
    seen: dict[str, Path] = {}
    for target in targets:
        other = seen.setdefault(target.name.casefold(), target)
        if other is not target:
            raise PlantoolError(f"leads {other.stem!r} and {target.stem!r} would share one file; use --lead for each")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise PlantoolError(f"cannot make {folder}: its parent folder does not exist") from None
    except OSError as error:
        raise PlantoolError(f"cannot make {folder}: {error.strerror or error}") from None
    if not folder.is_dir():
        raise PlantoolError(f"{folder} is not a folder")
