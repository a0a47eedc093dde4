import { baselineControlKey } from '../baseline/control-key';
import type { Baseline } from '../baseline/types';
import type { ProbeRun } from '../probe/types';
import { capitalize } from '../report/markdown';
import { isLoopbackHost } from '../rules/context/hosts';
import { hostOf } from '../rules/context/sighting-facts';
import type { AuditResult, Finding, TokenRecord } from '../types';
import { CONTROLS } from './controls';
import type { EvidenceKind } from './evidence-kinds';
import { FRAMEWORK_IDS, FRAMEWORKS } from './frameworks';
import { RULE_MAPPINGS } from './mapping-table';
import { mappingsOf, type RuleMapping } from './mappings';
import { ABSENT, lifetimeSeconds, type Population, plural, populationOf } from './populations';
import { type ProbePasses, probePassesOf, probePopulation } from './probe-evidence';
import { complianceScope } from './scope';
import type {
  ComplianceReport,
  Control,
  ControlResult,
  ControlStatus,
  FrameworkId,
  FrameworkResult,
} from './types';

/** What `assessCompliance` needs beyond the audit result. */
export interface ComplianceOptions {
  /** Frameworks to report; default: the policy's `compliance.frameworks`, else every framework. */
  frameworks?: readonly FrameworkId[];
  tool: { name: string; version: string };
  inputs?: readonly string[];
  /**
   * The baseline the capture was compared with (issue 16): the drift rules' controls look at nothing
   * without one, and a control that passed in it (`Baseline.controls`) and fails now says so.
   */
  baseline?: Baseline;
  /**
   * Probe runs (issue 15). Their refusals are evidence that the mapped controls operate, verifier
   * controls included; their findings reach the statuses through the audit result (`extraHits`).
   */
  probes?: readonly ProbeRun[];
}

const DAY = 86_400;
/** SP 800-63B-4 overall (absolute) reauthentication timeouts per AAL: §2.1.3, §2.2.3, §2.3.3. */
const AAL_OVERALL: Record<1 | 2 | 3, number> = { 1: 30 * DAY, 2: DAY, 3: DAY / 2 };
const AAL_SECTION: Record<string, 1 | 2 | 3> = { '§2.1.3': 1, '§2.2.3': 2, '§2.3.3': 3 };

/** Everything the control checks share: populations, findings and tokens looked up once. */
interface Assessment {
  result: AuditResult;
  aal: 1 | 2 | 3;
  populations: Map<EvidenceKind, Population>;
  findingsByRule: Map<string, Finding[]>;
  records: Map<string, TokenRecord>;
  baseline?: Baseline;
  probes: ProbePasses[];
}

/**
 * Compliance evidence for an audit: per control of each selected framework, `fail` (a finding of a
 * directly mapped rule, after the policy's ignores and overrides), `pass` (the mapped checks looked at
 * something relevant and found nothing), `not-observed` (nothing to look at), `partial` (a control a
 * passive capture only partly evidences, or findings that bear on it only partly) or `out-of-scope`
 * (the policy's, or an SP 800-63B AAL other than the policy's). Pure; never throws.
 */
export function assessCompliance(result: AuditResult, options: ComplianceOptions): ComplianceReport {
  const settings = result.policy.compliance;
  const findingsByRule = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = findingsByRule.get(finding.ruleId) ?? [];
    list.push(finding);
    findingsByRule.set(finding.ruleId, list);
  }
  const assessment: Assessment = {
    result,
    aal: settings?.nistAal ?? 2,
    populations: new Map(),
    findingsByRule,
    records: new Map(result.tokens.map((r) => [r.token.fingerprint, r])),
    probes: probePassesOf(options.probes ?? []),
  };
  if (options.baseline) assessment.baseline = options.baseline;
  const selected = options.frameworks ?? settings?.frameworks ?? FRAMEWORK_IDS;
  const frameworks = FRAMEWORK_IDS.filter((id) => selected.includes(id)).map((id) =>
    assessFramework(id, assessment),
  );
  return { scope: complianceScope(result, options.tool, options.inputs ?? []), frameworks };
}

