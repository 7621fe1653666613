/**
 * ObjectStore's promises (store/object-ports.ts), held by the in-memory store and the S3 adapter
 * on s3rver alike: keys in order under a prefix, missing objects read as undefined, versions that
 * change with the object, and a streamed write that appears whole or not at all.
 */
import type { ObjectStore } from '../../../../layers/core/store/object-ports';
import { BUCKETS, eachImplementation, unique } from './implementations';

const [BUCKET, OTHER] = BUCKETS as [string, string];

async function text(store: ObjectStore, bucket: string, key: string) {
  const body = await store.read({ bucket, key });
  if (!body) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function* produce(chunks: (string | Uint8Array)[], failAfter?: number) {
  for (const [i, chunk] of chunks.entries()) {
    if (i === failAfter) throw new Error('the producer failed');
    yield chunk;
  }
}

eachImplementation((stores) => {
  const store = () => stores().objects;

  it('reads back what was written, as text or bytes', async () => {
    const folder = unique('written');

    await store().write({ bucket: BUCKET, key: `${folder}/a.csv` }, 'A,B\n1,2\n');
    await store().write({ bucket: BUCKET, key: `${folder}/b.bin` }, Uint8Array.from([104, 105]));

    expect(await text(store(), BUCKET, `${folder}/a.csv`)).toBe('A,B\n1,2\n');
    expect(await text(store(), BUCKET, `${folder}/b.bin`)).toBe('hi');
  });

  it('reads a missing object, or one in a missing bucket, as undefined', async () => {
    expect(await store().read({ bucket: BUCKET, key: unique('missing') })).toBeUndefined();
    expect(await store().read({ bucket: 'no-such-bucket', key: 'a' })).toBeUndefined();
    expect(await store().version({ bucket: BUCKET, key: unique('missing') })).toBeUndefined();
  });

  it('lists the keys under a prefix in order, and only that bucket’s', async () => {
    const folder = unique('listed');
    for (const key of ['b.csv', 'a.csv', 'sub/c.csv', 'a.csv.bak']) {
      await store().write({ bucket: BUCKET, key: `${folder}/${key}` }, key);
    }
    await store().write({ bucket: OTHER, key: `${folder}/other.csv` }, 'x');
    await store().write({ bucket: BUCKET, key: `${folder}-sibling/d.csv` }, 'x');

    expect(await store().list(BUCKET, `${folder}/`)).toEqual(
      ['a.csv', 'a.csv.bak', 'b.csv', 'sub/c.csv'].map((key) => `${folder}/${key}`),
    );
    expect(await store().list(BUCKET, unique('empty'))).toEqual([]);
  });

  it('gives a version that changes when the object does', async () => {
    const location = { bucket: BUCKET, key: unique('versioned') };
    await store().write(location, 'first');
    const first = await store().version(location);

    await store().write(location, 'second');

    expect(first).toEqual(expect.any(String));
    expect(await store().version(location)).not.toBe(first);
  });

  it('writes a stream of chunks as one object', async () => {
    const location = { bucket: BUCKET, key: unique('streamed') };

    await store().writeStream(location, produce(['a,', Buffer.from('b\n'), 'c\n']));

    expect(await text(store(), BUCKET, location.key)).toBe('a,b\nc\n');
  });

  it('writes nothing when producing the chunks fails, and keeps the object it would replace', async () => {
    const fresh = { bucket: BUCKET, key: unique('never-written') };
    const kept = { bucket: BUCKET, key: unique('kept') };
    await store().write(kept, 'before');

    await expect(store().writeStream(fresh, produce(['a', 'b'], 1))).rejects.toThrow(
      'the producer failed',
    );
    await expect(store().writeStream(kept, produce(['a', 'b'], 1))).rejects.toThrow(
      'the producer failed',
    );

    expect(await store().read(fresh)).toBeUndefined();
    expect(await text(store(), BUCKET, kept.key)).toBe('before');
  });

  it('deletes an object, and one that is not there without an error', async () => {
    const location = { bucket: BUCKET, key: unique('deleted') };
    await store().write(location, 'x');

    await store().delete(location);
    await store().delete(location);

    expect(await store().read(location)).toBeUndefined();
  });

  it('fails to write to, or list, a bucket that does not exist', async () => {
    await expect(store().write({ bucket: 'no-such-bucket', key: 'a' }, 'x')).rejects.toThrow();
    await expect(store().list('no-such-bucket', '')).rejects.toThrow();
  });
});
