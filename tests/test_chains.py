"""The chain of repeat-problem clusters (store.chains, reporting.clusters): kept on commit,
and `stats --period all` over it is the same as over every month clustered afresh."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers.homes import as_records

from growthdesk.cli import cli

TEXTS = [
    ("printer 3e verdieping offline", "printing"),
    ("Printer on 3rd floor offline again", "printing"),
    ("password reset for finance", "accounts_passwords"),
    ("wachtwoord verlopen, gereset", "accounts_passwords"),
    ("VPN disconnects every 10 minutes", "remote_access"),
]
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


def _log(runner: CliRunner, text: str, skill: str, when: str, who: str | None) -> None:
    args = ["log", text, "-m", "7", "--skill", skill, "--when", when]
    if who:
        args += ["--for", who]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output


def _board(runner: CliRunner) -> dict:
    result = runner.invoke(cli, ["stats", "--period", "all", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _chains(home: Path) -> list[Path]:
    return sorted((home / "wins").glob("chain-*.json"))


def _fresh(runner: CliRunner, home: Path) -> dict:
    """The dashboard with the chain set aside: every month clustered by the reader."""
    kept = {p: p.read_bytes() for p in _chains(home)}
    for p in kept:
        p.unlink()
    try:
        return _board(runner)
    finally:
        for p, raw in kept.items():
            p.write_bytes(raw)


def test_stats_all_over_the_chain_equals_a_fresh_clustering(home: Path) -> None:
    runner = CliRunner()
    for month in MONTHS:
        for i, (text, skill) in enumerate(TEXTS):
            for day in (3, 19):
                who = ["Jan", "Piet", None][(i + day) % 3]
                _log(runner, text, skill, f"{month}-{day:02d}T{9 + i:02d}:00", who)
    (chain,) = _chains(home)
    assert chain.name.endswith("-2026-09.json")  # every month but the newest two
    board = _board(runner)
    assert board["repeats"][0]["count"] == 24
    assert board["repeat_calls"] is not None
    assert board == _fresh(runner, home)

    # A change to a month the chain folded: it is folded again, in the same commit.
    before = chain.read_bytes()
    result = runner.invoke(
        cli,
        [
            "log",
            "printer 3e verdieping offline",
            "-m",
            "3",
            "--skill",
            "printing",
            "--when",
            "2026-07-04T10:00",
        ],
    )
    assert result.exit_code == 0, result.output
    (chain,) = _chains(home)
    assert chain.read_bytes() != before
    board = _board(runner)
    assert board["repeats"][0]["count"] == 25
    assert board == _fresh(runner, home)


def test_a_chain_that_no_longer_matches_its_shards_is_not_used(home: Path) -> None:
    runner = CliRunner()
    for month in MONTHS[:4]:
        for text, skill in TEXTS[:2]:
            _log(runner, text, skill, f"{month}-05T10:00", None)
    (chain,) = _chains(home)
    # The shard it folded changes behind its back (a restore, a hand edit): its stamp no
    # longer matches, so the reader clusters that month itself.
    shard = home / "wins" / "2026-06.json"
    data = as_records(json.loads(shard.read_bytes()))
    for body in data["wins"].values():
        body["problem"] = "VPN disconnects every 10 minutes"
    shard.write_text(json.dumps(data))
    board = _board(runner)
    assert board == _fresh(runner, home)
    assert all("vpn" not in r["label"] for r in board["repeats"] if r["count"] >= 6)
