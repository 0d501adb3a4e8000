"""Every command and subcommand has help text with an example, and its help fits an
80-column terminal in English and in Dutch (examples included: click never wraps those)."""

from __future__ import annotations

import re

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
    assert listed == sorted(COMMANDS) and {"log", "wins", "undo", "doctor"} <= set(listed)
    for name in listed:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name, name
    assert cli.get_command(ctx, "no-such-command") is None


@pytest.mark.parametrize(
    ("path", "command"), ALL, ids=[" ".join(p) or "growthdesk" for p, _ in ALL]
)
def test_help_has_an_example(path: list[str], command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"{' '.join(path)} --help has no example"
    # A \b line before the examples keeps click from re-wrapping them into one paragraph.
    block = re.search(r"^ *\x08\n *Examples?:\n( +growthdesk .+\n?)+", command.help or "", re.M)
    assert block, f"{' '.join(path) or 'growthdesk'}: no \\b block of 'growthdesk …' examples"
    shown = {line.strip() for line in result.output.splitlines()}
    for example in block.group(0).splitlines()[2:]:
        assert example.strip() in shown, example  # on one line, not re-wrapped


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(
    ("path", "command"), ALL, ids=[" ".join(p) or "growthdesk" for p, _ in ALL]
)
def test_help_fits_80_columns(path: list[str], command: click.Command, lang: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    wide = [f"{len(line)}: {line}" for line in result.output.splitlines() if len(line) > 80]
    assert wide == []


def test_ask_offers_the_contact_kinds_of_the_domain() -> None:
    from growthdesk.cli.network import ask_cmd
    from growthdesk.network.contacts import CONTACT_KINDS

    kind = next(p for p in ask_cmd.params if p.name == "kind")
    assert isinstance(kind.type, click.Choice) and tuple(kind.type.choices) == CONTACT_KINDS
