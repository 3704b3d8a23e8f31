from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text
from bot.roleplay import active_roleplay
from bot.scoring import score_reply
from bot.text import clean


class ActionScoreReply(Action):
    """Scores the trainee's latest reply; the verdict goes into the tracker."""

    def name(self) -> Text:
        return "action_score_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        roleplay = active_roleplay(tracker.get_slot("roleplay"))
        if roleplay is None:  # no role-play running: nothing to score
            return [SlotSet("last_verdict", None)]
        verdict = score_reply(clean(latest_text(tracker)), scenario=roleplay.scenario.id,
                              customer=roleplay.last_customer_line())
        return [SlotSet("last_verdict", verdict)]
