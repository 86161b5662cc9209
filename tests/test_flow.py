"""The order of intake questions (bot.flow)."""
from datetime import date

import pytest

from bot import flow, urgency


def test_consent_comes_first():
    assert flow.missing_slots({})[0] == "consent"


def test_refusal_ends_the_form():
    assert flow.required_slots({"consent": False}) == ["consent"]
    assert flow.missing_slots({"consent": False}) == []


def test_known_answers_are_not_asked_again():
    slots = {"consent": True, "location": "Chicago, IL", "state": "IL", "situation": "family"}
    assert flow.missing_slots(slots)[0] == "details"


@pytest.mark.parametrize(
    "situation, expected",
    [
        ("detention", ["detained_where", "detained_since", "a_number"]),
        ("removal", ["removal_stage", "hearing_date", "a_number"]),
        ("enforcement", ["ice_present_now"]),
        ("citizenship", ["details"]),
        ("other", ["details"]),
    ],
)
def test_follow_ups_fit_the_situation(situation, expected):
    assert flow.follow_ups({"situation": situation}) == expected


@pytest.mark.parametrize(
    "situation, told",
    [
        ("citizenship", "I failed the civics part of my citizenship interview, retest is January 19"),
        ("humanitarian", "my daca expired in september and i couldnt pay the fee"),
        ("family", "quiero pedir a mi mamá que está en Honduras"),
        ("employment", "my company laid me off and im on h1b, how long can i stay"),
        ("other", "do you do certified translations of birth certificates"),
    ],
)
def test_details_told_with_the_matter_are_not_asked_again(situation, told):
    assert "details" not in flow.follow_ups({"situation": situation, "situation_text": told})


@pytest.mark.parametrize(
    "situation, told",
    [
        ("family", "family"),  # a button or one word tells nothing more
        ("humanitarian", "i need help with my immigration papers please"),  # no program named
        ("other", "i dont know what kind of case i have honestly"),
        ("family", "/situation_family"),
    ],
)
def test_details_are_asked_when_the_matter_was_not_told(situation, told):
    assert "details" in flow.follow_ups({"situation": situation, "situation_text": told})


@pytest.mark.parametrize("text, stage_known, said", [
    ("I have a removal order from 2013 and never heard from ICE, until friday an officer called my cell and said I need to come "
     "to the office this wednesday 'to update my file'. should I go??", None,
     {"removal_stage": "removal_order", "hearing_date": "2026-12-09"}),
    ("houston, y la carta dice q es pa el jueves q viene", "removal_order", {"hearing_date": "2026-12-10"}),
    ("Gaspar Domingo Pablo", "removal_order", {}),  # a name, not a Sunday
])
def test_the_day_to_report_with_an_order_is_the_next_date(text, stage_known, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7), stage_known) == said


def test_report_right_away_is_a_date_near_said_as_heard():
    assert flow.next_date_answer("el officer dijo que vaya lo antes posible, no dio día", date(2026, 12, 7))[1] == "far"
    assert urgency.assess({"situation": "removal", "removal_stage": "removal_order",
                           "hearing_date": "el officer dijo que vaya lo antes posible, no dio día"}, date(2026, 12, 7)) == ["hearing_soon"]


def test_removal_order_has_no_date_to_ask():
    assert "hearing_date" not in flow.follow_ups({"situation": "removal", "removal_stage": "removal_order"})


@pytest.mark.parametrize("told, asked", [
    ("i got a deportation order years ago and now ice sent a letter telling me to report", True),
    ("mi esposo tiene una orden de deportacion y lo citaron a la oficina de ICE", True),
    ("i have a deportation order from 2015 and never heard anything since", False),
    ("tengo orden de deportacion y me tengo que presentar a la corte familiar de mi hijo", False),  # no agency calls anyone in
])
def test_an_order_with_ice_calling_the_person_in_asks_the_day_to_report(told, asked):
    slots = {"situation": "removal", "removal_stage": "removal_order", "situation_text": told}
    assert ("hearing_date" in flow.follow_ups(slots)) is asked


def test_ambiguous_city_asks_for_the_state_after_the_phone():
    slots = {"consent": True, "location": "Springfield", "location_candidates": ["IL", "MO", "MA"]}
    order = flow.missing_slots(slots)
    assert order[0] == "situation"
    assert order.index("contact_phone") < order.index("location_state") < order.index("intake_confirmed")
    settled = dict(slots, state="IL")
    assert "location_state" not in flow.required_slots(settled)


def test_callback_request_jumps_the_queue():
    slots = {"consent": True, "callback_requested": True}
    assert flow.missing_slots(slots)[:2] == ["contact_name", "contact_phone"]
    slots.update(contact_name="Ana", contact_phone="+13125550100", callback_recorded=True)
    assert flow.missing_slots(slots)[0] == "location"


def test_email_only_asked_without_phone():
    base = {"consent": True, "contact_name": "Ana"}
    assert "contact_email" not in flow.required_slots(dict(base, contact_phone="+13125550100"))
    assert "contact_email" in flow.required_slots(dict(base, contact_phone="none"))


def test_summary_is_last_and_correction_inserts_change_question():
    assert flow.required_slots({"consent": True})[-1] == "intake_confirmed"
    order = flow.required_slots({"consent": True, "correcting": True})
    assert order[-2:] == ["change_field", "intake_confirmed"]


@pytest.mark.parametrize(
    "text, group",
    [("location", "location"), ("the city is wrong", "location"), ("my phone number", "contact"),
     ("hearing date", "details"), ("situation", "situation"), ("banana", None)],
)
def test_change_group(text, group):
    assert flow.change_group(text) == group


def test_reset_clears_the_whole_group():
    reset = flow.reset_events_for("location")
    assert reset["location"] is None and reset["state"] is None and reset["city"] is None


@pytest.mark.parametrize(
    "text, stage",
    [("hearing", "hearing"), ("I have court with the judge", "hearing"), ("check in at the ICE office", "check_in"),
     ("i got a deportation order", "removal_order"), ("notice to appear but no date", "nta_no_date"),
     ("not sure", "unknown"), ("pizza", None),
     # Spanish check-ins: "chequeo", signing at ICE
     ("chequeo con ice", "check_in"), ("voy a ice a firmar cada año", "check_in"), ("firmo con ice", "check_in"),
     ("voy a firmar los papeles de la casa", None),
     # an appeal waiting at the Board; one decided is an order
     ("el juez me negó y mi abogado apeló a la junta", "appeal"), ("my lawyer appealed to the BIA last year", "appeal"),
     ("the bia denied my appeal", "removal_order")],
)
def test_removal_stage_from_words(text, stage):
    assert flow.removal_stage(text) == stage


@pytest.mark.parametrize("text, stage", [
    # a plain no at "Which of these fits best?" is none of them, never "please pick"
    ("no", "unknown"), ("none of these", "unknown"), ("ninguna", "unknown"), ("not yet", "unknown"),
    # a stage said not to be is not that stage; another one said beside it is
    ("no court yet", "unknown"), ("no tengo corte todavia", "unknown"), ("i dont have a hearing", "unknown"),
    ("no court yet, but a check in next week", "check_in"), ("court is not until march", "hearing"),
])
def test_a_stage_denied_is_not_taken(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


@pytest.mark.parametrize(
    "situation, text, expected",
    [
        ("detention", "ICE took my husband yesterday", {"detained_since": "2026-11-27"}),
        ("detention", "they arrested my son 2 weeks ago", {"detained_since": "2026-11-14"}),
        ("detention", "detained since monday", {"detained_since": "2026-11-23"}),  # a detention is past: the last Monday
        ("detention", "detained in may", {}),  # month only: which year?
        ("removal", "i have court next tuesday", {"removal_stage": "hearing", "hearing_date": "2026-12-01"}),
        ("removal", "my ice check-in is on dec 3", {"removal_stage": "check_in", "hearing_date": "2026-12-03"}),
        # a removal carried out had an order behind it: the stage is not asked (was {} before 2026-12-05)
        ("removal", "i was deported 2 years ago", {"removal_stage": "removal_order"}),
        # two dates: the nearest is the next date, and its stage (was {}, both asked, before 2026-12-06)
        ("removal", "hearing on dec 3 and check in on dec 10", {"removal_stage": "hearing", "hearing_date": "2026-12-03"}),
        ("removal", "my next ICE appointment is on dec 4 and my first court is in like 10 months",
         {"removal_stage": "check_in", "hearing_date": "2026-12-04"}),
        ("family", "i married a citizen yesterday", {}),
    ],
)
def test_answers_already_given_in_the_situation(situation, text, expected):
    assert flow.answers_in_text(situation, text, date(2026, 11, 28)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("they took my husband to the otay mesa detention center", {"detained_where": "Otay Mesa Detention Center (San Diego, CA)"}),
        ("they took my husband to the cypress hill detention center", {"detained_where": "cypress hill detention center"}),
        ("she is in ice detention 3 weeks", {"detained_since": "2026-11-07"}),
        ("he was detained, my A-number is A 226 555 018", {"a_number": "226555018"}),
        ("my husband is detained, we have 2 kids", {}),
        ("ICE has my cousin since friday, they will let him out tomorrow", {"detained_since": "2026-11-27"}),
        ("we crossed 3 days ago, they let me go with my kids but they kept my husband", {"detained_since": "2026-11-25"}),
        ("she has my papers since monday", {}),
        ("he is detained, his alien number is 215876044", {"a_number": "215876044"}),
        ("ICE grabbed him 2 wks ago", {"detained_since": "2026-11-14"}),  # a unit typed short
        ("they picked him up yesterday around 6am", {"detained_since": "2026-11-27"}),
        ("ICE has had him for 3 weeks", {"detained_since": "2026-11-07"}),
        ("vinieron los de inmigracion temprano y se llevaron a mi esposo", {"detained_since": "2026-11-28"}),
        ("a mi esposo lo agarraron, su A es 241778903", {"a_number": "241778903"}),
        ("lo paro la policia el viernes y ahora lo tiene inmigracion", {"detained_since": "2026-11-27"}),
        ("lo detuvieron esta madrugada", {"detained_since": "2026-11-28"}),
        # the agents' visit is no arrival in the country: the day they came is the day of the taking
        ("ICE vino a mi casa hoy como a las 6 de la mañana y se llevó a mi hijo, ya se fueron", {"detained_since": "2026-11-28"}),
        ("my wife got detained en su check-in este morning, I dont know where", {"detained_since": "2026-11-28",
                                                                                 "detained_where": "I dont know where"}),
        ("she was detained, she has a green card, no a number with her", {"a_number": "unknown"}),
        ("lo detuvieron. Su número A no lo tengo.", {"a_number": "unknown"}),
        ("lo detuvieron y ahora lo tiene ICE en el jail del condado", {"detained_where": "el jail del condado"}),
        ("he called from the ice office downtown, they kept him at his check in", {"detained_where": "the ice office downtown"}),
        ("they are putting him on a plane, hes at the ice place in baltimore", {"detained_where": "the ice place in baltimore"}),
        ("my husband has been in detention since september, hes in tacoma", {"detained_where": "Tacoma, WA", "detained_since": "since september"}),
        ("lo movieron dos veces y ahora nadie me dice dónde está", {"detained_where": "nadie me dice dónde está"}),
        ("they took my husband from the job site, idk where he is", {"detained_where": "idk where he is"}),
        ("fue a firmar en la oficina de inmigracion en san antonio y no lo dejaron salir",
         {"detained_where": "la oficina de inmigracion en san antonio"}),
        # "coming back" is not a day ahead
        ("she was detained at the airport last nite coming back from visiting her mom",
         {"detained_since": "2026-11-27", "detained_where": "at the airport"}),
    ],
)
def test_detention_facts_said_in_passing(text, expected):
    assert flow.answers_in_text("detention", text, date(2026, 11, 28)) == expected


@pytest.mark.parametrize("text, stage", [("corte", "hearing"), ("tengo audiencia", "hearing"), ("cita con ice", "check_in"),
                                          ("orden de deportacion", "removal_order"), ("no se", "unknown")])
def test_removal_stage_in_spanish(text, stage):
    assert flow.removal_stage(text) == stage


def test_a_question_gives_up_with_the_visitors_words_or_not_known():
    assert flow.give_up("location", "el  bronx") == {"location": "el bronx"}
    assert flow.give_up("a_number", "lost it") == {"a_number": "unknown"}
    assert flow.give_up("consent", "whatever") == {}


@pytest.mark.parametrize("text, nothing", [("nothing", True), ("never mind", True), ("no", True), ("it's fine", True),
                                           ("nada", True), ("my phone", False), ("the date", False)])
def test_nothing_to_change(text, nothing):
    assert flow.nothing_to_change(text) is nothing


@pytest.mark.parametrize("text, stop", [("no cancel it. i changed my mind i dont want to do this right now", True),
                                        ("no, don't save it", True), ("mejor no, olvidalo", True),
                                        ("no, the phone is wrong", False), ("no", False)])
def test_wants_to_stop_at_the_summary(text, stop):
    assert flow.wants_to_stop(text) is stop


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the board dismissed my appeal last month", {"removal_stage": "removal_order"}),
        ("me deportaron hace un año", {"removal_stage": "removal_order"}),
        ("my hearing is next year in april", {"removal_stage": "hearing", "hearing_date": "my hearing is next year in april"}),
    ],
)
def test_removal_facts_said_in_passing(text, expected):
    assert flow.answers_in_text("removal", text, date(2026, 12, 3)) == expected


@pytest.mark.parametrize("text, where", [
    ("my brother is in ice detention in jena louisiana for 5 months. we're in houston",
     "Central Louisiana ICE Processing Center (Jena, LA)"),
    ("my uncle got detained at the border in el paso 2 weeks ago. we live in denver", "El Paso, TX (where detained)"),
    ("lo detuvieron en un traffic stop en Nashville. we live in Murfreesboro", "Nashville, TN (where detained)"),
])
def test_where_someone_is_held_or_was_taken_is_not_asked_again(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 3))["detained_where"] == where


@pytest.mark.parametrize("text", [
    "my husband was detained. i live in houston",  # the visitor's place, not where he is held
    "we live in dallas and ice took my dad",
    "my mom is in honduras and my brother was detained",  # a relative's place
])
def test_the_visitors_own_place_or_a_relatives_is_not_where_someone_is_held(text):
    assert "detained_where" not in flow.answers_in_text("detention", text, date(2026, 12, 3))


@pytest.mark.parametrize("text, stage", [
    ("my wife has her final hearing at the atlanta immigration court", "hearing"),  # "nta" inside "Atlanta"
    ("just looking for representation for my court date", "hearing"),  # ... and "representation"
    ("i got a notice to appear but no date", "nta_no_date"),
    ("they gave me an NTA", "nta_no_date"),
    ("The immigration judge denied my asylum case 20 days ago", "removal_order"),
    ("i have cort next month", "hearing"),
])
def test_a_removal_stage_is_read_from_whole_words(text, stage):
    assert flow.removal_stage(text) == stage


def test_a_hearing_named_by_day_and_counted_from_today_is_not_asked_again():
    said = flow.answers_in_text("removal", "her final hearing at the atlanta immigration court on the 14th, "
                                "that's 12 days from today", date(2026, 12, 3))
    assert said == {"removal_stage": "hearing", "hearing_date": "2026-12-14"}


@pytest.mark.parametrize("text", [
    "I had my master hearing last month and the next one is next September.",
    "i hav a cort case for deportasion, my nex date is in 2027.",
])
def test_a_far_hearing_is_kept_in_the_visitors_words(text):
    said = flow.answers_in_text("removal", text, date(2026, 12, 3))
    assert said["removal_stage"] == "hearing" and said["hearing_date"] == text


def test_a_far_check_in_told_after_the_last_one_is_the_next():
    said = flow.answers_in_text("removal", "Fui a mi ICE check-in ayer y todo bien, me dijeron que regrese en un año. "
                                "Quiero saber si hay forma de cerrar mi caso", date(2026, 12, 5))
    assert said == {"removal_stage": "check_in", "hearing_date": "me dijeron que regrese en un año"}


def test_held_since_a_period_is_kept_in_words():
    said = flow.answers_in_text("detention", "my dad is being held at moshannon valley since last month",
                                date(2026, 12, 3))
    assert said["detained_since"] == "since last month"


# --- a situation already known, and a later message that reads as another ------------

@pytest.mark.parametrize("before, now, asked, text", [
    ("detention", "other", "intake_confirmed", "le pueden quitar la residencia por algo de hace tantos años?"),
    ("employment", "family", "intake_confirmed", "cuanto nos cobrarian por ayudarnos con la inspeccion?"),
    ("family", "removal", "location", "si aplico me pueden deportar? me da miedo q sepan donde vivo"),
    ("citizenship", "detention", "contact_name", "can they detain me at the interview?"),
    ("other", "removal", "contact_name", "if i call the police on him can they deport me?"),
    # agents come for someone with a removal case: the case stays the matter
    ("removal", "enforcement", "intake_confirmed", "two ICE officers are banging on my door right now"),
    # read as a pressing matter, with no one held and no agents named: a place, not a new matter
    ("employment", "detention", "location", "en la costa de luisiana, en un pueblito q se llama Golden Meadow"),
])
def test_a_question_later_does_not_change_the_matter(before, now, asked, text):
    assert flow.keeps_situation(before, now, asked, text)


@pytest.mark.parametrize("before, now, asked, text", [
    ("family", "employment", "intake_confirmed", "no, it's about my work visa"),
    ("other", "humanitarian", "intake_confirmed", "en realidad es sobre el asilo de mi esposa"),
    ("family", "detention", "location", "they just took my husband at the store"),
    ("other", "family", "situation", "my wife's green card"),
    (None, "family", "location", "i want to petition my mom"),
    ("other", "removal", "location", "his court date is next monday and he has no lawyer"),
])
def test_a_correction_or_a_pressing_matter_changes_it(before, now, asked, text):
    assert not flow.keeps_situation(before, now, asked, text)


def test_dates_ahead_and_behind_in_one_message():
    today = date(2026, 12, 3)
    said = flow.answers_in_text(
        "removal", "fui a mi cita de ice hace 2 semanas y me pusieron el grillete, me dijeron q vuelva el 11 de diciembre", today)
    assert said == {"removal_stage": "check_in", "hearing_date": "2026-12-11"}
    said = flow.answers_in_text("removal", "me dieron un NTA en la frontera y mi corte es en como 10 dias", today)
    assert said == {"removal_stage": "hearing", "hearing_date": "2026-12-13"}
    # a day and month long past is not next year's hearing
    said = flow.answers_in_text("removal", "el juez me nego el asilo el 13 de noviembre y quiero apelar", today)
    assert said == {"removal_stage": "removal_order"}


@pytest.mark.parametrize("text, expected", [
    ("mi esposo esta en el centro de detencion de tacoma desde el viernes", "2026-11-27"),
    ("mi hermano esta en otay mesa desde hace 5 dias", "2026-11-28"),
    ("my husband is detained since january and still no court", "since january"),
    ("mi hijo está detenido en luisiana desde la segunda semana de noviembre", "desde la segunda semana de noviembre"),
    ("a mi hija la tiene la patrulla fronteriza en laredo desde ayer", "2026-12-02"),
    ("estoy en Salem Oregon, my brother está en la cárcel de Marion County since friday", "2026-11-27"),
    ("mi esposo esta en el corralon desde el lunes", "2026-11-30"),
])
def test_when_someone_was_detained_is_heard_in_passing(text, expected):
    assert flow.answers_in_text("detention", text, date(2026, 12, 3)).get("detained_since") == expected


@pytest.mark.parametrize("text, stage", [
    ("i have to go to ice check in and my friend got taken at his", "check_in"),
    ("my son has his immigration court in san francisco but we moved to reno", "hearing"),
    ("i dont have court yet, just an NTA", "nta_no_date"),
    ("todavia no tengo corte, solo me dieron papeles", None),
    # a step only asked about is a fear; the step told is the stage
    ("got a letter from the immigration court saying the case is dismissed?? does that mean i get deported", "hearing"),
    ("is my check in still on? it was moved", "check_in"),
])
def test_a_stage_said_without_a_date_is_not_asked(text, stage):
    assert flow.answers_in_text("removal", text, date(2026, 12, 3)).get("removal_stage") == stage


@pytest.mark.parametrize("text, where", [
    ("my brother landed at JFK from santo domingo 5 hours ago and CBP still has him", "JFK"),
    ("im at the atlanta airport now and cbp took my brother in the back room", "the atlanta airport"),
    ("mi esposo está detenido en el condado por manejar sin licencia", "el condado"),
])
def test_an_airport_or_the_local_jail_is_where_someone_is_held(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 3))["detained_where"] == where


def test_a_check_in_today_is_not_the_next_one():
    said = flow.answers_in_text("removal", "i went to my ice check in today and they said next one is next year in january",
                                date(2026, 12, 3))
    assert said.get("hearing_date") != "2026-12-03"


@pytest.mark.parametrize(
    "text, expected",
    [
        # the day is in the clause that says who was taken, not in "4 years old"
        ("theres a little girl maybe 4 years old alone next door, her mom got taken by ICE yesterday and nobody came",
         {"detained_since": "2026-12-02"}),
        ("ya no quiero vivir. me quitaron a mi esposo ayer", {"detained_since": "2026-12-02"}),
        ("the sheriff gave him to ICE, this was friday. hes still in the county jail",
         {"detained_where": "the county jail", "detained_since": "2026-11-27"}),
    ],
)
def test_the_day_of_a_detention_in_the_clause_of_who_was_taken(text, expected):
    assert flow.answers_in_text("detention", text, date(2026, 12, 3)) == expected


def test_at_the_check_in_now_means_today():
    said = flow.answers_in_text("removal", "im at my ICE check in and they told me to wait in a room", date(2026, 12, 3))
    assert said == {"removal_stage": "check_in", "hearing_date": "2026-12-03"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yes, they are in the break room now.", True),
        ("they are still parked outside", True),
        ("sí, están afuera", True),
        ("no they left an hour ago", False),
        ("ICE came to my job last week", False),
        ("ya no están", False),
        ("not at my house, they were by the school this morning", False),
        ("not here, just what people posted", False),
        ("si vienen que hago", None),  # "if they come": a question, not a yes
        ("i think so", True),  # recall first: a maybe-yes at a live question is a yes
        ("the truck is across the street", True),
        ("creo que si, hay una camioneta", True),
        ("they went to the neighbors house", True),
        ("they were here this morning", False),
        ("the police is here not ice", False),
        ("negativo", False),
        ("not sure", False),  # asked again, they would not know better
        ("ya they r here", True), ("omg yes", True), ("simon, aqui estan", True),
        ("they r inside the restaurant where i work, im hiding in the back", True),
        ("banana", None),
    ],
)
def test_are_agents_there_answered_in_own_words(text, expected):
    assert flow.agents_here_answer(text, date(2026, 12, 3)) is expected


