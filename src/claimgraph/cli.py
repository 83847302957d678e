"""The command line: a thin shell over :class:`claimgraph.store.Store` and the Python API.

Each command calls the same-named method (``claimgraph ingest`` -> ``Store.ingest``,
``claimgraph articles`` -> ``Store.articles``, ...) and only formats what it returns.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from claimgraph.store import ENV_DB, RunSummary, Store, StoreError

app = typer.Typer(
    help="claimgraph: who did what to whom, and who says so, from news pages.\n\n"
    "Typical session: `claimgraph ingest examples/`, `claimgraph articles`, "
    "`claimgraph show ID`, `claimgraph export --format parquet --out out/`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
#: Piped or redirected output (no terminal, no $COLUMNS) is laid out 200 columns wide instead
#: of Rich's default 80, so wide tables (eval reports) are not cut to "0.…" in a log file.
PIPE_WIDTH = 200
console = Console(width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH)
err = Console(stderr=True, soft_wrap=True)  # one line per error, never wrapped

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=f"DuckDB file (default: ${ENV_DB} or ./claimgraph.duckdb)."),
]
# options shared by the commands that run the pipeline (ingest, reprocess, fetch)
BatchOption = Annotated[int, typer.Option(help="Articles per transaction.")]
NProcessOption = Annotated[int, typer.Option(help="spaCy worker processes.")]
FuseOption = Annotated[
    bool, typer.Option("--fuse/--no-fuse", help="Update fusion across articles at the end.")
]
EngineOption = Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")]
SchedulerOption = Annotated[
    str | None, typer.Option(help="Dask scheduler, e.g. tcp://HOST:8786 (--engine dask).")
]


def _open(db: Path | None, read_only: bool = False) -> Store:
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def _one_or_fail(get: Any, key: str, as_json: bool) -> Any:
    """One record from a Store look-up; a clear error if there is none. With ``as_json``
    the record is printed as JSON and None is returned."""
    try:
        rec = get(key)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        print(json.dumps(rec, default=str, ensure_ascii=False, indent=1))
        return None
    return rec


def _fail(msg: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/] {msg}")
    return typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for single files, e.g. 2022-12-22.")
    ] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher for single files.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for single files.")] = None,
    meta: Annotated[
        Path | None,
        typer.Option(help="Side-car TSV with columns file, published, publisher, url."),
    ] = None,
    batch_size: BatchOption = 32,
    n_process: NProcessOption = 1,
    fuse: FuseOption = True,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (local pool, or local Dask cluster; default 2)."),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(help="Keep Parquet shards here (dask; shared with remote workers)."),
    ] = None,
) -> None:
    """Read, clean, annotate and store articles. Exit code 1 if some inputs failed."""
    store = _open(db)
    with _run_progress(
        TextColumn(
            "{task.fields[stored]} stored · {task.fields[dups]} already stored · "
            "{task.fields[errors]} errors"
        )
    ) as progress:
        task = progress.add_task("ingest", total=None, stored=0, dups=0, errors=0)

        def tick(stored: int, dups: int, errors: int) -> None:
            progress.update(task, stored=stored, dups=dups, errors=errors)
            if not err.is_terminal:  # a log file or pipe gets one line per committed batch
                err.print(
                    f"ingest: {stored} stored, {dups} already stored, {errors} errors",
                    highlight=False,
                )

        try:
            summary = store.ingest(
                paths,
                published=published,
                publisher=publisher,
                url=url,
                meta=meta,
                batch_size=batch_size,
                n_process=n_process,
                command=" ".join(sys.argv),
                progress=tick,
                fuse=fuse,
                stage=lambda name: _stage(progress, task, name),
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                shards=shards,
            )
        except ValueError as exc:
            raise _fail(str(exc)) from exc
    _report(summary, store)


def _run_progress(*counts: ProgressColumn) -> Progress:
    """The progress display of a long run: step, bar, the run's counts, elapsed time."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        *counts,
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def _print_failures(summary: RunSummary) -> None:
    for e in summary.errors:
        err.print(f"[yellow]failed[/] {e.source}: {e.reason} [dim]({e.stage})[/]")


def _stage(progress: Progress, task: Any, name: str) -> None:
    """Show the step a long run is in (fusion steps after ingest); a plain line off-terminal."""
    progress.update(task, description=name)
    if not err.is_terminal:
        err.print(f"{name} ...", highlight=False)


