# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Role matrix: each role asks for records that are not theirs.

Every route with a record id or a token in its path is probed by every role
with someone else's record; the answer must be a refusal (403, 404, or a
redirect away from the record; the login page for anonymous visitors) and
the body must not contain the record's data.
"""

from urllib.parse import urlparse

from odoo.tests import tagged

from .security_common import ROLES, MsomSecurityCase
from .test_security_routes import ROUTES, msom_routes

# the office reads residents' records in the backend; portal pages built on
# record rules show them too
OFFICE = frozenset({"operator", "accountant"})


@tagged("post_install", "-at_install")
class TestSecurityRoleMatrix(MsomSecurityCase):
    def _probes(self):
        """(route, url, method, data or None, roles allowed, secrets)."""
        ewa_ticket = self.ticket_ewa
        jobs = self.jobs
        yield from (
            ("/my/tickets/<int:ticket_id>", f"/my/tickets/{ewa_ticket.id}", "GET",
             None, OFFICE, ["SEKRET-EWY", "600100200"]),
            ("/my/tickets/<int:ticket_id>/document/<int:attachment_id>",
             f"/my/tickets/{ewa_ticket.id}/document/{self.photo_ewa.id}", "GET",
             None, OFFICE, ["PNG Ewy"]),
            ("/my/tickets/<int:ticket_id>/rate",
             f"/my/tickets/{ewa_ticket.id}/rate", "POST", {"rating": "1"},
             frozenset(), ["SEKRET-EWY"]),
            ("/my/tickets/<int:ticket_id>/reopen",
             f"/my/tickets/{ewa_ticket.id}/reopen", "POST", {"reason": "x"},
             frozenset(), ["SEKRET-EWY"]),
            ("/my/units/<int:unit_id>", f"/my/units/{self.unit_12.id}", "GET",
             None, frozenset(), ["Ewa Wójcik"]),
            ("/my/balances/<int:unit_id>", f"/my/balances/{self.unit_12.id}",
             "GET", None, frozenset(), [self.notice_12.name]),
            ("/my/balances/document/<int:move_id>",
             f"/my/balances/document/{self.notice_12.id}", "GET", None,
             OFFICE, [self.notice_12.name]),
            ("/my/documents/<int:document_id>/attachment/<int:attachment_id>",
             f"/my/documents/{self.doc_ewa.id}/attachment/{self.file_ewa.id}",
             "GET", None, OFFICE, ["PDF-1.4 Ewy"]),
            ("/my/documents/<string:kind>/<int:record_id>/pdf",
             f"/my/documents/interest-note/{self.note_ewa.id}/pdf", "GET", None,
             OFFICE, ["NO/2025/0002"]),
            ("/my/documents/<string:kind>/<int:record_id>/pdf",
             f"/my/documents/demand/{self.demand_ewa.id}/pdf", "GET", None,
             OFFICE, ["WZ/2025/0002"]),
            ("/my/documents/file/<int:case_id>",
             f"/my/documents/file/{self.case_ewa.id}", "GET", None, OFFICE,
             ["I Nc 999/25"]),
            ("/my/meters/<int:meter_id>", f"/my/meters/{self.meter_ewa.id}", "GET",
             None, frozenset(), ["ZW-P-0012"]),
            ("/my/meters/<int:meter_id>/reading",
             f"/my/meters/{self.meter_ewa.id}/reading", "POST", {"value": "11"},
             frozenset(), ["ZW-P-0012"]),
            ("/my/announcements/<int:announcement_id>",
             f"/my/announcements/{self.announcement_ewa.id}", "GET", None,
             OFFICE, ["SEKRET-OGLOSZENIE"]),
            ("/my/announcements/<int:announcement_id>/attachment/<int:attachment_id>",
             f"/my/announcements/{self.announcement_ewa.id}/attachment/"
             f"{self.file_ewa.id}", "GET", None, OFFICE, ["PDF-1.4 Ewy"]),
            ("/my/pay/<any(unit,document,demand):kind>/<int:record_id>",
             f"/my/pay/unit/{self.unit_12.id}", "GET", None, frozenset(),
             [self.notice_12.name]),
            ("/my/pay/<any(unit,document,demand):kind>/<int:record_id>",
             f"/my/pay/document/{self.notice_12.id}", "GET", None, frozenset(),
             [self.notice_12.name]),
            ("/my/pay/<any(unit,document,demand):kind>/<int:record_id>",
             f"/my/pay/demand/{self.demand_ewa.id}", "GET", None, frozenset(),
             ["WZ/2025/0002"]),
            ("/my/votes/<int:survey_id>", f"/my/votes/{self.vote_b.id}", "GET",
             None, OFFICE | {"resident_b"}, ["SEKRET-UCHWALA"]),
            ("/my/votes/<int:survey_id>/cast", f"/my/votes/{self.vote_b.id}/cast",
             "POST", {"answer_id": "1"}, OFFICE | {"resident_b"},
             ["SEKRET-UCHWALA"]),
            ("/zgloszenie/<string:token>", "/zgloszenie/nie-ma-takiego-tokenu",
             "GET", None, frozenset(), ["SEKRET"]),
            ("/msom/billing/calendar/<string:token>.ics",
             "/msom/billing/calendar/nie-ma-takiego-tokenu-kalendarza.ics", "GET",
             None, frozenset(), ["BEGIN:VEVENT"]),
            ("/open311/v2/requests/<string:request_id>.<string:fmt>",
             f"/open311/v2/requests/{ewa_ticket.name}.json", "GET", None,
             frozenset(), ["SEKRET-EWY", "600100200"]),
        )  # fmt: skip
        # each company's job, attacked by the other company and the rest
        for owner in ("contractor_1", "contractor_2"):
            job = jobs[owner]
            secret = "SEKRET-HYDRO" if owner == "contractor_1" else "SEKRET-ELEKTRO"
            base = f"/wykonawca/zlecenie/{job.id}"
            yield from (
                ("/wykonawca/zlecenie/<int:job_id>", base, "GET", None,
                 frozenset({owner}), [secret]),
                ("/wykonawca/zlecenie/<int:job_id>/akcja", f"{base}/akcja", "POST",
                 {"action": "start"}, frozenset({owner}), [secret]),
                ("/wykonawca/zlecenie/<int:job_id>/zdjecia", f"{base}/zdjecia",
                 "POST", {}, frozenset({owner}), [secret]),
                ("/wykonawca/zlecenie/<int:job_id>/notatka-glosowa",
                 f"{base}/notatka-glosowa", "POST", {}, frozenset({owner}),
                 [secret]),
                ("/wykonawca/zlecenie/<int:job_id>/protokol", f"{base}/protokol",
                 "GET", None, frozenset({owner}), [secret]),
                ("/wykonawca/zlecenie/<int:job_id>/plik/<int:attachment_id>",
                 f"{base}/plik/{self.photo_ewa.id}", "GET", None, frozenset(),
                 ["PNG Ewy"]),
            )  # fmt: skip

    def _refused(self, response, url, role):
        if response.status_code in (403, 404):
            return True
        if response.status_code in (301, 302, 303):
            target = urlparse(response.headers.get("Location", "")).path
            if role == "anonymous":
                return target.startswith("/web/login")
            return not target.startswith(urlparse(url).path)
        # Open311 and the public forms answer unknown records with a GeoReport
        # 404 or a 400 page without data
        return response.status_code == 400

    def test_role_matrix(self):
        probes = list(self._probes())
        self.assertEqual(
            {p[0] for p in probes} - set(ROUTES), set(), "probe of an unknown route"
        )
        # routes of modules this database has (msom_contractor is optional)
        installed = msom_routes(self.env)
        probes = [probe for probe in probes if probe[0] in installed]
        before = {
            "ticket": self.ticket_ewa.read(["stage_id", "write_date"]),
            "jobs": [j.read(["stage_id", "write_date"]) for j in self.jobs.values()],
            "readings": self.env["msom.meter.reading"].search_count([]),
            "ballots": self.vote_b.msom_voter_ids.read(["has_voted"]),
        }
        for role in ROLES:
            self._login_role(role)
            for route, url, method, data, allowed, secrets in probes:
                if role in allowed:
                    continue
                with self.subTest(role=role, url=url, method=method):
                    response = self._request(method, url, data or {})
                    self.assertTrue(
                        self._refused(response, url, role),
                        f"{role} got {response.status_code} for {url} ({route})",
                    )
                    for secret in secrets:
                        self.assertNotIn(secret, response.text)
        self.env.invalidate_all()
        self.assertEqual(
            before,
            {
                "ticket": self.ticket_ewa.read(["stage_id", "write_date"]),
                "jobs": [
                    j.read(["stage_id", "write_date"]) for j in self.jobs.values()
                ],
                "readings": self.env["msom.meter.reading"].search_count([]),
                "ballots": self.vote_b.msom_voter_ids.read(["has_voted"]),
            },
            "a refused request changed a record",
        )
