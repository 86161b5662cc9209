"""Parsing contact details and identifiers (bot.contact, bot.dates)."""
from datetime import date

import pytest

from bot import contact, dates


@pytest.mark.parametrize(
    "text, expected",
    [("312 555 0148", "+13125550148"), ("(312) 555-0148", "+13125550148"), ("my number is 312-555-0148", "+13125550148"),
     ("+52 55 1234 5678", "+525512345678"),
     # a number abroad of a possible length, outside the library's known ranges
     ("+44 7700 900123", "+447700900123"),
     ("call me at 312 555 0148 after 5", "+13125550148")],
)
def test_phone_normalised(text, expected):
    assert contact.parse_phone(text) == (expected, None)


@pytest.mark.parametrize("text", ["12345", "call me", "555", "+44 77", "555 012 3456"])
def test_bad_phone_gets_a_reason(text):
    value, problem = contact.parse_phone(text)
    assert value is None and problem


def test_email():
    assert contact.parse_email("it's Maria.Lopez@Example.com") == ("Maria.Lopez@example.com", None)
    value, problem = contact.parse_email("maria at gmail")
    assert value is None and "email" in problem


@pytest.mark.parametrize(
    "text, expected",
    [("A123456789", "123456789"), ("a 123-456-789", "123456789"), ("12345678", "012345678"), ("A# 098 765 432", "098765432"),
     ("204.556.781", "204556781"), ("mi A es 204.556.781", "204556781"),
     # typed digit by digit, spelled, or with the letter O (each had been asked again)
     ("2 0 5 - 6 6 1 - 0 9 8", "205661098"), ("a number 0 7 9 - 4 4 2 - 1 1 8", "079442118"),
     ("A-2O1-998-300 i think the O is a zero", "201998300"), ("dos cero nueve, ocho ocho siete, seis cinco cuatro", "209887654"),
     ("its A 2 1 4, 3 3 0, 9 1 8", "214330918"), ("A 2 2 3 . 4 1 0 . 8 8 6", "223410886"),
     ("A0212345678", "212345678"), ("A-0212-345-678", "212345678"),  # a zero written before the nine digits
     ("A 208 445 61... wait 208 445 619", "208445619"), ("A 2 0 8 ... espere ... 208 119 440", "208119440")],  # said again in full
)
def test_a_number_padded_to_nine_digits(text, expected):
    assert contact.parse_a_number(text) == (expected, None)


@pytest.mark.parametrize("text", ["A12345", "1234567890", "no", "court on 12.15.2026", "713 555 0100", "7 1 3 5 5 5 0 1 0 0"])
def test_bad_a_number(text):
    assert contact.parse_a_number(text)[0] is None


@pytest.mark.parametrize("text, expected", [("my name is Maria Lopez", "Maria Lopez"), ("Juan", "Juan"), ("I'm Ana.", "Ana"),
                                            ("Rosa Diaz (for my mom Carmen Diaz)", "Rosa Diaz"), ("Karen, para mi mama", "Karen"),
                                            ("Wanjiru K", "Wanjiru K"), ("Altagracia Peña", "Altagracia Peña"),
                                            # the name they ask us to use, and the name before a remark
                                            ("my name is Ana but call me Annie", "Annie"), ("You can call me Mike", "Mike"),
                                            ("Ana, but i prefer not to give my last name", "Ana"), ("Kim is fine", "Kim"),
                                            ("First name only: Sara", "Sara"), ("Ana Lopez thanks", "Ana Lopez"),
                                            ("Tom, call me at 312 555 0148", "Tom"),
                                            # a nickname in an aside after the name
                                            ("Ramon Quintero (everybody calls me moncho)", "Ramon Quintero")])
def test_names(text, expected):
    assert contact.clean_name(text) == (expected, None)


@pytest.mark.parametrize("text", ["12345", "how are you?", "what is the weather like in chicago today my friend", "A123456",
                                  "yes", "ok thanks", "Hola", "gracias"])
def test_not_a_name(text):
    assert contact.clean_name(text)[0] is None


@pytest.mark.parametrize(
    "text, expected",
    [("next monday", date(2026, 11, 30)), ("dec 3", date(2026, 12, 3)), ("12/10", date(2026, 12, 10)),
     ("3 days ago", date(2026, 11, 25)), ("i dont know", None), ("", None)],
)
def test_dates(text, expected):
    assert dates.parse_date(text, date(2026, 11, 28)) == expected


@pytest.mark.parametrize("text, declines", [
    ("porfa no me llamen a este numero, my boyfriend revisa mi cel", True),
    ("mejor por email porfa", True),
    ("please don't call, text me instead", True),
    ("call me after 5", False),
    ("312 555 0100", False),
])
def test_a_visitor_who_does_not_want_calls(text, declines):
    assert contact.declines_calls(text) is declines


