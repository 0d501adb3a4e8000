"""The 23 skill areas shipped in ``data/skills.json``: reading and validation.

The file is checked when it is loaded, so a bad edit fails loudly on the first run (and in the
tests) instead of silently mis-tagging wins: unknown or missing ids, missing labels, keywords
that are not one word, generic words used as keywords, and the same keyword claimed by two
areas without being declared as shared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from growthdesk.core.data import DataFileError, read_json
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean
from growthdesk.core.text import fold, stem, tokens
from growthdesk.skills.ids import SKILL_IDS

__all__ = [
    "Area",
    "Taxonomy",
    "TaxonomyError",
    "load_taxonomy",
    "parse_taxonomy",
    "raw_skills",
    "LANGS",
    "MIN_STEM",
    "SHORT_MAX",
]

LANGS = ("en", "nl")
SHORT_MAX = 15  # a short label fits a listing's narrow column on an 80-column screen
MIN_STEM = 4  # keywords are compared by stems of at least four letters: "rest" is not "reset"
_REF_RE = re.compile(r"^(SFIA|NICE|ONET|ECF):[A-Z0-9][A-Z0-9.\-]*$")


class TaxonomyError(DataFileError):
    """The shipped skill taxonomy file is malformed (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class Area:
    """One skill area. Word lists are folded; a leading '=' marks a whole-word-only keyword."""

    id: str
    label: Mapping[str, str]
    short: Mapping[str, str]
    description: Mapping[str, str]
    refs: tuple[str, ...]
    strong: tuple[str, ...]
    keywords: Mapping[str, tuple[str, ...]]
    weak: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Taxonomy:
    """The validated taxonomy; ``areas`` keep the fixed order of growthdesk.skills.ids.
    Labels are read through growthdesk.skills.labels, which needs no validation."""

    areas: tuple[Area, ...]
    generic: Mapping[str, tuple[str, ...]]
    shared: Mapping[str, tuple[str, ...]]


def _fail(message: str) -> TaxonomyError:
    return TaxonomyError(_("skill taxonomy: {message}", message=message))


def _lang_map(raw: Any, where: str, *, need_text: bool) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(f"{where} must be an object with 'en' and 'nl'")
    out: dict[str, Any] = {}
    for lang in LANGS:
        value = raw.get(lang)
        if need_text:
            if not isinstance(value, str) or not value.strip():
                raise _fail(f"{where} is missing its '{lang}' text")
            out[lang] = value.strip()
        else:
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _fail(f"{where}.{lang} must be a list of strings")
            out[lang] = tuple(fold(v).strip() for v in value if v.strip())
    return out


def _key(word: str) -> str:
    """Comparison key of a keyword: '=word' compares as written, others by stem."""
    return word if word.startswith("=") else stem(word, MIN_STEM)


def parse_taxonomy(raw: Any) -> Taxonomy:
    """Validate the decoded JSON and build a Taxonomy; raises TaxonomyError naming the fault."""
    if not isinstance(raw, dict) or not isinstance(raw.get("areas"), list):
        raise _fail("top level must be an object with an 'areas' list")
    areas: list[Area] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["areas"]):
        if not isinstance(item, dict):
            raise _fail(f"area #{i + 1} is not an object")
        sid = item.get("id")
        if sid not in SKILL_IDS:
            hint = did_you_mean(str(sid), SKILL_IDS)
            raise _fail(f"unknown skill id {sid!r}.{hint}")
        if sid in seen:
            raise _fail(f"skill id {sid!r} appears twice")
        seen.add(sid)
        refs = item.get("refs", [])
        if not isinstance(refs, list) or not all(
            isinstance(r, str) and _REF_RE.match(r) for r in refs
        ):
            raise _fail(f"{sid}.refs must be framework codes such as 'SFIA:IAMT' (codes only)")
        strong = item.get("strong", [])
        if not isinstance(strong, list) or not all(isinstance(s, str) for s in strong):
            raise _fail(f"{sid}.strong must be a list of strings")
        area = Area(
            id=sid,
            label=_lang_map(item.get("label"), f"{sid}.label", need_text=True),
            short=_lang_map(item.get("short"), f"{sid}.short", need_text=True),
            description=_lang_map(item.get("description"), f"{sid}.description", need_text=True),
            refs=tuple(refs),
            strong=tuple(fold(s).strip() for s in strong if s.strip()),
            keywords=_lang_map(item.get("keywords"), f"{sid}.keywords", need_text=False),
            weak=_lang_map(item.get("weak", {}), f"{sid}.weak", need_text=False),
            phrases=_lang_map(item.get("phrases", {}), f"{sid}.phrases", need_text=False),
        )
        long = [t for t in area.short.values() if len(t) > SHORT_MAX or "," in t]
        if long:  # listings join short labels with commas
            raise _fail(f"{sid}.short {long[0]!r}: at most {SHORT_MAX} characters, no comma")
        if not any(area.keywords[lang] for lang in LANGS) and not area.strong:
            raise _fail(f"{sid} has no keywords")
        areas.append(area)
    missing = [s for s in SKILL_IDS if s not in seen]
    if missing:
        raise _fail("missing skill areas: " + ", ".join(missing))
    areas.sort(key=lambda a: SKILL_IDS.index(a.id))

    generic = _lang_map(raw.get("generic", {}), "generic", need_text=False)
    shared_raw = raw.get("shared", {})
    if not isinstance(shared_raw, dict):
        raise _fail("'shared' must map a keyword to the areas that share it")
    shared: dict[str, tuple[str, ...]] = {}
    for word, ids in shared_raw.items():
        if not isinstance(ids, list) or any(i not in SKILL_IDS for i in ids):
            raise _fail(f"shared keyword {word!r} must list known skill ids")
        shared[_key(fold(word))] = tuple(sorted(ids))

    _check_words(areas, generic, shared)
    return Taxonomy(areas=tuple(areas), generic=generic, shared=shared)


