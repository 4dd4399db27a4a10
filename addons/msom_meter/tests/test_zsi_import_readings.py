# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.msom_billing.tests.test_zsi_import import (
    MsomZsiImportCase,
    make_xls,
    make_xlsx,
)


@tagged("post_install", "-at_install")
class TestZsiImportReadings(MsomZsiImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
