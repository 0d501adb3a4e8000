"""`growthdesk wins retag`: one undoable step, lists what changes, and teaches the tagger like
`wins edit --skill` does (the same lesson, byte for byte)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers.homes import snapshot

from growthdesk.cli import cli
from growthdesk.skills import tagger
from growthdesk.store import Store

Invoke = Callable[..., Result]
KOFAX = (
    "kofax capture license expired",
    "kofax license expired again",
    "kofax capture licence expired for finance",
)
SIMILAR = "kofax capture hangs on scan"


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def _log_kofax(invoke: Invoke) -> None:
    for text in KOFAX:  # auto-tagged software_install (the "license" keyword)
        _ok(invoke("log", text))
    _ok(invoke("log", "printer jam on 2e", "-s", "printing", "--when", "2026-11-20"))


def _top(home: Path, text: str) -> str:
    return tagger.suggest(text, model=Store(home).model("tagger"))[0][0]


def test_retag_lists_changes_writes_one_step_and_the_tagger_learns(
    invoke: Invoke, home: Path
) -> None:
    _log_kofax(invoke)
    before = _top(home, SIMILAR)
    assert before != "business_apps"
    result = _ok(
        invoke("wins", "retag", "--from", "software_install", "--to", "business_apps", "--contains", "kofax")
    )  # fmt: skip
    assert result.stdout == (
        "#1  2026-11-26  Software -> Business apps  kofax capture license expired\n"
        "#2  2026-11-26  Software -> Business apps  kofax license expired again\n"
        "#3  2026-11-26  Software -> Business apps  kofax capture licence expired for fi…\n"
    )
    assert result.stderr == "Retagged 3 wins; `growthdesk undo` takes them back.\n"
    wins = {w["id"]: w for w in Store(home).wins()}
    assert [(wins[i]["skills"], wins[i]["skills_source"]) for i in (1, 2, 3)] == [
        (["business_apps"], "manual")
    ] * 3
    assert wins[4]["skills"] == ["printing"]
    assert _top(home, SIMILAR) == "business_apps"  # the tagger learned the new area
    # One undo step takes back the tags and the lesson.
    assert (
        _ok(invoke("undo")).stdout == "Undid: retag 3 wins from software_install to business_apps\n"
    )
    assert [Store(home).win(i)["skills"] for i in (1, 2, 3)] == [["software_install"]] * 3
    assert _top(home, SIMILAR) == before


def test_retag_teaches_exactly_what_hand_edits_teach(tmp_path: Path, monkeypatch) -> None:
    def run(home: Path, *args: str) -> None:
        monkeypatch.setenv("GROWTHDESK_HOME", str(home))
        _ok(CliRunner().invoke(cli, list(args), catch_exceptions=False))

    bulk, by_hand = tmp_path / "bulk", tmp_path / "by_hand"
    for home in (bulk, by_hand):
        for text in KOFAX:
            run(home, "log", text, "-s", "software_install")  # hand-tagged: the lesson must go
    run(bulk, "wins", "retag", "--from", "software_install", "--to", "business_apps")
    for win_id in ("1", "2", "3"):
        run(by_hand, "wins", "edit", win_id, "--skill", "business_apps")
    assert Store(bulk).model("tagger") == Store(by_hand).model("tagger")
    assert tagger.term_counts(Store(bulk).model("tagger"), "kofax") == {"business_apps": 3}


def test_a_second_skill_is_kept_and_the_new_one_not_doubled(invoke: Invoke, home: Path) -> None:
    _ok(invoke("log", "toner empty", "-s", "printing", "-s", "hardware"))
    _ok(invoke("log", "printer offline", "-s", "hardware", "-s", "printing"))
    result = _ok(invoke("wins", "retag", "--from", "printing", "--to", "hardware"))
    assert result.stdout == (
        "#1  2026-11-26  Printing, Hardware -> Hardware  toner empty\n"
        "#2  2026-11-26  Hardware, Printing -> Hardware  printer offline\n"
    )
    _ok(invoke("log", "scanner stuck", "-s", "printing", "-s", "os_desktop"))
    _ok(invoke("wins", "retag", "--from", "printing", "--to", "network_connectivity"))
    assert Store(home).win(3)["skills"] == ["network_connectivity", "os_desktop"]


def test_dry_run_lists_and_writes_nothing(invoke: Invoke, home: Path) -> None:
    _log_kofax(invoke)
    before = snapshot(home)
    result = _ok(
        invoke("wins", "retag", "--from", "software_install", "--to", "business_apps", "--dry-run")
    )
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr == "Would retag 3 wins (dry run: nothing changed).\n"
    assert snapshot(home) == before


def test_since_and_contains_narrow_the_wins(invoke: Invoke, home: Path) -> None:
    _ok(invoke("log", "toner empty", "-s", "printing", "--when", "2026-11-02"))
    _ok(invoke("log", "toner low", "-s", "printing", "--when", "2026-11-25"))
    _ok(invoke("log", "paper jam", "-s", "printing", "--when", "2026-11-25"))
    result = _ok(
        invoke("wins", "retag", "--from", "printing", "--to", "hardware", "--contains", "TONER", "--since", "2026-11-20")
    )  # fmt: skip
    assert result.stdout == "#2  2026-11-25  Printing -> Hardware  toner low\n"
    assert result.stderr == "Retagged 1 win; `growthdesk undo` takes it back.\n"
    assert [w["skills"] for w in Store(home).wins()] == [["printing"], ["hardware"], ["printing"]]


def test_nothing_to_retag_says_so_and_writes_nothing(invoke: Invoke, home: Path) -> None:
    _log_kofax(invoke)
    before = snapshot(home)
    result = _ok(invoke("wins", "retag", "--from", "remote_access", "--to", "business_apps"))
    assert (result.stdout, result.stderr) == ("", "No wins tagged VPN & remote working match.\n")
    dutch = invoke("--lang", "nl", "wins", "retag", "--from", "remote_access", "--to", "hardware")
    assert dutch.stderr == "Geen wins met VPN & thuiswerken gevonden.\n"
    assert snapshot(home) == before
    assert (
        _ok(invoke("undo", "--list")).stdout.splitlines()[0].endswith("log win: printer jam on 2e")
    )


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["--from", "printng", "--to", "hardware"], 1,
         "Error: unknown skill 'printng'. Did you mean 'printing'? `growthdesk skills` lists them."),
        (["--from", "printing", "--to", "hardwar"], 1,
         "Error: unknown skill 'hardwar'. Did you mean 'hardware'? `growthdesk skills` lists them."),
        (["--from", "printing", "--to", "printing"], 1,
         "Error: --from and --to are the same skill (printing)"),
        (["--from", "printing", "--to", "hardware", "--since", "blah"], 1,
         "Error: cannot read the date 'blah'; try 2026-03-14, 'yesterday 14:00', 'gisteren', "
         "'last friday' or 'vorige week vrijdag'"),
        (["--from", "printing"], 2, "Error: Missing option '--to'."),
    ],
)  # fmt: skip
def test_bad_retags_are_refused_and_write_nothing(
    invoke: Invoke, home: Path, args: list[str], code: int, error: str
) -> None:
    _log_kofax(invoke)
    before = snapshot(home)
    result = invoke("wins", "retag", *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.splitlines()[-1] == error
    assert snapshot(home) == before


# ---- the store's bulk update behind retag


def test_update_many_changes_each_record_and_an_unknown_id_changes_none(
    invoke: Invoke, home: Path
) -> None:
    from growthdesk.core.errors import NotFoundError

    _ok(invoke("log", "toner empty", "-s", "printing", "--when", "2026-10-02"))
    _ok(invoke("log", "paper jam", "-s", "printing"))
    _ok(invoke("log", "printer offline", "-s", "printing"))
    store = Store(home)
    before = snapshot(home)
    with (
        pytest.raises(NotFoundError, match="no win record with id 9"),
        store.transaction("bulk") as tx,
    ):
        tx.update_many("wins", {1: {"minutes": 3}, 9: {"minutes": 4}})
    _ok(invoke("kudos", "Thanks"))
    before = snapshot(home)
    with (
        pytest.raises(NotFoundError, match="no kudos record with id 2"),
        store.transaction("bulk") as tx,
    ):
        tx.update_many("kudos", {1: {"note": "Bedankt"}, 2: {"note": "x"}})
    assert snapshot(home) == before
    with store.transaction("bulk") as tx:
        tx.update_many(
            "wins",
            {
                1: {"minutes": 3},
                2: {"minutes": 3, "id": 77},  # an id in the changes is ignored, as in update()
                3: {"when": "2026-09-30T10:00:00+01:00", "minutes": 9},  # moves to September
            },
        )
    wins = {w["id"]: w for w in Store(home).wins()}
    assert [(i, wins[i]["minutes"], wins[i]["when"][:7]) for i in (1, 2, 3)] == [
        (1, 3, "2026-10"),
        (2, 3, "2026-11"),
        (3, 9, "2026-09"),
    ]
    assert sorted(p.name for p in (home / "wins").glob("????-??.json")) == [
        "2026-09.json",
        "2026-10.json",
        "2026-11.json",
    ]
