"""The person page's "Sharing choices" section, for those who may read the person's consent choices."""

from .wording import category_labels


def sharing_choices(request, record) -> dict | None:
    if record.provisions is None:
        return None
    return {"provisions": record.provisions, "category_labels": category_labels}
