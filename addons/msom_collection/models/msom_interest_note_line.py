# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomInterestNoteLine(models.Model):
    """One document paid late: amount, due and payment dates, days, interest;
    or the compensation for recovery costs of a document (art. 10)."""

    _name = "msom.interest.note.line"
    _description = "Interest Note Line"
    _order = "note_id, due_date, id"

    note_id = fields.Many2one(
        "msom.interest.note", required=True, index=True, ondelete="cascade"
    )
    line_type = fields.Selection(
        [
            ("interest", "Interest"),
            ("compensation", "Compensation for recovery costs"),
        ],
        string="Type",
        required=True,
        default="interest",
    )
    commercial = fields.Boolean(
        string="Commercial Transaction",
        help="A debt under a commercial lease: commercial interest and the "
        "compensation for recovery costs (act of 8 March 2013) instead of "
        "art. 481 KC interest.",
    )
    partial_id = fields.Many2one(
        "account.partial.reconcile", string="Payment Part", index=True
    )
    move_line_id = fields.Many2one("account.move.line", string="Charge Item")
    source_move_id = fields.Many2one("account.move", string="Document")
    document = fields.Char(string="Document Number")
    document_date = fields.Date()
    amount = fields.Float(string="Amount Paid Late", digits=(16, 2))
    due_date = fields.Date()
    effective_due_date = fields.Date(
        help="The due date moved to the next working day (art. 115 KC)."
    )
    payment_date = fields.Date()
    days = fields.Integer(string="Days Late")
    rate_detail = fields.Char(string="Days and Rates")
    interest = fields.Float(digits=(16, 2))
    compensation_eur = fields.Float(string="Compensation (EUR)", digits=(16, 2))
    eur_rate = fields.Float(
        string="EUR Rate", digits=(12, 4), help="NBP average rate, PLN per EUR."
    )
    eur_rate_date = fields.Date(
        string="EUR Rate Of",
        help="The last working day of the month before the month the payment "
        "became due.",
    )
    compensation = fields.Float(string="Compensation (PLN)", digits=(16, 2))
