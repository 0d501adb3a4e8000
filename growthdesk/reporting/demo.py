"""A realistic, deterministic sample home: an agent 18 months into the helpdesk.

``generate(seed, now)`` builds every record as plain dicts (pure, so tests can compare two runs);
``write(store, sample)`` stores them in ONE transaction. The wins come from templates whose skill
areas are known, in English and Dutch, so the skills always match the text.

The template data lives in ``data/demo.json``: user names, teams, printers, floors, apps and sites
for the slots ``{name} {team} {printer} {floor} {floor_nl} {app} {site} {site_nl}``; problem
templates (skills, the first being the main area, English and Dutch text with keywords the tagger
agrees with, typical minutes); each area's share of the work at the start and at the end ("mix");
contacts, links, events, learning, blogs, kudos and solutions. Positions in its lists matter: the
same seed draws the same items.

The story the sample tells: password resets dominate from day one; networking and VPN work grow as
the agent follows a CCNA course; the data file's "vpn_expert" (Sanne de Vries, network team) is
the VPN / remote-access expert who helps most often on those problems.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from growthdesk.core.data import read_json
from growthdesk.core.i18n import _
from growthdesk.core.months import months_before
from growthdesk.reporting.review import SECOND_LINE_SKILLS

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["MONTHS", "Sample", "build", "fill", "generate", "vocabulary", "write"]

MONTHS = 18


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The sample's template data, read once from data/demo.json (see the module docstring)."""
    data: dict[str, Any] = read_json("demo.json")
    return data


@dataclass
class Sample:
    """Every table of the sample home, as plain dicts in insertion order (ids assigned on write).

    Cross-references before ids exist use positions: wins' ``helped_by`` and events' ``met``
    hold contact indexes, links hold (index, index), kudos' ``win`` a win index.
    """

    profile: dict[str, Any]
    contacts: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    wins: list[dict[str, Any]] = field(default_factory=list)
    learning: list[dict[str, Any]] = field(default_factory=list)
    kudos: list[dict[str, Any]] = field(default_factory=list)
    contact_event: dict[int, int] = field(default_factory=dict)  # contact index -> event index


# ---------------------------------------------------------------- generation


