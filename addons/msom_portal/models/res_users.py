# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from contextvars import ContextVar

from odoo import api, models
from odoo.exceptions import AccessDenied
from odoo.http import request

_logger = logging.getLogger(__name__)

# Whether the login being tried was refused by Odoo's login cooldown; set by
# _on_login_cooldown, read by _login, within one request's thread.
_REFUSED_ON_COOLDOWN = ContextVar("msom_refused_on_cooldown", default=False)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _login(self, credential, user_agent_env):
        login = credential.get("login")
        refused = _REFUSED_ON_COOLDOWN.set(False)
        try:
            auth_info = super()._login(credential, user_agent_env)
        except AccessDenied:
            locked = _REFUSED_ON_COOLDOWN.get()
            self._msom_log_login(login, "locked" if locked else "wrong_password")
            raise
        finally:
            _REFUSED_ON_COOLDOWN.reset(refused)
        self._msom_log_login(login, "success", uid=auth_info.get("uid"))
        return auth_info

    def _on_login_cooldown(self, failures, previous):
        # Odoo's rate limit (_assert_can_auth) asks this before it lets a
        # login be tried: remember its answer for the login history.
        on_cooldown = super()._on_login_cooldown(failures, previous)
        if on_cooldown:
            _REFUSED_ON_COOLDOWN.set(True)
        return on_cooldown

    @api.model
    def _msom_log_login(self, login, result, uid=None):
        """Record the attempt; a failed one in its own transaction.

        The failed login's transaction may be rolled back with the
        AccessDenied, so the record of the attempt is written through a
        separate cursor when there is a request.
        """
        try:
            values = {"login": login, "result": result}
            if request:
                agent = request.httprequest.user_agent
                values.update(
                    ip_address=request.httprequest.remote_addr,
                    platform=agent.platform,
                    browser=agent.browser,
                    user_agent=(agent.string or "")[:250],
                )
            if result == "success" or not request:
                with self.env.cr.savepoint():
                    self._msom_create_login_event(self.env, login, uid, values)
            else:
                with self.env.registry.cursor() as cr:
                    self._msom_create_login_event(self.env(cr=cr), login, uid, values)
        except Exception:  # pylint: disable=broad-except
            # The login history must never block a login.
            _logger.exception("Could not record the login attempt of %s", login)

    @api.model
    def _msom_create_login_event(self, env, login, uid, values):
        Users = env["res.users"].sudo().with_context(active_test=False)
        user = (
            Users.browse(uid)
            if uid
            else Users.search(Users._get_login_domain(login), limit=1)
        )
        if user:
            env["msom.login.event"].sudo().create(dict(values, user_id=user.id))
