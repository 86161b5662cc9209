"""Dates as visitors type them ("next monday", "dec 3", "3 days ago"; "el lunes pasado"): parsedatetime, and Duckling for Spanish."""
from __future__ import annotations

import calendar
import logging
import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from types import ModuleType
from typing import List, Optional, Tuple

import parsedatetime

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _calendar() -> parsedatetime.Calendar:
    return parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)


# --- Spanish: Duckling ----------------------------------------------------------
# parsedatetime reads English only ("el 3 de enero a las 9am" came back as
# today). Duckling, the parser behind Rasa's DucklingEntityExtractor, runs in
# process through pyduckling-native-phihos and reads visitors' Spanish ("mañana
# a las 10", "el lunes", "pasado mañana", "15 de diciembre") right; it is used
# for messages with Spanish date words. It needs the system zoneinfo.

_SPANISH_DATE_WORDS = re.compile(
    r"\b(?:manana|pasado manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo|enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|proxim[oa]|semana|dias?|hoy|ayer)\b"
)
_ZONEINFO = "/usr/share/zoneinfo"
_DAY_GRAINS = ("day", "hour", "minute", "second")


@lru_cache(maxsize=1)
def _duckling() -> Tuple[ModuleType, object, object]:
    """The duckling module, the system's time zones and the time dimension, loaded once."""
    import duckling

    return duckling, duckling.load_time_zones(_ZONEINFO), duckling.parse_dimensions(["time"])


#: Words Duckling reads as "now" that are not a time in a visitor's Spanish: "ya" is "already"
#: ("el juez ya me dio fecha").
_NOT_A_TIME_ES = frozenset({"ya"})


#: Tomorrow in Spanish, not "la mañana" (the morning).
_TOMORROW_ES = re.compile(r"(?<!la )(?<!las )\bmanana\b")


def _duckling_days(text: str, today: date) -> List[date]:
    """The days Duckling reads in Spanish ``text`` (intervals by their start), relative to ``today``."""
    try:
        duckling, zones, dimensions = _duckling()
    except Exception:  # noqa: BLE001 - no system zoneinfo: the English reader still answers
        log.warning("Duckling could not load the system time zones; Spanish dates are not read")
        return []
    noon = datetime.combine(today, time(12, 0)).replace(tzinfo=timezone.utc)
    context = duckling.Context(duckling.parse_ref_time(zones, "UTC", int(noon.timestamp())),
                               duckling.default_locale_lang(duckling.parse_lang("ES")))
    days: List[date] = []
    # "me cambió la cita al 4 de enero": Duckling reads "al 4" as four o'clock; "a las 6 de la manana", typed
    # without its ñ, as tomorrow; "el 28 de nov" not as a month
    text = re.sub(r"\bal (\d{1,2}) de\b", r"el \1 de", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(de|en|por) la manana\b", r"\1 la mañana", text, flags=re.IGNORECASE)
    text = halves(_months_in_full(text))  # ("en dos semanas y media": 17 days, not two weeks)
    for found in duckling.parse(text, context, dimensions, False):
        if plain(found.get("body") or "") in _NOT_A_TIME_ES:
            continue
        value = found.get("value") or {}
        if value.get("type") == "interval":
            value = value.get("from") or {}
        if value.get("grain") in _DAY_GRAINS and value.get("value"):
            day = date.fromisoformat(value["value"][:10])
            if value.get("grain") in ("hour", "minute") and day == today + timedelta(days=1) \
                    and not _TOMORROW_ES.search(plain(text)):
                day = today  # "a las 6 de la mañana", a time of day only: Duckling takes the next one, tomorrow
            days.append(day)
    return days


def spanish_date(text: str, today: date) -> Optional[date]:
    """The one day a Spanish message names ("mañana a las 10", "el 15 de diciembre"); None otherwise."""
    text = _months_in_full(text or "")
    if not _SPANISH_DATE_WORDS.search(plain(text)):
        return None
    days = set(_duckling_days(text, today))
    return days.pop() if len(days) == 1 else None


#: A week of a month, not a day ("the 2nd week of january", "la primera semana de enero"): parsedatetime
#: would read the ordinal as the day.
_WEEK_OF_MONTH = re.compile(
    r"\b(?:1st|2nd|3rd|4th|first|second|third|fourth|last|primera|segunda|tercera|cuarta|ultima) (?:week|semana) (?:of|de|del) "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre|next month|this month|el mes|este mes|the month)"
    # "in may, the 2nd week i think": a week, the month said apart (not the 2nd of a month)
    r"|\b(?:1st|2nd|3rd|4th|first|second|third|fourth|primera|segunda|tercera|cuarta) (?:week|semana)\b(?! (?:of|de|del) )")


#: A date corrected in the same reply: "the 10th but they moved it to the 18th", "el 11, no perdon el 12 de enero".
_CORRECTED = re.compile(r"\b(?:moved (?:it )?(?:to|for)|changed (?:it )?(?:to|for)|rescheduled (?:it )?(?:to|for)|now (?:it'?s|its|is)"
                        r"|no,? (?:sorry|perd[oó]n|wait|espera)|no mejor|i mean|quiero decir|(?:la|lo) (?:cambiaron|movieron|pasaron) (?:para|al|a))\b",
                        re.IGNORECASE)
#: A time ahead with no day: "next month", "el otro mes", "in a few weeks".
_LATER = re.compile(r"\b(?:next month|(?:el |del )?(?:mes que viene|proximo mes|siguiente mes|otro mes)|months?|meses|weeks|semanas)\b")
#: Spanish months typed short after "de": "el 16 de dic", "2 de ene".
_SHORT_SPANISH_MONTH = re.compile(r"\b(de|del) (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b\.?"
                                  # ... or right after the day, where only the Spanish ones differ from English: "18 dic"
                                  r"|\b(\d{1,2}) (ene|abr|dic)\b\.?"
                                  # ... or before it: "dic 18", "ene 5"
                                  r"|\b(ene|abr|dic)\.? (\d{1,2})\b(?!:)", re.IGNORECASE)
_SPANISH_MONTHS = {"ene": "enero", "feb": "febrero", "mar": "marzo", "abr": "abril", "may": "mayo", "jun": "junio", "jul": "julio",
                   "ago": "agosto", "sep": "septiembre", "sept": "septiembre", "oct": "octubre", "nov": "noviembre", "dic": "diciembre"}
#: A day written first ("15/12"): only when it cannot be a month.
_DAY_FIRST = re.compile(r"\b(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])\b(?!/)")


_WEEK_FROM_DAY = re.compile(r"\b(a|one|1|two|2|three|3) weeks? (?:from|after) (?:this |next |el )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_WEEKS_COUNT = {"a": 1, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3}


#: "the 2nd friday from today", "el segundo viernes a partir de hoy": a weekday counted from now.
_NTH_WEEKDAY_FROM = re.compile(
    r"\b(1st|first|primer|primero|2nd|second|segundo|3rd|third|tercer|tercero|4th|fourth|cuarto)\s+(monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\s+(?:from|after|a partir de|despues de|desde)\s+"
    r"(?:today|now|right now|hoy|ahora|ahorita)\b")
#: "two weeks from tomorrow", "dentro de dos semanas a partir de mañana": counted from tomorrow, not today.
_FROM_TOMORROW = re.compile(
    r"\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+"
    r"(days?|weeks?|dias?|semanas?)\s+(?:from|after|a partir de|despues de|contando desde|desde)\s+(?:tomorrow|manana)\b")
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "uno": 1, "two": 2, "dos": 2, "three": 3, "tres": 3, "four": 4,
                "cuatro": 4, "five": 5, "cinco": 5, "six": 6, "seis": 6, "seven": 7, "siete": 7, "eight": 8, "ocho": 8,
                "nine": 9, "nueve": 9, "ten": 10, "diez": 10}


