# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class MsomPaymentDemand(models.Model):
    """A reminder or payment demand (wezwanie do zapłaty) to one debtor."""

    _name = "msom.payment.demand"
    _description = "Payment Demand"
    _inherit = ["msom.unit.debt.document", "mail.thread"]
    _order = "date desc, id desc"
    # in words: the arrears demanded; interest grows until the payment
    _amount_in_words_field = "amount_principal"

    run_id = fields.Many2one("msom.payment.demand.run", index=True, ondelete="cascade")
    case_id = fields.Many2one("msom.collection.case", string="Debt Collection File")
    level_id = fields.Many2one("msom.dunning.level", string="Stage", required=True)
    kind = fields.Selection(related="level_id.kind", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_deadline = fields.Date(string="Pay By", required=True)
    amount_principal = fields.Float(string="Amount Due", digits=(16, 2))
    amount_interest = fields.Float(string="Interest to Date", digits=(16, 2))
    amount_total = fields.Float(
        string="Total", compute="_compute_amount_total", store=True, digits=(16, 2)
    )
    line_ids = fields.One2many(
        "msom.payment.demand.line", "demand_id", string="Documents"
    )
    virtual_account_id = fields.Many2one(
        "msom.virtual.account", string="Individual Account"
    )
    delivery = fields.Selection(
        [("email", "E-mail (e-invoice consent)"), ("post", "Registered post")],
        required=True,
        default="post",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    sent_date = fields.Datetime(readonly=True)

    @api.depends("amount_principal", "amount_interest")
    def _compute_amount_total(self):
        for demand in self:
            demand.amount_total = round(
                demand.amount_principal + demand.amount_interest, 2
            )

    def _render_pdf(self):
        self.ensure_one()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            "msom_collection.action_report_payment_demand", self.ids
        )
        return pdf

    def action_send(self):
        """E-mail the letters whose debtor agreed to e-documents; the others
        stay for the registered-post print list."""
        template = self.env.ref("msom_collection.mail_template_payment_demand")
        for demand in self:
            if demand.state != "draft":
                continue
            if demand.delivery == "email":
                if not demand.partner_id.email:
                    raise UserError(
                        self.env._(
                            "%(name)s has no e-mail address: the demand %(number)s "
                            "must go by post.",
                            name=demand.partner_id.name,
                            number=demand.name,
                        )
                    )
                attachment = self.env["ir.attachment"].create(
                    {
                        "name": "%s.pdf" % demand.name.replace("/", "_"),
                        "datas": base64.b64encode(demand._render_pdf()),
                        "res_model": self._name,
                        "res_id": demand.id,
                        "mimetype": "application/pdf",
                    }
                )
                demand.message_post_with_source(
                    template,
                    attachment_ids=attachment.ids,
                    subtype_xmlid="mail.mt_comment",
                )
                demand.message_subscribe(partner_ids=demand.partner_id.ids)
            demand.write({"state": "sent", "sent_date": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        return True

    def action_print(self):
        return self.env.ref(
            "msom_collection.action_report_payment_demand"
        ).report_action(self)
