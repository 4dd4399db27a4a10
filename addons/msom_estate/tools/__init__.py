from .concurrency import serialise_on
from .demo import demo_generated_before
from .coordinates import (
    PL2000_ZONES,
    POLAND_BOUNDS,
    SUPPORTED_EPSG,
    geodesic_distance_m,
    planar_to_wgs84,
    wgs84_to_planar,
)

__all__ = [
    "PL2000_ZONES",
    "POLAND_BOUNDS",
    "SUPPORTED_EPSG",
    "demo_generated_before",
    "geodesic_distance_m",
    "planar_to_wgs84",
    "serialise_on",
    "wgs84_to_planar",
]
