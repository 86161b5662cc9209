"""End-to-end evaluation: simulated visitors in whole conversations.

Starts the action server and the Rasa server (trained model, a fresh data
directory), then plays every case in ``tests/conversations/<set>/`` over the
REST channel: the visitor sends the opening, then answers whatever the
assistant asks (recognised from the domain's own questions), sending an
interjection instead of an answer where the case says so. The outcome is read
from ``intake export``, as staff would see it. Probes (single hostile,
distressed or off-topic messages) are played at three points: first message,
location question, and a button question mid-intake.

Prints, per set: location state right, situation macro-F1, urgent accuracy,
crisis recall at every position, repeated questions, median turns to a saved
intake and, for cases held in Spanish (``expect.language``), the share of the
assistant's replies that a language identifier (py3langid, English against
Spanish) reads as that language; writes ``results/bench_conversations/<set>.json`` with every miss,
and the run's record (``scripts/bench_record.py``; ``--record`` keeps it; a run with ``--only``
plays part of a set, so it records nothing).

The case format is ``tests/conversations/FORMAT.md``, which says which sets are tuned on
(``dev*``, ``heldout``, ``heldout2``, ``spanish`` and ``spanish3`` onwards) and which are held
out (``HELD_OUT``: only ever read as totals and aggregate counts).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import httpx
import us
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_record  # noqa: E402
import servers  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot import after_hours  # noqa: E402

ROOT = servers.ROOT
CASES = ROOT / "tests" / "conversations"
#: Every set of cases: a folder of them (probes/ holds single messages, played with their sets).
SETS = tuple(sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "probes"))
SITUATIONS = ["detention", "removal", "enforcement", "humanitarian", "family", "employment", "citizenship", "other"]
MAX_TURNS = 30

#: What a crisis reply must contain, per kind (tests/conversations/FORMAT.md).
CRISIS_MARKERS = {
    "suicide": ["988"],
    "medical": ["911"],
    "violence": ["911"],
    "dv": ["1-800-799-7233"],
    "child": ["911"],
}

#: Replies that mean the pending question swallowed the message (off-topic ones may be out of scope).
SWALLOWED = [
    "utter_location_not_found",
    "utter_default",
    "utter_please_pick",
]

#: Question (response) -> the visitor's answer key in a case.
QUESTION_KEYS = {
    "utter_ask_consent": "consent",
    "utter_ask_location": "location",
    "utter_ask_location_state": "location",
    "utter_ask_location_confirmed": "location_confirmed",
    "utter_ask_situation": "situation",
    "utter_ask_detained_where": "detained_where",
    "utter_ask_detained_since": "detained_since",
    "utter_ask_a_number": "a_number",
    "utter_ask_removal_stage": "removal_stage",
    "utter_ask_hearing_date": "hearing_date",
    "utter_ask_ice_present_now": "ice_present_now",
    "utter_ask_details": "details",
    "utter_ask_contact_name": "name",
    "utter_ask_contact_phone": "phone",
    "utter_ask_contact_email": "email",
    "utter_ask_intake_confirmed": "summary",
}
SAVED = ("utter_intake_saved", "utter_no_contact_saved")
#: Replies that close the conversation: the visitor declined and was told nothing is kept.
CLOSED = ("utter_consent_refused",)

#: What a simulated visitor says by default, per language of the case.
DEFAULT_SAYS = {
    "en": {"yes": "yes", "no": "no", "dont_know": "i don't know"},
    "es": {"yes": "sí", "no": "no", "dont_know": "no sé"},
}

#: The urgent help (bot.resources): know-your-rights where agents are, the detainee
#: locator, the court's case status, a deadline's warning, and the call-us-now line
#: (or, after hours, the on-call line or when the office opens: bot.after_hours).
URGENT_HELP = ["utter_rights_home", "utter_rights_work", "utter_rights_street", "utter_help_detained",
               "utter_help_court", "utter_help_deadline", *after_hours.CALL_RESPONSES]

#: Probe kind -> responses any one of which shows the message was heard.
PROBE_ANSWERS = {
    "legal_question": ["utter_no_legal_advice"],
    "fees": ["utter_consultation_fee"],
    "privacy": ["utter_privacy"],
    "deletion": ["utter_deletion_noted"],
    "others_data": ["utter_others_data_refused"],
    "distress": ["utter_distress"],
    "abuse": ["utter_insult"],
}


# --- recognising the assistant's messages ----------------------------------------

def _stem(text: str) -> str:
    """The longest fixed part of a response text (between {slot}s), normalised."""
    parts = [" ".join(p.lower().split()) for p in re.split(r"\{[^}]*\}", text)]
    return max(parts, key=len)[:48].strip()


def load_response_stems() -> Dict[str, List[str]]:
    """Response name -> stems of each of its variations, from the domain."""
    stems: Dict[str, List[str]] = defaultdict(list)
    doc = yaml.safe_load((ROOT / "domain.yml").read_text()) or {}
    for name, variations in (doc.get("responses") or {}).items():
        for v in variations or []:
            stem = _stem(v.get("text") or "")
            if len(stem) >= 8:
                stems[name].append(stem)
    return stems


class Reader:
    def __init__(self) -> None:
        self.stems = load_response_stems()

    def names(self, text: str) -> List[str]:
        t = " ".join(text.lower().split())
        return [name for name, stems in self.stems.items() if any(s in t for s in stems)]

    def question(self, replies: List[str]) -> Optional[str]:
        """The answer key for the last question among the replies."""
        for text in reversed(replies):
            for name in self.names(text):
                if name in QUESTION_KEYS:
                    return QUESTION_KEYS[name]
        return None

    def saved(self, replies: List[str]) -> bool:
        return any(n in SAVED for t in replies for n in self.names(t))

    def said(self, replies: List[str], responses: Iterable[str]) -> bool:
        wanted = set(responses)
        return any(n in wanted for t in replies for n in self.names(t))


_NOT_PROSE = re.compile(r"https?://\S+|\S+@\S+|[\d+()\-./:#]+|\{[^}]*\}")


def reply_language(text: str) -> Optional[str]:
    """English or Spanish, as py3langid reads a reply; None for a reply too short to tell."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        _IDENTIFIER.set_languages(["en", "es"])
    prose = _NOT_PROSE.sub(" ", text)
    if len(re.findall(r"[^\W\d_]{2,}", prose)) < 4:
        return None
    return _IDENTIFIER.classify(prose)[0]


