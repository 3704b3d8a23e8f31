"""Names shared by the scorer, the data tools and the session score."""
DIMENSIONS = ("listening", "apologizing", "explaining", "committing")
FLAGS = ("blame", "deflect", "dismiss")
LABELS = DIMENSIONS + FLAGS
LANGS = ("en", "zh")
SCENARIOS = ("bank_card_failure", "queue_complaint", "expensive_cigarettes")
HOTLINE_SCENARIOS = ("bank_card_failure",)
MOODS = ("furious", "angry", "annoyed", "calm", "satisfied")
