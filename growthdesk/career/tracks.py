"""Career tracks and the typical-helpdesk baseline, shipped in ``data/`` and checked on load.

``tracks.json`` says which skill areas each of the 10 tracks draws on, its next roles and the
certifications usually named for it. ``baseline.json`` is an *estimate* of how helpdesk volume is
spread over the 23 areas; career maths divides by it so that volume (password resets!) is not
mistaken for specialisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from growthdesk.core.data import read_json
from growthdesk.core.errors import GrowthdeskError
from growthdesk.core.i18n import _
from growthdesk.core.text import fold
from growthdesk.skills.ids import SKILL_IDS, TRACK_IDS

__all__ = [
    "TrackDataError",
    "Certification",
    "Track",
    "load_tracks",
    "load_baseline",
    "parse_tracks",
    "parse_baseline",
    "match_certification",
    "cert_tokens",
    "track_for_label",
]

_WEIGHT_TOLERANCE = 1e-3


class TrackDataError(GrowthdeskError):
    """``tracks.json`` or ``baseline.json`` is malformed (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class Certification:
    code: str
    name: str
    aliases: tuple[str, ...]
    skills: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "skills": list(self.skills)}


@dataclass(frozen=True)
class Track:
    id: str
    label: dict[str, str]
    summary: dict[str, str]
    weights: dict[str, float]
    next_roles: tuple[dict[str, str], ...]
    certifications: tuple[Certification, ...]
    scoring: str = "weights"  # "weights" or "breadth" (the generalist track)
    refs: tuple[str, ...] = field(default_factory=tuple)

    def name(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label["en"]

    def roles(self, lang: str = "en") -> list[str]:
        return [r.get(lang) or r["en"] for r in self.next_roles]


def _fail(what: str) -> TrackDataError:
    return TrackDataError(_("Broken career data: {what}", what=what))


def _skill_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(f"{where}: skills must be a non-empty list")
    for skill in value:
        if skill not in SKILL_IDS:
            raise _fail(f"{where}: unknown skill id {skill!r}")
    return tuple(value)


def _labels(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail(f"{where} is missing")
    for lang in ("en", "nl"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _fail(f"{where} has no {lang!r} text")
    return {str(k): str(v) for k, v in value.items()}


def _parse_cert(raw: Any, where: str) -> Certification:
    if not isinstance(raw, dict):
        raise _fail(f"{where} must be an object")
    code, name = raw.get("code"), raw.get("name")
    if not isinstance(code, str) or not code or not isinstance(name, str) or not name:
        raise _fail(f"{where} needs a code and a name")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise _fail(f"{where} ({code}): aliases must be a list of strings")
    return Certification(
        code, name, tuple(aliases), _skill_list(raw.get("skills"), f"{where} ({code})")
    )


def parse_tracks(doc: Any) -> dict[str, Track]:
    """Validate a parsed ``tracks.json`` and build the Track objects (in TRACK_IDS order)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("tracks"), dict):
        raise _fail("tracks.json needs a 'tracks' object")
    raw_tracks: dict[str, Any] = doc["tracks"]
    unknown = sorted(set(raw_tracks) - set(TRACK_IDS))
    missing = [t for t in TRACK_IDS if t not in raw_tracks]
    if unknown:
        raise _fail(f"unknown track id(s) {', '.join(unknown)}")
    if missing:
        raise _fail(f"missing track(s) {', '.join(missing)}")
    tracks: dict[str, Track] = {}
    for tid in TRACK_IDS:
        raw = raw_tracks[tid]
        where = f"track {tid!r}"
        if not isinstance(raw, dict):
            raise _fail(f"{where} must be an object")
        weights_raw = raw.get("weights")
        if weights_raw == "uniform":
            weights = {s: 1.0 / len(SKILL_IDS) for s in SKILL_IDS}
        elif isinstance(weights_raw, dict) and weights_raw:
            weights = {}
            for skill, w in weights_raw.items():
                if skill not in SKILL_IDS:
                    raise _fail(f"{where}: unknown skill id {skill!r} in weights")
                if not isinstance(w, (int, float)) or isinstance(w, bool) or not 0 < w <= 1:
                    raise _fail(f"{where}: weight for {skill} must be in (0, 1]")
                weights[skill] = float(w)
            if abs(sum(weights.values()) - 1.0) > _WEIGHT_TOLERANCE:
                raise _fail(f"{where}: weights sum to {sum(weights.values()):.3f}, not 1")
        else:
            raise _fail(f"{where}: weights must be an object or 'uniform'")
        roles = raw.get("next_roles")
        if not isinstance(roles, list) or not roles:
            raise _fail(f"{where}: next_roles must be a non-empty list")
        next_roles = tuple(_labels(r, f"{where} next role") for r in roles)
        certs_raw = raw.get("certifications")
        if not isinstance(certs_raw, list):
            raise _fail(f"{where}: certifications must be a list")
        certs = tuple(_parse_cert(c, f"{where} certification") for c in certs_raw)
        scoring = raw.get("scoring", "weights")
        if scoring not in ("weights", "breadth"):
            raise _fail(f"{where}: scoring must be 'weights' or 'breadth'")
        refs = raw.get("refs", [])
        if not isinstance(refs, list):
            raise _fail(f"{where}: refs must be a list")
        tracks[tid] = Track(
            id=tid,
            label=_labels(raw.get("label"), f"{where} label"),
            summary=_labels(raw.get("summary", raw.get("label")), f"{where} summary"),
            weights=weights,
            next_roles=next_roles,
            certifications=certs,
            scoring=scoring,
            refs=tuple(str(r) for r in refs),
        )
    return tracks


def parse_baseline(doc: Any) -> dict[str, float]:
    """Validate a parsed ``baseline.json``: a positive share for every skill, summing to 1."""
    if not isinstance(doc, dict) or not isinstance(doc.get("shares"), dict):
        raise _fail("baseline.json needs a 'shares' object")
    if not doc.get("note") and not doc.get("source"):
        raise _fail("baseline.json must say where its numbers come from (note/source)")
    shares: dict[str, Any] = doc["shares"]
    unknown = sorted(set(shares) - set(SKILL_IDS))
    if unknown:
        raise _fail(f"baseline.json: unknown skill id(s) {', '.join(unknown)}")
    out: dict[str, float] = {}
    for skill in SKILL_IDS:
        value = shares.get(skill)
        # Zero would make RCA divide by zero; every area happens at every helpdesk at least a little.
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 1:
            raise _fail(f"baseline.json: share for {skill} must be in (0, 1)")
        out[skill] = float(value)
    if abs(sum(out.values()) - 1.0) > _WEIGHT_TOLERANCE:
        raise _fail(f"baseline.json: shares sum to {sum(out.values()):.3f}, not 1")
    return out


@lru_cache(maxsize=1)
def load_tracks() -> dict[str, Track]:
    """The shipped tracks, validated once per process."""
    return parse_tracks(read_json("tracks.json"))


def _label_key(text: str) -> str:
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split())


def track_for_label(text: str) -> str | None:
    """The track id a label names, in either language ('Networking', 'Netwerken', 'Functioneel
    beheer'), the part before a bracket ('Generalist') included; None if none does."""
    key = _label_key(text)
    for track in load_tracks().values():
        for label in track.label.values():
            if key in (_label_key(label), _label_key(label.split(" (")[0])):
                return track.id
    return None


@lru_cache(maxsize=1)
def load_baseline() -> dict[str, float]:
    """The shipped baseline shares (an estimate; see the file's note)."""
    return parse_baseline(read_json("baseline.json"))


# "AZ-104", "az104" and "AZ 104" must all match, as must "Security+" but not "Security":
# split into letter runs and digit runs, keeping a trailing "+" on its token.
_TOKEN = re.compile(r"[a-z]+\+?|[0-9]+\+?")


def cert_tokens(text: str) -> tuple[str, ...]:
    """Tokens used for certification matching ("AZ-104 exam" -> ("az", "104", "exam"))."""
    return tuple(_TOKEN.findall(fold(text)))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@lru_cache(maxsize=1)
def _cert_index() -> tuple[tuple[tuple[str, ...], Certification, tuple[str, ...]], ...]:
    """(alias tokens, certification, track ids) — longest aliases first so the most specific wins."""
    tracks = load_tracks()
    by_code: dict[str, tuple[Certification, list[str]]] = {}
    for track in tracks.values():
        for cert in track.certifications:
            entry = by_code.setdefault(cert.code, (cert, []))
            if track.id not in entry[1]:
                entry[1].append(track.id)
    rows = []
    for cert, track_ids in by_code.values():
        for alias in {cert.code, cert.name, *cert.aliases}:
            tokens = cert_tokens(alias)
            if tokens:
                rows.append((tokens, cert, tuple(track_ids)))
    rows.sort(key=lambda r: (-len(r[0]), -sum(map(len, r[0]))))
    return tuple(rows)


@lru_cache(maxsize=1)
def _cert_by_first_token() -> dict[str, tuple[int, ...]]:
    """First alias token -> positions in _cert_index(), so a title is checked against few aliases."""
    index: dict[str, list[int]] = {}
    for i, (alias_tokens, _cert, _tracks) in enumerate(_cert_index()):
        index.setdefault(alias_tokens[0], []).append(i)
    return {tok: tuple(ids) for tok, ids in index.items()}


def match_certification(title: str) -> tuple[tuple[str, ...], Certification | None]:
    """The track ids and certification named in *title*, or ``((), None)``.

    >>> match_certification("Passed AZ104 today")[1].code
    'AZ-104'
    """
    tokens = cert_tokens(title)
    if not tokens:
        return (), None
    by_first = _cert_by_first_token()
    # Only aliases that start with a token of the title can match; keep the global order.
    candidates = sorted(i for tok in set(tokens) for i in by_first.get(tok, ()))
    rows = _cert_index()
    for i in candidates:
        alias_tokens, cert, track_ids = rows[i]
        if _contains(tokens, alias_tokens):
            # Non-generalist tracks first: a CCNA says "network" louder than "generalist".
            ordered = tuple(
                sorted(track_ids, key=lambda t: (t == "generalist", TRACK_IDS.index(t)))
            )
            return ordered, cert
    return (), None
