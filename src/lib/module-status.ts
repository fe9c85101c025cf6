/** Where a person is with one module. No imports, so the browser's workspace script can use it too. */

/** What the database keeps per person and module. */
export interface ModuleRecord {
  moduleId: string;
  startedAt: Date;
  completedAt: Date | null;
}

export type ModuleStatus = 'not-started' | 'in-progress' | 'complete';

export const STATUS_LABELS: Record<ModuleStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

/** A module is started by the first answer or reflection saved for it, and complete when marked so. */
export function moduleStatus(record: ModuleRecord | undefined): ModuleStatus {
  if (!record) return 'not-started';
  return record.completedAt ? 'complete' : 'in-progress';
}
