"""Contacts: add/list/show/edit/rm/touch/link through the CLI, name matching, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result
from helpers.homes import snapshot

from growthdesk.core.errors import InputError, NotFoundError
from growthdesk.network import contacts, lookup
from growthdesk.store import Store

NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


@pytest.fixture
def people(invoke: Callable[..., Result]) -> Callable[..., Result]:
    assert (
        invoke(
            "contact",
            "add",
            "Ana de Vries",
            "--specialty",
            "network_connectivity:4",
            "--strength",
            "4",
        ).exit_code
        == 0
    )
    assert (
        invoke(
            "contact",
            "add",
            "Dev Patel",
            "--kind",
            "vendor",
            "--org",
            "Cisco",
            "--specialty",
            "remote_access:5",
            "--note",
            "AnyConnect escalations",
            "--via",
            "Ana de Vries",
        ).exit_code
        == 0
    )
    assert (
        invoke("contact", "add", "Bram Jansen", "--specialty", "accounts_passwords").exit_code == 0
    )
    return invoke


def test_add_and_list_json(people: Callable[..., Result]) -> None:
    rows = json.loads(people("contact", "list", "--json").stdout)
    assert [r["name"] for r in rows] == ["Ana de Vries", "Bram Jansen", "Dev Patel"]
    ana, bram, dev = rows
    assert ana["strength"] == 4 and ana["specialties"] == {"network_connectivity": 4}
    assert bram["strength"] == 3 and bram["specialties"] == {"accounts_passwords": 3}
    # --via: no direct tie, only a link to Ana.
    assert dev["strength"] is None and dev["kind"] == "vendor" and dev["org"] == "Cisco"
    links = Store(Path(__import__("os").environ["GROWTHDESK_HOME"])).all("links")
    assert [(link["a"], link["b"]) for link in links] == [(ana["id"], dev["id"])]


def test_list_filters(people: Callable[..., Result]) -> None:
    def names(*args: str) -> list[str]:
        return [r["name"] for r in json.loads(people("contact", "list", "--json", *args).stdout)]

    assert names("--kind", "vendor") == ["Dev Patel"]
    assert names("--skill", "remote_access") == ["Dev Patel"]
    assert names("--org", "cisco") == ["Dev Patel"]
    assert names("--contains", "anyconnect") == ["Dev Patel"]  # notes are searched too
    assert names("--contains", "network connectivity") == ["Ana de Vries"]  # and specialties
    assert names("--kind", "colleague", "--skill", "accounts_passwords") == ["Bram Jansen"]
    result = people("contact", "list", "--kind", "trainer")
    assert result.exit_code == 0 and result.stdout == "" and "No contacts match." in result.stderr


def test_list_plain_text(people: Callable[..., Result]) -> None:
    out = people("contact", "list").stdout.splitlines()
    assert out[0] == "#1    Ana de Vries · colleague · tie 4/5 · Network 4"
    assert out[2] == "#2    Dev Patel · vendor · Cisco · via others · VPN & remote 5"
    nl = people("--lang", "nl", "contact", "list").stdout.splitlines()
    assert nl[0] == "#1    Ana de Vries · collega · band 4/5 · Netwerk 4"
    assert nl[2] == "#2    Dev Patel · leverancier · Cisco · via anderen · VPN & thuis 5"
    shown = people("--lang", "nl", "contact", "show", "Dev Patel").stdout
    assert "  specialiteiten: VPN & thuiswerken 5/5\n" in shown
    assert people("contact", "list", "--json").stdout.count('"remote_access": 5') == 1  # ids


def test_names_case_accent_and_first_name(people: Callable[..., Result]) -> None:
    result = people("contact", "show", "ANA DE VRIES")
    assert result.exit_code == 0 and result.stdout.startswith(
        "Ana de Vries  (#1, colleague, tie 4/5)"
    )
    assert people("contact", "show", "dev").stdout.startswith("Dev Patel")  # unique first name
    assert people("contact", "add", "Ána de Vríes").exit_code == 1  # same name once folded


def test_did_you_mean(people: Callable[..., Result], home: Path) -> None:
    before = snapshot(home)
    result = people("contact", "touch", "Ana de Vris")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown contact 'Ana de Vris'. Did you mean 'Ana de Vries'?\n"
    result = people("contact", "link", "Nobody Here", "Ana de Vries")
    assert result.exit_code == 1 and result.stderr == "Error: unknown contact 'Nobody Here'\n"
    assert snapshot(home) == before


def test_bad_input_leaves_store_unchanged(people: Callable[..., Result], home: Path) -> None:
    before = snapshot(home)
    cases = [
        (
            ("contact", "link", "Ana de Vries", "ana de vries"),
            1,
            "Error: cannot link 'Ana de Vries' to themselves",
        ),
        (
            ("contact", "link", "Ana de Vries", "Bram Jansen", "--strength", "6"),
            2,
            "not in the range 1<=x<=5",
        ),
        (("contact", "add", "Zed", "--strength", "0"), 2, "not in the range 1<=x<=5"),
        (
            ("contact", "add", "Zed", "--specialty", "vpn_stuff"),
            1,
            "Error: unknown skill 'vpn_stuff'.",
        ),
        (
            ("contact", "add", "Zed", "--specialty", "printing:9"),
            1,
            "Error: specialty level must be 1-5, got 9",
        ),
        (("contact", "add", "Zed", "--via", "Nobody"), 1, "Error: unknown contact 'Nobody'"),
        (("contact", "add", "  "), 1, "Error: a contact name cannot be empty"),
        (("contact", "add", "ana de vries"), 1, "Error: contact 'Ana de Vries' already exists"),
        (("contact", "edit", "Bram Jansen"), 1, "Error: nothing to change for 'Bram Jansen'"),
        (("contact", "edit", "Bram Jansen", "--name", "Ana de Vries"), 1, "already exists"),
        (("contact", "rm", "Nobody"), 1, "Error: unknown contact 'Nobody'"),
        (("contact", "touch", "Bram Jansen", "--when", "2027-01-01"), 1, "in the future"),
        (
            ("contact", "add", "Zed", "--met-at", "Nowhere Con"),
            1,
            "Error: unknown event 'Nowhere Con'.",
        ),
    ]
    for args, code, message in cases:
        result = people(*args)
        assert result.exit_code == code, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert snapshot(home) == before


def test_edit_and_do_not_ask(people: Callable[..., Result]) -> None:
    assert (
        people(
            "contact",
            "edit",
            "bram",
            "--specialty",
            "access_permissions:5",
            "--drop-specialty",
            "accounts_passwords",
            "--strength",
            "5",
            "--do-not-ask",
            "--org",
            "IAM",
        ).exit_code
        == 0
    )
    bram = json.loads(people("contact", "show", "bram", "--json").stdout)
    assert bram["specialties"] == {"access_permissions": 5}
    assert bram["strength"] == 5 and bram["do_not_ask"] is True and bram["org"] == "IAM"
    assert people("contact", "edit", "bram", "--ask-ok", "--name", "Bram J. Jansen").exit_code == 0
    bram = json.loads(people("contact", "show", "Bram J. Jansen", "--json").stdout)
    assert bram["do_not_ask"] is False


def test_touch_updates_last_contact_and_logs(people: Callable[..., Result]) -> None:
    result = people(
        "contact",
        "touch",
        "dev",
        "--kind",
        "asked",
        "--note",
        "split tunnel",
        "--when",
        "2026-11-20",
    )
    assert result.exit_code == 0 and result.stderr == "Logged asked with Dev Patel on 2026-11-20\n"
    dev = json.loads(people("contact", "show", "dev", "--json").stdout)
    assert dev["last_contact"] == "2026-11-20"
    assert dev["strength"] == 2  # talked to directly: no longer only "via" Ana
    assert [(i["kind"], i["note"]) for i in dev["interactions"]] == [("asked", "split tunnel")]
    # An older interaction never moves last_contact back.
    people("contact", "touch", "dev", "--when", "2026-01-02")
    assert (
        json.loads(people("contact", "show", "dev", "--json").stdout)["last_contact"]
        == "2026-11-20"
    )


def test_link_updates_existing_pair(people: Callable[..., Result], home: Path) -> None:
    assert people("contact", "link", "Bram Jansen", "Ana de Vries", "--strength", "2").stderr == (
        "Linked Bram Jansen — Ana de Vries (strength 2)\n"
    )
    people("contact", "link", "ana", "bram", "--strength", "5", "--note", "same team")
    links = Store(home).all("links")
    assert len(links) == 2
    assert links[-1]["strength"] == 5 and links[-1]["note"] == "same team"


def test_rm_removes_every_reference_in_one_transaction(
    people: Callable[..., Result], home: Path
) -> None:
    store = Store(home)
    with store.transaction("seed") as tx:
        ana = lookup.resolve_contact(tx.all("contacts"), "ana")["id"]
        dev = lookup.resolve_contact(tx.all("contacts"), "dev")["id"]
        for n, month in enumerate(["2026-09", "2026-10", "2026-11"]):
            tx.insert(
                "wins",
                {
                    "when": f"{month}-0{n + 1}T10:00:00+01:00",
                    "problem": f"vpn {n}",
                    "solution": None,
                    "skills": ["remote_access"],
                    "skills_source": "manual",
                    "minutes": 5,
                    "helped_by": [dev, ana],
                    "ticket": None,
                    "source": "manual",
                    "tags": [],
                    "escalated": False,
                    "created": "x",
                    "updated": "x",
                },
            )
        tx.insert(
            "interactions",
            {"contact": dev, "when": "2026-11-01T10:00:00+01:00", "kind": "chat", "note": ""},
        )
        tx.insert(
            "events",
            {
                "name": "Cisco Live",
                "kind": "vendor",
                "date": "2026-06-02",
                "skills": [],
                "met": [dev, ana],
            },
        )
    result = people("contact", "rm", "Dev Patel")
    assert result.exit_code == 0
    assert (
        result.stderr
        == "Removed contact #2 Dev Patel (from 3 wins, 1 link, 1 interaction, 1 event)\n"
    )
    fresh = Store(home)
    assert [w["helped_by"] for w in fresh.wins()] == [[ana], [ana], [ana]]
    assert fresh.all("links") == [] and fresh.all("interactions") == []
    assert fresh.all("events")[0]["met"] == [ana]
    assert [c["name"] for c in fresh.all("contacts")] == ["Ana de Vries", "Bram Jansen"]
    # One transaction: one undo brings everything back.
    assert people("undo").exit_code == 0
    back = Store(home)
    assert [w["helped_by"] for w in back.wins()] == [[dev, ana]] * 3
    assert len(back.all("links")) == 1 and back.all("events")[0]["met"] == [dev, ana]


# ---- domain functions on a store transaction -------------------------------------------------


def test_ensure_contacts_reuses_creates_and_refuses_typos(home: Path) -> None:
    store = Store(home)
    with store.transaction("t") as tx:
        first = contacts.ensure_contacts(tx, ["Ana de Vries", "Kim"], NOW)
    with store.transaction("t") as tx:
        again = contacts.ensure_contacts(tx, ["ANA DE VRIES", "kim", "Kim"], NOW)
    assert first == again == [1, 2]
    rows = {c["name"]: c for c in store.all("contacts")}
    assert rows["Kim"]["kind"] == "colleague" and rows["Kim"]["strength"] == 3
    assert rows["Kim"]["last_contact"] == "2026-11-26"
    assert [i["kind"] for i in store.all("interactions")] == ["helped"] * 4
    with pytest.raises(lookup.AmbiguousNameError) as err, store.transaction("t") as tx:
        contacts.ensure_contacts(tx, ["Ana de Vris"], NOW)
    assert err.value.name == "Ana de Vris" and err.value.candidates == ["Ana de Vries"]
    assert str(err.value) == "unknown contact 'Ana de Vris'. Did you mean 'Ana de Vries'?"
    assert isinstance(err.value, InputError)
    with store.transaction("t") as tx:
        ids = contacts.ensure_contacts(tx, ["Ana de Vris"], NOW, allow_new_close=True)
    assert ids == [3]


def test_find_contact_exact_only() -> None:
    people = [{"id": 1, "name": "Ümit Kaya"}, {"id": 2, "name": "Ana de Vries"}]
    assert lookup.find_contact(people, "umit kaya") == people[0]
    assert lookup.find_contact(people, "  ANA DE VRIES ") == people[1]
    assert lookup.find_contact(people, "ana") is None
    assert lookup.find_contact(people, "") is None


def test_resolve_ambiguous_first_name() -> None:
    people = [{"id": 1, "name": "Ana de Vries"}, {"id": 2, "name": "Ana Berg"}]
    with pytest.raises(lookup.AmbiguousNameError) as err:
        lookup.resolve_contact(people, "ana")
    assert err.value.candidates == ["Ana de Vries", "Ana Berg"]
    with pytest.raises(NotFoundError):
        lookup.resolve_contact(people, "Zed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("printing", ("printing", 3)),
        ("remote_access:5", ("remote_access", 5)),
        ("Remote-Access:1", ("remote_access", 1)),
    ],
)
def test_parse_specialty(text: str, expected: tuple[str, int]) -> None:
    assert contacts.parse_specialty(text) == expected


@pytest.mark.parametrize("text", ["printing:0", "printing:x", "nope:3", "printing:6"])
def test_parse_specialty_rejects(text: str) -> None:
    with pytest.raises(InputError):
        contacts.parse_specialty(text)


def test_contact_help_has_examples(invoke: Callable[..., Result]) -> None:
    for sub in ["add", "list", "show", "edit", "rm", "touch", "link"]:
        assert "Example" in invoke("contact", sub, "--help").stdout


@pytest.mark.parametrize(
    ("email", "phone"),
    [
        ("ana.de.vries+it@example.co.uk", "+31 6 1234 5678"),
        ("a@b.nl", "(020) 123-4567"),
        ("dev@cisco.com", "+1 555 123 4567 ext. 12"),
        ("x_y@sub.domain.org", "1234"),
        (None, "030/1234567 x 8"),
    ],
)
def test_real_addresses_and_numbers_pass_the_shape_check(
    invoke: Callable[..., Result], email: str | None, phone: str
) -> None:
    args = ["contact", "add", "Bo", "--phone", phone] + (["--email", email] if email else [])
    assert invoke(*args).exit_code == 0
    shown = json.loads(invoke("contact", "show", "Bo", "--json").stdout)
    assert (shown["email"], shown["phone"]) == (email, phone)


def test_text_fields_have_one_limit_per_kind(invoke: Callable[..., Result]) -> None:
    """Short fields 200 characters, notes 20,000 (README "Text fields"): the limit itself passes."""
    args = ["contact", "add", "N" * 200, "--org", "O" * 200, "--note", "n" * 20000]
    assert invoke(*args).exit_code == 0
    assert invoke("contact", "touch", "N" * 200, "--note", "t" * 20000).exit_code == 0
    assert invoke("contact", "add", "M" * 201).stderr == (
        "Error: the contact name is 201 characters long; the limit is 200\n"
    )


# ---- ids, ambiguous and look-alike names, confirmations (issue 16) ----------------------------


def test_an_id_works_wherever_a_name_does(people: Callable[..., Result], home: Path) -> None:
    assert people("contact", "show", "#2").stdout.startswith("Dev Patel  (#2, vendor")
    assert people("contact", "show", "# 3").stdout.startswith("Bram Jansen")
    # Unquoted, a shell takes #3 for a comment: the bare number is the id too.
    assert people("contact", "show", "3").stdout.startswith("Bram Jansen")
    assert people("contact", "edit", "#3", "--org", "IAM").stderr == (
        "Updated contact #3 Bram Jansen\n"
    )
    assert people("contact", "touch", "#2", "--when", "2026-11-20").stderr == (
        "Logged chat with Dev Patel on 2026-11-20\n"
    )
    assert people("contact", "link", "#3", "#2").stderr == (
        "Linked Bram Jansen — Dev Patel (strength 3)\n"
    )
    assert people("contact", "add", "Kim", "--via", "#1").exit_code == 0
    result = people("log", "vpn token", "-s", "remote_access", "--helped-by", "#2")
    assert result.exit_code == 0 and result.stderr == ""  # nobody created
    assert Store(home).wins()[0]["helped_by"] == [2]
    assert people("event", "add", "Expo", "--kind", "vendor", "--date", "2026-11-01",
                  "--met", "#3").exit_code == 0  # fmt: skip
    assert Store(home).all("events")[0]["met"] == [3]
    before = snapshot(home)
    for args in (
        ("contact", "show", "#9"),
        ("log", "vpn", "-s", "remote_access", "--helped-by", "#9"),
        ("contact", "rm", "#9"),
    ):
        result = people(*args)
        assert (result.exit_code, result.stderr) == (1, "Error: there is no contact #9\n"), args
    result = people("contact", "add", "#12")
    assert result.stderr == "Error: a contact name cannot look like an id ('#12')\n"
    assert people("contact", "add", "12").stderr.startswith("Error: a contact name cannot")
    assert snapshot(home) == before
    assert people("contact", "rm", "#2").stderr.startswith("Removed contact #2 Dev Patel")


def test_a_name_that_fits_several_contacts_is_ambiguous_not_unknown(
    invoke: Callable[..., Result], home: Path
) -> None:
    invoke("contact", "add", "Ana de Vries")
    invoke("contact", "add", "Piet de Vries")
    before = snapshot(home)
    expected = (
        "Error: 'de vries' fits 2 contacts: #1 Ana de Vries, #2 Piet de Vries; "
        "type more of the name or its #id\n"
    )
    for args in (
        ("contact", "show", "de vries"),
        ("contact", "touch", "De Vries"),
        ("log", "vpn", "-s", "remote_access", "--helped-by", "de vries"),
    ):
        result = invoke(*args)
        assert (result.exit_code, result.stderr) == (1, expected.replace("de vries", args[-1]))
    assert snapshot(home) == before
    # A last name that fits one person names that person.
    invoke("contact", "add", "Bram Bakker")
    assert invoke("contact", "show", "bakker").stdout.startswith("Bram Bakker  (#3")
    assert invoke("contact", "show", "piet").stdout.startswith("Piet de Vries  (#2")


def test_curly_and_straight_apostrophes_are_the_same_name(
    invoke: Callable[..., Result], home: Path
) -> None:
    assert invoke("contact", "add", "Sinéad O\u2019Brien").exit_code == 0
    assert invoke("contact", "add", "Jan \u2018t Hart").exit_code == 0
    assert invoke("contact", "show", "sinead o'brien").stdout.startswith("Sinéad O\u2019Brien")
    assert invoke("contact", "show", "Jan 't Hart").stdout.startswith("Jan \u2018t Hart")
    assert invoke("contact", "show", "jan \u2019t hart").stdout.startswith("Jan \u2018t Hart")
    assert invoke("contact", "add", "Sinéad O'Brien").stderr == (
        "Error: contact 'Sinéad O\u2019Brien' already exists\n"
    )
    invoke("log", "vpn", "-s", "remote_access", "--helped-by", "Jan 't Hart")
    assert Store(home).wins()[0]["helped_by"] == [2]
    assert len(Store(home).all("contacts")) == 2


def test_a_look_alike_name_is_refused_unless_new(invoke: Callable[..., Result], home: Path) -> None:
    assert invoke("contact", "add", "Zoë Jansen").exit_code == 0
    before = snapshot(home)
    result = invoke("contact", "add", "Zoe Jansen")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'Zoe Jansen' looks like existing contact 'Zoë Jansen'; use that name, "
        "or add --new if this is someone else\n"
    )
    assert invoke("contact", "add", "zoë jansen", "--new").stderr == (
        "Error: contact 'Zoë Jansen' already exists\n"  # the same spelling: one person
    )
    assert snapshot(home) == before
    assert invoke("contact", "add", "Zoe Jansen", "--new").stderr == (
        "Added contact #2 Zoe Jansen (colleague, tie 3/5)\n"
    )
    # Where both exist, the spelling typed decides; a shortening fits both.
    assert invoke("contact", "show", "ZOE JANSEN").stdout.startswith("Zoe Jansen  (#2")
    assert invoke("contact", "show", "Zoë Jansen").stdout.startswith("Zoë Jansen  (#1")
    assert invoke("contact", "show", "zoe").stderr.startswith("Error: 'zoe' fits 2 contacts")
    invoke("log", "toner", "-s", "printing", "--helped-by", "zoe jansen")
    assert Store(home).wins()[0]["helped_by"] == [2]


@pytest.mark.parametrize(
    ("existing", "typed", "alike"),
    [
        ("Tom Jansen", "Tom Janssen", True),  # a slip in the surname
        ("Eve Plain", "Eve Plane", True),
        ("Kim Lund", "K. Lund", True),  # an initial
        ("Jan-Willem Bos", "Jan Willem Bos", True),
        ("Ana de Vries", "Jan de Vries", False),  # one surname, two people: common in Dutch
        ("Ana de Vries", "Sanne de Vries", False),
        ("Sanne de Vries", "Anne de Vries", False),
        ("Tom Jansen", "Tim Jansen", False),  # short first names must match exactly
    ],
)
def test_look_alikes_are_slips_not_shared_surnames(
    invoke: Callable[..., Result], existing: str, typed: str, alike: bool
) -> None:
    assert invoke("contact", "add", existing).exit_code == 0
    result = invoke("contact", "add", typed)
    assert (result.exit_code == 1 and "looks like existing contact" in result.stderr) is alike, (
        result.stderr
    )


def test_log_new_helper_is_a_new_person_and_says_so(
    invoke: Callable[..., Result], home: Path
) -> None:
    invoke("contact", "add", "Zoë Jansen")
    # Without --new the name typed without the accent is Zoë, and nobody is created.
    result = invoke("log", "plotter", "-s", "printing", "--helped-by", "Zoe Jansen")
    assert result.exit_code == 0 and result.stderr == ""
    result = invoke("log", "plotter", "-s", "printing", "--helped-by", "Zoe Jansen", "--new")
    assert result.exit_code == 0
    assert result.stderr == (
        "Added contact Zoe Jansen (colleague); `growthdesk contact edit` fills in more\n"
    )
    result = invoke("log", "vpn", "-s", "remote_access", "--helped-by", "Kim Lund")
    assert result.stderr == (
        "Added contact Kim Lund (colleague); `growthdesk contact edit` fills in more\n"
    )
    store = Store(home)
    assert [c["name"] for c in store.all("contacts")] == ["Zoë Jansen", "Zoe Jansen", "Kim Lund"]
    assert [w["helped_by"] for w in store.wins()] == [[1], [2], [3]]


def test_backdated_log_records_the_interaction_on_the_wins_day(
    invoke: Callable[..., Result], home: Path
) -> None:
    invoke("contact", "add", "Ana de Vries")
    invoke("contact", "touch", "ana", "--when", "2026-11-20")
    invoke("log", "vpn", "-s", "remote_access", "--helped-by", "ana", "--when", "2026-11-02")
    invoke("log", "mfa", "-s", "accounts_passwords", "--helped-by", "Kim", "--when", "2026-10-05")
    store = Store(home)
    helped = [
        (i["contact"], i["when"][:10]) for i in store.all("interactions") if i["kind"] == "helped"
    ]
    assert helped == [(1, "2026-11-02"), (2, "2026-10-05")]
    people = {c["name"]: c for c in store.all("contacts")}
    assert people["Ana de Vries"]["last_contact"] == "2026-11-20"  # a later talk stays the last
    assert people["Kim"]["last_contact"] == "2026-10-05"
    assert people["Kim"]["created"] == "2026-11-26T10:00:00+01:00"


def test_relinking_keeps_the_strength_unless_given(
    people: Callable[..., Result], home: Path
) -> None:
    people("contact", "link", "ana", "bram", "--strength", "5")
    assert people("contact", "link", "bram", "ana", "--note", "same team").stderr == (
        "Linked Bram Jansen — Ana de Vries (strength 5)\n"
    )
    link = Store(home).all("links")[-1]
    assert (link["strength"], link["note"]) == (5, "same team")
    people("contact", "link", "ana", "bram", "--strength", "2")
    link = Store(home).all("links")[-1]
    assert (link["strength"], link["note"]) == (2, "same team")


def test_rm_by_part_of_a_name_needs_the_whole_name_or_a_yes(
    people: Callable[..., Result], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(home)
    result = people("contact", "rm", "bram")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'bram' is only part of the name of #3 Bram Jansen: type the whole name or its "
        "#id (or add --yes)\n"
    )
    assert snapshot(home) == before
    import growthdesk.cli.contacts as cli_contacts

    monkeypatch.setattr(cli_contacts, "interactive", lambda: True)
    result = people("contact", "rm", "bram", input="n\n")
    assert result.exit_code == 1 and "Remove #3 Bram Jansen? [y/N]" in result.stderr
    assert snapshot(home) == before
    result = people("contact", "rm", "bram", input="y\n")
    assert result.exit_code == 0 and "Removed contact #3 Bram Jansen" in result.stderr
    monkeypatch.setattr(cli_contacts, "interactive", lambda: False)
    assert people("contact", "rm", "dev", "--yes").exit_code == 0
    assert people("contact", "rm", "ANA DE VRIES").exit_code == 0  # the whole name: no question
    assert Store(home).all("contacts") == []


def test_wins_edit_helped_by_says_who_it_created_and_uses_the_wins_day(
    invoke: Callable[..., Result], home: Path
) -> None:
    invoke("log", "vpn", "-s", "remote_access", "--when", "2026-11-02")
    result = invoke("wins", "edit", "1", "--helped-by", "Kim Lund")
    assert result.exit_code == 0
    assert result.stderr == (
        "Added contact Kim Lund (colleague); `growthdesk contact edit` fills in more\n"
    )
    store = Store(home)
    assert [(i["contact"], i["when"][:10]) for i in store.all("interactions")] == [
        (1, "2026-11-02")
    ]
    assert invoke("wins", "edit", "1", "--helped-by", "#1").stderr == ""


def test_log_on_a_terminal_asks_which_one_an_ambiguous_name_means(
    invoke: Callable[..., Result], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("contact", "add", "Ana de Vries")
    invoke("contact", "add", "Ana Berg")
    import growthdesk.cli.wins as cli_wins

    monkeypatch.setattr(cli_wins, "interactive", lambda: True)
    result = invoke("log", "vpn", "-s", "remote_access", "--helped-by", "ana", input="2\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "'ana' fits 1) #1 Ana de Vries, 2) #2 Ana Berg\nPick 1-2, or press Enter to cancel"
    )
    assert Store(home).wins()[0]["helped_by"] == [2]
    before = snapshot(home)
    result = invoke("log", "vpn", "-s", "remote_access", "--helped-by", "ana", input="\n")
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: 'ana' fits 2 contacts: #1 Ana de Vries, #2 Ana Berg; "
                                  "type more of the name or its #id\n")  # fmt: skip
    assert snapshot(home) == before


def test_touch_and_show_in_dutch(people: Callable[..., Result]) -> None:
    dutch = people("--lang", "nl", "contact", "touch", "Dev Patel", "--kind", "asked")
    assert dutch.stderr == "Contactmoment met Dev Patel op 26 november 2026 vastgelegd (gevraagd)\n"
