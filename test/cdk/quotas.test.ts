/** The `quotas` prop: in the API functions' environment as TAILOR_QUOTAS, checked at synth. */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { Tailor, type TailorProps } from '../../lib/tailor';

/** Bundling skipped: only the functions' configuration is looked at. */
const synth = (props: TailorProps): Template => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Scratch');
  new Tailor(stack, 'Tailor', props);
  return Template.fromStack(stack);
};

// Automatic training starts versions, and counts the quota of those in progress as the API does.
const apiFunctions = [
  'Tailor control plane',
  'Tailor events',
  'Tailor runtime',
  'Tailor automatic training',
];

it('passes changed quotas to the API functions', () => {
  const template = synth({ quotas: { datasetGroups: 50, filtersPerDatasetGroup: 30 } });

  for (const description of apiFunctions) {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp(`^${description}`),
      Environment: {
        Variables: Match.objectLike({
          TAILOR_QUOTAS: 'datasetGroups=50,filtersPerDatasetGroup=30',
        }),
      },
    });
  }
});

it('sets no TAILOR_QUOTAS by default: the functions keep Personalize’s defaults', () => {
  const template = synth({});

  const functions = Object.values(template.findResources('AWS::Lambda::Function'));
  expect(functions.length).toBeGreaterThan(0);
  for (const fn of functions) {
    expect(fn.Properties.Environment?.Variables?.TAILOR_QUOTAS).toBeUndefined();
  }
});

it('fails on an unknown quota or a value that is no whole number', () => {
  expect(() => synth({ quotas: { groups: 5 } as TailorProps['quotas'] })).toThrow(
    'Invalid Tailor props: quotas: "groups" is no quota; the quotas are datasetGroups,',
  );
  expect(() => synth({ quotas: { schemas: 1.5 } })).toThrow(
    'Invalid Tailor props: quotas: schemas must be a whole number from 0 to 999999999, as schemas=10.',
  );
});
