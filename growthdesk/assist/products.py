"""Products and versions named in a problem text, and vendors' documentation sites
(data/products.json).

A product keeps its version and edition ("Windows 11 23H2", "FortiClient 7.2", "Outlook 2016"):
the version is what separates the right answer from an old one. Names that are ordinary words
too ("Word", "Teams", "Edge", "Access") only count when capitalised, after "Microsoft"/"MS", or
followed by a version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from growthdesk.assist import compiled
from growthdesk.assist.words import PhraseIndex, Word, phrase_key
from growthdesk.core.data import read_json

__all__ = ["Product", "Vendor", "catalogue", "find_products", "compile_part"]

# "2016", "7.2", "7.2.3", "v5.1", "23H2", "11", "365", "1.102.0"
_VERSION_RE = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?|\d{2}h\d)$", re.I)
_VERSION_WORDS = frozenset(("version", "versie", "ver", "v"))


# A NamedTuple, not a frozen dataclass: the class is built in a quarter of the time, on every
# `query` run (bench/bench_assist.py); so are the classes below.
class Vendor(NamedTuple):
    id: str
    name: str
    site: str


class Product(NamedTuple):
    name: str  # canonical, with version and edition: "Windows 11 23H2"
    product: str  # canonical name without version: "Windows"
    vendor: Vendor | None
    start: int  # span in the text
    end: int


class _Entry(NamedTuple):
    name: str
    vendor: str | None
    ambiguous: frozenset[tuple[str, ...]]
    not_before: frozenset[str]


class Catalogue(NamedTuple):
    vendors: dict[str, Vendor]
    phrases: PhraseIndex  # product names
    shorthands: dict[str, str]
    editions: frozenset[str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    data = read_json("products.json")
    tables = compiled.part("products")
    if tables is None:  # the source data changed since tools/assist_index.py compiled it
        return _build(data)
    entries = [
        _Entry(name, vendor, frozenset(tuple(a) for a in ambiguous), frozenset(not_before))
        for name, vendor, ambiguous, not_before in tables["entries"]
    ]
    index = PhraseIndex.from_rows((key, entries[n]) for key, n in tables["index"])
    return _catalogue(data, index)


def _catalogue(data: dict[str, Any], index: PhraseIndex) -> Catalogue:
    vendors = {k: Vendor(k, str(v["name"]), str(v["site"])) for k, v in data["vendors"].items()}
    return Catalogue(
        vendors=vendors,
        phrases=index,
        shorthands={str(k).lower(): str(v) for k, v in data["shorthands"].items()},
        editions=frozenset(str(e).lower() for e in data["editions"]),
    )


def _entries(data: dict[str, Any]) -> list[tuple[list[str], _Entry]]:
    """(names, entry) of each product row of the source data."""
    out: list[tuple[list[str], _Entry]] = []
    for row in data["products"]:
        names = [str(n) for n in row["names"]]
        entry = _Entry(
            names[0],
            row.get("vendor"),
            frozenset(phrase_key(a) for a in row.get("ambiguous") or []),
            frozenset(str(w) for w in row.get("not_before") or []),
        )
        out.append((names, entry))
    return out


def _build(data: dict[str, Any]) -> Catalogue:
    """The catalogue from the source data (what data/compiled_products.json holds)."""
    return _catalogue(data, _index(_entries(data)))


def _index(rows: list[tuple[list[str], _Entry]]) -> PhraseIndex:
    return PhraseIndex((n, entry) for names, entry in rows for n in names)


def compile_part() -> dict[str, object]:
    """The product index built from the source data, for data/compiled_products.json: each row's
    entry once, and the phrase index pointing at entries by number."""
    built = _entries(read_json("products.json"))
    entries = [entry for _names, entry in built]
    number = {id(entry): n for n, entry in enumerate(entries)}
    rows = _index(built).rows()
    return {
        "entries": [[e.name, e.vendor, sorted(e.ambiguous), sorted(e.not_before)] for e in entries],
        "index": [[key, number[id(entry)]] for key, entry in rows],
    }


def _is_version(word: Word) -> bool:
    return bool(_VERSION_RE.match(word.text)) and any(c.isdigit() for c in word.text)


def _extra(items: Sequence[Word], j: int, editions: frozenset[str]) -> tuple[list[Word], int]:
    """The version and edition words after a product name at *j* ("11 Pro 23H2"); the word
    "version" itself is stepped over ("Windows 11 Version 23H2")."""
    extra: list[Word] = []
    while j < len(items) and len(extra) < 3:
        word = items[j]
        follows = items[j + 1] if j + 1 < len(items) else None
        if word.key in _VERSION_WORDS and follows is not None and _is_version(follows):
            j += 1
            continue
        edition = word.key in editions and (
            bool(extra) or (follows is not None and _is_version(follows))
        )
        if not (_is_version(word) or edition):
            break
        extra.append(word)
        j += 1
    return extra, j


def _vetoed(items: Sequence[Word], i: int, n: int, entry: _Entry) -> bool:
    """An ambiguous name used as an ordinary word: lower case and not after "Microsoft", or
    before one of its veto words, or part of a title-case phrase ("Access Denied")."""
    before = items[i - 1].key if i else ""
    after = items[i + n] if i + n < len(items) else None
    if after is not None and (
        after.key in entry.not_before or (after.text[:1].isupper() and after.text[1:2].islower())
    ):
        return True
    capital = items[i].text[:1].isupper() and i > 0
    return not (capital or before in ("microsoft", "ms"))


def find_products(items: Sequence[Word], keys: Sequence[str]) -> list[Product]:
    """Products named in *items* (the text's words; *keys* their stem keys), in order."""
    cat = catalogue()
    found: list[Product] = []
    i = 0
    while i < len(items):
        short = cat.shorthands.get(items[i].key)
        if short is not None:
            found.append(_product(short, short.split()[0], cat, items[i], items[i]))
            i += 1
            continue
        hit = cat.phrases.match(keys, i)
        if hit is None:
            i += 1
            continue
        n, value = hit
        assert isinstance(value, _Entry)
        extra, end = _extra(items, i + n, cat.editions)
        if tuple(keys[i : i + n]) in value.ambiguous and not extra and _vetoed(items, i, n, value):
            i += 1
            continue
        last = extra[-1] if extra else items[i + n - 1]
        name = " ".join([value.name, *(w.text for w in extra)])
        found.append(_product(name, value.name, cat, items[i], last, value.vendor))
        i = end if extra else i + n
    return found


def _product(
    name: str, base: str, cat: Catalogue, first: Word, last: Word, vendor: str | None = "microsoft"
) -> Product:
    return Product(name, base, cat.vendors.get(vendor or ""), first.start, last.end)
