/** The events API (PutEvents, PutUsers, PutItems: REST JSON at /events, /users, /items). */
import { EVENTS_OPERATIONS } from '@tailor/core';
import { apiHandler } from '../shared/handler';

export const handler = apiHandler('events', EVENTS_OPERATIONS);
