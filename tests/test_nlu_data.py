"""Checks on the NLU training data under data/nlu/.

- every file parses with Rasa's loader;
- every intent the bot relies on has a minimum number of examples per
  language (zh = the example contains Han characters, otherwise en);
- no example appears under two intents (compared case-insensitively and
  ignoring punctuation and spaces), and none twice within an intent.
"""
from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from rasa.shared.nlu.training_data.loading import load_data

NLU_DIR = Path(__file__).resolve().parents[1] / "data" / "nlu"

DIALOGUE_ACTS = [
    "greet", "ask", "acknowledge", "apologize", "explain", "commit",
    "blame", "deflect", "dismiss", "thank", "out_of_scope",
]
COMMANDS = ["choose_scenario", "start", "end_roleplay", "hint", "coach_on", "coach_off"]
MIN_DIALOGUE_ACT = 35  # per language
MIN_COMMAND = 15  # per language

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def language(text: str) -> str:
    return "zh" if HAN.search(text) else "en"


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def nlu_files():
    return sorted(NLU_DIR.glob("*.yml")) + sorted(NLU_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def examples():
    """(intent, text, file name) for every intent example of every file."""
    rows = []
    for path in nlu_files():
        data = load_data(str(path))
        for message in data.intent_examples:
            rows.append((message.get("intent"), message.get("text"), path.name))
    return rows


def test_there_are_nlu_files():
    assert nlu_files(), f"no NLU files under {NLU_DIR}"


@pytest.mark.parametrize("path", nlu_files(), ids=lambda p: p.name)
def test_file_parses_with_rasa_loader(path):
    data = load_data(str(path))
    assert data.intent_examples, f"{path.name} holds no intent examples"
    for message in data.intent_examples:
        text = message.get("text")
        assert text and text.strip(), f"empty example in {path.name}"
        assert text == text.strip(), f"stray whitespace around {text!r} in {path.name}"
        # entity markup would change the text the classifier sees
        assert not message.get("entities"), f"unexpected entity markup in {text!r}"


def test_whole_directory_loads(examples):
    merged = load_data(str(NLU_DIR))
    assert len(merged.intent_examples) == len(examples)


@pytest.mark.parametrize(
    "intent,minimum",
    [(i, MIN_DIALOGUE_ACT) for i in DIALOGUE_ACTS] + [(i, MIN_COMMAND) for i in COMMANDS],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_minimum_examples_per_language(examples, intent, minimum, lang):
    count = sum(1 for i, text, _ in examples if i == intent and language(text) == lang)
    assert count >= minimum, f"{intent}/{lang}: {count} examples, need at least {minimum}"


def test_no_example_under_two_intents(examples):
    owners = collections.defaultdict(set)
    for intent, text, name in examples:
        owners[normalise(text)].add((intent, text, name))
    clashes = {
        key: sorted(rows) for key, rows in owners.items()
        if len({intent for intent, _, _ in rows}) > 1
    }
    assert not clashes, "examples under several intents:\n" + "\n".join(
        f"  {rows}" for rows in clashes.values()
    )


def test_no_duplicate_within_an_intent(examples):
    counts = collections.Counter((intent, normalise(text)) for intent, text, _ in examples)
    dups = [key for key, n in counts.items() if n > 1]
    assert not dups, f"duplicate examples: {dups}"


def test_each_intent_lives_in_one_file(examples):
    files = collections.defaultdict(set)
    for intent, _, name in examples:
        files[intent].add(name)
    spread = {intent: sorted(names) for intent, names in files.items() if len(names) > 1}
    assert not spread, f"intents split over several files: {spread}"
