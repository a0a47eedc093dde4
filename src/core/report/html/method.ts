import type { ControlStatus } from '../../compliance/types';
import { statusBadge } from './badges';
import { el, type Html } from './markup';

/** What each status states, in the words an assessor reads them. */
export const STATUS_MEANING: Readonly<Record<ControlStatus, string>> = {
  pass: 'The mapped checks ran on at least one relevant token or request in the sample and found nothing; the evidence column says what was checked.',
  fail: 'A mapped check found a violation (after the policy’s ignores and severity overrides); the findings are listed below.',
  partial:
    'A passive capture can evidence this control only in part: the evidence column says what was seen, the note what an assessor still needs from the organisation.',
  'not-observed':
    'The capture held nothing the mapped checks could look at (for example no cookies for a cookie control): no statement either way.',
  'out-of-scope': 'Excluded by the policy, with its reason.',
};

const STATUSES: readonly ControlStatus[] = ['pass', 'fail', 'partial', 'not-observed', 'out-of-scope'];

/** Method and limits of a passive audit, and what the statuses mean. */
export function methodSection(withCompliance: boolean, probed = false): Html {
  return el(
    'section',
    { id: 'method', 'aria-label': 'Method and limits' },
    el('h2', null, 'Method and limits of a passive audit'),
    el(
      'p',
      null,
      'JWT Lens read the recorded traffic and token lists named in the scope and checked every JSON Web Token and OAuth token it found against its rule catalogue (RFC 7515, 7519, 8725, 6749, 6750 and 9700, OpenID Connect Core, OWASP ASVS 5.0, NIST SP 800-63B-4). It sent no request of its own: the audit is passive, and the same inputs, policy (see its digest), reference time and tool version give the same result.',
    ),
    probed
      ? el(
          'p',
          { 'data-testid': 'method-probed' },
          'Except for the probes: this report also holds the results of the jwt-lens probe command, which did send requests, listed in the Probes section with what each changed and what came back. Its results depend on the server at the time of the run.',
        )
      : null,
    el('h3', null, 'What a capture shows'),
    el(
      'p',
      null,
      'What clients and servers put on the wire: token algorithms and headers, claims and lifetimes, personal data carried in tokens, the transport (HTTPS or not), where tokens travel (headers, URLs, cookies and their attributes, browser storage) and how responses carrying them may be cached.',
    ),
    el('h3', null, 'What it shows only in part'),
    el(
      'p',
      null,
      'Server-side controls are evidenced only by acceptance checks: where the capture holds the server’s answer to a token (an expired, altered or unsigned token answered with success is reported as a failure; it is inferred from the answer, so worth confirming by hand). A server that never received such a token in the capture is shown neither to validate it nor to accept it.',
    ),
    el('h3', null, 'What it cannot show'),
    el(
      'p',
      null,
      'Key management (generation, storage and rotation of signing keys), revocation and session-termination procedures, logging and monitoring practice, access reviews, and anything outside the captured traffic: other clients, environments and periods. These need the organisation’s own evidence',
      withCompliance ? '; controls that depend on them are marked partial with what is still needed' : '',
      '. The absence of a finding speaks for the sample in scope only: it is not proof of compliance.',
    ),
    withCompliance ? [el('h3', null, 'What the statuses mean'), statusTerms()] : null,
  );
}

function statusTerms(): Html {
  return el(
    'dl',
    { class: 'terms' },
    STATUSES.map((status) => [el('dt', null, statusBadge(status)), el('dd', null, STATUS_MEANING[status])]),
  );
}
