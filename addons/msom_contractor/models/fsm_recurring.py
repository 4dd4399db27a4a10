# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup, escape

from odoo import models


class FsmRecurring(models.Model):
    """Recurring work orders of the own crews (OCA fieldservice_recurring)
    on the housing registry land directly on the crew's job list, forwarded
    to its company; those elsewhere stay plain Field Service orders."""

    _inherit = "fsm.recurring"

    def _prepare_order_values(self, date=None):
        vals = super()._prepare_order_values(date)
        if not self.location_id.location_level:
            return vals
        template = self.fsm_order_template_id
        vals["work_kind"] = template.work_kind or "maintenance"
        vals["channel"] = "operator"
        vals["company_id"] = (
            self.company_id.id or self.location_id.company_id.id or self.env.company.id
        )
        if self.description:
            vals["description"] = Markup("<p>%s</p>") % escape(self.description)
        company = self.person_id.commercial_partner_id
        if company.is_contractor:
            vals["contractor_id"] = company.id
            stage = self.env["fsm.order"]._stage_for_state("forwarded")
            if stage:
                vals["stage_id"] = stage.id
        return vals
