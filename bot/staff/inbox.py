"""The inbox: intakes urgent first, then newest; filters, search, counts, paging.

Paging is by keyset on the sort order ``(urgent DESC, created_at DESC, id
DESC)``, which the index ``staff_intakes_order`` serves directly: page 2,000
costs what page 1 costs. Counts per filter value are computed as Datasette
computes facets (each facet counted under all the *other* filters), from
one ``GROUP BY`` over the covering index ``staff_intakes_facets`` plus one
over the partial index ``staff_intakes_booked``, aggregated in Python, so a
page never reads the wide intake rows except for the 50 it shows. That
grouping is cached per connection until the database changes.

A search runs its full-text query once per view, into a temporary table of
hits; few hits are then looked up by id (``staff_intakes_by_id`` for the
counts), many are tested for membership while walking the same indexes.
"""
from __future__ import annotations

import base64
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import sqlite_utils

from bot import store
from bot import language as languages
from bot.situations import CATEGORIES
from bot.staff import search
from bot.staff.db import BOOKED_SQL, time_limit

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

#: The status workflow, in order, with labels.
STATUSES: Dict[str, str] = {
    "new": "New",
    "reviewed": "Reviewed",
    "contacted": "Contacted",
    "consultation_booked": "Consultation booked",
    "retained": "Retained",
    "declined": "Declined",
}

#: Callbacks are waiting while the intake is in one of these statuses.
CALLBACK_WAITING = ("new", "reviewed")

#: Above this many search hits, walk an index and test each entry's membership
#: instead of looking every hit up by id (for the page, and for the counts).
_MANY_HITS_PAGE = 1000
_MANY_HITS_COUNTS = 15000

_YES = {"1", "yes", "true", "on", "y"}
_NO = {"0", "no", "false", "off", "n"}

#: facet name -> column in the facet indexes
_FACET_COLUMNS = {
    "status": "status",
    "situation": "situation",
    "state": "state",
    "urgent": "urgent",
    "callback": "callback_requested",
    "language": "language",
}
FACETS = ("status", "situation", "state", "urgent", "booked", "callback", "language")


class FilterError(ValueError):
    pass


def _flag(value: Optional[str], name: str) -> Optional[bool]:
    if value is None or value == "":
        return None
    v = str(value).strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise FilterError(f"{name}: expected yes or no")


def _day(value: Optional[str], name: str) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterError(f"{name}: expected a date like 2026-11-28") from None


