"""What recall and `ask` need from each month, kept in the month summaries (store.summaries).

- ``recall``: every win's id and "when" in shard order with the terms recall scores it by
  (recall.win_texts). BM25 needs the whole history's statistics (number of wins, total length,
  document frequencies) but only the wins that share a term with the query: the summaries give
  all of those. Each term's postings are one string ("tf dl pos pos …"), split only for the
  query's terms: parsing 100,000 wins' postings as JSON numbers alone cost ~150 ms. The terms
  are a few long strings searched for the query's terms, the ids and "when"s one string
  each, split only for the months that have a candidate: a part parses in microseconds.
- ``texts``: every win's problem, solution and skills in shard order: what recall judges and
  shows of a candidate, so that no month shard is parsed at all (a 2,800-win shard: ~15 ms).
- ``helped`` (worklog.helped): the wins someone helped with (about one in ten), as
  network.ranking.rank weighs them, so that `ask` need not parse every shard for its evidence.

:class:`WinIndex` answers exactly as the same functions over ``store.wins()`` would (the tests
compare both on random homes).
"""

from __future__ import annotations

import heapq
import zlib
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core.records import Win
from growthdesk.store import summaries
from growthdesk.worklog.columns import (
    find_line,
    join_ids,
    join_rows,
    join_texts,
    split_ids,
    split_texts,
)
from growthdesk.worklog.helped import HELPED, HelpedWins
from growthdesk.worklog.recall import (
    PROBLEM_WEIGHT,
    average_length,
    idf_weights,
    length_norm,
    rank_scores,
    rank_terms,
    term_score,
    win_texts,
)

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["RECALL", "TEXTS", "HELPED", "recall_part", "texts_part", "texts_reader", "WinIndex"]

RECALL = "recall"
TEXTS = "texts"


_KEYS = {"n", "ids", "when", "month", "len", "t"}
# Terms are spread over this many strings of "\n<term>\t<postings>" lines by a stable hash:
# a query searches one short string per term, and a month's 3,000 terms are 64 JSON strings,
# not 3,000 dict entries (parsing those cost ~30 ms of `ask` at 100,000 wins,
# bench/bench_scale.py --only ask,recall). A term never holds whitespace (it is split off).
BUCKETS = 64


def bucket(term: str) -> int:
    """The string of a recall part's term table that holds *term*."""
    return zlib.crc32(term.encode()) % BUCKETS


def lookup(table: Sequence[str], term: str, at: int | None = None) -> str | None:
    """*term*'s postings in a recall part's term table (*at*: its bucket, if known)."""
    return find_line(table[bucket(term) if at is None else at], term)


def _entries(lines: str) -> dict[str, str]:
    """One bucket of a term table as term -> postings, in table order."""
    entries: dict[str, str] = {}
    for line in lines.split("\n")[1:]:
        term, _tab, postings = line.partition("\t")
        entries[term] = postings
    return entries


def _table(joined: Mapping[str, str], into: Sequence[str] | None = None) -> list[str]:
    """The term table of *joined* (term -> postings); with *into*, the table *into* with the
    terms of *joined* changed or added (the others as they were)."""
    if into is None:
        buckets: list[dict[str, str]] = [{} for _ in range(BUCKETS)]
        for t, postings in joined.items():
            buckets[bucket(t)][t] = postings
        return ["".join(f"\n{t}\t{p}" for t, p in b.items()) for b in buckets]
    table = list(into)
    changed: dict[int, dict[str, str]] = {}
    for t, postings in joined.items():
        b = bucket(t)
        if b not in changed:
            changed[b] = _entries(table[b])
        changed[b][t] = postings
    for b, entries in changed.items():
        table[b] = "".join(f"\n{t}\t{p}" for t, p in entries.items())
    return table


def part_ids(part: Mapping[str, Any]) -> list[Any]:
    """The win ids of a recall part, in shard order."""
    return split_ids(part["ids"], part["n"])


def part_whens(part: Mapping[str, Any]) -> list[str]:
    """The "when"s of a recall part, in shard order."""
    return split_texts(part["when"], "\n", part["n"])


def _usable(previous: Any, changed: AbstractSet[int] | None) -> bool:
    return changed is not None and isinstance(previous, dict) and set(previous) == _KEYS


