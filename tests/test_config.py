"""Feed configuration: good files load, bad ones stop with one line naming file, feed and problem."""
import pytest

from flows.config import ConfigError, load_feeds, parse_feeds
from transforms.models import FeedConfig

GOOD = """
feeds:
  - name: agence-fr
    url: https://example.org/fr/rss
    lang: fr
    fetch_article: true
  - name: wire-en
    url: http://example.org/en.xml
"""


def test_good_config_loads():
    feeds = parse_feeds(GOOD, "feeds.yaml")
    assert feeds == [FeedConfig("agence-fr", "https://example.org/fr/rss", "fr", True),
                     FeedConfig("wire-en", "http://example.org/en.xml", None, False)]


@pytest.mark.parametrize("text, message", [
    ("feeds:\n  - name: a\n    url: https://x.org/\n    colour: red\n", "feeds.yaml: feed 'a': unknown key 'colour'"),
    ("feeds:\n  - {name: a, url: 'https://x.org/1'}\n  - {name: a, url: 'https://x.org/2'}\n",
     "feeds.yaml: feed 'a': duplicate name"),
    ("feeds:\n  - {name: a, url: 'ftp://x.org/feed'}\n", "feeds.yaml: feed 'a': url must be an http(s) URL"),
    ("feeds:\n  - {name: a, url: 'file:///etc/passwd'}\n", "feeds.yaml: feed 'a': url must be an http(s) URL"),
    ("feeds:\n  - {name: Bad Name, url: 'https://x.org/'}\n", "feeds.yaml: feed 'Bad Name': name must be"),
    ("feeds:\n  - {name: a, url: 'https://x.org/', lang: de}\n", "feeds.yaml: feed 'a': lang must be 'fr' or 'en'"),
    ("feeds:\n  - {name: a, url: 'https://x.org/', fetch_article: maybe}\n", "fetch_article must be true or false"),
    ("feeds: [\n  - name: a\n", "feeds.yaml: line"),
    ("sources: []\n", "feeds.yaml: expected a mapping with a 'feeds:' list"),
    ("feeds: []\n", "feeds.yaml: the 'feeds:' list is empty"),
])
def test_bad_config_names_file_feed_and_problem(text, message):
    with pytest.raises(ConfigError) as err:
        parse_feeds(text, "feeds.yaml")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such feed file"):
        load_feeds(tmp_path / "nope.yaml")


def test_repo_default_feeds_file_is_valid():
    from tests.conftest import REPO
    feeds = load_feeds(REPO / "feeds.yaml")
    assert {f.lang for f in feeds} == {"fr", "en"}
