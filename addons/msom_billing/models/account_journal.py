# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError


class AccountJournal(models.Model):
    _inherit = "account.journal"

    msom_resident_payments = fields.Boolean(
        string="Residents' Payments",
        copy=False,
        help="Residents pay to their individual account numbers on this bank "
        "account: the lines of an imported statement are matched to units by "
        "those numbers and reconciled with the charges at once.",
    )

    def _get_bank_statements_available_import_formats(self):
        formats = super()._get_bank_statements_available_import_formats()
        formats.append(self.env._("CSV (Polish banks)"))
        return formats

    def _msom_action_import_statement(self):
        """OCA's statement import wizard on the journal of residents'
        payments of the current company."""
        journal = self.search(
            [
                ("type", "=", "bank"),
                ("msom_resident_payments", "=", True),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "No bank journal receives the residents' payments: tick "
                    "“Residents' Payments” on the bank journal of the account "
                    "they pay to."
                )
            )
        return journal.import_account_statement()
