"""What a message that is not an answer gets (bot.interruptions), and the nets before it."""
from datetime import date

import pytest

from tests.wording import render

from bot import flow, interruptions, safety
from bot.firm import firm
from components.safety_net import override


def _handle(intent, text="", entities=(), ranking=(), slots=None):
    return interruptions.handle(intent, text, list(entities), list(ranking), slots or {}, firm())


@pytest.mark.parametrize(
    "kind, response",
    [("suicide", "utter_crisis_suicide"), ("medical", "utter_crisis_medical"), ("violence", "utter_crisis_violence"),
     ("dv", "utter_crisis_dv"), ("child", "utter_crisis_child")],
)
def test_a_crisis_gets_the_help_for_its_kind_then_the_offer_to_continue(kind, response):
    answer = _handle("crisis", entities=[{"entity": "crisis_kind", "value": kind}])
    assert answer.responses == [response, "utter_crisis_continue"]
    assert answer.slots["safety_flag"] == kind


def test_a_crisis_the_nets_did_not_name_gets_every_line_but_no_flag_for_staff():
    # The intent classifier alone said "crisis": recall first, so all the lines; but neither
    # danger reader saw danger in the words, so it is a guess, not a flag ("kill devil hills nc").
    for text in ("please help me", "kill devil hills nc"):
        answer = _handle("crisis", text=text)
        assert answer.responses[0] == interruptions.CRISIS_UNSURE
        assert "safety_flag" not in answer.slots


def test_a_weak_guess_of_the_learned_reader_gets_every_line_without_presuming_the_danger():
    # "CBP ... took her to a room" read as suicide (0.84, no word of harm): all the lines, no "you matter"
    text = "CBP at the bridge has my cousin since last night, they took her to a room and now they say she cant come in"
    entities = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = _handle("crisis", text=text, entities=entities)
    assert answer.responses[:2] == [interruptions.CRISIS_UNSURE, "utter_crisis_continue"]
    assert "safety_flag" not in answer.slots
    # a sure reading keeps its kind's own help
    sure = _handle("crisis", text="i want to end my life", entities=[{"entity": "crisis_kind", "value": "suicide"}])
    assert sure.responses[0] == "utter_crisis_suicide"


def test_a_crisis_the_patterns_read_without_a_kind_entity_is_still_flagged():
    answer = _handle("crisis", text="my husband hits me")
    assert answer.responses[0] == "utter_crisis_dv"
    assert answer.slots["safety_flag"] == "dv"


def test_a_guessed_crisis_gets_the_help_but_no_flag_for_staff():
    entities = [{"entity": "crisis_kind", "value": "child"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = _handle("crisis", text="she doesnt want to go home", entities=entities)
    assert answer.responses == [interruptions.CRISIS_UNSURE, "utter_crisis_continue"]
    assert "safety_flag" not in answer.slots


def test_the_safety_net_marks_a_weak_learned_reading_as_a_guess(monkeypatch):
    from bot import crisis_classifier
    from bot.safety import Crisis
    monkeypatch.setattr(crisis_classifier, "detect", lambda text: Crisis("child", "en", sure=False))
    assert override("she doesnt want to go home")["entities"]["crisis_reading"] == safety.GUESS
    monkeypatch.setattr(crisis_classifier, "detect", lambda text: Crisis("child", "en"))
    assert "crisis_reading" not in override("he hits my son")["entities"]


def test_a_spanish_crisis_sets_the_language_for_the_reply():
    answer = _handle("crisis", entities=[{"entity": "crisis_kind", "value": "suicide"}, {"entity": "message_language", "value": "es"}])
    assert answer.slots["language"] == "es" and answer.slots["reply_language"] == "es"


def test_agents_at_work_now_get_the_workplace_rights_and_an_urgent_intake():
    answer = _handle("emergency_now", text="la migra is at my job right now", entities=[{"entity": "emergency_place", "value": "work"}])
    text = " ".join(render(name, values) for name, values in answer.messages)
    assert "do not run" in text.lower()
    assert "open the door" not in text
    assert answer.slots["ice_present_now"] is True
    assert answer.slots["urgency_reasons"] == ["ice_present_now"]
    assert answer.slots["situation"] == "enforcement"


def test_agents_at_home_now_get_the_door_rights():
    answer = _handle("emergency_now", text="ICE is knocking on my door", entities=[{"entity": "emergency_place", "value": "home"}])
    assert "open the door" in " ".join(render(name, values) for name, values in answer.messages)


def test_an_emergency_keeps_the_situation_the_classifier_read_and_a_known_one():
    ranking = [{"name": "emergency_now", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.6}]
    assert _handle("emergency_now", text="ICE is here taking my husband", ranking=ranking).slots["situation"] == "detention"
    assert "situation" not in _handle("emergency_now", text="ICE is here now", slots={"situation": "detention"}).slots
    # a court case told first: the agents at hand are now the matter (the case stays in its own slots)
    assert _handle("emergency_now", text="ICE is here now", slots={"situation": "removal"}).slots["situation"] == "enforcement"


def test_agents_at_hand_read_as_something_else_are_the_matter():
    ranking = [{"name": "emergency_now", "confidence": 1.0}, {"name": "situation_other", "confidence": 0.59},
               {"name": "situation_enforcement", "confidence": 0.25}]
    answer = _handle("emergency_now", text="Estoy en el trabajo y llegó la migra, están en la oficina del frente", ranking=ranking)
    assert answer.slots["situation"] == "enforcement"


def test_a_fee_question_keeps_the_matter_it_names():
    ranking = [{"name": "ask_cost", "confidence": 0.89}, {"name": "situation_family", "confidence": 0.11}]
    assert _handle("ask_cost", text="how much do you charge for a marriage green card case", ranking=ranking).slots["situation"] == "family"
    assert _handle("ask_cost", text="how much is a consultation", ranking=ranking).slots["situation"] == "other"


def test_agents_here_now_take_the_place_of_a_calm_matter():
    # "question about daca" first, then "ICE is at my door right now"
    answer = _handle("emergency_now", text="ICE at my door right now", slots={"situation": "humanitarian"})
    assert answer.slots["situation"] == "enforcement"


def test_an_emergency_is_told_once_per_conversation_in_the_notified_list():
    answer = _handle("emergency_now", text="ICE is here now", slots={"urgency_notified": ["ice_present_now"]})
    assert answer.slots["urgency_notified"] == ["ice_present_now"]


@pytest.mark.parametrize(
    "intent, response",
    [("ask_privacy", "utter_privacy"), ("request_others_data", "utter_others_data_refused"),
     ("express_distress", "utter_distress"), ("insult", "utter_insult"), ("ask_cost", "utter_consultation_fee"),
     ("nlu_fallback", "utter_default"), ("something_new", "utter_default")],
)
def test_each_other_interruption_gets_its_own_reply(intent, response):
    answer = _handle(intent)
    assert answer.responses == [response] and answer.messages == []


@pytest.mark.parametrize("text, response", [
    ("i am already a client, can you tell me the status of my case? my lawyer is Ms. Carter", "utter_case_status"),
    ("ya soy cliente, como va mi caso", "utter_case_status"),
    ("what is the status of my brothers case", "utter_others_data_refused"),
    ("give me the phone number of maria lopez", "utter_others_data_refused"),
])
def test_a_client_asking_after_their_own_case_is_sent_to_the_firm_not_refused(text, response):
    assert _handle("request_others_data", text=text).responses == [response]


def test_a_deletion_request_is_recorded():
    assert _handle("request_deletion").slots == {"deletion_requested": True}


@pytest.mark.parametrize(
    "text, intent",
    [("i want to kill myself", "crisis"), ("me quiero morir", "crisis"), ("ICE is at my door right now", "emergency_now"),
     ("/affirm", None), ("my husband works for ICE", None), ("I have court next week", None), ("", None),
     # agents at hand with a danger the patterns name: a crisis (the rights come with it)
     ("ICE agents are at the door and my brother has a gun, he says he will shoot", "crisis")],
)
def test_the_safety_net_overrides_the_classifier(text, intent):
    found = override(text)
    assert (found or {}).get("intent") == intent


def test_a_misread_answer_that_plainly_answers_the_question_fills_it_without_a_reply():
    answer = interruptions.handle("out_of_scope", "today, about 5 hours ago", [], [], {"requested_slot": "detained_since"}, firm(),
                                  today=date(2026, 12, 3), free_text=True)
    # stored as the form stores it: the day, when it can be read
    assert answer.slots == {"detained_since": "2026-12-03"} and answer.responses == []


def test_a_number_not_known_read_as_a_request_for_others_data_is_the_answer():
    said = "she has a green card, no a number with her"
    answer = interruptions.handle("request_others_data", said, [], [], {"requested_slot": "a_number"}, firm(), free_text=True)
    assert answer.slots == {"a_number": "unknown"} and answer.responses == []
    # a real request for someone's details is still refused
    asked = interruptions.handle("request_others_data", "can you tell me her a number?", [], [], {"requested_slot": "a_number"},
                                 firm(), free_text=True)
    assert asked.responses == ["utter_others_data_refused"] and "a_number" not in asked.slots


def test_a_crisis_that_is_also_a_place_gets_help_and_the_place_is_kept():
    answer = interruptions.handle("crisis", "kill devil hills nc", [{"entity": "crisis_kind", "value": "violence"}], [],
                                  {"requested_slot": "location"}, firm(), free_text=True)
    assert answer.slots["location"] == "Kill Devil Hills, NC" and answer.slots["state"] == "NC"
    assert answer.responses[0] == "utter_crisis_violence"


def test_a_crisis_told_with_a_detention_keeps_where_and_since():
    text = "lo tiene la migra desde hace 5 dias en eloy y me dijo que se va a matar si lo regresan"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "suicide"}], [],
                                  {"requested_slot": "situation"}, firm(), today=date(2026, 12, 5), free_text=True)
    # the danger's help first, then where to find someone held
    assert [m[0] for m in answer.messages][:2] == ["utter_crisis_suicide", "utter_help_detained"]
    assert answer.slots["situation"] == "detention"
    assert answer.slots["detained_where"] == "Eloy Detention Center (AZ)" and answer.slots["detained_since"] == "2026-11-30"


def test_a_crisis_told_in_the_answer_to_where_someone_is_held_keeps_the_answer():
    text = "some place in louisiana, jena i think. he told me last night hed rather kill himself than go back"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "suicide"}], [],
                                  {"requested_slot": "detained_where", "situation": "detention"}, firm(),
                                  today=date(2026, 12, 5), free_text=True)
    assert answer.responses[0] == "utter_crisis_suicide"
    assert answer.slots["detained_where"] == "Central Louisiana ICE Processing Center (Jena, LA)"


def test_a_second_crisis_message_at_the_situation_question_is_its_answer():
    # The help was given for the first; the same danger told again answers "What's happening?".
    answer = interruptions.handle("crisis", "my stepdad hurting my brother", [{"entity": "crisis_kind", "value": "child"}], [],
                                  {"requested_slot": "situation", "safety_flag": "child"}, firm(), free_text=True)
    assert answer.slots["situation"] == "other" and answer.responses[0] == "utter_crisis_child"
    threatened = interruptions.handle("crisis", "someone threatening me", [{"entity": "crisis_kind", "value": "violence"}], [],
                                      {"requested_slot": "situation"}, firm(), free_text=True)
    assert threatened.slots["situation"] == "humanitarian"


def test_a_real_question_asked_twice_is_answered_twice_not_taken_as_an_answer():
    answer = interruptions.handle("ask_cost", "how much does it cost", [], [], {"requested_slot": "location"}, firm(),
                                  free_text=True, repeated=True)
    assert "location" not in answer.slots and answer.responses == ["utter_consultation_fee"]


def test_report_right_away_at_the_date_question_is_its_answer_the_first_time():
    text = "el officer dijo que vaya lo antes posible, no dio día"
    slots = {"requested_slot": "hearing_date", "situation": "removal", "removal_stage": "removal_order"}
    answer = interruptions.handle("request_others_data", text, [], [], slots, firm(), free_text=True)
    assert answer.slots["hearing_date"] == text


def test_the_same_unreadable_words_twice_at_a_date_question_are_kept_as_said():
    text = "el officer dijo que vaya pronto pero no dio día"
    slots = {"requested_slot": "hearing_date", "situation": "removal", "removal_stage": "removal_order"}
    first = interruptions.handle("request_others_data", text, [], [], slots, firm(), free_text=True)
    assert "hearing_date" not in first.slots
    again = interruptions.handle("request_others_data", text, [], [], slots, firm(), free_text=True, repeated=True)
    assert again.slots["hearing_date"] == text


