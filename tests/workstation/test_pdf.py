import io

import pytest
from pypdf import PdfReader

from workstation import pdf
from workstation.pdf import PDFUnavailable, portal_file, render_pdf

needs_pdf = pytest.mark.skipif(
    pdf.pdf_unavailable_reason() is not None,
    reason="PDFs cannot be made here (WeasyPrint's libraries or a CJK font are missing)",
)


@needs_pdf
def test_bilingual_pdf_keeps_its_chinese(settings):
    sample = (
        '{% extends "pdf/base.html" %}{% block body %}<h1>兰州科技创新（硅谷）工作站</h1>'
        "<p>Lanzhou Silicon Valley Workstation</p>"
        '<img src="https://tracker.example/pixel.png">{% endblock %}'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"sample.html": sample}),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    data = render_pdf(template="sample.html", context={}, language="zh-hans")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "兰州科技创新" in text.replace(" ", "")
    assert "Lanzhou Silicon Valley Workstation" in text


def test_no_pdf_without_a_chinese_font(monkeypatch):
    monkeypatch.setattr(pdf, "cjk_font_family", lambda: None)
    monkeypatch.setattr(pdf, "_weasyprint_problem", lambda: None)
    with pytest.raises(PDFUnavailable, match="Chinese font"):
        render_pdf(template="pdf/base.html", context={}, language="en")


def test_the_fetcher_serves_own_static_files_only():
    assert portal_file("http://127.0.0.1:8000/static/portal/favicon.svg").read_bytes()
    with pytest.raises(ValueError):
        portal_file("https://tracker.example/pixel.png")
    with pytest.raises(ValueError):
        portal_file("http://127.0.0.1:8000/media/../../etc/passwd")
