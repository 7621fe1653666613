/** Creating an event tracker: PutEvents then records the group's events by its trackingId. */
import { CreateEventTrackerCommand } from '@aws-sdk/client-personalize';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import { useState } from 'react';
import { useClients } from '../api/context';
import { FormModal } from './form-modal';
import { nameError } from './form-page';

export function CreateTrackerModal({
  datasetGroupArn,
  onClose,
}: {
  datasetGroupArn: string;
  onClose: (created: boolean) => void;
}) {
  const { personalize } = useClients();
  const [name, setName] = useState('');
  const invalid = nameError(name);
  return (
    <FormModal
      title="Create event tracker"
      valid={!!name && !invalid}
      submit={() => personalize.send(new CreateEventTrackerCommand({ name, datasetGroupArn }))}
      onClose={onClose}
    >
      <FormField label="Name" errorText={invalid}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} />
      </FormField>
    </FormModal>
  );
}
