"""Messages that are not an answer to the pending question, and what each gets.

One mechanism for every form: a rule per form (``data/rules/interruptions.yml``)
sends any intent in ``INTENTS`` to ``action_answer_interruption``, which
answers with :func:`handle` and hands back to the form, so the form asks its
question again. The same intents are the domain's shared "not an answer" list
(``x-not-an-answer``), so such a message never fills the pending slot. Tests
keep the rules, the domain and this module in step.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from bot import contact, dates, flow, resources, safety, situations, urgency
from bot.language import asks_which_language
from bot.places import facilities, location, roles

#: Intent -> the response that answers it (crisis and emergency are chosen per kind below).
REPLIES: Dict[str, str] = {
    "crisis": "utter_crisis_general",
    "emergency_now": "",  # know-your-rights from bot.resources, by where agents are
    "ask_legal_advice": "utter_no_legal_advice",
    "ask_cost": "utter_consultation_fee",
    "ask_office": "utter_office_info",
    "ask_privacy": "utter_privacy",
    "request_deletion": "utter_deletion_noted",
    "request_others_data": "utter_others_data_refused",
    "express_distress": "utter_distress",
    "insult": "utter_insult",
    "chitchat": "utter_chitchat",
    "out_of_scope": "utter_out_of_scope",
    "bot_challenge": "utter_iamabot",
    "non_english": "utter_non_english",
    # The widget's language switch (payload only): the reply is already in the chosen language.
    "choose_language": "utter_language_chosen",
    "cancel_booking": "utter_manage_booking_later",
    "reschedule_booking": "utter_manage_booking_later",
    "nlu_fallback": "utter_default",
}

#: A client asking after their own case ("status of my case", "ya soy cliente"): not someone
#: else's data, but nothing the assistant can see either; the firm's line is the way.
OWN_CASE = re.compile(
    r"\b(?:my (?:own )?(?:case|file|application|petition|lawyer|attorney|abogad[oa])|(?:already|existing|current) (?:a )?client"
    r"|i am (?:a|your) client|im (?:a|your) client|mi (?:caso|expediente|abogad[oa]|aplicacion|solicitud)|(?:ya )?soy (?:su )?cliente)\b",
    re.IGNORECASE)


#: Every intent that interrupts a form, in one list (rules and domain are checked against it).
INTENTS: List[str] = list(REPLIES)

#: Outside a form, cancelling and rescheduling start their own forms.
OUTSIDE_FORMS: List[str] = [i for i in INTENTS if i not in ("cancel_booking", "reschedule_booking")]

#: Intents that are not an answer to a free-text question but are handled
#: elsewhere: yes/no and "I don't know" by slot mappings, a callback request
#: by the intake form, "start over" by its own rule, greetings by the opening rules.
HANDLED_ELSEWHERE: List[str] = ["greet", "goodbye", "thank", "affirm", "deny", "dont_know", "request_human", "start_over"]

#: Of those, the ones a message that also plainly answers the pending question may be read as
#: ("sí lo tengo, 209 667 114" at the A-number is a yes, and the answer).
ANSWER_BESIDE: List[str] = ["affirm", "deny", "greet", "thank", "goodbye", "request_human"]

#: The domain's shared "not an answer" list (``x-not-an-answer``), less the fallback,
#: which Rasa never lets a mapping see.
NOT_AN_ANSWER: List[str] = [i for i in INTENTS if i != "nlu_fallback"] + HANDLED_ELSEWHERE

#: What the message may also be, when only the learned reader saw danger in it: its own reply too.
HEARD_BESIDE_A_GUESS = ("express_distress", "insult")

#: The crisis help per kind, most urgent first (domain responses).
CRISIS_REPLIES: Dict[str, str] = {
    "medical": "utter_crisis_medical",
    "suicide": "utter_crisis_suicide",
    "violence": "utter_crisis_violence",
    "child": "utter_crisis_child",
    "dv": "utter_crisis_dv",
}

#: Help for a danger only guessed at by the learned reader (``safety.GUESS``).
CRISIS_UNSURE = "utter_crisis_unsure"

#: Interruptions that may be a misread answer ("today, about 5 hours" read as out of scope):
#: at a question they plainly answer, they are taken as the answer without a reply.
SOFT = ("chitchat", "out_of_scope", "express_distress", "insult", "bot_challenge", "non_english", "nlu_fallback")

#: Questions that ask for the visitor's own words ("In a sentence or two..."): whatever
#: they write there is also the answer (a crisis, distress or a legal question gets its
#: reply too; words the classifier could not place are simply taken), so it is not asked again.
WORDS_WELCOME = ("details",)
WELCOME_WITH_REPLY = ("crisis", "emergency_now", "express_distress", "ask_legal_advice", "reschedule_booking", "cancel_booking")
WELCOME_SILENT = ("out_of_scope", "chitchat", "non_english", "nlu_fallback", "request_others_data")
#: ... and a fee, office or privacy matter told, not asked ("I get paid at the end of the month, I could pay
#: the consultation then", "es para ver mis opciones" read as privacy): its reply too, and the words are the answer.
WELCOME_UNLESS_ASKED = ("ask_cost", "ask_office", "ask_privacy")
#: The same questions about the firm keep their one reply when the message also told facts the
#: form took ("do you do payment plans? my court date is january 12").
ANSWERED_BESIDE_FACTS = WELCOME_UNLESS_ASKED
#: Questions answered in free words that are not the visitor's story ("they didn't tell
#: me, maybe florence" at "Where is he held?"): words the classifier could not place are
#: taken as the answer, without a reply; real interruptions still get theirs.
WORDS_TAKEN = ("detained_where",)
#: ... and questions whose words are still the answer when only a weak guess of the learned danger reader
#: saw danger in them ("el día después del cumpleaños de mi hija ... so el lunes" at "When were they detained?").
WORDS_TAKEN_BESIDE_A_GUESS = WORDS_TAKEN + ("detained_since", "hearing_date", "a_number")

#: Refusals that a plain answer only looks like: no reply when the message answers the question.
ANSWER_NOT_REFUSAL = ("ask_legal_advice", "request_others_data")
#: The most words a reply can have to be a date answer on its face ("the 14th at 8:30, at the court on Main").
PLAIN_DATE_WORDS = 12
#: Questions whose answer is a day: a short time said there is the answer, whatever it was read as.
DATE_QUESTIONS = ("hearing_date", "detained_since")

#: Questions before "What's happening?" is answered: a message there may describe the situation.
EARLY_QUESTIONS = (None, "consent", "location", "location_confirmed")

#: At "What's happening?", a message the classifier could not place counts as a try; after
#: one the situation is "other", in the visitor's words, and the details question asks for more
#: in other words (the same question again made visitors repeat themselves; the matter is read
#: from the details answer, ``matter_in_details``).
SITUATION_TRIES = 1
#: ... except a message that is no answer at all (a plea for a person, distress, a greeting with nothing
#: in it): the question is asked once more, as after any interruption, before "other" is kept.
NOT_AN_ANSWER_AT_SITUATION = ("request_human", "express_distress", "insult", "bot_challenge", "start_over",
                              "greet", "thank", "affirm", "goodbye")
#: (a greeting or a yes of more than a few words is an answer: "help pls its my son")
_EMPTY_WHEN_SHORT = ("greet", "thank", "affirm", "goodbye")
_FEW_WORDS = 3
#: A task no law firm does, asked for at "What's happening?": an essay, homework, a joke, the weather.
_TASK_NOT_OURS = re.compile(r"\b(?:essay|homework|tarea|poem|poema|joke|chiste|weather|clima|recipe|receta|song|canci[oó]n|math|matem[aá]ticas)\b",
                            re.IGNORECASE)


def situation_tries(intent: str, text: str) -> int:
    """How many unplaced messages at "What's happening?" make the situation "other"."""
    short = len(re.findall(r"\w+", text or "")) <= _FEW_WORDS
    if intent in ("out_of_scope", "chitchat") and _TASK_NOT_OURS.search(text or ""):
        return SITUATION_TRIES + 1  # "lol first can you help me write an essay": not their matter; asked again
    if intent in NOT_AN_ANSWER_AT_SITUATION and (intent not in _EMPTY_WHEN_SHORT or short):
        return SITUATION_TRIES + 1
    return SITUATION_TRIES


TRIES_AT_SITUATION = ("ask_legal_advice", "out_of_scope", "chitchat", "nlu_fallback", "non_english", "express_distress")
#: At "What's happening?", questions that are the visitor's matter itself ("just want to know
#: the price", "status of my case", "reschedule my consultation", "where is your office"): answered,
#: and the situation is "other" in their words at once, unless the message also names a matter
#: ("how much for a family petition?").
MATTER_AT_SITUATION = ("ask_cost", "cancel_booking", "reschedule_booking", "ask_office")

#: Situation intents, for the situation a message also gave when a net overrode its intent.
SITUATION_PREFIX = "situation_"
SITUATION_MIN_CONFIDENCE = 0.3
#: ... or this, when the message also names the matter's own words: a program, a work visa or a
#: form ("una pregunta sobre la visa U por favor" reads as a greeting, humanitarian at 0.07).
SITUATION_NAMED_MIN_CONFIDENCE = 0.05
#: Matters whose own words are specific enough for that (a relative's name is not: "mi hermano").
NAMED_BY_THEIR_WORDS = ("humanitarian", "employment", "citizenship")
#: When the message's intent is not a situation (a crisis, a legal question, another
#: language), a weaker reading of the situation is still better than asking again.
SITUATION_BESIDE_MIN_CONFIDENCE = 0.15
#: In a message about danger the classifier's own ``crisis`` reading takes most of the
#: weight, so the situation is read among the situation intents alone: the likeliest
#: one (never "other") counts when it holds this share of them, and some weight at all.
SITUATION_SHARE_BESIDE_CRISIS = 0.5
SITUATION_FLOOR_BESIDE_CRISIS = 0.02
#: Abuse by a partner, with no other matter said, is what VAWA and U visas are for.
#: So is a threat or an attack by anyone (a U visa, for victims of crimes who help the police).
#: (A child in danger is not: that reading also covers a child held at the border or lost.)
SITUATION_OF_CRISIS = {"dv": "humanitarian", "violence": "humanitarian"}
#: ... and an abuser's leverage ("si lo denuncio me hace deportar") beside any of them, or beside a child abused.
SITUATION_OF_LEVERAGE = {**SITUATION_OF_CRISIS, "child": "humanitarian"}


@dataclass
class Answer:
    """What ``action_answer_interruption`` says and sets."""

    responses: List[str] = field(default_factory=list)
    messages: List[Tuple[str, Dict[str, Any]]] = field(default_factory=list)  # responses with values (bot.resources)
    slots: Dict[str, Any] = field(default_factory=dict)


def attorney_speaks(code: Optional[str], firm: Any) -> bool:
    """Whether one of the firm's attorneys (``firm.yml``) speaks a language other than English and Spanish."""
    if not code or code in ("en", "es"):
        return False
    from bot import booking

    try:
        return code in booking.languages_offered(booking.load_attorneys(firm))
    except Exception:  # noqa: BLE001 - a profile without attorneys: nobody to name
        return False


