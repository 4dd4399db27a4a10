# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MsomEstateCase


@tagged("post_install", "-at_install")
class TestServiceContact(MsomEstateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Contact = cls.env["msom.service.contact"]
        cls.company_water = Contact.create(
            {"kind": "water", "name": "Pogotowie firmowe", "phone": "+48 22 000 00 01"}
        )
        cls.company_office = Contact.create(
            {"kind": "office", "name": "Biuro", "phone": "+48 22 000 00 02"}
        )
        cls.estate_water = Contact.create(
            {"kind": "water", "name": "Pogotowie osiedla", "phone": "+48 22 000 00 03",
             "location_id": cls.estate.id}
        )  # fmt: skip
        cls.building_lift = Contact.create(
            {"kind": "lift", "name": "Dźwigi budynku", "phone": "+48 22 000 00 04",
             "location_id": cls.building.id}
        )  # fmt: skip

    def test_nearest_definition_wins(self):
        contacts = self.unit_12._get_service_contacts()
        self.assertEqual(
            contacts, self.company_office | self.estate_water | self.building_lift
        )

    def test_building_overrides_estate(self):
        building_water = self.env["msom.service.contact"].create(
            {"kind": "water", "name": "Pogotowie budynku", "phone": "+48 22 000 00 05",
             "location_id": self.building.id}
        )  # fmt: skip
        contacts = self.unit_1._get_service_contacts()
        self.assertIn(building_water, contacts)
        self.assertNotIn(self.estate_water, contacts)

    def test_other_estate_gets_company_contacts(self):
        other = self._create_estate("Os. Inne", self.env.company)
        self.assertEqual(
            other._get_service_contacts(), self.company_water | self.company_office
        )

    def test_contact_needs_a_phone_or_email(self):
        with self.assertRefused(ValidationError, "needs a phone number or an e-mail"):
            self.env["msom.service.contact"].create({"kind": "gas", "name": "Gaz"})

    def test_contact_not_on_a_unit(self):
        with self.assertRefused(ValidationError, "per company, estate or building"):
            self.env["msom.service.contact"].create(
                {
                    "kind": "gas",
                    "name": "Gaz",
                    "phone": "992",
                    "location_id": self.unit_1.id,
                }
            )