@pytest.mark.parametrize(
    "text", ["mi esposo tiene un order de deportacion desde 2011", "tengo una deportacion del 2011, me la dieron en ausencia"]
)
def test_spanish_removal_order_is_a_stage_said(text):
    assert flow.answers_in_text("removal", text, date(2026, 12, 3)) == {"removal_stage": "removal_order"}


def test_a_check_in_said_as_presentarse_con_ice_with_its_day():
    said = flow.answers_in_text("removal", "este viernes me tengo q presentar con ice y tengo miedo", date(2026, 12, 3))
    assert said == {"removal_stage": "check_in", "hearing_date": "2026-12-04"}
    said = flow.answers_in_text("removal", "my ICE appointment is on 12/10", date(2026, 12, 3))
    assert said == {"removal_stage": "check_in", "hearing_date": "2026-12-10"}


@pytest.mark.parametrize(
    "text, said",
    [
        ("ya no quiero vivir. me quitaron a mi esposo ayer", True),
        ("ICE took my husband this morning and i want to die", True),
        ("her mom got taken by ICE yesterday", True),
        ("my son took a bunch of pills", False),
        ("the nice lady took my papers", False),
        ("they just took my husband, ICE van, like 5 min ago", True),
        ("se llevaron a mi esposo los de la migra hace rato", True),
        ("se acaban de llevar a mi esposo en la puerta de la casa, ice, hace 10 min", True),
        ("they took my husband to the hospital", False),
        ("my husband took my kids to the ICE office for his check in", False),
        # the agency after the verb
        ("a mi hijo lo detuvo la migra saliendo del trabajo el viernes", True),
        ("a mi papá se lo llevó ICE de la obra", True),
        # held by them
        ("lo tiene la migra desde hace 5 dias", True),
        ("ICE still has my son at the airport", True),
        # the agency first in Spanish; held at the airport
        ("necesito ayuda con mi brother, ICE lo tiene desde el lunes", True),
        ("atlanta, we landed yesterday and shes still at the airport with CBP", True),
        ("CBP at JFK havent let her out since this morning", True),
        ("ICE tiene oficinas en el centro", False),
        # taken at a border checkpoint; moved from one centre to another
        ("my dad got taken at the checkpoint yesterday coming back from work", True),
        ("mi girlfriend la detuvieron en el checkpoint de falfurrias last night", True),
        ("a mi hermano lo cogieron en la guagua en el reten de la 75 anteayer", True),
        ("they moved my husband AGAIN and the locator shows nothing", True),
        ("lo movieron dos veces y ahora nadie me dice donde esta", True),
        ("we moved my mom to texas last year", False),
        ("my dad got picked up this morning por ICE afuera del home depot", True),
        ("my son has ICE paperwork", False),
    ],
)
def test_someone_taken_by_immigration_said_plainly(text, said):
    assert flow.detention_said(text) is said


@pytest.mark.parametrize(
    "read, situation, text, news",
    [
        ("detention", "removal", "they just took my husband, ICE van, like 5 min ago", True),
        ("detention", "family", "ICE took my wife this morning at the bus stop", True),
        ("detention", "detention", "they just took my husband, ICE van", False),  # already the matter
        ("detention", "removal", "can ICE take my husband at court?", False),  # a question
        ("removal", "family", "they just took my husband, ICE van", False),  # not read as a detention
        ("detention", None, "ICE took my wife", False),  # no matter yet: the situation question reads it
    ],
)
def test_news_of_a_detention_mid_intake(read, situation, text, news):
    assert flow.news_of_detention(read, situation, text) is news


@pytest.mark.parametrize(
    "value, text, twice, reply",
    [
        (True, "yes", False, "yes"),
        ("thanks", "thank you so much", False, "yes"),
        ("unsure", "i dont know", False, "again"),
        ("unsure", "i don't know", True, "yes"),  # shown twice: kept as it is, staff check it on the call
        ("actually we moved to dallas last week", "actually we moved to dallas last week", False, "change"),
        ("yes thats right", "yes thats right", False, "yes"),
        (False, "no, i changed my mind, i dont want to do this now", False, "stop"),
        (False, "no", False, "change"),
        ("oh and he also has a DUI from 2015", "oh and he also has a DUI from 2015", False, "more"),
        ("ah y se me olvidaba, tenemos 2 hijos nacidos aqui", "ah y se me olvidaba, tenemos 2 hijos nacidos aqui", False, "more"),
        ("my name is wrong", "my name is wrong", False, "change"),
    ],
)
def test_what_a_reply_at_the_summary_means(value, text, twice, reply):
    assert flow.summary_reply(value, text, twice) == reply


@pytest.mark.parametrize(
    "text, intent, offered, consents",
    [
        ("yes but i want a real person to call me", "request_human", False, True),
        ("i just want a real person to call me", "request_human", True, True),
        ("can a real person call me", "request_human", False, False),
        ("no thanks", "deny", False, False),
        # a yes with a condition or a question beside it (each had looped on the consent question)
        ("is this going to ice? if not then ok", "ask_privacy", False, True),
        ("ok i guess, as long as its private", "ask_privacy", False, True),
        ("si pero no se lo manden a migracion", "ask_privacy", False, True),
        ("esta bien pero no se lo manden a migracion", "ask_privacy", False, True),
        ("ok but no thanks", "deny", False, False),
        ("ok no", "deny", False, False),
        ("who sees this?", "ask_privacy", False, False),
        ("yes but i dont want my info saved", "ask_privacy", False, False),
    ],
)
def test_consent_in_a_reply_that_is_not_a_plain_yes(text, intent, offered, consents):
    assert flow.consents(text, intent, offered) is consents


@pytest.mark.parametrize("text, own", [
    ("i have my ICE check in next wednesday, my friend got detained at his last week. should i go??", True),
    ("my brother was detained for 2 months but they let him out on bond last week. now he has court in 4 months", True),
    ("lo soltaron con fianza y ahora tiene corte en marzo", True),
    ("my dad got out of detention last week with an ankle monitor and now he has to report to ice this friday", True),
    ("mi hermano salio de la detencion y tiene que presentarse con ice el lunes", True),
    ("ICE has my cousin since friday, they will let him out tomorrow with an ankle monitor", False),  # still held
    ("my husband was detained yesterday and he has court next month", False),  # held now
    ("my friend got detained at the store", False),  # no case of their own said
    # a detention feared at a coming check-in
    ("my check in is in 4 days and im scared they keep me this time", True),
    ("mi esposa tiene que reportarse con ice el mes que viene, la pueden dejar detenida?", True),
    ("ICE detained my husband at his check in today, can they deport him", False),  # it happened
])
def test_a_detention_that_is_over_or_someone_elses_beside_ones_own_court(text, own):
    assert flow.own_case_not_a_detention(text) is own


@pytest.mark.parametrize("read, text, matter", [
    ("removal", "my husband got deported to guatemala last month, how can he come back?", "family"),
    ("detention", "they let him out on bond last week, now he has court in 4 months", "removal"),
    ("detention", "ICE took my husband this morning", "detention"),
    ("removal", "i have court next week", "removal"),
    # the employer's compliance; a worker told of an audit stays enforcement
    ("enforcement", "we got a notice of inspection, they want our I-9s in 3 days, we have 40 employees", "employment"),
    ("enforcement", "my boss says ICE is coming to do an audit, can they arrest me at work?", "enforcement"),
    # an old order with no agents told is the removal case; with agents after them, enforcement
    ("enforcement", "a judge ordered me removed back in 2012 and i stayed, nobody ever came", "removal"),
    ("enforcement", "me dieron orden de deportacion hace años, hay algo que se pueda hacer?", "removal"),
    ("enforcement", "he has a removal order and ICE agents keep showing up at his work", "enforcement"),
    # a program asked about with no agents in the story; with agents, enforcement
    ("enforcement", "the counselor asked my son if he is legal, can he still get daca?", "humanitarian"),
    ("enforcement", "ICE came to my building asking for me, i have TPS, do i open?", "enforcement"),
    # a step only a removal case has, read as something else; a question about the office stays one
    ("other", "Do I need a lawyer for my ICE appointment", "removal"),
    ("other", "what are your hours? i have my ice check in monday", "other"),
    ("other", "someone called saying theyre from immigration and i owe 900 dollars or i get deported today", "other"),
    (None, "hi", None),
    # someone held, read as another matter: taken at the courthouse, still held after asking asylum at the border, in a
    # jail for ICE beside the visitor's own case, at a detention centre for whom a neighbour writes
    ("removal", "they got my father at the courthouse after his hearing this afternoon, ice was waiting in the hallway", "detention"),
    ("removal", "the judge took my case at the court and gave me a new date", "removal"),
    ("humanitarian", "my husband turned himself in at the border to ask asylum 10 days ago and they still have him", "detention"),
    ("humanitarian", "my asylum case is pending, they still have my passport at the border", "humanitarian"),
    ("removal", "He's in the Hudson County jail for ICE since saturday, and I have my own asylum case with court in 4 months", "detention"),
    ("detention", "Escribo por mi vecina. A su hijo lo detuvieron hace una semana y está en el centro de detención de Folkston", "detention"),
])
def test_the_matter_a_message_tells_from_what_was_read(read, text, matter):
    assert flow.matter_told(read, text) == matter


@pytest.mark.parametrize("text", [
    "mi papá está detenido en otro estado no sé cuál, lo agarraron en el trabajo ayer",
    "ice took my husband this morning and we dont know where they took him",
])
def test_where_someone_is_held_said_as_not_known_is_not_asked_again(text):
    said = flow.answers_in_text("detention", text, date(2026, 12, 3))
    assert said["detained_where"] and "detained_where" not in flow.answers_in_text("removal", text, date(2026, 12, 3))


FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize("text, since", [
    # a coming court date or a birthday beside the detention is not its day
    ("mi hermano está detenido en el centro de Winn en Luisiana, le pusieron fecha de corte para el 13 de enero", None),
    ("my son is detained in the el paso processing center, court date is jan 12", None),
    ("mi papa esta en el centro de detencion de conroe desde el 25, su cumpleaños es el 20 de diciembre", "2026-11-25"),
    ("my brother was detained last tuesday in houston, his court is on the 15th", "2026-12-01"),
    # where the detention happened stays
    ("my husband has final order and ICE came to the house this morning and took him", "2026-12-04"),
    ("ICE se llevo a mi son hace 2 days, no sabemos where he is", "2026-12-02"),
    ("my son is detained in batavia new york. hes been there since last friday", "2026-11-27"),
    # the sentence right after the one that tells it, with one recent day
    ("ICE detained my husband. It happened this morning at 6, outside the house.", "2026-12-04"),
    ("they arrested my son. he crossed 10 days ago", None),
    ("they arrested my son. he had a DUI 2 years ago", None),
])
def test_the_day_of_a_detention_said_up_front(text, since):
    assert flow.answers_in_text("detention", text, FRIDAY).get("detained_since") == since


@pytest.mark.parametrize("text, stage, day", [
    ("i have my ice appointment on wednesday, last one was november 4", "check_in", "2026-12-09"),
    ("Tengo audiencia en la corte de inmigración el 18 de diciembre. La carta me llegó el 20 de noviembre.", "hearing", "2026-12-18"),
    ("mi mama tiene cita de ICE el 9 de diciembre, entro en 2019", "check_in", "2026-12-09"),
    ("tengo que ir a firmar mañana temprano", "check_in", "2026-12-05"),
    # the day to go, the stage not said: the date is kept, the stage asked
    ("I have to go to immigration on Monday, what do I bring", None, "2026-12-07"),
    # a notice to appear that gives a month: a hearing months away, in the visitor's words
    ("the notice to appear says court in march", "hearing", "the notice to appear says court in march"),
    # a hearing moved: the day it was moved to
    ("my hearing was supposed to be december 14 but the court website says it got moved to april 20. do I still go on the 14th?",
     "hearing", "2027-04-20"),
    ("mi corte era el 10 pero la cambiaron para el 3 de marzo", "hearing", "2027-03-03"),
    # two weeks and a half is 17 days, whatever "y" splits
    ("my hearing is en dos semanas y media, in the Dallas court", "hearing", "2026-12-21"),
    # the stage said in doubt is asked; the day is still the next date
    ("i got a paper from immigration for an appointment on the 9th, i dont know if its court or ice", None, "2026-12-09"),
    ("tengo cita con inmigracion el 10 no se si es corte o ICE", None, "2026-12-10"),
    ("i think i have an order of deportation but i'm not sure", None, None),
    # a hearing missed: the case is in court, and that day is not the next date
    ("I missed my hearing on nov 2 because I was sick, now what", "hearing", None),
    ("no fui a mi corte el mes pasado, tenia miedo", "hearing", None),
    ("no fui a mi corte el mes pasado porq me confundi de dia, q pasa ahora?", "hearing", None),
])
def test_the_next_hearing_or_check_in_said_up_front(text, stage, day):
    said = flow.answers_in_text("removal", text, FRIDAY)
    assert (said.get("removal_stage"), said.get("hearing_date")) == (stage, day)


@pytest.mark.parametrize("text, stage", [
    ("el juez me ordenó la deportación, que puedo hacer", "removal_order"),
    ("Me llegó una notificación de comparecencia sin fecha ni hora", "nta_no_date"),
])
def test_a_stage_said_with_accents(text, stage):
    assert flow.answers_in_text("removal", text, FRIDAY).get("removal_stage") == stage


def test_more_to_tell_at_the_summary_is_added_to_the_details():
    assert flow.with_more_details("he has a visa", "oh and a DUI from 2015") == "he has a visa / oh and a DUI from 2015"
    assert flow.with_more_details(None, "  oh and  a DUI ") == "oh and a DUI"


@pytest.mark.parametrize(
    "text, matter",
    [("my uncle was in ice detention but they let him go in september with an ankle monitor, his court is in may", "removal"),
     ("they wont let him go and his court is in may", "detention"),
     ("they didn't let him go, his hearing is next week", "detention")],
)
def test_a_detention_that_is_over_beside_a_court_date_is_the_court_case(text, matter):
    assert flow.matter_told("detention", text) == matter


@pytest.mark.parametrize(
    "text, said",
    [("my wife didnt come out of her check in, its been 5 hours", True),
     ("my husband went in for his check in at 9 this morning and its almost 3 and he never came out", True),
     ("mi esposo no ha salido de su cita de ICE", True),
     # feared, not happened
     ("im scared my husband wont come out of his check in next week", False),
     ("i have a check in next week, will i come out?", False)],
)
def test_someone_kept_at_their_check_in_is_a_detention(text, said):
    assert flow.detention_said(text) is said


def test_the_day_someone_was_kept_at_their_check_in_is_not_asked_again():
    text = "my husband went in for his check in at 9 this morning and its almost 3 and he never came out"
    assert flow.answers_in_text("detention", text, date(2026, 12, 4))["detained_since"] == "2026-12-04"


def test_a_friend_kept_at_a_check_in_beside_ones_own_check_in_is_the_removal_case():
    text = "check in at the ice office is this coming wednesday and my friend got kept at hers last month so im freaking out"
    assert flow.matter_told("detention", text) == "removal"


@pytest.mark.parametrize(
    "text, matter",
    [("my grandpa has a deportation from the 90s, he never left and nobody ever came for him", "removal"),
     ("mi tio tiene orden de deportacion de hace años pero nunca lo buscaron", "removal"),
     # enforced now: held
     ("my dad has a deportation order, nobody came for years but ICE picked him up yesterday", "detention"),
     ("he has a deportation order and hes at the krome detention center, they never came before", "detention")],
)
def test_an_old_order_nobody_enforced_is_the_removal_case(text, matter):
    assert flow.matter_told("detention", text) == matter


def test_the_ice_office_someone_is_held_at_is_kept_in_their_words():
    text = "they are deporting my dad tomorrow morning, hes at the ICE office downtown since his appointment"
    assert flow.answers_in_text("detention", text, date(2026, 12, 4))["detained_where"] == "the ICE office downtown"


@pytest.mark.parametrize("text, where", [
    ("bond hearing for my nephew tomorrow at the tacoma center", "Northwest ICE Processing Center (Tacoma, WA)"),
    ("they are holding my cousin at the port of entry in calexico", "the port of entry in calexico"),
    ("lo tienen en la garita desde ayer", "la garita"),
    ("My husband esta en jail en el parish de Jefferson, ICE le puso hold desde el viernes", "jail en el parish de Jefferson"),
    # the ICE office of a town, where someone is held now
    ("they took my son to the ice office downtown chicago", "ICE office (Chicago, IL)"),
    ("se llevaron a mi esposo, esta en la oficina de migracion de dallas", "ICE office (Dallas, TX)"),
    ("dicen q la tienen en la oficina de migra del centro", "la oficina de migra del centro"),
    ("they moved him twice, now i think hes in georgia someplace", "Georgia"),
    ("cousin got caught crossing on the 1st, border patrol has him at the yuma station", "the yuma station"),
    ("lo agarraron el viernes pasado, sorry, y esta en el county de cobb", "el county de cobb"),
    # facilities named as they sound, and a place named as it was heard
    ("mi esposo lo tienen en el carnes desde hace 5 dias", "Karnes County Immigration Processing Center (TX)"),
    ("mi hijo lo tiene inmigracion en el wyatt desde anoche", "Donald W. Wyatt Detention Facility (Central Falls, RI)"),
    ("ya la movieron a un lugar q se llama estuar en georgia", "Stewart Detention Center (Lumpkin, GA)"),
    ("they moved him to a place called pine something in louisiana, since tuesday", "place called pine something in louisiana"),
])
def test_where_held_said_up_front(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 4))["detained_where"] == where


@pytest.mark.parametrize("text, matter", [
    ("la audiencia de fianza de mi papa es mañana a las 9 y nadie puede ir con el", "detention"),
    ("my husbands bond hearing is on monday at the krome court", "detention"),
    ("he got out on bond after his bond hearing, now he has court in may", "removal"),  # released
    ("my court hearing is next week", "removal"),
])
def test_a_bond_hearing_is_for_someone_held(text, matter):
    assert flow.matter_told("removal", text) == matter


@pytest.mark.parametrize("text, matter, stage", [
    ("hes been in there 2 months already and the judge denied bond last week, i dont know what else to do", "detention", None),
    ("a mi esposo le negaron la fianza ayer", "detention", None),
    ("the judge denied my asylum and ordered me deported", "removal", "removal_order"),
])
def test_bond_denied_is_someone_held_and_no_order(text, matter, stage):
    # (no stage said is asked: None, or "unknown" where other words were set aside)
    assert flow.matter_told("removal", text) == matter and (flow.removal_stage(text) or None) in (stage, "unknown")


@pytest.mark.parametrize("text, matter", [
    # someone told of by a loose word kept at a check-in, as the reason to fear the visitor's own
    ("¿me pueden deportar en mi firma del viernes que viene? es que a un primo lo dejaron adentro cuando fue a firmar,"
     " vivo en houston y tengo orden de supervisión desde hace años", "removal"),
    # the visitor's own relative, kept: a detention
    ("mi primo fue a firmar el lunes y lo dejaron adentro, no sabemos donde esta", "detention"),
])
def test_someone_told_of_kept_at_a_check_in(text, matter):
    assert flow.matter_told("removal", text) == matter


@pytest.mark.parametrize("text, said", [
    ("they just put my brother in a van outside the store, the van said homeland security", True),
    ("my husband walked into his check in four hours ago and his phone is off", True),
    ("a mi sobrino lo sacaron de la casa esposado", True),
    ("my wife went to her check in 3 hours ago and came out fine, what next", False),
    ("they put my son in time out at school", False),
    ("a mi hermano lo detuvieron en el aeropuerto de Miami, esta ahi desde anoche", True),
    ("arrestaron a mi papa en el trabajo", True),
])
def test_a_detention_said_without_the_usual_words(text, said):
    assert flow.detention_said(text) is said


@pytest.mark.parametrize("text, said", [
    ("lo agarraron ayer saliendo del trabajo", True),  # "they grabbed him": an arrest, no agency named
    ("la agarraron en la tienda, mi hermana no tiene papeles", True),
    ("agarraron a mi esposo en la mañana", True),
    ("se lo llevaron ayer en la mañana", True),
    ("se lo llevaron al hospital", False),
    ("a mi hijo lo agarraron unos hombres y piden rescate", False),  # a kidnapping: danger, not a detention
    ("me agarraron la mano", False),
])
def test_an_arrest_told_in_spanish_without_the_agency_is_a_detention(text, said):
    assert flow.detention_said(text) is said


def test_news_of_an_arrest_in_spanish_mid_intake_is_a_detention():
    assert flow.news_of_detention("detention", "family", "ayer lo agarraron saliendo del trabajo")


def test_where_held_said_of_him_after_an_arrest():
    assert flow.held_place("they arrested my uncle two days ago and hes in aurora colorado now") == "Aurora, CO (where detained)"
    assert flow.held_place("they arrested my uncle, he lives in aurora colorado") is None  # his home, not where held


@pytest.mark.parametrize("text, afraid", [
    ("my tío se cayó y no se mueve. no queremos llamar ambulance porque no tiene papeles. can they report him??", True),
    ("she doesnt want to go to the hospital because of immigration. can the hospital report her to ICE?", True),
    ("tengo miedo de llamar 911 por inmigración", True),
    ("my mom fell and is not moving, call 911?", False),
    ("he has chest pain, we are going to the hospital", False),
])
def test_afraid_that_getting_help_brings_immigration(text, afraid):
    assert flow.afraid_help_brings_immigration(text) is afraid


@pytest.mark.parametrize("text, since", [
    ("my husband went in for his check in at the ice office this morning and he never came back out, its been like 6 hrs", "2026-12-04"),
    ("my cousin has been at the port of entry in san ysidro since last night, they wont let him leave", "2026-12-03"),
    ("a mi hermana la dejaron adentro en su cita de ice de hoy en san antonio, ya no salio", "2026-12-04"),
])
def test_kept_where_they_went_in_tells_since_when(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 4))["detained_since"] == since


