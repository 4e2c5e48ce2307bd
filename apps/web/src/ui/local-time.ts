/** An instant as the value of an <input type="datetime-local"> (the browser's time zone, seconds). */
export function toLocalInput(iso: string | number | null | undefined): string {
  const at = typeof iso === 'number' ? iso : iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(at)) return '';
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The instant an <input type="datetime-local"> value names, as ISO-8601 (UTC), or null. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