@pytest.mark.parametrize("text, country, expected", [
    ("664-555-0102 whatsapp", "MX", "+526645550102"),  # Tijuana, written as a local would
    ("899-555-0104", "MX", "+528995550104"),
    ("312 555 0148", "US", "+13125550148"),
    ("312 555 0148", None, "+13125550148"),
])
def test_a_phone_is_read_as_written_where_the_visitor_is(text, country, expected):
    assert contact.parse_phone_from(text, country) == (expected, None)


def test_a_local_number_abroad_is_not_taken_for_a_us_one():
    assert contact.parse_phone_from("899-555-0104", "US")[0] is None


@pytest.mark.parametrize("text, declines", [
    ("no le doy mi nombre", True), ("no pongan mi nombre", True), ("I'd rather not give my name", True),
    ("prefer not to say my name", True), ("my name is Ana", False), ("Noname Smith", False),
    ("no puedo dar mi nombre", True), ("i cant give my name", True), ("prefer not to say", True), ("prefiero no decirlo", True),
])
def test_a_name_refused(text, declines):
    assert contact.declines_name(text) is declines


@pytest.mark.parametrize("text, name", [
    ("Hi, my name is Dennis Ochoa, I live in Pueblo Colorado. My brother was arrested", "Dennis Ochoa"),
    ("Buenas, soy Marisol Paredes de Waukegan Illinois. A mi esposo lo detuvo ICE", "Marisol Paredes"),
    ("Me llamo Teresa Gómez, estoy en Santa Ana California.", "Teresa Gómez"),
    ("my name is juan carlos perez and i need help", "juan carlos perez"),
    ("This is Maria Lopez calling about my son", "Maria Lopez"),
    # an introduction at the start in any case, a capitalised one later, a sign-off, a name before an email
    ("hi this is maria lopez, i want to arreglar papeles for my mom", "maria lopez"),
    ("this is sam, my fiance came on a k1", "sam"),
    ("Hi, I'm Dr. Wei Zhang, postdoc at a university in Ann Arbor.", "Dr. Wei Zhang"),
    ("omaha. this is Jill from HR at a meat packing plant", "Jill"),
    ("want to apply for citizenship (n-400). live in columbus ohio. thanks -- Tom", "Tom"),
    ("we're in raleigh. - Jasmine", "Jasmine"),
    ("spokane wa. -- Peter Novak, peter.novak@outlook.com", "Peter Novak"),
    ("want to switch to O-1. Rafa, rafa.beats@gmail.com", "Rafa"),
    ("Sofia Haddad, sofia.h@example.com. my husbands ICE check in is the day after tomorrow", "Sofia Haddad"),
    # a capitalised name alone as the last sentence (not a place, a greeting or a plea)
    ("I'm a nurse with an approved I-140. I'm in Jersey City. Maricel Santos po", "Maricel Santos"),
    ("my husband was detained yesterday. Rosa Delgado", "Rosa Delgado"),
    ("i have my hearing next week. Los Angeles", None),
    ("my husband is detained. Please Help", None),
    ("my case is at the NBC. Green Card", None),
    ("ICE came this morning. Buenas Noches", None),
    ("this is bad, they took him", None),
    ("ICE took him. this is bad.", None),
    ("hi this is my first time", None),
    ("i have court on 12-15 - Monday", None),
    ("please help - ICE", None),
    # not a name: a nationality, a plea, a relative's name, shouting
    ("soy mexicana y tengo una pregunta", None),
    ("I am Mexican American and my husband is not", None),
    ("this is urgent", None),
    ("THIS IS URGENT PLEASE HELP", None),
    ("my son's name is Julio and ICE took him", None),
    # sign-offs with a phone before or after, a sign-off word and a capitalised name
    ("im in tennessee. txt only 615 555 0177 - Darnell", "Darnell"),
    ("how long does it take. - Tyler Brooks (480) 555-0122", "Tyler Brooks"),
    ("Please advise. Regards, Anh Nguyen, 714-555-0109", "Anh Nguyen"),
    ("what documents should we bring? thanks, Arjun Nair", "Arjun Nair"),
    ("thanks, I will wait", None),
    ("call me 915 555 0101 - thanks", None),
    # "I'm" with a capitalised name after a greeting; "soy" closing the message
    ("hi im Keisha, my husband Omar is detained in PA", "Keisha"),
    ("hi im Mexican, i need help", None),
    ("me pueden llamar al 708 555 0138, soy Santos", "Santos"),
    # a label, who is speaking on the phone, "soy" and who they are to the one in trouble
    ("Name: Anh Nguyen. Phone 714 555 0166. A# 027 551 943. I want to change the address", "Anh Nguyen"),
    ("Habla Rosa Elvira, mi cel es 312 555 0177. A mi hermano lo agarró inmigración", "Rosa Elvira"),
    ("Habla español?", None),
    ("soy carmen, la esposa de rigoberto alvarado, a el lo detuvieron el miercoles", "carmen"),
    ("soy mexicana, la esposa de un ciudadano", None),
    ("soy yo, el hijo de la señora", None),
    # a name first, then "here"; "soy" and where from; "I am Ana, his sister"; "Name - ..."; "names ..."
    ("Maria Lopez here", "Maria Lopez"),
    ("Rosa aqui", "Rosa"),
    ("Houston here, need help", None),
    ("Help here please", None),
    ("soy Lupita de Houston", "Lupita"),
    ("Soy De Houston", None),
    ("I am Ana, his sister", "Ana"),
    ("I'm Rebecca, calling about my dad", "Rebecca"),
    ("I'm Mexican, his wife", None),
    ("Name - Sam Ortiz", "Sam Ortiz"),
    ("names Carlos", "Carlos"),
    # "me llamó" typed without the accent: someone called, no name
    ("me llamo ICE pa cambiar mi cita pa febrero, es normal?", None),
    ("me llamo la abogada ayer", None),
    # a greeting and a place: where they write from, not who
    ("Hello, Mexico here", None),
    ("Hello, Houston here, my husband was detained", None),
    # a name in any case when the contact details follow it; "hi its" and a capitalised name
    ("my lawyer quit today!! this is maria gonzalez, my number is 214 555 0139, please call", "maria gonzalez"),
    ("hola soy maria elena torres, mi cel es 956 555 0172 por si me pueden llamar", "maria elena torres"),
    ("this is urgent, my number is 214 555 0139", None),
    ("soy de mexico, mi numero es 214 555 0139", None),
    ("hi its Leticia Barrón. they moved my husband to louisiana", "Leticia Barrón"),
    ("hi its me again. my husband", None),
    ("soy carlos, a mi dad se lo llevaron esta manana", "carlos"),
    ("Hi, Carla Dominguez here, 404-555-0162. I have a final order", "Carla Dominguez"),
    ("I naturalized last year. I'm in Sugar Land TX. Name is Ahmed Karimi, ph 832-555-0190", "Ahmed Karimi"),
    ("it says 3 weeks from this monday. I'm in Orlando, name is Jean Pierre Louis", "Jean Pierre Louis"),
    ("my old lawyer worked at your office. I'm Kwame Mensah, A# 204337892", "Kwame Mensah"),
    ("it expires in 2 months. I'm Gabriel Rondon, in Doral FL. what can I do", "Gabriel Rondon"),
    ("hi, I'm Scared, in houston", None),
    ("hola buenas, habla Teresa Guzman. tengo audiencia con el juez en 2 meses", "Teresa Guzman"),
    ("the name is on the paper, i dont know", None),
    # said by the way
    ("im in bakersfield, hes at mesa verde right here in town. im Erika btw, 661 555 0113", "Erika"),
    ("soy Lupe por cierto, mi cel 661 555 0113", "Lupe"),
    ("im Mexican btw", None),
    # one name in any case, said with "here" after a greeting, or with the phone right after it
    ("hello, sanjana here. i have a quick question if someone is around", "sanjana"),
    ("hello, mom here.", None),
    ("hey, anyone here?", None),
    ("soy ramon, 626 555 0132. a mi hermano lo tienen en adelanto", "ramon"),
    ("im scared, 626 555 0132", None),
    # "me llamó": someone called me (and a name that ends like a gerund is still a name)
    ("el niño me llamo llorando hoy", None), ("hola me llamo Fernando Ruiz", "Fernando Ruiz"),
])
def test_a_name_introduced_unasked(text, name):
    assert contact.name_introduced(text) == name


