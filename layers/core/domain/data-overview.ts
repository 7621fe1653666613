/**
 * What an Interactions dataset's bulk data looks like, counted when an import stores it: what
 * the console draws as the data overview (docs/console.md). A Tailor extension of
 * DescribeDataset's latestDatasetUpdate, which raw JSON clients can read.
 */
export interface DataOverview {
  interactions: number;
  users: number;
  items: number;
  /** Interactions by event type, most first; the empty string for rows without one. */
  eventTypes: { eventType: string; count: number }[];
  /** Interactions per period of `days` days from `start` (epoch seconds, a UTC midnight). */
  overTime: { days: number; start: number; counts: number[] };
  /** How many users have at least `atLeast` interactions and fewer than twice as many. */
  perUser: { atLeast: number; count: number }[];
  /** The same of items. */
  perItem: { atLeast: number; count: number }[];
  /** The share of interactions the most interacted items take: the long tail is the rest. */
  popularShare: { items: number; interactions: number }[];
}
