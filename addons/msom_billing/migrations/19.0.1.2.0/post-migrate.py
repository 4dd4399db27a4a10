# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.2.0: statement files are imported by OCA's wizard, which books,
matches and reconciles in bulk on the journals of residents' payments; the
bank journals that billing's own CSV wizard imported into become such
journals."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            """
            UPDATE account_journal AS journal
               SET msom_resident_payments = true
             WHERE journal.type = 'bank'
               AND EXISTS (SELECT 1 FROM account_bank_statement_line AS line
                            WHERE line.journal_id = journal.id
                              AND line.msom_match_state IS NOT NULL)
            """
        )
    )
