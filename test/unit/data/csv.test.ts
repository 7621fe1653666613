import { Readable } from 'node:stream';
import {
  CsvParser,
  CsvRecord,
  CsvSyntaxError,
  CsvSyntaxRule,
  readCsv,
} from '../../../layers/core/data/csv';

type Outcome = CsvRecord[] | { rule: CsvSyntaxRule; line: number };

/** Parses the chunks with the push parser; a syntax error becomes its rule and line. */
function parseChunks(chunks: (Buffer | string)[], maxRecordLength?: number): Outcome {
  const parser = new CsvParser({ maxRecordLength });
  const records: CsvRecord[] = [];
  try {
    for (const chunk of chunks) records.push(...parser.write(chunk));
    records.push(...parser.end());
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { rule: error.rule, line: error.line };
  }
  return records;
}

const parse = (text: string | Buffer) => parseChunks([Buffer.from(text)]);

/** Splits bytes into chunks at the given offsets. */
function splitAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const cuts = [0, ...offsets, bytes.length];
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
}

/**
 * The slow, obvious reading of the same rules, one character at a time, to check the fast
 * parser against on generated input.
 */
function referenceParse(input: string): Outcome {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const lineBreak = () => {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
  };
  while (i < text.length) {
    if (text[i] === '\n' || text[i] === '\r') {
      lineBreak();
      continue;
    }
    const record: CsvRecord = { fields: [], line };
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openedOn = line;
        i++;
        for (;;) {
          if (i >= text.length) return { rule: 'unterminated-quoted-field', line: openedOn };
          if (text[i] === '"') {
            if (text[i + 1] !== '"') break;
            field += '"';
            i += 2;
            continue;
          }
          if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
          field += text[i++];
        }
        i++;
        if (i < text.length && !',\r\n'.includes(text[i])) {
          return { rule: 'text-after-closing-quote', line };
        }
      } else {
        while (i < text.length && !',\r\n'.includes(text[i])) {
          if (text[i] === '"') return { rule: 'quote-in-unquoted-field', line };
          field += text[i++];
        }
      }
      record.fields.push(field);
      if (text[i] !== ',') break;
      i++;
    }
    records.push(record);
    if (i < text.length) lineBreak();
  }
  return records;
}

