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
    "plan_viewed": "Looked at {their} care and support plan",
    "plan_version_viewed": "Looked at an earlier version of {their} care and support plan",
    "plan_opened_for_writing": "Opened {their} care and support plan to update it",
    "plan_written": "Updated {their} care and support plan",
    "outcome_recorded": "Recorded {their} answers to a questionnaire",
    "staying_well_plan_viewed": "Looked at {their} staying-well plan",
    "staying_well_plan_version_viewed": "Looked at an earlier version of {their} staying-well plan",
    "staying_well_plan_printed": "Opened {their} staying-well plan to print it",
    "staying_well_plan_opened_for_writing": "Opened {their} staying-well plan to update it",
    "staying_well_plan_written": "Updated {their} staying-well plan",
    "crisis_plan_viewed": "Looked at {their} crisis plan",
    "crisis_plan_version_viewed": "Looked at an earlier version of {their} crisis plan",
    "crisis_plan_printed": "Opened {their} crisis plan to print it",
    "crisis_plan_opened_for_writing": "Opened {their} crisis plan to update it",
    "crisis_plan_written": "Updated {their} crisis plan",
    "advance_statement_viewed": "Looked at {their} advance statement of wishes",
    "advance_statement_version_viewed": "Looked at an earlier version of {their} advance statement of wishes",
    "advance_statement_printed": "Opened {their} advance statement of wishes to print it",
    "advance_statement_opened_for_writing": "Opened {their} advance statement of wishes to update it",
    "advance_statement_written": "Updated {their} advance statement of wishes",
    "crisis_flag_opened": "Started to mark {them} as in crisis",
    "crisis_flag_set": "Marked {them} as in crisis now",
    "crisis_flag_end_opened": "Started to mark {them} as no longer in crisis",
    "crisis_flag_ended": "Marked {them} as no longer in crisis",
    "outcomes_viewed": "Looked at how {their} questionnaire answers have changed",
    "outcome_questionnaires_viewed": "Looked at the questionnaires {they_lower} can fill in",
    "outcome_questionnaires_shown": "Saw the questionnaires {they_lower} can fill in, on the home page",
    "outcome_questionnaire_opened": "Opened a questionnaire to fill in with {them}",
    "outcome_started": "Started filling in a questionnaire",
    "outcome_link_opened_for_sending": "Opened the page to send {them} a questionnaire",
    "outcome_link_sent": "Sent {them} a link to a questionnaire",
    "outcome_link_opened": "Opened a questionnaire link sent to {them}",
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
    # the outcomes and plans API (alongside/outcomes/api.py, alongside/plans/api.py)
    "api_outcomes_listed": "Looked at {their} questionnaire answers through a connected system",
    "api_outcome_viewed": "Looked at one of {their} questionnaire answers through a connected system",
    "api_outcome_sent": "Sent {their} answers to a questionnaire through a connected system",
    "api_plan_viewed": "Looked at {their} care and support plan through a connected system",
    "api_plan_versions_listed": "Looked at the versions of {their} care and support plan through a connected system",
    "api_plan_sent": "Sent a new version of {their} care and support plan through a connected system",
    "audit_searched": "Searched the list of who has seen {their} record",
    "referral_candidate_shown": "Checked whether a referral was about {them}",
    "own_note_added": "Added a note to {their} timeline",
    "communication_needs_updated": "Changed how to communicate with {them}",
    "correction_asked": "Asked for a correction to a note about {their} care",
    "correction_opened": "Opened a request for a correction to answer it",
    "correction_answered": "Answered a request for a correction",
    "relationship_started": "Added someone to the people caring for {them}",
    "relationship_ended": "Ended someone's part in {their} care",
    "relationship_form_opened": "Started adding someone to the people caring for {them}",
    "relationship_end_opened": "Started ending someone's part in {their} care",
    "details_opened_for_writing": "Opened {their} details to update them",
    "details_updated": "Updated {their} details",
    "communication_opened": "Opened how to communicate with {them} to update it",
    "shared_with_volunteers_opened": "Opened what {their} volunteer may know to update it",
    "shared_with_volunteers_updated": "Updated what {their} volunteer may know",
    "name_checked_in_hub_writing": "Checked that {their} name was not written in a volunteer hub's notes",
    "supporter_form_opened": "Started adding someone who supports {them}",
    "supporter_added": "Added someone who supports {them}",
    "supporter_end_opened": "Started taking someone off the people who support {them}",
    "supporter_ended": "Took someone off the people who support {them}",
    "own_note_form_opened": "Started writing a note on {their} timeline",
    "correction_form_opened": "Started asking for a correction to a note about {their} care",
    "proxy_listed": "Saw {their} name in the list of people they act for",
    "caseload_listed": "Saw {their} name in a caseload",
    "appointments_listed": "Saw {their} appointment in a list",
    "booking_week_viewed": "Saw {their} name while booking visits",
    "appointment_form_opened": "Started booking a visit with {them}",
    "appointment_booked": "Booked a visit with {them}",
    "appointment_request": "Asked for a visit with {them} to be booked",
    "appointment_requested": "Asked for a visit with {them} to be booked",
    "appointment_cancel_opened": "Started cancelling a visit with {them}",
    "appointment_cancelled": "Cancelled a visit with {them}",
    "contact_form_opened": "Started recording a contact with {them}",
    "contact_recorded": "Recorded a contact with {them}",
    # A worker thinking back on a contact, for their own practice (alongside/reflection): what they wrote is theirs
    "reflection_opened": "Opened a contact with {them} to think back on how it went",
    "reflection_written": "Thought back on how a contact with {them} went, to learn from it",
    # MDT meetings (issue 16)
    "mdt_meeting": "Looked at a team meeting (MDT) where {they_lower} were discussed",
    "mdt_agenda_opened": "Looked at the agenda of a team meeting (MDT) that discusses {them}",
    "mdt_suggestions_listed": "Saw {their} name suggested for a team meeting (MDT)",
    # The virtual ward's board and day's visits (issue 17)
    "ward_board_viewed": "Saw {their} name on the virtual ward's board",
    "api_ward_board_viewed": "Saw {their} name on the virtual ward's board, through the API",
    "ward_visits_viewed": "Saw {their} name in the virtual ward's visits for a day",
    "ward_visit_opened": "Opened a visit or call to {them} from the virtual ward, to record it",
    "ward_visit_recorded": "Recorded a visit or call to {them} from the virtual ward",
    "mdt_suggestion_added": "Added {them} to a team meeting's agenda (MDT), as suggested",
    "mdt_item_added": "Added {them} to a team meeting's agenda (MDT)",
    "mdt_item_moved": "Moved the part of a team meeting (MDT) about {them}",
    "mdt_item_timed": "Changed how long a team meeting (MDT) has to talk about {them}",
    "mdt_volunteers_first": "Put the parts of a team meeting (MDT) with volunteers first, {their} part among them",
    "mdt_add_opened": "Opened {their} details to add {them} to a team meeting (MDT)",
    "mdt_people_found": "Saw {their} name while adding someone to a team meeting (MDT)",
    "mdt_invite_opened": "Opened the part of a team meeting (MDT) about {them} to invite someone",
    "mdt_invited": "Invited someone to the part of a team meeting (MDT) about {them}",
    "mdt_invitations_listed": "Saw the part of a team meeting (MDT) about {them} they were invited to",
    "mdt_meeting_run": "Ran the team meeting (MDT) that discussed {them}",
    "mdt_item_noted": "Wrote notes of the team meeting (MDT) about {them}",
    "mdt_action_agreed": "Agreed an action about {them} at a team meeting (MDT)",
    "mdt_finish_opened": "Checked the notes about {them} before finishing a team meeting (MDT)",
    "mdt_minutes_written": "Wrote the notes of a team meeting (MDT) about {them} to {their} timeline",
    "mdt_item_opened": "Looked at the part of a team meeting (MDT) about {them}",
    "mdt_actions_listed": "Saw an action from a team meeting (MDT) about {them}",
    "mdt_action_opened": "Looked at an action from a team meeting (MDT) about {them}",
    "mdt_action_opened_to_complete": "Opened an action from a team meeting (MDT) about {them} to complete it",
    "mdt_action_done": "Completed an action from a team meeting (MDT) about {them}",
    "mdt_action_overdue_reminded": "Was reminded of an overdue action from a team meeting (MDT) about {them}",
    "mdt_action_as_referral_start": "Referred {them} to a community service from a team meeting (MDT) action",
    "api_mdt_items_listed": "Saw the part of a team meeting (MDT) about {them} through a connected system",
    "ward_refer_opened": "Opened the page to refer {them} to the virtual ward",
    "ward_referral_made": "Referred {them} to the virtual ward",
    "ward_referrals_listed": "Saw {their} referral to the virtual ward in the list waiting",
    "ward_referral_opened": "Looked at {their} referral to the virtual ward",
    "ward_referral_opened_to_decide": "Opened {their} referral to the virtual ward to decide on it",
    "ward_referral_decided": "Decided on {their} referral to the virtual ward",
    "ward_referral_closed_by_update": "Closed {their} second waiting referral to a virtual ward (one ward at a time)",
    "ward_referral_opened_to_admit": "Opened {their} referral to the virtual ward to admit {them} to a bed",
    "ward_admitted": "Admitted {them} to a bed on the virtual ward",
    "ward_episode_opened": "Looked at {their} stay on the virtual ward",
    "ward_episode_on_record": "Saw {their} stay on the virtual ward on {their} record",
    "ward_referrals_on_home": "Saw what became of {their} referral to the virtual ward on the home page",
    "ward_episode_on_home": "Saw {their} stay on the virtual ward on the home page",
    "ward_episode_opened_to_plan": "Opened {their} stay on the virtual ward to add to the plan",
    "ward_plan_added": "Added a visit, call or readings to {their} plan on the virtual ward",
    "ward_episode_opened_to_extend": "Opened {their} stay on the virtual ward to make it longer",
    "ward_episode_extended": "Made {their} stay on the virtual ward longer",
    "ward_episode_opened_to_end": "Opened {their} stay on the virtual ward to end it",
    "ward_episode_ended": "Ended {their} stay on the virtual ward",
    "api_ward_episodes_listed": "Saw {their} stay on the virtual ward, or referral to it, through a connected system",
    "concern_closed_by_mdt": "Answered a worry about {them} with what a team meeting (MDT) did",
    "concern_news_from_mdt": "Passed on news from a team meeting (MDT) about a worry about {them}",
    "referral_mdt_flag_viewed": "Looked at whether a team meeting (MDT) should discuss {them}",
    "continuity_facts_opened": "Opened {their} continuity details to update them",
    "continuity_facts_saved": "Updated {their} continuity details",
    "continuity_measures_viewed": "Looked at how well {their} care has kept the same people",
    "continuity_priority_listed": "Saw {their} name in a list of people to see soon",
    "named_worker_change_form_opened": "Started asking for a different named worker for {them}",
    "named_worker_change_asked": "Asked for a different named worker for {them}",
    "named_worker_change_opened": "Opened a request for a different named worker for {them}",
    "named_worker_change_answered": "Answered a request for a different named worker for {them}",
    "named_worker_changes_listed": "Saw a request about {their} named worker in a list",
    "named_worker_review_opened": "Started choosing a named worker for {them}",
    "named_worker_reviewed": "Chose a named worker for {them}",
    "named_worker_handover_listed": "Saw {their} name among the people whose named worker is leaving",
    "audit_person_candidates": "Saw {their} name while searching the list of who has seen records",
    "api_search_result": "Saw {their} name in a search through a connected system",
    "person_created_from_referral": "Started {their} record from a referral",
    "referral_story_offer_answered": "Answered whether to add a referral's words to {their} story",
    "referral_viewed": "Looked at a referral about {them}",
    "referral_viewed_api": "Looked at a referral about {them} through a connected system",
    "referral_draft_viewed": "Looked at a referral about {them} that was being written",
    "referral_draft_saved": "Saved a referral about {them} to finish later",
    "referral_decision_viewed": "Opened a referral about {them} to decide on it",
    "referral_matching_viewed": "Checked whether a referral was about {them}",
    "referral_allocation_viewed": "Opened a referral about {them} to give {them} a named worker",
    "referral_close_viewed": "Opened a referral about {them} to close it",
    "referral_received": "Received a referral about {them}",
    "referral_submit": "Sent a referral about {them}",
    "referral_confirm_person": "Confirmed who a referral was about",
    "referral_accept": "Accepted a referral about {them}",
    "referral_redirect": "Sent a referral about {them} to another service",
    "referral_decline": "Declined a referral about {them}",
    "referral_allocate": "Gave {them} a named worker from a referral",
    "referral_close": "Closed a referral about {them}",
    "referral_listed_api": "Saw a referral about {them} in a list through a connected system",
    "referral_listed_by_referrer": "Saw a referral about {them} in a list of referrals they made",
    "referral_listed_for_team": "Saw a referral about {them} in the team's list",
    "referral_listed_for_service": "Saw a referral about {them} in the list of a service that helps people",
    "referral_listed_on_home": "Saw a referral about {them} on their home page",
    "referral_started_from_record": "Started a referral for {them} from {their} record",
    "referral_answer_viewed": "Opened a referral about {them} to answer it for their service",
    "referral_take_on": "Took {them} on at their service, from a referral",
    "referral_hand_back": "Handed a referral about {them} back to the single point of access",
    "referral_queue_viewed": "Saw a referral about {them} in the list waiting for a decision",
    # Referring to a community service (alongside/directory, the referring part)
    "community_referral_choose": "Started choosing a community service to refer {them} to",
    "community_referral_new": "Started writing a referral for {them} to a community service",
    "community_referral_send": "Opened {their} record to refer {them} to a community service",
    "community_referral_sent": "Referred {them} to a community service",
    "community_referral_shown_to_service": "Read the referral about {them}, for the community service it was sent to",
    "community_referral_answered": "Answered the referral about {them}, for the community service it was sent to",
    "community_referral_reminded": "Reminded a community service to answer the referral about {them}",
    "community_referral_opened": "Looked at a referral about {them} to a community service",
    "community_referral_new_link": "Sent a community service a new link to the referral about {them}",
    "community_referrals_listed": "Saw a referral about {them} to a community service on their home page",
    # Worries from volunteers (alongside/concerns)
    "concern_clients_listed": "Saw {their} name in a list of people to pass on a worry about",
    "concern_allocations_listed": "Saw {their} name in a list of people that volunteers visit",
    "concern_raise": "Started passing on a worry about {them}",
    "concern_raised": "Passed on a worry about {them}",
    "concern_sent_viewed": "Looked at a worry about {them} just after passing it on",
    "concern_viewed": "Looked at a worry about {them}",
    "concern_viewed_api": "Looked at a worry about {them} through a connected system",
    "concern_listed_api": "Saw a worry about {them} in a list through a connected system",
    "concern_home_listed": "Saw a worry about {them} on their home page",
    "concern_queue_listed": "Saw a worry about {them} in the list waiting for an answer",
    "concern_reroute_opened": "Opened a worry about {them} to send it another way",
    "concern_reroute_saved": "Sent a worry about {them} another way",
    "concern_answer_opened": "Opened a worry about {them} to answer it",
    "concern_close": "Answered a worry about {them}",
    "concern_closed": "Answered a worry about {them}",
    "concern_outcome_opened": "Looked at the answer to a worry about {them}",
    "concern_reply": "Replied to the answer to a worry about {them}",
    "concern_overdue_reminded": "Reminded someone that a worry about {them} needs an answer",
    "volunteer_concerns_listed": "Saw what happened to a worry about {them}",
    "open_loops_listed": "Saw a worry about {them} in a volunteer hub's list of worries",
    # Volunteers (alongside/volunteers)
    "volunteer_request_form_opened": "Started asking for a volunteer to visit {them}",
    "volunteer_requested": "Asked for a volunteer to visit {them}",
    "volunteer_requests_listed": "Saw a request for a volunteer for {them} in a list",
    "volunteer_matches_viewed": "Looked at which volunteers could visit {them}",
    "api_volunteer_matches": "Looked at which volunteers could visit {them} through a connected system",
    "volunteer_allocation_opened": "Started choosing a volunteer to visit {them}",
    "volunteer_end_opened": "Started ending {their} visits from a volunteer",
    "volunteer_clients_listed": "Saw {their} name in the list of people a volunteer visits",
    # Seeing the same people (alongside/continuity)
    "full_caseload_listed": "Saw {their} name in a caseload",
    "session_asked": "Asked {their} named worker for a visit",
    "visit_times_opened": "Opened the times that suit {them} for visits to change them",
    "visit_times_saved": "Changed the times that suit {them} for visits",
    # Reviews on the virtual ward (alongside/virtual_ward, reviews part)
    "ward_review_opened": "Started recording a check of {their} health on the virtual ward",
    "ward_review_recorded": "Recorded a check of {their} health on the virtual ward, with {their} score",
    "api_ward_review_recorded": "Recorded a check of {their} health on the virtual ward through a connected system",
    "ward_reviews_viewed": "Looked at the checks of {their} health on the virtual ward",
    "api_ward_reviews_viewed": "Looked at the checks of {their} health on the virtual ward through a connected system",
}
SOMETHING_ELSE = "Used {their} record"

