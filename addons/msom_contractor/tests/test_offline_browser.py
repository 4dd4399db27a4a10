# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The contractor in a basement: a real Chromium (driven by Playwright) on a
390 px phone screen, with the network switched off for the page and its
service worker alike."""

import math
from contextlib import contextmanager

from odoo.tests import tagged
from odoo.tools.translate import code_translations

from odoo.addons.msom_estate.tests.common import load_polish

from .browser import logged_in_browser
from .common import MsomContractorHttpCase, make_jpeg

# the phone's queue as the page keeps it (IndexedDB), oldest first
READ_QUEUE = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open("msom_contractor_outbox");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
        const all = open.result.transaction("items").objectStore("items").getAll();
        all.onsuccess = () => resolve(all.result);
    };
})"""
# the photo item once more, as a phone whose answer got lost would send it
REPEAT_PHOTO_ITEM = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open("msom_contractor_outbox");
    open.onsuccess = () => {
        const transaction = open.result.transaction("items", "readwrite");
        const store = transaction.objectStore("items");
        const all = store.getAll();
        all.onsuccess = () => {
            const photo = all.result.find((item) => item.kind === "photos");
            delete photo.seq;
            const added = store.add(photo);
            added.onsuccess = () => resolve(true);
            added.onerror = () => reject(added.error);
        };
    };
})"""


@tagged("post_install", "-at_install")
class TestContractorOffline(MsomContractorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the worker reads the pages in Polish (on a site whose first language
        # is English, the pages are under /pl/...)
        load_polish(cls.env, ["msom_tickets", "msom_contractor"])
        cls.plumber_user.lang = "pl_PL"

    @contextmanager
    def _phone(self, login):
        """A logged-in phone browser: (context, page)."""
        with logged_in_browser(
            self, login, viewport={"width": 390, "height": 844}, locale="pl-PL"
        ) as context:
            yield context, context.new_page()

    def _open_job(self, page, job):
        """Open the job online and wait until the phone keeps a copy of it."""
        page.goto(f"/wykonawca/zlecenie/{job.id}")
        page.wait_for_selector("[data-msom-outbox=ready]", state="attached")
        page.wait_for_selector("[data-msom-offline-ready]", state="attached")

    def _queued(self, page, kind):
        page.wait_for_selector(f".o_msom_outbox_item[data-kind={kind}]")

    def _note_and_photo(self, page, note):
        page.fill("#d_notes", note)
        page.click(".o_msom_details button[type=submit]")
        self._queued(page, "details")
        page.set_input_files(
            ".o_msom_photo_input",
            files=[
                {
                    "name": "rura.jpg",
                    "mimeType": "image/jpeg",
                    "buffer": make_jpeg(800, 600),
                }
            ],
        )
        page.click(".o_msom_photo_submit")
        self._queued(page, "photos")

    def _sign(self, page):
        canvas = page.locator(".o_msom_signature_canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        x, y = box["x"], box["y"]
        page.mouse.move(x + 20, y + 150)
        page.mouse.down()
        for i in range(1, 41):
            page.mouse.move(x + 20 + i * 6, y + 150 - math.sin(i / 4) * 60)
        page.mouse.up()

    def test_offline_work_arrives_once_and_in_order(self):
        job = self._job(name="ZG-OFF-1")
        job.with_user(self.plumber_user)._msom_job_accept()
        with self._phone("c_plumber") as (context, page):
            self._open_job(page, job)
            context.set_offline(True)
            page.click(".o_msom_start")
            self._queued(page, "start")
            # the page shows the job as it will be once sent
            page.wait_for_selector(".o_msom_job_stage.o_msom_stage_waiting")
            page.wait_for_selector(".o_msom_outbox_offline", state="visible")
            self._note_and_photo(page, "Zakręcono pion, wymieniono zawór")
            # the protocol form comes from the phone's copy
            page.click(".o_msom_protocol_link")
            page.wait_for_selector(".o_msom_protocol_form")
            page.wait_for_selector("[data-msom-outbox=ready]", state="attached")
            page.fill("textarea[name=work_description]", "Wymieniono zawór i uszczelkę")
            page.fill("input[name=resident_name]", "Żaneta Łęcka")
            self._sign(page)
            page.click(".o_msom_protocol_submit")
            page.wait_for_url(f"**/wykonawca/zlecenie/{job.id}")
            self._queued(page, "protocol")
            queue = page.evaluate(READ_QUEUE)
            self.assertEqual(
                [item["values"].get("action", item["kind"]) for item in queue],
                ["start", "details", "photos", "protocol"],
            )
            self.env.invalidate_all()
            self.assertEqual(job.job_stage, "accepted", "nothing sent while offline")
            page.evaluate(REPEAT_PHOTO_ITEM)
            context.set_offline(False)
            page.wait_for_selector(".o_msom_outbox", state="hidden")
            self.assertEqual(page.evaluate(READ_QUEUE), [])
            self.assertEqual(page.locator(".o_msom_outbox_notice").count(), 0)
        self.env.invalidate_all()
        self.assertEqual(job.job_stage, "in_progress")
        self.assertIn("Zakręcono pion", job.resolution)
        self.assertEqual(len(job.work_photo_ids), 1, "the repeated photo is one")
        protocol = job.protocol_ids
        self.assertEqual(len(protocol), 1)
        self.assertEqual(protocol.resident_name, "Żaneta Łęcka")
        self.assertTrue(protocol.signature)
        self.assertEqual(protocol.photo_ids, job.work_photo_ids)
        # each item was applied once, in the order it was captured
        submissions = (
            self.env["msom.submission"]
            .sudo()
            .search([("token", "in", [item["token"] for item in queue])], order="id")
        )
        self.assertEqual(submissions.mapped("token"), [i["token"] for i in queue])
        self.assertEqual({s.result["state"] for s in submissions}, {"applied"})

    def test_job_cancelled_while_offline(self):
        job = self._job(name="ZG-OFF-2")
        job.forwarded_uid = self.operator
        job.with_user(self.plumber_user)._msom_job_accept()
        job.with_user(self.plumber_user)._msom_job_start()
        with self._phone("c_plumber") as (context, page):
            self._open_job(page, job)
            context.set_offline(True)
            self._note_and_photo(page, "Pion zakręcony w piwnicy")
            # meanwhile the office cancels the job
            job.write(
                {"stage_id": self.stage["rejected"].id, "rejection_reason": "Duplikat"}
            )
            self.env.flush_all()
            context.set_offline(False)
            kept = ".o_msom_outbox_notice[data-state=kept] .o_msom_outbox_message"
            page.wait_for_selector(f"{kept} >> nth=1")
            messages = page.locator(kept).all_inner_texts()
            self.assertEqual(len(messages), 2)
            # in the worker's language (Polish as soon as i18n/pl.po's terms
            # are in the module's .pot: Odoo reads only those)
            polish = code_translations.get_python_translations(
                "msom_contractor", "pl_PL"
            )
            for message, what in zip(
                messages, ("the time and notes", "photos"), strict=True
            ):
                self.assertIn("ZG-OFF-2", message)
                for term in ("the office cancelled the job", what):
                    self.assertIn(polish.get(term, term), message)
            # the worker has read it
            page.click(".o_msom_outbox_notice .o_msom_outbox_remove >> nth=0")
            page.wait_for_function(
                "document.querySelectorAll('.o_msom_outbox_notice').length === 1"
            )
        self.env.invalidate_all()
        self.assertEqual(job.ticket_state, "rejected")
        self.assertFalse(job.work_photo_ids)
        notes = job.message_ids.filtered(
            lambda m: (
                m.author_id == self.plumber_user.partner_id
                and m.subtype_id.internal
                and ("Pion zakręcony" in m.body or m.attachment_ids)
            )
        )
        self.assertEqual(len(notes), 2, "the note and the photo, for the office")
        self.assertIn("Pion zakręcony w piwnicy", "".join(notes.mapped("body")))
        self.assertEqual(notes.attachment_ids.mapped("name"), ["rura.jpg"])
        self.assertTrue(
            job.activity_ids.filtered(lambda a: a.user_id == self.operator),
            "the operator is asked to look",
        )
