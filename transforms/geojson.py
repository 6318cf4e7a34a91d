"""Events as an RFC 7946 GeoJSON FeatureCollection (QGIS, kepler.gl, geojson.io).

One Feature per event; its geometry is a Point [lon, lat] (WGS 84, the RFC's only datum) when the
event's coordinates are known, null otherwise (RFC 7946 section 3.2 allows an unlocated Feature), so
every event stays in the file and a GIS shows the located ones.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Sequence

COORDINATES = ("lon", "lat")


def feature_collection(columns: Sequence[str], rows: Sequence[Sequence]) -> dict:
    return {"type": "FeatureCollection", "features": [feature(dict(zip(columns, row))) for row in rows]}


def feature(event: dict) -> dict:
    lon, lat = event.get("lon"), event.get("lat")
    geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]} \
        if lon is not None and lat is not None else None
    properties = {k: _plain(v) for k, v in event.items() if k not in COORDINATES}
    return {"type": "Feature", "id": event["event_id"], "geometry": geometry, "properties": properties}


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
