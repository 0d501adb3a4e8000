"""The one place that decides where the data folder is."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["resolve_home", "ENV_HOME"]

ENV_HOME = "GROWTHDESK_HOME"


def resolve_home(option: str | os.PathLike[str] | None = None) -> Path:
    """``--home``, then ``$GROWTHDESK_HOME``, then the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when neither override is given

    return Path(platformdirs.user_data_dir("growthdesk", appauthor=False))
