"""normalize_entry and its helpers on hand-made entries, French and English."""
import re
import time
import unicodedata
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from transforms.html_text import html_to_text
from transforms.models import RawEntry
from transforms.normalize import content_hash, normalize_entry, story_id
from transforms.timezones import entry_datetime

WHEN = datetime(2025, 3, 4, 5, 6, tzinfo=timezone.utc)
FR_PARA = "<p>Une roquette est tombée sur un quartier résidentiel dans la nuit, selon les secours.</p>"
EN_PARA = "<p>A rocket landed on a residential district overnight, rescuers said on Tuesday.</p>"


def entry(**kw) -> RawEntry:
    base = dict(feed="fil", guid="g-1", link="https://ex.org/a.html?utm_source=rss#top", title="Titre",
                summary_html="", content_html="", published=WHEN)
    return RawEntry(**{**base, **kw})


def test_content_preferred_over_summary():
    story = normalize_entry(entry(summary_html="<p>Résumé.</p>", content_html=FR_PARA * 2))
    assert story.text.startswith("Une roquette est tombée") and story.text.count("\n") == 1
    assert story.flags == ()


def test_short_summary_only_is_flagged():
    story = normalize_entry(entry(summary_html=FR_PARA))
    assert story.flags == ("summary_only",)


def test_long_summary_is_not_flagged():
    story = normalize_entry(entry(summary_html=EN_PARA * 6))
    assert "summary_only" not in story.flags


def test_article_text_replaces_a_shorter_summary():
    article = "Premier paragraphe de l'article complet.\n\nDeuxième paragraphe, bien plus long que le résumé."
    story = normalize_entry(entry(summary_html="<p>Court.</p>"), article_text=article, fetch_id="f-9")
    assert story.flags == ("article_fetched",) and story.fetch_id == "f-9"
    assert story.text == "Premier paragraphe de l'article complet.\nDeuxième paragraphe, bien plus long que le résumé."


def test_article_text_shorter_than_the_feed_text_is_ignored():
    story = normalize_entry(entry(summary_html=FR_PARA), article_text="Trop court.")
    assert story.flags == ("summary_only",) and story.text.startswith("Une roquette")


def test_no_date_is_flagged_never_guessed():
    story = normalize_entry(entry(published=None, content_html=FR_PARA))
    assert story.published_at is None and story.flags == ("no_date",)


def test_url_canonical_and_guid_kept():
    story = normalize_entry(entry())
    assert story.url == "https://ex.org/a.html" and story.guid == "g-1"
    assert story.story_id == story_id("fil", "g-1")


def test_guid_falls_back_to_canonical_link_then_to_a_hash():
    by_link = normalize_entry(entry(guid=None))
    assert by_link.guid == "https://ex.org/a.html"
    by_hash = normalize_entry(entry(guid="  ", link=None, summary_html=FR_PARA))
    assert re.fullmatch(r"[0-9a-f]{32}", by_hash.guid) and by_hash.url is None
    assert by_hash.guid == normalize_entry(entry(guid=None, link=None, summary_html=FR_PARA)).guid


def test_story_id_is_16_hex_stable_and_feed_scoped():
    assert re.fullmatch(r"[0-9a-f]{16}", story_id("fil", "x"))
    assert story_id("fil", "x") == story_id("fil", "x") != story_id("autre", "x")


def test_content_hash_ignores_case_space_punctuation_and_accents():
    a = content_hash("Frappe à Kharkiv", "Deux morts,  selon la police.")
    b = content_hash("frappe a kharkiv", "Deux morts selon la police")
    assert a == b != content_hash("Frappe à Kharkiv", "Trois morts selon la police")


def test_title_entities_decoded_once_more_and_on_one_line():
    story = normalize_entry(entry(title="Gaza&amp;nbsp;: l&#039;hôpital\n touché &amp;amp; évacué"))
    assert story.title == "Gaza : l'hôpital touché & évacué"


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "<p>Été à Orléans : deux blessés.</p>")
    story = normalize_entry(entry(content_html=decomposed))
    assert story.text == "Été à Orléans : deux blessés." and unicodedata.is_normalized("NFC", story.text)


