# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomUnitTurnoverComponent(models.TransientModel):
    """What a unit was charged and paid for one component in the period."""

    _name = "msom.unit.turnover.component"
    _description = "Unit Turnover per Component"
    _order = "id"

    report_id = fields.Many2one("msom.unit.turnover", required=True, ondelete="cascade")
    line_id = fields.Many2one(
        "msom.unit.turnover.line", string="Unit Line", required=True, ondelete="cascade"
    )
    unit_id = fields.Many2one("fsm.location", readonly=True)
    estate_id = fields.Many2one("fsm.location", readonly=True)
    building_id = fields.Many2one("fsm.location", readonly=True)
    component_id = fields.Many2one("msom.charge.component", readonly=True)
    charges = fields.Float(readonly=True)
    payments = fields.Float(readonly=True)