function assessFramework(id: FrameworkId, assessment: Assessment): FrameworkResult {
  const controls = CONTROLS[id].map((control) => assessControl(control, assessment));
  const summary: Record<ControlStatus, number> = {
    pass: 0,
    fail: 0,
    'not-observed': 0,
    partial: 0,
    'out-of-scope': 0,
  };
  for (const control of controls) summary[control.status]++;
  return { framework: { ...FRAMEWORKS[id] }, controls, summary };
}

function populationFor(kind: EvidenceKind, assessment: Assessment): Population {
  let pop = assessment.populations.get(kind);
  if (!pop) {
    pop = populationOf(kind, assessment.result, assessment.baseline);
    assessment.populations.set(kind, pop);
  }
  return pop;
}

/** Findings of one mapping, narrowed by its condition. */
function findingsOf(mapping: RuleMapping, assessment: Assessment): Finding[] {
  const all = assessment.findingsByRule.get(mapping.ruleId) ?? [];
  if (mapping.when === 'payment-card')
    return all.filter((f) => f.evidence.some((e) => /card number/i.test(e.label)));
  if (mapping.when === 'aal-overall-limit') {
    const limit = AAL_OVERALL[AAL_SECTION[mapping.control] ?? assessment.aal];
    return all.filter((f) => {
      const record = assessment.records.get(f.fingerprint);
      const seconds = record ? lifetimeSeconds(record) : undefined;
      return seconds !== undefined && seconds > limit;
    });
  }
  if (mapping.when === 'off-loopback') return all.filter((f) => leftTheMachine(f, assessment));
  return all;
}

/** A finding with a sighting on a host that is not loopback (or whose host is unknown). */
function leftTheMachine(finding: Finding, assessment: Assessment): boolean {
  const sightings = assessment.records.get(finding.fingerprint)?.sightings ?? [];
  const ids = new Set(finding.sightingIds);
  const hosts = sightings.filter((s) => ids.has(s.id)).map((s) => hostOf(s));
  return hosts.length === 0 || hosts.some((host) => !isLoopbackHost(host));
}

function outOfScopeReason(control: Control, assessment: Assessment): string | undefined {
  const entry = assessment.result.policy.compliance?.outOfScope.find(
    (e) => e.framework === control.framework && e.control === control.id,
  );
  if (entry) return entry.reason;
  const level = AAL_SECTION[control.id];
  if (control.framework === 'nist-800-63b' && level !== undefined && level !== assessment.aal) {
    return `the policy’s NIST assurance level is AAL${assessment.aal} (compliance.nistAal); this section sets the AAL${level} limits`;
  }
  return undefined;
}

const NO_COUNTS = { tokens: 0, sightings: 0, requests: 0, hosts: 0 };

function assessControl(control: Control, assessment: Assessment): ControlResult {
  // Every mapped rule is in the catalog: test/core/compliance/catalogue.test.ts fails otherwise.
  const mappings = mappingsOf(control);
  const ruleIds = [...new Set(mappings.map((m) => m.ruleId))];
  const base = { framework: control.framework, control: control.id, title: control.title, ruleIds };
  const reason = outOfScopeReason(control, assessment);
  if (reason !== undefined) {
    const evidence = `Out of scope: ${reason}.`;
    return { ...base, status: 'out-of-scope', findings: [], evidence, counts: NO_COUNTS, note: reason };
  }
  if (mappings.length === 0) {
    const evidence = 'No check of this JWT Lens version gives evidence for it.';
    return { ...base, status: 'not-observed', findings: [], evidence, counts: NO_COUNTS };
  }
  return { ...base, ...sinceBaseline(control, statusOf(control, mappings, assessment), assessment) };
}

/** A control that passed when the baseline was learned and fails now says so first. */
function sinceBaseline(control: Control, status: Status, assessment: Assessment): Status {
  const before = assessment.baseline?.controls;
  if (status.status !== 'fail' || !before) return status;
  const key = baselineControlKey(control.framework, control.id);
  if (!Object.hasOwn(before, key) || before[key] !== 'pass') return status;
  return { ...status, evidence: `Passed in the baseline, fails now: ${status.evidence}` };
}

type Status = Omit<ControlResult, 'framework' | 'control' | 'title' | 'ruleIds'>;

