# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomZsiImportError(models.TransientModel):
    _name = "msom.zsi.import.error"
    _description = "ZSI Import Error"
    _order = "row, id"

    wizard_id = fields.Many2one("msom.zsi.import", required=True, ondelete="cascade")
    row = fields.Integer()
    message = fields.Char()
