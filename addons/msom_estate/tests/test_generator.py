# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRegistryGenerator(TransactionCase):
    def test_generates_a_consistent_cooperative(self):
        spec = [
            {
                "name": "Os. Wygenerowane",
                "city": "Poznań",
                "zip": "61-001",
                "buildings": [
                    {"street": "ul. Święty Marcin 10", "latitude": 52.4064,
                     "longitude": 16.9252, "floors": 3, "staircases": 2,
                     "units_per_floor": 2, "commercial": 1, "garages": 2},
                ],
            }
        ]  # fmt: skip
        units = self.env["msom.registry.generator"].generate(spec, seed=7)
        self.assertEqual(len(units), 3 * 2 * 2 + 1 + 2)
        self.assertEqual(set(units.mapped("location_level")), {"unit"})
        self.assertEqual(len(units.staircase_id), 2)
        estate = units.estate_id
        self.assertEqual(len(estate), 1)
        self.assertEqual(estate._get_total_common_share(), Fraction(1))
        # Every unit has somebody holding it, and no location is duplicated
        # by Field Service's own partner hook.
        self.assertTrue(all(unit.current_occupancy_ids for unit in units))
        self.assertEqual(
            self.env["fsm.location"].search_count(
                [("partner_id", "in", units.partner_id.ids)]
            ),
            len(units),
        )
        building = units.building_id
        self.assertAlmostEqual(building.partner_latitude, 52.4064)
        # People are created in bulk: their defaults and computed fields are
        # the ones a normal creation gives.
        people = units.occupancy_ids.partner_id
        self.env.invalidate_all()
        for person in people:
            self.assertTrue(person.active)
            self.assertEqual(person.type, "contact")
            self.assertEqual(person.commercial_partner_id, person)
            self.assertEqual(person.complete_name, person.name)
            self.assertEqual(person.street, person.occupancy_ids.unit_id.street)
        occupancy = units.occupancy_ids[:1]
        self.assertEqual(occupancy.building_id, building)
        self.assertEqual(occupancy.estate_id, estate)
        self.assertEqual(occupancy.company_id, self.env.company)
        self.assertEqual(
            self.env["res.partner"]
            .search([("id", "in", people.ids), ("name", "=", people[0].name)])[:1]
            .name,
            people[0].name,
        )

    def test_same_seed_same_cooperative(self):
        spec = [
            {"name": "Os. A", "city": "Warszawa", "zip": "00-001",
             "buildings": [{"street": "ul. A 1", "latitude": 52.2, "longitude": 21.0,
                            "floors": 2, "units_per_floor": 2}]},
        ]  # fmt: skip
        generator = self.env["msom.registry.generator"]
        first = generator.generate(spec, seed=3)
        spec[0]["name"] = "Os. B"
        second = generator.generate(spec, seed=3)
        self.assertEqual(first.mapped("usable_area"), second.mapped("usable_area"))
        self.assertEqual(
            first.occupancy_ids.mapped("partner_id.name"),
            second.occupancy_ids.mapped("partner_id.name"),
        )
