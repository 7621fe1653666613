/**
 * Creating a filter, its expression checked as it is typed by the same parser the service runs
 * (layers/core/filters/parser.ts), against the group's Items and Users schemas: the service
 * still decides, the form only tells sooner.
 */
import {
  CreateFilterCommand,
  DescribeSchemaCommand,
  type Dataset,
} from '@aws-sdk/client-personalize';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Textarea from '@cloudscape-design/components/textarea';
import { useState } from 'react';
import { parseSchema } from '../../../layers/core/data/avro-schema';
import { parseFilterExpression, type FilterSchemas } from '../../../layers/core/filters/parser';
import { useClients } from '../api/context';
import { useLoad } from '../api/use-load';
import { FormModal } from './form-modal';
import { nameError } from './form-page';

/** The group's schemas the expression may name, by dataset type. */
async function filterSchemas(
  personalize: ReturnType<typeof useClients>['personalize'],
  datasets: Dataset[],
): Promise<FilterSchemas> {
  const schemas: FilterSchemas = {};
  for (const dataset of datasets) {
    const type = dataset.datasetType?.toLowerCase();
    if (type !== 'items' && type !== 'users') continue;
    const { schema } = await personalize.send(
      new DescribeSchemaCommand({ schemaArn: dataset.schemaArn }),
    );
    schemas[type] = parseSchema(schema!.schema!);
  }
  return schemas;
}

export function expressionError(expression: string, schemas: FilterSchemas): string | undefined {
  if (!expression.trim()) return undefined;
  try {
    parseFilterExpression(expression, schemas);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function CreateFilterModal({
  datasetGroupArn,
  datasets,
  onClose,
}: {
  datasetGroupArn: string;
  datasets: Dataset[];
  onClose: (created: boolean) => void;
}) {
  const { personalize } = useClients();
  const schemas = useLoad(['filter-schemas', datasetGroupArn, datasets.length], () =>
    filterSchemas(personalize, datasets),
  );
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const invalidName = nameError(name);
  const invalidExpression = expressionError(expression, schemas.data ?? {});
  return (
    <FormModal
      title="Create filter"
      valid={!!name && !invalidName && !!expression.trim() && !invalidExpression}
      submit={() =>
        personalize.send(
          new CreateFilterCommand({ name, datasetGroupArn, filterExpression: expression }),
        )
      }
      onClose={onClose}
    >
      <FormField label="Name" errorText={invalidName}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} />
      </FormField>
      <FormField
        label="Filter expression"
        description='For example: EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")'
        errorText={invalidExpression}
        stretch
      >
        <Textarea
          rows={4}
          value={expression}
          onChange={({ detail }) => setExpression(detail.value)}
        />
      </FormField>
    </FormModal>
  );
}
