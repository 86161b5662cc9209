"""When an intake is urgent, and why.

Urgent means someone can lose their chance to act within days: a person is
detained now, immigration agents are at the door or the workplace now, a
hearing or ICE check-in is within 14 days, removal is imminent, or a filing
deadline (asylum one-year, appeal, RFE, I-9 inspection) is days away.

A removal order alone is not urgent: only a sign that enforcement is imminent
("deporting him tomorrow", a bag-and-baggage letter) makes it so.

The visitor's words are read in English and Spanish, as typed on a phone:
accents optional, texting shorthand ("rn", "tmrw", "2day") and common typos
of the words that matter ("deadlin", "tommorow", "firday").
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from bot import situations
from bot.dates import days_until, far_off, parse_date, past_date, soon_vague, time_ago

URGENT_WITHIN_DAYS = 14

#: Reason code -> plain label for staff and summaries.
REASONS: Dict[str, str] = {
    "detained_now": "Someone is detained now",
    "ice_present_now": "Immigration agents are there now",
    "hearing_soon": "Court hearing within 14 days",
    "checkin_soon": "ICE check-in within 14 days",
    "removal_imminent": "Removal may be imminent (scheduled, or within days)",
    "deadline_soon": "Filing deadline within days (asylum, appeal, RFE or I-9 inspection)",
}

#: The same reasons as a Spanish-speaking visitor reads them in the summary.
REASONS_ES: Dict[str, str] = {
    "detained_now": "Alguien está detenido ahora",
    "ice_present_now": "Hay agentes de inmigración ahí ahora",
    "hearing_soon": "Audiencia en la corte dentro de 14 días",
    "checkin_soon": "Cita con ICE dentro de 14 días",
    "removal_imminent": "La deportación puede ser inminente (programada, o en días)",
    "deadline_soon": "Fecha límite en días (asilo, apelación, RFE o inspección I-9)",
}


# --- normalising what was typed ---------------------------------------------

_SHORTHAND = [
    (r"\bi\.?c\.?e\.?(?=\W|$)", "ice"),
    (r"\brn\b", "right now"),
    (r"\b(?:2day|tday|tdy)\b", "today"),
    (r"\b(?:2morrow|2morow|2moro|2mrw|2mro|tmrw|tmrrw|tmr|tmrow|tmw|tom+or+o?w?)\b", "tomorrow"),
    (r"\b(?:2nite|2night|tonite|tnite)\b", "tonight"),
    (r"\bnxt\b", "next"),
    (r"\bwks\b", "weeks"),
    (r"\bwk\b", "week"),
    (r"\bb4\b", "before"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\br\b", "are"),
    (r"\b(?:they'?re|theyre|there're)\b", "they are"),
    (r"\b(?:ke|q)\b", "que"),
    (r"\b(?:orita|horita)\b", "ahorita"),
    (r"\b(?:aki|aca)\b", "aqui"),
    (r"\bdead[ -]line", "deadline"),
    (r"\b(?:1|one)[ -]?(?:yr|year|ano)\b", "one year"),
    (r"\bi[ -]?9\b", "i-9"),
    (r"\bbag\s*(?:and|&|n|-)\s*baggage\b", "bag and baggage"),
]

#: Words worth recognising through a typo; real words one letter away are kept as typed.
_VOCABULARY = (
    "deadline tomorrow deport deporting deported deportation deportar deportado deportada deportan "
    "deportacion deportaron removal asylum appeal apelacion inspection inspeccion immigration inmigracion outside "
    "afuera knocking tocando manana semana proxima tonight friday monday tuesday wednesday thursday "
    "saturday viernes miercoles sabado domingo jueves martes business workplace apartment petition "
    "scheduled baggage"
).split()
_REAL_WORDS = set(
    "headline dateline depart departs departed departing deporte deportes deportivo deportiva report reports "
    "reported reporting appear appears appeared banking offices outsider outsiders tocado salado".split()
)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, or limit + 1 once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


@lru_cache(maxsize=4096)
def _canonical(word: str) -> str:
    if len(word) < 6 or word in _REAL_WORDS or word in _VOCABULARY:
        return word
    best, best_distance = word, 3
    for known in _VOCABULARY:
        if known[0] != word[0]:
            continue
        # one typo in a word of 6 or 7 letters, two in longer ones
        limit = 2 if len(word) >= 8 and len(known) >= 8 else 1
        d = _distance(word, known, limit)
        if d <= limit and d < best_distance:
            best, best_distance = known, d
    return best


def normalise(text: str) -> str:
    """Lower case, no accents, shorthand spelled out, key words' typos fixed."""
    t = unicodedata.normalize("NFKD", text or "")
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"[a-z]+", lambda m: _canonical(m.group()), t)
    for pattern, replacement in _SHORTHAND:
        t = re.sub(pattern, replacement, t)
    return re.sub(r"[ \t]+", " ", t).strip()


def _sentences(t: str) -> Iterator[str]:
    for part in re.split(r"[.!?;\n]+|\s[-\u2013\u2014]\s", t):
        if part.strip():
            yield part.strip()


# --- time expressions -----------------------------------------------------------

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "veinte": 20, "treinta": 30, "sesenta": 60, "noventa": 90,
    "few": 3, "a few": 3, "couple": 2, "a couple": 2, "couple of": 2, "a couple of": 2, "several": 5,
    "un par de": 2, "unos": 3, "unas": 3, "pocos": 3, "unos pocos": 3, "unos cuantos": 3,
}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted((re.escape(k) for k in _NUMBERS), key=len, reverse=True)) + r")"
_DAYS = r"(?:more |mas )?(?:business |working |calendar )?(?:days?|dias?)(?: (?:habiles|laborables|naturales))?"
_WEEKDAYS = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sunday"
    r"|lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
)
_COUNTED = [
    # "in 3 days", "within 10 business days", "quedan 2 dias", "tengo 3 dias para", "plazo de 10 dias"
    re.compile(r"\b(?:in|within|en|dentro de|de|only|just|solo|quedan|faltan|me quedan|le quedan|have|has|got"
               r"|tengo|tiene|tenemos|tienen|next|gave (?:me|us|him|her|them)|(?:me|nos|le|les) dieron|(?:me|nos|le|les) dio)"
               r"\s+(?:only |just |solo |como |unos |nomas |about |around |like )?" + _NUM + r"\s+" + _DAYS + r"\b"),
    # "3 days left", "2 days away", "5 dias mas"
    re.compile(r"\b" + _NUM + r"\s+" + _DAYS + r"\s+(?:left|away|from now|to go|restantes|mas)\b"),
]
#: Days left said without the unit, after a window in days: "tengo que salir en 60 dias, ya me quedan como 10".
_LEFT_UNSAID = re.compile(r"\b(?:(?:me|le|nos) quedan|(?:me|le|nos) faltan|(?:i|we|he|she) (?:have|has|got) (?:only |just )?)"
                          r"\s*(?:como |unos |solo |nomas |like |about |around )?" + _NUM + r"(?:\s+left)?(?=\s*(?:[,.;!?]|$|y\b|and\b|para\b))")
_DAYS_SAID = re.compile(r"\b(?:days?|dias?)\b")
_COUNTED_WEEKS = re.compile(r"\b(?:in|within|en|dentro de)\s+" + _NUM + r"\s+(?:weeks?|semanas?)\b")
_COUNTED_HOURS = re.compile(r"\b(?:in|within|en|dentro de|next|proximas)\s+\d{1,3}\s+(?:hours?|hrs?|horas)\b")
_NEAR_WORDS = re.compile(
    r"\b(?:today|tonight|tomorrow|this week|next week|end of (?:the |this )?week|this weekend|"
    r"soon|coming up|approaching|hoy|esta noche|manana|esta semana|(?:la )?(?:proxima|siguiente|otra) semana|"
    r"semana (?:que viene|entrante)|fin de semana|pronto|se acerca|ya casi)\b"
    r"|(?<!\blast )(?<!\bpast )\b" + _WEEKDAYS + r"\b(?! pasad[oa])"
)
_PAST_NEAR = re.compile(r"\b(?:was|were|passed|paso|fue|vencio|se vencio|missed|perdi)\b")


