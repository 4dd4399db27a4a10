# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .msom_collection_case import COLLECTION_STAGES


class MsomCollectionEvent(models.Model):
    """One step in the history of a debt-collection file."""

    _name = "msom.collection.event"
    _description = "Debt Collection Event"
    _order = "date desc, id desc"

    case_id = fields.Many2one(
        "msom.collection.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    stage = fields.Selection(COLLECTION_STAGES, required=True)
    description = fields.Char()
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )
