"""A non-editable install works from another folder; `python -m growthdesk`; lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_non_editable_install_runs_from_another_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--quiet",
         "--target", str(target), str(ROOT)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    assert (target / "growthdesk" / "data" / "__init__.py").exists()
    assert not (target / "growthdesk" / "data").is_symlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "GROWTHDESK_HOME": str(tmp_path / "h")}
    code = (
        "import growthdesk, importlib.resources as r; "
        "print(growthdesk.__file__); "
        "print(sorted(p.name for p in r.files('growthdesk.data').iterdir() if p.name.endswith('.json')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith(str(target))
    assert "tracks.json" in out.stdout
    run = subprocess.run(
        [sys.executable, "-m", "growthdesk", "log", "fixed the printer", "--skill", "printing", "-m", "5"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "growthdesk", "wins"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert "fixed the printer" in listed.stdout
    # The compiled Dutch catalogue is in the wheel, and the installed program speaks it.
    assert (target / "growthdesk" / "locale" / "nl" / "LC_MESSAGES" / "growthdesk.mo").is_file()
    dutch = subprocess.run(
        [sys.executable, "-m", "growthdesk", "--lang", "nl", "--help"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert dutch.stdout.startswith("Gebruik: growthdesk [OPTIES]"), dutch.stdout


def _imported_modules(cwd: Path, *args: str) -> set[str]:
    """Modules a real run of `growthdesk ARGS` imported; the run itself must succeed."""
    code = (
        "import sys; from growthdesk.cli import main; sys.argv = ['growthdesk', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    # Run from elsewhere: `python -c` puts the working folder first on sys.path, and the source
    # checkout has no growthdesk.data (it is mapped from data/ at install time).
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd
    )
    assert out.returncode == 0, out.stderr
    return set(out.stderr.split())


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["log", "reset password for new hire", "--skill", "accounts_passwords", "-m", "4"],
        ["wins", "--limit", "10"],
    ],
)
def test_fast_commands_do_not_import_heavy_libraries(
    args: list[str], tmp_path: Path, home: Path
) -> None:
    home.mkdir()  # `wins` only reads: it needs a data folder, even an empty one
    loaded = _imported_modules(tmp_path, *args)
    assert "growthdesk.cli" in loaded
    for heavy in ("networkx", "dateparser", "rich", "openpyxl"):
        assert heavy not in loaded, f"{' '.join(args)} imported {heavy}"


def test_python_dash_m(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "growthdesk", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0
    assert out.stdout.startswith("growthdesk, version ")


def test_every_subpackage_is_listed_in_setup_cfg() -> None:
    listed = (ROOT / "setup.cfg").read_text()
    for init in (ROOT / "growthdesk").rglob("__init__.py"):
        dotted = ".".join(init.parent.relative_to(ROOT).parts)
        assert f"    {dotted}\n" in listed, f"{dotted} is missing from setup.cfg packages"
