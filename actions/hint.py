from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import in_terminal, system, ui_language
from bot import menu
from bot.roleplay import active_roleplay


class ActionHint(Action):
    """A coach's whisper tied to the rubric; the customer does not hear it."""

    def name(self) -> Text:
        return "action_hint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        roleplay = active_roleplay(tracker.get_slot("roleplay"))
        lang = ui_language(tracker)
        if roleplay is None:
            system(dispatcher, tracker, "hint", menu.say("hint_idle", lang))
            return []
        hint = roleplay.hint()
        if in_terminal(tracker):
            dispatcher.utter_message(text=menu.say("hint_prefix", lang) + hint)
        else:
            dispatcher.utter_message(json_message={"hint": {"text": hint}})
        return []
