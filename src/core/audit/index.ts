export type { Auditor, AuditorLimits, AuditorOptions, AuditorStats } from './auditor';
export { auditCapture, createAuditor } from './auditor';
export { SEVERITY_ORDER, severityRank } from './findings';
export { guessPurpose } from './purpose';
