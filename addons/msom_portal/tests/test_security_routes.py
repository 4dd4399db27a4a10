# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Route inventory: every route of our modules is declared below.

A new route fails this test until it is added to ROUTES with who may call it
and what everybody else gets; the role matrix (test_security_roles) and the
fuzz corpus (test_security_fuzz) then have to cover it.
"""

from odoo.tests import TransactionCase, tagged

RESIDENT = "residents (group resident); others: redirect to /my or 404"
OWN = "residents, their own records only; others' ids: 404"
CONTRACTOR = "contractors (group contractor); others: 403"
JOB = "workers of the job's company; other companies and everyone else: 403/404"
PUBLIC = "anyone; no personal data"
TOKEN = "anyone with the token; unknown or malformed token: 404"
OPEN311 = "anyone (reading public tickets), an API key to post; errors as GeoReport"

# module -> path -> (auth, who may call it, what the others get)
ROUTES_BY_MODULE = {}
ROUTES_BY_MODULE["msom_billing"] = {
    "/msom/billing/calendar/<string:token>.ics": ("public", TOKEN, "404"),
}
ROUTES_BY_MODULE["msom_contractor"] = {
    "/wykonawca": ("user", CONTRACTOR, "403"),
    "/wykonawca/page/<int:page>": ("user", CONTRACTOR, "403"),
    "/wykonawca/zlecenie/<int:job_id>": ("user", JOB, "403/404"),
    "/wykonawca/zlecenie/<int:job_id>/akcja": ("user", JOB, "403/404"),
    "/wykonawca/zlecenie/<int:job_id>/zdjecia": ("user", JOB, "403/404"),
    "/wykonawca/zlecenie/<int:job_id>/notatka-glosowa": ("user", JOB, "403/404"),
    "/wykonawca/zlecenie/<int:job_id>/protokol": ("user", JOB, "403/404"),
    "/wykonawca/zlecenie/<int:job_id>/wyslij": (
        "user",
        JOB + "; a job that left them: with the proof of its page only",
        "404",
    ),
    "/wykonawca/zlecenie/<int:job_id>/plik/<int:attachment_id>": (
        "user",
        JOB + "; open jobs only",
        "403/404",
    ),
    "/wykonawca/lokalizacja": ("user", CONTRACTOR, "403"),
    "/wykonawca/pozycja": ("user", CONTRACTOR, "403"),
    "/protokol/weryfikacja": ("public", PUBLIC, "a form; the result only"),
    "/protokol/weryfikacja/<string:token>": ("public", TOKEN, "'unknown'"),
    "/protokol/<int:protocol_id>/pdf": (
        "user",
        "reporter, the unit's residents, the job's company, the office",
        "404",
    ),
}
ROUTES_BY_MODULE["msom_estate"] = {
    "/msom/service-worker.js": ("public", PUBLIC, "static script"),
    "/msom/push/vapid": ("user", "logged-in users", "Odoo's public VAPID key"),
    "/msom/push/subscribe": ("user", "logged-in users, their own browser", "400"),
}
ROUTES_BY_MODULE["msom_portal"] = {
    "/my": ("user", "every logged-in user (Odoo's portal home)", "login"),
    "/my/home": ("user", "every logged-in user (Odoo's portal home)", "login"),
    "/my/account": ("user", "non-residents; residents go to /my/personal", "303"),
    "/my/addresses": ("user", "non-residents; residents go to /my/personal", "303"),
    "/my/address": ("user", "non-residents; residents go to /my/personal", "303"),
    "/my/address/submit": ("user", "non-residents only", "403"),
    "/my/personal": ("user", RESIDENT, "303 /my"),
    "/my/announcements": ("user", "targeted readers", "their own list"),
    "/my/announcements/page/<int:page>": ("user", "targeted readers", "own list"),
    "/my/announcements/<int:announcement_id>": ("user", OWN, "404"),
    "/my/announcements/<int:announcement_id>/attachment/<int:attachment_id>": (
        "user",
        OWN,
        "404",
    ),
    "/my/balances": ("user", OWN, "empty page"),
    "/my/balances/<int:unit_id>": ("user", OWN, "404"),
    "/my/balances/document/<int:move_id>": ("user", OWN, "404"),
    "/my/consents": ("user", RESIDENT, "404"),
    "/my/consents/<string:consent_type>/<string:action>": ("user", RESIDENT, "404"),
    "/my/consents/instalments/request": ("user", RESIDENT, "404"),
    "/my/contact": ("user", "logged-in users", "their own buildings only"),
    "/my/chat": ("user", RESIDENT, "303 /my"),
    "/my/chat/post": ("user", RESIDENT, "404"),
    "/my/chat/messages": ("user", RESIDENT, "404"),
    "/my/documents": ("user", OWN, "their own list"),
    "/my/documents/<int:document_id>/attachment/<int:attachment_id>": (
        "user",
        OWN,
        "404",
    ),
    "/my/documents/<string:kind>/<int:record_id>/pdf": ("user", OWN, "404"),
    "/my/documents/file/<int:case_id>": ("user", OWN, "404"),
    "/my/invoices": ("user", OWN, "Odoo's invoice list under record rules"),
    "/my/invoices/page/<int:page>": ("user", OWN, "the same"),
    "/my/login-history": ("user", "every logged-in user", "their own history"),
    "/my/login-history/page/<int:page>": ("user", "every logged-in user", "own"),
    "/my/login-history/revoke": ("user", "the session's owner", "404"),
    "/my/meters": ("user", OWN, "their own list"),
    "/my/meters/<int:meter_id>": ("user", OWN, "404"),
    "/my/meters/<int:meter_id>/reading": ("user", OWN, "404"),
    "/my/payments/calendar": ("user", OWN, "their own calendar"),
    "/my/pay": ("user", OWN, "their own units with dues"),
    "/my/pay/<any(unit,document,demand):kind>/<int:record_id>": ("user", OWN, "404"),
    "/my/pay/<any(unit,document,demand):kind>/<int:record_id>/transaction": (
        "user",
        OWN + "; amount and unit decided by the server",
        "404",
    ),
    "/my/pay/confirmation/<int:tx_id>": ("user", "the payer of the transaction", "404"),
    "/my/payment_method": (
        "user",
        "every logged-in user while a payment provider is active",
        "303 /my without one",
    ),
    "/zgloszenie": ("public", PUBLIC, "the form"),
    "/zgloszenie/<string:token>": ("public", TOKEN, "404"),
    "/zgloszenie/wyslij": ("public", PUBLIC, "rate-limited; 400/429 with the form"),
    "/zgloszenie/dziekujemy": ("public", PUBLIC, "a thank-you page"),
    "/my/tickets": ("user", OWN, "their own list"),
    "/my/tickets/page/<int:page>": ("user", OWN, "their own list"),
    "/my/tickets/new": ("user", "logged-in users", "the form"),
    "/my/tickets/submit": ("user", "logged-in users, their own places", "form error"),
    "/my/tickets/duplicates": ("user", "logged-in users", "no other's content"),
    "/my/tickets/<int:ticket_id>": ("user", OWN + "; the office reads", "404"),
    "/my/tickets/<int:ticket_id>/document/<int:attachment_id>": ("user", OWN, "404"),
    "/my/tickets/<int:ticket_id>/rate": ("user", "the reporter", "404"),
    "/my/tickets/<int:ticket_id>/reopen": ("user", "the reporter", "404"),
    "/my/units": ("user", OWN, "their own units"),
    "/my/units/<int:unit_id>": ("user", OWN, "404"),
    "/my/manifest.webmanifest": ("public", PUBLIC, "the web-app manifest"),
}
ROUTES_BY_MODULE["msom_survey"] = {
    "/my/votes": ("user", "eligible residents", "their own votes"),
    "/my/votes/<int:survey_id>": ("user", "eligible residents", "303 /my/votes"),
    "/my/votes/<int:survey_id>/cast": ("user", "eligible voters", "303 /my/votes"),
}
ROUTES_BY_MODULE["msom_tickets"] = {
    "/open311/v2/services.<string:fmt>": ("public", OPEN311, "services"),
    "/open311/v2/services/<string:code>.<string:fmt>": ("public", OPEN311, "404"),
    "/open311/v2/requests.<string:fmt>": ("public", OPEN311, "public tickets only"),
    "/open311/v2/requests/<string:request_id>.<string:fmt>": (
        "public",
        OPEN311,
        "404 for non-public tickets",
    ),
    "/open311/v2/tokens/<string:token>.<string:fmt>": ("public", OPEN311, "404"),
}
ROUTES = {
    path: entry
    for routes in ROUTES_BY_MODULE.values()
    for path, entry in routes.items()
}


def msom_routes(env):
    """{path: auth} of every route whose endpoint one of our modules defines
    or overrides, read from Odoo's routing map."""
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        method = rule.endpoint.func
        name = method.__name__
        ours = any(
            cls.__module__.startswith("odoo.addons.msom_") and name in vars(cls)
            for cls in type(method.__self__).__mro__
        )
        if ours:
            routes[rule.rule] = rule.endpoint.routing["auth"]
    return routes


@tagged("post_install", "-at_install")
class TestSecurityRouteInventory(TransactionCase):
    def test_every_route_is_declared(self):
        found = msom_routes(self.env)
        self.assertGreater(len(found), 60)
        undeclared = sorted(set(found) - set(ROUTES))
        self.assertFalse(
            undeclared,
            "Routes without an entry in ROUTES (who may call them, what the "
            "others get):\n" + "\n".join(undeclared),
        )
        installed = self.env["ir.module.module"].search(
            [("name", "in", list(ROUTES_BY_MODULE)), ("state", "=", "installed")]
        )
        stale = sorted(
            path
            for module in installed.mapped("name")
            for path in ROUTES_BY_MODULE[module]
            if path not in found
        )
        self.assertFalse(stale, "ROUTES lists routes that no longer exist")
        for path, auth in found.items():
            with self.subTest(path=path):
                self.assertEqual(auth, ROUTES[path][0], "declared auth differs")