# What was done that is not about one person's record, for information governance.
ABOUT_THE_SERVICE: dict[str, str] = {
    "signed_in": "Signed in",
    "signed_out": "Signed out",
    "signed_out_idle": "Signed out after a time without use",
    "sign_in_failed": "Tried to sign in, but the password was wrong",
    "second_factor_failed": "Tried to sign in, but the authenticator code was wrong",
    "sign_in_rate_limited": "Was stopped from trying to sign in again for a while",
    "sign_in_failures_alerted": "Information governance was told about many failed sign-ins",
    "rate_limited": "Was stopped for making too many requests",
    "audit_searched": "Searched the audit",
    "break_glass_alerted": "Information governance was told about a use of break-glass",
    "break_glass_no_match": "Used break-glass, but the details matched no one",
    "break_glass_queue_viewed": "Looked at the break-glass reviews",
    "organisation_created": "Added an organisation",
    "organisation_updated": "Changed an organisation's details",
    "team_created": "Added a team",
    "team_updated": "Changed a team's details",
    "membership_started": "Added someone to a team",
    "membership_ended": "Ended someone's membership of a team",
    "user_account_created": "Added a user account",
    "password_link_made": "Made a link for someone to set their password",
    "continuity_dashboard_viewed": "Looked at the continuity dashboard",
    "team_outcomes_viewed": "Looked at the team's outcomes",
    "continuity_priorities_refreshed": "Worked out again who to see first",
    "slots_added": "Added times for visits",
    "triage_summary_sent": "Sent the daily summary of referrals",
    "referral_received": "Received a referral",
    "referral_draft_saved": "Saved a referral to finish later",
    "directory_check_reminders_sent": "Reminded people to check their services in the directory",
    "concern_route_saved": "Changed how a volunteer hub passes on worries",
    "concerns_overdue_reminded": "Reminded people about worries from volunteers that need an answer",
    "volunteer_profile_opened": "Looked at a volunteer's profile",
    "volunteer_profile_saved": "Changed a volunteer's profile",
    "volunteer_agreement_signed": "Signed the volunteers' agreement",
    "volunteer_check_recorded": "Recorded a volunteer's check",
    "volunteer_training_recorded": "Recorded a volunteer's training",
    "volunteer_reminders_sent": "Reminded volunteers about checks and training running out",
    "idea_sent": "Sent an idea to a volunteer hub",
    "peer_session_recorded": "Recorded a peer support session",
    "peer_session_changed": "Changed the record of a peer support session",
    "continuity_figures_worked_out": "Worked out the continuity figures",
    "directory_report_exported": "Downloaded the report on referrals to community services",
    "virtual_ward_figures_viewed": "Looked at a virtual ward's figures",
    "virtual_ward_figures_exported": "Downloaded a virtual ward's figures",
    "language_wording_changed": "Changed the list of words that carry hope",
    "mdt_meeting_planned": "Planned a team meeting (MDT)",
    "mdt_plan_opened": "Opened the page to plan a team meeting (MDT)",
    "mdt_actions_overdue_reminded": "Reminded owners of overdue actions from team meetings (MDT)",
    "outcomes_link_drafts_removed": "Removed answers kept from questionnaire links that can no longer be used",
    "ward_day_beds_opened": "Opened the page to set the virtual ward's beds for a day",
    "ward_day_beds_set": "Set the virtual ward's beds for a day",
    "ward_visits_planned": "Chose the nurses for a day's visits and calls on the virtual ward",
    "ward_settings_viewed": "Looked at a virtual ward's settings",
    "ward_settings_opened": "Opened the page to change a virtual ward's settings",
    "ward_settings_changed": "Changed a virtual ward's settings",
    # How teams reflect and improve (issue 18): standards. Its actions go under this line.
    "standards_rated": "Rated one of the team's standards for a quarter",
    "standards_cycle_shared": "Shared the team's standards ratings for stakeholders to check",
    "standards_link_made": "Made a link for a stakeholder to check the team's standards ratings",
    "standards_link_opened": "A stakeholder opened their link to check a team's standards ratings",
    "standards_checked": "A stakeholder agreed with or challenged a team's standards ratings",
    "standards_challenge_answered": "Answered a stakeholder's challenge to one of the team's standards ratings",
    "standards_set_added": "Added a set of standards for the organisation's teams",
    #
    # How teams reflect and improve (issue 18): service_environment. Its actions go under this line.
    "environment_round_opened": "Opened a round of the team's service environment audit",
    "environment_round_closed": "Closed a round of the team's service environment audit",
    "environment_answers_saved": "Saved their answers to the team's service environment audit",
    "environment_link_made": "Made a one-time link for someone to answer the team's service environment audit",
    "environment_answered_by_link": "Someone who uses the service answered the team's service environment audit",
    #
    # How teams reflect and improve (issue 18): climate. Its actions go under this line.
    "climate_pulse_answered": "Answered the team climate pulse",
    "climate_questions_chosen": "Chose the questions for the team climate pulse",
    "climate_session_planned": "Planned a reflective dialogue session for the team",
    "climate_session_recorded": "Recorded whether a team's reflective dialogue session happened, and its themes",
    "climate_session_changed": "Changed a team's planned reflective dialogue session",
    "climate_session_cancelled": "Cancelled a team's planned reflective dialogue session",
    #
    # How teams reflect and improve (issue 18): supervision. Its actions go under this line.
    "reflective_session_changed": "Changed a team reflective practice session's day, leader, themes or who came",
    "supervision_booked": "Booked a supervision session in protected time",
    "supervision_recorded": "Said whether a supervision session happened",
    "supervision_moved": "Moved a supervision session, saying why",
    "reflective_session_recorded": "Recorded a team reflective practice session",
    #
    # How teams reflect and improve (issue 18): training. Its actions go under this line.
    "training_record_corrected": "Put right the day a training course was finished",
    "training_record_deleted": "Took away a training record entered by mistake",
    "training_course_retired": "Retired a training course, so the organisation no longer offers it",
    "training_recorded": "Recorded a training course someone finished",
    "training_course_added": "Added a training course for the organisation",
    #
    # How teams reflect and improve (issue 18): narratives. Its actions go under this line.
    "narratives_story_checked": "Checked a story of lived experience was safe to share beyond the team",
    "narratives_story_recorded": "Wrote down a story of lived experience, with the teller's consent",
    "narratives_story_prepared": "Took names out of a story of lived experience and added its themes",
    "narratives_story_withdrawn": "Withdrew a story of lived experience (its words were deleted)",
    "narratives_session_planned": "Planned a learning session to share stories of lived experience",
    #
    # How teams reflect and improve (issue 18): representation. Its actions go under this line.
    "representation_event_cancelled": "Cancelled an event across the partnership and said why",
    "representation_event_changed": "Changed the name, kind, date or place of an event across the partnership",
    "representation_event_added": "Added an event across the partnership and chose the teams asked to it",
    "representation_rota_changed": "Changed who goes from a team to an event",
    "representation_attendance_recorded": "Recorded who went to an event from a team",
    "representation_note_written": "Wrote a note for the team after an event",
    "representation_cannot_go": "Said they cannot go to an event",
    "representation_can_go": "Said they can go to an event after all",
    #
    # Ready to run for real (issue 19) part A: the server. Its actions go under this line.
    #
    # Ready to run for real (issue 19) part B: operations. Its actions go under this line.
    #
    # Ready to run for real (issue 19) part C: the worker. Its actions go under this line.
    #
    # Ready to run for real (issue 19) part D: sign-in through OpenID Connect. Its actions go under this line.
    "oidc_sign_in_refused": "Was refused sign-in through NHS Care Identity (not linked, or no second step)",
    "oidc_identity_linked": "Linked an NHS Care Identity to a user account",
    "oidc_identity_unlinked": "Unlinked an NHS Care Identity from a user account",
    #
    # Ready to run for real (issue 19) part E: backups. Its actions go under this line.
    "database_restored": "Put the whole database back as a backup had it: what came after the backup is not here",
    #
    # Ready to run for real (issue 19) part G: a person id on each table of a person's data. Its actions go here.
    #
}
REFUSED = "Not allowed: {what}"

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
    "registered practice": "Works at {their} GP practice",
    "receiving service": "The service a referral for {them} was passed to",
    "raised the concern": "The volunteer who passed on a worry about {them}",
    "volunteer hub": "Coordinates the volunteers who visit {them}",
    "concern route": "The team leader a volunteer's worry about {them} was phoned through to",
    "MDT member": "A member of the team meeting that discussed {them} (MDT)",
    "invited to the MDT item": "Invited to the part of a team meeting about {them} (MDT)",
    "virtual ward team": "The virtual ward team caring for {them} at home",
}
IG_ACTIONS = frozenset(
    {"break_glass_review_opened", "break_glass_reviewed", "audit_searched", "audit_person_candidates"}
)
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


