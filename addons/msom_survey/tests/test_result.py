# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsomVoteCase


@tagged("post_install", "-at_install")
class TestResult(MsomVoteCase):
    def _answers(self, vote):
        return vote.msom_result_data["answers"]

    def test_majority_of_all_shares_versus_votes_cast(self):
        """Unit 2 for, unit 12 against, unit 1 silent.

        For: 6025/15000 of all shares, less than half: not adopted by the
        community rule (art. 23 ust. 2), though a majority of the votes cast.
        """
        rules = {"shares": "rejected", "voted": "adopted", "eligible": "rejected"}
        for majority, expected in rules.items():
            with self.subTest(majority=majority):
                vote = self._open(
                    self._create_vote(msom_weighting="share", msom_majority=majority)
                )
                self._cast(vote, "for", self.user_zofia)
                self._cast(vote, "against", self.user_ewa)
                self._close(vote)
                self.assertEqual(vote.msom_result, expected)
                answers = self._answers(vote)
                self.assertEqual(answers["for"], {"count": 1, "weight": "241/600"})
                self.assertEqual(answers["against"], {"count": 1, "weight": "11/40"})
                self.assertEqual(vote.msom_result_data["voted_weight"], "203/300")
                self.assertEqual(vote.msom_result_data["eligible_weight"], "1")

    def test_shares_summed_exactly_at_one_half(self):
        """Shares 1/6 + 1/3 for are exactly one half: not a majority.

        In floating point 1/6 + 1/3 is 0.49999999999999994 or 0.5 depending
        on the order; the exact sum must say "not more than half".
        """
        self.unit_1.write({"common_share_numerator": 1, "common_share_denominator": 6})
        self.unit_2.write({"common_share_numerator": 1, "common_share_denominator": 3})
        self.unit_12.write({"common_share_numerator": 1, "common_share_denominator": 2})
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares")
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_zofia)
        self._cast(vote, "against", self.user_ewa)
        self._close(vote)
        self.assertEqual(self._answers(vote)["for"]["weight"], "1/2")
        self.assertEqual(vote.msom_result, "rejected")
        self.assertEqual(vote.msom_result_data["needed"], "1/2")

    def test_shares_majority_adopted(self):
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares")
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_zofia)
        self._close(vote)
        self.assertEqual(self._answers(vote)["for"]["weight"], "29/40")
        self.assertEqual(vote.msom_result, "adopted")

    def test_per_unit_majority_of_eligible(self):
        vote = self._open(self._create_vote(msom_weighting="unit"))
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "abstain", self.user_zofia)
        self._close(vote)
        # 1 of 3 eligible units for: not more than 3/2.
        self.assertEqual(vote.msom_result, "rejected")
        vote = self._open(self._create_vote(msom_weighting="unit"))
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_zofia)
        self._close(vote)
        self.assertEqual(vote.msom_result, "adopted")

    def test_votes_cast_abstentions_count_against(self):
        """u.s.m. art. 8^3 ust. 9: a majority of all members taking part."""
        vote = self._open(
            self._create_vote(msom_weighting="capita", msom_majority="voted")
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "abstain", self.user_zofia)
        self._close(vote)
        self.assertEqual(vote.msom_result, "rejected")
        vote = self._open(
            self._create_vote(msom_weighting="capita", msom_majority="voted")
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_zofia)
        self._cast(vote, "against", self.user_ewa)
        self._close(vote)
        self.assertEqual(vote.msom_result, "adopted")
        self.assertEqual(vote.msom_result_data["voted_count"], 3)

    def test_quorum(self):
        vote = self._open(
            self._create_vote(msom_majority="voted", msom_quorum_percent=50)
        )
        self._cast(vote, "for", self.user_jan)
        self._close(vote)
        self.assertEqual(vote.msom_result, "no_quorum")
        self.assertFalse(vote.msom_result_data["quorum_met"])
        vote = self._open(
            self._create_vote(msom_majority="voted", msom_quorum_percent=50)
        )
        self._cast(vote, "for", self.user_jan)
        self._cast(vote, "for", self.user_ewa)
        self._close(vote)
        self.assertEqual(vote.msom_result, "adopted")

    def test_secret_vote_result_matches_open_vote(self):
        results = {}
        for secret in (False, True):
            vote = self._open(
                self._create_vote(
                    msom_weighting="share", msom_majority="shares", msom_secret=secret
                )
            )
            self._cast(vote, "for", self.user_jan)
            self._cast(vote, "for", self.user_zofia)
            self._cast(vote, "against", self.user_ewa)
            self._close(vote)
            results[secret] = vote.msom_result_data
        self.assertEqual(results[True], results[False])
        self.assertEqual(results[True]["answers"]["for"]["weight"], "29/40")

    def test_close_early_only_when_everybody_voted(self):
        vote = self._open(self._create_vote())
        self._cast(vote, "for", self.user_jan)
        with freeze_time("2026-03-06"), self.assertRefused(UserError, "not everybody"):
            vote._msom_close()
        self._cast(vote, "for", self.user_zofia)
        self._cast(vote, "for", self.user_ewa)
        with freeze_time("2026-03-06"):
            vote.action_msom_close()
        self.assertEqual(vote.msom_state, "closed")
        self.assertEqual(vote.msom_result, "adopted")
        with self.assertRefused(UserError, "already closed"):
            vote._msom_close()

    def test_live_turnout(self):
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares")
        )
        self._cast(vote, "for", self.user_zofia)
        vote.invalidate_recordset()
        self.assertEqual(vote.msom_voted_count, 1)
        self.assertAlmostEqual(vote.msom_turnout_percent, 33.33)
        self.assertEqual(vote.msom_weight_turnout, "241/600 of 1")
        self.assertAlmostEqual(vote.msom_weight_turnout_percent, 40.17)

    def test_mailing_invitation_reminder_result(self):
        Mail = self.env["mail.mail"]
        vote = self._open(self._create_vote())
        before = Mail.search([]).ids
        with freeze_time("2026-03-02"):
            self.Survey._msom_send_pending_mails()
        invitations = Mail.search([("id", "not in", before)])
        self.assertEqual(
            invitations.recipient_ids, self.owner | self.zofia | self.neighbour
        )
        self._cast(vote, "for", self.user_jan)
        before = Mail.search([]).ids
        with freeze_time("2026-03-14 12:00"):  # within 2 days of closing
            self.Survey._msom_send_pending_mails()
        reminders = Mail.search([("id", "not in", before)])
        self.assertEqual(reminders.recipient_ids, self.zofia | self.neighbour)
        with freeze_time("2026-03-14 13:00"):
            self.assertEqual(self.Survey._msom_send_pending_mails(), 0, "once only")
        self._close(vote)
        before = Mail.search([]).ids
        self.Survey._msom_send_pending_mails()
        results = Mail.search([("id", "not in", before)])
        # Every owner, the co-owner Piotr too, is told the result (art. 23 ust. 3).
        self.assertEqual(
            results.recipient_ids,
            self.owner | self.zofia | self.piotr | self.neighbour,
        )
        self.assertIn("Zgoda na remont dachu", results[0].body_html)
