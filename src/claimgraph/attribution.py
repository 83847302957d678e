"""attribution: who says so. Reported speech and thought as ``Attribution`` records.

Every piece of reported speech in an article becomes one :class:`Attribution`: its *source*
(a speaker, an outlet, "officials", "U.S. estimates"), its *cue* ("said", "according to",
"denies", a colon, a transcript label), its *content* span, its *kind* (direct, mixed,
indirect, transcript) and the *stance* the source takes towards the content (assert,
confirm, allege, deny, estimate, expect, plan, believe, question, and decline for a
non-answer: "declined to comment", "has not denied that ..."). Reports inside reports
("CNN reported that the United States accused North Korea of ...") are linked by
``parent_id``; an outlet through which a report reaches us ("..., Reuters reported") is kept
in ``outlet_actor_id``; the rest of the chain is the article's publisher and original
publisher (:func:`publisher_chain`).

How it works (rules over spaCy's dependency parse plus the cue lexicon ``data/cues.tsv``):

1. quotes are found per paragraph with a small state machine over straight and curly marks;
   a paragraph that opens a quote without closing it continues into the next paragraph when
   that one opens with a quote mark (the news convention), and such a quote is one
   attribution over all its paragraphs; any other unbalanced mark is dropped so that it does
   not spoil the rest of the paragraph;
2. cue verbs (lemma in the lexicon) give indirect speech: content = the ccomp (or xcomp, or
   for ``needs=any`` cues the direct object) of the cue, source = its nsubj (inherited
   through ``conj`` and participles such as "adding that ..."; the agent of a passive;
   the antecedent of a relative pronoun); a cue with no complement that follows its head
   ("..., Reuters reported"; "The economy, he said, is weak") takes the rest of its sentence;
   "according to X" takes X as source and the rest of the clause as content, and so does a
   sentence-opening "In X," whose X is a cue noun ("In the latest survey, the mayor gained
   two points");
3. quotes are attached to the cue whose content they overlap (direct when the content is the
   quote, mixed when a quote sits inside indirect content), else to "X: “...”", to a
   sentence right after them that names a speaker ("... .” Kirby said."), to the speaker of
   the previous quote (a quote that continues, in the same or the next paragraph, after a
   quote of the same speaker is part of that attribution), or kept without a source; a
   quoted sentence broken by its speaker tag (“A,” she told the reporter, “B.”) is one
   attribution, whichever part the parser gave to the tag's verb;
   An embedded post rendered as page text ("... — Name (@handle) June 2, 2016", as
   the text an embedded tweet leaves on a news page) is said by the byline's name;
4. briefing transcripts ("MR. KIRBY: ...", "Q ...") make one attribution per turn paragraph
   (kind transcript; a "Q" turn has stance question and is not a claim of the asker);
5. nesting: an attribution whose cue lies inside another one's content (in any part of a
   quote resumed after its tag, not in the tag) gets that one as its parent; a sourceless
   "was expected to" / "reportedly" directly inside someone's assertion is folded into that
   assertion's stance instead of becoming a record of its own;
6. a learned cue model (logistic regression over parse features, weights shipped as
   ``data/attribution_cue_model.json``, trained on PolNeAR train by ``python -m
   claimgraph.train_attribution``) scores every content verb with a complement: a verb
   outside the lexicon at or above its ``threshold`` becomes a cue (stance assert; content
   = its clause, object or prepositional object; with only a direct object it needs
   ``threshold_object``, higher), a lexicon verb below its ``floor`` is
   kept only where it is nested (inside a quote or another attribution's content), so that
   nested stances ("plan", "accused") survive. Without the JSON file the rules run alone.

Span conventions follow PolNeAR: a relative pronoun subject ("officials, who said ...") is
the source span (the actor is resolved from its antecedent); ASCII ``''`` marks quote like
``"``; a participle inside a prepositional clause ("began by saying") and a clausal
modifier of a noun ("a memo saying") take the governing subject / the noun as source.
Further conventions measured on PolNeAR *train*: a prepositional content starts after the
preposition ("talked about X": X); "said A and predicted B" is two reports of the speaker
(the second verb is cut out of A); a trailing comma-led relative clause or participle
(", where ...", ", leaving ...") is the writer's background, not content; "according to X"
reports its whole clause; "called for / on Y to Z" has content "Y to Z"; "polls show Y
ahead of Z" keeps the object's predicate; a cue noun with a possessor and no "that"
clause ("her criticism of X", "his promise to Y") is an attribution of the possessor (of
the governing verb's subject for "renewed his attacks on X"); a paragraph ending in a
colon ("Lee continued:") introduces the quote paragraph after it; quotes of one speaker
in one paragraph form one attribution. "Read also:" links and segments of other articles
(related, teaser, boilerplate) give no attributions; "is going to" is a plan of a named
actor only (elsewhere it stays nested in someone's words). Round four (measured on train
samples): a subject "it" of a lexicon cue is the source ("It said ...": PolNeAR marks it);
a dateline the parser made the subject ("LONDON (Reuters) – The minister said") is cut off;
a root cue verb without a parsed subject takes the name right before it ("Marsh notes");
a speaker tag that ends in a comma right before a quote ("Baker said, “...”") is joined to
the quote when the parser did not; any root lexicon verb right after a quote can be its
speaker tag (manner verbs "beamed", "barked" are in the lexicon); "said A, but that B"
reports both clauses; "X seems/appears ready (to ...)" is a sourceless judgement like
"X seems to ...". Round five: when the parser hangs several clauses on one cue verb, the
content runs from the first clause after it (a later clause that is a report of its own,
"and a third said B", is not content); "asked X if/whether ..." reports the question, not the
addressee; a speaker tag joined by a comma and parsed as a conjunct (", his aide told CNN.")
is parenthetical; the person asked ("asked Lee about X") is not the question (X is); a quoted
title without a speaker ("“The Big Short” was nominated") is not a quote.

Why rules and not a library: textacy's ``direct_quotations`` (the baseline of the eval task)
only finds direct quotes with a speaker in the same sentence; no maintained library covers
indirect speech, stance, nesting and outlets. The rules are measured against PolNeAR
(``claimgraph eval attribution``).

Text in the article's own voice is left implicit: a body sentence that carries no
attribution (and is not inside any attribution's content) is the publisher's claim, i.e.
downstream reads "no attribution" as "the publisher says so", with the chain
:func:`publisher_chain` (publisher, then original publisher). No ``article_voice`` records
are emitted; the kind exists for stages that want to materialise that reading.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from claimgraph.data import rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from claimgraph.annotate import Annotation, Paragraph
    from claimgraph.records import ArticleRecords

KINDS = ("direct", "mixed", "indirect", "transcript", "article_voice")
STANCES = (
    "assert",
    "confirm",
    "allege",
    "deny",
    "estimate",
    "expect",
    "plan",
    "believe",
    "question",
    "decline",  # a non-answer: "declined to comment", "did not deny", "has not confirmed"
)
TABLE = "attributions"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution: who (source) says (cue) what (content), with stance and chain.

    ``start``/``end`` cover source, cue and content when they sit in one paragraph (a
    continued quote or transcript turn points its source at the earlier paragraph, and its
    evidence span is its own paragraph's part). Offsets index ``rec.text``.
    """

    id: str
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    cue: str | None
    content_start: int
    content_end: int
    source_start: int | None
    source_end: int | None
    source_text: str | None
    source_actor_id: str | None
    kind: str
    stance: str
    parent_id: str | None
    outlet_actor_id: str | None
    segment: int


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of the cue lexicon."""

    cue: str
    pos: str  # verb | noun | adverb | prep | phrase
    stance: str
    needs: str  # clause | any
    notes: str = ""


@cache
def load_cues() -> dict[tuple[str, str], Cue]:
    """The cue lexicon ``data/cues.tsv`` keyed by ``(cue, pos)`` (loaded once)."""
    path = resources.files("claimgraph") / "data" / "cues.tsv"
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    out: dict[tuple[str, str], Cue] = {}
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        stance = row["stance"].strip()
        if stance not in STANCES:
            raise ValueError(f"cues.tsv: unknown stance {stance!r} for {row['cue']!r}")
        cue = Cue(
            row["cue"].strip(),
            row["pos"].strip(),
            stance,
            row["needs"].strip(),
            (row.get("notes") or "").strip(),
        )
        out[(cue.cue, cue.pos)] = cue
    return out


def _verb_cue(lemma: str) -> Cue | None:
    return load_cues().get((lemma, "verb"))


def _phrase(text: str) -> Cue | None:
    cues = load_cues()
    return cues.get((text, "phrase")) or cues.get((text, "prep"))


def publisher_chain(rec: ArticleRecords) -> list[str]:
    """``[publisher, original publisher]`` of an article (missing ones left out, no repeats)."""
    out: list[str] = []
    for name in (rec.publisher, rec.doc.original_publisher):
        if name and name not in out:
            out.append(name)
    return out


# --------------------------------------------------------------------------- quotes

_OPEN = "“„«"
_CLOSE = "”»"
_STRAIGHT = '"'
_QUOTE_CHARS = _OPEN + _CLOSE + _STRAIGHT
#: quote marks as spaCy tokens, also the doubled ASCII marks of some wires (``A'')
_OPEN_TOKENS = frozenset((*_OPEN, _STRAIGHT, "``"))
_CLOSE_TOKENS = frozenset((*_CLOSE, _STRAIGHT, "''"))


@dataclass(slots=True)
class _Quote:
    start: int  # absolute, includes the opening mark (or the paragraph start)
    end: int  # absolute, includes the closing mark (or the paragraph end)
    para: int
    opens_next: bool = False  # unclosed at paragraph end, continued by the next paragraph
    continues_prev: bool = False


def _word_start(text: str, i: int) -> bool:
    """Whether the mark at ``i`` starts a word (white space or nothing before, a letter
    after), where a closing mark typed for an opening one ("”Fear. I am afraid.”") sits."""
    return (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) and text[i + 1].isalpha()


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Quote spans ``(start, end, closed)`` in one paragraph, marks included.

    Curly marks pair by direction; a straight mark (``"`` or the ASCII rendering ``''``)
    opens after white space or an opening bracket and closes otherwise. A second opening
    mark while one is open drops the first (unbalanced), a stray closing mark is ignored; an
    unclosed quote runs to the paragraph end with ``closed=False``. A closing curly mark
    at a word start with no quote open opens one (a common typing slip: ”Fear,” she said).
    """
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        width = 2 if text.startswith("''", i) else 1
        if ch not in _QUOTE_CHARS and width == 1:
            i += 1
            continue
        if ch == _STRAIGHT or width == 2:
            prev = text[i - 1] if i else " "
            nxt = text[i + width] if i + width < n else " "
            opening = (prev.isspace() or prev in "([{—–-/") and not nxt.isspace()
            if open_at is None:
                if opening:
                    open_at = i
            elif opening and not prev.isalnum() and prev not in ".,!?;:":
                open_at = i  # two openings in a row: the first was unbalanced
            else:
                out.append((open_at, i + width, True))
                open_at = None
        elif ch in _OPEN or (open_at is None and ch == "”" and _word_start(text, i)):
            open_at = i  # a closing mark at a word start with nothing open: a typo'd opener
        elif open_at is not None:
            out.append((open_at, i + 1, True))
            open_at = None
        i += width
    if open_at is not None:
        out.append((open_at, n, False))
    return out


# --------------------------------------------------------------------------- drafts


@dataclass(slots=True)
class _Draft:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    kind: str
    stance: str
    segment: int
    para: int
    lemma: str = ""  # cue lemma or phrase
    sourceless_modal: bool = False  # "is expected to", "reportedly": foldable
    content_head: int | None = None  # absolute char of the content's head token
    quote: _Quote | None = None
    parent: _Draft | None = None
    outlet_id: str | None = None
    is_outlet: bool = False
    source_actor: str | None = None
    source_ref: tuple[int, int] | None = None  # antecedent of a relative-pronoun source
    turn: bool = False
    weak: bool = False  # a lexicon cue the cue model doubts: dropped unless nested
    extra_spans: list[tuple[int, int]] = field(default_factory=list)


_PUNCT_TRIM = set(",;:—–-()[]") | {"--"}


def _span_chars(toks: list[Token], base: int) -> tuple[int, int] | None:
    """Absolute char span of a token list after trimming punctuation at its edges."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].text in _PUNCT_TRIM or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].text in _PUNCT_TRIM or toks[-1].text == "." or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def _subtree(t: Token, skip: set[int] | None = None) -> list[Token]:
    """Tokens of ``t``'s subtree, leaving out the subtrees rooted at indices in ``skip``."""
    out = []
    stack = [t]
    while stack:
        x = stack.pop()
        if skip and x.i in skip:
            continue
        out.append(x)
        stack.extend(x.children)
    return out


_REL_PRONOUNS = {"who", "which", "that", "whom"}
_SUBJ = ("nsubj", "nsubjpass", "csubj")


