"""``zd-validate FILE [--schema schema.json] [--sheet NAME] [--format text|json|html] [--output normalised.csv]``

Exit code 0 when the file may be published; 1 when it may not — errors found, personal information
found, or the file cannot be read at all (the reason goes to stderr). Click's own usage errors exit 2.
A progress bar (bytes of the file, on stderr) is shown for files of 10 MB or more.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zhangdian_validators import messages as M
from zhangdian_validators import report
from zhangdian_validators.engine import OPEN_ATTRIBUTES, validate
from zhangdian_validators.errors import ValidatorError

PROGRESS_BAR_FROM_BYTES = 10 * 1024 * 1024


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--schema", type=click.Path(exists=True, dir_okay=False), help="Table Schema (schema.json).")
@click.option("--sheet", help="Worksheet of an XLSX/XLS file (default: the first).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="text/html: the Chinese human report; json: the frictionless report.")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the normalised UTF-8 CSV here.")
@click.option("--open-attribute", type=click.Choice(list(OPEN_ATTRIBUTES)), default="无条件开放", show_default=True,
              help="How the data will be opened (closed data skips the personal-information scan).")
@click.option("--limit-errors", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Keep at most this many errors in the report (all are counted).")
def main(file, schema, sheet, output_format, output, open_attribute, limit_errors):
    """Validate FILE (CSV, XLSX, XLS or JSON) for publishing on the Zhangdian open data portal."""
    path = Path(file)
    size = path.stat().st_size if path.is_file() else 0
    try:
        with click.progressbar(length=max(size, 1), label=M.CLI_PROGRESS, file=sys.stderr,
                               hidden=size < PROGRESS_BAR_FROM_BYTES) as bar:
            result = validate(path, schema, sheet=sheet, output=output, open_attribute=open_attribute,
                              limit_errors=limit_errors,
                              progress=lambda rows, position: bar.update(max(0, position - bar.pos)))
    except ValidatorError as error:
        click.secho(M.CLI_CANNOT_VALIDATE.format(error=error), fg="red", err=True)
        sys.exit(1)
    if output_format == "json":
        click.echo(report.render_json(result))
    elif output_format == "html":
        click.echo(report.render_html(result))
    else:
        click.echo(report.render_text(result))
    sys.exit(0 if result.valid else 1)