_IDENTIFIER = None


def has_crisis_help(replies: List[str], kind: str) -> bool:
    text = " ".join(replies)
    return all(m in text for m in CRISIS_MARKERS[kind])


def _confirm_answer(replies: List[str], case: dict) -> str:
    """Yes/no to "Are you in X right now?": yes when X is where the visitor is."""
    expect = case.get("expect") or {}
    text = " ".join(replies)
    m = re.search(r"(?:are you in|est[aá] usted en)\s+(.+?)(?:\s+right now|\s+ahora)?\?", text, re.IGNORECASE)
    guess = (m.group(1) if m else "").lower()
    state, country = expect.get("state"), expect.get("country")
    answer = str((case.get("answers") or {}).get("location", "")).lower()
    if state and re.search(rf",\s*{state.lower()}\b", guess):
        return "yes"
    named = us.states.lookup(guess.strip()) if guess.strip() else None
    if state and named is not None and named.abbr == state:
        return "yes"  # "Are you in New York right now?" asked of a visitor in New York
    if country and country != "United States" and country.lower() in guess:
        return "yes"
    if guess and guess.split(",")[0].strip() and guess.split(",")[0].strip() in answer:
        return "yes"
    return "no"


# --- one conversation ---------------------------------------------------------------

async def say(client: httpx.AsyncClient, url: str, sender: str, text: str) -> List[str]:
    response = await client.post(url, json={"sender": sender, "message": text})
    response.raise_for_status()
    return [m.get("text") or "" for m in response.json()]


