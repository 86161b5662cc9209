"""Reading the situation from the classifier's ranking and the visitor's words (bot.situations)."""
import pytest

from bot import situations


def _ranking(**weights):
    return [{"name": f"situation_{name}", "confidence": weight} for name, weight in weights.items()]


@pytest.mark.parametrize(
    "text",
    ["I have an immigration case and need a lawyer", "i got a letter from immigration, need help",
     "need a lawyer for immigration", "hola necesito ayuda con un caso de inmigración",
     "i dont know who to talk to, its about my sister", "my husband got a letter and we dont understand",
     "me llego una carta de inmigracion y no entiendo que dice", "quick question about mi cuñado"],
)
def test_a_plea_for_help_that_says_no_matter_is_asked_about(text):
    assert situations.vague(text)
    assert situations.from_ranking(_ranking(other=0.7, removal=0.1), text) is None


@pytest.mark.parametrize("text", ["what are your office hours", "question about my husband visa", "do you do translations"])
def test_a_message_with_a_subject_is_not_vague(text):
    assert not situations.vague(text)


def test_other_only_a_little_above_a_category_gives_the_category():
    ranking = _ranking(other=0.398, family=0.358, employment=0.07)
    assert situations.from_ranking(ranking, "My mom's green card application got denied") == "family"


def test_other_well_above_stays_other():
    ranking = _ranking(other=0.63, family=0.107)
    assert situations.from_ranking(ranking, "going to mexico for a funeral, can i come back with my green card") == "other"


@pytest.mark.parametrize("text, read", [
    # "stay" as in staying abroad is no open case; a stay of removal is
    ("I'm flying to Nigeria next week for my mom's funeral and I might stay like 8 months. I have a green card. Is that a problem?", "other"),
    ("can I ask for a stay of removal, my husband has a final order", "removal"),
])
def test_a_stay_of_removal_is_an_open_case_and_staying_abroad_is_not(text, read):
    assert situations.from_ranking(_ranking(other=0.86, removal=0.03), text) == read


@pytest.mark.parametrize("text", [
    "my fingerprint appointment for the green card through my husband is monday, can i bring my baby",
    "la entrevista de la residencia por medio de mi esposa es en enero, que llevo",
    "mi papa me pidio hace 5 años, ya tengo cita de huellas",
])
def test_a_step_of_a_family_petition_read_as_other_is_family(text):
    assert situations.from_ranking(_ranking(other=0.9, family=0.05), text) == "family"


@pytest.mark.parametrize("ranking, text", [
    (_ranking(other=0.5, family=0.3), "got a question on my husbands green card"),
    (_ranking(other=0.4, family=0.1), "mis papas estan en honduras y quiero traerlos"),
    (_ranking(humanitarian=0.4, other=0.3, family=0.1), "need help with my wife's visa pls"),
])
def test_a_relatives_papers_are_family(ranking, text):
    assert situations.from_ranking(ranking, text) == "family"


@pytest.mark.parametrize("text, matter", [
    ("do you guys help with work visas", "employment"),
    ("my company wants to sponsor me, is that something you do", "employment"),
    ("quiero saber de la visa de trabajo", "employment"),
    # a relative named among things the visitor is not sure of
    ("idk, some stuff with taxes and my brothers papers", "other"),
])
def test_a_work_visa_or_a_relatives_papers_read_as_other(text, matter):
    assert situations.from_ranking(_ranking(other=0.6, employment=0.1, family=0.1), text) == matter


@pytest.mark.parametrize("text, signs", [
    ("the owner has our passports and we work for food only, no pay, he says we owe him", True),
    ("la señora se quedó con mi pasaporte y no me deja salir de la casa", True),
    ("my employer keeps my passport and dont pay me since march", True),
    ("my employer has my passport for the visa stamping appointment", False),
])
def test_papers_taken_with_no_way_out_are_trafficking(text, signs):
    assert situations.trafficking_signs(text) is signs
    if signs:
        assert situations.from_ranking(_ranking(employment=0.5, other=0.3), text) == "humanitarian"


def test_a_relatives_asylum_stays_humanitarian():
    assert situations.from_ranking(_ranking(humanitarian=0.4, other=0.3), "my wife's asylum papers") == "humanitarian"


def test_a_category_on_top_is_kept():
    assert situations.from_ranking(_ranking(detention=0.9, other=0.05), "they took my husband") == "detention"


def test_a_vague_plea_is_asked_about_whatever_the_classifier_guessed():
    assert situations.from_ranking(_ranking(enforcement=0.6, other=0.2), "pls help") is None
    # a relative named, and still nothing of the matter
    assert situations.from_ranking(_ranking(other=0.6, removal=0.2), "my uncle needs help with his immigration case, can u help") is None


def test_settle_keeps_a_category_the_nets_chose_and_replaces_other():
    ranking = _ranking(other=0.51, removal=0.46)
    assert situations.settle("other", ranking, "my immigration case from 2016, the judge said something") == "removal"
    assert situations.settle("detention", _ranking(other=0.6, detention=0.3), "they took my husband") == "detention"
    # a runner-up the message names in its own words: an oath ceremony
    assert situations.settle("other", _ranking(other=0.31, citizenship=0.2),
                             "ya tengo mi cita de juramento pero perdi mi green card, k hago?") == "citizenship"
    assert situations.settle("other", _ranking(other=0.5, citizenship=0.2), "i need a lawyer for my divorce, both of us are citizens") == "other"
    assert situations.settle("enforcement", _ranking(enforcement=0.6), "pls help") is None


@pytest.mark.parametrize("situation, text, said", [
    ("employment", "my new job says my e verify came back with a mismatch and i have 8 days", True),
    ("employment", "my h1b extension got an RFE and the deadline is close", True),
    ("employment", "work problem", False),  # too few words to tell the attorney anything
    ("other", "I got an invoice from you guys with a charge I don't understand, who do I talk to", True),
    ("other", "i dont know what kind of case i have, i just need help", False),
    ("other", "no se que tipo de caso tengo la verdad", False),
    # a question to the office is not what they need help with
    ("other", "hi do you guys do consultations on saturdays", False),
    ("other", "hi quick question, how much do you charge for una consulta?", False),
    ("other", "un notario me cobro 2500 dolares y ahora su oficina esta cerrada y no contesta. puedo recuperar mi dinero?", True),
    ("humanitarian", "my husband hits me and he says he will withdraw my papers", False),  # no program named
    ("humanitarian", "i want to renew my daca, it expires in march", True),
    # citizenship misspelt, or its test, tells the matter
    ("citizenship", "how do i aply for sitizenship, had my green card 6 yrs", True),
    ("citizenship", "my dad is 72 and has green card for 25 years, does he have to take the test in english?", True),
])
def test_details_said_only_when_the_words_answer_the_details_question(situation, text, said):
    assert situations.details_said(situation, text) is said


