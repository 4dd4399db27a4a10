# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    msom_bank_sort_code = fields.Char(
        related="company_id.msom_bank_sort_code", readonly=False
    )
    msom_bank_client_code = fields.Char(
        related="company_id.msom_bank_client_code", readonly=False
    )
    msom_charge_due_day = fields.Integer(
        related="company_id.msom_charge_due_day", readonly=False
    )
    msom_charge_journal_id = fields.Many2one(
        related="company_id.msom_charge_journal_id", readonly=False
    )
    msom_invoice_journal_id = fields.Many2one(
        related="company_id.msom_invoice_journal_id", readonly=False
    )
