/**
 * The S3 locations a caller names for a job to read or write (dataLocation, jobInput,
 * jobOutput), checked when the job is asked for, so that a bad one is refused then rather than
 * failing the job later with an obscure error.
 */
import { parseS3Url } from '../store/object-ports';

/**
 * C0 controls and DEL. The model's pattern refuses line breaks; the others (NUL above all) pass
 * it, but S3 cannot list such a key (its XML cannot hold them) and a job would fail on it.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export interface CallerLocation {
  /** The request member, as messages name it: `dataSource.dataLocation`. */
  member: string;
  url: string;
  /** What a valid one looks like: `s3://bucket/file.csv or s3://bucket/folder/`. */
  example: string;
}

/** Why the location cannot be used, or undefined when it can. */
export function callerLocationProblem(
  { member, url, example }: CallerLocation,
  dataBucket: string,
): string | undefined {
  const control = CONTROL_CHARACTER.exec(url);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `${member} must not contain control characters; it has U+${code} at position ${control.index}`;
  }
  const location = parseS3Url(url);
  if (!location)
    return `${member} must be an S3 URL such as ${example}, got ${JSON.stringify(url)}`;
  if (location.bucket === dataBucket) {
    return `${member} names ${location.bucket}, the bucket where Tailor keeps its stored datasets and models, which jobs may not read or write: use a bucket of your own`;
  }
  return undefined;
}
