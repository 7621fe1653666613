/** The control-plane operations, by the name after `AmazonPersonalize.` in X-Amz-Target. */
import type { Operation } from '../api/operation';
import createDatasetGroup from './dataset-groups/create-dataset-group';
import deleteDatasetGroup from './dataset-groups/delete-dataset-group';
import describeDatasetGroup from './dataset-groups/describe-dataset-group';
import listDatasetGroups from './dataset-groups/list-dataset-groups';

export const CONTROL_OPERATIONS: readonly Operation[] = [
  createDatasetGroup,
  describeDatasetGroup,
  listDatasetGroups,
  deleteDatasetGroup,
];
