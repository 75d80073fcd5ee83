"""Thin views of the directory; reads in ``directory.selectors``, access via ``portal.access``."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from directory.models import Organisation


def organisation_detail(request, slug: str):
    organisation = get_object_or_404(Organisation.objects.active(), slug=slug)
    if organisation is None:
        raise Http404
    return TemplateResponse(
        request, "directory/organisation_detail.html", {"organisation": organisation}
    )
