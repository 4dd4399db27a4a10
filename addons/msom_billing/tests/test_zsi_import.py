# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sample files are produced here: .xlsx with openpyxl, .xls with xlwt
(a test-only dependency, requirements-dev.txt)."""

import base64
import io
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsomBillingCase


def make_xlsx(rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def make_xls(rows):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Odczyty")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


class MsomZsiImportCase(MsomBillingCase):
    """Helpers of the ZSI import tests; the sample files are made here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)

    def _assert_progress_done(self, wizard):
        self.assertEqual(wizard.progress, 100.0)
        progress = self.env["msom.zsi.import.progress"].search(
            [("wizard_id", "=", wizard.id)]
        )
        self.assertEqual(progress.percent, 100.0)

    def _wizard(self, kind, content, filename):
        return self.env["msom.zsi.import"].create(
            {"kind": kind, "file": base64.b64encode(content), "filename": filename}
        )


@tagged("post_install", "-at_install")
class TestZsiImport(MsomZsiImportCase):
    def test_units_occupants_balances(self):
        units = [
            ["Budynek", "Nr lokalu", "Powierzchnia", "Rodzaj lokalu", "Pokoje"],
            ["ul. Lipowa 5", "30", "52,4", "M", 3],
            ["ul. Lipowa 5", "U1", 120, "U", 2],
        ]
        wizard = self._wizard("units", make_xlsx(units), "lokale.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2)
        self._assert_progress_done(wizard)
        unit_30 = self.env["fsm.location"].search([("unit_number", "=", "30")])
        self.assertEqual(unit_30.building_id, self.building)
        self.assertAlmostEqual(unit_30.usable_area, 52.4)
        shop = self.env["fsm.location"].search([("unit_number", "=", "U1")])
        self.assertEqual(shop.unit_type, "commercial")
        # importing the same units again is refused as a whole
        wizard = self._wizard("units", make_xlsx(units), "lokale.xlsx")
        with self.assertRefused(UserError, "Nothing was imported"):
            wizard.action_import()
        occupants = [
            ["Budynek", "Nr lokalu", "Nazwisko i imię", "Tytuł prawny", "E-mail"],
            ["ul. Lipowa 5", "30", "Kowalska Anna", "Właściciel", "anna@example.com"],
            ["ul. Lipowa 5", "U1", "Sklep Bartek sp. z o.o.", "Najemca", ""],
        ]
        wizard = self._wizard("occupants", make_xlsx(occupants), "osoby.xlsx")
        wizard.action_import()
        self.assertEqual(unit_30.current_occupancy_ids.partner_id.name, "Kowalska Anna")
        balances = [
            ["Budynek", "Nr lokalu", "Nazwisko i imię", "Saldo", "Na dzień"],
            ["ul. Lipowa 5", "30", "Kowalska Anna", "150,20", "31.12.2024"],
            ["ul. Lipowa 5", "U1", "Ktoś Inny", "10", "31.12.2024"],
        ]
        wizard = self._wizard("balances", make_xlsx(balances), "salda.xlsx")
        wizard.action_dry_run()
        self.assertEqual(wizard.error_ids.row, 3)
        self.assertIn("is not an occupant", wizard.error_ids.message)
        balances.pop()
        wizard = self._wizard("balances", make_xlsx(balances), "salda.xlsx")
        wizard.action_import()
        line = self.env["account.move.line"].search(
            [("unit_id", "=", unit_30.id),
             ("account_id.account_type", "=", "asset_receivable")]
        )  # fmt: skip
        self.assertAlmostEqual(line.balance, 150.2)
        self.assertEqual(line.partner_id.name, "Kowalska Anna")
