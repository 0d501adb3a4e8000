"""The one reader of the reference files shipped in ``data/`` (the package ``growthdesk.data``).

setup.cfg maps the top-level ``data/`` folder to ``growthdesk.data``, so the files are found the
same way in a wheel, an editable install and a zip: through the package's loader (what
importlib.resources and pkgutil.get_data use too), never a path of our own making.
"""

from __future__ import annotations

import os
from typing import Any

from growthdesk.core.errors import GrowthdeskError
from growthdesk.core.i18n import _

__all__ = ["DataFileError", "read_bytes", "read_json"]


class DataFileError(GrowthdeskError):
    """A shipped data file is missing or malformed (a packaging bug, not a user error)."""


def read_bytes(name: str) -> bytes:
    """The bytes of ``data/<name>``; DataFileError naming the file if it cannot be read."""
    try:
        import growthdesk.data as package

        spec = package.__spec__
        get_data = getattr(spec.loader if spec else None, "get_data", None)
        if package.__file__ and get_data is not None:
            # The loader's get_data, as pkgutil.get_data does it: importing importlib.resources
            # (zipfile, tempfile, shutil) cost `query` and `plain` 7 ms a run
            # (bench/bench_assist.py).
            raw: bytes = get_data(os.path.join(os.path.dirname(package.__file__), name))
            return raw
        from importlib.resources import files

        return files("growthdesk.data").joinpath(name).read_bytes()
    except (ModuleNotFoundError, OSError) as exc:
        raise DataFileError(_("cannot read data/{name}: {exc}", name=name, exc=exc)) from None


def read_json(name: str) -> Any:
    """The decoded JSON of ``data/<name>``; DataFileError naming the file if it cannot be read."""
    import orjson

    raw = read_bytes(name)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DataFileError(_("cannot read data/{name}: {exc}", name=name, exc=exc)) from None
