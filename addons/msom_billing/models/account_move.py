# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import re

from odoo import fields, models

from ..tools import amount_to_words_pl, build_payment_qr_payload, format_nrb


class AccountMove(models.Model):
    _inherit = "account.move"

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

    def _msom_formatted_account(self):
        self.ensure_one()
        return format_nrb(self.msom_virtual_account_id.number)

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
        account = self.msom_virtual_account_id
        due = self._msom_amount_due()
        if not account or self.currency_id.name != "PLN" or due <= 0:
            return False
        company = self.company_id
        return build_payment_qr_payload(
            account.number,
            "%.2f" % due,
            company.name,
            self._msom_payment_title(),
            nip=self._msom_company_nip(),
        )

    def _msom_company_nip(self):
        nip = re.sub(r"[^0-9]", "", self.company_id.vat or "")
        return nip if len(nip) == 10 else ""

    def _msom_payment_qr_image(self):
        """The payment QR as a base64 PNG (250 px, level L), or False."""
        payload = self._msom_payment_qr_payload()
        if not payload:
            return False
        png = self.env["ir.actions.report"].barcode(
            "QR", payload, width=250, height=250, barLevel="L"
        )
        return base64.b64encode(png).decode()

    def _msom_component_lines(self):
        """(component name, amount) of this charge document."""
        self.ensure_one()
        lines = self.line_ids.filtered("msom_component_id")
        if self.move_type == "out_invoice":
            return [(line.name, line.price_total) for line in lines]
        return [(line.name, -line.balance) for line in lines]
