"""Rule layer: the rubric's concepts as patterns that find evidence in a reply.

Each rule names a label, a kind and the concept it encodes:
  pos   evidence for the label ("first-person ownership of the fault")
  weak  a behaviour that only counts with a concrete time or object ("I'll check it" + "now")
  hint  a cue the trained combiner may weigh, never evidence by itself
  neg   evidence against it; cancels the label's pos/weak hits it overlaps
        ("sorry?" as pardon, "sorry you feel that way", "we'll try to improve")
Helpers "_time" and "_object" feed the weak rules and the concreteness signal.

English rules are spaCy Matcher patterns over lower-case tokens, written in a
small notation (see `_spec`); "will" also matches "'ll" and "wo", "not" matches "n't". Chinese rules are regular expressions over characters, because
jieba segments the same words differently in different contexts ("这是我们的失误"
-> 这是|我们|的|失误); their matches are snapped to jieba token boundaries.

After matching, `resolve` applies what the rubric says about context:
  - negation scope: a cue (not / never / no / 不 / 没 ...) shortly before a hit in
    the same clause cancels it ("I'm not blaming you", "it's not your fault");
  - blockers: neg hits cancel overlapping pos hits of the same label;
  - a cause offered in the same sentence as a blame is a guess that blames, not an
    explanation ("because you didn't ..."); a cause that is really a deflection
    ("because that's policy") is not an explanation either;
  - a question that blames or is rhetorical is not listening ("Did you bend it?"), nor is
    any question in a reply that brushes the customer off ("I'm busy. What is it?");
  - a brush-off the agent denies is not one ("I'm not going to tell you to calm down");
    hurrying or being busy next to a concrete action is an offer, not dismiss (but "calm
    down" is dismiss even then: the rubric names it);
  - a limit the agent then works around ("I can't change the price, but I'm putting a
    voucher through now") is not a deflection.
"""
import re
from dataclasses import dataclass

from .labels import FLAGS
from .lang import CLAUSE_END, boundaries, enclosing, sentences


@dataclass(frozen=True)
class Hit:
    label: str
    kind: str  # pos | weak | neg
    concept: str
    start: int
    end: int
    text: str
    order: int = 0  # rule order: earlier rules are the more specific evidence


# ----------------------------------------------------------------- English --
# Word classes used as @NAME in the notation. Norms are lower case.
IRREGULAR = {
    "send": "sent", "take": "took taken taking", "bring": "brought", "get": "got gotten getting",
    "give": "gave given giving", "put": "putting", "ring": "rang rung", "set": "setting",
    "make": "made making", "find": "found", "tell": "told", "let": "letting", "see": "saw seen",
    "do": "did done", "go": "went gone", "keep": "kept", "leave": "left leaving", "lose": "lost losing",
    "break": "broke broken", "bend": "bent", "drop": "dropped dropping", "ship": "shipped shipping",
    "sit": "sat sitting", "forget": "forgot forgotten forgetting", "pay": "paid", "hold": "held",
    "speak": "spoke spoken", "stop": "stopped stopping", "top": "topped topping", "come": "came coming",
    "swap": "swapped swapping", "run": "ran running", "write": "wrote written writing", "read": "read",
    "choose": "chose chosen choosing", "wash": "washes", "fix": "fixes", "cancel": "cancelled cancelling",
}


def forms(*verbs):
    """Regular inflections plus the irregular ones above (extra wrong forms are harmless)."""
    out = set()
    for verb in verbs:
        out.add(verb)
        stem = verb[:-1] if verb.endswith("e") else verb
        if verb.endswith("y") and verb[-2] not in "aeiou":
            out |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
        else:
            out |= {verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s"),
                    stem + "ed", stem + "ing"}
        out |= set(IRREGULAR.get(verb, "").split())
    return sorted(out)


def past(*verbs):
    return sorted({f for f in forms(*verbs) if f.endswith(("ed", "t", "en", "n")) or f in
                   {"put", "set", "let", "read", "sent", "got", "kept", "left", "lost", "held", "paid"}})


ACT_STRONG = ["send", "issue", "reissue", "reactivate", "activate", "unblock", "unlock", "replace",
              "refund", "credit", "reimburse", "waive", "reverse", "cancel", "fix", "repair", "reset",
              "call", "ring", "phone", "text", "email", "message", "arrange", "book", "schedule",
              "dispatch", "courier", "post", "mail", "ship", "deliver", "escalate", "process", "open",
              "take", "bring", "walk", "fetch", "order", "reserve", "compensate", "give",
              "serve", "raise", "file", "lodge", "expedite", "upgrade", "override", "return", "honour", "honor", "stay", "mark",
              "link", "unfreeze", "switch", "add", "include", "pop", "price-match", "start", "type", "book", "announce", "write",
              "top", "lift", "remove", "clear", "restore", "void", "print", "prepare", "change",
              "swap", "exchange", "offer", "show", "put", "fly", "drive", "hand", "transfer", "release", "restart",
              "assign", "seat", "discount", "correct", "validate"]
ACT_WEAK = ["check", "investigate", "review", "follow", "pass", "report", "feed",
            "inform", "notify", "let", "confirm", "verify", "ask", "talk", "speak", "make",
            "ensure", "monitor", "keep", "come", "go", "do", "get", "find", "contact", "update",
            "handle", "sort", "change", "deal"]
FEEL = ["frustrating", "frustrated", "annoying", "annoyed", "maddening", "infuriating", "infuriated",
        "upsetting", "upset", "stressful", "stressed", "worrying", "worried", "exhausting", "exhausted",
        "embarrassing", "embarrassed", "irritating", "irritated", "disappointing", "disappointed",
        "awful", "terrible", "horrible", "unfair", "angry", "aggravating", "tiring", "tired",
        "tedious", "confusing", "scary", "alarming", "inconvenient", "nightmare", "galling",
        "unpleasant", "draining", "outrageous", "mad", "furious", "fed", "concerned", "uncomfortable"]
EN_CLASSES = {
    "I": ["i", "we"], "ME": ["me", "us"], "MY": ["my", "our"],
    "YOU": ["you", "u", "ya", "yourself"], "YOUR": ["your", "yours"],
    "BE": ["is", "am", "are", "was", "were", "'s", "'re", "'m", "be", "been"],
    "WILL": ["will", "shall", "can", "'ll"],
    "ADV": ["now", "just", "right", "also", "then", "first", "personally", "immediately", "quickly",
            "definitely", "certainly", "gladly", "happily", "straight", "already", "today", "going",
            "to", "go", "and", "ahead", "absolutely", "still", "instantly", "urgently", "happy", "glad", "personally"],
    "ACT": forms(*ACT_STRONG), "ACTPAST": past(*ACT_STRONG), "ACTING": [f for f in forms(*ACT_STRONG) if f.endswith("ing")],
    "WEAK": forms(*ACT_WEAK),
    "FEEL": FEEL,
    "FAULT": ["fault", "mistake", "mistakes", "error", "errors", "oversight", "failure", "failing",
              "blunder", "mess", "mix", "mixup", "slip", "screw", "bad", "doing"],
    "PROBLEM": ["fault", "outage", "glitch", "problem", "issue", "error", "bug", "update", "upgrade",
                "maintenance", "backlog", "delay", "shortage", "strike", "surge", "rush", "mix", "mixup",
                "failure", "breakdown", "incident", "spike", "increase", "rise", "change", "hike",
                "fraud", "block", "hold", "freeze", "limit", "restriction", "crash", "slowdown", "queue"],
    "DOMAIN": ["system", "systems", "network", "server", "servers", "terminal", "terminals", "chip",
               "chips", "batch", "reader", "machine", "machines", "strip", "database", "activation",
               "queue", "line", "staff", "teller", "tellers", "counter", "counters", "window",
               "windows", "colleague", "colleagues", "clerk", "clerks", "branch", "price", "prices",
               "tax", "taxes", "duty", "duties", "cost", "costs", "blend", "leaf", "tobacco", "brand",
               "filter", "packaging", "supplier", "product", "excise", "payday", "security", "card",
               "cards", "pos", "merchant", "bank", "shop", "store", "shift", "computer", "team"],
    "CAUSEWORD": ["payday", "pension", "month-end", "short-staffed", "understaffed", "sick", "outage",
                  "glitch", "upgrade", "maintenance", "activated", "activation", "batch", "chip",
                  "tax", "taxes", "excise", "duty", "imported", "import", "premium", "tariff",
                  "demagnetised", "demagnetized", "expired", "fraud", "flagged", "security",
                  "lunchtime", "peak", "busiest", "backlog", "rush", "faulty", "defective", "leaf",
                  "handmade", "hand-rolled", "aged", "limited", "ingredients", "materials", "inflation"],
    "OBJ": ["card", "replacement", "refund", "courier", "text", "sms", "email", "callback", "call",
            "window", "counter", "technician", "engineer", "manager", "supervisor", "voucher",
            "discount", "reference", "ticket", "number", "letter", "receipt", "credit", "fee",
            "confirmation", "sample", "pack", "carton", "seat", "desk"],
    "TIMEW": ["now", "today", "tonight", "tomorrow", "immediately", "instantly", "straightaway", "shortly"],
    "UNIT": ["minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "week", "weeks",
             "moment", "second", "seconds", "sec", "business", "working"],
    "DAY": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "noon",
            "midday", "tonight", "tomorrow", "lunch", "lunchtime", "end", "close", "morning",
            "afternoon", "evening", "weekend", "week"],
    "NUMW": ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "fifteen", "twenty", "thirty", "few", "the", "next", "half", "24", "48"],
    "DAMAGE": forms("bend", "drop", "break", "wash", "scratch", "damage", "crack", "snap", "fold",
                    "demagnetise", "demagnetize", "magnetise", "magnetize", "lose", "mess", "misplace",
                    "forget", "wet", "sit", "chew", "ruin", "soak", "mishandle"),
    "PLACE": forms("put", "keep", "leave", "store", "carry", "place", "stick", "hold"),
    "NEAR": ["near", "next", "beside", "close", "by", "with", "against", "in", "on", "to", "a", "the", "your", "same"],
    "MAGNET": ["magnet", "magnets", "magnetic", "phone", "phones", "mobile", "speaker", "keys", "tv",
               "microwave", "wallet", "pocket", "purse"],
    "BLAMEV": ["sign", "activate", "read", "check", "notice", "follow", "listen", "bring", "tell",
               "call", "update", "register", "pay", "enter", "remember", "wait", "queue", "ask",
               "inform", "use", "look", "keep", "come", "take", "understand", "see", "fill", "press",
               "insert", "charge", "protect", "change", "confirm", "turn", "unlock", "collect"],
    "PASTANY": None,  # regex, see _PASTANY
    # a verb-like word after "I'll" that is not a promise by itself
    "VERBISH": None,
}
NOT_ACTION = ["be", "been", "being", "tell", "say", "said", "admit", "need", "have", "had", "try", "trying", "tried", "hope",
              "see", "look", "looking", "think", "consider", "let", "just", "also", "honest", "afraid", "sorry", "glad", "happy",
              "listening", "asking", "saying", "telling", "wondering", "hoping", "thinking", "feeling", "going", "getting",
              "doing", "not", "never", "a", "the", "to", "so", "very", "really", "sure", "do", "did", "done", "improve", "learn",
              "waiting", "talking", "speaking", "explaining", "explain", "guessing", "assuming", "only", "still", "always", "in", "on",
              "here", "there", "all", "well", "afraid", "told", "seen", "looked", "heard", "understood", "got", "noticed",
              "been", "realised", "realized", "know", "understand", "bet", "guess", "agree", "apologise", "apologize",
              "appreciate", "mean", "hear", "wish", "want", "like", "love", "gonna", "going", "able", "unable", "working",
              "keep", "bear", "pass", "feed", "note", "review", "reflect", "discuss", "raise", "take", "give", "get", "find",
              "make", "come", "ask", "check", "deal", "handle", "sort", "update", "contact", "follow", "investigate"]
_PASTANY = r"^(\w+ed|put|kept|left|bent|broke|broken|lost|forgot|forgotten|sat|done|did|gave|given|let|got|gotten|took|taken|came|chose|chosen|made|read|mixed|swiped|typed|entered)$"


# Patterns are matched on the lower-case text; a word also matches its contracted
# spellings as the tokenizer splits them ("won't" -> wo + n't, "I'm" -> I + 'm).
CONTRACTED = {"not": ["n't"], "will": ["'ll", "wo"], "can": ["ca"], "am": ["'m"], "are": ["'re"],
              "have": ["'ve"], "would": ["'d"], "had": ["'d"], "is": ["'s"], "has": ["'s"],
              "going": ["gon"], "to": ["na"], "you": ["y'"], "them": ["'em"]}


def _surface(word):
    out = {word, *CONTRACTED.get(word, [])}
    return out | {w.replace("'", "’") for w in out}


def _spec(tok):
    """One token of the notation -> Matcher token dict.
    word|word  norm in list      @CLASS   norm in a class      _  any word (not punctuation)
    ~regex     lower-case regex  #        number-like          ^x token x starting a sentence
    \\?  \\!    literal ? or !    suffix ?  optional token
    """
    optional = tok.endswith("?") and len(tok) > 1 and not tok.endswith("\\?")
    if optional:
        tok = tok[:-1]
    d = {}
    if tok.startswith("^") and len(tok) > 1:
        d["IS_SENT_START"] = True
        tok = tok[1:]
    if tok == "_":
        d["IS_PUNCT"] = False
        d["LOWER"] = {"NOT_IN": ["not", "n't", "n’t", "never", "no", "nothing", "but", "although"]}
    elif tok == "#":
        d["LIKE_NUM"] = True
    elif tok.startswith("~"):
        d["LOWER"] = {"REGEX": tok[1:]}
    elif tok == "@VERBISH":  # a lower-case word that is not a stance, hedge or speech verb
        d["LOWER"] = {"REGEX": r"^[a-z][a-z-]+$", "NOT_IN": NOT_ACTION}
    elif "@PASTANY" in tok.split("|"):  # any past form: a regex, plus the listed words
        words = [w for w in tok.split("|") if w != "@PASTANY"]
        d["LOWER"] = {"REGEX": _PASTANY if not words else _PASTANY[:-2] + "|" + "|".join(words) + ")$"}
    else:  # alternatives; @CLASS inside them expands to the class's words
        words = []
        for w in tok.split("|"):
            words += EN_CLASSES[w[1:]] if w.startswith("@") else [w.replace("\\", "")]
        words = sorted({v for w in words for v in _surface(w)})
        d["LOWER"] = {"IN": words} if len(words) > 1 else words[0]
    if optional:
        d["OP"] = "?"
    return d


