# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .fsm_stage import DONE_STATES


class FsmOrder(models.Model):
    """After completion: the reporter's rating and reopening."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    rating = fields.Integer(copy=False, aggregator="avg")
    rating_comment = fields.Text(copy=False)
    rated_on = fields.Datetime(copy=False, readonly=True)
    reopen_count = fields.Integer(copy=False, readonly=True, aggregator="sum")
    reopen_reason = fields.Text(string="Last Reopen Reason", copy=False, readonly=True)

    _rating_range = models.Constraint(
        "CHECK(rating IS NULL OR (rating >= 0 AND rating <= 5))",
        lambda env, diag: env._("The rating must be between 1 and 5."),
    )

    def action_open_reopen_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_tickets.action_msom_ticket_reopen"
        )
        action["context"] = {"default_order_id": self.id}
        return action

    def _check_reporter_or_operator(self):
        self.ensure_one()
        self.check_access("read")
        user = self.env.user
        if user.has_group("msom_estate.group_msom_operator"):
            return
        if self.reporter_partner_id and self.reporter_partner_id == user.partner_id:
            return
        raise AccessError(
            self.env._(
                "Only the reporter or an operator can do this on %(ticket)s.",
                ticket=self.name,
            )
        )

    def action_msom_rate(self, rating, comment=None):
        self.ensure_one()
        self._check_reporter_or_operator()
        if self.ticket_state not in DONE_STATES:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s can be rated once it is done.", ticket=self.name
                )
            )
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationError(self.env._("The rating must be between 1 and 5."))
        self.sudo().write(
            {
                "rating": rating,
                "rating_comment": comment or False,
                "rated_on": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "Rated %(rating)s/5. %(comment)s", rating=rating, comment=comment or ""
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_msom_reopen(self, reason):
        self.ensure_one()
        self._check_reporter_or_operator()
        if self.ticket_state not in DONE_STATES:
            raise UserError(
                self.env._(
                    "Only a done or closed ticket can be reopened (%(ticket)s is "
                    "“%(stage)s”).",
                    ticket=self.name,
                    stage=self.stage_id.name,
                )
            )
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the ticket is being reopened."))
        stage = self._stage_for_state("new")
        self.sudo().write(
            {
                "stage_id": stage.id,
                "reopen_count": self.reopen_count + 1,
                "reopen_reason": reason.strip(),
                "done_date": False,
                "rating": 0,
                "rating_comment": False,
                "rated_on": False,
            }
        )
        self.sudo().message_post(
            body=self.env._("Reopened: %(reason)s", reason=reason.strip()),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
        )
        return True