@dataclass(frozen=True)
class Filters:
    status: Optional[str] = None
    situation: Optional[str] = None
    state: Optional[str] = None
    urgent: Optional[bool] = None
    booked: Optional[bool] = None
    callback: Optional[bool] = None
    language: Optional[str] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    q: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Filters":
        """From query-string parameters; raises :class:`FilterError` for a bad value."""

        def text(name: str) -> Optional[str]:
            value = params.get(name)
            value = str(value).strip() if value is not None else ""
            return value or None

        status = text("status")
        if status and status not in STATUSES:
            raise FilterError("status: unknown status")
        situation = text("situation")
        if situation and situation not in CATEGORIES:
            raise FilterError("situation: unknown situation")
        state = text("state")
        if state and (len(state) > 40):
            raise FilterError("state: too long")
        language = text("language")
        if language and language not in languages.KNOWN:
            raise FilterError("language: unknown language")
        filters = cls(
            status=status,
            situation=situation,
            state=state,
            urgent=_flag(params.get("urgent"), "urgent"),
            booked=_flag(params.get("booked"), "booked"),
            callback=_flag(params.get("callback"), "callback"),
            language=language,
            date_from=_day(params.get("from"), "from"),
            date_to=_day(params.get("to"), "to"),
            q=(text("q") or "")[:200],
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise FilterError("from: the start date is after the end date")
        return filters

    def to_params(self) -> Dict[str, str]:
        """The query-string parameters that give these filters back (only those set)."""
        out: Dict[str, str] = {}
        for name in ("status", "situation", "state", "language"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        for name in ("urgent", "booked", "callback"):
            value = getattr(self, name)
            if value is not None:
                out[name] = "yes" if value else "no"
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.q:
            out["q"] = self.q
        return out

    def without(self, name: str) -> "Filters":
        cleared: Dict[str, Any] = {name: None if name != "q" else ""}
        return replace(self, **cleared)

    def with_(self, **values: Any) -> "Filters":
        return replace(self, **values)

    @property
    def any(self) -> bool:
        return bool(self.to_params())

    def describe(self) -> Dict[str, str]:
        """For the audit log: which filters were set (names and values, no search words)."""
        out = self.to_params()
        if "q" in out:
            out["q"] = f"<{len(self.q)} characters>"
        return out


@dataclass(frozen=True)
class Cursor:
    urgent: int
    created_at: str
    id: int

    def encode(self) -> str:
        raw = f"{self.urgent}|{self.created_at}|{self.id}".encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, token: Optional[str]) -> Optional["Cursor"]:
        if not token:
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")
            urgent, created_at, intake_id = raw.split("|")
            return cls(int(urgent), created_at, int(intake_id))
        except (ValueError, UnicodeDecodeError):
            raise FilterError("after: not a page cursor") from None


@dataclass
class Page:
    intakes: List[Dict[str, Any]]
    next_cursor: Optional[str]
    snippets: Dict[int, List[Tuple[str, bool]]] = field(default_factory=dict)


@dataclass
class Counts:
    total: int
    #: facet -> [(value, count)], most frequent first (status in workflow order)
    facets: Dict[str, List[Tuple[Any, int]]]


# --- SQL ----------------------------------------------------------------------------


def _zone() -> ZoneInfo:
    from bot.firm import firm

    return ZoneInfo(firm().time_zone)


def _utc_bound(day: date) -> str:
    """The firm's local midnight starting ``day``, as stored timestamps are written."""
    local = datetime.combine(day, time(0), tzinfo=_zone())
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None).isoformat() + "+00:00"


class _Where:
    def __init__(self) -> None:
        self.terms: List[str] = []
        self.params: List[Any] = []

    def add(self, term: str, *params: Any) -> None:
        self.terms.append(term)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.terms)) if self.terms else ""


class _Hits:
    """The intakes a search matches, materialised once per query in a temporary
    table of this connection (``temp.staff_hits``), so the page, the counts
    and the snippets do not each run the full-text query again."""

    def __init__(self, db: sqlite_utils.Database, filters: Filters) -> None:
        self.query = search.parse(filters.q)
        self.fts = self.query.fts
        self.count = 0
        if not self.fts:
            return
        conn = db.conn
        own = not conn.in_transaction
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS staff_hits (id INTEGER PRIMARY KEY)")
        # Refilling the table also changes this connection's total_changes, so the facet
        # counts cached for a search (``_groups``) are never reused for another run of it:
        # the hits may change without the intake database changing (transcripts in PostgreSQL).
        try:
            conn.execute("DELETE FROM temp.staff_hits")
            search.collect_hits(db, self.query)
            self.count = conn.execute("SELECT count(*) FROM temp.staff_hits").fetchone()[0]
        except BaseException:
            # e.g. PostgreSQL's transcript search ran past its time limit
            if own and conn.in_transaction:
                conn.rollback()
            raise
        if own and conn.in_transaction:
            conn.commit()  # only the temporary tables were written


def _base_where(filters: Filters, hits: Optional[_Hits], walk: bool = False) -> _Where:
    """Date range and search: the filters the facet GROUP BY cannot apply afterwards."""
    where = _Where()
    if filters.date_from:
        where.add("created_at >= ?", _utc_bound(filters.date_from))
    if filters.date_to:
        where.add("created_at < ?", _utc_bound(filters.date_to + timedelta(days=1)))
    if hits is not None and hits.fts:
        # Few hits: look each up by id. Many: walk the index and test membership.
        where.add(("+id" if walk else "id") + " IN temp.staff_hits")
    return where


