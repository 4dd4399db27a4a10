# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestBillingPolish(MsomPolishMixin, MsomBillingCase):
    polish_modules = ("msom_billing",)

    def test_errors_and_labels_are_in_polish(self):
        self.company.fiscalyear_lock_date = "2025-02-28"
        run = self.polish["msom.charge.run"].create({"period": "2025-02-01"})
        with self.assertRefused(UserError, "jest już zamknięty w księgach"):
            run.action_preview()
        labels = dict(
            self.polish["msom.charge.component"]
            ._fields["calculation_key"]
            ._description_selection(self.polish)
        )
        self.assertEqual(labels["area"], "Od m² powierzchni użytkowej")

    def test_turnover_report_per_component_in_polish(self):
        self._occupy(self.unit_1, self.owner)
        self._run("2025-01-01").action_post()
        report = self.polish["msom.unit.turnover"].create(
            {"date_from": "2025-01-01", "date_to": "2025-01-31",
             "estate_ids": [(6, 0, self.estate.ids)]}
        )  # fmt: skip
        book = self._print_turnover_xlsx(report)
        self.assertEqual(book.sheetnames, ["Obroty"])
        rows = list(book.active.iter_rows(values_only=True))
        self.assertIn("Eksploatacja: naliczenia", rows[0])
        self.assertIn("Domofon: wpłaty", rows[0])
        self.assertEqual(rows[-1][0], "Razem")
        html = self._print_turnover_html(report)
        self.assertIn("Naliczenia i wpłaty według składników", html)
        self.assertIn("Saldo początkowe", html)
        # amounts in the Polish format with the currency (not "%.2f")
        self.assertRegex(html, r"364,18(</span>)?(\s|&nbsp;|\xa0)*zł")
