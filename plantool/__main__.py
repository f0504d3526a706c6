"""``python -m plantool``: the same as the ``plantool`` command."""

from plantool.cli import main

main()