@pytest.mark.parametrize("text, stage", [
    ("the letter says report with luggage", "removal_order"),  # a bag-and-baggage letter
    ("este viernes me tengo q presentar en la oficina de ice", "check_in"),
])
def test_more_ways_of_saying_the_stage(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


def test_a_court_date_within_days_told_at_another_question_is_the_matter():
    today = date(2026, 12, 4)  # a Friday
    said = flow.news_of_court("other", "her court is this thursday is that bad?? she doesnt have a lawyer", today)
    assert said == {"situation": "removal", "removal_stage": "hearing", "hearing_date": "2026-12-10"}
    assert flow.news_of_court(None, "tengo corte el 10 de diciembre", today)["situation"] == "removal"
    assert flow.news_of_court("other", "my court is in march", today) == {}  # not soon: the form asks
    # asylum's own matter stands (its case is often in court); a calmer one gives way to a court within days
    assert flow.news_of_court("humanitarian", "her court is this thursday", today) == {}
    assert flow.news_of_court("family", "her court is this thursday", today)["situation"] == "removal"
    # an immigration case told before: its court date, however far off, makes it the removal case
    story = "hi, I need a lawyer for my immigration case. the one I had retired"
    later = "do you guys do payment plans? my court date is january 12"
    assert flow.news_of_court("other", later, today, story)["situation"] == "removal"
    assert flow.news_of_court("other", later, today, "do you do divorces") == {}
    vague = flow.news_of_court("other", "my court date is in march and i need to know if i can afford it", today, story)
    assert vague["situation"] == "removal" and "hearing_date" not in vague  # asked, not kept as the sentence


_SAT = date(2026, 12, 5)


@pytest.mark.parametrize("text, since", [
    # "She has her master hearing on January 12" is a person who has, not agents who hold
    ("My wife is in Elizabeth detention center since Nov 2. She has her master hearing on January 12. Can you take her case?", "2026-11-02"),
    ("my sister is in farmville detention. she been there 3 months. her bond was denied.", "2026-09-05"),  # calendar months
    ("ice has had my wife for 2 weeks now", "2026-11-21"),  # held, said of the agents who hold her
])
def test_the_day_of_a_detention_said_with_since_or_a_stay(text, since):
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == since


def test_ice_has_her_is_still_a_detention_day():
    assert flow.answers_in_text("detention", "ICE has her since monday", _SAT)["detained_since"] == "2026-11-30"


def test_the_agents_visit_told_just_before_the_taking_is_its_day():
    text = "ya se fueron los de migración, como hace una hora, pero se llevaron a mi esposo de la obra. estoy en Charlotte"
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == "2026-12-05"
    # a day of something else, not the agents', is not
    assert "detained_since" not in flow.answers_in_text("detention", "my husband came in 2019. ICE took him", _SAT)


@pytest.mark.parametrize("text, slots, fixed", [
    ("sorry phone is wrong, it's 305-555-0187 not 0178", {"contact_phone": "+13055550178"}, "contact_phone"),
    ("my email is ana.r@example.com not the other one", {}, "contact_email"),
    ("its Ximena with an X not Jimena", {"contact_name": "Jimena Torres"}, "contact_name"),
    ("hes in pine prairie not jena", {"situation": "detention"}, "detained_where"),
    ("wait i just got a call, they moved him to pine prairie", {"situation": "detention"}, "detained_where"),
    ("lo trasladaron a otero en nuevo mexico", {"situation": "detention"}, "detained_where"),
    # a number given where the phone was skipped, with a word that says it is one to write to
    ("escribame mejor por whatsapp al +57 310 555 0140 xq aqui la señal es malisima", {"contact_phone": "none"}, "contact_phone"),
])
def test_a_correction_at_the_summary_gives_its_value(text, slots, fixed):
    assert fixed in flow.corrected_at_summary(text, slots)


@pytest.mark.parametrize("text, slots", [
    ("oh and he has a DUI from 2015", {"situation": "detention", "contact_name": "Ana"}),
    ("the date is wrong", {"situation": "detention"}),
    ("hes in pine prairie not jena", {"situation": "removal"}),  # no place of detention in a removal case
])
def test_a_correction_without_its_value_gives_nothing(text, slots):
    assert flow.corrected_at_summary(text, slots) == {}


@pytest.mark.parametrize("text, refuses", [
    ("no, dont save anything, ill call the office tomorrow", True),
    ("no i will just call you", True),
    ("don't save anything", True),
    ("no i want a person to call me", False),  # a callback needs the number kept: asked again
    ("yes", False),
    # details withheld (the pattern had a backspace character where "\\b" was meant, and never matched)
    ("what do you do with it? i rather not give info", True),
    ("prefiero no dar mis datos", True),
    ("no quiero dar mi informacion", True),
    ("i dont want my info saved, can i just talk to someone", True),
    ("no quiero que guarden nada", True),
    ("who will see my info?", False),
])
def test_a_refusal_at_consent_however_it_is_worded(text, refuses):
    assert flow.refuses_consent(text) is refuses


@pytest.mark.parametrize("situation, text, told", [
    ("removal", "we turned in our I-9s in october after an inspection and now ICE sent us a letter with technical violations", "employment"),
    ("enforcement", "ICE came to our warehouse this morning and gave us a paper saying they want all our I-9s by monday", "employment"),
    ("enforcement", "my boss said ICE is coming to check everyone's I-9", "enforcement"),  # a worker told
    ("other", "We run a small warehouse. HSI sent a letter asking for all our I-9s by next Tuesday", "employment"),
])
def test_an_employers_i9_compliance_is_employment(situation, text, told):
    assert flow.matter_told(situation, text) == told


@pytest.mark.parametrize("text, told", [
    ("I got ordered deported when I didnt go to court about 10 years ago. I married an American citizen since then. "
     "Can my wife fix my papers or does the old order stop it?", "removal"),
    ("my husband was deported 5 years ago, can i petition him?", "family"),  # the way back is the petition
    ("i had a deportation order but it was terminated, now i want to petition my mom", "family"),
])
def test_an_order_standing_in_the_way_of_a_petition_is_the_removal_case(text, told):
    assert flow.matter_told("family", text) == told


@pytest.mark.parametrize("read, text, told", [
    ("family", "my son was born in the philippines and I'm a US citizen. he's 12 and lives with me now. how do we get proof he's a citizen?",
     "citizenship"),
    ("family", "quiero pedir a mi hijo que nacio en mexico", "family"),
    # the visitor's job is the worry, the petition the matter; a work visa keeps it employment
    ("employment", "I work with ICE at the jail. My wife overstayed her visa. Can I petition her or will I lose my job?", "family"),
    ("employment", "im on h-1b and want to petition my wife", "employment"),
])
def test_what_a_family_or_work_reading_is_really_about(read, text, told):
    assert flow.matter_told(read, text) == told


@pytest.mark.parametrize("text, told", [
    ("my DACA expires in 4 months. there was an ICE raid at my job last week but I wasn't on shift. is it safe to renew now?", "humanitarian"),
    ("ICE esta en mi trabajo ahorita y mi daca se vence en 2 meses", "enforcement"),  # agents at hand stay the matter
    ("ICE took my husband at the raid last week, my TPS expires soon", "detention"),  # someone taken is not a renewal
])
def test_a_program_to_renew_beside_a_past_raid_is_the_programs_matter(text, told):
    assert flow.matter_told("enforcement", text) == told


def test_held_at_the_ice_office_since_an_appointment_is_not_asked_again():
    said = flow.answers_in_text("detention", "they are deporting my dad tomorrow morning, hes at the ICE office downtown since his appointment",
                                _SAT)
    assert said["detained_since"] == "since his appointment" and said["detained_where"] == "the ICE office downtown"


@pytest.mark.parametrize("situation, text, told", [
    ("enforcement", "my ICE appointment is tomorrow at 9 am, should i even go?", "removal"),
    ("enforcement", "ICE is at my door and i have a check in next week", "enforcement"),  # agents at hand stay the matter
    ("family", "a mi hijo lo soltaron con fianza la semana pasada, ¿ahora qué sigue?", "removal"),
])
def test_the_removal_case_told_beside_another_reading(situation, text, told):
    assert flow.matter_told(situation, text) == told


def test_a_letter_to_come_in_gives_the_next_date():
    said = flow.answers_in_text("removal", "i have an old deportation order from like 8 years ago and yesterday ice sent me a letter to "
                                "come in next week", _SAT)
    assert said == {"removal_stage": "removal_order", "hearing_date": "2026-12-12"}


@pytest.mark.parametrize("text", ["he was already removed", "ya lo deportaron"])
def test_a_removal_already_carried_out_is_the_order_stage(text):
    assert flow.removal_stage(text, answer=True) == "removal_order"
    assert flow.removal_stage("my conditions were removed") is None


@pytest.mark.parametrize("situation, text", [
    ("enforcement", "ice was in my apartment complex last night. do i have to open the door if they dont have a warrant signed by a judge?"),
    ("enforcement", "si la migra viene con un papel tengo q abrir la puerta? como se si es orden de un juez o no"),
    ("family", "I was detained in 2019 and got out on bond. my case got closed later. now I married a US citizen, can I get my green card?"),
])
def test_a_judges_warrant_or_a_closed_case_keeps_the_matter(situation, text):
    assert flow.matter_told(situation, text) == situation


@pytest.mark.parametrize("text, said", [
    ("ICE is outside, they are putting my brother in the van right now", True),
    ("se estan llevando a mi papa ahorita", True),
    ("they are arresting my dad right now outside the house", False),  # no agents named: may be the police
    ("they are taking my kids to school", False),
])
def test_an_arrest_happening_now(text, said):
    assert flow.detention_said(text) is said


def test_a_removal_carried_out_is_said_as_the_stage():
    said = flow.answers_in_text("removal", "my husband was deported 2 months ago and i think his lawyer messed up. can his case be reopened?",
                                _SAT)
    assert said["removal_stage"] == "removal_order"


def test_a_release_on_bond_is_the_removal_case_whatever_else_says_case():
    assert flow.matter_told("family", "my son got out on bond last week, what happens with his case now?") == "removal"


@pytest.mark.parametrize("text, expected", [
    ("a mi me dieron deportacion como hace 9 años, nunca me fui", {"removal_stage": "removal_order"}),
    ("el juez me nego el asylum hace 3 semanas, tengo 30 dias para la apelacion", {"removal_stage": "removal_order"}),
    ("my dad got a letter to show up at the federal building friday with one bag", {"removal_stage": "removal_order",
                                                                                     "hearing_date": "2026-12-11"}),
])
def test_an_order_said_in_spanish_words(text, expected):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == expected


def test_a_far_hearing_said_after_another_time():
    said = flow.answers_in_text("removal", "mi hermano salio con bond la semana pasada, ahora tiene court pero dicen que "
                                "hasta el proximo año", date(2026, 12, 5))
    assert said["removal_stage"] == "hearing" and "proximo" in said["hearing_date"]


@pytest.mark.parametrize("situation, text, said", [
    # since a weekday, the agency first
    ("detention", "necesito ayuda con mi brother, ICE lo tiene desde el lunes", {"detained_since": "2026-11-30"}),
    # the day in a sentence after the one that names the facility, one sentence between
    ("detention", "my husband got transferred from the county jail to ICE, lo mandaron a pine prairie en louisiana, pero we live"
                  " in birmingham alabama. fue hace 5 dias. nadie nos dice nada",
     {"detained_where": "Pine Prairie ICE Processing Center (LA)", "detained_since": "2026-11-30"}),
    ("detention", "atlanta, we landed yesterday and shes still at the airport with CBP",
     {"detained_where": "at the airport", "detained_since": "2026-12-04"}),
    # leaving on one's own is not a removal order: the hearing and its date are told
    ("removal", "my husband self deported to mexico, we're in monterrey now but he has court in houston next tuesday",
     {"removal_stage": "hearing", "hearing_date": "2026-12-08"}),
    # a notice to appear with no date, whatever else it says of court
    ("removal", "me llego un papel q dice notice to appear, dice q me presente en la corte pero la fecha dice TBD",
     {"removal_stage": "nta_no_date"}),
    # kept at the airport for hours: since today
    ("detention", "la dejaron en migracion del aeropuerto de miami, lleva 10 horas ahi adentro y no la dejan salir",
     {"detained_where": "aeropuerto de miami", "detained_since": "2026-12-05"}),
])
def test_facts_told_in_passing_eighteenth_session(situation, text, said):
    assert flow.answers_in_text(situation, text, date(2026, 12, 5)) == said


def test_self_deported_is_no_stage():
    assert flow.removal_stage("he self-deported last year") is None
    assert flow.removal_stage("he was deported last year") == "removal_order"


def test_a_coming_day_said_alone_dates_the_check_in_already_told():
    today = date(2026, 12, 5)
    said = flow.answers_in_text("removal", "houston, y es el monday a las 8, can i bring my lawyer?", today, stage_known="check_in")
    assert said["hearing_date"] == "2026-12-07"
    assert "hearing_date" not in flow.answers_in_text("removal", "houston, y es el monday a las 8", today)
    assert "hearing_date" not in flow.answers_in_text("removal", "houston, my flight is on monday", today, stage_known="check_in")


def test_someone_held_now_with_hearings_postponed_is_a_detention():
    assert flow.matter_told("removal", "my brother has been in detention 2 months and every hearing gets postponed") == "detention"
    assert flow.matter_told("removal", "he was in detention 2 years ago, now he has court") == "removal"


def test_released_together_with_court_papers_is_the_case_not_a_detention():
    assert flow.matter_told("detention", "a mi y a mi hijo nos soltaron de la hielera ayer con papeles pa la corte") == "removal"


@pytest.mark.parametrize("text, said", [
    ("hearing in a few days", {"removal_stage": "hearing", "hearing_date": "hearing in a few days"}),
    ("tengo corte en unos dias", {"removal_stage": "hearing", "hearing_date": "tengo corte en unos dias"}),
    ("court in feb", {"removal_stage": "hearing", "hearing_date": "court in feb"}),
])
def test_a_hearing_placed_only_roughly_is_kept_as_said(text, said):
    today = date(2026, 12, 5)
    assert flow.answers_in_text("removal", text, today) == said
    # near is urgent by its words; months away is not
    assert bool(urgency.assess(said, today)) is ("feb" not in text)


def test_an_appointment_with_ice_with_its_day_between_the_words():
    assert flow.answers_in_text("removal", "tengo cita pasado mañana con migracion", date(2026, 12, 5)) == {
        "removal_stage": "check_in", "hearing_date": "2026-12-07"}


@pytest.mark.parametrize("text, where", [
    ("esta en la hielera", "la hielera"),
    ("he is at a hotel ICE uses", "a hotel"),
    ("we think hes in louisiana somewhere", "Louisiana"),
    ("hes somewhere in texas", "Texas"),
    ("my husband is at the ice office in the federal building downtown", "the ice office in the federal building"),
    ("my brother lives somewhere in texas, ICE took my dad", None),
])
def test_where_someone_is_held_said_loosely(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 5)).get("detained_where") == where


@pytest.mark.parametrize("text", ["el A es 203556781", "a-numero 203556781", "USCIS# 203556781"])
def test_more_ways_to_give_the_a_number(text):
    assert flow.answers_in_text("detention", text, date(2026, 12, 5))["a_number"] == "203556781"


@pytest.mark.parametrize("text, stage", [
    ("the judge gave me deportation", "removal_order"),
    ("i have an order of supervision", "removal_order"),
    ("tengo que firmar cada mes", "check_in"),
    ("tengo que firmar el contrato de renta", None),
])
def test_more_ways_to_tell_the_stage(text, stage):
    assert flow.removal_stage(text) == stage


@pytest.mark.parametrize("text, where", [
    ("police arrested him friday for DUI and now the jail says he has an ICE hold", "the jail"),
    ("he's in jail since monday", "jail"),
])
def test_the_local_jail_unnamed_is_where_someone_is_held(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 5))["detained_where"] == where


@pytest.mark.parametrize("text, stage", [
    ("i have to report to them", "check_in"),
    ("i have an appointment with them", "check_in"),
    ("no appointment yet", "unknown"),
    ("I'm in removal proceedings", "hearing"),
    ("tengo orden del juez", "removal_order"),
    ("firmo cada mes", "check_in"),
    ("tengo cita en la corte", "hearing"),
])
def test_answers_at_the_stage_question_said_in_other_words(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


@pytest.mark.parametrize("text, condition", [
    ("si pero no se lo manden a migracion", True),
    ("ok as long as ice doesnt see it", True),
    ("yes", False),  # a plain yes: nothing beside it
    ("yes my brother was taken by ice yesterday", False),  # a yes, and the matter told
])
def test_a_yes_with_a_condition_on_who_sees_it(text, condition):
    assert flow.consent_with_condition(text, "ask_privacy") is condition


@pytest.mark.parametrize("text, said", [
    ("si pero no se lo manden a migracion", True),
    ("si claro", True),
    ("si vienen que hago", None),  # "if they come, what do I do": a question
])
def test_si_without_the_accent_is_a_yes_only_where_it_reads_as_one(text, said):
    assert flow.yes_or_no(text) is said


@pytest.mark.parametrize("text, said", [
    ("what do you do with my info? ok yes", True),  # the last clause that decides
    ("aight", True), ("please", True), ("np", True), ("perfecto", True), ("listo pues", True), ("great", True),
    ("please dont", None), ("no please", False), ("great question, what do you do with it?", None),
    ("mmm no se... bueno si, esta bien", True),
    ("pues si, q mas me queda, con tal q me ayuden", True),
    ("pues mire la verdad me da desconfianza dar mis datos por internet pero ya estoy desesperado, asi q adelante", True),
    ("i guess its ok, you are not the government right?", True),
    ("si pero no le digan nada a mi trabajo", True),  # a no that is a condition
    ("ok... actually no, i'd rather call", False),
    ("ok no", False),
    ("nel, prefiero no", False),
    ("no thank you, i will just call the office myself, i dont want it saved online", False),
    ("no i want a person to call me", None),  # a call needs the number kept
    ("who sees this?", None),
    ("no se", None),
    ("si vienen que hago", None),  # "si" as "if"
    # a sentence that starts with "no" is not a no to saving: a question with a worry beside it
    ("antes de eso, cuanto cobran? no tenemos mucho dinero", None),
    ("antes, lo q les cuente es confidencial? no quiero q le llegue a la migra", None),
    ("nah im good", False),
    ("no por ahora, gracias", False),
    ("ta bueno", True), ("si pues", True), ("órale", True), ("simón", True),  # yes, as it is said in Mexico and Central America
    ("hagale", True), ("de una", True), ("ta to", True), ("dele pues", True),  # Colombia, Venezuela, the Dominican Republic
    ("hágalo", True), ("listo", True), ("vale", True), ("mhm", True), ("vale la pena?", None),
    ("go", True), ("👌", True), ("✅", True), ("uh huh", True), ("yess", True),
    ("go home", None), ("de una vez no", None), ("i dont want to go", None),
    ("you can save it", True), ("go for it", True), ("thumbs up", True), ("puede guardarlo", True), ("siii", True), ("bueno", True),
    ("not really", False), ("no, no guarde nada", False),
    ("no problem", True), ("no hay problema", True), ("why not", True),  # a yes that starts with "no"
    ("claro que no", False), ("i'd rather you didnt", False), ("prefiero q no guarden nada", False),
    # whatever it takes, said as a yes; not when it is taken back
    ("whatever u need", True), ("i guess", True), ("i think so", True), ("lo q ocupen", True), ("si mija, lo que sea", True),
    ("i guess not", None), ("lo que sea menos guardar mis datos", None), ("si no me llaman", None),
    ("👍", True), ("👎", False), ("porsupuesto", True), ("ps si que mas", True), ("si nomas ustedes lo ven verdad", True),
    ("la neta no", False), ("nel pastel", False), ("not now", False), ("mejor despues", False), ("ahorita no", False),
    ("no entiendo", None), ("i dont understand", None),  # a question about the question
])
def test_what_a_reply_to_the_consent_question_says(text, said):
    assert flow.consent_answer(text) is said


@pytest.mark.parametrize("text, number", [
    ("mi numero de A es el 2 0 8-4 4 7-1 3 9, me llego una carta q tengo q ir con el juez", "208447139"),
    ("mi a number es a dos cero nueve, ocho ocho siete, seis cinco cuatro, quiero saber cuando es mi court", "209887654"),
    ("wait i found her number on the paper she sent A 2 0 1 - 5 5 3 - 8 7 4 does that help?", "201553874"),
])
def test_an_a_number_said_in_passing_however_it_is_typed(text, number):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5))["a_number"] == number


def test_held_said_as_preso_gives_the_day_from_desde_hace():
    said = flow.answers_in_text("detention", "estoy en bogota, mi hijo esta preso en un centro de migracion en luisiana desde hace un mes",
                                date(2026, 12, 5))
    assert said["detained_since"] == "2026-11-05"


