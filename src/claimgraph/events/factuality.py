"""Factuality of an event mention in MEANTIME's scheme: polarity, certainty, time.

``factuality(token, attribution_stance=None) -> (polarity, certainty, time)`` works on any
spaCy token (a verb, a nominal or an adjective event), so it can be scored on gold event
mentions as well as used on our own triggers.

- polarity: ``POS``, ``NEG`` or ``UNDERSPECIFIED``;
- certainty: ``CERTAIN``, ``PROBABLE``, ``POSSIBLE`` or ``UNDERSPECIFIED``;
- time: ``NON_FUTURE``, ``FUTURE`` or ``UNDERSPECIFIED``.

Hand-written rules over the dependency parse (no trained factuality model ships with spaCy and
none of the maintained libraries covers MEANTIME's three attributes). The cues are read from the
token itself and from the chain of words that govern it:

- negation: a ``neg`` dependent, ``never``/``no``, a governing negative implicative verb
  ("fail to", "refuse to") or a negated governor of an infinitive;
- modality and hedges: modal auxiliaries (may/might/could -> POSSIBLE, should -> PROBABLE,
  will/would/shall -> FUTURE), hedging adverbs ("reportedly", "probably", "possibly"),
  governing verbs of expectation, belief and allegation ("expected to", "believes that",
  "accused of"), conditional clauses ("if", "unless");
- time: future auxiliaries, "going to", "be to", to-infinitives under intention verbs
  ("plan to", "agree to", "threaten to") and future-oriented modifiers of nominals
  ("planned", "future", "proposed");
- the stance of the attribution the mention sits in: ``allege``, ``believe``, ``estimate``
  cap certainty at PROBABLE, ``expect`` and ``plan`` make the event FUTURE, ``question`` makes
  it POSSIBLE, ``deny`` makes it NEG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

Factuality = tuple[str, str, str]

_RANK = {"CERTAIN": 3, "PROBABLE": 2, "POSSIBLE": 1, "UNDERSPECIFIED": 0}

FUTURE_MODALS = {"will", "shall", "'ll", "wo", "would", "'d"}
POSSIBLE_MODALS = {"may", "might", "could"}
PROBABLE_MODALS = {"should", "ought"}
NEAR_CERTAIN_FUTURE_MODALS = {"must"}

POSSIBLE_ADVERBS = {"possibly", "perhaps", "maybe", "potentially", "conceivably"}
PROBABLE_ADVERBS = {
    "probably",
    "likely",
    "reportedly",
    "allegedly",
    "apparently",
    "presumably",
    "supposedly",
    "purportedly",
    "seemingly",
}
NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor"}

#: governing verbs/adjectives whose complement did not (or will not) happen
NEG_IMPLICATIVES = {"fail", "refuse", "decline", "neglect", "avoid", "cease", "stop", "halt"}
#: governing words of expectation: complement is FUTURE and PROBABLE
EXPECT = {"expect", "anticipate", "predict", "forecast", "project", "likely", "due", "set"}
#: governing words of belief, suspicion or report: complement is PROBABLE
BELIEVE = {
    "believe",
    "think",
    "suspect",
    "suppose",
    "assume",
    "estimate",
    "fear",
    "seem",
    "appear",
    "say",
    "report",
    "claim",
}
BELIEVE_STRICT = BELIEVE - {"say", "report", "claim"}
#: allegation: complement (or "of"-gerund) is PROBABLE
ALLEGE = {"allege", "accuse", "claim", "charge", "suspect", "blame"}
#: governing words of intention, obligation or attempt: complement is FUTURE
INTENT_CERTAIN = {
    "plan",
    "intend",
    "decide",
    "agree",
    "promise",
    "pledge",
    "vow",
    "schedule",
    "go",
    "force",
    "order",
    "prepare",
    "determine",
    "commit",
    "require",
    "have",
    "need",
    "begin",
    "start",
    "continue",
    "threaten",
    "offer",
    "announce",
    "aim",
    "vote",
    "ready",
    "prepared",
    "willing",
    "able",
    "move",
    "deadline",
}
INTENT_POSSIBLE = {
    "consider",
    "hope",
    "want",
    "wish",
    "seek",
    "try",
    "attempt",
    "propose",
    "mull",
    "weigh",
    "explore",
    "negotiate",
    "ask",
    "urge",
    "call",
    "demand",
    "request",
    "push",
    "press",
    "recommend",
    "suggest",
    "hopes",
}
#: modifiers of nominal events
NOMINAL_FUTURE = {
    "planned",
    "future",
    "proposed",
    "upcoming",
    "forthcoming",
    "expected",
    "potential",
    "possible",
    "prospective",
    "new",
    "next",
    "coming",
    "intended",
}
NOMINAL_POSSIBLE = {"potential", "possible", "prospective", "proposed", "rumored", "rumoured"}
NOMINAL_PROBABLE = {
    "alleged",
    "suspected",
    "reported",
    "expected",
    "purported",
    "apparent",
    "likely",
}
#: aspectual / implicative verbs whose to-complement happened when they did
IMPLICATIVE_POS = {"manage", "begin", "start", "continue", "help", "dare", "use", "come", "get"}

_STANCE = {
    "allege": ("POS", "PROBABLE", None),
    "believe": ("POS", "PROBABLE", None),
    "estimate": ("POS", "PROBABLE", None),
    "expect": ("POS", "PROBABLE", "FUTURE"),
    "plan": ("POS", "CERTAIN", "FUTURE"),
    "question": ("UNDERSPECIFIED", "POSSIBLE", None),
    "deny": ("NEG", "PROBABLE", None),
}


def _lower_cert(a: str, b: str) -> str:
    """The weaker of two certainty values (UNDERSPECIFIED only if one of them is)."""
    return a if _RANK[a] <= _RANK[b] else b


def _has_neg(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("advmod", "det", "preconj")):
            return True
    return False


def _own_cues(tok: Token, generic: list[bool] | None = None) -> tuple[bool, str, bool]:
    """(negated, certainty, future) from the token's own dependents; ``generic[0]`` is set
    when a modal of capacity makes the time UNDERSPECIFIED."""
    generic = generic if generic is not None else [False]
    neg = _has_neg(tok)
    cert = "CERTAIN"
    future = False
    for c in tok.children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            if low in FUTURE_MODALS or c.lemma_ in ("will", "shall"):
                future = True
                if low in ("would", "'d") and not (
                    tok.dep_ == "ccomp" and tok.head.tag_ in ("VBD", "VBN")
                ):
                    generic.append(True)  # hypothetical "would": polarity UNDERSPECIFIED
            elif low in POSSIBLE_MODALS or c.lemma_ in POSSIBLE_MODALS:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif low in PROBABLE_MODALS:
                cert = _lower_cert(cert, "PROBABLE")
                future = True
            elif low in NEAR_CERTAIN_FUTURE_MODALS:
                future = True
            elif low == "can" and tok.tag_ == "VB":
                generic[0] = True  # "can fly": a capacity, not located in time
        elif c.dep_ == "advmod" and low in POSSIBLE_ADVERBS:
            cert = _lower_cert(cert, "POSSIBLE")
        elif c.dep_ == "advmod" and low in PROBABLE_ADVERBS:
            cert = _lower_cert(cert, "PROBABLE")
        elif c.dep_ == "mark" and low in ("if", "unless"):
            cert = _lower_cert(cert, "POSSIBLE")
            future = True
        elif c.dep_ == "mark" and low == "whether":
            cert = "UNDERSPECIFIED"
            generic.append(True)
        elif c.dep_ in ("amod", "compound") and tok.pos_ in ("NOUN", "PROPN"):
            if low in NOMINAL_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
            elif low in NOMINAL_PROBABLE:
                cert = _lower_cert(cert, "PROBABLE")
            if low in NOMINAL_FUTURE - {"new"}:
                future = True
        elif c.dep_ == "det" and low == "no":
            neg = True
        elif c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            neg = True  # "provided no arms"
    return neg, cert, future


def _is_to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _conj_root(tok: Token) -> Token:
    """The first conjunct of a coordination (auxiliaries are shared: "will buy and sell")."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def factuality(token: Token, attribution_stance: str | None = None, _depth: int = 0) -> Factuality:
    """Polarity, certainty and time of the event mention whose head is ``token``."""
    generic = [False]
    neg, cert, future = _own_cues(token, generic)
    underspecified_pol = len(generic) > 1
    if _is_to_infinitive(token) and token.dep_ in ("advcl", "acl", "relcl", "ccomp"):
        future = True  # purpose and complement infinitives: "a contract to supply"
    first = _conj_root(token)
    if first is not token:  # shared auxiliaries and negation of the first conjunct
        n2, c2, f2 = _own_cues(first)
        has_own_aux = any(c.dep_ in ("aux", "auxpass") for c in token.children)
        if not has_own_aux:
            neg = neg or n2
            cert = _lower_cert(cert, c2)
            future = future or f2
    time_fixed = False
    if token.tag_ in ("VBD", "VBN") and not future:
        # a past form with a past auxiliary ("has delivered", "was delivered") is NON_FUTURE
        time_fixed = any(
            c.dep_ in ("aux", "auxpass")
            and c.tag_ in ("VBD", "VBZ", "VBP")
            and c.lemma_ in ("have", "be", "do")
            for c in token.children
        )
        if token.tag_ == "VBD":
            time_fixed = True
    # walk up the governors
    cur = first
    depth = 0
    while depth < 4 and cur.head is not cur:
        dep = cur.dep_
        gov = cur.head
        glemma = gov.lemma_.lower()
        gneg, gcert, gfuture = _own_cues(gov)
        if dep in ("xcomp", "acomp") or (dep == "ccomp" and _is_to_infinitive(cur)):
            # infinitival complement: "expected to be delivered", "plans to impose"
            if glemma in NEG_IMPLICATIVES:
                neg = not neg
            elif glemma in EXPECT:
                cert = _lower_cert(cert, "PROBABLE")
                if not time_fixed:
                    future = True
            elif glemma in IMPLICATIVE_POS:
                pass
            elif glemma in INTENT_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
                if not time_fixed:
                    future = True
                if glemma in ("consider", "want", "wish", "mull", "weigh", "explore"):
                    underspecified_pol = True
            elif glemma in BELIEVE_STRICT:
                cert = _lower_cert(cert, "PROBABLE")
            elif _is_to_infinitive(cur) and not time_fixed:
                future = True
            if gneg:
                if glemma in IMPLICATIVE_POS or glemma in NEG_IMPLICATIVES:
                    neg = not neg
                else:
                    underspecified_pol = True
            cert = _lower_cert(cert, gcert)
            future = future or (gfuture and not time_fixed)
            cur = _conj_root(gov)
            depth += 1
            continue
        if dep == "ccomp":
            if glemma in EXPECT:
                cert = _lower_cert(cert, "PROBABLE")
                if not time_fixed:
                    future = True
            elif glemma in ("deny",):
                neg = True
                cert = _lower_cert(cert, "PROBABLE")
            elif glemma in ALLEGE or glemma in BELIEVE_STRICT:
                cert = _lower_cert(cert, "PROBABLE")
            elif glemma in INTENT_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
                future = future or not time_fixed
            if gneg and glemma in BELIEVE_STRICT:
                underspecified_pol = True
            break  # a reported clause keeps its own tense
        if dep == "pcomp" and gov.dep_ == "prep" and gov.head.lemma_.lower() in ALLEGE:
            cert = _lower_cert(cert, "PROBABLE")  # "accused X of supplying"
            break
        if dep == "pobj" and gov.dep_ == "prep":
            # nominal in a prepositional phrase: "hopes of recovery", "plan for cuts"
            host = gov.head
            hl = host.lemma_.lower()
            if host.pos_ in ("VERB", "AUX") and _depth < 3 and token.pos_ in ("NOUN", "PROPN"):
                gp, gc, gt = factuality(host, None, _depth + 1)
                cert = _lower_cert(cert, gc)
                future = future or (gt == "FUTURE" and gov.lower_ not in ("after", "since"))
            if hl in INTENT_POSSIBLE or hl in ("hope", "prospect", "possibility", "chance"):
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif hl in ("plan", "proposal", "deadline", "bid", "offer", "intention", "threat"):
                future = True
            elif hl in ("allegation", "accusation", "charge", "claim", "report", "rumor"):
                cert = _lower_cert(cert, "PROBABLE")
            break
        if dep in ("dobj", "nsubjpass", "nsubj", "attr") and token.pos_ in ("NOUN", "PROPN"):
            # nominal event: inherits from the verb it depends on ("completed a delivery",
            # "plans new sanctions", "denies the allegations")
            if glemma in NEG_IMPLICATIVES | {
                "deny",
                "reject",
                "cancel",
                "scrap",
                "delay",
                "postpone",
                "block",
                "prevent",
            }:
                if dep == "dobj":
                    neg = not neg
            elif glemma in INTENT_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif glemma in INTENT_CERTAIN | EXPECT:
                future = True
                if glemma in EXPECT:
                    cert = _lower_cert(cert, "PROBABLE")
            if _depth < 3 and gov.pos_ in ("VERB", "AUX", "ADJ"):
                gp, gc, gt = factuality(gov, None, _depth + 1)
                if gp == "NEG":
                    neg = not neg
                cert = _lower_cert(cert, gc)
                future = future or gt == "FUTURE"
            break
        if dep in ("acl", "relcl") and gov.lemma_.lower() in (
            "accusation",
            "allegation",
            "claim",
            "report",
            "suspicion",
            "rumor",
            "rumour",
            "charge",
        ):
            cert = _lower_cert(cert, "PROBABLE")  # "accusations that Tehran has supplied"
            break
        if dep == "advcl":
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            break
        break

    if attribution_stance in _STANCE:
        spol, scert, stime = _STANCE[attribution_stance]
        if spol == "NEG":
            neg = not neg
        elif spol == "UNDERSPECIFIED":
            underspecified_pol = True
        cert = _lower_cert(cert, scert)
        if stime == "FUTURE" and not time_fixed:
            future = True

    polarity = "NEG" if neg else ("UNDERSPECIFIED" if underspecified_pol else "POS")
    time = "FUTURE" if future else ("UNDERSPECIFIED" if generic[0] else "NON_FUTURE")
    return polarity, cert, time
