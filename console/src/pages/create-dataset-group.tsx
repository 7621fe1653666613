import { CreateDatasetGroupCommand, type Domain } from '@aws-sdk/client-personalize';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import { useState } from 'react';
import { useClients } from '../api/context';
import { FormPage, nameError } from '../components/form-page';

const DOMAINS = [
  { value: '', label: 'Custom', description: 'Your own recipes, solutions and campaigns' },
  { value: 'VIDEO_ON_DEMAND', label: 'Video on demand', description: 'Recommenders for videos' },
  { value: 'ECOMMERCE', label: 'E-commerce', description: 'Recommenders for a shop' },
];

export function CreateDatasetGroupPage() {
  const { personalize } = useClients();
  const [name, setName] = useState('');
  const [domain, setDomain] = useState(DOMAINS[0]!);
  const invalid = nameError(name);
  return (
    <FormPage
      title="Create dataset group"
      submitText="Create dataset group"
      valid={name !== '' && !invalid}
      back="/dataset-groups"
      submit={async () => {
        await personalize.send(
          new CreateDatasetGroupCommand({
            name,
            ...(domain.value ? { domain: domain.value as Domain } : {}),
          }),
        );
        return `/dataset-groups/${name}`;
      }}
    >
      <FormField label="Name" errorText={invalid}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} placeholder="movies" />
      </FormField>
      <FormField label="Domain">
        <Select
          selectedOption={domain}
          options={DOMAINS}
          onChange={({ detail }) =>
            setDomain(DOMAINS.find((d) => d.value === detail.selectedOption.value)!)
          }
        />
      </FormField>
    </FormPage>
  );
}