def _full_where(filters: Filters, hits: Optional[_Hits], walk: bool = False) -> _Where:
    where = _base_where(filters, hits, walk)
    for name, column in _FACET_COLUMNS.items():
        value = getattr(filters, name)
        if value is None:
            continue
        if name == "urgent" and value:
            # 2 marks a person who may be in danger (bot.store.URGENT_SAFETY): urgent, and first.
            where.add("urgent >= ?", 1)
            continue
        where.add(f"{column} = ?", int(value) if isinstance(value, bool) else value)
    if filters.booked is True:
        where.add(BOOKED_SQL)
    elif filters.booked is False:
        where.add(f"NOT coalesce({BOOKED_SQL}, 0)")
    return where


_ORDER = "ORDER BY urgent DESC, created_at DESC, id DESC"


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any]) -> List[Dict[str, Any]]:
    cursor = db.conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _load(db: sqlite_utils.Database, ids: Sequence[int]) -> List[Dict[str, Any]]:
    """Full intakes (decoded, with their assigned attorney) in the order of ``ids``."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = {r["id"]: store.decode(r) for r in _rows(db, f"SELECT * FROM intakes WHERE id IN ({marks})", ids)}
    assigned = dict(
        db.conn.execute(f"SELECT intake_id, attorney_id FROM staff_assignments WHERE intake_id IN ({marks})", list(ids))
    )
    out = []
    for i in ids:
        if i in rows:
            rows[i]["assigned_to"] = assigned.get(i)
            rows[i]["booked"] = is_booked(rows[i])
            out.append(rows[i])
    return out


def is_booked(intake: Mapping[str, Any]) -> bool:
    booking = intake.get("booking")
    return isinstance(booking, dict) and booking.get("status") == "confirmed"


# --- public -----------------------------------------------------------------------------


def page(
    db: sqlite_utils.Database,
    filters: Filters,
    after: Optional[str] = None,
    limit: int = PAGE_SIZE,
    *,
    with_snippets: bool = True,
    hits: Optional[_Hits] = None,
) -> Page:
    """One page of the inbox; ``after`` is the previous page's ``next_cursor``."""
    limit = max(1, min(int(limit), MAX_PAGE_SIZE))
    cursor = Cursor.decode(after)
    with time_limit(db):
        hits = hits or _Hits(db, filters)
        where = _full_where(filters, hits, walk=hits.count > _MANY_HITS_PAGE)
        if cursor:
            where.add("(urgent, created_at, id) < (?, ?, ?)", cursor.urgent, cursor.created_at, cursor.id)
        keys = db.conn.execute(
            f"SELECT id, urgent, created_at FROM intakes{where.sql} {_ORDER} LIMIT ?", [*where.params, limit + 1]
        ).fetchall()
        more = len(keys) > limit
        keys = keys[:limit]
        intakes = _load(db, [k[0] for k in keys])
        snips = search.snippets(db, hits.query, [k[0] for k in keys]) if hits.fts and with_snippets else {}
    next_cursor = Cursor(int(keys[-1][1] or 0), keys[-1][2], keys[-1][0]).encode() if more and keys else None
    return Page(intakes=intakes, next_cursor=next_cursor, snippets=snips)


#: Facet groupings are cached per connection until the database changes
#: (``PRAGMA data_version`` for other connections' commits, ``total_changes``
#: for this one's): paging, and switching between filters that only narrow
#: by facet values, reuse one scan.
CACHE_COUNTS = True
_CACHE_SIZE = 16

_GROUP_COLUMNS = tuple(_FACET_COLUMNS.values())


#: ``(facet values, confirmed-booking count, other count)``.
_Group = Tuple[Tuple[Any, ...], int, int]


def _version(db: sqlite_utils.Database) -> Tuple[int, int]:
    return (db.conn.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes)


