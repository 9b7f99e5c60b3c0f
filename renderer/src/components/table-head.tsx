// The heading row of a data table: one <th scope="col"> per column, figures right-aligned (`num`),
// and headings only a screen reader needs (an action column) kept visually hidden.
export interface Column {
  label: string;
  /** A column of figures: right-aligned like its cells. */
  num?: boolean;
  /** Read by screen readers only. */
  hidden?: boolean;
}

export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
            {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
