"""`growthdesk query`, `growthdesk plain` and `growthdesk howto`: ask the search engine the
right question, explain in plain words, and turn repeat problems into how-tos.

`query` and `plain` stay light (no networkx, no rich): they run while a user waits on the line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from growthdesk.cli.app import get_app
from growthdesk.cli.output import echo, emit_json, info, style
from growthdesk.cli.params import complete_skill
from growthdesk.core.i18n import _, language

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["query_cmd", "plain_cmd", "howto_cmd"]

_ENGINES = ("google", "bing", "duckduckgo")  # assist.query.ENGINES (tests hold them equal)


def _text(parts: tuple[str, ...], command: str) -> str:
    """The TEXT argument: control characters and over-long text refused; empty text is an
    error worded as `ask` words it."""
    from growthdesk.core.errors import InputError
    from growthdesk.core.text import LONG_TEXT, check_text

    text = check_text(
        " ".join(parts), _("{command} text", command=command), LONG_TEXT, multiline=True
    )
    if not text:
        raise InputError(_("describe the problem: the {command} text is empty", command=command))
    return text


def _existing_store() -> Store | None:
    return get_app().existing()


def _contact_names(store: Store | None) -> list[str]:
    return [str(c.get("name") or "") for c in store.contacts()] if store else []


@click.command("query")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl", "both"]),
    default="en",
    show_default=True,
    help="Language of the query: English finds the most answers.",
)
@click.option(
    "--site",
    metavar="VENDOR",
    help="Only the vendor's documentation: a vendor id (microsoft, cisco, fortinet, citrix, hp, "
    "…), 'auto' for the product's vendor, or a domain.",
)
@click.option(
    "--engine",
    type=click.Choice(_ENGINES),
    default="google",
    show_default=True,
    help="Search engine.",
)
@click.option(
    "--open", "open_browser", is_flag=True, help="Open the search in your browser (only then)."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def query_cmd(
    text: tuple[str, ...],
    lang: str,
    site: str | None,
    engine: str,
    open_browser: bool,
    as_json: bool,
) -> None:
    """The search query for a problem: error codes and exact messages kept and quoted, product
    and version kept, names and personal data dropped, Dutch symptoms in English.

    growthdesk makes no network call; --open hands the URL to your browser when you ask.

    \b
    Examples:
      growthdesk query "Outlook 2016 loopt vast met 0x800CCC0F, zegt Jan"
      growthdesk query "AADSTS50076 bij inloggen Teams" --lang both
      growthdesk query "FortiClient 7.2 VPN stuck at 98%" --site auto --open
    """
    from growthdesk.assist.query import build_query, resolve_site
    from growthdesk.core.errors import InputError

    problem = _text(text, "query")
    try:
        resolve_site(site if site != "auto" else None)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="--site") from None
    q = build_query(problem, names=_contact_names(_existing_store()), site=site)
    langs = ["en", "nl"] if lang == "both" else [lang]
    if as_json:
        emit_json(q.as_json(langs, engine))
    else:
        echo(style(_("Search the web with:"), bold=True))
        for shown in langs:
            if len(langs) > 1:
                echo(f"  [{shown}] {q.text(shown)}")
            else:
                echo(f"  {q.text(shown)}")
            echo(f"  {q.url(shown, engine)}")
        from growthdesk.assist.query import explain

        info(explain(q))
    if open_browser:
        import webbrowser

        webbrowser.open_new_tab(q.url(langs[0], engine))


@click.command("plain")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--lang",
    type=click.Choice(["auto", "en", "nl"]),
    default="auto",
    show_default=True,
    help="Language of the message (auto: recognised from the text).",
)
@click.option(
    "--expect",
    is_flag=True,
    help="Write the what-happens-next message for the problem TEXT instead of checking TEXT.",
)
@click.option(
    "--skill",
    metavar="ID",
    help="With --expect: the skill area (default: from TEXT).",
    shell_complete=complete_skill,
)
@click.option("--who", metavar="NAME", help="With --expect: who picks it up (default: you).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def plain_cmd(
    text: tuple[str, ...],
    lang: str,
    expect: bool,
    skill: str | None,
    who: str | None,
    as_json: bool,
) -> None:
    """Check a message to an end user: IT jargon with plain alternatives, passive or blaming
    phrasing, and reading ease (Flesch for English, Flesch-Douma for Dutch).

    With --expect, write the message that tells the user what happens next, who does it and
    when, timed on your own history in the problem's skill area.

    \b
    Examples:
      growthdesk plain "I flushed your DNS cache; the ticket has been escalated"
      growthdesk plain "Je profiel is opnieuw aangemaakt" --json
      growthdesk plain --expect "printer op 2e verdieping print niet"
      growthdesk plain --expect "VPN drops" --who "the network team" --lang en
    """
    message = _text(text, "plain")
    if expect:
        _expect(message, None if lang == "auto" else lang, skill, who, as_json)
        return
    if skill or who:
        raise click.UsageError(_("--skill and --who go with --expect"))
    from growthdesk.assist.plain import check

    report = check(message, None if lang == "auto" else lang)
    if as_json:
        emit_json(report.as_json())
        return
    score = report.readability
    if score is not None:
        echo(
            _(
                "Reading ease: {score:.0f} ({label}, {formula})",
                score=score.score,
                label=score.label,
                formula=score.formula,
            )
        )
    from growthdesk.cli.layout import wrap  # not at the top: `query` never wraps (textwrap)

    titles = {
        "jargon": _("Jargon the user may not know"),
        "passive": _("Passive: say who does what"),
        "blame": _("Blaming or belittling"),
    }
    for kind, title in titles.items():
        flags = report.of_kind(kind)
        if not flags:
            continue
        echo("")
        echo(style(title, bold=True))
        for flag in flags:
            better = f" → {flag.suggestion}" if flag.suggestion else " → " + _("leave it out")
            for line in wrap(f"  {flag.text}{better}", hang="    "):
                echo(line)
    if not report.flags:
        info(_("No jargon, passive or blaming phrasing found."))


def _expect(
    problem: str, lang: str | None, skill: str | None, who: str | None, as_json: bool
) -> None:
    from growthdesk.assist.expect import expectation
    from growthdesk.assist.words import detect_language

    store = _existing_store()
    if skill is None:
        from growthdesk.skills.tagger import suggest

        ranked = suggest(problem, store.model("tagger") if store else None)
        if not ranked:
            raise click.BadParameter(
                _("no skill area recognised in the text; give one with --skill"), param_hint="TEXT"
            )
        skill = ranked[0][0]
    else:
        from growthdesk.core.names import did_you_mean
        from growthdesk.skills.ids import SKILL_IDS

        if skill not in SKILL_IDS:
            raise click.BadParameter(
                _("unknown skill area '{skill}'", skill=skill) + did_you_mean(skill, SKILL_IDS),
                param_hint="--skill",
            )
    target = (store.profile().get("target_minutes") if store else None) or 15
    result = expectation(
        skill,
        wins=store.wins() if store else [],
        now=get_app().now(),
        lang=lang or detect_language(problem),
        who=who,
        target_minutes=int(target),
    )
    if as_json:
        emit_json(result.as_json())
        return
    from growthdesk.cli.layout import wrap

    for paragraph in result.message.splitlines():  # its own line breaks kept, long lines wrapped
        for line in wrap(paragraph):
            echo(line)
    basis = result.basis
    if basis.source == "history":
        info(
            _(
                "Timed on {n} of your wins in this area: 80% were solved within {p80:g} min.",
                n=basis.wins,
                p80=basis.p80_minutes,
            )
        )
    else:
        info(
            _(
                "Too few timed wins in this area: timed on your target of {m} min.",
                m=basis.p80_minutes,
            )
        )


@click.command("howto")
@click.option(
    "--min-repeats",
    type=click.IntRange(2, 10000),
    default=3,
    show_default=True,
    help="How often a problem must come back.",
)
@click.option("--since", metavar="DATE", help="From this day (default: the last 30 days).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write.")
@click.option(
    "--lang", type=click.Choice(["en", "nl"]), default=None, help="Language of the drafts."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def howto_cmd(
    min_repeats: int,
    since: str | None,
    fmt: str,
    output: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """How-to drafts for your repeat problems, from your own logged solutions: the most common
    steps first, the variants after, ready to paste into a knowledge base.

    \b
    Examples:
      growthdesk howto
      growthdesk howto --since 2026-01-01 --format html -o howtos.html
      growthdesk howto --lang nl --json
    """
    from datetime import timedelta

    from growthdesk.assist.howto import drafts
    from growthdesk.assist.howto_doc import markdown, to_html
    from growthdesk.core.months import months_between

    app = get_app()
    store = app.reader
    today = app.now().date()
    start = app.day(since) if since else today - timedelta(days=29)
    if start > today:
        raise click.BadParameter(_("{day} is in the future", day=start), param_hint="--since")
    wins = store.wins(months_between(start, today, store.win_months()))
    lang = lang or language()
    found = drafts(
        wins,
        since=start,
        until=today,
        min_repeats=min_repeats,
        names=_contact_names(store),
        lang=lang,
    )
    if as_json:
        emit_json(
            {"since": start.isoformat(), "lang": lang, "drafts": [d.as_json() for d in found]}
        )
        return
    document = to_html(found, lang) if fmt == "html" else markdown(found, lang)
    if output:
        from growthdesk.io.files import write_output

        write_output(output, document.encode())
        info(_("Wrote {n} how-to drafts to {path}", n=len(found), path=output))
    else:
        from growthdesk.cli.layout import on_screen, wrap_markdown

        # wrapped for reading on the screen; `> howto.md` keeps every line as written
        echo(wrap_markdown(document) if fmt == "md" and on_screen() else document, nl=False)
