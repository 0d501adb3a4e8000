"""Typed reads shared by Store and Transaction, so that callers need not name tables."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, cast

from growthdesk.core.errors import NotFoundError
from growthdesk.core.i18n import _
from growthdesk.core.records import Contact, Event, Interaction, Kudos, LearningEntry, Link, Win

__all__ = ["Reads", "not_found"]


def not_found(table: str, id: int) -> NotFoundError:
    name = table if table == "kudos" else table.removesuffix("s")  # "kudos" is singular too
    return NotFoundError(_("no {table} record with id {id}", table=name, id=id))


class Reads(ABC):
    """Records by table; the typed methods are the ones commands use."""

    @abstractmethod
    def all(self, table: str) -> list[dict[str, Any]]:
        """Every record of *table* (wins oldest first)."""

    @abstractmethod
    def get(self, table: str, id: int) -> dict[str, Any]:
        """One record; NotFoundError if there is none with this id."""

    def wins(self) -> list[Win]:
        return cast("list[Win]", self.all("wins"))

    @abstractmethod
    def wins_by_month(self) -> Iterator[list[Win]]:
        """Every month's wins, oldest first, one month at a time (a pass over the whole history
        that holds one month of it)."""

    def win(self, id: int) -> Win:
        return cast(Win, self.get("wins", id))

    def contacts(self) -> list[Contact]:
        return cast("list[Contact]", self.all("contacts"))

    def links(self) -> list[Link]:
        return cast("list[Link]", self.all("links"))

    def interactions(self) -> list[Interaction]:
        return cast("list[Interaction]", self.all("interactions"))

    def events(self) -> list[Event]:
        return cast("list[Event]", self.all("events"))

    def learning(self) -> list[LearningEntry]:
        return cast("list[LearningEntry]", self.all("learning"))

    def kudos(self) -> list[Kudos]:
        return cast("list[Kudos]", self.all("kudos"))
