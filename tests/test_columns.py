"""Every listing and report fits an 80-column terminal, in English and in Dutch, on the demo
home; COLUMNS lets a wider terminal show more. The layout helpers (cli/layout.py) are tested
on their own too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from growthdesk.cli import cli
from growthdesk.cli.layout import join_fit, table, width, wrap, wrap_markdown
from growthdesk.core import i18n

ASK = "VPN keeps disconnecting when working from home"
IMPORTS = Path(__file__).parent / "data" / "imports"
COMMANDS = [
    ["wins"],
    ["wins", "-n", "200"],
    ["wins", "--contains", "printer", "-n", "50"],
    ["wins", "show", "1"],
    ["wins", "show", "3000"],
    ["learn", "list"],
    ["event", "list"],
    ["contact", "list"],
    ["contact", "show", "Ahmed Benali"],
    ["contact", "show", "Anke Timmer"],
    ["kudos", "list"],
    ["network", "stale"],
    ["stats"],
    ["stats", "--period", "week"],
    ["stats", "--period", "quarter"],
    ["stats", "--period", "year"],
    ["stats", "--period", "all"],
    ["path"],
    ["path", "-t", "network"],
    ["path", "-t", "security"],
    ["ask", ASK],
    ["ask", "printer offline on the third floor"],
    ["skills"],
    ["skills", "suggest", "printer jam on the third floor, paper stuck"],
    ["recall", "printer"],
    ["doctor"],
    ["review"],
    ["howto"],
    ["howto", "--lang", "nl"],
    ["query", "outlook keeps crashing on start"],
    ["plain", "please reboot the DHCP server and flush the DNS cache of your laptop"],
    ["plain", "--expect", "outlook keeps crashing"],
    ["profile"],
    ["stats", "--period", "day"],
    ["wins", "retag", "--from", "printing", "--to", "hardware", "--dry-run"],
    ["import", str(IMPORTS / "topdesk_nl.csv"), "--from", "topdesk", "--dayfirst", "--dry-run"],
]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    env = {"GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00", "COLUMNS": "80"}
    result = CliRunner().invoke(cli, ["demo", "--home", str(home)], env=env)
    assert result.exit_code == 0, result.output
    return home


def _too_wide(output: str, limit: int) -> list[str]:
    return [f"{len(line)}: {line}" for line in output.splitlines() if len(line) > limit]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a).replace(str(IMPORTS), "…"))
def test_fits_80_columns(demo_home: Path, args: list[str], lang: str) -> None:
    env = {
        "GROWTHDESK_HOME": str(demo_home),
        "GROWTHDESK_LANG": lang,
        "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00",
        "COLUMNS": "80",
    }
    if any(p.name == "lang" for p in cli.params):  # growthdesk --lang nl …
        args = ["--lang", lang, *args]
    i18n.set_language(lang)  # else: the language of this process, as the env var sets it
    try:
        result = CliRunner().invoke(cli, args, env=env)
    finally:
        i18n.set_language("en")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), "nothing shown: the test would pass for the wrong reason"
    assert _too_wide(result.stdout, 80) == []
    assert _too_wide(result.stderr, 80) == []


def test_a_wider_terminal_shows_more(demo_home: Path) -> None:
    def widest(columns: str) -> int:
        env = {"GROWTHDESK_HOME": str(demo_home), "COLUMNS": columns}
        out = CliRunner().invoke(cli, ["wins", "-n", "50"], env=env).stdout
        return max(len(line) for line in out.splitlines())

    assert widest("80") == 80
    assert 80 < widest("160") <= 160


def test_width_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert width() == 120
    monkeypatch.setenv("COLUMNS", "10")
    assert width() == 40  # narrower is unreadable: laid out for 40
    monkeypatch.setenv("COLUMNS", "wide")
    assert width() == 80  # not a number: the default (output is not a terminal here)
    monkeypatch.delenv("COLUMNS")
    assert width() == 80


def test_table_aligns_cuts_and_squeezes() -> None:
    rows = [["#1", "5 min", "printing", "printer offline"], ["#12", "120 min", "x", "y"]]
    assert table(rows, right={1}, total=80) == [
        "#1     5 min  printing  printer offline",
        "#12  120 min  x         y",
    ]
    long = [["#1", "a" * 30, "b" * 60]]
    assert table(long, total=50) == ["#1  " + "a" * 30 + "  " + "b" * 13 + "…"]
    assert table(long, total=50, flex_min=30, squeeze=[1]) == [
        "#1  " + "a" * 13 + "…  " + "b" * 29 + "…"
    ]


def test_join_fit_and_wrap() -> None:
    parts = [("Ana de Vries", str.upper), ("colleague", None), ("network_connectivity:4", None)]
    assert join_fit(parts, prefix="#1   ", total=40) == "#1   ANA DE VRIES · colleague · network…"
    assert wrap("one two three four", indent="  ", hang="    ", total=12) == [
        "  one two",
        "    three",
        "    four",
    ]


def test_markdown_for_the_screen() -> None:
    text = "\n".join(
        [
            "## A heading that is much too long to fit on one line of forty",
            "- **2026-02-25**: a list item that wraps onto a second line",
            "| Software installation, updates & licences | 102 | 4% |",
            "```",
            "code that is long and must never be wrapped or cut, ever ok",
            "```",
        ]
    )
    assert wrap_markdown(text, total=40).splitlines() == [
        "## A heading that is much too long to f…",
        "- **2026-02-25**: a list item that wraps",
        "  onto a second line",
        "| Software installation, u… | 102 | 4% |",
        "```",
        "code that is long and must never be wrapped or cut, ever ok",
        "```",
    ]


def test_wide_characters_and_control_characters_count_as_they_print() -> None:
    from growthdesk.cli.layout import cells, fit

    assert cells("printer 打印机") == 14
    assert fit("打印机打印机", 7) == "打印机…"  # 6 columns + the ellipsis
    assert fit("bel\x07here", 20) == "bel\\x07here"
    rows = [["#1", "打印机 kapot", "x"], ["#2", "printer", "y"]]
    assert table(rows, total=40) == ["#1  打印机 kapot  x", "#2  printer       y"]


def test_a_document_piped_into_a_file_is_not_wrapped(demo_home: Path) -> None:
    """`growthdesk review > review.md`: no terminal, no COLUMNS: every line as written."""
    env = {"GROWTHDESK_HOME": str(demo_home), "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    piped = CliRunner().invoke(cli, ["review"], env=env).stdout
    screen = CliRunner().invoke(cli, ["review"], env={**env, "COLUMNS": "80"}).stdout
    assert max(len(line) for line in piped.splitlines()) > 80
    assert "| Software installation, updates & licences |" in piped
    assert max(len(line) for line in screen.splitlines()) <= 80


def test_skills_shows_the_counts_behind_the_trend_when_there_is_room(demo_home: Path) -> None:
    def head(columns: str) -> str:
        env = {"GROWTHDESK_HOME": str(demo_home), "COLUMNS": columns}
        return CliRunner().invoke(cli, ["skills"], env=env).stdout.splitlines()[0]

    assert head("80").split() == ["Skill", "area", "id", "wins", "last", "win", "trend"]
    assert head("120").split() == [
        "Skill",
        "area",
        "id",
        "wins",
        "last",
        "win",
        "90d",
        "prev",
        "trend",
    ]


def test_join_fit_cuts_the_flexible_part_first() -> None:
    parts = [("Ana", None), ("network_connectivity:4, remote_access:5", None), ("away", None)]
    assert (
        join_fit(parts, prefix="#1 ", total=40, flex=1)
        == "#1 Ana · network_connectivity:4,… · away"
    )
    assert join_fit(parts, prefix="#1 ", total=22, flex=1) == "#1 Ana · away"  # too little left


def test_a_column_empty_in_every_row_takes_no_room() -> None:
    rows = [["#3", "", "printing", "printer jam again"], ["#1", "", "printing", "printer jam"]]
    assert table(rows, right={1}, total=80) == [
        "#3  printing  printer jam again",
        "#1  printing  printer jam",
    ]
