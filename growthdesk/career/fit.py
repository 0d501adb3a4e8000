"""Track fit: how well the work matches each of the 10 career tracks, and what is missing.

**Fit is the coverage of the track's core areas**: the share of the agent's recency-weighted work
p_i that lies in the track's core areas, each counted by its weight relative to the track's main
area (c_i = w_ti / max w_t; core = weight ≥ ``CORE_WEIGHT``, never a ``VOLUME_AREAS`` area):
fit = Σ c_i p_i plus a small bonus per certification the track names. Someone doing nothing but
networking scores 100% on Networking; what the track also asks for is listed as gaps, apart.
The generalist track instead scores breadth (effective areas / ``GENERALIST_FULL_AREAS``)
damped by any real specialisation.

**Floor.** No track under ``FIT_FLOOR`` is recommended ("no clear direction yet"). The typical
helpdesk mix of ``baseline.json`` covers at most ~10% of any specialised track, so the floor
asks for twice that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from growthdesk.career.metrics import (
    BREADTH_SHARE,
    DEEP_RCA,
    DEEP_SHARE,
    MIN_WINS,
    VOLUME_AREAS,
    AreaShare,
    Distribution,
    Metrics,
)
from growthdesk.career.tracks import Certification, Track, match_certification
from growthdesk.core.records import LearningEntry
from growthdesk.skills.ids import SKILL_IDS, TRACK_IDS

__all__ = [
    "CORE_WEIGHT",
    "FIT_FLOOR",
    "GENERALIST_FULL_AREAS",
    "CERT_BONUS",
    "PREP_BONUS",
    "Gap",
    "TrackFit",
    "target_share",
    "core_areas",
    "earned_certifications",
    "track_fits",
    "track_gaps",
]

CORE_WEIGHT = 0.10  # a track's area with at least this weight is one of its core areas
FIT_FLOOR = 0.20  # below this coverage a track is never recommended (module doc)
GENERALIST_FULL_AREAS = 8.0  # effective areas for a full generalist score
CERT_BONUS = 0.08  # per earned certification named by a track (at most two count)
PREP_BONUS = 0.03  # per certification being prepared (course/lab naming it)
NEARLY = 0.8  # a generalist at 80% of the breadth mark in an area has nearly covered it


@dataclass
class Gap:
    skill: str
    share: float
    target: float
    wins_needed: int
    certifications: list[str]


@dataclass
class TrackFit:
    track: str
    label: str
    fit: float
    rank: int
    cert_bonus: float
    earned: list[str]
    preparing: list[str]
    gaps: list[Gap] = field(default_factory=list)
    next_certifications: list[dict[str, Any]] = field(default_factory=list)
    next_roles: list[str] = field(default_factory=list)


def target_share(skill: str, baseline: Mapping[str, float]) -> float:
    """The share of the work at which *skill* would count as deep (t_i in the module doc)."""
    return max(DEEP_RCA * baseline[skill], DEEP_SHARE)


def core_areas(track: Track) -> dict[str, float]:
    """The track's core areas, each with its weight relative to the main area (1.0)."""
    core = {s: w for s, w in track.weights.items() if w >= CORE_WEIGHT and s not in VOLUME_AREAS}
    top = max(core.values(), default=0.0)
    return {s: w / top for s, w in core.items()} if top else {}


def _wins_to_reach(dist: Distribution, skill: str, target: float) -> int:
    """New single-area wins (weight 1, today) that lift *skill*'s share to *target*."""
    have = dist.weights.get(skill, 0.0)
    if dist.total <= 0:
        return max(1, math.ceil(target * MIN_WINS))
    need = (target * dist.total - have) / (1.0 - target)
    return max(0, math.ceil(need - 1e-9))


