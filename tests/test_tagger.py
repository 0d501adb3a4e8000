"""The auto-tagger: accuracy on the labelled set, Dutch quirks, thresholds, learning.

tests/data/tagger_eval.jsonl is also training data of the n-gram model, so its accuracy test
only guards against regressions; the honest figures come from bench/bench_judgement.py on the
frozen sets in tests/data/heldout/.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.skills import tagger
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.tagger import (
    THRESHOLD,
    build_model,
    correct,
    decide,
    learn,
    suggest,
    term_counts,
    unlearn,
)

EVAL = Path(__file__).parent / "data" / "tagger_eval.jsonl"


def load_eval() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EVAL.read_text("utf-8").splitlines() if line.strip()]


def top(text: str, model: dict[str, Any] | None = None, hint: str | None = None) -> str | None:
    ranked = suggest(text, model, hint)
    return ranked[0][0] if ranked else None


# ---------------------------------------------------------------- evaluation set


def test_eval_file_is_big_bilingual_and_covers_every_area() -> None:
    rows = load_eval()
    assert len(rows) >= 200
    langs = Counter(r["lang"] for r in rows)
    assert langs["nl"] >= 70 and langs["en"] >= 70
    assert {r["primary"] for r in rows} == set(SKILL_IDS)
    for r in rows:
        assert set(r) == {"text", "lang", "primary", "secondary"}
        assert r["primary"] in SKILL_IDS and set(r["secondary"]) <= set(SKILL_IDS)
        assert r["primary"] not in r["secondary"]
    assert len({r["text"] for r in rows}) == len(rows)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_accuracy_per_language(lang: str) -> None:
    """Strict: the labelled primary area must be ranked first (top-1) or in the top 3."""
    rows = [r for r in load_eval() if r["lang"] == lang]
    top1 = top3 = 0
    misses = []
    for r in rows:
        ids = [s for s, _ in suggest(r["text"])]
        top1 += bool(ids) and ids[0] == r["primary"]
        top3 += r["primary"] in ids[:3]
        if not ids or ids[0] != r["primary"]:
            misses.append((r["text"], r["primary"], ids[:3]))
    n = len(rows)
    assert top1 / n >= 0.80, (top1 / n, misses)
    assert top3 / n >= 0.95, (top3 / n, misses)


# ---------------------------------------------------------------- matching rules


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("printerstoring", "printing"),
        ("wachtwoordreset", "accounts_passwords"),
        ("netwerkschijf", "files_storage_backup"),
        ("labelprinter doet niks", "printing"),
        ("klantendatabase", "data_reporting"),
    ],
)
def test_dutch_compounds(text: str, area: str) -> None:
    assert top(text) == area


@pytest.mark.parametrize(
    ("inflected", "base", "area"),
    [
        ("wachtwoord gereset", "password reset", "accounts_passwords"),
        ("software geüpdatet", "software update", "software_install"),
        ("excel crasht", "excel crash", "office_apps"),
        ("account gehackt", "account hacked", "security_incidents"),
        ("ingelogd", "inloggen", "accounts_passwords"),
    ],
)
def test_dutch_inflected_loanwords(inflected: str, base: str, area: str) -> None:
    assert top(inflected) == area
    assert top(base) == area


def test_case_and_accents_are_folded() -> None:
    assert suggest("SOFTWARE GEÜPDATET") == suggest("software geupdatet")
    assert suggest("Wachtwoord VERGETEN") == suggest("wachtwoord vergeten")


def test_phrase_weighs_more_than_its_words() -> None:
    phrase = dict(suggest("papier vast"))["printing"]
    word = dict(suggest("papier"))["printing"]
    assert phrase > word
    assert (
        dict(suggest("wachtwoord vergeten"))["accounts_passwords"]
        > dict(suggest("wachtwoord"))["accounts_passwords"]
    )


def test_phrase_matches_with_words_in_between() -> None:
    assert top("laptop loopt elke keer vast") == "os_desktop"
    assert top("laptop loopt elke keer vast") == top("laptop loopt vast")


@pytest.mark.parametrize(
    "text",
    [
        "storing",
        "error",
        "werkt niet",
        "issue, broken, urgent",
        "foutmelding, lukt niet, kapot",
        "help asap it's not working",
        "",
        "   ",
    ],
)
def test_generic_words_never_decide(text: str) -> None:
    assert suggest(text) == []
    assert decide(suggest(text)) == ([], False)


def test_generic_words_do_not_add_weight() -> None:
    assert suggest("printer storing error werkt niet kapot") == suggest("printer")


def test_weak_word_alone_is_not_confident() -> None:
    ranked = suggest("laptop")
    assert ranked and ranked[0][1] < THRESHOLD
    assert decide(ranked) == ([], False)


def test_decide_applies_confident_and_close_second() -> None:
    assert decide([("printing", 0.8), ("hardware", 0.3)]) == (["printing"], True)
    # a second area with evidence close to the first is applied as well
    assert decide([("security_incidents", 0.7), ("email_calendar", 0.68)]) == (
        ["security_incidents", "email_calendar"],
        True,
    )
    assert decide([("printing", THRESHOLD - 0.01)]) == ([], False)
    assert decide([]) == ([], False)


def test_typos_in_longer_words_still_match() -> None:
    assert top("outlok wont open") == "email_calendar"
    assert top("forgot my pasword") == "accounts_passwords"
    assert top("printr jammed") == "printing"


def test_common_words_are_not_typos_of_keywords() -> None:
    # "coming" is one letter from "coding"; short words only match dropped letters
    assert "scripting_automation" not in dict(suggest("mfa prompt not coming through"))


def test_hint_adds_evidence() -> None:
    assert decide(suggest("kan het niet openen")) == ([], False)
    assert top("kan het niet openen", hint="Hardware > Printers") == "printing"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_suggest_is_total_and_well_formed(text: str) -> None:
    ranked = suggest(text)
    assert all(s in SKILL_IDS and 0 < score < 1 for s, score in ranked)
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    skills, confident = decide(ranked)
    assert confident == bool(skills)


# ---------------------------------------------------------------- learning


def test_learning_kofax_as_printing() -> None:
    before = suggest("kofax capture hangs")
    assert not before or before[0][0] != "printing"
    model = None
    for text in ("kofax capture error", "kofax capture error", "kofax capture error"):
        model = learn(model, text, ["printing"])
    after = suggest("kofax capture hangs", model)
    assert after[0][0] == "printing"
    assert decide(after) == (["printing"], True)


def test_learning_generalises_across_languages() -> None:
    model = None
    for _ in range(3):
        model = learn(model, "kofax scanner station wachtwoord", ["business_apps"])
    # the model stores concepts, so the English word counts for the Dutch one
    assert dict(suggest("kofax password", model)).get("business_apps", 0) > dict(
        suggest("kofax password")
    ).get("business_apps", 0)


def test_learning_does_not_mutate_its_input_and_is_json() -> None:
    model = learn(None, "kofax capture error", ["printing"])
    frozen = orjson.dumps(model)
    learn(model, "kofax capture error", ["hardware"])
    unlearn(model, "kofax capture error", ["printing"])
    assert orjson.dumps(model) == frozen
    assert orjson.loads(frozen) == model


def counts(model: dict[str, Any]) -> dict[str, Any]:
    """What a model knows, without its bookkeeping (sequence numbers only grow)."""
    return {
        "wins": model["wins"],
        "skills": model["skills"],
        "terms": {
            t: {k: v for k, v in row.items() if k != "@"} for t, row in model["terms"].items()
        },
    }


def test_unlearn_undoes_learn() -> None:
    base = learn(None, "vpn token mislukt", ["remote_access"])
    more = learn(base, "kofax capture error", ["printing"])
    assert counts(unlearn(more, "kofax capture error", ["printing"])) == counts(base)


def test_correction_changes_the_suggestion() -> None:
    text = "kofax capture error"
    model = None
    for _ in range(3):
        model = learn(model, text, ["printing"])
    assert top("kofax capture hangs", model) == "printing"
    # the user corrects all three to business_apps via `wins edit`
    for _ in range(3):
        model = correct(model, text, ["printing"], "manual", text, ["business_apps"])
    ranked = dict(suggest("kofax capture hangs", model))
    assert top("kofax capture hangs", model) == "business_apps"
    assert "printing" not in ranked


def test_correcting_an_auto_tag_never_removes_hand_set_evidence() -> None:
    taught = None
    for _ in range(3):
        taught = learn(taught, "kofax capture error", ["printing"])
    # an auto-tagged win with the same words is corrected: nothing was learned from it,
    # so nothing the user set by hand may be forgotten
    fixed = correct(
        taught, "kofax capture error", ["printing"], "auto", "kofax capture error", ["hardware"]
    )
    assert term_counts(fixed, "kofax") == {"printing": 3, "hardware": 1}
    assert top("kofax capture hangs", fixed) == "printing"


def test_adding_a_skill_by_hand_keeps_the_old_one() -> None:
    model = learn(None, "kofax capture error", ["printing"])
    model = correct(
        model,
        "kofax capture error",
        ["printing"],
        "manual",
        "kofax capture error",
        ["printing", "business_apps"],
    )
    assert term_counts(model, "kofax") == {"printing": 1, "business_apps": 1}
    assert model["terms"]["kofax"]["_"] == 1
    assert model["skills"] == {"printing": 1, "business_apps": 1}


def test_unlearning_what_was_never_learned_is_harmless() -> None:
    model = learn(None, "kofax capture error", ["printing"])
    after = unlearn(model, "printer offline", ["hardware"])
    assert after["terms"]["kofax"] == model["terms"]["kofax"]
    assert all(v > 0 for row in after["terms"].values() for v in row.values())
    assert unlearn(None, "x", ["printing"]) == tagger.empty_model()


def test_broken_or_foreign_model_is_ignored() -> None:
    assert suggest("printer offline", {"version": 99}) == suggest("printer offline")
    assert suggest("printer offline", {"junk": True}) == suggest("printer offline")
    assert learn({"version": 99}, "kofax", ["printing"])["wins"] == 1


def test_build_model_uses_manual_wins_only() -> None:
    wins = [
        {"problem": "kofax capture error", "skills": ["printing"], "skills_source": "manual"},
        {"problem": "kofax capture error", "skills": ["printing"], "skills_source": "manual"},
        {"problem": "kofax capture error", "skills": ["hardware"], "skills_source": "auto"},
        {"problem": "kofax", "skills": [], "skills_source": "manual"},
    ]
    model = build_model(wins)
    assert model["wins"] == 2
    assert term_counts(model, "kofax") == {"printing": 2}
    # rebuild equals the incremental path
    inc = learn(
        learn(None, "kofax capture error", ["printing"]), "kofax capture error", ["printing"]
    )
    assert model == inc


def test_model_stays_small_with_many_distinct_words() -> None:
    wins = [
        {
            "problem": f"ticket zz{i:05d}q about printer qq{i % 977}x",
            "skills": [SKILL_IDS[i % 23]],
            "skills_source": "manual",
        }
        for i in range(25_000)
    ]
    model = build_model(wins)
    assert len(model["terms"]) <= tagger.MAX_TERMS
    assert len(orjson.dumps(model)) < 250_000
    # frequent words survive pruning, counts stay capped, rows keep few skills
    assert 0 < model["terms"]["prin"]["_"] <= tagger.TERM_COUNT_CAP
    for row in model["terms"].values():
        counts = {k: v for k, v in row.items() if k.isdigit()}
        assert len(counts) <= tagger.MAX_SKILLS_PER_TERM
        assert all(v <= tagger.TERM_COUNT_CAP for v in counts.values())
    # a word learned now, after 25,000 wins, is not pruned before it can count
    for i in range(3):
        model = learn(model, "kofax capture error", ["printing"])
        for j in range(400):  # many other new words arrive in between
            model = learn(model, f"nieuwwoord{i}x{j}q", ["hardware"])
    assert term_counts(model, "kofax") == {"printing": 3}
    assert top("kofax capture hangs", model) == "printing"


def test_generic_words_for_learning_match_the_full_index() -> None:
    from growthdesk.core.text import stem
    from growthdesk.skills.tagger import _generic_stems
    from growthdesk.skills.taxonomy import load_taxonomy

    generic = load_taxonomy().generic
    one_word = {stem(w) for lang in ("en", "nl") for w in generic[lang] if " " not in w}
    assert _generic_stems() == one_word
    assert len(_generic_stems()) > 10


# ---------------------------------------------------------------- stemming and boundary rules


@pytest.fixture
def keywords_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The keyword layer alone: the n-gram model adds a little evidence everywhere."""
    monkeypatch.setattr(tagger, "NGRAM_WEIGHT", 0.0)


