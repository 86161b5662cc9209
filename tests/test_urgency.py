"""When an intake is urgent (bot.urgency) and what urgent visitors are told (bot.resources)."""
from datetime import date, datetime, timezone

import pytest

from tests.wording import render

from bot import interruptions, resources, urgency
from bot.firm import load_firm
from bot.settings import firm_profile_path

TODAY = date(2026, 11, 28)


def test_detention_is_urgent():
    assert urgency.assess({"situation": "detention"}, TODAY) == ["detained_now"]


@pytest.mark.parametrize(
    "hearing, urgent",
    [("2026-11-28", True), ("2026-12-12", True), ("2026-12-13", False), ("unknown", False), ("2026-11-01", False)],
)
def test_hearing_within_14_days(hearing, urgent):
    reasons = urgency.assess({"situation": "removal", "removal_stage": "hearing", "hearing_date": hearing}, TODAY)
    assert ("hearing_soon" in reasons) is urgent


def test_check_in_is_named_as_such():
    slots = {"situation": "removal", "removal_stage": "check_in", "hearing_date": "2026-12-01"}
    assert urgency.assess(slots, TODAY) == ["checkin_soon"]


def test_removal_order_alone_is_not_urgent_but_agents_present_are():
    # Changed on purpose (product owner): a removal order is urgent only with a sign that
    # removal is near, which comes from the visitor's words (text_signals -> extra).
    assert urgency.assess({"removal_stage": "removal_order"}, TODAY) == []
    slots = {"situation": "removal", "removal_stage": "removal_order"}
    extra = urgency.text_signals("they are deporting him tomorrow")
    assert urgency.assess(slots, TODAY, extra=extra) == ["removal_imminent"]
    assert urgency.assess({"ice_present_now": True}, TODAY) == ["ice_present_now"]
    assert urgency.assess({"situation": "family"}, TODAY) == []


def test_reasons_come_in_reasons_order():
    assert list(urgency.REASONS)[-1] == "deadline_soon"
    extra = ["deadline_soon", "removal_imminent", "ice_present_now"]
    assert urgency.assess({"situation": "detention"}, TODAY, extra=extra) == [
        "detained_now", "ice_present_now", "removal_imminent", "deadline_soon",
    ]
    said = "ICE is outside my house right now. They are deporting my husband tomorrow and my BIA appeal is due friday"
    assert urgency.text_signals(said) == ["ice_present_now", "removal_imminent", "deadline_soon"]


def test_every_reason_has_a_plain_label():
    assert all(label and label[0].isupper() for label in urgency.REASONS.values())


@pytest.mark.parametrize(
    "text, reasons",
    [
        ("ICE is at my door right now", ["ice_present_now"]),
        ("there are immigration agents outside my house", ["ice_present_now"]),
        ("they are deporting him tomorrow", ["removal_imminent"]),
        ("I got a letter from ICE saying to come in with a suitcase, what does that mean", ["removal_imminent"]),
        # asked whether they are still there, after a raid a while ago: not known to be at hand
        ("hubo un raid en la warehouse hace rato, todavia estaran ahi?", []),
        ("ICE is still outside my house", ["ice_present_now"]),
        ("my husband got pulled over and now he has an ICE hold at the county jail", []),
        ("my son got pulled over outside springdale and now hes at the benton county jail, they say ice put a hold", []),
        ("esta en la carcel del condado y la migra le puso un hold", []),
        ("what are my rights if ICE comes", []),
        ("I want to apply for citizenship", []),
        ("", []),
    ],
)
def test_text_signals(text, reasons):
    assert urgency.text_signals(text) == reasons


# --- deadline_soon -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my 1 year deadline for asylum is next week",
        "my one-year asylum deadline is coming up",
        "my 1yr deadline is in 3 days",
        "my asylim dealine is next week",  # typos
        "tommorow is my dedline for the appeal",
        "my BIA appeal deadline is friday",
        "I have to file my appeal to the BIA by friday",
        "file the BIA appeal within 2 days",
        "petition for review deadline is in 5 days",
        "we got a Notice of Inspection from ICE, they gave us 3 business days",
        "we got an I-9 audit notice",
        "my employer got an NOI from ICE for I-9s",
        "RFE due friday",
        "my rfe response is due tmrw",
        "I have 3 days to respond to the RFE",
        "Need to submit evidence by monday",
        "I have until friday to file",
        "the deadline is tomorrow",
        "dead line next wk",
        "the deadline is in 14 days",
        "my TPS re-registration period ends in 10 days and i havent sent anything",
        "el periodo de re-registro del tps se cierra en 5 dias",
        "I've been here almost a year and want to apply for asylum",
        # Spanish
        "mi fecha limite para el asilo es la proxima semana",
        "fecha límite mañana",
        "el plazo vence el lunes",
        "el plazo es de 10 dias",
        "se me vence el plazo para pedir asilo la otra semana",
        "tengo hasta el viernes para apelar",
        "tengo 3 dias para responder",
        "quedan 2 dias para la fecha limite",
        "tengo que mandar los papeles antes del viernes",
        "el lunes es el último día para apelar",
        "recibimos un aviso de inspeccion de ICE",
        # an E-Verify mismatch to fix within days; a child aging out of SIJS
        "E-Verify said no match, they gave me 8 days to fix it",
        "my son turns 21 in 10 days and we need to file SIJS before that",
    ],
)
def test_deadline_soon(text):
    assert "deadline_soon" in urgency.text_signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is the deadline to apply for asylum?",
        "the deadline is in 20 days",
        "I have 30 days to appeal",
        "the deadline was yesterday",
        "the deadline passed last friday",
        "my baby is due next week",
        "my wife is due tomorrow",
        "rent is due friday",
        "due to covid I missed my appointment",
        "I received an RFE today",
        "the judge denied my case today and I want to appeal",
        "how do I fill out the I-9",
        "I need help today",
        "my court date is next week",  # a hearing: hearing_soon comes from the date slot, not this
        "the TPS registration period ended last year, can i still apply",
        "the re-registration window opens in march",
        # Spanish
        "el plazo es de 30 dias",
        "quiero pagar a plazos",
        "a largo plazo quiero la residencia",
        "¿cuál es el plazo para pedir asilo?",
        "mi audiencia es el viernes",
        "they gave me 30 days to fix it",
        "my daughter turns 21 in march",
    ],
)
def test_not_deadline_soon(text):
    assert "deadline_soon" not in urgency.text_signals(text)


@pytest.mark.parametrize(
    "text, soon", [("my deadline is dec 3", True), ("the RFE is due december 12", True), ("my deadline is december 30", False)]
)
def test_deadline_on_a_calendar_date(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, TODAY)) is soon


def test_calendar_date_needs_today():
    assert urgency.text_signals("my deadline is dec 3") == []  # without today only relative times count


# --- removal_imminent ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "they are deporting him tomorrow",
        "they're deporting him tomorrow",
        "they r deportin him tmrw",
        "they're putting him on a plane",
        "my husband got a bag and baggage letter",
        "bag & baggage letter came",
        "he has to report for removal on monday",
        "his removal is scheduled",
        "ICE said his deportation flight is on tuesday",
        "my brother is being deported",
        "they are about to deport my husband",
        # Spanish
        "lo van a deportar mañana",
        "lo van a deportar manana",
        "deportan a mi esposo mañana",
        "ya lo van a deportar",
        "lo subieron al avion",
        "tiene que presentarse para su deportacion el lunes",
    ],
)
def test_removal_imminent(text):
    assert "removal_imminent" in urgency.text_signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "I have a removal order",
        "I have a removal order and my hearing is next week",
        "I'm scared of being deported",
        "my hearing is tomorrow and I'm afraid of being deported",
        "can they deport me tomorrow?",
        "he was deported last year",
        "my mom is on a plane to visit",
        "tengo una orden de deportacion",
        "tengo miedo de que me deporten",
    ],
)
def test_not_removal_imminent(text):
    assert "removal_imminent" not in urgency.text_signals(text)


# --- agents present now, and where -----------------------------------------------------