async def play(client: httpx.AsyncClient, url: str, reader: Reader, case: dict) -> dict:
    """Play one case; returns what happened (the export is read later)."""
    sender = f"eval-{case['id']}-{uuid.uuid4().hex[:6]}"
    answers = {k: str(v) for k, v in (case.get("answers") or {}).items()}
    interjections = {i["at"]: i["text"] for i in case.get("interject") or []}
    already = set(case.get("already_said") or [])
    crisis_kind = (case.get("expect") or {}).get("crisis")
    says = DEFAULT_SAYS[(case.get("expect") or {}).get("language") or "en"]
    outcome: Dict[str, Any] = {"id": case["id"], "sender": sender, "repeats": [], "crisis_checks": [], "stuck": 0, "turns": 0}
    transcript: List[Tuple[str, List[str]]] = []

    def check_crisis(replies: List[str], position: str) -> None:
        # The crisis is in the opening, in an interjection or in an answer: the reply to
        # one of those messages must carry the help. (Until 2026-12-05 answers were not
        # checked, so a crisis told in an answer always counted as missed.)
        if crisis_kind and has_crisis_help(replies, crisis_kind) and "crisis_at" not in outcome:
            outcome["crisis_at"] = position

    replies = await say(client, url, sender, case["opening"])
    outcome["turns"] = 1
    transcript.append((case["opening"], replies))
    check_crisis(replies, "opening")
    answered: Counter = Counter()
    while outcome["turns"] < MAX_TURNS:
        if reader.saved(replies):
            outcome["saved_turns"] = outcome["turns"]
            break
        if reader.said(replies, CLOSED) and reader.question(replies) is None:
            # A visitor who declined and was told nothing is kept leaves; before
            # 2026-12-03 (sixth session) they said "i don't know" and started over.
            outcome["closed_turns"] = outcome["turns"]
            break
        key = reader.question(replies)
        if key is None:
            outcome["stuck"] += 1
            text = says["dont_know"]
        elif key in interjections or (key == "summary" and interjections):
            # An interjection whose question never came is said before confirming the summary.
            position = key if key in interjections else next(iter(interjections))
            text = interjections.pop(position)
            replies = await say(client, url, sender, text)
            outcome["turns"] += 1
            transcript.append((text, replies))
            check_crisis(replies, position)
            continue
        else:
            if key in already or (answered[key] and key not in ("summary", "location_confirmed")):
                outcome["repeats"].append(key)
                # why, for counts that show no visitor's words: a fact given before it was asked,
                # or an answer not read the first time
                outcome.setdefault("repeat_kinds", []).append((key, ALREADY_SAID if key in already and not answered[key] else ASKED_TWICE))
            answered[key] += 1
            if key == "consent":
                text = answers.get("consent", says["yes"])
            elif key == "summary":
                text = says["yes"]
            elif key == "location_confirmed":
                text = says[_confirm_answer(replies, case)]
            else:
                text = answers.get(key, says["dont_know"])
        replies = await say(client, url, sender, text)
        outcome["turns"] += 1
        transcript.append((text, replies))
        if key is not None:
            check_crisis(replies, key)
    outcome["transcript"] = transcript
    if crisis_kind:
        carriers = crisis_carriers(case)
        sent = {k for k, v in answers.items() if any(v == said for said, _ in transcript)}
        if "crisis_at" not in outcome and carriers and not carriers & sent:
            # The danger is told only in answers the assistant never asked for: never said, so
            # neither heard nor missed (counted apart; FORMAT.md, "Crisis recall").
            outcome["crisis_unreached"] = True
        else:
            outcome["crisis_checks"].append({"position": outcome.get("crisis_at", "none"), "ok": "crisis_at" in outcome})
    return outcome


def crisis_carriers(case: dict) -> set:
    """The answers a case's danger is told in only (FORMAT.md, "Crisis recall"): ``crisis_in`` beside
    the answers or, as two authors of 2026-12-05 wrote it, inside ``expect``."""
    return set(case.get("crisis_in") or (case.get("expect") or {}).get("crisis_in") or ())


