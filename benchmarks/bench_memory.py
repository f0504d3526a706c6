"""What a loaded plans folder keeps in memory, by the line that made it (run by hand).

    .venv/bin/python benchmarks/bench_memory.py benchmarks/out/10k [--top 12]

Loads the folder once to warm up (imports, pydantic's schemas, the memos that
outlive a load), then again under ``tracemalloc``, and prints the memory the
second load's objects still take once the collector has run: the workspace
and everything it keeps alive, and nothing of what loading dropped. The
lines that made the most of it follow, largest first. Also prints the CPU
time of the second load (``tracemalloc`` slows it; time ``bench_load.py``
or ``bench_ab.py`` for speed).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc

from plantool.workspace import load_folder


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--top", type=int, default=12, help="how many lines to list")
    options = parser.parse_args(argv)
    load_folder(options.folder)
    gc.collect()
    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    started = time.process_time()
    workspace = load_folder(options.folder)
    took = time.process_time() - started
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    stats = after.compare_to(before, "lineno")
    kept = sum(stat.size_diff for stat in stats)
    items = sum(len(plan.items) for plan in workspace.plans)
    print(f"{options.folder}: {items:,} items, {len(workspace.problems)} problems")
    print(f"kept {kept / 1e6:.1f} MB ({kept / max(items, 1):,.0f} bytes per item); load {took:.2f} s CPU")
    for stat in stats[: options.top]:
        frame = stat.traceback[0]
        print(f"  {stat.size_diff / 1e6:6.2f} MB {stat.count_diff:9,d} blocks  {frame.filename}:{frame.lineno}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
