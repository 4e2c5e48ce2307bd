import { type ReactNode, startTransition, useEffect, useState } from 'react';

/**
 * Renders its children just after the first paint, in a transition: a long page shows its top
 * (what the person looks at first) at once, and React renders the rest in slices that leave the
 * main thread free for input in between.
 */
export function Deferred({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => startTransition(() => setShown(true)), []);
  return shown ? children : null;
}
