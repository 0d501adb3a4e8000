"""`growthdesk demo`: a realistic sample home in a fresh folder, the dashboard, and what to try next."""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import echo, info
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.numbers import integer

__all__ = ["demo_cmd", "DEFAULT_SEED"]

DEFAULT_SEED = 7


@click.command("demo")
@click.option(
    "--home",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the sample (must be new or empty). Default: a new temporary folder.",
)
@click.option(
    "--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Same seed, same sample."
)
def demo_cmd(target: Path | None, seed: int) -> None:
    """Try growthdesk on a realistic sample: an agent 18 months into the helpdesk.

    Builds the sample in a fresh folder (never your own data), shows the dashboard and lists
    commands to try on it.

    \b
    Examples:
      growthdesk demo
      growthdesk demo --home ~/growthdesk-demo --seed 3
    """
    from growthdesk.cli.dashboard import render_dashboard
    from growthdesk.core.errors import InputError
    from growthdesk.reporting import demo, stats

    if target is None:
        # `growthdesk --home DIR demo` means DIR too; $GROWTHDESK_HOME never does, because it
        # usually points at the user's real data.
        explicit = click.get_current_context().find_root().params.get("home")
        target = Path(explicit) if explicit else None
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="growthdesk-demo-"))
    else:
        target = target.expanduser()
        if target.exists() and any(target.iterdir()):
            raise InputError(
                _(
                    "{target} is not empty; the demo only fills a new or empty folder.",
                    target=target,
                )
            )
    app = get_app()
    now = app.now()
    app.set_home(target)
    store = app.store
    info(_("Building the demo sample (seed {seed}) in {target} …", seed=seed, target=target))
    counts = demo.build(store, seed, now)

    # Exactly what `growthdesk stats` shows on the new home.
    render_dashboard(stats.dashboard_for(store, now).to_dict())

    home = shlex.quote(str(target))
    gd = f"growthdesk --home {home}"
    echo()
    from growthdesk.cli.layout import wrap

    echo(_("Demo home: {home}", home=target))
    summary = _(
        "{wins} over 18 months, {contacts}, {events}, {learning}, {kudos}.",
        wins=ngettext("{count} win", "{count} wins", counts["wins"], count=integer(counts["wins"])),
        contacts=ngettext("{n} contact", "{n} contacts", counts["contacts"]),
        events=ngettext("{n} event", "{n} events", counts["events"]),
        learning=ngettext("{n} learning entry", "{n} learning entries", counts["learning"]),
        kudos=ngettext("{n} kudos", "{n} kudos", counts["kudos"]),
    )
    for line in wrap(summary, indent="  "):
        echo(line)
    echo("\n" + _("Try next:"))
    question = _("VPN keeps disconnecting when working from home")
    for cmd, why in (
        (f"{gd} ask {shlex.quote(question)}", _("whom to ask, and why")),
        (f"{gd} path", _("career analysis and plan")),
        (f"{gd} stats --period quarter", _("the dashboard over 3 months")),
        (f"{gd} review --format html -o review.html", _("brag document for your review")),
        (f"{gd} wins --contains {shlex.quote(_('printer'))}", _("search your wins")),
        (f"{gd} network stale", _("contacts you are losing touch with")),
    ):
        echo(f"  {cmd}\n      {why}")
    echo("\n" + _("Or for this shell: export GROWTHDESK_HOME={home}", home=home))
