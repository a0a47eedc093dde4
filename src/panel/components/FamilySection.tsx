import type { FamilyLinks } from '../models/lifecycle-view';
import { describeTime, msOf } from '../models/timeline-axis';
import { purposeLabel } from '../models/token-row';

type Select = (fingerprint: string) => void;

/** A family member as a link that selects it. */
function TokenLink({
  fingerprint,
  kind,
  onSelect,
}: {
  fingerprint: string;
  kind?: string;
  onSelect: Select;
}) {
  return (
    <button
      type="button"
      class="token-link"
      data-testid="family-link"
      data-fingerprint={fingerprint}
      onClick={() => onSelect(fingerprint)}
    >
      {kind ? `${purposeLabel(kind)} ` : ''}
      <code>{fingerprint}</code>
    </button>
  );
}

function issuedText(links: FamilyLinks): string {
  const { family } = links;
  const at = msOf(family.issuedAt);
  const grant = family.grantType ? ` (grant_type ${family.grantType})` : '';
  return `${at === null ? 'at an unknown time' : describeTime(at)}${grant}`;
}

/** One family of the selected token: issued when and how, with whom, refreshed from and into what. */
function Family({ links, onSelect }: { links: FamilyLinks; onSelect: Select }) {
  const { family, issuedWith, from, into } = links;
  return (
    <dl class="family" data-testid="family" data-family-id={family.id}>
      <div>
        <dt>Family {family.id}</dt>
        <dd>issued {issuedText(links)}</dd>
      </div>
      {issuedWith.length > 0 ? (
        <div data-testid="family-issued-with">
          <dt>Issued with</dt>
          <dd>
            {issuedWith.map((m) => (
              <TokenLink key={m.fingerprint} fingerprint={m.fingerprint} kind={m.role} onSelect={onSelect} />
            ))}
          </dd>
        </div>
      ) : null}
      {from ? (
        <div data-testid="family-refreshed-from">
          <dt>Refreshed from</dt>
          <dd>
            family {from.familyId}
            {from.refreshToken ? (
              <>
                {' with '}
                <TokenLink fingerprint={from.refreshToken} kind="refresh" onSelect={onSelect} />
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
      {into.length > 0 ? (
        <div data-testid="family-refreshed-into">
          <dt>Refreshed into</dt>
          <dd>
            {into.map((f) => (
              <span key={f.id} class="family-into">
                family {f.id}:{' '}
                {f.members.map((m) => (
                  <TokenLink
                    key={m.fingerprint}
                    fingerprint={m.fingerprint}
                    kind={m.role}
                    onSelect={onSelect}
                  />
                ))}
              </span>
            ))}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The token's families (issue 13): nothing when it was issued in none seen in this capture. */
export function FamilySection({
  families,
  onSelect,
}: {
  families: readonly FamilyLinks[];
  onSelect: Select;
}) {
  if (families.length === 0) return null;
  return (
    <>
      <h3>Family</h3>
      {families.map((links) => (
        <Family key={links.family.id} links={links} onSelect={onSelect} />
      ))}
    </>
  );
}
