# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

from odoo.addons.base.models.res_bank import sanitize_account_number


class AccountStatementImportCamtParser(models.AbstractModel):
    """CAMT.053 of an account that receives residents' payments.

    Polish banks report a payment to an individual account number with that
    number as the creditor's account of the transaction (the cooperative's
    own account is the statement's). OCA's parser keeps the payer's account
    of a credit; on these accounts a credit keeps the number it was paid
    to, which is what the matching reads.
    """

    _inherit = "account.statement.import.camt.parser"

    def parse_statement(self, ns, node):
        numbers = node.xpath(
            "./ns:Acct/ns:Id/ns:IBAN/text() | ./ns:Acct/ns:Id/ns:Othr/ns:Id/text()",
            namespaces={"ns": ns},
        )
        parser = self.with_context(
            msom_credited_account=bool(numbers)
            and self._msom_receives_resident_payments(numbers[0])
        )
        return super(AccountStatementImportCamtParser, parser).parse_statement(ns, node)

    def parse_transaction_details(self, ns, node, transaction):
        super().parse_transaction_details(ns, node, transaction)
        if not self.env.context.get("msom_credited_account"):
            return
        indicator = node.xpath("../../ns:CdtDbtInd", namespaces={"ns": ns})
        if indicator and indicator[0].text == "CRDT":
            self.add_value_from_node(
                ns,
                node,
                [
                    "./ns:RltdPties/ns:CdtrAcct/ns:Id/ns:IBAN",
                    "./ns:RltdPties/ns:CdtrAcct/ns:Id/ns:Othr/ns:Id",
                ],
                transaction,
                "account_number",
            )

    def _msom_receives_resident_payments(self, account_number):
        return bool(
            self.env["account.journal"].search_count(
                [
                    ("type", "=", "bank"),
                    ("msom_resident_payments", "=", True),
                    (
                        "bank_account_id.sanitized_acc_number",
                        "=",
                        sanitize_account_number(account_number),
                    ),
                ],
                limit=1,
            )
        )