def _has_to(v: Token) -> bool:
    """Whether verb ``v`` has an infinitive "to" of its own ("met reporters to say ...")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)


def _source_tokens(t: Token, allow_it: bool = False) -> list[Token] | None:
    """The source NP of cue verb ``t`` (its subject, inherited through conj/participles).

    A subject "it" is a source only with ``allow_it`` ("it said", "the sign ... it reads":
    an organisation or a text speaks); "there" never is. A root verb whose subject the parser
    missed takes the proper name right before it ("Marsh notes", parsed as a compound).
    """
    cur = t
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cur.children)
        if passive and cur is t:
            agents = [c for c in cur.children if c.dep_ == "agent"]
            for a in agents:
                pobj = [c for c in a.children if c.dep_ == "pobj"]
                if pobj:
                    return _np(pobj[0])
            pcue = _experiencer_cue(t)
            subj = [c for c in t.children if c.dep_ == "nsubjpass"]
            if pcue is not None and subj and subj[0].lower_ not in ("it", "there"):
                return _np(subj[0])  # "Mr. Lee is convinced that ...": Lee believes it
            return None
        if subj:
            s = subj[0]
            if len(subj) > 1:  # "LONDON (Reuters) – The minister said": the nearest one
                s = max((x for x in subj if x.i < cur.i), key=lambda x: x.i, default=s)
            if s.lower_ in _REL_PRONOUNS and cur.dep_ == "relcl":
                return [s]  # PolNeAR marks the pronoun; the actor comes from the antecedent
            if s.lower_ == "there" or (s.lower_ == "it" and not allow_it):
                return None
            return _after_dateline(_np(s))
        if cur is t and t.dep_ == "ROOT":
            adj = _adjacent_name(t) or _compound_subject(t)
            if adj:
                return adj
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _np(cur.head)  # "a letter saying that ...", "the man who ..."
        if lifted_conj(cur):
            cur = _first_conjunct(cur).head  # "X said A and predicted B": X predicted
            continue
        if cur.dep_ in ("conj", "xcomp") or (
            cur.dep_ == "advcl" and (cur.tag_ == "VBG" or _has_to(cur))
        ):  # "adding that ...", "met reporters to say that ..."
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head  # "sought to outdo each other in saying ..."
            continue
        if cur.dep_ == "acomp":
            cur = cur.head  # "was devoted to criticizing ...", "is eager to say ..."
            continue
        return None
    return None


_DASHES = ("–", "—", "--", "-")


def _after_dateline(toks: list[Token]) -> list[Token]:
    """A subject without the dateline the parser hung on it ("LONDON (Reuters) – The minister").

    The tokens before the last dash are a dateline when they hold a closing bracket or are
    all upper case; the subject is what follows the dash.
    """
    toks = sorted(toks, key=lambda x: x.i)
    if not toks:
        return toks
    doc = toks[0].doc
    dashes = [j for j in range(toks[0].i, toks[-1].i) if doc[j].text in _DASHES]
    if not dashes:
        return toks
    head = [x for x in doc[toks[0].i : dashes[-1]] if not x.is_space]
    words = [x for x in head if x.is_alpha]
    if any(x.text == ")" for x in head) or (words and all(x.is_upper for x in words)):
        return [x for x in toks if x.i > dashes[-1]] or toks
    return toks


def _adjacent_name(t: Token) -> list[Token] | None:
    """The run of proper-noun tokens right before ``t`` ("... and Baker said"), if any."""
    out: list[Token] = []
    i = t.i - 1
    while i >= t.sent.start and t.doc[i].pos_ == "PROPN" and t.doc[i].dep_ != "poss":
        out.insert(0, t.doc[i])
        i -= 1
    if not out or (i >= t.sent.start and t.doc[i].dep_ in ("poss", "case", "det")):
        return None  # "the Baker said": not a bare name
    return out


def _compound_subject(t: Token) -> list[Token] | None:
    """The noun run the parser hung on a root verb as its compound ("..., court records
    show."): the words right before the verb, when a noun among them is a compound of it."""
    kids = [c for c in t.children if c.i < t.i and c.dep_ in ("compound", "amod", "det", "poss")]
    if not any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in kids):
        return None
    toks = [x for c in kids for x in _subtree(c)]
    idx = sorted(x.i for x in toks)
    if idx[-1] != t.i - 1 or idx != list(range(idx[0], t.i)):
        return None
    return [t.doc[i] for i in idx]


def _antecedent(src: list[Token] | None) -> list[Token] | None:
    """The noun phrase a relative-pronoun source ("officials who said") stands for."""
    if src and len(src) == 1 and src[0].lower_ in _REL_PRONOUNS and src[0].head.dep_ == "relcl":
        return _np(src[0].head.head)
    return None


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _first_conjunct(k: Token) -> Token:
    """The first verb of the coordination ``k`` is a later conjunct of."""
    h = k.head
    while h.dep_ == "conj" and h.head.i < h.i:
        h = h.head
    return h


def _shares_perfect(k: Token, h: Token) -> bool:
    """ "said the attack had killed 12 and injured 20": a regular past form after a perfect
    ("had killed") reads as its participle, under the same "had", unless it is a cue verb
    ("... had seen it and denied that ...")."""
    return (
        k.tag_ == "VBD"
        and k.lower_.endswith("ed")
        and any(a.dep_ == "aux" and a.lemma_ == "have" for a in h.children)
        and not _verb_cue(k.lemma_.lower())
    )


def _joins_reported_clause(k: Token) -> bool:
    """Whether verb ``k`` is a later conjunct of a clause that a lexicon cue verb reports."""
    if k.dep_ != "conj" or k.pos_ not in ("VERB", "AUX") or k.i < k.head.i:
        return False
    h = _first_conjunct(k)  # "A and B and predicted that C": A
    return (
        (h.dep_ == "ccomp" or _that_advcl(h))
        and h.head.pos_ in ("VERB", "AUX")
        and _verb_cue(h.head.lemma_) is not None
    )


def lifted_conj(k: Token) -> bool:
    """Whether ``k`` is a second report of the speaker whose reported clause it is joined to.

    "X said (that) A and predicted that B": the parser attaches "predicted" as a conjunct of
    A's verb; a subjectless lexicon cue verb that governs a clause of its own there belongs to
    the matrix speaker, not to A (its content is cut out of A and its source is X).
    """
    if not _joins_reported_clause(k):
        return False
    h = _first_conjunct(k)  # "A and B and predicted that C": A
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in k.children):
        return False
    if (
        k.tag_ in _FINITE
        and k.tag_ == h.head.tag_
        and h.tag_ not in _FINITE
        and not _shares_perfect(k, h)
    ):
        # agrees with the report, not with the reported clause ("says he'd sit X down and
        # thanks the crowd"): the matrix speaker's next act
        return True
    kids = list(k.children)
    if _phrase_cue(k) is not None:  # "... and called on Y to do the same"
        return any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep") for c in kids)
    if not _verb_cue(k.lemma_.lower()):
        return False
    return any(c.dep_ == "ccomp" for c in kids) or (
        any(c.dep_ == "dobj" for c in kids)
        and any(
            c.dep_ in ("oprd", "ccomp", "xcomp")
            or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))
            for c in kids
        )
    )


def _that_advcl(c: Token) -> bool:
    """A reported clause parsed as an adverbial clause with "that" as its adverb ("tweeted in
    the early hours that X was a con"); a clause of purpose or time does not open with it."""
    return (
        c.dep_ == "advcl"
        and c.left_edge.lower_ == "that"
        and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
    )


def _conjoined_report(k: Token) -> bool:
    """Whether ``k`` is another speaker's report conjoined to a reported clause.

    "Officials said that the inquiry was not complete, and aid agencies warned that ...": the
    parser attaches "warned" as a conjunct of the reported clause; a lexicon cue verb with a
    subject of its own (a noun, not a pronoun: "... and he feels they can still win" goes on
    with the same speaker) and a clause of its own is a separate report, not part of the
    first. A second "that" ("said A and that B") keeps it in the first report.
    """
    if not _joins_reported_clause(k):
        return False
    kids = list(k.children)
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in kids):
        return False
    if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in kids):
        return False
    return _separate_report(k) and any(c.dep_ == "ccomp" for c in kids)


def _cut_lifted(toks: list[Token]) -> list[Token]:
    """Content tokens without the lifted conjuncts (:func:`lifted_conj`), the reports of
    other speakers conjoined to them (:func:`_conjoined_report`) and their "and"."""
    have = {x.i for x in toks}
    cut: set[int] = set()
    for x in toks:
        if x.i in have and (lifted_conj(x) or _conjoined_report(x)):
            cut.update(y.i for y in _subtree(x))
            for c in x.head.children:  # the conjunction / comma right before the conjunct
                if (
                    c.dep_ in ("cc", "punct")
                    and x.head.i < c.i < x.i
                    and all(
                        x.head.doc[j].dep_ in ("cc", "punct") for j in range(c.i, x.left_edge.i)
                    )
                ):
                    cut.add(c.i)
    return [x for x in toks if x.i not in cut] if cut else toks


def _np(t: Token) -> list[Token]:
    """A noun phrase without its relative clauses and clausal modifiers, and without a
    conjunction that joins no noun ("Lee, the spokesman, repeated that A and said B": the
    parser may hang the "and" of the two verbs on the subject)."""
    kids = list(t.children)
    skip = {c.i for c in kids if c.dep_ in ("relcl", "acl", "punct")}
    skip |= {
        c.i
        for c in kids
        if c.dep_ == "cc" and not any(d.dep_ == "conj" and d.i > c.i for d in kids)
    }
    return _subtree(t, skip)


def _cue_tokens(t: Token) -> list[Token]:
    """The cue verb with the auxiliaries and negation right before it and its particle."""
    toks = [t]
    left = [c for c in t.children if c.i < t.i and c.dep_ in ("aux", "auxpass", "neg")]
    for c in sorted(left, key=lambda c: -c.i):
        if c.i == toks[0].i - 1:
            toks.insert(0, c)
    for c in t.children:
        if c.dep_ == "prt" and c.i == t.i + 1:
            toks.append(c)
    return toks


def _comma_tag(t: Token) -> bool:
    """Whether a verb the parser made a conjunct is a speaker tag after its content: only a
    comma joins it ("A remains committed, his aide, Tad Devine, told CNN."), no "and"."""
    if any(c.dep_ in ("cc", "preconj") and t.head.i < c.i < t.i for c in t.head.children):
        return False
    if not any(c.dep_ == "nsubj" and c.i < t.i for c in t.children):
        return False  # the speaker must be its own subject, not the sentence's
    left = t.left_edge.i
    return left > 0 and t.doc[left - 1].text == "," and left > t.head.i


_PERSONAL = frozenset(("me", "you", "him", "her", "us", "them"))


def _person(t: Token) -> bool:
    """Whether a noun phrase head names a person or group one speaks to ("him", "Lee")."""
    return t.lower_ in _PERSONAL or t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP")


#: stances a negated cue gives up ("did not deny", "has not confirmed", "did not say when");
#: believe, expect, plan and estimate keep theirs ("does not think X" holds that not X)
_DECLINABLE = ("assert", "confirm", "allege", "deny", "question")
#: verbs of refusing: with a verb of speech they are a non-answer ("declined to comment")
_REFUSE = ("decline", "refuse")


def _stance_of(t: Token, cue: Cue) -> str:
    """The stance of cue verb ``t``: the lexicon's, or ``decline`` for a non-answer: a negated
    report ("Minsk has not commented", "did not deny"), a report of nothing ("offered no
    evidence", "not a single piece of evidence"), a refusal to speak ("declined to comment")
    and the report refused ("declined to deny that ...": no denial)."""
    if cue.stance in _DECLINABLE and any(c.dep_ == "neg" for c in t.children):
        return "decline"
    if any(  # "offered no evidence", "gave no details", "offered not a single piece of ..."
        c.dep_ == "dobj"
        and any((d.dep_ == "det" and d.lower_ == "no") or d.dep_ == "neg" for d in c.children)
        for c in t.children
    ):
        return "decline"
    if refuses_to_speak(t):
        return "decline"
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in _REFUSE and _verb_cue(t.lemma_.lower()):
        return "decline"
    return cue.stance


def refuses_to_speak(t: Token) -> bool:
    """Whether ``t`` is a verb of refusing that governs a verb of the cue lexicon ("declined
    to comment", "refused to say", "declined to deny"): a non-answer, not a rejection."""
    return t.lemma_.lower() in _REFUSE and any(
        c.dep_ == "xcomp" and _verb_cue(c.lemma_.lower()) for c in t.children
    )


def _withheld_grant(t: Token, cue: Cue) -> bool:
    """Whether a verb of denial refuses a thing, not a claim: "denied him entry", "it was
    refused overflight permission" (a recipient, or a passive with an object)."""
    if cue.stance != "deny":
        return False
    kids = list(t.children)
    if any(c.dep_ in ("dative", "iobj") for c in kids):
        return True
    return any(c.dep_ == "nsubjpass" for c in kids) and any(c.dep_ == "dobj" for c in kids)


def wants_anonymity(content: list[Token]) -> bool:
    """Whether a report's content is only its source's wish to stay unnamed ("who asked not to
    be named", "declined to be identified", "spoke on condition of anonymity")."""
    if any(x.lemma_.lower() == "anonymity" for x in content[:4]):
        return True
    inside = {x.i for x in content}
    root = next((x for x in content if x.head.i not in inside or x.head.i == x.i), None)
    return (
        root is not None
        and root.lemma_.lower() in ("name", "identify", "quote")
        and any(c.dep_ == "auxpass" for c in root.children)
        and len(content) <= 6
    )


