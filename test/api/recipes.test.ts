import {
  DescribeAlgorithmCommand,
  DescribeFeatureTransformationCommand,
  DescribeRecipeCommand,
  InvalidInputException,
  InvalidNextTokenException,
  ListRecipesCommand,
  ResourceNotFoundException,
  type RecipeSummary,
} from '@aws-sdk/client-personalize';
import { startTestService, type TestService } from '../helpers/local-service';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const RECIPE_NAMES = [
  'aws-user-personalization',
  'aws-personalized-ranking',
  'aws-sims',
  'aws-popularity-count',
  'aws-trending-now',
  'tailor-ease',
];
const recipeArn = (name: string) => `arn:aws:personalize:::recipe/${name}`;
const algorithmArn = (name: string) => `arn:aws:personalize:::algorithm/${name}`;
const featureTransformationArn = (name: string) =>
  `arn:aws:personalize:::feature-transformation/${name}`;
const CATALOGUE_DATE = new Date('2026-11-01T00:00:00Z');

describe('ListRecipes', () => {
  it('lists every recipe with its global ARN', async () => {
    const { recipes, nextToken } = await service.personalize.send(new ListRecipesCommand({}));

    expect(recipes).toEqual(
      RECIPE_NAMES.map((name) => ({
        name,
        recipeArn: recipeArn(name),
        status: 'ACTIVE',
        creationDateTime: CATALOGUE_DATE,
        lastUpdatedDateTime: CATALOGUE_DATE,
      })),
    );
    expect(nextToken).toBeUndefined();
  });

  it('pages through the recipes with nextToken absent on the last page', async () => {
    const pages: RecipeSummary[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await service.personalize.send(
        new ListRecipesCommand({ recipeProvider: 'SERVICE', maxResults: 2, nextToken }),
      );
      pages.push(page.recipes!);
      nextToken = page.nextToken;
    } while (nextToken);

    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(pages.flat().map((recipe) => recipe.name)).toEqual(RECIPE_NAMES);
  });

  it('rejects a forged nextToken', async () => {
    const { nextToken } = await service.personalize.send(new ListRecipesCommand({ maxResults: 2 }));
    const [, signature] = nextToken!.split('.');
    const forged = `${Buffer.from('{"offset":0}').toString('base64url')}.${signature}`;

    await expect(
      service.personalize.send(new ListRecipesCommand({ maxResults: 2, nextToken: forged })),
    ).rejects.toThrow(InvalidNextTokenException);
  });

  it('rejects a nextToken from a listing with another domain', async () => {
    const { nextToken } = await service.personalize.send(new ListRecipesCommand({ maxResults: 2 }));

    await expect(
      service.personalize.send(new ListRecipesCommand({ domain: 'ECOMMERCE', nextToken })),
    ).rejects.toThrow(InvalidNextTokenException);
  });

  it("lists a domain's use cases for a domain", async () => {
    const { recipes, nextToken } = await service.personalize.send(
      new ListRecipesCommand({ domain: 'VIDEO_ON_DEMAND' }),
    );

    expect(recipes!.every((r) => r.domain === 'VIDEO_ON_DEMAND')).toBe(true);
    expect(recipes).toHaveLength(5);
    expect(nextToken).toBeUndefined();
  });

  it.each([0, 101])('rejects maxResults %i', async (maxResults) => {
    await expect(service.personalize.send(new ListRecipesCommand({ maxResults }))).rejects.toThrow(
      InvalidInputException,
    );
  });

  it('rejects a provider other than SERVICE', async () => {
    await expect(
      service.personalize.send(new ListRecipesCommand({ recipeProvider: 'CUSTOM' as 'SERVICE' })),
    ).rejects.toThrow(/at 'recipeProvider' failed to satisfy constraint: .*\[SERVICE\]/);
  });
});

