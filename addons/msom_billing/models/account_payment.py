# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.fields import Domain


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _msom_settle_unit(self, unit, documents=None):
        """Put this posted customer payment on the unit's account and settle.

        Art. 451 § 1 KC: the debtor chooses the debt. The open charges of
        the documents paid for come first (every open charge of the unit
        when the unit's dues are paid), oldest due first; what is left goes
        to the payer's oldest dues on the unit like a bank payment, and what
        is still left stays the unit's credit.
        """
        self.ensure_one()
        move = self.move_id
        account = self.env["msom.virtual.account"].search(
            [("unit_id", "=", unit.id), ("partner_id", "=", self.partner_id.id)],
            limit=1,
        )
        move.write({"unit_id": unit.id, "msom_virtual_account_id": account.id})
        Line = self.env["account.move.line"]
        credit = move.line_ids.filtered(
            lambda line: line.account_id == self.destination_account_id
        )
        domain = (
            Line._msom_open_receivable_domain(unit)
            & Domain("amount_residual", ">", 0)
            & Domain("account_id", "=", credit.account_id.id)
        )
        if documents:
            domain &= Domain("move_id", "in", documents.ids)
        chosen = Line.search(domain) - credit
        if chosen:
            # one group, as reconcile() makes it, in SQL where that is allowed
            Line._msom_reconcile_groups([credit | chosen])
        Line._msom_reconcile_oldest_first(credit)
        # the SQL path leaves the payment's stored reconciliation flags as
        # they were: have Odoo recompute them
        self.env.add_to_compute(self._fields["is_reconciled"], self)
