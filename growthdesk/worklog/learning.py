"""The learning log: blogs, reading, courses, labs, side projects, certifications and events.

Learning counts toward the skill distribution at a lower weight than wins (see
:mod:`growthdesk.career.analysis`). A certification whose title names one of a track's certifications
("CCNA", "AZ-104", "Security+") counts toward that track. Habits (a blog with the morning
coffee, a side project in the evening) show up as streaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from growthdesk.career.tracks import Certification, match_certification
from growthdesk.core.dates import check_past
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.records import KEEP, LearningEntry
from growthdesk.core.text import TEXT, fold
from growthdesk.worklog import wins
from growthdesk.worklog.streaks import streaks as streaks_of
from growthdesk.worklog.wins import validate_skills, validate_text

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = [
    "KINDS",
    "MAX_LEARN_MINUTES",
    "HABITS",
    "LearningDraft",
    "Streak",
    "validate_kind",
    "validate_minutes",
    "validate_url",
    "prepare",
    "add",
    "edit",
    "remove",
    "entries",
    "streaks",
]

KINDS: tuple[str, ...] = (
    "blog",
    "reading",
    "course",
    "lab",
    "side-project",
    "certification",
    "event",
)
# Words people type for a kind.
_KIND_ALIASES = {
    "cert": "certification",
    "certificate": "certification",
    "exam": "certification",
    "book": "reading",
    "article": "reading",
    "read": "reading",
    "project": "side-project",
    "sideproject": "side-project",
    "training": "course",
    "webinar": "event",
    "meetup": "event",
    "conference": "event",
    "post": "blog",
}
MAX_LEARN_MINUTES = 6000  # 100 hours: a long course logged at once; more is a typo
MAX_TITLE = TEXT  # one line, like a win's problem
MAX_URL = 2000

# habit -> (kinds that count, hours of the day that count, end exclusive)
HABITS: dict[str, tuple[frozenset[str], range]] = {
    "morning_blog": (frozenset({"blog", "reading"}), range(0, 12)),
    "evening_project": (frozenset({"side-project", "lab"}), range(17, 24)),
}


@dataclass
class LearningDraft:
    """A validated learning entry before it is stored."""

    record: LearningEntry
    skills_from: str  # "manual" | "certification" | "auto" | "none" (nothing recognised)
    certification: Certification | None = None
    tracks: tuple[str, ...] = ()
    ranked: list[tuple[str, float]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Streak:
    habit: str
    current: int  # days in the run up to today (weekend gaps do not break it)
    longest: int
    days: int  # days with the habit in all
    last: str | None


def validate_kind(kind: str) -> str:
    value = fold(kind).replace("_", "-").replace(" ", "-")
    value = _KIND_ALIASES.get(value.replace("-", ""), _KIND_ALIASES.get(value, value))
    if value not in KINDS:
        raise InputError(
            _("unknown kind '{k}'; use one of {kinds}.", k=kind, kinds=", ".join(KINDS))
            + did_you_mean(kind, KINDS)
        )
    return value


def validate_minutes(minutes: float | int | str | None) -> int | None:
    return wins.validate_minutes(
        minutes,
        limit=MAX_LEARN_MINUTES,
        hint=_(" (100 hours); log a long course in parts"),
    )


def validate_url(url: str | None) -> str | None:
    if url is None:
        return None
    value = url.strip()
    if not value:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(_("'{url}' is not a web address (http:// or https://)", url=url))
    if len(value) > MAX_URL or any(c.isspace() for c in value):
        raise InputError(_("'{url}' is not a valid web address", url=url))
    return value


def _autotag(
    text: str, model: dict[str, Any] | None
) -> tuple[list[tuple[str, float]], list[str]] | None:
    """The tagger's (ranked, skills) if the tagger module exists, else None."""
    try:
        from growthdesk.skills import tagger
    except ImportError:
        return None
    try:
        ranked = tagger.suggest(text, model=model)
    except TypeError:  # a tagger without per-user models
        ranked = tagger.suggest(text)
    skills, confident = tagger.decide(ranked)
    return list(ranked), (list(skills) if confident else [])


