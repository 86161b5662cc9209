"""The intake situation categories and what the assistant asks for each.

The category names are the values of the ``situation`` slot and of the
``situation`` column in exports; they are also the practice areas attorneys
list in ``firm.yml`` and the categories of posted updates.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional, Sequence

from bot.places import facilities

#: Rasa's ``intent_ranking``: ``{"name": ..., "confidence": ...}`` per intent, best first.
Ranking = Sequence[Mapping[str, Any]]

#: Category -> plain-language label shown to visitors and staff.
CATEGORIES: Dict[str, str] = {
    "detention": "Someone is detained by ICE or CBP",
    "removal": "Removal (deportation) case, court hearing or ICE check-in",
    "enforcement": "ICE activity, raids or know-your-rights",
    "humanitarian": "Asylum, TPS, DACA, parole, U/T visa, VAWA or SIJS",
    "family": "Family-based immigration or marriage",
    "employment": "Work visas, employment green cards or employer questions",
    "citizenship": "Citizenship or naturalization",
    "other": "Something else",
}

#: The categories as a Spanish-speaking visitor reads them in the summary.
CATEGORIES_ES: Dict[str, str] = {
    "detention": "Alguien está detenido por ICE o CBP",
    "removal": "Caso de deportación, audiencia en la corte o cita con ICE",
    "enforcement": "Actividad de ICE, redadas o sus derechos",
    "humanitarian": "Asilo, TPS, DACA, parole, visa U/T, VAWA o SIJS",
    "family": "Inmigración por familia o matrimonio",
    "employment": "Visas de trabajo, residencia por empleo o preguntas de empleadores",
    "citizenship": "Ciudadanía o naturalización",
    "other": "Otra cosa",
}

#: Short labels for buttons.
BUTTON_LABELS: Dict[str, str] = {
    "detention": "Someone is detained",
    "removal": "Court / deportation case",
    "enforcement": "ICE activity / my rights",
    "humanitarian": "Asylum, TPS, DACA",
    "family": "Family or marriage",
    "employment": "Work visa / employer",
    "citizenship": "Citizenship",
    "other": "Something else",
}

#: The NLU intent that carries each category.
INTENT_PREFIX = "situation_"


def category_for_intent(intent: str | None) -> str | None:
    """``situation_family`` -> ``family``; None for intents that are not situations."""
    if intent and intent.startswith(INTENT_PREFIX):
        category = intent[len(INTENT_PREFIX):]
        if category in CATEGORIES:
            return category
    return None


#: What the details question of each category asks for, as words a visitor uses
#: (English and Spanish). When the words that told the matter already hold one,
#: the question is not asked: the visitor has said it.
#: A visa for victims: "someone said I can get a visa for victims?", "una visa para mujeres que sufren maltrato" (a U visa or VAWA).
VICTIM_VISA_WORDS = (r"visas? for (?:crime )?victims|victims? visa|visa (?:de|para) v[ií]ctimas?"
                     r"|visas? (?:para|for) (?:mujeres|women|personas|people|gente)(?: \w+){0,3} (?:maltrat\w*|abus\w*|golpead\w*|violencia|violence)")
DETAIL_WORDS: Dict[str, str] = {
    "humanitarian": r"asyl\w*|asilo|tps|daca|parole|parol|[ut][ -]?visa|visa [ut]|vawa|sijs?|special immigrant juvenile"
                    r"|refugee|refugiad\w*|withholding|i-?589|i-?821d?|i-?918|i-?914|protecci[oó]n temporal"
                    r"|juvenile|juvenil|visa (?:especial )?para menores"
                    # "someone said I can get a visa for victims?"
                    r"|" + VICTIM_VISA_WORDS
                    # parole programs by name: Uniting for Ukraine, CHNV
                    + r"|u4u|uniting for ukraine|chnv|humanitarian parole|parole humanitario",
    "family": r"husband|wife|spouse|esposo|esposa|marido|fianc[eé]+|prometid[oa]|mom|mother|mama|mamá|madre|dad|father"
              r"|papa|papá|pap[aá]s|mam[aá]s|padre|parents|padres|son|daughter|hij[oa]s?|child(?:ren)?|kids?|brother|sister|herman[oa]s?"
              r"|siblings?|step ?(?:son|daughter|mom|dad|kids?)|grand(?:mother|father|ma|pa|son|daughter)|abuel[oa]"
              r"|nieto|nieta|i-?130|k-?1|novi[oa]|girlfriend|boyfriend|married|marriage|casad[oa]|matrimonio"
              r"|me cas[eé]|nos casamos|cas[eé] con",
    "employment": r"h-?1-?b|h-?2-?[ab]|niw|national interest|o-?1|eb-?[1-5]|perm|labor cert\w*|tn|l-?1|e-?[23]|i-?9s?"
                  r"|notice of inspection|(?:my|our|mi|nuestr[oa]) (?:restaurant|business|shop|store|farm|restaurante|negocio|empresa)"
                  r"|e[- ]?verify|employer|employees|empleador|empleados|my company|sponsor\w*|green card through (?:work|my job)"
                  r"|work visa|visa de trabajo|i-?140|laid off|layoff|residencia por trabajo|green card por trabajo"
                  r"|(?:mi|el) (?:patr[oó]n|jefe) me (?:quiere )?(?:pedir|patrocinar)",
    "citizenship": r"citizen\w*|citizin\w*|s[iy]tizen\w*|naturali[sz]\w*|n-?400|n-?600|certificate|civics|oath|ciudadan\w*|naturaliza\w*"
                   r"|juramento|test|exam|examen",
    "other": r"\w+",
}
#: A relative, as visitors name one (English and Spanish), as a regular expression.
RELATIVE = (r"(?:husband|wife|spouse|son|daughter|dad|father|mom|mother|parents?|brother|sister|boyfriend|girlfriend|fianc[eé]e?|partner|kids?"
            r"|nephew|niece|cousin|uncle|aunt|brother-in-law|sister-in-law|grandpa|grandma|grandfather|grandmother|grandparents"
            r"|esposo|esposa|marido|hij[oa]s?|pap[aá]s?|mam[aá]|padres?|madre|herman[oa]s?|novi[oa]|cu[nñ]ad[oa]|sobrin[oa]s?|prim[oa]s?"
            r"|t[ií][oa]s?|abuel[oa]s?|child|children|hermanit[oa]s?|niñ[oa]s?|nin[oa]s?"
            # said as people say them: "se llevaron a mi viejo", "mi jeva se fue a su cita"
            r"|viej[oa]|jev[oa]|se[nñ]ora)")
#: A relative's papers asked about ("my husband visa", "my wifes green card", "quiero traer a mis abuelos").
_RELATIVES_PAPERS = re.compile(
    r"\b(?:my|mi|mis|our|nuestr[oa]s?)\s+" + RELATIVE + r"(?:'?s)?\s+(?:visa|green ?card|papers|residency|residence|petition|paperwork)\b"
    r"|\b(?:visa|green ?card|papers|papeles|residencia|petici[oó]n)\s+(?:for|para|de)\s+(?:my|mi|mis)\s+" + RELATIVE + r"\b"
    r"|\b(?:bring|petition for|file for|apply for|sponsor|traer|pedir|arreglarle a)\s+(?:a\s+)?(?:my|mi|mis|his|her)\s+" + RELATIVE + r"\b"
    r"|\b(?:my|mi|mis)\s+" + RELATIVE + r"\b[^.?!]{0,40}?\b(?:quiero|queremos) (?:traerl[oa]s?|pedirl[oa]s?)\b"
    # "a marriage green card case", "residencia por matrimonio", "spousal petition"
    r"|\bmarriage[- ]based\b|\bmarriage (?:green ?card|visa|petition|case)\b|\b(?:green ?card|residency|visa) (?:through|by|from|thru) marriage\b"
    r"|\b(?:residencia|green ?card|papeles) por (?:matrimonio|casamiento)\b|\bspousal (?:petition|visa|green ?card)\b",
    re.IGNORECASE)
#: A relative who will petition, or a relative's status to fix: "mi esposo es ciudadano y me va a pedir",
#: "my wife is undocumented, we want to fix her status".
_PETITION_FOR_RELATIVE = re.compile(
    r"\b(?:my|mi|mis|su)\s+" + RELATIVE + r"\b[^.?!]{0,60}?\b(?:me|nos|la|lo) (?:va|van|puede|pueden|quiere|quieren) (?:a )?pedir\b(?! asilo)"
    # "mi esposo es residente y me pidio hace 3 años": a petition already filed by a relative
    r"|\b(?:my|mi|mis|su)\s+" + RELATIVE + r"\b[^.?!]{0,40}?\b(?:me|nos|la|lo) (?:pidi[oó]|pidieron|meti[oó] (?:los )?papeles)\b"
    # "mi hija es ciudadana y ya metió la petición para mí"
    r"|\b(?:my|mi|mis|su)\s+" + RELATIVE + r"\b[^.?!]{0,60}?\b(?:meti[oó]|puso|hizo|someti[oó]|mand[oó]) (?:la|una|el) (?:petici[oó]n|i-?130)"
    r" (?:para|por) (?:m[ií]|nosotros)\b"
    r"|\b(?:my|mi|mis|su)\s+" + RELATIVE + r"\b[^.?!]{0,40}?\b(?:petitioned|filed|sponsored) (?:for )?(?:me|us)\b"
    # "la petición que hice para mi mamá fue aprobada", "the petition i filed for my wife"
    r"|\b(?:petici[oó]n|petition|i-?130)\b[^.?!]{0,25}?\b(?:para|por|for)\s+(?:my|mi|mis|su)\s+" + RELATIVE + r"\b"
    # "yo soy ciudadana, lo puedo pedir?", "i'm a citizen, can i petition for him?"
    r"|\b(?:soy|i'?m|i am) (?:a |an |un |una )?(?:us |u\.s\. |american )?(?:citizen|ciudadan[oa])\b[^.?!]{0,40}?"
    r"\b(?:(?:lo|la|los|las) (?:puedo|podemos) pedir|puedo pedirl[oa]s?|can i (?:petition|sponsor|file) (?:for )?(?:him|her|them))\b"
    # "he wants to file for my parents who are in nigeria"
    r"|\b(?:file|filing|petition|petitioning)\s+for\s+(?:my|his|her|our)\s+" + RELATIVE + r"\b"
    r"|\b(?:my|mi|mis|su)\s+" + RELATIVE + r"\b[^.?!]{0,80}?\b(?:fix|adjust|arreglar|arreglarle)\s+(?:her|his|their|sus|los|el)\s+"
    r"(?:status|papers|papeles|estatus)\b"
    # "my green card interview ... my husband is a citizen": a spouse's petition at its interview
    r"|(?=.*\b(?:green card|residency|residencia|i-?485|adjustment)\b).*?\b(?:my|mi)\s+(?:husband|wife|spouse|esposo|esposa|marido"
    r"|boyfriend|girlfriend|novi[oa]|fianc[eé]e?|prometid[oa])"
    r"\s+(?:is|es)\s+(?:a\s+|an\s+|un\s+|una\s+)?(?:us\s+|u\.s\.\s+|american\s+)?(?:citizen|ciudadan[oa])\b",
    re.IGNORECASE)
#: Married to a citizen, and the green card through them asked: "me casé con un ciudadano, ¿puedo sacar la residencia por él?".
_MARRIED_TO_A_CITIZEN = re.compile(
    r"(?=.*\b(?:green ?card|residency|residencia|papeles|papers)\b).*?\b(?:married|me cas[eé]|nos casamos|casad[oa])\s+(?:con|to|with)\s+"
    r"(?:un|una|a|an)\s+(?:us\s+|u\.s\.\s+|american\s+)?(?:citizen|ciudadan[oa])\b", re.IGNORECASE)
#: Signs of trafficking (a T visa): papers taken, with work unpaid, no way out or a threat.
_PAPERS_TAKEN = re.compile(
    r"\b(?:took|takes|taken|has|kept|keeps|keeping|holds|holding|tiene|tienen|quit[oó]|quitaron|se qued[oó] con)\s+"
    r"(?:my|our|mi|mis|nuestros?)\s+(?:passports?|pasaportes?|papers|papeles|documents|documentos|ids?)\b",
    re.IGNORECASE)
_NO_WAY_OUT = re.compile(
    r"\b(?:(?:does ?n[o']?t|does not|dont|don'?t|won'?t|never|no me|no nos|no)\s+(?:pay|paid|paga|pagan|pagaba)|without pay|sin pag\w*"
    r"|can'?t leave|cannot leave|(?:won'?t|will not|doesn'?t) let (?:me|us) (?:leave|go)|no (?:me|nos) deja[n]? (?:salir|ir)"
    r"|calls? immigration|call ice|llama(?:r)? a (?:la )?migra|debt|deuda|locked|encerrad\w*)\b",
    re.IGNORECASE)


def trafficking_signs(text: str | None) -> bool:
    """Whether a message tells of papers taken with work unpaid, no way out or a threat
    ("my boss took my passport and doesnt pay me"): what a T visa is for."""
    t = text or ""
    return bool(_PAPERS_TAKEN.search(t) and _NO_WAY_OUT.search(t))


#: A work visa or an employer's petition named (not "my employer", which may be any matter).
_WORK_VISA = re.compile(
    r"(?<![\w-])(?:h-?1-?b|h-?2-?[ab]|niw|national interest waiver|o-?1|eb-?[1-5]|perm|labor cert\w*|l-?1|i-?140"
    r"|work visas?|visas? de trabajo|employment visas?|green card (?:is )?(?:through|thru|by|from) (?:work|my job|my employer|my company)"
    r"|sponsor(?:s|ed|ing|ship)?(?: me)?)(?![\w-])",
    re.IGNORECASE)
def work_visa_named(text: str | None) -> bool:
    """Whether a message names a work visa or a green card through work (not "my employer" alone, and not
    "sponsor", which a relative does too: "I want to sponsor my mother")."""
    return any(not m.group(0).lower().startswith("sponsor") for m in _WORK_VISA.finditer(text or ""))


#: A family petition named ("my green card thru my wife", "mi esposo me pidió", an I-130): whatever
#: step of it is asked about (biometrics, an interview), the matter is family.
_FAMILY_PETITION = re.compile(
    r"\b(?:green ?cards?|residen\w*|papers|papeles)\b[^.?!]{0,25}?\b(?:through|thru|via|by|por(?: medio de)?|from)\s+(?:my|mi|our|her|his)\s+"
    r"(?:husband|wife|spouse|esposo|esposa|marido|mom|mother|mama|mamá|madre|dad|father|papa|papá|padre|parents|padres"
    r"|son|daughter|hij[oa])\b|\bi-?130\b|\b(?:me|nos) (?:pidi[oó]|pidieron|est[aá]n? pidiendo)\b"
    # conditional residence through marriage: "my 2 year green card expires and im divorced now"
    r"|\b(?:2|two)[ -]year (?:green ?card|residen\w*)|\bconditional (?:green ?card|residen\w*)|\bi-?751\b"
    r"|\bremov(?:e|ing) (?:the )?conditions\b|\bresidencia condicional\b|\bmica de (?:2|dos) a[nñ]os\b",
    re.IGNORECASE)
_DETAIL_WORDS = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w-])", re.IGNORECASE) for k, v in DETAIL_WORDS.items()}
#: "I don't know what kind of case I have": the matter is not told yet.
_UNSURE = re.compile(r"\b(?:(?:do\s*n[o']?t|dont)\s+(?:really\s+)?know|idk|not sure|no s[eé]|no entiendo|what (?:kind|type) of case|qu[eé] (?:tipo|clase) de caso)\b", re.IGNORECASE)
#: A question about the firm itself, asked of it: its fees, hours, office or languages ("do you guys do
#: consultations on saturdays", "cuanto cobran por una consulta"; not "her office is closed").
#: How to pay, said in place of the matter: "no tenemos dinero pero podemos pagar en partes", "can i pay little by little".
_PAY_HOW = re.compile(r"\b(?:pagar|pay)\b[^.!?]{0,20}\b(?:en partes|por partes|poco a poco|a plazos|in (?:parts|payments|installments)"
                      r"|little by little)\b|\bpayment plans?\b|\bplan de pagos?\b", re.IGNORECASE)
_OFFICE_OR_FEE = re.compile(
    r"\b(?:do|are|can) (?:you|u|y'?all)(?: guys)?\b[^.!?]{0,40}\b(?:consultations?|consultas?|office|open|saturdays?|weekends?|speak|charge|zoom)\b"
    r"|\bhow much (?:do|does|is|are|for)\b[^.!?]{0,30}\b(?:you|consult\w*|consulta)\b|\bcu[aá]nto cobran\b|\b(?:abren|dan consultas?|hablan espa[nñ]ol)\b"
    r"|\b(?:what are|cu[aá]les son) (?:your|sus) (?:office )?(?:hours|horarios?)\b|\bustedes (?:dan|tienen|hacen|abren|cobran|traducen)\b"
    r"|" + _PAY_HOW.pattern, re.IGNORECASE)
#: Fewer words than this tell too little for the attorney ("family", "asylum pls").
_DETAILS_MIN_WORDS = 6


def relatives_papers(text: str | None) -> bool:
    """Whether a message asks about a relative's papers ("my fiancée's visa", "papeles para mi esposo")."""
    return bool(_RELATIVES_PAPERS.search(text or "")) or petition_for_relative(text)


