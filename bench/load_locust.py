"""The load test's users (bench/load.py): signed-in clinicians in a realistic mix, with think time.

Runs in locust's own environment (var/load-venv, bench/load.lock), so it imports nothing from Alongside. What the
users ask for comes from the JSON file named by BENCH_TARGETS (written by bench/load.py). Each user has a session
of its own (minted, not signed in) and, by weight: the home page 30, a person's page 30, a search by family name 20,
a contact recorded 10 (the form, then the post, which must redirect) and a referral posted through the API as the GP
10 (which must answer 201). Anything else is a failure. The figures are reset after BENCH_WARMUP seconds; the
failures before then are written to the file named by BENCH_WARM_UP_FAILURES, so that they still count.
"""

import html
import itertools
import json
import os
import random
import re
import uuid
from datetime import date, timedelta

import gevent
from locust import FastHttpUser, between, events, task

with open(os.environ["BENCH_TARGETS"]) as given:
    TARGETS = json.load(given)
SESSIONS = itertools.cycle(TARGETS["sessions"])  # one Cookie header a user
INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


WARM_UP_FAILURES: dict[tuple[str, str], int] = {}  # the reset forgets them: kept here, and written at the end
warming_up = True


@events.test_start.add_listener
def measure_after_the_warmup(environment, **kwargs):
    def reset():
        global warming_up
        warming_up = False
        environment.runner.stats.reset_all()

    gevent.spawn_later(float(os.environ.get("BENCH_WARMUP", "0")), reset)


@events.request.add_listener
def keep_warm_up_failures(request_type, name, exception, **kwargs):
    if exception is not None and warming_up:
        key = (name, repr(exception))
        WARM_UP_FAILURES[key] = WARM_UP_FAILURES.get(key, 0) + 1


@events.quitting.add_listener
def write_warm_up_failures(environment, **kwargs):
    with open(os.environ["BENCH_WARM_UP_FAILURES"], "w") as file:
        json.dump(
            [{"name": name, "error": error, "times": times} for (name, error), times in WARM_UP_FAILURES.items()],
            file,
        )


def hidden_values(page: str) -> dict[str, str]:
    """The named inputs' values in a page (the CSRF token and the one-time form key among them)."""
    found = {}
    for tag in INPUT.findall(page):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            found[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return found


class Clinician(FastHttpUser):
    wait_time = between(1, 4)

    def on_start(self):
        self.signed_in = {"Cookie": next(SESSIONS)}

    def page(self, path: str, name: str):
        with self.client.get(
            path, headers=self.signed_in, name=name, allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"answered {answer.status_code}")
            return answer

    @task(30)
    def home(self):
        self.page("/", "GET /")

    @task(30)
    def person(self):
        self.page(f"/people/{random.choice(TARGETS['people'])}/", "GET /people/<id>/")

    @task(20)
    def search(self):
        self.page(f"/people/?q={random.choice(TARGETS['searches'])}", "GET /people/?q=<family name>")

    @task(10)
    def contact(self):
        address = f"/continuity/people/{random.choice(TARGETS['contact_people'])}/contacts/new/"
        form = self.page(address, "GET /continuity/people/<id>/contacts/new/")
        values = hidden_values(form.text or "") if form.status_code == 200 else {}
        if "csrfmiddlewaretoken" not in values or "form_key" not in values:
            return  # the form's own failure is already counted
        yesterday = date.today() - timedelta(days=1)
        fields = {
            "csrfmiddlewaretoken": values["csrfmiddlewaretoken"],
            "form_key": values["form_key"],
            "kind": "phone",
            "practitioner": str(TARGETS["practitioner"]),
            "day_day": str(yesterday.day),
            "day_month": str(yesterday.month),
            "day_year": str(yesterday.year),
            "at_time": "10:30",
            "minutes": "20",
            "note": "Checked in by phone (load test).",
        }
        with self.client.post(
            address,
            data=fields,
            headers=self.signed_in,
            name="POST /continuity/people/<id>/contacts/new/",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"answered {answer.status_code}, not the redirect of a contact recorded")

    @task(10)
    def referral(self):
        body = dict(TARGETS["referral"])
        body["person"] = {**body["person"], "nhs_number": random.choice(TARGETS["nhs_numbers"])}
        headers = {"Authorization": f"Bearer {TARGETS['gp_token']}", "Idempotency-Key": str(uuid.uuid4())}
        with self.client.post(
            "/api/v1/referrals", json=body, headers=headers, name="POST /api/v1/referrals", catch_response=True
        ) as answer:
            if answer.status_code != 201:
                answer.failure(f"answered {answer.status_code}: {(answer.text or '')[:200]}")
