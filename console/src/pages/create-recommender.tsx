/** Creating a recommender: a name and one of the group's domain's use cases. */
import { CreateRecommenderCommand } from '@aws-sdk/client-personalize';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { nameOf } from '../api/arns';
import { useClients } from '../api/context';
import { findGroup } from '../api/group';
import { listRecipes } from '../api/lists';
import { useLoad } from '../api/use-load';
import { FormPage, nameError, wholeNumberError } from '../components/form-page';

export function CreateRecommenderPage() {
  const { group = '' } = useParams();
  const { personalize } = useClients();
  const loaded = useLoad(['create-recommender', group], async () => {
    const found = await findGroup(personalize, group);
    // A custom group has no domain, and no use cases: ListRecipes without one lists recipes.
    const useCases = found.domain ? await listRecipes(personalize, found.domain) : [];
    return { group: found, useCases };
  });
  const [name, setName] = useState('');
  const [useCase, setUseCase] = useState<{ value?: string; label?: string }>();
  const [rps, setRps] = useState('1');
  const invalid = nameError(name);
  const invalidRps = wholeNumberError(rps, 1);
  const domain = loaded.data?.group.domain;
  return (
    <FormPage
      title="Create recommender"
      description={`A recommender in ${group}: one use case of its domain, trained and served.`}
      submitText="Create recommender"
      valid={name !== '' && !invalid && useCase !== undefined && !invalidRps}
      back={`/dataset-groups/${group}`}
      submit={async () => {
        await personalize.send(
          new CreateRecommenderCommand({
            name,
            datasetGroupArn: loaded.data!.group.datasetGroupArn,
            recipeArn: useCase!.value,
            recommenderConfig: { minRecommendationRequestsPerSecond: Number(rps) },
          }),
        );
        return `/dataset-groups/${group}/recommenders/${name}`;
      }}
    >
      <FormField label="Name" errorText={invalid}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} />
      </FormField>
      <FormField label="Use case" description={domain && `The use cases of ${domain}.`}>
        <Select
          selectedOption={useCase ?? null}
          options={(loaded.data?.useCases ?? []).map((r) => ({
            value: r.recipeArn!,
            label: nameOf(r.recipeArn!),
          }))}
          statusType={loaded.loading ? 'loading' : 'finished'}
          empty={
            loaded.error
              ? String(loaded.error)
              : `${group} is not a domain dataset group: recommenders need one.`
          }
          placeholder="Choose a use case"
          onChange={({ detail }) => setUseCase(detail.selectedOption)}
        />
      </FormField>
      <FormField label="Minimum recommendation requests per second" errorText={invalidRps}>
        <Input type="number" value={rps} onChange={({ detail }) => setRps(detail.value)} />
      </FormField>
    </FormPage>
  );
}