@pytest.mark.parametrize("text, back", [
    ("my husband got deported to guatemala last month. what can we do so he can come back to me and the kids?", True),
    ("i was deported 3 years ago, now im in honduras. my wife is a citizen. is there any way to go back legal?", True),
    ("lo deportaron hace 2 años y quiero saber si puede volver", True),
    ("my husband got deported to honduras last year and i want him back", True),
    ("i was deported in 2015 and came back, now i have court next month", False),  # an open case
    ("they deported my brother, can he appeal?", False),
    # the visitor deported, with no one to petition: the removal and its bars
    ("me deportaron hace 2 años, mis hijos estan en texas, hay forma de regresar legal?", False),
    ("i was deported in 2016 and now im in guatemala, is there a way to go back legally", False),
    ("my husband wants to come back from a trip to mexico", False),  # no deportation
    # the visitor deported, and a citizen spouse who wants to petition for them
    ("estoy en Tijuana, me deportaron hace 2 meses, my wife es ciudadana y está en San Diego. ella quiere pedirme, se puede?", True),
    ("i got deported last year, my husband is a citizen and wants to petition for me", True),
])
def test_someone_deported_to_bring_back_is_a_family_matter(text, back):
    assert situations.back_after_deportation(text) is back


@pytest.mark.parametrize("text, settled", [
    # a detention only asked about, as a risk of the visitor's own question: the next category
    ("puedo agarrar un flight con mi work permit como ID? o me pueden detener en el airport?", "other"),
    ("can they arrest me at my green card interview?", "family"),  # the green card case it is about
    # someone was taken: the detention stands
    ("they took my husband this morning, can they deport him?", "detention"),
    ("ice detained my son yesterday", "detention"),
])
def test_a_detention_asked_about_is_not_one(text, settled):
    ranking = [{"name": "situation_detention", "confidence": 0.6}, {"name": "situation_other", "confidence": 0.3},
               {"name": "situation_enforcement", "confidence": 0.1}]
    assert situations.settle("detention", ranking, text) == settled


@pytest.mark.parametrize(
    "text, expected",
    [("me llegó una carta de USCIS que tengo hasta el 14 de diciembre para mandar pruebas de mi TPS", "humanitarian"),
     ("my daca renewal letter is confusing", "humanitarian"),
     # no program named: "other" well above stays
     ("going to mexico for a funeral, can i come back with my green card", "other")],
)
def test_a_program_named_is_not_something_else(text, expected):
    assert situations.from_ranking(_ranking(other=0.63, humanitarian=0.107), text) == expected


@pytest.mark.parametrize("text, ranking, settled", [
    ("my husband was detained in 2019 for 2 months, he got out and the case was closed. we married last year, can i petition him",
     dict(detention=0.47, family=0.46), "family"),
    ("my mom was held at a detention center in 2017, she got released and kept her green card, now she wants to become a citizen",
     dict(detention=0.94, family=0.02, citizenship=0.02), "citizenship"),
    ("a mi tio lo detuvieron hace años y lo soltaron, ahora quiere pedir a sus hijos", dict(detention=0.5, family=0.4), "family"),
    # still held: not this rule
    ("they took my husband yesterday, he is still in the detention center", dict(detention=0.9, family=0.05), "detention"),
    # released with the case going on: its removal case
    ("they let him out on bond, now he has court", dict(detention=0.6, removal=0.3), "removal"),
    ("mi hermano ya salio del centro de detencion con fianza pero le pusieron grillete y tiene q reportarse",
     dict(detention=0.9, removal=0.05), "removal"),
    ("they let me go but they kept my husband, he has court next week", dict(detention=0.6, removal=0.3), "detention"),
    # deported already: not held
    ("a mi hermano lo deportaron ayer a honduras, ya no hay nada q hacer?", dict(detention=0.9, removal=0.05), "removal"),
    # in a jail with no immigration hold
    ("my son is in the county jail for a fight, the jail says no immigration hold. he has DACA",
     dict(detention=0.9, humanitarian=0.05), "humanitarian"),
])
def test_a_detention_told_as_over_is_not_the_matter(text, ranking, settled):
    assert situations.settle("detention", _ranking(**ranking), text) == settled


def test_a_court_case_beside_another_request_is_the_removal_case():
    text = "my hearing is in 3 days and none of my documents are translated yet"
    assert situations.from_ranking(_ranking(other=0.73, removal=0.21), text) == "removal"
    # no case named: the request stands
    assert situations.from_ranking(_ranking(other=0.73, removal=0.21), "i need my birth certificate translated") == "other"


@pytest.mark.parametrize("text", [
    "my son is held at the miami airport right now, they wont let him out",
    "they let me go with my kids but they kept my husband",
    "a mi esposo lo soltaron de detención en junio con grillete, qué sigue ahora?",
    # not let out is held
    "fuimos a la cita de ice de mi hermano esta mañana y no lo dejaron salir",
])
def test_someone_still_held_or_released_into_a_case_is_not_a_detention_over(text):
    assert situations.over_detention(text) is False


@pytest.mark.parametrize("text, school", [
    ("my son got detention at school today and the teacher said he might be suspended", True),
    ("my daughter has detention after school tomorrow, can i ask about her green card", True),
    ("mi hijo tiene detention en la escuela mañana", True),
    ("he got detention for being late to class", True),
    ("ICE took my husband, he is in detention in Eloy", False),
    ("my son is in the detention center in Dilley", False),
    ("ICE took my husband while my son was in detention at school", False),
    ("my brother is in immigration detention since monday", False),
    ("my mom has been in detention for 2 months and she has diabetes", False),  # no school: held
    ("he got detention", False),
])
def test_a_detention_at_school_is_not_an_immigration_detention(text, school):
    assert situations.school_detention(text) is school


@pytest.mark.parametrize("text, settled", [
    ("my girlfriend is in the york county prison in PA for ICE", "detention"),
    ("hes at the tacoma detention center now, ICE wont tell us anything", "detention"),
    ("immigration came in the kitchen and took 2 of my coworkers. how do we find where they took them", "detention"),
    ("la migra se llevo a mi vecino en la mañana, como puedo saber donde lo tienen", "detention"),
    # no one held: agents around, a question of rights, or someone in jail for something else with nobody from ICE named
    ("ice came to my job today asking for people, what are my rights", "enforcement"),
    ("my cousin is in the county jail for a fight, can immigration find out", "enforcement"),
    ("ICE took my neighbor last month but they let him go, can they come for me", "enforcement"),
    ("ayer hubo redada en la planta donde trabaja mi señora y se la llevaron con como 30 personas mas", "detention"),
    ("hubo redada en la planta donde trabaja mi esposo pero a el no lo agarraron", "enforcement"),
    ("I'm the manager at a dairy. Two of our workers were taken by ICE from their trailer this morning. Their families are asking me",
     "detention"),
    ("they took 2 of my coworkers yesterday, are they coming back for us? what are my rights", "enforcement"),
    ("ICE came to my job yesterday and took 2 of my coworkers, they said they will come back for more", "enforcement"),
])
def test_someone_held_now_read_as_agents_around_is_a_detention(text, settled):
    assert situations.settle("enforcement", _ranking(enforcement=0.5, detention=0.3), text) == settled


def test_a_school_detention_settles_on_the_next_category():
    ranking = _ranking(detention=0.6, family=0.3, other=0.1)
    assert situations.settle("detention", ranking, "my daughter has detention after school, question about her green card") == "family"
    assert situations.settle("detention", ranking, "they took my husband to the detention center") == "detention"
    assert situations.settle("detention", _ranking(detention=0.9), "my son got detention at school") == "other"


