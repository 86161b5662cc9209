"""Which intake question comes next: the form's slot order as a plain function.

The Rasa form asks the first slot in ``required_slots(...)`` that has no value,
so this list *is* the conversation plan, and it is recomputed on every turn
from what the visitor has said so far.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Dict, List, Mapping, Tuple

from bot import contact, dates, safety, situations, urgency
from bot.places import facilities, location, neighbours, resolver, roles
from bot.places.names import norm

#: Follow-up questions per situation.
FOLLOW_UPS: Dict[str, List[str]] = {
    "detention": ["detained_where", "detained_since", "a_number"],
    "removal": ["removal_stage", "hearing_date", "a_number"],
    "enforcement": ["ice_present_now"],
    "humanitarian": ["details"],
    "family": ["details"],
    "employment": ["details"],
    "citizenship": ["details"],
    "other": ["details"],
}

#: What a question takes when the visitor sends the same words twice and they
#: still are not an answer: their words where a question keeps words, otherwise
#: "not known". No question is asked a third time.
WORDS_KEPT = ("location", "detained_where", "detained_since", "hearing_date", "details")
GIVE_UP: Dict[str, Any] = {
    "location_state": "unknown",
    "location_confirmed": False,
    "a_number": "unknown",
    "removal_stage": "unknown",
    "ice_present_now": False,
    "contact_name": "none",
    "contact_phone": "none",
    "contact_email": "none",
}


def give_up(slot: str | None, text: str) -> Dict[str, Any]:
    """The value a question settles on after the same unreadable answer twice ({} if none)."""
    if slot in WORDS_KEPT and text.strip():
        return {slot: " ".join(text.split())[:1000]}
    if slot in GIVE_UP:
        return {slot: GIVE_UP[slot]}
    return {}


#: Removal stages that have no upcoming date to ask for.
STAGES_WITHOUT_DATE = {"removal_order", "appeal", "nta_no_date", "closed"}

CALLBACK_SLOTS = ["contact_name", "contact_phone"]
CONTACT_SLOTS = ["contact_name", "contact_phone", "contact_email"]

#: The follow-up answers about the matter (stored with the intake's details, ``bot.intake.DETAIL_SLOTS``).
MATTER_SLOTS = ["detained_where", "detained_since", "a_number", "removal_stage", "hearing_date", "ice_present_now", "details"]

#: Groups of slots a visitor can ask to change from the summary: every slot the
#: answer filled goes, so nothing of the old answer (a time zone, a state name) stays.
CHANGE_GROUPS: Dict[str, List[str]] = {
    "location": [*location.LOCATION_SLOTS, "location_state", "location_guess", "location_confirmed"],
    "situation": ["situation", "situation_text", *MATTER_SLOTS],
    "details": list(MATTER_SLOTS),
    "contact": list(CONTACT_SLOTS),
}


def follow_ups(slots: Mapping[str, Any]) -> List[str]:
    """The follow-up questions that fit the situation (none before it is known)."""
    situation = slots.get("situation")
    questions = list(FOLLOW_UPS.get(situation or "", []))
    if situation == "removal" and slots.get("removal_stage") in STAGES_WITHOUT_DATE and not (
            slots.get("removal_stage") == "removal_order" and called_to_report(slots.get("situation_text"))):
        # (an order, and ICE calling the person in: "now ice sent a letter telling me to report": the day to report is asked)
        questions.remove("hearing_date")
    if "details" in questions and situations.details_said(situation, slots.get("situation_text")) and not (
            situation == "other" and slots.get("situation_tries")):
        # (an answer to "What's happening?" that could not be placed, "a letter came and i dont get it": asked for more)
        # "I failed the civics test and my retest is January 19": the matter is told; not asked again.
        questions.remove("details")
    return questions


def required_slots(slots: Mapping[str, Any]) -> List[str]:
    """The intake form's questions, in order, given what is known so far."""
    if slots.get("consent") is False:
        # Refusal: nothing more is asked (consent stays listed so that the
        # refusal itself is validated, and the form then ends).
        return ["consent"]
    order: List[str] = ["consent"]
    if slots.get("callback_requested"):
        # Listed (never asked: it has a value) so that the form validates it
        # in the turn the visitor asks for a person, instead of rejecting.
        order.insert(0, "callback_requested")
    if slots.get("callback_requested") and not slots.get("callback_recorded"):
        # "Talk to a person" jumps the queue: name and phone first.
        order += CALLBACK_SLOTS
    if slots.get("location_guess") and (slots.get("location") is None or slots.get("location_confirmed") is not None):
        # A place said in passing, not as where the visitor is: "Are you in Chicago right now?"
        # (listed once answered too, so that the answer is validated)
        order.append("location_confirmed")
    order.append("location")
    order.append("situation")
    order += follow_ups(slots)
    order.append("contact_name")
    order.append("contact_phone")
    if slots.get("contact_phone") in (None, "none"):
        # Email only matters when there is no phone to call back on.
        order.append("contact_email")
    if slots.get("location_candidates") and not slots.get("state"):
        # "Jacksonville": Florida or North Carolina?  Asked last, because the phone's area
        # code usually settles it (``location.settled_by_phone``) and the visitor is not
        # stopped at their first answer for what they did say.
        order.append("location_state")
    if slots.get("correcting"):
        order.append("change_field")
    order.append("intake_confirmed")
    # keep order, drop repeats (callback slots appear twice)
    return list(dict.fromkeys(order))


def missing_slots(slots: Mapping[str, Any]) -> List[str]:
    """Required slots that still have no value."""
    return [s for s in required_slots(slots) if slots.get(s) is None]


def change_group(text: str) -> str | None:
    """Which part of the summary a visitor wants to change, from a button or their words."""
    t = (text or "").lower()
    keywords = {
        "location": ("location", "place", "city", "state", "where", "live", "zip", "country"),
        "situation": ("situation", "category", "problem", "case type", "topic", "what happened"),
        "details": ("detail", "date", "hearing", "a-number", "a number", "facility", "since", "answer"),
        "contact": ("contact", "name", "phone", "number", "email", "call"),
    }
    if t in CHANGE_GROUPS:
        return t
    for group, words in keywords.items():
        if any(w in t for w in words):
            return group
    return None


