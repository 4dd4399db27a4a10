# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomTicketReopen(models.TransientModel):
    _name = "msom.ticket.reopen"
    _description = "Reopen a Ticket"

    order_id = fields.Many2one("fsm.order", string="Ticket", required=True)
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.order_id.action_msom_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
