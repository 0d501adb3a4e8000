"""Daily wins: validate, auto-tag, store, list, edit and remove solved problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from growthdesk.core.dates import check_past
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.minutes import is_plain_number, parse_minutes
from growthdesk.core.months import months_between
from growthdesk.core.records import Win
from growthdesk.core.text import LONG_TEXT, SHORT_TEXT, TEXT, check_text, fold
from growthdesk.skills.validate import validate_skill

if TYPE_CHECKING:
    from growthdesk.store import Store, Transaction

__all__ = [
    "WinDraft",
    "MAX_MINUTES",
    "MAX_TEXT",
    "validate_text",
    "validate_minutes",
    "validate_skills",
    "prepare",
    "add",
    "edit",
    "remove",
    "remove_many",
    "query",
    "ticket_key",
    "wins_with_ticket",
    "teach_tagger",
    "public",
]

# Derived fields kept in the store for speed; not part of what a user sees or edits.
_DERIVED = ("terms",)


def public(win: Mapping[str, Any]) -> dict[str, Any]:
    """A win as shown to users (`--json`): the stored record without derived index fields."""
    return {k: v for k, v in win.items() if k not in _DERIVED}


MAX_MINUTES = 1440  # one working day and night; more is a typo or not one win
MAX_TEXT = TEXT
MAX_SOLUTION = LONG_TEXT


@dataclass
class WinDraft:
    """A validated win before it is stored, with the tagger's view of it."""

    record: Win
    helpers: list[str] = field(default_factory=list)
    ranked: list[tuple[str, float]] = field(default_factory=list)
    confident: bool = True
    created_contacts: list[str] = field(default_factory=list)  # helpers new to the store

    def pick(self, skills: list[str]) -> None:
        """Skills the user picked among the suggestions: set by hand, so the tagger learns them."""
        self.record["skills"] = list(skills)
        if skills:
            self.record["skills_source"] = "manual"


def _text_name(what: str) -> str:
    """'problem' -> 'problem text', in the interface language (the messages name the field)."""
    names = {
        "problem": _("problem text"),
        "solution": _("solution text"),
        "tag": _("tag text"),
        "ticket": _("ticket text"),
        "helper name": _("helper name text"),
        "--for name": _("--for name text"),
        "plain-words": _("plain-words text"),
        "learning": _("learning text"),
    }
    return names.get(what) or f"{what} text"


def validate_text(
    text: str, what: str = "problem", *, limit: int = MAX_TEXT, multiline: bool = False
) -> str:
    """Non-empty text within *limit*, without control characters (core.text.check_text).
    *what* names the field: one of the keys of _text_name."""
    value = check_text(text, _text_name(what), limit, multiline=multiline)
    if not value:
        raise InputError(_("the {what} is empty", what=_text_name(what)))
    return value


def validate_minutes(
    minutes: float | int | str | None, *, limit: int = MAX_MINUTES, hint: str | None = None
) -> int | None:
    """Whole minutes (at least 1) from user input; *hint* explains the *limit* in the error."""
    if minutes is None:
        return None
    if isinstance(minutes, str):
        value = parse_minutes(minutes)  # '90', '1h30', '1u30', '1:30', '1,5u', 'anderhalf uur'
    else:
        try:
            value = float(minutes)
        except (TypeError, ValueError):
            raise InputError(_("minutes must be a number, not '{v}'", v=minutes)) from None
    if value != value or value <= 0:  # NaN or not positive
        raise InputError(_("minutes must be more than 0, not {v}", v=minutes))
    if value > limit:
        if isinstance(minutes, str) and not is_plain_number(minutes):
            # '25h', '30:00': say what it came to, since the user did not type minutes
            message = _(
                "'{v}' is {n} minutes, more than the limit of {max}",
                v=minutes,
                n=round(value),
                max=limit,
            )
        else:
            message = _("{v} minutes is more than the limit of {max}", v=minutes, max=limit)
        raise InputError(message + (hint if hint is not None else _(" (24 hours)")))
    return max(1, round(value))


