# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class FsmLocation(models.Model):
    """The meters of a unit and what they measured."""

    _inherit = "fsm.location"

    msom_meter_ids = fields.One2many("msom.meter", "unit_id", string="Meters")

    def _msom_consumption(self, meter_type, date_from, date_to):
        """{unit_id: consumption} over every meter of the type, replaced
        meters included (final minus start, plus new minus initial)."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        meters = (
            self.env["msom.meter"]
            .with_context(active_test=False)
            .search([("unit_id", "in", self.ids), ("meter_type", "=", meter_type)])
        )
        result = dict.fromkeys(self.ids, 0.0)
        for meter in meters:
            result[meter.unit_id.id] += meter._consumption(date_from, date_to)
        return {unit: round(value, 3) for unit, value in result.items()}
