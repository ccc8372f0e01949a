"""The load for bench/servers.py: locust, headless, with FastHttpUser and no wait between requests.

Runs in locust's own environment (var/load-venv, bench/load.lock), so it imports nothing from Alongside. The mix is
chosen by BENCH_MIX and the addresses come from the JSON file named by BENCH_TARGETS (written by bench/servers.py):
  health  the health address, /healthz (or /health/, with one `select 1`, where there is no /healthz)
  static  one stylesheet under its hashed name, gzipped, through WhiteNoise
  pages   signed-in pages: the home page, person pages and a search by family name
Anything but a 200 counts as an error (a redirect to the sign-in page would otherwise pass for a page).
The figures are reset after BENCH_WARMUP seconds, so one run warms the server up and then measures it.
"""

import json
import os
import random

import gevent
from locust import FastHttpUser, constant, events, task

MIX = os.environ["BENCH_MIX"]
with open(os.environ["BENCH_TARGETS"]) as given:
    TARGETS = json.load(given)
SIGNED_IN = {"Cookie": f"sessionid={TARGETS['session']}"}


@events.test_start.add_listener
def measure_after_the_warmup(environment, **kwargs):
    gevent.spawn_later(float(os.environ.get("BENCH_WARMUP", "0")), environment.runner.stats.reset_all)


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def fetch(self, path: str, name: str, headers: dict) -> None:
        with self.client.get(path, headers=headers, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"answered {answer.status_code}")

    @task(2)
    def first(self):
        if MIX == "health":
            self.fetch(TARGETS["health"], "health", {})
        elif MIX == "static":
            self.fetch(TARGETS["static"], "static", {"Accept-Encoding": "gzip"})
        else:
            self.fetch("/", "home", SIGNED_IN)

    @task(5)
    def person(self):
        if MIX != "pages":
            return self.first()
        self.fetch(f"/people/{random.choice(TARGETS['people'])}/", "person", SIGNED_IN)

    @task(2)
    def search(self):
        if MIX != "pages":
            return self.first()
        self.fetch(f"/people/?q={random.choice(TARGETS['searches'])}", "search", SIGNED_IN)
