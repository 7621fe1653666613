/** Where Tailor keeps each dataset's data in its own bucket: one place, named by the dataset. */
import type { ObjectLocation } from '../store/object-ports';

/**
 * A resource's path from its ARN (`dataset/{group}/{TYPE}`, `solution/{name}/{versionId}`): unique,
 * and never reused while its resource exists.
 */
const pathOf = (arn: string): string => arn.split(':').slice(5).join(':');

/** Everything Tailor keeps of a dataset is under this folder: DeleteDataset empties it. */
export const datasetFolder = (dataBucket: string, datasetArn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${pathOf(datasetArn)}/`,
});

/** The names of the objects Tailor keeps, which `npm start -- --check` checks by name. */
export const BULK_DATA_FILE = 'bulk.tlrd';
export const MODEL_FILE = 'model.tlrm';
export const TRAINING_REPORT_FILE = 'training.json';

/** The data of bulk imports, in the compact form (compact/columns.ts). */
export const bulkDataLocation = (dataBucket: string, datasetArn: string): ObjectLocation => {
  const folder = datasetFolder(dataBucket, datasetArn);
  return { ...folder, key: `${folder.key}${BULK_DATA_FILE}` };
};

/**
 * Everything trained for a solution (its versions' models and reports) or a recommender (each
 * training's) is under this folder: deleting the resource empties it.
 */
export const trainedFolder = (dataBucket: string, arn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${pathOf(arn)}/`,
});

/** A solution version's model artifact (recipes/artifact.ts). */
export const modelLocation = (dataBucket: string, solutionVersionArn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${pathOf(solutionVersionArn)}/${MODEL_FILE}`,
});

/** A solution version's metrics and what training chose, as JSON beside the model. */
export const trainingReportLocation = (
  dataBucket: string,
  solutionVersionArn: string,
): ObjectLocation => ({
  bucket: dataBucket,
  key: `${pathOf(solutionVersionArn)}/${TRAINING_REPORT_FILE}`,
});
