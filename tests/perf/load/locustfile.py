"""Residents and contractors of `./msom bench load`, for locust (headless).

bench_load.py logs every user in beforehand and writes their session cookies
and pages to the JSON file named by MSOM_LOAD_SPEC: the load measures the
pages, not 220 password hashings at once. Each locust user takes the next
session of its kind; requests are named by page class, so locust's figures
come per class.

Runs in its own virtual environment (requirements-load.txt): locust needs
newer Flask/Werkzeug than Odoo pins, so it never shares Odoo's Python.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

with open(os.environ["MSOM_LOAD_SPEC"], encoding="utf-8") as spec_file:
    SPEC = json.load(spec_file)
RESIDENTS = itertools.cycle(SPEC["residents"])
CONTRACTORS = itertools.cycle(SPEC["contractors"])
THINK = SPEC["think_seconds"]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Resident(HttpUser):
    """A resident reading their pages, one after another, in random order."""

    fixed_count = SPEC["resident_count"]
    wait_time = between(*THINK["resident"])

    def on_start(self):
        me = next(RESIDENTS)
        self.client.cookies.set("session_id", me["session_id"])
        self.pages = list(me["pages"].items())
        self.rng = random.Random(me["session_id"])

    @task
    def open_a_page(self):
        page_class, url = self.rng.choice(self.pages)
        self.client.get(url, name=f"resident: {page_class}")


class Contractor(HttpUser):
    """A worker opening the job list, a job, and saving notes on it."""

    fixed_count = SPEC["contractor_count"]
    wait_time = between(*THINK["contractor"])

    def on_start(self):
        me = next(CONTRACTORS)
        self.client.cookies.set("session_id", me["session_id"])
        self.jobs = me["jobs"]
        self.rng = random.Random(me["session_id"])
        self.base = SPEC["contractor_base"]

    @task(2)
    def job_list(self):
        self.client.get(self.base, name="contractor: job list")

    @task(3)
    def work_a_job(self):
        job = self.rng.choice(self.jobs)
        url = f"{self.base}/zlecenie/{job}"
        page = self.client.get(url, name="contractor: job")
        token = CSRF.search(page.text or "")
        if not token:
            return
        self.client.post(
            f"{url}/akcja",
            data={
                "csrf_token": token.group(1),
                "action": "details",
                "notes": f"Obejrzane, notatka {self.rng.randint(1, 10**6)}",
            },
            name="contractor: save notes",
        )