def action_in_words(action: str, about_a_person: bool) -> str:
    """Any audit action, for information governance: never the code itself. A refusal says what was tried; an
    action no phrase knows yet is read out of its code ("slots_added": "Slots added")."""
    if action.startswith("denied:"):
        tried = action_in_words(action.removeprefix("denied:"), about_a_person)
        return REFUSED.format(what=tried[:1].lower() + tried[1:])
    if about_a_person and action in WHAT:
        return what(action, ABOUT_SOMEONE)
    if action in ABOUT_THE_SERVICE:
        return ABOUT_THE_SERVICE[action]
    if action in WHAT:
        return what(action, ABOUT_SOMEONE)
    return _read_out(action)


def basis_in_words(action: str, basis: str, about_a_person: bool) -> str:
    """Why the user could, for information governance: the basis in words, or nothing when no person is involved."""
    if basis in WHY:
        return WHY[basis].format(**ABOUT_SOMEONE)
    if action.startswith("denied:"):
        return "Not allowed"
    if action in IG_ACTIONS:
        return IG_CHECK
    if not about_a_person:
        return ""
    return _read_out(basis) if basis else NOT_RECORDED


def _read_out(code: str) -> str:
    words = code.replace("_", " ").replace(":", " ").strip()
    return words[:1].upper() + words[1:] if words else NOT_RECORDED


