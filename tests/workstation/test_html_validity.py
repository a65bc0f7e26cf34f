"""The main pages are valid HTML: the Nu HTML checker finds no error on any of them, signed out
and as staff, in both languages."""

from __future__ import annotations

import pytest

from tests.checkers import nu_checker, nu_checker_errors
from tests.main_pages import LANGUAGES, main_pages

pytestmark = pytest.mark.django_db


def test_the_main_pages_have_no_html_error(clients, staff, tmp_path):
    nu_checker()  # skip before making the content when the checker cannot run
    documents = {}
    for page in main_pages(staff):
        for language in LANGUAGES:
            response = clients[page.role].get(page.url(language))
            assert response.status_code == 200, (page, language, response.status_code)
            documents[f"{page.label} ({page.role}, {language})"] = response.content.decode()
    errors = nu_checker_errors(documents, tmp_path)
    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items()
    )
