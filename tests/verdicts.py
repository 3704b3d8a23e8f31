"""Hand-made verdicts for testing the persona and role-play logic apart from the scorer."""
from bot import BEHAVIOURS, FLAGS


def verdict(*labels: str, evidence: str = "…") -> dict:
    """A verdict in the scorer's shape with exactly these labels detected."""
    unknown = set(labels) - set(BEHAVIOURS) - set(FLAGS)
    assert not unknown, unknown

    def judgement(name):
        on = name in labels
        return {"detected": on, "confidence": 0.9 if on else 0.1, "evidence": evidence if on else ""}

    return {"dimensions": {b: judgement(b) for b in BEHAVIOURS}, "flags": {f: judgement(f) for f in FLAGS}}
