# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import secrets

from odoo import api, fields, models
from odoo.tools import SQL


class MsomSubmission(models.Model):
    """The one-time token of a portal form, and what its submission gave.

    A form carries a fresh token; the first request that sends it claims it
    and stores its result (where to go next, or the answer of a JSON call).
    A repeated submission (a double click, a retried POST after a timeout,
    the same form sent from two tabs) gets that first result instead of
    doing the work again. Two requests at the same moment: the second one's
    insert waits for the first and then fails to serialise, Odoo retries it,
    and the retry finds the first one's result.
    """

    _name = "msom.submission"
    _description = "Portal Form Submission"
    _log_access = False

    token = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    result = fields.Json(readonly=True)
    create_date = fields.Datetime(readonly=True, default=fields.Datetime.now)

    _token_unique = models.Constraint("UNIQUE(token)", "A form token is used once.")

    @api.model
    def _msom_new_token(self):
        """A fresh token for a form being rendered."""
        return secrets.token_urlsafe(24)

    @api.model
    def _msom_claim(self, token):
        """Claim `token` for the current user's submission.

        Returns None when this request goes on (a new token, a missing one,
        or one whose first submission was refused and saved nothing), else
        the result the first submission with this token stored.
        """
        if not token or not isinstance(token, str) or len(token) > 64:
            return None
        cr = self.env.cr
        cr.execute(
            SQL(
                "INSERT INTO msom_submission (token, user_id, create_date)"
                " VALUES (%s, %s, now() AT TIME ZONE 'UTC')"
                " ON CONFLICT (token) DO NOTHING RETURNING id",
                token,
                self.env.uid,
            )
        )
        if cr.fetchone():
            return None
        cr.execute(
            SQL(
                "SELECT result FROM msom_submission WHERE token = %s AND user_id = %s",
                token,
                self.env.uid,
            )
        )
        row = cr.fetchone()
        return row[0] if row else None

    @api.model
    def _msom_done(self, token, result):
        """Store the result of the submission that claimed `token`."""
        if token and isinstance(token, str):
            self.env.cr.execute(
                SQL(
                    "UPDATE msom_submission SET result = %s::jsonb"
                    " WHERE token = %s AND user_id = %s",
                    json.dumps(result),
                    token,
                    self.env.uid,
                )
            )
        return result

    @api.autovacuum
    def _gc_old_submissions(self):
        """A form is not sent again after a day."""
        self.search(
            [
                (
                    "create_date",
                    "<",
                    fields.Datetime.subtract(fields.Datetime.now(), days=1),
                )
            ]
        ).unlink()