def prepare(
    title: str,
    kind: str,
    now: datetime,
    *,
    skills: Sequence[str] = (),
    minutes: float | int | str | None = None,
    url: str | None = None,
    when: datetime | None = None,
    model: dict[str, Any] | None = None,
) -> LearningDraft:
    """Validate a learning entry and work out its skills (given, certification, or tagger)."""
    text = validate_text(title, "learning", limit=MAX_TITLE)
    kind_id = validate_kind(kind)
    moment = check_past(when, now, _("learning")) if when is not None else now
    track_ids, cert = match_certification(text)
    warnings: list[str] = []
    ranked: list[tuple[str, float]] = []
    chosen = validate_skills(skills)
    source = "manual"
    if not chosen and cert is not None:
        chosen, source = list(cert.skills), "certification"
    if not chosen:
        tagged = _autotag(text, model)
        if tagged is not None:
            ranked, chosen = tagged
            source = "auto"
    if not chosen:
        # Kept like an untagged win: refusing would lose what the user learned.
        source = "none"
        warnings.append(
            _(
                "cannot tell which skill area '{t}' is about; logged without one "
                "(give --skill ID next time, see `growthdesk skills`)",
                t=text if len(text) <= 40 else text[:39] + "…",
            )
        )
    if kind_id == "certification" and cert is None:
        warnings.append(
            _(
                "'{t}' is not a certification growthdesk knows; it counts as learning, "
                "not toward a track",
                t=text,
            )
        )
    record: LearningEntry = {
        "when": moment.isoformat(timespec="seconds"),
        "kind": kind_id,
        "title": text,
        "skills": chosen,
        "minutes": validate_minutes(minutes),
        "url": validate_url(url),
    }
    return LearningDraft(record, source, cert, track_ids, ranked, warnings)


def add(store: Store, draft: LearningDraft) -> LearningEntry:
    """Store a prepared entry; returns it with its id."""
    title = draft.record["title"]
    label = _("learn: {t}", t=title if len(title) <= 40 else title[:39] + "…")
    with store.transaction(label) as tx:
        new_id = tx.insert("learning", draft.record)
    stored: LearningEntry = {"id": new_id, **draft.record}
    return stored


def edit(
    store: Store,
    entry_id: int,
    now: datetime,
    *,
    title: str | None = None,
    kind: str | None = None,
    skills: Sequence[str] | None = None,
    minutes: float | int | str | None = None,
    url: str | None | object = KEEP,
    when: datetime | None = None,
) -> LearningEntry:
    """Change the given fields of an entry, checked as on add; one undo step.

    The skills stay as they are unless given (a new title is not re-tagged behind your back).
    An empty *url* clears the link.
    """
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = validate_text(title, "learning", limit=MAX_TITLE)
    if kind is not None:
        changes["kind"] = validate_kind(kind)
    if skills is not None:
        changes["skills"] = validate_skills(skills)
        if not changes["skills"]:
            raise InputError(_("give at least one skill"))
    if minutes is not None:
        changes["minutes"] = validate_minutes(minutes)
    if url is not KEEP:
        changes["url"] = validate_url(cast("str | None", url))
    if when is not None:
        changes["when"] = check_past(when, now, _("learning")).isoformat(timespec="seconds")
    if not changes:
        raise InputError(_("nothing to change: give at least one option, e.g. --minutes 30"))
    with store.transaction(_("edit learning #{id}", id=entry_id)) as tx:
        return cast(LearningEntry, tx.update("learning", entry_id, changes))


def remove(store: Store, entry_ids: Iterable[int]) -> list[LearningEntry]:
    """Remove entries in one transaction (one undo step); an unknown id removes none of them."""
    ids = list(dict.fromkeys(int(i) for i in entry_ids))
    if not ids:
        raise InputError(_("give at least one learning id"))
    label = _("remove learning {ids}", ids=" ".join(f"#{i}" for i in ids))
    with store.transaction(label) as tx:
        return cast("list[LearningEntry]", tx.remove_many("learning", ids))


def entries(
    learning: Iterable[LearningEntry],
    *,
    kind: str | None = None,
    skill: str | None = None,
    limit: int | None = None,
) -> list[LearningEntry]:
    """Learning entries, newest first, optionally filtered."""
    rows = [
        r.copy()
        for r in learning
        if (kind is None or r.get("kind") == kind)
        and (skill is None or skill in (r.get("skills") or ()))
    ]
    rows.sort(key=lambda r: (str(r.get("when") or ""), r.get("id", 0)), reverse=True)
    return rows[:limit] if limit else rows


def streaks(learning: Iterable[LearningEntry], now: datetime) -> list[Streak]:
    """The morning-blog and evening-project habits as streaks (reporting.streaks' one rule)."""
    by_habit: dict[str, set[str]] = {h: set() for h in HABITS}
    for item in learning:
        when = item.get("when")
        kind = item.get("kind")
        if not isinstance(when, str) or len(when) < 13:
            continue
        try:
            date.fromisoformat(when[:10])
            hour = int(when[11:13])  # local time as written (the entry's own offset)
        except ValueError:
            continue
        for habit, (kinds, hours) in HABITS.items():
            if kind in kinds and hour in hours:
                by_habit[habit].add(when[:10])
    out = []
    for habit, days in by_habit.items():
        run = streaks_of(days, now.date())
        out.append(Streak(habit, run["current"], run["longest"], len(days), run["last"]))
    return out
