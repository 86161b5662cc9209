"""Rasa's model graphs run in the order Dask runs them, without Dask's scheduler at every message.

For every message Rasa runs its NLU graph once and its policy graph at each
prediction of the turn through ``DaskGraphRunner``: each run recomputes the
minimal schema for its targets, builds a Dask graph, orders it and schedules
its tasks through Dask's local scheduler, one at a time. For graphs of a dozen
nodes that bookkeeping was 7% of the Rasa server's time under load
(``make profile-chat``: ``dask.py:run`` less the nodes' own ``graph.py:__call__``).

:class:`SequentialGraphRunner` runs the same nodes with the same inputs in the
same order: for each set of targets it asks Dask once, with stand-ins for the
nodes that only note when they are called, in which order Dask executes that
graph (the order depends only on the graph, not on the values), and then calls
the real nodes in that order, each with its dependencies' outputs, as Dask
would. Inputs are given as Rasa gives them, a clash with a node name is refused
as Rasa refuses it, and a node's ``RuntimeError`` becomes Rasa's
``GraphRunError``.

Installed by ``connectors.tracker_store`` (the one module of ours that only the
Rasa server imports, and which Rasa loads before the model) in place of
``DaskGraphRunner`` where Rasa's message processor loads the model; training
keeps Dask. ``tests/test_rasa_fast_paths.py`` pins the Rasa code it repeats and
compares both runners on the trained model's graphs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

import dask
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

#: The nodes to call, in Dask's order, each with the names of what it needs.
Plan = List[Tuple[Text, Tuple[Text, ...]]]


class SequentialGraphRunner(DaskGraphRunner):
    """``DaskGraphRunner`` with its order worked out once per set of targets."""

    def _plan(self, run_targets: List[Text], input_names: Tuple[Text, ...]) -> Plan:
        key = (tuple(run_targets), input_names)
        plans: Dict[Any, Plan] = self.__dict__.setdefault("_plans", {})
        plan = plans.get(key)
        if plan is None:
            minimal_schema = self._graph_schema.minimal_graph_schema(run_targets)
            needs = {name: tuple(node.needs.values()) for name, node in minimal_schema.nodes.items()}
            called: List[Text] = []

            def stand_in(name: Text) -> Any:
                def call(*_: Any) -> Tuple[Text, None]:
                    called.append(name)
                    return name, None

                return call

            graph: Dict[Text, Any] = {name: (stand_in(name), *needed) for name, needed in needs.items()}
            self._add_inputs_to_graph({name: None for name in input_names}, graph)
            dask.get(graph, run_targets)
            plan = plans[key] = [(name, needs[name]) for name in called]
        return plan

    def run(self, inputs: Optional[Dict[Text, Any]] = None, targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        """Runs the graph (see ``DaskGraphRunner.run``): the same calls, in the same order."""
        run_targets = targets if targets else self._graph_schema.target_names
        inputs = inputs or {}
        plan = self._plan(run_targets, tuple(inputs))
        keys = {node for node, _ in plan}
        for name, value in inputs.items():  # as Rasa's _add_inputs_to_graph refuses them
            clash = isinstance(value, str) and value in keys
            keys.add(name)
            if clash:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
        # As Dask resolves a task's arguments: an input is its (name, value) pair, a node its output,
        # and a name that is neither is passed as it is.
        results: Dict[Text, Any] = {name: (name, value) for name, value in inputs.items()}
        try:
            for name, needs in plan:
                results[name] = self._instantiated_nodes[name](*(results.get(needed, needed) for needed in needs))
            return dict(results.get(target, target) for target in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e


def install() -> None:
    """Rasa's message processor loads its model graphs with :class:`SequentialGraphRunner`."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[misc]
