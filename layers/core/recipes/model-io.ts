/**
 * What a recipe needs at its edges: its resolved hyperparameters as typed values, and its model
 * artifact read back with every field checked, so a damaged or foreign artifact fails to load
 * with a clear ArtifactFormatError instead of scoring garbage.
 */
import { Artifact, ArtifactArray, ArtifactFormatError, readArtifact } from './artifact';
import type { HyperParameters } from './recipe';

/** A numeric hyperparameter, already defaulted and range-checked by resolveHyperParameters. */
export function numberParameter(parameters: HyperParameters, name: string): number {
  const value = parameters[name];
  if (typeof value !== 'number') {
    throw new TypeError(`Hyperparameter ${name} must be a resolved number, got ${String(value)}.`);
  }
  return value;
}

/** A categorical hyperparameter, already defaulted and checked by resolveHyperParameters. */
export function stringParameter(parameters: HyperParameters, name: string): string {
  const value = parameters[name];
  if (typeof value !== 'string') {
    throw new TypeError(`Hyperparameter ${name} must be a resolved string, got ${String(value)}.`);
  }
  return value;
}

/** Metadata every model keeps: the catalogue its item indices point into. */
export interface CatalogueMeta {
  itemIds: string[];
}

/** The artifact of `recipe` in format `version`, with its catalogue checked. */
export function openArtifact(
  bytes: Uint8Array,
  recipe: string,
  version: number,
): Artifact & { meta: CatalogueMeta } {
  const artifact = readArtifact(bytes);
  if (artifact.recipe !== recipe) {
    throw new ArtifactFormatError(`Expected a ${recipe} artifact, got ${artifact.recipe}.`);
  }
  if (artifact.version !== version) {
    throw new ArtifactFormatError(
      `Unknown ${recipe} artifact version ${artifact.version}; this build reads ${version}.`,
    );
  }
  const meta = artifact.meta as Partial<CatalogueMeta> | null;
  if (!Array.isArray(meta?.itemIds) || !meta.itemIds.every((id) => typeof id === 'string')) {
    throw new ArtifactFormatError(`The ${recipe} artifact has no itemIds.`);
  }
  return artifact as Artifact & { meta: CatalogueMeta };
}

type ArrayConstructor<T extends ArtifactArray> = { new (length: number): T; name: string };

/** The named array, of the given type and, when given, length. */
export function artifactArray<T extends ArtifactArray>(
  artifact: Artifact,
  name: string,
  type: ArrayConstructor<T>,
  length?: number,
): T {
  const array = artifact.arrays[name];
  if (!(array instanceof type)) {
    throw new ArtifactFormatError(`The ${artifact.recipe} artifact has no ${type.name} ${name}.`);
  }
  if (length !== undefined && array.length !== length) {
    throw new ArtifactFormatError(
      `The ${artifact.recipe} artifact's ${name} has ${array.length} entries, not ${length}.`,
    );
  }
  return array;
}