def why(action: str, basis: str, words: dict[str, str]) -> str:
    if basis in WHY:
        return WHY[basis].format(**words)
    return IG_CHECK if action in IG_ACTIONS else NOT_RECORDED


# A user's part in the person's care, as the person knows it: "Sam Okoro, your named worker".
PART_IN_CARE: dict[str, str] = {
    "named_worker": "{their} named worker",
    "care_team": "in {their} care team",
    "volunteer": "{their} volunteer",
    "proxy": "acting for {them}",
}


def part_in_care(kind: str | None, words: dict[str, str]) -> str:
    return PART_IN_CARE[kind].format(**words) if kind in PART_IN_CARE else ""


def times(n: int) -> str:
    """ " twice", " 3 times": how often, after a phrase; nothing for once."""
    return "" if n == 1 else " twice" if n == 2 else f" {n} times"


def visit_in_words(actions: list[tuple[str, int]], words: dict[str, str]) -> str:
    """What was done in one visit, in one sentence: "Looked at your record 3 times and updated your story"."""
    phrases = [what(action, words) + times(n) for action, n in actions]
    phrases = [phrases[0], *(p[:1].lower() + p[1:] for p in phrases[1:])]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def day_in_words(moment) -> str:
    """ "Tuesday 3 March 2026"."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def when_in_words(first, last) -> str:
    """ "Tuesday 3 March 2026, 09:10", or "..., 09:10 to 09:40" for a visit of more than a minute."""
    start = f"{day_in_words(first)}, {first:%H:%M}"
    if f"{first:%H:%M}" == f"{last:%H:%M}" and first.date() == last.date():
        return start
    if first.date() == last.date():
        return f"{start} to {last:%H:%M}"
    return f"{start} to {day_in_words(last)}, {last:%H:%M}"


def roles_in_words(roles: str) -> str:
    """The comma-joined role codes an audit event keeps, as the role names people know."""
    return ", ".join(ROLE_LABELS.get(r, r) for r in roles.split(",") if r and r != "person") or ""