@pytest.mark.parametrize("text, only", [
    ("hola tengo cita de huellas el 15 de enero para mi residencia", True),
    ("me llegó la cita de biométricos para el martes, es por mi permiso de trabajo del asilo", True),
    ("my biometrics appointment is next week for my i-485", True),
    ("tengo corte en marzo y ya me llegó la cita de huellas", False),  # a removal case told beside it
    ("tengo cita con ice el martes", False),
    ("my fingerprints appointment got moved and my hearing is next week", False),
])
def test_a_biometrics_appointment_is_not_a_hearing(text, only):
    assert situations.biometrics_only(text) is only


def test_a_biometrics_appointment_settles_on_the_next_category():
    ranking = _ranking(removal=0.5, family=0.4, other=0.1)
    assert situations.settle("removal", ranking, "tengo cita de huellas el 15 de enero para mi residencia") == "family"
    assert situations.settle("removal", ranking, "tengo corte el 15 de enero") == "removal"


@pytest.mark.parametrize("text, works", [
    ("i work with ICE as an interpreter at the detention center, my wife needs a green card", True),
    ("I'm a nurse at the detention center in Eloy, I want to ask about my citizenship", True),
    ("trabajo de cocinera en el centro de detención y mi hijo necesita papeles", True),
    ("i work at the detention center and they took my husband yesterday", False),  # someone held beside the job
    ("my husband is in the detention center in Eloy", False),
])
def test_a_job_at_ice_or_a_detention_center_is_not_a_detention(text, works):
    assert situations.works_there(text) is works


def test_a_job_at_a_detention_center_settles_on_the_matter_or_asks():
    text = "i work with ICE as an interpreter at the detention center, my wife needs a green card"
    assert situations.settle("detention", _ranking(detention=0.6, family=0.3, other=0.1), text) == "family"
    # nothing but "other" beside it: the job says nothing of the matter, so it is asked
    assert situations.settle("detention", _ranking(detention=0.8, other=0.1, family=0.03), text) is None
    assert situations.only_seems("detention", text) and not situations.only_seems("family", text)


_DETENTION_FIRST = [{"name": "situation_detention", "confidence": 0.8}, {"name": "situation_enforcement", "confidence": 0.15},
                    {"name": "situation_removal", "confidence": 0.05}]


def test_a_wish_to_get_someone_out_on_bond_is_not_a_release():
    text = "my roommate got taken by ice, hes at the tacoma detention center now since saturday. can u get him out on bond??"
    assert situations.settle("detention", _DETENTION_FIRST, text) == "detention"
    assert situations.over_detention("he got out on bond last week, now he wants to become a citizen")


def test_someone_detained_and_deported_already_is_not_held_now():
    text = ("my neighbor got taken by ice like 3 weeks ago and they deported him already, now theres cars parked on our street "
            "every morning. im scared they coming for me next")
    assert situations.settle("detention", _DETENTION_FIRST, text) == "enforcement"


@pytest.mark.parametrize("text, none", [
    ("what are my options. overstayed my visa 10 years ago. no family here. no case. nothing", True),
    ("no tengo familia aqui, vine solo", True),
    ("i have no family here, my wife is a citizen", False),
    ("we have no family petition yet", False),
])
def test_family_named_only_as_absent(text, none):
    assert situations.no_family(text) is none


@pytest.mark.parametrize("text, travel", [
    ("i have green card, can i go to colombia for 7 months to take care of my dad? will i lose it?", True),
    ("¿puedo viajar a México con mi permiso de trabajo?", True),
    ("can i go to my check in with a lawyer?", False),
    ("can they deport me if i go to the police?", False),
    # coming back asked after a trip told
    ("buenas, trabajo en una lechería aquí en vermont y mi mamá está muy enferma en chiapas, si voy a verla ¿puedo regresar?", True),
    ("my dad is sick in guatemala, if i go see him can i come back?", True),
])
def test_a_question_about_a_trip_abroad(text, travel):
    assert situations.travel_question(text) is travel


def test_a_workers_trip_abroad_is_a_travel_question_not_employment():
    text = "buenas, trabajo en una lechería aquí en vermont y mi mamá está muy enferma en chiapas, si voy a verla ¿puedo regresar?"
    assert situations.settle("employment", None, text) == "other"
    assert situations.settle("employment", None, "im on h1b, if i go to india for my sisters wedding can i come back?") == "employment"


def test_conditional_residence_through_marriage_is_family():
    ranking = [{"name": "situation_other", "confidence": 0.6}, {"name": "situation_family", "confidence": 0.2}]
    text = "my 2 year green card expires dec 15 and im divorced now. i didnt file anything. what do i do"
    assert situations.from_ranking(ranking, text) == "family"


@pytest.mark.parametrize("situation, text", [
    ("employment", "we got a notice of inspection from ICE for our I-9s yesterday, its my restaurant in charlotte"),
    ("family", "me case con un ciudadano hace 3 meses pero entre sin visa, puedo arreglar?"),
])
def test_details_told_with_the_matter_are_not_asked_again(situation, text):
    assert situations.details_said(situation, text)


def test_a_problem_with_immigration_is_asked_about_not_read_as_a_detention():
    ranking = [{"name": "situation_detention", "confidence": 0.58}, {"name": "situation_other", "confidence": 0.29}]
    assert situations.settle("detention", ranking, "my husband has an immigration problem, can someone look at it") is None
    assert situations.settle("detention", ranking, "my husband has a problem, ICE took him yesterday") == "detention"


@pytest.mark.parametrize("situation, text", [
    ("family", "quiero pedir a mis papas que viven en oaxaca, soy ciudadano"),
    ("employment", "mi patron me quiere pedir la residencia por trabajo, soy cocinero"),
    ("humanitarian", "mi sobrino vino solo hace un año, me dijeron de la visa juvenil"),
])
def test_more_details_told_with_the_matter(situation, text):
    assert situations.details_said(situation, text)


@pytest.mark.parametrize("text, scam", [
    ("someone called my mom saying her son was detained and she has to send $2000 bail by western union today. is this a scam", True),
    ("me llamaron diciendo q son de inmigracion y q si no pago 800 dolares hoy me deportan, es verdad??", True),
    ("ICE took my husband, the bond is $5000, how do i pay it", False),  # a real bond
    ("my husband was detained, is it true they can deport him tomorrow?", False),
])
def test_a_call_demanding_money_in_the_authorities_name_is_a_scam_not_the_matter_it_claims(text, scam):
    from bot import urgency

    assert situations.scam_call(text) is scam
    if scam:
        assert situations.settle("detention", None, text) == "other" and urgency.text_signals(text) == []


@pytest.mark.parametrize("text, kept", [
    ("mi esposa fue a su appointment en la oficina de inmigración esta mañana y nunca salió", True),
    ("he went to his interview at uscis and they kept him", True),
    ("my check in is tomorrow, my friend went to hers and never came out", False),  # a friend's, the reason to fear
    ("my wife went to her interview at the consulate in juarez and they kept her passport", False),
    # someone told of as the reason to fear the visitor's own check-in
    ("¿me pueden deportar en mi firma del viernes que viene? es que a un primo lo dejaron adentro cuando fue a firmar", False),
    ("mi primo fue a firmar y lo dejaron adentro", True),
    ("she had to check in today and theyre keeping her and they said they will deport her TOMORROW", True),
])
def test_someone_kept_at_an_appointment_is_a_detention(text, kept):
    assert situations.kept_at_appointment(text) is kept
    assert (situations.settle("other", None, text) == "detention") is kept


