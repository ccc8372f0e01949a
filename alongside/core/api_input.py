"""What the JSON API takes in, the same for every capability's operations.

- Text. PostgreSQL cannot store the null character (U+0000), so `text(...)` refuses text holding one with a message
  saying so, before it reaches the database; required text must also hold more than spaces. The OpenAPI
  description says both with a pattern.
- Pages. `limit` is 1 to 100 and `offset` 0 to the largest PostgreSQL integer, so that no page asks the database
  for a number it cannot hold.
- Bodies read by hand (to give a specific message per field) are still described in the OpenAPI: `body_schema`.
"""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

NUL_FOUND = "Remove the null character (\\u0000) from this text: Alongside cannot store it"
ANY_TEXT = r"^[^\u0000]*$"  # no null character
SOME_TEXT = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"  # no null character, and more than spaces

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 2_147_483_647  # the largest PostgreSQL integer


def refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("null_character", NUL_FOUND)
    return value


class Keywords:
    """JSON-schema keywords for a rule that a validator enforces with its own message (a pattern, a format)."""

    def __init__(self, **keywords):
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema, handler):
        return {**handler(core_schema), **self.keywords}


def text(max_length: int, *, required: bool = False, **keywords):
    """Text of at most `max_length` characters, with no null character; `required`: more than spaces, too.

    `keywords` add to its JSON schema, or replace its pattern, for rules that a validator checks (a format, say).
    """
    keywords = {"pattern": SOME_TEXT if required else ANY_TEXT, **keywords}
    return Annotated[str, Field(max_length=max_length), AfterValidator(refuse_nul), Keywords(**keywords)]


class PageQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"How many to return, 1 to {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many to skip, for the next page")


def body_schema(model: type[Schema]) -> dict:
    """A body model's JSON schema with any $defs written in place, to stand alone inside the OpenAPI document."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                target = defs[node["$ref"].rsplit("/", 1)[-1]]
                return resolve({**target, **{k: v for k, v in node.items() if k != "$ref"}})
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)