def _separate_report(k: Token) -> bool:
    """Whether a clause hung on a cue verb is a report of its own: a lexicon cue verb with
    its own subject ("... said A, and three-quarters said B")."""
    return _verb_cue(k.lemma_.lower()) is not None and any(c.dep_ == "nsubj" for c in k.children)


#: what may stand between a passive cue's auxiliary and its verb ("is widely seen as")
_PRE_CUE = frozenset(("aux", "auxpass", "neg", "advmod"))


def _passive_judgement(t: Token) -> list[Token] | None:
    """ "The bridge is widely seen as a symbol", "Rail was deemed too slow": a passive cue
    verb with a predicate after it reports the judgement of its subject, so both are content
    (the subject alone would leave out what is said of it)."""
    kids = list(t.children)
    subj = [c for c in kids if c.dep_ == "nsubjpass"]
    if (
        not subj
        or subj[0].lower_ == "there"
        or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in kids)
    ):
        return None
    preds = [
        c
        for c in kids
        if c.i > t.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"))
    ]
    if not preds or (preds[0].dep_ == "prep" and not any(preds[0].children)):
        return None
    return _subtree(subj[0]) + _subtree(preds[0])


#: verbs whose object and the predicate after it are a judgement ("called X “a disgrace”",
#: "found the plan “unworkable”"); an addressee ("told the council “...”") is no part of it
_JUDGING_VERBS = frozenset(("call", "consider", "find"))


def _quoted_judgement(obj: Token) -> list[Token] | None:
    """ "called the ruling “a total joke,” and left": a short quoted judgement right after
    the object's head that the parser hung inside the object (an apposition, a modifier) or on
    the verb; the object up to the closing quote mark is the content."""
    doc = obj.doc
    sent = obj.sent
    end = max(x.i for x in _subtree(obj))
    opening = next(
        (x for x in doc[obj.i + 1 : min(end + 2, sent.end)] if x.text in _OPEN_TOKENS),
        None,
    )
    if opening is None:
        return None
    closing = next(
        (x for x in doc[opening.i + 1 : min(opening.i + 12, sent.end)] if x.text in _CLOSE_TOKENS),
        None,
    )
    if closing is None or closing.i == opening.i + 1:
        return None
    return list(doc[obj.left_edge.i : closing.i + 1])


def _content_of_verb(t: Token, cue: Cue) -> tuple[list[Token], str] | None:
    """Content tokens of a cue verb and how they were found (ccomp/xcomp/dobj)."""
    kids = list(t.children)
    for dep in ("ccomp", "xcomp"):
        cs = [c for c in kids if c.dep_ == dep]
        if cs:
            # the clauses after the verb, from the first on; with none after it, the fronted
            # one ("A, he said")
            after = [c for c in cs if c.i > t.i]
            if not after and any(k.dep_ == "oprd" and k.i > t.i for k in kids):
                continue  # "A - he called her “weak”": the judgement after the verb is its report
            c = after[0] if after else cs[-1]
            if dep == "xcomp" and c.pos_ not in ("VERB", "AUX"):
                continue
            toks = _subtree(c)
            for k in after[1:] if dep == "ccomp" else ():
                if _separate_report(k):
                    break  # "said A, and C said B": C's own report
                toks += _subtree(k)
            if dep == "ccomp":  # "said A, but that B": a second reported clause of the verb
                for k in kids:
                    if (
                        k.dep_ == "conj"
                        and k.i > c.i
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
                    ):
                        toks += _subtree(k) + [
                            x for x in kids if x.dep_ == "cc" and c.i < x.i < k.i
                        ]
            return toks, dep
    # "asked workers if they planned to come": the question parsed as an adverbial clause
    own = _verb_cue(t.lemma_.lower())
    if own is not None and own.stance == "question":
        for c in kids:
            if (
                c.dep_ == "advcl"
                and c.i > t.i
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
            ):
                return _subtree(c), "ccomp"
    for c in kids:  # "tweeted in the early hours that Machado was a con"
        if c.i > t.i and _that_advcl(c):
            return _subtree(c), "ccomp"
    # "said at a news conference that he may wait": the reported clause parsed as a relative
    # clause of the noun before it; a relative clause has no "that" of its own plus a subject
    for p in kids:
        if p.dep_ != "prep" or p.i < t.i:
            continue
        for n in p.children:
            for r in n.children if n.dep_ == "pobj" else ():
                if (
                    r.dep_ == "relcl"
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in r.children)
                ):
                    return _subtree(r), "ccomp"
    # "called for the minister to resign": a for-to clause parsed as an adverbial clause
    for c in kids:
        if (
            c.dep_ == "advcl"
            and c.i > t.i
            and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == t.i + 1 for m in c.children)
            and _has_to(c)
        ):
            return [x for x in _subtree(c) if x.i != t.i + 1], "ccomp"
    # "said: ..." parsed as parataxis after a colon
    for c in kids:
        if c.dep_ == "parataxis" and c.i > t.i and any(x.text == ":" for x in t.doc[t.i : c.i]):
            return _subtree(c), "ccomp"
    objs = [c for c in kids if c.dep_ == "dobj"]
    if own is not None and own.stance == "question" and not objs:
        about = [c for c in kids if c.dep_ == "prep" and c.lower_ == "about" and c.i > t.i]
        pobj = [x for p in about for x in p.children if x.dep_ in ("pobj", "pcomp")]
        if pobj:  # "(When) asked about the budget gap, ...": what the question is about
            return _subtree(pobj[0]), "dobj"
    if own is not None and own.stance == "question" and objs and _person(objs[0]):
        # "asked Trump about the plan": Trump is asked, the plan is what the question is about
        about = [c for c in kids if c.dep_ == "prep" and c.lower_ == "about" and c.i > objs[0].i]
        pobj = [x for p in about for x in p.children if x.dep_ in ("pobj", "pcomp")]
        return (_subtree(pobj[0]), "dobj") if pobj else None
    oprd = [c for c in kids if c.dep_ == "oprd" and objs and c.i > objs[0].i]
    if cue.needs != "any" and oprd:  # "called her a liar": a judgement of the object
        return _subtree(objs[0]) + _subtree(oprd[0]), "dobj"
    # "called Trump a liar" with the object parsed inside the predicate: the small clause
    small = [c for c in kids if c.dep_ == "oprd" and c.i > t.i and c.left_edge.i == t.i + 1]
    if cue.needs != "any" and small and not objs and small[0].left_edge.i < small[0].i - 1:
        return _subtree(small[0]), "dobj"
    if cue.needs != "any" and objs and t.lemma_.lower() in _JUDGING_VERBS:
        quoted = _quoted_judgement(objs[0])
        if quoted:
            return quoted, "dobj"
    if cue.needs == "any":
        if objs and objs[0].lower_ not in ("it", "this", "that", "so", "nothing", "anything"):
            toks = _subtree(objs[0])
            if t.lemma_.lower() in _STATE_VERBS:  # "the poll showed Lee 16 points ahead"
                for p in kids:
                    if p.i > objs[0].i and p.dep_ in _SMALL_CLAUSE:
                        toks += _subtree(p)
                return toks, "dobj"
            for p in kids:  # accused Y of Z / blamed Y for Z / saw Y as Z / called Y Z
                if p.i > objs[0].i and (
                    (p.dep_ == "prep" and p.lower_ in ("of", "for", "as"))
                    or p.dep_ in ("oprd", "xcomp", "ccomp")
                ):
                    toks += _subtree(p)
            return toks + _object_tail(t, toks), "dobj"
        preps = [c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for", "about")]
        if preps and cue.pos == "verb" and t.lemma_ in ("accuse", "blame", "warn", "complain"):
            return _subtree(preps[0]), "dobj"
    return None


#: prepositions that, right after a reported object, usually belong to what is reported
#: ("likened the senator to a salesman", "confused the mayor with her deputy", "defended the
#: budget against attacks")
_OBJECT_TAIL_PREPS = frozenset(("to", "with", "against", "over", "from"))


def _is_to_infinitive(k: Token) -> bool:
    """A bare verb with its own "to": "calls to step down"."""
    return k.tag_ == "VB" and _has_to(k)


def _object_tail(t: Token, toks: list[Token]) -> list[Token]:
    """The words the parser hung on the cue verb that go on what its object reports.

    Right after the object (nothing between), a phrase of :data:`_OBJECT_TAIL_PREPS`
    ("likened the senator to a salesman"), a to-infinitive ("resisted calls to step down") or
    a second object ("offered the mayor a seat") is part of the reported matter; other
    phrases there ("in Iowa", "on Monday", "by name") are as often the circumstances of
    saying, and stay out. Measured on PolNeAR's training half, where annotators included
    such a phrase 27 times of 31 ("to"), 16 of 18 (to-infinitive) and 7 of 8 (object).
    """
    end = max(x.i for x in toks)
    nxt = next((k for k in t.children if k.i > end), None)
    if nxt is None or nxt.left_edge.i != end + 1:
        return []
    if (
        (nxt.dep_ == "prep" and nxt.lower_ in _OBJECT_TAIL_PREPS)
        or (nxt.dep_ == "advcl" and _is_to_infinitive(nxt))
        or nxt.dep_ == "dobj"
    ):
        return _subtree(nxt)
    return []


def _stray_conjuncts(t: Token, toks: list[Token], how: str) -> list[Token]:
    """Content with the later conjuncts the parser hung on the cue verb instead of on it.

    "She wants to triple X, grow Y and create Z": "grow" and "create" are parsed as
    conjuncts of "wants", yet their form (a bare infinitive where the cue is finite, a
    gerund after a gerund object, a name after a noun object) cannot agree with the cue
    verb; they are more of what is wanted. A conjunct with a subject, an auxiliary or a
    negation of its own, one that agrees with the cue ("said A and left") or one that
    carries a clause ("and then a vote, declaring that ...") stays out.
    """
    if not toks:
        return toks
    have = {x.i for x in toks}
    head = min((x for x in toks if x.head.i not in have or x.head.i == x.i), key=lambda x: x.i)
    end = max(have)
    first = t.doc[min(have)]
    extra: list[Token] = []
    for k in t.children:
        if k.i <= end or k.dep_ not in ("conj", "dep"):
            continue
        between = t.doc[end + 1 : k.left_edge.i]
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "neg") for c in k.children):
            break
        if any(
            x.dep_ not in ("cc", "punct") and x.lower_ != "then" or x.lower_ == "but"
            for x in between
        ):
            break
        if k.tag_ == "VB" and head.tag_ == "VB" and t.tag_ != "VB":
            pass  # "wants to triple X, grow Y"
        elif (
            how in ("dobj", "xcomp")
            and k.tag_ == "VBG"
            and "VBG" in (head.tag_, first.tag_)
            and t.tag_ != "VBG"
        ):
            pass  # "mentioned refinancing loans and forcing universities to ..."
        elif (
            how == "dobj"
            and k.pos_ == "PROPN"
            and head.pos_ in ("NOUN", "PROPN")
            and k.dep_ == "conj"
            and not any(x.pos_ in ("VERB", "AUX") for x in k.subtree)
        ):
            pass  # "views Obama, Clinton, and Paul Ryan more favorably"
        else:
            break
        extra += [*between, *_subtree(k)]
        end = max(x.i for x in extra)
    return toks + extra if extra else toks


_NOUN_PREPS = ("of", "about", "on", "for", "against", "over", "to")


#: nouns whose "that" clause is the writer's own (a fact, a sign, a chance), not anybody's
#: report: "the fact that the port reopened", "a sign that prices are easing"
_WRITERS_NOUNS = frozenset(
    ("fact", "evidence", "sign", "proof", "case", "extent", "possibility", "chance", "risk")
    + ("likelihood", "probability", "danger")
)


def _noun_content(t: Token) -> list[Token] | None:
    """Content of a cue noun without a "that" clause: "his promise to cut taxes" (the
    infinitive), "her criticism of the plan" (the prepositional object, without "of")."""
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and c.i > t.i and c.pos_ in ("VERB", "AUX") and _has_to(c):
            return _subtree(c)
    own = load_cues().get((t.lemma_.lower(), "noun"))
    for c in t.children:
        if c.dep_ == "prep" and c.i > t.i and c.lower_ in _NOUN_PREPS:
            if c.lower_ == "to" and (own is None or own.stance != "believe"):
                continue  # "her remarks to reporters": whom she spoke to, not what she said
            objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if objs:
                return _subtree(objs[0])
    return None


#: what opens a trailing aside: a comma or a dash (a hyphen spaced as a dash too)
_TAIL_PUNCT = frozenset((",", *_DASHES))
#: words that open a concessive aside (", although ...", ", despite ...", ", even as ...")
_CONCESSIVE = frozenset(("although", "though", "despite", "while", "whereas", "even"))


