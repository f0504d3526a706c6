"""Where every value of one file stands, packed small: one number per position, one table per file.

A loaded model can say where each of its fields stood in the file (``Located.position_of``),
so a problem found long after reading (an unknown lead, an overdue action) still points at
``path:line:col``. A table of ``(line, col)`` pairs per mapping cost a third of what a loaded
plan kept in memory; this keeps the same facts in one flat array of 64-bit numbers per file:

- a *position* is ``line << 32 | col``, both counted from 0 as the parser counts them;
- each mapping or list has an *entry* of consecutive numbers, found by its *base* (the
  index of its first number): its own position, then a header, then one number per value
  (a mapping's values in file order, a list's items in order);
- a mapping's header is ``-(layout + 1)``, where ``layouts[layout]`` maps each of its keys
  to its value's place; mappings with the same keys in the same order share one layout;
  a list's header is its length;
- a value's number is its position, or ``-(base + 1)`` when the value is itself a mapping
  or a list, which then stands where its own entry says.

So a model needs only the store and its mapping's base (``models.Located``). The reader
(``yamlread``) fills the store in the same pass that builds the data.
"""

from __future__ import annotations

from array import array

NOWHERE = (0, 0)
"""The position of something the store does not know (a model built in Python rather than loaded)."""

_COL_BITS = 32
_COL_MASK = (1 << _COL_BITS) - 1


def pack(line: int, col: int) -> int:
    """A position from the parser's 0-based line and column."""
    return line << _COL_BITS | col


def unpack(position: int) -> tuple[int, int]:
    """The 1-based ``(line, col)`` people read, from a packed position."""
    return (position >> _COL_BITS) + 1, (position & _COL_MASK) + 1


class PositionStore:
    """One file's positions; see the module docstring for how they are laid out."""

    __slots__ = ("layouts", "numbers")

    def __init__(self, numbers: array[int] | None = None, layouts: list[dict[str, int]] | None = None) -> None:
        self.numbers: array[int] = numbers if numbers is not None else array("q")
        self.layouts: list[dict[str, int]] = layouts if layouts is not None else []

    def start(self, base: int) -> tuple[int, int]:
        """Where the mapping or list at ``base`` starts."""
        return unpack(self.numbers[base])

    def where(self, number: int) -> tuple[int, int]:
        """Where a value stands, given its number in an entry (a position, or a reference to an entry)."""
        return unpack(number if number >= 0 else self.numbers[-number - 1])

    def number_of(self, base: int, step: str | int) -> int | None:
        """The number of ``step`` (a key of the mapping, or an index of the list, at ``base``); None if absent."""
        numbers = self.numbers
        header = numbers[base + 1]
        if header < 0:
            place = self.layouts[-header - 1].get(step) if type(step) is str else None
            if place is None:
                return None
        elif type(step) is int and 0 <= step < header:
            place = step
        else:
            return None
        return numbers[base + 2 + place]

    def child(self, base: int, step: str | int) -> int | None:
        """The base of the mapping or list that ``step`` of the entry at ``base`` holds; None if it holds none."""
        number = self.number_of(base, step)
        return -number - 1 if number is not None and number < 0 else None

    def is_list(self, base: int) -> bool:
        return self.numbers[base + 1] >= 0

    def value_position(self, base: int, key: str, index: int | None = None) -> tuple[int, int]:
        """Where value ``key`` of the mapping at ``base`` stands (item ``index`` of it, if it is a list).

        Falls back as a reader would want: to the whole list when there is no such item,
        and to the mapping itself when it has no such key.
        """
        number = self.number_of(base, key)
        if number is None:
            return self.start(base)
        if index is not None and number < 0 and self.is_list(-number - 1):
            item = self.number_of(-number - 1, index)
            if item is not None:
                return self.where(item)
        return self.where(number)

    def add_entry(self, start: int, header: int, values: list[int]) -> int:
        """Append an entry; its base."""
        numbers = self.numbers
        base = len(numbers)
        numbers.append(start)
        numbers.append(header)
        numbers.extend(values)
        return base

    def items_of(self, base: int) -> list[int]:
        """The numbers of the list at ``base``, in order."""
        return self.numbers[base + 2 : base + 2 + self.numbers[base + 1]].tolist()

    def __getstate__(self) -> tuple[bytes, list[dict[str, int]]]:
        return self.numbers.tobytes(), self.layouts

    def __setstate__(self, state: tuple[bytes, list[dict[str, int]]]) -> None:
        numbers = array("q")
        numbers.frombytes(state[0])
        self.numbers, self.layouts = numbers, state[1]
