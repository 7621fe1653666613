/**
 * The iALS recipe family behind the Recipe interface: aws-user-personalization and
 * aws-personalized-ranking train and serve the same model (model.ts); they differ only in name
 * and type, and in what the runtime does with the scores.
 */
import { recipeByName } from '../catalogue';
import type { Recipe } from '../recipe';
import type { IalsKernelFactory } from './kernel';
import { IalsModel } from './model';
import { trainIals } from './train';
import { wasmKernel } from './wasm-kernel';

/**
 * The recipe `name` of the catalogue, training with `kernel`.
 * @default kernel - the WebAssembly SIMD kernel on worker threads
 */
export function ialsRecipe(name: string, kernel: IalsKernelFactory = wasmKernel): Recipe {
  const spec = recipeByName(name);
  if (!spec) throw new Error(`The catalogue has no recipe ${name}.`);
  return {
    name,
    type: spec.recipeType,
    train: async (data, parameters, options) =>
      new IalsModel(name, await trainIals(data, parameters, options, kernel)),
    decode: (artifact) => IalsModel.decode(name, artifact),
  };
}
