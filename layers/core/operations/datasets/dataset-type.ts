import * as shape from '../../api/shapes';
import { DATASET_TYPES, type DatasetType } from '../../domain/dataset';

/**
 * Personalize takes the type in any case ("Interactions"); ARNs and responses use upper case. The
 * model allows any `^[A-Za-z_]+$`; Tailor also refuses, at validation, a type it does not know.
 */
export const datasetType = () =>
  shape
    .datasetTypeName()
    .refine((value) => (DATASET_TYPES as readonly string[]).includes(value.toUpperCase()), {
      message: `Member must be one of ${DATASET_TYPES.join(', ')} (in any case)`,
      // One complaint a value: a type the pattern or length refuses is not also unknown.
      when: (payload) => payload.issues.length === 0,
    })
    .transform((value) => value.toUpperCase() as DatasetType);

/** The dataset types whose DescribeDataset shows the group's event tracker. */
export const EVENT_DATASET_TYPES: readonly DatasetType[] = ['INTERACTIONS', 'ACTION_INTERACTIONS'];