_NOTHING = re.compile(
    r"^\W*(?:nothing|none|never ?mind|nvm|no+|nope|all good|it'?s (?:fine|right|correct|ok)|(?:that'?s )?(?:fine|right|correct|ok)"
    r"|nada|ninguno|esta bien|todo bien|nothing to change|no changes?)\W*$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"\b(?:changed my mind|change of mind|(?:do ?n[o']?t|dont) want to (?:do|continue|go on with) (?:this|it)|forget (?:it|about it)"
    r"|don'?t save|do not save|no (?:lo )?guardes|no quiero (?:seguir|continuar|hacer esto)|cambie de opinion|olvidalo|mejor no)\b",
    re.IGNORECASE,
)


def nothing_to_change(text: str) -> bool:
    """"nothing", "never mind", "it's fine" where the visitor was asked what to change."""
    return text == "nothing" or bool(_NOTHING.match(text or ""))


def wants_to_stop(text: str) -> bool:
    """At the summary, "no, I changed my mind, I don't want to do this now": nothing is saved.
    Not "o mejor no?" in a question ("tenemos que llamarles a ese numero o mejor no?"): an
    alternative asked about, not a wish to stop."""
    found = _STOP.search(text or "")
    if found is not None and found.group(0).lower() == "mejor no" and re.search(r"\bo mejor no\b[^.!]*\?", text, re.IGNORECASE):
        return False
    return found is not None


def summary_reply(value: Any, text: str, said_twice: bool = False) -> str:
    """What a reply to "Here's what I have... Is this right?" means: yes, change, more, stop or again.

    "thank you so much" is a yes; "i don't know" shows the summary again, and a second
    time it is kept as it is (staff check it on the call); a correction ("actually we
    moved to dallas") asks what to change; anything else is more to tell ("oh and he has
    a DUI from 2015"), added to the details.
    """
    if value is True or value == "thanks":
        return "yes"
    if value == "unsure":
        return "yes" if said_twice else "again"
    if wants_to_stop(text):
        return "stop"
    if value is False:
        return "change"
    said = yes_or_no(text)
    if said is not None:
        return "yes" if said else "change"
    # "oh and he also has a DUI from 2015": more to tell, not something to change
    return "change" if _SUMMARY_CORRECTION.search(text or "") else "more"


#: A fact said again to put it right, at any question ("wait no i read it wrong its next friday",
#: "perdón, me equivoqué, es el jueves"): the new reading replaces the one kept.
_SETS_RIGHT = re.compile(
    r"\b(?:wait,? no|no,? wait|read (?:it|the \w+) wrong|got it wrong|i was wrong|my bad|correction|i meant|i mean|i said \w+(?: \w+)? but"
    r"|they moved it|(?:la|lo) (?:cambiaron|movieron)"
    # a day called off and moved: "they CANCELLED the wednesday one and moved it, new date is like 4 months from now"
    r"|(?:and|they|y) (?:moved|rescheduled|postponed|pushed back) (?:it|the (?:date|hearing|court|check[- ]?in))|new date is|(?:la )?nueva fecha es"
    # "the hearing got moved up to next monday", "says my check in is TOMORROW at 9, not next month"
    r"|(?:got|was|been|they) moved(?: up| back)?|moved (?:it )?up|(?:la|lo) adelantaron|se (?:movi[oó]|cambi[oó]|adelant[oó])"
    r"|(?:adelant|movi|cambi|pospus|reprogram)\w* (?:la|el) (?:audiencia|corte|cita|fecha|firma)"
    r"|not (?:in |on )?next (?:week|month)|no (?:es )?(?:el|la) (?:otra semana|pr[oó]xima semana|otro mes|pr[oó]ximo mes)"
    r"|(?:la|lo) (?:pospusieron|reprogramaron|pasaron para)"
    r"|not (?:in )?(?:\w+ ){0,3}(?:it'?s|its|it is)|actually"
    r"|me equivoqu[eé]|nos equivocamos|le[ií] mal|le[ií]mos mal|estaba mal|en realidad|no es (?:el|en|para|este|esta|ese)"
    # "Corrijo: la cita no es este lunes, es en 2 meses, me confundí con la cita de mi hermano"
    r"|corrijo|correcci[oó]n|me confund[ií])\b",
    re.IGNORECASE,
)
#: The facts a correction may replace: days, which a visitor misreads on a letter.
CORRECTABLE = ("hearing_date", "detained_since")


def corrected(said: Dict[str, Any], known: Dict[str, Any], text: str | None) -> Dict[str, Any]:
    """The facts of ``said`` that set right a different one already kept, when the message says it corrects."""
    if not _SETS_RIGHT.search(text or ""):
        return {}
    # ("me acaban de avisar que lo deportaron anoche": the day of the deportation, not of the taking)
    gone = no_longer_held(text)
    return {k: v for k, v in said.items() if k in CORRECTABLE and known.get(k) not in (None, v) and not (gone and k == "detained_since")}


def reasons_after_new_date(reasons: List[str], day: str, stage: str | None, today: date) -> List[str]:
    """The urgency reasons once the next date is set right ("they moved it, new date is in 4 months"):
    a hearing or check-in soon only if the new day is."""
    kept = {r for r in reasons if r not in ("hearing_soon", "checkin_soon")}
    return [r for r in urgency.REASONS if r in kept | set(urgency.assess({"removal_stage": stage, "hearing_date": day}, today))]


#: Where a place set right is read apart: the place's own questions, and the summary's correction.
_PLACE_READ_ELSEWHERE = (*CHANGE_GROUPS["location"], "intake_confirmed", "change_field")


def place_set_right(text: str | None, slots: Mapping[str, Any], asked: str | None = None) -> Dict[str, Any]:
    """Where the visitor is, set right at another question (``asked``: "sorry i put san bernardino but im
    actually staying in las vegas with my sister now"): the new place's slots, or {}."""
    if asked in _PLACE_READ_ELSEWHERE or not slots.get("location") or not _SETS_RIGHT.search(text or ""):
        return {}
    place, role = roles.visitor_location(text or "")
    if place is None or role != roles.SELF or place.candidates or place.label == slots.get("location"):
        return {}
    at = (text or "").lower().find((place.matched or "").lower())
    if at > 0 and _CALLED_FROM.search((text or "")[:at]):
        return {}  # "they already deported him, he called this morning from guatemala city": where he is, not the visitor
    return location.slots_for(place)


#: Someone else who called from a place: "he called this morning from", "mi hermano me llamó desde".
_CALLED_FROM = re.compile(r"\b(?:he|she|they|him|her|them|[eé]l|ella|ellos|my \w+|mi \w+)\b[^.?!]{0,30}"
                          r"\b(?:called|texted|calling|llam[oó]|habl[oó]|escribi[oó])\b[^.?!]{0,30}\b(?:from|desde)\s*$", re.IGNORECASE)


#: A guess at where someone is held, beside "I don't know": "no se, en yuma station maybe", "idk, a jail in conroe i think".
_WHERE_GUESSED = re.compile(r"\b(?:station|estaci[oó]n|jail|c[aá]rcel|centro|center|detention|detenci[oó]n|county|condado|corral[oó]n"
                            r"|processing|facility)\b", re.IGNORECASE)


def where_held_guessed(text: str | None) -> bool:
    """Whether an "I don't know" at "Where is the person held?" also guesses a place, to keep as said."""
    t = text or ""
    return len(t.split()) >= 3 and bool(_WHERE_GUESSED.search(t) or facilities.facility_in(t) or roles.mentions(t))


def where_held_news(said: Dict[str, Any], known: Mapping[str, Any], text: str | None) -> Dict[str, Any]:
    """Where someone is held, told anew in a later message (``said``, read from it): moved there
    ("wait they just called, they moved him last night to the pine prairie place in louisiana"),
    or found after it was not known ("cant find him in the locator"). {} otherwise."""
    new, old = said.get("detained_where"), known.get("detained_where")
    if not new or old in (None, new) or known.get("situation") != "detention" or new == "unknown" or _WHERE_UNKNOWN.search(str(new)):
        return {}  # (not "no lo encuentro", said of the A-number, after "nadie me dice donde esta")
    if _MOVED_FIX.search(text or "") or old == "unknown" or _WHERE_UNKNOWN.search(str(old)):
        return {"detained_where": new}
    return {}


#: Words that correct the summary ("actually we moved", "the name is wrong", "me mudé").
_SUMMARY_CORRECTION = re.compile(
    r"\b(?:actually|wrong|incorrect|not right|mistake|typo|change|fix|correct\w*|instead|moved|isn'?t|is not|not in|not at"
    r"|my name is|my (?:phone|number|email) is|en realidad|incorrect[oa]|no es|est[aá] mal|cambi\w*|correg\w*|equivoc\w*"
    r"|me mud\w*|nos mud\w*|mi nombre es|mi (?:tel[eé]fono|n[uú]mero|correo) es)\b",
    re.IGNORECASE,
)


#: A name corrected in so many words: "its Ximena with an X not Jimena", "my name is Ana, not Anna".
_NAME_FIX = re.compile(
    r"\b(?:it'?s|its|is|es|name is|me llamo|soy)\s+([^\W\d_][\w'-]*)(?:\s+with an? \w+|\s+con \w+)?,?\s+(?:not|no)\s+([^\W\d_][\w'-]*)",
    re.IGNORECASE)
#: Where someone is held, corrected: "hes in pine prairie not jena", "está en Krome, no en Broward".
#: ... or moved there: "wait i just got a call, they moved him to pine prairie", "lo trasladaron a Otero".
_MOVED_FIX = re.compile(
    r"\b(?:(?:moved|transferred|took|sent|switched)\s+(?:him|her|them)\s+(?:(?:last night|yesterday|this morning|today|over)\s+)?to\s+"
    r"|(?:lo|la|los|las)\s+(?:movieron|trasladaron|pasaron|mandaron|llevaron|cambiaron)\s+(?:para\s+|a\s+|al\s+))"
    r"((?:the |el |la )?[^\W\d_][\w' -]{2,40}?)(?=\s*(?:,|\.|;|!|\bnot\b|\bno\b|$))",
    re.IGNORECASE)
_HELD_FIX = re.compile(
    r"\b(?:he'?s|hes|she'?s|shes|they'?re|theyre|he is|she is|they are|est[aá]n?)\s+(?:really |actually |now )?(?:in|at|en)\s+"
    r"((?:the |el |la )?[^\W\d_][\w' -]{2,40}?)(?=\s*(?:,|\.|;|!|\bnot\b|\bno\b|$))",
    re.IGNORECASE)


def corrected_at_summary(text: str, slots: Mapping[str, Any], country: str | None = None,
                         today: date | None = None) -> Dict[str, Any]:
    """What a correction at the summary gives in its own words, so that it is not asked for:
    a phone number ("phone is wrong, it's 305-555-0187", read as a visitor in ``country``
    writes it), an email, a name ("its Ximena with an X not Jimena"), where someone is held
    ("hes in pine prairie not jena"), where the visitor is ("I'm in New Jersey not New York"),
    the next date ("the court date is next wednesday"). {} when the correction names no value
    (then the visitor is asked what to change)."""
    from bot import contact
    from bot.places import facilities

    t = text or ""
    out: Dict[str, Any] = {}
    if "@" in t:
        email, _ = contact.parse_email(t)
        if email:
            out["contact_email"] = email
    # ("escribame mejor por whatsapp al +57 310 555 0140": a number given where none was)
    if contact.PHONE_CUE.search(t) or slots.get("contact_phone") not in (None, "none"):
        if len(re.sub(r"\D", "", t)) >= 10:
            phone, _ = contact.phone_answer(t, country)
            if phone:
                out["contact_phone"] = phone
    name = str(slots.get("contact_name") or "")
    fix = _NAME_FIX.search(t)
    if fix and name and name != "none":
        new, old = fix.group(1), fix.group(2)
        words = name.split()
        if old.lower() in (w.lower() for w in words):
            out["contact_name"] = " ".join(new.capitalize() if w.lower() == old.lower() else w for w in words)
        elif new.lower() in (w.lower() for w in words):
            out["contact_name"] = name  # already as they say: nothing to change
    held = (_HELD_FIX.search(t) or _MOVED_FIX.search(t)) if slots.get("situation") == "detention" else None
    if held:
        where = held.group(1).strip()
        out["detained_where"] = facilities.facility_in(where) or where
    place, role = roles.visitor_location(t)
    if place is not None and role == roles.SELF and place.label != slots.get("location"):
        # "sorry I meant I'm in New Jersey not New York, I live in Jersey City"
        out.update(location.slots_for(place))
    day = dates.coming_date(t, today or date.today()) if slots.get("situation") == "removal" and _DATE_WORDS.search(t) else None
    if day is None and slots.get("situation") == "removal" and _DATE_WORDS.search(t):
        # "its not next month anymore, they moved it to this monday": the day the correction ends on
        day = next(filter(None, (dates.coming_date(c, today or date.today()) for c in reversed(_CLAUSE.split(t)))), None)
    if day is not None and day.isoformat() != slots.get("hearing_date"):
        out["hearing_date"] = day.isoformat()  # "wait the court date is next wednesday not next month"
    return out


#: A correction about the next date: "the court date is", "la cita es".
_DATE_WORDS = re.compile(r"\b(?:date|court|hearing|check[- ]?in|appointment|fecha|corte|audiencia|cita"
                         r"|moved (?:it|them)|rescheduled|changed (?:it|the date)|la cambiaron|la movieron|lo cambiaron|lo movieron"
                         # "dice que ya no es este jueves, la pasaron para dentro de dos meses"
                         r"|la pasaron|lo pasaron|la pospusieron|la reprogramaron|ya no es)\b",
                         re.IGNORECASE)


def with_more_details(details: Any, text: str) -> str:
    """The details with what the visitor added at the summary ("oh and he has a DUI from 2015")."""
    said = " ".join((text or "").split())
    before = str(details).strip() if details not in (None, "", "none", "unknown") else ""
    return (f"{before} / {said}" if before else said)[:1000]


def reset_events_for(group: str) -> Dict[str, Any]:
    """Slot values that clear a group so the form asks for it again."""
    return {slot: None for slot in CHANGE_GROUPS[group]}


_STAGE_WORDS = (
    ("check_in", ("check in", "check-in", "checkin", "report to ice", "reporting", "ice office", "isap", "ankle",
                  "cita de firmar", "cita para firmar", "cita de firma", "atd", "alternatives to detention", "next report", "my report",
                  "cita con ice", "cita con la migra", "cita con inmigracion", "reportarme", "reportarse", "reportarnos", "firmar con", "grillete",
                  "firmar cada", "sign every", "sign at ice", "firmo", "report to them", "report to immigration",
                  # "en mi última firma con ICE", "mi próxima firma es en marzo"
                  "firma con ice", "firma con la migra", "firma con migracion", "firma con inmigracion", "ultima firma", "proxima firma",
                  "firma en ice", "firma en la migra", "firma en migracion", "firma en inmigracion", "me toca firmar", "me toca la firma",
                  "presentarme", "presentarse", "me presente", "presentarnos", "report to ice",
                  # "tengo orden de deportacion y me presento a firmar": an order under supervision, reporting
                  "presento a firmar", "presenta a firmar", "presentamos a firmar", "presentarme a firmar", "presentarse a firmar",
                  "presentar con ice", "presentar con la migra", "presentar con inmigracion", "reportarme con ice",
                  "reportar con ice", "ice appointment", "appointment with ice", "ice appt", "appointment at ice",
                  "ice office appointment", "cita de ice", "cita en ice", "cita de inmigracion", "cita con migracion",
                  "cita de migracion", "appointment con ice", "ir a firmar", "toca firmar", "firmar en ice", "firmar con ice",
                  "go sign", "sign with ice", "sign in with ice", "sign at ice", "sign at the ice",
                  # "chequeo con ice", "voy a ice a firmar", "firmo con ice", "me reporto con ice"
                  "chequeo", "chequeos", "ice a firmar", "a firmar a ice", "a firmar con", "a firmar en", "firmo con", "firmo en", "reporto con", "reporte con", "reportar a ice",
                  # "me tengo q presentar en la oficina de ice"
                  "oficina de ice", "oficina de la migra", "oficina de inmigracion", "oficina de migracion", "presentar en ice",
                  # "me tengo q presentar a ice el lunes", "tengo q ir a report con ice cada 3 months"
                  "presentar a ice", "presentar ante ice", "report con ice", "reportar con", "a report con",
                  # "fui a firmar hoy", "q me reporte a ice en 60 dias"
                  "fui a firmar", "fue a firmar", "fuimos a firmar", "me reporte a", "reportarme a", "reportarse a", "reporte a ice",
                  # "yo voy a firmar a inmigracion cada seis meses"
                  "firmar a inmigracion", "firmar a migracion", "firmar a la migra", "firmar en inmigracion",
                  "firmar en migracion", "firmar con inmigracion", "firmar con migracion", "firmo cada", "firma cada",
                  # "I go see the ice officer downtown the day after tomorrow"
                  "see the ice officer", "see my ice officer", "see the officer at ice", "see my officer at ice",
                  "ver al oficial de ice", "ver a mi oficial", "ver al oficial de inmigracion",
                  # "a paper that says report in 6 weeks", "una carta que dice que se reporte"
                  # "he has to go to ICE in 3 days", "tiene que ir a migracion el lunes"
                  "has to go to ice", "have to go to ice", "got to go to ice", "tiene que ir a ice", "tengo que ir a ice",
                  "tiene que ir a migracion", "tengo que ir a migracion", "tiene q ir a migracion", "tengo q ir a migracion",
                  "says report in", "says to report in", "to report in", "report back in", "que me reporte en", "que se reporte en",
                  "que nos reportemos en", "q me reporte en", "q se reporte en",
                  # "has to present herself at ICE tomorrow", "the letter says she has to see ICE next friday"
                  "present herself at ice", "present himself at ice", "present myself at ice", "present themselves at ice",
                  "present herself to ice", "present himself to ice", "present myself to ice", "present yourself at ice",
                  "to see ice", "see ice on", "see ice at", "report at ice",
                  # "en mi última cita el oficial me dijo que para la próxima ya me quedo"
                  "cita el oficial", "cita la oficial", "cita con el oficial", "cita con mi oficial", "appointment the officer",
                  "appointment my officer",
                  # "ICE told me to come back in nine days with my passport"
                  "ice told me to come back", "ice told him to come back", "ice told her to come back", "ice told us to come back")),
    ("removal_order", ("removal order", "deportation order", "order of removal", "order of deportation", "ordered removed", "deported", "final order", "orden final",
                       "gave me deportation", "gave him deportation", "gave her deportation", "dio deportacion",
                       # "i have an old deportation from years ago": an order, said short
                       "have an old deportation", "got an old deportation", "una deportacion vieja", "una deportacion antigua", "deportacion de hace",
                       "gave me a deportation", "gave him a deportation", "gave her a deportation", "got a deportation",
                       "dieron deportacion", "dio la deportacion", "dieron la deportacion", "order of supervision",
                       "orden de supervision", "orden del juez", "order from the judge", "judge's order",
                       "already removed", "was removed", "got removed", "been removed", "lo deportaron", "la deportaron",
                       "ordered removal", "ordered deportation", "ordered my removal", "in absentia", "en ausencia", "en absentia",
                       "dieron deportation", "dio deportation", "dieron la deportation", "bia dismissed",
                       "bia denied", "dismissed my appeal", "denied my appeal", "judge denied", "denied my asylum",
                       "bia said no", "board said no", "bia rejected", "bia turned down",
                       "nos negaron la apelacion", "me negaron la apelacion", "le negaron la apelacion", "denied our appeal", "denied the appeal",
                       # "the BIA decision is dated 12 days ago ... they denied", "the 30 days (to appeal) ran out"
                       "bia decision", "decision from the bia", "decision of the bia", "decision is from the bia",
                       "appeal and he didn't", "appeal and he didnt", "appeal and she didn't", "appeal and she didnt",
                       "never filed the appeal", "never filed my appeal", "didn't file the appeal", "didnt file the appeal",
                       "didn't file my appeal", "didnt file my appeal", "30 days ran out", "thirty days ran out",
                       "no apele", "no apelé", "no se apelo", "no se apeló",
                       # "la BIA me negó el appeal hace 20 días": the board's no is the final order
                       "bia me nego", "bia nego", "bia le nego", "bia rechazo", "junta me nego", "junta nego",
                       "junta de apelaciones me nego", "junta de apelaciones nego", "junta de apelaciones le nego",
                       "denied my case", "judge ordered", "nego mi asilo", "negó mi asilo", "me negaron el asilo",
                       "me nego el asilo", "me negó el asilo", "nego la apelacion", "negó la apelación", "nego la apelación",
                       "nego el asylum", "negó el asylum", "nego mi asylum", "negaron el asylum",
                       # "a mi me dieron deportacion hace 9 años": an order given
                       "dieron deportacion", "dieron la deportacion", "dio deportacion", "dio la deportacion",
                       "dieron una deportacion", "dio una deportacion",
                       "orden de deportacion", "orden de deportación", "order de deportacion", "order de deportación", "orden de remocion", "deportado", "deportada",
                       "me deportaron", "lo deportaron", "la deportaron", "salida voluntaria", "voluntary departure",
                       # "my dad got sent back to peru", "lo mandaron de regreso a honduras"
                       "got sent back", "was sent back", "were sent back", "mandaron de regreso", "regresaron a su pais",
                       "deportaron a mi", "deportaron a su", "deportaron a nuestro", "deportaron a nuestra",
                       "ordeno la deportacion", "ordeno mi deportacion", "ordeno su deportacion",
                       # "tengo deportacion de hace como 15 anos": an order that is had
                       "tengo deportacion", "tengo una deportacion", "tiene deportacion", "tiene una deportacion",
                       "have a deportation", "i have deportation", "has a deportation",
                       # "she has an old order", "he has an order from when he was 19": an order, said short
                       "old order", "an order from when", "a order from when", "an order from back",
                       # "he lost his case a long time ago": the judge's order
                       "lost his case", "lost her case", "lost my case", "perdio su caso", "perdi mi caso",
                       "orden vieja", "orden antigua", "una orden de hace", "una orden de cuando",
                       # a "bag and baggage" letter: report for removal ("the letter says report with luggage")
                       "bag and baggage", "with luggage", "with his luggage", "with her luggage", "with my luggage",
                       "con maletas", "con maleta", "con equipaje", "con su maleta", "con mi maleta", "con la maleta",
                       "with one bag", "with a bag", "with his bag", "with her bag", "with my bag", "with bags", "con una maleta",
                       "and one bag", "and a bag", "y una maleta",
                       # "a letter that says bring his belongings ... for removal"
                       "bring his belongings", "bring her belongings", "bring my belongings", "bring your belongings",
                       "with his belongings", "with her belongings", "with my belongings", "con sus pertenencias", "con mis pertenencias",
                       "with one suitcase", "with a suitcase", "with his suitcase", "with her suitcase", "with my suitcase", "with suitcases",
                       # a stay of removal holds off an order: "his stay of removal expires a week from monday"
                       "stay of removal", "stay of deportation")),
    # an appeal waiting at the Board (the judge's order is not final): "mi caso está en apelación", "my lawyer appealed"
    # a case closed, dismissed or terminated: nothing to come ("me cerraron el caso hace 4 años")
    ("closed", ("case was closed", "case closed", "case got closed", "closed my case", "closed the case", "closed his case",
                "closed her case", "administratively closed", "admin closed", "administrative closure", "admin closure",
                "case was dismissed", "case dismissed", "case got dismissed", "dismissed my case", "dismissed the case",
                "dismissed his case", "dismissed her case", "case was terminated", "case terminated", "terminated my case",
                "terminated the case", "proceedings terminated", "proceedings were terminated", "case is closed",
                "cerraron el caso", "cerraron mi caso", "cerraron su caso", "caso cerrado", "cierre administrativo",
                "cerrado administrativamente", "cerrada administrativamente", "lo cerraron", "la cerraron", "desestimaron el caso",
                "desestimaron mi caso", "terminaron el caso", "terminaron mi caso", "el caso se cerro", "mi caso se cerro",
                "caso esta cerrado", "el caso esta cerrado")),
    ("appeal", ("appealed", "appeal pending", "pending appeal", "in appeal", "on appeal", "appeal is pending", "waiting on the bia",
                "waiting for the bia", "at the bia", "appeal at the bia", "appeal with the bia", "bia appeal",
                "appeal at the board", "appeal to the board", "appeal with the board", "board of immigration appeals", "appeal is at the board",
                "my appeal", "the appeal", "mi apelacion", "la apelacion", "junta de apelaciones", "its an appeal", "it's an appeal",
                "es una apelacion",
                "apelacion en la junta",
                "en apelacion", "apelo", "apelamos", "apele", "apelaron", "apelacion pendiente", "esperando a la junta",
                "esperando la apelacion", "apelo a la junta", "apelamos a la junta", "esta en la junta", "con la junta de apelaciones")),
    ("nta_no_date", ("notice to appear", "nta", "no date", "to be set", "tbd", "sin fecha", "notificacion de comparecencia",
                     "aviso de comparecer", "aviso de comparecencia", "notificacion para comparecer")),
    ("hearing", ("hearing", "court", "cort", "judge", "master calendar", "individual", "corte", "audiencia", "juez", "jueza",
                 # "my next master is in 3 weeks": the master calendar hearing, said short
                 "next master", "first master", "master date", "proximo master",
                 "proceedings", "removal proceedings", "en proceso de deportacion")),
    ("unknown", ("not sure", "don't know", "dont know", "idk", "unknown", "no se", "no sé", "no estoy segur", "ni idea", "no idea",
                 "none of these", "none of them", "none of those", "ninguna", "ninguno", "nada de eso", "neither")),
)
#: A plain no at "Which of these fits best?": none of them, so not known (never "please pick").
_NONE_OF_THEM = re.compile(r"^\W*(?:no+|nope|nah|none|not really|no,? none|todav[ií]a no|a[uú]n no|not yet"
                           # "no nothing like that", "nada de eso", "ninguna de esas"
                           r"|(?:no+,? )?(?:nothing|nada)(?: (?:like that|of (?:that|those|these)|de (?:eso|esos|esas|esto)))?"
                           r"|ningun[oa]? de (?:esos|esas|estos|estas)|none of (?:that|those|these|them))\W*$")
#: A closed case opened again, told ("lo van a volver a abrir", "they reopened it") or only feared ("tengo miedo
#: que lo vuelvan a abrir": still closed).
_REOPENED = re.compile(r"\b(?:reopen\w*|re-open\w*|volver a abrir|vuelvan a abrir|volvieron a abrir|reabri\w*|recalendar\w*|(?:put|placed|is|was) back on (?:the )?calendar)")
_REOPENING_FEARED = re.compile(r"\b(?:miedo|afraid|scared|worried|fear|preocup\w*|what if|y si)\b[^.?!]{0,30}"
                               r"\b(?:reopen\w*|re-open\w*|volver a abrir|vuelvan a abrir|reabr\w*)")
#: At "Which of these fits best?", a case said closed in a word: "dismissed, no court", "cerrado", "terminated".
_CLOSED_ANSWER = re.compile(r"^\W*(?:it (?:was|got) |(?:el caso |mi caso )?(?:ya )?(?:esta |fue )?)?(?:dismissed|closed|terminated|cerrad[oa]|cerraron|lo cerraron|desestimad[oa]|terminad[oa])\b")
STAGES = {"hearing", "check_in", "removal_order", "appeal", "nta_no_date", "closed", "unknown"}
#: The stages that name a step of the case (not "unknown").
STEPS = STAGES - {"unknown"}
#: The stages in the order of the buttons of "Which of these fits best?" (utter_ask_removal_stage; a test
#: keeps the two in step), so that "the second one" or "3" picks one.
STAGE_BUTTONS = ("hearing", "check_in", "removal_order", "nta_no_date", "unknown")
_ORDINALS = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "1st": 0, "2nd": 1, "3rd": 2, "4th": 3, "5th": 4,
             "first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4,
             "primero": 0, "primera": 0, "primer": 0, "segundo": 1, "segunda": 1, "tercero": 2, "tercera": 2, "tercer": 2,
             "cuarto": 3, "cuarta": 3, "quinto": 4, "quinta": 4, "last": -1, "ultimo": -1, "ultima": -1}
_BUTTON_PICKED = re.compile(
    r"^\W*(?:the |la |el |lo )?(?:#|number |numero |no\.? |option |opcion |la opcion )?(" + "|".join(_ORDINALS) + r")"
    r"(?: one| option| opcion| de arriba)?\W*$")


#: A coming day that is not the case's: a flight, a birthday, a move.
_OTHER_EVENT = re.compile(r"\b(?:flight|vuelo|birthday|cumplea\w*|moving|move|mudo|mudamos|mudanza|trip|viaje|wedding|boda|surgery|cirug\w*"
                          # a journey to family: "going to my cousin in denver tomorrow", "me voy con mi tia el lunes"
                          r"|(?:going|goin|leaving|heading|headed|driving|moving) (?:to|for) (?:my|our|his|her) \w+"
                          r"|(?:me voy|nos vamos|me van a llevar|voy a irme) (?:con|a casa de|para (?:donde|casa de)) (?:mi|mis|nuestr[oa]s?) \w+"
                          r"|bus|autob[uú]s|greyhound)\b",
                          re.IGNORECASE)
#: An appointment with ICE, its words apart: "cita pasado mañana con migracion".
_CITA_WITH_ICE = re.compile(r"\bcita\b(?:\s+\w+){1,3}?\s+(?:con|en)\s+(?:la\s+)?(?:migra|migracion|inmigracion|ice)\b"
                            # "mi cita con el officer de ICE es el viernes que viene"
                            r"|\bcita con (?:el|la|mi) (?:officer|oficial|agente|deportation officer)\b"
                            # "tenia que firmar mañana en ICE": signing at ICE, a check-in
                            r"|\b(?:firmar|firmo|firma|reportarme|presentarme)\b[^.?!]{0,25}\b(?:en|con|a) (?:la )?(?:ice|migra|migracion|inmigracion)\b"
                            # "ICE se quedó con su pasaporte y tiene cita en 16 días": ICE named before the appointment
                            r"|\b(?:ice|la migra|migracion|inmigracion)\b[^.?!]{0,60}\b(?:tiene|tengo|tenemos|has|have|got)\s+"
                            r"(?:una\s+|su\s+|mi\s+|an?\s+)?(?:cita|appointment|appt)\b(?!\s+(?:con|en|with|at)\s+(?:el\s+|la\s+|the\s+)?"
                            r"(?:uscis|juez|judge|corte|court|consulado|consulate|doctor|medico|m[eé]dico))")
#: ICE calling the visitor to its office: "ICE sent a letter, I have to appear at their office".
_ICE_OFFICE_CALLED = re.compile(r"\bice\b[^.?!]{0,60}\b(?:appear|report|come in|come to|go to|show up|present)\b[^.?!]{0,40}"
                                r"\b(?:their|its|the ice|the \w+) office\b")
#: At "Which of these fits best?", an appointment or a report, with no other stage named: the check-in.
_APPOINTMENT_ANSWER = re.compile(r"\b(?:appointment|appt|report|reportar\w*|cita"
                                 # "they gave me a paper to come back in 2 months": told to come back to ICE
                                 r"|(?:come back|return|regresar|volver) (?:in|on|en|el|dentro de)\b)")
#: A notice to appear with no date yet, whatever else it says (court, "me presente"); or a paper to go
#: before a judge with no date ("un papel para presentarme ante un juez pero no tiene fecha").
#: Words of a report's day said later ("la carta dice q es pa el jueves q viene"; not a name: "Gaspar Domingo Pablo").
_THE_REPORTS_WORDS = re.compile(r"\b(?:carta|letter|papel|paper|notice|aviso|report\w*|present\w*|cita|appointment|officer|oficial|ice|go|ir|vaya)\b",
                                re.IGNORECASE)
#: A hearing's date moved: "mi court date la cambiaron", "my hearing got rescheduled", "they moved my court".
_DATE_CHANGED = re.compile(r"\b(?:court date|hearing|court|corte|audiencia|fecha de (?:la )?corte)\b[^.?!]{0,20}\b(?:cambiaron|movieron|cambio|changed|moved"
                           r"|rescheduled|reprogramaron|pospusieron|postponed)\b", re.IGNORECASE)
_NTA_UNDATED = re.compile(r"(?=.*\b(?:notice to appear|nta|aviso de comparec\w*|notificacion (?:de|para) (?:comparec\w*|presentarse)"
                          r"|(?:paper|papel|letter|carta)\b[^.]{0,50}\b(?:judge|juez|jueza|court|corte)"
                          # "me negaron el asilo en la entrevista y me mandaron a la corte": referred to the court
                          r"|(?:mandaron|refirieron|pasaron|enviaron|referred|sent)\s+(?:\w+\s+){0,2}?(?:a|to)\s+(?:la\s+|the\s+)?(?:immigration\s+)?(?:corte|court))\b)"
                          r".*\b(?:tbd|to be (?:set|determined)|sin fecha|no date|fecha por (?:definir|determinar)"
                          r"|no (?:tiene|trae|dice) (?:la |una |ninguna )?fecha|(?:doesn'?t|does not|dont) (?:have|say|give) (?:a |the |any )?date"
                          # "un papel para presentarme en la corte pero no dice cuando"
                          r"|no dice (?:para )?cu[aá]ndo|(?:doesn'?t|does not|dont) say when"
                          # "me dieron un papel para presentarme en corte de inmigracion pero no se cuando es"
                          r"|no s[eé] (?:cu[aá]ndo|la fecha)|(?:don'?t|do not|dont) know (?:when|the date)"
                          r"|(?:todav[ií]a |a[uú]n )?no (?:tengo|tenemos|tiene) (?:una |la )?fecha|(?:no|without a) date yet)\b")
#: A paper from the court: "me llego un papel de la corte", "got a letter from immigration court".
_COURT_PAPER = re.compile(
    r"\b(?:(?:me|nos|le|i|we|my \w+)\s+)?(?:lleg[oó]|llego|got|received|recibi|recibio|mandaron|sent me|just got)\s+"
    r"(?:un|una|a|el|la|the|this)\s+(?:papel|carta|letter|paper|notice|aviso|correo|sobre)\s+(?:de|del|from)\s+(?:la\s+|the\s+)?(?:immigration\s+)?"
    r"(?:corte|court)(?:\s+de\s+inmigracion)?\b")
#: What the paper says, told right after it ("... saying the case is dismissed", "... que tengo que ir el miercoles"): its stage
#: is read (and a paper with a date is a hearing notice).
_PAPER_SAYS = re.compile(r"^\W*(?:saying|that says|it says|says|which says|dice|que|q|that|diciendo|donde dice|with|con|about|sobre|for|para)\b")
#: Bond denied: "the judge denied bond last week", "le negaron la fianza", "no bond" (someone held, with no order said).
BOND_DENIED = re.compile(r"\b(?:(?:the )?(?:judge |juez |jueza )?(?:denied|refused|nego|negaron|neg[oó]|rechaz[oó]|rechazaron)\s+(?:him |her |them |le |les |me )?"
                         r"(?:the |his |her |la |el |su )?(?:bond|bail|fianza)|(?:bond|bail|fianza)\s+(?:was |got |fue |were )?(?:denied|negad[ao]|rechazad[ao])"
                         r"|no (?:le )?(?:dieron|dio|gave (?:him|her|them)) (?:bond|fianza))\b", re.IGNORECASE)
#: A report made to the police ("puse reporte con la policia", "reported it to the police"): no check-in.
_POLICE_REPORT = re.compile(r"\b(?:reporte|report|reported|reporto|reportamos|reportar|denuncia|denuncie)\w*\s+(?:\w+\s+)?(?:con|a|to|with|en)\s+"
                            r"(?:la\s+|the\s+)?(?:policia|police|cops?|sheriff)\b")
#: Leaving on one's own ("self deported", "se autodeporto"): no removal order is said.
_SELF_DEPORTED = re.compile(r"\bself[\s-]?deport\w*|\bauto[\s-]?deport\w*")
#: Whole words only: "nta" is in "Atlanta" and "representation", "court" in "courtesy".
_STAGE_PATTERNS = [
    (stage, re.compile(r"(?<!\w)(?:" + "|".join(sorted({re.escape(dates.plain(w)) for w in words})) + r")(?:s|es)?(?!\w)"))
    for stage, words in _STAGE_WORDS
]
#: An order said in so many words, beside a check-in ("tengo deportacion ... tengo q ir a firmar").
_ORDER_SAID = next(p for st, p in _STAGE_PATTERNS if st == "removal_order")
_CHECK_IN_WORDS = next(p for st, p in _STAGE_PATTERNS if st == "check_in")
#: A court or judge named (the hearing stage's words): a hearing, not a check-in or an interview.
_HEARING_WORDS = next(p for st, p in _STAGE_PATTERNS if st == "hearing")


#: A monitor worn, a condition of release rather than a check-in with a date: "ankle monitor", "grillete", "ISAP".
_MONITOR = re.compile(r"(?<!\w)(?:ankle(?: monitor)?|isap|grillete|atd|alternatives to detention)(?!\w)", re.IGNORECASE)
#: A court that is not immigration court: traffic, criminal, family, divorce, custody ("court date de traffic").
OTHER_COURT = re.compile(
    r"\b(?:traffic|criminal|family|divorce|custody|small claims|municipal|juvenile|probate)\s+court\b"
    r"|\bcourt(?: date)? (?:de|for|for a|for my|for the|about (?:a|my|the))\s+(?:traffic|tr[aá]fico|ticket|dui|divorce|custody|child support|speeding|manejar)\b"
    r"|\bcorte (?:de|por|para) (?:(?:la|el|una|un|mi) )?(?:tr[aá]fico|traffic|ticket|multa|manejar|divorcio|custodia|familia|dui)\b", re.IGNORECASE)
#: Deportation feared, not ordered: "i dont want to get deported", "so i dont get deported", "scared of getting deported".
_DEPORTATION_FEARED = re.compile(
    r"\b(?:(?:do ?n[o']?t|dont|not|never|won'?t|wont) (?:want to |wanna )?(?:get|be) deported"
    r"|(?:afraid|scared|fear|worried|terrified)(?: of| that| to| i| they| he| she| we| ll| will| might)*\s+(?:getting |get |be |being )deported"
    r"|(?:could|can|will|might|would) (?:i|he|she|we|they) (?:get|be) deported"
    # "the paper says if i dont go they can order me deported": what may come, not an order
    r"|(?:can|could|will|might|would|may) (?:order|have) (?:me|him|her|us|them|you) (?:deported|removed))\b", re.IGNORECASE)


#: Already sent back, as the answer to "Which of these fits best?": "hes already in peru", "ya está en Honduras".
_ALREADY_SENT = re.compile(
    r"^\W*(?:(?:he'?s|hes|she'?s|shes|they'?re|theyre|he is|she is|they are)\s+(?:already\s+(?:back\s+)?|back\s+)in"
    r"|(?:(?:el|ella|ellos)\s+)?ya\s+est[aá]n?\s+(?:de vuelta\s+)?en)\s+"
    r"(?!(?:the |a |el |la )?(?:jail|detention|custody|court|corte|c[aá]rcel|centro|detenci[oó]n)\b)\w+")


def removal_stage(text: str, answer: bool = False) -> str | None:
    """A removal stage from a button value or the visitor's words; None if unclear.

    As the ``answer`` to "Which of these fits best?", a plain no is none of them, and a stage
    said not to be ("no court yet, but a check-in next week") is not the stage.
    """
    t = dates.plain((text or "").strip())
    if t in STAGES:
        return t
    # "my husband self deported to mexico ... he has court next tuesday": he left; no order is said
    t = _SELF_DEPORTED.sub(" ", t)
    t = _POLICE_REPORT.sub(" ", t)  # "puse reporte con la policia": a police report, not a report to ICE
    t = BOND_DENIED.sub(" ", t)  # "the judge denied bond last week": held, no order
    t = _DEPORTATION_FEARED.sub(" ", t)  # "so i dont get deported for not showing": a fear, not an order
    t = OTHER_COURT.sub(" ", t)  # "tengo court date de traffic en 5 dias": not the immigration court
    if answer and _NONE_OF_THEM.match(t):
        return "unknown"
    if answer and _CLOSED_ANSWER.match(t):
        return "closed"  # "dismissed, no court", "cerrado": as the answer, the case is closed
    if answer and _ALREADY_SENT.match(t):
        return "removal_order"  # "hes already in peru": the removal carried out
    picked = _BUTTON_PICKED.match(t) if answer else None
    if picked is not None:
        # "the first one", "2", "la cuarta": a button named by its place in the list
        word = picked.group(1)
        index = -1 if word in ("last", "ultimo", "ultima") else _ORDINALS[word]
        return STAGE_BUTTONS[index]
    rest = _NO_STAGE.sub(" ", t) if answer else t
    if (_CITA_WITH_ICE.search(rest) or _ICE_OFFICE_CALLED.search(rest)) and not any(
            p.search(rest) for st, p in _STAGE_PATTERNS if st == "hearing"):
        # "tengo cita pasado mañana con migracion", "ICE mailed me a letter saying I have to appear at
        # their office in two months": the words of the stage apart
        return "check_in"
    if _NTA_UNDATED.search(rest) and not _DATE_CHANGED.search(rest):
        # "a paper that says notice to appear, to show up in court, but the date says TBD" (not "mi court date la
        # cambiaron pero no dice para cuando": a hearing there was, moved)
        return "nta_no_date"
    if not answer and (paper := _COURT_PAPER.search(rest)) and not _PAPER_SAYS.match(rest[paper.end():]) \
            and removal_stage(rest[:paper.start()] + " " + rest[paper.end():]) is None \
            and not dates.names_a_time(rest[:paper.start()] + " " + rest[paper.end():]):
        # "me llego un papel de la corte", "I got a letter from immigration court and i dont have a lawyer": a hearing
        # notice, a notice to appear or an order; asked
        return None
    unwatched = _MONITOR.sub(" ", rest)
    if _HEARING_WORDS.search(unwatched) and not _CHECK_IN_WORDS.search(unwatched) and _CHECK_IN_WORDS.search(rest) \
            and not _ORDER_SAID.search(rest):
        return "hearing"  # "i have an ankle monitor ..., i have to go to court in san antonio": the monitor is no check-in date
    for stage, pattern in _STAGE_PATTERNS:
        if stage == "closed" and _REOPENED.search(rest) and not _REOPENING_FEARED.search(rest):
            continue  # "mi caso que estaba cerrado ... lo van a volver a abrir": open again
        if pattern.search(rest):
            if stage == "unknown" and _ORDER_HAD.search(rest):
                return "removal_order"  # "she has an order from years ago. ... idk if i should go with her": the order
            return stage
    if _ORDER_HAD.search(rest):
        return "removal_order"  # "he has an order, he lost his case a long time ago"
    if answer and _APPOINTMENT_ANSWER.search(rest):
        return "check_in"  # "i have an appointment with them", "i have to report": asked about a removal case
    return "unknown" if rest != t else None


_A_NUMBER_SAID = re.compile(
    r"\b(?:a[\s#:-]*|a[\s-]?(?:number|num|no\.?|#)\s*(?:is|es|:)?\s*"
    r"|(?:his|her|my|their|our|su|mi) (?:number|numero|número|#)\s*(?:is|es|:)?\s*"
    # "el número de mi esposo es 098-334-127" (nine digits: a phone has ten)
    r"|(?:el )?(?:numero|número) de (?:mi|su) \w+ (?:es|:)\s*(?=\d{3}[\s-]?\d{3}[\s-]?\d{3}\b)"
    r"|alien (?:registration )?(?:number|num|no\.?|#)\s*(?:is|es|:)?\s*|(?:uscis|case) (?:number|#) (?:is )?a\s*"
    # the court case number is the A-number: "mi numero de caso es 2 1 3 5 5 8 0 4 7", "my case number is 213558047"
    r"|(?:mi |su |my |his |her )?(?:n[uú]mero de (?:caso|corte)|case (?:number|#|no\.?))\s*(?:es|is|:)?\s*(?:a\s*)?"
    r"|(?:numero|número) (?:a|de a|de extranjero)\s*(?:es|:)?\s*(?:el\s+)?|(?:su|mi|his|her|my|el|the) a\s+(?:es|is|:)\s*"
    r"|a[\s-]?n[uú]mero\s*(?:es|:)?\s*|uscis\s*(?:#|number|no\.?|n[uú]mero)\s*:?\s*"
    # "mi numero de extranjero empieza con A y luego 022417358"
    r"|(?:n[uú]mero de extranjero|alien (?:registration )?number|a[\s-]?number|n[uú]mero a)\b[^.\d]{0,30}?)"
    r"(\d{3}\.\d{3}\.\d{3}|\d(?:[\s-]?\d){7,8})\b",
    re.IGNORECASE,
)
#: "we don't have her A number", "no sabemos su numero": the A-number is not known, so not asked.
_A_NUMBER_UNKNOWN = re.compile(
    r"\b(?:do ?n[o']?t|do not|don't|no|never)\s+(?:have|know|got|tenemos|tengo|sabemos|se|sé|tiene)\b[^.?!;]{0,20}?"
    r"\b(?:a[\s-]?(?:number|#)|(?:his|her|their|su) (?:number|numero|número)|numero a|número a|numero de extranjero)\b"
    # "no a number with her", "doesn't have it with him"
    r"|\bno (?:a|alien)[\s-]?(?:number|#)\b"
    # a digit missing: "A 2 3 0 . 7 7 1 . 4 9 ... i dont have the last one", "a 215 330 89 something, missing one number"
    r"|\b(?:do ?n[o']?t|dont) (?:have|know) the last (?:one|digit|number)|\bmissing (?:one|a|the last|some|a few|two) (?:numbers?|digits?)\b"
    r"|\bme falta(?:n)? (?:un|uno|el [uú]ltimo|dos) (?:n[uú]meros?|d[ií]gitos?)\b"
    # only its first digits known: "empieza con 2 0 9, lo demás no me lo sé", "starts with 208 i dont know the rest"
    r"|\b(?:lo dem[aá]s|el resto|los dem[aá]s|the rest)\s+no (?:me )?lo (?:s[eé]|sabemos|tengo)\b|\b(?:do ?n[o']?t|dont) (?:know|have) the rest\b"
    # "tiene un papel ... el I-220A, pero el numero no lo se", "the number i dont know"
    r"|\b(?:el|the) (?:n[uú]mero|number) (?:no (?:lo|me lo) (?:s[eé]|sabemos|tengo|tenemos)|(?:i|we) (?:do ?n[o']?t|dont) (?:know|have))\b"
    # "Su número A no lo tengo", "her a number we dont have"
    r"|\b(?:su|mi|his|her|their|my) (?:n[uú]mero a|numero de extranjero|a[\s-]?(?:number|#))\s+(?:no lo (?:tengo|tenemos|s[eé]|sabemos)|(?:we|i) (?:do ?n[o']?t|dont) (?:have|know))\b|\b(?:do ?n[o']?t|does ?n[o']?t|doesnt|dont) have (?:it|the a[\s-]?number|his|her) with (?:her|him|me|them)\b",
    re.IGNORECASE,
)


#: A hearing missed, said as the answer to "When is the next one?": no coming date to give. Read only
#: there: up front, "I missed my hearing on nov 2" tells the stage and a past day, not "no date".
_MISSED = re.compile(
    r"\b(?:i missed (?:it|my (?:court|hearing|check ?-?in|appointment|date))|(?:he|she|they) missed (?:it|the|his|her)"
    r"|no (?:fui|fue|fuimos|pude ir|me present[eé]|se present[oó])"
    # "se me pasó la audiencia", "no llegué a la corte, me confundí de día"
    r"|se me (?:paso|olvido) (?:la|mi|el)|no llegue a (?:la|mi)|me confundi de (?:dia|fecha))\b"
)


def next_date_answer(text: str, today: date) -> tuple[str | None, str]:
    """The answer to "When is the next hearing / check-in?" and how it was read: ("2026-12-09",
    "date"), ("unknown", "unknown") for a date not set or already past ("to be set", "fue en 2016"),
    (the words, "far") for a time far off said as well as it can be ("in three months"), and
    (None, "passed") or (None, "unread") when it must be asked again."""
    if DONT_KNOW.search(text or "") and dates.parse_date(text, today) is None:
        return "unknown", "unknown"  # "idk, my husband has the paper and hes detained"
    if _NO_DATE_SAID.match(dates.plain(text or "")):
        return "unknown", "unknown"  # "none", "n/a", "ninguna": no coming date
    text = dates.as_said(text)
    marked = _SET_RIGHT.search(text)
    if marked is not None:
        # "la nueva es dentro de dos meses, la de pasado mañana la cancelaron": the new one, in its clause
        clause = re.split(r"[,.;!?]", text[marked.end():], maxsplit=1)[0]
        if clause.strip() and (dates.parse_date(clause, today) or dates.coming_date(clause, today) or dates.far_off(clause, today)):
            text = clause
    day = dates.parse_date(text, today)
    if day is None or day < today:
        # "this friday" said on a Saturday, "para navidad", "the week after next": the day still ahead
        day = dates.coming_date(text, today) or day
    missed = _MISSED.search(dates.plain(text))
    if ((day is None or day < today) and (dates.no_coming_date(text, today) or missed)) or (day == today and missed):
        # ("no llegué a la corte, me confundí de día, fui hoy y ya no había nada": the day missed, today)
        return "unknown", "unknown"
    if day is None and (dates.far_off(text, today) or dates.soon_vague(text)):
        # ("in a few days": near, and said as well as it can be; urgent by its words, bot.urgency.assess)
        return " ".join(text.split()), "far"
    if day is None:
        return None, "unread"
    if day < today:
        return None, "passed"
    return day.isoformat(), "date"


#: Nobody held, said at a question about a detention: "not detained", "he's not in custody", "nadie está detenido".
_NOBODY_HELD = re.compile(
    r"^\W*(?:no+\W+)?(?:(?:he|she|they|my \w+|mi \w+|[eé]l|ella)\s*(?:is|are|'s|s|was|were)?\s+)?"
    r"(?:not|isn'?t|isnt|aren'?t|arent|wasn'?t|wasnt|no (?:est[aá]n?|fue|lo tienen|la tienen))\s+(?:\w+\s+)?"
    r"(?:detained|in custody|arrested|held|locked up|in detention|in jail|detenid[oa]s?|arrestad[oa]s?|pres[oa]s?|encerrad[oa]s?)\b"
    r"|\b(?:nobody|no one|no ?body|nadie)\s+(?:is|was|got|has been|est[aá]|fue)\s+(?:\w+\s+)?"
    r"(?:detained|arrested|taken|held|detenid[oa]|arrestad[oa])\b"
    # "no hes home", "está en la casa conmigo": home, not held
    r"|^\W*(?:no\W+)?(?:he'?s|hes|she'?s|shes|he is|she is|they'?re|theyre|they are|est[aá]n?)\s+(?:at |en )?"
    r"(?:home|la casa|casa|with me|conmigo|here with me|aqu[ií] conmigo)\W*$", re.IGNORECASE)


def nobody_held(text: str) -> bool:
    """Whether an answer at a detention question says nobody is detained ("not detained", "no está detenido")."""
    return bool(_NOBODY_HELD.search(text or ""))


def matter_without_detention(story: str) -> str | None:
    """The matter a story tells once the detention read in it is said not to be one: a case's step
    named is the removal case ("tiene su cita con ICE en 3 semanas"), someone deported to bring back a
    family matter, agents named their activity; None when the story says no more (the matter is asked)."""
    if situations.back_after_deportation(story):
        return "family"
    if removal_stage(story) in STEPS:
        return "removal"
    if urgency.agents_named(_NOT_AGENTS.sub(" ", story)):
        return "enforcement"
    return None


#: "Immigration" that names no agents: "is this the immigration lawyer?", "my immigration case".
_NOT_AGENTS = re.compile(r"\b(?:immigration|inmigraci[oó]n|migraci[oó]n) (?:lawyer|attorney|law|firm|case|court|judge|papers?|status)\b"
                         r"|\b(?:abogad[oa]|caso|corte|juez|papeles) de (?:inmigraci[oó]n|migraci[oó]n)\b", re.IGNORECASE)


#: No next date, said in a word: "none", "n/a", "nothing", "ninguna", "no hay".
_NO_DATE_SAID = re.compile(r"^\W*(?:none|nothing|no ?one|n/?a|nada|ningun[oa]?|no hay|no tengo|there is none|theres none|no more)"
                           # "none now", "nothing yet", "ninguna por ahora"
                           r"(?:\s+(?:now|right now|yet|for now|anymore|any more|ahorita|ahora|todavia|por ahora|por el momento))?\W*$")


def removal_carried_out_or_ordered(text: str) -> bool:
    """Whether a message says in so many words that someone has an order or was removed ("my dad got
    sent back to peru two weeks ago", "tiene orden de deportación"), not a fear of it."""
    return removal_stage(text or "") == "removal_order" and bool(_STAGE_SAID.search(text or ""))


def a_number_said(text: str) -> bool:
    """Whether a message gives an A-number ("A number 203-556-781", "A# 098 334 127")."""
    found = _A_NUMBER_SAID.search(contact.spelled_digits(text or ""))
    return found is not None and len(re.sub(r"\D", "", found.group(1))) in (8, 9)


def a_number_unknown(text: str) -> bool:
    """Whether the message says the A-number is not known ("no a number with her")."""
    return bool(_A_NUMBER_UNKNOWN.search(text or ""))


def a_number_given(text: str) -> str | None:
    """The A-number a message gives in full, whatever else it says ("i have it on a paper... A 201
    443 960"), as 9 digits; None if it gives none, or says it is not known or not all there."""
    if a_number_unknown(text):
        return None
    return contact.parse_a_number(text or "")[0]


#: A stage said in so many words ("deported" alone could be a past removal).
#: An order had, said short: "he has an old order", "tiene una orden" (not an order of protection).
ORDER_HAD = (r"(?:has|have|had|tiene|tengo) (?:an? |una )?(?:old |viej[oa] |antigua )?(?:order|orden)\b"
             r"(?! (?:of protection|of restraint|de protecci|de restricci|de alejamiento|de arresto|from (?:amazon|the store)))"
             r"|old order|orden (?:vieja|antigua)")
_ORDER_HAD = re.compile(ORDER_HAD, re.IGNORECASE)
_STAGE_SAID = re.compile(
    r"\b(removal order|deportation order|order of removal|order of deportation|ordered removed|final order|(?:orden|order) de deportaci[oó]n|"
    r"order of supervision|orden de supervisi[oó]n|(?:have|got|tengo|tiene) (?:an|una) old deportation(?! (?:hearing|case|court))|"
    # a removal carried out: "my husband was deported 2 months ago", "lo deportaron"
    r"(?:was|got|been|were) (?:already )?(?:deported|removed|sent back)|(?:lo|la|los|las|me) deportaron|deportaron a (?:mi|su|nuestr[oa])|"
    r"(?:lo|la|los|las|me|nos) (?:mandaron|enviaron) de regreso|(?:lo|la|los|las) regresaron a su pa[ií]s|"
    r"ordered (?:my |his |her )?(?:removal|deportation)|ordered deported|in absentia|(?:bia|board) (?:dismissed|denied|said no|rejected|turned down)|"
    # "the BIA decision is dated 12 days ago ... they denied"; "file my BIA appeal and he didn't ... the 30 days ran out"
    r"(?:the )?bia decision|(?:30|thirty) days ran out|(?:nos|me|le|les) negaron la apelaci[oó]n|denied (?:our|the) appeal|junta de apelaciones (?:me |le |nos )?(?:nego|neg[oó]|rechaz[oó])|(?:never|didn'?t|did not) file (?:the|my|his|her) (?:bia )?appeal|"
    r"dismissed my appeal|denied my appeal|judge denied|en ausencia|en absentia|orden final|orden de remoci[oó]n|denied my (?:asylum|case)|judge ordered|me deportaron|"
    r"(?:juez|jueza|judge|bia) (?:me |nos |le )?(?:nego|negó) (?:el asilo|mi asilo|la apelaci[oó]n|el asylum|mi asylum|el appeal|mi appeal|la apelacion)|"
    # "la BIA me nego el appeal hace 20 dias": the board's no, said short
    r"(?:bia|junta) (?:me |nos |le |les )?(?:nego|negó|rechazo|rechazó)|"
    r"(?:me|le|nos|les) (?:dieron|dio) (?:la |una )?deportaci[oó]n|(?:tengo|tiene) (?:una )?deportaci[oó]n|(?:i|he|she) (?:have|has) a deportation|"
    r"(?:gave|give) (?:me|him|her|us|them) (?:a )?deportation|got (?:a )?deportation|"
    # a "bag and baggage" letter: "show up at the federal building friday with one bag"
    r"bag\s*(?:and|&|n|-)\s*baggage|(?:passport|pasaporte) (?:and|y) (?:one|a|una) (?:bag|maleta)|"
    # "he has an old order", "tiene una orden vieja"
    + ORDER_HAD + r"|"
    r"(?:with|con) (?:one |a |his |her |my |una |su |mi )?(?:bags?|maletas?|luggage|equipaje|suitcases?)|"
    r"(?:bring|with|con|traer|traiga) (?:his|her|my|your|sus|mis) (?:belongings|pertenencias)|"
    # proceedings with no date: "they put me in court proceedings but no date ever came"
    r"no date (?:ever )?(?:came|was set|yet)|never (?:got|had|gave me) a date|sin fecha|no (?:me )?(?:han )?(?:dado|puesto) fecha|"
    r"no (?:tiene|trae|dice) (?:la |una |ninguna )?fecha|(?:doesn'?t|does not|dont) (?:have|say|give) (?:a |the |any )?date|"
    r"notice to appear|nta|salida voluntaria|voluntary departure|aviso de comparec\w*|notificaci[oó]n (?:de|para) comparec\w*"
    r"|(?:date|fecha) (?:is |es |says |dice )?(?:tbd|to be set)|ordeno (?:la|mi|su) deportacion|orden[oó] (?:la|mi|su) deportaci[oó]n"
    r"|stay of (?:removal|deportation)"
    # an appeal pending: "mi caso está en apelación", "my lawyer appealed to the BIA"
    r"|appealed|(?:appeal|apelaci[oó]n) (?:is )?pend\w*|pending appeal|(?:in|on) appeal|en apelaci[oó]n|apel[oó]|apelamos|apel[eé]|apelaron"
    # "my appeal has been at the BIA for over a year", "la apelacion sigue en la junta"
    r"|(?:my|his|her|our|the|mi|su|la) (?:appeal|apelaci[oó]n)\b[^.?!]{0,30}\b(?:bia|board|junta)"
    r"|(?:appeal|apelaci[oó]n) (?:at|with|to|en|con|a) (?:the |la )?(?:bia|board|junta))\b",
    re.IGNORECASE,
)
_DETENTION_WORDS = re.compile(
    r"\b(detain\w*|arrest\w*|arest\w*|took|taken|picked up|se entregaron|se entreg[oó]|turned (?:themselves|himself|herself) in|surrendered|picked (?:him|her|them|my \w+) up|has had (?:him|her|them)|grabbed|caught|jail\w*|custody|locked up|held|holding|hold|"
    r"got (?:him|her|them|my \w+)|(?:gave|handed|turned) (?:him|her|them)(?: over)? to|"
    # (not "she has her hearing on the 12th": a person who has, not agents who hold)
    r"(?<!\bshe )(?<!\bhe )(?<!\bi )(?<!\bwe )(?<!\byou )(?:has|have|still has|still have|kept) (?:him|her|them|my (?:husband|wife|son|daughter|dad|father|mom|mother|brother|sister"
    r"|cousin|uncle|aunt|nephew|niece|boyfriend|girlfriend|partner|friend|kids?|child|children|fianc[eé]+|grand\w+))"
    r"|apprehend\w*|handcuff\w*|cuffed|nabbed|snatched|(?:stopped|pulled) (?:him|her|them|my \w+)(?: over)?|(?:was|were|got|been) stopped|(?:left|drove off) with (?:him|her|them|my \w+)"
    r"|se quedaron con|agarr\w*|agar[aoó]\w*|detuv\w*|detenid\w*|llevaron|se (?:lo |la |los )?llev[oó]|quitaron|encerr\w*|tienen|arrest\w*"
    r"|(?:lo|la|los|las) tienen? (?:la migra|migra|ice|inmigraci[oó]n|migraci[oó]n|la patrulla(?: fronteriza)?|cbp|border patrol)|(?:lo|la|los|las) par[oó]"
    # "la migra paró a mi hermano en el retén ... y no lo sueltan"
    r"|par[oó] a (?:mi|su|nuestr[oa]) \w+|no (?:lo|la|los|las) (?:sueltan|han soltado|dejan ir)"
    r"|capturaron|apresaron|levantaron|recogieron|atraparon|pararon|(?:lo|la|los|las) cogieron|retuvieron|retenid[oa]s?"
    # Caribbean and Central American ways: "lo trancaron los de inmigracion", "lo pescaron", "lo apañaron"
    r"|(?:lo|la|los|las) (?:trancaron|pescaron|apa[nñ]aron|enchironaron)|trancad[oa]s?"
    # ("my brother está en la cárcel de Marion County since friday": the place that holds them)
    r"|c[aá]rcel|corral[oó]n|hielera"
    # "has been at the northeast ohio correctional center since the weekend": a place that holds people
    r"|correctional (?:center|centre|facility|institution)|detention (?:center|centre|facility)|processing (?:center|centre)"
    r"|centro de (?:detenci[oó]n|procesamiento)"
    # kept where they went in: "he never came back out", "wont let him leave", "la dejaron adentro", "ya no salió"
    r"|(?:never|did ?n[o']?t|has ?n[o']?t|hasn'?t) (?:come|came|walked) (?:back )?out|(?:wont|won't|will not|dont|don't|do not) let"
    r" (?:him|her|them) (?:leave|go|out|through|in)|(?:lo|la|los|las) dejaron adentro|(?:ya )?no (?:ha )?sali[oó]|nunca sali[oó]"
    r"|no (?:lo|la|los|las) (?:dejaron|dejan) (?:salir|ir)|did ?n[o']?t let (?:him|her|them) (?:leave|go|out))\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|,\s+(?=(?:and|but|y|pero)\b)")
_CLAUSE = re.compile(r",\s*|\s+(?:and|but|y|pero)\s+")


#: "held since last month": no day, but the time is said, so it is kept in the visitor's words.
#: Something taken that is not a person: "the lawyer took our money", "took my case", "took advantage".
_NOT_A_TAKING = re.compile(r"\b(?:took|taken|takes|take)\s+(?:(?:all|our|my|his|her|their|the|a lot of|so much)\s+)*"
                           r"(?:money|\$\w*|fees?|payments?|case|advantage|pictures?|photos?|fingerprints?|statement)\b", re.IGNORECASE)
#: Someone moved from one place of detention to another: "lo mandaron a Tacoma en avion", "they transferred him".
_TRANSFER = re.compile(r"\b(?:(?:lo|la|los|las) (?:mandaron|trasladaron|movieron|pasaron|cambiaron)|traslad\w*|transferred|transfered|moved (?:him|her|them)"
                       r"|sent (?:him|her|them) to|shipped (?:him|her|them)|flew (?:him|her|them)"
                       # "they moved my dad last night from broadview to somewhere in texas"
                       r"|(?:moved|sent|shipped|flew) (?:my|our|his|her) \w+(?: \w+)? (?:(?:last|this|yesterday|today|anoche|ayer)\b[^.?!,]{0,15})?(?:from|to)\b)\b", re.IGNORECASE)
#: Crossing at a port of entry, named: "crossing at san ysidro yesterday", "cruzando por nogales".
_CROSSING_AT = re.compile(r"\b(?:crossing|crossed|cruzando|cruz[oó]|cruzaba|entering|entrando|coming in)\s+(?:at|through|thru|by|por|en)\s+(?:the\s+|la\s+)?"
                          r"((?!the\b|la\b|el\b|bridge\b|puente\b|border\b|frontera\b)[A-Za-z]+"
                          r"(?: (?!(?:yesterday|today|last|this|ayer|hoy|anoche|with|con|and|y|on|in|en|at)\b)[A-Za-z]+)?)\b", re.IGNORECASE)
_SECONDARY = re.compile(r"\b(?:secondary|secundaria)\b", re.IGNORECASE)
#: Moved from one place to another: "from broadview to somewhere in texas", "de Otay Mesa a Adelanto".
_MOVED_FROM_TO = re.compile(r"\b(?:from|de|desde)\s+(?:the\s+|el\s+|la\s+)?([^.?!,;]{3,60}?)\s+(?:to|a|para|hasta)\s+"
                            r"((?!(?:the\s+)?(?:border|frontera)\b)[^.?!,;]{3,60}?)(?=\s+(?:and|y|but|pero|now|ahora)\b|[.?!,;]|$)", re.IGNORECASE)
#: A clause that goes on from the one before: "y de ahi lo arrestaron", "and from there they took him".
_AND_THERE = re.compile(r"^\s*(?:y\s+)?(?:de ah[ií]|ah[ií] mismo|and (?:then|from there)|from there|right there)\b", re.IGNORECASE)
#: How far a place is, and the detainee locator: no day and no taking ("a siete horas de aquí", "2 hours away",
#: "the detainee locator says").
_DISTANCE_OR_LOCATOR = re.compile(
    r"\b(?:a |like |about |como a |unas |some )?(?:\d+|\w+)\s+(?:horas?|hours?|hrs?|millas|miles|minutos|minutes|mins)\s+"
    r"(?:de aqu[ií]|de aca|de ac[aá]|de distancia|away|from here|from us|from (?:my|our) (?:house|home)|de la casa|de mi casa|manejando|driving)\b"
    r"|\b(?:the |el |la )?(?:online )?(?:ice )?(?:detainee locator|locator|localizador(?: de detenidos)?)\b", re.IGNORECASE)
#: Kept where they went, in words that tell no more: "un officer me dijo que se queda detenida", "la dejaron detenida".
_KEPT_THERE = re.compile(r"\bse qued(?:a|o|ó|an|aron)\s+(?:detenid\w*|adentro)\b|\b(?:lo|la|los|las) dejaron detenid\w*", re.IGNORECASE)
#: When the news was told, not when the taking was: "one of my students told me today that ICE took his dad
#: yesterday", "mi vecina me dijo hoy que ...".
_TOLD_ON = re.compile(
    r"\b(?:told|called|texted|messaged|said to|informed|let)\s+(?:me|us)?\s*(?:know\s+)?(?:today|yesterday|this morning|last night|tonight)"
    r"\s+(?:that|about)\b|\b(?:me|nos) (?:dijo|dijeron|avis[oó]|avisaron|cont[oó]|contaron|llam[oó]|llamaron) "
    r"(?:hoy|ayer|anoche|esta ma[nñ]ana)(?: en la ma[nñ]ana)? (?:que|q)\b", re.IGNORECASE)
#: A week said with no day: "la semana pasada", "last week" (not "el jueves de la semana pasada").
_LAST_WEEK = re.compile(r"\b(?:la semana pasada|last week)\b", re.IGNORECASE)
_DAY_OF_LAST_WEEK = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)"
    r"\w*\s+(?:(?:de|of)\s+)?(?:la semana pasada|last week)\b", re.IGNORECASE)