@pytest.mark.parametrize(
    "text, place",
    [
        ("ICE is at my door right now", "home"),
        ("ICE AT MY DOOR", "home"),
        ("ICE at my house rn", "home"),
        ("ice agents r outside my apt", "home"),
        ("agents outside my house right now", "home"),
        ("ICE agents knocking on my door", "home"),
        ("someone is knocking and I think its ICE", "home"),
        ("ICE came to my house and they're still outside", "home"),
        ("my husband was sleeping and ICE is at the door now", "home"),
        ("they're here", "other"),
        ("ICE is here", "other"),
        ("omg they're outside", "home"),
        ("raid at my job right now", "work"),
        ("ICE just showed up at my job", "work"),
        ("ICE agents are outside my job should I run?", "work"),
        ("I'm at work and ICE is here", "work"),
        ("ICE is following me", "street"),
        ("ice is pulling me over", "street"),
        ("ice officers at the school right now", "other"),
        # Spanish
        ("la migra esta afuera", "home"),
        ("la migra está tocando la puerta", "home"),
        ("migra en la puerta!!", "home"),
        ("hay migra afuera de mi casa", "home"),
        ("inmigracion esta afuera de mi casa ahora mismo", "home"),
        ("en mi casa esta la migra", "home"),
        ("están tocando la puerta", "home"),
        ("ayuda ya estan aqui", "other"),
        ("hay agentes de inmigración en mi trabajo", "work"),
        ("redada en mi trabajo", "work"),
        ("hay una redada en mi trabajo ahorita", "work"),
        ("la migra anda en mi trabajo", "work"),
        # agents described, not named; "they" doing what only agents do; someone hiding now
        ("two guys in vests with a warrant are at the door asking for my son", "home"),
        ("someone from DHS keeps ringing the bell", "home"),
        ("they pulled me over on the freeway, jackets say ICE, im still sitting here", "street"),
        ("men in plain clothes in the lobby of my job asking for the list of workers", "work"),
        ("they came inside the warehouse, my cousin is hiding in the freezer", "work"),
        ("they are checking everybody's papers at the station", "other"),
        ("hay 3 trocas sin placas enfrente de mi casa y un señor con chaleco", "home"),
        ("me pararon unos agentes en la calle y sigo aqui con ellos", "street"),
        ("los de migracion estan en el campo donde trabajo, estan juntando a la gente", "work"),
        ("Federal agents are at our packing facility right now with a warrant", "work"),
        # since this morning, and still there
        ("ICE is outside my house since this morning", "home"),
        ("la migra esta afuera de mi casa desde esta manana", "home"),
        # an arrest beside agents still at hand
        ("la migra esta afuera de la casa, ya agarro a mi vecino", "home"),
        # next door, watching, or "they" outside in a van, said now
        ("theyre at my neighbors door right now, 2 agents in ICE jackets", "home"),
        ("there are agents parked across the street since 6am watching our house", "street"),
        ("ahorita estan afuera en una camioneta blanca", "home"),
        ("en san diego, y ahorita estan afuera tocando, no hemos abierto", "home"),
        ("omg 3 trucks just pulled up outside right now and they are coming in", "home"),
        # stopped by agents and still at the roadside
        ("nos pararon en el reten de la migra y estamos en el carro, el agente se llevo las licencias", "street"),
        ("ICE left a card on the door and they are still outside", "home"),
        # still "out there", seen through the peephole
        ("they have ICE on their jackets i can see thru the peephole, theyre still out there", "home"),
        ("ICE came to the door and theyre still out front", "home"),
        # "they" in the next sentence are the agents just named; standing by the fence is at home
        ("can ICE come into my backyard? theyre standing by my fence right now talking to my landlord", "home"),
        # just came in, and the visitor hiding from them
        ("La migra acaba de entrar a la empacadora donde trabajo, estoy encerrado en el baño, ¿salgo o me quedo?", "work"),
    ],
)
def test_agents_present_now(text, place):
    assert "ice_present_now" in urgency.text_signals(text)
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize(
    "text",
    [
        "I work with ICE",
        "my husband works for ICE",
        "I'm a contractor at an ICE facility",
        "ICE agent friend",
        "my friend is an ICE agent",
        "my cousin is an ICE officer",
        "ICE was at my door last week",
        "ice officers were outside my house this morning",
        "ICE came to my house yesterday",
        "ICE raided my job last week",
        "what are my rights if ICE comes",
        "what do i do if ICE is at my door",
        "what should I do when ICE comes to my work",
        "I'm at the ICE office right now for my check in",
        "my husband is at an ICE facility now",
        "ICE took my husband in chicago this morning",
        "I have an immigration question right now",
        "ICE is in my neighborhood",
        "there's ice on the road and court is tomorrow",
        "they are here legally",
        "police officers are outside my house",  # not immigration agents: the ICE home text would not fit
        "the agents left",
        # Spanish
        "mi esposo trabaja para la migra",
        "mi vecino es agente de ICE",
        "la migra vino a mi casa ayer",
        "si la migra viene a mi casa que hago",
        "cuando la migra llega a tu casa que hago",
        # a threat to call them, a check-in, what happened and ended, a question about them
        "my ex is outside yelling that he will call ICE on me",
        "mi patron dice que me va a reportar a la migra, estoy escondida en el cuarto",
        "estamos en la casa de mi prima, el señor dijo que si hablamos nos echa a la migra",
        "my boyfriend is at the door screaming he will get me deported",
        "my ICE check in is this friday at the office downtown",
        "ICE stopped me last month at a gas station",
        "immigration stopped my truck, asked for id and let me go",
        "an officer from immigration keeps calling asking about my neighbor",
        "the agents were outside my building this morning",
        "my little girl is alone in the apartment since ICE took her mom",
        "mi hija esta sola en la casa porque a su mama se la llevo la migra",
        # a sighting told, with no sign they are still there
        "i saw ICE at the home depot parking lot this morning, can they ask me for papers?",
        "ppl on facebook saying ICE in the walmart parking lot this morning, should we stay home",
        "ice talked with the manager last week",
        "ICE agents were across from my house yesterday",
        "ICE was watching our house last week",
        "my cousins pulled up in 2 cars for the party",
        "ahora estan afuera jugando los niños",
        # someone held by agents, in a room or an office
        "border patrol still has my uncle in the back office at the crossing, he sounds so scared",
        # where an arrest happened, told in the past
        "a mi hermano lo detuvo ICE el lunes afuera de su casa, esta en el condado",
    ],
)
def test_not_agents_present_now(text):
    assert "ice_present_now" not in urgency.text_signals(text)
    assert urgency.live_emergency(text) is None


@pytest.fixture(scope="module")
def firm():
    return load_firm(firm_profile_path())


def _texts(says, language="en"):
    return [render(name, values, language) for name, values in says]


#: Friday 2026-11-27, 10:00 and 22:00 in Chicago: the office open, and closed.
OPEN = datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
CLOSED = datetime(2026, 11, 28, 4, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("language", ["en", "es"])
def test_detained_visitor_gets_locator_and_firm_phone(firm, language):
    messages = _texts(resources.messages_for(["detained_now"], firm, now=OPEN), language)
    text = " ".join(messages)
    assert "locator.ice.gov" in text and "1-888-351-4024" in text and "1-800-203-7001" in text
    assert firm.phone_display in messages[-1]
    assert firm.resources_checked in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_after_hours_the_locator_still_comes_first_then_the_on_call_line(firm, language):
    says = resources.messages_for(["detained_now"], firm, now=CLOSED)
    assert [name for name, _ in says][-2:] == ["utter_urgent_call_on_call", "utter_on_call_will_be_alerted"]
    messages = _texts(says, language)
    assert "locator.ice.gov" in messages[0] and "(312) 555-0199" in messages[-2]


def test_agents_at_door_get_know_your_rights(firm):
    text = " ".join(_texts(resources.messages_for(["ice_present_now"], firm)))
    assert "signed by a judge" in text and "silent" in text
    assert resources.messages_for(["ice_present_now"], firm, place="home", now=OPEN) == resources.messages_for(["ice_present_now"], firm, now=OPEN)


def test_agents_at_door_get_know_your_rights_in_spanish(firm):
    text = " ".join(_texts(resources.messages_for(["ice_present_now"], firm), "es"))
    assert "firmada por un juez" in text and "guardar silencio" in text and "no tiene que abrir la puerta" in text


def test_workplace_raid_gets_workplace_rights(firm):
    messages = _texts(resources.messages_for(["ice_present_now"], firm, place=urgency.live_emergency("raid at my job right now"), now=OPEN))
    rights = messages[0]
    assert "Do not run" in rights or "do not run" in rights
    for words in ("Stay calm", "silent", "refuse to sign anything", "false papers", "lawyer"):
        assert words in rights
    assert "open the door" not in rights and "I-200" not in rights
    assert firm.phone_display in messages[-1]


@pytest.mark.parametrize("place", ["street", "other", None, "somewhere new"])
def test_rights_text_for_other_places(firm, place):
    rights = _texts(resources.messages_for(["ice_present_now"], firm, place=place))[0]
    assert "silent" in rights and "sign anything" in rights
    if place == "street":
        assert "do not run" in rights and "free to leave" in rights
    else:
        assert "open the door" in rights  # unknown: the home text, as before


def test_deadline_soon_says_act_now_and_gives_the_firm(firm):
    messages = _texts(resources.messages_for(["deadline_soon"], firm, now=OPEN))
    assert len(messages) == 2
    assert "deadline" in messages[0] and "can end the chance to apply or appeal" in messages[0]
    assert "lawyer right away" in messages[0]
    assert firm.phone_display in messages[-1]


def test_every_reason_gets_something_beyond_the_phone(firm):
    for code in urgency.REASONS:
        assert len(resources.messages_for([code], firm)) >= 2, code


@pytest.mark.parametrize("language", ["en", "es"])
def test_hearing_soon_gets_eoir(firm, language):
    text = " ".join(_texts(resources.messages_for(["hearing_soon"], firm), language))
    assert "acis.eoir.justice.gov" in text and "1-800-898-7180" in text


def test_nothing_urgent_nothing_said(firm):
    assert resources.messages_for([], firm) == []


@pytest.mark.parametrize(
    "text, urgent",
    [("judge gave me voluntary departure and i have to leave by next week", True),
     ("i got voluntary departure 2 years ago", False)],
)
def test_a_voluntary_departure_date_within_days_is_a_deadline(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 2))) is urgent


@pytest.mark.parametrize(
    "text, soon",
    [
        ("USCIS denied me 20 days ago. The letter says I have 30 days to request a hearing.", True),
        ("BIA dismissed my appeal, the letter is dated 25 days ago. only 30 days to go to the court of appeals?", True),
        ("judge gave me voluntary departure, i have to leave in 45 days, its been 40", True),
        ("laid off 50 days ago, my 60 day grace period ends in 10 days", True),
        ("I have 30 days to appeal, got the decision yesterday", False),  # 29 days left
        ("I was denied 2 years ago, had 30 days to appeal", False),
        ("the letter gives me 30 days to appeal, i got it 3 weeks ago", True),
        ("we had 30 days to appeal and that was 6 weeks ago", False),
        ("my wife came 20 days ago, she has a 30 day visa", False),  # not a filing window
    ],
)
def test_a_window_that_closes_within_days(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, TODAY)) is soon


@pytest.mark.parametrize(
    "text",
    [
        "got a letter from ICE saying i have to report on the 11th with my bags, one suitcase",
        "me llego una carta que me tengo que presentar con mi maleta el lunes",
        "the officer said to come back to the ICE office on friday with one suitcase",
    ],
)
def test_report_with_luggage_is_removal_imminent(text):
    assert "removal_imminent" in urgency.text_signals(text, TODAY)


