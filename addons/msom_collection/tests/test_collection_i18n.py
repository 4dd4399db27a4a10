# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .common import MsomCollectionCase


@tagged("post_install", "-at_install")
class TestCollectionPolish(MsomPolishMixin, MsomCollectionCase):
    polish_modules = ("msom_billing", "msom_collection")

    def test_errors_and_labels_in_polish(self):
        with self.assertRefused(UserError, "Koniec okresu jest przed jego początkiem"):
            self.polish["msom.interest.run"].create(
                {"date_from": "2025-03-01", "date_to": "2025-02-01",
                 "date": "2025-04-01"}
            )  # fmt: skip
        stages = dict(
            self.polish["msom.collection.case"]
            ._fields["stage"]
            ._description_selection(self.polish)
        )
        self.assertEqual(stages["payment_order"], "Nakaz zapłaty")
        self.assertEqual(stages["enforcement"], "Egzekucja komornicza")
        levels = self.polish["msom.dunning.level"].search([]).mapped("name")
        self.assertIn("Ostateczne wezwanie", levels)

    def test_interest_note_payment_title_in_polish(self):
        """The bank keeps 32 characters of a transfer title (ZBP Standard 2D):
        "Nota odsetkowa NO/2026/00001 lokal 1" does not fit, the note number
        and the unit do."""
        self._occupy(self.unit_1, self.owner)
        self._charge(self.unit_1, self.owner, 500.0, "2025-03-10")
        self._pay(self.unit_1, self.owner, 500.0, "2025-12-31")
        run = self.polish["msom.interest.run"].create(
            {"date_from": "2025-12-01", "date_to": "2025-12-31", "date": "2026-01-05"}
        )
        run.action_compute()
        note = run.note_ids
        self.assertEqual(
            note._payment_title(), f"{note.name} lok. {self.unit_1.unit_number}"
        )

    def test_compensation_in_polish(self):
        shop = self._business_debtor(
            "Apteka Centrum Sp. z o.o.", lease_unit=self.unit_1
        )
        self._charge(self.unit_1, shop, 1000.0, "2025-06-10")
        self._pay(self.unit_1, shop, 1000.0, "2025-07-10")
        run = self.polish["msom.interest.run"].create(
            {"date_from": "2025-07-01", "date_to": "2025-07-31", "date": "2025-08-01"}
        )
        with self.assertRefused(
            UserError, "Brak średniego kursu EUR NBP z dnia 30.05.2025"
        ):
            run.action_compute()
        states = dict(
            self.polish["msom.installment.line"]
            ._fields["state"]
            ._description_selection(self.polish)
        )
        self.assertEqual(states["partial"], "Spłacona częściowo")

    def test_instalment_request_errors_are_in_polish(self):
        partner = self.polish["res.partner"].browse(self.owner.id)
        with self.assertRefused(UserError, "Opisz krótko"):
            partner._msom_request_instalments("", 6)
        with self.assertRefused(UserError, "Liczba rat musi wynosić od 2 do 24"):
            partner._msom_request_instalments("Utrata pracy", 40)