@pytest.mark.parametrize("text, said", [
    ("tengo deportacion de hace como 15 anos y nunca me fui, me dijeron q puedo reabrir el caso",
     {"removal_stage": "removal_order"}),
    ("tengo q ir a report con ice cada 3 months, el next es en 2 months, pero me quiero mudar a texas, puedo?",
     {"removal_stage": "check_in", "hearing_date": "2027-02-03"}),
    ("me dijeron q me tengo q presentar a ice el lunes que viene con mi pasaporte, q quieren?",
     {"removal_stage": "check_in", "hearing_date": "2026-12-07"}),
    # the day to go, whatever it is for ("no se pa q es"): the stage is asked, the day is not
    ("me dijeron q tengo q ir a inmigracion pasado manana con mi hijo y no se pa q es, tengo miedo",
     {"hearing_date": "2026-12-07"}),
])
def test_a_stage_and_its_day_told_in_spanish_and_spanglish(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


@pytest.mark.parametrize("read, text, told", [
    # a neighbour taken is ICE around the visitor; a husband taken with agents still near is a detention
    ("detention", "ICE took my neighbor this morning and now my cuñado says he is going to call them on me too", "enforcement"),
    ("detention", "a mi amigo lo detuvieron hace un mes y ya lo deportaron. me da miedo que me pase lo mismo, ¿qué derechos tengo si me paran?",
     "enforcement"),
    ("enforcement", "se llevaron a mi esposo de la casa hace como una hora y todavia hay una troca de ellos en la esquina", "detention"),
    ("enforcement", "ICE raided my job and took two coworkers", "enforcement"),
    ("detention", "dicen q la migra esta agarrando gente en todos lados, q derechos tengo si me paran en la calle?", "enforcement"),
    ("detention", "ice took my husband and my neighbor", "detention"),
    ("enforcement", "ICE took my husband yesterday but they let him go last night", "enforcement"),
])
def test_who_was_taken_decides_detention_or_enforcement(read, text, told):
    assert flow.matter_told(read, text) == told


@pytest.mark.parametrize("text, told", [
    ("my friend is detained and i only know his name, hes from honduras, how do i find him", "detention"),  # help for him
    ("My husband got stopped by police in Georgia on the way to work and they called ICE", "detention"),  # called, not a threat
    ("my boss didnt pay me for 3 weeks and when i complained he said he will call immigration on me", "enforcement"),
])
def test_someone_elses_detention_or_a_call_to_ice_read_as_a_detention(text, told):
    assert flow.matter_told("detention", text) == told


def test_a_program_ended_with_an_order_to_leave_is_the_programs_matter():
    text = "me llego un email q me terminaron el parole, dice q me tengo q ir del pais, estoy en shock, q hago?"
    assert flow.matter_told("removal", text) == "humanitarian"
    assert flow.matter_told("removal", "my tps ended and i got a notice to appear") == "removal"


@pytest.mark.parametrize("text, said", [
    ("they told me to come back to the office next wednesday and to bring my passport. should i be scared",
     {"hearing_date": "2026-12-09"}),
    ("me dijeron q regrese a la oficina el miercoles", {"hearing_date": "2026-12-09"}),
    ("my dad got a letter telling him to show up at ICE with one suitcase on monday to be deported",
     {"removal_stage": "removal_order", "hearing_date": "2026-12-07"}),
    ("they put me in court proceedings but it's been years and no date ever came", {"removal_stage": "nta_no_date"}),
    # ICE itself told them to come back: a check-in
    ("ICE told me to come back in nine days with my passport, should i go?", {"removal_stage": "check_in", "hearing_date": "2026-12-14"}),
    # a stay of removal holds off an order
    ("my husbands stay of removal expires a week from monday and they said he has to leave", {"removal_stage": "removal_order"}),
])
def test_a_day_to_come_back_and_stages_said_in_other_words(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


@pytest.mark.parametrize("text", ["only if you promise not to share it with the government", "as long as its private",
                                  "mientras no le llegue a migracion"])
def test_a_yes_on_the_condition_that_nothing_is_shared(text):
    assert flow.consent_answer(text) is True


def test_if_you_dont_mind_is_no_condition():
    assert flow.consent_answer("if you dont mind me asking who sees it?") is None


@pytest.mark.parametrize("text, said", [
    ("fui a firmar hoy y me dijeron q regrese a la oficina el miercoles con mi pasaporte. eso es malo?",
     {"removal_stage": "check_in", "hearing_date": "2026-12-09"}),  # today was the last one: the day to come back
    ("me dieron un papel en la frontera q dice q me reporte a ice en 60 dias, ya pasaron 20",
     {"removal_stage": "check_in", "hearing_date": "2027-01-14"}),  # the days left
    ("mi numero de extranjero empieza con A y luego 0 2 2 4 1 7 3 5 8. tengo corte en 6 semanas",
     {"a_number": "022417358", "removal_stage": "hearing", "hearing_date": "2027-01-16"}),
])
def test_days_to_come_back_windows_part_gone_and_a_numbers_said_in_spanish(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


def test_a_neighbour_named_then_taken_is_not_the_visitors_detention():
    text = "ICE fue a la casa del vecino esta mañana y se lo llevaron, ya se fueron, pero y si vienen por nosotros?"
    assert flow.others_taken(text) and flow.matter_told("detention", text) == "enforcement"
    assert not flow.others_taken("se llevaron a mi esposo y a mi vecino")


@pytest.mark.parametrize("text", ["mi esposo fue a firmar ayer como siempre y ya no salio, a mi me dijeron q me fuera pa la casa",
                                  "my husband went to his check in this morning and never came out"])
def test_kept_at_the_check_in_is_a_detention(text):
    assert flow.detention_said(text) and flow.matter_told("removal", text) == "detention"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("this friday", ("2026-12-11", "date")),  # said on a Saturday: the coming Friday
        ("para navidad", ("2026-12-25", "date")),
        ("the week after next", ("2026-12-19", "date")),
        ("el martes que viene", ("2026-12-08", "date")),
        ("a fin de mes", ("a fin de mes", "far")),
        ("dentro de mes y medio, más o menos", ("dentro de mes y medio, más o menos", "far")),
        ("en tres semanas más o menos, un martes, the 29th", ("2026-12-29", "date")),  # the day said most exactly
        ("it was supposed to be the 10th but they moved it to the 18th", ("2026-12-18", "date")),  # the corrected day
        ("el 11, no perdon el 12 de enero", ("2027-01-12", "date")),
        ("el 16 de dic a las 8", ("2026-12-16", "date")), ("15/12", ("2026-12-15", "date")),
        ("a week from monday", ("2026-12-14", "date")), ("christmas eve, of all days", ("2026-12-24", "date")),
        ("it was yesterday and they didnt give a new one", ("unknown", "unknown")),
        ("me dijeron q me mandan la cita por correo", ("unknown", "unknown")),
        ("idk, my husband has the paper and hes detained", ("unknown", "unknown")),
        ("it was last monday", ("unknown", "unknown")),  # a hearing gone by: no coming date to ask for
        ("monday", ("2026-12-07", "date")),
        ("no idea honestly", (None, "unread")),
        ("it says to be set", ("unknown", "unknown")),
    ],
)
def test_the_next_date_is_read_as_a_day_still_ahead(text, expected):
    assert flow.next_date_answer(text, date(2026, 12, 5)) == expected


def test_an_order_in_absentia_said_in_spanglish_is_the_stage():
    said = flow.answers_in_text("removal", "me dieron deportation en absentia hace como 2 years xq no fui a mi court", date(2026, 12, 5))
    assert said == {"removal_stage": "removal_order"}


def test_a_date_that_never_came_is_no_coming_date():
    assert flow.next_date_answer("nunca me llego fecha, ya van como 2 años", date(2026, 12, 5)) == ("unknown", "unknown")


@pytest.mark.parametrize("text", ["my husband got pulled over and now he has an ICE hold at the county jail",
                                  "dimelo, necesito ayuda con mi hijo q lo cogio inmigracion en el trabajo"])
def test_someone_held_read_as_agents_is_a_detention(text):
    assert flow.matter_told("enforcement", text) == "detention"
    assert urgency.live_emergency(text) is None  # the agents are not at hand


@pytest.mark.parametrize("text, since", [
    ("my uncle has been locked up since halloween", "2026-10-31"),
])
def test_when_someone_was_detained_said_in_passing(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 5))["detained_since"] == since


def test_a_few_days_ago_is_asked_which_day():
    # (the blind authors of the up-front set count "hace unos dias" as no day said: a receptionist asks which)
    assert "detained_since" not in flow.answers_in_text("detention", "a mi hijo se lo llevaron hace unos dias", date(2026, 12, 5))


