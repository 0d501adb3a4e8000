"""The network as a NetworkX graph: me, contacts, links; tie strength and recency on the edges.

networkx costs ~0.3 s to import, so it is imported inside the functions that need it and this
module is only reached from `ask` and `network …`. One edge builder (_edges) feeds both the
networkx graph that `network export` writes and the heapq Dijkstra that `ask` runs without
networkx; the tie maths and the stale list need no networkx either.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Interaction, Link, Win

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ME",
    "GraphParams",
    "days_since",
    "tie_value",
    "build_graph",
    "adjacency",
    "dijkstra",
    "reach_from",
    "REACH_CUTOFF",
    "stale_contacts",
    "STALE_INTERVAL_DAYS",
    "export_graph",
    "EXPORT_FORMATS",
]

ME = "me"
REACH_CUTOFF = -math.log(1e-3)
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "dot")

# How often you should talk to someone before the tie counts as fading, by tie strength.
# A close colleague (5) you'd normally talk to monthly; a once-met vendor (1) yearly is fine.
STALE_INTERVAL_DAYS: dict[int, int] = {5: 30, 4: 60, 3: 90, 2: 180, 1: 365}


@dataclass(frozen=True)
class GraphParams:
    """tau: recency time constant of a direct tie (days); gamma: factor per extra hop."""

    tau_days: float = 180.0
    gamma: float = 0.5


def days_since(contact: Mapping[str, Any], today: date) -> int | None:
    """Days since you last talked (last_contact, else when you added them), None if unknown."""
    stamp = contact.get("last_contact") or contact.get("created")
    if not stamp:
        return None
    try:
        day = date.fromisoformat(str(stamp)[:10])
    except ValueError:
        return None
    return max(0, (today - day).days)


def tie_value(strength: int | None, days: int | None, tau_days: float = 180.0) -> float:
    """tie = strength/5 · exp(−days/τ) in (0, 1]; unknown recency counts as one τ old."""
    if not strength:
        return 0.0
    age = tau_days if days is None else max(0, days)
    return max(1e-9, min(1.0, (strength / 5.0) * math.exp(-age / tau_days)))


def _help_history(wins: Sequence[Win]) -> dict[int, dict[str, Any]]:
    """Per contact id: how often they helped, on which skills, and when last."""
    out: dict[int, dict[str, Any]] = {}
    for win in wins:
        helpers = win.get("helped_by") or []
        if not helpers:
            continue
        day = str(win.get("when", ""))[:10]
        for raw in helpers:
            entry = out.setdefault(int(raw), {"helped": 0, "helped_skills": {}, "last_helped": ""})
            entry["helped"] += 1
            for skill in win.get("skills") or []:
                entry["helped_skills"][skill] = entry["helped_skills"].get(skill, 0) + 1
            if day > entry["last_helped"]:
                entry["last_helped"] = day
    return out


def build_graph(
    contacts: Sequence[Contact],
    links: Sequence[Link],
    wins: Sequence[Win] | None = None,
    *,
    today: date,
    params: GraphParams = GraphParams(),
) -> nx.Graph:
    """An undirected graph for export: node "me" plus one node per contact id, and the edges of
    _edges (the same that `ask` walks) with their strength, tie and cost."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_node(ME, label=_("me"), kind="me")
    history = _help_history(wins or [])
    for contact in contacts:
        cid = int(contact["id"])
        help_info = history.get(cid, {"helped": 0, "helped_skills": {}, "last_helped": ""})
        graph.add_node(
            cid,
            label=contact.get("name", ""),
            kind=contact.get("kind", "colleague"),
            org=contact.get("org"),
            specialties=dict(contact.get("specialties") or {}),
            strength=contact.get("strength"),
            last_contact=contact.get("last_contact"),
            days=days_since(contact, today),
            do_not_ask=bool(contact.get("do_not_ask")),
            helped=help_info["helped"],
            helped_skills=help_info["helped_skills"],
            last_helped=help_info["last_helped"] or None,
        )
    for a, b, cost, tie, record in _edges(contacts, links, today, params):
        strength = int(record.get("strength") or 3)
        if a == ME:
            days = graph.nodes[b]["days"]
            graph.add_edge(ME, b, strength=strength, days=days, tie=tie, cost=cost, kind="direct")
        elif not graph.has_edge(a, b) or cost < graph[a][b]["cost"]:
            # Of parallel links the cheapest counts, as in adjacency().
            note = record.get("note", "")
            graph.add_edge(a, b, strength=strength, tie=tie, cost=cost, note=note, kind="link")
    return graph