def a_number_not_at_hand(text: str) -> bool:
    """Whether an answer at the A-number says it is not at hand: no digits ("my mom doesn't have it",
    "lo tengo en la casa"), or only part of it, said so ("2 1 9 ... 5 5 ... i wrote it somewhere")."""
    from bot import contact

    if not contact.has_digits(contact.spelled_digits(text or "")):
        return True  # (digits spelled out are a number: "dos uno cero, cuatro cinco seis, ...")
    if contact.parse_a_number(text)[0] is not None:
        return False
    if _NONE_SAID_FIRST.match(text or ""):
        return True  # "dont have it but his court is in 6 days": none, said first (the date is heard apart)
    few = len(re.findall(r"\d", contact.spelled_digits(text or ""))) < 7
    return bool(NOT_AT_HAND.search(text or "")) or (few and bool(_PART_OF_IT.search(text or "")))


#: A question about the A-number itself: "whats an a number? where do i find it", "¿dónde encuentro el número A?".
_A_NUMBER_ASKED = re.compile(
    r"\bwhat(?:'?s| is| are)? (?:an? |the |that |this )?(?:a|alien)[\s-]?(?:number|num|#)|\bwhere (?:do|can|would|does) (?:i|we|you|one) "
    r"(?:find|get|see|look for|look)\b|\bwhere is (?:it|that|the a[\s-]?number)\b|\bqu[eé] es (?:el|un|ese) n[uú]mero(?: a| de extranjero)?\b"
    r"|\bd[oó]nde (?:lo |la )?(?:encuentro|busco|veo|saco|encuentra|viene|sale|aparece)\b|\bcu[aá]l es el n[uú]mero a\b", re.IGNORECASE)


_A_NUMBER_NAMED = re.compile(r"\b(?:(?:a|alien)[\s-]?(?:number|num|#)|n[uú]mero a|n[uú]mero de extranjero)\b", re.IGNORECASE)


def a_number_asked_about(text: str, pending: Optional[str] = "a_number") -> bool:
    """Whether a message asks what the A-number is or where to find it, and gives none (at another
    question, only if it names the A-number: "where do i find him?" asks about a person)."""
    from bot import contact

    return (bool(_A_NUMBER_ASKED.search(text or "")) and not contact.has_digits(contact.spelled_digits(text or ""))
            and (pending == "a_number" or bool(_A_NUMBER_NAMED.search(text or ""))))


#: A question about how to find where someone is held: "how do i find out where he is??", "¿cómo sé dónde está?".
_WHERE_HELD_ASKED = re.compile(
    r"\b(?:how|where) (?:do|can|could|would|should|will|does) (?:i|we|you|one|they|someone) (?:even )?(?:find|locate|look|search|check"
    r"|know|see|figure)\b|\bhow (?:to|can i|can we) (?:find|locate|know|look)\b|\bis there (?:a|any) way to (?:find|know|locate|see|check)\b"
    r"|\bwhere (?:did|would|do|will) (?:they|ice|immigration|la migra) (?:take|took|send|bring|have)\b"
    r"|\bc[oó]mo (?:l[oae]s? )?(?:puedo |podemos |se puede |hago para |le hago para |le hacemos para )?(?:l[oae]s? )?(?:encontrar|encuentro"
    r"|localizar|localizo|buscar|busco|saber|s[eé]|sabemos|averiguar|averiguo)\b"
    r"|\bd[oó]nde (?:l[oae]s? )?(?:puedo |podemos |se puede )?(?:l[oae]s? )?(?:buscar|busco|buscamos|encontrar|encuentro|averiguar|checar|checo)\b"
    r"|\ba d[oó]nde (?:se )?(?:l[oae]s? )?(?:llevaron|llevan|mandaron|mandan)\b", re.IGNORECASE)


#: ... told beside it that they do not know: "where did they take him? we dont know", "nadie nos dice".
_NOT_KNOWN_BESIDE = re.compile(r"\b(?:(?:we|i) (?:still )?(?:do ?n[o']?t|dont|do not) know|idk|no (?:s[eé]|sabemos|sabe|saben)"
                               r"|nadie (?:nos|me) (?:dice|dicen|quiere decir))\b", re.IGNORECASE)


def where_held_not_known(text: str) -> bool:
    """Whether a question how to find someone held also says that they do not know where."""
    return where_held_asked_about(text) and bool(_NOT_KNOWN_BESIDE.search(text or ""))


def where_held_asked_about(text: str) -> bool:
    """Whether a message at "Where is the person held?" asks how to find out, and guesses no place
    ("how do i find out where he is??", "¿a dónde se lo llevaron? nadie nos dice")."""
    from bot.places import resolver

    t = text or ""
    return (bool(_WHERE_HELD_ASKED.search(t)) and ("?" in t or is_question(t)) and not flow.where_held_guessed(t)
            and not resolver.mentions(t))


#: Only the start of a number: "A 0 9 8 ... no sé el resto", "empieza con A 0 5...", "I wrote 24 something and then lost it".
_PART_OF_IT = re.compile(r"\.\.|…|\b(?:something|algo|the rest|el resto|lo dem[aá]s|starts? with|empieza|comienza|lost it|lo perd\w*"
                         r"|no s[eé]|i don'?t know|idk|dont know)\b", re.IGNORECASE)


#: The small words inside a name: "de", "del", "de la", "van", "da", "dos", "y", "bin".
_NAME_PARTICLES = frozenset("de del la las los y e da das do dos van von der den bin ben al el di du le st".split())


#: A question, then what follows it: "pa q lo necesitan? bueno es Ramon Garcia", "why? ok its Ana".
_AFTER_A_QUESTION = re.compile(r"\?\s*(?:(?:ok(?:ay)?|bueno|fine|well|pues|ya|alright)\W+)?(?=\S)([^?]+)$", re.IGNORECASE)


def name_after_question(text: str) -> Optional[str]:
    """The name given after a question at the name question ("pa q lo necesitan? bueno es Ramon Garcia"), or None."""
    from bot import contact

    after = _AFTER_A_QUESTION.search(text or "")
    if after is None:
        return None
    said = after.group(1).strip()
    cue = contact.NAME_CUE.search(said) or re.match(r"^(?:es|soy)\b", said, re.IGNORECASE)
    written = said.split() and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in said.split())
    if not (cue or written) or contact.has_digits(said) or contact.declines_name(said):
        return None
    return contact.clean_name(said)[0]


#: A fact put right: "wait sorry ... its not next month its next thursday", "en realidad es el martes".
_PUT_RIGHT = re.compile(r"\b(?:wait|sorry|actually|i mean|correction|it'?s not|its not|not \w+(?: \w+)? it'?s|perd[oó]n|me equivoqu[eé]"
                        r"|en realidad|no es (?:el|en|la)|quise decir)\b", re.IGNORECASE)
#: The facts of a case a message beside a weak sign of danger may still tell (the help does not swallow them).
_CASE_FACTS = ("removal_stage", "hearing_date", "detained_since", "detained_where")


def plainly_answers(slot: Optional[str], text: str, today: date) -> bool:
    """Whether a message is, on its face, an answer to the question pending for ``slot``.

    Only checks that cannot misfire on a question or a plea: a place that
    resolves, a date, an A-number, a phone number, "I don't know".
    """
    from bot import contact, dates
    from bot.places import resolver, roles

    t = (text or "").strip()
    if not slot or not t:
        return False
    if DONT_KNOW.search(t) and slot not in ("situation", "contact_name"):
        return True
    if slot in ("location", "location_state"):
        if slot == "location" and roles.visitor_location(t)[1] == "other":
            return False  # every place it names is someone else's ("he will take him to mexico")
        # ("san antonio tx, y mi court es pasado mañana, so estoy desesperada": the place first, then the rest)
        first = _FIRST_CLAUSE.match(t)
        return resolver.resolve(t) is not None or (first is not None and resolver.resolve(first.group(1)) is not None)
    if slot in ("detained_since", "hearing_date"):
        if slot == "detained_since" and dates.day_detained(t, today) is not None:
            return True  # "it was half an hour ago and the agents are still here"
        # (a day inside a longer message is not an answer on its face: "dame el telefono de la señora que vino
        # ayer a su oficina" asks for someone's data)
        return (dates.parse_date(t, today) is not None and len(t.split()) <= PLAIN_DATE_WORDS) or dates.says_when(t) or (
            # "el officer dijo que vaya lo antes posible, no dio día": told when, as near as it was said
            slot == "hearing_date" and dates.soon_vague(t) and not is_question(t))
    if slot == "a_number":
        # a number, or not at hand: no digits at all ("ella me dio un numero pero se corto la llamada"), or only a part
        return (contact.parse_a_number(t)[0] is not None or bool(NOT_AT_HAND.search(t)) or flow.a_number_unknown(t)
                or (a_number_not_at_hand(t) and not is_question(t))
                # "dont have it but his court is in 6 days": none, said first (the court date is kept too)
                or bool(_NONE_SAID_FIRST.match(t)))
    if slot == "contact_phone":
        return contact.parse_phone(t)[0] is not None
    if slot == "detained_where":
        # "en Dilley, el de familias, eso dijo", "un lugar que se llama blue bonnet": a facility or a place named
        # ("can i just talk to a lawyer today? he's in the elizabeth one": the statement after the question)
        from bot.places import facilities

        # ("the place in houston on export drive? the private one": a place said unsure, with a question mark)
        unsure = next((part for part in t.split("?")[:-1] if part.strip() and not _QUESTION.search(part.strip())), "")
        t = _after_a_question(t)
        return any(bool(words) and not is_question(words) and (facilities.facility_in(words) is not None or resolver.resolve(words) is not None)
                   for words in (t, unsure))
    if slot == "ice_present_now":
        # "YES right now the same truck is back", "no they left"
        return flow.agents_here_answer(t, today) is not None
    if slot == "contact_name" and contact.parse_phone(t)[0] is not None and contact.name_before_news(t) is not None:
        return True  # "Carmen Aviles, me puede llamar al 347-555-0119 despues de las 5": the name, and the phone beside it
    if slot == "contact_name" and name_after_question(t) is not None:
        # "pa q lo necesitan? bueno es Ramon Garcia": a question, then the name
        return True
    if slot == "contact_name":
        # "Graciela Soto": a name written as one, whatever the classifier made of it
        # ("Ramon Quintero (everybody calls me moncho)": the name before an aside)
        words = contact.without_aside(contact.said_last(t)).split()
        # ("Marlene de Henriquez", "Ana de la Cruz": the small words of a name in lower case)
        if 1 <= len(words) <= 6 and words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words) \
                and not is_question(t) and contact.clean_name(t)[0] is not None:
            return True
        # "Me llamo Efraín", "just call me J, Jairo", "my name is Sophea Chhim, last name C H H I M": a name
        # given as one (not "call me" asking for a person)
        # (an age beside it is no phone: "yo soy Dania Mejía y la consulta es también para mi hija Keyla, ella tiene 15")
        return (bool(contact.NAME_CUE.search(t)) and not is_question(t) and not contact.has_digits(_AN_AGE.sub(" ", t))
                and not contact.declines_name(t)
                and contact.name_answer(t)[0] is not None)
    return False


