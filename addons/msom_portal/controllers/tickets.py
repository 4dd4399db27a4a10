# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.msom_estate.tools import (
    BadParameter,
    param_id,
    param_int,
    param_text,
)
from odoo.addons.msom_tickets.models.fsm_stage import DONE_STATES, OPEN_STATES
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .home import FORM_TOKEN, attachment_response, first_redirect, redirect_once

_logger = logging.getLogger(__name__)

TICKET_FIELDS = [
    "name",
    "category_id",
    "location_id",
    "stage_id",
    "ticket_state",
    "report_date",
    "sla_deadline",
]


def resident_ticket(ticket_id):
    """The ticket if the user may read it, else 404."""
    ticket = request.env["fsm.order"].browse(ticket_id).exists()
    try:
        ticket.check_access("read")
    except AccessError:
        raise request.not_found() from None
    if not ticket:
        raise request.not_found()
    return ticket


def ticket_form_values(form=None, error=None):
    """What the new-ticket form (resident or anonymous) needs."""
    Ticket = request.env["fsm.order"]
    categories = (
        request.env["fsm.category"]
        .sudo()
        .search([("portal_visible", "=", True)], order="name")
    )
    return {
        "categories": categories,
        "map_config": Ticket._map_tile_config(),
        "max_photos": Ticket._msom_portal_max_photos(),
        "max_photo_mb": Ticket._max_attachment_mb(),
        "form": form or {},
        "error": error,
    }


def user_error_text(error):
    return error.args[0] if error.args else str(error)


