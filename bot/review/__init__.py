"""Trainer review side: accounts, API, terminal commands."""
