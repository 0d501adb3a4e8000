"""The gettext catalogues: the .pot matches the source, Dutch is complete, the .mo is the .po.

Needs Babel (a test extra). The workflow these tests guard is in docs/TRANSLATING.md.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import string
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest

from growthdesk.core import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    # Not importorskip: a skipped check would let a stale .pot or .mo pass. Babel is in the
    # test extra (`pip install -e '.[test]'`).
    importlib.import_module("babel")
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pot_is_up_to_date_with_the_source(tool: ModuleType) -> None:
    fresh, shipped = tool.msgids(tool.template()), tool.msgids(tool.read(tool.POT))
    assert fresh - shipped == set(), "new strings: run `python tools/i18n.py extract`"
    assert shipped - fresh == set(), "strings gone: run `python tools/i18n.py extract`"


def test_the_pot_holds_clicks_own_messages(tool: ModuleType) -> None:
    ids = {m for m, _c in tool.msgids(tool.read(tool.POT))}
    for message in ("Usage:", "Show this message and exit.", "Error: {message}", "Options"):
        assert message in ids
    assert ("Missing argument") in ids and ("No such option {name!r}.") in ids


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_every_message_has_a_translation(tool: ModuleType, lang: str) -> None:
    po = tool.read(tool.po_path(lang), lang)
    assert tool.msgids(po) == tool.msgids(tool.read(tool.POT)), "run `tools/i18n.py update`"
    missing = []
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            missing.append(message.id)
    assert missing == []


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_the_shipped_mo_is_the_compiled_po(tool: ModuleType, lang: str) -> None:
    mo = tool.po_path(lang).with_suffix(".mo")
    assert mo.read_bytes() == tool.compiled(lang), "run `python tools/i18n.py compile`"


def _fields(text: str) -> list[str]:
    names = []
    for _text, field, _spec, _conv in string.Formatter().parse(text):
        if field is not None:
            names.append(field)
    return sorted(names)


def _percent_fields(text: str) -> list[str]:
    import re

    return sorted(re.findall(r"%\([a-z_]+\)[sd]", text))


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_every_translation_keeps_its_placeholders(tool: ModuleType, lang: str) -> None:
    for message in tool.read(tool.po_path(lang), lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for n, text in enumerate(strings):
            source = ids[min(n, len(ids) - 1)]
            if "{" in source:
                # A singular may leave out its count ("{n} day" -> "één dag"), nothing else.
                optional = {"n", "count"} if len(ids) > 1 and n == 0 else set()
                assert set(_fields(source)) - optional <= set(_fields(text)), message.id
                assert set(_fields(text)) <= set(_fields(source)), message.id
            assert _percent_fields(text) == _percent_fields(source), message.id


def test_english_reads_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("English must not look for a catalogue")

    monkeypatch.setattr(gettext, "GNUTranslations", refuse)
    monkeypatch.setattr(gettext, "translation", refuse)
    monkeypatch.setattr(i18n, "_cache", {})
    i18n.set_language("en")
    assert i18n._("Logged win {desc}", desc="#1") == "Logged win #1"


def test_dutch_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = gettext.GNUTranslations
    monkeypatch.setattr(i18n, "_cache", {})
    monkeypatch.setattr(gettext, "GNUTranslations", lambda fp: calls.append(fp) or real(fp))
    i18n.set_language("nl")
    try:
        assert i18n._("No wins yet.") == "Nog geen wins."
        assert i18n._("Nothing to undo.") == "Niets om ongedaan te maken."
    finally:
        i18n.set_language("en")
    assert len(calls) == 1


def test_the_catalogue_is_what_gettext_translation_finds() -> None:
    found = gettext.find(i18n.DOMAIN, i18n.LOCALEDIR, languages=["nl"])
    assert found is not None and Path(found) == Path(i18n.mo_path("nl"))


def test_a_missing_catalogue_speaks_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "LOCALEDIR", "/nonexistent")
    monkeypatch.setattr(i18n, "_cache", {})
    i18n.set_language("nl")
    try:
        assert i18n._("No wins yet.") == "No wins yet."
    finally:
        i18n.set_language("en")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("de")


def test_every_click_module_speaks_our_catalogue() -> None:
    """click binds gettext's functions at import: each module that does is re-pointed."""
    from growthdesk.cli import language

    language.bind_click()
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("click") or module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            pytest.fail(f"{name} still uses gettext.gettext: add it to _CLICK_MODULES")
        if getattr(module, "ngettext", None) is gettext.ngettext:
            pytest.fail(f"{name} still uses gettext.ngettext: add it to _CLICK_MODULES")
    assert click.core._ is language._click_gettext  # type: ignore[attr-defined]


def test_every_message_is_a_literal_the_extractor_can_read() -> None:
    """`_(kind)` with a variable is found by no extractor and stays English; the one allowed
    form is a table of N_("…") literals looked up later (readability's bands)."""
    allowed = {("growthdesk/assist/readability.py", "_(label)")}
    arity = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
    bad = []
    for path in sorted((ROOT / "growthdesk").rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            n = arity.get(node.func.id)
            if n is None:
                continue
            args = node.args[:n]
            literal = len(args) == n and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            )
            if not literal and (where, ast.unparse(node)) not in allowed:
                bad.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    assert bad == []
