"""`talentbot index build` and `talentbot index status`."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from bot.cli.common import calibrate, corpus_failure, fail, settings
from corpus.loader import ArticleError, load_articles
from index.embedder import MODEL_NAME, ModelIntegrityError
from index.store import IndexMissingError, is_stale, read_manifest

index_app = typer.Typer(help="Build or inspect the search index.", no_args_is_help=True)
# Manifest fields too long to be read: one hash per article, the map of syndicated copies.
UNSHOWN = ("article_hashes", "canonical")


@index_app.command("build")
def index_build(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    calibrate_after: Annotated[
        bool,
        typer.Option("--calibrate", help="Then fit the 'I don't know' thresholds on the evaluation set."),
    ] = False,
) -> None:
    """Embed new or changed articles and write the index (atomically) into the data directory."""
    from answer.engine import Engine
    from bot.runtime import refresh_index
    from index.embedder import SentenceTransformerEmbedder

    s = settings()
    try:
        embedder = SentenceTransformerEmbedder()
        data, report = refresh_index(s, embedder, progress=not quiet)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    except (ModelIntegrityError, IndexMissingError) as exc:
        raise fail(str(exc)) from exc
    typer.echo(
        f"Index built in {report.elapsed_s:.1f}s: {report.articles} articles, {report.passages} passages; "
        f"embedded {report.embedded_articles} new or changed articles ({report.embedded_texts} texts), "
        f"kept {report.reused_articles}. -> {report.directory}"
    )
    typer.echo(query_encoder_line(data.manifest))
    if calibrate_after:
        calibrate(Engine(data, embedder), s.index_dir, None)


def query_encoder_line(manifest: dict[str, Any]) -> str:
    onnx = manifest.get("onnx")
    if not isinstance(onnx, dict):
        return "Query encoder: sentence-transformers (no ONNX export in this build)"
    line = (
        f"Query encoder: ONNX {onnx.get('path')} (onnxruntime, no torch; lowest cosine to "
        f"sentence-transformers {onnx.get('min_cosine')})"
    )
    if onnx.get("int8_sha256"):
        line += (
            f"; its int8 copy answers unless TALENTBOT_QUERY_PRECISION=fp32 (lowest cosine to the float32 "
            f"graph {onnx.get('int8_min_cosine')})"
        )
    return line


@index_app.command("status")
def index_status() -> None:
    """Show the manifest of the current index and whether the corpus changed since."""
    s = settings()
    manifest = read_manifest(s.index_dir)
    if manifest is None:
        raise fail(f"no index in {s.index_dir}: run `talentbot index build`")
    stale = is_stale(manifest, load_articles(s.all_corpus_dirs), MODEL_NAME)
    shown = {k: v for k, v in manifest.items() if k not in UNSHOWN}
    typer.echo(json.dumps(shown, indent=2, sort_keys=True))
    typer.echo("status: " + ("STALE (run `talentbot index build`)" if stale else "up to date"))
    calibration = manifest.get("calibration")
    if calibration is None:
        typer.echo(
            "calibration: built-in thresholds fitted on the shipped corpus (`talentbot eval --calibrate` refits)"
        )
    elif calibration.get("corpus_hash") != manifest.get("corpus_hash"):
        typer.echo("calibration: fitted on an earlier corpus; run `talentbot eval --calibrate` to refit")
    else:
        typer.echo(f"calibration: fitted {calibration.get('fitted_at')} on this corpus")
