import { CreateCampaignCommand } from '@aws-sdk/client-personalize';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { useLoad } from '../api/use-load';
import { activeVersions } from '../api/versions';
import { FormPage, nameError, wholeNumberError } from '../components/form-page';

export function CreateCampaignPage() {
  const { group = '' } = useParams();
  const { personalize } = useClients();
  const versions = useLoad(['create-campaign', group], async () =>
    activeVersions(personalize, (await findGroup(personalize, group)).datasetGroupArn!),
  );
  const [name, setName] = useState('');
  const [version, setVersion] = useState<{ value?: string; label?: string }>();
  const [tps, setTps] = useState('1');
  const invalid = nameError(name);
  const invalidTps = wholeNumberError(tps, 1);
  return (
    <FormPage
      title="Create campaign"
      description="A campaign serves one trained version in real time."
      submitText="Create campaign"
      valid={name !== '' && !invalid && version !== undefined && !invalidTps}
      back={`/dataset-groups/${group}`}
      submit={async () => {
        await personalize.send(
          new CreateCampaignCommand({
            name,
            solutionVersionArn: version!.value,
            minProvisionedTPS: Number(tps),
          }),
        );
        return `/dataset-groups/${group}/campaigns/${name}`;
      }}
    >
      <FormField label="Name" errorText={invalid}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} />
      </FormField>
      <FormField label="Solution version" description="Only ACTIVE versions can be deployed.">
        <Select
          selectedOption={version ?? null}
          options={versions.data ?? []}
          statusType={versions.loading ? 'loading' : 'finished'}
          empty="No ACTIVE version in this group: train one first."
          placeholder="Choose a version"
          onChange={({ detail }) => setVersion(detail.selectedOption)}
        />
      </FormField>
      <FormField label="Minimum provisioned TPS" errorText={invalidTps}>
        <Input type="number" value={tps} onChange={({ detail }) => setTps(detail.value)} />
      </FormField>
    </FormPage>
  );
}
