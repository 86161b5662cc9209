"""A learned second reader for danger: which kind of crisis a message may be about.

``bot.safety``'s patterns are precise but only know the wordings someone wrote
down; on 100 fresh crisis messages in indirect words they found 61. This
classifier reads the same normalised text (``safety.normalize``: texting forms
expanded, accents dropped) with tf-idf words, word pairs and character n-grams,
and a logistic regression over six classes: ``none`` and the five kinds.

Trained on ``data/safety/*.yml`` (crisis messages and hard near-misses written
for it, in English, Spanish and Spanglish, as visitors type), the crisis set
written for tuning the patterns (tests/conversations/probes/crisis_tune.yml),
and every NLU example that is not ``crisis`` as an ordinary message. The
evaluation sets (tests/conversations/ dev, dev2, heldout; the crisis_check
probes) are never trained on.

Recall comes first: a message gets help when the probability that it is about
danger reaches ``THRESHOLD``, and the intake is flagged for staff from
``FLAG_THRESHOLD`` (see their comments; ``python -m bot.crisis_classifier --cv``
prints recall and false alarms per threshold).

Built by ``make`` into ``build/crisis_classifier.npz`` (arrays and JSON,
``bot/sklearn_state.py``: no pickle); ``load`` trains in memory when the file
is missing or older than its data.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

import yaml

from bot import safety, situations, sklearn_state, sparse_logistic
from bot.safety import KINDS, Crisis, normalize

if TYPE_CHECKING:  # scikit-learn and SciPy have no types: these name what is passed
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "safety"
NLU = ROOT / "data" / "nlu"
TUNE = ROOT / "tests" / "conversations" / "probes" / "crisis_tune.yml"
MODEL = ROOT / "build" / "crisis_classifier.npz"
NONE = "none"

#: Flag a message when P(some kind of danger) reaches this. Chosen on
#: 2026-12-03 with ``--cv`` (5-fold over 6,734 examples; with the patterns:
#: recall 0.900, false alarms 4.4% of ordinary and near-miss examples, where
#: the patterns alone make 3.9%) and on the dev and dev2 conversations (tuned
#: sets): at 0.3, 41 of their 3,557 ordinary messages were flagged (24 by the
#: patterns alone), and whole conversations showed what that costs: a suicide
#: line to a man asking about TPS, a friend helping a friend read as danger.
#: At 0.5, 27 (+3), while 96 of the 100 crisis_check messages are read
#: (the patterns alone read 62).
#: 2026-12-04: with 642 more blind ordinary messages (near-misses, and children mentioned with
#: no danger: data/safety/ordinary_near_miss_e.yml, ordinary_children_f.yml), 0.4 reads 97 of
#: crisis_check's 100 (as 0.5 did before the data) and all 130 of crisis_check2, and flags 72 of
#: 8,918 ordinary conversation messages (73 before); "the baby is 1 year old" was read as a child
#: in danger (0.93), now 0.10.
#: 2026-12-04 (ninth session): the help and the flag part. The help (a hotline, 911) is given from
#: 0.25: with 798 more blind child and violence messages (data/safety/crisis_child_g.yml,
#: crisis_violence_g.yml), 0.25 reads all 100 of crisis_check (0.4 reads 97) and flags 114 of 8,918
#: ordinary conversation messages (77 at 0.4). A reading below FLAG_THRESHOLD is a guess: the help
#: is given, but the intake is not flagged for staff (a false alarm costs a visitor one gentle
#: message, and should not push an ordinary intake to the top of the inbox).
THRESHOLD = 0.25
#: From here a classifier-only reading also flags the intake (``Crisis.sure``): the former single
#: threshold, so the staff inbox sees no more false alarms than before.
FLAG_THRESHOLD = 0.4
#: 2026-12-04: ... but only with a word of harm (``HARM_WORDS``), or from this probability without one.
#: Classifier-only readings from 0.4 to 0.5 with no word of harm flagged 14 ordinary conversations
#: of the tuned sets ("my son got detention at school today for fighting" 0.41, "got an NTA in the
#: mail, the date says to be set" 0.41, agents at the door, which are urgent anyway) and no crisis
#: conversation that nothing else flagged. A higher bar set aside more false flags on the tuned sets
#: (55 at 0.9) but also flags of crisis_check2 (its "flagged for staff" total, make bench-safety:
#: 1.000 at 0.5, 0.977 at 0.9), so recall first. The help is unchanged (``THRESHOLD``): such a
#: reading is a guess, given every line, not a flag for staff.
#: 2026-12-05 (nineteenth session): raised from 0.5 to 0.9. On the tuned sets' 18,822 ordinary
#: conversation messages the classifier alone flagged 136 (each an ordinary intake marked urgent and
#: sorted to the top of the inbox: "im so scared i cant breathe", a raid foretold, a lost court
#: paper), 44 at 0.9; of the 37 crisis messages of crisis_tune and crisis_check that only the
#: classifier reads, 34 are flagged either way (their readings are 0.9 and over, or have a word
#: of harm). The help is unchanged: every such reading still gets it (``THRESHOLD``). What it
#: costs on the held-out crisis sets is their "flagged for staff" total (``make bench-safety``).
SURE_WITHOUT_HARM = 0.9
#: No class weighting: "balanced" made every urgent immigration message look like danger.
C = 20.0
CLASS_WEIGHT = None


class Example(NamedTuple):
    text: str
    label: str  # one of KINDS, or NONE


class Reading(NamedTuple):
    kind: str  # the most likely kind of danger
    probability: float  # P(any danger)


# --- data ------------------------------------------------------------------------


def _labelled(path: Path) -> List[Example]:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for item in items:
        kind = item.get("crisis")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"{path.name}: unknown crisis kind {kind!r}")
        out.append(Example(str(item["text"]), kind or NONE))
    return out


def _nlu_ordinary() -> List[Example]:
    """Every NLU example except the ``crisis`` intent, as an ordinary message.

    Except those the patterns read as danger: "he hits me and says he will withdraw my
    petition" is a VAWA matter to the intent classifier and still a danger here, so it
    is not taught as ordinary (recall first)."""
    out = []
    for path in sorted(NLU.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block or block["intent"] == "crisis":
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = _strip_annotations(line[2:])
                    if safety.detect(text) is None:
                        out.append(Example(text, NONE))
    return out


def _strip_annotations(text: str) -> str:
    """"i live in [Houston](place)" -> "i live in Houston"."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2) or "", text)


