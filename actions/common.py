"""What the actions share: reading the tracker, speaking on the right channel."""
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import menu
from bot.roleplay import RolePlay
from bot.scorecard import format_scorecard
from bot.text import detect_language

TERMINAL_CHANNELS = ("cmdline",)


def in_terminal(tracker: Tracker) -> bool:
    """rasa shell gets plain-text coach notes and scorecards; other channels get JSON payloads."""
    return tracker.get_latest_input_channel() in TERMINAL_CHANNELS


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text")
    return text if isinstance(text, str) else ""


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def ui_language(tracker: Tracker) -> str:
    """Language for system messages: the role-play's, else the menu's, else the message's."""
    state = tracker.get_slot("roleplay")
    if isinstance(state, dict) and state.get("language") in ("en", "zh"):
        return state["language"]
    chosen = tracker.get_slot("ui_language")
    text = latest_text(tracker)
    if text and not text.startswith("/"):
        return detect_language(text, default=chosen or "en")
    return chosen if chosen in ("en", "zh") else "en"


def system(dispatcher: CollectingDispatcher, tracker: Tracker, kind: str, text: str, **extra) -> None:
    """A message from the coach/system (not the customer): text in the terminal, a payload elsewhere."""
    if in_terminal(tracker):
        dispatcher.utter_message(text=text)
    else:
        dispatcher.utter_message(json_message={"system": {"kind": kind, "text": text, **extra}})


def show_menu(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, intro: str = "") -> List[Dict[str, Any]]:
    text = (intro + "\n" if intro else "") + menu.menu_text(lang)
    system(dispatcher, tracker, "menu", text)
    return [SlotSet("ui_language", lang)]


def roleplay_slots(roleplay: RolePlay) -> List[Dict[str, Any]]:
    state = roleplay.state
    return [
        SlotSet("roleplay", state),
        SlotSet("scenario", state["scenario"]),
        SlotSet("language", state["language"]),
        SlotSet("mood", state["mood"]),
        SlotSet("covered", list(state["covered"])),
        SlotSet("ui_language", state["language"]),
    ]


def begin(dispatcher: CollectingDispatcher, tracker: Tracker, scenario_id: str, lang: str,
          trainee: Optional[str] = None) -> List[Dict[str, Any]]:
    """Start a role-play: announce it, then the customer's opening line."""
    previous = tracker.get_slot("roleplay")
    if not trainee and isinstance(previous, dict):
        trainee = previous.get("trainee")  # the same trainee plays on
    roleplay = RolePlay.start(scenario_id, lang, trainee=trainee)
    scenario = roleplay.scenario
    intro = menu.say("started", lang, title=scenario.title[lang], role=scenario.trainee_role[lang])
    if in_terminal(tracker):
        dispatcher.utter_message(text=intro)
    else:
        dispatcher.utter_message(json_message={"roleplay_started": {
            "id": roleplay.state["id"], "scenario": scenario.id, "language": lang,
            "mood": roleplay.state["mood"], "title": scenario.title[lang],
            "trainee_role": scenario.trainee_role[lang], "trainee": roleplay.state["trainee"],
        }})
    dispatcher.utter_message(text=roleplay.state["opening"])
    return roleplay_slots(roleplay) + [SlotSet("last_verdict", None)]


def send_scorecard(dispatcher: CollectingDispatcher, tracker: Tracker, card: dict) -> None:
    if in_terminal(tracker):
        dispatcher.utter_message(text=format_scorecard(card))
    else:
        dispatcher.utter_message(json_message={"scorecard": card})
