"""A bare `contact`, `event`, `kudos`, `learn` or `network` lists, as a bare `wins` does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

Invoke = Callable[..., Result]


@pytest.mark.parametrize(
    ("bare", "listing"),
    [
        (("contact",), ("contact", "list")),
        (("event",), ("event", "list")),
        (("kudos",), ("kudos", "list")),
        (("learn",), ("learn", "list")),
        (("network",), ("network", "stale")),
    ],
)
def test_a_bare_group_lists(
    invoke: Invoke, bare: tuple[str, ...], listing: tuple[str, ...]
) -> None:
    invoke("contact", "add", "Ana de Vries", "--strength", "5")
    invoke("contact", "touch", "ana", "--when", "2026-01-05")  # stale by now
    invoke("event", "add", "Cisco Live", "--kind", "vendor", "--date", "2026-06-02")
    invoke("kudos", "Thanks!", "--from", "Mia")
    invoke("learn", "Passed CCNA", "--kind", "certification")
    result = invoke(*bare)
    assert result.exit_code == 0, result.output
    expected = invoke(*listing)
    assert (result.stdout, result.stderr) == (expected.stdout, expected.stderr)
    assert result.stdout and "Usage:" not in result.output


@pytest.mark.parametrize("group", ["contact", "event", "kudos", "learn", "network"])
def test_a_bare_group_in_an_empty_home_says_so(invoke: Invoke, group: str) -> None:
    invoke("log", "printer jam", "-s", "printing")
    result = invoke(group)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "Usage:" not in result.stderr
    assert result.stderr.startswith(("No ", "Nobody"))


def test_help_and_subcommands_still_work(invoke: Invoke) -> None:
    assert invoke("contact", "--help").stdout.startswith("Usage: cli contact [OPTIONS] COMMAND")
    assert invoke("contact", "add", "Kim").exit_code == 0
    assert invoke("kudos", "Top geholpen!").stdout.startswith("Recorded kudos #1")
    assert invoke("network", "stale", "--json").stdout.strip() == "[]"