def test_distress_at_the_details_question_is_also_the_answer():
    answer = interruptions.handle("express_distress", "im so scared he is my whole life", [], [], {"requested_slot": "details"},
                                  firm(), free_text=True)
    assert answer.slots["details"] == "im so scared he is my whole life" and answer.responses == ["utter_distress"]


def test_no_at_a_yes_no_question_is_heard_even_when_misread():
    answer = interruptions.handle("chitchat", "no, just want to be ready", [], [], {"requested_slot": "ice_present_now"}, firm())
    assert answer.slots == {"ice_present_now": False} and answer.responses == []


def _message(text, ranking):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", ranking[0])
    message.set("intent_ranking", ranking)
    return message


@pytest.mark.parametrize(
    "text, ranking, expected",
    [
        # a restart needs the words for it: "start date" is not "start over"
        ("new offer letter signed, start date in 6 weeks",
         [{"name": "start_over", "confidence": 0.5}, {"name": "inform", "confidence": 0.3}], "inform"),
        ("can we start over", [{"name": "start_over", "confidence": 0.9}, {"name": "greet", "confidence": 0.1}], "start_over"),
        # a crisis the classifier alone barely saw is a guess; a likelier one stands (recall first)
        ("no, just want to be ready", [{"name": "crisis", "confidence": 0.1}, {"name": "deny", "confidence": 0.09}], "deny"),
        ("everything feels so heavy lately", [{"name": "crisis", "confidence": 0.3}, {"name": "express_distress", "confidence": 0.2}], "crisis"),
        # moving an ICE check-in or a USCIS appointment is the visitor's case, not a booking with the firm
        ("my check in is this thursday but i have covid, can i reschedule",
         [{"name": "reschedule_booking", "confidence": 0.8}, {"name": "situation_removal", "confidence": 0.1}], "situation_removal"),
        ("me pusieron la cita de biometricos el lunes, se puede cambiar?",
         [{"name": "reschedule_booking", "confidence": 0.8}, {"name": "situation_family", "confidence": 0.1}], "situation_family"),
        ("I have a consultation with Attorney Ruiz on Thursday, I need to change it",
         [{"name": "reschedule_booking", "confidence": 0.8}, {"name": "situation_other", "confidence": 0.1}], "reschedule_booking"),
        ("cancel my appointment", [{"name": "cancel_booking", "confidence": 0.9}, {"name": "deny", "confidence": 0.1}], "cancel_booking"),
        # a call asked for in a language is a question about the office, not a greeting
        ("oye una cosa, me pueden hablar en español cuando llamen?",
         [{"name": "greet", "confidence": 0.9}, {"name": "request_human", "confidence": 0.05}], "ask_office"),
        ("hola buenas tardes", [{"name": "greet", "confidence": 0.9}, {"name": "ask_office", "confidence": 0.05}], "greet"),
        # a message read as a greeting that names the matter: the matter
        ("tengo corte y no hablo bien ingles ni español, hablo mam",
         [{"name": "greet", "confidence": 0.96}, {"name": "situation_removal", "confidence": 0.01}], "situation_removal"),
        ("hola buenas, una consulta", [{"name": "greet", "confidence": 0.9}, {"name": "situation_other", "confidence": 0.05}], "greet"),
    ],
)
def test_the_safety_net_second_guesses_a_loose_restart_and_a_faint_crisis(text, ranking, expected):
    from components.safety_net import SafetyNet

    message = _message(text, ranking)
    SafetyNet().process([message])
    assert message.get("intent")["name"] == expected


def test_words_the_classifier_could_not_place_are_the_answer_at_the_details_question():
    slots = {"requested_slot": "details", "situation": "citizenship"}
    text = "it was a misdemeanor, did the classes and probation"
    answer = interruptions.handle("out_of_scope", text, [], [], slots, firm(), free_text=True)
    assert answer.slots == {"details": text} and answer.responses == []


def test_a_legal_question_at_the_details_question_is_answered_and_kept():
    slots = {"requested_slot": "details", "situation": "humanitarian"}
    text = "can i still apply if my one year passed?"
    answer = interruptions.handle("ask_legal_advice", text, [], [], slots, firm(), free_text=True)
    assert answer.slots["details"] == text and answer.responses == ["utter_no_legal_advice"]


def test_a_fee_told_at_the_details_question_gets_its_reply_and_is_kept_but_a_fee_asked_is_not():
    slots = {"requested_slot": "details", "situation": "other"}
    told = "me pagan a fin de mes, ahi podria pagar la consulta"
    answer = interruptions.handle("ask_cost", told, [], [], slots, firm(), free_text=True)
    assert answer.slots["details"] == told and answer.responses == ["utter_consultation_fee"]
    asked = interruptions.handle("ask_cost", "cuanto cuesta la consulta?", [], [], slots, firm(), free_text=True)
    assert "details" not in asked.slots and asked.responses == ["utter_consultation_fee"]


def test_words_read_as_a_privacy_question_at_the_details_question_are_kept_when_not_a_question():
    slots = {"requested_slot": "details", "situation": "other"}
    answer = interruptions.handle("ask_privacy", "es para ver mis opciones", [], [], slots, firm(), free_text=True)
    assert answer.slots["details"] == "es para ver mis opciones"
    asked = interruptions.handle("ask_privacy", "who sees what i write here?", [], [], slots, firm(), free_text=True)
    assert "details" not in asked.slots


def test_a_legal_question_at_the_situation_question_keeps_the_situation_it_describes():
    ranking = [{"name": "ask_legal_advice", "confidence": 0.6}, {"name": "situation_removal", "confidence": 0.2}]
    answer = _handle("ask_legal_advice", "can they deport me if i miss court?", ranking=ranking,
                     slots={"requested_slot": "situation"})
    assert answer.slots["situation"] == "removal"
    assert answer.responses == ["utter_no_legal_advice"]


def test_a_legal_question_naming_a_program_is_not_something_else():
    # the classifier's "other" is read as the opening reads it: a program named is that matter
    ranking = [{"name": "ask_legal_advice", "confidence": 0.3}, {"name": "situation_other", "confidence": 0.25},
               {"name": "situation_humanitarian", "confidence": 0.1}]
    answer = _handle("ask_legal_advice", "the lady doing my i-589 vanished, is it too late to send it myself?",
                     ranking=ranking, slots={"requested_slot": "situation"})
    assert answer.slots["situation"] == "humanitarian"


def test_the_situation_question_is_never_asked_twice():
    text = "worried calling police will get neighbors deported"
    first = _handle("ask_legal_advice", text, slots={"requested_slot": "situation"})
    assert first.slots["situation"] == "other" and first.slots["situation_text"] == text


def test_the_matter_is_read_from_the_details_after_an_unplaced_answer():
    slots = {"requested_slot": "details", "situation": "other", "situation_text": "its about my job", "situation_tries": 1}
    ranking = [{"name": "situation_employment", "confidence": 0.8}]
    told = "my boss at the meat plant says my social security doesnt match and i need to bring him something"
    assert interruptions.matter_in_details("situation_employment", told, ranking, slots)["situation"] == "employment"
    asked = {**slots, "situation_text": "what are your office hours on saturday", "situation_tries": None}
    assert interruptions.matter_in_details("situation_employment", told, ranking, asked) == {}


@pytest.mark.parametrize("pending, text, value", [
    ("ice_present_now", "they just sitting there in the truck idk", True),  # read as the question reads it
    ("ice_present_now", "what can they do to me", False),  # unreadable: the question settles
    ("removal_stage", "what can they do to me", "unknown"),
])
def test_a_button_question_never_loops(pending, text, value):
    slots = {"requested_slot": pending, "situation": "enforcement"}
    first = _handle("ask_legal_advice", text, slots=slots)
    assert pending not in first.slots
    again = interruptions.handle("ask_legal_advice", text, [], [], {**slots, **first.slots}, firm(), repeated=True)
    assert again.slots[pending] == value


def test_an_unplaced_answer_at_the_situation_question_makes_it_other():
    slots = {"requested_slot": "situation"}
    answer = _handle("out_of_scope", "my landlord wants my papers", slots=slots)
    assert answer.slots["situation"] == "other" and answer.responses == []


def test_a_question_about_the_case_asks_for_advice_only_when_the_classifier_also_read_it_so():
    ranking = [{"name": "situation_family", "confidence": 0.7}, {"name": "ask_legal_advice", "confidence": 0.25}]
    assert interruptions.asks_for_advice("can i get a green card if i married a citizen?", ranking)
    assert not interruptions.asks_for_advice("my wife needs a green card", ranking)
    assert not interruptions.asks_for_advice("can you help me?", [{"name": "situation_other", "confidence": 0.9}])


def test_danger_told_as_past_gets_the_help_but_no_safety_flag():
    text = "my ex hit me years ago, i left him and i am safe now. can i apply for vawa?"
    answer = _handle("crisis", text, entities=[{"entity": "crisis_kind", "value": "dv"}])
    assert answer.responses == ["utter_crisis_dv", "utter_crisis_continue"]
    assert "safety_flag" not in answer.slots
    again = _handle("crisis", "he hit me years ago and now he is outside again", entities=[{"entity": "crisis_kind", "value": "dv"}])
    assert again.slots["safety_flag"] == "dv"


def test_a_crisis_message_sent_again_at_a_question_does_not_loop():
    text = "mi mama tiene miedo de reportar por los papeles"
    entities = [{"entity": "crisis_kind", "value": "child"}]
    at_button = interruptions.handle("crisis", text, entities, [], {"requested_slot": "removal_stage"}, firm(), repeated=True)
    assert at_button.slots["removal_stage"] == "unknown" and at_button.responses[0] == "utter_crisis_child"
    at_situation = interruptions.handle("crisis", text, entities, [], {"requested_slot": "situation"}, firm(), repeated=True)
    assert at_situation.slots["situation"] == "other"
    first = interruptions.handle("crisis", text, entities, [], {"requested_slot": "removal_stage"}, firm())
    assert "removal_stage" not in first.slots


def _crisis_ranking(**situations):
    return [{"name": "crisis", "confidence": 0.8}] + [
        {"name": f"situation_{name}", "confidence": weight} for name, weight in situations.items()
    ]


def test_the_matter_a_crisis_message_also_describes_is_kept():
    # "they deported my husband last week ... i just want to end it": little weight, but clearly removal
    ranking = _crisis_ranking(removal=0.03, detention=0.01, family=0.003)
    answer = _handle("crisis", "they deported my husband last week and i want to end it",
                     [{"entity": "crisis_kind", "value": "suicide"}], ranking)
    assert answer.slots["situation"] == "removal"
    assert answer.slots["situation_text"].startswith("they deported")


@pytest.mark.parametrize("ranking", [
    _crisis_ranking(detention=0.24, removal=0.17, other=0.11),  # two matters close: asked, not guessed
    _crisis_ranking(other=0.02, enforcement=0.007),  # "other" is never read beside a crisis
    _crisis_ranking(removal=0.01),  # too little weight to mean anything
])
def test_an_unclear_matter_beside_a_crisis_is_asked_not_guessed(ranking):
    answer = _handle("crisis", "he is not moving", [{"entity": "crisis_kind", "value": "medical"}], ranking)
    assert "situation" not in answer.slots


def test_abuse_by_a_partner_with_no_other_matter_is_humanitarian():
    answer = _handle("crisis", "he hits me", [{"entity": "crisis_kind", "value": "dv"}], _crisis_ranking(other=0.01))
    assert answer.slots["situation"] == "humanitarian"


def test_a_crisis_mid_intake_does_not_change_the_matter_already_given():
    # (a partner's abuse told in a family matter is the one exception: the victims' self-petition, tested below)
    for matter in ("removal", "employment"):
        answer = _handle("crisis", "he hits me", [{"entity": "crisis_kind", "value": "dv"}], _crisis_ranking(other=0.01),
                         slots={"situation": matter, "requested_slot": "details"})
        assert "situation" not in answer.slots


@pytest.mark.parametrize("text", [
    "I will have to look for it. My son keeps the papers.", "let me check, its at home", "no lo tengo aqui",
    "i dont think he has one", "no creo que tiene numero", "he didnt give it to me", "no me lo dieron",
])
def test_a_number_not_at_hand_is_an_answer_not_a_question(text):
    answer = interruptions.handle("request_others_data", text, [], [], {"requested_slot": "a_number"}, firm(), free_text=True)
    assert answer.slots["a_number"] == "unknown"  # as the form reads a reply with no number


def test_a_number_said_beside_an_interruption_is_read_as_the_form_reads_it():
    answer = interruptions.handle("ask_legal_advice", "its A 208 551 903 but can they deport him?", [], [],
                                  {"requested_slot": "a_number"}, firm(), free_text=True)
    assert answer.slots["a_number"] == "208551903"


