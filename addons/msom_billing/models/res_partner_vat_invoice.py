# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_wants_invoice = fields.Boolean(
        string="Wants VAT Invoices",
        help="The payer asked for VAT invoices of the charges (art. 106b ust. 3 "
        "of the VAT act): the charge run issues invoices instead of notices.",
    )
