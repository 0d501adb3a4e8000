"""Readers get the store's parsed records without copies; no command may change them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from growthdesk.cli import cli
from growthdesk.cli.app import App
from growthdesk.core.clock import now
from growthdesk.reporting import demo
from growthdesk.store import Store, files

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


def test_read_commands_leave_the_shared_records_untouched(
    demo_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file the readers' cache parses is recorded, to compare with the disk at the end.
    parsed: list[tuple[str, dict[str, Any]]] = []
    real_parse = files.parse

    def recording_parse(
        raw: bytes, rel: str, stored: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data = real_parse(raw, rel, stored)
        parsed.append((rel, data))
        return data

    monkeypatch.setattr(files, "parse", recording_parse)
    app = App(home=demo_home)
    runner = CliRunner()
    for args in READ_COMMANDS:
        result = runner.invoke(cli, args, obj=app)
        assert result.exit_code == 0, (args, result.output)
    assert len({rel for rel, _data in parsed}) > 10  # the commands really shared parsed files
    for rel, data in parsed:
        on_disk = real_parse((demo_home / rel).read_bytes(), rel)
        assert data == on_disk, f"a command changed the records of {rel}"