_HALF_PERIOD = (r"\b(?:desde hace|hace|for) (?:como |casi |unos |about |almost |like |around |maybe )?(?:un |una |a |one )?"
                r"(?:mes y medio|semana y media|a[nñ]o y medio|month and a half|week and a half|year and a half"
                # "for two and a half weeks", "hace dos semanas y media"
                r"|(?:\d+|two|three|four|five|six|dos|tres|cuatro|cinco|seis) (?:and a half (?:weeks|months|years)|(?:semanas|meses|a[nñ]os) y medi[oa]))\b")
def _a_week_said(text: str, day: "date | None", today: date) -> str | None:
    """"la semana pasada" / "last week", read as the day a week ago with no day of that week named:
    the words, to keep as said; else None."""
    week = _LAST_WEEK.search(text)
    if day is not None and week and day == today - timedelta(days=7) and not _DAY_OF_LAST_WEEK.search(text):
        return week.group(0)
    return None


_SINCE_PERIOD = re.compile(
    r"\b(?:since|desde) (?:last (?:week|month|year)|el (?:mes|ano|año) pasado|la semana pasada"
    # "since the summer", "desde el verano pasado"
    r"|(?:the |last |el |la )?(?:summer|spring|fall|autumn|winter|verano|primavera|oto[nñ]o|invierno)(?: pasad[oa]| del? (?:año|ano) pasado)?"
    r"|(?:his|her|their|my|su|mi) (?:appointment|check[- ]?in|interview|cita|entrevista)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)(?! \d))\b"
    # "desde la segunda semana de noviembre", "since the first week of november"
    r"|\b(?:since|desde) (?:the |la |el |a )?(?:\w+ )?(?:week|semana|weekend|fin de semana|half|mitad|end|fin|finales|fines|beginning"
    r"|principios?|inicios?|mediados|start|middle)"
    r" (?:of|de|del) (?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    # "since the beginning of last month", "desde principios del mes pasado"
    r"|last (?:month|year)|this month|(?:el )?mes pasado|este mes|(?:el )?a[nñ]o pasado)\b"
    r"|\b(?:since|desde) (?:early|mid|late)[ -](?:last (?:month|year)|this month|january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\b"
    r"|\b(?:(?:ya )?(?:lleva|llevan|llevamos|tiene|tienen)|(?:(?:has|have) )?been (?:there|in there|inside|in|held|detained|locked up)(?: for)?|for)"
    r" (?:como |casi |mas de |más de |about |almost |over |like |around )?(?:un|una|a|one|two|three|dos|tres|\d{1,2}) "
    r"(?:mes(?:es)?|months?|semanas?|weeks?|years?|a[nñ]os?)\b"
    r"|" + _HALF_PERIOD,
    re.IGNORECASE,
)
#: A period and a half: "desde hace mes y medio", "for a month and a half".
_AND_A_HALF = re.compile(_HALF_PERIOD, re.IGNORECASE)


#: A clause about a coming day that is not the detention: a hearing, a flight, a birthday.
_COMING_EVENT = re.compile(
    r"\b(?:court|hearing|audiencia|corte|cita|check[- ]?in|appointment|flight|vuelo|birthday|cumplea\w*|interview|entrevista"
    r"|deport\w*)\b",
    re.IGNORECASE,
)
#: A record or a crossing told beside the detention ("he had a DUI 2 years ago", "he crossed 10 days ago").
_RECORD = re.compile(r"\b(?:charge|charged|dui|dwi|conviction|convicted|ticket|crossed|cruz[oó]|cruzamos|multa)\b", re.IGNORECASE)
#: A clause about an arrival or a birth, long before the detention.
_ARRIVAL = re.compile(
    r"\b(?:born|naci\w*|entered|arrived|came (?:here|to (?:the )?(?:us|u\.?s|united states|states|this country)|in (?:19|20)\d\d)"
    # (not the agents' visit: "ICE vino a mi casa hoy como a las 6 y se llevó a mi hijo")
    r"|entr[oó]|llegu?[eé] (?:a|en)|llegamos|vino (?:a|en)(?! (?:mi|la|su|nuestra|nuestro) (?:casa|trabajo|apartamento|apartment|puerta|edificio)| buscar))\b",
    re.IGNORECASE,
)


def _another_day(clause: str, today: date) -> bool:
    """A clause about a day that is not the detention: an arrival, or a coming hearing or flight
    ("went to his check-in yesterday" is where the detention happened, and stays)."""
    return bool(_ARRIVAL.search(clause)) or bool(_COMING_EVENT.search(clause) and dates.coming_date(clause, today))


#: A span of time said alone: "2 weeks", "tres dias", "a month".
_A_SPAN = re.compile(r"(?:\d+|an?|one|two|three|four|five|six|un|una|dos|tres|cuatro|cinco|seis)\s+(?:days?|weeks?|months?|d[ií]as?|semanas?|mes(?:es)?)",
                     re.IGNORECASE)
_SINCE_DAY = re.compile(r"\b(?:since|desde(?: el)?)\s+([\w ]{2,20}?)(?=[,.;!?]|\s+(?:and|y|but|pero)\b|$)", re.IGNORECASE)


#: Where someone is now: "ahorita esta en la carcel", "right now he is at the county jail".
_NOW_HELD = re.compile(r"\b(?:ahorita|ahora|right now|now|currently)\b[^.?!,]{0,15}\b(?:est[aá]|is|he'?s|she'?s|hes|shes)\b"
                       # "and CBP still has her there this morning": held still, not taken then
                       r"|\bstill (?:has|have|holding|keeping|got) (?:him|her|them)\b|\b(?:todav[ií]a|a[uú]n) (?:lo|la|los|las) tienen\b"
                       # "y ahorita lo tienen en tacoma", "now they have him in eloy"
                       r"|\b(?:ahorita|ahora|right now|now|currently)\s+(?:ya\s+)?(?:lo|la|los|las)\s+tienen\b|\b(?:right now|now) (?:they )?(?:have|got) (?:him|her|them)\b"
                       # "my dad is at the processing center at the border right now": where he is, the time said after
                       r"|\b(?:is|he'?s|she'?s|hes|shes|est[aá])\s+(?:at|in|en)\b[^.?!,]{0,50}\b(?:right now|now|ahorita|ahora mismo)\s*$",
                       re.IGNORECASE)
#: A raid, in a detention story the day someone was taken in it.
_RAIDED = re.compile(r"\b(?:raided|raid|redada)\b", re.IGNORECASE)
#: The agents have just gone, or just took someone: "acaban de irse", "they just left".
_JUST_GONE = re.compile(r"\b(?:acaban? de (?:irse|salir|llevarse\w*|agarrar\w*|venir|estar aqu[ií]|pasar)|se acaban de ir|(?:they|ice|agents) just (?:left|took|drove off))\b",
                        re.IGNORECASE)


#: Held by the border's agents, and a crossing: caught as they crossed.
_HELD_AT_THE_BORDER = re.compile(r"\b(?:los de la frontera|la patrulla(?: fronteriza)?|border patrol|cbp|la border)\b", re.IGNORECASE)
_CROSSED = re.compile(r"\b(?:entr[oó]|cruz[oó]|crossed|came across|brinc[oó]|pas[oó] la frontera)\b", re.IGNORECASE)


#: A recent day not named: "the other night", "el otro día", "la otra noche".
_A_DAY_UNNAMED = re.compile(r"\b(?:the other (?:night|day|morning)|el otro d[ií]a|la otra noche|la otra ma[nñ]ana"
                            r"|(?:sometime|some time) (?:last|this) (?:week|month)|(?:alg[uú]n d[ií]a|un d[ií]a) (?:de )?(?:la semana pasada|el mes pasado))\b",
                            re.IGNORECASE)


def _detention_day(text: str, today: date) -> date | str | None:
    """The one day a message says someone was detained ("ICE took him on Tuesday"), the period
    in the visitor's words when only that is said ("since last month"), or None."""
    days: set[date] = set()
    since_days: set[date] = set()
    still_days: set[date] = set()
    periods: List[str] = []
    # (every clause's day is read only where a transfer is said)
    transfer_aside = bool(_TRANSFER.search(text)) and any(
        dates.day_detained(c, today) is not None for sentence in _SENTENCE.split(text) for c in _CLAUSE.split(sentence)
        if not _TRANSFER.search(c))
    for sentence in _SENTENCE.split(text):
        # "our last lawyer just took money and did nothing": no one taken that day
        sentence = _NOT_A_TAKING.sub(" ", sentence)
        sentence = _TOLD_ON.sub(" that ", sentence)  # the day the news came is not the day of the taking
        # ("ahorita el detainee locator dice que está en Adelanto": the locator, no taking; "Jena, a siete horas de aquí": how far)
        sentence = _DISTANCE_OR_LOCATOR.sub(" ", sentence)
        held = (_DETENTION_WORDS.search(sentence) or _HELD_FOR.search(sentence) or facilities.facility_in(sentence)
                or _AT_A_STATION.search(sentence)  # "esta en la estacion de la patrulla fronteriza desde antier"
                or _IT_HAPPENED.search(sentence)  # "it happened tuesday night, they came to his job" (a detention told)
                or detention_said(sentence)  # "went in for his check in at 9 this morning ... never came out"
                or _RAIDED.search(sentence))  # "they raided the farm this morning ... my dad was one of them"
        half = _AND_A_HALF.search(sentence) if held else None
        if half:
            periods.append(half.group(0))  # "for a month and a half": no day to read, kept as said
            continue
        since = _SINCE_DAY.search(sentence) if held else None
        if since:
            # "been here since august 2, ... my court is on the 22nd": the day after "since"
            said = since.group(1)
            # "in detention since 2 weeks": for that long, counted back (not a day "2" of some month)
            day = dates.past_date(f"{said} ago" if _A_SPAN.fullmatch(said.strip()) else said, today)
            if day is not None:
                days.add(day)
                since_days.add(day)
                continue
        if held:
            # The clause that tells the detention first: "detained last tuesday in houston, his
            # court is on the 15th"; "her mom got taken by ICE yesterday" after a long preamble.
            # (a transfer's day is not the taking's: "ahora me dicen que lo mandaron a Tacoma en avion ayer"; but
            # when no other clause of the message tells a day, the transfer is the day held there since: "hace como un mes a mi
            # hermano lo pasaron a un centro en louisiana ..., primero estuvo en la carcel de houston")
            clauses = [c for c in _CLAUSE.split(sentence) if not (transfer_aside and _TRANSFER.search(c))]
            told = [c for c in clauses if _DETENTION_WORDS.search(c)]
            found = {d for d in (dates.day_detained(c, today) for c in told) if d is not None}
            if not found and len(clauses) > 1:
                # "fue a renovar su licencia hace como 10 dias y de ahi lo arrestaron": the day of the clause before
                found = {d for i, c in enumerate(clauses[1:], 1) if c in told and _AND_THERE.match(c)
                         for d in [dates.day_detained(clauses[i - 1], today)] if d is not None}
            if not found and len(clauses) > 1 and (_KEPT_IN.search(sentence) or _KEPT_THERE.search(sentence)) \
                    and removal_stage(sentence) == "check_in":
                # "mi esposa entro a su check-in hace 4 horas y un officer me dijo que se queda detenida": kept that day
                found = {d for c in clauses if c not in told and removal_stage(c) == "check_in"
                         for d in [dates.day_detained(c, today)] if d is not None}
            if len(found) > 1:
                # ("lo agarraron el fin de semana pasado ..., ahorita esta en la carcel": where he is now, not when)
                found -= {dates.day_detained(c, today) for c in told if _NOW_HELD.search(c)}
            # Else the sentence, less the clauses about another day: "detenido en Winn, le pusieron
            # fecha de corte para el 13 de enero" has no day of detention.
            # ("..., y ahorita esta en el centro de broward": where she is now, not when)
            rest = ", ".join(c for c in clauses if (c in told or not _another_day(c, today)) and (told or not _NOW_HELD.search(c)))
            day = found.pop() if len(found) == 1 else dates.day_detained(rest, today)
            if day is None and _HELD_AT_THE_BORDER.search(sentence):
                # "mi prima entro por el rio hace 4 dias y la tienen los de la frontera": caught crossing, that day
                crossed = {d for d in (dates.day_detained(c, today) for c in clauses if _CROSSED.search(c))
                           if d is not None and (today - d).days <= 31}
                day = crossed.pop() if len(crossed) == 1 else None
            if day is not None and told and all(_NOW_HELD.search(c) for c in told):
                # "and CBP still has her there this morning": a day she is still held, the taking's only if no other
                still_days.add(day)
                continue
            week = _a_week_said(sentence, day, today)
            if week is not None:
                periods.append(week)  # "fue detenido la semana pasada": a week, not the day a week ago; kept as said
            elif day is not None:
                days.add(day)
            elif _SINCE_PERIOD.search(sentence):
                periods += _SINCE_PERIOD.findall(sentence)
            elif (unnamed := _A_DAY_UNNAMED.search(sentence)) is not None:
                periods.append(unnamed.group(0))  # "they arrested my husband the other night": kept as said
    if not days and not periods:
        # "ICE detained my husband. It happened this morning at 6.": the sentence right after the
        # one that tells the detention, when it names one recent day and no arrival or hearing.
        sentences = _SENTENCE.split(text)
        for i, before in enumerate(sentences):
            # ("lo mandaron a pine prairie en louisiana, pero we live in birmingham. fue hace 5 dias":
            # held at a facility named; the first of the next two sentences that names a day)
            if i > 0 and _KEPT_IN.search(before) and removal_stage(sentences[i - 1]) == "check_in" \
                    and not _SOMEONE_ELSES_CHECK_IN.search(" ".join(sentences[i - 1:i + 1])):
                # "my wife went in for her check in at 8 this morning ... they just came out and told me she is not
                # coming out": kept at the check-in told just before, that day
                day = dates.day_detained(sentences[i - 1], today)
                if day is not None and (today - day).days <= 31:
                    days.add(day)
                    break
            if not (_DETENTION_WORDS.search(before) or facilities.facility_in(before) or detention_said(before)):
                continue
            for after in sentences[i + 1:i + 3]:
                day = dates.past_date(after, today)
                if day is None and _SINCE_DAY.match(after.strip()):
                    day = dates.day_detained(after, today)  # "... adelanto? since a couple days."
                if day is None:
                    continue
                if not _another_day(after, today) and not _RECORD.search(after) and (today - day).days <= 31:
                    days.add(day)
                break
            around = " ".join(sentences[max(i - 1, 0):i + 1])  # this sentence and the one before it
            if not days and _JUST_GONE.search(around) and not dates.names_a_time(_JUST_GONE.sub(" ", around)):
                # "acaban de irse, estuvieron tocando..., pero a mi hijo lo agarraron": it happened just now
                days.add(today)
            if not days and i > 0 and urgency.agents_named(sentences[i - 1]):
                # "ya se fueron los de migración, como hace una hora, pero se llevaron a mi esposo": the
                # agents' visit told just before is when they took him
                day = dates.past_date(sentences[i - 1], today)
                if day is not None and not _another_day(sentences[i - 1], today) and (today - day).days <= 31:
                    days.add(day)
    if not days and not periods and situations.kept_at_appointment(text):
        # "se fue a su cita de migracion el martes and she never came out": the appointment's day
        day = dates.past_date(text, today)
        if day is not None and (today - day).days <= 31:
            days.add(day)
    if not days and not periods:
        days = still_days
    if len(days) == 1:
        return days.pop()
    if len(since_days) == 1:
        # "detenida por ICE desde la semana pasada ... hoy mi sobrina me dijo que la deja encerrada": the day
        # said with "since" is the detention's; another sentence's day is something else
        return since_days.pop()
    return periods[0] if not days and periods else None


#: "to the Otay Mesa detention center", "at Stewart processing center": where someone is held,
#: said in passing (many facilities are not places the resolver knows).
_FACILITY = re.compile(
    r"\b((?:[\w.'-]+\s+){1,3}(?:(?:detention|processing|correctional|service)\s+(?:center|centre|facility)|county jail))",
    re.IGNORECASE,
)
#: Where an unnamed centre is, said right after it: "(the processing center) at the border", "(detention center) in mcallen".
_FACILITY_PLACED = re.compile(r"\s+(?:at|in|near|by|en|de)\s+(?:the\s+|la\s+)?(?:border|frontera|(?!(?:the|a|my|his|her)\b)[A-Za-z]{3,}(?:\s+(?!(?:right|now|since|for|and|but|i|we|he|she)\b)[A-Za-z]{3,})?)\b",
                              re.IGNORECASE)
#: A place named as the visitor heard it: "la movieron a un lugar q se llama estuar en georgia", "a place
#: called otero or something" (the words kept as said, up to the end of the clause).
_PLACE_CALLED = re.compile(
    r"\b(?:a|an|un|una|some|algun)\s+((?:place|lugar|centro|sitio|facility|detention|jail|c[aá]rcel)\s+"
    r"(?:called|named|(?:que|q) se llama|llamad[oa]|(?:que|q) le dicen|they call)\s+[\w'-]+(?:\s+(?!y\b|and\b|la\b|lo\b|desde\b|since\b)[\w'-]+){0,4})"
    # "lo movieron ... a un lugar pain prery o algo asi": the name as heard, then "or something"
    r"|\b(?:a|an|un|una|some)\s+((?:place|lugar|centro|sitio|facility)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+(?:o algo as[ií]|or something|o algo por el estilo)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:to|at|in|from|the|a|an|is|was|are|being|held|kept|taken|moved|now|still|currently|he|she|they|hes|shes|he's|she's|en|el|la|al|un|una"
    r"|esta|est[aá]|estan|ahora|ahorita|y|tienen|tiene|lo|los|las|have|has|him|her|them)\s+)+",
    re.IGNORECASE,
)
_HELD_FOR = re.compile(
    r"\b(?:detained|held|detention|custody|locked up|in jail|jail|prison|prisi[oó]n|processing center|facility|carcel|encerrad[oa]|detenid[oa]|"
    r"been (?:there|in there|inside|locked up) since|(?:at|in) the (?:ice|immigration) (?:office|building|field office)|been (?:there|in there|inside|locked up|in detention|detained|held)(?: for)? (?:like |about |almost |over )?(?:a|one|two|three|\d{1,2}) (?:days?|weeks?|months?|years?)|(?:esta|está) ah[ií] desde|"
    r"detenci[oó]n|centro de detenci[oó]n|pres[oa]s?|centro de migraci[oó]n|corral[oó]n|hielera"
    # "ice has had my wife for 2 weeks now"
    r"|(?:has|have|'ve) had (?:him|her|them|my \w+)(?: \w+)? for"
    # told where the detention is asked about: "its been since last friday and they wont even let us talk to him"
    r"|(?:it'?s|its|it has) been since|(?:won'?t|wont|don'?t|dont) (?:even )?let (?:us|me) (?:talk|see|speak|visit))\b",
    re.IGNORECASE,
)


#: Held at an airport by CBP: "at SFO", "the atlanta airport".
_AIRPORT = re.compile(
    r"\b((?:JFK|LAX|SFO|MIA|ORD|IAH|ATL|EWR|DFW|IAD|BOS|SEA|DEN|PHX|LAS|MCO|FLL|DTW|MSP|PHL|CLT|SLC|BWI|DCA|AUS|SJC|OAK)"
    r"(?: (?:airport|terminal \w+))?|(?:[A-Za-z.]+ ){0,2}(?:international )?airport|aeropuerto(?: de [A-Za-z.]+(?: [A-Za-z.]+)?)?"
    # typed in lower case after "at"/"en": "stopped at jfk last night" (only codes that are not words: "mia", "sea", "las")
    r"|(?<=\bat )(?:jfk|lax|sfo|ord|iah|atl|ewr|dfw|iad|phx|mco|fll|dtw|msp|clt|slc|bwi|dca|sjc)(?: (?:airport|terminal \w+))?"
    r"|(?<=\ben )(?:jfk|lax|sfo|ord|iah|atl|ewr|dfw|iad|phx|mco|fll|dtw|msp|clt|slc|bwi|dca|sjc)(?: (?:airport|terminal \w+))?)\b"
)
#: When it happened, said of the detention already told: "it happened tuesday night", "fue el martes en la noche".
_IT_HAPPENED = re.compile(r"(?:^|[,;])\W*(?:it|that|this|all this)?\s*(?:happened|occurred)\b|^\W*(?:eso |esto )?(?:pas[oó]|sucedi[oó]|ocurri[oó])\b"
                          r"|^\W*(?:it|that) was (?=(?:the night before|the day before|last|yesterday|this|on|early|like"
                          r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
                          r"|^\W*fue (?=(?:el|ayer|anoche|antier|anteayer|hoy|esta|este|la semana|hace)\b)", re.IGNORECASE)
#: A Border Patrol station, as said: "la estacion de la patrulla fronteriza en McAllen", "the border patrol
#: station in yuma" (where someone is held, and a sentence about someone held there).
_STATION = (r"(?:the |la |una )?(?:(?:border patrol|border|cbp|patrulla fronteriza|migra(?:ci[oó]n)?) (?:station|estaci[oó]n)"
            r"|estaci[oó]n de (?:la )?(?:border patrol|patrulla fronteriza|migraci[oó]n|migra|cbp))(?: (?:in|en|de|of) [A-Za-z]+)?"
    # "lleva 4 días en la estación de Lordsburg": a station by its town (not the police's, the bus's or a train's)
    r"|(?:la )?estaci[oó]n de (?!(?:la|el|los|las|un|una|policia|polic[ií]a|autobus\w*|bus|buses|tren|metro|gas\w*|bomberos|servicio|radio)\b)[A-Za-z]+")
_AT_A_STATION = re.compile(r"\b" + _STATION, re.IGNORECASE)
#: A Border Patrol checkpoint, named: "la agarraron en el checkpoint de falfurrias", "the sarita checkpoint".
_CHECKPOINT = re.compile(r"\b((?:the |el )?checkpoint (?:de|of|in|en|at|near|cerca de) (?!(?:the|el|la|a|una?)\b)[A-Za-z]+"
                         # "en el retén de la migra antes de tucson", "en el puesto de falfurrias": a Border Patrol checkpoint
                         r"|(?:el )?ret[eé]n(?: de (?:la )?(?:migra|patrulla|migraci[oó]n|inmigraci[oó]n))?"
                         # ("el retén de la carretera cerca de las cruces")
                         r"(?: de la (?:carretera|autopista|highway|interestatal|frontera))?"
                         r"(?: (?:antes de|cerca de|de|en|por) (?!(?:la|el|los|las)\b)[A-Za-z]+| cerca de las? [A-Za-z]+)?"

                         r"|(?:the )?(?!(?:a|the|border|patrol|cbp|immigration|ice|el|la|un|una)\b)[A-Za-z]+ checkpoint)\b", re.IGNORECASE)
#: A Border Patrol post by its town, said with the agents: "se lo quedó la migra en el puesto de falfurrias".
_BP_POST = re.compile(r"\b((?:el )?puesto (?:de control )?(?:de|en) (?!(?:la|el|los|las|control|trabajo|comida|tacos)\b)[A-Za-z]+)", re.IGNORECASE)
#: ... or a station not named, said with Border Patrol: "border patrol has him at some station cerca de lordsburg".
_SOME_STATION = re.compile(r"\b(?:border patrol|cbp|patrulla fronteriza)\b[^.?!]{0,40}?\b((?:some|a|the|una|alguna|la)"
                           # "border patrol has him at the yuma station": the station, with its town if said
                           r" (?:(?!(?:border|patrol|cbp|police|gas|bus|train|fire)\b)[A-Za-z]+ )?(?:station|estaci[oó]n)"
                           r"(?: (?:near|cerca de|in|en|by|outside|afuera de|of|de) [A-Za-z]+)?)", re.IGNORECASE)
