"""Article pages served by the fault server: main text kept, boilerplate dropped.

One page per case in tests/fixtures/articles/, its expectation beside it
(<name>.expect.json: "contains" / "absent" strings, or "raises")."""
import json
from dataclasses import replace
from pathlib import Path

import pytest

from flows.article import ArticleError, fetch_article_text
from flows.http import FetchLimits
from flows.politeness import HostLimiter
from transforms import article_text
from transforms.article_text import NoArticleText, main_text

from tests.faultserver import Static, fault_server

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
PAGES = sorted(FIXTURES.glob("*.html"))
LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline=5, retries=0)
NO_WAIT = HostLimiter(per_host=4, min_interval=0.0)


def expectation(page: Path) -> dict:
    return json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site():
    routes = {f"/articles/{p.stem}": Static(200, p.read_bytes(), {"Content-Type": "text/html"}) for p in PAGES}
    with fault_server(routes) as server:
        yield server


def test_every_page_has_an_expectation():
    assert len(PAGES) >= 4
    for page in PAGES:
        assert page.with_suffix(".expect.json").exists(), page.name


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_article_page(site, page):
    expect = expectation(page)
    url = f"{site.url}/articles/{page.stem}"
    if "raises" in expect:
        with pytest.raises(ArticleError):
            fetch_article_text(url, LIMITS, limiter=NO_WAIT)
        return
    text = fetch_article_text(url, LIMITS, limiter=NO_WAIT)
    for wanted in expect["contains"]:
        assert wanted in text, wanted
    for unwanted in expect["absent"]:
        assert unwanted not in text, unwanted
    if "first_line_starts" in expect:
        assert text.startswith(expect["first_line_starts"])


def test_paragraphs_stay_separate_lines(site):
    text = fetch_article_text(f"{site.url}/articles/en-boilerplate", LIMITS, limiter=NO_WAIT)
    lines = text.split("\n")
    assert any(line.startswith("A drone struck a fuel depot") for line in lines)
    assert any(line.startswith("Firefighters battled the blaze") for line in lines)


def test_a_404_page_raises_article_error(site):
    with pytest.raises(ArticleError, match="^HTTP 404 Not Found$"):
        fetch_article_text(f"{site.url}/articles/nowhere", LIMITS, limiter=NO_WAIT)


def test_a_page_slower_than_the_deadline_raises_article_error(site):
    with pytest.raises(ArticleError, match=r"\(deadline\)"):
        fetch_article_text(f"{site.url}/trickle", replace(LIMITS, deadline=0.5), limiter=NO_WAIT)


def test_a_pdf_is_not_read_as_an_article(site):
    with pytest.raises(ArticleError, match=r"^not a web page \(application/pdf\)$"):
        fetch_article_text(f"{site.url}/pdf", LIMITS, limiter=NO_WAIT)


def test_an_empty_page_raises_article_error(site):
    with pytest.raises(ArticleError, match="^empty body$"):
        fetch_article_text(f"{site.url}/empty", LIMITS, limiter=NO_WAIT)


@pytest.mark.parametrize("name", ["fr-boilerplate", "en-boilerplate"])
def test_plain_fallback_when_trafilatura_finds_nothing(monkeypatch, name):
    monkeypatch.setattr(article_text.trafilatura, "extract", lambda *a, **k: None)
    page = FIXTURES / f"{name}.html"
    text = main_text(page.read_bytes())
    expect = expectation(page)
    for wanted in expect["contains"]:
        assert wanted in text, wanted
    for unwanted in ("Les plus lus", "Horoscope", "Mentions légales", "Trending", "All rights reserved",
                     "Subscribe now", "dataLayer"):
        assert unwanted not in text, unwanted


def test_fallback_reads_the_body_when_there_is_no_article_element(monkeypatch):
    monkeypatch.setattr(article_text.trafilatura, "extract", lambda *a, **k: None)
    page = ("<html><body><nav><p>Menu principal</p></nav><p>Premier paragraphe d'une dépêche assez longue "
            "pour compter comme un texte.</p><p>Second paragraphe, avec <b>du gras</b> et une suite.</p>"
            "<footer><p>Pied de page</p></footer></body></html>")
    assert main_text(page) == ("Premier paragraphe d'une dépêche assez longue pour compter comme un texte.\n"
                               "Second paragraphe, avec du gras et une suite.")


def test_str_and_bytes_give_the_same_text():
    page = FIXTURES / "en-boilerplate.html"
    assert main_text(page.read_bytes()) == main_text(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", ["", "<html><body></body></html>", "<html><body><p>Trop court.</p></body></html>"])
def test_nothing_usable_raises(page):
    with pytest.raises(NoArticleText):
        main_text(page)