@pytest.mark.parametrize(
    ("text", "not_area"),
    [
        ("rest of the day off", "accounts_passwords"),  # "rest" is not "reset"
        ("plan the move of the office", "m365_collaboration"),  # "plan" is not Planner
        ("plannen voor volgende week", "m365_collaboration"),
        ("ik krijg een melding dat de schijf vol is", "itsm_process"),  # a message, not a ticket
        ("foutmelding bij opslaan in excel", "itsm_process"),
    ],
)
@pytest.mark.usefixtures("keywords_only")
def test_short_stems_and_double_meanings_do_not_match(text: str, not_area: str) -> None:
    assert not_area not in dict(suggest(text))


def test_itsm_only_in_itsm_phrases_for_melding() -> None:
    assert top("melding in topdesk aanmaken") == "itsm_process"
    assert top("melding doorzetten naar de tweede lijn") == "itsm_process"


def test_no_stem_shorter_than_four_letters_matches() -> None:
    assert tagger._stem("reset") == tagger._stem("gereset") == tagger._stem("resetten")
    assert tagger._stem("rest") != tagger._stem("reset")
    assert tagger._stem("access") != tagger._stem("acc")
    index = tagger._index_for(tagger.load_taxonomy())
    short_keys = [k for k in index.by_stem if len(k) < 4]
    assert all(len(m[2]) < 4 or m[2].endswith("s") for k in short_keys for m in index.by_stem[k])


