"""Whole conversations through the trained model: the rule policy's windowed prediction is
Rasa's full one at every action (components/recent_rule_policy.py).

The conversations run in-process (Rasa's ``Agent``) against the real action
server, as in test_question_order.py; then each conversation is replayed up to
every action it took, and the model's own policy predicts there twice: from the
last turns' states (as it does when serving) and from every state of the
conversation (Rasa's RulePolicy). Needs a trained model (``make train``).
"""
from __future__ import annotations

import asyncio
import contextlib
import tempfile
import uuid
from pathlib import Path

import pytest

import bench_chat
import servers

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "intake.tar.gz"

pytestmark = pytest.mark.integration

CONVERSATIONS = bench_chat.CONVERSATIONS + [
    bench_chat.LONG,
    # Interruptions, a refusal to go on, Spanish, a question the form cannot take, a restart.
    ["hola", "sí", "houston", "cuánto cuesta la consulta", "mi esposo fue detenido ayer", "no sé", "ayer",
     "Rosa", "312 555 0177", "sí", "gracias", "qué horario tienen"] * 2,
    ["hi", "no", "what do you do", "ok yes", "asdfgh qwerty", "start over", "hello", "yes", "chicago",
     "my work visa expires soon", "h-1b", "Ana Ruiz", "312 555 0199", "no", "yes", "bye"],
]


@pytest.fixture(scope="module")
def model():
    """The agent of the trained model (with the real action server), and its rule policy, loaded anew."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    from rasa.core.agent import Agent
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.utils.endpoints import EndpointConfig

    from components.recent_rule_policy import RecentRulePolicy

    storage_dir = Path(tempfile.mkdtemp(prefix="rule-policy-"))
    storage, metadata = LocalModelStorage.from_model_archive(storage_dir, MODEL)
    (node,) = [n for n in metadata.predict_schema.nodes.values() if n.uses is RecentRulePolicy]
    config = {**RecentRulePolicy.get_default_config(), **node.config}  # as Rasa's graph node merges them
    policy = RecentRulePolicy.load(config, storage, node.resource, ExecutionContext(metadata.predict_schema))
    data_dir = Path(tempfile.mkdtemp(prefix="rule-policy-var-"))
    port = servers.free_port()
    env = servers.base_env(data_dir, port)
    with contextlib.ExitStack() as stack:
        stack.enter_context(servers.action_server(env, port, ROOT / "results" / "integration" / "rule_policy_actions.log"))
        agent = Agent.load(str(MODEL), action_endpoint=EndpointConfig(
            url=env["ACTION_ENDPOINT_URL"], headers={"X-Action-Token": env["ACTION_SERVER_TOKEN"]}))
        yield agent, policy


def _talk(agent, messages):
    sender = f"window-{uuid.uuid4().hex[:8]}"

    async def run():
        for text in messages:
            await agent.handle_text(text, sender_id=sender)
        return await agent.tracker_store.retrieve(sender)

    return asyncio.run(run())


@pytest.mark.parametrize("number", range(len(CONVERSATIONS)))
def test_every_action_of_a_whole_conversation_is_predicted_as_rasa_predicts_it(model, number):
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.trackers import DialogueStateTracker

    from components.recent_rule_policy import RecentTurns, rule_length

    agent, policy = model
    domain = agent.domain
    events = list(_talk(agent, CONVERSATIONS[number]).events)
    compared = windowed = 0
    for i, event in enumerate(events):
        if not isinstance(event, ActionExecuted) or not i:
            continue
        tracker = DialogueStateTracker.from_events("replay", events[:i], slots=domain.slots)
        recent = policy.predict_action_probabilities(tracker, domain)
        full = RulePolicy.predict_action_probabilities(policy, tracker, domain)
        assert (recent.probabilities, recent.events, recent.hide_rule_turn, recent.is_end_to_end_prediction,
                recent.is_no_user_prediction) == (full.probabilities, full.events, full.hide_rule_turn,
                                                  full.is_end_to_end_prediction, full.is_no_user_prediction), i
        compared += 1
        windowed += RecentTurns(tracker, rule_length(policy)).turns > rule_length(policy)
    assert compared > 10 and windowed > 0