def _prefix(ids: list[Any], previous: Any, changed: AbstractSet[int] | None) -> bool:
    """Whether the month's wins start with all of *previous*'s, none touched by the commit."""
    if not _usable(previous, changed):
        return False
    assert changed is not None
    n = previous["n"]
    return len(ids) >= n and join_ids(ids[:n]) == previous["ids"] and changed.isdisjoint(ids[:n])


def _groups(joined: str) -> dict[tuple[int, int], list[str]]:
    """A term's postings string as (frequency, length) -> positions (as written)."""
    out: dict[tuple[int, int], list[str]] = {}
    for group in joined.split(";"):
        tf, dl, *positions = group.split(" ")
        out[(int(tf), int(dl))] = positions
    return out


def _known(
    previous: Any, changed: AbstractSet[int] | None
) -> dict[Any, tuple[dict[str, int], int]]:
    """id -> (weighted term frequencies, length) of the wins *previous* describes that the
    commit did not touch (nothing when it is not known what the commit touched)."""
    if not _usable(previous, changed):
        return {}
    assert changed is not None
    ids = part_ids(previous)
    counts: list[dict[str, int]] = [{} for _ in ids]
    lengths = [0] * len(ids)  # a win without a term has length 0
    for lines in previous["t"]:
        for term, joined in _entries(lines).items():
            for (tf, dl), positions in _groups(joined).items():
                for pos in map(int, positions):
                    counts[pos][term] = tf
                    lengths[pos] = dl
    return {
        id: (c, dl) for id, c, dl in zip(ids, counts, lengths, strict=True) if id not in changed
    }


def recall_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> dict[str, Any]:
    """One month's wins as recall scores them, in shard order: their number, ids, "when"s,
    the total weighted length and each term's postings as one string of groups
    "tf dl pos pos …;tf dl pos …": the positions of the wins with that weighted frequency of
    the term and that weighted length, since both repeat (helpdesk texts are alike), groups in
    the order of their first position; the terms in the order of their first win, in the
    term table (see BUCKETS).

    Wins of *previous* the commit did not touch are not tokenised again.
    """
    ids = [w.get("id") for w in wins]
    postings: dict[str, dict[tuple[int, int], list[str]]] = {}
    total, start, known = 0, 0, {}
    if _prefix(ids, previous, changed):  # the usual commit: a new win, the newest of its month
        total, start = previous["len"], previous["n"]
    else:
        known = _known(previous, changed)
    for pos in range(start, len(wins)):
        win = wins[pos]
        hit = known.get(win.get("id"))
        if hit is not None:
            counts, length = hit
        else:
            p_text, s_text = win_texts(win)
            p_terms, s_terms = p_text.split(), s_text.split()
            length = PROBLEM_WEIGHT * len(p_terms) + len(s_terms)
            counts = {}
            for t in p_terms:
                counts[t] = counts.get(t, 0) + PROBLEM_WEIGHT
            for t in s_terms:
                counts[t] = counts.get(t, 0) + 1
        total += length
        for t, tf in counts.items():
            groups = postings.get(t)
            if groups is None:
                old = lookup(previous["t"], t) if start else None  # only terms a new win has
                groups = postings[t] = _groups(old) if old else {}
            groups.setdefault((tf, length), []).append(str(pos))
    joined = {
        t: ";".join(f"{tf} {dl} {' '.join(p)}" for (tf, dl), p in groups.items())
        for t, groups in postings.items()
    }
    whens = [str(w.get("when") or "") for w in wins[start:]]
    months = {when[:7] for when in whens}
    id_column, when_column = join_ids(ids[start:]), join_texts(whens, "\n")
    if start:  # the new wins' columns after the old ones, as joining all of them gives them
        if isinstance(previous["ids"], str) and isinstance(id_column, str):
            id_column = f"{previous['ids']} {id_column}"
        else:
            id_column = join_ids(ids)
        if isinstance(previous["when"], str) and isinstance(when_column, str):
            when_column = f"{previous['when']}\n{when_column}"
        else:
            when_column = join_texts(part_whens(previous) + whens, "\n")
        months.add(previous["month"])  # None: the old ones were of several months already
    return {
        "n": len(ids),
        "ids": id_column,
        "when": when_column,
        # The month all "when"s are in.
        "month": months.pop() if len(months) == 1 else None,
        "len": total,
        "t": _table(joined, previous["t"] if start else None),
    }


_SHOWN = ("problem", "solution", "skills")


