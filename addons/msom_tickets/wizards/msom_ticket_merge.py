# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomTicketMerge(models.TransientModel):
    _name = "msom.ticket.merge"
    _description = "Merge a Duplicate Ticket"

    duplicate_id = fields.Many2one("fsm.order", required=True)
    original_id = fields.Many2one(
        "fsm.order",
        string="Merge Into",
        required=True,
        domain="[('id', '!=', duplicate_id), ('merged_into_id', '=', False)]",
    )

    def action_merge(self):
        self.ensure_one()
        self.duplicate_id.action_merge_into(self.original_id)
        return {"type": "ir.actions.act_window_close"}
