# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.fields import Domain


class FsmOrder(models.Model):
    """New jobs reach the contractor's mailbox and phone (web push)."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    def _msom_job_recipients(self):
        """Portal users to tell about this job: the worker, else the company."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()
        group = self.env.ref("msom_estate.group_msom_contractor")
        if self.person_id:
            domain = Domain("partner_id", "=", self.person_id.partner_id.id)
        elif self.contractor_id:
            domain = Domain(
                "partner_id.commercial_partner_id", "=", self.contractor_id.id
            )
        else:
            return Users
        return Users.search(domain & Domain("group_ids", "in", group.ids))

    def _msom_notify_new_job(self):
        """Tell the job's recipients through mail: the new-job message reaches
        their mailbox, and the phones that subscribed by web push."""
        if self.env.context.get("tracking_disable") or self.env.context.get(
            "msom_no_job_notification"
        ):
            return
        template = self.env.ref(
            "msom_contractor.mail_template_new_job", raise_if_not_found=False
        )
        if not template:
            return
        Device = self.env["mail.push.device"].sudo()
        for order in self:
            partners = order._msom_job_recipients().partner_id
            # Only who can be reached: an e-mail address or a subscribed phone.
            with_phone = Device.search([("partner_id", "in", partners.ids)]).partner_id
            partners = partners.filtered("email") | with_phone
            if partners:
                # Written in the worker's language, not the operator's.
                lang = partners[:1].lang or order.company_id.partner_id.lang
                # An internal note: followers (the reporter) are not told.
                order.sudo().with_context(
                    lang=lang, msom_new_job=True
                ).message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                    partner_ids=partners.ids,
                    email_layout_xmlid="mail.mail_notification_light",
                )

    def _notify_by_web_push_prepare_payload(
        self, message, msg_vals=False, force_record_name=False
    ):
        """A new job's push names the job and opens its page on the phone."""
        payload = super()._notify_by_web_push_prepare_payload(
            message, msg_vals=msg_vals, force_record_name=force_record_name
        )
        if self.env.context.get("msom_new_job") and len(self) == 1:
            payload["title"] = self.env._("New job %(job)s", job=self.name)
            payload["options"].update(
                body="%s, %s"
                % (self.category_id.name or "", self.location_id.display_name),
                tag=f"msom-job-{self.id}",
            )
            payload["options"]["data"]["url"] = f"/wykonawca/zlecenie/{self.id}"
        return payload
