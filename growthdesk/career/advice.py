"""The advice text of `path`: what you are becoming, in words, and the reasons behind it.

Rules a career coach would sign: lead with the biggest *real* area (not password-reset volume);
recommend a track only from ``FIT_FLOOR`` coverage of its core areas; with too little history
say exactly that, without calling a standout area "not a specialty"; print "× typical" capped
at ``RCA_SHOWN_MAX`` (a 0.5% baseline turns 36% of the work into a meaningless "71×").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from growthdesk.career.fit import FIT_FLOOR, TrackFit, core_areas
from growthdesk.career.metrics import (
    BREADTH_SHARE,
    DEEP_RCA,
    DEEP_SHARE,
    VOLUME_AREAS,
    AreaShare,
    Metrics,
)
from growthdesk.career.plan import Window
from growthdesk.career.tracks import Track
from growthdesk.core import numbers
from growthdesk.core.i18n import _, ngettext
from growthdesk.core.records import Profile
from growthdesk.skills.labels import skill_label

__all__ = ["RCA_SHOWN_MAX", "times_typical", "share_text", "real_top", "recommend"]

RCA_SHOWN_MAX = 10.0  # "× typical" above this is printed as "over 10×"


def share_text(value: float) -> str:
    """A share as people read it: '36%', '2.5%', '0.5%' (never '0%' for something non-zero)."""
    return numbers.share(value)


def times_typical(rca: float) -> str:
    """'2.4× typical', or 'over 10× typical' where a tiny baseline inflates the ratio."""
    if rca > RCA_SHOWN_MAX:
        return _("over {n:.0f}× typical", n=RCA_SHOWN_MAX)
    return _("{r}× typical", r=numbers.decimal(rca))


def real_top(areas: Sequence[AreaShare]) -> AreaShare | None:
    """The biggest area that is not volume every helpdesk has (areas come largest first)."""
    return next((a for a in areas if a.share > 0 and a.skill not in VOLUME_AREAS), None)


def _reasons(
    m: Metrics, areas: Sequence[AreaShare], deep: Sequence[str], enough: bool, lang: str
) -> list[str]:
    reasons: list[str] = []
    lead = real_top(areas)
    # A real area under the breadth share is no lead: 95% password resets and 2% e-mail
    # starts with the password resets.
    if lead is not None and lead.share >= BREADTH_SHARE:
        reasons.append(
            ngettext(
                "Biggest area: {area}, {s} of your recent work ({n} win); a typical helpdesk "
                "has {q} there, so {r}.",
                "Biggest area: {area}, {s} of your recent work ({n} wins); a typical helpdesk "
                "has {q} there, so {r}.",
                lead.wins,
                area=skill_label(lead.skill, lang),
                s=share_text(lead.share),
                q=share_text(lead.baseline),
                r=times_typical(lead.rca),
            )
        )
        if not enough and lead.rca >= DEEP_RCA and lead.share >= DEEP_SHARE:
            reasons.append(
                _(
                    "{area} already stands out, but there is too little history to call it a "
                    "specialty yet.",
                    area=skill_label(lead.skill, lang),
                )
            )
    for a in areas:
        if a.skill in VOLUME_AREAS and a.share >= DEEP_SHARE:
            reasons.append(
                _(
                    "{area} is {s} of your work: volume every helpdesk has (typically {q}). "
                    "It counts toward breadth, never as a specialty or a direction.",
                    area=skill_label(a.skill, lang),
                    s=share_text(a.share),
                    q=share_text(a.baseline),
                )
            )
    reasons.append(
        ngettext(
            "Your work spreads like someone working evenly in {e} of 23 areas "
            "(evenness {j}; {n} area is at least {t:.0%} of your work).",
            "Your work spreads like someone working evenly in {e} of 23 areas "
            "(evenness {j}; {n} areas are at least {t:.0%} of your work each).",
            m.breadth,
            e=numbers.decimal(m.effective_areas),
            j=numbers.decimal(m.evenness, 2),
            t=BREADTH_SHARE,
        )
    )
    return reasons


def _track_reason(top: TrackFit, chosen: TrackFit | None, tracks: Mapping[str, Track]) -> str:
    if chosen is None and top.fit < 0.005:
        return _(
            "No track reaches {floor:.0%} coverage of its core areas, so no direction is "
            "recommended yet.",
            floor=FIT_FLOOR,
        )
    if chosen is None:
        return _(
            "No track reaches {floor:.0%} coverage of its core areas (closest: {track}, "
            "{fit:.0%}), so no direction is recommended yet.",
            floor=FIT_FLOOR,
            track=top.label,
            fit=top.fit,
        )
    if tracks[chosen.track].scoring == "breadth":
        return _(
            "Best-fitting track: {track} ({fit:.0%}, from the breadth of your work).",
            track=chosen.label,
            fit=chosen.fit,
        )
    core = ", ".join(skill_label(s) for s in core_areas(tracks[chosen.track]))
    return _(
        "Best-fitting track: {track}, {fit:.0%} coverage of the track's core areas ({core}).",
        track=chosen.label,
        fit=chosen.fit,
        core=core,
    )


def recommend(
    label: str,
    m: Metrics,
    areas: Sequence[AreaShare],
    deep: Sequence[str],
    fits: Sequence[TrackFit],
    chosen: TrackFit | None,
    win: Window,
    profile: Profile,
    needs: Sequence[str],
    tracks: Mapping[str, Track],
    lang: str,
) -> tuple[str, list[str]]:
    """(recommendation, reasons). *chosen* is the recommended track, None below the floor."""
    by_skill = {a.skill: a for a in areas}
    enough = label != "not-enough-data"
    reasons = _reasons(m, areas, deep, enough, lang)
    if not enough:
        text = _(
            "Too little history yet to say what you are becoming or which track fits: {needs}. "
            "Until then, tag every win so the picture fills in.",
            needs="; ".join(needs),
        )
        return text, reasons
    top = fits[0]
    reasons.append(_track_reason(top, chosen, tracks))
    # Depth points at a specialised track even when the generalist track scores highest.
    lead = chosen
    if lead is not None and tracks[lead.track].scoring == "breadth":
        lead = next((f for f in fits if f.track != lead.track and f.fit >= FIT_FLOOR), None)
    lead_role = (lead.next_roles[0] if lead.next_roles else lead.label) if lead else ""
    if label in ("specialist", "t-shaped"):
        area = by_skill[deep[0]]
        if label == "specialist":
            text = _(
                "You are becoming a specialist in {areas}, like a doctor who mostly treats one "
                "organ: it is {s} of your recent work, {r}.",
                areas=", ".join(skill_label(s, lang) for s in deep),
                s=share_text(area.share),
                r=times_typical(area.rca),
            )
        else:
            text = ngettext(
                "You are T-shaped, like a family doctor with one specialty: broad ({n} area of "
                "{t:.0%}+ of your work) with depth in {area} ({r}).",
                "You are T-shaped, like a family doctor with one specialty: broad ({n} areas of "
                "{t:.0%}+ of your work) with depth in {area} ({r}).",
                m.breadth,
                t=BREADTH_SHARE,
                area=skill_label(deep[0], lang),
                r=times_typical(area.rca),
            )
        if lead is not None:
            text += " " + _(
                "Lean into it: {track} fits best ({fit:.0%} coverage of its core areas); the "
                "next step is {role}.",
                track=lead.label,
                fit=lead.fit,
                role=lead_role,
            )
        else:
            text += " " + _("No track builds on it strongly enough yet to recommend one.")
    elif chosen is not None and tracks[chosen.track].scoring == "breadth":
        biggest = real_top(areas)
        text = _(
            "You are a generalist, like a family doctor: no area stands out beyond normal "
            "helpdesk volume (none at {rca:.0f}× typical and {share:.0%}+ of your work; the "
            "biggest is {area}, {s}). Either stay broad (all-round roles in small teams or MSPs) "
            "or pick a direction",
            rca=DEEP_RCA,
            share=DEEP_SHARE,
            area=skill_label(biggest.skill, lang) if biggest else "-",
            s=share_text(biggest.share) if biggest else "0%",
        )
        text += (
            _("; the closest is {track} ({fit:.0%}).", track=lead.label, fit=lead.fit)
            if lead is not None
            else "."
        )
    else:
        text = _(
            "No clear direction yet: no track reaches {floor:.0%} coverage of its core areas "
            "and no area stands out beyond normal helpdesk volume. Take on tickets outside "
            "your usual mix to find out what you like.",
            floor=FIT_FLOOR,
        )
    if win.phase == "past":
        where = _(" toward {role} ({track})", role=lead_role, track=lead.label) if lead else ""
        text = (
            _(
                "You have been at the helpdesk {m:.0f} months, past the usual 24–36: it is time "
                "to move{where}. ",
                m=win.months_done or 0,
                where=where,
            )
            + text
        )
    elif win.phase == "window":
        text += " " + _(
            "You are inside the usual move window ({left:.0f} months left): start the "
            "conversation now.",
            left=win.months_left or 0,
        )
    wanted = profile.get("track")
    if wanted and wanted in tracks and (chosen is None or wanted != chosen.track):
        wf = next(f for f in fits if f.track == wanted)
        reasons.append(
            _(
                "Your chosen track {track} fits {fit:.0%} (rank {rank} of 10).",
                track=wf.label,
                fit=wf.fit,
                rank=wf.rank,
            )
        )
    return text, reasons
