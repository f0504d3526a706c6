"""Measure ``plantool diff`` over two revisions of a large plans folder, against the bare C-parse floor of both.

    .venv/bin/python benchmarks/bench_diff.py                  # 10k actions
    .venv/bin/python benchmarks/bench_diff.py --sizes 1k,10k   # more sizes

Run by hand, never by pytest. For each size it builds a temporary git
repository: ``benchmarks/generate.py`` writes the plans, a first commit holds
them, then about 5% of the actions are changed (a later due date on every
20th action, RED on every 40th, a new update on every 60th) and committed
again. Each measurement runs in a fresh subprocess of the venv's own
interpreter, timing the work alone (interpreter start and imports excluded),
best of ``--repeat`` runs:

* **floor**: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every plan file
  of *both* revisions, read from disk (the two revisions exported to plain
  folders beforehand): the least any tool comparing the two must pay;
* **floor, gc off**: the same with the garbage collector disabled, since
  plantool pauses it while loading;
* **diff HEAD~1 HEAD**: ``plantool.gitrev.compare(plans, "HEAD~1", "HEAD")``,
  everything ``plantool diff`` does before rendering: resolving both
  revisions, ``git ls-tree`` and ``git cat-file --batch``, safe loading and
  validation of both sides, the comparison, and the log of commits between;
* **diff HEAD~1 (working tree)**: the same against the working tree
  (``load_folder`` for the second side), the command's default form.

The goal (issue 7): the diff within 2.5x of the floor at 10,000 actions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
GOAL_RATIO = 2.5

CHILD = r"""
import gc, json, sys, time
from pathlib import Path

kind, repo = sys.argv[1], Path(sys.argv[2])
if kind.startswith("floor"):
    import yaml
    files = sorted((repo.parent / "before").glob("*.yaml")) + sorted((repo.parent / "after").glob("*.yaml"))
else:
    from plantool.gitrev import compare
if kind == "floor-gc-off":
    gc.disable()
start = time.perf_counter()
if kind.startswith("floor"):
    documents = [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for path in files]
    seconds = time.perf_counter() - start
    counts = {"files": len(documents)}
else:
    import os
    os.chdir(repo)
    diff = compare(Path("plans"), "HEAD~1", "HEAD" if kind == "diff-revisions" else None)
    seconds = time.perf_counter() - start
    counts = {"changes": len(diff.changes), "problems": len(diff.before.problems) + len(diff.after.problems)}
print(json.dumps({"seconds": seconds, **counts}))
"""

KINDS = ("floor", "floor-gc-off", "diff-revisions", "diff-worktree")
LABELS = {
    "floor": "floor: CSafeLoader, both revisions",
    "floor-gc-off": "floor, gc off",
    "diff-revisions": "`compare(HEAD~1, HEAD)`",
    "diff-worktree": "`compare(HEAD~1)` (working tree)",
}


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
    }
    env |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env).stdout


_ACTION = re.compile(r'^(\s*)- id: "')


def modify(text: str, counter: list[int]) -> str:
    """Change about 5% of the actions: a later due date, a RED status, a new update (``counter`` runs across files)."""
    out: list[str] = []
    indent = None
    for line in text.splitlines():
        match = _ACTION.match(line)
        if match:
            counter[0] += 1
            indent = match.group(1) + "  "
        number = counter[0]
        if indent is not None and line.startswith(indent + "due: ") and number % 20 == 0:
            year, month = map(int, line.split("due: ")[1].split("-"))
            line = f"{indent}due: {year + (month + 2) // 12}-{(month + 2) % 12 + 1:02d}"
        elif indent is not None and line.startswith(indent + "status: ") and number % 40 == 0:
            line = f"{indent}status: RED"
        out.append(line)
        if indent is not None and line.startswith(indent + "updates:") and number % 60 == 0:
            out += [f"{indent}  - date: 2024-01", f"{indent}    text: A new update from the January round."]
    return "\n".join(out) + "\n"


def build(size: int, work: Path, python: Path) -> tuple[Path, float]:
    repo = work / "repo"
    plans = repo / "plans"
    subprocess.run([str(python), str(GENERATE), str(size), str(plans)], check=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Plans as generated")
    shutil.copytree(plans, work / "before")
    counter = [0]
    for path in sorted(plans.glob("plan-*.yaml")):
        path.write_text(modify(path.read_text(encoding="utf-8"), counter), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "About 5% of actions changed")
    shutil.copytree(plans, work / "after")
    megabytes = sum(p.stat().st_size for folder in ("before", "after") for p in (work / folder).glob("*.yaml")) / 1e6
    return repo, megabytes


def measure(python: Path, kind: str, repo: Path) -> dict[str, float]:
    done = subprocess.run([str(python), "-c", CHILD, kind, str(repo)], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{done.stderr}")
    timings: dict[str, float] = json.loads(done.stdout)
    return timings


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--sizes", default="10k", help="comma-separated action counts (default: 10k)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best is kept (default: 5)")
    args = parser.parse_args(argv)
    if not VENV_PYTHON.exists():
        sys.exit(f"no venv interpreter at {VENV_PYTHON}")
    facts = [
        f"- nproc: {os.cpu_count()}",
        f"- machine: {platform.machine()}, {platform.system()} {platform.release()}",
        f"- {git(ROOT, 'version').strip()}",
        "- load average at start (1/5/15 min): {:.2f} / {:.2f} / {:.2f}".format(*os.getloadavg()),
    ]
    rows = []
    for size in (parse_size(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="plantool-bench-diff-") as temp:
            print(f"building a repository of {size:,} actions ...", file=sys.stderr)
            repo, megabytes = build(size, Path(temp), VENV_PYTHON)
            best = {}
            for kind in KINDS:
                print(f"  {kind} ...", file=sys.stderr)
                runs = [measure(VENV_PYTHON, kind, repo) for _ in range(args.repeat)]
                best[kind] = min(runs, key=lambda run: run["seconds"])
            for kind in ("diff-revisions", "diff-worktree"):
                if best[kind]["problems"] or not best[kind]["changes"]:
                    raise RuntimeError(f"{kind} did not compare cleanly: {best[kind]}")
            rows.append((size, megabytes, best))

    print("\n".join(facts))
    print()
    print(
        "| actions | YAML, both revisions | "
        + " | ".join(LABELS[k] for k in KINDS)
        + " | ratio | ratio, gc off | changes |"
    )
    print("|---:|---:|" + "---:|" * (len(KINDS) + 3))
    for size, megabytes, best in rows:
        floor, floor_off, diff = best["floor"]["seconds"], best["floor-gc-off"]["seconds"], best["diff-revisions"]
        times = " | ".join(f"{best[k]['seconds']:.2f} s" for k in KINDS)
        print(
            f"| {size:,} | {megabytes:.1f} MB | {times} | {diff['seconds'] / floor:.2f}x "
            f"| {diff['seconds'] / floor_off:.2f}x | {int(diff['changes']):,} |"
        )
    for size, _, best in rows:
        if size == 10_000:
            ratio = best["diff-revisions"]["seconds"] / best["floor"]["seconds"]
            verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
            print(
                f"\nGoal at 10k actions (diff within {GOAL_RATIO}x of the floor of both revisions): {verdict} ({ratio:.2f}x)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