def _trim_tail(toks: list[Token]) -> list[Token]:
    """Reported content without a trailing non-restrictive clause in the writer's voice.

    "He said he would seek a recount in Ohio, where he trailed narrowly": the comma-led
    relative clause (", where ...", ", which are issued ...", ", for whom ..."), participle
    (", leaving ...") or concessive aside (", although he refused to ...", "— despite ...")
    that closes the span is the writer's background, not the speaker's words (PolNeAR leaves
    it out of the content); so are an appositive ("vowed to repeal the water tax, a levy
    that ...") and a noun phrase after a dash ("dismissed the report as a “work of fiction”
    — a phrase he has used before").
    """
    toks = sorted(toks, key=lambda x: x.i)
    if len(toks) < 4:
        return toks
    have = {x.i for x in toks}
    last = toks[-1].i
    for x in toks:
        if x.i - 1 not in have or x.doc[x.i - 1].text not in _TAIL_PUNCT:
            continue
        if x.doc[x.i - 1].text in _DASHES and x.tag_ == "DT":
            # "... as a “work of fiction” — a phrase he has used before": the writer's comment
            clause = next(
                (a for a in x.ancestors if a.left_edge.i == x.i and a.pos_ in ("NOUN", "PROPN")),
                None,
            )
            if clause is None:
                continue
        elif (x.dep_ == "appos" and x.doc[x.i - 1].text == ",") or (
            x.tag_ == "DT" and x.head.dep_ == "appos" and x.head.left_edge.i == x.i
        ):
            # "... the water tax, a levy that farmers have long opposed": the writer's gloss
            clause = x if x.dep_ == "appos" else x.head
            if clause.head.i not in have:
                continue
        elif x.dep_ == "advcl" and x.tag_ == "VBG":
            clause = x
        elif x.lower_ in _CONCESSIVE and x.dep_ in ("mark", "prep", "advmod"):
            clause = x if x.dep_ == "prep" else x.head  # ", although he refused to ..."
        else:  # the relative clause that this comma opens
            clause = next(
                (a for a in (x, *x.ancestors) if a.dep_ == "relcl" and a.left_edge.i == x.i),
                None,
            )
            if clause is None or clause.head.i not in have:
                continue
        sub = [y.i for y in _subtree(clause)]
        if min(sub) >= x.i and max(sub) >= last - 1 and min(sub) > toks[0].i + 2:
            return [y for y in toks if y.i < x.i - 1]
    return toks


#: entity types of a prepositional object that give the circumstances of speaking
_CIRCUMSTANCE = ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "QUANTITY", "ORDINAL")


def _points_elsewhere(toks: list[Token]) -> bool:
    """Content that only points at words elsewhere: a lone demonstrative ("worried about
    that", "This is tweeted") or a cataphoric "the following statement" (its quote, after
    the colon, is attributed as a quote)."""
    words = [x for x in toks if not x.is_punct]
    if len(words) == 1 and words[0].lower_ in ("this", "that", "these", "those"):
        return True
    return (
        1 < len(words) <= 3 and words[0].lower_ in ("the", "a") and words[1].lower_ == "following"
    )


def _drop_prep(toks: list[Token]) -> list[Token]:
    """A prepositional complement without its preposition: "talked about X" has content X.

    PolNeAR's content spans start after the preposition; a lone preposition is kept.
    """
    toks = sorted(toks, key=lambda x: x.i)
    return toks[1:] if len(toks) > 1 and toks[0].dep_ == "prep" else toks


#: verbs that report a state of things with an object and its predicate ("polls show Lee
#: ahead of Ray", "the audit found the books in order"): what follows the object is content
_STATE_VERBS = ("show", "find", "see")
_SMALL_CLAUSE = ("prep", "advmod", "npadvmod", "advcl", "acomp", "oprd", "xcomp", "ccomp", "dep")


def _fronted_report(t: Token) -> list[Token] | None:
    """ "The port reopened on Monday, officials said.": the parser made the reported clause a
    first subject of the cue (its verb a reduced relative) and the speaker a second one; the
    content is what precedes the comma before the speaker."""
    subj = [c for c in t.children if c.dep_ == "nsubj" and c.i < t.i]
    if len(subj) < 2:
        return None
    start = min(x.i for x in _subtree(subj[-1]))
    if start == 0 or t.doc[start - 1].text != ",":
        return None
    toks = [x for x in t.sent if x.i < start - 1]
    return toks if len(toks) >= 3 else None


def _sentence_rest(t: Token, sent: Span) -> list[Token]:
    """The sentence without the cue's own clause: content of a parenthetical cue."""
    skip = {t.i}
    own = set(x.i for x in _subtree(t))
    return [x for x in sent if x.i not in own and x.i not in skip]


def _experiencer_cue(t: Token) -> Cue | None:
    """The lexicon's "be convinced"-type cue of a passive participle: its subject believes."""
    cue = _phrase(f"be {t.lower_}")
    return cue if cue is not None and cue.notes.startswith("experiencer") else None


def _phrase_cue(t: Token) -> tuple[Cue, list[Token]] | None:
    """A multiword verb cue ("point out", "call for", "rule out") headed by ``t``."""
    for c in t.children:
        if c.dep_ in ("prt", "prep") and c.i == t.i + 1:
            cue = _phrase(f"{t.lemma_} {c.lower_}")
            if cue:
                return cue, [t, c]
    return None


# --------------------------------------------------------------------------- learned cue model

#: Weights of the cue classifier (logistic regression over the features of
#: :func:`cue_features`), trained on PolNeAR *train* by ``python -m claimgraph.train_attribution``.
MODEL_FILE = "attribution_cue_model.json"
USE_MODEL = True
_ANY = Cue("", "verb", "assert", "any")
_COMP_PREPS = ("about", "of", "for", "to", "on", "against", "over", "with", "like", "in")
#: verbs whose quoted words usually sit around them ("“...,” she said of X"): a prepositional
#: object is not their content
_QUOTE_VERBS = ("say", "add", "tell", "write", "ask", "continue", "explain", "note")
#: raising verbs: "X seemed to lose" marks "X ... to lose" as the (sourceless) content
_RAISING = ("seem", "appear")
#: words that open an adverbial clause of time, condition or cause: a cue verb in one is no
#: parenthetical report of the sentence ("as he said, ..." still is)
_SUBORDINATORS = frozenset(
    ("when", "whenever", "after", "before", "if", "because", "while", "since", "until", "once")
    + ("although", "though", "unless", "whether")
)
#: entity types of a source whose "is going to" announces a plan: a state, an organisation
_INSTITUTIONS = ("GPE", "ORG", "NORP")


@dataclass(frozen=True, slots=True)
class CueModel:
    """A linear cue classifier: ``P(cue) = sigmoid(bias + sum of feature weights)``."""

    weights: dict[str, float]
    bias: float
    threshold: float  # at or above: a verb outside the lexicon becomes a cue
    floor: float  # below: a lexicon verb is not taken as a cue in this context
    meta: dict[str, Any] = field(default_factory=dict)
    #: the cut for a verb outside the lexicon whose content is its direct object ("unloaded
    #: crates" is rarely a report, "praised the plan" often is); None: ``threshold``
    threshold_object: float | None = None

    def cut(self, how: str) -> float:
        """The probability a verb outside the lexicon needs to become a cue, by how its
        content was found (:func:`complement`)."""
        if how == "dobj" and self.threshold_object is not None:
            return self.threshold_object
        return self.threshold

    def prob(self, feats: list[str]) -> float:
        """Probability that the candidate with features ``feats`` is an attribution cue."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_cue_model() -> CueModel | None:
    """The shipped cue model (``data/attribution_cue_model.json``), or None without one."""
    path = resources.files("claimgraph") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(
        data["weights"],
        data["bias"],
        data["threshold"],
        data["floor"],
        data.get("meta", {}),
        data.get("threshold_object"),
    )


def complement(t: Token) -> tuple[list[Token], str] | None:
    """What a candidate cue verb governs, as ``(tokens, how)``.

    ``how`` is ccomp, xcomp, dobj, ``prep`` ("talked about X") or ``rest`` (a parenthetical
    "..., she said" or "X, she said, is ..."): the rest of the sentence.
    """
    found = _content_of_verb(t, _ANY)
    if found:
        return found
    for c in t.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in _COMP_PREPS
            and c.i > t.i
            and any(x.dep_ in ("pobj", "pcomp") for x in c.children)
        ):
            return _subtree(c), "prep"
    if (t.dep_ in ("parataxis", "advcl", "conj") and t.head.i < t.i) or (
        t.dep_ == "parataxis" and t.head.i > t.i
    ):
        return _sentence_rest(t, t.sent), "rest"
    fronted = _fronted_report(t)
    if fronted:
        return fronted, "rest"
    subj = [c for c in t.children if c.dep_ == "nsubjpass"]
    if subj and subj[0].lower_ not in ("it", "there"):
        return _np(subj[0]), "subjpass"  # "The plan was approved (by X)": what is judged
    return None


def _subject_kind(t: Token) -> tuple[str, str]:
    """A coarse class of the candidate's subject and its lower-cased head word."""
    src = _source_tokens(t)
    if not src:
        return "none", ""
    heads = [x for x in src if x.head not in src or x.head.i == x.i]
    head = heads[0] if heads else src[0]
    if head.lower_ in _REL_PRONOUNS:
        return "rel", head.lower_
    if head.pos_ == "PRON":
        return "pron", head.lower_
    if head.ent_type_:
        return "ent_" + head.ent_type_, ""
    if head.pos_ == "PROPN":
        return "propn", ""
    return "noun", head.lemma_.lower()


def cue_features(t: Token, comp: tuple[list[Token], str] | None) -> list[str]:
    """Features of a candidate cue verb ``t`` with its complement ``comp``."""
    lemma = t.lemma_.lower()
    how = comp[1] if comp else "none"
    cue = _verb_cue(lemma)
    skind, sword = _subject_kind(t)
    feats = [
        f"l={lemma}",
        f"l={lemma}|c={how}",
        f"c={how}",
        f"dep={t.dep_}",
        f"tag={t.tag_}",
        f"c={how}|dep={t.dep_}",
        f"lex={cue.stance if cue else 'none'}",
        f"lex={cue.needs if cue else 'none'}|c={how}",
        f"s={skind}",
        f"s={skind}|c={how}",
        f"l={lemma}|s={skind}",
    ]
    if sword:
        feats.append(f"sw={sword}")
    kids = list(t.children)
    if any(c.dep_ == "neg" for c in kids):
        feats.append("neg")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in kids):
        feats.append("pass")
        feats.append(f"l={lemma}|pass")
    if t.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp"):
        feats.append(f"h={t.head.lemma_.lower()}|dep={t.dep_}")
    if comp:
        toks = comp[0]
        if how in ("ccomp", "xcomp"):
            root = next((x for x in toks if x.head not in toks or x.head.i == x.i), None)
            marks = [c.lower_ for c in root.children if c.dep_ in ("mark", "aux")] if root else []
            wh = [x.lower_ for x in toks[:3] if x.tag_ in ("WDT", "WP", "WRB")]
            feats.append(f"m={(marks or wh or ['none'])[0]}|c={how}")
        if how == "prep":
            feats.append(f"l={lemma}|p={toks[0].lower_}")
        if any(x.text in _QUOTE_CHARS or x.text == "''" for x in toks):
            feats.append("quote")
        feats.append(f"len={min(len(toks) // 4, 6)}")
    if _sent_has_quote(t):
        feats.append("sent_quote")
    return feats


def _sent_has_quote(t: Token) -> bool:
    """Whether ``t``'s sentence has a quote mark; cached per sentence in the doc's
    ``user_data``, since every cue of a sentence asks."""
    sent = t.sent
    cache = t.doc.user_data.setdefault("claimgraph_quote_sents", {})
    if sent.start not in cache:
        cache[sent.start] = any(x.text in _QUOTE_CHARS or x.text == "''" for x in sent)
    return cache[sent.start]


def cue_probability(t: Token, comp: tuple[list[Token], str] | None) -> float | None:
    """The cue model's probability for verb ``t`` (None when no model is shipped)."""
    model = load_cue_model()
    return model.prob(cue_features(t, comp)) if model is not None else None


def lexicon_verb(t: Token) -> Cue | None:
    """The lexicon's cue for verb ``t``: a multiword cue it heads, else its lemma's entry."""
    ph = _phrase_cue(t)
    if ph:
        return ph[0]
    if t.lemma_ == "go":
        return _phrase("be going to")
    return _verb_cue(t.lemma_.lower())


def is_candidate(t: Token) -> bool:
    """Whether a token is a candidate cue verb for the model (a content verb, not an aux)."""
    return t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass"))


#: prepositions that take the object of an attitude adjective ("skeptical of", "angry at",
#: "open to", "interested in", "impressed by")
_ADJ_PREPS = frozenset(
    ("of", "about", "with", "on", "over", "to", "toward", "towards", "for", "in", "at", "by")
)


