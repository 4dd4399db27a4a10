"""Vote speed: opening a vote of a large estate and counting its result.

Usage: ./msom bench survey [-- --units 10000]

Builds one estate of --units units with the registry generator, then for an
open and a secret vote weighted by shares (every unit votes): the time to
open the vote (eligibility from occupancy, voter records, exact shares), to
cast one vote per unit through the ballot code, and to close it (exact
result). The issue's target: opening and counting each under 10 s.
"""

import argparse
import random
import time
from datetime import timedelta

from tests.perf.common import cooperative_spec

MODULES = ["msom_survey"]


def timed(label, function, *args):
    started = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - started
    print(f"{label:<58} {elapsed:8.2f} s", flush=True)
    return result, elapsed


def cast_all(vote, rng):
    answers = vote._msom_vote_answers()
    Ballot = vote.env["msom.vote.ballot"]
    for voter in vote.msom_voter_ids:
        value = rng.choices(["for", "against", "abstain"], [6, 3, 1])[0]
        Ballot._msom_cast(voter, answers[value], "portal", False)


def live_turnout(vote):
    return vote.msom_voted_count, vote.msom_weight_turnout


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench survey")
    parser.add_argument("--units", type=int, default=10000)
    options = parser.parse_args(args)
    units = options.units // 40 * 40
    generator = env["msom.registry.generator"]
    spec = cooperative_spec(units, "Os. Głosowanie", "ul. Testowa")
    timed(f"registry generator: {units} units with occupants", generator.generate,
          spec, 7, True)  # fmt: skip
    estate = env["fsm.location"].search(
        [("location_level", "=", "estate"), ("name", "=", "Os. Głosowanie")]
    )
    env.cr.commit()
    now = env["survey.survey"]._fields["msom_date_open"].now()
    for secret in (False, True):
        kind = "secret" if secret else "open"
        vote = env["survey.survey"].create(
            {
                "title": f"Benchmark {kind}",
                "msom_kind": "vote",
                "msom_scope": "estate",
                "msom_location_id": estate.id,
                "msom_date_open": now - timedelta(hours=1),
                "msom_date_close": now + timedelta(days=7),
                "msom_target_group": "residents",
                "msom_weighting": "share",
                "msom_majority": "shares",
                "msom_secret": secret,
            }
        )
        env.cr.commit()
        _result, opening = timed(f"{kind} vote: open (eligibility)", vote._msom_open)
        env.cr.commit()
        print(f"  eligible voters: {len(vote.msom_voter_ids)}, "
              f"shares in scope: {vote.msom_scope_share}")  # fmt: skip
        _result, casting = timed(
            f"{kind} vote: cast {len(vote.msom_voter_ids)} votes one by one",
            cast_all, vote, random.Random(1),
        )  # fmt: skip
        env.cr.commit()
        print(f"  {len(vote.msom_voter_ids) / casting:.0f} votes/s")
        vote.invalidate_recordset()
        timed(f"{kind} vote: live turnout", live_turnout, vote)
        _result, closing = timed(f"{kind} vote: close (exact result)", vote._msom_close)
        env.cr.commit()
        data = vote.msom_result_data
        print(f"  result: {vote.msom_result}; for {data['answers']['for']['weight']}"
              f" of {data['base']} (needed > {data['needed']})")  # fmt: skip
        for label, seconds in (("opening", opening), ("counting", closing)):
            verdict = "OK" if seconds < 10 else "OVER 10 s"
            print(f"  {kind} {label}: {seconds:.2f} s ({verdict})")
