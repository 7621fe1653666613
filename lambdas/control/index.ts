/** The control-plane API (AmazonPersonalize.*, AWS JSON 1.1 at POST /). */
import { CONTROL_OPERATIONS } from '@tailor/core';
import { apiHandler } from '../shared/handler';

export const handler = apiHandler('control', CONTROL_OPERATIONS);
