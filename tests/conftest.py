"""Shared fixtures: every test gets its own data folder; nothing touches the real one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from growthdesk.cli import cli

# A fixed "now" keeps date phrases and recency maths deterministic.
FIXED_NOW = "2026-11-26T10:00:00+01:00"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("GROWTHDESK_HOME", str(path))
    monkeypatch.setenv("GROWTHDESK_NOW", FIXED_NOW)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GROWTHDESK_LANG", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)  # listings are laid out for 80 columns
    # The machine's locale must not choose the interface language of a test, and a test that
    # ran a command in Dutch must not leave Dutch behind for the next one (a new process would
    # start in English).
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    from growthdesk.core import i18n

    i18n.set_language("en")
    # Out of the source checkout: a `python -c` child would import growthdesk from it, and the
    # checkout has no growthdesk.data (setuptools maps it from data/ at install time).
    monkeypatch.chdir(tmp_path)
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Result]:
    """invoke("log", "text", "--minutes", "5") -> Result; stderr is kept apart from stdout."""

    def _invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return _invoke
