import type { BatchInferenceJobRecord } from '../../domain/batch-inference-job';
import { JOB_MODE } from '../../domain/batch-inference-job';
import { seconds } from '../../resources/lifecycle';

export const summarizeBatchInferenceJob = ({
  arn,
  attributes: a,
  createdAt,
  updatedAt,
}: BatchInferenceJobRecord) => ({
  batchInferenceJobArn: arn,
  jobName: a.jobName,
  status: a.status,
  creationDateTime: seconds(createdAt),
  lastUpdatedDateTime: seconds(updatedAt),
  failureReason: a.failureReason,
  solutionVersionArn: a.solutionVersionArn,
  batchInferenceJobMode: JOB_MODE,
});

export const describeBatchInferenceJob = (record: BatchInferenceJobRecord) => {
  const { attributes: a } = record;
  return {
    ...summarizeBatchInferenceJob(record),
    filterArn: a.filterArn,
    numResults: a.numResults,
    jobInput: { s3DataSource: { path: a.inputPath, kmsKeyArn: a.inputKmsKeyArn } },
    jobOutput: { s3DataDestination: { path: a.outputPath, kmsKeyArn: a.outputKmsKeyArn } },
    batchInferenceJobConfig: a.batchInferenceJobConfig,
    roleArn: a.roleArn,
    recordCount: a.recordCount,
    errorCount: a.errorCount,
  };
};