def petition_for_relative(text: str | None) -> bool:
    """Whether a message tells of a family petition to come or a relative's status to fix."""
    return bool(_PETITION_FOR_RELATIVE.search(text or "") or _MARRIED_TO_A_CITIZEN.search(text or ""))


def program_named(text: str | None) -> bool:
    """Whether a message names a humanitarian program or form (asylum, TPS, DACA, a U visa, an I-589)."""
    return bool(_DETAIL_WORDS["humanitarian"].search(text or ""))


def program_told_later(situation: str | None, text: str | None) -> str | None:
    """The matter a later message sets right when the one read was "something else" and it names a program
    ("perdon es la cita de huellas de mi TPS, no es de corte" after a biometrics question): humanitarian; else None."""
    return "humanitarian" if situation == "other" and program_named(text) else None


def details_said(situation: str | None, text: str | None) -> bool:
    """Whether the words that told the matter already answer its details question."""
    words = re.findall(r"\w+", text or "")
    if situation not in _DETAIL_WORDS or len(words) < _DETAILS_MIN_WORDS or (text or "").lstrip().startswith("/"):
        return False
    if situation == "other" and (_UNSURE.search(text or "") or _OFFICE_OR_FEE.search(text or "")):
        return False  # ("do you guys do consultations on saturdays": a question to the office, not what they need)
    if situation == "other" and paper_untold(text):
        return False  # "got something in the mail from the government": what the paper says is not told yet
    return bool(_DETAIL_WORDS[situation].search(text or ""))


#: A paper come, said short, without what it says: "got something in the mail from the government", "me llegó una carta".
_PAPER_UNTOLD = re.compile(r"\b(?:letter|mail|paper|notice|something|carta|correo|papel|aviso|algo)\b(?![^.?!]*\b(?:says?|saying|dice|diciendo|about|sobre)\b)",
                           re.IGNORECASE)
_PAPER_UNTOLD_WORDS = 10
#: Words that say a visitor wants help without saying with what ("I have an
#: immigration case and need a lawyer", "tengo un problema de inmigración").
_GENERIC = set("""
a an the and or y o i im i'm me my mi mis we our us you u your tu su it its this that is am are be was
have has had got get tengo tenemos tiene need needs needed necesito necesitamos want wanted quiero queremos would like
can could puedo podemos please pls plz por favor hi hello hey hola buenas buenos dias tardes noches good morning afternoon
evening thanks thank gracias help helping ayuda ayudar ayudarme lawyer lawyers attorney attorneys abogado abogada abogados
immigration inmigracion inmigración migracion migración immigrant case cases caso casos question questions pregunta
preguntas problem problems problema problemas issue issues matter situation situacion situación letter carta papers
papeles paperwork documents documentos something algo some info information informacion información about sobre
with con for para por from de del la el las los en in on to a al of legal advice consejo consult consultation consulta
talk speak hablar someone somebody alguien urgent urgente asap now ahora just solo una un uno
ask asking tell know saber preguntar quick quickly private privado privada real anyone anybody there yo
confidential confidencial secret secreto personal sensitive delicado delicada
esposa esposo wife husband spouse pareja both ambos los dos two cosas things stuff asuntos tramites tramite queremos we
worried worry preocupada preocupado preocupa husband's wife's mom's dad's son's daughter's brother's sister's
dont don't do who whom talk talking its it's quien quién con hablo es
his her their him them he she they el él ella ellos le les
uncle aunt husband wife son daughter mom mother dad father brother sister cousin nephew niece friend family
tio tío tia tía esposo esposa hijo hija mama mamá papa papá hermano hermana primo prima sobrino sobrina amigo amiga familia
understand entender entiendo entendemos received recibio recibió recibi recibí recibimos came llego llegó mail correo
what qué que means mean significa says dice read leer no not cuñado cuñada cunado cunada brother-in-law sister-in-law
""".split())


#: Persecution told, the grounds of an asylum claim: "me persiguieron por protestar", "persecuted for my religion".
_PERSECUTED = re.compile(r"\b(?:me persiguieron|nos persiguieron|persegu\w+ por|persecuci[oó]n|persecuted|persecution"
                         r"|(?:por|for) (?:protestar|protesting|mi religi[oó]n|my religion|ser gay|being gay|mis ideas|my political)"
                         r"|(?:political|pol[ií]tic[oa]) (?:asylum|asilo|persecution|persecuci[oó]n|opinion|opini[oó]n))\b", re.IGNORECASE)


def persecution_told(text: str | None) -> bool:
    """Whether a message tells of persecution, the grounds of asylum ("me persiguieron por protestar")."""
    return bool(_PERSECUTED.search(text or ""))


#: How hard it is to say, in place of what: "its complicated with my kids dad", "ugh where do i even start", "pues todo está mal".
_NOT_TOLD_YET = re.compile(r"\b(?:complicated|complicado|complicada|(?:a|such a) mess|un desmadre|un relajo|where do i (?:even )?start"
                           r"|por d[oó]nde empiezo|c[oó]mo empezar|todo (?:est[aá]|anda|va) (?:mal|fatal)|everything is (?:bad|wrong|a mess|falling apart)"
                           r"|(?:long|larga) (?:story|historia))\b", re.IGNORECASE)
#: An unsure answer longer than this tells something ("how do i get my file? somebody said FOIA but i dont know how").
_UNSURE_WORDS = 12


def untold(text: str | None) -> bool:
    """Whether an answer to "What's happening?" leaves the matter untold: vague ("help pls"), unsure
    ("idk everything is bad"), or a paper come without what it says ("me llegó una carta")."""
    short = len(re.findall(r"\w+", text or "")) <= _UNSURE_WORDS
    return vague(text) or paper_untold(text) or (short and bool(_UNSURE.search(text or "") or _NOT_TOLD_YET.search(text or "")))


def paper_untold(text: str | None) -> bool:
    """Whether a message tells only that a paper came, not what it says ("me llegó una carta")."""
    return bool(_PAPER_UNTOLD.search(text or "")) and len(re.findall(r"\w+", text or "")) <= _PAPER_UNTOLD_WORDS


def vague(text: str | None) -> bool:
    """Whether a message asks for help without saying with what (every word is generic)."""
    words = [re.sub(r"(\w)\1{2,}", r"\1", w) for w in re.findall(r"[\w']+", (text or "").lower())]  # "heyyy"
    words = [w[:-1] if w.endswith(("yy", "ii")) else w for w in words]
    return bool(words) and all(w in _GENERIC for w in words)


#: The words that name a kind of matter alone ("its about work", "familia").
_CATEGORY_WORDS = {"employment": r"work|job|trabajo|chamba|empleo|jale", "family": r"family|familia"}
#: A category named and nothing of what is happening: "its about work", "es de mi trabajo", "hola, es sobre my job".
_CATEGORY_ONLY = re.compile(
    r"^\W*(?:(?:hi|hello|hola|buenas|hey)\W+)?(?:it'?s|its|it is|es|this is|esto es|is)?\s*(?:about|sobre|de|regarding|for|para|acerca de)?\s*"
    r"(?:my|mi|the|el|la|a|un|una)?\s*(?:" + "|".join(_CATEGORY_WORDS.values())
    # a goal alone, with no path to it ("residencia", "green card"): by family, work or asylum is still asked
    + r"|residencia|residency|green ?card|papeles|la mica|mica)\W*$", re.IGNORECASE)


def category_named(text: str | None) -> str | None:
    """The kind of matter a reply names alone ("familia", "its about work"); None for a goal alone ("residencia")."""
    if not category_only(text):
        return None
    return next((name for name, words in _CATEGORY_WORDS.items() if re.search(rf"\b(?:{words})\b", text or "", re.IGNORECASE)), None)


def category_only(text: str | None) -> bool:
    """Whether a first message names only a kind of matter ("its about work") or a goal ("residencia"):
    what is happening is still asked."""
    return bool(_CATEGORY_ONLY.search(text or ""))


#: "other" read only a little above a category ("I have an immigration case..."
#: other 0.51, removal 0.46): the category is taken, since "other" means no category.
OTHER_MARGIN = 0.75


#: A runner-up to "other" that the message names in its own words (an oath, an N-400) is the matter from here.
NAMED_RUNNER_UP = 0.1
#: Naturalisation named by its steps ("both of us are citizens" is not one).
_NATURALISATION = re.compile(r"\b(?:oath|juramento|n-?400|n-?600|naturali[sz]\w*|naturaliza\w*|civics)\b", re.IGNORECASE)


#: Parole programs with a sponsor, named: a relative sponsored through one is humanitarian parole, not a petition.
_PAROLE_PROGRAM = re.compile(r"\b(?:u4u|uniting for ukraine|chnv|humanitarian parole|parole humanitario|(?:the )?parole program)\b", re.IGNORECASE)
#: A child's own humanitarian path: SIJS by name, or a minor who came alone ("mi sobrino de 15 años vino solo").
_JUVENILE_PATH = re.compile(
    r"\b(?:sijs?|special immigrant juvenile|visa juvenil|juvenile visa|visa (?:especial )?para menores|unaccompanied|no acompa[nñ]ad[oa]s?)\b"
    r"|\b(?:de|of) 1[0-7] (?:a[nñ]os|years?)\b[^.?!]{0,30}\b(?:vino|lleg[oó]|cruz[oó]|came|crossed) sol[oa]\b"
    r"|\b(?:vino|lleg[oó]|cruz[oó]|came|crossed) sol[oa]\b[^.?!]{0,30}\b(?:menor|minor|1[0-7] (?:a[nñ]os|years?))\b"
    # "mi sobrino llego solo de guatemala, tiene 17": the age said after
    r"|\b(?:vino|lleg[oó]|cruz[oó]|came|crossed) sol[oa]\b[^.?!]{0,40}\b(?:tiene|is|he'?s|she'?s|age) 1[0-7]\b",
    re.IGNORECASE)


def juvenile_path(text: str | None) -> bool:
    """Whether a message tells a child's own humanitarian path: SIJS by name, or a minor who came alone."""
    return bool(_JUVENILE_PATH.search(text or ""))


def from_ranking(ranking: Optional[Ranking], text: str | None) -> str | None:
    """The situation a message tells, from the classifier's ranking and the words.

    None when the message does not say (a vague plea for help), so that
    "What's happening?" is asked rather than "other" assumed.
    """
    named = [(item.get("confidence") or 0.0, (item.get("name") or "")[len(INTENT_PREFIX):])
             for item in ranking or () if (item.get("name") or "").startswith(INTENT_PREFIX)]
    named = [(c, n) for c, n in named if n in CATEGORIES]
    if not named:
        return None
    best_weight, best = max(named)
    if vague(text):
        return None  # "pls help": whatever the classifier guessed, nothing was said yet
    if trafficking_signs(text):
        return "humanitarian"
    if best == "humanitarian" and not program_named(text) and _RELATIVES_PAPERS.search(text or ""):
        return "family"  # "my wifes visa": a relative's papers, no humanitarian program named
    if best != "other":
        return best
    if program_named(text):
        # "una carta de USCIS ... pruebas de mi TPS": a program named is not "something else"
        return "humanitarian"
    if text and (_FAMILY_PETITION.search(text) or _RELATIVES_PAPERS.search(text)) and not _UNSURE.search(text):
        return "family"  # ("a traffic ticket, taxes, my cousins papers, i dont know" is not sure of anything)
    if text and _WORK_VISA.search(text):
        return "employment"  # "do you help with work visas": a work visa named
    if text and _GREEN_CARD_STEP.search(text) and not travel_question(text) and not (
            _TASK_OR_TRIP_WORDS.search(text) and not _TRANSLATION_NEEDED.search(text)):
        return "family"  # "My green card interview is next Tuesday ... just want a lawyer to come with me": the residence case
    # (not a detention nobody's taking or holding tells: "necesito copias de todo mi expediente de inmigración")
    held = bool(_TAKEN.search(text or "") or _HELD_SOMEWHERE.search(text or "") or missing(text))
    runner_up = max(((c, n) for c, n in named if n != "other" and (n != "detention" or held)), default=None)
    if _OWN_HEARING.search(text or "") and any(n == "removal" and c >= NAMED_RUNNER_UP for c, n in named):
        # "mi audiencia es en tres semanas y quiero llevar pruebas de que trabajo": the visitor's own court
        # case, whatever the papers asked about
        return "removal"
    if runner_up and runner_up[0] >= OTHER_MARGIN * best_weight:
        return runner_up[1]
    if runner_up and runner_up[0] >= NAMED_RUNNER_UP and runner_up[1] == "citizenship" and _NATURALISATION.search(text or ""):
        return runner_up[1]  # "ya tengo mi cita de juramento pero perdi mi green card": the oath names it
    if runner_up and runner_up[1] == "removal" and _OPEN_CASE.search(text or ""):
        # "my hearing is in 3 days and none of my documents are translated": the case comes
        # first, whatever else is asked about it
        return "removal"
    return "other"


