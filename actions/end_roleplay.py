from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import roleplay_slots, send_scorecard, show_menu, system, ui_language
from bot import menu
from bot.roleplay import active_roleplay


class ActionEndRoleplay(Action):
    """Ends the role-play and returns the scorecard."""

    def name(self) -> Text:
        return "action_end_roleplay"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        roleplay = active_roleplay(tracker.get_slot("roleplay"))
        lang = ui_language(tracker)
        if roleplay is None:
            finished = tracker.get_slot("roleplay")
            if isinstance(finished, dict) and finished.get("scorecard"):  # ended by the customer: show it again
                send_scorecard(dispatcher, tracker, finished["scorecard"])
                return []
            return show_menu(dispatcher, tracker, lang, menu.say("not_started", lang))
        if roleplay.turn_count == 0:
            system(dispatcher, tracker, "ended_no_turns", menu.say("ended_no_turns", lang))
        send_scorecard(dispatcher, tracker, roleplay.finish())
        return roleplay_slots(roleplay)