# (a, b, cost, tie, the contact or link record it comes from); a flat tuple, as `ask` builds
# 10,000 of them.
Edge = tuple[Any, int, float, float, Contact | Link]


def _edges(
    contacts: Sequence[Contact],
    links: Sequence[Link],
    today: date,
    params: GraphParams,
) -> list[Edge]:
    """The one edge builder: every direct tie (me, contact), then every usable link (parallel
    links included), with cost = −log(tie), plus −log(γ) for the extra hop of a link. The
    cheapest path is then the best introduction and exp(−cost) is directly the reach.

    Dangling and self links are dropped: they never break `ask` or the export.
    """
    known: set[int] = set()
    out: list[Edge] = []
    tau = params.tau_days
    for contact in contacts:
        cid = int(contact["id"])
        known.add(cid)
        strength = contact.get("strength")
        if strength:
            tie = tie_value(int(strength), days_since(contact, today), tau)
            out.append((ME, cid, -math.log(tie), tie, contact))
    log_gamma = -math.log(params.gamma)
    # A link's tie depends only on its strength (1-5): compute each value once, keyed by the
    # stored value so there is no int() per link (10,000 links at `ask` time).
    by_strength: dict[Any, tuple[float, float]] = {}
    for link in links:
        a, b = int(link["a"]), int(link["b"])
        if a == b or a not in known or b not in known:
            continue
        raw = link.get("strength")
        value = by_strength.get(raw)
        if value is None:
            tie = max(1e-9, min(1.0, int(raw or 3) / 5.0))
            value = by_strength[raw] = (-math.log(tie) + log_gamma, tie)
        out.append((a, b, value[0], value[1], link))
    return out


def adjacency(
    contacts: Sequence[Contact],
    links: Sequence[Link],
    today: date,
    params: GraphParams = GraphParams(),
) -> dict[Any, dict[Any, float]]:
    """node -> {neighbour: cost} over _edges, the cheapest of parallel links, neighbours in the
    order their edges were first added (as networkx orders them, which settles Dijkstra's ties
    the same way)."""
    adj: dict[Any, dict[Any, float]] = {}
    for a, b, cost, _tie, _record in _edges(contacts, links, today, params):
        near_a = adj.get(a)
        if near_a is None:
            near_a = adj[a] = {}
        old = near_a.get(b)
        if old is None or cost < old:
            # An update keeps the neighbour's first position, as dict and networkx both do.
            near_a[b] = cost
            near_b = adj.get(b)
            if near_b is None:
                near_b = adj[b] = {}
            near_b[a] = cost
    return adj


def dijkstra(
    adj: Mapping[Any, Mapping[Any, float]], source: Any = ME, cutoff: float | None = None
) -> tuple[dict[Any, float], dict[Any, list[Any]]]:
    """(distances, paths) from *source*, like nx.single_source_dijkstra(G, source, cutoff).

    Plain heapq, no networkx import (~0.3 s) on the `ask` path. Same algorithm as networkx:
    the heap holds (distance, insertion counter, node), a node's path is fixed by the last
    strictly shorter distance found, and nodes farther than *cutoff* are left out; so on the
    same adjacency order it returns the same distances and the same paths, ties included.
    tests/test_dijkstra.py checks it against networkx on random graphs.
    """
    dist: dict[Any, float] = {}
    seen: dict[Any, float] = {source: 0.0}
    pred: dict[Any, Any] = {}
    counter = 0
    fringe: list[tuple[float, int, Any]] = [(0.0, 0, source)]
    push, pop = heapq.heappush, heapq.heappop
    limit = math.inf if cutoff is None else cutoff
    while fringe:
        d, _c, v = pop(fringe)
        if v in dist:
            continue
        dist[v] = d
        for u, cost in adj.get(v, {}).items():
            vu = d + cost
            if vu > limit or u in dist:
                continue
            old = seen.get(u)
            if old is None or vu < old:
                seen[u] = vu
                counter += 1
                push(fringe, (vu, counter, u))
                pred[u] = v
    # dist is in settling order, so every predecessor's path exists before it is needed.
    paths: dict[Any, list[Any]] = {source: [source]}
    for v in dist:
        if v != source:
            paths[v] = [*paths[pred[v]], v]
    return dist, paths


