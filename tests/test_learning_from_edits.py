"""Hand-set skills teach the tagger through log, wins edit and wins rm; edits move the lesson."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from growthdesk.skills import tagger
from growthdesk.store import Store

Invoke = Callable[..., Result]


def _top(home: Path, text: str) -> str:
    return tagger.suggest(text, model=Store(home).model("tagger"))[0][0]


def test_manual_tags_teach_and_an_edit_of_text_and_skills_moves_the_lesson(
    invoke: Invoke, home: Path
) -> None:
    for _ in range(3):
        invoke("log", "kofax capture error", "-s", "printing")
    assert _top(home, "kofax capture hangs") == "printing"
    # Correct all three: different text and skill in one edit. The old lesson must go too.
    for win_id in ("1", "2", "3"):
        assert (
            invoke("wins", "edit", win_id, "--text", "toner empty", "--skill", "hardware").exit_code
            == 0
        )
    assert _top(home, "kofax capture hangs") != "printing"


def test_removing_a_hand_tagged_win_forgets_it(invoke: Invoke, home: Path) -> None:
    for _ in range(3):
        invoke("log", "kofax capture error", "-s", "printing")
    for win_id in ("1", "2", "3"):
        invoke("wins", "rm", win_id)
    assert _top(home, "kofax capture hangs") != "printing"


def test_editing_an_auto_tagged_win_only_adds_evidence(invoke: Invoke, home: Path) -> None:
    for _ in range(3):
        invoke("log", "kofax capture error", "-s", "printing")
    invoke("log", "printer offline op 2e", "-m", "5")  # auto-tagged
    invoke("wins", "edit", "4", "--skill", "hardware")
    assert _top(home, "kofax capture hangs") == "printing"  # the hand-set lesson survives
