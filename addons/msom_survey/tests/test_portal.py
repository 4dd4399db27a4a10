# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from .common import MsomVoteMixin


@tagged("post_install", "-at_install")
class TestVotePortal(MsomVoteMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
        cls._setup_votes()
        now = fields.Datetime.now()
        cls.vote = cls._create_vote(
            title="Remont dachu budynku przy ul. Lipowej 5",
            msom_date_open=now - timedelta(days=1),
            msom_date_close=now + timedelta(days=7),
        )
        cls.vote._msom_open()

    def test_resident_votes_in_the_portal(self):
        self.start_tour("/my/votes", "msom_survey_vote_tour", login="jan_voter")
        jan = self._voter(self.vote, self.owner)
        self.assertTrue(jan.has_voted)
        self.assertEqual(jan.vote_channel, "portal")
        self.assertEqual(jan.answer_id.msom_vote_value, "for")

    def test_pages(self):
        self.authenticate("jan_voter", "jan_voter")
        page = self.url_open("/my/votes").text
        self.assertIn("Remont dachu budynku", page)
        page = self.url_open(f"/my/votes/{self.vote.id}").text
        self.assertIn("Cast my vote", page)
        self.assertIn("Zgoda na remont dachu", page)
        # A vote of another scope is not shown: back to the list.
        other = self._create_vote(title="Cudze głosowanie")
        response = self.url_open(f"/my/votes/{other.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)

    def test_crafted_post_is_refused(self):
        """A stranger posts Jan's eligible record: nothing is recorded."""
        jan = self._voter(self.vote, self.owner)
        self.authenticate("stranger_voter", "stranger_voter")
        response = self.url_open(
            f"/my/votes/{self.vote.id}/cast",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "answer_id": self.vote._msom_vote_answers()["for"].id,
                "voter_id": jan.id,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(jan.has_voted)
        self.assertFalse(self.vote.msom_ballot_ids)
