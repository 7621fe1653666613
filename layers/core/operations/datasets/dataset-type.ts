import * as z from 'zod';
import { DATASET_TYPES, type DatasetType } from '../../data/avro-schema';

/** Personalize takes the type in any case ("Interactions"); ARNs and responses use upper case. */
export const datasetType = () =>
  z
    .string()
    .refine((value) => (DATASET_TYPES as readonly string[]).includes(value.toUpperCase()), {
      message: `Member must be one of ${DATASET_TYPES.join(', ')} (in any case)`,
    })
    .transform((value) => value.toUpperCase() as DatasetType);

/** The dataset types whose DescribeDataset shows the group's event tracker. */
export const EVENT_DATASET_TYPES: readonly DatasetType[] = ['INTERACTIONS', 'ACTION_INTERACTIONS'];
