"""Every import format on its fixture: exact counts and field values (parsing only, no store)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from growthdesk.core.errors import InputError
from growthdesk.io.importers import ImportFileError, ImportOptions, ImportPlan, parse_file

DATA = Path(__file__).parent / "data" / "imports"
AMS = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


def parse(name: str, fmt: str, **options: object) -> ImportPlan:
    options.setdefault("timezone", "Europe/Amsterdam")
    return parse_file(DATA / name, fmt, ImportOptions(tag=False, **options))  # type: ignore[arg-type]


def counts(plan: ImportPlan) -> dict[str, int]:
    return {
        "read": plan.total,
        "valid": len(plan.rows),
        "rejected": len(plan.rejected),
        "skipped": len(plan.skipped),
        "duplicates": plan.duplicates,
    }


def brief(plan: ImportPlan) -> list[tuple[str, str, str | None, int | None, str | None, list[str]]]:
    return [
        (r["when"], r["problem"], r["solution"], r["minutes"], r["ticket"], r["tags"])
        for r in plan.rows
    ]


def test_topdesk_dutch_semicolon_dayfirst_cp1252() -> None:
    plan = parse("topdesk_nl.csv", "topdesk", dayfirst=True)
    assert counts(plan) == {"read": 4, "valid": 3, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert brief(plan) == [
        (
            "2024-05-03T14:30:00+02:00",
            "Printer 3e verdieping geeft papierstoring",
            "Fuser vervangen, testpagina OK",
            25,
            "I 2405 001",
            [],
        ),
        (
            "2024-05-13T08:45:00+02:00",
            "Wachtwoord reset voor nieuwe medewerker",
            "Reset via AD, MFA opnieuw gekoppeld",
            15,
            "I 2405 002",
            [],
        ),
        (
            "2024-06-04T16:05:00+02:00",
            'Outlook start niet op na update \u2013 "veilige modus" werkt',
            "Office herstel uitgevoerd op \u00e9\u00e9n pc",
            65,
            "I 2406 004",
            [],
        ),
    ]
    assert plan.skipped == [(4, "not solved yet (no 'Datum afgemeld')")]
    assert all(r["source"] == "topdesk" for r in plan.rows)
    assert plan.hints[0] == (
        "Printer 3e verdieping geeft papierstoring Fuser vervangen, testpagina OK",
        "Hardware / Printer",
    )


def test_topdesk_ambiguous_dates_are_rejected_by_row() -> None:
    plan = parse("topdesk_nl.csv", "topdesk")
    assert [n for n, _ in plan.rejected] == [2, 5]
    assert "ambiguous date '03-05-2024 14:30'" in plan.rejected[0][1]
    assert "--dayfirst" in plan.rejected[0][1]
    # 13-05-2024 can only be day-first, so that row stands.
    assert [r["ticket"] for r in plan.rows] == ["I 2405 002"]


def test_date_format_decides_like_dayfirst() -> None:
    plan = parse("topdesk_nl.csv", "topdesk", date_format="%d-%m-%Y %H:%M")
    assert [r["when"][:10] for r in plan.rows] == ["2024-05-03", "2024-05-13", "2024-06-04"]


def test_osticket_bom_and_formula_guard() -> None:
    plan = parse("osticket.csv", "osticket")
    assert counts(plan) == {"read": 3, "valid": 2, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert brief(plan) == [
        ("2024-05-06T10:15:00+02:00", "Cannot connect to VPN from home", None, None, "100231", []),
        # the ' that guarded "@mentions" in the spreadsheet is gone
        (
            "2024-05-07T16:40:00+02:00",
            "@mentions not working in Teams chat",
            None,
            None,
            "100232",
            [],
        ),
    ]
    assert plan.hints[0][1] == "Remote Access / IT Support"  # alias priority: Help Topic first


def test_osticket_dutch_headers() -> None:
    plan = parse("osticket_nl.csv", "osticket")
    assert brief(plan) == [
        (
            "2024-06-03T11:30:00+02:00",
            "Scanner mailt niet meer naar gebruikers",
            None,
            None,
            "200511",
            [],
        ),
    ]
    assert plan.hints[0][1] == "Printen en scannen / IT"


def test_glpi_multiline_solution_quotes_and_html() -> None:
    plan = parse("glpi.csv", "glpi")
    assert counts(plan) == {"read": 3, "valid": 2, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert brief(plan) == [
        (
            "2024-05-14T11:20:00+02:00",
            "Excel macro blocked after update",
            "Unblocked the file:\n1. Properties > Unblock\n2. Added the share to Trusted Locations",
            30,
            "1042",
            [],
        ),
        (
            "2024-05-15T09:00:00+02:00",
            'Shared mailbox "Sales" not visible',
            "Added FullAccess permission.\nRestarted Outlook.",
            65,
            "1043",
            [],
        ),
    ]
    assert plan.hints[0][1] == "Software > Office"
    assert plan.skipped == [(4, "not solved yet (no 'Resolution date')")]


def test_jira_repeated_labels_comments_and_seconds() -> None:
    plan = parse("jira.csv", "jira", timezone="UTC")
    assert counts(plan) == {"read": 3, "valid": 2, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert brief(plan) == [
        (
            "2024-05-11T15:26:00+00:00",
            "VPN client fails with error 809",
            "Enabled NAT-T registry key, rebooted",
            30,
            "HD-101",
            ["vpn", "windows"],
        ),
        (
            "2024-05-13T09:05:00+00:00",
            "Printer offline on floor 2",
            "Power-cycled and re-added the queue",
            15,
            "HD-102",
            ["printer", "hp", "onsite"],
        ),
    ]
    assert plan.hints[0][1] == "Remote Access / vpn / windows"


def test_servicenow_display_durations() -> None:
    plan = parse("servicenow.csv", "servicenow")
    assert counts(plan) == {"read": 4, "valid": 3, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert [(r["ticket"], r["minutes"], r["solution"]) for r in plan.rows] == [
        ("INC0010001", 12, "Removed stale credentials from Credential Manager"),
        ("INC0010002", 65, "Updated DisplayLink driver"),
        ("INC0010004", 45, "Re-ran the GPO login script"),  # raw "1970-01-01 00:45:00"
    ]
    assert plan.rows[0]["when"] == "2024-05-06T05:01:00+02:00"
    assert plan.hints[0][1] == "Software / Email / Service Desk"


def test_servicenow_excel_labels(tmp_path: Path) -> None:
    path = tmp_path / "incident.csv"
    path.write_text(
        '"Number","Short description","Category","Resolved","Resolution notes","Time worked"\n'
        '"INC0020001","VPN drops","Network","2024-05-10 12:00:00","New client","25 Days 21 Hours 1 Minute"\n',
        encoding="utf-8",
    )
    plan = parse_file(path, "servicenow", ImportOptions(tag=False, timezone="UTC"))
    # 25 days of *effort* is over the 24-hour limit of one win: rejected, never silently kept.
    assert plan.rejected == [(2, "37261 minutes is more than the limit of 1440 (24 hours)")]


def test_freshdesk_closed_time_fallback_and_hhmm() -> None:
    plan = parse("freshdesk.csv", "freshdesk")
    assert [(r["ticket"], r["when"], r["minutes"], r["tags"]) for r in plan.rows] == [
        ("5001", "2024-05-20T09:40:00+02:00", 20, ["mfa", "authenticator"]),
        ("5002", "2024-05-21T15:10:00+02:00", 90, []),
    ]
    assert plan.skipped == [(4, "not solved yet (no 'Resolved time')")]


def test_zendesk_space_separated_tags_and_list_fields() -> None:
    plan = parse("zendesk.csv", "zendesk")
    assert [(r["ticket"], r["when"], r["minutes"], r["tags"]) for r in plan.rows] == [
        ("7001", "2024-05-27T09:30:00+02:00", None, ["pdf", "outlook"]),
        ("7002", "2024-05-28T11:15:00+02:00", None, ["wifi", "certificate"]),
    ]
    # "Full resolution time in minutes" is elapsed time, so minutes stay empty.
    assert plan.hints[0][1] == "Support / pdf outlook / Email"


def test_generic_csv_needs_map() -> None:
    with pytest.raises(ImportFileError, match="missing required column for 'problem'"):
        parse("generic.csv", "csv")
    plan = parse(
        "generic.csv",
        "csv",
        mapping=[
            ("wat", "problem"),
            ("Hoe", "solution"),
            ("Min", "minutes"),
            ("Nummer", "ref"),
            ("Soort", "category"),
        ],
    )
    assert brief(plan) == [
        (
            "2024-05-02T10:00:00+02:00",
            "Reset MFA token for sales rep",
            "Re-registered the authenticator app",
            5,
            "T-1",
            [],
        ),
        (
            "2024-05-03T15:30:00+02:00",
            "=Budget sheet shows #REF errors",
            "Restored the named range",
            20,
            "T-2",
            [],
        ),
        ("2024-05-06T00:00:00+02:00", "Mapped network drive for new hire", None, None, "T-3", []),
    ]


def test_map_overrides_preset_and_names_bad_columns() -> None:
    # Use the opening date instead of the closing date: --map replaces the preset's 'when'.
    plan = parse("jira.csv", "jira", timezone="UTC", mapping=[("Created", "when")])
    assert [r["when"] for r in plan.rows][:2] == [
        "2024-05-10T09:15:00+00:00",
        "2024-05-13T08:40:00+00:00",
    ]
    assert counts(plan)["valid"] == 3  # the open ticket has a Created date
    with pytest.raises(InputError, match="no column 'Closed On' in the file"):
        parse("jira.csv", "jira", mapping=[("Closed On", "when")])
    with pytest.raises(InputError, match="unknown field 'wehn'.*Did you mean 'when'"):
        parse("jira.csv", "jira", mapping=[("Created", "wehn")])


def test_map_hours_unit() -> None:
    plan = parse("generic.csv", "csv", mapping=[("wat", "problem"), ("min", "hours")])
    assert [r["minutes"] for r in plan.rows] == [300, 1200, None]
    assert plan.rejected == []


def test_zammad_xlsx_with_xls_name(tmp_path: Path) -> None:
    path = tmp_path / "tickets.xls"  # Zammad serves XLSX under an .xls name
    shutil.copy(DATA / "zammad.xlsx", path)
    plan = parse_file(path, "zammad", ImportOptions(tag=False))
    assert counts(plan) == {"read": 3, "valid": 2, "rejected": 0, "skipped": 1, "duplicates": 0}
    assert [(r["ticket"], r["problem"], r["minutes"], r["tags"]) for r in plan.rows] == [
        ("31001", "Password reset for new hire", 10, ["accounts", "onboarding"]),
        ("31002", "Monitor flickering on docking station", None, []),
    ]
    berlin = ZoneInfo("Europe/Berlin")
    # The footer says the naive dates are Berlin time, whatever the machine's zone.
    assert datetime.fromisoformat(plan.rows[0]["when"]) == datetime(
        2024, 5, 6, 8, 20, tzinfo=berlin
    )
    assert datetime.fromisoformat(plan.rows[1]["when"]) == datetime(
        2024, 5, 8, 14, 45, tzinfo=berlin
    )
    assert plan.skipped == [(6, "not solved yet (no 'Closed At')")]
    assert plan.notes == ["dates without an offset read in Europe/Berlin, as the file says"]
    assert plan.hints[0][1] == "Service Desk / accounts, onboarding"


def test_jrnl() -> None:
    plan = parse("jrnl.json", "jrnl")
    assert brief(plan) == [
        (
            "2024-05-02T16:45:00+02:00",
            "Fixed VPN for the remote sales team.",
            "Split tunnel config pushed the wrong DNS suffix; corrected it in the profile.",
            None,
            None,
            ["vpn"],
        ),
        (
            "2024-05-03T09:10:00+02:00",
            "Label printer in the warehouse prints blank labels.",
            None,
            None,
            None,
            ["printer"],
        ),
        (
            "2024-05-06T11:30:00+02:00",
            "Set up accounts for three new hires.",
            "AD, mailbox and MFA.\nUsed the onboarding checklist.",
            None,
            None,
            ["onboarding"],
        ),
    ]


def test_watson_frames_including_old_rows() -> None:
    plan = parse("watson_frames", "watson")
    assert brief(plan) == [
        (
            "2024-05-02T09:30:00+02:00",
            "printer-fixes: hp, floor2",
            None,
            30,
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            ["hp", "floor2"],
        ),
        (
            "2024-05-02T11:15:00+02:00",
            "onboarding",
            None,
            75,
            "1a2b3c4d5e6f708192a3b4c5d6e7f809",
            [],
        ),
        (
            "2024-05-03T14:20:00+02:00",
            "vpn-support",
            None,
            20,
            "2b3c4d5e6f708192a3b4c5d6e7f8091a",
            [],
        ),
    ]


def test_watson_log_json_and_csv(tmp_path: Path) -> None:
    plan = parse("watson_log.json", "watson")
    assert brief(plan) == [
        (
            "2024-05-06T10:40:00+02:00",
            "mailbox-migration: exchange, m365",
            None,
            100,
            "3c4d5e6f708192a3b4c5d6e7f8091a2b",
            ["exchange", "m365"],
        ),
    ]
    path = tmp_path / "log.csv"
    path.write_text(
        "id,start,stop,project,tags\n"
        'abc123,2024-05-06 09:00:00,2024-05-06 09:45:00,printer-fixes,"hp, toner"\n',
        encoding="utf-8",
    )
    plan = parse_file(path, "watson", ImportOptions(tag=False, timezone="UTC"))
    assert brief(plan) == [
        (
            "2024-05-06T09:45:00+00:00",
            "printer-fixes: hp, toner",
            None,
            45,
            "abc123",
            ["hp", "toner"],
        )
    ]


def test_topdesk_api_json(tmp_path: Path) -> None:
    path = tmp_path / "incidents.json"
    path.write_text(
        '[{"number": "I 2102 001", "briefDescription": "Laptop won\'t boot",'
        ' "request": "Black screen after BIOS update", "action": "Rolled back BIOS",'
        ' "category": {"id": "x", "name": "Hardware"}, "subcategory": {"name": "Laptop"},'
        ' "completedDate": "2021-02-11T06:32:36.303+0000", "timeSpent": 40}]',
        encoding="utf-8",
    )
    plan = parse_file(path, "topdesk", ImportOptions(tag=False, timezone="UTC"))
    assert brief(plan) == [
        ("2021-02-11T06:32:36+00:00", "Laptop won't boot", "Rolled back BIOS", 40, "I 2102 001", [])
    ]
    assert plan.hints[0] == (
        "Laptop won't boot Black screen after BIOS update Rolled back BIOS",
        "Hardware / Laptop",
    )


def test_tagger_gets_the_category_as_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    calls: list[tuple[str, str | None]] = []
    fake = types.ModuleType("growthdesk.skills.tagger")

    def suggest(
        text: str, model: object = None, hint: str | None = None
    ) -> list[tuple[str, float]]:
        calls.append((text, hint))
        return [("remote_access", 0.9)] if "VPN" in text else [("printing", 0.2)]

    def decide(ranked: list[tuple[str, float]]) -> tuple[list[str], bool]:
        return [ranked[0][0]], ranked[0][1] > 0.5

    fake.suggest = suggest  # type: ignore[attr-defined]
    fake.decide = decide  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "growthdesk.skills.tagger", fake)
    import growthdesk.skills

    monkeypatch.setattr(growthdesk.skills, "tagger", fake, raising=False)
    plan = parse_file(DATA / "jira.csv", "jira", ImportOptions(timezone="UTC"))
    assert [h for _t, h in calls] == [
        "Remote Access / vpn / windows",
        "Printing / printer / hp / onsite",
    ]
    # Confident -> applied; not confident -> left empty (as growthdesk log does).
    assert [(r["skills"], r["skills_source"]) for r in plan.rows] == [
        (["remote_access"], "auto"),
        ([], "auto"),
    ]


def test_real_tagger_uses_the_category_hint(tmp_path: Path) -> None:
    path = tmp_path / "osticket.csv"
    path.write_text(
        "Ticket Number,Subject,Help Topic,Closed Date\n"
        "9,User called back,Remote Access,2024-05-06 10:15\n",
        encoding="utf-8",
    )
    plan = parse_file(path, "osticket", ImportOptions(timezone="UTC"))
    assert plan.rows[0]["skills"] == ["remote_access"]  # the text alone says nothing
    assert plan.rows[0]["skills_source"] == "auto"
    jira = parse_file(DATA / "jira.csv", "jira", ImportOptions(timezone="UTC"))
    assert [r["skills"] for r in jira.rows] == [["remote_access"], ["printing"]]
