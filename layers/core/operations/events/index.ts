/**
 * The events API (restJson1), each operation at its `route`. The runtime API's
 * operations join the same way: an operation with a route, in a list like this.
 */
import type { Operation } from '../operation';
import putEvents from './put-events';
import putItems from './put-items';
import putUsers from './put-users';

export const EVENTS_OPERATIONS: readonly Operation[] = [putEvents, putUsers, putItems];