#: A green card interview, with nothing else named: "my green card interview is next tuesday", "mi entrevista de la
#: residencia" (family-based, as most are; a job or a program named reads as its own matter first). A renewal is left as
#: read: authors differ on it.
#: A green card interview or appointment: "my green card interview", "entrevista de residencia", "tengo cita en USCIS para la residencia".
_GREEN_CARD_STEP = re.compile(
    r"\b(?:cita|entrevista|appointment|interview)\b[^.?!]{0,25}\buscis\b[^.?!]{0,25}\b(?:residencia|green ?card)\b"
    r"|\b(?:cita|entrevista|interview|appointment)\b[^.?!]{0,15}\b(?:de|para|for) (?:la |mi |su |my |our |the )?(?:residencia|green ?card)\b"
    r"|\b(?:green ?card|residencia) (?:interview|appointment)\b", re.IGNORECASE)
#: A task or a trip beside it, which stays "other": "translate my birth certificate ... for my green card interview", "is it safe to travel".
_TASK_OR_TRIP_WORDS = re.compile(r"\b(?:translat\w*|traduc\w*|traduzcan|notari[sz]\w*|travel\w*|trip|visit\w*|viajar|viaje|fly|flight|vuelo)\b",
                                 re.IGNORECASE)
#: A translation asked about as a need of the case, not asked of the firm: "do we need a translation??",
#: "necesitamos traducción del acta?".
_TRANSLATION_NEEDED = re.compile(r"\b(?:do|does) (?:we|i|she|he|they|my \w+) need (?:a |an |the |to get (?:a |it )?)?(?:certified )?translat\w*"
                                 r"|\bnecesit\w+ (?:una |la )?traducci[oó]n\b", re.IGNORECASE)
#: The visitor's own hearing: "mi audiencia es en tres semanas", "my court date is next month", "tengo corte".
_OWN_HEARING = re.compile(r"\b(?:mi|my) (?:immigration )?(?:audiencia|hearing|court(?: date)?|corte|cita (?:en|de) (?:la )?corte)\b"
                          r"|\btengo (?:corte|audiencia)\b|\bi have (?:court|a hearing|an immigration hearing)\b", re.IGNORECASE)
#: A relative deported in the past whom the visitor wants back: a family petition (and a
#: waiver), not a removal case ("my husband got deported last month, how can he come back?").
_DEPORTED = re.compile(
    r"\b(?:deported|got deported|was deported|were deported|was removed|lo deportaron|la deportaron|los deportaron"
    r"|me deportaron|fue deportad[oa]|deportad[oa])\b", re.IGNORECASE)
_BACK = re.compile(
    r"\b(?:(?:come|coming|go|get|bring|brings|bringing) (?:him |her |them |me |us )?back|want (?:him|her|them|my \w+) back|(?:come|go|return) (?:back )?(?:legal(?:ly)?|here)"
    # ("my wife es ciudadana ... ella quiere pedirme": a petition for the visitor deported)
    r"|petition (?:for )?(?:him|her|them|me|my \w+)|sponsor me|pedir(?:lo|la|le|me)|me (?:quiere|puede|va a|podr[ií]a) pedir|pedirlo|(?:lo|la|los|las) (?:puedo|podemos|puede|quiero|queremos) pedir|arreglar(?:le)?|(?:pueda|puede|pueden|podemos) (?:volver|regresar)"
    r"|(?:volver|regresar|traer(?:lo|la)?)(?: a (?:los estados unidos|estados unidos|usa|eeuu))?(?: legal(?:mente)?)?"
    # "como le hago para que regrese legal?", "si hay forma de que vuelva"
    r"|(?:para|de) que (?:regrese|vuelva)n?)\b",
    re.IGNORECASE)
#: A case still open in court, or a stay asked: the removal case stands.
_OPEN_CASE = re.compile(r"\b(?:court|hearing|check ?-?in|nta|corte|audiencia|cita con ice|reopen|reabrir|appeal|apelaci[oó]n"
                        # a stay of removal, not "I might stay 8 months"
                        r"|stay of (?:removal|deportation)|(?:a|the) stay)\b",
                        re.IGNORECASE)


#: The visitor deported themself ("me deportaron", "I was deported").
_SELF_DEPORTED = re.compile(r"\b(?:i was|i got|i am|im|i'm|fui|me) (?:deported|removed|deportad[oa])\b|\bme deportaron\b", re.IGNORECASE)
#: Someone who could petition: "my wife is a citizen", "mi esposo es residente".
_PETITIONER = re.compile(r"\b(?:citizen|ciudadan[oa]|resident|residente|green card holder|petition|petici[oó]n|pedirme)\b", re.IGNORECASE)


def back_after_deportation(text: str | None) -> bool:
    """Whether a message asks how someone deported in the past can come back through family.

    A relative deported, to bring back, is a family petition. The visitor deported themself
    is a family matter only with someone to petition ("my wife is a citizen"); otherwise,
    "me deportaron, hay forma de regresar?" is about the removal and its bars."""
    t = text or ""
    if not (_DEPORTED.search(t) and _BACK.search(t)) or _OPEN_CASE.search(t):
        return False
    return not _SELF_DEPORTED.search(t) or bool(_PETITIONER.search(t))


#: "they let him out on bond last week", "lo soltaron": the detention is over.
RELEASED = re.compile(
    r"\b(?:(?:was|got|been|and(?: then)?|but) released|(?:he|she|they|i|(?:my|our) \w+) got out(?! tomorrow)|got out of (?:detention|jail|custody|the detention)"
    r"|sali[oó] (?:hoy |ayer |ya |anoche |esta ma[nñ]ana )?(?:de (?:la )?|del )(?:detenci[oó]n|c[aá]rcel|custodia|centro de detenci[oó]n|centro|corral[oó]n)|released (?:him|her|them|me|my \w+|our \w+)|(?<!n't )(?<!nt )(?<!not )(?<!never )let (?:him|her|them|me|my \w+|our \w+) out(?! tomorrow)"
    # ("can you get him out on bond?" is a wish, not a release)
    r"|(?<!get him )(?<!get her )(?<!get them )(?<!get me )(?<!get us )out on bond|bonded out"
    # "we bailed him out 2 days ago"
    # (a bail paid is not a release: "ya pagamos la fianza y no lo sueltan")
    r"|bailed (?:him|her|them|me|us|my \w+|our \w+) out"
    r"|(?<!n't )(?<!nt )(?<!not )(?<!never )let (?:him|her|them|me) go\b(?! tomorrow)"
    r"|(?<!\bno )(?<!\bnunca )(?:(?:lo|la|los|las|me|nos) (?:soltaron|dejaron salir|dejaron ir)|(?:ya )?soltaron a (?:mi|su|nuestr[oa]) \w+)|(?:we|i) (?:were|was|got) (?:released|let out)|released us|let us (?:out|go)|sali[oó] (?:(?:mi|su) \w+ )?(?:bajo fianza|con fianza|on bond|en bond|con bond)|(?:he|she)(?: is|'s) home now)\b",
    re.IGNORECASE)
#: Becoming a citizen is the aim ("now she wants to become a citizen"), not a petitioner's status.
_CITIZENSHIP_AIM = re.compile(
    r"\b(?:become|becoming|be|apply(?:ing)? (?:for|to be))\s+(?:a\s+)?(?:us\s+|u\.s\.\s+)?citizens?\b|\bcitizenship\b|\bnaturaliz\w*|\bn-?400\b"
    r"|\b(?:hacerse|hacerme|ser) ciudadan[oa]\b|\bciudadan[ií]a\b|\bnaturaliza\w*", re.IGNORECASE)


#: Someone in a jail or a detention centre now: "hes at the tacoma detention center now", "my girlfriend is in the york
#: county prison in PA for ICE", "is sitting in the jail in Gwinnett county", "hes still in secondary like 6 hours".
HELD_IN_A_JAIL = (r"\b(?:is|are|he'?s|she'?s|hes|shes|they'?re) (?:still )?(?:sitting )?(?:at|in) (?:the )?(?:[\w-]+ ){0,3}"
                  r"(?:detention|processing center|jail|prison|custody)\b"
                  r"|\b(?:is|are|he'?s|she'?s|hes|shes|they'?re) still in secondary\b")
_HELD_IN_A_JAIL = re.compile(HELD_IN_A_JAIL, re.IGNORECASE)


#: The visitor asking for themself, beside others taken: "what are my rights", "are they coming back for us", "a mi no".
FOR_THEMSELF = re.compile(
    # ("por mí", not "escribo por mi vecina": for my neighbour)
    r"\b(?:on me|for me|on us|for us|me next|us next|to mine|my rights|our rights|por m[ií](?!\s+[a-záéíóúñ])|por nosotros|a mi tambien|mis derechos"
    r"|nuestros derechos|call them on|llamar(?:les)? a la migra"
    # "me da miedo que me pase lo mismo. ¿Qué derechos tengo si me paran?", "scared it happens to me"
    r"|(?:que|q) me pase (?:lo mismo|a mi)|happens? to me|qu[eé] derechos tengo|what rights do i have|si me paran|if they stop me"
    r"|protegerme|protegernos|protect (?:myself|us|my family)|(?:la )?misma situaci[oó]n|same situation"
    # "se llevaron a dos compañeros, a él no. ¿qué hacemos si regresan?", "what do we do if they come back"
    r"|(?:qu[eé]|q) (?:hacemos|hago) si (?:regresan|vuelven|vienen)|what (?:do|should) (?:we|i) do if they (?:come back|return)"
    r"|a [eé]l no|a ella no|not him|not her|a m[ií] no|(?:coming|come) back for (?:us|me))\b",
    re.IGNORECASE)


#: The visitor's workers taken, said by their employer: "two of our workers were taken by ICE", "se llevaron a dos de mis trabajadores"
#: (not coworkers: "took 2 of my coworkers, they said they will come back for more" is the visitor's own fear).
_OUR_WORKERS_TAKEN = re.compile(
    r"\b(?:(?:\w+ )?of )?(?:our|my|mis|nuestros) (?:workers|employees|guys|crew|trabajadores|empleados)\b"
    r"[^.?!]{0,30}?\b(?:were|got|was|fueron)\s+(?:taken|picked up|arrested|detained|detenidos|arrestados)\b"
    r"|\b(?:took|arrested|detained|picked up|se llevaron a|detuvieron a|agarraron a)\s+(?:\w+ )?(?:of )?(?:our|my|mis|nuestros)\s+"
    r"(?:workers|employees|guys|crew|trabajadores|empleados)\b", re.IGNORECASE)
#: Where someone taken is held, asked: "how do we find where they took them", "como sabemos a donde se lo llevaron".
_WHERE_TAKEN_ASKED = re.compile(
    r"\b(?:find|know|see|check|figure out|saber|encontrar|averiguar|buscar)\b[^.?!]{0,12}\b(?:where|a ?d[oó]nde|d[oó]nde)\s+"
    r"(?:(?:they\s+|ice\s+)?(?:took|take|have|has|are holding|is holding)\s+(?:him|her|them|my)\b|(?:se\s+)?(?:lo|la|los|las)\s+(?:tienen|tiene|llevaron|llev[oó])\b)",
    re.IGNORECASE)


def held_in_a_jail(text: str | None) -> bool:
    """Whether a message tells of someone in a jail or a detention centre now, with ICE, the migra or CBP named
    ("my husband is sitting in the jail in Gwinnett county ... they say ICE is coming to get him")."""
    return bool(_HELD_IN_A_JAIL.search(text or "") and _AGENTS_SAID.search(text or "") and not RELEASED.search(text or ""))


#: Someone still held beside someone released ("they let me go but they kept my husband"), or
#: released into a case that goes on (an ankle monitor, ISAP check-ins).
STILL_HELD = re.compile(
    r"\b(?:(?:kept|keeping|keep|still holding|are holding) (?:him|them|me|my \w+|her(?! \w* ?(?:card|papers|status|job|house|license)))|still (?:held|detained|in custody|there|locked up|inside)|(?:is|are|he'?s|she'?s|hes|shes) (?:still )?"
    r"(?:held|detained|in custody|locked up)|sigue[n]? (?:detenid\w*|adentro|ah[ií])|(?:lo|la|los) tienen|(?:lo|la) dejaron adentro"
    r"|ankle|monitor|grillete|isap"
    # "stopped by border patrol 2 days ago and they still have him"
    r"|(?:they|theyre|they're) still (?:have|got) (?:him|her|them)|(?:todav[ií]a|a[uú]n) (?:lo|la|los|las) tienen"
    # "we still cant get him out", "no lo hemos podido sacar"
    r"|(?:can'?t|cant|cannot|could ?n'?t|couldnt) get (?:him|her|them) out|no (?:lo|la|los|las) (?:podemos|puedo|hemos podido|han dejado) (?:sacar|salir))\b"
    r"|" + HELD_IN_A_JAIL, re.IGNORECASE)


#: Someone detained and already sent away: "they deported him already", "ya lo deportaron".
DEPORTED_ALREADY = re.compile(
    r"\b(?:deported (?:him|her|them) (?:already|last \w+|yesterday|the next day)|(?:already|ya) (?:deported|(?:lo|la|los|las) deportaron)"
    r"|(?:he|she|they) (?:was|were|got) (?:already )?deported|deported (?:him|her|them) (?:to|back to) \w+"
    # "a mi hermano lo deportaron ayer a Guatemala", "lo agarraron en la redada hace un año y lo deportaron"
    r"|(?:lo|la|los|las) deportaron (?:ayer|anoche|antier|hace|el |la semana|ya|a |para )|\by (?:lo|la|los|las) deportaron)\b", re.IGNORECASE)


#: No hold by immigration said: "the jail says no immigration hold", "no tiene hold de migración".
NO_HOLD = re.compile(r"\b(?:no|not an?|isn'?t an?|without an?|sin) (?:immigration |ice )?(?:hold|detainer)\b(?! (?:yet|todav[ií]a))"
                      r"|\bno (?:tiene|hay) (?:un )?(?:hold|detainer)\b", re.IGNORECASE)
#: ICE or immigration who took someone: "ICE took him", "la migra se lo llevó".
_AGENCY_TOOK = re.compile(r"\b(?:ice|immigration|la migra|migra|cbp|border patrol)\b[^.?!]{0,20}\b(?:took|picked up|arrested|detained|has|have|se (?:lo|la) llev\w+)\b",
                          re.IGNORECASE)


#: Let go with papers (a notice to appear, as visitors say it): "they let him go last night with papers".
_WITH_PAPERS = re.compile(r"\b(?:with|con) (?:some |unos |los |the |a )?(?:papers|papeles|paperwork|un papel|a paper)\b", re.IGNORECASE)
#: Released under watch: an ankle monitor, ISAP, a check-in to keep ("le pusieron grillete").
_MONITORED = re.compile(r"\b(?:ankle(?: monitor)?|monitor|grillete|isap)\b", re.IGNORECASE)


