"""Scenario files and their loader/validator (bot/scenarios)."""
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import bot
from bot import scenarios
from bot.scenarios import (FREQUENT_KINDS, LINE_KINDS, SCENARIO_DIR, Scenario, ScenarioError,
                           find, get, load_all, load_scenario, reload, validate_file, validate_main)

ROOT = Path(__file__).resolve().parents[1]
BOT_SCRIPT = ROOT / ".venv" / "bin" / "bot"
SEED_IDS = ["bank_card_failure", "queue_complaint", "expensive_cigarettes"]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    """Every test starts from the real folder and an empty cache."""
    monkeypatch.delenv("SCENARIO_DIR", raising=False)
    reload()
    yield
    reload()


def raw(scenario_id):
    return yaml.safe_load((SCENARIO_DIR / f"{scenario_id}.yml").read_text(encoding="utf-8"))


def write(folder, name, data):
    path = Path(folder) / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def all_strings(scenario, lang):
    """Every customer-visible string of one language in a scenario."""
    out = [scenario.title[lang], scenario.summary[lang], scenario.trainee_role[lang]]
    out += [scenario.persona[f][lang] for f in ("name", "who", "wants")]
    out += [s for kind in scenario.lines.values() for s in kind[lang]]
    out += [s for fact in scenario.facts for s in fact["line"][lang]]
    out += list(scenario.model_answer[lang])
    out += [t[lang] for t in scenario.tips.values()] + [h[lang] for h in scenario.hints.values()]
    return out


# ---------------------------------------------------------------- seed files

def test_three_seed_scenarios_load_in_menu_order():
    loaded = load_all()
    assert [s.id for s in loaded] == SEED_IDS
    assert [s.order for s in loaded] == [1, 2, 3]
    assert all(isinstance(s, Scenario) for s in loaded)


@pytest.mark.parametrize("scenario_id", SEED_IDS)
def test_seed_file_validates(scenario_id):
    assert validate_file(SCENARIO_DIR / f"{scenario_id}.yml") == []


@pytest.mark.parametrize("scenario_id", SEED_IDS)
def test_every_line_kind_has_enough_variants_in_both_languages(scenario_id):
    s = get(scenario_id)
    assert set(s.lines) == set(LINE_KINDS)
    for kind in LINE_KINDS:
        for lang in bot.LANGUAGES:
            variants = s.lines[kind][lang]
            assert len(variants) >= (4 if kind in FREQUENT_KINDS else 3), (kind, lang)
            assert len(set(variants)) == len(variants), (kind, lang)


@pytest.mark.parametrize("scenario_id", SEED_IDS)
def test_zh_has_han_and_en_has_none(scenario_id):
    s = get(scenario_id)
    for text in all_strings(s, "zh"):
        assert HAN.search(text), text
    for text in all_strings(s, "en"):
        assert not HAN.search(text), text


@pytest.mark.parametrize("scenario_id", SEED_IDS)
def test_seed_content_shape(scenario_id):
    s = get(scenario_id)
    assert 4 <= len(s.facts) <= 6
    assert set(s.needs) <= set(bot.BEHAVIOURS) and s.needs
    assert s.persona["starting_mood"] in ("furious", "angry", "annoyed", "calm")
    assert len(s.model_answer["en"]) == len(s.model_answer["zh"]) >= 4
    advice = set(bot.BEHAVIOURS) | set(bot.FLAGS) | ({"greeting"} if s.hotline else set())
    assert set(s.tips) == advice and set(s.hints) == advice


def test_seed_specifics_follow_the_course():
    card, queue, cigs = (get(i) for i in SEED_IDS)
    assert card.hotline and not queue.hotline and not cigs.hotline
    assert (card.persona["starting_mood"], queue.persona["starting_mood"],
            cigs.persona["starting_mood"]) == ("annoyed", "angry", "annoyed")
    assert set(queue.needs) == {"apologizing", "explaining", "committing"}
    assert "listening" in cigs.needs and "explaining" in cigs.needs
    # The hotline model answer opens with a standard greeting: a number and the bank.
    assert re.search(r"\d{3,}", card.model_answer["en"][0]) and "Bank" in card.model_answer["en"][0]
    assert re.search(r"\d{3,}", card.model_answer["zh"][0]) and "银行" in card.model_answer["zh"][0]