def _counted_from_now(t: str, today: date) -> Optional[date]:
    """A day counted from today or tomorrow in ``t`` (plain text): "the 2nd friday from today" is the
    second one after today; "two weeks from tomorrow" is fifteen days ahead (parsedatetime read the
    first as the 2nd of a month, and both tools count the second from today)."""
    nth = _NTH_WEEKDAY_FROM.search(t)
    if nth is not None:
        first = today + timedelta(days=(_WEEKDAY_NUMBER[nth.group(2)] - today.weekday()) % 7 or 7)
        return first + timedelta(days=7 * (_NTH[nth.group(1)] - 1))
    later = _FROM_TOMORROW.search(t)
    if later is not None:
        count = int(later.group(1)) if later.group(1).isdigit() else _COUNT_WORDS[later.group(1)]
        return today + timedelta(days=1 + count * (7 if later.group(2).startswith(("week", "semana")) else 1))
    return None


def _months_in_full(text: str) -> str:
    """Spanish months typed short written in full ("el 16 de dic", "18 dic" -> "... de diciembre")."""
    def full(m: "re.Match[str]") -> str:
        if m.group(5):
            return f"{m.group(6)} de {_SPANISH_MONTHS[m.group(5).lower()]}"
        return f"{m.group(1) or m.group(3)} {'de ' if m.group(3) else ''}{_SPANISH_MONTHS[(m.group(2) or m.group(4)).lower()]}"

    return _SHORT_SPANISH_MONTH.sub(full, text)


#: Spanish weekdays typed short: "el miérc", "juev a las 8".
_SHORT_WEEKDAY_ES = re.compile(r"\b(mi[eé]rc|mi[eé]r|juev|vier)\b\.?", re.IGNORECASE)
_SHORT_WEEKDAY_ES_NAMES = {"mier": "miercoles", "juev": "jueves", "vier": "viernes"}


def as_said(text: str) -> str:
    """A reply with what parsers miss made plain: only the corrected part of a date said twice, Spanish
    months typed short, and a day written before its month ("15/12")."""
    parts = _CORRECTED.split(text or "")
    if len(parts) > 1 and (any(ch.isdigit() for ch in parts[-1]) or _WEEKDAY.search(plain(parts[-1])) or _LATER.search(plain(parts[-1]))):
        text = parts[-1]  # ("mi corte era mañana pero ... la movieron para el otro mes": next month, not tomorrow)
    text = _months_in_full(text)
    text = _SHORT_WEEKDAY_ES.sub(lambda m: _SHORT_WEEKDAY_ES_NAMES[plain(m.group(1))[:4]], text)
    return _DAY_FIRST.sub(lambda m: f"{m.group(2)}/{m.group(1)}", text)


#: A street address: "26 Federal Plaza", "630 Sansome St", "1000 Vermont Avenue" (its number is no day).
STREET_ADDRESS = re.compile(
    r"\b\d{1,5}\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:[A-Za-z][a-z]+\s+){1,3}"
    r"(?:Plaza|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Parkway|Pkwy|Highway|Hwy|Square|Sq)\b\.?", re.IGNORECASE)


_WEEKDAY_NAMES = ("lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo"
                  "|monday|tuesday|wednesday|thursday|friday|saturday|sunday")
#: Capitalised words beside "Domingo" that say when, not who ("El Domingo", "Este Domingo Temprano").
_WHEN_WORDS = re.compile(
    r"(?:el|este|ese|para|pa|hasta|desde|del|cada|los|antes|despu[eé]s|pr[oó]ximo|pasado|que|por|en|con|es|era|hoy|ma[nñ]ana"
    r"|corte|court|cita|audiencia|hearing|fecha|temprano|tarde|noche|semana|" + _WEEKDAY_NAMES + ")", re.IGNORECASE)
#: A weekday that is part of a person's name: "me llamo gaspar domingo", "mi nombre es martes lopez", and
#: "Domingo" written as a name beside another or after who he is ("Gaspar Domingo Pablo", "soy Domingo",
#: "mi esposo Domingo tiene corte el lunes").
_WEEKDAY_IN_A_NAME = re.compile(
    r"(?P<intro>\b(?:me llamo|mi nombre es|my name is|name is|nombre es)\s+(?:[^\W\d_]+\s+)?)(?P<said>" + _WEEKDAY_NAMES + r")\b"
    r"|(?P<before>\b(?:soy|esposo|hijo|hermano|pap[aá]|padre|t[ií]o|primo|abuelo|cu[nñ]ado|suegro|sobrino|nieto|amigo|vecino"
    r"|husband|son|brother|father|dad|uncle|cousin|friend|neighbou?r|[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,})\s+)(?P<after_name>Domingo)\b"
    r"|\b(?P<before_name>Domingo)(?=\s+(?P<then>[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,})\b)")


def _without_names(text: str) -> str:
    """A message with a weekday that is part of someone's name blanked out ("Gaspar Domingo Pablo" is no Sunday)."""
    def blank(m: "re.Match[str]") -> str:
        beside = (m.group("before") or m.group("then") or "").strip()
        if m.group("said") is None and beside.lower() != "soy" and _WHEN_WORDS.fullmatch(beside):
            return m.group(0)  # "Este Domingo", "Domingo Temprano": a day
        day = m.group("said") or m.group("after_name") or m.group("before_name")
        return m.group(0)[: len(m.group(0)) - len(day)] + " " * len(day)
    return _WEEKDAY_IN_A_NAME.sub(blank, text)


def not_a_date(text: str) -> str:
    """A message without the words that look like dates and are not: a street address's number
    ("cita con ICE mañana a las 9 en el 26 Federal Plaza"), a weekday in a name ("soy Martes Lopez")."""
    return _without_names(STREET_ADDRESS.sub(" ", text or ""))


def parse_date(text: str, today: date) -> Optional[date]:
    """The calendar date a visitor means, relative to ``today``; None if there is none.

    Only a date counts: a reply with no date in it ("not sure", "hello") is None
    rather than today, which is what parsedatetime would otherwise assume.
    """
    if not text or not text.strip() or _WEEK_OF_MONTH.search(plain(text)):
        return None
    text = not_a_date(text)  # ("cita con ICE mañana a las 9 en el 26 Federal Plaza": a building, not the 26th)
    text = _months_in_full(text)  # ("el 3 dic": the month said, not the next 3rd)
    counted_from_now = _counted_from_now(plain(text), today)
    if counted_from_now is not None:
        return counted_from_now
    week_from = _WEEK_FROM_DAY.search(plain(text))
    if week_from is not None:
        # "a week from monday", "two weeks from tuesday": that weekday still to come, and the weeks after it
        ahead = (_WEEKDAY_NUMBER[week_from.group(2)] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead + 7 * _WEEKS_COUNT[week_from.group(1)])
    counted = _day_of_a_month_said(plain(text), today)
    if counted is not None:
        return counted
    spoken = _spoken_day(text, today)
    if spoken is not None:
        return spoken
    spanish = spanish_date(text, today)
    if spanish is not None:
        return spanish
    result, context = _calendar().parseDT(_as_parsedatetime_reads(text), datetime.combine(today, time(12, 0)))
    if not context.hasDate and _NEXT_WEEK_ES.search(plain(text)):
        return today + timedelta(days=7)  # "la semana que viene", read as "next week" is in English
    if not context.hasDate:
        return None
    if not context.accuracy & (context.ACU_DAY | context.ACU_WEEK):
        # "in january", "next month": a month, not a day (parsedatetime would give the 1st)
        return None
    day: date = result.date()
    return day


_NTH = {"1st": 1, "first": 1, "primer": 1, "primero": 1, "2nd": 2, "second": 2, "segundo": 2, "3rd": 3, "third": 3,
        "tercer": 3, "tercero": 3, "4th": 4, "fourth": 4, "cuarto": 4, "last": -1, "ultimo": -1}
