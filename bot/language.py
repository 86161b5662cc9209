"""Which language a visitor's message is written in.

The assistant holds whole conversations in English and Spanish and, for the
other languages visitors write in, says in that language how to reach the firm
by phone. Each message is read on its own, so the conversation follows a
visitor who switches; a message that says too little to tell (a place, a name,
"ok", "si") returns None and the conversation keeps its language.

py3langid (langid.py's naive Bayes model over byte n-grams, packaged with the
library) does the identifying. One rule comes before it, because visitors mix:
"mi esposo got detained ayer" is Spanglish, and a Spanish speaker who mixes in
English words is better served in Spanish, so a message with two or more Spanish
words that English never uses is Spanish whatever the model says.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Protocol, Sequence, Tuple

#: Languages the assistant converses in.
CONVERSED = ("en", "es")

#: Spanish names of the days (Monday first) and the months, for dates told to visitors.
WEEKDAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre")

#: Other languages it recognises, and their names in English (for staff).
OTHERS: Dict[str, str] = {
    "ht": "Haitian Creole",
    "pt": "Portuguese",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ar": "Arabic",
    "ru": "Russian",
    "fr": "French",
}

#: Every language a message can be read as; the order is the identifier's.
KNOWN = CONVERSED + tuple(OTHERS)

#: The language's name for staff and the export.
NAMES: Dict[str, str] = {"en": "English", "es": "Spanish", **OTHERS}
#: ... and as a Spanish-speaking visitor reads it ("Nuestro equipo habla inglés y español").
NAMES_ES: Dict[str, str] = {"en": "inglés", "es": "español", "ht": "criollo haitiano", "pt": "portugués", "vi": "vietnamita",
                            "zh": "chino", "ar": "árabe", "ru": "ruso", "fr": "francés"}

# Words a Spanish speaker writes and English does not use (accents stripped,
# texting forms included). Words shared with English ("no", "a", "me", "es" as
# in "ES"), with Portuguese ("que", "de", "meu"), or with Italian are left out,
# so the count means Spanish.
_SPANISH = re.compile(
    r"\b(?:y|pero|porque|xq|por|para|con|sin|mi|mis|su|sus|nuestro|nuestra|esta|estoy|estan|esta|estamos"
    r"|tengo|tiene|tienen|tenemos|soy|somos|fue|fueron|hay|ya|muy|mas|tambien|ahora|ahorita|ayer|anoche|hoy|manana"
    r"|semana|semanas|hace|dias|cuando|donde|quien|como|que|necesito|quiero|puedo|puede|ayuda|ayudar|ayudeme|ayudenme|ayudame|auxilio|socorro|por favor|porfavor|xfa|xfavor|gracias"
    r"|esposo|esposa|hijo|hija|hijos|mama|papa|hermano|hermana|migra|papeles|cita|corte|abogado|abogada|trabajo|casa"
    r"|se llevaron|lo agarraron|detenido|detenida|deportacion|asilo|ciudadania|residencia|estoy en|vivo en|vivimos"
    r"|hola|buenas|buenos|si senor|no se|nose|nada|nadie|algo|todo|todavia|aqui|alla|entonces|claro|bueno|oiga|senorita|usted|ustedes|nosotros|ellos|ella|el es"
    # everyday words and verb forms that Spanglish keeps in Spanish ("tuve un DUI, can i apply o me van a quitar...")
    r"|pq|tmb|porfa|pues|nomas|ahi|mismo|misma|bien|mal|miedo|dinero"
    r"|tuve|tuvo|tuvimos|voy|vamos|vas|dijo|dijeron|dice|dicen|hago|hacer|saber|sabe|sabemos|estaba|estaban|era|eran"
    r"|fui|fuimos|llego|llegue|llegaron|llegamos|detuvieron|agarraron|pasa|quitar|aplico|aplicar|pedir|sacar|cobran|cuesta"
    r"|cuanto|cuanta|cuantos|cual|despues|antes|siempre|nunca|otro|otra|numero|correo|telefono|llamar|llamen|hablar"
    r"|entiendo|carta|ingles|espanol|tambien"
    # short openings: "pregunta rapida", "urge", "me negaron", "ocupo informacion"
    r"|pregunta|preguntita|rapida|rapido|rapidito|urge|urgente|negaron|nego|negado|negada|informacion|consulta|ocupo|necesitamos)\b"
)
#: Spanish words that only count beside others: "si" alone is a yes in either language, "yo" an English greeting, and
#: day and month names are also people's names ("Julio", "Abril", "Domingo").
_SPANISH_SMALL = re.compile(
    r"\b(?:yo|un|una|unos|unas|en|si|lo|le|les|se|q|lunes|martes|miercoles|jueves|viernes|sabado|domingo|enero|febrero"
    r"|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b"
)
_ENGLISH = re.compile(
    r"\b(?:the|my|i|is|to|and|of|he|she|it|in|you|not|am|are|was|were|with|have|has|got|they|we|our|this|that"
    r"|for|what|where|when|please|help|need|want|can|do|does|did|will|would|yes)\b"
)
#: Links, emails, numbers, and codes with digits in them ("RC-7K2Q-9PQX", "A123456789", "I-130").
_NOT_WORDS = re.compile(r"(?:https?://\S+|\S+@\S+|\b[\w-]*\d[\w-]*\b|[\d+()\-./:#]+)")
_LETTERS = re.compile(r"[^\W\d_]+")


class _Identifier(Protocol):
    """What is used of py3langid's ``LanguageIdentifier`` (the package has no types)."""

    def classify(self, text: str) -> Tuple[str, float]: ...

    def set_languages(self, langs: List[str]) -> None: ...


