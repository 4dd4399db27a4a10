# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MsomVoteCase


@tagged("post_install", "-at_install")
class TestOrdinarySurveys(MsomVoteCase):
    """Ordinary surveys and certifications keep Odoo's rules next to the
    housing surveys and votes: our checks and record rules are for those."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create(
            {"name": "Szkolenia Sp. z o.o."}
        )
        cls.manager_here = new_test_user(
            cls.env, login="survey_manager_here", groups="survey.group_survey_manager"
        )
        cls.certification = cls.Survey.with_company(cls.other_company).create(
            {
                "title": "Szkolenie BHP",
                "certification": True,
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 50,
            }
        )
        cls.vote_elsewhere = cls._create_vote(
            msom_company_id=cls.other_company.id, msom_scope="company"
        )

    def test_company_rule_only_for_housing_surveys(self):
        # Odoo lets survey managers see every survey: ours keep it so for
        # ordinary ones, and keep housing votes within their companies.
        self.assertEqual(self.certification.msom_company_id, self.other_company)
        Survey = self.Survey.with_user(self.manager_here)
        self.assertEqual(Survey.browse(self.certification.id).title, "Szkolenie BHP")
        with self.assertRaises(AccessError):
            Survey.browse(self.vote_elsewhere.id).read(["title"])

    def test_residents_answer_ordinary_surveys_without_eligibility(self):
        # Jan is no voter of either (the housing one is not even open): only
        # the housing survey refuses him.
        housing = self.Survey.create(
            {"title": "Ankieta o zieleni", "msom_kind": "survey",
             "msom_scope": "estate", "msom_location_id": self.estate.id}
        )  # fmt: skip
        with self.assertRaises(UserError):
            housing._check_answer_creation(self.user_jan, self.owner, False)
        answer = self.certification.sudo()._create_answer(user=self.user_jan)
        self.assertEqual(answer.partner_id, self.owner)
        self.assertFalse(self.certification.users_login_required)
