/**
 * Linking a session to its user costs a read of the session's events on
 * every call that names both. A link this process made is remembered for a
 * minute, so a signed-in session's following calls skip that read; an
 * anonymous event this process records for the session makes it read again.
 * An anonymous event recorded meanwhile by another process (or by this one
 * while the link was being made) waits for a call after the minute, which
 * links it then.
 */
import type { Context } from '../../context/context';
import { perContext } from '../../cache/loading-cache';

const links = perContext<Context, string, string>({ ttlMs: 60_000, maxWeight: 100_000 });

const keyOf = (datasetGroupArn: string, sessionId: string) => `${datasetGroupArn}#${sessionId}`;

export async function linkSession(
  ctx: Context,
  datasetGroupArn: string,
  sessionId: string,
  userId: string,
): Promise<void> {
  const key = keyOf(datasetGroupArn, sessionId);
  if (links(ctx).peek(key, ctx.now()) === userId) return;
  await ctx.events.linkSession(datasetGroupArn, sessionId, userId, ctx.now());
  links(ctx).set(key, userId, ctx.now());
}

/** Called once a session's anonymous events are recorded: a later call must link them. */
export function forgetLink(ctx: Context, datasetGroupArn: string, sessionId: string): void {
  links(ctx).delete(keyOf(datasetGroupArn, sessionId));
}
