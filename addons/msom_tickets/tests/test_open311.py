# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from unittest import skipIf
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.msom_estate.tests.common import load_polish

try:  # independent GeoReport v2 client from PyPI (reads only)
    import georeport
except ImportError:  # pragma: no cover
    georeport = None


@tagged("post_install", "-at_install")
class TestOpen311(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Location = env["fsm.location"]
        cls.estate = Location.create(
            {"name": "Os. Otwarte", "location_level": "estate"}
        )
        cls.building = Location.create(
            {
                "name": "ul. Otwarta 3",
                "street": "ul. Otwarta 3",
                "city": "Warszawa",
                "location_level": "building",
                "parent_id": cls.estate.id,
                "partner_latitude": 52.2100,
                "partner_longitude": 21.0100,
            }
        )
        contractor = env["res.partner"].create(
            {
                "name": "Zieleń-Open Sp. z o.o.",
                "is_company": True,
                "is_contractor": True,
            }
        )
        cls.green = env["fsm.category"].create(
            {
                "name": "zieleń (open311)",
                "code": "O-ZIE",
                "description": "Drzewa i trawniki",
                "contractor_id": contractor.id,
                "sla_hours_normal": 48,
            }
        )
        cls.internal = env["fsm.category"].create(
            {"name": "wewnętrzne (open311)", "code": "O-WEW", "portal_visible": False}
        )
        cls.client = env["msom.open311.client"].create(
            {"name": "Aplikacja miejska", "rate_limit": 3}
        )
        cls.key = cls.client.sudo().api_key
        cls.base = f"{cls.base_url()}/open311/v2"

    def _post(self, fmt="json", **data):
        data.setdefault("api_key", self.key)
        return self.url_open(f"/open311/v2/requests.{fmt}", data=data)

    def test_services_json_and_xml(self):
        response = self.url_open("/open311/v2/services.json")
        self.assertEqual(response.status_code, 200)
        codes = {service["service_code"]: service for service in response.json()}
        self.assertIn("O-ZIE", codes)
        self.assertNotIn("O-WEW", codes, "internal groups stay private")
        self.assertEqual(codes["O-ZIE"]["service_name"], "zieleń (open311)")
        xml = ET.fromstring(self.url_open("/open311/v2/services.xml").content)
        self.assertEqual(xml.tag, "services")
        self.assertIn("O-ZIE", [s.findtext("service_code") for s in xml])
        definition = self.url_open("/open311/v2/services/O-ZIE.json").json()
        self.assertEqual(definition["service_code"], "O-ZIE")
        missing = self.url_open("/open311/v2/services/O-WEW.json")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(missing.json()[0]["code"], 404)

    def test_post_and_read_request(self):
        response = self._post(
            service_code="O-ZIE",
            lat="52.21005",
            long="21.01002",
            description="Złamana gałąź nad chodnikiem",
            email="mieszkaniec@example.pl",
            first_name="Jan",
            last_name="Otwarty",
            media_url="https://example.pl/zdjecia/galaz.jpg",
        )
        self.assertEqual(response.status_code, 201, response.text)
        [created] = response.json()
        ticket = self.env["fsm.order"].search(
            [("name", "=", created["service_request_id"])]
        )
        self.assertEqual(ticket.location_id, self.building)
        self.assertEqual(ticket.channel, "open311")
        self.assertEqual(ticket.reporter_name, "Jan Otwarty")
        self.assertEqual(ticket.reporter_email, "mieszkaniec@example.pl")
        self.assertEqual(ticket.open311_client_id, self.client)
        self.assertAlmostEqual(ticket.latitude, 52.21005, places=6)
        self.assertIn("Expected completion", created["service_notice"])

        detail = self.url_open(f"/open311/v2/requests/{ticket.name}.json").json()[0]
        self.assertEqual(detail["status"], "open")
        self.assertEqual(detail["agency_responsible"], "Zieleń-Open Sp. z o.o.")
        self.assertEqual(detail["service_code"], "O-ZIE")
        self.assertEqual(detail["media_url"], "https://example.pl/zdjecia/galaz.jpg")
        self.assertTrue(detail["expected_datetime"])
        self.assertNotIn("mieszkaniec@example.pl", json.dumps(detail))
        token = self.url_open(f"/open311/v2/tokens/{created['token']}.json").json()
        self.assertEqual(token[0]["service_request_id"], ticket.name)

        ticket.write({"rejection_reason": "Teren miejski – przekazano do ZTM."})
        ticket.action_msom_reject()
        xml = ET.fromstring(
            self.url_open(f"/open311/v2/requests/{ticket.name}.xml").content
        )
        self.assertEqual(xml.tag, "service_requests")
        self.assertEqual(xml.find("request/status").text, "closed")
        self.assertIn("ZTM", xml.find("request/status_notes").text)

        listed = self.url_open(
            "/open311/v2/requests.json",
            params={"status": "closed", "service_code": "O-ZIE"},
        ).json()
        self.assertEqual([r["service_request_id"] for r in listed], [ticket.name])

    def _listed(self, **params):
        response = self.url_open("/open311/v2/requests.json", params=params)
        return {r["service_request_id"]: r for r in response.json()}

    def test_private_tickets_are_not_published(self):
        self.client.rate_limit = 100
        unit = self.env["fsm.location"].create(
            {"name": "12", "location_level": "unit", "parent_id": self.building.id}
        )
        resident = self.env["res.partner"].create({"name": "Anna Prywatna"})
        private = self.env["fsm.order"].create(
            {
                "location_id": unit.id,
                "category_id": self.green.id,
                "reporter_partner_id": resident.id,
                "channel": "phone",
                "description": "<p>Klucz pod wycieraczką, tel. 600 100 200</p>",
            }
        )
        common = self.env["fsm.order"].create(
            {"location_id": self.building.id, "category_id": self.green.id}
        )
        self.assertFalse(private.open311_public)
        self.assertTrue(common.open311_public)
        for params in ({}, {"api_key": self.key}):
            listed = self._listed(**params)
            self.assertNotIn(private.name, listed)
            self.assertIn(common.name, listed)
            self.assertNotIn("wycieraczk", json.dumps(listed))
            detail = self.url_open(
                f"/open311/v2/requests/{private.name}.json", params=params
            )
            self.assertEqual(detail.status_code, 404)
            self.assertNotIn("wycieraczk", detail.text)
        # the office withdraws a ticket from publication; the client that
        # reported it still follows it with its key
        posted = self._post(
            service_code="O-ZIE", address_id=self.building.sudo().public_report_token,
            description="Zerwana siatka",
        ).json()[0]["service_request_id"]  # fmt: skip
        tickets = self.env["fsm.order"].search([("name", "in", (posted, common.name))])
        tickets.open311_public = False
        self.assertFalse(self._listed())
        self.assertEqual(list(self._listed(api_key=self.key)), [posted])

    def test_post_by_qr_address_id(self):
        token = self.building.sudo().public_report_token
        response = self._post(
            service_code="O-ZIE", address_id=token, description="Przepełniony kosz"
        )
        self.assertEqual(response.status_code, 201, response.text)
        name = response.json()[0]["service_request_id"]
        self.assertEqual(
            self.env["fsm.order"].search([("name", "=", name)]).location_id,
            self.building,
        )

    def test_malformed_requests(self):
        count = self.env["fsm.order"].search_count([])
        cases = [
            ({"api_key": ""}, 403, "API key"),
            ({"api_key": "zly-klucz"}, 403, "Invalid API key"),
            ({"service_code": "NIE-MA"}, 404, "Unknown service"),
            ({"service_code": "O-WEW"}, 404, "Unknown service"),
            ({"service_code": "O-ZIE"}, 400, "lat and long, or address_id"),
            (
                {"service_code": "O-ZIE", "lat": "abc", "long": "21"},
                400,
                "decimal degrees",
            ),
            (
                {"service_code": "O-ZIE", "lat": "50.0", "long": "19.9"},
                400,
                "no building",
            ),
            (
                {"service_code": "O-ZIE", "lat": "52.21", "long": "21.01"},
                400,
                "Describe",
            ),
        ]
        self.client.rate_limit = 100
        for data, status, message in cases:
            with self.subTest(data=data):
                response = self._post(**data)
                self.assertEqual(response.status_code, status, response.text)
                self.assertIn(message, response.json()[0]["description"])
        response = self.url_open(
            "/open311/v2/requests.json", params={"start_date": "wczoraj"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.url_open("/open311/v2/services.csv").status_code, 404)
        self.assertEqual(self.env["fsm.order"].search_count([]), count)

    def test_polish_errors_by_default(self):
        """Errors speak Polish unless the client asks for English."""
        load_polish(self.env, ["msom_tickets"])
        response = self._post(api_key="zly-klucz")
        self.assertIn("Nieprawidłowy klucz API", response.json()[0]["description"])
        english = self.url_open(
            "/open311/v2/requests.json",
            data={"api_key": "zly-klucz"},
            headers={"Accept-Language": "en"},
        )
        self.assertIn("Invalid API key", english.json()[0]["description"])

    def test_rate_limit(self):
        statuses = [
            self._post(service_code="O-ZIE", address_id="x").status_code
            for _i in range(4)
        ]
        self.assertEqual(statuses, [400, 400, 400, 429])
        self.assertIn("limit", self._post().json()[0]["description"])

    @skipIf(georeport is None, "georeport (PyPI) is not installed")
    def test_independent_client(self):
        """The PyPI GeoReport v2 client reads our endpoint, JSON and XML."""
        post = self._post(
            service_code="O-ZIE", lat="52.2100", long="21.0100", description="Graffiti"
        )
        name = post.json()[0]["service_request_id"]
        # The client calls requests.get; route it through the test opener,
        # which carries the test cursor cookie the test server requires.
        transport = SimpleNamespace(get=self.opener.get)
        for fmt in ("json", "xml"):
            client = georeport.GeoReport(self.base, output_format=fmt)
            self.startPatcher(patch.object(georeport.georeport, "requests", transport))
            services = client.get_service_list()
            services = services if isinstance(services, list) else [services]
            self.assertIn("O-ZIE", [s["service_code"] for s in services])
            definition = client.get_service_definition("O-ZIE")
            self.assertEqual(definition["service_code"], "O-ZIE")
            request = client.get_service_request(name)
            self.assertEqual(request["service_request_id"], name)
            self.assertEqual(request["status"], "open")
            requests = client.get_service_requests(service_code="O-ZIE", status="open")
            requests = requests if isinstance(requests, list) else [requests]
            self.assertIn(name, [r["service_request_id"] for r in requests])