/** fail, not-observed, partial or pass, from the findings of the mapped rules and what they could see. */
function statusOf(control: Control, mappings: readonly RuleMapping[], assessment: Assessment): Status {
  const findings = (strength: RuleMapping['strength']) =>
    unique(mappings.filter((m) => m.strength === strength).flatMap((m) => findingsOf(m, assessment)));
  const direct = findings('direct');
  const partial = findings('partial');
  const pop = unionOf(mappings, assessment);
  const counts = {
    tokens: pop.tokens.size,
    sightings: pop.sightings.size,
    requests: pop.requests.size,
    hosts: pop.hosts.size,
  };
  const checked = pop.phrases.join('; ');
  // A fail lists the findings that make it fail; partial ones bear on it but prove nothing by themselves.
  if (direct.length > 0)
    return { status: 'fail', findings: listed(direct), evidence: failSentence(direct, checked), counts };
  if (pop.phrases.length === 0 && partial.length === 0) {
    const absent = [...new Set(mappings.map((m) => ABSENT[RULE_MAPPINGS[m.ruleId]?.evidence ?? 'requests']))];
    const evidence = `Nothing to check: ${absent.join(', ')} in the capture.`;
    return { status: 'not-observed', findings: [], evidence, counts };
  }
  const onlyPartly = control.coverage === 'partial' || !mappings.some((m) => m.strength === 'direct');
  // A refused probe is what a passive capture lacks for a verifier control: it shows the control operating.
  if (partial.length === 0 && (!onlyPartly || pop.probed))
    return {
      status: 'pass',
      findings: [],
      evidence: `${capitalize(checked)}: no finding against it.`,
      counts,
    };
  const bearing = partial.length > 0 ? `${findingCount(partial)} bearing on it partly` : '';
  // What is still needed, without a label: each report puts its own ("Still needed:", a heading…) before it.
  const note = `${control.needs ?? 'the mapped checks cover this control only partly'}.`;
  const evidence = `Seen: ${[checked, bearing].filter(Boolean).join('; ')}.`;
  return { status: 'partial', findings: listed(partial), evidence, counts, note };
}

function listed(findings: readonly Finding[]): ControlResult['findings'] {
  return findings.map((f) => ({ ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity }));
}

/** The union of the populations of a control's rules, with each distinct phrase once. */
function unionOf(mappings: readonly RuleMapping[], assessment: Assessment) {
  const out = {
    tokens: new Set<string>(),
    sightings: new Set<string>(),
    requests: new Set<string>(),
    hosts: new Set<string>(),
    phrases: [] as string[],
    probed: false,
  };
  const kinds = new Set(
    mappings.map((m) => RULE_MAPPINGS[m.ruleId]?.evidence).filter((k) => k !== undefined),
  );
  for (const kind of kinds) {
    const pop = kind === 'probes' ? probedFor(mappings, assessment) : populationFor(kind, assessment);
    if (kind === 'probes') out.probed = pop.phrase !== '';
    for (const key of ['tokens', 'sightings', 'requests', 'hosts'] as const)
      for (const item of pop[key]) out[key].add(item);
    if (pop.phrase && !out.phrases.includes(pop.phrase)) out.phrases.push(pop.phrase);
  }
  return out;
}

/** The refusals of the probe rules mapped directly to a control. */
function probedFor(mappings: readonly RuleMapping[], assessment: Assessment): Population {
  const rules = mappings
    .filter((m) => m.strength === 'direct' && RULE_MAPPINGS[m.ruleId]?.evidence === 'probes')
    .map((m) => m.ruleId);
  return probePopulation(new Set(rules), assessment.probes);
}

function unique(findings: readonly Finding[]): Finding[] {
  return [...new Set(findings)];
}

function findingCount(findings: readonly Finding[]): string {
  const n = unique(findings).length;
  const rules = [...new Set(findings.map((f) => f.ruleId))].join(', ');
  return `${plural(n, 'finding')} (${rules})`;
}

function failSentence(direct: readonly Finding[], checked: string): string {
  const tokens = new Set(direct.map((f) => f.fingerprint).filter((fp) => fp !== '')).size;
  const on = tokens > 0 ? ` on ${plural(tokens, 'token')}` : '';
  return `${capitalize(findingCount(direct))}${on}${checked ? `; checked: ${checked}` : ''}.`;
}