def validate_skills(skills: Iterable[str]) -> list[str]:
    """Valid skill ids, in order, without repeats."""
    return list(dict.fromkeys(validate_skill(raw) for raw in skills))


def _validate_tags(tags: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in tags:
        tag = validate_text(raw, "tag", limit=SHORT_TEXT).lower()
        if tag not in out:
            out.append(tag)
    return out


def prepare(
    text: str,
    *,
    now: datetime,
    when: datetime | None = None,
    minutes: float | int | str | None = None,
    skills: Iterable[str] = (),
    helped_by: Iterable[str] = (),
    ticket: str | None = None,
    solution: str | None = None,
    tags: Iterable[str] = (),
    escalated: bool = False,
    source: str = "manual",
    model: dict[str, Any] | None = None,
    requester: str | None = None,
    solution_plain: str | None = None,
) -> WinDraft:
    """Validate everything and auto-tag if no skill is given. Touches no files.

    *requester* (whom it was for) and *solution_plain* (the solution in plain words) are
    stored only when given."""
    problem = validate_text(text)
    if solution_plain is not None and not solution:
        raise InputError(_("--for-user explains the solution in plain words: give --solution too"))
    chosen = validate_skills(skills)
    record: Win = {
        "when": check_past(when or now, now, _("a win")).isoformat(timespec="seconds"),
        "problem": problem,
        "solution": validate_text(solution, "solution", limit=MAX_SOLUTION, multiline=True)
        if solution
        else None,
        "skills": chosen,
        "skills_source": "manual" if chosen else "auto",
        "minutes": validate_minutes(minutes),
        "helped_by": [],
        "ticket": validate_text(ticket, "ticket", limit=SHORT_TEXT) if ticket else None,
        "source": source,
        "tags": _validate_tags(tags),
        "escalated": bool(escalated),
    }
    if requester is not None:
        record["requester"] = validate_text(requester, "--for name", limit=SHORT_TEXT)
    if solution_plain is not None:
        record["solution_plain"] = _plain(solution_plain)
    helpers = [validate_text(h, "helper name", limit=SHORT_TEXT) for h in helped_by]
    draft = WinDraft(record=record, helpers=helpers)
    if not chosen:
        draft.ranked, record["skills"], draft.confident = _autotag(
            problem, record["solution"], model
        )
    return draft


def _plain(text: str) -> str:
    return validate_text(text, "plain-words", limit=MAX_SOLUTION, multiline=True)


def _autotag(
    problem: str, solution: str | None, model: dict[str, Any] | None
) -> tuple[list[tuple[str, float]], list[str], bool]:
    """(ranked suggestions, skills to apply, confident?). Never guesses below the threshold."""
    from growthdesk.skills import tagger

    text = problem if not solution else f"{problem}. {solution}"
    ranked = tagger.suggest(text, model=model)
    skills, confident = tagger.decide(ranked)
    return ranked, (skills if confident else []), confident and bool(skills)


def teach_tagger(
    tx: Transaction, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> None:
    """Keep the per-user tagger model in step with hand-set skills.

    *old* is the win as it was (None for a new win), *new* as it will be (None when removed).
    Only skills set by hand were ever learned, so only those are forgotten.
    """
    was_manual = old is not None and old.get("skills_source") == "manual"
    is_manual = new is not None and new.get("skills_source") == "manual"
    if not was_manual and not is_manual:
        return
    from growthdesk.skills import tagger

    model = tx.model("tagger")
    if is_manual and new is not None:
        before = old or {"problem": "", "skills": [], "skills_source": "auto"}
        model = tagger.correct(
            model,
            before["problem"],
            before["skills"],
            before.get("skills_source", "auto"),
            new["problem"],
            new["skills"],
        )
    elif old is not None:
        model = tagger.unlearn(model, old["problem"], old["skills"])
    else:
        return
    tx.set_model("tagger", model)


def add(
    store: Store,
    draft: WinDraft,
    *,
    now: datetime,
    allow_new_close: bool = False,
    new_helpers: bool = False,
) -> Win:
    """Store a prepared win (and its helpers) in one transaction. Returns the stored record.

    Helpers are credited on the win's day; the ones created are in draft.created_contacts.
    *new_helpers*: a helper's name is a new person unless spelled exactly like a contact."""
    record = draft.record.copy()
    stamp = now.isoformat(timespec="seconds")
    record["created"] = record["updated"] = stamp
    with store.transaction(_("log win: {text}", text=_short(record["problem"]))) as tx:
        if draft.helpers:
            from growthdesk.network import contacts

            record["helped_by"], draft.created_contacts = contacts.credit_helpers(
                tx,
                draft.helpers,
                now,
                when=datetime.fromisoformat(record["when"]),
                allow_new_close=allow_new_close,
                new=new_helpers,
            )
        record["id"] = tx.insert("wins", record)
        teach_tagger(tx, None, record)
    return record


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def edit(
    store: Store,
    win_id: int,
    *,
    now: datetime,
    text: str | None = None,
    when: datetime | None = None,
    minutes: float | int | str | None = None,
    skills: Iterable[str] | None = None,
    ticket: str | None = None,
    solution: str | None = None,
    tags: Iterable[str] | None = None,
    escalated: bool | None = None,
    helped_by: Iterable[str] | None = None,
    requester: str | None = None,
    solution_plain: str | None = None,
    created_contacts: list[str] | None = None,
) -> dict[str, Any]:
    """Change the given fields of a win; skills given here count as a correction. An empty
    *requester* or *solution_plain* clears it. Helpers are credited on the win's day; the
    names of those created go to *created_contacts*."""
    changes: dict[str, Any] = {}
    if requester is not None:
        changes["requester"] = (
            validate_text(requester, "--for name", limit=SHORT_TEXT) if requester.strip() else None
        )
    if solution_plain is not None:
        changes["solution_plain"] = _plain(solution_plain) if solution_plain.strip() else None
    if text is not None:
        changes["problem"] = validate_text(text)
    if when is not None:
        changes["when"] = check_past(when, now, _("a win")).isoformat(timespec="seconds")
    if minutes is not None:
        changes["minutes"] = validate_minutes(minutes)
    if ticket is not None:
        changes["ticket"] = validate_text(ticket, "ticket", limit=SHORT_TEXT)
    if solution is not None:
        changes["solution"] = validate_text(
            solution, "solution", limit=MAX_SOLUTION, multiline=True
        )
    if tags is not None:
        changes["tags"] = _validate_tags(tags)
    if escalated is not None:
        changes["escalated"] = escalated
    new_skills = validate_skills(skills) if skills is not None else None
    if new_skills is not None and not new_skills:
        raise InputError(_("give at least one skill"))
    helpers = (
        [validate_text(h, "helper name", limit=SHORT_TEXT) for h in helped_by]
        if helped_by is not None
        else None
    )
    if not changes and new_skills is None and helpers is None:
        raise InputError(_("nothing to change: give at least one option, e.g. --minutes 10"))
    with store.transaction(_("edit win #{id}", id=win_id)) as tx:
        current = tx.win(win_id)
        if changes.get("solution_plain") and not changes.get("solution", current.get("solution")):
            raise InputError(
                _("--for-user explains the solution in plain words: give --solution too")
            )
        if new_skills is not None:
            changes["skills"] = new_skills
            changes["skills_source"] = "manual"
        if new_skills is not None or "problem" in changes:
            teach_tagger(tx, current, {**current, **changes})
        if helpers is not None:
            from growthdesk.network import contacts

            changes["helped_by"], created = contacts.credit_helpers(
                tx, helpers, now, when=datetime.fromisoformat(changes.get("when", current["when"]))
            )
            if created_contacts is not None:
                created_contacts.extend(created)
        changes["updated"] = now.isoformat(timespec="seconds")
        return tx.update("wins", win_id, changes)


def remove(store: Store, win_id: int) -> Win:
    """Remove one win (see remove_many)."""
    return remove_many(store, [win_id])[0]


def remove_many(store: Store, win_ids: Iterable[int]) -> list[Win]:
    """Remove wins in one transaction (one undo step); an unknown id removes none of them.

    Kudos that pointed at a removed win keep their text but lose the link.
    """
    ids = list(dict.fromkeys(int(i) for i in win_ids))
    if not ids:
        raise InputError(_("give at least one win id"))
    label = (
        _("remove win #{id}", id=ids[0])
        if len(ids) == 1
        else _("remove wins {ids}", ids=" ".join(f"#{i}" for i in ids))
    )
    removed: list[Win] = []
    with store.transaction(label) as tx:
        for win_id in ids:
            record = tx.win(win_id)
            tx.remove("wins", win_id)
            teach_tagger(tx, record, None)
            removed.append(record)
        gone = set(ids)
        for kudo in tx.kudos():
            if kudo.get("win") in gone:
                tx.update("kudos", kudo["id"], {"win": None})
    return removed


def ticket_key(ticket: str) -> str:
    """What makes two ticket references the same: case and surrounding space do not count."""
    return " ".join(ticket.split()).casefold()


def _ticket_months(store: Store, ticket: str) -> list[str]:
    """The months that can hold *ticket*: its longest word must be in the shard's bytes."""
    words = ticket.split()
    return store.months_mentioning(max(words, key=len)) if words else store.win_months()


def wins_with_ticket(store: Store, ticket: str, *, exclude: int | None = None) -> list[Win]:
    """Wins already logged with this ticket reference (oldest first), e.g. to warn of a repeat."""
    key = ticket_key(ticket)
    return [
        w
        for w in store.wins(_ticket_months(store, ticket))
        if w.get("ticket") and ticket_key(str(w["ticket"])) == key and w.get("id") != exclude
    ]


def query(
    store: Store,
    *,
    since: date | None = None,
    until: date | None = None,
    skill: str | None = None,
    contains: str | None = None,
    limit: int | None = None,
    ticket: str | None = None,
) -> list[Win]:
    """Wins matching every filter, newest first; reads only the month shards it needs."""
    if since and until and since > until:
        raise InputError(_("--since {a} is after --until {b}", a=since, b=until))
    if limit is not None and limit < 1:
        raise InputError(_("--limit must be at least 1"))
    wanted_skill = validate_skills([skill])[0] if skill else None
    needle = fold(contains) if contains else None
    wanted_ticket = ticket_key(ticket) if ticket is not None else None
    if wanted_ticket == "":
        raise InputError(_("the ticket reference is empty"))
    months = months_between(since, until, store.win_months())
    if ticket is not None:
        holding = set(_ticket_months(store, ticket))
        months = [m for m in months if m in holding]
    out: list[Win] = []
    for win in _newest_first(store, months):
        day = win["when"][:10]
        if since and day < since.isoformat():
            continue
        if until and day > until.isoformat():
            continue
        if wanted_skill and wanted_skill not in win.get("skills", []):
            continue
        if needle and needle not in fold(_haystack(win)):
            continue
        if wanted_ticket and ticket_key(str(win.get("ticket") or "")) != wanted_ticket:
            continue
        out.append(win)
        if limit is not None and len(out) >= limit:
            break
    return out


def _haystack(win: Mapping[str, Any]) -> str:
    parts = [win.get("problem") or "", win.get("solution") or "", win.get("ticket") or ""]
    return " ".join(parts + list(win.get("tags", [])))


def _newest_first(store: Store, months: list[str]) -> Iterator[Win]:
    # One month held at a time: a search that finds little reads every month.
    for wins in store.wins_by_month(reversed(months)):
        yield from reversed(wins)
