"""Factuality of an event mention in MEANTIME's scheme: polarity, certainty, time.

``factuality(token, attribution_stance=None) -> (polarity, certainty, time)`` works on any
spaCy token (a verb, a nominal or an adjective event), so it can be scored on gold event
mentions as well as used on our own triggers.

- polarity: ``POS``, ``NEG`` or ``UNDERSPECIFIED``;
- certainty: ``CERTAIN``, ``PROBABLE``, ``POSSIBLE`` or ``UNDERSPECIFIED``;
- time: ``NON_FUTURE``, ``FUTURE`` or ``UNDERSPECIFIED``.

Hand-written rules over the dependency parse (no trained factuality model ships with spaCy and
none of the maintained libraries covers MEANTIME's three attributes). A model learned on the UW
corpus' train split was considered and not shipped: UW's scores do not bucket into MEANTIME's
certainty (2,160 of the 8,165 UW train tokens these rules call CERTAIN score below |2.5|, 63% of
them future or inside a reported clause, which MEANTIME annotates CERTAIN), so the UW data is
used only to fit the score mapping in the eval. The cue words are data
(``data/factuality_cues.tsv``, loaded once by :func:`cues`); the rules read them from the
token itself and from the chain of words that govern it:

- negation: a ``neg`` dependent, ``never``/``no``, a governing negative implicative verb
  ("fail to", "refuse to"), a negated governor of an infinitive, a cancelled nominal ("the
  summit was postponed", "the cancelled deal"), a near miss ("nearly broke the record");
  the negation of a conjunct does not reach a contrasted one ("did not resign but
  apologised") nor one with its own subject;
- modality and hedges: modal auxiliaries (may/might/could -> POSSIBLE, can -> POSSIBLE with
  time UNDERSPECIFIED, will/shall -> FUTURE, a hypothetical would -> PROBABLE with polarity
  UNDERSPECIFIED, a would reported by a past verb -> plain future), hedging adverbs
  ("reportedly", "probably", "possibly"), governing verbs of expectation and belief
  ("expected to", "believes that"), permission ("was allowed to bid" -> POSSIBLE), fear and
  hope ("worries that", "hopes of" -> POSSIBLE), attempts ("an effort to" -> POSSIBLE),
  deliberation ("considering selling" -> POSSIBLE), plans named by a noun ("has plans to" ->
  PROBABLE), predicates of probability over a subject or clause ("a recovery is likely",
  "almost certain" -> PROBABLE, "it is possible that" -> POSSIBLE); speech acts ("say",
  "claim") keep the certainty of their content (NewsReader annotates it from the source's
  point of view);
- time: future auxiliaries, "going to", "be to", to-infinitives under intention verbs
  ("plan to", "agree to"), purpose clauses ("sent troops to protect": FUTURE, as certain as
  the action), headline infinitives ("Carmaker to cut jobs"), future-oriented modifiers of
  nominals ("planned", "proposed"), nominals of a plan ("a restructuring plan"), temporal
  clauses of a future event ("will resign when the sale is completed"); not future: the
  result of a change ("fell 3% to close at 80"), a schedule stated in the past ("was due to
  land on Monday"), the complement of a raising verb of report ("is said to own");
- open values (MEANTIME's UNDERSPECIFIED): direct and embedded questions ("Will they
  sign?", "asked whether", "did not say where"), antecedents of conditionals ("if the talks
  fail"), wishes and preferences ("wants to buy", "would prefer that"), advice and duty
  ("should be approved"), habits and generic statements ("usually", "often": time
  UNDERSPECIFIED too); an open certainty leaves the polarity open too;
- presupposition and done acts: the object of "after", "since", "despite", "amid" keeps its
  own certainty and is not future ("may close plants after a loss"); a measure announced or
  imposed in the past is in force ("the ministry announced a suspension of ferry links": NON_FUTURE,
  CERTAIN; an announced product or move stays FUTURE, as MEANTIME annotates it); the object
  of a verb of decrease, removal, ending or protection exists now ("will cut 5,000 jobs":
  the jobs are NON_FUTURE, CERTAIN); a possessed
  nominal is present ("has plans to expand"); a modal perfect is past ("could have
  collapsed"); a participle describing a report noun is the report, not its content
  ("reports stating that");
- open but not questioned: a plan or schedule stated in the past ("were to sign in May",
  "was due to land") leaves open whether it was kept: certainty UNDERSPECIFIED, polarity
  POS, NON_FUTURE;
- open contexts beyond the clause itself: events anywhere inside a conditional antecedent
  ("unless they agree on cuts that would reduce costs"; a past relative clause is
  presupposed and stays out), explicit purpose clauses ("in order to", "so that", a
  fronted "To cut costs, ..."; a plain purpose infinitive keeps the action's certainty),
  the "for" object of an application ("filed for bankruptcy protection"): polarity and
  certainty UNDERSPECIFIED; the complement of a noun of possibility or risk ("the
  prospects for a return to growth") is POSSIBLE and FUTURE, the compound of a plan noun
  ("a restructuring plan") PROBABLE and FUTURE;
- the subject of an active verb keeps its own factuality ("the sanctions might not prevent
  a recession": the sanctions are certain), except in an open context;
- the stance of the attribution the mention sits in: ``allege``, ``believe``, ``estimate``
  cap certainty at PROBABLE, ``expect`` and ``plan`` make the event FUTURE, ``question`` makes
  it POSSIBLE, ``deny`` makes it NEG, ``decline`` (a non-answer: "declined to confirm that
  ...", "has not denied that ...") leaves its polarity open and makes it POSSIBLE.
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
PROBABLE_MODALS = _C.get("probable_modal", frozenset())
DEONTIC_MODALS = _C["deontic_modal"]
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
#: nouns of hope, and of possibility or risk: their complement may happen ("hopes of a deal",
#: "the prospect of a recovery", "the risk that the bank fails")
HOPE_NOUNS = _C["hope_noun"] | _C["possibility_noun"]
CANCEL_VERBS = _C["cancel_verb"]
ABILITY_MODALS = _C["ability_modal"]
#: verbs of change of value whose to-infinitive is a result ("fell 3% to close at 80")
RESULT_VERBS = _C["result_verb"]
PERMISSION_VERBS = _C["permission_verb"]
#: verbs of choosing someone for a future act ("was selected to buy")
CHOICE_VERBS = _C["choice_verb"]
FEAR_WORDS = _C["fear_word"]
ATTEMPT_NOUNS = _C["attempt_noun"]
WH_WORDS = _C["wh_word"]
QUESTION_VERBS = _C["question_verb"]
#: words of a schedule ("was due to land", "were set to sign")
SCHEDULE_WORDS = _C["schedule_word"]
#: adverbs of a near miss: "nearly broke the record" (it did not)
NEAR_MISS_ADVERBS = _C["near_miss_adverb"]
#: subordinators of temporal clauses ("when", "once", "as")
TEMPORAL_MARKS = _C["temporal_mark"]
CERTAIN_PREDICATES = _C["certain_predicate"]
#: contrastive coordinators: the negation of one conjunct does not reach the other
CONTRAST_CC = _C["contrast_cc"]
#: prepositions whose object event does not happen ("without paying")
NEG_PREPOSITIONS = _C["neg_preposition"]
#: verbs of denial: their clause or gerund is NEG and PROBABLE ("denied that", "denies
#: supplying")
DENY_VERBS = _C["deny_verb"]
#: verbs that keep their object from doing the event of a "from" phrase
BLOCK_FROM_VERBS = _C["block_from_verb"]
#: verbs of announcement or enactment, and nouns of measures that take effect when announced:
#: "announced a suspension of flights" is as done as the announcement (NON_FUTURE, CERTAIN)
ANNOUNCE_VERBS = _C["announce_verb"]
MEASURE_NOUNS = _C["measure_noun"]
#: prepositions presupposing their object event ("after a loss", "despite the ban")
FACTIVE_PREPOSITIONS = _C["factive_preposition"]
#: words of an explicit purpose clause: "in order to", "so as to", "so that"
PURPOSE_MARKS = _C["purpose_mark"]
#: verbs of application: their "for" object is requested, not granted ("applied for asylum")
APPLY_VERBS = _C["apply_verb"]
#: verbs of decrease, removal, ending or protection: their object exists before the event
AFFECT_EXISTING_VERBS = _C["affect_existing_verb"]

_STANCE = {
    "allege": ("POS", "PROBABLE", None),
    "believe": ("POS", "PROBABLE", None),
    "estimate": ("POS", "PROBABLE", None),
    "expect": ("POS", "PROBABLE", "FUTURE"),
    "plan": ("POS", "CERTAIN", "FUTURE"),
    "question": ("UNDERSPECIFIED", "POSSIBLE", None),
    "deny": ("NEG", "PROBABLE", None),
    "decline": ("UNDERSPECIFIED", "POSSIBLE", None),
}


def denial_withheld(verb: Token) -> bool:
    """Whether a verb of denial is negated or refused: "has not denied", "declined to deny",
    "refused to deny" deny nothing."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEG_IMPLICATIVES