def test_line_and_text_accessors():
    s = get("queue_complaint")
    rng = random.Random(7)
    assert s.line("blamed", "zh", rng) in s.lines["blamed"]["zh"]
    picks = {s.line("opening", "en", random.Random(seed)) for seed in range(30)}
    assert len(picks) > 1                         # sessions don't all read the same
    assert s.line("opening", "en", random.Random(3)) == s.line("opening", "en", random.Random(3))
    assert s.text("title", "zh") == s.title["zh"]
    assert s.text("persona.name", "en") == "Mr. Zhao"
    assert s.text("tips.blame", "en") == s.tips["blame"]["en"]
    with pytest.raises(KeyError):
        s.line("no_such_kind", "en", rng)
    with pytest.raises(KeyError):
        s.text("nope", "en")


def test_get_unknown_id_is_a_helpful_key_error():
    with pytest.raises(KeyError) as info:
        get("furniture_showroom")
    assert "furniture_showroom" in str(info.value) and "queue_complaint" in str(info.value)


def test_load_scenario_by_id_and_by_path():
    by_id = load_scenario("expensive_cigarettes")
    by_path = load_scenario(SCENARIO_DIR / "expensive_cigarettes.yml")
    assert by_id == by_path and by_id.id == "expensive_cigarettes"


def test_load_all_is_cached_until_reload():
    first = load_all()
    assert load_all()[0] is first[0]
    reload()
    assert load_all()[0] is not first[0]


# ---------------------------------------------------------------- find()

@pytest.mark.parametrize("text,expected", [
    ("1", "bank_card_failure"), ("2", "queue_complaint"), ("３", "expensive_cigarettes"),
    ("２", "queue_complaint"), ("二", "queue_complaint"), ("第三个", "expensive_cigarettes"),
    (" 2. ", "queue_complaint"), ("one", "bank_card_failure"),
    ("queue_complaint", "queue_complaint"), ("EXPENSIVE_CIGARETTES", "expensive_cigarettes"),
    ("queue", "queue_complaint"), ("Queue", "queue_complaint"), ("排队", "queue_complaint"),
    ("the cigarettes one", "expensive_cigarettes"), ("卷烟", "expensive_cigarettes"),
    ("bank card", "bank_card_failure"), ("银行卡", "bank_card_failure"),
    ("营业厅排队投诉", "queue_complaint"), ("Bank card keeps failing", "bank_card_failure"),
    ("cigarette", "expensive_cigarettes"), ("我想练排队那个", "queue_complaint"),
])
def test_find_matches_a_typed_choice(text, expected):
    found = find(text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["", "   ", "hello", "xyz", "9", "九", "🙂", "天气怎么样"])
def test_find_returns_none_for_unknown_text(text):
    assert find(text) is None


# ---------------------------------------------------------------- a 4th scenario, no code change

def test_fourth_scenario_in_a_temp_dir_loads_without_code_change(tmp_path, monkeypatch):
    for sid in SEED_IDS:
        shutil.copy(SCENARIO_DIR / f"{sid}.yml", tmp_path)
    data = raw("queue_complaint")
    data.update(id="double_postage", order=4,
                title={"en": "Charged postage twice", "zh": "邮费收了两次"},
                aliases={"en": ["postage"], "zh": ["邮费"]})
    write(tmp_path, "double_postage.yml", data)
    monkeypatch.setenv("SCENARIO_DIR", str(tmp_path))
    reload()
    assert [s.id for s in load_all()] == SEED_IDS + ["double_postage"]
    assert get("double_postage").order == 4
    assert find("4").id == "double_postage"
    assert find("postage").id == "double_postage"
    assert find("邮费").id == "double_postage"
    assert validate_main([]) == 0


# ---------------------------------------------------------------- malformed files

def broken(tmp_path, change, name="queue_complaint"):
    """Copy a seed file into tmp_path, apply `change` to its data, return the path."""
    data = raw(name)
    change(data)
    return write(tmp_path, f"{name}.yml", data)


def assert_rejected(path, field, *words):
    problems = validate_file(path)
    assert problems, "expected problems"
    hits = [p for p in problems if path.name in p and f": {field}" in p]
    assert hits, problems
    for word in words:
        assert any(word in p for p in hits), (word, hits)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert path.name in str(info.value) and field in str(info.value)
    return hits


def test_missing_field_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d.pop("summary"))
    assert_rejected(path, "summary", "missing")


def test_missing_line_kind_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["lines"].pop("hang_up"))
    assert_rejected(path, "lines.hang_up", "missing")


def test_unknown_mood_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["persona"].update(starting_mood="livid"))
    assert_rejected(path, "persona.starting_mood", "livid")


def test_satisfied_is_not_a_starting_mood(tmp_path):
    path = broken(tmp_path, lambda d: d["persona"].update(starting_mood="satisfied"))
    assert_rejected(path, "persona.starting_mood")


