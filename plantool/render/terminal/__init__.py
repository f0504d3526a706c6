"""Terminal output: the only part of plantool that imports rich.

Each module draws one command's result on a rich ``Console``; ``console.drawn`` runs the
drawing and hands back the text (with colour codes on a terminal, plain when piped), so
terminal output leaves through ``deliver`` like every other format.
"""
