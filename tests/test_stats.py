"""Dashboard figures on a small hand-made history whose answers are worked out by hand."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from growthdesk.core.text import content_words
from growthdesk.reporting import stats
from growthdesk.reporting.stats import Window
from growthdesk.worklog.streaks import streaks

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")  # a Thursday
TODAY = NOW.date()


def win(
    i: int, day: str, problem: str, skills: list[str], minutes: int | None, **extra: Any
) -> dict[str, Any]:
    return {
        "id": i,
        "when": f"{day}T09:{i % 60:02d}:00+01:00",
        "problem": problem,
        "skills": skills,
        "minutes": minutes,
        "escalated": False,
        **extra,
    }


# Current week (Fri 20 .. Thu 26 Nov): 6 wins; previous week (Fri 13 .. Thu 19): 2 wins;
# early October: a 6-working-day run (Mon 5 .. Mon 12, weekend in between).
WINS = [
    win(1, "2026-11-20", "Password reset finance team Jan", ["accounts_passwords"], 5),
    win(2, "2026-11-23", "password reset finance team Piet", ["accounts_passwords"], 10),
    win(3, "2026-11-24", "Password reset for the finance team (Anna)", ["accounts_passwords"], 20),
    win(4, "2026-11-24", "Printer P204 paper jam", ["printing", "hardware"], 30, escalated=True),
    win(5, "2026-11-25", "VPN token expired", ["remote_access"], None),
    win(6, "2026-11-26", "password reset sales", ["accounts_passwords"], 8),
    win(7, "2026-11-16", "Outlook crash on start", ["email_calendar"], 12),
    win(8, "2026-11-17", "password reset hr", ["accounts_passwords"], 4),
] + [
    win(10 + n, day, "Outlook signature missing", ["email_calendar"], 15)
    for n, day in enumerate(
        ["2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-12"]
    )
]

LEARNING = [
    {
        "id": 1,
        "when": "2026-11-02T19:00:00+01:00",
        "kind": "course",
        "title": "CCNA 1",
        "minutes": 90,
    },
    {
        "id": 2,
        "when": "2026-11-25T19:00:00+01:00",
        "kind": "lab",
        "title": "VLAN lab",
        "minutes": 60,
    },
    {
        "id": 3,
        "when": "2026-11-26T08:00:00+01:00",
        "kind": "certification",
        "title": "Network+",
        "minutes": None,
    },
]

KUDOS = [
    {
        "id": 1,
        "when": "2026-11-24T11:00:00+01:00",
        "from": "Jan",
        "note": "Thanks for the quick reset!",
        "win": 2,
    },
    {
        "id": 2,
        "when": "2026-11-14T11:00:00+01:00",
        "from": None,
        "note": "Printer works again",
        "win": None,
    },
]

CONTACTS = [
    {
        "id": 1,
        "name": "Ada",
        "strength": 5,
        "last_contact": "2026-10-01",
        "created": "2026-01-01T00:00:00+01:00",
    },
    {
        "id": 2,
        "name": "Bo",
        "strength": 1,
        "last_contact": "2026-06-01",
        "created": "2026-01-01T00:00:00+01:00",
    },
    {
        "id": 3,
        "name": "Cas",
        "strength": 3,
        "last_contact": "2026-08-01",
        "created": "2026-01-01T00:00:00+01:00",
    },
    {
        "id": 4,
        "name": "Dev",
        "strength": None,
        "last_contact": None,
        "created": "2026-01-01T00:00:00+01:00",
    },
    {
        "id": 5,
        "name": "Eva",
        "strength": 4,
        "last_contact": "2026-09-01",
        "created": "2026-01-01T00:00:00+01:00",
    },
    {
        "id": 6,
        "name": "Fay",
        "strength": 2,
        "last_contact": None,
        "created": "2026-11-25T12:00:00+01:00",
    },
]
INTERACTIONS = [
    {"id": 1, "contact": 5, "when": "2026-11-20T10:00:00+01:00", "kind": "chat", "note": ""}
]


def board(period: str = "week", **kw: Any) -> stats.Dashboard:
    return stats.dashboard(
        wins=WINS,
        now=NOW,
        period=period,
        learning=LEARNING,
        kudos=KUDOS,
        contacts=CONTACTS,
        interactions=INTERACTIONS,
        profile={"target_minutes": 15, "started": "2025-05-26", "track": "network"},
        **kw,
    )


def test_windows_are_rolling_and_of_equal_length() -> None:
    cur, prev = stats.period_windows("week", TODAY)
    assert (cur.start, cur.end) == (date(2026, 11, 20), TODAY)
    assert prev is not None and (prev.start, prev.end) == (date(2026, 11, 13), date(2026, 11, 19))
    cur, prev = stats.period_windows("month", TODAY)
    assert cur.days == prev.days == 30  # type: ignore[union-attr]
    assert prev.end == date(2026, 10, 27)  # type: ignore[union-attr]
    cur, prev = stats.period_windows("all", TODAY, date(2026, 10, 5))
    assert (cur.start, prev) == (date(2026, 10, 5), None)


def test_history_start() -> None:
    assert stats.history_start("all", TODAY) is None
    assert stats.history_start("month", TODAY) == date(2025, 11, 27)  # a year back
    # "year" compares with the year before, so it needs two
    assert stats.history_start("year", TODAY) == date(2024, 11, 27)


def test_working_days() -> None:
    assert stats.working_days(Window(date(2026, 11, 20), date(2026, 11, 26))) == 5
    assert stats.working_days(Window(date(2026, 11, 21), date(2026, 11, 22))) == 0  # a weekend
    # Mon 5 Oct .. Thu 26 Nov: 7 full weeks (35) + Mon..Thu (4)
    assert stats.working_days(Window(date(2026, 10, 5), date(2026, 11, 26))) == 39


def test_headline_figures_and_comparison() -> None:
    d = board("week")
    cur, prev = d.current, d.previous
    assert prev is not None
    assert cur["wins"] == 6 and prev["wins"] == 2
    assert cur["wins_per_working_day"] == 1.2 and prev["wins_per_working_day"] == 0.4
    # minutes 5,10,20,30,8 (win 5 has none): 3 of 5 within 15
    assert (cur["with_minutes"], cur["within_target"], cur["hit_rate"]) == (5, 3, 0.6)
    assert cur["median_minutes"] == 10.0
    assert (prev["hit_rate"], prev["median_minutes"]) == (1.0, 8.0)
    assert cur["escalated"] == 1
    assert (cur["learning"], cur["learning_minutes"], cur["certifications"]) == (2, 60, 1)
    assert (cur["kudos"], prev["kudos"]) == (1, 1)
    assert cur["new_contacts"] == 1  # Fay, added yesterday


def test_target_minutes_comes_from_the_profile() -> None:
    d = stats.dashboard(wins=WINS, now=NOW, period="week", profile={"target_minutes": 25})
    assert d.target_minutes == 25
    assert d.current["hit_rate"] == 0.8  # 5, 10, 20, 8 within 25; 30 not


def test_a_win_of_exactly_the_target_minutes_is_a_hit() -> None:
    # 15 minutes on a 15-minute target is within it; 16 is not (and a win without minutes
    # says nothing about speed).
    wins = [
        win(1, "2026-11-24", "VPN token resync", ["remote_access"], 15),
        win(2, "2026-11-25", "VPN token resync again", ["remote_access"], 16),
        win(3, "2026-11-25", "VPN client reinstall", ["remote_access"], None),
    ]
    d = stats.dashboard(wins=wins, now=NOW, period="week", profile={"target_minutes": 15})
    assert (d.current["with_minutes"], d.current["within_target"]) == (2, 1)
    assert d.current["hit_rate"] == 0.5
    assert d.skills[0]["hit_rate"] == 0.5
    only_15 = stats.dashboard(wins=wins[:1], now=NOW, period="week")  # the default target
    assert only_15.current["hit_rate"] == 1.0 and only_15.skills[0]["hit_rate"] == 1.0


def test_median_minutes_and_hit_rate_per_skill() -> None:
    rows = {r["skill"]: r for r in board("week").skills}
    acc = rows["accounts_passwords"]
    assert (acc["wins"], acc["previous"], acc["median_minutes"], acc["hit_rate"]) == (
        4,
        1,
        9.0,
        0.75,
    )
    assert (rows["printing"]["median_minutes"], rows["printing"]["hit_rate"]) == (30.0, 0.0)
    assert rows["hardware"]["wins"] == 1  # a two-skill win counts for both areas
    assert (rows["remote_access"]["median_minutes"], rows["remote_access"]["hit_rate"]) == (
        None,
        None,
    )
    # skill seen only in the previous week still shows, with 0 now
    assert (rows["email_calendar"]["wins"], rows["email_calendar"]["previous"]) == (0, 1)
    assert [r["skill"] for r in board("week").skills][0] == "accounts_passwords"


def test_repeat_problems_cluster_same_team_not_other_teams() -> None:
    repeats = board("week").repeats
    assert len(repeats) == 1
    r = repeats[0]
    assert r["skill"] == "accounts_passwords"
    assert r["label"] == "password reset finance team"
    assert (r["count"], r["first"], r["last"], r["minutes"]) == (3, "2026-11-20", "2026-11-24", 35)
    assert r["ids"] == [1, 2, 3]  # not 6 ("sales") and not 8 (previous week)


def test_repeat_problems_over_all_time_and_min_size() -> None:
    repeats = board("all").repeats
    labels = {(r["skill"], r["label"]): r["count"] for r in repeats}
    assert labels == {
        ("accounts_passwords", "password reset finance team"): 3,
        ("email_calendar", "outlook signature missing"): 6,
    }
    # The larger cluster comes first.
    assert repeats[0]["label"] == "outlook signature missing"
    assert stats.repeat_problems(WINS, min_size=7) == []


def test_repeat_problems_dutch_and_accents() -> None:
    wins = [
        win(1, "2026-11-02", "Printer 3e verdieping geeft papierstoring", ["printing"], 5),
        win(2, "2026-11-09", "printer 3E verdieping: papierstoring!", ["printing"], 6),
        win(3, "2026-11-16", "Printer 3e verdieping papierstoring weer", ["printing"], 4),
        win(4, "2026-11-17", "Café-printer toner op", ["printing"], 4),
    ]
    (r,) = stats.repeat_problems(wins)
    assert r["ids"] == [1, 2, 3] and r["label"] == "printer 3e verdieping papierstoring"
    assert content_words("Café WERKT niet") == frozenset({"cafe"})


def test_streaks_skip_weekends_and_today_is_still_open() -> None:
    d = board("week")
    # Wins on Fri 20, Mon 23 .. Thu 26 (weekend skipped) = 5; Thu 19 has none -> the run stops.
    # Longest: Mon 5 .. Mon 12 Oct = 6.
    assert d.streaks["wins"] == {
        "current": 5,
        "longest": 6,
        "last": "2026-11-26",
        "since": "2026-10-05",
    }
    assert d.streaks["learning"] == {
        "current": 2,
        "longest": 2,
        "last": "2026-11-26",
        "since": "2026-10-05",
    }
    # With history only from 13 Oct on, the October run is out of sight.
    later = board("week", history_from=date(2026, 10, 13)).streaks
    assert later["wins"] == {
        "current": 5,
        "longest": 5,
        "last": "2026-11-26",
        "since": "2026-10-13",
    }
    # Nothing yet today (Thursday) but Mon..Wed active: the run is still 3.
    assert streaks(["2026-11-23", "2026-11-24", "2026-11-25"], TODAY)["current"] == 3
    # Missing Wednesday breaks it.
    assert streaks(["2026-11-23", "2026-11-24"], TODAY)["current"] == 0
    # A weekend day with activity counts.
    assert streaks(["2026-11-20", "2026-11-21", "2026-11-23"], date(2026, 11, 23))["current"] == 3
    assert streaks([], TODAY) == {"current": 0, "longest": 0, "last": None}


def test_kudos_part() -> None:
    k = board("week").kudos
    assert (k["count"], k["previous"], k["total"]) == (1, 1, 2)
    assert (
        k["recent"][0]["note"] == "Thanks for the quick reset!" and k["recent"][0]["from"] == "Jan"
    )


def test_losing_touch() -> None:
    rows = board("week").losing_touch
    # Ada: 56 days on a 30-day rhythm (1.87x); Cas: 117 days on 90 (1.3x). Bo (178 days) is
    # within a year, Dev has no direct tie, Eva chatted on the 20th, Fay is new.
    assert [(r["name"], r["days"], r["interval"]) for r in rows] == [
        ("Ada", 56, 30),
        ("Cas", 117, 90),
    ]


def test_next_step_line_and_json() -> None:
    d = board("month")
    assert d.next_step and d.next_step.strip()
    data = json.loads(json.dumps(d.to_dict()))
    assert data["period"] == "month" and data["current"]["wins"] == 8
    assert data["previous"]["wins"] == 6  # the October run falls in the month before
    assert board("all").previous is None and board("all").current["wins"] == 14


def test_empty_history() -> None:
    d = stats.dashboard(wins=[], now=NOW, period="month")
    assert (
        d.current["wins"] == 0
        and d.current["hit_rate"] is None
        and d.current["median_minutes"] is None
    )
    assert d.repeats == [] and d.skills == [] and d.streaks["wins"]["current"] == 0


# ---- the prefix-filtered clustering equals plain leader clustering


def brute_force(items: list[frozenset[str]], t: float) -> list[list[int]]:
    reps: list[frozenset[str]] = []
    groups: list[list[int]] = []
    for i, toks in enumerate(items):
        best, best_sim = -1, 0.0
        for cid, rep in enumerate(reps):
            sim = len(rep & toks) / len(rep | toks)
            if sim >= t and sim > best_sim:
                best, best_sim = cid, sim
        if best < 0:
            reps.append(toks)
            groups.append([])
            best = len(reps) - 1
        groups[best].append(i)
    return groups


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sets(
            st.sampled_from(["vpn", "token", "printer", "reset", "jan", "sales", "hr", "p204"]),
            min_size=1,
        ),
        max_size=25,
    ),
    st.sampled_from([0.5, 0.6, 0.75]),
)
def test_clustering_matches_brute_force(sets: list[set[str]], t: float) -> None:
    wins = [win(i + 1, "2026-11-02", " ".join(sorted(s)), ["x"], 1) for i, s in enumerate(sets)]
    got = stats.repeat_problems(wins, threshold=t, min_size=1, top=None)
    expected = brute_force([frozenset(s) for s in sets], t)
    assert sorted(sorted(c["ids"]) for c in got) == sorted([i + 1 for i in g] for g in expected)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sets(
                st.sampled_from(["vpn", "token", "printer", "reset", "jan", "sales"]), min_size=1
            ),
            st.booleans(),  # and a word of its own, as ticket numbers are (no cluster shares it)
        ),
        max_size=59,  # win() gives id 60 minute 00: it would come first, not in list order
    ),
    st.sampled_from([0.5, 0.6, 0.75]),
)
def test_clustering_with_remembered_matches_matches_brute_force(
    sets: list[tuple[set[str], bool]], t: float
) -> None:
    items = [s | {f"zq{i}"} if own else s for i, (s, own) in enumerate(sets)]
    wins = [win(i + 1, "2026-11-02", " ".join(sorted(s)), ["x"], 1) for i, s in enumerate(items)]
    got = stats.repeat_problems(wins, threshold=t, min_size=1, top=None)
    expected = brute_force([frozenset(s) for s in items], t)
    assert sorted(sorted(c["ids"]) for c in got) == sorted([i + 1 for i in g] for g in expected)


# ---- the `growthdesk stats` command


def _log(invoke: Any, text: str, minutes: str, skill: str, when: str) -> None:
    r = invoke("log", text, "--minutes", minutes, "--skill", skill, "--when", when)
    assert r.exit_code == 0, r.output


def test_stats_command_text_and_json(invoke: Any) -> None:
    _log(invoke, "password reset finance Jan", "5", "accounts_passwords", "2026-11-24 09:00")
    _log(invoke, "password reset finance Piet", "20", "accounts_passwords", "2026-11-25 09:00")
    _log(invoke, "password reset finance Anna", "10", "accounts_passwords", "2026-11-26 09:00")
    _log(invoke, "printer P204 jam", "30", "printing", "2026-11-19 09:00")
    assert invoke("kudos", "Thanks!", "--from", "Jan", "--win", "1").exit_code == 0

    r = invoke("stats", "--period", "week", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert (d["current"]["wins"], d["previous"]["wins"]) == (3, 1)
    assert (d["current"]["hit_rate"], d["current"]["median_minutes"]) == (0.6667, 10.0)
    assert d["repeats"][0]["label"] == "password reset finance" and d["repeats"][0]["count"] == 3
    assert d["streaks"]["wins"]["current"] == 3 and d["kudos"]["count"] == 1

    r = invoke("stats", "--period", "week")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert (
        lines[0] == "Last 7 days (2026-11-20 to 2026-11-26), compared with the same length before"
    )
    # The week before holds one win on Thu 19, the first day logged: 1 per working day.
    assert "  Wins               3  +200%   0.6 per working day (was 1.0)" in lines
    assert "  Within 15 min    67%  +67 pts median 10m, 3 timed" in lines  # the week before: 0 of 1
    assert any(line.startswith("  Passwords, sign-in & MFA  ██████████████████") for line in lines)
    assert any("   3× Password reset finance" in line for line in lines)  # the title
    assert all(len(line) <= 80 for line in lines) and "\x1b[" not in r.stdout


def test_stats_command_empty_and_bad_period(invoke: Any, home: Path) -> None:
    home.mkdir()  # an empty data folder (`stats` only reads: it creates none)
    r = invoke("stats")
    assert r.exit_code == 0 and "No wins in this period." in r.stdout
    assert invoke("stats", "--period", "decade").exit_code == 2


def test_dashboard_lines_ascii_fallback() -> None:
    from growthdesk.cli.dashboard import dashboard_lines

    lines = dashboard_lines(board("week").to_dict(), unicode_ok=False)
    text = "\n".join(lines)
    assert text.isascii(), [ch for ch in text if not ch.isascii()]
    assert "  Passwords, sign-in & MFA  " + "#" * 18 + "       4      1     9m   75%" in lines
    assert "     3x Password reset finance team" in text  # the title


def test_per_working_day_counts_from_when_logging_began(invoke: Any) -> None:
    """Four wins in the six working days since the first one: 0.67 a day, not 4/261 (issue 16)."""
    for day in ("2026-11-19", "2026-11-24", "2026-11-25", "2026-11-26"):
        _log(invoke, f"password reset {day}", "5", "accounts_passwords", f"{day} 09:00")
    year = json.loads(invoke("stats", "--period", "year", "--json").stdout)
    assert (year["current"]["working_days"], year["current"]["wins_per_working_day"]) == (6, 0.67)
    assert year["previous"]["working_days"] == 0  # wholly before the first win: no rate
    assert year["previous"]["wins_per_working_day"] is None
    lines = invoke("stats", "--period", "year").stdout.splitlines()
    assert "  Wins               4  new     0.7 per working day (was -)" in lines
    # The streak is dated from the first win, not from a year before anything was logged.
    assert "  Win streak       3 d          best 3 d since 2026-11-19" in lines
    # A job that began later than the window's start bounds it too.
    invoke("profile", "set", "--started", "2026-11-24")
    year = json.loads(invoke("stats", "--period", "year", "--json").stdout)
    assert year["current"]["working_days"] == 3


def test_no_streak_no_since_date(invoke: Any) -> None:
    _log(invoke, "printer jam", "5", "printing", "2026-11-02 09:00")
    invoke("wins", "rm", "1")
    lines = invoke("stats").stdout.splitlines()
    assert "  Win streak       0 d" in lines
    assert not any("since" in line for line in lines if "streak" in line)


# ---- `growthdesk stats --period day`: the end-of-day summary


def _busy_day(invoke: Any) -> None:
    _log(invoke, "printer jam on 2e verdieping", "5", "printing", "2026-11-26 09:10")
    _log(invoke, "vpn token out of sync", "25", "remote_access", "2026-11-26 09:40")
    _log(invoke, "toner empty", "15", "printing", "2026-11-26 08:05")
    _log(invoke, "outlook crash", "12", "email_calendar", "2026-11-25 16:00")  # yesterday
    assert invoke("log", "teams no sound", "-s", "telephony_av").exit_code == 0  # not timed
    assert invoke("kudos", "Thanks for the quick fix", "--from", "Mia", "--win", "1").exit_code == 0
    assert invoke("kudos", "Old thanks", "--when", "gisteren").exit_code == 0
    r = invoke(
        "learn", "Krebs on Security", "--kind", "blog", "-m", "20", "-s", "security_incidents"
    )
    assert r.exit_code == 0
    r = invoke("event", "add", "ITIL course", "--kind", "training", "--date", "2026-12-10")
    assert r.exit_code == 0


def test_stats_day_is_an_end_of_day_summary(invoke: Any) -> None:
    _busy_day(invoke)
    r = invoke("stats", "--period", "day")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Today (2026-11-26)\n"
        "\n"
        "  Wins           4\n"
        "  Minutes        45 (3 timed)\n"
        "  Within 15 min  2 of 3 (67%)\n"
        "  Areas          Printing & scanning 2, VPN & remote working 1, Telephony &\n"
        "                 audio-visual 1\n"
        "  Kudos          1\n"
        "  Learning       1 entry, 20 min\n"
        "\n"
        "Wins\n"
        "  #3    08:05    15 min  Printing        toner empty\n"
        "  #1    09:10     5 min  Printing        printer jam on 2e verdieping\n"
        "  #2    09:40    25 min  VPN & remote    vpn token out of sync\n"
        "  #5    10:00         -  Telephony & AV  teams no sound\n"
        "\n"
        "Kudos\n"
        "  “Thanks for the quick fix” — Mia\n"
        "\n"
        "Learning\n"
        "  #1    blog            20 min  Krebs on Security\n"
        "\n"
        "Coming up\n"
        "  2026-12-10  ITIL course (training)  in 14 days\n"
    )


def test_stats_day_json(invoke: Any) -> None:
    _busy_day(invoke)
    r = invoke("stats", "-p", "day", "--json")
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert (d["period"], d["today"], d["wins"], d["minutes"], d["timed"]) == (
        "day", "2026-11-26", 4, 45, 3,
    )  # fmt: skip
    assert (d["within_target"], d["hit_rate"], d["target_minutes"]) == (2, 0.6667, 15)
    assert d["areas"][0] == {"skill": "printing", "wins": 2}
    assert [w["id"] for w in d["list"]] == [3, 1, 2, 5]
    assert d["kudos"] == [{"id": 1, "from": "Mia", "note": "Thanks for the quick fix"}]
    assert d["learning_minutes"] == 20 and d["upcoming"][0]["in_days"] == 14


def test_stats_day_on_a_quiet_day_and_its_own_target(invoke: Any, home: Path) -> None:
    assert invoke("profile", "set", "--target-minutes", "30").exit_code == 0
    _log(invoke, "vpn token out of sync", "25", "remote_access", "2026-11-25 09:40")
    r = invoke("stats", "--period", "day")
    assert r.exit_code == 0
    assert r.stdout == (
        "Today (2026-11-26)\n"
        "\n"
        "  Wins           0\n"
        "  Minutes        -\n"
        "  Within 30 min  -\n"
        "  Areas          -\n"
        "  Kudos          0\n"
        "  Learning       0 entries\n"
        "\n"
        "  No wins logged today.\n"
    )
