# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestBillingPolish(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.env["ir.module.module"]._load_module_terms(["msom_billing"], ["pl_PL"])
        cls.polish = cls.env(context=dict(cls.env.context, lang="pl_PL"))

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
