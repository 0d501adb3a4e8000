"""`growthdesk contact …` and `growthdesk event …`: parse, call growthdesk.network (contacts, events), render."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import (
    ListWhenBare,
    echo,
    emit_json,
    info,
    interactive,
    no_pager_option,
    paged,
    skill_areas,
    style,
)
from growthdesk.cli.params import complete_contact, complete_event, complete_skill
from growthdesk.core.dates import show_day
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.text import printable
from growthdesk.core.words import contact_kind, event_kind, interaction_kind
from growthdesk.network import contacts as domain
from growthdesk.network import events, lookup

__all__ = ["contact_group", "event_group", "soon"]

_STRENGTH = click.IntRange(1, 5)
_BACK_WORDS = ("none", "no", "back", "geen", "terug")  # --away-until WORD: available again


def _specialties(contact: Mapping[str, Any], *, short: bool = False) -> str:
    """'Netwerk 5, Servers 3' in a listing, 'Netwerk & verbinding 5/5; …' in full."""
    specs = contact.get("specialties") or {}
    order = sorted(specs, key=lambda k: (-specs[k], k))
    return skill_areas(
        order, short=short, extra={k: f"{specs[k]}" if short else f"{specs[k]}/5" for k in order}
    )


def _record_counts(done: Mapping[str, Any]) -> str:
    """'3 wins, 1 link, 0 interactions, 0 events': what a removal or merge touched."""
    return ", ".join(
        (
            ngettext("{n} win", "{n} wins", done["wins"]),
            ngettext("{n} link", "{n} links", done["links"]),
            ngettext("{n} interaction", "{n} interactions", done["interactions"]),
            ngettext("{n} event", "{n} events", done["events"]),
        )
    )


def _tie(contact: Mapping[str, Any]) -> str:
    strength = contact.get("strength")
    return _("tie {n}/5", n=strength) if strength else _("via others")


@click.group("contact", cls=ListWhenBare)
def contact_group() -> None:
    """Colleagues and vendor contacts: the people you can ask. A bare `contact` lists them.

    \b
    Examples:
      growthdesk contact add "Ana de Vries" --specialty network_connectivity:4
      growthdesk contact add "Dev Patel" --kind vendor --org Cisco --via ana
      growthdesk contact list --skill remote_access
      growthdesk contact touch Ana --kind asked --note "VPN split tunnel"
      growthdesk contact show 3                  # by id: #3 in `contact list`
      growthdesk contact merge "Zoë Jansen" "Zoe Jansen"
    """


@contact_group.command("add")
@click.argument("name")
@click.option(
    "--kind", type=click.Choice(domain.CONTACT_KINDS), default="colleague", show_default=True
)
@click.option("--org", help="Company or team.")
@click.option(
    "--specialty",
    "specialties",
    multiple=True,
    metavar="ID[:LEVEL]",
    help="Skill area, level 1-5 (default 3). Repeatable.",
    shell_complete=complete_skill,
)
@click.option("--email")
@click.option("--phone")
@click.option(
    "--strength",
    type=_STRENGTH,
    help="How well you know them, 1-5 (default 3). With --via: how well NAME knows them.",
)
@click.option(
    "--met-at",
    metavar="EVENT",
    help="Event where you met (name or #id).",
    shell_complete=complete_event,
)
@click.option("--note", default="", help="Free text: products, habits, when to call.")
@click.option(
    "--via",
    metavar="NAME",
    help="You only know them through NAME: no direct tie, a link to NAME.",
    shell_complete=complete_contact,
)
@click.option(
    "--new",
    "new",
    is_flag=True,
    help="Someone else, though the name looks like an existing contact's (Zoe / Zoë).",
)
def contact_add(
    name: str,
    kind: str,
    org: str | None,
    specialties: tuple[str, ...],
    email: str | None,
    phone: str | None,
    strength: int | None,
    met_at: str | None,
    note: str,
    via: str | None,
    new: bool,
) -> None:
    """Add a contact. A name that looks like an existing contact's is refused unless --new.

    \b
    Examples:
      growthdesk contact add "Ana de Vries" --specialty network_connectivity:4
      growthdesk contact add "Dev Patel" --kind vendor --org Cisco --via ana
      growthdesk contact add "Mia Visser" --strength 4 --specialty remote_access:5
    """
    app = get_app()
    with app.store.transaction(_("contact add {name}", name=name)) as tx:
        record = domain.add_contact(
            tx,
            name,
            app.now(),
            kind=kind,
            org=org,
            specialties=list(specialties),
            email=email,
            phone=phone,
            strength=strength,
            met_at=met_at,
            note=note,
            via=via,
            new=new,
        )
    how = _("via {name}", name=via) if via else _tie(record)
    info(
        _(
            "Added contact #{id} {name} ({kind}, {how})",
            id=record["id"],
            name=record["name"],
            kind=contact_kind(record["kind"]),
            how=how,
        )
    )


@contact_group.command("list")
@click.option("--kind", type=click.Choice(domain.CONTACT_KINDS))
@click.option("--skill", help="Only contacts with this specialty.", shell_complete=complete_skill)
@click.option("--org", help="Organisation contains this text.")
@click.option(
    "--contains", help="Any field contains this text (name, org, notes, email, specialties…)."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@no_pager_option
def contact_list(
    kind: str | None,
    skill: str | None,
    org: str | None,
    contains: str | None,
    as_json: bool,
    no_pager: bool,
) -> None:
    """List contacts, filtered.

    \b
    Examples:
      growthdesk contact list --kind vendor --org Cisco
      growthdesk contact list --contains anyconnect --json
    """
    app = get_app()
    rows = domain.list_contacts(
        app.reader.contacts(), kind=kind, skill=skill, org=org, contains=contains
    )
    if as_json:
        emit_json(rows)
        return
    if not rows:
        info(
            _("No contacts match.") if (kind or skill or org or contains) else _("No contacts yet.")
        )
        return
    today = app.now().date().isoformat()
    with paged(not no_pager):
        _print_contacts(rows, today)


def _print_contacts(rows: list[Any], today: str) -> None:
    from growthdesk.cli.layout import join_fit

    for c in rows:
        parts: list[tuple[str, Any]] = [(str(c["name"]), lambda t: style(t, bold=True))]
        parts.append((contact_kind(c["kind"]), None))
        if c.get("org"):
            parts.append((str(c["org"]), None))
        parts.append((_tie(c), None))
        flex = None
        if c.get("specialties"):
            flex = len(parts)
            parts.append((_specialties(c, short=True), None))
        if c.get("do_not_ask"):
            parts.append((_("do not ask"), None))
        if str(c.get("away_until") or "") >= today:  # a past day: back
            parts.append((_("away until {day}", day=c["away_until"]), None))
        # the specialties give way on a narrow screen; "do not ask" and "away" stay whole
        echo(join_fit(parts, prefix=f"#{c['id']:<4} ", flex=flex))


@contact_group.command("show")
@click.argument("name", shell_complete=complete_contact)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def contact_show(name: str, as_json: bool) -> None:
    """Show one contact with links, interactions and help history.

    \b
    Examples:
      growthdesk contact show ana
    """
    store = get_app().reader
    people = store.contacts()
    contact = lookup.resolve_contact(people, name)
    d = domain.contact_details(
        contact,
        people,
        store.links(),
        store.interactions(),
        store.wins(),
        store.events(),
    )
    if as_json:
        emit_json(d)
        return
    echo(style(f"{d['name']}", bold=True) + f"  (#{d['id']}, {contact_kind(d['kind'])}, {_tie(d)})")
    for label, key in (
        (_("org"), "org"),
        (_("email"), "email"),
        (_("phone"), "phone"),
        (_("last contact"), "last_contact"),
        (_("away until"), "away_until"),
        (_("notes"), "notes"),
    ):
        if d.get(key):
            value = show_day(d[key]) if key == "last_contact" else d[key]
            _say(f"  {label}: {value}")
    if d.get("specialties"):
        _say("  " + _("specialties: {list}", list=_specialties(d)))
    if d.get("met_at_event"):
        event = d["met_at_event"]
        _say(
            "  " + _("met at: {event} ({date})", event=event["name"], date=show_day(event["date"]))
        )
    if d["do_not_ask"]:
        _say("  " + _("do not ask"))
    helped = _("helped you: {n}×", n=d["helped_count"])
    if d["last_helped"]:
        helped = _(
            "helped you: {n}×, last on {day}", n=d["helped_count"], day=show_day(d["last_helped"])
        )
    _say("  " + helped)
    for k in d["knows"]:
        _say(
            "  "
            + _("knows {name} (strength {n})", name=k["name"], n=k["strength"])
            + (f": {k['note']}" if k.get("note") else "")
        )
    for i in d["interactions"]:
        _say(
            f"  {str(i['when'])[:10]} {interaction_kind(i['kind'])}"
            + (f": {i['note']}" if i.get("note") else "")
        )


def _say(text: str) -> None:
    """One line of `contact show`, wrapped under its label."""
    from growthdesk.cli.layout import wrap

    for line in wrap(text, hang="    "):
        echo(line)


@contact_group.command("edit")
@click.argument("name", shell_complete=complete_contact)
@click.option("--name", "new_name", help="Rename.")
@click.option("--kind", type=click.Choice(domain.CONTACT_KINDS))
@click.option("--org")
@click.option("--email")
@click.option("--phone")
@click.option(
    "--specialty",
    "add_specialties",
    multiple=True,
    metavar="ID[:LEVEL]",
    help="Add or re-level a specialty.",
    shell_complete=complete_skill,
)
@click.option(
    "--drop-specialty",
    "remove_specialties",
    multiple=True,
    metavar="ID",
    help="Remove a specialty.",
    shell_complete=complete_skill,
)
@click.option("--strength", type=_STRENGTH)
@click.option("--note", help="Replace the notes.")
@click.option(
    "--do-not-ask/--ask-ok",
    "do_not_ask",
    default=None,
    help="Never suggest them in `ask` (or again allow it).",
)
@click.option(
    "--share/--no-share",
    default=None,
    help="Put them on your team card: name, org and specialties only (or take them off).",
)
@click.option(
    "--share-details", is_flag=True, help="With --share: also their e-mail, phone and notes."
)
@click.option(
    "--away-until",
    metavar="DAY|none",
    help="Away (leave, course) up to and including DAY: `ask` lists them last; 'none' clears it.",
)
def contact_edit(
    name: str,
    new_name: str | None,
    kind: str | None,
    org: str | None,
    email: str | None,
    phone: str | None,
    add_specialties: tuple[str, ...],
    remove_specialties: tuple[str, ...],
    strength: int | None,
    note: str | None,
    do_not_ask: bool | None,
    share: bool | None,
    share_details: bool,
    away_until: str | None,
) -> None:
    """Change a contact.

    \b
    Examples:
      growthdesk contact edit ana --specialty remote_access:5 --strength 5
      growthdesk contact edit "Dev Patel" --do-not-ask
      growthdesk contact edit "Luuk Bakker" --share       # on your team card
      growthdesk contact edit ana --away-until 2026-12-24  # 'none': back
    """
    if share_details and share is False:
        raise InputError(_("--share-details needs --share, not --no-share"))
    level = "details" if share_details else {True: "card", False: "no", None: None}[share]
    app = get_app()
    back = away_until is not None and away_until.strip().lower() in _BACK_WORDS
    away_day = app.day(away_until) if away_until is not None and not back else None
    with app.reader.transaction(_("contact edit {name}", name=name)) as tx:
        record = domain.edit_contact(
            tx,
            name,
            new_name=new_name,
            kind=kind,
            org=org,
            email=email,
            phone=phone,
            add_specialties=list(add_specialties),
            remove_specialties=list(remove_specialties),
            strength=strength,
            note=note,
            do_not_ask=do_not_ask,
            share=level,
            away_until=away_day,
            back=back,
        )
    info(_("Updated contact #{id} {name}", id=record["id"], name=record["name"]))


@contact_group.command("rm")
@click.argument("name", shell_complete=complete_contact)
@click.option("--yes", "-y", is_flag=True, help="Do not ask when NAME is only part of the name.")
def contact_rm(name: str, yes: bool) -> None:
    """Remove a contact and every reference to it (wins' helpers, links, interactions, events).

    NAME is the whole name or #id; a shortened name ('ana') is confirmed first.

    \b
    Examples:
      growthdesk contact rm "Dev Patel"
      growthdesk contact rm '#7'
      growthdesk undo        # changed your mind
    """
    app = get_app()
    contact = lookup.resolve_contact(app.reader.contacts(), name)
    if not yes and not lookup.named_in_full(contact, name):
        _confirm_shortened(name, contact)
    with app.reader.transaction(_("contact rm {name}", name=name)) as tx:
        done = domain.remove_contact(tx, name)
    counts = _record_counts(done)
    info(
        _(
            "Removed contact #{id} {name} (from {counts})",
            id=done["contact"]["id"],
            name=done["contact"]["name"],
            counts=counts,
        )
    )


def _confirm_shortened(name: str, contact: Mapping[str, Any]) -> None:
    """Removing someone by part of their name: ask a person; refuse a script (it cannot say
    whether 'ana' meant this Ana)."""
    full = f"#{contact['id']} {contact['name']}"
    if not interactive():
        raise InputError(
            _(
                "'{name}' is only part of the name of {full}: type the whole name or its #id "
                "(or add --yes)",
                name=name,
                full=full,
            )
        )
    if not click.confirm(printable(_("Remove {full}?", full=full)), default=False, err=True):
        raise click.Abort()


@contact_group.command("merge")
@click.argument("keep", shell_complete=complete_contact)
@click.argument("other", shell_complete=complete_contact)
def contact_merge(keep: str, other: str) -> None:
    """Merge contact OTHER into KEEP: OTHER's wins, links, interactions, events and
    specialties move to KEEP, its details fill KEEP's gaps, and OTHER is removed.

    \b
    Examples:
      growthdesk contact merge "Zoë Jansen" "Zoe Jansen"
      growthdesk contact merge '#3' '#8'
      growthdesk undo        # both come back as they were
    """
    app = get_app()
    with app.reader.transaction(f"contact merge {keep} {other}") as tx:
        done = domain.merge_contacts(tx, keep, other)
    info(
        _(
            "Merged #{gid} {gone} into #{kid} {name} (moved: {counts})",
            gid=done["removed"]["id"],
            gone=done["removed"]["name"],
            kid=done["contact"]["id"],
            name=done["contact"]["name"],
            counts=_record_counts(done),
        )
    )


@contact_group.command("touch")
@click.argument("name", shell_complete=complete_contact)
@click.option(
    "--kind", type=click.Choice(domain.INTERACTION_KINDS), default="chat", show_default=True
)
@click.option("--note", default="")
@click.option(
    "--when",
    help="When it happened (default now): ISO date or 'yesterday', 'gisteren', 'last friday'.",
)
def contact_touch(name: str, kind: str, note: str, when: str | None) -> None:
    """Log an interaction with a contact; resets the "losing touch" clock.

    \b
    Examples:
      growthdesk contact touch ana --kind asked --note "VPN split tunnel"
      growthdesk contact touch "Dev Patel" --kind chat --when gisteren
    """
    app = get_app()
    at = app.when(when) if when else None
    with app.reader.transaction(_("contact touch {name}", name=name)) as tx:
        done = domain.touch_contact(tx, name, app.now(), kind=kind, note=note, when=at)
    info(
        _(
            "Logged {kind} with {name} on {day}",
            kind=interaction_kind(done["kind"]),
            name=done["name"],
            day=show_day(str(done["when"])),
        )
    )


@contact_group.command("link")
@click.argument("a", shell_complete=complete_contact)
@click.argument("b", shell_complete=complete_contact)
@click.option(
    "--strength",
    type=_STRENGTH,
    help="How well A knows B, 1-5 (default 3; linking again keeps the strength unless given).",
)
@click.option("--note", default="")
def contact_link(a: str, b: str, strength: int | None, note: str) -> None:
    """Record that A knows B, for introductions.

    \b
    Examples:
      growthdesk contact link ana "Dev Patel" --strength 4 --note "Cisco project"
    """
    app = get_app()
    with app.reader.transaction(_("contact link {a} {b}", a=a, b=b)) as tx:
        done = domain.link_contacts(tx, a, b, strength=strength, note=note)
    info(_("Linked {a} — {b} (strength {s})", a=done["a"], b=done["b"], s=done["strength"]))


@click.group("event", cls=ListWhenBare)
def event_group() -> None:
    """Vendor, training, meetup and conference events, and the people met there. A bare
    `event` lists them.

    \b
    Examples:
      growthdesk event add "Cisco Live" --kind vendor --met Dev -s remote_access
      growthdesk event list
      growthdesk event edit "Cisco Live" --date 2026-06-03
    """


@event_group.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(events.EVENT_KINDS), required=True)
@click.option(
    "--date", "day", required=True, help="ISO date or phrase ('last friday', 'vorige week')."
)
@click.option(
    "--met",
    multiple=True,
    metavar="NAME",
    help="Someone you met there (created if new). Repeatable.",
    shell_complete=complete_contact,
)
@click.option(
    "--skill",
    "skills",
    multiple=True,
    metavar="ID",
    help="Skill area covered. Repeatable.",
    shell_complete=complete_skill,
)
@click.option(
    "--new",
    "allow_new",
    is_flag=True,
    help="Create met people even if a name looks like an existing contact.",
)
def event_add(
    name: str, kind: str, day: str, met: tuple[str, ...], skills: tuple[str, ...], allow_new: bool
) -> None:
    """Record an event and the people you met there.

    \b
    Examples:
      growthdesk event add "Cisco Live" --kind vendor --date 2026-06-02 --met Dev
      growthdesk event add "ITIL 4" --date "3 dagen geleden" --skill itsm_process
    """
    app = get_app()
    now = app.now()
    when = app.day(day)
    with app.store.transaction(_("event add {name}", name=name)) as tx:
        done = events.add_event(
            tx,
            name,
            now,
            kind=kind,
            day=when,
            met=list(met),
            skills=list(skills),
            allow_new_close=allow_new,
        )
    extra = _(", met {n}", n=len(done["met"])) if done["met"] else ""
    if done["created"]:
        extra += " " + _("(new: {names})", names=", ".join(done["created"]))
    info(
        _(
            "Added event #{id} {name} on {date}",
            id=done["id"],
            name=done["name"],
            date=show_day(done["date"]),
        )
        + extra
    )


@event_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def event_list(as_json: bool) -> None:
    """List events, newest first: those still to come lead, marked with how soon they are.

    \b
    Examples:
      growthdesk event list --json
    """
    app = get_app()
    store = app.reader
    rows = events.list_events(store.events(), store.contacts(), app.now().date())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        info(_("No events yet."))
        return
    from growthdesk.cli.layout import wrap

    for e in rows:
        name = str(e["name"])
        line = f"{e['date']}  {name} ({event_kind(e['kind'])})"
        when = soon(e.get("in_days"))
        if when:
            line += "  " + when
        if e.get("skills"):
            line += " · " + skill_areas(e["skills"], short=True)
        if e["met_names"]:
            line += " · " + _("met {names}", names=", ".join(e["met_names"]))
        first, *more = wrap(line, hang=" " * 12)
        # the name in bold (it starts at column 12 of the first line, cut or whole)
        shown = first[12 : 12 + len(name)]
        rest = first[12 + len(shown) :]
        if when and f"  {when}" in rest:  # a coming event's day in green
            rest = rest.replace(f"  {when}", "  " + style(when, fg="green"), 1)
        echo(first[:12] + style(shown, bold=True) + rest)
        for more_line in more:
            echo(more_line)


def soon(days: int | None) -> str:
    """How soon an event still to come is ('today', 'in 3 days'); '' for a past one."""
    if days is None or days < 0:
        return ""
    if days == 0:
        return _("today")
    return ngettext("in {n} day", "in {n} days", days)


@event_group.command("edit")
@click.argument("event", shell_complete=complete_event)
@click.option("--name", help="Rename.")
@click.option("--kind", type=click.Choice(events.EVENT_KINDS))
@click.option("--date", "day", help="ISO date or phrase ('last friday', 'vorige week').")
@click.option(
    "--met",
    multiple=True,
    metavar="NAME",
    help="Replace the people met (created if new). Repeatable.",
    shell_complete=complete_contact,
)
@click.option(
    "--skill",
    "skills",
    multiple=True,
    metavar="ID",
    help="Replace the skill areas.",
    shell_complete=complete_skill,
)
@click.option(
    "--new",
    "allow_new",
    is_flag=True,
    help="Create met people even if a name looks like an existing contact.",
)
def event_edit(
    event: str,
    name: str | None,
    kind: str | None,
    day: str | None,
    met: tuple[str, ...],
    skills: tuple[str, ...],
    allow_new: bool,
) -> None:
    """Change an event, by name or #id (`growthdesk undo` takes the change back).

    \b
    Examples:
      growthdesk event edit "Cisco Live" --date 2026-06-03
      growthdesk event edit "#2" --met "Dev Patel" --met "Ana de Vries"
    """
    app = get_app()
    now = app.now()
    with app.reader.transaction(_("event edit {name}", name=event)) as tx:
        done = events.edit_event(
            tx,
            event,
            now,
            name=name,
            kind=kind,
            day=app.day(day),
            met=list(met) if met else None,
            skills=list(skills) if skills else None,
            allow_new_close=allow_new,
        )
    info(
        _(
            "Updated event #{id} {name} on {date}",
            id=done["id"],
            name=done["name"],
            date=show_day(done["date"]),
        )
    )
    if done["created"]:
        info(_("New contacts: {names}", names=", ".join(done["created"])))


@event_group.command("rm")
@click.argument("refs", nargs=-1, required=True, metavar="EVENT...", shell_complete=complete_event)
def event_rm(refs: tuple[str, ...]) -> None:
    """Remove events, by name or #id, all in one step (`growthdesk undo` brings them back).

    The people met there stay contacts; the "met" each event recorded goes with it.
    An unknown event removes nothing at all.

    \b
    Examples:
      growthdesk event rm "Cisco Live"
      growthdesk event rm "#2" "#3"
    """
    app = get_app()
    with app.reader.transaction(_("event rm {names}", names=", ".join(refs))) as tx:
        done = events.remove_events(tx, list(refs))
    for item in done:
        info(
            _(
                "Removed event #{id} {name} on {date}",
                id=item["event"]["id"],
                name=item["event"]["name"],
                date=show_day(item["event"]["date"]),
            )
        )
