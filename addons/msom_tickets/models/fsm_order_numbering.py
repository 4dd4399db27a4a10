# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.fields import Domain


class FsmOrder(models.Model):
    """Ticket numbers, drawn for a whole batch of new tickets at once."""

    _inherit = "fsm.order"

    @api.model
    def _next_ticket_names(self, count):
        """Draw `count` ticket numbers with one query instead of one per ticket.

        Residents and the public report too, so the sequence is read as sudo.
        """
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                Domain("code", "=", "fsm.order")
                & Domain("company_id", "in", [self.env.company.id, False]),
                order="company_id",
                limit=1,
            )
        )
        if not count or not sequence:
            return [self.env._("New")] * count
        return sequence._msom_next_batch(count)
