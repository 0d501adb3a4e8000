"""Restore a growthdesk export (``import FILE --from json``): ids and all, in one transaction.

Into an empty home this gives identical data. Into a home that already holds some of the same
records (an earlier restore of the same backup), only the missing ones are added; a different
record under the same id is refused, because ids are what records use to point at each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.text import LONG_TEXT, SHORT_TEXT, TEXT, check_text
from growthdesk.io.export import EXPORT_MODELS
from growthdesk.io.importers.base import ImportPlan
from growthdesk.io.importers.native import EXPORT_TABLES

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["RestoreConflict", "RestoreResult", "restore", "restore_preview"]

_Tables = dict[str, list[dict[str, Any]]]


class RestoreConflict(InputError):
    """The home already holds different records under the ids of the export."""


@dataclass
class RestoreResult:
    added: int = 0
    duplicates: int = 0  # records of the export already in the home
    per_table: dict[str, int] = field(default_factory=dict)  # records added ("profile": 1 if set)


# The text fields of each table with the limit `growthdesk` applies when they are typed (README
# "Text fields"); True: several lines allowed. A restore refuses what typing would refuse.
_TEXT_FIELDS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    "wins": (("problem", TEXT, False), ("solution", LONG_TEXT, True), ("ticket", SHORT_TEXT, False),
             ("tags", SHORT_TEXT, False)),
    "contacts": (("name", SHORT_TEXT, False), ("org", SHORT_TEXT, False),
                 ("email", SHORT_TEXT, False), ("phone", SHORT_TEXT, False),
                 ("notes", LONG_TEXT, True)),
    "links": (("note", LONG_TEXT, True),),
    "interactions": (("note", LONG_TEXT, True),),
    "events": (("name", SHORT_TEXT, False),),
    "learning": (("title", TEXT, False), ("url", TEXT, False)),
    "kudos": (("from", SHORT_TEXT, False), ("note", TEXT, False)),
}  # fmt: skip


def _check_text(doc: dict[str, Any], name: str) -> None:
    """Refuse the export if a text field breaks the rules of typed input (core.text.check_text):
    a control character (an escape sequence in a contact name) or more than the field's limit."""
    for table, fields in _TEXT_FIELDS.items():
        for i, rec in enumerate(doc.get(table, []), start=1):
            for field_name, limit, multiline in fields:
                value = rec.get(field_name)
                for text in value if isinstance(value, list) else [value]:
                    if not isinstance(text, str):
                        continue  # None, or a type the record check has refused already
                    try:
                        check_text(text, f"'{field_name}'", limit, multiline=multiline)
                    except InputError as exc:
                        where = _("{table} record {i}", table=table, i=i)
                        raise InputError(
                            _(
                                "{name}: nothing restored: {where} (id {id}): {why}",
                                name=name,
                                where=where,
                                id=rec["id"],
                                why=exc,
                            )
                        ) from None


def _is_default_profile(profile: Mapping[str, Any]) -> bool:
    from growthdesk.store import PROFILE_DEFAULTS

    return all(profile.get(k) == v for k, v in PROFILE_DEFAULTS.items()) and set(profile) <= set(
        PROFILE_DEFAULTS
    )


def _missing(
    read_all: Callable[[str], list[dict[str, Any]]], doc: dict[str, Any], name: str
) -> _Tables:
    """Per table, the records of the export the home lacks (refs checked on the combined set)."""
    _check_text(doc, name)
    missing: _Tables = {}
    after: _Tables = {}
    for table in EXPORT_TABLES:
        have = {r["id"]: r for r in read_all(table)}
        todo = []
        for rec in doc.get(table, []):
            current = have.get(rec["id"])
            if current is None:
                todo.append(rec)
            elif current != rec:
                raise RestoreConflict(
                    _(
                        "nothing restored: this home already holds a different {table} record "
                        "#{id}; restore {name} into an empty home (growthdesk --home NEW_FOLDER "
                        "import {name} --from json)",
                        table=table.rstrip("s"),
                        id=rec["id"],
                        name=name,
                    )
                )
        missing[table] = todo
        after[table] = [*have.values(), *todo]
    _check_refs(after)
    return missing


def restore_preview(store: Store, plan: ImportPlan) -> dict[str, int]:
    """Per table, how many records a restore would add (raises RestoreConflict)."""
    assert plan.restore is not None
    return {t: len(v) for t, v in _missing(store.all, plan.restore, plan.path.name).items()}


def restore(store: Store, plan: ImportPlan) -> RestoreResult:
    """Put a full export back in one undoable transaction (see the module docstring)."""
    doc = plan.restore
    assert doc is not None
    label = _("restore from {file}", file=plan.path.name)
    result = RestoreResult()
    with store.transaction(label) as tx:
        # References are checked on the combined records before anything is inserted.
        for table, records in _missing(tx.all, doc, plan.path.name).items():
            if records:
                tx.insert_many(table, [dict(r) for r in records])
            result.per_table[table] = len(records)
        profile = doc.get("profile") or {}
        if profile and profile != tx.profile() and _is_default_profile(tx.profile()):
            tx.set_profile(dict(profile))
            result.per_table["profile"] = 1
        for name, blob in (doc.get("models") or {}).items():
            if name in EXPORT_MODELS and isinstance(blob, dict) and tx.model(name) is None:
                tx.set_model(name, blob)
    result.added = sum(n for t, n in result.per_table.items() if t != "profile")
    result.duplicates = sum(len(doc.get(t, [])) for t in EXPORT_TABLES) - result.added
    return result


def _check_refs(tables: _Tables) -> None:
    """Refuse a restore whose records point at contacts/events/wins that do not exist."""
    contacts = {c["id"] for c in tables["contacts"]}
    events = {e["id"] for e in tables["events"]}
    wins = {w["id"] for w in tables["wins"]}
    problems: list[str] = []
    for win in tables["wins"]:
        problems += [
            f"win #{win['id']} → contact #{c}"
            for c in win.get("helped_by") or []
            if c not in contacts
        ]
    for link in tables["links"]:
        problems += [
            f"link #{link['id']} → contact #{c}"
            for c in (link.get("a"), link.get("b"))
            if c not in contacts
        ]
    for item in tables["interactions"]:
        if item.get("contact") not in contacts:
            problems.append(f"interaction #{item['id']} → contact #{item.get('contact')}")
    for contact in tables["contacts"]:
        if contact.get("met_at") is not None and contact["met_at"] not in events:
            problems.append(f"contact #{contact['id']} → event #{contact['met_at']}")
    for event in tables["events"]:
        problems += [
            f"event #{event['id']} → contact #{c}"
            for c in event.get("met") or []
            if c not in contacts
        ]
    for kudo in tables["kudos"]:
        if kudo.get("win") is not None and kudo["win"] not in wins:
            problems.append(f"kudos #{kudo['id']} → win #{kudo['win']}")
    if problems:
        raise InputError(
            _(
                "nothing restored: the export points at records it does not contain ({first})",
                first="; ".join(problems[:3]),
            )
        )
