# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import formatLang

from ..tools import format_fraction, parse_fraction, percent
from .survey_survey import VOTE_VALUES


class SurveySurvey(models.Model):
    """Turnout, closing and the result of a vote, with its protocol."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

    def _msom_turnout_figures(self):
        if not self.id or self.msom_state == "draft":
            zero = Fraction(0)
            return {
                "eligible_count": 0, "voted_count": 0,
                "eligible_weight": zero, "voted_weight": zero,
            }  # fmt: skip
        Voter = self.env["msom.vote.voter"]
        eligible_weight, eligible_count = Voter._msom_weight_sum(self)
        voted_weight, voted_count = Voter._msom_weight_sum(self, voted_only=True)
        return {
            "eligible_count": eligible_count,
            "voted_count": voted_count,
            "eligible_weight": eligible_weight,
            "voted_weight": voted_weight,
        }

    def _msom_answer_totals(self):
        """{value: (count, exact weight)} of the votes cast.

        Open votes are recounted from the ballots and their voters' weights;
        secret ballots carry no voter, so their weights come from the tallies
        kept while voting.
        """
        self.ensure_one()
        answers = self._msom_vote_answers()
        value_of = {answer.id: value for value, answer in answers.items()}
        totals = {value: [0, Fraction(0)] for value in VOTE_VALUES}
        Ballot = self.env["msom.vote.ballot"]
        if self.msom_secret:
            rows = self.env["msom.vote.tally"]._msom_totals(self)
        else:
            rows = Ballot._msom_weight_by_answer(self)
        for answer_id, count, weight in rows:
            totals[value_of[answer_id]][0] += count
            totals[value_of[answer_id]][1] += weight
        if self.msom_secret:
            # The tallies must agree with the anonymous ballots.
            counted = {
                value_of[answer_id]: count
                for answer_id, count in Ballot._msom_count_by_answer(self).items()
            }
            if any(counted.get(value, 0) != totals[value][0] for value in VOTE_VALUES):
                raise UserError(
                    self.env._(
                        "The ballots of “%(title)s” do not match its tallies; "
                        "the result cannot be computed. Contact the administrator.",
                        title=self.title,
                    )
                )
        return {value: tuple(total) for value, total in totals.items()}

    def _msom_compute_result(self):
        """The result by the vote's rule, in exact fractions."""
        self.ensure_one()
        totals = self._msom_answer_totals()
        eligible_weight, eligible_count = self.env["msom.vote.voter"]._msom_weight_sum(
            self
        )
        voted_count = sum(count for count, _weight in totals.values())
        voted_weight = sum((weight for _count, weight in totals.values()), Fraction(0))
        base = {
            "shares": parse_fraction(self.msom_scope_share),
            "eligible": eligible_weight,
            "voted": voted_weight,
        }[self.msom_majority]
        quorum = Fraction(self.msom_quorum_percent, 100)
        quorum_met = not quorum or (
            eligible_weight > 0 and voted_weight >= quorum * eligible_weight
        )
        for_weight = totals["for"][1]
        if not quorum_met:
            result = "no_quorum"
        elif base > 0 and for_weight * 2 > base:
            result = "adopted"
        else:
            result = "rejected"
        return {
            "result": result,
            "majority": self.msom_majority,
            "base": format_fraction(base),
            "needed": format_fraction(base / 2),
            "eligible_count": eligible_count,
            "eligible_weight": format_fraction(eligible_weight),
            "voted_count": voted_count,
            "voted_weight": format_fraction(voted_weight),
            "quorum_percent": self.msom_quorum_percent,
            "quorum_met": quorum_met,
            "answers": {
                value: {"count": count, "weight": format_fraction(weight)}
                for value, (count, weight) in totals.items()
            },
        }

    def _msom_close(self):
        self.ensure_one()
        if self.msom_state == "draft":
            raise UserError(
                self.env._(
                    "“%(title)s” has not been opened: it cannot be closed.",
                    title=self.title,
                )
            )
        if self.msom_state == "closed":
            raise UserError(
                self.env._("“%(title)s” is already closed.", title=self.title)
            )
        now = fields.Datetime.now()
        if now < self.msom_date_close:
            pending = self.env["msom.vote.voter"].search_count(
                Domain("survey_id", "=", self.id) & Domain("has_voted", "=", False),
                limit=1,
            )
            if pending:
                raise UserError(
                    self.env._(
                        "“%(title)s” is open until %(close)s and not everybody has "
                        "voted yet: it cannot be closed before then.",
                        title=self.title,
                        close=self.msom_date_close,
                    )
                )
        vals = {"msom_state": "closed", "msom_closed_on": now}
        if self.msom_kind == "vote":
            data = self._msom_compute_result()
            vals.update(msom_result=data["result"], msom_result_data=data)
        self.with_context(msom_vote_internal=True).write(vals)
        if self.msom_kind == "vote":
            self.message_post(body=self._msom_result_summary())
        self._msom_trigger_mailing()
        return True

    def action_msom_close(self):
        for survey in self:
            survey._msom_close()
        return True

    def _msom_result_summary(self):
        """One line: the result with the votes for, against and abstaining."""
        self.ensure_one()
        data = self.msom_result_data or {}
        if not data:
            return ""
        labels = dict(self._fields["msom_result"]._description_selection(self.env))
        figures = self._msom_result_lines()
        return self.env._(
            "%(result)s. For: %(for)s, against: %(against)s, abstaining: %(abstain)s.",
            result=labels[data["result"]],
            **{line["value"]: line["summary"] for line in figures},
        )

    def _msom_result_lines(self):
        """For / against / abstain lines of a closed vote, for display."""
        self.ensure_one()
        data = self.msom_result_data or {}
        labels = dict(self._msom_vote_labels())
        base = parse_fraction(data.get("eligible_weight"))
        lines = []
        for value in VOTE_VALUES:
            figures = data.get("answers", {}).get(value, {"count": 0, "weight": "0"})
            weight = parse_fraction(figures["weight"])
            # in the reader's number format: 56,25 in Polish
            shown = formatLang(self.env, percent(weight, base), digits=2)
            summary = self.env._(
                "%(count)s votes, weight %(weight)s (%(percent)s%% of eligible)",
                count=figures["count"],
                weight=figures["weight"],
                percent=shown,
            )
            lines.append(
                {
                    "value": value,
                    "label": labels[value],
                    "count": figures["count"],
                    "weight": figures["weight"],
                    "percent": shown,
                    "summary": summary,
                }
            )
        return lines

    def _msom_result_notice(self):
        """The sentence that explains the result by the rule (protocol, mail)."""
        self.ensure_one()
        data = self.msom_result_data or {}
        if not data:
            return ""
        rule = dict(self._fields["msom_majority"]._description_selection(self.env))[
            data["majority"]
        ]
        return self.env._(
            "Rule: %(rule)s. Votes for: %(for)s; needed: more than %(needed)s "
            "(half of %(base)s). Turnout: %(voted)s of %(eligible)s eligible votes "
            "(weight %(voted_weight)s of %(eligible_weight)s)%(quorum)s.",
            rule=rule,
            needed=data["needed"],
            base=data["base"],
            voted=data["voted_count"],
            eligible=data["eligible_count"],
            voted_weight=data["voted_weight"],
            eligible_weight=data["eligible_weight"],
            quorum=self.env._(", quorum %(q)s%% %(met)s", q=data["quorum_percent"],
                              met=self.env._("met") if data["quorum_met"]
                              else self.env._("not met"))
            if data["quorum_percent"] else "",
            **{"for": data["answers"]["for"]["weight"]},
        )  # fmt: skip

    def _msom_protocol_votes(self):
        """Who voted how, for the protocol of an open vote (empty if secret)."""
        self.ensure_one()
        if self.msom_secret:
            return self.env["msom.vote.ballot"]
        return self.sudo().msom_ballot_ids.sorted(
            lambda b: (b.voter_id.unit_id.complete_name or "", b.voter_id.id)
        )

    def action_msom_print_protocol(self):
        self.ensure_one()
        if self.msom_state != "closed":
            raise UserError(
                self.env._(
                    "The result protocol of “%(title)s” is available once the "
                    "vote is closed.",
                    title=self.title,
                )
            )
        return self.env.ref("msom_survey.action_report_vote_protocol").report_action(
            self
        )
