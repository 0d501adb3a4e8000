"""The team directory over real bare git repositories in tmp_path (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from growthdesk.cli import cli
from growthdesk.team.card import MAX_CARD_BYTES, bucket, level_of
from growthdesk.team.repo import Backoff, GitError, Repo, cache_of

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed",
)

Run = Callable[..., Result]


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    path = tmp_path / "directory.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


@pytest.fixture
def gd(tmp_path: Path) -> Callable[[str], Run]:
    """gd("sanne")("log", ...) runs growthdesk in agent sanne's own home."""
    runner = CliRunner()

    def agent(who: str) -> Run:
        def run(*args: str, ok: bool = True) -> Result:
            result = runner.invoke(cli, ["--home", str(tmp_path / who), *args])
            if ok:
                assert result.exit_code == 0, (args, result.output, result.exception)
            return result

        return run

    return agent


def _git(remote: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(remote), *args], capture_output=True, check=True, text=True
    ).stdout


def _remote_files(remote: Path) -> list[str]:
    return sorted(_git(remote, "ls-tree", "-r", "--name-only", "main").split())


def _setup_sanne(run: Run, remote: Path) -> None:
    for n in range(12):
        run("log", f"VPN AnyConnect token fails for user {n}", "--skill", "remote_access")
    run("profile", "set", "--name", "Sanne", "--role", "second line")
    run(
        "contact",
        "add",
        "Luuk",
        "--kind",
        "vendor",
        "--org",
        "Citrix partner",
        "--specialty",
        "remote_access:5",
        "--email",
        "luuk@partner.example",
        "--phone",
        "+31 6 1234 5678",
        "--note",
        "call him before 10",
    )
    run("contact", "edit", "Luuk", "--share")
    run("team", "init", str(remote))
    run("team", "publish", "--declare", "remote_access:5")


def _setup_mark(run: Run, remote: Path) -> None:
    for n in range(6):
        run("log", f"Printer on floor 2 jams on tray {n}", "--skill", "printing")
    run("profile", "set", "--name", "Mark")
    run("team", "init", str(remote))
    run("team", "publish")


def test_two_publish_a_third_pulls_and_ask_names_the_teammate(
    gd: Callable[[str], Run], remote: Path
) -> None:
    _setup_sanne(gd("sanne"), remote)
    _setup_mark(gd("mark"), remote)
    assert len([p for p in _remote_files(remote) if p.startswith("agents/")]) == 2
    eva = gd("eva")
    eva("log", "reset a password", "--skill", "accounts_passwords")
    eva("team", "init", str(remote))
    pulled = eva("team", "pull")
    assert "2 cards" in pulled.stderr
    listed = json.loads(eva("team", "list", "--json").stdout)
    assert [c["name"] for c in listed] == ["Mark", "Sanne"]
    only = json.loads(eva("team", "list", "--skill", "printing", "--json").stdout)
    assert [c["name"] for c in only] == ["Mark"]

    out = json.loads(eva("ask", "VPN AnyConnect token fails", "--team", "--json").stdout)
    top = out["people"][0]
    assert top["name"] == "Sanne (team)"
    assert "10 VPN & remote working wins in the last 12 months" in top["reasons"][0]
    assert "declares VPN & remote working 5/5" in top["reasons"][0]
    assert all("Mark" not in p["name"] for p in out["people"])
    # A shared vendor contact, with the path through the teammate who shared it.
    citrix = json.loads(eva("ask", "Citrix virtual desktop session freezes", "--json").stdout)
    luuk = next(p for p in citrix["people"] if p["name"] == "Luuk")
    assert luuk["path"] == ["Sanne", "Luuk"]
    assert "via Sanne → Luuk, Citrix partner" in luuk["reasons"]
    # --no-team: the agent's own network only.
    own = json.loads(eva("ask", "VPN AnyConnect token fails", "--no-team", "--json").stdout)
    assert all("(team)" not in p["name"] for p in own["people"])


def test_own_contact_and_team_card_are_merged(gd: Callable[[str], Run], remote: Path) -> None:
    _setup_sanne(gd("sanne"), remote)
    eva = gd("eva")
    eva("contact", "add", "Luuk", "--kind", "vendor", "--specialty", "remote_access:4")
    eva("team", "init", str(remote))
    out = json.loads(eva("ask", "Citrix virtual desktop session freezes", "--json").stdout)
    luuks = [p for p in out["people"] if p["name"].startswith("Luuk")]
    assert len(luuks) == 1
    assert any(r.startswith("team: via Sanne") for r in luuks[0]["reasons"])


