"""The Rasa server's fast paths (issue 13) give what Rasa's own code gives."""
from __future__ import annotations

import copy

import pytest


def _generic_copy(value):
    """What ``copy.copy`` does for an object without ``__copy__``."""
    return copy._reconstruct(value, None, *value.__reduce_ex__(4))


def test_slots_are_copied_as_copy_copy_copies_them():
    import rasa
    from rasa.shared.core.slots import Slot

    import connectors.tracker_store  # noqa: F401  (installs it, as in the Rasa server)
    from connectors import slot_copy
    from tests.project_domain import rasa_domain

    assert rasa.__version__.startswith("3.6."), "check connectors/slot_copy.py against this Rasa"
    assert Slot.__copy__ is slot_copy._copy_slot
    slots = rasa_domain().slots
    kinds = {type(slot) for slot in slots}
    assert len(kinds) >= 5
    for cls in kinds:  # nothing of their own that copy.copy would have used
        for klass in cls.__mro__[:-1]:
            assert not {"__reduce_ex__", "__reduce__", "__getstate__", "__setstate__"} & set(vars(klass)), klass
            assert not vars(klass).get("__slots__"), klass  # abc.ABC's is empty
    for slot in slots:
        slot.value = ["a", "list"] if slot.type_name == "list" else slot.initial_value
        mine, generic = copy.copy(slot), _generic_copy(slot)
        assert type(mine) is type(generic) is type(slot)
        assert vars(mine) == vars(generic) == vars(slot)
        assert mine.__dict__ is not slot.__dict__
        mine.value = None  # the copy is the tracker's own
        assert slot.value == (["a", "list"] if slot.type_name == "list" else slot.initial_value)


def _event_dicts():
    """One event of every kind Rasa has, as an action server sends them."""
    from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, AgentUttered,
                                         AllSlotsReset, BotUttered, ConversationPaused, ConversationResumed, EntitiesAdded,
                                         FollowupAction, LoopInterrupted, ReminderCancelled, ReminderScheduled, Restarted,
                                         SessionStarted, SlotSet, StoryExported, UserUttered, UserUtteranceReverted)

    events = [ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0), ActionExecutionRejected("validate_intake_form"),
              ActionReverted(), ActiveLoop("intake_form"), ActiveLoop(None), AgentUttered("hi"), AllSlotsReset(),
              BotUttered("¿Dónde está?", {"buttons": [{"title": "No sé", "payload": "/inform"}]}, metadata={"utter_action": "utter_ask_location"}),
              ConversationPaused(), ConversationResumed(), EntitiesAdded([{"entity": "place", "value": "Houston", "start": 0, "end": 7}]),
              FollowupAction("action_listen"), LoopInterrupted(True), ReminderCancelled(), Restarted(), SessionStarted(),
              SlotSet("location", "Houston, TX"), SlotSet("places_mentioned", [{"text": "x", "n": 2}]), SlotSet("x", None), StoryExported(),
              UserUtteranceReverted(),
              UserUttered("hola", {"name": "greet", "confidence": 0.9}, [{"entity": "place", "value": "x", "start": 0, "end": 1}],
                          parse_data={"intent_ranking": [{"name": "greet", "confidence": 0.9}]}),
              ReminderScheduled("EXTERNAL_x", __import__("datetime").datetime(2030, 1, 1))]
    return [event.as_dict() for event in events] + [{"event": "form", "name": "intake_form"}, {"event": "form_validation", "validate": False},
                                                     {"event": "user_featurization", "use_text_for_featurization": False}]


def _responses():
    """Valid responses, and each one spoiled in the ways a response can be."""
    import itertools
    import random

    events = _event_dicts()
    kinds = sorted({event["event"] for event in events})
    yield {"events": events, "responses": [{"response": "utter_ask_location"}]}
    yield {"events": []}
    yield {}
    odd = [None, 3, 2.5, "text", [], [1], {}, {"a": 1}, True, {"event": "slot"}]
    for event, value in itertools.product(events, odd):
        yield {"events": [event]}
        yield {"events": [event], "responses": value}
        yield {"events": value}
        yield {"events": [value]}
        yield {"events": [{**event, "event": value}]}
        for kind in kinds:
            yield {"events": [{**event, "event": kind}]}
        for field in event:
            yield {"events": [{k: v for k, v in event.items() if k != field}]}
            yield {"events": [{**event, field: value}]}
    rng = random.Random(13)
    for _ in range(300):
        chosen = [dict(rng.choice(events)) for _ in range(rng.randint(1, 6))]
        spoilt = rng.choice(chosen)
        spoilt[rng.choice(list(spoilt))] = rng.choice(odd + kinds)
        yield {"events": chosen}
    yield []
    yield "not a response"


