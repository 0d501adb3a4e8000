"""`growthdesk ask` must not import networkx (~0.3 s); `network export` still uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from click.testing import Result


def run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the CLI in a fresh interpreter (GROWTHDESK_HOME/NOW come from conftest's env);
    return the process and the modules it had imported at exit."""
    code = (
        "import sys; from growthdesk.cli import main; sys.argv = ['growthdesk', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(['@@modules', *sorted(sys.modules)]), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    modules = out.stderr.split("@@modules", 1)[1].split() if "@@modules" in out.stderr else []
    return out, set(modules)


@pytest.fixture
def net(invoke: Callable[..., Result]) -> None:
    """A direct contact and an expert reachable only through her: ask has to run Dijkstra."""
    for args in (
        ("contact", "add", "Ana de Vries", "--strength", "5", "--specialty", "printing:4"),
        ("contact", "add", "Dev Patel", "--specialty", "remote_access:5", "--via", "Ana de Vries"),
        ("contact", "add", "Bas", "--strength", "3", "--specialty", "remote_access:2"),
    ):
        assert invoke(*args).exit_code == 0


@pytest.mark.usefixtures("net")
def test_ask_does_not_import_networkx() -> None:
    out, modules = run("ask", "VPN keeps dropping for home workers", "--json")
    assert "growthdesk.ranking" in modules and "growthdesk.graph" in modules
    assert "networkx" not in modules
    people = json.loads(out.stdout)["people"]
    dev = next(p for p in people if p["name"] == "Dev Patel")
    assert dev["path"] == ["Ana de Vries", "Dev Patel"] and dev["direct"] is False


@pytest.mark.usefixtures("net")
def test_network_export_still_works_with_networkx() -> None:
    out, modules = run("network", "export", "--format", "json")
    assert "networkx" in modules
    data = json.loads(out.stdout)
    assert len(data["nodes"]) == 4 and len(data["links"]) == 3
