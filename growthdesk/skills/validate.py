"""Checking a skill id the user typed, with a "did you mean" that can read it as a problem text."""

from __future__ import annotations

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.text import fold
from growthdesk.skills.ids import SKILL_IDS

__all__ = ["validate_skill"]


def validate_skill(raw: str) -> str:
    """The skill id for *raw* ('Printing', 'remote-access', a label in either language are
    accepted), or a helpful InputError.

    With no spelling close to an id, the tagger reads the word as a problem text, so
    `--skill vpn` answers "Did you mean 'remote_access'?".
    """
    cleaned = fold(raw).replace("-", "_").replace(" ", "_")
    if cleaned in SKILL_IDS:
        return cleaned
    from growthdesk.skills.labels import find_skill  # a label as listings show it: "VPN & thuis"

    found = find_skill(raw)
    if found:
        return found
    hint = did_you_mean(cleaned, SKILL_IDS) if cleaned else ""
    if not hint and cleaned:
        from growthdesk.skills import tagger  # only on this error path: it loads the taxonomy

        skills, _confident = tagger.decide(tagger.suggest(raw))
        if skills:
            hint = " " + _("Did you mean '{s}'?", s=skills[0])
    raise InputError(
        _("unknown skill '{s}'.", s=raw) + hint + " " + _("`growthdesk skills` lists them.")
    )
