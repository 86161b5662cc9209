"""The safety net (bot.safety): a person in danger recognised in one message."""

import pytest

from bot import safety
from bot.safety import KINDS, Crisis, detect, normalize

# (message, kind, language), typed the way frightened people type.
POSITIVES = [
    # --- suicide, English ---
    ("i want to die", "suicide", "en"),
    ("honestly i just wanna die at this point", "suicide", "en"),
    ("pleeease help i want to diee", "suicide", "en"),
    ("i dont want to be here anymore", "suicide", "en"),
    ("im thinking of ending it", "suicide", "en"),
    ("I've been cutting myself again", "suicide", "en"),
    ("my son is cutting himself and i dont know what to do", "suicide", "en"),
    ("if they deport him i'm going to kill myself", "suicide", "en"),
    ("i want to kms", "suicide", "en"),
    ("sometimes i think about killing myself", "suicide", "en"),
    ("I have no reason to live anymore", "suicide", "en"),
    ("everyone would be better off without me", "suicide", "en"),
    ("i just want to go to sleep and never wake up", "suicide", "en"),
    ("whats the point of living like this", "suicide", "en"),
    ("my daughter says she wants to die", "suicide", "en"),
    ("i cant go on like this", "suicide", "en"),
    ("I don't want to live anymore", "suicide", "en"),
    ("i dont want to live like this anymore", "suicide", "en"),
    ("my wife tried to kill herself last night", "suicide", "en"),
    ("i feel like ending my life", "suicide", "en"),
    ("i wish i was dead", "suicide", "en"),
    ("planning to take all my pills tonight", "suicide", "en"),
    ("i have been having suicidal thoughts", "suicide", "en"),
    ("ive been self harming since they took my husband", "suicide", "en"),
    ("i just want everything to end", "suicide", "en"),
    ("my brother keeps saying he'll hang himself if he gets deported", "suicide", "en"),
    # --- suicide, Spanish ---
    ("no quiero vivir", "suicide", "es"),
    ("me quiero matar", "suicide", "es"),
    ("ya no aguanto mas quiero morir", "suicide", "es"),
    ("ya no kiero bibir", "suicide", "es"),
    ("me kiero morir", "suicide", "es"),
    ("mi hija se quiere suicidar", "suicide", "es"),
    ("pienso en quitarme la vida", "suicide", "es"),
    ("mi hijo se está cortando los brazos", "suicide", "es"),
    ("a veces pienso que todos estarían mejor sin mí", "suicide", "es"),
    ("quisiera dormir y no despertar", "suicide", "es"),
    ("me voy a tomar todas las pastillas", "suicide", "es"),
    ("ya no quiero seguir", "suicide", "es"),
    ("para que vivir si me van a deportar", "suicide", "es"),
    ("ojalá me muriera", "suicide", "es"),
    ("tengo ganas de morirme", "suicide", "es"),
    ("no tengo razon para vivir", "suicide", "es"),
    ("mi esposo dice que se va a matar si lo deportan", "suicide", "es"),
    ("ya no quiero vivir asi", "suicide", "es"),
    # --- medical, English ---
    ("my husband took a bunch of pills", "medical", "en"),
    ("she overdosed please help", "medical", "en"),
    ("my son isnt breathing", "medical", "en"),
    ("he's unconscious on the floor", "medical", "en"),
    ("my dad is having a heart attack", "medical", "en"),
    ("my baby is having a seizure", "medical", "en"),
    ("she's bleeding a lot from her head", "medical", "en"),
    ("my friend drank bleach", "medical", "en"),
    ("he passed out and won't wake up", "medical", "en"),
    ("i think my mom is having a stroke", "medical", "en"),
    ("my wife is pregnant and she is bleeding", "medical", "en"),
    ("he took all his pills and now he wont wake up", "medical", "en"),
    ("he cant breathe his lips are blue", "medical", "en"),
    ("we need an ambulance", "medical", "en"),
    ("my brother OD'd", "medical", "en"),
    ("i took 30 pills", "medical", "en"),
    ("my kid swallowed a bunch of tylenol", "medical", "en"),
    # --- medical, Spanish ---
    ("se tomó muchas pastillas", "medical", "es"),
    ("no respira", "medical", "es"),
    ("mi bebe no respira ayuda", "medical", "es"),
    ("mi esposo está inconsciente", "medical", "es"),
    ("creo que le está dando un infarto", "medical", "es"),
    ("mi hijo tiene convulsiones", "medical", "es"),
    ("esta sangrando mucho", "medical", "es"),
    ("mi mama se desmayo y no despierta", "medical", "es"),
    ("se tomo un frasco de pastillas", "medical", "es"),
    ("mi hermano tomo veneno", "medical", "es"),
    ("me duele mucho el pecho y no puedo respirar", "medical", "es"),
    ("lo atropello un carro", "medical", "es"),
    ("llamen una ambulancia por favor", "medical", "es"),
    # --- violence, English ---
    ("he has a gun", "violence", "en"),
    ("they're going to kill me", "violence", "en"),
    ("theyre gonna kill me", "violence", "en"),
    ("someone is threatening to hurt me", "violence", "en"),
    ("theres a man outside with a knife", "violence", "en"),
    ("my ex said he would kill me if i went to court", "violence", "en"),
    ("my husband has a gun and says he will shoot me", "violence", "en"),
    ("someone broke into our house", "violence", "en"),
    ("I was attacked on my way home from work", "violence", "en"),
    ("my brother got shot", "violence", "en"),
    ("they kidnapped my cousin at the border and want ransom", "violence", "en"),
    ("someone is trying to hurt me please help", "violence", "en"),
    ("a man is following me", "violence", "en"),
    ("my life is in danger", "violence", "en"),
    ("im scared for my life", "violence", "en"),
    ("he pointed a gun at me", "violence", "en"),
    ("they beat me up", "violence", "en"),
    ("there is shooting outside my building", "violence", "en"),
    ("my neighbor threatened to stab me", "violence", "en"),
    ("the coyote is holding my son and wants more money", "violence", "en"),
    ("I got jumped last night", "violence", "en"),
    ("i was raped", "violence", "en"),
    ("HE SAID HE WOULD KILL US ALL", "violence", "en"),
    # --- violence, Spanish ---
    ("me van a matar", "violence", "es"),
    ("tiene un arma", "violence", "es"),
    ("un hombre me esta siguiendo", "violence", "es"),
    ("la pandilla amenazó con matar a mi familia", "violence", "es"),
    ("me quieren matar ayudenme", "violence", "es"),
    ("hay un hombre afuera con una pistola", "violence", "es"),
    ("mi vida esta en peligro", "violence", "es"),
    ("secuestraron a mi hermano en la frontera", "violence", "es"),
    ("estan disparando afuera de mi casa", "violence", "es"),
    ("me amenazaron de muerte", "violence", "es"),
    ("mi ex dijo que me iba a matar", "violence", "es"),
    ("temo por mi vida", "violence", "es"),
    ("me apuntó con una pistola", "violence", "es"),
    ("nos estan extorsionando", "violence", "es"),
    # --- child, English ---
    ("he hurts my kids", "child", "en"),
    ("my daughter is being abused", "child", "en"),
    ("my husband hits me and the kids", "child", "en"),
    ("my stepdad touches my little sister", "child", "en"),
    ("my 6 year old is missing", "child", "en"),
    ("i think my boyfriend is molesting my daughter", "child", "en"),
    ("my son's father beats him", "child", "en"),
    ("my kids are scared of him", "child", "en"),
    ("the babysitter hit my baby", "child", "en"),
    ("someone touched my son at school", "child", "en"),
    ("my niece told me her uncle abuses her", "child", "en"),
    ("my baby's dad shakes the baby when he cries", "child", "en"),
    ("i cant find my son he was at the park", "child", "en"),
    # --- child, Spanish ---
    ("abusa de mi hija", "child", "es"),
    ("mi esposo le pega a mis hijos", "child", "es"),
    ("el padrastro toca a mi niña", "child", "es"),
    ("mi hijo esta desaparecido", "child", "es"),
    ("no encuentro a mi hija", "child", "es"),
    ("creo que abusaron de mi hijo", "child", "es"),
    ("mi pareja maltrata a los niños", "child", "es"),
    ("mi hija fue abusada", "child", "es"),
    ("golpea a mis chamacos", "child", "es"),
    # --- domestic violence, English ---
    ("hiding from my husband", "dv", "en"),
    ("he says he'll call ICE on me if I leave", "dv", "en"),
    ("my husband hits me", "dv", "en"),
    ("my boyfriend choked me last night", "dv", "en"),
    ("he beats me when he drinks", "dv", "en"),
    ("my husband threatens to take my kids and get me deported if i leave him", "dv", "en"),
    ("my ex wont stop threatening me", "dv", "en"),
    ("im scared of my husband", "dv", "en"),
    ("my husband took my passport and wont let me leave the house", "dv", "en"),
    ("i need a restraining order against my ex", "dv", "en"),
    ("my partner is very abusive", "dv", "en"),
    ("he pushed me down the stairs", "dv", "en"),
    ("my bf slapped me", "dv", "en"),
    ("i'm in an abusive relationship", "dv", "en"),
    ("he keeps saying he will report me to immigration", "dv", "en"),
    ("my wife hits me", "dv", "en"),
    ("the father of my kids beats me", "dv", "en"),
    ("my dad beats my mom", "dv", "en"),
    # --- domestic violence, Spanish ---
    ("mi esposo me pega", "dv", "es"),
    ("me golpea", "dv", "es"),
    ("mi marido me amenaza con llamar a la migra si lo dejo", "dv", "es"),
    ("me escondo de mi esposo", "dv", "es"),
    ("tengo miedo de mi pareja", "dv", "es"),
    ("mi novio me ahorcó anoche", "dv", "es"),
    ("mi esposo no me deja salir de la casa", "dv", "es"),
    ("sufro violencia doméstica", "dv", "es"),
    ("mi ex me quito mi pasaporte", "dv", "es"),
    ("el me da golpes", "dv", "es"),
    ("mi esposo me trata mal y me grita", "dv", "es"),
    ("me amenaza con quitarme a mis hijos", "dv", "es"),
    ("me golpia cuando toma", "dv", "es"),
    # --- indirect, misspelled, shouted ---
    ("nobody would care if i died", "suicide", "en"),
    ("i think i should just end it", "suicide", "en"),
    ("sometimes i wish i wasnt alive", "suicide", "en"),
    ("im gona kill myslef", "suicide", "en"),
    ("i cant do this anymore i want to end it all", "suicide", "en"),
    ("ya no quiero estar en este mundo", "suicide", "es"),
    ("ya no quiero vivr", "suicide", "es"),
    ("mi hija se corta", "suicide", "es"),
    ("she took too many of her pills", "medical", "en"),
    ("my grandma collapsed and isnt responding", "medical", "en"),
    ("mi bebe no esta respirando", "medical", "es"),
    ("mi hijo se trago unas pastillas de su abuela", "medical", "es"),
    ("HELP HE HAS A GUN", "violence", "en"),
    ("he is coming over to kill me", "violence", "en"),
    ("my boyfriend said hell kill me if i leave", "violence", "en"),
    ("they took my passport and wont let me leave the house, they make me work for free", "violence", "en"),
    ("ayudaaa me van a matar", "violence", "es"),
    ("mi esposo amenazo con matarme", "violence", "es"),
    ("la mara me esta buscando", "violence", "es"),
    ("abusaron de mi", "violence", "es"),
    ("my moms boyfriend touches me", "child", "en"),
    ("my children are not safe with him", "child", "en"),
    ("my 14 yo ran away and isnt answering", "child", "en"),
    ("mi hija de 15 años desapareció", "child", "es"),
    ("my huband hits me", "dv", "en"),
    ("he strangled me until i passed out", "medical", "en"),  # passed out: medical first
    ("my husband forces me to have sex", "dv", "en"),
    ("el novio de mi hija la golpea", "dv", "es"),
    ("mi esposo me dijo que si lo dejo me quita a los niños y me deporta", "dv", "es"),
    ("amenazó con llevarse a mis hijos", "dv", "es"),
    ("mi esposo me obliga a tener relaciones", "dv", "es"),
    # --- Spanglish: the language of the words that matched ---
    ("mi husband me pega", "dv", "es"),
    ("my esposo is hitting me", "dv", "en"),
    ("please help me quiero morir", "suicide", "es"),
    ("my ex me quiere matar", "violence", "es"),
    ("ayuda, my son took a bunch of pills", "medical", "en"),
    ("la migra no, es mi boyfriend, me golpea", "dv", "es"),
    ("el tiene una pistola and he is drunk", "violence", "es"),
]

