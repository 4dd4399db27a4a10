# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools import geodesic_distance_m, planar_to_wgs84, wgs84_to_planar
from .common import MsomEstateCase

# Palace of Culture and Science, DOMAIN_PL.md section 9.
PKIN_WGS84 = (52.231838, 21.005995)
PKIN_PL1992 = (486983.16, 636952.02)
PKIN_PL2000_7 = (5788694.31, 7500409.56)


@tagged("post_install", "-at_install")
class TestCoordinates(MsomEstateCase):
    def test_pl1992_to_wgs84(self):
        latitude, longitude = planar_to_wgs84(2180, *PKIN_PL1992)
        self.assertAlmostEqual(latitude, PKIN_WGS84[0], places=6)
        self.assertAlmostEqual(longitude, PKIN_WGS84[1], places=6)

    def test_wgs84_to_pl2000_zone_7(self):
        northing, easting = wgs84_to_planar(2178, *PKIN_WGS84)
        self.assertAlmostEqual(northing, PKIN_PL2000_7[0], delta=0.01)
        self.assertAlmostEqual(easting, PKIN_PL2000_7[1], delta=0.01)

    def test_building_entered_in_pl2000(self):
        self.building.write(
            {
                "coordinate_epsg": 2178,
                "coordinate_northing": PKIN_PL2000_7[0],
                "coordinate_easting": PKIN_PL2000_7[1],
            }
        )
        self.assertAlmostEqual(self.building.partner_latitude, PKIN_WGS84[0], places=6)
        self.assertAlmostEqual(self.building.partner_longitude, PKIN_WGS84[1], places=6)

    def test_building_created_in_pl1992(self):
        building = self.Location.create(
            {
                "name": "Pałac Kultury i Nauki",
                "location_level": "building",
                "parent_id": self.estate.id,
                "coordinate_epsg": 2180,
                "coordinate_northing": PKIN_PL1992[0],
                "coordinate_easting": PKIN_PL1992[1],
            }
        )
        self.assertAlmostEqual(building.partner_latitude, PKIN_WGS84[0], places=6)

    def test_swapped_pl2000_axes_are_refused(self):
        with self.assertRefused(ValidationError, "starts with 7"):
            self.building.write(
                {
                    "coordinate_epsg": 2178,
                    "coordinate_northing": PKIN_PL2000_7[1],
                    "coordinate_easting": PKIN_PL2000_7[0],
                }
            )
        self.assertFalse(self.building.partner_latitude)

    def test_planar_point_outside_poland(self):
        # A PL-1992 point 300 km south of the Tatras.
        with self.assertRefused(ValidationError, "outside Poland"):
            self.building.write(
                {
                    "coordinate_epsg": 2180,
                    "coordinate_northing": 100000.0,
                    "coordinate_easting": 600000.0,
                }
            )

    def test_point_outside_poland(self):
        with self.assertRefused(ValidationError, "outside Poland"):
            self.building.write(
                {"partner_latitude": 48.8566, "partner_longitude": 2.3522}
            )

    def test_unknown_epsg(self):
        with self.assertRefused(ValidationError, "Unknown coordinate system EPSG:4326"):
            self.building.write(
                {
                    "coordinate_epsg": 4326,
                    "coordinate_northing": 52.2,
                    "coordinate_easting": 21.0,
                }
            )

    def test_both_axes_required(self):
        with self.assertRefused(ValidationError, "both the northing"):
            self.building.write(
                {"coordinate_epsg": 2180, "coordinate_northing": 486983.16}
            )

    def test_geodesic_distance(self):
        # PKiN to the Royal Castle: 1 899 m on the WGS84 ellipsoid.
        distance = geodesic_distance_m(*PKIN_WGS84, 52.24794, 21.01522)
        self.assertAlmostEqual(distance, 1899.3, delta=0.5)
