"""`kill -9` of the server during 1,000 referrals sent through the API leaves no partial record (issue 19, faults).

Each referral is one transaction: the referral, its "received" transition, its audit event and the API's
Idempotency-Key with the answer given (core/idempotency.py). 8 clients send keys 0 to 999 to `alongside serve` on
the private cluster; when about 300 answers have come back, at a random moment in the next second, the server and
every process it started are killed with SIGKILL. What the database then holds is checked: whole referrals only.
The server is started again, every key that had no answer is sent again, and there are then exactly 1,000
referrals, one per key; the keys whose referral was made before the kill are answered from the stored answer (as
are a few keys answered before the kill, sent again).
"""

import itertools
import random
import threading
import time

import pytest
import requests

from .conftest import Cluster, serve

pytestmark = pytest.mark.system

KEYS = 1000
CLIENTS = 8
KILL_AFTER = 300  # answers


def body(n: int) -> dict:
    return {
        "person": {"given_name": "Ada", "family_name": "Okafor", "birth_date": "1941-03-12", "postcode": "NV1 4HT"},
        "source": "hospital_discharge",
        "urgency": "soon",
        "reason": f"Two falls at home since discharge (system test referral {n})",
        "referrer": {"name": "Sam Reed", "organisation": "Northvale Hospital", "contact": "sam.reed@example.nhs.uk"},
    }


def send(session: requests.Session, url: str, token: str, n: int) -> requests.Response | None:
    """One referral under key n; None if no answer came (the server killed, or not there)."""
    try:
        return session.post(
            f"{url}/api/v1/referrals",
            json=body(n),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": f"fault-{n:04d}"},
            timeout=5,
        )
    except requests.RequestException:
        return None


class Clients:
    """CLIENTS threads sending `keys` in order until all are sent or `stop()`; `answers` fills as they come back."""

    def __init__(self, url: str, token: str, keys: list[int]):
        self.url, self.token = url, token
        self.answers: dict[int, requests.Response] = {}
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.queue = iter(keys)
        self.threads = [threading.Thread(target=self.client, daemon=True) for _ in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def client(self) -> None:
        with requests.Session() as session:
            while not self.stopping.is_set():
                with self.lock:
                    n = next(self.queue, None)
                if n is None:
                    return
                answer = send(session, self.url, self.token, n)
                if answer is not None:
                    with self.lock:
                        self.answers[n] = answer

    def answered(self) -> int:
        with self.lock:
            return len(self.answers)

    def running(self) -> bool:
        return any(thread.is_alive() for thread in self.threads)

    def join(self, timeout: float = 300) -> dict[int, requests.Response]:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0, deadline - time.monotonic()))
        return self.answers

    def stop(self) -> dict[int, requests.Response]:
        self.stopping.set()
        return self.join()


WHOLE = {
    "referrals without exactly one 'received' transition": """
        SELECT count(*) FROM referrals_referral r WHERE (SELECT count(*) FROM referrals_transition t
        WHERE t.referral_id = r.id AND t.to_status = 'received') <> 1""",
    "referrals without their audit event": """
        SELECT count(*) FROM referrals_referral r WHERE NOT EXISTS (SELECT 1 FROM core_auditevent a
        WHERE a.action = 'referral_received' AND a.object_type = 'referral' AND a.object_id = r.id::text)""",
    "keys without their answer": """
        SELECT count(*) FROM core_idempotentrequest WHERE status_code IS NULL OR response IS NULL""",
    "keys whose referral is not there": """
        SELECT count(*) FROM core_idempotentrequest i WHERE NOT EXISTS (SELECT 1 FROM referrals_referral r
        WHERE r.id = (i.response->>'id')::bigint)""",
    "referrals without their key": """
        SELECT count(*) FROM referrals_referral r WHERE NOT EXISTS (SELECT 1 FROM core_idempotentrequest i
        WHERE (i.response->>'id')::bigint = r.id)""",
    "transitions of no referral": """
        SELECT count(*) FROM referrals_transition t WHERE NOT EXISTS (SELECT 1 FROM referrals_referral r
        WHERE r.id = t.referral_id)""",
}


def partial_records(cluster: Cluster) -> dict[str, int]:
    """Each way a referral could be half made, with how many there are (all should be 0)."""
    return {what: cluster.one(sql) for what, sql in WHOLE.items()}


def counts(cluster: Cluster) -> tuple[int, int]:
    """(referrals, Idempotency-Keys stored) for the test's keys."""
    referrals = cluster.one("SELECT count(*) FROM referrals_referral WHERE reason LIKE '%%(system test referral %%'")
    keys = cluster.one("SELECT count(DISTINCT key) FROM core_idempotentrequest WHERE key LIKE 'fault-%%'")
    return referrals, keys


def test_kill_9_during_1000_referrals_leaves_no_partial_record_and_every_key_makes_one(cluster, tmp_path):
    token = cluster.world["token"]
    before = counts(cluster)

    with serve(cluster, tmp_path / "serve-1.log") as serving:
        clients = Clients(serving.url, token, list(range(KEYS)))
        deadline = time.monotonic() + 300
        while clients.answered() < KILL_AFTER and clients.running():
            assert time.monotonic() < deadline, f"{KILL_AFTER} referrals were not answered within 300 s"
            time.sleep(0.05)
        moment = random.uniform(0, 1)  # noqa: S311 (a moment, not a secret)
        time.sleep(moment)
        serving.started.kill_all()
        answers = clients.stop()
        print(f"\nKilled {moment:.2f} s after the {KILL_AFTER}th answer.")

    refused = {n: a.status_code for n, a in answers.items() if a.status_code != 201}
    assert not refused, f"answers other than 201 before the kill: {dict(itertools.islice(refused.items(), 10))}"
    made, kept = counts(cluster)
    assert partial_records(cluster) == dict.fromkeys(WHOLE, 0)
    assert made - before[0] == kept - before[1] >= len(answers)
    unanswered_but_made = made - before[0] - len(answers)
    print(f"Before the kill: {len(answers)} answered, {unanswered_but_made} made but not answered, {made} in all.")

    with serve(cluster, tmp_path / "serve-2.log") as serving:
        again = [n for n in range(KEYS) if n not in answers]
        retried = Clients(serving.url, token, again).join()
        # Keys answered before the kill, sent again: their stored answers outlived the kill.
        sample = random.sample(sorted(answers), 5)
        repeats = Clients(serving.url, token, sample).join()

    assert sorted(retried) == again, f"{len(again) - len(retried)} keys got no answer after the restart"
    assert {a.status_code for a in retried.values()} == {201}
    replayed = sum(a.headers.get("Idempotent-Replayed") == "true" for a in retried.values())
    assert replayed == unanswered_but_made
    for n in sample:
        assert repeats[n].headers.get("Idempotent-Replayed") == "true"
        assert (repeats[n].status_code, repeats[n].json()) == (201, answers[n].json())
    assert partial_records(cluster) == dict.fromkeys(WHOLE, 0)
    assert counts(cluster) == (before[0] + KEYS, before[1] + KEYS)
    print(f"After the restart: {len(again)} sent again, {replayed} answered from the stored answer; {KEYS} made.")
