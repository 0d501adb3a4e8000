"""An agent's card: what they chose to publish, built from their own records and validated
on the way in. Never helped-by counts, win text or (unless allowed) contact details."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, LearningEntry, Win

__all__ = [
    "SCHEMA",
    "MAX_CARD_BYTES",
    "ID_RE",
    "card_path",
    "bucket",
    "level_of",
    "build_card",
    "encode",
    "card_problem",
    "parse_card",
]

SCHEMA = 1
MAX_CARD_BYTES = 256 * 1024  # a card with 500 contacts is ~100 KB; beyond that is not a card
ID_RE = re.compile(r"[0-9a-f]{32}")
_SKILL_RE = re.compile(r"[a-z0-9_]{1,40}")
_PATH_RE = re.compile(r"agents/([0-9a-f]{32})\.json")
_WINDOW_DAYS = 365
_LEVELS = (60, 30, 15, 5, 1)  # wins in 12 months for level 5, 4, 3, 2, 1
_TEXT_MAX = 200


def card_path(agent_id: str) -> str:
    return f"agents/{agent_id}.json"


def bucket(n: int) -> int:
    """Counts are rounded so a card is not a tally of someone's days: 0-9 exact, then 5s, 10s."""
    if n < 10:
        return n
    return 5 * round(n / 5) if n < 50 else 10 * round(n / 10)


def level_of(wins: int) -> int:
    return next((5 - i for i, floor in enumerate(_LEVELS) if wins >= floor), 0)


def _contact(c: Contact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": c["name"],
        "kind": c.get("kind") or "colleague",
        "org": c.get("org"),
        "specialties": {str(k): int(v) for k, v in (c.get("specialties") or {}).items()},
    }
    if c.get("share") == "details":
        out.update(email=c.get("email"), phone=c.get("phone"), notes=c.get("notes") or "")
    return out


def build_card(
    *,
    profile: Mapping[str, Any],
    wins: Sequence[Win],
    learning: Sequence[LearningEntry],
    contacts: Sequence[Contact],
    declared: Mapping[str, int],
    today: date,
) -> dict[str, Any]:
    """The card for `team publish`: an explicit allow-list of fields, nothing copied wholesale."""
    agent_id, name = profile.get("agent_id"), profile.get("name")
    if not agent_id:
        raise InputError(_("no team set up; run growthdesk team init REMOTE first"))
    if not name:
        raise InputError(_("set the name your team sees first: growthdesk profile set --name NAME"))
    since = (today - timedelta(days=_WINDOW_DAYS)).isoformat()
    counts: Counter[str] = Counter()
    for win in wins:
        if str(win.get("when", ""))[:10] >= since:
            counts.update(set(win.get("skills") or []))
    areas = {
        s: {"wins": bucket(n), "level": level_of(n)}
        for s, n in sorted(counts.items())
        if level_of(n) > 0
    }
    certs = sorted(
        {
            (str(e["title"]), str(e.get("when", ""))[:7])
            for e in learning
            if e.get("kind") == "certification"
        }
    )
    shared = [_contact(c) for c in contacts if c.get("share") in ("card", "details")]
    return {
        "schema": SCHEMA,
        "id": agent_id,
        "name": name,
        "role": profile.get("role"),
        "updated": today.isoformat(),
        "areas": areas,
        "declared": {str(k): int(v) for k, v in sorted(declared.items())},
        "certifications": [{"title": t, "when": w} for t, w in certs],
        "contacts": sorted(shared, key=lambda c: str(c["name"]).lower()),
    }


def encode(card: Mapping[str, Any]) -> bytes:
    """Stable bytes: the same card twice is the same blob, so an unchanged publish is a no-op."""
    return (json.dumps(card, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _text(v: Any, nullable: bool = False) -> bool:
    return (v is None and nullable) or (isinstance(v, str) and len(v) <= _TEXT_MAX)


def _levels(v: Any) -> bool:
    return isinstance(v, dict) and all(
        isinstance(k, str) and _SKILL_RE.fullmatch(k) and type(x) is int and 1 <= x <= 5
        for k, x in v.items()
    )


def _contact_problem(c: Any) -> str | None:
    if not isinstance(c, dict) or not _text(c.get("name")) or not c.get("name"):
        return _("a contact without a name")
    if not (_text(c.get("org"), True) and _text(c.get("kind"))):
        return _("contact '{n}' has a bad org or kind", n=c["name"])
    if not _levels(c.get("specialties")):
        return _("contact '{n}' has bad specialties", n=c["name"])
    extra = set(c) - {"name", "kind", "org", "specialties", "email", "phone", "notes"}
    if extra:
        return _("contact '{n}' has unknown fields {f}", n=c["name"], f=", ".join(sorted(extra)))
    if not all(_text(c.get(k), True) for k in ("email", "phone")) or not isinstance(
        c.get("notes", ""), str
    ):
        return _("contact '{n}' has bad details", n=c["name"])
    return None


def card_problem(card: Any, agent_id: str) -> str | None:
    """What is wrong with a parsed card stored as agents/<agent_id>.json, or None."""
    if not isinstance(card, dict):
        return _("not a JSON object")
    if card.get("schema") != SCHEMA:
        return _("unknown schema {v!r}", v=card.get("schema"))
    if card.get("id") != agent_id:
        return _("its id does not match its file name")
    if not _text(card.get("name")) or not card.get("name") or not _text(card.get("role"), True):
        return _("bad name or role")
    if not _text(card.get("updated")):
        return _("bad 'updated'")
    areas = card.get("areas")
    if not isinstance(areas, dict) or not all(
        isinstance(k, str)
        and _SKILL_RE.fullmatch(k)
        and isinstance(a, dict)
        and type(a.get("wins")) is int
        and a["wins"] >= 0
        and type(a.get("level")) is int
        and 0 <= a["level"] <= 5
        for k, a in areas.items()
    ):
        return _("bad 'areas'")
    if not _levels(card.get("declared")):
        return _("bad 'declared'")
    certs = card.get("certifications")
    if not isinstance(certs, list) or not all(
        isinstance(c, dict) and _text(c.get("title")) and _text(c.get("when")) for c in certs
    ):
        return _("bad 'certifications'")
    contacts = card.get("contacts")
    if not isinstance(contacts, list):
        return _("bad 'contacts'")
    for c in contacts:
        problem = _contact_problem(c)
        if problem:
            return problem
    return None


def parse_card(path: str, data: bytes) -> dict[str, Any]:
    """The card stored at *path* in the directory, or InputError saying why it is refused."""
    m = _PATH_RE.fullmatch(path)
    if m is None:
        raise InputError(_("{p}: not agents/<id>.json", p=path))
    if len(data) > MAX_CARD_BYTES:
        raise InputError(_("{p}: larger than {n} KB", p=path, n=MAX_CARD_BYTES // 1024))
    try:
        card = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(_("{p}: not valid JSON", p=path)) from None
    problem = card_problem(card, m.group(1))
    if problem:
        raise InputError(f"{path}: {problem}")
    return dict(card)
