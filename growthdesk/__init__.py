"""growthdesk: turn a helpdesk agent's solved problems into growth."""

__all__ = ["__version__"]
__version__ = "0.1.0"
