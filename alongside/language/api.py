"""The JSON API for plain words and words that carry hope (issue 16, item 7). Any signed-in caller, whatever their
role, may use both: they touch no one's record, so nothing is audited.

- POST /language/check {"text": ...}: the words-that-carry-hope check of the text, with the administrators'
  changes (`rules.in_force`): {"suggestions": [{"start", "end", "term", "suggestion", "why"}]}, offsets into the
  text sent (Python string offsets: Unicode code points), end exclusive.
- POST /language/expand {"text": ...}: the text with known abbreviations written out for a reader who is not a
  clinician, with the caller's area's own terms (`rules.local_terms_for`): {"text": ...}.

A body that is not a JSON object answers 400; text missing, not a string, longer than MAX_TEXT characters or holding
a null character answers 422 with one plain sentence in "detail".
"""

import json

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core.api_errors import Message, responses

from . import checking, expanding, rules

router = Router(tags=["language"])

MAX_TEXT = 50_000
NOT_JSON = 'Send a JSON object with the text in "text", like {"text": "Seen at home today."}.'
NO_TEXT = 'Send the words in "text", like {"text": "Seen at home today."}.'
NOT_TEXT = 'Send "text" as a string of words, in double quotes.'
TOO_LONG = f"The text is too long: send at most {MAX_TEXT:,} characters at a time, in parts if need be."
NUL = 'Remove the null character (\\u0000) from "text".'


class SuggestionOut(Schema):
    start: int = Field(description="Where the term begins in the text sent (a character offset)")
    end: int = Field(description="Where it ends, exclusive")
    term: str = Field(description="The words as written")
    suggestion: str = Field(description="What to write instead")
    why: str = Field(description="Why, in a short plain sentence")


class CheckOut(Schema):
    suggestions: list[SuggestionOut]


class ExpandOut(Schema):
    text: str = Field(description="The text with known abbreviations written out, as: the words (ABBR)")


def _body_schema(what: str) -> dict:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            "text": {
                                "type": "string",
                                "maxLength": MAX_TEXT,
                                "pattern": r"^[^\u0000]*$",
                                "description": what,
                            }
                        },
                    }
                }
            },
        },
        "responses": {
            400: {"description": "A body that is not a JSON object"},
            422: {"description": "No text, text that is not a string, or text too long"},
        },
    }


def _text(request) -> str:
    try:
        body = json.loads(request.body or b"", parse_constant=_refuse)
    except ValueError:
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    if "text" not in body or body["text"] is None:
        raise HttpError(422, NO_TEXT)
    text = body["text"]
    if not isinstance(text, str):
        raise HttpError(422, NOT_TEXT)
    if len(text) > MAX_TEXT:
        raise HttpError(422, TOO_LONG)
    if "\x00" in text:
        raise HttpError(422, NUL)
    return text


def _refuse(constant):
    raise ValueError(constant)  # NaN and Infinity are not JSON


@router.post(
    "/language/check",
    response=responses({200: CheckOut, 400: Message, 422: Message}),
    openapi_extra=_body_schema("The words to check, as written"),
    summary="Check text for words that do not carry hope",
    description=(
        "Each stigmatising or deficit term found, with where it is in the text, a person-first suggestion and a "
        "short reason. Clinical senses (heart failure, alcoholic liver disease) are not flagged. It only offers: "
        "nothing is saved or blocked."
    ),
)
def check_language(request):
    text = _text(request)
    found = checking.suggestions(text, rules.in_force())
    return {"suggestions": [vars(s) for s in found]}


@router.post(
    "/language/expand",
    response=responses({200: ExpandOut, 400: Message, 422: Message}),
    openapi_extra=_body_schema("The words to write out abbreviations in"),
    summary="Write out abbreviations for a reader who is not a clinician",
    description=(
        "Each known abbreviation as \"the words (ABBR)\", with the caller's area's own terms (the neighbourhood of "
        "their first team) winning over the glossary. Abbreviations that could mean more than one thing are left "
        "as written, and so is anything in a web or email address."
    ),
)
def expand_language(request):
    text = _text(request)
    return {"text": expanding.expand(text, rules.local_terms_for(request))}
