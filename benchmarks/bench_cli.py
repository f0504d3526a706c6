"""Whole-command timings against their floors, measured in the same run (run by hand, never by pytest).

    .venv/bin/python benchmarks/bench_cli.py                 # 7 rounds
    .venv/bin/python benchmarks/bench_cli.py --rounds 11 --size 10000 --taskwarrior

Every figure is the median wall time of fresh processes, started through the
venv's own interpreter and console script (a pyenv shim would add ~70 ms to
each); output goes to /dev/null, as when piped. The rounds are *interleaved*:
each round runs every measurement once, in turn, so a burst of load from
something else on the machine lands on all of them alike rather than on
whichever happened to run then. Beside the wall time the table gives the
child's CPU time (user + system, from ``wait4``), which a busy machine
disturbs far less, and the ratios are of CPU time. Peak memory is the worst
``ru_maxrss`` the kernel reports for any run of a measurement.

Floors (``benchmarks/floor_app.py``): a one-command Typer app with six
options, importing pydantic, rich and yaml.

- *floor*: that app C-parsing the same files (``yaml.load`` with
  ``CSafeLoader``, collector on), the least any Typer tool reading them pays;
- *floor, nothing to parse*: the same app given no files; a warm run, whose
  files are already in the cache, is compared with this.

Columns for plantool: *cold* (the cache switched off with
``PLANTOOL_NO_CACHE=1``) and *warm* (a cache folder filled by an earlier run,
files unchanged). Both data shapes of ``generate.py`` are measured: long
actions (many words per value) and short ones (many small values).

With ``--taskwarrior`` (and ``task`` on the PATH) the same actions are
imported into a scratch Taskwarrior database and ``task +OVERDUE count`` is
timed beside ``plantool overdue``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANTOOL = str(BIN / "plantool")
PYTHON = str(BIN / "python")
OUT = ROOT / "benchmarks" / "out"
FLOOR_APP = str(ROOT / "benchmarks" / "floor_app.py")
AS_OF = "2023-06-01"


@dataclass
class Measure:
    """One command line, run once per round; its times and peak memories across rounds."""

    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def run(self) -> None:
        environment = {**os.environ, "PLANTOOL_TODAY": AS_OF, **self.env}
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment
        )
        _, _, usage = os.wait4(process.pid, 0)
        self.times.append(time.perf_counter() - start)
        self.peaks_mb.append(usage.ru_maxrss / 1024)
        self.cpus.append(usage.ru_utime + usage.ru_stime)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system) of the child: steadier than wall time on a busy machine."""
        return statistics.median(self.cpus)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_mb)


def folder_for(size: int, shape: str) -> Path:
    folder = OUT / (f"{size // 1000}k" if size % 1000 == 0 else str(size))
    folder = folder.with_name(folder.name + ("" if shape == "long" else f"-{shape}"))
    if not (folder / "people.yaml").exists():
        subprocess.run([PYTHON, str(ROOT / "benchmarks" / "generate.py"), "--shape", shape, str(size), str(folder)])
    return folder


def taskwarrior_data(plans: Path, target: Path) -> dict[str, str]:
    """A Taskwarrior database holding one pending task per action (due date, project, tags), and the env to use it."""
    env = {"TASKDATA": str(target / "data"), "TASKRC": str(target / "taskrc")}
    if (target / "data" / "pending.data").exists():
        return env
    shutil.rmtree(target, ignore_errors=True)
    (target / "data").mkdir(parents=True)
    (target / "taskrc").write_text(f"data.location={target / 'data'}\nconfirmation=off\nverbose=nothing\n")
    batch = target / "import.json"
    # The plans are loaded in a child: loaded here, they would stay in this process, and every
    # measured child forked from it would start with this process's memory as its peak RSS.
    subprocess.run([PYTHON, __file__, "--tasks-from", str(plans), str(batch)], check=True, cwd=ROOT)
    subprocess.run(["task", "import", str(batch)], env={**os.environ, **env}, check=True, capture_output=True)
    return env


def write_tasks(plans: Path, batch: Path) -> None:
    """One Taskwarrior task per action of ``plans`` (due date, project, status), as ``task import`` reads them."""
    sys.path.insert(0, str(ROOT))
    from plantool.workspace import load_folder

    tasks = []
    for item in load_folder(plans).items:
        task = {"description": item.title, "project": item.plan.id, "status": "pending", "entry": "20230401T000000Z"}
        if item.due is not None:
            task["due"] = item.due.end.strftime("%Y%m%dT000000Z")
        if item.complete:
            task["status"] = "completed"
            task["end"] = "20230501T000000Z"
        tasks.append(task)
    batch.write_text(json.dumps(tasks))