def released_into_a_case(text: str | None) -> bool:
    """A detention told as over, with the case going on ("ya salió con fianza pero le pusieron grillete
    y tiene que reportarse", "they let him out on bond, his court is in may"): nobody held now."""
    t = text or ""
    return bool(RELEASED.search(t) and (_OPEN_CASE.search(t) or _MONITORED.search(t) or _TOLD_TO_REPORT.search(t) or _WITH_PAPERS.search(t))
                and not STILL_HELD.search(_MONITORED.sub(" ", t)))


def over_detention(text: str | None) -> bool:
    """A detention told as over, with no case open ("was held in 2017, she got released ... now she
    wants to become a citizen", "lo detuvieron hace 5 años y lo soltaron", "my neighbor got taken by
    ice 3 weeks ago and they deported him already"): nobody is held now."""
    t = text or ""
    over = RELEASED.search(t) or DEPORTED_ALREADY.search(t)
    if over and _ANOTHER_TAKEN.search(t[over.end():]) and taken_lately(t[over.end():]):
        return False  # "a mi hermano lo deportaron ayer y ahora a mi cuñada tambien la agarraron hoy": she is held
    # ("they kept him all day ... but they let him go": kept before the release is over too)
    still = [m for m in STILL_HELD.finditer(t) if not (over and m.start() < over.start() and m.group(0).lower().startswith("kept"))]
    return bool(over) and not _OPEN_CASE.search(t) and not still


#: Someone else taken too: "y ahora a mi cuñada también la agarraron", "and now they took my wife too".
_ANOTHER_TAKEN = re.compile(r"\b(?:tambi[eé]n|also|too|ahora|now)\b", re.IGNORECASE)


#: A detention asked about, of the visitor, as a risk: "o me pueden detener en el airport?",
#: "can they arrest me at the interview?". Nobody was taken.
_DETENTION_ASKED = re.compile(
    r"\b(?:can|could|will|would|might|may)\s+(?:they|ice|immigration|i|cbp)\s+(?:\w+\s+)?(?:detain|arrest|take|get (?:detained|arrested)|be (?:detained|arrested))\b"
    r"|\b(?:me|nos)\s+(?:pueden|podrian|van a)\s+(?:detener|arrestar|agarrar|llevar)\b|\b(?:pueden|podrian)\s+(?:detenerme|arrestarme|agarrarme)\b"
    # "he says if i go to my interview they can arrest me right there"
    r"|\b(?:they|ice|immigration|cbp)\s+(?:can|could|will|would|might|may)\s+(?:\w+\s+)?(?:detain|arrest|take|grab)\s+(?:me|us)\b"
    # "am i going to get picked up?", "will i be arrested?"
    r"|\b(?:am|are|is|will|could|can)\s+(?:i|we|he|she)\s+(?:going to\s+|gonna\s+)?(?:get|be)\s+(?:picked up|arrested|detained|taken)\b",
    re.IGNORECASE)
#: A hearing or check-in told: the case a detention only feared is about ("tiene corte en 5 meses y
#: creen que se lo van a llevar mañana").
_COURT_TOLD = re.compile(r"\b(?:court|corte|hearing|audiencia|check[- ]?in|cita con (?:ice|migraci[oó]n|inmigraci[oó]n|la migra))\b",
                         re.IGNORECASE)
#: A taking told (not a state denied: "i am not detained"): "they got my sister", "lo cogieron", "ICE took him".
_TAKEN_LATELY = re.compile(
    r"(?<!\bnot )(?<!\bno )(?<!\bnever )\b(?:took|taken|arrested|picked up|picked (?:him|her|them|me|us) up|grabbed|got (?:him|her|them|my " + RELATIVE + r")|se (?:lo|la|los) llevaron"
    r"|(?:lo|la|los|las) (?:detuvieron|agarraron|cogieron|arrestaron)|detuvieron a|agarraron a|se llevaron a (?:mi|mis|nuestr[oa]s?)"
    # "he got detained at his ICE check in hace 3 dias", "mi suegro fue detenido hace tres días"
    r"|(?:got|was|were) detained|(?:fue|fueron|ha sido|han sido) (?:detenid[oa]s?|arrestad[oa]s?|agarrad[oa]s?)|se llevaron al \w+"
    # one agency, said after the taking: "a mi hermano lo agarró ICE el fin de semana", "se lo llevó la migra"
    r"|(?:lo|la|los|las) (?:agarr[oó]|detuvo|cogi[oó]|arrest[oó]) (?:la migra|migra|ice|inmigraci[oó]n|migraci[oó]n|cbp)|se (?:lo|la|los|las) llev[oó] (?:la migra|ice|inmigraci[oó]n))\b", re.IGNORECASE)
#: Lately: "hace 3 dias", "yesterday", "this morning" (someone taken lately is held now).
LATELY = re.compile(r"\b(?:hace (?:como |unos |unas |casi |ya |mas de |más de )?(?:\d+|un|una|dos|tres|cuatro|cinco) (?:dias?|días?|horas?|semanas?)"
                     r"|ayer|anoche|antier|hoy|esta mañana|esta manana|la semana pasada|el fin de semana|este fin"
                     r"|yesterday|last night|today|this morning|tonight|last week(?:end)?|this (?:past )?weekend|over the weekend"
                     r"|(?:\d+|a|one|two|three|four|five|a couple(?: of)?|a few|couple) (?:days?|hours?|weeks?) ago"
                     # "hes in georgia somewhere since 3 days" (desde hace 3 días)
                     r"|since (?:\d+|a|one|two|three|four|five|a couple(?: of)?|a few|couple) (?:days?|hours?|weeks?))\b", re.IGNORECASE)


#: Someone close who did not come home and cannot be reached: "my husband didnt come home anoche y no contesta",
#: "mi hijo no llegó del trabajo y no contesta el celular". Feared taken: a detention, until it is said otherwise.
MISSING = re.compile(
    r"\b(?:did ?n[o']?t|didnt|never|has ?n[o']?t|hasnt|have ?n[o']?t|havent) (?:come|came) (?:back )?home\b"
    r"|\bno (?:ha )?(?:lleg[oó]|llegado|regres[oó]|regresado|volvi[oó]|vuelto)\b(?! a (?:tiempo|la cita))", re.IGNORECASE)
#: ... and cannot be reached.
UNREACHABLE = re.compile(
    r"\b(?:no (?:me )?contesta\w*|not (?:answering|picking up)|(?:does ?n[o']?t|doesnt|wo ?n[o']?t|wont) (?:answer|pick up)"
    r"|(?:can'?t|cant|cannot) (?:reach|get a hold of|contact)|no (?:lo|la|los) (?:puedo|podemos) (?:localizar|encontrar|contactar)"
    r"|phone (?:is )?(?:off|dead|goes to voicemail)|(?:el )?(?:cel|celular|tel[eé]fono) (?:est[aá] )?apagado)\b", re.IGNORECASE)


def missing(text: str | None) -> bool:
    """Whether a message tells of someone who did not come home and cannot be reached."""
    return bool(MISSING.search(text or "") and UNREACHABLE.search(text or ""))


def taken_lately(text: str | None) -> bool:
    """Whether a message tells of someone taken lately, or taken and in a detention centre named
    ("lo cogieron hace 3 dias", "ICE took him yesterday"): held now, whatever old order it also tells."""
    t = text or ""
    return bool(_TAKEN_LATELY.search(t) and (LATELY.search(t) or facilities.facility_in(t)))


#: A place that holds people, or someone in it: "in jail", "en el centro de detención", "locked up".
_HELD_SOMEWHERE = re.compile(
    r"\b(?:jail|c[aá]rcel|detention|detenci[oó]n|detenid[oa]s?|custody|custodia|locked up|encerrad[oa]s?|held|corral[oó]n|hielera"
    r"|centers?|centres?|centros?|prison|prisi[oó]n|bond|fianza|ice|migra|cbp|deport\w*)\b", re.IGNORECASE)
#: A removal order said: "she has an order from years ago", "tiene orden de deportación".
_AN_ORDER = re.compile(r"\b(?:has|have|had|tiene|tengo|got) (?:an? |una |la )?(?:old |final |viej[oa] )?(?:order|orden)\b"
                       r"(?! (?:of protection|de protecci|de restricci|de alejamiento))|\b(?:removal|deportation|final) order\b"
                       r"|\borden (?:de deportaci[oó]n|final)\b", re.IGNORECASE)
#: The visitor's own deportation, told as the past: "i was deported to guatemala 2 months ago", "a mi me deportaron".
_OWN_DEPORTATION = re.compile(r"\b(?:i was|i got|i've been|ive been|i been|they) deported(?: me)?\b|\b(?:a m[ií] )?me deportaron\b", re.IGNORECASE)
#: An employer sponsoring a worker: "quiero hacerle el sponsor a mi cocinero", "can my company sponsor my employee".
_EMPLOYER_SPONSORS = re.compile(
    r"\b(?:sponsor(?:ear)?|patrocinar|hacerle el sponsor|petition for)\b[^.?!]{0,20}?\b(?:a |for )?(?:mi|my|our|nuestr[oa]|a mi) "
    r"(?:cocinero|cocinera|cook|chef|worker|workers|trabajador(?:a|es)?|emplead[oa]s?|employees?|mesero|mesera|manager|gerente)\b",
    re.IGNORECASE)
#: One person taken, named by who they are (not "they took people"): "se llevaron al esposo de mi vecina", "took my cousin".
_ONE_TAKEN = re.compile(r"\bse llevaron al \w+|\bse (?:lo|la) llevaron\b|\b(?:lo|la) (?:detuvieron|agarraron|arrestaron|cogieron)\b"
                        r"|\b(?:took|arrested|detained|picked up|grabbed) (?:my|our|his|her|their) (?!papers|car|truck|phones?|ids?|documents)\w+"
                        # "ice came to my neighbors house around 6 this morning and took the dad"
                        r"|\b(?:took|arrested|detained|picked up|grabbed) the (?:dad|mom|father|mother|husband|wife|son|daughter|grandpa|grandma)\b",
                        re.IGNORECASE)
#: A taking feared, not told: "creen que se lo van a llevar mañana", "afraid they'll take him at court".
_TAKING_FEARED = re.compile(
    r"\b(?:van a|va a|gonna|going to|will|ll|might|could|may|afraid|scared|miedo|creen que|cree que|think they)\b[^.?!]{0,30}?"
    r"\b(?:llevar|lleven?|detener|detengan?|agarrar|agarren?|take|detain|arrest|deport\w*)\b", re.IGNORECASE)


def taking_feared(text: str | None) -> bool:
    """Whether a message fears someone's taking and tells none ("tengo miedo que se lleven a mi esposo")."""
    return bool(_TAKING_FEARED.search(text or "")) and not _TAKEN.search(text or "") and not STILL_HELD.search(text or "")


#: A detention told as years past: "my old roommate got detained like 2 years ago".
_YEARS_AGO = re.compile(
    r"\b(?:(?:like |about |around |como |unos )?(?:\d{1,2}|two|three|four|five|six|several|many|a few|dos|tres|cuatro|cinco|varios|muchos)"
    r" (?:years?|a[nñ]os) (?:ago|back|atras)|hace (?:como |unos )?(?:\d{1,2}|dos|tres|cuatro|cinco|varios|muchos) a[nñ]os)\b",
    re.IGNORECASE)
#: Months past: "a raid at our plant like 3 months ago" (someone taken then is not told as held now).
_MONTHS_AGO = re.compile(
    r"\b(?:(?:like |about |around |como |unos )?(?:\d{1,2}|two|three|four|five|six|several|a few|a couple(?: of)?|dos|tres|cuatro|cinco|seis|varios)"
    r" (?:months?|meses) (?:ago|back|atras)|hace (?:como |unos |casi )?(?:\d{1,2}|dos|tres|cuatro|cinco|seis|varios) meses)\b", re.IGNORECASE)
#: ... unless someone was taken: "they took my husband, can they deport him?"
_TAKEN = re.compile(
    r"\b(?:took|taken|detained|arrested|picked up|in custody|se (?:lo|la|los) llevaron|se llevaron a (?:mi|su|nuestr[oa])|se llevaron al|detuvieron|detuvo"
    r"|agarraron|(?:lo|la|los) cogieron|detenid[oa]|lo tienen|la tienen|volvieron a (?:detener|agarrar|arrestar))\b",
    re.IGNORECASE)


#: A relative among the people a raid took: "my dad was one of them", "se llevaron a varios, entre ellos mi hermano".
_AMONG_THE_TAKEN = re.compile(
    r"\b(?:took|taken|left with|arrested|detained|grabbed|picked up|se llevaron|detuvieron|agarraron)\b[^.?!]{0,80}?"
    r"(?:\b(?:my|mi) \w+ (?:was|were|is|fue|era|iba) (?:one of them|among them|with them|uno de ellos|una de ellas|entre ellos)"
    r"|\b(?:including|incluyendo a|incluido|entre ellos(?: a)?|entre ellas(?: a)?) (?:my|mi) \w+)"
    r"|\b(?:my|mi) \w+ (?:was|fue) (?:one of|among|uno de|una de) (?:the )?(?:ones|people|workers|guys|men|those|los que|las que)"
    r"[^.?!]{0,40}\b(?:took|taken|arrested|detained|grabbed|se llevaron|detuvieron|agarraron)\b"
    # "agents took my roommate this morning and left": someone taken by the agents
    r"|\b(?:(?:agents?|ice|immigration|la migra|migra|cbp|border patrol|officers|federales|they)\s+(?:just\s+)?(?:took|arrested|detained|grabbed|picked up)"
    r"|se (?:lo |la )?(?:llevaron|llevo|llevó) a|(?:lo|la) (?:detuvieron|agarraron) a|detuvieron a|agarraron a)"
    r"\s+(?:my|mi|our|nuestr[oa])\s+(?!car|truck|phone|papers|passport|keys|money|id\b|license|carro|troca|celular|papeles|pasaporte|llaves|dinero"
    r"|neighbou?r|vecin)\w+"
    # "they came around 5 this morning and left with my husband"
    r"|\b(?:left|drove off|drove away|took off|went away|se fueron|se marcharon) (?:with|con) (?:my|mi|our|nuestr[oa]) \w+"
    # "hubo redada en la planta donde trabaja mi señora y se la llevaron con como 30 personas mas": the one named, taken
    r"|\b(?:my|mi) " + RELATIVE + r"\b[^.?!]{0,20}\b(?:y|and) (?:se (?:lo|la) llevaron|(?:lo|la) (?:detuvieron|agarraron|arrestaron)"
    r"|(?:they|ice) (?:took|arrested|detained|grabbed) (?:him|her))\b", re.IGNORECASE)


