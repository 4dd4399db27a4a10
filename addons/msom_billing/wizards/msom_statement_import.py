# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import csv
import io
from datetime import datetime
from decimal import Decimal, InvalidOperation

from odoo import fields, models
from odoo.exceptions import UserError

HEADERS = {
    "date": ("date", "data", "data operacji", "data księgowania"),
    "amount": ("amount", "kwota"),
    "currency": ("currency", "waluta"),
    "account": ("account", "rachunek", "numer rachunku", "rachunek wirtualny"),
    "name": ("name", "nadawca", "kontrahent", "partner"),
    "title": ("title", "tytuł", "tytul", "opis", "label"),
}


class MsomStatementImport(models.TransientModel):
    """A simple CSV bank statement import with matching by account number.

    Columns (header names in Polish or English): date, amount, currency,
    account (the payer's individual account number), name, title. Dates as
    YYYY-MM-DD or DD.MM.YYYY; amounts with a comma or a dot.
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
        rows = self._parse(base64.b64decode(self.file or b""))
        statement = self.env["account.bank.statement"].create(
            {
                "name": self.filename or self.env._("Imported statement"),
                "journal_id": self.journal_id.id,
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
                }
                for row in rows
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.bank.statement.line",
            "name": self.env._("Imported payments"),
            "view_mode": "list,form",
            "domain": [("id", "in", st_lines.ids)],
        }

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
        }
