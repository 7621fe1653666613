/**
 * Streaming RFC 4180 CSV reader for dataset imports. Input arrives as UTF-8 chunks cut at
 * arbitrary byte offsets (S3 bodies, file streams); records come out with the physical line
 * they start on, so a validation error can point at the line a user sees in an editor.
 *
 * Accepted beyond the RFC: LF as well as CRLF line ends (and a lone CR, as old spreadsheet
 * exports write), a UTF-8 byte order mark, a missing final line end. Empty lines are skipped:
 * no Personalize dataset has fewer than two columns, so an empty line is never a record.
 * Broken quoting and invalid UTF-8 are errors, never guessed at.
 *
 * Why not csv-parse (issue 13, item 6; `npm run bench -- csv`, 1M rows streamed from disk in
 * 64 KiB chunks, csv-parse 7.0.3, Node 20, on the 2-core dev machine): it is 3.5 to 5 times
 * slower, and 10 times slower with `info: true`, which it needs to give any line at all.
 *
 *   rows/s                         here    csv-parse   csv-parse info
 *   plain interactions, 4 cols    2.50M         678k             219k
 *   quoted, commas/newlines/""    1.87M         545k             185k
 *   wide items, 400-char text      511k         104k              79k
 *
 * Peak RSS is alike (here 103-122 MB, csv-parse 87-95 MB, with info 130-137 MB). Nor do its
 * positions serve the import's messages: `info.lines` is the line a record ends on; a CRLF
 * inside quotes counts as two lines, so every later line is off by one; an unclosed quote is
 * reported at the last line of the file, not where it opens. It imports a Latin-1 file with
 * U+FFFD where the accents were, and in a file that mixes LF and CRLF it keeps the CR in the
 * last value ("2\r"). Each of those would need code here on top, in the hottest loop.
 */

export interface CsvRecord {
  /** The values, with enclosing quotes removed and doubled quotes undone. */
  fields: string[];
  /** 1-based physical line the record starts on; newlines inside quotes advance later lines. */
  line: number;
}

export type CsvSyntaxRule =
  | 'quote-in-unquoted-field'
  | 'text-after-closing-quote'
  | 'unterminated-quoted-field'
  | 'record-too-long'
  | 'invalid-utf8';

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly line: number,
    readonly rule: CsvSyntaxRule,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`line ${line}: ${detail}`, options);
  }
}

export interface CsvOptions {
  /**
   * Longest record, in characters, held while waiting for its end. Bounds memory when a
   * stray quote swallows the rest of a large file.
   * @default 4 Mi characters (a row of 100 metadata fields of 20,000 characters fits twice)
   */
  maxRecordLength?: number;
}

const DEFAULT_MAX_RECORD_LENGTH = 4 * 1024 * 1024;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const BOM = 0xfeff;

/**
 * Push parser: feed chunks with `write`, then call `end`. Each call returns the records it
 * completed. A record is only emitted once its line end (or the end of input) is seen, so the
 * unconsumed text always starts at a record boundary and a chunk split can never change the
 * result.
 */
export class CsvParser {
  // fatal: a Latin-1 file must fail loudly, not import U+FFFD where its accents were.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly maxRecordLength: number;
  /** Text not yet emitted; it starts at a record boundary. */
  private pending = '';
  /** Physical line on which `pending` starts. */
  private line = 1;
  private sawText = false;

  constructor(options: CsvOptions = {}) {
    this.maxRecordLength = options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
  }

  write(chunk: Buffer | Uint8Array | string): CsvRecord[] {
    return this.parse(this.decode(chunk), false);
  }

  end(): CsvRecord[] {
    return this.parse(this.decode(undefined), true);
  }