# Intake messages that must not be flagged. Includes the figures of speech and
# distress that are not a crisis (decisions documented in bot/safety.py).
NEGATIVES = [
    "Hi, I need help with my asylum case",
    "ICE took my husband this morning in Chicago",
    "ICE is at my door right now",
    "my husband was deported last year",
    "I'm scared",
    "i'm scared of being deported",
    "We are hiding from ICE",
    "there was an ICE raid at my job",
    "my hearing is next week in Houston",
    "the deadline to file is Friday",
    "how much do you charge for a consultation?",
    "I'm dying to know if my green card got approved",
    "my cousin is killing it at work",
    "ICE will kill my chances of getting a visa",
    "they shot down my application",
    "the judge killed my case",
    "how do I execute the form I-864?",
    "I work at a hospital as a nurse",
    "my heart is broken since my son was deported",
    "My name is Maria Lopez",
    "I live in San Antonio, TX 78201",
    "my brother is detained in Otay Mesa",
    "can I travel while my DACA renewal is pending?",
    "I have a DUI from 2019",
    "will it hurt me if I apply for asylum late?",
    "will my DUI hurt my son's petition?",
    "could you shoot me an email with the documents?",
    "what happens at a check-in with ICE?",
    "they detained my son at the border",
    "tengo una cita en la corte el 12 de diciembre",
    "mi esposo fue deportado",
    "la migra se llevó a mi esposo",
    "necesito ayuda con mi caso de asilo",
    "cuanto cobran por la consulta?",
    "hola buenas tardes",
    "hui de El Salvador por las pandillas",
    "I fled Honduras in 2019",
    "my visa expired last month",
    "Is it safe to travel to Mexico with a pending case?",
    "the officer at the interview was rude",
    "my wife is pregnant and we need help with her papers",
    "i lost my job and my work permit expired",
    "we need to file before the deadline or my case is dead",
    "my kids are US citizens",
    "my husband's I-130 was denied",
    "i need a lawyer for my removal hearing",
    "can ICE arrest me at my check in?",
    "my son has a court date for a traffic ticket",
    "I'm stressed and can't sleep because of my case",
    "i am afraid they will deport me",
    "estoy en peligro de ser deportado?",
    "am i in danger of losing my status?",
    "my husband is in the hospital",
    "I want to leave my husband but I'm worried about my green card",
    "hello?",
    "what documents do I need for my wife's green card",
    "my son was born in 2015",
    "I'm in Dallas, my hearing is in 3 days",
    "they killed my asylum claim",
    "the notario robbed me",
    "this wait is killing me",
    "the stress is killing me",
    "I'm dead tired of waiting",
    "my son is missing school because of the raids",
    "ICE is knocking, what do I do",
    "my mom passed away last year",
    "i hit a car last week, will that affect my case?",
    "she was hit with a removal order",
    "mi abogado no responde",
    "me da miedo que me deporten",
    "la espera me está matando",
    "am I going to be deported?",
    "my boyfriend is a US citizen, can he petition for me?",
    "me pegaron una multa por manejar sin licencia",
    "the officer hit me with a bunch of questions",
    "my battery is dying",
    "i was followed up by uscis",
    "my mom had a heart attack two years ago",  # medical means now
    "my husband has seizures, does he qualify for a medical waiver?",
    "they threatened to deport me",
    "my family is in danger of being separated",
    "we ran away from the war in Ukraine",
    "I fled from the gangs in Honduras",
    "ICE grabbed my husband outside the store",
    "my ex is trying to take custody of my kids",
    "my son's father was deported",
    "i hit my limit with this process",
    "my phone is dying, call me back",
    "I'm going to die of boredom waiting for USCIS",
    "I'm drowning in paperwork",
    "i shot them an email yesterday",
    "i got my covid shot",
    "they cut my hours at work",
    "my lawyer is following my case",
    "my boss threatened me with ICE",
    "i'm afraid of the judge",
    "I escaped from Venezuela",
    "la violencia en mi pais es terrible",
    "my son has asthma",
    "I'm on antidepressants",
    "me quitaron la licencia",
    "mi jefe me grita todo el dia",
    "me amenazan con despedirme si no trabajo el domingo",
    "tengo miedo de que mi esposo sea deportado",
    "la migra golpeo la puerta muy fuerte",
    "mi abogado me dijo que mi caso esta muerto",
    "mi ex no quiere firmar el permiso para el pasaporte",
    "tengo una orden de deportacion",
    # criminal record is a legal question, not a danger
    "I was charged with domestic violence in 2015, can I still apply for citizenship?",
    "can my husband petition for me if he has a gun charge?",
    "tengo antecedentes de violencia domestica",
    # borderline, decided not flagged
    "I can't take it anymore, it's been two years waiting",  # exhaustion; "ya no aguanto" needs more to be suicide
    "ya no aguanto mas esta espera",
    "I'm having a panic attack about my interview",  # distress, not a medical emergency
    "my boss says he will call ICE if I complain about my pay",  # labour matter
    "my landlord is threatening to call immigration on us",  # housing matter
    "mi jefe me amenaza con llamar a migracion",
    "i don't want to die in my country",  # fear of return, not wish to die
    "no quiero morir en mi pais",
    "my father is dying in Mexico, can I travel to see him?",  # humanitarian travel question
    "me estoy muriendo de nervios por la audiencia",
    "me muero de ganas de ver a mis hijos",
    "me quiero morir de la verguenza",
]

