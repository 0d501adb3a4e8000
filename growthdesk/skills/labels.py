"""The one skill label: the curated name of an area ("Passwords, sign-in & MFA"), never its id.

Every command and the review show areas through skill_label, in the interface language.
"""

from __future__ import annotations

from functools import lru_cache

from growthdesk.core.data import DataFileError
from growthdesk.core.i18n import _, language
from growthdesk.skills.taxonomy import raw_skills

__all__ = ["labels", "skill_label", "find_skill"]


@lru_cache(maxsize=4)
def labels(lang: str = "en") -> dict[str, str]:
    """Area labels in *lang* (English where one is missing), read without checking every keyword
    list of the taxonomy (~30 ms): what `stats`, `review`, `ask` and `path` need of it."""
    try:
        areas = raw_skills().get("areas") or []
    except DataFileError:
        return {}  # labels are cosmetic: a broken file fails loudly where it is parsed in full
    return {
        str(a["id"]): str(a["label"].get(lang) or a["label"].get("en") or a["id"])
        for a in areas
        if isinstance(a, dict) and "id" in a and isinstance(a.get("label"), dict)
    }


def skill_label(skill: str, lang: str | None = None) -> str:
    """The label of a skill area in *lang* (default: the interface language), else a tidied id."""
    label = labels(lang or language()).get(skill)
    if label:
        return label
    return skill.replace("_", " ").capitalize() if skill else _("Untagged")


def find_skill(text: str) -> str | None:
    """The skill area a person typed: its id ('remote_access', 'remote access') or its label in
    either language ('VPN & remote working', 'vpn & thuiswerken'); None if it is neither."""
    from growthdesk.core.text import fold
    from growthdesk.skills.ids import SKILL_IDS

    key = " ".join(fold(text).split())
    if key.replace(" ", "_") in SKILL_IDS:
        return key.replace(" ", "_")
    for lang in ("en", "nl"):
        for skill, label in labels(lang).items():
            if " ".join(fold(label).split()) == key:
                return skill
    return None