#: A reply that starts by saying there is none: "dont have it but ...", "no lo tengo, pero ...".
_NONE_SAID_FIRST = re.compile(r"^\W*(?:(?:i|we)\s+)?(?:do ?n[o']?t|dont|do not)\s+(?:have|got)(?:\s+(?:it|one|that|them))?\b(?!\s+(?:with|here|now|on))"
                              r"|^\W*no\s+(?:lo\s+|la\s+)?(?:tengo|tenemos|tiene)\b(?!\s+(?:aqu[ií]|conmigo|ahorita|a la mano))",
                              re.IGNORECASE)
#: An age said beside a name: "ella tiene 15", "shes 9", "15 años".
_AN_AGE = re.compile(r"\b(?:tiene|tengo|has|is|shes|hes|she'?s|he'?s|age|edad)\s+\d{1,2}\b|\b\d{1,2}\s+(?:años|anos|years?(?: old)?|yrs)\b",
                     re.IGNORECASE)


def declined(pending: Optional[str], text: str, slots: Mapping[str, Any]) -> Dict[str, Any]:
    """A name or a phone refused where it is asked ("no le doy mi nombre", "don't call this
    number, he checks my phone"): skipped, never asked again, whatever else the message was."""
    if pending == "contact_name" and slots.get(pending) is None and contact.declines_name(text or ""):
        return {pending: "none"}
    if pending == "contact_phone" and slots.get(pending) is None and contact.declines_calls(text or "") and not contact.has_digits(text or ""):
        return {pending: "none"}
    return {}


def answer_slots(slot: str, text: str, today: date) -> Dict[str, Any]:
    """The slots a message fills as the answer to ``slot``, read as the form would read them.

    For a message the form did not take as an answer (its intent is not an answer: an
    interruption, agents at hand) but that also answers the question: the form does not
    validate a slot that another action, or its own extra reading, set.
    """
    out: Dict[str, Any] = {slot: text[:1000]}
    if slot == "ice_present_now":
        out[slot] = flow.agents_here_answer(text, today)
    elif slot == "detained_since":
        day = dates.day_detained(text, today)
        out[slot] = day.isoformat() if day else text[:1000]
    elif slot == "a_number":
        # as the form reads it: the number, or not at hand ("he didnt give it to me")
        from bot import contact

        out[slot] = contact.parse_a_number(text)[0] or "unknown"
    elif slot == "contact_name":
        # "Me llamo Efraín", read as a request for a person: the name, as the form reads it
        from bot import contact

        out[slot] = contact.name_answer(text)[0] or text[:1000]
    elif slot == "hearing_date":
        # "next wednesday" read as a booking to move: the date, as the form reads it (kept only when read)
        value = flow.next_date_answer(text, today)[0] or ("unknown" if DONT_KNOW.search(text) else None)
        if value is None:
            del out[slot]
        else:
            out[slot] = value[:1000]
    elif slot == "detained_where":
        from bot.places import facilities, resolver

        said = _after_a_question(text)
        facility = facilities.facility_in(said)
        if facility is None and resolver.resolve(said) is None:
            said = text  # "they said maybe the place in alvarado? i dont know": the whole answer
            facility = facilities.facility_in(said)
        out[slot] = (facility or said)[:1000]
    elif slot == "location":
        # resolved as the form would ("hazleton too, same house" is Hazleton, PA)
        from bot.places import location

        place = location.answer_place(text, text)
        if place is not None:
            out.update(location.slots_for(place))
    return out


def _after_a_question(text: str) -> str:
    """What a message says after its last question mark (the whole message when none ends a part)."""
    head, mark, tail = (text or "").rpartition("?")
    return tail.strip() if mark and tail.strip() else (text or "").strip()


_QUESTION = re.compile(
    r"\?\s*$|^\W*(can|could|do|does|did|should|will|would|is|are|am|how|what|why|when|where|who|"
    r"puedo|puede|pueden|debo|tengo que|hay|como|que|cuando|donde|por que|porque)\b",
    re.IGNORECASE,
)


#: The fewest words of a reply that tells the case rather than picks a button.
TOLD_MIN_WORDS = 5


def told_not_picked(text: str, intent: str = "") -> bool:
    """Whether a reply to a button question is a sentence about the case, not a pick or a question
    ("my lawyer handles all that, I just go when they tell me"): taken as said, not asked again."""
    # (news is heard as such: "they are raiding my job", "they just took my husband", read as another matter)
    news = intent.startswith(SITUATION_PREFIX) and intent not in (SITUATION_PREFIX + "removal", SITUATION_PREFIX + "other")
    return (len((text or "").split()) >= TOLD_MIN_WORDS and not is_question(text) and not news
            and urgency.live_emergency(text) is None and not flow.detention_said(text)
            and not _NEWS.search(text or ""))


#: News at a button question, whoever the classifier says it is about: a raid, someone taken.
_NEWS = re.compile(r"\b(?:raid\w*|redada\w*|took|taken|grabbed|arrested|detained|se llevaron|agarraron|detuvieron|knocking|tocando)\b",
                   re.IGNORECASE)


def is_question(text: str) -> bool:
    """Whether a message asks something ("can they deport me if...?")."""
    return bool(_QUESTION.search((text or "").strip()))


#: Words of someone's case in a question: a person, the case, its places and people.
_ABOUT_A_CASE = re.compile(
    r"\b(?:he|she|hes|shes|he'?s|she'?s|they|him|her|el|ella|my (?:husband|wife|son|daughter|dad|father|mom|mother|brother|sister|boyfriend"
    r"|girlfriend|partner|family|case|hearing|court)|mi (?:esposo|esposa|hijo|hija|papa|papá|mama|mamá|hermano|hermana|novio|novia|caso|familia)"
    r"|normal|case|caso|judge|juez|court|corte|ice|migra\w*|immigration|deport\w*|detain\w*|detenid\w*|bond|fianza|lawyer|abogad\w*"
    r"|papers|papeles|visa|asylum|asilo|green card|residencia)\b", re.IGNORECASE)
#: The fewest words of a question about a case at a contact question (not "what?").
CASE_QUESTION_MIN_WORDS = 5


def question_about_a_case(text: str) -> bool:
    """A question about someone's case ("is that normal to be that long??"), said where a name or
    a number was asked: answered as the assistant may, and the question asked again."""
    t = (text or "").strip()
    return is_question(t) and len(t.split()) >= CASE_QUESTION_MIN_WORDS and bool(_ABOUT_A_CASE.search(t))


def released_news(text: str, slots: Mapping[str, Any], today: date) -> Dict[str, Any]:
    """The slots news that someone held is held no more sets: the matter is the removal case, nobody is held
    now, and what the message tells of the case ("le dieron corte en dos meses"; deported: the order carried out)."""
    out: Dict[str, Any] = {"situation": "removal",
                           "urgency_reasons": [r for r in slots.get("urgency_reasons") or [] if r != "detained_now"]}
    said = flow.answers_in_text("removal", text, today, stage_known=slots.get("removal_stage"))
    out.update({k: v for k, v in said.items() if k in ("removal_stage", "hearing_date", "a_number")})
    if flow.deported_now(text) and "removal_stage" not in out:
        out["removal_stage"] = "removal_order"
    return out


#: A question about the office itself: its hours, address, parking, walk-ins or languages ("¿a qué hora abren el
#: sábado?", "are you open saturday", "hablan español en la oficina?").
_OFFICE_QUESTION = re.compile(
    r"\b(?:(?:what|which) (?:time|days?|hours?)|when)\b[^.?!]{0,25}\b(?:open|close|cierran|abren)\b"
    r"|\b(?:are|r) (?:you|u|y'?all|you guys) (?:open|closed)\b|\b(?:office|business) hours\b|\bhours of operation\b"
    r"|\ba (?:qu[eé]|q) hora (?:abren|cierran|open|close)\b|\b(?:est[aá]n|estan) abiertos\b|\b(?:abren|cierran) (?:el|los|hoy|ma[nñ]ana)\b"
    r"|\b(?:cu[aá]l|cual) es (?:el|su) horario\b|\bhorario (?:de|del) (?:la )?(?:oficina|weekend|fin de semana)\b"
    r"|\b(?:where|d[oó]nde) (?:is|are|est[aá]|queda|quedan) (?:your|the|su|la|el) (?:office|oficina)\b"
    r"|\b(?:your|the|su|la) (?:office )?address\b|\bdirecci[oó]n de (?:la|su) oficina\b|\bwalk[- ]?ins?\b"
    # (parking asked about, not told of: "ICE is in the parking lot of my job")
    r"|\b(?:is there|are there|do you (?:guys )?have|any)\s+(?:free\s+|street\s+|enough\s+)?parking\b"
    r"|\b(?:hay|tienen|tiene)\s+(?:estacionamiento|parking|parqueo)\b"
    r"|\bwhere (?:do|can|should) (?:i|we) park\b|\bd[oó]nde (?:me |nos )?(?:estaciono|estacionamos|parqueo|parqueamos)\b",
    re.IGNORECASE)


def office_question(text: str | None) -> bool:
    """Whether a message asks about the office itself (answered from firm.yml, whatever the classifier read)."""
    return bool(_OFFICE_QUESTION.search(text or ""))


#: The fewest words of news of a case said where a name or a number was asked (a name is shorter).
CASE_NEWS_MIN_WORDS = 7


def news_of_the_case(text: str, slots: Mapping[str, Any], today: date) -> bool:
    """Whether a message said where a name or a number was asked tells news of the case instead: a sign
    of urgency ("ICE just called her and said she has to come to the office TOMORROW") or a date set
    right ("the hearing got moved up to next monday"). The bookkeeping hears it; the question is asked again."""
    t = (text or "").strip()
    if len(t.split()) < CASE_NEWS_MIN_WORDS:
        return False
    if urgency.text_signals(t, today) or flow.news_of_detention("detention", slots.get("situation"), t) \
            or (slots.get("situation") == "detention" and flow.no_longer_held(t)):
        return True
    said = flow.answers_in_text(slots.get("situation"), t, today, stage_known=slots.get("removal_stage"))
    return bool(flow.corrected(said, dict(slots), t))


#: How sure the classifier must be that a question about a case also asks for advice.
ADVICE_MIN_CONFIDENCE = 0.15


