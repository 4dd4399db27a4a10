# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Offer ``today`` to record rules: occupancy is current by date."""
        context = super()._eval_context()
        context["today"] = fields.Date.today()
        return context

    def _compute_domain_context_values(self):
        # Rules using ``today`` must not be served from yesterday's cache.
        return (*super()._compute_domain_context_values(), fields.Date.today())
