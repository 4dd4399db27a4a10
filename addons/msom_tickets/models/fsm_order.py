# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import email_normalize, html2plaintext

from odoo.addons.msom_estate.tools import serialise_on

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
FOLD_MINUTES = 2  # the same report sent again within this time is the same ticket


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
