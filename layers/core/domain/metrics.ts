/** The offline metrics Personalize reports for a solution version, by their names on the wire. */
export const METRIC_NAMES = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5',
  'precision_at_10',
  'precision_at_25',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];
