# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomMeterSettlementLine(models.Model):
    _name = "msom.meter.settlement.line"
    _description = "Settlement of Advances per Unit"
    _order = "settlement_id, unit_id"

    settlement_id = fields.Many2one(
        "msom.meter.settlement", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one("fsm.location", string="Housing Unit", required=True)
    partner_id = fields.Many2one("res.partner", string="Payer", required=True)
    days = fields.Integer(help="Days of the period this payer paid the unit.")
    consumption = fields.Float(
        digits=(16, 3), help="The unit's consumption, by this payer's days."
    )
    cost = fields.Float(string="Settled Cost", digits=(16, 2))
    advances = fields.Float(string="Advances Charged", digits=(16, 2))
    difference = fields.Float(
        digits=(16, 2), help="Positive: to pay (one-off charge); negative: credit."
    )
    move_id = fields.Many2one("account.move", string="Journal Entry")
