/** Where Tailor keeps each dataset's data in its own bucket: one place, named by the dataset. */
import type { ObjectLocation } from '../store/object-ports';

/** `dataset/{group}/{TYPE}` from the dataset's ARN, which is unique and never reused concurrently. */
const datasetPath = (datasetArn: string): string => datasetArn.split(':').slice(5).join(':');

/** Everything Tailor keeps of a dataset is under this folder: DeleteDataset empties it. */
export const datasetFolder = (dataBucket: string, datasetArn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${datasetPath(datasetArn)}/`,
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

/** `solution/{name}/{versionId}` from a solution version's ARN. */
const versionPath = (solutionVersionArn: string): string =>
  solutionVersionArn.split(':').slice(5).join(':');

/** A solution version's model artifact (recipes/artifact.ts). */
export const modelLocation = (dataBucket: string, solutionVersionArn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${versionPath(solutionVersionArn)}/${MODEL_FILE}`,
});

/** A solution version's metrics and what training chose, as JSON beside the model. */
export const trainingReportLocation = (
  dataBucket: string,
  solutionVersionArn: string,
): ObjectLocation => ({
  bucket: dataBucket,
  key: `${versionPath(solutionVersionArn)}/${TRAINING_REPORT_FILE}`,
});