_CUT, _NONE = "\x1f", "\x1e"  # between texts; a solution that is None


def texts_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> dict[str, Any]:
    """The month's wins as recall judges and shows them, in shard order: their problems and
    solutions each joined by "\\x1f" (a solution None as "\\x1e") and their skills (see
    worklog.columns), split only for a month with a candidate: parsing 3,000 rows of three
    JSON values cost ~3 ms a month, and `recall` shows wins of a dozen months at 100,000
    wins (bench/bench_scale.py --only recall). A month with a win these cannot hold (a field
    missing or not text, a text holding "\\x1f" or "\\x1e"): "rows" of [problem, solution,
    skills] each, a dict of the fields it has for a win without one of them."""
    n = len(wins)
    try:
        problems = [w["problem"] for w in wins]
        solutions = [w["solution"] for w in wins]
        skills = [w["skills"] for w in wins]
    except KeyError:
        problems = solutions = skills = []
    if (
        len(skills) == n
        and set(map(type, problems)) <= {str}
        and set(map(type, solutions)) <= {str, type(None)}
        and set(map(type, skills)) <= {list}
        and set(map(type, chain.from_iterable(skills))) <= {str}
    ):
        # Checked by counting in C: a month's 3,000 texts are joined on every commit.
        joined = _CUT.join(problems)
        written = _CUT.join([_NONE if s is None else s for s in solutions])
        cuts = max(0, n - 1)
        if (
            joined.count(_CUT) == cuts
            and _NONE not in joined
            and written.count(_CUT) == cuts
            and written.count(_NONE) == solutions.count(None)
        ):
            return {
                "n": n,
                "problem": joined,
                "solution": written,
                "skills": join_rows(skills, ",", " "),
            }
    rows = [
        [w["problem"], w["solution"], w["skills"]]
        if all(k in w for k in _SHOWN)
        else {k: w[k] for k in _SHOWN if k in w}
        for w in wins
    ]
    return {"n": n, "rows": rows}


def texts_reader(part: Mapping[str, Any]) -> Callable[[int], dict[str, Any]] | None:
    """Position -> the shown fields of a texts part's win (None: not a texts part)."""
    n = part.get("n")
    if not isinstance(n, int):
        return None
    if "rows" in part:
        rows = part["rows"]
        if len(rows) != n:
            return None
        return lambda pos: (
            rows[pos] if isinstance(rows[pos], dict) else dict(zip(_SHOWN, rows[pos], strict=True))
        )
    problems = split_texts(part["problem"], _CUT, n)
    solutions = split_texts(part["solution"], _CUT, n)
    rows_of = part["skills"]
    skills = split_texts(rows_of, " ", n) if isinstance(rows_of, str) else None
    if not (len(problems) == len(solutions) == len(skills or rows_of) == n):
        return None

    def fields(pos: int) -> dict[str, Any]:
        solution = solutions[pos]
        if skills is None:
            own = list(rows_of[pos])
        else:
            own = skills[pos].split(",") if skills[pos] else []
        return {
            "problem": problems[pos],
            "solution": None if solution == _NONE else solution,
            "skills": own,
        }

    return fields


summaries.register(RECALL, 6, recall_part)
summaries.register(TEXTS, 2, texts_part)


Cells = list[tuple[float, list[str]]]  # (score, the positions of the wins that have it)


def _month_cells(
    postings: Mapping[str, str],
    idf: Mapping[str, float],
    avgdl: float,
    by_key: dict[tuple[int | None, ...], float],
) -> Cells:
    """The BM25 scores of a month's wins that have a query term, with their positions.

    A win's score depends only on its length and its frequencies of the query's terms (its
    key), which repeat: the wins are sorted into one cell per key with set operations on each
    term's (frequency, length) groups, and each key is scored once (in *by_key*), its terms'
    parts added in idf order as recall.bm25_scores adds them (the same floats). A Python loop
    per posting cost ~60 ms at 100,000 wins, a key per win in C loops ~15 ms
    (bench/bench_scale.py --only ask,recall).
    """
    k = len(idf)
    cells: dict[tuple[int | None, ...], set[str]] = {}
    for i, t in enumerate(idf):
        joined = postings.get(t)
        if not joined:
            continue
        for (tf, dl), written in _groups(joined).items():
            rest = set(written)
            for key in [key for key in cells if key[0] == dl]:
                cell = cells[key]
                both = cell & rest
                if not both:
                    continue
                rest -= both
                if len(both) == len(cell):
                    del cells[key]
                else:
                    cell -= both
                cells.setdefault((*key[: i + 1], tf, *key[i + 2 :]), set()).update(both)
                if not rest:
                    break
            if rest:  # wins without any of the terms before
                key = (dl, *([None] * i), tf, *([None] * (k - i - 1)))
                cells.setdefault(key, set()).update(rest)
    weights = list(idf.values())
    out: Cells = []
    for key, cell in cells.items():
        score = by_key.get(key)
        if score is None:
            score = by_key[key] = _score(weights, key, avgdl)
        out.append((score, list(cell)))
    return out