#: The local county jail, unnamed: "detenido en el condado", "in the county jail".
_LOCAL_JAIL = re.compile(
    r"\b(" + _STATION + r"|(?:the |el )?county jail (?:de|del condado de|of|in|en) (?-i:[A-Z])[A-Za-z]+"  # "el county jail de Harris"
    # "lo tienen en la carcel de alamance", "the jail in graham": a jail, with its town or county
    r"|(?:la )?c[aá]rcel (?:de|en) (?!la\b|el\b|los\b|las\b|un\b|una\b|inmigraci|migraci|mujeres\b|hombres\b)[A-Za-z]+"
    r"|(?:the )?jail (?:in|at) (?!the\b|a\b|an\b|my\b|his\b|her\b)[A-Za-z]+"
    r"|(?:the |la |el )?(?:county jail|c[aá]rcel del condado|jail del (?:condado|county)|condado(?= por| y|,|\.|$)|local jail)"
    # Spanglish: "lo tienen en el county, dicen que ICE lo va a recoger"
    r"|el county(?=\s*(?:,|\.|$|y\b|por\b))"
    # "detenido en el county de Harris desde el jueves": "the county" is its jail, in Spanglish
    r"|el county (?:de|del) [A-Za-z]+"
    # "the jail says he has an ICE hold", "he's in jail": the local jail, unnamed
    r"|(?:the|a) jail\b|(?<=\bin )jail\b"
    # "in the county lockup in the panhandle": the jail, by another name
    r"|(?:the )?county lock ?up(?: in (?:the )?[a-z]+)?"
    # "está en la cárcel regional", "in the regional jail": the jail, by its kind
    r"|(?:the |la |el )?(?:regional|city|municipal) jail|(?:la )?c[aá]rcel (?:regional|municipal|de la ciudad|del pueblo)(?: del (?:sur|norte|este|oeste))?"
    # "esta en jail en el parish de Jefferson", "in the jail of harris county": the jail, with its county
    r"|(?:jail|c[aá]rcel) (?:en|de|in|of) (?:el |la |the )?(?:parish|county|condado|parroquia) (?:de |of )?[A-Za-z]+"
    # "hes at the ICE office downtown since his appointment": the field office, as they said it
    r"|(?<=\bat )the (?:ice|immigration) (?:office|building|field office|place|center|centre|facility)(?: downtown| in the federal building| in [A-Za-z]+(?: [A-Za-z]+)?)?"
    r"|(?<=\ben )la oficina de (?:ice|inmigraci[oó]n|migraci[oó]n|la migra|migra)(?: del centro| en [A-Za-z]+(?: [A-Za-z]+)?)?"
    # "im in my car outside the ice office in san antonio, they have my wife inside"
    r"|(?<=\boutside )the (?:ice|immigration) (?:office|building|field office)(?: downtown| in [A-Za-z]+(?: [A-Za-z]+)?)?"
    r"(?=[^.]{0,60}\b(?:inside|adentro|kept|holding|won'?t let))"
    # "he called from the ice office downtown, they kept him at his check in"
    r"|(?<=\bfrom )the (?:ice|immigration) (?:office|building|field office)(?: downtown| in [A-Za-z]+(?: [A-Za-z]+)?)?(?=[^.]{0,40}\b(?:kept|held|detained|won'?t let))"
    # held at the border crossing: "at the port of entry in san ysidro", "en la garita de tijuana"
    r"|(?:the )?port of entry(?: (?:in|at|of) [A-Za-z]+(?: [A-Za-z]+)?)?|(?:la )?garita(?: de [A-Za-z]+(?: [A-Za-z]+)?)?"
    # "pulled into secondary at san ysidro", "lo pasaron a secundaria en la garita": inspection at the port
    r"|secondary(?: inspection)? (?:at|in) (?:the )?[A-Za-z]+(?: (?!and\b|this\b|esta\b|today\b|yesterday\b)[A-Za-z]+)?|secundaria (?:en|de) (?:la )?[A-Za-z]+(?: [A-Za-z]+)?"
    # a Border Patrol checkpoint: "en el retén de Falfurrias", "at the checkpoint in sarita"
    r"|(?:el )?ret[eé]n(?! de (?:la )?(?:migra|patrulla|migraci|inmigraci))(?: de [A-Za-z]+(?: (?-i:[A-Z])[A-Za-z]+)?)|(?:the )?(?:border patrol )?checkpoint (?:in|at|near|of|by) [A-Za-z]+(?: (?-i:[A-Z])[A-Za-z]+)?"
    r"|(?:the )?(?-i:[A-Z])[A-Za-z]+ checkpoint"
    # "está en el centro de El Paso": the detention centre of a town, as they said it
    r"|(?<=\best[aá] en )el centro de (?-i:[A-Z])[A-Za-z]+(?: (?-i:[A-Z])[A-Za-z]+)?"
    # still in the agents' car: "ICE just handcuffed my husband and hes in their car outside still"
    r"|(?:" + "|".join(rf"(?<=\b{who} {still}in )" for who in ("hes", "he's", "shes", "she's", "he is", "she is") for still in ("", "still "))
    + r")(?:their|the|an?) (?:\w+ )?(?:car|van|truck|suv)(?: outside)?"
    # the border patrol's holding cells ("la hielera", "la perrera"), or a hotel ICE holds people in
    r"|(?:la |the )?hielera|(?:la )?perrera|(?<=\bat )(?:a|the) hotel(?= (?:ice|that ice|they|immigration)\b))",
    re.IGNORECASE)


#: Where someone is held, said as not known: "we don't know where they took him", "en otro estado no sé cuál".
_WHERE_UNKNOWN = re.compile(
    r"\b(?:(?:(?:we|i) (?:do ?n[o']?t|dont|do not) know|idk|no ?one (?:will )?(?:tells?|told) (?:me|us)|nobody (?:will )?(?:tells?|told) (?:me|us)"
    r"|can'?t find out) where (?:they (?:took|have|are holding) (?:him|her|them)|(?:he|she|they) (?:is|are)|(?:he|she|they)s)"
    r"|(?:no (?:s[eé]|sabemos)|nadie (?:me|nos) (?:dice|dicen|quiere decir)) (?:d[oó]nde|a d[oó]nde) (?:l[oa]s? )?(?:tienen|llevaron|est[aá]n?)"
    r"|en otro estado(?:,? no (?:s[eé]|sabemos) (?:cu[aá]l|d[oó]nde))?"
    # "we still dont know where he is", "no sabemos a donde se lo llevaron", "no lo encontramos", "no aparece"
    r"|(?:we|i) (?:still )?(?:do ?n[o']?t|dont|do not) know where|no (?:s[eé]|sabe|sabemos|saben) (?:a )?d[oó]nde"
    r"|(?:no|todav[ií]a no) (?:l[oa]s? )?(?:encontramos|encuentro|encuentran|hemos encontrado)|(?:ahora )?no aparece"
    r"|(?:can'?t|cannot|could ?n[o']?t) find (?:him|her|them)|(?:not|isn'?t) (?:showing up|in the locator))\b",
    re.IGNORECASE)


_WHERE_DETAINED = " (where detained)"
#: Held by CBP at a border bridge: "CBP at the bridge has my cousin ..., the hidalgo bridge".
_BORDER_HOLDS = re.compile(r"\b(?:cbp|customs|border patrol|aduana|migraci[oó]n|la migra)\b.{0,60}\b(?:has|have|holding|kept|keeping|tienen?|detuvieron|agarraron|pararon"
                           # "CBP stopped my wife at the peace arch crossing two hours ago and theyre still holding her inside"
                           r"|stopped\b.{0,80}\bstill (?:holding|has|have))\b",
                           re.IGNORECASE | re.DOTALL)
_BRIDGE = re.compile(r"\b(?:the )?[A-Za-z]+ (?:international )?bridge\b|\b(?:el )?puente (?:internacional )?(?:de )?[A-Za-z]+(?: (?-i:[A-Z])[a-z]+)?"
                     # a port of entry by its name: "the peace arch crossing", "nogales port of entry"
                     r"|\b(?:the )?(?:(?!(?:was|were|is|while|when|he|she|they|i|we|at|the|border|a)\b)[A-Za-z]+ ){1,2}(?:border )?(?:crossing|port of entry)\b",
                     re.IGNORECASE)


#: Taken crossing, no agency named: "quiso pasar por el puente de juarez con papeles de otro y lo agarraron".
_TAKEN_CROSSING = re.compile(r"\b(?:puente|bridge|garita|crossing|port of entry)\b[^.?!]{0,60}\b(?:agarraron|detuvieron|arrestaron|retuvieron"
                             r"|no (?:lo|la|los|las) (?:sueltan|dejan salir)|no sale|took (?:him|her|them)|detained|arrested"
                             r"|won'?t let (?:him|her|them))\b", re.IGNORECASE)
#: Held at a bridge not named: "lo dejaron detenido en el puente", "they are holding him at the bridge".
_HELD_AT_THE_BRIDGE = re.compile(
    r"\b(?:detenid[oa]s?|detained|held|holding (?:him|her|them)|kept|l[oa]s? tienen|l[oa]s? dejaron|l[oa]s? pararon|stopped)\b"
    r"[^.?!]{0,20}?\b((?:en|at|on) (?:el|the) (?:puente|bridge))\b", re.IGNORECASE)


def _held_at_a_bridge(text: str) -> str | None:
    """The bridge CBP holds someone at, named as said (the longest naming), or None."""
    if not (_BORDER_HOLDS.search(text) or _TAKEN_CROSSING.search(text)):
        return None
    named = [" ".join(m.group(0).split()) for m in _BRIDGE.finditer(text)]
    named = [n for n in named if n.lower() not in ("the bridge", "a bridge", "that bridge")]
    return max(named, key=len) if named else None
#: Held somewhere in a place, not known where: "hes somewhere in texas".
_SOMEWHERE = re.compile(r"\b(?:somewhere|someplace|some place)\b|\ben alg[uú]n (?:lugar|centro|sitio) (?:de|en)\b|\bpor all[aá]\b", re.IGNORECASE)
#: Held now, said without a verb of arrest: "has been in detention since september".
_IN_DETENTION = re.compile(r"\b(?:in|en) (?:detention|custody|ice custody|detenci[oó]n|custodia)\b", re.IGNORECASE)
_LIVES = re.compile(r"\b(?:lives?|living|vive|viven|viviendo)\b", re.IGNORECASE)


#: An ICE office named as the place: "the ice office downtown", "la oficina de migracion de".
_ICE_OFFICE = re.compile(r"\b(?:ice|immigration|migraci[oó]n|inmigraci[oó]n)(?: field)? office\b"
                         r"|\boficina (?:de |del )?(?:ice|la migra|migraci[oó]n|inmigraci[oó]n)\b", re.IGNORECASE)
#: Someone there now: "he is at", "esta en", "lo tienen en".
_HELD_THERE = re.compile(r"\b(?:is|he'?s|she'?s|hes|shes|they'?re|are|still|est[aá]n?|sigue|tienen|llevaron)\b", re.IGNORECASE)


def held_place(text: str) -> str | None:
    """Where a message says someone is held ("detained in Jena, Louisiana"), or was taken
    ("detained at the border in El Paso", "lo detuvieron en Nashville"): the place as
    staff read it, with "(where detained)" when it is only where the arrest happened."""
    found = roles.mentions(text)
    held = [m for m in found if m.role == roles.DETAINED]
    moved = [m for m in held[1:] if _TRANSFER.search(text[max(0, m.start - 40):m.start])]
    if moved and moved[-1].place.state:
        return moved[-1].place.label  # "lo tuvieron en el jail de Anchorage y ahora lo mandaron a Tacoma": where he is now
    for mention in found:
        mention = _held_in_us(text, mention)
        if mention.role == roles.SELF and _HELD_HERE.search(text[max(0, mention.start - 40):mention.start]):
            # "todavía la tienen aquí en anchorage": held in the visitor's own town
            return mention.place.label
        if mention.role in (roles.UNCLEAR, roles.RELATIVE) and _HELD_THERE_AFTER.match(text, mention.end):
            # "cruzó hace seis días por el paso y lo tienen detenido allá": held at the place just said
            return mention.place.label
        if mention.role == roles.DETAINED:
            # ("la cárcel del condado de Polk": a county of a name many states have, kept as said)
            return mention.place.label if mention.place.state or not mention.place.in_us else mention.text
        if mention.role == roles.COURT and not situations.kept_at_appointment(text):
            # "they took my son to the ice office downtown chicago", "esta en la oficina de migracion de dallas":
            # held at the ICE office of that town (a check-in there that kept him is read apart)
            start = max(text.rfind(end, 0, mention.start) for end in ".!?;\n")
            before = text[start + 1:mention.start]
            if _ICE_OFFICE.search(before) and (_DETENTION_WORDS.search(before) or _HELD_THERE.search(before)):
                return f"ICE office ({mention.place.label})"
        if mention.role == roles.UNCLEAR or (mention.role == roles.RELATIVE and not _LIVES.search(text[:mention.start])):
            # ("they arrested my brother and hes in tacoma now": where he is, unless where he lives)
            start = max(text.rfind(end, 0, mention.start) for end in ".!?;\n")
            before = text[start + 1:mention.start]
            if _IN_DETENTION.search(before):
                return mention.place.label  # "has been in detention since september, hes in tacoma": held there
            end = min((i for i in (text.find(e, mention.start) for e in ".!?;\n") if i >= 0), default=len(text))
            if _SOMEWHERE.search(text[start + 1:end]):
                return mention.place.label  # "we think hes in louisiana somewhere", "esta en algun lugar de texas"
            if _DETENTION_WORDS.search(before):
                return f"{mention.place.label}{_WHERE_DETAINED}"
            if _HELD_PLACE_AFTER.match(text, mention.end):
                return mention.place.label  # "el esta en san luis en el centro de detencion": held there
            if _ICE_OFFICE.match(text[mention.end:].lstrip()) and _HELD_THERE.search(before):
                return f"ICE office ({mention.place.label})"  # "he's at the Nashville ICE office i think"
            if _SAID_TO_BE_IN.match(before) and _DETENTION_WORDS.search(text[:start + 1]) \
                    and not re.match(r"\s*,?\s*(?:with (?:me|us)|conmigo|con nosotros)\b", text[mention.end:], re.IGNORECASE):
                return mention.place.label  # "My wife was arrested by ICE 4 days ago. They say she's in Tacoma."
    return None


#: Held where the visitor is: "la tienen aquí en", "they have him here in".
_HELD_HERE = re.compile(r"\b(?:(?:lo|la|los|las) tienen(?: detenid[oa]s?)?|they (?:have|are holding) (?:him|her|them)|(?:he|she)(?:'s| is) (?:held|detained))"
                        r" (?:aqu[ií]|ac[aá]|here)(?: mismo)? (?:en|in)\s*$", re.IGNORECASE)
#: ... or at the place just said: "por el paso y lo tienen detenido allá", "in laredo, they have him there".
_HELD_THERE_AFTER = re.compile(r"[^.!?;]{0,30}?\b(?:(?:lo|la|los|las) tienen(?: detenid[oa]s?)?|they (?:have|are holding|still have) (?:him|her|them))"
                               r" (?:all[aá]|ah[ií]|there)\b", re.IGNORECASE)
#: A sentence that only places someone, after one that told the detention: "They say she's in Tacoma",
#: "dicen que está en Tacoma", "i think hes in louisiana now".
_SAID_TO_BE_IN = re.compile(
    r"^\W*(?:(?:they|ice|the officer|someone|somebody|i think|i heard|dicen|me dijeron|creo|parece)\s+(?:say|said|told (?:me|us)|que)?\s*)?"
    r"(?:that\s+)?(?:(?:she|he|they)\s*(?:'?s|is|are|'re)|hes|shes|theyre|(?:[eé]l|ella)?\s*est[aá]n?)\s+(?:now\s+|ahora\s+|still\s+|todav[ií]a\s+)?"
    r"(?:in|en)\s+$", re.IGNORECASE)


#: A place of detention right after a town: "(en san luis) en el centro de detencion", "(in tacoma) at the jail".
_HELD_PLACE_AFTER = re.compile(
    r"\s*,?\s*(?:en|in|at)\s+(?:el|la|un|una|the|a)\s+(?:centro de detenci[oó]n|detention(?: center| centre| facility)?"
    r"|processing center|c[aá]rcel|jail|hielera|correccional)\b", re.IGNORECASE)


def _held_in_us(text: str, mention: "roles.PlaceMention") -> "roles.PlaceMention":
    """A held place read as a foreign town, taken as the US town of that name by the US place
    beside it: "I'm in Yuma, he's at the detention center in San Luis" is San Luis, Arizona,
    not Argentina. Only a town in the same state as the US place named, or one next to it."""
    place = mention.place
    if place.in_us or not place.city or norm(place.matched) != norm(place.city):
        return mention  # a US place, or one written with its country ("san luis, argentina")
    states = {m.place.state for m in roles.mentions(text) if m.place.in_us and m.place.state}
    there = resolver.us_city_in(place.city, sorted(states) + sorted(neighbours.next_to(states) - states))
    return mention if there is None else roles.PlaceMention(mention.text, mention.role, there, mention.start, mention.end)


def since_answer(text: str, today: date) -> str:
    """The answer to "since when?" as kept: a day read from it (ISO), else the words as said
    ("la semana pasada", "last week": a week, not the day a week ago)."""
    day = dates.day_detained(text, today) if not _AND_A_HALF.search(text) else None
    if day is not None and _a_week_said(text, day, today) is None:
        return day.isoformat()
    return " ".join(text.split())


def answers_in_text(situation: str | None, text: str, today: date, stage_known: str | None = None) -> Dict[str, Any]:
    """Follow-up answers a visitor already gave in a message, whatever was asked (``_answers_in_text``),
    with a date set right in the same message taken as set right: "my court is in a month... no wait,
    its THIS friday", "it's now this coming wednesday instead of in 4 months"."""
    text = _INSTEAD_OF.sub(" ", text or "")  # ("X instead of Y": Y is the day it was)
    said = _answers_in_text(situation, text, today, stage_known)
    if situation == "removal" and said.get("removal_stage") in ("hearing", "check_in") and not said.get("hearing_date") \
            and (_NO_DATE_GIVEN.search(dates.plain(text)) or _CANCELLED_NO_DATE.search(text)):
        # "salí con fianza hace una semana, todavía no me dan fecha de corte": no date yet, so none is asked
        said["hearing_date"] = "unknown"
    if situation == "removal" and said.get("hearing_date") and _CANCELLED_NO_DATE.search(text):
        # "my hearing was supposed to be tomorrow but it got cancelled ... and there is no new date": none known
        said["hearing_date"] = "unknown"
    marks = list(_SET_RIGHT.finditer(text)) if situation == "removal" else []
    tail = text[marks[-1].end():] if marks else ""
    if tail.strip():
        later = _answers_in_text(situation, tail, today, said.get("removal_stage") or stage_known)
        day = later.get("hearing_date")
        if day is None and dates.far_off(tail, today) and said.get("removal_stage") in ("hearing", "check_in"):
            day = " ".join(tail.split()).strip(" .")[:200]  # "its in 5 weeks": months or weeks away, as said
        if day is not None:
            said["hearing_date"] = day
    return said


#: No date given yet: "todavía no me dan fecha de corte", "no me han dado new date", "no date yet".
_NO_DATE_GIVEN = re.compile(r"\b(?:no (?:me|le|nos) (?:han dado|dan|dieron|ponen|han puesto) (?:nueva |otra |new )?(?:fecha|date)"
                            r"|(?:no|without a|sin) (?:new |nueva )?(?:date|fecha) (?:yet|todavia|aun)|no date yet|no (?:court )?date yet"
                            r"|(?:haven'?t|have not|havent|didn'?t|did not) (?:given|give|gotten|got|received) (?:me |us |him |her )?(?:a |any )?(?:new )?(?:court )?date)\b")
#: A hearing or check-in called off with no new day: "it got cancelled on the portal and there is no new date".
_CANCELLED_NO_DATE = re.compile(
    r"\b(?:cancel+ed|called off|cancelaron|cancelada|cancelado|suspendieron|suspendida|rescheduled|postponed|reprogramad[oa]|reprogramaron"
    r"|pospusieron|pospuesta|cambiaron|movieron|changed|moved)\b[^.?!]{0,90}?"
    r"\b(?:no new date|no date yet|no other date|without a (?:new )?date|sin (?:nueva )?fecha|no (?:hay|tengo|tiene|me dieron) (?:nueva |otra )?fecha"
    r"|no (?:me|le|nos) (?:han dado|dan|dieron) (?:nueva |otra |new )?(?:fecha|date)"
    # "the letter says new date to be determined", "they said they'll send a new date", "me van a mandar otra fecha"
    r"|(?:new )?date (?:to be determined|tbd|pending)|(?:will|they'?ll|theyll|gonna|going to) (?:send|give|mail) (?:me |us |him |her )?(?:a |the )?new date"
    r"|(?:me|le|nos) (?:van a|vana) (?:mandar|dar|enviar) (?:una |la )?(?:nueva|otra) fecha|fecha por (?:definir|determinar)"
    # "me llego un papel que mi court date la cambiaron pero no dice para cuando"
    r"|no dice (?:para )?cu[aá]ndo|(?:doesn'?t|does not|dont) say (?:when|a date|the new date))\b",
    re.IGNORECASE)
#: A date set right in the same message: "no wait", "me equivoqué", "its not next week, its", "it's now".
_SET_RIGHT = re.compile(
    # "en tres semanas... no espere, revise el papel y es el lunes que viene", "wait no, i checked and its the 14th"
    r"\b(?:no,? esp[eé]r[ea]\b[^.;!?]{0,40}?\b(?:y )?es|(?:wait|hold on),? no\b[^.;!?]{0,40}?\b(?:it'?s|its|it is)"
    r"|no,? wait|wait,? (?:sorry|no)|sorry,? no|i mean|me equivoqu[eé]|ay no|no,? no|perd[oó]n,? no|correction|correcci[oó]n"
    # ("the hearing is not next friday, they moved it, its in 7 weeks")
    r"|(?:it'?s|its|is) not [^,.;!?]{1,30}?,? (?:it'?s|its|is)|(?:it'?s|its|is) not [^.;!?]{1,20}?, they moved it,? (?:it'?s|its|to)"
    r"|no es [^,.;!?]{1,30}?,? es|it'?s now|its now|now it'?s|ahora es"
    # "ahora dice que es dentro de dos meses", "la nueva es ...", "new date is like 4 months from now"
    r"|ahora dice que es|ahora (?:la|me la|lo|me lo) (?:pusieron|tienen|dieron) para|la nueva(?: fecha)? es|(?:the )?new (?:date|one) is"
    r"|now it says"
    # "it was in 3 months and now the new notice says next thursday", "y ahora la carta nueva dice"
    r"|now (?:the |a )?(?:new )?(?:notice|letter|paper|one|date) says|ahora (?:la |el )?(?:nueva |nuevo )?(?:carta|papel|aviso|notificaci[oó]n)"
    r"(?: nueva| nuevo)? dice)\b",
    re.IGNORECASE)
#: The day it was, after the day it is: "this coming wednesday instead of in 4 months".
_INSTEAD_OF = re.compile(r"\b(?:instead of|en vez de|en lugar de)\b[^,.;!?]*"
                         # "its this wednesday now, not in 2 months like before", "no en marzo como decía"
                         r"|\bnot (?:in |on |for )?[^,.;!?]{1,30}?\b(?:like|as) (?:before|it was|they said|it said)\b"
                         r"|\bno (?:en |el |para )?[^,.;!?]{1,30}?\bcomo (?:antes|estaba|dec[ií]a|dijeron)\b", re.IGNORECASE)


#: Gone, but not sure: "creo que ya se fueron pero no estoy segura", "i think they left but im not sure" (asked).
_GONE_NOT_SURE = re.compile(r"\b(?:creo|pienso|parece|i think|maybe|tal vez|quiz[aá]s?)\b[^.?!]{0,30}\b(?:se fueron|ya se fue\w*|left|gone)\b"
                            r"[^.?!]{0,30}\b(?:no (?:estoy|estamos) segur[oa]s?|not sure|no s[eé]|idk|dont know|don'?t know)\b", re.IGNORECASE)


#: Knocking told, and them still there now: "tocaron y no abrimos, y ahorita están en la puerta de al lado".
_KNOCKED_AND_STILL_THERE = re.compile(
    r"\b(?:tocaron|tocando|knock\w*|bang\w*)\b[^.?!]*\b(?:ahorita|ahora mismo|right now|still|todav[ií]a)\b[^.?!]{0,20}"
    r"\b(?:est[aá]n|they'?re|they are|siguen)\b[^.?!]{0,10}\b(?:afuera|outside|en la puerta|at the door|next door|de al lado|aqu[ií]|here)"
    # "estan en el pasillo de mi edificio tocando puertas, todavia no llegan a la mia": at hand, door by door
    r"|\b(?:est[aá]n|andan|they'?re|they are|theyre)\s+(?:en el pasillo|in the hallway|en mi edificio|in (?:my|our) building|en el edificio"
    r"|en los apartamentos|en la cuadra|on (?:my|our) (?:floor|block))\b[^.?!]{0,40}\b(?:tocando|knocking)"
    # "they came this morning and knocked, i didnt open. one car is still parked across the street watching the house"
    r"|\b(?:tocaron|tocando|knock\w*|bang\w*)\b.{0,120}?\b(?:car|truck|van|suv|carro|camioneta|troca)s?\b[^.?!]{0,20}"
    r"\b(?:still|todav[ií]a|sigue|siguen)\b[^.?!]{0,30}\b(?:parked|there|outside|across|watching|afuera|estacionad\w*|enfrente|ah[ií])",
    re.IGNORECASE)


def _answers_in_text(situation: str | None, text: str, today: date, stage_known: str | None = None) -> Dict[str, Any]:
    """Follow-up answers a visitor already gave in a message, whatever was asked.

    "ICE took my husband yesterday" answers "since when?"; "I have court next
    Tuesday" answers the stage and the date; "I have a removal order" the
    stage; "A123 456 789" the A-number. Only a past date said with a
    detention and a coming date with a hearing or check-in count: anything
    less clear is asked. ``stage_known``, the hearing or check-in already told, dates a coming
    day said alone.
    """
    said: Dict[str, Any] = {}
    facility = _FACILITY.search(text or "")
    known = facilities.facility_in(text or "") if situation == "detention" else None
    moved = _MOVED_FROM_TO.search(text or "") if known and _TRANSFER.search(text or "") else None
    if moved and facilities.facility_in(moved.group(1)) == known:
        # "they moved my dad last night from broadview to somewhere in texas": where he is now, as said
        said["detained_where"] = facilities.facility_in(moved.group(2)) or " ".join(moved.group(2).split())[:200]
    elif known:
        said["detained_where"] = known
    elif facility and situation == "detention":
        where = _LEADING.sub("", facility.group(1).strip())
        if len(where.split()) > 2:  # a named facility, not just "the detention center"
            said["detained_where"] = where
    if situation == "detention" and "detained_where" not in said:
        held = held_place(text or "")
        checkpoint = _CHECKPOINT.search(text or "")
        named = (_AIRPORT.search(text or "") or _LOCAL_JAIL.search(text or "") or _SOME_STATION.search(text or "")
                 or checkpoint or (_BP_POST.search(text or "") if urgency.agents_named(text or "") else None))
        if named is not None and checkpoint is not None and checkpoint.start() <= named.start() and checkpoint.end() > named.end():
            named = checkpoint  # "el retén de la carretera cerca de las cruces", not "el retén de la" as a jail
        called = _PLACE_CALLED.search(text or "")
        if called:
            # "a place called pine something in louisiana": its name as heard says more than the state
            said["detained_where"] = " ".join((called.group(1) or called.group(2)).split())
        elif held and not (named and held.endswith(_WHERE_DETAINED)):
            said["detained_where"] = held
        elif named:
            # "CBP still has him at JFK", "detenido en el condado", "at the port of entry in calexico":
            # where, as they said it (more than the town it is in)
            said["detained_where"] = " ".join(named.group(1).split())
    crossing = _CROSSING_AT.search(text or "") if situation == "detention" and "detained_where" not in said \
        and _SECONDARY.search(text or "") else None
    if crossing is not None:
        # "crossing at san ysidro yesterday ... they took her to secondary and she never came out": that port's secondary
        said["detained_where"] = f"secondary inspection ({crossing.group(1).title()})"
    placed = _FACILITY_PLACED.match(text or "", facility.end()) if facility and situation == "detention" \
        and "detained_where" not in said else None
    if placed is not None and facility is not None:
        # "my dad is at the processing center at the border right now": the centre, placed as said
        said["detained_where"] = f"{_LEADING.sub('', facility.group(1).strip())} {' '.join(placed.group(0).split())}"
    at_bridge = _HELD_AT_THE_BRIDGE.search(text or "") if situation == "detention" and "detained_where" not in said else None
    if at_bridge is not None:
        town = next((m for m in roles.mentions(text or "") if m.role != roles.SELF and m.place.in_us), None)
        if town is not None:
            # "cruzo por laredo ... lo dejaron detenido en el puente": the bridge of the US town named
            said["detained_where"] = f"{at_bridge.group(1)} ({town.place.label})"
    if situation == "detention" and "detained_where" not in said:
        bridge = _held_at_a_bridge(text or "")
        kept = situations.kept_at_appointment(text)
        office = next((m for m in roles.mentions(text or "") if m.role != roles.SELF), None) if kept else None
        if bridge:
            # "CBP at the bridge has my cousin since last night, the hidalgo bridge"
            said["detained_where"] = bridge
        elif office is not None:
            # "fue a firmar a Miramar y lo dejaron detenido": taken where the appointment was
            said["detained_where"] = f"{office.place.label}{_WHERE_DETAINED}"
    if situation == "detention" and "detained_where" not in said:
        unknown = _WHERE_UNKNOWN.search(text or "")
        if unknown:
            # "está detenido en otro estado no sé cuál": what they know of it, kept, not asked again
            said["detained_where"] = " ".join(unknown.group(0).split())[:200]
    if situation == "detention" and "detained_since" not in said:
        day = _detention_day(text or "", today)
        if day is not None:
            said["detained_since"] = day if isinstance(day, str) else day.isoformat()
    if situation == "enforcement" and (urgency.agents_not_here_now(text or "") or urgency.came_before(text or "")) \
            and not _GONE_NOT_SURE.search(text or ""):
        said["ice_present_now"] = False  # "ICE came to my job on Monday": not there now
    elif situation == "enforcement" and _KNOCKED_AND_STILL_THERE.search(text or ""):
        # "vinieron a la casa hace media hora, tocaron y no abrimos, y ahorita están en la puerta de al lado": the
        # agents of the matter, at hand now, named or not
        said["ice_present_now"] = True
    if situation == "detention" and _HEARING_WORDS.search(dates.plain(text or "")):
        court = answers_in_text("removal", text, today)
        if court.get("removal_stage") == "hearing" and _iso(court.get("hearing_date")):
            # "tiene corte el lunes que viene ahí mismo en el centro": the court date of someone held, kept
            said.update(removal_stage="hearing", hearing_date=court["hearing_date"])
    found = _A_NUMBER_SAID.search(contact.spelled_digits(text or ""))
    if found and situation in ("detention", "removal"):
        digits = re.sub(r"\D", "", found.group(1))
        if len(digits) in (8, 9):
            said["a_number"] = digits.zfill(9)
    if "a_number" not in said and situation in ("detention", "removal") and a_number_unknown(text):
        said["a_number"] = "unknown"
    # the step told, before one only asked about ("court letter says dismissed, does that mean deported?")
    stage = (removal_stage(_told(text)) or removal_stage(text)) if situation == "removal" else None
    if stage in (None, "unknown") and stage_known in ("hearing", "check_in") and situation == "removal" and not _OTHER_EVENT.search(text):
        # "houston, y es el monday a las 8" after "a question about my ICE check-in": its date
        stage = stage_known
    order_to_report = stage == "check_in" and bool(_STAGE_SAID.search(text)) and bool(_ORDER_SAID.search(dates.plain(text)))
    if order_to_report:
        # "tengo orden final y me tengo q presentar", "check in tomorrow at 9am, i have a deportation order": an
        # order, and the check-in's day is the next date (read below)
        stage = "removal_order"
    doubted = stage not in (None, "unknown", "nta_no_date") and bool(_STAGE_DOUBT.search(dates.plain(text or "")))
    if doubted:
        stage = None  # "i think i have an order of deportation but i'm not sure": the stage is asked
    if stage in ("removal_order", "appeal", "nta_no_date") and (
            _STAGE_SAID.search(text) or (stage == "nta_no_date" and _NTA_UNDATED.search(dates.plain(text or "")))):
        # ("me dieron un papel para presentarme en corte de inmigracion pero no se cuando es": a notice, no date)
        said["removal_stage"] = stage
    elif stage == "closed":
        said["removal_stage"] = stage  # "my removal case was dismissed two years ago": no next date to ask
    elif stage in ("hearing", "check_in") and not _NO_STAGE.search(text) and not _both_stages(text):
        # ("I missed my hearing on nov 2": the case is in court, and the next date is asked; asked which
        # step it is at, visitors said again that they missed court)
        # "i have to go to ice check in", "my son has his immigration court in SF": the date is still asked
        said["removal_stage"] = stage
    if situation == "removal" and stage == "nta_no_date" and _NTA_UNDATED.search(dates.plain(text or "")):
        # "lo detuvieron el lunes pero ya lo soltaron ayer con un papel pa presentarse a la corte, el papel no dice
        # la fecha": the paper says no date; the days named are of the arrest and the release
        return said
    if situation == "removal":
        # ("ya soltaron a mi esposo el viernes, ahora tiene que reportarse el otro mes": the release's day is past)
        text = _without_release_days(text)
    day, dated = _stage_day(text, today) if situation == "removal" else (None, None)
    if dated and stage in ("hearing", "check_in") and _both_stages(text):
        stage = dated  # "my next ICE appointment is next friday and my first court is in like 10 months": the nearest
    day = day or dates.mentioned_date(text, today)
    if situation == "removal" and _MOVED_TO.search(text or "") is None and _WAS_TO_BE.search(text or "") \
            and _MOVED_NO_DAY.search(text or ""):
        # "my master hearing was supposed to be in 6 days ... it says its been moved": the day it was is no longer
        # the next date, and the new one is not said (it is asked, unless "there is no new date")
        if said.get("removal_stage") in ("hearing", "check_in") and dates.no_coming_date(_told(text), today):
            said["hearing_date"] = "unknown"
        return said
    moved = _MOVED_TO.search(text or "") if situation == "removal" else None
    if moved is not None:
        # "was supposed to be december 14 but ... it got moved to april 20": the day it was moved to
        to = re.split(r"[.?!;]|,?\s+(?:antes|before|instead|en vez|en lugar)\b", text[moved.end():], maxsplit=1)[0]
        if moved.group("by"):
            to = "in " + re.sub(r"^\s*(?:by|about|like|around)\s+", "", to)
        moved_day = dates.coming_date(to, today) or dates.mentioned_date(to, today)
        if moved_day is None and dates.far_off(to, today):
            # "supposed to be tomorrow but ... its moved to next month": the far time it was moved to, not the day it was
            far = _far_hearing(text, today) if said.get("removal_stage") in (None, "hearing", "check_in", "nta_no_date") else {}
            if not far and said.get("removal_stage") in ("hearing", "check_in"):
                # ("mi corte era mañana pero ... la movieron para el otro mes, todavia necesito abogado": as said)
                far = {"hearing_date": " ".join(to.split(",")[0].split())[:200]}
            said.update(far)
            return said
        day = moved_day or day
    if situation == "removal" and day is not None and day <= today and _MISSED.search(dates.plain(text or "")):
        day = None  # "no fui a mi corte el mes pasado ... q pasa ahora?": the one missed is no next date
    if situation == "removal" and (day is None or day < today):
        day = dates.coming_date(text, today) or day  # "my check-in is this thursday", said on a Friday
    back = (_TO_GO.search(text or "") or _TO_REPORT.search(text or "")) if day == today and situation == "removal" else None
    if back is not None:
        later = dates.coming_date(text[back.start():], today)
        if later is None:
            # ("said I have to come to the office this Thursday. I have an order from ... 14 years"): its sentence
            later = dates.coming_date(re.split(r"[.?!;]", text[back.start():], maxsplit=1)[0], today)
        if later is not None and later > today:
            day = later  # "fui a firmar hoy y me dijeron q regrese a la oficina el miercoles": the day to come back
    if day == today and situation == "removal" and dates.far_off(text, today):
        day = None  # "went to my check-in today, the next one is in january": today is not the next date
    window = _WINDOW_PASSED.search(text or "") if situation == "removal" else None
    if window is not None and int(window.group(1)) > int(window.group(2)):
        # "q me reporte a ice en 60 dias, ya pasaron 20": the days left, not the whole window from today
        day = today + timedelta(days=int(window.group(1)) - int(window.group(2)))
    report = (_TO_REPORT.search(text or "") or _TO_GO.search(text or "")) if day is None and situation == "removal" else None
    if report is not None:
        # "until friday an officer called my cell and said I need to come to the office this wednesday": the day of the
        # report, read from its own words on (the call's day is not the next date)
        day = dates.coming_date(re.split(r"[.?!;]", text[report.start():], maxsplit=1)[0], today)
    if day is None and situation == "removal":
        day = dates.coming_date(text, today)
    if day is None and situation == "removal" and _THERE_NOW.search(text or ""):
        day = today  # "im at my ICE check in and they told me to wait": it is today
    if day is not None and dates.days_until(day, today) > _YEAR_AHEAD and not re.search(r"\b20\d\d\b", text):
        day = None  # "denied on november 13", no year: that day has passed, it is not next year's
    if day is not None and day < today and situation == "removal" and said.get("removal_stage") in (None, "hearing", "check_in"):
        # "fui a mi check-in ayer, me dijeron que regrese en un año": the day named is the last one
        far = _far_hearing(text, today)
        if far.get("hearing_date"):
            said.update(far)
            return said
    if day is None:
        if situation == "removal" and said.get("removal_stage") in (None, "hearing", "check_in", "nta_no_date"):
            # ("the notice to appear says court in March": a hearing, months away)
            said.update(_far_hearing(text, today))
        visit = _far_visit(text, today) if situation == "removal" and said.get("removal_stage") == "removal_order" else None
        if visit:
            said["hearing_date"] = visit  # "orden de supervision, la proxima cita es en junio": its check-ins go on
        if situation == "removal" and said.get("removal_stage") in ("hearing", "check_in") and "hearing_date" not in said \
                and dates.no_coming_date(_told(text), today):
            # "una carta de la corte ... lo van a volver a abrir. Todavía no hay fecha": no date to ask for
            said["hearing_date"] = "unknown"
        return said
    if stage == "nta_no_date" and day > today:
        # "got an NTA, my court is in 10 days": the hearing has its date
        stage = _dated_stage(text)
    if stage == "removal_order" and day > today and _SOMEONE_ELSE_DEPORTED.search(text or "") and _dated_stage(text):
        # "a mi esposo lo deportaron hace una semana y yo tengo corte en 9 dias": his removal, her hearing
        stage = _dated_stage(text)
    if situation == "removal" and day >= today and stage in ("hearing", "check_in"):
        said.update(removal_stage=stage, hearing_date=day.isoformat())
    elif situation == "removal" and day >= today and order_to_report:
        said["hearing_date"] = day.isoformat()
    elif situation == "removal" and day > today and stage in (None, "unknown") and stage_known == "removal_order" \
            and not _OTHER_EVENT.search(text) and _THE_REPORTS_WORDS.search(text):
        # "houston, y la carta dice q es pa el jueves q viene" after a letter to report with an old order: the day to report
        said["hearing_date"] = day.isoformat()
    elif situation == "removal" and day > today and stage in (None, "removal_order") and _TO_REPORT.search(text or ""):
        # "a letter says come to the office with my bags on the 3rd": the date to report is the
        # next date; the stage is asked unless said ("I have a removal order")
        said["hearing_date"] = day.isoformat()
        if stage is None and stage_known is None and called_to_report(text) and not situations.bag_letter(text):
            # "me llego una carta de ICE que me tengo que presentar el jueves que viene en la oficina de charlotte":
            # told to report to ICE, with no order or bags named, is a check-in (not asked which step it is)
            said["removal_stage"] = "check_in"
    elif situation == "removal" and day > today and stage in (None, "unknown") and (doubted or _TO_GO.search(text or "")):
        # "I have to go to immigration on Monday", "cita el 10, no se si es corte o ICE": the next date,
        # whichever it is (the stage is asked)
        said["hearing_date"] = day.isoformat()
    return said


