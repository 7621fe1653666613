import {
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  InvalidInputException,
  InvalidNextTokenException,
  ListDatasetGroupsCommand,
  ListSchemasCommand,
  paginateListDatasetGroups,
} from '@aws-sdk/client-personalize';
import { startTestService, type TestService } from '../helpers/local-service';
import { USERS_SCHEMA } from '../helpers/schemas';

let service: TestService;
const created: string[] = [];

beforeAll(async () => {
  service = await startTestService();
  for (let batch = 0; batch < 10; batch++) {
    const names = Array.from({ length: 25 }, (_, i) => `group-${batch * 25 + i}`);
    await Promise.all(
      names.map((name) => service.personalize.send(new CreateDatasetGroupCommand({ name }))),
    );
    created.push(...names);
  }
});
afterAll(() => service.stop());

const list = (maxResults?: number, nextToken?: string) =>
  service.personalize.send(new ListDatasetGroupsCommand({ maxResults, nextToken }));

describe('pagination', () => {
  it('pages through 250 resources, 100 at a time by default, with no token on the last page', async () => {
    const sizes: number[] = [];
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await list(undefined, nextToken);
      sizes.push(page.datasetGroups!.length);
      seen.push(...page.datasetGroups!.map((group) => group.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen.sort()).toEqual([...created].sort());
  });

  it('lists newest first', async () => {
    const { datasetGroups } = await list(100);
    const times = datasetGroups!.map((group) => group.creationDateTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('ends without a token when the last page is exactly full', async () => {
    const first = await list(50);
    let page = first;
    let pages = 1;
    while (page.nextToken) {
      page = await list(50, page.nextToken);
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(page.datasetGroups).toHaveLength(50);
  });

  it('works with the SDK paginator', async () => {
    const names: string[] = [];
    for await (const page of paginateListDatasetGroups(
      { client: service.personalize, pageSize: 30 },
      {},
    )) {
      names.push(...page.datasetGroups!.map((group) => group.name!));
    }
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(created));
  });

  it('stays stable when resources are added between pages', async () => {
    const first = await list(100);
    await Promise.all(
      ['late-1', 'late-2', 'late-3'].map((name) =>
        service.personalize.send(new CreateDatasetGroupCommand({ name })),
      ),
    );
    const seen = first.datasetGroups!.map((group) => group.name!);
    let nextToken = first.nextToken;
    while (nextToken) {
      const page = await list(100, nextToken);
      seen.push(...page.datasetGroups!.map((group) => group.name!));
      nextToken = page.nextToken;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(created));
  });

  it('rejects a forged or edited nextToken', async () => {
    const { nextToken } = await list(10);
    const [payload, mac] = nextToken!.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ arn: 'x', kind: 'dataset-group', kindOrder: '0' }),
    ).toString('base64url');
    for (const token of [
      'garbage',
      `${forgedPayload}.${mac}`,
      `${payload}.${mac}x`,
      `${payload}`,
    ]) {
      await expect(list(10, token)).rejects.toThrow(
        new InvalidNextTokenException({
          $metadata: {},
          message: 'The nextToken is not valid for this request.',
        }),
      );
    }
  });

  it('rejects a token from another listing', async () => {
    for (const name of ['s1', 's2']) {
      await service.personalize.send(new CreateSchemaCommand({ name, schema: USERS_SCHEMA }));
    }
    const { nextToken } = await service.personalize.send(new ListSchemasCommand({ maxResults: 1 }));
    expect(nextToken).toBeDefined();
    await expect(list(10, nextToken)).rejects.toThrow(InvalidNextTokenException);
  });

  it('rejects maxResults outside 1 to 100', async () => {
    await expect(list(0)).rejects.toThrow(InvalidInputException);
    await expect(list(101)).rejects.toThrow(
      /Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    );
  });
});
