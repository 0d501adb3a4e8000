"""`growthdesk log` and `growthdesk wins`: the daily job, through the real CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
from click.testing import Result

from growthdesk.store import Store

Invoke = Callable[..., Result]


def test_log_with_skill_and_list(invoke: Invoke) -> None:
    result = invoke(
        "log", "reset password for j.jansen", "--minutes", "6", "--skill", "accounts_passwords"
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "Logged win #1  2026-11-26 10:00  6 min\n  skills: Passwords, sign-in & MFA  [set by you]\n"
    )
    listed = invoke("wins")
    assert (
        listed.stdout
        == "#1  2026-11-26 10:00  6 min  Passwords & MFA  reset password for j.jansen\n"
    )
    dutch = invoke("--lang", "nl", "wins").stdout
    assert dutch == "#1  2026-11-26 10:00  6 min  Inloggen & MFA  reset password for j.jansen\n"
    assert invoke("wins", "--json").stdout.count('"accounts_passwords"') == 1  # ids for programs
    logged = invoke(
        "--lang", "nl", "log", "printer vast", "-m", "3", "-s", "printing", "-s", "hardware"
    )
    assert logged.stdout == (
        "Win vastgelegd #2  2026-11-26 10:00  3 min\n"
        "  vaardigheden: Printen & scannen; Hardware & randapparatuur  [door jou gekozen]\n"
    )
    shown = invoke("--lang", "nl", "wins", "show", "2").stdout
    assert "  vaardigheden   Printen & scannen; Hardware & randapparatuur (door jou)\n" in shown
    listed = invoke("--lang", "nl", "wins").stdout.splitlines()[0]  # the main area, and 1 more
    assert listed == "#2  2026-11-26 10:00  3 min  Printen +1      printer vast"


def test_log_words_without_quotes_and_json(invoke: Invoke) -> None:
    result = invoke("log", "vpn", "token", "resync", "-m", "12.4m", "-s", "remote_access", "--ticket", "INC42",
                    "--tag", "VPN", "--json")  # fmt: skip
    win = orjson.loads(result.stdout)
    assert win["problem"] == "vpn token resync"
    assert win["minutes"] == 12
    assert win["ticket"] == "INC42"
    assert win["tags"] == ["vpn"]
    assert win["skills_source"] == "manual"
    assert win["when"] == "2026-11-26T10:00:00+01:00"


def test_auto_tagging_shows_scores(invoke: Invoke) -> None:
    result = invoke("log", "printer 3e verdieping offline, printerstoring", "-m", "9")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  skills: Printing & scanning (")
    assert lines[1].endswith("[auto-tagged]")
    assert Store(Path(_home())).wins()[0]["skills"][0] == "printing"


def _home() -> str:
    import os

    return os.environ["GROWTHDESK_HOME"]


def test_unconfident_text_is_not_guessed(invoke: Invoke) -> None:
    result = invoke("log", "werkt niet", "-m", "3")
    assert result.exit_code == 0
    assert "no confident skill" in result.stderr
    assert Store(Path(_home())).wins()[0]["skills"] == []


def test_natural_dates(invoke: Invoke) -> None:
    invoke("log", "a", "-s", "hardware", "--when", "gisteren 14:00")
    invoke("log", "b", "-s", "hardware", "--when", "vorige week vrijdag")
    whens = [w["when"] for w in Store(Path(_home())).wins()]
    assert whens == ["2026-11-20T12:00:00+01:00", "2026-11-25T14:00:00+01:00"]


def test_helped_by_creates_then_reuses_a_contact(invoke: Invoke) -> None:
    invoke("log", "vpn issue", "-s", "remote_access", "--helped-by", "Ana de Vries")
    invoke("log", "vpn again", "-s", "remote_access", "--helped-by", "ana de vries")
    store = Store(Path(_home()))
    contacts = store.all("contacts")
    assert [c["name"] for c in contacts] == ["Ana de Vries"]
    assert [w["helped_by"] for w in store.wins()] == [[contacts[0]["id"]], [contacts[0]["id"]]]


def test_helped_by_near_miss_asks_did_you_mean(invoke: Invoke, home: Path) -> None:
    invoke("log", "vpn issue", "-s", "remote_access", "--helped-by", "Ana de Vries")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    result = invoke("log", "vpn again", "-s", "remote_access", "--helped-by", "Ana de Vris")
    assert result.exit_code == 1
    assert "Did you mean 'Ana de Vries'?" in result.stderr
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_filters(invoke: Invoke) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-11-02")
    invoke("log", "Outlook crash", "-s", "email_calendar", "--when", "2026-11-10")
    invoke(
        "log",
        "printer offline",
        "-s",
        "printing",
        "--when",
        "2026-11-20",
        "--solution",
        "herstart spooler",
    )

    def ids(*args: str) -> list[int]:
        return [w["id"] for w in orjson.loads(invoke("wins", "--json", *args).stdout)]

    assert ids() == [3, 2, 1]
    assert ids("--skill", "printing") == [3, 1]
    assert ids("--since", "2026-11-05") == [3, 2]
    assert ids("--until", "2026-11-10") == [2, 1]
    assert ids("--contains", "SPOOLER") == [3]
    assert ids("--limit", "1") == [3]


def test_edit_remove_and_undo(invoke: Invoke) -> None:
    invoke("log", "short", "-s", "hardware", "-m", "5")
    assert (
        invoke(
            "wins", "edit", "1", "--text", "a much longer problem text " * 5, "-m", "30"
        ).exit_code
        == 0
    )
    store = Store(Path(_home()))
    assert store.get("wins", 1)["minutes"] == 30
    assert invoke("wins", "rm", "1").stdout.startswith("Removed win #1")
    assert store.wins() == []
    assert invoke("undo").stdout == "Undid: remove win #1\n"
    assert store.get("wins", 1)["minutes"] == 30
    assert invoke("undo").stdout == "Undid: edit win #1\n"
    assert store.get("wins", 1)["problem"] == "short"
    assert invoke("undo").stdout.startswith("Undid: log win: short")
    assert store.wins() == []
    nothing = invoke("undo")
    assert nothing.exit_code == 1
    assert nothing.stderr == "Error: nothing to undo\n"


def test_wins_show(invoke: Invoke) -> None:
    invoke("log", "printer jam", "-s", "printing", "-m", "4", "--helped-by", "Bo", "--escalated")
    out = invoke("wins", "show", "1").stdout
    assert "  problem    printer jam\n" in out
    assert "  helped by  Bo\n" in out
    assert "  escalated  yes\n" in out


def test_empty_list_message_goes_to_stderr(invoke: Invoke, home: Path) -> None:
    home.mkdir()
    result = invoke("wins")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No wins yet.\n")


def test_a_filter_without_result_says_no_wins_match(invoke: Invoke) -> None:
    invoke("log", "printer jam", "-s", "printing", "--when", "2026-11-20")
    for args in (["--since", "tomorrow"], ["--skill", "security_incidents"], ["--contains", "vpn"]):
        result = invoke("wins", *args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            "",
            "No wins match these filters.\n",
        ), args


def test_reading_a_missing_data_folder_creates_nothing(invoke: Invoke, tmp_path: Path) -> None:
    typo = tmp_path / "hoem"
    for args in (["wins"], ["wins", "show", "1"], ["stats"], ["contact", "list"], ["path"]):
        result = invoke("--home", str(typo), *args)
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr == (
            f"Error: no growthdesk data in {typo}; check --home or GROWTHDESK_HOME "
            "(`growthdesk log` starts a new data folder)\n"
        )
        assert not typo.exists()


def test_no_colour_when_piped_or_no_color(invoke: Invoke, monkeypatch) -> None:
    invoke("log", "printer jam", "-s", "printing", "-m", "40")
    assert "\x1b[" not in invoke("wins").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("wins").output


def test_home_option_overrides_environment(invoke: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other"
    invoke("--home", str(other), "log", "x", "-s", "hardware")
    assert len(Store(other).wins()) == 1
    assert not Path(_home()).exists() or Store(Path(_home())).wins() == []


def test_search_terms_live_in_the_month_summary_not_in_the_record(invoke: Invoke) -> None:
    import orjson

    from growthdesk.core.text import terms
    from growthdesk.store import summaries
    from growthdesk.worklog import index  # noqa: F401 - registers the recall part

    invoke("log", "printer offline", "-s", "printing", "--solution", "spooler herstart")
    invoke("wins", "edit", "1", "--text", "wachtwoord verlopen")
    home = Path(_home())
    (month,) = Store(home).win_months()
    rel = f"wins/{month}.json"
    assert "terms" not in orjson.loads((home / rel).read_bytes())["wins"]["1"]
    found, part = summaries.matching(home, rel, "recall")
    assert found  # written by the edit's commit, and matching the shard
    table = {line.split("\t")[0] for lines in part["t"] for line in lines.split("\n")[1:]}
    assert table == {*terms("wachtwoord verlopen"), *terms("spooler herstart")}
    assert "terms" not in invoke("wins", "show", "1", "--json").stdout


def test_on_a_terminal_an_unconfident_tag_is_asked_for(invoke: Invoke, monkeypatch) -> None:
    from growthdesk.cli import wins as cli_wins

    monkeypatch.setattr(cli_wins, "interactive", lambda: True)
    result = invoke("log", "scherm doet raar", input="1\n")  # weak evidence only
    assert result.exit_code == 0
    assert (
        "No confident skill. Best guess:\n  1) hardware  Hardware & peripherals  0.44"
        in result.stderr
    )
    win = Store(Path(_home())).wins()[0]
    assert win["skills"] == ["hardware"]
    assert win["skills_source"] == "manual"  # the user's pick teaches the tagger
    skipped = invoke("log", "scherm doet raar", input="\n")
    assert skipped.exit_code == 0
    second = Store(Path(_home())).wins()[1]
    assert (second["skills"], second["skills_source"]) == ([], "auto")  # nothing picked


def test_on_a_terminal_a_near_miss_name_is_confirmed(invoke: Invoke, monkeypatch) -> None:
    from growthdesk.cli import wins as cli_wins

    invoke("log", "vpn issue", "-s", "remote_access", "--helped-by", "Ana de Vries")
    monkeypatch.setattr(cli_wins, "interactive", lambda: True)
    result = invoke(
        "log", "vpn again", "-s", "remote_access", "--helped-by", "Ana de Vris", input="y\n"
    )
    assert result.exit_code == 0
    store = Store(Path(_home()))
    assert [c["name"] for c in store.all("contacts")] == ["Ana de Vries"]
    declined = invoke(
        "log", "vpn 3", "-s", "remote_access", "--helped-by", "Ana de Vris", input="n\n"
    )
    assert declined.exit_code == 0
    assert [c["name"] for c in store.all("contacts")] == ["Ana de Vries", "Ana de Vris"]
