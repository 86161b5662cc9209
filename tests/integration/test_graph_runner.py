"""Whole conversations through the trained model: every graph run of the Rasa server's
``SequentialGraphRunner`` (connectors/graph_runner.py) calls the same nodes in the same order
and gives the same outputs as Rasa's ``DaskGraphRunner`` on the same inputs.

The conversations run in-process (Rasa's ``Agent``) against the real action server,
as in test_recent_rule_policy.py. Needs a trained model (``make train``).
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import tempfile
import uuid
from pathlib import Path

import pytest

import bench_chat
import servers

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "intake.tar.gz"

pytestmark = pytest.mark.integration


def _comparable(value):
    from rasa.shared.nlu.training_data.message import Message

    if isinstance(value, Message):
        return value.as_dict(only_output_properties=True)
    if isinstance(value, (list, tuple)):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):  # events made by each run carry the time they were made
        return {k: _comparable(v) for k, v in value.items() if k != "timestamp"}
    if hasattr(value, "__dict__") and not callable(value):
        return (type(value).__name__, _comparable(vars(value)))
    return value


def test_the_sequential_runner_calls_and_returns_what_dask_does():
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    import rasa
    from rasa.core.agent import Agent
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.utils.endpoints import EndpointConfig

    from connectors import graph_runner

    assert rasa.__version__ == "3.6.21", "check connectors/graph_runner.py against this Rasa"
    compared = []

    class Comparing(graph_runner.SequentialGraphRunner):
        def run(self, inputs=None, targets=None):
            calls = []
            nodes = self._instantiated_nodes

            def recording(name, node):
                def call(*args):
                    calls.append(name)
                    return node(*args)
                return call

            self._instantiated_nodes = {name: recording(name, node) for name, node in nodes.items()}
            try:
                theirs = DaskGraphRunner.run(self, copy.deepcopy(inputs), targets)
                dask_calls, calls[:] = list(calls), []
                mine = graph_runner.SequentialGraphRunner.run(self, inputs, targets)
            finally:
                self._instantiated_nodes = nodes
            assert calls == dask_calls and len(calls) > 1
            assert _comparable(mine) == _comparable(theirs)
            compared.append(tuple(targets or ()))
            return mine

    data_dir = Path(tempfile.mkdtemp(prefix="graph-runner-var-"))
    port = servers.free_port()
    env = servers.base_env(data_dir, port)
    with contextlib.ExitStack() as stack:
        stack.enter_context(servers.action_server(env, port, ROOT / "results" / "integration" / "graph_runner_actions.log"))
        agent = Agent.load(str(MODEL), action_endpoint=EndpointConfig(
            url=env["ACTION_ENDPOINT_URL"], headers={"X-Action-Token": env["ACTION_SERVER_TOKEN"]}))
        agent.processor.graph_runner.__class__ = Comparing

        async def talk():
            for messages in bench_chat.CONVERSATIONS + [bench_chat.LONG[:20], ["hola", "sí", "cuánto cuesta", "start over"]]:
                sender = f"runner-{uuid.uuid4().hex[:8]}"
                for text in messages:
                    assert await agent.handle_text(text, sender_id=sender) is not None

        asyncio.run(talk())
    assert len(set(compared)) == 2 and len(compared) > 100  # the NLU graph and the policy graph, many times


def test_rasas_graph_runner_is_as_pinned():
    import hashlib
    import inspect

    from rasa.engine.runner.dask import DaskGraphRunner

    source = inspect.getsource(DaskGraphRunner.run) + inspect.getsource(DaskGraphRunner._add_inputs_to_graph)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == "7908ad1cce3399de"
