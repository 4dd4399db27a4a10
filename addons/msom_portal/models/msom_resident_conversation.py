# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup, escape
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError, UserError

from odoo.addons.msom_estate.tools import demo_env, param_text

# Longest message a resident may send from the portal.
MESSAGE_MAX_CHARS = 4000


class MsomResidentConversation(models.Model):
    """The one chat thread between a resident and the office."""

    _name = "msom.resident.conversation"
    _description = "Conversation with the Office"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "last_message_date desc nulls last, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Operator",
        domain=[("share", "=", False)],
        tracking=True,
    )
    last_message_date = fields.Datetime(readonly=True)
    operator_unread_count = fields.Integer(
        string="Unread by the Office", readonly=True, default=0
    )
    resident_unread_count = fields.Integer(
        string="Unread by the Resident", readonly=True, default=0
    )

    _partner_uniq = models.Constraint(
        "UNIQUE(partner_id)", "A resident has a single conversation with the office."
    )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for conversation in self:
            conversation.access_url = "/my/chat"
        return result

    @api.model
    def _get_for_partner(self, partner):
        """The resident's conversation, created on first use.

        Another transaction may create it meanwhile (the resident opens the
        chat while the booking of their online payment posts to it). This
        transaction cannot read that thread (repeatable read): instead of
        failing on the unique partner, it asks to be retried
        (ConcurrencyError: Odoo retries requests), and the retry finds it.
        """
        conversation = self.sudo().search([("partner_id", "=", partner.id)], limit=1)
        if conversation:
            return conversation
        try:
            with self.env.cr.savepoint():
                conversation = self.sudo().create(
                    {
                        "partner_id": partner.id,
                        "company_id": partner._msom_resident_company().id,
                    }
                )
        except UniqueViolation as error:
            raise ConcurrencyError(
                f"Conversation of partner {partner.id} created concurrently"
            ) from error
        # The resident follows the thread: the office's answers reach them by
        # e-mail and web push as well as live in the portal.
        conversation.message_subscribe(partner_ids=partner.ids)
        return conversation

    def _portal_post(self, text):
        """Post the resident's plain-text message (escaped, never HTML)."""
        self.ensure_one()
        text = param_text(text, self.env._("Message"), max_length=None)
        if not text:
            raise UserError(self.env._("Write a message before sending it."))
        if len(text) > MESSAGE_MAX_CHARS:
            raise UserError(
                self.env._(
                    "A message may have at most %(max)s characters.",
                    max=MESSAGE_MAX_CHARS,
                )
            )
        body = Markup("<br/>").join(escape(line) for line in text.splitlines())
        return (
            self.sudo()
            .with_context(mail_post_autofollow=False)
            .message_post(
                body=body,
                author_id=self.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if not self._msom_is_public(message):
            return result
        for conversation in self.sudo():
            from_resident = message.author_id == conversation.partner_id
            values = {"last_message_date": message.date}
            if from_resident:
                values["operator_unread_count"] = conversation.operator_unread_count + 1
            else:
                values["resident_unread_count"] = conversation.resident_unread_count + 1
                values["operator_unread_count"] = 0
            conversation.write(values)
            conversation.partner_id._bus_send(
                "msom.conversation/message",
                conversation._portal_message_values(message),
            )
        return result

    @api.model
    def _msom_is_public(self, message):
        """A comment the resident may see (not an internal note of the office)."""
        return (
            message.message_type == "comment"
            and not message.is_internal
            and not message.subtype_id.internal
        )

    def _portal_message_values(self, message):
        return {
            "id": message.id,
            "conversation_id": self.id,
            "body": str(message.body or ""),
            "author": message.author_id.name or "",
            "from_resident": message.author_id == self.partner_id,
            "date": fields.Datetime.to_string(message.date),
        }

    def _portal_messages(self, limit=200):
        self.ensure_one()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "=", "comment"),
                    ("is_internal", "=", False),
                    ("subtype_id.internal", "=", False),
                ],
                order="id desc",
                limit=limit,
            )
        )
        return messages.sorted("id")

    def action_mark_read(self):
        # The office's button: written with the caller's rights, so a
        # resident cannot hide another resident's message from the office.
        self.write({"operator_unread_count": 0})
        return True

    def _mark_read_by_resident(self):
        self.sudo().filtered("resident_unread_count").write(
            {"resident_unread_count": 0}
        )

    @api.model
    def _demo_conversation(self, partner_id):
        """Demo: a short exchange between the demo resident and the office."""
        self = self.with_env(demo_env(self.env, "msom_portal"))  # noqa: PLW0642
        partner = self.env["res.partner"].browse(partner_id)
        conversation = self._get_for_partner(partner)
        if not conversation.message_ids.filtered(lambda m: m.message_type == "comment"):
            conversation._portal_post(
                "Dzień dobry, w łazience od wczoraj słabo leci ciepła woda."
            )
            conversation.message_post(
                body=Markup(
                    "<p>Dzień dobry, sprawdzimy to jutro rano; konserwator "
                    "zadzwoni przed wizytą.</p>"
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return conversation