# Borderline messages that ARE flagged, recall first (see bot/safety.py).
BORDERLINE_FLAGGED = [
    ("I'm not suicidal, just stressed", "suicide"),  # a denial still names it; a crisis line costs nothing
    ("my brother was beaten in detention last year", "violence"),  # past: flagged
    ("the gangs will kill me if I'm deported", "violence"),  # a death threat, wherever it is
    ("si me regresan a Honduras me van a matar", "violence"),
    ("I'd rather die than go back", "suicide"),
    ("my wife is going to kill me when she sees the bill", "violence"),  # hyperbole cannot be told apart
    ("I am a victim of domestic violence and want to apply for VAWA", "dv"),
    ("the ICE agents had guns and took my brother", "violence"),  # a weapon, whoever holds it
    ("I can't breathe, the stress is too much", "medical"),
    ("I want to disappear", "suicide"),  # passive suicidal wish
    ("my father is dying.", "medical"),
    ("I have a restraining order against my ex from 2018", "dv"),
    ("I was abused as a child", "child"),
    ("he threatened me", "dv"),  # an unnamed "he" defaults to dv
    ("my dad hits me", "child"),
    ("can my abusive ex-husband stop my green card?", "dv"),  # a disclosure of abuse
    ("my mom was a victim of domestic violence when I was little", "dv"),  # a parent hitting the writer: most likely a young person
]