@pytest.mark.usefixtures("keywords_only")
def test_inflections_of_one_word_count_once() -> None:
    assert suggest("unlock unlocked unlocking") == suggest("unlock")
    assert suggest("wachtwoord wachtwoorden") == suggest("wachtwoord")


@pytest.mark.parametrize(
    "text",
    [
        "install Acrobat",
        "please install adobe acrobat reader",
        "acrobat installeren",
        "install teams",
    ],
)
def test_request_verb_beats_the_products_area(text: str) -> None:
    assert top(text) == "software_install"


@pytest.mark.parametrize(
    ("text", "area"),
    [
        # A past participle reports what was done before the application failed: no request.
        ("plug-in geinstalleerd, nu mislukt de betaling in de webshop", "business_apps"),
        ("installed the Mollie plugin and now checkout payments fail", "business_apps"),
        ("Mollie plug-in installeren", "software_install"),  # a request
    ],
)
@pytest.mark.usefixtures("keywords_only")  # the rule itself, without the n-gram model's vote
def test_only_a_request_form_of_install_beats_the_application(text: str, area: str) -> None:
    assert top(text) == area


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("hij logt niet in op zijn laptop", "accounts_passwords"),  # separable verb
        ("mijn collega logt sinds gisteren niet in", "accounts_passwords"),
        ("ik heb een melding gemaakt maar niemand reageert", "itsm_process"),  # the ticket
        ("hardware in kaart brengen", "endpoint_management"),  # an inventory
        ("de kassa van de webshop werkt niet", "business_apps"),
    ],
)
def test_dutch_phrasings_from_the_development_set(text: str, area: str) -> None:
    assert top(text) == area


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("camera fails before Teams meeting", "telephony_av"),
        ("webcam werkt niet in teams vergadering", "telephony_av"),
        ("headset kapot tijdens teams call", "telephony_av"),
    ],
)
def test_failing_device_beats_the_context(text: str, area: str) -> None:
    assert top(text) == area
    assert "m365_collaboration" in dict(suggest(text))  # the context stays as a second area


