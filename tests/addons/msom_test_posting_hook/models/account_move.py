# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    msom_test_post_count = fields.Integer(
        copy=False, help="How many times this module's _post saw the entry."
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        for move in posted:
            move.msom_test_post_count += 1
        return posted