@pytest.mark.parametrize("value, text, settled", [
    # a relative who will petition, read as much humanitarian as family
    ("humanitarian", "mi esposo es ciudadano y me va a pedir, pero tengo dudas", "family"),
    ("humanitarian", "mi esposo es ciudadano y me va a pedir, pero tengo una visa U pendiente", "humanitarian"),
    ("other", "I work at the ICE building as a contractor and my wife is undocumented, we want to fix her status", "family"),
    # the visitor's own check-in read as a detention
    ("detention", "mi cita con migracion es despues de las fiestas, en enero, tengo q llevar algo?", "removal"),
    ("detention", "I have to go sign at the ICE office tomorrow morning and my friend said they're detaining people. Should I even go?",
     "removal"),
    ("detention", "tengo que ir a firmar a migracion el lunes y dicen que estan deteniendo gente", "removal"),
    ("detention", "they took my husband at my court hearing", "detention"),
    # kept where he went to sign
    ("humanitarian", "mi esposo fue a firmar ayer como siempre y ya no salio", "detention"),
])
def test_settled_by_the_words(value, text, settled):
    assert situations.settle(value, None, text) == settled


@pytest.mark.parametrize("text, settled", [
    ("soy contractor y uno de mis workers se lo llevo ICE del jobsite esta mañana, quiero ayudarlo, es buen trabajador", "detention"),
    ("One of our engineers on an H-1B was detained by CBP at JFK this morning coming back from India. What can the company do?",
     "detention"),
    ("ICE came to do an I-9 audit this morning and took the files, what do we do", "employment"),
])
def test_an_employer_asking_for_a_worker_just_taken_is_a_detention(text, settled):
    assert situations.settle("employment", _ranking(employment=0.6), text) == settled


@pytest.mark.parametrize("text, settled", [
    ("My green card interview is next Tuesday. I'm not in any trouble, just want a lawyer to come with me.", "family"),
    ("tengo la entrevista de la residencia en enero, necesito abogado?", "family"),
    ("can i travel to mexico with my green card, i need to renew my green card", "other"),  # a trip
    ("i just need somebody to translate my birth certificate for my green card interview, do you do that", "other"),  # a task
])
def test_a_green_card_step_read_as_other_is_the_family_case(text, settled):
    assert situations.settle("other", _ranking(other=0.69, family=0.09), text) == settled


def test_the_visitors_own_ice_appointment_read_as_other_is_the_removal_case():
    assert situations.settle("other", None, "me llamo ICE pa cambiar mi cita pa febrero, es normal o es una trampa?") == "removal"
    assert situations.settle("other", None, "mi cita en el consulado es en enero") == "other"


@pytest.mark.parametrize("text, ranking, settled", [
    # a detention only feared, beside a hearing months away: the case
    ("mis hijos no paran de llorar, su papá tiene corte en 5 meses y ellos creen que se lo van a llevar mañana",
     [("detention", 0.28), ("removal", 0.1)], "removal"),
    # someone else's detention years ago: what is feared of ICE now
    ("my old roommate got detained like 2 years ago and ICE might have my address from him. should i move?",
     [("detention", 0.89), ("removal", 0.03), ("enforcement", 0.02)], "enforcement"),
    # arrest asked about as a risk of a spouse's petition interview
    ("if i go to my green card interview they can arrest me right there? my husband is a citizen",
     [("detention", 0.26), ("citizenship", 0.16), ("enforcement", 0.13)], "family"),
])
def test_a_detention_feared_or_long_past_settles_on_the_matter_now(text, ranking, settled):
    ranked = [{"name": f"situation_{name}", "confidence": c} for name, c in ranking]
    assert situations.settle("detention", ranked, text) == settled


def test_a_letter_to_report_to_ice_is_the_removal_case():
    text = "a mi esposo le llegó una carta que dice report y ERO, que se tiene que presentar el miércoles en la oficina de inmigración"
    assert situations.settle("other", [{"name": "situation_other", "confidence": 0.5}], text) == "removal"


@pytest.mark.parametrize("text", [
    "my bf went to his ice check in this morning and they kept him!!!! they wont let me see him",
    "my father is in moshannon since october 28, he has court on dec 9 by video, we need a lawyer for bond",
    "My wife is in Elizabeth detention center since Nov 2. She has her master hearing on January 12.",
    "my boyfriend called from the ice office downtown, they kept him at his check in this morning",
])
def test_someone_held_with_a_hearing_stays_a_detention(text):
    assert situations.settle("detention", [{"name": "situation_detention", "confidence": 0.6},
                                            {"name": "situation_removal", "confidence": 0.3}], text) == "detention"


@pytest.mark.parametrize("text", [
    "they raided the farm this morning, its over now they left with like 12 people and my dad was one of them",
    "hubo redada en la planta y se llevaron a como 20, entre ellos mi hermano",
    "my brother was one of the guys they arrested at the car wash",
    "they came around 5 this morning and left with my husband, nobodys here now",
    "agents took my roommate this morning and left. what should i do",
    "vinieron los de ICE hoy en la mañana a la casa y se llevaron a mi viejo, ya se fueron pero dejaron un papel",
    "la migra vino pero ya se fueron hace rato, se llevaron a mi roomie y yo me escondi en el closet",
])
def test_a_relative_among_those_a_raid_took_is_a_detention(text):
    assert situations.settle("enforcement", _ranking(enforcement=0.44, humanitarian=0.23, detention=0.11), text) == "detention"


@pytest.mark.parametrize("text", [
    "they raided the farm this morning and arrested a lot of people, my dad got away",
    "ICE took 5 people at the job, my cousin was with them but they let him go",
    "ICE took my phone and my papers at the raid",
    "se llevaron a mi vecino y yo me escondi",  # a neighbour: the raid around the visitor
])
def test_a_raid_that_took_others_stays_enforcement(text):
    assert situations.settle("enforcement", _ranking(enforcement=0.44, humanitarian=0.23, detention=0.11), text) == "enforcement"


@pytest.mark.parametrize("text, settled", [
    # a relative's coming check-in read as a detention is the case
    ("my husbands ICE check in is the day after tomorrow in milwaukee and we just got married, does that help him?", "removal"),
    ("my husbands check in was yesterday and they detained him", "detention"),
    ("my wifes hearing is monday and she is detained in otay mesa", "detention"),
    ("Im in San Salvador, my son is 17 and lives with his uncle in Houston. his court is in 10 days and he has no lawyer", "removal"),
    ("my husband has court next week, he is in Otay Mesa", "detention"),  # a detention centre named
    ("mi hijo esta en Adelanto, su corte es el lunes", "detention"),
    ("my brother court is tomorrow and ICE has him", "detention"),
])
def test_a_court_date_with_nobody_held_is_the_case_not_a_detention(text, settled):
    assert situations.settle("detention", _ranking(detention=0.5, removal=0.3, family=0.1), text) == settled


