"""Measure how fast plantool loads and validates a plans folder, against the bare C-parse floor.

    .venv/bin/python benchmarks/bench_load.py                 # 1k, 10k and 100k actions
    .venv/bin/python benchmarks/bench_load.py --sizes 1k,10k  # fewer sizes

Run by hand, never by pytest. For each size it writes a synthetic plans folder
with ``benchmarks/generate.py`` into ``benchmarks/out/<size>`` (gitignored),
then measures, each in a fresh subprocess of the venv's own interpreter
(``.venv/bin/python``, never a pyenv shim):

* **floor**: read every file and ``yaml.load(text, Loader=yaml.CSafeLoader)``
  it -- the least any YAML-reading tool must pay (libyaml's parser plus
  PyYAML's object construction);
* **floor, gc off**: the same with the garbage collector disabled, since
  plantool pauses the collector while loading (docs/decisions.md, "The collector") and
  the honest comparison gives the floor the same advantage;
* **plantool**: ``plantool.workspace.load_folder(folder)``: discovery, safe
  event-stream reading, pydantic validation, items and the cross-file checks.

Time is the wall time of the work alone inside the child (interpreter start
and imports excluded), best of ``--repeat`` runs (one run for a size whose
first run takes longer than ``--slow`` seconds). Memory is each child's peak
resident set size as the kernel reports it to the parent (``os.wait4``
rusage ``ru_maxrss``), so it includes the interpreter and its imports; the
RSS after imports is shown separately so the cost of the data itself can be
read off.

Start-up is the median wall time of ``.venv/bin/plantool --help`` and
``.venv/bin/plantool validate`` (on the bundled ``plans/``) over ten runs.

The result is a Markdown table on stdout, with the machine facts above it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
GENERATE = ROOT / "benchmarks" / "generate.py"
VENV_BIN = ROOT / ".venv" / "bin"
GOAL_RATIO = 1.5
GOAL_MB = 250

# The work each child does. It prints one JSON object: seconds of work, RSS
# after imports (before any work), and a few counts to prove the work was done.
CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path

kind, folder = sys.argv[1], Path(sys.argv[2])
if kind == "plantool":
    from plantool.workspace import load_folder
else:
    import yaml
    files = sorted(folder.glob("*.yaml"))
import_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if kind == "floor-gc-off":
    gc.disable()
start = time.perf_counter()
if kind == "plantool":
    workspace = load_folder(folder)
    seconds = time.perf_counter() - start
    counts = {"items": sum(1 for _ in workspace.items), "problems": len(workspace.problems)}
else:
    documents = [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for path in files]
    seconds = time.perf_counter() - start
    counts = {"files": len(documents)}
print(json.dumps({"seconds": seconds, "import_rss_kb": import_rss, **counts}))
"""

KINDS = ("floor", "floor-gc-off", "plantool")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    import_mb: float
    counts: dict[str, int]


def venv_python() -> Path:
    """The venv's interpreter itself: a pyenv shim would add its own start-up and could pick another Python."""
    python = VENV_BIN / "python"
    if not python.exists():
        sys.exit(f"no venv interpreter at {python}; create the venv first (see benchmarks/README.md)")
    return python


