"""Replace Wagtail's placeholder page with the portal's home page, so that a fresh install (with or
without the demo) has a working site root."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("portal.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    home = HomePage.objects.create(
        title="Integration Point", draft_title="Integration Point", slug="home",
        content_type=home_type, path="00010001", depth=2, numchild=0, url_path="/home/",
        locale=Locale.objects.get_or_create(language_code="de")[0],
    )
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                        site_name="ipnetz")


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("portal.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
