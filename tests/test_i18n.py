"""The interface speaks the profile's language where a translation exists."""

from __future__ import annotations

from collections.abc import Callable

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
    assert invoke("undo").stdout == "Ongedaan gemaakt: log win: printer vastgelopen\n"
    # (A number out of range is a usage error now, found before the profile is read.)
    bad = invoke("log", "x", "--when", "2027-01-01")
    assert bad.stderr == (
        "Error: 2027-01-01T12:00+01:00 ligt in de toekomst; leg een win vast nadat het gebeurd is\n"
    )


def test_environment_overrides_the_profile(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("profile", "set", "--lang", "nl")
    monkeypatch.setenv("GROWTHDESK_LANG", "en")
    i18n.set_language("en")
    assert invoke("log", "printer jam", "-s", "printing").stdout.startswith("Logged win #1")


def test_every_dutch_entry_keeps_its_placeholders() -> None:
    import string

    for english, dutch in i18n._CATALOGUES["nl"].items():
        names = {f for _t, f, _s, _c in string.Formatter().parse(english) if f}
        assert names == {f for _t, f, _s, _c in string.Formatter().parse(dutch) if f}, english


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
