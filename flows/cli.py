"""wirewatch command line (placeholder until the CLI lands)."""


def main(argv=None) -> int:
    raise SystemExit("wirewatch: CLI not built yet")