#: Someone else's removal carried out: "a mi esposo lo deportaron", "they deported my brother", "he got deported".
_SOMEONE_ELSE_DEPORTED = re.compile(
    r"\b(?:lo|la|los|las) deportaron\b|\bdeported (?:him|her|them|my \w+)\b|\b(?:he|she|they|my \w+) (?:was|were|got) deported\b", re.IGNORECASE)
#: A window to report in, part of it gone: "en 60 dias, ya pasaron 20", "within 60 days and it's been 20 days".
_WINDOW_PASSED = re.compile(
    r"\b(?:en|within|in)\s+(\d{1,3})\s+(?:d[ií]as|days)\b[^.?!]{0,20}?[.,;]?\s*(?:y\s+|and\s+)?"
    r"(?:ya (?:pasaron|van|llevo|han pasado)|it'?s been|its been|(?:and )?already)\s+(\d{1,3})\b", re.IGNORECASE)


#: A question the visitor asks ("does that mean im ok or deported?", "me van a deportar?"): its
#: words are a fear, not the step their case is at.
_ASKED = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:does|do|did|will|would|can|could|is|are|am|should|what|how|why|which|puedo|pueden|puede|me van|lo van"
    r"|la van|van a|que pasa|qu[eé] pasa|q pasa|c[oó]mo|si me)\b[^.!?,]*(?:\?+|$|(?=,))",
    re.IGNORECASE,
)


def _without_release_days(text: str) -> str:
    """The message less the clauses that only tell a release and its day ("ya soltaron a mi esposo el viernes"), when
    another clause tells the case's next step."""
    clauses = _CLAUSE.split(text or "")
    release = [c for c in clauses if situations.RELEASED.search(c) and removal_stage(c) is None and dates.names_a_time(c)]
    if not release or len(release) == len(clauses):
        return text
    for clause in release:
        text = text.replace(clause, " ", 1)  # (the rest as written: "en dos semanas y media" is not two clauses)
    return re.sub(r"^[\s,;.]+", "", text)


def _told(text: str) -> str:
    """The message without the questions it asks."""
    return _ASKED.sub(" ", text or "")


#: Told to go to the authorities on a day, without saying to what: "I have to go to immigration on Monday".
_TO_GO = re.compile(
    r"\b(?:have to|need to|got to|gotta|must|supposed to|tengo que|tiene que|tenemos que|tengo q|tiene q|tenemos q|debo|me toca|le toca"
    # "they told me to come back to the office next wednesday", "me dijeron q regrese a la oficina el miercoles"
    r"|told (?:me|him|her|us|them) to|asked (?:me|him|her|us) to|me dijeron (?:que|q)|le dijeron (?:que|q)|nos dijeron (?:que|q))"
    r"\s+(?:go|be|appear|come|come back|return|report|show up|ir|presentar\w*|estar|regres\w*|volver|vuelva|venir|venga)"
    r"\b[^.?!]{0,30}\b(?:immigration|ice|uscis|(?:the|their|that|its) office|federal building|inmigraci[oó]n|migraci[oó]n|la oficina)\b"
    # "ICE wants me at the office with my passport thursday"
    r"|\b(?:ice|immigration|uscis|inmigraci[oó]n|migraci[oó]n) (?:wants?|needs?|quiere|quieren) (?:me|him|her|us|them|que (?:me|le|nos) \w+)"
    r"\b[^.?!]{0,12}\b(?:at|in|to come|to go|en|a) (?:the|their|its|la|su) (?:office|oficina|building|edificio)\b"
    # "they told my dad at his appointment to come back in 10 days with his passport"
    r"|\b(?:at|en|in) (?:his|her|my|their|our|su|mi) (?:appointment|appt|check[- ]?in|cita)\b[^.?!]{0,30}?"
    r"\b(?:to come back|to return|to report|que regrese|q regrese|que vuelva|q vuelva|que se presente|q se presente)\b",
    re.IGNORECASE,
)


#: A clause about an earlier day than the next one: "the last one was november 4", "la anterior
#: fue el 3 de junio", "la carta me llegó el 20".
#: A hearing or check-in moved to another day: "it got moved to april 20", "la cambiaron para el 3 de marzo".
#: A day that was to be, and moved with no new day said: "was supposed to be in 6 days ... its been moved".
_WAS_TO_BE = re.compile(r"\b(?:was|were) (?:supposed|going) to be\b|\biba a ser\b|\bestaba (?:programad[oa]|para)\b"
                        # "mi corte era mañana pero la cancelaron", "yo tenia cita con ICE este jueves pero me llamaron para cambiarla"
                        r"|\b(?:era|ten[ií]a)\b", re.IGNORECASE)
_MOVED_NO_DAY = re.compile(r"\b(?:moved|changed|rescheduled|postponed|reset|cancel+ed|cambiad[oa]|cambiaron|movid[oa]|movieron|reprogramad[oa]"
                           r"|reprogramaron|pospuesto|pospusieron|cancelad[oa]|cancelaron|cambiarla|cambiarlo|moverla|moverlo"
                           # gone to early: "tenia que firmar mañana en ICE pero fui hoy por si acaso y me dejaron salir"
                           r"|fui (?:hoy|ayer|antes)|ya fui|went (?:today|yesterday|early|in early)|already went)\b", re.IGNORECASE)
_MOVED_TO = re.compile(
    r"\b(?:moved|moving|changed|changing|rescheduled|rescheduling|reset|postponed|postponing|pushed(?: back)?|pushing(?: back)?|re-?scheduled)\s+(?:it\s+)?(?:up\s+|back\s+|forward\s+)?"
    r"(?:from\s+[^.?!]{1,30}?\s+)?(?:to|for|until|till|til)\b"
    # "ice called and moved it out about 2 months": put off by a stretch of time (read as "in 2 months")
    r"|\b(?:moved|pushed|postponed)\s+(?:it\s+)?(?P<by>out|back)(?=\s+(?:by\s+|about\s+|like\s+|around\s+)?(?:\d|an?\b|one\b|two\b|three\b|four\b|five\b|six\b))"
    # "me cambiaron la corte para el lunes"
    r"|\b(?:cambiaron|movieron|pasaron|pospusieron|reprogramaron|adelantaron|atrasaron)\s+(?:la|el|mi|su)\s+(?:\w+\s+){0,2}?(?:para|al|hasta)\b"
    # "me llegó una carta que la adelantaron para el jueves que viene"
    r"|\b(?:la|lo|me la|me lo|se la|se lo)\s+(?:cambiaron|movieron|pasaron|adelantaron|atrasaron|pospusieron|reprogramaron)\s+(?:para|al|hasta)\b"
    # "they moved his ice check in up to this coming monday"
    r"|\b(?:moved|changed|rescheduled|pushed)\s+(?:his|her|my|our|the|their)\s+(?:[\w-]+\s+){0,3}?(?:up|back|forward)\s+(?:to|for|until)\b"
    r"|\b(?:la|lo) (?:cambiaron|movieron|pasaron|pospusieron|reprogramaron)\s+(?:para|al|a|hasta)\b"
    r"|\b(?:se )?(?:cambi[oó]|movi[oó]|pas[oó]|pospuso)\s+(?:para|al|hasta)\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:last (?:one|time)|the one before|previous|anterior|pasad[oa]|llego|lleg[oó]|came|got (?:it|the letter|the paper)"
    r"|received|recib\w*|missed|perd[ií]|falt[eé]|entered|entr[oó]|arrived)\b",
    re.IGNORECASE,
)


def _stage_day(text: str, today: date) -> Tuple[date | None, str | None]:
    """The coming day of the clause that names the hearing or check-in ("i have my ice appointment
    on wednesday, last one was november 4"), and that clause's stage; of several, the nearest ("my next ICE
    appointment is next friday and my first court is in like 10 months": Friday's check-in); (None, None) if none."""
    days: Dict[date, str] = {}
    for sentence in _SENTENCE.split(dates.halves(text)):
        for clause in _CLAUSE.split(sentence):
            stage = removal_stage(clause)
            if stage == "check_in" and not _CHECK_IN_WORDS.search(_MONITOR.sub(" ", dates.plain(clause))):
                continue  # "they let her go 2 days later with an ankle monitor": a monitor worn, no day to report
            if stage in ("hearing", "check_in") and not _EARLIER.search(clause):
                day = dates.coming_date(clause, today)
                if day is not None:
                    days.setdefault(day, stage)
    return (min(days), days[min(days)]) if days else (None, None)


#: Told to report to ICE on a day: a check-in, or a "bag and baggage" letter.
_TO_REPORT = re.compile(
    r"\b(?:report(?:ing)?|present (?:myself|himself|herself|ourselves)|come (?:in )?to (?:the|their|your) office"
    # "he is from ICE and i need to come in next thursday"
    r"|(?:need|have|has|needs|got) to come in"
    # "ice sent me a letter to come in next week", "me mandaron una carta para presentarme"
    r"|(?:letter|paper|notice|carta|papel) (?:\w+ ){0,3}(?:to|para) (?:come|go|ir|venir)(?: in| there| a la oficina)?"
    r"|go to (?:the|their|ice) office|with (?:my|his|her|one|1|a) (?:bags?|suitcase|luggage)"
    r"|(?:bring|with|con|traer|traiga) (?:his|her|my|your|sus|mis) (?:belongings|pertenencias)"
    r"|presentar\w*|(?:me|se|nos) presente\w*|reportar\w*|con (?:mi |su |una |la )?maleta"
    # "me llamaron de ICE para una cita el 16", "they called me in for an appointment"
    r"|(?:me|le|nos) (?:llamaron|citaron|mandaron) (?:de (?:ice|migraci[oó]n|inmigraci[oó]n) )?(?:para|a) (?:una )?cita"
    r"|called (?:me|him|her|us) (?:in )?for an? (?:appointment|interview))\b",
    re.IGNORECASE,
)


def called_to_report(text: str | None) -> bool:
    """Whether a message tells of ICE calling someone in to report ("ice sent a letter telling me to report", "lo
    citaron a la oficina de ICE"), with ICE or immigration named."""
    t = text or ""
    return bool((_TO_REPORT.search(t) or _SUMMONED.search(t)) and _AN_AGENCY.search(t))


_AN_AGENCY = re.compile(r"\b(?:ice|ero|la migra|migra|immigration|inmigraci[oó]n|migraci[oó]n)\b", re.IGNORECASE)
#: Summoned to an office: "lo citaron a la oficina de ICE", "they told him to come in to the office".
_SUMMONED = re.compile(r"\b(?:me|le|lo|la|nos|los|las) (?:citaron|llamaron|mandaron llamar) (?:a|en|para) (?:la |su )?oficina\b"
                       r"|\btold (?:me|him|her|us|them) to come in\b", re.IGNORECASE)


#: "no court yet", "I don't have a hearing", "todavia no tengo corte": no stage said.
_NO_STAGE = re.compile(
    # (not a court missed: "no fui a mi corte", "i didnt go to my hearing")
    r"\b(?:no|not|don'?t|dont|never|haven'?t|havent|without|sin|todavia no|aun no|nunca)\b"
    r"(?!\W+(?:(?:me |se )?(?:fui|fue|fuimos|pude|pudo|present\w*|asist\w*|llegu\w*)|go|went|show|showed|make|made|attend\w*)\b)"
    r"(?:\W+\w+){0,3}?\W+"
    r"(?:court|hearing|check[- ]?in|corte|audiencia|cita|appointment|appt|appeal|apelaci[oó]n)\b"
    r"|\b(?:court|hearing|corte|audiencia|appointment) (?:yet|todavia|aun)\b",
    re.IGNORECASE,
)
#: "I'm at my check-in right now", "estoy en mi cita de ICE": the hearing or check-in is today.
_THERE_NOW = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos)\s+(?:(?:at|in|inside|en|dentro de)\s+)(?:my|the|our|mi|la|el)\s+"
    r"(?:(?:ice|immigration|inmigraci[oó]n)\s+)?(?:check[- ]?in|appointment|cita|court(?:room)?|hearing|corte|audiencia)\b"
    # "im at the ICE office right now for my check in", "estoy en la oficina de migración para mi cita"
    r"|\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos)\s+(?:at|in|inside|en|dentro de)\s+(?:the|la)\s+"
    r"(?:(?:ice|immigration)\s+(?:office|building)|oficina de (?:ice|inmigraci[oó]n|migraci[oó]n|la migra))\b"
    # ("im at the ice office in hartford right now waiting for my check in")
    r"(?=[^.]{0,45}\b(?:check[- ]?in|appointment|cita|firmar|firma)\b)",
    re.IGNORECASE,
)
def at_check_in_now(text: str) -> bool:
    """Whether a message is sent from the visitor's own check-in or court ("im at my ICE check in")."""
    return bool(_THERE_NOW.search(text or ""))


#: A day and month further ahead than this, said without a year, is the one just past.
_YEAR_AHEAD = 300


#: The stage said in doubt: "i think i have an order of deportation but i'm not sure", "no se si es corte
#: o ICE", "i dont know if its court or ice". Up front the stage is then asked, not taken.
_STAGE_DOUBT = re.compile(
    r"\b(?:i think|i believe|creo que|creo q|pienso que|parece que)\b[^.?!]{0,80}\b(?:but|pero)\b[^.?!]{0,12}?"
    r"(?:i'?m |im |i am )?(?:not (?:sure|certain)|no (?:estoy |toy |stoy )?segur[oa]|no se|no sé|idk|i (?:do ?n[o']?t|dont) know)\b"
    r"|\b(?:no se|no sé|no sabemos|ni se|idk|i (?:do ?n[o']?t|dont) know|(?:i'?m |im |i am )?not sure|no estoy segur[oa])"
    r" (?:if|whether|si) (?:it'?s|its|it is|es|era|it was|was|this is|esto es) (?:a |an |una? |el |la |the )?\w+(?: \w+)? (?:or|o)\b"
    r"|\b(?:(?:i'?m |im |i am )?not sure|no (?:estoy |toy )?segur[oa]|no se|no sé|i (?:do ?n[o']?t|dont) know) (?:if|whether|si) "
    r"(?:i|we|he|she|they|yo|tengo|tiene|tenemos|hay)\b[^.?!]{0,20}\b(?:order|orden|appeal|apelaci[oó]n)\b",
    re.IGNORECASE,
)


def _both_stages(text: str) -> bool:
    """"hearing on dec 3 and check in on dec 10": which one is meant is asked (an ankle monitor is no check-in date)."""
    t = _MONITOR.sub(" ", (text or "").lower())
    return all(p.search(t) for stage, p in _STAGE_PATTERNS if stage in ("hearing", "check_in"))


def _dated_stage(text: str) -> str | None:
    """The hearing or check-in a message with a notice to appear and a date speaks of, if any."""
    for stage, pattern in _STAGE_PATTERNS:
        if stage in ("check_in", "hearing") and pattern.search((text or "").lower()):
            return stage
    return None


_NOW_WORD = re.compile(r"\b(?:right now|now|ahora|ahorita)\b", re.IGNORECASE)


def _far_hearing(text: str, today: date) -> Dict[str, Any]:
    """"my next hearing is next September": the stage, and the time as said (weeks away, so not urgent)."""
    for sentence in _SENTENCE.split(text or ""):
        # the sentence, else its clauses ("salió con bond la semana pasada, ahora tiene court pero dicen
        # que hasta el próximo año": the week past is not the hearing's)
        clauses = _CLAUSE.split(sentence)
        for part in [sentence, *(" ".join(clauses[i:]) for i in range(1, len(clauses)))]:
            stage = removal_stage(part)
            stage = _dated_stage(part) if stage == "nta_no_date" else stage  # "the NTA says court in March"
            dated = dates.mentioned_date(_NOW_WORD.sub(" ", part), today)  # ("ahora tiene court": now is not the date)
            if stage in ("hearing", "check_in") and (dates.far_off(part, today) or dates.soon_vague(part)) and dated is None:
                return {"removal_stage": stage, "hearing_date": " ".join(part.split())[:200]}
        stage = removal_stage(sentence)
        # ("ya fui a mi cita de ICE la semana pasada ..., la proxima es en un año": the next one, as said)
        back = next((c for c in clauses if (_COME_BACK.search(c) or _NEXT_SAID.search(c)) and dates.far_off(c, today)
                     and dates.mentioned_date(c, today) is None), None)
        if stage in ("hearing", "check_in") and back:
            # "fui a mi check-in ayer y todo bien, me dijeron que regrese en un año": the last one
            # was yesterday; the next, as they were told
            return {"removal_stage": stage, "hearing_date": " ".join(back.split()).strip(" .")[:200]}
    return {}


#: The next visit an order keeps: "la proxima cita", "next check in", "me toca firmar".
_NEXT_VISIT_WORDS = re.compile(r"\b(?:cita|check[- ]?ins?|appointment|appt|firma\w*|report\w*|pr[oó]xima|next one|toca)\b", re.IGNORECASE)
_SUPERVISED = re.compile(r"\b(?:orden de supervisi[oó]n|order of supervision|supervision order)\b", re.IGNORECASE)


def _far_visit(text: str, today: date) -> str | None:
    """The next check-in of someone with an order, months away, in their words ("order of supervision,
    next check in is in june"), or None: the clause that says it."""
    if not _SUPERVISED.search(text or "") and not _CHECK_IN_WORDS.search(dates.plain(text or "")):
        return None
    found = [" ".join(clause.split()).strip(" .")[:200] for sentence in _SENTENCE.split(text or "") for clause in _CLAUSE.split(sentence)
             if _NEXT_VISIT_WORDS.search(clause) and dates.far_off(clause, today) and dates.mentioned_date(clause, today) is None]
    # ("i check in every 6 months, next one in may": the next one)
    return next((c for c in found if _NEXT_SAID.search(c)), found[0] if found else None)


_NEXT_SAID = re.compile(r"\b(?:next|pr[oó]xim[oa])\b", re.IGNORECASE)


#: Told to come back: "me dijeron que regrese en un año", "they said come back in 6 months".
_COME_BACK = re.compile(
    r"\b(?:regres\w*|vuelv\w*|volver|come back|return|check in again|report again|firmar otra vez|otra vez)\b", re.IGNORECASE)


_RELATIVE = situations.RELATIVE

#: Someone taken by immigration, said plainly: "ICE took my husband", "me quitaron a mi esposo ayer".
#: Handed to immigration by the police or a jail: "the police gave my son to ICE", "lo entregaron a la migra".
_HANDED_OVER = (r"\b(?:gave|handed|turned|transferred)\s+(?:him|her|them|(?:my|our) " + _RELATIVE + r")\s+(?:over\s+)?to\s+"
                r"(?:ice|immigration|la migra|cbp|border patrol)\b"
                r"|\b(?:lo|la|los|las)\s+(?:entreg[oó]|entregaron|pasaron|dieron)\s+(?:a|con)\s+(?:la\s+)?(?:ice|migra|inmigraci[oó]n|migraci[oó]n)\b")
_DETENTION_SAID = re.compile(
    r"\b(?:ice|la migra|migra|immigration|inmigraci[oó]n|cbp|border patrol|homeland security|dhs)\b[^.?!]{0,30}?"
    r"\b(?:took|taken|taking|detained|detaining|arrested|arresting|picked up|picked (?:him|her|them|us|me) up|grabbed|grabbing|handcuff\w*|se llev[oó]|se llevaron"
    r"|se (?:lo|la|los|las) (?:est[aá]n )?llevando|detuv\w*|deteniendo|arrestando|agarr\w*|cogi[oó]|cogieron)\b"
    # (not a body part or a thing held: "read a letter from ICE and grabbed her chest")
    r"(?! (?:(?:her|his|my|their|su|mi) )?(?:chest|heart|arm|head|stomach|hand|phone|bag|purse|keys|pecho|coraz[oó]n|brazo|cabeza|est[oó]mago|mano|celular|bolsa)\b)"
    # "a mi hermano se lo quedó la migra en el puesto", "lo bajaron del camión en el retén"
    r"|\bse (?:lo|la|los|las) (?:qued[oó]|quedaron) (?:la )?(?:migra|ice|inmigraci[oó]n|migraci[oó]n|patrulla|border patrol|cbp)\b"
    r"|\b(?:lo|la|los|las) bajaron del? (?:cami[oó]n|bus|autob[uú]s|carro|troca|van)\b[^.?!]{0,40}\b(?:ret[eé]n|migra|checkpoint|patrulla|puesto)\b"
    r"|\b(?:me quitaron|se llevaron|detuvieron|agarraron|cogieron|(?:ice|immigration) (?:took|detained|arrested|picked up))\s+(?:a\s+)?"
    r"(?:my|mi|mis|our|nuestro|nuestra)\s+" + _RELATIVE + r"\b"
    r"|\b(?:my|mi)\s+" + _RELATIVE + r"\s+(?:was|got|is|fue|est[aá])\s+(?:detained|detenid[oa]|arrested by (?:ice|immigration))\b"
    r"|\b(?:taken|detained|arrested|picked up|grabbed)\s+(?:\w+\s+){0,3}?(?:by|por)\s+(?:ice|immigration|la migra|cbp|border patrol)\b"
    # the agency after the verb: "a mi esposo lo detuvo ICE el miércoles", "se lo llevó la migra"
    r"|\b(?:(?:lo|la|los|las) (?:detuvo|detuvieron|arrest[oó]|arrestaron|agarr[oó]|agarraron)|se (?:lo|la|los|las) llev[oó])"
    r"\s+(?:la\s+)?(?:ice|migra|inmigraci[oó]n|migraci[oó]n|cbp|patrulla fronteriza|border patrol)\b"
    # "they just took my husband, ICE van, 5 min ago": the agency said after
    r"|\b(?:(?:they|agents?|officers?|immigration|la migra|migra)\s+(?:just\s+|already\s+)?(?:took|grabbed|picked up|arrested|detained|put)"
    r"|se llevaron a|agarraron a|detuvieron a|(?:se )?acaban de (?:llevar|detener|agarrar) a)\s+(?:my|our|mi|nuestro|nuestra)\s+"
    + _RELATIVE + r"\b[^.?!]{0,70}?\b(?:ice|la migra|migra|immigration|inmigraci[oó]n|cbp|border patrol|homeland security|dhs)\b"
    # held by them: "lo tiene la migra desde hace 5 dias", "ICE still has my son"
    r"|\b(?:lo|la|los|las) tienen? (?:la )?(?:migra|ice|inmigraci[oó]n|migraci[oó]n|cbp|patrulla fronteriza|border patrol)\b"
    r"|\b(?:ice|immigration|cbp|border patrol) (?:still )?(?:has|have|tiene) (?:him|her|them|(?:my|mi|our) " + _RELATIVE + r")\b"
    # the agency first in Spanish: "ICE lo tiene desde el lunes", "la migra todavia la tiene"
    r"|\b(?:ice|la migra|migra|inmigraci[oó]n|migraci[oó]n|cbp|la patrulla(?: fronteriza)?|border patrol)"
    r" (?:todav[ií]a |a[uú]n |ya )?(?:lo|la|los|las) tienen?\b"
    # taken at a border checkpoint (CBP, unnamed): "my dad got taken at the checkpoint yesterday",
    # "la detuvieron en el checkpoint de falfurrias", "lo cogieron en la guagua en el reten"
    r"|\b(?:got|was|were|been) (?:taken|detained|arrested|picked up|grabbed) at (?:the|a) (?:checkpoint|border|port of entry)\b"
    r"|\b(?:lo|la|los|las) (?:detuvieron|agarraron|cogieron|pararon y (?:se )?(?:lo|la) llevaron)\b[^.?!]{0,30}?"
    r"\b(?:checkpoint|ret[eé]n|garita|puesto de control)\b"
    # handed to immigration by the police or the jail: "the police gave my son to ICE", "lo entregaron a migración"
    r"|" + _HANDED_OVER +
    # moved from one detention centre to another: "they moved my husband AGAIN and the locator shows nothing"
    r"|\b(?:moved|transferred) (?:my|our) " + _RELATIVE + r"\b(?: again\b|[^.?!]{0,40}?\b(?:locator|facility|detention|center|centre))"
    r"|\b(?:lo|la|los|las) (?:movieron|trasladaron|cambiaron) (?:otra vez|de nuevo|dos veces|tres veces|de centro|a otro (?:centro|estado|lugar))"
    # held at the airport: "shes still at the airport with CBP", "they havent let her out"
    r"|\b(?:at|in) the (?:[a-z]+ )?airport with (?:cbp|customs|border patrol|immigration)\b"
    r"|\b(?:cbp|customs|border patrol|immigration)\b[^.?!]{0,40}?\b(?:have ?n[o']?t|have not|has ?n[o']?t|has not|won'?t|will not|dont|don'?t)"
    r" let (?:him|her|them) (?:out|go|leave)\b"
    r"|\b(?:migraci[oó]n|inmigraci[oó]n|ice|cbp|la migra|aeropuerto|airport)\b[^.?!]{0,60}?\bno (?:lo|la|los|las) (?:dejan|quieren dejar) salir\b"
    # handcuffed and taken: "a mi cuñado lo sacaron del trabajo esposado"
    r"|\b(?:lo|la|los|las) (?:sacaron|llevaron|subieron)\b[^.?!]{0,30}?\besposad[oa]s?\b"
    # went into the check-in hours ago and cannot be reached: "walked into her check in 3 hours ago and her phone is off"
    r"|\b(?:walked|went|got) (?:in|into|to) (?:her|his|their|my|the) (?:check[- ]?in|ice appointment|appointment at ice|ice office)\b"
    r"[^.?!]{0,20}?\b(?:\d+|two|three|four|five|six|several|a few|many) (?:hours?|hrs?)\b[^.?!]{0,15}?\bago\b"
    r"(?=[^?]{0,60}\b(?:phone is off|phone(?:'s| is)? (?:dead|off)|not answering|no answer|doesn'?t answer|hasn'?t (?:called|come|answered)|still (?:there|inside|in there)|no contesta)\b)"
    # kept at the check-in: "she didnt come out of her check in, its been 5 hours"
    r"|\b(?:did ?n[o']?t|did not|never|has ?n[o']?t|has not|hasn'?t|still has ?n[o']?t)\s+(?:come|came|walked|gotten|got)\s+(?:back\s+)?out\b"
    r"[^.?!]{0,40}?\b(?:check[- ]?in|appointment|interview|ice office|ice building)\b"
    r"|\b(?:check[- ]?in|appointment|ice office)\b[^.?!]{0,60}?\b(?:never|did ?n[o']?t|has ?n[o']?t|hasn'?t)\s+(?:come|came|walked)\s+(?:back\s+)?out\b"
    r"|\bno (?:ha salido|sali[oó]|lo dejaron salir|la dejaron salir) de (?:su|la|mi) (?:cita|entrevista)\b"
    r"|\b(?:se qued[oó]|lo dejaron|la dejaron|lo detuvieron|la detuvieron)\s+(?:detenid[oa]\s+|adentro\s+)?en (?:su|la) (?:cita|entrevista)\b",
    re.IGNORECASE,
)


