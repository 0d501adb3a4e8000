"""`growthdesk log` and `growthdesk wins …`: the daily job, kept fast (no rich, no networkx)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import (
    confirm,
    echo,
    emit_json,
    info,
    interactive,
    no_pager_option,
    paged,
    skill_areas,
    style,
    warn,
)
from growthdesk.cli.params import (
    ID,
    Minutes,
    complete_contact,
    complete_skill,
    complete_win_id,
)
from growthdesk.core.i18n import _, ngettext, pgettext
from growthdesk.core.numbers import decimal

if TYPE_CHECKING:
    from growthdesk.network.lookup import AmbiguousNameError
    from growthdesk.store import Store

__all__ = ["log_cmd", "wins_group"]


def _choose_skills(ranked: list[tuple[str, float]]) -> list[str]:
    """Below the confidence threshold: offer the top 3, ask on a terminal, never guess."""
    top = ranked[:3]
    if not top:
        warn(_("no confident skill; add one later with `growthdesk wins edit ID --skill ID`"))
        return []
    n = len(top)
    from growthdesk.skills.labels import skill_label

    if not interactive():
        listing = ", ".join(
            f"{i}) {skill_label(s, short=True)} {decimal(score, 2)}"
            for i, (s, score) in enumerate(top, 1)
        )
        warn(
            ngettext(
                "no confident skill (best guess: {listing}); set one with --skill",
                "no confident skill (top {n}: {listing}); set one with --skill",
                n,
                listing=listing,
            )
        )
        return []
    info(ngettext("No confident skill. Best guess:", "No confident skill. Top {n}:", n))
    for i, (skill, score) in enumerate(top, 1):
        info(f"  {i}) {skill}  {skill_label(skill)}  {decimal(score, 2)}")
    return _ask_skill([s for s, _score in top])


_ASKS = 5  # then give up: a script feeding a "terminal" must not loop forever


def _ask_skill(top: list[str]) -> list[str]:
    """Ask until the answer is a number from the list, skill ids or names (comma-separated), or
    empty (skip)."""
    from growthdesk.core.text import printable
    from growthdesk.skills.labels import find_skill

    question = ngettext(
        "Pick 1, type a skill id or name, or press Enter to skip",
        "Pick 1-{n}, type a skill id or name, or press Enter to skip",
        len(top),
    )
    for _attempt in range(_ASKS):
        answer = click.prompt(question, default="", show_default=False, err=True).strip()
        if not answer:
            return []
        picked = []
        for part in (p.strip() for p in answer.split(",")):
            if part.isdigit() and 1 <= int(part) <= len(top):
                picked.append(top[int(part) - 1])
            elif (skill := find_skill(part)) is not None:
                picked.append(skill)
            else:
                info(
                    _(
                        "'{answer}' is not a number from the list, a skill id or a skill name",
                        answer=printable(part),
                    )
                )
                break
        else:
            return list(dict.fromkeys(picked))
    warn(_("no skill picked; add one later with `growthdesk wins edit ID --skill ID`"))
    return []


def _ask_text() -> tuple[str, ...]:
    """`log` without TEXT: ask for it on a terminal (kept out of the shell history), else the
    usage error a missing argument always gave."""
    ctx = click.get_current_context()
    if not interactive():
        param = next(p for p in ctx.command.params if p.name == "text")
        raise click.MissingParameter(ctx=ctx, param=param)
    return (click.prompt(_("What did you solve?"), err=True, value_proc=_not_blank),)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise click.UsageError(_("type what you solved (Ctrl-D stops)"))
    return value


def _describe(win: Mapping[str, Any], target: int) -> str:
    when = win["when"][:16].replace("T", " ")
    minutes = win.get("minutes")
    parts = [style(f"#{win['id']}", bold=True), when]
    if minutes is not None:
        hit = minutes <= target
        parts.append(style(_("{n} min", n=minutes), fg="green" if hit else "yellow"))
    return "  ".join(parts)


@click.command("log")
# Not required=True: with no TEXT a person at a terminal is asked for it (see _ask_text).
@click.argument("text", nargs=-1, metavar="TEXT...")
@click.option(
    "--minutes", "-m", type=Minutes(), help="Time it took: 90, 1h30, 1:30, 1,5u (at most 24 hours)."
)
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Skill area id (repeatable); auto-tagged if absent.",
    shell_complete=complete_skill,
)
@click.option(
    "--helped-by",
    "helpers",
    multiple=True,
    metavar="NAME",
    help="Who helped (repeatable).",
    shell_complete=complete_contact,
)
@click.option("--ticket", "-t", help="Ticket reference, e.g. INC0012345.")
@click.option(
    "--when", "-w", "when", help="When it was solved: ISO date or 'gisteren 14:00', 'last friday'."
)
@click.option("--solution", help="What fixed it.")
@click.option(
    "--for-user",
    "solution_plain",
    metavar="TEXT",
    help="The solution in plain words, as you explained it to the user.",
)
@click.option(
    "--for",
    "requester",
    metavar="NAME",
    help="The end user or department it was for (personal data: not exported unless asked).",
)
@click.option("--tag", "tags", multiple=True, help="Free tag (repeatable).")
@click.option("--escalated", is_flag=True, help="It had to be escalated.")
@click.option(
    "--new",
    "new_helpers",
    is_flag=True,
    help="A --helped-by name is someone new, though it looks like an existing contact.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the stored win as JSON.")
def log_cmd(
    text: tuple[str, ...],
    minutes: int | None,
    skills: tuple[str, ...],
    helpers: tuple[str, ...],
    ticket: str | None,
    when: str | None,
    solution: str | None,
    solution_plain: str | None,
    requester: str | None,
    tags: tuple[str, ...],
    escalated: bool,
    new_helpers: bool,
    as_json: bool,
) -> None:
    """Log a solved problem in one line. With no TEXT, on a terminal, it asks for the text,
    which then stays out of your shell history (names of colleagues and users included).

    \b
    Examples:
      growthdesk log "reset MFA for new hire" --minutes 6
      growthdesk log "printer 3e verdieping offline" -m 12 --when gisteren
      growthdesk log "VPN token out of sync" -s remote_access --helped-by Ana
      growthdesk log "password reset" --for Finance --solution "reset in AD"
      growthdesk log "password reset" --for-user "New password set; change it"
    """
    from growthdesk.core.text import printable
    from growthdesk.network.lookup import AmbiguousNameError
    from growthdesk.worklog import wins
    from growthdesk.worklog.profile import target_of

    text = text or _ask_text()
    app = get_app()
    now = app.now()
    store = app.store
    target = target_of(store.profile())  # before the commit: a command that wrote exits 0
    draft = wins.prepare(
        " ".join(text),
        now=now,
        when=app.when(when),
        minutes=minutes,
        skills=skills,
        helped_by=helpers,
        ticket=ticket,
        solution=solution,
        tags=tags,
        escalated=escalated,
        model=store.model("tagger") if not skills else None,
        requester=requester,
        solution_plain=solution_plain,
    )
    if not draft.confident:
        draft.pick(_choose_skills(draft.ranked))
    try:
        win = wins.add(store, draft, now=now, new_helpers=new_helpers)
    except AmbiguousNameError as exc:
        if not interactive():
            raise
        question = printable(_("Did you mean '{c}'?", c=exc.candidates[0]))
        if exc.several:  # 'ana' fits two Anas: which one?
            chosen = _pick_one(exc)
            draft.helpers = [chosen if h == exc.name else h for h in draft.helpers]
            win = wins.add(store, draft, now=now)
        elif confirm(question, default=True):
            draft.helpers = [exc.candidates[0] if h == exc.name else h for h in draft.helpers]
            win = wins.add(store, draft, now=now)
        else:
            win = wins.add(store, draft, now=now, allow_new_close=True)
    _say_created(draft.created_contacts)
    _warn_repeat_ticket(store, win["ticket"], exclude=win["id"])
    if as_json:
        emit_json(wins.public(win))
        return
    echo(_("Logged win {desc}", desc=_describe(win, target)))
    scores = dict(draft.ranked)
    if win["skills"]:
        auto = win["skills_source"] == "auto"
        shown = skill_areas(
            win["skills"],
            extra={s: f"({decimal(scores[s], 2)})" for s in win["skills"] if auto and s in scores},
        )
        how = _("auto-tagged") if win["skills_source"] == "auto" else _("set by you")
        echo("  " + _("skills: {skills}  [{how}]", skills=shown, how=how))


def _source_word(source: str) -> str:
    return pgettext("win source", "manual") if source == "manual" else source


def _warn_repeat_ticket(store: Store, ticket: str | None, *, exclude: int | None = None) -> None:
    """A ticket reference logged before is most likely the same ticket twice: say so."""
    if not ticket or not store.win_months():
        return
    from growthdesk.worklog.wins import wins_with_ticket

    earlier = wins_with_ticket(store, ticket, exclude=exclude)
    if earlier:
        ids = ", ".join(f"#{w['id']}" for w in earlier)
        warn(_("ticket {ticket} is already logged as win {ids}", ticket=ticket, ids=ids))


def _pick_one(exc: AmbiguousNameError) -> str:
    """The '#id' of the contact the user picks among those an ambiguous name fits."""
    from growthdesk.core.text import printable

    listing = ", ".join(
        f"{n}) #{i} {name}"
        for n, (i, name) in enumerate(zip(exc.ids, exc.candidates, strict=True), 1)
    )
    info(printable(_("'{name}' fits {listing}", name=exc.name, listing=listing)))
    choice = click.prompt(
        _("Pick 1-{n}, or press Enter to cancel", n=len(exc.ids)),
        default="",
        show_default=False,
        err=True,
    )
    if not (choice.strip().isdigit() and 1 <= int(choice) <= len(exc.ids)):
        raise exc
    return f"#{exc.ids[int(choice) - 1]}"


def _say_created(names: Sequence[str]) -> None:
    """A helper new to the store was added as a contact: never silently."""
    for name in names:
        info(
            _(
                "Added contact {name} (colleague); `growthdesk contact edit` fills in more",
                name=name,
            )
        )


def _print_rows(rows: Sequence[Mapping[str, Any]], target: int) -> None:
    from growthdesk.cli.layout import table

    cells = [
        [
            f"#{w['id']}",
            w["when"][:16].replace("T", " "),
            "" if w.get("minutes") is None else f"{w['minutes']} min",
            skill_areas(w.get("skills", []), short=True, first=True),
            w["problem"],
        ]
        for w in rows
    ]

    def minutes(cell: str) -> str:
        return style(cell, fg="green" if int(cell.split()[0]) <= target else "yellow")

    paint = {0: lambda c: style(c, bold=True), 2: minutes, 3: lambda c: style(c, fg="cyan")}
    for line in table(cells, right={2}, caps={3: 24}, paint=paint, flex_min=27, squeeze=[3]):
        echo(line)


@click.group("wins", invoke_without_command=True)
@click.option("--since", help="From this day on (ISO or 'last monday').")
@click.option("--until", help="Up to and including this day.")
@click.option("--skill", help="Only wins tagged with this skill id.", shell_complete=complete_skill)
@click.option("--contains", help="Text to look for (accent- and case-insensitive).")
@click.option("--ticket", "-t", metavar="REF", help="Only wins with this ticket reference.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@no_pager_option
@click.pass_context
def wins_group(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    skill: str | None,
    contains: str | None,
    ticket: str | None,
    limit: int,
    as_json: bool,
    no_pager: bool,
) -> None:
    """List your wins, newest first; or show, edit, remove and retag them.

    \b
    Examples:
      growthdesk wins --since "last monday" --skill printing
      growthdesk wins --contains vpn --json
      growthdesk wins --ticket INC0012345
      growthdesk wins show 12
    """
    if ctx.invoked_subcommand is not None:
        return
    from growthdesk.worklog import wins

    app = get_app()
    store = app.reader
    rows = wins.query(
        store,
        since=app.day(since),
        until=app.day(until),
        skill=skill,
        contains=contains,
        limit=limit,
        ticket=ticket,
    )
    if as_json:
        emit_json([wins.public(w) for w in rows])
    elif not rows and (since or until or skill or contains or ticket) and store.win_months():
        info(_("No wins match these filters."))
    elif not rows:
        info(_("No wins yet."))
    else:
        from growthdesk.worklog.profile import target_of

        target = target_of(store.profile())
        with paged(not no_pager):
            _print_rows(rows, target)


@wins_group.command("show")
@click.argument("win_id", type=ID, shell_complete=complete_win_id)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show_cmd(win_id: int, as_json: bool) -> None:
    """Show every field of one win.

    \b
    Example:
      growthdesk wins show 12
    """
    from growthdesk.worklog.wins import public

    store = get_app().reader
    win = store.win(win_id)
    if as_json:
        emit_json(public(win))
        return
    names = {c["id"]: c["name"] for c in store.contacts()} if win.get("helped_by") else {}
    source = win.get("skills_source", "auto")
    # The stored values, shown as words of the interface language (English: as stored).
    sources = {
        "auto": pgettext("skills source", "auto"),
        "manual": pgettext("skills source", "manual"),
    }
    fields = [
        (_("when"), win["when"]),
        (_("problem"), win["problem"]),
        (_("solution"), win.get("solution") or "-"),
        *(
            [(pgettext("win field", "plain"), win["solution_plain"])]
            if win.get("solution_plain")
            else []
        ),
        *([(pgettext("requester", "for"), win["requester"])] if win.get("requester") else []),
        (
            _("skills"),
            f"{skill_areas(win.get('skills', []))} ({sources.get(source, source)})",
        ),
        (_("minutes"), win.get("minutes") if win.get("minutes") is not None else "-"),
        (
            _("helped by"),
            ", ".join(names.get(i, f"#{i}") for i in win.get("helped_by", [])) or "-",
        ),
        (_("ticket"), win.get("ticket") or "-"),
        (_("tags"), ", ".join(win.get("tags", [])) or "-"),
        (_("escalated"), _("yes") if win.get("escalated") else _("no")),
        (_("source"), _source_word(win.get("source", "manual"))),
    ]
    echo(style(_("Win #{id}", id=win["id"]), bold=True))
    from growthdesk.cli.layout import wrap

    width = max(10, *(len(key) + 1 for key, _value in fields))
    for key, value in fields:
        for line in wrap(f"  {key:<{width}} {value}", hang=" " * (width + 3)):
            echo(line)


@wins_group.command("edit")
@click.argument("win_id", type=ID, shell_complete=complete_win_id)
@click.option("--text", help="New problem text.")
@click.option("--minutes", "-m", type=Minutes(), help="New time taken: 90, 1h30, 1:30, 1,5u.")
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Replace the skills (repeatable); teaches the tagger.",
    shell_complete=complete_skill,
)
@click.option(
    "--helped-by",
    "helpers",
    multiple=True,
    metavar="NAME",
    help="Replace who helped.",
    shell_complete=complete_contact,
)
@click.option("--ticket", help="New ticket reference.")
@click.option("--when", "when", help="New date/time.")
@click.option("--solution", help="New solution text.")
@click.option(
    "--for-user", "solution_plain", metavar="TEXT", help="The solution in plain words ('' clears)."
)
@click.option("--for", "requester", metavar="NAME", help="Whom it was for ('' clears).")
@click.option("--tag", "tags", multiple=True, help="Replace the tags (repeatable).")
@click.option("--escalated/--not-escalated", default=None, help="Mark as escalated or not.")
def edit_cmd(
    win_id: int,
    text: str | None,
    minutes: int | None,
    skills: tuple[str, ...],
    helpers: tuple[str, ...],
    ticket: str | None,
    when: str | None,
    solution: str | None,
    tags: tuple[str, ...],
    escalated: bool | None,
    solution_plain: str | None = None,
    requester: str | None = None,
) -> None:
    """Change a win. Skills set here correct the auto-tagger.

    \b
    Examples:
      growthdesk wins edit 12 --minutes 25
      growthdesk wins edit 12 --skill printing --skill hardware
      growthdesk wins edit 12 --for-user "I updated the old driver of your laptop"
    """
    from growthdesk.worklog import wins
    from growthdesk.worklog.profile import target_of

    app = get_app()
    target = target_of(app.reader.profile())  # before the commit: a command that wrote exits 0
    created: list[str] = []
    win = wins.edit(
        app.reader,
        win_id,
        now=app.now(),
        text=text,
        when=app.when(when),
        minutes=minutes,
        skills=skills or None,
        ticket=ticket,
        solution=solution,
        tags=tags or None,
        escalated=escalated,
        helped_by=helpers or None,
        requester=requester,
        solution_plain=solution_plain,
        created_contacts=created,
    )
    _say_created(created)
    echo(_("Updated win {desc}", desc=_describe(win, target)))
    if ticket is not None:
        _warn_repeat_ticket(app.reader, win.get("ticket"), exclude=win_id)


@wins_group.command("rm")
@click.argument(
    "win_ids", nargs=-1, required=True, type=ID, metavar="ID...", shell_complete=complete_win_id
)
def rm_cmd(win_ids: tuple[int, ...]) -> None:
    """Remove wins, all in one step (`growthdesk undo` brings them back).

    An unknown id removes nothing at all.

    \b
    Examples:
      growthdesk wins rm 12
      growthdesk wins rm 9 10 11
    """
    from growthdesk.worklog import wins

    for win in wins.remove_many(get_app().reader, win_ids):
        echo(_("Removed win #{id}: {text}", id=win["id"], text=win["problem"]))


@wins_group.command("retag")
@click.option(
    "--from",
    "old",
    required=True,
    metavar="SKILL",
    help="The skill area to replace.",
    shell_complete=complete_skill,
)
@click.option(
    "--to",
    "new",
    required=True,
    metavar="SKILL",
    help="The skill area it becomes.",
    shell_complete=complete_skill,
)
@click.option("--contains", help="Only wins whose text contains this.")
@click.option("--since", help="Only wins from this day on (ISO or 'last monday').")
@click.option("--dry-run", is_flag=True, help="List what would change; change nothing.")
def retag_cmd(old: str, new: str, contains: str | None, since: str | None, dry_run: bool) -> None:
    """Move wins from one skill area to another, in one undoable step.

    The wins count as tagged by hand, so the tagger learns the new area for text like theirs.

    \b
    Examples:
      growthdesk wins retag --from printing --to hardware --dry-run
      growthdesk wins retag --from printing --to hardware --contains toner
      growthdesk wins retag --from printing --to hardware --since 2026-11-01
    """
    from growthdesk.core.i18n import ngettext
    from growthdesk.skills.labels import skill_label
    from growthdesk.worklog import retag

    app = get_app()
    planned = retag.plan(app.reader, old=old, new=new, contains=contains, since=app.day(since))
    if not planned.changes:
        info(_("No wins tagged {skill} match.", skill=skill_label(planned.old)))
        return
    from growthdesk.cli.layout import table

    cells = [
        [
            f"#{c.win['id']}",
            c.win["when"][:10],
            f"{skill_areas(c.before, short=True)} -> {skill_areas(c.after, short=True)}",
            c.win["problem"],
        ]
        for c in planned.changes
    ]
    paint = {0: lambda c: style(c, bold=True), 2: lambda c: style(c, fg="cyan")}
    for line in table(cells, caps={2: 34}, paint=paint, flex_min=29, squeeze=[2]):
        echo(line)
    n = len(planned.changes)
    if dry_run:
        info(
            ngettext(
                "Would retag {n} win (dry run: nothing changed).",
                "Would retag {n} wins (dry run: nothing changed).",
                n,
            )
        )
        return
    retag.apply(app.reader, planned, now=app.now())
    info(
        ngettext(
            "Retagged {n} win; `growthdesk undo` takes it back.",
            "Retagged {n} wins; `growthdesk undo` takes them back.",
            n,
        )
    )
