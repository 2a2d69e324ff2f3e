"""Rasa entity extractor for ``job_role`` whose value is always the canonical role name."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.tokens import Doc

from nlu.matching import LABEL, OCCUPATION, FuzzyIndex, find_roles, occupation_mentions


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP")
class RoleEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Role names from the KB-built entity ruler, plus typo-tolerant matches of the same aliases.

    The ruler's pattern ids are canonical names, so "head of ops", "HoO" and
    "operatons manger" all come out as one value the actions can look up.
    """

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"fuzzy_threshold": 90.0}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._threshold = float(config["fuzzy_threshold"])
        self._index: Optional[FuzzyIndex] = None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "rapidfuzz"]

    def _fuzzy_index(self, model: SpacyModel) -> FuzzyIndex:
        if self._index is None:
            ruler = model.model.get_pipe("entity_ruler")
            self._index = FuzzyIndex(ruler.patterns)
        return self._index

    @staticmethod
    def _doc(message: Message, text: Text, model: SpacyModel) -> Doc:
        """The doc SpacyNLP already made of this message (lower-cased, which the LOWER phrase matcher and
        the lower-cased fuzzy index do not mind), or a new parse when lower-casing moved character
        offsets ("İ" becomes two characters) or no doc is there."""
        doc = message.get(SPACY_DOCS[TEXT])
        if isinstance(doc, Doc) and len(doc.text) == len(text):
            return doc
        return model.model(text)

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Adds the ``job_role`` entities of each message, read from its spaCy doc, and the ``occupation``
        entities of jobs outside the map (value: SOC code such as "29-1141", or "military")."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            doc = self._doc(message, text, model)
            outside = occupation_mentions(doc)
            entities = [
                {
                    "entity": label,
                    "start": mention.start,
                    "end": mention.end,
                    "value": mention.role,
                    "confidence_entity": mention.confidence,
                }
                for label, mention in sorted(
                    [(LABEL, m) for m in find_roles(doc, self._fuzzy_index(model), self._threshold, outside)]
                    + [(OCCUPATION, m) for m in outside],
                    key=lambda found: found[1].start,
                )
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages
