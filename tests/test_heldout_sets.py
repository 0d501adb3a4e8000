"""The tagger evaluation sets: valid labels, disjoint held-out and dev sets, and a frozen held-out set."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from growthdesk.skills.ids import SKILL_IDS

DATA = Path(__file__).parent / "data"
HELDOUT = DATA / "heldout"
DEVSET = DATA / "devset"
LANGS = ("en", "nl")
# One file per name, lang = the part before "_": "nl_ext" is the second Dutch set (added 2026-12-01),
# "nl_r3" and "nl_queue" the third (added 2026-12-02; see heldout/README.md).
NAMES = ("en", "nl", "nl_ext", "nl_r3", "nl_queue")
# Development-only files (no held-out twin): "nl_r4" and "nl_r5" are the fourth and fifth Dutch rounds,
# "en_r5" the fifth (English) round (all 2026-12-02, devset/README.md); "en_atd" more threads from the
# atd-data-tech service-desk queue that the English held-out set already draws on (2026-12-02).
# "nl_r6" is the sixth Dutch round (2026-12-02).
DEV_ONLY = ("nl_r4", "nl_r5", "en_r5", "en_atd", "nl_r6")
# Dev-only files that deliberately share their source group with the held-out set: en_atd is a larger tuning
# sample of the same queue (github.com/cityofaustin/atd-data-tech) the English held-out set takes 105 items
# from. Disjoint by thread and text (checked above), not by group; see devset/README.md.
SAME_GROUP_AS_HELDOUT = {"en_atd": {"github.com/cityofaustin/atd-data-tech"}}
KEYS = {"text", "primary", "secondary", "lang", "source"}
# The issue asks for 150 held-out items per language; English has 169. Dutch real end-user text is scarce
# in the available corpora (see heldout/README.md), so the Dutch held-out set was built in three rounds. These floors catch
# lost items; the freeze check below catches any other edit of the held-out files.
MIN_ITEMS = {
    ("heldout", "en"): 150,
    ("devset", "en"): 60,
    ("heldout", "nl"): 18,
    ("devset", "nl"): 6,
    ("heldout", "nl_ext"): 28,
    ("devset", "nl_ext"): 19,
    ("heldout", "nl_r3"): 117,
    ("devset", "nl_r3"): 26,
    ("heldout", "nl_queue"): 20,
    ("devset", "nl_queue"): 1,
    ("devset", "nl_r4"): 90,
    ("devset", "nl_r5"): 28,
    ("devset", "en_r5"): 175,
    ("devset", "en_atd"): 170,
    ("devset", "nl_r6"): 15,
}


def _load(folder: Path, name: str) -> list[dict[str, Any]]:
    lines = (folder / f"tagger_{name}.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


SETS = {(folder.name, name): _load(folder, name) for folder in (HELDOUT, DEVSET) for name in NAMES}
SETS.update({("devset", name): _load(DEVSET, name) for name in DEV_ONLY})


def _lang_rows(folder: str, lang: str) -> list[dict[str, Any]]:
    """Every row of one language in one folder, across its files."""
    return [
        row
        for (f, name), rows in SETS.items()
        if f == folder and name.split("_")[0] == lang
        for row in rows
    ]


@pytest.mark.parametrize("key", sorted(SETS))
def test_rows_are_valid(key: tuple[str, str]) -> None:
    lang = key[1].split("_")[0]
    for row in SETS[key]:
        assert set(row) == KEYS, row
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != "", row
        assert row["lang"] == lang, row
        assert row["primary"] in SKILL_IDS, row
        secondary = row["secondary"]
        assert isinstance(secondary, list) and len(set(secondary)) == len(secondary), row
        assert all(s in SKILL_IDS and s != row["primary"] for s in secondary), row
        assert re.match(r"https?://\S+$", row["source"]), row


@pytest.mark.parametrize("key", sorted(SETS))
def test_minimum_sizes(key: tuple[str, str]) -> None:
    assert len(SETS[key]) >= MIN_ITEMS[key]


def test_no_duplicate_texts_or_sources_anywhere() -> None:
    rows = [row for rows in SETS.values() for row in rows]
    texts = Counter(_norm(row["text"]) for row in rows)
    sources = Counter(row["source"] for row in rows)
    assert [t for t, n in texts.items() if n > 1] == []
    assert [s for s, n in sources.items() if n > 1] == []


@pytest.mark.parametrize("lang", LANGS)
def test_heldout_and_dev_are_disjoint(lang: str) -> None:
    held, dev = _lang_rows("heldout", lang), _lang_rows("devset", lang)
    assert {_norm(r["text"]) for r in held}.isdisjoint(_norm(r["text"]) for r in dev)
    assert {r["source"] for r in held}.isdisjoint(r["source"] for r in dev)


def test_heldout_was_not_in_the_tuned_sets() -> None:
    tuned = set()
    for name in ("tagger_eval.jsonl", "tagger_holdout.jsonl", "seed/tagger_seed.jsonl"):
        for line in (DATA / name).read_text("utf-8").splitlines():
            if line.strip():
                tuned.add(_norm(json.loads(line)["text"]))
    held = {_norm(r["text"]) for lang in LANGS for r in _lang_rows("heldout", lang)}
    assert held.isdisjoint(tuned)


def test_every_area_present_three_times_in_english_heldout() -> None:
    counts = Counter(row["primary"] for row in SETS[("heldout", "en")])
    assert {area: counts[area] for area in SKILL_IDS if counts[area] < 3} == {}


def test_heldout_files_are_frozen() -> None:
    expected = {}
    for line in (HELDOUT / "FROZEN").read_text("utf-8").splitlines():
        digest, name = line.split()
        expected[name] = digest
    actual = {
        f"tagger_{name}.jsonl": hashlib.sha256(
            (HELDOUT / f"tagger_{name}.jsonl").read_bytes()
        ).hexdigest()
        for name in NAMES
    }
    assert actual == expected


def _source_group(url: str) -> str:
    """A GitHub repository, else the web host without "www.": the unit the Dutch rounds are split by."""
    parts = re.sub(r"^https?://", "", url).split("#")[0].split("/")
    host = parts[0].lower().removeprefix("www.")
    if host == "github.com" and len(parts) >= 3:
        return f"github.com/{parts[1].lower()}/{parts[2].lower()}"
    return host


@pytest.mark.parametrize("name", DEV_ONLY)
def test_dev_only_rounds_share_no_source_group_with_heldout(name: str) -> None:
    # Earlier rounds let a few hosts (pcactive.nl, blog.iusmentis.com) reach both sides; the
    # dev-only rounds must not: one site's wording on both sides would flatter the held-out score.
    held = {_source_group(r["source"]) for lang in LANGS for r in _lang_rows("heldout", lang)}
    shared = {_source_group(r["source"]) for r in SETS[("devset", name)]} & held
    assert sorted(shared - SAME_GROUP_AS_HELDOUT.get(name, set())) == []
