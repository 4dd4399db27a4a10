# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests import tagged

from .common import MsomContractorHttpCase, make_jpeg, make_signature


@tagged("post_install", "-at_install")
class TestContractorPages(MsomContractorHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident_user(cls.owner, "c_http_resident")
        cls.job = cls._job(name="ZG-HTTP-1", priority="3")
        cls.other_building_job = cls._job(
            cls.staircase_2, name="ZG-HTTP-2", description="<p>Zapchany pion</p>"
        )
        cls.electric_job = cls._ticket(category_id=cls.electric.id, name="ZG-HTTP-E")
        cls.electric_job.write({"stage_id": cls.stage["forwarded"].id})

    def setUp(self):
        super().setUp()
        self.authenticate("c_plumber", "c_plumber")

    def _csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _post(self, url, data, files=None, page=None):
        data = dict(
            data, csrf_token=self._csrf(page or f"/wykonawca/zlecenie/{self.job.id}")
        )
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def test_job_list(self):
        page = self.url_open("/wykonawca").text
        self.assertIn("ZG-HTTP-1", page)
        self.assertIn("ZG-HTTP-2", page)
        self.assertNotIn("ZG-HTTP-E", page)
        self.assertIn("o_msom_job_new", page)
        # Sorted by SLA deadline: the urgent job first.
        self.assertLess(page.index("ZG-HTTP-1"), page.index("ZG-HTTP-2"))
        found = self.url_open("/wykonawca?search=Zapchany").text
        self.assertIn("ZG-HTTP-2", found)
        self.assertNotIn("ZG-HTTP-1<", found)
        self.assertIn("/wykonawca", self.url_open("/my").text)

    def test_foreign_job_and_non_contractor(self):
        response = self.url_open(f"/wykonawca/zlecenie/{self.electric_job.id}")
        self.assertEqual(response.status_code, 404)
        response = self._post(
            f"/wykonawca/zlecenie/{self.electric_job.id}/akcja", {"action": "accept"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.electric_job.contractor_accept_date)
        self.authenticate("c_http_resident", "c_http_resident")
        self.assertEqual(self.url_open("/wykonawca").status_code, 403)

    def test_accept_twice_and_jump(self):
        url = f"/wykonawca/zlecenie/{self.job.id}/akcja"
        first = self._post(
            url, {"action": "accept", "planned_start": "2030-05-04T09:30"}
        )
        self.assertEqual(first.status_code, 303)
        self.assertIn("ok=accept", first.headers["Location"])
        self.assertEqual(self.job.job_stage, "accepted")
        self.assertEqual(str(self.job.scheduled_date_start), "2030-05-04 07:30:00")
        second = self._post(url, {"action": "accept"})
        self.assertIn("ok=unchanged", second.headers["Location"])
        jump = self._post(url, {"action": "done"})
        self.assertEqual(jump.status_code, 400)
        self.assertIn("cannot be changed", jump.text)
        self.assertEqual(self.job.job_stage, "accepted")
        page = self.url_open(f"/wykonawca/zlecenie/{self.job.id}").text
        self.assertIn("geo:52.18843,21.05286", page)
        self.assertIn("openstreetmap.org", page)

    def test_file_links_end_with_the_job(self):
        photo = self.env["ir.attachment"].create(
            {
                "name": "kran.jpg",
                "raw": make_jpeg(64, 48),
                "res_model": "fsm.order",
                "res_id": self.job.id,
            }
        )
        self.job.attachment_ids = photo
        job_url = f"/wykonawca/zlecenie/{self.job.id}"
        page = self.url_open(job_url).text
        self.assertNotIn("access_token", page)
        link = f"{job_url}/plik/{photo.id}"
        self.assertIn(link, page)
        self.assertEqual(self.url_open(link).status_code, 200)
        self.assertEqual(self.url_open(f"{link}?size=160x160").status_code, 200)
        # another job's id, or a size of one's own
        self.assertEqual(
            self.url_open(f"/wykonawca/zlecenie/{self.electric_job.id}/plik/"
                          f"{photo.id}").status_code,
            404,
        )  # fmt: skip
        self.assertEqual(self.url_open(f"{link}?size=4000x4000").status_code, 404)
        # the job goes to another company: the link stops working
        self.job.contractor_id = self.elektro
        self.assertEqual(self.url_open(link).status_code, 404)
        # back to the plumbers, then closed: the link stops working too
        self.job.contractor_id = self.hydro
        self.assertEqual(self.url_open(link).status_code, 200)
        self.job.stage_id = self.stage["closed"]
        self.assertEqual(self.url_open(link).status_code, 404)
        self.assertNotIn(link, self.url_open(job_url).text)

    def test_photos_and_protocol(self):
        self.job.with_user(self.plumber_user)._msom_job_accept()
        self.job.with_user(self.plumber_user)._msom_job_start()
        url = f"/wykonawca/zlecenie/{self.job.id}"
        bad = self._post(
            f"{url}/zdjecia", {}, files=[("photos", ("a.txt", b"hello", "text/plain"))]
        )
        self.assertEqual(bad.status_code, 400)
        self.assertIn("is not a photo", bad.text)
        ok = self._post(
            f"{url}/zdjecia",
            {},
            files=[("photos", ("a.jpg", make_jpeg(640, 480), "image/jpeg"))],
        )
        self.assertEqual(ok.status_code, 303)
        self.assertEqual(len(self.job.work_photo_ids), 1)
        # The contractor (no rights on ir.attachment) sees it through the job.
        page = self.url_open(url).text
        src = re.search(r'src="([^"]+/plik/\d+\?size=160x160)"', page).group(1)
        self.assertEqual(self.url_open(src).status_code, 200)
        empty = self._post(
            f"{url}/protokol",
            {
                "work_description": "Zrobione",
                "resident_name": "Jan",
                "signature": make_signature(True),
            },
            page=f"{url}/protokol",
        )
        self.assertEqual(empty.status_code, 400)
        self.assertIn("signature field is empty", empty.text)
        data = {
            "work_description": "Zrobione",
            "resident_name": "Jan Nowak",
            "signature": make_signature(),
            "material_name": "Uszczelka",
            "material_quantity": "2",
            "material_uom": "szt.",
            "photo_ids": str(self.job.work_photo_ids.id),
        }
        saved = self._post(f"{url}/protokol", data, page=f"{url}/protokol")
        self.assertEqual(saved.status_code, 303)
        protocol = self.job.protocol_ids
        self.assertEqual(len(protocol), 1)
        self.assertEqual(protocol.material_ids.name, "Uszczelka")
        # Verification page: the QR link, an uploaded PDF, a forged one.
        self.authenticate(None, None)
        check = self.url_open(
            f"/protokol/weryfikacja/{protocol.access_token}?h={protocol.content_hash}"
        )
        self.assertIn("o_msom_authentic", check.text)
        csrf = self._csrf(f"/protokol/weryfikacja/{protocol.access_token}")
        pdf = protocol.pdf_attachment_id.raw
        forged = self.url_open(
            f"/protokol/weryfikacja/{protocol.access_token}",
            data={"csrf_token": csrf},
            files=[
                (
                    "pdf",
                    (
                        "p.pdf",
                        pdf + b"\n% altered\n",
                        "application/pdf",
                    ),
                )
            ],
        )
        self.assertIn("o_msom_altered", forged.text)
        genuine = self.url_open(
            "/protokol/weryfikacja",
            data={"csrf_token": csrf},
            files=[("pdf", ("p.pdf", pdf, "application/pdf"))],
        )
        self.assertIn("o_msom_authentic", genuine.text)
