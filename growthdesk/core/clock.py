"""Current time, overridable for tests, benchmarks and the demo (``GROWTHDESK_NOW``)."""

from __future__ import annotations

import os
from datetime import datetime

__all__ = ["now", "ENV_NOW"]

ENV_NOW = "GROWTHDESK_NOW"


def now() -> datetime:
    """Aware local time; ``GROWTHDESK_NOW`` (ISO-8601) pins it."""
    fixed = os.environ.get(ENV_NOW)
    if fixed:
        value = datetime.fromisoformat(fixed)
        return value if value.tzinfo else value.astimezone()
    return datetime.now().astimezone()