def test_the_visitors_own_ice_appointment_feared_is_the_removal_case():
    text = "tomorrow i have cita en migracion at 8am in San Francisco and my friend says they are detaining people at check ins. should i go??"
    assert situations.settle("detention", _ranking(detention=0.46, enforcement=0.25, removal=0.2), text) == "removal"


def test_a_deported_husband_a_citizen_wants_to_petition_for_is_a_family_matter():
    assert situations.back_after_deportation("a mi esposo lo deportaron en 2020 y yo ya soy ciudadana, lo puedo pedir? el esta en La Ceiba")


def test_someone_kept_at_her_check_in_is_no_court_case_alone():
    text = "they got my sister at her check in today and didnt let her leave"
    assert situations.settle("detention", _ranking(detention=0.6, other=0.1), text) == "detention"


def test_in_trouble_with_immigration_is_a_problem_not_yet_a_detention():
    ranking = _ranking(detention=0.6, removal=0.2, other=0.1)
    assert situations.settle("detention", ranking, "hello my daughter is in trouble with immigration") != "detention"
    assert situations.settle("detention", ranking, "ICE took my daughter, she is in trouble with immigration") == "detention"


def test_a_parole_program_named_is_humanitarian_though_a_relative_is_sponsored():
    text = "my brother in ukraine wants to come through u4u, can i sponsor him? im a green card holder in sacramento"
    assert situations.settle("family", _ranking(family=0.53, humanitarian=0.26), text) == "humanitarian"
    assert situations.settle("family", _ranking(family=0.53, humanitarian=0.26), "can i sponsor my brother for a green card") == "family"


@pytest.mark.parametrize("text", [
    "my son has his ice check in next tuesday in tucson and im in sierra vista, can someone go with him",
    "my husband tiene su cita con ICE en 3 semanas, at the san francisco office",
])
def test_a_relatives_own_check_in_read_as_detention_is_the_removal_case(text):
    assert situations.settle("detention", _ranking(detention=0.6, removal=0.2), text) == "removal"


def test_someone_who_did_not_come_home_and_cannot_be_reached_is_feared_detained():
    text = "tengo miedo, my husband didnt come home anoche y no contesta"
    assert situations.settle("humanitarian", _ranking(humanitarian=0.24, enforcement=0.18), text) == "detention"
    # home late, and reached: nothing feared
    assert not situations.missing("my husband didnt come home last night, he stayed at his brothers, he texted me")


@pytest.mark.parametrize("text, asks", [
    ("buenas tardes estan contratando? soy interprete de español", True),
    ("are you hiring? im a paralegal", True),
    ("busco trabajo de interprete con ustedes", True),
    ("my boss is hiring people without papers", False),
    ("looking for a job in the US, can you help with a visa", False),
])
def test_a_job_at_the_firm(text, asks):
    assert situations.job_at_the_firm(text) is asks


@pytest.mark.parametrize("text, category", [
    ("Hola quiero renovar mi TPS de Honduras. Antes me reportaba con ICE cada año", "humanitarian"),
    ("Una amiga dice que puedo pedir la visa U. Es cierto?", "humanitarian"),
    ("the judge gave me a deadline to file my asylum application I-589", "humanitarian"),
    ("I want to petition my mom. Problem is she has a deportation order", "family"),
    ("now i want to marry my gf shes a citizen", "family"),
    ("Now I want to apply for citizenship. Will the old order come up?", "citizenship"),
    ("quiero hacerme ciudadano pero tengo un misdemeanor", "citizenship"),
    ("I have a check in with ICE next tuesday. can my son's citizenship help me?", None),
])
def test_the_program_a_visitor_wants_to_act_on(text, category):
    assert situations.program_asked(text) == category


@pytest.mark.parametrize("value, text, settled", [
    ("family", "buenas, mi sobrino de 15 años vino solo de guatemala y quiero saber si puede arreglar papeles", "humanitarian"),
    ("family", "mi hijo tiene 17 años, me dijeron que puede sacar papeles por una visa juvenil, como funciona?", "humanitarian"),
    ("family", "my wife is 17 years old and we want to get married", "family"),
])
def test_a_childs_own_path_and_a_new_lawyer(value, text, settled):
    assert situations.settle(value, None, text) == settled


def test_married_to_a_citizen_asking_for_residency_is_a_family_petition():
    assert situations.program_asked("tengo daca y me case con un ciudadano, ya puedo sacar la residencia?") == "family"


def test_a_parent_abroad_asked_for_is_a_family_petition_and_a_visa_for_victims_a_program():
    assert situations.program_asked("Yo vivo en Providence y tengo residencia, quiero pedirla para acá lo más rápido posible") == "family"
    assert situations.details_said("humanitarian", "the manager kept my passport. Someone said I can get a visa for victims?")


def test_asking_whether_citizenship_must_be_asked_for_is_no_petition():
    text = "oye mi hijo nacio en cuba pero yo ya era ciudadano americano cuando nacio, el es ciudadano automatico o hay q pedirlo?"
    assert situations.program_asked(text) is None


@pytest.mark.parametrize("text, ranking, settled", [
    # married to a citizen, the green card through the marriage: family, whatever program the visitor has
    ("Tengo TPS desde hace años y me casé con un ciudadano. ¿Puedo sacar la residencia por él sin salir del país?",
     dict(humanitarian=0.64, citizenship=0.17), "family"),
    ("hola, estoy aqui con student visa y mi boyfriend es citizen, si nos casamos puedo sacar la green card?",
     dict(other=0.42, family=0.29), "family"),
    # ... but not with a court case open
    ("tengo TPS y me case con un ciudadano, pero tengo corte el mes que viene, puedo sacar la residencia?",
     dict(humanitarian=0.6, removal=0.3), "humanitarian"),
])
def test_a_marriage_to_a_citizen_is_the_family_matter(text, ranking, settled):
    assert situations.settle(list(ranking)[0], _ranking(**ranking), text) == settled


def test_a_paper_got_is_no_one_taken():
    assert not situations.taken_lately("i got my NTA in the mail yesterday but it doesnt have a date on it")
    assert situations.taken_lately("they got my brother yesterday at work")


@pytest.mark.parametrize("text", [
    "I'm a CBP officer at the port of entry, but I've never done a K-1",
    "soy agente de la patrulla fronteriza y mi novia es de colombia",
    "Trabajo limpiando las oficinas de ICE por una compañía de limpieza",
])
def test_working_for_immigration_is_told(text):
    assert situations.works_there(text)


def test_the_visitors_own_hearing_beside_papers_asked_about_is_the_removal_case():
    text = "Mi audiencia es en tres semanas y quiero llevar pruebas de que trabajo y pago impuestos. ¿Qué papeles sirven?"
    assert situations.from_ranking(_ranking(other=0.25, employment=0.21, removal=0.16), text) == "removal"


def test_a_coworker_taken_months_ago_is_not_held_now():
    text = "there was a raid at our plant like 3 months ago, they took my coworker. i wasnt taken"
    assert situations.settle("enforcement", _ranking(enforcement=0.38, removal=0.16, detention=0.1), text) == "enforcement"
    assert situations.settle("enforcement", _ranking(enforcement=0.5, detention=0.3), "agents took my roommate this morning and left") \
        == "detention"