def _groups(db: sqlite_utils.Database, filters: Filters, hits: _Hits) -> List[_Group]:
    """``(facet values, confirmed-booking count, other count)`` per combination of facet
    values, for the intakes in the date range and search results."""
    key = (filters.date_from, filters.date_to, hits.fts)
    cache: Optional[OrderedDict[Tuple[object, ...], Tuple[Tuple[int, int], List[_Group]]]]
    cache = getattr(db, "_staff_facet_cache", None)
    if cache is None:
        cache = OrderedDict()
        # lives and dies with this connection: an attribute of our own on sqlite_utils' Database
        db._staff_facet_cache = cache  # type: ignore[attr-defined]
    version = _version(db)
    if CACHE_COUNTS and key in cache and cache[key][0] == version:
        cache.move_to_end(key)
        return cache[key][1]
    columns = ", ".join(_GROUP_COLUMNS)
    many = hits.count > _MANY_HITS_COUNTS
    dated = _narrow_dates(db, filters)
    where = _base_where(filters, hits, walk=True)
    booked_where = _base_where(filters, hits, walk=True)
    booked_where.add(BOOKED_SQL)
    if hits.fts and not many:
        # Few hits: from each hit to its entry in the narrow by-id index.
        plain = _base_where(filters, None)
        plain_sql = (" AND " + " AND ".join(plain.terms)) if plain.terms else ""
        all_sql = (
            f"SELECT {columns}, count(*) FROM temp.staff_hits h CROSS JOIN intakes INDEXED BY staff_intakes_by_id "
            f"ON intakes.id = h.id WHERE 1{plain_sql} GROUP BY {columns}"
        )
        all_params = plain.params
    else:
        index = "staff_intakes_by_date" if dated else "staff_intakes_facets"
        all_sql = f"SELECT {columns}, count(*) FROM intakes INDEXED BY {index}{where.sql} GROUP BY {columns}"
        all_params = where.params
    booked_index = "staff_intakes_booked_by_date" if dated else "staff_intakes_booked"
    booked_sql = f"SELECT {columns}, count(*) FROM intakes INDEXED BY {booked_index}{booked_where.sql} GROUP BY {columns}"
    with time_limit(db):
        everything = db.conn.execute(all_sql, all_params).fetchall()
        booked = {row[:-1]: row[-1] for row in db.conn.execute(booked_sql, booked_where.params)}
    groups = []
    for row in everything:
        values, n = row[:-1], row[-1]
        yes = booked.get(values, 0)
        groups.append((values, yes, n - yes))
    cache[key] = (version, groups)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return groups


def _narrow_dates(db: sqlite_utils.Database, filters: Filters) -> bool:
    """Does the date range hold a small part of the intakes (so that reading just
    that range, then grouping, beats walking the whole facet index in order)?
    Estimated from the oldest and newest intake, as if intakes came evenly."""
    if not (filters.date_from or filters.date_to):
        return False
    first = db.conn.execute("SELECT min(created_at) FROM intakes").fetchone()[0]
    last = db.conn.execute("SELECT max(created_at) FROM intakes").fetchone()[0]
    if not first or not last or first >= last:
        return True
    try:
        lo, hi = datetime.fromisoformat(first), datetime.fromisoformat(last)
        start = datetime.fromisoformat(_utc_bound(filters.date_from)) if filters.date_from else lo
        end = datetime.fromisoformat(_utc_bound(filters.date_to + timedelta(days=1))) if filters.date_to else hi
    except ValueError:
        return False
    covered = (min(end, hi) - max(start, lo)).total_seconds()
    return covered / (hi - lo).total_seconds() < 0.3