@lru_cache(maxsize=1)
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier: _Identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(KNOWN))
    return identifier


def load() -> None:
    """Load the identifier's model now (about 0.2 s), not on a visitor's first message."""
    _identifier()


def _ascii_words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    folded = re.sub(r"([a-z])\1{2,}", r"\1", folded)  # "ayudaaa", "porfavorrr": a letter held down
    return " ".join(re.findall(r"[a-z]+", folded))


_SI_ACCENTED = re.compile(r"\W*s[íÍ]\W*", re.IGNORECASE)
_STATE_CODE = re.compile(r"\b[A-Z]{2}\b")
#: "grand rapids mi", "detroit mi 48201": a state's code in lower case, closing what was said.
_STATE_CODE_LAST = re.compile(r"(?<=[a-z]) (?:mi|me|la|de|al|pa|in|co)(?=\W*(?:\d{5}(?:-\d{4})?)?\W*$)", re.IGNORECASE)


def detect(text: str) -> Optional[str]:
    """The language of one message ("en", "es", "ht", ...), or None when it says too little."""
    if not text or text.startswith("/"):
        return None
    clean = _NOT_WORDS.sub(" ", text)
    if not clean.isupper():
        # "Grand Rapids, MI": a state's code, not Spanish "mi" (an all-capitals message keeps its words)
        clean = _STATE_CODE.sub(" ", clean)
    clean = _STATE_CODE_LAST.sub(" ", clean)
    words = _LETTERS.findall(clean)
    if not words:
        return None
    non_latin = sum(1 for ch in clean if ch.isalpha() and not ch.isascii() and unicodedata.name(ch, "").split(" ")[0]
                    in ("CJK", "ARABIC", "CYRILLIC", "HIRAGANA", "KATAKANA", "HANGUL"))
    if non_latin >= 2:
        return _identifier().classify(clean)[0]
    if _SI_ACCENTED.fullmatch(clean.strip()):
        return "es"  # "sí" typed with its accent: a yes only a Spanish keyboard writes
    folded = _ascii_words(clean)
    spanish = len(_SPANISH.findall(folded))
    english = len(_ENGLISH.findall(folded))
    strong = spanish
    if len(words) >= 3:
        # (a small word inside a Spanish phrase already counted is not counted twice: "no se, no we dont have it")
        spanish += len(_SPANISH_SMALL.findall(_SPANISH.sub(" ", folded)))
    if spanish >= 2 and spanish >= english / 2:
        return "es"
    if not strong and not english and len(words) <= 4 and all(w[:1].isupper() for w in words):
        return None  # "Le Van Hung", "San Luis Obispo": a name or a place, in no language of its own
    if len(words) <= 3:
        # A place, a name or a word or three: too little for the model; only clear words count ("hi necesito help").
        if spanish and spanish >= english:
            return "es"  # ("help porfa", "ok gracias": a word only a Spanish speaker adds)
        return "en" if english >= 2 else None
    language, probability = _identifier().classify(clean)
    if language == "es" and probability >= 0.9 and english <= spanish + 1 and (spanish or (len(words) >= 4 and not english)):
        # (no Spanish word beside an English one is a place's name: "estacion siglo 21 in tapachula")
        return "es"
    if language == "en" and english >= 2 and english > spanish:
        # Two English words at least: a Spanish conversation does not turn English
        # for an answer like "asylum pending" or "in Houston".
        return "en"
    # Another language needs the model's confidence, a few words, no Spanish word
    # ("ay dios mi bebé no respira" read as Portuguese) and few English ones:
    # names and place names ("Luz Marina Chávez") are read as anything.
    accented = any(not ch.isascii() for ch in clean if ch.isalpha())
    if (language not in CONVERSED and probability >= 0.9 and not strong and english * 4 <= len(words)
            and len(words) >= (4 if accented else 6)):
        return language
    if spanish > english:
        return "es"
    return "en" if english >= 2 else None