def _score(weights: Sequence[float], key: Sequence[int | None], avgdl: float) -> float:
    """BM25 of a win of length key[0] with frequencies key[1:] of the query's terms."""
    norm = length_norm(float(key[0] or 0), avgdl)
    score = 0.0
    for w, tf in zip(weights, key[1:], strict=True):
        if tf:
            score += term_score(w, tf, norm)
    return score


def _bound(postings: Mapping[str, str], idf: Mapping[str, float], avgdl: float) -> float:
    """A score no win of the month exceeds: for each length, each term at the highest
    frequency any win of that length has it (exact when one win has them all). Floats are
    monotone in each frequency and length, so no rounding makes a win score above it."""
    best: dict[int, list[int | None]] = {}
    terms = list(idf)
    for i, t in enumerate(terms):
        joined = postings.get(t)
        if not joined:
            continue
        for group in joined.split(";"):
            tf_text, dl_text = group.split(" ", 2)[:2]
            tf, dl = int(tf_text), int(dl_text)
            row = best.setdefault(dl, [None] * len(terms))
            old = row[i]
            row[i] = tf if old is None or tf > old else old
    weights = list(idf.values())
    return max((_score(weights, [dl, *row], avgdl) for dl, row in best.items()), default=0.0)


def _candidates(
    months: Sequence[tuple[int, Cells]], limit: int, top: Sequence[float], by_month: bool
) -> dict[int, float]:
    """Index -> score of the wins of *months* (newest first, each with its first index) that
    can be among the best *limit*: those above the limit-th best score (*top*[-1]) and those
    at it, with *by_month* (every "when" of a month starts with it, so a newer month's all
    sort first) only those of the newest months that reach *limit* (all of that month's:
    rank_scores orders them). Helpdesk texts repeat: thousands of wins can tie at the cut,
    and the others need no entry at all (~20 ms at 100,000 wins, bench/bench_scale.py
    --only ask)."""
    cut = top[-1] if len(top) >= limit else 0.0
    need = limit - sum(len(p) for _o, cells in months for score, p in cells if score > cut)
    scores: dict[int, float] = {}
    for offset, cells in months:
        ties = (need > 0 or not by_month) and cut > 0.0
        for score, positions in cells:
            if score > cut or (ties and score == cut):
                scores.update(zip(map(offset.__add__, map(int, positions)), repeat(score)))
        if ties:
            need -= sum(len(p) for score, p in cells if score == cut)
    return scores


