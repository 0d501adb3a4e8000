"""`growthdesk plain`: jargon flagged in both languages, readability on known texts, no false
flags on plain sentences, passive and blaming phrasing; and the what-happens-next message."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from click.testing import Result

from growthdesk.assist.expect import expectation, typical_time
from growthdesk.assist.plain import _data, check
from growthdesk.assist.readability import readability, syllables

TERMS: list[dict[str, Any]] = list(_data()["terms"])  # type: ignore[call-overload]
SENTENCE = {"en": "I checked the {} for you.", "nl": "Ik heb de {} voor je nagekeken."}


def test_at_least_150_terms_each_with_plain_words_in_both_languages() -> None:
    assert len(TERMS) >= 150
    for term in TERMS:
        assert term["plain"]["en"] and term["plain"]["nl"], term["id"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_spelling_of_every_term_is_flagged(lang: str) -> None:
    missed = []
    for term in TERMS:
        for spelling in str(term.get(lang) or term["en"]).split("|"):
            ids = [f.term for f in check(SENTENCE[lang].format(spelling), lang).of_kind("jargon")]
            if term["id"] not in ids:
                missed.append((term["id"], spelling, ids))
    assert missed == []


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_plain_alternatives_are_plain(lang: str) -> None:
    flagged = [
        (t["id"], t["plain"][lang], [f.text for f in check(t["plain"][lang], lang).flags])
        for t in TERMS
    ]
    assert [f for f in flagged if f[2]] == []


PLAIN_SENTENCES = [
    ("en", "Your printer works again. You can print your letter now."),
    ("en", "I changed your password. Please choose a new one when you sign in."),
    ("en", "Thank you for waiting. I will call you back before lunch."),
    ("en", "Your laptop is connected to the network and your e-mail is working."),
    ("en", "Please restart your computer and try again. Let me know if it still fails."),
    ("en", "The screen stays black when you open the lid, so I will bring you another laptop."),
    ("nl", "Uw printer werkt weer. U kunt de brief nu afdrukken."),
    ("nl", "Ik heb uw wachtwoord veranderd. Kies een nieuw wachtwoord als u inlogt."),
    ("nl", "Bedankt voor het wachten. Ik bel u voor de lunch terug."),
    ("nl", "Start uw computer opnieuw op en probeer het nog een keer."),
    ("nl", "Uw laptop heeft weer verbinding met internet en uw e-mail werkt."),
    ("nl", "Het scherm blijft zwart, dus ik breng u morgen een andere laptop."),
]


@pytest.mark.parametrize(("lang", "text"), PLAIN_SENTENCES)
def test_no_false_flags_on_plain_sentences(lang: str, text: str) -> None:
    report = check(text)
    assert report.lang == lang
    assert report.flags == []


def test_compounds_and_acronyms() -> None:
    nl = check("Ik heb je printerdriver en de browsercache opnieuw ingesteld.")
    assert [f.term for f in nl.of_kind("jargon")] == ["driver", "cache"]
    # An acronym of up to three letters only counts in capitals: "ad" is not Active Directory.
    assert check("Check the ad on page 2.", "en").flags == []
    assert [f.term for f in check("Your AD account is fine.", "en").flags] == ["active_directory"]


def test_passive_and_blame() -> None:
    en = check("Your ticket has been escalated. The printer was fixed by the vendor.", "en")
    assert [f.text for f in en.of_kind("passive")] == ["has been escalated", "was fixed"]
    nl = check("Uw melding wordt door de tweede lijn opgepakt.", "nl")
    assert [f.text for f in nl.of_kind("passive")] == ["wordt door de tweede lijn opgepakt"]
    assert check("I fixed the printer. Your laptop is connected.", "en").of_kind("passive") == []
    blame = check("You should have restarted it. Obviously this is a user error.", "en")
    assert [(f.text, f.suggestion) for f in blame.of_kind("blame")] == [
        ("You should have", "it helps to"),
        ("Obviously", ""),
        ("user error", "an easy mistake to make"),
    ]
    assert [f.text for f in check("Je had moeten herstarten.", "nl").of_kind("blame")] == [
        "Je had moeten"
    ]


def test_syllables() -> None:
    assert [syllables(w) for w in ("cat", "table", "restart", "computer", "readability")] == [
        1,
        2,
        2,
        3,
        5,
    ]
    assert [syllables(w, "nl") for w in ("geüpdatet", "financiën", "wachtwoord", "verbinding")] == [
        4,
        4,
        2,
        3,
    ]


def test_readability_on_known_texts() -> None:
    # 6 words, 6 syllables, 1 sentence: 206.835 - 1.015*6 - 84.6*1 = 116.145
    en = readability("The cat sat on the mat.", "en")
    assert en is not None and (en.words, en.sentences, en.syllables) == (6, 1, 6)
    assert en.score == pytest.approx(116.145) and en.formula == "Flesch"
    # Flesch-Douma: 206.84 - 0.93*6 - 77*1 = 124.26
    nl = readability("De kat zat op de mat.", "nl")
    assert nl is not None and nl.score == pytest.approx(124.26) and nl.formula == "Flesch-Douma"
    # 5 words in 2 sentences, 22 syllables: 206.835 - 1.015*2.5 - 84.6*22/5 = -167.94
    hard = readability("Authentication configuration failed. Synchronisation unavailable.", "en")
    assert hard is not None and (hard.words, hard.sentences, hard.syllables) == (5, 2, 22)
    assert hard.score == pytest.approx(-167.9425) and hard.label == "very difficult"
    assert readability("1234 5678", "en") is None


# ---------------------------------------------------------------- the command


def test_plain_cli(invoke: Callable[..., Result]) -> None:
    result = invoke("plain", "I flushed your DNS cache; the ticket has been escalated.")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Reading ease: ")
    assert "Jargon the user may not know\n  DNS → the internet's address book\n" in out
    assert "  has been escalated → say who does it" in out
    data = json.loads(invoke("plain", "Je profiel is opnieuw aangemaakt", "--json").stdout)
    assert data["lang"] == "nl" and data["counts"] == {"jargon": 1, "passive": 0, "blame": 0}
    assert data["flags"][0] == {
        "kind": "jargon",
        "text": "profiel",
        "suggestion": "uw persoonlijke instellingen op de computer",
        "term": "profile",
    }
    assert data["readability"]["formula"] == "Flesch-Douma"
    clean = invoke("plain", "Your printer works again.")
    assert clean.stderr == "No jargon, passive or blaming phrasing found.\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("plain",), 2, "Missing argument"),
        (("plain", " "), 1, "Error: describe the problem: the plain text is empty"),
        (("plain", "hi", "--who", "Ana"), 2, "--skill and --who go with --expect"),
        (("plain", "hi", "--lang", "fr"), 2, "Invalid value for '--lang'"),
        (("plain", "--expect", "x", "--skill", "printng"), 2, "Did you mean 'printing'"),
        (("plain", "--expect", "qwerty zxcv"), 2, "no skill area recognised"),
    ],
)
def test_plain_bad_input(
    invoke: Callable[..., Result], args: tuple[str, ...], code: int, message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == code and message in result.stderr, result.stderr


# ---------------------------------------------------------------- expectations

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def _wins(minutes: list[int], skill: str = "printing", **extra: Any) -> list[dict[str, Any]]:
    return [{"id": i, "skills": [skill], "minutes": m, **extra} for i, m in enumerate(minutes, 1)]


def test_typical_time_is_the_80th_percentile_of_the_area() -> None:
    wins = _wins([5, 10, 15, 20, 40]) + _wins([300, 300, 300], "server_infrastructure")
    basis = typical_time(wins, "printing")
    # nearest rank: ceil(0.8 * 5) = 4th of 5, 20 minutes
    assert (basis.wins, basis.median_minutes, basis.p80_minutes, basis.source) == (
        5,
        15,
        20,
        "history",
    )
    few = typical_time(_wins([5, 6]), "printing", target_minutes=15)
    assert (few.p80_minutes, few.source) == (15, "target")


def test_expectation_messages_in_both_languages_are_plain() -> None:
    wins = _wins([5, 10, 15, 20, 40])
    en = expectation("printing", wins=wins, now=NOW, lang="en")
    assert en.message.startswith("I am looking into your question about the printer now.")
    assert "about 20 minutes" in en.message and "by 10:30" in en.message  # 10:20, next quarter
    nl = expectation("printing", wins=wins, now=NOW, lang="nl")
    assert "20 minuten" in nl.message and "voor 10:30" in nl.message
    other = expectation("printing", wins=wins, now=NOW, lang="en", who="the network team")
    assert "passed your question about the printer on to the network team" in other.message
    late = expectation("printing", wins=wins, now=NOW.replace(hour=17, minute=20), lang="en")
    assert "tomorrow morning" in late.message and late.due.hour == 10
    for e in (en, nl, other, late):
        assert check(e.message, e.lang).flags == [], e.message


def test_the_end_user_gets_their_language_whatever_the_interface_speaks() -> None:
    from growthdesk.core import i18n

    i18n.set_language("nl")
    try:
        en = expectation("printing", wins=_wins([5, 10, 15, 20, 40]), now=NOW, lang="en")
        assert i18n.language() == "nl"
    finally:
        i18n.set_language("en")
    assert en.message == (
        "I am looking into your question about the printer now. This usually takes me about "
        "20 minutes, so I expect to have it sorted by 10:30. If it takes longer, I will let you "
        "know before then."
    )
    nl = expectation("printing", wins=_wins([60, 80, 90, 90, 95]), now=NOW, lang="nl")
    assert "ongeveer 1,5 uur, dus ik verwacht het voor 11:30 op te lossen" in nl.message
    days = expectation("printing", wins=_wins([900, 950, 960]), now=NOW, lang="nl", who="Ana")
    assert "u kunt binnen 2 werkdagen een antwoord verwachten" in days.message


def test_expect_cli_uses_your_history(invoke: Callable[..., Result]) -> None:
    for n, minutes in enumerate((5, 10, 15, 20, 40)):
        day = f"2026-11-{10 + n}"
        assert invoke("log", "printer jam", "-m", str(minutes), "--when", day).exit_code == 0
    result = invoke("plain", "--expect", "printer op 2e verdieping print niet")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ik ga nu aan de slag met uw vraag over de printer.")
    assert "voor 10:30" in result.stdout
    assert result.stderr == "Timed on 5 of your wins in this area: 80% were solved within 20 min.\n"
    data = json.loads(invoke("plain", "--expect", "printer jam", "--json").stdout)
    assert data["skill"] == "printing" and data["basis"]["p80_minutes"] == 20
    assert data["due"] == "2026-11-26T10:30+01:00" and data["lang"] == "en"