def test_at_whats_happening_a_place_first_detention_second_is_detention():
    ranking = [{"name": "inform_location", "confidence": 0.38}, {"name": "situation_detention", "confidence": 0.31}]
    said = interruptions.situation_beside_answer("inform_location", "immigration have him in virginia, farmville",
                                                 ranking, {"requested_slot": "situation"})
    assert said == {"situation": "detention", "situation_text": "immigration have him in virginia, farmville"}


def test_at_whats_happening_agents_at_the_door_are_enforcement():
    said = interruptions.situation_beside_answer("emergency_now", "ice is outside my house right now",
                                                 [{"name": "emergency_now", "confidence": 1.0}], {})
    assert said["situation"] == "enforcement"


@pytest.mark.parametrize("intent, ranking", [
    ("inform_location", [{"name": "inform_location", "confidence": 0.9}, {"name": "situation_family", "confidence": 0.05}]),
    ("ask_cost", [{"name": "ask_cost", "confidence": 0.5}, {"name": "situation_family", "confidence": 0.4}]),  # its own reply
])
def test_at_whats_happening_no_clear_situation_is_not_guessed(intent, ranking):
    assert interruptions.situation_beside_answer(intent, "text", ranking, {}) == {}


@pytest.mark.parametrize("text, advice", [
    ("can i get a green card if i married a citizen but crossed illegally", True),
    ("do i have to open the door to ice", True),
    ("puedo salir del pais con mi permiso de trabajo?", True),
    ("si me caso con un ciudadano me dan los papeles automático?", True),
    ("can you help me with my asylum case?", False),  # asks for the firm's help, not for advice
    ("my husband was detained yesterday", False),
])
def test_a_question_about_what_the_law_allows_asks_for_advice(text, advice):
    assert interruptions.asks_for_advice(text, [{"name": "situation_family", "confidence": 0.9}]) is advice


def test_a_number_not_written_down_is_an_answer():
    assert interruptions.plainly_answers("a_number", "he said it on the phone but i didnt write it", date(2026, 12, 3))


@pytest.mark.parametrize("text, plain", [("Graciela Soto", True), ("Jean Robert Pierre", True), ("no gracias", False),
                                         ("How Much", False), ("Call Me Later 5pm", False),
                                         ("Ramon Quintero (everybody calls me moncho)", True)])
def test_a_name_written_as_one_answers_the_name_question(text, plain):
    assert interruptions.plainly_answers("contact_name", text, date(2026, 12, 3)) is plain


def test_another_language_says_when_an_attorney_speaks_it():
    # firm.yml: one attorney speaks Vietnamese, none Haitian Creole
    vietnamese = interruptions.handle("non_english", "Tôi cần luật sư di trú", [{"entity": "message_language", "value": "vi"}],
                                      [], {}, firm())
    assert vietnamese.responses == ["utter_non_english", "utter_attorney_speaks_language"]
    creole = interruptions.handle("non_english", "Mwen bezwen yon avoka", [{"entity": "message_language", "value": "ht"}],
                                  [], {}, firm())
    assert creole.responses == ["utter_non_english"]


def test_a_crisis_message_that_says_someone_was_taken_keeps_the_detention():
    from bot import interruptions

    assert interruptions.situation_beside_crisis([], "suicide", "ya no quiero vivir. me quitaron a mi esposo ayer") == "detention"
    assert interruptions.situation_beside_crisis([], "medical", "my son took a bunch of pills") is None
    # taken, and held in a jail: an arrest, whatever danger the reader also saw
    text = "my brother and 4 guys from the kitchen got taken last night. a friend says theyre at the madison county jail"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.58}]
    assert interruptions.situation_beside_crisis(ranking, "violence", text) == "detention"


def test_a_crisis_read_beside_someone_kept_at_their_check_in_keeps_the_detention():
    from bot import interruptions

    text = ("my wife called me 20 min ago from the ICE office in tucson. she had to check in today and theyre keeping her and "
            "they said they will deport her TOMORROW on the bus to nogales. we live in marana. please somebody call me")
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_removal", "confidence": 0.6},
               {"name": "situation_detention", "confidence": 0.27}]
    assert interruptions.situation_beside_crisis(ranking, None, text) == "detention"
    # a friend kept at hers is the reason to fear the visitor's own
    assert interruptions.situation_beside_crisis(ranking, None, "my check in is tomorrow and a friend went to hers and they kept her") \
        != "detention"


@pytest.mark.parametrize("text, expected", [
    ("my husband is sitting in the jail in Gwinnett county since friday night and they say ICE is coming to get him", "detention"),
    ("my husband was stopped by CBP at the airport, they took his green card and hes still in secondary like 6 hours", "detention"),
    # nobody held yet: agents at the door asking for someone
    ("a man with a warrant at the door asking for my husband, ICE is outside", "enforcement"),
])
def test_agents_at_hand_beside_someone_in_a_jail_keep_the_detention(text, expected):
    from bot import interruptions

    ranking = [{"name": "emergency_now", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.9}]
    assert interruptions.agents_situation(text, ranking, {}).get("situation") == expected


def test_a_crisis_sent_from_the_visitors_own_check_in_keeps_the_removal_case():
    from bot import interruptions

    text = "im at my ICE check in and they told me to wait, they might keep me. my kids 5 and 7 are home alone"
    assert interruptions.situation_beside_crisis([], "child", text) == "removal"


def test_danger_with_agents_at_hand_gets_both_helps_danger_first():
    text = "agents in the hallway of my building knocking on every door, i'm scared they will hurt us"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "violence"}], [],
                                  {"requested_slot": "location"}, firm())
    names = [name for name, _ in answer.messages] + answer.responses
    assert names[0] == "utter_crisis_violence"
    assert "utter_rights_home" in names and names.index("utter_rights_home") > 0
    assert answer.slots["ice_present_now"] is True and "ice_present_now" in answer.slots["urgency_reasons"]
    assert answer.slots["safety_flag"] == "violence"


def test_a_refusal_at_the_consent_question_is_answered_as_one():
    # classified as a privacy question, but it says no to the consent question
    answer = _handle("ask_privacy", text="no i dont want you to keep my information, im scared",
                     slots={"requested_slot": "consent"})
    assert answer.slots["consent"] is False
    assert answer.responses == ["utter_consent_refused"]


def test_a_privacy_question_at_the_consent_question_is_not_a_refusal():
    answer = _handle("ask_privacy", text="who will see what i write here?", slots={"requested_slot": "consent"})
    assert "consent" not in answer.slots
    assert answer.responses == ["utter_privacy"]


def test_a_crisis_beside_agents_at_hand_stays_a_crisis(monkeypatch):
    # Recall first: even where the learned reader alone saw danger, the crisis help
    # comes (the interruption adds know-your-rights for the agents).
    from bot import crisis_classifier
    from bot.safety import Crisis

    monkeypatch.setattr(crisis_classifier, "detect", lambda text: Crisis("dv", "en"))
    found = override("two guys in federal agent jackets parked behind my car, blocking me right now")
    assert found["intent"] == "crisis"


def test_yes_at_the_agents_question_is_kept_beside_a_crisis():
    answer = interruptions.handle(
        "crisis", "YES right now the truck is back and 2 of them are walking to my door",
        [{"entity": "crisis_kind", "value": "violence"}], [], {"requested_slot": "ice_present_now"}, firm(), free_text=True,
    )
    assert answer.slots["ice_present_now"] is True


@pytest.mark.parametrize(
    "text, kind, expected",
    [("la señora que cuida a mi niño lo tiene amarrado a una silla", "child", None),
     ("my uncle pointed a gun at my brother, he is hiding here with me now", "violence", None),
     ("ICE took my husband and now i want to die", "suicide", "detention")],
)
def test_held_by_someone_is_not_a_detention_beside_a_crisis(text, kind, expected):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.7}]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == (expected or interruptions.SITUATION_OF_CRISIS.get(kind))


def test_a_place_that_is_someone_elses_does_not_answer_where_the_visitor_is():
    today = date(2026, 12, 3)
    assert not interruptions.plainly_answers("location", "his father said he will take him to mexico", today)
    assert interruptions.plainly_answers("location", "houston texas", today)


def test_agents_at_hand_said_at_the_detention_date_question_also_answer_it():
    text = "fue hace como media hora y todavia estan los agentes aqui revisando la obra"
    answer = interruptions.handle("emergency_now", text, [], [], {"requested_slot": "detained_since", "situation": "detention"},
                                  firm(), today=date(2026, 12, 3), free_text=True)
    assert answer.slots["detained_since"] == "2026-12-03"
    assert answer.slots["ice_present_now"] is True


def test_attackers_outside_are_not_agents_beside_a_crisis():
    text = "someone threw a rock through my window and yelled at us, they are still outside with a bat"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "violence"}], [],
                                  {"requested_slot": "intake_confirmed", "situation": "removal"}, firm())
    names = [name for name, _ in answer.messages] + answer.responses
    assert "utter_crisis_violence" in names and not any(n.startswith("utter_rights") for n in names)
    assert "ice_present_now" not in answer.slots and "situation" not in answer.slots


def test_a_live_emergency_that_also_answers_the_date_keeps_the_date():
    said = interruptions.answer_slots("detained_since", "fue hace ratito como media hora y todavia estan los agentes aqui",
                                      date(2026, 12, 3))
    assert said == {"detained_since": "2026-12-03"}
    assert interruptions.answer_slots("ice_present_now", "YES they are still outside", date(2026, 12, 3)) == {
        "ice_present_now": True}
    assert interruptions.answer_slots("location", "san antnio tx", date(2026, 12, 3))["state"] == "TX"


@pytest.mark.parametrize("intent", ["out_of_scope", "chitchat", "nlu_fallback"])
def test_where_he_is_held_in_words_the_classifier_could_not_place_is_the_answer(intent):
    answer = interruptions.handle(intent, "they didnt tell me, maybe florence", [], [],
                                  {"requested_slot": "detained_where"}, firm(), free_text=True)
    assert answer.slots["detained_where"] == "they didnt tell me, maybe florence"
    assert answer.responses == []


def test_a_real_interruption_at_where_he_is_held_still_gets_its_answer():
    answer = interruptions.handle("ask_cost", "how much do you charge", [], [],
                                  {"requested_slot": "detained_where"}, firm(), free_text=True)
    assert "detained_where" not in answer.slots
    assert answer.responses == ["utter_consultation_fee"]


@pytest.mark.parametrize("text, read", [
    ("my mom collapsed and isnt answering, she has her ICE check in on friday", "detention"),
    ("the judge denied my asylum last week and i dont want to live anymore", "humanitarian"),
])
def test_a_case_in_court_beside_a_crisis_is_removal(text, read):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": f"situation_{read}", "confidence": 0.6}]
    assert interruptions.situation_beside_crisis(ranking, "medical", text) == "removal"


@pytest.mark.parametrize("text, kind, read, matter", [
    # deported in the past, to bring back: not a case in court
    ("my brother got deported in may and his girlfriend hits his kids, i want to bring my brother back", "child",
     "family", "family"),
    # an abuser's threat of deportation is not a case in court
    ("he chokes me and says he will get me deported if i call anyone", "dv", "humanitarian", "humanitarian"),
    # someone held by CBP in a room is a detention, not agents at hand
    ("cbp still has my aunt in a little room at the airport and she is having a panic attack", "medical", "detention",
     "detention"),
])
def test_what_is_not_a_case_in_court_or_agents_at_hand_beside_a_crisis(text, kind, read, matter):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": f"situation_{read}", "confidence": 0.6}]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == matter


def test_trafficking_beside_a_crisis_is_humanitarian():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_other", "confidence": 0.5}]
    text = "the man who brought us took our passports, we clean all day with no pay and he says he calls ice if we go"
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "humanitarian"


def test_a_detention_at_school_beside_a_crisis_is_not_the_matter():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.5},
               {"name": "situation_humanitarian", "confidence": 0.2}, {"name": "situation_other", "confidence": 0.1}]
    text = "she got lunch detention for a fight and now the school wants her ssn, we were going to apply for daca"
    assert interruptions.situation_beside_crisis(ranking, "suicide", text) == "humanitarian"


