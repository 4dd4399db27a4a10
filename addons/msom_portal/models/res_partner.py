# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

MAX_INSTALMENTS = 24


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_correspondence_street = fields.Char(string="Correspondence Street")
    msom_correspondence_zip = fields.Char(string="Correspondence Postal Code")
    msom_correspondence_city = fields.Char(string="Correspondence City")
    msom_refund_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Bank Account for Refunds",
        domain="[('partner_id', '=', id)]",
        ondelete="set null",
    )

    def _msom_resident_company(self):
        """The company of the partner's current occupancy (for new records)."""
        self.ensure_one()
        occupancy = (
            self.env["msom.occupancy"]
            .sudo()
            .search([("partner_id", "=", self.id), ("is_current", "=", True)], limit=1)
        )
        return occupancy.company_id or self.company_id or self.env.company

    def _msom_portal_units(self):
        """Units of this resident's current occupancies, in a stable order.

        Read with the caller's rights: record rules of msom_estate limit a
        resident to their own occupancies.
        """
        return self._get_current_units().sorted(
            lambda unit: (unit.complete_name or "", unit.id)
        )

    def _msom_portal_places(self):
        """The units and the staircases, buildings and estates they are in:
        where a resident may report a problem."""
        units = self._msom_portal_units()
        return {
            "units": units,
            "staircases": units.staircase_id,
            "buildings": units.building_id,
            "estates": units.estate_id,
        }

    # ------------------------------------------------------ instalment plans

    def _msom_open_instalment_request(self):
        """The office's open to-do for an instalment plan requested in the
        portal by this partner, if any."""
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
                        self.env.ref("msom_portal.activity_instalment_request").id,
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
        """A resident asks for an instalment plan: a to-do for the office on
        the partner (with the resident's words) and a note in its chatter."""
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
            "msom_portal.activity_instalment_request",
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
