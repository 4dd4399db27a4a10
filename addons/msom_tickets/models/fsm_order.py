# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize, html2plaintext

from odoo.addons.msom_estate.tools import geodesic_distance_m, serialise_on

from .fsm_stage import CONTRACTOR_STATES, DONE_STATES, OPEN_STATES

CHANNELS = [
    ("portal", "Portal"),
    ("anonymous", "Anonymous Form"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("open311", "Open311"),
    ("contractor", "Contractor"),
    ("operator", "Operator"),
]
ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/heif",
    "application/pdf",
}
DEFAULT_MAX_ATTACHMENT_MB = 10
# What a resident states when reporting, whatever the path (portal form or
# RPC); channel, stage, contractor, priority, dates and rating are the office's.
RESIDENT_REPORT_FIELDS = frozenset(
    {
        "location_id",
        "company_id",
        "reporter_partner_id",
        "channel",
        "category_id",
        "description",
        "latitude",
        "longitude",
        "proposed_date",
        "proposed_time_from",
        "proposed_time_to",
    }
)
DEFAULT_DUPLICATE_RADIUS_M = 50
FOLD_MINUTES = 2  # the same report sent again within this time is the same ticket
METRES_PER_DEGREE_LAT = 111_320.0
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = (
    "&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a>"
)


