"""Replace Wagtail's welcome page with this site's HomePage, as ``wagtail start`` projects do.

Runs only on a fresh database (the welcome page is the only page under the root and has no
children); any other tree is left alone and ``load_demo`` uses the default site's root page.
"""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    top_level = Page.objects.filter(depth=2)
    welcome = top_level.filter(
        slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if welcome is None or welcome.numchild or top_level.count() != 1:
        return
    site = Site.objects.filter(root_page=welcome).first()
    path, locale_id = welcome.path, welcome.locale_id
    welcome.delete()  # its Site goes with it (on_delete=CASCADE)

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    home = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale_id,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.create(
        hostname=site.hostname if site else "localhost",
        port=site.port if site else 80,
        site_name=site.site_name if site else "",
        root_page=home,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
