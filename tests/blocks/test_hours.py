import datetime

import pytest
from django.utils import timezone

from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.blocks import ClinicHoursBlock, clinic_hours_data

block = ClinicHoursBlock()


@pytest.fixture
def office_hours(db):
    """The article's office hours: Monday to Thursday 9 to 5, closed Friday to Sunday."""
    return ClinicHoursSnippetFactory(name="Office Hours")


@pytest.mark.django_db
class TestClinicHoursBlock:
    def test_api_live_snippet(self, office_hours):
        value = block.to_python({"heading": "Office Hours", "clinic_hours": office_hours.pk})
        data = block.get_api_representation(value)
        assert data["heading"] == "Office Hours"
        expected = office_hours.as_data()
        for key in ("id", "name", "summary", "weekly", "timezone"):
            assert data["clinic_hours"][key] == expected[key]
        assert data["clinic_hours"]["summary"] == "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed"

    def test_api_draft_snippet_is_hidden(self, office_hours):
        office_hours.live = False
        office_hours.save()
        value = block.to_python({"heading": "Office Hours", "clinic_hours": office_hours.pk})
        assert block.get_api_representation(value) == {
            "heading": "Office Hours",
            "clinic_hours": None,
        }
        assert "clinic-hours" not in block.render(value)

    def test_expired_snippet_is_hidden(self, office_hours):
        """Live but past ``expire_at``: the scheduled unpublish job has not run yet."""
        office_hours.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        office_hours.save()
        value = block.to_python({"heading": "Office Hours", "clinic_hours": office_hours.pk})
        assert block.get_api_representation(value)["clinic_hours"] is None
        assert "Monday" not in block.render(value)

    def test_api_deleted_snippet(self):
        value = block.to_python({"heading": "", "clinic_hours": 999999})
        assert block.get_api_representation(value) == {"heading": "", "clinic_hours": None}

    def test_clinic_hours_data(self, office_hours):
        assert clinic_hours_data(None) is None
        assert clinic_hours_data(office_hours)["name"] == "Office Hours"

    def test_render_summary_and_weekly_table(self, office_hours):
        value = block.to_python({"heading": "Office Hours", "clinic_hours": office_hours.pk})
        html = block.render(value)
        assert "<h2" in html and "Office Hours" in html
        assert "<table" in html
        assert '<th scope="row">Monday</th>' in html
        assert "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed" in html

    def test_snippet_is_required(self):
        from wagtail.blocks import StructBlockValidationError

        with pytest.raises(StructBlockValidationError) as excinfo:
            block.clean(block.to_python({"heading": "x", "clinic_hours": None}))
        assert list(excinfo.value.block_errors) == ["clinic_hours"]

    def test_preview_uses_a_published_snippet(self, office_hours):
        draft = ClinicHoursSnippetFactory(name="Phone Lines", live=False)
        assert draft.pk != office_hours.pk
        assert block.get_preview_value()["clinic_hours"] == office_hours

    def test_preview_without_snippets(self):
        assert block.get_preview_value()["clinic_hours"] is None
