"""Shell completion through click's protocol (_GROWTHDESK_COMPLETE, COMP_WORDS, COMP_CWORD):
skill ids, contact and event names, track ids, formats and win ids from the data folder, read
without a lock and without writing anything."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from helpers.homes import as_records, snapshot

from growthdesk.cli import cli
from growthdesk.store import Store

Invoke = Callable[..., Result]
CONTACTS = ["Ana de Vries", "Sanne de Vries", "Tom Jansen", "Zoë Janssen", "O'Brien & <Co>"]


def complete(line: str, shell: str = "bash") -> list[str]:
    """What the shell would be offered for the last word of *line* (a trailing space: a new
    word). bash: the values as its script receives them; zsh: (value, help) pairs."""
    from click.shell_completion import split_arg_string

    words = split_arg_string(line)
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {
        "_GROWTHDESK_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }
    if shell == "fish":
        env["COMP_CWORD"] = "" if line.endswith(" ") else words[-1]
    result = CliRunner().invoke(cli, [], env=env, prog_name="growthdesk")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if line]
    if shell == "zsh":  # type, value, help: three lines per item
        return [f"{v}|{h}" for _t, v, h in zip(lines[::3], lines[1::3], lines[2::3], strict=True)]
    return [line.partition(",")[2] if shell == "bash" else line for line in lines]


@pytest.fixture
def data(invoke: Invoke, home: Path) -> Path:
    for name in CONTACTS:
        assert invoke("contact", "add", name).exit_code == 0
    assert (
        invoke("event", "add", "Cisco Live", "--kind", "vendor", "--date", "2026-06-02").exit_code
        == 0
    )
    assert (
        invoke(
            "event", "add", "ITIL 4 course", "--kind", "training", "--date", "2026-03-02"
        ).exit_code
        == 0
    )
    for when, text in [("2026-09-10", "old printer"), ("2026-10-10", "vpn"), ("2026-11-20", "mfa")]:
        assert invoke("log", text, "--when", when, "-s", "printing", "-m", "5").exit_code == 0
    return home


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            found += _walk(sub, [*path, name])
    return found


def _escaped(name: str) -> str:
    # As bash's `read` receives it: a doubled backslash before every special character.
    return "".join(c if c.isalnum() or c in "_-.,/:@%+=" else "\\\\" + c for c in name)


# ---- skills, tracks, formats: shipped data -------------------------------------------------


def test_skill_ids_for_log_and_wins() -> None:
    assert complete("growthdesk log printer jam --skill prin") == ["printing"]
    assert complete("growthdesk wins --skill remote") == ["remote_access"]
    assert len(complete("growthdesk log x --skill ")) == 23
    assert complete("growthdesk log x -s accounts") == ["accounts_passwords"]


def test_skills_match_their_labels_and_zsh_shows_them() -> None:
    assert complete("growthdesk log x --skill vpn") == ["remote_access"]  # "VPN & remote working"
    assert complete("growthdesk log x --skill prin", "zsh") == ["printing|Printing & scanning"]


def test_labels_speak_the_profiles_language(invoke: Invoke, monkeypatch) -> None:
    assert invoke("profile", "set", "--lang", "nl").exit_code == 0
    assert complete("growthdesk log x --skill prin", "zsh") == ["printing|Printen & scannen"]
    monkeypatch.setenv("GROWTHDESK_LANG", "en")
    assert complete("growthdesk log x --skill prin", "zsh") == ["printing|Printing & scanning"]


def test_help_text_offered_to_the_shell_is_printable(invoke: Invoke, home: Path) -> None:
    import orjson

    assert invoke("log", "printer", "-s", "printing").exit_code == 0
    shard = home / "wins" / "2026-11.json"  # the shard, not its summary files
    data = as_records(orjson.loads(shard.read_bytes()))
    data["wins"]["1"]["problem"] = "evil \x1b]0;title\x07 text"  # an imported record
    shard.write_bytes(orjson.dumps(data))
    assert complete("growthdesk wins show ", "zsh") == ["1|evil \\x1b]0;title\\x07 text"]


def test_every_skill_option_completes_skill_ids() -> None:
    found = []
    for path, command in _walk(cli, []):
        for param in command.params:
            if isinstance(param, click.Option) and "--skill" in param.opts:
                found.append(" ".join(path))
                assert complete(f"growthdesk {' '.join(path)} --skill prin") == ["printing"], path
    assert {"log", "wins", "wins edit", "contact list", "learn add", "event add"} <= set(found)


def test_track_ids() -> None:
    assert complete("growthdesk path --track sec") == ["security"]
    assert complete("growthdesk profile set --track ") == list(
        __import__("growthdesk.skills.ids").skills.ids.TRACK_IDS
    )
    assert complete("growthdesk path -t cl", "zsh") == ["cloud|Cloud & Microsoft 365"]


def test_formats() -> None:
    assert complete("growthdesk import tickets.csv --from top") == ["topdesk"]
    assert complete("growthdesk export --format ") == ["json", "csv"]
    assert complete("growthdesk network export --format g") == ["graphml", "gexf"]
    assert complete("growthdesk review --format ") == ["md", "html"]
    assert complete("growthdesk completion ") == ["bash", "zsh", "fish"]


# ---- names and ids from the data folder ----------------------------------------------------


@pytest.mark.usefixtures("data")
@pytest.mark.parametrize(
    "line",
    [
        "growthdesk log x --helped-by ",
        "growthdesk wins edit 3 --helped-by ",
        "growthdesk contact show ",
        "growthdesk contact edit ",
        "growthdesk contact rm ",
        "growthdesk contact touch ",
        "growthdesk contact link ",
        "growthdesk contact link Tom ",
        "growthdesk event add X --kind vendor --date today --met ",
    ],
)
def test_contact_names(line: str) -> None:
    assert complete(line) == [_escaped(n) for n in CONTACTS]


@pytest.mark.usefixtures("data")
def test_contact_names_match_any_word_accents_and_case_aside() -> None:
    assert complete("growthdesk contact show vri") == [
        "Ana\\\\ de\\\\ Vries",
        "Sanne\\\\ de\\\\ Vries",
    ]
    assert complete("growthdesk contact show zoe") == ["Zoë\\\\ Janssen"]
    assert complete("growthdesk log x --helped-by TOM") == ["Tom\\\\ Jansen"]
    assert complete("growthdesk contact show nobody") == []


@pytest.mark.usefixtures("data")
def test_a_word_begun_with_a_quote_gets_the_name_as_it_is() -> None:
    assert complete('growthdesk contact show "Ana') == ["Ana de Vries"]
    assert complete("growthdesk contact show Ana", "zsh") == ["Ana de Vries|_"]  # zsh quotes itself
    assert complete("growthdesk contact show Ana", "fish") == ["plain,Ana de Vries"]  # fish too


@pytest.mark.usefixtures("data")
def test_event_names_for_met_at() -> None:
    assert complete("growthdesk contact add Bob --met-at ") == [
        "Cisco\\\\ Live",
        "ITIL\\\\ 4\\\\ course",
    ]
    assert complete("growthdesk contact add Bob --met-at cis") == ["Cisco\\\\ Live"]


@pytest.mark.usefixtures("data")
def test_win_ids_of_the_newest_two_months() -> None:
    assert complete("growthdesk wins show ") == ["3", "2"]
    assert complete("growthdesk wins rm 2") == ["2"]
    assert complete("growthdesk wins edit #3") == ["3"]
    assert complete("growthdesk wins show ", "zsh") == ["3|mfa", "2|vpn"]
    assert complete("growthdesk kudos add thanks --win ") == ["3", "2"]


@pytest.mark.usefixtures("data")
def test_home_option_is_followed(tmp_path: Path, invoke: Invoke) -> None:
    other = tmp_path / "other"
    assert invoke("--home", str(other), "contact", "add", "Only Here").exit_code == 0
    assert complete(f"growthdesk --home {other} contact show ") == ["Only\\\\ Here"]


def test_repeated_options_and_bad_words_do_not_break_completion(data: Path) -> None:
    assert complete("growthdesk wins --skill printing --skill hardware show ") == ["3", "2"]
    assert complete("growthdesk contact show \x1b[31m") == []


# ---- read only: no lock, no writes, no folder ----------------------------------------------


def test_completion_never_creates_the_data_folder(home: Path) -> None:
    assert complete("growthdesk contact show ") == []
    assert complete("growthdesk wins show ") == []
    assert not home.exists()


def test_completion_writes_nothing_and_waits_for_no_lock(data: Path) -> None:
    before = snapshot(data)
    stamps = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    with Store(data).transaction("a writer holding the lock"):
        assert complete("growthdesk contact show T") == ["Tom\\\\ Jansen"]
        assert complete("growthdesk wins show ") == ["3", "2"]
    assert snapshot(data) == before
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == stamps


def test_a_damaged_file_offers_nothing(data: Path) -> None:
    (data / "main.json").write_text("{not json")
    assert complete("growthdesk contact show ") == []
    assert complete("growthdesk log x --skill prin") == ["printing"]  # shipped data still works


def test_completion_imports_no_store_no_networkx_no_rich(data: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "heavy = ('networkx', 'rich', 'tinydb', 'dateparser', 'growthdesk.store.api',"
        " 'growthdesk.store.lock')\n"
        "atexit.register(lambda: sys.stderr.write(repr(sorted(m for m in sys.modules"
        " if m in heavy or m.split('.')[0] in heavy))))\n"
        "from growthdesk.cli import main\nmain()\n"
    )
    env = {**os.environ, "_GROWTHDESK_COMPLETE": "bash_complete",
           "COMP_WORDS": "growthdesk log x --helped-by T", "COMP_CWORD": "4"}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "plain,Tom\\\\ Jansen\n"
    assert out.stderr == "[]"


# ---- the scripts ---------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script(invoke: Invoke, shell: str) -> None:
    result = invoke("completion", shell)
    assert result.exit_code == 0
    assert "_GROWTHDESK_COMPLETE" in result.stdout and f"{shell}_complete" in result.stdout
    assert "growthdesk" in result.stdout


def test_completion_help_says_how_to_install(invoke: Invoke) -> None:
    text = invoke("completion", "--help").stdout
    assert "growthdesk completion bash > ~/.growthdesk-complete.bash" in text
    assert "~/.config/fish/completions/growthdesk.fish" in text
    assert invoke("completion", "tcsh").exit_code == 2


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_in_real_bash_a_name_with_spaces_stays_one_word(data: Path, invoke: Invoke) -> None:
    script = data.parent / "complete.bash"
    script.write_text(invoke("completion", "bash").stdout)
    exe = shutil.which("growthdesk", path=str(Path(sys.executable).parent))
    assert exe, "growthdesk is installed next to the test's python"
    code = (
        f". {shlex.quote(str(script))}\n"
        "COMP_WORDS=(growthdesk contact show vri); COMP_CWORD=3\n"
        f"_growthdesk_completion {shlex.quote(exe)}\n"
        'for w in "${COMPREPLY[@]}"; do eval "set -- $w"; echo "$#:$1"; done\n'
    )
    out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, env=os.environ)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "1:Ana de Vries\n1:Sanne de Vries\n"
