/**
 * What training writes beside each solution version, checked on every read (data/checksummed.ts):
 * the model the runtime serves and the report an UPDATE training starts from.
 */
import { readChecked, writeChecked, type ArtifactKind } from '../data/checksummed';
import { modelLocation, trainingReportLocation } from '../data/locations';
import type { Metrics } from '../recipes/evaluation/metrics';
import { MAGIC as MODEL_MAGIC } from '../recipes/artifact';
import type { HyperParameters } from '../recipes/recipe';
import type { ObjectStore } from '../store/object-ports';

const RETRAIN =
  'train a new solution version (CreateSolutionVersion) and deploy it (UpdateCampaign)';

export const MODEL: ArtifactKind = {
  describe: "a solution version's model",
  legacyMagic: MODEL_MAGIC,
  remedy: RETRAIN,
};

export const TRAINING_REPORT: ArtifactKind = {
  describe: "a solution version's training report",
  legacyMagic: '{',
  remedy: RETRAIN,
};

export interface TrainingReport {
  recipeArn: string;
  parameters: HyperParameters;
  metrics: Metrics | Record<string, number>;
}

export async function writeTrainedVersion(
  objects: ObjectStore,
  dataBucket: string,
  versionArn: string,
  model: Uint8Array,
  report: TrainingReport,
): Promise<void> {
  await writeChecked(objects, modelLocation(dataBucket, versionArn), model);
  await writeChecked(
    objects,
    trainingReportLocation(dataBucket, versionArn),
    JSON.stringify(report),
  );
}

/** The version's model decoded by `decode`; undefined when it has none. */
export function readModel<T>(
  objects: ObjectStore,
  dataBucket: string,
  versionArn: string,
  decode: (artifact: Uint8Array) => T,
): Promise<T | undefined> {
  return readChecked(objects, modelLocation(dataBucket, versionArn), MODEL, decode);
}

export function readTrainingReport(
  objects: ObjectStore,
  dataBucket: string,
  versionArn: string,
): Promise<TrainingReport | undefined> {
  return readChecked(
    objects,
    trainingReportLocation(dataBucket, versionArn),
    TRAINING_REPORT,
    (content) =>
      JSON.parse(
        Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8'),
      ) as TrainingReport,
  );
}