def test_the_response_check_shortcut_gives_the_whole_schemas_verdict():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from connectors import action_response_check

    schema = RemoteAction.action_response_format_spec()
    check = action_response_check._build(schema)
    assert check.rest is not None and len(check.by_kind) == 23  # the shortcut is in use
    whole = jsonschema.validators.validator_for(schema)(schema)  # what jsonschema.validate builds at every call
    action = RemoteAction("validate_intake_form", None)
    valid = invalid = 0
    for n, response in enumerate(_responses()):
        rasa_says = whole.is_valid(response)
        # never lets through what Rasa refuses, and takes every valid one
        assert action_response_check.is_valid(check, response) == rasa_says, response
        valid += rasa_says
        invalid += not rasa_says
        if n % 10:
            continue
        if rasa_says:
            assert action._validate_action_result(response) is True
            jsonschema.validate(response, schema)
        else:
            with pytest.raises(jsonschema.ValidationError) as raised:
                action._validate_action_result(response)
            with pytest.raises(jsonschema.ValidationError) as rasas:
                jsonschema.validate(response, schema)  # Rasa's own check
            assert raised.value.message.startswith(rasas.value.message + ". Failed to validate")  # Rasa's own error
            assert raised.value.path == rasas.value.path and raised.value.schema_path == rasas.value.schema_path
    assert valid > 300 and invalid > 300


def test_a_schema_of_another_shape_is_checked_whole():
    from connectors import action_response_check

    check = action_response_check._build({"type": "object", "properties": {"events": {"type": "array"}}})
    assert check.rest is None and not action_response_check.is_valid(check, {"events": []})


@pytest.mark.parametrize("max_history", [None, 7])
def test_applied_events_kept_between_calls_are_rasas(max_history):
    """At every step of long random walks through events (forms started, run and ended, rewinds,
    restarts, a history of maximum length that drops its oldest), the kept applied events are the
    ones Rasa's own method computes, and each call gets its own list."""
    import random

    from rasa.shared.core.events import (
        ActionExecuted, ActionReverted, ActiveLoop, Restarted, SessionStarted, SlotSet, UserUttered,
        UserUtteranceReverted,
    )
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    import connectors.tracker_store  # noqa: F401  (installs it, as in the Rasa server)
    from connectors import applied_events_cache

    assert DialogueStateTracker.applied_events is applied_events_cache._applied_events
    palette = [
        lambda: UserUttered("hi", {"name": "greet"}), lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted("intake_form"), lambda: ActiveLoop("intake_form"), lambda: ActiveLoop(None),
        lambda: ActionExecuted("booking_form"), lambda: ActiveLoop("booking_form"), lambda: SlotSet("s", "x"),
        lambda: ActionExecuted("utter_greet"), lambda: UserUtteranceReverted(), lambda: ActionReverted(),
        lambda: Restarted(), lambda: SessionStarted(),
    ]
    weights = [6, 6, 5, 2, 2, 2, 1, 4, 3, 1, 1, 0.3, 0.3]
    rng = random.Random(13)
    for _ in range(20):
        tracker = DialogueStateTracker("walk", [TextSlot("s", mappings=[])], max_event_history=max_history)
        for _ in range(120):
            tracker.update(rng.choices(palette, weights)[0]())
            first, again = tracker.applied_events(), tracker.applied_events()
            rasas = applied_events_cache.RASA_APPLIED_EVENTS(tracker)
            assert first == rasas and again == rasas and first is not again
            first.append(None)  # the caller's own list
            assert tracker.applied_events() == rasas
