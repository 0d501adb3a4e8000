"""Synthetic homes for the benchmarks: N wins over 3 years, contacts, links, learning, kudos.

python bench/gen.py OUT_DIR --wins 25000 [--contacts 200] [--links 800] [--seed 1]
"""

from __future__ import annotations

import argparse
import contextlib
import random
from datetime import datetime, timedelta
from pathlib import Path

from growthdesk.core.text import win_terms
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.store import SCHEMA_VERSION, Store

# Before schema 5 the records carried their search terms (an older install, for --before).
OLD = SCHEMA_VERSION < 5

try:  # the month summaries, as the CLI writes them (an older install has none)
    from growthdesk.reporting import repeats  # noqa: F401
    from growthdesk.worklog import index  # noqa: F401
except ImportError:
    pass
with contextlib.suppress(ImportError):  # the day rows (a newer part)
    from growthdesk.worklog import days  # noqa: F401
with contextlib.suppress(ImportError):  # the chain of repeat-problem clusters (newer still)
    from growthdesk.reporting import clusters  # noqa: F401

TEMPLATES = [
    ("password reset for {who}", "accounts_passwords"),
    ("wachtwoord verlopen bij {who}, gereset", "accounts_passwords"),
    ("MFA authenticator new phone {who}", "accounts_passwords"),
    ("outlook loopt vast bij openen gedeelde agenda", "email_calendar"),
    ("shared mailbox not showing for {who}", "email_calendar"),
    ("printer 3e verdieping offline", "printing"),
    ("print queue stuck on {who}'s laptop", "printing"),
    ("VPN disconnects every 10 minutes", "remote_access"),
    ("wifi op kantoor valt weg", "network_connectivity"),
    ("Teams camera not detected in meetings", "telephony_av"),
    ("OneDrive sync error on {who}'s laptop", "m365_collaboration"),
    ("install Visio for {who}", "software_install"),
    ("access to finance share for {who}", "access_permissions"),
    ("phishing mail reported by {who}", "security_incidents"),
    ("laptop won't boot after update", "os_desktop"),
    ("docking station no display", "hardware"),
    ("intune enrolment failed new iphone", "mobile_devices"),
    ("powershell script to bulk-create accounts", "scripting_automation"),
]
DETAILS = ["room", "kamer", "asset", "werkplek", "floor", "verdieping", "laptop", "desk", "ticket"]
FIXES = [
    "restarted the service",
    "opnieuw opgestart",
    "reset in AD",
    "driver bijgewerkt",
    "reinstalled",
    "cache geleegd",
]
PEOPLE = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Kok",
    "Peters",
]


def generate(home: Path, wins: int, contacts: int, links: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    end = datetime(2026, 11, 25, 17, 0).astimezone()
    start = end - timedelta(days=3 * 365)
    span = (end - start).total_seconds()
    store = Store(home)
    with store.transaction("generate benchmark data", undoable=False) as tx:
        people = [
            {
                "name": f"Contact {i:04d}",
                "kind": rng.choice(["colleague", "colleague", "vendor", "trainer", "community"]),
                "org": rng.choice(["Acme IT", "NetPro", "Contoso", "Fabrikam", None]),
                "email": None,
                "phone": None,
                "specialties": {
                    rng.choice(SKILL_IDS): rng.randint(2, 5) for _ in range(rng.randint(1, 3))
                },
                "strength": rng.choice([None, 1, 2, 3, 4, 5]),
                "met_at": None,
                "notes": "",
                "last_contact": (end - timedelta(days=rng.randint(0, 400))).date().isoformat(),
                "do_not_ask": rng.random() < 0.03,
                "created": start.isoformat(timespec="seconds"),
            }
            for i in range(contacts)
        ]
        ids = tx.insert_many("contacts", people) if people else []
        if len(ids) > 1:
            tx.insert_many(
                "links",
                [
                    {"a": a, "b": b, "strength": rng.randint(1, 5), "note": ""}
                    for a, b in (rng.sample(ids, 2) for _ in range(links))
                ],
            )
        records = []
        for _ in range(wins):
            text, skill = rng.choice(TEMPLATES)
            when = start + timedelta(seconds=rng.random() * span)
            stamp = when.isoformat(timespec="seconds")
            # Real problem texts are nearly all different: a room, an asset tag, a detail.
            problem = f"{text.format(who=rng.choice(PEOPLE))} {rng.choice(DETAILS)} {rng.randint(100, 99999)}"
            solution = f"{rng.choice(FIXES)} ({rng.choice(PEOPLE)})" if rng.random() < 0.5 else None
            records.append(
                {
                    "when": stamp,
                    "problem": problem,
                    "solution": solution,
                    **({"terms": win_terms(problem, solution)} if OLD else {}),
                    "skills": [skill],
                    "skills_source": "auto",
                    "minutes": max(1, int(rng.lognormvariate(2.3, 0.7))),
                    "helped_by": [rng.choice(ids)] if ids and rng.random() < 0.1 else [],
                    "ticket": f"INC{rng.randint(100000, 999999)}",
                    "source": "manual",
                    "tags": [],
                    "escalated": rng.random() < 0.05,
                    "created": stamp,
                    "updated": stamp,
                }
            )
        tx.insert_many("wins", records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--wins", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=200)
    parser.add_argument("--links", type=int, default=800)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.wins, args.contacts, args.links, args.seed)


if __name__ == "__main__":
    main()
