"""Which site a document comes from: the host of its URL, or the folder it was found in.

A site groups the pages that share one template (menus, footers, teaser feeds). JSONL records
name theirs in a URL field (``url`` or ``metadata.url`` unless told otherwise); plain files
have none unless the user says that each folder is one site.

>>> site_from_url("https://www.News.Example.org:443/2020/10/a.html")
'news.example.org'
>>> site_from_url("not a url") is None
True
>>> site_of_record({"metadata": {"url": "http://example.com/x"}}, DEFAULT_URL_FIELDS)
'example.com'
>>> folder_site("example.com/2020/a.txt", "corpus"), folder_site("a.txt", "corpus/")
('example.com/2020', 'corpus')
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

# How a run tells sites apart: "url" (JSONL records by the host of their URL; plain files
# have no site), "folder" (every document by its folder), "none".
SITE_MODES = ("url", "folder", "none")
DEFAULT_URL_FIELDS = ("url", "metadata.url")


def site_from_url(value: object) -> str | None:
    """The lower-case host of an absolute URL without a leading ``www.``, or None."""
    if not isinstance(value, str) or "//" not in value:
        return None
    try:
        host = urlsplit(value.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") or None if host else None


def field_value(record: Mapping[str, Any], dotted: str) -> object:
    """``record["a"]["b"]`` for ``"a.b"``; None where the path does not lead anywhere."""
    value: object = record
    for key in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def site_of_record(record: Mapping[str, Any], url_fields: Sequence[str]) -> str | None:
    """The host of the first URL field of a JSONL record that holds an absolute URL."""
    for name in url_fields:
        site = site_from_url(field_value(record, name))
        if site is not None:
            return site
    return None


def folder_site(source_id: str, root: str) -> str:
    """A file's folder relative to the input folder; files at the top belong to the folder."""
    folder = posixpath.dirname(source_id)
    return folder or posixpath.basename(root.rstrip("/")) or root