def _compile_en(pattern: str):
    """One pattern string -> Matcher patterns; an alternative written a+b ("in+charge")
    is a two-token phrase, so such a token expands into one pattern per phrase length."""
    variants = [[]]
    for tok in pattern.split():
        alts = tok.rstrip("?").split("|") if "+" in tok and not tok.startswith("~") else None
        if not alts:
            variants = [v + [_spec(tok)] for v in variants]
            continue
        optional = tok.endswith("?")
        by_len = {}
        for alt in alts:
            by_len.setdefault(len(alt.split("+")), []).append(alt.split("+"))
        new = [v for v in variants] if optional else []
        for phrases in by_len.values():
            specs = [_spec("|".join(words)) for words in zip(*phrases)]
            new += [v + specs for v in variants]
        variants = new
    return variants


def R(label, kind, concept, *patterns, neg_ok=False):
    return {"label": label, "kind": kind, "concept": concept, "patterns": patterns, "neg_ok": neg_ok}


EN_RULES = [
    # ---- apologizing
    R("apologizing", "neg", "pardon", "sorry \\?", "sorry ,? what|who|where|huh|pardon \\?",
      "sorry ,? what did|was you|that say|said|mean|was", "sorry ,? come again",
      "sorry ,? say|repeat that|it again", "sorry ,? could|can|would you repeat|say",
      "sorry ,? i did not catch|hear|get|follow|understand", "sorry ,? i do not follow|understand|get",
      "sorry ,? pardon", "sorry ,? what do you mean", "pardon \\?", neg_ok=True),
    R("apologizing", "neg", "non_apology", "you will|'ll be sorry", "^sorry ,? sorry", "sorry if you feel|felt|think|thought|believe|perceive|see|saw|took|take",
      "sorry that? you feel|felt|think|thought|see|took|take|believe it|that|this|things? that|this|so|like|way",
      "sorry if you @BE upset|offended|unhappy", "sorry if that|this|it|anything offended|upset|bothered|hurt",
      "sorry to interrupt|bother|disturb|cut", "sorry ,? quick|one question|check", "sorry ,? can|may|could i ask|check|confirm", neg_ok=True),
    R("apologizing", "pos", "apology_word", "sorry", "~^apolog", "@I regret|regrets|deeply",
      "forgive me|us", "excuse|forgive the wait|delay|mess|trouble|confusion|inconvenience",
      "can not apologise|apologize|say sorry enough", neg_ok=False),
    R("apologizing", "pos", "own_fault", "that|this|it|which|one @BE all|entirely|totally|completely? on us|me",
      "@MY @FAULT", "@MY fault|mistake|error", "@I mess|messed|screw|screwed|slip|slipped|stuff|stuffed|muck|mucked|foul|fouled|cock|cocked up",
      "@I have? let you down", "@I have? got|gotten it|this|that|things|something|your _? wrong",
      "@I have? dropped the ball", "@I should|ought have|'ve", "@I ought to have",
      "@I have? made a|an|some|this|that|the? mistake|error|mess|blunder|mistakes|errors",
      "@I take|accept|'ll full? responsibility|ownership|the blame",
      "the? fault|mistake|error|blame|responsibility @BE|lies|rests ours|mine",
      "the? fault|mistake|error|blame|responsibility @BE|lies|rests with|on us|me",
      "fault|mistake|error|problem|slip|blunder|failure on|at our|my side|end|part",
      "you deserve|deserved|deserved better", "@I failed you|to", "@I feel terrible|awful|bad|horrible",
      "@I hate that this|you|that|it", "@I @BE at+fault|to+blame|in+the+wrong", "@I forgot to"),
    R("apologizing", "pos", "own_fault", "this|that|it should not|never have|'ve happened", "you should not|never have|'ve had to|been|needed",
      "not good enough on our|my part", "not your fault ,? it @BE|was ours|mine|us|me", "@I did not|never tell|warn|inform|notify|send|activate|explain|let|offer|mention",
      "@I should not|never have", neg_ok=True),
    # ---- listening (questions are found in code: see question_hits)
    R("listening", "pos", "paraphrase", "^so ,? you|your|the|it|this|that|basically|if|what",
      "you @BE saying|telling|asking", "you mean", "do you mean", "if i understand|understood|heard|got|hear you? correctly|right",
      "let me make sure|check|see|confirm i|that? i? understand|got|have|heard",
      "what i @BE hearing", "in other words", "to sum|recap|summarize|summarise", "am i right|correct",
      "@BE that|this right|correct|it \\?", ", right \\?", "correct \\?", "did i get|understand that|this|you|it right|correctly",
      "just to be clear|confirm|check|sure", "if i @BE hearing you right|correctly", "so what you @BE saying"),
    R("listening", "pos", "feeling", "that|this|it must|would|'d|can|could|sounds|seems|looks be? @ADV? so|really|very|incredibly|truly|extremely? @FEEL",
      "that|this|it @BE so|really|very|incredibly|truly|extremely|such|a|pretty|completely|understandably? @FEEL",
      "you @BE|must|sound|seem|feel be? so|really|very|understandably|quite|obviously? @FEEL",
      "you must|'ve have? been|be|felt so|really|very? @FEEL", "@BE|sounds|seems|feels so|really|very|incredibly|truly|utterly|just? @FEEL",
      "@I can|could? understand|see|imagine|get|know|appreciate why|how|that|your|the|you",
      "no wonder you", "anyone|anybody|everyone|i would|'d be|feel @FEEL|upset|angry|annoyed",
      "@I would|'d be|feel|have @FEEL|upset|angry|annoyed|been", "of course you @BE @FEEL|upset|angry",
      "understandably|rightly|naturally @FEEL", "your frustration|concern|concerns|worry|anger|annoyance|disappointment|situation",
      "what a hassle|nightmare|pain|headache", "must have been a|an|so|really? hassle|nightmare|pain|shock|headache|worry",
      "you must|'ve have? waited|queued|stood|been so|that|all? long|ages|a|forever|twenty|20|here"),
    R("listening", "pos", "invite", "^go on ,|.|\\!", "@I @BE listening", "i am all ears", "tell me more|what|about|everything|how|when|which|where|exactly",
      "take your time", "please continue|carry|keep", "^carry on ,|.|\\!", "^keep going", "walk me through", "what happened next|then|after|exactly",
      "and then \\?", "really \\?", "i 'd|would like|love to hear|know", "help me understand", "say more"),
    R("listening", "pos", "appreciate", "good|great|sharp|keen|excellent|discerning eye|catch|spot|observation|taste", "glad|good you asked",
      "well spotted|noticed|caught", "you @BE absolutely|completely|quite|so|totally? right to ask|notice|spot|point|check", "spot on", "you @BE|have heard right",
      "you spotted|noticed|picked|caught|found", "you know your stuff|cigarettes|tobacco|brands|products",
      "you have|'ve got? a|an|such good|great|sharp|keen|excellent|discerning? eye|taste",
      "thanks for telling|letting|pointing|explaining|bringing|raising|flagging|sharing|noticing|your|asking",
      "thank you for telling|letting|pointing|explaining|bringing|raising|flagging|sharing|noticing|your|asking",
      "that @BE a|an good|great|excellent|smart question"),
    # ---- explaining
    R("explaining", "neg", "non_explanation", "that|it @BE just? how it is|things are|it works|it goes",
      "it @BE what it is", "no reason", "i do|did not know|have? no? idea why|what|how", "no idea why|what",
      "these|such things happen", "who knows", "do not ask me", "just the way it is", "that @BE life", neg_ok=True),
    R("explaining", "pos", "cause_connective", "because|'cause|cause|cos|coz", "due|owing to", "as a result|consequence",
      "caused|triggered|affected by", "the|that|one reason|cause", "that|this|which @BE why|how", "that|this|it @BE because",
      "results|resulted|comes|came|stems|stemmed from", "since the|our|it|we|they|there|this|that|its|all|most|today|each|every|a",
      "which means|meant", "that|this|it means|meant", "the|that|this @BE the? reason", "the|our? system|systems|card|cards|chip @BE|was|were|had|has|have not? been? ~(ed|en)$",
      "what happened @BE|was", "it turns|turned out", "the problem|issue|trouble|thing @BE|was", "that @BE how|when",
      "@BE designed|meant|supposed to", "in order to", "for security|safety|legal reasons?|purposes"),
    R("explaining", "pos", "cause_fact", "there @BE|has|have|had been? a|an|some|two|one|three|few|big|bit|little? _? _? @PROBLEM",
      "the|our|that|this|these|those|its|today|it @DOMAIN? @DOMAIN @BE|had|has|have|never|went|got|does|do|needs|need|uses|use|costs|cost|includes|include|comes|come|requires|require|carries|carry|contain|contains|contained|only|already|were|was|still",
      "@CAUSEWORD", "today @BE", "it @BE payday|busy|lunchtime|the|a|an|peak|month-end", "tobacco|cigarette|cigarettes tax|taxes|duty",
      "@BE imported|handmade|hand-rolled|aged|premium", "@I @BE short|understaffed|short-staffed|down|busy",
      "only one|two|three|a few|half? of? @DOMAIN|people|staff|tellers|windows|counters|colleagues"),
    R("explaining", "hint", "habitual_fact", "usually|normally|typically|always|automatically|generally|often", "by law", "takes|take about|around|up|roughly",
      "there @BE # @ADV? people|customers|ahead", "ahead of you", "@BE|were down|broken|jammed|stuck|closed|out|offline|new|delayed|late|sick|off", "in a meeting|training",
      "until|till #|two|three|one|four|noon", "@BE made|printed|shipped|priced|taxed|sold|imported|produced|set|checked|needed|required", "per pack|cent|transaction", neg_ok=True),
    # ---- committing
    R("committing", "neg", "vague", "@I @WILL|'d|would|am|are|'re|'m? going? to? try|attempt|hope|aim|endeavour|endeavor|strive|aim|look",
      "take note|notes", "take it on board", "give it some thought", "get back to you",
      "@I will|'ll|shall|can do my|our|what best|we|i", "do what we|i can", "see what|if i|we can|could? do?",
      "@I will|'ll|shall|can|am|are|'re? going? to? look|looking into", "@I will|'ll|shall|can|are|am|'re|'m going? to? improve|consider|think|note|learn|review|bear|pass|feed|reflect|work|strive|discuss", "keep|bear it|that|this? in mind",
      "try to improve", "hopefully|maybe|perhaps|possibly", "at some point", "in the future", "sometime|eventually|someday",
      "@I will|'ll see", "as soon as possible|we can|i can", "asap", neg_ok=True),
    R("committing", "neg", "instruct", "you will|'ll|need|have|should|must|can|could|'d|better to? go|call|visit|contact|come|bring|wait|queue|take|fill|apply|ask|try|check|speak|talk|write|complain|head|phone|ring|get|use|buy",
      "^please|just wait|hold|queue|go|call|visit|sit|be|take|line|stand|ring", "^wait|hold|queue|go|visit|sit|line|stand|fill", "go to your|the|another|a branch|bank|shop|counter|office|website|app",
      "wait your turn", "take a number|ticket", "you will|'ll have to", neg_ok=True),
    R("committing", "pos", "first_person_action", "@I @WILL @ADV? @ADV? @ADV? @ACT", "@I am|are|'m|'re going to @ADV? @ACT",
      "@I am|are|'m|'re about to @ACT", "let me|us @ADV? @ACT", "@I am|are|'m|'re @ADV? @ACTING", "@I have|'ve @ADV? @ACTPAST",
      "@I just|already|now @ACTPAST",
      "@I @WILL|am|are|'m|'re|have|'ve going? to? @ADV? get|have _ _? _? @ACTPAST|@ACT", "i 'd|would be happy|glad to @ADV? @ACT",
      "@I will|'ll|can be|am|'m|are|'re? right? with you|over|back|there in|within|by|now|right",
      "allow me to @ACT", "i am|'m taking|bringing|walking|sending|getting|calling|opening|moving"),
    R("committing", "weak", "first_person_weak", "@I @WILL @ADV? @ADV? @ADV? @WEAK", "@I am|are|'m|'re going to @ADV? @WEAK",
      "let me|us @ADV? @WEAK", "@I will|'ll|can|shall make sure|ensure", "@I will|'ll _ _? by|within|before|in|at|today|now|tomorrow",
      "@I will|'ll|shall|am|'m|are|'re|have|'ve going? to? @ADV? @ADV? @VERBISH", "let me|us @ADV? @VERBISH", "@I have|'ve @ADV? ~ed$",
      "she|he|they|someone|somebody|colleague|manager|director|supervisor|technician|courier|card|replacement|refund|money|window|counter|desk|till|name|order|pack|packs|transfer|it|team @WILL|gets|get|goes|go|is|are|'s _? ~^(\\w+ing|be|go|get|arrive|reach|come|ship|open|call)$",
      "card|replacement|refund|courier|window|counter|desk|till|order|transfer|it @BE|gets|get|goes|go @ADV? ~^(\\w+ed|\\w+en|ready|live|active|open|off|out)$"),
    R("committing", "pos", "done", "consider it done", "you @BE all set", "^right away", "you @BE next|first", neg_ok=True),
    R("committing", "pos", "company_action", "will|'ll|shall|'s|is|are|'re|has|have|'ve be|being|been @ADV? @ACTPAST",
      "someone|somebody|colleague|manager|supervisor|technician|engineer|team|courier|specialist|agent will|'ll|is|are|'s|'re going? to? @ADV? call|ring|contact|visit|come|coming|send|fix|email|text|bring|meet|serve|see|sort|help|take|deliver|open|arrive",
      "you will|should get|receive|have a|an|the|your|it new|replacement|full? @OBJ", "you are going to get|receive|have a|an|the|your new|replacement|full? @OBJ",
      "card|replacement|refund|money|technician|courier|manager|engineer|parcel|letter|it|sms|text|pack @WILL? goes|go|going|ships|ship|leaves|leave|arrives|arrive|reaches|reach|heads|head|comes|coming|be out|on|over|back|off|with|to|in|by|today|tomorrow|now|within",
      "@BE on its|the|his|her|their way", "this one|it @BE on me|us|the house",
      "you @BE next", "you @WILL|'ll be served|first|next", "your|the|a new|replacement card @BE|will? on|in the? way|post|mail"),
    # ---- blame
    R("blame", "neg", "not_blame", "not blaming you", "not your fault", "no one @BE blaming you", "nobody @BE blaming you", "nothing you did", "you did nothing wrong",
      "you did not do anything wrong", "not something|anything you did", "you @BE not to blame", "no fault of your own", "not on you", "you should have|'ve received|got|gotten|been|had", "you should not|never have|'ve to|had|needed",
      "not because of anything you", "you have|'ve done nothing wrong", "it @BE not you|about you", "you must|might|'ve have waited|been|felt|had|gone|spent|suffered|queued|stood|tried|called|worried|come",
      "why do|don't|not you", neg_ok=True),
    R("blame", "pos", "mishandling", "@PLACE|@DAMAGE|leave|left|carry|carried it|them|this|that|the|your one? card|cards|one? next|near|beside|close|by|with|in|on to? a|the|your? back? @MAGNET|jeans|sun|wash",
      "that @BE what wipes|damages|breaks|ruins|demagnetises|demagnetizes|does", neg_ok=True),
    R("blame", "pos", "second_person_cause", "you must|might|may|probably|likely|surely|obviously|clearly|definitely|would|'d|could have|'ve not? @ADV? @PASTANY",
      "you must|might|may|probably|likely|surely|obviously|clearly|definitely @PASTANY|did|do|forgot|left|put|have|keep|use|press|typed|entered",
      "you should|must have|'ve @PASTANY|been|come|kept|checked|asked|read|brought|called|told", "you ought to have", "you did not|never|forgot|failed|neglected to? @BLAMEV|@DAMAGE|do|give|put",
      "@YOUR own? fault|mistake|problem|doing|carelessness|error|responsibility|bad",
      "because|since|'cause|cause|cos|as you did|not|never|forgot|failed|came|come|chose|put|kept|left|bent|dropped|broke|entered|typed|used|let|picked|insisted|decided|should|must|probably|keep|always|insist|refuse|clearly|obviously",
      "if you had|would not? @PASTANY|read|come|listened|checked|looked|followed|paid|waited",
      "who told|asked|said|let you", "why did|would not? you", "how could you", "what did you do to|with",
      "did|have|do you @ADV? ever|even? @DAMAGE", "did|have|do you @ADV? ever? been? @PLACE it|the|your|them? card|cards? @NEAR @NEAR? @NEAR? @MAGNET",
      "you @PLACE|kept|put it|the|your|them? card|cards? @NEAR @NEAR? @NEAR? @MAGNET", "are you sure you|that|your|it",
      "did|do you even", "do|did you not|n't? know|read|see|check|notice|listen|understand|hear", "did|do|have|were not you read|see|check|notice|know|listen|hear|look|get|told", "can|could you not read|see|hear",
      "maybe|perhaps|probably|possibly you|your @PASTANY|did|didn't|forgot|have|typed|entered|put|were|used|broke",
      "obviously|clearly you|your", "it @BE your own|job|responsibility|card|duty", "you @BE|were too|so|being? careless|wrong|mistaken|confused|lying|forgetful",
      "you @BE the one", "you @BE|were using|doing|holding|swiping|inserting it wrong|incorrectly", "at|on your end|side",
      "it @BE how you", "how you stored|store|used|use|handled|handle|kept|keep|treat|treated|looked|look|'re|@BE", "you included",
      "next time ,? please|just|you? take|ask|read|bring|check|come|look|try|remember|keep|make|use|queue|get|listen|pay",
      "you would|'d know|have|'ve that|known|seen|noticed", "you @BE just|probably|obviously|clearly|simply _", "you @BE in the wrong",
      "in|near|next|by|beside to? your back? pocket|pockets|jeans|wash|bag|phone|wallet", "in|into the wash|sun|washing|heat|rain",
      "read|look|check it|them|that? properly|carefully|again", "use your eyes|head|brain|common", "did|have|do you @ADV? ever|even|just? @PLACE|leave|left it|them|the|your",
      "did|have|do you @ADV? just|even? not", "i suspect|think|bet|guess|reckon you", "like you did", "you did pick|choose|ask|take|press|say",
      "you asked|chose|picked|wanted|ordered for? the|it|that|this", "in future ,? please", "who knows where|what|how you", "not the day before", "you came|come|got|arrived in? at|during|on the? busiest|peak|lunchtime|lunch|worst|wrong", "you chose|picked|decided to? come|came|visit",
      "you @DAMAGE it|the|your", "you came|come at|during lunchtime|lunch|noon|the|peak|rush", "what did you expect"),
    # ---- deflect
    R("deflect", "pos", "no_ownership", "nothing more|else|much? i|we can|could do", "nothing i|we can|could",
      "there @BE nothing more|else? i|we? can?", "not much|anything i|we can|could do", "i|we can not|cannot do anything|much|a thing|nothing",
      "i|we can not|cannot help you?", "there @BE no way i|we", "out of my|our hands|control", "not my|our department|job|area|team|responsibility|problem|business|call|decision|fault|concern|remit|issue|division|section|desk|doing|place|role",
      "not up to me|us", "not in my|our hands|power|control|remit", "above my pay grade", "nothing to do with me|us|my|our", "not for me to",
      "i @BE not responsible|in+charge|the+one|authorized|authorised|allowed|able", "i|we do not|don't make|set|decide|control the|those|these? rules|prices|price|policy|policies|decisions",
      "i just|only work here", "company|bank|store|shop|office|our|the|official|standard policy", "^rules", "@BE the rules", "rules @BE rules", "the rules say",
      "the price|prices|pricing @BE set|fixed|decided|determined|controlled by?", "set|fixed|decided|determined|dictated by head|the|our|management|corporate|headquarters|government|manufacturer|upstairs",
      "complain|write to|with? them|head|headquarters|corporate|management|the|someone|another|your|whoever",
      "you can|could|should|will|need|have|must|may|might|better|would to? talk|speak|ask|call|contact|go|take|ring|phone|email to|with|up? them|head|headquarters|corporate|management|the|someone|another|your|whoever",
      "blame the|head|your|management|corporate|headquarters", "@BE the system|merchant|shop|terminal|machine|computer|government|manufacturer|supplier|bank|shop|store 's? fault|problem|issue|doing",
      "i|we have|'ve no idea|clue", "i|we do not know what to tell you", "not our|my fault|problem|responsibility|issue", "@I @BE not responsible|liable|to+blame",
      "take it up with", "another|different|other department|team|branch|bank|number", "you will|'ll have to call|contact|ask|talk|go|speak|take|complain",
      "that @BE not something|anything i|we", "the system does not|won't|will not let|allow", "i @BE just following", "my hands @BE tied", "i @BE just the|a",
      "^ask|call|contact|phone|ring|email them|head|another|your|someone|the|whoever|somebody", "tell that|it to", "^go there|elsewhere|somewhere",
      "you _? _? to? ask|talk|speak|call|contact|take|write|complain|email|ring|phone|go|sort|deal|fill|raise|see to|with|up|in? them|head|headquarters|corporate|management|the|someone|another|your|whoever",
      "that @BE|'s head|headquarters|management|corporate|their|them", "theirs ,? not mine|ours", "not mine|ours",
      "something|anything i|we @BE? responsible|in+charge|handle|control|decide|deal|do", "i|we can not|cannot change|do|fix|control|help it|that|anything|this|those|the|with",
      "i @BE only|just repeating|following|doing|passing|telling|saying", "head|headquarters|management|corporate|manufacturer|distributor|company|factory|office|they|supplier|government decides|decide|sets|set|handles|handle|controls|does|makes|fixes|chooses|decided|set|deals",
      "i @BE not a|an|the technician|manager|engineer|expert|mechanic|accountant|boss", "do not ask me", "not really|exactly|strictly my|our department|job|area|team|responsibility|problem|business|call|decision|concern|remit",
      "plenty of|other banks|shops|stores|places|branches|tobacconists|supermarkets", "^not me", ", not me", "down to the|head|your",
      "depends|depend on the|head|your|them|management|tellers", "ask the shop|merchant|manufacturer|maker|bank|store", "policy", "up to the manufacturer|maker|shop|bank|merchant", "that @BE just? how it is|things are|it works", "i|we do not|don't decide|set|make|choose|stock|control|fix|handle", neg_ok=True),
    # ---- dismiss
    R("dismiss", "pos", "dismissive", "calm down", "^relax", "chill out?", "settle down", "take it or leave it", "^next \\!|customer|please|person|one|up",
      "^next ,? please", "^whatever ,|.|\\!", "whatever ,|.|!", "whatever you say", "deal with it", "get over it", "tough luck|cookies", "^tough", "too bad", "so what", "not my problem",
      "stop shouting|yelling|complaining|whining|moaning|screaming|crying|interrupting|going|being|wasting", "lower|keep your voice down?", "do not|don't shout|yell|raise|scream",
      "@I do not|don't have time", "@I have|'ve|got no time", "are you done|finished|quite|through", "is that all \\?", "if you do not|don't like it",
      "if you can not|can't afford", "go|shop somewhere|elsewhere", "no one @BE? forcing|forced|forces|makes|made you", "nobody @BE? forcing|forced|forces|makes|made you", "you people", "as i already|just? said|told|mentioned",
      "like i said|told", "i already told|said|explained", "how many times", "listen to me", "let me finish", "stop you right? there", "hang|hangs|hung|hanging up",
      "*? click", "^bye", "^goodbye", "what do|did|does you want|expect me|us to do", "do you think i|we print|make|am|are money|made", "who do you think you are",
      "big deal", "it @BE only|just _? _? minutes|mins|money|bucks|quid|yuan|dollars|pounds|card|queue|line|price|wait", "everyone|everybody|others has|have|had? to? wait|waits|queues|queue",
      "^duh", "seriously \\?", "oh please", "yeah|sure right", "happy now", "satisfied \\?", "congratulations", "cry me a river", "boo hoo",
      "rocket science", "read the sign|instructions|manual|label|screen|price", "not that hard|difficult", "what @BE your problem", "can you not",
      "get in line", "you should be grateful|thankful|glad", "then do not|don't buy|queue|wait|come", "do not|don't buy it|then", "buy something else|cheaper",
      "your majesty|highness", "red carpet", "silver platter", "hand deliver", "fly|drive|walk it to your", "i am|'m busy",
      "you can|could always leave|go|complain", "go ahead and complain", "feel free to complain|leave|go", "complain all you|if", "what @BE the big deal",
      "you @BE overreacting|exaggerating|being dramatic|dramatic|hysterical|rude|unreasonable", "it @BE not the end of the world", "^hello \\?", "no need to shout|yell|get",
      "do you even", "excuse me ,? next|move|step", "are you listening \\?", "i do not|don't care", "who cares", "get a grip", "move along", "step aside",
      "you will survive", "whatever you say", "if you say so", "sure sure", "yes yes", "alright alright", "ok ok", "okay okay", "i heard you", "the first time",
      "if you would|'d let|listen|stop", "you @BE not listening", "you @BE the only one", "unlike some people", "common sense", "dream on", "lol", "mate",
      "happens to everyone|everybody", "^nothing ,", "everybody|everyone has|gets _? problems|issues", "not twenty|20|two hours|days", "that @BE your choice|problem|lookout|call|business",
      "that tone", "on my break", "next ,? please", "use your eyes|head|brain", "at least you", "for us either", "sorry you feel that way", "sorry if you feel",
      "^well ,? now", "interested anyway", "who knows", "just doing my job", "what do|does you want \\?", "^obviously", "none of your business",
      "do not tell me how|what", "good luck with that", "shouting|yelling|complaining|moaning|arguing will|does|won't|doesn't|is|isn't not? make|help|get|change|going",
      "why are|do you still", "that @BE the price", "or not \\?", "shall i \\?", "nobody|no one @BE? robbing|forcing|cheating|making|asking you",
      "you do not have to buy|come|wait|stay", "maybe|perhaps|just look|read|try|learn|take|be more", "look after it|your better", "you @BE welcome to", "^so ,? do i", "then you will be", "another call", "not paid enough", "you will be sorry", "i @BE not sorry", "flatter yourself", "daft|stupid|silly|idiot",
      "what @BE that got to do", "while i @BE at it", "how about that", "just for you", "every hour|minute|day|card|customer|person in? the? country|world|bank", "whole bank|country|world|city",
      "that @BE just? how it is|things are|it works", "would we sell|do|charge", "do not i \\?", "rubbish|nonsense|pathetic", "we are|'re not a charity", "money does not|doesn't grow", "was that so hard", neg_ok=True),
    # ---- helpers: concrete time and object (concreteness of a commitment)
    R("_time", "pos", "time", "@TIMEW", "right|straight away|now|there|here", "at once", "this morning|afternoon|evening|week|weekend",
      "within|in|under @NUMW? @NUMW? #? @UNIT",
      "by|before|on|at|until|next @DAY", "by|before|at|until # ~^(am|pm|o'clock|:)?$?", "~^\\d{1,2}(:\\d\\d)?(am|pm)$", "# am|pm|o'clock|p.m.|a.m.",
      "first thing", "before you leave|go|hang|get", "while you wait|are|'re", "on the spot", "end of|the day", "in a moment|minute|second|sec|jiffy",
      "same day", "~^\\d{1,2}:\\d\\d$", "one moment", "as we speak", "monday|tuesday|wednesday|thursday|friday|saturday|sunday|overnight|tonight",
      "while we|you talk|wait|speak|are|'re", "two|five|ten|few minutes", "give me a|one minute|moment|second|sec", neg_ok=True),
    R("_object", "pos", "object", "new|replacement card", "refund", "courier", "text|sms|email message?", "window|counter|desk #", "call back|you",
      "technician|engineer|manager|supervisor", "voucher|discount|credit|compensation", "reference|ticket|case number", "fee waived|waiver|back", "sample",
      "no charge|fee", "free of charge", "free", "# pack|packs|carton|cartons|pounds|quid|percent|%|minutes",
      "window|counter|desk|till|line|list|label|leaflet|lighter|note|form|announcement|shift|director|colleague|account|order|pack|packs|price|stamp", neg_ok=True),
]

