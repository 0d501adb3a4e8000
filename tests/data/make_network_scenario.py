"""Generate tests/data/network_scenario.json: a labelled "whom to ask" scenario.

Run:  .venv/bin/python tests/data/make_network_scenario.py   (deterministic; output is committed)

The network has hidden TRUE expertise per contact. The ranker never sees it: it sees only what
an agent would have recorded, which is noisy:
  * declared specialties: ~70% of true skills are declared (level ±1), plus some skills people
    claim at level 2-3 without being the go-to person;
  * help history: wins where a helper was chosen in proportion to true level² and tie strength
    (you ask the people you know), so strong experts you rarely talk to leave less evidence.
Labels ("right people to ask") come from the hidden truth: true level ≥ 4 on the query's skill,
not do_not_ask, and reachable through the network. Queries are written by hand, EN and NL.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

TODAY = date(2026, 11, 26)
SEED = 20261126

# name, kind, org, strength (None = known only via someone), days since last contact,
# true skills {id: level}, notes
PEOPLE: list[tuple[str, str, str | None, int | None, int | None, dict[str, int], str]] = [
    (
        "Ana de Vries",
        "colleague",
        "Service Desk",
        5,
        3,
        {"network_connectivity": 5, "remote_access": 4},
        "second line network",
    ),
    (
        "Bram Jansen",
        "colleague",
        "Service Desk",
        4,
        10,
        {"accounts_passwords": 5, "access_permissions": 4},
        "",
    ),
    (
        "Chantal Bakker",
        "colleague",
        "Workplace",
        4,
        25,
        {"os_desktop": 5, "endpoint_management": 4},
        "Intune and SCCM",
    ),
    ("Daan Visser", "colleague", "Workplace", 3, 60, {"hardware": 5, "printing": 4}, ""),
    (
        "Eva Smit",
        "colleague",
        "Collaboration",
        5,
        5,
        {"m365_collaboration": 5, "email_calendar": 4},
        "Teams and SharePoint admin",
    ),
    (
        "Fatima El Amrani",
        "colleague",
        "Security",
        3,
        40,
        {"security_incidents": 5, "accounts_passwords": 3},
        "phishing triage",
    ),
    (
        "Gijs Mulder",
        "colleague",
        "Infra",
        2,
        200,
        {"server_infrastructure": 5, "files_storage_backup": 4},
        "",
    ),
    (
        "Hanna Peters",
        "colleague",
        "Infra",
        4,
        15,
        {"cloud_platforms": 5, "scripting_automation": 4},
        "Azure landing zone",
    ),
    (
        "Ilse de Boer",
        "colleague",
        "Applications",
        4,
        20,
        {"business_apps": 5, "data_reporting": 3},
        "AFAS and Exact",
    ),
    (
        "Jeroen Dekker",
        "colleague",
        "BI",
        3,
        45,
        {"data_reporting": 5, "office_apps": 4},
        "Power BI",
    ),
    (
        "Kees van Dijk",
        "colleague",
        "Service Desk",
        5,
        2,
        {"itsm_process": 5, "user_guidance": 4},
        "TOPdesk key user",
    ),
    (
        "Lotte Vermeer",
        "colleague",
        "Workplace",
        3,
        70,
        {"mobile_devices": 5, "telephony_av": 3},
        "iPhone and Android enrolment",
    ),
    (
        "Mehmet Yilmaz",
        "colleague",
        "Facilities IT",
        3,
        30,
        {"telephony_av": 5, "hardware": 3},
        "meeting rooms, Teams Rooms",
    ),
    (
        "Noor Hendriks",
        "colleague",
        "Service Desk",
        4,
        8,
        {"office_apps": 5, "user_guidance": 4},
        "Excel wizard",
    ),
    (
        "Olaf Brouwer",
        "colleague",
        "Infra",
        2,
        300,
        {"network_connectivity": 4, "server_infrastructure": 4},
        "",
    ),
    (
        "Petra Kok",
        "colleague",
        "Workplace",
        4,
        12,
        {"software_install": 5, "endpoint_management": 5},
        "packaging",
    ),
    ("Quinten Bos", "colleague", "Service Desk", 3, 90, {"printing": 5, "hardware": 3}, ""),
    (
        "Rik Willems",
        "colleague",
        "DevOps",
        2,
        150,
        {"scripting_automation": 5, "cloud_platforms": 4},
        "PowerShell and Python",
    ),
    (
        "Sanne de Graaf",
        "colleague",
        "Security",
        3,
        35,
        {"access_permissions": 5, "security_incidents": 4},
        "IAM, role models",
    ),
    (
        "Tom Koster",
        "colleague",
        "Infra",
        3,
        50,
        {"files_storage_backup": 5, "server_infrastructure": 3},
        "Veeam",
    ),
    (
        "Umar Haddou",
        "colleague",
        "Service Desk",
        5,
        1,
        {"user_guidance": 3, "accounts_passwords": 3},
        "",
    ),
    (
        "Vera Lammers",
        "colleague",
        "Collaboration",
        3,
        100,
        {"email_calendar": 5, "m365_collaboration": 3},
        "Exchange Online",
    ),
    (
        "Wouter Prins",
        "colleague",
        "Management",
        5,
        4,
        {"itsm_process": 4, "business_apps": 3},
        "team lead",
    ),
    (
        "Xander Maas",
        "colleague",
        "Workplace",
        1,
        400,
        {"os_desktop": 4, "software_install": 3},
        "left for another team",
    ),
    (
        "Yara Claes",
        "colleague",
        "Applications",
        2,
        120,
        {"business_apps": 4, "data_reporting": 4},
        "",
    ),
    (
        "Zoë Wouters",
        "colleague",
        "Service Desk",
        4,
        6,
        {"mobile_devices": 3, "remote_access": 3},
        "",
    ),
    (
        "Aylin Kaya",
        "colleague",
        "Infra",
        3,
        20,
        {"remote_access": 5, "network_connectivity": 3},
        "VPN gateways",
    ),
    ("Bas Kuipers", "colleague", "Service Desk", 3, 14, {"printing": 3, "os_desktop": 3}, ""),
    # vendors and community, some only via a colleague
    (
        "Dev Patel",
        "vendor",
        "Cisco",
        None,
        None,
        {"remote_access": 5, "network_connectivity": 5},
        "AnyConnect escalation engineer",
    ),
    (
        "Emma Laurent",
        "vendor",
        "Microsoft",
        2,
        160,
        {"m365_collaboration": 5, "email_calendar": 5, "cloud_platforms": 4},
        "Microsoft partner TAM",
    ),
    (
        "Frank Hoekstra",
        "vendor",
        "HP",
        2,
        220,
        {"printing": 5, "hardware": 5},
        "HP printer fleet, toner contracts",
    ),
    (
        "Greta Olsen",
        "vendor",
        "Fortinet",
        None,
        None,
        {"security_incidents": 4, "network_connectivity": 4},
        "FortiGate firewalls",
    ),
    (
        "Hugo Martens",
        "vendor",
        "Dell",
        3,
        80,
        {"hardware": 4, "endpoint_management": 3},
        "warranty and docking stations",
    ),
    ("Iris Verbeek", "vendor", "AFAS", None, None, {"business_apps": 5}, "AFAS Profit consultant"),
    (
        "Joost Schouten",
        "vendor",
        "Veeam",
        None,
        None,
        {"files_storage_backup": 5},
        "backup restores",
    ),
    ("Karin Vos", "vendor", "Avaya", 1, 350, {"telephony_av": 5}, "telephony platform"),
    (
        "Lars Nilsen",
        "vendor",
        "Okta",
        None,
        None,
        {"accounts_passwords": 4, "access_permissions": 5},
        "SSO and MFA",
    ),
    ("Maud Janssens", "trainer", "ITIL Academy", 2, 240, {"itsm_process": 5}, "ITIL 4 trainer"),
    (
        "Nina Berg",
        "community",
        "PowerShell NL",
        None,
        None,
        {"scripting_automation": 5},
        "PowerShell user group",
    ),
    (
        "Oscar Meijer",
        "vendor",
        "Jamf",
        None,
        None,
        {"mobile_devices": 5, "endpoint_management": 4},
        "Apple MDM",
    ),
    (
        "Pim de Wit",
        "colleague",
        "Infra",
        3,
        30,
        {"server_infrastructure": 4, "cloud_platforms": 3},
        "on-call lead",
    ),
    (
        "Roos Kramer",
        "vendor",
        "Microsoft",
        None,
        None,
        {"security_incidents": 5, "cloud_platforms": 3},
        "Defender specialist",
    ),
    ("Stijn Aerts", "colleague", "BI", 4, 18, {"data_reporting": 4, "scripting_automation": 3}, ""),
    (
        "Tessa Groen",
        "community",
        "Dutch Helpdesk Meetup",
        2,
        100,
        {"user_guidance": 5, "itsm_process": 3},
        "knowledge base writer",
    ),
    ("Vincent Lee", "vendor", "Zoom", None, None, {"telephony_av": 4}, ""),
    ("Wim Dubois", "colleague", "Service Desk", 3, 65, {"os_desktop": 3, "hardware": 3}, ""),
]

# Experts you must not bother (busy team lead, on leave): the ranking must skip them.
DO_NOT_ASK = {"Olaf Brouwer"}

# Who knows whom: (a, b, strength). Via-only vendors hang off one or two colleagues.
LINKS: list[tuple[str, str, int]] = [
    ("Ana de Vries", "Dev Patel", 5),
    ("Aylin Kaya", "Dev Patel", 3),
    ("Ana de Vries", "Greta Olsen", 3),
    ("Fatima El Amrani", "Greta Olsen", 4),
    ("Ilse de Boer", "Iris Verbeek", 5),
    ("Tom Koster", "Joost Schouten", 4),
    ("Bram Jansen", "Lars Nilsen", 3),
    ("Sanne de Graaf", "Lars Nilsen", 4),
    ("Rik Willems", "Nina Berg", 4),
    ("Hanna Peters", "Nina Berg", 2),
    ("Lotte Vermeer", "Oscar Meijer", 4),
    ("Fatima El Amrani", "Roos Kramer", 4),
    ("Emma Laurent", "Roos Kramer", 5),
    ("Mehmet Yilmaz", "Vincent Lee", 3),
    ("Ana de Vries", "Olaf Brouwer", 4),
    ("Gijs Mulder", "Tom Koster", 4),
    ("Gijs Mulder", "Pim de Wit", 5),
    ("Hanna Peters", "Rik Willems", 3),
    ("Chantal Bakker", "Petra Kok", 5),
    ("Daan Visser", "Quinten Bos", 4),
    ("Eva Smit", "Vera Lammers", 4),
    ("Jeroen Dekker", "Stijn Aerts", 4),
    ("Ilse de Boer", "Yara Claes", 3),
    ("Kees van Dijk", "Wouter Prins", 5),
    ("Kees van Dijk", "Maud Janssens", 3),
    ("Umar Haddou", "Bram Jansen", 4),
    ("Zoë Wouters", "Lotte Vermeer", 3),
    ("Bas Kuipers", "Quinten Bos", 3),
    ("Wim Dubois", "Daan Visser", 3),
    ("Chantal Bakker", "Xander Maas", 2),
    ("Noor Hendriks", "Tessa Groen", 3),
    ("Daan Visser", "Frank Hoekstra", 3),
    ("Eva Smit", "Emma Laurent", 4),
    ("Chantal Bakker", "Hugo Martens", 3),
    ("Mehmet Yilmaz", "Karin Vos", 3),
]

# Problem templates per skill for the win log (EN and NL), and a few solutions.
WIN_TEXTS: dict[str, list[str]] = {
    "accounts_passwords": [
        "password reset for {u}",
        "{u} locked out after holiday",
        "wachtwoord verlopen bij {u}",
        "MFA reset for {u} new phone",
    ],
    "access_permissions": [
        "{u} needs access to finance share",
        "rechten op map voor {u}",
        "add {u} to security group",
    ],
    "email_calendar": [
        "{u} mailbox full",
        "shared mailbox not showing for {u}",
        "agenda delen werkt niet bij {u}",
        "Outlook rules broken for {u}",
    ],
    "m365_collaboration": [
        "Teams channel missing for {u}",
        "SharePoint site permissions for {u}",
        "OneDrive sync stuck for {u}",
    ],
    "office_apps": [
        "Excel macro fails for {u}",
        "Word crashes opening template",
        "Excel formule klopt niet bij {u}",
    ],
    "software_install": [
        "install Visio for {u}",
        "software uitrollen naar {u}",
        "app deployment failed for {u}",
    ],
    "os_desktop": [
        "Windows update stuck for {u}",
        "laptop traag na update bij {u}",
        "blue screen on {u} laptop",
    ],
    "hardware": [
        "docking station not detecting monitors",
        "laptop scherm kapot bij {u}",
        "keyboard replacement for {u}",
    ],
    "printing": [
        "printer offline on 2nd floor",
        "printer drukt niet af bij {u}",
        "print queue stuck for {u}",
        "toner order HP printer",
    ],
    "network_connectivity": [
        "wifi drops in meeting room",
        "no network on desk port for {u}",
        "DNS resolution fails for {u}",
        "netwerk valt weg bij {u}",
    ],
    "remote_access": [
        "VPN won't connect for {u}",
        "AnyConnect certificate error for {u}",
        "thuiswerken VPN verbinding mislukt",
        "remote desktop gateway timeout",
    ],
    "security_incidents": [
        "phishing mail reported by {u}",
        "verdachte mail bij {u}",
        "malware alert on {u} laptop",
    ],
    "mobile_devices": [
        "iPhone enrolment failed for {u}",
        "telefoon mail synchroniseert niet",
        "Android work profile for {u}",
    ],
    "telephony_av": [
        "meeting room screen has no sound",
        "headset not working in Teams call",
        "vergaderruimte beamer werkt niet",
    ],
    "files_storage_backup": [
        "restore deleted folder for {u}",
        "bestand terugzetten uit backup",
        "network drive full",
    ],
    "server_infrastructure": [
        "file server slow",
        "server reboot after patch failed",
        "virtual machine out of disk space",
    ],
    "cloud_platforms": [
        "Azure VM won't start",
        "Azure subscription access for {u}",
        "cloud storage account locked",
    ],
    "data_reporting": [
        "Power BI report not refreshing",
        "rapportage klopt niet in dashboard",
        "export to CSV broken in report",
    ],
    "business_apps": [
        "AFAS login error for {u}",
        "Exact boekingen fout bij {u}",
        "ERP module not loading",
    ],
    "endpoint_management": [
        "Intune compliance failed for {u}",
        "device not enrolled in Intune",
        "SCCM client not reporting",
    ],
    "scripting_automation": [
        "PowerShell script to bulk create users",
        "automate onboarding script",
        "script voor licenties toewijzen",
    ],
    "itsm_process": [
        "TOPdesk workflow change",
        "ticket escalation rules in TOPdesk",
        "SLA breach report question",
    ],
    "user_guidance": [
        "explain MFA to new hire {u}",
        "uitleg Teams aan {u}",
        "how-to guide for {u} on OneDrive",
    ],
}
USERS = ["Jan", "Priya", "Sofie", "Ahmed", "Lisa", "Mark", "Eline", "Thomas", "Naima", "Ruben"]

# Hand-written problem texts (EN and NL) with the skill area they are about.
QUERIES: list[tuple[str, str, str]] = [
    ("AnyConnect VPN keeps dropping every 10 minutes for home workers", "en", "remote_access"),
    ("VPN client says certificate validation failure", "en", "remote_access"),
    ("thuiswerker kan geen VPN verbinding maken sinds de update", "nl", "remote_access"),
    ("remote desktop gateway weigert verbinding", "nl", "remote_access"),
    ("wifi keeps disconnecting in the east wing", "en", "network_connectivity"),
    ("DNS lookups time out on the guest network", "en", "network_connectivity"),
    ("netwerkaansluiting op flexplek werkt niet", "nl", "network_connectivity"),
    ("user locked out again, password reset does not sync", "en", "accounts_passwords"),
    ("MFA prompt never arrives on new phone", "en", "accounts_passwords"),
    ("wachtwoord resetten lukt niet via het portaal", "nl", "accounts_passwords"),
    ("new starter needs access to the HR share and distribution list", "en", "access_permissions"),
    ("gebruiker heeft geen rechten op de projectmap", "nl", "access_permissions"),
    ("shared mailbox does not appear in Outlook", "en", "email_calendar"),
    ("calendar invites arrive twice for the whole team", "en", "email_calendar"),
    ("gedeelde agenda niet zichtbaar in Outlook", "nl", "email_calendar"),
    ("Teams channel files tab shows an error in SharePoint", "en", "m365_collaboration"),
    ("OneDrive sync is stuck on processing changes", "en", "m365_collaboration"),
    ("SharePoint site toegang voor externe partner", "nl", "m365_collaboration"),
    ("Excel macro crashes when opening the budget workbook", "en", "office_apps"),
    ("Word template loses formatting when saving", "en", "office_apps"),
    ("Excel draaitabel werkt niet meer na update", "nl", "office_apps"),
    ("software deployment of Visio fails with error 1603", "en", "software_install"),
    ("applicatie installeren op laptop van nieuwe collega lukt niet", "nl", "software_install"),
    ("Windows 11 feature update stuck at 61 percent", "en", "os_desktop"),
    ("laptop start op met blauw scherm na Windows update", "nl", "os_desktop"),
    ("docking station does not detect the second monitor", "en", "hardware"),
    ("laptop batterij laadt niet op en scherm flikkert", "nl", "hardware"),
    ("printer on the third floor shows offline for everyone", "en", "printing"),
    ("print jobs stuck in the queue, nothing comes out", "en", "printing"),
    ("printer drukt niet af en geeft papierstoring", "nl", "printing"),
    ("user clicked a phishing link and entered credentials", "en", "security_incidents"),
    ("antivirus reports malware on a laptop", "en", "security_incidents"),
    ("verdachte e-mail met bijlage doorgestuurd door gebruiker", "nl", "security_incidents"),
    ("iPhone enrolment in company portal fails", "en", "mobile_devices"),
    ("Android work profile will not install", "en", "mobile_devices"),
    ("zakelijke mail op telefoon synchroniseert niet", "nl", "mobile_devices"),
    ("meeting room display has no sound during Teams calls", "en", "telephony_av"),
    ("headset microphone not picked up in calls", "en", "telephony_av"),
    ("beamer in vergaderzaal geeft geen beeld", "nl", "telephony_av"),
    ("restore a folder deleted last week from backup", "en", "files_storage_backup"),
    ("netwerkschijf is vol en bestanden terugzetten", "nl", "files_storage_backup"),
    ("file server very slow, disk latency high", "en", "server_infrastructure"),
    ("virtuele server reageert niet na patch", "nl", "server_infrastructure"),
    ("Azure virtual machine fails to start after resize", "en", "cloud_platforms"),
    ("Azure subscription rechten voor ontwikkelaar", "nl", "cloud_platforms"),
    ("Power BI dataset refresh fails every night", "en", "data_reporting"),
    ("rapport in dashboard toont verkeerde cijfers", "nl", "data_reporting"),
    ("AFAS Profit login error after password change", "en", "business_apps"),
    ("Exact boeking geeft foutmelding bij afsluiten", "nl", "business_apps"),
    ("device shows not compliant in Intune", "en", "endpoint_management"),
    ("laptop niet ingeschreven in Intune, compliance faalt", "nl", "endpoint_management"),
    ("PowerShell script to bulk assign licences fails", "en", "scripting_automation"),
    ("script automatiseren voor onboarding accounts", "nl", "scripting_automation"),
    ("how do we set up escalation rules in TOPdesk", "en", "itsm_process"),
    ("SLA rapportage in TOPdesk klopt niet", "nl", "itsm_process"),
    ("write a how-to for new hires about MFA", "en", "user_guidance"),
    ("uitleg geven aan gebruiker over OneDrive gebruik", "nl", "user_guidance"),
    ("Outlook keeps asking for password every hour", "en", "email_calendar"),
    ("toner bestellen voor HP printer", "nl", "printing"),
    ("firewall blocks the new SaaS application", "en", "network_connectivity"),
    ("VPN verbinding valt weg bij thuiswerken", "nl", "remote_access"),
    ("phishing melding van meerdere gebruikers tegelijk", "nl", "security_incidents"),
]


def _dt(day: date, rng: random.Random) -> str:
    stamp = datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(8, 17),
        rng.randint(0, 59),
        tzinfo=timezone(timedelta(hours=1)),
    )
    return stamp.isoformat()


def build() -> dict[str, object]:
    rng = random.Random(SEED)
    ids = {p[0]: n for n, p in enumerate(PEOPLE, 1)}
    contacts = []
    truth: dict[int, dict[str, int]] = {}
    for name, kind, org, strength, days, true_skills, notes in PEOPLE:
        cid = ids[name]
        truth[cid] = dict(true_skills)
        declared: dict[str, int] = {}
        for skill, level in true_skills.items():
            if rng.random() < 0.65:
                declared[skill] = max(1, min(5, level + rng.choice([-1, 0, 0, 1])))
        if rng.random() < 0.5:  # claims a skill they are not the go-to person for
            other = rng.choice([s for s in WIN_TEXTS if s not in true_skills])
            declared[other] = rng.choice([2, 3, 4])
        contacts.append(
            {
                "id": cid,
                "name": name,
                "kind": kind,
                "org": org,
                "email": None,
                "phone": None,
                "specialties": declared,
                "strength": strength,
                "met_at": None,
                "notes": notes,
                "last_contact": (TODAY - timedelta(days=days)).isoformat()
                if days is not None
                else None,
                "do_not_ask": name in DO_NOT_ASK,
                "created": "2024-09-01T09:00:00+02:00",
            }
        )
    links = [
        {"id": n, "a": ids[a], "b": ids[b], "strength": s, "note": ""}
        for n, (a, b, s) in enumerate(LINKS, 1)
    ]

    # Wins: 2 years, ~340; a direct contact helps with probability ∝ true level² × strength.
    wins = []
    interactions = []
    skills = list(WIN_TEXTS)
    direct = [c for c in contacts if c["strength"]]
    for n in range(1, 341):
        day = TODAY - timedelta(days=rng.randint(1, 730))
        skill = rng.choice(skills)
        text = rng.choice(WIN_TEXTS[skill]).format(u=rng.choice(USERS))
        helped: list[int] = []
        if rng.random() < 0.55:
            weights = [truth[c["id"]].get(skill, 0) ** 2 * c["strength"] for c in direct]
            if sum(weights) > 0:
                helper = rng.choices(direct, weights=weights)[0]
                helped.append(helper["id"])
        wins.append(
            {
                "id": n,
                "when": _dt(day, rng),
                "problem": text,
                "solution": None,
                "skills": [skill],
                "skills_source": "manual",
                "minutes": rng.choice([5, 10, 15, 20, 30, 45, 60]),
                "helped_by": helped,
                "ticket": None,
                "source": "manual",
                "tags": [],
                "escalated": False,
                "created": _dt(day, rng),
                "updated": _dt(day, rng),
            }
        )
        for h in helped:
            interactions.append(
                {
                    "id": len(interactions) + 1,
                    "contact": h,
                    "when": wins[-1]["when"],
                    "kind": "helped",
                    "note": "",
                }
            )

    # Reachable = a path from me through direct ties and links.
    adjacency: dict[int, set[int]] = {c["id"]: set() for c in contacts}
    for link in links:
        adjacency[link["a"]].add(link["b"])
        adjacency[link["b"]].add(link["a"])
    seen = {c["id"] for c in contacts if c["strength"]}
    frontier = list(seen)
    while frontier:
        node = frontier.pop()
        for other in adjacency[node]:
            if other not in seen:
                seen.add(other)
                frontier.append(other)
    by_name = {c["id"]: c["name"] for c in contacts}
    queries = []
    for text, lang, skill in QUERIES:
        relevant = sorted(
            (
                cid
                for cid, ts in truth.items()
                if ts.get(skill, 0) >= 4 and cid in seen and by_name[cid] not in DO_NOT_ASK
            ),
            key=lambda cid: (-truth[cid][skill], by_name[cid]),
        )
        queries.append(
            {"text": text, "lang": lang, "skill": skill, "relevant": [by_name[c] for c in relevant]}
        )
    return {
        "today": TODAY.isoformat(),
        "contacts": contacts,
        "links": links,
        "wins": wins,
        "interactions": interactions,
        "events": [
            {
                "id": 1,
                "name": "Cisco Live Amsterdam",
                "kind": "vendor",
                "date": "2026-02-10",
                "skills": ["remote_access", "network_connectivity"],
                "met": [],
            },
            {
                "id": 2,
                "name": "ITIL 4 Foundation",
                "kind": "training",
                "date": "2025-10-01",
                "skills": ["itsm_process"],
                "met": [ids["Maud Janssens"]],
            },
            {
                "id": 3,
                "name": "Dutch Helpdesk Meetup",
                "kind": "meetup",
                "date": "2026-04-15",
                "skills": ["user_guidance", "itsm_process"],
                "met": [ids["Tessa Groen"]],
            },
        ],
        "truth": {by_name[c]: t for c, t in truth.items()},
        "queries": queries,
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("network_scenario.json")
    data = build()
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {out}: {len(data['contacts'])} contacts, {len(data['links'])} links, {len(data['wins'])} wins, {len(data['queries'])} queries"
    )
