"""The profile's language, read before a command is parsed (for its --help and click's errors),
without opening the store: no lock, no tinydb, no pathlib, no json parser on the fast path.
Cosmetic: anything unreadable is None; the command itself reports a damaged file when it
opens the store."""

from __future__ import annotations

import os
import re

from growthdesk.store.layout import META

__all__ = ["profile_language"]

# meta.json as orjson writes it: {"profile":{"1":{…,"lang":"nl",…}},"_meta":{…}}. The profile
# is the only table of meta.json with a "lang" field.
_LANG = re.compile(rb'"lang":\s*"([A-Za-z_-]{1,16})"')


def profile_language(home: str) -> str | None:
    """``lang`` of the profile in the data folder *home* (meta.json is replaced atomically, so
    it is never torn)."""
    try:
        with open(os.path.join(home, META), "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    found = _LANG.findall(raw)
    if len(found) == 1:
        return found[0].decode("ascii")
    if not found:
        return None
    import json  # more than one "lang": let the real structure decide

    try:
        lang = json.loads(raw)["profile"]["1"]["lang"]
    except (ValueError, KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) else None