# ----------------------------------------------------------------- Chinese --
_Z = {
    "Y": "(?:你们|你|您)",
    "WE": "(?:我们|我|咱们|本行|我行|我司|本店|我们这边|我这边)",  # ownership: first person only
    "W": "(?:我们|我|咱们|本行|我行|我司|本店|我们这边|我这边|公司|银行|我们银行)",  # actions may be the company's
    "NOW": "(?:现在|马上|立刻|立即|这就|今天|当天|今晚|明天|后天|稍后|待会儿?|一会儿?|当场|即刻|下午|上午|晚上|随后|"
           "[\\d一二三两四五六七八九十几半]+(?:个)?(?:分钟|小时|工作日|天|周|星期|点)(?:之内|以内|内|后|前)?|"
           "周[一二三四五六日]|星期[一二三四五六日天]|\\d+[::]\\d+|下周[一二三四五六日]?|下个?月|这周内?|本周内?|下周起|下班前|第一时间|当面|随时|(?:之|以)内)",
    "ADV": "(?:就|会|将|一定|立刻|马上|这就|先|亲自|负责|保证|肯定|可以|现在|在|直接|再|也|都|立即|今天|明天|这边|专门|优先|特地|给您|帮您)",
    # specific actions; generic ones (处理 handle, 解决 solve) only count with a time
    "ACT": "(?:办理|办好|办|补办|补发|重新发|寄出|寄|发送|发给|激活|开通|解锁|解冻|解除|退款|退还|退回|退|返还|赔偿|补偿|更换|换|"
           "联系|打电话|回电话?|致电|回访|安排|申请|预约|加急|带|陪|请|叫|送|恢复|修复|取消|减免|免除|免|优惠|打折|接待|"
           "拿|取|调整|核实|查询|查|登记|上报|开|推荐|介绍|演示|挑|给您看|修|调取|升级|重置|撤销|冲正|补|转接|转给|反馈给|叫号)",
    "ANYACT": "(?:处理|解决|办|搞定|弄好|跟进|落实)",
    "WEAKACT": "(?:看看|看一下|了解|反映|反馈|跟进|研究|考虑|关注|留意|改进|改善|注意|处理|解决)",
}


