# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from ..tools import QrPayloadError, build_payment_qr_payload, is_valid_nrb, qr_nip

ZBP_QR = "pl_zbp"


class ResPartnerBank(models.Model):
    """The Polish payment QR (ZBP "Standard 2D") as a QR method of bank
    accounts, beside Odoo's SEPA and EMV ones."""

    _inherit = "res.partner.bank"

    @api.model
    def _get_available_qr_methods(self):
        methods = super()._get_available_qr_methods()
        methods.append((ZBP_QR, self.env._("Polish payment QR (ZBP)"), 25))
        return methods

    def _get_error_messages_for_qr(self, qr_method, debtor_partner, currency):
        if qr_method != ZBP_QR:
            return super()._get_error_messages_for_qr(
                qr_method, debtor_partner, currency
            )
        if currency.name != "PLN":
            return self.env._("The Polish payment QR is for payments in PLN.")
        if not is_valid_nrb(self.acc_number, check_sort_code=False):
            return self.env._("The Polish payment QR needs a Polish account number.")
        return None

    def _check_for_qr_code_errors(
        self,
        qr_method,
        amount,
        currency,
        debtor_partner,
        free_communication,
        structured_communication,
    ):
        if qr_method != ZBP_QR:
            return super()._check_for_qr_code_errors(
                qr_method,
                amount,
                currency,
                debtor_partner,
                free_communication,
                structured_communication,
            )
        try:
            self._get_qr_vals(
                qr_method,
                amount,
                currency,
                debtor_partner,
                free_communication,
                structured_communication,
            )
        except QrPayloadError as error:
            return str(error)
        return None

    def _get_qr_vals(
        self,
        qr_method,
        amount,
        currency,
        debtor_partner,
        free_communication,
        structured_communication,
    ):
        """The ZBP payload: the payee's NIP (left out when not valid), the
        account, the amount (none: the payer types it) and the title."""
        if qr_method != ZBP_QR:
            return super()._get_qr_vals(
                qr_method,
                amount,
                currency,
                debtor_partner,
                free_communication,
                structured_communication,
            )
        return build_payment_qr_payload(
            self.acc_number,
            "%.2f" % amount if amount and amount > 0 else None,
            self.acc_holder_name or self.partner_id.name,
            structured_communication or free_communication,
            nip=qr_nip(self.partner_id.vat),
        )

    def _get_qr_code_generation_params(
        self,
        qr_method,
        amount,
        currency,
        debtor_partner,
        free_communication,
        structured_communication,
    ):
        if qr_method != ZBP_QR:
            return super()._get_qr_code_generation_params(
                qr_method,
                amount,
                currency,
                debtor_partner,
                free_communication,
                structured_communication,
            )
        return {
            "barcode_type": "QR",
            "value": self._get_qr_vals(
                qr_method,
                amount,
                currency,
                debtor_partner,
                free_communication,
                structured_communication,
            ),
            "width": 250,
            "height": 250,
            "barLevel": "L",
        }
