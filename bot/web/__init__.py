"""The web app on :8000: the trainee chat page, the trainer review page and the JSON API."""