#: Someone who "has a problem with immigration": said of a detention, of a court case, of papers.
_A_PROBLEM = re.compile(
    r"\b(?:has|have|got|tiene|tienen|tengo)\s+(?:a|an|un|una|some|algun|alg[uú]n)\s+(?:immigration\s+|legal\s+)?"
    r"(?:problem|issue|case|question|situation|problema|caso|pregunta|situaci[oó]n)\b"
    # "my daughter is in trouble with immigration", "tiene problemas con migración"
    r"|\b(?:is|are|got|get|gotten|esta|está|anda|tiene)\s+(?:in\s+)?(?:trouble|problemas?|l[ií]os?)\s+(?:with|con)\s+(?:la\s+)?"
    r"(?:immigration|ice|migraci[oó]n|inmigraci[oó]n|la migra|migra)\b",
    re.IGNORECASE)
#: A detention at school: a pupil kept after class ("got detention at school", "detention after
#: school tomorrow", "castigado después de clases"), the word and the school within a few words.
_SCHOOL_WORDS = (r"(?:school|class(?:es)?|teacher|principal|lunch|recess|saturday|in-school|escuela|colegio|clases?"
                 r"|maestr[oa]|director[a]?|prepa|secundaria|high school|middle school)")
_SCHOOL_DETENTION = re.compile(
    r"\bdetention\b(?:\W+\w+){0,6}?\W+" + _SCHOOL_WORDS + r"\b|\b" + _SCHOOL_WORDS + r"\b(?:\W+\w+){0,6}?\W+detention\b"
    r"|\b(?:lunch|after-school|saturday|in-school) detentions?\b"
    r"|\bdetention (?:slip|hall|room)\b|\bcastigad[oa]s? (?:en|despu[eé]s de) (?:la escuela|clases?)\b",
    re.IGNORECASE)
#: ... and no one held by immigration: "ICE took my husband while my son was in detention at school".
_HELD_BY_IMMIGRATION = re.compile(
    r"\b(?:ice|migra|la migra|immigration (?:took|has|have|detained|arrested|picked)|cbp|border patrol|custody|custodia|detained|detenid[oa]s?"
    r"|detention (?:center|centre|facility)|processing center|centro de detenci[oó]n|locked up|jail|c[aá]rcel|se (?:lo|la|los|las) llevaron"
    r"|took (?:him|her|them|my)|picked up|arrested)\b",
    re.IGNORECASE)


def school_detention(text: str | None) -> bool:
    """Whether a message's "detention" is a pupil kept after school, not someone held by immigration."""
    t = text or ""
    return bool(_SCHOOL_DETENTION.search(t)) and not _HELD_BY_IMMIGRATION.search(t)


#: A biometrics appointment at USCIS ("cita de huellas", "cita de biométricos", "fingerprint
#: appointment"): a step of an application, with a date, but not a court hearing or an ICE check-in.
_BIOMETRICS = re.compile(
    r"\b(?:biom[eé]tric\w*|huellas(?: digitales)?|fingerprint\w*|finger prints?|asc appointment|application support center)\b",
    re.IGNORECASE)
#: ... unless the message also tells a removal case.
_REMOVAL_CASE = re.compile(
    r"\b(?:court|hearing|judge|corte|audiencia|juez\w*|ice|migra|deport\w*|removal|nta|notice to appear|check[- ]?ins?"
    r"|orden de deportaci[oó]n|grillete|ankle monitor|eoir)\b",
    re.IGNORECASE)


#: Court said not to be it: "no es corte verdad?", "it's not court right?".
_NOT_COURT = re.compile(r"\b(?:no es (?:la |una |de )?corte|(?:it'?s |its |is |this is )?not (?:a |the )?court|isn'?t (?:a |the )?court)\b", re.IGNORECASE)


def biometrics_only(text: str | None) -> bool:
    """Whether a message's appointment is a biometrics appointment, with no removal case told beside it
    ("... cita de huellas para la visa U ... no es corte verdad?" tells none)."""
    t = text or ""
    return bool(_BIOMETRICS.search(t)) and not _REMOVAL_CASE.search(_NOT_COURT.sub(" ", t))


#: Citizenship said in any way, or its oath ("mi cita de juramento").
_CITIZENSHIP_SAID = re.compile(
    r"\b(?:citizen\w*|citizin\w*|s[iy]tizen\w*|ciudadan\w*|juramento|oath|naturali[sz]\w*|n-?400)"
    # its test: "does he have to take the test in english?", "el examen de inglés"
    r"|\b(?:english|civics|history|citizenship)\s+(?:test|exam)\b|\b(?:test|exam|examen)\s+(?:in|en|de|of)\s+(?:english|ingl[eé]s|civics|c[ií]vica|historia)\b",
    re.IGNORECASE)
#: A green card named: "la entrevista de la residencia", "my green card interview".
_GREEN_CARD = re.compile(r"\b(?:residencia|green ?card|mica|permanent residen\w*|resident card)\b", re.IGNORECASE)


def green_card_not_citizenship(text: str | None) -> bool:
    """Whether a message is about a green card and says nothing of becoming a citizen ("tengo la cita de la
    entrevista de la residencia el martes": the green card's interview, not naturalisation)."""
    t = text or ""
    return bool(_GREEN_CARD.search(t)) and not _CITIZENSHIP_AIM.search(t) and not _CITIZENSHIP_SAID.search(t)


def biometrics_not_held(text: str | None) -> bool:
    """Whether a message's appointment is a biometrics one and nobody is said taken or held ("tengo cita el
    jueves, la de las huellas, y no sé si puedo llevar a mi esposo": whom to bring, not whom they took)."""
    t = text or ""
    return bool(_BIOMETRICS.search(t)) and not _TAKEN.search(t) and not STILL_HELD.search(t)


#: The visitor's own job at ICE or a detention center ("I work with ICE as an interpreter at the
#: detention center", "trabajo de guardia en el centro de detención"): the place of work, not
#: someone held.
_WORKS_THERE = re.compile(
    r"\b(?:i|we)(?: also| just)? (?:work|worked|am working|have worked) (?:\w+ ){0,2}?(?:with|for|at|in) (?:the |a |an )?"
    r"(?:ice|immigration and customs|cbp|border patrol|dhs|detention (?:center|centre|facility)|processing center|immigration detention)\b"
    r"|\b(?:i am|im|i'm) an? (?:interpreter|translator|guard|officer|nurse|contractor|chaplain|cook|janitor|teacher)"
    r" (?:\w+ ){0,2}?(?:at|for|with|in) (?:the |a |an )?(?:ice|cbp|detention (?:center|centre|facility)|processing center)\b"
    r"|\btrabajo (?:\w+ ){0,3}?(?:con|para|en|de) (?:la |el |las |los )?(?:oficinas? de |edificio de )?(?:ice|migra|migraci[oó]n|inmigraci[oó]n|centro de detenci[oó]n)\b"
    # "I'm a CBP officer at the port of entry", "soy agente de la patrulla fronteriza"
    r"|\b(?:i am|im|i'm) an? (?:cbp|ice|border patrol|dhs|customs) (?:officer|agent|employee)\b"
    r"|\bsoy (?:un |una )?(?:oficial|agente|empleado|empleada) de (?:la |el )?(?:cbp|ice|patrulla fronteriza|migraci[oó]n|aduana)\b",
    re.IGNORECASE)


def works_there(text: str | None) -> bool:
    """Whether a message's detention is the visitor's workplace ("I work with ICE as an interpreter
    at the detention center"), with no one of theirs held by immigration."""
    t = text or ""
    if not _WORKS_THERE.search(t):
        return False
    # what is left once the job is set aside: "... and they took my husband" is still a detention
    rest = _WORKS_THERE.sub(" ", t)
    return not re.search(r"\b(?:took|taken|arrested|picked up|in custody|detenid[oa]|detuvieron|se (?:lo|la) llevaron|(?:my|mi) \w+ (?:is|was|esta) (?:held|detained))\b",
                         rest, re.IGNORECASE)


#: Family said to be absent: "no family here", "no tengo familia aquí", "single, no kids".
_NO_FAMILY = re.compile(
    r"\b(?:no|without|don'?t have(?: any)?|do not have(?: any)?|dont have(?: any)?)\s+(?:family|relatives)\b(?!\s+(?:petition|visa|case))"
    r"|\bno tengo (?:familia|familiares|parientes)\b|\bsin familia\b", re.IGNORECASE)


def no_family(text: str | None) -> bool:
    """Family named only as absent ("overstayed my visa 10 years ago. no family here"), with no
    petition or relative's papers asked about."""
    t = text or ""
    return (bool(_NO_FAMILY.search(t)) and not _FAMILY_PETITION.search(t) and not _RELATIVES_PAPERS.search(t)
            and not A_RELATIVE.search(t))


#: A relative of the visitor's ("my wife", "mis hijos"), from the one list of relative words.
A_RELATIVE = re.compile(r"\b(?:my|mi|mis|our|nuestr[oa]s?)\s+(?:little\s+|baby\s+|older\s+|younger\s+|step)?" + RELATIVE + r"\b",
                        re.IGNORECASE)


#: A question about travelling abroad: "can i go to colombia for 7 months?", "¿puedo viajar a México?".
_TRAVEL_QUESTION = re.compile(
    r"\b(?:can|could|may|should|am i allowed to|is it ok(?:ay)? to)\s+(?:i|we|he|she|my \w+)?\s*(?:\w+\s+)?"
    r"(?:go|travel|leave the country|visit|fly|take a trip)\s+(?:back\s+)?(?:to|outside|abroad|out of)\b"
    r"|\b(?:puedo|podemos|puede|pueden)\s+(?:viajar|salir del pa[ií]s|ir)\s+(?:a|al|fuera)\b"
    # coming back after a trip: "si voy a verla ¿puedo regresar?", "if i go see her can i come back?"
    r"|\bsi (?:voy|salgo|viajo|me voy)\b[^.?!]{0,60}\b(?:puedo|podr[eé]|podr[ií]a) (?:regresar|volver|entrar)\b"
    r"|\bif i (?:go|leave|travel|visit|fly)\b[^.?!]{0,60}\b(?:can|could|will) i (?:come back|return|get back|re-?enter)\b"
    # a long stay abroad with a green card: "i need to go take care of him maybe 8 months. i have a green card, will i lose it?"
    r"|\b(?:will|would|could|can|do) i lose (?:it|my (?:green card|residency|residence|status|card))\b|\bpierdo (?:la|mi) (?:green card|residencia|mica)\b",
    re.IGNORECASE)


def travel_question(text: str | None) -> bool:
    """Whether a message asks about a trip abroad (an "other" matter: a travel question)."""
    if not _TRAVEL_QUESTION.search(text or ""):
        return False
    if _ABROAD.search(text or ""):
        return True
    from bot.places import roles  # late: the place reader loads its gazetteer

    return any(m.place.country_code not in (None, "US") for m in roles.mentions(text or ""))


_ABROAD = re.compile(r"\b(?:abroad|outside (?:the )?(?:us|u\.s\.|country|states)|out of (?:the )?(?:country|us)|fuera del pa[ií]s|al extranjero)\b",
                     re.IGNORECASE)


#: Categories that some words only seem to tell: the reading is replaced by the next one.
_SEEMING = (
    ("detention", school_detention),
    ("detention", biometrics_not_held),
    ("citizenship", green_card_not_citizenship),
    ("detention", works_there),
    ("removal", biometrics_only),
    ("family", no_family),
)


def only_seems(category: str | None, text: str | None) -> bool:
    """Whether a message only seems to tell ``category`` (``_SEEMING``: a detention at school or at
    the visitor's job, a biometrics appointment read as a hearing)."""
    return any(category == seeming and seems(text) for seeming, seems in _SEEMING)


def _next_reading(ranking: Optional[Ranking], category: str, text: str | None) -> str | None:
    """The situation the ranking tells once ``category`` is set aside."""
    return from_ranking([r for r in ranking or () if r.get("name") != INTENT_PREFIX + category], text)


#: Money demanded: "send $2000 bail by western union today", "si no pago 800 dolares hoy".
_PAYMENT_DEMANDED = re.compile(
    r"(?:\$\s?\d|\b\d[\d,.]*\s?(?:(?:mil|thousand|k)\s)?(?:dollars|dolares|dólares|bucks)\b|\bwestern union\b|\bgift ?cards?\b|\btarjetas? de regalo\b"
    r"|\bzelle\b|\bbitcoin\b|\bmoneygram\b|\b(?:send|pay|wire|deposit) (?:the |them |him |her )?(?:money|bail|fee|fine)\b"
    r"|\b(?:si no|if (?:i|we|she|he) (?:do ?n[o']?t|dont)) (?:le |les )?(?:pago|pagamos|paga|pay|deposito|depositamos|deposit|mando|send)\b)",
    re.IGNORECASE)
#: Someone who called or wrote claiming to be the authorities, or the visitor asking whether it is real.
_CLAIMED = re.compile(
    r"\b(?:scam|scammer|fraud|estafa|estafador\w*|fraude|is (?:this|it) (?:real|legit|true)|es (?:verdad|real|cierto)"
    r"|(?:called|call|llamaron|llam[oó]|texted|message|mensaje)\b[^.?!]{0,60}\b(?:saying|diciendo|dijeron|que son|said|claiming|claim)"
    r"|(?:dicen|dijeron|dice|said|claim\w*) (?:que )?(?:son|es|they are|they were|he is|she is|to be) (?:de|from) (?:immigration|inmigraci[oó]n|migraci[oó]n|ice|uscis|la migra))",
    re.IGNORECASE)


#: Someone who went in to an appointment and was kept: "fue a su appointment en la oficina de inmigración
#: esta mañana y nunca salió", "went to his check in and they never let him out".
_KEPT_AT_APPOINTMENT = re.compile(
    r"\b(?:appointment|appt|cita|check[- ]?in|interview|entrevista|ice office|oficina de (?:inmigraci[oó]n|migraci[oó]n|ice)"
    r"|(?:a |to )?firmar|sign in|to sign)\b"
    r"[^.?!]{0,80}?\b(?:never (?:came|come|walked) (?:back )?out|did ?n[o']?t (?:come|came) (?:back )?out|nunca sali[oó]|no (?:ha )?sali(?:[oó]|do)"
    r"|no (?:lo|la) (?:dejaron|dejan) salir|(?:never|did ?n[o']?t|wo ?n[o']?t) let (?:him|her|them) (?:out|go|leave)"
    r"|(?:kept|(?:they'?re|theyre|they are|are|is) keeping|(?:are|is) holding) (?:him|her|them)(?! (?:passport|papers|documents|ids?|green card|visa|card))|se (?:lo|la) quedaron|(?:lo|la) dejaron (?:adentro|detenid[oa]))\b"
    # the keeping told first: "a mi hijo lo dejaron en el krome cuando fue a la cita de ICE el martes"
    r"|\b(?:(?:lo|la) (?:dejaron|detuvieron|agarraron)|(?:kept|detained|took|arrested) (?:him|her))\b[^.?!]{0,60}?\b(?:cuando|when)\s+"
    r"(?:fue|iba|went|was going|se present[oó]|showed up)\s+(?:a|to|for)\s+(?:la |su |his |her |the )?(?:ice )?(?:cita|firma|firmar|check[- ]?in|appointment)\b"
    # "they kept my dad at his ICE check in this morning", "lo dejaron detenido en su cita"
    r"|\b(?:kept|detained|arrested|took|held)\s+(?:him|her|them|my \w+)\s+(?:at|in|during)\s+(?:his|her|their|my|the)\s+(?:ice\s+)?"
    r"(?:check[- ]?in|appointment|appt|interview)\b"
    r"|\b(?:lo|la|los) (?:dejaron|detuvieron|agarraron|volvieron a detener|volvieron a agarrar)(?: detenid[oa]s?)? en (?:su|la) (?:cita|firma|entrevista|check[- ]?in)\b",
    re.IGNORECASE)


