"""Presentation: the only layer that knows about terminals, colours and output formats.

One module per kind of output; each takes plain data from the core and
returns or prints text. User text reaches the terminal only as ``rich.text.Text``
(never inside markup) and after ``safe_text`` has neutralised control characters.
"""
