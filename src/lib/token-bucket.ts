/** A token bucket: `capacity` requests at once, refilled at `perMinute`. Pure arithmetic. */

export interface Bucket {
  tokens: number;
  refilledAt: number;
}

export interface BucketRule {
  capacity: number;
  perMinute: number;
}

/** The bucket after refilling to `now` and taking one token, and whether a token was there to take. */
export function takeToken(
  bucket: Bucket | undefined,
  rule: BucketRule,
  now: number,
): { allowed: boolean; bucket: Bucket } {
  const start = bucket ?? { tokens: rule.capacity, refilledAt: now };
  const refilled = Math.min(
    rule.capacity,
    start.tokens + ((now - start.refilledAt) / 60_000) * rule.perMinute,
  );
  if (refilled < 1) return { allowed: false, bucket: { tokens: refilled, refilledAt: now } };
  return { allowed: true, bucket: { tokens: refilled - 1, refilledAt: now } };
}

/** The bucket after refilling to `now` and giving back a token taken for a request that proved its worth. */
export function returnToken(bucket: Bucket, rule: BucketRule, now: number): Bucket {
  const refilled = bucket.tokens + ((now - bucket.refilledAt) / 60_000) * rule.perMinute;
  return { tokens: Math.min(rule.capacity, refilled + 1), refilledAt: now };
}
