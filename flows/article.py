"""Article pages: fetch the linked page under the feed limits and keep its main text."""
from __future__ import annotations

from flows.http import FetchError, FetchLimits, fetch_page
from transforms.article_text import NoArticleText, main_text


class ArticleError(Exception):
    """The page could not be fetched or had no main text; callers keep the summary."""


def fetch_article_text(url: str, limits: FetchLimits = FetchLimits(), session=None) -> str:
    try:
        return main_text(fetch_page(url, limits, session), url)
    except (FetchError, NoArticleText) as exc:
        raise ArticleError(str(exc)) from None
