"""The pure-Python Dijkstra `ask` uses must agree with networkx, and the graph `network export`
writes must be the graph `ask` walks (both come from graph._edges)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.network import graph as g

TODAY = date(2026, 11, 26)

# A few repeated costs make equal-length paths (ties) common; arbitrary floats cover the rest.
COSTS = st.one_of(
    st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0]),
    st.floats(min_value=0.0, max_value=10.0, allow_nan=False),
)


@st.composite
def weighted_graphs(draw: st.DrawFn) -> dict[tuple[Any, Any], float]:
    """Edge costs over "me" plus nodes 0..n-1, possibly disconnected, in a random order."""
    n = draw(st.integers(1, 12))
    nodes: list[Any] = [g.ME, *range(n)]
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    return {pair: draw(COSTS) for pair in chosen}


def path_cost(adj: dict[Any, dict[Any, float]], path: list[Any]) -> float:
    return sum(adj[a][b] for a, b in zip(path, path[1:], strict=False))


def nx_graph(costs: dict[tuple[Any, Any], float]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_node(g.ME)
    graph.add_weighted_edges_from(((a, b, c) for (a, b), c in costs.items()), weight="cost")
    return graph


def adjacency_of(graph: nx.Graph) -> dict[Any, dict[Any, float]]:
    """The graph's own adjacency (and neighbour order) as dijkstra() takes it."""
    return {n: {m: attrs["cost"] for m, attrs in graph.adj[n].items()} for n in graph}


@settings(max_examples=300, deadline=None)
@given(weighted_graphs(), st.one_of(st.none(), st.floats(0.0, 15.0)))
def test_dijkstra_agrees_with_networkx(
    costs: dict[tuple[Any, Any], float], cutoff: float | None
) -> None:
    graph = nx_graph(costs)
    adj = adjacency_of(graph)
    dist, paths = g.dijkstra(adj, g.ME, cutoff)
    nx_dist, nx_paths = nx.single_source_dijkstra(graph, g.ME, cutoff=cutoff, weight="cost")
    assert set(dist) == set(nx_dist) == set(paths)
    for node, d in dist.items():
        assert d == pytest.approx(nx_dist[node], abs=1e-12)
        if cutoff is not None:
            assert d <= cutoff
        path = paths[node]
        assert path[0] == g.ME and path[-1] == node and len(set(path)) == len(path)
        # Ties may be broken either way in principle; the cost must be the optimum.
        assert path_cost(adj, path) == pytest.approx(d, abs=1e-9)
        assert path_cost(adj, nx_paths[node]) == pytest.approx(d, abs=1e-9)


def test_dijkstra_source_only_and_unknown_source() -> None:
    assert g.dijkstra({}, g.ME) == ({g.ME: 0.0}, {g.ME: [g.ME]})
    adj = {g.ME: {1: 1.0}, 1: {g.ME: 1.0}, 2: {3: 0.5}, 3: {2: 0.5}}
    dist, paths = g.dijkstra(adj, g.ME)
    assert dist == {g.ME: 0.0, 1: 1.0} and paths[1] == [g.ME, 1]


def test_dijkstra_cutoff_is_inclusive_like_networkx() -> None:
    adj = adjacency_of(nx_graph({(g.ME, 1): 1.0, (1, 2): 1.0, (2, 3): 0.5}))
    assert set(g.dijkstra(adj, g.ME, cutoff=2.0)[0]) == {g.ME, 1, 2}
    assert set(g.dijkstra(adj, g.ME, cutoff=1.999)[0]) == {g.ME, 1}


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Contacts (some direct, some known only via others) and links, dangling ones included."""
    n = draw(st.integers(1, 15))
    contacts = []
    for cid in range(1, n + 1):
        strength = draw(st.one_of(st.none(), st.integers(1, 5)))
        days = draw(st.one_of(st.none(), st.integers(0, 900)))
        contacts.append(
            {
                "id": cid,
                "name": f"C{cid}",
                "strength": strength,
                "last_contact": None
                if days is None
                else (TODAY - timedelta(days=days)).isoformat(),
                "created": "2025-01-01T09:00:00+01:00",
            }
        )
    ends = st.integers(1, n + 2)  # n+1, n+2: links to contacts that do not exist
    links = [
        {"id": i, "a": a, "b": b, "strength": s, "note": ""}
        for i, (a, b, s) in enumerate(
            draw(st.lists(st.tuples(ends, ends, st.one_of(st.none(), st.integers(1, 5))))), 1
        )
    ]
    return contacts, links


@settings(max_examples=200, deadline=None)
@given(networks(), st.sampled_from([0.3, 0.5, 0.8]), st.sampled_from([30.0, 180.0]))
def test_reach_from_agrees_with_networkx_on_the_exported_graph(
    network: tuple[list[dict[str, Any]], list[dict[str, Any]]], gamma: float, tau: float
) -> None:
    """`ask`'s reach (no networkx) against networkx's Dijkstra over build_graph's graph."""
    contacts, links = network
    params = g.GraphParams(tau_days=tau, gamma=gamma)
    pure = g.reach_from(contacts, links, TODAY, params)
    full = g.build_graph(contacts, links, None, today=TODAY, params=params)
    dist, _paths = nx.single_source_dijkstra(full, g.ME, cutoff=g.REACH_CUTOFF, weight="cost")
    assert set(pure) == set(dist) - {g.ME}
    for node, (r, path) in pure.items():
        assert r == pytest.approx(math.exp(-dist[node]), rel=1e-12)
        assert path[0] == g.ME and path[-1] == node
        cost = sum(full[a][b]["cost"] for a, b in zip(path, path[1:], strict=False))
        assert math.exp(-cost) == pytest.approx(r, rel=1e-9)
    # Same edges, costs and neighbour order (the tie-breaking) in both.
    adj = g.adjacency(contacts, links, TODAY, params)
    assert adj == {n: nbrs for n, nbrs in adjacency_of(full).items() if nbrs}
    assert all(list(adj[n]) == list(full.adj[n]) for n in adj)
    for a, b in full.edges:
        assert full[a][b]["tie"] == pytest.approx(
            math.exp(-full[a][b]["cost"]) / (1.0 if a == g.ME or b == g.ME else gamma), rel=1e-9
        )
