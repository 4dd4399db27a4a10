# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fuzz corpus: every parameter and form field of our routes gets values
no form would send. No answer may be a 500 and Odoo may log no ERROR.

Each route is called by the role it is made for, on that role's own records,
so that the values reach the code that reads them.
"""

from odoo.tests import tagged

from .security_common import MsomSecurityCase
from .test_security_routes import ROUTES, msom_routes

MEGABYTE = "x" * (1024 * 1024)
# what a query string may hold in all (Werkzeug's request line stops at
# 64 kB, nginx's at 8 kB by default, before Odoo sees the request)
LONG_QUERY = 20_000
# what the probe sent, and what the readers must refuse cleanly
CORPUS = (
    "²",
    "٣",
    "\x00",
    "1\x002",
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-1",
    "0",
    "100000000000000000000",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",
    "2026-01-01T00:00:00+25:00",
    "2026-01-01T00:00:00+14:00",
)
# JSON bodies can carry what forms cannot
JSON_CORPUS = (*CORPUS, ["1", "2"], {"a": 1}, 1e308, -1, 10**20, True)
# path segments: <int:...> must give 404, tokens an unknown-token answer
PATH_CORPUS = ("%C2%B2", "%D9%A3", "%00", "abc%00def", "100000000000000000000", "-1")


# fields that choose what the request does: fuzzed with the 1 MB string only
FIXED = ("action", "api_key")
REFUSALS = (
    None,
    "odoo.addons.msom_estate.tools.params.BadParameter",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "werkzeug.exceptions.Forbidden",
    "werkzeug.exceptions.NotFound",
)


def rotate(valid, corpus):
    """The corpus rotated over the fields: after len(corpus) requests every
    field had every value, beside different neighbours."""
    return [
        {
            field: value if field in FIXED else corpus[(shift + index) % len(corpus)]
            for index, (field, value) in enumerate(valid.items())
        }
        for shift in range(len(corpus))
    ]


@tagged("post_install", "-at_install")
class TestSecurityFuzz(MsomSecurityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the corpus is sent from one address: lift the limits that would
        # refuse it before its values are read
        Param = cls.env["ir.config_parameter"].sudo()
        Param.set_param("msom_portal.public_report_rate_limit", 1_000_000)
        Param.set_param("msom_tickets.open311_public_rate_limit", 1_000_000)
        cls.vapid = cls.env["mail.push.device"].sudo().get_web_push_vapid_public_key()
        cls.open311_key = (
            cls.env["msom.open311.client"]
            .create({"name": "Fuzz", "rate_limit": 1_000_000})
            .sudo()
            .api_key
        )

    def _targets(self):
        """(route, role, method, url, {param: valid value})."""
        own_ticket = self._ticket(self.unit_1, self.owner)
        job = self.jobs["contractor_1"]
        job_url = f"/wykonawca/zlecenie/{job.id}"
        date = "2026-01-05T10:00"
        token = self.building.public_report_token
        yield from (
            ("/my/tickets/submit", "resident_a", "POST", "/my/tickets/submit",
             {"location_id": self.unit_1.id, "category_id": self.general.id,
              "description": "Kran", "latitude": "", "longitude": "",
              "proposed_date": "", "proposed_time_from": "",
              "proposed_time_to": "", "entry_permission": "1"}),
            ("/my/tickets/<int:ticket_id>/rate", "resident_a", "POST",
             f"/my/tickets/{own_ticket.id}/rate", {"rating": "5", "comment": "ok"}),
            ("/my/tickets/<int:ticket_id>/reopen", "resident_a", "POST",
             f"/my/tickets/{own_ticket.id}/reopen", {"reason": "znowu"}),
            ("/my/tickets", "resident_a", "GET", "/my/tickets",
             {"sortby": "date", "filterby": "all", "search": "kran"}),
            ("/my/invoices", "resident_a", "GET", "/my/invoices",
             {"unit": self.unit_1.id, "date_begin": "", "date_end": ""}),
            ("/my/balances/<int:unit_id>", "resident_a", "GET",
             f"/my/balances/{self.unit_1.id}", {"year": "2025"}),
            ("/my/meters/<int:meter_id>/reading", "resident_a", "POST",
             f"/my/meters/{self.meter_jan.id}/reading",
             {"value": "110", "date": ""}),
            ("/my/login-history/revoke", "resident_a", "POST",
             "/my/login-history/revoke", {"device_id": "1"}),
            ("/my/consents/instalments/request", "resident_a", "POST",
             "/my/consents/instalments/request", {"note": "proszę", "count": "3"}),
            ("/my/personal", "resident_a", "POST", "/my/personal",
             {"phone": "+48 600 000 000", "city": "Warszawa", "note": "x"}),
            ("/my/votes/<int:survey_id>/cast", "resident_a", "POST",
             "/my/votes/1/cast", {"answer_id": "1", "voter_id": "1"}),
            ("/zgloszenie/wyslij", "anonymous", "POST", "/zgloszenie/wyslij",
             {"token": token, "building_id": self.building.id,
              "category_id": self.general.id, "description": "Winda",
              "reporter_name": "Jan", "reporter_phone": "600100200",
              "reporter_email": "", "latitude": "", "longitude": ""}),
            ("/zgloszenie/dziekujemy", "anonymous", "GET", "/zgloszenie/dziekujemy",
             {"ref": "ZGL/1"}),
            ("/protokol/weryfikacja", "anonymous", "POST", "/protokol/weryfikacja",
             {"hash": "ab" * 32}),
            ("/wykonawca", "contractor_1", "GET", "/wykonawca",
             {"tab": "all", "building": self.building.id, "search": "kran",
              "page": "1"}),
            ("/wykonawca/zlecenie/<int:job_id>/akcja", "contractor_1", "POST",
             f"{job_url}/akcja",
             {"action": "details", "planned_start": date, "planned_hours": "2",
              "date_start": date, "date_end": date, "time_spent": "1",
              "notes": "ok", "activity_ids": "1"}),
            ("/wykonawca/zlecenie/<int:job_id>/akcja", "contractor_1", "POST",
             f"{job_url}/akcja",
             {"action": "accept", "planned_start": date, "planned_hours": "2"}),
            ("/wykonawca/zlecenie/<int:job_id>/protokol", "contractor_1", "POST",
             f"{job_url}/protokol",
             {"work_description": "wymiana", "date_start": date, "date_end": date,
              "hours": "1", "material_name": "uszczelka",
              "material_quantity": "2", "material_uom": "szt.",
              "photo_ids": "1", "resident_name": "Ewa", "signature": "",
              "worker_name": "Marek", "absence_reason": ""}),
            ("/wykonawca/lokalizacja", "contractor_1", "POST",
             "/wykonawca/lokalizacja", {"enabled": "1"}),
            ("/open311/v2/requests.<string:fmt>", "anonymous", "GET",
             "/open311/v2/requests.json",
             {"start_date": "2026-01-01T00:00:00Z",
              "end_date": "2026-02-01T00:00:00Z", "status": "open",
              "service_code": "S-GEN", "service_request_id": "",
              "jurisdiction_id": self.env.company.id}),
            ("/open311/v2/requests.<string:fmt>", "anonymous", "POST",
             "/open311/v2/requests.xml",
             {"api_key": self.open311_key, "service_code": "S-GEN", "lat": "52.1",
              "long": "21.0", "address_id": "", "description": "x",
              "first_name": "A", "last_name": "B", "phone": "1",
              "email": "a@example.com", "media_url": ""}),
            ("/open311/v2/services.<string:fmt>", "anonymous", "GET",
             "/open311/v2/services.json", {"jurisdiction_id": "1"}),
        )  # fmt: skip

    def _json_targets(self):
        """(route, role, url, {param: valid value}) of JSON-RPC routes."""
        yield from (
            ("/my/chat/messages", "resident_a", "/my/chat/messages", {"after": 0}),
            ("/my/chat/post", "resident_a", "/my/chat/post", {"body": "Dzień dobry"}),
            ("/my/tickets/duplicates", "resident_a", "/my/tickets/duplicates",
             {"location_id": self.unit_1.id, "category_id": self.general.id,
              "latitude": 52.1, "longitude": 21.0}),
            ("/msom/push/subscribe", "resident_a", "/msom/push/subscribe",
             {"endpoint": "https://fcm.googleapis.com/fcm/send/x",
              "keys": {"p256dh": "x", "auth": "y"}, "vapid_public_key": self.vapid,
              "expirationTime": None}),
            ("/wykonawca/pozycja", "contractor_1", "/wykonawca/pozycja",
             {"latitude": 52.1, "longitude": 21.0}),
            ("/wykonawca/zlecenie/<int:job_id>/wyslij", "contractor_1",
             f"/wykonawca/zlecenie/{self.jobs['contractor_1'].id}/wyslij",
             {"token": "fuzz", "kind": "action", "proof": "x",
              "values": {"action": "details", "notes": "ok"},
              "files": [{"name": "a.jpg", "data": "AAAA"}],
              "captured_at": "2026-01-05T10:00:00Z", "offline": True}),
        )  # fmt: skip

    def _path_targets(self):
        """(role, url template with {} for the fuzzed segment); every answer
        is a refusal, but for the public protocol check, whose page says
        "unknown protocol" with a 200."""
        ticket = self.ticket_ewa
        yield from (
            ("resident_a", "/my/tickets/{}"),
            ("resident_a", f"/my/tickets/{ticket.id}/document/{{}}"),
            ("resident_a", "/my/units/{}"),
            ("resident_a", "/my/balances/{}"),
            ("resident_a", "/my/meters/{}"),
            ("resident_a", "/my/votes/{}"),
            ("resident_a", "/my/documents/interest-note/{}/pdf"),
            ("resident_a", "/my/documents/{}/1/pdf"),
            ("contractor_1", "/wykonawca/zlecenie/{}"),
            (
                "contractor_1",
                f"/wykonawca/zlecenie/{self.jobs['contractor_1'].id}/plik/{{}}",
            ),
            ("contractor_1", "/protokol/{}/pdf"),
            ("anonymous", "/zgloszenie/{}"),
            ("anonymous", "/protokol/weryfikacja/{}"),
            ("anonymous", "/msom/billing/calendar/{}.ics"),
            ("anonymous", "/open311/v2/requests/{}.json"),
            ("anonymous", "/open311/v2/tokens/{}.xml"),
            ("anonymous", "/open311/v2/services/{}.json"),
            ("anonymous", "/open311/v2/requests.{}"),
        )

    def _assert_answered(self, response, what):
        self.assertLess(response.status_code, 500, what)

    def test_form_and_query_parameters(self):
        targets = list(self._targets())
        self.assertFalse({t[0] for t in targets} - set(ROUTES))
        installed = msom_routes(self.env)
        with self.assertNoLogs("odoo", "ERROR"):
            role = None
            for route, target_role, method, url, valid in targets:
                if route not in installed:
                    continue  # a module this database does not have
                if target_role != role:
                    role = target_role
                    self._login_role(role)
                # every field at once with the 1 MB string, then the corpus
                long = (
                    MEGABYTE if method == "POST" else "x" * (LONG_QUERY // len(valid))
                )
                cases = [dict.fromkeys(valid, long)] + rotate(valid, CORPUS)
                for data in cases:
                    with self.subTest(route=route, method=method):
                        response = self._request(method, url, data)
                        self._assert_answered(response, f"{method} {url}")

    def test_json_parameters(self):
        installed = msom_routes(self.env)
        with self.assertNoLogs("odoo", "ERROR"):
            role = None
            for route, target_role, url, valid in self._json_targets():
                if route not in installed:
                    continue  # a module this database does not have
                if target_role != role:
                    role = target_role
                    self._login_role(role)
                for params in rotate(valid, JSON_CORPUS):
                    with self.subTest(route=route, params=params):
                        response = self.opener.post(
                            self.base_url() + url,
                            json={"jsonrpc": "2.0", "method": "call", "params": params},
                            timeout=30,
                        )
                        self._assert_answered(response, url)
                        error = response.json().get("error")
                        # a refusal, never a crash of ours
                        self.assertIn(
                            error and error["data"]["name"], REFUSALS, f"{url} {params}"
                        )

    def test_path_segments(self):
        # the protocol check answers every token with a page (msom_contractor)
        checks_protocols = "/protokol/weryfikacja/<string:token>" in msom_routes(
            self.env
        )
        with self.assertNoLogs("odoo", "ERROR"):
            role = None
            for target_role, template in self._path_targets():
                if target_role != role:
                    role = target_role
                    self._login_role(role)
                # 301: Werkzeug's canonical URL for a Unicode digit
                answers = (301, 303, 400, 403, 404)
                if checks_protocols and template.startswith("/protokol/weryfikacja/"):
                    answers = (200,)
                for segment in PATH_CORPUS:
                    url = template.format(segment)
                    with self.subTest(url=url):
                        response = self.url_open(url, allow_redirects=False)
                        self._assert_answered(response, url)
                        self.assertIn(response.status_code, answers)

    def test_open311_oversized_body(self):
        """A body over the limit gets a GeoReport error, not an HTML page."""
        response = self.url_open(
            "/open311/v2/requests.json",
            data={"api_key": "x", "description": MEGABYTE},
        )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response.json()[0]["code"], 413)
        response = self.url_open(
            "/open311/v2/requests.xml",
            data={"api_key": "x", "description": MEGABYTE},
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn(b"<errors>", response.content)
