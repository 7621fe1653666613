/**
 * A compact dataset back to CSV, in the form an import reads: what a dataset export job
 * writes to S3.
 */
import { NULL_BOOLEAN, NULL_INDEX, type CompactColumn, type CompactDataset } from './columns';

/**
 * The dataset as CSV text: a header line, then rows in chunks of `rowsPerChunk`, ready to
 * stream to S3. Nulls are empty fields; numbers print in their shortest exact form.
 */
export function* toCsv(
  dataset: CompactDataset,
  rowsPerChunk = 10_000,
): Generator<string, void, undefined> {
  const formats = dataset.columns.map(formatter);
  yield `${dataset.columns.map((column) => quoteCsv(column.field.name)).join(',')}\n`;
  for (let start = 0; start < dataset.rowCount; start += rowsPerChunk) {
    const end = Math.min(start + rowsPerChunk, dataset.rowCount);
    const lines: string[] = [];
    for (let r = start; r < end; r++) {
      let line = formats[0](r);
      for (let c = 1; c < formats.length; c++) line += `,${formats[c](r)}`;
      lines.push(line);
    }
    yield `${lines.join('\n')}\n`;
  }
}

function formatter(column: CompactColumn): (row: number) => string {
  switch (column.kind) {
    case 'string': {
      // Quote each distinct value once rather than once per row.
      const quoted = column.dictionary.map(quoteCsv);
      const { indices } = column;
      return (row) => (indices[row] === NULL_INDEX ? '' : quoted[indices[row]]);
    }
    case 'float64': {
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? '' : String(values[row]));
    }
    case 'float32': {
      const { values } = column;
      return (row) => (Number.isNaN(values[row]) ? '' : formatFloat32(values[row]));
    }
    case 'boolean': {
      const { values } = column;
      return (row) => (values[row] === NULL_BOOLEAN ? '' : values[row] === 1 ? 'true' : 'false');
    }
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

function quoteCsv(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The shortest decimal that reads back as the same float32: an imported 0.1 is stored as
 * 0.100000001490116..., and should export as 0.1 again.
 */
function formatFloat32(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}
