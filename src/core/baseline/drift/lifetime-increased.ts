import { formatDuration } from '../../rules/token/format-duration';
import { lifetimeOf } from '../token-facts';
import { driftHit, expected, perToken, profileName, seen } from './drift-parts';

/**
 * `drift-lifetime-increased`: a token that lives longer than the profile's learned maximum by more than
 * the policy's tolerance (`drift.lifetimeTolerance`, a fraction of the maximum): from 15 minutes to a day
 * makes a stolen token usable 96 times as long (RFC 6750 §5.3 asks for short-lived bearer tokens).
 */
export const checkLifetimeIncreased = perToken(({ record, profile }, ctx) => {
  const learned = profile.lifetime;
  if (!learned || !Number.isFinite(learned.max)) return undefined;
  const lifetime = lifetimeOf(record);
  if (lifetime === undefined) return undefined;
  const limit = learned.max * (1 + ctx.thresholds.lifetimeTolerance);
  if (!(lifetime > limit)) return undefined;
  const tolerance = Math.round(ctx.thresholds.lifetimeTolerance * 100);
  return driftHit(
    'drift-lifetime-increased',
    record,
    `Lives ${formatDuration(lifetime)}; the baseline’s ${profileName(profile)} lived at most ${formatDuration(learned.max)} (${tolerance} % tolerated).`,
    [
      expected(
        `lifetime ${formatDuration(learned.min)} to ${formatDuration(learned.max)} (median ${formatDuration(learned.median)})`,
      ),
      seen(`lifetime ${formatDuration(lifetime)}`),
    ],
  );
});
