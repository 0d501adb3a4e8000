"""The advice text of `path`: what you are becoming, in words, and the reasons behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from growthdesk.career.fit import TrackFit, target_share
from growthdesk.career.metrics import BREADTH_SHARE, DEEP_RCA, DEEP_SHARE, AreaShare, Metrics
from growthdesk.career.plan import Window
from growthdesk.career.tracks import Track
from growthdesk.core.i18n import _
from growthdesk.core.records import Profile
from growthdesk.skills.labels import skill_label

__all__ = ["recommend"]


def recommend(
    label: str,
    m: Metrics,
    areas: Sequence[AreaShare],
    deep: Sequence[str],
    fits: Sequence[TrackFit],
    top: TrackFit,
    win: Window,
    profile: Profile,
    needs: Sequence[str],
    tracks: Mapping[str, Track],
    lang: str,
) -> tuple[str, list[str]]:
    by_skill = {a.skill: a for a in areas}
    reasons = [
        _(
            "Your work spreads like someone working evenly in {e:.1f} of 23 areas "
            "(evenness {j:.2f}; {b} areas are at least {t:.0%} of your work each).",
            e=m.effective_areas,
            j=m.evenness,
            b=m.breadth,
            t=BREADTH_SHARE,
        )
    ]
    if m.top_area:
        top_area = by_skill[m.top_area]
        reasons.append(
            _(
                "Biggest area: {area}, {s:.0%} of your work ({n} wins); a typical helpdesk has {q:.0%} "
                "there, so {r:.1f}× typical.",
                area=skill_label(m.top_area, lang),
                s=top_area.share,
                n=top_area.wins,
                q=top_area.baseline,
                r=top_area.rca,
            )
        )
        if m.top_area not in deep and top_area.share >= DEEP_SHARE and top_area.rca >= 1.0:
            # The password-reset case: lots of volume, but no more than colleagues relatively.
            reasons.append(
                _(
                    "{area} is volume every helpdesk has, not a specialty: it would need "
                    "{r:.0f}× the typical share ({need:.0%} of your work) to count as one.",
                    area=skill_label(m.top_area, lang),
                    r=DEEP_RCA,
                    need=target_share(m.top_area, {m.top_area: top_area.baseline}),
                )
            )
    reasons.append(_("Best-fitting track: {track} ({fit:.0%}).", track=top.label, fit=top.fit))
    role = top.next_roles[0] if top.next_roles else top.label
    # Depth points at a specialised track even when the generalist track scores highest.
    lead = top if top.track != "generalist" else next(f for f in fits if f.track != "generalist")
    lead_role = lead.next_roles[0] if lead.next_roles else lead.label
    if label == "not-enough-data":
        text = _(
            "Not enough data yet to say what you are becoming: {needs}. Until then, tag every win "
            "so the picture fills in.",
            needs="; ".join(needs),
        )
        return text, reasons
    if label == "specialist":
        areas_txt = ", ".join(skill_label(s, lang) for s in deep)
        text = _(
            "You are becoming a specialist in {areas}, like a doctor who mostly treats one organ: "
            "it is {s:.0%} of your work, {r:.1f}× what a typical helpdesk agent does. Lean into it: "
            "{track} fits best ({fit:.0%}); the next step is {role}.",
            areas=areas_txt,
            s=by_skill[deep[0]].share,
            r=by_skill[deep[0]].rca,
            track=lead.label,
            fit=lead.fit,
            role=lead_role,
        )
    elif label == "t-shaped":
        text = _(
            "You are T-shaped, like a family doctor with one specialty: broad ({b} areas of {t:.0%}+ "
            "of your work) with depth in {area} ({r:.1f}× typical). Keep the broad base and deepen "
            "toward {track} ({fit:.0%}); the next step is {role}.",
            b=m.breadth,
            t=BREADTH_SHARE,
            area=skill_label(deep[0], lang),
            r=by_skill[deep[0]].rca,
            track=lead.label,
            fit=lead.fit,
            role=lead_role,
        )
    else:
        closest = next((f for f in fits if f.track != "generalist"), top)
        text = _(
            "You are a generalist, like a family doctor: no area stands out beyond normal helpdesk "
            "volume (no area at {rca:.0f}× typical and {share:.0%}+ of your work). Either stay broad "
            "(all-round roles in small teams or MSPs) or pick a direction; the closest is "
            "{track} ({fit:.0%}).",
            rca=DEEP_RCA,
            share=DEEP_SHARE,
            track=closest.label,
            fit=closest.fit,
        )
    if win.phase == "past":
        text = (
            _(
                "You have been at the helpdesk {m:.0f} months, past the usual 24–36: it is time to move, "
                "toward {role} ({track}). ",
                m=win.months_done or 0,
                role=role,
                track=top.label,
            )
            + text
        )
    elif win.phase == "window":
        text += " " + _(
            "You are inside the usual move window ({left:.0f} months left): start the conversation now.",
            left=win.months_left or 0,
        )
    wanted = profile.get("track")
    if wanted and wanted in tracks and wanted != top.track:
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
