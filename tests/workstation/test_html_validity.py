"""The main pages are valid HTML: the Nu HTML checker finds no error on any of them, signed out,
as staff and as a talent, in both languages."""

from __future__ import annotations

import pytest

from tests.checkers import nu_checker, nu_checker_errors
from tests.main_pages import LANGUAGES, main_pages

pytestmark = pytest.mark.django_db


def test_the_main_pages_have_no_html_error(clients, staff, talent, tmp_path):
    nu_checker()  # skip before making the content when the checker cannot run
    documents = {}
    for page in main_pages(staff, talent):
        for language in LANGUAGES:
            response = clients[page.role].get(page.url(language))
            assert response.status_code == 200, (page, language, response.status_code)
            documents[f"{page.label} ({page.role}, {language})"] = response.content.decode()
    errors = nu_checker_errors(documents, tmp_path)
    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items()
    )


def test_the_api_docs_page_has_no_html_error(client, tmp_path):
    """Our own markup around Swagger UI (which draws the rest in the browser: see
    tests/browser/test_api_docs.py), in both languages; a main landmark and the page's lang."""
    nu_checker()
    documents = {}
    for language, header in (("en", "en"), ("zh-hans", "zh-Hans")):
        response = client.get("/api/docs/", headers={"Accept-Language": header})
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html and "<main>" in html
        documents[f"API docs ({language})"] = html
    errors = nu_checker_errors(documents, tmp_path)
    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items()
    )
