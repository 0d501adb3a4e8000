"""`growthdesk team init|publish|pull|list|leave`: the team's expert directory over git."""

from __future__ import annotations

import uuid
from typing import Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import echo, emit_json, info, style, warn
from growthdesk.cli.params import complete_skill
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _

__all__ = ["team_group"]


def _repo(must_exist: bool = True) -> Any:
    from growthdesk.team.repo import Repo, cache_of

    repo = Repo(cache_of(get_app().home))
    if must_exist and not repo.exists():
        raise InputError(_("no team set up; run growthdesk team init REMOTE first"))
    return repo


@click.group("team")
def team_group() -> None:
    """Share an expert directory with your team through a git repository you already run.

    Nothing is pushed without `team publish`; your git credentials are used, none are stored.

    \b
    Examples:
      growthdesk team init git@gitlab.example.com:servicedesk/directory.git
      growthdesk team publish --dry-run
      growthdesk team pull && growthdesk team list --skill vpn
    """


@team_group.command("init")
@click.argument("remote")
def team_init(remote: str) -> None:
    """Join the team directory at REMOTE (a git URL or a bare repository path).

    \b
    Examples:
      growthdesk team init https://gitea.example.com/servicedesk/directory.git
      growthdesk team init /mnt/share/directory.git
    """
    app = get_app()
    repo = _repo(must_exist=False)
    if not app.store.profile().get("agent_id"):
        with app.store.transaction(_("team init")) as tx:
            # Generated once: the card's file name, stable across renames.
            tx.set_profile({"agent_id": uuid.uuid4().hex})
    branch = repo.init(remote.strip())
    info(
        _(
            "Team directory set up (branch {b}). Publish your card with growthdesk team publish.",
            b=branch,
        )
    )


def _card(declare: tuple[str, ...], undeclare: tuple[str, ...]) -> dict[str, Any]:
    from growthdesk.network.contacts import parse_specialty
    from growthdesk.skills.validate import validate_skill
    from growthdesk.team.card import build_card
    from growthdesk.team.directory import load, own_card

    app = get_app()
    store = app.reader
    profile = store.profile()
    previous = own_card(load(_repo()), profile.get("agent_id"))
    declared = dict(previous["declared"]) if previous else {}
    for text in undeclare:
        declared.pop(validate_skill(text), None)
    for text in declare:
        skill, level = parse_specialty(text)
        declared[skill] = level
    return build_card(
        profile=profile,
        wins=store.wins(),
        learning=store.learning(),
        contacts=store.contacts(),
        declared=declared,
        today=app.now().date(),
    )


@team_group.command("publish")
@click.option("--declare", multiple=True, metavar="ID[:LEVEL]", help="Declare a specialty.")
@click.option("--undeclare", multiple=True, metavar="ID", help="Drop a declared specialty.")
@click.option(
    "--dry-run", is_flag=True, help="Print exactly what would be published; push nothing."
)
def team_publish(declare: tuple[str, ...], undeclare: tuple[str, ...], dry_run: bool) -> None:
    """Publish your card: name, role, skill levels from your own wins (last 12 months,
    rounded), declared specialties, certifications and the contacts you marked --share.
    Never win text, and never who helped you how often.

    \b
    Examples:
      growthdesk team publish --dry-run
      growthdesk team publish --declare remote_access:5
    """
    from growthdesk.team.card import card_path, encode

    repo = _repo()
    card = _card(declare, undeclare)
    data = encode(card)
    path = card_path(str(card["id"]))
    if dry_run:
        info(_("Would publish {p}:", p=path))
        click.echo(data.decode(), nl=False)
        return
    changed = repo.put(path, data, str(card["id"]), f"publish {path}")
    info(_("Published {p}.", p=path) if changed else _("Your card is already up to date."))


@team_group.command("pull")
def team_pull() -> None:
    """Fetch the team directory into the cache; bad cards are refused and named.

    \b
    Examples:
      growthdesk team pull
    """
    from growthdesk.team.directory import load

    repo = _repo()
    repo.fetch()
    directory = load(repo)
    for line in directory.refused:
        warn(_("refused {why}", why=line))
    info(_("{n} cards in the team directory.", n=len(directory.cards)))


@team_group.command("list")
@click.option(
    "--skill",
    help="Only teammates with this skill area (declared or from wins).",
    shell_complete=complete_skill,
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def team_list(skill: str | None, as_json: bool) -> None:
    """The team as last pulled.

    \b
    Examples:
      growthdesk team list
      growthdesk team list --skill remote_access --json
    """
    from growthdesk.skills.labels import skill_label
    from growthdesk.team.directory import load

    cards = load(_repo()).cards
    if skill is not None:
        from growthdesk.skills.validate import validate_skill

        sid = validate_skill(skill)
        cards = [c for c in cards if sid in c["declared"] or sid in c["areas"]]
    if as_json:
        emit_json(cards)
        return
    if not cards:
        echo(_("Nobody on the team yet (run growthdesk team pull)."))
        return
    for card in cards:
        role = f"  {card['role']}" if card.get("role") else ""
        echo(style(str(card["name"]), bold=True) + role)
        levels = {s: a["level"] for s, a in card["areas"].items()}
        for s, lvl in card["declared"].items():
            levels[s] = max(lvl, levels.get(s, 0))
        best = sorted(levels.items(), key=lambda sl: (-sl[1], sl[0]))[:5]
        if best:
            echo("  " + ", ".join(f"{skill_label(s)} {lvl}/5" for s, lvl in best))
        if card["contacts"]:
            echo("  " + _("{n} shared contacts", n=len(card["contacts"])))


@team_group.command("leave")
def team_leave() -> None:
    """Remove your card from the team directory and push.

    Git history keeps old versions of your card; an administrator can rewrite it on an
    erasure request (see the README).

    \b
    Examples:
      growthdesk team leave
    """
    from growthdesk.team.card import card_path

    agent_id = get_app().reader.profile().get("agent_id")
    if not agent_id:
        raise InputError(_("no team set up; run growthdesk team init REMOTE first"))
    path = card_path(str(agent_id))
    repo = _repo()
    removed = repo.put(path, None, str(agent_id), f"leave {path}")
    repo.set_member(False)
    info(
        _("Removed {p} from the team directory.", p=path)
        if removed
        else _("Your card was not in the team directory.")
    )
