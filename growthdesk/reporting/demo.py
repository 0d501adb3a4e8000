"""A realistic, deterministic sample home: an agent 18 months into the helpdesk.

``generate(seed, now)`` builds every record as plain dicts (pure, so tests can compare two runs);
``write(store, sample)`` stores them in ONE transaction. The wins come from templates whose skill
areas are known, in English and Dutch, so the skills always match the text.

The story the sample tells: password resets dominate from day one; networking and VPN work grow as
the agent follows a CCNA course; Sanne de Vries (network team) is the VPN / remote-access expert who
helps most often on those problems.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from growthdesk.core.text import win_terms

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["Sample", "generate", "write", "build", "VPN_EXPERT", "MONTHS"]

MONTHS = 18
VPN_EXPERT = "Sanne de Vries"

# ---------------------------------------------------------------- vocabulary

_NAMES = (
    "Jan", "Piet", "Anna", "Sophie", "Daan", "Emma", "Lars", "Fleur", "Mohammed", "Noor", "Tim",
    "Lotte", "Bram", "Julia", "Sem", "Eva", "Thomas", "Sara", "Kees", "Inge", "Ahmed", "Lisa",
    "Ruben", "Femke", "Mark", "Esther", "Youssef", "Maaike", "Joost", "Anouk",
)  # fmt: skip
_TEAMS = (
    "Finance",
    "HR",
    "Sales",
    "Logistics",
    "Legal",
    "Marketing",
    "Purchasing",
    "Customer Service",
    "Planning",
)
_TEAMS_NL = (
    "Financiën",
    "HR",
    "Verkoop",
    "Logistiek",
    "Juridische zaken",
    "Marketing",
    "Inkoop",
    "Klantenservice",
    "Planning",
)
_PRINTERS = ("P-204", "P-311", "P-105", "MFP-2A", "MFP-3C", "P-412")
_FLOORS = ("2nd floor", "3rd floor", "ground floor", "4th floor")
_FLOORS_NL = ("2e verdieping", "3e verdieping", "begane grond", "4e verdieping")
_APPS = ("AFAS", "Exact", "Salesforce", "SAP", "Dynamics", "Visma")
_SITES = ("Utrecht", "Rotterdam", "Eindhoven", "the warehouse")
_SITES_NL = ("Utrecht", "Rotterdam", "Eindhoven", "het magazijn")

# (skill ids, English text, Dutch text, typical minutes). Slots: {name} {team} {printer} {floor}
# {app} {site}. The first skill is the main area. Keywords follow the taxonomy research so that the
# tagger agrees with the stated skills.
_T = tuple[tuple[str, ...], str, str, int]
TEMPLATES: tuple[_T, ...] = (
    # accounts_passwords: the bulk of the work
    (("accounts_passwords",), "Password reset for {name} ({team})", "Wachtwoord reset voor {name} ({team})", 4),
    (("accounts_passwords",), "Account locked out after holiday, unlocked for {name}", "Account geblokkeerd na vakantie, ontgrendeld voor {name}", 4),
    (("accounts_passwords", "mobile_devices"), "MFA reset for {name}, new phone", "MFA opnieuw ingesteld voor {name}, nieuwe telefoon", 8),
    (("accounts_passwords",), "{name} forgot password, self-service password reset not set up", "{name} wachtwoord vergeten, selfservice niet ingesteld", 6),
    (("accounts_passwords",), "Password expired for {team} shared account", "Wachtwoord verlopen van gedeeld account {team}", 5),
    (("accounts_passwords",), "Cannot sign in: authenticator verification code rejected for {name}", "Kan niet inloggen: verificatiecode authenticator geweigerd voor {name}", 9),
    # access_permissions
    (("access_permissions",), "Access request: {name} needs rights to the {team} shared folder", "Toegang aanvragen: {name} heeft rechten nodig op de map van {team}", 10),
    (("access_permissions",), "Access denied on {team} folder, added {name} to security group", "Toegang geweigerd op map {team}, {name} aan beveiligingsgroep toegevoegd", 8),
    (("access_permissions", "business_apps"), "{name} needs a role in {app} with approval from {team}", "{name} heeft een rol nodig in {app}, goedkeuring van {team}", 15),
    # email_calendar
    (("email_calendar",), "Outlook keeps asking for password for {name}", "Outlook blijft om wachtwoord vragen bij {name}", 12),
    (("email_calendar",), "Shared mailbox {team} not showing in Outlook", "Gedeelde mailbox {team} niet zichtbaar in Outlook", 10),
    (("email_calendar",), "Mailbox full for {name}, archived old mail", "Mailbox vol bij {name}, oude mail gearchiveerd", 14),
    (("email_calendar",), "Calendar delegate for {name} cannot accept meeting invites", "Gemachtigde van {name} kan vergaderverzoeken niet accepteren in agenda", 16),
    (("email_calendar",), "Out of office reply not working for {name}", "Afwezigheidsmelding werkt niet bij {name}", 6),
    # m365_collaboration
    (("m365_collaboration",), "OneDrive sync error for {name}", "OneDrive synchronisatiefout bij {name}", 14),
    (("m365_collaboration",), "Teams channel for {team}: guest access for external partner", "Teams-kanaal {team}: gasttoegang voor externe partner", 12),
    (("m365_collaboration",), "SharePoint site {team}: restored file from version history", "SharePoint site {team}: bestand teruggezet uit versiegeschiedenis", 11),
    # office_apps
    (("office_apps",), "Excel crashes when opening macro workbook ({team})", "Excel crasht bij openen van macro-bestand ({team})", 15),
    (("office_apps",), "Office activation failed on laptop of {name}", "Office activering mislukt op laptop van {name}", 9),
    (("office_apps",), "Word template {team} missing after update", "Word sjabloon {team} weg na update", 12),
    # software_install
    (("software_install",), "Install Visio for {name} via Company Portal", "Visio installeren voor {name} via Bedrijfsportal", 10),
    (("software_install", "office_apps"), "Software request: licence for Adobe Acrobat for {name}", "Softwareaanvraag: licentie Adobe Acrobat voor {name}", 12),
    (("software_install", "business_apps"), "Update of {app} client failed on {team} PCs", "Update van {app} client mislukt op pc's van {team}", 25),
    # os_desktop
    (("os_desktop",), "Laptop of {name} very slow after Windows Update", "Laptop van {name} erg traag na Windows Update", 20),
    (("os_desktop",), "Blue screen on startup, driver rolled back for {name}", "Blauw scherm bij opstarten, driver teruggezet voor {name}", 35),
    (("os_desktop",), "Temporary profile on login for {name}, rebuilt user profile", "Tijdelijk profiel bij aanmelden van {name}, gebruikersprofiel hersteld", 30),
    # hardware
    (("hardware",), "Docking station not detecting second monitor for {name}", "Dockingstation herkent tweede beeldscherm niet bij {name}", 12),
    (("hardware",), "Laptop battery swollen, replacement ordered for {name}", "Accu laptop opgezwollen, vervanging besteld voor {name}", 15),
    (("hardware",), "Keyboard and mouse not working on docking station {floor}", "Toetsenbord en muis werken niet op docking {floor_nl}", 8),
    # printing: the same printers keep coming back
    (("printing",), "Printer {printer} on {floor} paper jam", "Printer {printer} {floor_nl} papierstoring", 8),
    (("printing",), "Printer {printer} offline for {team}", "Printer {printer} offline voor {team}", 12),
    (("printing",), "Scan to email not working on {printer}", "Scannen naar e-mail werkt niet op {printer}", 15),
    (("printing",), "Print queue stuck on {printer}, cleared print jobs", "Afdrukwachtrij {printer} vastgelopen, printopdrachten verwijderd", 7),
    # network_connectivity: grows over time
    (("network_connectivity",), "Wi-Fi drops on {floor} for {team}", "Wifi valt weg op {floor_nl} bij {team}", 25),
    (("network_connectivity",), "No internet on desk of {name}, network cable and switch port checked", "Geen internet op werkplek {name}, netwerkkabel en switchpoort gecontroleerd", 18),
    (("network_connectivity",), "DHCP scope full at {site}, no IP address for new devices", "DHCP scope vol in {site_nl}, geen IP-adres voor nieuwe apparaten", 40),
    (("network_connectivity",), "DNS not resolving intranet for {team}", "DNS lost intranet niet op voor {team}", 30),
    (("network_connectivity",), "Access point on {floor} rebooting, reported to network team", "Access point {floor_nl} herstart steeds, gemeld bij netwerkteam", 22),
    (("network_connectivity",), "Slow network at {site}: packet loss on uplink", "Traag netwerk in {site_nl}: packet loss op uplink", 45),
    # remote_access: VPN, Citrix, working from home
    (("remote_access",), "VPN keeps disconnecting for {name} when working from home", "VPN verbinding valt steeds weg bij {name} tijdens thuiswerken", 20),
    (("remote_access",), "GlobalProtect VPN certificate expired on laptop of {name}", "GlobalProtect VPN certificaat verlopen op laptop van {name}", 18),
    (("remote_access",), "Citrix Workspace session freezes for {team}", "Citrix Workspace sessie bevriest bij {team}", 22),
    (("remote_access", "accounts_passwords"), "VPN token out of sync for {name}", "VPN token niet meer synchroon bij {name}", 12),
    (("remote_access",), "Remote desktop (RDP) to jump host fails for {name}", "Extern bureaublad (RDP) naar jump host mislukt voor {name}", 25),
    # security_incidents
    (("security_incidents", "email_calendar"), "Phishing email reported by {name}, blocked sender and purged", "Phishingmail gemeld door {name}, afzender geblokkeerd en verwijderd", 15),
    (("security_incidents", "accounts_passwords"), "Suspicious login on account of {name}, password reset and sessions revoked", "Verdachte aanmelding op account van {name}, wachtwoord gereset en sessies ingetrokken", 30),
    (("security_incidents",), "Lost laptop reported by {name}: BitLocker recovery key checked, device wiped", "Laptop verloren door {name}: BitLocker herstelsleutel gecontroleerd, apparaat gewist", 25),
    # mobile_devices
    (("mobile_devices", "email_calendar"), "Mail on iPhone not arriving for {name}", "Mail op iPhone komt niet binnen bij {name}", 12),
    (("mobile_devices", "endpoint_management"), "Intune enrolment of new Android phone for {name}", "Intune inschrijving nieuwe Android telefoon voor {name}", 18),
    # telephony_av
    (("telephony_av",), "No sound in meeting room {floor} beamer HDMI", "Geen geluid in vergaderruimte {floor_nl} beamer HDMI", 15),
    (("telephony_av",), "Headset microphone not working in Teams calls for {name}", "Microfoon headset werkt niet in Teams gesprekken bij {name}", 10),
    # files_storage_backup
    (("files_storage_backup",), "Restore accidentally deleted folder on network drive {team}", "Per ongeluk verwijderde map op netwerkschijf {team} teruggezet", 20),
    (("files_storage_backup",), "Mapped drive missing for {name} after login", "Netwerkschijf ontbreekt bij {name} na aanmelden", 9),
    # server_infrastructure
    (("server_infrastructure", "files_storage_backup"), "File server disk almost full, cleaned up and alerted sysadmin", "Schijf bestandsserver bijna vol, opgeschoond en beheer gewaarschuwd", 40),
    (("server_infrastructure",), "Group policy not applied at {site}, GPO fixed with second line", "Groepsbeleid niet toegepast in {site_nl}, GPO aangepast met tweede lijn", 55),
    # cloud_platforms
    (("cloud_platforms",), "Licence assignment in Microsoft 365 admin center for {team}", "Licentie toewijzen in Microsoft 365-beheercentrum voor {team}", 10),
    (("cloud_platforms",), "Conditional access blocks {name} abroad, exception via Entra ID", "Voorwaardelijke toegang blokkeert {name} in buitenland, uitzondering via Entra ID", 25),
    # data_reporting
    (("data_reporting",), "Power BI report for {team} shows no data after refresh", "Power BI rapport {team} toont geen data na verversen", 30),
    # business_apps
    (("business_apps",), "{app} error when posting invoice for {team}", "{app} foutmelding bij boeken factuur voor {team}", 20),
    (("business_apps",), "{app} web portal cache issue in browser for {name}", "{app} portaal cache probleem in browser bij {name}", 10),
    # endpoint_management
    (("endpoint_management",), "New starter {name} ({team}): laptop setup with Autopilot", "Nieuwe medewerker {name} ({team}): laptop klaarmaken met Autopilot", 45),
    (("endpoint_management", "accounts_passwords"), "Offboarding of {name}: laptop returned, account disabled", "Uitdiensttreding {name}: laptop ingeleverd, account uitgeschakeld", 20),
    # scripting_automation
    (("scripting_automation",), "PowerShell script to bulk unlock accounts for {team}", "PowerShell script om accounts van {team} in bulk te ontgrendelen", 60),
    (("scripting_automation", "endpoint_management"), "Automated new starter checklist with a script", "Checklist nieuwe medewerker geautomatiseerd met een script", 90),
    # itsm_process
    (("itsm_process",), "Major incident bridge for {app} outage, kept ticket timeline", "Major incident {app} storing, tijdlijn in ticket bijgehouden", 60),
    # user_guidance
    (("user_guidance",), "Explained to {name} how to share files safely with externals", "{name} uitgelegd hoe je veilig bestanden deelt met externen", 10),
    (("user_guidance", "telephony_av"), "Wrote how-to for {team}: connecting to meeting room screens", "Handleiding geschreven voor {team}: verbinden met schermen in vergaderruimte", 30),
)  # fmt: skip

# Share of the work per main area at the start (t=0) and at the end (t=1) of the 18 months.
_MIX: dict[str, tuple[float, float]] = {
    "accounts_passwords": (32, 24),
    "access_permissions": (8, 7),
    "email_calendar": (9, 7),
    "m365_collaboration": (6, 6),
    "office_apps": (5, 4),
    "software_install": (6, 5),
    "os_desktop": (6, 5),
    "hardware": (5, 4),
    "printing": (7, 5),
    "network_connectivity": (1.5, 15),
    "remote_access": (3, 10),
    "security_incidents": (2.5, 3),
    "mobile_devices": (3, 3),
    "telephony_av": (2, 2),
    "files_storage_backup": (3, 3),
    "server_infrastructure": (0.4, 1.5),
    "cloud_platforms": (0.8, 1),
    "data_reporting": (0.4, 0.6),
    "business_apps": (4, 4),
    "endpoint_management": (3, 3),
    "scripting_automation": (0.1, 1.2),
    "itsm_process": (0.6, 0.8),
    "user_guidance": (2, 2),
}
_SECOND_LINE = {"network_connectivity", "remote_access", "server_infrastructure", "cloud_platforms", "security_incidents", "data_reporting", "scripting_automation"}  # fmt: skip

# (name, kind, org, specialties, strength, notes). Strength None: known only through someone.
_CONTACTS: tuple[tuple[str, str, str | None, dict[str, int], int | None, str], ...] = (
    (VPN_EXPERT, "colleague", "Network team", {"remote_access": 5, "network_connectivity": 4}, 4, "Owns the GlobalProtect VPN, certificates and Citrix gateway. Best person for any VPN or remote access problem."),
    ("Ahmed Benali", "colleague", "Network team", {"network_connectivity": 5, "server_infrastructure": 3}, 3, "Switches, Wi-Fi access points, DHCP and DNS."),
    ("Ingrid Bakker", "colleague", "Second line", {"server_infrastructure": 4, "files_storage_backup": 4}, 4, "File servers, backups, group policy."),
    ("Tom Jansen", "colleague", "Service desk", {"accounts_passwords": 4, "email_calendar": 4, "user_guidance": 3}, 5, "Team lead service desk; knows every Outlook quirk."),
    ("Fatima el Amrani", "colleague", "Service desk", {"printing": 4, "hardware": 4}, 5, "Printers and docking stations, knows the Ricoh contract."),
    ("Kevin de Boer", "colleague", "Workplace team", {"endpoint_management": 5, "software_install": 4, "mobile_devices": 4}, 3, "Intune, Autopilot, Company Portal packaging."),
    ("Lieke Smit", "colleague", "Security office", {"security_incidents": 5, "accounts_passwords": 3}, 3, "CISO office: phishing, incidents, conditional access."),
    ("Ruud Visser", "colleague", "Cloud team", {"cloud_platforms": 5, "m365_collaboration": 4}, 2, "Microsoft 365 tenant admin, Entra ID, licences."),
    ("Priya Raman", "colleague", "BI team", {"data_reporting": 5, "business_apps": 3}, 2, "Power BI and SQL reports."),
    ("Joris Mulder", "colleague", "Application management", {"business_apps": 5, "access_permissions": 3}, 3, "AFAS and Exact functional management."),
    ("Marloes Dekker", "colleague", "Service desk", {"m365_collaboration": 3, "office_apps": 4}, 4, "Teams, SharePoint and Excel macros."),
    ("Bas Hendriks", "colleague", "Facilities", {"telephony_av": 4, "hardware": 3}, 2, "Meeting rooms, beamers and desk phones."),
    ("Nadia Yilmaz", "colleague", "Service desk", {"access_permissions": 4, "accounts_passwords": 3}, 4, "Access requests and AD groups."),
    ("Erik van Dam", "colleague", "Second line", {"os_desktop": 4, "scripting_automation": 4}, 3, "PowerShell wizard, Windows troubleshooting."),
    ("Sven Kuipers", "colleague", "Network team", {"network_connectivity": 3}, None, "Works nights in the NOC; reach him via Ahmed."),
    ("Mila Peters", "colleague", "Service desk", {"user_guidance": 3, "itsm_process": 3}, 3, "Writes the knowledge base articles."),
    ("Jeroen Bos", "colleague", "ITSM process owner", {"itsm_process": 5}, 2, "Major incident and change process."),
    ("Hanna Vos", "colleague", "HR systems", {"business_apps": 3}, 1, "HR system and onboarding workflows."),
    ("Daniel Koster", "colleague", "Second line", {"server_infrastructure": 3, "cloud_platforms": 3}, None, "Azure VMs; via Ingrid."),
    ("Eline Brouwer", "colleague", "Security office", {"security_incidents": 3}, 2, "Security awareness trainings."),
    ("Mark de Wit", "vendor", "Palo Alto Networks", {"remote_access": 4, "network_connectivity": 3}, 2, "Vendor SE for the firewalls and GlobalProtect."),
    ("Karin Maas", "vendor", "Ricoh", {"printing": 5}, 3, "Account manager for the printer contract; sends a technician within 4 hours."),
    ("Peter Willems", "vendor", "Dell", {"hardware": 4}, 2, "Warranty and laptop replacements."),
    ("Ayla Demir", "vendor", "KPN", {"telephony_av": 4, "mobile_devices": 3}, 1, "Mobile contracts, eSIM and SIM swaps."),
    ("Luuk Hermans", "vendor", "Citrix partner", {"remote_access": 4}, None, "Citrix specialist; introduced by Sanne."),
    ("Olga Petrova", "vendor", "Microsoft", {"cloud_platforms": 4, "m365_collaboration": 3}, 1, "Customer success manager."),
    ("Stefan Groen", "vendor", "AFAS", {"business_apps": 4}, 1, "AFAS consultant."),
    ("Wendy Schouten", "vendor", "Fortinet", {"network_connectivity": 3, "security_incidents": 3}, None, "Met through Mark."),
    ("Ramon Vermeulen", "trainer", "Cisco Networking Academy", {"network_connectivity": 5, "remote_access": 3}, 3, "CCNA instructor; happy to answer routing questions."),
    ("Claire Jacobs", "trainer", "ITIL training provider", {"itsm_process": 5}, 1, "ITIL 4 Foundation trainer."),
    ("Hugo Lambert", "trainer", "Microsoft Learn partner", {"cloud_platforms": 4}, 1, "MS-900 course trainer."),
    ("Yara Mertens", "trainer", "CompTIA partner", {"network_connectivity": 4, "security_incidents": 3}, 2, "Network+ bootcamp trainer."),
    ("Niels Pauwels", "community", "PowerShell user group", {"scripting_automation": 5}, 2, "Organises the Dutch PowerShell meetup."),
    ("Sofie Claes", "community", "Network meetup NL", {"network_connectivity": 4}, 2, "Network engineer at another company; great for design questions."),
    ("Thijs Wouters", "community", "Service desk community", {"itsm_process": 3, "user_guidance": 3}, 2, "Runs a service desk at a hospital."),
    ("Rosa Martens", "community", "Women in IT NL", {"security_incidents": 3}, 1, "Security analyst."),
    ("Gijs Verbeek", "community", "M365 community", {"m365_collaboration": 4}, None, "SharePoint MVP; via Marloes."),
    ("Iris Hoekstra", "community", "Network meetup NL", {"remote_access": 3, "network_connectivity": 3}, 1, "Works at an ISP."),
    ("Koen Smeets", "colleague", "Service desk", {"software_install": 3, "office_apps": 3}, 4, "Sits next to you."),
    ("Anke Timmer", "colleague", "Service desk", {"hardware": 3, "printing": 3}, 3, "Part-time, Tuesdays to Thursdays."),
)  # fmt: skip

# (name, kind, month offset from the start, skills, contacts met by name)
_EVENTS = (
    ("ITIL 4 Foundation training", "training", 2, ["itsm_process"], ["Claire Jacobs"]),
    ("Microsoft 365 Community Day NL", "meetup", 5, ["m365_collaboration", "cloud_platforms"], ["Gijs Verbeek", "Olga Petrova"]),
    ("MS-900 Microsoft 365 Fundamentals course", "training", 7, ["cloud_platforms"], ["Hugo Lambert"]),
    ("Dutch PowerShell user group meetup", "meetup", 9, ["scripting_automation"], ["Niels Pauwels"]),
    ("Cisco Networking Academy CCNA kick-off", "training", 10, ["network_connectivity"], ["Ramon Vermeulen"]),
    ("Palo Alto Networks GlobalProtect vendor day", "vendor", 11, ["remote_access", "network_connectivity"], ["Mark de Wit", "Luuk Hermans"]),
    ("Network meetup NL", "meetup", 12, ["network_connectivity"], ["Sofie Claes", "Iris Hoekstra", "Wendy Schouten"]),
    ("CompTIA Network+ bootcamp", "training", 13, ["network_connectivity", "security_incidents"], ["Yara Mertens"]),
    ("Service desk community day", "conference", 15, ["itsm_process", "user_guidance"], ["Thijs Wouters", "Rosa Martens"]),
    ("Cisco Live Amsterdam", "conference", 17, ["network_connectivity", "remote_access"], ["Sofie Claes"]),
)  # fmt: skip

# (month offset, kind, title, skills, minutes)
_LEARNING = (
    (1, "reading", "ITIL 4 Foundation study guide", ["itsm_process"], 240),
    (2, "certification", "ITIL 4 Foundation", ["itsm_process"], 90),
    (3, "blog", "How self-service password reset works in Entra ID", ["accounts_passwords", "cloud_platforms"], 20),
    (4, "course", "Microsoft Learn: Microsoft 365 fundamentals path", ["cloud_platforms", "m365_collaboration"], 360),
    (6, "lab", "Intune test tenant: enrol an Android phone", ["endpoint_management", "mobile_devices"], 120),
    (7, "certification", "Microsoft 365 Fundamentals (MS-900)", ["cloud_platforms"], 60),
    (8, "side-project", "PowerShell script: find locked-out accounts", ["scripting_automation", "accounts_passwords"], 180),
    (9, "blog", "Subnetting without tears", ["network_connectivity"], 30),
    (10, "course", "CCNA 1: Introduction to Networks", ["network_connectivity"], 1800),
    (11, "lab", "Packet Tracer: VLANs and trunking", ["network_connectivity"], 150),
    (11, "reading", "GlobalProtect administrator's guide (VPN, certificates)", ["remote_access"], 180),
    (12, "course", "CCNA 2: Switching, Routing and Wireless Essentials", ["network_connectivity"], 1800),
    (13, "lab", "Home lab: site-to-site VPN between two firewalls", ["remote_access", "network_connectivity"], 240),
    (14, "certification", "CompTIA Network+", ["network_connectivity", "remote_access"], 90),
    (15, "course", "CCNA 3: Enterprise Networking, Security and Automation", ["network_connectivity", "security_incidents"], 1800),
    (16, "side-project", "Wi-Fi survey of the office with a spectrum app", ["network_connectivity"], 300),
    (17, "blog", "DHCP snooping explained", ["network_connectivity", "security_incidents"], 25),
)  # fmt: skip

_BLOGS = (
    ("blog", "Fixing Outlook credential prompts", ["email_calendar"]),
    ("blog", "Why OneDrive stops syncing", ["m365_collaboration"]),
    ("reading", "The Phoenix Project", ["itsm_process"]),
    ("blog", "Printer drivers via print management", ["printing"]),
    ("lab", "Wireshark: reading a DHCP handshake", ["network_connectivity"]),
    ("blog", "DNS for the service desk", ["network_connectivity"]),
    ("blog", "Conditional access basics", ["cloud_platforms", "security_incidents"]),
    ("reading", "Spotting phishing mails: a checklist", ["security_incidents"]),
    ("lab", "Citrix Workspace app troubleshooting lab", ["remote_access"]),
    ("blog", "VPN split tunnelling: pros and cons", ["remote_access"]),
)  # fmt: skip

_KUDOS = (
    "Thanks for the quick help, I could get back to work right away!",
    "You saved my presentation, thank you!",
    "Super fast, thanks a lot.",
    "VPN works again from home, you're a star.",
    "Thanks for explaining it so patiently.",
    "Bedankt voor de snelle hulp!",
    "Top geholpen, dank je wel.",
    "Eindelijk werkt de printer weer, bedankt!",
    "Heel fijn dat je meteen tijd had.",
    "Thanks for staying late to fix this.",
)  # fmt: skip

_SOLUTIONS = {
    "accounts_passwords": ("Reset via AD, user changed it at next sign-in", "Gereset in AD, gebruiker heeft het zelf gewijzigd"),
    "remote_access": ("Reinstalled the VPN client and renewed the certificate", "VPN-client opnieuw geïnstalleerd en certificaat vernieuwd"),
    "network_connectivity": ("Moved the desk to another switch port, ticket to network team for the faulty port", "Werkplek op andere switchpoort aangesloten, defecte poort gemeld"),
    "printing": ("Cleared the queue and restarted the spooler", "Wachtrij geleegd en spooler herstart"),
}  # fmt: skip


# ---------------------------------------------------------------- generation


@dataclass
class Sample:
    """Every table of the sample home, as plain dicts in insertion order (ids assigned on write).

    Cross-references before ids exist use positions: wins' ``helped_by`` and events' ``met``
    hold contact indexes, links hold (index, index), kudos' ``win`` a win index.
    """

    profile: dict[str, Any]
    contacts: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    wins: list[dict[str, Any]] = field(default_factory=list)
    learning: list[dict[str, Any]] = field(default_factory=list)
    kudos: list[dict[str, Any]] = field(default_factory=list)
    contact_event: dict[int, int] = field(default_factory=dict)  # contact index -> event index


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    last = [
        31,
        29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][m - 1]
    return date(y, m, min(day.day, last))


def _stamp(day: date, minute_of_day: int, tz: Any) -> str:
    at = time(minute_of_day // 60, minute_of_day % 60)
    return datetime.combine(day, at, tzinfo=tz).isoformat(timespec="seconds")


def _fill(text: str, rng: random.Random, nl: bool) -> str:
    team_i = rng.randrange(len(_TEAMS))
    floor_i = rng.randrange(len(_FLOORS))
    site_i = rng.randrange(len(_SITES))
    # A few users and printers are "regulars": skewed choice makes repeat problems appear.
    name = _NAMES[min(int(rng.expovariate(1 / 8)), len(_NAMES) - 1)]
    printer = _PRINTERS[min(int(rng.expovariate(1 / 1.5)), len(_PRINTERS) - 1)]
    return text.format(
        name=name,
        team=(_TEAMS_NL if nl else _TEAMS)[team_i],
        printer=printer,
        floor=_FLOORS[floor_i],
        floor_nl=_FLOORS_NL[floor_i],
        app=rng.choice(_APPS),
        site=_SITES[site_i],
        site_nl=_SITES_NL[site_i],
    )


def _minutes(rng: random.Random, typical: int, t: float) -> int:
    # Log-normal around the template's typical time; the agent gets ~25% faster over 18 months.
    median = typical * (1.0 - 0.25 * t)
    value = math.exp(rng.gauss(math.log(max(median, 1.0)), 0.65))
    if rng.random() < 0.03:  # the long tail: the afternoon that vanished into one ticket
        value *= rng.uniform(3, 6)
    return max(1, min(300, round(value)))


def generate(seed: int, now: datetime, *, months: int = MONTHS, volume: float = 1.0) -> Sample:
    """The whole sample for *seed*, ending at *now* (deterministic for the same arguments).

    *months* and *volume* (a multiplier on wins per day) exist for benchmarks that need a bigger
    history than the demo's 18 months (e.g. 25,000 wins: ``months=36, volume=3.6``).
    """
    rng = random.Random(seed)
    tz = now.tzinfo
    today = now.date()
    started = _months_before(today, months)
    total_days = max((today - started).days, 1)
    sample = Sample(
        profile={
            "started": started.isoformat(),
            "role": "Service desk agent (first line)",
            "target_minutes": 15,
            "track": "network",
            "lang": "en",
        }
    )

    def day_at(months: float) -> date:
        return min(today, started + timedelta(days=round(months * 30.44)))

    # ---- contacts (index = position in _CONTACTS)
    index_of = {c[0]: i for i, c in enumerate(_CONTACTS)}
    for name, kind, org, specialties, strength, notes in _CONTACTS:
        created_day = (
            day_at(rng.uniform(0, 6)) if kind == "colleague" else day_at(rng.uniform(2, 17))
        )
        email = name.lower().replace(" ", ".").replace("'", "") + (
            "@example.org" if kind == "colleague" else "@example.com"
        )
        sample.contacts.append(
            {
                "name": name,
                "kind": kind,
                "org": org,
                "email": email,
                "phone": None,
                "specialties": dict(specialties),
                "strength": strength,
                "met_at": None,
                "notes": notes,
                "last_contact": None,
                "do_not_ask": name == "Hanna Vos",  # asked not to be bothered outside HR tickets
                "created": _stamp(created_day, 9 * 60, tz),
            }
        )

    # ---- events; contacts met there get met_at and a created date on the event day
    for e_i, (ename, ekind, month, skills, met) in enumerate(_EVENTS):
        eday = day_at(month + rng.uniform(0, 0.8))
        sample.events.append(
            {
                "name": ename,
                "kind": ekind,
                "date": eday.isoformat(),
                "skills": list(skills),
                "met": [index_of[n] for n in met],
            }
        )
        for n in met:
            ci = index_of[n]
            if ci not in sample.contact_event:
                sample.contact_event[ci] = e_i
                sample.contacts[ci]["created"] = _stamp(eday, 17 * 60, tz)

    # ---- links: the network beyond direct ties (introductions)
    link_pairs = [
        (VPN_EXPERT, "Ahmed Benali", 5), (VPN_EXPERT, "Mark de Wit", 4), (VPN_EXPERT, "Luuk Hermans", 4),
        ("Ahmed Benali", "Sven Kuipers", 5), ("Ahmed Benali", "Sofie Claes", 3), ("Mark de Wit", "Wendy Schouten", 3),
        ("Ingrid Bakker", "Daniel Koster", 5), ("Marloes Dekker", "Gijs Verbeek", 3), ("Ruud Visser", "Olga Petrova", 4),
        ("Tom Jansen", "Jeroen Bos", 4), ("Lieke Smit", "Eline Brouwer", 5), ("Lieke Smit", "Rosa Martens", 2),
        ("Kevin de Boer", "Erik van Dam", 4), ("Joris Mulder", "Stefan Groen", 4), ("Joris Mulder", "Hanna Vos", 3),
        ("Priya Raman", "Joris Mulder", 3), ("Fatima el Amrani", "Karin Maas", 4), ("Bas Hendriks", "Ayla Demir", 3),
        ("Ramon Vermeulen", "Sofie Claes", 3), ("Yara Mertens", "Iris Hoekstra", 2), ("Thijs Wouters", "Mila Peters", 3),
        ("Niels Pauwels", "Erik van Dam", 4), ("Peter Willems", "Fatima el Amrani", 3), ("Koen Smeets", "Anke Timmer", 4),
        ("Daniel Koster", "Ruud Visser", 3), ("Sven Kuipers", "Iris Hoekstra", 2),
    ]  # fmt: skip
    for a, b, s in link_pairs:
        sample.links.append({"a": index_of[a], "b": index_of[b], "strength": s, "note": ""})

    # ---- wins, working day by working day
    mix_skills = list(_MIX)
    by_main: dict[str, list[int]] = {s: [] for s in mix_skills}
    for t_i, tpl in enumerate(TEMPLATES):
        by_main[tpl[0][0]].append(t_i)
    # A few ties go quiet on purpose, so that "losing touch" has something to show.
    quiet = {
        index_of[n]
        for n in ("Ramon Vermeulen", "Karin Maas", "Thijs Wouters", "Ruud Visser", "Yara Mertens")
    }
    experts: dict[str, list[int]] = {s: [] for s in mix_skills}
    for i, spec in enumerate(_CONTACTS):
        usable = spec[4] is not None and not sample.contacts[i]["do_not_ask"] and i not in quiet
        if spec[1] in ("colleague", "vendor") and usable:
            for skill, level in spec[3].items():
                if level >= 4:
                    experts[skill].append(i)
    vpn_i = index_of[VPN_EXPERT]
    holidays = {started + timedelta(days=rng.randrange(total_days)) for _ in range(3)}  # weeks off
    off: set[date] = set()
    for h in sorted(holidays):
        off.update(h + timedelta(days=k) for k in range(rng.choice((5, 10))))
    last_contact: dict[int, str] = {}
    day = started
    n_ticket = 24000 + rng.randrange(1000)
    while day <= today:
        if day.weekday() < 5 and day not in off and rng.random() > 0.03:  # sick days, courses
            t = (day - started).days / total_days
            weights = [a + (b - a) * t for a, b in (_MIX[s] for s in mix_skills)]
            count = max(1, round(rng.gauss(7.5 + 2.0 * t, 2.0) * volume))
            if day == today:
                count = max(1, count // 3)  # the day is not over yet
            minute = 8 * 60 + rng.randrange(20)
            for _n in range(count):
                main = rng.choices(mix_skills, weights)[0]
                tpl_skills, en, nl_text, typical = TEMPLATES[rng.choice(by_main[main])]
                nl = rng.random() < 0.35
                problem = _fill(nl_text if nl else en, rng, nl)
                minutes: int | None = _minutes(rng, typical, t)
                if rng.random() < 0.07:
                    minutes = None  # forgot to time it
                helped: list[int] = []
                if main == "remote_access" and rng.random() < 0.4:
                    helped.append(vpn_i)
                elif experts[main] and rng.random() < (0.2 if main in _SECOND_LINE else 0.03):
                    helped.append(rng.choice(experts[main]))
                escalated = rng.random() < ((0.18 - 0.12 * t) if main in _SECOND_LINE else 0.015)
                solution = None
                if main in _SOLUTIONS and rng.random() < 0.3:
                    solution = _SOLUTIONS[main][1 if nl else 0]
                step = ((minutes or 10) + rng.randrange(5, 25)) / volume
                minute = min(minute + round(step), 18 * 60)
                if day == today and minute > now.hour * 60 + now.minute:
                    break  # nothing logged in the future
                when = _stamp(day, minute, tz)
                n_ticket += rng.randrange(1, 40)
                sample.wins.append(
                    {
                        "when": when,
                        "problem": problem,
                        "solution": solution,
                        "skills": list(tpl_skills),
                        "skills_source": "auto",
                        "minutes": minutes,
                        "helped_by": helped,
                        "ticket": f"INC{n_ticket:07d}" if rng.random() < 0.7 else None,
                        "source": "manual",
                        "tags": ["demo"],
                        "escalated": escalated,
                        "created": when,
                        "updated": when,
                    }
                )
                for ci in helped:
                    last_contact[ci] = when
                    if rng.random() < 0.5:
                        sample.interactions.append(
                            {"contact": ci, "when": when, "kind": "helped", "note": problem[:80]}
                        )
        day += timedelta(days=1)

    # ---- other interactions: chats and asks spread over time
    for ci, c in enumerate(sample.contacts):
        if c["strength"] is None:
            continue
        first = date.fromisoformat(c["created"][:10])
        end = today - timedelta(days=rng.randrange(120, 200)) if ci in quiet else today
        span = max((end - first).days, 1)
        for _k in range(1 + int(c["strength"]) * 2):
            iday = first + timedelta(days=rng.randrange(span))
            if ci not in quiet and _k == 0:
                iday = today - timedelta(days=rng.randrange(2, 25))
            when = _stamp(iday, 12 * 60 + rng.randrange(240), tz)
            sample.interactions.append(
                {
                    "contact": ci,
                    "when": when,
                    "kind": rng.choice(("chat", "asked", "met", "chat")),
                    "note": "",
                }
            )
            last_contact[ci] = max(last_contact.get(ci, ""), when)
    sample.interactions.sort(key=lambda r: (r["when"], r["contact"]))
    for ci, when in last_contact.items():
        if ci in quiet:
            when = min(when, (today - timedelta(days=130)).isoformat())
        sample.contacts[ci]["last_contact"] = when[:10]

    # ---- learning log
    for month, kind, title, skills, minutes in _LEARNING:
        lday = day_at(month + rng.uniform(0, 0.9))
        sample.learning.append(
            {
                "when": _stamp(lday, 19 * 60 + rng.randrange(120), tz),
                "kind": kind,
                "title": title,
                "skills": list(skills),
                "minutes": minutes,
                "url": None,
            }
        )
    for _k in range(30):
        kind, title, skills = _BLOGS[rng.randrange(len(_BLOGS))]
        lday = day_at(rng.uniform(0, months - 0.05))
        sample.learning.append(
            {
                "when": _stamp(lday, 20 * 60 + rng.randrange(60), tz),
                "kind": kind,
                "title": title,
                "skills": list(skills),
                "minutes": rng.choice((15, 20, 30, 45, 60)),
                "url": None,
            }
        )
    sample.learning.sort(key=lambda r: r["when"])

    # ---- kudos, tied to quick or tricky wins
    candidates = [
        i for i, w in enumerate(sample.wins) if (w["minutes"] or 99) <= 10 or w["helped_by"]
    ]
    for _k in range(min(45, len(candidates))):
        wi = candidates[rng.randrange(len(candidates))]
        win = sample.wins[wi]
        nl = any(word in win["problem"].lower() for word in (" voor ", " bij ", " van ", " op "))
        note = _KUDOS[rng.randrange(5, 9) if nl else rng.choice((0, 1, 2, 3, 4, 9))]
        when_day = date.fromisoformat(win["when"][:10])
        sample.kudos.append(
            {
                "when": _stamp(when_day, 16 * 60 + rng.randrange(90), tz),
                "from": f"{_NAMES[rng.randrange(len(_NAMES))]} ({rng.choice(_TEAMS)})"
                if rng.random() < 0.85
                else None,
                "note": note,
                "win": wi,
            }
        )
    sample.kudos.sort(key=lambda r: r["when"])
    return sample


# ---------------------------------------------------------------- writing


def write(store: Store, sample: Sample, label: str = "demo sample") -> dict[str, int]:
    """Store the sample in ONE transaction, turning positional references into real ids."""
    with store.transaction(label) as tx:
        contact_ids = tx.insert_many("contacts", [dict(c) for c in sample.contacts])
        event_ids = tx.insert_many(
            "events", [{**e, "met": [contact_ids[i] for i in e["met"]]} for e in sample.events]
        )
        for ci, ei in sorted(sample.contact_event.items()):
            tx.update("contacts", contact_ids[ci], {"met_at": event_ids[ei]})
        tx.insert_many(
            "links",
            [
                {**link, "a": contact_ids[link["a"]], "b": contact_ids[link["b"]]}
                for link in sample.links
            ],
        )
        tx.insert_many(
            "interactions",
            [{**r, "contact": contact_ids[r["contact"]]} for r in sample.interactions],
        )
        win_ids = tx.insert_many(
            "wins",
            [
                {
                    **w,
                    "helped_by": [contact_ids[i] for i in w["helped_by"]],
                    "terms": win_terms(w["problem"], w.get("solution")),
                }
                for w in sample.wins
            ],
        )
        tx.insert_many("learning", [dict(x) for x in sample.learning])
        tx.insert_many("kudos", [{**k, "win": win_ids[k["win"]]} for k in sample.kudos])
        tx.set_profile(dict(sample.profile))
    return {
        "wins": len(sample.wins),
        "contacts": len(sample.contacts),
        "links": len(sample.links),
        "events": len(sample.events),
        "interactions": len(sample.interactions),
        "learning": len(sample.learning),
        "kudos": len(sample.kudos),
    }


def build(store: Store, seed: int, now: datetime) -> dict[str, int]:
    """Generate and write the sample; returns the number of records per table."""
    return write(store, generate(seed, now))
