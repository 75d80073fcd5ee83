"""Thin views behind the knowledge index's routes (see KnowledgeIndexPage)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from knowledge import selectors, services
from knowledge.filters import ArticleFilter
from knowledge.forms import SubscriptionForm
from knowledge.models import TopicSubscription
from portal.guards import PRIVATE, private_for_members, requires

PAGE_SIZE = 20


@private_for_members(cache=PRIVATE)
def index(request, *, index_page):
    filterset = ArticleFilter(
        request.GET or None,
        queryset=selectors.articles(user=request.user, index_page=index_page),
    )
    filtered = filterset.is_filtered()
    # get_page turns page=abc into page 1 and page=999 into the last page: never an error.
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = index_page.get_context(request)
    context.update(
        {
            "form": filterset.form,
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "is_filtered": filtered,
            "query_string": query.urlencode(),
            "newest_legal_changes": []
            if page_obj.number > 1 or filtered
            else selectors.newest_legal_changes(user=request.user, index_page=index_page),
            "feed_url": index_page.url + "feed/",
            "glossary_url": index_page.url + "glossar/",
        }
    )
    return TemplateResponse(request, "knowledge/knowledge_index_page.html", context)


def glossary(request, *, index_page):
    context = index_page.get_context(request)
    context.update(
        {"terms": list(selectors.glossary_terms()), "feed_url": index_page.url + "feed/"}
    )
    return TemplateResponse(request, "knowledge/glossary.html", context)


@requires(cache=PRIVATE)
def subscriptions(request, *, index_page):
    current = list(TopicSubscription.objects.filter(user=request.user).select_related("topic"))
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            services.subscriptions_set(
                user=request.user,
                topics=form.cleaned_data["topics"],
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(request, _("Your subscriptions have been saved."))
            return redirect(request.path)
    else:
        form = SubscriptionForm(
            initial={
                "topics": [s.topic for s in current],
                "frequency": current[0].frequency
                if current
                else TopicSubscription.Frequency.WEEKLY,
            }
        )
    context = index_page.get_context(request)
    context.update({"form": form, "subscriptions": current})
    return TemplateResponse(request, "knowledge/subscriptions.html", context)


def unsubscribe(request, *, index_page, token):
    """One button, no login: GET shows it (so that link scanners in mail systems cannot
    unsubscribe anybody), POST does it. A tampered token gets a 404 page that says so."""
    context = index_page.get_context(request)
    if request.method == "POST":
        removed = services.unsubscribe(token=token)
        if removed is None:
            return TemplateResponse(
                request, "knowledge/unsubscribe_invalid.html", context, status=404
            )
        context["done"] = True
        return TemplateResponse(request, "knowledge/unsubscribe.html", context)
    if not services.token_is_valid(token=token):
        return TemplateResponse(request, "knowledge/unsubscribe_invalid.html", context, status=404)
    return TemplateResponse(request, "knowledge/unsubscribe.html", context)
