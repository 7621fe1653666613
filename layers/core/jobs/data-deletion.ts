/**
 * The data deletion job: reads the IDs of the users to delete from CSV in S3
 * (a USER_ID column, as Personalize takes them) and deletes their data from
 * the dataset group: their rows in the bulk data of the datasets it claimed
 * (users, interactions), their PutUsers records and their PutEvents events.
 * Each dataset's bulk data changes in one write. Every step is idempotent, so
 * running the job again after a failure finishes what it started.
 */
import type { Context } from '../context/context';
import { findColumn } from '../data/compact/columns';
import { withoutKeys } from '../data/compact/row-operations';
import { CsvSyntaxError, readCsv } from '../data/csv';
import { bulkDataLocation } from '../data/locations';
import { readCompact, writeCompact } from '../data/stored-data';
import { releaseDatasets } from './dataset-claims';

import { requireResource, findResource } from '../resources/lifecycle';
import { s3Url, type ObjectStore } from '../store/object-ports';
import { JobFailure } from '../domain/jobs';
import { type JobDefinition } from '../context/job-definition';
import { sourceFiles } from './source-files';

const USER_ID = 'USER_ID';

export const dataDeletion: JobDefinition = {
  resourceKind: 'data-deletion-job',

  async run(ctx, arn) {
    const job = await requireResource(ctx, 'data-deletion-job', arn);
    const users = await readUserIds(
      ctx.userObjects(job.attributes.roleArn, job.attributes.requestedBy),
      job.attributes.dataLocation,
    );
    const ids = [...users];
    // The API reference calls numDeleted "the number of records deleted" without saying
    // which records. A deletion's input records are users, so users are counted: each
    // listed user with any data in the group once, however many rows and events they had.
    const deleted = new Set<string>();
    const add = (found: readonly string[]) => found.forEach((id) => deleted.add(id));
    for (const datasetArn of job.attributes.datasetArns) {
      const dataset = await requireResource(ctx, 'dataset', datasetArn);
      add(await deleteBulkRows(ctx, datasetArn, users));
      if (dataset.attributes.datasetType === 'USERS') {
        add(await ctx.datasetRecords.delete(datasetArn, ids));
      }
    }
    add(await ctx.events.deleteUserEvents(job.attributes.datasetGroupArn, ids));
    return { numDeleted: deleted.size };
  },

  async release(ctx, arn) {
    const job = await findResource(ctx, 'data-deletion-job', arn);
    if (job) await releaseDatasets(ctx.metadata, job.attributes.datasetArns, arn);
  },
};

async function readUserIds(objects: ObjectStore, dataLocation: string): Promise<Set<string>> {
  const users = new Set<string>();
  for (const file of await sourceFiles(objects, dataLocation)) {
    const url = s3Url(file);
    const body = await objects.read(file);
    if (!body) throw new JobFailure(`${url} does not exist.`);
    let column: number | undefined;
    try {
      for await (const { fields, line } of readCsv(body)) {
        if (column === undefined) {
          column = fields.indexOf(USER_ID);
          if (column < 0) throw new JobFailure(`${url} line ${line}: ${missingColumn(fields)}`);
          continue;
        }
        const id = fields[column];
        if (!id)
          throw new JobFailure(`${url} line ${line}, column ${USER_ID}: a value is required.`);
        users.add(id);
      }
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      throw new JobFailure(`${url} ${error.message}`, { cause: error });
    }
    if (column === undefined) throw new JobFailure(`${url} is empty: it has no header row.`);
  }
  return users;
}

function missingColumn(header: readonly string[]): string {
  const named = header.map((name) => JSON.stringify(name)).join(', ');
  const byCase = header.find((name) => name.trim().toUpperCase() === USER_ID);
  const hint = byCase
    ? ` (names are case-sensitive and exact: did you mean ${USER_ID} for ${JSON.stringify(byCase)}?)`
    : '';
  return `the header has no ${USER_ID} column${hint}; it names ${named}. List the users to delete under a ${USER_ID} header.`;
}

/** Rewrites the dataset's bulk data without the users' rows; returns the users it held. */
async function deleteBulkRows(
  ctx: Context,
  datasetArn: string,
  users: ReadonlySet<string>,
): Promise<string[]> {
  const location = bulkDataLocation(ctx.dataBucket, datasetArn);
  const stored = await readCompact(ctx.objects, location);
  const column = stored && findColumn(stored, USER_ID);
  if (!stored || column?.kind !== 'string') return [];
  // A dictionary holds only values some row uses (compact/columns.ts), so these users have rows.
  const present = column.dictionary.filter((id) => users.has(id));
  if (present.length > 0) {
    await writeCompact(ctx.objects, location, withoutKeys(stored, USER_ID, users));
  }
  return present;
}
