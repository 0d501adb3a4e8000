"""The interface language: chosen once per command (--lang, GROWTHDESK_LANG, the profile, the
locale), click's own messages and help in it too, and plurals right in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from growthdesk.core import i18n

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _reset_language() -> None:
    yield
    i18n.set_language("en")


def test_dutch_profile_gets_dutch_messages(invoke: Invoke) -> None:
    assert invoke("profile", "set", "--lang", "nl").exit_code == 0
    i18n.set_language("en")  # a new command starts from the default, like a new process
    logged = invoke("log", "printer vastgelopen", "-s", "printing", "-m", "5")
    assert logged.stdout.startswith("Win vastgelegd #1")
    assert "[door jou gekozen]" in logged.stdout
    assert invoke("undo").stdout == "Ongedaan gemaakt: win vastleggen: printer vastgelopen\n"
    # (A number out of range is a usage error now, found before the profile is read.)
    bad = invoke("log", "x", "--when", "2027-01-01")
    assert bad.stderr == (
        "Fout: 2027-01-01T12:00+01:00 ligt in de toekomst; leg een win vast nadat het gebeurd is\n"
    )


def test_environment_overrides_the_profile(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("profile", "set", "--lang", "nl")
    monkeypatch.setenv("GROWTHDESK_LANG", "en")
    i18n.set_language("en")
    assert invoke("log", "printer jam", "-s", "printing").stdout.startswith("Logged win #1")


def test_track_names_follow_the_interface_language(invoke: Invoke) -> None:
    invoke("profile", "set", "--lang", "nl", "--track", "network")
    i18n.set_language("en")
    learned = invoke("learn", "Passed CCNA", "--kind", "certification")
    assert "Netwerken" in learned.stdout and "Networking" not in learned.stdout
    assert "Netwerken" in invoke("profile").stdout


def test_skill_labels_follow_the_interface_language(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("profile", "set", "--lang", "nl")
    invoke("log", "printer jam", "-s", "printing")
    i18n.set_language("en")
    assert "Printen & scannen" in invoke("skills").stdout
    # GROWTHDESK_LANG wins over the profile, for the labels as for every other message.
    monkeypatch.setenv("GROWTHDESK_LANG", "en")
    i18n.set_language("en")
    assert "Printing & scanning" in invoke("skills").stdout
    assert "Printing & scanning" in invoke("skills", "suggest", "printer jam").stdout


# -- the choice ------------------------------------------------------------------------------


def test_lang_option_beats_everything(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("profile", "set", "--lang", "en")
    monkeypatch.setenv("GROWTHDESK_LANG", "en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert invoke("--lang", "nl", "wins").stderr == "Nog geen wins.\n"
    assert invoke("--lang=nl", "wins").stderr == "Nog geen wins.\n"
    monkeypatch.setenv("GROWTHDESK_LANG", "nl")
    assert invoke("--lang", "en", "wins").stderr == "No wins yet.\n"


def test_environment_beats_the_profile_and_the_locale(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("profile", "set", "--lang", "en")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    monkeypatch.setenv("GROWTHDESK_LANG", "nl")
    assert invoke("wins").stderr == "Nog geen wins.\n"
    monkeypatch.setenv("GROWTHDESK_LANG", "nl_BE.UTF-8")  # a locale name works too
    assert invoke("wins").stderr == "Nog geen wins.\n"


def test_the_profile_beats_the_locale(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("profile", "set", "--lang", "nl")
    monkeypatch.setenv("LANGUAGE", "en")
    assert invoke("wins").stderr == "Nog geen wins.\n"
    invoke("profile", "set", "--lang", "en")
    monkeypatch.setenv("LANGUAGE", "nl")
    assert invoke("wins").stderr == "No wins yet.\n"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE@euro"}, "nl"),
        ({"LC_MESSAGES": "nl_NL", "LANG": "en_US"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_NL"}, "en"),
        ({"LANGUAGE": "de:nl", "LANG": "en_US"}, "nl"),  # a list of preferences
        ({"LANGUAGE": "nl", "LC_ALL": "en_US"}, "nl"),
        ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "nl"),  # C and POSIX choose nothing
        ({"LC_ALL": "POSIX", "LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language we do not speak: English
        ({"LANGUAGE": "", "LANG": "nl_NL"}, "nl"),
    ],
)
def test_locale_variables(env: dict[str, str], lang: str) -> None:
    from growthdesk.cli.language import choose_language

    assert choose_language(["wins"], env) == lang


def test_lang_given_to_a_command_is_not_the_interface_language() -> None:
    """`profile set --lang nl` sets the profile: only options before the command choose."""
    from growthdesk.cli.language import choose_language

    assert choose_language(["profile", "set", "--lang", "nl"], {}) == "en"
    assert choose_language(["--home", "/nowhere", "--lang", "nl", "wins"], {}) == "nl"


def test_an_unknown_language_is_a_usage_error(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = invoke("--lang", "de", "wins")
    assert bad.exit_code == 2
    assert bad.stderr.endswith(
        "Error: Invalid value for '--lang': 'de' is not one of 'en', 'nl'.\n"
    )
    monkeypatch.setenv("GROWTHDESK_LANG", "fr")
    bad = invoke("wins")
    assert bad.exit_code == 2
    assert bad.stderr.endswith(
        "Error: GROWTHDESK_LANG='fr' is not a language growthdesk speaks (choose from en, nl)\n"
    )


def test_opening_the_store_does_not_change_the_language(invoke: Invoke, home: Path) -> None:
    invoke("profile", "set", "--lang", "nl")
    from growthdesk.cli.app import App

    i18n.set_language("en")
    App(home=home).store.profile()
    assert i18n.language() == "en"
    assert invoke("--lang", "en", "log", "printer jam", "-s", "printing").stdout.startswith(
        "Logged win #1"
    )


def test_help_of_a_dutch_profile_is_dutch_and_stays_light(invoke: Invoke, home: Path) -> None:
    import subprocess
    import sys

    invoke("profile", "set", "--lang", "nl")
    code = (
        "import sys; from growthdesk.cli import main; sys.argv = ['growthdesk', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=home.parent
    )
    assert out.stdout.startswith("Gebruik: growthdesk [OPTIES] OPDRACHT"), out.stdout
    assert "Toon deze hulp en stop." in out.stdout
    loaded = set(out.stderr.split())
    for heavy in ("tinydb", "orjson", "growthdesk.store.api", "networkx", "rich"):
        assert heavy not in loaded, heavy


# -- click's own messages -------------------------------------------------------------------


def test_clicks_messages_in_dutch(invoke: Invoke) -> None:
    bad = invoke("--lang", "nl", "log")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "Gebruik: cli log [OPTIES] TEKST...\n"
        "Probeer 'cli log --help' voor hulp.\n"
        "\n"
        "Fout: Ontbrekend argument 'TEKST...'.\n"
    )
    assert invoke("--lang", "nl", "stats", "--bogus").stderr.endswith(
        "Fout: Optie '--bogus' bestaat niet.\n"
    )
    assert "Opdracht 'nope' bestaat niet." in invoke("--lang", "nl", "nope").stderr
    helped = invoke("--lang", "nl", "wins", "--help").stdout
    assert "Toon deze hulp en stop." in helped and "[standaard: 20; x>=1]" in helped


def test_version_in_both_languages(invoke: Invoke) -> None:
    assert invoke("--version").stdout.startswith("growthdesk, version ")
    assert invoke("--lang", "nl", "--version").stdout.startswith("growthdesk, versie ")


def test_clicks_messages_in_english_are_unchanged(invoke: Invoke) -> None:
    bad = invoke("log")
    assert bad.stderr == (
        "Usage: cli log [OPTIONS] TEXT...\n"
        "Try 'cli log --help' for help.\n"
        "\n"
        "Error: Missing argument 'TEXT...'.\n"
    )
    assert "Show this message and exit." in invoke("--help").stdout


def test_help_follows_the_language_of_each_command(invoke: Invoke) -> None:
    """Help texts are looked up when shown: the same process shows both languages."""
    assert "Leg een opgelost probleem vast" in invoke("--lang", "nl", "log", "--help").stdout
    english = invoke("log", "--help").stdout
    assert "Log a solved problem in one line." in english and "Opties" not in english
    assert "Voorbeelden:" in invoke("--lang", "nl", "log", "--help").stdout
    # Metavars too, where click makes them from type names; choices stay as typed.
    assert "--home MAP " in invoke("--lang", "nl", "--help").stdout
    assert "--home DIRECTORY " in invoke("--help").stdout
    assert "--lang [en|nl]" in invoke("--lang", "nl", "--help").stdout


# -- plurals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "n", "text"),
    [
        ("en", 1, "1 file OK"),
        ("en", 2, "2 files OK"),
        ("en", 0, "0 files OK"),
        ("nl", 1, "1 bestand in orde"),
        ("nl", 2, "2 bestanden in orde"),
        ("nl", 0, "0 bestanden in orde"),
    ],
)
def test_plurals(lang: str, n: int, text: str) -> None:
    i18n.set_language(lang)
    assert i18n.ngettext("{n} file OK", "{n} files OK", n) == text


@pytest.mark.parametrize(
    ("lang", "one", "two"), [("en", "1 win", "2 wins"), ("nl", "1 win", "2 wins")]
)
def test_win_counts(lang: str, one: str, two: str) -> None:
    i18n.set_language(lang)
    assert i18n.ngettext("{n} win", "{n} wins", 1) == one
    assert i18n.ngettext("{n} win", "{n} wins", 2) == two


def test_removed_contact_counts_are_singular_where_one(invoke: Invoke) -> None:
    invoke("contact", "add", "Ana de Vries")
    invoke("log", "printer jam", "-s", "printing", "--helped-by", "Ana de Vries")
    assert invoke("contact", "rm", "Ana de Vries").stderr == (
        "Removed contact #1 Ana de Vries (from 1 win, 0 links, 1 interaction, 0 events)\n"
    )
    invoke("contact", "add", "Bas")
    invoke("log", "printer jam", "-s", "printing", "--helped-by", "Bas")
    assert invoke("--lang", "nl", "contact", "rm", "Bas").stderr == (
        "Contact #2 Bas verwijderd (uit 1 win, 0 koppelingen, 1 contactmoment, 0 evenementen)\n"
    )


def test_pgettext_gives_one_english_word_two_dutch_words() -> None:
    from growthdesk.core.words import contact_kind, event_kind

    i18n.set_language("nl")
    assert (contact_kind("vendor"), event_kind("vendor")) == ("leverancier", "leveranciersevent")
    i18n.set_language("en")
    assert (contact_kind("vendor"), event_kind("vendor")) == ("vendor", "vendor")


def test_review_html_says_its_language(invoke: Invoke) -> None:
    invoke("log", "printer jam", "-s", "printing", "-m", "5")
    assert '<html lang="en">' in invoke("review", "--format", "html").stdout
    dutch = invoke("--lang", "nl", "review", "--format", "html").stdout
    assert '<html lang="nl">' in dutch and "<h2>Kerncijfers</h2>" in dutch


def test_the_network_page_says_its_language(invoke: Invoke, tmp_path: Path) -> None:
    invoke("log", "vpn drops", "-s", "remote_access", "--helped-by", "Ana de Vries")
    for lang in ("en", "nl"):
        page = tmp_path / f"net-{lang}.html"
        assert invoke("--lang", lang, "network", "show", "-o", str(page)).exit_code == 0
        assert f'<html lang="{lang}">' in page.read_text()


def test_the_profile_language_is_read_without_the_store(invoke: Invoke, home: Path) -> None:
    from growthdesk.store.peek import profile_language

    assert profile_language(str(home)) is None  # no data folder yet
    invoke("profile", "set", "--lang", "nl")
    assert profile_language(str(home)) == "nl"
    invoke("profile", "set", "--lang", "en")
    assert profile_language(str(home)) == "en"
    (home / "meta.json").write_bytes(b"\x00\x00garbage")
    assert profile_language(str(home)) is None
    (home / "meta.json").write_bytes(b'{"profile":{"1":{"lang":"nl"}},"x":{"1":{"lang":"en"}}}')
    assert profile_language(str(home)) == "nl"  # two "lang" fields: the profile's counts


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_float_count_takes_a_form_too(lang: str) -> None:
    i18n.set_language(lang)
    many = i18n.ngettext("({m} month at the helpdesk)", "({m} months at the helpdesk)", 18.5, m=1)
    one = i18n.ngettext("({m} month at the helpdesk)", "({m} months at the helpdesk)", 1.0, m=1)
    word = {"en": ("months", "month "), "nl": ("maanden", "maand ")}[lang]
    assert word[0] in many and word[1] in one


@pytest.mark.parametrize(
    ("lang", "answers", "prompt", "result"),
    [
        ("en", "y\n", "Go on? [y/N]: ", True),
        ("en", "\n", "Go on? [y/N]: ", False),
        ("nl", "ja\n", "Go on? [j/N]: ", True),
        ("nl", "y\n", "Go on? [j/N]: ", True),  # the English answers keep working
        ("nl", "misschien\nnee\n", "Go on? [j/N]: ", False),
    ],
)
def test_confirm_asks_in_the_language(lang: str, answers: str, prompt: str, result: bool) -> None:
    import click
    from click.testing import CliRunner

    from growthdesk.cli.output import confirm

    @click.command()
    def ask() -> None:
        click.echo(repr(confirm("Go on?")))

    i18n.set_language(lang)
    out = CliRunner().invoke(ask, [], input=answers)
    assert out.stdout.endswith(f"{result!r}\n")
    assert out.stderr.startswith(prompt)
    if "misschien" in answers:
        assert "Fout: ongeldige invoer" in out.stderr


def test_completion_survives_a_bad_language(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from growthdesk.cli import cli

    monkeypatch.setenv("GROWTHDESK_LANG", "xx")
    ctx = cli.make_context("growthdesk", ["wi"], resilient_parsing=True)
    assert isinstance(ctx, click.Context) and i18n.language() == "en"
