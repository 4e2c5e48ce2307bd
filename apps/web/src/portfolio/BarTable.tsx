import type { ReactNode } from 'react';

export interface Bar {
  key: string;
  label: ReactNode;
  value: number;
  /** What the value cell says (the formatted value, with its unit). */
  text: string;
  /** A badge tone for the bar's colour. */
  tone?: 'success' | 'danger' | 'warning' | 'info' | 'neutral';
}

/**
 * A bar chart that is a table: each row's label, its value as text, and the bar drawn beside it
 * (decoration, hidden from assistive technology: the text says the same). Signed values grow
 * from the middle, better to the right.
 */
export function BarTable({
  caption,
  labelHeader,
  valueHeader,
  bars,
  signed = false,
  extra,
}: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  bars: readonly Bar[];
  signed?: boolean;
  /** More columns: their headers, and each bar's cells. */
  extra?: { headers: string[]; cells: (bar: Bar) => ReactNode[] };
}) {
  const max = Math.max(1e-9, ...bars.map((bar) => Math.abs(bar.value)));
  return (
    <table className="data-table bar-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          {extra?.headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
          <th scope="col" className="numeric">
            {valueHeader}
          </th>
          <th scope="col" className="bar-cell">
            <span className="visually-hidden">{valueHeader}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => {
          const share = (Math.abs(bar.value) / max) * (signed ? 50 : 100);
          const x = signed ? (bar.value >= 0 ? 50 : 50 - share) : 0;
          const tone = bar.tone ?? (signed ? (bar.value >= 0 ? 'success' : 'danger') : 'info');
          return (
            <tr key={bar.key}>
              <th scope="row">{bar.label}</th>
              {extra?.cells(bar).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
              <td className="numeric nowrap">{bar.text}</td>
              <td className="bar-cell">
                <svg
                  className="bar"
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  {signed && <line x1="50" x2="50" y1="0" y2="10" className="bar-axis" />}
                  <rect
                    x={x}
                    y="1"
                    width={Math.max(share, bar.value === 0 ? 0 : 0.5)}
                    height="8"
                    className={`bar-${tone}`}
                  />
                </svg>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
