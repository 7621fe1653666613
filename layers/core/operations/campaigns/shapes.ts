import { z } from 'zod';

export const minProvisionedTPS = () =>
  z.number().int().min(1, { message: 'Member must have value greater than or equal to 1' });
