from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import show_menu, ui_language


class ActionShowMenu(Action):
    """Lists the scenarios (`/start`, "menu", "开始")."""

    def name(self) -> Text:
        return "action_show_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return show_menu(dispatcher, tracker, ui_language(tracker))