def build(args: argparse.Namespace) -> list[Measure]:
    cache = OUT / "bench-cache"
    cold = {"PLANTOOL_NO_CACHE": "1"}
    warm = {"XDG_CACHE_HOME": str(cache)}
    measures = [
        Measure("floor, bundled plans", [PYTHON, FLOOR_APP, "--plans", "plans"]),
        Measure("floor, nothing to parse", [PYTHON, FLOOR_APP]),
        Measure("status, bundled plans: cold", [PLANTOOL, "status"], cold),
        Measure("status, bundled plans: warm", [PLANTOOL, "status"], warm),
        Measure("check --list-rules", [PLANTOOL, "check", "--list-rules"]),
        Measure("--help", [PLANTOOL, "--help"]),
    ]
    for shape in args.shapes.split(","):
        plans = folder_for(args.size, shape)
        label = f"{args.size:,} {shape}"
        measures.append(Measure(f"floor, {label}", [PYTHON, FLOOR_APP, "--plans", str(plans)]))
        for command in (["check", "--format", "json"], ["status"], ["list"], ["overdue"]):
            line = [PLANTOOL, *command, "--plans", str(plans)]
            name = " ".join(command)
            measures.append(Measure(f"{name}, {label}: cold", line, cold))
            measures.append(Measure(f"{name}, {label}: warm", line, warm))
        if args.taskwarrior and shutil.which("task"):
            env = taskwarrior_data(plans, OUT / f"task-{label.replace(',', '').replace(' ', '-')}")
            measures.append(Measure(f"task +OVERDUE count, {label}", ["task", "+OVERDUE", "count"], env))
    shutil.rmtree(cache, ignore_errors=True)
    for measure in measures:  # fill the warm runs' cache before timing anything
        if "XDG_CACHE_HOME" in measure.env:
            measure.run()
            measure.times.clear()
            measure.peaks_mb.clear()
            measure.cpus.clear()
    return measures


def table(measures: list[Measure], rounds: int) -> str:
    def find(name: str) -> Measure | None:
        return next((m for m in measures if m.name == name), None)

    lines = [
        f"median of {rounds} interleaved rounds; load average at the end: "
        + " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "",
        "| measurement | median wall | median CPU | peak RSS | vs floor (CPU) | vs floor, nothing to parse (CPU) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    empty = find("floor, nothing to parse")
    for measure in measures:
        label = measure.name.split(": ")[0].split(", ", 1)[-1]
        floor = find(f"floor, {label}")
        ratio = f"{measure.cpu / floor.cpu:.2f}x" if floor and floor is not measure else ""
        bare = f"{measure.cpu / empty.cpu:.2f}x" if empty and measure is not empty else ""
        lines.append(
            f"| {measure.name} | {measure.median * 1000:.0f} ms | {measure.cpu * 1000:.0f} ms "
            f"| {measure.peak_mb:.0f} MB | {ratio} | {bare} |"
        )
    return "\n".join(lines)


def compiled(*folders: Path) -> None:
    """Byte-compile ``folders`` first, as an installed package is.

    With ``PYTHONDONTWRITEBYTECODE`` set (some shells and CI images set it) and no
    ``__pycache__`` yet, every run would compile plantool's sources again: tens of
    milliseconds a run that no installed plantool pays.
    """
    import compileall

    for folder in folders:
        compileall.compile_dir(str(folder), quiet=1)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--tasks-from"]:
        write_tasks(Path(argv[1]), Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default: 7)")
    parser.add_argument("--size", type=int, default=10_000, help="actions in the synthetic plans (default: 10000)")
    parser.add_argument("--shapes", default="long,short", help="data shapes of generate.py (default: long,short)")
    parser.add_argument("--only", default="", help="only measurements whose name contains this text")
    parser.add_argument("--taskwarrior", action="store_true", help="also time Taskwarrior's +OVERDUE count")
    args = parser.parse_args(argv)
    compiled(ROOT / "plantool", ROOT / "benchmarks")
    measures = build(args)
    if args.only:
        measures = [m for m in measures if args.only in m.name or m.name.startswith("floor")]
    for round_number in range(args.rounds):
        print(f"round {round_number + 1} of {args.rounds}", file=sys.stderr)
        for measure in measures:
            measure.run()
    print(table(measures, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
