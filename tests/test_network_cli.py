"""`growthdesk network stale` and `network export` (graphml, gexf, json, dot)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from click.testing import Result


@pytest.fixture
def net(invoke: Callable[..., Result]) -> Callable[..., Result]:
    # Fixed now: 2026-11-26 (conftest).
    invoke(
        "contact", "add", "Ana de Vries", "--strength", "5", "--specialty", "network_connectivity:4"
    )
    invoke(
        "contact",
        "add",
        'Dev "VPN" Patel',
        "--kind",
        "vendor",
        "--org",
        "Cisco & Co <nl>",
        "--via",
        "Ana de Vries",
    )
    invoke("contact", "add", "Kim", "--strength", "1")
    invoke(
        "event",
        "add",
        "Meetup",
        "--kind",
        "meetup",
        "--date",
        "2026-09-01",
        "--met",
        "Ana de Vries",
    )
    invoke(
        "event", "add", "Old con", "--kind", "conference", "--date", "2025-01-10", "--met", "Kim"
    )
    return invoke


def test_stale_by_strength_and_reset_by_interaction(net: Callable[..., Result]) -> None:
    # Ana (tie 5, every 30 days) last met 86 days ago; Kim (tie 1, every 365 days) 685 days ago.
    result = net("network", "stale")
    assert result.exit_code == 0
    # Most overdue relative to the interval first: 86/30 before 685/365.
    assert result.stdout.splitlines() == [
        "Ana de Vries: 86 days since 2026-09-01 (tie 5/5, every 30 days; 56 days overdue)",
        "Kim: 685 days since 2025-01-10 (tie 1/5, every 365 days; 320 days overdue)",
    ]
    rows = json.loads(net("network", "stale", "--json").stdout)
    assert [(r["name"], r["interval"]) for r in rows] == [("Ana de Vries", 30), ("Kim", 365)]
    net("contact", "touch", "ana", "--kind", "chat", "--when", "2026-11-01")
    assert [r["name"] for r in json.loads(net("network", "stale", "--json").stdout)] == ["Kim"]
    net("contact", "touch", "kim", "--kind", "asked")
    result = net("network", "stale")
    assert result.stdout == "" and result.stderr == "Nobody is going stale. Nice.\n"


def test_export_graphml_and_gexf_read_back(net: Callable[..., Result], tmp_path: Path) -> None:
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"net.{fmt}"
        result = net("network", "export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0 and result.stderr == f"Wrote 4 nodes and 3 edges to {out}\n"
        graph = reader(out)
        labels = {graph.nodes[n].get("label") for n in graph.nodes}
        assert labels == {"me", "Ana de Vries", 'Dev "VPN" Patel', "Kim"}
        assert graph.number_of_edges() == 3


def test_export_json_node_link(net: Callable[..., Result]) -> None:
    data = json.loads(net("network", "export", "--format", "json").stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {"me", "c1", "c2", "c3"}
    assert nodes["c1"]["specialties"] == "network_connectivity:4"
    edges = {(e["source"], e["target"]): e for e in data["links"]}
    assert edges[("me", "c1")]["strength"] == 5 and edges[("c1", "c2")]["kind"] == "link"
    assert ("me", "c2") not in edges  # known only via Ana


def test_export_dot_escapes_quotes(net: Callable[..., Result]) -> None:
    text = net("network", "export", "--format", "dot").stdout
    assert text.startswith("graph growthdesk {\n") and text.endswith("}\n")
    assert 'label="Dev \\"VPN\\" Patel"' in text
    assert 'org="Cisco & Co <nl>"' in text
    assert '"me" -- "c1"' in text and '"c1" -- "c2"' in text
    # Every attribute line is balanced: an odd number of unescaped quotes would break Graphviz.
    for line in text.splitlines()[2:-1]:
        assert line.replace('\\"', "").count('"') % 2 == 0, line


def test_export_bad_format(net: Callable[..., Result]) -> None:
    result = net("network", "export", "--format", "png")
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.stderr


def test_network_help_has_examples(invoke: Callable[..., Result]) -> None:
    for sub in ["stale", "export"]:
        assert "Example" in invoke("network", sub, "--help").stdout
    assert "Example" in invoke("network", "--help").stdout
