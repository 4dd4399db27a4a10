# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.msom_estate.tools import param_int, param_text
from odoo.addons.portal.controllers.portal import CustomerPortal

from .home import (
    FORM_TOKEN,
    MsomPortalHome,
    first_redirect,
    is_resident,
    redirect_once,
)
from .tickets import user_error_text

# Consents a resident grants or withdraws with one tap. Payment in instalments
# is agreed with the office: its only portal path is the instalment request.
PORTAL_CONSENTS = ("einvoice", "ereading")


class MsomPortalConsents(CustomerPortal):
    """E-invoice, e-reading and instalment consents of the resident, with
    the history, and the request for an instalment plan."""

    @http.route("/my/consents", type="http", auth="user", website=True)
    def msom_my_consents(self, error=None, message=None, **kw):
        if not is_resident():
            raise request.not_found()
        env = request.env
        partner = env.user.partner_id
        consents = {c.consent_type: c for c in env["msom.consent"].search([])}
        labels = dict(
            env["msom.consent"]._fields["consent_type"]._description_selection(env)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_consents",
            consent_types=[(key, labels[key]) for key in PORTAL_CONSENTS],
            instalments=consents.get("installments"),
            consents=consents,
            history=env["msom.consent.log"].search([], limit=50),
            open_request=partner._msom_open_instalment_request(),
            error=error,
            message=message,
        )
        return request.render("msom_portal.portal_my_consents", values)

    @http.route(
        "/my/consents/<string:consent_type>/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_consent_change(self, consent_type, action, **post):
        """Grant or withdraw one of the user's own consents (any partner id
        sent along is ignored)."""
        if not is_resident() or action not in ("grant", "withdraw"):
            raise request.not_found()
        if consent_type not in PORTAL_CONSENTS:
            raise request.not_found()
        partner = request.env.user.partner_id
        try:
            with request.env.cr.savepoint():
                if action == "grant":
                    partner.msom_grant_consent(consent_type, channel="portal")
                else:
                    partner.msom_withdraw_consent(consent_type, channel="portal")
        except (UserError, ValidationError, AccessError) as error:
            return self._msom_consents_back(error=user_error_text(error))
        return self._msom_consents_back(message=action)

    @http.route(
        "/my/consents/instalments/request",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_instalment_request(self, note=None, count=None, **post):
        if not is_resident():
            raise request.not_found()
        token = post.get(FORM_TOKEN)
        if repeated := first_redirect(token):
            return repeated
        partner = request.env.user.partner_id
        try:
            with request.env.cr.savepoint():
                partner._msom_request_instalments(
                    param_text(note, "note", 2000, truncate=True),
                    param_int(count, "count", minimum=0, default=0),
                )
        except (UserError, ValidationError, AccessError) as error:
            return self._msom_consents_back(error=user_error_text(error))
        return redirect_once(
            token, f"/my/consents?{url_encode({'message': 'requested'})}"
        )

    @staticmethod
    def _msom_consents_back(**params):
        return request.redirect(f"/my/consents?{url_encode(params)}")


class MsomPortalHomeConsents(MsomPortalHome):
    def _msom_home_tiles(self):
        tiles = super()._msom_home_tiles()
        if not is_resident():
            return tiles
        env = request.env
        granted = env["msom.consent"].search_count(
            [("granted", "=", True), ("consent_type", "in", PORTAL_CONSENTS)]
        )
        tiles.append(
            {
                "key": "consents",
                "sequence": 90,
                "title": env._("Consents"),
                "value": f"{granted}/{len(PORTAL_CONSENTS)}",
                "text": env._("E-invoice, e-reading, instalments"),
                "url": "/my/consents",
                "icon": "fa-handshake-o",
                "variant": "info",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])
