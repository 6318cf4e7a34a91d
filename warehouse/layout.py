"""Where a data directory keeps things (design.md, "Storage layout")."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    root: Path
    lake_url: str | None = None    # an object-store URL (s3://...) instead of <root>/lake

    @classmethod
    def at(cls, root: str | Path, lake_url: str | None = None) -> "Layout":
        return cls(Path(root).expanduser().resolve(), lake_url or os.environ.get("WIREWATCH_LAKE"))

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def lake(self) -> str:
        return self.lake_url.rstrip("/") if self.lake_url else str(self.root / "lake")

    @property
    def db(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def lock(self) -> Path:
        return self.root / ".warehouse.lock"
