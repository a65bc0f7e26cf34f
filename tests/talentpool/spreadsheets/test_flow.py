"""Export of the filtered list (CSV, Excel) and import with a preview, as staff use them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from talentpool.consents.models import Consent
from talentpool.profiles.models import TalentProfile
from talentpool.spreadsheets.models import PendingImport
from talentpool.spreadsheets.services import COLUMN_KEYS, ImportRefused, confirm_import
from tests.conftest import make_person, signed_in_client
from tests.factories import TalentProfileFactory
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db

FORMULAS = {
    "employer": '=HYPERLINK("http://evil.example","click")',
    "title": "+1",
    "expertise": "-2",
    "school": "@SUM(A1:A9)",
    "current_city": "\tcmd",
    "current_state": "\rcmd",
}


def full_profile(**overrides):
    values = {
        "name_zh": "王伟",
        "name_en": "Wei Wang",
        "native_region": Region.objects.get(code="620102"),
        "current_city": "Palo Alto",
        "current_state": "CA",
        "employer": "Google",
        "title": "Staff Engineer",
        "industry": Industry.objects.get(key="artificial_intelligence"),
        "expertise": "machine learning, 机器学习",
        "degree": "doctorate",
        "school": "兰州大学",
        "graduation_year": 2010,
        "email": "wei.wang@example.com",
        "phone": "+16505550100",
        "wechat_id": "wangwei_88",
        "linkedin_url": "https://www.linkedin.com/in/wei-wang",
        "preferred_language": "zh-hans",
        "interests": ["part_time", "invest"],
        "tags": ["AI", "兰州"],
        "staff_notes": "Met at the spring forum; SECRET-NOTE",
    }
    values.update(overrides)
    return TalentProfileFactory(**values)


def csv_of(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads Chinese"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_of(response):
    content = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(content)), content


def records(table: list[list]) -> list[dict]:
    header = table[0]
    return [dict(zip(header, row, strict=True)) for row in table[1:]]


# --- Export ---------------------------------------------------------------------------------


def test_csv_export_has_the_keys_a_chinese_row_and_no_notes(clients):
    full_profile()
    response = clients["staff"].get(reverse("talentpool:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = csv_of(response)
    assert table[0] == list(COLUMN_KEYS)
    [row] = records(table)
    assert row["name_zh"] == "王伟"
    assert row["native_place"] == "620102"
    assert row["is_gansu"] == row["is_lanzhou"] == "true"
    assert row["industry"] == "artificial_intelligence"
    assert row["interests"] == "part_time;invest"
    assert row["tags"] == "AI;兰州"
    # E.164, kept as text by the leading quote (it begins with "+").
    assert row["phone"] == "'+16505550100"
    assert "SECRET-NOTE" not in json.dumps(table, ensure_ascii=False)
    assert not {"staff_notes", "notes", "interactions"} & set(table[0])


def test_xlsx_export_has_the_keys_a_chinese_row_and_no_notes(clients):
    full_profile()
    response = clients["staff"].get(reverse("talentpool:export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook, _content = xlsx_of(response)
    table = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert table[0] == list(COLUMN_KEYS)
    [row] = records(table)
    assert row["name_zh"] == "王伟"
    assert row["phone"] == "+16505550100"
    assert row["graduation_year"] == 2010
    assert "SECRET-NOTE" not in json.dumps(table, ensure_ascii=False, default=str)


def test_export_applies_the_directorys_filters_and_search(clients):
    lanzhou = full_profile()
    full_profile(
        name_zh="李娜",
        name_en="Na Li",
        email="na.li@example.com",
        phone="+16505550101",
        wechat_id="lina",
        native_region=Region.objects.get(code="110000"),
    )
    staff = clients["staff"]

    table = csv_of(staff.get(reverse("talentpool:export_csv"), {"lanzhou": "on"}))
    assert [row["name_zh"] for row in records(table)] == [lanzhou.name_zh]

    table = csv_of(staff.get(reverse("talentpool:export_csv"), {"q": "李娜"}))
    assert [row["name_zh"] for row in records(table)] == ["李娜"]

    workbook, _content = xlsx_of(staff.get(reverse("talentpool:export_xlsx"), {"gansu": "on"}))
    assert workbook.active.max_row == 2  # the header and the one Gansu native
    assert workbook.active.cell(row=2, column=1).value == "王伟"


def test_a_searched_exports_query_count_does_not_grow_with_its_rows(clients):
    places = list(Region.objects.filter(is_gansu=True))
    industries = list(Industry.objects.all())

    def add(number: int, start: int) -> None:
        for index in range(start, start + number):
            TalentProfileFactory(
                employer="Google",
                native_region=places[index % len(places)],
                industry=industries[index % len(industries)],
            )

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            table = csv_of(clients["staff"].get(reverse("talentpool:export_csv"), {"q": "google"}))
        return len(captured), len(table) - 1

    add(2, 0)
    few, rows = queries()
    assert rows == 2
    add(20, 100)
    assert queries() == (few, 22)


def test_export_with_invalid_filters_exports_nothing(clients):
    full_profile()
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    response = clients["staff"].get(reverse("talentpool:export_csv"), {"registered_since": future})
    assert response.status_code == 302
    assert reverse("talentpool:directory") in response["Location"]
    assert not AuditEntry.objects.filter(action="talent_pool.exported").exists()


def test_formula_cells_are_neutralised_in_csv(clients):
    full_profile(**FORMULAS)
    [row] = records(csv_of(clients["staff"].get(reverse("talentpool:export_csv"))))
    for field, value in FORMULAS.items():
        assert row[field] == "'" + value, field


def test_formula_cells_are_strings_in_xlsx(clients):
    full_profile(**FORMULAS)
    workbook, content = xlsx_of(clients["staff"].get(reverse("talentpool:export_xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for field, value in FORMULAS.items():
        cell = sheet.cell(row=2, column=header.index(field) + 1)
        # XML reads a carriage return back as a line feed: the text is otherwise the same.
        assert cell.value == value.replace("\r", "\n"), field
        assert cell.data_type == "s", field  # "f" would be a formula
        assert cell.quotePrefix, field
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_export_is_audited_with_the_count_only(clients, staff):
    full_profile()
    full_profile(name_zh="李娜", name_en="Na Li", email="na@example.com", phone="", wechat_id="")
    b"".join(
        clients["staff"].get(reverse("talentpool:export_csv"), {"q": "王伟"}).streaming_content
    )
    entry = AuditEntry.objects.get(action="talent_pool.exported")
    assert entry.actor == staff
    assert entry.details == {"count": 1, "format": "csv", "filters": ["q"]}
    assert entry.object_id == "*"


@pytest.mark.parametrize("name", ["talentpool:export_csv", "talentpool:export_xlsx"])
def test_only_staff_may_export(clients, name):
    full_profile()
    url = reverse(name)
    assert "/accounts/login/" in clients["anonymous"].get(url)["Location"]
    for role in ("talent", "other_talent", "official"):
        assert clients[role].get(url).status_code == 403, role
    assert clients["staff"].get(url).status_code == 200


# --- Import ---------------------------------------------------------------------------------

HEADER = "name_zh,name_en,native_place,employer,industry,graduation_year,email,phone,interests"


def upload(client, content: bytes | str, name: str = "people.csv", follow: bool = False):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(
        reverse("talentpool:import_upload"),
        {"file": SimpleUploadedFile(name, content)},
        follow=follow,
    )


def pending_of(response) -> PendingImport:
    assert response.status_code == 302, response.content.decode()[:2000]
    return PendingImport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_import_happy_path(clients, staff):
    content = "\n".join(
        [
            HEADER,
            "张三,San Zhang,620102,Apple,biomedicine,2012,san@example.com,+1 650 555 0111,invest",
            "李四,,620500,NVIDIA,,,si@example.com,,part_time;speak",
        ]
    )
    response = upload(clients["staff"], "\ufeff" + content)
    pending = pending_of(response)
    preview = clients["staff"].get(response["Location"])
    page = preview.content.decode()
    assert "张三" in page and "李四" in page and "san@example.com" in page
    assert '<button type="submit" disabled' not in page
    assert TalentProfile.objects.count() == 0, "nothing before the confirmation"

    confirmed = clients["staff"].post(
        reverse("talentpool:import_confirm", kwargs={"pk": pending.pk})
    )
    assert confirmed.status_code == 302
    profiles = {p.name_zh: p for p in TalentProfile.objects.all()}
    assert set(profiles) == {"张三", "李四"}
    san = profiles["张三"]
    assert san.source == "import" and san.created_by == staff
    assert san.verification == "unverified"
    assert str(san.phone) and san.phone.as_e164 == "+16505550111"
    assert san.name_pinyin == "zhang san"
    assert san.industry.key == "biomedicine" and san.graduation_year == 2012
    assert profiles["李四"].interests == ["part_time", "speak"]
    assert not Consent.objects.exists(), "an import gives no consent on anyone's behalf"
    assert not PendingImport.objects.exists(), "the uploaded rows are deleted once imported"
    entry = AuditEntry.objects.get(action="talent_pool.imported")
    assert entry.details == {"count": 2}
    assert not AuditEntry.objects.filter(action="talent_profile.created").exists()


def test_a_bad_row_blocks_the_whole_import_even_when_confirm_is_forced(clients):
    content = "\n".join(
        [
            HEADER,
            "张三,San Zhang,620102,Apple,,,san@example.com,,",
            "李四,Si Li,620102,Apple,,,not-an-email,,",
            "王五,Wu Wang,620102,Apple,,,wu@example.com,,",
        ]
    )
    response = upload(clients["staff"], content)
    pending = pending_of(response)
    page = clients["staff"].get(response["Location"]).content.decode()
    assert "Enter a valid email address." in page
    assert "fix the file and upload it again. Nothing was imported." in page
    assert '<button type="submit" disabled' in page
    assert [(error["row"], error["column"]) for error in pending.errors] == [(3, "email")]

    forced = clients["staff"].post(
        reverse("talentpool:import_confirm", kwargs={"pk": pending.pk}), follow=True
    )
    assert "Nothing was imported." in forced.content.decode()
    assert TalentProfile.objects.count() == 0
    assert not AuditEntry.objects.filter(action="talent_pool.imported").exists()


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("张三,,620102,,,,,+1 650,", "phone", "international form"),
        ("张三,,999999,,,,,,", "native_place", "Unknown native place code"),
        ("张三,,620102,,rocketry,,,,", "industry", "Unknown industry"),
        (f"张三,,620102,,,{timezone.now().year + 1},,,", "graduation_year", "in the future"),
        ("张三,,620102,,,19x0,,,", "graduation_year", "whole number"),
        ("张" * 2000 + ",,620102,,,,,,", "name_zh", "at most 50 characters"),
        ("张三😀,,620102,,,,,,", "name_zh", "emoji"),
        (",,620102,Apple,,,,,", "", "needs a Chinese name, an English name or both"),
        ("张三,,620102,,,,,,golf", "interests", "Unknown cooperation interest"),
    ],
)
def test_each_bad_cell_has_a_clear_message_with_its_row(clients, cells, column, message):
    response = upload(clients["staff"], f"{HEADER}\n李四,Si Li,620102,,,,,,\n{cells}\n")
    pending = pending_of(response)
    assert [(e["row"], e["column"]) for e in pending.errors] == [(3, column)]
    page = clients["staff"].get(response["Location"]).content.decode()
    assert message in page


def test_messages_follow_the_readers_language(clients):
    response = upload(clients["staff"], f"{HEADER}\n李四,Si Li,620102,,,,bad-address,,\n")
    pending = pending_of(response)
    url = reverse("talentpool:import_preview", kwargs={"pk": pending.pk})
    chinese = clients["staff"].get(url.replace("/en/", "/zh-hans/", 1)).content.decode()
    assert "输入一个有效的" in chinese  # Django's own catalog: "Enter a valid email address."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "neither a CSV"),
        (
            "people.xlsx",
            b"name_zh,name_en\n\xe5\xbc\xa0\xe4\xb8\x89,San\n",
            "is not an Excel workbook",
        ),
        ("people.csv", "name_zh,name_en\n张三,San\n".encode("gbk"), "CSV UTF-8"),
        ("people.csv", b"name_zh,name_en\n" + b"x,y\n" * (5 * 1024 * 1024 // 4), "at most 5 MB"),
        ("people.csv", b"", "empty"),
        ("people.csv", b"name_en\n" + b"x\n" * 10_001, "at most 10,000"),
        ("people.csv", b"who,what\nx,y\n", "at least one of the two name columns"),
        ("people.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "cannot be imported"),
    ],
)
def test_a_wrong_file_gets_a_clear_message(clients, name, content, message):
    response = upload(clients["staff"], content, name=name)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'class="error"' in page
    assert not PendingImport.objects.exists()


def test_a_renamed_zip_is_no_workbook(clients):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("word/document.xml", "<w/>")
    response = upload(clients["staff"], archive.getvalue(), name="people.xlsx")
    assert "is not an Excel workbook" in response.content.decode()


def test_preview_lists_possible_duplicates_of_people_in_the_pool(clients):
    existing = full_profile()
    content = f"{HEADER}\n王伟,,620102,Google,,,Wei.Wang@Example.com ,,\n新人,New Person,,,,,,,\n"
    response = upload(clients["staff"], content)
    pending = pending_of(response)
    assert pending.duplicates == [
        {"row": 2, "profile": existing.pk, "reasons": ["email", "name_employer", "pinyin_name"]}
    ]
    page = clients["staff"].get(response["Location"]).content.decode()
    assert "Same email address" in page and "Same Chinese name and employer" in page
    # Duplicates do not block the import: staff merge them afterwards.
    assert '<button type="submit" disabled' not in page


def test_confirming_twice_imports_once(clients):
    pending = pending_of(upload(clients["staff"], f"{HEADER}\n张三,San Zhang,,,,,,,\n"))
    url = reverse("talentpool:import_confirm", kwargs={"pk": pending.pk})
    clients["staff"].post(url)
    again = clients["staff"].post(url)
    assert again.status_code == 404
    assert TalentProfile.objects.count() == 1


def test_a_confirmation_after_the_rows_are_gone_imports_nothing(staff):
    pending = PendingImport.objects.create(
        uploaded_by=staff, rows=[{"number": 2, "values": {"name_en": "Jane Doe"}}]
    )
    pk = pending.pk
    pending.delete()  # confirmed by a second click meanwhile, or discarded
    with pytest.raises(ImportRefused, match="already confirmed, discarded or has expired"):
        confirm_import(pending_id=pk, actor=staff)
    assert TalentProfile.objects.count() == 0


def test_an_expired_upload_is_gone(clients, staff):
    pending = PendingImport.objects.create(uploaded_by=staff, rows=[])
    PendingImport.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    url = reverse("talentpool:import_preview", kwargs={"pk": pending.pk})
    assert clients["staff"].get(url).status_code == 404
    upload(clients["staff"], f"{HEADER}\n张三,San Zhang,,,,,,,\n")
    assert not PendingImport.objects.filter(pk=pending.pk).exists(), "purged at the next upload"


def test_discarding_deletes_the_uploaded_rows(clients):
    pending = pending_of(upload(clients["staff"], f"{HEADER}\n张三,San Zhang,,,,,,,\n"))
    clients["staff"].post(reverse("talentpool:import_discard", kwargs={"pk": pending.pk}))
    assert not PendingImport.objects.exists()
    assert TalentProfile.objects.count() == 0


def test_another_staff_member_cannot_open_my_pending_import(clients):
    pending = pending_of(upload(clients["staff"], f"{HEADER}\n张三,San Zhang,,,,,,,\n"))
    colleague = signed_in_client(make_person("staff", "colleague@example.org"))
    for name, method in [
        ("import_preview", "get"),
        ("import_confirm", "post"),
        ("import_discard", "post"),
    ]:
        url = reverse(f"talentpool:{name}", kwargs={"pk": pending.pk})
        assert getattr(colleague, method)(url).status_code == 404, name
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_only_staff_may_import(clients, staff):
    pending = PendingImport.objects.create(uploaded_by=staff, rows=[])
    for name, method, kwargs in [
        ("import_upload", "get", {}),
        ("import_preview", "get", {"pk": pending.pk}),
        ("import_confirm", "post", {"pk": pending.pk}),
        ("import_discard", "post", {"pk": pending.pk}),
    ]:
        url = reverse(f"talentpool:{name}", kwargs=kwargs)
        assert "/accounts/login/" in getattr(clients["anonymous"], method)(url)["Location"]
        for role in ("talent", "other_talent", "official"):
            assert getattr(clients[role], method)(url).status_code == 403, (name, role)
    assert clients["staff"].get(reverse("talentpool:import_upload")).status_code == 200


def _profile_data(profile) -> dict:
    return {
        "name_zh": profile.name_zh,
        "name_en": profile.name_en,
        "native_region": profile.native_region_id,
        "current_city": profile.current_city,
        "current_state": profile.current_state,
        "employer": profile.employer,
        "title": profile.title,
        "industry": profile.industry_id,
        "expertise": profile.expertise,
        "degree": profile.degree,
        "school": profile.school,
        "graduation_year": profile.graduation_year,
        "email": profile.email,
        "phone": str(profile.phone.as_e164 if profile.phone else ""),
        "wechat_id": profile.wechat_id,
        "linkedin_url": profile.linkedin_url,
        "preferred_language": profile.preferred_language,
        "interests": profile.interests,
        "tags": profile.tags,
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_round_trip_export_then_import_into_an_empty_pool(clients, file_format):
    full_profile()
    full_profile(
        name_zh="",
        name_en="Jane Doe",
        native_region=Region.objects.get(code="outside-china"),
        industry=None,
        degree="",
        graduation_year=None,
        email="jane@example.com",
        phone="",
        wechat_id="",
        linkedin_url="",
        interests=[],
        tags=[],
        preferred_language="en",
        employer="-Minus Corp",
        title="=1+1",
    )
    full_profile(
        name_zh="欧阳娜娜",
        name_en="Nana Ouyang",
        email="nana@example.com",
        phone="+8613900000000",
        wechat_id="nana",
        native_region=Region.objects.get(code="lanzhou-new-area"),
    )
    before = sorted((_profile_data(p) for p in TalentProfile.objects.all()), key=str)
    response = clients["staff"].get(reverse(f"talentpool:export_{file_format}"))
    content = b"".join(response.streaming_content)
    TalentProfile.objects.all().delete()

    pending = pending_of(upload(clients["staff"], content, name=f"export.{file_format}"))
    assert pending.errors == []
    assert "is_gansu" in pending.ignored_columns and "registered_at" in pending.ignored_columns
    clients["staff"].post(reverse("talentpool:import_confirm", kwargs={"pk": pending.pk}))
    after = sorted((_profile_data(p) for p in TalentProfile.objects.all()), key=str)
    assert after == before
    assert set(TalentProfile.objects.values_list("source", flat=True)) == {"import"}


def test_upload_page_documents_the_columns(clients):
    page = clients["staff"].get(reverse("talentpool:import_upload")).content.decode()
    for key in COLUMN_KEYS:
        assert f">{key}<" in page, key
    assert "620102" in page and "artificial_intelligence" in page and "host_visit" in page
