"""Typed commands, and a guard against commands nobody typed.

Rasa parses `/intent` and `/intent{json}` itself; `/coach on` (with a space)
would otherwise go to the classifier. This component, placed after the
classifier, maps such commands to their intent with full confidence.

It also guards the role-play: a trainee's reply must never be taken for a
session command by a guess ("嗯" read as "end the role-play" would throw the
session away). A command intent the classifier is not sure of is replaced by
the most likely dialogue act, so the reply is scored as one.
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
SESSION_COMMANDS = {"start", "end_roleplay", "hint", "coach_on", "coach_off"}
SURE = 0.8  # below this, a predicted session command is treated as a reply

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
            else:
                self._demote_unsure_command(message)
        return messages

    @staticmethod
    def _demote_unsure_command(message: Message) -> None:
        predicted = message.get(INTENT) or {}
        if predicted.get("name") not in SESSION_COMMANDS or predicted.get("confidence", 0) >= SURE:
            return
        ranking = message.get(INTENT_RANKING_KEY) or []
        act = next((r for r in ranking if r.get("name") not in SESSION_COMMANDS), None)
        if act:
            message.set(INTENT, dict(act), add_to_output=True)
