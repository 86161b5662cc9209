"""The Rasa server's spaCy pipeline (components/spacy_nlp.py) and its launcher without JAX (connectors/rasa_server.py)."""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils import spacy_utils
from rasa.shared.nlu.training_data.message import Message

from bot import settings
from components.spacy_nlp import SpacyNLP

ROOT = Path(__file__).resolve().parent.parent
MODEL_NAME = str(settings.places_model_path())
#: Replies that name places (and some that do not), as visitors type them.
TEXTS = [item["text"] for item in yaml.safe_load((ROOT / "tests" / "data" / "location_replies.yml").read_text())] + [
    "my husband was detained by ICE in Chicago, we live in San Antonio, TX 78207",
    "I live in LA", "houston tx", "we are in portland ore", "hi, I need help with my asylum case",
]

pytestmark = pytest.mark.skipif(not (settings.places_model_path() / "config.cfg").exists(),
                                reason="no place pipeline: run `make build`")


def create(tmp_path, name: str) -> SpacyNLP:
    config = {**SpacyNLP.get_default_config(), "model": MODEL_NAME, "case_sensitive": False}
    return SpacyNLP.create(config, LocalModelStorage(tmp_path), Resource(name), ExecutionContext(GraphSchema({}), "t"))


def test_both_graph_nodes_share_one_loaded_pipeline(tmp_path):
    # Rasa builds one instance for provide_SpacyNLP0 and one for run_SpacyNLP0.
    provider, runner = create(tmp_path, "provide"), create(tmp_path, "run")
    assert provider.provide().model is runner.provide().model
    assert provider.provide().model_name == MODEL_NAME


def test_the_pipeline_keeps_no_pattern_copies_and_finds_the_same_places(tmp_path):
    ours = create(tmp_path, "provide").provide()
    assert not any(ours.model.get_pipe("entity_ruler").phrase_patterns.values())
    rasas = spacy_utils.SpacyNLP.load_model(MODEL_NAME)  # Rasa's own: every pattern Doc kept
    assert sum(len(d) for d in rasas.model.get_pipe("entity_ruler").phrase_patterns.values()) > 10_000
    assert rasas.model is not ours.model
    extractor = SpacyEntityExtractor({**SpacyEntityExtractor.get_default_config(), "dimensions": ["place"]})
    runner = create(tmp_path, "run")
    found = {}
    for model in (ours, rasas):
        messages = [Message(data={"text": text}) for text in TEXTS]
        runner.process(messages, model)
        extractor.process(messages, model)
        found[model is ours] = [json.dumps(m.get("entities"), sort_keys=True) for m in messages]
    assert found[True] == found[False]
    assert sum(s != "[]" for s in found[True]) > len(TEXTS) // 2


def test_it_is_the_spacy_nlp_rasa_wires_to_the_extractor():
    # Rasa finds the provider of the loaded pipeline by the class name "SpacyNLP".
    assert SpacyNLP.__name__ == "SpacyNLP"
    assert issubclass(SpacyNLP, spacy_utils.SpacyNLP)
    assert DefaultV1Recipe._from_registry("components.spacy_nlp.SpacyNLP").clazz is SpacyNLP


@pytest.mark.integration  # run after `make train` (test-integration), so CI never skips it
def test_the_trained_model_loads_the_pipeline_with_it():
    model = ROOT / "models" / "intake.tar.gz"
    if not model.exists():
        pytest.skip("no trained model: run `make train`")
    with tarfile.open(model) as tar:
        metadata = json.load(tar.extractfile("metadata.json"))
    nodes = metadata["predict_schema"]["nodes"]
    spacy_nodes = {name: node for name, node in nodes.items() if "SpacyNLP" in node["uses"]}
    assert len(spacy_nodes) == 2  # provide_... and run_...
    assert {node["uses"] for node in spacy_nodes.values()} == {"components.spacy_nlp.SpacyNLP"}
    provider = next(name for name in spacy_nodes if name.startswith("provide_"))
    users = [node["uses"] for node in nodes.values() if node["needs"].get("model") == provider]
    assert sorted(users) == ["components.spacy_nlp.SpacyNLP",
                             "rasa.nlu.extractors.spacy_entity_extractor.SpacyEntityExtractor"]


def test_the_rasa_server_launcher_keeps_jax_out_and_tensorflow_works():
    # A fresh process as `python -m connectors.rasa_server` makes it, up to Rasa's imports.
    code = ("import sys; from connectors import rasa_server; rasa_server.without_unused_modules(); "
            "import rasa.__main__, rasa.core.agent, rasa.core.policies.rule_policy, tensorflow as tf; "
            "from tensorflow.lite.python import util; "
            "print(sys.modules.get('jax') is None, 'jaxlib' in sys.modules, util._xla_computation is None, "
            "float(tf.reduce_sum(tf.constant([1.0, 2.0]))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "False", "True", "3.0"]


def test_the_rasa_server_launcher_runs_rasas_own_command_line():
    out = subprocess.run([sys.executable, "-m", "connectors.rasa_server", "--version"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2",
                                                      "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    import rasa

    assert f"Rasa Version      :         {rasa.__version__}" in out.stdout
