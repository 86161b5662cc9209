"""What each place in a message is to the visitor (bot.places.roles), and where the visitor is."""
from __future__ import annotations


import pytest

from bot.places import location, resolver, roles as place_roles
from bot.places.roles import ROLES, PlaceMention, mentions, visitor_location


def where(place):
    """A place as its state code in the US, else its country code ("US" for the country)."""
    return place.state or place.country_code


def roles(text):
    return [(m.role, where(m.place)) for m in mentions(text)]


# (message, [(role, state or country) for each place, in order])
CASES = [
    # --- self: the message says the visitor is there
    ("I live in Houston", [("self", "TX")]),
    ("i live in houston tx", [("self", "TX")]),
    ("im in dallas", [("self", "TX")]),
    ("i m in phoenix", [("self", "AZ")]),
    ("I'm in Mexico", [("self", "MX")]),
    ("I am in Phoenix right now", [("self", "AZ")]),
    ("we're in Chicago", [("self", "IL")]),
    ("we live in san deigo", [("self", "CA")]),
    ("I'm at my sister's house in Atlanta", [("self", "GA")]),
    ("we are located in Miami", [("self", "FL")]),
    ("located in miami fl", [("self", "FL")]),
    ("from here in Denver", [("self", "CO")]),
    ("here in Charlotte ICE is everywhere", [("self", "NC")]),
    ("I'm calling from Houston", [("self", "TX")]),
    ("hello from Newark", [("self", "NJ")]),
    ("I'm 30 minutes from San Antonio", [("self", "TX")]),
    ("I've been living in the US for 10 years", [("self", "US")]),
    # a stay told with how long it lasted, in the past
    ("I spent like 5 months in Guatemala with my dad last year, does it break my residence", [("trip", "GT")]),
    ("pasé 3 meses en El Salvador cuidando a mi abuela", [("trip", "SV")]),
    # a verb after "and" shares the clause's subject
    ("my grandmother is 80 and still living in Leon, Nicaragua", [("relative", "NI")]),
    ("mi papá ya está viejo y vive en Honduras", [("relative", "HN")]),
    ("I came in 2015 and live in Tulsa now", [("self", "OK")]),
    ("I visited my mom and live in Tulsa now", [("self", "OK")]),
    ("i married her dad when she was 10, she's 17 now and lives in Toronto with her mom", [("relative", "CA")]),
    ("I work in Seattle on H-1B but I'm stuck in Shanghai", [("unclear", "WA"), ("self", "CN")]),
    ("we're stranded in Tijuana", [("self", "MX")]),
    ("my wife is stuck in mexico with our baby", [("relative", "MX")]),
    ("me and my kids are in Omaha", [("self", "NE")]),
    ("my wife and I live in Denver", [("self", "CO")]),
    ("I live with my husband in Boise", [("self", "ID")]),
    ("I'm a US citizen living in Texas", [("self", "TX")]),
    ("HI I LIVE IN TEXAS", [("self", "TX")]),
    ("i leave in houston", [("self", "TX")]),  # "live", as often typed
    ("were in houston", [("self", "TX")]),  # "we're"
    ("I’m in Texas, in Houston", [("self", "TX"), ("self", "TX")]),
    ("60614", [("self", "IL")]),
    ("my zip is 33101", [("self", "FL")]),
    ("We live at 4521 Elm St Apt 3, Dallas, TX 75201", [("self", "TX")]),
    ("123 Oak Court, Houston TX", [("self", "TX")]),
    ("Houston is where I live", [("self", "TX")]),
    # Spanish
    ("vivo en los angeles", [("self", "CA")]),
    ("estoy en houston", [("self", "TX")]),
    ("estamos en Phoenix", [("self", "AZ")]),
    ("vivimos en Nashville", [("self", "TN")]),
    ("estamos viviendo en Atlanta", [("self", "GA")]),
    ("aqui en Chicago la migra se llevo a mi hermano", [("self", "IL")]),
    ("acá en Raleigh", [("self", "NC")]),
    ("le escribo desde Dallas", [("self", "TX")]),
    ("estoy aqui en los estados unidos", [("self", "US")]),
    # Spanglish
    ("I live en Houston", [("self", "TX")]),
    ("estoy in Atlanta", [("self", "GA")]),
    # --- detained: where someone is held
    ("they took him to the Adelanto detention center", [("detained", "CA")]),
    ("my son is at the Port Isabel processing center", [("detained", "TX")]),
    ("my daughter is in the Karnes county detention center", [("detained", "TX")]),
    ("my husband is being held in El Paso", [("detained", "TX")]),
    ("my brother is detained in Texas", [("detained", "TX")]),
    ("my brother is in ice custody in louisiana", [("detained", "LA")]),
    ("he is in jail in Harris county", [("detained", "TX")]),
    ("they transferred him to Louisiana", [("detained", "LA")]),
    ("my husband is locked up in Georgia", [("detained", "GA")]),
    ("they have my husband in Arizona", [("detained", "AZ")]),
    ("mi hermano esta detenido en Arizona", [("detained", "AZ")]),
    ("mi hermano esta en la carcel de Houston", [("detained", "TX")]),
    ("lo llevaron a Louisiana", [("detained", "LA")]),
    ("lo tienen en Otero county", [("detained", "NM")]),
    ("a mi hijo lo mandaron a un centro en Iowa", [("detained", "IA")]),  # a place of detention between
    ("they sent him to a jail in Georgia", [("detained", "GA")]),
    ("my husbnd is detaind in Georgia", [("detained", "GA")]),
    # --- origin
    ("I have TPS from El Salvador", [("origin", "SV")]),
    ("TPS for Honduras", [("origin", "HN")]),
    ("my family is back home in Guatemala", [("origin", "GT")]),
    ("I came from Venezuela", [("origin", "VE")]),
    ("I'm from Mexico", [("origin", "MX")]),
    ("we're originally from El Salvador", [("origin", "SV")]),
    ("I was born in Guatemala", [("origin", "GT")]),
    ("my country Honduras is not safe", [("origin", "HN")]),
    ("I left Nicaragua in 2019", [("origin", "NI")]),
    ("my husband was deported to Mexico", [("origin", "MX")]),
    ("soy de Honduras", [("origin", "HN")]),
    ("vengo de Venezuela", [("origin", "VE")]),
    ("naci en Guatemala", [("origin", "GT")]),
    # --- relative
    ("my brother in Honduras", [("relative", "HN")]),
    ("my mom lives in Honduras", [("relative", "HN")]),
    ("my husband is in Mexico", [("relative", "MX")]),
    ("I think my brother is in Houston", [("relative", "TX")]),
    ("my son who lives in Guatemala needs a visa", [("relative", "GT")]),
    ("I have family in Mexico", [("relative", "MX")]),
    ("he is in Tijuana", [("relative", "MX")]),
    ("my brother's in Mexico", [("relative", "MX")]),
    ("my brothr is in Honduras", [("relative", "HN")]),
    ("mi mama vive en Honduras", [("relative", "HN")]),
    ("mis hijos estan en Guatemala", [("relative", "GT")]),
    ("mi esposo en El Salvador", [("relative", "SV")]),
    # --- trip
    ("can I travel to Mexico", [("trip", "MX")]),
    ("can i travle to mexico with daca", [("trip", "MX")]),
    ("I'm going to Mexico next week", [("trip", "MX")]),
    ("can I go back to Honduras to visit my mom", [("trip", "HN")]),
    ("I want to visit Canada", [("trip", "CA")]),
    ("I want to fly to Guatemala", [("trip", "GT")]),
    ("a trip to Cancun", [("trip", "MX")]),
    ("quiero viajar a Mexico", [("trip", "MX")]),
    # --- court
    ("my court is in San Antonio", [("court", "TX")]),
    ("my court date is in Houston", [("court", "TX")]),
    ("I have a hearing in Dallas next week", [("court", "TX")]),
    ("the judge in Orlando denied my case", [("court", "FL")]),
    ("my case was transferred to Dallas", [("court", "TX")]),
    ("tengo corte en San Antonio", [("court", "TX")]),
    ("the Houston immigration court", [("court", "TX")]),
    # --- consulate
    ("my interview at the consulate in Ciudad Juarez", [("consulate", "MX")]),
    ("visa interview in Ciudad Juarez", [("consulate", "MX")]),
    ("the embassy in Tegucigalpa", [("consulate", "HN")]),
    ("tengo mi cita en el consulado de Ciudad Juarez", [("consulate", "MX")]),
    # --- unclear: no cue, or a cue that does not say whose place it is
    ("ICE took my husband in Chicago", [("unclear", "IL")]),
    ("raids in Houston", [("unclear", "TX")]),
    ("Houston", [("unclear", "TX")]),
    ("ICE detained my husband in Chicago yesterday", [("unclear", "IL")]),
    ("my husband was detained in Chicago", [("unclear", "IL")]),
    ("my hubby got detained in Atlanta", [("unclear", "GA")]),
    ("mi esposo fue detenido en Houston", [("unclear", "TX")]),
    ("se llevaron a mi esposo en Houston", [("unclear", "TX")]),
    ("la migra esta en Houston", [("unclear", "TX")]),
    ("hay redadas en Houston", [("unclear", "TX")]),
    ("ICE agents are in my neighborhood in houston", [("unclear", "TX")]),
    ("we moved to Houston last year", [("self", "TX")]),
    ("they moved him from krome to broward", [("detained", "FL")]),  # a move of their own: where they live now
    ("we moved to Denver in 2019, then to Dallas", [("unclear", "CO"), ("unclear", "TX")]),
    ("I work in Houston", [("unclear", "TX")]),
    ("Do you have an office in Houston", [("unclear", "TX")]),
    # the ICE office of a check-in: the case's place, not the visitor's
    ("en diez dias me toca presentarme en la oficina de ICE en memphis", [("court", "TN")]),
    ("my check in is at the ICE office in san antonio", [("court", "TX")]),
    ("tengo que ir a firmar a memphis", [("court", "TN")]),
    ("im at the office in houston right now", [("unclear", "TX")]),
    ("I don't live in Houston anymore", [("unclear", "TX")]),
    ("we were in Mexico for 5 years", [("unclear", "MX")]),
    ("ICE raided my brother's house in Atlanta", [("unclear", "GA")]),
    # --- two places with different roles
    ("my brother is detained in Texas but I live in Ohio", [("detained", "TX"), ("self", "OH")]),
    ("soy de Honduras pero vivo en Miami", [("origin", "HN"), ("self", "FL")]),
    ("we're from guatemala but we're in houston", [("origin", "GT"), ("self", "TX")]),
    ("I was born in Mexico and live in Houston", [("origin", "MX"), ("self", "TX")]),
    ("my mom lives in Honduras and I live in Texas", [("relative", "HN"), ("self", "TX")]),
    ("my mom in Honduras is sick and I'm in Dallas", [("relative", "HN"), ("self", "TX")]),
    ("I live in Miami and my court is in Orlando", [("self", "FL"), ("court", "FL")]),
    ("my hearing is in dallas, we live in fort worth", [("court", "TX"), ("self", "TX")]),
    ("I live in Houston and want to travel to Honduras", [("self", "TX"), ("trip", "HN")]),
    ("hola vivo en houston y mi esposo esta detenido en Conroe", [("self", "TX"), ("detained", "TX")]),
    ("HI I LIVE IN TEXAS AND MY HUSBAND IS DETAINED IN LOUISIANA", [("self", "TX"), ("detained", "LA")]),
    ("I'm in Houston but my husband is in the Conroe processing center", [("self", "TX"), ("detained", "TX")]),
    ("we came to the US from Honduras in 2015", [("unclear", "US"), ("origin", "HN")]),
    ("ICE picked up my dad in Phoenix and now he's in Eloy", [("unclear", "AZ"), ("relative", "AZ")]),
    ("my interview is at the consulate in Ciudad Juarez but I live in Denver", [("consulate", "MX"), ("self", "CO")]),
    ("naci en El Salvador pero vivimos en Los Angeles", [("origin", "SV"), ("self", "CA")]),
    ("the US embassy in Honduras", [("consulate", "US"), ("consulate", "HN")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_roles(text, expected):
    assert roles(text) == expected


def test_every_role_is_covered_with_at_least_80_messages():
    assert len(CASES) >= 80
    seen = {role for _, expected in CASES for role, _ in expected}
    assert seen == set(ROLES)
    assert sum(len({r for r, _ in e}) > 1 for _, e in CASES) >= 10


# (message, state or country of the visitor's location or None, status)
LOCATIONS = [
    ("I live in Houston", "TX", "self"),
    ("I'm in Mexico", "MX", "self"),
    ("my brother is detained in Texas but I live in Ohio", "OH", "self"),
    ("I'm in Texas, in Houston", "TX", "self"),
    ("I'm calling from Houston", "TX", "self"),
    ("soy de Honduras pero vivo en Miami", "FL", "self"),
    ("60614", "IL", "self"),
    ("ICE took my husband in Chicago", "IL", "unclear"),
    ("raids in Houston", "TX", "unclear"),
    ("Houston", "TX", "unclear"),
    ("we came to the US from Honduras in 2015", "US", "unclear"),
    ("my brother in Honduras", None, "other"),
    ("I have TPS from El Salvador", None, "other"),
    ("my family is back home in Guatemala", None, "other"),
    ("I came from Venezuela", None, "other"),
    ("can I travel to Mexico", None, "other"),
    ("my interview at the consulate in Ciudad Juarez", None, "other"),
    ("they took him to the Adelanto detention center", None, "other"),
    ("my court is in San Antonio", None, "other"),
    ("I'm from Mexico", None, "other"),
    ("ICE took my husband", None, "none"),
    ("they took him to the Otay Mesa detention center", None, "none"),  # not a place we know
    ("", None, "none"),
    # a misspelt name after "I live in" is read as an answer to "Where are you?" would be
    ("my brother is in a center in pearsal, i live in san antnio", "TX", "self"),
    ("vivo en los angelos y mi esposo esta en mexico", "CA", "self"),
    ("we live in fear of ICE", None, "none"),
    ("I'm an American living in Frankfurt", "DE", "self"),
    ("i was deported 3 years ago, now im back in honduras. my wife is a citizen in texas", "HN", "self"),
    ("we are still in tijuana waiting for our turn", "MX", "self"),
    # a trip still to make starts where the visitor is; someone else's, or one made, does not
    ("my wife is at the broward transitional center, im driving down from orlando to see her tomorrow", "FL", "self"),
    ("my brother is flying from guatemala tomorrow", None, "other"),
    ("i drove from houston yesterday", None, "other"),
    ("I am a software engineer in Bangalore and a company in Austin wants to hire me", "IN", "self"),
    # taken from a home: the visitor's home, asked about with a yes/no question; a home left behind is not
    ("ICE just took my husband from our house in Pasadena, Texas", "TX", "unclear"),
    ("we fled from our home in Honduras", None, "other"),
    ("I came from my house in Guatemala", None, "other"),
    # the visitor's place said beside someone else's: "with me in", back home now, stuck where a trip went
    ("my nephew is 17 and came alone, he lives with me in long island", "NY", "self"),
    ("mi sobrino vive conmigo en houston", "TX", "self"),
    ("he was with me in dallas when they took him", "TX", "unclear"),
    ("they separated them, our daughter is with me now in chula vista", "CA", "self"),
    ("a mi esposo lo deportaron hace 4 meses y ahora estamos los dos en tijuana, yo soy ciudadana", "MX", "self"),
    ("My son needs to file asylum. He lives in Boston with me.", "MA", "self"),
    ("they live next door to me in Oxnard. she has 4 kids", "CA", "self"),
    ("her son was picked up by border patrol 4 days ago. she lives in Milwaukee, me too", "WI", "self"),
    ("my brother lives in dallas with his wife", None, "other"),
    ("She's probably in a county jail somewhere, I'm home in Racine.", "WI", "self"),
    ("i went to mexico for my interview, im back home in dallas now", "TX", "self"),
    ("i went to mexico city for the visa stamping and they gave me 221g, now im stuck aqui", "MX", "self"),
    ("i went to mexico city for the visa stamping last year", None, "other"),
    ("I'm on Long Island, my number is 631-555-0144", "NY", "self"),
    ("im on the way to houston", "TX", "unclear"),
    # two places of their own: the one they are at right now
    ("vivo en el paso pero ahorita estoy en juarez", "MX", "self"),
    ("i live in okc but right now im in dallas", "TX", "self"),
    ("i live in El Paso but right now im staying with my sister in Las Cruces", "NM", "self"),
    ("vivo en Dallas pero ahorita estoy en casa de mi hermana en Oklahoma City", "OK", "self"),
    ("my brother is staying with my aunt in houston", None, "other"),
    ("he choked me and now im hiding at my sister's in fresno", "CA", "self"),
    ("quiero cambiar el venue porque me mude a Boise", "ID", "self"),
    ("me mude de new york a ohio y mi court sigue en new york", "OH", "self"),
    ("we moved from texas to ohio last year", "OH", "self"),
    ("estoy escondida en casa de mi prima en fresno", "CA", "self"),
    # where they no longer are
    ("no estoy en houston, estoy en dallas", "TX", "self"),
    ("en San Salvador, ya no estoy en usa", "SV", "unclear"),
    # someone else's house, and the visitor elsewhere
    ("estan los de ICE en la casa de mi mama ahorita, estoy hablando con ella, ella esta en houston y yo en monterrey", "MX", "unclear"),
]


@pytest.mark.parametrize("text, expected, status", LOCATIONS)
def test_visitor_location(text, expected, status):
    place, got = visitor_location(text)
    assert got == status
    assert (where(place) if place else None) == expected


def test_self_place_is_the_most_specific():
    place, status = visitor_location("I'm in Texas, in Houston")
    assert (status, place.city) == ("self", "Houston")
    place, status = visitor_location("I live in Portland, in Maine")
    assert (status, place.state, place.city) == ("self", "ME", "Portland")


def test_unclear_picks_the_most_specific_us_place():
    place, status = visitor_location("they came from Mexico, ICE is in Texas and raids in Dallas")
    assert (status, place.city, place.state) == ("unclear", "Dallas", "TX")
    place, status = visitor_location("we came to the US and ICE took my husband in Chicago")
    assert (status, place.city) == ("unclear", "Chicago")


def test_mentions_carry_the_words_and_offsets():
    text = "my brother  is detained in   Texas but I live in Ohio"
    found = mentions(text)
    assert [(m.text, m.role) for m in found] == [("Texas", "detained"), ("Ohio", "self")]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert isinstance(m, PlaceMention) and m.role in ROLES
    assert mentions("") == [] and mentions("ICE took my husband") == []


def test_places_mentions_are_the_resolvers():
    text = "soy de  mexico pero vivo en chicago"
    found = resolver.mentions(text)
    assert [(text[s:e], p.country_code) for s, e, p in found] == [("mexico", "MX"), ("chicago", "US")]
    assert resolver.choose([p for _, _, p in found]).country_code == "MX"
    assert resolver.choose([]) is None
    # resolve() itself is unchanged: the place introduced as home wins.
    assert resolver.resolve(text).city == "Chicago"



# --- bot.places.location.heard_in_passing: what the intake form keeps from a message ---


def test_heard_in_passing_keeps_own_place_and_others_roles():
    from bot.places import location

    heard = location.heard_in_passing("my brother is detained in honduras and i live in houston", None, {"situation": "detention"})
    assert heard["state"] == "TX" and any("Honduras" in p for p in heard["places_mentioned"])


def test_heard_in_passing_asks_about_a_place_with_no_role_once():
    from bot.places import location

    assert location.heard_in_passing("ICE took my husband in chicago", "consent", {})["location_guess"] == "Chicago, IL"
    assert "location_guess" not in location.heard_in_passing("raids in houston", "situation", {"location_guess": "Chicago, IL"})


def test_heard_in_passing_at_the_yes_no_question_takes_any_place():
    from bot.places import location

    assert location.heard_in_passing("no im in dallas", "location_confirmed", {})["state"] == "TX"


@pytest.mark.parametrize("text, place, role", [
    ("Can she come back if I petition? I'm a US citizen in Charlotte", "Charlotte, NC", "self"),
    ("my employer is in california but i work remote from austin", "Austin, TX", "self"),
    ("she lives in phoenix but im handling it from seattle", "Seattle, WA", "self"),
    ("hola, soy enfermera en madrid y un hospital de florida me ofrece trabajo", "Madrid, Spain", "self"),
    ("my husband is a us citizen in texas", "Texas", "relative"),
    ("i am a citizen of mexico", "Mexico", "origin"),
    ("border patrol has him in el paso since saturday. im his uncle in albuquerque", "Albuquerque, NM", "self"),
    ("soy su tia en dallas, a el lo tienen en conroe", "Dallas, TX", "self"),
])
def test_who_is_where_by_what_they_do_there(text, place, role):
    found = {m.place.label: m.role for m in mentions(text)}
    assert found.get(place) == role


def test_spanish_words_that_are_also_town_names_are_not_places():
    assert [m.place.label for m in mentions("ya lleva como un mes, como lo saco de ahi")] == []
    assert visitor_location("estamos en el bronx")[0].city == "Bronx"


def test_an_ambiguous_town_is_settled_by_the_place_beside_it():
    from bot.places import location

    place = location.answer_place("evans", "we're in evans, right by greeley")
    assert (place.city, place.state) == ("Evans", "CO")
    assert location.answer_place("springfield", "springfield").state is None  # nothing to settle it


def test_the_state_question_answered_with_the_town_and_a_neighbour():
    from bot.places import location

    assert location.state_answer("Evans", "we're in evans, right by greeley", "we're in evans, right by greeley").state == "CO"
    assert location.state_answer("Evans", "CO", "CO").state == "CO"


def test_the_same_town_again_at_the_state_question_is_the_biggest_of_that_name():
    from bot.places import location

    assert location.state_answer("Portland", "portland", "portland").state == "OR"
    assert location.state_answer("Portland", "no idea", "no idea") is None


@pytest.mark.parametrize("text", ["mi hermano esta aqui conmigo escondido", "estamos escondidos en el cuarto", "se puso amarillo del susto",
                                  "los de migracion estan en el campo donde trabajo"])
def test_everyday_spanish_words_are_not_towns(text):
    from bot.places import location

    assert location.heard_in_passing(text, "consent", {}) == {}


@pytest.mark.parametrize(
    "text, role",
    [("im at my moms place in queens right now", "self"), ("we are at my tias house in salinas", "self")],
)
def test_a_relatives_place_typed_without_the_apostrophe(text, role):
    assert [m.role for m in mentions(text)] == [role]


@pytest.mark.parametrize("text, abroad", [
    ("I worked as interpreter for US army in Iraq, my parents are still in baghdad and they are in danger", True),
    ("my son is 16 and still in guatemala, the gangs beat him last week. can he come here and ask for asylum?", True),
    ("estamos en ciudad juarez esperando, nos estan amenazando aqui tambien", False),  # the visitor is there
    ("my ex followed me from honduras and is outside my house", False),  # the danger is here
    ("he hits me every night", False),  # no place: where the visitor is
    ("my brother in houston is being beaten by his wife", False),
    # the country left, with the danger here
    ("im 16 my uncle brought me from ecuador. he hits me with the pan if i say im tired", False),
    ("soy de honduras y las maras me buscan alla, me quieren matar", True),
])
def test_danger_only_in_another_country(text, abroad):
    assert place_roles.danger_abroad(text) is abroad


@pytest.mark.parametrize(
    "text, state, city",
    [("I have immigration court in Omaha on June 8 2027, I want a lawyer to go with me. I live in Schuyler", "NE", "Schuyler"),
     ("my court is in omaha and i live in schuyler near the plant", "NE", "Schuyler")],
)
def test_a_small_town_is_settled_by_the_state_another_place_is_in(text, state, city):
    place, role = visitor_location(text)
    assert role == "self" and (place.state, place.city) == (state, city)


def test_a_bare_town_is_in_the_state_the_message_names():
    place, role = visitor_location("my son is held in the butler county jail in ohio since monday. we are in hamilton")
    assert role == "self" and (place.city, place.state) == ("Hamilton", "OH")
    place, role = visitor_location("i live in dallas, my court is in atlanta")  # a US town stands
    assert role == "self" and place.state == "TX"


def test_a_small_town_of_several_states_alone_is_the_town_with_its_states_to_choose_from():
    # not a guess among them: the phone's area code or "Which state?" settles it
    place, role = visitor_location("i live in schuyler")
    assert role == "self" and place.city == "Schuyler" and place.state is None
    assert set(place.candidates) == {"NY", "VA", "NE"}


@pytest.mark.parametrize(
    "text, state",
    [("im in lexington (the one by kearney not kentucky lol)", "NE"),
     ("i live in lexington near omaha", "NE"),
     # no "near": another place in another state does not move the visitor's town
     ("i live in dallas, my court is in atlanta", "TX")],
)
def test_a_town_said_near_another_is_in_that_ones_state(text, state):
    place, role = visitor_location(text)
    assert role == "self" and place.state == state


@pytest.mark.parametrize("text, detention, theirs", [
    ("he lives in new jersey", False, True),
    ("the judge is in san francisco", False, True),
    ("el esta en el centro de detencion de tacoma", True, True),
    ("they got him at the one in conroe texas, the joe corley place", True, True),
    ("hes in georgia in the stewart place, im his daughter", True, True),
    ("i live near the stewart place in lumpkin", True, False),  # the visitor's own, said with a cue
    ("stewart is my last name, we are in dallas", False, False),
    ("conroe texas", True, False),
    ("a friends house in tacoma", False, False),  # where the visitor is staying
    ("en casa de mi suegra en west valley city utah", True, False),
    ("joe corley detention center in conroe texas", True, False),  # the visitor may be the one held
    ("houston", False, False),
    # the visitor's place first, then someone else's
    ("en new orleans, y el esta en richwood desde hace 2 meses", True, False),
    ("en Los Angeles, pero mi esposo esta detenido en Texas, en Dilley, desde hace una semana", True, False),
    ("fort worth texas. mi hijo esta en el Prairieland en Alvarado", True, False),
    ("mi hijo esta en el Prairieland en Alvarado", True, True),
    # an office or a court as where the visitor is now (at a check-in or a hearing), not whose court it is
    ("the ICE office in san francisco, 630 sansome", False, False),
    ("en la oficina de ICE en san antonio", False, False),
    ("my court is in san antonio", False, True),
    ("the ICE office in newark, they have my husband there", True, True),
])
def test_a_reply_that_gives_only_someone_elses_place(text, detention, theirs):
    from bot.places import location

    assert location.someone_elses_place(text, detention) is theirs


def test_the_visitors_town_said_bare_takes_the_state_it_was_said_with_before():
    said = "police arrested him in gainesville georgia last night, ice hold at the county jail. we live in gainesville too"
    assert visitor_location(said)[0].state == "GA"
    assert visitor_location("we live in gainesville")[0].state == "FL"  # said alone: the best-known one
    assert visitor_location("my brother is in austin texas and we live in austin")[0].state == "TX"


@pytest.mark.parametrize("text", ["hes in georgia", "shes in texas now", "theyre in ohio"])
def test_he_she_they_without_the_apostrophe_are_someone_else(text):
    assert [m.role for m in mentions(text)] == ["relative"]


def test_on_vacation_now_is_where_the_visitor_is():
    place, role = visitor_location("I'm on vacation in cancun and I just noticed my green card expired last week")
    assert role == "self" and place.country == "Mexico"
    assert visitor_location("we went on vacation in cancun last year")[1] == "other"


def test_a_visa_class_is_not_a_state():
    assert visitor_location("Canadian here, can I just show up at the border with a TN letter?")[0] is None
    assert visitor_location("i live in TN")[0].state == "TN"


@pytest.mark.parametrize("text, city", [("bk", "Brooklyn"), ("we live in bk", "Brooklyn"), ("LA, south central", "Los Angeles")])
def test_city_nicknames(text, city):
    assert resolver.resolve(text).city == city


def test_bk_for_back_is_not_a_place():
    assert mentions("ill be bk soon") == []


def test_visiting_someone_now_is_where_the_visitor_is():
    text = "I'm visiting my fiancée in Da Nang right now, flying back to San Jose on Sunday."
    place, role = visitor_location(text)
    assert role == "self" and place.country == "Vietnam"
    assert visitor_location("im visiting my mom in mexico next month")[1] == "other"


@pytest.mark.parametrize("text, expected, status", [
    ("estoy en casa de una amiga en irving, me sali anoche", "TX", "self"),  # a friend's house: the owner, read on
    ("ICE is outside our house and im so scared somebody is going to get shot. modesto", "CA", "unclear"),  # signed off
    # with someone, and where: "con él", "with my kids"; a place and "here" at the end
    ("my husband got deported last week y ahora estoy con el en tijuana with the kids", "MX", "self"),
    ("im with my kids in tijuana", "MX", "self"),
    ("Hello, Priyanka from a small software co in Austin here. we want to sponsor", "TX", "self"),
])
def test_a_place_said_at_someone_elses_home_or_at_the_end(text, expected, status):
    place, got = visitor_location(text)
    assert got == status and where(place) == expected


@pytest.mark.parametrize("text, expected", [("ando en la pulga de houston y hay migra", "TX"),
                                            ("me encuentro en los angeles", "CA"),
                                            ("estoy por el area de la bahia", "CA")])
def test_spanish_ways_of_saying_where_one_is(text, expected):
    place, got = visitor_location(text)
    assert got == "self" and where(place) == expected


@pytest.mark.parametrize("text, expected", [
    # of the Portlands, only Oregon's is next to the Washington the message names
    ("ICE is at my moms house in vancouver washington, im at work in portland", "Portland, OR"),
    ("my mom lives in bangor maine and im in portland", "Portland, ME"),
])
def test_a_town_in_several_states_is_settled_by_the_state_named_or_the_one_next_door(text, expected):
    from bot.places import location

    assert location.heard_in_passing(text, None, {}).get("location") == expected


def test_borders_are_read_both_ways_and_only_between_states():
    from bot.places import neighbours
    import us

    codes = {s.abbr for s in us.states.STATES} | {"DC"}
    assert set(neighbours.NEIGHBOURS) <= codes
    assert all(a in neighbours.NEIGHBOURS[b] for a, near in neighbours.NEIGHBOURS.items() for b in near)
    assert "AK" not in neighbours.NEIGHBOURS and "HI" not in neighbours.NEIGHBOURS
    assert neighbours.next_to(["WA"]) == {"OR", "ID"}


@pytest.mark.parametrize("text, role", [
    ("Mi esposo está detenido desde hace una semana en Georgia", "detained"),
    ("mi esposo esta detenido desde el lunes en houston", "detained"),
    ("mi hermano vino desde honduras", "origin"),
])
def test_desde_a_time_is_since_not_from(text, role):
    assert [m.role for m in mentions(text)] == [role]


@pytest.mark.parametrize("text, label", [
    ("Seattle WA. She lives in Cebu in the Philippines", "Seattle, WA"),
    ("kansas city, missouri side. shes at the jail in chase county kansas since wednesday", "Kansas City, MO"),
])
def test_at_the_location_question_the_place_no_one_else_is_in_is_the_answer(text, label):
    from bot.places import location

    assert location.answer_place(text, text).label == label


def test_where_harm_was_done_is_not_where_the_visitor_is():
    text = "el hombre de la pandilla que me amenazó en El Salvador está aquí en el mismo barrio"
    assert [(m.place.country, m.role) for m in mentions(text)] == [("El Salvador", place_roles.ORIGIN)]


@pytest.mark.parametrize("text, label", [
    ("im staying w my cousin in reno", "Reno, NV"),
    ("staying at my aunts in provo", "Provo, UT"),
    ("im at my cousins in reno", "Reno, NV"),
])
def test_staying_with_or_at_a_relatives_is_where_the_visitor_is(text, label):
    place, role = visitor_location(text)
    assert place is not None and place.label == label and role == place_roles.SELF


def test_on_a_visa_class_is_not_on_an_island():
    # "im on TN": the visa, never the visitor's own place (at most a place to ask about)
    assert visitor_location("hi my employer wants to sponsor me, im on TN from mexico, engineer")[1] != "self"


def test_soy_de_a_us_city_is_asked_about_not_taken_as_the_home_country():
    assert visitor_location("necesito ir a la oficina pero salgo muy tarde del trabajo. soy de indianapolis")[1] == "unclear"
    assert visitor_location("soy de chihuahua")[1] == "other"
    # from a spot near a US town: the same, asked ("en el pueblo" is the town nearby, not Pueblo, Colorado)
    place, role = visitor_location("buenas, soy de un rancho cerca de billings y a mi compañero lo agarraron en el pueblo")
    assert (place.city, role) == ("Billings", "unclear")
    assert visitor_location("im from a small farm outside of fresno")[1] == "unclear"


@pytest.mark.parametrize("text, country", [
    ("my son is US citizen 24 years old live in garden grove. can he apply for me and my wife? we in vietnam", "Vietnam"),
    ("i in mexico now", "Mexico"),
])
def test_a_place_said_as_ours_without_a_verb(text, country):
    place, role = visitor_location(text)
    assert (place.country, role) == (country, "self")


def test_someone_else_residing_somewhere():
    text = ("We are a 40-person machining firm in Sheboygan, Wisconsin. We have extended an offer to a mechanical engineer "
            "who is a Mexican national currently residing in Querétaro.")
    assert [m.role for m in mentions(text)] == ["unclear", "relative"]


def test_a_town_that_is_also_a_spanish_phrase_after_im_in():
    assert visitor_location("can i take the citizenship test in spanish? im in el centro")[0].city == "El Centro"
    assert mentions("estan en el campo donde trabajo") == []
    assert visitor_location("I am in Gujarat")[0].country == "India"


def test_quito_the_verb_is_not_quito_the_city():
    text = "anoche me golpeo y me quito el pasaporte, ahorita estoy encerrada en el baño y el sigue en la casa gritando"
    assert mentions(text) == []
    assert not place_roles.danger_abroad(text)
    assert resolver.mentions("vivo en quito ecuador")[0][2].city == "Quito"


def test_a_relatives_age_between_them_and_the_place():
    assert [m.role for m in mentions("Soy residente y quiero pedir a mi hija de 17 que está en Guatemala")] == ["relative"]
    assert [m.role for m in mentions("tengo 17 años y estoy en houston")] == ["self"]



@pytest.mark.parametrize("text, state, city", [
    ("tienen la casa rodeada, estamos escondidos en el cuarto. estoy en Postville", "IA", "Postville"),
    ("Im in Cactus with the kids, ICE is at the plant", "TX", "Cactus"),
])
def test_a_small_town_of_one_state_said_as_where_i_am(text, state, city):
    place, role = visitor_location(text)
    assert role == "self" and (place.state, place.city) == (state, city)


@pytest.mark.parametrize("text", ["ice came to my job this morning, i hid in the back cooler, im home now in worthington but im shaking",
                                  "ya estoy en mi casa en worthington"])
def test_home_now_in_a_town_several_states_have_is_where_the_visitor_is(text):
    place, role = visitor_location(text)
    assert role == "self" and place.city == "Worthington" and "MN" in place.candidates and place.state is None


@pytest.mark.parametrize("text", ["im in Shock, they took him", "estoy en Casa con los niños", "estoy en postville buscando trabajo"])
def test_a_small_town_is_not_read_from_a_word(text):
    # ordinary words, and a town not written as a name, in the middle of its clause
    assert visitor_location(text)[0] is None


def test_waiting_on_one_side_of_the_border_is_where_the_visitor_is():
    place, role = visitor_location("my cousin got pulled into secondary at san ysidro and they still have him. "
                                   "we're waiting on the tijuana side")
    assert role == "self" and place.country == "Mexico"
    assert visitor_location("he is on the mexican side in tijuana")[1] != "self"


@pytest.mark.parametrize("text, label", [
    ("kensington, philly", "Philadelphia, PA"),  # a neighbourhood, then its city
    ("sunnyside, en el condado de yakima", "Sunnyside, WA"),  # a town of that name in the county's state
    ("i live in kensington, philly", "Philadelphia, PA"),
    ("dallas, houston", "Dallas, TX"),  # two cities of one state: the first
])
def test_a_town_then_its_city_or_county(text, label):
    assert visitor_location(text)[0].label == label


def test_a_town_abroad_stays_abroad_when_its_country_is_named():
    text = "my husband was detained at JFK when he flew back from jamaica yesterday. im still in kingston"
    assert visitor_location(text)[0].country == "Jamaica"


def test_a_city_then_its_neighbourhood_stays_the_city():
    assert visitor_location("seattle, capitol hill")[0].label == "Seattle, WA"


@pytest.mark.parametrize("text, place", [
    ("my uncle got a letter telling him to report next friday. hes staying in our house in yakima", "Yakima, WA"),
    ("mi tio esta en nuestra casa en yakima", "Yakima, WA"),
    ("i have a house in mexico but i live in chicago", "Chicago, IL"),  # where they live, said after
])
def test_the_visitors_own_home_in_a_town_is_their_place(text, place):
    found, role = visitor_location(text)
    assert (found.label, role) == (place, place_roles.SELF)


def test_a_relatives_home_in_a_town_is_not_the_visitors_place():
    assert visitor_location("my moms house in tijuana")[0] is None


def test_a_town_that_is_a_word_after_the_visitors_home_is_their_place():
    text = "immigration was knocking on all the doors in our building in reading this morning, they left an hour ago"
    found, role = visitor_location(text)
    assert (found.label, role) == ("Reading, PA", place_roles.SELF)
    assert visitor_location("i like reading in our house")[0] is None


def test_here_between_the_cue_and_a_town_that_is_a_word():
    found, role = visitor_location("im here in reading")
    assert (found.label, role) == ("Reading, PA", place_roles.SELF)
    assert visitor_location("we walked here in the forest")[0] is None


def test_moved_to_a_town_is_where_the_visitor_lives_now():
    text = "mi court es en Arlington Virginia pero ya me mude a Charlotte, como cambio la corte? es en like 2 months"
    found, role = visitor_location(text)
    assert (found.label, role) == ("Charlotte, NC", place_roles.SELF)


def test_closed_the_door_in_spanish_is_no_place():
    found = {m.place.label: m.role for m in mentions("hay una van de ICE afuera del trabajo, el manager cerro la puerta. estamos en santa ana")}
    assert found == {"Santa Ana, CA": "self"}


def test_harm_threatened_to_the_visitor_is_danger_here_whatever_place_abroad():
    text = "Last night the man said if I try to leave he will hurt me and send people to my family in Manila."
    assert place_roles.danger_abroad(text) is False
    assert place_roles.danger_abroad("my parents are still in Baghdad and in danger") is True


@pytest.mark.parametrize("text, expected", [
    # deported themself: where they were sent, unless they say where they live now
    ("a mi me deportaron hace 2 semanas a guatemala y mi esposa sigue en nebraska", "Guatemala"),
    ("I was deported to honduras last month", "Honduras"),
    ("I was deported to Mexico in 2015 and now I live in Phoenix", "Phoenix, AZ"),
])
def test_a_visitor_deported_is_where_they_were_sent(text, expected):
    place, status = visitor_location(text)
    assert (place.label, status) == (expected, "self")


def test_a_relative_deported_is_not_the_visitors_place():
    place, status = visitor_location("my brother was deported to honduras last month")
    assert status != "self"


@pytest.mark.parametrize("text, place", [
    ("im outside the ICE office in manhattan right now, my brother went in for his check in", "Manhattan, NY"),
    ("estoy afuera de la oficina de ICE en san antonio", "San Antonio, TX"),
])
def test_the_visitor_standing_at_an_ice_office_is_there(text, place):
    found, role = place_roles.visitor_location(text)
    assert (found.label, role) == (place, place_roles.SELF)
    # the case's office, not where they stand
    assert place_roles.visitor_location("my check in is at the ICE office in san antonio")[1] != place_roles.SELF


def test_a_town_only_the_zip_data_knows_is_settled_by_the_state_the_message_names():
    # Woodbridge is California's or New Jersey's by the big-city names; Manassas and Caroline are Virginia
    text = ("they grabbed mi suegro last thursday outside the lavandería in manassas and now hes at the caroline "
            "detention center. im in woodbridge")
    slots = location.heard_in_passing(text, None, {"situation": "detention"})
    assert (slots["city"], slots["state"]) == ("Woodbridge", "VA")


def test_the_phone_settles_a_town_of_several_states_or_one_only_the_zip_data_knows():
    assert location.settled_by_phone({"city": "Woodbridge", "location_candidates": ["CA", "NJ"]}, "VA")["state"] == "VA"
    assert location.settled_by_phone({"city": "Worthington", "location_candidates": ["OH", "MN"]}, "MN")["state"] == "MN"
    # a namesake far smaller than the candidates' towns is no answer: "which state?" is asked
    assert location.settled_by_phone({"city": "Portland", "location_candidates": ["OR", "ME"]}, "TX") == {}
    assert location.answer_place("worthington", "worthington").candidates


def test_where_someone_is_held_does_not_settle_the_visitors_town():
    text = ("buenas, a mi hijo lo detuvo inmigracion hace 10 dias y lo tienen en pennsylvania en un sitio q se llama "
            "moshannon, nosotros vivimos en lawrence")
    slots = location.heard_in_passing(text, None, {"situation": "detention"})
    assert slots["state"] is None and "MA" in slots["location_candidates"]


@pytest.mark.parametrize("text, label, candidates", [
    ("border patrol picked him up on monday and they are holding him at the county jail in shelby. im in havre. we got "
     "married last year", "Havre, MT", ()),
    ("now he is at the adams county place in natchez. we are still in forest. he had court before", "Forest", ("MS", "VA")),
])
def test_a_small_town_in_lower_case_that_ends_its_clause_after_im_in(text, label, candidates):
    place, role = visitor_location(text)
    assert role == "self" and place.label == label and set(candidates) <= set(place.candidates)


@pytest.mark.parametrize("text", ["ya estoy en camino.", "im in trouble with ice", "im in line at the ice office", "we are in love"])
def test_words_after_im_in_are_not_small_towns(text):
    assert visitor_location(text)[0] is None


def test_the_state_of_a_facility_said_at_where_are_you_is_not_the_visitors():
    text = "wait they just called, they moved him last night to the pine prairie place in louisiana"
    assert location.someone_elses_place(text, True)


def test_a_relative_who_stayed_somewhere_is_not_where_the_visitor_is():
    assert visitor_location("quiero pedir a mi hija que se quedo en guatemala")[1] != "self"
    assert visitor_location("me quedo en houston con mi tia")[1] == "self"


def test_a_place_said_first_then_where_someone_is_held_is_the_visitors_answer():
    assert not location.someone_elses_place("austin. hes been held since friday at the hutto place in taylor", True)


@pytest.mark.parametrize("text, label", [
    ("yo vivo en el barrio hollywood de tucson", "Tucson, AZ"),  # a neighbourhood "de" its city
    ("yo estoy aqui en la colonia cameron park de brownsville", "Brownsville, TX"),  # "colonia" is a neighbourhood
    ("colonia nj", "Colonia, NJ"),
])
def test_neighbourhoods_said_in_spanish(text, label):
    assert visitor_location(text)[0].label == label


def test_a_place_someone_calls_the_visitor_from_is_not_the_visitors():
    text = "my husband keeps calling me from a place in baldwin michigan, hes been there since tuesday. i'm in grand rapids"
    place, role = visitor_location(text)
    assert (place.city, role) == ("Grand Rapids", "self")
    assert visitor_location("im calling from houston")[0].city == "Houston"


def test_from_a_place_and_living_there_is_where_the_visitor_is():
    place, role = visitor_location("hola, soy de medellín y vivo acá, mi novio es ciudadano americano y quiere traerme")
    assert role == "self" and place.country == "Colombia"
    assert visitor_location("soy de honduras")[1] == "other"


def test_the_board_of_appeals_in_spanish_is_no_town():
    assert visitor_location("la junta de apelaciones me negó la apelación hace tres semanas")[0] is None
    assert visitor_location("vivo en la junta colorado")[0].city == "La Junta"


def test_el_campo_in_a_spanish_sentence_is_the_field():
    assert visitor_location("esta bien pero no me llamen en el dia porque estoy en el campo, mejor mensaje")[0] is None
    assert visitor_location("estoy en El Campo")[0].label == "El Campo, TX"


def test_someone_in_a_centre_in_a_town_is_held_there_and_the_visitor_is_elsewhere():
    text = "en sacramento yo, mi hermana la detuvieron en la frontera hace una semana y esta en un centro en san diego"
    assert [(m.text, m.role) for m in mentions(text)] == [("sacramento", place_roles.UNCLEAR), ("san diego", place_roles.DETAINED)]
    assert visitor_location(text)[0].label == "Sacramento, CA"
