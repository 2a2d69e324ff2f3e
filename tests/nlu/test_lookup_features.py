"""The job-role lookup table (data/generated/job_roles.yml) is used: ``RegexFeaturizer`` turns it into a
sentence feature, and ``LogisticRegressionClassifier`` reads sentence features. Rasa's training
warning that no component uses lookup-table features (it knows only DIET and CRF) is therefore
wrong for config.yml, and ``runtime.quiet`` hides it."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from runtime.quiet import LOOKUP_FALSE_ALARM, harmless
from tests.servers import ROOT


def featurizer_settings() -> dict:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    return next(step for step in pipeline if step["name"] == "RegexFeaturizer")


def test_the_lookup_table_reaches_the_classifiers_features(tmp_path: Path) -> None:
    settings = {k: v for k, v in featurizer_settings().items() if k != "name"}
    assert settings["use_lookup_tables"] is True
    messages = [Message.build(text, intent="inform") for text in ("compare a wharf boss and a buyer", "how are you")]
    data = TrainingData(messages, lookup_tables=[{"name": "job_role", "elements": ["wharf boss", "buyer"]}])
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    context = ExecutionContext(GraphSchema({}), "lookup-test")
    storage = LocalModelStorage(tmp_path)
    featurizer = RegexFeaturizer.create(
        {**RegexFeaturizer.get_default_config(), **settings}, storage, Resource("regex"), context
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    classifier = LogisticRegressionClassifier.create(
        LogisticRegressionClassifier.get_default_config(), storage, Resource("classifier"), context
    )
    features = classifier._create_X(messages).toarray()
    assert features.tolist() == [[1.0], [0.0]]  # the one lookup pattern: matched, not matched


def test_rasas_warning_about_it_is_hidden_and_others_are_not() -> None:
    warning = (  # as Rasa 3.6.21 words it
        "You have defined training data consisting of lookup tables, but your NLU configuration does not include "
        "any components that uses the features created from the lookup table. To make use of the features that "
        "are created with the help of the lookup tables, add a 'DIETClassifier' or a 'CRFEntityExtractor' with "
        "the 'pattern' feature to your configuration."
    )
    assert LOOKUP_FALSE_ALARM in warning
    assert harmless(UserWarning(warning), UserWarning, "rasa/graph_components/validators/default_recipe_validator.py")
    assert not harmless(UserWarning("Slot 'x' is not used"), UserWarning, "rasa/shared/utils/io.py")