def _report(summary: RunSummary, store: Store) -> None:
    """Print a run's failures and summary line; exit code 1 if some inputs failed."""
    _print_failures(summary)
    err.print(
        f"run {summary.run_id}: {summary.articles} articles stored, {summary.duplicates} already "
        f"stored, {len(summary.errors)} errors, {len(summary.skipped)} files of other formats "
        f"skipped, {summary.non_english} not in English (stored without the English models) "
        f"-> {store.path}"
    )
    _report_fusion(summary)
    if summary.duplicates and (stale := len(store.stale_ids())):
        err.print(
            f"{stale} stored article{' was' if stale == 1 else 's were'} extracted by older "
            "rules; "
            "`claimgraph reprocess` updates them.",
            highlight=False,
        )
    store.close()
    if summary.failed:
        raise typer.Exit(1)


def _report_fusion(summary: RunSummary) -> None:
    f = summary.fusion
    if f is None:
        return
    upgrade = (
        f", fusion rules {f.rules_upgrade}: every stored event re-clustered"
        if f.rules_upgrade
        else ""
    )
    err.print(
        f"fusion: {f.new_articles} new article{'' if f.new_articles == 1 else 's'}, "
        f"{f.fused_events} fused events, "
        f"{f.copies} syndicated copies{upgrade}",
        highlight=False,
    )


