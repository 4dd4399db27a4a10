# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from ..models import fsm_person
from ..tools.live import Throttle
from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestLiveEvents(MsomTicketCase):
    """What each bus channel receives when tickets change or workers ping."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls.other_company = cls.env["res.company"].create({"name": "Wspólnota Obca"})
        cls.other_estate = cls._create_estate("Os. Obce", cls.other_company)
        cls.env["fsm.team"].create({"name": "Obcy", "company_id": cls.other_company.id})
        cls.plumber.company_id = cls.env.company
        cls.electrician.company_id = cls.other_company

    def setUp(self):
        super().setUp()
        self.env.cr.precommit.run()
        self.last_id = self.env["bus.bus"].sudo()._bus_last_id()
        # a fresh throttle: other tests of this process sent positions too
        self.startPatcher(patch.object(fsm_person, "POSITION_THROTTLE", Throttle(3600)))

    def _received(self, target):
        """Messages (type, payload) sent to ``target`` since the test began."""
        self.env.cr.precommit.run()
        channel = json_dump(channel_with_db(self.env.cr.dbname, target))
        rows = (
            self.env["bus.bus"]
            .sudo()
            .search([("id", ">", self.last_id), ("channel", "=", channel)], order="id")
        )
        return [
            (message["type"], message["payload"])
            for message in (json.loads(row.message) for row in rows)
        ]

    def test_a_burst_is_one_message_per_channel(self):
        tickets = self._ticket(reporter_partner_id=self.owner.id)
        tickets |= self._ticket(self.unit_12, reporter_partner_id=self.neighbour.id)
        tickets |= self._ticket(self.building)
        tickets.action_msom_forward()
        tickets[0].person_id = self.plumber
        operators = self._received((self.env.company, "msom.tickets"))
        self.assertEqual(
            [kind for kind, _payload in operators], ["msom.tickets/changed"]
        )
        events = operators[0][1]["events"]
        self.assertEqual(
            [(e["id"], e["kind"]) for e in events],
            [(t.id, "created") for t in tickets]
            + [(t.id, "forwarded") for t in tickets]
            + [(tickets[0].id, "assigned")],
        )
        # every event carries the final values, read once at the commit
        first = events[0]
        self.assertEqual(first["name"], tickets[0].name)
        self.assertEqual(first["state"], "forwarded")
        self.assertEqual(first["worker"], "Marek Hydraulik")
        self.assertEqual(first["by"], self.env.user.partner_id.name)
        self.assertEqual(first["stage_id"], self.stage["forwarded"].id)
        self.assertTrue(first["open"])
        self.assertAlmostEqual(first["lat"], 52.18843)
        # the reporter hears of their own ticket, and only of it
        self.assertEqual(
            self._received(self.owner),
            [
                (
                    "msom.ticket/changed",
                    {"tickets": [{"id": tickets[0].id, "state": "forwarded"}]},
                )
            ],
        )
        neighbour = self._received(self.neighbour)
        self.assertEqual(neighbour[0][1]["tickets"][0]["id"], tickets[1].id)
        self.assertEqual(len(neighbour), 1)
        # the contractor company and the assigned worker hear of their jobs
        self.assertEqual(
            self._received((self.hydro, "msom.jobs")),
            [("msom.jobs/changed", {"ids": tickets.ids})],
        )
        self.assertEqual(
            self._received(self.plumber.partner_id),
            [("msom.jobs/changed", {"ids": tickets[0].ids})],
        )
        self.assertEqual(self._received((self.elektro, "msom.jobs")), [])
        self.assertEqual(self._received((self.other_company, "msom.tickets")), [])

    def test_company_b_events_stay_in_company_b(self):
        foreign = self.Ticket.with_company(self.other_company).create(
            {
                "location_id": self.other_estate.id,
                "company_id": self.other_company.id,
                "category_id": self.plumbing.id,
            }
        )
        foreign.with_company(self.other_company).action_msom_accept()
        received = self._received((self.other_company, "msom.tickets"))
        self.assertEqual(
            [e["kind"] for e in received[0][1]["events"]], ["created", "accepted"]
        )
        self.assertEqual(self._received((self.env.company, "msom.tickets")), [])

    def test_flow_kinds_and_reassignment(self):
        ticket = self._ticket(
            reporter_partner_id=self.owner.id, person_id=self.plumber.id
        )
        self.env.cr.precommit.run()
        self.last_id = self.env["bus.bus"].sudo()._bus_last_id()
        # the job moves to another company: the first one's lists drop it
        ticket.write({"category_id": self.electric.id, "person_id": False})
        self.assertEqual(
            self._received((self.hydro, "msom.jobs")),
            [("msom.jobs/changed", {"ids": ticket.ids})],
        )
        self.assertEqual(
            self._received(self.plumber.partner_id),
            [("msom.jobs/changed", {"ids": ticket.ids})],
        )
        ticket.action_msom_forward()
        ticket.action_msom_start()
        ticket.action_msom_hold()
        ticket.action_msom_done()
        ticket.with_user(self.operator).action_msom_rate(4)
        ticket.with_user(self.operator).action_msom_reopen("Nadal cieknie")
        kinds = [
            event["kind"]
            for _type, payload in self._received((self.env.company, "msom.tickets"))
            for event in payload["events"]
        ]
        self.assertEqual(
            kinds,
            ["assigned", "forwarded", "in_progress", "on_hold", "done", "rated",
             "reopened"],
        )  # fmt: skip
        self.assertEqual(
            self._received((self.elektro, "msom.jobs"))[-1][1]["ids"], ticket.ids
        )

    def test_positions_go_in_one_batch_per_interval(self):
        (self.plumber | self.electrician)._set_last_position(52.1, 21.1)
        first = self._received((self.env.company, "msom.tickets"))
        self.assertEqual([kind for kind, _p in first], ["msom.tickets/positions"])
        self.assertEqual(
            [w["name"] for w in first[0][1]["workers"]], ["Marek Hydraulik"]
        )
        # the worker of company B is on company B's map only
        other = self._received((self.other_company, "msom.tickets"))
        self.assertEqual([w["name"] for w in other[0][1]["workers"]], ["Ewa Elektryk"])
        # inside the interval a ping waits for the next batch
        self.plumber._set_last_position(52.2, 21.2)
        self.assertEqual(len(self._received((self.env.company, "msom.tickets"))), 1)
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_tickets.live_position_interval", "0"
        )
        other_worker = self.env["fsm.person"].create(
            {"name": "Piotr Pomocnik", "parent_id": self.hydro.id}
        )
        other_worker.company_id = self.env.company
        other_worker._set_last_position(52.3, 21.3)
        batches = self._received((self.env.company, "msom.tickets"))
        self.assertEqual(len(batches), 2)
        self.assertEqual(
            {(w["name"], w["lat"]) for w in batches[1][1]["workers"]},
            {("Marek Hydraulik", 52.2), ("Piotr Pomocnik", 52.3)},
        )
        # a worker who stops sharing leaves the map
        other_worker.write(
            {"last_latitude": 0, "last_longitude": 0, "last_position_time": False}
        )
        removed = self._received((self.env.company, "msom.tickets"))[-1][1]
        self.assertEqual(removed["workers"][0]["time"], False)

    def test_channels_the_websocket_grants(self):
        """The client's channel name becomes what its user may hear."""
        operator_b = new_test_user(
            self.env,
            login="t_operator_b_live",
            groups="msom_estate.group_msom_operator",
            company_id=self.other_company.id,
            company_ids=[self.other_company.id],
        )
        contractor = new_test_user(
            self.env,
            login="t_plumber_live",
            groups="msom_estate.group_msom_contractor",
            partner_id=self.plumber.partner_id.id,
        )
        resident = self._resident_user(self.owner, "t_resident_live")

        def channels(user):
            websocket = self.env["ir.websocket"].with_user(user)
            session = type("Session", (), {"uid": user.id})
            request = type("Request", (), {"session": session})
            with patch("odoo.addons.bus.models.ir_websocket.request", request):
                granted = websocket._build_bus_channel_list(["msom.tickets.live"])
                # ours among Odoo's own (broadcast, groups, partner, discuss)
                return [
                    channel
                    for channel in granted
                    if isinstance(channel, tuple)
                    and channel[1] in ("msom.tickets", "msom.jobs")
                    or isinstance(channel, str)
                    and channel == "msom.tickets.live"
                ]

        self.assertEqual(channels(self.operator), [(self.env.company, "msom.tickets")])
        self.assertEqual(channels(operator_b), [(self.other_company, "msom.tickets")])
        self.assertEqual(channels(contractor), [(self.hydro, "msom.jobs")])
        self.assertEqual(channels(resident), [])
