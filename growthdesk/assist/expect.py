"""Setting expectations (`growthdesk plain --expect`): a short message in the user's language
saying what happens next, who does it, and when.

"When" comes from the agent's own history: the time within which 80% of the agent's wins in the
problem's skill area were solved (at least 3 timed wins; else the profile's target minutes).
The message is content for the end user, in the user's language (which need not be the
interface's): the catalogue's text in that language, through core.i18n.speaking.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from growthdesk.assist.plain import area_phrase
from growthdesk.core.i18n import LANGUAGES, _, ngettext, pgettext, speaking
from growthdesk.core.numbers import decimal
from growthdesk.core.records import Win

__all__ = ["Basis", "Expectation", "typical_time", "expectation", "MIN_WINS"]

MIN_WINS = 3
WORKDAY_END = time(17, 30)
WORKDAY_MINUTES = 8 * 60


@dataclass(frozen=True)
class Basis:
    """What the timing rests on."""

    skill: str
    wins: int  # timed wins in the area
    median_minutes: float | None
    p80_minutes: float  # the promise
    source: str  # "history" or "target"


@dataclass(frozen=True)
class Expectation:
    lang: str
    skill: str
    who: str | None
    basis: Basis
    due: datetime
    message: str

    def as_json(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "skill": self.skill,
            "who": self.who,
            "basis": {
                "wins": self.basis.wins,
                "median_minutes": self.basis.median_minutes,
                "p80_minutes": self.basis.p80_minutes,
                "source": self.basis.source,
            },
            "due": self.due.isoformat(timespec="minutes"),
            "message": self.message,
        }


def typical_time(
    wins: Sequence[Win], skill: str, *, escalated: bool | None = None, target_minutes: int = 15
) -> Basis:
    """The 80th percentile of the minutes of *wins* whose main skill area is *skill* (only
    escalated ones, or only not escalated, when *escalated* says so)."""
    minutes = sorted(
        float(w.get("minutes") or 0)
        for w in wins
        if (w.get("skills") or [""])[0] == skill
        and w.get("minutes")
        and (escalated is None or bool(w.get("escalated")) == escalated)
    )
    if len(minutes) < MIN_WINS:
        return Basis(skill, len(minutes), None, float(target_minutes), "target")
    # Nearest-rank percentile: a value that really occurred, never an interpolation.
    p80 = minutes[max(0, math.ceil(0.8 * len(minutes)) - 1)]
    return Basis(skill, len(minutes), statistics.median(minutes), p80, "history")


def _typical(minutes: float) -> str:
    if minutes < 55:
        return ngettext("{n} minute", "{n} minutes", max(5, 5 * math.ceil(minutes / 5)))
    hours = round(minutes / 30) / 2
    if hours <= 1:
        return _("an hour")
    shown = decimal(hours, 1) if hours % 1 else str(int(hours))
    return ngettext("{h} hour", "{h} hours", hours, h=shown)


def _when(now: datetime, minutes: float) -> tuple[datetime, str]:
    if minutes > WORKDAY_MINUTES:
        days = math.ceil(minutes / WORKDAY_MINUTES)
        due = now + timedelta(days=days)
        return due, ngettext("within one working day", "within {n} working days", days)
    # Rounded up to the next quarter hour: a promise the agent can keep.
    due = now + timedelta(minutes=minutes)
    due += timedelta(minutes=(-due.minute) % 15, seconds=-due.second, microseconds=-due.microsecond)
    if due.date() != now.date() or due.time() > WORKDAY_END:
        morning = datetime.combine(now.date() + timedelta(days=1), time(10, 0), now.tzinfo)
        return morning, _("tomorrow morning")
    return due, pgettext(
        "a time of day to expect an answer", "by {clock}", clock=due.strftime("%H:%M")
    )


def expectation(
    skill: str,
    *,
    wins: Sequence[Win],
    now: datetime,
    lang: str = "en",
    who: str | None = None,
    target_minutes: int = 15,
) -> Expectation:
    """The expectation message for a problem in area *skill*, handled by the agent or, with
    *who*, passed on to someone else (then timed on the agent's escalated wins when there are
    enough of them)."""
    lang = lang if lang in LANGUAGES else "en"
    basis = typical_time(wins, skill, target_minutes=target_minutes)
    if who:
        passed_on = typical_time(wins, skill, escalated=True, target_minutes=target_minutes)
        if passed_on.source == "history":
            basis = passed_on
    with speaking(lang):  # the end user's language, whatever the interface speaks
        due, when = _when(now, basis.p80_minutes)
        # TRANSLATORS: to an end user: Dutch says "u" here, not "je".
        message = (
            _(
                "I have passed your question about {area} on to {who}. This usually takes "
                "about {typical}, so you can expect an answer {when}. If you have not heard "
                "anything by then, please let me know.",
                area=area_phrase(skill, lang),
                who=who,
                typical=_typical(basis.p80_minutes),
                when=when,
            )
            if who
            else _(
                "I am looking into your question about {area} now. This usually takes me "
                "about {typical}, so I expect to have it sorted {when}. If it takes longer, I "
                "will let you know before then.",
                area=area_phrase(skill, lang),
                typical=_typical(basis.p80_minutes),
                when=when,
            )
        )
    return Expectation(lang, skill, who, basis, due, message)
