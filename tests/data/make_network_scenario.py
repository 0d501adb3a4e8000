"""Generate tests/data/network_scenario.json: a labelled "whom to ask" scenario.

Run:  .venv/bin/python tests/data/make_network_scenario.py   (deterministic; output is committed)

The network has hidden TRUE expertise per contact. The ranker never sees it: it sees only what
an agent would have recorded, which is noisy:
  * declared specialties: ~70% of true skills are declared (level ±1), plus some skills people
    claim at level 2-3 without being the go-to person;
  * help history: wins where a helper was chosen in proportion to true level² and tie strength
    (you ask the people you know), so strong experts you rarely talk to leave less evidence.
  * former experts: people who were the go-to person for an area until they moved on (~400
    days ago); their declared specialties were never updated, their help history is old and
    their tie has faded; they are not the right people to ask any more (recency matters);
  * quiet experts: true experts who declared nothing for that area; only their help history
    shows it (help history matters);
  * overloaded experts: asked three or four times in the last two weeks; while another expert
    is free they are not the right person to ask now (the recent-ask term matters).
Labels ("right people to ask") come from the hidden truth: current true level ≥ 4 on the query's
skill, not do_not_ask, reachable through the network, and not overloaded (unless every expert
is). Queries are written by hand, EN and NL.

Two scenarios come out, from different seeds, different former/quiet/overloaded people and
different queries: tests/data/network_scenario.json, the TUNING part (RankParams defaults are
chosen on it), and tests/data/network_heldout/network_scenario.json, the HELD-OUT part: frozen
(tests/data/network_heldout/FROZEN holds its sha256), never tuned on, measured by
bench/bench_judgement.py. Rebuild it only on purpose with --heldout, and refreeze.
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
        {"os_desktop": 3, "software_install": 2},
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
    # more experts per area, and people whose expertise is in the past (see FORMER)
    ("Sara Yilmaz", "colleague", "Workplace", 4, 9, {"software_install": 5, "os_desktop": 4}, ""),
    (
        "Ruben Smits",
        "colleague",
        "Service Desk",
        4,
        11,
        {"accounts_passwords": 5, "mobile_devices": 4},
        "",
    ),
    ("Elif Demir", "colleague", "Applications", 3, 22, {"office_apps": 5, "business_apps": 4}, ""),
    (
        "Koen Peeters",
        "colleague",
        "Infra",
        3,
        16,
        {"server_infrastructure": 5, "endpoint_management": 4},
        "",
    ),
    (
        "Femke Jacobs",
        "colleague",
        "Security",
        4,
        13,
        {"security_incidents": 4, "access_permissions": 4},
        "",
    ),
    (
        "Gert Vos",
        "colleague",
        "Training",
        2,
        420,
        {"user_guidance": 3},
        "moved to the training team",
    ),
    (
        "Lisa Timmer",
        "colleague",
        "Project Office",
        2,
        450,
        {"itsm_process": 3},
        "project office now",
    ),
    ("Mark Bosman", "colleague", "Infra", 2, 480, {"cloud_platforms": 3}, ""),
    ("Anouk Smeets", "colleague", "Management", 2, 430, {"itsm_process": 3}, "manager now"),
]

# Former experts: the go-to person for these areas until FORMER_DAYS ago (their declared
# specialties still say so). One set per scenario (tuning, held-out).
FORMER_DAYS = 400
FORMER: dict[str, dict[str, dict[str, int]]] = {
    "tuning": {
        "Gert Vos": {"printing": 5, "hardware": 4},
        "Lisa Timmer": {"email_calendar": 5, "m365_collaboration": 4},
        "Mark Bosman": {"network_connectivity": 5, "remote_access": 5},
        "Xander Maas": {"os_desktop": 5, "software_install": 5},
    },
    "heldout": {
        "Anouk Smeets": {"security_incidents": 5, "access_permissions": 5},
        "Mark Bosman": {"server_infrastructure": 5, "files_storage_backup": 5},
        "Gert Vos": {"telephony_av": 5, "mobile_devices": 4},
        "Lisa Timmer": {"business_apps": 5, "data_reporting": 4},
        "Xander Maas": {"endpoint_management": 5, "os_desktop": 4},
    },
}
# Quiet experts: the area they never declared.
QUIET: dict[str, dict[str, str]] = {
    "tuning": {
        "Tom Koster": "files_storage_backup",
        "Hanna Peters": "cloud_platforms",
        "Quinten Bos": "printing",
        "Vera Lammers": "email_calendar",
    },
    "heldout": {
        "Jeroen Dekker": "data_reporting",
        "Aylin Kaya": "remote_access",
        "Mehmet Yilmaz": "telephony_av",
        "Sara Yilmaz": "software_install",
    },
}
# Overloaded experts: asked 3-4 times in the last two weeks.
OVERLOADED: dict[str, set[str]] = {
    "tuning": {"Ana de Vries", "Eva Smit", "Petra Kok", "Bram Jansen"},
    "heldout": {"Kees van Dijk", "Chantal Bakker", "Noor Hendriks", "Daan Visser"},
}
SEEDS = {"tuning": SEED, "heldout": 20261201}

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

# Held-out queries: written after the tuning part was built and never used to choose weights.
HELDOUT_QUERIES: list[tuple[str, str, str]] = [
    ("Cisco AnyConnect login loops back to the portal page", "en", "remote_access"),
    ("VPN tunnel up but no intranet sites load from home", "en", "remote_access"),
    ("externe medewerker krijgt geen verbinding met remote desktop", "nl", "remote_access"),
    ("network port in meeting room 4 is dead", "en", "network_connectivity"),
    ("wifi signaal valt steeds weg op de derde verdieping", "nl", "network_connectivity"),
    ("laptop gets a 169.254 address on the office network", "en", "network_connectivity"),
    ("account locked after too many sign-in attempts", "en", "accounts_passwords"),
    ("authenticator app lost after phone swap, cannot sign in", "en", "accounts_passwords"),
    ("wachtwoord vergeten en selfservice reset werkt niet", "nl", "accounts_passwords"),
    ("intern needs read access to the marketing share", "en", "access_permissions"),
    ("toegang tot financiele map aanvragen voor nieuwe collega", "nl", "access_permissions"),
    ("out of office reply not sent to external senders", "en", "email_calendar"),
    ("mailbox quota full, cannot send mail anymore", "en", "email_calendar"),
    ("vergaderverzoek komt niet aan in de agenda van collega", "nl", "email_calendar"),
    ("guest cannot open the shared Teams files", "en", "m365_collaboration"),
    ("OneDrive shows red crosses on synced folders", "en", "m365_collaboration"),
    ("SharePoint bibliotheek synchroniseert niet met verkenner", "nl", "m365_collaboration"),
    ("Excel freezes when pasting a large table", "en", "office_apps"),
    ("PowerPoint presentation will not open, file corrupt", "en", "office_apps"),
    ("Word document printen geeft rare opmaak", "nl", "office_apps"),
    ("please install Adobe Acrobat Pro on my laptop", "en", "software_install"),
    ("software center shows install failed for SAP GUI", "en", "software_install"),
    ("programma installeren vraagt om beheerdersrechten", "nl", "software_install"),
    ("Windows login screen stays black after update", "en", "os_desktop"),
    ("computer start steeds opnieuw op na update", "nl", "os_desktop"),
    ("monitor flickers when the laptop is in the dock", "en", "hardware"),
    ("toetsenbord reageert niet meer na koffie", "nl", "hardware"),
    ("printer prints blank pages after toner swap", "en", "printing"),
    ("scan to email on the copier stopped working", "en", "printing"),
    ("printer op de tweede etage staat offline", "nl", "printing"),
    ("user forwarded an invoice with a suspicious macro", "en", "security_incidents"),
    ("ransomware warning on a file share", "en", "security_incidents"),
    ("gebruiker heeft op een phishing link geklikt", "nl", "security_incidents"),
    ("company iPhone not receiving Intune apps", "en", "mobile_devices"),
    ("zakelijke telefoon kan niet inschrijven in Company Portal", "nl", "mobile_devices"),
    ("conference room camera not detected in Teams Rooms", "en", "telephony_av"),
    ("speakerphone echo during calls", "en", "telephony_av"),
    ("geluid valt weg bij vergaderen in de grote zaal", "nl", "telephony_av"),
    ("recover an overwritten Excel file from last Friday", "en", "files_storage_backup"),
    ("backup job failed for the finance share", "en", "files_storage_backup"),
    ("oude versie van document terughalen uit backup", "nl", "files_storage_backup"),
    ("domain controller replication errors", "en", "server_infrastructure"),
    ("fileserver schijf loopt vol", "nl", "server_infrastructure"),
    ("Azure app service returns 503 after deployment", "en", "cloud_platforms"),
    ("kosten van Azure abonnement lopen op", "nl", "cloud_platforms"),
    ("Power BI gateway offline, reports stale", "en", "data_reporting"),
    ("maandrapportage in Power BI laadt niet", "nl", "data_reporting"),
    ("AFAS Pocket app shows login error", "en", "business_apps"),
    ("ERP order screen crashes on save", "en", "business_apps"),
    ("Intune device stuck in pending compliance", "en", "endpoint_management"),
    ("SCCM client installeert geen updates", "nl", "endpoint_management"),
    ("PowerShell script to disable stale accounts", "en", "scripting_automation"),
    ("automatisch script voor mailbox export", "nl", "scripting_automation"),
    ("change approval workflow in TOPdesk is stuck", "en", "itsm_process"),
    ("incident categorieen in TOPdesk aanpassen", "nl", "itsm_process"),
    ("training for new hires on the password manager", "en", "user_guidance"),
    ("handleiding schrijven voor thuiswerken", "nl", "user_guidance"),
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


def build(part: str = "tuning") -> dict[str, object]:
    rng = random.Random(SEEDS[part])
    former, quiet, overloaded = FORMER[part], QUIET[part], OVERLOADED[part]
    ids = {p[0]: n for n, p in enumerate(PEOPLE, 1)}
    contacts = []
    truth: dict[int, dict[str, int]] = {}
    for name, kind, org, strength, days, true_skills, notes in PEOPLE:
        cid = ids[name]
        truth[cid] = dict(true_skills)
        declared: dict[str, int] = {}
        for skill, level in true_skills.items():
            if rng.random() < 0.65 and quiet.get(name) != skill:
                declared[skill] = max(1, min(5, level + rng.choice([-1, 0, 0, 1])))
        for skill, level in former.get(name, {}).items():
            declared[skill] = level  # never updated since they moved on
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

    # Wins: 2 years, ~460; a direct contact helps with probability ∝ true level² × strength,
    # where a former expert had their old level (and a close tie) until FORMER_DAYS ago.
    wins = []
    interactions = []
    skills = list(WIN_TEXTS)
    direct = [c for c in contacts if c["strength"]]

    def level_then(c: dict[str, object], skill: str, age: int) -> int:
        past = former.get(str(c["name"]), {})
        if age > FORMER_DAYS and skill in past:
            return past[skill]
        return truth[int(str(c["id"]))].get(skill, 0)

    def strength_then(c: dict[str, object], age: int) -> int:
        s = int(str(c["strength"]))
        return max(s, 4) if age > FORMER_DAYS and str(c["name"]) in former else s

    for n in range(1, 461):
        age = rng.randint(1, 730)
        day = TODAY - timedelta(days=age)
        skill = rng.choice(skills)
        text = rng.choice(WIN_TEXTS[skill]).format(u=rng.choice(USERS))
        helped: list[int] = []
        if rng.random() < 0.6:
            weights = [level_then(c, skill, age) ** 2 * strength_then(c, age) for c in direct]
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

    # Asks in the last two weeks: 3-4 for the overloaded, one for a few others (noise).
    by_name_id = {str(c["name"]): c for c in contacts}
    asked = [(name, rng.randint(3, 4)) for name in sorted(overloaded)]
    others = sorted(str(c["name"]) for c in direct if str(c["name"]) not in overloaded)
    asked += [(name, 1) for name in rng.sample(others, 6)]
    for name, times in asked:
        contact = by_name_id[name]
        for _ in range(times):
            day = TODAY - timedelta(days=rng.randint(0, 13))
            interactions.append(
                {
                    "id": len(interactions) + 1,
                    "contact": contact["id"],
                    "when": _dt(day, rng),
                    "kind": "asked",
                    "note": "",
                }
            )
            if str(contact["last_contact"] or "") < day.isoformat():
                contact["last_contact"] = day.isoformat()

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
    for text, lang, skill in QUERIES if part == "tuning" else HELDOUT_QUERIES:
        experts = sorted(
            (
                cid
                for cid, ts in truth.items()
                if ts.get(skill, 0) >= 4 and cid in seen and by_name[cid] not in DO_NOT_ASK
            ),
            key=lambda cid: (-truth[cid][skill], by_name[cid]),
        )
        free = [c for c in experts if by_name[c] not in overloaded]
        relevant = free or experts
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
        "former": former,
        "quiet": quiet,
        "overloaded": sorted(overloaded),
        "queries": queries,
    }


if __name__ == "__main__":
    import sys

    part = "heldout" if "--heldout" in sys.argv[1:] else "tuning"
    here = Path(__file__).parent
    out = here / "network_scenario.json"
    if part == "heldout":
        out = here / "network_heldout" / "network_scenario.json"
        out.parent.mkdir(exist_ok=True)
    data = build(part)
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {out}: {len(data['contacts'])} contacts, {len(data['links'])} links, "
        f"{len(data['wins'])} wins, {len(data['queries'])} queries"
    )
