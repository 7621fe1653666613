/** PutUsers and PutItems: the same upsert of whole records into one dataset. */
import type { Context } from '../../context/context';
import { InvalidInputException } from '../../api/errors';
import type { DatasetType } from '../../domain/dataset';
import { readProperties } from '../../data/properties';
import type { DatasetRecord } from '../../store/event-ports';
import { recordsSchema } from './dataset-schema';

export interface RecordsKind {
  operation: string;
  datasetType: DatasetType;
  /** The schema as messages name it: "Users". */
  label: string;
  /** The request's list member, as messages name each record: `users[2]`. */
  list: string;
  /** The record's ID member and the field it fills. */
  idMember: string;
  idField: string;
  /** Fields holding epoch seconds. */
  timestamps: readonly string[];
}

export async function putRecords(
  ctx: Context,
  kind: RecordsKind,
  datasetArn: string,
  records: readonly { id: string; properties?: string | undefined }[],
): Promise<void> {
  const schema = await recordsSchema(ctx, datasetArn, kind.datasetType, kind.operation);
  const rules = {
    schema,
    label: kind.label,
    members: { [kind.idMember]: kind.idField },
    // A record replaces the stored one whole, so it must be a complete row of the dataset.
    complete: true,
    timestamps: kind.timestamps,
  };
  const updatedAt = ctx.now();
  const problems: string[] = [];
  // A later record with the same ID wins, as it would in two calls.
  const byId = new Map<string, DatasetRecord>();
  records.forEach((record, i) => {
    const fields = readProperties(record.properties, rules, `${kind.list}[${i}]`, problems);
    byId.set(record.id, { datasetArn, id: record.id, fields, updatedAt });
  });
  if (problems.length > 0) throw new InvalidInputException(problems.join('; '));
  await ctx.datasetRecords.put([...byId.values()]);
}
