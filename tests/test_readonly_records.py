"""Readers get the store's parsed records without copies; no command may change them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from growthdesk.cli import cli
from growthdesk.cli.app import App
from growthdesk.core.clock import now
from growthdesk.reporting import demo
from growthdesk.store import Store, _parse

READ_COMMANDS = [
    ["wins", "--limit", "50"],
    ["wins", "--json", "--contains", "vpn"],
    ["recall", "outlook agenda loopt vast"],
    ["skills"],
    ["skills", "--json"],
    ["ask", "VPN disconnects every hour"],
    ["ask", "printer offline", "--json"],
    ["contact", "list"],
    ["network", "stale"],
    ["learn", "list"],
    ["kudos", "list"],
    ["path"],
    ["path", "--json"],
    ["stats", "--period", "all"],
    ["stats", "--json"],
    ["review", "--format", "md"],
    ["review", "--format", "html"],
    ["export", "--format", "json"],
    ["export", "--format", "csv", "--table", "wins"],
]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    demo.build(Store(home), seed=3, now=now())
    return home


def test_read_commands_leave_the_shared_records_untouched(demo_home: Path) -> None:
    app = App(home=demo_home)
    runner = CliRunner()
    for args in READ_COMMANDS:
        result = runner.invoke(cli, args, obj=app)
        assert result.exit_code == 0, (args, result.output)
    cache = app.store._cache._entries
    assert len(cache) > 10  # the commands really shared one store and its parsed files
    for path, (_key, parsed) in cache.items():
        rel = str(path.relative_to(demo_home))
        assert parsed == _parse(path.read_bytes(), rel), f"a command changed the records of {rel}"
