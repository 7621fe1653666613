/** Where a job reads its input, as Personalize reads a data location: a file or a folder. */
import { parseS3Url, type ObjectLocation, type ObjectStore } from '../store/object-ports';
import { JobFailure } from '../domain/jobs';

/**
 * The object named, or every object under a location that ends in `/` (those whose names end in
 * `extension`, when given), in key order. A folder with none fails the job; a file that is not
 * there is found missing when it is read.
 */
export async function sourceFiles(
  objects: ObjectStore,
  dataLocation: string,
  extension?: string,
): Promise<ObjectLocation[]> {
  const location = parseS3Url(dataLocation)!;
  if (location.key !== '' && !location.key.endsWith('/')) return [location];
  // Keys ending in `/` are the empty markers consoles create for folders.
  const keys = (await objects.list(location.bucket, location.key)).filter(
    (key) =>
      !key.endsWith('/') && (extension === undefined || key.toLowerCase().endsWith(extension)),
  );
  if (keys.length === 0) {
    throw new JobFailure(
      `There is no ${extension ? `${extension} ` : ''}file under ${dataLocation}.`,
    );
  }
  return keys.map((key) => ({ bucket: location.bucket, key }));
}