def _stamp(day: date, minute_of_day: int, tz: Any) -> str:
    at = time(minute_of_day // 60, minute_of_day % 60)
    return datetime.combine(day, at, tzinfo=tz).isoformat(timespec="seconds")


def fill(text: str, rng: random.Random, nl: bool) -> str:
    """A template's text with its slots filled (Dutch team names when *nl*)."""
    v = vocabulary()
    names, printers = v["names"], v["printers"]
    teams, floors, sites = v["teams"], v["floors"], v["sites"]
    team_i = rng.randrange(len(teams["en"]))
    floor_i = rng.randrange(len(floors["en"]))
    site_i = rng.randrange(len(sites["en"]))
    # A few users and printers are "regulars": skewed choice makes repeat problems appear.
    name = names[min(int(rng.expovariate(1 / 8)), len(names) - 1)]
    printer = printers[min(int(rng.expovariate(1 / 1.5)), len(printers) - 1)]
    return str(text).format(
        name=name,
        team=teams["nl" if nl else "en"][team_i],
        printer=printer,
        floor=floors["en"][floor_i],
        floor_nl=floors["nl"][floor_i],
        app=rng.choice(v["apps"]),
        site=sites["en"][site_i],
        site_nl=sites["nl"][site_i],
    )


def _minutes(rng: random.Random, typical: int, t: float) -> int:
    # Log-normal around the template's typical time; the agent gets ~25% faster over 18 months.
    median = typical * (1.0 - 0.25 * t)
    value = math.exp(rng.gauss(math.log(max(median, 1.0)), 0.65))
    if rng.random() < 0.03:  # the long tail: the afternoon that vanished into one ticket
        value *= rng.uniform(3, 6)
    return max(1, min(300, round(value)))


def generate(seed: int, now: datetime, *, months: int = MONTHS, volume: float = 1.0) -> Sample:
    """The whole sample for *seed*, ending at *now* (deterministic for the same arguments).

    *months* and *volume* (a multiplier on wins per day) exist for benchmarks that need a bigger
    history than the demo's 18 months (e.g. 25,000 wins: ``months=36, volume=3.6``).
    """
    v = vocabulary()
    contacts, templates, mix = v["contacts"], v["templates"], v["mix"]
    rng = random.Random(seed)
    tz = now.tzinfo
    today = now.date()
    started = months_before(today, months)
    total_days = max((today - started).days, 1)
    sample = Sample(profile={"started": started.isoformat(), **v["profile"]})

    def day_at(months: float) -> date:
        return min(today, started + timedelta(days=round(months * 30.44)))

    # ---- contacts (index = position in the data file)
    index_of = {c["name"]: i for i, c in enumerate(contacts)}
    for spec in contacts:
        name, kind = spec["name"], spec["kind"]
        created_day = (
            day_at(rng.uniform(0, 6)) if kind == "colleague" else day_at(rng.uniform(2, 17))
        )
        email = name.lower().replace(" ", ".").replace("'", "") + (
            "@example.org" if kind == "colleague" else "@example.com"
        )
        sample.contacts.append(
            {
                "name": name,
                "kind": kind,
                "org": spec["org"],
                "email": email,
                "phone": None,
                "specialties": dict(spec["specialties"]),
                "strength": spec["strength"],
                "met_at": None,
                "notes": spec["notes"],
                "last_contact": None,
                "do_not_ask": bool(spec.get("do_not_ask")),
                "created": _stamp(created_day, 9 * 60, tz),
            }
        )

    # ---- events; contacts met there get met_at and a created date on the event day
    for e_i, event in enumerate(v["events"]):
        eday = day_at(event["month"] + rng.uniform(0, 0.8))
        sample.events.append(
            {
                "name": event["name"],
                "kind": event["kind"],
                "date": eday.isoformat(),
                "skills": list(event["skills"]),
                "met": [index_of[n] for n in event["met"]],
            }
        )
        for n in event["met"]:
            ci = index_of[n]
            if ci not in sample.contact_event:
                sample.contact_event[ci] = e_i
                sample.contacts[ci]["created"] = _stamp(eday, 17 * 60, tz)

    # ---- links: the network beyond direct ties (introductions)
    for a, b, s in v["links"]:
        sample.links.append({"a": index_of[a], "b": index_of[b], "strength": s, "note": ""})

    # ---- wins, working day by working day
    mix_skills = list(mix)
    by_main: dict[str, list[int]] = {s: [] for s in mix_skills}
    for t_i, tpl in enumerate(templates):
        by_main[tpl["skills"][0]].append(t_i)
    # A few ties go quiet on purpose, so that "losing touch" has something to show.
    quiet = {index_of[n] for n in v["quiet"]}
    experts: dict[str, list[int]] = {s: [] for s in mix_skills}
    for i, spec in enumerate(contacts):
        usable = spec["strength"] is not None and not spec.get("do_not_ask") and i not in quiet
        if spec["kind"] in ("colleague", "vendor") and usable:
            for skill, level in spec["specialties"].items():
                if level >= 4:
                    experts[skill].append(i)
    vpn_i = index_of[v["vpn_expert"]]
    holidays = {started + timedelta(days=rng.randrange(total_days)) for _ in range(3)}  # weeks off
    off: set[date] = set()
    for h in sorted(holidays):
        off.update(h + timedelta(days=k) for k in range(rng.choice((5, 10))))
    last_contact: dict[int, str] = {}
    day = started
    n_ticket = 24000 + rng.randrange(1000)
    while day <= today:
        if day.weekday() < 5 and day not in off and rng.random() > 0.03:  # sick days, courses
            t = (day - started).days / total_days
            weights = [a + (b - a) * t for a, b in (mix[s] for s in mix_skills)]
            count = max(1, round(rng.gauss(7.5 + 2.0 * t, 2.0) * volume))
            if day == today:
                count = max(1, count // 3)  # the day is not over yet
            minute = 8 * 60 + rng.randrange(20)
            for _n in range(count):
                main = rng.choices(mix_skills, weights)[0]
                tpl = templates[rng.choice(by_main[main])]
                nl = rng.random() < 0.35
                problem = fill(tpl["nl" if nl else "en"], rng, nl)
                minutes: int | None = _minutes(rng, tpl["minutes"], t)
                if rng.random() < 0.07:
                    minutes = None  # forgot to time it
                helped: list[int] = []
                if main == "remote_access" and rng.random() < 0.4:
                    helped.append(vpn_i)
                elif experts[main] and rng.random() < (0.2 if main in SECOND_LINE_SKILLS else 0.03):
                    helped.append(rng.choice(experts[main]))
                escalated = rng.random() < (
                    (0.18 - 0.12 * t) if main in SECOND_LINE_SKILLS else 0.015
                )
                solution = None
                if main in v["solutions"] and rng.random() < 0.3:
                    solution = v["solutions"][main]["nl" if nl else "en"]
                step = ((minutes or 10) + rng.randrange(5, 25)) / volume
                minute = min(minute + round(step), 18 * 60)
                if day == today and minute > now.hour * 60 + now.minute:
                    break  # nothing logged in the future
                when = _stamp(day, minute, tz)
                n_ticket += rng.randrange(1, 40)
                sample.wins.append(
                    {
                        "when": when,
                        "problem": problem,
                        "solution": solution,
                        "skills": list(tpl["skills"]),
                        "skills_source": "auto",
                        "minutes": minutes,
                        "helped_by": helped,
                        "ticket": f"INC{n_ticket:07d}" if rng.random() < 0.7 else None,
                        "source": "manual",
                        "tags": ["demo"],
                        "escalated": escalated,
                        "created": when,
                        "updated": when,
                    }
                )
                for ci in helped:
                    last_contact[ci] = when
                    if rng.random() < 0.5:
                        sample.interactions.append(
                            {"contact": ci, "when": when, "kind": "helped", "note": problem[:80]}
                        )
        day += timedelta(days=1)

    # ---- other interactions: chats and asks spread over time
    for ci, c in enumerate(sample.contacts):
        if c["strength"] is None:
            continue
        first = date.fromisoformat(c["created"][:10])
        end = today - timedelta(days=rng.randrange(120, 200)) if ci in quiet else today
        span = max((end - first).days, 1)
        for _k in range(1 + int(c["strength"]) * 2):
            iday = first + timedelta(days=rng.randrange(span))
            if ci not in quiet and _k == 0:
                iday = today - timedelta(days=rng.randrange(2, 25))
            when = _stamp(iday, 12 * 60 + rng.randrange(240), tz)
            sample.interactions.append(
                {
                    "contact": ci,
                    "when": when,
                    "kind": rng.choice(("chat", "asked", "met", "chat")),
                    "note": "",
                }
            )
            last_contact[ci] = max(last_contact.get(ci, ""), when)
    sample.interactions.sort(key=lambda r: (r["when"], r["contact"]))
    for ci, when in last_contact.items():
        if ci in quiet:
            when = min(when, (today - timedelta(days=130)).isoformat())
        sample.contacts[ci]["last_contact"] = when[:10]

    # ---- learning log
    for entry in v["learning"]:
        lday = day_at(entry["month"] + rng.uniform(0, 0.9))
        sample.learning.append(
            {
                "when": _stamp(lday, 19 * 60 + rng.randrange(120), tz),
                "kind": entry["kind"],
                "title": entry["title"],
                "skills": list(entry["skills"]),
                "minutes": entry["minutes"],
                "url": None,
            }
        )
    for _k in range(30):
        blog = v["blogs"][rng.randrange(len(v["blogs"]))]
        lday = day_at(rng.uniform(0, months - 0.05))
        sample.learning.append(
            {
                "when": _stamp(lday, 20 * 60 + rng.randrange(60), tz),
                "kind": blog["kind"],
                "title": blog["title"],
                "skills": list(blog["skills"]),
                "minutes": rng.choice((15, 20, 30, 45, 60)),
                "url": None,
            }
        )
    sample.learning.sort(key=lambda r: r["when"])

    # ---- kudos, tied to quick or tricky wins
    candidates = [
        i for i, w in enumerate(sample.wins) if (w["minutes"] or 99) <= 10 or w["helped_by"]
    ]
    for _k in range(min(45, len(candidates))):
        wi = candidates[rng.randrange(len(candidates))]
        win = sample.wins[wi]
        nl = any(word in win["problem"].lower() for word in (" voor ", " bij ", " van ", " op "))
        notes = v["kudos"]["nl" if nl else "en"]
        note = notes[rng.randrange(len(notes))] if nl else rng.choice(notes)
        when_day = date.fromisoformat(win["when"][:10])
        sample.kudos.append(
            {
                "when": _stamp(when_day, 16 * 60 + rng.randrange(90), tz),
                "from": f"{v['names'][rng.randrange(len(v['names']))]} ({rng.choice(v['teams']['en'])})"
                if rng.random() < 0.85
                else None,
                "note": note,
                "win": wi,
            }
        )
    sample.kudos.sort(key=lambda r: r["when"])
    return sample


# ---------------------------------------------------------------- writing


def write(store: Store, sample: Sample, label: str | None = None) -> dict[str, int]:
    """Store the sample in ONE transaction, turning positional references into real ids."""
    label = label or _("demo sample")
    with store.transaction(label) as tx:
        contact_ids = tx.insert_many("contacts", [dict(c) for c in sample.contacts])
        event_ids = tx.insert_many(
            "events", [{**e, "met": [contact_ids[i] for i in e["met"]]} for e in sample.events]
        )
        for ci, ei in sorted(sample.contact_event.items()):
            tx.update("contacts", contact_ids[ci], {"met_at": event_ids[ei]})
        tx.insert_many(
            "links",
            [
                {**link, "a": contact_ids[link["a"]], "b": contact_ids[link["b"]]}
                for link in sample.links
            ],
        )
        tx.insert_many(
            "interactions",
            [{**r, "contact": contact_ids[r["contact"]]} for r in sample.interactions],
        )
        win_ids = tx.insert_many(
            "wins",
            [
                {
                    **w,
                    "helped_by": [contact_ids[i] for i in w["helped_by"]],
                }
                for w in sample.wins
            ],
        )
        tx.insert_many("learning", [dict(x) for x in sample.learning])
        tx.insert_many("kudos", [{**k, "win": win_ids[k["win"]]} for k in sample.kudos])
        tx.set_profile(dict(sample.profile))
    return {
        "wins": len(sample.wins),
        "contacts": len(sample.contacts),
        "links": len(sample.links),
        "events": len(sample.events),
        "interactions": len(sample.interactions),
        "learning": len(sample.learning),
        "kudos": len(sample.kudos),
    }


def build(store: Store, seed: int, now: datetime) -> dict[str, int]:
    """Generate and write the sample; returns the number of records per table."""
    return write(store, generate(seed, now))
