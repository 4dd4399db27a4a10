# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.msom_billing.tools.payment_qr import TITLE_LENGTH


class MsomInterestNote(models.Model):
    """A nota odsetkowa: one row per document paid late, posted on the unit."""

    _name = "msom.interest.note"
    _description = "Interest Note"
    _inherit = ["msom.unit.debt.document"]
    _order = "date desc, id desc"

    run_id = fields.Many2one("msom.interest.run", index=True, ondelete="cascade")
    date = fields.Date(string="Note Date", required=True)
    date_due = fields.Date(string="Pay By", required=True)
    date_from = fields.Date(string="Payments From")
    date_to = fields.Date(string="Payments To")
    virtual_account_id = fields.Many2one(
        "msom.virtual.account", string="Individual Account"
    )
    line_ids = fields.One2many("msom.interest.note.line", "note_id", string="Documents")
    interest_line_ids = fields.One2many(
        "msom.interest.note.line",
        "note_id",
        string="Interest Lines",
        domain=[("line_type", "=", "interest")],
    )
    compensation_line_ids = fields.One2many(
        "msom.interest.note.line",
        "note_id",
        string="Compensation Lines",
        domain=[("line_type", "=", "compensation")],
    )
    amount_interest = fields.Float(
        string="Total Interest", compute="_compute_amount_total", store=True
    )
    amount_compensation = fields.Float(
        string="Compensation for Recovery Costs",
        compute="_compute_amount_total",
        store=True,
    )
    amount_total = fields.Float(
        string="Total to Pay", compute="_compute_amount_total", store=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        index=True,
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", copy=False)

    @api.depends("line_ids.interest", "line_ids.compensation")
    def _compute_amount_total(self):
        for note in self:
            note.amount_interest = round(sum(note.line_ids.mapped("interest")), 2)
            note.amount_compensation = round(
                sum(note.line_ids.mapped("compensation")), 2
            )
            note.amount_total = round(
                note.amount_interest + note.amount_compensation, 2
            )

    def _legal_basis(self):
        """The basis of each regime on the note: art. 481 KC for charges and
        advances, the act of 8 March 2013 for commercial transactions."""
        self.ensure_one()
        bases = []
        if self.line_ids.filtered(lambda line: not line.commercial):
            bases.append(
                self.env._("Art. 481 of the Civil Code (statutory interest for delay)")
            )
        if self.compensation_line_ids:
            bases.append(
                self.env._(
                    "Art. 7, 8 and 10 of the act of 8 March 2013 on counteracting "
                    "excessive delays in commercial transactions"
                )
            )
        elif self.line_ids.filtered("commercial"):
            bases.append(
                self.env._(
                    "Art. 7 and 8 of the act of 8 March 2013 on counteracting "
                    "excessive delays in commercial transactions"
                )
            )
        return "; ".join(bases)

    def _payment_title(self):
        """The transfer title; banks keep 32 characters, so a title that does
        not fit drops the words and keeps the note number and the unit."""
        self.ensure_one()
        values = {"number": self.name, "unit": self.unit_id.unit_number or ""}
        title = self.env._("Interest note %(number)s unit %(unit)s", **values)
        if len(title) > TITLE_LENGTH:
            title = self.env._("%(number)s unit %(unit)s", **values)
        return title

    def _payment_qr_image(self):
        """The ZBP payment QR (base64 PNG) for the note total, or False."""
        self.ensure_one()
        if not self.virtual_account_id or self.amount_total <= 0:
            return False
        return self.virtual_account_id._payment_qr(
            self.amount_total,
            self._payment_title(),
            self.company_id.currency_id,
            image=True,
        )

    def _post(self):
        """Post the notes as journal entries on their units, in one batch."""
        notes = self.filtered(lambda n: n.state == "draft")
        if not notes:
            return
        by_company = {}
        for note in notes:
            by_company.setdefault(note.company_id, self.browse())
            by_company[note.company_id] |= note
        Move = self.env["account.move"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        for company, company_notes in by_company.items():
            journal = company._msom_get_interest_journal()
            income = company._msom_get_interest_account()
            compensation_account = (
                company._msom_get_compensation_account()
                if any(company_notes.mapped("amount_compensation"))
                else None
            )
            vals_list = []
            for note in company_notes:
                vals = Move._msom_unit_entry_vals(
                    journal, note.date, note.partner_id, note.unit_id,
                    note.amount_total, income,
                    (note._payment_title(), note.name),
                    date_maturity=note.date_due,
                    msom_virtual_account_id=note.virtual_account_id.id or None,
                )  # fmt: skip
                vals["ref"] = note.name
                if note.amount_compensation:
                    # the compensation is other income than the interest
                    income_line = vals["line_ids"][1][2]
                    income_line["balance"] = -note.amount_interest
                    vals["line_ids"].append(
                        Command.create(
                            dict(
                                income_line,
                                name=self.env._("Compensation for recovery costs"),
                                account_id=compensation_account.id,
                                balance=-note.amount_compensation,
                            )
                        )
                    )
                vals_list.append(vals)
            moves = self._create_moves(Move, vals_list)
            self.env.cr.execute(
                SQL(
                    """
                UPDATE account_move AS move SET msom_interest_note_id = data.note
                  FROM (SELECT unnest(%(moves)s::int[]) AS id,
                               unnest(%(notes)s::int[]) AS note) AS data
                 WHERE move.id = data.id;
                UPDATE msom_interest_note AS note
                   SET state = 'posted', move_id = data.id
                  FROM (SELECT unnest(%(moves)s::int[]) AS id,
                               unnest(%(notes)s::int[]) AS note) AS data
                 WHERE note.id = data.note
                """,
                    **{"moves": moves.ids, "notes": company_notes.ids},
                ),
            )
            moves.invalidate_recordset(["msom_interest_note_id"])
            company_notes.invalidate_recordset(["state", "move_id"])

    @api.model
    def _create_moves(self, Move, vals_list):
        """Posted entries in bulk (one journal and date per run), through
        the ORM otherwise."""
        if len({vals["date"] for vals in vals_list}) == 1:
            return Move._msom_create_posted_entries(vals_list)
        moves = Move.create(vals_list)
        moves.action_post()
        return moves

    def action_post(self):
        self._post()
        return True

    def action_cancel(self):
        for note in self:
            if note.move_id and note.move_id.state == "posted":
                if note.move_id.line_ids.filtered("reconciled"):
                    raise UserError(
                        self.env._(
                            "The interest note %(number)s is already paid: reverse "
                            "the payment first.",
                            number=note.name,
                        )
                    )
                note.move_id.button_draft()
                note.move_id.button_cancel()
            note.state = "cancel"
        return True

    def action_print(self):
        return self.env.ref(
            "msom_collection.action_report_interest_note"
        ).report_action(self)
