"""Rasa's ``SpacyNLP``, with the spaCy pipeline loaded once per process and without its pattern copies.

Rasa's graph makes two ``SpacyNLP`` nodes from the one line of ``config.yml``:
``provide_SpacyNLP0``, which hands the loaded pipeline to the tokenizer and the
entity extractor, and ``run_SpacyNLP0``, which parses each message with that
provided pipeline. Each node builds its own instance, and Rasa's ``create``
loads the pipeline for each: the place pipeline (21,000 phrase patterns,
tokenised again at every load) was loaded twice in the Rasa server, the second
copy never used (about 160 MB and 2.5 s of its start).

Here the loaded pipeline is kept per model name, so both nodes share one, and
the entity ruler's ``Doc`` per phrase pattern (about 75 MB, used only to list
or save the patterns) is freed as the action server does
(``bot.places.pipeline.drop_pattern_docs``). What a message is parsed with is
the same pipeline, so tokens and entities are the same.

The class keeps Rasa's name: Rasa wires the components that need the loaded
pipeline (``SpacyTokenizer``, ``SpacyEntityExtractor``) to the node whose class
is *named* ``SpacyNLP``. Registering it replaces Rasa's entry of that name in
the recipe's registry, in this process only, with this subclass.
"""
from __future__ import annotations

import logging
import threading
from typing import Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel

from bot.places import pipeline

logger = logging.getLogger(__name__)

_loaded: Dict[Text, SpacyModel] = {}
_lock = threading.Lock()


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """``SpacyNLP`` whose instances in one process share the loaded pipeline."""

    @staticmethod
    def load_model(spacy_model_name: Text) -> SpacyModel:
        with _lock:
            model = _loaded.get(spacy_model_name)
            if model is None:
                model = spacy_utils.SpacyNLP.load_model(spacy_model_name)
                pipeline.drop_pattern_docs(model.model)
                _loaded[spacy_model_name] = model
            else:
                logger.debug("SpacyNLP: %s already loaded in this process", spacy_model_name)
            return model