def _adjective_draft(t: Token, par: Paragraph, pidx: int) -> _Draft | None:
    """An attitude held by the subject of a copula: "voters are skeptical of the deal", "she
    was confident that he would win", "he seemed eager to talk" (cue: the copula, the
    adjective and its preposition; content: the clause or the prepositional object)."""
    if t.dep_ not in ("acomp", "oprd") or t.head.pos_ not in ("VERB", "AUX") or t.head.i > t.i:
        return None
    if t.head.lemma_ == "make":
        return None  # "made sure that", "make certain": an act, not an attitude
    acue = load_cues().get((t.lemma_.lower(), "adj"))
    if acue is None:
        return None
    kids = [c for c in t.children if c.i > t.i]
    content: list[Token] = []
    cue_end = t
    clause = [c for c in kids if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    if clause:
        content = _subtree(clause[0])
    else:
        for p in kids:
            if p.dep_ == "prep" and p.lower_ in _ADJ_PREPS:
                objs = [x for x in p.children if x.dep_ in ("pobj", "pcomp")]
                if objs:
                    content, cue_end = _subtree(objs[0]), p
                break
    base = par.start
    cspan = _span_chars(content, base)
    if cspan is None or _points_elsewhere(content):
        return None
    src = _source_tokens(t.head)
    cue_start = _cue_tokens(t.head)[0]
    return _Draft(
        cspan,
        (base + cue_start.idx, base + cue_end.idx + len(cue_end.text)),
        _span_chars(src, base) if src else None,
        "indirect",
        acue.stance,
        par.segment,
        pidx,
        lemma=t.lemma_.lower(),
        content_head=base + min(content, key=lambda x: x.i).idx,
    )


# --------------------------------------------------------------------------- per paragraph


def _answer(t: Token) -> tuple[list[Token], str] | None:
    """The short answer a verb of saying reports: "58 percent said yes", "the governor said
    no", "half said so", "31 percent said the same"."""
    doc = t.doc
    for c in t.children:
        if c.i == t.i + 1 and (
            (c.dep_ == "intj" and c.lower_ in ("yes", "no"))
            or (c.dep_ == "advmod" and c.lower_ == "so")
        ):
            toks = _subtree(c)  # "said yes, yes, yes": the answer repeated
            for k in t.children:
                end = max(x.i for x in toks)
                if (
                    k.i > end
                    and k.dep_ == "intj"
                    and k.lower_ == c.lower_
                    and all(x.is_punct for x in doc[end + 1 : k.i])
                ):
                    toks += _subtree(k)
            return toks, "dobj"
        if c.lower_ == "same" and c.i == t.i + 2 and doc[t.i + 1].lower_ == "the":
            return _subtree(c), "dobj"
    return None


#: heads of a subject that counts people ("a majority of voters", "half said")
_COUNT_NOUNS = frozenset(("majority", "minority", "percent", "share", "half", "third", "quarter"))


def _counted_subject(t: Token) -> bool:
    """Whether verb ``t``'s subject is a count of respondents ("58 percent of voters said",
    "a majority backed"): in a poll, what they said is the poll's finding."""
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    counted = any(x.ent_type_ in ("PERCENT", "CARDINAL") for x in _subtree(subj[0]))
    return counted or subj[0].lemma_.lower() in _COUNT_NOUNS


def _colon_elaboration(t: Token, toks: list[Token]) -> list[Token]:
    """ "notes that three things are happening: prices are rising, rates are low": what
    follows a colon right after the reported clause spells it out and is reported too (the
    parser often hangs it elsewhere); a quote after the colon is left to the quote rules."""
    if not toks:
        return []
    end = max(x.i for x in toks)
    sent = t.sent
    colon = end + 1
    if colon >= sent.end - 1 or t.doc[colon].text != ":" or t.i > colon:
        return []
    nxt = t.doc[colon + 1]
    if nxt.text in _OPEN_TOKENS | _CLOSE_TOKENS:
        return []
    return [x for x in t.doc[colon : sent.end] if not (x.is_punct and x.i == sent.end - 1)]


def _bare_comparison(t: Token) -> bool:
    """ "sooner than expected", "as predicted", "as mentioned above": a participle after
    "than" or "as" with no one named (no subject, no "by" agent) compares with what was
    expected in general; nobody is reported ("as described by the inspector" still is)."""
    return (
        t.tag_ == "VBN"
        and t.i > 0
        and t.doc[t.i - 1].lower_ in ("than", "as")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children)
    )


def _in_source_draft(t: Token, sent: Span, par: Paragraph, pidx: int) -> _Draft | None:
    """A sentence that opens with "In" + a cue noun of the lexicon (poll, report, statement,
    letter, ...) and a comma reports the rest of the sentence, the noun phrase as its source,
    like "according to" ("In the latest survey, the mayor gained two points"). A sentence
    whose root is a cue verb ("In a statement, the ministry said ...") is that verb's report."""
    first = next((x for x in sent if not x.is_punct), None)
    if t.dep_ != "prep" or first is None or t.i != first.i:
        return None
    pobj = [c for c in t.children if c.dep_ == "pobj"]
    ncue = load_cues().get((pobj[0].lemma_.lower(), "noun")) if pobj else None
    comma = t.right_edge.i + 1
    if ncue is None or comma >= sent.end or t.doc[comma].text != ",":
        return None
    if (
        sent.root.pos_ in ("VERB", "AUX")
        and _verb_cue(sent.root.lemma_.lower())
        and not _counted_subject(sent.root)
    ):
        return None
    rest = [x for x in sent if x.i > comma and not (x.is_punct and x.i == sent.end - 1)]
    cspan = _span_chars(rest, par.start)
    if cspan is None:
        return None
    return _Draft(
        cspan,
        (par.start + t.idx, par.start + t.idx + len(t.text)),
        _span_chars(_np(pobj[0]), par.start),
        "indirect",
        ncue.stance if ncue.stance == "estimate" else "assert",
        par.segment,
        pidx,
        lemma="in",
        content_head=par.start + sent.root.idx,
    )


#: verbs of evidence that close a sentence after a comma ("..., court records show.")
_EVIDENCE_TAIL = {
    **dict.fromkeys(("show", "shows", "showed"), "show"),
    **dict.fromkeys(("suggest", "suggests", "suggested"), "suggest"),
    **dict.fromkeys(("indicate", "indicates", "indicated"), "indicate"),
}