#: Questions that ask what the law allows in the visitor's own case ("can I...", "do I have
#: to...", "puedo...", "si me caso... me dan los papeles?"), whatever the classifier's weight.
_ADVICE_QUESTION = re.compile(
    r"^\W*(?:can|could|do|does|should|will|would|am)\s+(?:i|we|they|he|she|my \w+)\b"
    r"|^\W*(?:puedo|podemos|debo|tengo que|tenemos que)\b|\b(?:me|nos|le|les) (?:dan|darian|van a dar|pueden dar)\b"
    r"|\bwhat happens if\b|\bque pasa si\b|\bis it (?:legal|true|illegal)\b|\bes (?:verdad|cierto|legal)\b",
    re.IGNORECASE,
)


def asks_for_advice(text: str, ranking: Sequence[Mapping[str, Any]]) -> bool:
    """A question about the visitor's own case ("can I get a green card if...?") that a situation intent won."""
    advice = next((i.get("confidence") or 0 for i in ranking or () if i.get("name") == "ask_legal_advice"), 0)
    return is_question(text) and (advice >= ADVICE_MIN_CONFIDENCE or bool(_ADVICE_QUESTION.search(text or "")))


#: A question about the firm's fees said beside a matter ("cuanto cuesta arreglar papeles por
#: matrimonio con ustedes", "what's your flat fee for an H-1B transfer", "r u cheaper"): the
#: matter is taken, and the fee is answered too. "charged with" is a criminal charge, not a fee.
_FEES_ASKED = re.compile(
    r"\bhow much (?:do|does|would|will|is|are|r|for|to|money)\b"
    r"(?! (?:\w+ )?(?:time|longer|long|days?|weeks?|months?|years?|bonds?|the bond|fianza)\b)"
    r"|\bcu[aá]nto (?:cuesta|cobra\w*|me cobra\w*|sale|vale|costar[ií]a|me costar[ií]a|es (?:la consulta|el costo|lo que cobran))\b"
    r"|\b(?:your|ur|flat|consultation|attorney'?s?|lawyer'?s?|legal|the lawyer) fees?\b|\bwhat (?:do|does) (?:you|u|it|the consultation) (?:charge|cost)\b"
    r"|\b(?:cheaper|m[aá]s barato|honorarios|retainer|free consult\w*|consulta gratis|precio de la consulta)\b"
    r"|\b(?:do you|do u|offer|take|accept|aceptan|tienen|hacen) (?:a |un )?(?:payments?|payment plans?|plan(?:es)? de pagos?|pagos)\b",
    re.IGNORECASE,
)


def asks_about_fees(text: str) -> bool:
    """Whether a message that the classifier read as something else also asks what the firm charges."""
    return bool(_FEES_ASKED.search(text or ""))


YES_NO = flow.YES_NO
DONT_KNOW = flow.DONT_KNOW
def place_said_alone(pending: Optional[str], intent: str, text: str) -> bool:
    """At "Where are you?", a place said alone that the classifier took for yes, no or a
    greeting ("okc" read as yes): the answer, since the resolver knows no such word."""
    return (pending == "location" and intent in HANDLED_ELSEWHERE and not DONT_KNOW.search(text or "")
            and location.place_said_alone(text) is not None)


def place_said_first(pending: Optional[str], intent: str, text: str, today: date) -> bool:
    """At "Where are you?", a reply that names the place first and then something else, read as that
    something ("san antonio tx, y mi court es pasado mañana, so estoy desesperada" as distress): the
    answer too, so that it is not asked again. Never beside danger or agents at hand."""
    from bot.places import resolver, roles

    first = _FIRST_CLAUSE.match(text or "")
    return (pending == "location" and intent not in ("crisis", "emergency_now") and not is_question(text) and first is not None
            and resolver.resolve(first.group(1)) is not None and roles.visitor_location(text)[1] != "other")


def question_not_dont_know(text: str) -> bool:
    """A question the classifier read as "I don't know" ("tengo que abrirles??"): not an answer."""
    return is_question(text) and not DONT_KNOW.search(text or "")


#: "I will have to look for it", "my son keeps the papers": a number not at hand is an answer.
NOT_AT_HAND = re.compile(
    r"\b(?:(?:have|need|got) to (?:look|check|find|search)|look(?:ing)? for it|let me (?:check|look|find)|i(?:'ll| will) (?:check|look)"
    r"|keeps? (?:the|all the|my|his|her) (?:papers|documents|paperwork)|(?:do ?n[o']?t|dont) have (?:it|them|the papers) (?:with me|here|now|right now|on me)"
    r"|not with me|no lo tengo (?:aqui|aca|conmigo|a la mano)|tengo que buscar|(?:lo|los) tiene mi"
    # "no me lo se de memoria, esta en el papel de la corte", "i dont know it by heart"
    r"|(?:no )?(?:me )?lo s[eé] de memoria|by heart|(?:est[aá]|is) en (?:el|un|los) papel(?:es)?|(?:it'?s|its|is) (?:on|in) (?:the|my|a) (?:paper|papers|letter)"
    r"|did ?n[o']?t (?:write|save|keep) it(?: down)?|forgot (?:it|the number)|no lo (?:anote|apunte|guarde)|se me olvido"
    # only part of it remembered: "2 1 9 ... 5 5 ... i wrote it somewhere", "no me acuerdo del resto"
    r"|(?:wrote|put|left) it (?:down )?somewhere|(?:we|i|they) (?:have|got|keep) it somewhere|(?:lo|la) (?:tenemos|tengo|tienen) por ah[ií]|(?:lo|la) (?:anot[eé]|apunt[eé]|dej[eé]) (?:en )?(?:alg[uú]n lado|alguna parte|por ah[ií])"
    r"|(?:do ?n[o']?t|dont|can'?t|cannot) remember (?:the rest|all of it|it all|the whole)|no me acuerdo (?:del resto|de todo|bien|de los dem[aá]s)"
    # written or left somewhere else: "I wrote it on a paper at work", "lo dejé en la casa"
    r"|(?:wrote|write|written|left|have|keep|kept|put) it (?:down )?(?:on|in|at) (?:a|the|my|his|her) (?:\w+ )?(?:paper|note|notebook|work|job|home|house|car|phone)\b(?: at (?:work|home))?"
    r"|(?:lo|la) (?:anot[eé]|apunt[eé]|dej[eé]|tengo) en (?:un|el|la|mi|su) (?:papel|cuaderno|casa|trabajo|carro|libreta)"
    r"|(?:do ?n[o']?t|dont) (?:think|know if) (?:he|she|they|i|we) (?:has|have|had) (?:one|it|any)|(?:he|she|they) (?:does|do) ?n[o']?t have (?:one|it|any)"
    r"|no (?:creo que )?(?:tiene|tenemos|tengo) (?:uno|numero|ninguno)"
    # "he didnt give it to me", "never told me", "no me lo dio"
    r"|(?:he|she|they) (?:did ?n[o']?t|never) (?:give|gave|tell|told|send|sent) (?:it |me )?(?:to me|it|me)?"
    r"|no me (?:lo )?(?:dio|dieron|dijo|dijeron|mand[oó]|mandaron)"
    # to come later: "the family will send it", "i can get it tomorrow", "se lo mando luego"
    r"|(?:will|'ll|can|could|gonna|going to) (?:send|get|give|bring|find|text) (?:it|them|you it|it to you)\b(?: (?:to you|later|tomorrow|soon))?"
    r"|(?:se |te |le )?lo (?:mando|mandan|env[ií]o|env[ií]an|paso|pasan|consigo|busco) (?:luego|despu[eé]s|ma[nñ]ana|m[aá]s tarde|pronto))\b",
    re.IGNORECASE,
)


def entity(entities: Iterable[Mapping[str, Any]], name: str) -> Optional[str]:
    for e in entities or ():
        if e.get("entity") == name:
            return e.get("value")
    return None


def situation_in_ranking(ranking: Sequence[Mapping[str, Any]], least: float = SITUATION_MIN_CONFIDENCE) -> Optional[str]:
    """The situation the classifier read in a message whose intent was something else."""
    for item in ranking or ():
        name = item.get("name") or ""
        if name.startswith(SITUATION_PREFIX) and (item.get("confidence") or 0) >= least:
            return name[len(SITUATION_PREFIX):]
    return None


#: Someone close being deported within days: "my son is being deported tonight", "they are deporting my husband on
#: the flight friday", "a mi esposo lo van a deportar mañana".
_BEING_DEPORTED = re.compile(
    r"\b(?:my|mi)\s+\w+\s+(?:is|está|esta)\s+(?:being|getting|gonna be|going to be)\s+deported\b"
    r"|\b(?:are|is|they'?re|theyre)\s+deporting\s+(?:him|her|my\s+\w+)\b"
    r"|\b(?:lo|la)\s+van\s+a\s+deportar\s+(?:hoy|ma[nñ]ana|esta noche|el \w+)\b", re.IGNORECASE)
#: Words that place someone held in an immigration story (not a room an abuser locked).
_IMMIGRATION_WORDS = re.compile(r"\b(?:deport\w*|ice|immigration|inmigraci[oó]n|migra\w*|border|frontera|removal|judge|juez|court|corte|cbp"
                                r"|processing center|caught crossing|crossing|cruzando)\b",
                                re.IGNORECASE)


#: An answer told as things are now ("im hiding at my friend's, he said he would kill me"): never history.
_AS_THINGS_ARE = re.compile(r"\b(?:i am|we are|estoy|estamos|he is|she is|they are|esta|estan|sigue|siguen|hiding|escondid[oa]s?)\b")


def situation_beside_crisis(ranking: Sequence[Mapping[str, Any]], kind: Optional[str], text: str = "") -> Optional[str]:
    """The matter a message about danger also described ("they deported my husband... i want to end it")."""
    return flow.matter_told(_matter_beside_crisis(ranking, kind, text), text)