def _counted_near(s: str) -> List[Tuple[int, int]]:
    spans = []
    for pattern, most in [(_COUNTED[0], URGENT_WITHIN_DAYS), (_COUNTED[1], URGENT_WITHIN_DAYS), (_COUNTED_WEEKS, 2)]:
        for m in pattern.finditer(s):
            n = m.group("n")
            value = int(n) if n.isdigit() else _NUMBERS.get(n, 99)
            if value <= most:
                spans.append(m.span())
    spans += [m.span() for m in _COUNTED_HOURS.finditer(s)]
    if _DAYS_SAID.search(s):
        spans += [m.span() for m in _LEFT_UNSAID.finditer(s)
                  if (int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n"), 99)) <= URGENT_WITHIN_DAYS]
    return spans


def _near_spans(s: str) -> List[Tuple[int, int]]:
    """Where a sentence says a time within about two weeks from now."""
    return [m.span() for m in _NEAR_WORDS.finditer(s)] + _counted_near(s)


# --- filing deadlines -----------------------------------------------------------

_FILING = re.compile(
    r"\b(?:file|filing|filed|submit|send|mail|respond|response|reply|answer|appeal|apply|application|petition|"
    r"form|paperwork|papers|documents|evidence|rfe|noid|i-\d{1,3}\w?|asylum|bia|"
    # (with a pronoun: "hay que mandarla en 10 dias")
    r"presentar\w{0,4}|apelar\w{0,4}|apelacion|enviar\w{0,4}|mandar\w{0,4}|entregar\w{0,4}|responder\w{0,4}|contestar\w{0,4}|respuesta|aplicar|solicitud|solicitar|"
    r"peticion|formulario|papeles|documentos|evidencia|asilo|llenar|"
    # an E-Verify mismatch or an SIJS filing to make in time: "8 days to fix it", "file SIJS before he turns 21"
    r"fix|correct|contest|arreglar|corregir|sijs)\b"
)
_DEADLINE_WORDS = re.compile(
    r"\b(?:deadlines?|fecha (?:limite|de vencimiento)|last day (?:to|for)|ultimo dia (?:para|de)|"
    r"voluntary departure|salida voluntaria|grace period|periodo de gracia|"
    r"(?:re-?registration|registration|renewal|filing|application) (?:period|window)|(?:periodo|plazo) de (?:re-?registro|registro|renovacion)|(?:have|has|must|need)(?: to)? leave(?: the (?:country|us|u\.s\.|united states))? (?:by|before)|tengo que salir (?:antes|para)|"
    r"(?<!\blargo )(?<!\bcorto )(?<!\bmediano )(?<!\ba )(?<!\ben )plazos?"
    # a child who ages out of SIJS or a parent's petition: "my son turns 21 in 10 days"
    r"|turns? 21|cumple (?:los )?21|ages? out|age-out)\b"
)
#: The age-out cues of _DEADLINE_WORDS, and the near words that place a time only loosely.
_AGE_OUT = re.compile(r"turns? 21|cumple (?:los )?21|ages? out|age-out")
_ONLY_SOON = re.compile(r"soon|coming up|approaching|pronto|se acerca|ya casi")
_DUE = re.compile(r"\bdue\b(?! to\b| process\b| diligence\b)")
_NOT_FILING_DUE = re.compile(
    r"\b(?:baby|pregnant|embarazada|wife|she|she's|shes|i'm|im|i am|girlfriend|rent|bill|bills|payment|homework)\b"
    r"(?:\W+\w+){0,3}\W+$"
)
_BY_WORDS = r"\b(?:by|before|no later than|until|antes del?|a mas tardar(?: el)?|hasta(?: el)?)"
#: "file it by friday", "back by next friday", "tengo hasta el viernes": "by" just before a time.
_BY = re.compile(_BY_WORDS + r"\s*(?:(?:next|this|this coming|coming|el|este|el proximo|la proxima|proximo)\s+)?$")
#: "tengo hasta el 14 de diciembre para mandar pruebas": "by" before a date, wherever it is.
_BY_DATE = re.compile(_BY_WORDS + r"\s+")
#: A status that expires: a green card, a work permit, TPS, DACA, parole, a visa, an I-94.
_STATUS = re.compile(r"\b(?:green ?card|residen(?:ce|cy) card|mica|work permit|permiso de trabajo|ead|tps|daca|parole|parol|status|estatus|visa|i-94"
                     r"|(?:re-?)?registration|re-?registro|registro|re-?registrar(?:me|se)?|re-?register)\b")
#: Words of a status that expires; flow's renewal reading uses the same list.
EXPIRES_WORDS = r"vence|vencen|se vence|expira|caduca|expires|expiring|will expire"
_EXPIRES = re.compile(rf"\b(?:{EXPIRES_WORDS})\b")
#: Ending said another way, only of a status: "my parole ends next week", "tps registration closes next friday".
_ENDS = re.compile(r"\b(?:ends|closes|runs out|se termina|termina|se acaba|se cierra|cierra)\b")
#: Things that carry their own deadline within days, no time needed.
_DEADLINE_BY_ITSELF = re.compile(
    # a deadline said to be near, with no day: "tengo la fecha limite muy cerca", "the deadline is really close"
    r"\bfecha limite (?:ya )?(?:esta |la tengo )?(?:muy |bien |super )?(?:cerca|encima)\b|\b(?:tengo|tiene) la fecha limite (?:muy |bien |super )?(?:cerca|encima)\b"
    r"|\bdeadline is (?:very |really |so |super )?(?:close|near|soon|coming up)\b|"
    r"\bnotice of inspection\b|\baviso de inspeccion\b|"
    r"\bi-9 (?:inspection|audit|notice)\b|\b(?:inspection|audit|inspeccion|auditoria)\b[^.]{0,30}\bi-9\b|"
    r"\bnoi\b[^.]{0,30}\b(?:i-9|ice)\b|\b(?:i-9|ice)\b[^.]{0,30}\bnoi\b|"
    r"\b(?:3|three|tres) (?:business |working )?(?:days?|dias?)(?: habiles)?\b[^.]{0,40}\b(?:i-9|inspection|inspeccion)\b|"
    r"\b(?:i-9|inspection|inspeccion)\b[^.]{0,40}\b(?:3|three|tres) (?:business |working )?(?:days?|dias?)\b"
)
_DAYS_TO = re.compile(r"\b(?:days?|dias?)(?: (?:habiles|laborables))?\s+(?:left\s+)?(?:to|para|for)\b")
_ASYLUM = re.compile(r"\b(?:asylum|asilo)\b")
#: The year's end said to be weeks or months away (normalised), beside "almost a year": "se me cumple el ano en 3 semanas".
_YEAR_WEEKS_AWAY = re.compile(
    r"\b(?:cumple|cumplo|se cumple|se me cumple|is up|will be|it'?s|its|comes|hits)\b[^.?!]{0,20}?\b(?:en|in)\s+"
    r"(?:(?:[3-9]|1[0-9]|tres|cuatro|cinco|seis|three|four|five|six) (?:semanas?|weeks?)|(?:un|a|one|1|2|3|dos|tres|two|three) (?:mes(?:es)?|months?))\b")
_ASYLUM_YEAR_NEAR = re.compile(
    r"\b(?:almost|nearly|about to be|casi|ya casi|por cumplir) (?:a|one|un) (?:year|ano)\b|"
    r"\bone year (?:mark|anniversary|is up)\b|\b(?:cumplo|cumple|se cumple|cumplimos) (?:el |un )?(?:one year|ano)\b"
    r"|\b(?:my|our|the|his|her|mi|su) (?:one )?(?:year|ano) (?:here |aqui )?(?:is|es) (?:almost |nearly |casi )?up\b"
    # "I entered the US one year ago next friday", "hace un ano el jueves que viene"
    r"|\b(?:a|one|1) year ago (?:this|next|on|el|este)\s+(?:coming\s+)?" + _WEEKDAYS + r"\b"
    # "i came to the US one year ago next week", "hace un ano la semana que viene"
    r"|\b(?:a|one|1) year ago (?:next week|this week|this coming week|in (?:[1-9]|1[0-4]|a few|two|three|four|five) days)\b"
    r"|\bhace (?:un|1) ano (?:la semana que viene|la proxima semana|la otra semana|esta semana|en (?:[1-9]|1[0-4]|unos|dos|tres|cuatro|cinco) dias)\b"
    r"|\bhace (?:un|1) ano (?:el|este) (?:proximo )?" + _WEEKDAYS + r"\b"
    # "llegue hace un ano menos diez dias", "a year ago minus 10 days": the days left, said
    r"|\b(?:a|one|1|un) (?:year|ano)(?: ago| atras)? (?:minus|less|menos) (?:[1-9]|1[0-4]|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|a few|un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|unos) (?:days?|dias?)\b"
    # "llegue hace once meses y medio", "eleven and a half months ago": half a month left, said roughly
    r"|\b(?:11|once|eleven) (?:meses y medio|months and a half|and a half months)\b"
    # "today is like day 360 since i came here", "llevo 355 dias aqui": days from the year's end
    r"|\b(?:day|dia) (?:35[1-9]|36[0-5])\b|\b(?:35[1-9]|36[0-5]) (?:days|dias) (?:since|desde|here|aqui|in the us|en (?:el pais|usa|estados unidos))"
    # "se me vence el plazo del año", "my one year deadline is coming up"
    r"|\b(?:vence|vencer|acaba|termina|cumple)\w* el (?:plazo (?:del|de un) )?ano\b|\bplazo (?:del|de un) ano (?:se )?(?:me |le )?(?:vence|acaba|termina|esta cerca)"
    r"|\bone[- ]year (?:deadline|limit|mark)\b[^.]{0,20}\b(?:coming up|is soon|is close|is almost|running out|runs out|is up)\b"
)
#: Asylum already asked for: "my asylum case is pending", "ya aplique al asilo".
_ASYLUM_FILED = re.compile(
    r"\b(?:asylum|asilo) (?:case|caso|application|aplicacion|solicitud) (?:is )?(?:pending|pendiente|filed|en proceso)"
    r"|\b(?:already|ya) (?:applied|filed|aplique|aplico|pedi|solicite)\b|\b(?:applied|filed) for asylum\b|\bpending asylum\b")
#: The one-year deadline said as "before the year": "antes del año", "within the first year".
_BEFORE_THE_YEAR = re.compile(r"\b(?:antes del|antes de cumplir (?:el|un)|before the|within the|dentro del) (?:first |primer )?(?:ano|year)\b")
_ONE_YEAR = re.compile(r"(?<!hace )\b(?:one year|un ano)\b(?! ago| atras)")
_APPEAL_LIKE = re.compile(
    r"\b(?:appeal|apelacion|apelar|bia|petition for review|rfe|request for evidence|noid|n-?14|n-?336|"
    r"notice of intent to deny|one year deadline)\b"
)
_QUESTION = re.compile(
    r"\b(?:what(?: is|'s| are)?|when(?: is|'s)?|is there|how long is|cual es|cuando es|hay|how much time)\s+(?:the |a |an |la |el |un |una )?$"
)
#: "I received an RFE today", "the judge denied me today": the time is when it came, not when it is due.
_RECEIVED = re.compile(
    r"\b(?:received|receive|got|get|recibi|recibio|recibimos|llego|me llego|denied|negaron|nego|decided|ordered|ordeno|issued)\b"
)


def _gap(a: Tuple[int, int], b: Tuple[int, int], s: str) -> str:
    lo, hi = min(a[1], b[1]), max(a[0], b[0])
    return s[lo:hi] if hi > lo else ""


_AGO_AFTER = re.compile(r"\s*(?:ago|atras)\b")
_AGO_BEFORE = re.compile(r"\b(?:ago|atras)\s*$")
_VAGUE_SOON = re.compile(r"\b(?:soon|pronto|coming up|se acerca|ya casi)\b")


def _expiring_soon(s: str, today: Optional[date], renewed: bool = False) -> bool:
    """"my 2 year green card expires dec 15", "mi permiso se vence el 10": a status (or a paper to
    file) that ends within 14 days needs its filing before then. "expires soon" says no day."""
    if renewed:
        return False  # "she filed the renewal" (in any sentence of the message): the status goes on while it is decided
    ends = [(m, False) for m in _EXPIRES.finditer(s)] + [(m, True) for m in _ENDS.finditer(s)]
    for m, status_only in ends:
        if not ((_FILING.search(s) and not status_only) or _STATUS.search(s[max(0, m.start() - 30):m.start()])):
            continue
        after = re.split(r"[.;!?]", s[m.end(): m.end() + 40])[0]
        near = [n for n in _NEAR_WORDS.finditer(after[:25]) if not _VAGUE_SOON.match(n.group(0))]
        if near or any(a < 25 for a, _ in _counted_near(after)):
            return True
        day = parse_date(after, today) if today is not None else None
        if day is not None and today is not None and 0 < days_until(day, today) <= URGENT_WITHIN_DAYS:
            return True
    return False


#: The renewal already sent: "she filed the renewal", "ya mande la renovacion".
_RENEWAL_FILED = re.compile(r"\b(?:filed|sent|submitted|mailed|applied for) (?:the |her |his |my |our |a )?(?:renewal|extension)\b"
                            r"|\b(?:renewal|extension) (?:is |was )?(?:already )?(?:filed|pending|sent|submitted)\b"
                            r"|\b(?:ya )?(?:mande|mandamos|envie|aplique|meti) (?:la |su |mi )?(?:renovacion|extension)\b")
#: A compliance check with no notice behind it: "an internal I-9 audit", "no notice from anyone".
_NO_NOTICE = re.compile(r"\b(?:internal|self|voluntary|mock|practice|interna|no notice|not received|haven'?t (?:got|gotten|received)|sin aviso"
                        # "want to do our own I-9 audit before anything happens. nothing from ice yet"
                        r"|(?:our|my|its) own|nothing (?:from|yet)|before anything happens|antes de que (?:pase|llegue) algo|propia|(?:todavia )?nada de (?:ice|la migra))\b")
#: ... or one that is over: "we had an I-9 audit earlier this year and already responded", "the audit is closed".
_NOTICE_DONE = re.compile(r"\b(?:already (?:responded|answered|sent|submitted|turned in|handed in|paid)"
                          r"|already (?:turned|handed|sent) (?:everything|it|them|all|the (?:documents|papers|forms|i-9s?))(?: \w+)? in"
                          r"|(?:inspection|audit|inspeccion|auditoria) last (?:month|week)|(?:inspeccion|auditoria) (?:del|el) mes pasado|(?:audit|inspection|auditoria|inspeccion)"
                          r" (?:is|was|has been|ya) (?:closed|over|done|finished|cerrada|termino)|earlier this year|last year|years? ago"
                          r"|el ano pasado|ya (?:respondimos|contestamos|entregamos|mandamos|pagamos)"
                          # "hace meses hicieron auditoria de los I-9 y la semana pasada llego una multa": the audit is past
                          r"|hace (?:unos |varios |\w+ )?meses|(?:a few |several |some |\w+ )?months ago)\b")


#: A filing the visitor must make: "hay que mandarla", "I have to send the evidence".
_MUST_FILE = re.compile(
    r"\b(?:hay que|tengo que|tiene que|tenemos que|tienen que|debo|debemos|have to|has to|need to|needs to|must|got to|gotta)\s+"
    r"(?:\w+\s+)?(?:mandar\w{0,4}|enviar\w{0,4}|presentar\w{0,4}|entregar\w{0,4}|responder\w{0,4}|contestar\w{0,4}|apelar|file|send|submit|respond"
    r"|answer|reply|mail|turn in|appeal)\b")


#: What the government asks for, about a filing: "USCIS sent me an N-14 ..., they want my tax transcripts in 12 days".
_THEY_WANT = re.compile(r"\b(?:they|uscis|the court|the judge|immigration|inmigracion)\s+(?:want|wants|need|needs|asked for|asks for|requested"
                        r"|request|quieren|piden|pidieron)\b")


def _near_the_year(year: Tuple[int, int], s: str) -> bool:
    """Whether a time within about two weeks is said close to "one year" (at ``year``), and not of the past: "next week
    is 1 year exactly" (not "it was a year last week", nor "he got here 11 months ago this week so his one year is coming",
    where the week is that of a time ago)."""
    return any(len(_gap(year, n, s)) <= 40 and not _PAST_NEAR.search(_gap(year, n, s)) and not _AGO_BEFORE.search(s[: n[0]])
               for n in _near_spans(s))


def _deadline_soon(s: str, today: Optional[date], renewed: bool = False) -> bool:
    if (_DEADLINE_BY_ITSELF.search(s) and not _NO_NOTICE.search(s) and not _NOTICE_DONE.search(s)) or _expiring_soon(s, today, renewed):
        return True
    if _ASYLUM.search(s) and _ASYLUM_YEAR_NEAR.search(s) and not _YEAR_WEEKS_AWAY.search(s):
        return True
    if _ASYLUM.search(s) and today is not None:
        # "my one year in the us is on december 12 and i havent applied for asylum"
        for year in _ONE_YEAR.finditer(s):
            day = parse_date(s[year.end(): year.end() + 40], today)
            if day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS and not _AGO_AFTER.match(s, year.end()):
                return True
    if _ASYLUM.search(s):
        # "my one year for asylum is in 10 days", "next week is 1 year exactly"; "pedir asilo antes del año ...
        # se me cumple en 12 dias"
        if any(_near_the_year(year.span(), s) for year in [*_ONE_YEAR.finditer(s), *_BEFORE_THE_YEAR.finditer(s)]):
            return True
    # "deadline", "due", "plazo": a deadline said outright, unless asked about ("what is the deadline?")
    cues = [m.span() for m in _DEADLINE_WORDS.finditer(s) if not _QUESTION.search(s[: m.start()])]
    cues += [m.span() for m in _DUE.finditer(s) if not _NOT_FILING_DUE.search(s[: m.start()])]
    near = _near_spans(s)
    musts = list(_MUST_FILE.finditer(s)) + (list(_THEY_WANT.finditer(s)) if _FILING.search(s) else [])
    for must in musts:
        # "hay que mandarla en 10 dias": the filing, then its time (not "the store closes tomorrow, i need to send papers")
        # (nor "needs to file asylum, he got here 11 months ago this week": the week of a time ago)
        if any(0 <= start - must.end() <= 40 and not _PAST_NEAR.search(s[must.end():start]) and not _AGO_BEFORE.search(s[:start])
               for start, _ in near):
            return True
    if _FILING.search(s):
        cues += [m.span() for m in _DAYS_TO.finditer(s)]  # "3 days to respond", "3 dias para apelar"
        # "file it by friday", "tengo hasta el viernes para apelar"
        for start, _ in near:
            m = _BY.search(s[:start])
            if m:
                cues.append(m.span())
    # "BIA appeal ... friday", "RFE ... tomorrow": deadline-bearing filings, unless the time is when it came
    if not cues and not _RECEIVED.search(s):
        cues += [m.span() for m in _APPEAL_LIKE.finditer(s)]
    for c in cues:
        for n in near:
            gap = _gap(c, n, s)
            if _ONLY_SOON.fullmatch(s[n[0]:n[1]]) and (_AGE_OUT.fullmatch(s[c[0]:c[1]]) or _DUE.fullmatch(s[c[0]:c[1]])):
                continue  # "mi hijo cumple 21 pronto", "my renewal is due soon": no day said, not within days
            if len(gap) <= 60 and not _PAST_NEAR.search(gap):
                return True
    if today is not None:
        if _FILING.search(s):
            cues += [m.span() for m in _BY_DATE.finditer(s)]
        for start, end in cues:
            # ("antes del 15": the "del" is part of the day)
            day = parse_date(s[end : end + 40], today) or parse_date(s[max(start, end - 4) : end + 40], today)
            if day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS:
                return True
    return False


#: "I have 30 days to appeal" ... "the letter is dated 25 days ago": a window that closes within days.
_N = _NUM.replace("(?P<n>", "(")
_WINDOW = re.compile(
    r"\b" + _N + r"\s+(?:calendar |business )?(?:days?|dias?)\s+(?:to|para|pa|for|from|de plazo|in which to|window)\b"
)
#: "only 30 days", "in 45 days": a window when the message is about a filing or a departure.
_WINDOW_LOOSE = re.compile(
    r"\b(?:within|in|dentro de|tengo|have|has|had|only|solo|just|gave (?:me|him|her|us|them)|(?:me|le|nos|les) (?:dio|dieron)"
    r"|(?:voluntary departure|salida voluntaria)(?: of| de| for| por)?)\s+"
    + _N + r"\s+(?:calendar |business )?(?:days?|dias?)\b"
)
_ABOUT = r"(?:about |around |like |almost |nearly |over |casi |como |unas? |mas de |más de )?"
#: "its been about 3 weeks already", "ya pasaron 3 semanas"
_BEEN = r"\b(?:it'?s|its|it has|has|have|ya|that was|han|ya han)\s+(?:been|pasaron|pasado)\s+" + _ABOUT
_ELAPSED_WEEKS = re.compile(r"\b" + _N + r"\s+(?:weeks?|semanas?)\s+(?:ago|back|atras)\b|\bhace\s+" + _N + r"\s+semanas?\b"
                            r"|" + _BEEN + _N + r"\s+(?:weeks?|semanas?)\b")
_ELAPSED = re.compile(
    r"\b" + _N + r"\s+(?:days?|dias?)\s+(?:ago|back|atras)\b|\bhace\s+" + _N + r"\s+dias?\b"
    r"|" + _BEEN + _N + r"\b(?!\s+(?:weeks?|semanas?|months?|meses|years?|anos?))"
    r"|\bdated\s+" + _N + r"\s+days?\b"
)


def _number(n: str) -> int:
    return int(n) if n.isdigit() else _NUMBERS.get(n, 999)


#: "I arrived on December 12 last year and haven't applied for asylum": the one-year deadline from arrival.
_ARRIVED = re.compile(r"\b(?:llegue|llegamos|llego|entre|entramos|entro|cruce|cruzamos|arrived|came|entered|got here|crossed)\b")
ASYLUM_YEAR_DAYS = 365


def _asylum_year_closing(t: str, today: Optional[date]) -> bool:
    """Asylum said with the day of arrival, a year ago less 14 days or fewer."""
    if today is None or not _ASYLUM.search(t):
        return False
    for m in _ARRIVED.finditer(t):
        # the clause after "came": "from venezuela last december the 9", not "...and a friend told me"
        clause = re.split(r"[.,;!?]|\s(?:and|but|y|pero|so)\s(?!" + _N + r"\s+(?:days?|weeks?|months?|dias?|semanas?|mes(?:es)?)\b)",
                          t[m.end(): m.end() + 60])[0]  # ("hace 11 meses y 3 semanas" is one stretch)
        # ("hace once meses y tres semanas": the whole stretch, counted back)
        day = time_ago(clause, today) or past_date(clause, today)
        if day is not None and 0 <= ASYLUM_YEAR_DAYS - (today - day).days <= URGENT_WITHIN_DAYS:
            return True
    for sentence in ([] if _ASYLUM_FILED.search(t) else _sentences(t)):
        # "one year limit to ask for asylum. next wednesday makes exactly one year since i arrived": the
        # year since arrival, its end told as a day near it in another sentence than asylum
        if _ARRIVED.search(sentence):
            if any(_near_the_year(year.span(), sentence) for year in _ONE_YEAR.finditer(sentence)):
                return True
    for m in _YEAR_MARK.finditer(t):
        # "my one year since arriving is next week", "se me cumple el año el 15": the year's end, told as a day to come
        rest = re.split(r"[.;!?]", t[m.end(): m.end() + 50])[0]
        if _COMES.search(rest) and not re.match(r"\s*(?:ago|atras)\b", rest) and _ARRIVED.search(t):
            day = parse_date(rest, today)
            if day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS:
                return True
    return False


_YEAR_MARK = re.compile(r"\b(?:one|1|un|mi|my|the|el) (?:year|ano)\b")
_COMES = re.compile(r"\b(?:is|es|sera|will be|comes?|cumple|cumplo|se cumple|ends?|termina|se acaba)\b")


#: The day a window began, said as a date: "the letter is dated november 10", "la carta llegó el 3 de noviembre".
_DATED = re.compile(
    r"\b(?:dated(?: on)?|received(?: it)?(?: on)?|came(?: on)?|arrived(?: on)?|issued(?: on)?|mailed(?: on)?"
    r"|fechad[oa](?: el| del)?|con fecha(?: del?)?|lleg[oó](?: el)?|recib[ií](?: el)?)\s+")


def _window_closing(t: str, today: Optional[date] = None) -> bool:
    """A filing or departure window said with how much of it has passed, closing within 14 days."""
    found = list(_WINDOW.finditer(t))
    if _FILING.search(t) or _DEADLINE_WORDS.search(t) or re.search(r"\b(?:leave|depart|salir)\b", t):
        found += _WINDOW_LOOSE.finditer(t)
    windows = [_number(next(g for g in m.groups() if g)) for m in found]
    passed = [_number(next(g for g in m.groups() if g)) for m in _ELAPSED.finditer(t)]
    # "30 days to appeal and that was 3 weeks ago"
    passed += [7 * _number(next(g for g in m.groups() if g)) for m in _ELAPSED_WEEKS.finditer(t)
               if _number(next(g for g in m.groups() if g)) < 999]
    if today is not None and windows:
        # "30 days to file appeal N-336. the letter is dated november 10"
        days = (past_date(re.split(r"[.,;!?]", t[m.end(): m.end() + 30])[0], today) for m in _DATED.finditer(t))
        passed += [(today - day).days for day in days if day is not None and day <= today]
    return any(0 <= w - p <= URGENT_WITHIN_DAYS for w in windows for p in passed if w < 999 and p < 999 and w > p)


#: The Board's denial (as a regular expression): "the BIA denied my appeal", "la junta nego la apelacion".
BOARD_DENIED = r"(?:bia|board of immigration appeals?|board|junta de apelaciones|la junta)\b[^.]{0,20}?\b(?:dismissed|denied|rechazo|rechazó|nego|negó)"
#: A decision with a 30-day appeal window: the judge's (appeal to the BIA) or the
#: BIA's (petition for review). Said with when it came, the window is known.
_DECISION = re.compile(
    r"\b(?:(?:judge|juez|jueza|court|corte)\b[^.]{0,30}?\b(?:denied|ordered|negó|nego|ordeno|ordenó|dio la deportacion"
    # "the judge already said deport at my hearing like 3 weeks ago"
    r"|said (?:deport\w*|removal|removed)|gave (?:me |him |her )?(?:deportation|a deportation|removal)|me dio deportacion|le dio deportacion)"
    # "me dieron deportacion en la corte": the court's order, said without the judge
    r"|(?:me|le|nos|les) (?:dio|dieron) (?:la )?deportacion\b[^.]{0,20}\b(?:corte|court|juez|judge)"
    r"|" + BOARD_DENIED +
    r"|(?:dismissed|denied) my appeal|ordered (?:me |him |her )?(?:deported|removed)|removal order|orden de deportacion"
    # "nos llego la decision de la BIA hace como 3 semanas, nos negaron la apelacion"
    r"|(?:decision|respuesta|answer) (?:de|del|from|of) (?:la |el |the )?(?:bia|board|junta)\b|(?:nos|me|le|les) negaron la apelacion"
    # a naturalization denied: 30 days to ask for a hearing (N-336)
    r"|(?:citizenship|naturali[sz]ation|n-?400|ciudadania|naturalizacion)\b[^.]{0,30}?\b(?:denied|rejected|negaron|nego|rechazaron|rechazada|negada))"
)
#: Voluntary departure granted (its own days to leave).
_DEPARTURE_GRANTED = re.compile(r"\b(?:gave|granted|got|dio|dieron|tengo|tiene)\b[^.]{0,20}?\b(?:voluntary departure|salida voluntaria)\b")
#: The time left asked about: "how much time do i have", "no se si me alcanza el tiempo", "is it too late to appeal".
_TIME_LEFT_ASKED = re.compile(
    r"\bhow (?:much time|many days|long) (?:do|does|did) (?:i|we|he|she|they) (?:have|get)\b|\bhow much time (?:i|we) have\b"
    r"|\b(?:is it|am i) too late\b|\bcuanto tiempo (?:tengo|tiene|tenemos|me queda|le queda|hay)\b|\bcuantos dias (?:tengo|tiene|me quedan)\b"
    r"|\b(?:me|le|nos) alcanza el tiempo\b|\bes (?:muy )?tarde para\b")
#: The Board's denial, its last step (a petition for review within 30 days), and what is left asked: "the BIA denied my
#: appeal, is there anything else i can do?" (a judge's denial and "what now" leaves the appeal itself to staff).
_BOARD_DENIED = re.compile(r"\b" + BOARD_DENIED)
_ANYTHING_LEFT_ASKED = re.compile(r"\b(?:is there )?anything (?:else )?(?:i|we) (?:can|could) do\b"
                                  r"|\b(?:hay )?algo (?:mas )?(?:que )?(?:puedo|podemos|podamos|pueda|se puede|se pueda) hacer\b")
#: A decision of today or yesterday: its 30 days have just begun ("ayer el juez le negó el asilo").
_DECIDED_JUST_NOW = re.compile(r"\b(?:today|yesterday|this morning|last night|hoy|ayer|anoche|esta manana|esta mañana)\b")
#: The appeal said to be still open: "me dijeron que puedo apelar", "i think i have 30 days to appeal".
_APPEAL_OPEN = re.compile(r"\b(?:puedo|podemos|puede|pueden|can|could|may|quiero|queremos|want to|wanna|would like to|i'?d like to)"
                          r" (?:still |todavia |aun )?(?:apelar|appeal)\b"
                          r"|\b(?:have|has|got|tengo|tiene|tenemos) (?:30|thirty|treinta) (?:days|dias) (?:to|para) (?:apelar|appeal)\b")
#: A decision said to be long past: "years ago", "hace anos", "back in 2019", "last year".
_LONG_AGO = re.compile(r"\b(?:years? ago|hace (?:\w+ )?anos|last year|el ano pasado|months ago|hace (?:\w+ )?meses|back in (?:19|20)\d\d|en (?:19|20)\d\d)\b")
_DECISION_AGO = re.compile(
    r"\b(?:almost |about |around |like |casi |como )?" + _N + r"\s+(days?|weeks?|dias?|semanas?)\s+(?:ago|back|atras)\b"
    r"|\bhace\s+(?:casi |como |like |about )?" + _N + r"\s+(dias?|semanas?|days?|weeks?)\b"
    # "its been almost a month", "ya van 3 semanas": the time since, said as time gone by
    r"|\b(?:it'?s been|its been|it has been|been|ya van|ya pasaron|ya paso|han pasado|van)\s+(?:almost |about |around |like |casi |como |nearly )?"
    + _N + r"\s+(days?|weeks?|months?|dias?|semanas?|mes(?:es)?)\b"
    r"|\b(?:almost|nearly|casi) (a|one|un) (month|mes) (?:ago|back|atras)\b"
)
#: The day of a decision said apart: "decision is dated november 16", "la decision es del 16 de noviembre".
_DECISION_DATED = re.compile(
    r"\b(?:decision|letter|order|decision letter|decision|carta|orden)\b[^.]{0,20}?\b(?:dated|is from|was on|came out on|is on|fechad[ao]|es del|del dia|con fecha(?: del)?)\b")
#: Days to appeal an immigration judge's decision to the BIA, or to petition for review of the BIA's.
APPEAL_WINDOW_DAYS = 30
#: An order made because the person missed court (in absentia): it is not appealed in 30 days but
#: reopened by a motion, so its days are no appeal window ("i got an order of removal because i missed court").
_IN_ABSENTIA = re.compile(
    r"\bin absentia\b|\b(?:missed|didn'?t go to|did not go to|never went to|didn'?t show up (?:to|for|at)|did not show up (?:to|for|at))\s+"
    r"(?:my |his |her |the |our |their )?(?:court|hearing|court date)\b"
    r"|\bno (?:fui|fue|fuimos|llegu[eé]|lleg[oó]|me present[eé]|se present[oó]) a (?:la |mi |su )?(?:corte|audiencia|cita de corte)\b"
    r"|\bpor no (?:ir|llegar|presentarme|presentarse) a (?:la |mi |su )?(?:corte|audiencia)\b|\bfalt[eéoó] a (?:la |mi |su )?(?:corte|audiencia)\b")


def _decision_window_closing(t: str, today: Optional[date] = None) -> bool:
    """"The judge denied my asylum 3 weeks ago", "la BIA nego la apelacion el 12 de noviembre":
    a 30-day appeal window closing within 14 days (none for an order made because court was missed)."""
    if _IN_ABSENTIA.search(t):
        return False
    sentences = list(_sentences(t))
    if today is not None and any(_DECISION.search(s) for s in sentences):
        # the decision's date said in a sentence of its own: "they dismissed my appeal. decision is dated november 16"
        for s in sentences:
            dated = _DECISION_DATED.search(s)
            day = past_date(s[dated.end(): dated.end() + 40], today) if dated else None
            if day is not None and day < today and 0 <= APPEAL_WINDOW_DAYS - (today - day).days <= URGENT_WITHIN_DAYS:
                return True
    if (_DECISION.search(t) or _DEPARTURE_GRANTED.search(t)) and _TIME_LEFT_ASKED.search(t) and not _LONG_AGO.search(t) \
            and not _DECISION_AGO.search(t) and not _DECIDED_JUST_NOW.search(t) \
            and (today is None or past_date(_TIME_LEFT_ASKED.sub(" ", t), today) is None):
        # "the judge denied me, how much time do i have", "el juez me dio salida voluntaria y no sé si me alcanza el
        # tiempo": a decision just come, its window asked about (30 days to appeal; voluntary departure's own);
        # a day said ("denied my asylum last tuesday ... how long do i have?") is counted below
        return True
    if _BOARD_DENIED.search(t) and _ANYTHING_LEFT_ASKED.search(t) and not _LONG_AGO.search(t) and not _DECISION_AGO.search(t) \
            and (today is None or past_date(t, today) is None):
        return True  # "the BIA denied my appeal, is there anything else i can do?": just come, its last window open
    if today is not None and _DECISION.search(t) and _APPEAL_OPEN.search(t) and not _LONG_AGO.search(t) \
            and not _DECISION_AGO.search(t) and past_date(_APPEAL_OPEN.sub(" ", t), today) is None:
        # "el juez me nego el asilo y me dijeron que puedo apelar": a decision told with its appeal still open and no
        # day, so it just came (a day said is counted below: "denied it this morning", "on friday")
        return True
    for s in sentences:
        decision = _DECISION.search(s)
        if not decision:
            continue
        if today is not None:
            # the day the decision came, said right after it ("denied it on nov 12"); "hace como un mes" is
            # the 30 days run out (not "casi un mes")
            said = s[decision.end(): decision.end() + 40]
            roughly_a_month = re.search(r"\b(?:month|mes)\b", said) and not re.search(r"\b(?:almost|nearly|casi)\b", said)
            day = None if roughly_a_month else past_date(said, today)
            if day is not None and day < today and 0 <= APPEAL_WINDOW_DAYS - (today - day).days <= URGENT_WITHIN_DAYS:
                return True
        for m in _DECISION_AGO.finditer(s):
            groups = [g for g in m.groups() if g]
            count, unit = _number(groups[0]), groups[1]
            # ("almost a month": a month less a few days, the window's last days)
            elapsed = count * (7 if unit.startswith(("week", "seman")) else 30 if unit.startswith(("month", "mes")) else 1)
            if unit.startswith(("month", "mes")) and re.search(r"\b(?:almost|nearly|casi)\b", m.group(0)):
                elapsed -= 3
            elif unit.startswith(("month", "mes")):
                continue  # "el juez me nego el caso hace como un mes": the 30 days have run out
            if count < 999 and 0 <= APPEAL_WINDOW_DAYS - elapsed <= URGENT_WITHIN_DAYS:
                return True
    return False


# --- agents present now -----------------------------------------------------------

_AGENT = (
    r"(?:immigration (?:agents?|officers?|officials?|police)|agentes? de (?:inmigracion|migracion|ice|la migra)|"
    r"la migra|migra|ice(?: agents?| officers?)?|immigration|inmigracion|migracion|agentes?|agents?|officers?|"
    r"oficiales|federales|feds|cbp|border patrol|patrulla fronteriza|hsi|homeland security|homeland)"
)
_HOME = (r"door|front door|house|home(?! depot)|apartment|apt|building|porch|yard|backyard|fence|driveway|garage|window|trailer|puerta|casa|apartamento|depa"
         r"|departamento|edificio|ventana|traila|entrada(?! de(?:l| la) (?:fabrica|empresa|planta|trabajo|bodega|obra|rancho|restaurante|taller))"
         r"|cochera|patio|yarda|parque de trailas|parque de trailers|parque de casas moviles|trailer park|mobile home park")
_WORK = (
    r"work|job|workplace|job site|jobsite|worksite|work site|factory|plant|warehouse|loading dock|break room|construction site|farm|hotel|orchard|field|fields|"
    r"facility|dairy|ranch|kitchen|site|car ?wash|lavado|autolavado|"
    r"restaurant|shop|trabajo|chamba|jale|fabrica|empresa|taller|obra|rancho|restaurante|bodega|campo|files|surco|huerta|parcela|planta"
    r"|donde trabajo|where i work|granja|lecheria|empacadora|invernadero|vivero|donde trabaja|where (?:he|she) works"
)
_STREET = (r"street|road|highway|car|truck|bus stop|parking lot|parking|corner|block|store|mall|calle|carro|coche|troca|parada|estacionamiento"
           r"|parqueadero|parqueo|esquina|tienda|home depot|lowe'?s|walmart")
_OTHER = r"school|church|hospital|escuela|iglesia"
_PLACE = rf"(?:{_HOME}|{_WORK}|{_STREET}|{_OTHER})"
_OWNER = r"(?:my|the|our|his|her|their|mi|mis|la|el|nuestra|nuestro|su|a|an|un|una)"
_HERE_END = r"(?=\s*(?:$|[,:]|right now|now|ahora|ahorita|ya|already|again|and|y|help|ayuda|please|por favor|what|que|omg|with|con|afuera|outside|adentro|inside))"
_AT_PLACE = rf"(?:at|in|inside|on|outside(?: of)?|in front of|en|dentro de|afuera de|fuera de|enfrente de|frente a)\s+(?:{_OWNER}\s+)?(?:\w+(?:'s)?\s+)?{_PLACE}\b"
_PRESENCE = (
    rf"(?:{_AT_PLACE}|(?:right )?(?:here|aqui|alli|ahi){_HERE_END}|(?:right )?(?:here|aqui)\s+{_AT_PLACE}|there (?:right now|now|ahora)|"
    r"outside|afuera|enfrente(?! de)|out front|in front(?! of)|dando vueltas|rondando|knocking|banging|pounding|tocando|golpeando|raiding|surrounding|waiting outside|"
    r"parked outside|just showed up|just arrived|acaban? de llegar|llegando|ya llegaron|ya llego|entering|entrando|inside|adentro|"
    r"pulling (?:me|us|him|her) over|pulled (?:me|us|him|her) over|surrounded|just (?:came|walked|got|went) (?:in|into|inside)|"
    r"in the (?:lobby|hallway|parking lot|driveway)|following (?:me|us)|asking (?:me|us|for) (?:for )?(?:papers|documents|id)|"
    r"pidiendo (?:mis |los |nuestros )?(?:papeles|documentos))"
)
_AGENTS_THERE = re.compile(
    rf"\b{_AGENT}\b(?:\s+(?:is|are|s|'s|esta|estan|anda|andan|sigue|siguen|still|todavia|just|are still|is still|"
    rf"right now|now|ahora|ahorita|ya))*\s*{_PRESENCE}"
)
_PLACE_THEN_AGENTS = re.compile(
    rf"\b{_AT_PLACE}\s+(?:right now |now |ahora |ahorita )?(?:there (?:is|are)|hay|esta|estan|is|are)\s+(?:la |el |los |some |unos )?{_AGENT}\b"
)
_KNOCKING = re.compile(r"\b(?:knocking|banging|pounding|tocando|golpeando)\b")
_KNOCKING_GOING_ON = re.compile(r"\b(?:are|is|re|estan|esta|keep|keeps|still|siguen|sigue)\s+(?:knocking|banging|pounding|tocando|golpeando)\b")
#: "2 ice cars parked outside our house", "ICE agents just pulled into our yard", "una camioneta de la migra afuera"
_VEHICLES_THERE = re.compile(
    rf"\b{_AGENT}\s+(?:\w+\s+)?(?:cars?|trucks?|vans?|suvs?|vehicles?|trocas?|camionetas?)\b[^.]{{0,20}}"
    rf"\b(?:parked|outside|waiting|here|afuera|enfrente|out front|in front|aqui|estacionad[oa]s?)\b"
    rf"|\b(?:camionetas?|carros?|trocas?|patrullas?|vans?) de (?:la )?{_AGENT}\b[^.]{{0,20}}\b(?:afuera|enfrente|aqui|estacionad[oa]s?|parad[oa]s?|dando vueltas|rondando)\b"
    # "ICE trucks circling the block", "hay carros de la migra dando vueltas en la cuadra"
    rf"|\b{_AGENT}\s+(?:\w+\s+)?(?:cars?|trucks?|vans?|suvs?|vehicles?)\b[^.]{{0,10}}\b(?:circling|driving around|going around)\b"
    rf"|\b{_AGENT}\s+(?:\w+\s+)?(?:just )?(?:pulled|pulling) (?:up|in|into)\b"
    # "the ICE trucks are still at the end of our street", "las trocas de la migra siguen en la esquina"
    rf"|\b{_AGENT}\s+(?:\w+\s+)?(?:(?:cars?|trucks?|vans?|suvs?|vehicles?|trocas?|camionetas?)\s+)?(?:are|is|siguen|sigue)\s+(?:still\s+)?"
    r"(?:parked\s+|estacionad[oa]s?\s+)?(?:at the end of|on|down|around|up|in front of|across from|near|en|al final de|a la vuelta de|enfrente de)"
    r" (?:the|our|my|la|mi|nuestra) (?:street|block|corner|road|calle|cuadra|esquina)\b"
    # "omg 3 trucks just pulled up outside right now and they are coming in": several at once, now
    r"|\b(?:\d|two|three|four|five|some|several|a few|like \d) (?:\w+ )?(?:trucks|vans|suvs|cars|vehicles|trocas|camionetas)"
    r" (?:just )?(?:pulled|pulling) (?:up|in)\b(?=[^.]{0,40}\b(?:right now|now|coming in|outside|ahorita|in front of|getting out|get out))"
    # "3 unmarked cars outside my house since 6am": agents not named, but waiting at the home
    rf"|\bunmarked (?:cars?|vans?|suvs?|trucks?|vehicles?)\b[^.]{{0,20}}\b(?:parked |waiting |sitting )?(?:outside|in front of)"
    rf" (?:{_OWNER}\s+)?(?:{_HOME}|{_WORK})\b"
)
#: "they are arresting my husband in front of me right now", "se lo estan llevando ahorita"
_TAKING_NOW = re.compile(
    r"(?:\b(?:they|ice|agents?|officers|immigration|migra|ellos)\s+(?:are|is|estan|esta)|(?:^|\b(?:y|ya|ahorita)\s+)estan)\s+(?:arresting|taking|detaining|grabbing|handcuffing|cuffing|arrestando|llevando|deteniendo|esposando)"
    r"\b[^.]{0,40}\b(?:right now|now|ahora|ahorita|in front of (?:me|us)|enfrente de (?:mi|nosotros))"
    r"|\b(?:se lo|se la|se los) estan llevando\b"
)
_AGENT_WORD = re.compile(rf"\b{_AGENT}\b")
_THEY_HERE = re.compile(
    r"(?:^|\b(?:and|but|omg|help|ayuda|oh no|please|wait|espera|esperen|oh god|dios mio|ay dios|hey|oye|mira)\s+)(?:they are|they)\s+(?:still |already |right )?(?:here|outside|at the door|knocking)"
    + _HERE_END + r"|\bthey are (?:at|outside|in front of) " + _OWNER + r"\s+(?:neighbou?r'?s'?\s+)?(?:" + _HOME + r"|" + _WORK + r")\b"
    # ("theyre at my neighbors door right now": next door, at hand)
    r"|(?:^|\b(?:y|ayuda|auxilio)\s+)(?:ya\s+)?(?:estan|andan)\s+(?:aqui|afuera|tocando|en (?:la|mi) (?:puerta|casa|trabajo))"
    # "llamaron a la migra y ya llegaron, estan aqui atras de la troca": arrived, and here
    r"|\b(?:llegaron|vinieron)\s*[,;]?\s*(?:y\s+)?(?:ya\s+)?(?:estan|andan)\s+(?:aqui|afuera)"
    # "ahorita estan afuera en una camioneta blanca" (not "ahora estan afuera jugando los niños")
    r"|\b(?:ahorita|ahora mismo|ahora)(?:\s+mismo)?\s+(?:ya\s+)?(?:estan|andan)\s+(?:aqui|afuera)"
    r"(?=\s*(?:$|,|tocando|golpeando|esperando|en (?:una?|la|el|sus?) (?:camionetas?|trocas?|carros?|vans?|patrullas?)"
    # "ahorita mismo estan aqui agentes de ICE con un warrant"
    r"|agentes\b|(?:los|unos) (?:de|agentes)\b|la migra\b|ice\b))"
    r"|^(?:ya )?(?:llegaron|aqui estan)\b"
    r"|\bya (?:llego|llegaron) (?:la |el |los )?" + _AGENT + r"\b"
    # "llego la migra a la fabrica donde trabaja y estan alli ahorita": the agents, there now
    r"|\b(?:llego|llegaron|entro|entraron) (?:la |el |los )?" + _AGENT + r"\b[^.?!]{0,60}?\b(?:est[aá]n|siguen) (?:all[ií]|ah[ií]|all[aá]) (?:ahorita|ahora|ahora mismo|todav[ií]a)\b"
    r"|\b(?:me|nos) (?:esta |estan |viene |vienen )?siguiendo (?:la |el |los )?" + _AGENT + r"\b"
    # "nos viene siguiendo una camioneta de migracion con las luces prendidas"
    r"|\b(?:me|nos) (?:esta |estan |viene |vienen )?siguiendo (?:una |un |la |el )?(?:camioneta|troca|patrulla|carro|van|suv)s? de (?:la )?" + _AGENT + r"\b"
    # "wait they are coming to my door NOW"
    r"|\bthey(?: are|re)? (?:coming|walking|going) (?:up )?to " + _OWNER + r"\s+(?:door|" + _HOME + r")\b[^.?!]{0,12}?\b(?:right now|now)\b"
    r"|\b(?:vienen|estan viniendo|ya vienen) (?:a|para) (?:mi|la) (?:puerta|casa)\b[^.?!]{0,12}?\b(?:ahorita|ahora)\b"
)
#: "todavia estan ahi", "siguen afuera", "they're still outside" (agents said before);
#: not people still held ("siguen ahi en el centro de detencion").
_STILL_THERE = re.compile(
    r"\b(?:(?:todavia|aun)\s+(?:estan|andan)|siguen|they are still|they're still|theyre still|agents are still)"
    r"\s+(?:parked |waiting |sitting |standing |estacionad[oa]s |esperando )?(?:ahi|alli|aqui|afuera|there|here|outside|out (?:there|front|here))\b"
    # "theyre parked outside still"
    r"|\b(?:they are|they're|theyre|agents are)\s+(?:parked |waiting |sitting |standing )?(?:outside|out front|out there|there) still\b"
)
_HELD_WORDS = re.compile(r"\b(?:detenid[oa]s?|detencion|carcel|jail|detention|detained|custody|centro|center|prison|prision)\b")
#: "ahorita tocaron la puerta", "they just knocked": a knock just now (a knock last week is not).
_KNOCKED = re.compile(r"\b(?:tocaron|golpearon|knocked|banged)\b")
_JUST = re.compile(r"\b(?:just|acaban? de|right now|ahorita|ahora mismo|en este momento)\b")
#: People at the door, said with agents named in the same sentence ("...but i think they are ice").
_PEOPLE_AT_DOOR = re.compile(
    r"\b(?:men|guys|people|someone|somebody|hombres|senores|personas|unos)\b[^.]{0,40}?\b(?:at|on|outside|in front of|afuera de|en|frente a)"
    r" (?:the|my|our|la|mi|nuestra|el) (?:front )?(?:door|house|home|apartment|puerta|casa|porch|porche|yard|patio)\b"
)
#: Agents described rather than named: "a man with a vest and a paper", "jackets say ICE",
#: "DHS guys", "men in plain clothes ... government plates", "unos hombres con chaleco".
_AGENT_LOOKS = re.compile(
    r"\b(?:dhs|ero|federal agents?|unmarked (?:cars?|vans?|suvs?|trucks?)|(?:carros?|camionetas?|trocas?) sin placas|agentes federales|government plates|placas (?:del gobierno|federales)|plain ?clothes|ropa de civil"
    r"|jackets? (?:that )?(?:say|says|said|read|reads)|chalecos? (?:que dicen?|de)|(?:vests?|chalecos?|badges?|placas|uniforms?|uniformes?)\b"
    r"|warrant|orden (?:de arresto|judicial))\b"
)
#: Where agents at hand are: at the door, in the office, outside.
_AGENTS_AT = re.compile(
    rf"\b(?:at|outside|in front of|afuera de|en|frente a|enfrente de) (?:the|my|our|la|mi|nuestra|el) (?:front )?(?:{_HOME})\b"
    # "theyre standing by my fence right now"
    r"|\b(?:standing|parked|waiting|sitting|hanging around|walking around) (?:by|near|next to) (?:the|my|our) (?:front )?"
    r"(?:fence|yard|backyard|door|house|gate|window|driveway|porch|building|trailer)\b"
    r"|\b(?:in|at|en|by|near) (?:the|my|our|el|la|mi) (?:office|front desk|lobby|hallway|kitchen|parking lot|back|loading dock|dock|break room"
    r"|front gate|gate|oficina|recepcion|cocina|estacionamiento|sala|entrada|porton)\b"
    # "across from my apartment", "in the back with the manager"
    rf"|\bacross (?:the street )?from (?:the|my|our) (?:{_HOME})\b"
    r"|\b(?:with|con) (?:the|my|our|el|la|mi) (?:manager|boss|supervisor|owner|foreman|gerente|jefe|jefa|patron|encargad[oa]|mayordomo)\b"
    r"|\b(?:waiting|parked|sitting|standing|esperando|estacionad[oa]s?|parad[oa]s?) (?:outside|afuera|in front|enfrente|across the street)\b|\b(?:afuera|outside)\b"
    # "agents parked across the street since 6am watching our house"
    rf"|\b(?:watching|staking out|vigilando|observando) (?:the|my|our|la|mi|nuestra|el) (?:{_HOME})\b"
    r"|\b(?:parked|waiting|standing|walking|esperando|caminando) (?:at|in|by|around|between|among|toward|towards|en|por|entre) (?:the|my|our|la|el|mi|los|las)\b"
)
#: What agents at hand do: only with a place above, or with "now" ("stopped me ... im standing with them now").
#: Agents doing something as the message is written: "and are asking everybody for id".
_ARE_DOING = re.compile(
    r"\b(?:is|are|'re|re|esta|estan) (?:still |now |ahorita |todavia )?(?:asking|checking|holding|grabbing|taking|arresting|questioning"
    r"|lining|pidiendo|revisando|agarrando|preguntando|llevandose|arrestando|deteniendo)\b")
_AGENTS_DOING = re.compile(
    r"\b(?:stopped|blocked|blocking|pull(?:ed|ing)? (?:\w+ )?over|surround\w*|rodearon|rodeando|pararon|parando|me (?:acaban de )?parar\w*|detuvieron el)\b"
    r"|\b(?:asking (?:for|about)|preguntando por|checking|revisando|pidiendo)\b"
)
#: Knocking at a door or window needs no "now": it is happening.
_KNOCKING_NOW = re.compile(r"\b(?:knocking|banging|pounding|ringing|tapping|tocando|golpeando)\b")
_NOW_WORD = re.compile(
    r"\b(?:now|rn|ahora|ahorita|just(?! (?:kept|keep|walked|left|ran|went|wanted|want|need|got home))|acaban? de|sigo|seguimos|still|todavia)\b"
    r"|\b(?:is|are|'re|re|esta|estan) (?:\w+ ){0,6}?(?:holding|grabbing|asking|checking|agarrando|pidiendo|revisando)\b"
    # "there r like 4 guys in green vests by the loading dock asking for ppl by name"
    r"|\bthere (?:is|are|r|s) (?:\w+ ){1,10}?(?:asking|checking|holding|grabbing)\b"
)
#: The visitor or a relative hiding, or waiting beside the agents, now: the raid is happening.
#: Hiding said in the present ("estoy escondido", "we're hiding"), not "me escondí" (I hid), which is told of the past as often.
_HIDING_PRESENT = re.compile(r"\b(?:i'?m|im|i am|we'?re|we are|estoy|estamos)\s+(?:still\s+|todavia\s+)?(?:hiding|escondid[oa]s?)\b")
_HIDING_NOW = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|we are|he'?s|he is|she'?s|she is|is|are|estoy|estamos|esta|estan) (?:still )?"
    r"(?:hiding|escondid[oa]s?|standing with them|waiting in the car|sitting in the car|upstairs|in the back|there with (?:him|her|them))\b"
    r"|\bsigo aqui\b|\b(?:me|nos) escondi\w*\b|\b(?:locked|hid) (?:myself|ourselves) in\b|\b(?:me|nos) encerr\w*\b"
    r"|\b(?:estoy|estamos) encerrad[oa]s?\b"
)
#: Agents only "they", doing what only agents do now: "they are here at the farm taking people",
#: "they just stopped the bus and are checking everyone's papers".
_THEY_RAIDING = re.compile(
    r"\b(?:they|theyre|they're|ellos)\b[^.]{0,40}\b(?:taking people|(?:going|went|knocking) door to door|knocking on every door|(?:de )?puerta (?:en|por) puerta|checking (?:every ?(?:one|body)'?s?|our|my|the) (?:papers|ids?|documents)|"
    r"just (?:rolled|pulled|showed) up|lining (?:people|everyone|everybody|us|them|workers) up|stopped the bus|came inside the|surround(?:ed|ing)? (?:my|our|the|his|her)|llevandose a la gente|revisando (?:los )?papeles)"
    # ("andan tocando puerta por puerta en los apartamentos": the sweep, said without a subject)
    r"|\b(?:andan|estan|van) (?:tocando |yendo )?(?:de )?puerta (?:en|por) puerta"
)
_RAID = re.compile(r"\b(?:raids?|redadas?|operativos?)\b"
                   # "dicen que andan agarrando gente en las obras": people being taken about the place, a raid in all but name
                   r"|\b(?:andan|estan|anda|esta) (?:agarrando|levantando|deteniendo|llevandose) (?:a (?:la )?)?gente\b"
                   r"|\b(?:picking|rounding) (?:people|everyone|guys) up\b")