@pytest.mark.parametrize("text, country", [
    ("2345678", "GT"),  # 7 digits from Guatemala, whose numbers the library reads with 8
    ("765 4321", "HN"),
    ("555-0134", "US"),  # a local number without its area code
    ("555-0134", None),
])
def test_a_number_the_library_cannot_confirm_is_kept_as_written_once(text, country):
    # asked again, the visitor would type the same digits: kept, with a word that staff will confirm it
    assert contact.phone_answer(text, country) == (text, contact.PHONE_KEPT)


@pytest.mark.parametrize("text, expected", [
    ("55 1234 5678 mexico number", ("+525512345678", None)),  # the country said with it, not the visitor's
    ("cel de guatemala 5555 1234", ("+50255551234", None)),
    ("my cell in georgia 404 555 0100", ("+14045550100", None)),  # Georgia here is the state
    ("whatsapp +52 1 664 123 4567", ("+526641234567", None)),  # the old mobile prefix, left out
    ("mi numero es el 664 123 4567 de tijuana", ("664 123 4567", contact.PHONE_KEPT)),
    ("my cell is 555-0134", ("555-0134", contact.PHONE_KEPT)),  # without its area code, in a sentence
    ("no phone", (None, "utter_phone_not_found")),
    # groups joined by an underscore or a word
    ("214_555_0134", ("+12145550134", None)),
    ("956 555 and then 0142", ("+19565550142", None)),
    ("956 555 y luego 0142", ("+19565550142", None)),
    ("cinco cero tres, 555, O uno uno seis", ("+15035550116", None)),  # the letter O among digit words
    ("214 555 0134 o 214 555 0199", ("+12145550134", None)),  # "o" between two numbers is "or"
    ("71355501OO", ("+17135550100", None)), ("713-555-01OO", ("+17135550100", None)),  # two O's for zeros
    ("seven one three 555 zero one hundred", ("+17135550100", None)),  # "one hundred" for 1-0-0
    ("i have court at 9 then 3pm", (None, "utter_phone_not_found")),
    # the number of this chat, which a web chat does not show: told so, not "no number found"
    ("same number im texting from", (None, contact.PHONE_NOT_SEEN)),
    ("el mismo numero del que les escribo", (None, contact.PHONE_NOT_SEEN)),
    ("el de whatsapp q le di", (None, contact.PHONE_NOT_SEEN)),
    ("call me at the same number", (None, "utter_phone_not_found")),
])
def test_a_phone_answer_in_words_is_read_without_asking_again(text, expected):
    assert contact.phone_answer(text, "US") == expected


