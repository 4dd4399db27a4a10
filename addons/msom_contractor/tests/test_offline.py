# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The queue route of the contractor's phone (/wykonawca/zlecenie/<id>/wyslij)
without a browser: once per token, kept for the office when the job is gone,
refused to everybody else."""

import base64
import re

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import MsomContractorHttpCase, make_jpeg, make_signature


@tagged("post_install", "-at_install")
class TestContractorOutbox(MsomContractorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident_user(cls.owner, "c_out_resident")
        cls.job = cls._job(name="ZG-OUT-1")
        cls.job.forwarded_uid = cls.operator
        cls.job.with_user(cls.plumber_user)._msom_job_accept()
        cls.job.with_user(cls.plumber_user)._msom_job_start()

    def setUp(self):
        super().setUp()
        self.authenticate("c_plumber", "c_plumber")

    def _proof(self, job):
        page = self.url_open(f"/wykonawca/zlecenie/{job.id}").text
        return re.search(r'data-msom-proof="([^"]+)"', page).group(1)

    def _kept(self, job):
        """The notes that keep what the phone sent for the office."""
        return job.message_ids.filtered(lambda m: "captured offline" in m.body)

    def _send(self, job, token, kind, values=None, files=None, **extra):
        return self.make_jsonrpc_request(
            f"/wykonawca/zlecenie/{job.id}/wyslij",
            dict(
                token=token,
                kind=kind,
                values=values or {},
                files=files or [],
                captured_at="2026-12-07T10:15:00Z",
                **extra,
            ),
        )

    def test_item_sent_twice_is_applied_once(self):
        photo = {"name": "rura.jpg", "data": base64.b64encode(make_jpeg()).decode()}
        first = self._send(self.job, "tok-photo-1", "photos", files=[photo])
        self.assertEqual(first["state"], "applied")
        self.assertIn("ok=photos", first["url"])
        again = self._send(self.job, "tok-photo-1", "photos", files=[photo])
        self.assertEqual(again, first)
        self.assertEqual(len(self.job.work_photo_ids), 1)
        values = {
            "work_description": "Wymieniono zawór",
            "resident_name": "Ewa Nowak",
            "signature": make_signature(),
        }
        protocol = self._send(self.job, "tok-protocol-1", "protocol", values)
        self.assertEqual(protocol["state"], "applied")
        self.assertEqual(
            protocol, self._send(self.job, "tok-protocol-1", "protocol", values)
        )
        self.assertEqual(len(self.job.protocol_ids), 1)
        # the form had no photos to choose: the job's photos are in it
        self.assertEqual(self.job.protocol_ids.photo_ids, self.job.work_photo_ids)
        note = {"action": "details", "notes": "Zakręcono pion"}
        self.assertEqual(
            self._send(self.job, "tok-note", "action", note)["state"], "applied"
        )
        self.assertIn("Zakręcono pion", self.job.resolution)

    def test_refused_online_kept_offline(self):
        hold = {"action": "hold", "reason": ""}
        online = self._send(self.job, "tok-hold-online", "action", hold)
        self.assertEqual(online["state"], "refused")
        self.assertIn("on hold", online["error"])
        self.assertEqual(self.job.job_stage, "in_progress")
        self.assertFalse(self._kept(self.job))
        offline = self._send(self.job, "tok-hold-offline", "action", hold, offline=True)
        self.assertEqual(offline["state"], "kept")
        self.assertIn("ZG-OUT-1", offline["message"])
        self.assertEqual(len(self._kept(self.job)), 1)
        self.assertEqual(self.job.job_stage, "in_progress")

    def test_cancelled_job_keeps_what_was_captured(self):
        proof = self._proof(self.job)
        self.job.write(
            {"stage_id": self.stage["rejected"].id, "rejection_reason": "Duplikat"}
        )
        self.env.flush_all()
        photo = {"name": "rura.jpg", "data": base64.b64encode(make_jpeg()).decode()}
        result = self._send(self.job, "tok-gone", "photos", files=[photo], proof=proof)
        self.assertEqual(result["state"], "kept")
        self.assertIn("cancelled", result["message"])
        note = self._kept(self.job)
        self.assertEqual(note.author_id, self.plumber_user.partner_id)
        self.assertTrue(note.subtype_id.internal)
        self.assertEqual(note.attachment_ids.mapped("name"), ["rura.jpg"])
        self.assertFalse(self.job.work_photo_ids)
        # without the proof the job that left the worker is not found
        with self.assertRaises(JsonRpcException):
            self._send(self.job, "tok-gone-2", "action", {"action": "start"})

    def test_reassigned_job_keeps_the_protocol(self):
        proof = self._proof(self.job)
        self.job.write({"contractor_id": self.elektro.id, "person_id": False})
        self.env.flush_all()
        values = {
            "work_description": "Wymieniono zawór",
            "resident_name": "Ewa Nowak",
            "signature": make_signature(),
        }
        result = self._send(self.job, "tok-moved", "protocol", values, proof=proof)
        self.assertEqual(result["state"], "kept")
        self.assertIn("someone else", result["message"])
        self.assertFalse(self.job.protocol_ids)
        note = self._kept(self.job)
        self.assertIn("Wymieniono zawór", note.body)
        self.assertEqual(note.attachment_ids.mapped("name"), ["podpis.png"])
        self.assertEqual(
            self._send(self.job, "tok-moved", "protocol", values, proof=proof), result
        )
        self.assertEqual(len(self._kept(self.job)), 1)
        self.assertTrue(
            self.job.activity_ids.filtered(lambda a: a.user_id == self.operator)
        )

    def test_wrong_person(self):
        proof = self._proof(self.job)
        self.authenticate("c_electrician", "c_electrician")
        for token, extra in (("tok-other", {}), ("tok-stolen", {"proof": proof})):
            with self.subTest(token=token), self.assertRaises(JsonRpcException):
                self._send(self.job, token, "action", {"action": "hold"}, **extra)
        self.assertFalse(self._kept(self.job))
        self.assertEqual(self.job.job_stage, "in_progress")
        self.authenticate("c_out_resident", "c_out_resident")
        with self.assertRaises(JsonRpcException):
            self._send(self.job, "tok-resident", "action", {"action": "start"})

    def test_finished_job_page_starts_with_the_job(self):
        self.job.write({"stage_id": self.stage["done"].id})
        self.env.flush_all()
        page = self.url_open(f"/wykonawca/zlecenie/{self.job.id}").text
        self.assertIn("o_msom_job_stage", page)
        # no card without content (the actions of an open job)
        self.assertNotIn("o_msom_actions", page)
        self.assertNotIn("o_msom_photo_form", page)