@pytest.mark.usefixtures("keywords_only")
def test_ties_are_broken_by_evidence_not_area_order() -> None:
    # Both areas get one plain keyword; the one named first wins, whichever way round.
    a, b = "mouse", "router"
    assert top(f"{a} {b}") == "hardware"
    assert top(f"{b} {a}") == "network_connectivity"


# ---------------------------------------------------------------- shipped n-gram model

ROOT = Path(__file__).resolve().parent.parent


def _train_tagger() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "train_tagger", ROOT / "tools" / "train_tagger.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ngram_model_is_small_and_rebuilt_by_the_shipped_script() -> None:
    shipped = ROOT / "data" / "tagger_model.json"
    assert shipped.stat().st_size < 1_000_000
    train_tagger = _train_tagger()
    # Stale weights (a seed or stemmer change without retraining) fail here.
    assert train_tagger.build() == shipped.read_text("utf-8")
    trained_on = {p.parent.name for p in train_tagger.TRAINING_FILES}
    assert "heldout" not in trained_on  # the frozen sets measure it; devset is training data


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def test_ngram_model_raises_top1_on_real_texts_it_never_saw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shipped model trains on the development sets too, so this test trains one without
    them (the written seed corpora and the old tuned sets) and scores the real dev texts."""
    from growthdesk.skills import ngrams

    train_files = [
        p for p in _train_tagger().TRAINING_FILES if p.parent.name not in {"devset", "heldout"}
    ]
    rows = [(r["text"], r["primary"]) for p in train_files for r in _jsonl(p)]
    model = ngrams.train(rows, SKILL_IDS, tagger.skip_token)
    monkeypatch.setattr(ngrams, "load_model", lambda: model)
    dev = [
        r for p in sorted((ROOT / "tests" / "data" / "devset").glob("*.jsonl")) for r in _jsonl(p)
    ]

    def top1() -> int:
        return sum(top(r["text"]) == r["primary"] for r in dev)

    with_model = top1()
    monkeypatch.setattr(tagger, "NGRAM_WEIGHT", 0.0)
    keywords_alone = top1()
    # 5-fold figures and their history: bench/cv_tagger.py; at least 4 more texts right
    assert with_model >= keywords_alone + 4, (with_model, keywords_alone, len(dev))


def test_the_model_never_outranks_a_confident_keyword_nor_looks_confident(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An area only the model names stays below a keyword-backed one and is shown visibly
    below the threshold (0.44, not a rounded 0.45); with a keyword of its own it is confident."""
    monkeypatch.setattr(tagger, "_ngram_evidence", lambda idx, text: {"mobile_devices": 9.0})
    ranked = suggest("printer offline")  # keywords say printing
    assert [a for a, _ in ranked][:2] == ["printing", "mobile_devices"]
    assert dict(ranked)["mobile_devices"] == 0.44
    assert decide(ranked) == (["printing"], True)
    ranked = suggest("qqq")  # no keyword at all: the model leads, but is not sure
    assert ranked == [("mobile_devices", 0.44)] and decide(ranked) == ([], False)
    monkeypatch.setattr(tagger, "_ngram_evidence", lambda idx, text: {"printing": 2.5})
    assert decide(suggest("printer offline")) == (["printing"], True)


