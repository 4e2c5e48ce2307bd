/** A filter form's buttons: apply the typed filters; clear them all, once there are any. */
export function FilterButtons({
  applyLabel,
  clearLabel,
  filtered,
  onClear,
}: {
  applyLabel: string;
  clearLabel: string;
  filtered: boolean;
  onClear: () => void;
}) {
  return (
    <div className="filter-buttons">
      <button type="submit" className="button button-primary">
        {applyLabel}
      </button>
      {filtered && (
        <button type="button" className="button button-quiet" onClick={onClear}>
          {clearLabel}
        </button>
      )}
    </div>
  );
}
