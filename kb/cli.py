"""``python -m kb`` / ``kb``: build, check and query the knowledge base from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from sqlalchemy.orm import Session

from kb import cli_outside, cli_questions
from kb.wording import answers, summary
from kb.build import ContentInvalid, built_fingerprint, checked_content, fingerprint, prepare_schema, replace_content
from kb.content.load import CONTENT_DIR, Content
from kb.db import BUILD_DIR, KnowledgeBaseUnavailable, database_url, make_engine, open_existing
from kb.nlp import PIPELINE_DIR, build_pipeline
from kb.queries import compare, contrast_sources, list_roles
from kb.report import build_report, report_text, write_report
from kb.results import Comparison, SameRole, UnknownArea, UnknownDimension, UnknownRole, Verdict
from kb.usage import create_usage_tables
from kb.content.rules.outside import check_outside
from kb.content.rules.pay import check_pay
from kb.content.rules.pay_levels import check_pay_levels
from kb.wages.fetch import OEWS_DIR, OEWS_WHEEL, WageDataError, ensure_wage_data
from kb.wages.load import known_soc_codes, load_wage_tables, national_percentiles


def _build(args: argparse.Namespace) -> int:
    wage_data = ensure_wage_data(args.wages)
    content = checked_content(args.content)
    known = known_soc_codes(wage_data.database)
    unknown_codes = check_pay(content, known) + check_outside(content, known)
    if unknown_codes:
        raise ContentInvalid(unknown_codes)
    _check_against_wages(content, wage_data.database)
    engine = make_engine(args.database_url)
    where = engine.url.render_as_string(hide_password=True)
    current = fingerprint(args.content)
    reload = args.force or built_fingerprint(engine) != current
    prepare_schema(engine)
    # Content, wages and the roles' pay rows commit together: readers see the old KB or the new one.
    with Session(engine) as session, session.begin():
        counts = replace_content(session, content, current) if reload else None
        wages = load_wage_tables(session, wage_data.database, wage_data.manifest["database_sha256"], content)
    if counts is None:
        print(f"Knowledge base at {where} is up to date (content and loader unchanged); not reloaded.")
    else:
        print(f"Built knowledge base at {where}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    print("Usage tables (never touched by a rebuild): " + ", ".join(create_usage_tables(engine)))
    fetched = "downloaded and unpacked" if wage_data.downloaded else "unpacked" if wage_data.extracted else "up to date"
    print(f"Wage data (US BLS OEWS, {wage_data.manifest['release']['description']}) at {wage_data.database}: {fetched}")
    print("Wage tables: " + (", ".join(f"{n} {what}" for what, n in wages.items()) if wages else "up to date"))
    with Session(engine) as session:
        patterns = build_pipeline(session, args.pipeline)
    print(f"Built spaCy role pipeline at {args.pipeline}: {patterns} patterns")
    return 0


def _check_against_wages(content: Content, database: Path) -> None:
    """Raise ``ContentInvalid`` when pay levels or authored pay verdicts disagree with the wage data."""
    codes = {soc for role in content.roles for soc, _ in role.soc}
    errors = check_pay_levels(content, national_percentiles(database, codes))
    if errors:
        raise ContentInvalid(errors)


def _validate(args: argparse.Namespace) -> int:
    content = checked_content(args.content)
    database = OEWS_DIR / Path(OEWS_WHEEL.data_member).stem
    if database.exists():
        _check_against_wages(content, database)
    print(
        f"Content OK: {len(content.dimensions)} dimensions, {len(content.roles)} roles, "
        f"{len(content.contrasts)} contrasts."
    )
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from kb.ingest import ArticleError, ingest_file

    with Session(open_existing(args.database_url)) as session:
        try:
            report = ingest_file(session, args.article, args.out)
        except (ArticleError, OSError, UnicodeDecodeError) as error:
            print(f"Cannot ingest {args.article}: {error}", file=sys.stderr)
            return 2
    print(report.summary())
    return 0


def _report(args: argparse.Namespace) -> int:
    engine = open_existing(args.database_url)
    create_usage_tables(engine)
    with Session(engine) as session:
        report = build_report(session)
    print(report_text(report))
    if args.out is not None:
        print(f"Written to {write_report(report, args.out)}")
    return 0


def _roles(args: argparse.Namespace) -> int:
    with Session(open_existing(args.database_url)) as session:
        print(answers.role_list_text(list_roles(session)))
    return 0


def _compare(args: argparse.Namespace) -> int:
    with Session(open_existing(args.database_url)) as session:
        result = compare(session, args.role_a, args.role_b, args.dimension, args.area)
        if args.sources and isinstance(result, (Verdict, Comparison)):
            slug = result.dimension.slug if isinstance(result, Verdict) else None
            sources = answers.sources_text(contrast_sources(session, result.first, result.second), slug)
            result_text = (
                answers.verdict_text(result) if isinstance(result, Verdict) else summary.comparison_text(result)
            )
            print(f"{result_text}\n{sources}")
            return 0
    if isinstance(result, Verdict):
        print(answers.verdict_text(result))
    elif isinstance(result, Comparison):
        print(summary.comparison_text(result))
    elif isinstance(result, UnknownRole):
        print(answers.unknown_role_text(result))
        return 1
    elif isinstance(result, SameRole):
        print(answers.same_role_text(result))
        return 1
    elif isinstance(result, UnknownDimension):
        print(answers.unknown_dimension_text(result))
        return 1
    elif isinstance(result, UnknownArea):
        print(answers.unknown_area_text(result))
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kb", description=__doc__)
    root.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL (default: $DATABASE_URL, else the SQLite file under build/)",
    )
    root.add_argument("--content", type=Path, default=CONTENT_DIR, help="content folder")
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate content, load it and build the spaCy pipeline")
    build.add_argument("--pipeline", type=Path, default=PIPELINE_DIR, help="where to save the pipeline")
    build.add_argument("--wages", type=Path, default=OEWS_DIR, help="where the OEWS wage data is kept")
    build.add_argument("--force", action="store_true", help="reload even if the content has not changed")
    build.set_defaults(run=_build)
    commands.add_parser("validate", help="check the content files").set_defaults(run=_validate)
    ingest = commands.add_parser("ingest", help="draft a contrast file from a plain-text article")
    ingest.add_argument("article", type=Path)
    ingest.add_argument("--out", type=Path, default=None, help="draft file (default: build/drafts/)")
    ingest.set_defaults(run=_ingest)
    report = commands.add_parser("report", help="a content author's to-do list from what people asked")
    report.add_argument("--out", type=Path, default=BUILD_DIR / "report", help="folder for report.md and its plot")
    report.add_argument("--no-files", dest="out", action="store_const", const=None, help="print only")
    report.set_defaults(run=_report)
    commands.add_parser("roles", help="list roles by family").set_defaults(run=_roles)
    compare_cmd = commands.add_parser("compare", help="compare two roles, as the bot would answer")
    compare_cmd.add_argument("role_a")
    compare_cmd.add_argument("role_b")
    compare_cmd.add_argument("--dimension", default=None, help="dimension slug, e.g. budget")
    compare_cmd.add_argument(
        "--sources", action="store_true", help="also list the public sources an authored comparison rests on"
    )
    compare_cmd.add_argument("--area", default=None, help="US state or metro area for pay figures (default: national)")
    compare_cmd.set_defaults(run=_compare)
    cli_questions.register(commands)
    cli_outside.register(commands)
    return root


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    if args.database_url is None:
        args.database_url = database_url()
    try:
        return int(args.run(args))
    except ContentInvalid as error:
        print(f"Content has {len(error.errors)} problem(s); nothing was built:", file=sys.stderr)
        for problem in error.errors:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except (KnowledgeBaseUnavailable, WageDataError) as error:
        print(str(error), file=sys.stderr)
        return 2
