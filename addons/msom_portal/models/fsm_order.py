# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

DEFAULT_MAX_PHOTOS = 5


def int_param(env, key, default):
    """An integer system parameter, ``default`` when unset or not a number."""
    value = env["ir.config_parameter"].sudo().get_param(key, default)
    try:
        return int(value)
    except ValueError:
        return default


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    # Residents answer on their tickets from the portal chatter: reading the
    # ticket (granted by msom_tickets' record rules) is enough to post on it.
    _mail_post_access = "read"

    msom_entry_permission = fields.Boolean(
        string="Entry When Absent",
        tracking=True,
        help="The reporter allows the contractor to enter the unit when nobody "
        "is at home (with the administration's key).",
    )

    def _msom_resident_report_fields(self):
        return super()._msom_resident_report_fields() | {"msom_entry_permission"}

    # ------------------------------------------------------------------
    # Input from the portal forms (resident and anonymous); the checks are
    # msom_tickets' report API (fsm_order_report.py)
    # ------------------------------------------------------------------

    @api.model
    def _msom_portal_max_photos(self):
        return int_param(self.env, "msom_portal.report_max_photos", DEFAULT_MAX_PHOTOS)

    @api.model
    def _msom_portal_read_photos(self, files):
        """Photos of a portal form, at most the portal's number of them."""
        return self._msom_report_photos(files, self._msom_portal_max_photos())

    # ------------------------------------------------------------------
    # Portal reads
    # ------------------------------------------------------------------

    def _msom_portal_history(self):
        """Stage changes of the ticket: [(date, old stage, new stage)]."""
        self.ensure_one()
        self.check_access("read")
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "fsm.order"),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.name", "=", "stage_id"),
                ],
                order="id",
            )
        )
        return [
            (value.create_date, value.old_value_char, value.new_value_char)
            for value in values
        ]

    def _msom_portal_documents(self):
        """Photos, protocols and other files attached to the ticket."""
        self.ensure_one()
        self.check_access("read")
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", "fsm.order"), ("res_id", "=", self.id)],
                order="id",
            )
        )
