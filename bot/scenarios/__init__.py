"""Scenarios: one YAML file per role-play, loaded and validated here.

A scenario is pure data (see docs/architecture.md and any file in this folder
for the schema). Adding a scenario means dropping a new ``<id>.yml`` file into
the folder; no code changes. Run ``bot validate`` to check the files.

Public API::

    load_all(directory=None) -> list[Scenario]   # sorted by `order`, cached
    reload()                                     # clear the cache
    load_scenario(path_or_id, directory=None) -> Scenario
    get(scenario_id) -> Scenario                 # KeyError if unknown
    find(text) -> Scenario | None                # a typed menu choice
    validate_file(path) -> list[str]             # every problem, "file: field: message"
    validate_main(argv) -> int                   # `bot validate`

The folder is ``SCENARIO_DIR``; the environment variable ``SCENARIO_DIR``
overrides it (read at call time, so tests can point it at a temp folder).
"""
from __future__ import annotations

import os
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import yaml

from bot import BEHAVIOURS, FLAGS, LANGUAGES, MOODS

SCENARIO_DIR = Path(__file__).resolve().parent

# Every kind of customer line a scenario must provide (see the schema).
LINE_KINDS = (
    "opening", "listened", "apologized", "explained", "committed",
    "blamed", "deflected", "dismissed", "off_topic", "gibberish", "silence",
    "greeted", "thanked", "neutral",
    "want_apology", "want_reason", "want_action", "want_listening",
    "escalate_manager", "escalate_complaint", "hang_up",
    "resolved", "farewell", "gave_up",
)
# Kinds the customer says often; the seed files give 4-5 variants for these.
FREQUENT_KINDS = (
    "opening", "listened", "apologized", "explained", "committed", "neutral",
    "want_apology", "want_reason", "want_action", "want_listening",
)
MIN_VARIANTS = 3
STARTING_MOODS = tuple(m for m in MOODS if m != "satisfied")
# Keys of `tips` and `hints`; "greeting" is required only when hotline is true.
ADVICE_KEYS = tuple(BEHAVIOURS) + tuple(FLAGS)
FIELDS = (
    "id", "order", "title", "summary", "trainee_role", "aliases", "hotline",
    "persona", "needs", "max_turns", "lines", "facts", "model_answer",
    "tips", "hints",
)
PERSONA_FIELDS = ("name", "who", "wants", "starting_mood")

# The C loader is ~10x faster; fall back to the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ID = re.compile(r"[a-z0-9_]+")

Text = Dict[str, str]


class ScenarioError(ValueError):
    """A scenario file is missing or invalid; the message names file and field."""


@dataclass(frozen=True)
class Scenario:
    id: str
    order: int
    title: Text
    summary: Text
    trainee_role: Text
    aliases: Dict[str, Tuple[str, ...]]
    hotline: bool
    persona: Dict[str, Any]
    needs: Tuple[str, ...]
    max_turns: int
    lines: Dict[str, Dict[str, Tuple[str, ...]]]
    facts: Tuple[Dict[str, Dict[str, Tuple[str, ...]]], ...]
    model_answer: Dict[str, Tuple[str, ...]]
    tips: Dict[str, Text]
    hints: Dict[str, Text]
    path: Path

    def __hash__(self) -> int:
        return hash((self.id, str(self.path)))

    def line(self, kind: str, lang: str, rng: Optional[random.Random] = None) -> str:
        """One variant of a customer line, e.g. line("blamed", "zh", rng)."""
        if kind not in self.lines:
            raise KeyError(f"scenario {self.id!r} has no line kind {kind!r}")
        if lang not in LANGUAGES:
            raise KeyError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
        return (rng or random).choice(self.lines[kind][lang])

    def text(self, field: str, lang: str) -> str:
        """A text field in one language; dotted paths reach nested fields:
        text("title", "en"), text("persona.name", "zh"), text("tips.blame", "en")."""
        first, *rest = field.split(".")
        value: Any = getattr(self, first, None) if first in FIELDS else None
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            raise KeyError(f"scenario {self.id!r} has no field {field!r}")
        if not isinstance(value, dict) or lang not in value:
            raise KeyError(f"scenario {self.id!r}: {field!r} is not a text in {lang!r}")
        return value[lang]


# --------------------------------------------------------------------------
# locating files

def scenario_dir(directory: Union[str, Path, None] = None) -> Path:
    """The folder to read: the argument, else $SCENARIO_DIR, else SCENARIO_DIR."""
    return Path(directory or os.environ.get("SCENARIO_DIR") or SCENARIO_DIR)


def _files(directory: Path) -> List[Path]:
    return sorted(directory.glob("*.yml"))


