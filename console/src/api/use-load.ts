/**
 * A page's data through TanStack Query: loaded when the page opens, again when asked, and every
 * few seconds while `live` says something is still changing (an import or a training).
 */
import { useQuery } from '@tanstack/react-query';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** How often live data is read again. */
export const POLL_MS = 2000;

export function useLoad<T>(
  key: readonly unknown[],
  load: () => Promise<T>,
  live: (data: T) => boolean = () => false,
): Loaded<T> {
  const query = useQuery({
    queryKey: key,
    queryFn: load,
    refetchInterval: ({ state }) =>
      state.data !== undefined && live(state.data) ? POLL_MS : false,
  });
  return {
    data: query.data,
    error: query.error,
    loading: query.isFetching,
    reload: () => void query.refetch(),
  };
}

/** Statuses of something still changing. */
export const isChanging = (status: string | undefined): boolean =>
  status !== undefined && /PENDING|IN_PROGRESS|STOPPING/.test(status);
