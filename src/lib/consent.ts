/** Consent to be named: a pair is named to its cohort only while both partners agree. */
export interface PairConsent {
  mentorConsents: boolean;
  menteeConsents: boolean;
}

/** Whether the rest of the cohort may see who is in this pair. */
export function mayNamePair(pair: PairConsent): boolean {
  return pair.mentorConsents && pair.menteeConsents;
}