/** A small seeded generator, so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function collect(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of readCsv(source)) records.push(record);
  return records;
}

// Every construct at once: BOM, 2-, 3- and 4-byte characters, quotes, doubled quotes, quoted
// commas and newlines (LF and CRLF), CRLF and LF line ends, an empty line, an empty field and
// no final line end.
const TRICKY =
  '\uFEFFUSER_ID,ITEM_ID,NOTE\r\n' +
  'ü1,"i,1","say ""hi"""\r\n' +
  '\r\n' +
  'u€2,i2,"two\nlines"\n' +
  '"u😀3",,"crlf\r\ninside"\n' +
  'u4,"",end';

const TRICKY_RECORDS: CsvRecord[] = [
  { fields: ['USER_ID', 'ITEM_ID', 'NOTE'], line: 1 },
  { fields: ['ü1', 'i,1', 'say "hi"'], line: 2 },
  { fields: ['u€2', 'i2', 'two\nlines'], line: 4 },
  { fields: ['u😀3', '', 'crlf\r\ninside'], line: 6 },
  { fields: ['u4', '', 'end'], line: 8 },
];

describe('CsvParser', () => {
  describe('records and line numbers', () => {
    it('reads unquoted records with the line each starts on', () => {
      expect(parse('a,b,c\n1,2,3\n')).toEqual([
        { fields: ['a', 'b', 'c'], line: 1 },
        { fields: ['1', '2', '3'], line: 2 },
      ]);
    });

    it('reads the same records with CRLF, LF or lone CR line ends', () => {
      // Prepare
      const expected = [
        { fields: ['a', 'b'], line: 1 },
        { fields: ['1', '2'], line: 2 },
      ];

      // Act / Assess
      expect(parse('a,b\r\n1,2\r\n')).toEqual(expected);
      expect(parse('a,b\n1,2\n')).toEqual(expected);
      expect(parse('a,b\r1,2\r')).toEqual(expected);
    });

    it('reads the last record whether or not a line end follows it', () => {
      expect(parse('a,b\n1,2')).toEqual(parse('a,b\n1,2\n'));
      expect(parse('a,b\r\n1,2')).toEqual(parse('a,b\r\n1,2\r\n'));
    });

    it('skips empty lines but keeps counting them', () => {
      expect(parse('\n\na,b\n\r\n\n1,2\n\n\n')).toEqual([
        { fields: ['a', 'b'], line: 3 },
        { fields: ['1', '2'], line: 6 },
      ]);
    });

    it('keeps empty fields, including a trailing one', () => {
      expect(parse('a,,c,\n,,,\n')).toEqual([
        { fields: ['a', '', 'c', ''], line: 1 },
        { fields: ['', '', '', ''], line: 2 },
      ]);
    });

    it('keeps spaces around unquoted values', () => {
      expect(parse(' a , b \n')).toEqual([{ fields: [' a ', ' b '], line: 1 }]);
    });

    it('yields nothing for empty input, only line ends or only a BOM', () => {
      expect(parse('')).toEqual([]);
      expect(parse('\r\n\n\r')).toEqual([]);
      expect(parse('\uFEFF')).toEqual([]);
    });
  });

  describe('quoted fields', () => {
    it('removes the enclosing quotes and undoes doubled quotes', () => {
      expect(parse('"a","say ""hi""","""",""\n')).toEqual([
        { fields: ['a', 'say "hi"', '"', ''], line: 1 },
      ]);
    });

    it('keeps commas inside quotes', () => {
      expect(parse('"a,b",c\n')).toEqual([{ fields: ['a,b', 'c'], line: 1 }]);
    });

    it('keeps newlines inside quotes and counts them in later line numbers', () => {
      expect(parse('"one\ntwo\r\nthree",x\nnext,y\n')).toEqual([
        { fields: ['one\ntwo\r\nthree', 'x'], line: 1 },
        { fields: ['next', 'y'], line: 4 },
      ]);
    });

    it('reads a quoted last field at the end of input', () => {
      expect(parse('a,"b"')).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    });
  });

  describe('encoding', () => {
    it('strips a UTF-8 BOM at the start only', () => {
      expect(parse('\uFEFFa,\uFEFFb\n')).toEqual([{ fields: ['a', '\uFEFFb'], line: 1 }]);
    });

    it('strips a BOM split across chunks', () => {
      // Prepare
      const bytes = Buffer.from('\uFEFFa,b\n');

      // Act
      const outcome = parseChunks([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]);

      // Assess
      expect(outcome).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    });

    it('decodes multi-byte characters split across chunks', () => {
      // Prepare: 2-, 3- and 4-byte sequences, fed one byte at a time.
      const bytes = Buffer.from('é,€,😀\n');

      // Act
      const outcome = parseChunks([...bytes].map((byte) => Buffer.from([byte])));

      // Assess
      expect(outcome).toEqual([{ fields: ['é', '€', '😀'], line: 1 }]);
    });

    it('rejects bytes that are not UTF-8 with the line they are on', () => {
      // Prepare: Latin-1 "é" on line 3.
      const bytes = Buffer.concat([
        Buffer.from('a,b\n1,2\ncaf'),
        Buffer.from([0xe9]),
        Buffer.from(',3\n'),
      ]);

      // Act / Assess
      expect(parse(bytes)).toEqual({ rule: 'invalid-utf8', line: 3 });
    });

    it('rejects a multi-byte character cut short by the end of input', () => {
      expect(parse(Buffer.from([0x61, 0x2c, 0xe2, 0x82]))).toEqual({
        rule: 'invalid-utf8',
        line: 1,
      });
    });
  });

  describe('chunk boundaries', () => {
    it('parses the tricky input as expected', () => {
      expect(parse(TRICKY)).toEqual(TRICKY_RECORDS);
    });

    it('gives the same records wherever one byte boundary falls', () => {
      const bytes = Buffer.from(TRICKY);
      for (let offset = 0; offset <= bytes.length; offset++) {
        expect({ offset, outcome: parseChunks(splitAt(bytes, [offset])) }).toEqual({
          offset,
          outcome: TRICKY_RECORDS,
        });
      }
    });

    it('gives the same records wherever two byte boundaries fall', () => {
      const bytes = Buffer.from(TRICKY);
      for (let first = 0; first <= bytes.length; first++) {
        for (let second = first; second <= bytes.length; second++) {
          const outcome = parseChunks(splitAt(bytes, [first, second]));
          expect({ first, second, outcome }).toEqual({ first, second, outcome: TRICKY_RECORDS });
        }
      }
    });

    it('gives the same records wherever a string chunk boundary falls', () => {
      for (let offset = 0; offset <= TRICKY.length; offset++) {
        const chunks = [TRICKY.slice(0, offset), TRICKY.slice(offset)];
        expect({ offset, outcome: parseChunks(chunks) }).toEqual({
          offset,
          outcome: TRICKY_RECORDS,
        });
      }
    });

    it('gives the same records one byte at a time', () => {
      const bytes = Buffer.from(TRICKY);
      expect(parseChunks([...bytes].map((byte) => Buffer.from([byte])))).toEqual(TRICKY_RECORDS);
    });

    it('gives the same error wherever a byte boundary falls', () => {
      // Prepare: the closing quote of a two-line field is followed by text.
      const bytes = Buffer.from('a,b\n"x\ny"z,1\n');

      for (let offset = 0; offset <= bytes.length; offset++) {
        expect({ offset, outcome: parseChunks(splitAt(bytes, [offset])) }).toEqual({
          offset,
          outcome: { rule: 'text-after-closing-quote', line: 3 },
        });
      }
    });
  });

  describe('broken quoting', () => {
    it('rejects a quote inside an unquoted field with its line', () => {
      expect(parse('a,b\n1,x"y\n')).toEqual({ rule: 'quote-in-unquoted-field', line: 2 });
    });

    it('rejects a space before an opening quote as a quote inside an unquoted field', () => {
      expect(parse('a, "b"\n')).toEqual({ rule: 'quote-in-unquoted-field', line: 1 });
    });

    it('rejects text after a closing quote with the line of that quote', () => {
      expect(parse('a,b\n"one\ntwo"x,1\n')).toEqual({ rule: 'text-after-closing-quote', line: 3 });
    });

    it('rejects an unterminated quoted field with the line it opens on', () => {
      expect(parse('a,b\n1,"open\nand on\nand on\n')).toEqual({
        rule: 'unterminated-quoted-field',
        line: 2,
      });
    });

    it('names the line and field in the message', () => {
      // Act
      let thrown: unknown;
      try {
        new CsvParser().write('a,b\n1,x"y\n');
      } catch (error) {
        thrown = error;
      }

      // Assess
      expect(thrown).toBeInstanceOf(CsvSyntaxError);
      expect((thrown as Error).message).toMatch(/^line 2: field 2 has a quote/);
    });

    it('gives up on a record longer than the limit instead of holding the rest of the file', () => {
      // Prepare: a stray quote on line 2 would swallow everything after it.
      const chunks = ['a,b\n1,"stray\n', ...Array.from({ length: 100 }, () => 'x,y\n')];

      // Act / Assess
      expect(parseChunks(chunks, 200)).toEqual({ rule: 'record-too-long', line: 2 });
    });
  });

  describe('against the reference parser', () => {
    it('agrees on generated input, whole and in random chunks', () => {
      // Prepare: pieces chosen to hit every rule, including broken ones.
      const pieces = ['a', 'bc', ',', '"', '""', '\n', '\r', '\r\n', 'é', '😀', ' '];
      const random = mulberry32(4180);

      for (let run = 0; run < 3000; run++) {
        let text = random() < 0.1 ? '\uFEFF' : '';
        const length = Math.floor(random() * 25);
        for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
        const bytes = Buffer.from(text);
        const offsets = [random(), random()]
          .map((r) => Math.floor(r * (bytes.length + 1)))
          .sort((x, y) => x - y);

        // Act
        const expected = referenceParse(text);

        // Assess
        expect({ text, outcome: parseChunks([bytes]) }).toEqual({ text, outcome: expected });
        expect({ text, offsets, outcome: parseChunks(splitAt(bytes, offsets)) }).toEqual({
          text,
          offsets,
          outcome: expected,
        });
      }
    });
  });
});

describe('readCsv', () => {
  it('reads records from a Node Readable of Buffers', async () => {
    // Prepare
    const bytes = Buffer.from(TRICKY);
    const stream = Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 30), bytes.subarray(30)]);

    // Act / Assess
    await expect(collect(stream)).resolves.toEqual(TRICKY_RECORDS);
  });

  it('reads records from an async iterable of strings', async () => {
    // Prepare
    async function* source(): AsyncGenerator<string> {
      yield 'a,"b\n';
      yield 'c"\n1,2';
    }

    // Act / Assess
    await expect(collect(source())).resolves.toEqual([
      { fields: ['a', 'b\nc'], line: 1 },
      { fields: ['1', '2'], line: 3 },
    ]);
  });

  it('yields the records before a syntax error, then throws it', async () => {
    // Prepare
    const records: CsvRecord[] = [];

    // Act
    const reading = (async () => {
      for await (const record of readCsv(Readable.from([Buffer.from('a,b\n1,2\n3,"4\n')]))) {
        records.push(record);
      }
    })();

    // Assess
    await expect(reading).rejects.toThrow('line 3: field 2 opens a quote that is never closed');
    expect(records.map((record) => record.line)).toEqual([1, 2]);
  });
});
