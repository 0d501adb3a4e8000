"""Columns of a month summary part (worklog.index, worklog.helped) kept as one string each,
split only when a command needs that month: 37 months of 3,000 JSON strings or numbers cost
~10 ms more to parse than one string per month (bench/bench_scale.py --only ask,recall).

A column that could not be split back as it was (a value holding the separator, an empty
value in a row) is kept as the list itself; readers take either.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

__all__ = [
    "join_ids",
    "split_ids",
    "join_texts",
    "split_texts",
    "join_rows",
    "split_rows",
    "find_line",
]


def join_ids(ids: Sequence[Any]) -> str | list[Any]:
    """Win ids as one string ("4 7 12"), or the list when one is not a whole number."""
    return " ".join(map(str, ids)) if set(map(type, ids)) <= {int} else list(ids)


def split_ids(column: str | Sequence[Any], n: int) -> list[Any]:
    """The *n* ids of a column made by join_ids."""
    if not isinstance(column, str):
        return list(column)
    return list(map(int, column.split(" "))) if n else []


def join_texts(values: Sequence[str], sep: str) -> str | list[str]:
    """*values* as one string joined by *sep*, or the list when a value holds *sep*."""
    joined = sep.join(values)
    return joined if joined.count(sep) == max(0, len(values) - 1) else list(values)


def split_texts(column: str | Sequence[str], sep: str, n: int) -> list[str]:
    """The *n* values of a column made by join_texts."""
    if not isinstance(column, str):
        return list(column)
    return column.split(sep) if n else []


def join_rows(rows: Sequence[Sequence[str]], inner: str, outer: str) -> str | list[list[str]]:
    """Rows of texts as one string (each row joined by *inner*, the rows by *outer*), or the
    rows themselves when a text is empty or holds a separator."""
    # Counted in C: a month's 3,000 rows are joined on every commit.
    flat = list(chain.from_iterable(rows))
    joined = outer.join(map(inner.join, rows))
    filled = len(rows) - list(map(len, rows)).count(0)
    if (
        "" in flat
        or joined.count(inner) != len(flat) - filled
        or joined.count(outer) != max(0, len(rows) - 1)
    ):
        return [list(row) for row in rows]
    return joined


def split_rows(column: str | Sequence[Any], inner: str, outer: str, n: int) -> list[Any]:
    """The *n* rows of a column made by join_rows."""
    if not isinstance(column, str):
        return list(column)
    return [row.split(inner) if row else [] for row in column.split(outer)] if n else []


def find_line(table: str, key: str) -> str | None:
    """The rest of the line of *key* in a table of "\n<key>\t<value>" lines (keys hold no
    whitespace): found by one str.find, the table never split."""
    mark = f"\n{key}\t"
    i = table.find(mark)
    if i < 0:
        return None
    i += len(mark)
    end = table.find("\n", i)
    return table[i:] if end < 0 else table[i:end]
