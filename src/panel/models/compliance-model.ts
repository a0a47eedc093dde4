import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type {
  ComplianceReport,
  ControlResult,
  FrameworkId,
  FrameworkResult,
} from '../../core/compliance/types';
import type { AuditResult } from '../../core/types';
import { pickerOrder } from './compliance-text';

/** The engine call behind the view: the audit result in, the statuses out (injected, like `download`). */
export type AssessCompliance = (result: AuditResult) => ComplianceReport;

/** The Compliance view's state: the report for the current result, the chosen framework and control. */
export interface ComplianceModel {
  /** `null` when the engine failed on this result (the view says so instead of showing stale statuses). */
  report: ReadonlySignal<ComplianceReport | null>;
  /** The report's frameworks, in picker order. */
  frameworks: ReadonlySignal<FrameworkResult[]>;
  /** The chosen framework, or the first one the report has. */
  framework: ReadonlySignal<FrameworkResult | null>;
  /** The chosen control of that framework, if it is still there. */
  control: ReadonlySignal<ControlResult | null>;
  selectFramework(id: FrameworkId): void;
  selectControl(id: string | null): void;
}

/**
 * Creates the model. The report is a lazy `computed`: it is assessed only while the view (or an export)
 * reads it, and again only when the audit result changes, so capture never pays for it in the list view.
 */
export function createComplianceModel(
  result: ReadonlySignal<AuditResult>,
  assess: AssessCompliance,
): ComplianceModel {
  const chosen = signal<FrameworkId | null>(null);
  const chosenControl = signal<string | null>(null);
  const report = computed(() => {
    try {
      return assess(result.value);
    } catch {
      return null;
    }
  });
  const frameworks = computed(() => pickerOrder(report.value?.frameworks ?? []));
  const framework = computed(() => {
    const all = frameworks.value;
    return all.find((f) => f.framework.id === chosen.value) ?? all[0] ?? null;
  });
  const control = computed(
    () => framework.value?.controls.find((c) => c.control === chosenControl.value) ?? null,
  );
  return {
    report,
    frameworks,
    framework,
    control,
    selectFramework: (id) => {
      chosen.value = id;
      chosenControl.value = null;
    },
    selectControl: (id) => {
      chosenControl.value = id;
    },
  };
}
