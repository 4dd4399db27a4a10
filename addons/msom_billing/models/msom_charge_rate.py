# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

UNIT_TYPES = [
    ("residential", "Residential"),
    ("commercial", "Commercial"),
    ("garage", "Garage"),
    ("storage", "Storage"),
]


class MsomChargeRate(models.Model):
    """The rate of a component for a scope, valid from a date.

    The most specific rate valid on the first day of the month applies: a
    unit's own rate before its building's, the building's before the
    estate's, the estate's before the company-wide one; a rate for the unit
    type before one for any type.
    """

    _name = "msom.charge.rate"
    _description = "Charge Rate"
    _order = "component_id, date_from desc, id desc"

    component_id = fields.Many2one(
        "msom.charge.component", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="component_id.company_id", store=True, index=True
    )
    calculation_key = fields.Selection(related="component_id.calculation_key")
    estate_id = fields.Many2one(
        "fsm.location", domain=[("location_level", "=", "estate")]
    )
    building_id = fields.Many2one(
        "fsm.location", domain=[("location_level", "=", "building")]
    )
    unit_id = fields.Many2one("fsm.location", domain=[("location_level", "=", "unit")])
    unit_type = fields.Selection(UNIT_TYPES, help="Empty: every unit type.")
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid To")
    amount = fields.Float(string="Rate", required=True, digits=(12, 4))

    _non_negative = models.Constraint(
        "CHECK(amount >= 0)",
        lambda env, diag: env._("A charge rate cannot be negative."),
    )

    @api.constrains("date_from", "date_to", "estate_id", "building_id", "unit_id")
    def _check_rate(self):
        for rate in self:
            if rate.date_to and rate.date_to < rate.date_from:
                raise ValidationError(self.env._("A rate cannot end before it starts."))
            levels = (
                (rate.estate_id, "estate"),
                (rate.building_id, "building"),
                (rate.unit_id, "unit"),
            )
            for location, level in levels:
                if location and location.location_level != level:
                    raise ValidationError(
                        self.env._(
                            "%(name)s is not of the expected registry level.",
                            name=location.display_name,
                        )
                    )

    def _specificity(self):
        return (
            (8 if self.unit_id else 0)
            + (4 if self.building_id else 0)
            + (2 if self.estate_id else 0)
            + (1 if self.unit_type else 0)
        )

    def _matches(self, unit):
        return (
            (not self.unit_id or self.unit_id == unit)
            and (not self.building_id or self.building_id == unit.building_id)
            and (not self.estate_id or self.estate_id == unit.estate_id)
            and (not self.unit_type or self.unit_type == unit.unit_type)
        )
