import { seconds } from '../../resources/lifecycle';
import type { ResourceRecord } from '../../store/ports';

export type SchemaAttributes = {
  name: string;
  /** The Avro JSON exactly as the user gave it: DescribeSchema returns it unchanged. */
  schema: string;
  domain?: string;
};

export type SchemaRecord = ResourceRecord<SchemaAttributes>;

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
