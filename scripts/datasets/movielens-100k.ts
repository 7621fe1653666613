/**
 * Turns MovieLens 100K (GroupLens; research use, no redistribution: keep the
 * files outside the repository) into the three CSV files and Avro schemas a
 * Personalize import takes:
 *
 *   npx tsx scripts/datasets/movielens-100k.ts ../shared/datasets/ml-100k out/ml-100k
 *
 * interactions.csv  USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE  (u.data: one "rating"
 *                   event per rating, the 1–5 stars as its value)
 * items.csv         ITEM_ID,GENRES,RELEASE_YEAR  (u.item; genres joined by |)
 * users.csv         USER_ID,AGE,GENDER,OCCUPATION  (u.user)
 * *.schema.json     the matching schemas, for `aws personalize create-schema --schema file://...`
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const record = (name: string, fields: object[]) =>
  JSON.stringify(
    { type: 'record', name, namespace: 'com.amazonaws.personalize.schema', fields, version: '1.0' },
    null,
    2,
  );

export const MOVIELENS_SCHEMAS = {
  interactions: record('Interactions', [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['float', 'null'] },
  ]),
  items: record('Items', [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRES', type: ['string', 'null'], categorical: true },
    { name: 'RELEASE_YEAR', type: ['int', 'null'] },
  ]),
  users: record('Users', [
    { name: 'USER_ID', type: 'string' },
    { name: 'AGE', type: 'int' },
    { name: 'GENDER', type: 'string', categorical: true },
    { name: 'OCCUPATION', type: 'string', categorical: true },
  ]),
};

export type MovieLensFiles = Record<keyof typeof MOVIELENS_SCHEMAS, string>;

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

export async function convertMovieLens100k(dir: string): Promise<MovieLensFiles> {
  // u.item holds a few Latin-1 titles; nothing read here needs them decoded.
  const [data, item, user, genre] = await Promise.all(
    ['u.data', 'u.item', 'u.user', 'u.genre'].map((file) => readFile(join(dir, file), 'latin1')),
  );
  const genres = lines(genre!).map((line) => line.split('|')[0]!);

  const interactions = lines(data!).map((line) => {
    const [userId, itemId, rating, timestamp] = line.split('\t');
    return `${userId},${itemId},${timestamp},rating,${rating}`;
  });
  const items = lines(item!).map((line) => {
    const fields = line.split('|');
    const flags = fields.slice(-genres.length);
    const itemGenres = genres.filter((_, i) => flags[i] === '1').join('|');
    const year = /\d{4}$/.exec(fields[2] ?? '')?.[0] ?? '';
    return `${fields[0]},${itemGenres},${year}`;
  });
  const users = lines(user!).map((line) => {
    const [userId, age, gender, occupation] = line.split('|');
    return `${userId},${age},${gender},${occupation}`;
  });
  const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;
  return {
    interactions: csv('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE', interactions),
    items: csv('ITEM_ID,GENRES,RELEASE_YEAR', items),
    users: csv('USER_ID,AGE,GENDER,OCCUPATION', users),
  };
}

async function main(): Promise<void> {
  const [source, out] = process.argv.slice(2);
  if (!source || !out) {
    console.error(
      'Usage: npx tsx scripts/datasets/movielens-100k.ts <ml-100k folder> <out folder>',
    );
    process.exit(2);
  }
  const files = await convertMovieLens100k(source);
  await mkdir(out, { recursive: true });
  for (const name of Object.keys(files) as (keyof MovieLensFiles)[]) {
    await writeFile(join(out, `${name}.csv`), files[name]);
    await writeFile(join(out, `${name}.schema.json`), MOVIELENS_SCHEMAS[name]);
  }
  console.log(`Wrote interactions.csv, items.csv, users.csv and their schemas to ${out}`);
}

if (require.main === module) void main();
