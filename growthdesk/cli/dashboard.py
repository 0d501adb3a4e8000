"""`growthdesk kudos`, `growthdesk stats` and `growthdesk review`: thin parse-call-render layers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import (
    DefaultToAdd,
    bar,
    cut,
    echo,
    emit_json,
    info,
    no_pager_option,
    paged,
    paint,
    percent,
    skill_areas,
    style,
    use_color,
)
from growthdesk.cli.params import ID, complete_win_id
from growthdesk.core.dates import show_day, show_range, show_recent
from growthdesk.core.i18n import _, ngettext, pgettext
from growthdesk.core.numbers import decimal, hours, integer
from growthdesk.core.words import learning_kind

__all__ = ["kudos_group", "stats_cmd", "review_cmd", "render_dashboard"]


# ---------------------------------------------------------------- kudos


@click.group("kudos", cls=DefaultToAdd)
def kudos_group() -> None:
    """Record an end user's thanks (optionally tied to a win); list (a bare `kudos`), edit or
    remove them.

    \b
    Examples:
      growthdesk kudos "Thanks for fixing my VPN!" --from "Mia (HR)" --win 412
      growthdesk kudos "Bedankt voor de snelle hulp" --when gisteren
      growthdesk kudos list --json
      growthdesk kudos edit 3 --win 412
    """


# kudos add and kudos edit take the same --win.
_win_option = click.option(
    "--win",
    "win",
    type=ID,
    metavar="ID",
    help="The win it thanks you for.",
    shell_complete=complete_win_id,
)


@kudos_group.command("add")
@click.argument("text", nargs=-1, required=True)
@click.option("--from", "from_", metavar="WHO", help="Who said it (free text).")
@_win_option
@click.option("--when", "-w", help="When: ISO date or 'gisteren', 'last friday'.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored kudos as JSON.")
def kudos_add(
    text: tuple[str, ...], from_: str | None, win: int | None, when: str | None, as_json: bool
) -> None:
    """Record an end user's thanks.

    \b
    Examples:
      growthdesk kudos add "Printer works again, you saved me" --from Piet
      growthdesk kudos "Top geholpen!" --win 37
    """
    from growthdesk.worklog.kudos import add_kudos

    app = get_app()
    now = app.now()
    moment = app.when(when) if when else now
    record = add_kudos(app.store, " ".join(text), when=moment, now=now, from_=from_, win=win)
    if as_json:
        emit_json(record)
        return
    extra = []
    if record["from"]:
        extra.append(_("from {who}", who=record["from"]))
    if record["win"]:
        extra.append(_("for win #{id}", id=record["win"]))
    echo(
        _("Recorded kudos {id}", id=style("#" + str(record["id"]), bold=True))
        + (f" ({', '.join(extra)})" if extra else "")
    )


@kudos_group.command("list")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=None,
    help="At most this many (newest first).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def kudos_list(limit: int | None, as_json: bool) -> None:
    """List recorded kudos, newest first.

    \b
    Examples:
      growthdesk kudos list
      growthdesk kudos list -n 5 --json
    """
    from growthdesk.worklog.kudos import list_kudos

    rows = list_kudos(get_app().reader.kudos())
    if limit is not None:
        rows = rows[:limit]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        info(_('No kudos yet. Record one with: growthdesk kudos "Thanks!" --from NAME'))
        return
    from growthdesk.cli.layout import wrap

    for k in rows:
        who = k.get("from") or _("an end user")
        win = "  " + _("(win #{id})", id=k["win"]) if k.get("win") else ""
        mark = f"#{k['id']}"
        head = f"{mark} {str(k['when'])[:10]}  "
        first, *more = wrap(f"{head}{k['note']}  — {who}{win}", hang=" " * len(head))
        echo(style(mark, bold=True) + first[len(mark) :])
        for line in more:
            echo(line)


@kudos_group.command("edit")
@click.argument("kudos_id", type=ID, metavar="ID")
@click.option("--text", help="New text.")
@click.option("--from", "from_", metavar="WHO", help="Who said it ('' clears it).")
@_win_option
@click.option("--no-win", is_flag=True, help="Not tied to a win any more.")
@click.option("--when", "-w", help="When: ISO date or 'gisteren', 'last friday'.")
def kudos_edit(
    kudos_id: int,
    text: str | None,
    from_: str | None,
    win: int | None,
    no_win: bool,
    when: str | None,
) -> None:
    """Change a kudos (`growthdesk undo` takes the change back).

    \b
    Examples:
      growthdesk kudos edit 3 --from "Mia (Finance)"
      growthdesk kudos edit 3 --win 412
    """
    from growthdesk.core.errors import InputError
    from growthdesk.worklog import kudos

    if win is not None and no_win:
        raise InputError(_("--win and --no-win cannot go together"))
    app = get_app()
    changes: dict[str, Any] = {}
    if from_ is not None:
        changes["from_"] = from_ or None
    if win is not None or no_win:
        changes["win"] = win
    record = kudos.edit_kudos(
        app.reader, kudos_id, now=app.now(), note=text, when=app.when(when), **changes
    )
    echo(_("Updated kudos #{id}", id=record["id"]))


@kudos_group.command("rm")
@click.argument("kudos_ids", nargs=-1, required=True, type=ID, metavar="ID...")
def kudos_rm(kudos_ids: tuple[int, ...]) -> None:
    """Remove kudos, all in one step (`growthdesk undo` brings them back).

    An unknown id removes nothing at all.

    \b
    Examples:
      growthdesk kudos rm 3
      growthdesk kudos rm 3 4
    """
    from growthdesk.worklog import kudos

    for record in kudos.remove_kudos(get_app().reader, kudos_ids):
        echo(_("Removed kudos #{id}: {note}", id=record["id"], note=record["note"]))


# ---------------------------------------------------------------- stats


def _period_text(period: str) -> str:
    texts = {
        "week": _("Last 7 days"),
        "month": _("Last 30 days"),
        "quarter": _("Last 91 days"),
        "year": _("Last 365 days"),
        "all": _("All time"),
    }
    return texts[period]


WIDTH = 80


def _delta(now: float | None, before: float | None, *, pct_points: bool = False) -> str:
    """'+12%' style change text, or '' when there is nothing to compare."""
    if now is None or before is None:
        return ""
    if pct_points:
        diff = round((now - before) * 100)
        return _("{diff:+d} pts", diff=diff) if diff else _("0 pts")
    if before == 0:
        return pgettext("change", "new") if now else ""
    change = round((now - before) / before * 100)
    return f"{change:+d}%" if change else "0%"


def _fixed(value: float | None) -> str:
    return "-" if value is None else decimal(value)


def _minutes(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{decimal(value, 0) if value == int(value) else decimal(value)}m"


def _plain(text: str, **_style: Any) -> str:
    return text


def _repeat_call_lines(calls: dict[str, Any], period: str, paint: Callable[..., str]) -> list[str]:
    """Repeat calls (log --for), kindly: counts and problems, never who; a how-to offer."""
    import textwrap

    when = {
        "week": _("this week"),
        "month": _("this month"),
        "quarter": _("this quarter"),
        "year": _("this year"),
    }.get(period, _("in this period"))
    head = ngettext(
        "{calls} repeat calls from {n} person {when}, all handled",
        "{calls} repeat calls from {n} people {when}, all handled",
        int(calls["people"]),
        calls=calls["calls"],
        when=when,
    )
    lines = [paint(_("Coming back"), bold=True), "  " + head]
    problems = _("the same problem: {titles}", titles="; ".join(calls["problems"]))
    lines += textwrap.wrap(problems, WIDTH - 2, initial_indent="  ", subsequent_indent="    ")
    lines.append(paint("  " + _("a how-to saves them the call: growthdesk howto"), dim=True))
    return lines


def dashboard_lines(
    data: dict[str, Any], *, unicode_ok: bool = True, paint: Callable[..., str] = _plain
) -> list[str]:
    """The dashboard as lines of at most 80 columns; *paint* adds colour (output.paint or none)."""
    import textwrap

    a = lambda u, plain: u if unicode_ok else plain  # noqa: E731 - tiny local helper
    cur, prev = data["current"], data["previous"]
    target = data["target_minutes"]
    out: list[str] = []
    title = f"{_period_text(data['period'])} ({show_range(cur['start'], cur['end'])})"
    if prev:
        title = _("{title}, compared with the same length before", title=title)
    # a longer language must not spill past the width: the title wraps
    out += [paint(line, bold=True) for line in textwrap.wrap(title, WIDTH)] + [""]

    def row(label: str, value: str, change: str, note: str) -> None:
        colour = (
            "green"
            if change.startswith("+") or change == pgettext("change", "new")
            else "red"
            if change.startswith("-")
            else None
        )
        change_txt = paint(f"{change:<7}", fg=colour) if colour else f"{change:<7}"
        line = f"  {label:<14}{value:>6}  {change_txt} {note}"
        out.append(line.rstrip())

    per_day = _fixed(cur["wins_per_working_day"])
    row(
        _("Wins"),
        integer(cur["wins"]),
        _delta(cur["wins"], prev and prev["wins"]),
        _(
            "{n} per working day (was {before})",
            n=per_day,
            before=_fixed(prev["wins_per_working_day"]),
        )
        if prev
        else _("{n} per working day", n=per_day),
    )
    row(
        _("Within {target} min", target=target),
        percent(cur["hit_rate"]),
        _delta(cur["hit_rate"], prev and prev["hit_rate"], pct_points=True),
        _(
            "median {median}, {timed} timed",
            median=_minutes(cur["median_minutes"]),
            timed=integer(cur["with_minutes"]),
        ),
    )
    row(
        _("Kudos"),
        str(data["kudos"]["count"]),
        _delta(cur["kudos"], prev and prev["kudos"]),
        _("{n} in total", n=integer(data["kudos"]["total"])),
    )
    row(
        _("Learning"),
        str(cur["learning"]),
        _delta(cur["learning"], prev and prev["learning"]),
        ngettext(
            "{hours}, {n} certification",
            "{hours}, {n} certifications",
            cur["certifications"],
            hours=hours(cur["learning_minutes"]),
        )
        if cur["certifications"]
        else hours(cur["learning_minutes"]),
    )
    sw, sl = data["streaks"]["wins"], data["streaks"]["learning"]
    # "since" dates a streak; with none yet there is nothing to date.
    since = show_day(sw["since"]) if sw["since"] else "-"
    best = _("best {n} d since {since}", n=sw["longest"], since=since) if sw["longest"] else ""
    row(_("Win streak"), _("{n} d", n=sw["current"]), "", best)
    row(
        _("Learn streak"),
        _("{n} d", n=sl["current"]),
        "",
        _("best {n} d; weekends never break a streak", n=sl["longest"]),
    )
    skills = [r for r in data["skills"][:8] if r["wins"]]
    if skills:
        out += ["", paint(_("Top skill areas"), bold=True)]
        le = a("≤", "<=")
        before_head = _("before") if prev else ""
        wins_head, median_head = _("wins"), _("median")
        # a column is one wider than its heading: "ervoor" and "mediaan" never run together
        bw, mw = max(7, len(before_head) + 1), max(7, len(median_head) + 1)
        head = f"  {'':<26}{'':<20}{wins_head:>6}{before_head:>{bw}}{median_head:>{mw}}{le + str(target) + 'm':>6}"
        out.append(paint(head.rstrip(), dim=True))
        top = max(r["wins"] for r in skills)
        from growthdesk.skills.labels import skill_label

        for r in skills:
            drawn = bar(r["wins"] / top, 18, unicode_ok=unicode_ok).ljust(18)
            before = f"{integer(r['previous']):>{bw}}" if prev else " " * bw
            out.append(
                f"  {cut(skill_label(r['skill'], room=25), 25, unicode_ok)} {paint(drawn, fg='cyan')}  {integer(r['wins']):>6}{before}"
                f"{_minutes(r['median_minutes']):>{mw}}{percent(r['hit_rate']):>6}".rstrip()
            )

    if data["repeats"]:
        heading = _("Repeat problems")
        note = _("the same kind coming back: worth a fix or a how-to")
        out += ["", paint(heading, bold=True)]
        if len(heading) + 2 + len(note) <= WIDTH:  # the note beside the heading when it fits
            out[-1] += paint("  " + note, dim=True)
        else:
            wrapped = textwrap.wrap(note, WIDTH, initial_indent="  ", subsequent_indent="  ")
            out += [paint(line, dim=True) for line in wrapped]
        times = a("×", "x")
        for r in data["repeats"]:
            spent = f", {hours(r['minutes'])}" if r["minutes"] else ""
            detail = _("last {day}{hours}", day=show_recent(r["last"]), hours=spent)
            count = paint(f"{r['count']:>4}{times}", fg="yellow")
            out.append(
                f"  {count} {cut(r.get('title') or r['label'], 46, unicode_ok)}  {paint(detail, dim=True)}".rstrip()
            )

    calls = data.get("repeat_calls")
    if calls:
        out += ["", *_repeat_call_lines(calls, data["period"], paint)]

    if data["kudos"]["recent"]:
        out += ["", paint(_("Recent kudos"), bold=True)]
        for k in data["kudos"]["recent"]:
            who = k["from"] or _("an end user")
            quote = f"{a('“', chr(34))}{k['note']}{a('”', chr(34))} {a('—', '-')} {who}"
            out.append("  " + cut(quote, WIDTH - 2, unicode_ok, pad=False))

    if data["losing_touch"]:
        out += ["", paint(_("Losing touch"), bold=True)]
        names = ", ".join(
            _("{name} ({n} d)", name=c["name"], n=c["days"]) for c in data["losing_touch"]
        )
        out += textwrap.wrap(names, WIDTH - 2, initial_indent="  ", subsequent_indent="  ")
        out.append(paint("  " + _("growthdesk contact touch NAME resets the clock"), dim=True))

    out += upcoming_lines(data.get("upcoming") or [], paint=paint)
    if data.get("next_step"):
        out += ["", paint(_("Next step"), bold=True)]
        out += textwrap.wrap(
            str(data["next_step"]), WIDTH - 2, initial_indent="  ", subsequent_indent="  "
        )
    if not cur["wins"] and not (prev and prev["wins"]):
        out += [
            "",
            _(
                "No wins in this period. Log one: "
                'growthdesk log "reset MFA for new hire" --minutes 6'
            ),
        ]
    return out


def upcoming_lines(rows: list[dict[str, Any]], *, paint: Callable[..., str] = _plain) -> list[str]:
    """The "Coming up" section: events still to come, soonest first ([] when there are none)."""
    if not rows:
        return []
    from growthdesk.cli.contacts import soon

    out = ["", paint(_("Coming up"), bold=True)]
    for e in rows:
        head, when = f"  {e['date']}  ", f"  {soon(e['in_days'])}"
        name = cut(f"{e['name']} ({e['kind']})", WIDTH - len(head) - len(when), pad=False)
        out.append(head + name + when)
    return out


def day_lines(
    data: dict[str, Any], *, unicode_ok: bool = True, paint: Callable[..., str] = _plain
) -> list[str]:
    """The end-of-day summary (`stats --period day`) as lines of at most 80 columns."""
    from growthdesk.core.i18n import ngettext
    from growthdesk.skills.labels import skill_label

    target = data["target_minutes"]
    out = [paint(_("Today ({day})", day=data["today"]), bold=True), ""]

    def row(label: str, value: str) -> None:
        out.append(f"  {label:<15}{cut(value, WIDTH - 17, unicode_ok, pad=False)}".rstrip())

    row(_("Wins"), str(data["wins"]))
    row(
        _("Minutes"),
        _("{m} ({n} timed)", m=data["minutes"], n=data["timed"]) if data["timed"] else "-",
    )
    row(
        _("Within {t} min", t=target),
        _(
            "{k} of {n} ({pct})",
            k=data["within_target"],
            n=data["timed"],
            pct=percent(data["hit_rate"]),
        )
        if data["timed"]
        else "-",
    )
    import textwrap

    areas = ", ".join(f"{skill_label(a['skill'])} {a['wins']}" for a in data["areas"]) or "-"
    label = _("Areas")
    first = f"  {label:<15}"
    out += textwrap.wrap(areas, WIDTH, initial_indent=first, subsequent_indent=" " * len(first))
    row(_("Kudos"), str(len(data["kudos"])))
    row(
        _("Learning"),
        ngettext("{n} entry", "{n} entries", len(data["learning"]))
        + (f", {data['learning_minutes']} min" if data["learning_minutes"] else ""),
    )
    if not data["wins"]:
        out += ["", "  " + _("No wins logged today.")]
    else:
        out += ["", paint(_("Wins"), bold=True)]
        labels = [skill_areas(w["skills"], short=True, first=True) for w in data["list"]]
        column = min(max(map(len, labels)), 24)  # aligned; a long list of areas is cut
        for w, label in zip(data["list"], labels, strict=True):
            minutes = f"{w['minutes']} min" if w["minutes"] is not None else "-"
            colour = "green" if w["minutes"] is not None and w["minutes"] <= target else None
            shown = f"{minutes:>8}"
            head = f"  #{w['id']:<4} {w['time']}  "
            skills = f"  {cut(label, column, unicode_ok)}  "
            room = WIDTH - len(head) - len(shown) - len(skills)
            out.append(
                head
                + (paint(shown, fg=colour) if colour else shown)
                + skills
                + cut(str(w["problem"]), max(room, 10), unicode_ok, pad=False)
            )
    if data["kudos"]:
        out += ["", paint(_("Kudos"), bold=True)]
        for k in data["kudos"]:
            who = k["from"] or _("an end user")
            quote = f"{'“' if unicode_ok else chr(34)}{k['note']}{'”' if unicode_ok else chr(34)}"
            dash = "—" if unicode_ok else "-"
            out.append("  " + cut(f"{quote} {dash} {who}", WIDTH - 2, unicode_ok, pad=False))
    if data["learning"]:
        out += ["", paint(_("Learning"), bold=True)]
        for x in data["learning"]:
            minutes = f"{x['minutes']} min" if x["minutes"] else "-"
            head = f"  #{x['id']:<4} {learning_kind(x['kind']):<13} {minutes:>8}  "
            out.append(head + cut(str(x["title"]), WIDTH - len(head), unicode_ok, pad=False))
    out += upcoming_lines(data["upcoming"], paint=paint)
    return out


def render_dashboard(data: dict[str, Any]) -> None:
    """Print the dashboard: colour on a terminal, plain text when piped or under NO_COLOR."""
    import sys

    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    colour = paint if use_color() else _plain
    lines = day_lines if data["period"] == "day" else dashboard_lines
    for line in lines(data, unicode_ok=encoding.startswith("utf"), paint=colour):
        echo(line)


@click.command("stats")
@click.option(
    "--period",
    "-p",
    type=click.Choice(["day", "week", "month", "quarter", "year", "all"]),
    default="month",
    show_default=True,
    help="Rolling window, compared with the one before it; 'day': today's summary.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats_cmd(period: str, as_json: bool) -> None:
    """Dashboard: wins, the target-minutes hit rate, skills, repeat problems, streaks, kudos.

    \b
    Examples:
      growthdesk stats
      growthdesk stats --period quarter
      growthdesk stats --period day        # the end of the day
      growthdesk stats --period all --json | jq .current
    """
    from growthdesk.reporting import stats

    app = get_app()
    if period == "day":
        from growthdesk.reporting.day import day_summary_for

        board = day_summary_for(app.reader, app.now())
    else:
        board = stats.dashboard_for(app.reader, app.now(), period).to_dict()
    if as_json:
        emit_json(board)
        return
    render_dashboard(board)


# ---------------------------------------------------------------- review


@click.command("review")
@click.option("--since", help="First day (default: a year before --until).")
@click.option("--until", help="Last day (default: today).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="Default: from -o's extension, else md.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of stdout.",
)
@no_pager_option
def review_cmd(
    since: str | None, until: str | None, fmt: str | None, output: Path | None, no_pager: bool
) -> None:
    """Brag document for a performance review, as Markdown or one self-contained HTML file.

    \b
    Examples:
      growthdesk review > review.md
      growthdesk review --since 2026-01-01 --format html -o review.html
      growthdesk review --since "last monday"
    """
    from growthdesk.core.text import printable
    from growthdesk.reporting import review

    app = get_app()
    if fmt is None:
        fmt = "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"
    doc = review.review_for(
        app.reader,
        app.now(),
        app.day(since) if since else None,
        app.day(until) if until else None,
        picture=fmt == "html",
    )
    if fmt == "html":
        from growthdesk.reporting.review_html import render_html as render
    else:
        from growthdesk.reporting.review_markdown import render_markdown as render
    # A review is read by people, on screen or in a file: no control characters either way.
    text = printable(render(doc))
    if output is None:
        from growthdesk.cli.layout import on_screen, wrap_markdown

        if fmt == "md" and on_screen():  # wrapped for reading; `> review.md` keeps every line
            text = wrap_markdown(text)
        with paged(not no_pager):
            echo(text, nl=False)
        return
    from growthdesk.io.files import write_output

    write_output(output, text.encode("utf-8"))
    n = doc["headline"]["wins"]
    wins = ngettext("{count} win", "{count} wins", n, count=integer(n))
    info(
        _(
            "Wrote {output} ({fmt}, {wins} from {since} to {until})",
            output=output,
            fmt=fmt,
            wins=wins,
            since=show_day(doc["since"]),
            until=show_day(doc["until"]),
        )
    )
