# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import csv
import random
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import file_open

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before

# a ticket a row: state, case group, days ago, priority, channel, description
DEMO_TICKETS_FILE = "msom_tickets/demo/msom_ticket_demo.csv"
GROUP_XMLIDS = {
    "hydraulika": "category_demo_hydraulika",
    "elektryka": "category_demo_elektryka",
    "dzwigi": "category_demo_dzwigi",
    "zielen": "category_demo_zielen",
    "sprzatanie": "category_demo_sprzatanie",
    "domofony": "category_demo_domofony",
}
WORKER_XMLIDS = {
    "hydraulika": "person_demo_marek",
    "elektryka": "person_demo_elektro",
    "dzwigi": "person_demo_windtech",
    "zielen": "person_demo_zielen",
    "sprzatanie": "person_demo_sprzatanie",
    "domofony": "person_demo_domofony",
}


class MsomTicketDemo(models.AbstractModel):
    _name = "msom.ticket.demo"
    _description = "Ticket Demo Data"

    @api.model
    def _generate_demo(self):
        """Tickets in every stage on msom_estate's demo estates, once."""
        if demo_generated_before(self.env, "msom_tickets"):
            return self.env["fsm.order"]
        demo = self.with_env(demo_env(self.env, "msom_tickets"))
        return demo._generate_demo_tickets()

    @api.model
    def _generate_demo_tickets(self):
        rng = random.Random(3)
        env = self.with_context(tracking_disable=True, msom_skip_duplicates=True).env
        Ticket = env["fsm.order"]
        company = env.company
        units = env["fsm.location"].search(
            [("location_level", "=", "unit"), ("company_id", "in", [company.id, False]),
             ("current_occupancy_ids", "!=", False)],
            order="id",
        )  # fmt: skip
        if not units:
            return Ticket
        resident = env.ref("msom_estate.partner_demo_resident")
        home = resident._get_current_units().filtered(
            lambda u: u.unit_type == "residential"
        )[:1]
        stages = {
            stage.ticket_state: stage
            for stage in env["fsm.stage"].search(
                [("stage_type", "=", "order"), ("ticket_state", "!=", False)],
                order="sequence desc",
            )
        }
        now = fields.Datetime.now()
        operator = env.ref("msom_estate.user_demo_operator", raise_if_not_found=False)
        tickets = Ticket
        with file_open(DEMO_TICKETS_FILE) as table:
            rows = list(csv.DictReader(table))
        for index, row in enumerate(rows):
            state, group, channel = row["state"], row["group"], row["channel"]
            days, priority, text = (
                int(row["days_ago"]),
                row["priority"],
                row["description"],
            )
            category = env.ref(f"msom_tickets.{GROUP_XMLIDS[group]}")
            worker = env.ref(f"msom_tickets.{WORKER_XMLIDS[group]}")
            # Anna Kowalska's own tickets: in progress, done, closed.
            if home and index in (12, 17, 22):
                location, reporter = home, resident
            else:
                unit = units[rng.randrange(len(units))]
                common = group in ("dzwigi", "zielen", "sprzatanie", "domofony")
                location = unit.staircase_id or unit.building_id if common else unit
                if group == "zielen":
                    location = unit.building_id
                reporter = unit.current_occupancy_ids[:1].partner_id
            reported = now - timedelta(days=days, hours=rng.randint(1, 8))
            vals = {
                "location_id": location.id,
                "category_id": category.id,
                "priority": priority,
                "channel": channel,
                "report_date": reported,
                "description": f"<p>{text}</p>",
                "stage_id": stages[state].id,
                "proposed_date": (reported + timedelta(days=1)).date(),
                "proposed_time_from": 8.0,
                "proposed_time_to": 12.0,
            }
            if channel == "anonymous":
                vals.update(
                    reporter_name="Przechodzień (formularz QR)",
                    reporter_email="zgloszenie.anonimowe@example.pl",
                    reporter_phone="+48 600 700 800",
                )
            elif channel not in ("operator",):
                vals["reporter_partner_id"] = reporter.id
            if state == "rejected":
                vals["rejection_reason"] = (
                    "Sprawa nie dotyczy części wspólnych – naprawa należy do "
                    "właściciela lokalu."
                )
            if state in ("forwarded", "in_progress", "on_hold", "done", "closed"):
                vals["person_id"] = worker.id
                vals["scheduled_date_start"] = reported + timedelta(days=1, hours=2)
                vals["scheduled_duration"] = 2.0
            ticket = Ticket.create(vals)
            stamps = {}
            if state in ("forwarded", "in_progress", "on_hold", "done", "closed"):
                stamps["forwarded_date"] = reported + timedelta(hours=2)
                stamps["forwarded_uid"] = operator.id if operator else env.uid
            if state in ("done", "closed"):
                stamps["done_date"] = reported + timedelta(hours=rng.randint(6, 60))
            if state == "closed":
                stamps.update(
                    rating=rng.choice([3, 4, 5, 5]),
                    rating_comment="Sprawnie i czysto, dziękuję.",
                    rated_on=stamps["done_date"] + timedelta(days=1),
                )
            if index == 24:
                stamps["reopen_count"] = 1
                stamps["reopen_reason"] = "Chodnik znów oblodzony następnego dnia."
            if stamps:
                ticket.write(stamps)
            tickets |= ticket
        # Workers' last known positions near the buildings they serve.
        for xmlid in WORKER_XMLIDS.values():
            worker = env.ref(f"msom_tickets.{xmlid}")
            building = units[rng.randrange(len(units))].building_id
            if building.partner_latitude:
                worker._set_last_position(
                    building.partner_latitude + rng.uniform(-0.001, 0.001),
                    building.partner_longitude + rng.uniform(-0.001, 0.001),
                    now - timedelta(minutes=rng.randint(2, 90)),
                )
        return tickets
