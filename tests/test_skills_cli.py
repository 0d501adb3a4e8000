"""`growthdesk skills`, `skills suggest` and `recall` through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from growthdesk.skills.ids import SKILL_IDS

Invoke = Callable[..., Result]


def test_suggest_json_shape(invoke: Invoke) -> None:
    result = invoke("skills", "suggest", "printerstoring op de 2e verdieping", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data[0] == {
        "skill": "printing",
        "score": data[0]["score"],
        "label": "Printing & scanning",
    }
    assert 0.45 <= data[0]["score"] < 1
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    assert all(set(d) == {"skill", "score", "label"} and d["skill"] in SKILL_IDS for d in data)
    assert result.stderr == ""


def test_suggest_text_marks_what_would_be_tagged(invoke: Invoke) -> None:
    result = invoke("skills", "suggest", "toner")
    assert result.exit_code == 0
    assert result.stdout == "* 0.74  printing              Printing & scanning\n"
    assert result.stderr == "Would tag: Printing & scanning\n"
    dutch = invoke("--lang", "nl", "skills", "suggest", "toner")
    assert dutch.stdout == "* 0,74  printing              Printen & scannen\n"
    assert dutch.stderr == "Zou herkennen als: Printen & scannen\n"


def test_suggest_not_confident_offers_top_three(invoke: Invoke) -> None:
    result = invoke("skills", "suggest", "laptop kabel")
    assert result.exit_code == 0
    assert result.stdout.startswith("  0.")
    assert result.stderr == (
        "No confident skill; the top 3 are Hardware & peripherals; Network & connectivity; "
        "Device provisioning & lifecycle.\n"
    )
    one = invoke("skills", "suggest", "scherm doet raar")  # one candidate: never "the top 3"
    assert one.stderr == "No confident skill; the best guess is Hardware & peripherals.\n"


def test_suggest_generic_only(invoke: Invoke) -> None:
    result = invoke("skills", "suggest", "storing, werkt niet")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No skill area recognised" in result.stderr
    assert json.loads(invoke("skills", "suggest", "storing", "--json").stdout) == []


def test_suggest_empty_text_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("skills", "suggest", "  ")
    assert result.exit_code == 2
    assert "give a problem description" in result.stderr


def test_suggest_learns_from_hand_tagged_wins(invoke: Invoke) -> None:
    before = json.loads(invoke("skills", "suggest", "kofax capture hangs", "--json").stdout)
    assert not before or before[0]["skill"] != "printing"
    for _ in range(3):
        assert invoke("log", "kofax capture error", "--skill", "printing").exit_code == 0
    after = json.loads(invoke("skills", "suggest", "kofax capture hangs", "--json").stdout)
    assert after[0]["skill"] == "printing"


def test_suggest_labels_follow_profile_language(invoke: Invoke) -> None:
    assert invoke("profile", "set", "--lang", "nl").exit_code == 0
    data = json.loads(invoke("skills", "suggest", "toner", "--json").stdout)
    assert data[0]["label"] == "Printen & scannen"


def test_skills_lists_counts_last_win_and_trend(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GROWTHDESK_NOW is 2026-11-26 (conftest)
    for when, skill in [
        ("2026-11-20", "printing"),
        ("2026-10-01", "printing"),
        ("2026-07-01", "printing"),
        ("2026-07-15", "accounts_passwords"),
    ]:
        assert invoke("log", f"fixed {skill}", "--skill", skill, "--when", when).exit_code == 0
    data = json.loads(invoke("skills", "--json").stdout)
    assert [d["skill"] for d in data][:2] == ["printing", "accounts_passwords"]
    assert len(data) == 23
    assert data[0] == {
        "skill": "printing",
        "label": "Printing & scanning",
        "count": 3,
        "last": "2026-11-20",
        "recent": 2,
        "previous": 1,
        "trend": "up",
    }
    assert data[1]["trend"] == "down"
    assert data[2]["count"] == 0 and data[2]["last"] is None and data[2]["trend"] == "none"

    monkeypatch.setenv("COLUMNS", "120")  # room for the 90-day counts (80 shows the trend)
    text = invoke("skills")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert len(lines) == 24
    assert lines[0].startswith("Skill area")
    assert lines[1].split() == [
        "Printing",
        "&",
        "scanning",
        "printing",
        "3",
        "2026-11-20",
        "2",
        "1",
        "↑",
        "up",
    ]


def test_skills_on_empty_home(invoke: Invoke) -> None:
    data = json.loads(invoke("skills", "--json").stdout)
    assert all(d["count"] == 0 for d in data)
    assert [d["skill"] for d in data] == list(SKILL_IDS)


def test_recall_finds_win_across_languages(invoke: Invoke) -> None:
    invoke(
        "log",
        "Forgot password, account locked",
        "--skill",
        "accounts_passwords",
        "--solution",
        "reset in AD and unlocked",
        "--when",
        "2026-06-01",
    )
    invoke("log", "printer offline 3rd floor", "--skill", "printing", "--when", "2026-06-02")
    result = invoke("recall", "wachtwoord vergeten", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == [1]
    assert data[0]["solution"] == "reset in AD and unlocked"
    assert data[0]["skills"] == ["accounts_passwords"]
    assert set(data[0]) == {"id", "when", "problem", "solution", "skills", "score", "why"}
    assert data[0]["why"] == ["same symptom: vergeten", "same words: wachtwoord"]

    text = invoke("recall", "wachtwoord vergeten")
    assert text.stdout.splitlines() == [  # wrapped to 80 columns
        "#1  2026-06-01  Forgot password, account locked  (same symptom: vergeten; same",
        "    words: wachtwoord)",
        "    solution: reset in AD and unlocked",
    ]


def test_recall_limit_and_nothing_found(invoke: Invoke) -> None:
    for i in range(4):
        invoke("log", f"toner empty tray {i}", "--skill", "printing")
    assert len(json.loads(invoke("recall", "toner", "--limit", "2", "--json").stdout)) == 2
    none = invoke("recall", "kofax")
    assert none.exit_code == 0 and none.stdout == ""
    assert none.stderr == "No similar wins yet.\n"
    assert invoke("recall", "toner", "--limit", "0").exit_code == 2


def test_recall_and_suggest_take_unquoted_words_like_log(invoke: Invoke) -> None:
    invoke("log", "Forgot password, account locked", "--skill", "accounts_passwords")
    quoted = invoke("recall", "wachtwoord vergeten", "--json")
    unquoted = invoke("recall", "wachtwoord", "vergeten", "--json")
    assert unquoted.exit_code == 0 and unquoted.stdout == quoted.stdout
    assert json.loads(unquoted.stdout)[0]["why"] == [
        "same symptom: vergeten",
        "same words: wachtwoord",
    ]
    quoted = invoke("skills", "suggest", "printer 3e verdieping offline", "--json")
    unquoted = invoke("skills", "suggest", "printer", "3e", "verdieping", "offline", "--json")
    assert unquoted.exit_code == 0 and unquoted.stdout == quoted.stdout
    assert json.loads(unquoted.stdout)[0]["skill"] == "printing"
    for args in (("recall",), ("skills", "suggest")):
        missing = invoke(*args)
        assert missing.exit_code == 2 and "Missing argument 'TEXT...'" in missing.stderr
    blank = invoke("recall", " ", " ")
    assert blank.exit_code == 2 and "give a problem description" in blank.stderr
