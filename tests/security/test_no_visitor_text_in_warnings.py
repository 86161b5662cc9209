"""A "/intent{...}" message Rasa cannot parse does not put the visitor's words in the server log."""
import subprocess
import sys
import warnings

from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from connectors import channels

SECRET = "my A-number is 123456789 and I live at 6200 Bissonnet"


def _unpack(text):
    return YAMLStoryReader.unpack_regex_message(Message(data={TEXT: text}), Domain.from_dict({"intents": ["greet"]}))


def test_without_the_filter_rasa_would_quote_the_message():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _unpack(f"/greet{{{SECRET}")
    assert [w for w in caught if SECRET in str(w.message)]  # what the filter is for


def test_an_unparseable_command_is_handled_without_a_warning_that_quotes_it():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        channels.keep_visitor_text_out_of_warnings()
        parsed = _unpack(f"/greet{{{SECRET}")
        warnings.warn("another warning", UserWarning)
    assert parsed is not None
    assert not [w for w in caught if SECRET in str(w.message)]
    assert [str(w.message) for w in caught] == ["another warning"]  # others still show


def test_the_rasa_server_gets_the_filter_by_loading_the_channels():
    code = (
        "import warnings, connectors.channels\n"
        "print(any(f[1] is not None and f[1].pattern.startswith('Failed to parse arguments') for f in warnings.filters))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
