# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MsomLoginEvent(models.Model):
    """One login attempt on a user's login, successful or not."""

    _name = "msom.login.event"
    _description = "Login Attempt"
    _order = "date desc, id desc"
    _rec_name = "date"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", readonly=True
    )
    login = fields.Char(readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    platform = fields.Char(string="Device", readonly=True)
    browser = fields.Char(readonly=True)
    user_agent = fields.Char(readonly=True)
    result = fields.Selection(
        [
            ("success", "Success"),
            ("wrong_password", "Wrong password"),
            ("locked", "Locked: too many attempts"),
        ],
        required=True,
        readonly=True,
    )

    _user_date_idx = models.Index("(user_id, date DESC)")

    @api.autovacuum
    def _gc_old_events(self):
        """Keep two years of login history."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), years=2)
        self.sudo().search([("date", "<", limit)], limit=10000).unlink()