@pytest.mark.parametrize("text, kind, language", POSITIVES)
def test_positive(text, kind, language):
    assert detect(text) == Crisis(kind, language)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text):
    assert detect(text) is None


@pytest.mark.parametrize("text, kind", BORDERLINE_FLAGGED)
def test_borderline_flagged(text, kind):
    crisis = detect(text)
    assert crisis is not None and crisis.kind == kind


def test_corpus_size_and_coverage():
    assert len(POSITIVES) >= 120 and len(NEGATIVES) >= 60
    covered = {(kind, language) for _, kind, language in POSITIVES}
    assert covered == {(kind, language) for kind in KINDS for language in ("en", "es")}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my son took a bunch of pills because he wants to die", "medical"),  # medical > suicide
        ("he has a gun and i want to kill myself", "suicide"),  # suicide > violence
        ("my husband says he will kill me", "violence"),  # violence > dv
        ("he beats me and my kids", "child"),  # child > dv
        ("mi esposo me pega y le pega a mis hijos", "child"),
        ("mi hija fue violada", "violence"),  # violence > child
        ("my daughter was raped", "violence"),
        # "me queria matar" is the visitor's own wish, unless someone named just before it wanted to kill
        ("me queria matar anoche", "suicide"),
        ("ya no aguanto, me queria matar", "suicide"),
        ("estoy escondida porque mi marido me queria matar anoche", "violence"),
        ("el me queria matar con un cuchillo", "violence"),
    ],
)
def test_priority(text, kind):
    assert detect(text).kind == kind


def test_empty_and_odd_input():
    assert detect("") is None
    assert detect(None) is None
    assert detect("   ...!!!   ") is None
    assert detect("😭😭😭") is None


@pytest.mark.parametrize(
    "raw, normal",
    [
        ("Mi esposo me pegó!!! ayúdenme", "mi esposo me pego . ayudenme"),
        ("I’m scared, he’ll kill me", "i am scared he will kill me"),
        ("i cant, he wont, u r gonna", "i can not he will not you are going to"),
        ("pleeease heeelp i wanna diiie", "please help i want to die"),
        ("kiero q me ayudes x favor", "quiero que me ayudes por favor"),
        ("i m so scared", "i am so scared"),
    ],
)
def test_normalize(raw, normal):
    assert normalize(raw) == normal


