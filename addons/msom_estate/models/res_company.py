# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    msom_legal_form = fields.Selection(
        [
            ("cooperative", "Housing Cooperative"),
            ("community", "Housing Community"),
            ("manager", "Property Manager"),
        ],
        string="Legal Form",
        default="cooperative",
        help="A housing cooperative (act on housing cooperatives) or a housing "
        "community (act on the ownership of units): the law that governs the "
        "company's votes and charges.",
    )
