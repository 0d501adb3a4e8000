"""`ask` speed: no networkx import (~0.3 s) while `network export` still uses it; the fast
paths in ranking give exactly the answers of the plain definitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.network import ranking
from growthdesk.worklog import helped


def run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the CLI in a fresh interpreter (GROWTHDESK_HOME/NOW come from conftest's env);
    return the process and the modules it had imported at exit."""
    code = (
        "import sys; from growthdesk.cli import main; sys.argv = ['growthdesk', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(['@@modules', *sorted(sys.modules)]), file=sys.stderr)"
    )
    # From the test's scratch folder: `python -c` puts the working folder first on sys.path,
    # and the source checkout has no growthdesk.data (it is mapped from data/ when installed).
    scratch = Path(os.environ["GROWTHDESK_HOME"]).parent
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=scratch
    )
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
    assert "growthdesk.network.ranking" in modules and "growthdesk.network.graph" in modules
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


# ---- the fast paths give the same answers as the plain definitions ---------------------------

WORDS = ["printer", "printers", "toner", "vpn", "anyconnect", "wachtwoord", "password", "reset"]
TEXTS = st.lists(st.sampled_from([*WORDS, "Café", "e-mail", "x", "the"]), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_shared_stems_shortcut(query: str, text: str) -> None:
    stems = {helped.stem(w) for w in helped.words(query)}
    assert ranking._shared_stems(stems, text, {}) == stems & helped.text_stems(text)


def test_rank_reads_wins_without_a_helped_by_field() -> None:
    contacts = [{"id": 1, "name": "Ana", "strength": 4, "specialties": {"printing": 4}}]
    helped = {"id": 1, "when": "2026-10-01", "problem": "toner", "skills": ["printing"]}
    kwargs: dict[str, Any] = dict(
        contacts=contacts, links=[], interactions=[], today=date(2026, 11, 26)
    )
    plain = ranking.rank("toner empty", wins=[{**helped, "helped_by": [1]}], **kwargs)
    # A second win without the field at all (hand-edited data) must not break or count.
    lenient = ranking.rank(
        "toner empty", wins=[{**helped, "helped_by": [1]}, {**helped, "id": 2}], **kwargs
    )
    assert [p.reasons for p in lenient.people] == [p.reasons for p in plain.people]
    assert lenient.people[0].history == plain.people[0].history > 0
