# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# fsm.order priorities: 0 Normal, 1 Low, 2 High, 3 Urgent.
SLA_FIELD_BY_PRIORITY = {
    "0": "sla_hours_normal",
    "1": "sla_hours_low",
    "2": "sla_hours_high",
    "3": "sla_hours_urgent",
}


class FsmCategory(models.Model):
    """A Field Service category doubles as a case group (grupa spraw)."""

    _inherit = "fsm.category"

    code = fields.Char(
        help="Short code of the case group, used as the Open311 service code.",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Default Contractor",
        domain=[("is_contractor", "=", True)],
        help="Contractor company proposed for new tickets of this group.",
    )
    sla_hours_low = fields.Integer(string="SLA Low (h)", default=168)
    sla_hours_normal = fields.Integer(string="SLA Normal (h)", default=72)
    sla_hours_high = fields.Integer(string="SLA High (h)", default=24)
    sla_hours_urgent = fields.Integer(string="SLA Urgent (h)", default=4)
    portal_visible = fields.Boolean(
        string="Visible in Portal",
        default=True,
        help="Residents and the public (Open311) may report in this group.",
    )
    protocol_required = fields.Boolean(
        help="Closing a ticket of this group requires a completion protocol.",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count", string="Tickets")

    _code_uniq = models.Constraint(
        "UNIQUE(code)",
        lambda env, diag: env._("The code of a case group must be unique."),
    )
    _sla_positive = models.Constraint(
        "CHECK(sla_hours_low >= 0 AND sla_hours_normal >= 0 "
        "AND sla_hours_high >= 0 AND sla_hours_urgent >= 0)",
        lambda env, diag: env._("SLA hours cannot be negative."),
    )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["fsm.order"]._read_group(
                [("is_ticket", "=", True), ("category_id", "in", self.ids)],
                ["category_id"],
                ["__count"],
            )
        )
        for category in self:
            category.ticket_count = counts.get(category, 0)

    @api.constrains("contractor_id")
    def _check_contractor(self):
        for category in self:
            if category.contractor_id and not category.contractor_id.is_contractor:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not marked as a contractor company.",
                        partner=category.contractor_id.display_name,
                    )
                )

    def _get_sla_hours(self, priority):
        self.ensure_one()
        return self[SLA_FIELD_BY_PRIORITY.get(priority or "0", "sla_hours_normal")]
