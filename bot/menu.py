"""Session control text: the scenario menu, choices, and the coach's own messages.

Everything the *system* (not the customer) says lives here, in both languages.
"""
import re
from typing import Optional, Tuple

from bot import scenarios

MESSAGES = {
    "welcome": {
        "en": "Welcome to Service Coach. You play the service agent; I play the customer and score every reply "
              "on listening, apologizing, explaining and committing to action.",
        "zh": "欢迎使用客服陪练。您扮演客服人员,我扮演客户,并从倾听、道歉、解释、承诺行动四个方面为您的每一句回复打分。",
    },
    "choose": {
        "en": "Pick a role-play by number or name (add 'zh' or '中文' to play it in Chinese), e.g. '2' or '2 zh'.",
        "zh": "请输入编号或名称选择场景(加上 en 或 English 可用英文练习),例如「2」或「2 en」。",
    },
    "unknown_scenario": {
        "en": "I don't know a role-play called “{name}”. Choose one of these:",
        "zh": "没有名为「{name}」的场景。请从下面选择:",
    },
    "missing_scenario": {
        "en": "That start command did not name a role-play I could read. Use e.g. "
              '/start_roleplay{{"scenario":"queue_complaint","language":"en"}} or pick from the list:',
        "zh": '开始命令中没有可识别的场景。请使用例如 /start_roleplay{{"scenario":"queue_complaint","language":"zh"}},或从列表中选择:',
    },
    "not_started": {
        "en": "No role-play is running yet.",
        "zh": "目前还没有进行中的练习。",
    },
    "started": {
        "en": "Role-play: {title}. {role} Type your replies as the agent. /hint for a tip, /end_roleplay for your scorecard, /coach off to hide the coach notes.",
        "zh": "场景:{title}。{role} 请以客服的身份回复。输入 /hint 获取提示,/end_roleplay 查看成绩单,/coach off 关闭点评。",
    },
    "ended_already": {
        "en": "This role-play is over. Type /start for the menu or /restart to begin again.",
        "zh": "本次练习已结束。输入 /start 返回菜单,或输入 /restart 重新开始。",
    },
    "ended_no_turns": {
        "en": "You ended the role-play before replying to the customer, so there is nothing to score yet.",
        "zh": "您还没有回复客户就结束了练习,暂时没有可评分的内容。",
    },
    "coach_on": {"en": "Coach notes on: a one-line note follows each customer reply.", "zh": "已打开点评:每句客户回复后附一行点评。"},
    "coach_off": {"en": "Coach notes off. Type /coach on to show them again.", "zh": "已关闭点评。输入 /coach on 重新打开。"},
    "hint_idle": {"en": "Start a role-play first: type /start.", "zh": "请先开始一个练习:输入 /start。"},
    "restarted": {"en": "Starting over.", "zh": "重新开始。"},
    "hint_prefix": {"en": "Coach (the customer can't hear this): ", "zh": "教练提示(客户听不到):"},
    "too_long": {"en": "(Only the first 1,000 characters of that reply were scored.)", "zh": "(这条回复只评了前 1000 个字符。)"},
}

LANGUAGE_WORDS = {
    "zh": ("zh", "中文", "汉语", "chinese", "cn", "普通话"),
    "en": ("en", "english", "英文", "英语", "eng"),
}


def say(key: str, lang: str, **values) -> str:
    text = MESSAGES[key].get(lang) or MESSAGES[key]["en"]
    return text.format(**values) if values else text


def normalise_language(value, default: Optional[str] = None) -> Optional[str]:
    if isinstance(value, str):
        value = value.strip().lower()
        for lang, words in LANGUAGE_WORDS.items():
            if value in words:
                return lang
    return default


def menu_text(lang: str) -> str:
    lines = [say("welcome", lang), ""]
    for s in scenarios.load_all():
        lines.append(f"{s.order}. {s.title[lang]} — {s.summary[lang]}")
    lines += ["", say("choose", lang)]
    return "\n".join(lines)


def parse_choice(text: str) -> Tuple[Optional[str], Optional[str]]:
    """(scenario id, language) from a typed menu choice such as '2 zh', 'queue', '排队 英文'."""
    text = (text or "").strip()
    language = None
    for lang, words in LANGUAGE_WORDS.items():
        for word in words:
            pattern = rf"(?<![a-z]){re.escape(word)}(?![a-z])" if word.isascii() else re.escape(word)
            if re.search(pattern, text, re.IGNORECASE):
                language = lang
                text = re.sub(pattern, " ", text, flags=re.IGNORECASE).strip()
                break
        if language:
            break
    scenario = scenarios.find(text) if text else None
    return (scenario.id if scenario else None), language
