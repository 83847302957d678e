"""Factuality of an event mention in MEANTIME's scheme: polarity, certainty, time.

``factuality(token, attribution_stance=None) -> (polarity, certainty, time)`` works on any
spaCy token (a verb, a nominal or an adjective event), so it can be scored on gold event
mentions as well as used on our own triggers.

- polarity: ``POS``, ``NEG`` or ``UNDERSPECIFIED``;
- certainty: ``CERTAIN``, ``PROBABLE``, ``POSSIBLE`` or ``UNDERSPECIFIED``;
- time: ``NON_FUTURE``, ``FUTURE`` or ``UNDERSPECIFIED``.

Hand-written rules over the dependency parse (no trained factuality model ships with spaCy and
none of the maintained libraries covers MEANTIME's three attributes). The cue words are data
(``data/factuality_cues.tsv``, loaded once by :func:`cues`); the rules read them from the
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
- open values (MEANTIME's UNDERSPECIFIED): direct and embedded questions ("Will they
  sign?", "asked whether"), antecedents of conditionals ("if the talks fail"), purpose
  clauses ("sent troops to protect"), wishes ("wants to buy"), habits and generic statements
  ("usually", "often": time UNDERSPECIFIED too);
- predicates over a clause: "it is possible that" -> POSSIBLE, "it is likely that" ->
  PROBABLE;
- the stance of the attribution the mention sits in: ``allege``, ``believe``, ``estimate``
  cap certainty at PROBABLE, ``expect`` and ``plan`` make the event FUTURE, ``question`` makes
  it POSSIBLE, ``deny`` makes it NEG.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

Factuality = tuple[str, str, str]

_RANK = {"CERTAIN": 3, "PROBABLE": 2, "POSSIBLE": 1, "UNDERSPECIFIED": 0}


@cache
def cues() -> dict[str, frozenset[str]]:
    """Cue class -> cue words, from ``data/factuality_cues.tsv`` (loaded once)."""
    text = resources.files("claimgraph.data").joinpath("factuality_cues.tsv").read_text("utf-8")
    out: dict[str, set[str]] = {}
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        cols = ln.split("\t")
        out.setdefault(cols[1].strip(), set()).add(cols[0].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


_C = cues()
FUTURE_MODALS = _C["future_modal"]
POSSIBLE_MODALS = _C["possible_modal"]
PROBABLE_MODALS = _C["probable_modal"]
NEAR_CERTAIN_FUTURE_MODALS = _C["obligation_modal"]
POSSIBLE_ADVERBS = _C["possible_adverb"]
PROBABLE_ADVERBS = _C["probable_adverb"]
NEG_WORDS = _C["neg_word"]
#: governing verbs/adjectives whose complement did not (or will not) happen
NEG_IMPLICATIVES = _C["neg_implicative"]
#: aspectual / implicative verbs whose to-complement happened when they did
IMPLICATIVE_POS = _C["pos_implicative"]
#: governing words of expectation: complement is FUTURE and PROBABLE
EXPECT = _C["expect"]
#: governing words of belief or suspicion: complement is PROBABLE
BELIEVE_STRICT = _C["believe"] - {"say", "report", "claim"}
BELIEVE = _C["believe"]
#: allegation: complement (or "of"-gerund) is PROBABLE
ALLEGE = _C["allege"]
#: governing words of intention, obligation or attempt: complement is FUTURE
INTENT_CERTAIN = _C["intent_certain"]
INTENT_POSSIBLE = _C["intent_possible"]
INTENT_OPEN = _C["intent_open"]
#: modifiers of nominal events
NOMINAL_FUTURE = _C["nominal_future"]
NOMINAL_POSSIBLE = _C["nominal_possible"]
NOMINAL_PROBABLE = _C["nominal_probable"]
CONDITIONAL = _C["conditional_mark"]
QUESTION = _C["question_mark"]
GENERIC_ADVERBS = _C["generic_adverb"]
POSSIBLE_PREDICATES = _C["possible_predicate"]
PROBABLE_PREDICATES = _C["probable_predicate"]
REPORTED_NOUNS = _C["reported_noun"]
PLAN_NOUNS = _C["plan_noun"]
HOPE_NOUNS = _C["hope_noun"]
CANCEL_VERBS = _C["cancel_verb"]

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
        elif c.dep_ == "mark" and (
            low in QUESTION or (low in CONDITIONAL and tok.dep_ in ("ccomp", "xcomp"))
        ):
            # embedded question ("asked whether the army attacked"): neither asserted nor
            # denied
            cert = "UNDERSPECIFIED"
            generic.append(True)
        elif c.dep_ == "mark" and low in CONDITIONAL:
            # antecedent of a conditional ("if the talks fail"): polarity and certainty open
            cert = "UNDERSPECIFIED"
            generic.append(True)
            future = True
        elif c.dep_ == "advmod" and low in GENERIC_ADVERBS:
            # habit or generic statement ("usually attack at night"): not located in time
            generic[0] = True
            generic.append(True)
        elif c.dep_ in ("amod", "compound") and tok.pos_ in ("NOUN", "PROPN"):
            if low in NOMINAL_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
            elif low in NOMINAL_PROBABLE:
                cert = _lower_cert(cert, "PROBABLE")
            if low in NOMINAL_FUTURE:
                future = True
        elif c.dep_ == "det" and low == "no":
            neg = True
        elif c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            neg = True  # "provided no arms"
    return neg, cert, future


def _in_question(tok: Token) -> bool:
    """The token's sentence is a direct question ("Will Iran send drones?")."""
    last = [t for t in tok.sent if not t.is_space]
    if not last:
        return False
    end = last[-1] if last[-1].text not in ('"', "”", "'", "’") or len(last) < 2 else last[-2]
    return end.text == "?"


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
        if token.dep_ == "advcl":
            # purpose clause ("sent troops to protect the border"): intended, not asserted
            cert = "UNDERSPECIFIED"
            underspecified_pol = True
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
                if glemma in INTENT_OPEN:
                    underspecified_pol = True
                    cert = "UNDERSPECIFIED"  # "wants to buy": a wish, not a possibility
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
            # "it is possible that they sold": the clause hangs on the adjective or on "is"
            preds = {glemma} if gov.pos_ == "ADJ" else set()
            if glemma == "be":
                preds |= {c.lemma_.lower() for c in gov.children if c.dep_ == "acomp"}
            if preds & POSSIBLE_PREDICATES:
                cert = _lower_cert(cert, "POSSIBLE")
            elif preds & PROBABLE_PREDICATES:
                cert = _lower_cert(cert, "PROBABLE")
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
            if hl in INTENT_POSSIBLE or hl in HOPE_NOUNS:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif hl in PLAN_NOUNS:
                future = True
            elif hl in REPORTED_NOUNS:
                cert = _lower_cert(cert, "PROBABLE")
            break
        if dep in ("dobj", "nsubjpass", "nsubj", "attr") and token.pos_ in ("NOUN", "PROPN"):
            # nominal event: inherits from the verb it depends on ("completed a delivery",
            # "plans new sanctions", "denies the allegations")
            if glemma in NEG_IMPLICATIVES | CANCEL_VERBS:
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
        if dep in ("acl", "relcl") and gov.lemma_.lower() in REPORTED_NOUNS:
            cert = _lower_cert(cert, "PROBABLE")  # "accusations that Tehran has supplied"
            break
        if dep == "advcl":
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in cur.children):
                cert = "UNDERSPECIFIED"  # antecedent of a conditional
                underspecified_pol = True
                future = True
            break
        break

    if _in_question(token):  # a direct question asserts nothing
        cert = "UNDERSPECIFIED"
        underspecified_pol = True

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
