import tempfile

import pytest

from tests.pdf_reading import fonts_in, text_of
from workstation import pdf
from workstation.pdf import PDFUnavailable, portal_file, render_pdf
from workstation.pdfs.models import PENDING_GRACE

needs_pdf = pytest.mark.skipif(
    pdf.pdf_unavailable_reason() is not None,
    reason="PDFs cannot be made here (WeasyPrint's libraries or a CJK font are missing)",
)


def use_sample_template(settings, sample: str) -> None:
    """Serve ``sample`` as the template ``sample.html``."""
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


@needs_pdf
def test_bilingual_pdf_keeps_its_chinese(settings):
    use_sample_template(
        settings,
        '{% extends "pdf/base.html" %}{% block body %}<h1>兰州科技创新（硅谷）工作站</h1>'
        "<p>Lanzhou Silicon Valley Workstation</p>"
        '<img src="https://tracker.example/pixel.png">{% endblock %}',
    )
    data = render_pdf(template="sample.html", context={}, language="zh-hans")
    text = text_of(data)
    assert "兰州科技创新" in text
    assert "Lanzhou Silicon Valley Workstation" in text


@needs_pdf
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_glyph_comes_from_the_named_faces_in_their_order(settings, language):
    """Page numbers and running heads included: a margin box does not inherit the body's font,
    and fontconfig's fallback embedded Noto Sans CJK JP (or DejaVu) beside SC."""
    use_sample_template(
        settings,
        "{% extends 'pdf/base.html' %}{% block style %}<style>@page { @top-center "
        "{ content: '草稿 Draft'; } }</style>{% endblock %}{% block body %}"
        "<h1>兰州科技创新（硅谷）工作站</h1><p><strong>固态电池</strong> — “中试线” · 2026</p>"
        "{% endblock %}",
    )
    fonts = fonts_in(render_pdf(template="sample.html", context={}, language=language))
    first = pdf.cjk_font_family().replace(" ", "-")
    assert fonts and all(name.split("+")[-1].startswith(first) for name in fonts), fonts
    if first == "Noto-Sans-CJK-SC":
        assert pdf.pdf_font_families()[0] == "Noto Sans CJK SC"
    assert not [name for name in fonts if "CJK-JP" in name or "DejaVu" in name], fonts


SHORT_PAGE = (
    "{% extends 'pdf/base.html' %}{% block body %}<h1>兰州科技创新（硅谷）工作站</h1>"
    "<p>Lanzhou Silicon Valley Workstation &nbsp;— “2026”</p>{% endblock %}"
)

needs_the_subsetter = pytest.mark.skipif(
    pdf.subset_family() is None,
    reason="HarfBuzz's subsetter (libharfbuzz-subset) cannot be loaded here",
)


@needs_pdf
@needs_the_subsetter
def test_a_short_pdf_is_small_whatever_the_size_of_the_chinese_font(settings):
    """WeasyPrint alone keeps Noto Sans CJK's glyph numbering in what it embeds: some 130 KB a
    face for a line of text. The Chinese face is cut to the page's characters first."""
    use_sample_template(settings, SHORT_PAGE)
    data = render_pdf(template="sample.html", context={}, language="zh-hans")
    assert "兰州科技创新（硅谷）工作站" in text_of(data)
    assert len(data) < 60_000, len(data)
    cut = pdf.subset_family().replace(" ", "-")
    assert fonts_in(data) and all(name.split("+")[-1].startswith(cut) for name in fonts_in(data))


@needs_pdf
@needs_the_subsetter
def test_a_character_missing_from_the_cut_face_still_prints_in_the_same_face(settings, monkeypatch):
    use_sample_template(settings, SHORT_PAGE)
    cut_to = pdf.subset_face
    monkeypatch.setattr(pdf, "subset_face", lambda path, index, _chars: cut_to(path, index, "兰州"))
    data = render_pdf(template="sample.html", context={}, language="zh-hans")
    assert "兰州科技创新（硅谷）工作站" in text_of(data)
    first = pdf.cjk_font_family().replace(" ", "-")
    assert all(name.split("+")[-1].startswith(first) for name in fonts_in(data)), fonts_in(data)