@pytest.mark.parametrize("text", ["we go to the airport with our bags tomorrow", "come to my house with your bags"])
def test_bags_without_ice_are_not_a_removal(text):
    assert "removal_imminent" not in urgency.text_signals(text, TODAY)


@pytest.mark.parametrize(
    "text, not_now",
    [
        ("What are my rights if ICE comes to my house? I want to be prepared.", True),
        ("ice was in our apartment complex yesterday took 2 neighbors", True),
        ("ICE agents came to my restaurant with a warrant and arrested one cook. They left.", True),
        ("our members are afraid immigration agents will come to the Sunday service", True),
        ("ayer unos agentes me pararon en la parada del bus", True),
        ("saw ice trucks by the school this morning, is it safe to pick up my kids", True),
        ("la migra nos paró ayer en el reten", True),
        # the agents as the ones who took someone, where they did it
        ("my boyfriend got arrested by ice at his job on tuesday, they have him in the county jail", True),
        ("ICE is at my door right now", False),
        ("theres 2 ice cars parked outside our house for like an hour", False),
        ("i want to know my rights", False),  # no agents mentioned: ask
    ],
)
def test_agents_not_here_now(text, not_now):
    assert urgency.agents_not_here_now(text) is not_now


def test_agents_vehicles_outside_are_a_live_emergency():
    assert urgency.live_emergency("theres 2 ice cars parked outside our house, my parents are hiding") == "home"
    assert urgency.live_emergency("hay una camioneta de la migra afuera de mi casa") == "home"
    # still on the visitor's street
    assert urgency.live_emergency("the ICE trucks are still at the end of our street, they grabbed the guy next door") == "street"
    assert urgency.live_emergency("las trocas de la migra siguen en la esquina") == "street"
    assert urgency.live_emergency("los de ICE siguen estacionados en la esquina, ya van dos horas") == "street"
    assert urgency.live_emergency("two vans just pulled up in front of the laundromat where i work, guys in vests getting out") == "work"
    assert urgency.live_emergency("theyre parked outside still, 2 black suvs. they knocked at 6 and we didnt open") == "home"
    # an appointment at their office is not agents at hand
    assert urgency.live_emergency("mi esposo tiene cita con ICE este viernes en la oficina de Chicago y dicen que lo pueden detener") is None
    assert urgency.live_emergency("im at my check in and ICE agents are in the lobby now taking people") == "other"
    assert urgency.live_emergency("tengo que ir a firmar a ICE pasado mañana y tengo miedo, en la oficina de Santa Ana") is None
    assert urgency.live_emergency("the ICE trucks were on our street last week") is None


@pytest.mark.parametrize(
    "text, place",
    [("they are arresting my brother in front of me right now", "other"), ("estan arrestando a mi papa ahorita", "other"),
     ("they arrested my husband last week", None), ("the police are arresting a man on tv right now", None)],
)
def test_an_arrest_happening_now_is_a_live_emergency(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize(
    "text", ["a man called saying he is from ICE, pay 1500 in gift cards today or they will deport me",
             "me llamaron que les tengo que pagar hoy o me deportan"],
)
def test_a_threat_to_deport_unless_paid_is_not_a_scheduled_removal(text):
    assert "removal_imminent" not in urgency.text_signals(text, TODAY)


# Written from the places agents come to (home, work, street), not from any evaluation set.
@pytest.mark.parametrize(
    "text, place",
    [
        ("ICE is at my door", "home"), ("there are immigration agents outside my house right now", "home"),
        ("la migra esta en mi trabajo", "work"), ("agents are raiding the factory where i work", "work"),
        ("ice just came into the restaurant", "work"), ("hay agentes de inmigracion afuera de mi casa", "home"),
        ("immigration officers are in the lobby of my building asking for me", "home"),
        ("border patrol pulled me over right now", "street"), ("agents surrounded our house", "home"),
        ("la migra esta tocando la puerta", "home"), ("border patrol pulled me over last year", None),
        ("ice came into my job last week", None),
    ],
)
def test_agents_at_hand_now_and_where_they_are(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text, urgent", [
    ("The judge denied my asylum 3 weeks ago and ordered deportation, my lawyer disappeared", True),  # BIA appeal in ~9 days
    ("the BIA dismissed my appeal almost 3 weeks ago and my lawyer doesnt answer", True),  # petition for review
    ("el juez me nego el asilo hace 3 semanas", True),
    ("the judge denied my asylum 2 days ago", False),  # 28 days left: not within 14
    ("the judge denied my case 2 months ago", False),  # the window has passed
    ("i got a removal order 3 years ago", False),
    # the time since, said as time gone by
    ("the BIA letter came saying they dismissed my appeal and its been almost a month", True),
    ("la BIA nego la apelacion, ya van 3 semanas", True),
    ("the judge denied my asylum, its been 2 months", False),
    # an order made because court was missed is reopened by a motion, not appealed in 30 days
    ("i got an order of removal because i missed court, the judge ordered me deported like 3 weeks ago", False),
    ("me dieron deportacion en la corte porque no fui a la audiencia, hace 3 semanas", False),
])
def test_a_judges_or_the_bias_decision_opens_a_30_day_window(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 3))) is urgent


# --- deadlines counted from a day said in the past --------------------------------

@pytest.mark.parametrize("text, urgent", [
    ("el juez me nego el asilo el 13 de noviembre y quiero apelar", True),  # 30 days: closes Dec 13
    ("la BIA nos nego la apelacion el 12 de noviembre", True),
    ("the judge denied my case on october 1", False),  # the window has closed
    ("judge denied my asylum yesterday", False),  # 29 days left: not yet within 14
    ("llegue el 12 de diciembre del año pasado y todavia no pido asilo", True),  # one year on Dec 12
    ("i came here dec 10 2025 and want to apply for asylum", True),
    ("llegue hace 2 anos y quiero asilo", False),
])
def test_a_window_counted_from_a_day_said(text, urgent):
    today = date(2026, 12, 3)
    assert ("deadline_soon" in urgency.text_signals(text, today)) is urgent


@pytest.mark.parametrize("text, place", [
    ("espere ahorita tocaron la puerta y dicen q son de ICE, q hago", "home"),
    ("en la obra donde trabajo llego la migra hace una hora, todavia estan ahi", "work"),
    ("si siguen afuera, no les abri", "home"),
    ("the agents are still outside", "home"),
    ("ICE knocked on my door last week", None),
    ("my husband is still there in detention", None),
    ("siguen ahi en el centro de detencion mis hermanos", None),
    ("mis papas todavia estan alla en mexico", None),
])
def test_agents_still_there_or_knocking_just_now(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text, urgent", [
    ("my one year for asylum is in 10 days help", True),
    ("next week is 1 year exactly since i came and i didnt file for asylum", True),
    ("i have one year to apply for asylum, i came in march", False),
    ("my asylum interview was cancelled one year ago, is it next week now?", False),
    # asylum in one sentence, the year since arrival in another
    ("there is a one year limit to ask for asylum. next wednesday makes exactly one year since I arrived", True),
    ("quiero pedir asilo. el martes que viene se cumple un año desde que llegue", True),
    ("I already applied for asylum. next week is one year since I arrived", False),
])
def test_the_asylum_year_said_as_time_from_now(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 3))) is urgent


def test_agents_at_the_driveway_are_at_home():
    assert urgency.live_emergency("hay agentes de la migra en la entrada de mi casa") == "home"


@pytest.mark.parametrize("text, imminent", [
    ("I have a removal order from 2015, ICE called me yesterday and told me to come to the office on monday with my passport", True),
    ("tengo orden de deportacion y me llamaron de ICE, me dijeron que lleve mi pasaporte el lunes", True),
    ("they told my friend to bring his passport and they detained him", False),
])
def test_called_in_with_a_passport_is_removal_near(text, imminent):
    assert ("removal_imminent" in urgency.text_signals(text, date(2026, 12, 3))) is imminent


@pytest.mark.parametrize(
    "text, present",
    [
        ("There are 3 unmarked cars outside my house since 6am and men in vests, they haven't knocked yet", True),
        ("yes they are still parked outside", True),
        ("there were unmarked cars outside my house last week", False),
        ("there are men in vests that say POLICE at the door but i think they are ice", True),
        ("hay unos hombres en la puerta, creo que son de la migra", True),
        ("some men came to my house last week asking for my husband, i think ICE", False),
    ],
)
def test_agents_waiting_at_the_home_not_named_first(text, present):
    assert ("ice_present_now" in urgency.text_signals(text, date(2026, 12, 3))) is present


def test_asylum_year_closing_said_with_the_day_of_arrival_in_a_long_message():
    said = ("hi i came from venezuela last december the 9 and a friend told me asylum has to be in one year?? "
            "that is next week i didnt file nothing yet")
    assert "deadline_soon" in urgency.text_signals(said, date(2026, 12, 3))


@pytest.mark.parametrize(
    "text, named",
    [("ICE is outside", True), ("two men in vests with a warrant", True),
     ("they are lining people up at the farm", True), ("they came in the kitchen and i locked myself in the bathroom", True),
     ("they are still outside with a bat", False), ("someone is knocking", False),
     ("they grabbed my neighbor and theyre still going door to door in our building", True),
     ("andan tocando puerta por puerta en los apartamentos", True), ("the jehovah witnesses came to my door", False)],
)
def test_agents_named_or_a_raid_only_they_make(text, named):
    assert urgency.agents_named(text) is named