@pytest.mark.parametrize("text, country, expected", [
    ("312 555 0148", None, ("+13125550148", None)),
    ("23456789", "GT", ("+50223456789", None)),
    ("12345", None, (None, "utter_phone_incomplete")),  # cut short: asked again, with the reason
    ("555", "US", (None, "utter_phone_incomplete")),
    ("call me", None, (None, "utter_phone_not_found")),
    ("my number is 2345678 i think", "GT", (None, "utter_phone_incomplete")),  # words around it: asked again
])
def test_phone_answer(text, country, expected):
    assert contact.phone_answer(text, country) == expected


@pytest.mark.parametrize("text", [
    "555-0188 area code 213", "its 555-0188 and the area code is 213", "213 area code 555 0188",
    "area code 213 and the number is 555 0188", "555 0188 lada 213", "codigo de area 213 numero 555 0188",
    "001 213 555 0188", "00 1 213-555-0188",  # dialled the way it is from Mexico
])
def test_a_phone_with_its_area_code_said_apart_or_dialled_from_abroad(text):
    assert contact.phone_answer(text, None) == ("+12135550188", None)


@pytest.mark.parametrize("text, expected", [
    ("00 52 664 123 4567", "+526641234567"),
    ("whatsapp +52 1 664 123 4567", "+526641234567"),  # a Mexican mobile's old "1", dropped in 2019
    ("011 52 1 664 123 4567", "+526641234567"),
    ("mi cel es 555 0188 area code 213", "+12135550188"),
    ("A 213 555 018", None),  # an A-number's nine digits are no phone
])
def test_area_codes_and_prefixes_in_passing(text, expected):
    assert contact.phone_in_passing(text, cued=False) == expected


@pytest.mark.parametrize("text", ["2345678", "+502 2345 678", "(555) 0134", "1234567890123"])
def test_unchecked_phone_has_a_dialable_length(text):
    assert contact.unchecked_phone(text) == text


@pytest.mark.parametrize("text", ["123456", "12345678901234567", "call 2345678", ""])
def test_unchecked_phone_needs_the_digits_alone(text):
    assert contact.unchecked_phone(text) is None


@pytest.mark.parametrize("text, phone", [
    ("ICE took my husband, please call me at 713 555 0100", "+17135550100"),
    ("cousin held at stewart. txt only 615 555 0177 - Darnell", "+16155550177"),
    ("solo mensajes al 915 555 0123 porfa", "+19155550123"),
    ("mi cel es 956-555-0123, lo agarraron ayer", "+19565550123"),
    ("text me 3125550148", "+13125550148"),
    ("my A number is A 201 555 338", None),
    ("court is on 12/15/2026 call me", None),
    ("the hearing is at 713 555 0100 court room", None),  # no word that says it is a phone
    # in words: "You can call me at four zero four, five five five, ...", "mi numero es siete uno tres ..."
    ("I live in Atlanta. You can call me at four zero four, five five five, zero one eight eight.", "+14045550188"),
    ("mi numero es siete uno tres cinco cinco cinco cero uno nueve dos, me pueden llamar?", "+17135550192"),
    ("text me at 1 eight three two 555 0110. My mom's I-130 was approved", "+18325550110"),
    ("llamenme porfa, tengo corte el dos de enero y tengo tres hijos", None),
])
def test_a_phone_number_given_unasked(text, phone):
    assert contact.phone_in_passing(text) == phone