@pytest.mark.parametrize("text, said", [
    ("they gave me a deportation in 2017 and i never left", {"removal_stage": "removal_order"}),
    ("me dieron un papel para presentarme ante un juez pero no tiene fecha", {"removal_stage": "nta_no_date"}),
    ("ICE wants me at the office with my passport thursday", {"hearing_date": "2026-12-10"}),  # the stage is asked
])
def test_the_step_and_date_of_a_removal_case_said_in_passing(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


def test_the_stage_buttons_are_in_the_order_the_domain_shows_them():
    # "the second one" picks by place in the list: the list must be the one the visitor sees
    import re as _re

    from tests.project_domain import document

    for variant in document()["responses"]["utter_ask_removal_stage"]:
        shown = [_re.search(r'"removal_stage":"(\w+)"', b["payload"]).group(1) if "removal_stage" in b["payload"] else "unknown"
                 for b in variant["buttons"]]
        assert tuple(shown) == flow.STAGE_BUTTONS


@pytest.mark.parametrize("text, stage", [("the first one", "hearing"), ("2", "check_in"), ("#4", "nta_no_date"), ("la tercera", "removal_order"),
                                         ("the last one", "unknown"), ("ni idea, solo tengo papeles en ingles", "unknown")])
def test_a_stage_button_named_by_its_place(text, stage):
    assert flow.removal_stage(text, answer=True) == stage
    assert flow.removal_stage("2") is None  # only as the answer to the buttons


@pytest.mark.parametrize("text, said", [
    ("tengo una carta de ICE q dice q me tengo q presentar para salir del pais, tengo orden final", {"removal_stage": "removal_order"}),
    ("mi esposo tiene orden de deportacion desde 2016, hoy le llego un papel para presentarse a ICE el 9 de diciembre",
     {"removal_stage": "removal_order", "hearing_date": "2026-12-09"}),
    ("disculpe, mi cita de firmar es el 22 de diciembre y ya me dijeron q lleve boleto de avion",
     {"removal_stage": "check_in", "hearing_date": "2026-12-22"}),
    ("tengo orden de deportacion y me llamaron de ICE para una cita el 16 de diciembre",
     {"removal_stage": "removal_order", "hearing_date": "2026-12-16"}),
    ("hola, mi ISAP me cambio la cita al 4 de enero, antes era cada mes", {"removal_stage": "check_in", "hearing_date": "2027-01-04"}),
])
def test_an_order_with_a_date_to_report_said_up_front(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


@pytest.mark.parametrize("text", ["a mi papa lo subieron a una van de ICE hace como 2 horas, no sabemos a donde",
                                  "my husband got detained on our way to the courthouse, we still dont know where he is",
                                  "la migra se llevo a mi esposa el viernes en la tarde, y todavia no la encontramos"])
def test_where_someone_is_held_said_as_not_known(text):
    assert "detained_where" in flow.answers_in_text("detention", text, date(2026, 12, 5))


def test_a_check_in_beside_an_order_keeps_its_day():
    said = flow.answers_in_text("removal", "check in tomorrow at 9am at the ICE office, i have a deportation order", date(2026, 12, 5))
    assert said == {"removal_stage": "removal_order", "hearing_date": "2026-12-06"}


def test_an_alternative_asked_about_at_the_summary_is_not_a_wish_to_stop():
    assert not flow.wants_to_stop("tenemos que llamarles a ese numero o mejor no?")
    assert flow.consent_answer("tenemos que llamarles a ese numero o mejor no?") is None
    assert flow.wants_to_stop("mejor no, gracias") and flow.consent_answer("hmm mejor no") is False


def test_an_aside_read_as_something_else_keeps_the_matter_told():
    assert flow.keeps_situation("humanitarian", "other", "location", "sorry before i forget, do u know a cheap tax preparer that takes itin")
    assert not flow.keeps_situation("other", "family", "location", "its about my wife's visa")


@pytest.mark.parametrize("situation, text, read", [
    (None, "My son was at the Port Isabel place but today his name comes up somewhere else", "detention"),
    ("other", "my friend called from a place called delaney hall, he wants a lawyer", "detention"),
    ("other", "my girlfriend was taken at the airport coming back from her grandma's funeral", "detention"),
    ("other", "my son was taken to the hospital", "other"),
    ("detention", "Ya salió mi hermano con fianza, ¿ahora qué sigue?", "removal"),
    ("other", "quiero cambiar de abogado, el que tengo nunca me contesta y ya tengo la final en unos meses", "removal"),
    # taken at court weeks ago, said as about a week: held now
    ("removal", "Hace como una semana detuvieron a mi novio en la corte de San Antonio cuando fue a su audiencia", "detention"),
    ("removal", "they arrested my dad at his hearing a couple weeks ago", "detention"),
    ("removal", "hes been locked up in the Adams county facility in natchez since the weekend and has court there dec 17", "detention"),
    ("removal", "my son has been held back in school and has court for truancy", "removal"),
])
def test_the_matter_a_message_tells(situation, text, read):
    assert flow.matter_told(situation, text) == read


def test_ice_calling_the_visitor_to_its_office_is_a_check_in():
    today = date(2026, 12, 5)
    text = "ICE mailed me a letter saying I have to appear at their office in two months, I don't have any case"
    assert flow.removal_stage(text) == "check_in"
    assert flow.answers_in_text("removal", text, today) == {"removal_stage": "check_in", "hearing_date": "2027-02-03"}


@pytest.mark.parametrize("text", ["no le dieron fecha todavía, dicen que llega por correo", "they said the date comes in the mail",
                                  "no me han dado fecha"])
def test_no_date_given_yet_is_an_answer(text):
    assert flow.next_date_answer(text, date(2026, 12, 5)) == ("unknown", "unknown")


@pytest.mark.parametrize("text, said", [
    ("buenas, yo voy a firmar a inmigracion cada seis meses y me toca otra vez en como tres meses",
     {"removal_stage": "check_in", "hearing_date": "2027-03-05"}),
    ("the judge me nego el asilo hace like 3 weeks, me dijeron q tengo 30 dias pa la appeal", {"removal_stage": "removal_order"}),
])
def test_the_stage_told_in_plain_words(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == said


@pytest.mark.parametrize("text, here", [("estan en la laundromat, no en mi casa", False),
                                        ("at the store across the street, not at my house", False), ("yes at my house now", True)])
def test_agents_nearby_but_not_at_home(text, here):
    assert flow.agents_here_answer(text, date(2026, 12, 5)) is here


def test_someone_still_in_a_facility_is_held_whatever_the_court_date():
    text = "My dad (A 201-339-884) has been in the Moshannon place in PA for 3 weeks. His hearing is the 3rd of next month."
    assert flow.matter_told("removal", text) == "detention"
    assert flow.matter_told("removal", "my dad was at krome last year, now he has court next month") == "removal"


def test_seeing_the_ice_officer_is_a_check_in():
    text = "I go see the ice officer downtown the day after tomorrow and my friend said they are keeping people now"
    assert flow.matter_told("enforcement", text) == "removal"
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == {"removal_stage": "check_in", "hearing_date": "2026-12-07"}


def test_a_hearing_with_no_date_yet_told_up_front():
    text = ("Recibí una carta de la corte que dice que mi caso que estaba cerrado administrativamente lo van a volver a abrir. "
            "Todavía no hay fecha. Vivo en Lowell.")
    assert flow.answers_in_text("removal", text, date(2026, 12, 5)) == {"removal_stage": "hearing", "hearing_date": "unknown"}
    assert flow.answers_in_text("removal", "i have court, when is it?", date(2026, 12, 5)) == {"removal_stage": "hearing"}


@pytest.mark.parametrize("text, held", [
    ("mi hermano iba cruzando con su visa por san ysidro anoche y lo pasaron a secundaria y no lo han soltado", True),
    ("they sent my wife to secondary at the airport and wont let her out", True),
    ("i went through secondary last year, no problem", False),
    ("my brother was stopped at the Houston airport 2 days ago and they are still holding him", True),
    ("i will pick him up at the airport, they are holding a sign", False),
])
def test_held_at_a_port_of_entry(text, held):
    assert flow.detention_said(text) is held


@pytest.mark.parametrize("text, where", [
    ("a mi hija la paró la patrulla fronteriza en el retén de Falfurrias hoy en la tarde y no la sueltan", "el retén de Falfurrias"),
    ("CBP has him at the Sarita checkpoint since this morning", "the Sarita checkpoint"),
    ("a mi esposo ya le dijeron que lo deportan el lunes, está en el centro de El Paso", "el centro de El Paso"),
    # a bridge, the town of the appointment they were kept at, a facility by its short name
    ("CBP at the bridge has my cousin since last night, the hidalgo bridge. im waiting in mcallen", "the hidalgo bridge"),
    ("mi esposo fue a firmar hoy a Miramar y me acaba de llamar q lo dejaron detenido alli. yo estoy en Pembroke Pines",
     "Miramar, FL (where detained)"),
    ("lo cogieron hace 3 dias en el trabajo, esta en Glades", "Glades County Detention Center (FL)"),
])
def test_a_checkpoint_or_a_towns_centre_is_where_someone_is_held(text, where):
    assert flow.answers_in_text("detention", text, _SAT)["detained_where"] == where


def test_the_centre_of_town_is_not_a_detention_centre():
    assert "detained_where" not in flow.answers_in_text("detention", "mi esposo está en el centro de la ciudad trabajando", _SAT)


def test_held_at_a_correctional_center_since_the_weekend():
    text = "my cousin has been at the northeast ohio correctional center in youngstown since the weekend. im in cleveland"
    said = flow.answers_in_text("detention", text, _SAT)
    assert said["detained_since"] == "2026-11-28" and said["detained_where"] == "northeast ohio correctional center"


@pytest.mark.parametrize("text, since", [
    ("acaban de irse, estuvieron como media hora tocando y no abrimos, pero a mi hijo lo agarraron cuando iba saliendo", "2026-12-05"),
    ("they just left and they took my husband", "2026-12-05"),
    ("ICE took my husband last month and they just left my house now", None),  # another time said: asked
])
def test_agents_just_gone_date_the_taking_today(text, since):
    assert flow.answers_in_text("detention", text, _SAT).get("detained_since") == since


def test_a_relatives_nine_digit_number_is_the_a_number_and_ten_digits_are_not():
    said = flow.answers_in_text("detention", "el número de mi esposo es 098-334-127. lo agarraron ayer", _SAT)
    assert said["a_number"] == "098334127"
    assert "a_number" not in flow.answers_in_text("detention", "el numero de mi esposo es 915-555-0134, lo agarraron ayer", _SAT)


@pytest.mark.parametrize("text, since", [
    ("they raided the farm this morning, its over now they left with like 12 people and my dad was one of them", "2026-12-05"),
    ("hubo una redada el martes en la planta y se llevaron a mi hermano", "2026-12-01"),
])
def test_the_day_of_the_raid_dates_a_detention_in_it(text, since):
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == since


def test_handcuffed_just_now_and_still_in_their_car():
    said = flow.answers_in_text("detention", "ICE just handcuffed my husband and hes in their car outside still", _SAT)
    assert said == {"detained_where": "their car outside", "detained_since": "2026-12-05"}
    # the visitor in a car is not where anyone is held
    assert "detained_where" not in flow.answers_in_text("detention", "im sitting in the car in blaine, CBP has my wife inside", _SAT)


def test_waiting_outside_the_ice_office_where_she_is_kept():
    text = "right now im in my car outside the ice office in san antonio, they have my wife inside since this morning"
    assert flow.answers_in_text("detention", text, _SAT)["detained_where"] == "the ice office in san antonio"


def test_a_friend_kept_at_her_check_in_is_the_reason_for_fear_not_a_detention():
    text = "me toca reportarme con ICE el lunes q viene y tengo miedo porque a una amiga la dejaron adentro. vivo en queens"
    assert flow.own_case_not_a_detention(text)


@pytest.mark.parametrize("text, since", [
    ("buenas, a mi hijo lo agarraron el fin de semana pasado en una fiesta, ahorita esta en la carcel del condado de Harris", "2026-11-28"),
    ("mi jeva se fue a su cita de migracion el martes and she never came out, nadie me dice nada", "2026-12-01"),
])
def test_the_day_taken_not_the_day_held_now(text, since):
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == since


@pytest.mark.parametrize("text, told", [
    # held now, or taken lately, with a case: a detention
    ("my dad is detained in louisiana and has a hearing next week with the judge", "detention"),
    ("mi hijo esta detenido y tiene corte el lunes", "detention"),
    ("a mi suegro el juez le dio deportacion en 2019 y ahora lo cogieron hace 3 dias en el trabajo, esta en Glades", "detention"),
    ("the judge ordered him deported in 2015, ICE took him yesterday", "detention"),
    ("I was detained last year and now I have court", "removal"),
    ("he is not detained, he has court", "removal"),
    ("my husband was detained but they released him and now he has court", "removal"),
    ("the judge ordered me deported yesterday. what can i do? i am not detained", "removal"),
])
def test_a_removal_case_of_someone_held_now_is_a_detention(text, told):
    assert flow.matter_told("removal", text) == told



def test_a_bridge_crossed_long_ago_is_not_where_someone_is_held():
    assert "detained_where" not in flow.answers_in_text("detention", "my husband crossed the bridge in 2010 and ICE took him yesterday", _SAT)


def test_taken_just_now_in_spanish():
    said = flow.answers_in_text("detention", "se acaban de llevar a mi hermano los de ICE", _SAT)
    assert said["detained_since"] == _SAT.isoformat()


def test_a_letter_to_report_with_a_suitcase_is_a_removal_order():
    said = flow.answers_in_text("removal", "me llego una carta de ICE q me tengo q presentar el lunes con maleta", _SAT)
    assert said["removal_stage"] == "removal_order"


def test_at_the_ice_office_for_the_check_in_now_dates_it_today():
    said = flow.answers_in_text("removal", "im at the ICE office right now for my check in and they told me to wait", _SAT)
    assert said == {"removal_stage": "check_in", "hearing_date": _SAT.isoformat()}
    assert "hearing_date" not in flow.answers_in_text("removal", "im at the ICE office to ask about my husband", _SAT)
    # the office's town between: "the ice office in hartford right now waiting for my check in"
    said = flow.answers_in_text("removal", "im at the ice office in hartford right now waiting for my check in, should i leave??", _SAT)
    assert said["hearing_date"] == _SAT.isoformat()


def test_taken_over_the_weekend_in_spanglish_and_held_in_a_county_jail_named_after():
    said = flow.answers_in_text("detention", "A mi hijo lo tienen en el county jail de Harris con un ICE hold, lo arrestaron el weekend", _SAT)
    assert said == {"detained_where": "el county jail de Harris", "detained_since": "2026-12-05"}
    said = flow.answers_in_text("detention", "mi papá está detenido en el county de Harris desde el jueves, and they said ICE is gonna pick him up", _SAT)
    assert said == {"detained_where": "el county de Harris", "detained_since": "2026-12-03"}


def test_an_appeal_pending_is_told_and_has_no_date_to_ask():
    said = flow.answers_in_text("removal", "Mi caso está en apelación desde hace un año, ¿cuánto se tarda eso?", _SAT)
    assert said == {"removal_stage": "appeal"}
    assert "hearing_date" not in flow.follow_ups({"situation": "removal", "removal_stage": "appeal"})


def test_agents_just_came_and_took_someone_dates_it_today():
    text = "acaban de venir a mi casa unos de ICE y se llevaron a mi hijo el mayor ya se fueron no se que hacer"
    assert flow.answers_in_text("detention", text, _SAT) == {"detained_since": _SAT.isoformat()}


def test_the_last_signing_with_ice_and_the_next_appointment_in_a_month():
    text = "En mi última firma con ICE me dijeron que saque mi pasaporte de Guatemala, mi próxima cita es en un mes."
    assert flow.answers_in_text("removal", text, _SAT) == {"removal_stage": "check_in", "hearing_date": "2027-01-04"}


def test_the_court_case_number_is_the_a_number():
    said = flow.answers_in_text("removal", "tengo corte en tres dias, mi numero de caso es 2 1 3 5 5 8 0 4 7", _SAT)
    assert said["a_number"] == "213558047"


def test_the_number_said_not_known_beside_a_form_name():
    assert flow.a_number_unknown("tiene un papel q le dieron en la frontera, el I-220A, pero el numero no lo se")


@pytest.mark.parametrize("text", ["asere a mi hijo lo dejaron en el krome cuando fue a la cita de ICE el martes",
                                  "they detained him when he went to his check in on tuesday"])
def test_kept_at_the_appointment_told_first_dates_the_detention(text):
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == "2026-12-01"


@pytest.mark.parametrize("text, since", [
    ("ICE detained my husband two nights ago", "2026-12-03"),
    ("ICE detained my husband this morning at dawn", "2026-12-05"),
    ("ICE detuvo a mi esposo esta madrugada", "2026-12-05"),
    ("a mi esposo lo agarro la migra antier en la madrugada", "2026-12-03"),  # the hour of the day said
    ("ICE detuvo a mi esposo el finde", "2026-12-05"),  # said on the Saturday: this one
])
def test_when_someone_was_taken_said_loosely(text, since):
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == since


def test_last_week_in_spanish_reads_as_in_english():
    # both a week, kept in the visitor's words (not a day a week ago)
    assert flow.answers_in_text("detention", "ICE detuvo a mi esposo la semana pasada", _SAT)["detained_since"] == "la semana pasada"
    assert flow.answers_in_text("detention", "ICE detained my husband last week", _SAT)["detained_since"] == "last week"


def test_last_week_in_spanish_is_not_a_town():
    # "la semana" was read, one letter or two off, as La Romana
    assert flow.answers_in_text("detention", "lo agarraron el jueves de la semana pasada", _SAT) == {"detained_since": "2026-11-26"}


def test_the_day_said_with_since_wins_over_another_sentences_day():
    text = ("mi hermana esta detenida por ICE desde el martes y sus hijos se quedaron con el novio. "
            "hoy mi sobrina me dijo que la deja encerrada")
    assert flow.answers_in_text("detention", text, _SAT)["detained_since"] == "2026-12-01"


def test_the_removal_stages_are_one_list_in_flow_domain_and_summary():
    import yaml

    from bot import intake

    domain = yaml.safe_load(open("domain.yml", encoding="utf-8"))
    assert set(domain["slots"]["removal_stage"]["values"]) == flow.STAGES
    assert set(intake.STAGE_LABELS) == flow.STAGES
    assert set(intake.SUMMARY_WORDS["es"]["stages"]) == flow.STAGES
    assert set(flow.STAGE_BUTTONS) <= flow.STAGES and flow.STAGES_WITHOUT_DATE <= flow.STAGES


@pytest.mark.parametrize("text, set_right", [
    ("wait no i read it wrong its not 2 months its next friday", True),
    ("perdón, me equivoqué, mi hija leyó la carta y es el jueves de esta semana", True),
    ("actually it's on the 12th", True),
    ("wait sorry i just opened todays mail. they CANCELLED the wednesday one and moved it, new date is like 4 months from now", True),
    ("me llegó carta, la pospusieron para marzo", True),
    ("the hearing is next friday", False),  # said again, not set right: the first reading stays
    ("no", False),
])
def test_a_date_is_replaced_only_when_the_visitor_sets_it_right(text, set_right):
    said = {"hearing_date": "2026-12-04", "removal_stage": "hearing"}
    known = {"hearing_date": "2027-01-30", "removal_stage": "hearing"}
    assert flow.corrected(said, known, text) == ({"hearing_date": "2026-12-04"} if set_right else {})


def test_a_correction_replaces_only_dates_and_only_when_they_differ():
    text = "wait no, its friday"
    assert flow.corrected({"hearing_date": "2026-12-04"}, {"hearing_date": "2026-12-04"}, text) == {}
    assert flow.corrected({"a_number": "123456789"}, {"a_number": "987654321"}, text) == {}
    assert flow.corrected({"detained_since": "2026-12-01"}, {"detained_since": "2026-11-20"}, text) == {"detained_since": "2026-12-01"}


@pytest.mark.parametrize("text, where, since", [
    ("mi esposo esta en la estacion de la patrulla fronteriza en McAllen desde antier, nos separaron al cruzar",
     "la estacion de la patrulla fronteriza en McAllen", "2026-12-03"),
    ("he's at the border patrol station in yuma since the day before yesterday", "the border patrol station in yuma", "2026-12-03"),
    ("a mi esposo lo detuvieron, está en el jail del county desde el jueves", "el jail del county", "2026-12-03"),
    # a station by its town, and a port of entry by its name
    ("a mi esposo lo deportaron hace un año y ahora lo agarraron otra vez cruzando, lleva 4 días en la estación de Lordsburg",
     "la estación de Lordsburg", "2026-12-01"),
    ("CBP stopped my wife at the peace arch crossing yesterday and theyre still holding her inside. im in the car in blaine",
     "the peace arch crossing", "2026-12-04"),
])
def test_a_station_or_the_county_jail_said_with_the_day_answers_both(text, where, since):
    assert flow.answers_in_text("detention", text, _SAT) == {"detained_where": where, "detained_since": since}


def test_a_police_station_is_not_a_border_patrol_station():
    assert "detained_where" not in flow.answers_in_text("detention", "fui a la estación de policía a preguntar", _SAT)


@pytest.mark.parametrize("text, told", [
    ("a mi esposo le dieron un papel que dice que tiene que presentarse en la corte pero no tiene fecha, que significa?",
     {"removal_stage": "nta_no_date"}),
    ("mi esposo got a bag and baggage letter, he has to report el martes, is there anything we can do??",
     {"removal_stage": "removal_order", "hearing_date": "2026-12-08"}),
])
def test_a_court_paper_without_a_date_and_a_bag_and_baggage_letter_are_their_stages(text, told):
    assert flow.answers_in_text("removal", text, _SAT) == told


@pytest.mark.parametrize("text, state", [
    ("sorry i put san bernardino but im actually staying in las vegas with my sister now, he got picked up in san bernardino", "NV"),
    ("im staying in las vegas with my sister now", None),  # no correction said: the place told first stays
    ("actually he is held in las vegas", None),  # someone else's place
])
def test_the_visitors_place_is_set_right_only_in_so_many_words(text, state):
    out = flow.place_set_right(text, {"location": "San Bernardino, CA", "state": "CA"})
    assert out.get("state") == state


def test_an_airport_code_typed_in_lower_case_after_at_is_where_held():
    text = "my mom was stopped at jfk last night and they still have her, she came from ecuador with tourist visa"
    assert flow.answers_in_text("detention", text, _SAT) == {"detained_where": "jfk", "detained_since": "2026-12-04"}
    assert "detained_where" not in flow.answers_in_text("detention", "they took him, we were at sea world", _SAT)


@pytest.mark.parametrize("text, told", [
    ("it happened tuesday night, they came to his job at the dairy", {"detained_since": "2026-12-01"}),
    ("fue el martes en la noche", {"detained_since": "2026-12-01"}),
    ("fue muy feo", {}),
    ("they took my brother on the i-10, border patrol has him at some station cerca de lordsburg",
     {"detained_where": "some station cerca de lordsburg"}),
])
def test_when_it_happened_and_a_station_not_named_are_heard_in_a_detention(text, told):
    assert flow.answers_in_text("detention", text, _SAT) == told


@pytest.mark.parametrize("text, where", [
    ("a mi mom la agarraron en el checkpoint de falfurrias hoy en la mañana y la tienen ahi en la estacion", "el checkpoint de falfurrias"),
    ("they stopped him at the sarita checkpoint yesterday", "the sarita checkpoint"),
    ("a border patrol checkpoint took him", None),
])
def test_a_checkpoint_named_is_where_held(text, where):
    assert flow.answers_in_text("detention", text, _SAT).get("detained_where") == where


@pytest.mark.parametrize("text, here", [
    ("ya no", False), ("ya se los llevaron", False), ("hell no", False), ("they never came to my house", False),
    ("ya no se que hacer, siguen afuera", True),  # "ya no sé": not a no
])
def test_short_and_blunt_answers_to_agents_there_now(text, here):
    assert flow.agents_here_answer(text, date(2026, 12, 6)) is here


@pytest.mark.parametrize("text, expected", [
    ("they havent given me one", ("unknown", "unknown")),  # no date to give: not asked again
    ("they didnt give us a date", ("unknown", "unknown")),
    ("18 dic", ("2026-12-18", "date")),  # a Spanish month typed short right after the day
    ("2 ene", ("2027-01-02", "date")),
])
def test_next_date_answers_typed_short_or_without_a_date(text, expected):
    assert flow.next_date_answer(text, date(2026, 12, 6)) == expected


@pytest.mark.parametrize("text, stage", [
    ("appeal at the board", "appeal"), ("the board of immigration appeals", "appeal"), ("apelacion en la junta", "appeal"),
    ("no appeal, i have court next week", "hearing"),  # an appeal said not to be
])
def test_an_appeal_at_the_board_is_the_appeal_stage(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


@pytest.mark.parametrize("text", ["none", "n/a", "nothing", "ninguna", "no hay"])
def test_none_is_no_next_date(text):
    assert flow.next_date_answer(text, date(2026, 12, 6)) == ("unknown", "unknown")


def test_an_appeal_at_the_bia_told_up_front_is_the_stage():
    text = "my appeal has been at the BIA for over a year, is there any way to check on it"
    assert flow.answers_in_text("removal", text, date(2026, 12, 6))["removal_stage"] == "appeal"


@pytest.mark.parametrize("text, nobody", [
    ("not detained", True), ("no, he is not detained", True), ("no esta detenido", True), ("nadie esta detenido", True),
    ("he isnt in custody", True), ("no one got taken", True), ("no hes home", True), ("esta en la casa", True),
    ("i dont know where", False), ("at the county jail", False), ("not sure", False),
])
def test_nobody_held_said_at_a_detention_question(text, nobody):
    assert flow.nobody_held(text) is nobody


@pytest.mark.parametrize("story, matter", [
    ("my husband tiene su cita con ICE en 3 semanas, at the san francisco office. we live in stockton", "removal"),
    ("a mi novio lo deportaron hace 3 meses, quiero saber si lo puedo pedir", "family"),
    ("ICE was knocking on doors in our building", "enforcement"),
    ("my husband needs help", None),  # nothing more said: the matter is asked
    ("is this the immigration lawyer? its my son", None),  # a lawyer, not agents
])
def test_the_matter_read_again_without_a_detention(story, matter):
    assert flow.matter_without_detention(story) == matter


@pytest.mark.parametrize("text, since", [
    ("mi hermano fue a su cita en la oficina de migracion esta manana y no ha salido, ya son las 4 de la tarde", "2026-12-06"),
    ("its been since last friday and they wont even let us talk to him", "2026-12-04"),
])
def test_the_day_of_a_detention_told_as_kept_or_as_since(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_since"] == since


@pytest.mark.parametrize("text", ["si todavia andan, acabo de ver la camioneta pasar", "they are still driving around", "siguen dando vueltas"])
def test_agents_still_around_is_a_yes(text):
    assert flow.agents_here_answer(text, date(2026, 12, 6)) is True


@pytest.mark.parametrize("situation, text", [
    ("enforcement", "se acaban de llevar a mi papa!! todavia hay dos carros de ellos afuera de la casa aqui en riverside"),
    ("removal", "a mi hermano lo tienen en el corralon de laredo desde hace 2 semanas, la siguiente corte es en 20 dias"),
    ("removal", "they have him at the county jail and his court is next week"),
])
def test_someone_just_taken_or_held_now_is_a_detention(situation, text):
    assert flow.matter_told(situation, text) == "detention"


@pytest.mark.parametrize("text", [
    "A mi esposo lo tienen en Eloy, su número A empieza con 2 0 9, lo demás no me lo sé",
    "tiene un papel q le dieron en la frontera, el I-220A, pero el numero no lo se",
    "it starts with 208, i dont know the rest",
])
def test_an_a_number_known_only_in_part_or_not_at_all(text):
    assert flow.a_number_unknown(text)


@pytest.mark.parametrize("text, stage", [
    ("i think its an appeal", "appeal"), ("the 2nd one", "check_in"), ("the 3rd option", "removal_order"),
    ("they gave me a paper to come back in 2 months", "check_in"),
])
def test_stage_answers_by_ordinal_or_in_a_few_words(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


@pytest.mark.parametrize("text, expected", [
    ("the 2nd tuesday of next month", ("2027-01-12", "date")),
    ("el segundo martes del mes que viene", ("2027-01-12", "date")),
    ("on the 3rd of next month", ("2027-01-03", "date")),
    ("the last friday of this month", ("2026-12-25", "date")),
    ("el miérc", ("2026-12-09", "date")), ("el juev a las 8", ("2026-12-10", "date")),
    ("i missed it", ("unknown", "unknown")), ("no fui, tenia miedo", ("unknown", "unknown")),
])
def test_next_dates_counted_in_a_month_typed_short_or_missed(text, expected):
    assert flow.next_date_answer(text, date(2026, 12, 6)) == expected


def test_the_county_jail_said_in_spanglish_is_where_held():
    text = "a mi novio lo agarraron en un traffic stop y lo tienen en el county, dicen que ICE lo va a recoger mañana"
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_where"] == "el county"


def test_more_facts_said_in_passing():
    today = date(2026, 12, 6)
    assert flow.answers_in_text("detention", "it was the night before last sorry im all over the place", today)["detained_since"] == "2026-12-04"
    text = "i have an old order of deportation from 2009, i never left, nothing happened since. can i fix it"
    assert flow.answers_in_text("removal", text, today)["removal_stage"] == "removal_order"
    assert flow.a_number_unknown("A 2 3 0 . 7 7 1 . 4 9 ... i dont have the last one")
    assert flow.a_number_unknown("a 215 330 89 something, missing one number")
    fixed = flow.place_set_right("wait i said round rock but we moved, we're in pflugerville now", {"location": "Round Rock, TX"}, "detained_where")
    assert fixed["location"] == "Pflugerville, TX"


def test_turning_themselves_in_at_the_border_dates_the_detention():
    text = "mi esposa y mis hijos se entregaron en la frontera hace 4 dias y no se nada de ellos, yo estoy en denver"
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_since"] == "2026-12-02"


def test_a_far_off_hearing_in_the_opening_is_not_asked_again():
    today = date(2026, 12, 6)
    said = flow.answers_in_text("removal", "my court date is in may is that bad?? it says master calendar hearing", today)
    assert said["removal_stage"] == "hearing" and "may" in said["hearing_date"]
    assert flow.next_date_answer("in may, the 2nd week i think", today) == ("in may, the 2nd week i think", "far")


def test_told_at_an_appointment_to_come_back_in_days_is_the_next_date():
    text = "they told my dad at his appointment to come back in 10 days with his passport"
    assert flow.answers_in_text("removal", text, date(2026, 12, 6))["hearing_date"] == "2026-12-16"


@pytest.mark.parametrize("read, text, matter", [
    ("family", "the officer told my husband to go to the consulado and get his travel document, he has 7 days", "removal"),
    ("enforcement", "ayer vinieron los de ICE buscando a mi husband, el tiene orden de deportacion, no abrimos y se fueron", "removal"),
    ("enforcement", "his coworker said la migra took him at the job site", "detention"),
    ("enforcement", "ICE is outside my door right now looking for my husband, he has a deportation order", "enforcement"),
])
def test_what_a_removal_or_a_taking_said_in_other_words_is(read, text, matter):
    assert flow.matter_told(read, text) == matter


@pytest.mark.parametrize("text", [
    "ICE showed up at my husbands job yesterday asking for him by name, he wasnt there. he has an order from when he was 19",
    "they released my mom from detention last month, she has parole now and court in october",
    "el officer le dijo que su deportacion ya esta programada, pero lo dejaron ir a la casa y tiene que regresar el jueves",
    "my brother has an old deportation order, nobody has contacted him in 10 years",
])
def test_a_detention_read_where_nobody_is_held_now_is_the_removal_case(text):
    assert flow.matter_told("detention", text) == "removal"


def test_someone_released_but_still_held_elsewhere_stays_a_detention():
    text = "they released my mom but they are still holding my dad at the detention center, his court is in october"
    assert flow.matter_told("detention", text) == "detention"


def test_where_someone_is_held_now_is_not_when_they_were_taken():
    text = "a mi señora se la llevo la migra el martes en la mañana, y ahorita esta en el centro de broward"
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_since"] == "2026-12-01"


@pytest.mark.parametrize("text, stage", [
    ("hace como 4 años me cerraron el caso de deportacion pero tengo miedo que lo vuelvan a abrir", "closed"),
    ("my removal case was dismissed two years ago, do i need to do anything else?", "closed"),
    ("my tio's case got administratively closed hace años", "closed"),
    ("the bia dismissed my appeal", "removal_order"),  # an appeal lost is an order
    ("una carta de la corte dice que mi caso que estaba cerrado lo van a volver a abrir", "hearing"),  # open again
])
def test_a_closed_case_is_its_own_stage(text, stage):
    assert flow.removal_stage(text) == stage


def test_a_closed_case_has_no_next_date_to_ask():
    said = flow.answers_in_text("removal", "my removal case was dismissed two years ago", date(2026, 12, 6))
    assert said == {"removal_stage": "closed"}
    assert "hearing_date" not in flow.follow_ups({"situation": "removal", "removal_stage": "closed"})
    assert flow.removal_stage("dismissed, no court", answer=True) == "closed"


def test_a_paper_to_report_in_weeks_is_the_check_in_and_its_date():
    text = "they detained my husband friday but they let him go last night with a paper that says report in 6 weeks"
    assert flow.answers_in_text("removal", text, date(2026, 12, 6)) == {"removal_stage": "check_in", "hearing_date": "2027-01-17"}
    assert flow.answers_in_text("removal", "me dejaron ir con una orden de supervision hace 6 años", date(2026, 12, 6)) == {
        "removal_stage": "removal_order"}


@pytest.mark.parametrize("text", [
    "the man from ICE called and said they are coming to get him if he doesnt turn himself in by wednesday",
    "the deportation officer called my dad and asked where is his passport, said they are making his travel papers",
    "he has to go to ICE in 3 days and they told him bring his passport",
])
def test_a_step_of_the_removal_read_as_a_detention_is_the_removal_case(text):
    assert flow.matter_told("detention", text) == "removal"


def test_someone_held_with_papers_asked_stays_a_detention():
    assert flow.matter_told("detention", "they arrested my dad yesterday and asked for his passport") == "detention"


@pytest.mark.parametrize("text", [
    "they are deporting my dad tomorrow morning, hes at the ICE office downtown since his appointment",
    "my husband has been at the ice facility in tacoma since the week before last, he has a bond hearing tomorrow",
])
def test_held_since_or_before_a_bond_hearing_stays_a_detention(text):
    assert flow.matter_told("detention", text) == "detention"


def test_the_day_taken_is_kept_beside_where_they_are_now():
    said = flow.answers_in_text("detention", "a mi papa lo pickearon los de ICE el viernes, ahora esta en krome", date(2026, 12, 6))
    assert said["detained_since"] == "2026-12-04"


def test_stopped_by_the_agents_who_still_have_him_is_a_detention():
    text = "my husband got stopped by border patrol at the checkpoint near falfurrias 2 days ago and they still have him"
    assert flow.matter_told("enforcement", text) == "detention"


@pytest.mark.parametrize("text", [
    "my neighbor said ICE was outside the elementary school at pickup yesterday. should i keep my kids home?",
    "ice officers were outside my daughters school at pickup today. they left before i got there. should i keep her home tomorrow?",
])
def test_keeping_children_home_is_no_one_held(text):
    assert flow.matter_told("enforcement", text) == "enforcement"


@pytest.mark.parametrize("read, text, matter", [
    ("enforcement", "el jueves tengo q ir a reportarme a migracion y dicen q estan dejando a la gente adentro", "removal"),
    ("detention", "hubo una redada en la empacadora donde trabaja mi cuñado, a el no lo agarraron gracias a dios", "enforcement"),
    ("humanitarian", "en 5 dias es mi audiencia y no encuentro los papeles de mi asilo", "removal"),
    ("humanitarian", "my asylum interview is in 5 days at uscis", "humanitarian"),
])
def test_the_matter_beside_a_check_in_a_taking_denied_or_a_hearing_days_away(read, text, matter):
    assert flow.matter_told(read, text) == matter


@pytest.mark.parametrize("text", [
    "ICE showed up at my husbands job yesterday asking for him by name, he wasnt there. he has an order from when he was 19",
    "ICE keeps calling my moms phone telling her to come in this week. she has an old order",
    "mi esposo tiene una orden vieja",
])
def test_an_order_said_short_is_the_order_stage(text):
    assert flow.removal_stage(text) == "removal_order"


@pytest.mark.parametrize("text", ["she has an old restraining order", "i got a money order from walmart"])
def test_other_orders_are_no_stage(text):
    assert flow.removal_stage(text) is None


@pytest.mark.parametrize("text, where", [
    # a town named like a bigger one abroad, beside the visitor's US town: the US one
    ("yo en yuma, el esta en san luis en el centro de detencion", "San Luis, AZ"),
    ("im in yuma, hes at the detention center in san luis", "San Luis, AZ"),
    ("im in dallas my son is detained in victoria", "Victoria, TX"),
    # written with its country: as written
    ("my brother is detained in san luis argentina, im in yuma", "San Luis, Argentina"),
])
def test_a_held_town_is_read_by_the_us_town_beside_it(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_where"] == where


def test_a_small_us_town_does_not_take_a_city_abroad():
    # Leon, Oklahoma (a village next to Texas) is not what "leon" means to someone in Houston
    assert not flow.answers_in_text("detention", "im in houston my dad is in jail in leon", date(2026, 12, 6))["detained_where"].endswith(", OK")


@pytest.mark.parametrize("text, kept", [
    ("tengo orden de supervision, la proxima cita es en junio", "la proxima cita es en junio"),
    ("I have an order of supervision, next check in is in june", "next check in is in june"),
    ("i have a deportation order, i check in every 6 months, next one in may", "next one in may"),
])
def test_the_far_check_in_an_order_keeps_is_kept_in_words(text, kept):
    said = flow.answers_in_text("removal", text, date(2026, 12, 6))
    assert said == {"removal_stage": "removal_order", "hearing_date": kept}


def test_an_order_with_no_next_visit_has_no_date():
    assert "hearing_date" not in flow.answers_in_text("removal", "i have a deportation order from 2015", date(2026, 12, 6))


@pytest.mark.parametrize("text, since", [
    ("mi papá fue detenido la semana pasada y no sabemos nada", "la semana pasada"),
    ("ICE took my husband last week", "last week"),
    # a day of that week is a day
    ("lo arrestaron el jueves de la semana pasada", "2026-11-26"),
    ("they took him tuesday last week", "2026-11-24"),
])
def test_last_week_with_no_day_is_kept_as_said(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_since"] == since


@pytest.mark.parametrize("text, kept", [
    ("last week", "last week"), ("la semana pasada", "la semana pasada"),
    ("yesterday", "2026-12-05"), ("el jueves de la semana pasada", "2026-11-26"), ("no estoy segura", "no estoy segura"),
])
def test_the_answer_to_since_when(text, kept):
    assert flow.since_answer(text, date(2026, 12, 6)) == kept


@pytest.mark.parametrize("text, since", [
    ("mi esposo está en el Port Isabel desde hace mes y medio y yo estoy en McAllen.", "desde hace mes y medio"),
    ("my son has been held at otay mesa for a month and a half", "for a month and a half"),
    # a lawyer who took money took no one: the months in detention are the date
    ("My dad has been in ICE detention at Krome for 3 months. His bond hearing is next Tuesday. Our last lawyer just took money.",
     "2026-09-06"),
    # a part of a month, kept as said
    ("my daughter's husband has been held by ICE since the beginning of last month in batavia new york.",
     "since the beginning of last month"),
    ("lo tiene la migra desde principios del mes pasado", "desde principios del mes pasado"),
])
def test_how_long_someone_has_been_held_said_up_front(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 6))["detained_since"] == since


def test_a_period_and_a_half_answered_is_kept_as_said():
    assert flow.since_answer("hace mes y medio", date(2026, 12, 6)) == "hace mes y medio"


def test_held_at_the_ice_office_of_a_town_named_before_it():
    said = flow.answers_in_text("detention", "ICE arrested him this morning at his apartment. Hes at the Nashville ICE office i think.",
                                date(2026, 12, 6))
    assert said["detained_where"] == "ICE office (Nashville, TN)"


@pytest.mark.parametrize("text, day", [
    ("ah y tiene corte el lunes que viene ahí mismo en el centro", "2026-12-07"),
    ("my husband is detained at krome, his court is next monday", "2026-12-07"),
])
def test_the_court_date_of_someone_held_is_kept(text, day):
    said = flow.answers_in_text("detention", text, date(2026, 12, 6))
    assert said["hearing_date"] == day and said["removal_stage"] == "hearing"


def test_a_court_date_past_is_no_next_date_of_someone_held():
    assert "hearing_date" not in flow.answers_in_text("detention", "they took him yesterday, he had court last week", date(2026, 12, 6))


def test_held_at_the_bridge_of_the_town_crossed():
    said = flow.answers_in_text("detention", "mi carnal cruzo con su visa por laredo hace 2 dias y lo dejaron detenido en el puente, "
                                             "yo estoy en monterrey", date(2026, 12, 6))
    assert said["detained_where"] == "en el puente (Laredo, TX)"


@pytest.mark.parametrize("text, day", [
    ("my ice check in is next week... wait sorry no, i just looked at the paper its not next week, its in 5 weeks", "2027-01-10"),
    ("i think my court is in like a month, im in memphis... no wait my cousin just read the paper for me, its THIS friday coming",
     "2026-12-11"),
    ("my hearing got moved UP, it's now this coming wednesday instead of in 4 months", "2026-12-09"),
    ("mi corte es en tres semanas... ay no, me equivoqué, es este jueves!!", "2026-12-10"),
    ("my court is jan 5, no wait its jan 15", "2027-01-15"),
])
def test_a_date_set_right_in_the_same_message(text, day):
    assert flow.answers_in_text("removal", text, date(2026, 12, 6))["hearing_date"] == day


@pytest.mark.parametrize("read, text, matter", [
    # an old order or a far hearing beside what they want to do: what they want to do
    ("removal", "Tengo orden de deportación y me reporto con ICE una vez al año, la última fue hace 2 meses. "
                "Una amiga dice que puedo pedir la visa U. Es cierto?", "humanitarian"),
    ("removal", "I'm turning 21 next month and I want to petition my mom. She has a deportation order from 19 years ago. "
                "ICE never came.", "family"),
    # ... unless the removal case is at hand: a check-in in days
    ("removal", "I have a check in with ICE next tuesday and I want to renew my TPS", "removal"),
    # an ICE check-in beside a program, nothing asked of the program: the removal case
    ("humanitarian", "mi papá tiene TPS de Honduras y le llegó cita con ICE para este jueves. lo acompañamos?", "removal"),
    ("humanitarian", "i have daca and i just got a letter from ICE saying to come to their office in 3 weeks", "removal"),
])
def test_what_they_want_to_do_or_the_check_in_is_the_matter(read, text, matter):
    assert flow.matter_told(read, text) == matter


@pytest.mark.parametrize("read, text", [
    # marrying while in proceedings, or a filing the judge set: the court case
    ("removal", "I'm in removal proceedings and want to marry my US citizen girlfriend, will that stop my case"),
    ("removal", "the judge gave me 60 days to file mi asilo, that was last week. i dont even have the forms"),
    # a work permit of no program named beside monthly check-ins
    ("removal", "Firmo cada mes con ICE, la próxima es en 3 semanas. ¿Puedo pedir permiso de trabajo?"),
    # relatives brought by asylum or parole: their own path
    ("humanitarian", "tengo asilo pendiente y quiero traer a mis hijos de Venezuela, is that possible?"),
    ("humanitarian", "my brother in ukraine wants to come through u4u, can i sponsor him?"),
    # a priority date "checked" is no ICE check-in; working at an ICE office is no check-in either
    ("family", "mi hermana es ciudadana y me pidio hace 15 años, ya me toca? como chequeo mi priority date"),
    ("citizenship", "i work at the ICE office in miami, admin stuff. my naturalization interview is in february"),
])
def test_the_matter_stands(read, text):
    assert flow.matter_told(read, text) == read


@pytest.mark.parametrize("text, said", [
    ("An ICE officer called me today and said I have to come to the office this Thursday. I have a deportation order from a "
     "long time ago but nobody bothered me in 14 years.", {"removal_stage": "removal_order", "hearing_date": "2026-12-10"}),
    ("My case was administratively closed for years, now it was put back on the calendar and my hearing is in 10 days",
     {"removal_stage": "hearing", "hearing_date": "2026-12-16"}),
])
def test_the_day_to_report_or_a_case_back_on_the_calendar(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 6)) == said


def test_married_to_a_citizen_with_an_old_order_is_the_removal_case():
    text = "i have a deportation order from like 15 years ago but nobody ever came for me. now im married to a citizen and want to fix my papers"
    assert flow.matter_told("removal", text) == "removal"


@pytest.mark.parametrize("read, text, matter", [
    ("detention", "they kept my dad at his ICE check in this morning. he has a deportation order but he always went every year "
                  "and they let him go. where do they take him??", "detention"),
    ("family", "my husband is a green card holder and CBP has had him in secondary inspection at JFK for 6 hours. he just landed", "detention"),
    ("family", "my husband went through secondary inspection last year and it was fine, now we want to file the i-130", "family"),
])
def test_kept_at_a_check_in_or_held_at_entry_is_a_detention(read, text, matter):
    assert flow.matter_told(read, text) == matter


def test_trancaron_is_taken():
    assert flow.answers_in_text("detention", "klk, a mi primo lo trancaron los de inmigracion esta mañana", date(2026, 12, 6)) \
        == {"detained_since": "2026-12-06"}


@pytest.mark.parametrize("text, held", [
    ("they moved my son last night to the place near the airport in alexandria", True),
    ("lo movieron a otro centro de detencion", True),
    ("we moved my son to a new school", False),
])
def test_someone_moved_between_places_of_custody_is_held(text, held):
    assert flow.held_now(text) is held


def test_an_appointment_with_the_officer_is_a_check_in_with_its_day():
    text = "En mi última cita el oficial me dijo que para la próxima ya me quedo. La próxima es el jueves de la semana que viene."
    assert flow.answers_in_text("removal", text, date(2026, 12, 6)) == {"removal_stage": "check_in", "hearing_date": "2026-12-10"}


def test_a_friend_deported_and_the_visitor_in_the_same_situation_is_enforcement():
    text = "a mi amiga la detuvieron y la deportaron la semana pasada. yo estoy en la misma situación, qué puedo hacer para protegerme?"
    assert flow.matter_told("detention", text) == "enforcement"


@pytest.mark.parametrize("read, text, told", [
    ("family", "my uncle lived with us and they picked him up and already deported him last week. will they come here now because it was his address?",
     "enforcement"),
    ("family", "my husband was already deported, can they come back legally if i petition?", "family"),
    ("removal", "my wife went in for her check in at 8 this morning. they just came out and told me she is not coming out", "detention"),
])
def test_who_is_held_or_feared_for_after_a_removal(read, text, told):
    assert flow.matter_told(read, text) == told


@pytest.mark.parametrize("read, text, told", [
    ("humanitarian", "I applied for asylum by myself and after the interview they sent me a paper that says Notice to Appear. No date on it.",
     "removal"),
    ("family", "Our adjustment of status interview is next week. My green card is through my employer.", "employment"),
    # a wedding still to come beside an old order: the family matter, as two tuned authors read it
    ("family", "Tengo una orden de deportación de hace muchos años. Ahora quiero casarme con mi novio que es ciudadano.", "family"),
])
def test_the_case_a_program_or_family_reading_is_really_about(read, text, told):
    assert flow.matter_told(read, text) == told


def test_ice_calling_someone_to_a_named_office_is_a_check_in():
    text = "my mom got a paper from ICE que dice she has to show up next monday at the detroit office with only 1 suitcase"
    assert flow.answers_in_text("removal", text, date(2026, 12, 6)) == {"removal_stage": "check_in", "hearing_date": "2026-12-07"}


@pytest.mark.parametrize("situation, text, news", [
    ("humanitarian", "al tipo lo arrestaron y está en la cárcel, yo estuve en el hospital una semana", False),  # the attacker
    ("humanitarian", "y ahora la migra se llevo a mi esposo", True),
    ("removal", "they just took my husband, ICE van, 5 min ago", True),
])
def test_an_arrest_in_a_victims_story_is_news_only_with_immigration_named(situation, text, news):
    assert flow.news_of_detention("detention", situation, text) is news


@pytest.mark.parametrize("read, text, told", [
    ("humanitarian", "One of my employees has TPS and his work permit card expired last week. Can I keep him working?", "employment"),
    ("humanitarian", "my employer says my TPS work permit expired, can i keep working?", "humanitarian"),  # the worker's own
    ("removal", "they transferred my husband last night and the officer told him he'd be removed this week", "detention"),
])
def test_whose_matter_it_is(read, text, told):
    assert flow.matter_told(read, text) == told


@pytest.mark.parametrize("text, said", [
    ("a mi esposo lo deportaron hace una semana y yo tengo corte en 9 dias", {"removal_stage": "hearing", "hearing_date": "2026-12-15"}),
    ("ya fui a mi cita de ICE la semana pasada y me dejaron ir, la proxima es en un año",
     {"removal_stage": "check_in", "hearing_date": "la proxima es en un año"}),
    ("me dieron un papel para presentarme en corte de inmigracion pero no se cuando es", {"removal_stage": "nta_no_date"}),
])
def test_the_visitors_own_stage_and_date_up_front(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 6)) == said


def test_a_friend_kept_at_a_check_in_before_the_visitors_own_is_the_visitors_case():
    text = "el viernes tengo q ir a firmar a ICE y mi amiga fue la semana pasada y la dejaron ahi, ya no salio, me da panico"
    assert flow.matter_told("detention", text) == "removal"
    assert flow.matter_told("removal", text) == "removal"
    assert flow.matter_told("detention", "he has an ICE check in this thursday y ya detuvieron a su roommate at his last one") == "removal"
    assert flow.matter_told("detention", "mi esposo fue a firmar ayer y ya no salio") == "detention"
    assert flow.matter_told("removal", "mi esposo fue a firmar ayer y ya no salio") == "detention"


def test_a_final_hearing_beside_a_fee_question_is_the_removal_case():
    text = "tengo la corte final en 4 meses en miami y el abogado me esta cobrando mucho, ustedes cuanto cobran por un caso de asilo en corte"
    assert flow.matter_told("other", text) == "removal"


@pytest.mark.parametrize("read, text, told", [
    ("family", "Hello, I'd like to know how to sponsor my mother for a green card. I'm a US citizen.", "family"),  # a relative sponsors too
    ("detention", "my friend fue a su check-in hoy en la oficina de ICE y no salio, creo q lo detuvieron, his wife me pidio q les escribiera",
     "detention"),  # the friend's check-in, no step of the visitor's own
])
def test_readings_the_tuned_authors_keep(read, text, told):
    assert flow.matter_told(read, text) == told


@pytest.mark.parametrize("read, text, told", [
    # the tuned authors' readings: an employer sponsoring a worker is employment; a work visa beside a marriage to a
    # citizen is the marriage green card
    ("employment", "I own a bakery and want to sponsor my baker for green card, what does it cost the company", "employment"),
    ("family", "my husband and i got married in september, hes here on an h-1b that ends next year. should we switch him to a marriage green card?",
     "family"),
    ("family", "got laid off from my h1b job 2 weeks ago AND i married my girlfriend last week, she is a us citizen", "family"),
])
def test_work_and_family_as_the_tuned_authors_read_them(read, text, told):
    assert flow.matter_told(read, text) == told


# --- heard the first time (thirty-first session) ------------------------------------------------

TODAY31 = date(2026, 12, 6)


@pytest.mark.parametrize("situation, text", [
    ("humanitarian", "se llevaron a mi esposo hoy en la mañana de la casa, y yo tengo DACA, me pueden quitar mi DACA?"),
    ("family", "mi hermana esta detenida en arizona desde ayer y yo tambien quiero arreglar mis papeles, me case con un ciudadano"),
])
def test_someone_held_now_comes_before_the_visitors_own_papers(situation, text):
    assert flow.matter_told(situation, text) == "detention"


@pytest.mark.parametrize("situation, text", [
    ("family", "my husband was detained yesterday at the border and released, now we want to do my green card"),
    ("humanitarian", "my son got arrested last night, hes in the county jail. the jail says no immigration hold. he has DACA"),
])
def test_a_detention_over_or_not_by_immigration_leaves_the_matter(situation, text):
    assert flow.matter_told(situation, text) == situation


@pytest.mark.parametrize("text, stage", [
    ("my hearing is tomorrow, i dont want to get deported", "hearing"),  # a fear, not an order
    ("hearing is tomorrow in denver, who do i call so i dont get deported for not showing", "hearing"),
    ("he was deported last year", "removal_order"),
    ("ya no quiero vivir, deportaron a mi esposo hace una semana", "removal_order"),
])
def test_deportation_feared_is_not_an_order(text, stage):
    assert flow.removal_stage(text) == stage


@pytest.mark.parametrize("text, stage", [
    ("he has an order, he lost his case a long time ago", "removal_order"),
    ("tiene una orden vieja", "removal_order"),
    ("i have an order of protection against him", None),
    ("tengo una orden de restriccion", None),
])
def test_an_order_said_short_at_the_stage_question(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


def test_a_report_with_one_bag_and_an_old_order_are_read_up_front():
    said = flow.answers_in_text("removal", "ICE called my dad yesterday and said he has to come to the office monday and "
                                "bring his passport and one bag. he has an old order.", TODAY31)
    assert said == {"removal_stage": "removal_order", "hearing_date": "2026-12-07"}


def test_a_hearing_cancelled_with_no_new_date_is_not_asked_for_its_date():
    said = flow.answers_in_text("removal", "my hearing was cancelled and there's no new date. does that mean my case is closed?",
                                TODAY31)
    assert said.get("hearing_date") == "unknown"


@pytest.mark.parametrize("text, day", [
    ("One of my students told me today that ICE took his dad yesterday.", date(2026, 12, 5)),  # not the day it was told
    ("mi vecina me dijo hoy que la migra se llevo a su esposo el jueves", date(2026, 12, 3)),
    ("my wife has been in york county prison for ice for about 6 weeks now", date(2026, 10, 25)),  # a prison holds
])
def test_the_day_of_the_taking_up_front(text, day):
    assert flow.answers_in_text("detention", text, TODAY31).get("detained_since") == day.isoformat()


@pytest.mark.parametrize("text", [
    "tengo court date de traffic en 5 dias, me pueden entregar a ICE si voy?",
    "i have criminal court next week for the dui",
    "tengo corte de trafico el lunes",
])
def test_a_court_that_is_not_immigration_court_is_no_stage(text):
    assert flow.removal_stage(text) is None
    assert "hearing_date" not in flow.answers_in_text("removal", text, TODAY31)


@pytest.mark.parametrize("text, matter", [
    ("The company I work for wants to sponsor me for a green card. But I have a removal order from when my asylum was denied.",
     "removal"),
    ("one of my workers has a deportation order, can our company still sponsor him?", "employment"),  # the employer's question
])
def test_the_visitors_own_order_in_the_way_of_a_work_petition(text, matter):
    assert flow.matter_told("employment", text) == matter


def test_a_court_paper_with_no_date_takes_no_day_from_the_arrest():
    said = flow.answers_in_text("removal", "a mi hijo lo detuvieron el lunes pero ya lo soltaron ayer con un papel pa presentarse "
                                "a la corte, el papel no dice la fecha", TODAY31)
    assert said == {"removal_stage": "nta_no_date"}


def test_a_relative_arrested_told_first_with_agents_outside_is_held():
    text = "mi papa got arrested por ICE esta mañana afuera de la casa y los agentes todavia estan afuera en la calle"
    assert flow.matter_told("enforcement", text) == "detention"
    assert flow.matter_told("enforcement", "my neighbor got arrested by ICE this morning and agents are still outside") \
        == "enforcement"


@pytest.mark.parametrize("situation, text, matter", [
    # someone not of the family taken: the visitor's own matter stands
    ("humanitarian", "ice took my neighbor last week, everybody is scared. i have asylum pending. can they take me too?",
     "humanitarian"),
    # a friend detained and deported, the visitor afraid: ICE around them
    ("removal", "a mi amiga la detuvieron y la deportaron la semana pasada. yo estoy en la misma situación, qué puedo hacer "
     "para protegerme?", "enforcement"),
])
def test_someone_elses_taking_leaves_the_visitors_matter(situation, text, matter):
    assert flow.matter_told(situation, text) == matter


def test_arrested_at_court_is_held():
    assert flow.matter_told("removal", "my son went to his court like they told him and they arrested him right there in the hallway") \
        == "detention"
    assert flow.matter_told("removal", "my son went to his court and they gave him another date") == "removal"


def test_a_friends_taking_told_beside_ones_own_check_in_is_no_detention():
    text = "my check in at ICE is in 4 days and i am scared they keep me this time bc they took my friend last week"
    assert flow.matter_told("removal", text) == "removal"
    text = "a mi amigo lo detuvieron hace un mes y ya lo deportaron. me da miedo que me pase lo mismo, qué derechos tengo si me paran?"
    assert flow.matter_told("enforcement", text) == "enforcement"


@pytest.mark.parametrize("text, stage", [
    ("hes already in peru", "removal_order"), ("ya está en honduras", "removal_order"), ("shes back in mexico", "removal_order"),
    ("he is in jail", None), ("hes in houston, he has court", "hearing"), ("ya esta en el centro de detencion", None),
])
def test_someone_already_sent_back_is_a_removal_carried_out_at_the_stage_question(text, stage):
    assert flow.removal_stage(text, answer=True) == stage


@pytest.mark.parametrize("text", [
    "mi hermano esta preso en la carcel del condado por inmigracion hace una semana y tiene corte el miercoles que viene",
    "a mi hermano lo tienen en stewart desde hace como tres semanas, le pusieron corte para el mes que viene",
])
def test_someone_held_now_with_a_court_date_is_a_detention(text):
    assert flow.matter_told("removal", text) == "detention"


def test_a_relative_taken_by_one_agency_named_after_is_a_detention_before_the_visitors_own_status():
    text = "Soy ciudadano americano y a mi hermano lo agarró ICE el fin de semana. Yo no tengo problemas, es por él. ¿Cómo lo saco?"
    assert flow.matter_told("citizenship", text) == "detention"


def test_a_date_set_right_after_they_moved_it_is_the_new_one():
    text = "wait i read the letter wrong, the hearing is not next friday, they moved it, its in 7 weeks"
    said = flow.answers_in_text("removal", text, date(2026, 12, 6), stage_known="hearing")
    assert said["hearing_date"] == "2027-01-24"
    assert flow.corrected(said, {"hearing_date": "2026-12-11"}, text) == {"hearing_date": "2027-01-24"}


@pytest.mark.parametrize("text, matter", [
    ("my cousins hearing was yesterday and they kept him right there at the courthouse in baltimore", "detention"),
    ("my sons court was this morning by video from the detention in otay mesa and the judge ordered him deported", "detention"),
    ("mi papá está en la cárcel del condado de Butler desde hace 5 días por ICE y su primera corte es el jueves", "detention"),
    ("my brother went in for his check in 3 hours ago and a guard just told me hes being processed for detention", "detention"),
    ("a mi esposo lo deportaron hace un año y ahora lo agarraron otra vez cruzando, lleva 4 días en la estación de Lordsburg", "detention"),
    # out, or only at court
    ("he was released from the detention center last week and has court in march", "removal"),
    ("my mom is in court today, he is at the hearing", "removal"),
])
def test_someone_in_custody_now_in_a_removal_story_is_a_detention(text, matter):
    assert flow.matter_told("removal", text) == matter


@pytest.mark.parametrize("text", [
    "my hearing was supposed to be tomorrow but it got cancelled on the portal and there is no new date",
    "My immigration hearing got rescheduled, the letter says new date to be determined. Before it was next week.",
    "so my court was cancelada, the judge is gone or something, they said they'll send a new date. before it was this wednesday",
])
def test_a_hearing_cancelled_with_no_new_date_has_no_next_date(text):
    assert flow.answers_in_text("removal", text, date(2026, 12, 6))["hearing_date"] == "unknown"


def test_a_court_date_changed_with_no_day_said_is_a_hearing_with_no_next_date():
    text = "me llego un papel que mi court date la cambiaron pero no dice para cuando, is that normal?"
    assert flow.answers_in_text("removal", text, date(2026, 12, 7)) == {"removal_stage": "hearing", "hearing_date": "unknown"}
    # a paper to appear in court with no date is a notice to appear
    text = "ayer me soltaron del centro de detencion con un papel para presentarme en la corte pero no dice cuando"
    assert flow.answers_in_text("removal", text, date(2026, 12, 7)) == {"removal_stage": "nta_no_date"}


def test_a_hearing_rescheduled_to_a_day_keeps_that_day():
    assert flow.answers_in_text("removal", "my hearing got rescheduled to next friday", date(2026, 12, 7))["hearing_date"] == "2026-12-18"


@pytest.mark.parametrize("text, day", [
    ("my deportation hearing was moved up!! it was in 3 months and now the new notice says next thursday", "2026-12-17"),
    ("mi corte era en marzo y ahora la carta nueva dice que es el 15 de diciembre", "2026-12-15"),
])
def test_the_day_a_new_notice_says_is_the_next_date(text, day):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7))["hearing_date"] == day


@pytest.mark.parametrize("text, said", [("certainly", True), ("definitely", True), ("that works", True), ("go on home", None),
                                        ("si como no", True), ("cómo no!", True), ("shoots, go ahead", True), ("como no voy a querer", None)])
def test_more_plain_consents_are_read(text, said):
    assert flow.consent_answer(text) is said


def test_the_board_saying_no_is_an_order():
    assert flow.removal_stage("the bia said no to my appeal and i have ten days left") == "removal_order"


def test_coworkers_taken_and_the_fear_they_come_back_is_enforcement():
    text = "los de migración pasaron por el trabajo de mi esposo ayer y se llevaron a dos compañeros, a él no. ¿qué hacemos si regresan?"
    assert flow.matter_told("detention", text) == "enforcement"


def test_someone_at_the_border_station_since_last_night_is_where_and_since():
    text = "my girlfriend is at the border station in nogales since last night, she crossed with a visa but they say its fake"
    assert flow.answers_in_text("detention", text, date(2026, 12, 6)) == {
        "detained_where": "the border station in nogales", "detained_since": "2026-12-05"}


TODAY33 = date(2026, 12, 7)  # a Monday


def test_the_day_of_a_detention_is_read_beside_a_distance_in_hours():
    text = ("they arrested my son in grants pass 3 days ago, ice agents at his work, and the lady on the phone said hes at "
            "some facility like 2 hours north of here but wouldnt say which. im in medford.")
    assert flow.answers_in_text("detention", text, TODAY33)["detained_since"] == "2026-12-04"


def test_a_week_and_a_half_said_roughly_is_kept_as_said():
    text = "a mi esposa la agarraron en el mercado en west jordan hace como semana y media y la tienen en la cárcel del condado"
    assert flow.answers_in_text("detention", text, TODAY33)["detained_since"] == "hace como semana y media"


def test_where_someone_is_said_to_be_in_the_sentence_after_the_arrest_is_where_they_are_held():
    text = "My wife was arrested by ICE at our home 4 days ago. They say she's in Tacoma. I'm a US citizen, can I get her out?"
    assert flow.answers_in_text("detention", text, TODAY33)["detained_where"] == "Tacoma, WA"
    assert flow.held_place("ICE took my husband. she is in Houston with me") is None


def test_a_master_hearing_makes_a_family_story_the_removal_case():
    text = ("my wife has her master hearing by video in 15 days. she came on a k1 visa and we never finished the green "
            "card. can we fix this before the hearing")
    assert flow.matter_told("family", text) == "removal"


def test_asylum_not_yet_sent_to_court_stays_humanitarian():
    text = ("llegué hace casi un año y el año para pedir asilo se me cumple en 10 días. todavía no me han mandado a corte "
            "y no he llenado el I-589")
    assert flow.matter_told("humanitarian", text) == "humanitarian"
    assert flow.matter_told("humanitarian", "tengo corte en 5 dias por mi asilo y no tengo abogado") == "removal"


def test_someone_detained_days_ago_with_a_court_date_is_a_detention():
    text = ("mi suegro fue detenido hace tres días en salem, y ya lo mandaron a tacoma. ya le dieron fecha con el juez "
            "para el martes de la semana que entra")
    assert flow.matter_told("removal", text) == "detention"


def test_a_relative_claimed_is_a_family_petition():
    assert flow.matter_told("other", "quiero reclamar a mi mamá que está en cuba") == "family"
    assert flow.matter_told("other", "quiero reclamar mi dinero") == "other"


def test_where_someone_is_held_told_anew_replaces_what_was_not_known():
    slots = {"situation": "detention", "detained_where": "cant find him"}
    text = "wait they just called, they moved him last night to the pine prairie place in louisiana"
    said = flow.answers_in_text("detention", text, date(2026, 12, 7))
    assert flow.where_held_news(said, slots, text) == {"detained_where": "Pine Prairie ICE Processing Center (LA)"}
    # a place already known is kept unless the message says he was moved
    assert flow.where_held_news(said, {**slots, "detained_where": "Jena"}, "he is at pine prairie") == {}


@pytest.mark.parametrize("text, said", [
    ("no calls, just email me please", True),  # saved, reached another way
    ("no calls please, text only", True),
    ("no llamadas pero si mensajes", True),
    ("no me llamen, solo mensajes", True),
    ("no calls", False),
    ("no", False),
])
def test_another_way_to_be_reached_is_a_yes_at_consent(text, said):
    assert flow.consent_answer(text) is said


@pytest.mark.parametrize("text, matter", [
    ("the police gave my son to ICE, can they do that? he was only arrested for a fight at school", "detention"),
    ("la policia lo entregó a migración", "detention"),
    ("they handed him to ice but he was released yesterday", "enforcement"),
])
def test_someone_handed_to_immigration_is_held(text, matter):
    assert flow.matter_told("enforcement", text) == matter


@pytest.mark.parametrize("text, matter", [
    ("la migra llegó al trailer park esta mañana y se llevaron a 3 personas, ya se fueron como a las 9", "enforcement"),
    ("ICE came to the plant this morning and took 5 people, they left already", "enforcement"),
    ("ICE raided my job and took 12 workers, my cousin is one of them, where is he?", "detention"),  # one of theirs
])
def test_people_counted_as_taken_in_a_raid_are_no_detention_of_theirs(text, matter):
    assert flow.matter_told("detention", text) == matter


@pytest.mark.parametrize("situation, text, matter", [
    ("family", "mi esposo y yo ya tenemos diez años de residentes y queremos hacernos ciudadanos juntos", "citizenship"),
    ("family", "quiero hacerme ciudadano para pedir a mi mama", "family"),
    ("other", "me casé con un dominicano que está aquí sin papeles, I want to fix his status", "family"),
    ("humanitarian", "mi husband es ciudadano pero yo entré sin visa, me dijeron que necesito un perdón, is that true", "family"),
    ("humanitarian", "my husband is a citizen but he hits me, can i get my green card alone", "humanitarian"),
])
def test_whose_papers_a_marriage_or_naturalisation_is_about(situation, text, matter):
    assert flow.matter_told(situation, text) == matter


def test_a_court_case_in_us_spanish_is_the_removal_case():
    assert flow.matter_told("other", "quiero saber cuanto cobran por llevar un caso de corte, el mio ya esta cerca") == "removal"


@pytest.mark.parametrize("text, where", [
    ("a mi esposa la agarró inmigración ayer en la oficina, todavía la tienen aquí en anchorage", "Anchorage, AK"),
    ("mi esposo cruzó hace seis días por el paso y lo tienen detenido allá, yo estoy en austin con los niños", "El Paso, TX"),
    ("a mi hijo lo detuvieron el fin de semana y está en la cárcel regional, dicen que tiene hold de inmigración",
     "la cárcel regional"),
])
def test_where_someone_is_held_said_with_here_there_or_the_jails_kind(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 7))["detained_where"] == where


def test_stopped_at_the_airport_hours_ago_is_the_day_of_detention():
    said = flow.answers_in_text("detention", "my wife was stopped at jfk by customs 9 hours ago and they still wont let her in",
                                date(2026, 12, 7))
    assert said["detained_since"] == "2026-12-07"


def test_a_vague_where_said_again_does_not_replace_a_vague_where():
    slots = {"situation": "detention", "detained_where": "nadie me dice donde esta"}
    text = "el tiene un numero de un caso de antes, no lo encuentro"
    assert flow.where_held_news(flow.answers_in_text("detention", text, date(2026, 12, 7)), slots, text) == {}


def test_a_day_someone_is_still_held_is_not_the_day_of_the_taking():
    text = ("my grandma got stopped at DFW airport last night coming back from Guatemala, she has a green card for 20 years, "
            "and CBP still has her there this morning. I'm in Plano.")
    assert flow.answers_in_text("detention", text, date(2026, 12, 7))["detained_since"] == "2026-12-06"


@pytest.mark.parametrize("situation, text, matter", [
    ("other", "me toca el juramento en quince dias pero perdi la green card, vivo en hazleton", "citizenship"),
    ("family", "soy residente y me quiero ir a guatemala a cuidar a mi mom como unos 8 meses, pierdo la green card o no?", "other"),
    ("family", "i have a green card and want to petition my wife, she lives in mexico 2 years", "family"),
    ("humanitarian", "el dueño del departamento me esta amenazando con llamar a ICE si no me salgo", "enforcement"),
    ("detention", "they let my husband out of the detention center yesterday with an ankle monitor, what happens now", "removal"),
    ("detention", "ya soltaron a mi esposo ayer con fianza, y ahora que sigue?", "removal"),
    ("humanitarian", "my son's DACA lapsed and now he has court two weeks from today", "removal"),
])
def test_the_matter_a_story_tells_beside_what_it_names(situation, text, matter):
    assert flow.matter_told(situation, text) == matter


@pytest.mark.parametrize("text, stage", [
    ("mi novio salió del detention hoy pero ICE se quedó con su pasaporte y tiene cita en 16 días", "check_in"),
    ("me toca la firma en ICE el viernes de la otra semana", "check_in"),
    ("me negaron el asilo en la entrevista y me mandaron a la corte, todavia no tengo fecha", "nta_no_date"),
    ("la BIA me nego el appeal hace 20 dias, mi abogado dice que ya no hay nada que hacer", "removal_order"),
])
def test_stages_said_in_other_words(text, stage):
    assert flow.removal_stage(text) == stage


@pytest.mark.parametrize("text, where", [
    ("a mi primo lo bajaron del camion en el reten de la migra antes de tucson hace dos dias", "el reten de la migra antes de tucson"),
    ("a mi hermano se lo quedo la migra en el puesto de falfurrias desde el sabado", "el puesto de falfurrias"),
    ("my son has been in the county lockup in the panhandle since monday and ice put a hold on him",
     "the county lockup in the panhandle"),
])
def test_checkpoints_posts_and_lockups_are_where_someone_is_held(text, where):
    assert flow.answers_in_text("detention", text, date(2026, 12, 7))["detained_where"] == where


def test_a_taco_stand_is_no_border_patrol_post():
    assert "detained_where" not in flow.answers_in_text("detention", "tengo un puesto de tacos en houston y se llevaron a mi esposo",
                                                      date(2026, 12, 7))


def test_a_stay_said_with_a_half_is_kept_as_said():
    said = flow.answers_in_text("detention", "my husband has been in camp east montana for two and a half weeks", date(2026, 12, 7))
    assert said["detained_since"] == "for two and a half weeks"


def test_a_notario_fraud_stays_the_matter_when_the_papers_it_was_for_are_told():
    assert flow.keeps_situation("other", "family", "location", "fairbanks alaska, i paid her 3000 for my wife's papers and she disappeared")
    assert not flow.keeps_situation("other", "family", "location", "houston, i want to petition my wife")


@pytest.mark.parametrize("text, here", [
    ("en la casa no, dicen que en el walmart", False),
    ("at home no, they are at the gas station", False),
])
def test_agents_not_at_home_said_first(text, here):
    assert flow.agents_here_answer(text, date(2026, 12, 7)) is here


@pytest.mark.parametrize("situation, text, matter", [
    ("humanitarian", "my boss took my passport when i came and i work 7 days and he doesnt pay me, he says if i leave he calls immigration",
     "humanitarian"),  # a boss's threat beside a passport kept: trafficking
    ("family", "my wife got her conditional green card through me 2 years ago and it expires jan 20. we need to remove conditions. "
               "we stay in Rochester MN", "family"),  # staying somewhere is no trip
])
def test_a_bosss_threat_and_a_stay_are_not_read_as_a_landlord_or_a_trip(situation, text, matter):
    assert flow.matter_told(situation, text) == matter


@pytest.mark.parametrize("text", [
    "si tengo orden de deportacion y me presento a firmar me pueden agarrar ahi mismo?",
    "tengo deportacion pero me presento a firmar cada año",
])
def test_an_order_with_reporting_is_the_check_in_stage(text):
    # the next check-in is the date to ask for: an order under supervision is reported on
    assert flow.removal_stage(text) == "check_in"


def test_an_employers_paper_told_later_is_the_matter():
    told = "fargo, north dakota, la carta es un aviso de inspeccion de I-9 y dice que tengo 3 dias habiles para entregar los papeles"
    assert not flow.keeps_situation("removal", "employment", "location", told)
    assert flow.keeps_situation("removal", "employment", "location", "fargo, north dakota, trabajo en construccion")


@pytest.mark.parametrize("text", [
    "en una granja cerca de st albans, vermont, ayer paso la border patrol por la carretera y se llevaron a dos que no conozco",
    "they took two guys i dont even know from the farm next door",
])
def test_strangers_taken_are_agents_seen_not_someone_of_the_visitors_held(text):
    assert flow.matter_told("detention", text) == "enforcement"


def test_caught_crossing_is_held_since_the_crossing():
    said = flow.answers_in_text("detention", "mi prima entro por el rio hace 4 dias y la tienen los de la frontera en McAllen, "
                                             "yo estoy en Charlotte", date(2026, 12, 7))
    assert said["detained_since"] == "2026-12-03"
    assert "detained_since" not in flow.answers_in_text("detention", "mi hermano entro hace 2 años y la migra lo agarro", date(2026, 12, 7))


def test_the_boards_no_said_short_is_the_order_stage():
    said = flow.answers_in_text("removal", "la BIA me nego el appeal hace 20 dias, mi abogado dice que ya no hay nada que hacer", date(2026, 12, 7))
    assert said["removal_stage"] == "removal_order"


def test_a_green_card_through_a_citizen_child_is_the_family_matter():
    told = "tengo TPS de El Salvador y quiero saber si puedo sacar la green card porque mi hijo ya es citizen y tiene 25"
    assert flow.matter_told("humanitarian", told) == "family"
    assert flow.matter_told("humanitarian", "i have tps, my son is a citizen, can i renew my tps") == "humanitarian"


def test_an_order_that_may_come_is_not_the_order_stage():
    told = "court is two weeks from today and the paper says if i dont go they can order me deported"
    assert flow.answers_in_text("removal", told, date(2026, 12, 7)) == {"removal_stage": "hearing", "hearing_date": "2026-12-21"}


def test_out_on_bond_today_is_the_removal_case():
    told = "mi hijo salió hoy del centro de detención con fianza, tiene corte en dos semanas y media, ¿necesita otro abogado?"
    assert flow.matter_told("detention", told) == "removal"


def test_a_hearing_moved_to_a_month_away_keeps_no_day():
    told = "my hearing was supposed to be tomorrow but the court sent a notice last week that its moved to next month, same time"
    said = flow.answers_in_text("removal", told, date(2026, 12, 7))
    assert said["removal_stage"] == "hearing" and "2026-12-08" not in said["hearing_date"]  # the far words, kept as said
    moved = flow.answers_in_text("removal", "my court was december 14 but it got moved to the 9th", date(2026, 12, 7))
    assert moved["hearing_date"] == "2026-12-09"


def test_an_appointment_with_the_ice_officer_is_a_check_in():
    told = "mi cita con el officer de ICE es el viernes que viene y tengo miedo que me dejen"
    assert flow.answers_in_text("removal", told, date(2026, 12, 7)) == {"removal_stage": "check_in", "hearing_date": "2026-12-11"}


@pytest.mark.parametrize("text", ["okie dokie", "okey dokey!", "oki doki"])
def test_okie_dokie_is_a_yes(text):
    assert flow.consents(text, "nlu_fallback", False)


@pytest.mark.parametrize("text, yes", [("ofc", True), ("obvio", True), ("proceda", True), ("así es", True), ("correcto", True),
                                       ("if you have to", True), ("y", True), ("eso no", False), ("y no", False)])
def test_a_yes_said_alone_in_few_letters(text, yes):
    assert flow.consents(text, "nlu_fallback", False) is yes


def test_knocking_and_still_at_the_door_now_is_agents_at_hand_in_an_enforcement_matter():
    told = "vinieron a la casa hace media hora, tocaron y no abrimos, y ahorita están en la puerta de al lado"
    assert flow.answers_in_text("enforcement", told, date(2026, 12, 7)) == {"ice_present_now": True}


def test_a_release_told_later_ends_the_detention():
    told = "omg wait he just called me, they let him out this morning with an ankle monitor and a paper for court, hes at a shelter"
    assert not flow.keeps_situation("detention", "removal", "intake_confirmed", told)
    assert flow.keeps_situation("detention", "removal", "intake_confirmed", "they released my mom but they are still holding my dad")


def test_a_jail_with_its_town_is_where_someone_is_held():
    told = "a mi esposo lo agarraron hace 2 dias cuando iba a trabajar a una obra y lo tienen en la carcel de alamance"
    assert flow.answers_in_text("detention", told, date(2026, 12, 7))["detained_where"] == "la carcel de alamance"


def test_a_hearing_moved_with_no_new_day_keeps_no_day():
    told = "my master hearing was supposed to be in 6 days in chicago but i checked the court website and it says its been moved"
    assert flow.answers_in_text("removal", told, date(2026, 12, 7)) == {"removal_stage": "hearing"}


@pytest.mark.parametrize("told", ["tenia que firmar mañana en ICE pero fui hoy por si acaso y pues me dejaron salir",
                                  "my check in was supposed to be tomorrow but i went today and they let me go"])
def test_a_check_in_gone_to_early_is_no_next_date(told):
    assert flow.answers_in_text("removal", told, date(2026, 12, 7)) == {"removal_stage": "check_in"}


@pytest.mark.parametrize("text, since", [
    ("they arrested my husband the other night and hes at the washoe county jail with an immigration hold", "the other night"),
    ("lo agarraron el otro dia en el trabajo", "el otro dia"),
])
def test_a_recent_day_not_named_is_kept_as_said(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 7))["detained_since"] == since


def test_a_stranger_taken_at_the_visitors_own_check_in_is_the_removal_case():
    told = "im at the ice office in hartford right now waiting for my check in, they just took the man before me to the back"
    assert flow.matter_told("detention", told) == "removal"


def test_a_hearing_moved_from_a_near_day_to_a_far_one_keeps_the_far_words():
    said = flow.answers_in_text("removal", "my abuela's court got moved from next week to next year, is that good or bad?", date(2026, 12, 7))
    assert "next year" in said["hearing_date"]


@pytest.mark.parametrize("text, day", [("twelve days from now i have to go sign with ice in indianapolis", "2026-12-19")])
def test_twelve_days_is_a_count_of_days_not_noon(text, day):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7))["hearing_date"] == day


