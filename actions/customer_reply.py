from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (begin, in_terminal, latest_intent, latest_text, roleplay_slots,
                            send_scorecard, show_menu, system, ui_language)
from bot import menu
from bot.coach import coach_note
from bot.roleplay import active_roleplay
from bot.scoring import score_reply
from bot.text import MAX_SCORED_CHARS, clean


class ActionCustomerReply(Action):
    """The customer reacts to the scored reply (or, with no role-play running, the menu answers)."""

    def name(self) -> Text:
        return "action_customer_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = latest_text(tracker)
        roleplay = active_roleplay(tracker.get_slot("roleplay"))
        if roleplay is None:
            return self.idle(dispatcher, tracker, text)

        verdict = tracker.get_slot("last_verdict") or score_reply(
            clean(text), scenario=roleplay.scenario.id, customer=roleplay.last_customer_line())
        result = roleplay.respond(text, verdict, intent=latest_intent(tracker))
        dispatcher.utter_message(text=result.customer_line)
        lang = roleplay.language
        if in_terminal(tracker):
            if tracker.get_slot("coach") is not False:
                dispatcher.utter_message(text=coach_note(verdict, result.mood, lang))
        else:
            dispatcher.utter_message(json_message={"turn_verdict": {
                "turn": result.turn["turn"], "reply": result.turn["reply"],
                "dimensions": verdict["dimensions"], "flags": verdict["flags"],
                "mood": result.mood, "outcome": result.outcome,
            }})
        if len(clean(text)) > MAX_SCORED_CHARS:
            system(dispatcher, tracker, "too_long", menu.say("too_long", lang))
        if result.outcome:  # the customer ended it: escalated, hung up or gave up
            send_scorecard(dispatcher, tracker, roleplay.state["scorecard"])
        return roleplay_slots(roleplay) + [SlotSet("last_verdict", None)]

    def idle(self, dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> List[Dict[Text, Any]]:
        """No role-play running: a menu choice starts one; anything else shows the menu."""
        lang = ui_language(tracker)
        scenario_id, chosen_lang = menu.parse_choice(clean(text))
        if scenario_id:
            return begin(dispatcher, tracker, scenario_id, chosen_lang or lang)
        state = tracker.get_slot("roleplay")
        intro = menu.say("ended_already", lang) if isinstance(state, dict) and state.get("ended_at") else ""
        return show_menu(dispatcher, tracker, lang, intro) + [SlotSet("last_verdict", None)]
