"""Site templates: the lines that recur on many pages of one site, learned from a corpus.

A site's template (menus, footers, teaser feeds, share bars) repeats on its pages while its
articles do not, so a line that many *different* pages of one site carry is furniture, even
when no line rule can name it. Learning has two parts:

* **Counting** (:class:`Learner`): for each site, on how many pages each normalized line
  occurs (a line counts once per page). Lines are counted as the template step sees them
  (after repair, article, boilerplate, quotes, spacing and names), so what is learned from a
  corpus and what cleaning it meets are the same lines. Memory is bounded by one global cap
  on counted entries (see :class:`Learner` for the exact policy), whatever the number of
  sites; lines are 8-byte hashes, never strings.
* **Deciding** (:meth:`Learner.decide`): per (site, line) only, from the line's page count,
  the site's page total and the line's own features (a prose sentence needs stronger
  evidence), with the thresholds of the ``site_template`` rule. Never per document: so
  cleaning the cleaned corpus again changes nothing.

Two copies of one article (syndicated news, a re-crawl) must keep their whole text: every
page gets a *page key* (the hash of its longest line), and a line counts as recurring only
when pages with different keys carry it (it keeps the smallest and largest key seen).

What is learned is a :class:`Templates` value: per site, its page total and the lines that
are furniture with their page counts; it saves to a small deterministic JSON file (sorted,
versioned, with the thresholds it was decided with), which ``--templates FILE`` and
``Cleaner(templates=...)`` apply.

>>> learner = Learner()
>>> for story in ("The harbour reopened.", "The bridge closed.", "Rain is expected."):
...     learner.add("example.com", observe([story, "Home"]))
>>> site = learner.decide(Thresholds()).site("example.com")
>>> site.pages, site.count(line_hash("home")), site.count(line_hash("The bridge closed."))
(3, 3, 0)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

FORMAT = "cleaner-site-templates"
VERSION = 1
# What a hash is a hash of; written into the file so that a reader can tell.
NORMALIZATION = "blake2b-64 of the casefolded line, white space collapsed, digits as 0"

SPACE = regex.compile(r"\s+")
DIGITS = regex.compile(r"\d")
# A line without a letter or a digit (a rule, a table border, a lone bullet) is never counted:
# removing a recurring separator from a poem or a table is no cleaning.
WORDY = regex.compile(r"\w")

# The default cap on counted entries: (site, line) pairs plus sites. About 130 bytes each.
DEFAULT_LIMIT = 200_000
COUNT_BITS = 30  # a page count is kept in the low bits of an entry ...
COUNT_MASK = (1 << COUNT_BITS) - 1
BODY_BIT = 1 << COUNT_BITS  # ... then whether the line reads as a prose sentence ...
KEY_BITS = 32  # ... then the smallest and the largest page key of the pages that carry it.
KEY_MASK = (1 << KEY_BITS) - 1
LO_SHIFT = COUNT_BITS + 1
HI_SHIFT = LO_SHIFT + KEY_BITS


class TemplatesError(ValueError):
    """A templates file that cannot be used; the message names the file and what to do."""


def normalize(line: str) -> str:
    """The form lines are compared in: casefolded, white space collapsed, digits as ``0``.

    >>> normalize("  Posted   3 hours ago ")
    'posted 0 hours ago'
    """
    return DIGITS.sub("0", SPACE.sub(" ", line.casefold()).strip())


def line_hash(line: str) -> int:
    """The 8-byte blake2b hash of a line's normalized form, as an int.

    >>> line_hash("Home") == line_hash("  HOME ") != line_hash("Homes")
    True
    """
    data = normalize(line).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def site_hash(site: str) -> int:
    data = site.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


@dataclass(frozen=True, slots=True)
class Observation:
    """What one page tells the learner: its key, and its distinct counted lines (hashes, in
    ascending order) with, for each, whether it reads as a prose sentence."""

    key: int
    hashes: tuple[int, ...]
    body: tuple[bool, ...]


def observe(lines: Iterable[str], is_body: Callable[[str], bool] = lambda _: False) -> Observation:
    """The observation of a page from its lines as the template step sees them.

    The page key is the hash of its longest line (most characters of its normalized form,
    then the smallest hash): the article's longest paragraph, which a copy of the article
    shares and another article does not.

    >>> page = observe(["Home", "A long paragraph of the article.", "Home", "---"])
    >>> len(page.hashes), page.key == line_hash("A long paragraph of the article.") & KEY_MASK
    (2, True)
    """
    found: dict[int, bool] = {}
    longest: tuple[int, int] = (-1, 0)
    for line in lines:
        if not WORDY.search(line):
            continue
        value = line_hash(line)
        size = len(normalize(line))
        if size > longest[0] or (size == longest[0] and value < longest[1]):
            longest = (size, value)
        if value not in found:
            found[value] = is_body(line)
        elif not found[value] and is_body(line):
            found[value] = True
    ordered = sorted(found)
    return Observation(longest[1] & KEY_MASK, tuple(ordered), tuple(found[h] for h in ordered))


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a recurring line is furniture (the ``site_template`` rule's numbers).

    A line that is no prose sentence goes when at least ``min_pages`` pages of its site, and
    at least ``min_share`` of them, carry it; a prose sentence (``body_words`` words or more,
    a ``body_stopwords`` share of stopwords) needs ``body_min_pages`` and ``body_min_share``.
    Either way, pages with two different page keys must carry it (two copies of one article
    teach nothing). ``rule`` and ``source`` name the rule the numbers came from.
    """

    min_pages: int = 2
    min_share: float = 0.0
    body_min_pages: int = 5
    body_min_share: float = 0.5
    body_words: int = 15
    body_stopwords: float = 0.3
    limit: int = DEFAULT_LIMIT
    rule: str = "templates.site-line"
    source: str = ""

    def furniture(self, count: int, pages: int, body: bool) -> bool:
        least, share = (
            (self.body_min_pages, self.body_min_share) if body else (self.min_pages, self.min_share)
        )
        return count >= least and count >= share * pages

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "min_pages": self.min_pages,
            "min_share": self.min_share,
            "body_min_pages": self.body_min_pages,
            "body_min_share": self.body_min_share,
            "body_words": self.body_words,
            "body_stopwords": self.body_stopwords,
            "limit": self.limit,
        }


