"""canonical_url: one spelling per article; tracking gone, identifying parameters kept. without_credentials: logs keep no secret."""
import pytest

from transforms.urls import canonical_url, is_tracking, without_credentials

CASES = [
    ("HTTPS://WWW.Example.ORG/Monde/Article.html", "https://www.example.org/Monde/Article.html"),
    ("https://example.org/a.html?utm_source=rss&utm_medium=feed&utm_campaign=monde",
     "https://example.org/a.html"),
    ("https://example.org/a.html#haut", "https://example.org/a.html"),
    ("https://example.org/a.html?xtor=RSS-3208&fbclid=IwAR0&gclid=x1", "https://example.org/a.html"),
    ("https://example.org/a?mc_cid=1&mc_eid=2&at_medium=rss&at_campaign=fr", "https://example.org/a"),
    ("https://example.org/a?ref=home&ito=123&ocid=msn", "https://example.org/a"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("https://example.org:8443/a", "https://example.org:8443/a"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
    ("https://example.org/article?id=4521&utm_source=x", "https://example.org/article?id=4521"),
    ("  https://example.org/a  ", "https://example.org/a"),
    ("http://[2001:db8::1]:80/a", "http://[2001:db8::1]/a"),
]


@pytest.mark.parametrize("url, expected", CASES)
def test_canonical(url, expected):
    assert canonical_url(url) == expected


def test_idempotent():
    for url, _ in CASES:
        once = canonical_url(url)
        assert canonical_url(once) == once


def test_same_article_different_tracking_is_one_url():
    a = canonical_url("https://example.org/x.html?utm_source=twitter#comments")
    b = canonical_url("https://EXAMPLE.org/x.html?utm_source=rss&utm_medium=feed")
    assert a == b == "https://example.org/x.html"


def test_path_case_and_article_ids_are_kept():
    assert canonical_url("https://example.org/A") != canonical_url("https://example.org/a")
    assert canonical_url("https://example.org/p?id=1") != canonical_url("https://example.org/p?id=2")


def test_bad_port_does_not_raise():
    assert canonical_url("http://Example.org:abc/x") == "http://example.org:abc/x"


@pytest.mark.parametrize("name, tracking", [("utm_term", True), ("UTM_Content", True), ("fbclid", True),
                                             ("id", False), ("page", False), ("q", False)])
def test_is_tracking(name, tracking):
    assert is_tracking(name) is tracking


@pytest.mark.parametrize("url,expected", [
    ("https://user:s3cret@feeds.example.org/rss?x=1#top", "https://feeds.example.org/rss?x=1#top"),
    ("https://token@Feeds.Example.org:8443/rss", "https://Feeds.Example.org:8443/rss"),
    ("http://a:b@c@host.example/x", "http://host.example/x"),         # '@' in the password
    ("http://user:pw@host.example:notaport/x", "http://host.example:notaport/x"),
    ("https://feeds.example.org/path@v2/rss", "https://feeds.example.org/path@v2/rss"),  # '@' outside the netloc
    ("ftp://host.example/x", "ftp://host.example/x"),
])
def test_without_credentials(url, expected):
    assert without_credentials(url) == expected