class FsmOrder(models.Model):
    """The ticket (zgłoszenie) is a kind of Field Service order.

    The board, the contractor's pages and the resident portal are views over
    the same records. Orders with ``is_ticket`` unset are the plain work
    orders of Field Service: none of the ticket rules below apply to them.
    """

    _name = "fsm.order"
    _inherit = ["fsm.order", "msom.resident.unit.mixin"]
    _msom_unit_field = "location_id"

    is_ticket = fields.Boolean(
        string="Housing Ticket",
        index=True,
        readonly=True,
        help="Reported on the housing registry and handled in the ticket flow "
        "(board, SLA, reporter notifications, contractor pages). Set when the "
        "order is created on an estate, building, staircase or unit; plain Field "
        "Service orders keep Field Service's behaviour.",
    )
    # Reporter
    reporter_partner_id = fields.Many2one(
        "res.partner",
        string="Reporter",
        index="btree_not_null",
        tracking=True,
        help="Resident or other contact who reported the problem.",
    )
    reporter_name = fields.Char(help="Name given by an anonymous reporter.")
    reporter_phone = fields.Char(help="Phone given by an anonymous reporter.")
    reporter_email = fields.Char(
        help="E-mail given by an anonymous reporter; notifications go there."
    )
    reporter_display = fields.Char(
        string="Reported By", compute="_compute_reporter_display"
    )
    channel = fields.Selection(
        CHANNELS, required=True, default="operator", index=True, tracking=True
    )
    report_date = fields.Datetime(
        string="Reported On",
        required=True,
        index=True,
        copy=False,
        default=fields.Datetime.now,
    )
    # Case group, contractor, worker
    category_id = fields.Many2one(
        "fsm.category",
        string="Case Group",
        index="btree_not_null",
        tracking=True,
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Contractor Company",
        domain=[("is_contractor", "=", True)],
        compute="_compute_contractor_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
    )
    # Location in the registry
    location_level = fields.Selection(related="location_id.location_level")
    estate_id = fields.Many2one(
        "fsm.location", related="location_id.estate_id", store=True, index=True
    )
    building_id = fields.Many2one(
        "fsm.location", related="location_id.building_id", store=True, index=True
    )
    staircase_id = fields.Many2one(
        "fsm.location", related="location_id.staircase_id", store=True
    )
    street_name = fields.Char(
        string="Street Address", related="building_id.street", store=True
    )
    latitude = fields.Float(
        digits=(10, 7),
        compute="_compute_point",
        store=True,
        readonly=False,
        precompute=True,
        help="Map point of the problem; the building's position by default.",
    )
    longitude = fields.Float(
        digits=(10, 7),
        compute="_compute_point",
        store=True,
        readonly=False,
        precompute=True,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_msom_attachment_rel",
        "order_id",
        "attachment_id",
        string="Photos and Documents",
        help="Images (JPEG, PNG, GIF, WebP, HEIC) and PDF documents.",
    )
    proposed_date = fields.Date(help="Date the reporter proposes for the visit.")
    proposed_time_from = fields.Float(string="Proposed From")
    proposed_time_to = fields.Float(string="Proposed To")
    # Flow
    ticket_state = fields.Selection(
        related="stage_id.ticket_state", store=True, index=True, string="Ticket State"
    )
    forwarded_date = fields.Datetime(
        string="Forwarded On", copy=False, index="btree_not_null", readonly=True
    )
    forwarded_uid = fields.Many2one(
        "res.users", string="Forwarded By", copy=False, readonly=True
    )
    done_date = fields.Datetime(string="Done On", copy=False, readonly=True)
    resolution_hours = fields.Float(
        string="Hours to Done",
        compute="_compute_resolution_hours",
        store=True,
        aggregator="avg",
    )
    rejection_reason = fields.Text()
    sla_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla_deadline",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="Expected completion: reported on + SLA hours of the case group "
        "for the ticket's priority.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Open after its SLA deadline. Evaluated against the current time "
        "on every read and search, so it never goes stale.",
    )
    board_color = fields.Integer(
        compute="_compute_is_overdue", help="Red on the board when overdue."
    )
    # After completion
    rating = fields.Integer(copy=False, aggregator="avg")
    rating_comment = fields.Text(copy=False)
    rated_on = fields.Datetime(copy=False, readonly=True)
    reopen_count = fields.Integer(copy=False, readonly=True, aggregator="sum")
    reopen_reason = fields.Text(string="Last Reopen Reason", copy=False, readonly=True)
    open311_client_id = fields.Many2one(
        "msom.open311.client", readonly=True, copy=False
    )
    open311_token = fields.Char(copy=False, readonly=True, index="btree_not_null")
    open311_public = fields.Boolean(
        string="Published on Open311",
        compute="_compute_open311_public",
        store=True,
        readonly=False,
        help="Anyone may read the ticket's group, state, address and description "
        "through Open311 without a key. Tickets on common parts are published, "
        "those on a unit never by default. The reporter is never published.",
    )
    open311_media_url = fields.Char(
        string="Open311 Media URL",
        copy=False,
        readonly=True,
        help="Address of a photo given by the Open311 client; already public, so "
        "it is returned in the request's details.",
    )
    # Duplicates
    merged_into_id = fields.Many2one(
        "fsm.order",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    duplicate_candidate_ids = fields.Many2many(
        "fsm.order",
        string="Possible Duplicates",
        compute="_compute_duplicate_candidate_ids",
    )

    _rating_range = models.Constraint(
        "CHECK(rating IS NULL OR (rating >= 0 AND rating <= 5))",
        lambda env, diag: env._("The rating must be between 1 and 5."),
    )
    _open_pins_idx = models.Index(
        "(ticket_state, latitude, longitude) WHERE ticket_state IN "
        "('new', 'accepted', 'forwarded', 'in_progress', 'on_hold')"
    )
    _open_deadline_idx = models.Index(
        "(sla_deadline) WHERE ticket_state IN "
        "('new', 'accepted', 'forwarded', 'in_progress', 'on_hold')"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("reporter_partner_id", "reporter_name", "reporter_email")
    def _compute_reporter_display(self):
        for ticket in self:
            ticket.reporter_display = (
                ticket.reporter_partner_id.display_name
                or ticket.reporter_name
                or ticket.reporter_email
                or ticket.reporter_phone
                or ""
            )

    @api.depends("location_id.location_level")
    def _compute_open311_public(self):
        for ticket in self:
            ticket.open311_public = ticket.location_id.location_level in (
                "estate",
                "building",
                "staircase",
            )

    @api.depends("category_id", "location_id")
    def _compute_contractor_id(self):
        """Assignment by building or estate first, then the group's default."""
        tickets = self.filtered("is_ticket")
        assigned = self.env["msom.contractor.assignment"]._contractors_for(tickets)
        for order in self:
            contractor = assigned.get(order) or (
                order.is_ticket and order.category_id.contractor_id
            )
            order.contractor_id = contractor or order.contractor_id

    @api.depends("location_id")
    def _compute_point(self):
        for ticket in self:
            location = ticket.location_id
            for candidate in (location, location.building_id, location.estate_id):
                if candidate.partner_latitude or candidate.partner_longitude:
                    ticket.latitude = candidate.partner_latitude
                    ticket.longitude = candidate.partner_longitude
                    break
            else:
                ticket.latitude = ticket.longitude = 0.0

    @api.depends("is_ticket", "report_date", "category_id", "priority")
    def _compute_sla_deadline(self):
        for ticket in self:
            hours = (
                ticket.category_id._get_sla_hours(ticket.priority)
                if ticket.category_id and ticket.is_ticket
                else 0
            )
            ticket.sla_deadline = (
                ticket.report_date + timedelta(hours=hours)
                if hours and ticket.report_date
                else False
            )

    @api.depends("done_date", "report_date")
    def _compute_resolution_hours(self):
        for ticket in self:
            if ticket.done_date and ticket.report_date:
                delta = ticket.done_date - ticket.report_date
                ticket.resolution_hours = max(delta.total_seconds() / 3600, 0.0)
            else:
                ticket.resolution_hours = 0.0

    @api.depends("sla_deadline", "ticket_state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.is_overdue = bool(
                ticket.sla_deadline
                and ticket.sla_deadline < now
                and ticket.ticket_state in OPEN_STATES
            )
            ticket.board_color = 1 if ticket.is_overdue else 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = (
            Domain("is_ticket", "=", True)
            & Domain("ticket_state", "in", OPEN_STATES)
            & Domain("sla_deadline", "<", fields.Datetime.now())
        )
        positive = (operator == "in") == (True in value)
        return overdue if positive else ~overdue

    @api.depends("category_id", "location_id", "latitude", "longitude")
    def _compute_duplicate_candidate_ids(self):
        for ticket in self:
            ticket.duplicate_candidate_ids = ticket._find_duplicates()

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------

    def _find_duplicates(self, limit=10):
        """Open tickets of the same case group on the same place.

        Same place: the same unit, its staircase or building (or, for a ticket
        on a building, anything in it), or a map point within the configured
        radius (geodesic distance).
        """
        self.ensure_one()
        if not self.is_ticket or not self.category_id or not self.location_id:
            return self.browse()
        base = (
            Domain("is_ticket", "=", True)
            & Domain("category_id", "=", self.category_id.id)
            & Domain("ticket_state", "in", OPEN_STATES)
            & Domain("company_id", "=", self.company_id.id or self.env.company.id)
        )
        if self._origin.id:
            base &= Domain("id", "!=", self._origin.id)
        location = self.location_id
        places = [location.id, location.staircase_id.id, location.building_id.id]
        same_place = Domain("location_id", "in", [p for p in places if p])
        if location.location_level in ("building", "staircase"):
            same_place |= Domain(f"{location.location_level}_id", "=", location.id)
        found = self.search(base & same_place, limit=limit, order="report_date desc")
        radius = self._duplicate_radius_m()
        if radius and (self.latitude or self.longitude) and len(found) < limit:
            dlat = radius / METRES_PER_DEGREE_LAT
            dlon = dlat / max(math.cos(math.radians(self.latitude)), 0.01)
            nearby = self.search(
                base
                & Domain("id", "not in", found.ids)
                & Domain("latitude", ">=", self.latitude - dlat)
                & Domain("latitude", "<=", self.latitude + dlat)
                & Domain("longitude", ">=", self.longitude - dlon)
                & Domain("longitude", "<=", self.longitude + dlon),
                limit=limit * 5,
                order="report_date desc",
            )
            found |= nearby.filtered(
                lambda t: (
                    geodesic_distance_m(
                        self.latitude, self.longitude, t.latitude, t.longitude
                    )
                    <= radius
                )
            )[: limit - len(found)]
        return found

    @api.model
    def _duplicate_radius_m(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("msom_tickets.duplicate_radius_m", DEFAULT_DUPLICATE_RADIUS_M)
        )
        try:
            return float(value)
        except ValueError:
            return DEFAULT_DUPLICATE_RADIUS_M

    def action_merge_into(self, original):
        """Merge these duplicates into ``original`` and close them.

        Reporters and followers follow the original, attachments move to it.
        """
        original.ensure_one()
        if original in self:
            raise UserError(self.env._("A ticket cannot be merged into itself."))
        closed = self._stage_for_state("rejected") or self._stage_for_state("closed")
        for duplicate in self:
            partners = duplicate.message_partner_ids | duplicate.reporter_partner_id
            original.message_subscribe(partner_ids=partners.ids)
            attachments = (
                self.env["ir.attachment"].search(
                    [("res_model", "=", "fsm.order"), ("res_id", "=", duplicate.id)]
                )
                | duplicate.attachment_ids
            )
            attachments.write({"res_id": original.id})
            original.attachment_ids = [
                Command.link(a.id) for a in duplicate.attachment_ids
            ]
            duplicate.attachment_ids = [Command.clear()]
            duplicate.with_context(msom_merging=True).write(
                {
                    "merged_into_id": original.id,
                    "stage_id": closed.id,
                    "rejection_reason": self.env._(
                        "Duplicate of %(ticket)s.", ticket=original.name
                    ),
                }
            )
            original.message_post(
                body=self.env._(
                    "Ticket %(duplicate)s (reported by %(reporter)s) was merged "
                    "into this one.",
                    duplicate=duplicate.name,
                    reporter=duplicate.reporter_display or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
            duplicate.message_post(
                body=self.env._("Merged into %(ticket)s.", ticket=original.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_merge_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_tickets.action_msom_ticket_merge"
        )
        action["context"] = {
            "default_duplicate_id": self.id,
            "default_original_id": self.duplicate_candidate_ids[:1].id,
        }
        return action

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("is_ticket", "location_id", "company_id")
    def _check_ticket_location(self):
        for ticket in self.filtered("is_ticket"):
            location = ticket.location_id
            if not location.location_level:
                raise ValidationError(
                    self.env._(
                        "The location of a ticket must be an estate, a building, "
                        "a staircase or a unit of the registry (got “%(name)s”).",
                        name=location.display_name,
                    )
                )
            if location.company_id and location.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "%(location)s belongs to %(owner)s, not to %(company)s: a "
                        "ticket can only be reported on a location of its own "
                        "company.",
                        location=location.display_name,
                        owner=location.company_id.name,
                        company=ticket.company_id.name,
                    )
                )

    @api.constrains("proposed_time_from", "proposed_time_to")
    def _check_proposed_window(self):
        for ticket in self:
            start, end = ticket.proposed_time_from, ticket.proposed_time_to
            if not start and not end:
                continue
            if not (0 <= start < end <= 24):
                raise ValidationError(
                    self.env._(
                        "The proposed time window must start before it ends, "
                        "between 0:00 and 24:00."
                    )
                )

    @api.constrains("contractor_id", "person_id")
    def _check_worker_company(self):
        for ticket in self.filtered("is_ticket"):
            if ticket.contractor_id and not ticket.contractor_id.is_contractor:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not marked as a contractor company.",
                        partner=ticket.contractor_id.display_name,
                    )
                )
            worker = ticket.person_id
            if (
                worker
                and ticket.contractor_id
                and worker.commercial_partner_id != ticket.contractor_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(worker)s does not work for %(company)s. Choose a "
                        "worker of the ticket's contractor company.",
                        worker=worker.name,
                        company=ticket.contractor_id.name,
                    )
                )

    @api.constrains("reporter_email")
    def _check_reporter_email(self):
        for ticket in self:
            email = ticket.reporter_email
            if email and not email_normalize(email):
                raise ValidationError(
                    self.env._(
                        "“%(email)s” is not a valid e-mail address.", email=email
                    )
                )

    @api.constrains("attachment_ids")
    def _check_attachments(self):
        limit_mb = self._max_attachment_mb()
        for attachment in self.attachment_ids:
            if attachment.mimetype not in ALLOWED_MIMETYPES:
                raise ValidationError(
                    self.env._(
                        "The file “%(name)s” (%(type)s) cannot be attached to a "
                        "ticket. Allowed are photos (JPEG, PNG, GIF, WebP, HEIC) "
                        "and PDF documents.",
                        name=attachment.name,
                        type=attachment.mimetype or "?",
                    )
                )
            if attachment.file_size > limit_mb * 1024 * 1024:
                raise ValidationError(
                    self.env._(
                        "The file “%(name)s” is %(size).1f MB; a ticket accepts "
                        "files up to %(limit)s MB.",
                        name=attachment.name,
                        size=attachment.file_size / 1024 / 1024,
                        limit=limit_mb,
                    )
                )

    @api.model
    def _max_attachment_mb(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("msom_tickets.attachment_max_mb", DEFAULT_MAX_ATTACHMENT_MB)
        )
        try:
            return float(value)
        except ValueError:
            return DEFAULT_MAX_ATTACHMENT_MB

    def _check_stage_requirements(self):
        """Data a stage needs before a ticket may enter it."""
        for ticket in self.filtered("is_ticket"):
            state = ticket.ticket_state
            if state in CONTRACTOR_STATES and not ticket.contractor_id:
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s cannot move to “%(stage)s” without a "
                        "contractor company.",
                        ticket=ticket.name,
                        stage=ticket.stage_id.name,
                    )
                )
            if state == "rejected" and not ticket.rejection_reason:
                raise ValidationError(
                    self.env._(
                        "Give the reason for rejecting ticket %(ticket)s; the "
                        "reporter will read it.",
                        ticket=ticket.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and self.env.user._is_portal():
            self._msom_check_resident_report(vals_list)
        self._mark_tickets(vals_list)
        ticket_vals = [vals for vals in vals_list if vals["is_ticket"]]
        for vals in ticket_vals:
            if not vals.get("location_id"):
                raise ValidationError(
                    self.env._(
                        "Choose where the problem is: a unit, a staircase, a "
                        "building or an estate."
                    )
                )
        new_name = self.env._("New")
        unnamed = [v for v in ticket_vals if v.get("name", new_name) == new_name]
        for vals, name in zip(
            unnamed, self._next_ticket_names(len(unnamed)), strict=True
        ):
            vals["name"] = name
        plain_vals = [vals for vals in vals_list if not vals["is_ticket"]]
        created = {}
        if ticket_vals:
            # Tickets start in the flow's first stage, as a default so that
            # creation is no stage change (no stage mail besides the
            # creation message), searched once for the batch.
            with_stage = self.with_context(
                msom_default_stage_id=self._stage_for_state("new").id
            )
            tickets = super(FsmOrder, with_stage).create(ticket_vals)
            created.update(zip(map(id, ticket_vals), tickets.ids, strict=True))
        if plain_vals:
            plain = super().create(plain_vals)
            created.update(zip(map(id, plain_vals), plain.ids, strict=True))
        orders = self.browse([created[id(vals)] for vals in vals_list])
        tickets = orders.filtered("is_ticket")
        tickets._link_attachments()
        now = fields.Datetime.now()
        to_stamp = tickets.filtered(
            lambda t: t.ticket_state in ("forwarded", "in_progress")
        )
        if to_stamp:
            to_stamp.write({"forwarded_date": now, "forwarded_uid": self.env.uid})
        done = tickets.filtered(lambda t: t.ticket_state in DONE_STATES)
        if done:
            done.write({"done_date": now})
        tickets._check_stage_requirements()
        if not self.env.context.get("tracking_disable"):
            for ticket in tickets:
                if ticket.reporter_partner_id:
                    ticket.sudo().message_subscribe(
                        partner_ids=ticket.reporter_partner_id.ids
                    )
                ticket._notify_reporter_of_stage()
                if not self.env.context.get("msom_skip_duplicates"):
                    ticket._log_duplicates()
        return orders

    def _msom_resident_report_fields(self):
        return RESIDENT_REPORT_FIELDS

    def _msom_check_resident_report(self, vals_list):
        """Refuse office fields in a portal user's new tickets; their channel
        is the portal, also when the caller leaves it out."""
        allowed = self._msom_resident_report_fields()
        for vals in vals_list:
            office = sorted(set(vals) - allowed)
            if vals.get("channel", "portal") != "portal":
                office.append("channel")
            if office:
                raise AccessError(
                    self.env._(
                        "Residents report the place, kind and description of a "
                        "problem; these are set by the office: %(fields)s.",
                        fields=", ".join(office),
                    )
                )
            vals["channel"] = "portal"

    def _default_stage_id(self):
        stage_id = self.env.context.get("msom_default_stage_id")
        if stage_id:
            return self.env["fsm.stage"].browse(stage_id)
        if self.env.context.get("default_is_ticket"):
            return self._stage_for_state("new") or super()._default_stage_id()
        return super()._default_stage_id()

    @api.model
    def _read_group_stage_ids(self, stages, domain, order=None):
        # The ticket board shows the stages of the ticket flow only.
        if self.env.context.get("msom_ticket_board"):
            ticket_stages = Domain("stage_type", "=", "order") & Domain(
                "ticket_state", "!=", False
            )
            return stages.search(ticket_stages, order=order)
        return super()._read_group_stage_ids(stages, domain, order=order)

    @api.model
    def _mark_tickets(self, vals_list):
        """Set ``is_ticket`` in each of vals_list where the creator did not:
        an order on the housing registry is a ticket (one query in all)."""
        default = self.env.context.get("default_is_ticket")
        unmarked = [vals for vals in vals_list if "is_ticket" not in vals]
        if default is not None:
            for vals in unmarked:
                vals["is_ticket"] = bool(default)
            return
        location_ids = {vals.get("location_id") for vals in unmarked} - {False, None}
        registry = set(
            self.env["fsm.location"]
            .sudo()
            .search([("id", "in", list(location_ids)), ("location_level", "!=", False)])
            .ids
        )
        for vals in unmarked:
            vals["is_ticket"] = vals.get("location_id") in registry

    def write(self, vals):
        stage_change = "stage_id" in vals
        if stage_change:
            stage = self.env["fsm.stage"].browse(vals["stage_id"])
            if stage.ticket_state == "forwarded":
                vals = dict(
                    vals,
                    forwarded_date=fields.Datetime.now(),
                    forwarded_uid=self.env.uid,
                )
        result = super().write(vals)
        if stage_change:
            # Closing a done ticket keeps the time it was done.
            self.filtered(
                lambda t: t.ticket_state in DONE_STATES and not t.done_date
            ).write({"done_date": fields.Datetime.now()})
        if "attachment_ids" in vals:
            self._link_attachments()
        if stage_change or "contractor_id" in vals or "rejection_reason" in vals:
            self._check_stage_requirements()
        return result

    @api.model
    def _next_ticket_names(self, count):
        """Draw `count` ticket numbers with one query instead of one per ticket.

        Residents and the public report too, so the sequence is read as sudo.
        """
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                Domain("code", "=", "fsm.order")
                & Domain("company_id", "in", [self.env.company.id, False]),
                order="company_id",
                limit=1,
            )
        )
        if not count or not sequence:
            return [self.env._("New")] * count
        return sequence._msom_next_batch(count)

    @api.model
    def _msom_create_or_fold(self, vals):
        """Create a reporter's ticket, or return the one they sent moments ago
        for the same place with the same text (a double click, a form sent
        again after a timeout): the second submission gets the first ticket.
        The reporter's submissions are serialised, so two at once fold too."""
        reporter = self.env["res.partner"].browse(vals.get("reporter_partner_id"))
        if not reporter:
            return self.create(vals)
        serialise_on(reporter)
        recent = self.search(
            Domain("reporter_partner_id", "=", reporter.id)
            & Domain("location_id", "=", vals.get("location_id"))
            & Domain(
                "create_date",
                ">=",
                fields.Datetime.subtract(fields.Datetime.now(), minutes=FOLD_MINUTES),
            ),
            order="id",
        )
        # the text as stored (sanitised) compared as the resident wrote it
        text = html2plaintext(vals.get("description") or "").strip()
        twin = recent.filtered(
            lambda ticket: html2plaintext(ticket.description or "").strip() == text
        )[:1]
        return twin or self.create(vals)

    def _link_attachments(self):
        """Attachments belong to their ticket, so they follow its access rules."""
        for ticket in self:
            loose = ticket.attachment_ids.filtered(
                lambda a, t=ticket: a.res_model != "fsm.order" or a.res_id != t.id
            )
            if loose:
                loose.sudo().write({"res_model": "fsm.order", "res_id": ticket.id})

    @api.model
    def _stage_for_state(self, state):
        return self.env["fsm.stage"].search(
            Domain("stage_type", "=", "order")
            & Domain("ticket_state", "=", state)
            & Domain("company_id", "in", [self.env.company.id, False]),
            order="sequence, id",
            limit=1,
        )

    def _log_duplicates(self):
        self.ensure_one()
        duplicates = self._find_duplicates(limit=5)
        if duplicates:
            self.message_post(
                body=self.env._(
                    "Possible duplicate of: %(tickets)s. Merge it if it is the "
                    "same problem.",
                    tickets=", ".join(duplicates.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Reporter notifications
    # ------------------------------------------------------------------

    def _has_reporter_contact(self):
        self.ensure_one()
        return self.is_ticket and bool(self.reporter_partner_id or self.reporter_email)

    def _notify_reporter_of_stage(self):
        """Send the stage's template to the reporter (creation message)."""
        self.ensure_one()
        template = self.stage_id.mail_template_id
        if template and self._has_reporter_contact():
            # Residents and the public create tickets too; the message is the
            # office's acknowledgement, sent whatever the creator may read.
            self.sudo().message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                message_type="auto_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _track_template(self, changes):
        res = super()._track_template(changes)
        ticket = self[0]
        template = ticket.stage_id.mail_template_id
        if "stage_id" in changes and template and ticket._has_reporter_contact():
            res["stage_id"] = (
                template,
                {
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_comment"
                    ),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def action_answer_reporter(self):
        """Open the composer with the stage's (or the generic) template."""
        self.ensure_one()
        if not self._has_reporter_contact():
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has no reporter with an account or an "
                    "e-mail address to answer.",
                    ticket=self.name,
                )
            )
        template = self.stage_id.mail_template_id or self.env.ref(
            "msom_tickets.mail_template_ticket_answer"
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "fsm.order",
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id,
                "default_partner_ids": self.reporter_partner_id.ids,
                "default_subtype_xmlid": "mail.mt_comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }

    def _get_reporter_lang(self):
        self.ensure_one()
        lang = self.reporter_partner_id.lang
        if not lang and self.env["res.lang"]._lang_get("pl_PL"):
            lang = "pl_PL"
        return lang or self.env.lang or "en_US"

    # ------------------------------------------------------------------
    # Board actions
    # ------------------------------------------------------------------

    def _move_to_state(self, state):
        stage = self._stage_for_state(state)
        if not stage:
            raise UserError(
                self.env._("No stage is configured for this step of the ticket flow.")
            )
        self.write({"stage_id": stage.id})
        return True

    def action_msom_accept(self):
        return self._move_to_state("accepted")

    def action_msom_forward(self):
        return self._move_to_state("forwarded")

    def action_msom_start(self):
        return self._move_to_state("in_progress")

    def action_msom_hold(self):
        return self._move_to_state("on_hold")

    def action_msom_done(self):
        return self._move_to_state("done")

    def action_msom_close(self):
        return self._move_to_state("closed")

    def action_complete(self):
        # Tickets complete in our flow; plain orders in Field Service's stage.
        tickets = self.filtered("is_ticket")
        if tickets:
            tickets.action_msom_done()
        return super(FsmOrder, self - tickets).action_complete()

    def action_msom_reject(self):
        return self._move_to_state("rejected")

    def action_open_reopen_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_tickets.action_msom_ticket_reopen"
        )
        action["context"] = {"default_order_id": self.id}
        return action

    # ------------------------------------------------------------------
    # After completion: rating and reopen (called by the portal too)
    # ------------------------------------------------------------------

    def _check_reporter_or_operator(self):
        self.ensure_one()
        self.check_access("read")
        user = self.env.user
        if user.has_group("msom_estate.group_msom_operator"):
            return
        if self.reporter_partner_id and self.reporter_partner_id == user.partner_id:
            return
        raise AccessError(
            self.env._(
                "Only the reporter or an operator can do this on %(ticket)s.",
                ticket=self.name,
            )
        )

    def action_msom_rate(self, rating, comment=None):
        self.ensure_one()
        self._check_reporter_or_operator()
        if self.ticket_state not in DONE_STATES:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s can be rated once it is done.", ticket=self.name
                )
            )
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationError(self.env._("The rating must be between 1 and 5."))
        self.sudo().write(
            {
                "rating": rating,
                "rating_comment": comment or False,
                "rated_on": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "Rated %(rating)s/5. %(comment)s", rating=rating, comment=comment or ""
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_msom_reopen(self, reason):
        self.ensure_one()
        self._check_reporter_or_operator()
        if self.ticket_state not in DONE_STATES:
            raise UserError(
                self.env._(
                    "Only a done or closed ticket can be reopened (%(ticket)s is "
                    "“%(stage)s”).",
                    ticket=self.name,
                    stage=self.stage_id.name,
                )
            )
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the ticket is being reopened."))
        stage = self._stage_for_state("new")
        self.sudo().write(
            {
                "stage_id": stage.id,
                "reopen_count": self.reopen_count + 1,
                "reopen_reason": reason.strip(),
                "done_date": False,
                "rating": 0,
                "rating_comment": False,
                "rated_on": False,
            }
        )
        self.sudo().message_post(
            body=self.env._("Reopened: %(reason)s", reason=reason.strip()),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_comment",
        )
        return True

    # ------------------------------------------------------------------
    # Statistics (the board's cuts and the dashboard)
    # ------------------------------------------------------------------

    @api.model
    def _cut_domains(self):
        """The four analysis cuts: today's, all, forwarded today, all forwarded."""
        # "Today" is the office's day, in the same zone as its midnight.
        local_now = pytz.utc.localize(fields.Datetime.now()).astimezone(
            self._board_timezone()
        )
        tz_start = self._local_midnight_utc(
            datetime.combine(local_now.date(), time.min)
        )
        tomorrow = tz_start + timedelta(days=1)
        return {
            "today": Domain("report_date", ">=", tz_start)
            & Domain("report_date", "<", tomorrow),
            "all": Domain.TRUE,
            "forwarded_today": Domain("forwarded_date", ">=", tz_start)
            & Domain("forwarded_date", "<", tomorrow),
            "forwarded": Domain("forwarded_date", "!=", False),
        }

    @api.model
    def _board_timezone(self):
        return pytz.timezone(
            self.env.context.get("tz") or self.env.user.tz or "Europe/Warsaw"
        )

    @api.model
    def _local_midnight_utc(self, naive_local):
        tz = self._board_timezone()
        return tz.localize(naive_local).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def get_ticket_statistics(self, domain=None):
        """Counters for a domain: total, done, not done, overdue, average
        hours to done and the reopen rate, in one scan (record rules apply)."""
        self.env.flush_all()  # the domain may read any field, of any model
        query = self._search(Domain("is_ticket", "=", True) & Domain(domain or []))
        table = SQL.identifier(query.table)
        self.env.cr.execute(
            query.select(
                SQL(
                    """count(*),
                       count(*) FILTER (WHERE %(t)s.ticket_state IN %(done)s),
                       count(*) FILTER (WHERE %(t)s.ticket_state = 'rejected'),
                       count(*) FILTER (WHERE %(t)s.ticket_state IN %(open)s
                                          AND %(t)s.sla_deadline < %(now)s),
                       avg(%(t)s.resolution_hours)
                           FILTER (WHERE %(t)s.done_date IS NOT NULL),
                       count(*) FILTER (WHERE %(t)s.reopen_count > 0),
                       count(*) FILTER (WHERE %(t)s.done_date IS NOT NULL
                                           OR %(t)s.reopen_count > 0)""",
                    t=table,
                    done=DONE_STATES,
                    open=OPEN_STATES,
                    now=fields.Datetime.now(),
                )
            )
        )
        total, done, rejected, overdue, avg_hours, reopened, ever_done = (
            self.env.cr.fetchone()
        )
        return {
            "total": total,
            "done": done,
            "not_done": total - done - rejected,
            "rejected": rejected,
            "overdue": overdue,
            "avg_hours_to_done": round(float(avg_hours or 0.0), 1),
            "reopened": reopened,
            "reopen_rate": round(100.0 * reopened / ever_done, 1) if ever_done else 0.0,
        }

    @api.model
    def get_board_dashboard(self, domain=None):
        """Statistics of each of the four cuts, for the dashboard."""
        domain = Domain(domain or [])
        return {
            cut: self.get_ticket_statistics(domain & cut_domain)
            for cut, cut_domain in self._cut_domains().items()
        }

    # ------------------------------------------------------------------
    # Map
    # ------------------------------------------------------------------

    @api.model
    def get_map_data(self, bounds=None, limit=10000):
        """Pins of open tickets and the workers' last positions.

        ``bounds`` = [south, west, north, east]. One indexed query per layer,
        bounded by ``limit``.
        """
        limit = min(int(limit or 10000), 10000)
        domain = (
            Domain("is_ticket", "=", True)
            & Domain("ticket_state", "in", OPEN_STATES)
            & Domain("latitude", "!=", 0)
        )
        if bounds:
            south, west, north, east = (float(b) for b in bounds)
            domain &= (
                Domain("latitude", ">=", south)
                & Domain("latitude", "<=", north)
                & Domain("longitude", ">=", west)
                & Domain("longitude", "<=", east)
            )
        self.env.flush_all()
        query = self._search(domain, order="id desc", limit=limit)
        table = SQL.identifier(query.table)
        self.env.cr.execute(
            query.select(
                SQL(
                    "%(t)s.id, %(t)s.name, %(t)s.latitude, %(t)s.longitude, "
                    "%(t)s.stage_id, %(t)s.ticket_state, %(t)s.sla_deadline, "
                    "%(t)s.category_id, %(t)s.person_id",
                    t=table,
                )
            )
        )
        rows = self.env.cr.fetchall()
        stages = self.env["fsm.stage"].browse({row[4] for row in rows if row[4]})
        groups = self.env["fsm.category"].browse({row[7] for row in rows if row[7]})
        group_names = {group.id: group.name for group in groups}
        now = fields.Datetime.now()
        pins = [
            {
                "id": ticket_id,
                "name": name,
                "lat": latitude,
                "lon": longitude,
                "stage_id": stage_id,
                "state": state,
                "overdue": bool(deadline and deadline < now),
                "group": group_names.get(category_id, ""),
                "worker_id": person_id or False,
            }
            for (ticket_id, name, latitude, longitude, stage_id, state, deadline,
                 category_id, person_id) in rows
        ]  # fmt: skip
        workers = []
        if self.env["fsm.person"].has_access("read"):
            people = self.env["fsm.person"].search_fetch(
                [("last_position_time", "!=", False)],
                [
                    "name",
                    "last_latitude",
                    "last_longitude",
                    "last_position_time",
                    "commercial_partner_id",
                ],
                limit=2000,
                order="last_position_time desc",
            )
            workers = people._msom_map_values()
        return {
            **self._map_tile_config(),
            "tickets": pins,
            "stages": {
                str(stage.id): {
                    "color": stage.custom_color or "#3388ff",
                    "name": stage.name,
                }
                for stage in stages
            },
            "workers": workers,
            "truncated": len(rows) >= limit,
        }

    @api.model
    def _map_tile_config(self):
        params = self.env["ir.config_parameter"].sudo()
        url = params.get_param("msom_tickets.map_tile_url") or ""
        if not url:
            leaflet_url = params.get_param("leaflet.tile_url") or ""
            url = leaflet_url if leaflet_url not in ("", "False") else DEFAULT_TILE_URL
        attribution = (params.get_param("leaflet.copyright") or "").strip()
        return {"tile_url": url, "attribution": attribution or DEFAULT_ATTRIBUTION}

    def action_assign_worker(self, person_id):
        """Assign a worker from the map (also sets the worker's company)."""
        person = self.env["fsm.person"].browse(person_id).exists()
        if not person:
            raise UserError(self.env._("This worker no longer exists."))
        company = person.commercial_partner_id
        vals = {"person_id": person.id}
        if company.is_contractor:
            vals["contractor_id"] = company.id
        self.write(vals)
        return True
