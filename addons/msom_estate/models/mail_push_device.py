# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from urllib.parse import urlsplit

from odoo import api, models
from odoo.exceptions import UserError

# The push services of the browsers on residents' and contractors' phones:
# Chrome, Edge, Opera and Samsung Internet (Google FCM), Firefox (Mozilla
# autopush), Safari (Apple), Edge on Windows (WNS). Odoo posts each
# notification to the endpoint the browser gave: any other address would make
# the server send requests wherever a portal user points it.
PUSH_SERVICE_DOMAINS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
)


class MailPushDevice(models.Model):
    _inherit = "mail.push.device"

    @api.model
    def register_devices(self, **kw):
        if (
            not self.env.su
            and kw.get("endpoint")
            and self.env.user._msom_is_cooperative_portal_user()
            and not self._msom_is_push_service(kw["endpoint"])
        ):
            raise UserError(
                self.env._(
                    "This browser's notification service is not supported; "
                    "notifications stay available by e-mail."
                )
            )
        return super().register_devices(**kw)

    @api.model
    def _msom_is_push_service(self, endpoint):
        try:
            url = urlsplit(str(endpoint))
            port = url.port
        except ValueError:
            return False
        host = (url.hostname or "").lower()
        return (
            url.scheme == "https"
            and port in (None, 443)
            and not url.username
            and any(
                host == domain or host.endswith("." + domain)
                for domain in PUSH_SERVICE_DOMAINS
            )
        )
