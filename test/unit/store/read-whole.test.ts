import { Readable } from 'node:stream';
import { readWhole } from '../../../layers/core/store/read-whole';

/** A stream of these chunks that counts how many were read. */
function chunksOf(...chunks: (Uint8Array | string)[]) {
  let read = 0;
  async function* stream() {
    for (const chunk of chunks) {
      read++;
      yield chunk;
    }
  }
  return { stream: stream(), read: () => read };
}

describe('readWhole', () => {
  it('joins every chunk, strings as UTF-8', async () => {
    const { stream } = chunksOf(Buffer.from('caf'), 'é ', new Uint8Array([0x21]));
    expect((await readWhole(stream)).toString('utf8')).toBe('café !');
  });

  it('reads an empty stream as no bytes', async () => {
    expect(await readWhole(chunksOf().stream)).toEqual(Buffer.alloc(0));
  });

  it('reads a node stream, as a request body comes', async () => {
    expect(await readWhole(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]))).toEqual(
      Buffer.from('{"a":1}'),
    );
  });

  it('keeps a body within the limit whole', async () => {
    const { stream } = chunksOf('abc', 'de');
    expect((await readWhole(stream, 5)).toString()).toBe('abcde');
  });

  it('holds one byte past the limit and reads the rest to the end', async () => {
    const { stream, read } = chunksOf('abc', 'def', 'ghi', 'jkl');
    const bytes = await readWhole(stream, 4);
    expect(bytes.toString()).toBe('abcde');
    expect(read()).toBe(4);
  });
});
