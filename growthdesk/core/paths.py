"""The one place that decides where the data folder is."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["resolve_home", "home_folder", "ENV_HOME"]

ENV_HOME = "GROWTHDESK_HOME"


def home_folder(option: str | os.PathLike[str] | None = None) -> str:
    """``--home``, then ``$GROWTHDESK_HOME``, then the platform's user data folder, as a plain
    string: what choosing the language of ``--help`` needs, without importing pathlib (~5 ms)."""
    if option:
        return os.path.expanduser(os.fspath(option))
    env = os.environ.get(ENV_HOME)
    if env:
        return os.path.expanduser(env)
    import platformdirs  # only when neither override is given

    return str(platformdirs.user_data_dir("growthdesk", appauthor=False))


def resolve_home(option: str | os.PathLike[str] | None = None) -> Path:
    """The data folder (see :func:`home_folder`)."""
    from pathlib import Path

    return Path(home_folder(option))
