# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomContractorHttpCase


@tagged("post_install", "-at_install")
class TestContractorTour(MsomContractorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident_user(cls.owner, "c_tour_resident")
        cls._occupy(cls.unit_12, cls.neighbour)
        cls._resident_user(cls.neighbour, "c_tour_neighbour")

    def test_contractor_job_tour(self):
        # Only this job is new for the company in the test transaction.
        self.env["fsm.order"].search(
            [("contractor_id", "=", self.hydro.id), ("ticket_state", "=", "forwarded")]
        ).write({"contractor_accept_date": "2026-01-01 10:00:00"})
        job = self._job(name="ZG-TOUR-C1")
        self.start_tour(
            "/wykonawca", "msom_contractor_job_tour", login="c_plumber", timeout=240
        )
        self.assertEqual(job.ticket_state, "done")
        self.assertEqual(len(job.work_photo_ids), 1)
        protocol = job.protocol_ids
        self.assertEqual(len(protocol), 1)
        self.assertEqual(protocol.resident_name, "Żaneta Łęcka")
        self.assertTrue(protocol.signature)
        # The resident sees the protocol PDF through the ticket.
        self.authenticate("c_tour_resident", "c_tour_resident")
        response = self.url_open(protocol.pdf_url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(
            self.env["msom.completion.protocol"]
            .with_user(self.resident)
            .search([("ticket_id", "=", job.id)]),
            protocol,
        )
        # Another resident does not.
        self.authenticate("c_plumber", "c_plumber")
        self.assertEqual(self.url_open(protocol.pdf_url).status_code, 200)
        self.authenticate("c_tour_neighbour", "c_tour_neighbour")
        self.assertEqual(self.url_open(protocol.pdf_url).status_code, 404)
