"""Whole-command timings against their floors, measured in the same run (run by hand, never by pytest).

    .venv/bin/python benchmarks/bench_cli.py [RUNS]

Every figure is the median wall time of RUNS fresh processes (default 7),
started through the venv's own interpreter and console script (a pyenv shim
would add ~70 ms to each). Output goes to /dev/null, as when piped.

- bundled floor: a process that imports typer, rich, pydantic and yaml and
  C-parses the bundled plans; ``plantool status`` on them is compared with it.
- 10k floor: a process that C-parses the 10,000-action synthetic plans
  (``yaml.load`` with ``CSafeLoader``); ``status`` and ``list`` are compared with it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANTOOL = str(BIN / "plantool")
PYTHON = str(BIN / "python")
TEN_K = ROOT / "benchmarks" / "out" / "10k"

_PARSE = (
    "import sys, yaml\n"
    "from pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)
_IMPORTS = "import typer, yaml\nfrom pydantic import BaseModel\nfrom rich.console import Console\nfrom rich.table import Table\n"


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 7
    if not TEN_K.is_dir():
        subprocess.run([PYTHON, str(ROOT / "benchmarks" / "generate.py"), "10000", str(TEN_K)], check=True)
    as_of = ["--as-of", "2023-06-01"]
    rows = []

    floor = median_seconds([PYTHON, "-c", _IMPORTS + _PARSE, str(ROOT / "plans")], runs)
    status = median_seconds([PLANTOOL, "status", *as_of], runs)
    rows.append(("status, bundled plans", floor, status, 1.3))

    floor = median_seconds([PYTHON, "-c", _PARSE, str(TEN_K)], runs)
    for command in ("status", "list"):
        seconds = median_seconds([PLANTOOL, command, "--plans", str(TEN_K), *as_of], runs)
        rows.append((f"{command}, 10,000 actions", floor, seconds, 1.5))

    help_seconds = median_seconds([PLANTOOL, "--help"], runs)

    print("| command | floor (s) | plantool (s) | ratio | goal |\n|---|---:|---:|---:|---:|")
    for name, base, seconds, goal in rows:
        print(f"| {name} | {base:.3f} | {seconds:.3f} | {seconds / base:.2f}x | {goal}x |")
    print(f"| `plantool --help` | | {help_seconds * 1000:.0f} ms | | 100 ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
