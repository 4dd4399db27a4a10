# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import hashlib
from collections import Counter

import psycopg2

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import normalize_nrb


class AccountStatementImport(models.TransientModel):
    """OCA's statement import with the CSV of Polish banks as one more
    format (`msom.statement.csv.parser`), and the statements of the journals
    of residents' payments: the lines OCA's import parsed are booked, matched
    by the individual account number and reconciled in bulk
    (`_msom_create_matched`) instead of OCA's creation line by line. Every
    line carries a `unique_import_id`, so that an accountant who imports a
    file again, or an overlapping one, books each bank line once: an
    identical file is refused, lines imported before are skipped and counted
    with the time of their first import. Other journals keep OCA's
    behaviour."""

    _inherit = "account.statement.import"

    def _parse_file(self, data_file):
        journal = self.env["account.journal"].browse(self.env.context.get("journal_id"))
        parsed = self.env["msom.statement.csv.parser"].parse(
            data_file, journal, self.statement_filename
        )
        if parsed:
            return parsed
        if not journal.msom_resident_payments:
            return super()._parse_file(data_file)
        try:
            return super()._parse_file(data_file)
        except UserError:  # OCA's "format not supported", in English
            raise UserError(
                self.env._(
                    "The file is neither a CSV nor a CAMT.053 statement of "
                    "the bank; nothing was imported."
                )
            ) from None

    def _complete_stmts_vals(self, stmts_vals, journal, account_number):
        if journal.msom_resident_payments:
            self._msom_fill_import_ids(
                [lvals for st_vals in stmts_vals for lvals in st_vals["transactions"]]
            )
        return super()._complete_stmts_vals(stmts_vals, journal, account_number)

    def _create_bank_statements(self, stmts_vals, result):
        # one statement file account: one journal (OCA's _complete_stmts_vals)
        journal = self.env["account.journal"].browse(stmts_vals[0]["journal_id"])
        if not journal.msom_resident_payments:
            return super()._create_bank_statements(stmts_vals, result)
        fingerprint = hashlib.sha256(base64.b64decode(self.statement_file)).hexdigest()
        earlier = self.env["account.bank.statement"].search(
            [("journal_id", "=", journal.id), ("msom_import_hash", "=", fingerprint)],
            limit=1,
        )
        if earlier:
            raise UserError(
                self.env._(
                    "This file was already imported on %(when)s (statement "
                    "%(statement)s); nothing was imported again.",
                    when=self._msom_format_moment(earlier.create_date),
                    statement=earlier.name,
                )
            )
        import_ids = [
            lvals["unique_import_id"]
            for st_vals in stmts_vals
            for lvals in st_vals["transactions"]
        ]
        # every journal's lines: the ids are unique in the whole database
        done = (
            self.env["account.bank.statement.line"]
            .sudo()
            .search_read(
                [("unique_import_id", "in", import_ids)],
                ["unique_import_id", "create_date"],
            )
        )
        skipped = self._msom_skipped_summary(done)
        if len(done) == len(import_ids):
            raise UserError(
                self.env._(
                    "Every line of this file was imported before: %(skipped)s. "
                    "Nothing was imported.",
                    skipped=skipped,
                )
            )
        try:
            with self.env.cr.savepoint():
                statements, count = self._msom_create_statements(
                    stmts_vals, {line["unique_import_id"] for line in done}, fingerprint
                )
        except psycopg2.errors.UniqueViolation:
            # another import of the same lines committed while this one ran
            raise UserError(
                self.env._(
                    "These lines have just been imported by someone else; "
                    "nothing was imported again."
                )
            ) from None
        result["statement_ids"].extend(statements.ids)
        if skipped:
            result["notifications"].append(
                self.env._(
                    "Lines imported: %(count)s; %(skipped)s.",
                    count=count,
                    skipped=skipped,
                )
            )
        return None

    def _msom_create_statements(self, stmts_vals, done_ids, fingerprint):
        """The statements of the file with their new lines, booked and
        matched; the first one keeps the file's fingerprint. Returns the
        statements and the number of lines."""
        Statement = self.env["account.bank.statement"]
        StatementLine = self.env["account.bank.statement.line"]
        statements = Statement
        count = 0
        for st_vals in stmts_vals:
            transactions = st_vals.pop("transactions")
            lines = [
                lvals
                for lvals in transactions
                if lvals["unique_import_id"] not in done_ids
            ]
            if not lines:
                continue
            if "balance_start" in st_vals:  # as OCA: the skipped lines count in
                st_vals["balance_start"] += sum(
                    float(lvals["amount"])
                    for lvals in transactions
                    if lvals["unique_import_id"] in done_ids
                )
            st_vals.pop("creation_context", None)
            statement = Statement.create(
                dict(st_vals, msom_import_hash=False if statements else fingerprint)
            )
            for sequence, lvals in enumerate(lines, start=1):
                lvals.setdefault("sequence", sequence)
                lvals["statement_id"] = statement.id
            StatementLine._msom_create_matched(lines)
            statements |= statement
            count += len(lines)
        return statements, count

    def _msom_fill_import_ids(self, transactions):
        """A `unique_import_id` for the lines the file gives none (before
        OCA prefixes it with the journal): a hash of the account number, the
        date, the amount, the title and the line's position among the lines
        of its day (two equal payments on one day stay two lines, and the
        overlapping part of a 1st–15th and a 1st–30th file gets the same
        ids)."""
        position = Counter()
        for lvals in transactions:
            day = str(lvals["date"])[:10]
            position[day] += 1
            if lvals.get("unique_import_id"):
                continue
            account = lvals.get("account_number") or ""
            key = "|".join(
                [
                    normalize_nrb(account) or account,
                    day,
                    "%.2f" % float(lvals["amount"]),
                    lvals.get("payment_ref") or "",
                    str(position[day]),
                ]
            )
            lvals["unique_import_id"] = (
                "h" + hashlib.sha256(key.encode()).hexdigest()[:32]
            )

    def _msom_skipped_summary(self, done):
        """'lines imported on 06.12.2026 at 14:02 skipped: N', one part per
        earlier import, oldest first; empty when nothing was skipped. The
        count comes last, so that no language needs a plural form for it."""
        moments = Counter(
            self._msom_format_moment(line["create_date"])
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

    def _msom_format_moment(self, moment):
        """A date and time in the user's time zone and language format."""
        local = fields.Datetime.context_timestamp(self, moment)
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        return self.env._(
            "%(date)s at %(time)s",
            date=local.strftime(lang.date_format),
            time=local.strftime(lang.time_format.replace(":%S", "")),
        )
