# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import format_amount


class PaymentTransaction(models.Model):
    """Online payments of a unit's dues or of single unit documents.

    account_payment creates and posts the payment of a confirmed transaction
    once (`payment_id`, also when the provider notifies again); for the
    transactions of the portal that payment is booked on the unit and
    settled by msom_billing.
    """

    _inherit = "payment.transaction"

    msom_unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        readonly=True,
        index="btree_not_null",
        domain=[("location_level", "=", "unit")],
    )
    msom_document_ids = fields.Many2many(
        "account.move",
        "msom_payment_transaction_move_rel",
        "transaction_id",
        "move_id",
        string="Documents Paid",
        readonly=True,
        copy=False,
        help="The unit's documents paid first; without any, the unit's dues.",
    )

    def _create_payment(self, **extra_create_values):
        if not self.msom_unit_id:
            return super()._create_payment(**extra_create_values)
        unit = self.msom_unit_id
        payer = unit._msom_online_payer(self.partner_id, self.msom_document_ids)
        payment = super()._create_payment(
            **dict(extra_create_values, partner_id=payer.id)
        )
        payment._msom_settle_unit(unit, self.msom_document_ids)
        self._msom_notify_resident()
        return payment

    def _get_invoices_to_notify(self):
        return super()._get_invoices_to_notify() | self.msom_document_ids

    def _msom_notify_resident(self):
        """Tell the resident in their thread with the office that the
        payment is booked."""
        self.ensure_one()
        resident = self.partner_id
        tx = self.with_context(lang=resident.lang)
        conversation = self.env["msom.resident.conversation"]._get_for_partner(resident)
        conversation.with_context(mail_post_autofollow=False).message_post(
            body=tx.env._(
                "Your online payment %(reference)s of %(amount)s is booked on "
                "the account of %(unit)s.",
                reference=self.reference,
                amount=format_amount(tx.env, self.amount, self.currency_id),
                unit=self.msom_unit_id.display_name,
            ),
            author_id=self.company_id.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
