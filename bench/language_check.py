"""Benchmark: the words-that-carry-hope check and the abbreviation expander on a 2,000-word note (issue 16).

    .venv/bin/python -m bench.language_check [--words 2000] [--repeat 200] [--seed 2026]

No database: both are pure. The note is synthetic, built with a fixed seed from ordinary clinical words, with about
one word in a hundred starting a term on the list (non-compliant, suffers from, frequent flyer...), some in their
clinical sense (heart failure, alcoholic liver disease), and about one in thirty an abbreviation.

Timed in turns in the same run (so that a busy spell falls on both alike), the median of `--repeat` calls each:
- the check: `checking.suggestions` with the shipped list (one trie-shaped pattern for every phrase);
- the baseline: a regex-per-term loop, one compiled case-insensitive pattern for each phrase on the list (compiled
  before timing), each run over the note in turn, as a straightforward checker would;
- the expander: `expanding.expand` with the shipped glossary (a synthetic one of 400 abbreviations where the data
  file is not there yet) and ten local terms; and its baseline, one `re.sub` per abbreviation.
"""

import argparse
import os
import platform
import random
import re
import statistics
import string
import sys
import time

from alongside.language import checking, expanding

ORDINARY = (
    "seen at home today with her daughter who helps with shopping and cooking blood pressure stable chest clear "
    "denies chest pain walking with a frame since the fall the district nurse dressed the leg ulcer she says she "
    "sleeps better plan to review medication next week and ring the pharmacy about the blister packs heart failure "
    "nurse visited weight steady ankles less swollen mood low but brighter when talking about her garden"
).split()
TERMS = [
    "non-compliant",
    "refuses",
    "suffers from",
    "frequent flyer",
    "addict",
    "lacks insight",
    "poor historian",
    "failed to engage",
    "wheelchair-bound",
    "committed suicide",
    "difficult patient",
    "elderly",
]
CLINICAL = ["heart failure", "alcoholic liver disease", "clean wound", "life-threatening", "diabetic foot review"]


def note(words: int, seed: int, abbreviations: list[str]) -> str:
    rng = random.Random(seed)
    out = []
    while len(out) < words:
        roll = rng.random()
        if roll < 0.01:
            out.extend(rng.choice(TERMS).split())
        elif roll < 0.02:
            out.extend(rng.choice(CLINICAL).split())
        elif roll < 0.053 and abbreviations:
            out.append(rng.choice(abbreviations))
        else:
            out.append(rng.choice(ORDINARY) + ("." if rng.random() < 0.07 else ""))
    return " ".join(out[:words])


def synthetic_glossary(seed: int, size: int = 400) -> expanding.Glossary:
    rng = random.Random(seed)
    entries, seen = [], set()
    while len(entries) < size:
        abbreviation = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(2, 5)))
        if abbreviation in seen:
            continue
        seen.add(abbreviation)
        if rng.random() < 0.1:
            entries.append({"abbreviation": abbreviation, "ambiguous": True, "meanings": ["one thing", "another"]})
        else:
            entries.append({"abbreviation": abbreviation, "words": f"words for {abbreviation.lower()}"})
    return expanding.load({"entries": entries})


def loop_check(patterns: list[tuple[re.Pattern[str], checking.Rule]], text: str) -> int:
    found = 0
    for pattern, _rule in patterns:
        for _match in pattern.finditer(text):
            found += 1
    return found


def loop_expand(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, replacement in patterns:
        text = pattern.sub(replacement, text)
    return text


def expand_with(text: str, local: dict[str, str], glossary: expanding.Glossary) -> str:
    return expanding.expand(text, local, glossary=glossary)


def median_ms(function, *arguments, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*arguments)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    shipped_glossary = expanding.SHIPPED.exists()
    glossary = expanding.shipped() if shipped_glossary else synthetic_glossary(args.seed)
    abbreviations = sorted(glossary.entries)
    local = {f"LT{n}": f"local term {n}" for n in range(10)}
    text = note(args.words, args.seed, abbreviations + list(local))

    started = time.perf_counter()
    rules = checking.shipped()
    built_check = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    expanding.expand("warm", local, glossary=glossary)
    built_expand = (time.perf_counter() - started) * 1000
    phrases = [(phrase, rule) for rule in rules.rules if rule.on for phrase in rule.match]
    check_loop = [(re.compile(r"\b" + re.escape(p) + r"\b", re.IGNORECASE), rule) for p, rule in phrases]
    words = {a: e.words for a, e in glossary.entries.items() if e.words} | local
    expand_loop = [
        (re.compile(r"(?<![\w&])" + re.escape(a) + r"(?![\w&])"), f"{w} ({a})".replace("\\", "\\\\"))
        for a, w in words.items()
    ]

    timings: dict[str, list[float]] = {"check": [], "loop": [], "expand": [], "expand_loop": []}
    for _ in range(5):  # in turns
        timings["check"].append(median_ms(checking.suggestions, text, rules, repeat=args.repeat))
        timings["loop"].append(median_ms(loop_check, check_loop, text, repeat=max(3, args.repeat // 20)))
        timings["expand"].append(median_ms(expand_with, text, local, glossary, repeat=args.repeat))
        timings["expand_loop"].append(median_ms(loop_expand, expand_loop, text, repeat=max(3, args.repeat // 20)))
    med = {name: statistics.median(values) for name, values in timings.items()}
    found = checking.suggestions(text, rules)
    expanded = expanding.expand(text, local, glossary=glossary)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"note: {len(text.split()):,} words, {len(text):,} characters, seed {args.seed}")
    print(f"list: {len(rules.rules)} terms, {len(phrases)} phrases; pattern built in {built_check:.1f} ms (once)")
    glossary_kind = "shipped" if shipped_glossary else "synthetic"
    print(
        f"glossary: {len(glossary.entries)} abbreviations ({glossary_kind}) + {len(local)} local; "
        f"built {built_expand:.1f} ms"
    )
    print(f"check (one trie pattern): median {med['check']:.2f} ms, {len(found)} suggestions")
    print(f"baseline (a regex per phrase, {len(check_loop)}): median {med['loop']:.2f} ms")
    print(f"speed-up: {med['loop'] / med['check']:.0f}x")
    print(f"expand: median {med['expand']:.2f} ms, {len(expanded) - len(text):,} characters added")
    print(f"baseline (re.sub per abbreviation, {len(expand_loop)}): median {med['expand_loop']:.2f} ms")
    print(f"speed-up: {med['expand_loop'] / med['expand']:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