def test_one_deported_and_another_taken_today_is_a_detention():
    text = "a mi hermano lo deportaron ayer y ahora a mi cuñada tambien la agarraron hoy"
    assert not situations.over_detention(text)
    assert situations.over_detention("a mi hermano lo deportaron ayer a honduras, ya no hay nada q hacer?")


def test_let_go_with_papers_is_the_removal_case():
    text = "ICE took my husband yesterday but they let him go last night with papers"
    assert situations.settle("detention", _ranking(detention=0.91, enforcement=0.05), text) == "removal"


@pytest.mark.parametrize("value, text, ranking, settled", [
    # said not to be held, beside a court date
    ("detention", "mi papa tiene court mañana a las 8, el no esta detenido pero no tiene abogado", dict(detention=0.8, removal=0.1), "removal"),
    # held once before, and a check-in now
    ("detention", "Mi esposo tiene su cita con el oficial de ICE mañana y ya lo detuvieron una vez", dict(detention=0.5, removal=0.4), "removal"),
    # a child's custody: family court
    ("detention", "my ex has my daughter and he is undocumented, i want full custody", dict(detention=0.3, other=0.2), "other"),
    # a naturalisation denied, and its own hearing asked
    ("removal", "my citizenship got denied, the letter says i have 30 days to request a hearing", dict(removal=0.6, citizenship=0.3), "citizenship"),
    # a bag-and-baggage letter
    ("other", "is it normal to get a letter saying to report with your bags?", dict(other=0.7, removal=0.1), "removal"),
    # refused at the border, nobody held
    ("detention", "i got refused at the border crossing last week, can i still visit my sister", dict(detention=0.5, removal=0.2), "other"),
    # ... but held there is held
    ("detention", "they refused him at the border and they are still holding him", dict(detention=0.9, removal=0.05), "detention"),
    # a visa for abused women is a humanitarian program, not a work visa
    ("employment", "quiero saber si hay una visa para mujeres que sufren maltrato", dict(employment=0.25, humanitarian=0.22), "humanitarian"),
    # a petition a relative already filed
    ("humanitarian", "mi esposo es residente y me pidio hace 3 años, cuando puedo sacar permiso de trabajo?",
     dict(humanitarian=0.44, family=0.42), "family"),
    # a work visa and a job lost, no removal case
    ("removal", "got laid off from my H-1B job last week, how long do i have before i have to leave", dict(removal=0.4, employment=0.34),
     "employment"),
    # reporting someone else is not one's own check-in
    ("other", "how do i report my ex to immigration? he is here illegally", dict(other=0.6, removal=0.1), "other"),
    # reporting to ICE is the visitor's own check-ins
    ("enforcement", "i report to ICE and i want to know if i can stop doing it", dict(enforcement=0.7, removal=0.2), "removal"),
])
def test_a_first_reading_settles_on_what_the_words_tell(value, text, ranking, settled):
    assert situations.settle(value, _ranking(**ranking), text) == settled


def test_a_detention_just_below_other_needs_words_of_a_taking():
    ranking = _ranking(other=0.23, detention=0.19)
    assert situations.from_ranking(ranking, "necesito copias de todo mi expediente de inmigración, cómo se pide eso?") == "other"
    assert situations.from_ranking(ranking, "se llevaron a mi hermano y no sé qué hacer") == "detention"


@pytest.mark.parametrize("text", [
    "my boss at the meat plant says my social security doesnt match and i need to bring him something, but my papers are real",
    "mi jefe dice que mi seguro social no coincide y me pidio otros papeles",
    "hr says e-verify gave a tentative nonconfirmation for me",
])
def test_an_employers_check_of_the_papers_is_employment(text):
    assert situations.settle("other", [{"name": "situation_other", "confidence": 0.8}], text) == "employment"


def test_a_petition_for_a_relative_read_as_a_detention_is_family():
    told = "es de inmigración, dice que la petición que hice para mi mamá fue aprobada y no entiendo qué sigue ahora"
    assert situations.settle("detention", [], told) == "family"
    assert situations.settle("detention", [], "my husband is detained and the petition for my husband was approved") == "detention"


@pytest.mark.parametrize("text, told", [("got something in the mail from the government", False), ("me llegó una carta", False),
                                        ("a letter from uscis says my case is denied", True)])
def test_a_paper_come_is_told_only_with_what_it_says(text, told):
    assert situations.details_said("other", text) is told


@pytest.mark.parametrize("text, matter", [("they took my papers", "humanitarian"), ("they took my husband and his papers", "detention"),
                                          ("ICE took my papers and my husband", "detention")])
def test_papers_taken_are_no_one_held(text, matter):
    ranking = [{"name": "situation_detention", "confidence": 0.6}, {"name": "situation_humanitarian", "confidence": 0.2}]
    assert situations.settle("detention", ranking, text) == matter


def test_help_with_something_confidential_tells_no_matter():
    assert situations.vague("can someone help me with something confidential")


def test_how_to_pay_said_in_place_of_the_matter_asks_for_the_details():
    told = "necesito abogado para mi esposa, es urgente, no tenemos dinero pero podemos pagar en partes"
    assert not situations.details_said("other", told)


def test_a_long_unsure_question_tells_its_matter():
    assert not situations.untold("how do i get a copy of my whole immigration file? somebody said FOIA but i dont know how")
    assert situations.untold("idk everything is bad, i lost my job and now this")


@pytest.mark.parametrize("text", ["its complicated with my kids dad", "bro its a mess honestly, es complicado", "ugh where do i even start",
                                  "pues todo está mal"])
def test_how_hard_it_is_to_say_leaves_the_matter_untold(text):
    assert situations.untold(text)


def test_neighbours_taken_yesterday_read_as_something_else_are_a_detention():
    text = "a mis vecinos se los llevó inmigración ayer a los dos, y los niños se quedaron conmigo, ¿qué hago?"
    assert situations.settle("other", [], text) == "detention"
    assert situations.settle("other", [], "tengo miedo que se lo lleve inmigración mañana") == "other"  # feared, not told


def test_a_citizen_who_wants_to_petition_a_parent_deported_years_ago_is_family():
    text = "hi, a mi papa se lo llevo ICE hace como 5 años y lo deportaron, now I'm 21 y soy citizen, puedo pedirlo?"
    assert situations.settle("citizenship", [], text) == "family"


@pytest.mark.parametrize("value, text, settled", [
    # a biometrics appointment said not to be court
    ("removal", "me llegó la cita de huellas para la visa U, es el jueves que viene. tengo que llevar algo? no es corte verdad?", "humanitarian"),
    # the visitor's own check-in, with the children's papers beside it
    ("family", "My check-in is in fifteen days. Should I bring my kids birth certificates?", "removal"),
    # a translation asked of the firm; not one the visitor needs for a petition
    ("family", "hi do you guys translate documents? necesito traducir mi acta de nacimiento for my marriage case", "other"),
    ("family", "i need to translate my documents for the I-130 for my wife", "family"),
])
def test_matters_near_their_lines(value, text, settled):
    ranking = [{"name": f"situation_{value}", "confidence": 0.5}, {"name": "situation_humanitarian", "confidence": 0.3}]
    assert situations.settle(value, ranking, text) == settled


