"""Writes zammad.xlsx: a Zammad ticket export as Zammad lays it out (written for this project).

Title on row 1, headers on row 3, data from row 4, and a footer that names the time zone of the
(naive) dates. Zammad serves the file with a .xls name; the tests copy it to one.
Run: .venv/bin/python tests/data/imports/make_zammad.py
"""

from datetime import datetime
from pathlib import Path

import openpyxl

HEADERS = [
    "#",
    "Title",
    "State",
    "Priority",
    "Group",
    "Owner",
    "Customer",
    "Organization",
    "Created At",
    "Updated At",
    "Closed At",
    "Tags",
    "Time Units Total",
]
ROWS = [
    [
        31001,
        "Password reset for new hire",
        "closed",
        "2 normal",
        "Service Desk",
        "Ana Lopez",
        "Mark Smit",
        "Example BV",
        datetime(2024, 5, 6, 8, 0),
        datetime(2024, 5, 6, 8, 20),
        datetime(2024, 5, 6, 8, 20),
        "accounts, onboarding",
        10.0,
    ],
    [
        31002,
        "Monitor flickering on docking station",
        "closed",
        "2 normal",
        "Workplace",
        "Ana Lopez",
        "Eva Bos",
        "Example BV",
        datetime(2024, 5, 8, 9, 0),
        "2024-05-08 14:45",
        "2024-05-08 14:45",
        "",
        None,
    ],
    [
        31003,
        "Request new software license",
        "open",
        "1 low",
        "Service Desk",
        "Ana Lopez",
        "Tom Dekker",
        "Example BV",
        datetime(2024, 5, 9, 10, 0),
        datetime(2024, 5, 9, 10, 0),
        None,
        "license",
        None,
    ],
]


def main() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tickets"
    sheet.append(["Ticket export 2024-05-01 - 2024-05-31"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Timezone: Europe/Berlin"])
    out = Path(__file__).with_name("zammad.xlsx")
    book.save(out)
    print(out)


if __name__ == "__main__":
    main()
