/** Changes to a JSON value at a path, copying only what lies on the path: the original is kept. */

export type Path = readonly (string | number)[];

type Container = Record<string | number, unknown>;

const copyOf = (value: unknown): Container =>
  (Array.isArray(value) ? [...value] : { ...(value as object) }) as Container;

/** `root` with the value at `path` replaced; `undefined` removes it (an array closes the gap). */
export function withValue(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const isContainer = root !== null && typeof root === 'object';
  const copy = isContainer ? copyOf(root) : {};
  const next = withValue(isContainer ? (root as Container)[head] : undefined, rest, value);
  if (next !== undefined || rest.length > 0) {
    // defineProperty, not assignment: a member may be called __proto__.
    Object.defineProperty(copy, head, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (Array.isArray(copy)) {
    copy.splice(Number(head), 1);
  } else {
    delete copy[head];
  }
  return copy;
}

/** Every path inside a JSON value, outermost first. */
export function pathsIn(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    return [here, ...pathsIn(inner, here)];
  });
}

export function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Container)[key] : undefined,
    root,
  );
}
