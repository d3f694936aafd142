"""Every ``curl`` example in ``docs/api/rest.md`` answers as the guide says, on the demo content.

The guide's examples name demo page ids (``/api/v2/pages/14/``, ``?condition=6``) as they are in
a fresh ``make demo`` database; here each id is mapped to the same demo page in the test
database (ids differ there), through the page titles the guide's JSON shows beside them.
"""

from __future__ import annotations

import re
import shlex
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from tests.example_site.demo_loading import load_demo
from wagtail_neuro.models import ClinicHoursSnippet

pytestmark = pytest.mark.django_db

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api" / "rest.md"
HOST = "http://127.0.0.1:8000"
# what the guide shows as refused, on purpose
EXPECTED_400 = ("date_from=19-08-2024",)


def examples() -> list[list[str]]:
    """The argument lists of the guide's curl commands (without ``curl``)."""
    commands = []
    for line in GUIDE.read_text().splitlines():
        if line.startswith("curl ") and "$TOKEN" not in line:  # preview tokens are made per test
            commands.append(shlex.split(line)[1:])
    return commands


def demo_ids_in_the_guide() -> dict[int, str]:
    """Page ids used in the guide, with the title its JSON shows for each id."""
    text = GUIDE.read_text()
    ids = {}
    for match in re.finditer(r'"id": (\d+),\s*"title": "([^"]+)"', text):
        ids.setdefault(int(match.group(1)), match.group(2))
    return ids


def localize(url: str, titles: dict[int, str]) -> str:
    """The guide's URL with the demo's ids replaced by this database's."""
    path = url.removeprefix(HOST)

    def page_id(match: re.Match) -> str:
        doc_id = int(match.group(2))
        if doc_id not in titles:
            return match.group(0)
        return match.group(1) + str(Page.objects.get(title=titles[doc_id]).pk)

    path = re.sub(r"(/pages/|condition=|related_to=)(\d+)", page_id, path)
    hours = ClinicHoursSnippet.objects.get(name="Office Hours")
    return re.sub(r"/clinic-hours/\d+/", f"/clinic-hours/{hours.pk}/", path)


@pytest.fixture
def demo(db, settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"
    load_demo("--home-model", "testapp.HomePage")


def test_the_guide_has_examples_for_every_endpoint():
    urls = " ".join(arg for args in examples() for arg in args)
    for endpoint in (
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/clinic-hours/",
        "/api/v3/openapi.json",
        "/api/v3/pages/",
        "/api/v3/articles/",
        "/api/v3/conditions/",
        "/api/v3/clinic-hours/",
    ):
        assert endpoint in urls, endpoint


def test_every_curl_example_answers_on_the_demo(demo, client):
    titles = demo_ids_in_the_guide()
    checked = 0
    for args in examples():
        url = next(arg for arg in args if arg.startswith(HOST))
        headers = {}
        for flag, value in pairwise(args):
            if flag == "-H":
                name, _, header_value = value.partition(": ")
                headers[name] = header_value
        path = localize(url, titles)
        response = client.get(path, headers=headers)
        split = urlsplit(path)
        if any(marker in split.query for marker in EXPECTED_400):
            assert response.status_code == 400, (path, response.status_code)
            assert response.json(), path  # a JSON error body
        elif "If-None-Match" in headers:
            assert response.status_code in (200, 304), path  # the ETag in the guide is an example
        else:
            assert response.status_code in (200, 302), (path, response.status_code)
        checked += 1
    assert checked >= 25