@pytest.mark.parametrize("text, place", [
    ("wait they are coming to my door NOW", "home"),
    ("vienen a mi casa ahorita", "home"),
    ("im worried they come here", None),
    ("what if they are coming to my door", None),
    # there since a time, seen there now, sweeping: still at hand
    ("there's been a black car with 2 guys in vests sitting at the end of our block since 7 this morning", "street"),
    ("ICE has been outside since 6am", "home"),
    ("la migra lleva desde las 6 estacionada afuera", "home"),
    # someone else waiting, and someone held since a day: no agents at hand
    ("my husband has been waiting outside the ice office since 8", None),
    ("he has been detained since monday", None),
    ("theres a black SUV with 3 guys in vests at the end of our driveway, they just asked my son his name", "home"),
    ("hay 2 hombres con chalecos afuera de la casa", "home"),
    ("there were 2 guys in vests outside yesterday", None),
    ("there is a man with a gun outside", None),
    ("desde temprano hay carros de la migra dando vueltas en la cuadra y ya tocaron en dos casas", "other"),
    ("ayer habia carros de la migra dando vueltas", None),
    ("there are ICE agents going door to door in our trailer park right now", "home"),
    ("hay una patrulla de ICE parada en la calle de mi casa desde hace una hora y no se van", "street"),
    ("ayer hubo una patrulla de ICE parada en la esquina", None),
    ("saw on tiktok that ICE is gonna start going door to door in our city next month?? is that real", None),
])
def test_agents_coming_to_the_door_now_are_at_hand(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize(
    "text, urgent",
    [("we got an RFE for the I-130 and it has to be back by next friday", True),
     ("me llegó una carta que tengo hasta el 14 de diciembre para mandar pruebas de mi TPS", True),
     # a filing date past, or more than 14 days away
     ("my green card application was sent before december 1", False),
     ("i need to file my I-589 before december 20", False)],
)
def test_a_filing_due_by_a_day_or_a_date(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 4))) is urgent


def test_a_letter_to_bring_luggage_to_ice_is_removal_imminent():
    assert "removal_imminent" in urgency.text_signals("got a letter saying bring luggage to ICE on the 10th", date(2026, 12, 4))


@pytest.mark.parametrize("text", [
    "two men in ICE vests sitting in a car across from our house since 7am, my wife wont go out",
    "ice is in the back with the supervisor rn, im in the bathroom",
    "la migra esta con el encargado ahorita",
])
def test_agents_across_the_street_or_with_the_manager_now(text):
    assert "ice_present_now" in urgency.text_signals(text)


@pytest.mark.parametrize("text", [
    "we got a notice of inspection from ICE at my restaurant, they want the I-9s by wednesday",
    "got a letter from immigration at my house today",
    "me llego una carta de inmigracion a la casa",
])
def test_a_paper_from_ice_is_not_agents_at_hand(text):
    assert "ice_present_now" not in urgency.text_signals(text)


@pytest.mark.parametrize("text, imminent", [
    ("the officer told me shes on the flight tomorrow morning", True),
    ("they said hes getting flown out friday", True),
    ("me dijeron que mañana lo mandan pa guatemala", True),
    ("i am on the flight tomorrow to see my mom", False),
    ("mañana lo mandan a la escuela", False),
    ("we fly out back home next month", False),
])
def test_a_removal_flight_said_plainly(text, imminent):
    assert ("removal_imminent" in urgency.text_signals(text)) is imminent


_SAT = date(2026, 12, 5)


@pytest.mark.parametrize("text, reasons", [
    # agents who came and left are not at hand
    ("ICE came to my building this morning knocking on doors. They knocked on mine too but I didn't open. They left. Will they come back??", []),
    ("ice is outside. they left the car and are knocking", ["ice_present_now"]),
    ("ICE is outside my house. they left with my husband", ["ice_present_now"]),
    # a bag-and-baggage letter however it is said, and a departure ordered within days
    ("they gave me paper to come with my bags to ice office jan 19, they will deport me?", ["removal_imminent"]),
    ("my dad has a removal order and ice told him buy a plane ticket and leave by friday or they will come get him", ["removal_imminent"]),
    ("can i go with my bags on the plane to mexico", []),
    # a window counted from the date of the letter
    ("my citizenship got denied. the letter says i have 30 days to file appeal N-336. the letter is dated november 10", ["deadline_soon"]),
    ("my asylum was denied, i have 30 days to appeal, the decision came november 20", []),
    # a status that expires within days
    ("my 2 year green card expires dec 15 and im divorced now", ["deadline_soon"]),
    ("mi permiso de trabajo se vence el 10 de diciembre", ["deadline_soon"]),
    ("my passport expires next week, can i renew my green card", []),
    ("my work permit expires in march, i already filed the renewal", []),
])
def test_urgency_read_in_the_words(text, reasons):
    assert urgency.text_signals(text, _SAT) == reasons


@pytest.mark.parametrize("text", [
    "Hello. I am from Ukraine, came with U4U program, my parole expires soon. I live in Spokane.",
    "im a daca recipient, my renewal expires may 2027 and i want to file early this time",
    "tengo TPS de venezuela, mi work permit expires pronto",
])
def test_a_status_that_expires_with_no_near_day_is_not_urgent(text):
    assert "deadline_soon" not in urgency.text_signals(text, _SAT)


@pytest.mark.parametrize("text, reasons", [
    ("hay unos agents de ICE en el parking del trabajo right now, no nos dejan salir", ["ice_present_now"]),
    ("We're a staffing company and want an internal I-9 audit done sometime in the next few months. No notice from anyone.", []),
    ("we got a notice of inspection for our I-9s", ["deadline_soon"]),
    # an audit that is over is compliance work, not a deadline
    ("We had an I-9 audit earlier this year and already responded to the notice of suspect documents.", []),
    ("the i-9 audit is closed, we paid a small fine", []),
])
def test_agents_in_a_parking_lot_and_audits_with_no_notice(text, reasons):
    assert urgency.text_signals(text, _SAT) == reasons


@pytest.mark.parametrize("text, reasons", [
    ("my tps registration closes next friday", ["deadline_soon"]),
    ("my parole ends next week", ["deadline_soon"]),
    ("tps for my country ends in a week, what do i do", ["deadline_soon"]),
    ("tengo que mandar la solicitud de asilo antes del 15", ["deadline_soon"]),
    ("i must leave the country by the 14th or i will overstay", ["deadline_soon"]),
    ("my one year in the us is on december 12 and i havent applied for asylum", ["deadline_soon"]),
    ("me llego una carta de USCIS pidiendo mas evidencia de mi caso de asilo y hay q mandarla en 10 dias", ["deadline_soon"]),
    ("i have to send the evidence in 3 months", []),
    # a window with the weeks gone said after it
    ("the judge denied my case, the paper says i have 30 days to appeal and its been about 3 weeks already", ["deadline_soon"]),
    ("tengo 30 dias para apelar y ya pasaron 3 semanas", ["deadline_soon"]),
    # the asylum year closing, told in another sentence than the asylum
    ("i came in on a tourist visa almost a year ago, my year here is up soon. i want to apply for asylum", ["deadline_soon"]),
    ("i have been here almost a year. my asylum case is pending", []),
    ("the store closes tomorrow, i need to send papers", []),
    ("my hearing ends at 5 tomorrow", []),
    ("i came one year ago and want asylum", []),
])
def test_humanitarian_deadlines_said_other_ways(text, reasons):
    assert urgency.text_signals(text, _SAT) == reasons


def test_the_asylum_year_counted_from_an_arrival_said_in_months_and_weeks():
    # 11 months and 3 weeks before Saturday, December 5, 2026 is December 15, 2025: ten days left
    text = "llegue hace 11 meses y 3 semanas y quiero pedir asilo"
    assert "deadline_soon" in urgency.text_signals(text, date(2026, 12, 5))
    assert "deadline_soon" not in urgency.text_signals("llegue hace 11 meses y quiero pedir asilo", date(2026, 12, 5))


@pytest.mark.parametrize("text", [
    "a mi hijo lo detuvo ICE en el trabajo, esta en pearsall",
    "my boyfriend got arrested by ice at his job on tuesday",
    # earlier this week, foretold, or only their card at the door
    "ice was in my apartment complex this week knocking on doors, they didnt come to mine",
    "my boss said ICE might do a raid at the farm next week, what do we do?",
    "dejaron una tarjeta de ICE en la puerta diciendo q llame a un agente, tengo q llamar?",
])
def test_where_agents_took_someone_is_not_agents_there_now(text):
    assert urgency.live_emergency(text) is None


@pytest.mark.parametrize("text, place", [
    # agents described (vests, ERO) at a loading dock, asking for people by name: at work now
    ("there r like 4 guys in green vests by the loading dock asking for ppl by name, one has ERO on his back", "work"),
    # "homeland" for the agency; the entrance of the factory is work, not home
    ("están en la entrada de la fábrica revisando a todos los que salen, dicen que son de homeland. yo sigo adentro", "work"),
    ("la migra esta en la entrada de la casa", "home"),
    ("ICE was at the loading dock last week asking for people", None),
    ("my cousin works for homeland security, can he help?", None),
])
def test_agents_at_a_workplace_entrance_or_dock_now(text, place):
    assert urgency.live_emergency(text) == place


def test_an_appeal_window_with_its_decision_weeks_back_is_closing():
    today = date(2026, 12, 5)
    text = "BIA denied my appeal. the decision is dated like 3 weeks back. i read i only get 30 days to take it to the next court"
    assert "deadline_soon" in urgency.text_signals(text, today)
    assert urgency.text_signals("she gave us 30 days to appeal and that was like 10 days ago", today) == []


def test_followed_by_an_immigration_truck_is_agents_at_hand_on_the_street():
    text = "vamos en la troca con mi compadre y nos viene siguiendo una camioneta de migracion con las luces prendidas"
    assert urgency.live_emergency(text) == "street"