@pytest.mark.parametrize(
    "text, kind, read, expected",
    [("my husband pushed me down the stairs, he says if i leave he calls immigration", "dv", "detention", "humanitarian"),
     ("a man with a gun is outside saying he will kill me, its my landlord, he knows i have no papers", "violence",
      "enforcement", "humanitarian"),
     ("the gang found our apartment in houston and sent a photo of our door", "violence", "enforcement", "humanitarian"),
     # a deportation threatened by an abuser, whatever the danger's kind
     ("mi pareja le pegó a la niña y dice que si voy a la policía me hace deportar", "child", "detention", "humanitarian"),
     ("el patrón nos sacó con un cuchillo y dijo que nos echa a la migra si volvemos", "violence", "enforcement",
      "humanitarian"),
     ("my stepdad hit my little brother again and threatens to get mom deported if we tell", "child", "removal",
      "humanitarian"),
     # beside an illness, being reported is the fear of enforcement, not an abuser's leverage
     ("my dad cant breathe but he wont go to the ER, scared they report him to immigration", "medical", "enforcement",
      "enforcement"),
     # agents named: the raid is the matter beside the danger
     ("ICE is raiding the plant and a guy pulled a knife on an agent", "violence", "enforcement", "enforcement"),
     # agents at hand now, whatever the classifier leant to
     ("escondida en el baño, los de migracion estan adentro del restaurante ahorita", "dv", "humanitarian", "enforcement"),
     ("there's a raid at the warehouse right now, we are hiding behind the boxes", "violence", "humanitarian",
      "enforcement")],
)
def test_leverage_or_danger_without_agents_is_not_enforcement_beside_a_crisis(text, kind, read, expected):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": f"situation_{read}", "confidence": 0.7}]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == expected


def test_danger_only_abroad_gets_the_help_but_no_safety_flag():
    text = "my son is still in guatemala and the gangs beat him last week, can he come here and ask for asylum?"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "violence"}], [], {}, firm())
    assert answer.responses[0] == "utter_crisis_violence"
    assert "safety_flag" not in answer.slots
    here = interruptions.handle("crisis", "the gangs beat my son last week and they are outside now",
                                [{"entity": "crisis_kind", "value": "violence"}], [], {}, firm())
    assert here.slots["safety_flag"] == "violence"


def test_a_name_or_a_phone_refused_is_skipped_with_the_privacy_answer():
    answer = interruptions.handle("ask_privacy", "no le doy mi nombre", [], [], {"requested_slot": "contact_name"}, firm(),
                                  free_text=True)
    assert answer.slots["contact_name"] == "none" and answer.responses == ["utter_privacy"]
    assert interruptions.declined("contact_phone", "no me llamen a este numero", {}) == {"contact_phone": "none"}
    assert interruptions.declined("contact_phone", "no me llamen al 555, mejor al 312 555 0100", {}) == {}


def test_a_name_given_after_asking_why_is_taken_and_the_question_answered():
    said = "pa q lo necesitan? bueno es Ramon Garcia"
    answer = interruptions.handle("request_others_data", said, [], [], {"requested_slot": "contact_name"}, firm(), free_text=True)
    assert answer.slots["contact_name"] == "Ramon Garcia" and answer.responses == ["utter_privacy"]
    # asking alone is not a name
    alone = interruptions.handle("ask_privacy", "pa q lo necesitan?", [], [], {"requested_slot": "contact_name"}, firm(), free_text=True)
    assert "contact_name" not in alone.slots


@pytest.mark.parametrize("text", ["ahorita no, despues le digo", "not now", "luego se lo doy"])
def test_a_name_put_off_is_skipped(text):
    assert interruptions.declined("contact_name", text, {}) == {"contact_name": "none"}


@pytest.mark.parametrize("text, asked", [
    ("cuanto cuesta arreglar papeles por matrimonio con ustedes", True),
    ("what's your flat fee for an H-1B transfer", True),
    ("my last lawyer charged 5k and did nothing, r u cheaper", True),
    ("how much is a consultation? do u take payments", True),
    ("how much time do i have to file", False),
    ("he was charged with assault in 2015", False),
    ("how much is bond usually", False),
    ("I have a payment plan with IRS", False),
])
def test_a_fee_question_is_heard_beside_a_matter(text, asked):
    assert interruptions.asks_about_fees(text) is asked


def test_a_danger_only_the_learned_reader_saw_also_gets_the_reply_the_words_were_for():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "express_distress", "confidence": 0.6}]
    text = "im so scared, i havent slept in days thinking theyll take my dad"
    answer = _handle("crisis", text=text, entities=[{"entity": "crisis_kind", "value": "suicide"}], ranking=ranking)
    assert answer.responses == ["utter_distress", "utter_crisis_suicide", "utter_crisis_continue"]
    # the patterns' reading stands alone
    said = _handle("crisis", text="i want to kill myself", entities=[{"entity": "crisis_kind", "value": "suicide"}], ranking=ranking)
    assert said.responses == ["utter_crisis_suicide", "utter_crisis_continue"]


def test_agents_arresting_people_at_work_read_as_danger_by_the_learned_reader_get_the_workplace_rights():
    text = "they are arresting people at the car wash where i work right now"
    answer = _handle("crisis", text=text, entities=[{"entity": "crisis_kind", "value": "violence"}])
    assert answer.responses == [] and answer.messages[0][0] == "utter_crisis_violence"
    assert any(name == "utter_rights_work" for name, _ in answer.messages)
    assert answer.slots["ice_present_now"] is True


@pytest.mark.parametrize(
    "text, expected",
    [  # an immigration facility named: held by immigration, though no word says so
        ("my cousin is being held in texas, in dilley, with her baby. we are her only family", "detention"),
        # Mexico's immigration institute holds people too
        ("INM has my nephew in the tapachula station, he was trying to get to the border. im his aunt in LA", "detention"),
        # held by someone, no facility: the crisis's own matter
        ("the babysitter has my son tied to a chair and wont let him go", None),
    ],
)
def test_a_detention_beside_a_crisis_needs_immigration_or_a_facility(text, expected):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.5}]
    assert interruptions.situation_beside_crisis(ranking, "child", text) == expected


@pytest.mark.parametrize(
    "intent, text, reply",
    [("ask_cost", "solo quiero saber el precio, despues les platico el caso", "utter_consultation_fee"),
     ("request_others_data", "status of my case", "utter_case_status"),
     # a booking to change, after the reference could not be given: their matter, not asked twice
     ("reschedule_booking", "reschedule my consultation", "utter_manage_booking_later"),
     ("cancel_booking", "cancel my appointment", "utter_manage_booking_later")],
)
def test_a_question_that_is_the_visitors_matter_is_answered_and_kept_as_other(intent, text, reply):
    answer = _handle(intent, text, slots={"requested_slot": "situation"})
    assert answer.responses == [reply]
    assert answer.slots["situation"] == "other" and answer.slots["situation_text"] == text


def test_a_fee_question_that_names_a_matter_keeps_that_matter():
    ranking = [{"name": "ask_cost", "confidence": 0.6}, {"name": "situation_family", "confidence": 0.3}]
    answer = _handle("ask_cost", "how much for a petition for my wife?", ranking=ranking,
                     slots={"requested_slot": "situation"})
    assert answer.slots["situation"] == "family" and answer.responses == ["utter_consultation_fee"]


def test_a_fee_question_before_the_situation_question_is_not_a_matter():
    answer = _handle("ask_cost", "how much do you charge", slots={"requested_slot": "location"})
    assert "situation" not in answer.slots


def test_a_weak_danger_guess_at_where_he_is_held_gets_the_help_and_keeps_the_answer():
    text = "they said maybe the place in alvarado? i dont know"
    entities = [{"entity": "crisis_kind", "value": "violence"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = interruptions.handle("crisis", text, entities, [], {"requested_slot": "detained_where"}, firm(),
                                  free_text=True)
    assert answer.slots["detained_where"] == text
    assert answer.responses[0] == interruptions.CRISIS_UNSURE and "safety_flag" not in answer.slots


def test_a_sure_danger_reading_at_where_he_is_held_is_not_taken_as_the_place():
    text = "he says he will kill me if i tell anyone where he is"
    entities = [{"entity": "crisis_kind", "value": "violence"}]
    answer = interruptions.handle("crisis", text, entities, [], {"requested_slot": "detained_where"}, firm(),
                                  free_text=True)
    assert "detained_where" not in answer.slots and answer.responses[0] == "utter_crisis_violence"


@pytest.mark.parametrize(
    "text",
    ["they took my dad on sunday from his job at the dairy and we dont know anything my mom is crying nonstop",
     "a mi hijo se lo llevaron de la casa hoy a las 5 de la mañana, eran unos hombres con chalecos"],
)
def test_someone_taken_by_unnamed_men_beside_a_crisis_is_a_detention(text):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.8}]
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "detention"


@pytest.mark.parametrize(
    "pending, intent, text, alone",
    [("location", "affirm", "okc", True),
     ("location", "affirm", "ok", False),  # yes is yes
     ("location", "dont_know", "i dont know", False),
     ("situation", "affirm", "okc", False),  # only where the place is asked
     ("location", "inform", "okc", False)],  # the form's own mapping takes it
)
def test_a_place_said_alone_at_the_location_question(pending, intent, text, alone):
    assert interruptions.place_said_alone(pending, intent, text) is alone


def test_a_question_is_not_i_dont_know():
    assert interruptions.question_not_dont_know("tengo que abrirles??")
    assert not interruptions.question_not_dont_know("no se?")


def test_a_medical_emergency_afraid_of_being_reported_is_a_know_your_rights_matter():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.27},
               {"name": "situation_enforcement", "confidence": 0.14}]
    text = "my tio se cayo at work y no se mueve. no queremos llamar ambulance porque no tiene papeles. can they report him??"
    assert interruptions.situation_beside_crisis(ranking, "medical", text) == "enforcement"
    # an abuser's threat to call immigration stays the abuse's own matter
    assert interruptions.situation_beside_crisis(ranking, "dv", "he hits me and im afraid to call the police because of my papers") != "enforcement"
    # a removal case told beside it is the matter
    assert interruptions.situation_beside_crisis(ranking, "medical", "hes on the floor, scared to call 911 because he has no papers and has court") != "enforcement"


@pytest.mark.parametrize("text", ["they gave me a number but I wrote it on a paper at work", "lo tengo en la casa",
                                  "we have it somewhere, its 9 digits", "lo tenemos por ahi guardado",
                                  "no me lo se de memoria, esta en el papel de la corte, lo busco?"])
def test_an_a_number_written_down_elsewhere_is_not_at_hand(text):
    assert interruptions.NOT_AT_HAND.search(text)


@pytest.mark.parametrize("text, expected", [
    ("he told me, 2 1 9 ... 5 5 ... i wrote it somewhere", True),  # part of it, and said so
    ("no me acuerdo bien, 209 44", True),
    ("my mom doesn't have it", True),
    ("A 209 441 007", False),
    ("A12345", False),  # a number cut short: asked again, with the reason
    ("dos uno cero, cuatro cinco seis, siete ocho nueve", False),  # spelled out: a number
])
def test_an_a_number_answer_not_at_hand(text, expected):
    assert interruptions.a_number_not_at_hand(text) is expected


@pytest.mark.parametrize("text", ["en Dilley, el de familias, eso dijo", "me llamo de un lugar que se llama blue bonnet o algo asi",
                                  "in Stewart, in Georgia, far away"])
def test_where_someone_is_held_is_plainly_an_answer(text):
    assert interruptions.plainly_answers("detained_where", text, date(2026, 12, 5))
    assert not interruptions.plainly_answers("detained_where", "can they move him to another state?", date(2026, 12, 5))


def test_a_program_named_beside_a_crisis_is_the_matter():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_humanitarian", "confidence": 0.22},
               {"name": "situation_detention", "confidence": 0.15}, {"name": "situation_removal", "confidence": 0.12},
               {"name": "situation_family", "confidence": 0.1}]
    text = "my friend just texted me goodbye and said shes going to jump off the bridge. her asylum got denied today at the interview"
    assert interruptions.situation_beside_crisis(ranking, "suicide", text) == "humanitarian"


def test_a_child_abused_beside_a_fear_of_papers_is_humanitarian():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_enforcement", "confidence": 0.3}]
    text = "my stepdad touches my little sister and my mom says we cant call police because of papers. shes 9"
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "humanitarian"
    text = ("mi expareja se llevó a mi niña y la está golpeando. yo no tengo papeles y me da miedo llamar a la policía "
            "porque me pueden deportar")
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "humanitarian"


@pytest.mark.parametrize("text", ["The family will send it", "i can get it tomorrow", "se lo mando luego"])
def test_an_a_number_to_come_later_answers_the_question(text):
    assert interruptions.plainly_answers("a_number", text, date(2026, 12, 5))
    assert interruptions.answer_slots("a_number", text, date(2026, 12, 5)) == {"a_number": "unknown"}


def test_an_answer_read_as_a_legal_question_is_kept_without_the_refusal():
    answer = interruptions.handle("ask_legal_advice", "The family will send it", [], [], {"requested_slot": "a_number"}, firm(),
                                  date(2026, 12, 5), free_text=True)
    assert answer.slots["a_number"] == "unknown" and answer.responses == []


