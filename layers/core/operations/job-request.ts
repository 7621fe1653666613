/**
 * What the create-job requests share (CreateDatasetImportJob, CreateDatasetExportJob,
 * CreateDataDeletionJob, CreateBatchInferenceJob): a role for the job to assume and the S3
 * locations it reads or writes, taken by the shapes here and checked by checkJobRequest before
 * anything is created, so a bad one is refused in the same words whichever job names it.
 */
import * as z from 'zod';
import { InvalidInputException } from '../api/errors';
import * as shape from '../api/shapes';
import { checkPassRole } from '../auth/callers';
import { callerLocationProblem } from '../data/caller-locations';

/** The context checkPassRole reads the caller from; checkJobRequest also reads `dataBucket`. */
type RequestContext = Parameters<typeof checkPassRole>[0];

/** The model's DataSource: where an import or a data deletion job reads. */
export const dataSource = () => z.object({ dataLocation: shape.s3Location() });

/** The model's S3DataConfig: where a job reads or writes, and the KMS key of what it writes. */
export const s3DataConfig = () =>
  z.object({ path: shape.s3Location(), kmsKeyArn: shape.kmsKeyArn().optional() });

/** The members of a create-job request that checkJobRequest reads; each job has some of them. */
export interface JobRequest {
  roleArn?: string | undefined;
  dataSource?: { dataLocation: string };
  jobInput?: { s3DataSource: { path: string } };
  jobOutput?: { s3DataDestination: { path: string } };
}

/** Each location member, as messages name it, and what a valid one looks like. */
const LOCATIONS: readonly {
  member: string;
  of: (request: JobRequest) => string | undefined;
  example: string;
}[] = [
  {
    member: 'dataSource.dataLocation',
    of: (request) => request.dataSource?.dataLocation,
    example: 's3://bucket/file.csv or s3://bucket/folder/',
  },
  {
    member: 'jobInput.s3DataSource.path',
    of: (request) => request.jobInput?.s3DataSource.path,
    example: 's3://bucket/input.json or s3://bucket/folder/',
  },
  {
    member: 'jobOutput.s3DataDestination.path',
    of: (request) => request.jobOutput?.s3DataDestination.path,
    example: 's3://bucket/folder/',
  },
];

/**
 * Refuses a role the caller may not pass (AccessDeniedException, checkPassRole), then, in one
 * InvalidInputException, every location of the request that a job cannot use
 * (data/caller-locations.ts) followed by the `problems` the operation found in its other members.
 */
export async function checkJobRequest(
  ctx: RequestContext,
  request: JobRequest,
  problems: readonly string[] = [],
): Promise<void> {
  await checkPassRole(ctx, request.roleArn);
  const found = LOCATIONS.flatMap(({ member, of, example }) => {
    const url = of(request);
    const problem =
      url === undefined
        ? undefined
        : callerLocationProblem({ member, url, example }, ctx.dataBucket);
    return problem === undefined ? [] : [problem];
  });
  found.push(...problems);
  if (found.length > 0) throw new InvalidInputException(`${found.join('; ')}.`);
}
