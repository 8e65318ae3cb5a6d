// Cleanup that runs in reverse order of registration at the end of a test, so a service stops
// before the store it writes to closes and before the server it talks to goes away.
import type { TestContext } from 'node:test';

type Cleanup = () => void | Promise<void>;
const stacks = new WeakMap<object, Cleanup[]>();

export function defer(t: Pick<TestContext, 'after'>, fn: Cleanup): void {
  let stack = stacks.get(t);
  if (!stack) {
    const created: Cleanup[] = [];
    stack = created;
    stacks.set(t, created);
    t.after(async () => {
      for (const cleanup of created.reverse()) await cleanup();
    });
  }
  stack.push(fn);
}