@pytest.mark.parametrize("text", ["i dont have a phone", "no tengo telefono", "prefer not to say", "my phone is broken", "skip",
                                  "ahorita no tengo celular",
                                  # from abroad, by email
                                  "no US phone, please email me", "I dont have a US number", "please contact me by email",
                                  "no tengo numero de estados unidos",
                                  # a fear of being found through it
                                  "rather not, ICE might track it", "mejor no, me da miedo", "no doy mi numero x seguridad",
                                  "prefiero que me escriban x aqui",
                                  # a phone taken, lost or without credit
                                  "ICE took my phone", "my phone got taken when they arrested me", "me quitaron el celular",
                                  "se me perdio el cel", "no tengo saldo"])
def test_no_phone_to_give_is_a_decline_not_a_number_to_ask_for_again(text):
    assert contact.declines_calls(text)


def test_a_number_given_is_not_a_decline():
    assert not contact.declines_calls("no, call me at 312 555 0148 after 5")


@pytest.mark.parametrize("text", ["none", "n/a", "ninguno", "no tengo", "i dont have one", "I dont want to give my number",
                                  "no quiero dar mi numero", "its not safe to call me"])
def test_more_ways_to_have_no_phone_to_give(text):
    # asked twice before ("I couldn't find a phone number"): a decline, skipped at once
    assert contact.declines_calls(text)


@pytest.mark.parametrize("text", ["I have one brother", "no, call me at 312 555 0148", "no tengo miedo, llamen al 312 555 0148"])
def test_a_sentence_with_those_words_is_not_a_decline(text):
    assert not contact.declines_calls(text)


@pytest.mark.parametrize("text", [
    "my number is three one two five five five zero one four eight",
    "tres uno dos cinco cinco cinco cero uno cuatro ocho",
    "312 555 O148",  # the letter O for a zero
    "mi numero es 3 1 2 cinco cinco cinco 0148",
    "my number is (three one two) 555-0148 but my english is not so good",  # the area code spelled in brackets
])
def test_a_number_spelled_or_typed_with_lookalike_letters_is_read(text):
    assert contact.phone_answer(text, "US") == ("+13125550148", None)


@pytest.mark.parametrize("text", ["I have one brother and two kids", "(312) 555-0148", "Oscar", "A 201 555 338"])
def test_spelled_digits_leaves_other_text_alone(text):
    assert contact.spelled_digits(text) == text


@pytest.mark.parametrize("text, name", [
    ("Daniela Rojas, llameme al 786-555-0190 mejor en la tarde", "Daniela Rojas"),
    ("Karla Ibarra, mi numero es 619-555-0103 y mi correo karla.ibarra@gmail.com", "Karla Ibarra"),
    ("Laura Camila Herrera, whatsapp +57 310 555 0136", "Laura Camila Herrera"),
    ("Ramon 480.555.0155", "Ramon"),
    ("Tom - call me at 312 555 0148", "Tom"),
    ("Maria Tellez", "Maria Tellez"),  # "tel" inside a name is not a phone word
])
def test_a_name_given_with_contact_details_is_the_name_before_them(text, name):
    # before, the digits made the whole answer "not a name" and it was asked twice, then lost
    assert contact.clean_name(text) == (name, None)


def test_a_number_beside_a_name_is_a_phone_without_a_cue_word():
    assert contact.phone_in_passing("Genaro Rosales, 909 555 0149") is None
    assert contact.phone_in_passing("Genaro Rosales, 909 555 0149", cued=False) == "+19095550149"


def test_an_email_written_in_passing_is_kept():
    assert contact.email_in_passing("-- Peter Novak, peter.novak@outlook.com") == "peter.novak@outlook.com"
    assert contact.email_in_passing("they said it at @ice") is None


def test_a_direct_line_is_a_phone_given_in_passing():
    assert contact.phone_in_passing("this is Jill from HR, 402 555 0115 is my direct line") == "+14025550115"


