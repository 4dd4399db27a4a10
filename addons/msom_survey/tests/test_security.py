# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import MsomVoteCase, MsomVoteMixin


@tagged("post_install", "-at_install")
class TestVoteSecurity(MsomVoteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_estate = cls._create_estate("Os. Inne", cls.env.company)
        other_building = cls.Location.create(
            {"name": "ul. Inna 1", "location_level": "building",
             "parent_id": cls.other_estate.id}
        )  # fmt: skip
        cls._occupy(cls._create_unit(other_building, "1"), cls.stranger)
        cls.vote = cls._open(cls._create_vote())
        cls.other_vote = cls._open(
            cls._create_vote(
                title="Uchwała innego osiedla", msom_location_id=cls.other_estate.id
            )
        )
        cls.staircase_vote = cls._open(
            cls._create_vote(
                title="Domofon w klatce II",
                msom_scope="staircase",
                msom_location_id=cls.staircase_2.id,
            )
        )
        cls.draft = cls._create_vote(title="Projekt uchwały")

    def test_resident_sees_votes_of_their_scope_only(self):
        Survey = self.Survey.with_user(self.user_jan)
        visible = Survey.search([])
        self.assertIn(self.vote, visible)
        self.assertNotIn(self.other_vote, visible, "another estate")
        self.assertNotIn(self.staircase_vote, visible, "Jan lives in staircase I")
        self.assertNotIn(self.draft, visible, "drafts are not published")
        self.assertIn(self.staircase_vote, Survey.with_user(self.user_ewa).search([]))
        self.assertEqual(
            Survey.with_user(self.user_stranger).search([]), self.other_vote
        )
        with self.assertRaises(AccessError):
            self.staircase_vote.with_user(self.user_jan).read(["title"])
        self.assertEqual(
            self.Survey._msom_portal_votes(self.user_jan),
            self.vote,
        )

    def test_resident_sees_only_own_eligibility(self):
        Voter = self.env["msom.vote.voter"].with_user(self.user_jan)
        self.assertEqual(Voter.search([]).partner_id, self.owner)
        zofia = self._voter(self.vote, self.zofia)
        with self.assertRaises(AccessError):
            zofia.with_user(self.user_jan).read(["has_voted"])
        with self.assertRaises(AccessError):
            self._voter(self.vote, self.owner).with_user(self.user_jan).write(
                {"partner_id": self.stranger.id}
            )

    def test_resident_sees_only_own_ballot(self):
        mine = self._cast(self.vote, "for", self.user_jan)
        theirs = self._cast(self.vote, "against", self.user_zofia)
        Ballot = self.env["msom.vote.ballot"].with_user(self.user_jan)
        self.assertEqual(Ballot.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_jan).read(["answer_id"])
        with self.assertRaises(AccessError):
            self.env["msom.vote.tally"].with_user(self.user_jan).search([])
        info = self.vote._msom_portal_info(self.user_jan)
        self.assertEqual(info["voters"].answer_id.msom_vote_value, "for")

    def test_secret_ballots_invisible_to_voters(self):
        secret = self._open(self._create_vote(title="Tajne", msom_secret=True))
        self._cast(secret, "for", self.user_jan)
        Ballot = self.env["msom.vote.ballot"].with_user(self.user_jan)
        self.assertFalse(Ballot.search([("survey_id", "=", secret.id)]))

    def test_residents_cannot_change_votes(self):
        with self.assertRaises(AccessError):
            self.vote.with_user(self.user_jan).write({"msom_state": "closed"})
        with self.assertRaises(AccessError):
            self.env["msom.vote.ballot"].with_user(self.user_jan).create(
                {
                    "survey_id": self.vote.id,
                    "answer_id": self.vote._msom_vote_answers()["for"].id,
                }
            )


@tagged("post_install", "-at_install")
class TestVotesOutsideOdooSurveyPages(MsomVoteMixin, HttpCase):
    """Ballots are mSOM records: Odoo's /survey pages never take a vote."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
        cls._setup_votes()
        cls.vote = cls._open(cls._create_vote(msom_secret=True))
        # the most open settings Odoo has: anyone with the link may answer
        cls.vote.sudo().write({"access_mode": "public", "users_login_required": False})
        cls.UserInput = cls.env["survey.user_input"]

    def test_survey_routes_refuse_votes(self):
        token = self.vote.sudo().access_token
        self.authenticate(self.user_jan.login, self.user_jan.login)
        response = self.url_open(f"/survey/start/{token}")
        self.assertNotIn(token, response.url)
        self.assertNotIn("Uchwała", response.text)
        for route in ("begin", "submit", "next_question"):
            result = self.make_jsonrpc_request(f"/survey/{route}/{token}/x", {})
            self.assertTrue(result[1].get("error"))
        self.assertFalse(self.UserInput.search([("survey_id", "=", self.vote.id)]))
        with self.assertRaises(UserError):
            self.vote.sudo()._create_answer(user=self.user_jan)
        # the vote's token is not the residents' to read
        with self.assertRaises(AccessError):
            self.vote.with_user(self.user_jan).read(["access_token"])
        self.assertEqual(
            self.vote.with_user(self.user_jan).read(["title"])[0]["title"],
            self.vote.title,
        )

    def test_ordinary_survey_still_answered_on_survey_pages(self):
        survey = self.Survey.create(
            {
                "title": "Ankieta o zieleni",
                "access_mode": "public",
                "users_login_required": False,
                "question_and_page_ids": [
                    (0, 0, {"title": "Co posadzić?", "question_type": "text_box"})
                ],
            }
        )
        self.authenticate(self.user_jan.login, self.user_jan.login)
        response = self.url_open(f"/survey/start/{survey.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(survey.access_token, response.url)
        self.assertEqual(
            self.UserInput.search_count([("survey_id", "=", survey.id)]), 1
        )

    def test_secret_vote_figures_hidden_from_residents_until_closed(self):
        self._cast(self.vote, "for", self.user_jan)
        self._cast(self.vote, "against", self.user_zofia)
        figures = [
            "msom_voted_count",
            "msom_turnout_percent",
            "msom_weight_turnout",
            "msom_result",
            "msom_result_data",
            "msom_result_notice",
        ]
        [seen] = self.vote.with_user(self.user_ewa).read(figures)
        self.assertFalse(any(seen[name] for name in figures), seen)
        self.assertFalse(
            self.env["msom.vote.ballot"]
            .with_user(self.user_ewa)
            .search([("survey_id", "=", self.vote.id)])
        )
        self.assertEqual(self.vote.with_user(self.operator).msom_voted_count, 2)
        self._close(self.vote)
        self.vote.invalidate_recordset()
        [seen] = self.vote.with_user(self.user_ewa).read(figures)
        self.assertEqual(seen["msom_voted_count"], 2)
        self.assertTrue(seen["msom_result"])