#: A raid told as over: "hicieron una redada en la planta y yo corrí", "there was a raid at my job".
_RAID_TOLD_PAST = re.compile(r"\b(?:hicieron|hubo|there was|they did|they had) (?:una |an? )?(?:ice |immigration )?(?:raid|redada|operativo)\b")
#: Someone taken in a raid, told as done: "they took my brother in the raid at the plant on monday" (unless it is going on now).
_TAKEN_IN_RAID = re.compile(r"\b(?:took|taken|arrested|detained|picked up|grabbed|got) (?:\w+ ){0,3}(?:in|during) (?:the|a|an) (?:ice |immigration )?raid\b"
                            r"|\b(?:llevaron|agarraron|detuvieron) (?:\w+ ){0,3}en (?:la|una) redada\b")
_RAID_NOW = re.compile(
    rf"\b(?:raid|redada|operativo)\b[^.]{{0,25}}(?:{_AT_PLACE}|right now|now|ahora|ahorita|happening|going on|en este momento)|"
    r"\b(?:there'?s|there is|hay|happening|esta pasando|going on|ongoing)\s+(?:an? |una? )?(?:ice |immigration )?(?:raid|redada|operativo)\b"
    # "estan haciendo redada en la planta", "they are doing a raid"
    r"|\b(?:estan|esta|are|is)\s+(?:haciendo|doing)\s+(?:an? |una )?(?:raid|redada|operativo)\b"
)
#: Asking whether they are still there: "todavia estaran ahi?", "will they still be there?" (not known to be).
_ASKS_IF_STILL = re.compile(r"\b(?:todavia|aun)\s+(?:estaran|seguiran|andaran)\b|\bwill they (?:still )?be\b|\b(?:are|r) they still (?:there|around)\W*\?")
_STRONG_NOW = re.compile(
    r"\b(?:right now|ahora mismo|ahorita|en este momento|at this moment|as we speak|still|todavia|siguen|again|"
    r"otra vez|de nuevo|currently)\b"
)
_PAST_TIME = re.compile(
    r"\b(?:yesterday|last (?:night|week|month|year|time|weekend|" + _WEEKDAYS + r")|ago|the other day|earlier|"
    r"ayer|anoche|antier|anteayer|(?:semana|mes|ano|" + _WEEKDAYS + r") pasad[oa]|(?<!desde )hace (?:un|una|unos|unas|\d+|dos|tres|rato|poco)|"
    r"they left|se fueron|ya se fue|already left|let (?:me|us|him|her|them) go|me soltaron|nos dejaron ir)\b"
)
_WAS = re.compile(
    r"\b(?:was|were|had|came|showed up|stopped by|this morning|earlier|estaban|estaba|estuvieron|vinieron|fueron"
    r"|esta manana|en la manana"
    # someone taken is the detention, not agents at hand ("se lo llevo la migra"); a plan is not now
    r"|took|taken|arrested|detained|deported|picked up|se (?:lo|la|los|las) llevo|se llevaron|llevaron|agarraron|detuvieron"
    r"|detuvo|arresto|arrestaron|agarro"
    r"|deportaron|tomorrow|gonna|going to|will)\b"
)
#: Agents holding someone: "CBP still has her", "la tienen en un cuarto".
_HOLDING = re.compile(
    rf"\b{_AGENT}\s+(?:still\s+|todavia\s+)?(?:has|have|is holding|are holding|(?:is|are) keeping|tiene|tienen)\s+"
    r"(?:him|her|them|my|our|mi|mis|a mi|a mis|a)\b"
    r"|\b(?:lo|la|los|las) (?:tienen|tiene) (?:en|adentro)\b"
    # the agents named before: "stopped by border patrol ... and they still have him"
    r"|\b(?:they|theyre|they're)\s+(?:still\s+)?(?:have|are holding|are keeping|got)\s+(?:him|her|them)\b(?! (?:for|a)\b)"
    r"|\b(?:todavia|aun|siguen)\s+(?:lo|la|los|las)\s+tienen\b")