_WHICH_MONTH = r"(next month|this month|el (?:proximo|siguiente) mes|el mes que viene|este mes|del mes que viene|del proximo mes)"
#: Months by name, English and Spanish, to their numbers.
_MONTH_NUMBER = {
    **{name: i + 1 for i, name in enumerate("january february march april may june july august september october november december".split())},
    **{name: i + 1 for i, name in enumerate("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split())},
    "setiembre": 9,
}
#: "the 2nd tuesday of next month", "el segundo martes del mes que viene", "second tuesday of january":
#: a weekday counted in a month; "next month, el tercer viernes": the month said elsewhere.
_NTH_WEEKDAY = re.compile(r"\b(" + "|".join(_NTH) + r")\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes"
                          r"|miercoles|jueves|viernes|sabado|domingo)\b(?:\s+(?:of|de|del|in|en)\s+(?:(" + "|".join(_MONTH_NUMBER) + r")\b|"
                          + _WHICH_MONTH.replace("del ", "") + r"))?")
#: A month said anywhere in the message: "next month", "el mes que viene", "in january".
_A_MONTH = re.compile(r"\b(?:(" + "|".join(_MONTH_NUMBER) + r")|(next month|(?:el |del )?(?:mes que viene|proximo mes|siguiente mes))"
                      r"|(this month|este mes))\b")
#: "on the 3rd of next month", "el 5 del mes que viene": a day of next month.
_DAY_OF_NEXT_MONTH = re.compile(r"\b(?:the\s+|el\s+(?:dia\s+)?)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of|de|del)\s+"
                                r"(next month|(?:el )?(?:proximo|siguiente) mes|(?:el )?mes que viene)\b")


def _month_meant(nth: "re.Match[str]", t: str, today: date) -> Optional[Tuple[int, int]]:
    """The (year, month) a weekday counted in a month belongs to: the month said after it, else the one
    said elsewhere in the message; None when no month is said (then it is not guessed)."""
    next_month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    name, which = nth.group(3), nth.group(4)
    if name is None and which is None:
        said = _A_MONTH.search(t)
        if said is None:
            return None
        name, which = said.group(1), said.group(2) or said.group(3)
    if name is not None:
        month = _MONTH_NUMBER[name]
        return (today.year, month) if month >= today.month else (today.year + 1, month)
    return (today.year, today.month) if which in ("this month", "este mes") else next_month


def _day_of_a_month_said(t: str, today: date) -> Optional[date]:
    """A day said by its place in a month ("the 2nd tuesday of next month", "the 3rd of next month",
    "el primer lunes de enero"), which parsedatetime misreads; None if the words are not there or
    name no real day."""
    next_month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    nth = _NTH_WEEKDAY.search(t)
    meant = _month_meant(nth, t, today) if nth is not None else None
    if nth is None or meant is None:
        day_of = _DAY_OF_NEXT_MONTH.search(t)
        if day_of is None:
            return None
        try:
            return date(*next_month, int(day_of.group(1)))
        except ValueError:
            return None  # "the 31st of next month" in a month of 30 days
    year, month = meant
    first = date(year, month, 1)
    days = [d for d in (first + timedelta(days=i) for i in range(31)) if d.month == month and d.weekday() == _WEEKDAY_NUMBER[nth.group(2)]]
    n = _NTH[nth.group(1)]
    return days[-1] if n < 0 else (days[n - 1] if n <= len(days) else None)


#: Next week said in Spanish, with no day ("la semana que viene", "la otra semana").
_NEXT_WEEK_ES = re.compile(r"\b(?:la )?(?:semana que viene|proxima semana|siguiente semana|otra semana|semana entrante|semana que entra)\b")

#: Parts of a day that parsedatetime reads as a time of today, not as a date
#: ("this morning", "last night"), and the Spanish words visitors use most.
#: Days back from today.
_DAY_WORDS = (
    (re.compile(r"\b(last night|last nite|lastnight|anoche|(?<!before )(?<!antes de )(?:yesterday|ayer)|yday|yesterdy|yesterday night)\b"), 1),
    (re.compile(r"\b(antier|anteayer|antes de ayer|antes de anoche|antenoche|anteanoche|day before yesterday|the night before last)\b"), 2),
    (re.compile(r"\b((?:the )?day after (?:tomorrow|tmrw|tmr)|pasado manana)\b"), -2),
    # "i gotta go see the ICE officer first thing in the morning": the next morning
    (re.compile(r"\b(first thing in the morning)\b"), -1),
    (re.compile(r"\b(esta madrugada|hoy (?:en la|de) madrugada|hoy temprano|temprano hoy|early this morning|early today|(?<!manana )temprano(?= y\b| se\b| lo\b| la\b|,|$)|this morning|earlier today|this afternoon|tonight|(?<!from )today|hoy|esta manana|esta tarde|esta noche|este morning|esta morning|este afternoon|hace (unas|un par de) horas|few hours ago|an hour ago)\b"), 0),
)
#: "in 5 days", "en 2 meses", "dentro de tres semanas": a day ahead (months as 30 days).
#: Days said after a count of weeks: "in 2 weeks and 2 days".
_AND_DAYS = re.compile(r"\s+(?:and|y)\s+(\d{1,2}|a|one|two|three|four|five|six|un|uno|dos|tres|cuatro|cinco|seis)\s+(?:days?|dias?)\b")
_IN_TIME = re.compile(
    r"\b(?:in|en|dentro de) (?:about |around |like |roughly |unos |unas |como |aproximadamente )?(\d{1,2}|a couple of|a couple|couple of|un par de|a|an|one|two|three|four|five|six|seven|un|una|dos|tres|cuatro|cinco|seis|siete)"
    r" (days?|weeks?|months?|dias?|semanas?|mes(?:es)?)\b"
    r"|\b(\d{1,2}|a|an|one|two|three|four|five|six|seven) (days?|weeks?|months?) from (?:today|now)\b"
)
_DAYS_AGO_ES = re.compile(r"\bhace (\d{1,2}|un|dos|tres|cuatro|cinco|seis|siete) dias?\b")
_ES_NUMBERS = {"un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7}
#: "on the 3rd", "the 15th", "el 3": a day of this month or the next.
_ORDINAL_DAY = re.compile(r"\b(?:on the|the|el dia|el|del)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:am|pm|:|days?|dias?|years?|of\b(?! this month)|de\b(?! este mes)))")


_DAY_OF_MONTH = re.compile(
    r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+"
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)


#: Weekdays typed short that parsedatetime does not read ("next thurs", "weds").
_SHORT_WEEKDAY = re.compile(r"\b(thurs?|tues|weds)\b", re.IGNORECASE)
_SHORT_WEEKDAY_NAMES = {"thur": "thursday", "thurs": "thursday", "tues": "tuesday", "weds": "wednesday"}
#: "el 15 de december": Spanglish, an English month in a Spanish date.
_DE_ENGLISH_MONTH = re.compile(
    r"\b(\d{1,2}) de (january|february|march|april|may|june|july|august|september|october|november|december)\b", re.IGNORECASE)


_TWELVE_OF = re.compile(r"\btwelve\s+(days?|weeks?|months?)\b", re.IGNORECASE)


def _as_parsedatetime_reads(text: str) -> str:
    """"the 15th of december" (or "el 15 de december") as "december 15", which parsedatetime
    reads (it took the first as Dec 1 next year), and weekdays typed short ("next thurs") in full."""
    text = _DE_ENGLISH_MONTH.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    text = _TWELVE_OF.sub(r"12 \1", text)  # ("twelve days from now": parsedatetime reads "twelve" as noon)
    text = _DAY_OF_MONTH.sub(lambda m: f"{m.group(2)} {m.group(1)}", typed_out(text))
    return _SHORT_WEEKDAY.sub(lambda m: _SHORT_WEEKDAY_NAMES[m.group(1).lower()], text)


#: Units as typed on a phone: "2 wks ago", "3 hrs", "6 mos", "a wk".
_SHORT_UNITS = re.compile(r"\b(\d{1,2}|a|one|two|three|four|five|six|seven|un|una|dos|tres)\s*(wks?|hrs?|mos|mths?|yrs?)\b")
_UNIT_WORDS = {"wk": "weeks", "wks": "weeks", "hr": "hours", "hrs": "hours", "mos": "months", "mth": "months",
               "mths": "months", "yr": "years", "yrs": "years"}


#: Words typed short or spelled on a phone: "tmrw", "2morrow", "the fifteenth".
_TYPED = [(re.compile(p, re.IGNORECASE), r) for p, r in (
    (r"\b(?:tmrw|tmrrw|tmr|tmw|2morrow|2moro|tomorow|tommorow|tommorrow|tomorrw|tomoro)\b", "tomorrow"),
    # days counted down: "faltan 13 días", "me quedan 10 dias", "13 days left", "only 9 days away"
    (r"\b(?:(?:solo |ya )?(?:faltan|quedan|(?:me|le|nos|les) quedan)(?: solo)?)\s+(\d{1,2}|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"
     r"\s+(d[ií]as|semanas)\b", r"en \1 \2"),
    # "tengo que salir en 60 dias, ya me quedan como 10": the days said before, counted down
    (r"\ben \d{1,3} d[ií]as\b([^.?!]{0,40}?)\b(?:ya |solo )?(?:me |le |nos |les )?(?:quedan|faltan)(?: como| unos| solo)?\s+(\d{1,2})\b"
     r"(?!\s*(?:d[ií]as|semanas|meses))", r"en \2 dias\1"),
    (r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days|weeks)\s+(?:left|to go|away)\b", r"in \1 \2"),
    (r"\b(?:2day|tdy)\b", "today"),
    # "since last weekend": its Saturday (parsedatetime knows no weekend)
    (r"\b(?:last|this past) weekend\b", "last saturday"),
    (r"\bel (?:fin de semana|weekend|finde) pasado\b", "el sabado pasado"),  # ("lo cogieron el weekend pasado": Spanglish)
    # "two nights ago", "at dawn", "en la madrugada", "el finde", "lo detuvieron la semana pasada"
    (r"\b(two|2|three|3|four|4) nights ago\b", r"\1 days ago"),
    (r"\b(?:this morning at dawn|esta madrugada|hoy en la madrugada)\b", "this morning"),
    # ("antier en la madrugada": the hour of a day said beside it)
    (r"\b(?:at dawn|at daybreak|en la madrugada)\b", " "),
    (r"\b(?:around|at|about) midnight\b", "last night"),
    (r"\bel finde\b", "el fin de semana"),
    (r"(?<!\bde )\bla semana pasada\b", "last week"),
    # "lo arrestaron el weekend", "el fin de semana": its Saturday (the last one, or the next, as the reading asks)
    (r"\bel (?:weekend|fin de semana)\b(?! (?:que viene|pasado|proximo|entrante|antepasado))", "el sabado"),
    # "since the week before last" (with no weekday: "the week before last, on thursday" reads as it is)
    (r"\bthe week before last\b(?!,? on)", "2 weeks ago"),
    # "been here since 3 weeks" (English from Spanish "desde hace"): that long ago
    (r"\bsince (\d{1,2}|a|one|two|three|four|five|six) (days?|weeks?|months?)\b(?! ago)", r"\1 \2 ago"),
    (r"\b(?:la )?semana antepasada\b(?!,? (?:el|un|on|a) )", "2 weeks ago"),
    # "been there since the weekend", "they took him over the weekend": the last one
    (r"\b(since|over|during) the weekend\b", r"\1 last saturday"),
    # "thursday this week": parsedatetime moved it a day on ("this thursday" it reads right)
    (r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday) this week\b", r"this \1"),
    # weekdays as they are mistyped, or spelt as they sound: "since tusday", "el biernes", "desde el mierkoles"
    (r"\b(?:tusday|teusday|tuseday|tuesdsy|tuesay|tuedsay)\b", "tuesday"),
    (r"\b(?:wensday|wendsday|wedensday|wednsday|wedsday|wednesay|wendesday)\b", "wednesday"),
    (r"\b(?:thrusday|thursay|thurday|thursdsy|thurdsay)\b", "thursday"),
    (r"\b(?:firday|fryday|fridy)\b", "friday"), (r"\b(?:satuday|saturay|saterday|satruday)\b", "saturday"),
    (r"\b(?:sunady|sundy)\b", "sunday"), (r"\b(?:monady|mondy|monay)\b", "monday"),
    (r"\b(?:jeuves|juebes)\b", "jueves"), (r"\bbiernes\b", "viernes"),
    (r"\b(?:mierkoles|miercules|mircoles|mierocles|miercoeles)\b", "miercoles"),
    (r"\b(?:sabdo|savado)\b", "sabado"), (r"\bdomigo\b", "domingo"),
    # Spanish typed short: "el 14 del mes q viene", "hay q mandarla en 10 dias"
    (r"(?<![\w'])q(?![\w'])", "que"),
    (r"\bpa\b(?= (?:el|la|los|las|marzo|enero|febrero|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b)", "para"),
)]
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
#: (only a day said as one: "on the fifteenth", not "the first time")
_ORDINAL_WORD = re.compile(r"(?:(?<=\bon the )|(?<=\bby the )|(?<=\bis the )|(?<=\bfor the ))(?:(twenty[- ]?)?(" + "|".join(_ORDINAL_WORDS) + r")|(thirtieth|thirty[- ]?first))\b"
                           # (nor "on the first monday": a weekday counted in a month, read by _NTH_WEEKDAY)
                           r"(?! (?:time|one|step|thing|person|hearing|court|check|appointment|week|(?:mon|tues|wednes|thurs|fri|satur|sun)day))",
                           re.IGNORECASE)


def _ordinal(m: "re.Match[str]") -> str:
    if m.group(3):
        return "30th" if m.group(3).lower() == "thirtieth" else "31st"
    n = _ORDINAL_WORDS[m.group(2).lower()] + (20 if m.group(1) else 0)
    return f"{n}th"


_UNIT_DAYS = {"day": 1, "dia": 1, "week": 7, "semana": 7, "month": 30, "mes": 30}
_HALF_COUNT = (r"(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|un|una|dos|tres|cuatro|cinco|seis|siete"
               r"|ocho|nueve|diez|once|doce)")
#: A stretch and a half, which the parsers do not read: "two and a half weeks", "a week and a half",
#: "dos semanas y media", "mes y medio" (in whole days: "17 days", "45 dias").
_HALF = re.compile(
    r"\b" + _HALF_COUNT + r"\s+and a half\s+(day|week|month)s?\b"
    r"|\b(?:" + _HALF_COUNT + r"\s+)?(day|week|month)s?\s+and a half\b"
    r"|\b(?:" + _HALF_COUNT + r"\s+)?(d[ií]a|semana|mes)(?:s|es)?\s+y medi[oa]\b", re.IGNORECASE)


_ROUGHLY = re.compile(r"\W*(?:m[aá]s o menos|more or less|or so|o algo as[ií]|aprox\w*|roughly)\b", re.IGNORECASE)


def _in_days(found: "re.Match[str]") -> str:
    """Said roughly, it is left as said: "dentro de mes y medio, más o menos"."""
    if _ROUGHLY.match(found.string, found.end()):
        return found.group(0)
    count, unit = next((found.group(i), found.group(i + 1)) for i in (1, 3, 5) if found.group(i + 1))
    count = (count or "a").lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    unit = "".join(c for c in unicodedata.normalize("NFKD", unit.lower()) if not unicodedata.combining(c))
    days = _UNIT_DAYS[unit] * n + _UNIT_DAYS[unit] // 2
    return f"{days} {'dias' if found.group(6) else 'days'}"


def halves(text: str) -> str:
    """A stretch and a half in whole days ("dos semanas y media" -> "17 dias"), and weeks and days
    together ("en dos semanas y un día" -> "en 15 dias"), so that splitting a message at "y" / "and"
    does not cut it in two."""
    return _WEEKS_AND_DAYS.sub(_weeks_and_days, _HALF.sub(_in_days, text or ""))


#: Weeks and days said together: "2 weeks and 3 days", "dos semanas y un día".
_WEEKS_AND_DAYS = re.compile(
    r"\b(\d{1,2}|a|one|two|three|four|five|six|un|una|dos|tres|cuatro|cinco|seis)\s+(weeks?|semanas?)\s+(?:and|y)\s+"
    r"(\d{1,2}|a|one|two|three|four|five|six|un|uno|dos|tres|cuatro|cinco|seis)\s+(days?|d[ií]as?)\b", re.IGNORECASE)


def _weeks_and_days(found: "re.Match[str]") -> str:
    weeks, days = (found.group(i).lower() for i in (1, 3))
    total = 7 * (int(weeks) if weeks.isdigit() else _NUMBER_WORDS[weeks]) + (
        int(days) if days.isdigit() else _NUMBER_WORDS.get(days, 1))
    return f"{total} {'days' if found.group(2).lower().startswith('week') else 'dias'}"


def typed_out(text: str) -> str:
    """A message's time words as dates are read: "tmrw" -> "tomorrow", "the fifteenth" -> "the 15th"."""
    text = halves(text)
    for pattern, word in _TYPED:
        text = pattern.sub(word, text)
    return _ORDINAL_WORD.sub(_ordinal, text)


def plain(text: str) -> str:
    """Lower case, without accents ("Miércoles" -> "miercoles"), as the date words are written,
    with units typed short spelled out ("2 wks ago" -> "2 weeks ago") and distances told in time
    left out ("some facility like 2 hours north of here" is no time of day)."""
    text = unicodedata.normalize("NFKD", typed_out(text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SHORT_UNITS.sub(lambda m: f"{m.group(1)} {_UNIT_WORDS[m.group(2)]}", text)
    text = _AWAY.sub(r"in \1 \2", text)  # "its like 2 months away, a monday": in 2 months
    text = _MOVED_OUT.sub(r"\1 in \2 \3", text)  # "ice called and moved it out about 2 months": in 2 months
    text = _A_FORTNIGHT.sub("two weeks", text)  # "a hearing a fortnight from now"
    # "en quince días", "en ocho días": in Spanish, a fortnight and a week (not 15 and 8 days)
    text = _FORTNIGHT.sub(lambda m: f"{m.group(1)} {'dos semanas' if m.group(2) == 'quince' else 'una semana'}", text)
    return _DISTANCE.sub(lambda m: m.group(0) if m.group(1) else " ", text)


#: "a fortnight" (British and Irish English): two weeks.
_A_FORTNIGHT = re.compile(r"\b(?:a|one) fortnight\b")
#: A fortnight and a week said as days in Spanish words: "en quince días", "dentro de ocho días".
_FORTNIGHT = re.compile(r"\b(en|dentro de) (quince|ocho) dias\b")
#: A date put off by a stretch of time: "moved it out about 2 months", "pushed my check in back like 3 weeks".
_MOVED_OUT = re.compile(r"\b((?:moved|pushed|postponed|rescheduled|put)(?: it| (?:my|his|her|the) [\w-]+(?: [\w-]+)?)? (?:out|back|off))"
                        r"(?: by)?(?: about| like| around| for)? (\d{1,2}|a|an|one|two|three|four|five|six) (days?|weeks?|months?)\b")
#: A time ahead said as a distance: "2 months away", "three weeks away", "moved it 3 months out" (not hours: a drive).
_AWAY = re.compile(r"\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (days?|weeks?|months?) (?:away|out)\b")


#: A distance told in time: "2 hours north of here", "an hour away", "a dos horas de aqui", "3 hours drive"
#: (not "hace dos horas": group 1 keeps a time ago as it is).
_DISTANCE = re.compile(
    r"(\bhace\s+)?\b(?:an?|one|two|three|four|five|six|\d{1,2}(?:\.\d)?|un[ao]?|dos|tres|cuatro|cinco|seis)(?:\s+(?:or|o|to|a)\s+\w+)?\s+"
    r"(?:hours?|horas?|minutes?|mins?|minutos?)\s+(?:north|south|east|west|northeast|northwest|southeast|southwest|away|out|drive|driving"
    r"|from\s+(?:here|us|me|my|our|the|where)|de\s+(?:aqui|aca|donde|distancia|camino|carretera)"
    r"|al\s+(?:norte|sur|este|oeste)|lejos|en\s+carro|manejando)\b")


_ES_WEEKDAY_AHEAD = re.compile(
    r"\b(?:(?:el |este )?(?:proximo |siguiente )(lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
    r"|(?:el |este )?(lunes|martes|miercoles|jueves|viernes|sabado|domingo) (?:que viene|proximo|entrante))\b"
)
_ES_WEEKDAYS = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]


_NEXT_MONTH = re.compile(r"\b(?:next month|(?:el |del )?(?:mes que viene|proximo mes|siguiente mes)|(?:para |en )?el otro mes)\b")


def _spoken_day(text: str, today: date) -> Optional[date]:
    """A day said as a part of a day, "hace N días", "el martes que viene" or an ordinal alone; None otherwise."""
    t = plain(text)
    m = _ORDINAL_DAY.search(t)
    if m and _NEXT_MONTH.search(t) and 1 <= int(m.group(1)) <= 31:
        # "my check in is next month on the 12", "el 12 del mes que viene": that day of next month
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        try:
            return date(year, month, int(m.group(1)))
        except ValueError:
            return None
    weekdays = {_WEEKDAY_NUMBER[w] for w in _WEEKDAY.findall(t)}
    if len(weekdays) == 1 and _AFTER_NEXT.search(t):
        # "monday after next": the Monday a week after the coming one
        return today + timedelta(days=((weekdays.pop() - today.weekday()) % 7 or 7) + 7)
    if len(weekdays) == 1 and _NEXT_WEEK.search(t):
        # "next week on wednesday", "el miercoles de la otra semana": that weekday of next week
        return today - timedelta(days=today.weekday()) + timedelta(days=7 + weekdays.pop())
    found = [today - timedelta(days=back) for pattern, back in _DAY_WORDS if pattern.search(t)]
    m = _ES_WEEKDAY_AHEAD.search(t)
    if m:
        ahead = (_ES_WEEKDAYS.index(m.group(1) or m.group(2)) - today.weekday()) % 7 or 7
        found.append(today + timedelta(days=ahead))
    m = _IN_TIME.search(t)
    if m:
        count, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        more = _AND_DAYS.match(t, m.end())  # "in 2 weeks and 2 days", "en 2 semanas y 3 dias"
        extra = (int(more.group(1)) if more.group(1).isdigit() else _NUMBER_WORDS.get(more.group(1), 0)) if more else 0
        found.append(today + timedelta(days=n * {"day": 1, "dia": 1, "wee": 7, "sem": 7, "mon": 30, "mes": 30}[unit[:3]] + extra))
    m = _DAYS_AGO_ES.search(t)
    if m:
        said = m.group(1)
        found.append(today - timedelta(days=int(said) if said.isdigit() else _ES_NUMBERS[said]))
    ordinal = _ordinal_day(t, today)
    if len(set(found)) == 1:
        # "on the 14th, that's 12 days from today": the day named wins over the count; "a
        # letter came today, report on the 11th" names two days, so which one is not guessed
        if ordinal is None:
            return found[0]
        return ordinal if abs((ordinal - found[0]).days) <= 2 else None
    if found:
        return None
    return ordinal


def _ordinal_day(t: str, today: date) -> Optional[date]:
    """"on the 3rd", "el 15": that day of this month, or the next month when it has passed."""
    m = _ORDINAL_DAY.search(t)
    if m and 1 <= int(m.group(1)) <= 31:
        day = int(m.group(1))
        year, month = today.year, today.month
        for _ in range(3):
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = None
            if candidate and candidate >= today:
                return candidate
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


#: "this thursday", "este jueves": a weekday of this week, which a visitor may mean ahead.
_THIS_WEEKDAY = re.compile(r"\b(?:this|este|esta)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b"
                           # "el viernes de esta semana", "friday this week", said on the weekend after it
                           r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
                           r"\s+(?:de\s+)?(?:this|esta)\s+(?:week|semana)\b")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
                 "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
                 "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "un par de": 2, "par de": 2}
_DURATION = re.compile(
    r"\b(?:for |since |por |desde hace |hace )?(\d{1,3}|a couple of|a couple|couple of|couple|un par de|par de"
    r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|un|una|dos|tres|cuatro|cinco|seis|siete"
    r"|ocho|nueve|diez|once|doce)"
    r"\s+(days?|weeks?|months?|dias?|semanas?|mes(?:es)?|hours?|hrs?|horas?)\b"
)
#: One stretch of time made of parts: "11 months and 3 weeks", "un año y dos meses".
_PARTS_JOINED = re.compile(r"^\s*(?:,|and|y|,\s*and)\s*$")


def time_ago(text: str, today: date) -> Optional[date]:
    """The day a stretch of time said alone started ("in detention 3 weeks", "hace 11 meses y 3
    semanas"): None unless exactly one stretch (its parts joined by "and"/"y" are one)."""
    t = plain(text or "")
    found = list(_DURATION.finditer(t))
    if not found or any(not _PARTS_JOINED.match(t[a.end():b.start()]) for a, b in zip(found, found[1:])):
        return None
    day = today
    for m in found:
        number, unit = m.group(1), m.group(2)
        n = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if unit[:3] in ("mon", "mes"):
            # calendar months ("11 months ago" from December 5 is January 5)
            month = day.month - n
            year = day.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            day = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        else:
            # ("lleva 10 horas ahi adentro": hours are today)
            day -= timedelta(days=0 if unit.startswith("h") else n * {"day": 1, "dia": 1, "wee": 7, "sem": 7}[unit[:3]])
    return day


def day_detained(text: str, today: date) -> Optional[date]:
    """The day someone was detained, from an answer or a sentence about it: a stretch of time said
    alone counts back ("3 weeks", "como un mes"), anything else is the day it names, in the past (a street
    address's number is no day: "he is at the 26 federal plaza building")."""
    text = not_a_date(text)
    return time_ago(text, today) or past_date(text, today)


#: Words that place an answer in time, however roughly ("last month", "desde octubre", "como un mes").
_TIME_WORDS = re.compile(
    r"\b(?:today|yesterday|tonight|tomorrow|morning|night|ago|last|past|since|next|this|days?|weeks?|months?|years?"
    r"|hoy|ayer|anoche|antenoche|anteanoche|antier|anteayer|manana|noche|hace|pasad[oa]|desde|proxim[oa]|dias?|semanas?|mes(?:es)?|anos?)\b"
    r"|" + _SPANISH_DATE_WORDS.pattern + r"|" + r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"  # (whole words: not "mayor", "marido", "novia")
)


def names_a_time(text: str) -> bool:
    """Whether a message has any word that places it in time ("last month", "ayer", "desde octubre")."""
    return bool(_TIME_WORDS.search(plain(text or "")))


def says_when(text: str) -> bool:
    """Whether a short reply is about a time ("como un mes", "since october", "last week"),
    so that at a date question it is taken as the answer, not as something else."""
    t = plain(text or "")
    return len(t.split()) <= 6 and bool(_TIME_WORDS.search(t))


def mentioned_date(text: str, today: date) -> Optional[date]:
    """The one date a sentence mentions ("taken yesterday", "court next tuesday").

    None when there is no date, more than one, or only a month or year ("in
    may": which year?), so that the question is asked rather than guessed.
    """
    if not text or not text.strip() or _WEEK_OF_MONTH.search(plain(text)):
        return None
    text = _months_in_full(not_a_date(text))
    if _WEEK_FROM_DAY.search(plain(text)) or _counted_from_now(plain(text), today):
        return parse_date(text, today)  # "two weeks from tuesday": not that tuesday; "the 2nd friday from today"
    counted = _day_of_a_month_said(plain(text), today)
    if counted is not None:
        return counted  # "the third friday of next month": not the coming friday
    spoken = _spoken_day(text, today)
    if spoken is not None:
        return spoken
    t = plain(text)
    if _ordinal_day(t, today) and any(pattern.search(t) for pattern, _ in _DAY_WORDS):
        return None  # "a letter came today, report on the 11th": two days (see _spoken_day)
    spanish = spanish_date(text, today)
    if spanish is not None:
        return spanish
    found = _calendar().nlp(_as_parsedatetime_reads(text), datetime.combine(today, time(12, 0))) or ()
    found = [f for f in found if f[1].hasDate]
    if not found and _NEXT_WEEK_ES.search(t):
        return today + timedelta(days=7)  # "tengo que presentarme la semana que viene": as "next week" in English
    if len(found) != 1:
        return None
    when, context = found[0][0], found[0][1]
    if not (context.accuracy & (context.ACU_DAY | context.ACU_WEEK)):
        return None
    day: date = when.date()
    return day


def coming_date(text: str, today: date) -> Optional[date]:
    """The one day still ahead that a message names ("court was moved, it's now dec 15";
    "fui a mi cita hace 2 semanas, me dijeron q vuelva el 11 de diciembre").

    Days in the past are left out, so a message that also says when something
    happened still gives its coming date; None when none or several are ahead.
    """
    if not text or not text.strip() or _WEEK_OF_MONTH.search(plain(text)):
        return None
    text = not_a_date(text)
    day = mentioned_date(text, today)
    if day is not None and day < today and _THIS_WEEKDAY.search(plain(text)):
        day += timedelta(days=7)  # "my check-in is this thursday", said on a Friday: the coming one
    if day is not None and day > today:
        return day
    t = plain(text)
    if day is None and _WEEK_AFTER_NEXT.search(t) and not _WEEKDAY.search(t):
        return today + timedelta(days=14)
    holiday = _HOLIDAYS.search(t)
    if day is None and holiday and not _LAST.search(t):
        ahead_day = _holiday(holiday.group(1), today.year)
        return ahead_day if ahead_day > today else _holiday(holiday.group(1), today.year + 1)
    # none named, or a past one ("ICE called yesterday, come in on monday"): the one ahead, if one
    ahead = set()
    ordinal = _ordinal_day(plain(text), today)
    if ordinal is not None and ordinal > today:
        ahead.add(ordinal)
    if _SPANISH_DATE_WORDS.search(plain(text)):
        ahead.update(d for d in _duckling_days(text, today) if d > today)
    found = _calendar().nlp(_as_parsedatetime_reads(text), datetime.combine(today, time(12, 0))) or ()
    for f in found:
        if not (f[1].hasDate and f[1].accuracy & (f[1].ACU_DAY | f[1].ACU_WEEK)):
            continue
        day = f[0].date()
        if day <= today and _THIS_WEEKDAY.search(plain(f[4])):
            # "its this friday" said on a Sunday: parsedatetime's week ends on Sunday, the visitor's starts there
            day += timedelta(days=7)
        if day > today:
            ahead.add(day)
    if len(ahead) > 1 and ordinal in ahead:
        # "en tres semanas más o menos, un martes, the 29th": the day of the month is said most exactly
        return ordinal
    if len(ahead) > 1 and _ONE_OR_THE_OTHER.search(t):
        # "court either this friday or next friday i cant find the paper": the nearer, as the one to be ready for
        return min(ahead)
    return ahead.pop() if len(ahead) == 1 else None


#: Two days said as one or the other: "either this friday or next friday", "el jueves o el viernes, no me acuerdo".
_ONE_OR_THE_OTHER = re.compile(r"\beither\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes"
                               r"|miercoles|jueves|viernes|sabado|domingo)\b[^.?!]{0,6}\b(?:or|o)\b")


def days_until(day: date, today: date) -> int:
    """Whole days from ``today`` to ``day`` (negative in the past)."""
    return (day - today).days


# --- a day in the past ("when were they detained?") ----------------------------

_JUST_NOW = re.compile(
    r"\b(?:(?:\d{1,2}|an?|one|two|three|four|five|six|a few|few|a couple(?: of)?|couple(?: of)?) "
    r"(?:hours?|hrs?|minutes?|mins?)(?: ago)?|just now|a moment ago|moments? ago|right now|just (?:got|now|happened|took|taken|handcuffed|cuffed|arrested|detained|grabbed|picked)"
    # "agents just came to our house and took my son"
    r"|just (?:came|showed up|raided|pulled up)\b[^.?!]{0,40}\b(?:took|grabbed|arrested|picked|detained|taken|handcuffed)"
    r"|hace (?:\d{1,2} |un |una |unos |unas |un par de |dos |tres |cuatro |cinco )?(?:horas?|minutos?|rato|ratito|momento)"
    r"|hace poco|ahorita|ahora mismo|recien|acaban? de (?:llevar|agarrar|detener|arrestar|esposar|levantar)\w*"
    r"|hace (?:como |casi |unos |unas )?(?:media hora|\d{1,2} min\w*)|half an hour(?: ago)?"
    # "agents came to the construction site earlier, took my brother": earlier today (not "earlier this year")
    r"|earlier(?: today)?(?! this (?:year|month|week)| in the (?:year|month|week)| last)|mas temprano|hoy temprano)\b"
)
_WEEKDAY_NUMBER = {
    "monday": 0, "mon": 0, "lunes": 0, "tuesday": 1, "tues": 1, "tue": 1, "martes": 1,
    "wednesday": 2, "wed": 2, "miercoles": 2, "mierc": 2, "mier": 2, "juev": 3, "vier": 4, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "jueves": 3,
    "friday": 4, "fri": 4, "viernes": 4, "saturday": 5, "sat": 5, "sabado": 5, "sunday": 6, "sun": 6, "domingo": 6,
}
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAY_NUMBER, key=len, reverse=True)) + r")\b")
_AHEAD = re.compile(r"\b(?:next|coming(?! back| home| from| out)|this coming|proximo|proxima|que viene|entrante)\b")
_LAST = re.compile(r"\b(?:last|past|pasado|pasada)\b")
#: "next week on wednesday", "el miercoles de la otra semana": that weekday of the week after this one.
_NEXT_WEEK = re.compile(r"\b(?:next week|the week after this|(?:la )?(?:proxima|otra|siguiente) semana|(?:la )?semana que viene|(?:la )?semana entrante)\b")
#: "el jueves de la semana pasada", "last week thursday": that weekday of the week before this one.
#: "the week after next", "la semana siguiente a la próxima": two weeks from now.
#: "monday after next", "the friday after next one": a weekday a week after the coming one.
_AFTER_NEXT = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day after (?:next|the next one|this coming one)\b")
_WEEK_AFTER_NEXT = re.compile(r"\b(?:the )?week after next\b|\bsemana despues de la (?:proxima|que viene)\b")
_LAST_WEEK = re.compile(r"\b(?:last week|the week before|(?:la )?semana pasada)\b")
#: "la semana antepasada", "the week before last" (plain text).
_WEEK_BEFORE_LAST = re.compile(r"\b(?:(?:la )?semana antepasada|(?:the )?week before last)\b")
#: Days a visitor names by the holiday, said about the past.
_HOLIDAYS = re.compile(r"\b(thanksgiving|accion de gracias|dia de gracias|christmas eve|nochebuena|christmas|navidad|new year'?s?(?: day| eve)?|ano nuevo"
                       r"|halloween|dia de (?:los )?muertos)\b")


def _holiday(name: str, year: int) -> date:
    if name in ("thanksgiving", "accion de gracias", "dia de gracias"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday
    if name in ("christmas eve", "nochebuena"):
        return date(year, 12, 24)
    if name in ("christmas", "navidad"):
        return date(year, 12, 25)
    if name == "halloween":
        return date(year, 10, 31)
    if name.startswith("dia de"):
        return date(year, 11, 2)
    return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)
_MONTH_NAME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)\b"
)
_WEEKS_AGO_ES = re.compile(r"\bhace (\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete) (semanas?|mes(?:es)?)\b")