def test_a_biometrics_appointment_and_a_job_at_the_firm_are_not_what_they_seem():
    ranking = [{"name": "situation_detention", "confidence": 0.17}, {"name": "situation_humanitarian", "confidence": 0.16}]
    text = "buenas, tengo cita el jueves, la de las huellas, y no sé si puedo llevar a mi esposo que no tiene papeles"
    assert situations.settle("detention", ranking, text) == "humanitarian"
    text = "buenas tardes, vi que buscan asistente legal bilingüe, quiero aplicar, tengo DACA, ¿me pueden contratar?"
    assert situations.settle("humanitarian", [], text) == "other"


def test_an_employers_audit_and_a_marriage_case_read_as_agents():
    text = "mi patrón dice que le llegó una auditoría de inmigración y que tengo 10 días para traerle papeles buenos o me corre"
    assert situations.settle("enforcement", [], text) == "employment"
    text = "hola, tengo que contestar una evidencia que me pidió inmigración para la residencia por casamiento, vence en 10 días"
    assert situations.settle("enforcement", [], text) == "family"
    text = "la migra vino a la casa preguntando por mi esposo, tenemos residencia por matrimonio en tramite"
    assert situations.settle("enforcement", [], text) == "enforcement"  # agents came


def test_released_with_a_paper_after_a_raid_is_a_removal_case():
    text = "hace dos años hubo una redada donde yo trabajaba, me arrestaron y me soltaron el mismo día con un papel, nunca me llegó nada más"
    assert situations.settle("enforcement", [], text) == "removal"
    assert situations.settle("enforcement", [], "hubo una redada en mi trabajo ayer, no me agarraron") == "enforcement"
    # the arrest just now: agents met today, whatever the paper is
    text = "me paro ICE manejando hace rato, me tomaron las huellas y me dejaron ir con un papel, ya se fueron pero estoy temblando"
    assert situations.settle("enforcement", [], text) == "enforcement"


def test_a_green_card_interview_read_as_citizenship_is_the_next_reading():
    ranking = [{"name": "situation_citizenship", "confidence": 0.2}, {"name": "situation_family", "confidence": 0.13},
               {"name": "situation_removal", "confidence": 0.12}]
    text = "buenas noches, tengo la cita de la entrevista de la residencia el martes de la otra semana y no sé qué papeles llevar"
    assert situations.settle("citizenship", ranking, text) == "family"
    assert situations.settle("citizenship", ranking, "tengo la residencia hace 5 años y quiero hacerme ciudadano") == "citizenship"
    # the naturalisation test, or citizenship misspelt, is citizenship whatever green card is named beside it
    for text in ("my dad is 72 and has green card for 25 years, does he have to take the test in english?",
                 "how do i aply for sitizenship, had my green card 6 yrs"):
        assert situations.settle("citizenship", ranking, text) == "citizenship"


def test_a_detention_only_asked_about_is_the_case_it_is_asked_in():
    ranking = [{"name": "situation_detention", "confidence": 0.6}, {"name": "situation_removal", "confidence": 0.3}]
    text = ("i missed my court yesterday, i had the date wrong i thought it was next week. now the online system says the judge"
            " ordered me removed. i live in greensboro nc. am i going to get picked up?")
    assert situations.settle("detention", ranking, text) == "removal"
    assert situations.settle("detention", ranking, "ICE picked up my husband this morning, will he be deported?") == "detention"


def test_a_friend_kept_at_a_check_in_is_the_reason_to_fear_the_visitors_own():
    text = ("Buenas, que pena molestar. Tengo una cita de ICE, la firma, dentro de 9 dias en la oficina de Miramar y me da panico"
            " porque a un pana mio lo dejaron detenido en su firma la semana pasada.")
    assert situations.settle("detention", [{"name": "situation_detention", "confidence": 0.6}], text) == "removal"

    text = "my check in at ICE is this afternoon at 3 and a guy in my building got detained at his last week. do i go? i have 2 hours"
    assert situations.settle("detention", [{"name": "situation_detention", "confidence": 0.6}], text) == "removal"


def test_a_letter_from_ice_read_as_a_detention_is_the_case_it_is_about():
    ranking = [{"name": "situation_detention", "confidence": 0.5}, {"name": "situation_removal", "confidence": 0.3}]
    assert situations.settle("detention", ranking, "mi mama tiene una carta de ICE y no entiende que es") == "removal"
    assert situations.settle("detention", ranking, "ICE detuvo a mi mama y le dieron una carta") == "detention"


def test_a_citizen_filing_for_relatives_is_family():
    ranking = [{"name": "situation_citizenship", "confidence": 0.5}, {"name": "situation_family", "confidence": 0.3}]
    text = ("my husband is a US citizen and he wants to file for my parents who are in nigeria, can he do it or only me when"
            " i become a citizen")
    assert situations.settle("citizenship", ranking, text) == "family"


def test_court_as_a_witness_beside_a_u_visa_is_the_victims_visa():
    text = ("hi, two years ago i got attacked at my job at the chicken plant and i made a police report and went to court as a"
            " witness. last month the detective finally signed the form for the U visa, the supplement B.")
    assert situations.settle("removal", [], text) == "humanitarian"
    assert situations.settle("removal", [], "i have court next month and i want to apply for the U visa") == "removal"


def test_a_trip_to_care_for_a_parent_is_a_travel_question():
    text = "soy residente permanente, can I go to honduras like 8 months para cuidar a mi mama que esta enferma sin perder la green card?"
    assert situations.settle("family", None, text) == "other"


@pytest.mark.parametrize("text, only", [
    ("its about work", True), ("es de mi trabajo", True), ("hola, es sobre my job", True), ("it's about my family", True),
    ("its about work, they sent an I-9 notice", False), ("my job wants to sponsor me", False),
])
def test_a_kind_of_matter_named_and_nothing_more(text, only):
    # (what is happening is still asked)
    assert situations.category_only(text) is only


@pytest.mark.parametrize("text", [
    "can you notarize a power of attorney for my mom in mexico? she needs it to sell a house",
    "do you guys translate documents?",
])
def test_a_translation_or_a_notarys_task_asked_of_the_firm_is_other(text):
    assert situations.settle("enforcement", None, text) == "other"


@pytest.mark.parametrize("text, read, settled", [
    ("mi sobrino llego solo de guatemala, tiene 17 y vive conmigo, que papeles puede tener?", "family", "humanitarian"),
])
def test_settled_on_the_words(text, read, settled):
    assert situations.settle(read, None, text) == settled


@pytest.mark.parametrize("text, only", [
    ("residencia", True), ("green card", True), ("papeles", True),
    ("mi residencia por mi esposo", False),
])
def test_a_goal_alone_leaves_the_matter_to_ask(text, only):
    assert situations.category_only(text) is only


def test_papers_held_over_the_visitor_is_abuse():
    assert situations.abused_by_partner("my ex husband is a citizen and never filed my papers, he used it to control me")


@pytest.mark.parametrize("text, read", [
    # a translation asked about as the case's need: the green card case
    ("PLEASE HURRY our green card interview is tomorrow morning and my husbands birth certificate is in spanish do we need a translation??",
     "family"),
    # a translation asked of the firm: something else
    ("our green card interview is next week, do you guys translate birth certificates?", "other"),
])
def test_a_green_card_interview_beside_a_translation(text, read):
    assert situations.from_ranking([{"name": "situation_other", "confidence": 0.9}], text) == read


