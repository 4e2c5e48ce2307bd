import type { ReactNode } from 'react';

/** A titled part of a page: its heading names the region, and its id is a link target. */
export function PageSection({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className={`page-section${className ? ` ${className}` : ''}`}
    >
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