def test_sometime_last_month_is_kept_as_said():
    said = flow.answers_in_text("detention", "my brother crossed sometime last month and border patrol has him, hes at camp east montana",
                                date(2026, 12, 7))
    assert said["detained_since"] == "sometime last month"


@pytest.mark.parametrize("text", ["yo tenia cita con ICE este jueves pero me llamaron para cambiarla, eso es normal o es una trampa?",
                                  "mi corte era mañana pero me llamaron que la cancelaron, que hago, voy o no voy?"])
def test_a_spanish_date_that_was_and_was_moved_keeps_no_day(text):
    assert "hearing_date" not in flow.answers_in_text("removal", text, date(2026, 12, 7))


@pytest.mark.parametrize("text, matter", [
    ("my husband salió on bond ayer del de cibola, pagamos 7 mil, ahora que sigue? tiene que ir a corte?", "removal"),
])
def test_out_on_bond_in_spanglish_is_the_removal_case(text, matter):
    assert flow.matter_told("detention", text) == matter


def test_signing_at_ice_is_a_check_in_and_a_deportation_given_is_the_order():
    assert flow.removal_stage("tenia que firmar mañana en ICE pero fui hoy por si acaso y pues me dejaron salir") == "check_in"
    assert flow.answers_in_text("removal", "me agarraron en la frontera hace como 15 años y me dieron una deportacion, me regrese",
                                date(2026, 12, 7)) == {"removal_stage": "removal_order"}


