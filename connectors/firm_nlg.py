"""Rasa's response generator, with the firm profile's values beside the slots.

The domain's responses say ``{firm_name}``, ``{firm_phone}``, ``{firm_hours}``
... (``bot.firm.response_values``). Filling them in here, inside the Rasa
server, means every reply names the firm and its number, even while the
action server is down, and that the values are not part of the trained model:
a firm that edits ``firm.yml`` restarts the servers, it does not retrain.
``endpoints.yml`` selects this class (``nlg: type: connectors.firm_nlg.FirmResponses``).
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from bot.firm import firm, response_values


class FirmResponses(TemplatedNaturalLanguageGenerator):
    """The domain's responses, their placeholders filled from the slots, the
    values an action sent, and the firm profile (read once, at start-up)."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        domain: Optional[Domain] = None,
    ) -> None:
        # Rasa passes an empty domain here and sets ``responses`` when it loads the model.
        super().__init__((domain or Domain.empty()).responses)
        # Read now, not at the first reply: a broken firm.yml stops the server's start.
        self.firm_values = response_values(firm())

    def _fill_response(
        self,
        response: Dict[Text, Any],
        filled_slots: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> Dict[Text, Any]:
        # The firm's values first: a slot, or a value an action sends, of the same name
        # wins (as an action's values win over slots in Rasa).
        return super()._fill_response(response, {**self.firm_values, **(filled_slots or {})}, **kwargs)