def test_the_users_own_lessons_replace_the_shipped_model() -> None:
    text = "kofax capture hangs on scan"
    assert top(text) == "printing"
    model = None
    for t in ("kofax capture license expired", "kofax license expired", "kofax licence expired"):
        model = learn(model, t, ["business_apps"])
    assert top(text, model) == "business_apps"


def test_the_model_says_nothing_about_gibberish() -> None:
    assert suggest("qwerty zxcv") == []


def test_ngram_model_ranks_but_a_keyword_makes_a_tag_confident(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "ik hoor niks tijdens het bellen"  # only a weak word ("bellen")
    with_model = suggest(text)
    assert with_model[0][0] == "telephony_av" and decide(with_model) == ([], False)
    monkeypatch.setattr(tagger, "NGRAM_WEIGHT", 0.0)
    assert dict(suggest(text))["telephony_av"] < with_model[0][1]


def test_ngram_model_never_sees_generic_words() -> None:
    from growthdesk.skills import ngrams

    assert ngrams.features("storing error kapot, werkt niet", tagger.skip_token) == set()
    assert "w:printer" in ngrams.features("printer storing", tagger.skip_token)


def test_ngram_model_loads_only_when_a_text_is_scored() -> None:
    import subprocess
    import sys

    code = (
        "from growthdesk.skills import ngrams, tagger\n"
        "before = ngrams.load_model.cache_info().currsize\n"
        "tagger.suggest('printer offline')\n"
        "print(before, ngrams.load_model.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


def test_seed_corpus_is_bilingual_and_shares_no_text_with_the_measuring_sets() -> None:
    import re

    def norm(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))

    def texts(path: Path) -> list[dict[str, Any]]:
        return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]

    seed = [r for p in sorted((ROOT / "tests" / "data" / "seed").glob("*.jsonl")) for r in texts(p)]
    assert len(seed) >= 1500
    per_area = Counter((r["primary"], r["lang"]) for r in seed)
    # every area in both languages, none drowned: at least 20 texts each
    assert min(per_area[(a, lang)] for a in SKILL_IDS for lang in ("en", "nl")) >= 20
    assert len({norm(r["text"]) for r in seed}) == len(seed)
    measuring = {
        norm(r["text"])
        for folder in ("heldout", "devset")
        for path in (ROOT / "tests" / "data" / folder).glob("*.jsonl")
        for r in texts(path)
    }
    assert measuring and not {norm(r["text"]) for r in seed} & measuring