def test_language_is_detected_the_hint_does_not_decide():
    story = normalize_entry(entry(title="Rocket hits district", content_html=EN_PARA, lang_hint="fr"))
    assert story.lang == "en"
    story = normalize_entry(entry(title="Roquette sur un quartier", content_html=FR_PARA, lang_hint="en"))
    assert story.lang == "fr"
    assert normalize_entry(entry(title="Kyiv", lang_hint="fr")).lang == "fr"


@pytest.mark.parametrize("html, text", [
    ("<p>Un</p><p>Deux</p>", "Un\nDeux"),
    ("Ligne<br>suite<br/>fin", "Ligne\nsuite\nfin"),
    ("<p>Texte</p><script>var a = '<p>x</p>';</script><style>p{}</style>", "Texte"),
    ("<figure><img src=x><figcaption>Légende AFP</figcaption></figure><p>Corps</p>", "Corps"),
    ("<p>Avant</p><iframe src='v'></iframe><p>Après</p>", "Avant\nAprès"),
    ("<p>L&rsquo;arm&eacute;e &amp; la police&nbsp;!</p>", "L’armée & la police !"),
    ("<p>Fin de l'article. <a href='/x'>Lire la suite…</a></p>", "Fin de l'article."),
    ("<ul><li>un</li><li>deux</li></ul>", "un\ndeux"),
    ("<p>  espaces \t multiples  </p>\n\n\n<p>ok</p>", "espaces multiples\nok"),
    ("x &lt; 3 et y > 2", "x < 3 et y > 2"),
    ("", ""),
])
def test_html_to_text(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize("raw, iso", [
    ("Tue, 02 Apr 2024 18:00:00 HAEC", "2024-04-02T16:00:00+00:00"),
    ("Mon, 13 Jan 2025 08:00:00 HNEC", "2025-01-13T07:00:00+00:00"),
    ("Sat, 14 Jun 2025 22:30:00 CEST", "2025-06-14T20:30:00+00:00"),
    ("jeu., 10 juil. 2025 09:00:00 +0200", "2025-07-10T07:00:00+00:00"),
    ("2025-07-10T09:00:00 CEST", "2025-07-10T07:00:00+00:00"),
    ("Thu, 10 Jul 2025 09:00:00 GMT+2", "2025-07-10T07:00:00+00:00"),
    ("Thu, 10 Jul 2025 09:00:00 QQQT", None),
    ("Thu, 10 Jul 2025 09:00:00 +0300 (CEST)", "2025-07-10T06:00:00+00:00"),   # the written offset wins
    ("Thu, 10 Jul 2025 09:00:00 Europe/London", "2025-07-10T08:00:00+00:00"),
])
def test_raw_dates_read_with_their_zone(raw, iso):
    got = entry_datetime({"published": raw})
    assert (got.isoformat() if got else None) == iso


def test_parsed_tuple_used_when_raw_has_a_numeric_offset():
    parsed = time.strptime("2025-07-10 07:00:00", "%Y-%m-%d %H:%M:%S")
    got = entry_datetime({"published": "Thu, 10 Jul 2025 09:00:00 +0200", "published_parsed": parsed})
    assert got == datetime(2025, 7, 10, 7, 0, tzinfo=timezone.utc)



def test_teaser_content_loses_to_a_longer_summary():
    story = normalize_entry(entry(content_html="<p>Lire l'article.</p>", summary_html=FR_PARA))
    assert story.text.startswith("Une roquette") and story.flags == ("summary_only",)


def test_entry_without_any_text_asks_for_the_article():
    story = normalize_entry(entry(title="Titre seul"))
    assert story.text == "" and story.flags == ("summary_only",)
