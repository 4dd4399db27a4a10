# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    occupancy_ids = fields.One2many(
        "msom.occupancy", "partner_id", string="Units Held or Used"
    )
    occupancy_count = fields.Integer(compute="_compute_occupancy_count")

    def _compute_occupancy_count(self):
        counts = dict(
            self.env["msom.occupancy"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.occupancy_count = counts.get(partner, 0)

    def _get_current_units(self):
        """Units with an occupancy of this partner that is current today."""
        occupancies = self.env["msom.occupancy"].search(
            self.env["msom.occupancy"]._current_domain()
            & fields.Domain("partner_id", "in", self.ids)
        )
        return occupancies.unit_id

    def action_view_occupancy(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_estate.action_msom_occupancy"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
