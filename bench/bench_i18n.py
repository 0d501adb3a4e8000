"""What the Dutch catalogue costs: whole-process `--help` and `log` in English and Dutch, and
loading the .mo in-process.

    python bench/bench_i18n.py [--runs 21] [--before OTHER_PYTHON]

Prints medians (ms) and the ratio to `python -c "import click"`. With --before (the python of a
second install, e.g. one built from the commit before), `--help` and `log` of both installs
interleaved run by run, CPU medians. Run by hand, not in the suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the child, in ms. On a busy
    machine the CPU time is the steadier of the two."""
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = _cpu(), time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((_cpu() - c0) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()}")
    return statistics.median(wall), statistics.median(cpu)


def _load_mo_ms(runs: int) -> float:
    """Median CPU cost of loading the Dutch catalogue in a fresh process (open, parse, first
    lookup), as growthdesk.core.i18n does it once per command."""
    code = (
        "import time\n"
        "from growthdesk.core import i18n\n"
        "t0 = time.process_time()\n"
        "i18n.set_language('nl'); i18n.gettext('Usage:')\n"
        "print((time.process_time() - t0) * 1000)\n"
    )
    values = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(values)


def _compare(before: str, runs: int, base: dict[str, str], work: Path) -> None:
    """This install against *before* (another install's python), interleaved run by run so
    that a machine whose speed drifts affects both alike; CPU medians (ms)."""
    pythons = {"before": before, "after": sys.executable}
    homes = {}
    for name, python in pythons.items():
        for lang in ("en", "nl"):
            home = work / f"{name}-{lang}"
            env = {**base, "GROWTHDESK_HOME": str(home)}
            subprocess.run([python, "-m", "growthdesk", "profile", "set", "--lang", lang],
                           env=env, check=True, capture_output=True)  # fmt: skip
            homes[name, lang] = str(home)
    commands = {
        "--help": ["--help"],
        "log": ["log", "reset MFA for new hire", "-m", "4", "--skill", "accounts_passwords"],
    }
    cpu: dict[tuple[str, str, str], list[float]] = {}
    for _ in range(runs):
        for command, argv in commands.items():
            for lang in ("en", "nl"):
                for name, python in pythons.items():
                    env = {**base, "GROWTHDESK_HOME": homes[name, lang]}
                    c0 = _cpu()
                    subprocess.run([python, "-m", "growthdesk", *argv], env=env,
                                   capture_output=True)  # fmt: skip
                    cpu.setdefault((command, lang, name), []).append((_cpu() - c0) * 1000)
    print(f"{'cpu ms (median)':<28}{'before':>9}{'after':>9}")
    for command in commands:
        for lang in ("en", "nl"):
            b, a = (statistics.median(cpu[command, lang, n]) for n in ("before", "after"))
            print(f"{command + ', ' + lang + ' profile':<28}{b:>9.1f}{a:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--before", help="python of another install, compared run by run")
    args = parser.parse_args()
    exe = [sys.executable, "-m", "growthdesk"]
    base = {**os.environ, "GROWTHDESK_NOW": "2026-11-26T10:00:00+01:00"}
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages run from cached bytecode
    for var in ("GROWTHDESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        base.pop(var, None)
    work = Path(tempfile.mkdtemp(prefix="bench-i18n-"))
    try:
        if args.before:
            _compare(args.before, args.runs, base, work)
            return
        en_home, nl_home = work / "en", work / "nl"
        for home, lang in ((en_home, "en"), (nl_home, "nl")):
            env = {**base, "GROWTHDESK_HOME": str(home)}
            subprocess.run([*exe, "profile", "set", "--lang", lang], env=env, check=True,
                           capture_output=True)  # fmt: skip
        en = {**base, "GROWTHDESK_HOME": str(en_home)}
        nl = {**base, "GROWTHDESK_HOME": str(nl_home)}
        log = ["log", "reset MFA for new hire", "-m", "4", "--skill", "accounts_passwords"]
        rows = {
            'python -c "import click"': _time(
                [sys.executable, "-c", "import click"], base, args.runs
            ),
            "--help (English profile)": _time([*exe, "--help"], en, args.runs),
            "--help (Dutch profile)": _time([*exe, "--help"], nl, args.runs),
            "--lang nl --help": _time([*exe, "--lang", "nl", "--help"], en, args.runs),
            "log (English profile)": _time([*exe, *log], en, args.runs),
            "log (Dutch profile)": _time([*exe, *log], nl, args.runs),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    click_wall, click_cpu = rows['python -c "import click"']
    print(f"{'':<28}{'wall ms':>9}{'× click':>9}{'cpu ms':>9}{'× click':>9}")
    for name, (wall, cpu) in rows.items():
        print(f"{name:<28}{wall:>9.1f}{wall / click_wall:>9.2f}{cpu:>9.1f}{cpu / click_cpu:>9.2f}")
    print(f"{'load the nl .mo (cpu ms)':<28}{_load_mo_ms(args.runs):>9.2f}")


if __name__ == "__main__":
    main()
