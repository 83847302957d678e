"""Eval task ``actors``: named mentions, in-document coreference and linking on MEANTIME.

Data: MEANTIME intra-document annotation (``gold/meantime``). Each MEANTIME sentence becomes
its own paragraph (the first one a headline), so spaCy sees the corpus's sentence split.
Only sentences that carry gold annotation (an ENTITY_MENTION or EVENT_MENTION) are scored;
predictions elsewhere are ignored.

(a) ``mentions``: gold = ENTITY_MENTIONs with syntactic_type NAM or PRE.NAM, typed by the
    ``ent_type`` of the ENTITY they REFER_TO (mentions without a REFERS_TO are left out).
    claimgraph = the actor stage's named mentions (kinds name, alias, metonym, adjective,
    surname) typed from the actor (person -> PER, state/location/adjective -> LOC, market ->
    FIN, others -> ORG) plus PRODUCT / WORK_OF_ART entities of our pipeline as PRO; for exact matching a
    name is widened to the noun phrase it heads (MEANTIME's extent convention, see
    :func:`np_extent`); ``exact_name_span_f1`` scores the bare name spans. Baseline = plain spaCy
    (our components disabled) with PERSON->PER, ORG->ORG, GPE/LOC/FAC/NORP->LOC,
    PRODUCT/WORK_OF_ART->PRO. One-to-one matching; overlap+type (largest overlap first) and
    exact+type (same offsets); P/R/F1.
(b) ``coref``: gold = every ENTITY_MENTION (any syntactic type) with a REFERS_TO, grouped by
    the ENTITY. Mention set = the gold mentions that one of our actor mentions (any kind)
    overlaps, matched one-to-one; claimgraph groups them by actor id, the baseline by
    case-insensitive head string (the last word of the gold mention). B-cubed and MUC F1.
(c) ``linking``: ENTITY instances with a DBpedia ``external_ref``: the share whose canonical
    actor name (of any matched mention) equals the DBpedia title (underscores -> spaces,
    case-insensitive). Baseline: the text of one of its matched mentions equals the title.

The matching code is small and local (one-to-one greedy on overlap) rather than shared with
the ``ner`` task, which did not exist when this was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from claimgraph.evaluate import EvalReport, task
from claimgraph.evaluate.meantime import MeantimeDoc, load_meantime
from claimgraph.evaluate.metrics import prf as metrics_prf
from claimgraph.evaluate.metrics import span_pairs
from claimgraph.evaluate.ner import SPACY_TO_MEANTIME

Span3 = tuple[int, int, str]  # start, end, type

#: spaCy label -> MEANTIME type for the plain-spaCy baseline (the same map as the ner task).
BASE_TYPES = SPACY_TO_MEANTIME
NAMED_KINDS = frozenset({"name", "alias", "metonym", "adjective", "surname"})


def actor_type_to_meantime(actor_type: str | None, kind: str) -> str:
    """MEANTIME entity type for one of our mentions."""
    if actor_type == "person":
        return "PER"
    if actor_type == "market":
        return "FIN"
    if actor_type in ("state", "location") or kind == "adjective":
        return "LOC"
    return "ORG"


def match(
    gold: list[Span3], pred: list[Span3], exact: bool, typed: bool = True
) -> list[tuple[int, int]]:
    """One-to-one matching (gold index, pred index): exact offsets or largest overlap first."""
    return span_pairs(gold, pred, exact, typed)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p, r, f = metrics_prf(tp, n_pred, n_gold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def b_cubed(key: dict[Any, Any], response: dict[Any, Any]) -> dict[str, float]:
    """B-cubed P/R/F1 over mentions present in both maps (mention -> cluster id)."""
    items = [m for m in key if m in response]
    if not items:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    kc: dict[Any, set[Any]] = {}
    rc: dict[Any, set[Any]] = {}
    for m in items:
        kc.setdefault(key[m], set()).add(m)
        rc.setdefault(response[m], set()).add(m)
    p = r = 0.0
    for m in items:
        k, s = kc[key[m]], rc[response[m]]
        inter = len(k & s)
        p += inter / len(s)
        r += inter / len(k)
    p, r = p / len(items), r / len(items)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0}


def muc(key: dict[Any, Any], response: dict[Any, Any]) -> dict[str, float]:
    """MUC P/R/F1 (Vilain et al. 1995) over mentions present in both maps."""
    items = [m for m in key if m in response]

    def score(a: dict[Any, Any], b: dict[Any, Any]) -> float:
        clusters: dict[Any, list[Any]] = {}
        for m in items:
            clusters.setdefault(a[m], []).append(m)
        num = den = 0
        for ms in clusters.values():
            num += len(ms) - len({b[m] for m in ms})
            den += len(ms) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0}


def _gold(doc: MeantimeDoc) -> tuple[set[int], dict[str, str], dict[str, Any]]:
    """Annotated sentences, mention id -> entity id, entity id -> ENTITY markable."""
    sents = doc.annotated_sentences("ENTITY_MENTION") | doc.annotated_sentences("EVENT_MENTION")
    entities = {m.m_id: m for m in doc.of_tag("ENTITY")}
    refers: dict[str, str] = {}
    for r in doc.relations_of("REFERS_TO"):
        tgt = next((t for t in r.targets if t in entities), None)
        if tgt is None:
            continue
        for s in r.sources:
            refers[s] = tgt
    return sents, refers, entities


def _doc_to_clean(doc: MeantimeDoc):  # noqa: ANN202
    """One paragraph per MEANTIME sentence (line); the first is the headline."""
    from claimgraph.records import CleanDoc, Segment

    segs = []
    pos = 0
    for i, line in enumerate(doc.text.split("\n")):
        if line.strip():
            segs.append(Segment("headline" if i == 0 else "body", pos, pos + len(line)))
        pos += len(line) + 1
    return CleanDoc(doc.text, tuple(segs))


def _in_sentences(doc: MeantimeDoc, sents: set[int]) -> list[tuple[int, int]]:
    return [doc.sentence_span(s) for s in sorted(sents)]


def _inside(spans: list[tuple[int, int]], s: int) -> bool:
    return any(a <= s < b for a, b in spans)


def _add(tot: dict[str, int], **kw: int) -> None:
    for k, v in kw.items():
        tot[k] = tot.get(k, 0) + v


@task("actors")
def evaluate_actors(gold: Path, limit: int | None = None, **_: Any) -> EvalReport:
    """Score the actors stage and plain spaCy on MEANTIME (see the module docstring)."""
    import claimgraph.actors as actors
    from claimgraph.annotate import annotate, load_nlp
    from claimgraph.records import Article, ArticleRecords, text_id

    docs = load_meantime(gold)
    if limit:
        docs = docs[: int(limit)]
    nlp = load_nlp()
    ours_tot: dict[str, int] = {}
    base_tot: dict[str, int] = {}
    coref_key: dict[Any, Any] = {}
    coref_ours: dict[Any, Any] = {}
    coref_base: dict[Any, Any] = {}
    n_gold_coref = 0
    link_total = link_ours = link_base = 0
    for doc in docs:
        sents, refers, entities = _gold(doc)
        allowed = _in_sentences(doc, sents)
        gold_named: list[Span3] = []
        gold_all: list[tuple[int, int, str]] = []  # start, end, entity id
        for m in doc.of_tag("ENTITY_MENTION"):
            if not m.t_ids or m.m_id not in refers:
                continue
            s, e = doc.span(m)
            if not _inside(allowed, s):
                continue
            ent = entities[refers[m.m_id]]
            gold_all.append((s, e, ent.m_id))
            if m.attrs.get("syntactic_type") in ("NAM", "PRE.NAM"):
                gold_named.append((s, e, ent.attrs.get("ent_type", "")))
        clean = _doc_to_clean(doc)
        ann = annotate(clean, nlp)
        rec = ArticleRecords(Article(text_id(doc.text), doc.text, "text", doc.path), clean)
        actors.run(rec, ann)
        names = {a.id: a for a in rec.extra.get("actors", [])}
        mentions = [m for m in rec.extra.get("mentions", []) if _inside(allowed, m.start)]
        ours: list[Span3] = []
        ours_name: list[Span3] = []
        for m in mentions:
            if m.kind in NAMED_KINDS:
                a = names.get(m.actor_id)
                typ = actor_type_to_meantime(a.type if a else None, m.kind)
                ours.append((*np_extent(ann, m.start, m.end, typ), typ))
                ours_name.append((m.start, m.end, typ))
        for e in ann.entities:
            t = BASE_TYPES.get(e.label)
            if (
                t == "PRO"
                and _inside(allowed, e.start)
                and not any(s < e.end and e.start < en for s, en, _ in ours)
            ):
                ours.append((e.start, e.end, t))
                ours_name.append((e.start, e.end, t))
        _add(ours_tot, tp_exact_name=len(match(gold_named, ours_name, exact=True)))
        with nlp.select_pipes(disable=[c for c in actors.COMPONENTS if c in nlp.pipe_names]):
            base_ann = annotate(clean, nlp)
        base: list[Span3] = [
            (e.start, e.end, BASE_TYPES[e.label])
            for e in base_ann.entities
            if e.label in BASE_TYPES and _inside(allowed, e.start)
        ]
        for sysname, pred, tot in (("ours", ours, ours_tot), ("base", base, base_tot)):
            del sysname
            _add(
                tot,
                gold=len(gold_named),
                pred=len(pred),
                tp_overlap=len(match(gold_named, pred, exact=False)),
                tp_exact=len(match(gold_named, pred, exact=True)),
            )
        # (b) coreference over gold mentions we found
        pred_spans: list[Span3] = [(m.start, m.end, "") for m in mentions]
        gold_spans: list[Span3] = [(s, e, "") for s, e, _ in gold_all]
        n_gold_coref += len(gold_all)
        found: dict[int, int] = dict(match(gold_spans, pred_spans, exact=False))
        for gi, pi in found.items():
            s, e, eid = gold_all[gi]
            key = (doc.path, gi)
            coref_key[key] = (doc.path, eid)
            coref_ours[key] = (doc.path, mentions[pi].actor_id)
            coref_base[key] = (doc.path, _head(doc.text[s:e]))
        # (c) linking
        for eid, ent in entities.items():
            ref = ent.attrs.get("external_ref", "")
            if "dbpedia.org" not in ref:
                continue
            title = unquote(ref.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ").strip().casefold()
            link_total += 1
            idx = [gi for gi, (_, _, e2) in enumerate(gold_all) if e2 == eid and gi in found]
            ok_ours = any(
                (a := names.get(mentions[found[gi]].actor_id)) is not None
                and a.name.casefold() == title
                for gi in idx
            )
            ok_base = any(
                doc.text[gold_all[gi][0] : gold_all[gi][1]].casefold() == title for gi in idx
            )
            link_ours += ok_ours
            link_base += ok_base

    def mention_metrics(tot: dict[str, int]) -> dict[str, float]:
        o = prf(tot["tp_overlap"], tot["pred"], tot["gold"])
        x = prf(tot["tp_exact"], tot["pred"], tot["gold"])
        row = {
            **{f"overlap_{k}": v for k, v in o.items()},
            **{f"exact_{k}": v for k, v in x.items()},
        }
        if "tp_exact_name" in tot:
            row["exact_name_span_f1"] = prf(tot["tp_exact_name"], tot["pred"], tot["gold"])["f1"]
        return row

    ours_row = mention_metrics(ours_tot)
    base_row = mention_metrics(base_tot)
    for row, resp in ((ours_row, coref_ours), (base_row, coref_base)):
        bc = b_cubed(coref_key, resp)
        mu = muc(coref_key, resp)
        row.update({"b3_p": bc["p"], "b3_r": bc["r"], "b3_f1": bc["f1"], "muc_f1": mu["f1"]})
    ours_row["linking_acc"] = round(link_ours / link_total, 4) if link_total else 0.0
    base_row["linking_acc"] = round(link_base / link_total, 4) if link_total else 0.0
    return EvalReport(
        task="actors",
        gold=str(gold),
        systems={"claimgraph": ours_row, "spacy+same-head": base_row},
        info={
            "documents": len(docs),
            "gold_named_mentions": ours_tot.get("gold", 0),
            "pred_named_mentions": ours_tot.get("pred", 0),
            "baseline_pred_mentions": base_tot.get("pred", 0),
            "coref_gold_mentions": n_gold_coref,
            "coref_mentions_scored (gold mentions we found)": len(coref_key),
            "linked_entities": link_total,
            "baseline": "mentions: plain spaCy NER; coref: same head string; linking: "
            "mention text equals the DBpedia title",
        },
    )


#: Titles MEANTIME keeps inside a person's name mention ("President Vladimir Putin",
#: "Mr. Lee"); other role nouns before a name form an apposition ("Apple CEO" + "Steve Jobs").
PERSON_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady president senator sen. "  # noqa: SIM905
    "rep. gov. pope king queen prince princess sheikh".split()
)


def np_extent(ann: Any, start: int, end: int, typ: str = "") -> tuple[int, int]:
    """MEANTIME's mention extent for a name (NewsReader guidelines: the whole noun phrase the
    name heads, determiners and pre-modifiers included, possessive 's excluded): from the
    leftmost pre-modifier ("the United States", "The British FTSE 100 index") to the name's
    end; a name that only modifies another noun ("Pentagon spokesman") keeps its own span;
    coordinated or apposed phrases are never taken in. A person keeps only the titles before
    the name ("President X", "Mr. X"): other role nouns make an apposition ("CEO X")."""
    for para in ann.paragraphs:
        if para.start <= start < para.start + len(para.doc.text):
            sp = para.doc.char_span(start - para.start, end - para.start, alignment_mode="expand")
            if sp is None or len(sp) == 0:
                return start, end
            doc = sp.doc
            if typ == "PER":
                i = sp.start
                while i > 0 and doc[i - 1].lower_ in PERSON_TITLES:
                    i -= 1
                if i > 0 and i < sp.start and doc[i - 1].lower_ in ("the", "a"):
                    i -= 1
                return para.start + doc[i].idx, end
            root = sp.root
            if root.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                return start, end
            left = root.left_edge
            # never across a comma or a coordination inside the phrase
            i = left.i
            for j in range(sp.start - 1, left.i - 1, -1):
                if doc[j].text in (",", ";", "(", "and", "or") or doc[j].dep_ == "cc":
                    i = j + 1
                    break
            i = min(i, sp.start)
            while i < sp.start and doc[i].is_punct:
                i += 1
            return min(start, para.start + doc[i].idx), end
    return start, end


def _head(text: str) -> str:
    words = [w for w in text.replace("'s", "").replace("’s", "").split() if w.strip(".,")]
    return (words[-1] if words else text).strip(".,").casefold()


def summary(report: EvalReport) -> Iterable[str]:
    """Printable lines of a report (for quick checks)."""
    for name, row in report.systems.items():
        yield f"{name}: " + ", ".join(f"{k}={v}" for k, v in row.items())
    for k, v in report.info.items():
        yield f"  {k}: {v}"