ALL_TEXTS = [t for t, _, _ in POSITIVES] + NEGATIVES + [t for t, _ in BORDERLINE_FLAGGED]


def test_trigger_stems_cover_every_match():
    """A rule is searched only when its stems occur; every message it matches must have one."""
    for text in ALL_TEXTS:
        norm = normalize(text)
        triggered = safety._triggered(norm)
        for number, rule in enumerate(safety._COMPILED):
            if rule.pattern.search(norm):
                assert number in triggered, (text, rule.pattern.pattern[:80])


def test_trigger_shortcut_changes_no_answer():
    every_rule = set(range(len(safety._COMPILED))) | {-1}
    for text in ALL_TEXTS:
        assert safety._classify(normalize(text), every_rule) == detect(text), text


# --- the wide net (recall first) ----------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("bought a rope today, dont know why im telling you", "suicide"),
        ("im standing on the bridge right now", "suicide"),
        ("my wife collapsed and is not responding", "medical"),
        ("mi papa tiene un dolor fuerte en el pecho", "medical"),
        ("someone is breaking in right now", "violence"),
        ("los de la pandilla me mandaron foto de mi casa", "violence"),
        ("im hiding in the closet from my boyfriend", "dv"),
        ("mis hijos estan solos en la casa, me agarro la migra", "child"),
        ("my ex took her from school and wont answer", "child"),
        ("someone took him from the park", "child"),
    ],
)
def test_the_wide_net_catches_what_the_rules_miss(text, kind):
    assert detect(text) is None or detect(text).kind == kind
    assert safety.detect_wide(text).kind == kind


@pytest.mark.parametrize(
    "text",
    ["my husband was detained by ICE yesterday", "I have court next week in Houston", "312 911 0144",
     "se lo llevo la migra", "I want to apply for citizenship", "my boss was screaming at me", "Maria Lopez",
     # immigration agents' own gear, said of a raid: know-your-rights, not 911
     "immigration came to my work yesterday with guns and vests and took like 30 people",
     "la migra llego con armas a la casa", "agentes armados en mi puerta",
     "how many days can I be outside the US before my green card is in danger",
     # an employer's or landlord's leverage, figures of speech, a petition that ends
     "the landlord threatened to call ice if we complain about the heat",
     "el patron amenaza con reportarnos a la migra si nos quejamos del pago",
     "el patron no me quiere pagar las horas extra, y me amenaza con mandarme de regreso",
     "ya detuvieron a su roommate at his last check in",  # (a roommate, not "into his room")
     "this wait is killing me, its been 14 months", "mi jefa me va a matar si llego tarde jaja",
     "does the i-130 my father filed for me die too now that he passed",
     # an arrest told at "where is he held?": they (the agents) took him, no child and no taker named
     "they took him from the bus station, idk where now"],
)
def test_the_wide_net_leaves_ordinary_intake_messages_alone(text):
    assert safety.detect_wide(text) is None


@pytest.mark.parametrize(
    "text",
    ["my boss beat me with a pipe and says he will call ICE if i tell anyone",
     "the landlord has a gun and said he will call ICE and kill us",
     "my husband says if i leave he will call immigration on me",
     "if my petition is denied i want to die too",
     "if the petition is denied my son will die too",
     "this is killing me, i want to end it tonight"],
)
def test_what_the_ordinary_readings_leave_is_still_danger(text):
    assert safety.detect_wide(text) is not None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my uncle is having a seizure on the kitchen floor", "medical"),
        ("my chest feels really tight and my left arm is tingling", "medical"),
        ("mi abuela tiene dolor en el pecho y el brazo dormido", "medical"),
        ("the neighbour says he will burn our house with us inside", "violence"),
        ("a man outside has a machete and is yelling at us", "violence"),
        ("alguien tiro una piedra y trae un cuchillo", "violence"),
        ("her stepdad burns her with cigarettes", "child"),
        ("quieren llevarse a mi hijo a la fuerza", "child"),
        ("his father is drunk and just drove off with my son", "child"),
    ],
)
def test_the_wide_net_added_from_dev2(text, kind):
    found = safety.detect_wide(text)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", ["Fatmata Kamara", "Samara Lopez", "Damara"])
def test_names_that_contain_a_gang_word_are_not_a_crisis(text):
    assert safety.detect_wide(text) is None


@pytest.mark.parametrize(
    "text, past",
    [
        ("I left him three months ago and I am safe at my sister's house now", True),
        ("i had a suicide attempt when i was 17, im 30 now and doing well", True),
        ("my ex boyfriend beat me and he is in jail now for it", True),
        ("he hit me years ago and now he is outside again", False),
        ("i was abused years ago and i want to die", False),
        ("hace años mi ex me pegaba y ahora me amenaza otra vez", False),
        ("he has a gun", False),
        # the basis of an asylum or U visa case, told as history
        ("soy de Colombia, me amenazaron por no pagar la extorsion", True),
        ("I am from Uganda and I was attacked at home because I am gay", True),
        ("he has a fear of going back, gangs threatened him in honduras", True),
        ("i was a victim of an armed robbery at work, can i get a u visa", True),
        ("i was robbed and beaten in march, police caught the guy, a detective said he can sign a paper for a visa", True),
        # ... but not when the danger may be here now, or is a threat of what is to come
        ("soy de honduras y me amenazaron, ahora estan afuera de mi casa", False),
        ("my ex threatened me and i want to apply for asylum, he says he will find me", False),
        ("i am from guatemala and my husband threatened to kill me", False),
        # years in the story, a plan in the present
        ("he came alone 2 years ago, he says he has the rope ready if they send him back", False),
        ("llegue hace 3 anos y ya escribi las cartas para mis hijos", False),
        # still eligible is not still in danger
        ("my ex husband was abusive years ago, we're divorced now and I'm safe. can I still apply for VAWA?", True),
        ("he still hits me, can i still apply for vawa?", False),
    ],
)
def test_past_and_safe(text, past):
    assert safety.past_and_safe(text) is past


