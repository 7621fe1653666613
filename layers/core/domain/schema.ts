import type { ResourceRecord } from './records';

export type SchemaAttributes = {
  name: string;
  /** The Avro JSON exactly as the user gave it: DescribeSchema returns it unchanged. */
  schema: string;
  domain?: string;
};

export type SchemaRecord = ResourceRecord<SchemaAttributes>;