def _evidence_tail_draft(sent: Span, par: Paragraph, pidx: int) -> _Draft | None:
    """A sentence closed by a noun run and a verb of evidence after a comma ("The tanker had
    not sailed since May, shipping data show."), where the parser read the verb as a noun ("a
    data show"): the noun run is the source and the words before the comma what it shows."""
    words = [x for x in sent if not x.is_punct]
    if len(words) < 5:
        return None
    t = words[-1]
    if t.lower_ not in _EVIDENCE_TAIL or t.pos_ in ("VERB", "AUX"):
        return None
    doc = t.doc
    i = t.i - 1
    while i > sent.start and (
        doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PART")
        or doc[i].dep_ in ("compound", "amod")  # "shipping data"
    ):
        i -= 1
    src = doc[i + 1 : t.i]
    if doc[i].text != "," or not 1 <= len(src) <= 6:
        return None
    if doc[t.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None  # "..., their favourite shows.": a noun after all
    content = list(doc[sent.start : i])
    while content and (content[0].dep_ == "cc" or content[0].is_punct):
        content = content[1:]
    cspan = _span_chars(content, par.start)
    cue = _verb_cue(_EVIDENCE_TAIL[t.lower_])
    if cspan is None or cue is None:
        return None
    return _Draft(
        cspan,
        (par.start + t.idx, par.start + t.idx + len(t.text)),
        _span_chars(list(src), par.start),
        "indirect",
        cue.stance,
        par.segment,
        pidx,
        lemma=cue.cue,
    )


def _verb_drafts(par: Paragraph, pidx: int) -> list[_Draft]:
    """Cue-verb, noun-cue, adverb and "according to" attributions of one paragraph."""
    doc: Doc = par.doc
    base = par.start
    out: list[_Draft] = []
    cues = load_cues()
    model = load_cue_model() if USE_MODEL else None
    absorbed: set[int] = set()  # cue nouns whose governing verb joins their cue
    for sent in doc.sents:
        tail = _evidence_tail_draft(sent, par, pidx)
        if tail is not None:
            out.append(tail)
        for t in sent:
            lower = t.lower_
            # according to X, ...
            if lower == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                to = doc[t.i + 1]
                pobj = [c for c in to.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                src = _np(pobj[0])
                stance = "assert"
                ncue = cues.get((pobj[0].lemma_.lower(), "noun"))
                if ncue:
                    stance = ncue.stance
                pp = {x.i for x in _subtree(t)} | {t.i, to.i} | {x.i for x in src}
                head = t.head if t.head.i != t.i else None
                for _ in range(4):  # the clause, not a noun the parser hung the phrase on
                    if head is None or head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                        break
                    head = head.head
                while (
                    head is not None
                    and head.dep_ == "conj"
                    and head.pos_ in ("VERB", "AUX")
                    and head.head.pos_ in ("VERB", "AUX")
                ):
                    # "The mayor approved the budget, and the council cut the tax rate, according
                    # to local reports": the phrase hangs on the last clause, it reports all
                    head = head.head
                pool = _subtree(head) if head is not None else list(sent)
                content = [x for x in pool if x.i not in pp and sent.start <= x.i < sent.end]
                content.sort(key=lambda x: x.i)
                while content and (content[0].dep_ == "cc" or content[0].is_punct):
                    content = content[1:]  # "But, according to X, ...": not the source's word
                cspan = _span_chars(content, base)
                if cspan is None:
                    continue
                out.append(
                    _Draft(
                        cspan,
                        (base + t.idx, base + to.idx + len(to.text)),
                        _span_chars(src, base),
                        "indirect",
                        stance,
                        par.segment,
                        pidx,
                        lemma="according to",
                        content_head=base + (head or sent.root).idx,
                    )
                )
                continue
            if lower == "in":
                idraft = _in_source_draft(t, sent, par, pidx)
                if idraft is not None:
                    out.append(idraft)
                    continue
            if t.pos_ == "ADV" and t.dep_ == "advmod":
                acue = cues.get((lower, "adverb"))
                if acue and t.head.pos_ in ("VERB", "AUX"):
                    cspan = _span_chars([x for x in _subtree(t.head) if x.i != t.i], base)
                    if cspan:
                        out.append(
                            _Draft(
                                cspan,
                                (base + t.idx, base + t.idx + len(t.text)),
                                None,
                                "indirect",
                                acue.stance,
                                par.segment,
                                pidx,
                                lemma=lower,
                                sourceless_modal=True,
                                content_head=base + t.head.idx,
                            )
                        )
                continue
            if t.pos_ == "NOUN":
                ncue = cues.get((t.lemma_.lower(), "noun"))
                clause = [
                    c
                    for c in t.children
                    if c.dep_ in ("acl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ]
                if (
                    ncue is None
                    and clause
                    and not _verb_cue(t.head.lemma_.lower())
                    and t.lemma_.lower() not in _WRITERS_NOUNS
                ):
                    # "the idea that ...", "rumours that ...": only a noun of speech or
                    # thought takes a "that" clause as its content (a relative "that" is a
                    # subject or object of its clause, not a mark)
                    ncue = Cue(t.lemma_.lower(), "noun", "assert", "any", "content clause")
                if ncue:
                    poss = [c for c in t.children if c.dep_ in ("poss", "compound")]
                    content = _subtree(clause[0]) if clause else _noun_content(t)
                    if clause or (content and any(c.dep_ == "poss" for c in t.children)):
                        src = _np(poss[0]) if poss else None
                        cue_from = t
                        if (
                            t.dep_ == "dobj"
                            and t.head.pos_ in ("VERB", "AUX")
                            and (not poss or poss[0].pos_ == "PRON")
                        ):
                            # "Lee renewed his attacks on X", "Lee left no doubt that ...":
                            # the verb's subject speaks, verb and noun form the cue
                            vsrc = _source_tokens(t.head)
                            if vsrc:
                                src, cue_from = vsrc, t.head
                                absorbed.add(base + t.idx)
                        out.append(
                            _Draft(
                                _span_chars(content, base) or (base + t.idx, base + t.idx),
                                (base + cue_from.idx, base + t.idx + len(t.text)),
                                _span_chars(src, base) if src else None,
                                "indirect",
                                ncue.stance,
                                par.segment,
                                pidx,
                                lemma=t.lemma_.lower(),
                                content_head=base + (clause[0] if clause else content[0]).idx,
                            )
                        )
                continue
            if t.pos_ == "ADJ":
                adraft = _adjective_draft(t, par, pidx)
                if adraft is not None:
                    out.append(adraft)
                continue
            if t.pos_ not in ("VERB", "AUX") or _bare_comparison(t):
                continue
            cue = _verb_cue(t.lemma_.lower())
            if t.lemma_ == "go":
                cue = _phrase("be going to")
            cue_toks = _cue_tokens(t)
            ph = _phrase_cue(t)
            if ph:
                cue, extra = ph
                cue_toks = sorted(set(cue_toks) | set(extra), key=lambda x: x.i)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
            comp = complement(t) if model is not None and is_candidate(t) else None
            weak = False
            prob = 0.0
            if comp is not None and model is not None:
                prob = model.prob(cue_features(t, comp))
                if cue is None and comp[1] != "rest" and prob >= model.cut(comp[1]):
                    cue = Cue(t.lemma_.lower(), "verb", "assert", "any", "learned")
                elif cue is not None and prob < model.floor:
                    # kept only inside a quote or another attribution's content; a stance
                    # marker ("is expected to", "is going to") is always kept
                    weak = not (
                        cue.stance in ("expect", "plan") and (passive or cue.pos == "phrase")
                    )
            if cue is None:
                continue
            if passive:
                pcue = (
                    _phrase(f"be {t.lemma_.lower()} to")
                    or _phrase(f"be {t.lemma_.lower()}")
                    or _experiencer_cue(t)
                )
                if pcue is not None:
                    cue = pcue
            judged = _passive_judgement(t) if passive else None
            found = (judged, "dobj") if judged else _content_of_verb(t, cue)
            if judged:  # the cue is "is widely seen as": adverbs after the auxiliary, "as"
                first = cue_toks[0].i
                while (
                    first > 0 and doc[first - 1].head.i == t.i and doc[first - 1].dep_ in _PRE_CUE
                ):
                    first -= 1
                as_ = [x for x in judged if x.i == t.i + 1 and x.lower_ == "as"]
                cue_toks = [*doc[first : t.i + 1], *as_]
            if found is None and t.lemma_ in ("say", "answer", "reply"):
                found = _answer(t)
            if found is None and t.lemma_.lower() in _RAISING:
                # "the race appears closer", "X seems ready to ...": the judged predicate
                preds = [
                    c
                    for c in t.children
                    if c.i > t.i
                    and (
                        (c.dep_ in ("acomp", "attr", "oprd", "xcomp") and c.pos_ != "VERB")
                        or (c.dep_ == "advmod" and c.tag_ in ("JJ", "JJR", "RBR"))
                    )
                ]
                if preds:
                    found = (_subtree(preds[0]), "xcomp")
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if found and nxt is not None and nxt.dep_ == "mark" and nxt.lower_ == "for":
                fcue = _phrase(f"{t.lemma_.lower()} for")  # "called for X to resign"
                if fcue is not None:
                    cue, cue_toks = fcue, [*cue_toks, nxt]
            if found is None and cue.notes == "learned" and comp[1] not in ("prep", "subjpass"):
                continue  # a learned cue needs a complement of its own
            if (
                found is None
                and comp is not None
                and comp[1] in ("prep", "subjpass")
                and prob >= model.threshold
                and t.lemma_.lower() not in _QUOTE_VERBS
            ):
                found = comp  # "called for X", "talked about X", "X was approved"
                if comp[1] == "prep":
                    found = (_drop_prep(comp[0]), "prep")
                    end = max(x.i for x in comp[0])
                    as_ = [
                        c
                        for c in t.children
                        if c.dep_ == "prep" and c.lower_ == "as" and c.i == end + 1
                    ]
                    if as_:  # "referred to the protesters as “thugs”": the judgement too
                        found = (found[0] + _subtree(as_[0]), "prep")
                    head = min(found[0], key=lambda x: x.i)
                    if head.ent_type_ in _CIRCUMSTANCE or head.head.ent_type_ in _CIRCUMSTANCE:
                        found = None  # "spoke for an hour", "talked in Iowa": not what is said
                    prep = min(comp[0], key=lambda x: x.i)
                    if found and prep.dep_ == "prep" and prep.i == cue_toks[-1].i + 1:
                        cue_toks = [*cue_toks, prep]  # the cue is "talked about"
            # "is going to": a plan only with the progressive auxiliary and an xcomp
            if t.lemma_ == "go" and not (
                t.tag_ == "VBG"
                and any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children)
                and found
                and found[1] == "xcomp"
            ):
                continue
            kind = "indirect"
            src_toks = _source_tokens(
                t, allow_it=cue.notes != "learned" and t.lemma_.lower() not in _RAISING
            )
            if t.lemma_ == "go" and not (
                src_toks
                and any(x.pos_ == "PROPN" and x.ent_type_ in _INSTITUTIONS for x in src_toks)
            ):
                # "they are going to buy goods", "Clinton is going to win" are predictions, not
                # the plan of a state or an organisation ("Washington is going to impose
                # sanctions")
                continue
            content_toks: list[Token] | None = None
            head_tok: Token | None = None
            if found:
                content_toks, how = found
                content_toks = _cut_lifted(_stray_conjuncts(t, content_toks, how))
                if ph and how == "xcomp":  # "called on the council to approve the budget"
                    objs = [x for x in ph[1][1].children if x.dep_ == "pobj"]
                    if objs and objs[0].i < min(x.i for x in content_toks):
                        content_toks = _subtree(objs[0]) + content_toks
                if how in ("ccomp", "dobj", "xcomp"):
                    content_toks = _trim_tail(content_toks) + _colon_elaboration(t, content_toks)
                if _points_elsewhere(content_toks):
                    continue  # "issued the following statement:", "is concerned about that"
                inside = {x.i for x in content_toks}  # a set: sentences can be very long
                head_tok = min(
                    (x for x in content_toks if x.head.i not in inside or x.head.i == x.i),
                    key=lambda x: x.i,
                    default=None,
                )
                subj_pass = [c for c in t.children if c.dep_ == "nsubjpass"]
                if passive and how == "xcomp" and subj_pass and subj_pass[0].lower_ != "it":
                    content_toks = _subtree(subj_pass[0]) + content_toks
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                if t.lemma_.lower() in _RAISING and how == "xcomp" and found[0]:
                    xc = [c for c in t.children if c.dep_ == "xcomp"]
                    if xc and _verb_cue(xc[0].lemma_.lower()):
                        continue  # "she appeared to imply that ...": the inner cue reports
                if t.lemma_.lower() in _RAISING and how == "xcomp" and subj:
                    if subj[0].lower_ not in ("it", "there"):
                        content_toks = _np(subj[0]) + content_toks
                    src_toks = None
            elif t.dep_ in ("parataxis", "advcl", "ccomp", "conj") and t.head.i < t.i:
                if t.dep_ == "ccomp" or (t.dep_ == "conj" and not _comma_tag(t)):
                    continue  # a conjunct is not parenthetical, unless only a comma joins it
                if t.dep_ == "advcl" and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS and c.i < t.i
                    for c in t.children
                ):
                    continue  # "Back when he wrote his book, X said ...": a circumstance
                content_toks = _sentence_rest(t, sent)
                head_tok = t.head
            elif t.dep_ == "parataxis" and t.head.i > t.i:
                content_toks = _sentence_rest(t, sent)
                head_tok = t.head
            elif fronted := _fronted_report(t):
                content_toks = fronted
                head_tok = fronted[0]
            elif t.dep_ == "ROOT" or t.lemma_ in ("say", "add", "tell"):
                # "X said." with the content elsewhere (a quote before it): content empty
                if src_toks:
                    out.append(
                        _Draft(
                            (-1, -1),
                            _span_chars(cue_toks, base),
                            _span_chars(src_toks, base),
                            "direct",
                            cue.stance,
                            par.segment,
                            pidx,
                            lemma=t.lemma_.lower(),
                            source_ref=_span_chars(_antecedent(src_toks) or [], base),
                        )
                    )
                continue
            if not content_toks or wants_anonymity(content_toks) or _withheld_grant(t, cue):
                continue
            if len(content_toks) == 1 and (
                content_toks[0].tag_ in ("WDT", "WP")
                or content_toks[0].lower_.endswith(("self", "selves"))
            ):
                continue  # "to defend itself", "a claim that could not be verified": no content
            cspan = _span_chars(content_toks, base)
            if cspan is None:
                continue
            sourceless = src_toks is None and passive and cue.stance in ("expect", "plan")
            ref = _antecedent(src_toks)
            out.append(
                _Draft(
                    cspan,
                    _span_chars(cue_toks, base),
                    _span_chars(src_toks, base) if src_toks else None,
                    kind,
                    _stance_of(t, cue),
                    par.segment,
                    pidx,
                    lemma=cue.cue if cue.pos == "phrase" else t.lemma_.lower(),
                    sourceless_modal=sourceless,
                    content_head=base + head_tok.idx if head_tok is not None else None,
                    source_ref=_span_chars(ref, base) if ref else None,
                    weak=weak,
                )
            )
    # "renewed his attacks on X": one attribution (noun cue), not also "renewed" + object
    return [d for d in out if d.content_head not in absorbed or d.cue[0] >= d.content_head]


#: a transcript quoted whole opens each turn with a quote mark ('"WALLACE: Let's start.')
_TURN_QUOTE = r"^(?:[\"“]\s*)?"
_LABEL = re.compile(
    _TURN_QUOTE + r"(?P<label>(?:(?:MR|MS|MRS|DR|GEN|ADM|AMB|SEN|REP|GOV)\.\s+)?"
    r"[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,3}(?:\s+[A-Z]\.)?):\s+"
)
_QLABEL = re.compile(_TURN_QUOTE + r"(?P<label>Q)(?:[:.]\s*|\s+)(?=\S)")


def _turn_label(text: str) -> tuple[str, int, int, int] | None:
    """``(label, label_start, label_end, body_start)`` of a transcript turn paragraph."""
    m = _QLABEL.match(text) or _LABEL.match(text)
    if not m:
        return None
    return m.group("label"), m.start("label"), m.end("label"), m.end()


# --------------------------------------------------------------------------- assembly


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(x: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return x is not None and outer[0] <= x[0] and x[1] <= outer[1]


def _opens_split_quote(quoted: str) -> bool:
    """A quote that breaks off at a comma for its speaker tag: “Now that I can speak,”."""
    return quoted.rstrip().rstrip(_CLOSE + _STRAIGHT + "'").rstrip().endswith(",")


def _extent(d: _Draft) -> tuple[int, int]:
    """From the start of a draft's first content part to the end of its last (a quote
    resumed after its speaker tag, or run on into the next paragraph, has several)."""
    return (
        min([d.content[0], *(s for s, _ in d.extra_spans)]),
        max([d.content[1], *(e for _, e in d.extra_spans)]),
    )


def _tag_only_between(text: str, d: _Draft, q: _Quote) -> bool:
    """Whether nothing but ``d``'s own source and cue stand between its content and quote
    ``q`` ("A, Lee said. “B.”", "Lee said A. “B.”")."""
    end = _extent(d)[1]
    if end > q.start:
        return False
    cut = sorted(x for x in (d.source, d.cue) if x is not None and end <= x[0] and x[1] <= q.start)
    at, words = end, 0
    for s, e in cut:
        words += _word_count(text[at:s])
        at = max(at, e)
    return words + _word_count(text[at : q.start]) == 0


def _split_tag(gap: str) -> bool:
    """Words between two parts of one quoted sentence: a short speaker tag with no full stop
    of its own (“A,” Mr. Lee said in Washington, D.C., “B.”: its last mark is a comma)."""
    gap = gap.strip()
    return _word_count(gap) <= 12 and ("." not in gap or gap.endswith(","))


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


#: words a title leaves in lower case ("Orange Is the New Black", "Tales From the Crypt")
_TITLE_SMALL = frozenset(
    ("a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for")
    + ("from", "by", "with", "as", "into", "vs", "is", "are")
)


def _is_title(quoted: str) -> bool:
    """Whether quoted text reads as the title of a work or a programme: at most 12 words, all
    capitalised but small function words, no sentence inside ("“Sunday Morning Futures,”")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quoted)
    if not 2 <= len(words) <= 12 or re.search(r"[.!?]\s", quoted.strip()):
        return False
    return words[0][0].isupper() and all(
        w[0].isupper() for w in words if w.lower() not in _TITLE_SMALL
    )


#: segments of other articles or of the site: their reports are not this article's
_OTHER_SEGMENTS = ("related", "teaser", "boilerplate")
#: a site's link to another article left in the body ("Read also: X says Y")
_READ_ALSO = re.compile(
    r"^\s*(?:read|see|watch)\s+(?:also|more|next)\b|^\s*(?:also read|related(?: stories| articles?)?"
    r"|more on this)\s*[:\-–—]",
    re.I,
)


def extract(rec: ArticleRecords, ann: Annotation) -> list[_Draft]:
    """All attribution drafts of one article (before ids, nesting and actors)."""
    text = rec.text
    segs = rec.doc.segments
    pars = sorted(
        (
            p
            for p in ann.paragraphs
            if not (0 <= p.segment < len(segs) and segs[p.segment].kind in _OTHER_SEGMENTS)
            and not _READ_ALSO.match(_ptext(p))
        ),
        key=lambda p: p.start,
    )
    drafts: list[_Draft] = []

    # 1. transcripts
    labels = [_turn_label(_ptext(p)) for p in pars]
    transcript = sum(1 for lab in labels if lab) >= 2
    turn_of: dict[int, _Draft] = {}
    if transcript:
        current: _Draft | None = None
        for i, (p, lab) in enumerate(zip(pars, labels, strict=True)):
            end = p.start + len(_ptext(p))
            if lab:
                label, lstart, lend, body = lab
                current = _Draft(
                    (p.start + body, end),
                    (p.start + lend, p.start + lend + 1),
                    (p.start + lstart, p.start + lend),
                    "transcript",
                    "question" if label == "Q" else "assert",
                    p.segment,
                    i,
                    lemma=":",
                    turn=True,
                )
            elif current is not None and current.segment == p.segment:
                current = _Draft(
                    (p.start, end),
                    current.cue,
                    current.source,
                    "transcript",
                    current.stance if current.stance == "question" else "assert",
                    p.segment,
                    i,
                    lemma=":",
                    turn=True,
                )
            else:
                continue
            if current.content[1] > current.content[0]:
                drafts.append(current)
                turn_of[i] = current

    # 2. quotes, with continuation across paragraphs
    quotes: list[_Quote] = []
    for i, p in enumerate(pars):
        ptext = _ptext(p)
        qs = find_quotes(ptext)
        for k, (s, e, closed) in enumerate(qs):
            q = _Quote(p.start + s, p.start + e, i)
            if not closed:
                nxt = _ptext(pars[i + 1]).lstrip() if i + 1 < len(pars) else ""
                if k == len(qs) - 1 and nxt and (nxt[0] in _OPEN + _STRAIGHT or nxt[:2] == "''"):
                    q.opens_next = True
                else:
                    continue  # an unbalanced mark: ignore it
            if s == 0 and quotes and quotes[-1].opens_next and quotes[-1].para == i - 1:
                q.continues_prev = True
            quotes.append(q)

    # 3. cue-based drafts (a Title Case headline as ``annotate`` parsed it, in sentence case,
    # unless it is a "Speaker: words" headline, reported as a whole in step 6, as written)
    verb_drafts: list[_Draft] = []
    headlines = [_headline_draft(p.written or p, i) for i, p in enumerate(pars)]
    for i, p in enumerate(pars):
        verb_drafts.extend(_verb_drafts((p.written or p) if headlines[i] is not None else p, i))

    # 3a. a cue the model doubts stands only inside a quote or another cue's content
    spans = [(q.start, q.end) for q in quotes] + [
        d.content for d in verb_drafts if not d.weak and d.content != (-1, -1)
    ]
    verb_drafts = [d for d in verb_drafts if not d.weak or any(_inside(d.cue, sp) for sp in spans)]

    # 3b. "X said." drafts without content take the quote just before them
    pending = [d for d in verb_drafts if d.content == (-1, -1)]
    verb_drafts = [d for d in verb_drafts if d.content != (-1, -1)]

    # 4. attach quotes
    used: set[int] = set()
    for qi, q in enumerate(quotes):
        qspan = (q.start, q.end)
        if _word_count(text[q.start : q.end]) < 1:
            continue
        best: _Draft | None = None
        for d in verb_drafts:
            if d.para != q.para or d.cue is None or _inside(d.cue, qspan):
                continue
            if _overlap(d.content, qspan) > 0 and (best is None or d.cue[0] < best.cue[0]):
                if best is not None and _inside(best.content, d.content):
                    continue
                best = d
        if best is not None:
            inner = (max(best.content[0], q.start), min(best.content[1], q.end))
            outside = text[best.content[0] : inner[0]] + text[inner[1] : best.content[1]]
            direct = _word_count(outside) == 0
            best.content = (min(best.content[0], q.start), max(best.content[1], q.end))
            best.kind = "direct" if direct else "mixed"
            if direct:
                best.quote = q
            used.add(qi)
    # quotes with no cue of their own
    for qi, q in enumerate(quotes):
        if qi in used:
            continue
        # a scare quote or a quoted title ("“The Big Short” was nominated") is nobody's words
        short = _word_count(text[q.start : q.end]) < 3 or _is_title(text[q.start : q.end])
        if any(_inside((q.start, q.end), d.content) for d in verb_drafts):
            continue
        p = pars[q.para]
        # “...” ― Name: a reader's or a voter's words, one per line (a signed title, “Hotel
        # California” — The Eagles, is nobody's words)
        sig = None if short else _signature(text, q.end, p.start + len(_ptext(p)))
        if sig is not None:
            drafts.append(
                _Draft(
                    (q.start, q.end),
                    sig[0],
                    sig[1],
                    "direct",
                    "assert",
                    p.segment,
                    q.para,
                    lemma=text[sig[0][0] : sig[0][1]],
                    quote=q,
                )
            )
            continue
        holder = _continued_quote_holder(quotes, qi, verb_drafts + drafts, pars, text)
        if holder is not None:  # the previous paragraph's open quote runs on: one quote
            holder.extra_spans.append((q.start, q.end))
            continue
        # “A,” she said of X, “B.”: the second part continues the first (one attribution)
        around = [
            x
            for x in verb_drafts + drafts
            if x.quote is not None
            and x.para == q.para
            and x.cue is not None
            and x.quote.end <= x.cue[0] < q.start
        ]
        if around:
            last = max(around, key=lambda x: x.quote.end)
            if _split_tag(text[last.quote.end : q.start]):
                last.extra_spans.append((q.start, q.end))
                continue
        # “A,” she told the reporter, “B.”: the parser gave B to the tag's verb; A is its first part
        nxt = quotes[qi + 1] if qi + 1 < len(quotes) else None
        owner = next(
            (
                x
                for x in verb_drafts
                if nxt is not None
                and x.quote is nxt
                and x.kind == "direct"
                and x.cue is not None
                and q.end <= x.cue[0] < nxt.start
            ),
            None,
        )
        if (
            owner is not None
            and _opens_split_quote(text[q.start : q.end])
            and _split_tag(text[q.end : nxt.start])
        ):
            owner.extra_spans.append((q.start, q.end))
            continue
        sent_start = max(
            [p.start + x.start_char for x in p.doc.sents if p.start + x.start_char <= q.start]
            or [p.start]
        )
        lead_in = text[sent_start : q.start].strip()
        tag = _lead_in_tag(p, q.start - p.start)
        if tag is not None:  # "X said, “...”" that the parser did not join to the quote
            src_t, cue_t = tag
            drafts.append(
                _Draft(
                    (q.start, q.end),
                    _span_chars(_cue_tokens(cue_t), p.start),
                    _span_chars(src_t, p.start),
                    "direct",
                    (_verb_cue(cue_t.lemma_.lower()) or _ANY).stance,
                    p.segment,
                    q.para,
                    lemma=cue_t.lemma_.lower(),
                    quote=q,
                    source_ref=_span_chars(_antecedent(src_t) or [], p.start),
                )
            )
            continue
        if (
            not short
            and lead_in
            and lead_in[-1] not in ".!?"  # "..., he said. ''B.''": a new sentence
            and not lead_in.endswith(":")
            and (_word_count(text[q.start : q.end]) < 8)
        ):
            continue  # a short quote inside a sentence: a term, not a report
        d = _Draft(
            (q.start, q.end), None, None, "direct", "assert", p.segment, q.para, quote=q, lemma=""
        )
        # X: “...”
        lp, lpi = p, q.para  # the paragraph that introduces the quote: this or the previous
        before = text[p.start : q.start].rstrip()
        if not before.strip() and q.para > 0 and not q.continues_prev:
            # a paragraph ending "X said:" (or "X:") introduces the quote paragraph after it
            lp, lpi = pars[q.para - 1], q.para - 1
            before = text[lp.start : lp.start + len(_ptext(lp))].rstrip()
            if not before.endswith(":"):
                before, lp, lpi = "", p, q.para
        if before.endswith(":"):
            colon = lp.start + len(before) - 1
            sent_start = max(
                [lp.start + s.start_char for s in lp.doc.sents if lp.start + s.start_char <= colon]
                or [lp.start]
            )
            lead = text[sent_start:colon].strip()
            root = _colon_speaker(lp, colon - lp.start)
            if root is not None:  # "Lee continued:" / "The senator turned to the press:"
                d.source = _span_chars(_np(root[0]), lp.start)
                d.cue = (lp.start + root[1].idx, colon + 1)
                d.lemma = root[1].lemma_.lower()
            elif 0 < _word_count(lead) <= 8:
                st = sent_start + (
                    len(text[sent_start:colon]) - len(text[sent_start:colon].lstrip())
                )
                d.source = (st, st + len(lead))
                d.cue = (colon, colon + 1)
                d.lemma = ":"
        # a speaker sentence right after the quote, or a cue ending in a colon before it
        if d.source is None:
            for pd in pending:
                if pd.para not in (q.para, lpi) or not pd.source:
                    continue
                after = 0 <= min(pd.cue[0], pd.source[0]) - q.end <= 40 and (
                    _word_count(text[q.end : min(pd.cue[0], pd.source[0])]) == 0
                )
                before = 0 <= q.start - pd.cue[1] <= 200 and (
                    text[pd.cue[1] : q.start].rstrip().endswith(":")
                )
                if after or before:
                    d.source, d.cue, d.lemma, d.stance = pd.source, pd.cue, pd.lemma, pd.stance
                    d.source_ref = pd.source_ref
                    pending.remove(pd)
                    break
        if short and d.source is None:
            continue
        # a quote that continues an earlier one
        if d.source is None:
            prev = [
                x
                for x in verb_drafts + drafts
                if x.source is not None
                and x.content[1] <= q.start
                and q.para - x.para <= 1
                and not x.turn
                and x.parent is None
                and not (x.cue and any(_inside(x.cue, (o.start, o.end)) for o in quotes))
            ]
            last = max(prev, key=lambda x: x.content[1]) if prev else None
            if last is not None and last.kind == "indirect":
                # "“A,” said X, speaking of Y. “B.”": a report in the tag shares X's source
                tagged = [
                    x
                    for x in prev
                    if x.kind in ("direct", "mixed")
                    and x.para == last.para
                    and x.source == last.source
                ]
                if tagged:
                    last = max(tagged, key=lambda x: x.content[1])
            if last is not None and (
                last.para == q.para
                or (q.continues_prev or text[p.start : q.start].strip() == "")
                and last.kind in ("direct", "mixed")
            ):
                if (last.para == q.para or (last.kind == "direct" and last.quote is not None)) and (
                    last.kind in ("direct", "mixed")
                    or (last.quote is not None and last.cue and last.cue[0] > last.quote.end)
                ):
                    # “A,” he said. “B.” (or a second quote of the same speaker in the same
                    # paragraph, or a quote paragraph with no tag right after a paragraph
                    # that quotes the speaker): one attribution, its content runs on
                    last.extra_spans.append((q.start, q.end))
                    continue
                if (
                    last.para == q.para
                    and last.kind == "indirect"
                    and _tag_only_between(text, last, q)
                ):
                    # "The plan may stall, Lee said. “We are not there yet.”": the speaker's
                    # report goes on in the quote (one attribution, as in PolNeAR)
                    last.extra_spans.append((q.start, q.end))
                    last.kind = "mixed"
                    continue
                d.source, d.lemma = last.source, last.lemma
                d.source_actor = last.source_actor
        if q.para in turn_of or (transcript and any(t.para == q.para for t in drafts if t.turn)):
            continue  # quotes inside a transcript turn are the turn's words
        drafts.append(d)
    drafts.extend(verb_drafts)

    # 5. embedded posts: "text — Name (@handle) June 2, 2016" (a tweet rendered as text)
    for i, p in enumerate(pars):
        d = _post_draft(p, i)
        if d is not None:
            drafts = [x for x in drafts if x.cue or x.source or not _inside(x.content, d.content)]
            drafts.append(d)

    # 6. headline reports: a one-line paragraph "Speaker: what they said" (in a transcript,
    # only before its first turn: a headline over the transcript)
    first_turn = min((i for i, lab in enumerate(labels) if lab), default=len(pars))
    for i, d in enumerate(headlines):
        if d is None or (transcript and i >= first_turn):
            continue
        if not any(
            _overlap(x.content, d.content) or (x.cue and _inside(x.cue, d.content)) for x in drafts
        ):
            drafts.append(d)
    return drafts


#: the signature after a quote that ends its line: "“...” ― Ana M. Ruiz." (1-5 names)
_SIGNATURE = re.compile(
    r"[^\S\n]*(?P<dash>[―—–]|--)[^\S\n]*"  # white space but a line break (NBSP included)
    r"(?P<src>(?:[A-Z\u00C0-\u00DE][\w'’.-]*)(?:[^\S\n]+[A-Z\u00C0-\u00DE][\w'’.-]*){0,4}?)"
    r"[^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,  # the end of a line: a list of signed quotes may be one paragraph
)


def _signature(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(dash, name)`` spans of a signature from ``start`` to the end of its line."""
    sig = _SIGNATURE.match(text, start, end)
    if sig is None:
        return None
    s0, s1 = sig.span("src")
    if text[s1 - 1] == "." and not re.search(r"(^|\s)\w\.$", text[s0:s1]):
        s1 -= 1  # the sentence's full stop, not an initial ("Ana M.")
    return sig.span("dash"), (s0, s1)


#: the byline of an embedded social-media post as page text: "— Name (@handle) June 2, 2016"
_POST_BYLINE = re.compile(
    r"\s(?P<dash>[—–])\s*(?P<src>[^—–()\n]{0,80}?\(@\w{1,30}\))"
    r"(?:\s*[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?\s*(?:</\w+>)?\s*\.?\s*$"
)
_LEADING_TAG = re.compile(r"^\s*<[^<>\n]{0,300}>")


def _post_draft(par: Paragraph, pidx: int) -> _Draft | None:
    """An embedded post (tweet) rendered as text: the paragraph's text up to the byline
    "— Name (@handle) Date" is said by Name (cue: the dash, stance assert)."""
    raw = _ptext(par)
    m = _POST_BYLINE.search(raw)
    if m is None:
        return None
    lead = _LEADING_TAG.match(raw)
    c0 = lead.end() if lead else 0
    c0 += len(raw[c0 : m.start()]) - len(raw[c0 : m.start()].lstrip())
    c1 = len(raw[: m.start()].rstrip())
    if _word_count(raw[c0:c1]) < 2:
        return None
    return _Draft(
        (par.start + c0, par.start + c1),
        (par.start + m.start("dash"), par.start + m.end("dash")),
        (par.start + m.start("src"), par.start + m.end("src")),
        "direct",
        "assert",
        par.segment,
        pidx,
        lemma="post",
    )


def _continued_quote_holder(
    quotes: list[_Quote], qi: int, drafts: list[_Draft], pars: list[Paragraph], text: str
) -> _Draft | None:
    """The draft holding the quote that quote ``qi`` continues, when ``qi`` opens its
    paragraph as the continuation of the previous paragraph's unclosed quote (the news
    convention for a quote over several paragraphs) and nothing but the quote follows it in
    its paragraph (“..., ” she added. is a quote of its own)."""
    q = quotes[qi]
    if not q.continues_prev or qi == 0:
        return None
    par = pars[q.para]
    if text[q.end : par.start + len(_ptext(par))].strip():
        return None
    prev = (quotes[qi - 1].start, quotes[qi - 1].end)
    for d in reversed(drafts):
        if not d.turn and (_inside(prev, d.content) or prev in d.extra_spans):
            return d
    return None


@cache
def _line_labels() -> frozenset[str]:
    """Words that open a "Label: text" line without being a speaker (``line_labels.tsv``)."""
    return frozenset(r[0].lower() for r in rows("line_labels.tsv", skip_header=True))


_HEADLINE = re.compile(r"^(?P<src>[^:\n]{1,60}?)\s*:\s+(?P<body>\S[^\n]*)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.’'\-]*|of|the|and|de|al|van|von|&)$")


def _headline_draft(par: Paragraph, pidx: int) -> _Draft | None:
    """The news headline convention "Speaker: what they said" ("Lynch: No outside influence
    on FBI probe"): a one-line paragraph of at most 30 words whose part before the colon is a
    short capitalised name or noun phrase (1-5 words, no verb, not a page label such as
    "Photo" or "Updated") and whose part after it has at least three words."""
    raw = _ptext(par)
    line = raw.strip()
    if "\n" in line or _word_count(line) > 30:
        return None
    m = _HEADLINE.match(line)
    if m is None:
        return None
    src, body = m.group("src"), m.group("body").strip()
    words = src.split()
    if not 1 <= len(words) <= 5 or _word_count(body) < 3 or not src[0].isupper():
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    labels = _line_labels()
    if src.lower() in labels or any(w.lower().strip(".’'") in labels for w in words):
        return None
    lead = len(raw) - len(raw.lstrip())
    s0 = lead
    s1 = s0 + len(src)
    colon = line.index(":", len(src)) + lead
    toks = [t for t in par.doc if s0 <= t.idx < s1]
    if not toks or any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in toks):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
        return None
    b0 = colon + 1 + (len(line[colon - lead + 1 :]) - len(line[colon - lead + 1 :].lstrip()))
    b1 = lead + len(line)
    return _Draft(
        (par.start + b0, par.start + b1),
        (par.start + colon, par.start + colon + 1),
        (par.start + s0, par.start + s1),
        "indirect",
        "assert",
        par.segment,
        pidx,
        lemma=":",
    )


def _lead_in_tag(par: Paragraph, qstart: int) -> tuple[list[Token], Token] | None:
    """``(source, cue verb)`` of a speaker tag that ends right before a quote.

    "Baker said, “...”" and "Ryan told reporters, “...”" where the parse did not make the
    quote the verb's complement: the last verb before the quote (in the same sentence, with
    only its own objects and punctuation in between) is a lexicon cue with a source.
    """
    toks = [t for t in par.doc if t.idx < qstart]
    if not toks:
        return None
    last = toks[-1]
    sent = last.sent
    verb = None
    for t in reversed(toks[-6:]):
        if t.i < sent.start:
            break
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            verb = t
            break
    if verb is None or not _verb_cue(verb.lemma_.lower()):
        return None
    own = {x.i for x in verb.subtree}
    if any(not (x.is_punct or x.i in own) for x in par.doc[verb.i + 1 : last.i + 1]):
        return None
    if not _ptext(par)[verb.idx : qstart].rstrip().endswith((",", ":")):
        return None  # "... said “...”" without a comma: usually a partial quote
    src = _source_tokens(verb)
    return (src, verb) if src else None


def _colon_speaker(par: Paragraph, colon: int) -> tuple[Token, Token] | None:
    """``(subject, verb)`` of a short clause ending in the colon at ``colon`` (paragraph offset).

    "Lee continued:" and "The senator turned to reporters:" introduce the quote after them;
    the subject is the speaker. None when the clause before the colon has no verb with a
    subject, or is too long to be a lead-in (more than 12 words).
    """
    toks = [t for t in par.doc if t.idx < colon]
    if not toks:
        return None
    sent = toks[-1].sent
    verb = sent.root
    if verb.idx > colon:
        # "McCaskill scolded him: “The community is ...”" parsed as one sentence whose root is
        # in the quote: the verb before the colon that hangs on something after it
        verb = next(
            (
                t
                for t in toks
                if t.i >= sent.start and t.pos_ in ("VERB", "AUX") and t.head.idx > colon
            ),
            verb,
        )
    if verb.pos_ not in ("VERB", "AUX") or verb.idx > colon:
        return None
    if _word_count(_ptext(par)[sent.start_char : colon]) > 12:
        return None
    if re.search(r"\s[-—–]+\s|--", _ptext(par)[verb.idx : colon]):
        return None  # "Pollsters agree - Jane Roe:": the name after the dash speaks
    if any(c.dep_ in ("ccomp", "xcomp") and c.idx < colon for c in verb.children):
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subj or subj[0].lower_ in ("it", "there", "this"):
        return None
    return subj[0], verb


def _resolve_actor(
    span: tuple[int, int] | None, mentions: list[Any], text: str = ""
) -> tuple[str | None, str | None]:
    """``(actor_id, kind)`` of the longest actor mention overlapping ``span``; before a comma
    that opens a description ("The Rapid Support Forces, the group fighting the Sudanese Armed
    Forces"; "Col. Lee, a spokesman for the army"), the head's, not the description's."""
    if span is None or not mentions:
        return None, None
    comma = text.find(", ", span[0], span[1]) if text else -1
    found = [m for m in mentions if min(m.end, span[1]) > max(m.start, span[0])]
    if comma >= 0 and text[comma + 2 : comma + 3].islower():
        found = [m for m in found if m.start < comma] or found
    best = max(found, key=lambda m: m.end - m.start, default=None)  # the first longest
    if best is None:
        return None, None
    return getattr(best, "actor_id", None), getattr(best, "kind", None)


_OUTLET_WORDS = re.compile(
    r"\b(news|times|post|press|journal|herald|tribune|agency|gazette|reuters|cnn|bbc|tass|"
    r"xinhua|bloomberg|guardian|telegraph|newspaper|network|television|tv|radio)\b",
    re.I,
)


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Append the article's attributions to ``rec.extra["attributions"]``."""
    text = rec.text
    drafts = [d for d in extract(rec, ann) if d.content[1] > d.content[0]]
    mentions = list(rec.extra.get("mentions", []))
    actors = {a.id: a for a in rec.extra.get("actors", [])}

    # de-duplicate: same content and cue
    seen: set[tuple] = set()
    uniq: list[_Draft] = []
    for d in sorted(drafts, key=lambda d: (d.content[0], -d.content[1])):
        key = (d.content, d.cue)
        if key in seen:
            continue
        seen.add(key)
        uniq.append(d)
    drafts = uniq

    # "“...,” X said, according to BelTA": the outlet reports the whole of X's report, a quote
    # of several sentences included
    for o in drafts:
        if o.lemma != "according to" or o.content_head is None:
            continue
        for d in drafts:
            if d is not o and d.cue is not None and d.cue[0] == o.content_head and d.source:
                o.content = (
                    min(o.content[0], d.content[0], d.source[0]),
                    max(o.content[1], d.content[1], d.source[1]),
                )

    # actors and outlets
    for d in drafts:
        if d.source is not None and d.source_actor is None:
            d.source_actor, _ = _resolve_actor(d.source_ref or d.source, mentions, text)
        if d.source is None:
            continue
        actor = actors.get(d.source_actor) if d.source_actor else None
        if actor is not None:
            d.is_outlet = getattr(actor, "type", None) == "media" or (
                getattr(actor, "sector", None) == "MED"
            )
        elif d.lemma in ("report", "according to"):
            src = text[d.source[0] : d.source[1]]
            d.is_outlet = bool(_OUTLET_WORDS.search(src)) or (
                d.lemma == "report" and src[:1].isupper() and _word_count(src) <= 4
            )

    # nesting: the smallest attribution with a content part (a quote resumed after its tag is
    # a second part) that holds this one's cue (or source)
    size = {id(d): _extent(d)[1] - _extent(d)[0] for d in drafts}

    def holds(o: _Draft, d: _Draft) -> bool:
        anchor = d.cue or d.source or d.content
        return any(_inside(anchor, part) for part in [o.content, *o.extra_spans])

    for d in drafts:
        best = None
        for o in drafts:
            # a parent is larger, or has the very same extent with its own cue outside it
            # ("Officials said leaders appear ...": "said" holds "appear"): no cycles
            if o is d or size[id(o)] < size[id(d)]:
                continue
            if size[id(o)] == size[id(d)] and (_extent(o) != _extent(d) or holds(d, o)):
                continue
            if holds(o, d) and (best is None or size[id(o)] < size[id(best)]):
                best = o
        d.parent = best

    # a doubted cue stands only inside another attribution's content
    dropped = {id(d) for d in drafts if d.weak and d.parent is None}
    drafts = [d for d in drafts if id(d) not in dropped]
    for d in drafts:
        while d.parent is not None and id(d.parent) in dropped:
            d.parent = d.parent.parent

    # fold sourceless modals ("was expected to", "reportedly") into the enclosing stance
    folded: set[int] = set()
    for d in drafts:
        if d.sourceless_modal and d.parent is not None and d.parent.stance == "assert":
            d.parent.stance = d.stance
            folded.add(id(d))
    drafts = [d for d in drafts if id(d) not in folded]
    for d in drafts:
        while d.parent is not None and id(d.parent) in folded:
            d.parent = d.parent.parent

    # "“We can confirm that ...,” said Kirby": the speaker's own opening cue gives the stance
    for d in drafts:
        p = d.parent
        if p is None or p.stance != "assert" or d.source is None or d.sourceless_modal:
            continue
        if text[d.source[0] : d.source[1]].lower() not in ("i", "we"):
            continue
        if p.turn or (
            p.kind in ("direct", "mixed") and _word_count(text[p.content[0] : d.source[0]]) == 0
        ):
            p.stance = d.stance
            folded.add(id(d))
    drafts = [d for d in drafts if id(d) not in folded]
    for d in drafts:
        while d.parent is not None and id(d.parent) in folded:
            d.parent = d.parent.parent

    # outlets: the outlet's own attribution and everything inside it
    for d in sorted(drafts, key=lambda d: d.content[0]):
        if d.is_outlet and d.source_actor:
            d.outlet_id = d.source_actor
        p = d.parent
        while p is not None and d.outlet_id is None:
            d.outlet_id = p.outlet_id if p.is_outlet else None
            p = p.parent
    # a later sentence of the outlet's paragraph whose source already speaks inside the
    # outlet's report continues that report ("..., Reuters reported. Washington is also ...")
    for o in drafts:
        if not (o.is_outlet and o.outlet_id):
            continue
        inside = {x.source_actor for x in drafts if x.outlet_id == o.outlet_id and x is not o}
        for d in drafts:
            if (
                d.parent is None
                and d.outlet_id is None
                and d.para == o.para
                and d.content[0] >= o.content[1]
                and d.source_actor in inside - {None}
            ):
                d.outlet_id = o.outlet_id

    drafts.sort(key=lambda d: (d.content[0], d.content[1]))
    ids = {id(d): f"{rec.id}:a{n}" for n, d in enumerate(drafts, 1)}
    table = rec.extra.setdefault(TABLE, [])
    for d in drafts:
        content = _extent(d)
        spans = [content] + [
            x for x in (d.cue, d.source) if x is not None and _same_par(x, content, ann)
        ]
        table.append(
            Attribution(
                id=ids[id(d)],
                start=min(s[0] for s in spans),
                end=max(s[1] for s in spans),
                cue_start=d.cue[0] if d.cue else None,
                cue_end=d.cue[1] if d.cue else None,
                cue=text[d.cue[0] : d.cue[1]] if d.cue else None,
                content_start=content[0],
                content_end=content[1],
                source_start=d.source[0] if d.source else None,
                source_end=d.source[1] if d.source else None,
                source_text=text[d.source[0] : d.source[1]] if d.source else None,
                source_actor_id=d.source_actor,
                kind=d.kind,
                stance=d.stance,
                parent_id=ids.get(id(d.parent)) if d.parent is not None else None,
                outlet_actor_id=d.outlet_id,
                segment=d.segment,
            )
        )


def _ptext(par: Paragraph) -> str:
    """The paragraph's parsed text (kept by annotate; ``Doc.text`` rebuilds it per call)."""
    return par.text or par.doc.text


def _same_par(x: tuple[int, int], content: tuple[int, int], ann: Annotation) -> bool:
    """Whether span ``x`` lies in a paragraph that the content span touches."""
    for p in ann.paragraphs:
        ps, pe = p.start, p.start + len(_ptext(p))
        if ps <= x[0] < pe:
            return _overlap((ps, pe), content) > 0 or ps <= content[0] < pe
    return False
