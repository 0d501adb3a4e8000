"""`growthdesk ask` and `growthdesk network stale|export`."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.layout import wrap
from growthdesk.cli.output import ListWhenBare, echo, emit_json, info, style
from growthdesk.cli.params import complete_skill
from growthdesk.core.dates import show_day
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.numbers import decimal

__all__ = ["ask_cmd", "network_group"]

# network.contacts.CONTACT_KINDS (tests/test_help.py holds them equal), not imported: `ask`
# would pay ~8 ms for a module it does not otherwise need.
_KINDS = ("colleague", "vendor", "trainer", "community")


def _win_json(win: Mapping[str, Any], score: float) -> dict[str, Any]:
    return {
        "id": win["id"],
        "when": win.get("when"),
        "problem": win.get("problem"),
        "solution": win.get("solution"),
        "skills": win.get("skills", []),
        "score": round(score, 4),
    }


def _sureness(confidence: float) -> str:
    return _("sure") if confidence >= 0.85 else _("fairly sure")


def _reading_json(result: Any) -> dict[str, Any]:
    reading = result.reading
    scores = dict(reading.scores) if reading else {}
    weights = reading.weights if reading else []
    return {
        "confidence": reading.confidence if reading else 0.0,
        "sure": bool(reading and reading.sure),
        "reading": reading.source if reading else "none",
        "areas": [
            {
                "skill": s,
                "role": "primary" if n == 0 else "secondary",
                "weight": round(w, 3),
                "score": scores.get(s),
            }
            for n, (s, w) in enumerate(weights)
        ],
    }


def _echo_people(people: list[Any]) -> None:
    for n, person in enumerate(people, 1):
        tag = "" if person.direct else "  " + _("[introduction]")
        if person.away_until:
            tag += "  " + _("[away]")
        score = _("score {score}", score=decimal(person.score, 2))
        echo(f"{n}. {style(person.name, bold=True)}  {score}{tag}")
        for reason in person.reasons:
            _say(f"     - {reason}", hang=" " * 7)
        for caution in person.cautions:
            _say(f"     ! {caution}", hang=" " * 7)


def _say(text: str, hang: str = "  ") -> None:
    """One line of `ask`, wrapped to the screen under its own indent."""
    for line in wrap(text, hang=hang):
        echo(line)


def _echo_reading(result: Any) -> None:
    from growthdesk.skills.labels import skill_label

    reading = result.reading
    if reading is None or not reading.weights:
        echo(_("Skill areas: none recognised (try more specific words)"))
        return
    primary = skill_label(reading.weights[0][0])
    weaker = ", ".join(skill_label(s) for s, _w in reading.weights[1:])
    if reading.source == "given":
        echo(_("Skill area: {area} (given by you)", area=primary))
    elif result.by_area:
        areas = _(" or ").join(skill_label(a.skill) for a in result.by_area)
        _say(_("Skill area: not sure, it could be {areas}.", areas=areas))
        echo(_("  People for each area below; --skill ID picks one."))
        return
    elif not reading.sure:
        _say(_("Skill area: {area}? Not sure: little in the text points to it.", area=primary))
        echo(_("  --skill ID picks another area."))
    else:
        echo(_("Skill area: {area} ({sure})", area=primary, sure=_sureness(reading.confidence)))
    if weaker:
        _say(_("  weaker evidence: {areas}", areas=weaker), hang="    ")


@click.command("ask")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="How many people to suggest.",
)
@click.option("--kind", type=click.Choice(_KINDS), help="Only this kind of contact.")
@click.option(
    "--skill",
    "-s",
    help="The skill area id it is about (the tagger is not asked).",
    shell_complete=complete_skill,
)
@click.option(
    "--team/--no-team",
    default=None,
    help="Rank teammates and their shared contacts too (default: once you joined a team).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def ask_cmd(
    text: tuple[str, ...],
    top: int,
    kind: str | None,
    skill: str | None,
    team: bool | None,
    as_json: bool,
) -> None:
    """Whom to ask about a problem: people with reasons and introduction paths, and your own
    similar past wins. When the skill area is unclear, people for each likely area.

    \b
    Examples:
      growthdesk ask "VPN token keeps failing after the AnyConnect update"
      growthdesk ask "printer op 2e verdieping print niet" --top 3 --json
      growthdesk ask "Citrix session freezes" --team
      growthdesk ask "new laptop for Jan" --skill hardware
    """
    from growthdesk.network.ranking import ask
    from growthdesk.worklog.index import WinIndex

    app = get_app()
    store = app.reader
    question = " ".join(text)
    if skill is not None:
        from growthdesk.skills.validate import validate_skill

        skill = validate_skill(skill)
    result = ask(
        question,
        contacts=store.contacts(),
        links=store.links(),
        wins=WinIndex(store),  # the month summaries: only shards with matches are parsed
        interactions=store.interactions(),
        events=store.events(),
        today=app.now().date(),
        top=top,
        kind=kind,
        model=store.model("tagger") if skill is None else None,
        skill=skill,
    )
    if team is not False:
        from growthdesk.team.directory import add_team

        contacts = store.contacts()
        agent_id = store.profile().get("agent_id")
        add_team(result, app.home, contacts, agent_id, top=top, kind=kind, required=bool(team))
    if as_json:
        emit_json(
            {
                "skills": [s for s, _v in result.skills],
                **_reading_json(result),
                "people": [p.as_json() for p in result.people],
                "away": [p.name for p in result.people if p.away_until],
                "by_area": [
                    {
                        "skill": a.skill,
                        "score": a.score,
                        "people": [p.as_json() for p in a.people],
                    }
                    for a in result.by_area
                ],
                "similar_wins": [
                    _win_json(m.win, m.score) | {"why": m.why} for m in result.similar_wins
                ],
                "hints": result.hints,
                "search_query": result.search_query,
            }
        )
        return
    from growthdesk.skills.labels import skill_label

    _echo_reading(result)
    if result.by_area:
        for area in result.by_area:
            echo("")
            echo(style(_("Whom to ask about {area}", area=skill_label(area.skill)), bold=True))
            if area.people:
                _echo_people(area.people)
            else:
                echo(_("  nobody in your network yet"))
    elif result.people:
        echo("")
        echo(style(_("Whom to ask"), bold=True))
        _echo_people(result.people)
    else:
        echo("")
        echo(_("Nobody in your network matches this yet. Where to look:"))
        for hint in result.hints:
            for line in wrap(f"  - {hint}", hang="    "):
                echo(line)
    if result.skipped_do_not_ask:
        shown = result.skipped_do_not_ask[:3]
        more = len(result.skipped_do_not_ask) - len(shown)
        info(
            _("Skipped (do not ask): {names}", names=", ".join(shown))
            + (_(" and {n} more", n=more) if more else "")
        )
    if result.similar_wins:
        echo("")
        echo(style(_("You solved similar problems before"), bold=True))
        for match in result.similar_wins:
            win = match.win
            line = f"  #{win['id']} {str(win.get('when', ''))[:10]}  {win.get('problem', '')}"
            if win.get("solution"):
                line += f"  → {win['solution']}"
            for part in [
                *wrap(line, hang="      "),
                *wrap(f"({'; '.join(match.why)})", indent="      "),
            ]:
                echo(part)
    if result.search_query:
        echo("")
        echo(style(_("Search the web with:"), bold=True) + f" {result.search_query}")


@click.group("network", cls=ListWhenBare, bare="stale")
def network_group() -> None:
    """Your network: a picture of it, who you are losing touch with (a bare `network`); export
    the graph.

    \b
    Examples:
      growthdesk network show -o network.svg
      growthdesk network stale
      growthdesk network export -o network.graphml
    """


_PICTURE_SUFFIXES = {".svg": "svg", ".png": "png", ".html": "html", ".htm": "html"}
_EXPORT_SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".dot": "dot",
    ".gv": "dot",
}


def _format_of(output: str | None, known: Mapping[str, str], option: str) -> str | None:
    """The format an -o file's extension names; None without -o; a usage error for another."""
    if output is None:
        return None
    import os.path

    suffix = os.path.splitext(output)[1].lower()
    if suffix in known:
        return known[suffix]
    raise click.UsageError(
        _(
            "cannot tell the format from '{file}': give {option} or a file ending in {suffixes}",
            file=output,
            option=option,
            suffixes=", ".join(known),
        )
    )