def _lower_cert(a: str, b: str) -> str:
    """The weaker of two certainty values (UNDERSPECIFIED only if one of them is)."""
    return a if _RANK[a] <= _RANK[b] else b


def _has_neg(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("advmod", "det", "preconj")):
            return True
    return False


def _own_cues(
    tok: Token, generic: list[bool] | None = None, predicate: bool = True
) -> tuple[bool, str, bool]:
    """(negated, certainty, future) from the token's own dependents; ``generic[0]`` is set
    when a modal of capacity makes the time UNDERSPECIFIED."""
    generic = generic if generic is not None else [False]
    neg = _has_neg(tok)
    cert = "CERTAIN"
    future = False
    past_modal = False  # a modal other than will/shall, which a perfect puts in the past
    for c in tok.children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            past_modal = c.lemma_ not in ("will", "shall") and low not in ("will", "shall", "'ll")
            if low in FUTURE_MODALS or c.lemma_ in ("will", "shall"):
                future = True
                if low in ("would", "'d") and not _reported(tok):
                    # hypothetical "would" ("two models would be dropped"): polarity open,
                    # certainty PROBABLE
                    generic.append(True)
                    cert = _lower_cert(cert, "PROBABLE")
            elif low in POSSIBLE_MODALS or c.lemma_ in POSSIBLE_MODALS:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif low in PROBABLE_MODALS:
                cert = _lower_cert(cert, "PROBABLE")
                future = True
            elif low in DEONTIC_MODALS:
                # advice or duty ("the deal should be signed"): neither predicted nor
                # asserted
                cert = "UNDERSPECIFIED"
                generic.append(True)
                future = True
            elif low in NEAR_CERTAIN_FUTURE_MODALS:
                future = True
            elif (low in ABILITY_MODALS or c.lemma_ in ABILITY_MODALS) and tok.tag_ == "VB":
                generic[0] = True  # "can fly": a capacity, not located in time
                cert = _lower_cert(cert, "POSSIBLE")
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
            if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in CANCEL_VERBS:
                neg = True  # "the cancelled deal"
            if low in NOMINAL_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
            elif low in NOMINAL_PROBABLE:
                cert = _lower_cert(cert, "PROBABLE")
            if low in NOMINAL_FUTURE:
                future = True
        elif c.dep_ == "advmod" and low in NEAR_MISS_ADVERBS and tok.pos_ in ("VERB", "AUX"):
            neg = True  # "nearly broke the record": it did not
        elif c.dep_ == "det" and low == "no":
            neg = True
        elif c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            neg = True  # "provided no arms"
    if past_modal and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VB" for c in tok.children
    ):
        # a modal perfect ("would have been a mistake", "could have collapsed") speaks of the
        # past, not of what is to come
        future = False
    pred_cert = _predicate_certainty(tok) if predicate and tok.pos_ in ("VERB", "AUX") else None
    if pred_cert:
        cert = _lower_cert(cert, pred_cert)
    return neg, cert, future