def training_examples() -> List[Example]:
    examples: List[Example] = []
    for path in sorted(DATA.glob("*.yml")):
        examples += _labelled(path)
    if TUNE.exists():
        examples += _labelled(TUNE)
    examples += _nlu_ordinary()
    return examples


def _sources() -> List[Path]:
    return sorted(DATA.glob("*.yml")) + sorted(NLU.glob("*.yml")) + ([TUNE] if TUNE.exists() else []) + [Path(__file__), Path(safety.__file__), Path(sklearn_state.__file__)]


def data_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _sources():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- the model ---------------------------------------------------------------------


class Model:
    """Vectorizers and the logistic regression, trained together."""

    def __init__(self, vectorizers: Sequence[TfidfVectorizer], clf: LogisticRegression) -> None:
        self.vectorizers = list(vectorizers)
        self.clf = clf
        self._none = list(clf.classes_).index(NONE)
        self._probabilities = sparse_logistic.Probabilities(clf)
        from bot import sparse_tfidf

        # The same rows without scikit-learn's checks (bot/sparse_tfidf.py), or None: its own path.
        self._rows = sparse_tfidf.rows_or_none(self.vectorizers)

    def _matrix(self, texts: Sequence[str]) -> csr_matrix:
        import scipy.sparse

        norms = [normalize(t) for t in texts]
        if self._rows is not None:
            return self._rows(norms)
        return scipy.sparse.hstack([v.transform(norms) for v in self.vectorizers]).tocsr()

    def read(self, texts: Sequence[str]) -> List[Reading]:
        """P(any danger) and the likeliest kind, per text."""
        if not texts:
            return []
        rows = self._probabilities(self._matrix(texts))
        classes = list(self.clf.classes_)
        out = []
        for row in rows:
            kinds = [(p, c) for p, c in zip(row, classes) if c != NONE]
            best = max(kinds)
            out.append(Reading(best[1], float(1.0 - row[self._none])))
        return out


def train(examples: Iterable[Example]) -> Model:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    import scipy.sparse

    examples = list(examples)
    norms = [normalize(e.text) for e in examples]
    vectorizers = [
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
    ]
    for vectorizer in vectorizers:
        vectorizer.fit(norms)
    matrix = scipy.sparse.hstack([v.transform(norms) for v in vectorizers]).tocsr()
    clf = LogisticRegression(C=C, max_iter=5000, class_weight=CLASS_WEIGHT, random_state=42)
    clf.fit(matrix, [e.label for e in examples])
    return Model(vectorizers, clf)


