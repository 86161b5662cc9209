"""The intake form: validation, the summary question and submission.

Every decision is made in ``bot``; these classes read the tracker, call it,
and turn the answers into slot events and messages.
"""
from __future__ import annotations

import logging
import sqlite3
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.clock import now, today
from actions.db import intake_db
from actions.messages import (ever_set, latest_intent, latest_text, said_again, said_in_session, said_this_turn, set_lately, slot_before_turn, told_languages,
                              user_texts)
from bot import (after_hours, cards, contact, dates, flow, follow_ups, funnel, intake, interruptions, language, resources, situations, store, updates,
                 urgency)
from bot.places import location, resolver
from bot.firm import firm

logger = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 1000


def parsed_answer(slot: Text, value: Any, parse: Any, dispatcher: CollectingDispatcher, skip: Optional[Text] = "none") -> Dict[Text, Any]:
    """Validate a typed answer with a ``bot.contact`` parser: ``(value, problem)``.

    The skip value ("none" / "unknown", from "skip" or "I don't know") passes
    as it is; a problem is told to the visitor and the question asked again.
    """
    if value == skip:
        return {slot: value}
    parsed, problem = parse(str(value))
    if problem:
        dispatcher.utter_message(response=problem)
    return {slot: parsed}


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_ANSWER_CHARS else text[: MAX_ANSWER_CHARS - 1] + "…"


def _another_fact(tracker: Tracker, text: str) -> Dict[str, Any]:
    """Facts of the case a reply gives instead of the answer asked ("su A es 215 667 120", "es el viernes
    de esta semana" once the check-in is known), as ``flow.answers_in_text`` reads them."""
    return flow.answers_in_text(tracker.get_slot("situation"), text, today(), stage_known=tracker.get_slot("removal_stage"))