@pytest.mark.parametrize("text, place", [
    ("ICE was in the building last night and they are knocking now", "home"),
    ("ice was in my complex this week knocking on doors", None),
])
def test_knocking_told_as_going_on_is_now_whatever_came_before(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text", ["la migra vino a la casa el martes", "agents were at my work on monday asking for papers"])
def test_agents_told_as_come_and_gone_are_not_here_now(text):
    assert urgency.agents_not_here_now(text) and urgency.live_emergency(text) is None


@pytest.mark.parametrize("text, urgent", [
    ("tengo deportacion de hace como 12 anos, pero mi hijo cumple 21 pronto y quiero saber si me puede ayudar", False),
    ("my son turns 21 soon", False),
    ("my son turns 21 in 10 days", True),
    ("mi hijo cumple 21 el viernes y no hemos mandado la peticion", True),
])
def test_an_age_out_is_a_deadline_only_with_a_time_within_days(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 5))) is urgent


@pytest.mark.parametrize("text, back", [
    ("wait they are back, 2 trucks outside my building right now", True),
    ("ya volvieron, estan afuera ahorita", True),
    ("they are back from vacation now", False),
    ("they came back last week", False),
])
def test_agents_back_now_in_a_story_of_agents(text, back):
    assert urgency.agents_back_now(text) is back


def test_agents_who_came_minutes_ago_and_are_asking_for_id_are_at_hand():
    text = "immigration agents came into our restaurant 20 minutes ago and are asking everybody for id, im in the kitchen"
    assert urgency.live_emergency(text) == "work"
    assert urgency.live_emergency("immigration agents came into our restaurant yesterday and were asking everybody for id") is None


@pytest.mark.parametrize("text, place", [
    ("my boss said ice is going to come do a raid at our farm next week. what should we do?", None),  # foretold
    ("i have to check in with ICE every 3 months, pero i heard they detaining people at the office now", None),  # news
    ("dicen q la migra esta en el walmart ahorita", None),
    ("i heard ice is outside my building right now", "home"),  # news of the visitor's own building: at hand
])
def test_a_raid_foretold_or_agents_heard_of_are_not_at_hand(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text", ["the restaurant in durham, theyre in the dining room right now talking to my boss",
                                  "estan en la cocina ahorita"])
def test_agents_said_to_be_in_a_room_now_in_a_story_of_agents(text):
    assert urgency.agents_back_now(text)


@pytest.mark.parametrize("text, soon", [
    ("I entered the US one year ago next friday and I haven't filed for asylum", True),
    ("Can I keep employing someone whose work permit expires next week? Small business owner, she filed the renewal", False),
    ("my work permit expires next week", True),
    ("I have DACA and my renewal is due soon, I live in Dallas", False),  # no day said
    ("my brief is due friday", True),
])
def test_deadlines_said_with_and_without_their_day(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 5))) is soon


def test_agents_back_now_count_as_agents_here_only_in_a_story_of_agents():
    text = "wait they are back, 2 trucks outside my building right now"
    assert urgency.signals_in_story(text, date(2026, 12, 5), "enforcement") == ["ice_present_now"]
    assert urgency.signals_in_story(text, date(2026, 12, 5), "family") == []


@pytest.mark.parametrize("text, place", [
    ("they locked the doors at the warehouse and theres agents everywhere lining people up, im in the bathroom typing this", "work"),
    ("estoy working inside the walmart y hay 2 trucks de ICE right at the entrance, some agents are walking in, que hago", "work"),
    ("an ice officer stopped me walking to the 7 train and asked where im from, i just kept walking. was that ok?", None),
    ("yesterday they were lining people up at the plant", None),
    ("ice just stopped me on the street", "street"),
])
def test_agents_at_hand_now_and_where(text, place):
    assert urgency.live_emergency(text) == place


def test_where_the_agents_are_for_the_rights_text():
    story = "Agents with ICE jackets just walked into our kitchen asking for the manager, that's me"
    assert urgency.live_emergency(story) == "work"
    assert urgency.agents_place("they're in the dining room now talking to my owner", story) == "work"
    assert urgency.agents_place("yes", story) == "work"
    assert urgency.agents_place("yes", "") is None
    assert urgency.agents_place("they are knocking at my door", story) == "home"


@pytest.mark.parametrize("text, place", [
    ("ICE is here at the restaurant", "work"), ("la migra esta aqui en el restaurante", "work"),
    ("ICE is here in chicago arresting people everywhere this week", None),
])
def test_agents_here_at_a_place(text, place):
    assert urgency.live_emergency(text) == place


def test_an_appeal_window_said_in_spanglish():
    text = "the judge me nego el asilo hace like 3 weeks, me dijeron q tengo 30 dias pa la appeal, todavia se puede?"
    assert urgency.signals_in_story(text, date(2026, 12, 5), "removal") == ["deadline_soon"]


@pytest.mark.parametrize("text", [
    "hola buenas noches, yo llegué a este pais hace once meses y tres semanas y me dijeron que tengo un año para pedir asilo",
    "I arrived on a student visa last year and I'm afraid to go back to Russia. my one year since arriving is next week. "
    "do i still have time to ask for asylum?",
    "quiero pedir asilo pero me dicen que solo tengo un año, y me faltan como 8 dias para cumplir el año aqui",  # "como 8 dias"
])
def test_the_asylum_year_closing_said_in_words(text):
    assert urgency.text_signals(text, date(2026, 12, 5)) == ["deadline_soon"]


def test_a_passport_asked_for_the_next_visit_months_away_is_not_imminent():
    today = date(2026, 12, 5)
    assert urgency.text_signals("the officer told me to bring my passport next time. next time is in 2 months", today) == []
    assert urgency.text_signals("the officer told me to bring my passport next time, next time is monday", today) == ["removal_imminent"]
    # told to come again weeks away, and days away
    assert urgency.text_signals("me dijeron en la oficina que me presente otra vez en 3 semanas con mi pasaporte", today) == []
    assert urgency.text_signals("me dijeron que me presente otra vez el viernes con mi pasaporte", today) == ["removal_imminent"]
    assert urgency.text_signals("I report to ICE next month, me dijeron que traiga mi pasaporte, is that bad??", today) == []
    assert urgency.text_signals("I report to ICE on friday, they told me to bring my passport", today) == ["removal_imminent"]


@pytest.mark.parametrize("text, place", [
    ("ICE llego al job site ahorita, estan agarrando a todos, yo me meti a la troca, q hago stay o me voy?", "work"),
    ("ayer la migra llego a la obra y se llevo a 3", None),
])
def test_agents_just_arrived_said_in_spanish(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text", ["ICE just left my apartment, they asked for my roommate", "la migra ya se fue",
                                  "they took my husband and left"])
def test_agents_just_gone_are_not_there_now(text):
    assert urgency.agents_not_here_now(text)


def test_agents_at_a_relatives_house_written_with_an_apostrophe_are_at_a_home():
    text = "la migra is at my cousin's house right now, she's calling me crying, i'm driving there. do they need a warrant??"
    assert urgency.live_emergency(text) == "home"


@pytest.mark.parametrize("story, urgent", [
    ("i need to file asylum before my one year deadline, can you do it fast?", True),
    ("my TPS renewal", False),  # not asylum: no one-year deadline to read
])
def test_the_asylum_year_said_apart_from_the_asylum_counts_where_asylum_is_the_matter(story, urgent):
    signals = urgency.signals_in_story("my one year is in 10 days, is that enough time??", date(2026, 12, 6), "humanitarian", story)
    assert ("deadline_soon" in signals) is urgent
    assert "deadline_soon" not in urgency.signals_in_story("my one year is in 6 months", date(2026, 12, 6), "humanitarian", story)


@pytest.mark.parametrize("text", [
    "oye so ICE agents estan parked outside my job since like an hour ago, que hago, do i leave or stay inside??",
    "two ICE trucks are parked outside our building for about an hour",
])
def test_agents_parked_there_since_a_while_are_there_now(text):
    assert urgency.live_emergency(text) is not None and not urgency.agents_not_here_now(text)


@pytest.mark.parametrize("text, place", [
    ("¿qué derechos tengo si me para la migra en la calle?", None),  # "si", if: a question of rights
    ("si, la migra esta afuera ahorita", "home"),  # "si", yes
    ("me para la migra en la calle ahorita", "street"),
])
def test_si_as_if_is_not_agents_at_hand(text, place):
    assert urgency.live_emergency(text) == place


def test_agents_in_the_parking_lot_in_colombian_spanish_are_at_hand():
    assert urgency.live_emergency("estan los de inmigracion en el parqueadero de mi trabajo ahorita, yo estoy adentro") is not None


@pytest.mark.parametrize("text, imminent", [
    ("Mi papa tiene deportation order y ICE le dijo que compre su boleto para irse en 10 dias. Estamos en Tampa", True),
    ("they told him buy a plane ticket to leave in 5 days", True),
    ("compramos boletos para ir de vacaciones en 10 dias", False),
    ("he has to buy a ticket to leave in 3 months", False),
])
def test_told_to_buy_a_ticket_and_leave_within_days_is_removal_imminent(text, imminent):
    assert ("removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))) is imminent


@pytest.mark.parametrize("text, soon", [
    ("today is like day 360 since i came here, is it too late to file for asylum?", True),
    ("llevo 355 dias aqui y quiero pedir asilo", True),
    ("day 200 since i came, asylum?", False),
])
def test_days_since_arriving_close_to_a_year_are_the_asylum_deadline(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 6))) is soon


@pytest.mark.parametrize("text, at_hand", [
    ("hay dos camionetas de inmigracion enfrente", True),
    ("las camionetas de la migra estan enfrente", True),
    ("there are two ice trucks in front", True),
    ("ice trucks out front", True),
    ("ice was out front yesterday", False),  # there, told as past
    ("hay una oficina de migracion enfrente de mi trabajo", False),  # an office across the street, no agents
])
def test_agents_in_front_said_without_whose_house(text, at_hand):
    assert urgency.agents_at_hand(text) is at_hand


@pytest.mark.parametrize("text, at_hand", [
    ("vinieron los de ice al rancho donde trabajo preguntando por papeles, ya no hay nadie aqui ahorita", False),
    ("ice came to my job asking for papers, nobody here now", False),
    ("la migra sigue afuera ahorita, ya no hay nadie en la calle", True),  # still there: the street is empty of others
])
def test_agents_who_came_and_nobody_there_now_are_not_at_hand(text, at_hand):
    assert urgency.agents_at_hand(text) is at_hand


