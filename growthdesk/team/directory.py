"""The team directory as read from the cache: validated cards, and whom on the team to ask.

Reading only: the cache is written by git (growthdesk.team.repo). Teammates and the contacts
they shared are ranked beside the agent's own network (growthdesk.network.ranking) and merged
with it by name, so a person is never shown twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.records import Contact
from growthdesk.core.text import fold
from growthdesk.network.ranking import AskResult, RankParams, Suggestion
from growthdesk.skills.labels import skill_label
from growthdesk.team.card import MAX_CARD_BYTES, parse_card
from growthdesk.team.repo import Repo, cache_of

__all__ = ["Directory", "load", "own_card", "team_suggestions", "merge", "add_team"]

TEAMMATE_REACH = 0.5  # a teammate is one warm tie away
CONTACT_REACH = 0.25  # a teammate's contact is one introduction further (γ = 0.5)
_ALLOWED_EXTRA = {"README.md"}  # an administrator's note in the repository is not a card


@dataclass
class Directory:
    cards: list[dict[str, Any]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "path: why", one line each


def load(repo: Repo) -> Directory:
    """Every valid card on the fetched branch; each bad one is named, none blocks the others."""
    out = Directory()
    wanted: list[tuple[str, str]] = []
    for mode, sha, path, size in repo.entries():
        if path in _ALLOWED_EXTRA:
            continue
        if not path.startswith("agents/") or path.count("/") != 1:
            out.refused.append(_("{p}: outside agents/", p=path))
        elif mode != "100644":
            out.refused.append(_("{p}: not a plain file", p=path))
        elif size > MAX_CARD_BYTES:
            out.refused.append(_("{p}: larger than {n} KB", p=path, n=MAX_CARD_BYTES // 1024))
        else:
            wanted.append((path, sha))
    for (path, _sha), data in zip(wanted, repo.blobs([s for _p, s in wanted]), strict=True):
        try:
            out.cards.append(parse_card(path, data))
        except InputError as exc:
            out.refused.append(str(exc))
    out.cards.sort(key=lambda c: fold(str(c["name"])))
    return out


def _score(topical: float, reach: float, params: RankParams) -> float:
    return topical * (params.beta + (1.0 - params.beta) * reach)


def _teammate(card: dict[str, Any], q: dict[str, float], params: RankParams) -> Suggestion | None:
    topical = 0.0
    parts: list[str] = []
    for s in q:
        area = card["areas"].get(s) or {}
        declared = int(card["declared"].get(s, 0))
        level = max(declared, int(area.get("level", 0)))
        topical += q[s] * (level / 5.0) ** 2
        if area.get("wins"):
            parts.append(
                ngettext(
                    "{n} {a} win in the last 12 months",
                    "{n} {a} wins in the last 12 months",
                    area["wins"],
                    a=skill_label(s),
                )
            )
        if declared:
            parts.append(_("declares {a} {l}/5", a=skill_label(s), l=declared))
    topical = min(1.0, topical)
    if topical < params.min_evidence:
        return None
    name = str(card["name"])
    return Suggestion(
        contact_id=0,
        name=f"{name} (team)",
        score=_score(topical, TEAMMATE_REACH, params),
        direct=True,
        path=[name],
        reasons=["; ".join(parts)],
        topical=topical,
        reach=TEAMMATE_REACH,
    )


def _shared(
    contact: dict[str, Any], owner: str, q: dict[str, float], params: RankParams
) -> Suggestion | None:
    specs = contact["specialties"]
    matched = [(s, int(specs[s])) for s in q if s in specs]
    topical = min(1.0, sum(q[s] * (lvl / 5.0) ** 2 for s, lvl in matched))
    if topical < params.min_evidence:
        return None
    name = str(contact["name"])
    where = f", {contact['org']}" if contact.get("org") else ""
    return Suggestion(
        contact_id=0,
        name=name,
        score=_score(topical, CONTACT_REACH, params),
        direct=False,
        path=[owner, name],
        reasons=[
            _(
                "knows {areas}",
                areas=", ".join(f"{skill_label(s)} ({lvl}/5)" for s, lvl in matched),
            ),
            _("via {path}", path=f"{owner} → {name}{where}"),
        ],
        topical=topical,
        reach=CONTACT_REACH,
    )


def team_suggestions(
    skills: Sequence[tuple[str, float]],
    cards: Sequence[dict[str, Any]],
    *,
    own_id: str | None,
    params: RankParams = RankParams(),
) -> list[Suggestion]:
    """Teammates and their shared contacts for the query's skill areas, best first; a contact
    shared by several teammates appears once, through the teammate who rates them highest."""
    q = dict(skills)
    best: dict[str, Suggestion] = {}
    for card in cards:
        if card["id"] == own_id:
            continue
        for sug in [_teammate(card, q, params)] + [
            _shared(c, str(card["name"]), q, params) for c in card["contacts"]
        ]:
            if sug is None:
                continue
            key = fold(sug.path[-1])
            if key not in best or sug.score > best[key].score:
                best[key] = sug
    return sorted(best.values(), key=lambda s: (-s.score, fold(s.name)))


def merge(
    own: list[Suggestion], team: list[Suggestion], contacts: Sequence[Contact], top: int
) -> list[Suggestion]:
    """Own suggestions and team ones, one entry per person: a teammate or shared contact who
    is also in your own contacts adds their team reasons to your entry for them."""
    by_name = {fold(p.name): p for p in own}
    known = {fold(str(c["name"])): str(c["name"]) for c in contacts}
    out = list(own)
    for sug in team:
        key = fold(sug.path[-1])
        mine = by_name.get(key)
        if mine is not None:
            mine.reasons.extend(_("team: {r}", r=r) for r in sug.reasons)
            mine.score = max(mine.score, sug.score)
            continue
        if key in known:  # yours, but not among your own suggestions: show it once, by your name
            sug.name = known[key]
            sug.reasons.append(_("also in your contacts"))
        by_name[key] = sug
        out.append(sug)
    out.sort(key=lambda s: (-s.score, fold(s.name)))
    return out[:top]


def own_card(directory: Directory, agent_id: str | None) -> dict[str, Any] | None:
    """The agent's card as last published (its declared specialties carry over)."""
    return next((c for c in directory.cards if c["id"] == agent_id), None)


def add_team(
    result: AskResult,
    home: Path,
    contacts: Sequence[Contact],
    own_id: str | None,
    *,
    top: int,
    kind: str | None = None,
    required: bool = False,
) -> None:
    """Merge the team (as last pulled) into *result*: always with `ask --team`, by default
    once the agent joined a team. Reads the cache only; `team pull` fetches."""
    repo = Repo(cache_of(home))
    if not repo.exists():
        if required:
            raise InputError(_("no team set up; run growthdesk team init REMOTE first"))
        return
    if not required and not repo.is_member():
        return
    cards = load(repo).cards
    team = team_suggestions(result.skills, cards, own_id=own_id)
    if kind is not None:
        shared_kind = {
            fold(str(c["name"])): c.get("kind") for card in cards for c in card["contacts"]
        }
        team = [
            s
            for s in team
            if (shared_kind.get(fold(s.path[-1])) if not s.direct else "colleague") == kind
        ]
    result.people = merge(result.people, team, contacts, top)
    if result.people:
        result.hints = []
