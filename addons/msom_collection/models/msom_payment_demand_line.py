# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomPaymentDemandLine(models.Model):
    _name = "msom.payment.demand.line"
    _description = "Payment Demand Document"
    _order = "demand_id, due_date, id"

    demand_id = fields.Many2one(
        "msom.payment.demand", required=True, index=True, ondelete="cascade"
    )
    move_id = fields.Many2one("account.move", string="Document")
    document = fields.Char(string="Document Number")
    due_date = fields.Date()
    residual = fields.Float(string="Amount Due", digits=(16, 2))
    days = fields.Integer(string="Days Late")
    interest = fields.Float(string="Interest to Date", digits=(16, 2))
