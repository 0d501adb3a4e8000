"""Whom to ask: expert finding over your own network (DESIGN.md "Whom to ask").

For a problem q and contact c:
  T(c,q)  declared specialties (level/5) weighted by q's skill areas, plus notes that mention
          q's words;
  W(c,q)  wins where c helped on q's skill areas, each decayed by age (half-life ~1 year),
          saturating in [0, 1);
  E       = (1−λ)·T + λ·W with λ = λmax·N/(N+k), N = wins in the log with a helper (the more
          help history you keep, the more it counts);
  R(c)    reach: Dijkstra from "me" over cost −log(tie), tie = strength/5·exp(−days/τ), each
          extra hop × γ (growthdesk.network.graph);
  S       = E·(β + (1−β)·R) / (1 + ρ·asks of c in the last `recent_days`).
The problem is read first (read_problem): the tagger's primary area weighs 1, secondary areas
less, and the reading says how sure it is. do_not_ask contacts are skipped; away contacts are
ranked as usual but shown after the available ones. Every suggestion carries its reasons. When nobody matches, the
result carries hints instead (growthdesk.network.hints); the offline evaluation on a labelled
scenario is growthdesk.network.evaluation.

The query's skill areas come from growthdesk.skills.tagger.suggest; similar wins from
growthdesk.worklog.similar.similar. Both are imported lazily and may be passed in (tests, benchmarks).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from growthdesk.core.dates import show_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Event, Interaction, Link, Win
from growthdesk.core.text import fold
from growthdesk.network.graph import ME, GraphParams, days_since, reach_from
from growthdesk.network.hints import where_to_look
from growthdesk.skills.labels import skill_label
from growthdesk.worklog.helped import HelpedWins, help_text, stem, text_stems
from growthdesk.worklog.helped import words as _words
from growthdesk.worklog.index import WinIndex

if TYPE_CHECKING:
    from growthdesk.worklog.similar import Match

__all__ = [
    "RankParams",
    "Suggestion",
    "AskResult",
    "Reading",
    "AreaPeople",
    "read_problem",
    "query_skills",
    "rank",
    "ask",
]

SkillScores = Sequence[tuple[str, float]]


@dataclass(frozen=True)
class RankParams:
    """Tuning knobs; defaults were chosen on tests/data/network_scenario.json (see bench)."""

    beta: float = 0.3  # share of the score that does not depend on reach
    gamma: float = 0.5  # factor per extra hop in an introduction path
    tau_days: float = 180.0  # recency constant of a direct tie
    rho: float = 0.5  # penalty per recent ask
    recent_days: int = 14
    half_life_days: float = 365.0  # help evidence halves every year
    lambda_max: float = 0.6
    k: float = 30.0
    w_scale: float = 1.5  # W = 1 − exp(−evidence / w_scale)
    min_evidence: float = 0.05  # below this E a contact is not a suggestion at all
    max_query_skills: int = 3
    secondary_weight: float = 0.5  # a secondary area counts at most half the primary
    sure_at: float = 0.65  # below this confidence `ask` says it is not sure of the area
    text_weight: float = 0.8  # a helped win sharing all the problem's words counts 0.8
    use_history: bool = True  # ablation switches for bench/bench_ask.py
    use_reach: bool = True
    use_recent_penalty: bool = True
    use_recency: bool = True  # off: help never ages and ties do not fade (ablation only)


@dataclass
class Suggestion:
    contact_id: int
    name: str
    score: float
    direct: bool
    path: list[str]
    reasons: list[str]
    topical: float = 0.0
    history: float = 0.0
    reach: float = 0.0
    cautions: list[str] = field(default_factory=list)  # what speaks against asking them now
    away_until: str | None = None  # a day; set only while they are away

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "direct": self.direct,
            "path": self.path,
            "reasons": self.reasons,
            "cautions": self.cautions,
            "away_until": self.away_until,
        }


@dataclass
class Reading:
    """How the problem was read: its areas, primary first, and how sure that reading is.

    *weights* are what the ranking uses (primary 1, secondaries at most secondary_weight);
    *scores* are the tagger's scores of the candidate areas; *confidence* is in [0, 1];
    *source* is "tagger", "given" (--skill) or "none" (nothing recognised)."""

    weights: list[tuple[str, float]]
    scores: list[tuple[str, float]] = field(default_factory=list)
    confidence: float = 0.0
    sure: bool = False
    source: str = "tagger"

    @property
    def primary(self) -> str | None:
        return self.weights[0][0] if self.weights else None


@dataclass
class AreaPeople:
    """People for one candidate area, when the reading is not sure which area it is."""

    skill: str
    score: float
    people: list[Suggestion]


@dataclass
class AskResult:
    skills: list[tuple[str, float]]
    people: list[Suggestion]
    similar_wins: list[Match[Win]] = field(default_factory=list)  # above the relevance floor
    hints: list[str] = field(default_factory=list)
    skipped_do_not_ask: list[str] = field(default_factory=list)
    search_query: str = ""  # what to type into a search engine (growthdesk.assist.query)
    reading: Reading | None = None
    by_area: list[AreaPeople] = field(default_factory=list)  # filled when the reading is unsure


def _helped(wins: Sequence[Win]) -> list[Win]:
    """The wins someone helped with, the only ones that are evidence (a C loop over 25,000)."""
    try:
        return list(compress(wins, map(_HELPED_BY, wins)))
    except KeyError:  # a record without the field: read it leniently
        return [w for w in wins if w.get("helped_by")]


_HELPED_BY = itemgetter("helped_by")


def _shared_stems(stems: set[str], text: str, memo: dict[str, set[str]]) -> set[str]:
    """stems & the stems of *text*, without tokenising texts that cannot share a stem.

    A stem is the start of a folded word, so it must occur in the folded text as a substring;
    most helped wins contain none of the problem's stems and are settled by `in` alone.
    """
    shared = memo.get(text)
    if shared is None:
        folded = fold(text)
        shared = stems & text_stems(folded) if any(s in folded for s in stems) else set()
        memo[text] = shared  # helpdesk texts repeat: settle each distinct text once
    return shared


def _help_rows(
    wins: Sequence[Win], stems: set[str], memo: dict[str, set[str]]
) -> Iterator[tuple[str, Any, list[Any], int]]:
    """HelpedWins.matching over win records: (day, helpers, skills, shared stems) of each."""
    for win in wins:
        shared = len(_shared_stems(stems, help_text(win), memo)) if stems else 0
        yield str(win.get("when", ""))[:10], win["helped_by"], list(win.get("skills") or []), shared


def _evidence(
    suggest: Callable[..., SkillScores] | None, text: str, model: Any
) -> list[tuple[str, float, float]]:
    """(area, tagger score, evidence) best first. The tagger's scores are squashed
    (raw/(raw+K)), so 0.73 vs 0.46 hides a 3× difference in evidence: undo the squash."""
    if suggest is None:
        from growthdesk.skills.tagger import suggest as tagger_suggest

        suggest = tagger_suggest
    scored = [(str(s), float(v)) for s, v in suggest(text, model) if float(v) > 0]
    out = [(s, v, v / (1.0 - v) if v < 1.0 else 1e6) for s, v in scored]
    out.sort(key=lambda sve: -sve[2])
    return out


def query_skills(
    text: str, suggest: Callable[..., SkillScores] | None = None, model: Any = None, limit: int = 3
) -> list[tuple[str, float]]:
    """The query's skill areas, weights summing to 1: areas with at least 40% of the best
    evidence (at most *limit*), weighted by evidence."""
    evidence = _evidence(suggest, text, model)
    if not evidence:
        return []
    best = evidence[0][2]
    kept = [(s, e) for s, _v, e in evidence[:limit] if e >= 0.4 * best]
    total = sum(e for _s, e in kept)
    return [(s, e / total) for s, e in kept]


def read_problem(
    text: str,
    suggest: Callable[..., SkillScores] | None = None,
    model: Any = None,
    params: RankParams = RankParams(),
    threshold: float | None = None,
) -> Reading:
    """The primary area (weight 1), secondary areas with at least 40% of its evidence as
    weaker evidence (at most secondary_weight × their share), and how sure the reading is.

    Confidence = strength × (1 + margin) / 2: strength is the primary's score against the
    tagger's own threshold (one plain keyword = 1), margin how far the runner-up trails
    ((best − second) / best). A lone clear keyword is sure (1.0); two areas with equal
    evidence are a coin toss (0.5 at most)."""
    if threshold is None:
        from growthdesk.skills.tagger import THRESHOLD

        threshold = THRESHOLD
    evidence = _evidence(suggest, text, model)
    if not evidence:
        return Reading(weights=[], source="none")
    primary, best_score, best = evidence[0]
    weights = [(primary, 1.0)]
    for s, _v, e in evidence[1 : params.max_query_skills]:
        if e >= 0.4 * best:
            weights.append((s, params.secondary_weight * e / best))
    runner = evidence[1][2] if len(evidence) > 1 else 0.0
    strength = min(1.0, best_score / threshold) if threshold > 0 else 1.0
    confidence = strength * (1.0 + (best - runner) / best) / 2.0
    return Reading(
        weights=weights,
        scores=[(s, v) for s, v, _e in evidence[:3]],
        confidence=round(confidence, 3),
        # Below the tagger's own threshold it would not even tag the win: never sure then.
        sure=best_score >= threshold and confidence >= params.sure_at,
    )


def _decay(day: str, today: date, half_life: float) -> float:
    try:
        age = (today - date.fromisoformat(day[:10])).days
    except ValueError:
        return 0.0
    return 0.5 ** (max(0, age) / half_life)


def _away(contact: Contact, today: str) -> str | None:
    """The day a contact is away until, while that day has not passed (it is inclusive)."""
    until = contact.get("away_until")
    return str(until) if until and str(until)[:10] >= today else None


def _ago(days: int) -> str:
    if days == 0:
        return _("last talked today")
    if days == 1:
        return _("last talked yesterday")
    return _("last talked {n} days ago", n=days)


def rank(
    text: str,
    *,
    contacts: Sequence[Contact],
    links: Sequence[Link],
    wins: Sequence[Win] | HelpedWins,
    interactions: Sequence[Interaction],
    events: Sequence[Event] | None = None,
    today: date,
    skills: list[tuple[str, float]] | None = None,
    top: int = 5,
    kind: str | None = None,
    params: RankParams = RankParams(),
    suggest: Callable[..., SkillScores] | None = None,
    model: Any = None,
    reading: Reading | None = None,
    memo: dict[str, Any] | None = None,
) -> AskResult:
    """Rank contacts for problem *text*. *skills* (or a *reading*) overrides the tagger.
    *wins*: the win records, or only the helped ones from the month summaries (the same
    answer).

    *memo* (a dict the caller keeps) shares what does not depend on the areas between several
    rankings of one problem over the same records: the helped wins and the reach."""
    memo = {} if memo is None else memo
    if not text.strip():
        raise InputError(_("describe the problem: the ask text is empty"))
    if top < 1:
        raise InputError(_("--top must be at least 1"))
    if reading is None:
        reading = (
            Reading(weights=list(skills), confidence=1.0, sure=True, source="given")
            if skills is not None
            else read_problem(text, suggest, model, params)
        )
    q = reading.weights
    qmap = dict(q)
    words = _words(text)
    stems = {stem(w) for w in words}
    by_id = {int(c["id"]): c for c in contacts}

    # --- W: help evidence per contact, one pass over the helped wins ------------------------
    # The same words as the problem ("toner", "AnyConnect") are evidence too, and they do not
    # depend on the tagger reading the query right.
    by_text = stems if stems and params.text_weight > 0 else set()
    helped_on: dict[int, list[tuple[str, float, list[str]]]] = {}
    if isinstance(wins, HelpedWins):
        n_helped_wins = len(wins)
        rows = wins.matching(qmap, by_text)  # the others have no area or stem: they weigh 0
    else:
        if "helped" not in memo:
            memo["helped"] = _helped(wins)
        n_helped_wins = len(memo["helped"])
        rows = _help_rows(memo["helped"], by_text, {})
    for day, helpers, all_skills, shared in rows:
        win_skills = [s for s in all_skills if s in qmap]
        overlap = sum(qmap[s] for s in win_skills) / max(1, len(all_skills))
        if by_text:
            overlap = max(overlap, params.text_weight * shared / len(stems))
            if shared and not win_skills:
                win_skills = all_skills
        if overlap <= 0.0:
            continue
        for raw in helpers:
            helped_on.setdefault(int(raw), []).append((day, overlap, win_skills))
    lam = (
        params.lambda_max * n_helped_wins / (n_helped_wins + params.k)
        if params.use_history
        else 0.0
    )

    # --- recent asks ------------------------------------------------------------------------
    recent_asks: dict[int, int] = {}
    for inter in interactions:
        if inter.get("kind") != "asked":
            continue
        try:
            age = (today - date.fromisoformat(str(inter.get("when", ""))[:10])).days
        except ValueError:
            continue
        if 0 <= age <= params.recent_days:
            cid = int(inter["contact"])
            recent_asks[cid] = recent_asks.get(cid, 0) + 1

    # --- candidates by evidence -------------------------------------------------------------
    # Reasons are only built for the people shown (top N): labels and strings cost time at
    # thousands of contacts.
    Candidate = tuple[int, float, float, float, list[tuple[str, int]], set[str], set[str]]
    scored: list[Candidate] = []
    skipped: list[str] = []
    org_memo: dict[str, set[str]] = {}  # a few organisations shared by thousands of contacts
    decay_memo: dict[str, float] = {}

    def decay(day: str) -> float:
        # One date parse per distinct day, not one per helped win and helper.
        d = decay_memo.get(day)
        if d is None:
            d = decay_memo[day] = (
                _decay(day, today, params.half_life_days) if params.use_recency else 1.0
            )
        return d

    for cid, contact in by_id.items():
        if kind and contact.get("kind") != kind:
            continue
        specs = contact.get("specialties") or {}
        matched = [(s, int(specs[s])) for s in qmap if s in specs] if specs else []
        if len(matched) > 1:
            matched.sort(key=lambda sl: -qmap[sl[0]])
        # Convex in level: a 5 is the go-to person, a 3 "knows a bit" (0.36), not 60% of an expert.
        t_spec = sum(qmap[s] * (level / 5.0) ** 2 for s, level in matched)
        notes, org = contact.get("notes"), contact.get("org")
        note_words = words & _words(str(notes)) if notes and words else set()
        if org and words:
            org_key = str(org)
            org_tokens = org_memo.get(org_key)
            if org_tokens is None:
                org_tokens = org_memo[org_key] = _words(org_key)
            org_words = words & org_tokens
        else:
            org_words = set()
        hits = len(note_words | org_words)
        t_notes = min(1.0, 0.5 * hits) if hits else 0.0
        topical = min(1.0, t_spec + 0.3 * t_notes)
        evidence = helped_on.get(cid, [])
        w_raw = sum(overlap * decay(day) for day, overlap, _s in evidence)
        history = 1.0 - math.exp(-w_raw / params.w_scale) if params.use_history else 0.0
        e = (1.0 - lam) * topical + lam * history if params.use_history else topical
        if params.use_history and topical == 0.0:
            # No declared specialty but real help history: history alone is the evidence.
            e = max(e, 0.5 * history)
        if e < params.min_evidence:
            continue
        if contact.get("do_not_ask"):
            skipped.append(str(contact["name"]))
            continue
        scored.append((cid, e, topical, history, matched, note_words, org_words))

    # --- reach and final score --------------------------------------------------------------
    reach_of: dict[Any, tuple[float, list[Any]]] = {}
    if scored and params.use_reach:
        # Pure-Python Dijkstra: importing networkx alone would cost ~0.3 s of every `ask`.
        tau = params.tau_days if params.use_recency else 1e12  # no recency: ties never fade
        key = f"reach {tau} {params.gamma}"
        if key not in memo:
            memo[key] = reach_from(contacts, links, today, GraphParams(tau, params.gamma))
        reach_of = memo[key]
    ranked: list[tuple[float, str, Candidate]] = []
    for cand in scored:
        cid, e = cand[0], cand[1]
        r = reach_of.get(cid, (0.0, []))[0]
        factor = params.beta + (1.0 - params.beta) * r if params.use_reach else 1.0
        asks = recent_asks.get(cid, 0) if params.use_recent_penalty else 0
        ranked.append((e * factor / (1.0 + params.rho * asks), fold(str(by_id[cid]["name"])), cand))
    # Only the top N are shown: nsmallest is sorted(...)[:top] (stable) without sorting them all.
    shown = heapq.nsmallest(top, ranked, key=lambda item: (-item[0], item[1]))
    # Away people keep their place among themselves, below everyone available (stable sort).
    today_iso = today.isoformat()
    away_of = {cid: _away(by_id[cid], today_iso) for _s, _k, (cid, *_rest) in shown}
    shown.sort(key=lambda item: away_of[item[2][0]] is not None)

    people: list[Suggestion] = []
    for score, _key, (cid, _e, topical, history, matched, note_words, org_words) in shown:
        contact = by_id[cid]
        r, path_ids = reach_of.get(cid, (0.0, []))
        names = [str(by_id[n]["name"]) for n in path_ids if n != ME and n in by_id]
        # Direct = you know them yourself; the best path may still run through someone warmer.
        direct = bool(contact.get("strength"))
        reasons: list[str] = []
        if matched:
            reasons.append(
                _(
                    "knows {areas}",
                    areas=", ".join(f"{skill_label(s)} ({lvl}/5)" for s, lvl in matched),
                )
            )
        if org_words:
            reasons.append(_("works at {org}", org=contact.get("org")))
        if note_words:
            reasons.append(
                _(
                    "notes mention {words}",
                    words=", ".join(f"'{w}'" for w in sorted(note_words)[:3]),
                )
            )
        evidence = helped_on.get(cid, [])
        if evidence and params.use_history:
            counts: dict[str, int] = {}
            for _d, _o, ss in evidence:
                for s in ss:
                    counts[s] = counts.get(s, 0) + 1
            last = max(day for day, _o, _s in evidence)
            if counts:
                main = max(counts, key=lambda s: (counts[s], qmap.get(s, 0.0), s))
                reasons.append(
                    _(
                        "helped you {n}× on {area}, last on {day}",
                        n=len(evidence),
                        area=skill_label(main),
                        day=show_day(last),
                    )
                )
            else:  # only wins without an area, found by their words
                reasons.append(
                    _("helped you {n}×, last on {day}", n=len(evidence), day=show_day(last))
                )
        if direct and contact.get("last_contact"):
            # Only a real conversation counts: adding someone is not talking to them.
            days = days_since({"last_contact": contact["last_contact"]}, today)
            if days is not None:
                reasons.append(_ago(days))
        if params.use_reach and (len(names) > 1 or not direct):
            if names and direct:
                reasons.append(
                    _(
                        "you know them yourself, but {path} is the warmer way in",
                        path=" → ".join(names),
                    )
                )
            elif names:
                reasons.append(_("via {path}", path=" → ".join(names)))
            else:
                reasons.append(_("no warm way to reach them: link them to someone you know"))
        cautions: list[str] = []
        away = away_of[cid]
        if away is not None:
            cautions.append(_("away until {day}", day=away))
        asks = recent_asks.get(cid, 0) if params.use_recent_penalty else 0
        if asks:
            cautions.append(
                _(
                    "already asked {n}× in the last {days} days: spread the load",
                    n=asks,
                    days=params.recent_days,
                )
            )
        people.append(
            Suggestion(
                contact_id=cid,
                name=str(contact["name"]),
                score=score,
                direct=direct,
                path=names if names else [str(contact["name"])],
                reasons=reasons,
                topical=topical,
                history=history,
                reach=r,
                cautions=cautions,
                away_until=away,
            )
        )
    result = AskResult(
        skills=list(q), people=people, skipped_do_not_ask=sorted(skipped), reading=reading
    )
    if not result.people:
        result.hints = where_to_look(text, q, contacts, links, events or [])
    return result


def ask(
    text: str,
    *,
    contacts: Sequence[Contact],
    links: Sequence[Link],
    wins: Sequence[Win] | WinIndex,
    interactions: Sequence[Interaction],
    events: Sequence[Event],
    today: date,
    top: int = 5,
    kind: str | None = None,
    model: Any = None,
    similar: int = 3,
    params: RankParams = RankParams(),
    skill: str | None = None,
    per_area: int = 3,
    suggest: Callable[..., SkillScores] | None = None,
) -> AskResult:
    """rank() plus your own most similar past wins (growthdesk.worklog.similar) and the web
    search query for the problem (growthdesk.assist.query).

    *skill* forces the area (no tagger). When the reading is not sure and there are several
    candidate areas, *by_area* holds the best *per_area* people for each of them."""
    if not text.strip():
        raise InputError(_("describe the problem: the ask text is empty"))
    reading = (
        Reading(weights=[(skill, 1.0)], confidence=1.0, sure=True, source="given")
        if skill is not None
        else read_problem(text, suggest, model, params)
    )
    common: dict[str, Any] = {
        "contacts": contacts,
        "links": links,
        # The month summaries' helped wins: all that rank reads of the wins.
        "wins": wins.helped() if isinstance(wins, WinIndex) else wins,
        "interactions": interactions,
        "events": events,
        "today": today,
        "kind": kind,
        "params": params,
        "memo": {},
    }
    result = rank(text, top=top, reading=reading, **common)
    if not reading.sure and len(reading.weights) > 1:
        # Each list on its area alone: shared words would bring in the same helpers everywhere.
        common["params"] = replace(params, text_weight=0.0)
        for area, _w in reading.weights:
            alone = Reading(weights=[(area, 1.0)], source="candidate")
            people = rank(text, top=per_area, reading=alone, **common).people
            score = dict(reading.scores).get(area, 0.0)
            result.by_area.append(AreaPeople(skill=area, score=score, people=people))
    if similar > 0 and wins:
        from growthdesk.worklog.similar import similar as similar_wins

        result.similar_wins = similar_wins(text, wins, similar)
    from growthdesk.assist.query import build_query

    q = build_query(text, names=[str(c["name"]) for c in contacts])
    result.search_query = "" if q.vague() else q.text(q.best_lang())
    return result
