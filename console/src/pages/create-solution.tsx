import { CreateSolutionCommand } from '@aws-sdk/client-personalize';
import Checkbox from '@cloudscape-design/components/checkbox';
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
import { FormPage, nameError } from '../components/form-page';

const AUTOML = {
  value: 'automl',
  label: 'AutoML',
  description: 'Let training choose among the recipes',
};

export function CreateSolutionPage() {
  const { group = '' } = useParams();
  const { personalize } = useClients();
  const recipes = useLoad(['create-solution'], () => listRecipes(personalize));
  const [name, setName] = useState('');
  const [recipe, setRecipe] = useState<{ value?: string; label?: string }>();
  const [hpo, setHpo] = useState(false);
  const [eventType, setEventType] = useState('');
  const options = [
    ...(recipes.data ?? [])
      .filter((r) => !r.domain)
      .map((r) => ({ value: r.recipeArn!, label: nameOf(r.recipeArn!) })),
    AUTOML,
  ];
  const invalid = nameError(name);
  return (
    <FormPage
      title="Create solution"
      description={`A solution in ${group}: a recipe and its training configuration.`}
      submitText="Create solution"
      valid={name !== '' && !invalid && recipe !== undefined}
      back={`/dataset-groups/${group}`}
      submit={async () => {
        const { datasetGroupArn } = await findGroup(personalize, group);
        await personalize.send(
          new CreateSolutionCommand({
            name,
            datasetGroupArn,
            ...(recipe!.value === AUTOML.value
              ? { performAutoML: true }
              : { recipeArn: recipe!.value }),
            performHPO: hpo,
            ...(eventType ? { eventType } : {}),
          }),
        );
        return `/dataset-groups/${group}/solutions/${name}`;
      }}
    >
      <FormField label="Name" errorText={invalid}>
        <Input value={name} onChange={({ detail }) => setName(detail.value)} />
      </FormField>
      <FormField label="Recipe">
        <Select
          selectedOption={recipe ?? null}
          options={options}
          statusType={recipes.loading ? 'loading' : 'finished'}
          placeholder="Choose a recipe"
          onChange={({ detail }) => setRecipe(detail.selectedOption)}
        />
      </FormField>
      <FormField
        label="Event type"
        description="Train on this event type only; all types when empty."
      >
        <Input value={eventType} onChange={({ detail }) => setEventType(detail.value)} />
      </FormField>
      <Checkbox checked={hpo} onChange={({ detail }) => setHpo(detail.checked)}>
        Tune hyperparameters (HPO)
      </Checkbox>
    </FormPage>
  );
}
