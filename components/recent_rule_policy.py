"""Rasa's RulePolicy, computing the dialogue states of the last turns only when it predicts.

At every prediction Rasa's ``RulePolicy`` turns the whole conversation into
dialogue states (``DialogueStateTracker.past_states``: one state per action,
each built from every slot), then compares the rules with the last few of
them. The longest rule of this model is 3 states; a 50-message conversation
has about 150. So the policy cost grew with the length of the conversation:
py-spy put it at a quarter of the Rasa server's time on the 51st to 60th
messages and a twentieth on the first ten.

This policy computes the states of the last ``window`` turns only, where
``window`` is the longest rule's length, which is all that rule matching
compares (``RulePolicy._is_rule_applicable`` accepts a rule as soon as it has
gone back further than the rule's length). The states are Rasa's own
(``Domain.states_for_tracker_history`` over the same trackers
``generate_all_prior_trackers`` would give for those turns), and everything
else is Rasa's ``RulePolicy``: defaults, loops, unhappy paths, fallback.
Predictions are the same; ``tests/test_recent_rule_policy.py`` checks it turn by
turn on whole conversations, and pins the Rasa code this relies on.

The recent turns are worked out once per state of the tracker: a prediction
right after a message asks for them twice (from the message's text, then
from its intent).

Finding the rules that fit those states is Rasa's ``_get_possible_keys``, with
one shortcut: at its first step (the last state) it no longer compares all 350
rules with it, only those whose last state can fit, found by the previous
action's name and the intent (``RuleIndex``); a rule that names another action
or intent there fails Rasa's own check (``_does_rule_match_state``). Every
candidate still goes through Rasa's check, in the order Rasa's own loop takes
them, so the set of rules is the same and so is the one ``max`` picks among
equally long rules.

It falls back to Rasa's full computation when the conversation is no longer
than the window, when the window's first state would look like a conversation
start (rules with ``conversation_start: true`` match only there), and during
training (contradiction checks walk whole training stories).

Rasa's validator recognises ``RulePolicy`` by identity, so ``rasa train``
warns that no RulePolicy is configured; the domain check it then skips is run
by :meth:`RecentRulePolicy.train` instead. Predictions keep the name
``RulePolicy`` (Rasa's reports count rule predictions by that name, and the
saved events say which policy acted).
"""
from __future__ import annotations

import copy
from typing import Any, Dict, Iterator, List, Optional, Set, Text, Tuple

from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ACTION_NAME, INTENT

#: The policy name predictions carry, as Rasa's own RulePolicy's do.
POLICY_NAME = RulePolicy.__name__


