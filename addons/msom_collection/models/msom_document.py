# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MsomDocument(models.Model):
    _inherit = "msom.document"

    case_id = fields.Many2one(
        "msom.collection.case", string="Debt Collection File", index=True
    )

    def _msom_has_owner(self):
        return super()._msom_has_owner() or bool(self.case_id)

    @api.constrains("unit_id", "partner_id", "case_id")
    def _check_owner(self):
        return super()._check_owner()
