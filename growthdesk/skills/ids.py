"""The 23 fixed skill-area ids and 10 career-track ids (DESIGN.md). Users and tests rely on them.

Constants only, importing nothing of ours, so every layer can use them without an import cycle
(checking a user's spelling lives in growthdesk.skills.validate).
"""

from __future__ import annotations

__all__ = ["SKILL_IDS", "TRACK_IDS"]

SKILL_IDS: tuple[str, ...] = (
    "accounts_passwords",
    "access_permissions",
    "email_calendar",
    "m365_collaboration",
    "office_apps",
    "software_install",
    "os_desktop",
    "hardware",
    "printing",
    "network_connectivity",
    "remote_access",
    "security_incidents",
    "mobile_devices",
    "telephony_av",
    "files_storage_backup",
    "server_infrastructure",
    "cloud_platforms",
    "data_reporting",
    "business_apps",
    "endpoint_management",
    "scripting_automation",
    "itsm_process",
    "user_guidance",
)

TRACK_IDS: tuple[str, ...] = (
    "network",
    "security",
    "sysadmin",
    "cloud",
    "euc",
    "data",
    "devops_dev",
    "app_support",
    "itsm",
    "generalist",
)
