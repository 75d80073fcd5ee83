"""The offers' section page. An installation in use (its home page has children) gets it below
each site's home page at ``/angebote/``, where the search has always been, so that its search and
navigation link stay. A fresh database gets it like every other section page: from load_demo or
from an editor."""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

SLUG = "angebote"
TITLE = "Stellen und Kurse"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, 4 characters a step
STEPLEN = 4


def _next_child_path(Page, parent) -> str:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def create_offers_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    OffersIndexPage = apps.get_model("offers.OffersIndexPage")
    home_type = ContentType.objects.filter(app_label="portal", model="homepage").first()
    if home_type is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="offers", model="offersindexpage")
    now = timezone.now()
    for site in Site.objects.select_related("root_page"):
        home = site.root_page
        if home.content_type_id != home_type.pk or home.numchild == 0:
            continue
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=SLUG).exists():
            continue  # a page already answers at /angebote/; an editor can change its type
        OffersIndexPage.objects.create(
            title=TITLE,
            draft_title=TITLE,
            slug=SLUG,
            content_type=page_type,
            path=_next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{SLUG}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            show_in_menus=True,
            first_published_at=now,
            last_published_at=now,
        )
        Page.objects.filter(pk=home.pk).update(numchild=models.F("numchild") + 1)


def remove_offers_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    page_type = ContentType.objects.filter(app_label="offers", model="offersindexpage").first()
    if page_type is None:
        return
    for page in Page.objects.filter(content_type=page_type):
        parent_path = page.path[:-STEPLEN]
        Page.objects.filter(path=parent_path).update(numchild=models.F("numchild") - 1)
        Page.objects.filter(path__startswith=page.path).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0003_measure_mode_choices_of_events'),
        ('portal', '0002_create_homepage'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='OffersIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
            ],
            options={
                'verbose_name': 'offers index',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.RunPython(create_offers_index, remove_offers_index),
    ]