class Learner:
    """Counts, per site, the pages each normalized line occurs on, in bounded memory.

    One table of entries, keyed by (site number, line hash) as one int, each packing the
    page count, the prose flag and the smallest and largest page key; plus each site's page
    total. Sites count against the cap too: ``limit`` bounds the sum of both.

    The cap, exactly: before a page is counted, if the table lacks room for one entry per
    line of the page and one for its site, the learner *prunes* until it has room: it finds
    the smallest count ``t`` such that the entries (line entries and sites) with a count of at
    most ``t`` make up at least a quarter of the table, and forgets them all. A forgotten line
    starts again from zero if it is seen again, so counts are only ever underestimated (a
    pruned line is kept, never removed by mistake); a forgotten site (whose lines all had
    counts of at most its page total, so were forgotten with it) starts again as if its pages
    so far had not been seen. Each prune frees at least a quarter of the table, so the cost
    stays linear in the input. A page with more lines than half the cap counts its first
    ``limit // 2 - 1`` (in hash order). ``pruned`` counts the prunes; when it is 0 the counts
    are exact, and cleaning the cleaned corpus again with templates learned from it changes
    nothing. Pages are added in input order, so the result is the same for any number of
    workers.
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 4:
            raise ValueError("the templates' limit must be at least 4 entries")
        self.limit = limit
        self.entries: dict[int, int] = {}
        self.sites: dict[str, int] = {}  # site -> pages
        self.numbers: dict[str, int] = {}  # site -> its number in entry keys
        self._next = 0
        self.pruned = 0

    def add(self, site: str, page: Observation) -> None:
        """Count one page of ``site``."""
        hashes, body = page.hashes, page.body
        most = self.limit // 2 - 1
        if len(hashes) > most:  # a page longer than half the table: its first lines count
            hashes, body = hashes[:most], body[:most]
        # Room for the page first, so that no prune falls in the middle of one.
        while len(self.entries) + len(self.sites) + len(hashes) + 1 > self.limit:
            self._prune()
        if site not in self.sites:
            self.sites[site] = 0
            self.numbers[site] = self._next
            self._next += 1
        self.sites[site] += 1
        base = self.numbers[site] << 64
        entries = self.entries
        for value, prose in zip(hashes, body, strict=True):
            key = base | value
            entry = entries.get(key)
            if entry is None:
                flag = BODY_BIT if prose else 0
                entries[key] = 1 | flag | page.key << LO_SHIFT | page.key << HI_SHIFT
                continue
            count = min((entry & COUNT_MASK) + 1, COUNT_MASK)
            lo = min((entry >> LO_SHIFT) & KEY_MASK, page.key)
            hi = max(entry >> HI_SHIFT, page.key)
            flag = (entry & BODY_BIT) | (BODY_BIT if prose else 0)
            entries[key] = count | flag | lo << LO_SHIFT | hi << HI_SHIFT

    def _prune(self) -> None:
        histogram: dict[int, int] = {}
        for entry in self.entries.values():
            count = entry & COUNT_MASK
            histogram[count] = histogram.get(count, 0) + 1
        for pages in self.sites.values():
            histogram[pages] = histogram.get(pages, 0) + 1
        target = (len(self.entries) + len(self.sites) + 3) // 4
        freed = 0
        threshold = 0
        for count in sorted(histogram):
            freed += histogram[count]
            threshold = count
            if freed >= target:
                break
        self.entries = {
            key: entry for key, entry in self.entries.items() if entry & COUNT_MASK > threshold
        }
        self.sites = {site: pages for site, pages in self.sites.items() if pages > threshold}
        self.numbers = {site: self.numbers[site] for site in self.sites}
        self.pruned += 1

    def decide(self, thresholds: Thresholds) -> Templates:
        """The furniture lines of every site, by ``thresholds``."""
        names = {number: site for site, number in self.numbers.items() if site in self.sites}
        lines: dict[str, dict[int, int]] = {}
        for key, entry in self.entries.items():
            site = names.get(key >> 64)
            if site is None:
                continue
            count = entry & COUNT_MASK
            distinct = (entry >> LO_SHIFT) & KEY_MASK != entry >> HI_SHIFT
            if distinct and thresholds.furniture(count, self.sites[site], bool(entry & BODY_BIT)):
                lines.setdefault(site, {})[key & ((1 << 64) - 1)] = count
        sites = {
            site: SiteTemplate(site, self.sites[site], dict(sorted(found.items())))
            for site, found in sorted(lines.items())
        }
        return Templates(sites, thresholds, pruned=self.pruned)


@dataclass(frozen=True, slots=True)
class SiteTemplate:
    """One site's furniture: its page total and its furniture lines' page counts by hash."""

    site: str
    pages: int
    lines: Mapping[int, int]

    def count(self, value: int) -> int:
        """On how many pages the line with this hash occurs, if it is furniture; else 0."""
        return self.lines.get(value, 0)

    def digest(self) -> str:
        """A digest of this site's template: the cache key of its documents holds it."""
        return hashlib.sha256(_site_line(self).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Templates:
    """What a corpus taught: per site, the lines that are furniture. Immutable."""

    sites: Mapping[str, SiteTemplate]
    thresholds: Thresholds = field(default_factory=Thresholds)
    pruned: int = 0

    def site(self, site: str | None) -> SiteTemplate | None:
        return self.sites.get(site) if site is not None else None

    def site_digest(self, site: str | None) -> str:
        """The digest of one site's template ("" for a site without one)."""
        found = self.site(site)
        return found.digest() if found is not None else ""

    def dumps(self) -> str:
        """The file's text: a header line, then one line per site in site order."""
        header = {
            "format": FORMAT,
            "version": VERSION,
            "normalization": NORMALIZATION,
            "thresholds": self.thresholds.to_dict(),
            "pruned": self.pruned,
            "sites": len(self.sites),
            "lines": sum(len(s.lines) for s in self.sites.values()),
        }
        rows = [_site_line(self.sites[name]) for name in sorted(self.sites)]
        body = ",\n".join(rows)
        head = json.dumps(header, ensure_ascii=False, sort_keys=True)[:-1]
        return (
            f'{head}, "site_lines": [\n{body}\n]}}\n' if rows else f'{head}, "site_lines": []}}\n'
        )

    def digest(self) -> str:
        """A digest of the whole file (the fingerprint of a cleaner that applies it)."""
        return hashlib.sha256(self.dumps().encode()).hexdigest()[:16]

    def save(self, path: Path) -> None:
        from cleaner.io import write_atomic

        write_atomic(path, self.dumps().encode())

    @classmethod
    def loads(cls, text: str, name: str = "<templates>") -> Templates:
        """Read a templates file's text; a :class:`TemplatesError` names the file."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise TemplatesError(f"{name}: not a templates file (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TemplatesError(
                f'{name}: not a templates file (no "format": {FORMAT!r}); make one with '
                "'cleaner templates learn PATHS --out FILE'"
            )
        if data.get("version") != VERSION:
            raise TemplatesError(
                f"{name}: templates format version {data.get('version')!r}, this cleaner reads "
                f"version {VERSION}; learn them again with 'cleaner templates learn'"
            )
        try:
            thresholds = Thresholds(**data["thresholds"])
            sites = {}
            for row in data["site_lines"]:
                lines = {int(value, 16): int(count) for value, count in row["lines"]}
                sites[row["site"]] = SiteTemplate(row["site"], int(row["pages"]), lines)
        except (KeyError, TypeError, ValueError) as exc:
            raise TemplatesError(f"{name}: damaged templates file ({exc!r})") from None
        return cls(dict(sorted(sites.items())), thresholds, int(data.get("pruned", 0)))

    @classmethod
    def load(cls, path: Path) -> Templates:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplatesError(f"{path}: cannot read templates: {exc}") from None
        return cls.loads(text, str(path))


def _site_line(site: SiteTemplate) -> str:
    rows = [[f"{value:016x}", count] for value, count in sorted(site.lines.items())]
    return json.dumps(
        {"site": site.site, "pages": site.pages, "lines": rows},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def merge_observations(
    learner: Learner, observed: Iterable[tuple[str | None, Observation | None]]
) -> None:
    """Add pages to ``learner`` in order; pages without a site or observation are skipped."""
    for site, page in observed:
        if site is not None and page is not None:
            learner.add(site, page)


__all__: Sequence[str] = (
    "Learner",
    "Observation",
    "SiteTemplate",
    "Templates",
    "TemplatesError",
    "Thresholds",
    "line_hash",
    "normalize",
    "observe",
)