def _shown(path: Path) -> str:
    """A path for messages: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _path_for(path_or_id: Union[str, Path], directory=None) -> Path:
    text = str(path_or_id)
    if isinstance(path_or_id, Path) or text.endswith((".yml", ".yaml")) or os.sep in text:
        return Path(path_or_id)
    return scenario_dir(directory) / f"{text}.yml"


def _read(path: Path) -> Tuple[Any, List[str]]:
    """The parsed YAML of a file, or the problems that prevented reading it."""
    shown = _shown(path)
    if not path.is_file():
        return None, [f"{shown}: (file): not found"]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [f"{shown}: (file): cannot read YAML: {' '.join(str(exc).split())}"]
    if not isinstance(data, dict):
        return None, [f"{shown}: (top level): expected a mapping of fields"]
    return data, []


# --------------------------------------------------------------------------
# validation

class _Checker:
    """Collects problems as "file: field: message"."""

    def __init__(self, path: Path):
        self.path = path
        self.shown = _shown(path)
        self.problems: List[str] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(f"{self.shown}: {field}: {message}")

    def mapping(self, value, field: str) -> bool:
        if not isinstance(value, dict):
            self.problem(field, f"expected a mapping, found {_kind(value)}")
            return False
        return True

    def _languages(self, value, field: str) -> bool:
        if not self.mapping(value, field):
            return False
        for lang in LANGUAGES:
            if lang not in value:
                self.problem(f"{field}.{lang}", "missing language")
        for key in value:
            if key not in LANGUAGES:
                self.problem(f"{field}.{key}", f"unknown language (expected {', '.join(LANGUAGES)})")
        return True

    def _script(self, string: str, lang: str, field: str) -> None:
        if lang == "zh" and not _HAN.search(string):
            self.problem(field, f"zh text has no Chinese characters: {string!r}")
        if lang == "en" and _HAN.search(string):
            self.problem(field, f"en text contains Chinese characters: {string!r}")

    def text(self, value, field: str) -> None:
        """{en: "...", zh: "..."}"""
        if not self._languages(value, field):
            return
        for lang in LANGUAGES:
            if lang not in value:
                continue
            string = value[lang]
            if not isinstance(string, str) or not string.strip():
                self.problem(f"{field}.{lang}", "expected a non-empty string")
            else:
                self._script(string, lang, f"{field}.{lang}")

    def text_lists(self, value, field: str, minimum: int = 1, script: bool = True) -> None:
        """{en: ["...", ...], zh: ["...", ...]} with at least `minimum` strings each."""
        if not self._languages(value, field):
            return
        for lang in LANGUAGES:
            if lang not in value:
                continue
            items, where = value[lang], f"{field}.{lang}"
            if not isinstance(items, list) or not items or not all(
                    isinstance(s, str) and s.strip() for s in items):
                self.problem(where, "expected a non-empty list of strings")
                continue
            if len(items) < minimum:
                self.problem(where, f"expected at least {minimum} variants, found {len(items)}")
            if len(set(items)) < len(items):
                self.problem(where, "has duplicate entries")
            if script:
                for i, string in enumerate(items):
                    self._script(string, lang, f"{where}[{i}]")


def _kind(value) -> str:
    return "nothing" if value is None else type(value).__name__


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(data: Dict[str, Any], path: Path) -> List[str]:
    """Every problem in one parsed scenario file (no cross-file checks)."""
    c = _Checker(path)
    for field in FIELDS:
        if field not in data:
            c.problem(field, "missing field")
    for field in data:
        if field not in FIELDS:
            c.problem(str(field), "unknown field")

    if "id" in data:
        sid = data["id"]
        if not isinstance(sid, str) or not _ID.fullmatch(sid):
            c.problem("id", f"expected lower_case_with_underscores, found {sid!r}")
        elif sid != path.stem:
            c.problem("id", f"{sid!r} does not match the file name {path.name!r}")
    if "order" in data and not (_is_int(data["order"]) and data["order"] >= 1):
        c.problem("order", f"expected a whole number >= 1, found {data['order']!r}")
    for field in ("title", "summary", "trainee_role"):
        if field in data:
            c.text(data[field], field)
    if "aliases" in data:
        c.text_lists(data["aliases"], "aliases", script=False)
    if "hotline" in data and not isinstance(data["hotline"], bool):
        c.problem("hotline", f"expected true or false, found {data['hotline']!r}")

    persona = data.get("persona")
    if "persona" in data and c.mapping(persona, "persona"):
        for field in PERSONA_FIELDS:
            if field not in persona:
                c.problem(f"persona.{field}", "missing field")
        for field in persona:
            if field not in PERSONA_FIELDS:
                c.problem(f"persona.{field}", "unknown field")
        for field in ("name", "who", "wants"):
            if field in persona:
                c.text(persona[field], f"persona.{field}")
        if "starting_mood" in persona and persona["starting_mood"] not in STARTING_MOODS:
            c.problem("persona.starting_mood",
                      f"unknown mood {persona['starting_mood']!r} (expected one of {', '.join(STARTING_MOODS)})")

    if "needs" in data:
        needs = data["needs"]
        if not isinstance(needs, list) or not needs:
            c.problem("needs", f"expected a non-empty list of behaviours ({', '.join(BEHAVIOURS)})")
        else:
            for need in needs:
                if need not in BEHAVIOURS:
                    c.problem("needs", f"unknown behaviour {need!r} (expected one of {', '.join(BEHAVIOURS)})")
            if len(set(map(str, needs))) < len(needs):
                c.problem("needs", "lists a behaviour twice")
    if "max_turns" in data and not (_is_int(data["max_turns"]) and data["max_turns"] >= 1):
        c.problem("max_turns", f"expected a whole number >= 1, found {data['max_turns']!r}")

    lines = data.get("lines")
    if "lines" in data and c.mapping(lines, "lines"):
        for kind in LINE_KINDS:
            if kind not in lines:
                c.problem(f"lines.{kind}", "missing line kind")
            else:
                c.text_lists(lines[kind], f"lines.{kind}", MIN_VARIANTS)
        for kind in lines:
            if kind not in LINE_KINDS:
                c.problem(f"lines.{kind}", "unknown line kind")

    facts = data.get("facts")
    if "facts" in data:
        if not isinstance(facts, list) or not facts:
            c.problem("facts", "expected a non-empty list of {topic, line}")
        else:
            for i, fact in enumerate(facts):
                where = f"facts[{i}]"
                if not c.mapping(fact, where):
                    continue
                for field in ("topic", "line"):
                    if field not in fact:
                        c.problem(f"{where}.{field}", "missing field")
                for field in fact:
                    if field not in ("topic", "line"):
                        c.problem(f"{where}.{field}", "unknown field")
                if "topic" in fact:
                    c.text_lists(fact["topic"], f"{where}.topic", script=False)
                if "line" in fact:
                    c.text_lists(fact["line"], f"{where}.line")

    answer = data.get("model_answer")
    if "model_answer" in data:
        c.text_lists(answer, "model_answer")
        if isinstance(answer, dict) and all(isinstance(answer.get(l), list) for l in LANGUAGES):
            counts = {lang: len(answer[lang]) for lang in LANGUAGES}
            if len(set(counts.values())) > 1:
                c.problem("model_answer", f"languages have different numbers of steps: {counts}")

    hotline = data.get("hotline") is True
    for field in ("tips", "hints"):
        advice = data.get(field)
        if field not in data or not c.mapping(advice, field):
            continue
        required = ADVICE_KEYS + (("greeting",) if hotline else ())
        for key in required:
            if key not in advice:
                c.problem(f"{field}.{key}", "missing" + (" (hotline scenarios need it)" if key == "greeting" else ""))
        for key, value in advice.items():
            if key not in ADVICE_KEYS + ("greeting",):
                c.problem(f"{field}.{key}", f"unknown key (expected {', '.join(ADVICE_KEYS)}, greeting)")
            else:
                c.text(value, f"{field}.{key}")
    return c.problems


def _duplicates(path: Path, data: Dict[str, Any]) -> List[str]:
    """Problems with other files in the same folder: the same order or id."""
    problems = []
    for other in _files(path.parent):
        if other.resolve() == path.resolve():
            continue
        other_data, errors = _read(other)
        if errors:
            continue
        for field in ("order", "id"):
            if field in data and other_data.get(field) == data[field]:
                problems.append(f"{_shown(path)}: {field}: duplicate {field} {data[field]!r} (also in {other.name})")
    return problems


def validate_file(path: Union[str, Path]) -> List[str]:
    """All problems in one scenario file, each naming the file and the field.
    An empty list means the file is valid."""
    path = Path(path)
    data, problems = _read(path)
    if problems:
        return problems
    return _check(data, path) + _duplicates(path, data)


# --------------------------------------------------------------------------
# loading

def _frozen(value):
    """Lists become tuples so a cached scenario's variant lists can't be edited."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def load_scenario(path_or_id: Union[str, Path], directory: Union[str, Path, None] = None) -> Scenario:
    """Load and validate one scenario, given a file path or an id (looked up
    in `directory` / $SCENARIO_DIR). Raises ScenarioError listing every problem."""
    path = _path_for(path_or_id, directory)
    data, problems = _read(path)
    if not problems:
        problems = _check(data, path)
    if problems:
        raise ScenarioError("\n".join(problems))
    d = {field: _frozen(data[field]) for field in FIELDS}
    return Scenario(**d, path=path)


