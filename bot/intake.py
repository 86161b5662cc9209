"""From conversation slots to an intake record, and the summary a visitor confirms."""
from __future__ import annotations

from typing import Any, Dict, List, Mapping

from datetime import date

from bot.contact import display_phone
from bot.flow import MATTER_SLOTS
from bot.language import MONTHS_ES, WEEKDAYS_ES
from bot.places.place import UNITED_STATES, label as place_label
from bot.situations import CATEGORIES, CATEGORIES_ES
from bot.urgency import REASONS, REASONS_ES

#: Follow-up slots stored under ``details`` (in this order): the answers about the
#: matter, and the places said in passing that were not where the visitor is.
DETAIL_SLOTS = (*MATTER_SLOTS, "places_mentioned")

DETAIL_LABELS = {
    "detained_where": "Held at",
    "detained_since": "Detained since",
    "a_number": "A-number",
    "removal_stage": "Stage",
    "hearing_date": "Next date",
    "ice_present_now": "Agents there now",
    "details": "Details",
    "places_mentioned": "Other places mentioned",
}

#: Detail slots that hold an ISO date, shown to people as "Tuesday, December 8".
DATE_SLOTS = ("detained_since", "hearing_date")

STAGE_LABELS = {
    "hearing": "Immigration court hearing",
    "check_in": "ICE check-in",
    "removal_order": "Has a removal order",
    "appeal": "Appeal pending",
    "nta_no_date": "Notice to Appear, no date yet",
    "closed": "Case closed or dismissed",
    "unknown": "Not sure",
}


#: The summary's own words, per language the assistant converses in.
SUMMARY_WORDS: Dict[str, Dict[str, Any]] = {
    "en": {
        "where": "Where you are", "situation": "Situation", "contact": "Contact", "urgent": "Marked urgent",
        "not_given": "Not given", "not_known": "not known", "none_given": "none given", "yes": "yes", "no": "no",
        "labels": DETAIL_LABELS, "stages": STAGE_LABELS, "categories": CATEGORIES, "reasons": REASONS,
    },
    "es": {
        "where": "Dónde está", "situation": "Situación", "contact": "Contacto", "urgent": "Marcado urgente",
        "not_given": "No lo dijo", "not_known": "no se sabe", "none_given": "ninguno", "yes": "sí", "no": "no",
        "labels": {
            "detained_where": "Detenido en",
            "detained_since": "Detenido desde",
            "a_number": "Número A",
            "removal_stage": "Etapa",
            "hearing_date": "Próxima fecha",
            "ice_present_now": "Agentes ahí ahora",
            "details": "Detalles",
            "places_mentioned": "Otros lugares mencionados",
        },
        "stages": {
            "hearing": "Audiencia en la corte de inmigración",
            "check_in": "Cita de reporte con ICE",
            "removal_order": "Tiene orden de deportación",
            "appeal": "Apelación pendiente",
            "nta_no_date": "Aviso de comparecencia, sin fecha",
            "closed": "Caso cerrado o terminado",
            "unknown": "No está seguro",
        },
        "categories": CATEGORIES_ES,
        "reasons": REASONS_ES,
    },
}



def _known(value: Any) -> bool:
    return value not in (None, "", "unknown", "none")


def location_label(slots: Mapping[str, Any]) -> str:
    """'Chicago, IL', 'Texas', 'Mexico', the visitor's words, or 'Not given'."""
    country, state = slots.get("country"), slots.get("state")
    if state or (country and country != UNITED_STATES):
        return place_label(country, slots.get("city"), state, slots.get("state_name"), slots.get("county"))
    if _known(slots.get("location")):
        words: str = slots["location"]
        return words  # a town whose state is not known yet, or words no place was read from
    return "Not given"


