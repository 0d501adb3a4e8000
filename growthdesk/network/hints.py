"""Where to look when nobody in the network matches a problem (`ask` with no suggestion).

Leads, in order: recent events that covered the problem's skill areas (and whom you met there),
then contacts who know someone at an organisation linked to the problem: named in its text, or
the organisation of someone met at those events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Event, Link
from growthdesk.core.text import fold
from growthdesk.skills.labels import skill_label

__all__ = ["where_to_look"]


def where_to_look(
    text: str,
    q: Sequence[tuple[str, float]],
    contacts: Sequence[Contact],
    links: Sequence[Link],
    events: Sequence[Event],
) -> list[str]:
    """Hint lines for problem *text* with skill areas *q*; never empty."""
    hints: list[str] = []
    skills = {s for s, _v in q}
    by_id = {int(c["id"]): c for c in contacts}
    covering = [e for e in events if skills & set(e.get("skills") or [])]
    covering.sort(key=lambda e: str(e.get("date", "")), reverse=True)
    for event in covering[:3]:
        met = [str(by_id[m]["name"]) for m in event.get("met") or [] if m in by_id]
        line = _(
            "event '{name}' ({day}) covered {areas}",
            name=event["name"],
            day=event.get("date"),
            areas=", ".join(skill_label(s) for s in event.get("skills") or [] if s in skills),
        )
        if met:
            line += _("; you met {people} there", people=", ".join(met))
        hints.append(line)
    orgs: dict[str, str] = {}  # folded -> as written
    folded_text = fold(text)
    for contact in contacts:
        org = str(contact.get("org") or "").strip()
        if org and re.search(r"\b" + re.escape(fold(org)) + r"\b", folded_text):
            orgs[fold(org)] = org
    for event in covering:
        for m in event.get("met") or []:
            org = str(by_id[m].get("org") or "").strip() if m in by_id else ""
            if org:
                orgs[fold(org)] = org
    for key, org in sorted(orgs.items()):
        insiders = {int(c["id"]) for c in contacts if fold(str(c.get("org") or "")) == key}
        # Someone you know directly, outside the organisation, linked to someone inside it.
        brokers: set[str] = set()
        for link in links:
            a, b = int(link["a"]), int(link["b"])
            for inside, other in ((a, b), (b, a)):
                known = other in by_id and by_id[other].get("strength")
                if inside in insiders and other not in insiders and known:
                    brokers.add(str(by_id[other]["name"]))
        if brokers:
            people = ", ".join(sorted(brokers))
            hints.append(
                _("{people} knows someone at {org}", people=people, org=org)
                if len(brokers) == 1
                else _("{people} know someone at {org}", people=people, org=org)
            )
            continue
        direct = sorted(str(by_id[i]["name"]) for i in insiders if by_id[i].get("strength"))
        if direct:
            hints.append(_("you know {people} at {org}", people=", ".join(direct), org=org))
    if not hints:
        areas = ", ".join(skill_label(s) for s, _v in q) or _("this problem")
        hints.append(
            _(
                "nobody in your network covers {areas} yet: note who helps next time (log --helped-by), "
                "or record an event or vendor contact for it",
                areas=areas,
            )
        )
    return hints
