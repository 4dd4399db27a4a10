# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sample files are produced here: .xlsx with openpyxl, .xls with xlwt
(a test-only dependency, requirements-dev.txt)."""

import base64
import io
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_collection import MsomCollectionCase


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


@tagged("post_install", "-at_install")
class TestZsiImport(MsomCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        Meter = cls.env["msom.meter"]
        cls.meter_1 = Meter.create(
            {"serial_number": "ZW-100", "meter_type": "cold_water",
             "unit_id": cls.unit_1.id, "install_date": "2025-01-01",
             "initial_reading": 10.0}
        )  # fmt: skip
        cls.meter_2 = Meter.create(
            {"serial_number": "ZW-200", "meter_type": "cold_water",
             "unit_id": cls.unit_2.id, "install_date": "2025-01-01"}
        )  # fmt: skip

    def _assert_progress_done(self, wizard):
        self.assertEqual(wizard.progress, 100.0)
        self.env.cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s",
            [wizard._progress_key()],
        )
        self.assertEqual(self.env.cr.fetchone(), ("100.0",))

    def _wizard(self, kind, content, filename):
        return self.env["msom.zsi.import"].create(
            {"kind": kind, "file": base64.b64encode(content), "filename": filename}
        )

    def test_readings_xlsx_and_xls(self):
        header = ["Nr licznika", "Data odczytu", "Odczyt", "Budynek", "Nr lokalu"]
        rows = [
            header,
            ["ZW-100", date(2025, 3, 31), 14.5, "ul. Lipowa 5", "1"],
            ["ZW-200", "30.04.2025", "3,25", "ul. Lipowa 5", "2"],
        ]
        wizard = self._wizard("readings", make_xlsx(rows), "odczyty.xlsx")
        wizard.action_dry_run()
        self.assertEqual((wizard.row_count, wizard.error_count), (2, 0))
        imported = self.meter_1.reading_ids.filtered(lambda r: r.source == "import")
        self.assertFalse(imported)
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2)
        self._assert_progress_done(wizard)
        imported = self.env["msom.meter.reading"].search([("source", "=", "import")])
        self.assertEqual(len(imported), 2)
        self.assertAlmostEqual(
            imported.filtered(lambda r: r.meter_id == self.meter_1).consumption, 4.5
        )
        xls_rows = [header, ["ZW-100", date(2025, 6, 30), 20.0, "ul. Lipowa 5", 1]]
        wizard = self._wizard("readings", make_xls(xls_rows), "odczyty.xls")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)
        self.assertAlmostEqual(self.meter_1.last_reading_value, 20.0)

    def test_errors_per_row_nothing_imported(self):
        rows = [
            ["Nr licznika", "Data odczytu", "Odczyt", "Budynek", "Nr lokalu"],
            ["ZW-100", date(2025, 3, 31), 14.5, "ul. Lipowa 5", "1"],
            ["ZW-100", date(2025, 4, 30), 12.0, "ul. Lipowa 5", "1"],  # lower
            ["ZW-999", date(2025, 4, 30), 1.0, "", ""],  # unknown meter
            ["ZW-200", date(2099, 1, 1), 5.0, "", ""],  # future
            ["ZW-200", date(2025, 4, 30), 5.0, "ul. Lipowa 5", "1"],  # other unit
            ["ZW-200", "wczoraj", 5.0, "", ""],  # not a date
            ["ZW-200", date(2025, 5, 30), "dużo", "", ""],  # not a number
        ]
        wizard = self._wizard("readings", make_xlsx(rows), "odczyty.xlsx")
        wizard.action_dry_run()
        errors = {e.row: e.message for e in wizard.error_ids}
        self.assertEqual(sorted(errors), [3, 4, 5, 6, 7, 8])
        self.assertIn("lower than the previous", errors[3])
        self.assertIn("ZW-999 does not exist", errors[4])
        self.assertIn("in the future", errors[5])
        self.assertIn("belongs to another unit", errors[6])
        self.assertIn("is not a date", errors[7])
        self.assertIn("is not a number", errors[8])
        with self.assertRefused(UserError, "Nothing was imported: 6 rows have errors"):
            wizard.action_import()
        self.assertFalse(
            self.env["msom.meter.reading"].search([("source", "=", "import")])
        )

    def test_wrong_columns_and_bad_files(self):
        rows = [["Licznik", "Data odczytu", "Odczyt"], ["ZW-100", date(2025, 3, 1), 11]]
        wizard = self._wizard("readings", make_xlsx(rows), "odczyty.xlsx")
        with self.assertRefused(
            UserError, "Wrong columns: no column is mapped to serial_number"
        ):
            wizard.action_dry_run()
        # an explicit mapping fixes it; a mapping to a missing column is refused
        wizard.action_detect_columns()
        mapping = wizard.mapping_ids.filtered(lambda m: m.target == "serial_number")
        mapping.column = "Licznik"
        wizard.action_dry_run()
        self.assertEqual(wizard.error_count, 0)
        mapping.column = "Numer"
        with self.assertRefused(UserError, "column Numer .* is not in the file"):
            wizard.action_dry_run()
        bad = self._wizard("readings", b"to nie jest arkusz", "odczyty.xlsx")
        with self.assertRefused(UserError, "not a readable .xls or .xlsx"):
            bad.action_dry_run()
        bad = self._wizard("readings", b"to nie jest arkusz", "odczyty.xls")
        with self.assertRefused(UserError, "not a readable .xls or .xlsx"):
            bad.action_dry_run()

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
        line = self._receivable_lines(unit_30)
        self.assertAlmostEqual(line.balance, 150.2)
        self.assertEqual(line.partner_id.name, "Kowalska Anna")
