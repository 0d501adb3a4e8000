"""The 23 fixed skill-area ids and 10 career-track ids (DESIGN.md). Users and tests rely on them."""

from __future__ import annotations

from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _
from growthdesk.core.names import did_you_mean, fold

__all__ = ["SKILL_IDS", "TRACK_IDS", "validate_skill"]

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


def validate_skill(raw: str) -> str:
    """The skill id for *raw* ('Printing', 'remote-access' are accepted), or a helpful InputError.

    With no spelling close to an id, the tagger reads the word as a problem text, so
    `--skill vpn` answers "Did you mean 'remote_access'?".
    """
    cleaned = fold(raw).replace("-", "_").replace(" ", "_")
    if cleaned in SKILL_IDS:
        return cleaned
    hint = did_you_mean(cleaned, SKILL_IDS) if cleaned else ""
    if not hint and cleaned:
        from growthdesk.skills import tagger  # only on this error path

        ranked = tagger.suggest(raw)
        skills, _confident = tagger.decide(ranked)
        if skills:
            hint = " " + _("Did you mean '{s}'?", s=skills[0])
    return _raise_unknown(raw, hint)


def _raise_unknown(raw: str, hint: str) -> str:
    raise InputError(
        _("unknown skill '{s}'.", s=raw) + hint + " " + _("`growthdesk skills` lists them.")
    )
