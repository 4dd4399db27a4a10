# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import csv
import hashlib
import io
from collections import Counter
from datetime import datetime
from decimal import Decimal, InvalidOperation

import psycopg2

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import normalize_nrb

HEADERS = {
    "date": ("date", "data", "data operacji", "data księgowania"),
    "amount": ("amount", "kwota"),
    "currency": ("currency", "waluta"),
    "account": ("account", "rachunek", "numer rachunku", "rachunek wirtualny"),
    "name": ("name", "nadawca", "kontrahent", "partner"),
    "title": ("title", "tytuł", "tytul", "opis", "label"),
    "transaction": (
        "transaction id", "id transakcji", "identyfikator transakcji",
        "numer referencyjny", "referencja",
    ),
}  # fmt: skip


class MsomStatementImport(models.TransientModel):
    """A simple CSV bank statement import with matching by account number.

    Columns (header names in Polish or English): date, amount, currency,
    account (the payer's individual account number), name, title and,
    where the bank gives one, its transaction id. Dates as YYYY-MM-DD or
    DD.MM.YYYY; amounts with a comma or a dot.

    Every line gets the `unique_import_id` of OCA's statement import
    framework, so an accountant who imports a file again, or an
    overlapping one, books each bank line once: an identical file is
    refused, lines imported before are skipped and counted in the summary.
    """

    _name = "msom.statement.import"
    _description = "Bank Statement Import (CSV)"

    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        domain=[("type", "=", "bank")],
        default=lambda self: self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        data = base64.b64decode(self.file or b"")
        fingerprint = hashlib.sha256(data).hexdigest()
        Statement = self.env["account.bank.statement"]
        earlier = Statement.search(
            [
                ("journal_id", "=", self.journal_id.id),
                ("msom_import_hash", "=", fingerprint),
            ],
            limit=1,
        )
        if earlier:
            raise UserError(
                self.env._(
                    "This file was already imported on %(when)s (statement "
                    "%(statement)s); nothing was imported again.",
                    when=self._format_moment(earlier.create_date),
                    statement=earlier.name,
                )
            )
        rows = self._parse(data)
        for row, import_id in zip(rows, self._import_ids(rows), strict=True):
            row["unique_import_id"] = import_id
        StatementLine = self.env["account.bank.statement.line"]
        done = StatementLine.search_read(
            [("unique_import_id", "in", [row["unique_import_id"] for row in rows])],
            ["unique_import_id", "create_date"],
        )
        done_ids = {line["unique_import_id"] for line in done}
        skipped = self._skipped_summary(done)
        new_rows = [row for row in rows if row["unique_import_id"] not in done_ids]
        if not new_rows:
            raise UserError(
                self.env._(
                    "Every line of this file was imported before: %(skipped)s. "
                    "Nothing was imported.",
                    skipped=skipped,
                )
            )
        try:
            with self.env.cr.savepoint():
                statement, st_lines = self._create_statement(fingerprint, new_rows)
        except psycopg2.errors.UniqueViolation:
            # another import of the same lines committed while this one ran
            raise UserError(
                self.env._(
                    "These lines have just been imported by someone else; "
                    "nothing was imported again."
                )
            ) from None
        action = {
            "type": "ir.actions.act_window",
            "res_model": "account.bank.statement.line",
            "name": self.env._("Imported payments"),
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", st_lines.ids)],
        }
        if not skipped:
            return action
        message = self.env._(
            "Lines imported: %(count)s; %(skipped)s.",
            count=len(st_lines),
            skipped=skipped,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Bank statement imported"),
                "message": message,
                "type": "warning",
                "sticky": True,
                "next": action,
            },
        }

    def _create_statement(self, fingerprint, rows):
        """A statement of the file and its lines, booked and matched."""
        statement = self.env["account.bank.statement"].create(
            {
                "name": self.filename or self.env._("Imported statement"),
                "journal_id": self.journal_id.id,
                "msom_import_hash": fingerprint,
            }
        )
        st_lines = self.env["account.bank.statement.line"]._msom_create_matched(
            [
                {
                    "statement_id": statement.id,
                    "journal_id": self.journal_id.id,
                    "date": row["date"],
                    "amount": row["amount"],
                    "account_number": row["account"],
                    "partner_name": row["name"],
                    "payment_ref": row["title"] or row["name"] or "/",
                    "msom_match_state": "todo",
                    "unique_import_id": row["unique_import_id"],
                }
                for row in rows
            ]
        )
        return statement, st_lines

    def _import_ids(self, rows):
        """The OCA `unique_import_id` of each row: the bank's transaction id
        where the file has one, otherwise a hash of the payer's account, the
        date, the amount, the title and the row's position among the rows of
        its day (two equal payments on one day stay two lines, and the
        overlapping part of a 1st–15th and a 1st–30th file gets the same ids)."""
        journal = self.journal_id
        position = Counter()
        result = []
        for row in rows:
            position[row["date"]] += 1
            own_id = row["transaction"]
            if not own_id:
                key = "|".join(
                    [
                        normalize_nrb(row["account"]) or row["account"],
                        row["date"].isoformat(),
                        "%.2f" % row["amount"],
                        row["title"],
                        str(position[row["date"]]),
                    ]
                )
                own_id = "h" + hashlib.sha256(key.encode()).hexdigest()[:32]
            vals = {"unique_import_id": own_id}
            journal._statement_line_import_update_unique_import_id(
                vals, journal.bank_acc_number
            )
            result.append(vals["unique_import_id"])
        return result

    def _skipped_summary(self, done):
        """'lines imported on 06.12.2026 at 14:02 skipped: N', one part per
        earlier import, oldest first; empty when nothing was skipped. The
        count comes last, so that no language needs a plural form for it."""
        moments = Counter(
            self._format_moment(line["create_date"])
            for line in sorted(done, key=lambda line: line["create_date"])
        )
        return "; ".join(
            self.env._(
                "lines imported on %(when)s skipped: %(count)s",
                count=count,
                when=when,
            )
            for when, count in moments.items()
        )

    def _format_moment(self, moment):
        """A date and time in the user's time zone and language format."""
        local = fields.Datetime.context_timestamp(self, moment)
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        return self.env._(
            "%(date)s at %(time)s",
            date=local.strftime(lang.date_format),
            time=local.strftime(lang.time_format.replace(":%S", "")),
        )

    def _parse(self, data):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1250")
        sample = text[:2048]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = next(reader, None)
        if not header:
            raise UserError(self.env._("The file is empty."))
        columns = self._columns(header)
        currency = self.journal_id.currency_id or self.journal_id.company_id.currency_id
        rows, errors = [], []
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            try:
                rows.append(self._parse_row(record, columns, currency))
            except ValueError as error:
                errors.append(
                    self.env._("line %(line)s: %(error)s", line=number, error=error)
                )
        if errors:
            raise UserError(
                self.env._(
                    "The file was not imported:\n%(errors)s", errors="\n".join(errors)
                )
            )
        if not rows:
            raise UserError(self.env._("The file has no payments."))
        return rows

    def _columns(self, header):
        normalized = [cell.strip().lower() for cell in header]
        columns = {}
        for key, names in HEADERS.items():
            for index, cell in enumerate(normalized):
                if cell in names:
                    columns[key] = index
                    break
        missing = {"date", "amount", "account"} - set(columns)
        if missing:
            raise UserError(
                self.env._(
                    "The file needs the columns date (data), amount (kwota) and "
                    "account (rachunek)."
                )
            )
        return columns

    def _parse_row(self, record, columns, currency):
        def cell(key):
            index = columns.get(key)
            return (
                record[index].strip()
                if index is not None and index < len(record)
                else ""
            )

        raw_date = cell("date")
        for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
            try:
                when = datetime.strptime(raw_date, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(self.env._("unreadable date %(date)s", date=raw_date))
        raw_amount = cell("amount").replace("\xa0", "").replace(" ", "")
        if "," in raw_amount:
            raw_amount = raw_amount.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:
            raise ValueError(
                self.env._("unreadable amount %(amount)s", amount=cell("amount"))
            ) from None
        row_currency = cell("currency").upper()
        if row_currency and row_currency != currency.name:
            raise ValueError(
                self.env._(
                    "currency %(currency)s, the account is kept in %(expected)s",
                    currency=row_currency,
                    expected=currency.name,
                )
            )
        return {
            "date": when,
            "amount": float(amount),
            "account": cell("account"),
            "name": cell("name"),
            "title": cell("title"),
            "transaction": cell("transaction"),
        }