#: The visitor's own check-in or court: "mi cita con migracion", "my court date".
_OWN_APPOINTMENT = re.compile(
    r"\b(?:my|mi)\s+(?:cita|appointment|appt|check[- ]?in|court|corte|audiencia|hearing|reporte)\b"
    # "tomorrow i have cita en migracion at 8am", "tengo cita con ICE el lunes"
    r"|\b(?:i have|i got|tengo|tenemos)\s+(?:a |an |una |my |mi )?(?:cita|appointment|appt|check[- ]?in)\s+(?:en|con|with|at|a|de)\s+"
    r"(?:la\s+)?(?:migraci[oó]n|inmigraci[oó]n|ice|immigration|la migra|migra)\b"
    # or a relative's, named with it: "my husbands ICE check in is the day after tomorrow"
    r"|\bmy\s+(?:husband|wife|son|daughter|dad|father|mom|mother|brother|sister|partner|boyfriend|girlfriend|fianc[eé]e?)'?s\s+"
    r"(?:ice\s+|immigration\s+)?(?:appointment|appt|check[- ]?in|court|hearing)\b"
    # "my husband tiene su cita con ICE en 3 semanas", "he has his appointment with immigration"
    r"|\b(?:tiene|tienen|has|have)\s+(?:su|sus|his|her|their|a|an|una)\s+(?:cita|appointment|appt|check[- ]?in)\s+(?:en|con|with|at|a)\s+"
    # ("tiene su cita con el oficial de ICE mañana")
    r"(?:la\s+|(?:el|la|su|mi) oficial de (?:la\s+)?|(?:the|his|her|my) (?:ice )?officer (?:at|from|of)\s+)?(?:migraci[oó]n|inmigraci[oó]n|ice|immigration|la migra|migra)\b"
    # "my son has his ice check in next tuesday"
    r"|\b(?:has|have)\s+(?:his|her|their|an?)\s+(?:ice|immigration)\s+(?:check[- ]?in|appointment|appt)\b"
    # signing in, said of oneself: "I have to go sign at the ICE office tomorrow", "tengo que ir a firmar a migración"
    r"|\b(?:i|we) (?:have to|need to|gotta|got to|must) (?:go )?sign (?:in )?(?:at|with) (?:the )?(?:ice|immigration)\b"
    r"|\b(?:tengo|tenemos) que (?:ir a )?firmar (?:a|en|con) (?:la )?(?:migraci[oó]n|inmigraci[oó]n|ice|migra|oficina de (?:ice|migraci[oó]n|inmigraci[oó]n))\b",
    re.IGNORECASE)


#: A letter or call telling someone to report to ICE: "una carta que dice report y ERO ... se tiene que presentar".
_TOLD_TO_REPORT = re.compile(
    r"\b(?:letter|carta|notice|aviso|papel)\b[^.?!]{0,80}?\b(?:report(?:ing)?|presentar\w*|presente|ero)\b"
    r"[^.?!]{0,80}?\b(?:ice|ero|inmigraci[oó]n|immigration|migraci[oó]n|la migra|federal building|edificio federal)\b"
    # the agency first: "a letter from ice saying she has to report to the office next wednesday"
    r"|\b(?:letter|carta|notice|aviso|papel)\b[^.?!]{0,20}?\b(?:from|de)\s+(?:ice|la migra|migraci[oó]n|inmigraci[oó]n|immigration|ero)\b"
    r"[^.?!]{0,60}?\b(?:report(?:ing)?|presentar\w*|presente|come in|come to the office)\b"
    # a call: "an officer called me saying he is from ICE and i need to come in next thursday"
    r"|\b(?:called|call|llam[oó]|llamaron)\b[^.?!]{0,60}?\b(?:ice|immigration|inmigraci[oó]n|migraci[oó]n|la migra)\b[^.?!]{0,60}?"
    r"\b(?:come in|come to (?:the|their) office|report|presentar\w*|presente|ir a la oficina)\b",
    re.IGNORECASE)
#: The visitor's own reporting to ICE, a check-in in other words: "i report to ICE every 3 months", "me tengo que reportar con migración".
_REPORTS_TO_ICE = re.compile(
    r"\b(?:i|we|he|she|they|i have to|i need to|i still|have to|has to|must)\s+(?:still\s+)?report(?:s|ing)?\s+(?:back\s+|in\s+)?to\s+(?:ice|immigration|ero)\b"
    r"|\b(?:me|nos|se)\s+(?:tengo que |tiene que |tenemos que )?report(?:o|a|amos|ar)\s+(?:\w+\s+){0,2}?(?:con|a|en)\s+(?:la\s+)?(?:migra|migraci[oó]n|inmigraci[oó]n|ice)\b"
    r"|\b(?:tengo|tiene|tenemos) que (?:reportarme|reportarse|reportarnos)\s+(?:con|a|en)\s+(?:la\s+)?(?:migra|migraci[oó]n|inmigraci[oó]n|ice)\b"
    # "mi esposa se tiene que presentar con inmigracion el lunes en la oficina de santa ana"
    r"|\b(?:me|se|nos) (?:tengo|tiene|tenemos) que presentar\s+(?:con|a|en|ante)\s+(?:la\s+)?(?:migra|migraci[oó]n|inmigraci[oó]n|ice)\b"
    r"|\b(?:tengo|tiene|tenemos) que presentar(?:me|se|nos)\s+(?:con|a|en|ante)\s+(?:la\s+)?(?:migra|migraci[oó]n|inmigraci[oó]n|ice)\b",
    re.IGNORECASE)
#: The authorities of a removal case: ICE, immigration court.
#: A translation or a notary's task asked of the firm: "do you guys translate documents?", "¿ustedes traducen actas?" (not one the
#: visitor needs for a case: "i need to translate my documents for the I-130").
_TASK_ASKED = re.compile(r"\b(?:do you|can you|could you|do y'?all|hacen|pueden|ustedes)\b[^.?!]{0,20}\b(?:translat\w*|traduc\w*"
                                # a notary's task: "can you notarize a power of attorney for my mom in mexico?"
                                r"|notari[sz]\w*|notarizar|notariar|poder notarial|power of attorney)\b",
                                re.IGNORECASE)
_BEFORE_ICE_OR_COURT = re.compile(r"\b(?:ice|la migra|migra|immigration court|corte de inmigraci[oó]n|check[- ]?in|deportaci[oó]n|deportation)\b",
                                  re.IGNORECASE)


def keeping_told(text: str | None) -> bool:
    """Whether a message tells of anyone kept at an immigration appointment, the visitor's own or another's."""
    return bool(_KEPT_AT_APPOINTMENT.search(text or ""))


def kept_at_appointment(text: str | None) -> bool:
    """Whether a message tells of someone kept at an immigration appointment: a detention (not a
    friend's, told as the reason to fear the visitor's own: "my friend went to hers and never came out")."""
    found = _KEPT_AT_APPOINTMENT.search(text or "")
    if found is None:
        return False
    # (the words just before say whose: "es que a un primo lo dejaron adentro cuando fue a firmar" is told as the reason
    # to fear the visitor's own check-in)
    told = (text or "")[max(0, found.start() - _WHOSE_REACH):found.end()]
    let_go = RELEASED.search((text or "")[found.end():])
    if let_go and not _HABITUAL.search((text or "")[found.end():found.end() + let_go.start()][-40:]):
        # "they kept him all day ... but they let him go yesterday night": kept, then let go (not "every year they let
        # him go", the other times)
        return False
    # (a consulate abroad keeps passports, not people in ICE custody)
    return not _SOMEONE_ELSES.search(told) and not _SOMEONE_TOLD_OF.search(told) and not _CONSULATE.search(found.group(0))


_WHOSE_REACH = 30
#: What happened every time before: "every year", "siempre", "always".
_HABITUAL = re.compile(r"\b(?:every|always|siempre|cada|usually|normally|each time|all the other times)\b", re.IGNORECASE)
#: Someone told of as an example, not the visitor's own: "a un primo", "a guy i know", "someone from church".
#: Someone told of by a loose word (as a regular expression): "a un primo", "a guy", "someone".
TOLD_OF = (r"(?:a|an|un|una|some)\s+(?:cousin|primo|prima|conocid[oa]|guy|lady|man|woman|se[nñ]or|se[nñ]ora|tipo|muchach[oa]|chav[oa])"
           r"|someone|somebody|alguien")
_SOMEONE_TOLD_OF = re.compile(r"\b(?:" + TOLD_OF + r"|people|gente)\b", re.IGNORECASE)


_CONSULATE = re.compile(r"\b(?:consulate|embassy|consulado|embajada)\b", re.IGNORECASE)


#: People whose own case is not the visitor's: a friend, a coworker, a neighbour (as a regular expression).
NOT_FAMILY = r"(?:friend|coworker|co-worker|neighbou?r|roommate|buddy|homie|amig[oa]|vecin[oa]|compa[nñ]er[oa]|pana|parcer[oa]|cuat[ea])s?"
#: A friend's taking told in its own clause: "a un pana mio lo dejaron detenido en su firma la semana pasada".
_FRIENDS_CLAUSE = re.compile(r"\b(?:" + NOT_FAMILY + "|" + TOLD_OF + r")\b[^.,;]{0,80}", re.IGNORECASE)
#: Someone's taking told as the example of what is feared: "a mi primo lo detuvieron así", "my cousin got taken that way".
_TAKEN_LIKE_THAT = re.compile(r"[^.,;]*\b(?:detuvieron|agarraron|arrestaron|llevaron|took|taken|detained|arrested|picked up)\b[^.,;]{0,20}?"
                              r"\b(?:as[ií]|igualito|de la misma (?:forma|manera)|like that|that way|the same way)\b[^.,;]*", re.IGNORECASE)
_SOMEONE_ELSES = re.compile(r"\b" + NOT_FAMILY + r"\b", re.IGNORECASE)


def scam_call(text: str | None) -> bool:
    """A call or message demanding money in the authorities' name ("someone called my mom saying her
    son was detained and she has to send $2000 bail by western union today. is this a scam"): a
    scam to report, not a detention or a removal."""
    t = text or ""
    return bool(_PAYMENT_DEMANDED.search(t) and _CLAIMED.search(t))


#: A visa for victims asked about: "una visa para mujeres que sufren maltrato", "a U visa", "VAWA".
_VICTIM_VISA = re.compile(r"\b(?:[ut][ -]?visa|visa [ut]|vawa|" + VICTIM_VISA_WORDS + r")\b", re.IGNORECASE)
#: Said not to be held: "el no esta detenido pero no tiene abogado", "she is not detained", "he's not in detention".
NOT_HELD_SAID = re.compile(
    r"\b(?:no|not|isn'?t|is not|ain'?t|never been|nunca ha sido|no ha sido)\s+(?:est[aá]\s+|esta\s+)?(?:detenid[oa]s?|detained|in detention|en detenci[oó]n|arrested|in custody)\b"
    r"|\b(?:he|she|they|el|ella)\s+(?:is|are|'s|esta|está|estan|están)\s+(?:not|no)\s+(?:detained|in detention|detenid[oa]s?|in custody|locked up)\b",
    re.IGNORECASE)
#: Held once before, not now: "ya lo detuvieron una vez", "they detained him once before".
_HELD_BEFORE = re.compile(
    r"\b(?:ya )?(?:lo|la|me|los) (?:detuvieron|agarraron|arrestaron) (?:una vez|antes|otra vez antes|hace (?:\w+ )?a[nñ]os)\b"
    r"|\b(?:was|got|been|were) (?:detained|arrested|picked up) (?:once|before|in the past|years ago)\b", re.IGNORECASE)
#: A child's custody, family court: "i want full custody", "la custodia de mi hija".
_CUSTODY = re.compile(r"\b(?:full |sole |joint |shared )?custody (?:of|for) (?:my|our|the|his|her)\b|\b(?:full|sole|joint|shared) custody\b"
                      r"|\bcustodia (?:de|completa|total|compartida)\b", re.IGNORECASE)
#: Naturalisation denied, with its own hearing (N-336): "my citizenship got denied ... 30 days to request a hearing".
_CITIZENSHIP_DENIED = re.compile(
    r"\b(?:citizenship|naturali[sz]ation|n-?400)(?: application)? (?:was |got |has been |is )?(?:denied|rejected)\b"
    r"|\b(?:denied|rejected) (?:my |his |her )?(?:citizenship|naturali[sz]ation|n-?400)\b"
    r"|\b(?:me|le|nos) (?:negaron|rechazaron) (?:la |mi |su )?(?:ciudadan[ií]a|naturalizaci[oó]n|n-?400)\b"
    r"|\b(?:ciudadan[ií]a|naturalizaci[oó]n|n-?400) (?:me |le )?(?:la |lo )?(?:negaron|rechazaron|fue negada|fue rechazada)\b", re.IGNORECASE)
#: A "bag and baggage" letter: told to report with one's luggage, for removal.
_BAG_LETTER = re.compile(
    r"\bbag\s*(?:and|&|n)\s*baggage\b"
    r"|\b(?:report|show up|come|presentar\w*|presente|reportar\w*)\b[^.?!]{0,40}?\b(?:with|con)\s+(?:your|my|his|her|their|all (?:your|my|his|her) |su |sus |mi |mis |una |one |a |the )?"
    r"\s*(?:bags?|luggage|suitcases?|maletas?|equipaje)\b", re.IGNORECASE)


def bag_letter(text: str | None) -> bool:
    """Whether a message tells of being told to report with luggage ("bag and baggage"): a removal carried out soon."""
    return bool(_BAG_LETTER.search(text or ""))


#: Refused or turned back at the border or a port of entry, nobody held: "i got refused at the border crossing".
_REFUSED_ENTRY = re.compile(
    r"\b(?:refused|denied|turned (?:me |us |him |her )?(?:away|back)|sent (?:me |us |him |her )?back)\b[^.?!]{0,30}?\b(?:at the|at a|in the|entry|border|crossing|port|airport)\b"
    r"|\b(?:no me dejaron (?:entrar|pasar|cruzar)|me (?:negaron|rechazaron) la entrada|me regresaron en la (?:frontera|garita|linea))\b",
    re.IGNORECASE)