def test_few_near_misses_raise_a_safety_flag():
    # Messages that sound like danger but are not (written blind, tests/conversations/probes/).
    # The help may still be shown (recall first); the staff flag should mostly stay off.
    import yaml
    from pathlib import Path

    path = Path(__file__).parent / "conversations" / "probes" / "crisis_tune.yml"
    near = [p["text"] for p in yaml.safe_load(path.read_text()) if p["kind"] != "crisis"]
    flagged = [t for t in near if safety.detect_wide(t) and not safety.past_and_safe(t)]
    assert len(near) >= 70 and len(flagged) <= 0.25 * len(near), flagged


# Written from the kinds of danger each hotline serves, not from any evaluation set:
# every one must get help (recall first), whatever kind the net names.
PLAIN_DANGER = [
    "i want to take my own life", "there is no reason for me to live anymore", "i keep thinking about ending everything",
    "i bought a rope", "i am going to jump off the bridge", "quiero desaparecer para siempre",
    "ya no aguanto mas, me quiero quitar la vida", "i wrote goodbye letters to my kids", "i'm thinking of hurting myself",
    "mi hijo dice que se quiere matar", "my daughter is talking about suicide", "nobody would care if i was gone",
    "my baby swallowed a battery", "he is choking and turning blue", "i think my mom is having a stroke, her face is drooping",
    "my husband fainted and won't wake up", "she took a whole bottle of pills", "my son drank bleach",
    "he got stabbed and is bleeding a lot", "mi papa no reacciona", "tiene convulsiones", "i think i'm having a heart attack",
    "he has a gun and said he will shoot us", "someone is trying to break into my house right now",
    "they said they'll kill my family if i don't pay", "a man is hitting me in the street", "me estan amenazando con un arma",
    "they are beating my brother outside", "gang members said they will hurt my son",
    "my husband beats me", "my boyfriend choked me last night", "he won't let me leave the house and took my phone",
    "mi esposo me golpea", "he says if i leave he will call ICE and take the kids", "mi pareja me amenaza con deportarme si lo dejo",
    "my son's father hits him with a belt", "a man touched my daughter", "my 5 year old is home alone", "my child is missing",
    "el padrastro abusa de mi hija", "my kids are locked in the car", "someone is hurting my little brother",
    "my baby hasn't eaten in two days and the father won't let me feed him",
]


@pytest.mark.parametrize("text", PLAIN_DANGER)
def test_plain_danger_always_gets_help(text):
    assert safety.detect_wide(text) is not None


@pytest.mark.parametrize("text", [
    "a mi hijo lo tienen en Jena Luisiana desde hace 10 dias",  # where ICE holds him, not a kidnapping
    "no sé dónde lo tienen",
    "i have daca and my grandma in mexico is dying, can i get advance parole fast?",
    "me pusieron un grillete y tengo cita con ICE mañana, tengo miedo que me dejen",
    # a program ending, and the figure of speech of a heart attack
    "tengo el TPS de venezuela y dicen que they're ending it, esa vaina me tiene loca",
    "me va a dar un infarto con esta carta, uscis me nego el permiso de trabajo",
    "i swear im gonna have a heart attack. ICE called my husbands phone",
    # the visitor waiting outside for someone held, not someone waiting for the visitor
    "la dejaron en migracion del aeropuerto, no la dejan salir, yo la estoy esperando afuera",
])
def test_detention_words_and_a_relatives_illness_are_not_danger(text):
    assert safety.detect_wide(text) is None


@pytest.mark.parametrize("text", ["i think my dad is having a heart attack", "le dio un infarto a mi papa", "im thinking about ending it"])
def test_a_heart_attack_and_ending_it_said_plainly_are_still_danger(text):
    assert safety.detect_wide(text) is not None


@pytest.mark.parametrize("text, past", [
    ("the people who brought me here took my passport and made me work. I left in august. I am ok now I live with a friend", True),
    ("they took my passport and didnt pay me. someone said T visa. im in immokalee now, i got away last year", True),
    ("a mi me asaltaron hace 2 años y puse denuncia en la policia, me dijeron q por eso puedo pedir una visa", True),
    ("he hit me years ago, im ok now but he is here again", False),
    ("i escaped last year, now im in denver and he is still calling me every night", False),
])
def test_safe_now_said_as_ok_or_with_where_the_visitor_is(text, past):
    assert safety.past_and_safe(text) is past


@pytest.mark.parametrize("text, past", [
    ("hola quiero saber sobre el U visa, fui víctima de un robo con arma", True),   # a question about the case
    ("i want to know about the u visa, i was a victim of an armed robbery", True),
    ("i want to know if i can get asylum, they threatened me back home and i want to kill myself", False),
    ("quiero matarme, fui victima de abuso", False),
])
def test_wanting_to_know_about_a_case_is_not_a_present_danger(text, past):
    assert safety.past_and_safe(text) is past


