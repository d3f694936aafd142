"""Reports → Clinical review: overdue and due-soon pages by default, filters, CSV and XLSX
export; and the dashboard panel."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

REPORT = "wagtail_neuro_review_report"


def titles_in(html: str, reviewed: dict) -> list[str]:
    return [page.title for page in reviewed.values() if page.title in html]


def test_report_lists_overdue_and_due_soon_by_default(admin_client, reviewed):
    response = admin_client.get(reverse(REPORT))
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html, reviewed) == ["Overdue Condition", "Due Soon Condition"]
    assert html.index("Overdue Condition") < html.index("Due Soon Condition")
    assert "Overdue" in html and "Due soon" in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("overdue", ["Overdue Condition"]),
        ("due_soon", ["Due Soon Condition"]),
        ("current", ["Current Condition"]),
        ("not_reviewed", ["Unreviewed Condition"]),
        (
            "all",
            [
                "Overdue Condition",
                "Due Soon Condition",
                "Current Condition",
                "Unreviewed Condition",
            ],
        ),
    ],
)
def test_report_filters_by_status(admin_client, reviewed, status, expected):
    html = admin_client.get(reverse(REPORT), {"status": status}).content.decode()
    assert titles_in(html, reviewed) == expected


def test_results_view_answers_the_filters_ajax_call(admin_client, reviewed):
    response = admin_client.get(reverse(f"{REPORT}_results"), {"status": "current"})
    assert response.status_code == 200
    assert titles_in(response.content.decode(), reviewed) == ["Current Condition"]


def test_csv_export(admin_client, reviewed, today):
    response = admin_client.get(reverse(REPORT), {"export": "csv", "status": "all"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('clinical-review-2026-06-15.csv"')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["Title"] for row in rows] == [
        "Overdue Condition",
        "Due Soon Condition",
        "Current Condition",
        "Unreviewed Condition",
    ]
    overdue = rows[0]
    assert overdue["Review"] == "Overdue"
    assert overdue["Reviewed by"] == "Dr. Lee"
    assert overdue["Next review due"] == "2026-06-12"
    assert overdue["Last reviewed"] == "2025-06-12"
    assert overdue["URL"].startswith("http://testserver/conditions/")


def test_xlsx_export(admin_client, reviewed):
    response = admin_client.get(reverse(REPORT), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:5] == ("Title", "Review", "Reviewed by", "Last reviewed", "Next review due")
    assert [row[0] for row in rows[1:]] == ["Overdue Condition", "Due Soon Condition"]


def test_report_needs_page_permissions(client, django_user_model, reviewed):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "Overdue Condition" not in response.content.decode()


def test_report_is_in_the_reports_menu(admin_client, reviewed):
    html = admin_client.get("/admin/").content.decode()
    assert reverse(REPORT) in html


def test_dashboard_panel_lists_pages_due(admin_client, reviewed):
    html = admin_client.get("/admin/").content.decode()
    assert "Clinical reviews due (2)" in html
    assert titles_in(html, reviewed) == ["Overdue Condition", "Due Soon Condition"]


def test_no_dashboard_panel_when_nothing_is_due(admin_client, home):
    assert "Clinical reviews due" not in admin_client.get("/admin/").content.decode()
