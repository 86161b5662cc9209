"""Importing posted updates: RSS/Atom feeds (file or URL) and folders of Markdown.

An import runs in three steps, so that a bad source never half-imports:

1. **Read and check** every post of the source (:func:`load_source`). Any
   problem (malformed XML, broken front matter, a missing title, URL or date,
   an unknown category or jurisdiction, two posts with one URL) is collected
   with the name of the file or feed entry; if there is any,
   :class:`ImportFailed` is raised listing them all and nothing is written.
2. **Infer** the categories and jurisdictions of new or edited posts whose
   source does not give them (``bot.updates.infer``).
3. **Write** every post in one transaction (``library.upsert_post``, keyed
   on URL): new posts are added, edited ones updated in place, unchanged ones
   (same content hash) skipped.

Front matter of a Markdown post::

    title: "DACA renewals: what to check"     # required
    slug: daca-renewals                        # or url: https://... (one is required)
    date: 2025-02-10                           # required, ISO date
    summary: One line for the card.            # optional: else the first paragraph
    categories: [humanitarian]                 # optional: else inferred
    jurisdictions: [US]                        # optional: US, IL or "Chicago, IL"; else inferred

A ``slug`` becomes ``<website_origin>/updates/<slug>`` (``website_origin`` from
``firm.yml``). In feeds, entry categories named like a situation category
(``detention``, ``family``...) are used as categories (source ``feed``); other
feed categories are ignored and the categories inferred.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import feedparser
import frontmatter
import sqlite_utils
import yaml

from bot.situations import CATEGORIES
from bot.store import utcnow
from bot.updates import infer, library
from bot.updates import jurisdictions as jur

FRONT_MATTER = "front matter"
FEED = "feed"
INFERRED = "inferred"

SUMMARY_CHARS = 240
FETCH_TIMEOUT_SECONDS = 20
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~/-]*$")


class ImportFailed(Exception):
    """A source could not be imported; ``problems`` are ``"name: reason"`` lines."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class SourcePost:
    """One post as its source gives it, checked, before inference."""

    name: str  # file name or "feed entry N" (for messages)
    url: str
    title: str
    published: str
    summary: str
    body: str
    categories: Optional[List[str]]
    jurisdictions: Optional[List[str]]
    given_by: str  # FRONT_MATTER or FEED
    source: str

    def content_hash(self) -> str:
        needs_inference = self.categories is None or self.jurisdictions is None
        payload = {
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "summary": self.summary,
            "body": self.body,
            "categories": self.categories,
            "jurisdictions": self.jurisdictions,
            "infer_version": infer.INFER_VERSION if needs_inference else None,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class ImportReport:
    source: str
    added: List[str] = field(default_factory=list)
    changed: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return len(self.added) + len(self.changed) + len(self.unchanged)


# --- text helpers -------------------------------------------------------------


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: List[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(markup or "")
    parser.close()
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


_MD_RULES = [
    (re.compile(r"^```.*?^```", re.S | re.M), ""),  # code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # quotes
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),  # bullets
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
]


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown (enough for search and summaries)."""
    text = markdown or ""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    # Keep list items on their own lines inside a paragraph.
    return _tidy(html.unescape(text))


_WP_FOOTER = re.compile(r"\s*The post .{1,300}? appeared first on .{1,200}?\.\s*$", re.S)


def first_paragraph(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph, cut at a word boundary to ``limit`` characters."""
    para = (text or "").strip().split("\n\n", 1)[0].strip()
    if len(para) <= limit:
        return para
    cut = para[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


# --- checking fields ------------------------------------------------------------


def _as_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
    raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD)")


def _as_list(value: Any, what: str) -> List[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{what} must be a list of names")
    return [v.strip() for v in value]


def check_categories(value: Any) -> List[str]:
    names = [v.lower() for v in _as_list(value, "categories")]
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown categories {', '.join(unknown)} (known: {', '.join(CATEGORIES)})")
    if not names:
        raise ValueError("categories is empty")
    return list(dict.fromkeys(names))


def check_jurisdictions(value: Any) -> List[str]:
    labels = jur.normalize_all(_as_list(value, "jurisdictions"))
    if not labels:
        raise ValueError("jurisdictions is empty")
    return labels


def _check_url(url: Any) -> str:
    if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url.strip()):
        raise ValueError(f"url {url!r} is not an http(s) URL")
    return url.strip()


# --- Markdown ---------------------------------------------------------------------


def parse_markdown(path: Path, website_origin: str) -> SourcePost:
    """One Markdown post; raises ``ValueError`` with the reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason})") from exc
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ValueError(f"front matter is not valid YAML{where}: {reason}") from exc
    meta = post.metadata
    if not meta:
        raise ValueError("no front matter (expected a --- block with title, slug or url, and date)")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("missing title")
    if meta.get("url"):
        url = _check_url(meta["url"])
    elif meta.get("slug"):
        slug = str(meta["slug"]).strip().strip("/")
        if not _SLUG.match(slug):
            raise ValueError(f"slug {slug!r} has characters a URL path cannot have")
        url = f"{website_origin.rstrip('/')}/updates/{slug}"
    else:
        raise ValueError("missing url or slug")
    if meta.get("date") in (None, ""):
        raise ValueError("missing date")
    published = _as_date(meta["date"])
    body = markdown_to_text(post.content)
    if not body:
        raise ValueError("empty body")
    summary = meta.get("summary")
    if summary is not None and not isinstance(summary, str):
        raise ValueError("summary must be text")
    return SourcePost(
        name=path.name,
        url=url,
        title=" ".join(title.split()),
        published=published,
        summary=" ".join(summary.split()) if summary else first_paragraph(body),
        body=body,
        categories=check_categories(meta["categories"]) if meta.get("categories") is not None else None,
        jurisdictions=check_jurisdictions(meta["jurisdictions"]) if meta.get("jurisdictions") is not None else None,
        given_by=FRONT_MATTER,
        source=str(path),
    )


def load_markdown_folder(folder: Path, website_origin: str) -> List[SourcePost]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".md", ".markdown"))
    if not files:
        raise ImportFailed([f"{folder}: no Markdown (.md) files"])
    posts, problems = [], []
    for path in files:
        try:
            posts.append(parse_markdown(path, website_origin))
        except ValueError as exc:
            problems.append(f"{path.name}: {exc}")
    if problems:
        raise ImportFailed(problems)
    return posts


# --- feeds -------------------------------------------------------------------------

#: feedparser "bozo" conditions that do not make a feed unusable.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _entry_date(entry: Any) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    raw = entry.get("published") or entry.get("updated")
    if raw:
        raise ValueError(f"date {raw!r} could not be read")
    raise ValueError("missing date (pubDate, published or updated)")


def parse_feed(data: bytes, name: str) -> List[SourcePost]:
    """Every entry of an RSS or Atom document; raises :class:`ImportFailed`."""
    parsed = feedparser.parse(data)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, _HARMLESS):
        reason = re.sub(r"^<unknown>:\d+:\d+:\s*", "", str(exc)) or exc.__class__.__name__
        line = getattr(exc, "getLineNumber", lambda: None)()
        where = f"line {line}: " if line else ""
        if parsed.get("version"):
            raise ImportFailed([f"{name}: malformed feed ({where}{reason})"])
        raise ImportFailed([f"{name}: not an RSS or Atom feed ({where}{reason})"])
    if not parsed.get("version"):
        raise ImportFailed([f"{name}: not an RSS or Atom feed"])
    posts, problems = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        label = f"{name} entry {number}"
        try:
            title = html_to_text(entry.get("title", "")).replace("\n\n", " ")
            if not title:
                raise ValueError("missing title")
            label = f"{name} entry {number} ({title})"
            url = _check_url(entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None))
            published = _entry_date(entry)
            content = entry.get("content") or []
            summary_html = entry.get("summary", "")
            body = html_to_text(content[0].get("value", "")) if content else html_to_text(summary_html)
            body = _WP_FOOTER.sub("", body)
            if not body:
                raise ValueError("empty content")
            summary = _WP_FOOTER.sub("", html_to_text(summary_html)) if summary_html else ""
            summary = first_paragraph((summary or body).replace(" [\u2026]", "\u2026"))
            terms = [str(t.get("term", "")).strip().lower() for t in entry.get("tags", [])]
            given = [t for t in terms if t in CATEGORIES]
            posts.append(
                SourcePost(
                    name=label,
                    url=url,
                    title=title,
                    published=published,
                    summary=summary,
                    body=body,
                    categories=list(dict.fromkeys(given)) or None,
                    jurisdictions=None,
                    given_by=FEED,
                    source=name,
                )
            )
        except ValueError as err:
            problems.append(f"{label}: {err}")
    if problems:
        raise ImportFailed(problems)
    return posts


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "intake-assistant updates importer"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            body: bytes = response.read()
            return body
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ImportFailed([f"{url}: could not be fetched ({reason})"]) from exc


def load_source(source: Union[str, Path], website_origin: str) -> List[SourcePost]:
    """Every post of a source, checked; raises :class:`ImportFailed` listing all problems."""
    text = str(source)
    if re.match(r"^https?://", text, re.I):
        posts = parse_feed(_fetch(text), text)
    else:
        path = Path(source)
        if path.is_dir():
            posts = load_markdown_folder(path, website_origin)
        elif not path.exists():
            raise ImportFailed([f"{path}: no such file or folder"])
        elif path.suffix.lower() in (".md", ".markdown"):
            try:
                posts = [parse_markdown(path, website_origin)]
            except ValueError as exc:
                raise ImportFailed([f"{path.name}: {exc}"]) from exc
        else:
            posts = parse_feed(path.read_bytes(), path.name)
    seen: Dict[str, str] = {}
    problems = []
    for post in posts:
        if post.url in seen:
            problems.append(f"{post.name}: same url as {seen[post.url]} ({post.url})")
        seen.setdefault(post.url, post.name)
    if problems:
        raise ImportFailed(problems)
    return posts


# --- the import ---------------------------------------------------------------------


def _complete(post: SourcePost, finder: Optional[infer.PlaceFinder]) -> Dict[str, Any]:
    """The row for ``library.upsert_post``, inferring what the source left out."""
    if post.categories is not None:
        categories, categories_source = post.categories, post.given_by
    else:
        categories, categories_source = infer.infer_categories(post.title, post.summary, post.body), INFERRED
    if post.jurisdictions is not None:
        labels, labels_source = post.jurisdictions, post.given_by
    else:
        labels = infer.infer_jurisdictions(post.title, post.summary, post.body, finder=finder)
        labels_source = INFERRED
    return {
        "url": post.url,
        "title": post.title,
        "published": post.published,
        "summary": post.summary,
        "body": post.body,
        "categories": categories,
        "jurisdictions": labels,
        "categories_source": categories_source,
        "jurisdictions_source": labels_source,
        "content_hash": post.content_hash(),
        "source": post.source,
    }


def import_source(
    db: sqlite_utils.Database,
    source: Union[str, Path],
    website_origin: Optional[str] = None,
    finder: Optional[infer.PlaceFinder] = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import a feed (file or URL), a Markdown folder or one Markdown file.

    All or nothing: raises :class:`ImportFailed` (nothing written) when any post
    of the source has a problem. ``finder`` replaces the spaCy place finder
    (tests); ``website_origin`` defaults to the firm profile's.
    """
    if website_origin is None:
        from bot.firm import firm

        website_origin = firm().website_origin
    library.ensure_schema(db)
    posts = load_source(source, website_origin)
    report = ImportReport(source=str(source), dry_run=dry_run)
    known = library.existing_hashes(db, [p.url for p in posts])
    rows, problems = [], []
    for post in posts:
        if known.get(post.url) == post.content_hash():
            report.unchanged.append(post.title)
            continue
        try:
            rows.append(_complete(post, finder))
        except infer.PlacesUnavailable as exc:
            problems.append(f"{post.name}: cannot infer jurisdictions: {exc}")
        (report.changed if post.url in known else report.added).append(post.title)
    if problems:
        raise ImportFailed(problems)
    if not dry_run and rows:
        now = utcnow()
        with db.atomic():
            for row in rows:
                library.upsert_post(db, row, now)
    return report
