# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomCompletionProtocolMaterial(models.Model):
    _name = "msom.completion.protocol.material"
    _description = "Material Used (Completion Protocol)"
    _order = "protocol_id, sequence, id"

    protocol_id = fields.Many2one(
        "msom.completion.protocol", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Material", required=True)
    quantity = fields.Float(default=1.0, digits=(12, 3))
    uom = fields.Char(string="Unit", help="e.g. szt., m, kg")

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)",
        lambda env, diag: env._("The quantity of a material must be positive."),
    )