@pytest.mark.parametrize("text, at_hand", [
    ("la migra anda en el parque de trailas, se llevaron al vecino y creo que todavia andan dando vueltas", True),
    ("la migra anda dando vueltas por la colonia", True),
    ("la migra anduvo en la colonia el sabado", False),  # there, last Saturday
    ("heard ice is in the neighborhood", False),  # news heard, not at hand
])
def test_agents_going_around_the_neighbourhood(text, at_hand):
    assert urgency.agents_at_hand(text) is at_hand


@pytest.mark.parametrize("text, at_hand", [
    ("theres been a black suv outside my building since 6am, two guys just watching. my neighbor says its ICE looking for someone", True),
    ("theres been a black suv outside my building since 6am. i dont know who they are", False),  # no agents named
    ("there was a car outside since 6am yesterday. my neighbor says its ICE", False),  # there yesterday
])
def test_people_waiting_outside_said_in_another_sentence_to_be_agents(text, at_hand):
    assert urgency.agents_at_hand(text) is at_hand


@pytest.mark.parametrize("text, place", [
    ("estan haciendo redada en la planta de pollo donde trabajo, estoy escondida en el baño, que hago", "work"),
    ("hubo redada en la planta de pollo ayer", None),
    ("Hicieron una redada en la planta y yo corrí, ahora me da miedo volver", None),  # a raid told as over
])
def test_a_raid_going_on_at_the_plant(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text, now", [
    # agents seen there often, and said not to be there now in a sentence of their own
    ("ICE is parked across the street from my job every morning this week. not there right now. what are my rights?", False),
    ("la migra se para enfrente de mi trabajo todas las mañanas. ahorita no estan", False),
    # someone else not there is no word on the agents
    ("ICE is outside my house right now. my husband is not there right now", True),
])
def test_agents_said_not_to_be_there_now(text, now):
    assert ("ice_present_now" in urgency.text_signals(text, TODAY)) is now
    assert urgency.agents_not_here_now(text) is not now


def test_a_decision_two_and_a_half_weeks_ago_leaves_days_to_appeal():
    text = "the judge denied my asylum like two and a half weeks ago and i want to appeal, how long do i have"
    assert "deadline_soon" in urgency.text_signals(text, date(2026, 12, 6))
    assert "deadline_soon" not in urgency.text_signals("the judge denied my asylum like two and a half months ago", date(2026, 12, 6))


@pytest.mark.parametrize("text, now", [
    # checkpoints around the area are news of agents, not agents at hand
    ("hay retenes de migra en la carretera por aqui, puedo manejar a mi trabajo o q hago?", False),
    ("hay agentes de la migra aqui en la entrada del trabajo", True),
])
def test_agents_around_here_are_not_at_hand(text, now):
    assert ("ice_present_now" in urgency.text_signals(text, TODAY)) is now


def test_agents_still_at_the_workplace_are_at_hand_whoever_went_home():
    text = "they raided my job, took some coworkers, i ran out, im at home now and they're still at the plant i think"
    assert "ice_present_now" in urgency.text_signals(text, TODAY)
    assert "ice_present_now" not in urgency.text_signals("my coworkers are still at the plant working", TODAY)


@pytest.mark.parametrize("text, before", [
    ("ayer vinieron a la casa buscando a mi esposo, el no estaba, dejaron una tarjeta para que los llame", True),
    ("they came to my door last week asking for my son", True),
    ("they came yesterday and now they are back outside", False),
    ("they are at my door right now, they came yesterday too", False),
    # their coming only supposed: "if they come" is no visit
    ("my neighbor got taken last week and im scared, what are my rights if they come", False),
    ("se llevaron a mi vecino la semana pasada, que hago si vienen", False),
])
def test_agents_unnamed_who_came_on_an_earlier_day(text, before):
    assert urgency.came_before(text) is before


@pytest.mark.parametrize("text, soon", [
    # signs that a removal is days away
    ("my brothers deportation officer called and said hes flying to guatemala tomorrow", True),
    ("handed him a paper saying report monday with passport. he got deported order years ago", True),
    ("his travel documents from the embassy came in and he needs to come in tuesday. final order from 2019", True),
    ("my son is flying to mexico tomorrow for vacation", False),
    # relief named after removal is no removal
    ("the immigration judge denied my cancellation of removal on friday. we have 30 days to appeal", False),
])
def test_signs_that_a_removal_is_days_away(text, soon):
    assert ("removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))) is soon


@pytest.mark.parametrize("text, soon", [
    ("got a letter from the BIA, they dismissed my appeal. decision is dated november 16. what now?", True),
    ("got a letter from the BIA, they dismissed my appeal. decision is dated october 16.", False),
])
def test_a_decision_dated_in_a_sentence_of_its_own(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 6))) is soon


@pytest.mark.parametrize("text, now", [
    ("theres guys w/ ICE on their backs walking thru our kitchen rn, manager told everyone stay where you are", True),
    ("theres like 10 trucks at the farm gate checking everybody's id, green uniforms and some say ICE. my husband is inside", True),
    ("ICE was checking everybody's papers at the plant last week", False),
    ("what should i do if ICE is checking everybody's id at work?", False),
])
def test_agents_going_through_a_place_or_checking_papers_now(text, now):
    assert ("ice_present_now" in urgency.text_signals(text, TODAY)) is now


def test_put_on_a_bus_to_the_border_tonight_is_a_removal_days_away():
    text = "my nephew said they're putting him on a bus to the border tonight. he's been locked up since october"
    assert "removal_imminent" in urgency.text_signals(text, TODAY)


@pytest.mark.parametrize("text, imminent", [
    # what a removal needs, asked for by the officer
    ("my husband got a call from a ICE officer asking him to bring his passport to the office", True),
    ("the officer told my husband to go to the consulado and get his travel document, he has 7 days", True),
    ("la migra le dijo que traiga su pasaporte y un boleto de avion", True),
    ("i need to get my passport renewed for a trip", False),
    # an order, and agents who came for the person
    ("ayer vinieron los de ICE buscando a mi husband, el tiene orden de deportacion from years ago", True),
    ("ICE came looking for him last week, he has a removal order from 2015", True),
    ("he has a deportation order from 2009 and nobody ever came", False),
    ("ICE came looking for my neighbor yesterday", False),  # no order told: agents around, not a removal
])
def test_a_removal_under_way_said_indirectly(text, imminent):
    assert ("removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))) is imminent


def test_someone_held_now_is_not_agents_at_hand():
    text = ("pues fijese q a mi señora se la llevo la migra el martes en la mañana afuera de la escuela de los niños, "
            "y ahorita esta en el centro de broward")
    assert urgency.live_emergency(text) is None
    assert urgency.live_emergency("la migra esta afuera de mi casa ahorita") == "home"


@pytest.mark.parametrize("text", [
    "the man from ICE said they are coming to get him if he doesnt turn himself in by wednesday",
    "the deportation officer asked where is his passport, said they are making his travel papers",
    "ICE keeps calling my moms phone, she has an old order",
    "ICE came to the house this morning looking for my brother, el tiene deportacion",
])
def test_more_removals_under_way_said_indirectly(text):
    assert "removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))


@pytest.mark.parametrize("text", [
    # hearsay of agents looking for everyone with an order: not for this person
    "hace 10 años un juez me dio deportacion, nunca me han buscado. mi vecina dice q ahora andan buscando a todos los q tienen orden",
    # the passport asked for, the next appointment a month away
    "En mi última firma con ICE me dijeron que saque mi pasaporte de Guatemala, mi próxima cita es en un mes.",
])
def test_a_removal_only_feared_or_weeks_away_is_not_imminent(text):
    assert "removal_imminent" not in urgency.text_signals(text, date(2026, 12, 6))


def test_a_decision_said_plainly_weeks_ago_closes_the_appeal_window():
    text = "the judge already said deport at my hearing like 3 weeks ago and my lawyer never filed nothing. can i still appeal?"
    assert urgency.text_signals(text, date(2026, 12, 6)) == ["deadline_soon"]
    assert urgency.text_signals("the judge gave me deportation 10 years ago", date(2026, 12, 6)) == []


def test_someone_the_agents_still_have_is_held_not_agents_at_hand():
    text = "my husband got stopped by border patrol at the checkpoint near falfurrias 2 days ago and they still have him"
    assert urgency.live_emergency(text) is None
    assert urgency.live_emergency("border patrol stopped us at the checkpoint right now and they are asking for papers") is not None


def test_reporting_oneself_to_immigration_is_no_threat():
    assert not urgency.threat_to_call_agents("el jueves tengo q ir a reportarme a migracion")
    assert urgency.threat_to_call_agents("dice que me va a reportar a migracion")


@pytest.mark.parametrize("text", [
    "espera espera they're knocking again RIGHT NOW, what do I say?",
    "oh god they are outside right now",
])
def test_agents_at_the_door_now_after_a_word_of_alarm(text):
    assert "ice_present_now" in urgency.text_signals(text, date(2026, 12, 6))


def test_told_to_buy_a_ticket_to_leave_within_days_is_a_removal_at_hand():
    text = "tengo orden de deportación y en mi cita me dijeron que tengo que comprar boleto para irme en 10 días"
    assert "removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))


@pytest.mark.parametrize("text, reasons", [
    # told of by a friend: not at hand
    ("my friend said they are arresting people at check ins. should I be worried?", []),
    ("my wife just called, she said ICE is outside our house right now", ["ice_present_now"]),
    # a caller demanding money in ICE's name: a scam, nothing urgent
    ("me llamó un señor diciendo que es de ICE y que si no le deposito 2 mil dólares hoy me deportan mañana. es real??", []),
    # the passport asked for, the next check-in a month away
    ("my check in with ICE is next month. last time they told me to bring my passport", []),
    ("my check in is tomorrow and they told me to bring my passport", ["removal_imminent"]),
])
def test_urgency_told_of_or_far_off(text, reasons):
    assert urgency.text_signals(text, date(2026, 12, 6)) == reasons


@pytest.mark.parametrize("text, imminent", [
    ("they moved my son last night and the officer told him his flight is tonight", True),
    ("ICE dice que su vuelo sale mañana", True),
    ("my flight is tomorrow, can i travel with my green card", False),  # the visitor's own trip
])
def test_a_removal_flight_named_is_imminent(text, imminent):
    assert ("removal_imminent" in urgency.text_signals(text, date(2026, 12, 5))) is imminent


@pytest.mark.parametrize("text, place", [
    ("hay unos señores con chaleco q dice POLICE ICE en el porche de mi casa, mis hijos estan adentro conmigo, no les he abierto", "home"),
    ("two guys in ICE vests on our porch right now", "home"),
    ("ICE estuvo en el porche ayer", None),
])
def test_agents_on_the_porch(text, place):
    assert urgency.live_emergency(text) == place


def test_an_officer_who_left_a_message_about_an_old_order_is_enforcement_contact():
    text = ("an ICE officer left me a voicemail today saying to call him back about my case. "
            "i have a deportation order from a long time ago")
    assert "removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))
    assert urgency.text_signals("i have an old order, i called ICE to ask about it", date(2026, 12, 6)) == []


def test_a_question_asked_just_in_case_says_agents_are_not_there():
    assert urgency.agents_not_here_now("qué derechos tengo si llega inmigración a mi trabajo? pregunto por si acaso, no ha pasado nada")


def test_an_i9_inspection_answered_last_month_is_no_deadline():
    text = "We had an I-9 inspection last month and already turned everything in. Now we're just waiting."
    assert urgency.text_signals(text, date(2026, 12, 6)) == []
    assert "deadline_soon" in urgency.text_signals("we got a notice of inspection, we have 3 business days to give the I-9s",
                                                   date(2026, 12, 6))


def test_a_call_from_ice_that_sets_a_day_weeks_away_is_not_imminent():
    text = ("I've had a deportation order for like 10 years and nothing happened. Then yesterday ICE called me and said "
            "to come to their office in 3 weeks. Why now?")
    assert "removal_imminent" not in urgency.text_signals(text, date(2026, 12, 6))


def test_agents_where_the_visitor_works_now_are_at_work_and_a_past_raid_at_a_building_site_is_not():
    assert urgency.live_emergency("están los de inmigración en la construcción donde trabajo, ahora mismo") == "work"
    assert urgency.live_emergency("they pickearon a mi novio en un raid en la construccion el viernes, lo tienen en el jail") is None


def test_a_removal_already_carried_out_is_not_imminent():
    assert "removal_imminent" not in urgency.text_signals("ayer detuvieron a mi hermano y hoy ya lo deportaron a México, ¿se puede hacer algo?")
    assert "removal_imminent" in urgency.text_signals("lo van a deportar mañana")
    assert "removal_imminent" in urgency.text_signals("my brother got deported today and they are deporting my dad tomorrow")


@pytest.mark.parametrize("text, urgent", [
    ("i need to file an appeal to the BIA, the judge denied me, how much time do i have", True),
    ("el juez me dio salida voluntaria y no sé si me alcanza el tiempo", True),
    # long past: the window is gone, nothing to mark
    ("the judge denied my asylum 2 years ago, how much time do i have", False),
    # the time left not asked
    ("the judge denied my case, what now", False),
    # the Board's denial, and what is left asked: the petition for review's 30 days have just begun
    ("the BIA denied my appeal, is there anything else i can do?", True),
    ("la BIA nego la apelacion, hay algo mas que podamos hacer", True),
    ("the BIA denied my appeal 3 years ago, is there anything else i can do?", False),
])
def test_a_decision_just_come_with_its_time_left_asked_is_a_deadline(text, urgent):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 6))) is urgent