describe('DescribeRecipe', () => {
  it('describes a recipe with its type, algorithm and description', async () => {
    const { recipe } = await service.personalize.send(
      new DescribeRecipeCommand({ recipeArn: recipeArn('aws-sims') }),
    );

    expect(recipe).toEqual({
      name: 'aws-sims',
      recipeArn: recipeArn('aws-sims'),
      algorithmArn: algorithmArn('aws-sims'),
      featureTransformationArn: featureTransformationArn('sims'),
      status: 'ACTIVE',
      recipeType: 'RELATED_ITEMS',
      description: expect.stringMatching(/\w.*\.$/),
      creationDateTime: CATALOGUE_DATE,
      lastUpdatedDateTime: CATALOGUE_DATE,
    });
  });

  it('names the feature transformation of each recipe that has one, as Personalize does', async () => {
    const named: Record<string, string | undefined> = {};
    for (const name of RECIPE_NAMES) {
      const { recipe } = await service.personalize.send(
        new DescribeRecipeCommand({ recipeArn: recipeArn(name) }),
      );
      named[name] = recipe!.featureTransformationArn;
    }
    expect(named).toEqual({
      'aws-user-personalization': featureTransformationArn('JSON-percentile-filtering'),
      'aws-personalized-ranking': featureTransformationArn('JSON-percentile-filtering'),
      'aws-sims': featureTransformationArn('sims'),
      'aws-popularity-count': featureTransformationArn('sims'),
      'aws-trending-now': undefined,
      'tailor-ease': undefined,
    });
  });

  it('describes the Tailor-only EASE recipe under a global ARN', async () => {
    const { recipe } = await service.personalize.send(
      new DescribeRecipeCommand({ recipeArn: recipeArn('tailor-ease') }),
    );

    expect(recipe).toMatchObject({
      recipeType: 'USER_PERSONALIZATION',
      algorithmArn: algorithmArn('tailor-ease'),
    });
    expect(recipe!.description).toMatch(/EASE/);
  });

  it('reports an unknown recipe as not found', async () => {
    const request = new DescribeRecipeCommand({ recipeArn: recipeArn('nope') });

    await expect(service.personalize.send(request)).rejects.toThrow(ResourceNotFoundException);
    await expect(service.personalize.send(request)).rejects.toThrow(
      'Could not find recipe with ARN arn:aws:personalize:::recipe/nope.',
    );
  });

  it('rejects a malformed recipe ARN', async () => {
    await expect(
      service.personalize.send(new DescribeRecipeCommand({ recipeArn: 'aws-sims' })),
    ).rejects.toThrow(
      /Value 'aws-sims' at 'recipeArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});

describe('DescribeAlgorithm', () => {
  it('returns the defaults as strings and the ranges by kind', async () => {
    const { algorithm } = await service.personalize.send(
      new DescribeAlgorithmCommand({ algorithmArn: algorithmArn('aws-user-personalization') }),
    );

    expect(algorithm).toMatchObject({
      name: 'aws-user-personalization',
      algorithmArn: algorithmArn('aws-user-personalization'),
      algorithmImage: { name: 'tailor' },
      trainingInputMode: 'File',
      creationDateTime: CATALOGUE_DATE,
      lastUpdatedDateTime: CATALOGUE_DATE,
    });
    expect(algorithm!.defaultHyperParameters).toEqual({
      algorithm: 'auto',
      hidden_dimension: '64',
      num_iterations: '15',
      regularization: '0.01',
      regularization_exponent: '1',
      unobserved_weight: '1',
      alpha: '3',
      history_decay: '1',
      recency_mask: 'true',
      cg_steps: '3',
      l2_regularization: '500',
      exploration_weight: '0.3',
      exploration_item_age_cut_off: '30',
    });
    const ranges = algorithm!.defaultHyperParameterRanges!;
    expect(ranges.integerHyperParameterRanges).toEqual([
      { name: 'hidden_dimension', minValue: 8, maxValue: 512, isTunable: true },
      { name: 'num_iterations', minValue: 1, maxValue: 100, isTunable: false },
      { name: 'cg_steps', minValue: 1, maxValue: 64, isTunable: false },
    ]);
    expect(ranges.continuousHyperParameterRanges).toContainEqual({
      name: 'regularization',
      minValue: 0.0001,
      maxValue: 100,
      isTunable: true,
    });
    expect(ranges.continuousHyperParameterRanges).toContainEqual({
      name: 'exploration_weight',
      minValue: 0,
      maxValue: 1,
      isTunable: false,
    });
    expect(ranges.categoricalHyperParameterRanges).toEqual([
      { name: 'algorithm', values: ['auto', 'ials', 'ease'], isTunable: false },
      { name: 'recency_mask', values: ['true', 'false'], isTunable: false },
    ]);
  });

  it('describes an algorithm without hyperparameters', async () => {
    const { algorithm } = await service.personalize.send(
      new DescribeAlgorithmCommand({ algorithmArn: algorithmArn('aws-popularity-count') }),
    );

    expect(algorithm!.defaultHyperParameters).toEqual({});
    expect(algorithm!.defaultHyperParameterRanges).toEqual({
      integerHyperParameterRanges: [],
      continuousHyperParameterRanges: [],
      categoricalHyperParameterRanges: [],
    });
  });

  it('reports an unknown algorithm as not found', async () => {
    await expect(
      service.personalize.send(
        new DescribeAlgorithmCommand({ algorithmArn: recipeArn('aws-sims') }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});

describe('DescribeFeatureTransformation', () => {
  it('describes the transformation a recipe names, with its default parameters', async () => {
    const { recipe } = await service.personalize.send(
      new DescribeRecipeCommand({ recipeArn: recipeArn('aws-user-personalization') }),
    );
    const { featureTransformation } = await service.personalize.send(
      new DescribeFeatureTransformationCommand({
        featureTransformationArn: recipe!.featureTransformationArn,
      }),
    );

    expect(featureTransformation).toEqual({
      name: 'JSON-percentile-filtering',
      featureTransformationArn: featureTransformationArn('JSON-percentile-filtering'),
      defaultParameters: {
        min_user_history_length_percentile: '0',
        max_user_history_length_percentile: '1',
      },
      status: 'ACTIVE',
      creationDateTime: CATALOGUE_DATE,
      lastUpdatedDateTime: CATALOGUE_DATE,
    });
  });

  it('gives SIMS’s percentiles as the sims transformation’s defaults', async () => {
    const { featureTransformation } = await service.personalize.send(
      new DescribeFeatureTransformationCommand({
        featureTransformationArn: featureTransformationArn('sims'),
      }),
    );
    const { algorithm } = await service.personalize.send(
      new DescribeAlgorithmCommand({ algorithmArn: algorithmArn('aws-sims') }),
    );

    expect(featureTransformation!.defaultParameters).toEqual({
      min_user_history_length_percentile: '0.005',
      max_user_history_length_percentile: '0.995',
      min_item_interaction_count_percentile: '0.01',
      max_item_interaction_count_percentile: '1',
    });
    expect(algorithm!.defaultHyperParameters).toMatchObject(
      featureTransformation!.defaultParameters!,
    );
  });

  it('reports an unknown transformation as not found', async () => {
    const request = new DescribeFeatureTransformationCommand({
      featureTransformationArn: featureTransformationArn('nope'),
    });

    await expect(service.personalize.send(request)).rejects.toThrow(ResourceNotFoundException);
    await expect(service.personalize.send(request)).rejects.toThrow(
      'Could not find feature transformation with ARN arn:aws:personalize:::feature-transformation/nope.',
    );
  });

  it('rejects a malformed ARN', async () => {
    const request = new DescribeFeatureTransformationCommand({
      featureTransformationArn: 'JSON-percentile-filtering',
    });

    await expect(service.personalize.send(request)).rejects.toThrow(InvalidInputException);
    await expect(service.personalize.send(request)).rejects.toThrow(
      /Value 'JSON-percentile-filtering' at 'featureTransformationArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});
