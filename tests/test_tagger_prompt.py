"""The question `log` asks on a terminal when the tagger is not sure: the top candidates (as
many as there are), a number, a skill id or a label in English or Dutch, asked again after a
wrong answer, and every word of it through the translation functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from growthdesk.cli import wins as cli_wins
from growthdesk.skills.labels import find_skill
from growthdesk.store import Store

Invoke = Callable[..., Result]
WEAK = "scherm kabel doet raar"  # weak evidence only: hardware 0.44, network_connectivity 0.25
PROMPT = "Pick 1-2, type a skill id or name, or press Enter to skip: "


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_wins, "interactive", lambda: True)


def _skills(home: Path) -> list[list[str]]:
    return [w["skills"] for w in Store(home).wins()]


def test_top_two_when_there_are_two(invoke: Invoke) -> None:
    result = invoke("log", WEAK, input="2\n")
    assert result.exit_code == 0
    assert result.stderr == (
        "No confident skill. Top 2:\n"
        "  1) hardware  Hardware & peripherals  0.44\n"
        "  2) network_connectivity  Network & connectivity  0.25\n"
        f"{PROMPT}2\n"
    )


@pytest.mark.parametrize(
    ("answer", "skills"),
    [
        ("1", ["hardware"]),
        ("printing", ["printing"]),  # any skill id, not only the candidates
        ("remote access", ["remote_access"]),
        ("VPN & remote working", ["remote_access"]),
        ("vpn & thuiswerken", ["remote_access"]),  # the Dutch label
        ("Printen & scannen", ["printing"]),
        ("1, printing", ["hardware", "printing"]),
        ("", []),
    ],
)
def test_answers(invoke: Invoke, home: Path, answer: str, skills: list[str]) -> None:
    result = invoke("log", WEAK, input=answer + "\n")
    assert result.exit_code == 0, result.stderr
    assert _skills(home) == [skills]


def test_a_wrong_answer_is_asked_again(invoke: Invoke, home: Path) -> None:
    result = invoke("log", WEAK, input="7\nprinterz\nprinting\n")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()[3:]
    assert lines == [
        f"{PROMPT}7",
        "'7' is not a number from the list, a skill id or a skill name",
        f"{PROMPT}printerz",
        "'printerz' is not a number from the list, a skill id or a skill name",
        f"{PROMPT}printing",
    ]
    assert _skills(home) == [["printing"]]
    win = Store(home).wins()[0]
    assert win["skills_source"] == "manual"


def test_it_gives_up_after_five_wrong_answers(invoke: Invoke, home: Path) -> None:
    result = invoke("log", WEAK, input="x\n" * 5)
    assert result.exit_code == 0
    assert result.stderr.count("is not a number from the list") == 5
    assert result.stderr.endswith(
        "Warning: no skill picked; add one later with `growthdesk wins edit ID --skill ID`\n"
    )
    assert _skills(home) == [[]]


def test_every_word_is_translated(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def mark(message: str, /, **kwargs: object) -> str:
        return "«" + message.format(**kwargs) + "»"

    def mark_n(singular: str, plural: str, n: int, /, **kwargs: object) -> str:
        return "«" + (singular if n == 1 else plural).format(n=n, **kwargs) + "»"

    monkeypatch.setattr(cli_wins, "_", mark)
    monkeypatch.setattr(cli_wins, "ngettext", mark_n)
    result = invoke("log", WEAK, input="x\n\n")
    for line in result.stderr.splitlines():
        if not line.startswith("  "):  # the candidates are data: id, label (translated), score
            assert line.startswith("«") and ("»" in line), line


def test_not_on_a_terminal_it_warns_with_the_right_count(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_wins, "interactive", lambda: False)
    result = invoke("log", WEAK)
    assert result.stderr == (
        "Warning: no confident skill (top 2: 1) Hardware 0.44, 2) Network 0.25); "
        "set one with --skill\n"
    )


def test_find_skill() -> None:
    assert find_skill("Remote_Access") == "remote_access"
    assert find_skill("  Printen  &  scannen ") == "printing"
    assert find_skill("printer") is None
