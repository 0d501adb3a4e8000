"""The one reader of the reference files shipped in ``data/`` (the package ``growthdesk.data``).

setup.cfg maps the top-level ``data/`` folder to ``growthdesk.data``, so the files are found the
same way in a wheel, an editable install and a zip (importlib.resources, not paths).
"""

from __future__ import annotations

from typing import Any

from growthdesk.core.errors import GrowthdeskError
from growthdesk.core.i18n import _

__all__ = ["DataFileError", "read_json"]


class DataFileError(GrowthdeskError):
    """A shipped data file is missing or malformed (a packaging bug, not a user error)."""


def read_json(name: str) -> Any:
    """The decoded JSON of ``data/<name>``; DataFileError naming the file if it cannot be read."""
    from importlib.resources import files

    import orjson

    try:
        return orjson.loads(files("growthdesk.data").joinpath(name).read_bytes())
    except (ModuleNotFoundError, OSError, orjson.JSONDecodeError) as exc:
        raise DataFileError(_("cannot read data/{name}: {exc}", name=name, exc=exc)) from None
