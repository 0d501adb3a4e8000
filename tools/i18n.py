"""The translation workflow (docs/TRANSLATING.md): extract, update, compile, check.

    python tools/i18n.py extract          # growthdesk/locale/growthdesk.pot from the source
    python tools/i18n.py update           # merge the .pot into every language's .po
    python tools/i18n.py compile          # every .po -> .mo (committed, shipped in the wheel)
    python tools/i18n.py check            # what the tests check: up to date, complete, compiled
    python tools/i18n.py init LANG        # start a new language

Needs Babel (a development tool: `pip install -e '.[test]'`), never the installed program.

The .pot has three sources: our code (``_``, ``N_``, ``ngettext:1,2``, ``pgettext:1c,2``), the
help texts of every command (docstrings and option help, walked from the click group, one msgid
per paragraph as growthdesk.cli.language shows them) and click's own messages (the installed
click's source, keywords ``_`` and ``ngettext:1,2``).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "growthdesk" / "locale"
POT = LOCALE / "growthdesk.pot"
DOMAIN = "growthdesk"
KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2"]
CLICK_KEYWORDS = ["_", "ngettext:1,2"]
WIDTH = 100

Message = tuple[str | tuple[str, str], str | None, str]  # (msgid or (sing, plural), context, where)


def _extract(folder: Path, keywords: list[str], prefix: str) -> Iterator[Message]:
    # Babel warns about every f-string passed as a keyword argument (`count=f"{n:,}"`), which
    # is fine: only the first (message) arguments are extracted.
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(
            extract_from_dir(
                str(folder),
                method_map=[("**.py", "python")],
                keywords=parse_keywords(keywords),
                comment_tags=(),
                strip_comment_tags=True,
            )
        )
    for filename, _lineno, msg, _comments, context in found:
        if isinstance(msg, tuple):
            yield (msg[0], msg[1]), context, f"{prefix}{filename}"
        else:
            yield msg, context, f"{prefix}{filename}"


def _in_fstrings(folder: Path, prefix: str) -> Iterator[Message]:
    """Calls inside f-strings (``f"<h2>{_('Kudos')}</h2>"``), which Babel's tokenizer does not
    look into before Python 3.12: found with ast."""
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = f"{prefix}{path.relative_to(folder)}"
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
                    continue
                args = [a.value if isinstance(a, ast.Constant) else None for a in call.args]
                if call.func.id in ("_", "N_") and args and isinstance(args[0], str):
                    yield args[0], None, where
                elif (
                    call.func.id == "ngettext"
                    and len(args) > 1
                    and all(isinstance(a, str) for a in args[:2])
                ):
                    yield (str(args[0]), str(args[1])), None, where
                elif (
                    call.func.id == "pgettext"
                    and len(args) > 1
                    and all(isinstance(a, str) for a in args[:2])
                ):
                    yield str(args[1]), str(args[0]), where


def _help_texts() -> Iterator[Message]:
    """Every paragraph of every command's help and every option's help."""
    import click

    from growthdesk.cli import cli
    from growthdesk.cli.language import help_paragraphs

    def walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, [*path, name])

    for path, command in walk(cli, []):
        where = "help:growthdesk" + "".join(f"/{name}" for name in path)
        texts = [command.help, command.short_help, command.epilog]
        texts += [getattr(p, "help", None) for p in command.params]
        for text in texts:
            if not text:
                continue
            for translatable, para in help_paragraphs(text):
                if translatable:
                    yield para, None, where
                else:
                    lines = para.split("\n")
                    if len(lines) > 1 and lines[1].strip().endswith(":"):
                        yield lines[1].strip(), None, where


def template() -> Catalog:
    """The .pot as it should be for the source as it is."""
    import click

    catalog = Catalog(
        domain=DOMAIN,
        project="growthdesk",
        version="",
        copyright_holder="growthdesk",
        msgid_bugs_address="",
        charset="utf-8",
    )
    messages = [
        *_extract(ROOT / "growthdesk", KEYWORDS, "growthdesk/"),
        *_in_fstrings(ROOT / "growthdesk", "growthdesk/"),
        *_help_texts(),
        *_extract(Path(click.__file__).parent, CLICK_KEYWORDS, "click/"),
    ]
    for msgid, context, where in messages:
        catalog.add(msgid, locations=[(where, None)], context=context)
    return catalog


def _write(catalog: Catalog, path: Path, *, template: bool = False) -> None:
    if not template:
        catalog.fuzzy = False  # the header of a translation is not a guess
        catalog.project, catalog.version = "growthdesk", ""
        catalog.last_translator = catalog.language_team = "growthdesk"
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        omit_header=False,
        ignore_obsolete=True,
    )
    text = buf.getvalue()
    # No dates in the files: re-running a step on an unchanged tree changes nothing.
    lines = [
        line
        for line in text.split(b"\n")
        if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\n".join(lines))


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def compiled(lang: str) -> bytes:
    """The .mo that the .po of *lang* compiles to (fuzzy entries left out)."""
    catalog = read(po_path(lang), lang)
    # The .po files carry no dates (see _write); Babel would put "now" in the .mo header,
    # and the same .po would compile to a different .mo every minute.
    catalog.creation_date = catalog.revision_date = datetime(2026, 1, 1, tzinfo=timezone.utc)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def msgids(catalog: Catalog) -> set[tuple[object, object]]:
    return {(m.id, m.context) for m in catalog if m.id}


def problems() -> list[str]:
    """Everything `check` (and tests/test_i18n_catalogue.py) refuses."""
    found = []
    fresh, shipped = msgids(template()), msgids(read(POT))
    for missing in sorted(map(str, fresh - shipped)):
        found.append(f"growthdesk.pot lacks {missing}: run `python tools/i18n.py extract`")
    for stale in sorted(map(str, shipped - fresh)):
        found.append(f"growthdesk.pot still has {stale}: run `python tools/i18n.py extract`")
    for lang in languages():
        po = read(po_path(lang), lang)
        if msgids(po) != shipped:
            found.append(f"{lang}: the .po is not merged with the .pot: run `tools/i18n.py update`")
        for m in po:
            if not m.id:
                continue
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.fuzzy or not all(strings):
                state = "fuzzy" if m.fuzzy else "untranslated"
                found.append(f"{lang}: {state}: {m.id!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(lang):
            found.append(f"{lang}: the .mo is not the compiled .po: run `tools/i18n.py compile`")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["extract", "update", "compile", "check", "init"])
    parser.add_argument("lang", nargs="?")
    args = parser.parse_args()
    if args.step == "extract":
        _write(template(), POT, template=True)
    elif args.step == "init":
        if not args.lang:
            parser.error("init needs a language code, e.g. `init de`")
        po = read(POT, args.lang)
        po.locale = args.lang  # type: ignore[assignment]
        _write(po, po_path(args.lang))
    elif args.step == "update":
        pot = read(POT)
        for lang in languages():
            po = read(po_path(lang), lang)
            po.update(pot, update_header_comment=False)
            _write(po, po_path(lang))
    elif args.step == "compile":
        for lang in languages():
            po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
    else:
        issues = problems()
        print("\n".join(issues) or "catalogues OK")
        sys.exit(1 if issues else 0)


if __name__ == "__main__":
    main()
