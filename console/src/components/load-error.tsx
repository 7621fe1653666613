/** What a page shows before its data arrives, or instead of it when the API refused. */
import Alert from '@cloudscape-design/components/alert';
import Spinner from '@cloudscape-design/components/spinner';
import type { Loaded } from '../api/use-load';
import { describeError } from './notifications';

export function LoadError({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  if (loaded.error) {
    return (
      <Alert type="error" header={`Could not load ${what}`}>
        {describeError(loaded.error)}
      </Alert>
    );
  }
  return <Spinner size="large" />;
}