def test_a_check_in_moved_up_to_a_day():
    said = flow.answers_in_text("removal", "they called my husband and moved his ice check in up to this coming monday. it was supposed to be "
                                           "in march. is that bad??", date(2026, 12, 7))
    assert said == {"removal_stage": "check_in", "hearing_date": "2026-12-14"}


@pytest.mark.parametrize("text, day", [
    ("got a text from ICE that my check in got moved up to the 16th. it was supposed to be february", "2026-12-16"),
    ("me mandaron una notificacion que me cambiaron la corte para el lunes, antes era para dentro de 3 meses!", "2026-12-14"),
])
def test_a_date_moved_up_is_the_day_moved_to(text, day):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7))["hearing_date"] == day


@pytest.mark.parametrize("text, said", [
    # the new date said after the old one: the new one, in its clause
    ("la nueva es dentro de dos meses, la de pasado mañana la cancelaron", ("2027-02-05", "date")),
    ("they CANCELLED the wednesday one and moved it, new date is like 4 months from now", ("2027-04-06", "date")),
    # a hearing missed today is no next date
    ("no llegué a la corte de inmigración, me confundí de día, fui hoy y ya no había nada", ("unknown", "unknown")),
])
def test_the_next_date_answer_hears_the_new_date_and_the_missed_one(text, said):
    assert flow.next_date_answer(text, date(2026, 12, 7)) == said