@pytest.mark.parametrize("intent, ranking, told", [
    ("inform", [{"name": "inform", "confidence": 0.4}, {"name": "situation_removal", "confidence": 0.37}], "removal"),
    # read weakly, but the words name the case's own step (court): the matter (None before 2026-12-05)
    ("inform", [{"name": "inform", "confidence": 0.8}, {"name": "situation_removal", "confidence": 0.2}], "removal"),
    ("inform", [{"name": "inform", "confidence": 0.8}, {"name": "situation_family", "confidence": 0.2}], None),  # not read plainly
    ("ask_cost", [{"name": "ask_cost", "confidence": 0.5}, {"name": "situation_removal", "confidence": 0.4}], None),  # its own path
])
def test_the_matter_of_a_first_message_read_as_information(intent, ranking, told):
    text = "my dad has court in san antonio jan 13, he needs a lawyer that speaks spanish"
    assert interruptions.opening_situation(intent, text, ranking, {}).get("situation") == told


def test_a_travel_question_as_a_first_message_is_kept_as_other():
    text = "i have green card, can i go to colombia for 7 months to take care of my dad? will i lose it?"
    answer = interruptions.handle("ask_legal_advice", text, [], [{"name": "ask_legal_advice", "confidence": 0.9}], {"requested_slot": None},
                                  firm(), date(2026, 12, 5))
    assert answer.slots["situation"] == "other"


def test_a_neighbours_child_abused_beside_a_fear_of_the_police_is_enforcement():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_enforcement", "confidence": 0.3}]
    text = ("my neighbor le pega bien feo a su niño, lo oigo gritar todas las noches. yo no tengo papeles, si llamo a la policia "
            "me deportan?")
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "enforcement"


def test_an_office_question_is_answered_and_as_a_first_message_is_the_matter():
    text = "where is your office and do you speak spanish?"
    first = interruptions.handle("ask_office", text, [], [{"name": "ask_office", "confidence": 0.9}], {"requested_slot": None},
                                 firm(), date(2026, 12, 5))
    assert first.responses == ["utter_office_info"] and first.slots["situation"] == "other"
    later = interruptions.handle("ask_office", text, [], [{"name": "ask_office", "confidence": 0.9}],
                                 {"requested_slot": "contact_phone", "situation": "family"}, firm(), date(2026, 12, 5))
    assert later.responses == ["utter_office_info"] and "situation" not in later.slots


def test_someone_taken_beside_a_danger_gets_the_locator_after_the_danger_help():
    text = "they just grabbed my dad in front of the school and put him in a white van"
    ranking = [{"name": "crisis", "confidence": 0.9}, {"name": "situation_detention", "confidence": 0.5}]
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "violence"}], ranking, {"requested_slot": None},
                                  firm(), date(2026, 12, 5))
    said = [name for name, _ in answer.messages]
    assert said[0] == "utter_crisis_violence" and said[1] == "utter_help_detained" and said[-1] == "utter_crisis_continue"
    assert answer.slots["situation"] == "detention" and answer.slots["urgency_notified"] == ["detained_now"]
    # told again later in the same conversation, the locator is not repeated
    again = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "violence"}], ranking,
                                 {"requested_slot": "location", "urgency_notified": ["detained_now"]}, firm(), date(2026, 12, 5))
    assert "utter_help_detained" not in [name for name, _ in again.messages]


def test_a_first_message_with_contact_details_keeps_the_matter_its_words_name():
    # the name and number pull the reading to "inform" (0.66); the N-400 names citizenship (0.26)
    ranking = [{"name": "inform", "confidence": 0.66}, {"name": "situation_citizenship", "confidence": 0.26}]
    text = "Im Kwame Mensah 267-555-0144 need help with n400 i had an arrest years ago. philly"
    assert interruptions.opening_situation("inform", text, ranking, {})["situation"] == "citizenship"
    assert interruptions.opening_situation("inform", "Im Kwame 267-555-0144 thanks", ranking, {}) == {}


def test_a_relative_taken_to_a_place_named_is_a_detention_told():
    # read as a location (0.45), detention 0.24: the place he was taken to names the matter
    ranking = [{"name": "inform_location", "confidence": 0.45}, {"name": "situation_detention", "confidence": 0.24}]
    text = "im calling from Yakima, my brother was taken to Tacoma"
    assert interruptions.opening_situation("inform_location", text, ranking, {})["situation"] == "detention"
    released = "im calling from Yakima, my brother was taken to Tacoma but they released him"
    assert interruptions.opening_situation("inform_location", released, ranking, {}).get("situation") != "detention"
    assert interruptions.opening_situation("inform_location", "im calling from Yakima, my brother lives in Tacoma", ranking, {}) == {}
    folkston = "mañana tiene audiencia mi hijo, está en el centro de Folkston en Georgia. yo vivo en Jacksonville, Florida"
    assert interruptions.opening_situation("inform_location", folkston, ranking, {})["situation"] == "detention"


def test_a_crisis_at_the_location_question_keeps_the_place_it_says():
    text = "estoy en casa de una amiga en irving, me sali anoche porque mi esposo me golpeo y me amenazo"
    entities = [{"entity": "crisis_kind", "value": "dv"}, {"entity": "message_language", "value": "es"}]
    answer = interruptions.handle("crisis", text, entities, [], {"requested_slot": "location"}, firm(), free_text=True)
    assert answer.responses[0] == "utter_crisis_dv"
    assert answer.slots["state"] == "TX" and answer.slots["city"] == "Irving"


def test_a_program_named_in_a_message_read_as_a_greeting_is_the_matter():
    ranking = [{"name": "greet", "confidence": 0.54}, {"name": "situation_other", "confidence": 0.16},
               {"name": "situation_humanitarian", "confidence": 0.07}, {"name": "situation_family", "confidence": 0.05}]
    said = interruptions.opening_situation("greet", "una pregunta sobre la visa U por favor", ranking, {})
    assert said["situation"] == "humanitarian"
    # a relative is not specific enough: "what's happening?" is asked
    assert interruptions.opening_situation("greet", "necesito hablar con alguien por mi hermano", ranking, {}) == {}


def test_agents_at_hand_beside_a_danger_guess_are_the_matter():
    text = "estan haciendo una redada en la empacadora ahorita, mi esposo esta adentro y no contesta"
    entities = [{"entity": "crisis_kind", "value": "medical"}, {"entity": "crisis_reading", "value": "guess"}]
    answer = interruptions.handle("crisis", text, entities, [], {"requested_slot": None}, firm())
    assert answer.slots["situation"] == "enforcement"


def test_a_relatives_papers_named_in_a_booking_request_is_the_matter():
    ranking = [{"name": "book_consultation", "confidence": 0.5}, {"name": "situation_other", "confidence": 0.27},
               {"name": "situation_family", "confidence": 0.12}]
    said = interruptions.opening_situation("book_consultation", "I need to schedule a consult for my fiancée's visa", ranking, {})
    assert said["situation"] == "family"


def test_a_removal_step_named_in_a_message_read_as_information_is_the_matter():
    ranking = [{"name": "inform", "confidence": 0.7}, {"name": "situation_removal", "confidence": 0.1}]
    said = interruptions.opening_situation("inform", "master hearing in 9 days, my a number is A-201 556 778. we're in nevada",
                                           ranking, {})
    assert said["situation"] == "removal"


def test_agents_at_hand_with_someone_taken_keep_when():
    ranking = [{"name": "situation_detention", "confidence": 0.8}]
    answer = interruptions.handle("emergency_now", "ICE is still outside, they just took my husband 10 min ago", [], ranking,
                                  {"requested_slot": "location"}, firm(), today=date(2026, 12, 5), free_text=True)
    assert answer.slots["situation"] == "detention" and answer.slots["detained_since"] == "2026-12-05"
    assert answer.slots["ice_present_now"] is True


def test_a_relative_just_taken_with_the_agents_still_outside_is_a_detention():
    ranking = [{"name": "situation_enforcement", "confidence": 0.8}, {"name": "situation_detention", "confidence": 0.1}]
    text = "they just took my dad 20 minutes ago and the agents are still outside in the street talking to my mom, what do we do"
    answer = interruptions.handle("emergency_now", text, [], ranking, {}, firm(), today=date(2026, 12, 5))
    assert answer.slots["situation"] == "detention"
    assert flow.matter_told("enforcement", text) == "detention"


def test_intents_read_beside_an_answer_are_ones_handled_elsewhere():
    assert set(interruptions.ANSWER_BESIDE) <= set(interruptions.HANDLED_ELSEWHERE)


def test_a_day_at_the_hearing_date_question_read_as_a_booking_to_move_is_only_the_answer():
    answer = interruptions.handle("reschedule_booking", "next wednesday", [], [], {"requested_slot": "hearing_date"}, firm(),
                                  today=date(2026, 12, 5), free_text=True)
    assert answer.slots["hearing_date"] == "2026-12-09"
    assert not answer.responses and not answer.messages


def test_a_crisis_reading_of_a_detention_keeps_the_name_and_phone_told():
    text = "soy reyna castillo, a mi esposo lo detuvo ICE anoche afuera de la casa, mi cel es 615 555 0731"
    answer = interruptions.handle("crisis", text, [{"entity": "crisis_kind", "value": "dv"}], [],
                                  {"requested_slot": "situation"}, firm(), today=date(2026, 12, 5), free_text=True)
    assert answer.slots["situation"] == "detention" and answer.slots["detained_since"] == "2026-12-04"
    assert answer.slots["contact_name"] == "reyna castillo" and answer.slots["contact_phone"] == "+16155550731"


def test_a_learned_guess_of_danger_reads_the_matter_as_any_message():
    text = "el lunes me toca ir a firmar a la oficina de la migra y dicen q ahi mismo a veces te dejan, q hago"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_removal", "confidence": 0.26},
               {"name": "situation_other", "confidence": 0.2}]
    entities = [{"entity": "crisis_kind", "value": "child"}, {"entity": "crisis_reading", "value": "guess"}]
    answer = interruptions.handle("crisis", text, entities, ranking, {"requested_slot": None}, firm(),
                                  today=date(2026, 12, 5), free_text=False)
    assert answer.slots["situation"] == "removal"
    assert answer.slots["removal_stage"] == "check_in" and answer.slots["hearing_date"] == "2026-12-07"
    assert "safety_flag" not in answer.slots


@pytest.mark.parametrize("text, situation", [
    ("dicen que va a haber redadas esta semana en Houston, que hago si llegan a mi trabajo o a mi casa", "enforcement"),
    ("tengo miedo de que me pase algo, que hago si llegan a mi casa", None),  # no agents or raids told: asked
])
def test_a_learned_guess_of_danger_keeps_raids_told_as_the_matter(text, situation):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_enforcement", "confidence": 0.6},
               {"name": "situation_other", "confidence": 0.2}]
    entities = [{"entity": "crisis_kind", "value": "violence"}, {"entity": "crisis_reading", "value": "guess"}]
    answer = interruptions.handle("crisis", text, entities, ranking, {"requested_slot": None}, firm(),
                                  today=date(2026, 12, 5), free_text=False)
    assert answer.slots.get("situation") == situation


def test_details_withheld_at_the_consent_question_are_a_refusal():
    answer = interruptions.handle("ask_privacy", "nah prefiero no dar mis datos, sorry", [], [], {"requested_slot": "consent"}, firm())
    assert answer.slots["consent"] is False and answer.responses == ["utter_consent_refused"]


def test_i_dont_know_at_the_hearing_date_question_read_as_distress_is_the_answer():
    answer = interruptions.handle("express_distress", "i dont know, thats why im asking", [], [], {"requested_slot": "hearing_date"},
                                  firm(), today=date(2026, 12, 5), free_text=True)
    assert answer.slots["hearing_date"] == "unknown"


def test_a_correction_at_the_summary_read_as_a_weak_sign_of_danger_is_still_heard():
    entities = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "crisis_reading", "value": "guess"}]
    slots = {"requested_slot": "intake_confirmed", "situation": "removal", "removal_stage": "check_in", "hearing_date": "next month"}
    answer = interruptions.handle("crisis", "wait thats wrong, its not next month anymore, they just texted me and moved it to this monday",
                                  entities, [], slots, firm(), today=date(2026, 12, 5))
    assert answer.slots["hearing_date"] == "2026-12-07"
    assert answer.responses[0] == interruptions.CRISIS_UNSURE


def test_the_same_question_twice_at_the_consent_question_ends_without_a_loop():
    # answered once (the privacy reply, then the question again); the same words again are no yes:
    # nothing is kept, and the reply says how to reach the firm, instead of a third question
    first = interruptions.handle("ask_privacy", "who sees this?", [], [], {"requested_slot": "consent"}, firm())
    again = interruptions.handle("ask_privacy", "who sees this?", [], [], {"requested_slot": "consent"}, firm(), repeated=True)
    assert "consent" not in first.slots and first.responses == ["utter_privacy"]
    assert again.slots["consent"] is False and again.responses == ["utter_consent_refused"]


