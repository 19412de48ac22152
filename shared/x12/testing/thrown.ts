/** The error `fn` throws, checked to be a `type` (tests of what malformed input gets told). */
export function thrown<E extends Error>(fn: () => unknown, type: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw new Error(`expected a ${type.name}, got ${e instanceof Error ? e.name : typeof e}`);
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}
