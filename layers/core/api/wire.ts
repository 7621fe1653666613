/**
 * The official clients' response types as the JSON protocols carry them, so that an operation's
 * answer is checked against the SDK's own declaration of it:
 *
 *   return { campaign: describeCampaign(record, served) } satisfies Wire<DescribeCampaignResponse>;
 *
 * `Wire<T>` is T with, at any depth:
 * - every Date a number: the SDKs type a timestamp as a Date, which awsJson1_1 and restJson1
 *   carry as epoch seconds;
 * - every string enum a string: the SDKs close the model's enums (Domain, TrainingType), while
 *   the stored records keep the value the request brought, which the request shapes hold to the
 *   model's enum (test/unit/api/model-conformance.test.ts).
 *
 * The types come from the clients with `import type`, which no bundle includes (eslint.config.mjs
 * allows no other import of them in the core).
 */
export type Wire<T> = T extends Date
  ? number
  : T extends string
    ? string
    : T extends readonly (infer E)[]
      ? Wire<E>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;
