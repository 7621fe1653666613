import type { SchemaRecord } from '../../domain/schema';
import { seconds } from '../../resources/lifecycle';

export const summarizeSchema = ({ arn, attributes: a, createdAt, updatedAt }: SchemaRecord) => ({
  name: a.name,
  schemaArn: arn,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  domain: a.domain,
});

export const describeSchema = (record: SchemaRecord) => ({
  ...summarizeSchema(record),
  schema: record.attributes.schema,
});