def _reported(tok: Token) -> bool:
    """The clause of ``tok`` is reported by a past verb ("said that it would close"), so a
    "would" in it is a future in the past, not a hypothesis."""
    root = _conj_root(tok)
    if root.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in root.children):
        # "announced in a memo that he would be on leave": the reported clause parsed as a
        # relative clause of the noun before it (a relative "that" is a subject or object)
        gov = root.head
        while gov.dep_ in ("pobj", "prep") and gov.head.i != gov.i:
            gov = gov.head
        return gov.tag_ in ("VBD", "VBN")
    return root.dep_ == "ccomp" and root.head.tag_ in ("VBD", "VBN")


def _predicate_certainty(verb: Token) -> str | None:
    """Certainty given by an adjectival predicate of ``verb`` ("is likely", "seems possible",
    "becomes almost certain"), or None."""
    for c in verb.children:
        if c.dep_ != "acomp":
            continue
        lem = c.lemma_.lower()
        if lem in POSSIBLE_PREDICATES:
            return "POSSIBLE"
        if lem in PROBABLE_PREDICATES:
            return "PROBABLE"
        if lem in CERTAIN_PREDICATES and any(
            d.dep_ == "advmod" and d.lower_ in NEAR_MISS_ADVERBS for d in c.children
        ):
            return "PROBABLE"  # "almost certain"
    return None


