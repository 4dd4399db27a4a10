# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import Command, models
from odoo.fields import Domain


class FsmOrder(models.Model):
    """New jobs reach the contractor's phone (web push) or mailbox."""

    _inherit = "fsm.order"

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
        """Web push to the phones that subscribed, e-mail to the others."""
        if self.env.context.get("tracking_disable") or self.env.context.get(
            "msom_no_job_notification"
        ):
            return
        thread = self.env["mail.thread"].sudo()
        template = self.env.ref(
            "msom_contractor.mail_template_new_job", raise_if_not_found=False
        )
        for order in self:
            users = order._msom_job_recipients()
            if not users:
                continue
            devices, private_key, public_key = thread._web_push_get_partners_parameters(
                users.partner_id.ids
            )
            pushed = devices.partner_id if private_key else self.env["res.partner"]
            if pushed:
                payload = {
                    "title": self.env._("New job %(job)s", job=order.name),
                    "options": {
                        "body": "%s, %s"
                        % (
                            order.category_id.name or "",
                            order.location_id.display_name,
                        ),
                        "data": {"url": f"/wykonawca/zlecenie/{order.id}"},
                        "tag": f"msom-job-{order.id}",
                    },
                }
                thread._web_push_send_notification(
                    devices, private_key, public_key, payload=payload
                )
            to_mail = users.partner_id - pushed
            to_mail = to_mail.filtered("email")
            if template and to_mail:
                template.sudo().send_mail(
                    order.id,
                    email_values={
                        "recipient_ids": [Command.link(p.id) for p in to_mail]
                    },
                )
