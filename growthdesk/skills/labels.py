"""The one skill label: the curated name of an area ("Passwords, sign-in & MFA"), never its id.

Every command and the review show areas through skill_label, in the interface language.
"""

from __future__ import annotations

from functools import lru_cache

from growthdesk.core.data import DataFileError
from growthdesk.core.i18n import _, language
from growthdesk.skills.taxonomy import raw_skills

__all__ = ["labels", "skill_label"]


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