def test_a_number_written_as_a_phone_is_one_without_a_cue_word():
    text = "Im Kwame Mensah 267-555-0144 need help with n400"
    assert contact.phone_in_passing(text) == "+12675550144"
    assert contact.name_introduced(text) == "Kwame Mensah"
    assert contact.phone_in_passing("court on 12-15-2026") is None


@pytest.mark.parametrize("number, state", [("+15035550131", "OR"), ("+13605550101", "WA"), ("+17045550145", "NC"),
                                           ("+526645550102", None), ("none", None), (None, None)])
def test_the_state_of_a_phones_area_code(number, state):
    assert contact.phone_state(number) == state


def test_soy_and_a_name_before_a_phone_later_in_the_message():
    assert contact.name_introduced("Buenas. Quiero info para la ciudadania de mi esposa. Soy Ramon, 480.555.0155") == "Ramon"


@pytest.mark.parametrize("text, name", [
    ("louisville ky, this is his daughter Keira", "Keira"),
    ("pasadena california, soy Ramiro, el dueño, 626 555 0134", "Ramiro"),
    ("vivo en dallas, soy Mexicana, tengo papeles", None),
    ("habla la esposa de Ernesto Salgado, a el lo detuvieron", None),  # her husband's name, not hers
])
def test_a_name_said_after_who_they_are(text, name):
    assert contact.name_introduced(text) == name


def test_a_greeting_a_name_and_where_from():
    assert contact.name_introduced("Hello, Priyanka from a small software co in Austin here.") == "Priyanka"
    assert contact.name_introduced("Hi, ICE from the news scares me") is None


def test_details_said_in_passing_fill_only_what_is_missing_and_not_at_their_own_questions():
    text = "soy reyna castillo, a mi esposo lo detuvo ICE anoche, mi cel es 615 555 0731"
    assert contact.said_in_passing(text, {}, "situation") == {"contact_name": "reyna castillo", "contact_phone": "+16155550731"}
    assert contact.said_in_passing(text, {"contact_name": "Reyna"}, "situation") == {"contact_phone": "+16155550731"}
    assert contact.said_in_passing(text, {}, "intake_confirmed") == {"contact_name": "reyna castillo"}


@pytest.mark.parametrize("text, name", [
    ("soy la tia, Martha", "Martha"), ("Silvia, la esposa de Ramon", "Silvia"), ("im Dayana, the sister", "Dayana"),
    ("ask for Beto, my husband, he speaks english better", "Beto"), ("pregunten por mi hija Karla, ella habla ingles", "Karla"),
    ("Guadalupe, pero diganme Lupita", "Lupita"), ("please dont write my real name, use L", "L"), ("pongan solo R", "R"), ("Kevin y mi mama, ponga Kevin Sanchez", "Kevin Sanchez"), ("is it safe to give my name? ok its Xiomara", "Xiomara"),
    ("soy rossa perdon Rosa", "Rosa"), ("Daniela Rojas, llameme mejor en la tarde", "Daniela Rojas"),
])
def test_the_name_to_use_among_other_words(text, name):
    assert contact.clean_name(text) == (name, None)


@pytest.mark.parametrize("text", ["N/A", "no quiero decir", "no importa el nombre", "whatever, doesnt matter"])
def test_a_name_not_given(text):
    assert contact.declines_name(text)


@pytest.mark.parametrize("text, name", [
    ("my name is Sophea Chhim, last name C H H I M", "Sophea Chhim"),
    ("Mohamed Abdi, with one m in Mohamed", "Mohamed Abdi"),
    ("I'm Jasmine, the granddaughter, grandpa is Ernesto Agbayani", "Jasmine"),
    ("Me llamo Efraín", "Efraín"),
    ("Sgt. Derek Holloway, army, stationed at fort cavazos", "Sgt. Derek Holloway"),  # a rank before the name
])
def test_a_name_answer_with_a_remark_after_it_is_the_name(text, name):
    assert contact.name_answer(text) == (name, None)


@pytest.mark.parametrize("text", ["yes", "what do you need my name for?", "ok thanks"])
def test_a_reply_without_a_name_is_still_asked_again(text):
    assert contact.name_answer(text) == (None, "utter_name_unclear")


@pytest.mark.parametrize("text, phone", [
    ("novecientos cincuenta y seis, 555, 0153", "+19565550153"),
    ("nine fifty six, five five five, zero one five three", "+19565550153"),
    ("three twelve, five five five, zero one four eight", "+13125550148"),
    ("seven one three five five five zero one two three", "+17135550123"),
])
def test_a_phone_number_said_in_groups_of_words(text, phone):
    assert contact.parse_phone(text)[0] == phone


def test_number_words_in_a_sentence_stay_words():
    assert contact.spelled_digits("tengo once años aqui") == "tengo once años aqui"
    assert contact.parse_a_number("A 214, 330, 918")[0] == "214330918"