#: An employer's check of a worker's papers: a Social Security no-match, E-Verify, an I-9 redone.
_WORK_RECORDS_CHECK = re.compile(
    r"\b(?:social security|seguro social|ssn|social)\b[^.?!]{0,25}\b(?:does ?n[o']?t|doesnt|did ?n[o']?t|not|no) (?:match|coincide)"
    r"|\bno[\s-]?match (?:letter|notice)\b|\be[\s-]?verify\b|\btentative non-?confirmation\b|\b(?:redo|new|fill (?:out )?(?:a )?new) i-?9\b"
    r"|\b(?:boss|employer|jefe|patr[oó]n|hr|recursos humanos)\b[^.?!]{0,40}\bi-?9\b"
    # "mi patrón dice que le llegó una auditoría de inmigración y que tengo 10 días para traerle papeles buenos"
    r"|\b(?:boss|employer|jefe|patr[oó]n|company|compa[nñ][ií]a|empresa)\b[^.?!]{0,40}\b(?:audit|auditor[ií]a|inspection|inspecci[oó]n)\b",
    re.IGNORECASE)


#: The visitor released with a paper after an arrest: a removal case begun ("me soltaron ... con un papel").
_RELEASED_WITH_A_PAPER = re.compile(
    r"\b(?:me|nos) (?:soltaron|dejaron salir|dejaron ir)\b[^.?!]{0,40}?\bcon (?:un|unos|el|los|una) (?:papel(?:es)?|carta|hoja|citatorio)\b"
    r"|\b(?:released|let) (?:me|us)(?: go| out)?\b[^.?!]{0,40}?\bwith (?:a|some|the|an) (?:paper|papers|notice|letter|nta|court date)\b",
    re.IGNORECASE)
#: The arrest just now, not long past: "me paró ICE manejando hace rato ... me dejaron ir con un papel"
#: is agents met today (what the paper is comes later).
_JUST_NOW = re.compile(r"\b(?:hace (?:un )?(?:rato|ratito|poco)|hace (?:una|unas|\d+|dos|tres) horas?|hoy|ahorita|esta ma[nñ]ana|esta tarde"
                       r"|just|today|this morning|this afternoon|an hour ago|hours ago|ya se fueron)\b", re.IGNORECASE)
#: A paper from ICE: "una carta de ICE", "a letter from immigration", "ICE sent her a letter".
_PAPER_FROM_ICE = re.compile(r"\b(?:carta|letter|papel|paper|notice|aviso|notificaci[oó]n)s? (?:de|from|del) (?:la )?(?:ice|migra|migraci[oó]n|inmigraci[oó]n|immigration)\b"
                             r"|\b(?:ice|la migra|immigration) (?:sent|mand[oó]|envi[oó]) (?:me |her |him |us |them |le |les |nos )?(?:a |an |una |un )?(?:letter|carta|paper|papel|notice)\b",
                             re.IGNORECASE)
#: Court as a crime victim's witness, not the visitor's removal case: "went to court as a witness", "fui de testigo a la corte".
_AS_A_WITNESS = re.compile(r"\b(?:went to|go to|had to go to|fui a|fui de testigo a)\s+(?:the\s+|la\s+)?(?:court|corte)\s+(?:as a witness|de testigo|a testificar|to testify)"
                           r"|\b(?:testify|testified|testifique|testific\w*)\s+(?:in|at|en)\s+(?:the\s+|la\s+)?(?:court|corte)\b", re.IGNORECASE)
#: An employer's check named (an audit read as agents at work is still the employer's check).
_AUDIT = re.compile(r"\b(?:audit|auditor[ií]a|inspection|inspecci[oó]n|i-?9|e[\s-]?verify|no[\s-]?match)\b", re.IGNORECASE)
#: Things taken from the visitor, not a person: "they took my papers", "me quitaron el pasaporte".
_THINGS_TAKEN = re.compile(r"\b(?:took|taken|take|quitaron|quit[oó]|agarraron|tienen|has|kept|keeps)\s+(?:away\s+)?(?:my|our|mis|mi|los|el|la|las|nuestros?)\s+"
                           r"(?:papers|papeles|passports?|pasaportes?|documents|documentos|ids?|identificaci[oó]n|cards?|tarjetas?|mica)\b",
                           re.IGNORECASE)
#: The immigration agencies and their work, as visitors name them, Mexico's INM too (one list: ``flow`` uses it too).
AGENCY_WORDS = r"ice|inm|migra|immigration|inmigraci[oó]n|migraci[oó]n|cbp|border patrol|patrulla fronteriza|deport\w*"
_AGENCY_SAID = re.compile(rf"\b(?:{AGENCY_WORDS})\b", re.IGNORECASE)
#: An agency named and nothing else: "ICE", "la migra".
_AGENCY_ALONE = re.compile(r"^\W*(?:ice|la migra|migra|cbp|inm|border patrol|patrulla fronteriza)\W*$", re.IGNORECASE)
#: The agencies that hold people (not "inmigración", which is USCIS as often): "ICE picked her up".
_AGENTS_SAID = re.compile(r"\b(?:ice|inm|la migra|migra|cbp|border patrol|patrulla fronteriza)\b", re.IGNORECASE)
#: Words of someone held: "detenido", "detained", "custody", "jail".
_HELD_WORDS = re.compile(r"\b(?:detenid[oa]s?|detained|detention|detenci[oó]n|custody|custodia|jail|c[aá]rcel|corral[oó]n|ice has|la migra tiene)\b",
                         re.IGNORECASE)


#: An I-9 inspection notice: "una carta de ICE de I-9 inspection", "notice of inspection".
_I9_NOTICE = re.compile(r"\bi-?9\b[^.?!]{0,30}\b(?:inspection|inspecci[oó]n|audit|auditor[ií]a|notice|aviso)\b"
                        r"|\b(?:inspection|inspecci[oó]n|audit|auditor[ií]a|notice|aviso)\b[^.?!]{0,30}\bi-?9\b|\bnotice of inspection\b", re.IGNORECASE)
_A_COURT = re.compile(r"\b(?:corte|court|audiencia|hearing|juez|judge|orden|order)\b", re.IGNORECASE)
#: Someone put in the agents' car: "they have him in the back of their car", "lo subieron a la patrulla".
_IN_THEIR_CAR = re.compile(
    r"\b(?:have|got|put|putting|has|tienen|subieron|metieron|treparon)\s+(?:him|her|them|my \w+|lo|la|los|las|a mi \w+)?\s*"
    r"(?:in(?:to)?|en|a)\s+(?:the\s+back\s+of\s+)?(?:their|the|a|la|el|su|una)\s+(?:car|truck|van|suv|patrulla|camioneta|carro|troca|van)\b",
    re.IGNORECASE)


def held_in_their_car(text: str | None) -> bool:
    """Whether a message tells someone put in the agents' car, agents named ("ICE ... they have him in the
    back of their car"): a detention under way."""
    return bool(_IN_THEIR_CAR.search(text or "")) and bool(_AGENCY_SAID.search(text or ""))


def settle(value: str | None, ranking: Optional[Ranking], text: str | None) -> str | None:
    """The situation a first reading (``value``, from the intent) settles on: None for a vague
    plea; "other" replaced by a category just below it; a detention only feared as a risk of
    the visitor's own question, a detention at school, or a biometrics appointment read as a
    hearing replaced by the next category; any other the nets chose stands."""
    if _AGENCY_ALONE.match(text or ""):
        return None  # "ICE": a detention, a raid or a case; what is happening is asked
    if value is not None and scam_call(text):
        return "other"
    if value not in (None, "detention") and missing(text) and not program_named(text) and not _COURT_TOLD.search(text or ""):
        # "tengo miedo, my husband didnt come home anoche y no contesta": feared taken by ICE; held until said otherwise
        return "detention"
    if value == "family" and _EMPLOYER_SPONSORS.search(text or ""):
        return "employment"  # "tengo un restaurante ... quiero hacerle el sponsor a mi cocinero para su green card"
    if value == "family" and _PAROLE_PROGRAM.search(text or ""):
        return "humanitarian"  # "my brother in ukraine wants to come through u4u, can i sponsor him?": a parole program
    if value == "family" and juvenile_path(text):
        return "humanitarian"  # "mi sobrino de 15 años vino solo de guatemala ... arreglar papeles": a child's own path (SIJS)
    if value not in (None, "detention") and kept_at_appointment(text):
        return "detention"  # "fue a su cita en la oficina de inmigración y nunca salió"
    if value not in (None, "detention") and facilities.held_at(text or "") and not over_detention(text) \
            and not RELEASED.search(text or ""):
        return "detention"  # "my mom is in karnes for 2 months already, she asked for asylum at the border"
    if value == "enforcement" and _AUDIT.search(text or "") and not (_TAKEN.search(text or "") or STILL_HELD.search(text or "")
                                                                   or _AGENCY_SAID.search(text or "")):
        # "en la empacadora hubo una auditoria de papeles hace 2 meses ... corrieron a varios": the employer's check, no agency
        return "employment"
    if value == "enforcement" and _I9_NOTICE.search(text or "") and not (_TAKEN.search(text or "") or STILL_HELD.search(text or "")):
        return "employment"  # "le llego al owner una carta de ICE de I-9 inspection": the employer's papers, no agents at hand
    if value == "removal" and _OWN_DEPORTATION.search(text or "") and taken_lately(_OWN_DEPORTATION.sub(" ", text or "")) \
            and not RELEASED.search(text or ""):
        # "i was deported to guatemala 2 months ago and now my little brother got taken too, hes in georgia": he is held
        return "detention"
    if value == "removal" and _GREEN_CARD_STEP.search(text or "") and not _BEFORE_ICE_OR_COURT.search(text or "") \
            and not _A_COURT.search(text or ""):
        # "tengo cita en USCIS para la residencia en un mes y tengo miedo que me agarren ahi": the green card case,
        # the fear of being taken at it a worry (no court, no ICE)
        return "family"
    if value in ("enforcement", "other", "removal") and held_in_their_car(text):
        return "detention"  # "ICE stopped my husband ... right now, they have him in the back of their car"
    if value == "other" and taken_lately(text) and not _TAKING_FEARED.search(text or "") and not program_named(text):
        return "detention"  # "a mis vecinos se los llevó inmigración ayer a los dos", read as much "other" as a detention
    if value == "employment" and taken_lately(text) and _AGENTS_SAID.search(text or "") and not _TAKING_FEARED.search(text or "") \
            and not _AUDIT.search(text or "") and not _WORK_RECORDS_CHECK.search(text or ""):
        # "soy contractor y uno de mis workers se lo llevo ICE del jobsite esta mañana, quiero ayudarlo", "one of our engineers
        # on an H-1B was detained by CBP at JFK this morning": the employer asks for someone held
        return "detention"
    if value == "citizenship" and back_after_deportation(text) and not _CITIZENSHIP_AIM.search(text or ""):
        return "family"  # "a mi papa ... lo deportaron, now I'm 21 y soy citizen, puedo pedirlo?": the citizen petitions
    if value == "humanitarian" and _MARRIED_TO_A_CITIZEN.search(text or "") and not _OPEN_CASE.search(text or ""):
        return "family"  # "tengo TPS y me casé con un ciudadano, ¿puedo sacar la residencia por él?": through the marriage
    if value in ("other", "humanitarian", "citizenship") and petition_for_relative(text) and not program_named(text):
        return "family"  # "mi esposo es ciudadano y me va a pedir", read as much humanitarian as family
    if value == "enforcement" and _RELATIVES_PAPERS.search(text or "") and not (_AGENTS_SAID.search(text or "") or _TAKEN.search(text or "")):
        # "tengo que contestar una evidencia que me pidió inmigración para la residencia por casamiento": USCIS, no agents
        return "family"
    if value == "detention" and _THINGS_TAKEN.search(text or "") and not (_TAKEN.search(_THINGS_TAKEN.sub(" ", text or ""))
                                                                          or STILL_HELD.search(text or "") or _HELD_WORDS.search(text or "")
                                                                          or _AGENCY_SAID.search(text or "")):
        # "they took my papers", "me quitaron el pasaporte": things taken, nobody held
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "enforcement") else "other"
    if value == "detention" and petition_for_relative(text) and not (_TAKEN.search(text or "") or STILL_HELD.search(text or "")
                                                                     or _HELD_WORDS.search(text or "") or _AGENTS_SAID.search(text or "")):
        return "family"  # "dice que la petición que hice para mi mamá fue aprobada": nobody held
    if value == "other" and _OWN_APPOINTMENT.search(text or "") and _BEFORE_ICE_OR_COURT.search(text or "") \
            and not biometrics_only(text) and not scam_call(text):
        return "removal"  # "me llamo ICE pa cambiar mi cita pa febrero": the visitor's own check-in
    if value == "family" and _OWN_APPOINTMENT.search(text or "") and _BEFORE_ICE_OR_COURT.search(text or "") \
            and not petition_for_relative(text) and not biometrics_only(text):
        return "removal"  # "My check-in is in fifteen days. Should I bring my kids birth certificates?": the check-in
    if value is not None and value != "other" and job_at_the_firm(text):
        return "other"  # "vi que buscan asistente legal bilingüe, quiero aplicar, tengo DACA": a job at the firm
    if value is not None and value != "other" and _TASK_ASKED.search(text or "") and not scam_call(text):
        return "other"  # "do you guys translate documents? necesito traducir mi acta ... for my marriage case"
    if value in ("other", "enforcement") and _REPORTS_TO_ICE.search(text or "") and not scam_call(text):
        return "removal"  # "i report to ICE and i want to know if i can stop doing it": the visitor's own check-ins
    if value == "removal" and work_visa_named(text) and not (_OPEN_CASE.search(text or "") or _DEPORTED.search(text or "")
                                                             or _REMOVAL_CASE.search(text or "")):
        return "employment"  # "got laid off from my H-1B job last week, how long do i have ... before i have to leave"
    if ((value == "employment" and not work_visa_named(text) and not _AUDIT.search(text or "") and not _PERMIT_WORDS.search(text or ""))
            or (value == "family" and not petition_for_relative(text) and not _RELATIVES_PAPERS.search(text or ""))) \
            and travel_question(text):
        return "other"  # "trabajo en una lechería ... mi mamá está enferma en chiapas, si voy a verla ¿puedo regresar?": a trip
    if value == "removal" and program_named(text) and not _REMOVAL_CASE.search(_AS_A_WITNESS.sub(" ", text or "")):
        return "humanitarian"  # "went to court as a witness ... the detective signed the form for the U visa": the victim's visa
    if value == "employment" and _VICTIM_VISA.search(text or "") and not work_visa_named(text) and not _PERMIT_WORDS.search(text or ""):
        return "humanitarian"  # "quiero saber si hay una visa para mujeres que sufren maltrato": a U visa or VAWA, no job
    if (value in ("other", "removal") or (value == "enforcement" and _AUDIT.search(text or ""))) \
            and _WORK_RECORDS_CHECK.search(text or "") and not scam_call(text):
        # "my boss says my social security doesnt match and i need to bring him something": the employer's check
        return "employment"
    if value == "enforcement" and _RELEASED_WITH_A_PAPER.search(text or "") and not _JUST_NOW.search(text or "") and not scam_call(text):
        # "me arrestaron y me soltaron el mismo día con un papel, nunca me llegó nada más": a case begun (an NTA)
        return "removal"
    if value == "enforcement" and _WHERE_TAKEN_ASKED.search(text or "") and _TAKEN.search(text or "") and not RELEASED.search(text or ""):
        return "detention"  # "took 2 of my coworkers ... how do we find where they took them": people held, to be found
    if value == "enforcement" and _OUR_WORKERS_TAKEN.search(text or "") and taken_lately(text) and not RELEASED.search(text or "") \
            and not _TAKING_FEARED.search(text or "") and not FOR_THEMSELF.search(text or ""):
        # "Two of our workers were taken by ICE from their trailer this morning ... their families are asking me what to
        # do": the employer acts for people held
        return "detention"
    if value == "enforcement" and _TAKEN.search(text or "") and STILL_HELD.search(text or "") and not RELEASED.search(text or "") \
            and not _TAKING_FEARED.search(text or "") and not scam_call(text):
        return "detention"  # "my dad was picked up in the raid at the chicken plant 3 weeks ago and we still cant get him out"
    if value == "enforcement" and _ONE_TAKEN.search(text or "") and LATELY.search(text or "") and not RELEASED.search(text or "") \
            and not _TAKING_FEARED.search(text or "") and not scam_call(text):
        # "esta mañana se llevaron al esposo de mi vecina aqui afuera del edificio, ya se fueron los agentes": he is held
        return "detention"
    if value == "enforcement" and held_in_a_jail(text) and not scam_call(text):
        return "detention"  # "my girlfriend is in the york county prison in PA for ICE": held, not agents around
    if value in ("other", "enforcement") and _BAG_LETTER.search(text or "") and not scam_call(text):
        return "removal"  # "a letter saying to report with your bags": a removal carried out soon
    if value in ("removal", "detention", "other") and _CITIZENSHIP_DENIED.search(text or "") and not _AGENCY_TOOK.search(text or ""):
        return "citizenship"  # "my citizenship got denied ... 30 days to request a hearing": the naturalisation's own hearing
    if value == "detention" and _CUSTODY.search(text or "") and not (_AGENCY_TOOK.search(text or "") or STILL_HELD.search(text or "")):
        return "other"  # "my ex has my daughter ... i want full custody": family court, not an immigration matter
    if value == "detention" and NOT_HELD_SAID.search(text or "") and not _AGENCY_TOOK.search(text or ""):
        # "mi papa tiene court mañana ..., el no esta detenido pero no tiene abogado": said not to be held
        following = _next_reading(ranking, "detention", text)
        return "removal" if _COURT_TOLD.search(text or "") or following in (None, "other") else following
    if value == "detention" and _REFUSED_ENTRY.search(text or "") and not (_TAKEN.search(text or "") or STILL_HELD.search(text or "")):
        return "other"  # "i got refused at the border crossing in blaine last week, can i still visit": nobody held
    if value == "humanitarian" and _TOLD_TO_REPORT.search(text or "") and _AN_ORDER.search(text or "") and not scam_call(text):
        # "my mom got a letter from ice saying she has to report ... she has an order from years ago. im on daca myself":
        # the order and the report are the matter, the visitor's own DACA an aside
        return "removal"
    if value in ("other", "enforcement") and _TOLD_TO_REPORT.search(text or "") and not scam_call(text) \
            and not (_TAKEN.search(text or "") or STILL_HELD.search(text or "")):
        # "le llegó una carta que dice report y ERO, que se tiene que presentar el miércoles": told to report to ICE
        return "removal"
    if value == "detention" and _OWN_APPOINTMENT.search(text or "") \
            and not _TAKEN.search(_TAKEN_LIKE_THAT.sub(" ", _FRIENDS_CLAUSE.sub(" ", _HELD_BEFORE.sub(" ", text or "")))) \
            and not kept_at_appointment(text):
        # "mi cita con migracion es despues de las fiestas": the visitor's own check-in, nobody held
        # (people detained at check-ins, feared: still the visitor's case, not agents around)
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "other", "enforcement") else "removal"
    read = from_ranking(ranking, text) if ranking else value
    if read is None:
        return None
    if read == "enforcement" and _AMONG_THE_TAKEN.search(text or "") and not RELEASED.search(text or "") \
            and not (_MONTHS_AGO.search(text or "") or _YEARS_AGO.search(text or "")):
        return "detention"  # "they left with like 12 people and my dad was one of them": he is held
    value = read if value == "other" else value
    if value == "detention" and _DETENTION_ASKED.search(text or "") and not _TAKEN.search(_DETENTION_ASKED.sub(" ", text or "")):
        following = _next_reading(ranking, "detention", text) or value
        if following in ("other", "humanitarian", "citizenship") and petition_for_relative(text) and not program_named(text):
            return "family"  # "if i go to my green card interview they can arrest me? my husband is a citizen"
        return following
    if value == "detention" and _PAPER_FROM_ICE.search(text or "") and not _TAKEN.search(text or "") and not STILL_HELD.search(text or "") \
            and not _HELD_WORDS.search(text or ""):
        # "mi mama tiene una carta de ICE y no entiende que es": a letter, nobody held
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "other", "enforcement") else "removal"
    if value == "detention" and _A_PROBLEM.search(text or "") and not _TAKEN.search(text or ""):
        # "my husband has an immigration problem": a problem, not yet a detention; what it is is asked
        following = _next_reading(ranking, "detention", text)
        return None if following in (None, "other") else following
    if value == "detention" and _TAKING_FEARED.search(text or "") and not _TAKEN.search(text or "") and not STILL_HELD.search(text or "") \
            and _COURT_TOLD.search(text or "") and not RELEASED.search(text or ""):
        # "su papá tiene corte en 5 meses y ellos creen que se lo van a llevar mañana": a case, nobody held
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "other") else "removal"
    if value == "detention" and _COURT_TOLD.search(text or "") and not (
            _TAKEN.search(text or "") or _TAKEN_LATELY.search(text or "") or STILL_HELD.search(text or "")
            or _HELD_SOMEWHERE.search(text or "") or facilities.facility_in(text or "") or kept_at_appointment(text)):
        # "my son is 17 and lives with his uncle in Houston. his court is in 10 days": a case, nobody held
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "other") else "removal"
    if value == "detention" and _YEARS_AGO.search(text or "") and not STILL_HELD.search(text or ""):
        # "my old roommate got detained like 2 years ago and ICE might have my address": over long ago;
        # what is feared of ICE now, unless a case or another matter is read next
        following = _next_reading(ranking, "detention", text)
        return following if following not in (None, "other", "removal") or _COURT_TOLD.search(text or "") else "enforcement"
    if value == "detention" and released_into_a_case(text):
        # "lo soltaron ayer con un papel pa presentarse a la corte": the case goes on, nobody held
        following = _next_reading(ranking, "detention", text)
        return following if following in ("humanitarian", "family") and not _OPEN_CASE.search(text or "") else "removal"
    if value == "detention" and over_detention(text):
        # the matter is what the visitor asks about now
        if _CITIZENSHIP_AIM.search(text or ""):
            return "citizenship"
        return _next_reading(ranking, "detention", text) or value
    if value == "detention" and NO_HOLD.search(text or "") and not _AGENCY_TOOK.search(text or ""):
        # "hes in the county jail for a fight ... the jail says no immigration hold": held, not by immigration
        return _next_reading(ranking, "detention", text) or "other"
    if value is not None and only_seems(value, text):
        following = _next_reading(ranking, value, text)
        if following == "other" and works_there(text):
            return None  # the job says nothing of the matter: "What's happening?" is asked
        return following or "other"
    return value


