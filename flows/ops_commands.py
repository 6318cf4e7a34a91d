"""Operations commands (scheduling, serving); registered by cli.py."""
from __future__ import annotations


def register(sub) -> dict:
    """Add the operations subcommands to `sub`; returns {command name: handler(args) -> int}."""
    return {}
