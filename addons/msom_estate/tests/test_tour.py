# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRegistryTour(HttpCase):
    def test_operator_adds_a_unit_and_its_owner(self):
        operator = new_test_user(
            self.env, login="operator_tour", groups="msom_estate.group_msom_operator"
        )
        Location = self.env["fsm.location"]
        estate = Location.create(
            {"name": "Os. Wycieczkowe", "location_level": "estate"}
        )
        building = Location.create(
            {"name": "ul. Wycieczkowa 3", "location_level": "building",
             "parent_id": estate.id}
        )  # fmt: skip
        self.env["res.partner"].create({"name": "Zofia Wycieczkowa"})
        self.start_tour(
            "/odoo/action-msom_estate.action_msom_building",
            "msom_estate_registry_tour",
            login=operator.login,
        )
        unit = Location.search(
            [("building_id", "=", building.id), ("unit_number", "=", "15")]
        )
        self.assertEqual(unit.location_level, "unit")
        self.assertEqual(unit.usable_area, 52.3)
        self.assertEqual(unit.room_count, 3)
        self.assertEqual(
            unit.current_occupancy_ids.partner_id.name, "Zofia Wycieczkowa"
        )