#: Someone taken, said the way Spanish speakers tell an arrest with no agency named: "lo agarraron
#: saliendo del trabajo", "agarraron a mi esposo", "se lo llevaron ayer" ("they grabbed him").
_TAKEN_UNNAMED = re.compile(
    r"\b(?:(?:ya |ayer |hoy )?(?:lo|la|los|las) (?:agarraron|cogi[oó] (?:la migra|inmigraci[oó]n|migraci[oó]n|ice)|cogieron)"
    r"|agarraron a (?:mi|mis|nuestr[oa]s?) \w+"
    # "a mi hermano lo detuvieron en el aeropuerto", "detuvieron a mi papa"
    r"|(?:ya |ayer |hoy )?(?:lo|la|los|las) (?:detuvieron|arrestaron)|(?:detuvieron|arrestaron) a (?:mi|mis|nuestr[oa]s?) \w+"
    r"|se (?:lo|la|los|las) llevaron(?! (?:al|a la|a un|a una) (?:hospital|cl[ií]nica|doctor|escuela|iglesia|casa))"
    # happening now: "se están llevando a mi papá ahorita"
    r"|se (?:lo |la |los |las )?est[aá]n llevando a (?:mi|mis|nuestr[oa]s?) \w+"
    # just now: "se acaban de llevar a mi papa!!"
    r"|se (?:lo |la |los |las )?acaban? de llevar a (?:mi|mis|nuestr[oa]s?) \w+|acaban? de llevarse a (?:mi|mis|nuestr[oa]s?) \w+)\b",
    re.IGNORECASE)
#: An arrest happening now, with the agents named elsewhere in the message: "ICE is outside, they are
#: putting my brother in the van right now".
_TAKING_NOW = re.compile(
    r"\b(?:they(?:'re| are)|theyre)\s+(?:\w+\s+)?(?:arresting|taking|handcuffing|putting|cuffing|grabbing|dragging)\s+(?:my|our)\s+"
    + situations.RELATIVE + r"\b", re.IGNORECASE)
#: ... unless the takers are criminals: a kidnapping is danger (``bot.safety``), not a detention.
_KIDNAPPERS = re.compile(
    r"\b(?:rescate|ransom|secuestr\w*|kidnap\w*|pandill\w*|maras?|cartel|coyotes?|polleros?|narcos?|sicarios?|ladrones)\b",
    re.IGNORECASE)


def detention_said(text: str) -> bool:
    """Whether a message says plainly that someone was taken by immigration (not "took pills"):
    with the agency named, or in the Spanish words of an arrest with none ("lo agarraron",
    "se lo llevaron"), which this assistant hears in an immigration story."""
    t = text or ""
    return bool(_DETENTION_SAID.search(t) or (_TAKEN_UNNAMED.search(t) and not _KIDNAPPERS.search(t))
                or urgency.ICE_HOLD.search(t)  # "he has an ICE hold at the county jail": held in a jail for ICE
                or (_TAKING_NOW.search(t) and urgency.agents_named(t))
                # "mi esposo fue a firmar ayer como siempre y ya no salio": kept at the ICE check-in
                or (_KEPT_IN.search(t) is not None and removal_stage(t) == "check_in")
                # "iba cruzando por san ysidro y lo pasaron a secundaria y no lo han soltado": held at the port of entry
                or _HELD_AT_THE_PORT.search(t) is not None)


#: Held at a port of entry: "lo pasaron a secundaria y no lo han soltado", "they sent her to secondary and won't let her out".
_HELD_AT_THE_PORT = re.compile(
    r"\b(?:secundaria|secondary(?: inspection)?)\b[^.?!]{0,40}\b(?:no (?:lo|la|los|las) (?:han )?(?:soltad[oa]s?|soltaron|sueltan|dejan salir|han dejado salir)"
    r"|(?:won'?t|wont|will not|haven'?t|have not|did ?n[o']?t) (?:let|released?) (?:him|her|them)|still (?:there|holding|has))"
    # "stopped at the Houston airport 2 days ago ... they are still holding him", "lo tienen en el aeropuerto"
    r"|\b(?:airport|aeropuerto)\b[^.?!]{0,80}\b(?:(?:still|are|is) (?:holding|keeping) (?:him|her|them)|(?:won'?t|wont|will not) let (?:him|her|them)"
    r"|no (?:lo|la|los|las) (?:sueltan|dejan salir|han soltado))"
    r"|\b(?:holding|keeping|tienen) (?:him|her|them|a mi \w+) (?:at|en) (?:the |el )?(?:\w+ )?(?:airport|aeropuerto)\b"
    # "stopped my wife at the peace arch crossing ... theyre still holding her inside", "en el puente no la dejan pasar ni salir"
    r"|\b(?:crossing|port of entry|bridge|border|puente|garita|frontera)\b[^.?!]{0,80}\b(?:(?:still|are|is) (?:holding|keeping) (?:him|her|them)"
    r"|(?:won'?t|wont|will not) let (?:him|her|them) (?:go|out|leave)|no (?:lo|la|los|las) (?:sueltan|dejan salir|han soltado))", re.IGNORECASE)
#: Kept where they went in: "ya no salio", "never came out", "lo dejaron adentro".
_KEPT_IN = re.compile(
    r"\b(?:(?:ya )?no (?:ha )?sali[oó]|nunca sali[oó]|never came (?:back )?out|did ?n[o']?t come (?:back )?out|has ?n[o']?t come out"
    r"|(?:lo|la|los|las) dejaron adentro|no (?:lo|la|los|las) dejaron salir|(?:they )?kept (?:him|her|them)(?! waiting)"
    # "they just came out and told me she is not coming out", "me dijeron que ya no va a salir"
    r"|(?:is|isn'?t|is not|are|aren'?t|are not) (?:not )?(?:coming|getting) (?:back )?out|won'?t be (?:coming|getting) out|no va a salir)\b",
    re.IGNORECASE)


#: Beside a check-in, a friend or someone told of, or the visitor's own check-in ("my check in was last week"): the one
#: kept there is not plainly the one whose check-in was told.
_SOMEONE_ELSES_CHECK_IN = re.compile(r"\b(?:" + situations.NOT_FAMILY + "|" + situations.TOLD_OF + r")\b"
                                     r"|\b(?:my|mi) (?:ice )?(?:check ?-?in|cita|appointment)\b", re.IGNORECASE)


#: "my friend got detained at his check-in": someone else's detention, told as the reason for fear.
_OTHERS_DETAINED = re.compile(
    r"\b" + situations.NOT_FAMILY + r"\b[^.?!]{0,25}?"
    r"\b(?:detained|arrested|taken|picked up|kept|held|deported|detenid[oa]s?|agarrad[oa]s?|deportad[oa]s?|(?:lo|la) (?:detuvieron|agarraron|dejaron adentro))\b"
    # "last time they kept my friend when he went": the verb first
    r"|\b(?:kept|detained|arrested|took|picked up|held|dejaron (?:detenid[oa] )?a|detuvieron a|agarraron a)\s+(?:my|a|mi|un|una|su|his|her)\s+"
    + situations.NOT_FAMILY + r"\b",
    re.IGNORECASE)


#: "ICE took my neighbor this morning", "se llevaron a mi vecino": someone not of the family taken.
_OTHERS_TAKEN = re.compile(
    r"\b(?:took|taken|detained|arrested|picked up|grabbed|se llevaron|detuvieron|agarraron|arrestaron|deportaron)\s+(?:a\s+)?"
    r"(?:my|mi|our|nuestr[oa]|the|el|la|a|some|unos|unas|two|three|dos|tres|all the|todos los)?\s*(?:\w+\s+)?" + situations.NOT_FAMILY + r"\b",
    re.IGNORECASE)
_NOT_FAMILY = re.compile(r"\b" + situations.NOT_FAMILY + r"\b", re.IGNORECASE)
#: People at large taken: "la migra esta agarrando gente en todos lados", "they're picking up people everywhere".
_PEOPLE_TAKEN = re.compile(
    r"\b(?:agarrando|llevando|deteniendo|arrestando|levantando|recogiendo|picking up|arresting|taking|grabbing|detaining)\s+(?:a\s+)?"
    r"(?:gente|people|personas|todos|everyone|everybody|a todo el mundo|immigrants|inmigrantes)\b", re.IGNORECASE)
#: People counted as taken in a raid: "se llevaron a 3 personas", "took 5 workers", "arrested several guys".
_PEOPLE_COUNTED_TAKEN = re.compile(
    r"\b(?:took|arrested|detained|grabbed|picked up|se llevaron|detuvieron|agarraron|arrestaron)\s+(?:a\s+)?"
    r"(?:\d{1,3}|two|three|four|five|six|several|some|many|a few|a lot of|dos|tres|cuatro|cinco|seis|varias|varios|muchas|muchos|unas|unos)\s+"
    r"(?:\w+\s+)?(?:personas|people|workers|trabajadores|guys|men|women|hombres|mujeres|vecinos|neighbors|neighbours|compa[nñ]eros|coworkers"
    # strangers: "se llevaron a dos que no conozco", "took two guys i dont even know"
    r"|(?:que|q) no (?:conozco|conocemos|conocia|conociamos)|(?:i|we) (?:do ?n[o']?t|dont|never) (?:even )?know)\b",
    re.IGNORECASE)
#: ... and someone of the family taken: "took my husband", "se llevaron a mi esposo".
_KIN = r"\s+(?:\w+\s+)?(?:" + situations.RELATIVE + r"|pareja|suegr[oa])\b"
_A_RELATIVE = re.compile(r"\b(?:my|mi|our|nuestr[oa])" + _KIN, re.IGNORECASE)
_FAMILY_TAKEN = re.compile(
    r"\b(?:took|taken|detained|arrested|picked up|grabbed|se llevaron|detuvieron|agarraron|arrestaron|(?:lo|la) (?:detuvieron|agarraron))\s+"
    r"(?:a\s+)?(?:my|mi|our|nuestr[oa]|his|her|su)" + _KIN
    # one person, taken by the agents: "his coworker said la migra took him at the job site"
    + r"|\b(?:ice|la migra|migra|immigration|inmigraci[oó]n|cbp|border patrol)\s+(?:took|picked up|grabbed|arrested|detained)\s+(?:him|her)\b"
    # the relative first: "mi papa got arrested por ICE esta mañana", "my husband was detained by ICE"
    r"|\b(?:my|mi|our|nuestr[oa])" + _KIN + r"\s+(?:\w+\s+)?(?:got|was|were|fue|is|esta|está)\s+(?:arrested|detained|taken|picked up|grabbed|detenid[oa]|arrestad[oa])\b"
    # "a mi hermano lo agarró ICE el fin de semana"
    r"|\b(?:a\s+)?(?:mi|nuestr[oa])" + _KIN + r"\s+(?:lo|la)\s+(?:agarr[oó]|detuvo|cogi[oó]|arrest[oó]|agarraron|detuvieron)\b",
    re.IGNORECASE)


#: A call to the agents still to come: "he said he will call immigration on me", "amenaza con llamar a la migra".
_THREAT_AHEAD = re.compile(r"\b(?:will|would|gonna|going to|threaten\w*|amenaz\w*|va a|van a|if (?:i|we)|si (?:no|lo|la|me|le))\b",
                           re.IGNORECASE)


def relative_taken(text: str) -> bool:
    """Whether someone of the family was taken by immigration: "se llevaron a mi esposo" with the
    agents named or an arrest told ("they just took my dad ... the agents are still outside")."""
    t = text or ""
    return bool(_FAMILY_TAKEN.search(t)) and (detention_said(t) or urgency.agents_named(t))


def others_taken(text: str) -> bool:
    """Whether the only people a message says were taken are not the visitor's family (a neighbour,
    a coworker, "gente en todos lados"): ICE activity around the visitor, not a detention of theirs."""
    t = text or ""
    if _FAMILY_TAKEN.search(t):
        return False
    if _OTHERS_TAKEN.search(t) or _OTHERS_DETAINED.search(t) or _PEOPLE_TAKEN.search(t) or _PEOPLE_COUNTED_TAKEN.search(t):
        return True
    # "ICE fue a la casa del vecino esta mañana y se lo llevaron": the neighbour named, then taken, and no one of the family
    return bool(_NOT_FAMILY.search(t)) and detention_said(t) and not situations.A_RELATIVE.search(t)


def someone_else_kept(text: str) -> bool:
    """Whether the one kept at a check-in is a friend, before the visitor's own step ("el viernes tengo q ir
    a firmar a ICE y mi amiga fue la semana pasada y la dejaron ahi"): the visitor's case, not a detention."""
    t = text or ""
    # (a relative told of by a loose word is one of many: "es que a un primo lo dejaron adentro cuando fue a firmar")
    whose = (bool(_NOT_FAMILY.search(t)) and not situations.A_RELATIVE.search(t)) or bool(_TOLD_OF.search(t))
    return bool(situations.keeping_told(t) or _KEPT_IN.search(t)) and whose and bool(_MY_OWN_STEP.search(t))


#: Someone told of by a loose word: "a un primo", "a guy", "someone".
_TOLD_OF = re.compile(r"\b(?:" + situations.TOLD_OF + r")\b", re.IGNORECASE)


def own_case_not_a_detention(text: str) -> bool:
    """Whether a message read as a detention is about the visitor's own coming court or
    check-in, the detention being over ("let him out on bond last week, now he has court")
    or someone else's told as the reason for fear ("my friend got detained at his")."""
    t = text or ""
    kept = situations.kept_at_appointment(t)
    others_kept = someone_else_kept(t) or bool(_STRANGER_AHEAD_TAKEN.search(t))
    if removal_stage(t) not in ("hearing", "check_in") or _STILL_HOLDING.search(t) or _HELD_SINCE.search(t) or (kept and not others_kept):
        # ("they released my mom but they are still holding my dad": he is held, as is "mi roommate esta detenido since
        # last week en Otay Mesa ... tiene su court date pronto"; "they kept my dad at his ICE
        # check in this morning ... every year they let him go": kept this time)
        return False
    return bool(situations.RELEASED.search(t) or _OTHERS_DETAINED.search(t) or others_kept
                or (_FEAR_OF_DETENTION.search(t) and not detention_said(t)))


#: Someone else in the line taken at the visitor's own check-in: "they just took the man before me to the back".
_STRANGER_AHEAD_TAKEN = re.compile(
    r"\b(?:took|taken|kept|detained|arrested|se llevaron a|agarraron a|dejaron a)\s+(?:a\s+)?(?:the|a|el|la|un|una)\s+"
    r"(?:man|woman|guy|lady|person|people|señor|senor|señora|senora|muchacho|muchacha|hombre|mujer|persona)\s+"
    r"(?:before|ahead of|in front of|after|next to|antes de|delante de|enfrente de|al lado de)\s+(?:me|mi|m[ií])\b", re.IGNORECASE)


#: A wedding still to come: "nos queremos casar", "quiero casarme", "we want to get married", "after the wedding".
_TO_MARRY = re.compile(r"\b(?:(?:quiero|queremos|vamos a|pensamos) casar(?:me|nos)|nos queremos casar|(?:want|wants|going|plan|planning)"
                       r" (?:to )?(?:get )?marr(?:y|ied)|getting married|(?:despu[eé]s de|after) (?:la boda|the wedding))\b", re.IGNORECASE)
#: The visitor's own coming step: "el viernes tengo q ir a firmar", "my check in is monday", "mi cita".
_MY_OWN_STEP = re.compile(
    r"\b(?:tengo (?:q|que) (?:ir a )?(?:firmar|reportarme|presentarme)|me toca (?:firmar|ir|reportarme)|i have (?:to go to )?(?:my )?(?:check-?in|court)"
    r"|i have to (?:report|sign)|my (?:check-?in|court|hearing|appointment)|mi (?:cita|corte|audiencia|firma|check-?in)"
    # "i go to the same office in 9 days", "yo voy a la misma oficina el lunes"
    r"|i (?:go|report|have to go|check in) (?:to|at) the same (?:office|place)|(?:yo )?(?:voy|tengo que ir|me reporto) a la misma oficina"
    # the relative the visitor writes for: "he has an ICE check in this thursday"
    r"|(?:he|she) has (?:an? |his |her )?(?:ice )?(?:check-?in|court|hearing|appointment))\b", re.IGNORECASE)
#: The agents still holding someone: "they released my mom but they are still holding my dad".
_STILL_HOLDING = re.compile(r"\b(?:still|are|is) holding (?:him|her|them|my \w+)\b", re.IGNORECASE)
#: A detention feared at a coming check-in or court, not one that happened: "scared they keep me
#: this time", "la pueden dejar detenida?".
_FEAR_OF_DETENTION = re.compile(
    r"\b(?:scared|afraid|worried|fear|miedo|preocupad[oa]|can they|could they|will they|would they|if they|pueden|podrian|van a)\b"
    r"[^.?!]{0,30}?\b(?:keep|detain|arrest|take|lock up|hold)\s+(?:me|him|her|us|them)\b"
    r"|\b(?:(?:me|lo|la|nos|los) (?:pueden|podrian|van a)|(?:pueden|podrian|van a)) (?:dejar detenid[oa]s?|detener(?:me|lo|la|nos)?|arrestar(?:me|lo|la)?|quedar(?:me|se)?)\b",
    re.IGNORECASE)


#: Afraid that getting help (911, an ambulance, a hospital, the police) brings immigration: "no queremos
#: llamar ambulance porque no tiene papeles, can they report him??", "can the hospital report her to ICE?".
_SEEKING_HELP = (r"(?:911|ambulanc\w*|hospital|emergency room|clinic|cl[ií]nica|doctor|police|cops?|polic[ií]a"
                 r"|emergencias|sala de emergencia)")
_IMMIGRATION_WORDS = r"(?:ice|immigration|inmigraci[oó]n|migraci[oó]n|la migra|migra|papers|papeles|status|undocumented|indocumentad[oa]s?)"
_SEEKING_HELP_RX = re.compile(r"\b" + _SEEKING_HELP + r"\b", re.IGNORECASE)
_IMMIGRATION_OR_REPORT_RX = re.compile(r"\b(?:" + _IMMIGRATION_WORDS + r"|report\w*|reportar\w*)\b", re.IGNORECASE)
_AFRAID_OF_HELP = re.compile(
    r"\b(?:afraid|scared|fear|miedo|no (?:queremos|quiere|quiero)|(?:do|does|did) ?n[o']?t want|won'?t|wont|doesnt want|dont want)\b"
    r"[^.?!]{0,40}?\b(?:call\w*|llamar\w*|go(?:ing)? to|ir al?|take (?:him|her|them) to|llevarl[oa] al?)\s+(?:the |an |al? |la |el )?"
    + _SEEKING_HELP + r"\b[^?!]{0,60}?\b(?:because|bc|cause|porque|por|of|since|ya que)\b[^.?!]{0,30}?\b" + _IMMIGRATION_WORDS + r"\b"
    # "can the hospital report her to ICE?", "can they report him??"
    r"|\b(?:can|could|will|would|pueden|puede|van a)\s+(?:they|the \w+|ellos|los del? \w+)\s+(?:report|call|reportar\w*|llamar\w*|avisar\w*)"
    r"\s+(?:him|her|them|me|us|lo|la|los)\b",
    re.IGNORECASE)


def afraid_help_brings_immigration(text: str) -> bool:
    """Whether a message is afraid that calling 911, an ambulance, a hospital or the police brings
    immigration: a know-your-rights question (``enforcement``) beside the emergency."""
    t = text or ""
    if not _SEEKING_HELP_RX.search(t) or not _IMMIGRATION_OR_REPORT_RX.search(t):
        return False
    return bool(_AFRAID_OF_HELP.search(t))


_BOND_HEARING = re.compile(r"\b(?:bond hearing|bond court|audiencia de (?:fianza|bond)|corte de fianza)\b", re.IGNORECASE)


def matter_told(situation: str | None, text: str) -> str | None:
    """The matter a message read as ``situation`` tells, with what the classifier reads
    wrongly corrected: someone deported in the past, to bring back, is a family matter;
    a detention that is over, or someone else's, beside one's own court is removal."""
    told = _matter_told(situation, text)
    if told == "detention" and situation != "detention" and situations.NOT_HELD_SAID.search(text or ""):
        return situation  # "el no esta detenido pero no tiene abogado": said not to be held
    return told


#: Who threatens to call immigration, when not family: a landlord, a boss, a neighbour (a partner's threat is leverage).
#: (not a boss: a worker's passport kept and pay withheld is trafficking, the visitor's own way)
_NOT_KIN_THREATENS = re.compile(r"\b(?:landlord|neighbou?r|casero|casera|vecin[oa]|(?:due[nñ][oa]|owner) (?:del?|of the) (?:departamento|apartamento|casa"
                                r"|apartment|house|building|trailer|traila|edificio))\b", re.IGNORECASE)
#: The oath of citizenship: "me toca el juramento", "my oath ceremony is next week".
_OATH = re.compile(r"\b(?:juramento|oath(?: ceremony)?|ceremonia de (?:ciudadan[ií]a|naturalizaci[oó]n))\b", re.IGNORECASE)
#: A resident's long trip abroad, asked about: "me quiero ir a guatemala como 8 meses, pierdo la green card?".
_TRIP_ABROAD_WITH_CARD = re.compile(
    r"(?=.*\b(?:green card|residencia|residente|resident|la mica)\b)(?=.*\b(?:\d{1,2}|un|una|dos|tres|seis|ocho|diez|several|six|eight|ten) (?:meses|months|a[nñ]os?|years?)\b)"
    r".*\b(?:me (?:quiero|voy a) ir|irme|ir(?:me)? (?:pa|para|a)|viajar|travel\w*|trip|leave the (?:us|country)|salir del pa[ií]s|stay abroad)\b",
    re.IGNORECASE)
#: Married to someone: "me casé con un dominicano", "i married a us citizen", "my husband is a citizen".
_MARRIED_TO = re.compile(
    r"\b(?:me cas[eé]|nos casamos|estoy casad[oa]|(?:i|we) (?:got )?married|i'?m married|(?:my|mi) (?:husband|wife|esposo|esposa|spouse)"
    r" (?:is|es) (?:a |an |un |una )?(?:us |u\.s\. )?(?:citizen|ciudadan[oa]|resident|residente))\b", re.IGNORECASE)
#: ... and papers to be fixed for one of them: "fix his status", "arreglarle los papeles", "get her a green card".
_STATUS_FIXED = re.compile(
    r"\b(?:fix|get|adjust|arreglar|arreglarle|arreglarme|sacar|sacarle)\s+(?:his|her|my|our|su|sus|mis|los|el|la)?\s*"
    r"(?:status|papers|papeles|estatus|green card|residencia|documentos)\b", re.IGNORECASE)
#: A waiver for a spouse's petition: "necesito un perdón", "the i-601a", "a pardon for entering without a visa".
_WAIVER = re.compile(r"\b(?:perd[oó]n|waiver|pardon|i-?601a?|green card|residencia|arreglar\w*|fix (?:my|our) (?:status|papers))\b", re.IGNORECASE)
#: A citizen son or daughter (who can petition for a parent): "mi hijo ya es citizen", "my daughter became a citizen".
_CITIZEN_CHILD = re.compile(r"\b(?:my|mi) (?:hij[oa]|son|daughter|oldest|mayor)\b[^.,]{0,15}?\b(?:is|es|ya es|became|se hizo|just became|is now)"
                            r" (?:a |an |un |una )?(?:us |u\.s\. |american )?(?:citizen|ciudadan[oa])\b", re.IGNORECASE)
#: Parting from the spouse: "we are separating", "nos estamos divorciando".
_PARTING = re.compile(r"\b(?:separat\w*|divorc\w*|separad[oa]s?|separ[aá]ndonos|left me|me dej[oó])\b", re.IGNORECASE)
#: The visitor's own naturalisation (and a spouse's with them): "queremos hacernos ciudadanos", "we both want to
#: become citizens", "apply for our citizenship".
_OWN_NATURALISATION = re.compile(
    r"\b(?:hacerme|hacernos|hacerse|volverme|volvernos) ciudadan[oa]s?\b|\b(?:we|i) (?:both )?(?:want|would like|need) to become (?:us |u\.s\. )?citizens?\b"
    r"|\bapply(?:ing)? for (?:my|our) citizenship\b|\b(?:sacar|pedir) (?:mi|nuestra) ciudadan[ií]a\b|\bn-?400\b", re.IGNORECASE)
#: ... and a petition for someone, which keeps a family matter: "pedir a mi mamá", "file for my wife".
_A_PETITION_FOR = re.compile(
    r"\b(?:pedir(?:le)?|arreglar(?:le)?|reclamar|petition(?:ing)?|sponsor(?:ing)?|file for|bring)\s+(?:a\s+)?(?:my|mi|mis|our|nuestr[oa]s?)\b", re.IGNORECASE)


