# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every resident and contractor page on a phone, in Polish.

Chromium at 390 × 844 with touch opens each page as its user and reports:
the page scrolls sideways, a console error, an English source string of our
modules (or of Field Service, translated in msom_estate/i18n_extra) left on
the Polish page, a number with a decimal dot, a serious or critical axe-core
violation of WCAG 2.1 AA (axe-core is vendored in static/tests/phone/axe,
MPL-2.0).
"""

import json
import re
from pathlib import Path
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.translate import PoFileReader

from odoo.addons.msom_estate.tests.common import load_polish

from .security_common import MsomSecurityCase
from .test_security_routes import msom_routes

CHECKER = "/msom_portal/static/tests/phone/phone_check.js"
ADDONS = Path(__file__).resolve().parents[2]
# modules whose strings reach the resident and contractor pages
OUR_MODULES = (
    "msom_estate",
    "msom_tickets",
    "msom_billing",
    "msom_collection",
    "msom_meter",
    "msom_survey",
    "msom_contractor",
    "msom_portal",
)
# Odoo's own modules on these pages: their Polish terms are loaded so that a
# source string they share with ours is not taken for an untranslated one
ODOO_MODULES = (
    "web",
    "portal",
    "mail",
    "account",
    "payment",
    "account_payment",
    "survey",
    "fieldservice",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}|<[^>]*>|\$\{[^}]*\}")


def english_sources(modules):
    """Fragments of our source strings whose Polish translation differs, as
    they would appear on a page; single words are left out (many are the same
    in both languages or ambiguous, e.g. "Status", "Portal")."""
    fragments = set()
    po_files = [ADDONS / module / folder / "pl.po" for module in modules
                for folder in ("i18n", "i18n_extra")]  # fmt: skip
    for po_file in po_files:
        if not po_file.exists():
            continue
        with po_file.open("rb") as po:
            for entry in PoFileReader(po):
                source, value = entry["src"], entry["value"]
                if not value or value == source:
                    continue
                for fragment in PLACEHOLDER.split(source):
                    fragment = " ".join(fragment.split()).strip(" .,:;()–-")
                    if len(fragment.split()) >= 2 and len(fragment) >= 8:
                        fragments.add(fragment)
    return sorted(fragments)


@tagged("post_install", "-at_install")
class TestPhonePages(MsomSecurityCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        installed = (
            env["ir.module.module"]
            .search(
                [
                    ("name", "in", OUR_MODULES + ODOO_MODULES),
                    ("state", "=", "installed"),
                ]
            )
            .mapped("name")
        )
        load_polish(env, installed)
        cls.our_installed = [name for name in OUR_MODULES if name in installed]
        polish = {"lang": "pl_PL", "tz": "Europe/Warsaw"}
        (cls.jan | cls.workers["contractor_1"]).write(polish)
        env.ref("base.public_user").write(polish)
        # the fixtures are made by an English-speaking user, who writes the
        # stage into the file's history in English; a Polish office does not
        env["msom.collection.event"].search(
            [("case_id", "=", cls.case_jan.id), ("stage", "=", "court")]
        ).description = "Pozew I Nc 123/25"
        # likewise the new-job note, written in the worker's language of then
        if "msom_contractor" in cls.our_installed:
            job = cls.jobs["contractor_1"]
            job.message_ids.filtered(
                lambda message: f"/wykonawca/zlecenie/{job.id}" in (message.body or "")
            ).sudo().unlink()
            job._msom_notify_new_job()
        cls.ticket_jan = cls._ticket(cls.unit_1, cls.owner)
        cls.announcement_jan = env["msom.announcement"].create(
            {"name": "Wyłączenie wody",
             "body": "<p>W piątek od 8:00 do 12:00 nie będzie wody.</p>",
             "location_ids": [(6, 0, cls.building.ids)]}
        )  # fmt: skip
        cls.announcement_jan.action_publish()
        cls.vote_a = cls._open_vote(
            cls.building, "Uchwała o remoncie dachu", "1/2026",
            "<p>Remont dachu w 2027 roku.</p>",
        )  # fmt: skip
        cls.env["msom.resident.conversation"]._get_for_partner(cls.owner)._portal_post(
            "Kiedy będzie przegląd gazowy?"
        )

    def _resident_pages(self):
        return [
            "/my",
            "/my/personal",
            "/my/units",
            f"/my/units/{self.unit_1.id}",
            "/my/tickets",
            "/my/tickets/new",
            f"/my/tickets/{self.ticket_jan.id}",
            "/my/balances",
            f"/my/balances/{self.unit_1.id}",
            "/my/payments/calendar",
            "/my/pay",
            f"/my/pay/unit/{self.unit_1.id}",
            "/my/invoices",
            "/my/documents",
            f"/my/documents/file/{self.case_jan.id}",
            "/my/meters",
            f"/my/meters/{self.meter_jan.id}",
            "/my/announcements",
            f"/my/announcements/{self.announcement_jan.id}",
            "/my/votes",
            f"/my/votes/{self.vote_a.id}",
            "/my/chat",
            "/my/contact",
            "/my/consents",
            "/my/login-history",
        ]

    def _contractor_pages(self):
        if "/wykonawca" not in msom_routes(self.env):
            return []
        job = self.jobs["contractor_1"]
        return [
            "/wykonawca",
            f"/wykonawca/zlecenie/{job.id}",
            f"/wykonawca/zlecenie/{job.id}/protokol",
        ]

    def _check_pages(self, login, pages, max_heights=None, cookies=None):
        """Problems found on `pages` opened as `login` (None: anonymous)."""
        english = english_sources(self.our_installed)
        found = {"page": None, "problems": None, "errors": []}
        handle_console = ChromeBrowser._handle_console

        def watch_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            text = args and str(browser._from_remoteobject(args[0]))
            if type == "log" and text and text.startswith("msom phone page: "):
                found["page"] = text.split(": ", 1)[1]
            elif type == "log" and text and text.startswith("msom phone: "):
                found["problems"] = json.loads(text.split(": ", 1)[1])
            elif type == "error":
                found["errors"].append(f"{found['page']}: console error: {text}")
            return handle_console(browser, type, args=args, **kw)

        code = """
            (async () => {
                await new Promise((resolve, reject) => {
                    const script = document.createElement("script");
                    script.src = %s;
                    script.onload = resolve;
                    script.onerror = reject;
                    document.head.appendChild(script);
                });
                const problems = await window.msomPhoneCheck(%s, %s, %s);
                console.log("msom phone: " + JSON.stringify(problems));
                console.log("test successful");
            })()
        """ % tuple(map(json.dumps, (CHECKER, pages, english, max_heights or {})))
        with patch.object(ChromeBrowser, "_handle_console", watch_console):
            try:
                self.browser_js(
                    "/my/manifest.webmanifest",
                    code,
                    login=login,
                    cookies=cookies,
                    timeout=60 + 20 * len(pages),
                    # go on to the other pages: the errors are listed below
                    error_checker=lambda message: False,
                )
            except AssertionError as error:
                if not found["errors"]:
                    raise AssertionError(f"{found['page']}: {error}") from error
        if found["problems"] is None:
            found["problems"] = [f"{found['page']}: the check did not finish"]
        return found["errors"] + found["problems"]

    def test_resident_pages_on_a_phone(self):
        # the home fits two phone screens
        problems = self._check_pages(
            self.jan.login, self._resident_pages(), {"/my": 2 * 844}
        )
        self.assertFalse(problems, "\n".join(problems))

    def test_contractor_and_public_pages_on_a_phone(self):
        problems = self._check_pages(
            self.workers["contractor_1"].login, self._contractor_pages()
        ) + self._check_pages(
            None,
            ["/zgloszenie", "/zgloszenie/dziekujemy", "/protokol/weryfikacja"]
            if "/wykonawca" in msom_routes(self.env)
            else ["/zgloszenie", "/zgloszenie/dziekujemy"],
            # a visitor's language: the one they chose before, or the browser's
            cookies={"frontend_lang": "pl_PL"},
        )
        self.assertFalse(problems, "\n".join(problems))
