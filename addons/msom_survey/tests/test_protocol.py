# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import MsomVoteMixin


@tagged("post_install", "-at_install")
class TestProtocol(MsomVoteMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
        cls._setup_votes()

    def _closed_vote(self, **vals):
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares", **vals)
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_zofia)
        self._cast(vote, "against", self.user_ewa)
        return self._close(vote)

    def _html(self, vote):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "msom_survey.report_vote_protocol", vote.ids
        )
        return html.decode()

    def test_open_vote_protocol(self):
        vote = self._closed_vote()
        html = self._html(vote)
        self.assertIn("Zgoda na remont dachu budynku.", html)
        self.assertIn("7/2026", html)
        self.assertIn("29/40", html, "exact share of the votes for")
        self.assertIn("11/40", html)
        self.assertIn("Adopted", html)
        for partner in (self.owner, self.zofia, self.neighbour):
            self.assertIn(partner.name, html, "an open vote lists who voted how")
        self.assertIn("97/300", html, "Jan's exact share")

    def test_secret_vote_protocol(self):
        vote = self._closed_vote(msom_secret=True)
        html = self._html(vote)
        self.assertIn("29/40", html)
        self.assertIn("The vote was secret", html)
        for partner in (self.owner, self.zofia, self.neighbour):
            self.assertNotIn(partner.name, html)

    def test_protocol_pdf(self):
        vote = self._closed_vote()
        action = vote.action_msom_print_protocol()
        self.assertIn("msom_survey.report_vote_protocol", str(action))
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("msom_survey.report_vote_protocol", vote.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_protocol_routes_only_for_the_office(self):
        closed = self._closed_vote()
        running = self._open(self._create_vote(msom_resolution_number="8/2026"))
        self._cast(running, "for", self.user_jan)
        for user in (self.user_jan, self.user_ewa, self.user_stranger):
            self.authenticate(user.login, user.login)
            for vote in (closed, running):
                for converter in ("html", "pdf"):
                    response = self.url_open(
                        f"/report/{converter}/msom_survey.report_vote_protocol/"
                        f"{vote.id}"
                    )
                    self.assertEqual(response.status_code, 403, user.login)
                    self.assertNotIn(self.owner.name, response.text)
        self.authenticate(self.operator.login, self.operator.login)
        response = self.url_open(
            f"/report/html/msom_survey.report_vote_protocol/{closed.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.owner.name, response.text)