def _matter_told(situation: str | None, text: str) -> str | None:
    if situation in (None, "other") and _CLAIM_A_RELATIVE.search(text or ""):
        # "quiero reclamar a mi mamá que está en cuba": "reclamar" is to petition for her, in Cuban Spanish
        return "family"
    if situation == "family" and _PROOF_OF_CITIZENSHIP.search(text or ""):
        # "my son was born in the philippines and I'm a US citizen ... how do we get proof he's a citizen?": a
        # citizenship a child already has through a parent (a certificate, an N-600), not a petition
        return "citizenship"
    if situation in (None, "other") and _OATH.search(text or ""):
        # "me toca el juramento en quince dias pero perdi la green card": the naturalisation, whatever the ask
        return "citizenship"
    if situation == "family" and _TRIP_ABROAD_WITH_CARD.search(text or "") and not _A_PETITION_FOR.search(text or ""):
        # "soy residente y me quiero ir a guatemala a cuidar a mi mom como unos 8 meses, pierdo la green card?": a trip
        return "other"
    if situation == "humanitarian" and urgency.threat_to_call_agents(text or "") and _NOT_KIN_THREATENS.search(text or "") \
            and not situations.program_named(text) and not detention_said(text or "") and safety.detect(text or "") is None:
        # "el dueño del departamento me esta amenazando con llamar a ICE si no me salgo": know-your-rights
        return "enforcement"
    if situation in (None, "other") and _MARRIED_TO.search(text or "") and _STATUS_FIXED.search(text or ""):
        # "me casé con un dominicano que está aquí sin papeles, I want to fix his status": a spouse's petition
        return "family"
    if situation == "humanitarian" and _MARRIED_TO.search(text or "") and _WAIVER.search(text or "") \
            and not situations.program_named(text) and not _PARTING.search(text or "") and safety.detect_wide(text or "") is None:
        # "mi husband es ciudadano pero yo entré sin visa, me dijeron que necesito un perdón": the spouse's petition,
        # with a waiver (not a partner's abuse, nor a parting: those are the visitor's own way)
        return "family"
    if situation == "humanitarian" and _CITIZEN_CHILD.search(text or "") and _WAIVER.search(text or "") \
            and safety.detect_wide(text or "") is None:
        # "tengo TPS ... quiero saber si puedo sacar la green card porque mi hijo ya es citizen y tiene 25": an adult
        # citizen child's petition (the program is the status they hold now)
        return "family"
    if situation == "family" and _OWN_NATURALISATION.search(text or "") and not _A_PETITION_FOR.search(text or ""):
        # "mi esposo y yo ya tenemos diez años de residentes y queremos hacernos ciudadanos juntos": their own
        # naturalisation, the spouse beside them
        return "citizenship"
    if situation == "removal" and situations.back_after_deportation(text):
        return "family"
    if situation == "detention" and situations.back_after_deportation(text) and not _HELD_NOW.search(text or "") \
            and not situations.STILL_HELD.search(text or ""):
        # "a mi novio lo deportaron hace 3 meses ... quiero saber si lo puedo pedir": nobody held now
        return "family"
    if (situation in (None, "other", "enforcement", "family") or (situation == "removal" and _IN_THERE_NOW.search(text or ""))) \
            and _SOMEONE_AT_A_FACILITY.search(text or "") and facilities.facility_in(text or "") \
            and not situations.RELEASED.search(text or ""):
        # "my son was at the Port Isabel place but today his name comes up somewhere else", "my friend
        # called from a place called delaney hall": someone in a detention facility
        return "detention"
    if situation in (None, "other", "family", "citizenship", "humanitarian") and _HELD_AT_ENTRY.search(text or "") \
            and not situations.RELEASED.search(text or ""):
        # "CBP has had him in secondary inspection at JFK for 6 hours": held at the port of entry now
        return "detention"
    if situation in (None, "other") and _TAKEN_AWAY.search(text or ""):
        # "my girlfriend was taken at the airport coming back from her grandma's funeral"
        return "detention"
    if situation in ("humanitarian", "family", "employment", "citizenship") and _FAMILY_TAKEN.search(text or "") \
            and (detention_said(text or "") or _HELD_NOW.search(text or "")) \
            and (situations.taken_lately(text) or (_HELD_NOW.search(text or "") and situations.LATELY.search(text or ""))) \
            and not situations.RELEASED.search(text or "") and not situations.DEPORTED_ALREADY.search(text or "") \
            and not situations.NO_HOLD.search(text or ""):
        # "se llevaron a mi esposo hoy en la mañana, y yo tengo DACA": someone held now comes before
        # the visitor's own papers (the detention is pressing; the program is told in the details)
        return "detention"
    if situation in (None, "other", "removal", "enforcement") and _ARRESTED_AT_COURT.search(text or "") \
            and not situations.RELEASED.search(text or ""):
        # "my son went to his court like they told him and they arrested him right there in the hallway"
        return "detention"
    if situation == "detention" and own_case_not_a_detention(text):
        return "removal"
    if situation == "detention" and situations.RELEASED.search(text or "") and not situations.STILL_HELD.search(text or "") \
            and not _HELD_NOW.search(text or "") and (removal_stage(text) in STEPS or "removal_imminent" in urgency.text_signals(text)):
        # "they released my mom from detention last month, she has court in october", "su deportacion ya esta
        # programada ... pero lo dejaron ir a la casa": out, and the case goes on
        return "removal"
    step_of_removal = _SURRENDER.search(text or "") or _PAPERS_FOR_REMOVAL.search(text or "") or urgency.ticket_to_leave(text) or (
        situation == "detention" and removal_stage(text) in ("hearing", "check_in") and not _HELD_SINCE.search(text or "")
        and not _BOND_HEARING.search(text or ""))
    if situation in ("detention", "enforcement") and step_of_removal and not urgency.agents_at_hand(text or "") \
            and not _anyone_held(text or ""):
        # "the man from ICE said they are coming to get him if he doesnt turn himself in by wednesday", "he has
        # to go to ICE in 3 days": the removal case's step, nobody held
        return "removal"
    if situation == "detention" and _MISSED_BY_AGENTS.search(text or "") and not detention_said(_MISSED_BY_AGENTS.sub(" ", text or "")) \
            and not _HELD_NOW.search(text or ""):
        # "ICE showed up at my husbands job asking for him by name, he wasnt there. he has an order": nobody taken
        return "removal" if removal_stage(text) in STEPS or _AN_ORDER.search(text or "") else "enforcement"
    if situation == "detention" and removal_stage(text) == "removal_order" and _NEVER_PURSUED.search(text or "") \
            and not detention_said(text or "") and not _HELD_NOW.search(text or "") and not situations.taken_lately(text) \
            and not facilities.facility_in(text or ""):
        # "my abuelo has a deportation from the 90s, he never left and nobody ever came for him": an
        # old order nobody enforced, nobody held
        return "removal"
    if situation == "detention" and urgency.threat_to_call_agents(text or "") and _THREAT_AHEAD.search(text or "") \
            and not detention_said(text or "") and not _HELD_NOW.search(text or "") and not facilities.facility_in(text or "") \
            and not situations.taken_lately(text):
        # ("they took my brother this morning ... the owner ... thinks we called ice on him": someone taken)
        # "when i complained he said he will call immigration on me": a threat, nobody held
        return "enforcement"
    if situation == "removal" and others_taken(text) and situations.FOR_THEMSELF.search(text or "") and not _HELD_NOW.search(text or "") \
            and situations.DEPORTED_ALREADY.search(text or "") \
            and removal_stage(situations.DEPORTED_ALREADY.sub(" ", text or "")) in (None, "unknown"):
        # "a mi amiga la detuvieron y la deportaron la semana pasada ... qué puedo hacer para protegerme?": a friend's
        # removal carried out, and the visitor's fear of ICE; no case of theirs
        return "enforcement"
    if situation == "detention" and _PEOPLE_COUNTED_TAKEN.search(text or "") and not _A_RELATIVE.search(text or "") \
            and not _ACTING_FOR_THEM.search(text or "") and not _HELD_NOW.search(text or ""):
        # "la migra llegó al trailer park esta mañana y se llevaron a 3 personas": a raid near them, nobody of theirs
        return "enforcement"
    if situation == "detention" and others_taken(text) and situations.FOR_THEMSELF.search(text or "") and not _HELD_NOW.search(text or ""):
        # "ICE took my neighbor this morning and now my cuñado says he will call them on me": ICE around them
        return "enforcement"
    if situation == "enforcement" and _STILL_HAVE.search(text or "") and not urgency.agents_at_hand(text or "") \
            and not situations.RELEASED.search(text or "") and urgency.agents_named(text or ""):
        # "my husband got stopped by border patrol at the checkpoint 2 days ago and they still have him": held
        return "detention"
    if situation == "humanitarian" and _STILL_HAVE.search(text or "") and _AT_THE_BORDER_OR_AGENTS.search(text or "") \
            and not situations.RELEASED.search(text or ""):
        # "turned himself in at the border in Nogales to ask asylum 10 days ago and they still have him": held, whatever he asks
        return "detention"
    if situation in ("humanitarian", "removal") and situations.held_in_a_jail(text):
        # "He's in the Hudson County jail for ICE since saturday, and I have my own asylum case": someone held comes first
        return "detention"
    if situation in (None, "other", "enforcement") and re.search(_HANDED_OVER, text or "", re.IGNORECASE) \
            and not situations.RELEASED.search(text or ""):
        return "detention"  # "the police gave my son to ICE, can they do that?": held by immigration now
    if situation == "enforcement" and relative_taken(text) and not situations.RELEASED.search(text or ""):
        # "se llevaron a mi esposo de la casa hace una hora y todavia hay una troca en la esquina", "they just took
        # my dad 20 minutes ago and the agents are still outside": he is held
        return "detention"
    if situation == "enforcement" and (urgency.ICE_HOLD.search(text or "") or (
            _TAKEN_UNNAMED.search(text or "") and _A_RELATIVE.search(text or ""))) and not urgency.agents_at_hand(text or ""):
        # "he has an ICE hold at the county jail", "mi hijo q lo cogio inmigracion en el trabajo": held, agents gone
        return "detention"
    if situation == "removal" and BOND_DENIED.search(text or "") and not situations.RELEASED.search(text or "") \
            and not situations.DEPORTED_ALREADY.search(text or "") and not others_taken(text):
        return "detention"  # "hes been in there 2 months already and the judge denied bond last week": held
    if situation == "removal" and _KEPT_IN.search(text or "") and removal_stage(text) == "check_in" \
            and not situations.RELEASED.search(text or "") and not someone_else_kept(text):
        return "detention"  # "fue a firmar ayer como siempre y ya no salio": kept at the check-in
    if situation == "removal" and (_HELD_NOW.search(text or "") or (situations.taken_lately(text) and (
            not others_taken(text) or _ACTING_FOR_THEM.search(text or "")))) \
            and not situations.RELEASED.search(text or "") and not situations.DEPORTED_ALREADY.search(text or ""):
        # (not a friend's taking told as the reason to fear one's own check-in: "they took my friend last week")
        # "my brother has been in detention 2 months and every hearing gets postponed", "my dad is detained in
        # louisiana and has a hearing next week", "el juez le dio deportacion en 2019 y lo cogieron hace 3 dias":
        # held, with hearings
        return "detention"
    if situation == "removal" and _IN_CUSTODY_NOW.search(text or "") and not situations.RELEASED.search(text or "") \
            and not situations.DEPORTED_ALREADY.search(_REMOVED_BEFORE.sub(" ", text or "")) and not others_taken(text) \
            and not someone_else_kept(text):
        # "mi papá está en la cárcel del condado ... por ICE y su primera corte es el jueves", "the judge ordered
        # him deported from the detention in otay mesa", "they kept him right there at the courthouse": held now
        return "detention"
    if situation == "removal" and _BOND_HEARING.search(text or "") and not situations.RELEASED.search(text or ""):
        # a bond hearing is held for someone in custody: "la audiencia de fianza de mi papa es mañana"
        return "detention"
    if situation == "removal" and situations.program_named(text) and removal_stage(text) in (None, "unknown") \
            and not urgency.agents_named(text) and not called_to_report(text):
        # (not "my mom got a letter from ice saying she has to report ... im on daca myself": her report is the matter)
        # "me llego un email q me terminaron el parole, dice q me tengo q ir del pais": the program's matter
        return "humanitarian"
    if situation == "enforcement" and situations.program_named(text) and not urgency.agents_named(text):
        # "the teacher asked if she has papers, we want to see about daca": a program asked
        # about, with no agents in the story
        return "humanitarian"
    if situation == "enforcement" and situations.program_named(text) and _RENEWING.search(text or "") \
            and not urgency.agents_at_hand(text) and not _anyone_held(text or "") and not urgency.removal_signs(text):
        # "my DACA expires in 4 months. there was an ICE raid at my job last week but I wasn't on shift. is it
        # safe to renew?": the raid is the worry, the program's renewal the matter
        return "humanitarian"
    stage = removal_stage(text)
    if situation == "enforcement" and (stage == "check_in" or (stage == "hearing" and not _WARRANT.search(text or ""))) \
            and not urgency.agents_at_hand(text) and not urgency.threat_to_call_agents(text):
        # "my ICE appointment is tomorrow at 9 am, should i even go?": the removal case's own step
        return "removal"
    if situation in ("family", "other", "detention") and situations.RELEASED.search(text or "") and _ON_BOND.search(text or "") \
            and not _CASE_OVER_OR_PETITION.search(text or ""):
        # "a mi hijo lo soltaron con fianza la semana pasada, ¿ahora qué sigue?": the case goes on in court
        return "removal"
    if situation == "enforcement" and (stage == "removal_order" or _AN_ORDER.search(text or "")) and urgency.order_sought(text) \
            and not urgency.agents_at_hand(text):
        # "vinieron los de ICE buscando a mi husband, el tiene orden de deportacion ... se fueron": the
        # order is the case, and agents came for it
        return "removal"
    if situation == "humanitarian" and removal_stage(text) == "hearing" and _COURT_DATE_SOON.search(text or "") \
            and not _INTERVIEW.search(text or "") and not _NOT_IN_COURT.search(text or ""):
        # "en 5 dias es mi audiencia y no encuentro los papeles de mi asilo": asylum before the judge, the removal case
        return "removal"
    if situation in ("family", "other", "humanitarian") and urgency.removal_signs(text) and not detention_said(text):
        # "the officer told my husband to go to the consulado and get his travel document": a removal under way
        return "removal"
    if situation == "enforcement" and stage == "removal_order" and not urgency.agents_named(text) and not others_taken(text):
        # (not a friend's removal told as the reason to fear agents: "a mi amigo ... ya lo deportaron ... qué derechos tengo")
        # "got ordered deported in 2014 but nobody ever came": an order with no agents told is the
        # removal case itself
        return "removal"
    if situation in ("other", "family") and _IMMIGRATION_COURT.search(text or "") and not situations.scam_call(text):
        # "quiero cambiar de abogado ... y ya tengo la final en unos meses": a removal case, whatever the ask
        # ("my wife has her master hearing in 15 days ... can we fix the green card before": the petition is
        # relief in the removal case)
        return "removal"
    if situation == "other" and (stage == "check_in" or (stage == "removal_order" and _STAGE_SAID.search(text or ""))) \
            and not _TRAVEL_OR_OFFICE.search(text or "") and not situations.scam_call(text):
        # "Do I need a lawyer for my ICE appointment", read as a booking: a step only a removal case has
        return "removal"
    if situation == "family" and _GREEN_CARD_THROUGH_WORK.search(text or "") and not situations.petition_for_relative(text) \
            and not situations.marrying(text):
        # "Our adjustment of status interview is next week. My green card is through my employer": work, not family
        return "employment"
    if situation == "humanitarian" and _AN_EMPLOYER.search(text or "") and _ONE_OF_THEIRS.search(text or ""):
        # "One of my employees has TPS and his work permit card expired last week. Can I keep him working?": the
        # employer's question about a worker's papers
        return "employment"
    if situation == "humanitarian" and _NTA_NAMED.search(text or "") and not detention_said(text):
        # "I applied for asylum ... after the interview they sent me a paper that says Notice to Appear": referred
        # to the court, the removal case
        return "removal"
    if situation == "family" and situations.DEPORTED_ALREADY.search(text or "") and _AGENTS_TO_COME.search(text or ""):
        # "they picked up my uncle and already deported him ... will they come here now because it was his
        # address?": the fear of agents at the visitor's door, not a petition
        return "enforcement"
    if situation == "family" and _ORDER_NAMED.search(text or "") and not situations.back_after_deportation(text) \
            and not _ORDER_GONE.search(text or "") and not _TO_MARRY.search(text or ""):
        # "I got ordered deported ... 10 years ago. I married an American citizen since then. Can my wife fix my
        # papers?": the order stands in the way of the petition; the removal case is the matter (as five tuned
        # authors read it; a wedding still to come, two others read as the family matter)
        return "removal"
    if situation == "employment" and _ORDER_NAMED.search(text or "") and _OWN_ORDER.search(text or "") \
            and not _ORDER_GONE.search(text or ""):
        # "the company wants to sponsor me for a green card. But I have a removal order from when my asylum was
        # denied": the visitor's own order stands in the way of the petition (an employer asking about a worker stays)
        return "removal"
    asked = situations.program_asked(text)
    if situation == "removal" and asked and (_JUDGE_NAMED.search(text or "") or (asked == "family" and situations.marrying(text))):
        asked = None  # a filing the judge set, or marrying while in proceedings: the court case is the matter
    if situation == "humanitarian" and asked == "family" and situations.own_path_to_relatives(text):
        asked = None  # "tengo asilo pendiente y quiero traer a mis hijos", "traer a mi mamá con el parole": their own path
    if situation == "employment" and asked == "family" and situations.A_RELATIVE.search(text or "") \
            and not situations.work_visa_named(text) and not _case_at_hand(text):
        # "I work with ICE, I'm a corrections officer ... My wife overstayed her visa. Can I petition her?": the job is
        # the visitor's worry; the petition is the matter
        return "family"
    if situation in ("removal", "humanitarian", "family", "citizenship") and asked and asked != situation \
            and not _case_at_hand(text):
        # "tengo orden de deportacion y me reporto una vez al año ... puedo pedir la visa U?", "she has an
        # order from 19 years ago, ICE never came. Can I still petition her?": what they want to do is the matter
        return asked
    if situation in ("humanitarian", "citizenship", "family") and not asked and stage == "check_in" and _WITH_ICE.search(text or "") \
            and not urgency.agents_at_hand(text) and not detention_said(text) and not situations.works_there(text):
        # "mi papá tiene TPS y le llegó cita con ICE para este jueves": the check-in is the matter, not the program
        return "removal"
    if situation in ("enforcement", "removal", "other") and _EMPLOYER_COMPLIANCE.search(text or "") and _AN_EMPLOYER.search(text or ""):
        # "we got a notice of inspection, I have 22 employees": the employer's compliance
        # (a worker told "ICE is coming to audit" stays enforcement)
        return "employment"
    return situation


#: Held at a port of entry now: "CBP has had him in secondary for 6 hours", "lo tienen en secundaria en el aeropuerto".
_HELD_AT_ENTRY = re.compile(
    r"\b(?:cbp|customs|border patrol|aduana|migraci[oó]n)\b[^.?!]{0,40}\b(?:has had|have had|has|have|is holding|are holding|kept|is keeping|are keeping|tienen|tiene)\s+"
    r"(?:him|her|them|my \w+|a mi \w+|l[oa]s?)\b[^.?!]{0,30}\b(?:secondary|secundaria)\b"
    r"|\b(?:in|en) (?:secondary(?: inspection)?|secundaria|inspecci[oó]n secundaria)\b[^.?!]{0,40}\b(?:for|desde hace|hace|since|desde) (?:\d+|an?|una?|two|three|several|varias|muchas) (?:hours?|horas?)\b",
    re.IGNORECASE)
#: A status to renew or that runs out: "is it safe to renew", "se me vence el permiso".
_RENEWING = re.compile(rf"\b(?:renew\w*|renovar|renuevo|renovaci[oó]n|expire|{urgency.EXPIRES_WORDS})\b", re.IGNORECASE)
#: Proof of a citizenship held through a parent: "how do we get proof he's a citizen", "certificate of citizenship".
_PROOF_OF_CITIZENSHIP = re.compile(
    r"\bproof (?:that )?(?:(?:he|she|they)(?:'?s| is| are) |of (?:his|her|their|my) )?(?:an? )?(?:us |u\.s\. |american )?citizen(?:ship)?\b"
    r"|\bcertificate of citizenship\b|\bcertificado de ciudadan[ií]a\b|\bn-?600\b|\b(?:acquired|derived|derivative) citizenship\b"
    r"|\b(?:prueba|comprobante) de (?:que (?:es|son) )?ciudadan[oa]s?\b|\bciudadan[ií]a (?:por|a trav[eé]s de) (?:mi|su) (?:padre|madre|pap[aá]|mam[aá])\b",
    re.IGNORECASE)
#: A worker of the visitor's asked about: "one of my employees", "a worker of ours", "uno de mis trabajadores".
_ONE_OF_THEIRS = re.compile(r"\b(?:one of (?:my|our) (?:employees|workers|staff)|(?:my|our) (?:employee|worker)|an employee of (?:mine|ours)"
                            r"|uno de (?:mis|nuestros) (?:empleados|trabajadores)|(?:mi|nuestro) (?:empleado|trabajador))\b", re.IGNORECASE)
#: A green card through work, said as such: "my green card is through my employer" (not any work visa beside a marriage).
_GREEN_CARD_THROUGH_WORK = re.compile(r"\bgreen ?card (?:is |was )?(?:through|thru|by|from|via) (?:work|my job|my employer|my company|the company)\b",
                                      re.IGNORECASE)
#: A notice to appear named: "a paper that says Notice to Appear", "me llegó la NTA".
_NTA_NAMED = re.compile(r"\b(?:notice to appear|nta|aviso de comparecencia|notificaci[oó]n de comparecencia)\b", re.IGNORECASE)
#: Agents feared to come: "will they come here now", "van a venir a mi casa".
_AGENTS_TO_COME = re.compile(r"\b(?:will|would|could|can|are) they (?:going to |gonna )?(?:come|show up)\b(?! back)"
                             r"|\b(?:van a|pueden|podr[ií]an) venir\b(?! de (?:vuelta|regreso))|\bvendr[aá]n\b", re.IGNORECASE)
#: A removal order named as such: "ordered deported", "a deportation order", "orden de deportación".
_ORDER_NAMED = re.compile(r"\b(?:removal order|deportation order|order of (?:removal|deportation)|ordered (?:deported|removed)"
                          r"|orden de deportaci[oó]n|orden final|final order)\b", re.IGNORECASE)
#: The visitor's own order: "I have a removal order", "tengo orden de deportación", "I was ordered deported".
_OWN_ORDER = re.compile(r"\b(?:i|we) (?:have|had|got|still have) (?:a |an |the )?(?:old |final )?(?:removal|deportation) order"
                        r"|\bmy (?:old |final )?(?:removal|deportation) order|\bi was ordered|\b(?:yo )?tengo (?:una )?orden", re.IGNORECASE)
#: ... that no longer stands: "the case was terminated", "cancelaron la orden".
_ORDER_GONE = re.compile(r"\b(?:closed|dismissed|terminated|cancel+ed|vacated|cerrad[oa]|cerraron|cancelad[oa]|cancelaron|anulad[oa])\b",
                         re.IGNORECASE)


#: A judge named: a filing or step the court set.
_JUDGE_NAMED = re.compile(r"\b(?:judge|juez|jueza)\b", re.IGNORECASE)
#: Immigration enforcement named beside a check-in (not "como chequeo mi priority date").
_WITH_ICE = re.compile(r"\b(?:ice|migra\w*|inmigraci\w*|immigration|isap|smart ?link|ankle|grillete|atd|ero)\b", re.IGNORECASE)


def _case_at_hand(text: str) -> bool:
    """Whether a removal case is at hand now: someone held, agents there, or a hearing, check-in or
    removal within days (then that is the matter, whatever else the visitor wants to do)."""
    signals = set(urgency.text_signals(text or ""))
    if signals & {"detained_now", "ice_present_now", "hearing_soon", "checkin_soon", "removal_imminent"} \
            or _HELD_NOW.search(text or "") is not None or detention_said(text or ""):
        return True
    today = date.today()
    day = _answers_in_text("removal", text or "", today).get("hearing_date")
    return isinstance(day, str) and _iso(day) and 0 <= (date.fromisoformat(day) - today).days <= urgency.URGENT_WITHIN_DAYS


#: Somewhere since a time: "hes at the ICE office downtown since his appointment", "has been at the facility since".
_HELD_SINCE = re.compile(r"\b(?:is|'s|s|hes|shes|has been|have been|esta|está|sigue|lleva)\b[^.?!]{0,50}\b(?:since|desde)\b", re.IGNORECASE)
#: A hearing with its day said: "en 5 dias es mi audiencia", "my court is next week" (the case's own step).
#: The visitor acting for a friend who was taken: "i'm his friend, his family is all back in guatemala so its just me",
#: "i want to help him", "soy su amigo y no tiene a nadie aquí".
_ACTING_FOR_THEM = re.compile(
    r"\b(?:i'?m|im|i am) (?:his|her|their) (?:friend|roommate|coworker|boss|neighbou?r)\b|\b(?:soy|somos) (?:su|sus) (?:amig[oa]s?|compañer[oa]s?|vecin[oa]s?|patr[oó]n)\b"
    r"|\bits just me\b|\bit'?s only me\b|\b(?:help|get|bail|find) (?:him|her|them) out\b|\bno tiene a nadie\b|\b(?:his|her) family is (?:all )?(?:back )?in\b",
    re.IGNORECASE)
#: A relative claimed, as a petition is said in Cuban Spanish: "quiero reclamar a mi mamá", "reclamé a mis hijos".
_CLAIM_A_RELATIVE = re.compile(r"\b(?:reclamar(?:le)?|reclam[eoó]|reclamarlos|reclamarla|reclamarlo)\s+a\s+(?:mi|mis|su|sus|nuestr[oa]s?)\s+"
                               + situations.RELATIVE + r"\b", re.IGNORECASE)
#: Not sent to court (yet): "todavía no me han mandado a corte", "i'm not in court yet", "no tengo corte".
_NOT_IN_COURT = re.compile(
    r"\b(?:todav[ií]a no|a[uú]n no|not yet|never|nunca|no|not|haven'?t|havent|dont|don'?t)\b(?:\W+\w+){0,4}?\W+(?:a |en |to |in )?(?:la |mi )?"
    r"(?:corte|court)\b(?! (?:date|hearing)? ?(?:is|es) )", re.IGNORECASE)
_COURT_DATE_SOON = re.compile(
    r"\b(?:en|in|within|dentro de)\s+(?:\d{1,2}|un|una|dos|tres|cuatro|cinco|a|one|two|three|four|five)\s+(?:d[ií]as?|days?|semanas?|weeks?)\b"
    r"|\b(?:tomorrow|ma[nñ]ana|next week|la semana que viene|la pr[oó]xima semana|this (?:coming )?\w+day|este \w+)\b"
    # "he has court two weeks from today"
    r"|\b(?:\d{1,2}|a|one|two|three|four|five|ten|twelve) (?:days?|weeks?) from (?:today|now)\b", re.IGNORECASE)
#: An interview or appointment at USCIS, not a hearing in court.
_INTERVIEW = re.compile(r"\b(?:interview|entrevista|uscis|biometric\w*|biom[eé]tric\w*|huellas|asylum office|oficina de asilo)\b", re.IGNORECASE)
#: The agents still have someone: "and they still have him", "todavia lo tienen".
#: The border or the agencies that hold people there: "turned himself in at the border", "CBP", "la migra".
_AT_THE_BORDER_OR_AGENTS = re.compile(r"\b(?:border|frontera|garita|port of entry|puerto de entrada|ice|cbp|border patrol|migra)\b",
                                      re.IGNORECASE)
_STILL_HAVE = re.compile(r"\b(?:they|theyre|they're) still (?:have|got) (?:him|her|them)\b|\b(?:todav[ií]a|a[uú]n) (?:lo|la|los|las) tienen\b",
                         re.IGNORECASE)
#: What a removal needs, named: "asked where is his passport", "making his travel papers".
_PAPERS_FOR_REMOVAL = re.compile(r"\b" + urgency.TRAVEL_PAPERS + r"\b", re.IGNORECASE)
#: Told to surrender: "if he doesnt turn himself in by wednesday", "que se entregue".
_SURRENDER = re.compile(r"\b" + urgency.SURRENDER + r"\b", re.IGNORECASE)
#: Agents came for someone who was not there: "he wasnt there", "no lo encontraron".
_MISSED_BY_AGENTS = re.compile(
    r"\b(?:(?:he|she) (?:was ?n[o']?t|wasnt|was not) (?:there|home|at (?:work|the job|home))|no (?:lo|la) (?:encontraron|hallaron|agarraron)"
    r"|(?:did ?n[o']?t|didnt|did not) (?:find|get|catch|take) (?:him|her)|(?:[eé]l|ella) no estaba"
    r"|(?:a )?(?:[eé]l|ella) no (?:lo|la) (?:agarraron|detuvieron|arrestaron|llevaron)|no se (?:lo|la) llevaron)\b", re.IGNORECASE)
#: An order, said without its kind: "he has an order from when he was 19", "tiene una orden".
_AN_ORDER = re.compile(r"\b(?:has|had|got|tiene|ten[ií]a) (?:an? |una )?(?:old |vieja )?(?:order|orden)\b", re.IGNORECASE)
#: Nobody ever came to enforce it: "nobody ever came for him", "they never came looking", "nunca lo buscaron".
_NEVER_PURSUED = re.compile(
    r"\b(?:(?:nobody|no one|noone|no-one) (?:has |have |had )?(?:ever )?(?:came|come|showed up|bothered|looked|contacted)"
    r"|(?:they|ice|immigration) (?:have |has )?never (?:came|come|showed up|bothered|looked|contacted|did anything)"
    r"|never (?:came|come) (?:for|looking|after)"
    r"|nunca (?:(?:lo|la|los|las|nos|me) )?(?:vinieron|buscaron|han buscado|han venido|molestaron|hicieron nada)"
    r"|nadie (?:(?:lo|la|los|las|nos|me) )?(?:vino|ha venido|buscó|busco|ha buscado|molestó|molesto))\b", re.IGNORECASE)
#: Someone close, in a facility: "my son was at the Port Isabel place", "my friend called from delaney hall".
_SOMEONE_AT_A_FACILITY = re.compile(_A_RELATIVE.pattern + r"|\bmy (?:friend|buddy|roommate|coworker|neighbou?r)\b"
                                    r"|\bmi (?:amig[oa]|compa|vecin[oa]|compañer[oa])\b", re.IGNORECASE)
#: Taken at court: "they arrested him right there in the hallway" after "went to his court", "lo detuvieron en la corte".
_ARRESTED_AT_COURT = re.compile(
    r"\b(?:went|fue|fui|fuimos) (?:to|a) (?:his|her|my|their|su|mi) (?:court|hearing|corte|audiencia)\b[^.?!]{0,60}"
    r"\b(?:arrested|detained|took|grabbed|picked up|detuvieron|agarraron|arrestaron|se (?:lo|la) llevaron)\b"
    r"|\b(?:arrested|detained|grabbed|detuvieron|agarraron|arrestaron) (?:him|her|them|me|us|lo|la)? ?(?:right )?(?:there )?(?:at|in|en) (?:the |la |el )?"
    r"(?:court|courthouse|corte|hallway of the court|pasillo de la corte)\b"
    # "they got my father at the courthouse after his hearing ... ice was waiting in the hallway"
    r"|\b(?:got|took|grabbed|picked up|arrested|detained) (?:him|her|them|my (?!case|file|papers|documents|passport|card|hearing)\w+)"
    r" (?:right )?(?:at|in|outside) (?:the )?(?:court|courthouse)\b",
    re.IGNORECASE)
#: Still in a place now: "has been in the Moshannon place for 3 weeks", "lleva 2 meses en", "sigue en".
#: In custody now, in words a removal story uses: "está en la cárcel del condado", "lleva 4 días en la estación de
#: Lordsburg", "by video from the detention in otay mesa", "they kept him right there", "being processed for detention".
_IN_CUSTODY_NOW = re.compile(
    r"\b(?:est[aá]n?|sigue|siguen|lleva(?:n)? \w+ \w+|is|are|he'?s|she'?s|hes|shes|still)\s+(?:\w+\s+){0,2}?(?:en|in|at)\s+(?:la|el|the|a)\s+"
    r"(?:c[aá]rcel|estaci[oó]n|hielera|corral[oó]n|jail|county jail|detention|detenci[oó]n|centro de detenci[oó]n|processing center)\b"
    r"|\bfrom (?:the )?detention\b|\b(?:kept|keeping|held) (?:him|her|them) (?:right )?there\b|\bprocessed for detention\b"
    r"|\b(?:lo|la) dejaron (?:ah[ií] )?(?:detenid[oa]|adentro)\b",
    re.IGNORECASE)
#: A removal carried out before a new taking: "lo deportaron hace un año y ahora lo agarraron otra vez".
_REMOVED_BEFORE = re.compile(r"\b(?:lo|la) deportaron hace \w+ (?:a[nñ]os?|meses?)\b|\b(?:was|got) deported (?:\w+ )?(?:years?|months?) ago\b",
                             re.IGNORECASE)
_IN_THERE_NOW = re.compile(r"\b(?:has been|have been|is still|is|'s|hes|shes|still|sigue|siguen|lleva|llevan|est[aá]n?)\s+(?:\w+\s+){0,3}?(?:in|at|en)\b",
                           re.IGNORECASE)
#: Someone close taken (passive, with no agent named): "my girlfriend was taken at the airport".
_TAKEN_AWAY = re.compile(r"\b(?:my|mi|our)" + _KIN + r"\s+(?:was|got|has been|had been) (?:taken|picked up|arrested|detained|grabbed)"
                         r"\b(?! (?:to|into) (?:the )?(?:hospital|er|emergency|school|clinic))", re.IGNORECASE)
#: The immigration court named: "tengo la final en unos meses", "my master calendar", "the immigration judge".
_IMMIGRATION_COURT = re.compile(
    r"\b(?:immigration court|corte de (?:inmigraci[oó]n|migraci[oó]n)|(?:tengo|tiene) (?:la|mi|su) (?:final|individual)\b|audiencia (?:final|individual)"
    # "tengo la corte final en 4 meses", "asilo en corte"
    r"|(?:la|mi|su) corte final|(?:asylum|asilo) (?:case )?(?:en|in) (?:la )?(?:corte|court)"
    # "cuanto cobran por llevar un caso de corte, el mio ya esta cerca": in US Spanish, the immigration court case
    r"|caso (?:de|en) (?:la )?corte"
    r"|master calendar|master (?:calendar )?hearing|individual hearing|final hearing|immigration judge|juez(?:a)? de (?:inmigraci[oó]n|migraci[oó]n)|eoir)\b", re.IGNORECASE)
#: A question about the firm or a trip, whatever step it names: "what are your hours, I have my ICE check-in after".
_TRAVEL_OR_OFFICE = re.compile(r"\b(?:hours|horario|parking|estacionamiento|address|direcci[oó]n|travel|viajar|trip|viaje|job|trabajo en la firma)\b",
                               re.IGNORECASE)
#: Someone held now, said without a verb of arrest: "has been in detention 2 months", "sigue en custodia".
_HELD_NOW = re.compile(
    r"\b(?:has been|have been|been|is|are|is still|he'?s|she'?s|hes|shes|sigue|siguen|est[aá]|lleva(?:n)? \w+(?: \w+)?)\s+"
    r"(?:still\s+)?(?:in|en)\s+(?:ice\s+)?(?:detention|custody|detenci[oó]n|custodia)\b"
    # "my dad is detained in louisiana", "mi hijo esta detenido", "lo tienen detenido"
    r"|\b(?:is|are|he'?s|she'?s|hes|shes|est[aá]|est[aá]n|sigue|siguen) (?:still )?(?:been )?(?:detained|detenid[oa]s?|locked up|encerrad[oa]s?)\b"
    # "hes been locked up in the Adams county facility since the weekend"
    r"|\b(?:has|have|he'?s|she'?s|hes|shes|they'?ve|theyve) been (?:detained|locked up|held(?! back| up))\b"
    r"|\b(?:lo|la|los|las) tienen (?:detenid|encerrad)"
    # "mi hermano esta preso en la carcel del condado", "lo tienen en stewart desde hace tres semanas"
    r"|\b(?:est[aá]n?|sigue|siguen) pres[oa]s?\b|\b(?:lo|la|los|las) tienen en (?!la mira\b)(?:el |la )?[a-z]"
    # "está en el centro de detención de Folkston", "hes in the detention center in tacoma"
    r"|\b(?:est[aá]n?|sigue|siguen|is|are|he'?s|she'?s|hes|shes) (?:still |todav[ií]a )?(?:in|en|at) (?:the |el |un |a )?(?:\w+ ){0,2}?"
    r"(?:centro de detenci[oó]n|detention center|processing center)\b"
    # "my mom is being held at the el paso processing center since last wednesday"
    r"|\b(?:is|are|'s|been|being)\s+(?:being\s+)?held\s+(?:at|in)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:processing center|detention(?: center)?|jail|facility|center|centre|prison|station)\b"
    # "a mi hermano lo tienen en el corralon de laredo", "they have him at the county jail"
    r"|\b(?:(?:lo|la|los|las) tienen|they have (?:him|her|them)|they got (?:him|her|them)) (?:en|in|at) (?:el |la |the )?"
    r"(?:corral[oó]n|hielera|c[aá]rcel|jail|centro de detenci[oó]n|detention|processing center|county)"
    # moved from one place of custody to another: "they moved my son last night to the place near the airport",
    # "lo movieron a otro centro", "transferred him to louisiana"
    r"|\b(?:they |ice |immigration )?(?:moved|transferred|transfered|took) (?:him|her|them|my \w+)(?: \w+){0,2} to (?:the|a|another|other) "
    r"(?:place|facility|center|centre|detention|jail|prison|processing)\b"
    # "they transferred my husband last night": only someone in custody is transferred
    r"|\b(?:they|ice|immigration) (?:just )?(?:transferred|transfered) (?:him|her|them|my \w+)\b"
    r"|\b(?:lo|la|los|las) (?:movieron|trasladaron|cambiaron|pasaron) (?:a|al|para) (?:otro|otra|el|la) "
    r"(?:centro|c[aá]rcel|corral[oó]n|lugar|detenci[oó]n|estado)\b", re.IGNORECASE)


def _anyone_held(text: str) -> bool:
    """Whether a message tells of anyone held or taken, in any of the ways the readers above know
    (taken, held now, in a facility, kept at an appointment, missing and feared taken)."""
    return bool(detention_said(text) or _HELD_NOW.search(text) or situations.taken_lately(text) or _DETENTION_WORDS.search(text)
                or situations.STILL_HELD.search(text) or facilities.facility_in(text)
                or situations.kept_at_appointment(text) or situations.missing(text) or _TO_BE_MOVED.search(text))


#: Someone about to be moved to another place of detention: "lo van a mover a luisiana mañana", "they're transferring him".
_TO_BE_MOVED = re.compile(r"\b(?:(?:lo|la|los|las) (?:van a|quieren) (?:mover|trasladar|pasar|mandar)|(?:van a|quieren) (?:moverl[oa]s?|trasladarl[oa]s?)"
                          r"|(?:they'?re|theyre|they are|ice is) (?:going to |gonna )?(?:moving|transferring|move|transfer) (?:him|her|them))\b",
                          re.IGNORECASE)


def held_now(text: str) -> bool:
    """Whether a message says someone is held now ("hes been locked up since october", "lo tienen detenido")."""
    return bool(_HELD_NOW.search(text or ""))


_ON_BOND = re.compile(r"\b(?:bond|bonded|bail|fianza)\b", re.IGNORECASE)
#: ... unless the case is over or a petition is the aim ("my case got closed later. now I married a US citizen").
_CASE_OVER_OR_PETITION = re.compile(
    r"\b(?:closed|dismissed|terminated|cerrad[oa]|cerraron|citizen|ciudadan[oa]|resident|residente|petition|petici[oó]n|married|me cas[eé]|nos casamos)\b",
    re.IGNORECASE)
#: A judge's warrant at the door is know-your-rights, not a court case: "do they need a warrant signed by a judge?"
_WARRANT = re.compile(r"\b(?:warrant|orden (?:de un juez|firmada|judicial)|firmad[oa] por (?:un )?juez|signed by a judge)\b", re.IGNORECASE)
#: I-9 forms, an inspection notice or E-Verify: workplace compliance.
_EMPLOYER_COMPLIANCE = re.compile(
    r"\b(?:i-?9s?|notice of inspection|noi|e-?verify|inspecci[oó]n|auditor[ií]a|audit)\b", re.IGNORECASE)
#: ... said by the employer.
_AN_EMPLOYER = re.compile(
    r"\b(?:(?:our|my|mis|nuestros) (?:employees|workers|staff|crew|empleados|trabajadores)|\d+ (?:employees|workers|empleados|trabajadores)"
    r"|(?:we'?re|we are|i run|i own|we run|we own|somos) (?:an? |una? )?(?:\w+ ){0,2}(?:company|business|restaurant|firm|employer|empresa|negocio"
    r"|warehouse|plant|factory|farm|store|shop)"
    r"|(?:our|my|mi|nuestra|nuestro) (?:company|business|restaurant|store|shop|farm|empresa|negocio|restaurante|tienda)"
    r"|(?:we|i) (?:employ|hire|have \d+)|as an employer|como (?:patr[oó]n|empleador)"
    # the forms asked of the business: "they want all our I-9s", "we turned in our I-9s"
    r"|(?:our|all our|all of our|nuestr[oa]s) (?:employees'? )?i-?9s?)\b",
    re.IGNORECASE)