class ValidateIntakeForm(FormValidationAction):
    """validate_intake_form: one ``validate_<slot>`` per question, plus bookkeeping."""

    def name(self) -> Text:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return flow.required_slots(tracker.slots)

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events = await self._validation_events(dispatcher, tracker, domain)
        slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
        try:
            funnel.record(intake_db(), tracker.sender_id, funnel.reached(slots), now())
        except sqlite3.Error:  # the dashboard's count never stops a conversation
            logger.exception("funnel not recorded")
        return events

    async def _validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if latest_intent(tracker) == "crisis" and tracker.active_loop_name == "intake_form" and tracker.get_slot("requested_slot"):
            # A person in danger mid-form: nothing is taken from the message here, so the form
            # rejects it and the interruption rule gives the help first. A place or "they are
            # outside" heard in passing would otherwise let the form go on without it.
            return []
        heard_first = self._acknowledge(dispatcher, tracker)
        if latest_intent(tracker) != "ask_cost" and interruptions.asks_about_fees(latest_text(tracker)):
            # "cuanto cuesta arreglar papeles por matrimonio?": the matter is taken, the fee answered too.
            dispatcher.utter_message(response=interruptions.REPLIES["ask_cost"])
        asked = tracker.get_slot("requested_slot")
        events = await super().get_validation_events(dispatcher, tracker, domain)
        heard = {**heard_first, **self._heard(dispatcher, tracker)}
        now_known = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}, **heard}
        if now_known.get("location_candidates") and not now_known.get("state"):
            # "portland" said with a 503 number: Oregon, not "which state?"
            heard.update(location.settled_by_phone(now_known, contact.phone_state(now_known.get("contact_phone"))))
        elif now_known.get("contact_phone") and now_known.get("city") and now_known.get("state"):
            # "gainesville" read as Florida's, and a Georgia number given: Georgia's, unless the state was said
            heard.update(location.namesake_by_phone(now_known, contact.phone_state(now_known.get("contact_phone")),
                                                    user_texts(tracker)))
        intent = latest_intent(tracker)
        misread = intent not in interruptions.INTENTS or intent in interruptions.SOFT
        if asked and tracker.slots.get(asked) is None and asked not in heard and misread and said_again(tracker):
            # The same words twice and still not an answer: keep them, never ask a third time.
            heard.update(flow.give_up(asked, latest_text(tracker)))
        tracker.slots.update(heard)
        events += [SlotSet(k, v) for k, v in heard.items()]
        if not events:
            # Nothing was filled: let the form reject so interruption rules apply.
            return events
        if intent in interruptions.ANSWERED_BESIDE_FACTS and not said_this_turn(tracker, interruptions.REPLIES[intent]):
            # "do you do payment plans? my court date is january 12": the date is taken, so no
            # interruption rule runs; the question is answered here (once: an opening's question
            # is answered by the interruption action before the form starts).
            dispatcher.utter_message(response=interruptions.REPLIES[intent])
        return events + self._after_validation(dispatcher, tracker)

    # --- what the message said, whatever was asked ------------------------------

    def _acknowledge(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """One line before the disclaimer that shows the first message was understood."""
        intent = latest_intent(tracker)
        if tracker.get_slot("acknowledged") or tracker.get_slot("consent") is not None:
            return {}
        if not intent.startswith(interruptions.SITUATION_PREFIX) or not latest_text(tracker):
            return {}
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        read = situations.category_for_intent(intent)
        # the category the words settle on ("detention after school" is not a detention)
        # (none, for a plea that does not say what is happening: the plain acknowledgement, the matter asked)
        settled = situations.settle(read, ranking, latest_text(tracker)) or "other"
        dispatcher.utter_message(response=f"utter_ack_{settled}")
        if settled == "other" and interruptions.office_question(latest_text(tracker)):
            # "¿a qué hora abren el sábado?", read as "something else": the office's hours too
            dispatcher.utter_message(response=interruptions.REPLIES["ask_office"])
        if interruptions.asks_for_advice(latest_text(tracker), ranking):
            # "Can I get a green card if I married a citizen?": heard, and answered the only way the assistant may.
            dispatcher.utter_message(response="utter_no_legal_advice")
        return {"acknowledged": True}

    def _heard(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """Slots a message fills beyond the answer to the pending question.

        A place is the visitor's location only when the message says so
        (``bot.places.roles``); a place with no clear role is asked about; dates,
        A-numbers and stages said in passing are never asked again; deadlines
        and agents at the door count for urgency in any message.
        """
        text = latest_text(tracker)
        if not text or tracker.get_slot("consent") is False:
            return {}
        slots = tracker.slots
        asked = slots.get("requested_slot")
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        out: Dict[Text, Any] = {}
        if slots.get("location") is None and asked not in ("location", "location_state"):
            out.update(location.heard_in_passing(text, asked, slots))
        # a name, phone or email said unasked: not asked again
        out.update(contact.said_in_passing(text, slots, asked, resolver.country_code(slots.get("country"))))
        if slots.get("contact_name") is None and "contact_name" not in out and asked != "contact_name" \
                and not ever_set(tracker, "contact_name"):
            # "hi this is Amanda Greer, i had a consult booked...", said before the intake began (in the
            # booking flow): not asked again either
            earlier_name = next(filter(None, (contact.name_introduced(words) for words in user_texts(tracker)[:-1])), None)
            if earlier_name:
                out["contact_name"] = earlier_name
        if slots.get("situation") is None and asked in (None, "consent") and not user_texts(tracker)[:-1]:
            # "my dad has court in san antonio jan 13, he needs a lawyer that speaks spanish" (read as
            # information first): the matter the first message tells is not asked again
            out.update(interruptions.opening_situation(latest_intent(tracker), text, ranking, slots))
            slots = {**slots, **out}
        if asked in ("detained_where", "detained_since") and slots.get("situation") == "detention" and flow.nobody_held(text):
            # "not detained" where the detention read in the story is asked about: the matter is read
            # again without it ("tiene su cita con ICE en 3 semanas": the removal case), or asked
            dispatcher.utter_message(response="utter_not_a_detention")
            out.update(situation=flow.matter_without_detention(str(slots.get("situation_text") or "")),
                       detained_where=None, detained_since=None,
                       urgency_reasons=[r for r in slots.get("urgency_reasons") or [] if r != "detained_now"])
            slots = {**slots, **out}
        told = interruptions.matter_in_details(latest_intent(tracker), text, ranking, slots)
        if told:
            # "quick question about mi cuñado", then "he has a removal order and does check ins": the matter
            out.update(told)
            slots = {**slots, **out}
        situation = slots.get("situation")
        if slot_before_turn(tracker, "situation") == "detention" and situation not in (None, "detention") \
                and "detained_now" in (slots.get("urgency_reasons") or []):
            # "hes not detained anymore, they let him out last night with an ankle monitor": nobody is held now
            out["urgency_reasons"] = [r for r in slots.get("urgency_reasons") or [] if r != "detained_now"]
            slots = {**slots, **out}
        unanswered = [f for f in flow.FOLLOW_UPS.get(situation or "", []) if slots.get(f) is None]
        # Only in the turns right after the matter became known (here, or by the interruption action
        # a turn before): the earlier messages are read once, not on every message.
        lately = situation != slot_before_turn(tracker, "situation") or set_lately(tracker, "situation")
        earlier = user_texts(tracker)[:-1] if unanswered and lately else []
        for words in earlier:
            # The matter is known only now: what was said before it ("he's in Eloy, since
            # Monday, A 216 004 589") answers its questions too, so they are not asked.
            said = flow.answers_in_text(situation, words, today())
            out.update({k: v for k, v in said.items() if slots.get(k) is None and k not in out and k != asked})
        said = flow.answers_in_text(situation, text, today(), stage_known=slots.get("removal_stage"))
        out.update({k: v for k, v in said.items() if slots.get(k) is None and k != asked})
        fixed = flow.corrected(said, slots, text)  # "wait no i read it wrong, its next friday"
        out.update(fixed)
        if fixed.get("hearing_date"):
            # "they cancelled the wednesday one, new date is like 4 months from now": soon no longer
            out["urgency_reasons"] = flow.reasons_after_new_date(slots.get("urgency_reasons") or [], fixed["hearing_date"],
                                                                 slots.get("removal_stage"), today())
        out.update(flow.where_held_news(said, slots, text))  # "they just called, they moved him to pine prairie"
        out.update(flow.place_set_right(text, slots, asked))  # "sorry i put X but im actually staying in Y"
        signals = urgency.signals_in_story(text, today(), situation, slots.get("situation_text"))
        known = out.get("urgency_reasons", slots.get("urgency_reasons")) or []
        if set(signals) - set(known):
            out["urgency_reasons"] = [r for r in urgency.REASONS if r in set(known) | set(signals)]
            if "ice_present_now" in signals and slots.get("ice_present_now") is not True:
                # (also after a "no": "they came asking for my son" read as gone, then "they are still outside")
                out["ice_present_now"] = True
            if "ice_present_now" in signals and urgency.agents_named(text) and (
                    situation or asked not in (None, "consent", "situation")):
                # agents at hand said where the form took the message (at the summary, or "moreno valley, ice
                # is outside my house right now" at "Where are you?"): their matter now, not asked
                out.update(interruptions.agents_situation(text, ranking, slots))
        if (asked not in (None, "consent", "situation") and slots.get(asked) is None and asked not in out
                and latest_intent(tracker) == "emergency_now" and "ice_present_now" in out
                and interruptions.plainly_answers(asked, text, today())):
            # "it was half an hour ago and the agents are still here": the form gives the help
            # for the agents (below), and the answer is kept, as the interruption action would
            # keep it (the form's mapping skips a message whose intent is not an answer).
            out.update({k: v for k, v in interruptions.answer_slots(asked, text, today()).items() if k not in out})
        out.update({k: v for k, v in interruptions.declined(asked, text, slots).items() if k not in out})
        if (asked not in (None, "consent", "situation") and asked not in interruptions.WORDS_WELCOME and slots.get(asked) is None
                and asked not in out and latest_intent(tracker) in interruptions.ANSWER_BESIDE
                and interruptions.plainly_answers(asked, text, today())):
            # "they gave me a number but I wrote it on a paper at work" at the A-number, read as a
            # request for a person, or "sí lo tengo, 209 667 114" read as a yes: the answer is kept
            # (the form's mapping skips those intents), not asked again
            out.update({k: v for k, v in interruptions.answer_slots(asked, text, today()).items() if k not in out})
        if asked in interruptions.WORDS_WELCOME and slots.get(asked) is None and latest_intent(tracker) == "request_human":
            # "i just want to talk to a lawyer" where their own words are asked: the callback, and the words
            out[asked] = _clip(text)
        if asked == "consent" and slots.get("consent") is None and flow.consents(
            text, latest_intent(tracker), bool(slot_before_turn(tracker, "callback_requested"))
        ):
            out["consent"] = True
        elif (asked == "consent" and slots.get("consent") is None and latest_intent(tracker) not in ("deny", "crisis", "emergency_now")
              and flow.refuses_consent(text)):
            # "no, dont save anything, ill call the office tomorrow": a refusal, whatever the classifier read
            self._refuse(dispatcher)
            out["consent"] = False
        elif asked == "consent" and slots.get("consent") is None and latest_intent(tracker) == "dont_know":
            # "i don't know" to "may I save this?": what it means, then the question alone; a
            # second one is a no (nothing kept), never a loop of "Sorry, I didn't catch that".
            tries = int(slots.get("consent_tries") or 0) + 1
            if tries >= 2:
                self._refuse(dispatcher)
                out.update(consent=False, consent_tries=tries)
            else:
                dispatcher.utter_message(response="utter_consent_unsure")
                out["consent_tries"] = tries
        intent = latest_intent(tracker)
        if asked not in interruptions.EARLY_QUESTIONS + ("situation", "change_field", "intake_confirmed") and (
            flow.news_of_detention(situations.category_for_intent(intent), situation, text)
        ):
            # "they just took my husband" at another question: the matter is now the detention,
            # with what the message says of it; its urgent help follows (_after_validation).
            out.update(situation="detention", situation_text=_clip(text))
            said = flow.answers_in_text("detention", text, today())
            out.update({k: v for k, v in said.items() if slots.get(k) is None and k not in out})
        elif asked not in (None, "situation", "change_field", "intake_confirmed", "removal_stage", "hearing_date") and (
            situations.category_for_intent(intent) in (None, "removal", "other")
        ):
            court = flow.news_of_court(situation, text, today(), slots.get("situation_text"))
            if court:
                # "her court is this thursday is that bad??" at another question: the matter is the case
                out.update(situation_text=_clip(text), **{k: v for k, v in court.items() if slots.get(k) is None or k == "situation"})
        if slot_before_turn(tracker, "situation") == "detention" and out.get("situation") in (None, "detention") \
                and asked not in ("situation", "change_field") and flow.no_longer_held(text):
            # "WAIT he got released on bond an hour ago!!! his court is in 3 months", "they already deported him":
            # nobody is held now; the case goes on
            news = interruptions.released_news(text, {**slots, "urgency_reasons": out.get("urgency_reasons", slots.get("urgency_reasons"))}, today())
            out.update({k: v for k, v in news.items() if k in ("situation", "urgency_reasons") or k not in out})
            if asked in ("detained_where", "detained_since"):
                out[asked] = None  # the news is not the answer to where or since when
        if asked == "situation" and slots.get("situation") is None:
            out.update(self._situation_not_placed(dispatcher, tracker, text))
            if out.get("situation"):
                # "my dad got sent back to peru two weeks ago", placed here: what it also tells is not asked
                said = flow.answers_in_text(out["situation"], text, today())
                out.update({k: v for k, v in said.items() if slots.get(k) is None and k not in out})
        elif asked not in (None, "consent", "situation") and interruptions.is_question(text) and latest_intent(
            tracker
        ).startswith(interruptions.SITUATION_PREFIX) and not (asked == "detained_where" and interruptions.where_held_asked_about(text)):
            # A question about their case at another question ("can they deport me if...?"):
            # ("how do i find out where he is?" is told where to look, validate_detained_where)
            # heard as what is happening, and answered the only way the assistant may.
            dispatcher.utter_message(response="utter_no_legal_advice")
        return out

    def _situation_not_placed(self, dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> Dict[Text, Any]:
        """An answer to "What's happening?" that fits no category: "other" in their words (asked once more
        after a message that is no answer at all, ``interruptions.situation_tries``)."""
        intent = latest_intent(tracker)
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        placed = interruptions.situation_beside_answer(intent, text, ranking, tracker.slots)
        if placed:
            return placed
        if interruptions.DONT_KNOW.search(text) and intent not in ("crisis", "emergency_now"):
            # "idk i just want to talk to a lawyer": an answer, saved as "other" in their words
            return {"situation": "other", "situation_text": _clip(text)}
        if intent.startswith(interruptions.SITUATION_PREFIX) or (intent in interruptions.INTENTS and intent not in interruptions.SOFT):
            return {}
        tries = int(tracker.get_slot("situation_tries") or 0) + 1
        if tries >= interruptions.situation_tries(intent, text):
            # "its about my job": kept in their words, and the details question asks for more
            return {"situation": "other", "situation_text": _clip(text), "situation_tries": tries}
        return {"situation_tries": tries}

    # --- bookkeeping after each turn ---------------------------------------

    def _after_validation(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """Carries out ``bot.follow_ups``: urgent help, the firm's posts, the callback."""
        slots = tracker.slots  # already updated with this turn's validated values
        plan = follow_ups.after_answers(
            slots, tracker.slots_to_validate(),
            reply_language=language.conversation_language(told_languages(tracker)),
            said_this_turn=[r for r in follow_ups.WHAT_NOW if said_this_turn(tracker, r)],
            latest_text=latest_text(tracker), firm=firm(), today=today(), now=now(),
        )
        for response, values in plan.messages:
            dispatcher.utter_message(response=response, **values)
        events: List[EventType] = [SlotSet(k, v) for k, v in plan.slots.items()]
        if plan.updates_query is not None:
            events += self._show_updates(dispatcher, tracker, plan.updates_query)
        if plan.record_callback:
            record = intake.record(slots, plan.reasons)
            record["callback_requested"] = True
            store.save_intake(intake_db(), tracker.sender_id, record)
            dispatcher.utter_message(response="utter_callback_noted")
            events.append(SlotSet("callback_recorded", True))
        return events

    def _show_updates(self, dispatcher: CollectingDispatcher, tracker: Tracker, query: Dict[Text, Any]) -> List[EventType]:
        """The firm's posts that fit and were not shown yet (after any urgent help)."""
        shown = list(tracker.slots.get("updates_shown") or [])
        posts = [p for p in updates.for_visitor(intake_db(), **query, today=today()) if p["url"] not in shown]
        if not posts:
            return []
        dispatcher.utter_message(
            response="utter_updates_intro",
            json_message=cards.updates_message(posts, tracker.get_slot("reply_language") or "en"),
        )
        return [SlotSet("updates_shown", shown + [p["url"] for p in posts])]

    # --- consent -------------------------------------------------------------

    def validate_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        said = flow.consent_answer(latest_text(tracker)) if tracker.get_slot("requested_slot") == "consent" else None
        if said is not None and value is not said:
            # "mmm no se... bueno si, esta bien" read as a no, "ok... actually no" as a yes: the words decide
            value = said
        if value is False:
            self._refuse(dispatcher)
        return {"consent": value}

    @staticmethod
    def _refuse(dispatcher: CollectingDispatcher) -> None:
        """A no to consent: only the fact is recorded, and the visitor is told nothing is kept."""
        store.record_consent_refusal(intake_db())
        dispatcher.utter_message(response="utter_consent_refused")

    def validate_callback_requested(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value and tracker.get_slot("requested_slot") == "consent" and flow.refuses_consent(latest_text(tracker)):
            return {"callback_requested": slot_before_turn(tracker, "callback_requested")}  # a no to saving (_heard)
        if value and contact.declines_calls(latest_text(tracker)):
            # "no me llamen a este numero" read as a request for a person: the opposite
            return {"callback_requested": slot_before_turn(tracker, "callback_requested")}
        if value and tracker.get_slot("requested_slot") == "contact_name" and interruptions.plainly_answers(
                "contact_name", latest_text(tracker), today()):
            # "Me llamo Efraín", "just call me Jairo" at the name question: a name, not a request for a person
            return {"callback_requested": slot_before_turn(tracker, "callback_requested")}
        if value and not tracker.get_slot("callback_recorded"):
            dispatcher.utter_message(response="utter_callback_offer")
        return {"callback_requested": bool(value)}

    # --- location ------------------------------------------------------------

    async def extract_location(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """A place said alone that the classifier took for yes, no or a greeting ("okc"), or said first in a
        message read as something else ("san antonio tx, y mi court es pasado mañana"): the answer."""
        text = latest_text(tracker)
        pending, intent = tracker.get_slot("requested_slot"), latest_intent(tracker)
        if not (interruptions.place_said_alone(pending, intent, text) or interruptions.place_said_first(pending, intent, text, today())):
            return {}
        return {"location": text}

    def validate_location(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = latest_text(tracker)
        if value == "unknown" and interruptions.question_not_dont_know(text) and not said_again(tracker):
            # "tengo que abrirles??" read as "I don't know": a question, not an answer; asked again
            # (the same words twice are taken as the answer, so this never loops)
            return {"location": None}
        if value == "unknown" and text and not said_again(tracker) and _another_fact(tracker, text):
            # "ah y se me olvido, su A es 215 667 120" read as "I don't know": another fact (kept by
            # _heard), not where they are; asked again
            return {"location": None}
        if value == "unknown" and tracker.get_slot("requested_slot") == "location" and text:
            # "el paso, i dont want to say where exactly": the town is given, only the address is not
            place = location.answer_place(text, text)
            if place is not None and not location.someone_elses_place(text, tracker.get_slot("situation") == "detention"):
                return location.slots_for(place)
        if value == "unknown":
            return {**location.slots_for(None), "location": "unknown"}
        if tracker.get_slot("requested_slot") != "location" or not text:
            # Filled earlier in the turn (a place said in passing, a button): keep it.
            place = location.resolve_reply(str(value), text) if value else None
            return location.slots_for(place) if place else {}
        if tracker.get_slot("situation") == "detention" and flow.release_not_a_place(text) and not said_again(tracker):
            return {"location": None}  # "lo deportaron anoche, ya esta en nogales": the news (_heard), and the question again
        if location.someone_elses_place(text, tracker.get_slot("situation") == "detention") and not said_again(tracker):
            # "they have him at otay mesa in san diego": kept for staff, and the question asked again
            # (the same words twice are taken as the answer, so this never loops)
            dispatcher.utter_message(response="utter_location_someone_elses")
            kept = location.heard_in_passing(text, None, tracker.slots)
            return {"location": None, **{k: v for k, v in kept.items() if k in ("places_mentioned", "detained_where")}}
        # ("same city as the court": the court's town, named earlier)
        place = location.answer_place(str(value), text) or location.same_place_as(text, tracker.get_slot("places_mentioned") or [])
        if place is None:
            intent = latest_intent(tracker)
            program = situations.program_told_later(tracker.get_slot("situation"), text)
            if program is not None and not said_again(tracker):
                # "perdon es la cita de huellas de mi TPS": the matter set right, and the question asked again
                return {"location": None, "situation": program, "situation_text": _clip(text)}
            if not intent.startswith(interruptions.SITUATION_PREFIX) and not _another_fact(tracker, text) and not urgency.signals_in_story(
                    text, today(), tracker.get_slot("situation"), tracker.get_slot("situation_text")):
                # ("es el viernes de esta semana" after "tengo que presentarme con inmigración": the date, kept)
                # ("they're deporting my dad tomorrow" is heard, and its help given, not a place not found)
                dispatcher.utter_message(response="utter_location_not_found")
            # Something else was said (what happened, a date): heard elsewhere, and the question is asked again.
            return {"location": None}
        return location.slots_for(place)

    def validate_location_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value:
            place = location.resolve_reply(tracker.get_slot("location_guess") or "", None)
            if place is not None:
                return {**location.slots_for(place), "location_confirmed": True}
        return {"location_confirmed": bool(value)}

    def validate_location_state(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value == "unknown":
            return {"location_state": "unknown", "location_candidates": None}
        place = location.state_answer(tracker.get_slot("city") or tracker.get_slot("location") or "", str(value),
                                      latest_text(tracker))
        if place is None or not place.state:
            candidates = ", ".join(tracker.get_slot("location_candidates") or [])
            dispatcher.utter_message(response="utter_which_state", candidates=candidates or "Illinois, IL")
            return {"location_state": None}
        return {**location.slots_for(place), "location_state": place.state}

    # --- situation -----------------------------------------------------------

    def validate_situation(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        result: Dict[Text, Any] = {"situation": value}
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        before = slot_before_turn(tracker, "situation")
        if flow.keeps_situation(before, value, tracker.get_slot("requested_slot"), text):
            return {"situation": before}
        if before is not None and value == before and tracker.get_slot("requested_slot") not in (None, "situation", "change_field") \
                and flow.matter_told(value, text) == before:
            # "bridgeport ct, ... in 10 days it will be one year" after "i need help with my asylum", read as the same
            # matter: the words that told it stay (the asylum year is read against them)
            return {"situation": before}
        if tracker.get_slot("requested_slot") == "consent" and flow.consent_with_condition(text, intent):
            return {"situation": before}  # "si pero no se lo manden a migracion": a yes, not a matter
        if intent == "dont_know" and text:
            # "I don't know" is an answer: saved as "other" with their words.
            return {**result, "situation_text": _clip(text)}
        if not intent.startswith(interruptions.SITUATION_PREFIX):
            return result  # re-validated on re-activation: keep what was said then
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        read = situations.settle(value, ranking, text) if before is None else value
        if (read is None or situations.category_only(text)) and tracker.get_slot("requested_slot") != "situation":
            # "I have an immigration case and need a lawyer", "its about work" (a kind named): "What's happening?" is asked
            return {"situation": None}
        # at "What's happening?" itself, a vague answer counts
        result["situation"] = flow.matter_told(read or value, text)
        if text:
            result["situation_text"] = _clip(text)
        return result

    # --- follow-ups ------------------------------------------------------------

    def validate_detained_where(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value == "unknown" and flow.where_held_guessed(latest_text(tracker)):
            return {"detained_where": _clip(latest_text(tracker))}  # "no se, en yuma station maybe": their guess, kept as said
        if flow.place_set_right(latest_text(tracker), tracker.slots, "detained_where"):
            return {"detained_where": None}  # "wait i said round rock but we moved": the visitor's place set right (_heard), asked again
        if interruptions.a_number_asked_about(latest_text(tracker), "detained_where"):
            # "whats an a number? where do i find it": a question about the papers, not where someone is held
            dispatcher.utter_message(response="utter_a_number_where")
            return {"detained_where": None}
        if interruptions.where_held_asked_about(latest_text(tracker)):
            # "how do i find out where he is??": where to look, then the question again (not known, if asked twice)
            dispatcher.utter_message(response="utter_help_detained", **resources.facts(firm()))
            known = said_again(tracker) or interruptions.where_held_not_known(latest_text(tracker))
            return {"detained_where": "unknown" if known else None}
        return {"detained_where": _clip(value)}

    def validate_detained_since(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value == "unknown":
            return {"detained_since": value}
        # A date we can read is stored as a date; anything else as they said it.
        return {"detained_since": _clip(flow.since_answer(str(value), today()))}

    def validate_a_number(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = latest_text(tracker)
        given = flow.a_number_given(text) if value == "unknown" else None
        if given:
            return {"a_number": given}  # "i have it on a paper... A 201 443 960", read as "I don't know": the number
        if value == "unknown" and latest_intent(tracker) == "deny" and flow.corrected(_another_fact(tracker, text), tracker.slots, text):
            # "wait no, i read it wrong, its next friday": a date set right, not "no" to the A-number (asked again)
            return {"a_number": None}
        if value != "unknown" and interruptions.a_number_asked_about(text):
            # "qué es el número A? dónde lo encuentro": where it is written, then the question again (asked
            # the same way twice, not at hand)
            dispatcher.utter_message(response="utter_a_number_where")
            return {"a_number": "unknown" if said_again(tracker) else None}
        if interruptions.a_number_not_at_hand(str(value)) or flow.a_number_unknown(str(value)):
            # ("tiene un papel ... el I-220A, pero el numero no lo se": a form's number is no A-number; "A 230 771 49
            # ... i dont have the last one": a digit missing, so staff get it from the papers)
            return {"a_number": "unknown"}
        return parsed_answer("a_number", value, contact.parse_a_number, dispatcher, skip="unknown")

    def validate_removal_stage(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        stage = flow.removal_stage(str(value), answer=True)
        text = latest_text(tracker)
        if stage is None and tracker.get_slot("situation") == "removal" and interruptions.told_not_picked(text, latest_intent(tracker)):
            # A sentence about the case with no step in it: "not sure", and their words kept for staff,
            # rather than the same buttons again (the next date is still asked)
            return {"removal_stage": "unknown", "details": flow.with_more_details(tracker.get_slot("details"), text)}
        if stage is None and not latest_intent(tracker).startswith(interruptions.SITUATION_PREFIX):
            # A message about what is happening is heard as such (_heard), not as a wrong pick.
            dispatcher.utter_message(response="utter_please_pick")
        return {"removal_stage": stage}

    def validate_hearing_date(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value == "unknown" and tracker.get_slot("requested_slot") == "hearing_date":
            answer, read = flow.next_date_answer(latest_text(tracker), today())
            if read == "date":
                return {"hearing_date": answer}  # "hers is next tuesday at 8, i don't have any court", read as a no: the day
        if value == "unknown" or tracker.get_slot("requested_slot") != "hearing_date":
            # "unknown", or a date validated earlier and re-checked on re-activation
            return {"hearing_date": value}
        answer, read = flow.next_date_answer(str(value), today())
        if answer is None and said_again(tracker):
            return {"hearing_date": _clip(str(value))}  # the same words twice: kept as said, never asked a third time
        if read == "far":
            # "In three months, on a Wednesday in the spring": not soon, and said as well as it can be.
            return {"hearing_date": _clip(answer or "")}
        if read == "unread" and not latest_intent(tracker).startswith(interruptions.SITUATION_PREFIX):
            # a message about what is happening is heard as such (_heard), not as a wrong date
            dispatcher.utter_message(response="utter_date_not_read")
        day = dates.parse_date(str(value), today()) if read == "passed" else None
        if day is not None:
            dispatcher.utter_message(response="utter_date_passed",
                                     **language.both("day", lambda lang: intake.readable_date(day.isoformat(), lang)))
        # ("it says to be set", "fue en 2016", "ya fue, hace 3 semanas": no coming date to ask for again)
        return {"hearing_date": answer}

    def validate_ice_present_now(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if isinstance(value, bool):
            return {"ice_present_now": value}
        # Their words (a from_text mapping): "Yes, they are in the break room now".
        said = flow.agents_here_answer(str(value), today())
        if said is None:
            if not latest_intent(tracker).startswith(interruptions.SITUATION_PREFIX):
                dispatcher.utter_message(response="utter_please_pick")
            return {"ice_present_now": None}
        return {"ice_present_now": said}

    def validate_details(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"details": _clip(value)}

    # --- contact ---------------------------------------------------------------

    def validate_contact_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value != "none" and contact.name_safety_asked(latest_text(tracker)) and not contact.name_introduced(latest_text(tracker)):
            # "es seguro dar mi nombre? no quiero que ICE lo vea": how the name is kept, then the question;
            # said again, the intake goes on without a name
            dispatcher.utter_message(response="utter_privacy")
            return {"contact_name": "none" if said_again(tracker) else None}
        if value != "none" and contact.name_answer(str(value))[1] and interruptions.question_about_a_case(latest_text(tracker)):
            # "wait, hes been in there since july, is that normal??": a question heard, not a bad name
            # (a question a situation intent won is answered with the facts it gives, in _heard)
            if not latest_intent(tracker).startswith(interruptions.SITUATION_PREFIX):
                dispatcher.utter_message(response="utter_no_legal_advice")
            return {"contact_name": None}
        if value != "none" and interruptions.news_of_the_case(latest_text(tracker), tracker.slots, today()):
            # "omg she just got a text from her lawyer, the hearing got moved up": heard (_heard), and asked again, unless a
            # name came first ("Rosa Martinez, my husband was just taken by ICE")
            return {"contact_name": contact.name_before_news(latest_text(tracker))}
        return parsed_answer("contact_name", value, contact.name_answer, dispatcher)

    def validate_contact_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value != "none" and interruptions.declined("contact_phone", latest_text(tracker), {}) and not contact.has_digits(str(value)):
            return {"contact_phone": "none"}  # "don't call this number, he checks my phone"
        country = resolver.country_code(tracker.get_slot("country"))
        if value == "none":
            return {"contact_phone": value}
        number, response = contact.phone_answer(str(value), country)
        if response and not contact.has_digits(str(value)) and interruptions.news_of_the_case(latest_text(tracker), tracker.slots, today()):
            return {"contact_phone": None}  # "hang on, ICE just called her and said come to the office TOMORROW": heard, asked again
        if response and not contact.has_digits(str(value)) and flow.place_set_right(latest_text(tracker), tracker.slots, "contact_phone"):
            return {"contact_phone": None}  # "sorry i put X but im actually in Y": the place set right (_heard), and asked again
        if response:
            dispatcher.utter_message(response=response)
        return {"contact_phone": number}

    def validate_contact_email(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return parsed_answer("contact_email", value, contact.parse_email, dispatcher)

    # --- summary -----------------------------------------------------------------

    def validate_intake_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        reply = flow.summary_reply(value, latest_text(tracker), said_again(tracker))
        if reply == "yes":
            return {"intake_confirmed": True}
        if reply == "again":
            dispatcher.utter_message(response="utter_summary_hint")
            return {"intake_confirmed": None}
        if reply == "stop":
            # "No, I changed my mind": treated as a refusal, so nothing is kept.
            self._refuse(dispatcher)
            return {"consent": False, "intake_confirmed": None}
        set_now = set(tracker.slots_to_validate()) - {"intake_confirmed", "requested_slot"}
        changed_now = set(set_now)
        kept = {}
        if tracker.get_slot("situation") == slot_before_turn(tracker, "situation") or flow.keeps_situation(
                slot_before_turn(tracker, "situation"), tracker.get_slot("situation"), "intake_confirmed", latest_text(tracker)):
            # a question or a correction at the summary, not a new matter ("the hearing is not next friday, they moved
            # it, its in 7 weeks" reads as the same removal case): its words are not the matter's words
            changed_now -= {"situation", "situation_text"}
            kept = {k: slot_before_turn(tracker, k) for k in ("situation", "situation_text")
                    if k in set_now and tracker.get_slot(k) != slot_before_turn(tracker, k)}
        if changed_now:
            # "No, I'm in Boston": the correction came with the "no"; show the summary again.
            return {**kept, "intake_confirmed": None}
        fixed = flow.corrected_at_summary(latest_text(tracker), tracker.slots, resolver.country_code(tracker.get_slot("country")),
                                          today()) if reply in ("change", "more") else {}
        if fixed:
            # "sorry phone is wrong, it's 305-555-0187 not 0178": changed as said, and the summary shown
            # again ("its Ximena with an X" where it already is: the summary again, nothing to change)
            if any(tracker.get_slot(k) != v for k, v in fixed.items()):
                dispatcher.utter_message(response="utter_summary_corrected")
            return {**kept, **fixed, "intake_confirmed": None}
        if "situation" in set_now:
            # "no but can they come into my apartment without a warrant?", read as the same matter: a question
            # about it (answered by its reply), and the summary shown again
            return {**kept, "intake_confirmed": None}
        if reply == "more":
            # "oh and he has a DUI from 2015": added to the details, and the summary shown again.
            dispatcher.utter_message(response="utter_detail_added")
            return {**kept, "intake_confirmed": None,
                    "details": flow.with_more_details(tracker.get_slot("details"), latest_text(tracker))}
        return {**kept, "intake_confirmed": None, "correcting": True}

    def validate_change_field(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if flow.nothing_to_change(str(value)) or (said_again(tracker) and flow.change_group(str(value)) is None):
            # Nothing to change after all (or the same unreadable words twice): the summary again.
            return {"change_field": None, "correcting": False, "intake_confirmed": None}
        group = flow.change_group(str(value))
        if group is None:
            dispatcher.utter_message(response="utter_pick_change_field")
            return {"change_field": None}
        return {**flow.reset_events_for(group), "change_field": None, "correcting": False, "intake_confirmed": None}


class ActionAskIntakeConfirmed(Action):
    """Shows the summary and asks the visitor to confirm it."""

    def name(self) -> Text:
        return "action_ask_intake_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reasons = tracker.get_slot("urgency_reasons") or []
        summary = language.both("summary", lambda lang: "\n".join(f"• {line}" for line in intake.summary_lines(tracker.slots, reasons, lang)))
        dispatcher.utter_message(response="utter_ask_intake_confirmed", **summary)
        return []


class ActionSubmitIntakeForm(Action):
    """Saves the confirmed intake, or closes a refused conversation."""

    def name(self) -> Text:
        return "action_submit_intake_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        slots = tracker.slots
        if not slots.get("consent"):
            # Refusal: no intake, and the transcript is forgotten at the end
            # of this turn (connectors/tracker_store.py), its funnel row now.
            funnel.forget(intake_db(), tracker.sender_id)
            return [SlotSet("consent", None), SlotSet("forget_conversation", True)]
        reasons = slots.get("urgency_reasons") or []
        saved = store.save_intake(intake_db(), tracker.sender_id, intake.record(slots, reasons))
        logger.info("intake %s saved (urgent=%s)", saved["id"], saved["urgent"])
        if saved["contact"]:
            dispatcher.utter_message(response="utter_intake_saved")
        else:
            dispatcher.utter_message(response="utter_no_contact_saved")
        kind = "safety" if saved.get("safety_flag") else "urgent"
        if (
            saved["urgent"]
            and after_hours.on_call_alerted(firm(), now(), kind)
            and not said_in_session(tracker, after_hours.ALERTED)
        ):
            dispatcher.utter_message(response=after_hours.ALERTED)
        if not slots.get("booking_reference"):
            dispatcher.utter_message(response="utter_offer_booking")
        return [SlotSet("intake_saved", True), SlotSet("callback_recorded", bool(slots.get("callback_requested")))]