  private decode(chunk: Buffer | Uint8Array | string | undefined): string {
    let text = typeof chunk === 'string' ? chunk : this.decodeBytes(chunk);
    // The BOM may itself be split across chunks, so look for it in the first text decoded.
    if (!this.sawText && text.length > 0) {
      this.sawText = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    return text;
  }

  private decodeBytes(bytes: Uint8Array | undefined): string {
    try {
      // Streaming: a character cut by a chunk boundary is held back until its rest arrives.
      return bytes === undefined
        ? this.decoder.decode()
        : this.decoder.decode(bytes, { stream: true });
    } catch (error) {
      throw this.invalidUtf8(bytes, error);
    }
  }

  /** Points at the line of the first bad byte, found by decoding the chunk leniently. */
  private invalidUtf8(bytes: Uint8Array | undefined, cause: unknown): CsvSyntaxError {
    const lenient = bytes === undefined ? '' : new TextDecoder('utf-8').decode(bytes);
    const bad = Math.max(0, lenient.indexOf('\uFFFD'));
    const line =
      this.line +
      countLineBreaks(this.pending, 0, this.pending.length) +
      countLineBreaks(lenient, 0, bad);
    return new CsvSyntaxError(line, 'invalid-utf8', 'the file is not valid UTF-8', { cause });
  }

  private parse(text: string, final: boolean): CsvRecord[] {
    const s = this.pending.length === 0 ? text : this.pending + text;
    const n = s.length;
    const records: CsvRecord[] = [];
    let pos = 0;
    let line = this.line;

    // Each pass reads one record starting at `pos`; `break records` leaves it for the next chunk.
    records: while (pos < n) {
      let c = s.charCodeAt(pos);
      if (c === LF || c === CR) {
        const next = lineBreakEnd(s, pos, final);
        if (next < 0) break;
        pos = next;
        line++;
        continue;
      }

      const recordLine = line;
      const fields: string[] = [];
      let p = pos;
      let l = line;
      for (;;) {
        if (p < n && s.charCodeAt(p) === QUOTE) {
          const open = p;
          let value = '';
          let from = p + 1;
          for (;;) {
            const close = s.indexOf('"', from);
            if (close < 0 || (close + 1 === n && !final)) {
              if (final) {
                throw new CsvSyntaxError(
                  l,
                  'unterminated-quoted-field',
                  `field ${fields.length + 1} opens a quote that is never closed`,
                );
              }
              break records;
            }
            if (s.charCodeAt(close + 1) === QUOTE) {
              value += s.slice(from, close + 1);
              from = close + 2;
              continue;
            }
            value += s.slice(from, close);
            l += countLineBreaks(s, open + 1, close);
            p = close + 1;
            break;
          }
          fields.push(value);
          if (p === n) {
            if (!final) break records;
          } else {
            c = s.charCodeAt(p);
            if (c === COMMA) {
              p++;
              continue;
            }
            if (c !== LF && c !== CR) {
              throw new CsvSyntaxError(
                l,
                'text-after-closing-quote',
                `field ${fields.length} has text after its closing quote; a quote inside a quoted field must be doubled ("")`,
              );
            }
          }
        } else {
          const start = p;
          // Most bytes of a data file sort above the comma, so one comparison clears them.
          while (p < n) {
            c = s.charCodeAt(p);
            if (c > COMMA) {
              p++;
              continue;
            }
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) {
              throw new CsvSyntaxError(
                l,
                'quote-in-unquoted-field',
                `field ${fields.length + 1} has a quote but does not start with one; quote the whole field and double the quotes inside it`,
              );
            }
            p++;
          }
          if (p === n && !final) break records;
          fields.push(s.slice(start, p));
          if (c === COMMA && p < n) {
            p++;
            continue;
          }
        }
        // Here p is at the record's line break, or at the end of the final text.
        if (p < n) {
          const next = lineBreakEnd(s, p, final);
          if (next < 0) break records;
          p = next;
          l++;
        }
        break;
      }
      records.push({ fields, line: recordLine });
      pos = p;
      line = l;
    }

    this.pending = pos === 0 ? s : s.slice(pos);
    this.line = line;
    if (this.pending.length > this.maxRecordLength) {
      throw new CsvSyntaxError(
        line,
        'record-too-long',
        `the record is longer than ${this.maxRecordLength} characters; is a quoted field missing its closing quote?`,
      );
    }
    return records;
  }
}

/**
 * Where the line break at `pos` ends: CRLF counts as one break. Returns -1 when a CR ends
 * the text and more text may still bring its LF.
 */
function lineBreakEnd(s: string, pos: number, final: boolean): number {
  if (s.charCodeAt(pos) === LF) return pos + 1;
  if (pos + 1 < s.length) return s.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  return final ? pos + 1 : -1;
}

function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Reads records from a byte or text stream, such as a Node Readable or an S3 GetObject body.
 * Throws CsvSyntaxError on broken quoting or invalid UTF-8.
 */
export async function* readCsv(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  options?: CsvOptions,
): AsyncGenerator<CsvRecord, void, undefined> {
  const parser = new CsvParser(options);
  for await (const chunk of source) {
    for (const record of parser.write(chunk)) yield record;
  }
  for (const record of parser.end()) yield record;
}
