"""Career path analysis: what is this agent becoming, and what should they do next?

Pure functions over plain lists of win and learning records. Nothing here reads files (the track
and baseline data come from :mod:`growthdesk.career.tracks`), prints or imports click/rich.
analyse() assembles, in order (DESIGN.md "Career path"):

1. the skill distribution, breadth/depth numbers, RCA and the label (:mod:`.metrics`);
2. the fit of every track, its gaps and next certifications (:mod:`.fit`);
3. the 24–36-month window, the quarter plan and the quarterly history (:mod:`.plan`);
4. the recommendation text and its reasons (:mod:`.advice`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from growthdesk.career.advice import recommend
from growthdesk.career.fit import (
    CORE_WEIGHT,
    FIT_FLOOR,
    TrackFit,
    earned_certifications,
    track_fits,
    track_gaps,
)
from growthdesk.career.metrics import (
    BREADTH_SHARE,
    BROAD_AREAS,
    DEEP_RCA,
    DEEP_SHARE,
    HALF_LIFE_DAYS,
    MIN_DAYS,
    MIN_WINS,
    AreaShare,
    Metrics,
    area_shares,
    data_needs,
    deep_areas,
    distribution,
    distribution_of,
    label_for,
    metrics,
)
from growthdesk.career.plan import (
    QuarterMix,
    QuarterPlan,
    Window,
    history_from,
    quarter_plan,
    window,
)
from growthdesk.career.tracks import Track, load_baseline, load_tracks
from growthdesk.core.errors import InputError
from growthdesk.core.i18n import _, language
from growthdesk.core.names import did_you_mean
from growthdesk.core.records import LearningEntry, Profile, Win
from growthdesk.skills.ids import TRACK_IDS

__all__ = ["PathReport", "analyse", "to_json"]

TOP_TRACKS = 3


@dataclass
class PathReport:
    now: str
    enough_data: bool
    needs: list[str]
    label: str  # specialist | t-shaped | generalist | not-enough-data
    deep_areas: list[str]
    metrics: Metrics
    areas: list[AreaShare]
    fits: list[TrackFit]
    top_track: str  # the best fit, recommended or not
    recommended: str | None  # the best fit when there is enough data and it reaches FIT_FLOOR
    focus: str | None
    window: Window
    plan: list[QuarterPlan]
    history: list[QuarterMix]
    certifications: list[dict[str, Any]]
    recommendation: str
    reasons: list[str]
    thresholds: dict[str, float]


def analyse(
    wins: Iterable[Win],
    learning: Iterable[LearningEntry],
    profile: Profile,
    now: datetime,
    track: str | None = None,
    *,
    tracks: Mapping[str, Track] | None = None,
    baseline: Mapping[str, float] | None = None,
    rows: Iterable[Sequence[Any]] | None = None,
) -> PathReport:
    """The whole career analysis. *track* focuses gaps and plan on one track.

    *rows*: the wins' day rows (worklog.days, as the month summaries keep them) instead of
    *wins*; the report is the same."""
    tracks = tracks if tracks is not None else load_tracks()
    baseline = baseline if baseline is not None else load_baseline()
    if track is not None and track not in tracks:
        raise InputError(
            _("Unknown track '{track}'.", track=track) + did_you_mean(track, TRACK_IDS)
        )
    lang = language()  # the interface language chosen for this command, not only the profile's
    wins = wins if isinstance(wins, list) else list(wins)
    learning = learning if isinstance(learning, list) else list(learning)

    dist = (
        distribution(wins, learning, now) if rows is None else distribution_of(rows, learning, now)
    )
    m = metrics(dist, now)
    areas = area_shares(dist, baseline)
    needs = data_needs(m, now)
    enough = not needs
    deep = deep_areas(areas) if enough else []
    label = label_for(m, deep, enough)

    earned, preparing = earned_certifications(learning)
    fits = track_fits(
        dist,
        m,
        areas,
        tracks,
        baseline,
        earned_codes=[c.code for c, _t, _d in earned],
        preparing_codes=[c.code for c, _t, _d in preparing],
        lang=lang,
    )
    earned_codes = {c.code for c, _t, _d in earned}
    preparing_codes = {c.code for c, _t, _d in preparing}
    detail = {f.track for f in fits[:TOP_TRACKS]}
    detail.add(next(f.track for f in fits if f.track != "generalist"))
    if track:
        detail.add(track)
    if profile.get("track") in tracks:
        detail.add(str(profile["track"]))
    for f in fits:
        if f.track not in detail:
            continue
        t = tracks[f.track]
        f.gaps = track_gaps(dist, t, baseline)
        pending = [c for c in t.certifications if c.code not in earned_codes]
        # Finish what you started before starting something new.
        pending.sort(key=lambda c: c.code not in preparing_codes)
        f.next_certifications = [c.to_dict() for c in pending[:3]]
        f.next_roles = t.roles(lang)

    top = fits[0]
    focus_fit = next((f for f in fits if f.track == track), top) if track else top
    # With no --track, plan toward the chosen profile track if there is one, else the best fit.
    if not track and profile.get("track") in tracks:
        focus_fit = next(f for f in fits if f.track == profile["track"])
    win = window(profile, dist.first, now)
    plan = quarter_plan(now, win, focus_fit, tracks, enough, needs, lang, pace=dist.recent_wins)
    start = date.fromisoformat(win.started) if win.started else None
    hist = history_from(dist, start, now)
    chosen = top if enough and top.fit >= FIT_FLOOR else None
    text, reasons = recommend(
        label, m, areas, deep, fits, chosen, win, profile, needs, tracks, lang
    )
    if track:
        reasons.append(
            _(
                "Focus {track}: fit {fit:.0%}, rank {rank} of 10.",
                track=focus_fit.label,
                fit=focus_fit.fit,
                rank=focus_fit.rank,
            )
        )
    cert_rows = [
        {"code": c.code, "name": c.name, "tracks": list(t), "when": d, "status": "earned"}
        for c, t, d in earned
    ] + [
        {"code": c.code, "name": c.name, "tracks": list(t), "when": d, "status": "preparing"}
        for c, t, d in preparing
    ]
    return PathReport(
        now=now.isoformat(),
        enough_data=enough,
        needs=needs,
        label=label,
        deep_areas=deep,
        metrics=m,
        areas=areas,
        fits=fits,
        top_track=top.track,
        recommended=chosen.track if chosen else None,
        focus=track,
        window=win,
        plan=plan,
        history=hist,
        certifications=cert_rows,
        recommendation=text,
        reasons=reasons,
        thresholds={
            "half_life_days": HALF_LIFE_DAYS,
            "breadth_share": BREADTH_SHARE,
            "broad_areas": BROAD_AREAS,
            "deep_rca": DEEP_RCA,
            "deep_share": DEEP_SHARE,
            "min_wins": MIN_WINS,
            "min_days": MIN_DAYS,
            "fit_floor": FIT_FLOOR,
            "core_weight": CORE_WEIGHT,
        },
    )


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def to_json(report: PathReport) -> dict[str, Any]:
    """A JSON-ready dict (floats rounded to 4 places)."""
    result: dict[str, Any] = _round(asdict(report))
    return result
