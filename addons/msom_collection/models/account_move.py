# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    msom_interest_note_id = fields.Many2one(
        "msom.interest.note",
        string="Interest Note",
        copy=False,
        index="btree_not_null",
        help="The interest note this entry posts; no interest is charged on it.",
    )