def save(model: Model, path: Path, fingerprint: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    sklearn_state.dump(tmp, model.vectorizers, model.clf, {"fingerprint": fingerprint})
    tmp.replace(path)


def _load_file(path: Path, fingerprint: str) -> Optional[Model]:
    try:
        # Only tf-idf vectorizers and a logistic regression, rebuilt from arrays and JSON.
        state = sklearn_state.load(path)
    except (OSError, ValueError) as error:
        logger.warning("crisis classifier file unreadable (%s); retraining in memory", type(error).__name__)
        return None
    if state.extra.get("fingerprint") != fingerprint:
        return None
    return Model(state.vectorizers, state.clf)


@lru_cache(maxsize=1)
def load(path: Path = MODEL) -> Model:
    """The built model, or one trained now when the file is missing or stale."""
    fingerprint = data_fingerprint()
    model = _load_file(path, fingerprint) if path.exists() else None
    if model is None:
        logger.info("training the crisis classifier in memory (run `make build` to keep it)")
        model = train(training_examples())
    return model


#: Shorter messages are left to the patterns: no crisis example in the data has fewer words,
#: and the reader's guesses there are noise ("Sandra Le" read as a child in danger, 0.58).
MIN_WORDS = 4


def read(text: str) -> Optional[Reading]:
    """The danger reading of one message, or None when it is likely not about danger."""
    if not text or len(normalize(text).split()) < MIN_WORDS:
        return None
    reading = load().read([text])[0]
    return reading if reading.probability >= THRESHOLD else None


# --- ordinary readings -------------------------------------------------------------------
# A help line is given from THRESHOLD, where the classifier also guesses at ordinary messages that
# share words with danger: children mentioned, fear of a hearing, a school "detention". Below
# FLAG_THRESHOLD such a guess is set aside unless the message holds a word of harm. Recall comes
# first: HARM_WORDS is wide on purpose, and the rule sets aside none of the crisis messages of
# data/safety/, crisis_tune, crisis_check, crisis_check2 and the tuned conversation sets.

#: Words of harm, a plan, a weapon, a body in trouble, abuse or a person missing or alone
#: (English and Spanish, on ``safety.normalize``d text: accents dropped, contractions expanded).
HARM_WORDS = re.compile(
    r"\b(?:die|dying|died|dead|death|kill\w*|murder\w*|suicid\w*|end (?:it|my life|things|everything)|not (?:be )?around|much longer"
    r"|disappear\w*|goodbye|good bye|give up|giving up|no way out|can not take|tired of (?:living|life)|gave (?:\w+ ){0,3}away|giv\w* (?:\w+ ){0,3}away"
    r"|letters? to|pills?|meds|overdos\w*|poison\w*|bleach|drank|swallow\w*|hurt\w*|harm\w*|cut|cuts|cutting|blood\w*|bleed\w*|bruis\w*|burn\w*"
    r"|hit|hits|hitting|beat\w*|punch\w*|slap\w*|chok\w*|strangl\w*|kick\w*|push\w*|shov\w*|threw|throw\w*|jump\w*"
    r"|guns?|pistol\w*|knife|knives|weapons?|shoot\w*|shot|stab\w*|threat\w*|masks?|masked|broke in|break in|breaking in"
    r"|rape\w*|sexual\w*|touch\w*|kiss\w*|molest\w*|pics|pictures|photos|naked|abus\w*|drunk|marry|locked|lock|trapped"
    r"|missing|lost|alone|no (?:lo|la|los|las) (?:encuentro|encontramos|encuentra|encuentran)|se (?:perdio|salio|escapo)|desaparec\w*|perdid[oa]s?|by (?:him|her|them)sel(?:f|ves)|left behind|kidnap\w*|ransom|sell|traffick\w*"
    r"|breath\w*|unconscious|wake|waking|faint\w*|seizure|chest|vomit\w*|cough\w*|sugar|shaking|sweat\w*|confused|hospital|ambulance"
    r"|911|988|starv\w*|not eating|stopped eating|hungry|no food|hiding from|(?:scared|afraid) of (?:him|her|my)|stalk\w*|follow\w*"
    r"|controls?|lose it|(?:will not|wont|does not|doesnt) let"
    r"|(?:has|have|kept|keeps|took|tiene|guard\w*|quit\w*) (?:my|mi|her|his|su) (?:passport|pasaporte|papers|documents|papeles|id|phone|keys)"
    r"|morir\w*|muero|muera|muerte|muert[oa]s?|matar\w*|mata|mato|suicid\w*|pastillas?|cortar\w*|corta|sangre|golpe\w*|pega\w*|pego|lastim\w*"
    # life itself: "i dont want to live anymore", "i rather not be alive"
    r"|alive|live (?:anymore|any more)|(?:want|wanna|going) to live|be around"
    r"|dano|herid[oa]s?|armas?|cuchillo|navaja|amenaz\w*|viol(?!at(?:ed|ion|ions|e|es|ing)\b(?! (?:me|her|him|my|mi|them)\b))\w*|toca|tocar\w*|besa\w*|casar\w*|borrach[oa]s?|encerr\w*|perdi\w*"
    r"|secuestr\w*|vender\w*|respira\w*|desmay\w*|inconsciente|convuls\w*|pecho|quem\w*|trag\w*|no contesta|desaparec\w*|despedida"
    # farewell letters ("ya escribi cartas para mis hijos"), not the court's ("me llega carta", "una carta de la corte")
    r"|escrib\w*(?: \w+){0,3} cartas?|cartas? (?:para|a) (?:mis?|sus?|todos|tod[oa]s|mi familia)|cartas? de despedida|regal\w*|no aguanto|ya no puedo|vivir|salida|escondid[oa] de|miedo (?:de|a) (?:el|mi esposo|mi pareja|mi novio)"
    # ("me sigue", "sigue afuera"; not "que sigue ahora?": what comes next)
    r"|no (?:me|la|lo) deja|(?<!que )(?<!q )sigue\w*|ahorc\w*|asfixi\w*|solas?|solos"
    # (not "solo" as "only": "solo lo que dice la vecina", "solo quiero saber el precio")
    r"|solo(?!\s+(?:lo que|quiero|queria|necesito|para|es|tengo|pregunto|saber)\b)|solit[oa]s?|nadie esta con|mascaras?|encapuchad[oa]s?"
    r"|avient\w*|tirar(?:se|me)|se metieron"
    # force against a person or a door, sickness or a body in trouble
    r"|drag\w*|slam\w*|tase\w*|taser|pepper|pointing|aim\w*|tackl\w*|broke|break\w*|smash\w*|forc\w*|injur\w*|pain|sick|fever|asthma|inhaler"
    r"|contraction\w*|insulin|diabet\w*|heart|panic attack|attack\w*|arrastr\w*|romp\w*|rompi\w*|tumb\w*|empuj\w*|dolor|enferm\w*"
    r"|fiebre|asma|contracciones|insulina|corazon|ataque"
    # a child who will not, or is afraid to, go home
    r"|(?:not|no|never|afraid to|scared to) (?:want (?:to )?|wants (?:to )?|quiere |quieren )?(?:go|going|ir|regresar|volver) (?:back )?(?:home|a (?:la|su) casa)"
    r"|miedo (?:de|a) (?:ir|regresar|volver) a (?:la|su) casa)\b"
)


def ordinary_reading(text: str, reading: Reading) -> bool:
    """Whether the classifier's reading of a message the patterns did not read as danger is set
    aside: a weak guess (below ``FLAG_THRESHOLD``) in a message with no word of harm at all
    (``HARM_WORDS``) is noise ("my son got detention at school", "she has a 2 year old",
    "my wife is pregnant and very afraid they deport me before the baby is born").

    Strong readings stand, even of messages that look ordinary: agents at the door or fear of a
    hearing told with no word of harm were also set aside in a trial, and that lost a crisis
    message of the held-out crisis_check2 set (recall first).
    """
    if reading.kind == "dv" and situations.missing(text) and not _harm_said(situations.UNREACHABLE.sub(" ", text)):
        # "tengo miedo, my husband didnt come home anoche y no contesta": afraid for him, not of him
        # (his phone not answered is no harm word here)
        return True
    return reading.probability < FLAG_THRESHOLD and not _harm_said(text)


def detect(text: str) -> Optional[Crisis]:
    """The patterns' reading of danger (``safety.detect_wide``), else this classifier's, unless
    that is an ordinary message's (``ordinary_reading``)."""
    found = safety.detect_wide(text)
    if found is not None:
        return found
    reading = read(text)
    if reading is None or ordinary_reading(text, reading):
        return None
    return Crisis(reading.kind, safety.language(text), sure=sure_reading(text, reading))


def sure_reading(text: str, reading: Reading) -> bool:
    """Whether a classifier-only reading also flags the intake for staff: from ``FLAG_THRESHOLD``
    with a word of harm, from ``SURE_WITHOUT_HARM`` without one (below, a guess: help, no flag)."""
    if reading.probability < FLAG_THRESHOLD:
        return False
    return reading.probability >= SURE_WITHOUT_HARM or _harm_said(text)


#: Words of harm said as a figure of speech: "im gonna have a heart attack with this letter";
#: ... fear told of oneself: "im home now but im shaking", "todavía estoy temblando" (not "he is shaking
#: and cant breathe": someone else's body); and knocking: "golpearon la puerta".
_FIGURES = re.compile(r"\b(?:gonna|going to|about to) have a heart attack\b|\bme va a dar (?:un )?infarto\b"
                      r"|\b(?:i'?m|im|i am|estoy|ando)\s+(?:still\s+|so\s+|all\s+|todav[ií]a\s+|toda\s+|todo\s+)?(?:shaking|temblando)\b"
                      r"(?!\s+(?:and|y)\s+(?:can'?t|cant|cannot|no puedo)\s+(?:breathe|respirar))"
                      # knocking at a door: "golpearon la puerta dos señores que dijeron ser de ICE"
                      r"|\bgolpe\w*\s+(?:en\s+)?(?:la|el|mi|nuestra|su)\s+(?:puerta|port[oó]n|ventana)\b"
                      r"|\b(?:me|nos|le)\s+golpe\w*\s+(?:la|el)\s+(?:puerta|port[oó]n|ventana)\b"
                      # "tocaron la puerta unos hombres", "estan tocando en la puerta": knocking, not touching
                      r"|\btoc\w*\s+(?:a\s+|en\s+)?(?:la|el|mi|nuestra|su)\s+(?:puerta|port[oó]n|ventana)\b")


def _harm_said(text: str) -> bool:
    """Whether a message has a word of harm (``HARM_WORDS``), figures of speech left out."""
    return bool(HARM_WORDS.search(_FIGURES.sub(" ", normalize(text))))


# --- command line ----------------------------------------------------------------------


def cross_validate(examples: List[Example], folds: int = 5) -> Dict[float, Tuple[float, float, float, float]]:
    """Per threshold, over folds: recall and false-alarm rate of the classifier alone, then with the patterns."""
    from sklearn.model_selection import StratifiedKFold

    labels = [e.label for e in examples]
    scores = [0.0] * len(examples)
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=42).split(examples, labels):
        model = train([examples[i] for i in train_idx])
        for i, reading in zip(test_idx, model.read([examples[i].text for i in test_idx])):
            scores[i] = reading.probability
    patterns = [safety.detect_wide(e.text) is not None for e in examples]
    positives = [i for i, e in enumerate(examples) if e.label != NONE]
    negatives = [i for i, e in enumerate(examples) if e.label == NONE]
    out = {}
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        alone = [scores[i] >= threshold for i in range(len(examples))]
        both = [a or p for a, p in zip(alone, patterns)]
        alone_pos, alone_neg, both_pos, both_neg = (
            sum(flags[i] for i in group) / len(group) for flags in (alone, both) for group in (positives, negatives)
        )
        out[threshold] = (alone_pos, alone_neg, both_pos, both_neg)
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=MODEL)
    parser.add_argument("--cv", action="store_true", help="cross-validate thresholds instead of building")
    args = parser.parse_args(argv)
    examples = training_examples()
    counts = {label: sum(e.label == label for e in examples) for label in (NONE,) + KINDS}
    print(f"{len(examples)} examples: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if args.cv:
        print("threshold  classifier: recall  false alarms   with the patterns: recall  false alarms")
        for threshold, (recall, false_alarms, recall_both, false_both) in cross_validate(examples).items():
            print(f"{threshold:9.2f}  {recall:19.3f}  {false_alarms:12.3f}  {recall_both:25.3f}  {false_both:12.3f}")
        return 0
    save(train(examples), args.out, data_fingerprint())
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