def test_a_yes_with_a_condition_said_twice_at_the_consent_question_is_not_refused():
    answer = interruptions.handle("ask_privacy", "is this going to ice? if not then ok", [], [], {"requested_slot": "consent"},
                                  firm(), repeated=True)
    assert answer.slots.get("consent") is not False


def test_a_consent_answer_read_as_danger_gets_the_help_and_is_heard():
    # "myself" and "saved online" read by the learned danger reader: the help, and the no to saving
    entities = [{"entity": "crisis_kind", "value": "suicide"}]
    answer = interruptions.handle("crisis", "no thank you, i will just call the office myself, i dont want it saved online",
                                  entities, [], {"requested_slot": "consent"}, firm())
    assert answer.responses[0] == "utter_crisis_suicide"
    assert answer.slots["consent"] is False and answer.responses[-1] == "utter_consent_refused"


def test_a_learned_danger_reading_at_where_held_keeps_the_answer():
    # a sure reading of the learned reader alone (no words of harm): the help, and the answer kept
    entities = [{"entity": "crisis_kind", "value": "violence"}]
    answer = interruptions.handle("crisis", "they still have him in the car i think", entities, [],
                                  {"requested_slot": "detained_where", "situation": "detention"}, firm(), free_text=True)
    assert answer.slots["detained_where"] == "they still have him in the car i think"
    assert "utter_crisis_violence" in answer.responses


def test_agents_back_now_read_as_danger_in_a_story_of_agents_get_know_your_rights():
    entities = [{"entity": "crisis_kind", "value": "dv"}]
    answer = interruptions.handle("crisis", "wait they are back, 2 trucks outside my building right now", entities, [],
                                  {"requested_slot": "contact_name", "situation": "enforcement"}, firm())
    assert answer.slots.get("ice_present_now") is True
    assert any(name.startswith("utter_rights_") for name, _ in answer.messages)


def test_a_first_message_not_caught_whose_matter_is_read_gets_no_didnt_catch_that():
    text = "my boss didnt pay me for 3 weeks and when i complained he said he will call immigration on me. can he do that"
    ranking = [{"name": "nlu_fallback", "confidence": 0.2}, {"name": "situation_detention", "confidence": 0.19},
               {"name": "situation_enforcement", "confidence": 0.18}]
    answer = interruptions.handle("nlu_fallback", text, [], ranking, {}, firm())
    assert answer.slots["situation"] == "enforcement"  # a threat to call immigration: nobody is held
    assert "utter_default" not in answer.responses


@pytest.mark.parametrize("text, ranking, kind, situation", [
    # agents at the door and nobody taken yet: the agents are the matter, whatever the weight on detention
    ("ice is banging on the door trying to come in and my husband got his gun, he says he wont let them take him",
     [("situation_detention", 0.42), ("situation_enforcement", 0.39)], "violence", "enforcement"),
    # a neighbour's threat to call immigration is the fear of enforcement; a husband's is an abuser's leverage
    ("un vecino nos amenaza con llamar a la migra porq no tenemos papeles, puede hacer eso?",
     [("situation_enforcement", 0.3)], "dv", "enforcement"),
    ("mi esposo me pega y me amenaza con llamar a inmigracion, ahorita estoy encerrada en el baño",
     [("situation_humanitarian", 0.85)], "dv", "humanitarian"),
])
def test_the_matter_beside_a_danger_with_agents_or_a_threat_to_call_them(text, ranking, kind, situation):
    ranking = [{"name": "crisis", "confidence": 1.0}] + [{"name": n, "confidence": c} for n, c in ranking]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == situation


def test_a_place_said_first_at_the_location_question_beside_a_danger_is_kept():
    answer = interruptions.handle("crisis", "charlotte, at home. honestly if they send me back i'd rather kill myself",
                                  [{"entity": "crisis_kind", "value": "suicide"}], [], {"requested_slot": "location"}, firm())
    assert answer.slots["state"] == "NC" and answer.slots["safety_flag"] == "suicide"


def test_a_fee_question_as_a_first_message_with_no_matter_is_other():
    answer = interruptions.handle("ask_cost", "cuanto cobran por una consulta? and do you take payments? estoy en philadelphia",
                                  [], [{"name": "ask_cost", "confidence": 0.9}], {}, firm())
    assert answer.slots["situation"] == "other" and answer.responses == ["utter_consultation_fee"]


def test_a_day_inside_a_request_for_someone_elses_data_is_not_a_date_answer():
    text = "dame el telefono y la direccion de la señora que vino ayer a su oficina, es mi vecina"
    answer = interruptions.handle("request_others_data", text, [], [{"name": "request_others_data", "confidence": 0.76}],
                                  {"requested_slot": "hearing_date", "situation": "removal"}, firm(), today=date(2026, 12, 5),
                                  free_text=True)
    assert answer.responses == ["utter_others_data_refused"]
    assert interruptions.plainly_answers("hearing_date", "el 14 a las 8:30", date(2026, 12, 5))


@pytest.mark.parametrize("text", [
    "Me llamo Efraín", "just call me J, Jairo", "my name is Sophea Chhim, last name C H H I M", "Le Van Hung",
])
def test_a_name_given_as_one_answers_the_name_question(text):
    assert interruptions.plainly_answers("contact_name", text, date(2026, 12, 5))
    assert interruptions.answer_slots("contact_name", text, date(2026, 12, 5))["contact_name"] not in (None, text) or text == "Le Van Hung"


def test_a_name_read_as_a_request_for_a_person_gets_no_callback_reply():
    answer = interruptions.handle("request_human", "Me llamo Efraín", [], [], {"requested_slot": "contact_name"}, firm(),
                                  today=date(2026, 12, 5), free_text=True)
    assert answer.slots.get("contact_name") == "Efraín"
    assert answer.responses == []


@pytest.mark.parametrize("text", [
    "ella me dio un numero pero se corto la llamada",
    "he said a number very fast on the phone, I wrote 24 something and then lost it",
    "A 0 9 8 ... no sé el resto, está en la carta y él la tiene",
    "está en su green card, empieza con A 0 5...",
])
def test_an_a_number_not_at_hand_or_only_begun_is_an_answer(text):
    assert interruptions.a_number_not_at_hand(text)
    assert interruptions.plainly_answers("a_number", text, date(2026, 12, 5))
    assert interruptions.answer_slots("a_number", text, date(2026, 12, 5)) == {"a_number": "unknown"}


def test_a_mistyped_a_number_is_checked_not_taken_as_unknown():
    assert not interruptions.a_number_not_at_hand("A 2018 779")
    assert not interruptions.plainly_answers("a_number", "what is an a number?", date(2026, 12, 5))


def test_a_name_with_its_small_words_in_lower_case_is_a_name():
    assert interruptions.plainly_answers("contact_name", "Marlene de Henriquez", date(2026, 12, 5))
    assert not interruptions.plainly_answers("contact_name", "de nada", date(2026, 12, 5))


@pytest.mark.parametrize("text, told", [
    ("my lawyer handles all that, I just go when they tell me", True),
    ("the second one", False), ("what is an NTA?", False), ("they are raiding my job", False),
    ("they just took my husband outside the court", False),
])
def test_a_sentence_about_the_case_at_a_button_question(text, told):
    assert interruptions.told_not_picked(text) is told


def test_an_ice_check_in_beside_a_question_for_advice_is_the_removal_case():
    ranking = [{"name": "ask_legal_advice", "confidence": 0.84}, {"name": "situation_enforcement", "confidence": 0.08},
               {"name": "situation_removal", "confidence": 0.06}]
    text = "i have to go to ice tomorrow for my check in, should i go? people are getting arrested there"
    answer = interruptions.handle("ask_legal_advice", text, [], ranking, {"requested_slot": "consent"}, firm())
    assert answer.slots["situation"] == "removal" and "utter_no_legal_advice" in answer.responses


@pytest.mark.parametrize("text, kind", [
    ("mi esposo fue a firmar hoy en la mañana a Miramar y me acaba de llamar q lo dejaron detenido alli", "violence"),
    ("a mi esposa la dejaron en la frontera y yo pase con los niños, la tienen en la estacion de Yuma desde ayer", "child"),
])
def test_someone_kept_or_held_at_the_border_beside_a_danger_is_a_detention(text, kind):
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.8}]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == "detention"


def test_a_fact_told_beside_a_question_at_a_matter_question_is_kept():
    slots = {"situation": "detention", "requested_slot": "detained_where"}
    answer = _handle("ask_legal_advice", "can they move him? he's in the elizabeth one by the airport", slots=slots)
    assert answer.slots["detained_where"] == "Elizabeth Detention Center (NJ)"
    assert "utter_no_legal_advice" in answer.responses


def test_where_someone_is_held_said_after_a_request_for_a_person_is_the_answer():
    from datetime import date

    text = "can i just talk to a lawyer today? he's in the elizabeth one by the airport"
    assert interruptions.plainly_answers("detained_where", text, date(2026, 12, 6))
    assert interruptions.answer_slots("detained_where", text, date(2026, 12, 6)) == {"detained_where": "Elizabeth Detention Center (NJ)"}
    assert not interruptions.plainly_answers("detained_where", "can they move him?", date(2026, 12, 6))


def test_court_beside_an_a_number_in_an_unread_first_message_is_the_removal_case():
    text = "A number 203-556-781 court this thursday harlingen no tengo lawyer porfavor"
    ranking = [{"name": "nlu_fallback", "confidence": 0.2}, {"name": "inform", "confidence": 0.19},
               {"name": "situation_removal", "confidence": 0.14}]
    answer = interruptions.handle("nlu_fallback", text, [], ranking, {"requested_slot": "consent"}, firm(), date(2026, 12, 6))
    assert answer.slots["situation"] == "removal" and "utter_default" not in answer.responses
    # a court with no A-number may be another court's: not read from so little
    other = interruptions.handle("nlu_fallback", "court this thursday no tengo lawyer", [], ranking, {"requested_slot": "consent"},
                                 firm(), date(2026, 12, 6))
    assert "situation" not in other.slots


def test_someone_taken_lately_beside_a_request_for_a_call_is_the_matter():
    text = "detuvieron a mi novio ayer y nadie me dice nada, me puede llamar alguien al nueve uno cinco, cinco cinco cinco, cero uno ocho ocho"
    ranking = [{"name": "request_human", "confidence": 0.45}, {"name": "situation_detention", "confidence": 0.26}]
    assert interruptions.opening_situation("request_human", text, ranking, {})["situation"] == "detention"


def test_a_bridge_where_someone_held_is_asked_about_gets_every_line_and_keeps_the_answer():
    entities = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "message_language", "value": "es"}]
    slots = {"requested_slot": "detained_where", "situation": "detention", "consent": True}
    answer = interruptions.handle("crisis", "no sabemos, creo que en el puente", entities, [], slots, firm(), date(2026, 12, 6),
                                  free_text=True)
    assert answer.slots["detained_where"] == "no sabemos, creo que en el puente"
    assert answer.responses[0] == interruptions.CRISIS_UNSURE  # the help for every danger, 988 among it
    # the same words at another question are read as danger, as before
    other = interruptions.handle("crisis", "creo que en el puente", entities, [], {"requested_slot": "contact_email"}, firm(),
                                 date(2026, 12, 6), free_text=True)
    assert other.responses[0] == interruptions.CRISIS_REPLIES["suicide"]


def test_a_place_said_unsure_with_a_question_mark_answers_where_held():
    assert interruptions.plainly_answers("detained_where", "the place in houston on export drive? the private one", date(2026, 12, 6))
    assert not interruptions.plainly_answers("detained_where", "can they move him to texas?", date(2026, 12, 6))


def test_someone_held_since_a_day_read_as_information_is_the_detention():
    ranking = [{"name": "inform", "confidence": 0.47}, {"name": "situation_detention", "confidence": 0.28}]
    told = interruptions.opening_situation("inform", "they have my wife since friday, i am in the 85009", ranking, {})
    assert told["situation"] == "detention"


def test_a_detention_centre_named_beside_a_phone_number_is_the_matter():
    # a number said first pulls the reading to "inform" (0.99), the detention barely ranked
    ranking = [{"name": "inform", "confidence": 0.99}, {"name": "situation_detention", "confidence": 0.001}]
    text = "call me at eight one eight 555 0199 my sister is at adlanto since this past weekend"
    assert interruptions.opening_situation("inform", text, ranking, {})["situation"] == "detention"
    released = "call me at 818 555 0199, my sister was at adelanto but they released her"
    assert interruptions.opening_situation("inform", released, ranking, {}).get("situation") != "detention"
    assert interruptions.opening_situation("inform", "call me at 818 555 0199 thanks", ranking, {}) == {}


