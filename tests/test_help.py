"""Every command and subcommand has help text with an example."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from growthdesk.cli import COMMANDS, cli


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            found += _walk(sub, [*path, name])
    return found


ALL = _walk(cli, [])


def test_every_registered_command_is_importable() -> None:
    ctx = click.Context(cli)
    listed = cli.list_commands(ctx)
    assert {"log", "wins", "undo", "doctor"} <= set(listed)
    for name in listed:
        assert cli.get_command(ctx, name) is not None
    assert set(listed) <= set(COMMANDS)


@pytest.mark.parametrize(
    ("path", "command"), ALL, ids=[" ".join(p) or "growthdesk" for p, _ in ALL]
)
def test_help_has_an_example(path: list[str], command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"{' '.join(path)} --help has no example"
    assert (command.help or "").strip(), path
