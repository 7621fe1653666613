/**
 * The field shapes of the Personalize API model, declared once. Each check's
 * message is the constraint half of AWS's "Value ... at 'field' failed to
 * satisfy constraint: ..." sentence; `validation.ts` adds the rest.
 */
import * as z from 'zod';

const length = (min: number, max: number) =>
  z
    .string()
    .min(min, { message: `Member must have length greater than or equal to ${min}` })
    .max(max, { message: `Member must have length less than or equal to ${max}` });

/** A string matching the model's regex; `shown` is the model's own spelling of it. */
export const pattern = (schema: z.ZodString, regex: RegExp, shown: string) =>
  schema.regex(regex, { message: `Member must satisfy regular expression pattern: ${shown}` });

/** A string with AWS's length constraint, such as a schema's Avro JSON. */
export const text = (min: number, max: number) => length(min, max);

/** A list with AWS's member-count constraint, such as PutEvents' 1–10 events. */
export const list = <T extends z.ZodType>(member: T, min: number, max: number) =>
  z
    .array(member)
    .min(min, { message: `Member must have length greater than or equal to ${min}` })
    .max(max, { message: `Member must have length less than or equal to ${max}` });

/** A map with AWS's entry-count constraint, such as HyperParameters' 100. */
export const map = <K extends z.ZodType<string>, V extends z.ZodType>(
  key: K,
  value: V,
  max: number,
) =>
  z.record(key, value).refine((entries) => Object.keys(entries).length <= max, {
    message: `Member must have length less than or equal to ${max}`,
  });

/** A user, item or event ID, as the events and runtime APIs bound them. */
export const id = () => length(1, 256);

export const name = () =>
  pattern(length(1, 63), /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/, '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*');

export const arn = () =>
  pattern(
    length(0, 256),
    /^arn:([a-z\d-]+):personalize:.*:.*:.+$/,
    'arn:([a-z\\d-]+):personalize:.*:.*:.+',
  );

export const roleArn = () =>
  pattern(
    length(0, 256),
    /^arn:([a-z\d-]+):iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
    'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
  );

export const kmsKeyArn = () =>
  pattern(
    length(0, 2048),
    /^arn:aws.*:kms:.*:[0-9]{12}:key\/.*$/,
    'arn:aws.*:kms:.*:[0-9]{12}:key/.*',
  );

/**
 * An S3 location, as the model's S3Location: `(s3|http|https)://.+`, whose `.` (Java's) takes
 * anything but a line break; which of those URLs a job can use is checked by the operation.
 */
export const s3Location = () =>
  pattern(
    length(0, 256),
    /^(s3|http|https):\/\/[^\n\r\u0085\u2028\u2029]+$/,
    '(s3|http|https)://.+',
  );

export const domain = () => z.enum(['ECOMMERCE', 'VIDEO_ON_DEMAND']);

/** A dataset type's name as the control plane's model bounds it: letters and `_`, in any case. */
export const datasetTypeName = () => pattern(length(0, 256), /^[A-Za-z_]+$/, '^[A-Za-z_]+$');

/** A dataset column (an Avro field name), as the model's ColumnName. */
export const columnName = () =>
  pattern(length(0, 150), /^[A-Za-z_][A-Za-z\d_]*$/, '[A-Za-z_][A-Za-z\\d_]*');

/** The largest magnitude of Avro's float, a 32-bit IEEE 754 number. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The range of the model's `integer` (32 bits), the bound of members that declare none. */
const INTEGER_MAX = 2 ** 31 - 1;
const INTEGER_MIN = -(2 ** 31);

/**
 * A whole number with AWS's range constraint. The range is checked before wholeness, so a number
 * out of range gets the range's message alone, not also zod's own safe-integer bound's.
 */
export const integer = (min = INTEGER_MIN, max = INTEGER_MAX) =>
  z
    .number()
    .min(min, { message: `Member must have value greater than or equal to ${min}` })
    .max(max, { message: `Member must have value less than or equal to ${max}` })
    .pipe(z.int());

/** A number of the model's `double`, with the range the member declares. */
export const double = (min = -Number.MAX_VALUE, max = Number.MAX_VALUE) =>
  z
    .number()
    .min(min, { message: `Member must have value greater than or equal to ${min}` })
    .max(max, { message: `Member must have value less than or equal to ${max}` });

/**
 * A number of the model's `float` (32 bits), such as PutEvents' eventValue: the value the
 * service keeps is the float nearest to the JSON number, as Personalize reads it into a float.
 */
export const float = () =>
  z
    .number()
    .min(-FLOAT32_MAX, {
      message: `Member must have value greater than or equal to ${-FLOAT32_MAX}`,
    })
    .max(FLOAT32_MAX, { message: `Member must have value less than or equal to ${FLOAT32_MAX}` })
    .transform(Math.fround);

export const maxResults = () => integer(1, 100);

/** The model's NextToken: `\p{ASCII}{0,1500}`. */
export const nextToken = () => pattern(length(0, 1500), /^\p{ASCII}*$/u, '\\p{ASCII}{0,1500}');

/** The characters of a tag's key and value: letters, digits, spaces and `_.:/=+-@` (Unicode's). */
const tagText = (min: number, max: number) =>
  pattern(
    length(min, max),
    /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$',
  );

export const tagKey = () => tagText(1, 128);

export const tag = () => z.object({ tagKey: tagKey(), tagValue: tagText(0, 256) });

/**
 * The model's list of at most 200; a resource holds at most 50, which the operation counts
 * with those it has (resources/lifecycle.ts's mergeTags, TooManyTagsException).
 */
export const tags = () => list(tag(), 0, 200);

export const pageRequest = {
  nextToken: nextToken().optional(),
  maxResults: maxResults().optional(),
};
