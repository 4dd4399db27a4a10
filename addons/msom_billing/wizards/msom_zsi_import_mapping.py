# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomZsiImportMapping(models.TransientModel):
    _name = "msom.zsi.import.mapping"
    _description = "ZSI Import Column Mapping"

    wizard_id = fields.Many2one("msom.zsi.import", required=True, ondelete="cascade")
    target = fields.Char(string="Field", required=True)
    column = fields.Char(string="Column in the File")
