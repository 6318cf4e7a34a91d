"""Article pages inside the ingest flow: which entries get their page fetched, under the run's
limits, and the summary kept when the page fails."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml

from flows.http import FetchLimits
from flows.ingest import ingest
from warehouse.layout import Layout

from tests.faultserver import Static, fault_server

pytestmark = pytest.mark.usefixtures("prefect_server")
PAGES = Path(__file__).parent / "fixtures" / "articles"
LIMITS = FetchLimits(connect_timeout=1, read_timeout=1, deadline=2, retries=0, per_host=8, min_interval=0.0)
# about 600 characters: more than the 400 of a "summary only" entry, less than the 1,500 a marked feed wants
LONG_FR = ("Une charge dissimulée dans une charrette a explosé mardi sur le marché d'un chef-lieu de province, "
           "selon les autorités locales, qui font état de plusieurs victimes parmi les commerçants et les clients. "
           "Les secours ont évacué les blessés vers l'hôpital régional, où plusieurs d'entre eux étaient encore "
           "soignés dans la soirée. La gendarmerie a bouclé le quartier et ouvert une enquête pour déterminer "
           "l'origine de l'engin. Aucun groupe n'avait revendiqué l'attaque mercredi matin, et les habitants "
           "disaient craindre de nouvelles violences dans la région, déjà frappée par plusieurs attentats.")
LONG_EN = ("A drone struck a fuel depot on the northern outskirts of a port city overnight, officials said, "
           "setting off a fire that burned for hours and sent a column of black smoke over the harbour. "
           "Firefighters kept the blaze from spreading to nearby warehouses, and two workers were treated for "
           "burns at a local hospital. The regional governor said air defences had shot down several other "
           "drones before dawn. No group said it carried out the attack, and officials warned of fuel shortages "
           "in the coming days as the depot supplied most of the petrol stations in the surrounding province.")


def _item(guid: str, link: str, summary: str) -> str:
    return f"<item><title>{guid}</title><guid>{guid}</guid><link>{link}</link><description>{summary}</description></item>"


def _feed(*items: str) -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{"".join(items)}' \
           f"</channel></rss>".encode()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("articles")
    page = {"Content-Type": "text/html; charset=utf-8"}
    routes = {"/articles/fr": Static(200, (PAGES / "fr-boilerplate.html").read_bytes(), page),
              "/articles/en": Static(200, (PAGES / "en-boilerplate.html").read_bytes(), page),
              "/articles/en-unasked": Static(200, (PAGES / "en-boilerplate.html").read_bytes(), page)}
    with fault_server(routes) as server:
        base = server.url
        server.add("/marked.xml", Static(200, _feed(_item("fr-long", f"{base}/articles/fr", LONG_FR),
                                                    _item("fr-slow", f"{base}/trickle", "Explosion à Gao."))))
        server.add("/plain.xml", Static(200, _feed(_item("en-long", f"{base}/articles/en-unasked", LONG_EN),
                                                   _item("en-short", f"{base}/articles/en", "Drone hits depot."),
                                                   _item("en-gone", f"{base}/articles/nowhere", "Bomb in Aden."))))
        feeds = [{"name": "marked", "url": f"{base}/marked.xml", "fetch_article": True, "lang": "fr"},
                 {"name": "plain", "url": f"{base}/plain.xml", "lang": "en"}]
        (tmp / "feeds.yaml").write_text(yaml.safe_dump({"feeds": feeds}), encoding="utf-8")
        ingest(feeds_file=str(tmp / "feeds.yaml"), data_dir=str(tmp / "data"), limits=LIMITS)
        hits = dict(server.hits)
    con = duckdb.connect(str(Layout.at(tmp / "data").db), read_only=True)
    try:
        rows = con.execute("SELECT guid, text, flags FROM stories").fetchall()
    finally:
        con.close()
    return {"stories": {guid: (text, list(flags)) for guid, text, flags in rows}, "hits": hits}


def test_a_marked_feed_fetches_the_page_of_an_entry_shorter_than_the_threshold(loaded):
    text, flags = loaded["stories"]["fr-long"]
    assert "Une vingtaine de blessés ont été transportés" in text and "Horoscope" not in text
    assert sorted(flags) == ["article_fetched", "no_date"]


def test_an_unmarked_feed_fetches_only_summary_only_entries(loaded):
    assert loaded["hits"].get("/articles/en-unasked") is None
    assert loaded["stories"]["en-long"] == (LONG_EN, ["no_date"])    # not summary_only: no page asked
    text, flags = loaded["stories"]["en-short"]
    assert "Firefighters battled the blaze" in text and "article_fetched" in flags


def test_a_failed_page_keeps_the_summary(loaded):
    assert loaded["hits"]["/articles/nowhere"] == 1 and loaded["hits"]["/trickle"] == 1
    for guid, summary in (("en-gone", "Bomb in Aden."), ("fr-slow", "Explosion à Gao.")):
        text, flags = loaded["stories"][guid]
        assert (text, sorted(flags)) == (summary, ["no_date", "summary_only"])