@pytest.mark.parametrize("text, name", [
    ("soy rosa medina, mi audiencia final es dentro de 12 dias y mi abogado no me contesta", "rosa medina"),
    ("soy asilado politico, mi caso esta en houston", None),
    ("soy mexicana, tengo corte", None),
    ("soy enfermera registrada, mi visa vence pronto", None),
])
def test_a_first_and_last_name_said_first_in_lower_case(text, name):
    assert contact.name_introduced(text) == name


def test_the_name_introduced_is_not_read_as_a_place():
    from bot.places import location

    text = "soy rosa medina, mi audiencia final es dentro de 12 dias"
    assert contact.without_name(text).startswith("soy            ,")
    assert location.heard_in_passing(text, None, {}) == {}


@pytest.mark.parametrize("text, name", [
    ("put it under my husband's name, Ramon Ortiz", "Ramon Ortiz"),
    ("póngalo a nombre de mi esposo: Julio Paz", "Julio Paz"),
])
def test_the_intake_put_under_someone_elses_name(text, name):
    assert contact.clean_name(text)[0] == name


@pytest.mark.parametrize("text, name", [
    ("ice in my building right now going door to door on the 3rd floor, im on the 5th. what do i do. Carlos (312) 555-0154", "Carlos"),
    ("they took my husband. Rosa Lopez 713-555-0100", "Rosa Lopez"),
    ("court is next week. Houston 713-555-0100", None),  # where, not who
    ("Whatsapp 713 555 0100", None), ("Work 713 555 0100", None), ("Urgent 713 555 0100", None),
])
def test_a_name_that_signs_off_before_a_phone(text, name):
    assert contact.name_introduced(text) == name


@pytest.mark.parametrize("text, phone", [
    ("mi numero es 502 5555 0134", "+50255550134"),  # Guatemala's code typed without its "+"
    ("my number is 502 555 0134", "+15025550134"),  # a US number (Louisville) stays one
])
def test_a_calling_code_typed_without_its_plus(text, phone):
    assert contact.phone_in_passing(text) == phone
    assert contact.phone_answer(text, None) == (phone, None)


@pytest.mark.parametrize("text, name", [("yo soy Marta", "Marta"), ("idk", None), ("no se", None)])
def test_name_answers_with_yo_soy_or_no_name_in_them(text, name):
    assert contact.name_answer(text)[0] == name


@pytest.mark.parametrize("text", ["i prefer not to say", "none", "prefiero no decir"])
def test_a_name_declined_in_a_few_words(text):
    assert contact.declines_name(text)


@pytest.mark.parametrize("text", ["514 171 9536", "690 736 6258"])
def test_ten_digits_that_are_no_us_number_are_kept_as_typed_not_read_abroad(text):
    assert contact.phone_answer(text, None) == (text, contact.PHONE_KEPT)


@pytest.mark.parametrize("text, expected", [
    # a number put right in the same message: its last digits, or all of it again
    ("713 555 0100 no wait 0101", "+17135550101"),
    ("312-555-0143 wait no its 312-555-0134", "+13125550134"),
    ("call me at 713 555 0100 sorry i mean 832 555 0199", "+18325550199"),
    ("mi cel 956 555 0104 perdon 0140", "+19565550140"),
    # a second number for someone else is not a correction
    ("713-555-0100 or my wife 832-555-0101", "+17135550100"),
])
def test_a_phone_put_right_in_the_same_message(text, expected):
    assert contact.phone_answer(text, None) == (expected, None)


def test_a_worry_about_giving_a_name_is_no_name_and_is_heard_as_a_privacy_question():
    said = "es seguro dar mi nombre? no quiero que ICE lo vea"
    assert contact.name_answer(said) == (None, "utter_name_unclear")
    assert contact.name_safety_asked(said) and contact.name_safety_asked("is it safe to give my real name?")
    assert not contact.name_safety_asked("Maria Lopez")


def test_a_full_name_said_after_a_nickname_is_the_name():
    assert contact.name_answer("its Jhun, full name is Jonathan Reyes Dizon") == ("Jonathan Reyes Dizon", None)
    # a name given last, instead of the real one
    assert contact.name_answer("dont put my real name please, just Lupe") == ("Lupe", None)


@pytest.mark.parametrize("text, e164", [
    ("tres uno siete — cinco cinco cinco — cero uno cuatro cuatro, es el de mi esposa pero ahi me encuentran", "+13175550144"),
    ("seis cero cinco — 555 — 0 1 7 7", "+16055550177"),
    ("312–555–0148", "+13125550148"),
])
def test_a_phone_with_the_long_dashes_a_phone_keyboard_types_is_read(text, e164):
    assert contact.phone_answer(text, None) == (e164, None)


