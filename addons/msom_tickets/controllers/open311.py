# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2).

Services are the case groups visible to the public, requests are tickets.
Reading is public for the tickets published by the office (those on common
parts by default, never a unit's; never the reporter); a client also reads the
tickets it reported, with its key. Posting needs an API key of an
``msom.open311.client`` and is rate-limited per key.
"""

import secrets
import time
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytz
from markupsafe import Markup, escape

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import html2plaintext

from odoo.addons.msom_estate.tools import (
    BadParameter,
    param_datetime,
    param_float,
    param_id,
    param_text,
    param_token,
)

from ..models.fsm_location import NEAREST_BUILDING_M
from ..models.fsm_stage import OPEN_STATES

FORMATS = ("json", "xml")
MAX_REQUESTS = 1000
MAX_CONTACT = 120
# A GeoReport request is a few form fields; photos travel as media_url.
MAX_BODY = 64 * 1024
OPEN311_PREFIX = "/open311/"
PUBLIC_LIMIT_PER_HOUR = 1000
_public_hits = {}  # ip -> (window start, count), per worker process


def open311_route(path, methods=("GET",)):
    """Public, sessionless GeoReport route (the API key travels as a parameter)."""
    return http.route(
        path,
        type="http",
        auth="public",
        methods=list(methods),
        csrf=False,
        save_session=False,
        max_content_length=MAX_BODY,
    )


class Open311Error(Exception):
    def __init__(self, code, description):
        super().__init__(description)
        self.code = code
        self.description = description


class Open311Controller(http.Controller):
    # ------------------------------------------------------------------
    # Plumbing: formats, errors, rate limits
    # ------------------------------------------------------------------

    def _env(self):
        lang = "pl_PL"
        accept = request.httprequest.accept_languages
        if accept and accept.best_match(["pl", "en"]) == "en":
            lang = "en_US"
        if not request.env["res.lang"]._lang_get(lang):
            lang = "en_US"
        return request.env(context=dict(request.env.context, lang=lang))

    def _respond(self, fmt, root, item, data, status=200):
        if fmt == "xml":
            element = ET.Element(root)
            for entry in data:
                child = ET.SubElement(element, item)
                self._fill_xml(child, entry)
            return self._xml_response(element, status)
        return request.make_json_response(data, status=status)

    def _xml_response(self, element, status):
        body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
        return request.make_response(
            body,
            headers=[("Content-Type", "text/xml; charset=utf-8")],
            status=status,
        )

    def _fill_xml(self, element, values):
        for key, value in values.items():
            child = ET.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    self._fill_xml(ET.SubElement(child, key.rstrip("s")), entry)
            elif isinstance(value, bool):
                child.text = "true" if value else "false"
            elif value is not None:
                child.text = str(value)

    def _error(self, fmt, error):
        data = [{"code": error.code, "description": error.description}]
        return self._respond(
            fmt if fmt in FORMATS else "json", "errors", "error", data, error.code
        )

    def _run(self, fmt, handler, *args, key_required=False):
        env = self._env()
        try:
            if fmt not in FORMATS:
                raise Open311Error(
                    404, env._("Unknown format “%(fmt)s”: use json or xml.", fmt=fmt)
                )
            # Counted even when the request then fails: no free retries.
            client = self._client(env, required=key_required)
            with env.cr.savepoint():
                return handler(env, fmt, client, *args)
        except Open311Error as error:
            return self._error(fmt, error)
        except (UserError, ValidationError, AccessError) as error:
            return self._error(fmt, Open311Error(400, str(error.args[0])))

    def _check_public_rate(self, env):
        limit = int(
            env["ir.config_parameter"]
            .sudo()
            .get_param("msom_tickets.open311_public_rate_limit", PUBLIC_LIMIT_PER_HOUR)
        )
        address = request.httprequest.remote_addr or "?"
        now = time.monotonic()
        start, count = _public_hits.get(address, (now, 0))
        if now - start > 3600:
            start, count = now, 0
        count += 1
        _public_hits[address] = (start, count)
        if count > limit:
            raise Open311Error(
                429, env._("Too many requests from this address; try again later.")
            )

    def _client(self, env, required):
        api_key = request.params.get("api_key")
        client = env["msom.open311.client"]._authenticate(
            param_token(api_key, "api_key")
        )
        if api_key and not client:
            raise Open311Error(403, env._("Invalid API key."))
        if required and not client:
            raise Open311Error(
                403, env._("An API key is required to report through Open311.")
            )
        if client:
            if not client._consume_rate_limit():
                raise Open311Error(
                    429,
                    env._(
                        "The hourly request limit of this API key (%(limit)s) is "
                        "used up; try again later.",
                        limit=client.rate_limit,
                    ),
                )
        else:
            self._check_public_rate(env)
        return client

    def _company(self, env, client):
        jurisdiction = request.params.get("jurisdiction_id")
        if client:
            return client.company_id
        if jurisdiction:
            try:
                company_id = param_id(jurisdiction, "jurisdiction_id")
            except BadParameter:
                company_id = None
            company = env["res.company"].sudo().browse(company_id).exists()
            if not company:
                raise Open311Error(
                    404,
                    env._(
                        "Unknown jurisdiction “%(id)s”.",
                        id=param_text(
                            jurisdiction, "jurisdiction_id", 64, truncate=True
                        ),
                    ),
                )
            return company
        return env.company

    # ------------------------------------------------------------------
    # Services
    # ------------------------------------------------------------------

    def _services(self, env, company):
        return (
            env["fsm.category"]
            .sudo()
            .search(
                Domain("portal_visible", "=", True)
                & Domain("company_id", "in", [company.id, False]),
                order="name",
            )
        )

    def _service_code(self, category):
        return category.code or str(category.id)

    def _service_values(self, category):
        return {
            "service_code": self._service_code(category),
            "service_name": category.name,
            "description": category.description or "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": category.parent_id.name or "",
        }

    def _find_service(self, env, company, code):
        for category in self._services(env, company):
            if self._service_code(category) == code:
                return category
        raise Open311Error(404, env._("Unknown service code “%(code)s”.", code=code))

    @open311_route("/open311/v2/services.<string:fmt>")
    def services(self, fmt, **kwargs):
        return self._run(fmt, self._get_services)

    def _get_services(self, env, fmt, client):
        company = self._company(env, client)
        data = [self._service_values(c) for c in self._services(env, company)]
        return self._respond(fmt, "services", "service", data)

    @open311_route("/open311/v2/services/<string:code>.<string:fmt>")
    def service_definition(self, code, fmt, **kwargs):
        return self._run(fmt, self._get_service_definition, code)

    def _get_service_definition(self, env, fmt, client, code):
        company = self._company(env, client)
        category = self._find_service(env, company, code)
        data = {"service_code": self._service_code(category), "attributes": []}
        if fmt == "xml":
            element = ET.Element("service_definition")
            self._fill_xml(element, data)
            return self._xml_response(element, 200)
        return request.make_json_response(data)

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------

    @staticmethod
    def _iso(value):
        if not value:
            return None
        return pytz.utc.localize(value).isoformat()

    @staticmethod
    def _parse_datetime(env, value, name):
        try:
            return param_datetime(value, name)
        except BadParameter as error:
            raise Open311Error(
                400,
                env._(
                    "%(name)s must be a W3C date-time, e.g. 2026-01-31T12:00:00Z.",
                    name=name,
                ),
            ) from error

    def _request_values(self, ticket):
        state = ticket.ticket_state
        if state == "rejected":
            notes = ticket.rejection_reason or ticket.stage_id.name
        else:
            notes = ticket.stage_id.name
        location = ticket.location_id
        return {
            "service_request_id": ticket.name,
            "status": "open" if state in OPEN_STATES else "closed",
            "status_notes": notes or "",
            "service_name": ticket.category_id.name or "",
            "service_code": self._service_code(ticket.category_id)
            if ticket.category_id
            else "",
            "description": html2plaintext(ticket.description or ""),
            "agency_responsible": ticket.contractor_id.name or "",
            "service_notice": "",
            "requested_datetime": self._iso(ticket.report_date),
            "updated_datetime": self._iso(ticket.write_date),
            "expected_datetime": self._iso(ticket.sla_deadline),
            "address": ", ".join(
                part
                for part in (
                    location.building_id.street or location.street,
                    location.city,
                )
                if part
            ),  # fmt: skip
            "address_id": "",
            "zipcode": location.zip or "",
            "lat": ticket.latitude or None,
            "long": ticket.longitude or None,
            # Our own attachments stay private (photos may show a home).
            "media_url": ticket.open311_media_url or "",
        }

    def _public_ticket_domain(self, company, client):
        published = Domain("open311_public", "=", True)
        if client:
            published |= Domain("open311_client_id", "=", client.id)
        return (
            Domain("is_ticket", "=", True)
            & Domain("company_id", "=", company.id)
            & Domain("category_id.portal_visible", "=", True)
            & Domain("merged_into_id", "=", False)
            & published
        )

    @open311_route("/open311/v2/requests.<string:fmt>", methods=["GET", "POST"])
    def requests(self, fmt, **kwargs):
        if request.httprequest.method == "POST":
            return self._run(fmt, self._post_request, key_required=True)
        return self._run(fmt, self._get_requests)

    def _get_requests(self, env, fmt, client):
        params = request.params
        company = self._company(env, client)
        domain = self._public_ticket_domain(company, client)
        if params.get("service_request_id"):
            ids = param_text(params["service_request_id"], "service_request_id", 20_000)
            names = [n.strip() for n in ids.split(",")]
            domain &= Domain("name", "in", names[:MAX_REQUESTS])
        else:
            end = (
                self._parse_datetime(env, params["end_date"], "end_date")
                if params.get("end_date")
                else fields.Datetime.now()
            )
            start = (
                self._parse_datetime(env, params["start_date"], "start_date")
                if params.get("start_date")
                else end - timedelta(days=90)
            )
            if start > end or end - start > timedelta(days=90):
                raise Open311Error(
                    400,
                    env._(
                        "start_date must come before end_date and the range may not "
                        "span more than 90 days."
                    ),
                )
            domain &= Domain("report_date", ">=", start) & Domain(
                "report_date", "<=", end
            )
            if params.get("service_code"):
                codes = param_text(params["service_code"], "service_code", 2000)
                codes = {c.strip() for c in codes.split(",")}
                categories = self._services(env, company).filtered(
                    lambda c: self._service_code(c) in codes
                )
                domain &= Domain("category_id", "in", categories.ids)
            if params.get("status"):
                statuses = param_text(params["status"], "status", 20)
                statuses = {s.strip() for s in statuses.split(",")}
                if not statuses <= {"open", "closed"}:
                    raise Open311Error(
                        400, env._("status must be open, closed or both.")
                    )
                if statuses == {"open"}:
                    domain &= Domain("ticket_state", "in", OPEN_STATES)
                elif statuses == {"closed"}:
                    domain &= Domain("ticket_state", "not in", OPEN_STATES)
        tickets = (
            env["fsm.order"]
            .sudo()
            .search(domain, limit=MAX_REQUESTS, order="report_date desc")
        )
        data = [self._request_values(ticket) for ticket in tickets]
        return self._respond(fmt, "service_requests", "request", data)

    @open311_route("/open311/v2/requests/<string:request_id>.<string:fmt>")
    def request_detail(self, request_id, fmt, **kwargs):
        return self._run(fmt, self._get_request, request_id)

    def _get_request(self, env, fmt, client, request_id):
        company = self._company(env, client)
        request_id = param_text(request_id, "service_request_id", 64)
        domain = self._public_ticket_domain(company, client)
        ticket = (
            env["fsm.order"]
            .sudo()
            .search(domain & Domain("name", "=", request_id), limit=1)
        )
        if not ticket:
            raise Open311Error(
                404, env._("Unknown service request “%(id)s”.", id=request_id)
            )
        return self._respond(
            fmt, "service_requests", "request", [self._request_values(ticket)]
        )

    @open311_route("/open311/v2/tokens/<string:token>.<string:fmt>")
    def token(self, token, fmt, **kwargs):
        return self._run(fmt, self._get_token, token)

    def _get_token(self, env, fmt, client, token):
        token = param_token(token, "token", max_length=64)
        ticket = (
            env["fsm.order"].sudo().search([("open311_token", "=", token)], limit=1)
            if token
            else None
        )
        if not ticket:
            raise Open311Error(
                404, env._("Unknown token “%(token)s”.", token=token or "?")
            )
        data = [{"service_request_id": ticket.name, "token": token}]
        return self._respond(fmt, "service_requests", "request", data)

    # ------------------------------------------------------------------
    # POST requests: a new ticket
    # ------------------------------------------------------------------

    def _post_request(self, env, fmt, client):
        params = request.params
        company = client.company_id
        if not params.get("service_code"):
            raise Open311Error(400, env._("service_code is required."))
        category = self._find_service(
            env, company, param_text(params["service_code"], "service_code", 64)
        )
        location, latitude, longitude = self._locate(env, company, params)
        description = param_text(params.get("description"), "description", 4000)
        if not description:
            raise Open311Error(400, env._("Describe the problem (description)."))
        body = Markup("<p>%s</p>") % escape(description)
        media_url = param_text(params.get("media_url"), "media_url", 2000)
        if media_url:
            if not media_url.startswith(("http://", "https://")):
                raise Open311Error(
                    400,
                    env._(
                        "media_url must be an http(s) address of at most 2000 "
                        "characters."
                    ),
                )
            body += Markup('<p><a href="%s" rel="noopener">%s</a></p>') % (
                media_url,
                media_url,
            )
        name = " ".join(
            part
            for part in (
                param_text(params.get(key), key, MAX_CONTACT, truncate=True)
                for key in ("first_name", "last_name")
            )
            if part
        )[:MAX_CONTACT]
        vals = {
            "company_id": company.id,
            "location_id": location.id,
            "category_id": category.id,
            "channel": "open311",
            "description": body,
            "reporter_name": name or False,
            "reporter_email": param_text(params.get("email"), "email", MAX_CONTACT)
            or False,
            "reporter_phone": param_text(
                params.get("phone"), "phone", MAX_CONTACT, truncate=True
            )
            or False,
            "open311_client_id": client.id,
            "open311_token": secrets.token_urlsafe(16),
            "open311_media_url": media_url or False,
        }
        if latitude is not None:
            vals.update(latitude=latitude, longitude=longitude)
        ticket = (
            env["fsm.order"]
            .sudo()
            .with_company(company)
            .with_context(mail_create_nosubscribe=True)
            .create(vals)
        )
        notice = ""
        if ticket.sla_deadline:
            notice = env._(
                "Expected completion: %(date)s",
                date=self._iso(ticket.sla_deadline),
            )
        data = [
            {
                "service_request_id": ticket.name,
                "token": ticket.open311_token,
                "service_notice": notice,
                "account_id": None,
            }
        ]
        return self._respond(fmt, "service_requests", "request", data, 201)

    def _locate(self, env, company, params):
        """The registry location: by address_id (QR token) or nearest building."""
        Location = env["fsm.location"].sudo()
        if params.get("address_id"):
            address_id = param_token(params["address_id"], "address_id", 64)
            location = Location.search(
                [
                    ("public_report_token", "=", address_id or ""),
                    ("company_id", "in", [company.id, False]),
                ],
                limit=1,
            )
            if not location:
                raise Open311Error(
                    400,
                    env._("Unknown address_id “%(id)s”.", id=address_id or "?"),
                )
            return location, None, None
        if not params.get("lat") or not params.get("long"):
            raise Open311Error(
                400,
                env._("Give the place of the problem: lat and long, or address_id."),
            )
        try:
            latitude = param_float(params["lat"], "lat", minimum=-90, maximum=90)
            longitude = param_float(params["long"], "long", minimum=-180, maximum=180)
        except BadParameter as error:
            raise Open311Error(
                400, env._("lat and long must be decimal degrees (WGS84).")
            ) from error
        best = env["fsm.location"]._msom_nearest_building(
            latitude, longitude, company.ids
        )
        if not best:
            raise Open311Error(
                400,
                env._(
                    "There is no building of ours within %(m)s m of this point.",
                    m=NEAREST_BUILDING_M,
                ),
            )
        return best, latitude, longitude
