/** A dataset group with planted structure, imported and ready to train on, as a user would set it up. */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeSolutionVersionCommand,
  type CreateSolutionCommandInput,
  type Domain,
  type SolutionVersion,
} from '@aws-sdk/client-personalize';
import { importCsv, putObject } from './import';
import type { TestService } from './local-service';
import { INTERACTIONS_SCHEMA } from './schemas';

/**
 * Two groups of users with disjoint tastes: users `a*` interact with items `a*`, users `b*` with
 * items `b*`, a popular few more than the rest. `users` per group, `perUser` interactions each.
 */
export function twoTastesCsv(users = 40, perUser = 15, items = 30): string {
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  let time = 1_700_000_000;
  for (const group of ['a', 'b']) {
    for (let u = 0; u < users; u++) {
      for (let k = 0; k < perUser; k++) {
        // Squaring skews the choice toward low item numbers: some items are popular.
        const item = Math.floor(((u * 7 + k * 13) % items) ** 2 / items);
        lines.push(`${group}-user-${u},${group}-item-${item},${time++},click,`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

let groups = 0;

/**
 * A new group whose Interactions dataset holds `csv`; returns the group's ARN. With a domain, a
 * domain dataset group whose schema is of that domain.
 */
export async function groupWithInteractions(
  service: TestService,
  csv: string,
  domain?: Domain,
): Promise<string> {
  const name = `training-${++groups}`;
  const { datasetGroupArn } = await service.personalize.send(
    new CreateDatasetGroupCommand({ name, domain }),
  );
  const { schemaArn } = await service.personalize.send(
    new CreateSchemaCommand({ name: `${name}-interactions`, schema: INTERACTIONS_SCHEMA, domain }),
  );
  const { datasetArn } = await service.personalize.send(
    new CreateDatasetCommand({
      name: `${name}-interactions`,
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  await putObject(service, 'training', `${name}.csv`, csv);
  const job = await importCsv(service, datasetArn!, `${name}-import`, `s3://training/${name}.csv`);
  if (job.status !== 'ACTIVE') throw new Error(`import failed: ${job.failureReason}`);
  return datasetGroupArn!;
}

export async function waitForVersion(
  service: TestService,
  solutionVersionArn: string,
  timeoutMs = 120_000,
): Promise<SolutionVersion> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { solutionVersion } = await service.personalize.send(
      new DescribeSolutionVersionCommand({ solutionVersionArn }),
    );
    if (
      !['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE STOPPING'].includes(
        solutionVersion!.status!,
      )
    ) {
      return solutionVersion!;
    }
    if (Date.now() > deadline)
      throw new Error(`${solutionVersionArn} is still ${solutionVersion!.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates a solution and trains one version of it to the end. */
export async function trainSolution(
  service: TestService,
  input: CreateSolutionCommandInput,
  timeoutMs?: number,
): Promise<{ solutionArn: string; version: SolutionVersion }> {
  const { solutionArn } = await service.personalize.send(new CreateSolutionCommand(input));
  const { solutionVersionArn } = await service.personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  return {
    solutionArn: solutionArn!,
    version: await waitForVersion(service, solutionVersionArn!, timeoutMs),
  };
}
