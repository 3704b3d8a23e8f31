"""A tokenizer for messages that mix Chinese and English.

Rasa's JiebaTokenizer emits whitespace tokens on mixed text ("我的 card 坏了"
gives " " tokens), which pollutes the featurizers. This one segments with jieba
and drops whitespace-only tokens. It has no language restriction, so one
pipeline serves both languages.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message


SILENCE = "__silence__"


def segment(text: str) -> List[Token]:
    """Jieba segmentation without whitespace tokens; English words stay whole."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict..." in the trainee's terminal

    return [
        Token(word.lower() if word.isascii() else word, start)
        for word, start, _end in jieba.tokenize(text)
        if word.strip()
    ]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class MixedTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return None  # any: the point is mixing them

    @staticmethod
    def required_packages() -> List[Text]:
        return ["jieba"]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MixedTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = self._apply_token_pattern(segment(message.get(attribute) or ""))
        # An empty message would give the classifier a zero-width feature
        # matrix, which crashes scikit-learn; silence is a token of its own.
        return tokens or [Token(SILENCE, 0, end=0)]