def Z(pattern):
    return pattern.format(**_Z)


ZH_RULES = [
    R("apologizing", "neg", "pardon", Z("(?:对不起|不好意思|抱歉)[,,、 ]*{Y}?(?:刚才)?(?:说|讲)?(?:什么|啥|再说一遍|再说一次|能再|请再|没听清|听不清|说的是)"),
      "(?:对不起|不好意思|抱歉)[??]", Z("(?:不好意思|对不起)[,,、 ]*(?:让一让|借过|下一位|下一个|请让|我很忙|没空|让让)"),
      "(?:不好意思|打扰一下|打扰了)[,,、 ]*(?:先|再|冒昧)?(?:问一?下|问一句|问个|确认一?下|插一句|打断一下)",  # a polite "excuse me, may I ask"
      Z("(?:遗憾|抱歉|对不起){Y}(?:这么|这样|会这么|会这样)(?:想|认为|觉得)"), Z("(?:如果|要是){Y}(?:觉得|认为)[^,。!?]{{0,8}}(?:对不起|抱歉)"), neg_ok=True),
    R("apologizing", "pos", "apology_word", "对不起|对不住|抱歉|不好意思|道歉|致歉|歉意|请原谅|原谅我|见谅|遗憾|过意不去|愧疚|惭愧|赔个?不是|(?i:sorry)"),
    R("apologizing", "pos", "own_fault", Z("(?:给|让){Y}(?:和[^,。!?]{{1,4}})?(?:都)?(?:添|带来)了?(?:很多|这么多|不少)?(?:麻烦|不便|困扰|损失|不愉快)"),
      Z("让{Y}(?:久等|受累|受委屈|白跑|费心|担心|着急|生气|不愉快|失望|等了这么久|折腾|跑了|多跑|等这么久|排了这么久|不高兴|操心|为难|受气)"),
      Z("{WE}(?:这边|方面|工作上|系统|内部|银行|工作人员|员工|同事)?的(?:失误|错|错误|问题|责任|疏忽|不对|过失|工作失误|不是|失职|不周|工作没做好)"),
      Z("是{WE}(?:这边)?(?:没|没有|工作|不对|的不对)"), Z("怪{WE}"), Z("{WE}(?:没有?|没能|未能|不该|不应该)(?:做好|做到位|及时|提前|通知|告知|说清楚|解释清楚|安排好|激活|考虑|注意|处理好|尽到)"),
      Z("{WE}做得不(?:好|到位|够)"), Z("责任在{WE}"), Z("{WE}(?:应该|本应|本该|早该)(?:早点?|提前|及时|先|更)"),
      "(?:服务|工作)(?:不周|没做好|不到位)", "我们的锅|我的锅",
      Z("是{WE}[^,。!?;]{{0,10}}?(?:失误|疏漏|失职|错|不周|不够|没做好|没做到|没改好|没开|没注意|问题|毛病|不对|准备不足|考虑不周|责任|失信|怠慢|疏忽|做得太差|处理得太慢)"),
      Z("{WE}[^,。!?;]{{0,8}}?(?:考虑不周|准备不足|准备得不周到|难辞其咎|失信|怠慢|疏漏|失职|做得太差|处理得太慢|没做好|做得不好)"),
      Z("(?:委屈|难为|辛苦|耽误|为难){Y}了|辜负了?{Y}|添堵|让{Y}寒心|(?:这点|这件事)(?:确实|的确)?(?:做得不好|处理得不好|做得不对)|内部[^,。!?]{{0,6}}(?:错|问题|失误)")),
    R("listening", "pos", "paraphrase", Z("{Y}(?:是说|的意思是|刚才说|说的是|讲的是|是想|是要|想要的是|需要的是|是指)"), "也就是说|换句话说|我(?:理解|确认|核实|复述|总结|重复)(?:一下|的是|得对|得没错)",
      "我听明白了|我明白您的意思|我记下了|我听清楚了", Z("{Y}(?:关心|在意|担心|想要|要|需要|想问)的是|{Y}(?:刚才)?说到|{Y}记得没错|我懂{Y}(?:的)?意思"), "(?:对吧|是吧|对吗|是这样吗|没错吧|我理解得对吗|是不是这样)", Z("所以{Y}"), "(?:就是说|那就是说)"),
    R("listening", "pos", "feeling", Z("理解{Y}(?:的|现在的)?(?:心情|感受|着急|生气|不满|难处|处境|焦急|担心|急切|愤怒|不便|想法)"),
      "(?:我|我们)(?:非常|很|完全|能|都|真的|特别)?(?:理解|明白|体会|体谅)", "换(?:了|作|成)?(?:谁|是我|我|任何人)(?:都|也)",
      "谁(?:碰到|遇到|遇上)(?:这种事|这事|这种情况)?都", "(?:确实|真是|的确|实在|真的)(?:让人|挺|很|太|够|是)?(?:着急|生气|恼火|闹心|窝火|烦|不舒服|难受|委屈|郁闷|糟心|麻烦|不方便|气人|憋屈|折腾|辛苦)",
      Z("{Y}(?:一定|肯定|应该)?(?:很|特别|非常|挺|真|太)(?:着急|生气|不舒服|难受|委屈|辛苦|累|烦|失望|恼火|担心)"), "等了这么久|站了(?:这么)?(?:半天|这么久|二十分钟)|排了这么久|跑了好几",
      "(?:肯定|一定|确实|真|难免)(?:很|挺|会|是)?(?:失望|心疼|着急|生气|难受|莫名其妙|有情绪|不舒服|不平衡|窝火|想买)|有情绪|负担(?:太|很)?重|换我",
      Z("辛苦{Y}了|{Y}受累了|{Y}的(?:心情|感受|不满|着急)"), "(?:心情|感受)(?:我|我们)?(?:非常|很|完全)?(?:理解|明白)", neg_ok=True),
    R("listening", "pos", "invite", Z("{Y}?慢慢说|我(?:在)?听着|{Y}(?:接着|继续)说|请(?:继续|接着)(?:说|讲)?|然后呢|后来呢|还有(?:什么|别的|其他)(?:问题|需要|情况|要求)"),
      "(?:噢|哦|喔|啊|哦哦)[,,]?(?:是吗|是么|这样啊|真的吗)|真的吗|是吗[??]", Z("{Y}(?:请)?说[,,。!]|{Y}请讲|跟我说说|有什么[^,。!?]{{0,8}}(?:跟我说|告诉我)|我不打断"), Z("{Y}说说看|说来听听|具体(?:说说|讲讲)|能(?:不能)?(?:说说|讲讲|详细说|描述|具体说)")),
    R("listening", "pos", "appreciate", "眼力(?:真|很)?好|说得真有意思|眼光(?:真|很|非常|挺|果然|确实)?(?:好|准|独到|不错|毒|高)|好眼力|识货|一眼就(?:看出|认出|发现|挑中)|内行|行家|懂行",
      Z("{Y}说得(?:对|有道理|没错|在理|很对|非常对)|{Y}(?:观察|看)得(?:真|很|非常)?(?:仔细|准)|(?:谢谢|感谢){Y}(?:告诉|提醒|反馈|指出|提出|的反馈|的建议)"),
      "(?:好|这个)问题|问得好|有道理|您真细心|您真懂"),
    R("explaining", "neg", "non_explanation", "就是这样|规定就是这样|没有为什么|(?:我也)?不知道(?:为什么|怎么回事)|不清楚(?:为什么|怎么回事)|谁知道|本来就这样|一直都这样|没什么原因", neg_ok=True),
    R("explaining", "pos", "cause_connective", Z("因为(?!{Y})|由于(?!{Y})|原因(?:是|在于|主要是|出在)|是因为(?!{Y})|之所以|所以(?:才|会|就)|导致|造成|引起|这是由于|主要是|其实是|是这样的|目的是|为了(?:保障|保护|安全)|出于(?:安全|保护)|这就是为什么"), neg_ok=True),
    R("explaining", "hint", "procedure", "(?:需要|必须|得|要)(?:您|本人)?(?:带|持|本人|先)|前面还有[\\d一二三四五六七八九十几两]+(?:位|个|号)|还要[\\d一二三四五六七八九十几两]+分钟|大概(?:还要|需要)|"
      "其实|一般|通常|多半|一般来说|按(?:规定|流程)|在(?:处理|忙|培训|开会|清点|休假)|卖完了|到货|没货|断货|缺货|说明|意味着|(?:可能|应该|估计|多半)(?:是)?(?:当时|系统|网络|机器|卡片|芯片|那边)|功能(?:没|未)?(?:开通|开)|(?:特别|比较|非常)多", neg_ok=True),
    R("explaining", "pos", "cause_fact", "(?:系统|网络|设备|机器|服务器|终端|POS机?|机具|读卡器)(?:正在|在|出现|出了|发生|有)?(?:点|一些)?(?:升级|故障|维护|问题|异常|调试|繁忙|卡顿|延迟|更新|调整)",
      "这(?:一)?批(?:卡|新卡|卡片)?|芯片|磁条|(?:没有|未|还没|尚未)(?:被)?(?:激活|开通|启用)|需要激活|激活后|发工资|发薪|工资日|月底|月初|高峰|人(?:特别|比较|很|非常|太|有点)多|窗口(?:少|不够|有限|只开)|只开了|"
      "(?:同事|柜员|员工|工作人员)(?:请假|生病|病假|培训|休假|在培训|调走|不够)|午休|进口|税|原料|成本|工艺|烟叶|新品|新产品|限量|包装|配方|滤嘴|产地|等级|手工|年份|烟丝|上涨|涨价|调价|上调|风控|安全(?:检查|验证|设置)|冻结|限额|额度|过期|有效期",
      "今天是(?:发工资|发薪|月底|月初|周一|周末|节后|假期|高峰|工资)|今天(?:人|业务)(?:特别|比较|很|非常|太)?多",
      # a fault on our side stated as a fact ("消费功能一直是关着的", "数据没同步好", "广播坏两天了")
      "(?:功能|数据|参数|权限|设置|广播|叫号机|设备|线路|号码)[^,,。!?!?]{0,6}?(?:一直)?(?:是)?(?:关着|关闭|没(?:有)?(?:设|开|同步|配置|弄|调)好?|坏了?|出(?:了)?(?:问题|故障)|掉线|断了)",
      # plain facts about the product or its price ("焦油才8毫克", "一条四百五", "正规渠道进的")
      "焦油|尼古丁|(?:劲|口感)(?:儿)?(?:偏|比较|很|不)?(?:大|小|柔|淡|冲)|偏柔|偏淡|正规渠道|正品|统一定价|全市统一|"
      "(?:一|每)(?:包|条|盒)(?:是|要|卖)?[\\d一二三四五六七八九十百千两]+(?:块|元)?", neg_ok=True),
    R("explaining", "pos", "cause_situation", Z("(?:问题|原因|毛病)(?:就)?(?:出在|在于)|卡在了?[^,。!?]{{1,8}}(?:这一步|环节|那里|那儿)|(?:同事|收银员|柜员|复核员|经理|师傅|工作人员|服务台的同事|店员)[^,。!?]{{0,6}}(?:是新来的|新来的|休假|请假|去[^,。!?]{{1,8}}了|在忙|下班了|不熟悉|培训|生病)|"
      "(?:是|因为)(?:我们|系统|网点|卡厂|库房|那边)[^,。!?]{{0,10}}(?:没|漏|错|忘|晚|慢|搬迁|故障|升级|维护)|本该(?:默认)?|(?:可以|能)(?:退|换|开|补)|营业到|到货|上市|(?:多半|可能|应该|估计)是|(?:人|客户|客人)(?:会)?(?:少|多)(?:很多|一些|不少)?"), neg_ok=True),
    R("committing", "neg", "vague", "尽量|争取|努力|尽力|尽可能|尽快|改进|改善|考虑|研究|反映|看看(?:能不能|有没有|吧)|想(?:想)?办法|以后|下次|有机会|希望|可能|大概|也许|回头|再说|等等看|提意见", neg_ok=True),
    R("committing", "neg", "instruct", Z("{Y}(?:可以|得|要|需要|必须|应该|最好|就|先|自己|还是)+(?:去|到|找|打|拨|联系|等|排队|取号|填|带|问|上网|下载)|{Y}(?:去|到)(?:网点|银行|柜台|营业厅|开户行|那边)"),
      "请(?:您)?(?:稍等|等一下|等一等|等等|排队|取号|耐心等待|耐心|先去|排好队|按顺序)|等着吧|慢慢等|排着吧", neg_ok=True),
    # first person (or the company) + a specific action for the customer / at a stated time
    R("committing", "pos", "first_person_action", Z("{W}{ADV}{{0,4}}(?:给|帮|为|替|带|陪|向)(?:{Y}|经理|主管)(?:{NOW}|就|先|一起|去|到|把|将|重新)?{ACT}"),
      Z("{W}{ADV}{{0,3}}{NOW}{ADV}{{0,3}}(?:给|帮|为|替|带|陪)?{Y}?(?:{ACT}|{ANYACT})"), Z("{W}(?:{NOW})?(?:来|去)(?:给|帮|为|替)?{Y}?{ACT}"),
      Z("{W}(?:已经|刚刚|刚)(?:给|帮|为|替|把)?{Y}?[^,。!?]{{0,6}}?{ACT}(?:了|好了)?"), Z("{W}{ADV}{{0,3}}(?:把|将)[^,。!?]{{1,10}}?{ACT}"),
      Z("(?:请|麻烦){Y}?(?:跟我来|随我来|这边请)"), "这边请|跟我来|随我来",
      # generic: first person + a concrete time / certainty marker + an action, in one clause
      Z("{W}[^,。!?;:,:;]{{0,6}}?(?:{NOW}|马上|立刻|立即|这就|当场|亲自|一定|保证|直接)[^,。!?;:,:;]+"),
      Z("{NOW}[^,。!?;:,:;]{{0,8}}?{W}[^,。!?;:,:;]+"),
      # benefactive: I + for you + an action (not just talking)
      Z("{W}[^,。!?;:,:;]{{0,4}}?(?:给|帮|为|替|陪|带)(?:{Y})(?!解释|说明|讲|说|道歉)[^,。!?;:,:;]+"), Z("{W}[^,。!?;:,:;给]{{1,8}}?给{Y}(?!解释|说明|讲|说|道歉)"),
      Z("{W}(?:已经|刚刚|刚才|刚)(?!说|讲|告诉|解释)[^,。!?;:,:;]+")),
    R("committing", "weak", "first_person_weak", Z("{W}{ADV}{{0,3}}(?:给|帮|为){Y}?{WEAKACT}|{W}(?:会|将|一定会|保证|肯定会|来|去){WEAKACT}")),
    R("committing", "pos", "company_action", Z("(?:新卡|补办的卡|卡片|退款|钱|款|款项|费用|经理|主管|值班经理|技术人员|师傅|专人|同事|工作人员|快递|短信|通知|客户经理|专员)[^,。!?]{{0,8}}?{NOW}[^,。!?]{{0,8}}?(?:{ACT}|到账|到|过来|上门|寄到|送到|回来|给您)"),
      Z("(?:会|将)有(?:专人|工作人员|技术人员|客户经理|同事|专员)[^,。!?]{{0,6}}?(?:联系|回电|上门|致电|办理|给您)"), Z("下一(?:个|位)就是{Y}|{Y}是下一(?:个|位)")),
    R("blame", "neg", "not_blame", Z("不是{Y}的(?:错|问题|责任)|不怪{Y}|{Y}没(?:有)?(?:做错|错|任何(?:责任|问题|过错))|我(?:不是|没有)(?:在)?(?:怪|说|责怪){Y}|跟{Y}(?:没|没有)关系|与{Y}无关|{Y}没有任何"), neg_ok=True),
    R("blame", "pos", "second_person_cause", Z("谁(?:让|叫){Y}|都怪{Y}|(?<!难)怪{Y}|{Y}(?:自己)?的(?:错|问题|责任|过失)|是{Y}(?:自己)?(?:的问题|的错|弄|搞|没|不小心|把|放|输|记|忘|操作)|{Y}自己(?:没|不|弄|搞|把|放|输|的|保管|操作)"),
      Z("(?:因为|由于|还不是因为|都是因为|就是因为|谁让){Y}(?:自己)?(?:没|不|把|忘|弄|放|输|来|选|非要|非得|偏|晚|操作|乱|用|刷)"),
      Z("{Y}(?:是不是|是否|有没有|肯定|一定|准是|八成|估计|应该是|可能|大概|多半)(?:是)?(?:把|将|自己|弄|摔|折|放|输错|记错|忘了|忘记|没注意|没看|用错|刷错|搞错|没保管|磁|靠近|没有?保管|乱)"),
      Z("{Y}(?:把|将)(?:卡|它|银行卡)?[^,。!?]{{0,6}}(?:弄|摔|折|放在|压|泡|洗|丢|消磁|磁化|靠近|挨着)"), Z("{Y}怎么(?:不|没|才|这么晚|连)|{Y}为什么(?:不|没|要|非|偏)|{Y}(?:应该|本该|早该|就该|该)(?:早|先|提前|自己|看|注意)"),
      Z("{Y}(?:不会|没)(?:看|注意|仔细|认真)|{Y}(?:不|没)(?:识字|长眼)|(?:和|与|跟|挨着|靠着|靠近)(?:磁铁|手机|钥匙|磁|音箱)|谁知道{Y}|{Y}(?:那|这|的)?(?:张)?卡(?:的)?磁条|{Y}(?:自己)?(?:操作|输入|输)(?:不当|错|有误)|{Y}(?:中午|这个时候|这时候|高峰)来"),
      Z("(?:肯定|一定|准是|八成)(?:是)?{Y}|{Y}(?:搞错|弄错|看错|记错|输错|用错|刷错)"),
      Z("{Y}连[^,。!?]{{1,6}}都|{Y}不会是|{Y}是不是没|是不是{Y}|{Y}(?:昨天|之前|平时|老|总|经常|是不是)?[^,。!?]{{0,4}}(?:干|做|弄)(?:了)?什么|{Y}(?:老|总|经常)(?:在|是|忘)"),
      Z("{Y}[^,。!?]{{0,4}}是不是把|{Y}不会(?:去|先|自己)|{Y}非(?:要|得)|就{Y}(?:非要|非得|偏|意见大|事多)|非要排|反了吧|才怪|{Y}早干(?:嘛|什么)去了|到{Y}手里|{Y}家(?:孩子|人)|估计是{Y}|{Y}(?:手机|卡)是不是|"
        "{Y}要是(?:早|先|提前)|{Y}不会先|(?:持卡人|客户|顾客|有些人|好多人|很多人)(?:都是|就是)?自己|有些客户就是|又来怪|{Y}(?:抽|用|刷|按|排)得太|{Y}(?:的)?(?:是不是)?(?:卡)?的?磁条|自己(?:记混|记错|弄错|搞错|保管不当|没注意|不看)|"
        "{Y}自己(?:没|不|弄|搞|把|放|输|的|保管|操作|记|挑|选|错)|怪不了别人|怪谁|怪不得(?:我们|别人)|(?:不)?懂行|密码都不记得|{Y}(?:自己)?(?:错过|没带|没签|没看|没取|没记|忘)|卡在{Y}手上|(?:当然|难怪)(?:觉得|叫不到|刷不了|贵|不行)|{Y}取的是")),
    R("deflect", "pos", "no_ownership", "不归我(?:们)?管|不是我(?:们)?(?:负责|管|的事|的问题|的责任|部门|能决定|说了算|的错)|不关我(?:们)?的?事|跟我(?:们)?没(?:有)?关系|与我(?:们)?无关|"
      "(?:我|我们)(?:也|真的|确实|实在)?(?:没|没有)(?:办法|法子|辙)|没办法|我(?:也)?(?:管不了|做不了主|决定不了|说了不算|无能为力|帮不了|爱莫能助|不能做主)|我说了不算|"
      "(?:公司|上面|总部|总行|领导|厂家|国家|上级|行里|烟草局|物价局)(?:统一)?(?:规定|定的|决定的|说了算|要求的|定价)|价格是[^,。!?]{0,6}定的|(?:这|那)(?:是|就是)(?:公司|银行|我们|上面)?的?(?:规定|政策|制度)|规定就是规定|"
      "我只是(?:个)?(?:打工的|上班的|员工|普通员工|柜员|客服|卖烟的|售货员)|(?:那|这)(?:我)?(?:就)?不(?:清楚|知道)了|不是我们的(?:问题|责任|错)|跟(?:我们|银行|我)(?:没|没有)关系",
      Z("{Y}(?:可以|得|要|需要|最好|还是|自己|就)*(?:去|找|打给|问|向|跟)(?:总部|总行|公司|厂家|上面|领导|别的部门|其他部门|开户行|商户|那边|发卡行|烟草局|物价局|相关部门)"),
      "(?:我们|我)(?:也|都)?(?:说了不算|管不着|改不了|处理不了|管不了|决定不了|做不了主|没权|没有权限|无权|做不了)|(?:是|归)(?:公司|总行|分行|总部|上面|厂家|银联|商户|人事部|上级)(?:的事|管|定的|统一|批)",
      Z("(?:要|可以|去)?(?:怪就怪|找|问|投诉)(?:总行|总部|公司|厂家|银联|商户|上面|物价局|烟草局|分行)|我就是个|我就负责|我只负责|我只管|按(?:要求|规定|流程|制度)(?:办|来)|(?:跟|和|对)我(?:说|吵|喊|发火)(?:有什么用|也没用|没用)|你问我我问谁|上面让|有什么办法|(?:得|要)(?:分行|总行|上面|领导)批|可以去投诉|投诉电话|明天再来|改天再来"), neg_ok=True),
    R("dismiss", "pos", "dismissive", "爱(?:买|排|办|等|来|要|用|去)不(?:买|排|办|等|来|要|用|去)|不买(?:就|拉倒|算了|就算了|就别|也行|你就走)|(?:嫌贵|买不起|嫌慢|等不了|不想等)(?:就|的话)?(?:别|不要|去|走)|"
      "(?:嚷|吵|喊|叫|闹|急|激动)(?:什么|啥)(?:嚷|吵|喊|叫)?|别(?:嚷|吵|喊|闹|叫)(?:了|嚷|吵)?|冷静(?:点|一下|一点)|安静(?:点|一点)|小声(?:点|一点)|(?<![到是])下一位(?!就是)|下一个[!!。]|有完没完|随便你|随你(?:便)?(?:吧)?|爱怎么(?:样|办)就|"
      "爱(?:找|去|投诉)(?:谁|哪|就)|(?:要)?投诉(?:就)?(?:去)?投诉(?:吧|去)?|(?:去)?投诉(?:吧|去吧|啊|呗)|我(?:很|正|在)忙|忙着呢|我没(?:空|时间)|懒得|就这样吧|就这样了|不就(?:是)?[^,。!?]{0,8}(?:吗|嘛)|"
      "至于吗|至于这样|大惊小怪|急什么|有什么好(?:生气|急|吵|嚷|抱怨|气)|懂(?:什么|不懂)|挂断|我先挂了|挂了啊|嘟+|你听我说|听我说完|我(?:都)?说了(?:多少遍|几遍|很多遍|好几遍)|我已经说过了|少废话|"
      "怎么又是|你们这些人|(?:别|不要)(?:在这)?(?:浪费|耽误)|谁有空|自己看|不会自己|想怎么样|到底(?:买不买|办不办|要不要|想干什么)|(?:想|要)我怎么(?:办|样)|"
      "(?:大家|别人|谁)(?:不)?都(?:在)?(?:排|等)(?:着|队|呢)?(?:吗|呢|啊)?[,,。!?]|又没人求|没人求(?:你们|你|您)|(?:你们|你|您)就(?:打|去|信)啊|(?:提|投诉|说|吵|喊)了也没用|卖给谁也不|(?:你们|你|您)这种|没见过世面|解释什么|别管那么多|意见大|别激动|早干(?:嘛|什么)去了|(?:你们|你|您)没看[^,。!?]{0,8}吗|买不起|(?:你们|你|您)也不懂|说了(?:你们|你|您)也|而已|又不是|算什么|又没人逼|(?:你们|你|您)别乱讲|随(?:你们|你|您)怎么想|要就拿|不要就算|不讲价|就这价|就这么多人|快不了|嫌(?:贵|离谱|慢)(?:就|的话|你|您)?(?:别|去|走|那边)|你要这么想|您要这么想|很遗憾(?:您|你)这么|我问谁|跟我吵也没用|能不[^,。!?]{1,4}吗|还要补偿|你干什么了|你知道[^,。!?]{1,10}吗|有什么关系[??]|谁说得准|又不在我|懂烟的人|很正常啊|(?:你们|你|您)去(?:超市|别的店|别家)|有什么好解释|要打就打|拦不住|干嘛|不差(?:你们|你|您)|谁坑(?:你们|你|您)|说话注意点|说话文明|不然我就挂|行了吧|满意了吧|好好好|行行行|您这话说的|你这话说的|看看就行|给有钱人|关我什么事|跟我有什么关系|我就是接电话的|(?:你们|你|您)爱|又不是只有你|你以为|有本事|关我什么事|管得着|别废话|让开|烦不烦|真麻烦|真烦|多大点事|这点小事|看不懂吗|没看见吗|搞什么|神经|无理取闹|别找事|不可理喻|爱信不信|快点说|说重点|别啰嗦|啰嗦", neg_ok=True),
    R("_time", "pos", "time", Z("{NOW}"), neg_ok=True),
    R("_object", "pos", "object", "新卡|补卡|退款|短信|回电|号窗口|窗口|经理|主管|专人|技术人员|快递|贵宾室|VIP|样品|试抽|优惠|折扣|代金券|免费|不收费", neg_ok=True),
]

