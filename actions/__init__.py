"""Rasa SDK actions: thin adapters between Rasa's tracker and the `bot` package."""
from bot.scoring import load as _load_scorer

# Load the reply scorer when the action server starts, not on the first
# trainee's first reply (and fail at start-up if `make setup` was skipped).
_load_scorer()
