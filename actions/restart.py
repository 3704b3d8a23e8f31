from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import show_menu, ui_language
from bot import menu
from bot.roleplay import active_roleplay


class ActionRestart(Action):
    """`/restart`: closes any running role-play (so its transcript is complete) and starts over."""

    def name(self) -> Text:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = ui_language(tracker)
        events: List[Dict[Text, Any]] = []
        roleplay = active_roleplay(tracker.get_slot("roleplay"))
        if roleplay is not None and roleplay.turn_count:
            roleplay.finish()
            events.append(SlotSet("roleplay", roleplay.state))
        show_menu(dispatcher, tracker, lang, menu.say("restarted", lang))
        return events + [Restarted(), SlotSet("ui_language", lang)]