def _check_words(
    areas: list[Area], generic: Mapping[str, tuple[str, ...]], shared: Mapping[str, tuple[str, ...]]
) -> None:
    generic_keys = {_key(w) for lang in LANGS for w in generic[lang] if len(tokens(w)) == 1}
    owners: dict[str, set[str]] = {}
    spelled: dict[str, set[str]] = {}
    phrase_owners: dict[tuple[str, ...], set[str]] = {}
    for area in areas:
        lists = [("strong", area.strong)]
        lists += [(f"keywords.{lang}", area.keywords[lang]) for lang in LANGS]
        lists += [(f"weak.{lang}", area.weak[lang]) for lang in LANGS]
        for where, words in lists:
            for word in words:
                bare = word.lstrip("=")
                if not bare.isalnum() and tokens(bare) != [bare]:
                    raise _fail(f"{area.id}.{where}: {word!r} must be one word (use phrases)")
                key = _key(word)
                if key in generic_keys and not where.startswith("weak"):
                    raise _fail(f"{area.id}.{where}: {word!r} is a generic word; it cannot decide")
                if not where.startswith("weak"):
                    owners.setdefault(key, set()).add(area.id)
                    spelled.setdefault(key, set()).add(word.lstrip("="))
        for lang in LANGS:
            for phrase in area.phrases[lang]:
                toks = tokens(phrase)
                if len(toks) < 2:
                    raise _fail(f"{area.id}.phrases.{lang}: {phrase!r} must have two or more words")
                phrase_owners.setdefault(tuple(stem(t, MIN_STEM) for t in toks), set()).add(area.id)
    for key, ids in owners.items():
        if len(ids) > 1 and tuple(sorted(ids)) != shared.get(key):
            raise _fail(
                f"keyword {'/'.join(sorted(spelled[key]))!r} is claimed by "
                f"{', '.join(sorted(ids))}; make it weak in all "
                "but one, or declare it under 'shared'"
            )
    for key_t, ids in phrase_owners.items():
        if len(ids) > 1 and tuple(sorted(ids)) != shared.get(" ".join(key_t)):
            raise _fail(f"phrase {' '.join(key_t)!r} is claimed by {', '.join(sorted(ids))}")


@lru_cache(maxsize=1)
def raw_skills() -> dict[str, Any]:
    """data/skills.json as shipped: parsed, not checked (load_taxonomy does the checking)."""
    raw = read_json("skills.json")
    if not isinstance(raw, dict):
        raise _fail("data/skills.json must hold an object")
    return raw


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once per process from the growthdesk.data package."""
    return parse_taxonomy(raw_skills())