@needs_pdf
def test_a_pdf_leaves_no_font_files_behind(settings, monkeypatch, tmp_path):
    """The cut faces go through files WeasyPrint would remove only once its objects are collected,
    or never when a worker exits first."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    use_sample_template(settings, SHORT_PAGE)
    assert "兰州" in text_of(render_pdf(template="sample.html", context={}, language="zh-hans"))
    assert list(tmp_path.iterdir()) == []


@needs_pdf
def test_without_the_subsetter_pdfs_embed_the_installed_face(settings, monkeypatch):
    monkeypatch.setattr(pdf, "subset_family", lambda: None)
    use_sample_template(settings, SHORT_PAGE)
    data = render_pdf(template="sample.html", context={}, language="zh-hans")
    assert "兰州科技创新（硅谷）工作站" in text_of(data)
    first = pdf.cjk_font_family().replace(" ", "-")
    fonts = fonts_in(data)
    assert fonts and all(name.split("+")[-1].startswith(first) for name in fonts), fonts
    assert not [name for name in fonts if "Subset" in name], fonts


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


TIBETAN_NAME = "བཀྲ་ཤིས་སྒྲོལ་མ"


@needs_pdf
@pytest.mark.skipif(
    pdf.missing_glyphs(TIBETAN_NAME) != [],
    reason="no Tibetan font is installed here (Debian fonts-noto-core or fonts-tibetan-machine)",
)
def test_a_tibetan_name_prints_in_a_tibetan_face(settings):
    use_sample_template(
        settings,
        "{% extends 'pdf/base.html' %}{% block body %}<p>{{ name }} 扎西卓玛</p>{% endblock %}",
    )
    data = render_pdf(template="sample.html", context={"name": TIBETAN_NAME}, language="zh-hans")
    assert "扎西卓玛" in text_of(data)
    assert any("Tibetan" in name for name in fonts_in(data)), fonts_in(data)


@needs_pdf
def test_text_no_installed_face_can_draw_is_refused_not_printed_as_boxes(settings, monkeypatch):
    use_sample_template(
        settings,
        "{% extends 'pdf/base.html' %}{% block body %}<p>{{ name }}</p>{% endblock %}",
    )
    # A machine with the CJK font only: no face for Tibetan.
    covered = tuple(
        (first, last) for first, last in pdf._covered_ranges() if not first <= 0x0F40 <= last
    )
    monkeypatch.setattr(pdf, "_covered_ranges", lambda: covered)
    with pytest.raises(PDFUnavailable) as refused:
        render_pdf(template="sample.html", context={"name": TIBETAN_NAME}, language="en")
    assert "U+0F40" in str(refused.value) and "empty boxes" in str(refused.value)
    with pytest.raises(PDFUnavailable) as refused:
        render_pdf(template="sample.html", context={"name": "王伟 😀"}, language="zh-hans")
    assert "U+1F600" in str(refused.value)
    # Chinese, Latin and the page's own punctuation are drawn.
    assert render_pdf(template="sample.html", context={"name": "王伟 Zhāng — “1”"}, language="en")


def test_spaces_joiners_and_variation_selectors_need_no_glyph():
    assert pdf.missing_glyphs(" \n\t\u200b\u200d\ufe0f\u00ad") == []


def test_lost_pdfs_are_swept_every_two_minutes_after_a_short_grace():
    from workstation.celery import app

    (sweep,) = [
        entry["schedule"]
        for entry in app.conf.beat_schedule.values()
        if entry["task"] == "workstation.pdfs.tasks.sweep_pending_pdfs"
    ]
    assert sweep.minute == set(range(0, 60, 2))
    assert PENDING_GRACE.total_seconds() <= 180
