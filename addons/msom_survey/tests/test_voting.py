# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AFTER, BEFORE, MsomVoteCase


@tagged("post_install", "-at_install")
class TestVoting(MsomVoteCase):
    def test_one_vote_per_voter(self):
        vote = self._open(self._create_vote())
        ballot = self._cast(vote, "for", self.user_jan)
        self.assertEqual(ballot.voter_id, self._voter(vote, self.owner))
        self.assertEqual(ballot.channel, "portal")
        self.assertTrue(ballot.voter_id.has_voted)
        self.assertEqual(ballot.voter_id.vote_channel, "portal")
        with self.assertRefused(UserError, "already been cast"):
            self._cast(vote, "against", self.user_jan)
        self.assertEqual(vote.msom_voted_count, 1)
        self.assertEqual(len(vote.msom_ballot_ids), 1)

    def test_change_vote_when_allowed(self):
        vote = self._open(self._create_vote(msom_allow_change=True))
        ballot = self._cast(vote, "for", self.user_jan)
        again = self._cast(vote, "against", self.user_jan)
        self.assertEqual(again, ballot, "the same ballot is changed")
        self.assertEqual(ballot.vote_value, "against")
        tallies = {t.vote_value: t for t in vote.msom_tally_ids}
        self.assertEqual(
            (tallies["for"].ballot_count, tallies["for"].weight_sum), (0, "0")
        )
        self.assertEqual(
            (tallies["against"].ballot_count, tallies["against"].weight_sum), (1, "1")
        )
        with self.assertRefused(UserError, "is closed"):
            self._cast(vote, "for", self.user_jan, at=AFTER)

    def test_not_eligible(self):
        vote = self._open(self._create_vote())
        with self.assertRefused(UserError, "not entitled"):
            self._cast(vote, "for", self.user_stranger)
        # Piotr co-owns unit 2 but Zofia is the proxy: he cannot vote for it.
        with self.assertRefused(UserError, "not entitled"):
            self._cast(vote, "for", self.user_piotr)
        # A crafted request naming Jan's eligible record does not help.
        jan = self._voter(vote, self.owner)
        with self.assertRefused(UserError, "not entitled"):
            self._cast(vote, "for", self.user_stranger, voter=jan.id)
        # Nor does voting in someone else's name.
        with self.assertRefused(AccessError, "only cast your own"):
            answer = vote._msom_vote_answers()["for"]
            vote.with_user(self.user_stranger)._msom_cast_vote(answer, self.user_jan)
        self.assertFalse(jan.has_voted)
        self.assertFalse(vote.msom_ballot_ids)

    def test_voting_window(self):
        vote = self._create_vote()
        with self.assertRefused(UserError, "not open for voting yet"):
            self._cast(vote, "for", self.user_jan)
        self._open(vote)
        with self.assertRefused(UserError, "not open for voting yet"):
            self._cast(vote, "for", self.user_jan, at=BEFORE)
        with self.assertRefused(UserError, "is closed"):
            self._cast(vote, "for", self.user_jan, at=AFTER)
        self._close(vote)
        with self.assertRefused(UserError, "is closed"):
            self._cast(vote, "for", self.user_jan)

    def test_answer_of_another_vote(self):
        vote = self._open(self._create_vote())
        other = self._create_vote(title="Inna uchwała")
        with (
            freeze_time("2026-03-05"),
            self.assertRefused(UserError, "does not belong"),
        ):
            vote.with_user(self.user_jan)._msom_cast_vote(
                other._msom_vote_answers()["for"], self.user_jan
            )

    def test_paper_vote(self):
        vote = self._open(self._create_vote())
        ewa = self._voter(vote, self.neighbour)
        answer = vote._msom_vote_answers()["against"]
        with self.assertRefused(AccessError, "Only operators"):
            vote.with_user(self.user_jan)._msom_cast_vote(
                answer, voter=ewa, channel="paper", reference="karta 3"
            )
        with self.assertRefused(UserError, "Record where the paper vote"):
            vote.with_user(self.operator)._msom_cast_vote(
                answer, voter=ewa, channel="paper"
            )
        wizard = (
            self.env["msom.vote.paper.wizard"]
            .with_user(self.operator)
            .create(
                {
                    "survey_id": vote.id,
                    "voter_id": ewa.id,
                    "answer_id": answer.id,
                    "reference": "karta nr 3, zebrana przez zarząd 4.03",
                }
            )
        )
        with freeze_time("2026-03-05"):
            wizard.action_confirm()
        self.assertTrue(ewa.has_voted)
        self.assertEqual(ewa.vote_channel, "paper")
        ballot = vote.msom_ballot_ids
        self.assertEqual(ballot.channel, "paper")
        self.assertEqual(ballot.reference, "karta nr 3, zebrana przez zarząd 4.03")
        self.assertEqual(ballot.entered_by_id, self.operator)
        self.assertEqual(ballot.answer_id, answer)
        # Ewa cannot vote again on the portal.
        with self.assertRefused(UserError, "already been cast"):
            self._cast(vote, "for", self.user_ewa)

    def test_eligible_records_are_not_editable(self):
        vote = self._open(self._create_vote())
        jan = self._voter(vote, self.owner)
        with self.assertRefused(UserError, "cannot be edited"):
            jan.with_user(self.operator).has_voted = True
        with self.assertRefused(UserError, "cannot be edited"):
            jan.with_user(self.operator).weight_numerator = 5
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["msom.vote.ballot"].with_user(self.operator).create(
                {"survey_id": vote.id, "answer_id": vote._msom_vote_answers()["for"].id}
            )

    def test_secret_ballot_has_no_link_to_its_voter(self):
        vote = self._open(
            self._create_vote(
                msom_secret=True, msom_weighting="share", msom_majority="shares"
            )
        )
        self._cast(vote, "for", self.user_zofia)
        ballot = vote.msom_ballot_ids
        self.assertEqual(len(ballot), 1)
        self.assertTrue(ballot.is_secret)
        self.assertFalse(ballot.voter_id)
        zofia = self._voter(vote, self.zofia)
        self.assertTrue(zofia.has_voted, "only the fact of voting is kept")
        self.assertFalse(zofia.answer_id)
        # The table itself has no column that could name the voter, the
        # time or the author of a secret ballot...
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'msom_vote_ballot'"
        )
        columns = {row[0] for row in cr.fetchall()}
        self.assertFalse(
            columns & {"create_uid", "create_date", "write_uid", "write_date"},
            "no log columns on ballots",
        )
        cr.execute(
            """
            SELECT kcu.column_name, ccu.table_name
              FROM information_schema.table_constraints tc
              JOIN information_schema.key_column_usage kcu
                ON kcu.constraint_name = tc.constraint_name
              JOIN information_schema.constraint_column_usage ccu
                ON ccu.constraint_name = tc.constraint_name
             WHERE tc.table_name = 'msom_vote_ballot'
               AND tc.constraint_type = 'FOREIGN KEY'
            """
        )
        foreign_keys = dict(cr.fetchall())
        # ...and every column that could is empty on the secret ballot.
        cr.execute("SELECT * FROM msom_vote_ballot WHERE id = %s", [ballot.id])
        row = dict(zip([d[0] for d in cr.description], cr.fetchone(), strict=True))
        allowed = {"survey_id", "answer_id"}
        for column, table in foreign_keys.items():
            if column not in allowed:
                self.assertIsNone(row[column], f"{column} -> {table} must be empty")
        for column in ("voted_at", "channel", "reference"):
            self.assertIsNone(row[column])
        # The voter side holds no pointer to ballots either.
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'msom_vote_voter'"
        )
        voter_columns = {r[0] for r in cr.fetchall()}
        self.assertFalse({c for c in voter_columns if "ballot" in c or "answer" in c})
        self.assertFalse(voter_columns & {"write_date", "create_date"})
        # Even the superuser cannot attach a voter to a secret ballot.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with cr.savepoint():
                cr.execute(
                    "UPDATE msom_vote_ballot SET voter_id = %s WHERE id = %s",
                    [zofia.id, ballot.id],
                )
        # The weight went to the tally, not to the ballot.
        tally = vote.msom_tally_ids.filtered(lambda t: t.vote_value == "for")
        self.assertEqual(tally.weight_sum, "241/600")  # 6025/15000
        self.assertEqual(tally.ballot_count, 1)

    def test_operator_sees_no_secret_choice(self):
        vote = self._open(self._create_vote(msom_secret=True))
        self._cast(vote, "against", self.user_jan)
        voters = (
            self.env["msom.vote.voter"]
            .with_user(self.operator)
            .search([("survey_id", "=", vote.id)])
        )
        self.assertEqual(voters.filtered("has_voted").partner_id, self.owner)
        self.assertFalse(voters.answer_id)
        ballots = (
            self.env["msom.vote.ballot"]
            .with_user(self.operator)
            .search([("survey_id", "=", vote.id)])
        )
        self.assertEqual(len(ballots), 1)
        self.assertFalse(ballots.partner_id | ballots.unit_id.partner_id)