def test_update_replaces_the_card_and_leave_removes_it(
    gd: Callable[[str], Run], remote: Path
) -> None:
    sanne = gd("sanne")
    _setup_sanne(sanne, remote)
    again = sanne("team", "publish")
    assert "already up to date" in again.stderr
    sanne("profile", "set", "--name", "Sanne de Vries")
    sanne("team", "publish", "--undeclare", "remote_access")
    files = [p for p in _remote_files(remote) if p.startswith("agents/")]
    assert len(files) == 1
    card = json.loads(_git(remote, "show", f"main:{files[0]}"))
    assert card["name"] == "Sanne de Vries" and card["declared"] == {}
    sanne("team", "leave")
    assert [p for p in _remote_files(remote) if p.startswith("agents/")] == []
    # After leaving, ask no longer uses the team by default.
    assert not Repo(cache_of(remote.parent / "sanne")).is_member()


def test_dry_run_prints_the_card_and_pushes_nothing(gd: Callable[[str], Run], remote: Path) -> None:
    sanne = gd("sanne")
    sanne("log", "VPN fails", "--skill", "remote_access")
    sanne("profile", "set", "--name", "Sanne")
    sanne("team", "init", str(remote))
    shown = sanne("team", "publish", "--dry-run", "--declare", "remote_access:4")
    card = json.loads(shown.stdout)
    assert card["name"] == "Sanne" and card["declared"] == {"remote_access": 4}
    assert _git(remote, "for-each-ref") == ""


def test_privacy_nothing_private_unless_allowed(gd: Callable[[str], Run], remote: Path) -> None:
    sanne = gd("sanne")
    helper = "Ahmed Helpsalot"
    sanne(
        "contact",
        "add",
        helper,
        "--email",
        "ahmed@corp.example",
        "--phone",
        "+31 20 555 0101",
        "--note",
        "secret-note-ahmed",
        "--specialty",
        "remote_access:4",
    )
    for n in range(8):
        sanne(
            "log",
            f"unique-win-text-{n} VPN token",
            "--skill",
            "remote_access",
            "--helped-by",
            helper,
        )
    sanne(
        "contact",
        "add",
        "Luuk",
        "--email",
        "luuk@partner.example",
        "--phone",
        "+31 6 99",
        "--note",
        "secret-note-luuk",
        "--specialty",
        "remote_access:5",
    )
    sanne("contact", "edit", "Luuk", "--share")
    sanne("profile", "set", "--name", "Sanne")
    sanne("team", "init", str(remote))
    text = sanne("team", "publish", "--dry-run").stdout
    card = json.loads(text)
    assert [c["name"] for c in card["contacts"]] == ["Luuk"]  # Ahmed was not marked --share
    for secret in ("unique-win-text", "helped", "ahmed", "Ahmed", "@", "+31", "secret-note"):
        assert secret not in text, secret
    assert set(card["contacts"][0]) == {"name", "kind", "org", "specialties"}
    assert card["areas"] == {"remote_access": {"wins": 8, "level": 2}}
    # --share-details is the explicit allowance for e-mail, phone and notes.
    sanne("contact", "edit", "Luuk", "--share-details")
    detailed = json.loads(sanne("team", "publish", "--dry-run").stdout)["contacts"][0]
    assert detailed["email"] == "luuk@partner.example"
    assert detailed["notes"] == "secret-note-luuk"
    sanne("contact", "edit", "Luuk", "--no-share")
    assert json.loads(sanne("team", "publish", "--dry-run").stdout)["contacts"] == []