_THIS_MORNING = re.compile(r"\b(?:this morning|earlier today|esta manana|hoy en la manana|en la manana)\b")
#: ... unless the sentence says they are there ("ICE is at my door since this morning").
_IS_THERE = re.compile(
    r"\b(?:now|rn|ahora|help|ayuda|hiding|escondid\w*|theres|there is|there are|esta(?! manana)|estan|hay|sigue|siguen|still|waiting|knocking|tocando"
    r"|(?:is|are|re) (?:\w+ )?(?:at|outside|in|inside|by|near|parked|here|there|sitting|standing|in front))\b")
_CAME_IN = re.compile(r"\b(?:came in|came inside|came into|got in|got into|broke in|entraron|entro|se metieron|se metio|acaban? de (?:entrar|meterse))\b")
_HYPOTHETICAL = re.compile(r"\b(?:if|what if|in case|whenever|when|en caso de que|cuando|por si)\b")
#: "que derechos tengo si me para la migra": "si" as "if" (not "si, estan afuera", a yes), before agents
#: said as at hand. (Not a sign that they are away: "q hago si vienen" is still asked.)
_SI_IF = re.compile(r"\bsi (?=(?:me|nos|te|le|les|lo|la|los|llega|llegan|vienen|viene|tocan|toca|ice|inmigracion|migracion)\b)")
#: Calling or reporting to them: a threat ("he will call ICE on us", "me va a reportar a la migra").
_CALL_AGENTS = (
    r"\b(?:call|calls|calling|called|report(?:s|ing|ed)?(?: \w+)? to|reportar(?!me\b|se\b|nos\b)\w*(?: \w+)? (?:a|con)|llamar(?:le)? a|llama a|llamarle a"
    r"|(?:me|nos|te|lo|la|los|las|les|le) (?:echa|echan|echo|echaria|va a echar|van a echar)(?: a)?)"
    r" (?:the |la )?" + _AGENT + r"\b(?: (?:on (?:me|us|him|her|them)))?"
    # a deportation threatened, not begun: "me hace deportar", "he'll get me deported", "threatens to deport us"
    r"|\b(?:hace|hacer|hacerme|hacernos|hacerte|va a hacer|mandar|manda|mandarme|mandarnos)(?: (?:me|nos|te|lo|la))? deportar\w*"
    r"|\b(?:get|have|gets|getting) (?:me|us|you|him|her|them) deported\b"
    r"|\b(?:threat\w*|amenaz\w*) (?:\w+ ){0,2}(?:to|with|con|que) (?:\w+ ){0,2}(?:deport\w*|report\w*|denunciar\w*)"
    # "me denuncia a migracion", "nos va a denunciar con la migra"
    r"|\b(?:me|nos|te|lo|la|los|las|le|les) (?:va a |van a )?denunci\w*(?: \w+)? (?:a|con|en|ante) (?:la )?" + _AGENT + r"\b"
)
_CALL_AGENTS_RX = re.compile(_CALL_AGENTS)


