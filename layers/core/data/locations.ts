/** Where Tailor keeps each dataset's data in its own bucket: one place, named by the dataset. */
import type { ObjectLocation } from '../store/object-ports';

/** `dataset/{group}/{TYPE}` from the dataset's ARN, which is unique and never reused concurrently. */
const datasetPath = (datasetArn: string): string => datasetArn.split(':').slice(5).join(':');

/** The data of bulk imports, in the compact form (compact.ts). */
export const bulkDataLocation = (dataBucket: string, datasetArn: string): ObjectLocation => ({
  bucket: dataBucket,
  key: `${datasetPath(datasetArn)}/bulk.tlrd`,
});