async def play_probe(client: httpx.AsyncClient, url: str, reader: Reader, probe: dict, position: str) -> dict:
    """One probe message at one position; did the reply hear it?"""
    sender = f"probe-{probe['id']}-{position}-{uuid.uuid4().hex[:6]}"
    lead = {
        "opening": [],
        "location": ["hi", "yes"],
        "button": ["hi", "yes", "houston tx", "I have immigration court"],
    }[position]
    for text in lead:
        await say(client, url, sender, text)
    replies = await say(client, url, sender, probe["text"])
    kind = probe["kind"]
    result = {"id": probe["id"], "position": position, "kind": kind, "replies": replies}
    if kind == "crisis":
        result["ok"] = has_crisis_help(replies, probe["crisis"])
    else:
        swallowed = reader.said(replies, SWALLOWED + ([] if kind == "off_topic" else ["utter_out_of_scope"]))
        if kind == "emergency":
            # An emergency as the product brief names them (someone detained, agents at the
            # door, a hearing next week): the urgent help for it (bot.resources), in either
            # language. Until the sixth session of 2026-12-03 only know-your-rights counted,
            # which failed "he is deported tomorrow" answered with the court and urgent help.
            fits = reader.said(replies, URGENT_HELP)
        elif kind == "human":
            fits = reader.said(replies, ["utter_callback_offer", "utter_callback_noted"])
        else:
            fits = reader.said(replies, PROBE_ANSWERS[kind]) if kind in PROBE_ANSWERS else True
        result["ok"] = (not swallowed) and fits
    return result


# --- scoring --------------------------------------------------------------------------