class WinIndex:
    """The wins of a store, ranked from the month summaries (recall.Ranker)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._months = store.win_months()
        self._recall: list[tuple[str, dict[str, Any]]] | None = None
        self._when_of: dict[int, list[str]] = {}
        self._ids_of: dict[int, list[Any]] = {}
        self._texts_of: dict[int, Callable[[int], dict[str, Any]] | None] = {}
        self._shown_wins: dict[tuple[int, int], Win] = {}

    def _parts(self) -> list[tuple[str, dict[str, Any]]]:
        if self._recall is None:
            self._recall = [(m, self.store.summary(m, RECALL)) for m in self._months]
        return self._recall

    def _whens(self, k: int) -> list[str]:
        """The "when"s of the *k*-th month, split once and only when needed."""
        hit = self._when_of.get(k)
        if hit is None:
            hit = self._when_of[k] = part_whens(self._parts()[k][1])
        return hit

    def _ids(self, k: int) -> list[Any]:
        """The ids of the *k*-th month, split once but as text when the part holds them as
        text: only a few are shown, and turning 3,000 into numbers cost ~1 ms a month
        (`recall` shows wins of a dozen months at 100,000 wins, bench/bench_scale.py --only
        recall)."""
        ids = self._ids_of.get(k)
        if ids is None:
            part = self._parts()[k][1]
            ids = self._ids_of[k] = split_texts(part["ids"], " ", part["n"])
        return ids

    def __len__(self) -> int:
        return sum(part["n"] for _m, part in self._parts())

    def helped(self) -> HelpedWins:
        """The wins someone helped with, oldest first (what ranking.rank uses of all wins)."""
        return HelpedWins([self.store.summary(month, HELPED) for month in self._months])

    def rank_terms(
        self, query: Sequence[str], limit: int, weights: Mapping[str, float] | None
    ) -> list[tuple[Win, float]]:
        """recall.rank_terms over every win, parsing no shard: the wins it returns hold what
        recall judges and shows (id, when, problem, solution, skills)."""
        parts = self._parts()
        if not query or limit <= 0 or not any(part["n"] for _m, part in parts):
            return []
        # The collection's statistics first: a term's document frequency is its number of
        # (position, frequency) pairs, counted in its postings string without splitting it.
        df = dict.fromkeys(query, 0)
        at = {t: bucket(t) for t in df}
        n = total = 0
        starts: list[int] = []  # global index of each month's first win
        found_postings: list[dict[str, str]] = []  # the query's terms' postings, per month
        for _month, part in parts:
            starts.append(n)
            n += part["n"]
            total += part["len"]
            postings: dict[str, str] = {}
            for t in df:
                joined = lookup(part["t"], t, at[t])
                if joined:  # positions = numbers - 2 per group = spaces - groups
                    postings[t] = joined
                    df[t] += joined.count(" ") - joined.count(";") - 1
            found_postings.append(postings)
        avgdl = average_length(n, float(total))
        idf = idf_weights(df, n, weights)
        # Then the matching wins' scores, newest month first. A month whose best possible
        # score (_bound) is at most the limit-th best so far is skipped: its wins would rank
        # below those, being older, when every "when" of a month starts with that month.
        by_month = all(part["month"] == month for month, part in parts)
        ordered = by_month and all(w > 0 for w in idf.values())
        months: list[tuple[int, Cells]] = []  # each month scored, newest first
        by_key: dict[tuple[int | None, ...], float] = {}
        top: list[float] = []  # the best *limit* positive scores so far
        for offset, postings in reversed(list(zip(starts, found_postings, strict=True))):
            if not postings:
                continue
            if ordered and len(top) >= limit and _bound(postings, idf, avgdl) <= top[-1]:
                continue
            cells = _month_cells(postings, idf, avgdl, by_key)
            months.append((offset, cells))
            more = (repeat(score, min(len(p), limit)) for score, p in cells if score > 0.0)
            top = heapq.nlargest(limit, [*top, *chain.from_iterable(more)])
        scores = _candidates(months, limit, top, by_month)

        def when(i: int) -> str:
            k = bisect_right(starts, i) - 1
            whens = self._whens(k)
            return str(whens[i - starts[k]]) if i - starts[k] < len(whens) else ""

        ranked = rank_scores(scores, limit, when)
        out: list[tuple[Win, float]] = []
        for i, score in ranked:
            k = bisect_right(starts, i) - 1
            win = self._shown(k, i - starts[k])
            if win is None:
                # Parts that passed their stamps but disagree: rank from the shards instead.
                return rank_terms(query, self.store.wins(), limit, weights)
            out.append((win, score))
        return out

    def _shown(self, k: int, pos: int) -> Win | None:
        """Win *pos* of the *k*-th month as recall judges and shows it (id, when, problem,
        solution, skills), from the parts; one object per win, as the shards' records are."""
        win = self._shown_wins.get((k, pos))
        if win is not None:
            return win
        month, part = self._parts()[k]
        ids, whens = self._ids(k), self._whens(k)
        if k not in self._texts_of:
            self._texts_of[k] = texts_reader(self.store.summary(month, TEXTS))
        shown = self._texts_of[k]
        if shown is None or not (len(ids) == len(whens) == part["n"] > pos):
            return None
        fields = shown(pos)
        id = int(ids[pos]) if isinstance(part["ids"], str) else ids[pos]
        win = cast("Win", {"id": id, "when": whens[pos], **fields})
        self._shown_wins[(k, pos)] = win
        return win
