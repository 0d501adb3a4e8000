"""`growthdesk path`: rendering, --json, --track, and what it must not import."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from growthdesk.store import Store

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


def _seed(home: Path, counts: dict[str, int], months: float, started: str | None) -> None:
    """Wins for *counts*, interleaved evenly over *months* before NOW, plus a profile."""
    slots = []
    for skill, n in counts.items():
        slots += [((j + 0.5) / n, skill) for j in range(n)]
    slots.sort()
    days = months * 30.4375
    records = []
    for k, (_pos, skill) in enumerate(slots):
        when = (NOW - timedelta(days=days * (1 - (k + 0.5) / len(slots)))).isoformat(
            timespec="seconds"
        )
        records.append(
            {"when": when, "problem": f"ticket {k}", "solution": None, "skills": [skill],
             "skills_source": "manual", "minutes": 10, "helped_by": [], "ticket": None,
             "source": "manual", "tags": [], "escalated": False, "created": when, "updated": when}
        )  # fmt: skip
    store = Store(home)
    with store.transaction("seed") as tx:
        tx.insert_many("wins", records)
        if started:
            tx.set_profile({"started": started})


NETWORK = {
    "accounts_passwords": 40, "email_calendar": 6, "printing": 4, "hardware": 4, "os_desktop": 4,
    "software_install": 4, "access_permissions": 5, "network_connectivity": 90, "remote_access": 50,
}  # fmt: skip


def test_empty_home_says_not_enough_data(invoke, home: Path) -> None:
    home.mkdir()  # an empty data folder (`path` only reads: it creates none)
    result = invoke("path")
    assert result.exit_code == 0, result.output
    assert "You are: not enough data yet" in result.stdout
    assert "log 30 more tagged wins (have 0, need 30)" in result.stdout
    data = orjson.loads(invoke("path", "--json").stdout)
    assert data["label"] == "not-enough-data" and data["enough_data"] is False


def test_network_agent_text_report(invoke, home: Path) -> None:
    _seed(home, NETWORK, 16, "2025-07-26")
    result = invoke("path")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Career path  16.0 months at the helpdesk since 2025-07-26" in out
    assert "You are: specialist" in out
    for heading in ("Where your work goes", "Track fit", "Plan", "Skill mix per quarter"):
        assert heading in out
    assert "The 24–36-month window: 16.0 months done, 8.0 until 24, 20.0 until 36." in out
    dutch = invoke("--lang", "nl", "path").stdout  # a decimal comma, in every number
    assert "Loopbaan  16,0 maanden bij de helpdesk sinds 26 juli 2025" in dutch
    assert "De periode van 24–36 maanden: 16,0 maanden achter de rug, 8,0 tot 24, 20,0 tot" in dutch
    # Piped: plain text within 80 columns, no colour codes.
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    # The chart has one row per quarter since the start, and a legend.
    for quarter in ("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"):
        assert any(line.startswith(f"  {quarter}  ") for line in out.splitlines()), quarter
    assert "█ Network & connectivity" in out


def test_network_agent_json(invoke, home: Path) -> None:
    _seed(home, NETWORK, 16, "2025-07-26")
    data = orjson.loads(invoke("path", "--json").stdout)
    assert data["top_track"] == "network"
    assert data["label"] == "specialist"
    assert [f["rank"] for f in data["fits"]] == list(range(1, 11))
    network = data["fits"][0]
    assert network["track"] == "network" and network["next_roles"][0].startswith(
        "Network technician"
    )
    assert network["gaps"][0]["skill"] in {"server_infrastructure", "security_incidents"}
    assert data["window"]["phase"] == "building"
    assert sum(q["wins"] for q in data["history"]) == sum(NETWORK.values())


def test_track_focus(invoke, home: Path) -> None:
    _seed(home, NETWORK, 16, "2025-07-26")
    result = invoke("path", "--track", "security")
    assert result.exit_code == 0, result.output
    assert "Security ◀" in result.stdout
    assert "Focus Security: fit" in result.stdout
    data = orjson.loads(invoke("path", "--track", "security", "--json").stdout)
    assert data["focus"] == "security"
    assert any("Security+" in m for q in data["plan"] for m in q["milestones"])


def test_unknown_track_is_refused(invoke) -> None:
    result = invoke("path", "--track", "securty")
    assert result.exit_code == 1  # growthdesk's rule, not a malformed command line: README
    assert "Did you mean 'security'?" in result.stderr


def test_path_does_not_import_networkx_or_numpy(home: Path) -> None:
    _seed(home, NETWORK, 16, "2025-07-26")
    code = (
        "import sys\n"
        "from growthdesk.cli import cli\n"
        "try:\n"
        "    cli(['path'], prog_name='growthdesk')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('networkx', 'numpy', 'dateparser') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "GROWTHDESK_HOME": str(home)}
    # cwd: `python -c` puts it first on sys.path, and the source checkout has no growthdesk.data.
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=home.parent
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[]"
    assert "Skill mix per quarter" in run.stdout


@pytest.mark.parametrize(
    "sub",
    [["path"], ["learn"], ["learn", "add"], ["learn", "list"], ["profile"], ["profile", "set"]],
)
def test_help_has_examples(invoke, sub: list[str]) -> None:
    result = invoke(*sub, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_empty_home_gets_what_is_needed_not_a_plan_from_nothing(home: Path) -> None:
    from click.testing import CliRunner

    from growthdesk.cli import cli

    home.mkdir()
    result = CliRunner().invoke(cli, ["path"])
    assert result.exit_code == 0
    assert "You are: not enough data yet" in result.stdout
    assert "What is needed:\n  • log 30 more tagged wins (have 0, need 30)\n" in result.stdout
    assert "\nTrack fit\n" not in result.stdout
    assert "\nPlan\n" not in result.stdout
    assert "Track fit, gaps and a quarter-by-quarter plan appear here" in result.stdout