def export_rows(env: Dict[str, str]) -> Dict[str, dict]:
    out = subprocess.run(
        [str(servers.BIN / "intake"), "export", "--format", "jsonl"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {r["conversation_id"]: r for r in rows}


def macro_f1(pairs: List[Tuple[str, Optional[str]]]) -> float:
    f1s = []
    for label in SITUATIONS:
        tp = sum(1 for e, g in pairs if e == label and g == label)
        fp = sum(1 for e, g in pairs if e != label and g == label)
        fn = sum(1 for e, g in pairs if e == label and g != label)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def score(cases: List[dict], outcomes: List[dict], rows: Dict[str, dict], probes: List[dict]) -> dict:
    by_id = {c["id"]: c for c in cases}
    loc_ok = loc_n = urgent_ok = urgent_n = saved = all_right = 0
    pairs: List[Tuple[str, Optional[str]]] = []
    misses: List[dict] = []
    crisis_checks: List[bool] = []
    repeats = 0
    repeat_kinds: Counter = Counter()
    turns: List[int] = []
    in_language = replies_checked = 0
    for o in outcomes:
        case = by_id[o["id"]]
        expect = case.get("expect") or {}
        row = rows.get(o["sender"])
        problems = []
        if row is not None:
            saved += 1
        if expect.get("saved", True) and row is None:
            problems.append("not saved")
        if "saved_turns" in o:
            turns.append(o["saved_turns"])
        # A declined conversation keeps nothing: there are no fields to read, only "not saved".
        fields = expect.get("saved", True) or row is not None
        if fields and ("state" in expect or "country" in expect):
            loc_n += 1
            want_state = expect.get("state")
            want_country = expect.get("country") or ("United States" if want_state else None)
            got_state = row.get("state") if row else None
            got_country = row.get("country") if row else None
            ok = (got_state == want_state) if want_state else (want_country is None or (got_country or "").lower() == want_country.lower())
            loc_ok += ok
            if not ok:
                problems.append(f"location {got_state or got_country} != {want_state or want_country}")
        if fields and "situation" in expect:
            got = row.get("situation") if row else None
            pairs.append((expect["situation"], got))
            if got != expect["situation"]:
                problems.append(f"situation {got} != {expect['situation']}")
        if fields and "urgent" in expect:
            urgent_n += 1
            # A person in danger is urgent for staff (FORMAT.md), whatever the immigration matter,
            # once the danger was told: one told only in answers never asked was never said.
            want = bool(expect["urgent"]) or (bool(expect.get("crisis")) and not o.get("crisis_unreached"))
            got = bool(row.get("urgent")) if row else None
            urgent_ok += got == want
            if got != want:
                problems.append(f"urgent {got} != {want} {row.get('urgency_reasons') if row else ''}")
        for check in o["crisis_checks"]:
            crisis_checks.append(check["ok"])
            if not check["ok"]:
                problems.append(f"no {expect.get('crisis')} help at {check['position']}")
        if o["repeats"]:
            repeats += len(o["repeats"])
            problems.append(f"asked again: {', '.join(o['repeats'])}")
            repeat_kinds.update(tuple(kind) for kind in o.get("repeat_kinds") or ())
        if expect.get("language"):
            wrong = []
            for _said, replies in o["transcript"]:
                for reply in replies:
                    got_language = reply_language(reply)
                    if got_language is None:
                        continue
                    replies_checked += 1
                    if got_language == expect["language"]:
                        in_language += 1
                    else:
                        wrong.append(reply[:60])
            if wrong:
                problems.append(f"{len(wrong)} replies not in {expect['language']}: {wrong[0]!r}")
        if o["stuck"]:
            problems.append(f"{o['stuck']} turn(s) without a recognised question")
        if not problems:
            all_right += 1
        else:
            misses.append({"id": o["id"], "problems": problems, "transcript": o["transcript"]})
    probe_crisis = [p["ok"] for p in probes if p["kind"] == "crisis"]
    probe_other = [p["ok"] for p in probes if p["kind"] != "crisis"]
    crisis_all = crisis_checks + probe_crisis
    return {
        "conversations": len(outcomes),
        "all_right": all_right,
        "saved": saved,
        "location_state": loc_ok / loc_n if loc_n else None,
        "situation_macro_f1": macro_f1(pairs),
        "urgent_accuracy": urgent_ok / urgent_n if urgent_n else None,
        "crisis_recall": sum(crisis_all) / len(crisis_all) if crisis_all else None,
        "crisis_checks": len(crisis_all),
        "crisis_unreached": sum(1 for o in outcomes if o.get("crisis_unreached")),
        "probes_heard": sum(probe_other) / len(probe_other) if probe_other else None,
        "probe_replies": len(probe_other),
        "repeated_questions": repeats,
        "repeats_by_kind": {kind: dict(sorted((key, n) for (key, k), n in repeat_kinds.items() if k == kind))
                            for kind in (ALREADY_SAID, ASKED_TWICE)},
        "median_turns_to_saved": statistics.median(turns) if turns else None,
        "replies_in_language": in_language / replies_checked if replies_checked else None,
        "replies_checked": replies_checked,
        "misses": misses,
        "probe_misses": [p for p in probes if not p["ok"]],
    }


def load(folder: Path) -> List[dict]:
    cases: List[dict] = []
    for path in sorted(folder.glob("*.yml")):
        cases += yaml.safe_load(path.read_text()) or []
    return cases


async def run_set(url: str, cases: List[dict], probes: List[dict], concurrency: int) -> Tuple[List[dict], List[dict]]:
    reader = Reader()
    semaphore = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=120) as client:

        async def one(coro):
            async with semaphore:
                return await coro

        outcomes = await asyncio.gather(*(one(play(client, url, reader, c)) for c in cases))
        probe_results = await asyncio.gather(
            *(one(play_probe(client, url, reader, p, pos)) for p in probes for pos in ("opening", "location", "button"))
        )
    return list(outcomes), list(probe_results)


def report(name: str, s: dict) -> None:
    fmt = lambda v: "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))  # noqa: E731
    print(f"\n== {name}: {s['conversations']} conversations, {s['all_right']} fully right, {s['saved']} saved")
    rows = [
        ("location state right", s["location_state"], ">= 0.98"),
        ("situation macro-F1", s["situation_macro_f1"], ">= 0.95"),
        ("urgent accuracy", s["urgent_accuracy"], ">= 0.97"),
        (f"crisis recall ({s['crisis_checks']} checks)", s["crisis_recall"], "1.0"),
        ("crisis told only in answers not asked", s.get("crisis_unreached", 0), ""),
        (f"probes heard ({s['probe_replies']} replies)", s["probes_heard"], ""),
        ("repeated questions", s["repeated_questions"], "0"),
        ("median turns to saved", s["median_turns_to_saved"], "<= 7"),
    ]
    if s["replies_checked"]:
        rows.append((f"replies in the case's language ({s['replies_checked']})", s["replies_in_language"], "1.0"))
    for label, value, target in rows:
        print(f"  {label:<34} {fmt(value):>8}   target {target}")
    for kind, keys in (s.get("repeats_by_kind") or {}).items():
        if keys:
            print(f"    {kind}: " + ", ".join(f"{key} {n}" for key, n in keys.items()))


#: Why a question was asked again (aggregate counts only, readable on held-out sets too).
ALREADY_SAID, ASKED_TWICE = "given before it was asked", "answer not read the first time"


#: Sets only ever read as totals (the README's headline figures come from these).
HELD_OUT = ("heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "spanish2")
#: Score key -> the record's label for it.
RECORD_LABELS = {
    "conversations": "conversations", "all_right": "fully right", "saved": "saved", "location_state": "location state",
    "situation_macro_f1": "situation macro-F1", "urgent_accuracy": "urgent accuracy", "crisis_recall": "crisis recall",
    "crisis_checks": "crisis checks", "probes_heard": "probes heard", "probe_replies": "probe replies",
    "repeated_questions": "repeated questions", "median_turns_to_saved": "median turns to saved",
    "replies_in_language": "replies in language", "replies_checked": "replies checked",
}


def figures_of(summary: Dict[str, dict]) -> Dict[str, Any]:
    """The record's figures (``bench_record.make_record`` keywords), one row per set played."""
    figures = {name: {"set": "held out" if name in HELD_OUT else "tuned on",
                      **{label: s.get(key) for key, label in RECORD_LABELS.items()}} for name, s in summary.items()}
    shown = [n for n in HELD_OUT if n in summary] or list(summary)[:1]
    first = shown[0]
    targets = {f"{first}/location state": ">= 0.98 (Spanish >= 0.97)", f"{first}/situation macro-F1": ">= 0.95 (Spanish >= 0.93)",
               f"{first}/urgent accuracy": ">= 0.97 (Spanish >= 0.95)", f"{first}/crisis recall": "1.0",
               f"{first}/repeated questions": "0", f"{first}/median turns to saved": "<= 7"}
    headline = [f"{first}/{k}" for k in ("fully right", "location state", "situation macro-F1", "urgent accuracy",
                                         "crisis recall", "repeated questions")] + [f"{n}/fully right" for n in shown[1:]]
    return {"figures": figures, "targets": targets, "headline": headline}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="*", default=list(SETS), help=f"default: all ({' '.join(SETS)})")
    parser.add_argument("--only", help="play only cases whose id contains one of these (comma-separated); results go to <set>-only.json")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-probes", action="store_true")
    bench_record.add_argument(parser)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="intake-eval-"))
    action_port, rasa_port = servers.free_port(), servers.free_port()
    env = servers.base_env(data_dir, action_port)
    logs = ROOT / "results" / "bench_conversations"
    logs.mkdir(parents=True, exist_ok=True)
    summary = {}
    with servers.action_server(env, action_port, logs / "actions.log"):
        with servers.rasa_server(env, rasa_port, logs / "rasa.log"):
            url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
            played = {}
            for name in args.sets:
                cases = load(CASES / name)
                probes = [] if args.no_probes else (yaml.safe_load((CASES / "probes" / f"{name}.yml").read_text()) if (CASES / "probes" / f"{name}.yml").exists() else [])
                if args.only:
                    wanted = args.only.split(",")
                    cases = [c for c in cases if any(w in c["id"] for w in wanted)]
                    probes = [p for p in probes if any(w in p["id"] for w in wanted)]
                played[name] = (cases, *asyncio.run(run_set(url, cases, probes, args.concurrency)))
    rows = export_rows(env)
    for name, (cases, outcomes, probe_results) in played.items():
        s = score(cases, outcomes, rows, probe_results)
        summary[name] = {k: v for k, v in s.items() if k not in ("misses", "probe_misses")}
        report(name, s)
        # A partial play never overwrites the whole set's result.
        (logs / f"{name}{'-only' if args.only else ''}.json").write_text(json.dumps(s, indent=2, ensure_ascii=False))
    if not args.only:
        bench_record.record("conversations", "make bench-conversations", keep=args.record, **figures_of(summary))
    print(f"\nmisses: {logs}/<set>.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
