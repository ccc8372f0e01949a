"""What the booking pages and the person page read of the best times to visit someone, as `visit_times.Preferred`.

Reading them is a read of the person's communication needs; the pages that show them already audit opening the
record or listing the people, so these reads only fetch.
"""

from .models import VisitTimes
from .visit_times import Preferred


def preferred(record: VisitTimes | None) -> Preferred:
    if record is None:
        return Preferred()
    return Preferred(days=frozenset(record.days), parts=frozenset(record.parts), words=record.words)


def visit_times_of(person) -> VisitTimes | None:
    """The person's best times to visit, as recorded, or None. One query."""
    return VisitTimes.objects.filter(person=person).select_related("updated_by").first()


def preferred_of_people(person_ids) -> dict[int, Preferred]:
    """Each person's best times to visit, for those who said. One query, however many people."""
    return {r.person_id: preferred(r) for r in VisitTimes.objects.filter(person_id__in=list(person_ids))}
