from .concurrency import serialise_on
from .demo import demo_env, demo_generated_before
from .upload import check_upload, upload_limit_mb
from .coordinates import (
    PL2000_ZONES,
    POLAND_BOUNDS,
    SUPPORTED_EPSG,
    geodesic_distance_m,
    planar_to_wgs84,
    search_within,
    wgs84_to_planar,
)
from .params import (
    BadParameter,
    param_date,
    param_datetime,
    param_float,
    param_id,
    param_ids,
    param_int,
    param_text,
    param_time,
    param_token,
    param_push_subscription,
)

__all__ = [
    "PL2000_ZONES",
    "POLAND_BOUNDS",
    "SUPPORTED_EPSG",
    "BadParameter",
    "check_upload",
    "demo_env",
    "demo_generated_before",
    "geodesic_distance_m",
    "param_date",
    "param_datetime",
    "param_float",
    "param_id",
    "param_ids",
    "param_int",
    "param_push_subscription",
    "param_text",
    "param_time",
    "param_token",
    "planar_to_wgs84",
    "search_within",
    "serialise_on",
    "upload_limit_mb",
    "wgs84_to_planar",
]
