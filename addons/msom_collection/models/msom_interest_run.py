# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.msom_billing.tools.sql import execute_values

from ..tools.interest import (
    InterestRateMissing,
    compensation_pln,
    compensation_rate_date,
    compute_interest,
    recovery_compensation_eur,
)

_logger = logging.getLogger(__name__)

SYNC_LIMIT = 300  # notes posted at once; larger batches go to the cron


class MsomInterestRun(models.Model):
    """Interest notes (noty odsetkowe) for the late payments of a period.

    One SQL query reads every part of a charge paid late in the period (the
    partial reconciliations of the units' receivables); interest is computed
    per part and the parts are grouped into one note per unit and payer.
    A part already on a note is never charged again.

    The regime follows the nature of the debt, not the debtor: charges and
    advances are statutory obligations (art. 4 u.s.m., art. 13-15 u.w.l.)
    with art. 481 KC interest, whoever pays them. Only a debt under a
    commercial lease of a commercial unit, in force when it fell due, is a
    commercial transaction (art. 2 and 4 of the act of 8 March 2013) with the
    commercial rate and the compensation of art. 10; never in a housing
    community.
    """

    _name = "msom.interest.run"
    _description = "Interest Note Run"
    _inherit = ["mail.thread", "msom.batch.run.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Payments From", required=True)
    date_to = fields.Date(string="Payments To", required=True)
    date = fields.Date(
        string="Note Date", required=True, default=fields.Date.context_today
    )
    estate_ids = fields.Many2many(
        "fsm.location",
        string="Estates",
        domain=[("location_level", "=", "estate")],
        help="Empty: every estate of the company.",
    )
    min_amount = fields.Float(
        string="Minimum Note",
        default=lambda self: self.env.company.msom_interest_min_amount,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("running", "Posting"),
            ("done", "Posted"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    note_ids = fields.One2many("msom.interest.note", "run_id", string="Notes")
    note_count = fields.Integer(compute="_compute_totals", string="Number of Notes")
    posted_count = fields.Integer(compute="_compute_totals", string="Posted")
    amount_total = fields.Float(compute="_compute_totals", string="Total Interest")
    progress = fields.Float(compute="_compute_totals", string="Progress (%)")

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for run in self:
            if run.date_from and run.date_to:
                run.name = self.env._(
                    "Interest %(start)s–%(end)s",
                    start=run.date_from.strftime("%d.%m.%Y"),
                    end=run.date_to.strftime("%d.%m.%Y"),
                )
            else:
                run.name = self.env._("New interest run")

    @api.depends("note_ids.state", "note_ids.amount_total")
    def _compute_totals(self):
        stats = self._batch_totals("msom.interest.note")
        for run in self:
            data = stats[run.id]
            total = data["draft"][0] + data["posted"][0]
            run.note_count = total
            run.posted_count = data["posted"][0]
            run.amount_total = data["draft"][1] + data["posted"][1]
            run.progress = 100.0 * run.posted_count / total if total else 0.0

    @api.constrains("date_from", "date_to", "date")
    def _check_dates(self):
        for run in self:
            if run.date_to < run.date_from:
                raise UserError(
                    self.env._("The end of the period is before its start.")
                )
            if run.date_to > run.date:
                raise UserError(
                    self.env._(
                        "The notes cannot be dated before the end of the period."
                    )
                )

    # ------------------------------------------------------------ compute

    def _late_parts(self):
        """Rows (partial, amount, paid, debit line, move, unit, partner, due,
        document date, document name, commercial) of charges paid late in the
        period; commercial when a commercial lease of the unit by the payer
        was in force on the due date."""
        self.ensure_one()
        self.env.flush_all()
        units_filter = SQL()
        if self.estate_ids:
            units_filter = SQL(
                "AND d.unit_id IN (SELECT id FROM fsm_location WHERE estate_id = "
                "ANY(%s))",
                self.estate_ids.ids,
            )
        commercial = self.env["msom.occupancy"]._msom_commercial_debt_sql("d", "m")
        return self.env.execute_query(
            SQL(
                """
                SELECT p.id, p.amount, p.max_date, d.id, d.move_id, d.unit_id,
                       COALESCE(d.partner_id, m.partner_id),
                       COALESCE(d.date_maturity, d.date), m.date,
                       COALESCE(NULLIF(m.ref, ''), m.name), %(commercial)s
                  FROM account_partial_reconcile p
                  JOIN account_move_line d ON d.id = p.debit_move_id
                  JOIN account_move m ON m.id = d.move_id
                 WHERE d.company_id = %(company)s
                   AND d.unit_id IS NOT NULL
                   AND d.parent_state = 'posted'
                   AND d.account_id = ANY(%(accounts)s)
                   AND p.max_date BETWEEN %(from)s AND %(to)s
                   AND p.max_date > COALESCE(d.date_maturity, d.date)
                   AND m.msom_interest_note_id IS NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM msom_interest_note_line l
                         JOIN msom_interest_note n ON n.id = l.note_id
                        WHERE l.partial_id = p.id AND n.state != 'cancel')
                   %(units_filter)s
                 ORDER BY d.unit_id, 7, 8, p.id
                """,
                **{
                    "commercial": commercial,
                    "company": self.company_id.id,
                    "from": self.date_from,
                    "to": self.date_to,
                    "accounts": self.env["fsm.location"]._msom_receivable_account_ids(),
                    "units_filter": units_filter,
                },
            )
        )

    def action_compute(self):
        for run in self:
            if run.state not in ("draft", "computed"):
                raise UserError(
                    self.env._("The notes of a posted run cannot be recomputed.")
                )
            run.note_ids.unlink()
            run._compute_notes()
            run.state = "computed"
        return True

    def _compute_notes(self):
        self.ensure_one()
        rows = self._late_parts()
        kinds = self._commercial_rate_types({row[6] for row in rows if row[10]})
        Rate = self.env["msom.interest.rate"]
        tables = {
            kind: Rate._rate_table(kind) for kind in {"statutory", *kinds.values()}
        }
        groups = defaultdict(list)
        for row in rows:
            (partial_id, amount, paid, line_id, move_id, unit_id, partner_id) = row[:7]
            due, doc_date, doc_name, commercial = row[7:]
            rate_type = kinds[partner_id] if commercial else "statutory"
            try:
                interest, effective, segments = compute_interest(
                    "%.2f" % amount, due, paid, tables[rate_type]
                )
            except InterestRateMissing as error:
                raise UserError(
                    self.env._(
                        "No interest rate is set for %(day)s (%(kind)s): add it to "
                        "the interest rate table first.",
                        day=error.day.strftime("%d.%m.%Y"),
                        kind=dict(
                            Rate._fields["rate_type"]._description_selection(self.env)
                        )[rate_type],
                    )
                ) from error
            if not segments:  # paid on the working day the due date moved to
                continue
            groups[(unit_id, partner_id)].append(
                {
                    "line_type": "interest",
                    "commercial": commercial,
                    "partial_id": partial_id,
                    "move_line_id": line_id,
                    "source_move_id": move_id,
                    "document": doc_name,
                    "document_date": doc_date,
                    "amount": amount,
                    "due_date": due,
                    "effective_due_date": effective,
                    "payment_date": paid,
                    "days": sum(segment[2] for segment in segments),
                    "rate_detail": " + ".join(
                        "%d d × %s%%" % (segment[2], segment[3]) for segment in segments
                    ),
                    "interest": float(interest),
                }
            )
        self._add_compensations(groups)
        self._create_notes(groups)

    def _commercial_rate_types(self, partner_ids):
        """{partner id: commercial rate type} of the debtors of commercial
        transactions: ref + 8 pp for a public medical entity, + 10 pp for the
        others (art. 4 pkt 3 of the act of 8 March 2013)."""
        if not partner_ids:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT id, msom_public_medical_entity FROM res_partner"
                " WHERE id = ANY(%s)",
                list(partner_ids),
            ),
        )
        return {
            partner_id: "commercial_medical" if medical else "commercial"
            for partner_id, medical in self.env.cr.fetchall()
        }

    def _add_compensations(self, groups):
        """Add the compensation for recovery costs (art. 10 of the act of
        8 March 2013) for the commercial transactions: once per document paid
        late (TSUE C-585/20), never again on a later note, in EUR by the
        document's amount, converted at the NBP average EUR rate of the last
        working day of the month before the month it became due."""
        documents = {}  # source move: (key, first interest line)
        for key, lines in groups.items():
            for line in lines:
                if line["commercial"]:
                    documents.setdefault(line["source_move_id"], (key, line))
        if not documents:
            return
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            SELECT l.source_move_id FROM msom_interest_note_line l
              JOIN msom_interest_note n ON n.id = l.note_id
             WHERE l.line_type = 'compensation' AND n.state != 'cancel'
               AND l.source_move_id = ANY(%s)
            """,
                list(documents),
            ),
        )
        for (move_id,) in cr.fetchall():
            documents.pop(move_id)
        if not documents:
            return
        cr.execute(
            SQL(
                """
            SELECT move_id, SUM(balance) FROM account_move_line
             WHERE move_id = ANY(%s) AND account_id = ANY(%s) AND balance > 0
             GROUP BY move_id
            """,
                list(documents),
                self.env["fsm.location"]._msom_receivable_account_ids(),
            ),
        )
        debts = dict(cr.fetchall())
        rates = self._eur_rates(
            {
                compensation_rate_date(line["due_date"])
                for _key, line in documents.values()
            }
        )
        for move_id, (key, line) in sorted(documents.items()):
            debt = debts.get(move_id, line["amount"])
            eur = recovery_compensation_eur(debt)
            rate_day = compensation_rate_date(line["due_date"])
            groups[key].append(
                {
                    "line_type": "compensation",
                    "commercial": True,
                    "move_line_id": line["move_line_id"],
                    "source_move_id": move_id,
                    "document": line["document"],
                    "document_date": line["document_date"],
                    "amount": debt,
                    "due_date": line["due_date"],
                    "compensation_eur": eur,
                    "eur_rate": rates[rate_day],
                    "eur_rate_date": rate_day,
                    "compensation": float(compensation_pln(eur, rates[rate_day])),
                }
            )

    def _eur_rates(self, days):
        """{day: PLN per EUR} from the company's EUR rates (the NBP average
        rates the office enters); a Polish error names the first day missing."""
        eur = self.env.ref("base.EUR")
        rates = (
            self.env["res.currency.rate"]
            .sudo()
            .with_company(self.company_id)
            .search(
                [
                    ("currency_id", "=", eur.id),
                    ("name", "in", list(days)),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        found = {}
        # the company's own rate before a shared one
        for rate in rates.sorted(lambda r: not r.company_id):
            found.setdefault(rate.name, round(rate.inverse_company_rate, 4))
        missing = sorted(days - set(found))
        if missing:
            raise UserError(
                self.env._(
                    "No NBP average EUR rate for %(day)s: the compensation for "
                    "recovery costs of business debtors is converted at it. Add "
                    "the EUR rate of that day in the currency rates first.",
                    day=missing[0].strftime("%d.%m.%Y"),
                )
            )
        return found

    def _create_notes(self, groups):
        """Insert the notes and their lines in bulk (two statements per
        thousand notes): a run over 20,000 units stays within seconds."""
        company = self.company_id
        accounts = self._virtual_accounts(groups)
        due = self.date + timedelta(days=company.msom_interest_payment_days or 14)
        interest = {
            key: round(sum(line.get("interest", 0.0) for line in lines), 2)
            for key, lines in groups.items()
        }
        compensation = {
            key: round(sum(line.get("compensation", 0.0) for line in lines), 2)
            for key, lines in groups.items()
        }
        totals = {key: round(interest[key] + compensation[key], 2) for key in groups}
        keys = [key for key in groups if totals[key] >= (self.min_amount or 0.01)]
        if not keys:
            return
        names = self.env["ir.sequence"]._msom_next_names(
            "msom.interest.note", len(keys), self.env._("New"), self.company_id
        )
        Note = self.env["msom.interest.note"]
        Note.flush_model()
        cr = self.env.cr
        uid, now = self.env.uid, self.env.cr.now()
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            rows = [
                (names[start + index], self.id, company.id, unit_id, partner_id,
                 self.date, due, self.date_from, self.date_to,
                 accounts.get((partner_id, unit_id)),
                 totals[(unit_id, partner_id)], interest[(unit_id, partner_id)],
                 compensation[(unit_id, partner_id)],
                 "draft", uid, now, uid, now)
                for index, (unit_id, partner_id) in enumerate(chunk)
            ]  # fmt: skip
            note_ids = [
                row[0]
                for row in execute_values(
                    cr,
                    """
                    INSERT INTO msom_interest_note (name, run_id, company_id,
                        unit_id, partner_id, date, date_due, date_from, date_to,
                        virtual_account_id, amount_total, amount_interest,
                        amount_compensation, state, create_uid,
                        create_date, write_uid, write_date)
                    VALUES %s RETURNING id
                    """,
                    rows,
                    page_size=len(rows),
                )
            ]
            line_rows = [
                (note_id, line["line_type"], line["commercial"], line.get("partial_id"),
                 line["move_line_id"], line["source_move_id"], line["document"],
                 line["document_date"], line["amount"], line["due_date"],
                 line.get("effective_due_date"), line.get("payment_date"),
                 line.get("days", 0), line.get("rate_detail"),
                 line.get("interest", 0.0), line.get("compensation_eur", 0.0),
                 line.get("eur_rate", 0.0), line.get("eur_rate_date"),
                 line.get("compensation", 0.0), uid, now, uid, now)
                for note_id, key in zip(note_ids, chunk, strict=True)
                for line in groups[key]
            ]  # fmt: skip
            execute_values(
                cr,
                """
                INSERT INTO msom_interest_note_line (note_id, line_type, commercial,
                    partial_id,
                    move_line_id, source_move_id, document, document_date, amount,
                    due_date, effective_due_date, payment_date, days, rate_detail,
                    interest, compensation_eur, eur_rate, eur_rate_date,
                    compensation, create_uid, create_date, write_uid, write_date)
                VALUES %s
                """,
                line_rows,
                page_size=5000,
            )
            _logger.info(
                "Interest run %s: %s/%s notes", self.id, start + len(chunk), len(keys)
            )
        self.env["msom.interest.note"].invalidate_model()
        self.env["msom.interest.note.line"].invalidate_model()
        self.invalidate_recordset()

    def _virtual_accounts(self, groups):
        if not groups:
            return {}
        self.env.cr.execute(
            SQL(
                """
            SELECT partner_id, unit_id, id FROM msom_virtual_account
             WHERE company_id = %s AND unit_id = ANY(%s) AND partner_id = ANY(%s)
            """,
                self.company_id.id,
                list({key[0] for key in groups}),
                list({key[1] for key in groups}),
            ),
        )
        return {(partner, unit): vid for partner, unit, vid in self.env.cr.fetchall()}

    # -------------------------------------------------------------- post

    def action_post(self):
        for run in self:
            if run.state == "draft":
                run.action_compute()
            if run.state == "done":
                continue
            run.state = "running"
            if run.note_count - run.posted_count <= SYNC_LIMIT:
                run._process(commit=False)
            else:
                self.env.ref("msom_collection.ir_cron_msom_interest_run")._trigger()
        return True

    @api.model
    def _cron_process(self):
        for run in self.search([("state", "=", "running")], order="id"):
            run._process(commit=True)

    def _batch_pending(self, limit):
        return self.env["msom.interest.note"].search(
            [("run_id", "=", self.id), ("state", "=", "draft")],
            limit=limit,
            order="id",
        )

    def _batch_process(self, records):
        records._post()
