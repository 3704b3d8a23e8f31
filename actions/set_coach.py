from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_intent, system, ui_language
from bot import menu


class ActionSetCoach(Action):
    """`/coach on` and `/coach off`: the one-line coach note after each customer line."""

    def name(self) -> Text:
        return "action_set_coach"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        on = latest_intent(tracker) != "coach_off"
        key = "coach_on" if on else "coach_off"
        system(dispatcher, tracker, key, menu.say(key, ui_language(tracker)))
        return [SlotSet("coach", on)]
