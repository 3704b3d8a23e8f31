"""Rasa-side plug-ins: the mixed Chinese/English tokenizer, typed commands and
channels that never leave the trainee in silence."""
