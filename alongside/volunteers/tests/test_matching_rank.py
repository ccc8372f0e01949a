"""The pure ranking (matching.py): the Living Well rule first, lapsed and full volunteers never offered, and the
same order whatever order the volunteers come in."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.volunteers.matching import (
    FAR,
    NEAR_AREA,
    NEAR_DISTRICT,
    Candidate,
    Need,
    district_of,
    may_allocate,
    nearness,
    rank,
)

LANGUAGES = ["Polish", "Urdu", "Welsh", "Bengali"]
INTERESTS = ["Gardening", "Music", "Reading", "Walks"]
DISTRICTS = ["NV1", "NV2", "NV3", "XY1"]


def candidates():
    return st.builds(
        Candidate,
        user_id=st.integers(1, 10_000),
        name=st.sampled_from(["Ann Lee", "Bob Roy", "Cat Ng", "ann lee"]),
        practice_ids=st.frozensets(st.integers(1, 4), max_size=2),
        districts=st.frozensets(st.sampled_from(DISTRICTS), max_size=2),
        languages=st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True).map(tuple),
        interests=st.lists(st.sampled_from(INTERESTS), max_size=3, unique=True).map(tuple),
        capacity=st.integers(0, 4),
        clients=st.integers(0, 4),
        lapsed=st.one_of(st.just(()), st.just(("Their DBS check ran out on 1 May 2026",))),
    )


def unique_ids(found: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    for c in found:
        if c.user_id not in seen:
            seen.add(c.user_id)
            out.append(c)
    return out


needs = st.builds(
    Need,
    practice_id=st.one_of(st.none(), st.integers(1, 4)),
    practice_name=st.just("Riverside Medical Centre"),
    district=st.sampled_from(["", *DISTRICTS]),
    languages=st.lists(st.sampled_from(LANGUAGES), max_size=2).map(tuple),
    interests=st.lists(st.sampled_from(INTERESTS), max_size=2).map(tuple),
)


@given(needs, candidates(), st.integers(5, 4000))
def test_with_all_else_equal_a_practice_match_ranks_above_a_non_match(need, volunteer, other_id):
    if need.practice_id is None:
        need = Need(practice_id=1, district=need.district, languages=need.languages, interests=need.interests)
    volunteer = Candidate(**{**volunteer.__dict__, "lapsed": (), "capacity": 3, "clients": 0})
    covers = Candidate(**{**volunteer.__dict__, "practice_ids": volunteer.practice_ids | {need.practice_id}})
    does_not = Candidate(
        **{
            **volunteer.__dict__,
            "user_id": volunteer.user_id + other_id,
            "practice_ids": volunteer.practice_ids - {need.practice_id},
        }
    )
    for order in ([covers, does_not], [does_not, covers]):
        offered = rank(need, order).offered
        assert [m.user_id for m in offered] == [covers.user_id, does_not.user_id]


@given(needs, st.lists(candidates(), max_size=25).map(unique_ids))
def test_every_practice_match_comes_before_every_non_match(need, volunteers):
    flags = [m.practice for m in rank(need, volunteers).offered]
    assert flags == sorted(flags, reverse=True)


@given(needs, st.lists(candidates(), max_size=25).map(unique_ids))
def test_a_lapsed_or_full_volunteer_is_never_offered_and_is_counted(need, volunteers):
    ranking = rank(need, volunteers)
    offered = {m.user_id for m in ranking.offered}
    for c in volunteers:
        if c.lapsed:
            assert c.user_id not in offered and c in ranking.lapsed
            assert may_allocate(c) is not None
        elif c.room <= 0:
            assert c.user_id not in offered and c in ranking.full
            assert may_allocate(c) is not None
        else:
            assert c.user_id in offered and may_allocate(c) is None
    assert len(ranking.offered) + len(ranking.lapsed) + len(ranking.full) == len(volunteers)


@given(needs, st.lists(candidates(), max_size=25).map(unique_ids), st.randoms(use_true_random=False))
def test_the_ranking_is_the_same_whatever_order_volunteers_come_in(need, volunteers, rng):
    first = rank(need, volunteers)
    shuffled = list(volunteers)
    rng.shuffle(shuffled)
    again = rank(need, shuffled)
    assert [m.user_id for m in first.offered] == [m.user_id for m in again.offered]
    assert first.lapsed == again.lapsed and first.full == again.full


@given(needs, st.lists(candidates(), max_size=25).map(unique_ids), st.integers(1, 10))
def test_a_limit_gives_the_best_of_the_whole_ranking(need, volunteers, limit):
    whole = rank(need, volunteers)
    best = rank(need, volunteers, limit=limit)
    assert [m.user_id for m in best.offered] == [m.user_id for m in whole.offered][:limit]
    assert best.considered == whole.considered


def test_after_the_practice_a_shared_language_then_interests_then_nearness_then_room():
    need = Need(practice_id=1, practice_name="Riverside", district="NV2", languages=("polish",), interests=("Music",))
    base = {"practice_ids": frozenset({1}), "capacity": 3}
    room = Candidate(9, "Room", clients=0, **base)
    near = Candidate(8, "Near", clients=2, districts=frozenset({"NV2"}), **base)
    likes = Candidate(7, "Likes", clients=2, interests=("music",), **base)
    speaks = Candidate(6, "Speaks", clients=2, languages=("Polish",), **base)
    elsewhere = Candidate(5, "Elsewhere", practice_ids=frozenset({2}), capacity=3, languages=("Polish",))
    offered = rank(need, [elsewhere, room, near, likes, speaks]).offered
    assert [m.name for m in offered] == ["Speaks", "Likes", "Near", "Room", "Elsewhere"]
    assert offered[0].reasons == ("Visits patients of Riverside", "Speaks Polish", "Room for 1 more person")
    assert "Also likes music" in offered[1].reasons
    assert "Lives in or covers NV2, the person's postcode district" in offered[2].reasons


def test_postcode_districts_and_nearness():
    assert district_of("nv2 4ab") == "NV2" and district_of("NV24AB") == "NV2" and district_of("SW1A 1AA") == "SW1A"
    assert district_of("") == "" and district_of("NV2") == "NV2"
    assert nearness("NV2", frozenset({"NV2"})) == NEAR_DISTRICT
    assert nearness("NV2", frozenset({"NV5"})) == NEAR_AREA
    assert nearness("NV2", frozenset({"XY1"})) == FAR and nearness("", frozenset({"NV2"})) == FAR


def test_why_volunteers_were_left_out_is_counted_by_reason():
    lapsed = [
        Candidate(i, f"V{i}", capacity=2, lapsed=(f"Their DBS check ran out on {i} May 2026", "No reference recorded"))
        for i in range(1, 4)
    ]
    ranking = rank(Need(practice_id=None), [*lapsed, Candidate(9, "Full", capacity=1, clients=1)])
    assert ranking.lapsed_reasons == {"No reference recorded": 3, "Their DBS check ran out": 3}
    assert [c.name for c in ranking.full] == ["Full"] and not ranking.offered
