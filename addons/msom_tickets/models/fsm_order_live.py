# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, models

from ..tools.live import (
    JOBS_SUBCHANNEL,
    OPERATOR_SUBCHANNEL,
    active_companies,
    collect_until_precommit,
    now_ms,
)
from .fsm_stage import DONE_STATES, OPEN_STATES

# Writes that may change the stage, the contractor company (computed from the
# case group and the place), the worker or the rating.
WATCHED_FIELDS = {
    "stage_id",
    "contractor_id",
    "person_id",
    "rating",
    "category_id",
    "location_id",
}


class FsmOrder(models.Model):
    """Live events of tickets on Odoo's bus.

    Every change of a transaction goes as one notification per channel: the
    operators of the ticket's company (board, counters, map, feed), the
    reporter's partner (their ticket page) and the contractor company and
    worker (their job list). Each channel gets only the tickets it may read.
    """

    _inherit = "fsm.order"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._msom_live_notify("created")
        return tickets

    def write(self, vals):
        if not WATCHED_FIELDS & set(vals):
            return super().write(vals)
        before = {
            ticket.id: (ticket.ticket_state, ticket.contractor_id, ticket.person_id)
            for ticket in self
        }
        result = super().write(vals)
        by_kind = defaultdict(lambda: self.browse())
        left_company = defaultdict(lambda: self.browse())
        left_worker = defaultdict(lambda: self.browse())
        for ticket in self:
            state, contractor, person = before[ticket.id]
            if ticket.ticket_state != state:
                reopened = state in DONE_STATES and ticket.ticket_state == "new"
                kind = "reopened" if reopened else ticket.ticket_state
            elif (ticket.contractor_id, ticket.person_id) != (contractor, person):
                kind = "assigned"
            elif "rating" in vals and ticket.rating:
                kind = "rated"
            else:
                continue
            by_kind[kind] |= ticket
            # the job leaves the former company's and worker's lists
            if contractor and contractor != ticket.contractor_id:
                left_company[contractor] |= ticket
            if person and person != ticket.person_id:
                left_worker[person] |= ticket
        for kind, tickets in by_kind.items():
            tickets._msom_live_notify(kind)
        for contractor, jobs in left_company.items():
            jobs._msom_live_notify_jobs(contractor=contractor)
        for person, jobs in left_worker.items():
            jobs._msom_live_notify_jobs(person=person)
        return result

    def _msom_live_notify(self, kind):
        """Queue the event ``kind`` of these tickets for the end of the
        transaction (also called by the contractor's pages: "job_accepted")."""
        if not self:
            return
        by = self.env.user.partner_id.name or ""
        collect_until_precommit(
            self.env,
            "msom.live.tickets",
            [(ticket_id, kind, by) for ticket_id in self.ids],
            self._msom_live_send,
        )

    def _msom_live_notify_jobs(self, contractor=None, person=None):
        """Tell a contractor company's or a worker's job list these changed."""
        if contractor:
            self.env["bus.bus"].sudo()._sendone(
                (contractor.commercial_partner_id, JOBS_SUBCHANNEL),
                "msom.jobs/changed",
                {"ids": self.ids},
            )
        if person:
            person.partner_id._bus_send("msom.jobs/changed", {"ids": self.ids})

    @api.model
    def _msom_live_send(self, events):
        tickets = self.sudo().browse({event[0] for event in events}).exists()
        values = {ticket.id: ticket._msom_live_values() for ticket in tickets}
        per_company = defaultdict(list)
        # the time of sending: clients measure how long the event took to arrive
        at = now_ms()
        for ticket_id, kind, by in events:
            if ticket_id in values:
                event = dict(values[ticket_id], kind=kind, by=by, at=at)
                per_company[event.pop("company_id")].append(event)
        Bus = self.env["bus.bus"].sudo()
        for company_id, company_events in per_company.items():
            companies = (
                self.env["res.company"].sudo().browse(company_id)
                if company_id
                else active_companies(self.env)
            )
            for company in companies:
                Bus._sendone(
                    (company, OPERATOR_SUBCHANNEL),
                    "msom.tickets/changed",
                    {"events": company_events},
                )
        for reporter, own in tickets.grouped("reporter_partner_id").items():
            if reporter:
                reporter._bus_send(
                    "msom.ticket/changed",
                    {"tickets": [{"id": t.id, "state": t.ticket_state} for t in own]},
                )
        for contractor, jobs in tickets.grouped("contractor_id").items():
            jobs._msom_live_notify_jobs(contractor=contractor)
        for person, jobs in tickets.grouped("person_id").items():
            jobs._msom_live_notify_jobs(person=person)

    def _msom_live_values(self):
        """What the board, the map and the feed need of a ticket. Names are
        plain text: the web client escapes them."""
        self.ensure_one()
        stage = self.stage_id
        return {
            "id": self.id,
            "name": self.name,
            "company_id": self.company_id.id,
            "state": self.ticket_state or False,
            "open": self.ticket_state in OPEN_STATES,
            "stage_id": stage.id,
            "stage": stage.name or "",
            "color": stage.custom_color or "#3388ff",
            "overdue": self.is_overdue,
            "lat": self.latitude,
            "lon": self.longitude,
            "group": self.category_id.name or "",
            "contractor": self.contractor_id.name or "",
            "worker": self.person_id.name or "",
            "worker_id": self.person_id.id or False,
        }
