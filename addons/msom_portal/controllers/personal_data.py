# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.msom_estate.tools import param_text
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.msom_partner_change_request import CHANGEABLE_KEYS
from .home import FORM_TOKEN, first_redirect, is_resident, redirect_once


class MsomPersonalDataPortal(CustomerPortal):
    # The office keeps the residents' data: Odoo's own self-service editing of
    # the contact (/my/account, /my/address…) leads residents to the change
    # request instead.
    @http.route()
    def account(self, **kwargs):
        if is_resident():
            return request.redirect("/my/personal")
        return super().account(**kwargs)

    @http.route()
    def my_addresses(self, **query_params):
        if is_resident():
            return request.redirect("/my/personal")
        return super().my_addresses(**query_params)

    @http.route()
    def portal_address(self, *args, **kwargs):
        if is_resident():
            return request.redirect("/my/personal")
        return super().portal_address(*args, **kwargs)

    @http.route()
    def portal_address_submit(self, partner_id=None, **form_data):
        if is_resident():
            raise Forbidden()
        return super().portal_address_submit(partner_id=partner_id, **form_data)

    def _msom_personal_values(self, form=None, error=None):
        partner = request.env.user.partner_id
        Request = request.env["msom.partner.change.request"]
        current = Request._current_values(partner)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_personal",
            partner=partner,
            current=current,
            form=form or current,
            labels=Request._field_labels(),
            keys=CHANGEABLE_KEYS,
            error=error,
            # the record rule limits this to the resident's own requests
            change_requests=Request.search([], limit=50),
            pending=Request.search([("state", "=", "submitted")], limit=1),
            submitted=request.params.get("submitted"),
        )
        return values

    @http.route("/my/personal", type="http", auth="user", website=True, methods=["GET"])
    def portal_my_personal(self, **kw):
        if not is_resident():
            return request.redirect("/my")
        return request.render(
            "msom_portal.portal_my_personal", self._msom_personal_values()
        )

    @http.route(
        "/my/personal", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_personal_submit(self, **post):
        if not is_resident():
            return request.redirect("/my")
        token = post.get(FORM_TOKEN)
        if repeated := first_redirect(token):
            return repeated
        form = {key: post[key] for key in CHANGEABLE_KEYS if key in post}
        try:
            request.env["msom.partner.change.request"]._portal_submit(
                request.env.user.partner_id,
                {key: param_text(value, key) for key, value in form.items()},
                note=param_text(post.get("note"), "note", 2000),
            )
        except (UserError, ValidationError) as error:
            # nothing saved; the form comes back with what the resident typed
            values = self._msom_personal_values(
                form=dict(
                    request.env["msom.partner.change.request"]._current_values(
                        request.env.user.partner_id
                    ),
                    **form,
                ),
                error=error.args[0],
            )
            values["note"] = post.get("note", "")
            return request.render("msom_portal.portal_my_personal", values)
        return redirect_once(token, "/my/personal?submitted=1")