#: Asking for a job at the firm itself: "estan contratando? soy interprete", "are you hiring paralegals".
_JOB_HERE = re.compile(
    r"\b(?:are you|r u|are u|you guys|y'?all|is (?:the|your) (?:firm|office)) (?:hiring|looking for (?:staff|help|interpreters|paralegals))\b"
    r"|\best[aá]n? contratando\b|\b(?:tienen|hay) (?:vacantes|plazas|puestos)\b"
    r"|\b(?:busco|buscando|quiero|looking for|want) (?:un |una |a )?(?:trabajo|empleo|job|work|position|chamba) (?:(?:de|as an?) \w+ )?"
    r"(?:con ustedes|aqui con ustedes|en (?:su|la) (?:oficina|firma)|with you(?: guys)?|at your (?:firm|office)|in your (?:firm|office))"
    # "vi que buscan asistente legal bilingüe, quiero aplicar", "saw you're looking for a paralegal, can i apply"
    r"|\b(?:vi que |saw (?:that )?(?:you'?re |you are )?)?(?:buscan|est[aá]n buscando|looking for|hiring)\s+(?:un |una |an? )?(?:asistente|paralegal"
    r"|recepcionista|secretari[oa]|int[eé]rprete|interpreter|receptionist|legal assistant|abogad[oa])\b[^.?!]{0,40}?\b(?:aplicar|apply|contratar|hire)\b",
    re.IGNORECASE)


def job_at_the_firm(text: str | None) -> bool:
    """Whether a message asks for a job at the firm (an "other" matter, not employment immigration)."""
    return bool(_JOB_HERE.search(text or ""))


#: A program the visitor wants to act on, by its category: "quiero renovar mi TPS", "I must apply for asylum",
#: "I want to petition my mom", "want to marry my gf", "I want to apply for citizenship", "quiero hacerme ciudadano".
_PROGRAM_ACTIONS = {
    "humanitarian": re.compile(
        r"\b(?:renew\w*|renovar|renuevo|apply(?:ing)?|aplicar|pedir|solicitar|file|filing|fill\w*|llenar|sacar|tramitar|request)\s+"
        r"(?:(?:for|para|a|al|the|my|mi|el|la|an?|un|una|out|in)\s+){0,3}"
        r"(?:asylum|asilo|tps|daca|u ?visa|visa u|t ?visa|visa t|vawa|(?P<permit>work permit|permiso(?: de trabajo)?|ead|employment authorization))\b",
        re.IGNORECASE),
    "family": re.compile(
        r"\b(?:petition(?:ing)?|sponsor|pedir(?:le)?|traer)\s+(?:(?:for|a)\s+)?(?:my|mi|mis|him|her)\b|\bfile\s+(?:the\s+|an?\s+)?i-?130\b"
        # "quiero pedirla para acá", "traerlos conmigo"
        r"|\b(?:pedirl[oa]s?|traerl[oa]s?) (?:para|a) (?:ac[aá]|aqu[ií]|este pa[ií]s|(?:los )?estados unidos|usa|eeuu)\b"
        r"|\b(?:want|wants|going|plan|planning|quiero|queremos|vamos) (?:to |a )?(?:marry|get married|casar(?:me|nos))\b"
        # "tengo daca y me case con un ciudadano, ya puedo sacar la residencia?": a spouse's petition
        r"|\b(?:married|me cas[eé]|nos casamos|estoy casad[oa]|i'?m married) (?:con|to|with) (?:a |an |un |una )?(?:us |u\.s\. |american )?"
        r"(?:citizen|ciudadan[oa]|residente|green card holder)\b[^.?!]{0,60}\b(?:residencia|green ?card|papers|papeles)\b",
        re.IGNORECASE),
    "citizenship": re.compile(
        r"\b(?:apply(?:ing)? for|aplicar (?:para|a) la|hacerme|become an?|get my|sacar la|pedir la)\s+(?:us |u\.s\. )?"
        r"(?:citizenship|ciudadan[oa]|ciudadan[ií]a|citizen|naturali[sz]ation|naturalizaci[oó]n)\b|\b(?:naturalize|file (?:the |my )?n-?400)\b",
        re.IGNORECASE),
}


def program_asked(text: str | None) -> str | None:
    """The one category whose program the visitor wants to act on (renew TPS, petition a parent, apply
    for citizenship), or None when none is, or more than one."""
    found = [category for category, pattern in _PROGRAM_ACTIONS.items() if _acted_on(category, pattern, text or "")]
    return found[0] if len(found) == 1 else None


def _acted_on(category: str, pattern: "re.Pattern[str]", text: str) -> bool:
    match = pattern.search(text)
    if match is None:
        return False
    if category == "humanitarian" and match.group("permit") and not program_named(_PERMIT_WORDS.sub(" ", text)):
        return False  # ("firmo cada mes con ICE ... ¿puedo pedir permiso de trabajo?": a work permit of no program named)
    return True


_PERMIT_WORDS = re.compile(r"\b(?:ead|work permit|permiso de trabajo)\b", re.IGNORECASE)
#: Marrying or married, the visitor's own (not a petition for someone else).
_MARRYING = re.compile(r"\b(?:marry|get married|casar(?:me|nos)|married|me cas[eé]|nos casamos|casad[oa])\b", re.IGNORECASE)
#: A status that brings relatives by its own path: asylum (I-730), refugee, parole.
_OWN_PATH = re.compile(r"\b(?:asyl\w*|asilo|refugee|refugiad\w*|parole|u4u|uniting for ukraine)\b", re.IGNORECASE)


def own_path_to_relatives(text: str | None) -> bool:
    """Whether a message names a status whose relatives come by its own path (asylum, refugee, parole)."""
    return bool(_OWN_PATH.search(text or ""))


def marrying(text: str | None) -> bool:
    """Whether a message tells of the visitor's own marriage, planned or made."""
    return bool(_MARRYING.search(text or ""))


#: Words of an immigration matter, in a message a classifier may read as a greeting ("tengo corte y no hablo
#: bien ingles ni español, hablo mam").
_MATTER_IN_A_GREETING = re.compile(
    r"\b(?:deport\w*|removal|judge|juez|court|corte|audiencia|hearing|asylum|asilo|green card|daca|tps|detenid[oa]|detained"
    r"|check[- ]?in)\b", re.IGNORECASE)


def matter_beside_a_greeting(text: str | None) -> bool:
    """Whether a message read as a greeting also names an immigration matter (its matter is then read)."""
    return bool(_MATTER_IN_A_GREETING.search(text or ""))


#: The partner hurting the visitor: "él me pega cuando toma", "my husband hits me", "he threatens to have me deported",
#: "he used it to control me".
_PARTNER_HURTS = re.compile(
    r"\b(?:(?:my|mi) (?:husband|wife|spouse|esposo|esposa|marido|partner|pareja|novio|novia|boyfriend|girlfriend)|[eé]l|he|she|ella)\b"
    r"[^.?!]{0,40}?\b(?:me (?:pega|golpea|maltrata|lastima|amenaza|ahorca)|hits me|beats me|abuses me|hurts me|chokes me"
    r"|threatens (?:to|me)|(?:me )?hace deportar|(?:get|have) me deported"
    # "never filed my papers, he used it to control me": the papers held over the visitor
    r"|(?:used|uses|using) (?:it|that|them|(?:my|the) (?:papers|status|green card|case|petition)) (?:to|as a way to) control me"
    r"|me control(?:a|aba) con (?:mis|los) papeles)", re.IGNORECASE)


def abused_by_partner(text: str | None) -> bool:
    """Whether a message tells of a partner hurting or threatening the visitor (a family petition through an
    abuser is a VAWA matter: humanitarian)."""
    return bool(_PARTNER_HURTS.search(text or ""))