_CACHE: Dict[str, List[Scenario]] = {}


def load_all(directory: Union[str, Path, None] = None) -> List[Scenario]:
    """Every scenario in the folder, sorted by `order`. Cached per folder."""
    folder = scenario_dir(directory)
    key = str(folder.resolve())
    if key not in _CACHE:
        scenarios: List[Scenario] = []
        for path in _files(folder):
            scenario = load_scenario(path)
            for seen in scenarios:
                if seen.order == scenario.order:
                    raise ScenarioError(f"{_shown(path)}: order: duplicate order {scenario.order} "
                                        f"(also in {seen.path.name})")
            scenarios.append(scenario)
        _CACHE[key] = sorted(scenarios, key=lambda s: (s.order, s.id))
    return list(_CACHE[key])


def reload() -> None:
    """Forget the cached scenarios (after editing files or changing $SCENARIO_DIR)."""
    _CACHE.clear()


def get(scenario_id: str, directory: Union[str, Path, None] = None) -> Scenario:
    scenarios = load_all(directory)
    for scenario in scenarios:
        if scenario.id == scenario_id:
            return scenario
    known = ", ".join(s.id for s in scenarios) or "none"
    raise KeyError(f"unknown scenario {scenario_id!r} (known: {known}; folder {scenario_dir(directory)})")


