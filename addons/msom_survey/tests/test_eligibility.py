# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date
from fractions import Fraction

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BEFORE, CLOSE, OPEN, MsomVoteCase


@tagged("post_install", "-at_install")
class TestEligibility(MsomVoteCase):
    def _weights(self, vote):
        return {
            voter.partner_id: Fraction(voter.weight_numerator, voter.weight_denominator)
            for voter in vote.msom_voter_ids
        }

    def test_per_unit_owners_and_proxy(self):
        vote = self._open(self._create_vote())
        self.assertEqual(vote.msom_state, "open")
        voters = vote.msom_voter_ids
        self.assertEqual(len(voters), 3, "one vote per unit")
        self.assertEqual(voters.partner_id, self.owner | self.zofia | self.neighbour)
        self.assertNotIn(self.adam, voters.partner_id, "household members do not vote")
        proxy = self._voter(vote, self.zofia)
        self.assertEqual(proxy.unit_id, self.unit_2)
        self.assertTrue(proxy.is_proxy, "Zofia votes for both co-owners of unit 2")
        self.assertEqual(set(self._weights(vote).values()), {Fraction(1)})
        self.assertEqual(vote.msom_eligible_count, 3)
        self.assertEqual(vote.msom_eligible_weight, "3")

    def test_share_weights_are_exact_unit_shares(self):
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares")
        )
        weights = self._weights(vote)
        self.assertEqual(weights[self.owner], Fraction(485, 1500))
        self.assertEqual(weights[self.zofia], Fraction(6025, 15000))
        self.assertEqual(weights[self.neighbour], Fraction(4125, 15000))
        self.assertEqual(sum(weights.values()), 1)
        self.assertEqual(vote.msom_scope_share, "1")
        self.assertEqual(vote.msom_eligible_weight, "1")
        self.assertFalse(vote.msom_shares_warning)

    def test_co_owners_vote_their_part_of_the_share(self):
        """By shares co-owners need no common representative (art. 23 ust. 2b
        u.w.l. asks one only per capita): each votes their part of the unit's
        share as recorded; the designated proxy, with the others' consent,
        the whole share (see test_share_weights_are_exact_unit_shares)."""
        co_owners = self.Occupancy.search([("unit_id", "=", self.unit_2.id)])
        co_owners.is_voting_proxy = False
        co_owners.filtered(lambda o: o.partner_id == self.piotr).write(
            {"share_numerator": 1, "share_denominator": 3}
        )
        co_owners.filtered(lambda o: o.partner_id == self.zofia).write(
            {"share_numerator": 2, "share_denominator": 3}
        )
        vote = self._open(
            self._create_vote(msom_weighting="share", msom_majority="shares")
        )
        weights = self._weights(vote)
        self.assertEqual(weights[self.zofia], Fraction(6025, 15000) * 2 / 3)
        self.assertEqual(weights[self.piotr], Fraction(6025, 15000) / 3)
        self.assertEqual(sum(weights.values()), 1, "the unit's share counts whole")
        self.assertFalse(vote.msom_voter_ids.filtered("is_proxy"))
        self._cast(vote, "for", self.user_piotr)
        self.assertTrue(self._voter(vote, self.piotr).has_voted)
        self.assertFalse(self._voter(vote, self.zofia).has_voted)
        # with Zofia's consent recorded (voting proxy) she votes the whole share
        co_owners.filtered(lambda o: o.partner_id == self.zofia).is_voting_proxy = True
        again = self._create_vote(msom_weighting="share", msom_majority="shares")
        weights = self._weights(self._open(again))
        self.assertEqual(weights[self.zofia], Fraction(6025, 15000))
        self.assertNotIn(self.piotr, weights)

    def test_per_capita_counts_owners_once(self):
        # Jan also owns a garage in the building: still one vote per person.
        garage = self._create_unit(self.building, "G1", area=15.0)
        self._occupy(garage, self.owner)
        vote = self._open(self._create_vote(msom_weighting="capita"))
        voters = vote.msom_voter_ids
        self.assertEqual(len(voters), 3, "Jan, the Mazurs (through Zofia), Ewa")
        self.assertEqual(voters.partner_id, self.owner | self.zofia | self.neighbour)
        per_unit = self._open(self._create_vote(msom_weighting="unit"))
        self.assertEqual(len(per_unit.msom_voter_ids), 4, "the garage is a unit")

    def test_co_owners_without_proxy_need_one(self):
        self.Occupancy.search(
            [("partner_id", "=", self.zofia.id)]
        ).is_voting_proxy = False
        vote = self._open(self._create_vote(msom_weighting="capita"))
        missing = vote.msom_voter_ids.filtered(lambda v: not v.partner_id)
        self.assertEqual(missing.unit_id, self.unit_2)
        self.assertTrue(missing.is_proxy)
        with freeze_time("2026-03-05"), self.assertRefused(UserError, "not entitled"):
            vote.with_user(self.user_zofia)._msom_cast_vote(
                vote._msom_vote_answers()["for"], self.user_zofia
            )
        # The board records the written proxy: Piotr votes for the unit.
        missing.with_user(self.operator).partner_id = self.piotr
        with freeze_time("2026-03-05"):
            vote.with_user(self.user_piotr)._msom_cast_vote(
                vote._msom_vote_answers()["for"], self.user_piotr
            )
        self.assertTrue(missing.has_voted)

    def test_target_groups(self):
        self._occupy(self.unit_1, self.stranger, "tenant")
        member = self.env["res.partner"].create({"name": "Maria Członek"})
        self._occupy(self.unit_12, member, "member")
        everyone = self._open(
            self._create_vote(msom_weighting="capita", msom_target_group="residents")
        )
        self.assertEqual(
            everyone.msom_voter_ids.partner_id,
            self.owner | self.zofia | self.piotr | self.neighbour | self.adam
            | self.stranger | member,
            "all residents vote per person; co-owners vote each for themselves",
        )  # fmt: skip
        members = self._open(
            self._create_vote(msom_weighting="capita", msom_target_group="members")
        )
        self.assertEqual(members.msom_voter_ids.partner_id, member)

    def test_occupancy_on_the_opening_date(self):
        # Jan sold his flat before the vote opens; the buyer moves in on 1 March.
        self.Occupancy.search([("partner_id", "=", self.owner.id)]).date_to = date(
            2026, 2, 28
        )
        buyer = self.env["res.partner"].create({"name": "Nowy Właściciel"})
        self._occupy(self.unit_1, buyer, date_from=date(2026, 3, 1))
        vote = self._open(self._create_vote())
        self.assertIn(buyer, vote.msom_voter_ids.partner_id)
        self.assertNotIn(self.owner, vote.msom_voter_ids.partner_id)

    def test_scopes(self):
        building_vote = self._open(
            self._create_vote(msom_scope="building", msom_location_id=self.building.id)
        )
        self.assertEqual(len(building_vote.msom_voter_ids), 3)
        staircase_vote = self._open(
            self._create_vote(
                msom_scope="staircase", msom_location_id=self.staircase_1.id
            )
        )
        self.assertEqual(
            staircase_vote.msom_voter_ids.unit_id, self.unit_1 | self.unit_2
        )
        company_vote = self._open(
            self._create_vote(msom_scope="company", msom_location_id=False)
        )
        self.assertGreaterEqual(len(company_vote.msom_voter_ids), 3)
        with self.assertRefused(ValidationError, "Choose the building"):
            self._create_vote(msom_scope="building", msom_location_id=self.estate.id)

    def test_no_eligible_voters(self):
        empty = self._create_unit(self.building, "99")
        staircase = self.Location.create(
            {"name": "kl. III", "location_level": "staircase",
             "parent_id": self.building.id}
        )  # fmt: skip
        empty.parent_id = staircase
        vote = self._create_vote(msom_scope="staircase", msom_location_id=staircase.id)
        with freeze_time(BEFORE), self.assertRefused(UserError, "Nobody is entitled"):
            vote._msom_open()
        self.assertEqual(vote.msom_state, "draft")
        self.assertFalse(vote.msom_voter_ids, "nothing half-saved")

    def test_shares_not_summing_to_one_warn_and_offer_per_capita(self):
        # A vote of staircase I only: its shares sum to 10875/15000.
        vote = self._create_vote(
            msom_scope="staircase",
            msom_location_id=self.staircase_1.id,
            msom_weighting="share",
            msom_majority="shares",
        )
        with freeze_time(BEFORE), self.assertRefused(UserError, "29/40, not 1"):
            vote._msom_open()
        self.assertFalse(vote.msom_voter_ids)
        with freeze_time(BEFORE):
            action = vote.action_msom_open()
        self.assertEqual(action["res_model"], "msom.vote.open.wizard")
        wizard = self.env["msom.vote.open.wizard"].browse(action["res_id"])
        self.assertIn("art. 23 ust. 2a", wizard.message)
        with freeze_time(BEFORE):
            wizard.action_open_per_capita()
        self.assertEqual(vote.msom_state, "open")
        self.assertEqual(vote.msom_weighting, "capita")
        self.assertEqual(vote.msom_majority, "eligible")

    def test_open_by_shares_anyway_keeps_the_warning(self):
        vote = self._create_vote(
            msom_scope="staircase",
            msom_location_id=self.staircase_1.id,
            msom_weighting="share",
            msom_majority="shares",
        )
        with freeze_time(BEFORE):
            action = vote.action_msom_open()
            self.env["msom.vote.open.wizard"].browse(
                action["res_id"]
            ).action_open_by_shares()
        self.assertEqual(vote.msom_weighting, "share")
        self.assertEqual(vote.msom_scope_share, "29/40")
        self.assertIn("29/40", vote.msom_shares_warning)

    def test_dates(self):
        with self.assertRefused(ValidationError, "must close after it opens"):
            self._create_vote(msom_date_open=CLOSE, msom_date_close=OPEN)
        vote = self._create_vote()
        with self.assertRefused(UserError, "has not been opened"):
            vote._msom_close()
        with freeze_time("2026-04-01"), self.assertRefused(UserError, "has passed"):
            vote._msom_open()

    def test_rules_locked_once_open(self):
        vote = self._open(self._create_vote())
        with self.assertRefused(UserError, "already open"):
            vote.msom_weighting = "share"
        vote.msom_date_close = "2026-03-20 20:00:00"  # extending is fine
        with self.assertRefused(UserError, "only be moved later"):
            vote.msom_date_close = "2026-03-10 20:00:00"
        with self.assertRefused(UserError, "recorded by opening and closing"):
            vote.with_user(self.operator).msom_state = "draft"
        with self.assertRefused(UserError, "recorded by opening and closing"):
            vote.msom_result = "adopted"
        with self.assertRefused(UserError, "already been opened"):
            self._open(vote)

    def test_rule_consistency(self):
        with self.assertRefused(ValidationError, "majority of all shares"):
            self._create_vote(msom_weighting="unit", msom_majority="shares")
        with self.assertRefused(ValidationError, "secret vote cannot allow"):
            self._create_vote(msom_secret=True, msom_allow_change=True)

    def test_defaults_from_legal_form(self):
        self.env.company.msom_legal_form = "community"
        vote = self.Survey.create(
            {"title": "Plan gospodarczy", "msom_kind": "vote",
             "msom_location_id": self.estate.id}
        )  # fmt: skip
        self.assertEqual(
            (vote.msom_target_group, vote.msom_weighting, vote.msom_majority),
            ("owners", "share", "shares"),
        )
        self.env.company.msom_legal_form = "cooperative"
        vote = self.Survey.create(
            {"title": "Walne zgromadzenie", "msom_kind": "vote",
             "msom_location_id": self.estate.id}
        )  # fmt: skip
        self.assertEqual(
            (vote.msom_target_group, vote.msom_weighting, vote.msom_majority),
            ("members", "capita", "voted"),
        )
        answers = vote._msom_vote_answers()
        self.assertEqual(set(answers), {"for", "against", "abstain"})

    def test_housing_survey_answered_by_eligible_only(self):
        survey = self._open(self._create_vote(msom_kind="survey", title="Ankieta"))
        self.assertEqual(survey.access_mode, "public")
        self.assertTrue(survey.users_login_required)
        self.assertEqual(len(survey.msom_voter_ids), 3)
        with freeze_time("2026-03-05"):
            answer = survey.sudo()._create_answer(user=self.user_jan)
            self.assertEqual(answer.partner_id, self.owner)
            with self.assertRefused(UserError, "not entitled to answer"):
                survey.sudo()._create_answer(user=self.user_stranger)
        with freeze_time("2026-04-01"), self.assertRefused(UserError, "is closed"):
            survey.sudo()._create_answer(user=self.user_ewa)
