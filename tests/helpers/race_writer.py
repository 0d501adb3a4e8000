"""One of several concurrent writers: logs N wins through the real CLI entry point."""

from __future__ import annotations

import sys

from growthdesk.cli import cli


def main() -> None:
    name, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        try:
            cli.main(
                ["log", f"{name} win {i}", "--minutes", "4", "--skill", "printing", "--json"],
                prog_name="growthdesk",
                standalone_mode=False,
            )
        except SystemExit as exc:  # pragma: no cover - a failure is reported by the test
            if exc.code:
                raise


if __name__ == "__main__":
    main()