def threat_to_call_agents(text: str) -> bool:
    """Whether a message tells of someone calling or reporting to immigration: leverage
    (an abuser's, an employer's), not agents at hand."""
    return bool(_CALL_AGENTS_RX.search(normalise(text or "")))


#: Mentions of ICE that are about a job, a friend or a building, not agents at hand.
_NOT_AGENTS_HERE = re.compile(
    r"\b(?:work(?:s|ed|ing)?|employed|employee|contractor|contract|intern(?:ing)?|trabaj\w*|empleado|empleada|"
    r"contratista)(?: as an?| como)?(?:\s+(?:for|with|at|in|para|con|en|de))(?:\s+(?:an?|the|la|el|un|una))?\s+"
    + _AGENT + r"\b(?: (?:agents?|officers?|facility|office))?"
    r"|\b(?:is|was|'s|s|am|i'm|im|i am|es|soy|son|are|be|become|became) (?:an?|un|una) (?:ice|immigration|cbp|border patrol)"
    r" (?:agents?|officers?|contractor)\b"
    r"|\b(?:es|soy|son|era|fue) (?:agente|oficial)(?:es)? de (?:ice|inmigracion|migracion|la migra)\b"
    r"|\b(?:ice|immigration|inmigracion|migracion|cbp) (?:facility|facilities|office|offices|building|field office|"
    r"detention center|processing center|contract|contractor|job|jobs|career|check-?in)\b"
    r"|\b(?:oficina|centro de detencion|instalaciones|edificio) de (?:ice|inmigracion|migracion|la migra)\b"
    # a threat to call them ("he will call ICE on us", "me va a reportar a la migra"), "no ice"
    r"|" + _CALL_AGENTS +
    r"|\b(?:no|not|not the|no es (?:la )?) (?:ice|immigration|migra|inmigracion)\b"
    r"|\b(?:ice|immigration|inmigracion|migracion) check ?-?in\b"
    # a paper from them: "a notice of inspection from ICE at my restaurant", "una carta de inmigracion"
    r"|\b(?:notice|letter|paper|papers|form|forms|subpoena|carta|aviso|notificacion|papel|papeles)(?: of \w+)? (?:from|de) (?:la )?"
    + _AGENT + r"\b"
)
_ICE_FRIEND = re.compile(
    r"\b(?:ice|immigration|cbp|border patrol|migra) (?:agent|officer)s? (?:friend|buddy|neighbou?r|relative|cousin|"
    r"brother|sister|husband|wife|boyfriend|girlfriend|dad|father|mom|mother|son|daughter|uncle|aunt)s?\b"
)
_FROZEN = re.compile(r"\bice (?:on (?:the|my) (?:road|roads|car|window|windshield|sidewalk|steps|driveway)|cream|cubes?|storm)\b")
_POLICE = re.compile(r"\b(?:police|cops?|policias?|sheriffs?|deputies) (?:officers?|agents?|oficiales|agentes)\b")


def _agents_only(s: str) -> str:
    """The sentence without mentions of ICE that are not agents at hand (a job, a friend, ice on the road)."""
    s = _FROZEN.sub(" frost ", s)
    s = _POLICE.sub(" police ", s)
    s = _ICE_FRIEND.sub(" someone ", s)
    return _NOT_AGENTS_HERE.sub(" something ", s)


#: Stopped by agents and still held at the roadside: "we're still pulled over", "estamos en el carro".
_STOPPED_NOW = re.compile(
    r"\b(?:(?:we|i)(?:'re| are|re|'m| am|m) (?:still )?(?:pulled over|stopped|in the car|sitting in the car|waiting in the car)"
    r"|(?:estamos|estoy|seguimos|sigo) (?:en el carro|en la troca|en la camioneta|parad[oa]s|esperando)"
    r"|(?:the )?(?:agent|officer) (?:took|has) (?:our|my) (?:licen[cs]es?|ids?|papers|documents)"
    r"|(?:el|la) (?:agente|oficial) se llev[oó] (?:las|los|mis|nuestr[oa]s) (?:licencias?|papeles|documentos|ids?))\b")


#: Something of theirs, not they: "una tarjeta de ICE en la puerta", "a card from ICE on the door".
_THEIR_THING = re.compile(
    rf"\b(?:tarjeta|card|business card|papel|paper|notice|aviso|carta|letter|flyer|volante|note|nota)s? (?:de|from|of) (?:la |the )?{_AGENT}\b"
    # ... and one to be called: "diciendo que llame a un agente"
    rf"|\b(?:llame|llamar|llamen|llamarle|call|to call) (?:(?:a|an|un|al|the) ){{0,2}}{_AGENT}\b")
#: A raid foretold, not happening: "ICE might do a raid at the farm next week", "dicen que va a haber redada".
_RAID_FORESEEN = re.compile(
    r"\b(?:might|may|could|will|would|going to|gonna|planning to|plan to|supposed to)\s+(?:\w+\s+){0,3}(?:raid|redada)s?\b"
    r"|\b(?:va|van) a (?:haber|hacer) (?:una |unas )?redadas?\b|\b(?:rumou?r|rumor|rumores|dicen que)\b")


#: Agents named as the ones who did it: "arrested by", "detenido por".
#: A hold ICE placed on someone in a jail: "he has an ICE hold", "le pusieron un hold de inmigracion".
ICE_HOLD = re.compile(r"\b(?:ice|immigration|inmigraci[oó]n|migraci[oó]n|migra) (?:hold|detainer)s?\b|\b(?:hold|detainer) (?:de|from|by) (?:la )?"
                      r"(?:ice|immigration|inmigraci[oó]n|migraci[oó]n|migra)\b"
                      # "they say ice put a hold", "la migra le puso un hold"
                      r"|\b(?:ice|immigration|migra) (?:put|placed|issued|dropped|lodged|has|had|le puso|le pusieron|puso|pusieron|tiene|le tiene)"
                      r"(?: (?:a|an|un|una|on him|on her|on them|him|her))? (?:hold|detainer)s?\b", re.IGNORECASE)
_DONE_BY = re.compile(
    r"\b(?:arrested|detained|taken|picked up|stopped|grabbed|caught|held|deported|detenid[oa]s?|arrestad[oa]s?|agarrad[oa]s?"
    r"|llevad[oa]s?|deportad[oa]s?)\s+(?:by|por)\s+(?:la\s+|the\s+)?$"
    # "a mi hijo lo detuvo ICE en el trabajo": the agency after a verb in the past
    r"|\b(?:lo|la|los|las|nos|me|le) (?:detuvo|detuvieron|agarr[oó]|agarraron|arrest[oó]|arrestaron|par[oó]|pararon|cogi[oó]|cogieron"
    r"|llev[oó]|llevaron|recogi[oó]|recogieron)\s+(?:la\s+|el\s+)?$")


#: Agents all around, going on: "theres agents everywhere lining people up", "some agents are walking in",
#: "hay 2 trucks de ICE right at the entrance".
_ALL_AROUND = re.compile(
    r"\b(?:agents?|officers?|ice)\s+(?:are|r|is)\s+(?:walking|coming|going|running|getting) (?:in|inside)\b"
    r"|\b(?:agents?|officers?|ice|migra)\b[^.?!]{0,30}\bjust (?:walked in|walked into|came in|came into|showed up|got here|pulled up|arrived)\b"
    # "ICE llego al job site ahorita, estan agarrando a todos"
    r"|\b(?:ice|la migra|migra|agentes|inmigracion|migracion)\s+(?:llego|llegaron|acaba de llegar|acaban de llegar)\b[^.?!]{0,30}\b(?:ahorita|ahora mismo|right now)\b"
    r"|\b(?:estan|andan|are)\s+(?:agarrando|llevandose|arrestando|grabbing|arresting)\s+(?:a\s+)?(?:todos|toda la gente|la gente|everyone|everybody|people)\b"
    r"|\b(?:lining|line|lined) (?:people|everyone|everybody|us|them|workers) up\b(?![^.?!]{0,30}\b(?:yesterday|last|ayer|earlier)\b)"
    r"|\bhay\s+(?:\w+\s+){0,3}(?:de (?:ice|la migra|migracion)|agentes|migras?)\b[^.?!]{0,30}\b(?:en la entrada|afuera|adentro|(?<!por )aqui|right at|at the)\b")


#: Arrests told as hearsay of a place, not as agents at hand: "mi comadre dice que ahí están agarrando a la gente",
#: "i heard they are arresting people at check-ins".
_HEARSAY_OF_ARRESTS = re.compile(
    r"\b(?:dice|dicen|dijo|dijeron|cuentan|heard|i hear|they say|people say|says|said)\s+(?:que\s+|that\s+)?(?:ah[ií]\s+|all[aá]\s+|there\s+|alli\s+)?"
    r"(?:estan|est[aá]n|andan|they(?:'re| are)|are)\s+(?:agarrando|llevandose|llev[aá]ndose|arrestando|deteniendo|grabbing|arresting|detaining|taking)\b[^.?!]*",
    re.IGNORECASE)
#: Someone held now, told with "now": "y ahorita esta en el centro de broward", "now he's at the detention center".
_HELD_THERE_NOW = re.compile(
    r"\b(?:ahorita|ahora|now|right now)\s+(?:ya\s+)?(?:esta|estan|is|are|he'?s|she'?s|hes|shes|they'?re)\s+(?:en|at|in)\s+"
    r"(?:(?:el|la|the|a|an)\s+)?(?:\w+\s+){0,2}?(?:centro|detention|jail|carcel|corralon|prision|prison|custody|custodia|processing)\b"
    # "we still cant get him out", "todavia no lo podemos sacar": someone held still, not agents still there
    r"|\b(?:still\s+|todavia\s+)?(?:can'?t|cant|cannot|could ?n'?t|couldnt) get (?:him|her|them) out\b"
    r"|\b(?:todavia\s+)?no (?:lo|la|los|las) (?:podemos|puedo|hemos podido) sacar\b")