#: A part of a day, no day named: "in the morning", "en la tarde" (said of the past, today's).
_PART_OF_THE_DAY = re.compile(r"\b(?:in the (?:morning|afternoon|evening)|(?:en|por) la (?:manana|tarde|madrugada)"
                              # an hour of the day: "como a las 6am", "at 5:30 am", "a las 7 de la manana"
                              r"|\d{1,2}(?::\d\d)?\s*(?:am|a\.m|pm|p\.m)|(?:a las|at) \d{1,2}(?::\d\d)? de la (?:manana|tarde|noche))\b")


def past_date(text: str, today: date) -> Optional[date]:
    """The day something already happened ("2 hours ago", "on Tuesday", "el viernes", "nov 28").

    A weekday or a month and day said about the past means the latest one not
    after today; None when no single day is meant.
    """
    if not text or not text.strip():
        return None
    t = plain(text)
    if _JUST_NOW.search(t) and not re.search(r"\b(?:days?|dias?|weeks?|semanas?|months?|mes(?:es)?)\b", t):
        return today
    if _AHEAD.search(t):
        return None
    m = _ORDINAL_DAY.search(t)
    if m and not _MONTH_NAME.search(t) and 1 <= int(m.group(1)) <= 31:
        # "on the 1st": this month's, or last month's if that day has not come yet
        year, month = today.year, today.month
        for _ in range(2):
            try:
                day = date(year, month, int(m.group(1)))
            except ValueError:
                day = None
            if day is not None and day <= today:
                return day
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return None
    spoken = _spoken_day(text, today)
    if spoken is not None and (spoken <= today or not _MONTH_NAME.search(t)):
        # ("tomorrow" is not in the past; "last december the 9" is taken back a year below)
        return spoken if spoken <= today else None
    m = _WEEKS_AGO_ES.search(t)
    if m:
        # ("hace 11 meses y 3 semanas": the whole stretch, when it is one)
        return time_ago(t[m.start():], today) or time_ago(m.group(0), today)
    if re.search(r"\b(?:ago|hace)\b", t):
        day = parse_date(text, today) or time_ago(text, today)
        return day if day is not None and day <= today else None
    holidays = set(_HOLIDAYS.findall(t))
    if len(holidays) == 1:
        name = holidays.pop()
        day = _holiday(name, today.year)
        return day if day <= today else _holiday(name, today.year - 1)
    weekdays = {_WEEKDAY_NUMBER[w] for w in _WEEKDAY.findall(t)}
    if _WEEK_BEFORE_LAST.search(t) and len(weekdays) == 1:
        # "la semana antepasada, un jueves": that weekday two weeks back (with no day named, "2 weeks ago")
        return today - timedelta(days=today.weekday() + 14) + timedelta(days=weekdays.pop())
    if len(weekdays) == 1 and _LAST_WEEK.search(t):
        return today - timedelta(days=today.weekday() + 7) + timedelta(days=weekdays.pop())
    if len(weekdays) == 1:
        back = (today.weekday() - weekdays.pop()) % 7
        if back == 0 and _LAST.search(t):
            back = 7
        return today - timedelta(days=back)
    day = mentioned_date(text, today)
    if day is None:
        # "my dad got picked up by immigration in the morning": said of the past, a part of today
        return today if _PART_OF_THE_DAY.search(t) else None
    if day > today and not (_MONTH_NAME.search(t) or _ORDINAL_DAY.search(t) or re.search(r"\d", t)):
        return None  # "tomorrow": ahead, not a past day
    if day > today and not re.search(r"\b(?:19|20)\d\d\b", t):
        # "nov 28", "on December 1st", "the 1st" said about the past: the last such day, not the next one
        if _MONTH_NAME.search(t):
            day = _in_year(day, today.year)
            day = day if day <= today else _year_back(day)
        else:
            # ("12/1" said on December 6: the parser's next December 1, a year back)
            day = _year_back(day) if day.month != today.month or day.day > today.day or day.year > today.year else day
            if day > today:
                try:
                    day = day.replace(month=day.month - 1) if day.month > 1 else day.replace(year=day.year - 1, month=12)
                except ValueError:
                    return None
    return day if day <= today else None


