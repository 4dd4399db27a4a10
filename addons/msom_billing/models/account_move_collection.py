# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


# Kept apart from the billing (1) file of the same model while both are
# reworked in parallel; merge them once both branches are in main.
# pylint: disable=consider-merging-classes-inherited
class AccountMove(models.Model):
    _inherit = "account.move"

    msom_interest_note_id = fields.Many2one(
        "msom.interest.note",
        string="Interest Note",
        copy=False,
        index="btree_not_null",
        help="The interest note this entry posts; no interest is charged on it.",
    )
    msom_settlement_id = fields.Many2one(
        "msom.meter.settlement",
        string="Settlement of Advances",
        copy=False,
        index="btree_not_null",
    )