def test_third_seed_round_is_mostly_dutch_and_covers_every_area() -> None:
    path = ROOT / "tests" / "data" / "seed" / "tagger_seed_nl3.jsonl"
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    dutch = Counter(r["primary"] for r in rows if r["lang"] == "nl")
    assert sum(dutch.values()) >= 800
    assert min(dutch[a] for a in SKILL_IDS) >= 30
    assert path in _train_tagger().TRAINING_FILES


@pytest.mark.usefixtures("keywords_only")
def test_an_error_popup_is_not_a_security_incident() -> None:
    assert top("a popup appears in my mailbox") == "email_calendar"
    assert top("popup says my laptop is infected with a virus") == "security_incidents"


def test_no_code_business_platform_is_a_business_app() -> None:
    assert decide(suggest("Knack page is blank since this morning")) == (["business_apps"], True)


@pytest.mark.parametrize(
    "text",
    ["de code van de authenticator klopt niet", "the code from the app is not accepted"],
)
def test_a_code_is_a_sign_in_code_unless_scripts_are_named(text: str) -> None:
    assert top(text) == "accounts_passwords"
    assert top("my script code fails in the pipeline") == "scripting_automation"


def test_a_telephone_exchange_is_telephony() -> None:
    assert top("telefooncentrale storing") == "telephony_av"


@pytest.mark.parametrize(
    "text",
    [
        "graag toegang tot de gedeelde mailbox van sales",
        "please give me access to the Power BI report",
        "ik heb rechten nodig op de administratie in Exact Online",
    ],
)
def test_an_access_request_beats_the_application_it_is_for(text: str) -> None:
    assert top(text) == "access_permissions"


def test_failing_to_reach_an_application_is_not_an_access_request() -> None:
    assert top("I cannot access Outlook since this morning") == "email_calendar"


@pytest.mark.usefixtures("keywords_only")
@pytest.mark.parametrize(
    "text",
    [
        "graag een cursus Excel voor het nieuwe team",
        "is er een handleiding voor de gedeelde mailbox",
        "we would like a training on the SharePoint list",
    ],
)
def test_a_training_request_beats_the_application_it_is_about(text: str) -> None:
    assert top(text) == "user_guidance"


@pytest.mark.usefixtures("keywords_only")
def test_asking_why_an_application_fails_is_not_a_training_request() -> None:
    assert top("kun je uitleggen waarom Outlook steeds crasht") == "email_calendar"


