# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from ..tools import demo_env, demo_generated_before


class MsomRegistryGenerator(models.AbstractModel):
    """The demo cooperative, called from ``demo/msom_estate_demo.xml`` once per
    database."""

    _inherit = "msom.registry.generator"

    @api.model
    def _generate_demo(self):
        """The demo cooperative, once per database."""
        if demo_generated_before(self.env, "msom_estate"):
            return self.env["fsm.location"]
        # the cooperative is Polish: its documents, charges and chatter are
        # written in Polish by every module's demo (tools.demo_env)
        if self.env["res.lang"]._lang_get("pl_PL"):
            self.env.company.partner_id.lang = "pl_PL"
        generator = self.with_env(demo_env(self.env, "msom_estate"))
        return generator._generate_demo_cooperative()

    @api.model
    def _generate_demo_cooperative(self):
        """Two Warsaw estates on real streets, their service contacts, and the
        demo resident's flat and garage."""
        units = self.generate(DEMO_ESTATES, seed=19, households=True)
        company = self.env.company
        estates = units.estate_id
        Contact = self.env["msom.service.contact"]
        Contact.create(
            [
                {
                    "kind": "office",
                    "name": "Biuro Zarządu",
                    "phone": "+48 22 640 12 00",
                    "email": "biuro@sm-przyszlosc.example.pl",
                    "address": "ul. Bernardyńska 10, 02-904 Warszawa",
                    "opening_hours": "pon. 10–18, wt.–pt. 8–15",
                },
                {
                    "kind": "water",
                    "name": "Pogotowie wodno-kanalizacyjne",
                    "phone": "+48 22 445 50 50",
                },
                {"kind": "gas", "name": "Pogotowie gazowe", "phone": "992"},
                {"kind": "electric", "name": "Pogotowie energetyczne", "phone": "991"},
                {
                    "kind": "lift",
                    "name": "Pogotowie dźwigowe – Windtech",
                    "phone": "+48 601 200 300",
                },
                {
                    "kind": "heating",
                    "name": "Pogotowie ciepłownicze Veolia",
                    "phone": "993",
                },
            ]
            + [
                {
                    "kind": "administrator",
                    "name": f"Administracja {estate.name}",
                    "phone": phone,
                    "location_id": estate.id,
                    "opening_hours": "pon.–pt. 7–15",
                }
                for estate, phone in zip(
                    estates, ["+48 22 640 12 10", "+48 22 610 33 40"], strict=False
                )
            ]
        )
        resident = self.env.ref("msom_estate.partner_demo_resident")
        first_building = units.building_id.sorted("id")[:1]
        home = units.filtered(
            lambda u: u.building_id == first_building and u.unit_number == "12"
        )
        garage = units.filtered(
            lambda u: u.building_id == first_building and u.unit_number == "G1"
        )
        # Anna owns flat 12 outright and shares a garage with her neighbour.
        home.occupancy_ids.unlink()
        garage.occupancy_ids.filtered(lambda o: o.role != "co_owner").unlink()
        garage.occupancy_ids[1:].unlink()
        self.env["msom.occupancy"].create(
            [
                {
                    "unit_id": home.id,
                    "partner_id": resident.id,
                    "role": "owner",
                    "date_from": "2016-05-01",
                },
                {
                    "unit_id": garage.id,
                    "partner_id": resident.id,
                    "role": "co_owner",
                    "share_numerator": 1,
                    "share_denominator": 2,
                    "date_from": "2018-03-01",
                },
            ]
        )
        garage.occupancy_ids.filtered(lambda o: o.partner_id != resident).write(
            {
                "role": "co_owner",
                "share_numerator": 1,
                "share_denominator": 2,
                "is_voting_proxy": True,
            }
        )
        company.partner_id.write({"country_id": self.env.ref("base.pl").id})
        return units


DEMO_ESTATES = [
    {
        "name": "Os. Stegny",
        "city": "Warszawa",
        "zip": "02-904",
        "buildings": [
            {"street": "ul. Bernardyńska 12", "latitude": 52.18843,
             "longitude": 21.05286, "floors": 5, "staircases": 2,
             "units_per_floor": 4, "year": 1977, "commercial": 2, "garages": 6},
            {"street": "ul. Bernardyńska 16", "latitude": 52.18762,
             "longitude": 21.05478, "floors": 5, "staircases": 2,
             "units_per_floor": 4, "year": 1977},
            {"street": "ul. Cypryjska 2", "zip": "02-761", "latitude": 52.18046,
             "longitude": 21.06192, "floors": 11, "staircases": 1,
             "units_per_floor": 6, "year": 1979, "lifts": 2, "commercial": 1},
            {"street": "ul. Cypryjska 6", "zip": "02-761", "latitude": 52.17958,
             "longitude": 21.06384, "floors": 4, "staircases": 3, "units_per_floor": 3,
             "year": 1980},
            {"street": "ul. Jana III Sobieskiego 100", "zip": "02-930",
             "latitude": 52.18271, "longitude": 21.04937, "floors": 4,
             "staircases": 2, "units_per_floor": 3, "year": 1981, "garages": 4},
        ],
    },
    {
        "name": "Os. Przyczółek Grochowski",
        "city": "Warszawa",
        "zip": "04-035",
        "buildings": [
            {"street": "ul. Kinowa 19", "latitude": 52.24587, "longitude": 21.09122,
             "floors": 4, "staircases": 2, "units_per_floor": 3, "year": 1974},
            {"street": "ul. Kinowa 21", "latitude": 52.24529, "longitude": 21.09268,
             "floors": 4, "staircases": 2, "units_per_floor": 3, "year": 1974},
            {"street": "ul. Garwolińska 10", "zip": "04-348", "latitude": 52.24153,
             "longitude": 21.10402, "floors": 10, "staircases": 1,
             "units_per_floor": 5, "year": 1976, "lifts": 2, "commercial": 2},
            {"street": "ul. Kobielska 6", "zip": "04-359", "latitude": 52.23972,
             "longitude": 21.09884, "floors": 4, "staircases": 2, "units_per_floor": 3,
             "year": 1972},
            {"street": "ul. Grochowska 259", "zip": "03-844", "latitude": 52.24797,
             "longitude": 21.07648, "floors": 6, "staircases": 1, "units_per_floor": 4,
             "year": 1969, "lifts": 1, "commercial": 3, "garages": 3},
        ],
    },
]  # fmt: skip
