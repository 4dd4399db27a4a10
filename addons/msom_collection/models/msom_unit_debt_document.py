# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from odoo.addons.msom_billing.tools import amount_to_words_pl


class MsomUnitDebtDocument(models.AbstractModel):
    """What interest notes, payment demands and debt-collection files share:
    a numbered document of one company about the debt of one debtor on one
    unit."""

    _name = "msom.unit.debt.document"
    _description = "Unit Debt Document"
    # the field of the amount the printed document asks for, in words too
    _amount_in_words_field = "amount_total"

    name = fields.Char(string="Number", required=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        required=True,
        index=True,
        domain=[("location_level", "=", "unit")],
    )
    partner_id = fields.Many2one(
        "res.partner", string="Debtor", required=True, index=True
    )

    def _amount_in_words(self):
        """The amount asked for in Polish words (słownie), as printed."""
        self.ensure_one()
        return amount_to_words_pl("%.2f" % self[self._amount_in_words_field])
