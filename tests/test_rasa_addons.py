"""The Rasa-side plug-ins: mixed tokenizer, typed commands and the command guard, the no-silence channel guard."""
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.channels import NO_REPLY_MESSAGE, never_silent
from rasa_addons.commands import TypedCommands, command_intent
from rasa_addons.tokenizer import MixedTokenizer


def tokens(text):
    tokenizer = MixedTokenizer(MixedTokenizer.get_default_config())
    return [t.text for t in tokenizer.tokenize(Message({TEXT: text}), TEXT)]


def test_mixed_text_has_no_whitespace_tokens_and_keeps_english_words():
    words = tokens("我的 Card 在 POS机 上 刷不了, sorry about that")
    assert all(w.strip() for w in words)
    assert "card" in words and "sorry" in words and "刷不了" in "".join(words)


def test_token_offsets_point_into_the_text():
    text = "您好 agent 1047 为您服务"
    tokenizer = MixedTokenizer(MixedTokenizer.get_default_config())
    for token in tokenizer.tokenize(Message({TEXT: text}), TEXT):
        assert text[token.start:token.end].lower() == token.text


def test_typed_commands_in_both_languages():
    assert command_intent("/coach on") == "coach_on" and command_intent("/coach off") == "coach_off"
    assert command_intent("关闭点评") == "coach_off" and command_intent("/提示") == "hint"
    assert command_intent("I'm sorry about the coach") is None


def message(text, ranking):
    m = Message({TEXT: text})
    m.set(INTENT, dict(ranking[0]))
    m.set(INTENT_RANKING_KEY, ranking)
    return m


def test_an_unsure_session_command_is_scored_as_a_reply_instead():
    m = TypedCommands().process([message("嗯", [{"name": "end_roleplay", "confidence": 0.3},
                                              {"name": "acknowledge", "confidence": 0.2}])])[0]
    assert m.get(INTENT)["name"] == "acknowledge"
    sure = TypedCommands().process([message("end the role-play", [{"name": "end_roleplay", "confidence": 0.93},
                                                                   {"name": "thank", "confidence": 0.02}])])[0]
    assert sure.get(INTENT)["name"] == "end_roleplay"


async def test_a_turn_that_sends_nothing_gets_a_clear_message():
    async def silent(message):  # what Rasa does when the action server is unreachable
        return None

    collector = CollectingOutputChannel()
    await never_silent(silent)(UserMessage("hello", collector, "s1"))
    assert collector.messages[0]["text"] == NO_REPLY_MESSAGE


async def test_a_turn_that_answers_is_left_alone():
    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hmph."})

    collector = CollectingOutputChannel()
    await never_silent(answers)(UserMessage("hello", collector, "s1"))
    assert [m["text"] for m in collector.messages] == ["Hmph."]


def test_an_empty_message_is_one_silence_token():
    assert tokens("") == ["__silence__"] and tokens("   ") == ["__silence__"]