def _present_now(s: str) -> Optional[re.Match[str]]:
    """Where a sentence says agents are at hand now ("ICE is at my door"), or None."""
    s = _THEIR_THING.sub("a card", _agents_only(s))
    s = _HELD_THERE_NOW.sub(" ", s)  # ("se la llevo la migra el martes ..., y ahorita esta en el centro": held now)
    s = _HEARSAY_OF_ARRESTS.sub(" ", s)  # ("mi comadre dice que ahí están agarrando a la gente": what is said, not now here)
    if ICE_HOLD.search(s):
        return None  # "now he has an ICE hold at the county jail": held, not agents at hand
    # ("ice was in the building last night and they are knocking now": knocking told as going on is now)
    going_on = _KNOCKING_GOING_ON.search(s) if _AGENT_WORD.search(s) else None
    # ("a black car with 2 guys in vests sitting at the end of our block since 7 this morning": there since, so still there)
    been = _THERE_SINCE.search(s) if (_AGENT_WORD.search(s) or _AGENT_LOOKS.search(s)) else None
    strong = (bool(_STRONG_NOW.search(s)) and not _ASKS_IF_STILL.search(s)) or going_on is not None or been is not None
    # ("estoy escondido en el baño ..., entro la migra hace rato y estan agarrando gente": hiding now is now)
    strong = strong or bool(_HIDING_PRESENT.search(s) and _AGENT_WORD.search(s))
    match = _AGENTS_THERE.search(s) or been
    if match is None and _AGENT_LOOKS.search(s):
        # "theres a black SUV with 3 guys in vests at the end of our driveway": there, now
        match = _THERE_IS_NOW.search(s)
    if match is not None and _DONE_BY.search(s[: match.start()]):
        match = None  # "arrested by ice at his job on tuesday": where they took him, not agents there now
    if match is not None and not strong and _APPOINTMENT_THERE.search(s) and _AN_OFFICE.search(match.group(0)):
        match = None  # "se tiene que presentar con inmigracion el lunes en la oficina de santa ana": an appointment there
    match = (match or _PLACE_THEN_AGENTS.search(s) or _THEY_HERE.search(s) or _VEHICLES_THERE.search(s) or _TAKING_NOW.search(s)
             or _ALL_AROUND.search(s) or ((_SWEEP_NOW.search(s) or (_SWEEP.search(s) if strong else None)) if _AGENT_WORD.search(s) else None))
    knocking = _KNOCKING.search(s)
    if match is None and knocking is not None and _AGENT_WORD.search(s) and not (_WAS.search(s[: knocking.start()]) and not strong):
        # (not "ice was in my complex this week knocking on doors": they were, earlier)
        match = knocking
    if match is None and not _HELD_WORDS.search(s):
        match = _STILL_THERE.search(s)
    if match is None and _AGENT_WORD.search(s):
        # "guys w/ ICE on their backs walking thru our kitchen rn", "trucks at the farm gate checking everybody's id"
        match = _AGENTS_ACTING_NOW.search(s)
    if match is None and _RAID_OR_AGENTS.search(s):
        # "they raided my job ... im at home now and they're still at the plant i think": at hand at work
        match = _STILL_AT_WORK.search(s)
    if match is None and _AGENT_WORD.search(s):
        # "men in vests that say POLICE at the door but i think they are ice"
        match = _PEOPLE_AT_DOOR.search(s)
    if match is None and _KNOCKED.search(s) and _AGENT_WORD.search(s) and _JUST.search(s):
        match = _KNOCKED.search(s)
    if match is None and _RAID.search(s) and not _RAID_FORESEEN.search(s) and not _RAID_TOLD_PAST.search(s) \
            and not (_TAKEN_IN_RAID.search(s) and not _STRONG_NOW.search(s)):
        match = _RAID_NOW.search(s)
    if match is None and _AGENT_WORD.search(s):
        # "nos pararon en el reten de la migra y estamos en el carro": stopped by them, and still there
        match = _STOPPED_NOW.search(s)
    if match is None and (_AGENT_WORD.search(s) or _AGENT_LOOKS.search(s)):
        # Agents named or described, doing something at hand ("a man with a vest ... at my
        # door asking for my husband"), or someone hiding from them now; not what they did
        # ("ice officers were outside my house this morning").
        doing = _AGENTS_AT.search(s) or _KNOCKING_NOW.search(s) or (_AGENTS_DOING.search(s) if _NOW_WORD.search(s) else None)
        if doing is not None and _HOLDING.search(s):
            doing = None  # "CBP still has her in the back room": where someone is held, a detention
        if doing is not None and _APPOINTMENT_THERE.search(s) and not strong:
            doing = None  # "tiene cita con ICE este viernes en la oficina de Chicago": an appointment there
        if doing is not None and _WAS.search(s) and not (_STRONG_NOW.search(s) or _HIDING_NOW.search(s) or _ARE_DOING.search(s)):
            doing = None  # (they came, and "are asking everybody for id": going on now)
        match = doing or _HIDING_NOW.search(s)
    if match is None:
        match = _THEY_RAIDING.search(s) or (_HIDING_NOW.search(s) if _CAME_IN.search(s) else None)
    if match is None:
        return None
    if not strong and (_PAST_TIME.search(_MINUTES_AGO.sub(" ", s)) or _HYPOTHETICAL.search(s[: match.start()])
                       or _SI_IF.search(s[: match.start()])):
        return None  # (minutes ago is now: "came into our restaurant 20 minutes ago and are asking everybody for id")
    if _HEARSAY.search(s[: match.start()]) and not _MY_PLACE.search(s):
        # "i heard they detaining people at the office now": news of agents somewhere, not at hand
        return None
    if _RELAYED.search(s[: match.start()]) and _place_named(s) not in ("home", "work") \
            and not _MY_PLACE.search(_LOCAL.sub(" ", _VISITOR_AT.sub(" ", s))):
        # "mi comadre me mando mensaje que ICE esta en la tienda de la esquina, yo estoy en mi casa": news of agents elsewhere
        return None
    if not strong and _THIS_MORNING.search(s) and not _IS_THERE.search(s):
        # "saw ICE at the Home Depot lot this morning": a sighting told, not agents at hand now
        return None
    if not strong and _SEEN_AROUND.search(s) and not _MY_PLACE.search(s):
        # "vi a ICE en el barrio hoy, parked en la esquina del store": seen about the area, not at the visitor's place
        return None
    return match


#: Agents seen about the area, not at the visitor's place: "vi a ICE en el barrio hoy", "saw ice trucks by the walmart".
_SEEN_AROUND = re.compile(r"\b(?:vi|vimos|saw|seen|spotted)\b[^.]{0,40}?\b(?:barrio|neighbou?rhood|hood|vecindario|colonia|area|zona|store"
                          r"|tienda|esquina|corner|walmart|home depot|gasolinera|gas station|parque|park|town|pueblo)\b")


#: A sweep, told of agents: "ICE agents going door to door in our trailer park", "tocando puerta por puerta".
_DOOR_TO_DOOR = r"(?:door to door|on every door|puerta (?:en|por) puerta|todas las puertas)"
_SWEEP = re.compile(rf"\b(?:going|knocking|tocando|yendo|van|andan)\s+(?:de\s+)?{_DOOR_TO_DOOR}\b")
#: ... said as going on (not "ICE is gonna start going door to door next month"):
_SWEEP_NOW = re.compile(r"\b(?:are|is|re|estan|andan|siguen)\s+(?:(?!gonna\b|going to\b|about\b|planning\b|supposed\b|start\w*\b|empezar\b|a\b)\w+\s+){0,2}?"
                        rf"(?:going|knocking|tocando|yendo)\s+(?:de\s+)?{_DOOR_TO_DOOR}\b"
                        r"|\b(?:andan|van) (?:de )?puerta (?:en|por) puerta\b")
#: Something there now, at the visitor's place: "theres a black SUV ... at the end of our driveway", "hay 2 hombres con chalecos afuera".
_THERE_IS_NOW = re.compile(
    r"\b(?:there'?s|theres|there is|there are|hay)\b[^.]{0,60}?\b(?:outside|at the end of (?:my|our|the)|in front of (?:my|our|the)|across (?:from )?the street"
    r"|parked (?:outside|in front|across|at|on)|at (?:my|our) (?:door|driveway|house|building|gate|job|work)|afuera|enfrente de (?:mi|la|nuestra)|enfrente(?! de)|out front"
    r"|estacionad[oa]s? (?:afuera|enfrente)|en la esquina|en mi puerta"
    # "hay unos señores con chaleco q dice POLICE ICE en el porche de mi casa", "on our porch"
    r"|en el (?:porche|porch|patio|zaguan|jardin|pasillo)|on (?:my|our|the) (?:porch|front steps|lawn|front yard))\b")
#: Waiting or parked somewhere since a time, said as going on: "there's been a car ... sitting at the end of
#: our block since 7", "llevan desde las 6 estacionados afuera".
_THERE_SINCE = re.compile(
    r"\b(?:there'?s been|there has been|has been|have been|(?:they'?ve|theyve) been|han estado|ha estado|llevan?)\b[^.]{0,80}?"
    r"\b(?:sitting|parked|waiting|outside|watching|estacionad[oa]s?|afuera|esperando|vigilando)\b[^.]{0,60}?\b(?:since|desde)\b"
    r"|\b(?:llevan?|han estado|ha estado)\b[^.]{0,20}\bdesde\b[^.]{0,40}\b(?:estacionad[oa]s?|afuera|esperando|vigilando)\b"
    # "ICE agents estan parked outside my job since like an hour ago": there (now) since
    r"|\b(?:are|is|re|estan?|still|siguen)\s+(?:\w+\s+)?(?:sitting|parked|watching|estacionad[oa]s?|vigilando)\b[^.]{0,40}?"
    r"\b(?:since|desde|for (?:like |about |almost )?(?:an?|\d+|two|three|half an?) (?:hours?|minutes?|mins?))\b")
#: An appointment at an office or a court: where agents are met later, not at hand now.
_APPOINTMENT_THERE = re.compile(r"\b(?:cita|appointment|appt|check ?-?in|audiencia|hearing|court|corte|entrevista|interview"
                                r"|(?:tengo|tiene|tenemos|have|has) (?:que|to) (?:ir a )?(?:firmar|presentarme|presentarse|reportarme|reportarse|sign|report)"
                                r"|(?:me|se|nos) (?:tengo|tiene|tenemos) que (?:presentar|reportar))\b")
#: An office or a court, where agents are met at an appointment.
_AN_OFFICE = re.compile(r"\b(?:oficina|office|corte|court|federal building|edificio federal)\b")
#: Agents told as news heard, and the visitor's own places (where news is at hand after all).
_HEARSAY = re.compile(r"\b(?:i heard|i hear|heard that|heard|they say|people say|everyone says|(?:friend|cousin|neighbou?r|coworker|someone|somebody|people) (?:said|says|told me)|dicen (?:que|q)|escuche (?:que|q)|o[ií] (?:que|q)"
                      r"|rumou?rs?|rumores)\b")
#: News of agents passed on by message or post: "people in the facebook group saying ICE trucks ...", "mi comadre me mando
#: mensaje que ICE esta en la tienda" (at hand only when it is the visitor's home or work: "me mando mensaje que migracion
#: esta en la obra ahorita mismo, yo voy llegando").
_RELAYED = re.compile(r"\b(?:(?:people|folks|everyone|gente|todos)(?: \w+){0,4} (?:saying|posting|posted|dicen|diciendo|publicando)"
                      r"|(?:facebook|whatsapp|group chat|grupo)\b[^.?!]{0,30}\b(?:saying|says|said|posted|dicen|dice|pusieron)"
                      # "vi en facebook q andaba la migra en el walmart", "saw on facebook that ICE is at"
                      r"|(?:vi|saw|lei|read|sali[oó]|salio|posted) (?:en|on|in) (?:el |the )?(?:facebook|tiktok|instagram|whatsapp|grupo|group|social media|las redes)"
                      r"|(?:texted|messaged|sent) me (?:that|saying|que|q)|(?:is|are|keeps|kept|been) (?:texting|messaging) me\b"
                      r"|(?:me|nos) (?:acaba de |acaban de )?(?:mand\w+|envi\w+|escribi\w+) (?:un )?(?:mensaje|texto|msj|whatsapp|wasap|wpp|audio)? ?(?:que|q|diciendo))\b")
#: A place said to be local, not the visitor's own: "el walmart de aqui".
_LOCAL = re.compile(r"\bde (?:aqui|aca)\b|\baround here\b")
#: Where the visitor says they are themself, beside news of agents elsewhere: "yo estoy en mi casa", "im at home".
_VISITOR_AT = re.compile(r"\b(?:yo )?(?:estoy|estamos|ando|andamos|i'?m|im|i am|we'?re|we are)\s+(?:en|at|in)\s+(?:mi|my|our|nuestra|la)?\s*(?:casa|house|home|apartment|apt|depa)\b")
_MY_PLACE = re.compile(r"\b(?:my|our|mi|nuestr[oa]) (?:house|home|door|building|apartment|apt|job|work|street|block|casa|puerta|edificio"
                       r"|trabajo|calle|cuadra|depa)\b|\b(?:here|aqui|outside|afuera)\b")
_MINUTES_AGO = re.compile(r"\b(?:\d+|a few|few|a couple of|couple|five|ten|fifteen|twenty|thirty)\s+(?:minutes?|mins?)\s+ago\b"
                          r"|\bhace\s+(?:\d+|unos|pocos|unos pocos|cinco|diez|quince|veinte|treinta)\s+minutos\b")


#: Agents gone, told after they came: "ICE came to my building this morning knocking on doors. They left."
_THEY_LEFT = re.compile(r"\b(?:they|agents?|ice|la migra|officers?)\s+(?:already |just |finally )?(?:left|are gone|went away|drove (?:off|away))\b"
                        r"(?!\s+(?:the|a|an|his|her|my|our|their|him|me|us|them|it|with)\b)|\b(?:ya )?se fueron\b|\bya se fue\b")


def _agents_sentence(text: str) -> Optional[str]:
    return _agents_in(list(_sentences(normalise(text))))


def _agents_in(sentences: List[str]) -> Optional[str]:
    """The sentence (of a normalised message) that says agents are at hand now, or None."""
    for i, s in enumerate(sentences):
        if i and _AGENT_WORD.search(sentences[i - 1]) and not _AGENT_WORD.search(s):
            # "can ICE come into my backyard? they are standing by my fence right now": "they" are the agents just named
            s = _THEY_FIRST.sub("ice agents ", s)
        if _present_now(s) and not _ICE_SUMMONS.search(s):  # ("me llamo el oficial de ICE que me presente en la oficina")
            if not _STRONG_NOW.search(s) and any(_THEY_LEFT.search(later) for later in sentences[i + 1:]):
                return None  # they came, and the message goes on to say they left
            if _CAME.search(s) and any(_NOBODY_NOW.search(later) for later in sentences[i:]):
                return None  # "vinieron ... preguntando por papeles, ya no hay nadie aqui ahorita": came, and gone now
            if any(_NOT_THERE_NOW.search(later) for later in sentences[i + 1:]):
                return None  # "ICE is parked across from my job every morning this week. not there right now"
            return _agents_only(s)
    # "theres been a black suv outside my building since 6am, two guys just watching. my neighbor says its ICE":
    # people waiting at the visitor's place since a time, whom another sentence says are the agents
    for i, s in enumerate(sentences):
        if _THERE_SINCE.search(s) and not _WAS.search(s) and any(_SAID_TO_BE_AGENTS.search(o) for o in sentences if o is not s):
            return s
    return None


#: A sentence that starts with "they" (normalised).
_THEY_FIRST = re.compile(r"^\s*they\b\s*")
#: The people there said to be the agents: "its ICE", "creo que son de la migra", "i think theyre immigration".
_SAID_TO_BE_AGENTS = re.compile(r"\b(?:it'?s|its|they'?re|theyre|they are|es|son|es de|son de)\s+(?:the\s+|la\s+)?(?:ice|migra|immigration|inmigracion|migracion)\b")


#: Nobody there any more, said after the agents' visit: "ya no hay nadie aqui ahorita", "nobody here now".
_NOBODY_NOW = re.compile(r"\bya no (?:hay nadie|est[aá]n|los veo)\b|\bno hay nadie ya\b"
                         r"|\b(?:nobody|no one|noone)(?: is|'?s)? (?:here|there|around|outside) (?:now|anymore|any more|rn)\b")


#: The agents said not to be there now, in a sentence of its own: "not there right now", "they're not
#: outside rn", "ahorita no estan", "no estan ahorita".
_NOT_THERE_NOW = re.compile(
    r"^\W*(?:(?:but |pero )?(?:they(?:'re| are)? not|theyre not|they aren'?t|ice (?:is not|isn'?t)|not)\s+(?:there|here|outside|around)"
    r"\s+(?:right now|now|rn|at the moment|today)"
    r"|(?:pero )?(?:ahorita|ahora|hoy) no (?:est[aá]n|hay nadie)|(?:pero )?no (?:est[aá]n|hay nadie) (?:ahorita|ahora|hoy)"
    # "... dejaron una tarjeta. ya no estan", "they're gone now"
    r"|(?:pero |y )?ya no (?:est[aá]n|hay nadie)(?: (?:ahi|aqui|afuera))?(?=\W*$)|(?:but |and )?(?:they'?re|theyre|they are) gone(?: now)?(?=\W*$))\b"
)


_NOT_NOW = re.compile(
    r"\bnothing (?:is )?(?:happening|going on|has happened)\b|\bno ha pasado nada\b|\bno (?:agents?|one|body) (?:has |have )?(?:come|came|been here)\b"
    r"|\b(?:they|agents?|ice|la migra) (?:already |just |finally )?(?:left|are gone|went away|drove off)\b|\bse fueron\b|\bya se fue\w*\b"
    # "they took my husband and left"
    r"|\b(?:took|grabbed|arrested|picked up|se llevaron|agarraron)\b[^.]{0,40}\b(?:and|y) (?:then |luego )?(?:left|drove (?:off|away)|took off)\b"
    r"|\b(?:prepared|prepare|be ready|get ready|preparad[oa]s?|prepararnos|prepararme)\b"
    r"|\b(?:will|might|may|could|would|going to|gonna|van a|puedan|pueden|podrian)\s+(?:\w+\s+)?(?:come|show up|raid|knock|venir|llegar|hacer redadas?)\b"
    r"|\b(?:vengan|llegue|lleguen)\b"
)
_CAME = re.compile(r"\b(?:came|cam|come|showed up|took|arrested|raided|stopped|vinieron|llegaron|agarraron|pararon"
                   r"|vino|llego|estuvo|estuvieron|(?:was|were) (?:at|in|outside|by))\b")


#: Agents back, said where they are already the matter: "wait they are back, 2 trucks outside my building
#: right now", "ya volvieron, estan afuera ahorita" (no agent is named: the story names them).
_BACK_NOW = re.compile(
    # "theyre back. right now. in the parking lot", "ya volvieron. ahorita"
    r"\b(?:they'?re|theyre|they are|ellos)\s+back\b[.!,\s]{1,4}(?:right now|now|rn)\b|\b(?:ya )?(?:volvieron|regresaron)\b[.!,\s]{1,4}(?:ahorita|ahora)\b|"
    # "wait they just came back!! theres 3 of them at the door asking for my dad now"
    r"\b(?:they|ellos)\s+(?:just |already |ya )?(?:came back|are back|volvieron|regresaron)\b[^?]{0,60}"
    r"\b(?:at the door|outside|in front|afuera|en la puerta|aqu[ií]|here)\b[^?]{0,40}\b(?:now|right now|rn|ahorita|ahora)\b|"
    r"\b(?:they(?:'re| are)?|theyre|they came|the agents|ellos)\s+(?:are\s+)?(?:back(?!\s+(?:from|home|to|at work|in school))|here again|outside|at the door|came back"
    r"|(?:in|at) (?:the|my|our) \w+(?: \w+)?)\b[^.?!]{0,50}\b(?:now|right now|rn|again|ahorita|ahora)\b"
    r"|\b(?:volvieron|regresaron|ya volvieron|estan aqui otra vez|est[aá]n afuera|est[aá]n en la puerta|est[aá]n en (?:la|el|mi) \w+)\b[^.?!]{0,40}\b(?:ahorita|ahora|otra vez)\b"
)


