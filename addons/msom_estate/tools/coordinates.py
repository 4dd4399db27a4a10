# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Polish planar coordinate systems (PL-1992, PL-2000) and WGS84.

All planar values are given as (northing, easting), the official axis order
of these systems; pyproj is called with ``always_xy`` so that nothing depends
on the axis order declared by the EPSG database.
"""

import math
from functools import cache

from pyproj import Geod, Transformer

from odoo.fields import Domain

# Metres per degree of latitude (mean); bounding boxes only, never distances.
METRES_PER_DEGREE_LAT = 111_320.0
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


def search_within(
    model,
    domain,
    latitude,
    longitude,
    radius_m,
    *,
    lat_field="latitude",
    lon_field="longitude",
    limit=None,
    order=None,
):
    """[(record, metres)] of ``model`` matching ``domain`` within ``radius_m``
    of a WGS84 point, in the search's ``order``.

    A box around the circle narrows the search to index ranges on the two
    coordinate fields (at most ``limit`` candidates); the geodesic distance
    then keeps the ones inside the circle.
    """
    dlat = radius_m / METRES_PER_DEGREE_LAT
    dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
    box = (
        Domain(lat_field, ">=", latitude - dlat)
        & Domain(lat_field, "<=", latitude + dlat)
        & Domain(lon_field, ">=", longitude - dlon)
        & Domain(lon_field, "<=", longitude + dlon)
    )
    candidates = model.search(Domain(domain) & box, limit=limit, order=order)
    found = []
    for record in candidates:
        distance = geodesic_distance_m(
            latitude, longitude, record[lat_field], record[lon_field]
        )
        if distance <= radius_m:
            found.append((record, distance))
    return found
