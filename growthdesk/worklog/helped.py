"""The wins someone helped with, as `ask` weighs them: the ``helped`` month summary part.

network.ranking.rank weighs every helped win by the query's areas among its skills and by the
share of the query's word stems its text has. Folding and tokenising each helped win's text
per query cost ~50 ms of `ask` at 100,000 wins (bench/bench_scale.py --only ask), so the part
keeps, per month, the helped wins' days, helpers and skills in shard order and, per stem and
per area, the positions of the wins that have it: a query visits only the wins that share a
stem or an area with it (the others weigh 0) and reads no text.

Words and stems are defined here (ranking imports them): the part must stem as the ranking
does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from growthdesk.core.text import content_words, fold
from growthdesk.store import summaries
from growthdesk.worklog.columns import (
    find_line,
    join_ids,
    join_rows,
    join_texts,
    split_ids,
    split_rows,
    split_texts,
)

__all__ = ["HELPED", "words", "stem", "text_stems", "help_text", "helped_part", "HelpedWins"]

HELPED = "helped"


def words(text: str) -> set[str]:
    """The words `ask` compares: four letters or more, since shorter ones ("pc", "app", "fix")
    match too much by chance."""
    return set(content_words(text, 4))


def stem(word: str) -> str:
    """Crude shared stem: 'disconnecting'/'disconnects', 'printers'/'printer' meet at 6 letters."""
    return word[:6]


def text_stems(folded: str) -> set[str]:
    """The stems of the words of an already folded text."""
    return {stem(t) for t in words(folded)}


def help_text(win: Mapping[str, Any]) -> str:
    """What of a helped win is compared with the problem: its problem and solution."""
    return f"{win.get('problem') or ''} {win.get('solution') or ''}"


_KEYS = {"n", "ids", "day", "by", "skills", "stems", "areas"}


def _table(stems: dict[str, list[str]]) -> str:
    """Stem -> positions as "\n<stem>\t<pos pos …>" lines (a stem holds no whitespace)."""
    return "".join(f"\n{s}\t{' '.join(p)}" for s, p in stems.items())


def _known_stems(previous: Any, changed: AbstractSet[int] | None) -> dict[Any, list[str]]:
    """id -> stems of the helped wins *previous* describes that the commit did not touch."""
    if changed is None or not isinstance(previous, dict) or set(previous) != _KEYS:
        return {}
    ids = split_ids(previous["ids"], previous["n"])
    of: list[list[str]] = [[] for _ in ids]
    for line in previous["stems"].split("\n")[1:]:
        s, _tab, positions = line.partition("\t")
        for pos in positions.split(" "):
            of[int(pos)].append(s)
    return {id: sorted(st) for id, st in zip(ids, of, strict=True) if id not in changed}


def _build(
    helped: Sequence[Mapping[str, Any]], start: int, known: Mapping[Any, list[str]]
) -> dict[str, Any]:
    """The part of the helped wins *helped*, their positions counted from *start*; stems and
    areas as stem -> positions."""
    ids: list[Any] = []
    days: list[str] = []
    helpers: list[Any] = []
    skills: list[list[Any]] = []
    stems: dict[str, list[str]] = {}
    areas: dict[str, list[str]] = {}
    for i, win in enumerate(helped):
        pos = str(start + i)
        id = win.get("id")
        ids.append(id)
        days.append(str(win.get("when", ""))[:10])
        helpers.append(win["helped_by"])
        own = list(win.get("skills") or [])
        skills.append(own)
        found = known.get(id)
        if found is None:
            found = sorted(text_stems(fold(help_text(win))))
        for s in found:
            stems.setdefault(s, []).append(pos)
        # An area that is not a string is never one of the query's (skill ids).
        for s in dict.fromkeys(a for a in own if isinstance(a, str)):
            areas.setdefault(s, []).append(pos)
    whole = all(isinstance(by, list) and all(type(h) is int for h in by) for by in helpers)
    texts = all(isinstance(s, str) for own in skills for s in own)
    return {
        "n": len(ids),
        "ids": join_ids(ids),
        "day": join_texts(days, " "),
        # Helper ids as text: ranking reads them through int(), which gives the same ids.
        "by": join_rows([list(map(str, by)) for by in helpers], ",", " ") if whole else helpers,
        "skills": join_rows(skills, ",", " ") if texts else skills,
        "stems": stems,
        "areas": areas,
    }


def _finish(built: dict[str, Any]) -> dict[str, Any]:
    return {
        **built,
        "stems": _table(built["stems"]),
        "areas": {s: " ".join(p) for s, p in built["areas"].items()},
    }


def _appended(previous: Mapping[str, Any], tail: Mapping[str, Any]) -> dict[str, Any] | None:
    """*previous* with the helped wins of *tail* (built from the next position) after its
    own, as a build of all of them gives it; None when a column of either is a list."""
    columns = ("ids", "day", "by", "skills")
    if not all(isinstance(previous[c], str) and isinstance(tail[c], str) for c in columns):
        return None
    n = previous["n"]
    stems = {}
    for line in previous["stems"].split("\n")[1:]:
        stem, _tab, positions = line.partition("\t")
        stems[stem] = positions.split(" ")
    areas = {a: positions.split(" ") for a, positions in previous["areas"].items()}
    for mine, more in ((stems, tail["stems"]), (areas, tail["areas"])):
        for key, positions in more.items():
            mine.setdefault(key, []).extend(positions)
    return {
        "n": n + tail["n"],
        **{c: f"{previous[c]} {tail[c]}" if n else tail[c] for c in columns},
        "stems": _table(stems),
        "areas": {a: " ".join(p) for a, p in areas.items()},
    }


def helped_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> dict[str, Any]:
    """The month's helped wins in shard order: their number, ids, days ("when"[:10]),
    helpers and skills (columns, see worklog.columns), and per stem of their texts and per
    area the positions ("0 4 9") of those that have it.

    A commit that touched none of *previous*'s wins (a `log`) keeps it as it is, with the new
    helped wins after it; otherwise the wins it did not touch are not tokenised again."""
    helped = [w for w in wins if w.get("helped_by")]
    if changed is not None and isinstance(previous, dict) and set(previous) == _KEYS:
        n = previous["n"]
        ids = [w.get("id") for w in helped[:n]]
        if len(ids) == n and join_ids(ids) == previous["ids"] and changed.isdisjoint(ids):
            if len(helped) == n:
                return dict(previous)
            appended = _appended(previous, _build(helped[n:], n, {}))
            if appended is not None:
                return appended
    return _finish(_build(helped, 0, _known_stems(previous, changed)))


summaries.register(HELPED, 2, helped_part)


class HelpedWins:
    """The helped wins of every month, from the month parts, oldest first."""

    def __init__(self, parts: Sequence[Mapping[str, Any]]) -> None:
        self.parts = parts

    def __len__(self) -> int:
        return sum(part["n"] for part in self.parts)

    def matching(
        self, areas: Collection[str], stems: AbstractSet[str]
    ) -> Iterator[tuple[str, Any, list[Any], int]]:
        """(day, helpers, skills, how many of *stems* its text has) of every helped win, oldest
        first, that has one of *areas* or *stems* (any other weighs nothing)."""
        for part in self.parts:
            shared: dict[int, int] = {}
            for s in stems:
                joined = find_line(part["stems"], s)
                if joined:
                    for pos in map(int, joined.split(" ")):
                        shared[pos] = shared.get(pos, 0) + 1
            hits = set(shared)
            for a in areas:
                joined = part["areas"].get(a)
                if joined:
                    hits.update(map(int, joined.split(" ")))
            if not hits:
                continue
            n = part["n"]
            day = split_texts(part["day"], " ", n)
            by = split_rows(part["by"], ",", " ", n)
            skills = split_rows(part["skills"], ",", " ", n)
            for pos in sorted(hits):
                yield day[pos], by[pos], skills[pos], shared.get(pos, 0)