def _matter_beside_crisis(ranking: Sequence[Mapping[str, Any]], kind: Optional[str], text: str) -> Optional[str]:
    if flow.detention_said(text) or (flow.held_now(text) and (_IMMIGRATION_WORDS.search(text or "") or urgency.removal_signs(text))) \
            or situations.kept_at_appointment(text):
        # "ya no quiero vivir. me quitaron a mi esposo ayer": the classifier's weight is on the danger
        # ("he's been locked up since october ... a bus to the border tonight": held, in an immigration story;
        # "she had to check in today and theyre keeping her ... please somebody call me": kept at the check-in)
        return "detention"
    if flow.at_check_in_now(text):
        # "im at my ICE check in, they might keep me, my kids are home alone": the removal case, today
        return "removal"
    if situations.taking_feared(text) and situations.A_RELATIVE.search(text or "") and any((item.get("name") or "") in ("situation_detention", "situation_enforcement")
                                              and (item.get("confidence") or 0.0) >= SITUATION_FLOOR_BESIDE_CRISIS for item in ranking or ()):
        # "tengo miedo que se lleven a mi esposo ... ya han agarrado a varios del barrio": a taking feared, nobody taken
        return "enforcement"
    if situations.trafficking_signs(text):
        return "humanitarian"  # "my boss took my passport and doesnt pay me, says he calls immigration": a T visa
    if situations.juvenile_path(text) and not flow.detention_said(text):
        return "humanitarian"  # "los papeles de mi sobrino que llego solo de guatemala, tiene 15 años": SIJS
    if _BEING_DEPORTED.search(text or "") and not urgency.threat_to_call_agents(text or ""):
        # "my son is being deported tonight", "they are deporting my husband on the flight friday", read as danger:
        # someone put on a flight is held until then
        return "detention"
    if kind == "child" and _CHILD_HURT_BY_SOMEONE.search(text or "") and situations.A_RELATIVE.search(text or "") \
            and not _NEIGHBOUR.search(text or ""):
        # "my stepdad touches my little sister and my mom says we cant call police because of
        # papers": a child abused is what U visas (and SIJS) are for, whatever the fear of papers
        return SITUATION_OF_LEVERAGE["child"]
    if kind not in SITUATION_OF_CRISIS and flow.afraid_help_brings_immigration(text) and flow.removal_stage(text) in (None, "unknown"):
        # "no queremos llamar ambulance porque no tiene papeles, can they report him??": beside the
        # emergency, a know-your-rights question (a threat of abuse or violence stays its own matter,
        # and so does a removal case told beside it: "scared to call 911 ... and has court")
        return "enforcement"
    if kind in SITUATION_OF_LEVERAGE and urgency.threat_to_call_agents(text) and _NOT_KIN_THREATENS.search(text or "") \
            and not _KIN_OR_HARM.search(text or ""):
        return "enforcement"  # "un vecino nos amenaza con llamar a la migra": the fear of enforcement
    weights = [(item.get("confidence") or 0.0, (item.get("name") or "")[len(SITUATION_PREFIX):])
               for item in ranking or () if (item.get("name") or "").startswith(SITUATION_PREFIX)]
    # "got detention at school for fighting": a category the words only seem to tell is not the matter
    weights = [(w, name) for w, name in weights if not situations.only_seems(name, text)]
    total = sum(w for w, _ in weights)
    if situations.held_in_their_car(text):
        return "detention"  # "ICE stopped my husband ... they have him in the back of their car": someone taken now
    if urgency.agents_at_hand(text) and (not weights or max(weights)[1] != "detention" or not flow.detention_said(text)):
        # "a raid at my job right now, im hiding in the bathroom": the danger is the agents
        # ("CBP still has her in the back room" is someone held)
        return "enforcement"
    if urgency.live_emergency(text) == "work" and not _KIN_OR_HARM.search(text or ""):
        # "llegaron a la obra hace rato y siguen ahi, yo me escondi en el carro": hiding from them at work, with no
        # harm or kin told, is a raid's matter (and the help for danger was given all the same)
        return "enforcement"
    if urgency.raid_said(text) and not _HARM_TOLD.search(text or "") and not _case_in_court(text) and not flow.held_now(text) \
            and not urgency.taken_in_raid(text):
        # "no quiere ir a trabajar porque dicen que andan agarrando gente en las obras": raids feared, no harm told
        return "enforcement"
    if situations.program_named(text) and not _case_in_court(text):
        # "shes going to jump off the bridge. her asylum got denied today at the interview": the
        # program named is the matter, however little weight the classifier left beside the danger
        return "humanitarian"
    if _case_in_court(text) and not flow.held_now(text) and not (weights and max(weights)[1] == "detention") \
            and not (kind in SITUATION_OF_LEVERAGE and urgency.threat_to_call_agents(text)):
        # "my hermana tiene court next week and she keeps saying if they deport her she is going to end it", "the guy
        # who crossed me ... hes going to hurt me ... i also have court in february": the case before the court is
        # the matter beside the danger (and its date is kept), however little weight the classifier left it
        return "removal"
    if weights:
        weight, name = max(weights)
        if kind in SITUATION_OF_LEVERAGE and name in ("detention", "enforcement", "removal") and urgency.threat_to_call_agents(text) \
                and not _NOT_KIN_THREATENS.search(text or "") and not (name == "detention" and _UNNAMED_TOOK.search(text or "")):
            # ("they took my brother this morning ... the owner is at our house with a bat ... thinks we called ice on him":
            # someone taken, and a threat of harm beside it, is a detention)
            # "he says if I leave he calls immigration", "dice q si lo denuncio me hace deportar": an
            # abuser's leverage, not a detention, a raid or a case; the protections for victims fit
            # (beside an illness, "can the hospital report her to ICE?" is the fear of enforcement)
            return SITUATION_OF_LEVERAGE[kind]
        if kind in SITUATION_OF_CRISIS and name == "enforcement" and not urgency.agents_named(text) \
                and not _DOOR_NOT_OPENED.search(text or ""):
            # "a man with a gun outside, he knows I have no papers": danger, no agents at all
            return SITUATION_OF_CRISIS[kind]
        if name in ("detention", "humanitarian") and _case_in_court(text) and not urgency.threat_to_call_agents(text) \
                and not facilities.facility_in(text or "") and not situations.kept_at_appointment(text):
            # "he fell and wont wake up. he has immigration court next week", "el juez me negó el
            # asilo": nobody is said to be held; the case before the court is the matter
            return "removal"
        if name == "detention" and not _IMMIGRATION_HOLD.search(text or "") and not facilities.facility_in(text or ""):
            # "the babysitter has him tied to a chair", "he is hiding here with me": held or
            # hidden by someone, not by immigration; the crisis's own matter stands ("held in
            # dilley with her baby" names an immigration facility, so it is a detention)
            return SITUATION_OF_CRISIS.get(kind or "")
        if name != "other" and weight >= SITUATION_FLOOR_BESIDE_CRISIS and weight >= SITUATION_SHARE_BESIDE_CRISIS * total:
            return name
    return SITUATION_OF_CRISIS.get(kind or "")


#: Who threatens to call immigration, when it is no one of the family or work: a neighbour, a landlord
#: ("un vecino nos amenaza con llamar a la migra"): the fear of enforcement, not an abuser's leverage
#: (a boss's threat beside violence stays a crime's matter: "el patrón nos sacó con un cuchillo").
_NOT_KIN_THREATENS = re.compile(
    r"\b(?:" + situations.NOT_FAMILY + r"|landlord|casero|caser[oa]|dueñ[oa] de la casa|duen[oa] de la casa)\b",
    re.IGNORECASE)


#: ... unless a partner or relative is in the story, or harm is done ("el dueño me sacó una pistola"): a crime's matter.
_HARM = (r"gun|pistola|knife|cuchillo|machete|kill|mata\w*|hit\w*|hits|beat\w*|golpe\w*|peg[oó]|pega|cut|cort[oó]|stab\w*")
_KIN_OR_HARM = re.compile(
    r"\b(?:husband|wife|boyfriend|girlfriend|partner|ex|esposo|esposa|marido|novio|novia|pareja|dad|father|stepdad|padrastro|suegr[oa]"
    r"|" + _HARM + r")\b", re.IGNORECASE)
_HARM_TOLD = re.compile(r"\b(?:" + _HARM + r")\b", re.IGNORECASE)


#: The first words of a message, up to its first comma or full stop: where an answer comes before the rest.
_FIRST_CLAUSE = re.compile(r"^\W*([^,.;!?]{2,40}?)\s*(?:[,.;!?]|$)")


#: Someone hurting a child: abuse, not a child lost or held at the border.
_CHILD_HURT_BY_SOMEONE = re.compile(
    r"\b(?:touch(?:es|ed|ing)|abus(?:es|ed|ing)|molest\w*|rap(?:es|ed)|hits (?:her|him|them)|beats? (?:her|him|them)"
    r"|la toca|lo toca|los toca|abusa\w*|la viola|lo viola|les? pega|los golpea|la golpea|lo golpea"
    # ("se llevó a mi niña y la está golpeando", "he is hitting her", "la maltrata")
    r"|(?:la|lo|los|las|le|les) est[aá]n? (?:golpeando|pegando|maltratando)|(?:hitting|beating) (?:her|him|them)|maltrat\w*)\b",
    re.IGNORECASE)


#: The child or the one hurting them is in the visitor's family (``situations.A_RELATIVE``: "my
#: stepdad", "mi hermanita"); a neighbour's child is a witness's fear of the police, not the family's case.
_NEIGHBOUR = re.compile(r"\b(?:neighbou?r'?s?|vecin[oa]s?)\b", re.IGNORECASE)


def _case_in_court(text: str) -> bool:
    """A hearing or check-in, or an order from a judge, told ("el juez me negó el asilo")."""
    stage = flow.removal_stage(text)
    return stage in ("hearing", "check_in") or (stage == "removal_order" and bool(_JUDGE.search(text or "")))


_JUDGE = re.compile(r"\b(?:judge|juez|jueza|court|corte|tribunal)\b", re.IGNORECASE)


#: Knocking at a door not opened, how visitors tell agents at the door without naming them ("tocaron y no abrimos").
_DOOR_NOT_OPENED = re.compile(r"\b(?:tocaron|tocando|tocan|knock\w*|bang\w*)\b[^.?!]{0,30}\b(?:no (?:les )?(?:abrimos|abr[ií]|abre|abrio|abri[oó])"
                              r"|(?:didn'?t|did not|won'?t|wont|not|never) (?:open|answer))", re.IGNORECASE)
#: Unnamed men taking someone of the family: how visitors tell an arrest ("they took my brother this morning").
_UNNAMED_TOOK = re.compile(r"\bthey (?:just )?(?:took|picked up|arrested|grabbed|came and took) (?:my|our) "
                           r"(?!(?:papers|passports?|documents|ids?|cards?|phones?|money|car|truck|license|stuff|things)\b)\w+|\bse (?:lo|la|los|las) llevaron\b",
                           re.IGNORECASE)
_IMMIGRATION_HOLD = re.compile(
    rf"\b(?:{flow.AGENCY_WORDS}|patrulla|detention|detenci[oó]n|"
    r"detenid[oa]s?|detained|custody|custodia|corralon|hielera)\b"
    # "they took my dad on sunday from his job", "se lo llevaron de la casa": unnamed men taking
    # someone is how visitors tell an arrest (a person who holds someone is named: "the babysitter")
    r"|" + _UNNAMED_TOOK.pattern + r"|\b(?:lo|la|los|las) agarraron\b|\bagarraron a (?:mi|mis|nuestr[oa]s?) \w+"
    # "a mi esposa la dejaron en la frontera ... la tienen en la estacion de Yuma"
    r"|\b(?:lo|la|los|las) tienen en (?:la |el )?(?:estaci[oó]n|frontera|garita|puente|centro)\b|\b(?:frontera|border patrol station)\b"
    # "my brother and 4 guys from the kitchen got taken last night ... theyre at the madison county jail"
    r"|\b(?:got|were|was) (?:taken|picked up|grabbed)\b[^.?!]*[.?!]?[^.?!]*\b(?:county jail|jail|c[aá]rcel)\b",
    re.IGNORECASE,
)


