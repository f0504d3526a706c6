"""What a write command costs beside ``plantool status`` (run by hand, never by pytest).

    .venv/bin/python benchmarks/bench_write.py               # 11 rounds
    .venv/bin/python benchmarks/bench_write.py --rounds 21

The goal (docs/keeping-current.md): a write on the bundled plans costs no more
than ``plantool status`` plus one file write. Both commands run on a scratch
copy of the bundled plans, in fresh processes through the venv's own console
script, output to /dev/null, rounds interleaved (each round runs every
measurement once, so a burst of load elsewhere lands on all of them alike);
the figure is the median. The copy is restored before each write, outside the
timing, so every run makes the same change. "One file write" is measured in
process: ``safeio.replace`` of the Development Plan with one changed line
(temporary file, fsync, read back, rename, folder fsync).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANTOOL = str(Path(sys.executable).parent / "plantool")
AS_OF = "2023-06-14"

COMMANDS = {
    "status": ["status"],
    "update --dry-run": ["update", "1.4", "--note", "Pilot started.", "--status", "green", "--by", "JT", "--dry-run"],
    "update": ["update", "1.4", "--note", "Pilot started.", "--status", "green", "--by", "JT"],
    "move": ["move", "2.3", "--due", "2024-06", "--reason", "Budget not agreed."],
}


def one_file_write(plans: Path, rounds: int) -> float:
    sys.path.insert(0, str(ROOT))
    from plantool import safeio

    path = plans / "tdp-2023-24.yaml"
    original = path.read_bytes()
    changed = original.replace(b"updated: 2023-05", b"updated: 2023-06")
    times = []
    for index in range(rounds):
        snap = safeio.snapshot(path)
        start = time.perf_counter()
        safeio.replace(snap, changed if index % 2 == 0 else original)
        times.append(time.perf_counter() - start)
    path.write_bytes(original)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        plans = Path(scratch) / "plans"
        shutil.copytree(ROOT / "plans", plans)
        pristine = {path.name: path.read_bytes() for path in plans.iterdir()}
        environment = {**os.environ, "PLANTOOL_TODAY": AS_OF}
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for round_number in range(args.rounds):
            # A new value each round makes every status an output-cache miss (the key holds every
            # PLANTOOL_* variable): the yardstick is status working its answer out, as after an edit.
            environment["PLANTOOL_BENCH_ROUND"] = str(round_number)
            for name, command in COMMANDS.items():
                for file, data in pristine.items():
                    (plans / file).write_bytes(data)
                start = time.perf_counter()
                done = subprocess.run(
                    [PLANTOOL, *command, "--plans", str(plans)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    env=environment,
                    cwd=scratch,
                )
                times[name].append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed: {done.stderr.decode()}")
        write = one_file_write(plans, args.rounds)
    status = statistics.median(times["status"])
    print(f"rounds: {args.rounds}; one file write (safeio.replace, in process): {write * 1000:.1f} ms")
    print("| command | median | against status + one write |")
    print("|---|---:|---:|")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"| `plantool {name}` | {median * 1000:.0f} ms | {median / (status + write):.2f}x |")


if __name__ == "__main__":
    main()
