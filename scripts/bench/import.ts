/**
 * Dataset import end to end through the local service, as a user runs one: a
 * generated interactions CSV in the local S3, CreateDatasetImportJob through
 * the official client, polled until ACTIVE. The job's process reports its own
 * peak RSS, which is the memory target.
 *
 *   npm run bench -- import [--rows 1000000]
 *
 * Target (issue 3): at least 200,000 rows/s with peak RSS under 500 MB.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
} from '@aws-sdk/client-personalize';
import { parseArgs } from 'node:util';
import { importCsv, putObject } from '../../test/helpers/import';
import { startTestService } from '../../test/helpers/local-service';
import { INTERACTIONS_SCHEMA } from '../../test/helpers/schemas';

const TARGET_ROWS_PER_SECOND = 200_000;
const TARGET_PEAK_RSS_MB = 500;

/** Many users and items, so the dictionaries are as large as in a real catalogue. */
function interactionsCsv(rows: number): string {
  const users = Math.max(1, Math.floor(rows / 20));
  const items = Math.max(1, Math.floor(rows / 300));
  const lines: string[] = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `user-${(i * 7919) % users},item-${(i * 104729) % items},${1_600_000_000 + i},watch`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  const service = await startTestService();
  try {
    const csv = interactionsCsv(rows);
    await putObject(service, 'bench', 'interactions.csv', csv);
    const { datasetGroupArn } = await service.personalize.send(
      new CreateDatasetGroupCommand({ name: 'bench' }),
    );
    const { schemaArn } = await service.personalize.send(
      new CreateSchemaCommand({ name: 'bench', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetArn } = await service.personalize.send(
      new CreateDatasetCommand({
        name: 'bench',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    );

    const started = performance.now();
    const job = await importCsv(service, datasetArn!, 'bench', 's3://bench/interactions.csv');
    const seconds = (performance.now() - started) / 1000;
    if (job.status !== 'ACTIVE') throw new Error(`The import failed: ${job.failureReason}`);

    const peak = /peak RSS (\d+) MB/.exec(service.jobLog.join('\n'));
    const peakMb = peak ? Number(peak[1]) : NaN;
    const rowsPerSecond = rows / seconds;
    console.table([
      {
        rows,
        'CSV MB': +(Buffer.byteLength(csv) / 1e6).toFixed(1),
        'seconds (create → ACTIVE)': +seconds.toFixed(2),
        'rows/s': Math.round(rowsPerSecond),
        'target rows/s': TARGET_ROWS_PER_SECOND,
        'job peak RSS MB': peakMb,
        'target RSS MB': TARGET_PEAK_RSS_MB,
      },
    ]);
    console.log(
      rowsPerSecond >= TARGET_ROWS_PER_SECOND && peakMb < TARGET_PEAK_RSS_MB
        ? 'Both targets met.'
        : 'A target was missed.',
    );
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
