"""Which language a visitor writes in (bot.language)."""
import pytest

from bot import language


@pytest.mark.parametrize("text", [
    "necesito un abogado para mi esposo",
    "la migra se llevo a mi hermano ayer",
    "mi esposo got detained by ICE ayer",          # Spanglish stays Spanish
    "my mom no tiene papeles",
    "hola",
    "no tengo",
    "ESTÁN TOCANDO LA PUERTA, QUÉ HAGO",
])
def test_spanish_and_spanglish_are_spanish(text):
    assert language.detect(text) == "es"


@pytest.mark.parametrize("text", [
    "my husband was detained yesterday",
    "I need a lawyer",
    "what are your office hours?",
    "we are in Los Angeles and my brother is in El Paso",
])
def test_english_is_english(text):
    assert language.detect(text) == "en"


@pytest.mark.parametrize("text", [
    "Houston", "si", "ok", "Maria Lopez", "Luz Marina Chávez", "las vegas nv", "El Paso, TX",
    "312 555 0148", "maria@example.com", "/affirm", "", "davidson county jail, Nashville",
])
def test_a_place_a_name_or_one_word_says_nothing(text):
    # The conversation keeps its language.
    assert language.detect(text) is None


@pytest.mark.parametrize("text, code", [
    ("Mwen bezwen yon avoka pou papye mwen", "ht"),
    ("Olá, meu marido foi preso pela imigração", "pt"),
    ("Chồng tôi bị ICE bắt hôm qua", "vi"),
    ("我需要移民律师帮助", "zh"),
    ("أحتاج مساعدة محامي هجرة", "ar"),
    ("Мне нужна помощь с иммиграцией", "ru"),
    ("Bonjour, j'ai besoin d'un avocat pour mon mari", "fr"),
])
def test_other_languages_are_recognised(text, code):
    assert language.detect(text) == code
    assert language.reply_language(code) == "en"


def test_short_english_words_are_not_another_language():
    for text in ("immigration court date changed", "asylum application deadline", "special immigrant juvenile question"):
        assert language.detect(text) in (None, "en"), text


def test_reply_language_is_spanish_only_for_spanish():
    assert language.reply_language("es") == "es"
    assert language.reply_language(None) == "en" and language.reply_language("en") == "en"


@pytest.mark.parametrize("told, reply", [
    ([], "en"),
    (["en", None, "en"], "en"),
    (["es"], "es"),
    (["en", "es"], "es"),                      # Spanish is followed at once
    (["es", "en"], "es"),                      # one English answer: still Spanish
    (["es", "en", None, "es", "en"], "es"),
    (["es", "en", None, "en"], "en"),          # two in a row (names and places between do not count)
    (["es", "ht", "ht"], "en"),                # another language: the conversation goes on in English
    (["ht"], "en"),
    (["es", "!en"], "en"),                     # the widget's switch is followed at once
    (["es", "!en", "en", "es"], "es"),
    (["en", "!es", "en"], "es"),
])
def test_the_conversation_follows_a_visitor_who_switches_but_not_one_english_answer(told, reply):
    assert language.conversation_language(told) == reply


def test_spanish_with_accents_is_not_portuguese():
    assert language.detect("ay dios mi bebé no respira se puso morado") == "es"


@pytest.mark.parametrize("text", [
    "tuve un DUI en 2015, can i apply for citizenship o me van a quitar la green card si aplico?",
    "my ICE appointment es el 28 de diciembre, i'm scared bc they told my friend to bring his passport y lo detuvieron ahi mismo",
    "cuanto cobran por una consulta? i just want to know my options",
])
def test_spanglish_with_everyday_spanish_words_is_spanish(text):
    assert language.detect(text) == "es"


@pytest.mark.parametrize("text", [
    "my husband was detained in El Paso", "I live in Los Angeles with my wife Maria", "I came in may 2019 on a visa",
])
def test_spanish_place_and_person_names_leave_english_english(text):
    assert language.detect(text) == "en"


@pytest.mark.parametrize("text", ["RC-7K2Q9", "RC-7K3M-9PQX-2D4W", "RC-ERA4-MAL2-Q9QX", "A123456789"])
def test_a_booking_reference_or_a_code_says_nothing(text):
    # "RC-7K2Q9" was once read as Spanish ("q"), and the cancel form answered in Spanish.
    assert language.detect(text) is None


@pytest.mark.parametrize("text, code", [("Grand Rapids, MI", None), ("Lansing MI", None), ("MI ESPOSO ESTA DETENIDO", "es"),
                                        ("estoy en Portland, ME", "es"), ("grand rapids mi", None), ("detroit mi 48201", None),
                                        ("vivo en grand rapids mi casa", "es")])
def test_a_state_code_is_not_a_spanish_word(text, code):
    assert language.detect(text) == code


def test_every_language_has_a_spanish_name():
    assert set(language.NAMES_ES) == set(language.NAMES)


@pytest.mark.parametrize("text, code", [("Le Van Hung", None), ("San Luis Obispo", None), ("I NEED HELP NOW", "en"),
                                        ("Hola Buenos Dias", "es")])
def test_a_name_alone_does_not_turn_the_conversation(text, code):
    assert language.detect(text) == code


@pytest.mark.parametrize("text", ["sí", "Sí.", "SÍ!!"])
def test_a_yes_typed_with_its_accent_is_spanish(text):
    # ("si" without it says nothing: a yes in either language)
    assert language.detect(text) == "es"


@pytest.mark.parametrize("text, only", [
    ("hola buenas hablan español?", True), ("do you speak spanish", True),
    ("where is your office, do you speak spanish?", False), ("hablan español? mi esposo esta detenido", False),
])
def test_only_asking_which_language(text, only):
    assert language.asks_which_language(text) is only


def test_no_se_then_english_is_english():
    assert language.detect("no se, no we dont have it") == "en"
    assert language.detect("no se la verdad") == "es"


@pytest.mark.parametrize("text", ["help porfa", "ok gracias"])
def test_a_spanish_word_beside_an_english_one_in_a_short_message_is_spanish(text):
    assert language.detect(text) == "es"


def test_a_plea_for_help_in_one_spanish_word_is_spanish():
    assert language.detect("ayudeme") == "es"


@pytest.mark.parametrize("text", ["pregunta rapida", "urge", "me negaron", "ocupo informacion", "ayudaaa"])
def test_short_spanish_openings_are_spanish(text):
    assert language.detect(text) == "es"


def test_yo_alone_is_a_greeting_in_either_language():
    assert language.detect("yo") is None
    assert language.detect("yo tengo una pregunta") == "es"


@pytest.mark.parametrize("text", ["estacion siglo 21 in tapachula", "port isabel in los fresnos", "torrance county detention in estancia"])
def test_a_place_named_in_spanish_beside_an_english_word_says_nothing(text):
    # the model reads the names as Spanish; an English word and no Spanish one is a place's name
    assert language.detect(text) is None


def test_a_spanish_sentence_with_spanish_words_stays_spanish():
    assert language.detect("la estacion migratoria en tapachula") == "es"