def readable_date(value: str, language: str = "en") -> str:
    """'2026-12-08' as 'Tuesday, December 8' / 'martes 8 de diciembre' (with the year when it is not this one's)."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value  # kept as the visitor said it
    this_year = day.year == date.today().year
    if language == "es":
        text = f"{WEEKDAYS_ES[day.weekday()]} {day.day} de {MONTHS_ES[day.month - 1]}"
        return text if this_year else f"{text} de {day.year}"
    text = f"{day:%A, %B} {day.day}"
    return text if this_year else f"{text}, {day.year}"


def readable_phone(value: str) -> str:
    """'+17135550100' as '(713) 555-0100'; anything unparsable as it is."""
    try:
        return display_phone(value)
    except Exception:  # noqa: BLE001 - phonenumbers raises its own NumberParseException
        return value


def details(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The follow-up answers that were given ("unknown" kept: staff should know it was asked)."""
    return {key: slots.get(key) for key in DETAIL_SLOTS if slots.get(key) is not None}


def contact(slots: Mapping[str, Any]) -> Dict[str, Any]:
    return {
        key: slots.get(f"contact_{key}")
        for key in ("name", "phone", "email")
        if _known(slots.get(f"contact_{key}"))
    }


def record(slots: Mapping[str, Any], urgency_reasons: List[str]) -> Dict[str, Any]:
    """The intake row for ``bot.store.save_intake`` from the conversation's slots."""
    return {
        "consent": bool(slots.get("consent")),
        "country": slots.get("country"),
        "state": slots.get("state"),
        "city": slots.get("city"),
        "county": slots.get("county"),
        "location_text": slots.get("location"),
        "situation": slots.get("situation"),
        "situation_text": slots.get("situation_text"),
        "urgent": bool(urgency_reasons),
        "urgency_reasons": list(urgency_reasons),
        "details": details(slots),
        "contact": contact(slots),
        "callback_requested": bool(slots.get("callback_requested")),
        "updates_shown": list(slots.get("updates_shown") or []),
        "safety_flag": slots.get("safety_flag"),
        "language": slots.get("language") or "en",
        "deletion_requested": bool(slots.get("deletion_requested")),
    }


def summary_lines(slots: Mapping[str, Any], urgency_reasons: List[str], language: str = "en") -> List[str]:
    """The lines of the summary shown before saving, in the conversation's language."""
    words = SUMMARY_WORDS.get(language, SUMMARY_WORDS["en"])
    where = location_label(slots)
    lines = [
        f"{words['where']}: {words['not_given'] if where == 'Not given' else where}",
        f"{words['situation']}: {words['categories'].get(slots.get('situation'), words['not_given'])}",
    ]
    for key, value in details(slots).items():
        if key == "removal_stage":
            value = words["stages"].get(value, value)
        elif key == "ice_present_now":
            value = words["yes"] if value else words["no"]
        elif value == "unknown":
            value = words["not_known"]
        elif key in DATE_SLOTS:
            value = readable_date(value, language)
        elif key == "places_mentioned":
            value = ", ".join(value)
        lines.append(f"{words['labels'][key]}: {value}")
    person = contact(slots)
    if "phone" in person:
        person["phone"] = readable_phone(person["phone"])
    lines.append(
        f"{words['contact']}: " + (", ".join(person[k] for k in ("name", "phone", "email") if k in person) or words["none_given"])
    )
    if urgency_reasons:
        lines.append(f"{words['urgent']}: " + "; ".join(words["reasons"][r] for r in urgency_reasons))
    return lines


def updates_query(slots: Mapping[str, Any]) -> Dict[str, Any] | None:
    """What to match posted updates on, once situation and location are both known.

    None until then. Outside the US only national posts can apply, so no
    state or city is passed.
    """
    situation = slots.get("situation")
    if not situation or not _known(slots.get("location")):
        return None
    in_us = slots.get("country") in (None, "United States")
    words = " ".join(str(slots.get(k)) for k in ("situation_text", "details") if _known(slots.get(k)))
    return {
        "situation": situation,
        "state": slots.get("state") if in_us else None,
        "city": slots.get("city") if in_us else None,
        "text": words or None,
    }
