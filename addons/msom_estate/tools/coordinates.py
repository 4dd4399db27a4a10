# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Polish planar coordinate systems (PL-1992, PL-2000) and WGS84.

All planar values are given as (northing, easting), the official axis order
of these systems; pyproj is called with ``always_xy`` so that nothing depends
on the axis order declared by the EPSG database.
"""

from functools import cache

from pyproj import Geod, Transformer

SUPPORTED_EPSG = {
    2180: "PL-1992",
    2176: "PL-2000 strefa 5 (15°E)",
    2177: "PL-2000 strefa 6 (18°E)",
    2178: "PL-2000 strefa 7 (21°E)",
    2179: "PL-2000 strefa 8 (24°E)",
}

# The PL-2000 easting starts with its zone number: 7 500 000 m in zone 7.
PL2000_ZONES = {2176: 5, 2177: 6, 2178: 7, 2179: 8}

# A generous box around Poland (latitude, longitude).
POLAND_BOUNDS = ((48.9, 14.0), (55.0, 24.2))

_GEOD = Geod(ellps="WGS84")


@cache
def _transformer(source, target):
    return Transformer.from_crs(source, target, always_xy=True)


def planar_to_wgs84(epsg, northing, easting):
    """Return (latitude, longitude) of a PL-1992 / PL-2000 point."""
    longitude, latitude = _transformer(f"EPSG:{epsg}", "EPSG:4326").transform(
        easting, northing
    )
    return latitude, longitude


def wgs84_to_planar(epsg, latitude, longitude):
    """Return (northing, easting) of a WGS84 point in a Polish planar system."""
    easting, northing = _transformer("EPSG:4326", f"EPSG:{epsg}").transform(
        longitude, latitude
    )
    return northing, easting


def geodesic_distance_m(lat1, lon1, lat2, lon2):
    """Distance in metres between two WGS84 points on the ellipsoid."""
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2]