def test_someone_held_in_an_immigration_story_is_the_matter_beside_a_reading_of_danger():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.85}]
    text = "they're putting him on a bus to the border tonight. he's been locked up since october"
    assert interruptions.situation_beside_crisis(ranking, "child", text) == "detention"
    # a room an abuser locked is no detention
    assert interruptions.situation_beside_crisis(ranking, "child", "my daughter is locked up in her room by her stepdad") != "detention"


def test_a_new_date_beside_a_weak_sign_of_danger_is_kept():
    said = "wait sorry i just looked at the letter again its not next month its next thursday!!"
    slots = {"requested_slot": "location", "situation": "removal", "removal_stage": "hearing", "hearing_date": "next month"}
    guess = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = interruptions.handle("crisis", said, guess, [], slots, firm(), today=date(2026, 12, 6))
    assert answer.slots["hearing_date"] == "2026-12-10" and answer.responses[0] == interruptions.CRISIS_UNSURE


def test_a_time_beside_a_weak_sign_of_danger_is_not_taken_for_the_hearing():
    said = "she has it on her paper, ill have to ask her tonight"
    slots = {"requested_slot": "a_number", "situation": "removal", "removal_stage": "hearing", "hearing_date": "in a couple months"}
    guess = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = interruptions.handle("crisis", said, guess, [], slots, firm(), today=date(2026, 12, 6))
    assert "hearing_date" not in answer.slots


@pytest.mark.parametrize("text, asks", [
    ("wait before that, hes been in there since the 4th of july weekend, is that normal to be that long??", True),
    ("y es normal que no me digan nada de mi esposo?", True),
    ("what?", False),
    ("why?", False),
    ("Maria Lopez", False),
])
def test_a_question_about_a_case_where_a_name_is_asked(text, asks):
    assert interruptions.question_about_a_case(text) is asks


def test_a_job_at_the_firm_asked_after_a_greeting_is_the_matter():
    ranking = [{"name": "greet", "confidence": 0.6}, {"name": "situation_other", "confidence": 0.2}]
    said = interruptions.opening_situation("greet", "buenas tardes estan contratando? soy interprete de español", ranking, {})
    assert said["situation"] == "other"


@pytest.mark.parametrize("intent, text, slots, told", [
    ("situation_removal", "he has a removal order from 5 years ago and does check ins",
     {"situation": "other", "requested_slot": "details", "situation_text": "quick question about mi cuñado"}, "removal"),
    ("situation_other", "just want to know your hours",
     {"situation": "other", "requested_slot": "details", "situation_text": "quick question about mi cuñado"}, None),
    # "something else" told (office hours): the details add to it
    ("situation_family", "its for my mom's papers", {"situation": "other", "requested_slot": "details",
                                                    "situation_text": "what are your office hours on saturday"}, None),
    # only where "something else" asks; a matter known stays
    ("situation_removal", "he has a removal order", {"situation": "family", "requested_slot": "details"}, None),
])
def test_a_matter_told_where_something_else_asks_what_to_help_with(intent, text, slots, told):
    ranking = [{"name": intent, "confidence": 0.9}]
    assert interruptions.matter_in_details(intent, text, ranking, slots).get("situation") == told


def test_a_removal_tonight_read_as_danger_is_still_urgent():
    entities = [{"entity": "crisis_reading", "value": safety.GUESS}]
    answer = interruptions.handle("crisis", "my son is being deported tonight", entities, [],
                                  {"requested_slot": "situation", "location": "Atlanta, GA"}, firm(), today=date(2026, 12, 5))
    assert "removal_imminent" in answer.slots["urgency_reasons"]


@pytest.mark.parametrize("text, matter", [
    ("my hermana tiene court next week and she keeps saying if they deport her she is going to end it", "removal"),
    ("ya no quiero vivir. me quitaron a mi esposo ayer, lo tiene la migra", "detention"),
])
def test_the_matter_beside_despair(text, matter):
    assert interruptions.situation_beside_crisis([{"name": "crisis", "confidence": 1.0}], "suicide", text) == matter


def test_a_yes_at_the_agents_question_read_as_a_question_gets_know_your_rights_now():
    answer = _handle("ask_legal_advice", "si still there, they just sitting", slots={"requested_slot": "ice_present_now", "situation": "enforcement"})
    assert answer.slots["ice_present_now"] is True and "ice_present_now" in answer.slots["urgency_reasons"]
    assert any(response.startswith("utter_rights") for response, _ in answer.messages)
    assert answer.responses == []  # the help is the reply, not "I can't give legal advice"


def test_a_court_case_beside_a_threat_is_the_matter_however_little_weight_it_has():
    text = "the guy who crossed me keeps texting me saying hes going to hurt me if i dont pay him. i also have court in february"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_humanitarian", "confidence": 0.3},
               {"name": "situation_removal", "confidence": 0.01}]
    assert interruptions.situation_beside_crisis(ranking, "violence", text) == "removal"


@pytest.mark.parametrize("pending, said, heard", [
    ("detained_since", "desde el lunes, lo agarraron cuando iba a dejar a mi hija a la escuela", "2026-11-30"),
    ("hearing_date", "la audiencia es el jueves de la otra semana, me lo dijo mi hija", "2026-12-10"),
])
def test_a_weak_guess_of_danger_gets_the_help_and_the_answer_is_still_read(pending, said, heard):
    guess = [{"entity": "crisis_kind", "value": "child"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    slots = {"requested_slot": pending, "situation": "detention" if pending == "detained_since" else "removal"}
    answer = interruptions.handle("crisis", said, guess, [], slots, firm(), today=date(2026, 12, 6), free_text=True)
    assert answer.responses[0] == interruptions.CRISIS_UNSURE
    assert answer.slots[pending] == heard
    # words the patterns read as danger are not taken as the answer
    sure = interruptions.handle("crisis", "ya no aguanto, mi hija dice que se quiere matar",
                                [{"entity": "crisis_kind", "value": "suicide"}], [], slots, firm(),
                                today=date(2026, 12, 6), free_text=True)
    assert sure.slots.get(pending) in (None, "unknown") and sure.slots["safety_flag"]


def test_a_phone_about_to_die_is_no_danger():
    assert safety.detect_wide("oh and my phone might die, its at 3 percent, can you just email me") is None
    assert safety.detect_wide("se me va a morir el celular, mejor mándeme un correo") is None
    assert safety.detect_wide("my phone is dying and i want to die") is not None


def test_a_removal_told_at_the_situation_question_is_the_matter():
    said = "my dad got sent back to peru two weeks ago"
    ranking = [{"name": "inform", "confidence": 0.9}]
    assert interruptions.situation_beside_answer("inform", said, ranking, {"requested_slot": "situation"})["situation"] == "removal"
    assert interruptions.situation_beside_answer("inform", "im scared they send me back", ranking, {"requested_slot": "situation"}) == {}


@pytest.mark.parametrize("text, ranking, matter", [
    # held, in a removal story told without the word "immigration"
    ("they moved my son last night to the place near the airport in alexandria and the officer told him his flight is tonight",
     [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.59}], "detention"),
    # someone close being deported within days, read as danger: held until the flight
    ("my son is being deported tonight",
     [{"name": "crisis", "confidence": 0.4}, {"name": "situation_detention", "confidence": 0.18}], "detention"),
    ("they are deporting my husband on the flight friday and i cant do this anymore, i have my moms pills",
     [{"name": "crisis", "confidence": 1.0}, {"name": "situation_humanitarian", "confidence": 0.3}], "detention"),
    # "send her back to his house tonight" is no removal
    ("she is 14 and came alone last year. she is begging me not to send her back to his house tonight",
     [{"name": "crisis", "confidence": 1.0}, {"name": "situation_humanitarian", "confidence": 0.4}], "humanitarian"),
])
def test_the_matter_beside_a_guessed_danger_is_the_removal_under_way(text, ranking, matter):
    assert interruptions.situation_beside_crisis(ranking, None, text) == matter


def test_someone_being_held_at_a_processing_center_beside_a_guessed_danger_is_a_detention():
    text = "my mom is being held at the el paso processing center since last wednesday, she got caught crossing"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.5}]
    assert interruptions.situation_beside_crisis(ranking, None, text) == "detention"


def test_a_worry_about_being_reported_told_at_the_situation_question_is_the_matter_and_gets_the_privacy_answer():
    # not asked again: "my uncle is afraid the hospital will report him to immigration" is what is happening
    ranking = [{"name": "ask_privacy", "confidence": 0.43}, {"name": "situation_other", "confidence": 0.2}]
    answer = _handle("ask_privacy", "my uncle is afraid the hospital will report him to immigration", ranking=ranking,
                     slots={"requested_slot": "situation"})
    assert answer.slots["situation"] == "other"
    assert "utter_privacy" in answer.responses
    asked = _handle("ask_privacy", "will you report me to immigration?", ranking=ranking, slots={"requested_slot": "situation"})
    assert "situation" not in asked.slots


def test_harm_told_in_the_past_in_a_visa_story_gets_the_help_but_no_flag():
    slots = {"requested_slot": "details", "situation": "humanitarian",
             "situation_text": "me asaltaron con pistola el año pasado y la policía hizo reporte, alguien me dijo que por eso puedo pedir una visa"}
    told = "me pegaron y me robaron el dinero del trabajo, yo fui a declarar y agarraron al tipo"
    answer = _handle("crisis", told, entities=[{"entity": "crisis_kind", "value": "violence"}], slots=slots)
    assert answer.responses[0].startswith("utter_crisis")
    assert "safety_flag" not in answer.slots
    now = _handle("crisis", "me esta pegando ahorita", entities=[{"entity": "crisis_kind", "value": "violence"}], slots=slots)
    assert now.slots["safety_flag"] == "violence"


def test_danger_told_as_things_are_in_a_visa_story_is_flagged():
    slots = {"requested_slot": "location", "situation": "humanitarian",
             "situation_text": "necesito info about the u visa o algo para victims"}
    told = "im hiding at my friend's in el paso, he doesnt know where i am, he said he would kill me if i left"
    answer = _handle("crisis", told, entities=[{"entity": "crisis_kind", "value": "dv"}], slots=slots)
    assert answer.slots["safety_flag"] == "dv"


def test_a_partner_hurting_the_visitor_in_a_family_matter_makes_it_the_victims_self_petition():
    slots = {"requested_slot": "details", "situation": "family", "situation_text": "papeles sin mi esposo"}
    told = "él me pega cuando toma y me dice que si lo dejo me hace deportar, ahorita estoy escondida en casa de una amiga"
    answer = _handle("crisis", told, entities=[{"entity": "crisis_kind", "value": "dv"}], slots=slots)
    assert answer.slots["situation"] == "humanitarian" and answer.slots["safety_flag"] == "dv"
    other = _handle("crisis", "my neighbor is screaming at his wife", entities=[{"entity": "crisis_kind", "value": "dv"}],
                    slots=slots)
    assert "situation" not in other.slots


@pytest.mark.parametrize("text", ["Wendy, well Wendy Chavez de Tzul", "Jazmin Rocha but everyone calls me Jazzy",
                                  "yo soy Dania Mejía y la consulta es también para mi hija Keyla Mejía, ella tiene 15"])
def test_a_name_with_a_remark_plainly_answers_the_name_question(text):
    assert interruptions.plainly_answers("contact_name", text, date(2026, 12, 7))


def test_none_said_first_answers_the_a_number_question():
    assert interruptions.plainly_answers("a_number", "dont have it but his court is in 6 days, the lady at the jail told me", date(2026, 12, 7))
    assert interruptions.plainly_answers("a_number", "no lo tengo pero su corte es el 14", date(2026, 12, 7))


def test_a_place_said_first_in_a_message_read_as_distress_answers_where_are_you():
    text = "san antonio tx, y mi court es pasado mañana, so estoy desesperada"
    assert interruptions.place_said_first("location", "express_distress", text, date(2026, 12, 7))
    assert not interruptions.place_said_first("location", "crisis", text, date(2026, 12, 7))


