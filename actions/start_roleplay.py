from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import begin, show_menu, ui_language
from bot import menu, scenarios


def entity(tracker: Tracker, name: str) -> Optional[Any]:
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == name:
            return found.get("value")
    return None


class ActionStartRoleplay(Action):
    """`/start_roleplay{"scenario": "queue_complaint", "language": "zh", "trainee": "Li Lei"}`."""

    def name(self) -> Text:
        return "action_start_roleplay"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = menu.normalise_language(entity(tracker, "language"), default=ui_language(tracker))
        name = entity(tracker, "scenario")
        trainee = entity(tracker, "trainee")
        trainee = trainee if isinstance(trainee, str) else None
        if not isinstance(name, str) or not name.strip():
            return show_menu(dispatcher, tracker, lang, menu.say("missing_scenario", lang))
        scenario = scenarios.find(name)
        if scenario is None:
            return show_menu(dispatcher, tracker, lang, menu.say("unknown_scenario", lang, name=name[:60]))
        return begin(dispatcher, tracker, scenario.id, lang, trainee)