@network_group.command("show")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (default: stdout); its extension gives the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["svg", "png", "html"]),
    default=None,
    help="Default: from -o's extension, else svg. png needs Graphviz.",
)
@click.option(
    "--skill",
    metavar="ID",
    help="Only people with this specialty or who helped you on it.",
    shell_complete=complete_skill,
)
def network_show(output: str | None, fmt: str | None, skill: str | None) -> None:
    """A picture of your network: you, your contacts and their links, coloured by specialty,
    sized by how often they helped you, fading ties dashed. Drawn by Graphviz when it is
    installed, else by growthdesk itself (a self-contained SVG).

    \b
    Examples:
      growthdesk network show -o network.svg
      growthdesk network show --skill remote_access -o vpn-people.html
      growthdesk network show --format png -o network.png
    """
    from growthdesk.network import picture
    from growthdesk.skills.labels import labels
    from growthdesk.skills.validate import validate_skill

    fmt = fmt or _format_of(output, _PICTURE_SUFFIXES, "--format") or "svg"
    if output is None and fmt == "png" and sys.stdout.isatty():
        raise click.UsageError(_("a PNG is not for the terminal: add -o FILE"))
    app = get_app()
    store = app.reader
    wanted = validate_skill(skill) if skill else None
    from growthdesk.core.i18n import language

    pic = picture.build_picture(
        store.contacts(),
        store.links(),
        store.wins(),
        store.interactions(),
        app.now().date(),
        skill=wanted,
        labels=labels(language()),
    )
    data, program = picture.draw(pic, fmt)
    drawn = _("drawn by {program}", program=program) if program else _("drawn by growthdesk")
    if output:
        from growthdesk.io.files import write_output

        write_output(output, data)
        info(
            _(
                "Wrote {file} ({fmt}, {people}, {links}; {drawn})",
                file=output,
                fmt=fmt,
                people=ngettext("{n} person", "{n} people", len(pic.nodes)),
                links=ngettext("{n} tie", "{n} ties", len(pic.edges)),
                drawn=drawn,
            )
        )
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@network_group.command("stale")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def network_stale(as_json: bool) -> None:
    """Contacts you are losing touch with (the interval grows as the tie weakens:
    strength 5 every 30 days … strength 1 every 365). Any logged interaction resets it.

    \b
    Examples:
      growthdesk network stale
      growthdesk contact touch ana --note "coffee"   # resets Ana's clock
    """
    from growthdesk.network.graph import stale_contacts

    app = get_app()
    store = app.reader
    rows = stale_contacts(store.contacts(), store.interactions(), app.now().date())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        info(_("Nobody is going stale. Nice."))
        return
    for r in rows:
        last = show_day(r["last_contact"]) if r["last_contact"] else _("never")
        name = str(r["name"])
        since = ngettext("{n} day since {last}", "{n} days since {last}", r["days"], last=last)
        every = ngettext("every {n} day", "every {n} days", r["interval"])
        overdue = ngettext("{n} day overdue", "{n} days overdue", r["overdue"])
        text = f"{name}: {since} " + _(
            "(tie {strength}/5, {every}; {overdue})",
            strength=r["strength"],
            every=every,
            overdue=overdue,
        )
        first, *more = wrap(text, hang="  ")
        echo(style(name, bold=True) + first[len(name) :] if first.startswith(name) else first)
        for line in more:
            echo(line)