def _in_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day - timedelta(days=365)


_FAR_OFF = re.compile(
    r"\b(?:months?|meses|mes|fin(?:ales)? del? mes|mes que viene|proximo mes|next month|next year|ano que viene|proximo ano|years?|anos?|new years?"
    # "may" only where it is the month: "in may", "next may" ("they may come" is not a time)
    r"|(?:in|by|until|till|next|this|early|late|mid|around|of) may"
    r"|spring|summer|fall|autumn|winter|primavera|verano|otono|invierno"
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|20[2-9]\d)\b"
)


_NO_DATE_YET = re.compile(
    r"\b(?:to be (?:set|determined|scheduled|announced)|tbd|tba|no date(?: yet)?|no new (?:date|one|hearing)(?: yet)?|not (?:set|scheduled) yet|without a date|"
    r"(?:doesn'?t|does not|dont|don't) (?:say|have|give) (?:a |the |any )?date|sin fecha|no (?:tiene|dice|trae|da) (?:la |una |ninguna )?fecha|"
    r"por (?:definir|determinar|asignar)|todavia no (?:me )?(?:dan|dieron|ponen|pusieron) fecha"
    # "they didnt give a new one", "ya no tengo otra", "me mandan la cita por correo": no date to give now
    r"|did ?n[o']?t (?:give|set) (?:me |us |him |her )?(?:a )?new (?:one|date)|no (?:me |nos |le )?(?:dieron|dan|pusieron) otra"
    r"|(?:ya )?no (?:tengo|tiene|hay) otra|(?:will |gonna |going to )?(?:send|mail) (?:me |us )?(?:the|a) (?:date|notice|letter)"
    r"|(?:me |nos |le )?(?:mandan|mandaran|van a mandar|envian|enviaran) (?:la|una) (?:cita|fecha|carta) por correo"
    # "no le dieron fecha todavia, dicen que llega por correo", "it comes in the mail"
    r"|no (?:me |nos |le |les )?(?:han )?(?:dieron|dado|dan|pusieron|puesto) (?:la |una |ninguna )?fecha"
    r"|(?:llega|llegara|viene|vendra) por correo|(?:comes|will come|arrives|will arrive) (?:in|by) (?:the )?mail"
    # "nunca me llegó fecha", "never got a date", "no date ever came"
    r"|nunca (?:me |nos |le )?(?:llego|llegaron|dieron|mandaron|pusieron) (?:la |una |ninguna )?fecha|never (?:got|received|came|had) (?:a |the |any )?date"
    # "they havent given me one", "they didnt give us a date"
    r"|(?:have ?n[o']?t|havent|has ?n[o']?t|hasnt|did ?n[o']?t|didnt|never) (?:given|give|gave|sent|send) (?:me |us |him |her |them )?(?:one|a date|any date|the date|a new date|it)"
    # nothing to come: "nothing coming up", "nothing scheduled", "ya no hay audiencia", "no more court"
    r"|nothing (?:coming(?: up)?|scheduled|set|pending|yet)|no (?:more |other |next )?(?:hearings?|court(?: date)?|dates?|check-?ins?) (?:coming|scheduled|set|pending|now|anymore|any more)"
    r"|no (?:more|other|next) (?:hearings?|court(?: dates?)?|check-?ins?)|(?:ya )?no (?:hay|tengo|tiene) (?:mas |otra |ninguna )?(?:audiencias?|corte|citas?|fechas?)"
    r"|no hay nada (?:programado|pendiente)|nada programado"
    # the hearing already held, and none said to come: "ya fue, hace 3 semanas", "it already happened"
    r"|ya (?:fue|paso|la tuve|lo tuve)|already (?:was|happened|passed|had it|went)|(?:it|that) was (?:last|on|a)\b)\b"
)
_PAST_YEAR = re.compile(r"\b(?:in|en|was|fue|back in|el ano|del)\s+((?:19|20)\d\d)\b")