def agents_back_now(text: str) -> bool:
    """Whether a message in a story of agents says they are at hand again now (not naming them)."""
    return bool(_BACK_NOW.search(normalise(text or "")))


def signals_in_story(text: str, today: Optional[date], situation: Optional[str], story: Optional[str] = None) -> List[str]:
    """``text_signals``, and agents back now where agents are already the matter ("wait they are
    back, outside now", in an enforcement story), and the asylum year's end where asylum is the
    matter (``story``, the words that told it: "my one year is in 10 days"). In REASONS order."""
    signals = text_signals(text, today)
    if situation in ("enforcement", "detention") and "ice_present_now" not in signals and agents_back_now(text):
        signals = [r for r in REASONS if r in {*signals, "ice_present_now"}]
    t = normalise(text)
    if (situation == "humanitarian" and "deadline_soon" not in signals and _ASYLUM.search(normalise(story or ""))
            and not _ASYLUM.search(t) and _ONE_YEAR.search(t)
            and any(_deadline_soon(f"asylum {s}", today) for s in _sentences(t))):
        signals = [r for r in REASONS if r in {*signals, "deadline_soon"}]
    return signals


def came_before(text: str) -> bool:
    """Whether a message in a story of agents says, without naming them, that they came on an
    earlier day and are not said to be there now: "ayer vinieron a la casa buscando a mi esposo,
    dejaron una tarjeta" (the question "Are agents there right now?" is answered: no)."""
    t = normalise(text)
    if not t or _agents_sentence(text) is not None or agents_back_now(text) or _CAME_AGAIN.search(t):
        return False
    return any(_CAME.search(_IF_THEY_COME.sub(" ", s)) and _PAST_TIME.search(s) and not _THIS_MORNING.search(s) for s in _sentences(t))


#: Agents' coming only supposed: "what are my rights if they come", "que hago si vienen" (normalised).
_IF_THEY_COME = re.compile(r"\b(?:if|when|in case|what if|si|cuando|por si)\s+(?:they|ice|agents?|ellos|la migra|migra)?\s*"
                           r"(?:ever\s+)?(?:come|comes|came|vienen|viene|llegan|llega|vengan|venga|lleguen|llegue)\b")


#: ... unless they came back: "they came yesterday and now they are back outside", "volvieron".
_CAME_AGAIN = re.compile(r"\b(?:back|again|volvieron|regresaron|otra vez|de nuevo)\b")


def agents_not_here_now(text: str) -> bool:
    """Whether a message speaks of agents without them being at hand now (yesterday, if they come, to be ready).

    "ICE came to my job on Monday", "what are my rights if ICE comes", "they
    left": the question "Are agents there right now?" is answered (no).
    """
    t = normalise(text)
    if not t or _agents_sentence(text) is not None:
        return False
    if _NOT_NOW.search(t):
        return True
    if (_AGENT_WORD.search(t) or _RAID.search(t)) and any(_NOT_THERE_NOW.search(s) for s in _sentences(t)):
        return True  # "ICE is parked across from my job every morning. not there right now"
    for s in _sentences(t):
        s = _agents_only(s)
        if (_AGENT_WORD.search(s) or _RAID.search(s)) and (
            _PAST_TIME.search(s) or _HYPOTHETICAL.search(s) or _CAME.search(s)
            or (_THIS_MORNING.search(s) and not _IS_THERE.search(s))  # "saw ICE at the Walmart this morning"
        ):
            return True
    return False

#: Agents said to be still at the workplace: "they're still at the plant", "siguen en la fabrica".
_STILL_AT_WORK = re.compile(
    rf"\b(?:they are|they're|theyre|agents are|ice is|(?:todavia|aun) (?:estan|andan)|siguen)\s+(?:still\s+)?(?:at|in|en)\s+"
    rf"(?:the|my|our|la|el|mi)\s+(?:{_WORK})\b")
#: Agents going through a place now, or checking everyone's papers (present tense, said of the scene).
_AGENTS_ACTING_NOW = re.compile(
    r"\b(?:walking|going|coming|moving) (?:thru|through|into|around|in)\b[^.]{0,40}\b(?:right now|now|ahorita|ahora mismo)\b"
    r"|\b(?:checking|asking for|asking everybody for|pidiendo|revisando|checando) (?:everybody'?s|everyone'?s|everyones|everybodys"
    r"|people'?s|peoples|our|all the|todos los|los|las) (?:ids?|papers|documents|papeles|documentos|identificaciones)\b")
_RAID_OR_AGENTS = re.compile(r"\b(?:raid\w*|redada\w*|ice|migra|agents?|agentes)\b")

_PLACE_KINDS = [
    ("home", re.compile(rf"\b(?:{_HOME})\b")),
    ("work", re.compile(rf"\b(?:{_WORK}|where i work|donde trabajo|(?:my|the|our|mi|el|al) (?:owner|boss|manager|supervisor|jefe|patr[oó]n|encargado)|(?:im|i am|i.m|estoy|estamos|we are|were) (?:\w+ )?(?:working|trabajando))\b")),
    ("street", re.compile(rf"\b(?:{_STREET}|pull(?:ing|ed) (?:me|us|him|her) over|following (?:me|us)|siguiendo)\b")),
    ("other", re.compile(rf"\b(?:{_OTHER})\b")),
]
_AT_THE_DOOR = re.compile(r"\b(?:outside|out front|afuera|knocking|banging|pounding|ringing|tocando|golpeando|timbre|peephole|mirilla)\b")


def agents_place(text: str, story: str = "") -> Optional[str]:
    """Where the agents are, for the know-your-rights text: as :func:`live_emergency` reads the
    message, else the place it names ("they're in the dining room now talking to my owner": work),
    else where the story told them to be ("yes" after "Agents just walked into our kitchen"); None
    if nothing says."""
    found = live_emergency(text or "")
    if found is not None and found != "other":
        return found
    return _place_named(normalise(text or "")) or found or live_emergency(story or "")


def agents_at_hand(text: str) -> bool:
    """Whether immigration agents, named or raiding, are at hand now (not "they" alone,
    which may be anyone: "a man with a gun is outside")."""
    return live_emergency(text) is not None and (agents_named(text) or bool(_RAID.search(normalise(text))))


def taken_in_raid(text: str) -> bool:
    """Whether a message tells someone taken in a raid ("they took my sister in a raid yesterday")."""
    return bool(_TAKEN_IN_RAID.search(normalise(text or "")))


def raid_said(text: str) -> bool:
    """Whether a message speaks of raids ("dicen que va a haber redadas esta semana"), now or to come."""
    return bool(_RAID.search(normalise(text or "")))


def agents_named(text: str) -> bool:
    """Whether a message names or describes immigration agents, or a raid only they make
    ("they are lining people up", "they came into the kitchen, i locked myself in"), not
    only "they" ("they are still outside with a bat")."""
    t = _agents_only(normalise(text))
    if _AGENT_WORD.search(t) or _AGENT_LOOKS.search(t) or _THEY_RAIDING.search(t):
        return True
    return bool(_CAME_IN.search(t) and _HIDING_NOW.search(t))


def live_emergency(text: str) -> Optional[str]:
    """Where agents are at hand now: "home", "work", "street" or "other"; None if they are not.

    The earliest place named wins ("ICE is at my job, should I go home?" is
    "work"). With no place named, agents "outside" or knocking are at home;
    anything else ("they're here", a raid somewhere) is "other".
    """
    s = _agents_sentence(text)
    if s is None:
        return None
    return _place_named(s) or ("home" if _AT_THE_DOOR.search(s) else "other")


def _place_named(s: str) -> Optional[str]:
    """The kind of the earliest place a normalised sentence names, and of two at one place the
    longer ("car wash" is work, not "car"); None if it names none."""
    found = sorted((m.start(), -len(m.group(0)), kind) for kind, pattern in _PLACE_KINDS for m in [pattern.search(s)] if m)
    return found[0][2] if found else None


# --- removal imminent ------------------------------------------------------------

_DEPORT = r"(?:deport\w*|removal|removed|deportar\w*|deportad[oa]s?|deportacion|deportan|deporten|deportaron)"
_IMMINENT = re.compile(
    r"\bbag and baggage\b|"
    # "a paper to come with my bags to ice office jan 19"
    r"\b(?:come|go|report|show up|venir|ir|presentarme|presentarse)\b[^.]{0,12}\b(?:with|con)\b[^.]{0,12}\b(?:bags?|suitcases?|luggage|maletas?|equipaje)\b"
    r"[^.]{0,40}\b(?:office|oficina|ice|immigration|inmigracion|migracion)\b|"
    # told to leave the country within days: "ice told him buy a plane ticket and leave by friday"
    r"\b(?:told|ordered|gave|dijeron|ordenaron)\b[^.]{0,50}\b(?:leave|get out|depart|self[- ]deport|salir|salga|irse|se vaya)\b[^.]{0,25}"
    r"\b(?:by|before|antes del?|para el)\s+(?:this |next |el |este )?(?:tomorrow|tonight|manana|the end of (?:the|this) week|fin de semana|" + _WEEKDAYS + r")\b|"
    # "a letter from ICE saying to come in with a suitcase"
    r"\b(?:ice|immigration|inmigracion|migracion)\b[^.]{0,60}\b(?:come|go|report|show up|presentarme|presentarse|venir|ir)\b[^.]{0,20}"
    r"\b(?:with|con)\b[^.]{0,12}\b(?:bags?|suitcases?|luggage|maletas?|equipaje)\b|"
    r"\b(?:come|go|venir|ir)\b[^.]{0,30}\b(?:office|oficina|ice|immigration|inmigracion)\b[^.]{0,30}\b(?:with|con)\b[^.]{0,12}"
    r"\b(?:bags?|suitcases?|luggage|maletas?|equipaje)\b|"
    r"\b(?:bring|take|llevar|lleve|traer|traiga)\b[^.]{0,20}\b(?:luggage|suitcases?|bags|maletas?|equipaje)\b[^.]{0,20}\b(?:to|a)\s+(?:ice|immigration|inmigracion|migracion|la oficina)\b|"
    r"\b(?:report|reporting|present|presentarme|presentarse|presentar|presente|reportarme|reportarse|show up)\b[^.]{0,60}"
    r"\b(?:bags?|suitcases?|luggage|maleta|maletas|equipaje|belongings|pertenencias)\b|"
    r"\b(?:report|reporting|surrender|present himself|present herself|present myself)\w* (?:to ice )?(?:for|to be) (?:removal|deportation|removed|deported)\b|"
    r"\b(?:presentarse|presentarme|presentarte|reportarse|reportarme|entregarse|entregarme)\b[^.]{0,20}\b(?:para|a) (?:su |la |ser |mi )?(?:deportacion|deportad[oa]|salida)\b|"
    # ICE telling the visitor to come in with a passport: the usual step before removal
    r"\b(?:told|asked|called) me to (?:come|go|report|bring|present)\b[^.]{0,60}\bpassport\b|"
    r"\b(?:me dijeron|me pidieron|me llamaron)\b[^.]{0,40}\b(?:lleve|llevar|traiga|traer|presente)\w*\b[^.]{0,30}\bpasaporte\b|"
    r"\bscheduled (?:for )?(?:removal|deportation)\b|\b(?:removal|deportation|deportacion)\b[^.]{0,20}\b(?:is |has been |was )?(?:scheduled|programad[oa]|fijad[oa])\b|"
    r"\bscheduled to be (?:removed|deported)\b|\bprogramad[oa] para (?:ser )?deportad[oa]\b|"
    r"\b(?:removal|deportation) (?:flight|date)\b|\bvuelo de deportacion\b|"
    r"\b(?:is|am|are|'s|s|being|getting) (?:currently |now )?(?:being )?(?:deported|removed) (?:right now|now|today|tonight|tomorrow)\b|"
    r"\b(?:is|am|are|'s|s|im|i'm) (?:currently |now )?being deported\b|\besta(?:n)? siendo deportad[oa]s?\b|"
    r"\babout to (?:be )?(?:deport|deported|removed)\b|\ba punto de (?:ser )?(?:deportad[oa]|deportar\w*)\b|"
    r"\bya (?:lo |la |me |los |las |nos |te )?van a deportar\w*|"
    r"\b(?:put|puts|putting|load|loading|loaded)\b(?:\s+\w+){0,3}\s+on (?:a|the) (?:plane|flight|airplane)\b|"
    r"\b(?:subir|subiendo|subieron|suben|montar|montaron|montando)\w*(?:\s+\w+){0,3}\s+(?:al|a un|en un|en el) (?:avion|vuelo)\b|"
    # "the officer said hes on the flight tomorrow at 5am", "hes getting flown out monday", "mañana lo mandan pa mexico"
    r"\b(?:he'?s|hes|she'?s|shes|he is|she is|they'?re|theyre|they are|put (?:him|her|them) |puts (?:him|her|them) )(?: \w+)? ?(?:on|getting on|going on) (?:the|a) (?:flight|plane)\b[^.]{0,20}\b(?:tomorrow|tonight|today|this week|at \d|" + _WEEKDAYS + r")\b|"
    r"\b(?:(?:getting|being|be|been) flown out|(?:flying|fly|ship|shipping|sending|send) (?:him|her|them|me|us) (?:out|back))\b[^.]{0,20}\b(?:tomorrow|tonight|today|this week|" + _WEEKDAYS + r")\b|"
    r"\b(?:lo|la|los|las|me|nos) (?:mandan|van a mandar|regresan|van a regresar|sacan|avientan|deportan) (?:pa|para|a) (?:su |mi |nuestro )?"
    r"(?:pais|tierra|mexico|guatemala|honduras|el salvador|nicaragua|colombia|venezuela|ecuador|peru|cuba|haiti|brasil|republica dominicana)\b"
    r"[^.]{0,15}\b(?:manana|hoy|esta noche|" + _WEEKDAYS + r")\b|"
    r"\b(?:manana|hoy|esta noche)\b[^.]{0,12}\b(?:lo|la|los|las|me|nos) (?:mandan|van a mandar|regresan|van a regresar|sacan|avientan|deportan)"
    r" (?:pa|para|a) (?:su |mi |nuestro )?(?:pais|tierra|mexico|guatemala|honduras|el salvador|nicaragua|colombia|venezuela|ecuador|peru|cuba|haiti|brasil|republica dominicana)\b"
)
_DEPORT_WORD = re.compile(rf"\b{_DEPORT}\b")
#: A removal already carried out, at the deportation word: "ya lo deportaron", "he was deported", "got deported".
_CARRIED_OUT = re.compile(r"\b(?:(?:ya )?(?:lo|la|los|las|me|nos|te) deportaron|(?:was|were|got|been|already) (?:deported|removed)"
                          r"|(?:fue|fueron) deportad[oa]s?"
                          # an order made ("judge ordered me removed two weeks ago today"): when, not a removal to come
                          r"|ordered (?:me |him |her |them |us )?(?:deported|removed))$")
#: "afraid of being deported tomorrow", "can they deport me": a fear or a question, not a plan.
_FEAR_OR_IF = re.compile(
    r"\b(?:afraid|scared|fear|worried|worry|could|might|may|can|will i|would|if|or|otherwise|miedo|temo|preocupad[oa]|puedo|pueden|podria|podrian|si|o)\b"
    r"(?:\W+\w+){0,3}\W+$"
)
_NOT_BETWEEN = re.compile(r"\b(?:hearing|court|audiencia|corte|cita|appointment|interview|entrevista|check-?in|deadline|plazo)\b")


#: Told to buy a ticket and leave: "ICE le dijo que compre su boleto para irse en 10 dias".
#: ICE telling someone to buy a ticket: "ICE le dijo que compre boleto and bring it in 30 days" (removal set in motion).
_TOLD_TO_BUY_A_TICKET = re.compile(
    r"\b(?:ice|officer|oficial|agente|deportation officer|check ?in|cita|firma)\b[^.]{0,40}\b(?:told|said|asked|dijo|dijeron|pidio|pidieron)\b"
    r"[^.]{0,30}\b(?:buy|purchase|get|compre|comprar|compra|comprara)\w*\b[^.]{0,15}\b(?:tickets?|boletos?|pasajes?|vuelo|flight)\b")