@pytest.mark.parametrize("text, name", [
    ("Wendy, well Wendy Chavez de Tzul", "Wendy Chavez de Tzul"),  # set right after a comma
    ("its Memo, well Guillermo Salas on my ID", "Guillermo Salas"),
    ("im Jose Luis Ibarra, my wife is Maria del Rosario Ibarra", "Jose Luis Ibarra"),
    ("I'm Brenda Cavazos and my husband es Rogelio Salinas Ibarra", "Brenda Cavazos"),
    ("yo soy Dania Mejía y la consulta es también para mi hija Keyla Mejía, ella tiene 15", "Dania Mejía"),
    ("soy la señora Yusmary del Valle Pérez de Rondón", "Yusmary del Valle Pérez de Rondón"),
    ("Yaimí con tilde en la i, Yaimí Lorenzo Pupo", "Yaimí Lorenzo Pupo"),
    ("Jazmin Rocha but everyone calls me Jazzy", "Jazzy"),
])
def test_a_name_with_a_correction_a_relative_or_a_spelling_beside_it(text, name):
    assert contact.name_answer(text) == (name, None)


@pytest.mark.parametrize("text, phone", [
    ("cuarenta, veinticinco, cincuenta y cinco, cero uno, cuarenta y ocho", "+14025550148"),  # said in pairs
    ("cuatro ocho cuatro, cinco cinco cinco, cero uno, sesenta y seis", "+14845550166"),
])
def test_a_phone_said_in_pairs_of_spanish_numbers(text, phone):
    assert contact.phone_answer(text, "US") == (phone, None)
    assert contact.spelled_digits("tengo 3 hijos, 12, 15 y 17 años") == "tengo 3 hijos, 12, 15 y 17 años"


@pytest.mark.parametrize("text", ["well, its complicated", "es complicado", "hmm let me think", "un momento"])
def test_a_hesitation_is_not_a_name(text):
    assert contact.name_answer(text) == (None, "utter_name_unclear")


@pytest.mark.parametrize("text, name", [("just put L. Morales, i dont want my full name written anywhere", "L. Morales"),
                                        ("put J. Smith", "J. Smith")])
def test_an_initial_with_its_dot_is_part_of_the_name_to_use(text, name):
    assert contact.name_answer(text)[0] == name


@pytest.mark.parametrize("text", ["the one im using", "this one", "el mismo"])
def test_the_number_in_use_is_one_a_web_chat_does_not_see(text):
    assert contact.phone_answer(text, "US") == (None, contact.PHONE_NOT_SEEN)


@pytest.mark.parametrize("text, name", [
    ("Rosa Martinez, my husband was just taken by ICE an hour ago", "Rosa Martinez"),
    ("omg she just got a text from her lawyer, the hearing got moved up to next monday", None),
    ("soy Paty, y la migra esta afuera ahorita", "Paty"),
])
def test_a_name_said_before_news_of_the_case(text, name):
    assert contact.name_before_news(text) == name


@pytest.mark.parametrize("text, name", [
    ("Rosario Medina. ah y me dijeron que su audiencia es el viernes de la otra semana, se me olvido decirle", "Rosario Medina"),
    ("Maria L. Perez Gomez de Leon", "Maria L. Perez Gomez de Leon"),  # an initial, not a sentence's end
    ("Sr. Juan Carlos Perez Lopez", "Sr. Juan Carlos Perez Lopez"),
])
def test_a_name_then_a_sentence_of_something_else(text, name):
    assert contact.clean_name(text) == (name, None)


@pytest.mark.parametrize("text, kept", [
    ("555-201-3344 or 555-201-5566", "555-201-3344"),  # two numbers the library cannot confirm: the first
    ("mi numero es 555 201 3344 y el de mi esposo 555 201 5566", "555 201 3344"),
    ("five five five two zero one three three four four", "5552013344"),  # in words
    ("cinco cinco cinco dos cero uno tres tres cuatro cuatro", "5552013344"),
])
def test_an_unconfirmed_number_in_an_unusual_shape_is_kept_as_typed(text, kept):
    assert contact.phone_answer(text, None) == (kept, contact.PHONE_KEPT)


def test_a_number_cut_short_is_still_asked_again():
    assert contact.phone_answer("my number is 555-201-334 i think", None) == (None, "utter_phone_incomplete")


def test_a_name_then_a_phone_at_the_name_question_is_the_name():
    assert contact.name_answer("Carmen Aviles, me puede llamar al 347-555-0119 despues de las 5") == ("Carmen Aviles", None)