def test_unknown_need_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d.update(needs=["apologizing", "smiling"]))
    assert_rejected(path, "needs", "smiling")


def test_missing_language_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["lines"]["blamed"].pop("zh"))
    assert_rejected(path, "lines.blamed.zh", "missing")


def test_missing_language_in_a_text_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["title"].pop("en"))
    assert_rejected(path, "title.en", "missing")


def test_too_few_variants_are_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["lines"]["dismissed"].update(en=["Calm down yourself!", "Rude."]))
    assert_rejected(path, "lines.dismissed.en", "at least 3")


def test_wrong_type_is_rejected(tmp_path):
    path = broken(tmp_path, lambda d: d["lines"]["blamed"].update(zh="只有一句"))
    assert_rejected(path, "lines.blamed.zh", "non-empty list of strings")


def test_swapped_languages_are_rejected(tmp_path):
    def swap(d):
        d["lines"]["silence"]["en"], d["lines"]["silence"]["zh"] = d["lines"]["silence"]["zh"], d["lines"]["silence"]["en"]
    path = broken(tmp_path, swap)
    assert_rejected(path, "lines.silence.en", "Chinese")


def test_id_must_match_file_name(tmp_path):
    path = broken(tmp_path, lambda d: d.update(id="queue"))
    assert_rejected(path, "id", "file name")


def test_hotline_needs_greeting_advice(tmp_path):
    path = broken(tmp_path, lambda d: d["tips"].pop("greeting"), name="bank_card_failure")
    assert_rejected(path, "tips.greeting", "missing")


def test_duplicate_order_is_rejected(tmp_path, monkeypatch):
    shutil.copy(SCENARIO_DIR / "queue_complaint.yml", tmp_path)
    data = raw("expensive_cigarettes")
    data["order"] = 2
    path = write(tmp_path, "expensive_cigarettes.yml", data)
    problems = validate_file(path)
    assert any("expensive_cigarettes.yml: order: duplicate order 2" in p for p in problems), problems
    monkeypatch.setenv("SCENARIO_DIR", str(tmp_path))
    reload()
    with pytest.raises(ScenarioError, match="order"):
        load_all()


def test_unreadable_yaml_is_reported(tmp_path):
    path = tmp_path / "queue_complaint.yml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    problems = validate_file(path)
    assert len(problems) == 1 and "queue_complaint.yml" in problems[0]
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_missing_file_is_reported(tmp_path):
    problems = validate_file(tmp_path / "nope.yml")
    assert problems and "nope.yml" in problems[0] and "not found" in problems[0]


def test_message_names_file_relative_to_the_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    path = SCENARIO_DIR / "queue_complaint.yml"
    data = raw("queue_complaint")
    data["persona"]["starting_mood"] = "grumpy"
    problems = scenarios._check(data, path)
    assert problems == ["bot/scenarios/queue_complaint.yml: persona.starting_mood: "
                        "unknown mood 'grumpy' (expected one of furious, angry, annoyed, calm)"]


# ---------------------------------------------------------------- bot validate

def run_validate(*args, env_dir=None):
    import os
    env = dict(os.environ)
    env.pop("SCENARIO_DIR", None)
    if env_dir is not None:
        env["SCENARIO_DIR"] = str(env_dir)
    command = [str(BOT_SCRIPT)] if BOT_SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]
    return subprocess.run(command + ["validate", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_bot_validate_ok_on_the_seed_files():
    result = run_validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 3 scenarios" in result.stdout


def test_bot_validate_fails_on_a_broken_file(tmp_path):
    shutil.copy(SCENARIO_DIR / "bank_card_failure.yml", tmp_path)
    broken(tmp_path, lambda d: d["persona"].update(starting_mood="livid"))
    result = run_validate(env_dir=tmp_path)
    assert result.returncode == 1
    assert "queue_complaint.yml: persona.starting_mood" in result.stdout
    assert "ok:" not in result.stdout


def test_bot_validate_given_files(tmp_path):
    good = run_validate(SCENARIO_DIR / "queue_complaint.yml")
    assert good.returncode == 0 and "ok: 1 scenarios" in good.stdout
    bad = broken(tmp_path, lambda d: d["lines"]["blamed"].pop("en"))
    result = run_validate(bad)
    assert result.returncode == 1 and "lines.blamed.en" in result.stdout


def test_bot_validate_empty_folder_fails(tmp_path):
    assert run_validate(env_dir=tmp_path).returncode == 1
