# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MsomContractorCase, make_jpeg, make_signature


@tagged("post_install", "-at_install")
class TestContractorSecurity(MsomContractorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls.resident = cls._resident_user(cls.owner, "c_resident")
        cls.neighbour_user = cls._resident_user(cls.neighbour, "c_neighbour")
        cls.job = cls._job()
        cls.electric_job = cls._ticket(category_id=cls.electric.id)
        cls.electric_job.write({"stage_id": cls.stage["forwarded"].id})

    def _protocol(self):
        mine = self.as_plumber(self.job)
        mine._msom_job_accept()
        mine._msom_job_start()
        mine._msom_add_photos([("a.jpg", make_jpeg(800, 600))])
        return (
            self.env["msom.completion.protocol"]
            .with_user(self.plumber_user)
            ._msom_create_for_job(
                mine,
                {
                    "work_description": "Wymieniono zawór",
                    "resident_name": "Jan Nowak",
                    "signature": make_signature(),
                },
            )
        )

    def test_other_company_job_refused(self):
        theirs = self.electric_job.with_user(self.plumber_user)
        for call in (
            lambda: theirs._msom_job_accept(),
            lambda: theirs._msom_job_decline("nie"),
            lambda: theirs._msom_add_photos([("a.jpg", make_jpeg(100, 100))]),
        ):
            with self.assertRefused(AccessError, ".*"):
                call()
        self.assertEqual(self.electric_job.job_stage, "new")
        self.assertFalse(self.electric_job.work_photo_ids)
        domain = self.env["fsm.order"].with_user(self.plumber_user)._msom_job_domain()
        visible = self.env["fsm.order"].with_user(self.plumber_user).search(domain)
        self.assertIn(self.job, visible)
        self.assertNotIn(self.electric_job, visible)

    def test_operator_stage_not_a_job(self):
        """New tickets of the company are not jobs until forwarded."""
        fresh = self._ticket()
        with self.assertRefused(AccessError, "not one of your jobs"):
            fresh.with_user(self.plumber_user)._msom_job_accept()

    def test_protocol_visibility(self):
        protocol = self._protocol()
        Protocol = self.env["msom.completion.protocol"]
        # The reporter (resident of unit 1) reads the protocol and its PDF.
        self.assertEqual(
            Protocol.with_user(self.resident).search([("id", "=", protocol.id)]),
            protocol,
        )
        protocol.with_user(self.resident).check_access("read")
        self.env.invalidate_all()
        self.assertTrue(protocol.with_user(self.resident).signature)
        # The neighbour and the other company's worker do not.
        for user in (self.neighbour_user, self.electrician_user):
            self.assertFalse(
                Protocol.with_user(user).search([("id", "=", protocol.id)])
            )
            with self.assertRefused(AccessError, ".*"):
                protocol.sudo().pdf_attachment_id.with_user(user).read(["raw"])
        # Nobody rewrites a signed protocol.
        with self.assertRefused(Exception, "cannot be changed|not allowed"):
            protocol.with_user(self.plumber_user).write({"work_description": "x"})
        with self.assertRefused(Exception, "cannot be changed"):
            protocol.sudo().write({"work_description": "x"})
