import { maskToken } from '../../core/report';

const JWS_PARTS = ['header', 'payload', 'signature'];
const JWE_PARTS = ['header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'];

/** Longest segment shown in full; a token can carry kilobytes of certificate chain. */
const MAX_SEGMENT_CHARS = 4096;

/**
 * The token coloured by segment, as text nodes in spans (never markup from the token). Masked unless
 * `reveal`: the header is kept, the payload cut short and the signature dropped, as in the exports. An
 * `opaque` token has no segments: it is one piece (masked, a short prefix and its length).
 */
export function TokenText({ text, reveal, opaque }: { text: string; reveal: boolean; opaque?: boolean }) {
  const shown = reveal ? text : maskToken(text);
  if (opaque) {
    return (
      <code class="token-text" data-testid="token-text">
        <span class="seg" title="opaque token">
          {shown.length > MAX_SEGMENT_CHARS ? `${shown.slice(0, MAX_SEGMENT_CHARS)}…` : shown}
        </span>
      </code>
    );
  }
  const segments = shown.split('.');
  const names = segments.length === 5 ? JWE_PARTS : JWS_PARTS;
  return (
    <code class="token-text" data-testid="token-text">
      {segments.map((segment, i) => (
        <span key={i}>
          {i > 0 ? <span class="seg-dot">.</span> : null}
          <span class={`seg seg-${Math.min(i, 4)}`} title={names[i] ?? 'extra segment'}>
            {segment.length > MAX_SEGMENT_CHARS ? `${segment.slice(0, MAX_SEGMENT_CHARS)}…` : segment}
          </span>
        </span>
      ))}
    </code>
  );
}