@app.command()
def reprocess(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Article ids or id prefixes (default: those made by older rules)."),
    ] = None,
    db: DbOption = None,
    all_articles: Annotated[
        bool, typer.Option("--all", help="Every stored article, whatever rules made it.")
    ] = False,
    batch_size: BatchOption = 32,
    n_process: NProcessOption = 1,
    fuse: FuseOption = True,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes of a local Dask cluster (--engine dask; default 2)."),
    ] = None,
) -> None:
    """Re-extract stored articles with the installed rules (after an upgrade). Exit code 1 if
    some articles failed.

    Annotation and extraction run again on the stored text; each batch replaces its
    articles' records in one transaction, so an interrupted run can simply be run again.
    With --engine dask the batches are re-extracted on a Dask cluster, whose workers must
    run the same claimgraph, data and models as this machine.
    """
    store = _open(db)
    with _run_progress(
        MofNCompleteColumn(), TextColumn("{task.fields[errors]} errors")
    ) as progress:
        task = progress.add_task("reprocess", total=None, errors=0)

        def tick(done: int, total: int, errors: int) -> None:
            progress.update(task, completed=done, total=total, errors=errors)
            if not err.is_terminal:
                err.print(f"reprocess: {done}/{total} done, {errors} errors", highlight=False)

        try:
            summary = store.reprocess(
                ids,
                everything=all_articles,
                batch_size=batch_size,
                n_process=n_process,
                command=" ".join(sys.argv),
                progress=tick,
                fuse=fuse,
                stage=lambda name: _stage(progress, task, name),
                engine=engine,
                scheduler=scheduler,
                workers=workers,
            )
        except (StoreError, ValueError) as exc:
            raise _fail(str(exc)) from exc
    _print_failures(summary)
    err.print(
        f"run {summary.run_id}: {summary.articles} articles re-extracted, "
        f"{len(summary.errors)} errors -> {store.path}",
        highlight=False,
    )
    _report_fusion(summary)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def fetch(
    urls: Annotated[Path, typer.Argument(help="A file with one URL per line ('#' comments).")],
    db: DbOption = None,
    timeout: Annotated[float, typer.Option(help="Seconds per HTTP request.")] = 15.0,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to a host.")] = 1.0,
    retries: Annotated[int, typer.Option(help="Retries after network errors, 429, 5xx.")] = 2,
    batch_size: BatchOption = 32,
) -> None:
    """Download a URL list's pages (robots.txt obeyed, rate-limited per host) and store them."""
    from claimgraph.fetch import FetchConfig, fetch_urls

    if not urls.is_file():
        raise _fail(f"no such file: {urls}")
    store = _open(db)
    cfg = FetchConfig(timeout=timeout, per_host_delay=delay, retries=retries)
    summary = store.ingest_items(
        fetch_urls(urls, cfg), batch_size=batch_size, command=" ".join(sys.argv)
    )
    _report(summary, store)


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 50,
    publisher: Annotated[str | None, typer.Option(help="Filter on publisher.")] = None,
    search: Annotated[str | None, typer.Option(help="Filter on title or text.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List stored articles."""
    store = _open(db, read_only=True)
    rows = store.articles(limit=limit or None, publisher=publisher, search=search)
    if as_json:
        for r in rows:
            print(json.dumps(r, default=str, ensure_ascii=False))
        return
    table = Table("id", "published", "publisher", "original", "title", "chars")
    for r in rows:
        table.add_row(
            r["id"],
            str(r["published"] or ""),
            r["publisher"] or "",
            r["original_publisher"] or "",
            Text(r["title"] or ""),
            str(r["chars"]),
        )
    console.print(table)


def _layers(art: dict[str, Any]) -> list[tuple[list[tuple[int, int]], str]]:
    """Character spans to mark in ``show``, lowest layer first."""

    def spans(table: str, a: str = "start", b: str = "end") -> list[tuple[int, int]]:
        return [
            (r[a], r[b])
            for r in art.get(table, [])
            if r.get(a) is not None and r.get(b) is not None
        ]

    return [
        (spans("attributions", "content_start", "content_end"), "green"),
        (spans("mentions") or spans("entities"), "cyan"),
        (spans("timexes"), "underline"),
        (spans("attributions", "cue_start", "cue_end"), "bold yellow"),
        (spans("events"), "bold magenta"),
    ]


@app.command()
def show(
    id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="All records as JSON.")] = False,
) -> None:
    """Show one article: its segments, sentences, entities and extracted records."""
    store = _open(db, read_only=True)
    art = _one_or_fail(store.article, id, as_json)
    if art is None:
        return
    text = art["text"]
    head = (
        f"[bold]{art['title'] or '(no title)'}[/]\nid {art['id']} · published "
        f"{art['published'] or 'unknown'} · publisher {art['publisher'] or 'unknown'}"
        + (
            f" · original publisher {art['original_publisher']}"
            if art["original_publisher"]
            else ""
        )
        + f"\nsource {art['source']}"
    )
    if art.get("stale"):
        head += "\n[yellow]extracted by older rules[/]: `claimgraph reprocess` updates it"
    console.print(Panel(head, title="article"))
    ents = art.get("entities", [])
    layers = _layers(art)
    for seg in art.get("segments", []):
        body = text[seg["start"] : seg["end"]]
        styled = Text(body)
        for spans, style in layers:
            for a, b in spans:
                a, b = a - seg["start"], b - seg["start"]
                if 0 <= a < b <= len(body):
                    styled.stylize(style, a, b)
        dim = seg["kind"] not in ("headline", "body")
        console.print(
            Panel(
                styled,
                title=seg["kind"],
                title_align="left",
                border_style="dim" if dim else "green",
                style="dim" if dim else "",
            )
        )
    console.print(
        "[dim]marks:[/] [green]quoted content[/] [bold yellow]cue[/] [cyan]actor/entity[/] "
        "[bold magenta]event trigger[/] [underline]time expression[/]"
    )
    console.print(f"{len(art.get('sentences', []))} sentences · {len(ents)} entities")
    if ents:
        t = Table("entity", "label", "offsets", title="entities")
        for e in ents:
            t.add_row(Text(e["text"]), e["label"], f"{e['start']}-{e['end']}")
        console.print(t)
    core = {"segments", "sentences", "entities"}
    for table, rows in art.items():
        if not isinstance(rows, list) or table in core or not rows:
            continue
        cols = [c for c in rows[0] if c not in ("article_id", "idx")]
        t = Table(*cols, title=table)
        for r in rows:
            t.add_row(*(Text("" if r[c] is None else str(r[c])) for c in cols))
        console.print(t)


def _table(rows: list[dict[str, Any]], cols: list[str], title: str | None = None) -> Table:
    t = Table(*cols, title=title)
    for r in rows:
        t.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in cols))
    return t


def _print_rows(rows: list[dict[str, Any]], cols: list[str], as_json: bool, title: str) -> None:
    if as_json:
        for r in rows:
            print(json.dumps(r, default=str, ensure_ascii=False))
    else:
        console.print(_table(rows, cols, title))


JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")]