# ------------------------------------------------- mistake flags: concepts --
# The flags as the rubric defines them, one rule per concept, in the general forms a
# trainee can put them in (the rules above also hold forms seen in the data).
# dismiss: managing the customer's emotion, hurrying or cutting them off, sarcasm and
#   mock politeness, take-it-or-leave-it, "next!", condescension, ending the call,
#   indifference, the non-apology "sorry you feel that way", "I'm busy";
# blame: the customer as the cause (second person, or "people who ..."), accusing
#   yes/no questions about their conduct, counterfactuals ("you should have");
# deflect: ownership denied, authority shifted (head office, policy, the system),
#   the customer sent elsewhere.
EN_FLAG_RULES = [
    R("dismiss", "pos", "manage_emotion", "calm|cool|settle|simmer|quiet|pipe down", "calm yourself", "^relax", "^chill", "chill out",
      "keep|lower your voice|hair|shirt", "keep it down", "no need to shout|yell|scream|swear|raise|kick|get|be|make|take",
      "there @BE no need for that|this|such", "do not|stop get|getting so|all? worked|excited|emotional|hysterical|heated|shirty|aggressive|dramatic|wound",
      "stop shouting|yelling|screaming|whining|moaning|complaining|crying|ranting|swearing|arguing|overreacting|exaggerating|raising|kicking",
      "watch|mind your tone|language|mouth|manners", "that|this|your tone", "get a grip", "pull yourself together", "grow up", "behave yourself",
      "do not be so? ridiculous|silly|dramatic|difficult|rude|impatient|childish|unreasonable|hysterical|petty|precious|stupid|daft",
      "you @BE being ridiculous|silly|dramatic|difficult|rude|impatient|childish|unreasonable|hysterical|petty|precious|stupid|daft|awkward",
      "you @BE|sound|seem overreacting|exaggerating|hysterical|paranoid|touchy|oversensitive",
      "shouting|yelling|screaming|complaining|moaning|arguing|whining|crying|swearing|ranting|getting|being @WILL|does|do|is|did not? help|change|make|fix|solve|get|speed|achieve|going",
      neg_ok=False),
    R("dismiss", "pos", "hurry", "hurry up", "get|come to the point", "make it quick|snappy", "spit it out", "@I have|do not have|got all day",
      "i @BE not here all day", "be quick", "^come on", "yes|yeah|ok|okay|alright|fine ,? yes|yeah|ok|okay|alright|fine ,|.|\\!",
      "i heard|got you the first time", "let me finish|talk|speak", "stop interrupting", "do not interrupt", "are you done|finished|through",
      "^enough", "that @BE enough", "i @BE not going to repeat|argue|discuss", "i will|'ll not repeat", "^moving on", "i said|told you already",
      "@I @BE wasting time", "you @BE wasting my|our|everyone 's? time", "stop wasting", neg_ok=False),
    R("dismiss", "pos", "sarcasm", "happy|satisfied|pleased|content now", "poor you|thing", "my heart bleeds", "boo hoo", "cry me a river",
      "oh no ,? how terrible|awful|tragic|dreadful|sad", "how tragic", "congratulations", "well done you", "yeah|oh|sure ,? right \\!|.",
      "oh sure", "aren't|are you not special", "lucky you",
      "would|do you like|want me to _ _? _? _? too|also \\?", "shall|should i _ _? _? _? too|also \\?", "anything else ,? your majesty|highness",
      "your majesty|highness|lordship|ladyship", "red carpet", "silver platter", "thanks for the lecture", "what a surprise", "shocking ,|.|\\!",
      "oh ,? wow", "big surprise", neg_ok=True),
    R("dismiss", "pos", "take_or_leave", "take it or leave it", "if you do not like it|them|that|this|the|our", "if you can not afford it|them|that|this",
      "if it @BE too expensive|dear|pricey|slow|long|much", "then do not buy|come|wait|queue|bank|shop|use|smoke", "go|shop|bank|buy somewhere|elsewhere",
      "plenty|lots of other banks|shops|stores|places|branches|tobacconists|customers", "nobody|no one @BE? forcing|forces|forced|making|makes|asking|begging|holding|keeping you",
      "you do not have to buy|come|wait|stay|bank|shop|use", "you @BE free to go|leave|shop|take|complain|bank", "that @BE the price",
      "that @BE your choice|decision|lookout|problem|business|loss", "your choice|loss ,|.|\\!", "suit yourself", "do what|as you like|want|please", neg_ok=True),
    R("dismiss", "pos", "next", "^next \\!|.|customer|please|person|one|up", "next \\!", "move along", "step aside", "out of the way",
      "keep the line|queue moving", "others|people|customers @BE waiting", "there @BE people|others|customers waiting", "i have|'ve|got other customers|calls|people",
      "other customers|callers @BE waiting", neg_ok=True),
    R("dismiss", "pos", "condescend", "rocket science", "not that hard|difficult|complicated", "even a child|kid", "as i said|explained|mentioned|told",
      "like i said|told", "how many times", "@I @BE|have already|just said|told|explained", "for the last|third|hundredth time",
      "read the sign|instructions|manual|label|screen|price|pack|board|notice|leaflet|terms", "can you not|do you not read|see|understand|hear",
      "let me explain|say|put this|it|that? slowly|simply", "you people", "people like you", "you would not understand|know", "what do you know",
      "^obviously", "^duh", "do you even know", "sweetheart|darling|honey|sweetie|buddy|pal|missy ,|.|\\!|\\?", "it @BE not complicated|difficult|hard", neg_ok=False),
    R("dismiss", "pos", "end_call", "hang|hangs|hung|hanging up", "@I @BE|will|'ll going? to? end|ending|terminate|terminating|disconnect|disconnecting",
      "put|putting the phone down", "this|the conversation|call|discussion @BE over|finished|done|ended", "we @BE done here", "end of discussion|story|conversation",
      "^goodbye", "^bye", "good+bye ,? then", neg_ok=False),
    R("dismiss", "pos", "indifference", "^whatever ,|.|\\!", "whatever ,|.|\\!", "so what", "who cares", "i do not|could not care", "not my problem|concern|issue",
      "big deal", "^and \\?", "it is what it is", "that @BE life", "too bad", "^tough", "tough luck", "deal|live with it", "get over it", "oh well",
      "it happens", "these things happen", "what do|did|does you want|expect me|us to do|say", "what do you expect|want \\?", "what @BE the big deal",
      "what @BE your point", "not the end of the world", "you will survive|live", "if you say so", "whatever you say", "it @BE only|just _? _? _? minutes|money|a|one|card|queue|line|wait|pack",
      neg_ok=False),
    R("dismiss", "pos", "non_apology", "sorry if|that? you feel|felt|think|see|took|take|are|were|find", "sorry you @BE upset|unhappy|offended|disappointed",
      "sorry you see it that way", neg_ok=False),
    R("dismiss", "pos", "busy", "i @BE busy|occupied|swamped", "i @BE on my|a? break|lunch", "@I @BE|have|got no|not time", "@I do not have time",
      "can you not|do you not see i @BE busy", "^not now", "come back later|tomorrow", neg_ok=False),
    R("blame", "pos", "your_doing", "@YOUR own? fault|mistake|problem|doing|carelessness|error|responsibility|lookout", "that|this|it @BE on you",
      "you brought|bring this|it on yourself", "only have yourself to blame", "blame yourself", "you @BE to blame", "you @BE the one who|that",
      "you did|do this|it|that to yourself", "it was you who|that", "that @BE|is what happens|happened when|if you",
      "you @DAMAGE|caused|messed|mixed", "because|since|as you|people|customers did|didn't|did+not|never|forgot|failed|came|come|chose|put|kept|left|entered|typed|used|let|picked|insisted|decided|keep|always|insist|refuse|do|don't|do+not",
      "if people|customers|you had|did|read|listened|checked|looked|came|kept|brought|paid|followed"),
    R("blame", "pos", "counterfactual", "you should|must|could|ought have|'ve|to? have? @PASTANY|been|come|kept|checked|asked|read|brought|called|told|known",
      "you should not|never have|'ve", "had you _", "you need|have|ought to be more careful|careful|responsible|attentive",
      "you were not careful|paying|looking|listening",
      "you should|must always|never|really", "you @WILL|should|must learn", "@BE always going to", "you really should"),
    R("blame", "pos", "accusing_question", "did|have|were you @ADV? even? @DAMAGE|@PLACE|lose|forget|drop|bend|sit|wash|leave|lend",
      "did|do|have|were|are|would you not", "have you been @PLACE|@DAMAGE|using|keeping|leaving|carrying|putting|letting|lending|sharing",
      "are you sure you", "what did|have you do|done", "what have you been doing", "were you even|actually|really", "did you actually|really|even"),
    R("deflect", "pos", "no_ownership", "not my|our department|job|area|team|responsibility|problem|business|call|decision|concern|remit|issue|desk|role|fault",
      "nothing to do with me|us", "not up to me|us", "out of my|our hands|control", "above|beyond my pay+grade|authority|remit|control",
      "i @BE not allowed|permitted|authorised|authorized|able to", "i|we do not make|set|decide|control|choose the|those|these? rules|prices|price|policy|policies|decisions",
      "i only|just work here", "i @BE just|only the|a|an|following|doing|staff", "nothing i|we can|could", "i|we can not do anything|nothing|much|a+thing",
      "my|our hands @BE tied", "not something|anything i|we can|could", "there @BE no one|nobody above|else", "i|we can not help|change|fix|do", neg_ok=True),
    R("deflect", "pos", "authority", "head office|headquarters|management|corporate|the+bank|the+company|the+system|the+computer|the+manufacturer|the+government|policy|regulations|rules decides|decide|decided|sets|set|says|say|said|requires|require|will|does|makes|made|controls|won't|dictates",
      "computer|system says no", "rules @BE rules", "it @BE|that @BE the|our|company|bank rules|policy|procedure|regulations|protocol",
      "@BE set|fixed|decided|determined|dictated by head|headquarters|the|our|management|corporate|government|manufacturer",
      "blame head|the|management|corporate|headquarters|the+system", "the system does|will|won't not let|allow", neg_ok=True),
    R("deflect", "pos", "redirect", "take it up with", "you @WILL|need|have|must|should|better|'d to? have? to? call|ring|phone|contact|write|email|complain|speak|talk|go|take|see|ask to|with|up? head|headquarters|corporate|management|them|another|customer|the+manufacturer|someone|somebody|whoever",
      "that @BE a question|matter|one|issue for|with head|headquarters|them|your|another|the", "try another|a different|the other branch|bank|department|shop|number|counter|desk",
      "wrong department|counter|number|branch|person|desk|place", "^ask|call|contact|complain|write to? them|head|headquarters|corporate|management|someone|whoever", neg_ok=True),
]

