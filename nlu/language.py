"""Rasa intent classifier that marks a message with no English in it as not understood.

A message of emoji or in another script ("🤔", a question in Chinese) holds nothing the
featurizers know, so the classifier falls back on its priors and picked ``affirm`` (0.37, just
over the fallback threshold): the bot said "Great." to a question it could not read. After the
other classifiers, this one sets ``nlu_fallback`` with confidence 1.0 on a message with no letter
a-z and no digit (digits pick offered choices), so ``action_help`` says it reads English only.
Button payloads ("/greet") are left alone.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from kb.text import has_english, prepare_language_check

@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class NoEnglishFallback(GraphComponent, IntentClassifier):
    """``nlu_fallback`` (confidence 1.0) for a message with nothing the bot could read (see the module)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NoEnglishFallback:
        prepare_language_check()  # at model load, not on the first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.strip() and not text.startswith("/") and not has_english(text):
                fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = message.get(INTENT_RANKING_KEY) or []
                ranking = [r for r in ranking if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
