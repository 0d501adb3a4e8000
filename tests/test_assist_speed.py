"""`query` and `plain` fast paths (issue 14: each under 150 ms as a whole process, measured by
bench/bench_assist.py): the compiled phrase tables shipped in data/ are a fresh build of the
source data, and they give the answers the source data gives; a pattern compiled on demand is
skipped only for texts that cannot match it; and neither command loads what it does not need."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growthdesk.assist import compiled, glossary, plain, products, query, words
from growthdesk.core.data import read_json

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    json.loads(line)
    for line in (ROOT / "tests" / "data" / "query_cases.jsonl").read_text("utf-8").splitlines()
    if line
]
NAMES = ["Jan de Vries", "Kwame Mensah", "Ana", "Bas van der Berg"]
# One text at least for each code and personal-data pattern, some in odd spellings.
CODED = [
    "CVE-2021-44228 in log4j on srv01, cve-2023-1234 too",
    "KB5034441 fails with 0x80070643; kb-890830 installed",
    "AADSTS50076 for ana@example.org, aadſts50079 next",
    "ORA-12154: TNS could not resolve, tns-12541 no listener",
    "ERR_CONNECTION_RESET in Chrome, ERR_CERT_DATE_INVALID",
    "Event ID 4625 logon failure, gebeurtenis-id 41 na crash",
    "503 Service Unavailable from the portal; Bad Gateway (502) via proxy; 404 not found",
    "HTTP 429 too many requests, http/1.1 500, HTTPS error 403",
    "80070005 access denied, C0000005 in app.exe, winerror 10054",
    "foutcode 0x800CCC0F, error code: 1603, code=-2146893022, serverfout 500",
    "550 #5.7.1 relay denied; System.Net.WebException and NullReferenceException",
    "see https://intranet.contoso.local/kb and www.example.com/x, mail jan@contoso.nl",
    "share \\\\fs01\\data and C:\\Users\\jan\\AppData, %APPDATA%\\Teams",
    "printer MFP-2A at 10.0.12.7:9100, laptop LT0042, pc-jan01.corp, localhost:8080",
    "ticket INC0012345, melding nr. 2024-5678, #12345, ref 987654, S 2024-123",
    "bel +31 (0)20 123 4567 of 06-12345678, 0031 6 1234 5678",
    "gebruikersnaam is jdevries, username: a.mensah, user id = x123",
    "error \"The remote server returned an error: (401) Unauthorized.\" and 'Cannot start Microsoft Outlook'",
    "„Verbinding met server mislukt” en «Accès refusé» en ‘Sync failed for user’",
    "Kelvin \u212aB5034441, İnternal Server Error 500, ıd",
]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "assist_index", ROOT / "tools" / "assist_index.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _clear() -> None:
    for cached in (
        glossary.glossary,
        glossary.to_dutch,
        glossary.english_concepts,
        glossary._term_concepts,
        glossary._generic_concepts,
        products.catalogue,
        query._english_terms,
        query._names_of,
        plain._lexicon,
        plain.jargon_words,
    ):
        cached.cache_clear()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    _clear()
    yield
    _clear()  # nothing a test built on the slow path stays behind for the next test


@pytest.mark.parametrize("name", sorted(compiled.SOURCES))
def test_the_shipped_tables_are_a_fresh_build(tool: ModuleType, name: str) -> None:
    shipped = (ROOT / "data" / compiled.file_of(name)).read_text(encoding="utf-8")
    assert shipped == tool.render(name), "run `python tools/assist_index.py`"
    assert compiled.part(name) is not None  # and the program uses them: the stamp matches


def test_every_part_has_a_builder(tool: ModuleType) -> None:
    assert set(tool.BUILDERS) == set(compiled.SOURCES)


def test_a_changed_source_file_is_not_read_through_its_stale_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = compiled.read_bytes
    monkeypatch.setattr(
        compiled, "read_bytes", lambda name: real(name) + (b" " if name == "jargon.json" else b"")
    )
    uncached = compiled.part.__wrapped__  # type: ignore[attr-defined]
    assert uncached("glossary") is not None and uncached("products") is not None
    assert uncached("plain") is None and uncached("query") is None  # both read jargon.json


def _query_texts() -> list[str]:
    texts = [c.get("before", "") + c["text"] + c.get("after", "") for c in CASES] + CODED
    data = read_json("glossary.json")
    for row in data["phrases"]:
        for form in row["nl"].split("|"):
            texts += [f"Outlook 2016 {form} bij Jan de Vries", f"de klant zegt: {form}"]
        texts.append(f"Teams {row['en']} after update for Kwame Mensah")
        texts += [f"my laptop {f} since Windows 11 23H2" for f in row.get("en_also", "").split("|")]
    for row in read_json("products.json")["products"]:
        for name in row["names"]:
            texts += [f"{name} 7.2 loopt vast", f"the {name.lower()} crashes"]
    return texts


def _plain_texts() -> list[tuple[str | None, str]]:
    data = plain._data()
    sentence = {"en": "I checked the {} for you.", "nl": "Ik heb de {} voor je nagekeken."}
    texts: list[tuple[str | None, str]] = []
    for term in data["terms"]:  # type: ignore[attr-defined]
        for lang in ("en", "nl"):
            for spelling in str(term.get(lang) or term["en"]).split("|"):
                texts.append((lang, sentence[lang].format(spelling)))
            texts.append((lang, term["plain"][lang]))
    for lang in ("en", "nl"):
        for phrase, _better in data["blame"][lang]:  # type: ignore[index]
            texts.append((lang, f"Well, {phrase} before calling."))
    return texts + [(None, t) for t in _query_texts()]


def _answers() -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"query": [], "plain": []}
    for text in _query_texts():
        q = query.build_query(text, names=NAMES, site="auto")
        out["query"].append(
            [
                q.as_json(["en", "nl"], "google"),
                sorted(glossary.english_concepts(text)),
                query.scrub(text, NAMES),
            ]
        )
    out["plain"] = [plain.check(text, lang).as_json() for lang, text in _plain_texts()]
    return out


@pytest.mark.usefixtures("fresh_caches")
def test_the_fast_paths_give_the_answers_of_the_slow_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = _answers()
    assert all(compiled.part(name) is not None for name in compiled.SOURCES)
    # The slow paths: every table built from the source data, every pattern tried on every text.
    monkeypatch.setattr(compiled, "part", lambda name: None)
    monkeypatch.setattr(query._Lazy, "wanted", lambda self, caseless: True)
    _clear()
    slow = _answers()
    assert len(fast["query"]) > 1000 and len(fast["plain"]) > 2000
    assert fast == slow


def _lazy_patterns() -> list[tuple[str, query._Lazy]]:
    rows = [(kind, lazy) for kind, lazy, _fmt in (*query._CODES, *query._PERSONAL)]
    return [*rows, ("quotes", query._QUOTES), ("cue", query._CUE_BEFORE_GAP)]


@pytest.mark.parametrize(
    "lazy",
    [lazy for _kind, lazy in _lazy_patterns() if lazy.needs],
    ids=lambda lazy: lazy.needs[0].strip(),
)
def test_a_text_with_a_match_holds_one_of_the_patterns_needs(lazy: query._Lazy) -> None:
    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(re.compile(lazy.source, lazy.flags)))
    def holds(text: str) -> None:
        if lazy.pattern.search(text):
            assert lazy.wanted(query._caseless(text)), (text, lazy.needs)

    holds()


def test_caseless_maps_every_letter_ignorecase_matches_to_ascii() -> None:
    # The needs are ASCII and looked up in _caseless(text): every character IGNORECASE takes for
    # an ASCII letter must turn into that letter there.
    letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if code > 127 and letter.fullmatch(char):
            mapped = query._caseless(char)
            assert re.fullmatch(mapped, char, re.I) and mapped.isascii(), hex(code)


def test_needs_are_lower_case_literals() -> None:
    for _kind, lazy in _lazy_patterns():
        for need in lazy.needs:
            letters = [c for c in need if c.isalpha()]
            assert need == query._caseless(need) and all(c.isascii() for c in letters), need


def test_a_typical_query_compiles_few_patterns() -> None:
    fresh = [query._Lazy(lazy.source, lazy.flags, lazy.needs) for _k, lazy in _lazy_patterns()]
    text = "Hoi, de klant Jan zegt dat Outlook 2016 vastloopt met foutcode 0x800CCC0F"
    tried = [lazy for lazy in fresh if lazy.wanted(query._caseless(text))]
    assert len(tried) <= len(fresh) // 3


def test_the_compiled_index_keeps_phrase_lookups() -> None:
    index = words.PhraseIndex([("loopt vast", "freezes"), ("print niet", "not printing")])
    again = words.PhraseIndex.from_rows(json.loads(json.dumps(index.rows())))
    keys = words.stem_keys(words.words("de printer print niet en loopt vast"))
    assert [again.match(keys, i) for i in range(len(keys))] == [
        index.match(keys, i) for i in range(len(keys))
    ]
    assert again.longest == index.longest == 2


def _modules_after(args: list[str], env: dict[str, str]) -> set[str]:
    code = (
        "import sys\n"
        "from growthdesk.cli import cli\n"
        "try:\n"
        f"    cli({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('@@', *sorted(sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(out.stdout.split("@@", 1)[1].split())


def test_query_and_plain_load_only_what_they_need(
    invoke: Callable[..., Result], home: Path
) -> None:
    assert invoke("contact", "add", "Ana de Vries").exit_code == 0  # query opens the store
    env = {**os.environ, "GROWTHDESK_HOME": str(home)}
    heavy = {"networkx", "rich", "dateparser", "tinydb", "importlib.resources"}
    loaded = _modules_after(["query", "Outlook 2016 0x800CCC0F loopt vast, zegt Ana"], env)
    assert "growthdesk.store.api" in loaded  # it did read the contacts
    only_for_writes = {"growthdesk.store.transaction", "growthdesk.store.journal"}
    assert loaded & (heavy | only_for_writes | {"growthdesk.assist.plain", "textwrap"}) == set()
    loaded = _modules_after(["plain", "I reset your DNS cache"], env)
    assert loaded & (heavy | {"growthdesk.assist.glossary", "growthdesk.store.api"}) == set()
