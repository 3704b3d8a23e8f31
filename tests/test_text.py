import pytest

from bot.text import clean, detect_language, message_kind


@pytest.mark.parametrize("raw,kind", [
    ("", "silence"), ("   \n ", "silence"), (None, "silence"),
    ("😀😀😀", "gibberish"), ("!!!???", "gibberish"), ("asdfghjkl", "gibberish"), ("<br><br>", "gibberish"),
    ("<script>alert(1)</script>", "gibberish"),
    ("sorry", "speech"), ("strengths and rhythms", "speech"), ("对不起", "speech"), ("我的 card 坏了 😀", "speech"), ("ok", "speech"),
])
def test_message_kinds(raw, kind):
    assert message_kind(raw) == kind


def test_clean_strips_markup_and_control_characters_and_caps_length():
    assert clean("<b>I'm sorry</b> &amp; <i>truly</i>\x00") == "I'm sorry & truly"
    assert len(clean("x" * 10_000)) == 2000


@pytest.mark.parametrize("text,lang", [("I'm sorry", "en"), ("实在抱歉", "zh"), ("我的card坏了", "zh"),
                                        ("The POS机 is broken again today", "en"), ("", "en")])
def test_language_detection(text, lang):
    assert detect_language(text) == lang
