"""``python -m plantool``: the same as the ``plantool`` command."""

from plantool.launch import main

main()