_TICKET_TO_LEAVE = re.compile(r"\b(?:boletos?|tickets?|pasajes?|vuelo|flight)\b[^.]{0,40}?\b(?:irse|irme|irnos|irte|salir\w*|se vaya|me vaya|nos vayamos|leave|depart|regresar\w*|volver)\b")


#: Relief named after removal, not a removal: "denied my cancellation of removal on friday".
_RELIEF_NAMED = re.compile(r"\b(?:cancellation|withholding|cancelacion|suspension) (?:of|de) (?:removal|deportation|deportacion|remocion)\b")
#: Signs that a removal is days away, beside the words above: travel documents come in, a report
#: with a passport, a flight home with an officer or ICE in the story.
#: Told to surrender: "turn himself in", "que se entregue" (also ``bot.flow``'s reading of the matter).
SURRENDER = r"(?:turn (?:himself|herself|myself|themselves|yourself) in|entregarse|se entregue|me entregue|surrender\w*)"
#: What a removal needs: a passport, travel documents (also ``bot.flow``'s reading of the matter).
TRAVEL_PAPERS = r"(?:passport|pasaporte|travel (?:papers|documents?|docs)|documentos? de viaje)"

_REMOVAL_SIGNS = re.compile(
    r"\btravel (?:documents?|docs?|papers?|document)\b[^.]{0,50}\b(?:came|come in|arrived|are ready|ready|issued|llegaron)\b"
    r"|\bdocumentos? de viaje\b[^.]{0,40}\b(?:llegaron|llego|estan listos|ya estan)\b"
    r"|\b(?:report|come in|show up|presentarse|presentarme|reportarse)\b[^.]{0,30}\b(?:with|con) (?:(?:his|her|my|your|the|a|su|mi|el) )?(?:passport|pasaporte)\b"
    r"|\b(?:putting|put|loading|taking) (?:him|her|them) on a bus (?:to the border|back|to mexico|to the airport)\b[^.]{0,20}\b(?:tonight|today|tomorrow|now|" + _WEEKDAYS + r")\b"
    r"|\b(?:deport\w*|removal|ice|officer|oficial)\b[^.]{0,80}\b(?:he'?s|hes|she'?s|shes|he is|she is|they'?re|theyre|they are)\s+"
    r"(?:flying|being flown|getting flown|being sent|going|leaving)\s+(?:back\s+)?to\s+\w+(?:\s+\w+)?\s+(?:tomorrow|tonight|today|this week|" + _WEEKDAYS + r")\b"
    # the officer asks for what a removal needs: "an ICE officer asking him to bring his passport to the
    # office", "the officer told my husband to go to the consulado and get his travel document"
    r"|\b(?:ice|officer|oficial|deportation officer|la migra|migra|immigration|inmigracion|migracion)\b[^.?!]{0,60}?"
    r"\b(?:bring|traer|trae|traiga|get|sacar|saque|buy|comprar|compre)\b[^.?!]{0,20}?"
    r"\b(?:passport|pasaporte|travel documents?|documentos? de viaje|plane ticket|boletos? de avion)\b"
    # "asked where is his passport, said they are making his travel papers", "le pidieron el pasaporte"
    r"|\b(?:ice|officer|oficial|la migra|migra|immigration|inmigracion|migracion)\b[^.?!]{0,60}?"
    r"\b(?:asked (?:for|where(?: is)?|about)|asking (?:for|where(?: is)?|about)|(?:le |me |les )?pidi(?:o|eron)|want(?:s|ed)?)\b[^.?!]{0,15}?"
    r"\b" + TRAVEL_PAPERS + r"\b"
    r"|\b(?:making|preparing|processing|getting|haciendo|preparando|tramitando|sacando)\s+(?:his|her|their|my|the|sus|los|su|el)\s+"
    r"(?:travel (?:papers|documents?|docs)|documentos? de viaje)\b"
    # "the officer told him his flight is tonight", "ICE dice que su vuelo sale mañana"
    r"|\b(?:ice|officer|oficial|deport\w*|removal|migra|immigration|inmigracion|migracion)\b[^.?!]{0,60}?\b(?:his|her|their|my|su|mi) "
    r"(?:flight|plane|vuelo|avion)\b[^.?!]{0,15}?\b(?:tonight|today|tomorrow|manana|hoy|esta noche|this week|esta semana|" + _WEEKDAYS + r")\b"
    # told to surrender within days: "if he doesnt turn himself in by wednesday", "que se entregue el lunes"
    r"|\b" + SURRENDER + r"\b[^.?!]{0,25}?"
    r"\b(?:tomorrow|manana|tonight|this week|esta semana|" + _WEEKDAYS + r")\b"
)

#: A removal order ... and agents come looking for the person: "vinieron los de ICE buscando a mi husband, el
#: tiene orden de deportacion", "ICE came looking for him and left a card" (enforcement contact on an order).
_ORDER_WORDS = re.compile(
    r"\b(?:deportation order|removal order|order of (?:removal|deportation)|final order|orden (?:de deportacion|final)"
    r"|ordered (?:deported|removed)|(?:dieron|dio) (?:la )?deportacion|tiene deportacion|has a deportation"
    r"|(?:has|had|tiene) (?:an? |una )?(?:old )?(?:order|orden))\b")
_SOUGHT = re.compile(
    r"\b(?:came|come|showed up|were|was)\b[^.?!]{0,40}\blooking for (?:him|her|them|me|my \w+)\b"
    # "ICE keeps calling my moms phone and leaving messages telling her to come in"
    r"|\b(?:ice|officer|oficial|la migra|migra)\b[^.?!]{0,10}\b(?:keeps? calling|keep(?:s)? (?:leaving|sending)|no deja de llamar|sigue llamando|siguen llamando)\b"
    r"|\b(?:vino|vinieron|fue|fueron|llego|llegaron|anduvieron|estuvieron)\b[^.?!]{0,25}\bbuscando(?:lo|la|me|nos|los)?\b(?! a todos)"
    # "ahorita vino ICE a mi casa a preguntar por mi"
    r"|\b(?:asking|asked|preguntando|preguntaron|preguntar|pregunto) (?:for|por) (?:him|her|me|us|my \w+|mi|mi \w+|el|ella|nosotros)\b"
    r"|\b(?:left|dejaron) (?:a |una )?(?:card|tarjeta|business card)\b")
#: ... or called about: "an ICE officer left me a voicemail today saying to call him back", "un oficial de ICE me dejó un mensaje".
_CALLED_ABOUT = re.compile(
    r"\b(?:ice|officer|oficial|agent|agente|la migra|migra)\b[^.?!]{0,15}\b(?:left (?:me |us |him |her |my \w+ )?(?:a )?(?:voicemail|voice mail|message|msg)"
    r"|called (?:me|us|him|her|my \w+)|(?:me|le|nos) (?:dej[oó]|dejaron) (?:un )?(?:mensaje|recado|voicemail)|(?:me|le|nos) (?:llam[oó]|llamaron))\b"
    # the call told first: "hoy lo llamó un officer de ICE diciendo que se presente", "got a call from ICE today"
    r"|\b(?:me|lo|la|le|nos|los) (?:llam[oó]|llamaron) (?:un |una |el |la )?(?:officer|oficial|agente?|agent)(?: de (?:ice|la migra|migraci[oó]n|inmigraci[oó]n))?\b"
    r"|\b(?:got|had|received) a (?:phone )?call from (?:an? |the )?(?:ice|officer|ice officer|deportation officer)\b"
    # a letter from ICE just come, beside the order: "i have a removal order ... and just got a letter from ICE"
    r"|\b(?:just|recently|today|yesterday)\s+(?:got|received)\s+(?:a |an |this )?(?:\w+ )?letter from (?:ice|immigration|ero)\b"
    r"|\b(?:me|le|nos) (?:acaba de llegar|llego|llegaron) (?:una |un )?cartas? de (?:ice|la migra|migracion|inmigracion)\b"
    r"|\b(?:acabo|acaba|acabamos) de recibir (?:una )?carta de (?:ice|la migra|migracion|inmigracion)\b")


def removal_signs(text: str) -> bool:
    """Whether a message tells a removal under way (a flight, a bus, the passport asked for)."""
    return bool(_REMOVAL_SIGNS.search(normalise(text or "")))


def ticket_to_leave(text: str) -> bool:
    """Whether a message tells a ticket or flight to leave the country ("tiene que comprar su boleto y irse")."""
    return bool(_TICKET_TO_LEAVE.search(normalise(text or "")))


def order_sought(text: str) -> bool:
    """Whether a message tells a removal order and agents who came looking for the person."""
    t = normalise(text or "")
    return bool(_ORDER_WORDS.search(t) and (_SOUGHT.search(t) or _CALLED_ABOUT.search(t)))


def _removal_imminent(s: str) -> bool:
    s = _RELIEF_NAMED.sub("relief", s)
    if _IMMINENT.search(s) or _REMOVAL_SIGNS.search(s) or _TOLD_TO_BUY_A_TICKET.search(s):
        return True
    for told in _TICKET_TO_LEAVE.finditer(s):
        # (the days after the leaving: "para irse en 10 dias"; or before the ticket: "has to come back in 5 days
        # with a plane ticket to leave the country")
        if any(0 <= start - told.end() <= 25 or 0 <= told.start() - end <= 25 for start, end in _near_spans(s)):
            return True
    for d in _DEPORT_WORD.finditer(s):
        if _FEAR_OR_IF.search(s[: d.start()]) or _CARRIED_OUT.search(s[max(0, d.start() - 20): d.end()]):
            continue  # (not a removal carried out: "ayer lo detuvieron y hoy ya lo deportaron a Mexico")
        for n in _near_spans(s):
            between = _gap(d.span(), n, s)
            if len(between) <= 30 and not _NOT_BETWEEN.search(between) and not _PAST_NEAR.search(between):
                return True
    return False


# --- all together -------------------------------------------------------------------


#: ICE telling someone to come to its office (normalised): "ICE just called her cell and said she has to come to the office
#: TOMORROW", "me llamo el oficial de ICE que me presente en la oficina el lunes".
_ICE_SUMMONS = re.compile(
    r"(?:\b(?:ice|la migra|migracion|inmigracion|deportation officer|(?:the|my|her|his|el|mi|su|an|un) (?:officer|oficial))\b[^.?!]{0,60}"
    # ("el oficial de inmigracion me dio una fecha para presentarme en 6 semanas en la oficina": a date given)
    r"\b(?:called|call|texted|told|said|sent|gave|llamo|llamaron|dijo|dijeron|mando|mandaron|hablo|dio|dieron)\b"
    r"|\b(?:me|nos|le|les) (?:llamo|llamaron|hablo|hablaron|dijo|dijeron|mando|mandaron)\b[^.?!]{0,20}\b(?:ice|la migra|migracion|inmigracion|officer|oficial)\b)"
    r"[^.?!]{0,60}"
    r"\b(?:come|report|go|present|show up|ir|venir|vaya|vayamos|presente|presentarse|presentarme|reportarse|reportarme)\b[^.?!]{0,30}"
    r"\b(?:office|oficina|offices|oficinas)\b")


def text_signals(text: str, today: Optional[date] = None) -> List[str]:
    """Reasons that a visitor's own words already make plain ("ICE is at my door now").

    ``today`` lets a deadline on a calendar date count ("due dec 3"); without
    it only relative times do ("due friday", "in 3 days"). In REASONS order.
    """
    if not text or not text.strip() or situations.scam_call(text):
        return []  # ("pay $800 today or they deport you": the threat is the scam's)
    found = set()
    t = normalise(text)
    if _window_closing(t, today) or _decision_window_closing(t, today) or _asylum_year_closing(t, today):
        found.add("deadline_soon")
    if _ASYLUM.search(t) and _ASYLUM_YEAR_NEAR.search(t) and not _ASYLUM_FILED.search(t) and not _YEAR_WEEKS_AWAY.search(t):
        # "almost a year ago, my year here is up the week after next. i want to apply for asylum": in another sentence
        found.add("deadline_soon")
    sentences = list(_sentences(t))
    if _agents_in(sentences) is not None:
        found.add("ice_present_now")
    renewed = bool(_RENEWAL_FILED.search(t))  # "...expires next week? ... she filed the renewal": said in another sentence
    for s in sentences:
        if _removal_imminent(s):
            found.add("removal_imminent")
        if _deadline_soon(s, today, renewed):
            found.add("deadline_soon")
    if today is not None:
        for s in sentences:
            summons = _ICE_SUMMONS.search(s)
            day = parse_date(s[summons.start():], today) if summons else None
            if day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS:
                found.add("checkin_soon")  # "ICE just called her and said she has to come to the office TOMORROW"
    report = _TO_REPORT_WORDS.search(t)
    # ("me llegó una carta de ICE para presentarme en 3 semanas": a day to report weeks away)
    weeks = today is not None and report is not None and _weeks_away(t[report.start():], today)
    if order_sought(t) and not (today is not None and not _SOUGHT.search(t) and (far_off(t, today) or weeks)):
        # an order, and agents come for the person: enforcement contact ("ICE called me and said to come to their
        # office in 3 weeks": a call that sets a day weeks away is not)
        found.add("removal_imminent")
    if "removal_imminent" in found and today is not None and (visit := _NEXT_VISIT.search(t)) and (
            far_off(t, today) or _weeks_away(t[visit.start():], today)):
        # "the officer told me to bring my passport next time. next time is in 2 months", "que me presente otra vez
        # en 3 semanas con mi pasaporte": not days away
        found.discard("removal_imminent")
    return [code for code in REASONS if code in found]


#: The words of reporting to ICE (normalised), after which its day is said: "para presentarme en 3 semanas".
_TO_REPORT_WORDS = re.compile(r"\b(?:present\w*|report\w*|come in|come to|show up|ir a|venir a|vaya a)\b")


def _weeks_away(text: str, today: date) -> bool:
    """Whether the words of a next visit set a day beyond the urgent days ("otra vez en 3 semanas")."""
    day = parse_date(text, today)
    return day is not None and days_until(day, today) > URGENT_WITHIN_DAYS


#: A step put off to the next visit: "bring my passport next time", "la proxima vez".
_NEXT_VISIT = re.compile(r"\b(?:next time|next visit|next (?:appointment|check-?in)|la proxima vez|la siguiente vez"
                         r"|(?:la|mi|su) (?:proxima|siguiente) (?:cita|firma)"
                         # "my check in with ICE is next month", "mi cita con ice es en 2 meses"
                         r"|(?:my|his|her|mi|su) (?:ice |immigration )?(?:check-?in|check in|appointment|cita|firma)(?: (?:with|con) (?:ice|immigration|migracion|inmigracion))? (?:is|es)"
                         # "I report to ICE next month", "me toca firmar en 2 meses"
                         r"|(?:i|he|she) (?:have to |has to )?(?:report|check in|sign) (?:to|with|at) (?:ice|immigration)"
                         r"|me (?:reporto|toca (?:firmar|reportarme|presentarme)) (?:con|a|en) (?:ice|migracion|inmigracion|la migra)"
                         # "me dijeron que me presente otra vez en 3 semanas con mi pasaporte", "told me to come back in a month"
                         r"|(?:me|nos|le) presente\w* (?:otra vez|de nuevo|nuevamente)|(?:que )?(?:regrese|vuelva)\w* (?:en|el|dentro de)"
                         r"|(?:come|go|report) back (?:in|on|next))\b")


def assess(slots: Mapping[str, Any], today: date, extra: Optional[List[str]] = None) -> List[str]:
    """All urgency reasons for an intake's slots, in a stable order.

    A removal order by itself is not urgent: ``removal_imminent`` comes from
    the visitor's words (``extra``, from ``text_signals``) when removal is near.
    """
    found = set(extra or [])
    situation = slots.get("situation")
    if situation == "detention":
        found.add("detained_now")
    if slots.get("ice_present_now") is True:
        found.add("ice_present_now")
    stage = slots.get("removal_stage")
    hearing = slots.get("hearing_date")
    if hearing and hearing != "unknown":
        try:
            day = date.fromisoformat(hearing)
        except ValueError:
            day = None
        if (day is not None and 0 <= days_until(day, today) <= URGENT_WITHIN_DAYS) or (day is None and soon_vague(hearing)):
            # ("in a few days", "esta semana": no day, but within two weeks)
            found.add("checkin_soon" if stage == "check_in" else "hearing_soon")
    return [code for code in REASONS if code in found]