class RecentTurns:
    """The last ``window`` turns of a tracker, seen as ``past_states`` sees a tracker."""

    def __init__(self, tracker: DialogueStateTracker, window: int) -> None:
        self._states: Dict[Tuple[Any, ...], List[State]] = {}
        events = tracker.applied_events()
        actions = [i for i, event in enumerate(events) if isinstance(event, ActionExecuted)]
        #: One state before each action and one after the last event, as in Rasa.
        self.turns = len(actions) + 1
        self._events: List[Event] = events
        first = self.turns - window  # the window's first state: before that action, or after every event
        self._start = 0 if first <= 0 else actions[first] if first < len(actions) else len(events)
        self._tracker = tracker

    def generate_all_prior_trackers(self) -> Iterator[Tuple[DialogueStateTracker, bool]]:
        """``DialogueStateTracker.generate_all_prior_trackers``, from the window's first turn."""
        tracker = self._tracker.init_copy()
        for event in self._events[: self._start]:
            tracker.update(event)
        for event in self._events[self._start:]:
            if isinstance(event, ActionExecuted):
                yield tracker, event.hide_rule_turn
            tracker.update(event)
        yield tracker, False

    def past_states(self, domain: Domain, omit_unset_slots: bool = False, ignore_rule_only_turns: bool = False,
                    rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
        # Computed once per set of arguments (a prediction after a message asks twice: from the
        # message's text, then from its intent), handed out as copies (the featurizer edits the last).
        key = (id(domain), omit_unset_slots, ignore_rule_only_turns, repr(rule_only_data))
        if key not in self._states:
            self._states[key] = domain.states_for_tracker_history(
                self,  # type: ignore[arg-type]
                omit_unset_slots=omit_unset_slots,
                ignore_rule_only_turns=ignore_rule_only_turns,
                rule_only_data=rule_only_data,
            )
        return copy.deepcopy(self._states[key])


#: A rule's last state that does not require one previous action (or intent).
ANY = None


def _required(sub_state: Any, key: Text) -> Optional[Text]:
    """The value a rule state's ``sub_state[key]`` requires of a conversation, if one exactly."""
    value = sub_state.get(key) if isinstance(sub_state, dict) else None
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else ANY


class RuleIndex:
    """The keys of one rule lookup, grouped by the previous action and intent their last state requires."""

    def __init__(self, policy: RulePolicy, lookup: Dict[Text, Text]) -> None:
        self.lookup = lookup
        self.size = len(lookup)
        #: Rasa's order: ``_get_possible_keys`` walks ``set(lookup.keys())``, made the same way each time.
        order = list(set(lookup.keys()))
        self._position = {key: i for i, key in enumerate(order)}
        self._groups: Dict[Tuple[Optional[Text], Optional[Text]], List[Text]] = {}
        for key in order:
            last = policy._rule_key_to_state(key)[-1]
            group = (_required(last.get(PREVIOUS_ACTION), ACTION_NAME), _required(last.get(USER), INTENT))
            self._groups.setdefault(group, []).append(key)

    def candidates(self, state: State) -> List[Text]:
        """Every key whose last rule state may fit ``state`` (a superset of those that do), in Rasa's order."""
        action = _required(state.get(PREVIOUS_ACTION), ACTION_NAME)
        intent = _required(state.get(USER), INTENT)
        out: List[Text] = []
        for group in {(a, i) for a in {action, ANY} for i in {intent, ANY}}:
            out += self._groups.get(group, ())
        return sorted(out, key=self._position.__getitem__)


def rule_length(policy: RulePolicy) -> int:
    """The most states any rule of ``policy`` compares (at least 1)."""
    keys = list(policy.lookup.get(RULES, {})) + list(policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {}))
    return max((len(policy._rule_key_to_state(key)) for key in keys), default=1)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class RecentRulePolicy(RulePolicy):
    """``RulePolicy``, with the dialogue states of the last turns only at prediction."""

    _window: Optional[int] = None
    _predicting = False
    #: Per rule lookup (by id): its index, made when first predicted with.
    _indexes: Optional[Dict[int, RuleIndex]] = None
    #: The last tracker predicted on, its number of events and last event, and its recent turns.
    _recent: Optional[Tuple[DialogueStateTracker, int, Optional[Event], RecentTurns]] = None

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        # Rasa's validator runs this for RulePolicy itself only.
        RulePolicy.raise_if_incompatible_with_domain(self.config, domain)
        self._window, self._recent, self._indexes = None, None, None
        return super().train(training_trackers, domain, **kwargs)

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        if self._window is None:
            self._window = rule_length(self)
        self._predicting = True
        try:
            prediction = super().predict_action_probabilities(tracker, domain, rule_only_data, **kwargs)
        finally:
            self._predicting = False
        prediction.policy_name = POLICY_NAME
        return prediction

    def _get_possible_keys(self, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
        """Rasa's ``_get_possible_keys``; at prediction, its first step checks only the indexed candidates."""
        if not self._predicting or not states or not states[-1].get(PREVIOUS_ACTION):
            # Training edits the lookups; a conversation start is left to Rasa entirely.
            return super()._get_possible_keys(lookup, states)
        if self._indexes is None:
            self._indexes = {}
        index = self._indexes.get(id(lookup))
        if index is None or index.lookup is not lookup or index.size != len(lookup):
            index = self._indexes[id(lookup)] = RuleIndex(self, lookup)
        last = states[-1]
        # Rasa's loop (rasa/core/policies/rule_policy.py), its first step over the candidates only.
        possible_keys = set(filter(lambda _key: self._is_rule_applicable(_key, 0, last), index.candidates(last)))
        for i, state in enumerate(reversed(states)):
            if i == 0:
                continue
            possible_keys = set(filter(lambda _key: self._is_rule_applicable(_key, i, state), possible_keys))
        return possible_keys

    def _recent_turns(self, tracker: DialogueStateTracker) -> RecentTurns:
        """The tracker's recent turns, made again only when the tracker changed since the last prediction."""
        last = tracker.events[-1] if tracker.events else None
        kept = self._recent
        if kept is None or kept[0] is not tracker or kept[1] != len(tracker.events) or kept[2] is not last:
            kept = self._recent = (tracker, len(tracker.events), last, RecentTurns(tracker, self._window or 1))
        return kept[3]

    def _prediction_states(self, tracker: DialogueStateTracker, domain: Domain,
                           use_text_for_last_user_input: bool = False,
                           rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
        full = (not self._predicting or self._window is None or self.featurizer.max_history is not None
                or self.supported_data() == SupportedData.ML_DATA)
        if not full:
            recent = self._recent_turns(tracker)
            if recent.turns > self._window:
                states = self.featurizer.prediction_states(
                    [recent],  # type: ignore[list-item]
                    domain,
                    use_text_for_last_user_input=use_text_for_last_user_input,
                    ignore_rule_only_turns=False,
                    rule_only_data=rule_only_data,
                    ignore_action_unlikely_intent=False,
                )[0]
                if states and states[0].get(PREVIOUS_ACTION):
                    return states
        return super()._prediction_states(tracker, domain, use_text_for_last_user_input, rule_only_data)
