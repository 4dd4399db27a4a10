# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.fields import Command


# Kept apart from the billing (1) file of the same model while both are
# reworked in parallel; merge them once both branches are in main.
# pylint: disable=consider-merging-classes-inherited
class AccountMove(models.Model):
    _inherit = "account.move"

    msom_interest_note_id = fields.Many2one(
        "msom.interest.note",
        string="Interest Note",
        copy=False,
        index="btree_not_null",
        help="The interest note this entry posts; no interest is charged on it.",
    )
    msom_settlement_id = fields.Many2one(
        "msom.meter.settlement",
        string="Settlement of Advances",
        copy=False,
        index="btree_not_null",
    )

    @api.model
    def _msom_unit_entry_vals(
        self, journal, date, partner, unit, amount, income_account, labels, **extra
    ):
        """Vals of a two-line entry on a unit: the payer's receivable (due on
        `extra["date_maturity"]`) against an income account; a negative
        amount gives a credit. `labels` = (receivable label, income label)."""
        company = journal.company_id
        receivable = partner.with_company(company).property_account_receivable_id
        common = {
            "partner_id": partner.id,
            "display_type": "product",
            "analytic_distribution": False,
        }
        # None, not False: the bulk insert path writes these values as they are
        maturity = extra.pop("date_maturity", None)
        component = extra.pop("msom_component_id", None)
        return dict(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "company_id": company.id,
                "date": date,
                "ref": labels[0],
                "partner_id": partner.id,
                "unit_id": unit.id,
                "line_ids": [
                    Command.create(
                        dict(common, name=labels[0], account_id=receivable.id,
                             balance=amount, date_maturity=maturity)
                    ),
                    Command.create(
                        dict(common, name=labels[1], account_id=income_account.id,
                             balance=-amount, msom_component_id=component)
                    ),
                ],
            },
            **extra,
        )  # fmt: skip
