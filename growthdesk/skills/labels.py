"""The one skill label: the curated name of an area ("Passwords, sign-in & MFA"), never its id.

Every command and the review show areas through skill_label, in the interface language;
a narrow column asks for the short label ("Passwords & MFA", at most 15 characters).
"""

from __future__ import annotations

from functools import lru_cache

from growthdesk.core.data import DataFileError
from growthdesk.core.i18n import _, language
from growthdesk.skills.taxonomy import raw_skills

__all__ = ["labels", "skill_label", "find_skill"]


@lru_cache(maxsize=8)
def labels(lang: str = "en", *, short: bool = False) -> dict[str, str]:
    """Area labels in *lang* (the full label where a short one is missing, English where both
    are), read without checking every keyword list of the taxonomy (~30 ms): what `stats`,
    `review`, `ask` and `path` need of it."""
    try:
        areas = raw_skills().get("areas") or []
    except DataFileError:
        return {}  # labels are cosmetic: a broken file fails loudly where it is parsed in full
    out: dict[str, str] = {}
    for a in areas:
        if not (isinstance(a, dict) and "id" in a and isinstance(a.get("label"), dict)):
            continue
        texts = [a.get("short"), a["label"]] if short else [a["label"]]
        found = [t.get(x) for x in (lang, "en") for t in texts if isinstance(t, dict)]
        out[str(a["id"])] = str(next((t for t in found if t), a["id"]))
    return out


def skill_label(
    skill: str, lang: str | None = None, *, short: bool = False, room: int | None = None
) -> str:
    """The label of a skill area in *lang* (default: the interface language), else a tidied id;
    *short* for a narrow column ("VPN & thuis" instead of "VPN & thuiswerken"); with *room*,
    the full label where it fits in that many characters, else the short one."""
    if room is not None and not short:
        full = skill_label(skill, lang)
        return full if len(full) <= room else skill_label(skill, lang, short=True)
    label = labels(lang or language(), short=short).get(skill)
    if label:
        return label
    return skill.replace("_", " ").capitalize() if skill else _("Untagged")


def find_skill(text: str) -> str | None:
    """The skill area a person typed: its id ('remote_access', 'remote access') or its label in
    either language, full or short ('VPN & remote working', 'vpn & thuis'); None if it is neither."""
    from growthdesk.core.text import fold
    from growthdesk.skills.ids import SKILL_IDS

    key = " ".join(fold(text).split())
    if key.replace(" ", "_") in SKILL_IDS:
        return key.replace(" ", "_")
    for lang in ("en", "nl"):
        for short in (False, True):  # what listings show: "VPN & thuis" too
            for skill, label in labels(lang, short=short).items():
                if " ".join(fold(label).split()) == key:
                    return skill
    return None
