"""Typed commands that are not valid Rasa intent syntax, e.g. `/coach on`.

Rasa parses `/intent` and `/intent{json}` itself; `/coach on` (with a space)
would otherwise go to the classifier. This component, placed after the
classifier, maps such commands to their intent with full confidence.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

COMMANDS = {
    "coach_on": r"/?(coach\s*on|coach|点评\s*开|打开点评|开启点评)",
    "coach_off": r"/?(coach\s*off|no\s*coach|点评\s*关|关闭点评)",
    "hint": r"/(hint|提示)",
    "end_roleplay": r"/(end|结束)",
    "start": r"/(menu|菜单|开始)",
}
PATTERNS = {intent: re.compile(rf"^\s*{rx}\s*$", re.IGNORECASE) for intent, rx in COMMANDS.items()}


def command_intent(text: str):
    """The intent a typed command stands for, or None."""
    for intent, pattern in PATTERNS.items():
        if pattern.match(text or ""):
            return intent
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class TypedCommands(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TypedCommands":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = command_intent(message.get(TEXT))
            if intent:
                message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}], add_to_output=True)
        return messages