def _situation_said(text: str, ranking: Sequence[Mapping[str, Any]], slots: Mapping[str, Any],
                    default: Optional[str] = None) -> Dict[str, Any]:
    """The situation a message also described, so that it is not asked again."""
    if situations.category_only(text):
        # "residencia" read as a question: the matter is asked ("What's happening?"); "familia" as the answer to it
        named = situations.category_named(text) if slots.get("requested_slot") == "situation" else None
        return {"situation": named, "situation_text": text[:1000]} if named and not slots.get("situation") else {}
    # ("how much do you charge for a marriage green card case", read as a fee question: the matter it names)
    read = situation_in_ranking(ranking, SITUATION_BESIDE_MIN_CONFIDENCE) or _named_in_ranking(ranking, text, NAMED_BESIDE)
    if read is None and flow.removal_stage(text or "") == "check_in":
        # "i have to go to ice tomorrow for my check in, should i go?": an ICE check-in is no other court's
        read = _named_in_ranking(ranking, text, ("removal",))
    if read is None and flow.removal_carried_out_or_ordered(text) and not (flow.detention_said(text or "") or facilities.facility_in(text or "")):
        # "my dad got sent back to peru two weeks ago" at "What's happening?": a removal told
        read = "removal"
    if read is None and flow.a_number_said(text) and flow.removal_stage(text or "") in ("hearing", "check_in", "removal_order", "nta_no_date"):
        # "A number 203-556-781 court this thursday harlingen": the court of a case with an A-number is immigration court
        read = "removal"
    # read as the opening reads a situation ("my i-589 is due ..." names a program, not "other")
    read = (situations.settle(read, ranking, text) or read) if read else default
    situation = flow.matter_told(read, text or "")
    if slots.get("situation") or not situation:
        return {}
    return {"situation": situation, "situation_text": text[:1000]} if text else {"situation": situation}


