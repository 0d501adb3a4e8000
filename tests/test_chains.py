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


# ---- doctor: a chain that is missing, damaged, stale, forged or of another version -----------


def _four_months(runner: CliRunner) -> None:
    for month in MONTHS[:4]:
        for i, (text, skill) in enumerate(TEXTS):
            _log(runner, text, skill, f"{month}-0{1 + i}T10:00", ["Jan", None][i % 2])


def _doctor(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["doctor", *args])
    return result.exit_code, result.output


def _forged(chain: Path) -> bytes:
    doc = json.loads(chain.read_bytes())
    doc["state"]["n"] += 5  # the stamps still match: only a fresh fold can tell
    return json.dumps(doc).encode()


def _stale(chain: Path) -> bytes:
    doc = json.loads(chain.read_bytes())
    doc["shards"]["2026-06"]["size"] += 1
    return json.dumps(doc).encode()


def _fresh_fold(home: Path) -> bytes:
    from growthdesk.store import chains

    fresh = chains.rebuild(home, "repeats", parts=False)
    assert fresh is not None
    return fresh[1]


def test_doctor_folds_again_a_chain_it_cannot_trust(home: Path) -> None:
    runner = CliRunner()
    _four_months(runner)
    (chain,) = _chains(home)
    good, board = chain.read_bytes(), _board(runner)
    assert _fresh_fold(home) == good  # as a commit folds it, month by month
    assert _doctor(runner)[0] == 0
    for damage, why, exit_code, label in (
        (b"{not json", "it is damaged", 1, "BROKEN"),
        (None, "it is missing", 0, "OUT OF DATE"),
        (_forged(chain), "it disagrees with the month shards", 1, "BROKEN"),
        (_stale(chain), "it does not match the month shards", 0, "OUT OF DATE"),
    ):
        if damage is None:
            chain.unlink()
        else:
            chain.write_bytes(damage)
        code, out = _doctor(runner)
        assert code == exit_code
        assert f"{label} wins/{chain.name}: {why}" in out
        assert _doctor(runner, "--restore")[0] == 0
        assert _doctor(runner)[0] == 0
        assert json.loads(chain.read_bytes())["state"] == json.loads(good)["state"]
        assert _board(runner) == board


def test_doctor_removes_a_chain_of_another_version_or_month(home: Path) -> None:
    runner = CliRunner()
    _four_months(runner)
    (chain,) = _chains(home)
    assert chain.name.endswith("-2026-07.json")
    old = home / "wins" / "chain-repeats-0-2026-06.json"
    early = home / "wins" / chain.name.replace("2026-07", "2026-06")
    for odd, why in (
        (old, "it was written by another version"),
        (early, "it does not end at the right month"),
    ):
        odd.write_bytes(chain.read_bytes())
        code, out = _doctor(runner)
        assert code == 0  # a leftover derived file: no answer reads it
        assert f"OUT OF DATE wins/{odd.name}: {why}" in out
        assert _doctor(runner, "--restore")[0] == 0
        assert not odd.exists()
        assert _chains(home) == [chain]
        assert _doctor(runner)[0] == 0


def test_doctor_folds_a_chain_from_the_shards_not_from_a_forged_month_summary(home: Path) -> None:
    runner = CliRunner()
    _four_months(runner)
    board = _board(runner)
    part = home / "wins" / "2026-06-repeats.json"
    doc = json.loads(part.read_bytes())
    doc["data"] = type(doc["data"])()  # the stamp still matches: the month looks empty
    part.write_bytes(json.dumps(doc).encode())
    code, out = _doctor(runner)
    assert code == 1
    assert "BROKEN wins/2026-06-repeats.json: it disagrees with wins/2026-06.json" in out
    assert "chain-" not in out  # the chain was folded from the shard, as it is
    assert _doctor(runner, "--restore")[0] == 0
    assert _doctor(runner)[0] == 0
    assert _board(runner) == board == _fresh(runner, home)