@app.command("actors")
def actors_(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option(help="state, igo, pmc, person, media, ...")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-3 code, e.g. PRK.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List canonical actors, most mentioned first."""
    store = _open(db, read_only=True)
    rows = store.actors(type=type, country=country, limit=limit or None)
    cols = ["id", "name", "type", "country", "sector", "mentions", "articles"]
    _print_rows(rows, cols, as_json, "actors")


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="Actor id, canonical name or any alias seen.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One actor: aliases seen, mention count and the articles that mention it."""
    store = _open(db, read_only=True)
    rec = _one_or_fail(store.actor, name, as_json)
    if rec is None:
        return
    console.print(
        Panel(
            f"[bold]{rec['name']}[/] ({rec['id']}) · {rec['type']} · country {rec['country'] or '-'}"
            f" · sector {rec['sector'] or '-'}\n{rec['mentions']} mentions in "
            f"{len(rec['articles'])} articles",
            title="actor",
        )
    )
    console.print(_table(rec["aliases"], ["text", "n"], "aliases seen"))
    console.print(
        _table(rec["articles"], ["id", "published", "publisher", "title", "mentions"], "articles")
    )


@app.command("events")
def events_(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option(help="PLOVER type: AID, ACCUSE, REJECT, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor (name, alias or id).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient (name, alias or id).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date.")] = None,
    all_segments: Annotated[
        bool, typer.Option("--all-segments", help="Include related headlines and teasers.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List event mentions with their evidence sentence."""
    store = _open(db, read_only=True)
    rows = store.events(
        type=type,
        actor=actor,
        recipient=recipient,
        since=since,
        limit=limit or None,
        own_only=not all_segments,
    )
    cols = [
        "id",
        "published",
        "type",
        "actor_id",
        "recipient_id",
        "items",
        "status",
        "polarity",
        "certainty",
        "time",
        "time_anchor",
        "sentence",
    ]
    _print_rows(rows, cols, as_json, "events")


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Speaker or outlet (name, alias, id).")
    ] = None,
    stance: Annotated[
        str | None,
        typer.Option(
            help="assert, confirm, allege, deny, estimate, expect, plan, believe, question."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Reported speech: who says what, with which stance, through which outlet."""
    store = _open(db, read_only=True)
    rows = store.quotes(speaker=speaker, stance=stance, limit=limit or None)
    cols = [
        "id",
        "published",
        "kind",
        "stance",
        "source_text",
        "source_actor_id",
        "outlet_actor_id",
        "cue",
        "content",
    ]
    _print_rows(rows, cols, as_json, "quotes")


@app.command()
def fuse(db: DbOption = None) -> None:
    """Fuse across articles: syndicated copies, events, claims (ingest does this too)."""
    store = _open(db)
    with Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("fusion", total=None)
        summary = store.fuse(stage=lambda name: _stage(progress, task, name))
    for k, v in summary.to_dict().items():
        err.print(f"{k}: {v}")


def _claims_table(rows: list[dict[str, Any]], title: str) -> Table:
    """Fused events, compact enough for an 80-column terminal."""
    t = Table(
        "id", "event", "items", "status", "conf.", "src/deny", "art.", "reported", title=title
    )
    for r in rows:
        first, last = str(r.get("first_report") or "?"), str(r.get("last_report") or "?")
        t.add_row(
            str(r["id"])[:11],
            Text(f"{r['type']} {r.get('actor_id') or '?'} → {r.get('recipient_id') or '?'}"),
            Text(r.get("items") or ""),
            r.get("status") or "",
            f"{r['confidence']:.2f}" if isinstance(r.get("confidence"), float) else "",
            f"{r.get('n_sources', 0)}/{r.get('n_deniers', 0)}",
            str(r.get("n_articles") or ""),
            first if first == last else f"{first}..{last}",
        )
    return t


@app.command()
def claims(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Supplier or recipient (name, alias, id).")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="corroborated, single-source, contested or denied.")
    ] = None,
    type: Annotated[str | None, typer.Option(help="PLOVER type: AID, ACCUSE, REJECT, ...")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Fused events: who did what to whom, how many independent sources, who denies it."""
    store = _open(db, read_only=True)
    if "fused_events" not in store.tables():
        raise _fail("no fused events in this store (run `claimgraph ingest` or `claimgraph fuse`)")
    rows = store.claims(actor=actor, status=status)
    if type:
        rows = [r for r in rows if str(r["type"]).upper() == type.upper()]
    rows = rows[: limit or None]
    if as_json:
        for r in rows:
            print(json.dumps(r, default=str, ensure_ascii=False))
        return
    console.print(_claims_table(rows, "fused events"))


@app.command()
def event(
    id: Annotated[str, typer.Argument(help="Fused event id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One fused event: reports in time order, supporters, deniers, evidence sentences."""
    store = _open(db, read_only=True)
    fe = _one_or_fail(store.fused_event, id, as_json)
    if fe is None:
        return
    console.print(
        Panel(
            f"[bold]{fe['type']}[/] {fe['actor_id'] or '?'} -> {fe['recipient_id'] or '?'}"
            f" · items {fe.get('items') or '-'} · time {fe.get('time_value') or '-'}\n"
            f"status [bold]{fe['status']}[/] · confidence {fe['confidence']:.2f} · "
            f"{fe['n_sources']} independent sources · {fe['n_deniers']} deniers · "
            f"{fe['n_articles']} articles\nsupporters: {', '.join(fe['supporters']) or '-'}\n"
            f"deniers: {', '.join(fe['deniers']) or '-'}",
            title=f"event {fe['id']}",
        )
    )
    t = Table("published", "publisher", "stance", "source", "evidence", title="claims")
    for c in fe["claims"]:
        t.add_row(
            str(c.get("published") or ""),
            Text(str(c.get("outlet") or "")),
            c["stance"],
            Text(str(c.get("source_text") or c["source_key"])),
            Text(c["evidence"]),
        )
    console.print(t)
    t = Table("published", "publisher", "copy of", "evidence", title="reports")
    for r in fe["reports"]:
        t.add_row(
            str(r.get("published") or ""),
            Text(str(r.get("publisher") or "")),
            str(r.get("copy_of") or ""),
            Text(r["evidence"]),
        )
    console.print(t)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; non-loopback needs --allow-remote and --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(help="Access token required on every request.", envvar="CLAIMGRAPH_TOKEN"),
    ] = None,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a non-loopback --host.")
    ] = False,
) -> None:
    """Serve the web app and JSON API (read-only) on http://HOST:PORT/."""
    from claimgraph.serve import serve as run
    from claimgraph.store import default_path

    try:
        run(db or default_path(), host=host, port=port, token=token, allow_remote=allow_remote)
    except (ValueError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from exc


@app.command()
def errors(
    db: DbOption = None,
    run: Annotated[int | None, typer.Option(help="Only this run's errors.")] = None,
    limit: int = 100,
) -> None:
    """List inputs that failed, with the reason."""
    store = _open(db, read_only=True)
    t = Table("run", "source", "stage", "reason")
    for e in store.errors(run_id=run, limit=limit):
        t.add_row(str(e["run_id"]), Text(e["source"]), e["stage"], Text(e["reason"]))
    console.print(t)


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")
    ] = "parquet",
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("export"),
    table: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Only these tables (repeatable).")
    ] = None,
) -> None:
    """Export the store: tables as Parquet/CSV/JSONL, fused events as GraphML/PLOVER/CAMEO."""
    store = _open(db, read_only=True)
    try:
        files = store.export(format, out, table)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    for f in files:
        err.print(f"wrote {f}")


@app.command("eval")
def eval_(
    task: Annotated[str, typer.Argument(help="Task name; `claimgraph eval list` lists them.")],
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold", "--corpus", help="Gold data folder or file (--corpus for syndication)."
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    split: Annotated[
        str | None,
        typer.Option(help="Half of a split corpus (attribution, factuality UW; default dev)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score claimgraph on an annotated corpus, beside the baseline a user would pick."""
    from claimgraph import evaluate

    if task == "list":
        for name in evaluate.tasks():
            console.print(name)
        return
    if gold is None:
        raise _fail("--gold DIR is required (e.g. ../shared/gold/article_extraction)")
    options: dict[str, Any] = {}
    if limit is not None:
        options["limit"] = limit
    if split is not None:
        options["split"] = split
    try:
        report = evaluate.run(task, gold, **options)
    except (KeyError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc.args[0] if exc.args else exc)) from exc
    if as_json:
        print(json.dumps(report.to_dict(), indent=1, default=str))
        return
    metrics: list[str] = []
    for row in report.systems.values():
        metrics += [m for m in row if m not in metrics]
    t = Table("system", *metrics, title=f"eval {report.task} · {report.gold}")
    for name, row in report.systems.items():
        t.add_row(name, *(_fmt(row.get(m)) for m in metrics))
    console.print(t)
    for k, v in report.info.items():
        console.print(f"[dim]{k}: {v}[/]")


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
