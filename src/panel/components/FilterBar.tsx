import type { Severity } from '../../core/types';
import { usePanel } from '../panel-context';

const SEVERITIES: Array<{ value: Severity | ''; label: string }> = [
  { value: '', label: 'All severities' },
  { value: 'critical', label: 'Critical' },
  { value: 'high', label: 'High and above' },
  { value: 'medium', label: 'Medium and above' },
  { value: 'low', label: 'Low and above' },
  { value: 'info', label: 'Any finding' },
];

const isSeverity = (value: string): value is Severity | '' => SEVERITIES.some((s) => s.value === value);

/**
 * Search box, the severity, host and rule filters, the Drift filter (while comparing with a baseline) and
 * the list order; the list shows "N of M" tokens.
 */
export function FilterBar() {
  const { tokens, baseline } = usePanel();
  const filters = tokens.filters.value;
  // Offered while comparing with a baseline (and while still set, so it can be switched off).
  const drift = baseline.comparing.value || filters.drift;
  const { hosts, rules } = tokens.filterOptions.value;
  return (
    <div class="filters">
      <input
        type="search"
        placeholder="Search issuer, subject, host, rule…"
        aria-label="Search tokens"
        data-testid="search"
        value={filters.text}
        onInput={(e) => tokens.setFilters({ text: e.currentTarget.value })}
      />
      <select
        aria-label="Severity filter"
        data-testid="filter-severity"
        value={filters.severity}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isSeverity(value)) tokens.setFilters({ severity: value });
        }}
      >
        {SEVERITIES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      <Choice
        label="Host filter"
        testId="filter-host"
        all="All hosts"
        options={hosts}
        value={filters.host}
        onChange={(host) => tokens.setFilters({ host })}
      />
      <Choice
        label="Rule filter"
        testId="filter-rule"
        all="All rules"
        options={rules}
        value={filters.rule}
        onChange={(rule) => tokens.setFilters({ rule })}
      />
      {drift ? (
        <label class="check" title="Only tokens with drift findings: what changed since the baseline">
          <input
            type="checkbox"
            data-testid="filter-drift"
            checked={filters.drift}
            onChange={(e) => tokens.setFilters({ drift: e.currentTarget.checked })}
          />
          Drift
        </label>
      ) : null}
      <select
        aria-label="List order"
        data-testid="list-order"
        value={filters.order}
        onChange={(e) =>
          tokens.setFilters({ order: e.currentTarget.value === 'severity' ? 'severity' : 'seen' })
        }
      >
        <option value="seen">First seen first</option>
        <option value="severity">Most severe first</option>
      </select>
      <span class="muted" data-testid="counter-visible">
        {tokens.visible.value.length} of {tokens.result.value.tokens.length} tokens
      </span>
    </div>
  );
}

interface ChoiceProps {
  label: string;
  testId: string;
  all: string;
  options: string[];
  value: string;
  onChange: (value: string) => void;
}

/** A select whose options come from the capture; the current value stays listed even if it vanished. */
function Choice({ label, testId, all, options, value, onChange }: ChoiceProps) {
  const list = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      <option value="">{all}</option>
      {list.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}
