"""Rasa intent classifier that reads a message naming a US place with its state ("Springfield, IL",
"Portland, Oregon") as a reply to a question, not as small talk.

Such a reply answers "Which "Springfield" do you mean?"; it holds no word the featurizers know, so
the classifier fell back on its priors and picked ``affirm`` (0.35-0.45: the bot said "Great.") or
``help`` (0.40). After the other classifiers, this one sets ``nlu_fallback`` (confidence 1.0) on
such a message when the top intent is below ``max_confidence``, so ``action_help`` reads the place
(``actions.places``) and answers the pending pay question. The states are the vocabulary's
``us_states``; a postal code counts when typed in capitals ("portland or" names no state).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from kb.content.vocabulary import vocabulary

MAX_CONFIDENCE = 0.6  # a classifier surer than this read the message as something else ("pay in Austin, TX")
MAX_PLACE_WORDS = 4


def place_reply_pattern(states: dict[str, str]) -> re.Pattern[str]:
    """A whole message that is a place and its state: ``states`` maps postal codes to state names."""
    codes = "|".join(sorted((re.escape(code.upper()) for code in states), key=len, reverse=True))
    names = "|".join(sorted((re.escape(name) for name in states.values()), key=len, reverse=True))
    words = rf"[A-Za-z][A-Za-z.'-]*(?:\s+[A-Za-z][A-Za-z.'-]*){{0,{MAX_PLACE_WORDS - 1}}}"
    lead = r"(?:(?:and|or|in|the one in|what about|how about|i mean|i meant)\s+)*"
    return re.compile(rf"^\s*{lead}{words}\s*(?:,\s*|\s+)(?:(?-i:{codes})|(?i:{names}))\s*[.!?]*\s*$", re.I)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlaceReplyFallback(GraphComponent, IntentClassifier):
    """``nlu_fallback`` (confidence 1.0) for an unsure reading of a message that is a US place with its state."""

    def __init__(self, max_confidence: float = MAX_CONFIDENCE) -> None:
        self.max_confidence = max_confidence
        self.pattern = place_reply_pattern(vocabulary().us_states)

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_confidence": MAX_CONFIDENCE}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceReplyFallback:
        return cls(float(config.get("max_confidence", MAX_CONFIDENCE)))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            sure = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= self.max_confidence
            if text.startswith("/") or sure or not self.pattern.match(text):
                continue
            fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = message.get(INTENT_RANKING_KEY) or []
            ranking = [r for r in ranking if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
