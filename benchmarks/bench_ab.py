"""Before and after: the same commands from two checkouts of plantool, interleaved (run by hand).

    .venv/bin/python benchmarks/bench_ab.py BEFORE_DIR AFTER_DIR [--rounds 9] -- status --plans benchmarks/out/10k

``BEFORE_DIR`` and ``AFTER_DIR`` are source trees (``git worktree add /tmp/before HEAD~1``);
each run is ``python -P -c 'from plantool.cli import main; main()' ARGS`` with that tree
first on ``PYTHONPATH``, so both use the same interpreter and dependencies. Rounds
alternate the two, so load from elsewhere on the machine falls on both alike. Prints
the median wall time, the median CPU time of the child (user + system, less
disturbed by other work than wall time) and the worst peak RSS of each.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time

_RUN = "import sys; sys.argv[0] = 'plantool'; from plantool.cli import main; main()"


def run(tree: str, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    environment = {**os.environ, **env, "PYTHONPATH": tree}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-P", "-c", _RUN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for both sides; repeatable")
    split = argv.index("--") if "--" in argv else len(argv)
    options = parser.parse_args(argv[:split])
    args = argv[split + 1 :]
    env = dict(item.split("=", 1) for item in options.env)
    for tree in (options.before, options.after):
        compileall.compile_dir(os.path.join(tree, "plantool"), quiet=1)  # as installed: no source compiled per run
    results: dict[str, list[tuple[float, float, float]]] = {options.before: [], options.after: []}
    for _ in range(options.rounds):
        for tree in results:
            results[tree].append(run(tree, args, env))
    print(f"plantool {' '.join(args)}  ({options.rounds} interleaved rounds; load {os.getloadavg()[0]:.1f})")
    medians = {}
    for label, tree in (("before", options.before), ("after", options.after)):
        runs = results[tree]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[label] = (wall, cpu)
        print(
            f"  {label:<6} wall {wall * 1000:7.0f} ms   cpu {cpu * 1000:7.0f} ms   peak {max(r[2] for r in runs):5.0f} MB"
        )
    (wall_b, cpu_b), (wall_a, cpu_a) = medians["before"], medians["after"]
    print(f"  change wall {100 * (wall_a / wall_b - 1):+.0f}%   cpu {100 * (cpu_a / cpu_b - 1):+.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
