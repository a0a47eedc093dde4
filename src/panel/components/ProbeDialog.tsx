import { useMemo, useState } from 'preact/hooks';
import type { KeyDocument, Sighting } from '../../core/types';
import { copyText } from '../clipboard';
import { MAX_KEPT_EXCHANGES } from '../models/exchange-store';
import { probeCommand, probeHarFile, probeNeeds, publicKeyDocument } from '../models/probe-har';
import { usePanel } from '../panel-context';
import { PANEL_TOOL } from '../tool-info';
import { Dialog } from './Dialog';

/** What the dialog is about: one sighting of one token. */
export interface ProbeTarget {
  fingerprint: string;
  sighting: Sighting;
}

/** The key documents that have public material to save (see `publicKeyDocument`). */
function keySetsOf(documents: readonly KeyDocument[]): KeyDocument[] {
  return documents.filter((d) => publicKeyDocument(d) !== undefined);
}

/**
 * "Probe this request…": saves the one request that carried the token as a HAR, raw (the probe must send
 * the token), and shows the `jwt-lens probe` command to run on it. The extension itself sends nothing.
 */
export function ProbeDialog({ target, onClose }: { target: ProbeTarget; onClose: () => void }) {
  const { tokens, download, clock } = usePanel();
  const exchange = tokens.exchange(target.sighting.requestId);
  const [openedAt] = useState(clock);
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('');
  const keyDocuments = useMemo(() => keySetsOf(tokens.keyDocuments()), [tokens]);
  const file = useMemo(
    () => (exchange ? probeHarFile(exchange, PANEL_TOOL, openedAt, keyDocuments) : null),
    [exchange, openedAt, keyDocuments],
  );
  // Always names the token: the request may carry others (a session cookie) that the panel's bounded
  // sightings no longer show, and the CLI asks for --token then.
  const command = file ? probeCommand(file.filename, target.fingerprint) : '';
  const needs = exchange ? probeNeeds(exchange) : { origin: '' };
  const copy = async () => setCopied((await copyText(command)) ? 'copied' : 'failed');
  return (
    <Dialog title="Probe this request" testId="probe-dialog" onClose={onClose}>
      {!exchange || !file ? (
        <p class="error" role="alert" data-testid="probe-not-kept">
          This request is no longer kept. The panel keeps the last {MAX_KEPT_EXCHANGES} requests that carried
          a token (live or imported), in memory only, and forgets them on Clear. Import the HAR again or
          repeat the request, then try again.
        </p>
      ) : (
        <>
          <p class="warn" role="note" data-testid="probe-secret-note">
            <strong>The saved file holds the raw token</strong>, with the request's other headers, cookies and
            body, unmasked: the probe must send them. Treat it as a secret, like a password, and delete it
            when you are done.
          </p>
          <p data-testid="probe-key-note">
            {keyDocuments.length > 0
              ? `After the request (entry 0), the file holds the ${keyDocuments.length === 1 ? 'key document' : `${keyDocuments.length} key documents`} seen in the capture (JWKS, OpenID configuration), public keys only, so that the probe can try algorithm confusion with the issuer's public key.`
              : 'No key set (JWKS) was seen in the capture: the algorithm-confusion probes need one. Load the page that fetches it, or give the CLI the issuer keys with --jwks <file>.'}
          </p>
          <p>
            The extension sends nothing. The probe runs only when you run the command below: the{' '}
            <code>jwt-lens</code> CLI replays this request to <code>{needs.origin}</code>, the origin that
            received it, once unchanged, once without the token, then with tampered tokens (at most 30
            requests, one at a time, no redirects followed), and reports what the server accepted. Add{' '}
            <code>--dry-run</code> to see every request first without sending any.
          </p>
          {needs.allowHost || needs.unsafeMethod ? (
            <ul data-testid="probe-needs">
              {needs.allowHost ? (
                <li>
                  <code>{needs.allowHost}</code> is not loopback: the CLI refuses it unless you add{' '}
                  <code>--allow-host {needs.allowHost}</code>. Probe only systems you are allowed to test.
                </li>
              ) : null}
              {needs.unsafeMethod ? (
                <li>
                  <code>{needs.unsafeMethod}</code> can change data: the CLI also needs{' '}
                  <code>--allow-unsafe-methods</code>.
                </li>
              ) : null}
            </ul>
          ) : null}
          <div class="actions">
            <button
              type="button"
              data-testid="probe-save"
              onClick={() => {
                download(file);
                setSaved(true);
              }}
            >
              Save request as HAR
            </button>
            {saved ? (
              <span class="muted" role="status">
                Saved {file.filename}
              </span>
            ) : null}
          </div>
          <p>Then run, where the file was saved:</p>
          <div class="actions">
            <code class="probe-command" data-testid="probe-command">
              {command}
            </code>
            <button type="button" data-testid="probe-copy" onClick={() => void copy()}>
              Copy command
            </button>
            {copied ? (
              <span class={copied === 'copied' ? 'muted' : 'error'} role="status" data-testid="probe-copied">
                {copied === 'copied' ? 'Copied' : 'Could not copy: select the command and copy it'}
              </span>
            ) : null}
          </div>
        </>
      )}
      <div class="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
