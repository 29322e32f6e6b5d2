from __future__ import annotations

from django import template

from tipline.bilingual import BilingualMixin

register = template.Library()


@register.filter
def local(obj: BilingualMixin, field: str) -> str:
    """`{{ notice|local:"title" }}`: the field in the page's language, else the other one."""
    return obj.local(field)
