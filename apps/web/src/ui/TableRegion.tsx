import type { ReactNode } from 'react';

/** A wide table's scrolling frame: reachable by keyboard (arrow keys scroll it) and named. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