def test_the_days_before_a_ticket_to_leave_make_removal_imminent():
    text = "they let my son out last night pero ICE says he has to come back in 5 days with a plane ticket to leave the country"
    assert "removal_imminent" in urgency.text_signals(text)


def test_someone_taken_in_a_raid_told_as_done_is_no_agents_at_hand():
    assert urgency.live_emergency("they took my brother in the raid at the meatpacking plant on monday, hes in the county jail") is None
    assert urgency.live_emergency("there is a raid at the plant right now, they took my brother in the raid") == "work"


def test_an_old_order_and_a_call_from_an_officer_today_is_urgent():
    text = "mi tío tiene una orden de deportación vieja, de hace como 10 años, y hoy lo llamó un officer de ICE diciendo que se presente"
    assert "removal_imminent" in urgency.text_signals(text, date(2026, 12, 6))
    assert urgency.text_signals("i have an old deportation order from 2010 and nobody ever called me", date(2026, 12, 6)) == []


@pytest.mark.parametrize("text", [
    "I have a removal order from when I was a kid and just got a letter from ICE",
    "tengo orden de deportacion y me llego una carta de migracion",
])
def test_an_order_and_a_letter_from_ice_just_come_is_enforcement_contact(text):
    assert urgency.text_signals(text, TODAY) == ["removal_imminent"]


def test_an_old_order_and_a_letter_with_no_order_are_not_urgent():
    assert urgency.text_signals("I have a removal order from 2010, never had contact with ice", TODAY) == []
    assert urgency.text_signals("just got a letter from ICE for my check in", TODAY) == []


@pytest.mark.parametrize("text", [
    "hola, necesito ayuda con mi TPS renewal, tengo la fecha límite muy cerca",
    "necesito pedir asilo, se me vence el plazo del año",
    "I want asylum, my one year deadline is coming up",
])
def test_a_deadline_said_to_be_near_is_urgent(text):
    assert urgency.text_signals(text, TODAY) == ["deadline_soon"]


def test_a_question_about_a_deadline_is_not_one():
    assert urgency.text_signals("what is the deadline for asylum?", TODAY) == []


def test_arrests_told_as_hearsay_of_a_check_in_office_are_no_agents_here():
    text = "el lunes me toca ir a firmar con inmigración y mi comadre dice que ahí están agarrando a la gente"
    assert "ice_present_now" not in urgency.text_signals(text, date(2026, 12, 7))
    assert "ice_present_now" in urgency.text_signals("la migra esta aqui afuera y estan agarrando a la gente", date(2026, 12, 7))


@pytest.mark.parametrize("text, urgent", [
    ("llegue hace once meses y medio y quiero pedir asilo, me dijeron que hay un plazo de un año", True),
    ("we came eleven and a half months ago, i want to ask for asylum", True),
    ("llegue hace seis meses y medio y quiero pedir asilo", False),
    ("el juez me dio salida voluntaria y tengo que salir en 60 dias, ya me quedan como 10, vivo en oxnard", True),
    ("tengo que salir en 60 dias por la salida voluntaria, ya me quedan como 40", False),
])
def test_a_deadline_counted_roughly(text, urgent):
    assert ("deadline_soon" in urgency.signals_in_story(text, date(2026, 12, 7), "removal", None)) is urgent


@pytest.mark.parametrize("text, urgent", [
    ("el juez me nego el asilo y me dijeron que puedo apelar, cuanto cobran por eso?", True),
    ("the judge denied my case and my old lawyer stopped answering, I think I have 30 days to appeal", True),
    ("got my removal order today, judge denied everything. i have 30 days to appeal", False),
    ("the judge denied my case years ago, can i still appeal", False),
])
def test_a_decision_told_with_its_appeal_open_and_no_day(text, urgent):
    assert ("deadline_soon" in urgency.signals_in_story(text, date(2026, 12, 7), "removal", None)) is urgent


@pytest.mark.parametrize("text, urgent", [
    ("ya me dieron salida voluntaria, the judge gave me 60 dias, y ya pasaron como 50, no tengo el boleto ni nada", True),
    ("vivo en sioux falls, me dieron deportacion en la corte y quiero apelar", True),
    ("me dieron deportacion hace 5 años en la corte y quiero apelar", False),
])
def test_a_window_given_and_an_appeal_wanted(text, urgent):
    assert ("deadline_soon" in urgency.signals_in_story(text, date(2026, 12, 7), "removal", None)) is urgent


def test_a_decision_of_yesterday_with_the_time_asked_has_its_thirty_days_ahead():
    told = "ayer el juez le negó el asilo a mi mamá y le dio deportación. ella no está detenida. tenemos que apelar? cuánto tiempo hay?"
    assert "deadline_soon" not in urgency.signals_in_story(told, date(2026, 12, 7), "removal", None)
    assert "deadline_soon" in urgency.signals_in_story("the judge denied me, how much time do i have", date(2026, 12, 7), "removal", None)


@pytest.mark.parametrize("text, reasons", [
    # a day said with the decision is counted, not read as just come
    ("the judge denied my asylum last tuesday. i want to appeal. how long do i have?", []),
    # an order made two weeks ago is when, not a removal to come; its appeal window has 16 days left
    ("judge ordered me removed two weeks ago today. my lawyer says we should appeal to the BIA. how much time is left?", []),
    # "about a month ago": the 30 days have run out
    ("el juez me nego el caso hace como un mes y no apele porque no tenia money, ya se me paso todo?", []),
    ("USCIS sent me an N-14 for my citizenship application, they want my tax transcripts in 12 days", ["deadline_soon"]),
    ("tengo TPS y me dicen que el periodo para re-registrar se cierra en 10 días", ["deadline_soon"]),
    ("el juez me dio salida voluntaria de 60 días y ya pasaron 50", ["deadline_soon"]),
    ("my citizenship application was denied about 3 weeks ago. i want to appeal. is there time?", ["deadline_soon"]),  # N-336
    ("necesito pedir asilo urgente, llegué hace un año menos diez días", ["deadline_soon"]),
    ("my dad has a final order y ayer en su check in ICE le dijo que compre boleto and bring it in 30 days", ["removal_imminent"]),
    # an audit months ago, and a fine with 30 days from last week: no days-away deadline said
    ("hace meses hicieron auditoría de los I-9 y la semana pasada llegó una multa, dice que tengo 30 días para contestar", []),
])
def test_deadlines_and_removals_near_their_lines(text, reasons):
    assert urgency.text_signals(text, date(2026, 12, 7)) == reasons


