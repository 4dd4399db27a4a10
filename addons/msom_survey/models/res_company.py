# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Defined in msom_estate; only the voting rules are added here.
    msom_legal_form = fields.Selection(
        help="Sets the default voting rules: a housing cooperative votes one "
        "member, one vote; a housing community votes by shares in the common "
        "property (art. 23 of the act on the ownership of units).",
    )
