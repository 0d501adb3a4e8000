"""The brag document: its data, its Markdown and its self-contained, escaped HTML."""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from growthdesk.core.errors import InputError
from growthdesk.reporting import review
from growthdesk.reporting.review_html import render_html
from growthdesk.reporting.review_markdown import md_escape, render_markdown, sparkline

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")
EVIL = '<script>alert("x")</script>'


def win(
    i: int, day: str, problem: str, skills: list[str], minutes: int | None, **extra: Any
) -> dict[str, Any]:
    return {
        "id": i,
        "when": f"{day}T10:00:00+01:00",
        "problem": problem,
        "skills": skills,
        "minutes": minutes,
        "escalated": False,
        **extra,
    }


WINS = [
    # first half of the period (2025-11-27 .. 2026-05-27): mostly passwords
    win(1, "2026-01-10", "Password reset for Jan", ["accounts_passwords"], 5),
    win(2, "2026-02-11", "Password reset for Piet", ["accounts_passwords"], 6),
    win(3, "2026-03-12", "Outlook profile rebuilt", ["email_calendar"], 40),
    win(4, "2026-04-01", "Password reset | Anna", ["accounts_passwords"], 4),
    # second half: networking grows
    win(
        5,
        "2026-07-01",
        "VPN tunnel drops every 10 minutes",
        ["remote_access", "network_connectivity"],
        95,
    ),
    win(6, "2026-08-02", "Switch port flapping on floor 3", ["network_connectivity"], 120),
    win(7, "2026-09-03", EVIL, ["network_connectivity"], 25),
    win(
        8,
        "2026-10-04",
        "DHCP scope full & users offline",
        ["network_connectivity"],
        60,
        escalated=True,
    ),
    win(9, "2026-11-05", "Password reset Kees", ["accounts_passwords"], 3),
    win(10, "2026-11-06", "SQL report timeout", ["data_reporting"], 50),
    win(99, "2025-01-01", "Before the period", ["printing"], 500),
]
LEARNING = [
    {
        "id": 1,
        "when": "2026-05-01T19:00:00+02:00",
        "kind": "course",
        "title": "CCNA part 1 & 2",
        "minutes": 600,
        "url": "https://evil.example/x.js",
    },
    {
        "id": 2,
        "when": "2026-09-01T19:00:00+02:00",
        "kind": "certification",
        "title": "CompTIA Network+ <b>",
        "minutes": 120,
        "url": None,
    },
]
KUDOS = [
    {
        "id": 1,
        "when": "2026-07-02T09:00:00+02:00",
        "from": "Mia <mia@example.org>",
        "note": "VPN works again, you're a star!",
        "win": 5,
    },
    {"id": 2, "when": "2026-09-04T09:00:00+02:00", "from": None, "note": EVIL, "win": None},
]
CONTACTS = [
    {"id": 1, "name": "Sanne", "kind": "colleague", "created": "2026-06-01T09:00:00+02:00"},
    {"id": 2, "name": "Vendor Bob", "kind": "vendor", "created": "2024-06-01T09:00:00+02:00"},
]
EVENTS = [
    {
        "id": 1,
        "name": "Cisco Live <Amsterdam> | day 2",
        "kind": "conference",
        "date": "2026-02-10",
        "skills": [],
        "met": [1],
    },
    {
        "id": 2,
        "name": "Old meetup",
        "kind": "meetup",
        "date": "2024-02-10",
        "skills": [],
        "met": [],
    },
]
PROFILE = {
    "started": "2025-05-26",
    "role": "Service desk agent",
    "target_minutes": 15,
    "track": "network",
}


def data(**kw: Any) -> dict[str, Any]:
    return review.build_review(
        wins=WINS,
        now=NOW,
        learning=LEARNING,
        kudos=KUDOS,
        contacts=CONTACTS,
        events=EVENTS,
        profile=PROFILE,
        career_line="Next step: grow server_infrastructure for the network track.",
        **kw,
    )