def test_malformed_cards_are_refused_and_named_without_blocking_others(
    gd: Callable[[str], Run], remote: Path, tmp_path: Path
) -> None:
    _setup_mark(gd("mark"), remote)
    work = tmp_path / "admin"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(remote), str(work)], check=True)
    bad_id, big_id = "b" * 32, "c" * 32
    (work / "agents" / f"{bad_id}.json").write_text('{"schema": 1, "id": "nope"}')
    (work / "agents" / f"{big_id}.json").write_text(" " * (MAX_CARD_BYTES + 1))
    (work / "agents" / "not-an-id.json").write_text("{}")
    (work / "evil.json").write_text("{}")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@b",
    }
    for args in (["add", "-A"], ["commit", "-qm", "bad"], ["push", "-q", "origin", "HEAD:main"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, env=env)
    eva = gd("eva")
    eva("team", "init", str(remote))
    pulled = eva("team", "pull")
    assert "1 card in the team directory." in pulled.stderr
    for named in (bad_id, big_id, "not-an-id.json", "evil.json"):
        assert named in pulled.stderr, named
    assert "id does not match" in pulled.stderr and "larger than 256 KB" in pulled.stderr
    assert [c["name"] for c in json.loads(eva("team", "list", "--json").stdout)] == ["Mark"]


def test_fetch_failure_leaves_the_cache_as_it_was(
    gd: Callable[[str], Run], remote: Path, tmp_path: Path
) -> None:
    _setup_mark(gd("mark"), remote)
    eva = gd("eva")
    eva("team", "init", str(remote))
    eva("team", "pull")
    remote.rename(tmp_path / "gone.git")
    failed = eva("team", "pull", ok=False)
    assert failed.exit_code != 0
    assert "unreachable" in failed.stderr and len(failed.stderr.strip().splitlines()) == 1
    assert [c["name"] for c in json.loads(eva("team", "list", "--json").stdout)] == ["Mark"]


def test_clear_errors(
    gd: Callable[[str], Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    eva = gd("eva")
    eva("log", "something", "--skill", "printing")
    missing = eva("team", "init", str(tmp_path / "nope.git"), ok=False)
    assert missing.exit_code != 0 and "unreachable" in missing.stderr
    no_team = eva("team", "publish", ok=False)
    assert "no team set up" in no_team.stderr
    assert "no team set up" in eva("ask", "printer", "--team", ok=False).stderr
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitError, match="git is not installed"):
        Repo(tmp_path / "x").git("--version")


def test_auth_failure_is_named(tmp_path: Path) -> None:
    from growthdesk.team.repo import _explain

    err = _explain(
        ["fetch"],
        "remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://x/'",
    )
    assert "authentication failed" in str(err)


def test_buckets_and_levels() -> None:
    assert [bucket(n) for n in (0, 7, 12, 41, 47, 123)] == [0, 7, 10, 40, 45, 120]
    assert [level_of(n) for n in (0, 1, 5, 15, 30, 60)] == [0, 1, 2, 3, 4, 5]


_PUBLISHER = """
import sys
from growthdesk.team.repo import Repo
repo, n, tag = Repo(__import__("pathlib").Path(sys.argv[1])), sys.argv[2], sys.argv[3]
agent = f"{int(n):032x}"
body = f'{{"n": {n}, "tag": "{tag}"}}\\n'.encode()
repo.put(f"agents/{agent}.json", body, agent, "publish " + n)
"""


def run_publishers(remote: Path, tmp_path: Path, count: int, tag: str = "") -> list[str]:
    """*count* processes publish to *remote* at once; returns the agent files that landed."""
    repos = []
    for n in range(count):
        repo = Repo(tmp_path / f"cache{n}")
        repo.init(str(remote))
        repos.append(repo)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PUBLISHER, str(r.path), str(n), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n, r in enumerate(repos)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    return [p for p in _remote_files(remote) if p.startswith("agents/")]


@pytest.mark.slow
def test_twenty_publishers_at_once_all_land(remote: Path, tmp_path: Path) -> None:
    files = run_publishers(remote, tmp_path, 20)
    assert files == sorted(f"agents/{n:032x}.json" for n in range(20))
    # No lost update: each file holds its own publisher's content.
    for n in range(20):
        assert json.loads(_git(remote, "show", f"main:agents/{n:032x}.json")) == {"n": n, "tag": ""}


def test_race_is_retried_other_push_failures_are_not(remote: Path, tmp_path: Path) -> None:
    a, b = Repo(tmp_path / "a"), Repo(tmp_path / "b")
    a.init(str(remote))
    b.init(str(remote))
    assert a.put("agents/" + "a" * 32 + ".json", b"1\n", "a" * 32, "a")
    # b's cache is now stale: its first push loses the race, the retry lands.
    sleeps: list[float] = []
    b.fetch = lambda: None  # type: ignore[method-assign]
    with pytest.raises(GitError, match="gave up after 3"):
        b.put(
            "agents/" + "b" * 32 + ".json",
            b"2\n",
            "b" * 32,
            "b",
            Backoff(3, 0.0, 0.0),
            sleep=sleeps.append,
        )
    assert len(sleeps) == 3


def test_a_hung_git_times_out(remote: Path, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "cache", timeout=0.001)
    with pytest.raises(GitError, match="took longer than"):
        repo.init(str(remote))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["team", "publish", "--declare", "remote_access:9"], "specialty level must be 1-5"),
        (["team", "publish", "--declare", "vpnn"], "unknown skill"),
        (["team", "list", "--skill", "nope"], "unknown skill"),
        (["team", "init", "--", "-uhoh"], "is not a git remote"),
        (["contact", "edit", "Luuk", "--no-share", "--share-details"], "--share-details needs"),
    ],
)
def test_bad_input_is_one_line(
    gd: Callable[[str], Run], remote: Path, args: list[str], message: str
) -> None:
    eva = gd("eva")
    eva("contact", "add", "Luuk")
    eva("profile", "set", "--name", "Eva")
    eva("team", "init", str(remote))
    result = eva(*args, ok=False)
    assert result.exit_code != 0
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_commits_carry_the_agent_id_not_a_personal_email(
    gd: Callable[[str], Run], remote: Path
) -> None:
    _setup_mark(gd("mark"), remote)
    authors = _git(remote, "log", "--format=%an <%ae>", "main").split("\n")
    assert authors[0].startswith("growthdesk <") and authors[0].endswith("@growthdesk.invalid>")