@network_group.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "dot"]),
    help="Default: from -o's extension (.graphml, .gexf, .json, .dot or .gv).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (default: stdout).",
)
def network_export(fmt: str | None, output: str | None) -> None:
    """Export the network graph for Gephi (gexf, graphml), yEd (graphml) or Graphviz (dot).

    \b
    Examples:
      growthdesk network export -o network.gexf
      growthdesk network export --format dot | dot -Tsvg > network.svg
    """
    from growthdesk.network.graph import build_graph, export_graph

    if fmt is None:
        if output is not None and output.lower().endswith(tuple(_PICTURE_SUFFIXES)):
            raise click.UsageError(
                _("for a picture use `growthdesk network show -o {file}`", file=output)
            )
        fmt = _format_of(output, _EXPORT_SUFFIXES, "--format")
    if fmt is None:
        raise click.UsageError(_("give --format (graphml, gexf, json, dot) or -o FILE"))

    app = get_app()
    store = app.reader
    graph = build_graph(store.contacts(), store.links(), store.wins(), today=app.now().date())
    data = export_graph(graph, fmt)
    if output:
        from growthdesk.io.files import write_output

        write_output(output, data)
        nodes = ngettext("{n} node", "{n} nodes", graph.number_of_nodes())
        edges = ngettext("{n} edge", "{n} edges", graph.number_of_edges())
        info(_("Wrote {nodes} and {edges} to {output}", nodes=nodes, edges=edges, output=output))
    elif sys.stdout.isatty():
        echo(data.decode(), nl=False)  # for a person: no control characters from the data
    else:
        sys.stdout.buffer.write(data)  # for a program: the bytes as exported
        sys.stdout.flush()