def test_review_data_defaults_to_the_last_year() -> None:
    d = data()
    assert (d["since"], d["until"]) == ("2025-11-27", "2026-11-26")
    h = d["headline"]
    assert h["wins"] == 10  # win 99 is before the period
    # minutes within 15: 5, 6, 4, 3 of 10 timed wins
    assert h["hit_rate"] == 0.4 and h["median_minutes"] == 32.5
    assert (h["kudos"], h["certifications"], h["new_contacts"], h["events"], h["escalated"]) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert h["learning_hours"] == 12.0
    assert len(d["monthly"]) == 13 and sum(m["wins"] for m in d["monthly"]) == 10


def test_skills_grown_trend() -> None:
    rows = {s["skill"]: s for s in data()["skills"]}
    assert rows["network_connectivity"]["wins"] == 4
    assert rows["network_connectivity"]["trend"] == "new"  # none in the first half
    assert rows["accounts_passwords"]["trend"] == "shrinking"  # 3 of 4 wins, then 1 of 6
    assert rows["accounts_passwords"]["segments"] == [2, 1, 0, 1]
    assert sum(rows["network_connectivity"]["segments"]) == 4


def test_notable_wins() -> None:
    n = data()["notable"]
    assert [w["id"] for w in n["longest"]] == [6, 5, 8]
    # hardest: rare areas weighted by time, excluding the longest three
    # SQL (1 of 11 area tags, 50 min) > Outlook (1 of 11, 40 min) > the 25-min network win
    assert [w["id"] for w in n["hardest"]] == [10, 3, 7]
    assert n["hardest"][0]["why"].endswith("9% of your work, 50 min")
    ea = n["escalations_avoided"]
    # second-line areas, not escalated: 5, 6, 7, 10 (8 was escalated)
    assert ea["count"] == 4 and ea["escalated"] == 1
    assert [w["id"] for w in ea["examples"]] == [6, 5, 10]


def test_since_until_and_bad_range() -> None:
    d = data(since=date(2026, 7, 1), until=date(2026, 8, 31))
    assert d["headline"]["wins"] == 2 and [k["note"] for k in d["kudos"]] == [
        "VPN works again, you're a star!"
    ]
    assert d["kudos"][0]["win_problem"] == "VPN tunnel drops every 10 minutes"
    with pytest.raises(InputError):
        data(since=date(2026, 9, 1), until=date(2026, 8, 1))


