"""Service Coach: the product logic of the call-centre role-play trainer.

Nothing in this package imports Rasa: scenarios, persona, scoring, scorecards
and transcripts are plain Python, tested on their own. `actions/` adapts them
to Rasa.
"""

LANGUAGES = ("en", "zh")
MOODS = ("furious", "angry", "annoyed", "calm", "satisfied")
OUTCOMES = ("resolved", "unresolved", "escalated", "hung_up")
BEHAVIOURS = ("listening", "apologizing", "explaining", "committing")
FLAGS = ("blame", "deflect", "dismiss")