def reach_from(
    contacts: Sequence[Contact],
    links: Sequence[Link],
    today: date,
    params: GraphParams = GraphParams(),
) -> dict[Any, tuple[float, list[Any]]]:
    """node -> (R, path from me): R = exp(−distance), the product of the ties on the best path
    times γ per extra hop. Nodes with no path, or weaker than 1/1000, are absent."""
    # Paths weaker than 1/1000 cannot change a score (β dominates): stop the search there.
    dist, paths = dijkstra(adjacency(contacts, links, today, params), ME, REACH_CUTOFF)
    return {node: (math.exp(-d), paths[node]) for node, d in dist.items() if node != ME}


def stale_contacts(
    contacts: Sequence[Contact],
    interactions: Sequence[Interaction],
    today: date,
) -> list[dict[str, Any]]:
    """Direct contacts overdue for a chat, most overdue first.

    The interval depends on tie strength (STALE_INTERVAL_DAYS); the clock restarts at the latest
    of last_contact and any logged interaction (asked, helped, met, chat).
    """
    latest: dict[int, str] = {}
    for inter in interactions:
        cid = int(inter["contact"])
        day = str(inter.get("when", ""))[:10]
        if day > latest.get(cid, ""):
            latest[cid] = day
    out: list[dict[str, Any]] = []
    for contact in contacts:
        strength = contact.get("strength")
        if not strength or contact.get("do_not_ask"):
            continue  # known only via someone, or deliberately not asked: nothing to keep warm
        cid = int(contact["id"])
        stamps = [
            s for s in (str(contact.get("last_contact") or "")[:10], latest.get(cid, "")) if s
        ]
        last = max(stamps) if stamps else None
        probe = {"last_contact": last, "created": contact.get("created")}
        days = days_since(probe, today)
        if days is None:
            continue
        interval = STALE_INTERVAL_DAYS.get(int(strength), 90)
        if days > interval:
            out.append(
                {
                    "id": cid,
                    "name": contact["name"],
                    "strength": int(strength),
                    "last_contact": last,
                    "days": days,
                    "interval": interval,
                    "overdue": days - interval,
                }
            )
    out.sort(key=lambda r: (-(r["days"] / r["interval"]), r["name"]))
    return out


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def _flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy with string node ids and scalar attributes only: GraphML/GEXF cannot hold dicts,
    lists or None."""
    import networkx as nx

    flat = nx.Graph()

    def key(node: Any) -> str:
        return ME if node == ME else f"c{node}"

    def scalar(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, dict):
            return ",".join(f"{k}:{v}" for k, v in sorted(value.items()))
        if isinstance(value, (list, tuple)):
            return ",".join(str(v) for v in value)
        return value

    for node, attrs in graph.nodes(data=True):
        # A missing value is left out rather than written as "": readers type each attribute
        # from its declared type, and "" is not an int.
        flat.add_node(key(node), **{k: scalar(v) for k, v in attrs.items() if v is not None})
    for a, b, attrs in graph.edges(data=True):
        flat.add_edge(key(a), key(b), **{k: scalar(v) for k, v in attrs.items() if v is not None})
    return flat


def _dot_quote(value: Any) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _to_dot(graph: nx.Graph) -> str:
    """Graphviz DOT written by hand (no pygraphviz/pydot needed); every id and value quoted."""
    lines = ["graph growthdesk {", "  node [shape=box];"]
    for node, attrs in graph.nodes(data=True):
        body = ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {_dot_quote(node)} [{body}];")
    for a, b, attrs in graph.edges(data=True):
        body = ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {_dot_quote(a)} -- {_dot_quote(b)} [{body}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_graph(graph: nx.Graph, fmt: str) -> bytes:
    """The graph in *fmt* (graphml, gexf, json node-link, dot) as bytes, ready to write."""
    import io

    import networkx as nx

    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            _(
                "unknown export format '{fmt}' (choose from {allowed})",
                fmt=fmt,
                allowed=", ".join(EXPORT_FORMATS),
            )
        )
    flat = _flat_graph(graph)
    if fmt == "dot":
        return _to_dot(flat).encode()
    if fmt == "json":
        import orjson

        data = nx.node_link_data(flat, edges="links")
        return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer)
    else:
        nx.write_gexf(flat, buffer)
    return buffer.getvalue()
