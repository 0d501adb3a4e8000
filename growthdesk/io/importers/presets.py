"""Header names of each system's export, per growthdesk field (../shared/reference/import-formats.md).

Aliases are matched case- and accent-insensitively with runs of spaces collapsed, in priority
order: for a single-valued field the first non-empty column wins; list fields (category, tags,
details) collect every matching column, so Jira's repeated ``Labels`` columns all count.
An alias starting with ``*`` matches a header suffix (Zendesk's ``Name [list]`` fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FIELDS", "LIST_FIELDS", "UNIT_FIELDS", "Preset", "PRESETS"]

# Fields a column can be mapped to with --map COLUMN=FIELD.
FIELDS = (
    "when",  # solved date
    "problem",
    "details",  # extra problem text: used for tagging only, never stored
    "solution",
    "category",  # a skill hint for the tagger
    "tags",
    "skills",  # growthdesk skill ids (as in our own CSV export)
    "minutes",
    "ref",  # ticket reference
    "assignee",
    # The rest of our own CSV export (growthdesk export --format csv), so that it reads back whole.
    "helped_by",  # contact names, comma-separated
    "escalated",  # yes / no
    "skills_source",  # manual / auto; given, the skills are kept as they are (no auto-tagging)
    "ignore",
)
LIST_FIELDS = frozenset({"category", "tags", "details"})
# --map COLUMN=hours reads that column's plain numbers as hours (into "minutes").
UNIT_FIELDS = {"minutes": 60, "hours": 3600, "seconds": 1}


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...] = ("ref", "problem", "when")
    minutes_unit: int = 60  # seconds per unit of a plain number in the minutes column
    unsolved_ok: bool = True  # rows without a solved date are open tickets: skipped, not rejected
    tag_split: str = r"[,;|]"
    fix_quotes: bool = False  # GLPI 10 writes '' for "
    strip_html: bool = False
    comment_solution: bool = False  # Jira: the last comment is the resolution comment
    # Reads growthdesk's own CSV export as written: a tag keeps its "@" (others drop it) and
    # a date keeps its offset (others are converted to the local zone).
    verbatim: bool = False
    extra: dict[str, object] = field(default_factory=dict)


_GENERIC = Preset(
    name="csv",
    label="generic CSV",
    fields={
        "when": (
            "when",
            "date",
            "datum",
            "solved",
            "resolved",
            "closed",
            "solved at",
            "resolved at",
            "closed at",
            "opgelost",
            "afgemeld",
        ),
        "problem": (
            "problem",
            "summary",
            "subject",
            "title",
            "description",
            "probleem",
            "omschrijving",
            "onderwerp",
            "titel",
        ),
        "solution": ("solution", "resolution", "fix", "oplossing"),
        "category": ("category", "categorie"),
        "tags": ("tags", "labels"),
        "skills": ("skills",),
        "minutes": ("minutes", "minuten", "time spent", "duration", "duur"),
        "ref": ("ref", "ticket", "ticket ref", "ticket number", "ticketnummer"),
        "assignee": ("assignee", "agent", "behandelaar"),
        "helped_by": ("helped_by", "helped by"),
        "escalated": ("escalated",),
        "skills_source": ("skills_source", "skills source"),
    },
    required=("problem", "when"),
    unsolved_ok=False,
    verbatim=True,
)

PRESETS: dict[str, Preset] = {
    "csv": _GENERIC,
    "topdesk": Preset(
        name="topdesk",
        label="TOPdesk",
        fields={
            "ref": ("number", "incidentnummer", "incident number", "nummer", "meldingnummer"),
            "problem": (
                "briefdescription",
                "korte omschrijving (details)",
                "korte omschrijving",
                "brief description",
                "omschrijving",
            ),
            "details": ("request", "verzoek"),
            "solution": ("action", "actie", "oplossing", "solution"),
            "category": (
                "category.name",
                "subcategory.name",
                "category",
                "subcategory",
                "categorie",
                "subcategorie",
            ),
            "when": (
                "completeddate",
                "closeddate",
                "datum afgemeld",
                "datum gereed",
                "afgemeld",
                "gereed",
                "completed date",
                "closed date",
                "datum gesloten",
            ),
            "minutes": ("timespent", "bestede tijd", "tijd besteed", "time spent"),
            "assignee": ("operator.name", "operator", "behandelaar"),
        },
    ),
    "zammad": Preset(
        name="zammad",
        label="Zammad",
        fields={
            "ref": ("#", "number", "nummer", "ticket #"),
            "problem": ("title", "titel"),
            "category": ("group", "groep", "tags"),
            "tags": ("tags",),
            "when": ("closed at", "gesloten op", "closed"),
            # Zammad's time unit is configurable and usually minutes; --map "Time Units Total=hours"
            # says otherwise.
            "minutes": ("time units total", "time units", "tijdeenheden totaal"),
            "assignee": ("owner", "eigenaar"),
        },
    ),
    "osticket": Preset(
        name="osticket",
        label="osTicket",
        fields={
            "ref": ("ticket number", "ticketnummer", "ticket nummer", "ticket #", "number"),
            "problem": ("subject", "onderwerp", "betreff", "sujet"),
            "category": (
                "help topic",
                "helponderwerp",
                "hulponderwerp",
                "help onderwerp",
                "hilfethema",
                "department",
                "afdeling",
                "abteilung",
            ),
            "when": (
                "closed date",
                "datum gesloten",
                "gesloten datum",
                "sluitingsdatum",
                "gesloten",
                "date closed",
                "geschlossen",
                "closed",
            ),
            "assignee": (
                "agent assigned",
                "toegewezen medewerker",
                "toegewezen agent",
                "toegewezen aan",
                "assigned to",
            ),
        },
    ),
    "glpi": Preset(
        name="glpi",
        label="GLPI",
        fields={
            "ref": ("id",),
            "problem": ("title", "titel", "titre", "name", "naam"),
            "details": ("description", "beschrijving"),
            "solution": ("solution", "oplossing", "losung"),
            "category": ("category", "categorie", "kategorie"),
            "when": (
                "resolution date",
                "closing date",
                "datum oplossing",
                "oplosdatum",
                "sluitingsdatum",
                "date de resolution",
                "date de cloture",
                "losungsdatum",
            ),
            # "Resolution time" is elapsed time, not effort: only the tracked duration counts.
            "minutes": ("total duration", "totale duur", "duree totale", "gesamtdauer"),
            "assignee": ("assigned to - technician", "technician", "technicus", "technicien"),
        },
        fix_quotes=True,
        strip_html=True,
    ),
    "jira": Preset(
        name="jira",
        label="Jira",
        fields={
            "ref": ("issue key", "sleutel", "issue-sleutel", "schlussel", "clé"),
            "problem": ("summary", "samenvatting", "zusammenfassung", "résumé"),
            "details": ("description", "beschrijving", "beschreibung"),
            "solution": (
                "custom field (resolution comment)",
                "resolution comment",
                "custom field (solution)",
            ),
            "category": (
                "component/s",
                "components",
                "componenten",
                "labels",
                "custom field (request type)",
                "request type",
            ),
            "tags": ("labels",),
            "when": ("resolved", "opgelost", "erledigt", "résolue", "resolution date"),
            # Jira's CSV writes tracked time in seconds.
            "minutes": ("time spent", "bestede tijd", "σ time spent"),
            "assignee": ("assignee", "toegewezen aan", "bearbeiter"),
        },
        minutes_unit=1,
        comment_solution=True,
    ),
    "servicenow": Preset(
        name="servicenow",
        label="ServiceNow",
        fields={
            "ref": ("number", "nummer"),
            "problem": ("short_description", "short description", "korte beschrijving"),
            "details": ("description", "beschrijving"),
            "solution": ("close_notes", "close notes", "resolution notes", "oplossingsnotities"),
            "category": (
                "category",
                "subcategory",
                "categorie",
                "subcategorie",
                "assignment_group",
                "assignment group",
            ),
            "when": ("resolved_at", "resolved", "closed_at", "closed", "opgelost"),
            # time_worked is effort; calendar_duration is elapsed time since opening, so it is
            # deliberately not read as minutes.
            "minutes": ("time_worked", "time worked", "gewerkte tijd"),
            "assignee": ("assigned_to", "assigned to", "toegewezen aan"),
        },
    ),
    "freshdesk": Preset(
        name="freshdesk",
        label="Freshdesk",
        fields={
            "ref": ("ticket id", "ticket-id"),
            "problem": ("subject", "onderwerp"),
            "details": ("description",),
            "category": ("type", "group", "groep", "tags"),
            "tags": ("tags",),
            "when": ("resolved time", "closed time", "resolved at", "closed at"),
            "minutes": ("time tracked", "bijgehouden tijd"),
            "assignee": ("agent", "assigned agent"),
        },
    ),
    "zendesk": Preset(
        name="zendesk",
        label="Zendesk",
        fields={
            "ref": ("id", "ticket id"),
            "problem": ("subject", "onderwerp"),
            "details": ("description",),
            "category": ("group", "groep", "tags", "*[list]"),
            "tags": ("tags",),
            "when": ("solved at", "solved", "opgelost op"),
            "assignee": ("assignee", "toegewezen aan"),
        },
        tag_split=r"[\s,;|]+",
    ),
}
