# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AccountBankStatement(models.Model):
    _inherit = "account.bank.statement"

    msom_import_hash = fields.Char(
        string="Imported File Fingerprint",
        copy=False,
        readonly=True,
        help="SHA-256 of the imported file: the same file is refused a second time.",
    )

    # two tabs importing the same file at once: the second one fails cleanly
    _msom_import_hash_unique = models.UniqueIndex(
        "(journal_id, msom_import_hash) WHERE msom_import_hash IS NOT NULL",
        lambda env, diag: env._("This file has already been imported."),
    )
