/**
 * Aggregates shown to anyone but the programme team hide every group smaller than
 * MIN_GROUP_SIZE, so a small pilot cannot expose a person (DESIGN.md, "Who may see what").
 */
export const MIN_GROUP_SIZE = 5;

/** A count as it may be shown: the number, or `hidden` when the group is too small to show. */
export type ShownCount = { hidden: false; value: number } | { hidden: true };

/** Whether a group of this many people may be shown as a number. Nobody (0) reveals nobody. */
export function isShowable(groupSize: number): boolean {
  return groupSize === 0 || groupSize >= MIN_GROUP_SIZE;
}

/** The count as shown to members: hidden when its group is smaller than MIN_GROUP_SIZE. */
export function showCount(value: number, groupSize: number): ShownCount {
  return isShowable(groupSize) ? { hidden: false, value } : { hidden: true };
}

/**
 * A count of people as it may be shown to members: a group of 1 to 4 people is hidden, whatever
 * it is a part of, so "3 coaches" or "2 completed this module" never single anyone out.
 */
export function showMemberCount(count: number): ShownCount {
  return isShowable(count) ? { hidden: false, value: count } : { hidden: true };
}
