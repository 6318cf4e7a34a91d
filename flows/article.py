"""Article pages: fetch the linked page under the feed limits (and the same
per-host politeness) and keep its main text."""
from __future__ import annotations

from flows.http import FetchError, FetchLimits, fetch_page
from flows.politeness import HostLimiter
from transforms.article_text import NoArticleText, main_text


class ArticleError(Exception):
    """The page could not be fetched or had no main text; callers keep the summary."""


def fetch_article_text(url: str, limits: FetchLimits = FetchLimits(), session=None,
                       limiter: HostLimiter | None = None) -> str:
    try:
        page = fetch_page(url, limits, session, limiter, html_only=True)
        return main_text(page, url)
    except (FetchError, NoArticleText) as exc:
        raise ArticleError(str(exc)) from None
