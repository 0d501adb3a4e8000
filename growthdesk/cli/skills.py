"""`growthdesk skills`, `growthdesk skills suggest` and `growthdesk recall`."""

from __future__ import annotations

from typing import Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.layout import wrap
from growthdesk.cli.output import echo, emit_json, info, skill_areas, style
from growthdesk.core.i18n import _, language, ngettext, pgettext
from growthdesk.core.numbers import decimal

__all__ = ["skills_group", "recall_cmd"]


def _trend_mark(trend: str) -> str:
    marks = {
        "up": _("↑ up"),
        "down": _("↓ down"),
        "flat": _("→ flat"),
        "new": pgettext("trend", "★ new"),
        "none": "-",
    }
    return marks[trend]


def _text(value: str) -> str:
    if not value.strip():
        raise click.BadParameter(_("give a problem description"), param_hint="TEXT")
    return value


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def skills_group(ctx: click.Context, as_json: bool) -> None:
    """Skill areas with your win counts, last win and 90-day trend.

    The trend compares the last 90 days with the 90 days before.

    \b
    Examples:
      growthdesk skills
      growthdesk skills --json
      growthdesk skills suggest "printer op 2e verdieping offline"
    """
    if ctx.invoked_subcommand is not None:
        return
    from growthdesk.skills.summary import skill_summary
    from growthdesk.worklog.days import store_facts

    app = get_app()
    store = app.existing()  # the skill areas are worth seeing before the first win
    facts = store_facts(store)["rows"] if store else []  # the month summaries, not the shards
    rows = skill_summary([], app.now().date(), language(), rows=facts)
    if as_json:
        emit_json(rows)
        return
    from growthdesk.cli.layout import table, width

    head = [_("Skill area"), "id", _("wins"), _("last win"), _("90d"), _("prev"), _("trend")]
    cells = [
        [
            r["label"],
            r["skill"],
            str(r["count"]),
            r["last"] or "-",
            str(r["recent"]),
            str(r["previous"]),
            _trend_mark(r["trend"]),
        ]
        for r in rows
    ]
    wide = [len(max(column, key=len)) for column in zip(head, *cells, strict=True)]
    right = {2, 4, 5}
    if sum(wide) + 2 * (len(head) - 1) > width():  # too wide: the trend tells 90d and prev
        head, cells, right = head[:4] + head[6:], [c[:4] + c[6:] for c in cells], {2}
    first, *lines = table([head, *cells], flex=0, right=right, caps={1: 21})
    echo(style(first, bold=True))
    for line in lines:
        echo(line)


@skills_group.command("suggest")
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON: [{skill, score, label}, …].")
@click.option("--hint", default=None, help="Extra context, e.g. a ticket category.")
def suggest_cmd(text: tuple[str, ...], as_json: bool, hint: str | None) -> None:
    """Rank the skill areas for a problem description, best first.

    Uses your own hand-tagged wins as well as the built-in keywords.

    \b
    Examples:
      growthdesk skills suggest "kan niet inloggen na wachtwoord reset"
      growthdesk skills suggest printer on 3rd floor says offline --json
    """
    from growthdesk.skills import tagger
    from growthdesk.skills.labels import skill_label

    problem = _text(" ".join(text))
    store = get_app().existing()  # your hand-tagged wins, if there is a data folder yet
    ranked = tagger.suggest(problem, model=store.model("tagger") if store else None, hint=hint)
    rows: list[dict[str, Any]] = [
        {"skill": s, "score": score, "label": skill_label(s)} for s, score in ranked
    ]
    if as_json:
        emit_json(rows)
        return
    chosen, confident = tagger.decide(ranked)
    if not rows:
        info(_("No skill area recognised; add one by hand with --skill."))
        return
    for row in rows[:8]:
        mark = "*" if row["skill"] in chosen else " "
        echo(f"{mark} {decimal(row['score'], 2)}  {row['skill']:<21} {row['label']}")
    if confident:
        info(_("Would tag: {skills}", skills=skill_areas(chosen)))
    else:
        top = skill_areas(r["skill"] for r in rows[:3])
        n = len(rows[:3])
        info(
            ngettext(
                "No confident skill; the best guess is {top}.",
                "No confident skill; the top {n} are {top}.",
                n,
                top=top,
            )
        )


@click.command("recall")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="How many wins to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def recall_cmd(text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Your own past wins most like a problem, best first, with their solutions.

    Matches English and Dutch wording ("wachtwoord" finds "password").

    \b
    Examples:
      growthdesk recall "wachtwoord vergeten"
      growthdesk recall vpn drops at home --limit 3 --json
    """
    from growthdesk.core.records import Win
    from growthdesk.worklog.index import WinIndex
    from growthdesk.worklog.similar import Match, similar

    problem = _text(" ".join(text))
    hits: list[Match[Win]] = similar(problem, WinIndex(get_app().reader), limit=limit)
    if as_json:
        emit_json(
            [
                {
                    "id": m.win["id"],
                    "when": m.win["when"],
                    "problem": m.win["problem"],
                    "solution": m.win.get("solution"),
                    "skills": m.win.get("skills", []),
                    "score": m.score,
                    "why": m.why,
                }
                for m in hits
            ]
        )
        return
    if not hits:
        info(_("No similar wins yet."))
        return
    for m in hits:
        w = m.win
        why = "; ".join(m.why)  # what it shares, in words, instead of a raw score
        head = f"#{w['id']}  {w['when'][:10]}  "
        lines = wrap(f"{head}{w['problem']}  ({why})", hang="    ")
        if len(lines) == 1:  # the problem in bold when it is on one line
            lines[0] = (
                head + style(w["problem"], bold=True) + lines[0][len(head) + len(w["problem"]) :]
            )
        solution = w.get("solution")
        lines += wrap(
            _("solution: {text}", text=solution) if solution else _("no solution noted"),
            indent="    ",
        )
        for line in lines:
            echo(line)
