# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    def _msom_portal_payment_qr(self, account, amount):
        """ZBP payment QR text for a transfer to ``account`` for this unit.

        With nothing due the amount is left for the payer to type.
        """
        self.ensure_one()
        company = self.company_id or self.env.company
        if not account:
            return False
        title = self.env._(
            "Charges unit %(unit)s", unit=self.unit_number or self.name or ""
        )
        return account._payment_qr(amount, title, company.currency_id)
