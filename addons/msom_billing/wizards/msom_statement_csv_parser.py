# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import io
from datetime import datetime
from decimal import Decimal, InvalidOperation

from odoo import api, models
from odoo.exceptions import UserError

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
REQUIRED = {"date", "amount", "account"}
# files that are no CSV: XML (CAMT) and zip archives (and any with a NUL byte)
NOT_CSV = (b"<", b"PK\x03\x04")


class MsomStatementCsvParser(models.AbstractModel):
    """The CSV export of Polish banks, a format of OCA's statement import
    (`account.statement.import._parse_file`).

    Columns (header names in Polish or English): date, amount, currency,
    account (the payer's individual account number), name, title and,
    where the bank gives one, its transaction id. Dates as YYYY-MM-DD or
    DD.MM.YYYY; amounts with a comma or a dot; UTF-8 or Windows-1250.
    The file carries no account of its own: it is imported into the
    journal the wizard was opened from.
    """

    _name = "msom.statement.csv.parser"
    _description = "Bank Statement CSV Parser (Polish banks)"

    @api.model
    def parse(self, data_file, journal, filename):
        """OCA's (currency, account number, statements) of the file, or
        None when it is no such CSV."""
        text = self._csv_text(data_file, journal)
        if text is None:
            return None
        currency = (
            journal.currency_id
            or journal.company_id.currency_id
            or self.env.company.currency_id
        )
        statement = {
            "name": filename or self.env._("Imported statement"),
            "transactions": self._parse_csv(text, currency),
        }
        # no account number: OCA imports it into the wizard's journal
        return currency.name, None, [statement]

    def _csv_text(self, data_file, journal):
        """The text of a Polish bank CSV, or None for another format.

        A file is taken as such a CSV when it is text and either its header
        names the date, amount and account columns or the wizard was opened
        from a journal of residents' payments (where a CSV missing them is
        refused with the columns it needs)."""
        head = data_file.lstrip(b"\xef\xbb\xbf \t\r\n")[:4]
        if any(head.startswith(marker) for marker in NOT_CSV) or b"\x00" in data_file:
            return None
        try:
            text = data_file.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data_file.decode("cp1250")
            except UnicodeDecodeError:
                return None
        if journal.msom_resident_payments:
            return text
        try:
            header = next(self._csv_reader(text), [])
        except csv.Error:
            return None
        return text if REQUIRED <= set(self._columns(header)) else None

    def _csv_reader(self, text):
        sample = text[:2048]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        return csv.reader(io.StringIO(text), delimiter=delimiter)

    def _parse_csv(self, text, currency):
        try:
            header, *records = self._csv_reader(text)
        except ValueError:  # no line at all
            raise UserError(self.env._("The file is empty.")) from None
        except csv.Error as error:
            raise UserError(
                self.env._("The file was not imported:\n%(errors)s", errors=error)
            ) from None
        if not any(cell.strip() for cell in header):
            raise UserError(self.env._("The file is empty."))
        columns = self._columns(header)
        if not REQUIRED <= set(columns):
            raise UserError(
                self.env._(
                    "The file needs the columns date (data), amount (kwota) and "
                    "account (rachunek)."
                )
            )
        transactions, errors = [], []
        for number, record in enumerate(records, start=2):
            if not any(cell.strip() for cell in record):
                continue
            try:
                transactions.append(self._parse_row(record, columns, currency))
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
        if not transactions:
            raise UserError(self.env._("The file has no payments."))
        return transactions

    def _columns(self, header):
        """{column key: index} for the header cells it recognises."""
        normalized = [cell.strip().lower() for cell in header]
        columns = {}
        for key, names in HEADERS.items():
            for index, cell in enumerate(normalized):
                if cell in names:
                    columns[key] = index
                    break
        return columns

    def _parse_row(self, record, columns, currency):
        """One transaction in the values of OCA's `_parse_file`."""

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
            if not amount.is_finite():
                raise InvalidOperation
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
        transaction = {
            "date": when,
            "amount": float(amount),
            "account_number": cell("account"),
            "partner_name": cell("name"),
            "payment_ref": cell("title") or cell("name") or "/",
        }
        if cell("transaction"):
            transaction["unique_import_id"] = cell("transaction")
        return transaction
