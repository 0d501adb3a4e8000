"""The demo sample: deterministic, realistic, and the other commands make sense on it."""

from __future__ import annotations

import hashlib
import json
import random
import re
import statistics
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result

from growthdesk.reporting import demo
from growthdesk.skills import tagger
from growthdesk.skills.ids import SKILL_IDS
from growthdesk.store import Store

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")  # = conftest FIXED_NOW
VPN_EXPERT = demo.vocabulary()["vpn_expert"]
Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def sample() -> demo.Sample:
    return demo.generate(7, NOW)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    demo.build(Store(home), 7, NOW)
    return home


def test_deterministic_for_a_seed(sample: demo.Sample) -> None:
    assert demo.generate(7, NOW) == sample
    other = demo.generate(8, NOW)
    assert other != sample and [w["problem"] for w in other.wins[:20]] != [
        w["problem"] for w in sample.wins[:20]
    ]


def test_the_sample_for_a_seed_is_pinned(sample: demo.Sample) -> None:
    """The README tour and every demo figure come from this sample: a change to the generator
    or to data/demo.json that alters it must be deliberate (then update the digest)."""
    blob = orjson.dumps(asdict(sample), option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    assert len(sample.wins) == 3116
    assert hashlib.sha256(blob).hexdigest() == (
        "3bc0cf2f09894ff1764fa5ebc650fd65e910b372a3e42c987ab9017bf859e725"
    )


def test_same_seed_gives_the_same_stored_home(tmp_path: Path, demo_home: Path) -> None:
    again = tmp_path / "again"
    demo.build(Store(again), 7, NOW)
    a, b = Store(demo_home), Store(again)
    for table in ("contacts", "links", "events", "interactions", "learning", "kudos"):
        assert a.all(table) == b.all(table), table
    assert a.wins() == b.wins()
    assert a.profile() == b.profile()


def test_realistic_mix(sample: demo.Sample) -> None:
    wins = sample.wins
    assert 2500 <= len(wins) <= 6000
    assert all(w["skills"] and set(w["skills"]) <= set(SKILL_IDS) for w in wins)
    main = Counter(w["skills"][0] for w in wins)
    assert main.most_common(1)[0][0] == "accounts_passwords"
    assert main["accounts_passwords"] / len(wins) > 0.18
    # networking grows: its share in the last quarter of the time is well above the first
    n = len(wins) // 4

    def net(ws: list[dict[str, Any]]) -> float:
        return sum(w["skills"][0] in ("network_connectivity", "remote_access") for w in ws) / len(
            ws
        )

    assert net(wins[-n:]) > 2 * net(wins[:n])
    # English and Dutch texts
    dutch = sum(
        bool(re.search(r"\b(voor|bij|van|niet|werkt|verdieping|wachtwoord)\b", w["problem"]))
        for w in wins
    )
    assert 0.2 < dutch / len(wins) < 0.5
    # minutes: many under 15, a long tail, some left blank
    minutes = [w["minutes"] for w in wins if w["minutes"] is not None]
    assert 0.5 < sum(m <= 15 for m in minutes) / len(minutes) < 0.85
    assert 5 <= statistics.median(minutes) <= 15 and max(minutes) >= 120
    assert 0 < sum(w["minutes"] is None for w in wins) < len(wins) * 0.15
    # nothing in the future, on working days only, in order
    assert wins[-1]["when"] <= NOW.isoformat() and all(
        date.fromisoformat(w["when"][:10]).weekday() < 5 for w in wins
    )
    assert [w["when"] for w in wins] == sorted(w["when"] for w in wins)
    # profile: started 18 months ago
    assert sample.profile["started"] == "2025-05-26" and sample.profile["target_minutes"] == 15


def test_templates_agree_with_the_tagger() -> None:
    """Skills come from templates; the real tagger must put one of them first for nearly all texts."""
    rng = random.Random(1)
    texts = [
        (tpl["skills"], demo.fill(tpl[lang], rng, lang == "nl"))
        for tpl in demo.vocabulary()["templates"]
        for lang in ("en", "nl")
    ]
    misses = [
        (s, t) for s, t in texts if not (ranked := tagger.suggest(t)) or ranked[0][0] not in s
    ]
    assert len(misses) <= len(texts) * 0.05, misses


def test_network_learning_kudos(sample: demo.Sample) -> None:
    assert len(sample.contacts) == 40
    vpn = next(c for c in sample.contacts if c["name"] == VPN_EXPERT)
    assert vpn["specialties"]["remote_access"] == 5
    helped = Counter(i for w in sample.wins for i in w["helped_by"])
    vpn_i = sample.contacts.index(vpn)
    assert helped.most_common(1)[0][0] == vpn_i
    assert {c["kind"] for c in sample.contacts} == {"colleague", "vendor", "trainer", "community"}
    assert any(c["strength"] is None for c in sample.contacts) and len(sample.links) >= 20
    assert len(sample.events) >= 8 and all(e["met"] for e in sample.events)
    certs = [x["title"] for x in sample.learning if x["kind"] == "certification"]
    assert "CompTIA Network+" in certs and len(certs) >= 3
    assert len(sample.kudos) >= 30 and all(0 <= k["win"] < len(sample.wins) for k in sample.kudos)


def test_demo_command_builds_in_a_new_temp_folder(
    invoke: Invoke, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = invoke("demo")
    assert r.exit_code == 0, r.output
    made = re.search(r"^Demo home: (.+)$", r.stdout, re.M)
    assert made is not None
    target = Path(made.group(1))
    assert target.parent == tmp_path and target.name.startswith("growthdesk-demo-")
    assert not home.exists()  # the user's (here: the test's) own data folder is never touched
    assert r.stdout.startswith("Last 30 days (2026-10-28 to 2026-11-26)")
    assert "Top skill areas" in r.stdout and "Try next:" in r.stdout
    assert f"growthdesk --home {target} ask " in r.stdout
    assert f"growthdesk --home {target} path" in r.stdout
    assert len(Store(target).wins()) > 2500


def test_demo_refuses_a_non_empty_folder(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    r = invoke("demo", "--home", str(target))
    assert r.exit_code == 1 and "is not empty" in r.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    # an empty existing folder is fine, and the seed is honoured
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("demo", "--home", str(empty), "--seed", "3").exit_code == 0
    assert (
        Store(empty).wins()
        and Store(empty).wins()[0]["problem"] == demo.generate(3, NOW).wins[0]["problem"]
    )


def test_ask_names_the_vpn_expert(invoke: Invoke, demo_home: Path) -> None:
    r = invoke(
        "--home", str(demo_home), "ask", "VPN keeps disconnecting when working from home", "--json"
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["people"][0]["name"] == VPN_EXPERT
    r = invoke(
        "--home", str(demo_home), "ask", "GlobalProtect certificaat verlopen, VPN werkt niet"
    )
    assert r.exit_code == 0 and VPN_EXPERT in r.stdout.split("\n2.")[0]


def test_path_points_to_networking(invoke: Invoke, demo_home: Path) -> None:
    r = invoke("--home", str(demo_home), "path", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    specialised = [f["track"] for f in data["fits"] if f["track"] != "generalist"]
    assert specialised[0] == "network"  # the direction the sample's work is growing in
    assert data["window"]["months_done"] == pytest.approx(18, abs=0.5)


def test_stats_on_the_demo(invoke: Invoke, demo_home: Path) -> None:
    r = invoke("--home", str(demo_home), "stats", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    cur, prev = d["current"], d["previous"]
    assert 80 <= cur["wins"] <= 400 and 80 <= prev["wins"] <= 400
    assert 0.4 < cur["hit_rate"] < 0.9
    assert d["skills"][0]["skill"] == "accounts_passwords"
    assert d["repeats"] and all(r["count"] >= 3 for r in d["repeats"])
    assert d["streaks"]["wins"]["longest"] >= 10 and d["kudos"]["total"] >= 30
    assert d["losing_touch"] and d["next_step"]
    text = invoke("--home", str(demo_home), "stats", "--period", "quarter").stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\x1b[" not in text  # not a terminal: no colour codes


def test_global_home_option_is_honoured_but_the_environment_is_not(tmp_path, home) -> None:
    from click.testing import CliRunner

    from growthdesk.cli import cli

    target = tmp_path / "chosen"
    result = CliRunner().invoke(cli, ["--home", str(target), "demo", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert (target / "meta.json").exists()
    assert not home.exists()  # $GROWTHDESK_HOME (the user's real data) is never filled


def test_the_demo_shows_the_dashboard_of_stats(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "sample"
    shown = invoke("demo", "--home", str(target)).stdout
    assert shown.startswith(invoke("--home", str(target), "stats").stdout)
