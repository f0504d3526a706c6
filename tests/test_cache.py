"""The warm cache: same answers as a cold load, a changed byte always a miss, and nothing it reads can hurt."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plantool.cache import FORMAT, Cache, cache_folder, open_cache
from plantool.cli import app
from plantool.loader import load_bytes
from plantool.workspace import Workspace, load_folder

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "plans"

BROKEN_PLAN = """\
plan:
  id: broken
  title: A plan with problems
priorities:
  - id: SP1
    title: One
    actions:
      - id: "1.1"
        title: Lead nobody knows
        leads: [NOBODY]
        due: 2023-13
      - id: "1.2"
        title: Fine
        due: 2023-05
        status: green
        colour: red
"""

SMALL_PLAN = """\
plan:
  id: small
  title: Small
priorities:
  - id: SP1
    title: One
    actions:
      - id: "1.1"
        title: Write the strategy
        due: 2023-05
        status: AMBER
"""


def _cache(tmp_path: Path, settings: dict[str, object] | None = None) -> Cache:
    cache = open_cache({"XDG_CACHE_HOME": str(tmp_path / "xdg")}, settings)
    assert cache is not None
    return cache


def _entries(cache: Cache) -> list[Path]:
    return sorted(cache.folder.glob("*.entry"))


def _same(cold: Workspace, warm: Workspace) -> None:
    """Everything a command reads: every model field, every position, every problem."""
    assert warm.problems == cold.problems
    assert warm.files == cold.files
    assert [plan.file for plan in warm.plans] == [plan.file for plan in cold.plans]
    for cold_item, warm_item in zip(cold.items, warm.items, strict=True):
        assert warm_item.ref == cold_item.ref
        assert warm_item.tracked.__dict__ == cold_item.tracked.__dict__  # the fields and the position tables
        assert warm_item.tracked.model_fields_set == cold_item.tracked.model_fields_set
        assert (warm_item.due, warm_item.status, warm_item.leads) == (cold_item.due, cold_item.status, cold_item.leads)
        assert [u.__dict__ for u in warm_item.updates] == [u.__dict__ for u in cold_item.updates]
    assert [(path, p.__dict__) for path, p in warm.people.persons] == [
        (path, p.__dict__) for path, p in cold.people.persons
    ]


def test_a_warm_load_of_the_bundled_plans_is_the_cold_load(tmp_path: Path) -> None:
    cold = load_folder(BUNDLED)
    filled = load_folder(BUNDLED, cache=_cache(tmp_path))
    cache = _cache(tmp_path)
    assert len(_entries(cache)) == 3
    warm = load_folder(BUNDLED, cache=cache)
    assert cache.written == 0  # every file came from the cache
    _same(cold, filled)
    _same(cold, warm)
    assert warm.plans[0].file.model_dump() == cold.plans[0].file.model_dump()


def _places(workspace: Workspace) -> list[tuple[str, tuple[int, int], list[tuple[int, int]]]]:
    """Every model's place and each of its fields' (and each lead's), in order."""
    from pydantic import BaseModel

    from plantool.models import Located

    found: list[tuple[str, tuple[int, int], list[tuple[int, int]]]] = []

    def walk(model: Located) -> None:
        fields = [model.position_of(name, index) for name in type(model).model_fields for index in (None, 0, 1)]
        found.append((type(model).__name__, (model.line, model.col), fields))
        for name in type(model).model_fields:
            value = getattr(model, name)
            for inner in value if isinstance(value, list) else [value]:
                if isinstance(inner, BaseModel):
                    walk(inner)

    for plan in workspace.plans:
        walk(plan.file)
    for _, person in workspace.people.persons:
        walk(person)
    return found


def test_a_warm_load_keeps_every_position_of_the_cold_one(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    (plans / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")  # a salvaged model's positions too
    cold = load_folder(plans)
    load_folder(plans, cache=_cache(tmp_path))
    cache = _cache(tmp_path)
    warm = load_folder(plans, cache=cache)
    assert cache.written == 0
    places = _places(cold)
    assert any(place != (0, 0) for _, place, _ in places)
    assert _places(warm) == places
    assert warm.problems == cold.problems


def test_a_file_with_problems_is_cached_with_them_at_its_own_path(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    shutil.copy(BUNDLED / "people.yaml", plans / "people.yaml")
    cold = load_folder(plans)
    assert cold.problems
    load_folder(plans, cache=_cache(tmp_path))
    # The same bytes under another name: one entry, the problems named for the file read.
    moved = tmp_path / "elsewhere"
    shutil.copytree(plans, moved)
    warm = load_folder(moved, cache=_cache(tmp_path))
    assert [(p.line, p.col, p.message) for p in warm.problems] == [(p.line, p.col, p.message) for p in cold.problems]
    _same(load_folder(moved), warm)
    assert all("elsewhere" in p.path for p in warm.problems)


def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "small.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    assert next(load_folder(plans, cache=_cache(tmp_path)).items).status.value == "AMBER"
    before = plan.stat()
    plan.write_text(SMALL_PLAN.replace("AMBER", "GREEN"), encoding="utf-8")
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (plan.stat().st_size, plan.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    warm = load_folder(plans, cache=_cache(tmp_path))
    assert next(warm.items).status.value == "GREEN"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=0, max_value=len(SMALL_PLAN) - 1), letter=st.sampled_from("aZ7 :-\n"))
def test_any_one_byte_edit_loads_as_a_cold_load_would(tmp_path: Path, offset: int, letter: str) -> None:
    plans = tmp_path / "one-byte"
    shutil.rmtree(plans, ignore_errors=True)
    plans.mkdir()
    plan = plans / "small.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    load_folder(plans, cache=_cache(tmp_path))
    edited = SMALL_PLAN[:offset] + letter + SMALL_PLAN[offset + 1 :]
    plan.write_text(edited, encoding="utf-8")
    _same(load_folder(plans), load_folder(plans, cache=_cache(tmp_path)))


def test_the_financial_year_start_is_part_of_the_key(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "small.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    load_folder(plans, cache=_cache(tmp_path), financial_year_start=4)
    load_folder(plans, cache=_cache(tmp_path), financial_year_start=1)
    assert len(_entries(_cache(tmp_path))) == 2


def test_settings_and_the_loading_code_are_part_of_the_key(tmp_path: Path) -> None:
    data = SMALL_PLAN.encode()
    assert _cache(tmp_path, {"due_soon_days": 30}).key(data) != _cache(tmp_path, {"due_soon_days": 31}).key(data)
    assert _cache(tmp_path).key(data) != _cache(tmp_path).key(data + b"\n")


def test_every_plantool_module_the_loading_code_imports_is_part_of_the_key() -> None:
    # A module split out of one in the key (positions from yamlread) must join it, or a change to
    # it would read old entries under new rules. fswords only words the problems of a file that
    # could not be read, which are never cached.
    import ast

    from plantool.cache import _LOADING_MODULES

    keyed = {module.__name__ for module in _LOADING_MODULES}
    imported = set()
    for module in _LOADING_MODULES:
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("plantool."):
                imported.add(node.module)
    assert imported - {"plantool.fswords"} <= keyed, sorted(imported - keyed)


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"not a cache entry at all" * 100,
        lambda blob: FORMAT + b"\x00" * 32,
    ],
    ids=["empty", "truncated", "one-bit", "garbage", "header-only"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path: Path, damage: object) -> None:
    cold = load_folder(BUNDLED)
    load_folder(BUNDLED, cache=_cache(tmp_path))
    for entry in _entries(_cache(tmp_path)):
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    cache = _cache(tmp_path)
    _same(cold, load_folder(BUNDLED, cache=cache))
    assert cache.written > 0  # the misses were filled again
    _same(cold, load_folder(BUNDLED, cache=_cache(tmp_path)))


def test_an_entry_naming_a_class_that_is_not_plantools_is_a_miss(tmp_path: Path) -> None:
    # A well-formed entry (right header, right checksum) that asks for something else to be built.
    cache = _cache(tmp_path)
    data = SMALL_PLAN.encode()
    for payload in (
        (b"M", "Path", (), {}),
        (b"M", "BaseModel", (), {}),
        (b"V", "Thresholds", (30, 90)),
        (b"E", "Enum", "x"),
    ):
        encoded = marshal.dumps((payload, None, ()))
        blob = FORMAT + hashlib.blake2b(encoded, digest_size=32).digest() + encoded
        (cache.folder / (cache.key(data) + ".entry")).write_bytes(blob)
        os.chmod(cache.folder / (cache.key(data) + ".entry"), 0o600)
        assert cache.get(data, "small.yaml") is None


def test_the_folder_is_private_and_an_open_one_is_not_used(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    assert cache.folder == tmp_path / "xdg" / "plantool"
    assert stat.S_IMODE(cache.folder.stat().st_mode) == 0o700
    load_folder(BUNDLED, cache=cache)
    assert all(stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0 for entry in _entries(cache))
    os.chmod(cache.folder, 0o777)
    assert open_cache({"XDG_CACHE_HOME": str(tmp_path / "xdg")}) is None
    os.chmod(cache.folder, 0o700)
    assert open_cache({"XDG_CACHE_HOME": str(tmp_path / "xdg")}) is not None


def test_an_entry_others_can_write_or_another_user_owns_is_not_read(tmp_path: Path) -> None:
    data = SMALL_PLAN.encode()
    cache = _cache(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "small.yaml").write_bytes(data)
    cache.put(data, load_bytes(data, "small.yaml"))
    entry = cache.folder / (cache.key(data) + ".entry")
    assert cache.get(data, "small.yaml") is not None
    os.chmod(entry, 0o666)
    assert cache.get(data, "small.yaml") is None
    os.chmod(entry, 0o600)
    if os.getuid() == 0:  # only root can give a file away
        os.chown(entry, 65534, 65534)
        assert cache.get(data, "small.yaml") is None
        os.chown(entry, os.getuid(), os.getgid())
    # An entry that is a link, even to a good entry of the user's own, is not followed.
    elsewhere = tmp_path / "elsewhere.entry"
    entry.rename(elsewhere)
    assert cache.get(data, "small.yaml") is None
    entry.symlink_to(elsewhere)
    assert cache.get(data, "small.yaml") is None


def test_a_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "plantool").symlink_to(real)
    assert open_cache({"XDG_CACHE_HOME": str(tmp_path / "xdg")}) is None


def test_the_folder_follows_xdg_and_falls_back_to_home() -> None:
    assert cache_folder({"XDG_CACHE_HOME": "/c", "HOME": "/h"}) == Path("/c/plantool")
    assert cache_folder({"XDG_CACHE_HOME": "relative", "HOME": "/h"}) == Path("/h/.cache/plantool")
    assert cache_folder({"HOME": "/h"}) == Path("/h/.cache/plantool")


def test_the_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    load_folder(BUNDLED, cache=cache)
    entries = _entries(cache)
    for age, entry in enumerate(entries):
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    keep = entries[-1].stat().st_size
    cache.tidy(limit=keep)
    assert _entries(cache) == [entries[-1]]
    stale = cache.folder / ".tmp-dead"
    stale.write_bytes(b"half an entry")
    os.utime(stale, (1_000_000, 1_000_000))
    cache.tidy(limit=keep)
    assert not stale.exists()


def test_processes_filling_the_cache_at_once_leave_whole_entries(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    probe = (
        "import os, sys\n"
        "from plantool.cache import open_cache\n"
        "from plantool.workspace import load_folder\n"
        "w = load_folder(sys.argv[1], cache=open_cache(os.environ))\n"
        "print(sum(1 for _ in w.items), len(w.problems))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", probe, str(BUNDLED)], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1
    cache = _cache(tmp_path)
    assert len(_entries(cache)) == 3
    assert not list(cache.folder.glob(".tmp-*"))
    warm = load_folder(BUNDLED, cache=cache)
    assert cache.written == 0
    _same(load_folder(BUNDLED), warm)


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def test_commands_answer_the_same_warm_as_cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    (plans / "broken.yaml").write_text(BROKEN_PLAN, encoding="utf-8")
    day = ["--as-of", "2023-06-01", "--plans", str(plans)]
    commands = [
        ["status", "--format", "json", *day],
        ["list", "--format", "csv", *day],
        ["check", "--format", "json", *day],
        ["validate", "--format", "json", "--plans", str(plans)],
        ["show", "tdp-2023-24/1.1", *day],
    ]
    cold = [_run("--no-cache", *command) for command in commands]
    assert not (tmp_path / "xdg" / "plantool").exists() or not list((tmp_path / "xdg" / "plantool").iterdir())
    filling = [_run(*command) for command in commands]
    warm = [_run(*command) for command in commands]
    assert filling == cold
    assert warm == cold
    assert json.loads(warm[2][1])["problems"]


def test_no_cache_by_environment_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    code, _ = _run("status", "--plans", str(BUNDLED), env={"PLANTOOL_NO_CACHE": "1"})
    assert code == 0
    assert not (tmp_path / "xdg" / "plantool").exists()
    code, _ = _run("status", "--plans", str(BUNDLED))
    assert code == 0
    assert len(list((tmp_path / "xdg" / "plantool").glob("*.entry"))) == 3


def test_an_unusable_cache_folder_never_stops_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    code, out = _run("status", "--format", "json", "--plans", str(BUNDLED), "--as-of", "2023-06-01")
    assert code == 0
    assert json.loads(out)