def test_a_login_failing_in_a_named_business_app_is_that_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the model leans to the login, as it does for most texts with "login" in them
    monkeypatch.setattr(tagger, "_ngram_evidence", lambda idx, text: {"accounts_passwords": 2.0})
    assert top("Magister login werkt niet meer") == "business_apps"
    assert top("login werkt niet meer") == "accounts_passwords"  # no product named
    # no failure: asking for a login for the app stays with the account
    assert top("graag een Magister login voor een collega") == "accounts_passwords"


@pytest.mark.usefixtures("keywords_only")
@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Hoe kan ik OneDrive op mijn laptop zetten?", "m365_collaboration"),
        ("Hoe kan ik mijn voicemail instellen?", "telephony_av"),
        ("Hoe kan ik dat het beste leren?", "user_guidance"),  # nothing else named
    ],
)
def test_a_dutch_how_to_question_goes_to_what_it_is_about(text: str, area: str) -> None:
    assert top(text) == area


@pytest.mark.usefixtures("keywords_only")
@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("volgens de krant zijn er wachtwoorden gelekt door hackers", "security_incidents"),
        ("klant kreeg een nepfactuur met ons logo", "security_incidents"),
        ("het afnemen van toetsen in het lokaal lukt niet", None),  # exams or keys: not sure
        ("het scherm bevriest steeds", "os_desktop"),
        ("graag een E3 licentie koppelen aan de stagiair", "cloud_platforms"),
        # fourth Dutch dev round (news and helpdesk texts)
        ("de gemeente is getroffen door een cyberaanval", "security_incidents"),
        ("een collega klikte op de link in die mail", "security_incidents"),
        ("het datacenter had een stroomstoring", "server_infrastructure"),
        ("de multifunctional op de gang doet het niet", "printing"),
        ("de nummerportering naar de nieuwe provider duurt lang", "telephony_av"),
        ("een medewerker vertrekt volgende week, wat moeten we regelen", "endpoint_management"),
        ("hij heeft het nieuwe systeem nog niet onder de knie", "user_guidance"),
    ],
)
def test_dutch_words_the_lexicon_knows(text: str, area: str | None) -> None:
    if area is None:
        assert decide(suggest(text)) == ([], False)
    else:
        assert top(text) == area


@pytest.mark.usefixtures("keywords_only")
def test_a_dns_service_that_stopped_is_infrastructure() -> None:
    # "dns" alone is a network word; the DNS service or server is the server team's.
    assert top("the DNS service stopped after last night's patch") == "server_infrastructure"


def test_a_phone_that_lost_its_carrier_is_a_mobile_device() -> None:
    assert (
        top("my iPhone lost the carrier and only shows SOS, wifi still works") == "mobile_devices"
    )


@pytest.mark.usefixtures("keywords_only")
@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("mijn laptopje doet raar", "hardware"),
        ("zijn muisje reageert niet", "hardware"),
    ],
)
def test_a_dutch_diminutive_is_the_word_it_is_made_of(text: str, area: str) -> None:
    assert top(text) == area


@pytest.mark.usefixtures("keywords_only")
def test_a_dutch_separable_verb_after_te_is_the_whole_verb() -> None:
    assert top("ik probeer in te loggen maar het lukt niet") == "accounts_passwords"
    assert top("op te starten duurt lang") == "os_desktop"


def test_a_sure_model_ranks_first_over_a_single_keyword_but_is_not_confident(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With only weak keyword evidence the model's ranking decides top-1 when it is sure of an
    area (p >= NGRAM_SURE), and then nothing is shown confident, so the user is asked."""
    sure = tagger.NGRAM_SURE * tagger.NGRAM_WEIGHT
    monkeypatch.setattr(tagger, "_ngram_evidence", lambda idx, text: {"mobile_devices": sure})
    ranked = suggest("de agenda klopt niet")  # one plain keyword: email_calendar
    assert [a for a, _ in ranked] == ["mobile_devices", "email_calendar"]
    assert dict(ranked)["mobile_devices"] == 0.44 and decide(ranked) == ([], False)
    assert top("printer offline") == "printing"  # a strong keyword and a phrase: kept
    unsure = sure * 0.9
    monkeypatch.setattr(tagger, "_ngram_evidence", lambda idx, text: {"mobile_devices": unsure})
    assert top("de agenda klopt niet") == "email_calendar"
