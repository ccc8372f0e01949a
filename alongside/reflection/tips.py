"""The ten questions a worker can ask themselves after each contact, in our own plain words.

They follow the "ten top tips" for recovery-oriented practice (Shepherd, Boardman and Slade, "Making recovery a
reality", Sainsbury Centre for Mental Health, 2008), as Devon's recovery work passed them on. The words here are
ours, written to be read at a glance; the ideas are theirs. Each tip has a key (stored with a reflection, so never
renamed), a short name for the team's patterns, and the question itself.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tip:
    key: str
    name: str  # a few words, for the team's patterns
    question: str  # "Did I ...?", for the worker after a contact


TIPS: tuple[Tip, ...] = (
    Tip("listen", "Listening", "Did I listen well, and help them make sense of what is happening to them?"),
    Tip(
        "own_goals",
        "Their own goals",
        "Did I help them choose the goals that matter to them, not the goals I would pick?",
    ),
    Tip(
        "strengths", "Their strengths", "Did I show that I believe in what they are good at and what they already have?"
    ),
    Tip(
        "hope_stories",
        "Stories that give hope",
        "Did I share a story of getting better, mine or someone else's, that backs up their hopes?",
    ),
    Tip(
        "giving",
        "Goals beyond being ill",
        "Did I back goals that take them out of being 'the patient' and let them give to others?",
    ),
    Tip(
        "beyond_services",
        "Help beyond services",
        "Did I think of friends, groups and places outside mental health services that could help?",
    ),
    Tip(
        "self_care",
        "Looking after themselves",
        "Did I help them look after their own wellbeing, building on the ways they already cope?",
    ),
    Tip(
        "their_choice",
        "The help they want",
        "Did I ask what help and treatment they want, and go with their wishes where I could?",
    ),
    Tip(
        "equals",
        "Respect as equals",
        "Did I treat them with respect, as an equal partner, and show I would go the extra mile?",
    ),
    Tip(
        "hope",
        "Keeping hope alive",
        "Did I keep hope alive, and say I believe they can reach their goals, even if there are setbacks?",
    ),
)
KEYS: tuple[str, ...] = tuple(tip.key for tip in TIPS)
BY_KEY: dict[str, Tip] = {tip.key: tip for tip in TIPS}