def _past_frame(gov: Token) -> bool:
    """``gov`` is in the past tense, alone or with its auxiliary or copula ("was set",
    "were", "was due")."""
    if gov.tag_ == "VBD":
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in gov.children):
        return True
    return gov.dep_ == "acomp" and gov.head.tag_ == "VBD"


def _embedded_wh_question(cur: Token, gov: Token) -> bool:
    """``cur`` heads a wh-clause under a question word or a negated verb of saying or
    knowing ("did not say where the cuts will fall", "asked why they left")."""
    first = cur.left_edge
    if first.lower_ not in WH_WORDS or first.tag_ not in ("WRB", "WP", "WDT"):
        return False
    return gov.lemma_.lower() in QUESTION_VERBS or _has_neg(gov)


def _in_question(tok: Token) -> bool:
    """The token's sentence is a direct question ("Will Iran send drones?")."""
    last = [t for t in tok.sent if not t.is_space]
    if not last:
        return False
    end = last[-1] if last[-1].text not in ('"', "”", "'", "’") or len(last) < 2 else last[-2]
    return end.text == "?"


def _in_conditional(tok: Token) -> bool:
    """``tok`` lies inside the antecedent of a conditional, below its head ("unless the
    bondholders agree on cuts that would reduce costs": "reduce" is as open as "agree"); a
    relative clause in the past is presupposed and stays out ("the offer that they made")."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i or (cur.dep_ == "relcl" and _past_frame(cur)):
            return False
        cur = cur.head
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in cur.children
        ):
            return True
    return False


def _explicit_purpose(tok: Token) -> bool:
    """``tok`` heads an explicit purpose clause: "in order to cut", "so as to cut", "so that
    they stop", or a fronted purpose infinitive ("To cut costs, the firm closed plants")."""
    if tok.dep_ == "acl" and tok.head.lower_ in PURPOSE_MARKS and _is_to_infinitive(tok):
        return tok.head.dep_ == "pobj" and tok.head.head.lower_ == "in"  # "in order to"
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if marks & PURPOSE_MARKS and marks & {"that", "as"}:
        return True  # "so that", "so as to"; a bare "so" is a result ("..., so they left")
    return _is_to_infinitive(tok) and tok.left_edge.i == tok.sent.start and tok.i < tok.head.i


