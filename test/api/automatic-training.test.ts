/**
 * Automatic training on the local service: its rules as the official client meets them, and its
 * schedule, with the service's clock moved on instead of waiting days: a solution on rate(1 day)
 * gets an AUTOMATIC version a day after its manual one, a campaign on `{solutionArn}/$LATEST`
 * with syncWithLatestSolutionVersion serves it, and a schedule that fell due while the service
 * was down runs when it starts again.
 */
import {
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeSolutionCommand,
  InvalidInputException,
  ListSolutionVersionsCommand,
  UpdateSolutionCommand,
  type SolutionVersionSummary,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { createGroup, startTestService, type TestService } from '../helpers/local-service';
import { groupWithInteractions, twoTastesCsv, waitForVersion } from '../helpers/training';
import { eventually } from '../helpers/eventually';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** How far the services' scheduling clock is ahead of the wall clock. */
let ahead = 0;
const scheduledTraining = { intervalMs: 100, clock: () => Date.now() + ahead };

let service: TestService;

beforeAll(async () => {
  service = await startTestService(undefined, { scheduledTraining });
});
afterAll(async () => {
  await service.stop();
});

describe('the official client', () => {
  const SIMS = 'arn:aws:personalize:::recipe/aws-sims';
  let datasetGroupArn: string;
  beforeAll(async () => {
    datasetGroupArn = await createGroup(service, 'automatic-rules');
  });

  /** The exception a call fails with. */
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error('the call succeeded');
      },
      (error: Error) => error,
    );

  it("reads Personalize's defaults: on, every 7 days", async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({ name: 'defaults', datasetGroupArn, recipeArn: SIMS }),
    );
    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );

    expect(solution).toMatchObject({
      performAutoTraining: true,
      performIncrementalUpdate: false,
      solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(7 days)' } },
    });
    expect(solution!.latestSolutionUpdate).toBeUndefined();
  });

  it('is refused a schedule of more than 30 days, naming the member and the form', async () => {
    const error = await refusal(
      service.personalize.send(
        new CreateSolutionCommand({
          name: 'monthly',
          datasetGroupArn,
          recipeArn: SIMS,
          solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(31 days)' } },
        }),
      ),
    );

    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toBe(
      'solutionConfig.autoTrainingConfig.schedulingExpression must be rate(N days) with N from 1 to 30, got "rate(31 days)".',
    );
  });

  it('is refused a schedule of 0 days and performIncrementalUpdate by UpdateSolution', async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({ name: 'updated', datasetGroupArn, recipeArn: SIMS }),
    );

    const error = await refusal(
      service.personalize.send(
        new UpdateSolutionCommand({
          solutionArn,
          performIncrementalUpdate: true,
          solutionUpdateConfig: { autoTrainingConfig: { schedulingExpression: 'rate(0 days)' } },
        }),
      ),
    );

    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toBe(
      'solutionUpdateConfig.autoTrainingConfig.schedulingExpression must be rate(N days) with N from 1 to 30, got "rate(0 days)"; performIncrementalUpdate may be true only for a solution with aws-semantic-similarity, a recipe Tailor does not serve.',
    );
  });

  it('turns automatic training off with UpdateSolution, shown as its latest update', async () => {
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({ name: 'turned-off', datasetGroupArn, recipeArn: SIMS }),
    );

    await service.personalize.send(
      new UpdateSolutionCommand({ solutionArn, performAutoTraining: false }),
    );
    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );

    expect(solution).toMatchObject({
      performAutoTraining: false,
      latestSolutionUpdate: {
        status: 'ACTIVE',
        performAutoTraining: false,
        performIncrementalUpdate: false,
        creationDateTime: expect.any(Date),
      },
    });
  });
});

async function automaticVersions(solutionArn: string): Promise<SolutionVersionSummary[]> {
  const { solutionVersions } = await service.personalize.send(
    new ListSolutionVersionsCommand({ solutionArn }),
  );
  return solutionVersions!.filter((version) => version.trainingType === 'AUTOMATIC');
}

describe('the schedule', () => {
  it('trains on schedule, serves the automatic version on $LATEST, and catches up after a restart', async () => {
    const datasetGroupArn = await groupWithInteractions(service, twoTastesCsv());
    const { trackingId } = await service.personalize.send(
      new CreateEventTrackerCommand({ name: 'automatic', datasetGroupArn }),
    );
    const { solutionArn } = await service.personalize.send(
      new CreateSolutionCommand({
        name: 'daily',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
        solutionConfig: { autoTrainingConfig: { schedulingExpression: 'rate(1 day)' } },
      }),
    );
    // Within the hour: this version takes the place of the first automatic one.
    const { solutionVersionArn: manual } = await service.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    await waitForVersion(service, manual!);
    const { campaignArn } = await service.personalize.send(
      new CreateCampaignCommand({
        name: 'latest',
        solutionVersionArn: `${solutionArn}/$LATEST`,
        campaignConfig: { syncWithLatestSolutionVersion: true },
      }),
    );
    const topItem = async () =>
      (
        await service.runtime.send(
          new GetRecommendationsCommand({ campaignArn, userId: 'anyone', numResults: 1 }),
        )
      ).itemList![0]!.itemId!;
    const before = await topItem();
    for (let u = 0; u < 60; u++) {
      await service.events.send(
        new PutEventsCommand({
          trackingId,
          userId: `fan-${u}`,
          sessionId: `session-${u}`,
          eventList: [
            { eventType: 'click', itemId: 'b-item-29', sentAt: new Date(1_700_100_000_000 + u) },
          ],
        }),
      );
    }

    ahead = 2 * HOUR;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const skipped = await automaticVersions(solutionArn!);
    ahead = DAY + 2 * HOUR;
    const [automatic] = await eventually(
      () => automaticVersions(solutionArn!),
      (versions) => versions.length > 0,
    );
    const trained = await waitForVersion(service, automatic!.solutionVersionArn!);
    const after = await eventually(topItem, (item) => item === 'b-item-29');
    const { campaign } = await service.personalize.send(
      new DescribeCampaignCommand({ campaignArn }),
    );
    const { solution } = await service.personalize.send(
      new DescribeSolutionCommand({ solutionArn }),
    );

    expect(before).not.toBe('b-item-29');
    expect(skipped).toEqual([]);
    expect(trained).toMatchObject({
      status: 'ACTIVE',
      trainingMode: 'FULL',
      trainingType: 'AUTOMATIC',
    });
    expect(after).toBe('b-item-29');
    expect(campaign!.solutionVersionArn).toBe(automatic!.solutionVersionArn);
    expect(solution!.latestSolutionVersion).toMatchObject({
      solutionVersionArn: automatic!.solutionVersionArn,
      trainingType: 'AUTOMATIC',
    });

    // New events, then down for two days: the start-up tick runs what fell due, once, with no
    // timer to help.
    await service.events.send(
      new PutEventsCommand({
        trackingId,
        userId: 'late-fan',
        sessionId: 'late-session',
        eventList: [{ eventType: 'click', itemId: 'b-item-28', sentAt: new Date() }],
      }),
    );
    await service.stop(true);
    ahead = 3 * DAY + 2 * HOUR;
    service = await startTestService(service.dataDir, {
      scheduledTraining: { ...scheduledTraining, intervalMs: HOUR },
    });
    const caughtUp = await automaticVersions(solutionArn!);

    expect(caughtUp).toHaveLength(2);
    await waitForVersion(service, caughtUp[0]!.solutionVersionArn!);
  }, 180_000);
});
