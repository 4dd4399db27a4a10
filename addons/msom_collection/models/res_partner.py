# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_public_medical_entity = fields.Boolean(
        string="Public Medical Entity",
        help="A business debtor that is a public entity and a podmiot leczniczy: "
        "late payments carry the NBP reference rate + 8 pp instead of + 10 pp "
        "(art. 4 pkt 3 lit. a of the act of 8 March 2013).",
    )
