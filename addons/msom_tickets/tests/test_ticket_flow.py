# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestTicketFlow(MsomTicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.email = "jan.nowak@example.pl"
        cls._occupy(cls.unit_1, cls.owner)
        cls.resident = cls._resident_user(cls.owner, "t_resident_flow")

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _reporter_messages(self, ticket, partner):
        return ticket.message_ids.filtered(
            lambda m: (
                partner in m.notified_partner_ids
                and m.subtype_id == self.env.ref("mail.mt_comment")
            )
        )

    def test_board_columns_are_the_ticket_flow(self):
        board = self.env["fsm.order"].with_context(msom_ticket_board=True)
        stages = board._read_group_stage_ids(
            self.env["fsm.stage"], [], order="sequence, id"
        )
        self.assertEqual(stages, self.env["fsm.stage"].union(*self.stage.values()))
        self.assertEqual(stages.mapped("sequence"), sorted(stages.mapped("sequence")))
        # Field Service's own stages stay, for plain work orders.
        self.assertTrue(self.env.ref("fieldservice.fsm_stage_new").active)
        self.assertEqual(self._ticket().stage_id, self.stage["new"])

    def test_forward_stamps_date_and_user(self):
        ticket = self._ticket().with_user(self.operator)
        self.assertFalse(ticket.forwarded_date)
        ticket.action_msom_accept()
        ticket.action_msom_forward()
        self.assertEqual(ticket.ticket_state, "forwarded")
        self.assertTrue(ticket.forwarded_date)
        self.assertEqual(ticket.forwarded_uid, self.operator)
        ticket.action_msom_start()
        ticket.action_msom_done()
        self.assertTrue(ticket.done_date)
        done_date = ticket.done_date
        ticket.action_msom_close()
        self.assertEqual(ticket.done_date, done_date, "closing keeps the done time")
        self.assertGreaterEqual(ticket.resolution_hours, 0.0)

    def test_stage_move_needs_data(self):
        ticket = self._ticket(category_id=False)
        self.assertFalse(ticket.contractor_id)
        with self.assertRefused(ValidationError, "without a contractor company"):
            ticket.action_msom_forward()
        self.assertEqual(ticket.ticket_state, "new")
        with self.assertRefused(ValidationError, "reason for rejecting"):
            ticket.action_msom_reject()
        ticket.rejection_reason = "Zgłoszenie dotyczy lokalu prywatnego."
        ticket.action_msom_reject()
        self.assertEqual(ticket.ticket_state, "rejected")
        with self.assertRefused(ValidationError, "without a contractor company"):
            self._ticket(category_id=False, stage_id=self.stage["forwarded"].id)

    def test_worker_must_belong_to_company(self):
        ticket = self._ticket()
        ticket.person_id = self.plumber
        with self.assertRefused(ValidationError, "does not work for"):
            ticket.person_id = self.electrician
        # Assigning from the map also sets the worker's company.
        ticket.action_assign_worker(self.electrician.id)
        self.assertEqual(ticket.contractor_id, self.elektro)
        self.assertEqual(ticket.person_id, self.electrician)
        with self.assertRefused(ValidationError, "not marked as a contractor"):
            ticket.write({"contractor_id": self.owner.id, "person_id": False})

    def test_reporter_notified_on_stage_change(self):
        ticket = self.Ticket.create(
            {
                "location_id": self.unit_1.id,
                "category_id": self.plumbing.id,
                "reporter_partner_id": self.owner.id,
                "channel": "portal",
            }
        )
        self._flush_tracking()
        # Acknowledgement with the number.
        first = self._reporter_messages(ticket, self.owner)
        self.assertEqual(len(first), 1)
        self.assertIn(ticket.name, first.subject)
        ticket.action_msom_accept()
        self._flush_tracking()
        ticket.action_msom_forward()
        self._flush_tracking()
        messages = self._reporter_messages(ticket, self.owner)
        self.assertEqual(len(messages), 3)
        self.assertIn("forwarded for execution", messages[0].body)
        self.assertIn(self.hydro.name, messages[0].body)
        # A stage without template stays silent.
        self.stage["in_progress"].mail_template_id = False
        ticket.action_msom_start()
        self._flush_tracking()
        self.assertEqual(len(self._reporter_messages(ticket, self.owner)), 3)

    def test_office_writes_to_the_reporter(self):
        """The acknowledgement and stage messages come from the cooperative,
        not from the resident who reported; a reopen is announced as one,
        and the "registered" acknowledgement is not sent again."""
        office = self.env.company.partner_id
        office.email = "biuro@sm-test.example"
        reported = (
            self.env["fsm.order"]
            .with_user(self.resident)
            .create(
                {
                    "location_id": self.unit_1.id,
                    "category_id": self.plumbing.id,
                    "reporter_partner_id": self.owner.id,
                    "description": "<p>Cieknie kran</p>",
                }
            )
        )
        ticket = self.env["fsm.order"].browse(reported.id)
        self._flush_tracking()
        self.assertEqual(ticket.company_id.partner_id, office)
        (acknowledgement,) = self._reporter_messages(ticket, self.owner)
        self.assertEqual(acknowledgement.author_id, office)
        registered = acknowledgement.subject
        ticket.action_msom_forward()
        ticket.action_msom_done()
        self._flush_tracking()
        ticket.with_user(self.resident).action_msom_reopen("Nadal cieknie")
        self._flush_tracking()
        messages = self._reporter_messages(ticket, self.owner)
        self.assertEqual(messages.author_id, office)
        self.assertEqual(messages.mapped("subject").count(registered), 1)
        self.assertIn(ticket.name, messages[0].subject)
        self.assertNotEqual(messages[0].subject, registered)
        self.assertIn("Nadal cieknie", messages[0].body)

    def test_anonymous_reporter_notified_by_email(self):
        ticket = self._ticket(
            channel="anonymous",
            reporter_name="Jan Anonim",
            reporter_email="anonim@example.pl",
        )
        self._flush_tracking()
        ticket.action_msom_accept()
        self._flush_tracking()
        notified = ticket.message_ids.notified_partner_ids
        self.assertIn("anonim@example.pl", notified.mapped("email"))
        self.assertEqual(
            len(
                ticket.message_ids.filtered(lambda m: notified & m.notified_partner_ids)
            ),
            2,
        )

    def test_answer_the_reporter(self):
        ticket = self._ticket(reporter_partner_id=self.owner.id)
        action = ticket.with_user(self.operator).action_answer_reporter()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.operator)
            .with_context(**action["context"])
            .create({"body": "<p>Hydraulik przyjdzie jutro o 10.</p>"})
        )
        self.assertIn(self.owner, composer.partner_ids)
        composer._action_send_mail()
        message = ticket.message_ids[0]
        self.assertIn(self.owner, message.partner_ids)
        silent = self._ticket()
        with self.assertRefused(UserError, "no reporter"):
            silent.action_answer_reporter()

    def test_rating_and_reopen(self):
        ticket = self._ticket(reporter_partner_id=self.owner.id)
        as_resident = ticket.with_user(self.resident)
        with self.assertRefused(UserError, "once it is done"):
            as_resident.action_msom_rate(5)
        ticket.action_msom_forward()
        ticket.action_msom_done()
        with self.assertRefused(ValidationError, "between 1 and 5"):
            as_resident.action_msom_rate(6)
        as_resident.action_msom_rate(4, "Szybko i czysto")
        self.assertEqual(ticket.rating, 4)
        self.assertEqual(ticket.rating_comment, "Szybko i czysto")
        with self.assertRefused(ValidationError, "Say why"):
            as_resident.action_msom_reopen("  ")
        as_resident.action_msom_reopen("Nadal cieknie")
        self.assertEqual(ticket.ticket_state, "new")
        self.assertEqual(ticket.reopen_count, 1)
        self.assertEqual(ticket.reopen_reason, "Nadal cieknie")
        self.assertFalse(ticket.done_date)
        self.assertFalse(ticket.rating)
        with self.assertRefused(UserError, "Only a done or closed ticket"):
            as_resident.action_msom_reopen("jeszcze raz")
        # Operators reopen through the wizard.
        ticket.action_msom_forward()
        ticket.action_msom_done()
        action = ticket.with_user(self.operator).action_open_reopen_wizard()
        wizard = (
            self.env["msom.ticket.reopen"]
            .with_user(self.operator)
            .with_context(**action["context"])
            .create({"reason": "Mieszkaniec dzwonił"})
        )
        wizard.action_reopen()
        self.assertEqual(ticket.reopen_count, 2)

    def test_only_reporter_rates(self):
        ticket = self._ticket(
            reporter_partner_id=self.neighbour.id, location=self.unit_1
        )
        ticket.action_msom_forward()
        ticket.action_msom_done()
        # Jan lives in unit 1 and can read the ticket, but did not report it.
        with self.assertRefused(AccessError, "Only the reporter"):
            ticket.with_user(self.resident).action_msom_rate(1)
        with self.assertRefused(AccessError, "Only the reporter"):
            ticket.with_user(self.resident).action_msom_reopen("nie moje")
