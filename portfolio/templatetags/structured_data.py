from django import template
from django.utils.safestring import mark_safe

from portfolio.structured_data import person, script_json

register = template.Library()


@register.simple_tag
def person_json_ld(profile, language):
    """The owner as a JSON-LD `<script>`, or nothing before there is a profile."""
    data = person(profile, language=language)
    if data is None:
        return ""
    # script_json escapes <, > and &, so the text cannot leave the element.
    return mark_safe(f'<script type="application/ld+json">{script_json(data)}</script>')  # noqa: S308
