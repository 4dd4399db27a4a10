# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    msom_settlement_id = fields.Many2one(
        "msom.meter.settlement",
        string="Settlement of Advances",
        copy=False,
        index="btree_not_null",
    )