def _reduced_participle(tok: Token) -> bool:
    """``tok`` is a participle modifying a noun with no subject, auxiliary or subordinator of
    its own ("reports stating that", "a plan approved in May"): it describes the noun."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBG", "VBN")
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children
        )
    )


def _is_to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _conj_root(tok: Token) -> Token:
    """The first conjunct of a coordination (auxiliaries are shared: "will buy and sell")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def factuality(token: Token, attribution_stance: str | None = None, _depth: int = 0) -> Factuality:
    """Polarity, certainty and time of the event mention whose head is ``token``."""
    generic = [False]
    neg, cert, future = _own_cues(token, generic)
    time_result = False
    past_plan = False  # a plan or schedule stated in the past ("was due to land")
    underspecified_pol = len(generic) > 1
    if _is_to_infinitive(token) and token.dep_ in ("advcl", "acl", "relcl", "ccomp", "ROOT"):
        # purpose and complement infinitives ("a contract to supply") and headlines ("Ford
        # to cut jobs")
        future = True
    if _is_to_infinitive(token) and token.dep_ in ("advcl", "xcomp"):
        gov = token.head
        glem = gov.lemma_.lower()
        if (
            glem in RESULT_VERBS
            and glem not in NEG_IMPLICATIVES | IMPLICATIVE_POS
            and gov.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        ):
            # result of a change ("fell 3% to close at 80"): as located as the change itself
            future = False
            time_result = True
        elif token.dep_ == "advcl" and gov.pos_ in ("VERB", "AUX") and _depth < 3:
            # purpose clause ("sent troops to protect the border"): FUTURE, as certain as
            # the action it is the purpose of
            gp, gc, _gt = factuality(gov, None, _depth + 1)
            cert = _lower_cert(cert, gc)
            if gp == "UNDERSPECIFIED":
                underspecified_pol = True
    purpose = _explicit_purpose(token)
    first = _conj_root(token)
    if first is not token:  # shared auxiliaries and negation of the first conjunct
        n2, c2, f2 = _own_cues(first, predicate=False)
        has_own_aux = any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children
        )
        contrast = any(c.dep_ == "cc" and c.lower_ in CONTRAST_CC for c in first.children)
        if not has_own_aux:
            # "did not sign but paid": the contrasted conjunct keeps its own polarity
            neg = neg or (n2 and not contrast)
            cert = _lower_cert(cert, c2)
            future = future or f2
    time_fixed = time_result
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
    while depth < 4 and cur.head.i != cur.i:
        dep = cur.dep_
        gov = cur.head
        glemma = gov.lemma_.lower()
        gneg, gcert, gfuture = _own_cues(gov)
        if dep in ("xcomp", "acomp") or (dep == "ccomp" and _is_to_infinitive(cur)):
            # infinitival complement: "expected to be delivered", "plans to impose"
            if (glemma == "be" or glemma in SCHEDULE_WORDS) and _past_frame(gov):
                # a plan stated in the past ("were to deliver in May", "was due to land"):
                # its time is not after the speech time
                time_fixed = True
                future = False
                # whether it was carried out is left open, but it is neither denied nor
                # questioned: certainty UNDERSPECIFIED, polarity kept
                past_plan = past_plan or _is_to_infinitive(cur)
            if glemma in BELIEVE and glemma not in BELIEVE_STRICT:
                # raising verbs of report ("is said to own", "claims to possess"): the
                # complement is a state at the report's time
                time_fixed = True
                future = False
            if glemma in NEG_IMPLICATIVES:
                neg = not neg
            elif glemma in DENY_VERBS and denial_withheld(gov):
                cert = _lower_cert(cert, "POSSIBLE")  # "has not denied supplying drones"
                underspecified_pol = True
            elif glemma in DENY_VERBS:
                # "denies supplying drones": denied by the source, as "denied that"
                neg = not neg
                cert = _lower_cert(cert, "PROBABLE")
            elif glemma in RESULT_VERBS and time_result:
                pass
            elif (
                glemma in CHOICE_VERBS
                and dep == "xcomp"
                and (
                    # passive ("was selected", headline "X selected to buy"), not perfect
                    (gov.tag_ == "VBN" and not any(c.lemma_ == "have" for c in gov.children))
                    or any(c.dep_ == "dobj" for c in gov.children)
                )
            ):
                # "was selected to buy", "chose Penske to buy": chosen for it, not yet done
                cert = "UNDERSPECIFIED"
                underspecified_pol = True
                if not time_fixed:
                    future = True
            elif glemma in PERMISSION_VERBS and dep == "xcomp":
                # "was allowed to bid": permitted, not done
                cert = _lower_cert(cert, "POSSIBLE")
                if not time_fixed:
                    future = True
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
        if dep == "ccomp" and _embedded_wh_question(cur, gov):
            cert = "UNDERSPECIFIED"  # "did not say where the cuts will fall"
            underspecified_pol = True
            break
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
            elif glemma in DENY_VERBS and denial_withheld(gov):
                # "has not denied that", "declined to deny that": not denied, not affirmed
                cert = _lower_cert(cert, "POSSIBLE")
                underspecified_pol = True
            elif glemma in DENY_VERBS:
                neg = True
                cert = _lower_cert(cert, "PROBABLE")
            elif glemma in FEAR_WORDS or glemma in HOPE_NOUNS:
                # "fears that the bank will fail": feared, not asserted
                cert = _lower_cert(cert, "POSSIBLE")
                future = future or not time_fixed
            elif glemma in ALLEGE or glemma in BELIEVE_STRICT:
                cert = _lower_cert(cert, "PROBABLE")
            elif glemma in INTENT_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
                future = future or not time_fixed
                if glemma in INTENT_OPEN:
                    # "would prefer that markets decide": a wish, not a possibility
                    cert = "UNDERSPECIFIED"
                    underspecified_pol = True
            if gneg and glemma in BELIEVE_STRICT:
                underspecified_pol = True
            break  # a reported clause keeps its own tense
        if dep == "pcomp" and gov.dep_ == "prep" and gov.head.lemma_.lower() in ALLEGE:
            cert = _lower_cert(cert, "PROBABLE")  # "accused X of supplying"
            break
        if dep in ("pobj", "pcomp") and (
            gov.lower_ in NEG_PREPOSITIONS
            or (gov.lower_ == "from" and gov.head.lemma_.lower() in BLOCK_FROM_VERBS)
        ):
            # "left without paying", "stopped the oil from leaking": it does not happen
            neg = not neg
            break
        if dep == "pobj" and gov.dep_ == "prep":
            # nominal in a prepositional phrase: "hopes of recovery", "plan for cuts"
            host = gov.head
            hl = host.lemma_.lower()
            if gov.lower_ in FACTIVE_PREPOSITIONS:
                pass  # presupposed ("relief after a loss"): the host's modality does not reach it
            elif host.pos_ in ("VERB", "AUX") and _depth < 3 and token.pos_ in ("NOUN", "PROPN"):
                gp, gc, gt = factuality(host, None, _depth + 1)
                cert = _lower_cert(cert, gc)
                future = future or gt == "FUTURE"
            elif (
                host.pos_ == "NOUN"
                and gov.lower_ == "of"
                and _depth < 3
                and token.pos_ in ("NOUN", "PROPN")
            ):
                # "the extension of the search": the nominal event of an "of" phrase is as
                # future as the event noun it completes
                _gp, _gc, gt = factuality(host, None, _depth + 1)
                future = future or gt == "FUTURE"
            if hl in APPLY_VERBS and gov.lower_ == "for" and host.pos_ == "VERB":
                cert = "UNDERSPECIFIED"  # "filed for protection": requested, not granted
                underspecified_pol = True
            elif hl in INTENT_POSSIBLE or hl in HOPE_NOUNS or hl in FEAR_WORDS:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif hl in PLAN_NOUNS:
                future = True
            elif hl in REPORTED_NOUNS:
                cert = _lower_cert(cert, "PROBABLE")
            break
        if dep == "dobj" and token.pos_ == "NOUN" and glemma in AFFECT_EXISTING_VERBS:
            break  # "will cut 10,000 jobs": the jobs exist now, whatever happens to them
        if dep in ("dobj", "nsubjpass", "nsubj", "attr") and token.pos_ in ("NOUN", "PROPN"):
            # nominal event: inherits from the verb it depends on ("completed a delivery",
            # "plans new sanctions", "denies the allegations")
            if glemma in NEG_IMPLICATIVES | CANCEL_VERBS:
                if dep == "dobj" or (dep == "nsubjpass" and glemma in CANCEL_VERBS):
                    neg = not neg  # "cancelled the deal", "the flight was delayed"
            elif glemma in INTENT_POSSIBLE:
                cert = _lower_cert(cert, "POSSIBLE")
                future = True
            elif (
                glemma in ANNOUNCE_VERBS and dep == "dobj" and token.lemma_.lower() in MEASURE_NOUNS
            ):
                pass  # the announced measure is a done act: it takes the verb's time below
            elif glemma == "have" and dep == "dobj":
                pass  # possession ("has plans", "has a curfew"): "have" is future only in "has to"
            elif glemma in INTENT_CERTAIN | EXPECT:
                future = True
                if glemma in EXPECT:
                    cert = _lower_cert(cert, "PROBABLE")
            if _depth < 3 and gov.pos_ in ("VERB", "AUX", "ADJ"):
                gp, gc, gt = factuality(gov, None, _depth + 1)
                pred_cert = _predicate_certainty(gov)
                if dep == "nsubj" and pred_cert:
                    # a predicate of probability over the subject event ("a recovery is
                    # likely", "bankruptcy becomes almost certain")
                    cert = _lower_cert(cert, pred_cert)
                elif dep == "nsubj":
                    # the subject of an active verb exists whatever is said of it ("the
                    # moves might not prevent a recession"): only an open context (question,
                    # condition) reaches it
                    if gc == "UNDERSPECIFIED":
                        cert = "UNDERSPECIFIED"
                        underspecified_pol = underspecified_pol or gp == "UNDERSPECIFIED"
                else:
                    if gp == "NEG":
                        neg = not neg
                    if gp == "POS" and gc == "UNDERSPECIFIED":
                        past_plan = True  # "were to take delivery": open, not questioned
                    cert = _lower_cert(cert, gc)
                    future = future or gt == "FUTURE"
            break
        if (
            dep in ("acl", "relcl", "ccomp")
            and gov.pos_ in ("NOUN", "ADJ", "VERB")
            and (
                glemma in FEAR_WORDS
                or glemma in HOPE_NOUNS
                or (glemma in ATTEMPT_NOUNS and _is_to_infinitive(cur))
            )
        ):
            # "worries that the bank will fail", "hopes that talks resume", "an effort to
            # rescue the bank": feared, hoped or attempted, not asserted
            cert = _lower_cert(cert, "POSSIBLE")
            if not time_fixed:
                future = True
            break
        if dep == "compound" and glemma in PLAN_NOUNS:
            # "a restructuring plan": the restructuring is planned, not done (PROBABLE, as
            # "has plans to restructure")
            future = True
            cert = _lower_cert(cert, "PROBABLE")
            break
        if dep == "acl" and gov.pos_ in ("NOUN", "PROPN") and _is_to_infinitive(cur):
            if gneg:
                neg = not neg  # "the cancelled deal to lease jets", "no plan to sell"
            elif glemma in PLAN_NOUNS:
                cert = _lower_cert(cert, "PROBABLE")  # "has plans to sell": not yet done
            break
        if (
            dep in ("acl", "relcl")
            and gov.lemma_.lower() in REPORTED_NOUNS
            and not _reduced_participle(cur)  # "reports stating": the report itself
        ):
            cert = _lower_cert(cert, "PROBABLE")  # "accusations that Tehran has supplied"
            break
        if dep == "advcl":
            marks = {
                c.lower_
                for c in cur.children
                if c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")
            }
            if marks & CONDITIONAL:
                cert = "UNDERSPECIFIED"  # antecedent of a conditional
                underspecified_pol = True
                future = True
            elif marks & TEMPORAL_MARKS and not _past_frame(cur) and _depth < 3:
                # temporal clause of a future or modal event ("will resign when the sale is
                # finished"): as future and as certain as that event
                gp, gc, gt = factuality(gov, None, _depth + 1)
                if gt == "FUTURE":
                    future = True
                    time_fixed = False
                    cert = _lower_cert(cert, gc)
            break
        break

    if purpose:
        cert = "UNDERSPECIFIED"  # aimed at, neither asserted nor denied
        underspecified_pol = True
        future = True

    if cert != "UNDERSPECIFIED" and _in_conditional(token):
        cert = "UNDERSPECIFIED"  # inside a conditional antecedent: neither asserted nor denied
        underspecified_pol = True
        future = future or not time_fixed

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

    if past_plan and not underspecified_pol:
        cert = "UNDERSPECIFIED"
    elif cert == "UNDERSPECIFIED":
        underspecified_pol = True  # neither asserted nor denied: polarity is open too
    polarity = "NEG" if neg else ("UNDERSPECIFIED" if underspecified_pol else "POS")
    time = "FUTURE" if future else ("UNDERSPECIFIED" if generic[0] else "NON_FUTURE")
    return polarity, cert, time