@pytest.mark.parametrize("text, past", [
    ("back home in guatemala i had big problems with the gangs, they killed my cousin. now im in nashville, can i still get asylum", True),
    ("i need asylum i cant go back to cameroon they will kill me because i am anglophone", True),
    ("no puedo regresar a honduras me van a matar", True),
    ("salimos por amenazas de las bandas en guayaquil", True),
    # home is not a country: a partner's threat there is danger now
    ("i cant go back home he will kill me", False),
    ("no puedo regresar a mi casa, me va a matar", False),
    ("my ex threatened me in guatemala and now he is here in houston outside my house", False),
])
def test_a_threat_in_the_country_fled_is_the_case_not_danger_here(text, past):
    assert safety.past_and_safe(text) is past


@pytest.mark.parametrize(
    "text",
    [
        "I got an email saying I won the DV lottery green card and I need to pay a fee by Friday. Scam?",
        "i am 68 and i want to be citizen before i die but i am afraid of the test",
    ],
)
def test_words_that_only_look_like_danger(text):
    assert safety.detect_wide(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # where they are now is not danger now; "is there still an app" is a question about the case
        "i am in tijuana right now with my 2 kids we came from ecuador because gangs threatened us. how can we ask asylum? is there still an app?",
        # "they will not sign" is not a threat to come
        "The police will not sign the form for my U visa. I was attacked at my job in 2023 and I went to hospital.",
    ],
)
def test_danger_told_as_the_basis_of_a_case_is_not_flagged(text):
    assert safety.past_and_safe(text)


def test_danger_now_beside_a_place_is_still_flagged():
    assert not safety.past_and_safe("he said he will kill me if i leave, im at my sisters right now")
    assert safety.detect_wide("i want to die") is not None


@pytest.mark.parametrize("text", [
    "ICE agents pointed guns at my kids and said they will shoot", "my ex has a gun and ICE is looking for him",
    "a man with a gun is outside my apartment",
])
def test_a_weapon_pointed_or_held_near_agents_is_still_danger(text):
    assert safety.detect_wide(text).kind == "violence"


@pytest.mark.parametrize("text, danger", [
    ("my boss took my passport when i came and he doesnt pay me", False),  # labour trafficking, not one of the kinds
    ("my old boss brought me here and took my passport, i got away in march", False),
    ("my husband took my passport", True),  # a partner's: abuse
    ("el patron nos quito los pasaportes y nos pega", True),  # a blow beside it is still read
    ("my landlord said hell break my legs if i report him", True),  # a threat of harm is not masked as leverage
    ("does that DUI kill my chances for citizenship", False),  # a figure of speech, for the wide net too
    ("they will kill my family", True),
])
def test_an_employers_papers_and_figures_of_speech(text, danger):
    assert (safety.detect_wide(text) is not None) is danger


@pytest.mark.parametrize("text", [
    "she left honduras with her baby because of threats",
    "we were married 6 years, i have police reports and a restraining order from 2025. he lives in arizona now",
    "he abused me for years. i got away last year",
])
def test_more_ways_of_telling_danger_as_past(text):
    assert safety.past_and_safe(text)


@pytest.mark.parametrize("text", ["mi hijo tiene 17 y vino solo hace un año, me dijeron de la visa juvenil",
                                  "my son came alone at 15 and now has court"])
def test_a_journey_made_alone_is_not_a_child_left_alone(text):
    assert safety.detect_wide(text) is None


def test_a_child_alone_now_is_still_heard():
    assert safety.detect_wide("my kids are alone at home since ICE took their mom").kind == "child"


def test_a_town_that_begins_with_bridge_is_not_a_bridge():
    assert safety.detect_wide("a el lo detuvieron hoy en la madrugada en bridgeport") is None
    assert safety.detect_wide("estoy en el puente").kind == "suicide"


def test_a_threat_with_its_condition_is_danger_now_whatever_months_the_story_names():
    text = ("my son crossed 2 months ago and has his asylum case going, were in houston. but the coyote says we owe 6000 more"
            " and sent me a picture of a gun and said theyll hurt him if we dont pay by sunday")
    assert safety.detect_wide(text) is not None and not safety.past_and_safe(text)


@pytest.mark.parametrize("text, past", [
    ("me quitaron el celular y me golpearon, tengo el reporte de la policia", True),  # strangers, reported
    ("me asaltaron hace un ano y fui a la policia", True),
    ("mi esposo me golpeo, tengo el reporte de la policia", False),  # someone close may still be there
    ("he hit me again tonight, i have a police report from last time", False),
])
def test_harm_reported_to_the_police_by_strangers_is_past(text, past):
    assert safety.past_and_safe(text) is past


def test_the_wide_net_matches_at_the_start_of_a_word():
    # "hola perdi mis papeles" had been read as "la perdi" (a lost girl)
    assert safety.detect_wide("hola, perdi mis papeles de la corte y no se cuando me toca") is None
    assert safety.detect_wide("la perdi en el parque, no la encuentro") is not None


@pytest.mark.parametrize("text, figure", [
    ("im in tulsa and i just got something in the mail from immigration court, im so scared i cant breathe", True),
    ("tengo tanto miedo que no puedo respirar", True),
    ("im so scared i cant breathe and my chest hurts", False),  # the body in trouble: a flag too
    ("my son cant breathe", False),
])
def test_fear_said_as_i_cant_breathe_is_a_figure(text, figure):
    assert safety.fear_figure(text) is figure


