# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import NrbError, format_nrb, make_virtual_nrb, normalize_nrb, validate_nrb
from .res_partner_bank import ZBP_QR


class MsomVirtualAccount(models.Model):
    """The individual bank account number of one payer for one unit.

    Generated from the company's sort code, client code and a payer number;
    a new owner of the unit gets a new number (DOMAIN_PL §2).
    """

    _name = "msom.virtual.account"
    _description = "Individual Bank Account Number"
    _order = "unit_id, date_from desc, id desc"
    _rec_name = "display_number"

    number = fields.Char(
        string="Account Number", required=True, index=True, size=26, copy=False
    )
    display_number = fields.Char(
        string="Individual Account", compute="_compute_display_number"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Payer", required=True, index=True, ondelete="restrict"
    )
    unit_id = fields.Many2one(
        "fsm.location",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("location_level", "=", "unit")],
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_from = fields.Date(string="Issued On", default=fields.Date.context_today)
    active = fields.Boolean(default=True)

    _number_unique = models.Constraint(
        "UNIQUE(number)",
        lambda env, diag: env._("This individual account number is already in use."),
    )
    _payer_unit_unique = models.Constraint(
        "UNIQUE(partner_id, unit_id, company_id)",
        lambda env, diag: env._(
            "This payer already has an account number for the unit."
        ),
    )

    @api.depends("number")
    def _compute_display_number(self):
        for account in self:
            account.display_number = format_nrb(account.number)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("number"):
                vals["number"] = normalize_nrb(vals["number"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("number"):
            vals["number"] = normalize_nrb(vals["number"])
        return super().write(vals)

    @api.constrains("number")
    def _check_number(self):
        for account in self:
            try:
                validate_nrb(account.number)
            except NrbError as error:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Polish account number (NRB): it "
                        "needs 26 digits, correct check digits and a valid bank "
                        "sort code.",
                        number=account.number,
                    )
                ) from error

    @api.constrains("unit_id")
    def _check_unit(self):
        for account in self:
            if account.unit_id.location_level != "unit":
                raise ValidationError(
                    self.env._("An individual account number belongs to a unit.")
                )

    @api.model
    def _get_or_create(self, partner, unit):
        """The number of partner for unit, generated when missing."""
        company = unit.company_id or self.env.company
        account = self.with_context(active_test=False).search(
            [
                ("partner_id", "=", partner.id),
                ("unit_id", "=", unit.id),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
        if account:
            return account
        return self.create(self._prepare_new(partner, unit, company))

    @api.model
    def _prepare_new(self, partner, unit, company, payer_number=None):
        if not company.msom_bank_sort_code:
            raise UserError(
                self.env._(
                    "Set the bank sort code and client code for individual account "
                    "numbers in the settings of %(company)s first.",
                    company=company.name,
                )
            )
        try:
            number = make_virtual_nrb(
                company.msom_bank_sort_code,
                company.msom_bank_client_code or "",
                payer_number or company._msom_next_payer_number(),
            )
        except NrbError as error:
            raise UserError(
                self.env._(
                    "No more individual account numbers can be generated with the "
                    "bank settings of %(company)s.",
                    company=company.name,
                )
            ) from error
        return {
            "number": number,
            "partner_id": partner.id,
            "unit_id": unit.id,
            "company_id": company.id,
        }

    def _payment_qr(self, amount, title, currency, image=False):
        """The payment QR of a transfer of `amount` (none: the payer types
        it) with `title` to this number: the ZBP text, or with `image` a
        base64 PNG; False when it cannot be made (not PLN, say). Built by
        the ZBP method of res.partner.bank, the company being the payee."""
        self.ensure_one()
        company = self.company_id
        # an account in memory only, of what the caller may see already
        # (a resident sees their own number and the company's name)
        bank = (
            self.env["res.partner.bank"]
            .sudo()
            .new(
                {
                    "acc_number": self.number,
                    "partner_id": company.partner_id.id,
                    "acc_holder_name": company.name,
                }
            )
        )
        vals = bank._build_qr_code_vals(
            amount, title, None, currency, self.partner_id.sudo(), qr_method=ZBP_QR
        )
        if not vals:
            return False
        if not image:
            return bank._get_qr_vals(**vals)
        params = bank._get_qr_code_generation_params(**vals)
        return base64.b64encode(
            self.env["ir.actions.report"].barcode(**params)
        ).decode()

    @api.model
    def _find_by_numbers(self, numbers):
        """{normalised number: account} for the numbers found, in one query."""
        digits = {normalize_nrb(number or "") for number in numbers}
        digits = [d for d in digits if d and len(d) == 26 and d.isdigit()]
        if not digits:
            return {}
        found = self.with_context(active_test=False).search([("number", "in", digits)])
        return {account.number: account for account in found}

    @api.model
    def _find_by_number(self, number):
        """The account for a number as written on a bank statement, or empty."""
        digits = normalize_nrb(number or "")
        if not digits or len(digits) != 26 or not digits.isdigit():
            return self.browse()
        return self.with_context(active_test=False).search(
            [("number", "=", digits)], limit=1
        )