def no_coming_date(text: str, today: Optional[date] = None) -> bool:
    """Whether a reply to "When is the next hearing?" says there is no date to give:
    "it says to be set", "sin fecha", or a hearing in a past year ("fue en 2016")."""
    t = plain(text or "")
    if _NO_DATE_YET.search(t):
        return True
    years = [int(y) for y in _PAST_YEAR.findall(t)]
    return bool(years) and all(y < (today or date.today()).year for y in years)


#: A coming day placed only as near: "in a few days", "en unos dias", "this week".
_SOON_VAGUE = re.compile(
    r"\b(?:in (?:a (?:few|couple(?: of)?)|some|like (?:a )?few) days|a few days from now|(?:later )?this week"
    r"|en (?:unos|pocos|unos pocos|estos|un par de) dias|(?:en )?esta (?:misma )?semana|dentro de (?:unos|pocos) dias"
    # told to report right away, no day given: "el officer dijo que vaya lo antes posible", "asap"
    r"|lo (?:mas )?antes posible|cuanto antes|as soon as (?:possible|he can|she can|i can)|asap|right away)\b"
)


_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def soon_vague(text: str) -> bool:
    """Whether a reply places a coming date only as near ("in a few days", "esta semana"): within two weeks."""
    return bool(_SOON_VAGUE.search(plain(text or "")))


