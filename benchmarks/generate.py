"""Write a synthetic plans folder of N actions, in one of two shapes.

    python benchmarks/generate.py 10000 benchmarks/out/10k
    python benchmarks/generate.py --shape short 10000 benchmarks/out/10k-short

Half the actions sit under priorities of development plans, half under
findings of inspection plans. Plans hold at most 5,000 actions each (a real
plan holds a few dozen), so 100k actions are twenty files. The output is
deterministic for a given N and shape.

Two shapes, because the ratio to the parse floor depends on it:

- ``long`` (the default): each action has a 14-word title, two leads, a due
  date, a status and two updates of 30 words, about as dense as the bundled
  plans. Much of the file is long text, which costs a parser little per byte.
- ``short``: each action has a four-word title, one lead, a due date and a
  status, and no updates: many small values, where a tool's per-value cost
  (validation, positions, objects) shows. The floor is about half as long.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ACTIONS_PER_PLAN = 5_000
ACTIONS_PER_GROUP = 10
LEADS = [f"P{n:03d}" for n in range(200)]
STATUSES = ["GREEN", "AMBER", "RED", "BLUE", None]
WORDS = [
    "review",
    "strengthen",
    "embed",
    "deliver",
    "practice",
    "children",
    "families",
    "partnership",
    "audit",
    "quality",
    "training",
    "workforce",
    "recruitment",
    "placement",
    "sufficiency",
    "safeguarding",
    "early",
    "help",
    "plan",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


SHAPES = ("long", "short")


def action_lines(rng: random.Random, action_id: str, indent: str, shape: str = "long") -> list[str]:
    status = rng.choice(STATUSES)
    year, month = rng.choice([2023, 2024]), rng.randint(1, 12)
    if shape == "short":
        lines = [
            f'{indent}- id: "{action_id}"',
            f"{indent}  title: {sentence(rng, 4)}",
            f"{indent}  leads: [{rng.choice(LEADS)}]",
            f"{indent}  due: {year}-{month:02d}",
        ]
        return lines + ([f"{indent}  status: {status}"] if status else [])
    lines = [
        f'{indent}- id: "{action_id}"',
        f"{indent}  title: {sentence(rng, 14)}",
        f"{indent}  leads: [{rng.choice(LEADS)}, {rng.choice(LEADS)}]",
        f"{indent}  due: {year}-{month:02d}",
    ]
    if status:
        lines.append(f"{indent}  status: {status}")
    lines.append(f"{indent}  updates:")
    for update_month in (3, 5):
        lines += [
            f"{indent}    - date: 2023-{update_month:02d}",
            f"{indent}      text: >-",
            f"{indent}        {sentence(rng, 30)}",
        ]
    return lines


def plan_text(rng: random.Random, number: int, actions: int, shape: str = "long") -> str:
    development = number % 2 == 0
    plan_id = f"{'tdp' if development else 'ofsted'}-{number:03d}"
    lines = [
        "plan:",
        f"  id: {plan_id}",
        f"  title: Synthetic plan {number}",
        "  organisation: Benchmark Trust",
        "  period: {start: 2023-04-01, end: 2024-03-31}",
        "  updated: 2023-05-15",
        "priorities:" if development else "findings:",
    ]
    for group in range(0, actions, ACTIONS_PER_GROUP):
        size = min(ACTIONS_PER_GROUP, actions - group)
        group_no = group // ACTIONS_PER_GROUP + 1
        if development:
            lines += [f"  - id: SP{group_no}", f"    title: {sentence(rng, 8)}", "    actions:"]
            ids = [f"{group_no}.{n + 1}" for n in range(size)]
        else:
            lines += [
                f"  - id: finding-{group_no}",
                "    area: What needs to improve",
                f"    title: {sentence(rng, 8)}",
                "    finding: >-",
                f"      {sentence(rng, 40)}",
                "    actions:",
            ]
            ids = [str(n + 1) for n in range(size)]
        for action_id in ids:
            lines += action_lines(rng, action_id, "      ", shape)
    return "\n".join(lines) + "\n"


def people_text() -> str:
    lines = ["people:"]
    for lead in LEADS:
        lines += [f"  - id: {lead}", f"    name: Person {lead}", "    role: Lead"]
    return "\n".join(lines) + "\n"


def generate(total: int, folder: Path, shape: str = "long") -> None:
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; use one of {', '.join(SHAPES)}")
    rng = random.Random(total)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    (folder / "people.yaml").write_text(people_text(), encoding="utf-8")
    for number, start in enumerate(range(0, total, ACTIONS_PER_PLAN)):
        size = min(ACTIONS_PER_PLAN, total - start)
        (folder / f"plan-{number:03d}.yaml").write_text(plan_text(rng, number, size, shape), encoding="utf-8")


def main(argv: list[str]) -> int:
    shape = "long"
    if len(argv) >= 2 and argv[0] == "--shape":
        shape, argv = argv[1], argv[2:]
    if len(argv) != 2 or shape not in SHAPES:
        print("usage: generate.py [--shape long|short] N FOLDER", file=sys.stderr)
        return 2
    generate(int(argv[0]), Path(argv[1]), shape)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