def measure(python: Path, kind: str, folder: Path) -> Run:
    """One fresh child; its peak RSS comes from the kernel via wait4, not from the child's own say-so."""
    process = subprocess.Popen(
        [str(python), "-c", CHILD, kind, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{kind} on {folder} failed ({process.returncode}):\n{err.decode(errors='replace')}")
    result = json.loads(out)
    counts = {k: v for k, v in result.items() if k not in ("seconds", "import_rss_kb")}
    return Run(result["seconds"], usage.ru_maxrss / 1024, result["import_rss_kb"] / 1024, counts)


def best_of(python: Path, kind: str, folder: Path, repeat: int, slow: float) -> Run:
    runs = [measure(python, kind, folder)]
    if runs[0].seconds <= slow:
        runs += [measure(python, kind, folder) for _ in range(repeat - 1)]
    best = min(runs, key=lambda run: run.seconds)
    best.peak_mb = max(run.peak_mb for run in runs)  # the worst peak is the honest one
    best.counts["runs"] = len(runs)
    return best


def startup(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def machine_facts(python: Path) -> list[str]:
    probe = subprocess.run(
        [str(python), "-c", "import sys, yaml; print(sys.version.split()[0], yaml.__version__, yaml.__with_libyaml__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    version, pyyaml, libyaml = probe.stdout.split()
    return [
        f"- nproc: {os.cpu_count()}",
        f"- machine: {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python: {version} ({python.relative_to(ROOT)})",
        f"- PyYAML: {pyyaml}, with libyaml: {'yes' if libyaml == 'True' else 'no'}",
        "- load average at start (1/5/15 min): {:.2f} / {:.2f} / {:.2f}".format(*os.getloadavg()),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated action counts (default: 1k,10k,100k)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept (default: 3)")
    parser.add_argument(
        "--slow", type=float, default=20.0, help="a first run slower than this many seconds is not repeated"
    )
    parser.add_argument("--startup-runs", type=int, default=10, help="runs per start-up measurement (default: 10)")
    args = parser.parse_args(argv)
    python = venv_python()
    sizes = [parse_size(size) for size in args.sizes.split(",")]
    facts = machine_facts(python)  # before the work, so the load average says how busy the machine was

    rows = []
    for size in sizes:
        folder = OUT / label(size)
        print(f"generating {size:,} actions in {folder.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([str(python), str(GENERATE), str(size), str(folder)], check=True)
        megabytes = sum(path.stat().st_size for path in folder.glob("*.yaml")) / 1e6
        runs = {}
        for kind in KINDS:
            print(f"  {kind} ...", file=sys.stderr)
            runs[kind] = best_of(python, kind, folder, args.repeat, args.slow)
        plantool = runs["plantool"]
        if plantool.counts["items"] != size or plantool.counts["problems"]:
            raise RuntimeError(f"plantool did not load {size:,} clean actions: {plantool.counts}")
        rows.append((size, megabytes, runs))

    help_s = startup([str(VENV_BIN / "plantool"), "--help"], args.startup_runs)
    validate_s = startup([str(VENV_BIN / "plantool"), "validate"], args.startup_runs)

    print("\n".join(facts))
    print()
    print(
        "| actions | YAML on disk | floor: CSafeLoader | floor, gc off | plantool load + validate "
        "| ratio to floor | ratio to floor, gc off | peak RSS floor | peak RSS floor, gc off | peak RSS plantool "
        "| RSS after imports (floor / plantool) | runs (floor / gc off / plantool) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, megabytes, runs in rows:
        floor, floor_off, plantool = runs["floor"], runs["floor-gc-off"], runs["plantool"]
        print(
            f"| {size:,} | {megabytes:.1f} MB | {floor.seconds:.2f} s | {floor_off.seconds:.2f} s "
            f"| {plantool.seconds:.2f} s | {plantool.seconds / floor.seconds:.2f}x "
            f"| {plantool.seconds / floor_off.seconds:.2f}x | {floor.peak_mb:.0f} MB | {floor_off.peak_mb:.0f} MB "
            f"| {plantool.peak_mb:.0f} MB | {floor.import_mb:.0f} / {plantool.import_mb:.0f} MB "
            f"| {floor.counts['runs']} / {floor_off.counts['runs']} / {plantool.counts['runs']} |"
        )
    print()
    print(f"| start-up (median of {args.startup_runs}) | wall time |")
    print("|---|---:|")
    print(f"| `plantool --help` | {help_s * 1000:.0f} ms |")
    print(f"| `plantool validate` (bundled `plans/`) | {validate_s * 1000:.0f} ms |")

    for size, _, runs in rows:
        if size == 10_000:
            ratio = runs["plantool"].seconds / runs["floor"].seconds
            peak = runs["plantool"].peak_mb
            verdict = "met" if ratio <= GOAL_RATIO and peak < GOAL_MB else "NOT met"
            print(
                f"\nGoal at 10k actions (within {GOAL_RATIO}x of the floor, under {GOAL_MB} MB): {verdict} "
                f"({ratio:.2f}x, {peak:.0f} MB)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