def far_off(text: str, today: Optional[date] = None) -> bool:
    """Whether a reply places a coming date only roughly and weeks away ("in about three months", "april next year",
    "in 2027"); "last month" and "two years ago" are the past, so do not count."""
    t = plain(text or "")
    this_year = (today or date.today()).year
    for m in _FAR_OFF.finditer(t):
        # (words without their commas: "el mes pasado, tenia miedo" is last month)
        before = [w.strip(".,;:!?") for w in t[:m.start()].split()[-3:]]
        after = [w.strip(",;:!?") for w in t[m.end():].split()[:2]]
        if m.group().isdigit() and int(m.group()) <= this_year:
            continue
        # ("been here 10 years", "llevo 3 años aqui": how long, not when)
        if before[-1:] in (["cada"], ["every"], ["each"]) or (m.group() in ("month", "mes") and before[-1:] == ["a"] and "once" in before):
            continue  # "yo firmo cada mes", "every month", "once a month": how often, not when
        if {"last", "past", "ago", "hace", "since", "desde", "been", "lived", "llevo", "lleva", "vivo", "vive"} & set(before) \
                or any(w in ("ago", "pasado", "pasada", "old", "de edad", "aqui", "here") for w in after):
            continue
        if m.group() in _MONTH_ABBREVIATIONS and after[:1] and after[0].rstrip("thsndr.,").isdigit():
            continue  # "dec 10": a day, read as one (not a time placed roughly)
        return True
    return False
