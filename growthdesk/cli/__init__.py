"""The command-line layer: the only package that imports click and rich.

Commands are registered by name and imported on first use, so ``growthdesk --help`` and
``growthdesk log`` never pay for networkx, rich or date parsing they do not need.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from growthdesk import __version__
from growthdesk.cli.params import NoRepeats, check_argv, strict

__all__ = ["cli", "main", "COMMANDS"]

# name -> (module, attribute, short help). The short help lives here so that listing
# commands in --help imports none of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "log": ("growthdesk.cli.wins", "log_cmd", "Log a solved problem in one line."),
    "wins": ("growthdesk.cli.wins", "wins_group", "List, show, edit, remove or retag wins."),
    "undo": (
        "growthdesk.cli.maintenance",
        "undo_cmd",
        "Undo the last change (repeat to go further).",
    ),
    "doctor": (
        "growthdesk.cli.maintenance",
        "doctor_cmd",
        "Check the store and restore from backups.",
    ),
    "skills": (
        "growthdesk.cli.skills",
        "skills_group",
        "Skill areas with your counts; suggest tags.",
    ),
    "recall": ("growthdesk.cli.skills", "recall_cmd", "Your own past wins most like a problem."),
    "contact": ("growthdesk.cli.contacts", "contact_group", "Colleagues and vendor contacts."),
    "event": ("growthdesk.cli.contacts", "event_group", "Vendor, training and meetup events."),
    "ask": ("growthdesk.cli.network", "ask_cmd", "Whom to ask about a problem, and why."),
    "network": ("growthdesk.cli.network", "network_group", "Stale contacts; export the graph."),
    "learn": ("growthdesk.cli.career", "learn_group", "Log learning: blogs, courses, labs, certs."),
    "profile": ("growthdesk.cli.career", "profile_group", "Show or set your profile."),
    "path": ("growthdesk.cli.career", "path_cmd", "Career analysis: tracks, gaps and a plan."),
    "kudos": ("growthdesk.cli.dashboard", "kudos_group", "Record and list thanks from end users."),
    "stats": ("growthdesk.cli.dashboard", "stats_cmd", "Dashboard of your wins and growth."),
    "review": ("growthdesk.cli.dashboard", "review_cmd", "Brag document for a performance review."),
    "demo": ("growthdesk.cli.demo", "demo_cmd", "Try growthdesk on a realistic sample home."),
    "export": (
        "growthdesk.cli.transfer",
        "export_cmd",
        "Export everything (JSON) or a table (CSV).",
    ),
    "import": ("growthdesk.cli.transfer", "import_cmd", "Import from ticket systems or a backup."),
    "query": ("growthdesk.cli.assist", "query_cmd", "The search query for a problem, no names."),
    "plain": ("growthdesk.cli.assist", "plain_cmd", "Jargon check; what-happens-next message."),
    "howto": ("growthdesk.cli.assist", "howto_cmd", "How-to drafts for your repeat problems."),
    "team": ("growthdesk.cli.team", "team_group", "Share an expert directory with your team."),
    "completion": (
        "growthdesk.cli.completion",
        "completion_cmd",
        "Shell completion script (bash, zsh, fish).",
    ),
}

# click's completion protocol: the shell script calls us back with this set (see cli.completion).
COMPLETE_VAR = "_GROWTHDESK_COMPLETE"


class LazyGroup(NoRepeats, click.Group):
    """Imports each command on first use and turns domain errors into one-line messages.

    The command-line rules of cli.params start here: the whole command line is checked for
    bytes that are not UTF-8 and control characters, and every command loaded gets NoRepeats.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:  # shell completion only offers words: nothing to refuse
            check_argv(args, ctx)
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # One variable whatever the program is called (a test runner names it "cli").
        kwargs.setdefault("complete_var", COMPLETE_VAR)
        if os.environ.get(kwargs["complete_var"]):
            import growthdesk.cli.completion  # noqa: F401 - registers its bash quoting
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr, _help = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attr)
        return strict(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][2]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from growthdesk.core.errors import GrowthdeskError
        from growthdesk.core.text import printable

        try:
            return super().invoke(ctx)
        except GrowthdeskError as exc:
            # The one place where domain errors become user messages (which may quote data:
            # printable, like everything cli.output prints).
            raise click.ClickException(printable(str(exc))) from None
        except (
            click.exceptions.Exit,
            click.ClickException,
            click.Abort,
            KeyboardInterrupt,
            BrokenPipeError,  # `growthdesk stats | head`: main() exits quietly
        ):
            raise
        except OSError as exc:
            if os.environ.get("GROWTHDESK_DEBUG"):
                raise
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise click.ClickException(printable(f"{exc.strerror or exc}{where}")) from None
        except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
            if os.environ.get("GROWTHDESK_DEBUG"):
                raise
            damage = _store_damage(ctx)  # a damaged record, not our bug: name it
            if damage is not None:
                raise click.ClickException(printable(str(damage))) from None
            raise click.ClickException(
                printable(
                    f"internal error: {type(exc).__name__}: {exc} "
                    "(set GROWTHDESK_DEBUG=1 for details)"
                )
            ) from None


def _store_damage(ctx: click.Context) -> Exception | None:
    from growthdesk.cli.app import App

    app = ctx.obj
    try:
        return app.damage() if isinstance(app, App) else None
    except Exception:  # noqa: BLE001 - the check must not hide the first failure
        return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Data folder (default: $GROWTHDESK_HOME, then your user data folder).",
)
@click.version_option(__version__, prog_name="growthdesk")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """growthdesk: turn your solved tickets into growth.

    \b
    Examples:
      growthdesk log "reset MFA for new hire" --minutes 6
      growthdesk wins --since "last monday"
      growthdesk ask "VPN token keeps failing"
    """
    from growthdesk.cli.app import App
    from growthdesk.core.i18n import _

    if home is not None and not home.strip():
        # Not "no option": an empty --home would quietly fall back to the default data folder.
        raise click.BadParameter(_("the data folder cannot be empty"), param_hint="'--home'")
    if ctx.obj is None:
        ctx.obj = App(home=home)
    elif home is not None:
        ctx.obj.set_home(home)
    ctx.call_on_close(ctx.obj.close)  # end the store's read session with the command


def main() -> None:
    import gc

    # A command lives for well under a second and builds tens of thousands of small dicts from
    # JSON; the cyclic GC only slows that down (10-25% measured on 25,000 wins).
    gc.disable()
    try:
        cli(prog_name="growthdesk")
    except BrokenPipeError:
        # Piped into `head`: stop quietly, like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
