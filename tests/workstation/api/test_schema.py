"""The OpenAPI schema: valid, without generator warnings, in both languages, with every error
documented, and true to what every endpoint answers (each list and one of its records)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import reset_generator_stats
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker
from openapi_spec_validator import validate

from tests.api_content import make_api_content
from tests.conftest import api_client

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/"
# Endpoints that must be there whatever else is added; every other one is found in the schema.
AT_LEAST = {"/api/v1/projects/", "/api/v1/projects/{id}/"}
ERRORS = {"400", "401", "403", "404", "429"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def schema_of(client, **query) -> dict:
    response = client.get(SCHEMA, {"format": "json", **query})
    assert response.status_code == 200
    return response.json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_schema_is_valid_openapi_3_in_yaml_and_json(client):
    as_yaml = client.get(SCHEMA)
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    as_json = schema_of(client)
    assert yaml.safe_load(as_yaml.content) == as_json
    validate(as_json)
    assert as_json["openapi"].startswith("3.")
    assert set(as_json["paths"]) >= AT_LEAST
    # Read only: nothing but GET, and nothing outside /api/v1/.
    assert {method for _path, method, _operation in operations(as_json)} == {"get"}
    assert all(path.startswith("/api/v1/") for path in as_json["paths"])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_spectacular_finds_no_warning_and_validates(tmp_path, language):
    reset_generator_stats()  # warnings are counted per process: count this run's only
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--lang", language, "--file", str(target)
    )
    validate(yaml.safe_load(target.read_text()))


def test_every_operation_documents_the_errors_in_their_one_shape(client):
    schema = schema_of(client)
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["status", "code", "message"]
    for path, method, operation in operations(schema):
        documented = operation["responses"]
        assert set(documented) >= ERRORS, (method, path, sorted(documented))
        for status in ERRORS:
            body = documented[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, path, status)


def test_the_schema_speaks_the_language_asked_for(client):
    english, chinese = schema_of(client, lang="en"), schema_of(client, lang="zh-hans")
    assert english["info"]["title"] == "Lanzhou Silicon Valley Workstation API"
    assert chinese["info"]["title"] == "兰州科技创新（硅谷）工作站 API"
    assert CHINESE.search(chinese["info"]["description"])
    assert not CHINESE.search(english["info"]["description"])
    # The portal's strings in every operation: filter labels, the shared parameters, the errors.
    translated = 0
    for path, method, operation in operations(chinese):
        in_english = english["paths"][path][method]
        for parameter, english_parameter in zip(
            operation["parameters"], in_english["parameters"], strict=True
        ):
            if parameter["name"] in {"updated_since", "lang", "cursor", "page_size", "ordering"}:
                assert CHINESE.search(parameter["description"]), (path, parameter)
                assert not CHINESE.search(english_parameter["description"]), (path, parameter)
                translated += 1
        assert operation["responses"]["404"]["description"].startswith("这里没有内容")
        assert in_english["responses"]["404"]["description"].startswith("Nothing here")
    # projects: updated_since, lang, cursor, page_size, ordering; detail: lang
    assert translated >= 6
    scheme = chinese["components"]["securitySchemes"]["personalToken"]
    assert CHINESE.search(scheme["description"])


def test_ordering_lists_the_fields_it_takes(client):
    schema = schema_of(client)
    (ordering,) = [
        parameter
        for parameter in schema["paths"]["/api/v1/projects/"]["get"]["parameters"]
        if parameter["name"] == "ordering"
    ]
    assert {"updated_at", "-updated_at", "id", "-id"} <= set(ordering["schema"]["items"]["enum"])
    assert (ordering["style"], ordering["explode"]) == ("form", False)


def test_internal_docstrings_do_not_describe_the_data(client):
    """Our base classes' docstrings speak to developers (Meta.bilingual, visible_to…)."""
    text = json.dumps(schema_of(client))
    assert "Meta.bilingual" not in text and "visible_to" not in text


def response_schema(schema: dict, path: str) -> dict:
    body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return body["schema"]


def schema_errors(schema: dict, path: str, data) -> list[str]:
    """Where ``data`` breaks the documented 200 response of GET ``path``."""
    validator = OAS30ReadValidator(
        {**response_schema(schema, path), "components": schema["components"]},
        format_checker=oas30_format_checker,
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(data)
    ]


def test_every_endpoint_answers_as_its_schema_says(client, staff):
    """Each list in the schema, as staff with a token, over the demo data and more; then one
    record of each list by its detail path (its path parameter filled from the row)."""
    make_api_content(staff)
    schema = schema_of(client)
    reader = api_client(staff)
    checked, problems = set(), []
    lists = [path for path in schema["paths"] if "{" not in path]
    for path in lists:
        for language in ("en", "zh-hans"):
            response = reader.get(path, {"lang": language})
            assert response.status_code == 200, (path, response.content[:300])
            data = response.json()
            problems += [
                f"GET {path}?lang={language} {error}" for error in schema_errors(schema, path, data)
            ]
        checked.add(path)
        rows = data.get("results") if isinstance(data, dict) else data
        if rows is None:
            continue  # not a list of records (e.g. figures): nothing to look up one by one
        assert rows, f"{path} has no rows to check: add them in tests/api_content.py"
        for detail in (
            other for other in schema["paths"] if re.fullmatch(re.escape(path) + r"\{\w+\}/", other)
        ):
            (name,) = re.findall(r"\{(\w+)\}", detail)
            assert name in rows[0], f"{detail}: the list's rows do not carry {name}"
            response = reader.get(detail.replace(f"{{{name}}}", str(rows[0][name])))
            assert response.status_code == 200, (detail, response.content[:300])
            problems += [
                f"GET {detail} {error}" for error in schema_errors(schema, detail, response.json())
            ]
            checked.add(detail)
    # A year's figures (no list: one record per year) and a data package's zip (not JSON).
    year = reader.get("/api/v1/figures/2026/")
    assert year.status_code == 200, year.content[:300]
    problems += [
        f"GET figures {error}"
        for error in schema_errors(schema, "/api/v1/figures/{year}/", year.json())
    ]
    checked.add("/api/v1/figures/{year}/")
    package = reader.get("/api/v1/data-packages/").json()["results"][0]
    zipped = reader.get(f"/api/v1/data-packages/{package['id']}/download/")
    assert zipped.status_code == 200 and zipped["Content-Type"] == "application/zip"
    checked.add("/api/v1/data-packages/{id}/download/")
    briefings = reader.get("/api/v1/briefings/").json()["results"]
    edition = next(edition for briefing in briefings for edition in briefing["editions"])
    pdf = reader.get(edition["download_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    checked.add("/api/v1/briefings/{id}/editions/{language}/")
    assert not problems, "\n".join(problems)
    assert checked >= AT_LEAST
    unchecked = set(schema["paths"]) - checked
    assert not unchecked, f"paths neither a list nor a list's record: {sorted(unchecked)}"
