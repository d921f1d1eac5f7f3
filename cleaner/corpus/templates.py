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

Two copies of one article (syndicated news, a re-crawl) must keep their whole text. What
tells a copy from another article of the site is its article prose: a page is a copy of an
earlier *story* of its site when more than half (``story_share``) of its article prose lines
(its prose inside the article span, or all its prose where no span is found; with fewer than
three, ``prose_lines``, its longest line too) were first seen on that story's pages, not
counting prose already known to recur on several stories (a newsletter prompt); otherwise it
starts a story of its own. A re-crawl that drifts version by version (an updated figure, a
corrected name, paragraphs added) stays in its story, since each version shares most of its
prose with the versions before. A menu is the same on every page too, but the pages
carrying it share no article prose. A line counts as recurring only when pages of two
stories carry it. A line inside the article span (a subheading, a recurring quote) needs the
strong evidence a prose sentence needs.

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
# ... then whether the line needs strong evidence (a prose sentence, or inside the article
# span on some page) ...
STRONG_BIT = 1 << COUNT_BITS
# ... then whether pages of two stories carry it ...
DISTINCT_BIT = 1 << (COUNT_BITS + 1)
STORY_SHIFT = COUNT_BITS + 2  # ... then the story of the first page carrying it.
# A page with fewer article prose lines adds its longest line to them (the site_template
# rule's prose_lines; this is its default).
FEW = 3


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
    """What one page tells the learner: its distinct counted lines (hashes, ascending) with,
    for each, whether it needs strong evidence (a prose sentence, or a line inside the article
    span), and its article prose (hashes, ascending), which tells whose copy it is."""

    hashes: tuple[int, ...]
    strong: tuple[bool, ...]
    prose: tuple[int, ...]


def observe(
    lines: Iterable[str],
    is_body: Callable[[str], bool] = lambda _: False,
    inside: Iterable[bool] | None = None,
    few: int = FEW,
) -> Observation:
    """The observation of a page from its lines as the template step sees them.

    ``inside`` says, line by line, which lines lie inside the article span. The article
    prose is the prose lines inside the span (all of them where none is inside: a page kept
    whole, or no span found); with fewer than ``few`` lines, its longest line (most
    characters of its normalized form, then the smallest hash) too: a page whose only prose
    is a prompt on every page is told apart by its own longest line.

    >>> page = observe(["Home", "A long paragraph of the article.", "Home", "---"])
    >>> len(page.hashes), page.prose == (line_hash("A long paragraph of the article."),)
    (2, True)
    """
    found: dict[int, bool] = {}
    prose: set[int] = set()
    within_prose: set[int] = set()
    longest: tuple[int, int] = (-1, 0)
    flags = iter(inside) if inside is not None else None
    for line in lines:
        within = next(flags, False) if flags is not None else False
        if not WORDY.search(line):
            continue
        value = line_hash(line)
        size = len(normalize(line))
        if size > longest[0] or (size == longest[0] and value < longest[1]):
            longest = (size, value)
        body = is_body(line)
        if body:
            prose.add(value)
            if within:
                within_prose.add(value)
        found[value] = found.get(value, False) or body or within
    article = within_prose or prose
    if len(article) < few and found:
        article = article | {longest[1]}
    ordered = sorted(found)
    return Observation(tuple(ordered), tuple(found[h] for h in ordered), tuple(sorted(article)))


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a recurring line is furniture (the ``site_template`` rule's numbers).

    A line that is no prose sentence goes when at least ``min_pages`` pages of its site, and
    at least ``min_share`` of them, carry it; a prose sentence (``body_words`` words or more,
    a ``body_stopwords`` share of stopwords) or a line inside the article span on some page
    needs ``body_min_pages`` and ``body_min_share``. Either way, pages that are no copies of
    each other must carry it (two copies of one article teach nothing). ``story_share`` and
    ``prose_lines`` are the learner's (see :class:`Learner`, :func:`observe`). ``rule`` and
    ``source`` name the rule the numbers came from.
    """

    min_pages: int = 2
    min_share: float = 0.0
    body_min_pages: int = 5
    body_min_share: float = 0.5
    body_words: int = 15
    body_stopwords: float = 0.3
    limit: int = DEFAULT_LIMIT
    story_share: float = 0.5
    prose_lines: int = FEW
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
            "story_share": self.story_share,
            "prose_lines": self.prose_lines,
        }


class Learner:
    """Counts, per site, the pages each normalized line occurs on, in bounded memory.

    One table of entries, keyed by (site number, line hash) as one int, each packing the
    page count, the strong-evidence flag, whether pages of two stories carry it, and the
    story of the first page that does (the number, among its site's pages, of the story's
    first page); plus each site's page total. Sites count against the cap too: ``limit``
    bounds the sum of both.

    A page's story: the earlier story on whose pages more than ``story_share`` (half, as
    shipped) of the page's article prose was first seen (prose lines that pages of two
    stories carry do not count), or a story of its own. Each version of a drifting re-crawl
    shares most of its prose with the ones before, so it joins their story, whichever of
    them it is compared with.

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

    def __init__(self, limit: int = DEFAULT_LIMIT, *, story_share: float = 0.5) -> None:
        if limit < 4:
            raise ValueError("the templates' limit must be at least 4 entries")
        self.limit = limit
        self.story_share = story_share
        self.entries: dict[int, int] = {}
        self.sites: dict[str, int] = {}  # site -> pages
        self.numbers: dict[str, int] = {}  # site -> its number in entry keys
        self._next = 0
        self.pruned = 0

    def add(self, site: str, page: Observation) -> None:
        """Count one page of ``site``."""
        hashes, strong = page.hashes, page.strong
        most = self.limit // 2 - 1
        if len(hashes) > most:  # a page longer than half the table: its first lines count
            hashes, strong = hashes[:most], strong[:most]
        # Room for the page first, so that no prune falls in the middle of one.
        while len(self.entries) + len(self.sites) + len(hashes) + 1 > self.limit:
            self._prune()
        if site not in self.sites:
            self.sites[site] = 0
            self.numbers[site] = self._next
            self._next += 1
        base = self.numbers[site] << 64
        entries = self.entries
        story = self._story(base, page.prose, self.sites[site])
        self.sites[site] += 1
        fresh = story << STORY_SHIFT
        for value, needs in zip(hashes, strong, strict=True):
            key = base | value
            entry = entries.get(key)
            flag = STRONG_BIT if needs else 0
            if entry is None:
                entries[key] = 1 | flag | fresh
                continue
            count = min((entry & COUNT_MASK) + 1, COUNT_MASK)
            if not entry & DISTINCT_BIT and entry >> STORY_SHIFT != story:
                flag |= DISTINCT_BIT
            entries[key] = (entry & ~COUNT_MASK) | count | flag

    def _story(self, base: int, prose: Sequence[int], number: int) -> int:
        """The story of a page of the site numbered ``base >> 64``, its ``number``-th page."""
        shared: dict[int, int] = {}
        counted = 0
        for value in prose:
            entry = self.entries.get(base | value)
            if entry is None:
                counted += 1
            elif not entry & DISTINCT_BIT:  # prose of two stories (a prompt) tells nothing
                counted += 1
                first = entry >> STORY_SHIFT
                shared[first] = shared.get(first, 0) + 1
        if not shared:
            return number
        best = min(shared, key=lambda first: (-shared[first], first))
        return best if shared[best] > self.story_share * counted else number

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
            strong = bool(entry & STRONG_BIT)
            if entry & DISTINCT_BIT and thresholds.furniture(count, self.sites[site], strong):
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
