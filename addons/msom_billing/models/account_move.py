# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL, html2plaintext, is_html_empty

from ..tools import amount_to_words_pl
from ..tools.sql import execute_values

NAMING_LOCK = 0x6D736F6D  # advisory lock class: numbering of a journal's entries


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "msom.resident.unit.mixin"]

    unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        index="btree_not_null",
        tracking=True,
        domain=[("location_level", "=", "unit")],
        help="The unit (lokal) whose account this entry belongs to.",
    )
    msom_charge_period = fields.Date(
        string="Charge Month",
        index="btree_not_null",
        copy=False,
        help="First day of the month this charge notice or invoice is for.",
    )
    msom_charge_run_id = fields.Many2one(
        "msom.charge.run", string="Charge Run", copy=False, index="btree_not_null"
    )
    msom_virtual_account_id = fields.Many2one(
        "msom.virtual.account",
        string="Individual Account",
        copy=False,
        help="The payer's individual account number printed on the document.",
    )

    # One charge document per unit, month and payer, whoever creates it.
    _msom_charge_unique = models.UniqueIndex(
        "(company_id, unit_id, msom_charge_period, partner_id)"
        " WHERE msom_charge_period IS NOT NULL AND state != 'cancel'",
        lambda env, diag: env._(
            "The unit already has a charge document for this month and payer."
        ),
    )

    def _msom_open_amounts(self):
        """{move id: what is left to pay} of these documents with an open
        receivable item on a unit, in one indexed aggregate."""
        if not self:
            return {}
        Line = self.env["account.move.line"]
        groups = Line._read_group(
            Line._msom_open_receivable_domain(self.unit_id)
            & Domain("move_id", "in", self.ids)
            & Domain("amount_residual", ">", 0),
            ["move_id"],
            ["amount_residual:sum"],
        )
        return {move.id: residual for move, residual in groups}

    @api.model
    def _msom_insert_posted_entries(self, vals_list):
        """Insert posted journal entries in bulk: the lean path of the charge run.

        `vals_list` holds the values the ORM would get for account.move.create
        (move_type "entry", lines as Command.create with name, account,
        balance, partner, component, maturity): the same vals give the same
        rows as create + action_post, which the tests compare column by
        column. Names follow the journal's sequence, numbered for the whole
        batch at once; no per-record recompute, a few statements per batch.
        Entries only: VAT invoices go through the ORM. The moves of bank
        statement lines come this way too (`statement_line_id` in the vals
        and `statement_id` in their lines).
        """
        if not vals_list:
            return self.browse()
        cr = self.env.cr
        self.flush_model()
        self.env["account.move.line"].flush_model()
        first = vals_list[0]
        journal = self.env["account.journal"].browse(first["journal_id"])
        company = self.env["res.company"].browse(first["company_id"])
        currency = company.currency_id
        if any(
            vals["journal_id"] != journal.id
            or vals["company_id"] != company.id
            or vals["date"] != first["date"]
            or vals["move_type"] != "entry"
            for vals in vals_list
        ):
            raise UserError(
                self.env._("Bulk entries need one journal, company and date.")
            )
        names = self._msom_next_names(journal, first["date"], len(vals_list))
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list}
        )
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        display = {p.id: p.display_name for p in partners}
        today = fields.Date.context_today(self)
        accounts = self.env["account.account"].browse(
            {cmd[2]["account_id"] for vals in vals_list for cmd in vals["line_ids"]}
        )
        # the accounts whose lines keep a residual, as Odoo computes it
        reconcilable = {
            a.id
            for a in accounts
            if a.reconcile or a.account_type in ("asset_cash", "liability_credit_card")
        }
        no_followup = journal.type == "general"
        cr.execute(
            SQL(
                "SELECT nextval('account_move_id_seq') FROM generate_series(1, %s)",
                len(vals_list),
            )
        )
        move_ids = [row[0] for row in cr.fetchall()]
        uid = self.env.uid
        now = self.env.cr.now()  # the ORM's create_date and write_date
        move_rows, line_rows = [], []
        for move_id, (name, prefix, number), vals in zip(
            move_ids, names, vals_list, strict=True
        ):
            lines = [cmd[2] for cmd in vals["line_ids"]]
            total = currency.round(sum(max(line["balance"], 0.0) for line in lines))
            move_rows.append(
                (move_id, journal.id, company.id, vals["partner_id"],
                 commercial[vals["partner_id"]], display[vals["partner_id"]],
                 currency.id, name, prefix, number, vals.get("ref"), vals["date"],
                 today, total, total, total,
                 vals.get("unit_id"), vals.get("msom_charge_run_id"),
                 vals.get("msom_virtual_account_id"), vals.get("msom_charge_period"),
                 vals.get("statement_line_id"), uid, now, uid, now,
                 vals.get("is_manually_modified", False))
            )  # fmt: skip
            for line in lines:
                balance = currency.round(line["balance"])
                residual = balance if line["account_id"] in reconcilable else 0.0
                line_rows.append(
                    (move_id, journal.id, company.id, currency.id, currency.id,
                     100, line["account_id"], line.get("partner_id"),
                     name, vals.get("ref"), line.get("name"), vals["date"],
                     line.get("date_maturity"), balance,
                     max(balance, 0.0), max(-balance, 0.0), balance, residual,
                     residual, vals.get("unit_id"), line.get("msom_component_id"),
                     uid, now, uid, now, balance, balance, no_followup,
                     vals.get("statement_line_id"), line.get("statement_id"))
                )  # fmt: skip
        execute_values(
            cr,
            """
            INSERT INTO account_move (
                id, journal_id, company_id, partner_id, commercial_partner_id,
                invoice_partner_display_name, currency_id, name, sequence_prefix,
                sequence_number, ref, date, invoice_date_due, amount_total,
                amount_total_signed, amount_total_in_currency_signed, unit_id,
                msom_charge_run_id,
                msom_virtual_account_id, msom_charge_period, statement_line_id,
                create_uid, create_date, write_uid, write_date, is_manually_modified,
                state, move_type, auto_post, payment_state, invoice_currency_rate,
                amount_untaxed, amount_tax, amount_residual, amount_untaxed_signed,
                amount_untaxed_in_currency_signed, amount_tax_signed,
                amount_residual_signed, always_tax_exigible, checked,
                posted_before, made_sequence_gap
            ) VALUES %s""",
            move_rows,
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'posted', 'entry', 'no',"
            " 'not_paid', 0, 0, 0, 0, 0, 0, 0, 0, true, true, true, false)",
        )
        execute_values(
            cr,
            """
            INSERT INTO account_move_line (
                move_id, journal_id, company_id, company_currency_id, currency_id,
                sequence, account_id, partner_id, move_name, ref, name, date,
                date_maturity, balance, debit, credit, amount_currency,
                amount_residual, amount_residual_currency, unit_id,
                msom_component_id, create_uid, create_date, write_uid, write_date,
                price_subtotal, price_total, no_followup, statement_line_id,
                statement_id, parent_state,
                display_type, quantity, price_unit, discount, reconciled,
                is_storno, deductible_amount
            ) VALUES %s""",
            line_rows,
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'posted',"
            " 'product', 1.0, 0, 0, false, false, 100)",
        )
        # who is charged becomes a customer, as posting would make them
        cr.execute(
            SQL(
                "UPDATE res_partner SET customer_rank = 1"
                " WHERE id = ANY(%s) AND COALESCE(customer_rank, 0) = 0",
                list(set(commercial) | set(commercial.values())),
            )
        )
        partners.invalidate_recordset(["customer_rank"])
        return self.browse(move_ids)

    @api.model
    def _msom_next_names(self, journal, move_date, count):
        """[(name, sequence_prefix, sequence_number)] for `count` new posted
        entries of journal on move_date, in the journal's own numbering.

        The numbers come from a PostgreSQL sequence per journal and prefix
        (one per month or year of the journal's format), drawn for the whole
        batch at once: parallel batches, whose snapshots do not see each
        other's entries, never take the same numbers. The sequence catches
        up with what the journal holds (entries posted through the ORM)
        each time; a batch rolled back leaves a gap, as Odoo's own
        no-gap-free sequences do.
        """
        probe = self.new(
            {"journal_id": journal.id, "date": move_date, "move_type": "entry",
             "company_id": journal.company_id.id}
        )  # fmt: skip
        format_string, format_values = probe._get_next_sequence_format()
        last = format_values.pop("seq")
        prefix = format_string.split("{seq")[0].format(**format_values)
        name = "msom_move_seq_%s_%s" % (
            journal.id,
            hashlib.sha1(prefix.encode()).hexdigest()[:12],
        )
        cr = self.env.cr
        cr.execute(SQL("SELECT to_regclass(%s)", name))
        if not cr.fetchone()[0]:
            # The first batches of a month would create it side by side and
            # one would fail on the catalog's unique index: the others wait
            # until the first one commits, then find it.
            cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", NAMING_LOCK + 1, journal.id)
            )
            cr.execute(
                SQL(
                    "CREATE SEQUENCE IF NOT EXISTS %s MINVALUE 0",
                    SQL.identifier(name),
                )
            )
        # catching up and drawing are one step per journal, held only for it
        # (a lock for the transaction would make parallel batches queue)
        cr.execute(SQL("SELECT pg_advisory_lock(%s, %s)", NAMING_LOCK, journal.id))
        try:
            # a failure rolls back to here, so the unlock below still runs
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        "SELECT setval(%s, GREATEST(%s, CASE WHEN is_called"
                        " THEN last_value ELSE last_value - 1 END)) FROM %s",
                        name,
                        last,
                        SQL.identifier(name),
                    )
                )
                numbers = self.env["ir.sequence"]._msom_draw(name, count)
        finally:
            cr.execute(
                SQL("SELECT pg_advisory_unlock(%s, %s)", NAMING_LOCK, journal.id)
            )
        return [
            (format_string.format(**format_values, seq=seq), prefix, seq)
            for seq in numbers
        ]

    def _msom_to_business(self):
        """Whether the buyer acts as a business: it has a tax number (NIP)."""
        self.ensure_one()
        return bool(self.commercial_partner_id.vat)

    def _msom_exemption_basis(self):
        """The legal basis of the VAT exemptions of this charge document (the
        legal notes of its exempt taxes, as text), or False."""
        self.ensure_one()
        if not self.unit_id:
            return False
        exempt = self.invoice_line_ids.tax_ids.filtered(
            lambda tax: tax.amount == 0 and not is_html_empty(tax.invoice_legal_notes)
        )
        return (
            "; ".join(html2plaintext(tax.invoice_legal_notes) for tax in exempt)
            or False
        )

    def _msom_ksef_pending(self):
        """The posted invoices of these that go to KSeF and were not sent:
        the company is registered there and the buyer is a business."""
        Send = self.env["account.move.send"]
        return self.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and not move.l10n_pl_edi_status
                and "pl_ksef" in Send._get_default_extra_edis(move)
            )
        )

    def _msom_send_to_ksef(self):
        """Send these invoices to KSeF through l10n_pl_edi (the FA(3) XML,
        the session, the status check), as its Send wizard does, without
        printing them; failures are posted on each invoice."""
        invoices = self._msom_ksef_pending()
        if not invoices:
            return
        Send = self.env["account.move.send"]
        invoices_data = {move: {"extra_edis": {"pl_ksef"}} for move in invoices}
        Send._call_web_service_before_invoice_pdf_render(invoices_data)
        Send._link_invoice_documents(invoices_data)
        for move, data in invoices_data.items():
            if data.get("error"):
                move.message_post(
                    body=self.env._(
                        "Not sent to KSeF: %(errors)s",
                        errors="; ".join(map(str, data["error"]["errors"])),
                    )
                )

    def _msom_amount_due(self):
        """What the payer still owes on this document."""
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        return sum(lines.mapped("amount_residual"))

    def _msom_amount_total(self):
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        return sum(lines.mapped("balance"))

    def _msom_amount_in_words(self):
        self.ensure_one()
        return amount_to_words_pl(
            "%.2f" % self.currency_id.round(self._msom_amount_total())
        )

    def _msom_payment_title(self):
        self.ensure_one()
        return self.env._(
            "Charges %(month)s unit %(unit)s",
            month=self.msom_charge_period and self.msom_charge_period.strftime("%m/%Y"),
            unit=self.unit_id.unit_number or "",
        )

    def _msom_payment_qr_payload(self):
        """ZBP payment QR text for what is still due, or False."""
        self.ensure_one()
        due = self._msom_amount_due()
        if not self.msom_virtual_account_id or due <= 0:
            return False
        return self.msom_virtual_account_id._payment_qr(
            due, self._msom_payment_title(), self.currency_id
        )

    def _msom_payment_qr_image(self):
        """The payment QR as a base64 PNG (250 px, level L), or False."""
        self.ensure_one()
        due = self._msom_amount_due()
        if not self.msom_virtual_account_id or due <= 0:
            return False
        return self.msom_virtual_account_id._payment_qr(
            due, self._msom_payment_title(), self.currency_id, image=True
        )

    def _msom_component_lines(self):
        """(component name, amount) of this charge document."""
        self.ensure_one()
        lines = self.line_ids.filtered("msom_component_id")
        if self.move_type == "out_invoice":
            return [(line.name, line.price_total) for line in lines]
        return [(line.name, -line.balance) for line in lines]

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