def earned_certifications(
    learning: Iterable[LearningEntry],
) -> tuple[
    list[tuple[Certification, tuple[str, ...], str]],
    list[tuple[Certification, tuple[str, ...], str]],
]:
    """(earned, preparing): certifications named in the learning log, with their tracks and date.

    A ``certification`` entry counts as earned; a course, lab or reading that names one counts
    as preparing for it (until it is earned).
    """
    earned: dict[str, tuple[Certification, tuple[str, ...], str]] = {}
    preparing: dict[str, tuple[Certification, tuple[str, ...], str]] = {}
    for item in learning:
        track_ids, cert = match_certification(str(item.get("title") or ""))
        if cert is None:
            continue
        day = str(item.get("when") or "")[:10]
        target = earned if item.get("kind") == "certification" else preparing
        target.setdefault(cert.code, (cert, track_ids, day))
    for code in earned:
        preparing.pop(code, None)
    return list(earned.values()), list(preparing.values())


def _strength(dist: Distribution, skill: str, baseline: Mapping[str, float]) -> float:
    return min(1.0, dist.share(skill) / target_share(skill, baseline))


def track_fits(
    dist: Distribution,
    m: Metrics,
    areas: Sequence[AreaShare],
    tracks: Mapping[str, Track],
    baseline: Mapping[str, float],
    earned_codes: Iterable[str] = (),
    preparing_codes: Iterable[str] = (),
    lang: str = "en",
) -> list[TrackFit]:
    """Fit 0..1 for every track, best first (ties in TRACK_IDS order)."""
    earned_set, preparing_set = set(earned_codes), set(preparing_codes)
    # How much real specialisation there is (0..1): damps the generalist score.
    spec = max(
        (min(1.0, max(0.0, (a.rca - 1.0) / 2.0)) for a in areas if a.share >= DEEP_SHARE),
        default=0.0,
    )
    fits: list[TrackFit] = []
    for tid in TRACK_IDS:
        track = tracks[tid]
        codes = [c.code for c in track.certifications]
        earned = [c for c in codes if c in earned_set]
        preparing = [c for c in codes if c in preparing_set and c not in earned_set]
        bonus = CERT_BONUS * min(2, len(earned)) + PREP_BONUS * min(1, len(preparing))
        if track.scoring == "breadth":
            base = min(1.0, m.effective_areas / GENERALIST_FULL_AREAS) * (1.0 - spec)
        else:
            base = sum(c * dist.share(s) for s, c in core_areas(track).items())
        fits.append(
            TrackFit(
                track=tid,
                label=track.name(lang),
                fit=min(1.0, base + bonus),
                rank=0,
                cert_bonus=bonus,
                earned=earned,
                preparing=preparing,
            )
        )
    fits.sort(key=lambda f: (-round(f.fit, 9), TRACK_IDS.index(f.track)))
    for rank, fit in enumerate(fits, 1):
        fit.rank = rank
    return fits


def track_gaps(
    dist: Distribution, track: Track, baseline: Mapping[str, float], limit: int = 3
) -> list[Gap]:
    """The areas that would lift this track's fit most, with the wins that would close them."""
    gaps: list[Gap] = []
    if track.scoring == "breadth":
        # A generalist grows by covering the common areas they hardly touch yet; an area
        # almost there (2.9% of a 3% mark) is a footnote, so it comes after the real gaps.
        missing = [s for s in SKILL_IDS if dist.share(s) < BREADTH_SHARE]
        missing.sort(
            key=lambda s: (
                dist.share(s) >= NEARLY * BREADTH_SHARE,
                -baseline[s],
                SKILL_IDS.index(s),
            )
        )
        for s in missing[:limit]:
            gaps.append(
                Gap(s, dist.share(s), BREADTH_SHARE, _wins_to_reach(dist, s, BREADTH_SHARE), [])
            )
        return gaps
    scored = []
    for s, w in track.weights.items():
        if w < CORE_WEIGHT or s in VOLUME_AREAS:
            continue  # secondary areas are not worth a milestone; volume is no goal
        short = 1.0 - _strength(dist, s, baseline)
        if short > 1e-9:
            scored.append((w * short, s))
    scored.sort(key=lambda x: (-x[0], SKILL_IDS.index(x[1])))
    for _score, s in scored[:limit]:
        target = target_share(s, baseline)
        certs = [c.code for c in track.certifications if s in c.skills][:2]
        gaps.append(Gap(s, dist.share(s), target, _wins_to_reach(dist, s, target), certs))
    return gaps
