"""`growthdesk query`: real error messages from public sources (tests/data/query_cases.jsonl,
each with its URL) and the query expected from them: codes kept, names dropped, Dutch translated.
Also the query `ask` shows, the site: filter, --open, and that nothing goes online."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from growthdesk.assist.query import ENGINES, build_query, explain, resolve_site, scrub
from growthdesk.core.errors import InputError
from growthdesk.core.text import fold

CASES_FILE = Path(__file__).parent / "data" / "query_cases.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line
]


def _full(case: dict[str, Any]) -> str:
    return case.get("before", "") + case["text"] + case.get("after", "")


def test_the_case_set_is_real_and_bilingual() -> None:
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)
    by_lang = {lang: [c for c in CASES if c["lang"] == lang] for lang in ("en", "nl")}
    assert len(by_lang["en"]) >= 15 and len(by_lang["nl"]) >= 15
    for case in CASES:
        assert case["source"].startswith("https://") or case["source"].startswith("http://")
        assert case["expect"], case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_real_message(case: dict[str, Any]) -> None:
    q = build_query(_full(case))
    want = case["expect"]
    en, nl = fold(q.text("en")), fold(q.text("nl"))
    assert q.lang == case["lang"]
    for code in want.get("codes", []):
        assert code in q.codes, (code, q.codes)
        assert f'"{code}"' in q.text("en")  # kept as written, and quoted
    for code in want.get("not_codes", []):
        assert code not in q.codes
    for product in want.get("products", []):
        assert product in q.products, (product, q.products)
    for product in want.get("not_products", []):
        assert product not in q.products
    for message in want.get("messages", []):
        assert any(message in m for m in q.messages), (message, q.messages)
    for kind, text in want.get("dropped", []):
        assert (kind, text) in q.dropped, ((kind, text), q.dropped)
    for dutch in want.get("translated", []):
        assert any(fold(dutch) in fold(a) for a, _b in q.translated), (dutch, q.translated)
    for words in want.get("en_has", []):
        assert fold(words) in en, (words, q.text("en"))
    for gone in want.get("absent", []):  # not in the English query (Dutch words may stay in nl)
        assert fold(gone) not in en, (gone, q.text("en"))
    # Whatever was dropped never reaches either query.
    for kind, text in q.dropped:
        assert fold(text) not in en and fold(text) not in nl, (kind, text)


def test_contacts_are_dropped_however_written() -> None:
    names = ["Ana de Vries", "Zdenek Brouwer"]
    q = build_query("ana de vries and Zdenek cannot print since the update", names=names)
    assert ("name", "ana de vries") in q.dropped and ("name", "Zdenek") in q.dropped
    assert "ana" not in fold(q.text()) and "zdenek" not in fold(q.text())
    assert q.text() == "cannot print since update"
    # Without the contact list, "Zdenek" is kept: not a listed first name, not after a greeting.
    assert "zdenek" in fold(build_query("Zdenek cannot print").text())
    assert "zdenek" not in fold(build_query("Hi Zdenek, printer broken").text())


def test_dutch_symptoms_become_english_and_back() -> None:
    q = build_query("printer op de 2e verdieping print niet en de pc loopt vast")
    assert q.lang == "nl"
    assert q.text("en") == "printer floor not printing pc freezes"
    assert q.text("nl") == "printer verdieping print niet pc loopt vast"
    english = build_query("Outlook keeps freezing and the printer is not printing")
    assert english.text("en") == "Outlook freezing printer not printing"
    assert english.text("nl") == "Outlook loopt vast printer print niet"


def test_loading_is_not_charging_and_dutch_filler_is_dropped() -> None:
    assert build_query("laptop laadt niet op").text("en") == "laptop not charging"
    assert build_query("de pagina laadt niet meer").text("en") == "not loading"
    # "geeft" (gives) is filler; "export" reads the same in English; a till is a POS.
    q = build_query("de kassa in de winkel geeft een foutmelding bij het afrekenen")
    assert q.text("en") == "POS error message checkout"
    assert build_query("Excel export uit SAP geeft verkeerde getallen").text("en") == (
        "Excel SAP GUI export incorrect numbers"
    )


def test_best_language_is_the_one_that_keeps_the_problem() -> None:
    assert build_query("Outlook blijft om wachtwoord vragen").best_lang() == "en"
    assert build_query("Outlook keeps asking for the password").best_lang() == "en"
    # English would keep only "not loading" of a Dutch school app's timetable.
    q = build_query("Magister rooster laadt niet")
    assert q.text("en") == "not loading" and q.untranslated == ["Magister", "rooster"]
    assert q.best_lang() == "nl"


def test_call_me_back_is_chatter_in_both_queries() -> None:
    q = build_query("Outlook loopt vast bij opstarten, bel 06-12345678")
    assert q.text("en") == "Outlook freezes startup"
    assert q.text("nl") == "Outlook loopt vast bij opstarten"


def test_site_filter() -> None:
    q = build_query("FortiClient 7.2 VPN stuck at 98%", site="auto")
    assert q.products == ["FortiClient 7.2"] and q.text().endswith("site:docs.fortinet.com")
    assert build_query("Outlook crash", site="microsoft").site == "learn.microsoft.com"
    assert build_query("Outlook crash", site="Docs.Example.com").site == "docs.example.com"
    assert build_query("no product here", site="auto").site is None
    with pytest.raises(InputError, match="Did you mean 'fortinet'"):
        resolve_site("fortinett")


def test_url_quoting_is_urllibs() -> None:
    from urllib.parse import quote_plus

    from growthdesk.assist.query import _quote_plus

    for text in ('Outlook "0x800CCC0F" café ~ a+b & c/d?e=f', "wachtwoord vergeten € 日本"):
        assert _quote_plus(text) == quote_plus(text)


def test_url_and_explanation() -> None:
    q = build_query('Jan says Teams shows "We couldn\'t sign you in" with CAA70004')
    assert (
        q.url()
        == ENGINES["google"] + "Microsoft+Teams+%22CAA70004%22+%22We+couldn%27t+sign+you+in%22"
    )
    line = explain(q)
    assert "\n" not in line
    assert line.startswith("Kept product Microsoft Teams, code CAA70004, message We couldn't")
    assert "dropped name Jan" in line


def test_scrub_keeps_the_problem_and_drops_the_person() -> None:
    assert scrub("Password reset for Jan (Finance)") == "Password reset (Finance)"
    assert scrub("Laptop of Jan very slow after Windows Update") == (
        "Laptop very slow after Windows Update"
    )
    assert scrub("Call Kees de Jong on 06-12345678 about INC0012345") == "Call on about"


# ---------------------------------------------------------------- the command


def test_query_cli_text_and_json(invoke: Callable[..., Result]) -> None:
    result = invoke("query", "Hoi, de klant zegt dat Outlook 2016 vastloopt met 0x800CCC0F")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Search the web with:"
    assert lines[1] == '  Outlook 2016 "0x800CCC0F" freezes'
    assert lines[2].startswith("  https://www.google.com/search?q=Outlook+2016+%220x800CCC0F%22")
    assert result.stderr.startswith("Kept product Outlook 2016, code 0x800CCC0F")
    data = json.loads(invoke("query", "Outlook 2016 loopt vast", "--lang", "both", "--json").stdout)
    assert data["queries"] == {"en": "Outlook 2016 freezes", "nl": "Outlook 2016 loopt vast"}
    assert data["query"] == "Outlook 2016 freezes" and data["lang"] == "nl"
    assert data["translated"] == [{"from": "loopt vast", "to": "freezes"}]
    assert set(data) >= {"urls", "kept", "dropped", "site", "explanation", "untranslated"}


def test_query_drops_the_users_own_contacts(invoke: Callable[..., Result]) -> None:
    assert invoke("contact", "add", "Kwame Mensah").exit_code == 0
    data = json.loads(invoke("query", "Kwame Mensah cannot sign in", "--json").stdout)
    assert data["query"] == "cannot sign in"
    assert {"kind": "name", "text": "Kwame Mensah"} in data["dropped"]


def test_open_only_when_asked(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open_new_tab", lambda url: opened.append(url) or True)
    assert invoke("query", "VPN drops").exit_code == 0
    assert opened == []
    assert invoke("query", "VPN drops", "--engine", "duckduckgo", "--open").exit_code == 0
    assert opened == ["https://duckduckgo.com/?q=VPN+drops"]


def test_query_makes_no_network_call(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("growthdesk tried to go online")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert invoke("query", "AADSTS50076 Teams", "--site", "auto", "--json").exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("query",), 2, "Missing argument"),
        (("query", "  "), 1, "Error: describe the problem: the query text is empty"),
        (("query", "vpn", "--site", "fortinett"), 2, "Did you mean 'fortinet'"),
        (("query", "vpn", "--lang", "de"), 2, "Invalid value for '--lang'"),
        (("query", "vpn", "--engine", "altavista"), 2, "Invalid value for '--engine'"),
        (("query", "vpn\x1b[2J"), 2, "control character"),
    ],
)
def test_query_bad_input(
    invoke: Callable[..., Result], args: tuple[str, ...], code: int, message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == code and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_engines_are_the_cli_choices() -> None:
    from growthdesk.cli.assist import _ENGINES

    assert tuple(ENGINES) == _ENGINES


def test_ask_shows_the_search_query(invoke: Callable[..., Result]) -> None:
    ok = [
        invoke("contact", "add", "Ana de Vries", "--strength", "5", "--specialty", "printing:4"),
        invoke("log", "printer P-204 paper jam", "--skill", "printing", "--when", "2026-10-01"),
    ]
    assert all(r.exit_code == 0 for r in ok), [r.output for r in ok]
    data = json.loads(
        invoke("ask", "Ana de Vries zegt: printer print niet, 0x00000709", "--json").stdout
    )
    assert data["search_query"] == '"0x00000709" printer not printing'
    text = invoke("ask", "Ana de Vries zegt: printer print niet").stdout
    assert "Search the web with: printer not printing" in text


def test_ask_searches_in_dutch_when_english_would_lose_the_problem(
    invoke: Callable[..., Result],
) -> None:
    added = invoke("contact", "add", "Ana de Vries", "--specialty", "business_apps:4")
    assert added.exit_code == 0, added.output
    text = invoke("ask", "Magister rooster laadt niet").stdout
    assert "Search the web with: magister rooster laadt niet" in text


def test_a_query_that_names_nothing_is_not_suggested(invoke: Callable[..., Result]) -> None:
    for vague in ("het werkt niet meer sinds gisteren", "it does not work", "foutmelding"):
        assert build_query(vague).vague(), vague
    for named in ("printer werkt niet", "VPN", "werkt niet: 0x80070005", "Outlook"):
        assert not build_query(named).vague(), named
    added = invoke("contact", "add", "Ana de Vries", "--specialty", "printing:4")
    assert added.exit_code == 0, added.output
    result = invoke("ask", "het werkt niet meer sinds gisteren")
    assert result.exit_code == 0, result.output
    assert "Search the web" not in result.stdout
    assert json.loads(invoke("ask", "it does not work", "--json").stdout)["search_query"] == ""


def test_query_and_plain_do_not_import_networkx_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from growthdesk.cli import cli\n"
        "for args in (['query', 'Outlook 2016 0x800CCC0F loopt vast'], ['plain', 'I reset your DNS']):\n"
        "    try:\n"
        "        cli(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('networkx', 'rich', 'dateparser') if m in sys.modules))\n"
    )
    env = {**os.environ, "GROWTHDESK_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_english_concepts_translate_dutch_and_drop_generic_words() -> None:
    # What repeat-problem clustering compares: the same problem in both languages, without the
    # words every problem text has ("storing", "error").
    from growthdesk.assist.glossary import english_concepts
    from growthdesk.core.text import concept

    dutch = english_concepts("storing: outlook loopt vast")
    english = english_concepts("error: outlook freezes")
    assert dutch == english
    assert concept("storing") not in dutch and concept("error") not in english
    assert concept("outlook") in dutch


def test_is_and_was_are_dutch_too() -> None:
    # "is" marked a text English, so "traag" stayed untranslated in the English query.
    q = build_query("computer is traag")
    assert q.lang == "nl" and q.text("en") == "computer slow"
    assert build_query("scherm is zwart").text("en") == "screen black"
    assert build_query("the printer is offline").lang == "en"
    assert build_query("printer was offline").lang == "en"
