import type { AdminRequestsCsvQuery, GuardrailCategory } from '@reco/contracts';

/** The filters of the audit screens, as typed. */
export interface AuditFilterForm {
  from: string;
  to: string;
  decision: '' | 'allow' | 'warn';
  category: '' | GuardrailCategory;
  team: string;
}

export const EMPTY_FILTERS: AuditFilterForm = { from: '', to: '', decision: '', category: '', team: '' };

/** The query of `GET /api/admin/requests(.csv)`: empty fields left out. */
export function toRequestFilters(form: AuditFilterForm): AdminRequestsCsvQuery {
  return {
    ...(form.from && { from: form.from }),
    ...(form.to && { to: form.to }),
    ...(form.decision && { decision: form.decision }),
    ...(form.category && { category: form.category }),
    ...(form.team.trim() && { team: form.team.trim() }),
  };
}

/** A French message when the period is reversed. */
export function periodError(form: Pick<AuditFilterForm, 'from' | 'to'>): string | undefined {
  return form.from && form.to && form.from > form.to
    ? 'La date de début est postérieure à la date de fin.'
    : undefined;
}

/** A stable key of the filters, to reload when they change. */
export function filtersKey(filters: object): string {
  return JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
}
