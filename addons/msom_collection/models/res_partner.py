# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.msom_estate.tools.concurrency import serialise_on

MAX_INSTALMENTS = 24


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_public_medical_entity = fields.Boolean(
        string="Public Medical Entity",
        help="A business debtor that is a public entity and a podmiot leczniczy: "
        "late payments carry the NBP reference rate + 8 pp instead of + 10 pp "
        "(art. 4 pkt 3 lit. a of the act of 8 March 2013).",
    )

    def _msom_open_instalment_request(self):
        """Portal API: the office's open to-do for an instalment plan
        requested in the portal by this partner, if any."""
        self.ensure_one()
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", self.id),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("msom_collection.activity_instalment_request").id,
                    ),
                ],
                limit=1,
            )
        )

    def _msom_instalment_office_user(self):
        """Who handles the request: an accountant of the partner's company,
        else a manager, else the administrator."""
        company = self._msom_resident_company()
        for xmlid in (
            "msom_estate.group_msom_accountant",
            "msom_estate.group_msom_manager",
        ):
            users = (
                self.env.ref(xmlid)
                .sudo()
                .all_user_ids.filtered(
                    lambda u, c=company: not u.share and c in u.company_ids
                )
            )
            if users:
                return users.sorted("id")[:1]
        return self.env.ref("base.user_admin")

    def _msom_request_instalments(self, note, count=None):
        """Portal API: a resident asks for an instalment plan: a to-do for the
        office on the partner (with the resident's words) and a note in its
        chatter."""
        self.ensure_one()
        note = (note or "").strip()[:2000]
        try:
            count = int(count) if count not in (None, "") else 0
        except ValueError:
            count = -1
        if count and not 2 <= count <= MAX_INSTALMENTS:
            raise UserError(
                self.env._(
                    "The number of instalments must be from 2 to %(max)s.",
                    max=MAX_INSTALMENTS,
                )
            )
        if not note:
            raise UserError(
                self.env._("Describe briefly why you ask for an instalment plan.")
            )
        # two tabs sending at once: the second waits, then finds the first
        serialise_on(self)
        if self._msom_open_instalment_request():
            raise UserError(
                self.env._(
                    "Your request for an instalment plan is already with the office."
                )
            )
        summary = self.env._("Instalment plan requested in the portal")
        text = (
            self.env._("Requested instalments: %(count)s", count=count) if count else ""
        )
        body = Markup("<p>%s</p><p>%s</p>") % (note, text)
        partner = self.sudo()
        partner.activity_schedule(
            "msom_collection.activity_instalment_request",
            summary=summary,
            note=body,
            user_id=self._msom_instalment_office_user().id,
        )
        partner.message_post(
            body=Markup("<p><b>%s</b></p>") % summary + body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return True