def counts(db: sqlite_utils.Database, filters: Filters, *, hits: Optional[_Hits] = None) -> Counts:
    """How many intakes match, and how many would match each value of each facet
    (counted under all the other filters, as Datasette counts facets)."""
    hits = hits or _Hits(db, filters)
    groups = _groups(db, filters, hits)
    wanted = []
    for i, name in enumerate(_FACET_COLUMNS):
        value = getattr(filters, name)
        if value is not None:
            wanted.append((i, name, int(value) if isinstance(value, bool) else value))
    facet_names = list(_FACET_COLUMNS)
    tallies: Dict[str, Dict[Any, int]] = {name: defaultdict(int) for name in FACETS}
    total = 0
    booked_filter = filters.booked
    for values, yes, no in groups:
        failed = None
        failures = 0
        for i, name, value in wanted:
            have = values[i]
            if (bool(have) if isinstance(value, int) and name in ("urgent", "callback") else have) != value:
                failures += 1
                failed = name
                if failures > 1:
                    break
        if failures > 1:
            continue
        weight = yes if booked_filter is True else no if booked_filter is False else yes + no
        if failures == 1:
            # counts only for the facet it fails, at its own value
            assert failed is not None  # set with the one failure
            if weight:
                tallies[failed][_facet_value(failed, values[facet_names.index(failed)])] += weight
            continue
        # matches every facet filter
        tallies["booked"][True] += yes
        tallies["booked"][False] += no
        if not weight:
            continue
        total += weight
        for i, name in enumerate(facet_names):
            tallies[name][_facet_value(name, values[i])] += weight
    facets = {name: _ordered(name, tallies[name]) for name in FACETS}
    return Counts(total=total, facets=facets)


def _facet_value(name: str, value: Any) -> Any:
    return bool(value) if name in ("urgent", "callback") else value


def _ordered(name: str, tally: Mapping[Any, int]) -> List[Tuple[Any, int]]:
    if name == "status":
        known = [(s, tally.get(s, 0)) for s in STATUSES]
        return known + [(k, v) for k, v in tally.items() if k not in STATUSES and v]
    if name in ("urgent", "booked", "callback"):
        return [(True, tally.get(True, 0)), (False, tally.get(False, 0))]
    items = [(k, v) for k, v in tally.items() if v]
    return sorted(items, key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))


def view(db: sqlite_utils.Database, filters: Filters, after: Optional[str] = None, limit: int = PAGE_SIZE) -> Tuple[Page, Counts]:
    """The page and the counts of one inbox view, running the search once."""
    hits = _Hits(db, filters)
    return page(db, filters, after, limit, hits=hits), counts(db, filters, hits=hits)


def callback_queue(db: sqlite_utils.Database, limit: int = 10) -> Tuple[List[Dict[str, Any]], int]:
    """Callbacks still waiting (requested, intake new or reviewed): urgent first, then
    longest waiting. Returns ``(first `limit`, how many in all)``."""
    marks = ", ".join("?" for _ in CALLBACK_WAITING)
    where = f"callback_requested = 1 AND status IN ({marks})"
    total = db.conn.execute(f"SELECT count(*) FROM intakes WHERE {where}", CALLBACK_WAITING).fetchone()[0]
    ids = [
        r[0]
        for r in db.conn.execute(
            f"SELECT id FROM intakes WHERE {where} ORDER BY urgent DESC, created_at ASC, id ASC LIMIT ?",
            [*CALLBACK_WAITING, limit],
        )
    ]
    return _load(db, ids), total


def iter_filtered(db: sqlite_utils.Database, filters: Filters, batch: int = 500) -> Iterator[Dict[str, Any]]:
    """Every intake matching ``filters``, in inbox order, decoded (for exports)."""
    after: Optional[str] = None
    hits = _Hits(db, filters)
    while True:
        result = page(db, filters, after=after, limit=batch, with_snippets=False, hits=hits)
        yield from result.intakes
        if not result.next_cursor:
            return
        after = result.next_cursor


def export_rows(db: sqlite_utils.Database, filters: Filters) -> Iterator[Dict[str, Any]]:
    """Export rows (exactly ``intake export``'s fields) of the filtered inbox."""
    for intake in iter_filtered(db, filters, batch=MAX_PAGE_SIZE):
        yield store.export_row(intake)
