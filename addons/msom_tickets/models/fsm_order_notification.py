# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import UserError


class FsmOrder(models.Model):
    """Messages to the reporter: stage templates and the office's answers."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    def _has_reporter_contact(self):
        self.ensure_one()
        return self.is_ticket and bool(self.reporter_partner_id or self.reporter_email)

    def _msom_office_author(self):
        """The author of the office's messages to the reporter: the
        cooperative itself, whoever's action sent them (the resident who
        reported, a worker who changed the stage, a cron); the system's
        OdooBot when the company has no e-mail address to send from."""
        self.ensure_one()
        # sudo: residents and the public may not read the company's contact
        office = (self.company_id or self.env.company).sudo().partner_id
        return office if office.email else self.env.ref("base.partner_root").sudo()

    def _msom_office_authorship(self):
        """Author and sender of an office message posted from a template; both
        are given, or mail's composer takes the current user as the author."""
        author = self._msom_office_author()
        return {"author_id": author.id, "email_from": author.email_formatted}

    def _notify_reporter_of_stage(self):
        """Send the stage's template to the reporter (creation message)."""
        self.ensure_one()
        template = self.stage_id.mail_template_id
        if template and self._has_reporter_contact():
            # Residents and the public create tickets too; the message is the
            # office's acknowledgement, sent whatever the creator may read.
            self.sudo().message_post_with_source(
                template,
                **self._msom_office_authorship(),
                # the resident who reported is told too, though her action sent it
                notify_author_mention=True,
                subtype_xmlid="mail.mt_comment",
                message_type="auto_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _msom_stage_template(self):
        """The office's message for the stage the ticket has entered.

        The "registered" acknowledgement goes once, when the ticket is created
        (_notify_reporter_of_stage); a ticket that comes back to the first
        stage was reopened, and the reporter is told so.
        """
        self.ensure_one()
        template = self.stage_id.mail_template_id
        if template and self.ticket_state == "new":
            return self.env.ref(
                "msom_tickets.mail_template_ticket_reopened", raise_if_not_found=False
            )
        return template

    def _track_template(self, changes):
        res = super()._track_template(changes)
        ticket = self[0]
        template = ticket._msom_stage_template() if "stage_id" in changes else None
        if template and ticket._has_reporter_contact():
            res["stage_id"] = (
                template,
                {
                    **ticket._msom_office_authorship(),
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_comment"
                    ),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def action_answer_reporter(self):
        """Open the composer with the stage's (or the generic) template."""
        self.ensure_one()
        if not self._has_reporter_contact():
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has no reporter with an account or an "
                    "e-mail address to answer.",
                    ticket=self.name,
                )
            )
        template = self.stage_id.mail_template_id or self.env.ref(
            "msom_tickets.mail_template_ticket_answer"
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "fsm.order",
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id,
                "default_partner_ids": self.reporter_partner_id.ids,
                "default_subtype_xmlid": "mail.mt_comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }

    def _get_reporter_lang(self):
        self.ensure_one()
        lang = self.reporter_partner_id.lang
        if not lang and self.env["res.lang"]._lang_get("pl_PL"):
            lang = "pl_PL"
        return lang or self.env.lang or "en_US"
