"""The one error hierarchy. The CLI turns every GrowthdeskError into `Error: …` and exit 1."""

from __future__ import annotations

__all__ = [
    "GrowthdeskError",
    "InputError",
    "NotFoundError",
    "StoreError",
    "CorruptStoreError",
    "NewerStoreError",
    "StoreBusyError",
    "NothingToUndoError",
]


class GrowthdeskError(Exception):
    """Base class: a message fit to show the user on one line."""


class InputError(GrowthdeskError):
    """A value given by the user is invalid (bad date, unknown skill, negative minutes…)."""


class NotFoundError(GrowthdeskError):
    """A win, contact or other record does not exist."""


class StoreError(GrowthdeskError):
    """The data folder cannot be used."""


class CorruptStoreError(StoreError):
    """A data file is empty, truncated or not ours. Names the file."""


class NewerStoreError(StoreError):
    """The store was written by a newer growthdesk."""


class StoreBusyError(StoreError):
    """Another growthdesk process holds the lock for too long."""


class NothingToUndoError(GrowthdeskError):
    """The undo history is empty."""