def both(name: str, value_of: Callable[[str], str]) -> Dict[str, str]:
    """A value a response quotes, in each language it is written in: ``{name}`` in
    English and ``{name_es}`` in Spanish (the domain's variations pick theirs)."""
    return {name: value_of("en"), f"{name}_es": value_of("es")}


def reply_language(code: Optional[str]) -> str:
    """The language the assistant answers a message in: Spanish, else English."""
    return "es" if code == "es" else "en"


#: Marks a language the visitor picked with the widget's switch ("!en"): followed at once.
CHOSEN = "!"

#: English messages in a row (among those that tell) that turn a Spanish conversation English.
ENGLISH_TO_SWITCH = 2


def conversation_language(told: Sequence[Optional[str]]) -> str:
    """The language to reply in, from the languages of the messages so far (oldest first).

    None is a message that did not tell (a place, a name); a language the
    visitor picked with the switch (``CHOSEN`` + code) is followed at once. Spanish is followed
    at once: a Spanish speaker should never have to ask twice. English takes
    over a Spanish conversation only after ``ENGLISH_TO_SWITCH`` English
    messages in a row, because bilingual visitors often give one detail in
    English ("I have a work permit and my case is pending") and still read
    Spanish more easily.
    """
    current, english_run = "en", 0
    for code in told:
        if code is None:
            continue
        if code.startswith(CHOSEN):
            current, english_run = reply_language(code[len(CHOSEN):]), 0
        elif reply_language(code) == "es":
            current, english_run = "es", 0
        elif current == "es":
            english_run += 1
            if english_run >= ENGLISH_TO_SWITCH:
                current, english_run = "en", 0
    return current


def name(code: Optional[str]) -> str:
    """The language's name in English ("Spanish"), or the code itself."""
    return NAMES.get(code or "", code or "")


#: A call or a conversation asked for in a language ("me pueden llamar en español?", "can someone
#: call me in spanish"): a question about the office, whatever else the classifier heard in it.
_IN_A_LANGUAGE = re.compile(
    r"\b(?:call|speak|talk|talks|speaks|done|do|llam\w*|habl\w*|contest\w*|atiend\w*|comunic\w*|hacer|hace|hacerse)\b[^.?!]{0,30}?"
    r"\b(?:in|en) (?:spanish|espa[nñ]ol|english|ingl[eé]s)\b"
    # "hablan español?", "do you speak spanish"
    r"|\b(?:hablan|habla|speak|speaks)\s+(?:spanish|espa[nñ]ol|english|ingl[eé]s)\b",
    re.IGNORECASE)


def asks_for_a_language(text: str) -> bool:
    """Whether a message asks to be called or spoken to in a language."""
    return bool(_IN_A_LANGUAGE.search(text or ""))



#: Asking whether the firm speaks a language, and nothing more: "hola buenas hablan español?", "do you speak spanish".
_WHICH_LANGUAGE = re.compile(
    r"^\W*(?:(?:hola|hi|hello|buenas|buenos d[ií]as|buenas (?:tardes|noches)|good (?:morning|afternoon|evening))\W+)*"
    r"(?:ustedes |alguien |se )?(?:hablan?|habla|speak|do you speak|do you guys speak|does anyone speak|is there someone who speaks)"
    r"\s+(?:en\s+)?(?:espa[nñ]ol|spanish|english|ingl[eé]s)\W*$", re.IGNORECASE)


def asks_which_language(text: str) -> bool:
    """Whether a message only asks if the firm speaks a language (no matter told)."""
    return bool(_WHICH_LANGUAGE.match(text or ""))
