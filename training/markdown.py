"""Lesson Markdown to safe HTML: markdown-it renders, nh3 keeps harmless tags and our images."""

from urllib.parse import urlsplit

import nh3
from django.conf import settings
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False}).enable("table")

_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "img", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def _own_image(element: str, attribute: str, value: str) -> str | None:
    """Images only from our own media or static files; links only to http(s) and mailto."""
    if element == "img" and attribute == "src":
        parts = urlsplit(value)
        local = not parts.scheme and not parts.netloc
        ours = value.startswith((settings.MEDIA_URL, settings.STATIC_URL))
        return value if local and ours else None
    return value


def render_lesson(body: str) -> str:
    return nh3.clean(
        _renderer.render(body),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_own_image,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
