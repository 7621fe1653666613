import type * as z from 'zod';
import type { Context } from './context';

/** One API operation: its declared input shape and the function that serves it. */
export interface Operation<S extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  /**
   * The REST path of a restJson1 operation (`/events`); absent for the control
   * plane, which is addressed by X-Amz-Target instead.
   */
  route?: `/${string}`;
  input: S;
  run(input: z.infer<S>, ctx: Context): Promise<O>;
}

export const defineOperation = <S extends z.ZodType, O>(op: Operation<S, O>): Operation<S, O> => op;