def opening_situation(intent: str, text: str, ranking: Sequence[Mapping[str, Any]],
                      slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The matter a first message tells when its intent is neither a matter nor an interruption
    ("my dad has court in san antonio jan 13, he needs a lawyer that speaks spanish" read as
    information): the classifier's situation when it is read plainly (``SITUATION_MIN_CONFIDENCE``)."""
    if intent.startswith(SITUATION_PREFIX) or intent in INTENTS or intent in ("crisis", "emergency_now"):
        return {}
    # ("Im Kwame Mensah 267-555-0144 need help with n400 ...": a name and a number pull the
    # reading to "inform"; the matter stands when its own words are there, an N-400)
    read = situation_in_ranking(ranking, SITUATION_MIN_CONFIDENCE) or _named_in_ranking(ranking, text)
    if read is None and facilities.facility_in(text) and not situations.RELEASED.search(text) and not situations.works_there(text):
        # "call me at eight one eight 555 0199 my sister is at adlanto since this past weekend": the
        # number pulls the reading to "inform" whatever the rest says; a detention centre named tells it
        read = "detention"
    if read is None and situations.job_at_the_firm(text) and not slots.get("situation"):
        return {"situation": "other", "situation_text": text[:1000]}  # "buenas tardes estan contratando? soy interprete"
    if read is None or read == "other":
        return {}
    return _situation_said(text, ranking, slots, default=read)


#: Beside a question (a fee, the office), a matter named by a program, a form or a relative's papers; a
#: court date alone may be another court's ("my son got a DUI and has court next month").
NAMED_BESIDE = ("family", "humanitarian", "employment", "citizenship")


def _named_in_ranking(ranking: Sequence[Mapping[str, Any]], text: str, among: Optional[Sequence[str]] = None) -> Optional[str]:
    """A situation the classifier ranks low but the message names in its own words (``_named_by_its_words``),
    one of ``among`` if given."""
    return next((category for item in ranking or ()
                 if (name := item.get("name") or "").startswith(SITUATION_PREFIX)
                 and (item.get("confidence") or 0) >= SITUATION_NAMED_MIN_CONFIDENCE
                 and (among is None or name[len(SITUATION_PREFIX):] in among)
                 and _named_by_its_words(category := name[len(SITUATION_PREFIX):], text)), None)


#: Someone held since a time: "they have my wife since friday", "la migra tiene a mi hijo desde el lunes".
_HELD_SINCE = re.compile(r"\b(?:they|ice|immigration|la migra|migra|migracion)\s+(?:still\s+)?(?:have|has|got|tienen|tiene)\s+"
                         r"(?:a\s+)?(?:my|mi)\s+\w+\s+(?:since|desde|for)\b", re.IGNORECASE)


def _named_by_its_words(category: str, text: str) -> bool:
    """Whether a message names the matter in words specific to it: a program, a work visa, a form,
    a relative's papers ("I need to schedule a consult for my fiancée's visa") or a removal case's step."""
    if category == "family":
        return situations.relatives_papers(text)
    if category == "removal":
        # "master hearing in 9 days, my a number is A-201 556 778": the case's own step, named
        return flow.removal_stage(text) in flow.STEPS
    if category == "detention":
        # "im calling from Yakima, my brother was taken to Tacoma", "está en el centro de Folkston": someone
        # held at a place named, or in a detention centre named
        # ("detuvieron a mi novio ayer y nadie me dice nada, me puede llamar alguien": taken lately, so held now)
        held = facilities.facility_in(text) is not None or any(m.role == roles.DETAINED for m in roles.mentions(text)) \
            or situations.taken_lately(text) or _HELD_SINCE.search(text) is not None
        return held and not situations.RELEASED.search(text)
    return category in NAMED_BY_THEIR_WORDS and situations.details_said(category, text)


def situation_beside_answer(intent: str, text: str, ranking: Sequence[Mapping[str, Any]],
                            slots: Mapping[str, Any]) -> Dict[str, Any]:
    """At "What's happening?", the situation in a message read as something else ({} if none).

    "immigration have him in virginia, farmville" reads as a place first and detention
    second; agents at the door right now are enforcement unless the message says more.
    A crisis or a question has its own path (``handle``).
    """
    if intent == "emergency_now":
        return _situation_said(text, ranking, slots, default="enforcement")
    if intent.startswith(SITUATION_PREFIX) or (intent in INTENTS and intent != "express_distress"):
        # (fear is often the matter itself: "tengo miedo que lo agarre la migra, quiero saber que hacer")
        return {}
    return _situation_said(text, ranking, slots)


def _situation_at_question(text: str, ranking: Sequence[Mapping[str, Any]], slots: Mapping[str, Any],
                           repeated: bool, intent: str = "", told: bool = False) -> Dict[str, Any]:
    """An answer to "What's happening?" read as something else: its situation, or a try towards "other"
    (``told``: the message is the matter itself, "can i move my consultation to monday?")."""
    said = _situation_said(text, ranking, slots)
    if said:
        return said
    if told:
        return {"situation": "other", "situation_text": text[:1000]}
    tries = int(slots.get("situation_tries") or 0) + 1
    if repeated or tries >= situation_tries(intent, text):
        return {"situation": "other", "situation_text": text[:1000], "situation_tries": tries}
    return {"situation_tries": tries}


def _agents_here(answer: "Answer", place: str, slots: Mapping[str, Any], firm: Any) -> None:
    """Agents at hand now: know-your-rights for where they are, and the intake marked urgent."""
    answer.messages += _urgent_help(answer, "ice_present_now", slots, firm, place=place)
    answer.slots["ice_present_now"] = True


def _agents_said_here(answer: "Answer", intent: str, text: str, slots: Mapping[str, Any], firm: Any) -> bool:
    """A yes to "Are agents there right now?" heard by this action ("si still there", read as a question):
    know-your-rights now, as the form gives it after a plain yes. Whether it was given."""
    if slots.get("requested_slot") == "ice_present_now" and answer.slots.get("ice_present_now") is True \
            and slots.get("ice_present_now") is not True and intent not in ("crisis", "emergency_now") \
            and "ice_present_now" not in (slots.get("urgency_notified") or []):
        _agents_here(answer, urgency.agents_place(text or "", slots.get("situation_text") or "") or "home", slots, firm)
        return True
    return False


def _urgent_help(answer: "Answer", reason: str, slots: Mapping[str, Any], firm: Any, place: Optional[str] = None) -> List[Any]:
    """The help for one urgency reason (``bot.resources``), with the intake marked urgent for it
    and the reason noted as told, as the form would mark it (so the help is not given twice)."""
    from bot import resources  # late: resources reads the firm profile

    # (with the reasons this answer already heard: "my son is being deported tonight" is held, and removal is near)
    reasons = set(slots.get("urgency_reasons") or []) | set(answer.slots.get("urgency_reasons") or []) | {reason}
    notified = list(answer.slots.get("urgency_notified") or slots.get("urgency_notified") or [])
    answer.slots.update(urgency_reasons=[r for r in urgency.REASONS if r in reasons],
                        urgency_notified=notified + ([] if reason in notified else [reason]))
    return resources.messages_for([reason], firm, place=place)


def _someone_held(answer: "Answer", slots: Mapping[str, Any], firm: Any) -> None:
    """Someone taken, told beside a danger: the detainee locator after the danger help, and the
    intake marked urgent."""
    if "detained_now" in (slots.get("urgency_notified") or []):
        return
    help_ = _urgent_help(answer, "detained_now", slots, firm)
    answer.messages = [(answer.responses[0], {})] + help_ + [(r, {}) for r in answer.responses[1:]]
    answer.responses = []


#: An answer that names only whom or what the matter is about: "its about my job", "es por mi esposo", "help pls its my son".
_ABOUT_SOMEONE = re.compile(r"\b(?:about|por|sobre|de parte de)\s+(?:my|mi|mis|su|our|nuestr[oa])\s+\w+|\b(?:its|it'?s|it is|es)\s+(?:my|mi)\s+\w+",
                            re.IGNORECASE)


def matter_in_details(intent: str, text: str, ranking: Sequence[Mapping[str, Any]], slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The matter told where "something else", read from a plea that named none, asks what to help with:
    "quick question about mi cuñado", then "he has a removal order from 5 years ago and does check ins"
    is the removal case ({} if none)."""
    if slots.get("situation") != "other" or slots.get("requested_slot") != "details" or not text:
        return {}
    told = slots.get("situation_text")
    if not situations.untold(told) and not (slots.get("situation_tries") and _ABOUT_SOMEONE.search(told or "")):
        # "something else" told ("what are your hours?", or "cambio de dirección" that could not be placed): the
        # details add to it; "its about my job", not placed, named only whose or what, so the details tell the matter
        return {}
    read = situations.category_for_intent(intent)
    # (read as "something else" too: "my boss says my social security doesnt match" is the employer's check)
    # (read as "something else", only what the words name, not a runner-up of the classifier)
    settled = situations.settle(read, ranking if read != "other" else [], text) if read is not None else None
    if settled in (None, "other"):
        return {}
    return {"situation": flow.matter_told(settled, text), "situation_text": text[:1000]}


def agents_situation(text: str, ranking: Sequence[Mapping[str, Any]], slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The matter once agents are at hand: theirs, unless someone is already held.

    "question about daca" or "I have court in March" first, then "ICE is at my
    door right now": the matter is now the agents (the court case stays in its
    own slots for staff). A detention already told stays.
    """
    if slots.get("situation") and slots.get("situation") not in flow.PRESSING_SITUATIONS:
        said = _situation_said(text, ranking, {**slots, "situation": None}, default="enforcement")
        if said.get("situation") not in flow.PRESSING_SITUATIONS:
            said = {"situation": "enforcement", "situation_text": (text or "")[:1000]}
    else:
        said = _situation_said(text, ranking, slots, default="enforcement")
    if said.get("situation") == "detention" and not flow.detention_said(text) and not flow.relative_taken(text) \
            and not situations.held_in_a_jail(text):
        # "a man with a warrant at the door asking for my husband": nobody is held yet (but "my husband is sitting in
        # the jail ... they say ICE is coming to get him" is)
        said["situation"] = "enforcement"
    if said.get("situation") == "other":
        # "Estoy en el trabajo y llegó la migra, están en la oficina del frente" read as something else:
        # agents at hand are the matter
        said = {"situation": "enforcement", "situation_text": (text or "")[:1000]}
    return said


def intent_classifier_only(entities: Iterable[Mapping[str, Any]], text: str) -> bool:
    """Whether a ``crisis`` intent is the intent classifier's alone: neither the patterns nor the
    learned danger reader (which name a kind, ``components.safety_net``) read danger in the words.

    Such a reading is a guess: the help is given (every line, recall first), but the intake is
    not flagged for staff. On the tuned conversation sets (11,612 distinct messages) the intent
    classifier alone read 9 messages as a crisis: 8 ordinary ones ("kill devil hills nc", "he is
    inside the house with me") and one crisis answer whose opening the patterns had read already.
    """
    return bool(text) and not text.startswith("/") and not entity(entities, "crisis_kind") and safety.detect_wide(text) is None


def _facts_told(answer: Answer, text: str, slots: Mapping[str, Any], today: Optional[date]) -> None:
    """The matter's facts a message told beside the danger or the agents (the form takes nothing
    from a message the interruption answers, and would ask them)."""
    situation = answer.slots.get("situation") or slots.get("situation")
    if situation:
        # ("en cuatro días, y si me deportan prefiero matarme" at "When is the next hearing?": its date)
        said = flow.answers_in_text(situation, text or "", today or date.today(), stage_known=slots.get("removal_stage"))
        answer.slots.update({k: v for k, v in said.items() if slots.get(k) is None and k not in answer.slots})
    # "soy reyna castillo, a mi esposo lo detuvo ICE anoche ... mi cel es 615 555 0731": who and how to call
    from bot.places import resolver

    told = contact.said_in_passing(text or "", slots, slots.get("requested_slot"), resolver.country_code(slots.get("country")))
    answer.slots.update({k: v for k, v in told.items() if k not in answer.slots})


def handle(intent: str, text: str, entities: Sequence[Mapping[str, Any]], ranking: Sequence[Mapping[str, Any]],
           slots: Mapping[str, Any], firm: Any, today: Optional[date] = None, repeated: bool = False,
           free_text: bool = False) -> Answer:
    """The answer to an interrupting message, and the slots it sets.

    A crisis gets the help for its kind (every line when the kind is unknown)
    in the visitor's language, and a safety flag; a live emergency gets
    know-your-rights for where the agents are and marks the intake urgent.
    Anything else gets its one reply.
    """

    answer = Answer()
    pending = slots.get("requested_slot")
    if pending in ("a_number", "detained_where") and intent not in ("crisis", "emergency_now") and a_number_asked_about(text, pending):
        # "que es el numero A? donde lo encuentro", read as a request for someone's data: where it is written
        answer.responses.append("utter_a_number_where")
        return answer
    if pending == "detained_where" and intent not in ("crisis", "emergency_now") and where_held_asked_about(text):
        # "how do i find out where he is??": where to look, then the question again ("where did they take
        # him? we dont know": not known)
        answer.messages.append(("utter_help_detained", resources.facts(firm)))
        if where_held_not_known(text):
            answer.slots[pending] = "unknown"
        return answer
    answer.slots.update(declined(pending, text, slots))
    # Never let an interruption swallow an answer: a message that plainly answers the
    # pending question, or the same words sent twice, also fill it (the form validates them).
    # A weak guess of the learned danger reader gets the help, but does not swallow the
    # answer ("they said maybe the place in alvarado? i dont know" at "Where is he held?").
    guess = intent == "crisis" and (entity(entities, "crisis_reading") == safety.GUESS or intent_classifier_only(entities, text)
                                    # "no sabemos, creo que en el puente" where someone held is asked about: a border bridge
                                    or (pending in ("detained_where", "detained_since") and safety.bridge_only(text or "")))
    found = safety.detect_wide(text) if intent == "crisis" and text else None
    # Only a learned reader saw danger ("they still have him in the car i think" at "Where is he held?")
    learned_only = intent == "crisis" and bool(text) and found is None
    welcome = (pending in WORDS_WELCOME and (intent in WELCOME_WITH_REPLY + WELCOME_SILENT
                                             or (intent in WELCOME_UNLESS_ASKED and not is_question(text)))) or (
        pending in WORDS_TAKEN and (intent in WELCOME_SILENT or guess or learned_only) and intent != "request_others_data") or (
        pending in WORDS_TAKEN_BESIDE_A_GUESS and guess and learned_only)
    plain = free_text and pending is not None and plainly_answers(pending, text, today or date.today())
    released = slots.get("situation") == "detention" and bool(text) and flow.no_longer_held(text)
    if released:
        # "acaba de llamar! dice que ya lo soltaron con fianza ... le dieron corte en dos meses", read as anything at
        # all: nobody is held now, the case goes on; the news is not the answer to where, since when or where you are
        answer.slots.update(released_news(text, slots, today or date.today()))
        welcome = plain = False
    if free_text and pending is not None and pending != "situation" and (  # free text: a question is pending
        welcome or (repeated and (intent in SOFT or pending != "location")) or plain
    ):
        answer.slots.update(answer_slots(pending, text, today or date.today()))
        if repeated and pending not in answer.slots:
            # the same words twice that read as no value ("el officer dijo que vaya lo antes posible, no dio día" at a
            # date question): kept as said, never asked a third time
            answer.slots.update(flow.give_up(pending, text))
        if intent in SOFT and intent not in WELCOME_WITH_REPLY:
            return answer
        if pending == "contact_name" and plain and intent not in ("crisis", "emergency_now") and name_after_question(text):
            # "pa q lo necesitan? bueno es Ramon Garcia": the name, and why it is asked
            if intent in ("ask_privacy", "request_others_data"):
                answer.responses.append(REPLIES["ask_privacy"])
            return answer
        if (intent in ANSWER_NOT_REFUSAL or (pending == "contact_name" and intent not in ("crisis", "emergency_now"))) \
                and plain and not is_question(text):
            # ("Le Van Hung" read as a privacy question, "Me llamo Efraín" as a request for a person: a name)
            # "The family will send it" or "she has a green card, no a number with her" at the
            # A-number: an answer, not a question to refuse
            return answer
        if plain and pending in DATE_QUESTIONS and intent not in ("crisis", "emergency_now") and dates.says_when(text) \
                and not is_question(text):
            # "next wednesday" at "When is the next hearing?", read as a booking to move: only the date
            return answer
    elif pending == "consent" and intent not in ("crisis", "emergency_now") and flow.refuses_consent(text or ""):
        # "nah prefiero no dar mis datos, sorry", read as a question about privacy: a no, told as one
        answer.slots["consent"] = False
        answer.responses.append("utter_consent_refused")
        return answer
    elif pending == "consent" and intent not in ("crisis", "emergency_now") and repeated and not flow.consents(text or "", intent, False):
        # "who sees this?" again after the firm's privacy answer: no yes was given, and asking a
        # third time would be a loop. Nothing is kept, and the reply says how to reach the firm.
        answer.slots["consent"] = False
        answer.responses.append("utter_consent_refused")
        return answer
    elif pending and not free_text and (yes_no := YES_NO.match(text or "")):
        # "no, just want to be ready" at a yes/no question
        answer.slots[pending] = yes_no.group(1) is not None
        if pending == "consent" and answer.slots[pending] is False and intent not in ("crisis", "emergency_now"):
            # "no i dont want you to keep my information": a refusal, told as one (the form
            # does not validate a slot this action set, so the refusal is answered here).
            answer.responses.append("utter_consent_refused")
            return answer
        if _agents_said_here(answer, intent, text, slots, firm) and not is_question(text):
            return answer  # the help for the agents is the reply ("si still there", read as a question)
        if intent in SOFT:
            return answer
    elif pending == "ice_present_now" and learned_only and slots.get(pending) is None \
            and flow.agents_here_answer(text, today or date.today()) is False:
        # "aqui en mi casa no, en la tienda dicen que si", a danger only the learned reader saw: the help, and the no kept
        answer.slots[pending] = False
    elif pending and not free_text and repeated and slots.get(pending) is None and (
            intent not in ("crisis", "emergency_now") or learned_only):
        # The same words again at a button question ("si still there, they just sitting", read as a legal
        # question, or "aqui en mi casa no, en la tienda dicen que si" as a danger only the learned reader
        # saw): read as its answer, or the question settles; it is not asked a third time
        heard = {k: v for k, v in answer_slots(pending, text, today or date.today()).items() if v is not None} \
            if pending == "ice_present_now" else {}
        answer.slots.update(heard or flow.give_up(pending, text))
        if _agents_said_here(answer, intent, text, slots, firm) and not is_question(text):
            return answer
    if intent in ("crisis", "emergency_now") and text and slots.get("location") is None and pending is not None and not released:
        # "estoy en casa de una amiga en irving, me salí anoche porque mi esposo me golpeó" at
        # "Where are you?": the help, and the place is kept (the form takes nothing from a crisis)
        answer.slots.update(location.heard_in_passing(text, None, slots))
        first = _FIRST_CLAUSE.match(text)
        if pending == "location" and "location" not in answer.slots and first:
            # "charlotte, at home. honestly if they send me back i'd rather kill myself": the answer comes
            # first, then the danger; the place is read as an answer would be
            said_place = location.answer_place(first.group(1), first.group(1))
            if said_place is not None and not said_place.candidates:
                answer.slots.update(location.slots_for(said_place))
    if intent == "crisis":
        kind, language = entity(entities, "crisis_kind"), entity(entities, "message_language")
        if not kind and found:
            # The intent classifier alone said "crisis": the safety net, which runs both
            # readers in the Rasa server, read no kind; the patterns may still name one.
            kind, language = found.kind, language or found.language
        language = language or "en"
        if kind == "dv" and slots.get("situation") == "family" and situations.abused_by_partner(text):
            # "papeles sin mi esposo ... él me pega cuando toma y me dice que si lo dejo me hace deportar": papers
            # without the abuser, the self-petition for victims (VAWA)
            answer.slots["situation"] = "humanitarian"
        if guess and pending == "intake_confirmed" and text:
            # "wait thats wrong, they moved it to this monday", read as a weak sign of danger: the help,
            # and the correction is heard (the summary is shown again with it)
            answer.slots.update(flow.corrected_at_summary(text, slots, None, today or date.today()))
            if answer.slots.get("hearing_date") and slots.get("situation") == "removal":
                # ("ya no es este jueves, la pasaron para dentro de dos meses": soon no longer, as the summary shown again says)
                answer.slots["urgency_reasons"] = flow.reasons_after_new_date(
                    slots.get("urgency_reasons") or [], answer.slots["hearing_date"], slots.get("removal_stage"), today or date.today())
        elif guess and text and slots.get("situation") in ("removal", "detention") and (
                _PUT_RIGHT.search(text) or flow.removal_stage(text) in flow.STEPS):
            # "wait sorry i looked at the letter again its not next month its next thursday!!" at another
            # question, read as a weak sign of danger: the help, and the case's new date is kept
            facts = flow.answers_in_text(slots["situation"], text, today or date.today(), slots.get("removal_stage"))
            answer.slots.update({k: v for k, v in facts.items() if k in _CASE_FACTS and k != pending and v != slots.get(k)})
        # a weak guess of the learned reader gets every line, without presuming which danger
        help_line = CRISIS_UNSURE if guess and (found is None or safety.bridge_only(text or "")) else CRISIS_REPLIES.get(kind or "", "utter_crisis_general")
        answer.responses += [help_line, "utter_crisis_continue"]
        if pending == "consent" and text and (said := flow.consent_answer(text)) is not None:
            # "no thank you, i will just call the office myself" read as danger: the help, and the
            # answer to "May I save this?" is heard too (it had been asked again, and again)
            answer.slots["consent"] = said
            if said is False:
                answer.responses.append("utter_consent_refused")
        beside = next((r.get("name") for r in ranking or () if r.get("name") != "crisis"), None)
        if learned_only and beside in HEARD_BESIDE_A_GUESS:
            # Only the learned reader saw danger ("so scared, I haven't slept in days"): the help,
            # and the words the message was most likely written for.
            answer.responses.insert(0, REPLIES[beside])
        story = slots.get("situation_text") if slots.get("situation") == "humanitarian" else None
        # ("me pegaron y me robaron ... fui a declarar" at the program question, after "me asaltaron el año pasado y
        # la policía hizo reporte": the harm of the visa's story, told in the past)
        history = bool(text) and (safety.past_and_safe(text) or bool(
            story and not _AS_THINGS_ARE.search(safety.normalize(text)) and safety.past_and_safe(f"{story}. {text}")))
        if not (guess or (text and (history or roles.danger_abroad(text) or safety.fear_figure(text)))):
            # Help for all; the flag (first in the staff inbox) only where danger may be present
            # here: not a weak guess of the learned reader, not history, not only in another
            # country (no call staff can answer helps there), and not fear said as "i cant breathe".
            answer.slots["safety_flag"] = kind or "unspecified"
        if language == "es":
            answer.slots.update(language="es", reply_language="es")
        # Beside a danger, "they are still outside" is the attackers unless agents are named.
        # Only the learned reader saw danger in "they are arresting people at the car wash": the agents.
        place = urgency.live_emergency(text or "") if (urgency.agents_named(text or "") or learned_only) else None
        if place is None and learned_only and slots.get("situation") == "enforcement" and urgency.agents_back_now(text or ""):
            place = "home"  # "wait they are back, 2 trucks outside my building right now", in a story of agents
        if place is not None:
            # "agents in the hallway knocking every door, they are close": the danger help
            # first, then know-your-rights for where the agents are, then the way back.
            _agents_here(answer, place, slots, firm)
            answer.messages = [(answer.responses[0], {})] + answer.messages + [(r, {}) for r in answer.responses[1:]]
            answer.responses = []
            if slots.get("situation"):
                answer.slots.update(agents_situation(text or "", ranking, slots))
        known = set(answer.slots.get("urgency_reasons") or slots.get("urgency_reasons") or [])
        signals = set(urgency.signals_in_story(text or "", today, slots.get("situation"), slots.get("situation_text"))) - {"ice_present_now"}
        if signals - known:
            # "my son is being deported tonight" read as danger: what makes the matter urgent is heard too
            # (agents at hand are told by the emergency reading above, not here)
            answer.slots["urgency_reasons"] = [r for r in urgency.REASONS if r in known | signals]
        situation = situation_beside_crisis(ranking, kind, text or "")
        if situation == "family" and kind == "dv" and situations.abused_by_partner(text):
            situation = "humanitarian"  # ("mi esposo ... no me quiere arreglar, me pega": the self-petition for victims)
        if learned_only and (situation is None or (guess and situation == SITUATION_OF_CRISIS.get(kind or ""))):
            # Only the learned reader saw danger, and nothing beside it was read (or only the matter of
            # its kind, from a weak reading): the matter is read as any message's ("el lunes me toca ir
            # a firmar a la oficina de la migra ... q hago"), but never a detention or agents the words
            # do not tell (_matter_beside_crisis reads those)
            beside = [r for r in ranking or () if r.get("name") != "crisis"]
            read = _situation_said(text or "", beside, slots).get("situation")
            # (raids said are agents told: "dicen que va a haber redadas esta semana ... que hago si llegan")
            told = read != "detention" and (read != "enforcement" or urgency.raid_said(text or ""))
            situation = "removal" if _case_in_court(text or "") else (read if told else None)
        if not situation and place is not None:
            # "están haciendo una redada en la empacadora ahorita, mi esposo está adentro y no contesta":
            # beside the danger, the agents at hand are the matter
            situation = "enforcement"
        if not situation and pending == "situation" and slots.get("safety_flag"):
            # The help was given already and this is the answer to "What's happening?": kept, not asked again.
            situation = "other"
        if situation and (not slots.get("situation") or (
                slots.get("situation") == "other" and situation != "other"
                and (situation != SITUATION_OF_CRISIS.get(kind or "") or situations.persecution_told(text)
                     # (the danger's own matter when nothing was told before it: "necesito ayuda con mis papeles", then
                     # "mi esposo ... me pega y me encierra")
                     or situations.untold(slots.get("situation_text")) or bool(slots.get("situation_tries")))
                and not flow.keeps_situation("other", situation, pending, text or "")
                and not situations.scam_call(f"{slots.get('situation_text') or ''}. {text or ''}"))):
            # (and a matter its words tell beside the danger, after "something else": "i think my boss is doing something
            # wrong with my visa", then "lincoln nebraska, im on an h-2b and he doesnt pay ... says if i complain he cancels
            # my visa"; not the danger's own matter: "he's outside with a bat" after a notario's fraud stays the fraud)
            answer.slots.update(situation=situation, situation_text=(text or "")[:1000])
        if answer.slots.get("situation") or slots.get("situation"):
            # "lo tiene la migra desde hace 5 dias en eloy y ... se va a matar": where and since are
            # told too; and at "Where is he held?", "jena i think. he told me he'd rather kill himself"
            # answers it beside the danger
            _facts_told(answer, text, slots, today)
        if situation == "detention" and place is None and not slots.get("situation"):
            # "they just grabbed my dad in front of the school and put him in a van": the danger
            # help first, then where to find someone taken, then the way back
            _someone_held(answer, slots, firm)
        if repeated and pending and slots.get(pending) is None and pending not in answer.slots:
            # The same words again at a question: the help again, but the question is not asked a third time.
            if pending == "situation":
                answer.slots.update(_situation_at_question(text, ranking, {**slots, **answer.slots}, True, intent))
            else:
                answer.slots.update(flow.give_up(pending, text))
        return answer
    if intent == "emergency_now":
        _agents_here(answer, entity(entities, "emergency_place") or urgency.live_emergency(text) or "home", slots, firm)
        answer.slots.update(agents_situation(text, ranking, slots))
        if not slots.get("situation"):
            _facts_told(answer, text, slots, today)
        return answer
    if slots.get("situation") and text and pending in flow.MATTER_SLOTS:
        # "can i just talk to a lawyer today? he's in the elizabeth one by the airport" at "Where is he
        # held?": the question's own answer, and any other fact of the matter, is kept beside the reply
        _facts_told(answer, text, slots, today)
    own_case = intent == "request_others_data" and bool(OWN_CASE.search(text or ""))
    # ("my uncle is afraid the hospital will report him to immigration": a worry told, not a question asked)
    their_matter = intent in MATTER_AT_SITUATION or own_case or (intent == "ask_privacy" and not is_question(text))
    if pending == "situation" and not slots.get("situation") and (intent in TRIES_AT_SITUATION or repeated or their_matter):
        answer.slots.update(_situation_at_question(text, ranking, slots, repeated, intent, told=their_matter))
        if intent in SOFT and answer.slots.get("situation"):
            return answer  # placed (or "other"): the form goes on, no reply needed
    elif pending in EARLY_QUESTIONS:
        # "I lost my naturalization certificate, how do I replace it?" as a first message:
        # answered as a question, and the situation it describes is kept ("can i go to
        # colombia for 7 months with my green card?" is a travel question: "other").
        # An office or fee question ("where is your office, do you speak spanish?", "cuanto cobran por una
        # consulta?") told with no matter is the visitor's matter too: "other", and the details question
        # asks what they need.
        other = situations.travel_question(text) or (intent in ("ask_office", "ask_cost") and pending in (None, "consent")
                                                     and not slots.get("intake_saved") and not asks_which_language(text))
        answer.slots.update(_situation_said(text, ranking, slots, default="other" if other else None))
    if own_case:
        answer.responses.append("utter_case_status")  # a client asking about their own case
    elif intent == "nlu_fallback" and answer.slots.get("situation") and pending in (None, "consent"):
        pass  # a first message whose matter was read after all: the form acknowledges it ("didn't catch that" would not)
    elif intent == "request_others_data" and answer.slots.get("situation") in ("detention", "enforcement") \
            and pending in (None, "consent") and not is_question(text):
        # "esta mañana se llevaron al esposo de mi vecina ..., me pidio que escribiera": news told for someone, not a
        # request for their data; the form acknowledges the matter
        pass
    else:
        answer.responses.append(REPLIES.get(intent) or "utter_default")
    if intent == "non_english" and attorney_speaks(entity(entities, "message_language") or slots.get("language"), firm):
        # firm.yml says an attorney speaks it: said in that language, and booking goes to them
        answer.responses.append("utter_attorney_speaks_language")
    if intent == "request_deletion":
        answer.slots["deletion_requested"] = True
    return answer