ZH_FLAG_RULES = [
    R("dismiss", "pos", "manage_emotion", Z("冷静(?:点|一下|些|一点)?|(?:别|不要|甭|少)(?:嚷|吵|喊|叫|闹|激动|发火|发脾气|大喊大叫|大呼小叫|冲我|吼|骂|凶|撒泼|胡闹)|(?:嚷|吵|喊|叫|闹|吼|急|激动|凶|横)(?:什么|啥)|"
      "小声(?:点|一点|些)|安静(?:点|一点|些)|注意(?:{Y}的)?(?:态度|言辞|用词|素质|措辞)|(?:吵|闹|喊|嚷|发火|急|骂|生气)(?:也|有)?(?:没用|解决不了|有什么用|不管用)|{Y}(?:这是|太)?(?:小题大做|无理取闹|大惊小怪)"), neg_ok=True),
    R("dismiss", "pos", "hurry", "快(?:点|些)说|说重点|长话短说|(?:别|少)(?:啰嗦|废话|磨叽|墨迹)|行了行了|好了好了|知道了知道了|别说了|你说完没有|说完了没|有完没完|没空听|听我说完|别打断|打住|赶紧(?:的|说)|快点(?:吧|行不行)", neg_ok=True),
    R("dismiss", "pos", "sarcasm", Z("满意了吧|高兴了吧|行了吧|{Y}可真(?:会|行|厉害|有意思|讲究)|真是(?:大|难)伺候|难伺候|(?:要不要|要不)我(?:再|还)?(?:给|帮|替){Y}[^,。!?]{{0,8}}[??]|{Y}是(?:大爷|老板|上帝|皇上)|{Y}以为{Y}是谁|真把自己当|哎哟喂|那可真是(?:太)?(?:抱歉|对不起|不好意思)了|恭喜{Y}"), neg_ok=True),
    R("dismiss", "pos", "take_or_leave", Z("爱(买|要|办|等|排|来|用|去|信|换|退)不\\1|不(?:买|要|办|想等|想排|愿意|满意|喜欢)(?:的话)?(?:就|{Y}就)?(?:拉倒|算了|走|别|去|换)|嫌(?:贵|慢|麻烦|这|我们)[^,。!?]{{0,4}}?(?:就|{Y}就)?(?:别|去|走|换|另)|"
      "(?:别家|别的店|别的银行|其他银行|其他店|外面|隔壁)(?:去|多的是|随便)|又没人(?:逼|求|拦|强迫)|没人(?:逼|求|拦|强迫){Y}|就这(?:个)?价|要(买|办|排)就\\2|去别(?:家|处|的地方)|随{Y}(?:的)?便|随便{Y}|{Y}(?:自己)?看着办|不想(?:等|排)(?:就|可以)(?:走|别)"), neg_ok=True),
    R("dismiss", "pos", "next", "(?<![到是])下一(?:位|个)(?!就是|是|再|会|轮到)|后面的?(?:快|请|赶紧)?(?:上来|过来)|让开|别挡着|往(?:边上|旁边)(?:站|让)|一边(?:去|站|等)|别堵着|(?:后面|后边)(?:还有|那么多)人(?:等着|排着)", neg_ok=True),
    R("dismiss", "pos", "condescend", Z("这(?:都|也)不(?:懂|知道|会)|连这(?:都|个都)?不(?:懂|知道|会)|这么简单|(?:要|得)我(?:说|教|讲)几遍|我(?:都)?(?:说|讲)了(?:多少|几|好几|很多|N)遍|{Y}听不懂(?:吗|啊|人话)|听不懂人话|不识字|没文化|{Y}懂什么|{Y}们?这种人|"
      "懂不懂|说了{Y}也不懂|自己看(?:去|吧|啊)|墙上(?:写着|贴着)|牌子上(?:写着|写得)|没长眼|不长眼|看不懂(?:吗|啊)|这是常识"), neg_ok=True),
    R("dismiss", "pos", "end_call", "挂(?:了|断)(?:啊|了|吧)?|我先挂|就这样吧|没(?:什么|啥)(?:好)?(?:说|谈)的了|嘟+|(?:我|就)?不跟{Y}(?:说|讲|聊|废话)了".replace("{Y}", "(?:你们|你|您)"), neg_ok=True),
    R("dismiss", "pos", "indifference", Z("(?<!太)随便(?:吧|了|啦)|无所谓|那又(?:怎样|怎么样|如何|怎么了)|关我(?:什么|啥|屁)事|跟我(?:有什么|有啥)关系|爱咋(?:咋|地|样)|管{Y}|有什么大不了|多大(?:点)?(?:事|个事)|大惊小怪|至于(?:吗|嘛|这样)|"
      "有什么好(?:急|气|吵|抱怨|生气|闹)的?|这有什么|就这么回事|不就(?:是)?[^,。!?]{{0,8}}(?:吗|嘛|而已)|(?:才|就)[\\d一二两三四五六七八九十几半]+(?:分钟|块钱?|毛|元|天)(?:而已|嘛|吗|罢了)"), neg_ok=True),
    R("dismiss", "pos", "non_apology", Z("(?:很)?遗憾{Y}(?:会)?(?:这么|这样)(?:想|认为|觉得|看)|(?:如果|要是){Y}(?:非要|一定要)?(?:这么|这样)?(?:觉得|认为|想)[^,。!?]{{0,8}}(?:对不起|抱歉|不好意思)|(?:对不起|抱歉|不好意思)[,,]?{Y}(?:要|非要)?(?:这么|这样)(?:想|认为|觉得)"), neg_ok=True),
    R("dismiss", "pos", "busy", "我(?!们)(?:很|正|在|现在|这会儿|真的|可|都)?忙(?:着呢|得很|不过来|死了|着)?(?![碌])|没空|没(?:那么多|那个)?(?:时间|功夫)(?:跟|陪|听)|忙着呢|回头再说|等会儿再说|下次再说|改天再说", neg_ok=True),
    R("blame", "pos", "your_doing", Z("谁(?:让|叫){Y}|都怪{Y}|要怪(?:就)?怪{Y}|怪{Y}自己|{Y}自己(?:的)?(?:问题|错|原因|责任|不小心|没|弄|搞|造成|惹)|是{Y}(?:自己)?(?:的问题|的错|的责任|弄|搞|没|忘|输|放|造成|惹)|"
      "(?:还不是|就是|都是|全是)因为{Y}|因为{Y}(?:自己)?(?:没|不|把|忘|乱|非要|非得|来|选)|怪不了别人|自找的|活该|自作自受|{Y}(?:自己)?(?:造成|导致|惹)的"), ),
    R("blame", "pos", "counterfactual", Z("{Y}(?:要是|如果|早|当初|当时)(?:早|先|提前|听|看|带|按|注意|好好|仔细|来)|{Y}(?:应该|本该|本应|早该|就该|该)(?:早|先|提前|自己|注意|看|带|问|听|仔细|好好|知道|小心|保管)|早干(?:嘛|什么|啥)|"
      "{Y}(?:自己)?(?:不|没)(?:小心|注意|看清|保管好|看好|带齐|问清楚|好好看|仔细看)")),
    R("blame", "pos", "accusing_question", Z("{Y}(?:的|这|那)?(?:张)?(?:卡)?是不是(?:把|没|忘|弄|拿|放|输|乱|自己|又|去|用|不|记错|搞错|看错|借|折|摔|泡|洗|压|坐|揣|刮|磨|沾|掉|丢|碰)|{Y}有没有(?:把|弄|放|折|摔|泡|洗|按|输|好好|认真|仔细)|{Y}(?:确定|肯定)(?:{Y})?(?:没有?|不是)|{Y}不会是|难道{Y}(?:没|不)|"
      "{Y}(?:到底|究竟)?(?:干|做|弄)了什么|{Y}(?:没|不)(?:看|注意|听|仔细|认真|带|记)[^,。!?]{{0,6}}(?:吗|么)?[??]"), neg_ok=True),
    R("deflect", "pos", "no_ownership", Z("不归我(?:们)?管|不是我(?:们)?(?:负责|管|的事|的问题|的责任|部门|能决定|说了算|的错|这边|管的)|不关我(?:们)?(?:的)?事|跟我(?:们)?没(?:有)?关系|与我(?:们)?无关|不在我(?:们)?(?:的)?(?:职责|权限|管辖|范围)|"
      "管不(?:了|着)|无能为力|爱莫能助|做不了主|说了不算|决定不了|我只是(?:个)?(?:打工|上班|员工|柜员|客服|卖烟|售货|小职员|临时|普通)|我就是个|我只负责|我只管|我(?:也)?没(?:有)?(?:这个)?权(?:限|力|利)?"), neg_ok=True),
    R("deflect", "pos", "authority", Z("(?:公司|上面|总部|总行|领导|厂家|国家|上级|行里|烟草局|物价局|系统|电脑|规定|制度|政策|流程)(?:统一)?(?:规定|定的|决定的?|说了算|要求的?|定价|不让|不允许|就是这么|卡着|设定的?)|"
      "(?:这|那)(?:是|就是)(?:公司|银行|我们|上面|行里|总行|总部)?的?(?:规定|政策|制度|流程)|规定就是规定|按(?:规定|制度|流程|要求)(?:办|来|执行)|没办法,?(?:规定|制度|政策)"), neg_ok=True),
    R("deflect", "pos", "redirect", Z("{Y}(?:可以|得|要|需要|最好|还是|自己|就)*(?:去|找|打给|打|问|向|跟|联系)(?:总部|总行|公司|厂家|上面|领导|别的部门|其他部门|开户行|商户|那边|发卡行|烟草局|物价局|相关部门|12315|消协|银联|别人|他们)|"
      "(?:去|找)(?:别的|其他)(?:窗口|柜台|部门|网点|银行|人)(?:问|办|找)?|(?:你|您)?(?:问|找)(?:别人|他们|那边)去|这事(?:你|您)?(?:得|要)找"), neg_ok=True),
]

