# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.msom_estate.tools import param_id, param_text, param_token

from .tickets import ticket_form_values, user_error_text

MAX_CONTACT = 120


class MsomPublicReport(http.Controller):
    """The anonymous report form (no account), opened from the QR codes
    printed per building, staircase and unit (``/zgloszenie/<token>``)."""

    def _public_values(self, location=None, token=None, form=None, error=None):
        values = ticket_form_values(form, error)
        buildings = (
            request.env["fsm.location"]
            .sudo()
            .search_fetch(
                [("location_level", "=", "building")],
                ["complete_name", "partner_latitude", "partner_longitude"],
                order="complete_name",
            )
        )
        values.update(
            buildings=buildings,
            qr_location=location,
            token=token or "",
        )
        return values

    def _location_for_token(self, token):
        token = param_token(token, "token", max_length=64)
        if not token or len(token) < 12:
            return request.env["fsm.location"]
        return (
            request.env["fsm.location"]
            .sudo()
            .search([("public_report_token", "=", token)], limit=1)
        )

    @http.route(
        ["/zgloszenie", "/zgloszenie/<string:token>"],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def msom_public_report(self, token=None, **kw):
        location = self._location_for_token(token)
        if token and not location:
            raise request.not_found()
        return request.render(
            "msom_portal.public_report_form", self._public_values(location, token)
        )

    @http.route(
        "/zgloszenie/wyslij",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def msom_public_report_submit(self, **post):
        env = request.env
        Ticket = env["fsm.order"].sudo()
        token = post.get("token") or ""
        location = self._location_for_token(token)
        Attempt = env["msom.public.report.attempt"]
        # the client's address: the proxy's unless Odoo runs with proxy_mode
        address = request.httprequest.remote_addr
        try:
            Attempt._msom_check_limit(address)
        except UserError as error:
            return request.render(
                "msom_portal.public_report_form",
                self._public_values(location, token, post, user_error_text(error)),
                status=429,
            )
        if post.get("website_url"):
            # Honeypot: a field hidden from people, filled in by bots. Pretend
            # to accept (counted like a report), store nothing.
            Attempt._msom_count_attempt(address)
            return request.redirect("/zgloszenie/dziekujemy")
        photos = request.httprequest.files.getlist("photos")
        try:
            with env.cr.savepoint():
                vals = self._public_ticket_vals(post, location)
                checked = Ticket._msom_portal_read_photos(photos)
                ticket = (
                    Ticket.with_company(vals["company_id"])
                    .with_context(mail_create_nosubscribe=True)
                    .create(vals)
                )
                ticket._msom_attach_photos(checked)
        except (UserError, ValidationError) as error:
            return request.render(
                "msom_portal.public_report_form",
                self._public_values(location, token, post, user_error_text(error)),
                status=400,
            )
        Attempt._msom_count_attempt(address)
        return request.redirect(
            "/zgloszenie/dziekujemy?" + url_encode({"ref": ticket.name})
        )

    def _public_ticket_vals(self, post, location):
        env = request.env
        Ticket = env["fsm.order"].sudo()
        latitude, longitude = Ticket._msom_report_point(
            post.get("latitude"), post.get("longitude")
        )
        building_id = param_id(post.get("building_id"), "building_id")
        if not location and building_id:
            location = (
                env["fsm.location"]
                .sudo()
                .search([("id", "=", building_id), ("location_level", "=", "building")])
            )
            if not location:
                raise UserError(env._("Choose a building from the list."))
        if not location and latitude is not None:
            location = env["fsm.location"]._msom_nearest_building(latitude, longitude)
            if not location:
                raise UserError(
                    env._(
                        "The pin is not at any of our buildings. Move it closer "
                        "or choose the building from the list."
                    )
                )
        if not location:
            raise UserError(
                env._("Choose the building from the list or set a pin on the map.")
            )
        name, phone, email = (
            param_text(post.get(key), key, MAX_CONTACT, truncate=True)
            for key in ("reporter_name", "reporter_phone", "reporter_email")
        )
        if email and not email_normalize(email):
            raise UserError(
                env._("“%(email)s” is not a valid e-mail address.", email=email)
            )
        if not (phone or email):
            raise UserError(
                env._("Give a phone number or an e-mail so that we can answer you.")
            )
        vals = {
            "location_id": location.id,
            "company_id": location.company_id.id or env.company.id,
            "channel": "anonymous",
            "description": Ticket._msom_report_description(post.get("description")),
            "reporter_name": name or False,
            "reporter_phone": phone or False,
            "reporter_email": email or False,
        }
        category_id = param_id(post.get("category_id"), "category_id")
        if category_id:
            category = (
                env["fsm.category"]
                .sudo()
                .search([("id", "=", category_id), ("portal_visible", "=", True)])
            )
            if not category:
                raise UserError(env._("Choose a kind of problem from the list."))
            vals["category_id"] = category.id
        if latitude is not None:
            vals.update(latitude=latitude, longitude=longitude)
        return vals

    @http.route(
        "/zgloszenie/dziekujemy",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def msom_public_report_thanks(self, ref=None, **kw):
        return request.render(
            "msom_portal.public_report_thanks",
            {"ref": param_text(ref, "ref", 32, truncate=True)},
        )
