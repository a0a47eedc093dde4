/** Values of one side of the comparison, one per line. */
function Values({ values, testId }: { values: readonly string[]; testId: string }) {
  if (values.length === 0) return <span class="muted">none</span>;
  return (
    <ul class="drift-values" data-testid={testId}>
      {values.map((value, i) => (
        <li key={i}>
          <code>{value}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * A drift finding's evidence as the baseline's expected values beside the values seen in this capture
 * (the drift rules' `expected` / `seen` evidence lines), in two columns of a table.
 */
export function DriftCompare({ expected, seen }: { expected: readonly string[]; seen: readonly string[] }) {
  return (
    <table class="drift-compare" data-testid="drift-compare">
      <thead>
        <tr>
          <th scope="col">Expected (baseline)</th>
          <th scope="col">Seen</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            <Values values={expected} testId="drift-expected" />
          </td>
          <td>
            <Values values={seen} testId="drift-seen" />
          </td>
        </tr>
      </tbody>
    </table>
  );
}
