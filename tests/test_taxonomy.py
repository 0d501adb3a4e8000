"""Skill taxonomy: the shipped data is complete and the loader rejects broken data."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from importlib.resources import files
from typing import Any

import pytest

from growthdesk.core.errors import GrowthdeskError, InputError
from growthdesk.core.i18n import set_language
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.labels import labels, skill_label
from growthdesk.skills.summary import skill_summary
from growthdesk.skills.taxonomy import Area, Taxonomy, TaxonomyError, load_taxonomy, parse_taxonomy
from growthdesk.skills.validate import validate_skill


@pytest.fixture
def raw() -> dict[str, Any]:
    data = json.loads(files("growthdesk.data").joinpath("skills.json").read_text("utf-8"))
    return copy.deepcopy(data)


def area(raw: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(a for a in raw["areas"] if a["id"] == sid)


def parsed(taxonomy: Taxonomy, sid: str) -> Area:
    return next(a for a in taxonomy.areas if a.id == sid)


def test_shipped_taxonomy_has_the_23_fixed_areas_in_order() -> None:
    tax = load_taxonomy()
    assert tuple(a.id for a in tax.areas) == SKILL_IDS
    assert load_taxonomy() is tax  # cached


def test_every_area_is_bilingual_and_has_vocabulary() -> None:
    tax = load_taxonomy()
    for a in tax.areas:
        for lang in ("en", "nl"):
            assert a.label[lang].strip() and a.description[lang].strip(), (a.id, lang)
            assert len(a.keywords[lang]) + len(a.strong) >= 5, (a.id, lang)
            assert len(a.phrases[lang]) >= 3, (a.id, lang)


def test_skill_label_is_the_curated_label_in_the_interface_language() -> None:
    # The cheap label reader must agree with the fully checked taxonomy.
    for lang in ("en", "nl"):
        assert labels(lang) == {a.id: a.label[lang] for a in load_taxonomy().areas}
    assert skill_label("accounts_passwords") == "Passwords, sign-in & MFA"
    assert skill_label("printing", "nl") == "Printen & scannen"
    assert skill_label("printing", "fr") == "Printing & scanning"  # falls back to English
    set_language("nl")
    try:
        assert skill_label("printing") == "Printen & scannen"
    finally:
        set_language("en")
    assert skill_label("no_such_area") == "No such area"
    assert skill_label("") == "Untagged"


def test_short_labels_for_narrow_columns() -> None:
    for lang in ("en", "nl"):
        assert labels(lang, short=True) == {a.id: a.short[lang] for a in load_taxonomy().areas}
    assert skill_label("remote_access", "en", short=True) == "VPN & remote"
    assert skill_label("remote_access", "nl", short=True) == "VPN & thuis"
    assert skill_label("remote_access", "nl", room=20) == "VPN & thuiswerken"  # fits whole
    assert skill_label("accounts_passwords", "nl", room=20) == "Inloggen & MFA"
    assert skill_label("printing", "fr", short=True) == "Printing"  # falls back to English


def test_refs_are_framework_codes_only() -> None:
    for a in load_taxonomy().areas:
        assert a.refs, a.id
        for ref in a.refs:
            assert re.fullmatch(r"(SFIA|NICE|ONET|ECF):[A-Z0-9.\-]+", ref), ref


def test_validate_skill_accepts_variants_and_suggests_near_misses() -> None:
    assert validate_skill("printing") == "printing"
    assert validate_skill("Remote-Access") == "remote_access"
    assert validate_skill(" os desktop ") == "os_desktop"
    with pytest.raises(InputError, match="Did you mean 'printing'"):
        validate_skill("priting")
    with pytest.raises(InputError, match="unknown skill 'zzz'"):
        validate_skill("zzz")
    # A label as a listing shows it, in either language, full or short.
    assert validate_skill("VPN & thuis") == "remote_access"
    assert validate_skill("printen & scannen") == "printing"
    # No id is spelled like it: the tagger reads the word as a problem text.
    with pytest.raises(InputError, match="Did you mean 'remote_access'"):
        validate_skill("vpn")


def test_parse_accepts_the_shipped_file(raw: dict[str, Any]) -> None:
    assert tuple(a.id for a in parse_taxonomy(raw).areas) == SKILL_IDS


def test_unknown_id_is_rejected_with_a_hint(raw: dict[str, Any]) -> None:
    area(raw, "printing")["id"] = "printng"
    with pytest.raises(TaxonomyError, match="unknown skill id 'printng'.*printing"):
        parse_taxonomy(raw)


def test_missing_area_is_rejected(raw: dict[str, Any]) -> None:
    raw["areas"] = [a for a in raw["areas"] if a["id"] != "hardware"]
    with pytest.raises(TaxonomyError, match="missing skill areas: hardware"):
        parse_taxonomy(raw)


def test_duplicate_area_is_rejected(raw: dict[str, Any]) -> None:
    raw["areas"].append(copy.deepcopy(area(raw, "printing")))
    with pytest.raises(TaxonomyError, match="appears twice"):
        parse_taxonomy(raw)


def test_missing_label_is_rejected(raw: dict[str, Any]) -> None:
    del area(raw, "hardware")["label"]["nl"]
    with pytest.raises(TaxonomyError, match="hardware.label is missing its 'nl'"):
        parse_taxonomy(raw)


def test_a_short_label_too_long_for_a_column_is_rejected(raw: dict[str, Any]) -> None:
    area(raw, "hardware")["short"]["nl"] = "Hardware & randapparatuur"
    with pytest.raises(TaxonomyError, match="hardware.short 'Hardware & randapparatuur'"):
        parse_taxonomy(raw)
    area(raw, "hardware")["short"]["nl"] = "Hardware, rand"
    with pytest.raises(TaxonomyError, match="no comma"):
        parse_taxonomy(raw)
    del area(raw, "hardware")["short"]
    with pytest.raises(TaxonomyError, match="hardware.short must be an object"):
        parse_taxonomy(raw)


def test_keyword_claimed_by_two_areas_is_rejected(raw: dict[str, Any]) -> None:
    area(raw, "hardware")["keywords"]["en"].append("toner")  # printing's word
    with pytest.raises(TaxonomyError, match="'toner' is claimed by hardware, printing"):
        parse_taxonomy(raw)


def test_inflected_duplicate_is_caught_too(raw: dict[str, Any]) -> None:
    area(raw, "os_desktop")["keywords"]["nl"].append("printers")  # same stem as printer
    with pytest.raises(TaxonomyError, match="claimed by os_desktop, printing"):
        parse_taxonomy(raw)


def test_declared_shared_keyword_is_allowed(raw: dict[str, Any]) -> None:
    area(raw, "hardware")["keywords"]["en"].append("toner")
    raw["shared"] = {"toner": ["printing", "hardware"]}
    taxonomy = parse_taxonomy(raw)
    assert "toner" in parsed(taxonomy, "hardware").keywords["en"]


def test_weak_words_may_appear_in_several_areas(raw: dict[str, Any]) -> None:
    area(raw, "telephony_av")["weak"]["en"].append("toner")
    taxonomy = parse_taxonomy(raw)
    assert "toner" in parsed(taxonomy, "telephony_av").weak["en"]


def test_generic_word_cannot_be_a_keyword(raw: dict[str, Any]) -> None:
    area(raw, "printing")["keywords"]["nl"].append("storing")
    with pytest.raises(TaxonomyError, match="'storing' is a generic word"):
        parse_taxonomy(raw)


def test_keywords_must_be_single_words(raw: dict[str, Any]) -> None:
    area(raw, "printing")["keywords"]["en"].append("paper tray")
    with pytest.raises(TaxonomyError, match="must be one word"):
        parse_taxonomy(raw)


def test_refs_must_be_codes(raw: dict[str, Any]) -> None:
    area(raw, "printing")["refs"].append("SFIA: a long copied description")
    with pytest.raises(TaxonomyError, match="codes only"):
        parse_taxonomy(raw)


def test_taxonomy_error_is_a_growthdesk_error() -> None:
    assert issubclass(TaxonomyError, GrowthdeskError)


def test_skill_summary_counts_last_win_and_trend() -> None:
    wins = [
        {"when": "2026-11-20T10:00:00+01:00", "skills": ["printing"]},
        {"when": "2026-10-01T10:00:00+01:00", "skills": ["printing", "hardware"]},
        {"when": "2026-07-01T10:00:00+01:00", "skills": ["printing"]},  # 148 days back
        {"when": "2026-07-15T10:00:00+01:00", "skills": ["accounts_passwords"]},
        {"when": "2026-07-16T10:00:00+01:00", "skills": ["accounts_passwords"]},
        {"when": "2026-11-01T10:00:00+01:00", "skills": ["accounts_passwords"]},
        {"when": "garbage", "skills": ["printing"]},
    ]
    rows = {r["skill"]: r for r in skill_summary(wins, date(2026, 11, 26))}
    assert rows["printing"] | {} == {
        "skill": "printing",
        "label": "Printing & scanning",
        "count": 3,
        "last": "2026-11-20",
        "recent": 2,
        "previous": 1,
        "trend": "up",
    }
    assert rows["accounts_passwords"]["trend"] == "down"
    assert rows["hardware"]["trend"] == "new"
    assert rows["cloud_platforms"] | {} == {
        "skill": "cloud_platforms",
        "label": "Cloud platforms & tenant admin",
        "count": 0,
        "last": None,
        "recent": 0,
        "previous": 0,
        "trend": "none",
    }
    order = [r["skill"] for r in skill_summary(wins, date(2026, 11, 26))]
    assert order[:3] == ["accounts_passwords", "printing", "hardware"]