class MsomPortalTickets(CustomerPortal):
    _items_per_page = 20

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "msom_ticket_count" in counters:
            Ticket = request.env["fsm.order"]
            values["msom_ticket_count"] = (
                Ticket.search_count([]) if Ticket.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        # read-only: served from a PostgreSQL replica when there is one
        readonly=True,
    )
    def msom_my_tickets(self, page=1, filterby="open", **kw):
        env = request.env
        Ticket = env["fsm.order"]
        filters = {
            "open": {
                "label": env._("Open"),
                "domain": Domain("ticket_state", "in", OPEN_STATES),
            },
            "done": {
                "label": env._("Done"),
                "domain": Domain("ticket_state", "in", DONE_STATES),
            },
            "all": {"label": env._("All"), "domain": Domain.TRUE},
        }
        if filterby not in filters:
            filterby = "open"
        domain = filters[filterby]["domain"]
        total = Ticket.search_count(domain)
        pager = portal_pager(
            url="/my/tickets",
            url_args={"filterby": filterby},
            total=total,
            page=page,
            step=self._items_per_page,
        )
        tickets = Ticket.search_fetch(
            domain,
            TICKET_FIELDS,
            order="report_date desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_tickets",
            tickets=tickets,
            pager=pager,
            filterby=filterby,
            searchbar_filters=filters,
            default_url="/my/tickets",
        )
        return request.render("msom_portal.portal_my_tickets", values)

    # ------------------------------------------------------------------
    # New ticket
    # ------------------------------------------------------------------

    def _msom_ticket_form_values(self, form=None, error=None):
        values = self._prepare_portal_layout_values()
        places = request.env.user.partner_id._msom_portal_places()
        values.update(ticket_form_values(form, error))
        values.update(page_name="msom_ticket_new", places=places)
        return values

    @http.route("/my/tickets/new", type="http", auth="user", website=True)
    def msom_ticket_new(self, **kw):
        return request.render(
            "msom_portal.portal_ticket_new", self._msom_ticket_form_values()
        )

    @http.route(
        "/my/tickets/submit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_ticket_submit(self, **post):
        env = request.env
        Ticket = env["fsm.order"]
        token = post.get(FORM_TOKEN)
        if repeated := first_redirect(token):
            return repeated
        photos = request.httprequest.files.getlist("photos")
        try:
            with env.cr.savepoint():
                vals = self._msom_resident_ticket_vals(post)
                checked = Ticket._msom_portal_read_photos(photos)
                ticket = Ticket._msom_create_or_fold(vals)
                if not ticket.attachment_ids:
                    ticket._msom_attach_photos(checked)
        except (UserError, ValidationError, AccessError) as error:
            return request.render(
                "msom_portal.portal_ticket_new",
                self._msom_ticket_form_values(post, user_error_text(error)),
            )
        return redirect_once(token, f"/my/tickets/{ticket.id}?created=1")

    def _msom_resident_ticket_vals(self, post):
        env = request.env
        Ticket = env["fsm.order"]
        partner = env.user.partner_id
        places = partner._msom_portal_places()
        allowed = (
            places["units"]
            | places["staircases"]
            | places["buildings"]
            | places["estates"]
        )
        latitude, longitude = Ticket._msom_report_point(
            post.get("latitude"), post.get("longitude")
        )
        location = env["fsm.location"]
        location_id = param_id(post.get("location_id"), "location_id")
        if location_id:
            location = allowed.filtered(lambda loc: loc.id == location_id)
            if not location:
                raise UserError(env._("Choose one of your units or buildings."))
        elif latitude is not None:
            location = env["fsm.location"]._msom_nearest_building(
                latitude, longitude, env.user.company_ids.ids
            )
            if not location:
                raise UserError(
                    env._(
                        "The pin is not at any of our buildings. Move it closer "
                        "or choose the place from the list."
                    )
                )
        else:
            raise UserError(
                env._("Choose where the problem is: your unit, a building, or a pin.")
            )
        vals = {
            "location_id": location.id,
            "company_id": location.company_id.id or env.company.id,
            "reporter_partner_id": partner.id,
            "channel": "portal",
            "description": Ticket._msom_report_description(post.get("description")),
            "msom_entry_permission": bool(post.get("entry_permission")),
        }
        category = self._msom_form_category(post)
        if category:
            vals["category_id"] = category.id
        if latitude is not None:
            vals.update(latitude=latitude, longitude=longitude)
        vals.update(
            Ticket._msom_report_time_window(
                post.get("proposed_date"),
                post.get("proposed_time_from"),
                post.get("proposed_time_to"),
            )
        )
        return vals

    @staticmethod
    def _msom_form_category(post):
        category_id = param_id(post.get("category_id"), "category_id")
        if not category_id:
            return request.env["fsm.category"]
        category = (
            request.env["fsm.category"]
            .sudo()
            .search([("id", "=", category_id), ("portal_visible", "=", True)])
        )
        if not category:
            raise UserError(request.env._("Choose a kind of problem from the list."))
        return category

    @http.route("/my/tickets/duplicates", type="jsonrpc", auth="user", methods=["POST"])
    def msom_ticket_duplicates(
        self, location_id=None, category_id=None, latitude=None, longitude=None
    ):
        """Open tickets on the same place and group, shown before sending."""
        env = request.env
        places = env.user.partner_id._msom_portal_places()
        allowed = (
            places["units"]
            | places["staircases"]
            | places["buildings"]
            | places["estates"]
        )
        Ticket = env["fsm.order"]
        try:
            lat, lon = Ticket._msom_report_point(latitude, longitude)
            location_id = param_id(location_id, "location_id", default=0)
            location = allowed.filtered(lambda loc: loc.id == location_id)
            if not location and lat is not None:
                location = env["fsm.location"]._msom_nearest_building(
                    lat, lon, env.user.company_ids.ids
                )
            category = self._msom_form_category({"category_id": category_id})
        except (UserError, ValueError):
            return {"tickets": [], "others": False}
        return Ticket._msom_report_duplicates(location, category, lat, lon)

    # ------------------------------------------------------------------
    # Ticket page
    # ------------------------------------------------------------------

    @http.route("/my/tickets/<int:ticket_id>", type="http", auth="user", website=True)
    def msom_my_ticket(self, ticket_id, created=None, error=None, message=None, **kw):
        ticket = resident_ticket(ticket_id)
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_ticket",
            ticket=ticket,
            history=ticket._msom_portal_history(),
            documents=ticket._msom_portal_documents(),
            is_reporter=ticket.reporter_partner_id == partner,
            can_rate=ticket.ticket_state in DONE_STATES
            and ticket.reporter_partner_id == partner,
            created=created,
            error=error,
            message=message,
        )
        return request.render("msom_portal.portal_my_ticket", values)

    @http.route(
        "/my/tickets/<int:ticket_id>/document/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def msom_ticket_document(self, ticket_id, attachment_id, download=None, **kw):
        """A photo or protocol of the ticket. Portal users have no access to
        attachments themselves: reading the ticket is the permission."""
        ticket = resident_ticket(ticket_id)
        return attachment_response(
            ticket._msom_portal_documents(), attachment_id, bool(download)
        )

    @http.route(
        "/my/tickets/<int:ticket_id>/rate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_ticket_rate(self, ticket_id, rating=None, comment=None, **kw):
        ticket = resident_ticket(ticket_id)
        try:
            stars = param_int(rating, "rating", minimum=1, maximum=5)
        except BadParameter:
            return self._msom_back(
                ticket, error=request.env._("Choose from 1 to 5 stars.")
            )
        try:
            with request.env.cr.savepoint():
                ticket.action_msom_rate(
                    stars or 0, param_text(comment, "comment", 2000)
                )
        except (UserError, ValidationError, AccessError) as error:
            return self._msom_back(ticket, error=user_error_text(error))
        return self._msom_back(ticket, message="rated")

    @http.route(
        "/my/tickets/<int:ticket_id>/reopen",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_ticket_reopen(self, ticket_id, reason=None, **kw):
        ticket = resident_ticket(ticket_id)
        try:
            with request.env.cr.savepoint():
                ticket.action_msom_reopen(param_text(reason, "reason", 2000))
        except (UserError, ValidationError, AccessError) as error:
            return self._msom_back(ticket, error=user_error_text(error))
        return self._msom_back(ticket, message="reopened")

    @staticmethod
    def _msom_back(ticket, **params):
        return request.redirect(f"/my/tickets/{ticket.id}?{url_encode(params)}")