def test_a_matter_told_beside_a_weak_danger_reading_replaces_something_else():
    # "i think my boss is doing something wrong with my visa" was something else; the location answer tells the matter
    slots = {"requested_slot": "location", "situation": "other", "situation_text": "i think my boss is doing something wrong with my visa"}
    told = "lincoln nebraska, im on an h-2b and he doesnt pay what the contract says and says if i complain he cancels my visa"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_employment", "confidence": 0.4}]
    entities = [{"entity": "crisis_kind", "value": "dv"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    answer = interruptions.handle("crisis", told, entities, ranking, slots, firm(), today=date(2026, 12, 7), free_text=True)
    assert answer.slots["situation"] == "employment"
    kept = interruptions.handle("crisis", told, entities, ranking, {**slots, "situation": "family"}, firm(),
                                today=date(2026, 12, 7), free_text=True)
    assert "situation" not in kept.slots  # a matter told before stands


@pytest.mark.parametrize("text", ["dont have it but his court is in 6 days, the lady at the jail told me", "no lo tengo pero su corte es el 14"])
def test_none_said_first_at_the_a_number_is_not_at_hand(text):
    assert interruptions.a_number_not_at_hand(text)


def test_a_question_about_the_a_number_read_as_another_intent_gets_where_it_is_written():
    slots = {"requested_slot": "a_number", "situation": "detention"}
    answer = _handle("request_others_data", "que es el numero A? donde lo encuentro", slots=slots)
    assert answer.responses == ["utter_a_number_where"] and not answer.slots


@pytest.mark.parametrize("kind, weights, text", [
    ("violence", [("situation_detention", 0.69), ("situation_enforcement", 0.21)],
     "they took my brother this morning at the car wash and now the car wash owner is at our house with a bat saying hes going "
     "to hurt us because he thinks we called ice on him. hes yelling outside right now"),
    ("dv", [("situation_detention", 0.49), ("situation_other", 0.07)],
     "my husband keeps calling me from a place in baldwin michigan, north lake something, hes been there since tuesday and hes scared"),
])
def test_someone_taken_or_held_beside_a_danger_is_a_detention(kind, weights, text):
    ranking = [{"name": "crisis", "confidence": 1.0}] + [{"name": n, "confidence": c} for n, c in weights]
    assert interruptions.situation_beside_crisis(ranking, kind, text) == "detention"


def test_knocking_at_a_door_not_opened_beside_a_danger_reading_is_agents():
    text = "vinieron a la casa hace media hora, tocaron y no abrimos, y ahorita están en la puerta de al lado"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_enforcement", "confidence": 0.89}]
    assert interruptions.situation_beside_crisis(ranking, "violence", text) == "enforcement"


def test_a_danger_reading_mid_form_keeps_a_matter_told_and_a_scam():
    slots = {"requested_slot": "contact_phone", "situation": "detention", "situation_text": "my brother has been detained in adelanto"}
    said = "sorry he just called me crying from there, he said hes going to hang himself tonight if they dont let him out"
    answer = interruptions.handle("crisis", said, [{"entity": "crisis_kind", "value": "suicide"}], [{"name": "crisis", "confidence": 1.0},
                                  {"name": "situation_enforcement", "confidence": 0.5}], slots, firm(), today=date(2026, 12, 7), free_text=True)
    assert "situation" not in answer.slots
    scam = {"requested_slot": "location", "situation": "other",
            "situation_text": "is this a scam? someone called saying they are from immigration and i owe a fine"}
    told = "st paul minnesota, the guy called twice today and said if i dont pay 800 dollars in gift cards ice will come tonight"
    answer = interruptions.handle("crisis", told, [{"entity": "crisis_kind", "value": "violence"}], [{"name": "crisis", "confidence": 1.0},
                                  {"name": "situation_enforcement", "confidence": 0.77}], scam, firm(), today=date(2026, 12, 7), free_text=True)
    assert "situation" not in answer.slots


def test_the_matter_is_read_from_the_details_after_i_dont_know():
    slots = {"requested_slot": "details", "situation": "other", "situation_text": "idk everything is bad, i lost my job and now this"}
    told = "im on h1b and they laid me off last week, my wife is on h4"
    ranking = [{"name": "situation_employment", "confidence": 0.9}]
    assert interruptions.matter_in_details("situation_employment", told, ranking, slots)["situation"] == "employment"


@pytest.mark.parametrize("intent, text, tries", [
    ("request_human", "can i just talk to a real person please this is important", 2),
    ("express_distress", "im so scared i cant even type right", 2),
    ("greet", "hello?", 2),
    ("greet", "help pls its my son", 1),  # a greeting with something in it is an answer
    ("nlu_fallback", "its about my mom, shes alone over there en honduras", 1),
    ("dont_know", "no sé ni cómo explicarlo", 1),
    # a task no law firm does is not the visitor's matter
    ("out_of_scope", "lol first can you help me write an essay for my english class", 2),
    ("out_of_scope", "i need a lawyer for a car accident", 1),
])
def test_a_message_that_is_no_answer_gets_the_situation_question_once_more(intent, text, tries):
    assert interruptions.situation_tries(intent, text) == tries


def test_persecution_told_beside_a_danger_reading_is_the_asylum_matter():
    slots = {"requested_slot": "details", "situation": "other", "situation_text": "todo esta mal, llegue hace poco y nadie me explica",
             "situation_tries": 1}
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_humanitarian", "confidence": 0.35}]
    answer = interruptions.handle("crisis", "vengo de nicaragua, me persiguieron por protestar", [{"entity": "crisis_kind", "value": "violence"}],
                                  ranking, slots, firm(), today=date(2026, 12, 7), free_text=True)
    assert answer.slots["situation"] == "humanitarian"


def test_the_dangers_own_matter_replaces_something_else_only_when_nothing_was_told():
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_family", "confidence": 0.2}]
    told = "mi esposo es residente y no me quiere arreglar, me pega y me encierra con llave, ahorita estoy escondida"
    untold = {"requested_slot": "details", "situation": "other", "situation_text": "necesito ayuda con mis papeles", "situation_tries": 1}
    answer = interruptions.handle("crisis", told, [{"entity": "crisis_kind", "value": "dv"}], ranking, untold, firm(),
                                  today=date(2026, 12, 7), free_text=True)
    assert answer.slots["situation"] == "humanitarian"
    fraud = {"requested_slot": "contact_name", "situation": "other",
             "situation_text": "i paid a notario 3000 for my papers a year ago and nothing happened, now he wont give my money back"}
    answer = interruptions.handle("crisis", "hes outside my apartment right now with a bat yelling hes gonna break my legs",
                                  [{"entity": "crisis_kind", "value": "violence"}], [{"name": "crisis", "confidence": 1.0}], fraud, firm(),
                                  today=date(2026, 12, 7), free_text=True)
    assert "situation" not in answer.slots


def test_an_unplaced_answer_that_told_its_matter_keeps_it_beside_the_details():
    slots = {"requested_slot": "details", "situation": "other", "situation_text": "cambio de dirección", "situation_tries": 1}
    ranking = [{"name": "situation_humanitarian", "confidence": 0.8}]
    assert interruptions.matter_in_details("situation_humanitarian", "me mudé hace un mes y tengo caso de asilo pendiente", ranking, slots) == {}


@pytest.mark.parametrize("text,asked", [
    ("how do i find out where he is??", True),
    ("is there a way to know where they took her?", True),
    ("¿cómo sé dónde está?", True),
    ("a donde se lo llevaron? nadie nos dice", True),
    ("i think krome?", False),  # a place guessed
    ("how do i find out if hes in eloy?", False),
    ("they said maybe the place in alvarado? i dont know", False),
    ("otero county i think", False),
    ("how do i put money on his account?", False),  # another question
])
def test_a_question_how_to_find_someone_held(text, asked):
    assert interruptions.where_held_asked_about(text) is asked


def test_how_to_find_someone_held_read_as_another_intent_is_told_where_to_look():
    slots = {"requested_slot": "detained_where", "situation": "detention"}
    answer = _handle("ask_legal_advice", "how can we find him? we dont know where they took him", slots=slots)
    assert [name for name, _ in answer.messages] == ["utter_help_detained"]
    assert answer.slots == {"detained_where": "unknown"}


@pytest.mark.parametrize("text, news", [
    ("hang on, ICE just called her cell and said she has to come to the office TOMORROW with her monitor, what is that", True),
    ("omg she just got a text from her lawyer, the hearing got moved up to next monday", True),
    ("perdón, me acaban de llamar, a mi hermano lo agarró la migra hace una hora saliendo del trabajo, eso es más urgente,"
     " ¿me pueden ayudar con él primero?", True),
    ("Maria Guadalupe Hernandez Lopez", False),
    ("my name is Wilfredo Chicas and you can call me after 5", False),
])
def test_news_of_the_case_said_where_a_name_or_number_is_asked(text, news):
    slots = {"situation": "removal", "removal_stage": "hearing", "hearing_date": "2027-02-05"}
    assert interruptions.news_of_the_case(text, slots, date(2026, 12, 7)) is news


def test_news_of_a_release_or_a_deportation_makes_the_matter_the_removal_case():
    slots = {"situation": "detention", "urgency_reasons": ["detained_now"]}
    today = date(2026, 12, 7)
    news = interruptions.released_news("dice que ya lo soltaron con fianza, pero le dieron corte en dos meses", slots, today)
    assert news["situation"] == "removal" and news["urgency_reasons"] == [] and news["removal_stage"] == "hearing"
    news = interruptions.released_news("me acaban de avisar que lo deportaron anoche, ya esta en nogales", slots, today)
    assert news["removal_stage"] == "removal_order" and "detained_since" not in news


@pytest.mark.parametrize("text, asks", [
    ("¿a qué hora abren el sábado?", True), ("are you open saturday", True), ("cual es su horario", True),
    ("where is your office", True), ("is there parking at your building", True),
    ("¿tienen estacionamiento?", True),
    ("my court is on saturday", False), ("i need to change my address with uscis", False), ("what time is my hearing", False),
    ("ICE agents are in the parking lot of my job right now", False), ("hay migra en el estacionamiento del walmart", False),
])
def test_a_question_about_the_office_itself(text, asks):
    assert interruptions.office_question(text) is asks


def test_a_minor_who_came_alone_beside_a_danger_is_a_childs_own_path():
    text = "quiero ayuda con los papeles de mi sobrino que llego solo de guatemala, tiene 15 años"
    assert interruptions.situation_beside_crisis([{"name": "situation_family", "confidence": 0.6}], "child", text) == "humanitarian"


@pytest.mark.parametrize("text, requested, said", [
    ("familia", "situation", {"situation": "family", "situation_text": "familia"}),  # the kind named, as the answer
    ("residencia", "situation", {}),  # a goal alone: asked again
    ("residencia", "consent", {}),  # a first message: "What's happening?" is asked
])
def test_a_kind_or_a_goal_named_alone(text, requested, said):
    assert interruptions._situation_said(text, [], {"requested_slot": requested}) == said


def test_a_date_put_off_at_the_summary_read_as_a_guessed_danger_is_soon_no_longer():
    text = "ay espere, mi hija me esta enseñando una carta nueva, dice que ya no es este jueves, la pasaron para dentro de dos meses"
    entities = [{"entity": "crisis_kind", "value": "suicide"}, {"entity": "crisis_reading", "value": safety.GUESS}]
    slots = {"situation": "removal", "removal_stage": "hearing", "hearing_date": "2026-12-10", "urgency_reasons": ["hearing_soon"],
             "requested_slot": "intake_confirmed"}
    answer = interruptions.handle("crisis", text, entities, [], slots, firm(), today=date(2026, 12, 7))
    assert answer.slots["hearing_date"] == "2027-02-05"
    assert answer.slots["urgency_reasons"] == []


@pytest.mark.parametrize("text, kind, matter", [
    ("llegaron a la obra hace rato y siguen ahi, yo me escondi en el carro", "violence", "enforcement"),  # hiding at work
    ("mi esposo ya no quiere ir a trabajar porque dicen que andan agarrando gente en las obras, que hacemos si lo paran", "suicide",
     "enforcement"),  # raids feared
    ("ICE stopped my husband in the car outside our building right now, they have him in the back of their car", "violence", "detention"),
])
def test_the_matter_beside_a_guessed_danger(text, kind, matter):
    assert interruptions.situation_beside_crisis([], kind, text) == matter


def test_fear_told_at_whats_happening_is_the_matter():
    ranking = [{"name": "express_distress", "confidence": 0.34}, {"name": "situation_enforcement", "confidence": 0.27},
               {"name": "situation_detention", "confidence": 0.08}]
    said = interruptions.situation_beside_answer("express_distress", "tengo miedo que lo agarre la migra, quiero saber que hacer",
                                                 ranking, {"requested_slot": "situation"})
    assert said.get("situation") == "enforcement"


def test_a_no_at_the_agents_question_read_as_danger_by_the_learned_reader_is_kept():
    slots = {"requested_slot": "ice_present_now", "situation": "enforcement", "reply_language": "es"}
    answer = interruptions.handle("crisis", "aqui en mi casa no, en la tienda dicen que si", [], [], slots, None,
                                  today=date(2026, 12, 8))
    assert answer.slots.get("ice_present_now") is False


def test_a_relatives_taking_feared_beside_a_danger_reading_is_the_fear_of_enforcement():
    text = "tengo miedo que se lleven a mi esposo, el sale todos los dias a trabajar en la construccion y ya han agarrado a varios del barrio"
    ranking = [{"name": "crisis", "confidence": 1.0}, {"name": "situation_detention", "confidence": 0.28},
               {"name": "situation_enforcement", "confidence": 0.11}]
    assert interruptions.situation_beside_crisis(ranking, None, text) == "enforcement"