@pytest.mark.parametrize("text", [
    "I was robbed at gunpoint and the police gave me a certification, I want to do the U visa",
    "me asaltaron y la policía me dio un police report, quiero la visa U",
])
def test_a_crime_reported_told_for_a_u_visa_is_past(text):
    assert safety.past_and_safe(text)


def test_a_border_bridge_is_not_a_bridge_to_jump_from():
    assert safety.detect_wide("mi esposa fue a ver a su mama a nuevo laredo y al regresar anoche la detuvieron en el puente") is None
    assert safety.detect_wide("en el puente de laredo, customs, o ya la movieron no se") is None
    assert safety.detect_wide("still at the bridge i think or they moved her") is None  # where she is held
    assert safety.detect_wide("im on the bridge and i cant take it anymore").kind == "suicide"
    assert safety.detect_wide("estoy en el puente, ya no aguanto mas").kind == "suicide"


def test_abuse_ended_by_a_divorce_is_past():
    assert safety.past_and_safe("Mi exesposo era ciudadano y me maltrataba, ya me divorcié, ¿todavía puedo pedir algo?")
    assert not safety.past_and_safe("mi esposo me maltrata y no me deja salir")


def test_someone_held_by_the_authorities_is_not_a_child_in_danger():
    assert safety.detect_wide("they're holding her at the airport in newark, its been 6 hours") is None
    assert safety.detect_wide("a man is holding her in his house and wont let her go") is not None
    # held by immigration, said anywhere in the message
    assert safety.detect_wide("my brother was stopped at the Houston airport 2 days ago coming in on his visa and they are "
                              "still holding him, they say they will send him back") is None
    assert safety.detect_wide("the coyotes are holding him and want 5000") is not None
    # a relative taken or held by immigration, not by a parent or kidnappers; a baby taken stays a danger
    assert safety.detect_wide("ayúdenme por favor, inmigración se llevó a mi hijo") is None
    assert safety.detect_wide("agents just came to our house and took my son") is None
    assert safety.detect_wide("some men came and took my son") is not None
    assert safety.detect_wide("desde el domingo they have my dad en el Prairieland detention center en Alvarado") is None
    assert safety.detect_wide("ICE took my son and the coyotes have my daughter") is not None
    assert safety.detect_wide("they took my baby at the border and nobody tells me where she is, she is 2") is not None


def test_a_name_alone_is_not_danger_in_its_surname():
    assert safety.detect_wide("Eleazar Mata") is None
    assert safety.detect_wide("Mi Esposo Me Mata") is not None


def test_by_accident_is_a_medical_sign_only_beside_something_taken():
    assert safety.detect_wide("I think I registered to vote by accident at the DMV and voted once. is that a problem?") is None
    assert safety.detect_wide("my son drank bleach by accident").kind == "medical"
    assert safety.detect_wide("mi hija se tomo mis pastillas por accidente").kind == "medical"


@pytest.mark.parametrize("text, kind", [
    # the danger of removal asked about beside a case: not a person in danger
    ("my husband has had a deportation order since 2014 but ICE has never come for him. is he in danger?", None),
    ("mi hijo tiene orden de deportacion, esta en peligro?", None),
    # danger asked about beside harm, or with no case told, is still read
    ("my sister husband hits her, is she in danger? she has no papers and fears ICE", "dv"),
    ("is he in danger?", "violence"),
])
def test_the_danger_of_removal_asked_about_is_not_a_crisis(text, kind):
    found = safety.detect(text)
    assert (found.kind if found else None) == kind


@pytest.mark.parametrize("text", [
    "mi permiso de tps se vencio y en el trabajo ya no me dejan trabajar, pero me dijeron que esta extendido automatico, es cierto?",
    "mi patron no me deja trabajar",
])
def test_work_not_allowed_at_a_job_is_no_danger(text):
    assert safety.detect_wide(text) is None


@pytest.mark.parametrize("text", ["mi esposo no me deja trabajar", "mi esposo no me deja salir de la casa", "el no me deja ver a mis hijos"])
def test_a_partner_who_does_not_let_them_is_still_dv(text):
    assert safety.detect_wide(text).kind == "dv"


def test_an_old_dropped_arrest_for_domestic_violence_is_record_talk():
    text = "i have an old arrest from 10 years ago for domestic violence, it was dropped. will this stop my citizenship?"
    assert safety.detect_wide(text) is None


def test_a_paper_missing_is_no_missing_child():
    assert safety.detect_wide("we just realized my wife's birth certificate translation is missing") is None
    assert safety.detect_wide("our kid is missing since last night").kind == "child"


def test_a_lawyer_not_responding_is_no_medical_emergency():
    assert safety.detect_wide("my employer's lawyer isn't responding. Can you help?") is None
    assert safety.detect_wide("el abogado no responde mis llamadas") is None
    assert safety.detect_wide("my dad is not responding").kind == "medical"
    assert safety.detect_wide("mi mama no responde").kind == "medical"


def test_the_visitors_own_past_arrest_for_domestic_violence_is_record_talk():
    assert safety.detect_wide("Quiero hacerme ciudadano pero me arrestaron hace 5 años por violencia doméstica, ¿me lo van a negar?") is None
    assert safety.detect_wide("mi esposo me pega, hay violencia domestica").kind == "dv"


@pytest.mark.parametrize("text, danger", [
    ("shoots, go ahead", False),  # Hawaiian "ok"
    ("shoots", False),
    ("he shoots at us", True),
    ("they shoot people here", True),
])
def test_shoots_said_as_ok_is_no_danger(text, danger):
    assert (safety.detect_wide(text) is not None) is danger