def test_markdown_has_every_section_and_escapes_user_text() -> None:
    md = render_markdown(data())
    for heading in (
        "# Brag document",
        "## Headline numbers",
        "## Skills grown",
        "## Notable wins",
        "### Longest",
        "### Hardest",
        "### Escalations avoided",
        "## Kudos",
        "## Learning & certifications",
        "## Network growth",
        "## Career direction",
    ):
        assert re.search(rf"^{re.escape(heading)}", md, re.M), heading
    # no unescaped "<" at all: user markup cannot become HTML on GitHub
    assert re.search(r"(?<!\\)<", md) is None
    assert r'\<script\>alert("x")\</script\>' in md
    assert "Cisco Live \\<Amsterdam\\> \\| day 2" in md  # a pipe cannot break the table
    assert "CompTIA Network+ \\<b\\>" in md
    assert "DHCP scope full & users offline" in md
    assert "evil.example" not in md
    assert "Service desk agent, started 2025-05-26, month 18 at the helpdesk." in md
    assert "1 new contact (1 colleague); 2 in total." in md
    # every table row has the same number of cells as its header
    for block in re.findall(r"(?:^\|.*\|$\n?)+", md, re.M):
        rows = [r for r in block.strip().split("\n")]
        cells = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
        assert len(cells) == 1, block


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    VOID = {"meta", "br", "img", "link", "input", "hr", "rect", "line", "path"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_parses_and_escapes() -> None:
    page = render_html(data())
    parser = Collector()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    assert "script" not in parser.tags and "b" not in parser.tags  # user markup never becomes tags
    assert "amsterdam" not in parser.tags
    text = "".join(parser.text)
    assert EVIL in text  # shown as text, both as a win and as a kudos
    assert "Cisco Live <Amsterdam> | day 2" in text and "CompTIA Network+ <b>" in text
    assert "Mia <mia@example.org>" in text
    # charts are inline SVG; styling inline; nothing is fetched
    assert parser.tags.count("svg") >= 3 and "style" in parser.tags and "rect" in parser.tags
    assert not {"link", "img", "iframe", "object", "embed"} & set(parser.tags)
    assert not any(name in {"src", "href"} for name, _ in parser.attrs)
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert not re.search(r"https?:|//[a-z]|url\(", page, re.I)
    for section in ("headline", "skills", "notable", "kudos", "learning", "network", "career"):
        assert f'<section id="{section}">' in page


def test_empty_review_still_renders() -> None:
    d = review.build_review(wins=[], now=NOW)
    md = render_markdown(d)
    assert "_No wins in this period._" in md and "## Career direction" in md
    page = render_html(d)
    parser = Collector()
    parser.feed(page)
    assert parser.errors == []


def test_sparkline_and_md_escape() -> None:
    assert sparkline([0, 4, 8]) == "▁▅█"
    assert sparkline([0, 0]) == "▁▁"
    assert md_escape("a|b *c* <d>\nnext") == "a\\|b \\*c\\* \\<d\\> next"
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("- item [x](http://e)") == "\\- item \\[x\\](http://e)"
    assert md_escape("1. first") == "1\\. first"


# ---- the `growthdesk review` command


def test_review_command_markdown_to_stdout_and_html_to_file(invoke: Any, tmp_path: Any) -> None:
    r = invoke("log", EVIL, "--minutes", "5", "--skill", "printing", "--when", "2026-11-20 10:00")
    assert r.exit_code == 0, r.output
    assert (
        invoke(
            "kudos", "<img src=x onerror=alert(1)>", "--from", "<b>Mia</b>", "--win", "1"
        ).exit_code
        == 0
    )

    r = invoke("review")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("# Brag document: 2025-11-27 to 2026-11-26\n")
    assert re.search(r"(?<!\\)<", r.stdout) is None

    out = tmp_path / "review.html"
    r = invoke("review", "--since", "2026-11-01", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr == f"Wrote {out} (html, 1 win from 2026-11-01 to 2026-11-26)\n"
    page = out.read_text(encoding="utf-8")
    parser = Collector()
    parser.feed(page)
    assert parser.errors == [] and "script" not in parser.tags and "img" not in parser.tags
    assert EVIL in "".join(parser.text) and "<img src=x onerror=alert(1)>" in "".join(parser.text)

    md = tmp_path / "review.txt"
    assert invoke("review", "--format", "md", "-o", str(md)).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Brag document")


def test_review_command_bad_range(invoke: Any, home: Path) -> None:
    home.mkdir()  # an empty data folder (`review` only reads: it creates none)
    r = invoke("review", "--since", "2026-11-20", "--until", "2026-11-01")
    assert r.exit_code == 1 and r.stderr.startswith(
        "Error: --since (2026-11-20) is after --until (2026-11-01)"
    )
    assert invoke("review", "--format", "pdf").exit_code == 2


def test_month_sums() -> None:
    from growthdesk.core.months import months_before, whole_months

    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)  # clamped, leap year
    assert months_before(date(2026, 1, 15), 18) == date(2024, 7, 15)
    assert whole_months(date(2025, 5, 26), date(2026, 11, 26)) == 18
    assert whole_months(date(2025, 5, 26), date(2026, 11, 25)) == 17  # not quite 18
    assert whole_months(date(2026, 12, 1), date(2026, 11, 25)) == 0  # before the start


def test_months_between_lists_or_filters_one_way() -> None:
    from growthdesk.core.months import months_between

    # Calendar months for the review's chart, across a year end, partial months included.
    assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    # The same range over the store's month shards (open ends allowed), as `wins` and `stats` read.
    shards = ["2025-10", "2025-11", "2026-01", "2026-03"]
    assert months_between(date(2025, 11, 30), date(2026, 2, 1), shards) == ["2025-11", "2026-01"]
    assert months_between(date(2025, 11, 30), None, shards) == ["2025-11", "2026-01", "2026-03"]
    assert months_between(None, date(2025, 11, 1), shards) == ["2025-10", "2025-11"]
    with pytest.raises(ValueError):
        months_between(None, date(2025, 11, 1))
    monthly = review.build_review(
        wins=[], now=NOW, since=date(2025, 12, 31), until=date(2026, 1, 1)
    )
    assert [m["month"] for m in monthly["monthly"]] == ["2025-12", "2026-01"]
