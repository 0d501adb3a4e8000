"""Record keys: the stores keep each record under its id as text."""

from __future__ import annotations

__all__ = ["key_id"]


def key_id(key: str) -> int | str:
    """The id a record's key names: the number of a key of ASCII digits, else the key itself
    (damage, for doctor to name). "²".isdigit() is true, but int() refuses it."""
    return int(key) if key.isascii() and key.isdigit() else key
