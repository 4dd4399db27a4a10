# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model
    def _msom_units_settled(self, units):
        # payments may settle the instalments of an agreement on these units
        result = super()._msom_units_settled(units)
        self.env["msom.installment.agreement"]._msom_check_units(units)
        return result

    def _msom_document_numbers(self):
        # a title may name an interest note by the note's own number
        return super()._msom_document_numbers() | {
            self.move_id.msom_interest_note_id.name
        }