EN_FLAG_RULES += [
    R("blame", "pos", "people_like_you", "people|customers|folk|smokers|pensioners|someone|somebody like you", "you smokers|people|customers|lot|pensioners|types always|never|just",
      "it @BE the customers|people|users who|that", "people|customers|someone|somebody clearly|obviously|just? did not|never|keep|always|forget|forgot|leave|press|come",
      "if customers|people used|did|read|brought|came|had|would|followed|checked", "the? delay|problem|reason|trouble @BE people|customers", "half the delay|problem|queue|trouble",
      "which @BE obviously|clearly what happened", "i bet you|it|they", "how it @BE being used", "how you @BE using|treating|handling"),
    R("blame", "pos", "your_conduct", "you @PASTANY _? _? _? _? wrong|incorrectly|twice|again", "you keep|kept ~ing$",
      "you @BE meant|supposed to", "you @BE always|never", "maybe|perhaps you should|could|ought", "^maybe|perhaps plan|try|read|look|check|bring|use|come|think|learn|move|keep|take",
      "have you tried actually|even|just|reading|looking|checking", ", did|have|were|do you \\?", ", did|have|were|do not you \\?"),
    R("deflect", "pos", "third_party", "that|this|it @BE on them|him|her", "their|his|her problem|decision|business|call|responsibility|lookout|department|fault|doing|pricing",
      "@BE the _? _? team|department|office|bank|manufacturer|supplier|brand|company|system|regulator|government|union|rep|firm 's decision|call|problem|responsibility|business|price|fault|doing|pricing|strategy|rules",
      "do not look at me", "shoot the messenger", "@I can not touch|override|comment|answer", "will|does not let|allow me", "that @BE the system", "it @BE all|just automated",
      "comes|come|came from head|the+regional|the+area|the+central", "i just|only get told", "between her|him|them and", "complaints|refunds|blocks|that|this|those go|goes to head|the",
      "conversation|question|matter for head|the|them|your", "talk|speak to|with them|him|her", "^ask her|him|them", "nothing to do with the|us|me|my|our|this",
      "@I was|were not on shift|duty|here|working", "makes|made us", neg_ok=True),
    R("dismiss", "pos", "brushoff", "\\* ~^(disconnect|hang|hung|walk|turn|ignor|leav|put|end|click|mut|yawn|sigh|roll|shrug|scoff|laugh|serv|keep|carr|look|continu)",
      "^so \\?", "good for them|you ,|.|\\!", "that @BE your opinion", "ok|okay|right|fine bye", "here we go again", "could have|'ve fooled me", "the world is ending",
      "what a tragedy|disaster|catastrophe", "call the police", "whole minutes|pounds|hours|days|quid", "are you always this|so", "do you interrogate|always",
      "knock yourself out", "off you pop|go", "simple as .|\\!", "buy it|them or do not|not", "do not buy it|them then", "who @BE next", "forming behind you", "any more of that|this",
      "call|calling security", "you @BE not letting me", "stop making a scene", "^shh|hush", "can not babysit", "what did you expect", "for the second|third|last time",
      "you have said that|this already|before", "^mm-hm", "grandad|grandpa|granny", "move with the times", "how numbers work", "not my concern|worry", neg_ok=True),
]

ZH_FLAG_RULES += [
    R("blame", "pos", "your_conduct", Z("还不是{Y}(?:自己)?|{Y}(?:自己)?(?:没|不)(?:保管好|激活|看|更新|听|注意|带|续|设置)|{Y}(?:这|那)(?:卡|人)[^,。!?]{{0,6}}(?:太|也太|就爱|总|老)|(?:你们|您们)这些[^,。!?]{{1,6}}(?:就爱|就是|总|老|都)|"
      "好多人都这么|经常这样|(?:当然|难怪|怪不得)(?:听不见|收不到|呛|刷不了|贵|慢|觉得)|还怪(?:我们|我|银行)|还嫌|还想要|能不[^,。!?]{{1,4}}(?:吗|么)?[。!?]?$|"
      "{Y}(?:刚才|那天|上次|自己)[^,。!?]{{0,8}}(?:错|漏|忘|没)|一眼都不看|{Y}(?:要不是|要是)[^,。!?]{{0,12}}(?:早|也不至于|就不会)|不至于这样|{Y}也敢|{Y}才回来|记岔|{Y}自己(?:说|要|选|挑|拿)(?:的|错)|赖(?:银行|我们|别人)|{Y}连[^,。!?]{{1,8}}都")),
    R("deflect", "pos", "third_party", Z("我又不是(?:神仙|经理|行长|老板|领导)|只能{Y}(?:本人)?(?:跑一趟|去|找|问)|(?:我们|人工|热线|我)(?:也)?(?:改不了|处理不了|插不了|调不了|看不到|没经手|不当班|休息)|"
      "(?:机器|系统|电脑|APP|厂家|烟草公司|分行|总行)(?:定的|的问题|说了算|自动)|(?:是|属于)(?:开户网点|网点|分行|总行|厂家|商户|柜员|APP|系统|机器|烟草公司|快递|供应商|银联|他们|那边|别人)[^,。!?]{{0,6}}的(?:事|职责|问题|责任)|跟(?:我|我们)(?:网点|门店|热线|店里)?(?:没|没有)关系|(?:我|我们)(?:门店|网点)?(?:只负责|只管)|"
      "按流程走|没(?:给|有)(?:我们)?(?:这个)?权限|无权|我是新来的|(?:不是|不归)我(?:办|定|管|负责)的|帮不了{Y}|讲不着|{Y}(?:得|要)?问(?:老员工|别人|经理|他们)|别为难我|(?:爱|愿意)找谁(?:就)?找谁"), neg_ok=True),
    R("dismiss", "pos", "brushoff", Z("得得得|行行行|好好好|别老重复|别重复了|{Y}(?:刚才)?(?:已经)?说过了|没话说|嗓门再大|(?:性子|脾气)可真|金贵|刷什么|耗着|总不能替|叫保安|请{Y}出去|控制一下?(?:{Y}的)?情绪|"
      "[((](?:继续|低头|转身|走开|挂断|不理)|事儿多|{Y}(?:这人)?事多|有事快说|快说|(?:买|要)不(?:买|要)[??]|不买我收|多得是|那是{Y}的事|我听见了|回去抽|我(?:去|要)?忙了|别瞎|死工资|{Y}随意|也值得|犯得上|较这个真|舍不得|"
      "我又没(?:拿刀|逼|求|让{Y})|那{Y}别买|(?:能|就)?讲[^,。!?]{{0,4}}价|又不是[^,。!?]{{0,6}}(?:神仙|{Y}家|慈善)"), neg_ok=True),
]

EN_FLAG_RULES += [
    R("blame", "pos", "your_conduct", "you have|'ve probably|clearly|obviously|definitely ~ed$|had|been|left|put|kept|bent|broken|lost|dropped|sat|used",
      "you must|might be ~ing$", "that|thats @BE? on you|u", "you|ur|u @BE? supposed|meant to", "not our|my fault you|that", "do not blame me|us",
      "not _ by itself|themselves", "not _ on its|their own", "no wonder it|they|that|the", "properly|right|correctly|carefully this time", "i bet .|\\!|,",
      "you have|'ve got _ _? mixed|muddled up", "you @BE|must|have mistaken|confused|misremembering|muddled|mixing|confusing",
      "people|customers|smokers|folk who only|never|always|do+not|can+not|will+not", "you asked about|for them|it|those|these", "without telling|asking|checking|reading|letting|informing|notifying",
      "you have|'ve come|came|arrived|chosen|picked at|during|on the? peak|busiest|lunch|worst|rush|wrong", "well ,? that @BE why|what", "there you go .|\\!"),
    R("deflect", "pos", "third_party", "there @BE no+one|nobody above|else", "nobody|no+one above me", ", ask|talk+to|speak+to her|him|them", "complain|write|talk|speak to him|her",
      "rep|manager|supplier|maker|manufacturer|brand|distributor|council|landlord|regulator|owner sets|set|decides|decide|controls|fixes",
      "@BE head office|headquarters|management|corporate|the+bank|the+company that|who", "you will|'ll have to fill|write|put in? a? complaint|form|in",
      "i|we only deal|handle|do|cover", neg_ok=True),
    R("dismiss", "pos", "brushoff", "and i @BE the|a queen|king|pope", "^sure you did|do|have|were|are", "i @BE very|really|too|so|quite|rather|extremely busy",
      "@I have|'ve got? other|more customers|calls|people|things", "calls stacked|waiting|queued", "^next in line", "do not touch the|that|those|anything",
      "shouting|yelling|screaming|swearing|complaining|moaning|arguing _ _? _? @WILL|does|do|is not make|help|get|change|speed",
      "not really my|our concern|problem|worry|business", "everyone|everybody|others @BE|has|have been? standing|waiting|queuing|queueing", neg_ok=True),
]

