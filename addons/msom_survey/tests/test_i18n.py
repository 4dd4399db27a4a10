# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .common import BEFORE, MsomVoteCase


@tagged("post_install", "-at_install")
class TestPolishTranslation(MsomPolishMixin, MsomVoteCase):
    polish_modules = ("msom_survey",)

    def test_answers_exist_in_every_language(self):
        vote = self._create_vote()
        answers = vote._msom_vote_answers()
        self.assertEqual(answers["for"].with_env(self.polish).value, "Za")
        self.assertEqual(
            answers["abstain"].with_env(self.polish).value, "Wstrzymuję się"
        )
        self.assertEqual(answers["against"].value, "Against")

    def test_errors_are_in_polish(self):
        vote = self._open(self._create_vote())
        with self.assertRefused(UserError, "Nie jesteś uprawniony"):
            self._cast(vote.with_env(self.polish), "for", self.user_stranger)
        staircase_vote = self._create_vote(
            msom_scope="staircase",
            msom_location_id=self.staircase_1.id,
            msom_weighting="share",
            msom_majority="shares",
        ).with_env(self.polish)
        with freeze_time(BEFORE), self.assertRefused(UserError, "art. 23 ust. 2a"):
            staircase_vote._msom_open()
        with freeze_time(BEFORE), self.assertRefused(UserError, "sumują się do 29/40"):
            staircase_vote._msom_open()

    def test_selection_labels_are_in_polish(self):
        labels = dict(
            self.polish["survey.survey"]
            ._fields["msom_majority"]
            ._description_selection(self.polish)
        )
        self.assertEqual(labels["shares"], "Większość wszystkich udziałów")
