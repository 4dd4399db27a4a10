# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""RPC matrix: every public method our modules define or override, called
over /web/dataset/call_kw by resident A on someone else's record.

Whatever the method answers (an error, or a harmless result), nothing in the
database may change: the rows of our tables, their last write date, and the
messages, activities, mails and attachments stay as they were. Office-only
fields are refused (or ignored) on create and write.
"""

import inspect
from contextlib import suppress

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL, mute_logger

from .security_common import MsomSecurityCase

# tables that record side effects of any model
WATCHED = ("mail_message", "mail_mail", "mail_activity", "ir_attachment")
FORGED = {"channel": "office", "consent_type": "einvoice"}


@tagged("post_install", "-at_install")
class TestSecurityRpcMatrix(MsomSecurityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # someone else's record of each model, where the fixtures name one
        cls.victims = {
            "res.partner": cls.neighbour,
            "res.users": cls.ewa,
            "fsm.order": cls.ticket_ewa,
            "fsm.location": cls.unit_12,
            "account.move": cls.notice_12,
            "msom.meter": cls.meter_ewa,
            "msom.document": cls.doc_ewa,
            "msom.interest.note": cls.note_ewa,
            "msom.payment.demand": cls.demand_ewa,
            "msom.collection.case": cls.case_ewa,
            "msom.announcement": cls.announcement_ewa,
            "msom.resident.conversation": cls.chat_ewa,
        }

    def _our_methods(self):
        """{model: [method names]} callable over RPC and defined or
        overridden by one of our modules."""
        methods = {}
        for name in sorted(self.env.registry):
            model = self.env[name]
            if model._abstract or not model._auto:
                continue
            ours = {
                attr
                for cls in type(model).__mro__
                if cls.__module__.startswith("odoo.addons.msom_")
                for attr, value in vars(cls).items()
                if not attr.startswith("_") and inspect.isfunction(value)
            }
            public = []
            for attr in sorted(ours):
                try:
                    get_public_method(model, attr)
                except AccessError:
                    continue  # @api.private: not callable remotely
                public.append(attr)
            if public:
                methods[name] = public
        return methods

    def _victim(self, model):
        """A record of `model` that resident A may not read."""
        if model in self.victims:
            return self.victims[model]
        Model = self.env[model]
        try:
            readable = Model.with_user(self.jan).search([]).ids
        except AccessError:
            readable = []
        return Model.search([("id", "not in", readable)], limit=1)

    def _snapshot(self, models):
        tables = {
            self.env[m]._table: self.env[m]._log_access for m in models
        } | dict.fromkeys(WATCHED, True)
        state = {}
        for table, dated in sorted(tables.items()):
            last = SQL("max(write_date)") if dated else SQL("NULL")
            self.env.cr.execute(
                SQL("SELECT count(*), %s FROM %s", last, SQL.identifier(table))
            )
            state[table] = self.env.cr.fetchone()
        return state

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _attempt(self, model, method, args, kwargs=None):
        """Call over RPC where a refusal is as good an answer as a harmless
        result: the test then checks what the database holds."""
        with mute_logger("odoo.http"), suppress(JsonRpcException):
            self._call(model, method, args, kwargs)

    def test_public_methods_on_others_records(self):
        methods = self._our_methods()
        self.assertIn("msom_withdraw_consent", methods.get("res.partner", []))
        self._login_role("resident_a")
        called = 0
        before = self._snapshot(methods)
        for model, names in methods.items():
            victim = self._victim(model)
            if not victim:
                continue
            for name in names:
                method = getattr(type(self.env[model]), name)
                required = [
                    p
                    for p in list(inspect.signature(method).parameters.values())[1:]
                    if p.default is p.empty
                    and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                ]
                # what an attacker would send: a forged channel, a real
                # consent type, the victim's ids; None for the rest
                args = [victim.ids] + [
                    FORGED.get(p.name, victim.id if p.name.endswith("_id") else None)
                    for p in required
                ]
                with self.subTest(model=model, method=name):
                    self._attempt(model, name, args)
                    self.env.invalidate_all()
                    after = self._snapshot(methods)
                    self.assertEqual(
                        after,
                        before,
                        f"{model}.{name} on another person's record changed data",
                    )
                    before = after
                called += 1
        self.assertGreater(called, 30)

    def test_consents_of_another_partner(self):
        """Hole 2: another partner's consents stay as they were."""
        self._login_role("resident_a")
        Consent = self.env["msom.consent"]
        before = Consent.search_read([("partner_id", "=", self.neighbour.id)])
        for method in ("msom_grant_consent", "msom_withdraw_consent"):
            for consent_type in ("einvoice", "ereading", "installments"):
                with self.subTest(method=method, consent_type=consent_type):
                    with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                        self._call(
                            "res.partner",
                            method,
                            [self.neighbour.ids, consent_type],
                            {"channel": "office"},
                        )
        self.env.invalidate_all()
        self.assertEqual(
            Consent.search_read([("partner_id", "=", self.neighbour.id)]), before
        )

    def test_office_fields_on_create_and_write(self):
        """Hole 8: a resident's ticket gets no office-only values over RPC."""
        self._login_role("resident_a")
        office = {
            "channel": "phone",
            "contractor_id": self.hydro.id,
            "priority": "3",
            "report_date": "2020-01-01 08:00:00",
        }
        Ticket = self.env["fsm.order"]
        count = Ticket.search_count([])
        try:
            with mute_logger("odoo.http"):
                ticket_id = self._call(
                    "fsm.order",
                    "create",
                    [
                        {
                            "location_id": self.unit_1.id,
                            "description": "<p>Z RPC</p>",
                            **office,
                        }
                    ],
                )
        except JsonRpcException:  # refused: nothing created
            self.assertEqual(Ticket.search_count([]), count)
        else:
            ticket = Ticket.browse(ticket_id)
            self.assertNotEqual(ticket.channel, "phone")
            self.assertFalse(ticket.contractor_id)
            self.assertNotEqual(str(ticket.report_date)[:4], "2020")
        own = self._ticket(self.unit_1, self.owner)
        snapshot = own.read(list(office))
        self._attempt("fsm.order", "write", [own.ids, office])
        own.invalidate_recordset()
        self.assertEqual(own.read(list(office)), snapshot)

    def test_own_identity_only_through_the_office(self):
        """Hole 6: name, e-mail and phone change only by a change request."""
        self._login_role("resident_a")
        before = self.jan.read(["name", "email", "phone"])
        for field, value in (
            ("name", "<b>Jan Zmieniony</b>"),
            ("email", "atak@example.com"),
            ("phone", "+48 111 222 333"),
        ):
            with self.subTest(field=field):
                self._attempt("res.users", "write", [self.jan.ids, {field: value}])
        self.jan.invalidate_recordset()
        self.assertEqual(self.jan.read(["name", "email", "phone"]), before)