@pytest.mark.parametrize("text, reasons", [
    ("la junta de apelaciones me negó la apelación hace tres semanas, ¿todavía puedo hacer algo?", ["deadline_soon"]),
    ("mi esposo me acaba de hablar, dice que la migra está en la granja de hongos donde trabaja, ahorita", ["ice_present_now"]),
])
def test_spanish_near_the_lines(text, reasons):
    assert urgency.text_signals(text, date(2026, 12, 7)) == reasons


@pytest.mark.parametrize("text, soon", [
    ("My son needs to file asylum, he got here 11 months ago this week so his one year is coming", False),
    ("he got here 11 months ago this week and his one year is coming", False),
    ("i need to file my asylum this week, i got here a year ago", True),
    ("next week is 1 year exactly since i came, i need asylum", True),
])
def test_the_week_of_a_time_ago_is_no_deadline_to_come(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 7))) is soon


@pytest.mark.parametrize("text, soon", [
    ("hang on, ICE just called her cell and said she has to come to the office TOMORROW with her monitor, what is that", True),
    ("me llamo el oficial de ICE que me presente en la oficina el lunes", True),
    ("ICE called me and said to come to their office in 3 weeks", False),
    ("El oficial de inmigración me dio una fecha para presentarme en 6 semanas en la oficina. Vivo en Las Vegas.", False),
])
def test_ice_calling_someone_to_its_office_within_days_is_a_check_in_soon(text, soon):
    signals = urgency.text_signals(text, date(2026, 12, 7))
    assert ("checkin_soon" in signals) is soon and "ice_present_now" not in signals


def test_agents_back_said_in_short_sentences():
    assert urgency.agents_back_now("theyre back. right now. in the parking lot, 4 trucks, im in the bathroom")


def test_agents_back_at_the_door_in_a_detention_story_are_at_hand():
    text = "wait they just came back!! theres 3 of them at the door asking for my dad now, what do i do do i open"
    assert "ice_present_now" in urgency.signals_in_story(text, date(2026, 12, 7), "detention")


@pytest.mark.parametrize("text", [
    "i came to the US one year ago next week, i crossed at the border and they let me go. i never filed asylum because i didnt have money",
    "me llegó una RFE para la petición de mi esposo y la tengo que contestar en 10 días, no entiendo qué documentos piden",
])
def test_a_deadline_within_days_said_in_everyday_words(text):
    assert "deadline_soon" in urgency.text_signals(text, date(2026, 12, 7))


def test_an_abuser_threatening_to_report_to_immigration_is_no_agents_at_hand():
    text = "el me pego anoche y me dijo que si hablo con un abogado me denuncia a migracion, ahorita estoy escondida con mis niños"
    assert urgency.threat_to_call_agents(text) and "ice_present_now" not in urgency.text_signals(text, date(2026, 12, 7))


@pytest.mark.parametrize("text, at_hand", [
    ("vi a ICE en el barrio hoy, parked en la esquina del store", False),  # seen about the area
    ("vi a la migra en la esquina de mi casa", True),
    ("vi a la migra en el barrio, estan afuera", True),
])
def test_agents_seen_about_the_area_are_not_at_hand(text, at_hand):
    assert urgency.agents_at_hand(text) is at_hand


@pytest.mark.parametrize("text, reasons", [
    ("my ICE check in is the end of next month, the officer said bring my passport. is that bad??", []),  # not days away
    ("my ICE check in is next tuesday, the officer said bring my passport", ["removal_imminent"]),
])
def test_a_passport_asked_for_a_check_in_weeks_away_is_not_imminent(text, reasons):
    assert urgency.text_signals(text, date(2026, 12, 7)) == reasons


@pytest.mark.parametrize("text", [
    "people in the facebook group saying ICE trucks driving around our neighborhood all day, is it true? what do we do",
    "mi comadre me mando mensaje que ICE esta en la tienda de la esquina, yo estoy en mi casa",
    "mi comadre me acaba de mandar mensaje que la migra esta en la tienda mexicana de la 5, yo ando en la casa",
])
def test_news_of_agents_elsewhere_is_not_agents_at_hand(text):
    assert "ice_present_now" not in urgency.text_signals(text, date(2026, 12, 7))


def test_news_of_agents_at_the_visitors_own_building_is_at_hand():
    assert urgency.text_signals("my neighbor texted me that ICE is at our building right now", date(2026, 12, 7)) == ["ice_present_now"]


@pytest.mark.parametrize("text, soon", [
    ("nos llego la decision de la BIA hace como 3 semanas, nos negaron la apelacion", True),  # 9 days of 30 left
    ("nos llego la decision de la BIA hace como 3 meses, nos negaron la apelacion", False),
])
def test_the_boards_decision_said_with_when_it_came(text, soon):
    assert ("deadline_soon" in urgency.text_signals(text, date(2026, 12, 7))) is soon


@pytest.mark.parametrize("text, place", [
    ("mi esposa se tiene que presentar con inmigracion el lunes en la oficina de santa ana, y si la dejan detenida que hago", None),
    ("tengo corte mañana y la migra esta en mi puerta", "home"),
])
def test_an_appointment_at_the_office_is_not_agents_at_hand(text, place):
    assert urgency.live_emergency(text) == place


@pytest.mark.parametrize("text", [
    "my brother just texted me that immigration is at his warehouse in indianapolis right now. im in cincinnati",
    "mi compañero me mando mensaje que migracion esta en la obra ahorita mismo, yo voy llegando, me regreso??",
    "la vecina me acaba de mandar mensaje que la migra esta tocando puertas en el edificio, ya van en el piso de abajo",
])
def test_news_passed_on_of_agents_at_a_home_or_a_job_is_at_hand(text):
    assert "ice_present_now" in urgency.text_signals(text, date(2026, 12, 7))


def test_someone_taken_in_a_raid_is_not_a_raid_feared():
    text = "they took my sister in a raid yesterday and her 3 kids have been alone in the apartment since then"
    assert urgency.taken_in_raid(text)
    assert interruptions.situation_beside_crisis([], "child", text) != "enforcement"


@pytest.mark.parametrize("text, signals", [
    # news relayed by a message, of agents at a store, the visitor at home: not at hand
    ("my friend texted me que la migra is at the home depot on 183, should i go to work today or not", []),
    ("una amiga me mando whatsapp que la migra esta en la tienda mexicana ahorita, yo estoy en mi casa, es seguro salir?", []),
    # hiding now while they take people at work
    ("estoy escondido en el baño de la planta, entro la migra a la pollera hace rato y estan agarrando gente", ["ice_present_now"]),
    # arrived at a traffic stop, here now
    ("nos paro la policia en la carretera y llamaron a la migra y ya llegaron, estan aqui atras de la troca", ["ice_present_now"]),
    # children here with the visitor are no agents
    ("mis hijos, estan aqui conmigo y tengo miedo de la migra", []),
    # someone still held after a raid weeks ago is no raid now
    ("my dad was picked up in the raid at the chicken plant 3 weeks ago and we still cant get him out", []),
    # an employer's own audit, nothing from ICE
    ("we are a small landscaping company and want to do our own I-9 audit before anything happens. nothing from ice yet", []),
    # an old order and a day to report weeks away: not imminent
    ("Tengo una orden de deportación de hace como 10 años y ahora me llegó una carta de ICE para presentarme en 3 semanas", []),
    ("Tengo una orden de deportación vieja y me llegó una carta de ICE para presentarme el jueves", ["removal_imminent"]),
])
def test_urgency_read_from_everyday_words(text, signals):
    assert urgency.signals_in_story(text, date(2026, 12, 8), None, None) == signals


@pytest.mark.parametrize("text", ["hoy a las 6 de la mañana tocaron la puerta unos de ICE, no abrimos. ya no estan.",
                                  "ICE knocked at 6am. they're gone now!"])
def test_agents_said_to_be_gone_are_not_here_now(text):
    assert urgency.agents_not_here_now(text)


@pytest.mark.parametrize("text, signals", [
    ("llegue hace casi un año y no he pedido asilo, se me cumple el año en 3 semanas. todavia puedo?", []),
    ("llegue hace casi un año y no he pedido asilo, se me cumple el año en 5 dias", ["deadline_soon"]),
    ("soy de HR en una planta de carne en omaha y ahorita mismo estan aqui agentes de ICE con un warrant", ["ice_present_now"]),
])
def test_the_asylum_year_and_agents_here_said_in_spanish(text, signals):
    assert urgency.signals_in_story(text, date(2026, 12, 8), None, None) == signals


@pytest.mark.parametrize("text", [
    # hid then, not hiding now
    "ayer en la mañana vino la migra a la planta donde trabajo y se llevaron a varios, yo me escondi en el baño. hoy no fui",
    # a question about what is said
    "¿es cierto que ahora estan deteniendo a la gente en las citas?",
    # seen on social media, at a local store, time unknown
    "vi en facebook q andaba la migra en el walmart de aqui, no se si fue hoy o cuando, cuales son mis derechos si me paran",
    # a friend texting of a store, the visitor at home
    "my friend is texting me ICE is at the walmart, im home, should i go get my kids from school or stay inside",
])
def test_agents_told_of_elsewhere_or_earlier_are_not_at_hand(text):
    assert "ice_present_now" not in urgency.signals_in_story(text, date(2026, 12, 8), None, None)
