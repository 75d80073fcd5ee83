"""Seed the occupational fields (Berufsfelder) the offer form needs from the first day, and give
the Editors group the offers models in the admin. Editors extend the list afterwards; running
this again changes nothing (keyed by slug)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FIELDS = [
    # name, slug, keywords
    ("Handwerk", "handwerk", "tischler, schreiner, maler, lackierer, maurer, zimmerer, dachdecker, "
     "fliesenleger, raumausstatter, glaser, metallbau, tischlerei, handwerk"),
    ("Elektro und Anlagentechnik", "elektro", "elektro, elektriker, elektroniker, "
     "anlagenmechaniker, shk, sanitär, heizung, mechatroniker für kältetechnik"),
    ("Kfz und Mechatronik", "kfz", "kfz, kraftfahrzeug, mechatroniker, karosserie, zweirad, "
     "autohaus, werkstatt"),
    ("Metall und Produktion", "produktion", "produktion, maschinen, industriemechaniker, "
     "zerspanung, schweißer, fertigung, montage, maschinenbediener, verfahrensmechaniker"),
    ("Lager und Logistik", "logistik", "lager, logistik, kommissionier, staplerfahrer, "
     "berufskraftfahrer, fahrer, versand, zusteller"),
    ("Pflege und Gesundheit", "pflege", "pflege, pflegehelfer, pflegefachkraft, altenpflege, "
     "krankenpflege, medizinische fachangestellte, mfa, zahnmedizin, gesundheit"),
    ("Gastronomie und Hotel", "gastronomie", "koch, köchin, küche, servicekraft, restaurant, "
     "hotel, gastronomie, systemgastronomie, beikoch"),
    ("Lebensmittelhandwerk", "lebensmittel", "bäckerhandwerk, bäcker, konditor, fleischer, "
     "metzger, lebensmittel"),
    ("Handel und Verkauf", "handel", "verkauf, verkäufer, einzelhandel, kassierer, "
     "kaufmann im einzelhandel, filiale, handel"),
    ("Büro und Verwaltung", "buero", "büro, verwaltung, kaufmann für büromanagement, "
     "sachbearbeitung, buchhaltung, empfang"),
    ("IT und Technik", "it", "it, fachinformatiker, informatik, software, technik"),
    ("Bau und Ausbau", "bau", "bau, tiefbau, hochbau, bauhelfer, straßenbau, gleisbau"),
    ("Garten, Landschaft, Landwirtschaft", "gruen", "gartenbau, garten, landschaft, gärtner, "
     "landwirt, forst, tierpflege"),
    ("Reinigung und Gebäudeservice", "reinigung", "reinigung, gebäudereiniger, hausmeister, "
     "hauswirtschaft"),
    ("Erziehung und Soziales", "soziales", "erzieher, kinderpflege, kinderpfleger, "
     "sozialassistent, kita, betreuung"),
    ("Textil und Möbel", "textil", "textil, näher, polsterer, möbel, holzmechaniker"),
    ("Sonstiges", "sonstiges", ""),
]


def seed(apps, schema_editor):
    field_model = apps.get_model("offers", "OccupationalField")
    for position, (name, slug, keywords) in enumerate(FIELDS):
        field_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "keywords": keywords, "sort_order": position}
        )
    # Permissions are created after all migrations; create ours now so the group can get them.
    config = apps.get_app_config("offers")
    config.models_module = True  # the migration state's stub lacks it; the helper asks
    create_permissions(config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    editors, _created = group_model.objects.get_or_create(name="Editors")
    models = ["company", "offer", "measure", "occupationalfield", "municipalityneighbour"]
    codenames = [f"{a}_{m}" for a in ("add", "change", "delete", "view") for m in models]
    editors.permissions.add(
        *permission_model.objects.filter(
            content_type__app_label="offers", codename__in=[*codenames, "act_for_companies"]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("portal", "0003_create_role_groups"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