# --------------------------------------------------------------------------
# menu choice

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_NUMBER = re.compile(
    r"(?:(?:scenario|option|number|no\.?|#)\s*|第|场景)?"
    r"([0-9]+|[零〇一二两三四五六七八九十]+|[a-z]+)"
    r"\s*(?:个|号|项)?(?:场景)?")


def _normal(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), case-folded, trimmed
    of spaces and punctuation at both ends."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def _zh_number(s: str) -> Optional[int]:
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _ZH_DIGITS.get(tens, None) if tens else 1
        o = _ZH_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return _ZH_DIGITS.get(s) if len(s) == 1 else None


def _as_number(text: str) -> Optional[int]:
    match = _NUMBER.fullmatch(text)
    if not match:
        return None
    token = match.group(1)
    if token.isdigit():
        return int(token)
    return _EN_NUMBERS.get(token) or _zh_number(token)


def _keys(scenario: Scenario) -> List[str]:
    keys = [scenario.id, scenario.id.replace("_", " ")]
    keys += [scenario.title[lang] for lang in LANGUAGES]
    keys += [alias for lang in LANGUAGES for alias in scenario.aliases[lang]]
    return [k for k in (_normal(key) for key in keys) if k]


def _contains(text: str, key: str) -> bool:
    """`key` occurs in `text`; ASCII keys only as whole words ("card" not in "discard")."""
    if key.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", text) is not None
    return key in text


def find(text: str, directory: Union[str, Path, None] = None) -> Optional[Scenario]:
    """The scenario a trainee picked by typing a menu number ("2", "２", "二",
    "第二个"), an id, a title or an alias in either language; case-insensitive,
    substrings allowed ("queue", "排队", "the cigarettes one"). None when
    nothing (or more than one scenario equally) matches."""
    t = _normal(text or "")
    if not t:
        return None
    scenarios = load_all(directory)

    number = _as_number(t)
    if number is not None:
        for scenario in scenarios:
            if scenario.order == number:
                return scenario
        if 1 <= number <= len(scenarios):      # menu position, if orders have gaps
            return scenarios[number - 1]
        return None

    keys = {s.id: _keys(s) for s in scenarios}
    for scenario in scenarios:
        if t in keys[scenario.id]:
            return scenario

    # A key inside the text ("the cigarettes one"): the longest key wins.
    best: Dict[str, int] = {}
    for scenario in scenarios:
        lengths = [len(k) for k in keys[scenario.id] if _contains(t, k)]
        if lengths:
            best[scenario.id] = max(lengths)
    if best:
        top = max(best.values())
        winners = [sid for sid, n in best.items() if n == top]
        return get(winners[0], directory) if len(winners) == 1 else None

    # The text inside a key ("cigarette", "queu"): only if unambiguous.
    if len(t) >= (2 if _HAN.search(t) else 3):
        hits = [s for s in scenarios if any(t in k for k in keys[s.id])]
        if len(hits) == 1:
            return hits[0]
    return None


# --------------------------------------------------------------------------
# `bot validate`

def validate_main(argv: Optional[Sequence[str]] = None) -> int:
    """Check the given scenario files (paths or ids), or every file in the
    scenario folder. Prints each problem; returns 1 if there are any."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print("usage: bot validate [FILE_OR_ID ...]\n\n"
              "Checks scenario files (default: every *.yml in $SCENARIO_DIR or bot/scenarios).")
        return 0
    folder = scenario_dir()
    paths = [_path_for(a) for a in args] if args else _files(folder)
    if not paths:
        print(f"{_shown(folder)}: no scenario files (*.yml) found")
        return 1
    problems = [p for path in paths for p in validate_file(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)")
        return 1
    print(f"ok: {len(paths)} scenarios")
    return 0
