# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.account_payment.controllers.payment import PaymentPortal
from odoo.addons.account_payment.controllers.portal import (
    PortalAccount as PaymentPortalAccount,
)
from odoo.addons.payment import utils as payment_utils

# The most a resident may choose to pay into a unit's account at once.
MAX_CHOSEN_AMOUNT = 1_000_000.0
PAY_KINDS = "any(unit,document,demand)"


def online_payment_available():
    """Whether a payment provider of the company is active (enabled or in
    test mode): without one there is nothing to pay with online."""
    return bool(
        request.env["payment.provider"]
        .sudo()
        .search_count(
            [
                ("state", "in", ("enabled", "test")),
                ("company_id", "=", request.env.company.id),
            ],
            limit=1,
        )
    )


class MsomPortalOnlinePayment(PaymentPortal):
    """ "Pay online" for a unit's dues or one of its documents, on Odoo's
    payment form and providers.

    The unit, the documents and the amount are decided here from the
    resident's own units and the open items, never taken from the request:
    only the amount of a unit's dues may be chosen. The confirmed
    transaction is booked by msom_billing (see payment.transaction).
    """

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["msom_pay_online"] = online_payment_available()
        return values

    @http.route()
    def payment_method(self, **kwargs):
        # no page to manage payment methods that nobody can use
        if not online_payment_available():
            return request.redirect("/my")
        return super().payment_method(**kwargs)

    def _msom_pay_target(self, kind, record_id):
        """(unit, documents, title) of what the resident may pay, else 404.

        A document is a posted entry or invoice of one of the resident's
        units, a payment demand one sent to them about such a unit (its
        documents are paid); read as the resident, under the record rules.
        """
        env = request.env
        units = env.user.partner_id._msom_portal_units()
        documents = env["account.move"]
        unit = env["fsm.location"]
        title = ""
        if kind == "unit":
            unit = units.filtered(lambda u: u.id == record_id)
            title = unit.display_name
        elif kind == "document":
            documents = documents.search(
                [
                    ("id", "=", record_id),
                    ("state", "=", "posted"),
                    ("unit_id", "in", units.ids),
                ]
            )
            unit = documents.unit_id
            title = documents.ref or documents.name
        else:
            demand = env["msom.payment.demand"].search(
                [
                    ("id", "=", record_id),
                    ("state", "=", "sent"),
                    ("unit_id", "in", units.ids),
                ]
            )
            unit = demand.unit_id
            # the demand is the resident's: its lines are read as superuser
            documents = demand.sudo().line_ids.move_id.filtered(
                lambda move: move.unit_id == unit and move.state == "posted"
            )
            title = demand.name
        if not unit:
            raise request.not_found()
        return unit, documents, title

    @staticmethod
    def _msom_due(kind, unit, documents):
        """What is open of the documents, or of the unit's dues, and in
        which currency; read as superuser once the unit is known to be the
        resident's (see _msom_pay_target)."""
        currency = (unit.company_id or request.env.company).currency_id
        due = unit.sudo()._msom_open_amount(None if kind == "unit" else documents)
        return due, currency

    @staticmethod
    def _msom_pay_amount(kind, due, currency, chosen=None):
        """The amount to pay: what is due, unless the resident chose another
        amount for the unit's dues. Raises ValidationError with the reason
        when there is nothing to pay or the chosen amount is not acceptable."""
        env = request.env
        amount = due
        if kind == "unit" and chosen not in (None, ""):
            try:
                amount = currency.round(float(chosen))
            except (TypeError, ValueError):
                amount = 0.0
            if not 0 < amount <= MAX_CHOSEN_AMOUNT:
                raise ValidationError(
                    env._(
                        "Enter an amount greater than zero and at most %(max)s.",
                        max=currency.format(MAX_CHOSEN_AMOUNT),
                    )
                )
        if currency.compare_amounts(amount, 0) <= 0:
            raise ValidationError(env._("There is nothing left to pay here."))
        return amount

    @http.route("/my/pay", type="http", auth="user", website=True)
    def msom_pay_choose(self, **kw):
        """The units with dues; straight to the payment when there is one."""
        units = request.env.user.partner_id._msom_portal_units()
        dues = [(unit, unit.sudo()._msom_open_amount()) for unit in units]
        dues = [(unit, amount) for unit, amount in dues if amount > 0]
        if len(dues) == 1:
            return request.redirect("/my/pay/unit/%s" % dues[0][0].id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_pay",
            dues=dues,
            currency=request.env.company.currency_id,
        )
        return request.render("msom_portal.portal_pay_choose", values)

    @http.route(
        f"/my/pay/<{PAY_KINDS}:kind>/<int:record_id>",
        type="http",
        auth="user",
        website=True,
    )
    def msom_pay(self, kind, record_id, amount=None, **kw):
        """Odoo's payment form for the unit's dues or one document."""
        env = request.env
        unit, documents, title = self._msom_pay_target(kind, record_id)
        due, currency = self._msom_due(kind, unit, documents)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_pay",
            unit=unit,
            kind=kind,
            record_id=record_id,
            documents=documents,
            title=title,
            chosen=amount,
            due=due,
            currency=currency,
        )
        try:
            to_pay = self._msom_pay_amount(kind, due, currency, amount)
        except ValidationError as error:
            values["error"] = error.args[0]
            return request.render("msom_portal.portal_pay", values)
        company = unit.company_id or env.company
        route = f"/my/pay/{kind}/{record_id}"
        values.update(
            PaymentPortalAccount._get_common_page_view_values(
                self,
                {
                    "partner": env.user.partner_id,
                    "company": company,
                    "total_amount": to_pay,
                    "currency": currency,
                    "amount_residual": to_pay,
                    "landing_route": route,
                    "transaction_route": f"{route}/transaction",
                },
            )
        )
        values["amount"] = to_pay
        return request.render("msom_portal.portal_pay", values)

    @http.route(
        f"/my/pay/<{PAY_KINDS}:kind>/<int:record_id>/transaction",
        type="jsonrpc",
        auth="user",
    )
    def msom_pay_transaction(self, kind, record_id, amount=None, **kwargs):
        """Create the draft transaction of the payment form and return its
        processing values; the unit, documents and amount come from the
        server (see _msom_pay_target, _msom_pay_amount)."""
        env = request.env
        unit, documents, title = self._msom_pay_target(kind, record_id)
        due, currency = self._msom_due(kind, unit, documents)
        to_pay = self._msom_pay_amount(kind, due, currency, amount)
        # the form's own keys; the validation flow would set its own amount
        for key in ("access_token", "payment_reference", "is_validation"):
            kwargs.pop(key, None)
        self._validate_transaction_kwargs(kwargs)
        partner = env.user.partner_id
        company = unit.company_id or env.company
        providers = (
            env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id, partner.id, to_pay, currency_id=currency.id
            )
        )
        if self._cast_as_int(kwargs.get("provider_id")) not in providers.ids:
            raise ValidationError(env._("This payment provider is not available."))
        kwargs["landing_route"] = "/my/pay/confirmation"
        tx_sudo = self._create_transaction(
            amount=to_pay,
            currency_id=currency.id,
            partner_id=partner.id,
            reference_prefix=title
            if documents
            else payment_utils.singularize_reference_prefix(prefix=f"L{unit.id}"),
            custom_create_values={
                "msom_unit_id": unit.id,
                "msom_document_ids": [Command.set(documents.ids)],
            },
            **kwargs,
        )
        tx_sudo.landing_route = f"/my/pay/confirmation/{tx_sudo.id}"
        return tx_sudo._get_processing_values()

    @http.route(
        "/my/pay/confirmation/<int:tx_id>", type="http", auth="user", website=True
    )
    def msom_pay_confirmation(self, tx_id, **kw):
        """Where the payment ends: its state, and the unit's balance."""
        env = request.env
        partner = env.user.partner_id
        units = partner._msom_portal_units()
        # only the resident's own transactions for their own units
        tx_sudo = (
            env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("id", "=", tx_id),
                    ("partner_id", "=", partner.id),
                    ("msom_unit_id", "in", units.ids),
                ]
            )
        )
        if not tx_sudo:
            raise request.not_found()
        unit = tx_sudo.msom_unit_id
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_pay_confirmation",
            tx=tx_sudo,
            unit=unit.with_env(env),
            due=unit._msom_open_amount(),
            currency=tx_sudo.currency_id,
        )
        return request.render("msom_portal.portal_pay_confirmation", values)
