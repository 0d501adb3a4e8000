"""The team's expert directory, shared through a git repository (DESIGN.md "Team directory")."""
