"""Reply scorer: the rubric's traps, listening in context, the `bot score` CLI,
deterministic training and the session score."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import scoring
from bot.scoring import detect_language, score_reply
from bot.scoring.labels import DIMENSIONS, FLAGS, HOTLINE_SCENARIOS, LABELS
from bot.scoring.session import is_standard_greeting, score_session

ROOT = Path(__file__).resolve().parents[1]
BOT = Path(sys.executable).parent / "bot"


@pytest.fixture(scope="module", autouse=True)
def model():
    """The trained model (built by `make setup`); trained here if it is missing."""
    from bot.scoring.model import MODEL_DIR
    if not all((MODEL_DIR / lang / "combiner.json").exists() for lang in ("en", "zh")):
        subprocess.run([sys.executable, "-m", "bot.scoring.train"], cwd=ROOT, check=True)
    return scoring.load()


def label(verdict, name):
    return verdict["dimensions" if name in DIMENSIONS else "flags"][name]


# (reply, lang, labels that must be detected, labels that must not, word the evidence must contain)
TRAPS = [
    # apologizing: with and without the word sorry; "sorry" that is not an apology
    ("We let you down there, that's on us.", "en", ["apologizing"], [], "on us"),
    ("That's on us.", "en", ["apologizing"], [], "on us"),
    ("Sorry?", "en", [], ["apologizing", "listening"], None),
    ("I'm sorry you feel that way.", "en", [], ["apologizing"], None),
    ("Excuse me, next!", "en", ["dismiss"], ["apologizing"], "next"),
    ("I'm really sorry, that's not my department though.", "en", ["apologizing", "deflect"], [], "department"),
    ("这是我们的失误,给您添麻烦了。", "zh", ["apologizing"], [], "失误"),
    ("对不起?", "zh", [], ["apologizing"], None),
    ("对不起,价格是公司定的,我也没办法。", "zh", ["apologizing", "deflect"], [], "没办法"),
    # committing: concrete action with or without "I will"; vague intentions and instructions are not
    ("A new card goes out by courier today.", "en", ["committing"], [], "goes out"),
    ("I'm reactivating it now and will text you when it's done.", "en", ["committing"], [], "reactivating"),
    ("We'll try to improve.", "en", [], ["committing"], None),
    ("We'll look into it.", "en", [], ["committing"], None),
    ("Go to your branch.", "en", [], ["committing"], None),
    ("Please wait.", "en", [], ["committing"], None),
    ("I'll tell you what, it's your fault.", "en", ["blame"], ["committing"], "your fault"),
    ("Sure, I'll personally fly it to your house tonight, happy now?", "en", ["committing", "dismiss"], [], "happy now"),
    ("我现在就带您去3号窗口办理。", "zh", ["committing"], [], "带"),
    ("新卡明天就给您寄出。", "zh", ["committing"], [], "明天"),
    ("我们会尽量改进的", "zh", [], ["committing"], None),
    ("我们会尽量改进的。", "zh", [], ["committing"], None),
    ("请稍等。", "zh", [], ["committing"], None),
    ("您去网点办吧。", "zh", [], ["committing"], None),
    # blame: accusing questions, second-person causes; negated blame is not blame
    ("Did you bend it?", "en", ["blame"], ["listening"], "bend"),
    ("You must have put it next to your phone.", "en", ["blame"], [], "must have"),
    ("Because you didn't activate it, it doesn't work.", "en", ["blame"], ["explaining"], "you"),
    ("I'm not blaming you.", "en", [], ["blame"], None),
    ("It's not your fault, it's ours.", "en", ["apologizing"], ["blame"], "ours"),
    ("你是不是把卡弄弯了?", "zh", ["blame"], ["listening"], "你是不是"),
    ("谁让你中午来的?", "zh", ["blame"], ["listening"], "谁让你"),
    ("这不是您的错。", "zh", [], ["blame"], None),
    # deflect and dismiss
    ("Nothing I can do, it's company policy.", "en", ["deflect"], [], "Nothing I can"),
    ("The price is set by head office, complain to them.", "en", ["deflect"], ["explaining"], None),
    ("Calm down.", "en", ["dismiss"], [], "Calm down"),
    ("Take it or leave it.", "en", ["dismiss"], [], "leave it"),
    ("Next!", "en", ["dismiss"], [], "Next"),
    ("价格是公司定的,我也没办法", "zh", ["deflect"], [], None),
    ("这事不归我管", "zh", ["deflect"], [], "不归我管"),
    ("爱买不买", "zh", ["dismiss"], [], "爱买不买"),
    ("嚷什么", "zh", ["dismiss"], ["listening"], "嚷什么"),
    # the flags' concepts in other words than the rubric's examples
    ("There's no need to raise your voice.", "en", ["dismiss"], [], "raise"),
    ("Hurry up, I haven't got all day.", "en", ["dismiss"], [], "Hurry up"),
    ("If you don't like it, shop somewhere else.", "en", ["dismiss"], [], "like it"),
    ("I'm busy.", "en", ["dismiss"], [], "busy"),
    ("I'm busy right now, sorry - give me one minute and I'll come over and help you.", "en", ["committing"], ["dismiss"], None),
    # telling the customer to be calm, in any form, is the rubric's "calm down" (docs/labelling.md)
    ("Please stay calm, I'm reactivating your card right now.", "en", ["committing", "dismiss"], [], "stay calm"),
    ("I'm not going to tell you to calm down; anyone would be angry.", "en", [], ["dismiss"], None),
    ("You should have read the letter that came with the card.", "en", ["blame"], [], "should have"),
    ("Have you been keeping it in your back pocket?", "en", ["blame"], ["listening"], None),
    ("You shouldn't have to explain it again, I'm sorry.", "en", ["apologizing"], ["blame"], "sorry"),
    ("That's head office's decision, take it up with them.", "en", ["deflect"], [], None),
    ("I can't change the list price, but I'm putting a voucher through for you right now.", "en", ["committing"], ["deflect"], None),
    ("你冷静点,吵也解决不了问题。", "zh", ["dismiss"], [], "冷静"),
    ("我很忙,你快点说。", "zh", ["dismiss"], [], None),
    # "calm down" is a brush-off even next to an action (the rubric names it); the course's
    # model answer reassures with "您别着急", which is not
    ("你冷静点,我现在就给您办。", "zh", ["committing", "dismiss"], [], None),
    ("Calm down, madam. I'm ordering you a new card as we speak.", "en", ["committing", "dismiss"], [], "Calm down"),
    ("您别着急,我现在就给您办。", "zh", ["committing"], ["dismiss"], None),
    ("Please don't worry, I'm reactivating the card right now.", "en", ["committing"], ["dismiss"], None),
    ("你要是早点来,也不至于排这么久。", "zh", ["blame"], [], None),
    ("还不是你自己没保管好。", "zh", ["blame"], [], None),
    ("这是系统规定的,我们人工改不了。", "zh", ["deflect"], [], None),
    ("不是您的问题,是我们价签换晚了,对不起。", "zh", ["apologizing"], ["deflect", "blame"], None),
    # listening and explaining
    ("Which shop refused it, and what did the screen say?", "en", ["listening"], ["blame"], "Which shop"),
    ("Go on, I'm listening.", "en", ["listening"], [], "listening"),
    ("You spotted our newest blend.", "en", ["listening"], [], "spotted"),
    ("The chip on cards from that batch was never activated.", "en", ["explaining"], [], None),
    ("So you want the manager.", "en", [], ["explaining"], None),
    ("That's just how it is.", "en", [], ["explaining"], None),
    ("您是说刚办的卡,这几天哪儿都刷不了,对吧?", "zh", ["listening"], [], "您是说"),
    ("您今天是要办什么业务?", "zh", ["listening"], [], "业务"),
    ("您慢慢说,我听着。", "zh", ["listening"], [], "慢慢说"),
    ("您眼光真准,这是刚上市的。", "zh", ["listening"], [], "眼光"),
    ("噢,是吗?", "zh", ["listening"], [], "是吗"),
    ("今天是发工资的日子,来办业务的人特别多。", "zh", ["explaining"], [], None),
]


@pytest.mark.parametrize("text,lang,yes,no,word", TRAPS, ids=[t[0][:40] for t in TRAPS])
def test_rubric_traps(text, lang, yes, no, word):
    verdict = score_reply(text, lang=lang)
    for name in yes:
        item = label(verdict, name)
        assert item["detected"], f"{name} not detected in {text!r}: {verdict}"
        assert item["evidence"] and item["evidence"] in text
        assert item["confidence"] >= 0.5
    for name in no:
        assert not label(verdict, name)["detected"], f"{name} wrongly detected in {text!r}: {verdict}"
    if word and yes:
        assert any(word in label(verdict, name)["evidence"] for name in yes), verdict


def test_verdict_shape_and_evidence_is_a_substring():
    text = "I'm so sorry, that's our mistake. I'm sending a new card by courier today."
    verdict = score_reply(text, "en", "bank_card_failure", "My card doesn't work!")
    assert set(verdict) == {"lang", "dimensions", "flags"} and verdict["lang"] == "en"
    assert set(verdict["dimensions"]) == set(DIMENSIONS) and set(verdict["flags"]) == set(FLAGS)
    for name in LABELS:
        item = label(verdict, name)
        assert isinstance(item["detected"], bool)
        assert 0.0 <= item["confidence"] <= 1.0 and round(item["confidence"], 2) == item["confidence"]
        assert (item["evidence"] in text and item["evidence"]) if item["detected"] else item["evidence"] == ""
    assert verdict["dimensions"]["committing"]["concrete"] is True
    assert score_reply("We'll look into it.", "en")["dimensions"]["committing"].get("concrete") is False


def test_listening_uses_the_customers_last_line():
    customer = "My card is brand new and it's been declined at every shop since Monday!"
    reply = "So the card is brand new and it's been declined at every shop since Monday."
    with_context = label(score_reply(reply, "en", "bank_card_failure", customer), "listening")
    without = label(score_reply(reply, "en", "bank_card_failure"), "listening")
    assert with_context["detected"]
    assert with_context["confidence"] > without["confidence"]
    customer_zh = "我这张卡是新办的,这几天在超市、饭店都刷不了!"
    reply_zh = "新办的卡,这几天在超市、饭店都刷不了。"
    with_zh = label(score_reply(reply_zh, "zh", "bank_card_failure", customer_zh), "listening")
    without_zh = label(score_reply(reply_zh, "zh", "bank_card_failure"), "listening")
    assert with_zh["confidence"] > without_zh["confidence"]


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "<b>sorry</b> <script>x</script>", "a" * 10000,
                                  "Sorry 对不起 we will fix it 我马上给您办", "\u0000\ufeff", "?!", "好"])
def test_never_raises(text):
    verdict = score_reply(text)
    assert set(verdict["dimensions"]) == set(DIMENSIONS)
    if not text.strip():
        assert not any(label(verdict, k)["detected"] for k in LABELS)


def test_detect_language():
    assert detect_language("Sorry about that.") == "en"
    assert detect_language("对不起,给您添麻烦了。") == "zh"
    assert detect_language("我的card坏了") == "zh"
    assert detect_language("I'm at the 工商银行 branch on Main Street") == "en"
    assert detect_language("") == "en"
    assert score_reply("这是我们的失误。")["lang"] == "zh"


def test_greeting():
    assert is_standard_greeting("您好,XX银行客服中心,我是1047号", "zh")
    assert is_standard_greeting("Good morning, City Bank card services, this is agent 2231", "en")
    assert not is_standard_greeting("喂,干嘛?", "zh")
    assert not is_standard_greeting("Hello.", "en")
    assert not is_standard_greeting("Hello, how can I help?", "en")


# ----------------------------------------------------------------- CLI --
def run_cli(lines):
    proc = subprocess.run([str(BOT), "score"], input="\n".join(lines) + "\n", capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_cli_scores_in_order_and_reports_bad_lines():
    lines = [
        json.dumps({"id": "a", "scenario": "bank_card_failure", "lang": "en", "text": "That's on us, sorry.",
                    "customer": "My card doesn't work!"}),
        "this is not json",
        json.dumps({"id": "b", "scenario": "queue_complaint", "lang": "fr", "text": "Bonjour"}),
        json.dumps({"id": "c", "scenario": "no_such_scenario", "lang": "en", "text": "Hi"}),
        json.dumps({"id": "d", "scenario": "queue_complaint", "lang": "en"}),
        json.dumps({"id": "e", "scenario": "queue_complaint", "lang": "en", "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "scenario": "expensive_cigarettes", "text": "爱买不买"}),
        json.dumps({"id": "g", "scenario": "queue_complaint", "lang": "en", "text": ""}),
        json.dumps({"id": 7, "scenario": "queue_complaint", "lang": None, "text": "Calm down."}),
    ]
    out = run_cli(lines)
    assert [o.get("id") for o in out] == ["a", None, "b", "c", "d", "e", None, "f", "g", 7]
    assert out[0]["dimensions"]["apologizing"]["detected"] and "error" not in out[0]
    assert all("error" in out[i] for i in (1, 2, 3, 4, 5, 6))
    assert out[7]["lang"] == "zh" and out[7]["flags"]["dismiss"]["detected"]
    assert "error" not in out[8] and not any(out[8]["dimensions"][k]["detected"] for k in DIMENSIONS)
    assert out[9]["flags"]["dismiss"]["detected"]


def test_cli_flushes_each_line():
    proc = subprocess.Popen([str(BOT), "score"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for i, text in enumerate(["Sorry about the wait.", "这事不归我管"]):
            proc.stdin.write(json.dumps({"id": i, "scenario": "queue_complaint", "text": text}) + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())  # arrives before stdin is closed
            assert answer["id"] == i
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


# ------------------------------------------------------------ training --
def test_training_is_deterministic(tmp_path):
    from bot.scoring.data import load_replies, split
    from bot.scoring.model import textcat_probs
    from bot.scoring.train import train_language
    records = load_replies("en")
    parts = split("en", records)
    train, dev = parts["train"][:80], parts["dev"][:30]
    models = [train_language("en", train, dev, folds=2, epochs=3, out_dir=tmp_path / str(i), log=lambda *_: None)
              for i in range(2)]
    probs = [textcat_probs(m.nlp, [r["text"] for r in dev]) for m in models]
    assert probs[0] == probs[1]
    assert models[0].combiner == models[1].combiner
    verdicts = [[m.score(r["text"], r["customer"]) for r in dev] for m in models]
    assert verdicts[0] == verdicts[1]
    assert (tmp_path / "0" / "en" / "combiner.json").read_text() == (tmp_path / "1" / "en" / "combiner.json").read_text()


def test_split_is_stable_and_disjoint():
    from bot.scoring.data import load_replies, split
    for lang in ("en", "zh"):
        parts = split(lang, load_replies(lang))
        ids = [{r["id"] for r in parts[k]} for k in ("train", "dev", "test")]
        assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])
        assert all(ids)
        again = split(lang, load_replies(lang))
        assert [r["id"] for r in again["test"]] == [r["id"] for r in parts["test"]]


def test_paraphrases_only_train_on_their_sources_split():
    """A paraphrase is training data for the split its source is in, with its source's
    labels and customer line: a dev or test reply never leaks into training in other words."""
    from bot.scoring.data import load_replies, paraphrases, split
    from bot.scoring.train import _fold
    for lang in ("en", "zh"):
        parts = split(lang, load_replies(lang))
        train = {r["id"]: r for r in parts["train"]}
        extra = paraphrases(lang, parts["train"])
        assert len(extra) > len(train) * 0.9
        for p in extra:
            source = train[p["source"]]
            assert p["labels"] == source["labels"] and p["customer"] == source["customer"]
            assert p["text"] != source["text"] and _fold(p, 5) == _fold(source, 5)
        assert paraphrases(lang, parts["dev"] + parts["test"]) == []


# ------------------------------------------------------------- session --
def test_session_quality_ordering():
    from bot.scoring.data import load_sessions
    for lang in ("en", "zh"):
        by_scenario = {}
        for session in load_sessions(lang):
            turns = [{"verdict": score_reply(t["reply"], lang, session["scenario"], t["customer"]), "reply": t["reply"]}
                     for t in session["turns"]]
            result = score_session(turns, hotline=session["scenario"] in HOTLINE_SCENARIOS)
            by_scenario.setdefault(session["scenario"], {})[session["quality"]] = result
        for scenario, results in by_scenario.items():
            overall = {q: results[q]["overall"] for q in results}
            assert overall["exemplary"] > overall["mixed"] > overall["poor"], (lang, scenario, overall)
            if scenario in HOTLINE_SCENARIOS:
                assert results["exemplary"]["greeting"] is True


def test_session_rewards_early_apology_and_concrete_commitment():
    def verdict(**detected):
        v = scoring.empty_verdict("en")
        for name, extra in detected.items():
            item = label(v, name)
            item.update(detected=True, confidence=0.9, evidence=name, **extra)
        return v
    nothing = verdict()
    early = [{"verdict": verdict(apologizing={}), "reply": "", "mood_before": "angry"}] + \
            [{"verdict": nothing, "reply": ""}] * 3
    late = [{"verdict": nothing, "reply": ""}] * 3 + \
           [{"verdict": verdict(apologizing={}), "reply": "", "mood_before": "calm"}]
    assert score_session(early)["dimensions"]["apologizing"] > score_session(late)["dimensions"]["apologizing"]
    concrete = score_session([{"verdict": verdict(committing={"concrete": True}), "reply": ""}])
    vague = score_session([{"verdict": verdict(committing={"concrete": False}), "reply": ""}])
    assert concrete["dimensions"]["committing"] > vague["dimensions"]["committing"]
    blamed = score_session([{"verdict": verdict(apologizing={}, blame={}), "reply": ""}])
    clean = score_session([{"verdict": verdict(apologizing={}), "reply": ""}])
    assert blamed["overall"] < clean["overall"] and blamed["flags"]["blame"] == 1
    assert blamed["evidence"]["apologizing"] == [{"turn": 1, "evidence": "apologizing"}]
    assert clean["greeting"] is None
    assert score_session([{"verdict": nothing, "reply": "Hello."}], hotline=True)["greeting"] is False


@pytest.mark.parametrize("text,lang", [("Hello.", "en"), ("Hi there!", "en"), ("Good morning", "en"),
                                       ("喂!你好。", "zh"), ("您好", "zh")])
def test_a_bare_greeting_is_never_a_mistake(text, lang):
    verdict = score_reply(text, lang=lang)
    assert not any(j["detected"] for j in verdict["flags"].values())
