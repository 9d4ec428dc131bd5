"""``zd-validate FILE [--schema schema.json] [--sheet NAME] [--format text|json|html] [--output normalised.csv]``

Exit code 0 when the file may be published, 1 when it may not, 2 when it cannot be read at all.
"""

from __future__ import annotations

import sys

import click

from zhangdian_validators import report
from zhangdian_validators.engine import validate
from zhangdian_validators.errors import ValidatorError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--schema", type=click.Path(exists=True, dir_okay=False), help="Table Schema (schema.json).")
@click.option("--sheet", help="Worksheet of an XLSX/XLS file (default: the first).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the normalised UTF-8 CSV here.")
@click.option("--open-attribute", type=click.Choice(["unconditional", "conditional", "closed"]),
              default="unconditional", help="How the data will be opened (closed data skips the PII scan).")
def main(file, schema, sheet, output_format, output, open_attribute):
    """Validate FILE (CSV, XLSX, XLS or JSON) for publishing on the Zhangdian open data portal."""
    try:
        with click.progressbar(length=0, label="校验中", file=sys.stderr, show_pos=True) as bar:
            result = validate(file, schema, sheet=sheet, output=output, open_attribute=open_attribute,
                              progress=lambda rows: bar.update(rows - bar.pos))
    except ValidatorError as error:
        click.secho(f"无法校验：{error}", fg="red", err=True)
        sys.exit(2)
    if output_format == "json":
        click.echo(report.render_json(result))
    elif output_format == "html":
        click.echo(report.render_html(result))
    else:
        click.echo(report.render_text(result))
    sys.exit(0 if result.valid else 1)