@pytest.mark.parametrize("text, day", [
    ("me cambiaron la corte que tenía pasado mañana, ahora dice que es dentro de dos meses", "2027-02-05"),
    ("mi cita en la corte era para dentro de 3 meses pero me llegó una carta que la adelantaron para el jueves que viene", "2026-12-10"),
])
def test_a_hearing_moved_in_spanish_is_the_day_moved_to(text, day):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7))["hearing_date"] == day


def test_a_check_in_every_month_is_how_often_not_when():
    said = flow.answers_in_text("removal", "yo firmo cada mes con ICE y el oficial me dijo que ya me fuera preparando", date(2026, 12, 7))
    assert said == {"removal_stage": "check_in"}


def test_facts_said_up_front_in_other_words():
    today = date(2026, 12, 7)
    # "a fortnight": two weeks
    assert flow.answers_in_text("removal", "I've a hearing a fortnight from now", today)["hearing_date"] == "2026-12-21"
    # "since 3 weeks": that long ago
    held = flow.answers_in_text("detention", "im writing from the tablet in otay mesa detention. been here since 3 weeks", today)
    assert held["detained_since"] == "2026-11-16"
    # "earlier": today
    taken = flow.answers_in_text("detention", "agents came to the construction site earlier, took my brother and 5 others", today)
    assert taken["detained_since"] == "2026-12-07"
    # the board's decision, or an appeal not filed in its 30 days: the order
    for told in ("the BIA decision is dated 12 days ago, it only came in the mail yesterday. they denied",
                 "my old lawyer was supposed to file my BIA appeal and he didn't. the 30 days ran out two months ago"):
        assert flow.answers_in_text("removal", told, today)["removal_stage"] == "removal_order"


def test_facts_said_up_front_in_spanish_near_their_lines():
    today = date(2026, 12, 7)
    held = flow.answers_in_text("detention", "la migra paró a mi hermano en el retén de la carretera cerca de las cruces hace una hora"
                                " y no lo sueltan", today)
    assert held == {"detained_where": "el retén de la carretera cerca de las cruces", "detained_since": "2026-12-07"}
    for told in ("hi, me cancelaron mi hearing de immigration porque the court was closed y no me han dado new date",
                 "salí de la detención con fianza hace una semana, todavía no me dan fecha de corte"):
        assert flow.answers_in_text("removal", told, today) == {"removal_stage": "hearing", "hearing_date": "unknown"}
    told = "la junta de apelaciones me negó la apelación hace tres semanas, ¿todavía puedo hacer algo?"
    assert flow.answers_in_text("removal", told, today) == {"removal_stage": "removal_order"}


def test_a_date_set_right_far_off_is_no_longer_soon_and_one_set_right_near_is():
    today = date(2026, 12, 7)
    assert flow.reasons_after_new_date(["detained_now", "hearing_soon"], "2027-04-06", "hearing", today) == ["detained_now"]
    assert flow.reasons_after_new_date([], "2026-12-10", "check_in", today) == ["checkin_soon"]


@pytest.mark.parametrize("text, since", [
    # the detainee locator and how far away a place is tell no day
    ("a mi esposo lo agarraron ayer en la mañana en el Home Depot, y ahorita el detainee locator dice que está en Adelanto", "2026-12-06"),
    ("a mi hijo se lo llevaron de la casa anteayer a las 5 de la mañana, eran como seis agentes, y ahora lo tienen en un lugar"
     " en Luisiana que se llama Jena, a siete horas de aquí.", "2026-12-05"),
    # where someone is held now is not when they were taken; a misspelt taking is a taking
    ("a mi compadre lo detuvieron ayer en la mañana en el huerto, llegaron como 5 carros, y ahorita lo tienen en tacoma", "2026-12-06"),
    ("mi esposo lo agararon en la carretera hace 4 dias y ora esta en la carsel del condado", "2026-12-03"),
    ("my cousin is in detention in batavia since 2 weeks, the buffalo one", "2026-11-23"),
])
def test_when_someone_was_taken_beside_the_locator_or_a_distance(text, since):
    assert flow.answers_in_text("detention", text, date(2026, 12, 7))["detained_since"] == since


def test_the_day_it_was_said_after_the_day_it_is_now():
    text = "hold on he just read it to me, the letter says they moved the hearing UP, its this wednesday now, not in 2 months like before"
    assert flow.answers_in_text("removal", text, date(2026, 12, 7), "hearing")["hearing_date"] == "2026-12-09"


def test_a_transfer_tells_where_someone_is_now_and_not_when_they_were_taken():
    text = ("Hola, vivo en Anchorage, Alaska. Mi esposo fue a renovar su licencia hace como 10 dias y de ahi lo arrestaron porque tenia"
            " una orden vieja de deportacion de hace como 12 años. Lo tuvieron aqui en el jail de Anchorage y ahora me dicen que lo"
            " mandaron a Tacoma en avion ayer")
    said = flow.answers_in_text("detention", text, date(2026, 12, 7))
    assert said["detained_since"] == "2026-11-27" and "Tacoma" in said["detained_where"]


def test_a_hearing_moved_to_next_month_is_kept_as_said_and_not_the_day_it_was():
    text = "mi corte era mañana pero me llego un aviso que la movieron para el otro mes, todavia necesito abogado"
    assert flow.answers_in_text("removal", text, date(2026, 12, 7)) == {"removal_stage": "hearing", "hearing_date": "el otro mes"}


def test_the_day_of_a_release_is_not_the_next_date():
    said = flow.answers_in_text("removal", "ya soltaron a mi esposo el viernes, ahora tiene que reportarse el otro mes, que sigue?",
                                date(2026, 12, 7))
    assert said["removal_stage"] == "check_in" and "otro mes" in said["hearing_date"]
    said = flow.answers_in_text("removal", "mi hijo salió hoy del centro de detención con fianza, tiene corte en dos semanas y media",
                                date(2026, 12, 7))
    assert said == {"removal_stage": "hearing", "hearing_date": "2026-12-24"}  # the rest read as written


def test_kept_at_a_check_in_is_taken_the_day_of_the_check_in():
    text = "mi esposa entro a su check-in hace 4 horas y un officer me dijo que se queda detenida"
    assert flow.answers_in_text("detention", text, date(2026, 12, 7)) == {"detained_since": "2026-12-07"}


@pytest.mark.parametrize("text, said", [
    ("a mi esposa la retuvieron anoche en el aeropuerto de miami, no la han dejado salir",
     {"detained_where": "aeropuerto de miami", "detained_since": "2026-12-06"}),
    ("mi hijo quiso pasar por el puente de juarez con papeles de otro y lo agarraron, desde en la mañana no sale",
     {"detained_where": "el puente de juarez", "detained_since": "2026-12-07"}),
    ("a mi tio lo movieron de nueva orleans a un lugar pain prery o algo asi, lo agarraron hace como 10 dias",
     {"detained_where": "lugar pain prery", "detained_since": "2026-11-27"}),
    ("mi hermano esta en batavia, lo cogieron el weekend pasado",
     {"detained_where": "Buffalo Federal Detention Facility (Batavia, NY)", "detained_since": "2026-12-05"}),
    ("pls help my husband was taken this morning at 6 at our door by ice. he is at the 26 federal plaza building in manhattan",
     {"detained_where": "ICE field office, 26 Federal Plaza (New York, NY)", "detained_since": "2026-12-07"}),
    ("My husband has been in the detention center in Batavia since the summer. His judge denied his case last week",
     {"detained_where": "Buffalo Federal Detention Facility (Batavia, NY)", "detained_since": "since the summer"}),
])
def test_where_and_since_when_in_everyday_shapes(text, said):
    assert flow.answers_in_text("detention", text, date(2026, 12, 7)) == said


def test_kept_at_a_check_in_told_in_the_sentence_before_is_taken_that_day():
    text = ("my wife went in for her check in at 8 this morning and i been waiting in the parking lot. "
            "they just came out and told me she is not coming out. what do i do now")
    assert flow.answers_in_text("detention", text, date(2026, 12, 7)).get("detained_since") == "2026-12-07"
    # the visitor's own check-in, and someone else kept: no day of a taking
    text = "my check in was last week and it went fine. my cousin never came out of his"
    assert "detained_since" not in flow.answers_in_text("detention", text, date(2026, 12, 7))


def test_a_transfer_alone_tells_the_day_held_there_since():
    # no other clause tells the taking: the move is the day held there since
    text = "hace como un mes a mi hermano lo pasaron a un centro en louisiana, jena creo que se llama, primero estuvo en la carcel de houston"
    assert flow.answers_in_text("detention", text, date(2026, 12, 7)).get("detained_since")
    text = "a mi novio lo mandaron a moshannon valley desde hace como dos semanas y casi no lo dejan llamar"
    assert flow.answers_in_text("detention", text, date(2026, 12, 7)).get("detained_since")


def test_a_paper_from_the_court_alone_tells_no_stage():
    assert flow.removal_stage("me llego un papel de la corte") is None
    assert flow.removal_stage("got a letter from immigration court") is None
    assert flow.removal_stage("me llego un papel de la corte, mi audiencia es el 5 de enero") == "hearing"
    assert flow.removal_stage("I got a letter from immigration court and i dont have a lawyer") is None
    assert flow.removal_stage("got a letter from the court saying i have a hearing next month") == "hearing"
    assert flow.removal_stage("me llego una carta de corte, la primera es en 6 semanas") == "hearing"  # a date: a hearing notice


def test_agents_back_at_the_door_in_a_detention_story_keep_the_detention():
    text = "wait they just came back!! theres 3 of them at the door asking for my dad now, what do i do do i open"
    assert flow.keeps_situation("detention", "enforcement", "intake_confirmed", text)
    assert not flow.keeps_situation("detention", "enforcement", "intake_confirmed", "no wait, he wasnt taken, they just came asking for him")


@pytest.mark.parametrize("text, gone", [
    ("WAIT my sister just texted he got released on bond an hour ago!!! hes on his way out. they said his court is in 3 months", True),
    ("sorry correction, they already deported him, he called this morning from guatemala city, so its too late?", True),
    ("is he going to be released?", False),
    ("i am afraid they will deport him", False),
    # someone held now all the same
    ("a mi hermano lo deportaron ayer y ahora a mi cuñada tambien la agarraron hoy", False),
    ("a mi hermano lo deportaron hace 2 años y se regresó, anteayer lo agarraron en un traffic stop", False),
    ("él ya fue deportado una vez hace como 8 años y se regresó", False),
    ("lo soltaron de la carcel ayer y ahi mismo lo recogio ICE", False),
    ("nos agarro la border patrol ayer, a mi me soltaron con un papel pero mi hermana sigue alla", False),
])
def test_news_that_someone_held_is_held_no_more(text, gone):
    assert flow.no_longer_held(text) is gone


def test_a_place_someone_else_called_from_is_not_where_the_visitor_is():
    slots = {"location": "Rochester, NY"}
    text = "sorry correction, they already deported him, he called this morning from guatemala city, so its too late?"
    assert flow.place_set_right(text, slots, "contact_name") == {}


def test_a_check_in_within_days_told_later_takes_the_place_of_a_calmer_matter():
    today = date(2026, 12, 7)
    news = flow.news_of_court("family", "oh and they have ICE check ins, my dads next one is in 4 days, is that a problem", today)
    assert news == {"situation": "removal", "removal_stage": "check_in", "hearing_date": "2026-12-11"}
    assert flow.news_of_court("family", "oh and they have ICE check ins every year", today) == {}


def test_news_of_a_release_at_where_are_you_is_no_place_of_the_visitor():
    assert flow.release_not_a_place("perdon antes de todo, me acaban de avisar que lo deportaron anoche, ya esta en nogales del lado de mexico")
    assert not flow.release_not_a_place("estoy en phoenix, a mi hermano lo soltaron ayer")


def test_the_day_of_a_deportation_does_not_set_right_the_day_of_the_taking():
    text = "perdon antes de todo, me acaban de avisar que lo deportaron anoche, ya no esta detenido"
    assert flow.corrected({"detained_since": "2026-12-06"}, {"detained_since": "2026-11-16"}, text) == {}


def test_agents_gone_but_not_sure_leaves_the_question_to_be_asked():
    text = "hace 10 minutos estaban unos de ICE afuera de mi casa, creo que ya se fueron pero no estoy segura"
    assert "ice_present_now" not in flow.answers_in_text("enforcement", text, date(2026, 12, 7))
    assert flow.answers_in_text("enforcement", "ICE came to my job on monday", date(2026, 12, 7))["ice_present_now"] is False


@pytest.mark.parametrize("text, stage_known, said", [
    ("Gaspar Domingo Pablo", "hearing", {"removal_stage": "hearing"}),  # a name after the hearing is known
    ("me llamo Gaspar Domingo y tengo cita con ICE", None, {"removal_stage": "check_in"}),
    ("el domingo a las 8", "check_in", {"removal_stage": "check_in", "hearing_date": "2026-12-13"}),
])
def test_a_name_with_a_weekday_gives_no_date(text, stage_known, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7), stage_known) == said


@pytest.mark.parametrize("text, said", [
    ("i have an old deportation from years ago", {"removal_stage": "removal_order"}),
    ("my check in was supposed to be next week but ice called and moved it out about 2 months",
     {"removal_stage": "check_in", "hearing_date": "2027-02-05"}),
    ("i have court either this friday or next friday i cant find the paper", {"removal_stage": "hearing", "hearing_date": "2026-12-11"}),
])
def test_facts_told_in_everyday_shapes(text, said):
    assert flow.answers_in_text("removal", text, date(2026, 12, 7)) == said


@pytest.mark.parametrize("text, answer", [
    ("en tres semanas... no espere, revise el papel y es el lunes que viene", "2026-12-14"),
    ("in 3 weeks... wait no, i checked the paper and its next monday", "2026-12-14"),
])
def test_a_date_set_right_in_the_same_answer_is_the_last_one(text, answer):
    assert flow.next_date_answer(text, date(2026, 12, 7)) == (answer, "date")


def test_then_no_at_consent_is_a_no():
    assert flow.consent_answer("do i have to? then no, just wanted a price") is False
    assert flow.consent_answer("entonces no gracias") is False
    assert flow.consent_answer("then no problem, go ahead") is True


def test_a_hearing_put_off_at_the_summary_is_the_new_date():
    slots = {"situation": "removal", "removal_stage": "hearing", "hearing_date": "2026-12-10"}
    text = "ay espere, mi hija me esta enseñando una carta nueva, dice que ya no es este jueves, la pasaron para dentro de dos meses"
    assert flow.corrected_at_summary(text, slots, None, date(2026, 12, 7)) == {"hearing_date": "2027-02-05"}


def test_i_dont_want_to_at_consent_is_a_no():
    assert flow.consent_answer("i dont want to") is False
    assert flow.consent_answer("I don't want that") is False


@pytest.mark.parametrize("situation, text, said", [
    ("removal", "ICE sent my dad a letter that says bring his belongings, he has to go in monday for removal",
     {"removal_stage": "removal_order", "hearing_date": "2026-12-14"}),
    ("removal", "nos llego la decision de la BIA hace como 3 semanas, nos negaron la apelacion", {"removal_stage": "removal_order"}),
    ("enforcement", "they came this morning and knocked, i didnt open. one car is still parked across the street watching the house",
     {"ice_present_now": True}),
    ("enforcement", "estan en el pasillo de mi edificio tocando puertas, todavia no llegan a la mia, tengo que abrir si tocan?",
     {"ice_present_now": True}),
])
def test_facts_of_enforcement_and_orders_told_up_front(situation, text, said):
    assert flow.answers_in_text(situation, text, date(2026, 12, 7)) == said


_TUESDAY = date(2026, 12, 8)


@pytest.mark.parametrize("situation, text, stage_known, said", [
    # moved from a facility to another place: where they are now
    ("detention", "they moved my dad last night from broadview to somewhere in texas and nobody will tell us where. "
                  "we're in chicago. he got picked up 4 days ago", None,
     {"detained_where": "somewhere in texas", "detained_since": "2026-12-04"}),
    # kept in secondary at the port they crossed
    ("detention", "my wife was crossing at san ysidro yesterday with her visa and they took her to secondary and she never came out",
     None, {"detained_where": "secondary inspection (San Ysidro)", "detained_since": "2026-12-07"}),
    # "since a couple days" in the sentence after the facility
    ("detention", "my cousin is at the one in the desert, adelanto? since a couple days. im in riverside", None,
     {"detained_where": "Adelanto ICE Processing Center (CA)", "detained_since": "2026-12-06"}),
    # when it happened, told after the place at "Where are you?"
    ("detention", "Durham NC, it happened friday night at the gas station on roxboro", None, {"detained_since": "2026-12-04"}),
    # a letter from ICE to report on a day: a check-in, with its day
    ("removal", "me llego una carta de ICE que me tengo que presentar el jueves que viene en la oficina de charlotte", None,
     {"hearing_date": "2026-12-10", "removal_stage": "check_in"}),
    # ... a call from ICE to come in, too
    ("removal", "an officer called me saying he is from ICE and i need to come in next thursday. is that real?", None,
     {"hearing_date": "2026-12-17", "removal_stage": "check_in"}),
    # the master calendar hearing, said short
    ("removal", "my next master is in 3 weeks and my old lawyer quit on me", None,
     {"removal_stage": "hearing", "hearing_date": "2026-12-29"}),
    # an ankle monitor is no check-in date beside the court told
    ("removal", "i have an ankle monitor since they let me out of dilley, i have to go to court in san antonio", None,
     {"removal_stage": "hearing"}),
    # a hearing being moved to a far day
    ("removal", "my hearing was supposed to be tomorrow but they sent a new notice moving it to in 5 weeks", None,
     {"removal_stage": "hearing", "hearing_date": "2027-01-12"}),
    # a journey to family tomorrow is no hearing date
    ("removal", "im at a shelter in el paso still, going to my cousin in denver tomorrow", "hearing", {}),
])
def test_facts_told_in_passing_are_kept(situation, text, stage_known, said):
    assert flow.answers_in_text(situation, text, _TUESDAY, stage_known) == said


@pytest.mark.parametrize("text", ["none now", "nothing yet", "ninguna por ahora"])
def test_no_next_date_said_in_a_few_words(text):
    assert flow.next_date_answer(text, _TUESDAY) == ("unknown", "unknown")


def test_a_date_set_right_with_corrijo_replaces_the_one_kept():
    text = "Estoy en Newark. Corrijo: la cita no es este lunes, es en 2 meses, me confundí con la cita de mi hermano"
    said = flow.answers_in_text("removal", text, _TUESDAY, "check_in")
    assert flow.corrected(said, {"hearing_date": "2026-12-14"}, text) == {"hearing_date": "2027-02-06"}


@pytest.mark.parametrize("text, given", [
    ("i have it on a paper... A 201 443 960", "201443960"),
    ("A 230 771 49 i dont have the last one", None),
    ("no se", None),
])
def test_an_a_number_given_in_full_is_kept_whatever_else_is_said(text, given):
    assert flow.a_number_given(text) == given


@pytest.mark.parametrize("text, matter", [
    # held now beside his court date: still a detention
    ("Hello buenas, mi roommate esta detenido since last week en Otay Mesa, y me pidio que le buscara un lawyer porque "
     "tiene su court date pronto", "detention"),
    # about to be moved to another place: held
    ("no se de corte. pero hoy me llamo y dijo que lo van a mover a luisiana mañana", "detention"),
])
def test_someone_held_now_stays_a_detention_beside_a_court(text, matter):
    assert flow.matter_told("detention", text) == matter


def test_an_unnamed_centre_placed_as_said_and_the_day_of_the_taking_not_of_now():
    text = "my dad is at the processing center at the border right now, CBP lo agarro crossing the river last night. im in mcallen"
    assert flow.answers_in_text("detention", text, _TUESDAY) == {
        "detained_where": "processing center at the border", "detained_since": "2026-12-07"}


def test_gone_by_now_and_not_knowing_where_are_answers():
    assert flow.agents_here_answer("ahorita ya no, fue en la mañana", _TUESDAY) is False
    assert flow.DONT_KNOW.search("no sabemos, los subieron a unos camiones")


def test_a_friend_kept_at_the_office_the_visitor_goes_to_is_the_visitors_own_case():
    text = "my friend went to her check in at the ice office yesterday and they kept her. i go to the same office in 9 days"
    assert flow.matter_told("detention", text) == "removal"


def test_an_ankle_monitor_worn_is_no_day_to_report():
    text = ("my friend got detained at her ice check in last month, they let her go 2 days later with an ankle monitor. "
            "i report to the same office in 6 weeks")
    assert flow.answers_in_text("removal", text, _TUESDAY) == {"removal_stage": "check_in", "hearing_date": "2027-01-19"}


def test_a_husband_deported_to_bring_back_is_a_family_matter():
    assert flow.matter_told("removal", "a mi esposo lo deportaron hace 3 meses. como le hago para que regrese legal?") == "family"


def test_a_mothers_letter_to_report_beside_the_visitors_daca_stays_her_removal_case():
    text = ("my mom got a letter from ice saying she has to report to the office next wednesday. she has an order from years ago. "
            "im on daca myself idk if i should go with her")
    assert flow.matter_told("removal", text) == "removal"


def test_an_order_had_is_the_stage_beside_an_unsure_word():
    text = ("my mom got a letter from ice saying she has to report to the office next wednesday. she has an order from years ago. "
            "im on daca myself idk if i should go with her")
    assert flow.answers_in_text("removal", text, _TUESDAY) == {"removal_stage": "removal_order", "hearing_date": "2026-12-16"}
