import type * as z from 'zod';
import type { ResourceRef } from '../auth/key-policy-enforcement';
import type { Place } from '../domain/arn';
import type { Context } from '../context/context';

/** One API operation: its declared input shape and the function that serves it. */
export interface Operation<S extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  /**
   * The REST path of a restJson1 operation (`/events`); absent for the control
   * plane, which is addressed by X-Amz-Target instead.
   */
  route?: `/${string}`;
  input: S;
  /**
   * The resources a request names, which key policies judge it by (docs/auth.md#key-policies):
   * each is found in its dataset group. None for an operation on the account (schemas, recipes)
   * or on everything (List* without a parent).
   */
  touches(input: z.infer<S>, place: Place): readonly ResourceRef[];
  run(input: z.infer<S>, ctx: Context): Promise<O>;
}

export const defineOperation = <S extends z.ZodType, O>(op: Operation<S, O>): Operation<S, O> => op;
