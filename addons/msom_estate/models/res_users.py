# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError

# What the office knows a resident or contractor by: Odoo lets every user
# rewrite these on their own user; ours ask the office (residents through the
# personal data page), so that notices, ballots and the operator's screens
# show what the office checked.
OFFICE_KEPT_FIELDS = frozenset({"name", "email", "phone", "signature"})


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        if (
            OFFICE_KEPT_FIELDS.intersection(vals)
            and not self.env.su
            and self == self.env.user
            and self._msom_is_cooperative_portal_user()
        ):
            raise AccessError(
                self.env._(
                    "Your name, e-mail address and phone number are kept by the "
                    "office: ask for a change on the personal data page."
                )
            )
        return super().write(vals)

    def _msom_is_cooperative_portal_user(self):
        self.ensure_one()
        return self.share and self.has_groups(
            "msom_estate.group_msom_resident,msom_estate.group_msom_contractor"
        )