ZH_FLAG_RULES += [
    R("blame", "pos", "your_conduct", Z("{Y}(?:昨天|之前|刚才|上次)?是不是(?:拿|对|把|在)?[^,。!?]{{0,6}}(?:干|做|弄)了什么|{Y}(?:自己)?(?:要|选|挑|指|点)的|{Y}(?:之前|当时|那时)?怎么不|{Y}[^,。!?]{{0,8}}(?:了吗|没有)[??][^,。!?]{{0,2}}没[^,。!?]{{1,6}}(?:很正常|当然|刷什么|怎么)|"
      "(?:就是|肯定是|一定是|准是)(?:{Y}|{Y}那边)(?:自己)?[^,。!?]{{0,8}}(?:漏|错|不对|的事|的问题)|{Y}(?:操作|用法|用得|弄得)不对|怪谁|赖(?:银行|我们|别人|谁)|{Y}不懂行|因为{Y}不懂|{Y}(?:天天|每天)[^,。!?]{{0,8}}都没|(?:卡|东西)到{Y}手里|{Y}要不是|又说|白排")),
    R("deflect", "pos", "third_party", Z("(?:热线|网点|门店|我们这儿|我们这边|我这边|我这儿|我们店)(?:也)?(?:没(?:有)?这个权限|没权限|弄不了|改不动|改不了|管不了|办不了|处理不了|不管)|(?:定价权|决定权)在|我一个(?:店员|柜员|客服|员工|小)[^,。!?]{{0,4}}(?:能|又能)|"
      "(?:我|我们)只是(?:大堂|柜台|前台|收银|管理财|客服)|我是(?:管|负责)[^,。!?]{{1,6}}的|{Y}(?:得|要|可以)?(?:去|找|问|打)(?:柜台|客服热线|技术部门|风控部门|保安|淘宝客服|商家|柜员)|(?:得|要)(?:风控部门|技术部门|分行|总行|上面|后台)(?:来|批|处理)|"
      "我就是(?:个)?接电话的|跟(?:我|我们)(?:银行|网点|门店)?有什么关系|按总行|听分行的|(?:人力|技术|风控|后台)[^,。!?]{{0,4}}(?:排的|定的|管的|的事)|插不上手|不是我能(?:管|决定|改|做主)的|(?:真)?不是我们能(?:改|管|决定)的|"
      "谁说[^,。!?]{{0,4}}(?:你)?找谁|(?:你|您)问我,?我问谁|那是[^,。!?]{{1,6}}的事|(?:锁|设)在(?:后台|系统)|(?:公司|上面|领导)让(?:推|卖|这么)|(?:意见簿|意见箱|投诉电话|客服热线)|说不上来|改不动"), neg_ok=True),
    R("dismiss", "pos", "brushoff", Z("小点声|(?:说|讲|跟{Y}说)了(?:多少|几|好几|三|N)遍|到底听没听|(?:嫌|觉得)(?:慢|贵|离谱)[??]?(?:那)?{Y}?(?:就)?(?:早|去|别|自己)|就这价|标价就是|价格就是这样|有什么好解释|解释什么|"
      "怎么,?嫌|那{Y}说多少|{Y}要是[^,。!?]{{0,6}}得起|买得起|就爱|这人|挑刺|还想要|还嫌|还(?:要|想)|讲不着|下班了|专门给{Y}|要不我把"), neg_ok=True),
]

EN_RULES[-2:-2] = EN_FLAG_RULES  # before the helpers
ZH_RULES[-2:-2] = ZH_FLAG_RULES


# ----------------------------------------------------------------- engine --
NEG_EN = re.compile(r"^(not|never|no|nothing|without|hardly|cannot|neither|nor|n't|n’t)$|n['’]t$")
NEG_ZH = re.compile(r"[不没别无未非勿莫甭]")
BARE_EN = {"ok", "okay", "yes", "yeah", "yep", "right", "sure", "fine", "i see", "uh-huh", "mm", "hmm",
           "alright", "noted", "got it", "understood", "ah", "oh", "mhm", "k", "yes yes", "ok ok", "uh huh"}
BARE_ZH = {"嗯", "好", "好的", "是", "是的", "对", "哦", "知道了", "行", "嗯嗯", "明白", "了解", "ok", "收到", "好吧", "哦哦", "啊", "对对"}
# a bare "pardon?" / "ok?" is not a question about the customer's situation
PARDON = re.compile(r"^\W*(sorry|pardon|what|huh|excuse me|come again|eh|ok|okay|right|yes|alright|hello|"
                    r"对不起|不好意思|什么|啥|你说什么|您说什么|好吗|行吗|懂了吗|明白了吗|听懂了吗|喂|好不好)\W*$", re.I)
CLOSING = re.compile(r"\b(anything else|is that (all|everything)|will that be all|will there be anything)\b|还有(别的|其他)?什么(需要|要办|事)|还需要(什么|别的)", re.I)
Q_ZH = re.compile(r"([??]|[吗呢么][。.]?)\s*$|^\W*请问")


class Rules:
    """Compiled rules of one language; `find(doc)` returns the resolved hits."""

    def __init__(self, nlp, lang: str):
        self.lang = lang
        self.table = EN_RULES if lang == "en" else ZH_RULES
        if lang == "en":
            from spacy.matcher import Matcher
            self.matcher = Matcher(nlp.vocab, validate=False)  # the notation makes valid patterns; tests cover them
            for i, rule in enumerate(self.table):
                self.matcher.add(str(i), [v for p in rule["patterns"] for v in _compile_en(p)])
        else:
            self.regexes = [(i, re.compile("|".join(f"(?:{p})" for p in rule["patterns"])))
                            for i, rule in enumerate(self.table)]

    def raw_hits(self, doc):
        text, out = doc.text, []
        if self.lang == "en":
            for match_id, s, e in self.matcher(doc):
                i = int(doc.vocab.strings[match_id])
                span = doc[s:e]
                out.append(self._hit(i, span.start_char, span.end_char, text))
        else:
            for i, rx in self.regexes:
                for m in rx.finditer(text):
                    if m.end() > m.start():
                        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                        s, e = (span.start_char, span.end_char) if span is not None else m.span()
                        out.append(self._hit(i, s, e, text, m.span()))
        return out

    def _hit(self, i, s, e, text, core=None):
        rule = self.table[i]
        hit = Hit(rule["label"], rule["kind"], rule["concept"], s, e, text[s:e], i)
        # zh hits keep the exact regex span for the negation check
        return (hit, rule["neg_ok"], core or (s, e))

    def negated(self, label, text, clause_start, core):
        """A negation cue just before the hit, in the same clause (zh commitments: also
        inside it, as in 我们不能给您退)."""
        s, e = core
        before = text[clause_start:s]
        if self.lang == "en":  # a mistake is denied from further away: "I'm not going to tell you to calm down"
            return any(NEG_EN.search(w) for w in re.findall(r"[\w']+", before.lower())[-(6 if label in FLAGS else 3):])
        inside = text[s:e] if label == "committing" else ""
        # A-not-A questions (是不是, 有没有 ...) are not negations, even when the hit starts inside one
        before = re.sub(r"(.)[不没](\x00?)\1", r"\2", before + "\x00" + text[s:e]).split("\x00")[0]
        return bool(NEG_ZH.search(before[-3:] + inside))

    def find(self, doc, customer_doc=None):
        text = doc.text
        clauses = boundaries(text, CLAUSE_END)
        sents = sentences(text) or [(0, len(text))]
        hits = []
        for hit, neg_ok, core in self.raw_hits(doc):
            if hit.kind != "neg" and not neg_ok and self.negated(hit.label, text, enclosing(clauses, core[0])[0], core):
                # "I'm not going to tell you to calm down": a denied brush-off is denied for every rule
                concept = ("denied" if hit.label == "dismiss" and hit.concept in NEGATABLE_DISMISS
                           and SELF_DENIAL.search(text[enclosing(clauses, core[0])[0]:core[0]]) else "negated")
                hits.append(Hit(hit.label, "neg", concept, hit.start, hit.end, hit.text, hit.order))
                continue
            hits.append(hit)
        hits += self.question_hits(text, sents)
        return resolve(hits, text, clauses, sents)

    def question_hits(self, text, sents):
        """A question about the customer's situation is listening, unless it is a bare
        'pardon?' (and unless it blames or is rhetorical: see resolve)."""
        out = []
        for s, e in sents:
            sent = text[s:e].strip()
            if PARDON.match(sent) or CLOSING.search(sent):
                out.append(Hit("listening", "neg", "pardon", s, e, text[s:e]))
                continue
            if self.lang == "en":
                is_q = sent.endswith("?")
            else:
                is_q = bool(Q_ZH.search(sent)) and not re.search(r"难道|凭什么", sent)
            if is_q and len(sent) > 2:
                core = sent.rstrip("??!! ")
                a = s + text[s:e].find(core)
                out.append(Hit("listening", "pos", "question", a, a + len(core), core, 900))
        stripped = re.sub(r"[\W_]+", " ", text.lower()).strip()
        if stripped in (BARE_EN if self.lang == "en" else BARE_ZH):
            out.append(Hit("listening", "neg", "bare_ack", 0, len(text), text))
        return out


SELF_DENIAL = re.compile(r"\b(i|we)\b[^,;.]{0,25}(\bnot\b|\bnever\b|n['’]t\b)|[我]不(?:会|是|要|想)?[^,。!?]{0,6}$", re.I)
NEGATABLE_DISMISS = ("manage_emotion", "hurry", "end_call", "busy")
SOFT_DISMISS = ("busy", "end_call", "hurry", "take_or_leave")  # not "calm down": the rubric names it a brush-off
THREAT = re.compile(r"\b(if|unless|any more|anymore)\b|如果|要是|再(?:这样|闹|吵|喊|骂)", re.I)
CONTRAST = re.compile(r"\b(but|however|though|although|so|instead)\b|但是?|不过|可是|所以|只是", re.I)


def _overlaps(a, b):
    return a.start < b.end and b.start < a.end


def resolve(hits, text, clauses, sents):
    """Blockers, weak rules and cross-label context (see the module docstring)."""
    negs = [h for h in hits if h.kind == "neg"]
    out = []
    for h in hits:
        if h.kind != "neg" and any(n.label == h.label and n.concept != "negated" and _overlaps(n, h) for n in negs):
            out.append(Hit(h.label, "neg", "blocked", h.start, h.end, h.text, h.order))
        else:
            out.append(h)
    concrete = [h for h in out if h.label in ("_time", "_object")]
    final = []
    for h in out:
        if h.kind == "weak":  # counts once the same sentence names a time or a concrete object
            sent = enclosing(sents, h.start)
            if any(sent[0] <= t.start < sent[1] for t in concrete):
                h = Hit(h.label, "pos", h.concept, h.start, h.end, h.text, h.order)
        final.append(h)
    # "I'm busy, sorry - give me one minute and I'll come over" / "那我长话短说:我马上给卡开通":
    # hurrying, being busy, closing the call or "if you don't like it" next to a concrete
    # action for the customer (in another clause) is an offer (committing), not a brush-off;
    # unless it is a threat ("if you keep shouting"). "Calm down" stays a brush-off (the
    # rubric names it) even next to an action; "please don't worry" / "您别着急" is no
    # brush-off at all (no rule calls it one).
    soft = [h for h in final if h.label == "dismiss" and h.kind == "pos" and h.concept in SOFT_DISMISS
            and not THREAT.search(text[slice(*enclosing(sents, h.start))])]
    dismissing = [h for h in final if h.label == "dismiss" and h.kind == "pos"]
    if soft and any(h.label == "committing" and h.kind == "pos" and not any(_overlaps(h, d) for d in dismissing)
                    and enclosing(clauses, h.start) not in [enclosing(clauses, d.start) for d in dismissing] for h in final):
        final = [Hit(h.label, "neg", "soft_with_action", h.start, h.end, h.text, h.order)
                 if h.label == "dismiss" and h.kind == "pos" and any(_overlaps(h, c) for c in soft) else h for h in final]
    # "I can't change the list price, but I'm putting a voucher through for you now": a limit
    # the agent then works around (an action, an explanation) is not a denial of ownership
    helped = [h for h in final if h.kind == "pos" and h.label in ("committing", "explaining")]
    final = [Hit(h.label, "neg", "limit_then_help", h.start, h.end, h.text, h.order)
             if h.label == "deflect" and h.kind == "pos" and any(
                 o.start >= h.end and CONTRAST.search(text[h.end:o.start]) for o in helped) else h for h in final]

    def near(h, label, ranges):
        rng = enclosing(ranges, h.start)
        return any(o.label == label and o.kind == "pos" and rng[0] <= o.start < max(rng[1], o.start + 1)
                   and o is not h for o in final)

    brushed_off = any(h.label == "dismiss" and h.kind == "pos" for h in final)
    result = []
    for h in final:
        sent = enclosing(sents, h.start)
        if (h.kind == "pos" and h.concept == "apology_word" and not text[sent[0]:h.start].strip()
                and re.match(r"\s*[,,]", text[h.end:]) and text[sent[0]:sent[1]].rstrip().endswith(("?", "?"))):
            # "Sorry, which machine was that?": sorry as the opener of a question, not regret
            result.append(Hit(h.label, "neg", "sorry_opener", h.start, h.end, h.text, h.order))
            continue
        if h.kind == "pos" and h.label == "explaining" and (
                near(h, "blame", sents) or near(h, "deflect", clauses) or near(h, "dismiss", clauses)):
            h = Hit(h.label, "neg", "blame_or_deflect_cause", h.start, h.end, h.text, h.order)
        elif h.kind == "pos" and h.label == "listening" and h.concept in ("question", "paraphrase", "invite") and (
                near(h, "blame", sents) or brushed_off):  # in a brush-off, a question is not attention
            h = Hit(h.label, "neg", "accusatory_or_rhetorical", h.start, h.end, h.text, h.order)
        result.append(h)
    return result
