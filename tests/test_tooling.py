"""Lint, format and types are part of the suite, so CI holds them, not only good intentions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd)


def test_ruff_lint() -> None:
    out = _run("ruff", "check", "--no-cache", ".")
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format() -> None:
    out = _run("ruff", "format", "--check", "--no-cache", ".")
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.slow
def test_mypy_on_the_whole_package(tmp_path: Path) -> None:
    out = _run("mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert out.returncode == 0, out.stdout + out.stderr
    # Every module, cli/ included: an `exclude` in pyproject.toml would shrink this count.
    modules = sum(1 for _p in (ROOT / "growthdesk").rglob("*.py"))
    assert f"no issues found in {modules} source files" in out.stdout, out.stdout
