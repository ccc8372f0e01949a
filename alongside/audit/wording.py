"""The audit trail in plain words, for the person whose record it is (and for reviewers).

Phrases name the person through {their} and {them}: "your" and "you" when the person reads their own
history, "Ada's" and "Ada" when their proxy reads it.
"""

from alongside.partners.models import ROLE_LABELS

WHAT: dict[str, str] = {
    "person_viewed": "Looked at {their} record",
    "api_person_viewed": "Looked at {their} record through a connected system",
    "search_result": "Saw {their} name in a search",
    "story_history_viewed": "Looked at earlier versions of {their} story",
    "story_opened_for_writing": "Opened {their} story to update it",
    "story_written": "Updated {their} story",
    "entry_form_opened": "Started writing a note about {their} care",
    "entry_added": "Added a note about {their} care",
    "entry_opened_for_amending": "Opened a note about {their} care to correct it",
    "entry_amended": "Corrected a note about {their} care",
    "consent_viewed": "Looked at {their} sharing choices",
    "consent_form_opened": "Started making a sharing choice for {them}",
    "consent_recorded": "Recorded a sharing choice for {them}",
    "consent_withdrawal_opened": "Looked at one of {their} sharing choices to withdraw it",
    "consent_withdrawn": "Withdrew one of {their} sharing choices",
    "break_glass_started": "Opened {their} record in an emergency",
    "break_glass_review_opened": "Checked why someone opened {their} record in an emergency",
    "break_glass_reviewed": "Finished checking an emergency opening of {their} record",
    "access_log_viewed": "Looked at who has seen {their} record",
    "api_access_log_viewed": "Looked at who has seen {their} record through a connected system",
    "audit_searched": "Searched the list of who has seen {their} record",
    "referral_candidate_shown": "Checked whether a referral was about {them}",
    "own_note_added": "Added a note to {their} timeline",
    "communication_needs_updated": "Changed how to communicate with {them}",
    "correction_asked": "Asked for a correction to a note about {their} care",
    "correction_opened": "Opened a request for a correction to answer it",
    "correction_answered": "Answered a request for a correction",
    "relationship_started": "Added someone to the people caring for {them}",
    "relationship_ended": "Ended someone's part in {their} care",
}
SOMETHING_ELSE = "Used {their} record"

WHY: dict[str, str] = {
    "relationship": "Part of {their} care team",
    "consent": "{They} agreed to share",
    "break_glass": "Emergency access (break-glass)",
    "self": "{They} did this",
    "proxy": "Acting for {them}, as {they_lower} chose",
    "referral matching": "Checking who a referral was about",
    "single point of access": "Deciding on a referral for {them}",
    "referrer": "Made a referral for {them}",
    "accepting team": "The team that took on a referral for {them}",
    "team leader": "Leads the team caring for {them}",
}
IG_ACTIONS = frozenset({"break_glass_review_opened", "break_glass_reviewed", "audit_searched"})
IG_CHECK = "Information governance check"
NOT_RECORDED = "Not recorded"


ABOUT_SOMEONE = {"their": "the person's", "them": "the person", "They": "The person", "they_lower": "the person"}


def words_for(person=None, own: bool = True) -> dict[str, str]:
    if own:
        return {"their": "your", "them": "you", "They": "You", "they_lower": "you"}
    name = person.given_name
    return {"their": f"{name}'s", "them": name, "They": name, "they_lower": name}


def what(action: str, words: dict[str, str]) -> str:
    return WHAT.get(action, SOMETHING_ELSE).format(**words)


def why(action: str, basis: str, words: dict[str, str]) -> str:
    if basis in WHY:
        return WHY[basis].format(**words)
    return IG_CHECK if action in IG_ACTIONS else NOT_RECORDED


def roles_in_words(roles: str) -> str:
    """The comma-joined role codes an audit event keeps, as the role names people know."""
    return ", ".join(ROLE_LABELS.get(r, r) for r in roles.split(",") if r and r != "person") or ""
