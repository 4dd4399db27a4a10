# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_contractor = fields.Boolean(
        string="Contractor Company",
        index="btree_not_null",
        help="A firm (or the cooperative's own maintenance team) that carries "
        "out tickets; its workers are Field Service workers.",
    )
