/** A resource's or job's status as Cloudscape shows states, with the failure reason beside it. */
import StatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator';

const TYPES: [RegExp, StatusIndicatorProps.Type][] = [
  [/FAILED/, 'error'],
  [/STOPPED|INACTIVE/, 'stopped'],
  [/PENDING/, 'pending'],
  [/IN_PROGRESS|STOPPING/, 'in-progress'],
  [/ACTIVE/, 'success'],
];

export function Status({ status, reason }: { status?: string; reason?: string }) {
  if (!status) return <StatusIndicator type="info">None</StatusIndicator>;
  const type = TYPES.find(([pattern]) => pattern.test(status))?.[1] ?? 'info';
  return (
    <StatusIndicator type={type}>
      {status}
      {reason ? `: ${reason}` : ''}
    </StatusIndicator>
  );
}
