export class InvariantError extends Error {
  override name = 'InvariantError';
}

/** Engine invariants: a broken one is a simulator bug, never a user error. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InvariantError(message);
}