def news_of_detention(read: str | None, situation: str | None, text: str) -> bool:
    """Whether a message mid-intake tells of a detention the intake is not about yet.

    "they just took my husband, ICE van, 5 min ago" at "When is the next hearing?":
    not an answer to that question but a pressing matter (``PRESSING_SITUATIONS``),
    which takes the place of the calmer one. ``read`` is the situation the classifier
    read in the message; a question ("can ICE take him at court?") is not news.
    """
    # (a question at the end of news is still news: "a mi hermano lo agarró la migra hace una hora ..., ¿me pueden ayudar?")
    told = [c for c in _NEWS_PARTS.split(text or "") if c.strip() and not c.strip().endswith("?")]
    return (read == "detention" and situation not in (None, "detention") and any(detention_said(c) for c in told)
            # in a victim's story, "al tipo lo arrestaron y está en la cárcel" is the attacker in jail: an
            # arrest with no immigration named is not news of a detention
            and not (situation == "humanitarian" and not _AGENCY_NAMED.search(text or "")))


#: Where a message's parts end: a sentence, or a question begun after a comma (", ¿me pueden ayudar?").
_NEWS_PARTS = re.compile(r"(?<=[.!?])\s+|,\s*(?=¿)")
#: Immigration named: "ICE", "la migra", "deportation".
AGENCY_WORDS = situations.AGENCY_WORDS
_AGENCY_NAMED = re.compile(rf"\b(?:{AGENCY_WORDS})\b", re.IGNORECASE)


#: Matters a removal case within days takes the place of, told later (not asylum's, which is often in court).
_CALMER_MATTERS = ("family", "citizenship", "employment")


def news_of_court(situation: str | None, text: str, today: date, story: str | None = None) -> Dict[str, Any]:
    """The removal case a message tells when the matter is not known yet (or was read as "other"),
    with a court hearing or ICE check-in within the urgent window, or any court date in a story
    of an immigration case ("other" is never asked again): {} otherwise.

    "her court is this thursday is that bad??" at "Where are you?", after "need help with my moms
    case": the matter is the removal case and its date, which makes the intake urgent; it is not
    asked again.
    """
    if situation not in (None, "other", *_CALMER_MATTERS) or removal_stage(text) not in ("hearing", "check_in"):
        return {}
    said = answers_in_text("removal", text, today)
    day = said.get("hearing_date")
    try:
        soon = day is not None and 0 <= dates.days_until(date.fromisoformat(day), today) <= urgency.URGENT_WITHIN_DAYS
    except ValueError:
        soon = False
    # "I need a lawyer for my immigration case" (read as "other"), then "my court date is january 12":
    # the case is the removal case, however far off its day
    immigration_case = situation == "other" and any(
        _IMMIGRATION_CASE.search(t or "") or _IMMIGRATION_COURT.search(t or "") for t in (text, story))
    if soon:
        # ("fix my parents papers", then "oh and they have ICE check ins, my dads next one is in 4 days": the case that cannot wait)
        return {"situation": "removal", **said}
    if immigration_case:
        # a day not read as a date ("in march") is asked as the hearing's, not kept as the sentence
        return {"situation": "removal", **{k: v for k, v in said.items() if k != "hearing_date" or _iso(v)}}
    return {}


def _iso(value: Any) -> bool:
    """Whether a value is a day written as an ISO date."""
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


#: The visitor's immigration case, named as such: "my immigration case", "mi caso de migración".
_IMMIGRATION_CASE = re.compile(
    r"\b(?:(?:my|his|her|our|their|the) (?:immigration|deportation|removal) case|(?:mi|su|el|nuestro) caso (?:de (?:inmigraci[oó]n|migraci[oó]n|deportaci[oó]n)|migratorio))\b",
    re.IGNORECASE)


#: A reply that starts with yes or no ("no, just want to be ready", "Yes, they are in the break room now").
#: ("si" without the accent is also "if": "si vienen que hago" is a question, not a yes.)
YES_NO = re.compile(
    r"^\W*(?:(yes|yeah|yep|yup|sí|correct|si(?=\s*(?:$|[,.!]|ahora|ahorita|est[aá]n|aqu[ií]|afuera|pero|claro|est[aá] bien|ok|por ?fa|gracias|se[nñ]or|still|todav[ií]a|siguen|a[uú]n|pues)))|(no|nope|nah))\b",
    re.IGNORECASE,
)
#: At "Are agents there right now?": "they are in the break room now", "siguen ahí".
_HERE_NOW_REPLY = re.compile(
    r"\b(?:they(?:'re| are| r)|theyre|theyr|est[aá]n|siguen|agents are|ice is)\b[^.]{0,40}\b(?:now|right now|still|ahora|ahorita|todav[ií]a|here|aqu[ií]|inside|adentro)\b"
    r"|^\W*(?:still|todav[ií]a|siguen)\b"
    # "omg yes", "simon, aqui estan", "en mi casa no, pero en mi trabajo si, ahorita"
    r"|^\W*(?:omg|oh|ay|dios|yes+|sim[oó]n)\W+(?:yes|s[ií]|aqu[ií] est[aá]n)\b|\bpero (?:en (?:mi|el) \w+ )?s[ií],? (?:ahorita|ahora|right now)\b"
    r"|\b(?:at my (?:job|work|house)|en mi (?:trabajo|casa)) right now\b|\bi'?m hiding\b|\bestoy escondid[oa]\b",
    re.IGNORECASE,
)
_GONE_NOW = re.compile(r"\b(?:ya no (?:est[aá]n|hay)|se fueron|they(?:'re| are) gone|(?:they )?left|no one|nobody|nadie)\b", re.IGNORECASE)
_GONE = re.compile(r"\b(?:not|no|left|gone|se fueron|ya no|never)\b", re.IGNORECASE)


#: A reply that starts with "I don't know".
DONT_KNOW = re.compile(r"^\W*(i\s*)?(do\s*n[o']?t|dont|dnt)\s*(know|kno|no)\b|^\W*idk\b|^\W*(no\s+s[eé]|nose|not sure)\b"
                       # "no sabemos, los subieron a unos camiones", "we don't know"
                       r"|^\W*(no\s+sabemos|no\s+sab[ií]a|ni\s+idea|we\s+(do\s*n[o']?t|dont)\s+know)\b", re.IGNORECASE)


def yes_or_no(text: str) -> bool | None:
    """True or False for a reply that starts with yes or no, None otherwise."""
    found = YES_NO.match(text or "")
    return None if found is None else found.group(1) is not None


#: The visitor will call the firm themself: "ill call the office tomorrow", "yo les llamo".
_CALLS_THEMSELF = re.compile(
    r"\b(?:i(?:'ll| will|ll)|i'?m (?:going to|gonna)) (?:just )?(?:call|phone|ring) (?:you|the office|the firm|y'?all|back|later)"
    r"|\byo (?:les |le )?(?:llamo|llamar[eé])|\b(?:les |le )?llamo yo\b|\bvoy a llamar (?:a la oficina|yo)\b",
    re.IGNORECASE)


def refuses_consent(text: str) -> bool:
    """At "May I save this?", a no however it is worded: "no, dont save anything, ill call the
    office tomorrow" (read as a request for a person, it had offered a callback instead)."""
    return consent_answer(text) is False


#: Details withheld, said as a choice: "nah prefiero no dar mis datos", "i'd rather not give my info".
_KEEPS_DATA = re.compile(
    r"\b(?:prefiero no|no quiero|mejor no|rather not|prefer not to|(?:do ?n[o']?t|dont) want to)\s+(?:dar|dejar|compartir|give|share|leave)"
    r"\s+(?:mis|mi|my|any|ningun|ningún)?\s*(?:datos|informaci[oó]n|info|information|details|data)\b"
    # "i dont want my info saved", "no quiero que guarden mis datos"
    r"|\b(?:do ?n[o']?t|dont) want (?:you to (?:save|keep|store) )?(?:my|any) (?:info|information|data|details)(?: (?:saved|kept|stored))?\b"
    r"|\bno quiero que (?:me )?(?:guarden|guardes|guarde) (?:nada|mis datos|mi informaci[oó]n)\b",
    re.IGNORECASE)

#: Clauses of a reply: "what do you do with my info? ok yes", "mmm no se... bueno si, esta bien".
_CLAUSES = re.compile(r"[.,;!?¿¡]+|\s(?=(?:but|pero|so(?!\W*$)|asi q|asi que|entonces|then)\b)", re.IGNORECASE)
#: A clause that says yes to saving: "ok yes", "i guess its ok", "pues si, q mas me queda", "asi q adelante".
_YES_CLAUSE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|well|pues|ps|bueno|mmm+|i guess|i think|so|asi q(?:ue)?|entonces|then|and|y)\s+)*"
    r"(?:yes|yeah|yep|yup|ya|ok(?:ay)?|sure|fine|alright|all right|go ahead|of course|i agree|agreed|its ok|it'?s ok|it'?s fine|its fine"
    r"|that'?s (?:ok|fine)|s[ií](?=\W*$)|sí|si(?=\s+(?:pues|ps|pero|claro|est[aá] bien|ok|por ?fa|gracias|se[nñ]or|mientras|con tal|adelante|dale"
    r"|q mas|que mas|bueno|mi amor|mij[oa]|amig[oa]|lo q(?:ue)?|se[nñ]orita|nom[aá]s|solo)\b)|claro|dale|va|sale|adelante|de acuerdo|acepto|est[aá] bien|ta bien|por supuesto|okey|oki"
    # "ta bueno", "sta bien", "órale", "ándale", "simón": a yes in Mexican and Central American Spanish
    r"|(?:es)?ta bueno|est[aá] bueno|sta bien|[oó]rale|[aá]ndale|sim[oó]n|sip|simon|va pues|esta bueno"
    # "hágale", "dele", "de una" (Colombia, Venezuela), "ta to" (Dominican "está todo"), "go", "proceed"
    r"|h[aá]g(?:a|ale|alo)(?: pues)?|d[eé]le(?: pues)?|de una(?=\W*$)|ta to|t[aá] todo bien|listo(?=\W*$)|vale(?=\W*$)|mhm+(?=\W*$)|mm+ ?hm+(?=\W*$)"
    r"|(?:go|proceed|continue|do it|cool|bet|ok(?:k+|as|i|is)|aj[aá]|aha|uh[- ]?huh|ye+s+|yas+|ye|certainly|definitely|affirmative|go on"
    # "aight", "please", "np", "perfecto", "great", "listo pues", "genial": a yes said alone
    r"|a?ight|please|pls|plz|por ?fa(?:vor)?|np|perfect[oa]?|great|excellent|excelente|genial|ch[eé]vere|listo pues|muy bien"
    r"|(?:that|it) works|works for me"
    # "ofc", "obvio", "proceda", "correcto", "así es", "eso", "if you have to", "y": a yes said alone
    r"|ofc|obvi[oa]?|proceda|procedan|correct[oa]?|exact[oa]|as[ií] es|eso(?: es)?|y|if (?:you|u) (?:have|need) to)(?=\W*$)"
    # "you can save it", "go for it", "thumbs up", "i consent", "puede guardarlo", "si acepto", "siii", "kk"
    r"|(?:you can |u can |go ahead and )?save it|go for it|thumbs? ?up|sounds good|yea|kk?|okok|i consent|i accept|absolutely|please do"
    r"|no problem|no prob|no hay problema|sin problema|why not|por ?qu[eé] no|por ?supuesto|idc|i (?:do ?n[o']?t|dont) care|no me importa"
    # "si como no", "cómo no": "of course" (Latin American Spanish), not a no
    r"|(?:s[ií],? )?c[oó]mo no(?=\W*$)|shoots(?=\W*$)|ok(?:ie|ey|i|y)?[\s-]?dok(?:ie|ey|i|y)?(?=\W*$)"
    # whatever it takes, said as a yes: "whatever you need", "i guess", "lo que necesiten", "lo q ocupen"
    # (not "i guess not", "lo que sea menos guardar mis datos")
    r"|(?:whatever(?: (?:you|u) (?:need|want|have to)| it takes| helps| is needed)?|(?:do )?what(?:ever)? you (?:need|have) to(?: do)?"
    r"|anything (?:you need|that helps|to help)|i (?:guess|suppose)(?: so)?|guess so|i think so"
    r"|lo (?:que|q) (?:sea|necesit\w*|ocup\w*|haga falta|pidan|quieran|tengan que|tenga que)|haga(?:n)? lo (?:que|q) (?:tengan|tenga))"
    r"(?!\W+(?:not|no|menos|excepto|except|but not|pero no|nada)\b)"
    r"|(?:puede|pueden|puedes) guardar(?:lo|la|los)?|gu[aá]rd(?:e|en|a)(?:lo|la|los)|si acepto|sii+|s[ií] s[ií]"
    r"|bueno(?: pues)?(?=\W*$))\b"
    r"|\b(?:ok(?:ay)?|yes|s[ií]|adelante|go ahead|est[aá] bien|fine|de acuerdo)\W*$|^[\W_]*[\U0001F44D\U0001F44C\u2705\u2714\U0001F197][\W_]*$"
    # a yes on the condition that it is not shared, which the firm's privacy answer meets: "only if you promise
    # not to share it with the government", "mientras no le llegue a migracion", "con tal q no lo vea la migra"
    r"|^\W*(?:only |but only |ok )?(?:if|as long as|so long as|provided) (?!you (?:do ?n[o']?t|dont) mind)(?:you|it|it'?s|its|they|this|nobody|no one|ice|the government)\b[^.]*"
    r"\b(?:not|don'?t|dont|won'?t|wont|never|nobody|no one|private|confidential)\b"
    r"|^\W*(?:mientras|siempre (?:y cuando|que|q)|con tal (?:de )?(?:que|q)|solo si) (?:no|nadie|sea privad|quede)\b",
    re.IGNORECASE)
#: A clause that says no: "no thank you", "nel, prefiero no", "i dont want it saved online".
_NO_CLAUSE = re.compile(
    # the whole clause is a no ("no", "actually no", "nah im good", "no por ahora"), not a sentence that
    # starts with one ("no tengo mucho dinero", "no quiero q le llegue a la migra": a condition)
    r"^\W*(?:(?:ok(?:ay)?|well|pues|ps|bueno|actually|mmm+|hmm+|sorry|umm*|la neta|honestly|sinceramente|then|so|entonces)\W+)*(?:actually\s+)?(?:no+|nope|nah|nel(?: pastel)?|nop|nones)"
    r"(?:\W+(?:thanks|thank you|gracias|por ahora|not now|not really|sorry|i'?m good|im good|estoy bien|mejor no|todav[ií]a no"
    r"|a[uú]n no|para nada|way|se[nñ]or|se[nñ]ora|please|pls|porfa|thx|ty))*\W*$|^\W*not really\W*$"
    # a later time is a no now: "not now", "maybe later", "mejor despues", "ahorita no"
    r"|^\W*(?:not (?:right )?now|not today|maybe later|later|(?:mejor )?(?:despu[eé]s|luego|otro d[ií]a)|ahorita no|ahora no|hoy no)\W*$"
    r"|^\W*\U0001F44E+\W*$"
    # "i dont want to", "i do not want that": the whole reply
    r"|^\W*(?:i\s+)?(?:dont|don'?t|do not)\s+want(?:\s+(?:to|that|it|you to))?\W*$"
    r"|\b(?:prefiero que no|prefiero q no|prefiero no|(?<!\bo )mejor no|rather not|prefer not|not comfortable|no me siento c[oó]mod[oa]|no thank(?:s| you)|no gracias"
    r"|claro que no|por supuesto que no|of course not|(?:i'?d|id) rather you did ?n[o']?t|not right now"
    r"|no,? thanks)\b",
    re.IGNORECASE)


def consent_answer(text: str) -> bool | None:
    """What a reply to "May I save this?" says: True (yes), False (no) or None (neither).

    Read clause by clause, and the last clause that decides wins: "what do you do with my
    info? ok yes" and "mmm no se... bueno si, esta bien" are a yes; "ok... actually no, i'd
    rather call" is a no. Details withheld or a wish to stop are a no wherever they are said.
    A no that is a condition ("si pero no le digan nada a mi trabajo") is not a no.
    """
    text = text or ""
    if wants_to_stop(text) or _KEEPS_DATA.search(text) or (yes_or_no(text) is False and _CALLS_THEMSELF.search(text)):
        return False
    if _ANOTHER_WAY.search(text):
        return True  # "no calls, just email me please", "no llamadas pero sí mensajes": saved, reached another way
    decided = None
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not clause:
            continue
        if _NO_CLAUSE.search(clause):
            decided = False
        elif _YES_CLAUSE.search(clause) and not _YES_TAKEN_BACK.search(clause):
            decided = True
    if decided is None and not _NOT_SURE.match(text):
        decided = yes_or_no(text)
    if decided is False and _WANTS_A_CALL.search(text):
        return None  # "no i want a person to call me": a call needs the number kept, so it is asked again
    return decided


#: A way to be reached other than a call, asked for at "May I save this?": a yes with a condition
#: ("no calls, just email me please", "text only", "no me llamen, solo mensajes").
_ANOTHER_WAY = re.compile(
    r"^\W*(?:(?:no|not|dont|don'?t|do not|no me)\s+(?:calls?|phone calls?|call me|llamadas|llamen|llames)\b[\W\s]*(?:please|pls|por ?favor)?[\W\s]*"
    r"(?:just|only|but|pero|solo|s[oó]lo|nom[aá]s)?\s*(?:s[ií]\s+)?(?:por\s+)?(?:an?\s+)?"
    r"|^\W*(?:(?:ok|yes|s[ií]|sure),?\s+)?(?:just|only|solo|s[oó]lo|nom[aá]s)?\s*(?:por\s+)?)"
    r"(?:e-?mail(?: me)?|text(?: me)?|texts|mensajes?|whats ?app|correo|sms)(?:\s+(?:only|solamente|nom[aá]s|is (?:fine|ok|better)))?\b"
    r"(?:\s+(?:me\s+)?(?:please|pls|por ?favor))?\W*$", re.IGNORECASE)


_WANTS_A_CALL = re.compile(r"\b(?:call me|ll[aá]m(?:e|en)me|me llamen|me llame|contact me|(?:person|someone|somebody|lawyer) (?:to )?call)\b",
                           re.IGNORECASE)


#: "no sé", "i don't know": neither (the form says what saving means, and asks once more).
_NOT_SURE = re.compile(r"^\W*(?:no s[eé]|i don'?t know|idk|not sure|no estoy segur[oa]"
                       # "no entiendo": a question about the question, not a no
                       r"|no (?:entiendo|entend[ií]|comprendo|le entiendo)|i (?:do ?n[o']?t|dont) (?:understand|get it))\b", re.IGNORECASE)


#: ... unless it takes the yes back: "ok but no thanks", "bueno, mejor otro día".
_YES_TAKEN_BACK = re.compile(r"\b(?:no thanks|no thank you|no gracias|not now|not today|ahora no|otro d[ií]a|another time|maybe later)\b", re.IGNORECASE)


def consents(text: str, intent: str, callback_offered: bool) -> bool:
    """Whether a reply at the consent question that is not a plain yes still gives consent.

    "yes but i want a real person to call me" does; so does a person asked for again after
    the callback was offered: keeping the name and number to call back is what they ask for
    (both had looped on the callback offer and the consent question).
    """
    if intent == "affirm":
        return False  # the slot mapping takes a plain yes
    return consent_answer(text) is True or (intent == "request_human" and callback_offered and consent_answer(text) is None)


#: Who gets what is kept, asked or made a condition at the consent question.
_ABOUT_SHARING = re.compile(
    r"\b(?:send|sends|share|shares|shared|give it|tell|sees?|see it|private|privad[oa]|safe|segur[oa]|manden|mande|mandan|env[ií]en"
    r"|compartan|comparta|den|digan|vea|vean|reporten|report)\b", re.IGNORECASE)


def consent_with_condition(text: str, intent: str) -> bool:
    """A yes at "May I save this?" whose other words are about who sees it: "si pero no se lo manden
    a migracion", "ok as long as ice doesnt see it". Read as a matter ("manden a migracion": a
    detention), they had started a detention intake."""
    return consents(text, intent, False) and bool(_ABOUT_SHARING.search(text or ""))


def agents_here_answer(text: str, today: date) -> bool | None:
    """The answer to "Are agents there right now?" in a reply's own words, or None if it gives none.

    "Yes, they are in the break room now", "they're still parked outside" (yes);
    "no they left an hour ago", "they came last week" (no).
    """
    said = yes_or_no(text)
    if said is not None:
        return said
    if "ice_present_now" in urgency.text_signals(text, today) or urgency.live_emergency(text):
        return True
    if _HERE_NOW_REPLY.search(text or "") and not _GONE.search(text or ""):
        return True
    if urgency.agents_not_here_now(text) or _GONE_NOW.search(text or "") or _NOT_HERE_REPLY.match(text or ""):
        return False
    if _NOT_THERE_NOW.search(text or ""):
        return False
    if _THERE_NOW_SIGN.search(text or ""):
        return True
    if _UNSURE_REPLY.search(text or ""):
        # "not sure", "no se": asked again, they would not know better; the story says the rest
        return False
    return None


#: At "Are agents there right now?": signs that they are, in other words ("the truck is across
#: the street", "creo que si, hay una camioneta", "they went to the neighbors house").
_THERE_NOW_SIGN = re.compile(
    r"\b(?:trucks?|vans?|cars?|suvs?|camionetas?|trocas?|carros?|patrullas?)\b[^.]{0,30}"
    r"\b(?:outside|across|afuera|enfrente|parked|estacionad\w*|down the (?:block|street)|esquina|corner|in front)\b"
    r"|\b(?:in the building|at the door|knocking|tocando|banging|waiting (?:outside|for)|watching|esperando afuera|vigilando"
    r"|went to the neighbou?rs?|con los vecinos|(?:en )?la casa de al lado|next door|creo que s[ií]|i think so|afirmativo"
    r"|(?:police|policias?|polic[ií]as?|cops|sheriffs?) (?:is |are |est[aá]n? )?(?:here|outside|aqu[ií]|afuera))\b"
    r"|^\W*a[uú]n (?:est[aá]n|siguen)\b"
    # "si todavia andan, acabo de ver la camioneta pasar", "they're still driving around"
    r"|\b(?:todav[ií]a|a[uú]n) andan\b|\bsiguen (?:ah[ií]|aqu[ií]|por aqu[ií]|dando vueltas|rondando)\b|\bstill (?:driving )?around\b"
    # "si still there, they just sitting", "they're sitting in the truck"
    r"|\bstill (?:there|here|outside|out there|parked|sitting|waiting)\b|\bsitting (?:there|outside|out there|in (?:the|a|their) \w+)\b",
    re.IGNORECASE,
)
#: Agents there before and not now: "they were here this morning", "they drove off", "only the police".
_NOT_THERE_NOW = re.compile(
    r"\b(?:(?:they )?were here|was here|estuvieron|vinieron (?:ayer|en la ma[nñ]ana|hace)|drove off|already left|gone"
    r"|i (?:do ?n[o']?t|dont|cant|can'?t) see (?:them|anyone|anybody|any)|no (?:los|las) veo|not now|ahorita no"
    r"|not (?:ice|la migra|immigration)|no (?:es|son) (?:ice|la migra|migraci[oó]n)|only the police|solo (?:la )?polic[ií]a"
    r"|nop|negativo|nel|creo que no|i (?:do ?n[o']?t|dont) think so|never came|never showed up|nunca (?:vinieron|llegaron)"
    # nearby, not at the home or work asked about: "estan en la laundromat, no en mi casa", "at the store across the street, not my house"
    r"|no (?:en|aqui en) (?:mi|la|el) (?:casa|trabajo|chamba|apartamento|depa)|not (?:at|in) (?:my|our|the) (?:house|home|work|job|apartment|place))\b",
    re.IGNORECASE,
)
_UNSURE_REPLY = re.compile(r"^\W*(?:not sure|i'?m not sure|maybe|idk|i (?:do ?n[o']?t|dont) know|no s[eé]|no estoy segur[oa]|quiz[aá]s?|tal vez)\b",
                           re.IGNORECASE)


#: "not at my house, they were by the school", "not here", "none": a no that does not start with "no".
_NOT_HERE_REPLY = re.compile(r"^\W*(?:not (?:at|here|now|right now|anymore|home|in|by|near|today)|none|nobody|no one|nadie|aqui no|aquí no"
                             # "en la casa no, dicen que en el walmart", "at home no, at the store": not where they are
                             r"|(?:aqu[ií],? )?(?:en (?:la|mi) (?:casa|trabajo|chamba)|at (?:home|my house|work|my job)),? no(?![^.]*\b(?:pero|but)\b[^.]*\b(?:s[ií]|yes)\b)"
                             r"|(?:(?:ahorita|ahora|right now|now),?\s+)?ya no(?! s[eé]\b)|(?:hell|heck) no|ya se (?:lo|la|los|las) llevaron)\b",
                             re.IGNORECASE)


#: Matters that cannot wait: said later, they take the place of a calmer one.
PRESSING_SITUATIONS = ("detention", "enforcement")
_CORRECTION = re.compile(
    r"^\W*(?:no\b|nope\b|not\b|actually\b|wait\b|sorry\b|it'?s (?:about|for)\b|its (?:about|for)\b|en realidad\b|"
    r"perd[oó]n\b|mas bien\b|más bien\b|es (?:sobre|por|para)\b|se trata de\b|wrong\b|incorrect\b|that'?s wrong\b)",
    re.IGNORECASE,
)


#: Nobody taken after all: "no, he wasn't taken, they just came asking", "no se lo llevaron".
_NOT_TAKEN = re.compile(r"\b(?:wasn'?t|was not|weren'?t|were not|not been|never)\s+(?:\w+\s+)?(?:taken|detained|arrested|picked up)\b"
                        r"|\bno (?:se )?(?:lo|la|los|las) (?:llevaron|agarraron|detuvieron|arrestaron)\b|\bnadie (?:est[aá] )?detenid[oa]\b",
                        re.IGNORECASE)


#: Money taken by someone who promised papers: "paid her 3000 ... she disappeared", "el notario me robó".
_FRAUD_TOLD = re.compile(
    r"\b(?:notari[oa]s?|estaf\w*|fraud\w*|scam\w*|took (?:my|our|the) money|disappeared|desapareci[oó]|se desapareci[oó]"
    r"|(?:me|nos) rob[oó]|(?:paid|pagu[eé]|pagamos) (?:her|him|them|le|les)? ?\$?\d[\d,]*)\b", re.IGNORECASE)


#: A paper only an employer gets: an I-9 inspection notice, an E-Verify letter.
_WORKPLACE_PAPER = re.compile(r"\bi[\s-]?9\b|\be[\s-]?verify\b|\b(?:notice|aviso|notificaci[oó]n) de inspecci[oó]n\b|\bnotice of inspection\b",
                              re.IGNORECASE)


#: An ankle monitor, worn once released ("they let him out with an ankle monitor").
_MONITOR = re.compile(r"\b(?:ankle (?:monitor|bracelet)|grillete|brazalete|monitor)\b", re.IGNORECASE)


#: Someone deported already: "they already deported him", "ya lo deportaron", "he got deported last week".
#: (told as news mid-intake, so also without a word of when: "they deported him", "lo deportaron")
_DEPORTED_NOW = re.compile(situations.DEPORTED_ALREADY.pattern + r"|\b(?:already|ya)\s+(?:got\s+|been\s+|fue\s+)?deport\w*"
                           r"|\b(?:they|ice)\s+(?:already\s+|just\s+)?deported (?:him|her|them)\b|\b(?:lo|la|los|las) deportaron\b", re.IGNORECASE)


#: A taking told beside a release or a deportation: "anteayer lo agarraron", "ahi mismo lo recogio ICE", "la agarraron hoy".
_TAKEN_AGAIN = re.compile(r"\b(?:(?:lo|la|los|las) (?:agarraron|agarro|detuvieron|detuvo|recogi[oó]|recogieron|arrestaron|pararon)"
                          r"|(?:picked|took|grabbed|arrested|detained) (?:him|her|them) (?:again|right there|back up)|(?:ice|immigration) (?:picked|took|grabbed))\b",
                          re.IGNORECASE)
#: Someone still held: "mi hermana sigue alla", "my sister is still there", "todavia la tienen".
_STILL_THERE = re.compile(r"\b(?:sigue[n]? (?:all[aá]|all[ií]|ah[ií]|adentro|detenid\w*|encerrad\w*)|(?:is|are) still (?:there|in there|held|detained|inside)"
                          r"|todav[ií]a (?:lo|la|los|las) tienen|still (?:has|have) (?:him|her|them))\b", re.IGNORECASE)
#: A deportation long past: "ya fue deportado una vez hace como 8 años", "he was deported in 2015".
_DEPORTED_LONG_AGO = re.compile(r"\bdeport\w*\s+(?:\w+\s+){0,3}?(?:una vez|once|before|antes|hace (?:\w+ ){0,2}a[nñ]os|(?:\w+ ){0,2}years ago|in (?:19|20)\d\d)\b",
                                re.IGNORECASE)


def deported_now(text: str | None) -> bool:
    """Whether a message says someone was deported already ("they already deported him")."""
    return bool(_DEPORTED_NOW.search(text or ""))


def no_longer_held(text: str | None) -> bool:
    """Whether news mid-intake says the person held is held no more: released ("he got released on bond an hour
    ago"), or deported already ("they already deported him, he called from guatemala city")."""
    t = text or ""
    if (t.strip().endswith("?") and not _DEPORTED_NOW.search(t)) or _FEAR_OF_DETENTION.search(t):
        return False
    if _TAKEN_AGAIN.search(t) or _STILL_THERE.search(t) or _DEPORTED_LONG_AGO.search(t):
        # "lo deportaron hace 2 años y se regresó, anteayer lo agarraron", "lo soltaron de la carcel y ahi mismo lo recogio
        # ICE", "a mi me soltaron pero mi hermana sigue alla": someone is held now
        return False
    released = situations.RELEASED.search(t) and not _STILL_HOLDING.search(t) and not situations.STILL_HELD.search(_MONITOR.sub(" ", t))
    return bool(released or _DEPORTED_NOW.search(t))


def release_not_a_place(text: str | None) -> bool:
    """Whether news that someone is held no more, said at "Where are you?", names no place of the visitor's
    ("me acaban de avisar que lo deportaron anoche, ya esta en nogales": where he is)."""
    return no_longer_held(text) and roles.visitor_location(text or "")[1] != roles.SELF


def keeps_situation(before: str | None, now: str | None, asked: str | None, text: str) -> bool:
    """Whether a situation already known stands when a later message reads as another one.

    "can they take his green card for something from years ago?" at the summary,
    or "if I apply can they deport me?" at "Where are you?", is a question, not a
    new matter. A correction ("no, it's about my wife's visa") changes it, and so
    does a pressing matter said later ("they just took my husband").
    """
    if not before or not now or before == now or asked in ("situation", "change_field"):
        return False
    if now == "other":
        # "sorry before i forget, do u know a cheap tax preparer that takes itin" after a TPS story: an
        # aside read as "something else" never replaces a matter told (the change button does that)
        return True
    if before == "detention" and now == "enforcement" and not _NOT_TAKEN.search(text or ""):
        # "wait they just came back!! theres 3 of them at the door asking for my dad now": the one taken is still
        # held, and the agents at the door are an urgency reason beside it
        return True
    if _CORRECTION.search(text or "") and not text.strip().endswith("?"):
        return False
    if before == "other" and _FRAUD_TOLD.search(text or ""):
        # "a notario took my money", then "i paid her 3000 for my wife's papers and she disappeared": the fraud
        # is the matter, the papers it was for are not
        return True
    if before == "other" and not text.strip().endswith("?"):
        # "something else" was all that was known: a matter told later is the matter
        # ("need help with my moms case", then "her court is this thursday")
        return False
    if now == "employment" and _WORKPLACE_PAPER.search(text or ""):
        # "soy dueño de una compañia y me llego una carta de ICE", then "la carta es un aviso de inspeccion de
        # I-9": the letter said what it is
        return False
    if before == "detention" and situations.RELEASED.search(text or "") and not _STILL_HOLDING.search(text or "") \
            and not situations.STILL_HELD.search(_MONITOR.sub(" ", text or "")):
        # "wait he just called me, they let him out this morning with an ankle monitor and a paper for court": the
        # detention is over, and the case goes on
        return False
    if before == "removal" and now == "enforcement":
        # agents at the door of someone with a removal case are there for that case: it stays
        # the matter, and the agents are an urgency reason beside it
        return True
    if now in PRESSING_SITUATIONS and not (_DETENTION_WORDS.search(text or "") or urgency.agents_named(text or "")):
        # "en la costa de luisiana, en un pueblito q se llama Golden Meadow" read as a detention: no one
        # held and no agents are named, so the matter told before stands
        return True
    if now in PRESSING_SITUATIONS and before not in PRESSING_SITUATIONS and not text.strip().endswith("?"):
        return False
    if now == "enforcement" and urgency.live_emergency(text or ""):
        return False  # "someone is knocking saying immigration, what do I do?": agents at hand, asked or not
    return True
