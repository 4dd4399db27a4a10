# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomAnnouncementRecipient(models.Model):
    _name = "msom.announcement.recipient"
    _description = "Announcement Recipient"
    _order = "id"

    announcement_id = fields.Many2one(
        "msom.announcement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Resident", required=True, ondelete="cascade"
    )
    read_date = fields.Datetime(string="Read On")
    is_read = fields.Boolean(string="Read", compute="_compute_is_read")

    _announcement_partner_uniq = models.Constraint(
        "UNIQUE(announcement_id, partner_id)",
        "A resident receives an announcement only once.",
    )
    _partner_idx = models.Index("(partner_id, read_date)")

    def _compute_is_read(self):
        for recipient in self:
            recipient.is_read = bool(recipient.read_date)
