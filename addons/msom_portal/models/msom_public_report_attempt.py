# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .fsm_order import int_param

DEFAULT_LIMIT_PER_HOUR = 5


class MsomPublicReportAttempt(models.Model):
    """One submission of the anonymous report form, for the per-IP limit.

    Only a salted hash of the address is kept, and only for a day.
    """

    _name = "msom.public.report.attempt"
    _description = "Anonymous Report Attempt"
    _order = "id desc"
    _log_access = False

    address_hash = fields.Char(required=True, index=True)
    attempt_time = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now
    )

    @api.model
    def _hash_address(self, address):
        salt = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()

    @api.model
    def _limit_per_hour(self):
        return int_param(
            self.env, "msom_portal.public_report_rate_limit", DEFAULT_LIMIT_PER_HOUR
        )

    @api.model
    def _msom_check_limit(self, address):
        """Refuse a submission from ``address`` once the hourly limit of
        accepted reports is reached. Reports refused for their content are
        not counted: neighbours behind one carrier NAT share the limit."""
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = self.sudo().search_count(
            [
                ("address_hash", "=", self._hash_address(address or "?")),
                ("attempt_time", ">=", since),
            ]
        )
        if recent >= self._limit_per_hour():
            raise UserError(
                self.env._(
                    "Too many reports were sent from your connection. Try again "
                    "in an hour or call the office."
                )
            )

    @api.model
    def _msom_count_attempt(self, address):
        """Count an accepted submission from ``address``."""
        self.sudo().create({"address_hash": self._hash_address(address or "?")})

    @api.autovacuum
    def _gc_old_attempts(self):
        limit = fields.Datetime.now() - timedelta(days=1)
        self.sudo().search([("attempt_time", "<", limit)]).unlink()
