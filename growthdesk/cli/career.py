"""`growthdesk profile`, `growthdesk learn` and `growthdesk path`: the career job.

Parsing and rendering only; the rules live in growthdesk.worklog.profile, growthdesk.worklog.learning and
growthdesk.career.analysis. `path` lays its report out by hand (see _Out) to stay in its time budget.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import (
    DefaultToAdd,
    bar,
    confirm,
    cut,
    echo,
    emit_json,
    info,
    interactive,
    no_pager_option,
    paged,
    paint,
    percent,
    skill_areas,
    style,
    use_color,
    warn,
)
from growthdesk.cli.params import ID, Minutes, complete_skill, complete_track
from growthdesk.core.dates import show_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, language, ngettext
from growthdesk.core.numbers import decimal
from growthdesk.core.words import learning_kind
from growthdesk.skills.labels import skill_label
from growthdesk.worklog import profile

if TYPE_CHECKING:
    from growthdesk.career.analysis import PathReport

__all__ = ["profile_group", "learn_group", "path_cmd"]


def _started(value: str) -> date | None:
    """--started: a day phrase read against now, or 'none' to clear it."""
    return None if profile.is_clear(value) else get_app().day(value)


def _confirm_long_ago(started: str | None, yes: bool) -> None:
    """A first day decades ago is more likely a typo (1997 for 2017): ask, or want --yes."""
    years = profile.years_ago(started, get_app().now())
    if years is None or yes:
        return
    question = _(
        "{d} is {n} years ago; is that your first day at the helpdesk?", d=started, n=years
    )
    if not interactive():
        raise InputError(
            _("the start date {d} is {n} years ago; add --yes if that is right", d=started, n=years)
        )
    if not confirm(question, default=False):
        raise click.Abort()


# --- profile ---------------------------------------------------------------------------------
def _show_profile(view: dict[str, Any]) -> None:
    from growthdesk.career.tracks import load_tracks

    started = view["started"] or "-"
    if view["months_at_helpdesk"] is not None:
        months = view["months_at_helpdesk"]
        started += "  " + ngettext(
            "({m} month at the helpdesk)", "({m} months at the helpdesk)", months, m=decimal(months)
        )
    track = view["track"] or "-"
    if view["track"]:
        track += f"  ({load_tracks()[view['track']].name(language())})"
    rows = [
        (_("started"), started),
        (_("role"), view["role"] or "-"),
        (_("target minutes"), str(view["target_minutes"])),
        (_("track"), track),
        (_("language"), view["lang"] or "en"),
    ]
    width = max(len(k) for k, _v in rows)
    for key, value in rows:
        echo(f"{style(key.ljust(width), bold=True)}  {value}")


@click.group("profile", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def profile_group(ctx: click.Context, as_json: bool) -> None:
    """Show your profile, or change it with `profile set`.

    \b
    Examples:
      growthdesk profile
      growthdesk profile set --started 2025-03-01 --track network
      growthdesk profile --json
    """
    if ctx.invoked_subcommand is not None:
        return
    app = get_app()
    data = profile.view(app.reader.profile(), app.now())
    if as_json:
        emit_json(data)
    else:
        _show_profile(data)


@profile_group.command("set")
@click.option("--started", help="Your first day at the helpdesk ('none' clears).")
@click.option("--role", help="Your role, e.g. 'first-line service desk'.")
@click.option(
    "--target-minutes",
    type=click.IntRange(1, profile.MAX_TARGET_MINUTES),
    help=f"Resolution target in minutes, 1-{profile.MAX_TARGET_MINUTES} (default 15).",
)
@click.option(
    "--track",
    help="Career track you aim for (network, security, …; 'none' clears it).",
    shell_complete=complete_track,
)
@click.option("--lang", help="en or nl.")
@click.option(
    "--name", "display_name", help="The name your team sees on your team card ('none' clears it)."
)
@click.option("--yes", is_flag=True, help="Do not ask about a start date over 15 years ago.")
def profile_set_cmd(
    started: str | None,
    role: str | None,
    target_minutes: int | None,
    track: str | None,
    lang: str | None,
    display_name: str | None,
    yes: bool,
) -> None:
    """Change profile fields; the ones you leave out stay as they are.

    \b
    Examples:
      growthdesk profile set --started 2025-03-01 --role "service desk agent"
      growthdesk profile set --track security --target-minutes 20
      growthdesk profile set --track none
      growthdesk profile set --name "Sanne de Vries"
    """
    raw: dict[str, Any] = {}
    ctx = click.get_current_context()
    for name, value in (
        ("started", started),
        ("role", role),
        ("target_minutes", target_minutes),
        ("track", track),
        ("lang", lang),
    ):
        # "--track none" gives None after validation; an option left out has no source.
        if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE:
            raw[name] = value
    if ctx.get_parameter_source("display_name") == click.core.ParameterSource.COMMANDLINE:
        raw["name"] = display_name
    if not raw:
        raise click.UsageError(
            _("nothing to set; give --started, --role, --target-minutes, --track, --lang or --name")
        )
    app = get_app()
    if "started" in raw:
        raw["started"] = _started(raw["started"])
    changes = profile.validate_changes(raw, app.now())
    if changes.get("started"):
        _confirm_long_ago(changes["started"], yes)
    with app.store.transaction(_("profile set")) as tx:
        tx.set_profile(changes)
    info(_("Profile saved."))
    _show_profile(profile.view(app.store.profile(), app.now()))


# --- learn -----------------------------------------------------------------------------------
@click.group("learn", cls=DefaultToAdd)
def learn_group() -> None:
    """Log what you learn: blogs, reading, courses, labs, side projects, certifications, events.

    `growthdesk learn TEXT --kind K` is short for `growthdesk learn add TEXT --kind K`; a bare
    `growthdesk learn` lists what you logged.

    \b
    Examples:
      growthdesk learn "Passed CCNA" --kind certification
      growthdesk learn "Krebs: MFA fatigue" --kind blog --skill security_incidents
      growthdesk learn list --json
      growthdesk learn edit 5 --minutes 120
    """


@learn_group.command("add")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--kind",
    "-k",
    required=True,
    help="blog, reading, course, lab, side-project, certification or event.",
)
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Skill area id (repeatable); guessed from the title if absent.",
    shell_complete=complete_skill,
)
@click.option(
    "--minutes",
    "-m",
    type=Minutes(learning=True),
    help="Time spent: 90, 1h30, 1:30, 1,5u (at most 100 hours).",
)
@click.option("--url", help="Link.")
@click.option("--when", "-w", help="When (default now).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored entry as JSON.")
def learn_add_cmd(
    text: tuple[str, ...],
    kind: str,
    skills: tuple[str, ...],
    minutes: int | None,
    url: str | None,
    when: str | None,
    as_json: bool,
) -> None:
    """Log one learning entry.

    \b
    Examples:
      growthdesk learn add "AZ-104 course, module 2" --kind course --minutes 90
      growthdesk learn add "Home lab: VLANs" --kind lab -s network_connectivity
    """
    from growthdesk.career.tracks import load_tracks
    from growthdesk.worklog import learning

    app = get_app()
    store = app.store
    draft = learning.prepare(
        " ".join(text),
        kind,
        app.now(),
        skills=list(skills),
        minutes=minutes,
        url=url,
        when=app.when(when),
        model=store.model("tagger") if not skills else None,
    )
    record = learning.add(store, draft)
    for message in draft.warnings:
        warn(message)
    if as_json:
        emit_json(record)
        return
    how = {
        "manual": _("set by you"),
        "certification": _("from the certification"),
        "auto": _("auto-tagged"),
        "none": _("no skill area"),
    }
    from growthdesk.cli.layout import wrap

    logged = _(
        "Logged learning #{id}: {kind}, {skills}  [{how}]",
        id=record["id"],
        kind=learning_kind(record["kind"]),
        skills=skill_areas(record["skills"]),
        how=how[draft.skills_from],
    )
    for line in wrap(logged, hang="  "):
        echo(line)
    if draft.certification is not None:
        tracks = load_tracks()
        names = ", ".join(tracks[t].name(language()) for t in draft.tracks)
        if record["kind"] == "certification":
            echo(_("  {cert} counts toward: {tracks}", cert=draft.certification.code, tracks=names))
        else:
            echo(
                _("  Preparing for {cert} ({tracks})", cert=draft.certification.code, tracks=names)
            )


@learn_group.command("list")
@click.option("--kind", "-k", help="Only this kind.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def learn_list_cmd(kind: str | None, limit: int, as_json: bool) -> None:
    """List learning entries, newest first, and your learning-habit streaks.

    \b
    Examples:
      growthdesk learn list
      growthdesk learn list --kind certification --json
    """
    from dataclasses import asdict

    from growthdesk.worklog import learning

    app = get_app()
    everything = app.reader.learning()
    rows = learning.entries(
        everything, kind=learning.validate_kind(kind) if kind else None, limit=limit
    )
    streaks = learning.streaks(everything, app.now())
    if as_json:
        emit_json({"entries": rows, "streaks": [asdict(s) for s in streaks]})
        return
    if not rows and kind and everything:
        info(_("No learning entries match."))
    elif not rows:
        info(_('No learning logged yet. Try: growthdesk learn "..." --kind blog'))
    from growthdesk.cli.layout import table

    cells = [
        [
            f"#{row['id']}",
            row["when"][:10],
            learning_kind(row["kind"]),
            _("{n} min", n=row["minutes"]) if row.get("minutes") else "-",
            skill_areas(row["skills"], short=True, first=True) if row.get("skills") else "",
            row["title"],
        ]
        for row in rows
    ]
    paint = {0: lambda c: style(c, bold=True), 4: lambda c: style(c, fg="cyan")}
    for line in table(cells, right={3}, caps={4: 24}, paint=paint, flex_min=25, squeeze=[4]):
        echo(line)
    names = {"morning_blog": _("Morning blog"), "evening_project": _("Evening project")}
    for s in streaks:
        if s.days:
            echo(
                _(
                    "{habit} streak: {now}, longest {best}, {all}",
                    habit=names.get(s.habit, s.habit),
                    now=ngettext("{n} day now", "{n} days now", s.current),
                    best=s.longest,
                    all=ngettext("{n} day in all", "{n} days in all", s.days),
                )
            )


@learn_group.command("edit")
@click.argument("entry_id", type=ID, metavar="ID")
@click.option("--text", help="New title.")
@click.option(
    "--kind", "-k", help="blog, reading, course, lab, side-project, certification or event."
)
@click.option(
    "--skill",
    "-s",
    "skills",
    multiple=True,
    help="Replace the skills (repeatable).",
    shell_complete=complete_skill,
)
@click.option("--minutes", "-m", type=Minutes(learning=True), help="Time spent (1-6000).")
@click.option("--url", help="Link ('' removes it).")
@click.option("--when", "-w", help="When.")
def learn_edit_cmd(
    entry_id: int,
    text: str | None,
    kind: str | None,
    skills: tuple[str, ...],
    minutes: int | None,
    url: str | None,
    when: str | None,
) -> None:
    """Change a learning entry (`growthdesk undo` takes the change back).

    \b
    Examples:
      growthdesk learn edit 5 --minutes 120
      growthdesk learn edit 5 --kind course --skill cloud_platforms
    """
    from growthdesk.worklog import learning

    app = get_app()
    changes: dict[str, Any] = {} if url is None else {"url": url}
    record = learning.edit(
        app.reader,
        entry_id,
        app.now(),
        title=text,
        kind=kind,
        skills=list(skills) if skills else None,
        minutes=minutes,
        when=app.when(when),
        **changes,
    )
    from growthdesk.cli.layout import wrap

    updated = _(
        "Updated learning #{id}: {kind}, {skills}",
        id=record["id"],
        kind=learning_kind(record["kind"]),
        skills=skill_areas(record["skills"]),
    )
    for line in wrap(updated, hang="  "):
        echo(line)


@learn_group.command("rm")
@click.argument("entry_ids", nargs=-1, required=True, type=ID, metavar="ID...")
def learn_rm_cmd(entry_ids: tuple[int, ...]) -> None:
    """Remove learning entries, all in one step (`growthdesk undo` brings them back).

    An unknown id removes nothing at all.

    \b
    Examples:
      growthdesk learn rm 5
      growthdesk learn rm 5 6
    """
    from growthdesk.worklog import learning

    for record in learning.remove(get_app().reader, entry_ids):
        echo(_("Removed learning #{id}: {title}", id=record["id"], title=record["title"]))


# --- path ------------------------------------------------------------------------------------
_COLORS = ["cyan", "magenta", "green", "yellow", "blue", "red"]
_GLYPHS = ["█", "▓", "▒", "░", "▚", "·"]


class _Out:
    """Plain-text report writer: wraps at the terminal width (80 when piped), colours on a tty.

    `path` used rich tables at first; rich's first render alone cost ~200 ms here, two thirds
    of the 300 ms budget for the whole command, so the report is laid out by hand instead.
    """

    def __init__(self) -> None:
        from growthdesk.cli.layout import width

        self.color = use_color()
        self.width = min(100, width())
        self.lines: list[str] = []

    def style(self, text: str, **kwargs: Any) -> str:
        return paint(text, **kwargs) if self.color else text

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def para(
        self, text: str, indent: str = "", first: str | None = None, bold: bool = False
    ) -> None:
        import textwrap

        lead = indent if first is None else first
        chunks = textwrap.wrap(text, self.width, initial_indent=lead, subsequent_indent=indent)
        for chunk in chunks or [lead]:
            self.lines.append(self.style(chunk, bold=True) if bold else chunk)

    def heading(self, text: str) -> None:
        self.lines.append(self.style(text, bold=True))

    def flush(self) -> None:
        echo("\n".join(self.lines))


def _render(report: PathReport, out: _Out) -> None:
    from growthdesk.career.advice import RCA_SHOWN_MAX

    m, w = report.metrics, report.window
    labels = {
        "specialist": _("specialist"),
        "t-shaped": _("T-shaped"),
        "generalist": _("generalist"),
        "not-enough-data": _("not enough data yet"),
    }
    head = out.style(_("Career path"), bold=True)
    if w.months_done is not None:
        guess = _(" (estimated from your first win)") if w.estimated else ""
        head += "  " + _(
            "{m} months at the helpdesk since {d}{g}",
            m=decimal(w.months_done),
            d=show_day(w.started) if w.started else "-",
            g=guess,
        )
    out.line(head)
    out.line(out.style(_("You are: ") + labels[report.label], bold=True))
    out.para(report.recommendation)
    if report.enough_data or m.n_wins:
        for reason in report.reasons:
            out.para(reason, indent="    ", first="  • ")
    out.line()

    if not report.enough_data:
        out.heading(_("What is needed:"))
        for need in report.needs:
            out.para(need, indent="    ", first="  • ")
        out.line()
        if not m.n_wins:
            # Track fit, gaps and a plan computed from nothing would only be noise.
            out.para(
                _(
                    "Track fit, gaps and a quarter-by-quarter plan appear here as your wins "
                    'come in. Start with: growthdesk log "reset MFA for new hire" --minutes 6'
                )
            )
            return

    out.heading(_("Where your work goes (recent work counts more)"))
    heads = (_("area"), _("share"), _("wins"), _("typical"), _("× typical"))
    out.line(f"  {heads[0]:<30} {heads[1]:>6} {heads[2]:>7} {heads[3]:>8} {heads[4]:>10}")
    for a in [a for a in report.areas if a.share > 0][:8]:
        # Capped like the advice text: over a tiny baseline the ratio means nothing more.
        rca = (decimal(a.rca) if a.rca <= RCA_SHOWN_MAX else f">{RCA_SHOWN_MAX:.0f}").rjust(10)
        if a.skill in report.deep_areas:
            rca = out.style(rca, bold=True)
        out.line(
            f"  {cut(skill_label(a.skill, room=30), 30)} {percent(a.share, small=True):>6} {a.wins:>7} "
            f"{percent(a.baseline, small=True):>8} {rca}"
        )
    out.para(
        ngettext(
            "Breadth: {n} area at {t}+ · works like {e} even areas · evenness {j} · "
            "biggest area {s}",
            "Breadth: {n} areas at {t}+ · works like {e} even areas · evenness {j} · "
            "biggest area {s}",
            m.breadth,
            t=percent(report.thresholds["breadth_share"], small=True),
            e=decimal(m.effective_areas),
            j=decimal(m.evenness, 2),
            s=percent(m.top_share, small=True),
        ),
        indent="  ",
    )
    out.line()

    out.heading(_("Track fit"))
    out.para(
        _(
            "Fit = coverage of the track's core areas: the share of your recent work in them "
            "(generalist: breadth). A track is recommended from {floor}.",
            floor=percent(report.thresholds["fit_floor"]),
        ),
        indent="  ",
    )
    if report.recommended is None:
        out.para(_("No clear direction yet: no track is recommended."), indent="  ")
    cert_lists = {
        f.track: ", ".join(f.earned + [c + "…" for c in f.preparing]) for f in report.fits
    }
    widest = max((len(c) for c in cert_lists.values()), default=0)
    name_w = max(20, min(40, out.width - 27 - widest))  # 25 columns of rank, fit and gauge
    for f in report.fits:
        mark = " ◀" if f.track == report.focus else ""
        certs = cut(cert_lists[f.track], max(out.width - 27 - name_w, 1), pad=False)
        gauge = bar(f.fit, 12, track="·")
        gauge = out.style(gauge, fg="green") if f.track == report.recommended else gauge
        row = (
            f"  {f.rank:>2}  {cut(f.label + mark, name_w)} {percent(f.fit, small=True):>5} {gauge}"
        )
        out.line(row + (f"  {certs}" if certs else ""))
    out.line()

    shown = [f for f in report.fits if f.gaps or f.next_roles]
    shown = [f for f in shown if f.track == report.focus] if report.focus else shown[:3]
    for f in shown:
        out.heading(f"{f.label} ({percent(f.fit, small=True)})")
        for g in f.gaps:
            extra = (
                _(" or study {certs}", certs="/".join(g.certifications)) if g.certifications else ""
            )
            out.para(
                _(
                    "grow {area}: {s} → {t} of your work, about {n} more {wins}{extra}",
                    area=skill_label(g.skill),
                    s=percent(g.share, small=True),
                    t=percent(g.target, small=True),
                    n=g.wins_needed,
                    wins=_("win") if g.wins_needed == 1 else _("wins"),
                    extra=extra,
                ),
                indent="    ",
                first="  • ",
            )
        if f.next_certifications:
            codes = ", ".join(c["code"] for c in f.next_certifications)
            out.para(_("next certifications: {c}", c=codes), indent="    ", first="  ")
        if f.next_roles:
            out.para(_("next roles: {r}", r=" → ".join(f.next_roles)), indent="    ", first="  ")
    out.line()

    if w.months_done is not None:
        out.para(
            _(
                "The 24–36-month window: {done} months done, {open} until 24, {left} until 36.",
                done=decimal(w.months_done),
                open=decimal(w.months_to_open or 0.0),
                left=decimal(w.months_left or 0.0),
            ),
            bold=True,
        )
    out.heading(_("Plan"))
    for q in report.plan:
        out.line("  " + out.style(q.quarter, bold=True))
        for item in q.milestones:
            out.para(item, indent="      ", first="    • ")
    out.line()
    _render_history(report, out)


def _render_history(report: PathReport, out: _Out) -> None:
    """One stacked bar per quarter: the five biggest areas overall, the rest as 'other'."""
    rows = report.history
    if not rows:
        return
    totals: dict[str, float] = {}
    for r in rows:
        for skill, share in r.shares.items():
            totals[skill] = totals.get(skill, 0.0) + share * r.wins
    legend = sorted(totals, key=lambda s: -totals[s])[:5]
    out.heading(_("Skill mix per quarter"))
    width = max(10, min(50, out.width - 22))
    for r in rows:
        line = f"  {r.quarter}  "
        if r.wins:
            used = 0
            parts = [(s, r.shares.get(s, 0.0)) for s in legend]
            parts.append(("other", max(0.0, 1.0 - sum(p for _s, p in parts))))
            for i, (_skill, share) in enumerate(parts):
                n = round(share * width) if i < len(parts) - 1 else width - used
                n = max(0, min(n, width - used))
                used += n
                glyph = "█" if out.color else _GLYPHS[i]
                if n:
                    line += out.style(glyph * n, fg=_COLORS[i])
            line += f" {r.wins:>5}"
        else:
            line += "   " + _("no wins")
        out.line(line)
    # The legend, wrapped by hand so that a glyph never ends a line without its name.
    key, used = "  ", 2
    for i, name in enumerate([*map(skill_label, legend), _("other")]):
        glyph = "█" if out.color else _GLYPHS[i]
        item = f"{glyph} {name}"
        if used + len(item) > out.width and used > 2:
            out.line(key.rstrip())
            key, used = "  ", 2
        key += out.style(glyph, fg=_COLORS[i]) + f" {name}  "
        used += len(item) + 2
    out.line(key.rstrip())


@click.command("path")
@click.option(
    "--track",
    "-t",
    help="Focus on one track: its fit, gaps and plan.",
    shell_complete=complete_track,
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@no_pager_option
def path_cmd(track: str | None, as_json: bool, no_pager: bool) -> None:
    """Career analysis: what you are becoming, which track fits, what is missing, and a plan.

    \b
    Examples:
      growthdesk path
      growthdesk path --track security
      growthdesk path --json | jq .fits[0]
    """
    from growthdesk.career import analysis as career
    from growthdesk.worklog.days import store_facts

    track = profile.validate_track(track)
    app = get_app()
    store = app.reader
    # The month summaries' day rows: no shard is parsed while they match their shards.
    rows = store_facts(store)["rows"]
    report = career.analyse([], store.learning(), store.profile(), app.now(), track, rows=rows)
    if as_json:
        emit_json(career.to_json(report))
        return
    out = _Out()
    _render(report, out)
    with paged(not no_pager):
        out.flush()