@pytest.mark.parametrize("text, read, settled", [
    ("ICE stopped my husband in the car outside our building right now, they have him in the back of their car", "enforcement", "detention"),
    ("la migra paro a mi esposo y lo subieron a la patrulla", "enforcement", "detention"),
    ("mi esposa se tiene que presentar con inmigracion el lunes en la oficina de santa ana, y si la dejan detenida que hago", "enforcement",
     "removal"),
    ("tengo cita en USCIS para la residencia en un mes y tengo miedo que me agarren ahi porque entre sin papeles", "removal", "family"),
    ("tengo corte y cita para la residencia", "removal", "removal"),
    ("en mi trabajo le llego al owner una carta de ICE de I-9 inspection y dicen que hay que entregar todo el lunes", "enforcement",
     "employment"),
    ("ICE raided my job today for i-9 and took 5 workers", "enforcement", "enforcement"),
])
def test_settled_on_what_happened(text, read, settled):
    assert situations.settle(read, None, text) == settled


def test_a_program_named_later_sets_something_else_right():
    assert situations.program_told_later("other", "perdon es la cita de huellas de mi TPS, no es de corte") == "humanitarian"
    assert situations.program_told_later("family", "mi TPS") is None


_RANKED = [{"name": "situation_detention", "confidence": 0.6}, {"name": "situation_removal", "confidence": 0.25},
           {"name": "situation_enforcement", "confidence": 0.1}]


@pytest.mark.parametrize("read, text, matter", [
    # someone said to be in a facility now, whatever the first reading
    ("humanitarian", "my mom is in karnes for 2 months already, she asked for asylum at the border. im in san antonio", "detention"),
    ("removal", "husband been in adelanto 8 months. the judge keeps postponing. next date is in 20 days", "detention"),
    ("removal", "mi roommate esta detenido since last week en Otay Mesa, tiene su court date pronto", "detention"),
    # ... but not a time there that is over, nor the visitor's own town
    ("removal", "my brother was in adelanto for a year, now he has court in march", "removal"),
    ("removal", "we live in adelanto and my husband has court next month", "removal"),
    # kept at a check-in, then let go the same day: the case, nobody held
    ("detention", "he went to his ice appointment and they kept him all day but they let him go yesterday night. now what", "removal"),
    # taken in a raid weeks ago and still held
    ("enforcement", "my dad was picked up in the raid at the chicken plant 3 weeks ago and we still cant get him out", "detention"),
    # the visitor's own check-in, a cousin's taking told as the example of what is feared
    ("detention", "tengo una cita en ICE el próximo miércoles, check-in, y me da miedo que me detengan, a mi primo lo detuvieron así",
     "removal"),
    # detained again at her check-in
    ("removal", "a mi esposa la volvieron a detener en su check in el jueves, ella tenía ankle monitor", "detention"),
    # an employer's audit, no agency named
    ("enforcement", "en la empacadora hubo una auditoria de papeles hace 2 meses y me dijeron que mis papeles no pasaron", "employment"),
    # ICE calling the visitor in
    ("other", "an officer called me saying he is from ICE and i need to come in next thursday. is that real?", "removal"),
])
def test_what_is_happening_is_read_from_the_facts_told(read, text, matter):
    assert situations.settle(read, _RANKED, text) == matter


@pytest.mark.parametrize("text", ["ICE", "la migra", "  cbp!! "])
def test_an_agency_named_alone_tells_no_matter(text):
    assert situations.settle("enforcement", _RANKED, text) is None


def test_a_habit_of_being_let_go_is_not_a_release_this_time():
    assert situations.kept_at_appointment(
        "they kept my dad at his ICE check in this morning. he always went every year and they let him go")
    assert not situations.kept_at_appointment("they kept him at his ice appointment all day but they let him go last night")


def test_bailed_out_is_released_and_the_next_reading_stands():
    text = "my son got arrested for shoplifting and we bailed him out 2 days ago. no ice came. can ice still come for him?"
    ranking = [{"name": "situation_detention", "confidence": 0.6}, {"name": "situation_enforcement", "confidence": 0.3}]
    assert situations.RELEASED.search(text)
    assert situations.settle("detention", ranking, text) == "enforcement"


def test_a_neighbours_husband_taken_this_morning_is_a_detention():
    text = "esta mañana se llevaron al esposo de mi vecina aqui afuera del edificio, ya se fueron los agentes"
    ranking = [{"name": "situation_enforcement", "confidence": 0.5}, {"name": "situation_detention", "confidence": 0.3}]
    assert situations.settle("enforcement", ranking, text) == "detention"
    assert situations.settle("enforcement", ranking, "ICE raided the plant yesterday and took people, what are my rights") == "enforcement"


def test_things_with_immigration_for_two_tell_no_matter():
    assert situations.vague("mi esposa y yo tenemos cosas con inmigracion y queremos un abogado para los dos")


@pytest.mark.parametrize("read, text, matter", [
    # a relative's old order and a letter to report: the removal case, the visitor's DACA an aside
    ("humanitarian", "my mom got a letter from ice saying she has to report to the office next wednesday. she has an order from "
                     "years ago. im on daca myself", "removal"),
    # the visitor deported before, a brother taken now
    ("removal", "i was deported to guatemala 2 months ago and now my little brother got taken too, hes in georgia somewhere since 3 days",
     "detention"),
    # a neighbour's dad taken this morning
    ("enforcement", "ice came to my neighbors house around 6 this morning and took the dad. agents are gone. how do we find where he is",
     "detention"),
    # a mother's letter to report, told where the visitor is
    ("enforcement", "ahorita estoy en la casa de mi mamá en birmingham. a ella le llego una carta de ice que se presente en 8 dias",
     "removal"),
])
def test_whose_matter_it_is_in_a_story_of_two(read, text, matter):
    ranking = [{"name": f"situation_{read}", "confidence": 0.5}, {"name": "situation_detention", "confidence": 0.3}]
    assert situations.settle(read, ranking, text) == matter


def test_a_long_stay_abroad_with_a_green_card_is_a_travel_question():
    assert situations.travel_question("my dad in india is sick and i need to go take care of him maybe 8 months. "
                                      "i have a green card, will i lose it?")
    assert situations.vague("i'm worried about my husband's case")


@pytest.mark.parametrize("read, text, matter", [
    ("citizenship", "escribo por mi papa, el tiene una deportacion de hace como 20 años. yo soy ciudadana, lo puedo pedir?", "family"),
    ("family", "tengo un restaurante en denver y quiero hacerle el sponsor a mi cocinero para su green card", "employment"),
])
def test_a_petition_for_a_parent_and_an_employers_sponsorship(read, text, matter):
    assert situations.settle(read, [{"name": f"situation_{read}", "confidence": 0.5}], text) == matter


@pytest.mark.parametrize("text", ["mi esposo esta detenido en otero desde hace 2 semanas y me pide q le pague la fianza",
                                  "a mi muchacho lo tienen en el condado, ya pagamos la fianza y no lo sueltan"])
def test_a_bail_to_pay_or_paid_is_no_release(text):
    assert not situations.RELEASED.search(text)
